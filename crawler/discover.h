/*
 * What a source's start page points at: the article URLs of a feed, a
 * sitemap or an HTML index page, each judged against the source's
 * follow/skip patterns, plus the sitemaps of a sitemap index and the
 * next page of a paginated index.  Pure: bytes in, lists out; the crawl
 * and `rumormill sources test` share it.
 */
#ifndef RM_DISCOVER_H
#define RM_DISCOVER_H

#include <stdbool.h>
#include <stddef.h>

#include "common/strvec.h"

struct source;

enum discover_verdict {
	DISCOVER_FOLLOW,   /* an article: "follow" matches, "skip" not */
	DISCOVER_NOMATCH,  /* "follow" does not match */
	DISCOVER_SKIP,	   /* "skip" matches */
	DISCOVER_LIMIT,	   /* a pattern ran out of its match budget */
};

struct discover_link {
	char *url;		/* normalised */
	long long lastmod;	/* Unix seconds the publisher gives, or -1 */
	enum discover_verdict verdict;
};

struct discovery {
	const char *kind;	/* "rss", "atom", "sitemap", "html", ... */
	char *title;		/* the feed's or page's title, or NULL */
	long ttl_secs;		/* a feed's own polling interval, or -1 */
	struct discover_link *links; /* in document order */
	size_t n_links;
	size_t n_follow;	/* links with DISCOVER_FOLLOW */
	struct strvec sitemaps;	/* a sitemap index's sitemaps */
	char *next;		/* an index page's rel=next, or NULL */
	size_t n_dropped;	/* entries without a usable URL */
};

/*
 * True when a body of type CONTENT_TYPE (lower case, no parameters;
 * NULL when not sent) is HTML: the type says so, or, without a type,
 * the first bytes look like markup.
 */
bool discover_is_html(const char *content_type, const char *body,
		      size_t len);

/*
 * Read the page BODY (LEN bytes, NUL-terminated) fetched from URL (the
 * final URL, base of relative links) with CONTENT_TYPE, for source SRC.
 * Feeds and sitemaps are recognised by type or content, HTML by type or
 * markup.  *OUT is freed with discovery_free.  Returns 0, or RM_EINVAL /
 * RM_ETOOLARGE with a reason in *ERR (malloc'd, caller frees).
 */
int discover_page(const struct source *src, const char *url,
		  const char *body, size_t len, const char *content_type,
		  struct discovery *out, char **err);

void discovery_free(struct discovery *d);

/* "follow", "no follow match", "skip matches", "pattern limit". */
const char *discover_verdict_name(enum discover_verdict v);

/* The verdict for one URL alone. */
enum discover_verdict discover_judge(const struct source *src,
				     const char *url);

#endif
