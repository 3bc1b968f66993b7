/*
 * Date expressions: resolution against the publication date (one row
 * per form), rule words, and the phrases of the bundled lexicon read
 * from real sentences.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/date.h"
#include "common/errors.h"
#include "extract/dates.h"
#include "extract/lexicon.h"
#include "tests/support/lexicon_fixture.h"

struct resolve_case {
	const char *name;
	struct date_expr e;
	const char *published; /* NULL: none known */
	const char *want;      /* NULL: RM_EINVAL */
};

static const struct resolve_case resolve_cases[] = {
	{ "month ahead this year", { DATE_ABS, 0, 0, 7, 0 }, "2022-05-23",
	  "2022-07" },
	{ "month already past means next year", { DATE_ABS, 0, 0, 3, 0 },
	  "2022-05-23", "2023-03" },
	{ "the published month itself", { DATE_ABS, 0, 0, 10, 24 },
	  "2023-10-05", "2023-10-24" },
	{ "day and month past", { DATE_ABS, 0, 0, 1, 15 }, "2023-10-05",
	  "2024-01-15" },
	{ "full date kept", { DATE_ABS, 0, 2024, 2, 29 }, "2023-10-05",
	  "2024-02-29" },
	{ "full date needs no publication", { DATE_ABS, 0, 2024, 2, 29 },
	  NULL, "2024-02-29" },
	{ "year alone", { DATE_ABS, 0, 2025, 0, 0 }, "2024-12-01", "2025" },
	{ "impossible day", { DATE_ABS, 0, 2023, 2, 29 }, "2023-01-01", NULL },
	{ "month without publication", { DATE_ABS, 0, 0, 7, 0 }, NULL, NULL },
	{ "early weeks of a year", { DATE_START, 0, 2024, 0, 0 },
	  "2023-10-05", "2024-01" },
	{ "this month", { DATE_MONTH_REL, 0, 0, 0, 0 }, "2023-10-05",
	  "2023-10" },
	{ "next month over a year end", { DATE_MONTH_REL, 1, 0, 0, 0 },
	  "2023-12-20", "2024-01" },
	{ "this year", { DATE_YEAR_REL, 0, 0, 0, 0 }, "2023-10-05", "2023" },
	{ "next year", { DATE_YEAR_REL, 1, 0, 0, 0 }, "2023-10-05", "2024" },
	{ "relative without publication", { DATE_YEAR_REL, 1, 0, 0, 0 },
	  NULL, NULL },
	{ "tomorrow over a month end", { DATE_DAY_REL, 1, 0, 0, 0 },
	  "2024-10-31", "2024-11-01" },
	{ "yesterday over a year end", { DATE_DAY_REL, -1, 0, 0, 0 },
	  "2024-01-01", "2023-12-31" },
	{ "a day needs a published day", { DATE_DAY_REL, 0, 0, 0, 0 },
	  "2024-01", NULL },
	{ "next week is the month it falls in", { DATE_WEEK_REL, 1, 0, 0, 0 },
	  "2024-08-28", "2024-09" },
	{ "last week", { DATE_WEEK_REL, -1, 0, 0, 0 }, "2024-07-03",
	  "2024-06" },
	{ "Tuesday after a Saturday", { DATE_WEEKDAY, 2, 0, 0, 0 },
	  "2024-08-10", "2024-08-13" },
	{ "the same weekday is a week on", { DATE_WEEKDAY, 6, 0, 0, 0 },
	  "2024-08-10", "2024-08-17" },
	{ "last Sunday", { DATE_WEEKDAY, -7, 0, 0, 0 }, "2024-02-26",
	  "2024-02-25" },
	{ "last October, in May", { DATE_PAST, 0, 0, 10, 0 }, "2024-05-10",
	  "2023-10" },
	{ "last October, in December", { DATE_PAST, 0, 0, 10, 0 },
	  "2024-12-01", "2024-10" },
	{ "last May, in May", { DATE_PAST, 0, 0, 5, 0 }, "2024-05-10",
	  "2023-05" },
};

