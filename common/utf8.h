/*
 * UTF-8 hygiene for text that reaches JSON, SQLite and terminals.
 */
#ifndef RM_UTF8_H
#define RM_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True when the LEN bytes at S are valid UTF-8 with no NUL byte. */
bool utf8_valid(const char *s, size_t len);

/*
 * A copy of LEN bytes at S with every invalid sequence replaced by
 * U+FFFD and NUL bytes dropped.  Caller frees.
 */
char *utf8_sanitize(const char *s, size_t len);

/*
 * Length in bytes of the longest prefix of S (LEN bytes, valid UTF-8)
 * that has at most MAXCHARS characters: for cutting text without
 * splitting a character.
 */
size_t utf8_prefix(const char *s, size_t len, size_t maxchars);

/* Number of characters in valid UTF-8 (for aligning columns). */
size_t utf8_width(const char *s);

#endif
