#include "common/date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/ascii.h"
#include "common/errors.h"

bool
date_is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
date_days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12)
		return 0;
	return days[month - 1] + (month == 2 && date_is_leap(year));
}

bool
date_valid(int year, int month, int day)
{
	return year >= 1 && year <= 9999 && month >= 1 && month <= 12 &&
	       day >= 1 && day <= date_days_in_month(year, month);
}

static int
digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!ascii_isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
date_parse(const char *s, struct ymd *out)
{
	size_t len = s ? strlen(s) : 0;
	struct ymd d = { 0, 0, 0 };

	if (len != 4 && len != 7 && len != 10)
		return RM_EINVAL;
	d.year = digits(s, 4);
	if (d.year < 1)
		return RM_EINVAL;
	if (len >= 7) {
		if (s[4] != '-')
			return RM_EINVAL;
		d.month = digits(s + 5, 2);
		if (d.month < 1 || d.month > 12)
			return RM_EINVAL;
	}
	if (len == 10) {
		if (s[7] != '-')
			return RM_EINVAL;
		d.day = digits(s + 8, 2);
		if (!date_valid(d.year, d.month, d.day))
			return RM_EINVAL;
	}
	*out = d;
	return 0;
}

int
date_parse_day(const char *s, struct ymd *out)
{
	struct ymd d;

	if (date_parse(s, &d) || d.day == 0)
		return RM_EINVAL;
	*out = d;
	return 0;
}

void
date_format(const struct ymd *d, char out[DATE_STR_MAX])
{
	/* Bounded by date_valid's ranges, so the output always fits. */
	int y = d->year < 0 ? 0 : d->year > 9999 ? 9999 : d->year;

	if (d->month && d->day)
		snprintf(out, DATE_STR_MAX, "%04d-%02u-%02u", y,
			 (unsigned)d->month % 100u, (unsigned)d->day % 100u);
	else if (d->month)
		snprintf(out, DATE_STR_MAX, "%04d-%02u", y,
			 (unsigned)d->month % 100u);
	else
		snprintf(out, DATE_STR_MAX, "%04d", y);
}

long
date_to_days(int year, int month, int day)
{
	/* Howard Hinnant's days_from_civil. */
	long y = year - (month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct ymd
date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	struct ymd d = { 1970, 1, 1 };

	if (gmtime_r(&now, &tm)) {
		d.year = tm.tm_year + 1900;
		d.month = tm.tm_mon + 1;
		d.day = tm.tm_mday;
	}
	return d;
}

int
date_cmp(const struct ymd *a, const struct ymd *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return 0;
}
