/*
 * Locale-free character tests and string helpers for protocol and
 * markup text.  The C library's <ctype.h> depends on the locale and on
 * signedness; these never do.
 */
#ifndef RM_ASCII_H
#define RM_ASCII_H

#include <stdbool.h>
#include <stddef.h>

static inline bool ascii_isspace(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}
static inline bool ascii_isdigit(int c) { return c >= '0' && c <= '9'; }
static inline bool ascii_isalpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static inline bool ascii_isalnum(int c)
{
	return ascii_isalpha(c) || ascii_isdigit(c);
}
static inline int ascii_tolower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}
static inline int ascii_toupper(int c)
{
	return (c >= 'a' && c <= 'z') ? c - ('a' - 'A') : c;
}

/* Case-insensitive (ASCII) comparisons. */
int ascii_casecmp(const char *a, const char *b);
int ascii_ncasecmp(const char *a, const char *b, size_t n);
/* Case-insensitive search for NEEDLE in the first HLEN bytes of HAY. */
const char *ascii_casestr(const char *hay, size_t hlen, const char *needle);
/* Lower-case S in place. */
void ascii_lower(char *s);
/* Pointer/length of S without leading and trailing white space. */
const char *ascii_trim(const char *s, size_t len, size_t *outlen);

/*
 * Parse a non-negative decimal integer that fills the whole of S, no
 * larger than MAX.  Returns 0 and sets *OUT, or RM_EINVAL.
 */
int parse_uint(const char *s, unsigned long long max,
	       unsigned long long *out);

#endif
