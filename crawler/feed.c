/*
 * Feed and sitemap parsing.
 *
 * The body is sniffed (gzip magic, then "{" for JSON Feed, else XML), the
 * XML root element names the format, and one small walker per format
 * picks the item elements out of a libxml2 tree.  Formats differ mostly
 * in element names, so the walkers share the helpers for text, links and
 * dates.  Entity references are never expanded: text is collected from
 * text and CDATA nodes only.
 */
#include "crawler/feed.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zlib.h>

#include "common/ascii.h"
#include "common/buf.h"
#include "common/errors.h"
#include "common/xalloc.h"
#include "crawler/url.h"

/*
 * NONET: no network for DTDs or entities.  No NOENT and no DTDLOAD, so
 * entities stay unexpanded references.  RECOVER: keep what parses of a
 * broken feed.  NOERROR/NOWARNING: a bad feed is not worth stderr noise.
 */
#define XML_OPTIONS                                                           \
	(XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_RECOVER |           \
	 XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT)

/* Text gathered for one title before white space is collapsed. */
#define TEXT_GATHER_MAX (4 * FEED_MAX_TITLE)
/* Nodes one text gathering may visit (an xhtml title is a small tree). */
#define TEXT_NODE_BUDGET 4096

enum ns {
	NS_NONE = 1 << 0,    /* no namespace */
	NS_RSS = 1 << 1,     /* RSS 1.0 and 0.90 default namespaces */
	NS_ATOM = 1 << 2,    /* Atom 1.0 and 0.3 */
	NS_DC = 1 << 3,	     /* Dublin Core elements and terms */
	NS_SY = 1 << 4,	     /* RSS syndication module */
	NS_RDF = 1 << 5,
	NS_SITEMAP = 1 << 6, /* sitemaps.org 0.9 (and Google's old one) */
	NS_NEWS = 1 << 7,    /* Google News sitemaps */
	NS_OTHER = 1 << 8,
};

