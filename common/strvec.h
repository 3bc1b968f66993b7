/*
 * A growable array of owned strings.
 */
#ifndef RM_STRVEC_H
#define RM_STRVEC_H

#include <stdbool.h>
#include <stddef.h>

struct strvec {
	char **v;
	size_t n;
	size_t cap;
};

#define STRVEC_INIT { NULL, 0, 0 }

void strvec_free(struct strvec *sv);
/* Append a copy of S. */
void strvec_push(struct strvec *sv, const char *s);
/* Append a copy of S unless an equal string is already there; true if added. */
bool strvec_add_unique(struct strvec *sv, const char *s);
bool strvec_contains(const struct strvec *sv, const char *s);

#endif
