/*
 * Calendar dates as the program stores them: "YYYY", "YYYY-MM" or
 * "YYYY-MM-DD" (ISO 8601 at the precision known).
 */
#ifndef RM_DATE_H
#define RM_DATE_H

#include <stdbool.h>
#include <stddef.h>

struct ymd {
	int year;
	int month; /* 0 when unknown */
	int day;   /* 0 when unknown */
};

#define DATE_STR_MAX 11 /* "YYYY-MM-DD" and NUL */

bool date_is_leap(int year);
int date_days_in_month(int year, int month);
/* True when Y-M-D is a real calendar day (month and day 1-based). */
bool date_valid(int year, int month, int day);
/*
 * Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD" filling the whole string.
 * Returns 0, or RM_EINVAL for anything else or an impossible date.
 */
int date_parse(const char *s, struct ymd *out);
/* Like date_parse, but only the full "YYYY-MM-DD" form is accepted. */
int date_parse_day(const char *s, struct ymd *out);
/* Format at the precision the struct holds; OUT holds DATE_STR_MAX. */
void date_format(const struct ymd *d, char out[DATE_STR_MAX]);
/* Days since 1970-01-01 for a full date (proleptic Gregorian). */
long date_to_days(int year, int month, int day);
/* Today's date in UTC. */
struct ymd date_today(void);
/* -1, 0, 1 comparing two dates; unknown parts sort first. */
int date_cmp(const struct ymd *a, const struct ymd *b);

#endif
