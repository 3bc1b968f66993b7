#include "extract/dates.h"

#include <string.h>

#include "common/ascii.h"
#include "common/errors.h"

#define DATES_MAX_OFFSET 24

int
dates_parse_rule(const char *word, enum date_rule *rule, int *offset)
{
	static const struct {
		const char *prefix;
		enum date_rule rule;
	} rel[] = {
		{ "month", DATE_MONTH_REL },
		{ "year", DATE_YEAR_REL },
		{ "day", DATE_DAY_REL },
		{ "weekmonth", DATE_WEEK_REL },
		{ "weekday", DATE_WEEKDAY },
	};
	unsigned long long n;

	if (strcmp(word, "abs") == 0 || strcmp(word, "start") == 0 ||
	    strcmp(word, "past") == 0) {
		*rule = word[0] == 'a' ? DATE_ABS
			: word[0] == 's' ? DATE_START
					 : DATE_PAST;
		*offset = 0;
		return 0;
	}
	for (size_t i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
		size_t plen = strlen(rel[i].prefix);
		const char *p = word + plen;

		if (strncmp(word, rel[i].prefix, plen) != 0 ||
		    (*p != '+' && *p != '-'))
			continue;
		if (parse_uint(p + 1, DATES_MAX_OFFSET, &n) ||
		    (rel[i].rule == DATE_WEEKDAY && (n < 1 || n > 7)))
			return RM_EINVAL;
		*rule = rel[i].rule;
		*offset = *p == '-' ? -(int)n : (int)n;
		return 0;
	}
	return RM_EINVAL;
}

int
dates_parse_year(const char *s, size_t len, int *out)
{
	int v = 0;

	if (len && (s[0] == '\'' || s[0] == '"')) {
		s++;
		len--;
	}
	if (len != 2 && len != 4)
		return RM_EINVAL;
	for (size_t i = 0; i < len; i++) {
		if (!ascii_isdigit((unsigned char)s[i]))
			return RM_EINVAL;
		v = v * 10 + (s[i] - '0');
	}
	if (len == 2)
		v += 2000;
	if (v < 1900 || v > 2199)
		return RM_EINVAL;
	*out = v;
	return 0;
}

/*
 * A month (and day) with no year: the next such month from publication
 * on; told in the past tense, the last one on or before publication
 * (the day counts when both give one); "last October" (DATE_PAST), the
 * last such month before the published one.
 */
static int
year_of(const struct date_expr *e, int past, const struct ymd *pub)
{
	if (e->rule == DATE_PAST)
		return e->month < pub->month ? pub->year : pub->year - 1;
	if (past) {
		if (e->month < pub->month ||
		    (e->month == pub->month &&
		     (!e->day || !pub->day || e->day <= pub->day)))
			return pub->year;
		return pub->year - 1;
	}
	if (e->month < pub->month)
		return pub->year + 1;
	return pub->year;
}

/* The inverse of date_to_days. */
static struct ymd
from_days(long z)
{
	long era, doe, yoe, doy, mp, y;
	struct ymd d;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(y + (d.month <= 2));
	return d;
}

/* Days since 1970-01-01 of the day resolved from E and PUB (a full day). */
static long
relative_day(const struct date_expr *e, int past, const struct ymd *pub)
{
	long days = date_to_days(pub->year, pub->month, pub->day);
	int wd, want, k;

	switch (e->rule) {
	case DATE_DAY_REL:
		return days + e->offset;
	case DATE_WEEK_REL:
		return days + 7L * e->offset;
	default: /* DATE_WEEKDAY: 1970-01-01 was a Thursday (4) */
		wd = (int)(((days % 7) + 7 + 3) % 7) + 1;
		want = e->offset < 0 ? -e->offset : e->offset;
		if (e->offset < 0 || past) {
			k = (wd - want + 7) % 7;
			return days - (k ? k : 7);
		}
		k = (want - wd + 7) % 7;
		return days + (k ? k : 7);
	}
}

int
dates_resolve(const struct date_expr *e, const struct ymd *published,
	      struct ymd *out)
{
	return dates_resolve_tense(e, 0, published, out);
}

int
dates_resolve_tense(const struct date_expr *e, int past,
		    const struct ymd *published, struct ymd *out)
{
	struct ymd d = { e->year, e->month, e->day };
	int m;

	switch (e->rule) {
	case DATE_ABS:
	case DATE_START:
	case DATE_PAST:
		if (!d.year) {
			if (!published || !d.month || !published->month)
				return RM_EINVAL;
			d.year = year_of(e, past, published);
		}
		if (e->rule == DATE_START && !d.month)
			d.month = 1;
		break;
	case DATE_MONTH_REL:
		if (!published || !published->month)
			return RM_EINVAL;
		m = published->year * 12 + (published->month - 1) + e->offset;
		d.year = m / 12;
		d.month = m % 12 + 1;
		d.day = 0;
		break;
	case DATE_DAY_REL:
	case DATE_WEEK_REL:
	case DATE_WEEKDAY:
		if (!published || !published->day)
			return RM_EINVAL;
		d = from_days(relative_day(e, past, published));
		if (e->rule == DATE_WEEK_REL)
			d.day = 0;
		break;
	case DATE_YEAR_REL:
		if (!published)
			return RM_EINVAL;
		d.year = published->year + e->offset;
		d.month = 0;
		d.day = 0;
		break;
	default:
		return RM_EINVAL;
	}
	if (d.day && !d.month)
		return RM_EINVAL;
	if (d.day ? !date_valid(d.year, d.month, d.day)
		  : d.month ? !date_valid(d.year, d.month, 1)
			    : !date_valid(d.year, 1, 1))
		return RM_EINVAL;
	*out = d;
	return 0;
}
