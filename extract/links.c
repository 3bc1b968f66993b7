/*
 * Links of an HTML page, over a gumbo tree walked without recursion.
 *
 * Deduplication uses a small open-addressing hash set of indexes into
 * the result vector, so a page with thousands of links stays linear.
 */
#include "extract/links.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/ascii.h"
#include "common/buf.h"
#include "common/errors.h"
#include "common/hash.h"
#include "common/xalloc.h"
#include "crawler/url.h"

/* Power of two comfortably above LINKS_MAX, so probes stay short. */
#define SEEN_SLOTS 32768

static const char *const feed_types[] = {
	"application/rss+xml",
	"application/atom+xml",
	"application/feed+json",
};

struct seen {
	uint32_t slot[SEEN_SLOTS]; /* index + 1 into links; 0 = empty */
};

/* Add URL (taking it) to L->links unless present; false if it was. */
static bool
seen_add(struct seen *seen, struct strvec *links, char *url)
{
	uint32_t i = hash_string(url) & (SEEN_SLOTS - 1);

	while (seen->slot[i]) {
		if (strcmp(links->v[seen->slot[i] - 1], url) == 0) {
			free(url);
			return false;
		}
		i = (i + 1) & (SEEN_SLOTS - 1);
	}
	if (links->n == links->cap) {
		links->cap = links->cap ? links->cap * 2 : 64;
		links->v = xreallocarray(links->v, links->cap,
					 sizeof(*links->v));
	}
	links->v[links->n++] = url;
	seen->slot[i] = (uint32_t)links->n;
	return true;
}

static const GumboVector *
children_of(const GumboNode *n)
{
	if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE)
		return &n->v.element.children;
	if (n->type == GUMBO_NODE_DOCUMENT)
		return &n->v.document.children;
	return NULL;
}

/* The node after N in document order, staying under ROOT. */
static const GumboNode *
next_node(const GumboNode *n, const GumboNode *root)
{
	const GumboVector *kids = children_of(n);

	if (kids && kids->length > 0)
		return kids->data[0];
	while (n != root && n->parent) {
		const GumboVector *sib = children_of(n->parent);
		size_t i = n->index_within_parent + 1;

		if (sib && i < sib->length)
			return sib->data[i];
		n = n->parent;
	}
	return NULL;
}

static const char *
attr(const GumboNode *n, const char *name)
{
	const GumboAttribute *a;

	if (n->type != GUMBO_NODE_ELEMENT)
		return NULL;
	a = gumbo_get_attribute(&n->v.element.attributes, name);
	return a ? a->value : NULL;
}

static bool
is_tag(const GumboNode *n, GumboTag tag)
{
	return n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == tag;
}

/* Whether the space-separated list LIST holds TOKEN (ASCII case-blind). */
static bool
has_token(const char *list, const char *token)
{
	size_t tl = strlen(token);

	while (list && *list) {
		size_t n;

		while (ascii_isspace((unsigned char)*list))
			list++;
		n = 0;
		while (list[n] && !ascii_isspace((unsigned char)list[n]))
			n++;
		if (n == tl && ascii_ncasecmp(list, token, n) == 0)
			return true;
		list += n;
	}
	return false;
}

/*
 * An href as browsers read it: outer white space stripped, tabs and
 * newlines inside removed, inner spaces encoded.  malloc'd, or NULL for
 * an empty or fragment-only href.
 */
static char *
clean_href(const char *href)
{
	struct buf b;
	const char *s;
	size_t len;

	s = ascii_trim(href, strnlen(href, URL_MAX + 1), &len);
	if (len == 0 || s[0] == '#')
		return NULL;
	buf_init(&b, URL_MAX);
	for (size_t i = 0; i < len; i++) {
		int rc;

		if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
			continue;
		rc = s[i] == ' ' ? buf_append_str(&b, "%20")
				 : buf_append_char(&b, s[i]);
		if (rc) {
			buf_free(&b);
			return NULL;
		}
	}
	return buf_steal(&b);
}