static const struct {
	const char *href;
	enum ns ns;
} namespaces[] = {
	{ "http://purl.org/rss/1.0/", NS_RSS },
	{ "http://my.netscape.com/rdf/simple/0.9/", NS_RSS },
	{ "http://www.w3.org/2005/Atom", NS_ATOM },
	{ "http://purl.org/atom/ns#", NS_ATOM },
	{ "http://purl.org/dc/elements/1.1/", NS_DC },
	{ "http://purl.org/dc/terms/", NS_DC },
	{ "http://purl.org/rss/1.0/modules/syndication/", NS_SY },
	{ "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
	{ "http://www.sitemaps.org/schemas/sitemap/0.9", NS_SITEMAP },
	{ "http://www.google.com/schemas/sitemap/0.84", NS_SITEMAP },
	{ "http://www.google.com/schemas/sitemap-news/0.9", NS_NEWS },
};

/* Element names of the plain formats, whatever their default namespace. */
#define NS_PLAIN (NS_NONE | NS_RSS | NS_SITEMAP)
/* Atom elements; a few real Atom feeds forget the namespace. */
#define NS_ATOMISH (NS_ATOM | NS_NONE)

static enum ns
node_ns(const xmlNode *n)
{
	if (!n->ns || !n->ns->href)
		return NS_NONE;
	for (size_t i = 0; i < sizeof(namespaces) / sizeof(namespaces[0]); i++)
		if (strcmp((const char *)n->ns->href, namespaces[i].href) == 0)
			return namespaces[i].ns;
	return NS_OTHER;
}

/* Whether N is an element called NAME in one of the namespaces NS. */
static bool
is_el(const xmlNode *n, const char *name, unsigned ns)
{
	return n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0 && (node_ns(n) & ns);
}

static const char *
attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (strcmp((const char *)a->name, name) == 0 && a->children &&
		    a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
	return NULL;
}

/*
 * The text inside N: text and CDATA descendants in document order,
 * walked iteratively, entity references skipped.  Appended to B, which
 * caps it.
 */
static void
gather_text(const xmlNode *n, struct buf *b)
{
	const xmlNode *cur = n->children;
	int budget = TEXT_NODE_BUDGET;

	while (cur && cur != n && budget-- > 0) {
		if ((cur->type == XML_TEXT_NODE ||
		     cur->type == XML_CDATA_SECTION_NODE) &&
		    cur->content &&
		    buf_append_str(b, (const char *)cur->content) != 0)
			return;
		if (cur->type == XML_ELEMENT_NODE && cur->children) {
			cur = cur->children;
			continue;
		}
		while (cur != n && !cur->next)
			cur = cur->parent;
		if (cur != n)
			cur = cur->next;
	}
}

/*
 * S with white space runs made one space, trimmed, cut to FEED_MAX_TITLE
 * bytes at a UTF-8 boundary.  malloc'd, or NULL when nothing is left.
 */
static char *
clean_text(const char *s, size_t len)
{
	char *out = xmalloc(len + 1);
	size_t o = 0;
	bool space = false;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (ascii_isspace(c)) {
			space = o > 0;
			continue;
		}
		if (space) {
			out[o++] = ' ';
			space = false;
		}
		out[o++] = (char)c;
	}
	if (o > FEED_MAX_TITLE) {
		o = FEED_MAX_TITLE;
		while (o > 0 && ((unsigned char)out[o] & 0xc0) == 0x80)
			o--;
	}
	out[o] = '\0';
	if (o == 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* The cleaned text of N, malloc'd, or NULL. */
static char *
node_text(const xmlNode *n)
{
	struct buf b;
	char *s;

	buf_init(&b, TEXT_GATHER_MAX);
	gather_text(n, &b);
	s = clean_text(buf_str(&b), b.len);
	buf_free(&b);
	return s;
}

/* First child element of N matching NAME in NS, or NULL. */
static const xmlNode *
child(const xmlNode *n, const char *name, unsigned ns)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (is_el(c, name, ns))
			return c;
	return NULL;
}

static char *
child_text(const xmlNode *n, const char *name, unsigned ns)
{
	const xmlNode *c = child(n, name, ns);

	return c ? node_text(c) : NULL;
}

/* ---- dates ---------------------------------------------------------- */

struct cursor {
	const char *p;
};

static void
skip_spaces(struct cursor *c)
{
	while (ascii_isspace((unsigned char)*c->p) || *c->p == ',')
		c->p++;
}

/* Up to MAXD digits (at least MIND); -1 if fewer. */
static int
read_num(struct cursor *c, int mind, int maxd)
{
	int v = 0, n = 0;

	while (n < maxd && ascii_isdigit((unsigned char)c->p[n])) {
		v = v * 10 + (c->p[n] - '0');
		n++;
	}
	if (n < mind)
		return -1;
	c->p += n;
	return v;
}

static bool
eat(struct cursor *c, char ch)
{
	if (*c->p != ch)
		return false;
	c->p++;
	return true;
}

static int
read_month(struct cursor *c)
{
	static const char months[12][4] = { "jan", "feb", "mar", "apr",
					    "may", "jun", "jul", "aug",
					    "sep", "oct", "nov", "dec" };

	for (int m = 0; m < 12; m++)
		if (ascii_ncasecmp(c->p, months[m], 3) == 0) {
			while (ascii_isalpha((unsigned char)*c->p))
				c->p++;
			if (*c->p == '.')
				c->p++;
			return m + 1;
		}
	return -1;
}

/* "hh:mm[:ss[.frac]]" into seconds since midnight; -1 if malformed. */
static long
read_time(struct cursor *c)
{
	int h, m, s = 0;

	h = read_num(c, 1, 2);
	if (h < 0 || !eat(c, ':'))
		return -1;
	m = read_num(c, 2, 2);
	if (m < 0)
		return -1;
	if (eat(c, ':')) {
		s = read_num(c, 2, 2);
		if (s < 0)
			return -1;
		if (eat(c, '.') || eat(c, ','))
			while (ascii_isdigit((unsigned char)*c->p))
				c->p++;
	}
	if (h > 23 || m > 59 || s > 60)
		return -1;
	return h * 3600L + m * 60L + s;
}

/* "Z", "+hh:mm", "+hhmm", "+hh", or a zone name; seconds east of UTC. */
static bool
read_zone(struct cursor *c, long *off)
{
	static const struct {
		const char *name;
		int hours;
	} zones[] = {
		{ "UTC", 0 },  { "GMT", 0 },  { "UT", 0 },   { "Z", 0 },
		{ "EST", -5 }, { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 },
		{ "MST", -7 }, { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 },
		{ "CET", 1 },  { "CEST", 2 }, { "BST", 1 },  { "IST", 5 },
	};
	int sign = 0, h, m = 0;

	*off = 0;
	while (*c->p == ' ')
		c->p++;
	if (*c->p == '\0')
		return true;
	if (*c->p == '+' || *c->p == '-') {
		sign = *c->p == '-' ? -1 : 1;
		c->p++;
		h = read_num(c, 2, 2);
		if (h < 0)
			return false;
		eat(c, ':');
		if (ascii_isdigit((unsigned char)*c->p))
			m = read_num(c, 2, 2);
		if (h > 23 || m < 0 || m > 59)
			return false;
		*off = sign * (h * 3600L + m * 60L);
		return true;
	}
	for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		size_t n = strlen(zones[i].name);

		if (ascii_ncasecmp(c->p, zones[i].name, n) == 0 &&
		    !ascii_isalpha((unsigned char)c->p[n])) {
			c->p += n;
			*off = zones[i].hours * 3600L;
			/* "GMT+0100" and the like. */
			if (*c->p == '+' || *c->p == '-') {
				long extra;

				if (!read_zone(c, &extra))
					return false;
				*off += extra;
			}
			return true;
		}
	}
	return false;
}

