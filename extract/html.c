/*
 * HTML page to struct doc: charset conversion, the pre-pass, the gumbo
 * parse, then metadata (here), main text (html_body.c) and publication
 * date (html_date.c).
 */
#include "extract/html.h"

#include <stdlib.h>
#include <string.h>

#include <gumbo.h>

#include "common/ascii.h"
#include "common/buf.h"
#include "common/errors.h"
#include "common/xalloc.h"
#include "extract/charset.h"
#include "extract/html_body.h"
#include "extract/html_date.h"
#include "extract/html_jsonld.h"
#include "extract/html_node.h"
#include "extract/prepass.h"

/* Largest page accepted; news pages are well under 2 MB. */
#define HTML_INPUT_MAX (8 * 1024 * 1024)
/* UTF-8 may take three bytes for each byte of a legacy charset. */
#define HTML_UTF8_MAX (3 * HTML_INPUT_MAX)
/* Longest title, author or URL kept, in bytes. */
#define HTML_FIELD_MAX 1024
/* A title part this short (in words) next to a separator is the site
 * name ("... - MacRumors", "... | The Verge"). */
#define SITE_WORDS_MAX 4
/* Longest site name stripped without knowing it, in bytes. */
#define SITE_BYTES_MAX 40

/* An author line longer than this is a byline with more in it. */
#define AUTHOR_BYTES_MAX 100
#define AUTHOR_WORDS_MAX 8

struct meta {
	/* Pointers into the gumbo tree (valid while it lives). */
	const char *og_title, *site_name, *og_url, *canonical;
	const char *author, *article_author, *lang, *content_lang;
	const GumboNode *title, *h1, *rel_author, *itemprop_author,
		*byline;
};

static bool
rel_has(const char *rel, const char *word)
{
	size_t n = strlen(word);
	const char *p = rel;

	while (rel && (p = ascii_casestr(p, strlen(p), word)) != NULL) {
		if ((p == rel || ascii_isspace((unsigned char)p[-1])) &&
		    (p[n] == '\0' || ascii_isspace((unsigned char)p[n])))
			return true;
		p += n;
	}
	return false;
}

static void
meta_tag(struct meta *m, const GumboNode *n)
{
	const char *k = hnode_attr(n, "property"), *v = hnode_attr(n,
								    "content");

	if (k == NULL)
		k = hnode_attr(n, "name");
	if (k == NULL) {
		k = hnode_attr(n, "http-equiv");
		if (k && v && ascii_casecmp(k, "content-language") == 0 &&
		    !m->content_lang)
			m->content_lang = v;
		return;
	}
	if (v == NULL || *v == '\0')
		return;
	if (ascii_casecmp(k, "og:title") == 0 && !m->og_title)
		m->og_title = v;
	else if (ascii_casecmp(k, "og:site_name") == 0 && !m->site_name)
		m->site_name = v;
	else if (ascii_casecmp(k, "application-name") == 0 && !m->site_name)
		m->site_name = v;
	else if (ascii_casecmp(k, "og:url") == 0 && !m->og_url)
		m->og_url = v;
	else if (ascii_casecmp(k, "author") == 0 && !m->author)
		m->author = v;
	else if ((ascii_casecmp(k, "article:author") == 0 ||
		  ascii_casecmp(k, "parsely-author") == 0 ||
		  ascii_casecmp(k, "sailthru.author") == 0 ||
		  ascii_casecmp(k, "dc.creator") == 0) &&
		 !m->article_author)
		m->article_author = v;
}

static bool
class_has(const GumboNode *n, const char *word)
{
	const char *c = hnode_attr(n, "class");

	return c && ascii_casestr(c, strlen(c), word);
}

static void
collect(struct meta *m, const GumboNode *root)
{
	struct hnode_walk *w = xmalloc(sizeof(*w));
	const GumboNode *n;

	hnode_walk_init(w, root);
	while ((n = hnode_walk_next(w, false)) != NULL) {
		const char *v;

		switch (n->v.element.tag) {
		case GUMBO_TAG_HTML:
			if (!m->lang)
				m->lang = hnode_attr(n, "lang");
			break;
		case GUMBO_TAG_META:
			meta_tag(m, n);
			break;
		case GUMBO_TAG_LINK:
			v = hnode_attr(n, "href");
			if (v && !m->canonical &&
			    rel_has(hnode_attr(n, "rel"), "canonical"))
				m->canonical = v;
			break;
		case GUMBO_TAG_TITLE:
			if (!m->title)
				m->title = n;
			break;
		case GUMBO_TAG_H1:
			if (!m->h1)
				m->h1 = n;
			break;
		case GUMBO_TAG_A:
			if (!m->rel_author &&
			    rel_has(hnode_attr(n, "rel"), "author"))
				m->rel_author = n;
			break;
		default:
			break;
		}
		v = hnode_attr(n, "itemprop");
		if (v && !m->itemprop_author && strcmp(v, "author") == 0)
			m->itemprop_author = n;
		if (!m->byline && (class_has(n, "byline") ||
				   class_has(n, "author-name")))
			m->byline = n;
	}
	free(w);
}