/* HREF resolved against BASE, normalised; NULL when unusable. */
static char *
resolve(const char *base, const char *href)
{
	char *ref = href ? clean_href(href) : NULL;
	char *abs = NULL;

	if (ref && url_resolve(base, ref, &abs) != 0)
		abs = NULL;
	free(ref);
	return abs;
}

static bool
is_feed_type(const char *type)
{
	size_t len;

	if (!type)
		return false;
	type = ascii_trim(type, strcspn(type, ";"), &len);
	for (size_t i = 0; i < sizeof(feed_types) / sizeof(feed_types[0]);
	     i++)
		if (strlen(feed_types[i]) == len &&
		    ascii_ncasecmp(type, feed_types[i], len) == 0)
			return true;
	return false;
}

/* The document's base URL: the first <base href>, else the page URL. */
static char *
find_base(const GumboNode *root, const char *page_url)
{
	const GumboNode *n = root;
	long budget = LINKS_MAX_NODES;
	char *base = NULL;

	for (; n && budget-- > 0; n = next_node(n, root)) {
		if (is_tag(n, GUMBO_TAG_BASE) && attr(n, "href")) {
			base = resolve(page_url, attr(n, "href"));
			break;
		}
	}
	return base ? base : xstrdup(page_url);
}

static void
on_link_element(struct links *out, const GumboNode *n, const char *base)
{
	const char *rel = attr(n, "rel");
	char *url;

	if (!rel)
		return;
	if (has_token(rel, "canonical") && !out->canonical)
		out->canonical = resolve(base, attr(n, "href"));
	else if (has_token(rel, "next") && !out->next)
		out->next = resolve(base, attr(n, "href"));
	else if (has_token(rel, "alternate") && is_feed_type(attr(n, "type")) &&
		 out->feeds.n < LINKS_MAX_FEEDS &&
		 (url = resolve(base, attr(n, "href"))) != NULL) {
		strvec_add_unique(&out->feeds, url);
		free(url);
	}
}

int
links_from_tree(const GumboNode *root, const char *page_url,
		struct links *out)
{
	struct seen *seen = NULL;
	struct links l;
	char *base, *check = NULL;
	long budget = LINKS_MAX_NODES;

	if (!page_url || url_normalize(page_url, &check) != 0)
		return RM_EINVAL;
	free(check);
	memset(&l, 0, sizeof(l));
	seen = xcalloc(1, sizeof(*seen));
	base = find_base(root, page_url);
	for (const GumboNode *n = root; n && budget-- > 0;
	     n = next_node(n, root)) {
		const char *href;
		char *url;

		if (is_tag(n, GUMBO_TAG_LINK)) {
			on_link_element(&l, n, base);
			continue;
		}
		if (!is_tag(n, GUMBO_TAG_A) || !(href = attr(n, "href")))
			continue;
		if (l.links.n >= LINKS_MAX) {
			l.truncated = 1;
			break;
		}
		url = resolve(base, href);
		if (!url) {
			/* "#top" is no link at all; the rest were unusable. */
			if (href[strspn(href, " \t\n\r")] != '#')
				l.n_skipped++;
			continue;
		}
		seen_add(seen, &l.links, url);
	}
	free(base);
	free(seen);
	*out = l;
	return 0;
}

int
links_extract(const char *html, size_t len, const char *page_url,
	      struct links *out)
{
	GumboOptions opts = kGumboDefaultOptions;
	GumboOutput *doc;
	int rc;

	/* Parse errors are of no interest here; don't keep them. */
	opts.max_errors = 0;
	doc = gumbo_parse_with_options(&opts, html, len);
	if (!doc)
		abort();
	rc = links_from_tree(doc->root, page_url, out);
	gumbo_destroy_output(&opts, doc);
	return rc;
}

void
links_free(struct links *l)
{
	if (!l)
		return;
	strvec_free(&l->links);
	strvec_free(&l->feeds);
	free(l->canonical);
	free(l->next);
	memset(l, 0, sizeof(*l));
}
