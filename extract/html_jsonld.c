#include "extract/html_jsonld.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "common/ascii.h"
#include "common/xalloc.h"

/* Values visited per block: metadata sits near the top. */
#define JSONLD_NODES_MAX 4096
/* Nesting followed when looking for typed objects (@graph, mainEntity). */
#define JSONLD_DEPTH_MAX 16
/* Longest string value kept. */
#define JSONLD_VALUE_MAX 1024

static const char *const ARTICLE_TYPES[] = {
	"NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle",
	"AnalysisNewsArticle", "OpinionNewsArticle", "TechArticle",
	"LiveBlogPosting", "Report", "ScholarlyArticle",
	"SocialMediaPosting", "BackgroundNewsArticle", "ReviewNewsArticle",
	"Review", "Blog", "VideoObject", NULL};

static bool
type_in(json_t *obj, const char *const *types)
{
	json_t *t = json_object_get(obj, "@type");
	size_t i, k;

	if (json_is_string(t)) {
		for (k = 0; types[k]; k++)
			if (strcmp(json_string_value(t), types[k]) == 0)
				return true;
		return false;
	}
	if (!json_is_array(t))
		return false;
	for (i = 0; i < json_array_size(t); i++) {
		json_t *v = json_array_get(t, i);

		for (k = 0; json_is_string(v) && types[k]; k++)
			if (strcmp(json_string_value(v), types[k]) == 0)
				return true;
	}
	return false;
}

static bool
type_is(json_t *obj, const char *type)
{
	const char *const one[] = {type, NULL};

	return type_in(obj, one);
}

static void
set_str(char **dst, json_t *v)
{
	const char *s;
	size_t n;

	if (*dst || !json_is_string(v))
		return;
	s = ascii_trim(json_string_value(v), json_string_length(v), &n);
	if (n == 0 || n > JSONLD_VALUE_MAX)
		return;
	*dst = xstrndup(s, n);
}

/* A name from a string, {"name": ...} or the first of an array. */
static void
set_name(char **dst, json_t *v)
{
	if (json_is_array(v))
		v = json_array_get(v, 0);
	if (json_is_object(v))
		v = json_object_get(v, "name");
	set_str(dst, v);
}

static void
take_article(struct jsonld *out, json_t *obj)
{
	set_str(&out->headline, json_object_get(obj, "headline"));
	set_name(&out->author, json_object_get(obj, "author"));
	set_str(&out->published, json_object_get(obj, "datePublished"));
	set_str(&out->created, json_object_get(obj, "dateCreated"));
	set_str(&out->modified, json_object_get(obj, "dateModified"));
	set_name(&out->site_name, json_object_get(obj, "publisher"));
}

/* Visit the objects of one parsed block breadth-first, articles first. */
static void
walk(struct jsonld *out, json_t *root)
{
	json_t *queue[JSONLD_NODES_MAX];
	unsigned char depth[JSONLD_NODES_MAX];
	size_t head = 0, tail = 0;

	queue[tail] = root;
	depth[tail++] = 0;
	while (head < tail) {
		json_t *v = queue[head], *kid;
		unsigned d = depth[head++];
		const char *key;
		size_t i;

		if (json_is_object(v)) {
			if (type_in(v, ARTICLE_TYPES))
				take_article(out, v);
			else if (type_is(v, "WebSite"))
				set_str(&out->site_name,
					json_object_get(v, "name"));
			else if (type_is(v, "WebPage"))
				set_str(&out->page_published,
					json_object_get(v, "datePublished"));
			if (d >= JSONLD_DEPTH_MAX)
				continue;
			json_object_foreach(v, key, kid)
			{
				if ((json_is_object(kid) ||
				     json_is_array(kid)) &&
				    tail < JSONLD_NODES_MAX) {
					queue[tail] = kid;
					depth[tail++] = (unsigned char)(d + 1);
				}
			}
		} else if (json_is_array(v) && d < JSONLD_DEPTH_MAX) {
			for (i = 0; i < json_array_size(v) &&
				    tail < JSONLD_NODES_MAX;
			     i++) {
				kid = json_array_get(v, i);
				queue[tail] = kid;
				depth[tail++] = (unsigned char)(d + 1);
			}
		}
	}
}

/* Pages wrap JSON-LD in comment or CDATA markers and leave raw line
 * breaks inside strings; neither is JSON, both are easy to undo. */
static char *
tidy(const char *s, size_t *len)
{
	const char *p = s, *e;
	char *t;
	size_t n, i;

	p = ascii_trim(s, strlen(s), &n);
	e = p + n;
	if (n >= 4 && memcmp(p, "<!--", 4) == 0)
		p += 4;
	if ((size_t)(e - p) >= 12 && memcmp(p, "//<![CDATA[", 11) == 0)
		p += 11;
	while (p < e && *p != '{' && *p != '[')
		p++;
	t = xstrndup(p, e - p);
	n = e - p;
	for (i = 0; i < n; i++)
		if ((unsigned char)t[i] < 0x20)
			t[i] = ' ';
	*len = n;
	return t;
}

void
jsonld_read(const struct strvec *blocks, struct jsonld *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < blocks->n; i++) {
		size_t n;
		char *t = tidy(blocks->v[i], &n);
		json_t *root = json_loadb(t, n, JSON_DISABLE_EOF_CHECK, NULL);

		if (root)
			walk(out, root);
		json_decref(root);
		free(t);
	}
}

void
jsonld_free(struct jsonld *j)
{
	free(j->headline);
	free(j->author);
	free(j->published);
	free(j->created);
	free(j->modified);
	free(j->site_name);
	free(j->page_published);
	memset(j, 0, sizeof(*j));
}
