/*
 * Main-content detection over a parsed page: which part of <body> is the
 * article, and its text as paragraphs.  Internal to extract/ (html.c).
 */
#ifndef RM_HTML_BODY_H
#define RM_HTML_BODY_H

#include <gumbo.h>

#include "common/buf.h"

struct selector;

/*
 * Append the article text under ROOT (the document node) to OUT,
 * paragraphs separated by "\n\n".  When SEL is set and matches, the text
 * comes from the matched elements instead.  *TRUNCATED is raised when a
 * node, depth or output limit was hit.  Returns 0.
 */
int html_body_extract(GumboNode *root, const struct selector *sel,
		      struct buf *out, unsigned *truncated);

#endif