static const char *const SEPARATORS[] = {
	" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ",
	" \xC2\xB7 ", " \xC2\xBB ", " // ", " \xE2\x80\xA2 ", NULL};

static size_t
words(const char *s, size_t n)
{
	size_t i, w = 0;
	bool in = false;

	for (i = 0; i < n; i++) {
		bool sp = ascii_isspace((unsigned char)s[i]);

		if (!sp && !in)
			w++;
		in = !sp;
	}
	return w;
}

/* Remove the site name from a title: "Headline - Site" -> "Headline". */
static void
strip_site(char *t, const char *site)
{
	size_t n = strlen(t), sl = site ? strlen(site) : 0, k;
	const char *sep;

	for (k = 0; SEPARATORS[k]; k++) {
		size_t q = strlen(SEPARATORS[k]);

		if (sl && n > sl + q &&
		    ascii_ncasecmp(t + n - sl, site, sl) == 0 &&
		    memcmp(t + n - sl - q, SEPARATORS[k], q) == 0) {
			t[n - sl - q] = '\0';
			return;
		}
		if (sl && n > sl + q && ascii_ncasecmp(t, site, sl) == 0 &&
		    memcmp(t + sl, SEPARATORS[k], q) == 0) {
			memmove(t, t + sl + q, n - sl - q + 1);
			return;
		}
	}
	/* "Site: Headline" only when the site is known. */
	if (sl && n > sl + 2 && ascii_ncasecmp(t, site, sl) == 0 &&
	    memcmp(t + sl, ": ", 2) == 0) {
		memmove(t, t + sl + 2, n - sl - 1);
		return;
	}
	/* Unknown site: a short last part after the last separator. */
	for (k = 0; SEPARATORS[k]; k++) {
		size_t q = strlen(SEPARATORS[k]), tail;

		sep = NULL;
		for (const char *p = t; (p = strstr(p, SEPARATORS[k])); p++)
			sep = p;
		if (sep == NULL)
			continue;
		tail = n - (sep + q - t);
		if (tail <= SITE_BYTES_MAX &&
		    words(sep + q, tail) <= SITE_WORDS_MAX &&
		    (size_t)(sep - t) > tail) {
			t[sep - t] = '\0';
			return;
		}
	}
}

static char *
make_title(const struct meta *m, const struct jsonld *jl)
{
	char *t = hnode_clean_dup(m->og_title, HTML_FIELD_MAX);

	if (t == NULL)
		t = hnode_clean_dup(jl->headline, HTML_FIELD_MAX);
	if (t == NULL)
		t = hnode_text_dup(m->h1, HTML_FIELD_MAX);
	if (t == NULL)
		t = hnode_text_dup(m->title, HTML_FIELD_MAX);
	if (t == NULL)
		return xstrdup("");
	strip_site(t, m->site_name ? m->site_name : jl->site_name);
	return t;
}

/* A name, not a profile URL, an e-mail address or a whole byline with
 * dates and links; "By " or "By: " removed. */
static char *
clean_author(char *a)
{
	size_t n, skip = 0;

	if (a == NULL)
		return NULL;
	if (ascii_ncasecmp(a, "by: ", 4) == 0)
		skip = 4;
	else if (ascii_ncasecmp(a, "by ", 3) == 0)
		skip = 3;
	memmove(a, a + skip, strlen(a + skip) + 1);
	n = strlen(a);
	if (n == 0 || n > AUTHOR_BYTES_MAX ||
	    words(a, n) > AUTHOR_WORDS_MAX ||
	    ascii_ncasecmp(a, "http", 4) == 0 || strchr(a, '@') ||
	    strchr(a, '{') || strpbrk(a, "0123456789")) {
		free(a);
		return NULL;
	}
	return a;
}

