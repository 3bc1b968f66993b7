/*
 * Date expressions found in article text ("this July", "October 24",
 * "next year", "the early weeks of 2024"), resolved against the date the
 * article was published.  The lexicon's date rules say which parts the
 * text gave and how to anchor the rest; this module does the calendar.
 */
#ifndef RM_DATES_H
#define RM_DATES_H

#include <stddef.h>

#include "common/date.h"

enum date_rule {
	DATE_ABS,       /* the parts given; a month without a year is the next
			   such month on or after publication */
	DATE_START,     /* the first month of the year given ("early weeks") */
	DATE_MONTH_REL, /* published month plus OFFSET ("next month") */
	DATE_YEAR_REL,  /* published year plus OFFSET ("next year") */
	DATE_DAY_REL,   /* published day plus OFFSET days ("tomorrow") */
	DATE_WEEK_REL,  /* the month of the published day plus OFFSET weeks
			   ("next week": a week is no precision of its own);
			   rule word "weekmonth+N" */
	DATE_WEEKDAY,   /* weekday |OFFSET| (1 Monday .. 7 Sunday): the next
			   one after publication, the last one before it when
			   OFFSET < 0 or the claim is in the past tense */
	DATE_PAST,      /* like DATE_ABS, but a month without a year is the
			   last such month before the published one ("last
			   October") */
};

struct date_expr {
	enum date_rule rule;
	int offset; /* months or years for the _REL rules */
	int year;   /* 0 when the text gives none */
	int month;  /* 0 when the text gives none */
	int day;    /* 0 when the text gives none */
};

/*
 * Parse a rule word from a lexicon line: "abs", "start", "past",
 * "month+N", "month-N", "year+N", "year-N", "day+N", "day-N", "week+N",
 * "weekmonth+N", "weekmonth-N" (N at most 24), "weekday+D", "weekday-D" (D 1 Monday .. 7
 * Sunday; - the last one before publication).  Returns 0 and fills RULE
 * and OFFSET, or RM_EINVAL.
 */
int dates_parse_rule(const char *word, enum date_rule *rule, int *offset);

/*
 * Parse the digits of a year as the text writes it: "2024", or "24" /
 * "'24" for 2024 (two digits mean 20YY).  Returns 0 and sets *OUT, or
 * RM_EINVAL.
 */
int dates_parse_year(const char *s, size_t len, int *out);

/*
 * Resolve E against PUBLISHED (may be NULL: then only expressions that
 * name their own year resolve).  *OUT holds the date at the precision
 * the text gives (day 0 / month 0 when not given).  Returns 0, or
 * RM_EINVAL when the expression cannot be resolved or is no calendar
 * date.
 */
int dates_resolve(const struct date_expr *e, const struct ymd *published,
		  struct ymd *out);

/*
 * Like dates_resolve, for a date told in the past tense when PAST is
 * non-zero ("launched in March"): a month or day without a year is the
 * last one on or before publication, a weekday the last one before it.
 */
int dates_resolve_tense(const struct date_expr *e, int past,
			const struct ymd *published, struct ymd *out);

#endif