static int
finish_date(int y, int mo, int d, long secs, long off, struct feed_date *out)
{
	if (!date_valid(y, mo, d))
		return RM_EINVAL;
	struct ymd day = { y, mo, d };

	date_format(&day, out->day);
	out->unix = (long long)date_to_days(y, mo, d) * 86400 + secs - off;
	return 0;
}

static int
parse_iso8601(struct cursor *c, struct feed_date *out)
{
	int y, mo, d;
	long secs = 0, off = 0;

	y = read_num(c, 4, 4);
	if (y < 0 || !eat(c, '-'))
		return RM_EINVAL;
	mo = read_num(c, 2, 2);
	if (mo < 0 || !eat(c, '-'))
		return RM_EINVAL;
	d = read_num(c, 2, 2);
	if (d < 0)
		return RM_EINVAL;
	if (*c->p == 'T' || *c->p == 't' ||
	    (*c->p == ' ' && ascii_isdigit((unsigned char)c->p[1]))) {
		c->p++;
		secs = read_time(c);
		if (secs < 0 || !read_zone(c, &off))
			return RM_EINVAL;
	}
	while (ascii_isspace((unsigned char)*c->p))
		c->p++;
	if (*c->p)
		return RM_EINVAL;
	return finish_date(y, mo, d, secs, off, out);
}

/* "[Tue,] 2 Mar 2021 [23:39[:15]] [zone]"; also "Mar 2, 2021". */
static int
parse_rfc822(struct cursor *c, struct feed_date *out)
{
	int y, mo, d;
	long secs = 0, off = 0;

	skip_spaces(c);
	/* A weekday name, with or without its comma; a month stays. */
	if (ascii_isalpha((unsigned char)*c->p)) {
		const char *word = c->p;

		if (read_month(c) < 0) {
			while (ascii_isalpha((unsigned char)*c->p))
				c->p++;
			skip_spaces(c);
		} else {
			c->p = word;
		}
	}
	if (ascii_isdigit((unsigned char)*c->p)) {
		d = read_num(c, 1, 2);
		skip_spaces(c);
		eat(c, '-');
		mo = read_month(c);
	} else {
		mo = read_month(c);
		skip_spaces(c);
		d = read_num(c, 1, 2);
	}
	if (mo < 0 || d < 0)
		return RM_EINVAL;
	skip_spaces(c);
	eat(c, '-');
	y = read_num(c, 2, 4);
	if (y < 0)
		return RM_EINVAL;
	if (y < 100)
		y += y < 50 ? 2000 : 1900;
	skip_spaces(c);
	if (ascii_isdigit((unsigned char)*c->p)) {
		secs = read_time(c);
		if (secs < 0)
			return RM_EINVAL;
	}
	if (!read_zone(c, &off))
		return RM_EINVAL;
	while (ascii_isspace((unsigned char)*c->p))
		c->p++;
	if (*c->p)
		return RM_EINVAL;
	return finish_date(y, mo, d, secs, off, out);
}

