#include "extract/charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "common/ascii.h"
#include "common/buf.h"
#include "common/errors.h"
#include "common/xalloc.h"

/* Browsers look for <meta charset> in the first 1024 bytes; pages with
 * long <head> preambles put it later, so look a little further. */
#define CHARSET_PRESCAN 4096
/* A <meta ...> tag longer than this is not a charset declaration. */
#define CHARSET_META_TAG_MAX 512
/* iconv output chunk, also the most one stalled step may add. */
#define CHARSET_CHUNK 16384

static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* WHATWG label -> iconv name, for the labels whose meaning differs
 * from iconv's or that iconv does not know. */
static const struct {
	const char *label;
	const char *name;
} LABELS[] = {
	{"utf-8", "UTF-8"},
	{"utf8", "UTF-8"},
	{"unicode-1-1-utf-8", "UTF-8"},
	/* A <meta> cannot declare UTF-16: the bytes were read as ASCII. */
	{"utf-16", "UTF-8"},
	{"utf-16le", "UTF-8"},
	{"utf-16be", "UTF-8"},
	{"iso-8859-1", "WINDOWS-1252"},
	{"iso8859-1", "WINDOWS-1252"},
	{"iso_8859-1", "WINDOWS-1252"},
	{"latin1", "WINDOWS-1252"},
	{"l1", "WINDOWS-1252"},
	{"us-ascii", "WINDOWS-1252"},
	{"ascii", "WINDOWS-1252"},
	{"cp1252", "WINDOWS-1252"},
	{"x-cp1252", "WINDOWS-1252"},
	{"cp819", "WINDOWS-1252"},
	{"ibm819", "WINDOWS-1252"},
	{"x-user-defined", "WINDOWS-1252"},
	{"iso-8859-9", "WINDOWS-1254"},
	{"latin5", "WINDOWS-1254"},
	{"tis-620", "CP874"},
	{"iso-8859-11", "CP874"},
	{"windows-874", "CP874"},
	{"gb2312", "GB18030"},
	{"gbk", "GB18030"},
	{"x-gbk", "GB18030"},
	{"csgb2312", "GB18030"},
	{"chinese", "GB18030"},
	{"shift_jis", "CP932"},
	{"shift-jis", "CP932"},
	{"sjis", "CP932"},
	{"x-sjis", "CP932"},
	{"ms_kanji", "CP932"},
	{"windows-31j", "CP932"},
	{"euc-kr", "CP949"},
	{"ks_c_5601-1987", "CP949"},
	{"big5", "BIG5-HKSCS"},
};

static bool
is_label_char(int c)
{
	return ascii_isalnum(c) || c == '-' || c == '_' || c == ':' ||
	       c == '.';
}

/* Map a label (not NUL-terminated) to an iconv name; false if empty. */
static bool
label_to_name(const char *s, size_t n, char out[CHARSET_NAME_MAX])
{
	size_t i, len = 0;

	s = ascii_trim(s, n, &n);
	while (len < n && is_label_char((unsigned char)s[len]))
		len++;
	if (len == 0 || len >= CHARSET_NAME_MAX)
		return false;
	for (i = 0; i < sizeof(LABELS) / sizeof(LABELS[0]); i++) {
		if (strlen(LABELS[i].label) == len &&
		    ascii_ncasecmp(s, LABELS[i].label, len) == 0) {
			memcpy(out, LABELS[i].name, strlen(LABELS[i].name) + 1);
			return true;
		}
	}
	for (i = 0; i < len; i++)
		out[i] = (char)ascii_toupper((unsigned char)s[i]);
	out[len] = '\0';
	return true;
}

/* The charset named in <meta charset=X> or <meta ... content="...;
 * charset=X"> among the first CHARSET_PRESCAN bytes. */
static bool
meta_charset(const char *data, size_t len, char out[CHARSET_NAME_MAX])
{
	const char *p = data, *end = data + len, *tag, *tend, *cs;

	if (len > CHARSET_PRESCAN)
		end = data + CHARSET_PRESCAN;
	while (p < end && (tag = ascii_casestr(p, end - p, "<meta")) != NULL) {
		size_t max = end - tag;

		if (max > CHARSET_META_TAG_MAX)
			max = CHARSET_META_TAG_MAX;
		tend = memchr(tag, '>', max);
		if (tend == NULL)
			tend = tag + max;
		cs = ascii_casestr(tag, tend - tag, "charset");
		if (cs != NULL) {
			cs += 7;
			while (cs < tend && ascii_isspace((unsigned char)*cs))
				cs++;
			if (cs < tend && *cs == '=') {
				cs++;
				while (cs < tend &&
				       (ascii_isspace((unsigned char)*cs) ||
					*cs == '"' || *cs == '\''))
					cs++;
				if (label_to_name(cs, tend - cs, out))
					return true;
			}
		}
		p = tag + 5;
	}
	return false;
}

