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
	};
	unsigned long long n;

	if (strcmp(word, "abs") == 0 || strcmp(word, "start") == 0) {
		*rule = word[0] == 'a' ? DATE_ABS : DATE_START;
		*offset = 0;
		return 0;
	}
	for (size_t i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
		size_t plen = strlen(rel[i].prefix);
		const char *p = word + plen;

		if (strncmp(word, rel[i].prefix, plen) != 0 ||
		    (*p != '+' && *p != '-'))
			continue;
		if (parse_uint(p + 1, DATES_MAX_OFFSET, &n))
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

/* A month with no year: the next such month from publication on. */
static int
next_occurrence(const struct date_expr *e, const struct ymd *pub)
{
	if (e->month < pub->month)
		return pub->year + 1;
	return pub->year;
}

int
dates_resolve(const struct date_expr *e, const struct ymd *published,
	      struct ymd *out)
{
	struct ymd d = { e->year, e->month, e->day };
	int m;

	switch (e->rule) {
	case DATE_ABS:
	case DATE_START:
		if (!d.year) {
			if (!published || !d.month || !published->month)
				return RM_EINVAL;
			d.year = next_occurrence(e, published);
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
