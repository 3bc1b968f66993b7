#include "extract/html_node.h"

#include <string.h>

#include "common/ascii.h"
#include "common/xalloc.h"

const char *
hnode_attr(const GumboNode *n, const char *name)
{
	GumboAttribute *a;

	if (n == NULL || n->type != GUMBO_NODE_ELEMENT)
		return NULL;
	a = gumbo_get_attribute(&n->v.element.attributes, name);
	return a ? a->value : NULL;
}

bool
hnode_is(const GumboNode *n, GumboTag t)
{
	return n && n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == t;
}

bool
hnode_tag_is_code(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_SCRIPT:
	case GUMBO_TAG_STYLE:
	case GUMBO_TAG_NOSCRIPT:
	case GUMBO_TAG_TEMPLATE:
	case GUMBO_TAG_SVG:
	case GUMBO_TAG_MATH:
	case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_OBJECT:
	case GUMBO_TAG_EMBED:
	case GUMBO_TAG_CANVAS:
	case GUMBO_TAG_SELECT:
	case GUMBO_TAG_TEXTAREA:
	case GUMBO_TAG_BUTTON:
	case GUMBO_TAG_INPUT:
	case GUMBO_TAG_HEAD:
	case GUMBO_TAG_AUDIO:
	case GUMBO_TAG_VIDEO:
	case GUMBO_TAG_MAP:
	case GUMBO_TAG_DATALIST:
		return true;
	default:
		return false;
	}
}

bool
hnode_tag_is_block(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_P:
	case GUMBO_TAG_DIV:
	case GUMBO_TAG_SECTION:
	case GUMBO_TAG_ARTICLE:
	case GUMBO_TAG_MAIN:
	case GUMBO_TAG_HEADER:
	case GUMBO_TAG_FOOTER:
	case GUMBO_TAG_NAV:
	case GUMBO_TAG_ASIDE:
	case GUMBO_TAG_H1:
	case GUMBO_TAG_H2:
	case GUMBO_TAG_H3:
	case GUMBO_TAG_H4:
	case GUMBO_TAG_H5:
	case GUMBO_TAG_H6:
	case GUMBO_TAG_UL:
	case GUMBO_TAG_OL:
	case GUMBO_TAG_LI:
	case GUMBO_TAG_DL:
	case GUMBO_TAG_DT:
	case GUMBO_TAG_DD:
	case GUMBO_TAG_BLOCKQUOTE:
	case GUMBO_TAG_PRE:
	case GUMBO_TAG_TABLE:
	case GUMBO_TAG_TR:
	case GUMBO_TAG_TD:
	case GUMBO_TAG_TH:
	case GUMBO_TAG_CAPTION:
	case GUMBO_TAG_FIGURE:
	case GUMBO_TAG_FIGCAPTION:
	case GUMBO_TAG_FORM:
	case GUMBO_TAG_FIELDSET:
	case GUMBO_TAG_ADDRESS:
	case GUMBO_TAG_HR:
	case GUMBO_TAG_BR:
	case GUMBO_TAG_CENTER:
	case GUMBO_TAG_BODY:
	case GUMBO_TAG_HGROUP:
	case GUMBO_TAG_DETAILS:
	case GUMBO_TAG_SUMMARY:
	case GUMBO_TAG_MENU:
		return true;
	default:
		return false;
	}
}

void
hnode_append_collapsed(struct buf *b, const char *s, size_t n, bool *space)
{
	size_t i = 0, run = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t w = 0;

		if (ascii_isspace(c))
			w = 1;
		else if (c == 0xC2 && i + 1 < n &&
			 (unsigned char)s[i + 1] == 0xA0)
			w = 2; /* U+00A0 no-break space */
		if (w == 0) {
			run++;
			i++;
			continue;
		}
		if (run) {
			if (buf_append(b, s + i - run, run))
				return;
			*space = false;
			run = 0;
		}
		if (!*space) {
			if (buf_append_char(b, ' '))
				return;
			*space = true;
		}
		i += w;
	}
	if (run && buf_append(b, s + i - run, run) == 0)
		*space = false;
}