/* Told in the past tense: the last such month, day or weekday. */
static const struct resolve_case past_cases[] = {
	{ "a month past this year", { DATE_ABS, 0, 0, 1, 0 }, "2024-05-10",
	  "2024-01" },
	{ "a month not yet come is last year's", { DATE_ABS, 0, 0, 10, 0 },
	  "2024-05-10", "2023-10" },
	{ "the published month itself", { DATE_ABS, 0, 0, 5, 0 },
	  "2024-05-10", "2024-05" },
	{ "a day earlier in the month", { DATE_ABS, 0, 0, 3, 15 },
	  "2024-04-02", "2024-03-15" },
	{ "a day later in the published month", { DATE_ABS, 0, 0, 4, 20 },
	  "2024-04-02", "2023-04-20" },
	{ "a year given stays", { DATE_ABS, 0, 2025, 3, 0 }, "2024-04-02",
	  "2025-03" },
	{ "Wednesday before a Friday", { DATE_WEEKDAY, 3, 0, 0, 0 },
	  "2024-01-19", "2024-01-17" },
	{ "next month is not turned", { DATE_MONTH_REL, 1, 0, 0, 0 },
	  "2024-01-19", "2024-02" },
};

static void
test_resolve(void **state)
{
	(void)state;
	for (size_t i = 0;
	     i < sizeof(resolve_cases) / sizeof(resolve_cases[0]); i++) {
		const struct resolve_case *rc = &resolve_cases[i];
		struct ymd pub, got;
		char s[DATE_STR_MAX] = "";
		int r;

		if (rc->published)
			assert_int_equal(date_parse(rc->published, &pub), 0);
		r = dates_resolve(&rc->e, rc->published ? &pub : NULL, &got);
		if (r == 0)
			date_format(&got, s);
		if (rc->want ? r != 0 || strcmp(s, rc->want) != 0
			     : r != RM_EINVAL)
			fail_msg("%s: rc %d \"%s\", want \"%s\"", rc->name, r,
				 s, rc->want ? rc->want : "EINVAL");
	}
}

static void
test_resolve_past(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(past_cases) / sizeof(past_cases[0]);
	     i++) {
		const struct resolve_case *rc = &past_cases[i];
		struct ymd pub, got;
		char s[DATE_STR_MAX] = "";

		assert_int_equal(date_parse(rc->published, &pub), 0);
		assert_int_equal(dates_resolve_tense(&rc->e, 1, &pub, &got), 0);
		date_format(&got, s);
		if (strcmp(s, rc->want) != 0)
			fail_msg("%s: \"%s\", want \"%s\"", rc->name, s,
				 rc->want);
	}
}

static void
test_rules_and_years(void **state)
{
	enum date_rule rule;
	int off, y;

	(void)state;
	assert_int_equal(dates_parse_rule("month+1", &rule, &off), 0);
	assert_int_equal(rule, DATE_MONTH_REL);
	assert_int_equal(off, 1);
	assert_int_equal(dates_parse_rule("year-2", &rule, &off), 0);
	assert_int_equal(rule, DATE_YEAR_REL);
	assert_int_equal(off, -2);
	assert_int_equal(dates_parse_rule("start", &rule, &off), 0);
	assert_int_equal(rule, DATE_START);
	assert_int_equal(dates_parse_rule("month+99", &rule, &off), RM_EINVAL);
	assert_int_equal(dates_parse_rule("week+1", &rule, &off), RM_EINVAL);
	assert_int_equal(dates_parse_rule("day-1", &rule, &off), 0);
	assert_int_equal(rule, DATE_DAY_REL);
	assert_int_equal(off, -1);
	assert_int_equal(dates_parse_rule("weekmonth+1", &rule, &off), 0);
	assert_int_equal(rule, DATE_WEEK_REL);
	assert_int_equal(dates_parse_rule("weekday-7", &rule, &off), 0);
	assert_int_equal(rule, DATE_WEEKDAY);
	assert_int_equal(off, -7);
	assert_int_equal(dates_parse_rule("weekday+8", &rule, &off),
			 RM_EINVAL);
	assert_int_equal(dates_parse_rule("weekday+0", &rule, &off),
			 RM_EINVAL);
	assert_int_equal(dates_parse_rule("past", &rule, &off), 0);
	assert_int_equal(rule, DATE_PAST);
	assert_int_equal(dates_parse_rule("month", &rule, &off), RM_EINVAL);
	assert_int_equal(dates_parse_year("2024", 4, &y), 0);
	assert_int_equal(y, 2024);
	assert_int_equal(dates_parse_year("'25", 3, &y), 0);
	assert_int_equal(y, 2025);
	assert_int_equal(dates_parse_year("20x4", 4, &y), RM_EINVAL);
	assert_int_equal(dates_parse_year("12345", 5, &y), RM_EINVAL);
}

struct phrase_case {
	const char *text;
	const char *published;
	const char *want; /* the first date in TEXT; NULL: none */
};

