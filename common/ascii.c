#include "common/ascii.h"

#include <string.h>

#include "common/errors.h"

int
ascii_casecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = ascii_tolower((unsigned char)*a);
		int cb = ascii_tolower((unsigned char)*b);

		if (ca != cb || !ca)
			return ca - cb;
	}
}

int
ascii_ncasecmp(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int ca = ascii_tolower((unsigned char)a[i]);
		int cb = ascii_tolower((unsigned char)b[i]);

		if (ca != cb || !ca)
			return ca - cb;
	}
	return 0;
}

const char *
ascii_casestr(const char *hay, size_t hlen, const char *needle)
{
	size_t nlen = strlen(needle);

	if (nlen == 0)
		return hay;
	for (size_t i = 0; i + nlen <= hlen; i++)
		if (ascii_ncasecmp(hay + i, needle, nlen) == 0)
			return hay + i;
	return NULL;
}

void
ascii_lower(char *s)
{
	for (; *s; s++)
		*s = (char)ascii_tolower((unsigned char)*s);
}

const char *
ascii_trim(const char *s, size_t len, size_t *outlen)
{
	while (len && ascii_isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && ascii_isspace((unsigned char)s[len - 1]))
		len--;
	*outlen = len;
	return s;
}

int
parse_uint(const char *s, unsigned long long max, unsigned long long *out)
{
	unsigned long long v = 0;

	if (!s || !*s)
		return RM_EINVAL;
	for (; *s; s++) {
		if (!ascii_isdigit((unsigned char)*s))
			return RM_EINVAL;
		unsigned long long d = (unsigned long long)(*s - '0');

		if (d > max || v > (max - d) / 10)
			return RM_EINVAL;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}