int
feed_parse_date(const char *s, struct feed_date *out)
{
	struct feed_date d = { "", -1 };
	struct cursor c;
	size_t len;
	const char *t;
	char *copy;
	int rc;

	if (!s)
		return RM_EINVAL;
	t = ascii_trim(s, strnlen(s, 128), &len);
	if (len == 0 || len >= 128)
		return RM_EINVAL;
	copy = xstrndup(t, len);
	c.p = copy;
	if (ascii_isdigit((unsigned char)copy[0]) && len >= 10 &&
	    copy[4] == '-')
		rc = parse_iso8601(&c, &d);
	else
		rc = parse_rfc822(&c, &d);
	free(copy);
	if (rc == 0)
		*out = d;
	return rc;
}

static void
set_date(struct feed_date *d, const char *text)
{
	if (text && d->day[0] == '\0')
		feed_parse_date(text, d);
}

/* ---- items ---------------------------------------------------------- */

struct builder {
	struct feed *f;
	const char *url; /* the feed's own URL, may be NULL */
	xmlDoc *doc;
	size_t cap;
};

static const struct feed_date no_date = { "", -1 };

/*
 * Add an item whose link text is LINK as found in element AT (whose
 * xml:base applies), or count it as dropped.  Takes TITLE.  Returns
 * false once the item cap is reached.
 */
static bool
add_item(struct builder *b, const char *link, const xmlNode *at,
	 char *title, const struct feed_date *pub, const struct feed_date *upd)
{
	struct feed *f = b->f;
	xmlChar *base = NULL;
	char *abs = NULL, *ref = NULL;
	const char *t;
	size_t len;
	int rc = RM_EINVAL;

	if (f->n_items >= FEED_MAX_ITEMS) {
		f->truncated = 1;
		free(title);
		return false;
	}
	if (link) {
		t = ascii_trim(link, strnlen(link, URL_MAX + 1), &len);
		ref = xstrndup(t, len);
		if (at && b->doc)
			base = xmlNodeGetBase(b->doc, at);
		if (base)
			rc = url_resolve((const char *)base, ref, &abs);
		if (rc != 0 && b->url)
			rc = url_resolve(b->url, ref, &abs);
		if (rc != 0)
			rc = url_normalize(ref, &abs);
	}
	xmlFree(base);
	free(ref);
	if (rc != 0) {
		f->n_dropped++;
		free(title);
		return true;
	}
	if (f->n_items == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 32;
		f->items = xreallocarray(f->items, b->cap, sizeof(*f->items));
	}
	struct feed_item *it = &f->items[f->n_items++];

	it->link = abs;
	it->title = title;
	it->published = pub ? *pub : no_date;
	it->updated = upd ? *upd : no_date;
	return true;
}

/* Dates of an RSS/RDF/Atom entry from the elements that carry them. */
static void
entry_dates(const xmlNode *e, struct feed_date *pub, struct feed_date *upd)
{
	static const struct {
		const char *name;
		unsigned ns;
		bool published;
	} fields[] = {
		{ "pubDate", NS_PLAIN, true },	{ "published", NS_ATOMISH, true },
		{ "issued", NS_ATOMISH, true },	{ "date", NS_DC, true },
		{ "created", NS_DC, true },	{ "updated", NS_ATOMISH, false },
		{ "modified", NS_ATOMISH, false }, { "modified", NS_DC, false },
	};

	*pub = no_date;
	*upd = no_date;
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const xmlNode *c = child(e, fields[i].name, fields[i].ns);
		char *text = c ? node_text(c) : NULL;

		set_date(fields[i].published ? pub : upd, text);
		free(text);
	}
}

