/*
 * Dates in article text.  The first line of the input describes a date
 * expression as a lexicon line would ("month+2 24 7 0": rule, year as
 * written, month, day) for dates_resolve against a fixed publication
 * date, and is also tried as a stored date (date_parse).  The whole
 * input is then an article in plain text: plain_extract and the rumor
 * extractors, whose dates must all be real calendar dates.
 */
#include <stdlib.h>
#include <string.h>

#include "common/ascii.h"
#include "common/date.h"
#include "extract/article.h"
#include "extract/dates.h"
#include "fuzz/fuzz.h"

#define PUBLISHED "2024-03-15"
#define WORDS 4

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_lexicon();
	return 0;
}

/* Split LINE in place into at most WORDS space-separated words. */
static size_t
words(char *line, char *w[WORDS])
{
	size_t n = 0;
	char *p = line;

	while (*p && n < WORDS) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		w[n++] = p;
		while (*p && *p != ' ')
			p++;
		if (*p)
			*p++ = '\0';
	}
	return n;
}

static void
resolve(char *line)
{
	struct ymd pub, d;
	struct date_expr e;
	unsigned long long v;
	char *w[WORDS];
	size_t n = words(line, w);

	memset(&e, 0, sizeof(e));
	if (n < 1 || dates_parse_rule(w[0], &e.rule, &e.offset) != 0)
		return;
	if (n > 1 && dates_parse_year(w[1], strlen(w[1]), &e.year) != 0)
		e.year = 0;
	if (n > 2 && parse_uint(w[2], 12, &v) == 0)
		e.month = (int)v;
	if (n > 3 && parse_uint(w[3], 31, &v) == 0)
		e.day = (int)v;
	if (date_parse_day(PUBLISHED, &pub) != 0)
		abort();
	if (dates_resolve(&e, &pub, &d) == 0)
		FUZZ_ASSERT(date_valid(d.year, d.month ? d.month : 1,
				       d.day ? d.day : 1),
			    "resolved to no calendar date");
	(void)dates_resolve(&e, NULL, &d);
}

/* A stored date reads back as written. */
static void
stored_date(const char *s)
{
	struct ymd d;
	char back[DATE_STR_MAX];

	if (date_parse(s, &d) != 0)
		return;
	date_format(&d, back);
	FUZZ_ASSERT(strcmp(s, back) == 0, "date_parse/date_format differ");
}

static void
article(const uint8_t *data, size_t size)
{
	const struct article_options opt = {
		.published = PUBLISHED,
		.today = "2024-06-01",
		.plain = true,
	};
	struct article a;
	struct ymd d;

	if (article_extract(fuzz_lexicon(), (const char *)data, size, &opt,
			    &a) == 0) {
		for (size_t i = 0; i < a.rumors.nclaims; i++) {
			const struct claim *c = &a.rumors.claims[i];

			if (strcmp(c->attribute, "launch") == 0 ||
			    strcmp(c->attribute, "announce") == 0)
				FUZZ_ASSERT(date_parse(c->value, &d) == 0,
					    "launch date is no date");
		}
	}
	article_free(&a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line, *rest;

	fuzz_split(data, size, &line, &rest);
	stored_date(line);
	resolve(line);
	article(data, size);
	free(line);
	free(rest);
	return 0;
}
