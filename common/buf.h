/*
 * A growable byte buffer with a hard cap, after curl's dynbuf: every
 * buffer that holds untrusted input is created with the most it may ever
 * hold, and refuses to grow past it.
 */
#ifndef RM_BUF_H
#define RM_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;  /* always NUL-terminated once anything was appended */
	size_t len;
	size_t cap;
	size_t max;  /* appends that would exceed this fail */
};

/* Start an empty buffer that may hold at most MAX bytes. */
void buf_init(struct buf *b, size_t max);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);

/* Append; 0 on success, RM_ETOOLARGE (buffer unchanged) past the cap. */
int buf_append(struct buf *b, const void *p, size_t n);
int buf_append_str(struct buf *b, const char *s);
int buf_append_char(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The contents as a string ("" when empty); valid until the next append. */
const char *buf_str(const struct buf *b);

/* Hand over the storage (caller frees) and reset the buffer. */
char *buf_steal(struct buf *b);

#endif
