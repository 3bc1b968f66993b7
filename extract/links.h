/*
 * The links of an HTML index page: where a source's crawl goes next.
 *
 * <a href> targets come out absolute (resolved against the page URL and
 * the document's <base href>), url_normalize'd, distinct and in document
 * order, at most LINKS_MAX of them; anything that is not http(s)
 * (javascript:, mailto:, tel:, data:, ftp:) and bare "#fragment" links
 * are skipped.  The head's <link> elements give the canonical URL, the
 * next page of a paginated index and the feeds the page advertises.
 */
#ifndef RM_LINKS_H
#define RM_LINKS_H

#include <stddef.h>

#include <gumbo.h>

#include "common/strvec.h"

/* Most <a href> links kept per page; an index page has a few hundred. */
#define LINKS_MAX 10000
/* Most feeds kept from <link rel=alternate>. */
#define LINKS_MAX_FEEDS 16
/* Most elements one page may make us look at. */
#define LINKS_MAX_NODES 2000000

struct links {
	struct strvec links; /* <a href>, see above */
	struct strvec feeds; /* rel=alternate, type RSS, Atom or JSON Feed */
	char *canonical;     /* <link rel=canonical>, or NULL */
	char *next;	     /* <link rel=next>, or NULL */
	size_t n_skipped;    /* hrefs that were not usable http(s) URLs */
	int truncated;	     /* 1 when LINKS_MAX was reached */
};

/*
 * Parse LEN bytes of HTML (UTF-8) fetched from PAGE_URL and fill *OUT,
 * which links_free releases.  Returns 0, or RM_EINVAL when PAGE_URL is
 * not an http(s) URL.
 */
int links_extract(const char *html, size_t len, const char *page_url,
		  struct links *out);

/* The same over a tree the caller already parsed (ROOT is the document
 * node's root element, as in GumboOutput.root). */
int links_from_tree(const GumboNode *root, const char *page_url,
		    struct links *out);

void links_free(struct links *l);

#endif