/* The href of an Atom alternate link (no rel, or rel="alternate"),
 * preferring an HTML one; *AT gets the link element. */
static const char *
atom_alternate(const xmlNode *e, const xmlNode **at)
{
	const char *best = NULL;

	for (const xmlNode *c = e->children; c; c = c->next) {
		const char *rel, *type, *href;

		if (!is_el(c, "link", NS_ATOMISH))
			continue;
		rel = attr(c, "rel");
		type = attr(c, "type");
		href = attr(c, "href");
		if (!href || (rel && strcmp(rel, "alternate") != 0))
			continue;
		if (!best || (type && strstr(type, "html"))) {
			best = href;
			*at = c;
			if (type && strstr(type, "html"))
				break;
		}
	}
	return best;
}

static bool
rss_item(struct builder *b, const xmlNode *item)
{
	const xmlNode *at = NULL;
	const char *link = NULL;
	char *link_text = NULL, *title;
	struct feed_date pub, upd;
	const xmlNode *c;
	bool more;

	c = child(item, "link", NS_PLAIN);
	if (c && (link_text = node_text(c)) != NULL) {
		link = link_text;
		at = c;
	}
	if (!link)
		link = atom_alternate(item, &at);
	if (!link && (c = child(item, "guid", NS_PLAIN)) != NULL) {
		const char *perma = attr(c, "isPermaLink");

		if (!perma || strcmp(perma, "false") != 0) {
			link_text = node_text(c);
			link = link_text;
			at = c;
		}
	}
	if (!link && (link = attr(item, "about")) != NULL)
		at = item;
	title = child_text(item, "title", NS_PLAIN);
	if (!title)
		title = child_text(item, "title", NS_DC);
	entry_dates(item, &pub, &upd);
	more = add_item(b, link, at, title, &pub, &upd);
	free(link_text);
	return more;
}

static bool
atom_entry(struct builder *b, const xmlNode *e)
{
	const xmlNode *at = NULL;
	const char *link = atom_alternate(e, &at);
	struct feed_date pub, upd;

	entry_dates(e, &pub, &upd);
	return add_item(b, link, at, child_text(e, "title", NS_ATOMISH), &pub,
			&upd);
}

static bool
sitemap_entry(struct builder *b, const xmlNode *e)
{
	const xmlNode *loc = child(e, "loc", NS_PLAIN);
	const xmlNode *news = child(e, "news", NS_NEWS);
	char *link = loc ? node_text(loc) : NULL, *text, *title = NULL;
	struct feed_date pub = no_date, upd = no_date;
	bool more;

	text = child_text(e, "lastmod", NS_PLAIN);
	set_date(&upd, text);
	free(text);
	if (news) {
		title = child_text(news, "title", NS_NEWS);
		text = child_text(news, "publication_date", NS_NEWS);
		set_date(&pub, text);
		free(text);
	}
	more = add_item(b, link, loc, title, &pub, &upd);
	free(link);
	return more;
}

/* RSS <ttl> (minutes) and the syndication module's period/frequency. */
static void
channel_meta(struct feed *f, const xmlNode *ch)
{
	static const struct {
		const char *name;
		long secs;
	} periods[] = {
		{ "hourly", 3600L },	 { "daily", 86400L },
		{ "weekly", 604800L },	 { "monthly", 2592000L },
		{ "yearly", 31536000L },
	};
	char *ttl = child_text(ch, "ttl", NS_PLAIN);
	char *period = child_text(ch, "updatePeriod", NS_SY);
	char *freq = child_text(ch, "updateFrequency", NS_SY);
	unsigned long long v;

	if (!f->title)
		f->title = child_text(ch, "title", NS_PLAIN | NS_ATOM);
	if (ttl && parse_uint(ttl, 60ULL * 24 * 365, &v) == 0) {
		f->ttl_secs = (long)v * 60;
	} else if (period) {
		for (size_t i = 0; i < sizeof(periods) / sizeof(periods[0]);
		     i++) {
			if (ascii_casecmp(period, periods[i].name) != 0)
				continue;
			if (!freq || parse_uint(freq, 1000000, &v) != 0 ||
			    v == 0)
				v = 1;
			f->ttl_secs = periods[i].secs / (long)v;
		}
	}
	free(ttl);
	free(period);
	free(freq);
}

