/*
 * Publication date of a page, from the evidence in a fixed order:
 * JSON-LD datePublished, publication <meta> tags, <time> elements, the
 * URL, then dates written in bylines near the top (month names in many
 * languages).  Internal to extract/.
 */
#ifndef RM_HTML_DATE_H
#define RM_HTML_DATE_H

#include <stdbool.h>
#include <stddef.h>

#include <gumbo.h>

#include "common/date.h"
#include "extract/html_jsonld.h"

/*
 * Find the publication date under ROOT into OUT ("YYYY-MM-DD"); URL may
 * be NULL.  Dates after TODAY or before the web existed are rejected.
 * Returns true when a date was found.
 */
bool html_date_find(const GumboNode *root, const struct jsonld *jl,
		    const char *url, const struct ymd *today,
		    char out[DATE_STR_MAX]);

/*
 * The first calendar day written in S[0..N): ISO and numeric forms
 * (2020-06-07, 07.06.2020, 2020/06/07, 2020年6月7日) or with a month
 * name in one of several languages ("June 7, 2020", "7. Juni 2020",
 * "7 de junio de 2020", "7 июня 2020").  True when one was found.
 */
bool html_date_scan(const char *s, size_t n, struct ymd *out);

#endif