/* Every date form the bundled lexicon reads, inside a sentence. */
static const struct phrase_case phrase_cases[] = {
	{ "It will come this July.", "2022-05-23", "2022-07" },
	{ "It launches in March.", "2022-05-23", "2023-03" },
	{ "set to unveil on October 24.", "2023-10-05", "2023-10-24" },
	{ "on October 24, 2023 in Beijing", "2023-01-05", "2023-10-24" },
	{ "on 24th of October 2023", "2023-01-05", "2023-10-24" },
	{ "arrives 5 Feb", "2023-10-05", "2024-02-05" },
	{ "due in Sept. 2024", "2023-10-05", "2024-09" },
	{ "in the early weeks of 2024", "2023-10-05", "2024-01" },
	{ "in early 2024", "2023-10-05", "2024" },
	{ "by mid-2025", "2023-10-05", "2025" },
	{ "next month", "2023-12-05", "2024-01" },
	{ "later this month", "2023-10-05", "2023-10" },
	{ "in Q3 2025", "2024-10-05", "2025" },
	{ "in H2 2024", "2023-10-05", "2024" },
	{ "in the second half of 2024", "2023-10-05", "2024" },
	{ "by the end of the year", "2023-10-05", "2023" },
	{ "later this year", "2023-10-05", "2023" },
	{ "early next year", "2023-10-05", "2024" },
	{ "on 2024-03-15", "2023-10-05", "2024-03-15" },
	{ "on 2024/03/15", "2023-10-05", "2024-03-15" },
	{ "due on Sept. 12", "2023-09-01", "2023-09-12" },
	{ "from Jan. 5", "2023-12-20", "2024-01-05" },
	{ "on the 12th of March", "2024-03-01", "2024-03-12" },
	{ "in mid-March", "2025-02-20", "2025-03" },
	{ "set for a February unveiling", "2024-12-15", "2025-02" },
	{ "announced in May.", "2024-04-01", "2024-05" },
	{ "launching tomorrow", "2024-10-30", "2024-10-31" },
	{ "launched yesterday", "2024-09-27", "2024-09-26" },
	{ "goes on sale today", "2024-01-30", "2024-01-30" },
	{ "launches on Tuesday", "2024-08-10", "2024-08-13" },
	{ "hits shelves next Friday", "2023-10-30", "2023-11-03" },
	{ "launched last Tuesday", "2024-08-10", "2024-08-06" },
	{ "to launch on Wednesday, November 27", "2024-10-28", "2024-11-27" },
	{ "will be unveiled next week", "2024-08-28", "2024-09" },
	{ "launched last week", "2024-07-03", "2024-06" },
	{ "launched last month", "2024-01-10", "2023-12" },
	{ "launched last year", "2024-01-10", "2023" },
	{ "launched last October", "2024-05-10", "2023-10" },
	{ "at the end of the month", "2024-06-05", "2024-06" },
	{ "later this fall", "2024-06-05", "2024" },
	/* Not dates. */
	{ "this may be the one", "2023-10-05", NULL },
	{ "the March of progress", "2023-10-05", NULL },
	{ "for 2022", "2023-10-05", NULL },
	{ "MWC 2024 in Barcelona", "2023-10-05", NULL },
	{ "Published on 2023-10-05", "2023-10-05", NULL },
	{ "last year's model", "2023-10-05", NULL },
	{ "$100 off until March", "2023-10-05", NULL },
	{ "Black Friday deals", "2023-10-05", NULL },
};

static void
test_phrases(void **state)
{
	struct lexicon *lx = *state;

	for (size_t i = 0; i < sizeof(phrase_cases) / sizeof(phrase_cases[0]);
	     i++) {
		const struct phrase_case *pc = &phrase_cases[i];
		struct lex_token toks[32];
		struct ymd pub, d;
		char s[DATE_STR_MAX] = "";
		size_t n = 0;

		assert_int_equal(date_parse(pc->published, &pub), 0);
		assert_int_equal(lexicon_scan(lx, pc->text, strlen(pc->text),
					      toks, 32, &n),
				 0);
		for (size_t k = 0; k < n && !s[0]; k++)
			if (toks[k].kind == LEX_DATE &&
			    dates_resolve(&toks[k].date, &pub, &d) == 0)
				date_format(&d, s);
		if (pc->want ? strcmp(s, pc->want) != 0 : s[0] != '\0')
			fail_msg("\"%s\": got \"%s\", want \"%s\"", pc->text, s,
				 pc->want ? pc->want : "(none)");
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_resolve_past),
		cmocka_unit_test(test_rules_and_years),
		cmocka_unit_test(test_phrases),
	};

	return cmocka_run_group_tests(tests, lexicon_fixture_setup,
				      lexicon_fixture_teardown);
}
