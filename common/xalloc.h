/*
 * Allocation that never returns NULL.
 *
 * Out-of-memory is not a recoverable condition for a cron job: like redis
 * and sfeed, rumormill prints a message and aborts.  Input limits are a
 * different matter and are reported as RM_ETOOLARGE by the code that
 * enforces them.
 */
#ifndef RM_XALLOC_H
#define RM_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grow an array of COUNT elements of SIZE bytes; aborts on overflow. */
void *xreallocarray(void *ptr, size_t count, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* xstrdup(s) or NULL when s is NULL. */
char *xstrdup_or_null(const char *s);

#endif