typedef bool (*entry_fn)(struct builder *, const xmlNode *);

/* Call FN on each child of PARENT named NAME in NS, up to the cap. */
static void
each_entry(struct builder *b, const xmlNode *parent, const char *name,
	   unsigned ns, entry_fn fn)
{
	for (const xmlNode *c = parent->children; c; c = c->next)
		if (is_el(c, name, ns) && !fn(b, c))
			return;
}

/* RSS and RDF: a channel with items inside it (RSS 2.0) or beside it
 * (RDF, and some RSS 0.9x). */
static void
rss_channel(struct builder *b, const xmlNode *root, unsigned ns)
{
	const xmlNode *ch = child(root, "channel", ns);

	if (ch) {
		channel_meta(b->f, ch);
		each_entry(b, ch, "item", ns, rss_item);
	}
	each_entry(b, root, "item", ns, rss_item);
}

static int
parse_xml_tree(struct builder *b, const xmlNode *root)
{
	struct feed *f = b->f;

	if (is_el(root, "rss", NS_NONE)) {
		f->kind = FEED_RSS;
		rss_channel(b, root, NS_NONE);
	} else if (is_el(root, "RDF", NS_RDF)) {
		f->kind = FEED_RDF;
		rss_channel(b, root, NS_PLAIN);
	} else if (is_el(root, "feed", NS_ATOMISH)) {
		f->kind = FEED_ATOM;
		channel_meta(f, root);
		each_entry(b, root, "entry", NS_ATOMISH, atom_entry);
	} else if (is_el(root, "entry", NS_ATOM)) {
		/* An Atom entry document: a feed of one. */
		f->kind = FEED_ATOM;
		atom_entry(b, root);
	} else if (is_el(root, "urlset", NS_PLAIN)) {
		f->kind = FEED_SITEMAP;
		each_entry(b, root, "url", NS_PLAIN, sitemap_entry);
	} else if (is_el(root, "sitemapindex", NS_PLAIN)) {
		f->kind = FEED_SITEMAPINDEX;
		each_entry(b, root, "sitemap", NS_PLAIN, sitemap_entry);
	} else {
		return RM_EINVAL;
	}
	return 0;
}

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void
xml_init(void)
{
	xmlInitParser();
}

static int
parse_xml(struct builder *b, const char *data, size_t len,
	  const char **why)
{
	xmlDoc *doc;
	const xmlNode *root;
	int rc;

	pthread_once(&xml_once, xml_init);
	doc = xmlReadMemory(data, (int)len, b->url, NULL, XML_OPTIONS);
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root) {
		*why = "not well-formed XML";
		xmlFreeDoc(doc);
		return RM_EINVAL;
	}
	b->doc = doc;
	rc = parse_xml_tree(b, root);
	if (rc)
		*why = "XML, but not RSS, Atom or a sitemap";
	b->doc = NULL;
	xmlFreeDoc(doc);
	return rc;
}

/* ---- JSON Feed ------------------------------------------------------ */

static const char *
json_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

static char *
json_text(const json_t *obj, const char *key)
{
	const char *s = json_str(obj, key);

	return s ? clean_text(s, strlen(s)) : NULL;
}