void
hnode_text(const GumboNode *n, struct buf *b, size_t max)
{
	const GumboNode *stack[HNODE_DEPTH_MAX];
	size_t idx[HNODE_DEPTH_MAX];
	size_t sp = 0, start = b->len, saved = b->max;
	bool space = b->len == 0 || b->data[b->len - 1] == ' ';

	if (n == NULL)
		return;
	if (b->max - start > max)
		b->max = start + max;
	if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
	    n->type == GUMBO_NODE_CDATA) {
		hnode_append_collapsed(b, n->v.text.text,
				       strlen(n->v.text.text), &space);
		goto out;
	}
	if (n->type != GUMBO_NODE_ELEMENT || hnode_tag_is_code(
						     n->v.element.tag))
		goto out;
	stack[0] = n;
	idx[0] = 0;
	sp = 1;
	while (sp && b->len < b->max) {
		const GumboNode *cur = stack[sp - 1], *c;
		const GumboVector *kids = &cur->v.element.children;

		if (idx[sp - 1] >= kids->length) {
			sp--;
			continue;
		}
		c = kids->data[idx[sp - 1]++];
		if (c->type == GUMBO_NODE_TEXT ||
		    c->type == GUMBO_NODE_WHITESPACE ||
		    c->type == GUMBO_NODE_CDATA) {
			hnode_append_collapsed(b, c->v.text.text,
					       strlen(c->v.text.text), &space);
		} else if (c->type == GUMBO_NODE_ELEMENT &&
			   !hnode_tag_is_code(c->v.element.tag) &&
			   sp < HNODE_DEPTH_MAX) {
			if (hnode_tag_is_block(c->v.element.tag) && !space &&
			    buf_append_char(b, ' ') == 0)
				space = true;
			stack[sp] = c;
			idx[sp++] = 0;
		}
	}
out:
	b->max = saved;
}

char *
hnode_clean_dup(const char *s, size_t max)
{
	struct buf b;
	bool space = true;
	const char *t;
	size_t n;
	char *r = NULL;

	if (s == NULL)
		return NULL;
	buf_init(&b, max);
	hnode_append_collapsed(&b, s, strlen(s), &space);
	t = ascii_trim(buf_str(&b), b.len, &n);
	if (n)
		r = xstrndup(t, n);
	buf_free(&b);
	return r;
}

char *
hnode_text_dup(const GumboNode *n, size_t max)
{
	struct buf b;
	const char *t;
	size_t len;
	char *r = NULL;

	buf_init(&b, max);
	hnode_text(n, &b, max);
	t = ascii_trim(buf_str(&b), b.len, &len);
	if (len)
		r = xstrndup(t, len);
	buf_free(&b);
	return r;
}

void
hnode_walk_init(struct hnode_walk *w, const GumboNode *root)
{
	w->sp = 0;
	w->last = NULL;
	if (root && (root->type == GUMBO_NODE_ELEMENT ||
		     root->type == GUMBO_NODE_DOCUMENT)) {
		w->stack[0] = root;
		w->idx[0] = 0;
		w->sp = 1;
	}
}

static const GumboVector *
children(const GumboNode *n)
{
	return n->type == GUMBO_NODE_DOCUMENT ? &n->v.document.children
					      : &n->v.element.children;
}

const GumboNode *
hnode_walk_next(struct hnode_walk *w, bool skip)
{
	if (w->last && !skip && w->sp < HNODE_DEPTH_MAX) {
		w->stack[w->sp] = w->last;
		w->idx[w->sp++] = 0;
	}
	w->last = NULL;
	while (w->sp) {
		const GumboVector *kids = children(w->stack[w->sp - 1]);
		const GumboNode *c;

		if (w->idx[w->sp - 1] >= kids->length) {
			w->sp--;
			continue;
		}
		c = kids->data[w->idx[w->sp - 1]++];
		if (c->type == GUMBO_NODE_ELEMENT) {
			w->last = c;
			return c;
		}
	}
	return NULL;
}

GumboNode *
hnode_find(GumboNode *root, GumboTag t)
{
	struct hnode_walk w;
	const GumboNode *n;

	hnode_walk_init(&w, root);
	while ((n = hnode_walk_next(&w, false)) != NULL)
		if (n->v.element.tag == t)
			return (GumboNode *)n;
	return NULL;
}
