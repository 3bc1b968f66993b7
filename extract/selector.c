#include "extract/selector.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ascii.h"
#include "common/buf.h"
#include "common/errors.h"
#include "common/xalloc.h"
#include "extract/html_node.h"

/* Error messages are short; this bounds the one we build. */
#define SELECTOR_ERR_MAX 128

enum simple_kind { SIMPLE_CLASS, SIMPLE_ID, SIMPLE_ATTR, SIMPLE_ATTR_EQ };

struct simple {
	enum simple_kind kind;
	char *name;
	char *value; /* SIMPLE_ATTR_EQ only */
};

struct step {
	char *type;    /* lower-case element name, NULL for any */
	bool child;    /* joined to the previous step by '>' */
	struct simple s[SELECTOR_SIMPLES_MAX];
	size_t n;
};

struct alt {
	struct step steps[SELECTOR_STEPS_MAX];
	size_t n;
};

struct selector {
	struct alt *alts;
	size_t n;
};

struct parser {
	const char *s;
	size_t i;
	const char *err;
};

static bool
is_ident(int c)
{
	return ascii_isalnum(c) || c == '-' || c == '_' || c >= 0x80;
}

static bool
skip_space(struct parser *p)
{
	size_t start = p->i;

	while (ascii_isspace((unsigned char)p->s[p->i]))
		p->i++;
	return p->i > start;
}

/* An identifier at the cursor (caller frees), or NULL. */
static char *
ident(struct parser *p)
{
	size_t start = p->i;

	while (is_ident((unsigned char)p->s[p->i]))
		p->i++;
	if (p->i == start) {
		p->err = "expected a name";
		return NULL;
	}
	return xstrndup(p->s + start, p->i - start);
}

/* An attribute value: quoted string or identifier (caller frees). */
static char *
attr_val(struct parser *p)
{
	char q = p->s[p->i];
	const char *end;

	if (q != '"' && q != '\'')
		return ident(p);
	end = strchr(p->s + p->i + 1, q);
	if (end == NULL) {
		p->err = "unterminated string";
		return NULL;
	}
	p->i++;
	{
		char *v = xstrndup(p->s + p->i, end - (p->s + p->i));

		p->i = end - p->s + 1;
		return v;
	}
}

static int
parse_attr(struct parser *p, struct simple *sm)
{
	p->i++; /* '[' */
	skip_space(p);
	sm->kind = SIMPLE_ATTR;
	sm->name = ident(p);
	if (sm->name == NULL)
		return RM_EINVAL;
	ascii_lower(sm->name);
	skip_space(p);
	if (p->s[p->i] == '=') {
		p->i++;
		skip_space(p);
		sm->kind = SIMPLE_ATTR_EQ;
		sm->value = attr_val(p);
		if (sm->value == NULL)
			return RM_EINVAL;
		skip_space(p);
	}
	if (p->s[p->i] != ']') {
		p->err = "expected ']'";
		return RM_EINVAL;
	}
	p->i++;
	return 0;
}

/* One compound: [type|*] then any of .class #id [attr] [attr=v]. */
static int
parse_step(struct parser *p, struct step *st)
{
	bool any = false;

	if (p->s[p->i] == '*') {
		p->i++;
		any = true;
	} else if (is_ident((unsigned char)p->s[p->i])) {
		st->type = ident(p);
		ascii_lower(st->type);
		any = true;
	}
	for (;;) {
		char c = p->s[p->i];
		struct simple *sm;

		if (c != '.' && c != '#' && c != '[')
			break;
		if (st->n >= SELECTOR_SIMPLES_MAX) {
			p->err = "too many conditions";
			return RM_ETOOLARGE;
		}
		sm = &st->s[st->n++];
		if (c == '[') {
			if (parse_attr(p, sm))
				return RM_EINVAL;
		} else {
			p->i++;
			sm->kind = c == '.' ? SIMPLE_CLASS : SIMPLE_ID;
			sm->name = ident(p);
			if (sm->name == NULL)
				return RM_EINVAL;
		}
		any = true;
	}
	if (!any) {
		p->err = "expected a selector";
		return RM_EINVAL;
	}
	return 0;
}

static int
parse_alt(struct parser *p, struct alt *a)
{
	bool child = false;
	int rc;

	skip_space(p);
	for (;;) {
		if (a->n >= SELECTOR_STEPS_MAX) {
			p->err = "too many steps";
			return RM_ETOOLARGE;
		}
		a->steps[a->n].child = child;
		rc = parse_step(p, &a->steps[a->n++]);
		if (rc)
			return rc;
		child = false;
		skip_space(p);
		if (p->s[p->i] == '>') {
			p->i++;
			skip_space(p);
			child = true;
			continue;
		}
		if (p->s[p->i] == ',' || p->s[p->i] == '\0')
			return 0;
		if (p->s[p->i - 1] != ' ' && !ascii_isspace(
						     (unsigned char)p->s[p->i - 1])) {
			p->err = "unexpected character";
			return RM_EINVAL;
		}
	}
}