/* Length of the well-formed UTF-8 sequence at S (at most N bytes), or 0
 * when it is malformed, overlong, a surrogate or beyond U+10FFFF. */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F))
			return 0;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 ||
		    (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
			return 0;
		return 4;
	}
	return 0;
}

bool
charset_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_seq(p + i, len - i);
		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

/* Valid UTF-8 that has at least one multi-byte sequence: text declared
 * as a legacy charset but actually written in UTF-8. */
static bool
looks_utf8(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return charset_utf8_valid(s, len);
	return false;
}

size_t
charset_detect(const char *data, size_t len, const char *hint,
	       char out[CHARSET_NAME_MAX])
{
	const unsigned char *u = (const unsigned char *)data;

	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		memcpy(out, "UTF-8", 6);
		return 3;
	}
	if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		memcpy(out, "UTF-16LE", 9);
		return 2;
	}
	if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		memcpy(out, "UTF-16BE", 9);
		return 2;
	}
	if ((hint != NULL && label_to_name(hint, strlen(hint), out)) ||
	    meta_charset(data, len, out)) {
		if (strcmp(out, "UTF-8") != 0 && looks_utf8(data, len))
			memcpy(out, "UTF-8", 6);
		return 0;
	}
	if (charset_utf8_valid(data, len))
		memcpy(out, "UTF-8", 6);
	else
		memcpy(out, "WINDOWS-1252", 13);
	return 0;
}

/* UTF-8 to UTF-8, each malformed byte replaced by U+FFFD. */
static int
utf8_repair(const char *data, size_t len, struct buf *b)
{
	const unsigned char *p = (const unsigned char *)data;
	size_t i = 0, start = 0, n;
	int rc = 0;

	while (i < len && rc == 0) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_seq(p + i, len - i);
		if (n) {
			i += n;
			continue;
		}
		rc = buf_append(b, data + start, i - start);
		if (rc == 0)
			rc = buf_append(b, REPLACEMENT, 3);
		start = ++i;
	}
	if (rc == 0)
		rc = buf_append(b, data + start, len - start);
	return rc;
}

static int
iconv_convert(iconv_t cd, const char *data, size_t len, struct buf *b)
{
	char chunk[CHARSET_CHUNK];
	char *in = (char *)data;
	size_t inleft = len;
	int rc = 0;

	while (rc == 0) {
		char *o = chunk;
		size_t oleft = sizeof(chunk), r;

		r = iconv(cd, inleft ? &in : NULL, &inleft, &o, &oleft);
		rc = buf_append(b, chunk, o - chunk);
		if (rc)
			break;
		if (r != (size_t)-1) {
			if (inleft == 0)
				break;
			continue;
		}
		if (errno == E2BIG)
			continue;
		/* EILSEQ or a truncated sequence at the end: replace one
		 * byte and go on, as a browser's decoder does. */
		rc = buf_append(b, REPLACEMENT, 3);
		if (inleft == 0)
			break;
		in++;
		inleft--;
		if (inleft == 0)
			break;
	}
	return rc;
}

int
charset_to_utf8(const char *data, size_t len, const char *charset,
		size_t max, char **out, size_t *outlen)
{
	struct buf b;
	iconv_t cd = (iconv_t)-1;
	int rc;

	buf_init(&b, max);
	if (ascii_casecmp(charset, "UTF-8") == 0) {
		rc = utf8_repair(data, len, &b);
	} else {
		cd = iconv_open("UTF-8", charset);
		if (cd == (iconv_t)-1) {
			rc = RM_EINVAL;
			goto out;
		}
		rc = iconv_convert(cd, data, len, &b);
	}
	if (rc == 0 && b.data == NULL)
		rc = buf_append(&b, "", 0);
	if (rc)
		goto out;
	*outlen = b.len;
	*out = buf_steal(&b);
out:
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	buf_free(&b);
	return rc;
}
