/*
 * The whole HTML page -> article step the crawler runs on every fetched
 * page: charset detection and conversion, the pre-pass, gumbo, body and
 * metadata extraction, then the rumor extractors over the text; and the
 * link extraction an index page gets.
 */
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "extract/article.h"
#include "extract/links.h"
#include "fuzz/fuzz.h"

#define PAGE_URL "https://www.example.com/news/2024/03/phone-leak.html"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_lexicon();
	return 0;
}

/* What the store relies on: strings present, dates well-formed. */
static void
check_article(const struct article *a)
{
	struct ymd d;

	FUZZ_ASSERT(a->doc.title && a->doc.text, "title or text is NULL");
	FUZZ_ASSERT(!a->doc.published[0] ||
			    date_parse_day(a->doc.published, &d) == 0,
		    "published is no YYYY-MM-DD date");
	for (size_t i = 0; i < a->rumors.nclaims; i++) {
		const struct claim *c = &a->rumors.claims[i];

		FUZZ_ASSERT(c->subject && c->attribute && c->value,
			    "claim with a NULL field");
		FUZZ_ASSERT((strcmp(c->attribute, "launch") != 0 &&
			     strcmp(c->attribute, "announce") != 0) ||
				    date_parse(c->value, &d) == 0,
			    "launch claim whose value is no date");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct article_options opt = {
		.url = PAGE_URL,
		.today = "2024-06-01",
	};
	struct article a;
	struct links l;

	if (article_extract(fuzz_lexicon(), (const char *)data, size, &opt,
			    &a) == 0)
		check_article(&a);
	article_free(&a);
	if (links_extract((const char *)data, size, PAGE_URL, &l) == 0) {
		FUZZ_ASSERT(l.links.n <= LINKS_MAX, "more than LINKS_MAX");
		links_free(&l);
	}
	return 0;
}
