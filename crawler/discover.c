/*
 * Start pages: feeds, sitemaps and HTML index pages to lists of URLs.
 */
#include "crawler/discover.h"

#include <stdlib.h>
#include <string.h>

#include "common/ascii.h"
#include "common/errors.h"
#include "common/xalloc.h"
#include "config/sources.h"
#include "crawler/feed.h"
#include "extract/links.h"

/* How far into a body we look for the first tag when sniffing. */
#define SNIFF_MAX 1024

static bool
is_type(const char *ct, const char *t)
{
	return ct && strcmp(ct, t) == 0;
}

/* The first bytes after a BOM and white space start with "<!doctype
 * html", "<html", "<head" or "<!--" followed by one of those. */
static bool
looks_like_html(const char *body, size_t len)
{
	static const char *const starts[] = { "<!doctype html", "<html",
					      "<head", "<body" };
	size_t i = 0, n = len < SNIFF_MAX ? len : SNIFF_MAX;

	if (n >= 3 && memcmp(body, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	for (int guard = 0; guard < 8; guard++) {
		const char *end;

		while (i < n && ascii_isspace((unsigned char)body[i]))
			i++;
		if (n - i < 4 || memcmp(body + i, "<!--", 4) != 0)
			break;
		end = memmem(body + i, n - i, "-->", 3);
		if (!end)
			return false;
		i = (size_t)(end - body) + 3;
	}
	for (size_t k = 0; k < sizeof(starts) / sizeof(starts[0]); k++) {
		size_t sl = strlen(starts[k]);

		if (n - i >= sl && ascii_ncasecmp(body + i, starts[k], sl) == 0)
			return true;
	}
	return false;
}

bool
discover_is_html(const char *content_type, const char *body, size_t len)
{
	if (is_type(content_type, "text/html") ||
	    is_type(content_type, "application/xhtml+xml"))
		return true;
	/* text/plain is what many servers say when they do not know. */
	if (content_type && !is_type(content_type, "text/plain") &&
	    !is_type(content_type, "application/octet-stream"))
		return false;
	return looks_like_html(body, len);
}

const char *
discover_verdict_name(enum discover_verdict v)
{
	switch (v) {
	case DISCOVER_FOLLOW: return "follow";
	case DISCOVER_NOMATCH: return "no follow match";
	case DISCOVER_SKIP: return "skip matches";
	case DISCOVER_LIMIT: return "pattern limit";
	}
	return "?";
}

enum discover_verdict
discover_judge(const struct source *src, const char *url)
{
	struct source follow_only = *src;
	int rc;

	rc = source_wants(src, url);
	if (rc == 1)
		return DISCOVER_FOLLOW;
	if (rc < 0)
		return DISCOVER_LIMIT;
	if (!src->skip_re)
		return DISCOVER_NOMATCH;
	/* Which pattern said no: ask again without "skip". */
	follow_only.skip_re = NULL;
	rc = source_wants(&follow_only, url);
	if (rc < 0)
		return DISCOVER_LIMIT;
	return rc == 1 ? DISCOVER_SKIP : DISCOVER_NOMATCH;
}

static void
add_link(struct discovery *d, const struct source *src, const char *url,
	 long long lastmod, size_t *cap)
{
	struct discover_link *l;

	if (d->n_links == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		d->links = xreallocarray(d->links, *cap, sizeof(*d->links));
	}
	l = &d->links[d->n_links++];
	l->url = xstrdup(url);
	l->lastmod = lastmod;
	l->verdict = discover_judge(src, url);
	if (l->verdict == DISCOVER_FOLLOW)
		d->n_follow++;
}

static long long
item_lastmod(const struct feed_item *it)
{
	long long a = it->published.unix, b = it->updated.unix;

	return a > b ? a : b;
}

static void
from_feed(struct discovery *d, const struct source *src, const struct feed *f)
{
	size_t cap = 0;

	d->kind = feed_kind_name(f->kind);
	d->title = f->title ? xstrdup(f->title) : NULL;
	d->ttl_secs = f->ttl_secs;
	d->n_dropped = f->n_dropped;
	for (size_t i = 0; i < f->n_items; i++) {
		if (f->kind == FEED_SITEMAPINDEX)
			strvec_add_unique(&d->sitemaps, f->items[i].link);
		else
			add_link(d, src, f->items[i].link,
				 item_lastmod(&f->items[i]), &cap);
	}
}

static int
from_html(struct discovery *d, const struct source *src, const char *url,
	  const char *body, size_t len, char **err)
{
	struct links l;
	size_t cap = 0;

	if (links_extract(body, len, url, &l) != 0) {
		if (err)
			*err = xstrdup("not an http(s) page URL");
		return RM_EINVAL;
	}
	d->kind = "html";
	d->n_dropped = l.n_skipped;
	for (size_t i = 0; i < l.links.n; i++)
		add_link(d, src, l.links.v[i], -1, &cap);
	if (l.next) {
		d->next = l.next;
		l.next = NULL;
	}
	links_free(&l);
	return 0;
}

int
discover_page(const struct source *src, const char *url, const char *body,
	      size_t len, const char *content_type, struct discovery *out,
	      char **err)
{
	struct discovery d;
	struct feed *f = NULL;
	char *why = NULL;
	int rc;

	memset(&d, 0, sizeof(d));
	d.ttl_secs = -1;
	if (discover_is_html(content_type, body, len)) {
		rc = from_html(&d, src, url, body, len, err);
		goto out;
	}
	rc = feed_parse(body, len, url, &f, &why);
	if (rc == 0) {
		from_feed(&d, src, f);
	} else if (rc == RM_EINVAL && looks_like_html(body, len)) {
		/* An HTML page served under an XML or odd type. */
		rc = from_html(&d, src, url, body, len, err);
	} else if (err) {
		*err = why;
		why = NULL;
	}
out:
	feed_free(f);
	free(why);
	if (rc) {
		discovery_free(&d);
		return rc;
	}
	*out = d;
	return 0;
}

void
discovery_free(struct discovery *d)
{
	for (size_t i = 0; i < d->n_links; i++)
		free(d->links[i].url);
	free(d->links);
	free(d->title);
	free(d->next);
	strvec_free(&d->sitemaps);
	memset(d, 0, sizeof(d[0]));
}