static int
parse_jsonfeed(struct builder *b, const char *data, size_t len,
	       const char **why)
{
	json_error_t jerr;
	json_t *root = json_loadb(data, len, 0, &jerr);
	const char *version;
	const json_t *items, *it;
	size_t i;
	int rc = RM_EINVAL;

	version = json_str(root, "version");
	if (!json_is_object(root) || !version ||
	    !strstr(version, "jsonfeed.org/version/")) {
		*why = "JSON, but not a JSON Feed";
		goto out;
	}
	b->f->kind = FEED_JSONFEED;
	b->f->title = json_text(root, "title");
	items = json_object_get(root, "items");
	json_array_foreach(items, i, it)
	{
		struct feed_date pub = no_date, upd = no_date;
		const char *link = json_str(it, "url");

		if (!link)
			link = json_str(it, "external_url");
		set_date(&pub, json_str(it, "date_published"));
		set_date(&upd, json_str(it, "date_modified"));
		if (!add_item(b, link, NULL, json_text(it, "title"), &pub,
			      &upd))
			break;
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}

/* ---- gzip ----------------------------------------------------------- */

int
feed_gunzip(const char *data, size_t len, size_t max, char **out,
	    size_t *outlen)
{
	z_stream zs;
	struct buf b;
	char chunk[65536];
	int zrc = Z_OK, rc = RM_EINVAL;

	memset(&zs, 0, sizeof(zs));
	/* 15 + 32: a zlib or gzip header, detected. */
	if (len > UINT32_MAX || inflateInit2(&zs, 15 + 32) != Z_OK)
		return RM_EINVAL;
	buf_init(&b, max);
	zs.next_in = (Bytef *)(uintptr_t)data;
	zs.avail_in = (uInt)len;
	while (zrc != Z_STREAM_END) {
		zs.next_out = (Bytef *)chunk;
		zs.avail_out = sizeof(chunk);
		zrc = inflate(&zs, Z_NO_FLUSH);
		if (zrc != Z_OK && zrc != Z_STREAM_END)
			goto out;
		if (buf_append(&b, chunk, sizeof(chunk) - zs.avail_out) != 0) {
			rc = RM_ETOOLARGE;
			goto out;
		}
		/* No input left and no end: a truncated stream. */
		if (zrc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0)
			goto out;
	}
	*outlen = b.len;
	*out = buf_steal(&b);
	rc = 0;
out:
	inflateEnd(&zs);
	buf_free(&b);
	return rc;
}

/* ---- entry point ---------------------------------------------------- */


int
feed_parse(const char *data, size_t len, const char *url, struct feed **out,
	   char **err)
{
	struct feed *f = NULL;
	struct builder b;
	char *inflated = NULL;
	const char *why = NULL;
	size_t i = 0;
	int rc = RM_EINVAL;

	if (!data || !out)
		return RM_EINVAL;
	if (len > FEED_MAX_BYTES) {
		rc = RM_ETOOLARGE;
		why = "body larger than the feed size cap";
		goto fail;
	}
	if (len >= 2 && (unsigned char)data[0] == 0x1f &&
	    (unsigned char)data[1] == 0x8b) {
		rc = feed_gunzip(data, len, FEED_MAX_BYTES, &inflated, &len);
		if (rc) {
			why = rc == RM_ETOOLARGE
				      ? "gzip body inflates past the size cap"
				      : "corrupt gzip body";
			goto fail;
		}
		data = inflated;
		/* Inflated is not parsed: junk inside gzip is still junk. */
		rc = RM_EINVAL;
	}
	f = xcalloc(1, sizeof(*f));
	f->ttl_secs = -1;
	memset(&b, 0, sizeof(b));
	b.f = f;
	b.url = url;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && ascii_isspace((unsigned char)data[i]))
		i++;
	if (i < len && data[i] == '{')
		rc = parse_jsonfeed(&b, data + i, len - i, &why);
	else if (i < len && data[i] == '<')
		rc = parse_xml(&b, data, len, &why);
	else
		why = "neither XML nor JSON";
	if (rc)
		goto fail;
	free(inflated);
	*out = f;
	return 0;
fail:
	if (err)
		*err = xstrdup(why ? why : "unreadable feed");
	free(inflated);
	feed_free(f);
	return rc;
}

void
feed_free(struct feed *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n_items; i++) {
		free(f->items[i].link);
		free(f->items[i].title);
	}
	free(f->items);
	free(f->title);
	free(f);
}

const char *
feed_kind_name(enum feed_kind kind)
{
	switch (kind) {
	case FEED_RSS: return "rss";
	case FEED_RDF: return "rdf";
	case FEED_ATOM: return "atom";
	case FEED_JSONFEED: return "jsonfeed";
	case FEED_SITEMAP: return "sitemap";
	case FEED_SITEMAPINDEX: return "sitemapindex";
	case FEED_UNKNOWN: break;
	}
	return "unknown";
}
