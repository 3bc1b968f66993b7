/*
 * Feeds and sitemaps: the lists of article URLs a source publishes.
 *
 * One entry point takes a fetched body and works out what it is: RSS
 * 0.9x/2.0, RSS 1.0 (RDF), Atom (1.0 and 0.3), JSON Feed, a sitemap
 * (<urlset>, with Google News extensions) or a sitemap index
 * (<sitemapindex>); gzip-compressed bodies (sitemap.xml.gz) are
 * recognised by their magic bytes and inflated first.
 *
 * Hostile input is expected: XML is read by libxml2 without network
 * access, without loading DTDs and without substituting entities (so
 * "billion laughs" and external entities expand to nothing), in recover
 * mode for the slightly broken feeds the web is full of; input, inflated
 * size, item count and text lengths are all capped.  The XML declaration
 * decides the charset (ISO-8859-1 feeds come out as UTF-8).
 */
#ifndef RM_FEED_H
#define RM_FEED_H

#include <stddef.h>

#include "common/date.h"

/* Largest body accepted, before and after gunzip (sitemaps.org's 50 MB). */
#define FEED_MAX_BYTES (50u << 20)
/* Most items kept (a sitemap's 50,000 URLs); the rest are ignored. */
#define FEED_MAX_ITEMS 50000
/* Longest title kept, in bytes; longer ones are cut at a UTF-8 boundary. */
#define FEED_MAX_TITLE 1024

enum feed_kind {
	FEED_UNKNOWN = 0,
	FEED_RSS,	   /* RSS 0.9x and 2.0 */
	FEED_RDF,	   /* RSS 1.0 / RSS 0.90 */
	FEED_ATOM,
	FEED_JSONFEED,
	FEED_SITEMAP,	   /* items are pages */
	FEED_SITEMAPINDEX, /* items are more sitemaps */
};

/* A point in time as a feed gave it. */
struct feed_date {
	char day[DATE_STR_MAX]; /* "YYYY-MM-DD" as written (the publisher's
				   local date), "" when unknown */
	long long unix;		/* seconds since the epoch, UTC; a date
				   without a time is taken as midnight UTC;
				   -1 when unknown */
};

struct feed_item {
	char *link;	/* absolute, url_normalize'd; never NULL */
	char *title;	/* trimmed, white space collapsed; NULL if none */
	struct feed_date published;
	struct feed_date updated; /* sitemaps: <lastmod> */
};

struct feed {
	enum feed_kind kind;
	char *title;	/* the feed's own title, or NULL */
	long ttl_secs;	/* how often the publisher says to poll (RSS <ttl>,
			   sy:updatePeriod/updateFrequency), -1 if not said */
	struct feed_item *items; /* in document order */
	size_t n_items;
	size_t n_dropped; /* entries without a usable http(s) link */
	int truncated;	/* 1 when FEED_MAX_ITEMS was reached */
};

/*
 * Parse LEN bytes fetched from URL (the base for relative links).
 * Items whose link is missing or not http(s) are counted in n_dropped.
 * *OUT is freed with feed_free.  Returns 0; RM_ETOOLARGE when the body
 * or its inflated form passes FEED_MAX_BYTES; RM_EINVAL for a body that
 * is none of the formats above, broken gzip or unparseable JSON; the
 * reason, when ERR is set, goes into *ERR (malloc'd, caller frees).
 */
int feed_parse(const char *data, size_t len, const char *url,
	       struct feed **out, char **err);

void feed_free(struct feed *f);

/* "rss", "rdf", "atom", "jsonfeed", "sitemap", "sitemapindex", "unknown". */
const char *feed_kind_name(enum feed_kind kind);

/*
 * Parse an RFC 822 date ("Tue, 02 Mar 2021 23:39:15 +0100", also with
 * zone names, two-digit years, no seconds or no weekday) or an ISO 8601
 * one ("2021-03-02", "2021-03-02T23:39:15.5+01:00", "... 23:39Z").
 * Returns 0 and fills *OUT, or RM_EINVAL.
 */
int feed_parse_date(const char *s, struct feed_date *out);

/*
 * Inflate a gzip or zlib stream of LEN bytes, stopping with RM_ETOOLARGE
 * as soon as the output would pass MAX bytes (so a gzip bomb costs at
 * most MAX bytes of memory and the time to inflate them).  *OUT is
 * malloc'd and NUL-terminated, caller frees.  RM_EINVAL for a corrupt or
 * truncated stream.
 */
int feed_gunzip(const char *data, size_t len, size_t max, char **out,
		size_t *outlen);

#endif
