#include "common/utf8.h"

#include <string.h>

#include "common/buf.h"
#include "common/xalloc.h"

/*
 * Length of the valid UTF-8 sequence at S (at most LEN bytes), or 0 when
 * it is invalid: overlong forms, surrogates and code points past
 * U+10FFFF are invalid (RFC 3629).
 */
static size_t
seq_len(const unsigned char *s, size_t len)
{
	unsigned c = s[0];
	size_t n;
	unsigned min, cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		min = 0x80;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		min = 0x800;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		min = 0x10000;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

bool
utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	for (size_t i = 0; i < len;) {
		size_t n;

		if (p[i] == 0)
			return false;
		n = seq_len(p + i, len - i);
		if (!n)
			return false;
		i += n;
	}
	return true;
}

char *
utf8_sanitize(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	struct buf out;

	/* Each bad byte becomes 3 bytes at most, so this cap never bites. */
	buf_init(&out, len * 3 + 1);
	for (size_t i = 0; i < len;) {
		size_t n = p[i] ? seq_len(p + i, len - i) : 0;

		if (n) {
			buf_append(&out, p + i, n);
			i += n;
		} else {
			if (p[i])
				buf_append(&out, "\xEF\xBF\xBD", 3);
			i++;
		}
	}
	return buf_steal(&out);
}

size_t
utf8_prefix(const char *s, size_t len, size_t maxchars)
{
	size_t i = 0, chars = 0;

	while (i < len && chars < maxchars) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		chars++;
	}
	return i;
}

size_t
utf8_width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}