static char *
make_author(const struct meta *m, const struct jsonld *jl)
{
	const GumboNode *nodes[3] = {m->rel_author, m->itemprop_author,
				     m->byline};
	char *a = clean_author(hnode_clean_dup(m->author, HTML_FIELD_MAX));
	size_t i;

	if (a == NULL)
		a = clean_author(hnode_clean_dup(jl->author, HTML_FIELD_MAX));
	if (a == NULL)
		a = clean_author(hnode_clean_dup(m->article_author,
						 HTML_FIELD_MAX));
	for (i = 0; i < 3 && a == NULL; i++)
		a = clean_author(hnode_text_dup(nodes[i], HTML_FIELD_MAX));
	return a;
}

/* HREF made absolute against URL when it is relative to the host. */
static char *
absolute(const char *href, const char *url)
{
	const char *host;
	struct buf b;

	if (href == NULL)
		return NULL;
	if (url == NULL || href[0] != '/' ||
	    (host = strstr(url, "://")) == NULL)
		return hnode_clean_dup(href, HTML_FIELD_MAX);
	buf_init(&b, HTML_FIELD_MAX);
	if (href[1] == '/') {
		buf_append(&b, url, host + 1 - url);
	} else {
		const char *path = strchr(host + 3, '/');

		buf_append(&b, url, path ? (size_t)(path - url) : strlen(url));
	}
	if (buf_append_str(&b, href)) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

static int
today_of(const struct html_options *opt, struct ymd *today)
{
	if (opt && opt->today)
		return date_parse_day(opt->today, today);
	*today = date_today();
	return 0;
}

/* The page as UTF-8: *OWNED is set when a converted copy was made. */
static int
to_utf8(const char *html, size_t len, const char *hint, const char **out,
	size_t *outlen, char **owned)
{
	char cs[CHARSET_NAME_MAX];
	size_t skip = charset_detect(html, len, hint, cs);
	int rc;

	html += skip;
	len -= skip;
	*owned = NULL;
	if (strcmp(cs, "UTF-8") == 0 && charset_utf8_valid(html, len)) {
		*out = html;
		*outlen = len;
		return 0;
	}
	rc = charset_to_utf8(html, len, cs, HTML_UTF8_MAX, owned, outlen);
	if (rc == RM_EINVAL) /* a charset iconv does not know */
		rc = charset_to_utf8(html, len, "UTF-8", HTML_UTF8_MAX, owned,
				     outlen);
	if (rc == 0)
		*out = *owned;
	return rc;
}

int
html_extract(const char *html, size_t len, const struct html_options *opt,
	     struct doc *out)
{
	static const struct html_options none = {0};
	struct prepass pre = {0};
	struct jsonld jl = {0};
	struct meta m = {0};
	GumboOptions gopt = kGumboDefaultOptions;
	GumboOutput *g = NULL;
	struct ymd today;
	struct buf text;
	const char *page;
	size_t plen;
	char *owned = NULL;
	unsigned truncated = 0;
	int rc;

	buf_init(&text, (size_t)-1);
	if (opt == NULL)
		opt = &none;
	if (html == NULL || out == NULL)
		return RM_EINVAL;
	if (len > HTML_INPUT_MAX)
		return RM_ETOOLARGE;
	rc = today_of(opt, &today);
	if (rc)
		goto out;
	rc = to_utf8(html, len, opt->charset, &page, &plen, &owned);
	if (rc)
		goto out;
	rc = prepass_run(page, plen, HTML_UTF8_MAX, &pre);
	if (rc)
		goto out;
	free(owned);
	owned = NULL;
	truncated += pre.depth_dropped;
	jsonld_read(&pre.jsonld, &jl);
	/* Parse errors are not needed; recording them costs time. */
	gopt.max_errors = 0;
	g = gumbo_parse_with_options(&gopt, pre.html, pre.len);
	if (g == NULL) {
		rc = RM_EINVAL;
		goto out;
	}
	collect(&m, g->document);
	html_body_extract(g->document, opt->body, &text, &truncated);
	doc_init(out);
	if (!html_date_find(g->document, &jl, opt->url, &today,
			    out->published))
		out->published[0] = '\0';
	free(out->title);
	out->title = make_title(&m, &jl);
	out->author = make_author(&m, &jl);
	free(out->text);
	out->text = buf_steal(&text);
	out->canonical = absolute(m.canonical ? m.canonical : m.og_url,
				  opt->url);
	out->lang = hnode_clean_dup(m.lang ? m.lang : m.content_lang, 64);
	out->truncated = truncated;
out:
	if (g)
		gumbo_destroy_output(&gopt, g);
	jsonld_free(&jl);
	prepass_free(&pre);
	free(owned);
	buf_free(&text);
	return rc;
}
