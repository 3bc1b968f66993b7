/*
 * A byte-level pass over an HTML page before it is parsed: drops what can
 * never be article text (script and style bodies, <svg> and <math>
 * subtrees, raw-text elements, comments) at exactly the boundaries the
 * HTML tokenizer defines, keeps the JSON-LD blocks it found, and caps
 * element nesting and the attributes of a tag so that a hostile page
 * cannot make the tree builder or the tokenizer quadratic.  The parser then sees a much smaller page with the same
 * text.
 */
#ifndef RM_PREPASS_H
#define RM_PREPASS_H

#include <stddef.h>

#include "common/strvec.h"

/* Open elements kept before deeper start tags are dropped; well below
 * the depth the tree walks follow (HNODE_DEPTH_MAX), far above real pages. */
#define PREPASS_DEPTH_MAX 256
/* Attributes kept in one tag; later ones are dropped.  gumbo compares
 * each attribute with every earlier one of its tag (duplicates are
 * dropped), so N attributes cost N*N/2 comparisons: a 500 KB tag of
 * 100,000 of them took half a minute.  Real tags have a few dozen. */
#define PREPASS_ATTRS_MAX 64

struct prepass {
	char *html;   /* the reduced page, NUL-terminated */
	size_t len;
	/* Bodies of <script type="application/ld+json">, in page order. */
	struct strvec jsonld;
	unsigned depth_dropped; /* start tags dropped by the nesting cap */
	unsigned attrs_dropped; /* tags cut short by the attribute cap */
};

/*
 * Reduce LEN bytes of UTF-8 HTML into OUT (release with prepass_free).
 * At most PREPASS_JSONLD_MAX JSON-LD blocks are kept.  Returns 0, or
 * RM_ETOOLARGE when the output would exceed MAX bytes.
 */
int prepass_run(const char *html, size_t len, size_t max, struct prepass *out);
void prepass_free(struct prepass *p);

#define PREPASS_JSONLD_MAX 16

#endif
