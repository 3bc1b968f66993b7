/*
 * A document as extraction sees it: the article's main text and its
 * metadata, from an HTML page (html.c) or from plain text (plain.c).
 */
#ifndef RM_DOC_H
#define RM_DOC_H

#include <stddef.h>

#include "common/date.h"

struct doc {
	char *title;     /* article headline, site name removed; never NULL */
	char *author;    /* NULL when unknown */
	char *text;      /* body only, paragraphs separated by "\n\n"; never NULL */
	char *canonical; /* <link rel=canonical> or og:url, NULL when none */
	char *lang;      /* <html lang>, NULL when none */
	char published[DATE_STR_MAX]; /* "YYYY-MM-DD", "" when unknown */
	/* How much was dropped because a limit was hit (0 = nothing). */
	unsigned truncated;
};

void doc_init(struct doc *d);
void doc_free(struct doc *d);

/*
 * Plain text: paragraphs are separated by blank lines; a short first
 * paragraph with no sentence punctuation is taken as the title.
 */
int plain_extract(const char *text, size_t len, struct doc *out);

#endif
