/*
 * HTML page to struct doc: main-content extraction over the gumbo tree,
 * metadata (title, author, publication date, canonical URL), charset
 * conversion to UTF-8 before parsing.
 */
#ifndef RM_HTML_H
#define RM_HTML_H

#include <stddef.h>

#include "extract/doc.h"

struct selector; /* extract/selector.h: the CSS subset sources use */

struct html_options {
	const char *url;        /* page URL, for date patterns; may be NULL */
	const char *charset;    /* from Content-Type, NULL when none */
	const struct selector *body; /* overrides body detection; may be NULL */
	/* Today, as YYYY-MM-DD; later dates are rejected. NULL = real today */
	const char *today;
};

/*
 * Extract the article from LEN bytes of HTML.  OUT is filled on success
 * and must be released with doc_free().  Returns 0, RM_ETOOLARGE when
 * the page exceeds the input limit, or RM_EINVAL.
 */
int html_extract(const char *html, size_t len, const struct html_options *opt,
		 struct doc *out);

#endif
