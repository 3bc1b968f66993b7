#include "extract/sentences.h"

#include <string.h>

#include "common/ascii.h"
#include "common/errors.h"

/* Words after which a full stop does not end a sentence. */
static const char *const abbrevs[] = {
	"mr", "mrs", "ms", "dr", "st", "vs", "etc", "inc", "ltd", "co",
	"corp", "no", "approx", "e.g", "i.e", "jan", "feb", "mar", "apr",
	"jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s",
	"u.k", "fig", "est",
};

static int
is_abbrev(const char *text, size_t start, size_t dot)
{
	size_t b = dot;

	while (b > start && (ascii_isalpha((unsigned char)text[b - 1]) ||
			     text[b - 1] == '.'))
		b--;
	if (dot - b == 1 && ascii_isalpha((unsigned char)text[b]))
		return 1; /* an initial: "J. Smith" */
	for (size_t i = 0; i < sizeof(abbrevs) / sizeof(abbrevs[0]); i++) {
		size_t n = strlen(abbrevs[i]);

		if (dot - b == n && ascii_ncasecmp(text + b, abbrevs[i], n) == 0)
			return 1;
	}
	return 0;
}

/* Closing quotes and brackets that may follow the punctuation. */
static size_t
skip_closers(const char *t, size_t i, size_t len)
{
	for (int k = 0; k < 4 && i < len; k++) {
		unsigned char c = (unsigned char)t[i];

		if (c == '"' || c == '\'' || c == ')' || c == ']')
			i++;
		else if (c == 0xE2 && i + 2 < len &&
			 (unsigned char)t[i + 1] == 0x80 &&
			 ((unsigned char)t[i + 2] == 0x99 ||
			  (unsigned char)t[i + 2] == 0x9D))
			i += 3; /* ’ ” */
		else
			break;
	}
	return i;
}

/* Does a new sentence start at T[I] (after the white space)? */
static int
starts_sentence(const char *t, size_t i, size_t len)
{
	unsigned char c;

	if (i >= len)
		return 1;
	c = (unsigned char)t[i];
	return (c >= 'A' && c <= 'Z') || ascii_isdigit(c) || c == '"' ||
	       c == '\'' || c == '(' || c >= 0x80;
}

/* Only white space up to the next line break (or the end). */
static int
blank_line_follows(const char *t, size_t i, size_t len)
{
	for (; i < len && t[i] != '\n'; i++)
		if (!ascii_isspace((unsigned char)t[i]))
			return 0;
	return 1;
}

static int
push(const char *text, size_t s, size_t e, size_t para, struct sentence *out,
     size_t max, size_t *n)
{
	size_t tl;
	const char *p = ascii_trim(text + s, e - s, &tl);

	if (!tl)
		return 0;
	if (*n >= max)
		return RM_ETOOLARGE;
	out[*n].start = (size_t)(p - text);
	out[*n].end = out[*n].start + tl;
	out[*n].paragraph = para;
	(*n)++;
	return 0;
}

int
sentences_split(const char *text, size_t len, struct sentence *out,
		size_t max, size_t *n)
{
	size_t start = 0, i = 0, para = 0;
	int rc = 0;

	*n = 0;
	while (i < len && rc == 0) {
		char c = text[i];
		size_t j;

		if (c == '\n') {
			rc = push(text, start, i, para, out, max, n);
			start = ++i;
			if (blank_line_follows(text, i, len) && *n)
				para = out[*n - 1].paragraph + 1;
			continue;
		}
		if (c != '.' && c != '!' && c != '?') {
			i++;
			continue;
		}
		j = skip_closers(text, i + 1, len);
		if (j < len && text[j] != ' ' && text[j] != '\t') {
			i = j > i + 1 ? j : i + 1;
			continue;
		}
		while (j < len && (text[j] == ' ' || text[j] == '\t'))
			j++;
		if (!starts_sentence(text, j, len) ||
		    (c == '.' && is_abbrev(text, start, i))) {
			i = j;
			continue;
		}
		rc = push(text, start, j, para, out, max, n);
		start = i = j;
	}
	if (rc == 0)
		rc = push(text, start, len, para, out, max, n);
	return rc;
}
