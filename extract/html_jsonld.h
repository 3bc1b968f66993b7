/*
 * The schema.org metadata a page declares in JSON-LD blocks: headline,
 * author, dates and publisher of the article.  Internal to extract/.
 */
#ifndef RM_HTML_JSONLD_H
#define RM_HTML_JSONLD_H

#include "common/strvec.h"

struct jsonld {
	/* Each NULL when not declared; owned, freed by jsonld_free(). */
	char *headline;
	char *author;
	char *published; /* datePublished as written */
	char *created;   /* dateCreated */
	char *modified;  /* dateModified */
	char *site_name; /* publisher or WebSite name */
	char *page_published; /* datePublished of a WebPage */
};

/* Read the blocks (script bodies) into OUT, first article object first. */
void jsonld_read(const struct strvec *blocks, struct jsonld *out);
void jsonld_free(struct jsonld *j);

#endif
