/*
 * One article from page bytes to rumors: the document (HTML or plain
 * text) and everything the rumor extractors find in it.  This is the
 * whole extraction step the CLI and the crawler both run.
 */
#ifndef RM_ARTICLE_H
#define RM_ARTICLE_H

#include <stdbool.h>
#include <stddef.h>

#include "common/rumor.h"
#include "extract/doc.h"
#include "extract/lexicon.h"

struct selector;

struct article_options {
	const char *url;       /* page URL; may be NULL */
	const char *charset;   /* from the HTTP Content-Type; may be NULL */
	const char *published; /* YYYY-MM-DD that overrides the page's date */
	const char *today;     /* YYYY-MM-DD; later dates are impossible */
	const struct selector *body; /* per-source body selector; may be NULL */
	bool plain;            /* input is plain text, not HTML */
};

struct article {
	struct doc doc;
	struct rumor_set rumors;
	bool rumors_incomplete; /* a matching budget ran out */
};

/*
 * Extract LEN bytes of DATA into OUT, which the caller releases with
 * article_free() whatever the result.  Returns 0, RM_ETOOLARGE or
 * RM_EINVAL (nothing usable in OUT then).
 */
int article_extract(const struct lexicon *lx, const char *data, size_t len,
		    const struct article_options *opt, struct article *out);
void article_free(struct article *a);

/* True when NAME is one of the chipsets the article names. */
bool article_is_chipset(const struct article *a, const char *name);

#endif
