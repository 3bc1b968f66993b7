/*
 * A byte-level pass over an HTML page before it is parsed: drops what can
 * never be article text (script and style bodies, <svg> and <math>
 * subtrees, raw-text elements, comments) at exactly the boundaries the
 * HTML tokenizer defines, keeps the JSON-LD blocks it found, and caps
 * element nesting so that a hostile page cannot make the tree builder
 * quadratic.  The parser then sees a much smaller page with the same
 * text.
 */
#ifndef RM_PREPASS_H
#define RM_PREPASS_H

#include <stddef.h>

#include "common/strvec.h"

/* Open elements kept before deeper start tags are dropped; well below
 * the depth the tree walks follow (HNODE_DEPTH_MAX), far above real pages. */
#define PREPASS_DEPTH_MAX 256

struct prepass {
	char *html;   /* the reduced page, NUL-terminated */
	size_t len;
	/* Bodies of <script type="application/ld+json">, in page order. */
	struct strvec jsonld;
	unsigned depth_dropped; /* start tags dropped by the nesting cap */
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