int
selector_parse(const char *s, struct selector **out, char **err)
{
	struct parser p = {s, 0, NULL};
	struct selector *sel = xcalloc(1, sizeof(*sel));
	int rc = 0;

	if (strlen(s) > SELECTOR_LEN_MAX) {
		p.err = "selector too long";
		rc = RM_ETOOLARGE;
		goto fail;
	}
	sel->alts = xcalloc(SELECTOR_ALTS_MAX, sizeof(*sel->alts));
	for (;;) {
		if (sel->n >= SELECTOR_ALTS_MAX) {
			p.err = "too many alternatives";
			rc = RM_ETOOLARGE;
			goto fail;
		}
		rc = parse_alt(&p, &sel->alts[sel->n++]);
		if (rc)
			goto fail;
		if (p.s[p.i] == '\0')
			break;
		p.i++; /* ',' */
	}
	*out = sel;
	return 0;
fail:
	if (err) {
		char msg[SELECTOR_ERR_MAX];

		snprintf(msg, sizeof(msg), "selector: %s at offset %zu",
			 p.err ? p.err : "invalid", p.i);
		*err = xstrdup(msg);
	}
	selector_free(sel);
	return rc ? rc : RM_EINVAL;
}

void
selector_free(struct selector *sel)
{
	size_t a, st, k;

	if (sel == NULL)
		return;
	for (a = 0; a < sel->n; a++) {
		for (st = 0; st < sel->alts[a].n; st++) {
			struct step *s = &sel->alts[a].steps[st];

			free(s->type);
			for (k = 0; k < s->n; k++) {
				free(s->s[k].name);
				free(s->s[k].value);
			}
		}
	}
	free(sel->alts);
	free(sel);
}

/* WORD among the white-space separated tokens of LIST? */
static bool
has_token(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p = list;

	while (*p) {
		size_t len = 0;

		while (*p && ascii_isspace((unsigned char)*p))
			p++;
		while (p[len] && !ascii_isspace((unsigned char)p[len]))
			len++;
		if (len == n && memcmp(p, word, n) == 0)
			return true;
		p += len;
	}
	return false;
}

static bool
type_matches(const char *type, const GumboNode *n)
{
	GumboStringPiece name;
	GumboTag t = gumbo_tag_enum(type);

	if (t != GUMBO_TAG_UNKNOWN)
		return n->v.element.tag == t;
	if (n->v.element.tag != GUMBO_TAG_UNKNOWN)
		return false;
	name = n->v.element.original_tag;
	gumbo_tag_from_original_text(&name);
	return name.length == strlen(type) &&
	       ascii_ncasecmp(name.data, type, name.length) == 0;
}

static bool
step_matches(const struct step *st, const GumboNode *n)
{
	size_t k;

	if (n == NULL || n->type != GUMBO_NODE_ELEMENT)
		return false;
	if (st->type && !type_matches(st->type, n))
		return false;
	for (k = 0; k < st->n; k++) {
		const struct simple *sm = &st->s[k];
		const char *v;

		switch (sm->kind) {
		case SIMPLE_CLASS:
			v = hnode_attr(n, "class");
			if (v == NULL || !has_token(v, sm->name))
				return false;
			break;
		case SIMPLE_ID:
			v = hnode_attr(n, "id");
			if (v == NULL || strcmp(v, sm->name) != 0)
				return false;
			break;
		case SIMPLE_ATTR:
			if (hnode_attr(n, sm->name) == NULL)
				return false;
			break;
		case SIMPLE_ATTR_EQ:
			v = hnode_attr(n, sm->name);
			if (v == NULL || strcmp(v, sm->value) != 0)
				return false;
			break;
		}
	}
	return true;
}

/* Steps [0..I] of A match with step I at N.  The recursion is bounded
 * by SELECTOR_STEPS_MAX; each level walks up at most the tree depth. */
static bool
alt_matches(const struct alt *a, size_t i, const GumboNode *n)
{
	const GumboNode *up;
	unsigned hops = 0;

	if (!step_matches(&a->steps[i], n))
		return false;
	if (i == 0)
		return true;
	up = n->parent;
	if (a->steps[i].child)
		return alt_matches(a, i - 1, up);
	for (; up && up->type == GUMBO_NODE_ELEMENT && hops < HNODE_DEPTH_MAX;
	     up = up->parent, hops++)
		if (alt_matches(a, i - 1, up))
			return true;
	return false;
}

bool
selector_match(const struct selector *sel, const GumboNode *n)
{
	size_t a;

	if (sel == NULL || n == NULL || n->type != GUMBO_NODE_ELEMENT)
		return false;
	for (a = 0; a < sel->n; a++)
		if (alt_matches(&sel->alts[a], sel->alts[a].n - 1, n))
			return true;
	return false;
}
