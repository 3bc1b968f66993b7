/*
 * Main-content detection, after readability's candidate scoring (text
 * length, commas and link density propagated to ancestors, weighted by
 * class and id names), trafilatura's known article containers and
 * boilerplate pruning, and jusText's view of a block as good or bad by
 * its length and link density.
 */
#include "extract/html_body.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "common/ascii.h"
#include "common/errors.h"
#include "common/xalloc.h"
#include "extract/html_node.h"
#include "extract/selector.h"

/* Elements indexed per page; a real page has a few thousand. */
#define BODY_NODES_MAX 200000
#define BODY_NODES_START 1024
/* Bytes of "class id" examined per element. */
#define CLASSID_MAX 256
/* A block shorter than this (characters) is not scored as a paragraph:
 * readability's threshold, below which text is mostly labels. */
#define PARA_MIN_CHARS 25
/* Each 100 characters add a point to a paragraph, up to 3. */
#define PARA_CHARS_PER_POINT 100
#define PARA_LENGTH_POINTS_MAX 3
/* A candidate holding less text than this (characters) is a teaser box
 * that a content-like class name lifted, not the article. */
#define CANDIDATE_MIN_CHARS 200
/* Ancestors a paragraph's score reaches (parent, grandparent, ...). */
#define SCORE_LEVELS 5
/* Class or id naming content (+) or boilerplate (-). */
#define CLASS_WEIGHT 25.0f
/* Candidates within this share of the best one are "close" ... */
#define ALT_SHARE 0.75f
/* ... and this many close ones under one ancestor make it the article
 * (an article split into several scored blocks). */
#define ALT_MIN 3
#define ALT_TOP 5
/* A sibling joins the article when it scores this share of the top
 * candidate, and at least SIBLING_MIN_SCORE. */
#define SIBLING_SHARE 0.2f
#define SIBLING_MIN_SCORE 10.0f
/* A sibling paragraph joins with this much text and little link text. */
#define SIBLING_PARA_CHARS 80
#define SIBLING_PARA_LD 0.25f
/* A known article container is used when it holds at least this much
 * text (characters); smaller ones are teasers or empty shells. */
#define HINT_MIN_CHARS 200
/* ... and at least this share of the text the scored candidate gives. */
#define HINT_MIN_SHARE 0.5f
/* A block whose text is mostly link text is navigation or teasers. */
#define BLOCK_LD_MAX 0.5f
/* Boilerplate-named, nav or aside elements are still kept when they hold
 * this share of the article's text (a site that names its article
 * wrapper "content-sidebar-wrap"). */
#define BOILER_KEEP_SHARE 0.5f
/* With less text than this the article was probably pruned away: score
 * again without removing boilerplate-named elements. */
#define RETRY_MIN_CHARS 250
/* Paragraphs ending in an ellipsis, this many in a row and each this
   long, are teaser excerpts. */
#define TEASER_RUN_MIN 2
#define TEASER_CHARS_MIN 60
/* Most text kept per page. */
#define BODY_TEXT_MAX (1024 * 1024)

enum {
	F_BOILER = 1 << 0,   /* class/id names boilerplate */
	F_IN_BOILER = 1 << 1, /* it or an ancestor is F_BOILER */
	F_HINT = 1 << 2,     /* class/id/itemprop names the article body */
	F_SCORED = 1 << 3,   /* a readability candidate */
	F_BLOCK_KID = 1 << 4, /* has a block-level element child */
	F_LINK = 1 << 5,     /* is or is inside <a> */
};

struct bnode {
	const GumboNode *g;
	int parent;
	int end; /* one past the last descendant (pre-order) */
	GumboTag tag;
	unsigned flags;
	float weight;
	float score;
	/* Characters: all, outside boilerplate, inside links, commas. */
	unsigned all, txt, lnk, commas;
};

struct body {
	struct bnode *n;
	int count, cap;
	unsigned truncated;
	bool strip; /* drop boilerplate-named elements when scoring */
};

struct pat {
	const char *s;
	bool token; /* whole word in class/id, not a substring */
};

/* Names of the article body itself. */
static const struct pat HINT_PATS[] = {
	{"articlebody", false},   {"article-body", false},
	{"article_body", false},  {"article__body", false},
	{"article-content", false}, {"article_content", false},
	{"article__content", false}, {"articlecontent", false},
	{"article-text", false},  {"articletext", false},
	{"article__text", false}, {"entry-content", false},
	{"entry_content", false}, {"post-content", false},
	{"post_content", false},  {"postcontent", false},
	{"post-body", false},     {"post_body", false},
	{"postbody", false},      {"post-text", false},
	{"post-entry", false},    {"story-body", false},
	{"storybody", false},     {"story-content", false},
	{"storycontent", false},  {"story-text", false},
	{"body-text", false},     {"bodytext", false},
	{"content-body", false},  {"contentbody", false},
	{"content__body", false}, {"field-body", false},
	{"article-main", false},  {"articlemain", false},
	{NULL, false},
};

/* Boilerplate whatever else the name says. */
static const struct pat BOILER_STRONG[] = {
	{"related", false},     {"share", false},      {"sharing", false},
	{"social", false},      {"newsletter", false}, {"subscri", false},
	{"comment", false},     {"disqus", false},     {"sidebar", false},
	{"breadcrumb", false},  {"navbar", false},     {"navigation", false},
	{"byline", false},      {"widget", false},     {"promo", false},
	{"advert", false},      {"outbrain", false},   {"taboola", false},
	{"recirc", false},      {"popular", false},    {"trending", false},
	{"signup", false},      {"sign-up", false},    {"cookie", false},
	{"consent", false},     {"popup", false},      {"modal", false},
	{"toolbar", false},     {"sponsor", false},    {"author-bio", false},
	{"authorbio", false},   {"author-info", false}, {"read-more", false},
	{"readmore", false},    {"more-stories", false}, {"tag-list", false},
	{"taglist", false},     {"post-tags", false},  {"article-tags", false},
	{"skip-link", false},   {"ad-slot", false},    {"adslot", false},
	{"ad-container", false}, {"ad-wrapper", false}, {"-ad-", false},
	{"visually-hidden", false}, {"sr-only", false}, {"screen-reader", false},
	{"ad", true},           {"ads", true},         {"nav", true},
	{"tags", true},         {"meta", true},        {"author", true},
	{"caption", true},      {"credit", true},      {"credits", true},
	{"hide", true},         {"hidden", true},      {"teaser", true},
	{NULL, false},
};

/* Boilerplate unless the name also says article or content. */
static const struct pat BOILER_WEAK[] = {
	{"footer", false},   {"header", false},   {"menu", false},
	{"banner", false},   {"masthead", false}, {"pagination", false},
	{"pager", false},    {"combx", false},    {"community", false},
	{"extra", false},    {"remark", false},   {"replies", false},
	{"rss", true},       {"shoutbox", false}, {"skyscraper", false},
	{"supplemental", false}, {"agegate", false}, {"legends", false},
	{"rating", false},   {"print", true},     {"aside", true},
	{NULL, false},
};
static const struct pat MAYBE[] = {
	{"article", false}, {"body", false}, {"column", false},
	{"content", false}, {"main", false}, {"shadow", false},
	{NULL, false},
};

/* Readability's weights: names of content raise a candidate... */
static const struct pat POSITIVE[] = {
	{"article", false}, {"body", false},  {"content", false},
	{"entry", false},   {"hentry", false}, {"h-entry", false},
	{"main", false},    {"page", false},  {"post", false},
	{"text", false},    {"blog", false},  {"story", false},
	{NULL, false},
};
/* ... names of the rest lower it. */
static const struct pat NEGATIVE[] = {
	{"hidden", false},   {"banner", false},  {"combx", false},
	{"comment", false},  {"com-", false},    {"contact", false},
	{"foot", false},     {"masthead", false}, {"media", false},
	{"meta", false},     {"outbrain", false}, {"promo", false},
	{"related", false},  {"scroll", false},  {"share", false},
	{"shoutbox", false}, {"sidebar", false}, {"skyscraper", false},
	{"sponsor", false},  {"shopping", false}, {"tags", false},
	{"tool", false},     {"widget", false},  {"-ad-", false},
	{NULL, false},
};

static bool
token_at(const char *s, const char *hit, size_t n)
{
	return (hit == s || !ascii_isalnum((unsigned char)hit[-1])) &&
	       !ascii_isalnum((unsigned char)hit[n]);
}

static bool
pat_match(const char *s, const struct pat *p)
{
	for (; p->s; p++) {
		const char *hit = s;
		size_t n = strlen(p->s);

		while ((hit = strstr(hit, p->s)) != NULL) {
			if (!p->token || token_at(s, hit, n))
				return true;
			hit += n;
		}
	}
	return false;
}

/* Lower-cased "class id" of G into OUT; false when it has neither. */
static bool
class_id(const GumboNode *g, char out[CLASSID_MAX])
{
	const char *c = hnode_attr(g, "class"), *id = hnode_attr(g, "id");
	size_t n = 0;

	if (c == NULL && id == NULL)
		return false;
	for (; c && *c && n < CLASSID_MAX - 2; c++)
		out[n++] = (char)ascii_tolower((unsigned char)*c);
	out[n++] = ' ';
	for (; id && *id && n < CLASSID_MAX - 1; id++)
		out[n++] = (char)ascii_tolower((unsigned char)*id);
	out[n] = '\0';
	return true;
}

/* Hidden from readers: hidden, aria-hidden, display:none. */
static bool
is_hidden(const GumboNode *g)
{
	const char *v;

	if (hnode_attr(g, "hidden"))
		return true;
	v = hnode_attr(g, "aria-hidden");
	if (v && ascii_casecmp(v, "true") == 0)
		return true;
	v = hnode_attr(g, "style");
	if (v == NULL)
		return false;
	return ascii_casestr(v, strlen(v), "display:none") ||
	       ascii_casestr(v, strlen(v), "display: none") ||
	       ascii_casestr(v, strlen(v), "visibility:hidden");
}

/* Elements that are part of the index (the same rule for every walk). */
static bool
indexable(const GumboNode *g)
{
	return g->type == GUMBO_NODE_ELEMENT &&
	       !hnode_tag_is_code(g->v.element.tag) && !is_hidden(g);
}

static void
classify(struct bnode *b)
{
	char ci[CLASSID_MAX];
	const char *ip = hnode_attr(b->g, "itemprop");

	if (ip && strstr(ip, "articleBody"))
		b->flags |= F_HINT;
	if (!class_id(b->g, ci))
		return;
	if (pat_match(ci, HINT_PATS))
		b->flags |= F_HINT;
	if (b->tag != GUMBO_TAG_BODY && b->tag != GUMBO_TAG_A &&
	    !(b->flags & F_HINT) &&
	    (pat_match(ci, BOILER_STRONG) ||
	     (pat_match(ci, BOILER_WEAK) && !pat_match(ci, MAYBE))))
		b->flags |= F_BOILER;
	if (pat_match(ci, POSITIVE))
		b->weight += CLASS_WEIGHT;
	if (pat_match(ci, NEGATIVE))
		b->weight -= CLASS_WEIGHT;
}

/* Characters (code points, white space runs as one) and commas. */
static void
count_text(const char *s, unsigned *chars, unsigned *commas)
{
	const unsigned char *p = (const unsigned char *)s;
	bool space = true;

	for (; *p; p++) {
		if (ascii_isspace(*p)) {
			if (!space)
				(*chars)++;
			space = true;
			continue;
		}
		space = false;
		if ((*p & 0xC0) != 0x80)
			(*chars)++;
		/* "551,88" is a decimal comma, not a clause separator. */
		if ((*p == ',' && !ascii_isdigit(p[1])) ||
		    (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C) || /* ， */
		    (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x81))   /* 、 */
			(*commas)++;
	}
}

static int
add_node(struct body *b, const GumboNode *g, int parent)
{
	struct bnode *n;
	int i;

	if (b->count == b->cap) {
		b->cap = b->cap ? b->cap * 2 : BODY_NODES_START;
		b->n = xreallocarray(b->n, (size_t)b->cap, sizeof(*b->n));
	}
	i = b->count++;
	n = &b->n[i];
	memset(n, 0, sizeof(*n));
	n->g = g;
	n->parent = parent;
	n->tag = g->v.element.tag;
	classify(n);
	if (parent >= 0) {
		const struct bnode *p = &b->n[parent];

		if (p->flags & (F_BOILER | F_IN_BOILER))
			n->flags |= F_IN_BOILER;
		if ((p->flags & F_LINK) || n->tag == GUMBO_TAG_A)
			n->flags |= F_LINK;
		if (hnode_tag_is_block(n->tag))
			b->n[parent].flags |= F_BLOCK_KID;
	} else if (n->tag == GUMBO_TAG_A) {
		n->flags |= F_LINK;
	}
	return i;
}

/* Index the element tree under ROOT in pre-order, with each element's
 * own text counted; descendants are summed in aggregate(). */
static void
index_tree(struct body *b, const GumboNode *root)
{
	const GumboNode *stack[HNODE_DEPTH_MAX];
	int sidx[HNODE_DEPTH_MAX];
	unsigned kid[HNODE_DEPTH_MAX];
	size_t sp = 1;

	if (!indexable(root))
		return;
	stack[0] = root;
	sidx[0] = add_node(b, root, -1);
	kid[0] = 0;
	while (sp) {
		const GumboNode *cur = stack[sp - 1], *c;
		const GumboVector *kids = &cur->v.element.children;
		struct bnode *me = &b->n[sidx[sp - 1]];

		if (kid[sp - 1] >= kids->length) {
			me->end = b->count;
			sp--;
			continue;
		}
		c = kids->data[kid[sp - 1]++];
		if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA) {
			unsigned chars = 0, commas = 0;

			count_text(c->v.text.text, &chars, &commas);
			me->all += chars;
			me->commas += commas;
			if (me->flags & F_LINK)
				me->lnk += chars;
			continue;
		}
		if (!indexable(c))
			continue;
		if (sp >= HNODE_DEPTH_MAX || b->count >= BODY_NODES_MAX) {
			b->truncated++;
			continue;
		}
		stack[sp] = c;
		sidx[sp] = add_node(b, c, sidx[sp - 1]);
		kid[sp++] = 0;
	}
}

/* Sum text up the tree: all text, and text outside boilerplate. */
static void
aggregate(struct body *b)
{
	int i;

	for (i = 0; i < b->count; i++)
		b->n[i].txt = (b->n[i].flags & (F_BOILER | F_IN_BOILER))
				      ? 0
				      : b->n[i].all;
	for (i = b->count - 1; i > 0; i--) {
		struct bnode *n = &b->n[i], *p = &b->n[n->parent];

		p->all += n->all;
		p->lnk += n->lnk;
		p->commas += n->commas;
		p->txt += n->txt;
	}
}

static float
link_density(const struct bnode *n)
{
	return n->all ? (float)n->lnk / (float)n->all : 0.0f;
}

static bool
boiler(const struct body *b, const struct bnode *n)
{
	return b->strip && (n->flags & (F_BOILER | F_IN_BOILER));
}

/* Readability's starting score of a candidate by its tag. */
static float
tag_base(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_DIV:
		return 5;
	case GUMBO_TAG_PRE:
	case GUMBO_TAG_TD:
	case GUMBO_TAG_BLOCKQUOTE:
		return 3;
	case GUMBO_TAG_ADDRESS:
	case GUMBO_TAG_OL:
	case GUMBO_TAG_UL:
	case GUMBO_TAG_DL:
	case GUMBO_TAG_DD:
	case GUMBO_TAG_DT:
	case GUMBO_TAG_LI:
	case GUMBO_TAG_FORM:
		return -3;
	case GUMBO_TAG_H1:
	case GUMBO_TAG_H2:
	case GUMBO_TAG_H3:
	case GUMBO_TAG_H4:
	case GUMBO_TAG_H5:
	case GUMBO_TAG_H6:
	case GUMBO_TAG_TH:
		return -5;
	default:
		return 0;
	}
}

/* A block scored as a paragraph: <p>, <pre>, <td>, or a text-only div. */
static bool
is_para(const struct bnode *n)
{
	switch (n->tag) {
	case GUMBO_TAG_P:
	case GUMBO_TAG_PRE:
	case GUMBO_TAG_TD:
		return true;
	case GUMBO_TAG_DIV:
	case GUMBO_TAG_SECTION:
	case GUMBO_TAG_ARTICLE:
		return !(n->flags & F_BLOCK_KID);
	default:
		return false;
	}
}

static unsigned
text_of(const struct body *b, const struct bnode *n)
{
	return b->strip ? n->txt : n->all;
}

/* Score paragraphs into their ancestors; the best candidate's index. */
static int
score(struct body *b)
{
	int i, best = -1, small = -1;

	for (i = 0; i < b->count; i++) {
		b->n[i].score = 0;
		b->n[i].flags &= ~F_SCORED;
	}
	for (i = 0; i < b->count; i++) {
		struct bnode *n = &b->n[i];
		unsigned len = text_of(b, n), pts;
		float s;
		int a, level;

		if (!is_para(n) || boiler(b, n) || len < PARA_MIN_CHARS)
			continue;
		pts = len / PARA_CHARS_PER_POINT;
		s = 1.0f + (float)n->commas +
		    (float)(pts > PARA_LENGTH_POINTS_MAX ? PARA_LENGTH_POINTS_MAX
							 : pts);
		for (a = n->parent, level = 0; a >= 0 && level < SCORE_LEVELS;
		     a = b->n[a].parent, level++) {
			struct bnode *an = &b->n[a];

			if (!(an->flags & F_SCORED)) {
				an->flags |= F_SCORED;
				an->score = tag_base(an->tag) + an->weight;
			}
			an->score += s / (level == 0   ? 1.0f
					  : level == 1 ? 2.0f
						       : (float)level * 3.0f);
		}
	}
	for (i = 0; i < b->count; i++) {
		struct bnode *n = &b->n[i];

		if (!(n->flags & F_SCORED))
			continue;
		n->score *= 1.0f - link_density(n);
		if (small < 0 || n->score > b->n[small].score)
			small = i;
		if (text_of(b, n) < CANDIDATE_MIN_CHARS)
			continue;
		if (best < 0 || n->score > b->n[best].score)
			best = i;
	}
	/* A short page: its best block, however small. */
	return best >= 0 ? best : small;
}

static bool
contains(const struct body *b, int anc, int d)
{
	return d >= anc && d < b->n[anc].end;
}

/* Readability's refinements: a common ancestor of several close
 * candidates, a parent that scores better, an only child's parent. */
static int
refine(const struct body *b, int top)
{
	int alt[ALT_TOP], nalt = 0, i, p;
	float ts = b->n[top].score, last, floor_score;

	for (i = 0; i < b->count && ts > 0; i++) {
		const struct bnode *n = &b->n[i];
		int k;

		if (i == top || !(n->flags & F_SCORED) ||
		    n->score < ts * ALT_SHARE)
			continue;
		if (nalt < ALT_TOP) {
			alt[nalt++] = i;
			continue;
		}
		for (k = 0; k < nalt; k++) {
			if (b->n[alt[k]].score < n->score) {
				alt[k] = i;
				break;
			}
		}
	}
	if (nalt >= ALT_MIN) {
		for (p = b->n[top].parent; p > 0; p = b->n[p].parent) {
			int k, in = 0;

			for (k = 0; k < nalt; k++)
				in += contains(b, p, alt[k]);
			if (in >= ALT_MIN) {
				top = p;
				break;
			}
		}
	}
	last = b->n[top].score;
	floor_score = last / 3.0f;
	for (p = b->n[top].parent; p > 0; p = b->n[p].parent) {
		const struct bnode *pn = &b->n[p];

		if (!(pn->flags & F_SCORED))
			continue;
		if (pn->score < floor_score)
			break;
		if (pn->score > last) {
			top = p;
			break;
		}
		last = pn->score;
	}
	while (b->n[top].parent > 0) {
		int par = b->n[top].parent;

		/* An only element child with all of its parent's text. */
		if (b->n[par].end != b->n[top].end || top != par + 1 ||
		    b->n[par].all != b->n[top].all)
			break;
		top = par;
	}
	return top;
}

/* Text of a block, for the "ends a sentence" test. */
static bool
ends_sentence(const struct bnode *n)
{
	char *t = hnode_text_dup(n->g, 4096);
	size_t len = t ? strlen(t) : 0;
	bool r = len && (t[len - 1] == '.' || t[len - 1] == '!' ||
			 t[len - 1] == '?');

	free(t);
	return r;
}

static bool
same_class(const struct bnode *a, const struct bnode *b)
{
	const char *ca = hnode_attr(a->g, "class"),
		   *cb = hnode_attr(b->g, "class");

	return ca && cb && *ca && strcmp(ca, cb) == 0;
}

/* The top candidate and the siblings that belong with it, in order. */
static int
gather(const struct body *b, int top, int *roots, int max)
{
	const struct bnode *t = &b->n[top];
	float thr = t->score * SIBLING_SHARE;
	int p = t->parent, s, n = 0;

	if (thr < SIBLING_MIN_SCORE)
		thr = SIBLING_MIN_SCORE;
	if (p < 0) {
		roots[0] = top;
		return 1;
	}
	for (s = p + 1; s < b->n[p].end && n < max; s = b->n[s].end) {
		const struct bnode *sn = &b->n[s];
		bool add = s == top;

		if (!add && boiler(b, sn))
			continue;
		if (!add && (sn->flags & F_SCORED)) {
			float bonus = same_class(t, sn) ? t->score * SIBLING_SHARE
							: 0.0f;

			add = sn->score + bonus >= thr;
		}
		if (!add && sn->tag == GUMBO_TAG_P) {
			float ld = link_density(sn);

			if (sn->all > SIBLING_PARA_CHARS && ld < SIBLING_PARA_LD)
				add = true;
			else if (sn->all && ld == 0.0f && ends_sentence(sn))
				add = true;
		}
		if (add)
			roots[n++] = s;
	}
	return n;
}

/* The first (outermost) known article container with enough text. */
static int
hint_node(const struct body *b)
{
	int i;

	for (i = 0; i < b->count; i++) {
		const struct bnode *n = &b->n[i];

		if ((n->flags & F_HINT) && !(n->flags & F_IN_BOILER) &&
		    n->txt >= HINT_MIN_CHARS)
			return i;
	}
	return -1;
}

/* Whether an element inside the article ROOT is left out of its text. */
static bool
prune(const struct body *b, const struct bnode *root, const struct bnode *n)
{
	float big = (float)root->all * BOILER_KEEP_SHARE;

	switch (n->tag) {
	case GUMBO_TAG_H1:
	case GUMBO_TAG_FIGCAPTION:
		return true;
	case GUMBO_TAG_NAV:
	case GUMBO_TAG_ASIDE:
	case GUMBO_TAG_FOOTER:
	case GUMBO_TAG_HEADER:
	case GUMBO_TAG_FORM:
		if ((float)n->all < big)
			return true;
		break;
	default:
		break;
	}
	if ((n->flags & F_BOILER) && (float)n->all < big)
		return true;
	if (hnode_tag_is_block(n->tag) && n->tag != GUMBO_TAG_BR &&
	    link_density(n) > BLOCK_LD_MAX)
		return true;
	(void)b;
	return false;
}

struct emit {
	struct buf *out;
	bool space;  /* last byte written is a space */
	bool para;   /* a paragraph is open (text since the last break) */
};

static void
emit_break(struct emit *e)
{
	if (e->para && buf_append(e->out, "\n\n", 2) == 0) {
		e->para = false;
		e->space = true;
	}
}

static void
emit_text(struct emit *e, const char *s)
{
	size_t before = e->out->len;
	const char *p = s;

	while (*p && ascii_isspace((unsigned char)*p))
		p++;
	if (*p == '\0') {
		if (e->para && !e->space && buf_append_char(e->out, ' ') == 0)
			e->space = true;
		return;
	}
	if (!e->para)
		e->space = true;
	hnode_append_collapsed(e->out, s, strlen(s), &e->space);
	if (e->out->len > before)
		e->para = true;
}

/*
 * Append the text of the indexed element at R, leaving out pruned
 * elements when CLEAN.  Walks the gumbo children in step with the
 * index (both skip the same elements).
 */
static void
emit_tree(struct body *b, int r, bool clean, struct emit *e)
{
	const GumboNode *stack[HNODE_DEPTH_MAX];
	int sidx[HNODE_DEPTH_MAX], next[HNODE_DEPTH_MAX];
	unsigned kid[HNODE_DEPTH_MAX];
	size_t sp = 1;

	stack[0] = b->n[r].g;
	sidx[0] = r;
	next[0] = r + 1;
	kid[0] = 0;
	if (hnode_tag_is_block(b->n[r].tag))
		emit_break(e);
	while (sp) {
		const GumboNode *cur = stack[sp - 1], *c;
		const GumboVector *kids = &cur->v.element.children;
		int ci;

		if (kid[sp - 1] >= kids->length) {
			if (hnode_tag_is_block(b->n[sidx[sp - 1]].tag))
				emit_break(e);
			sp--;
			continue;
		}
		c = kids->data[kid[sp - 1]++];
		if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA ||
		    c->type == GUMBO_NODE_WHITESPACE) {
			emit_text(e, c->v.text.text);
			continue;
		}
		if (!indexable(c))
			continue;
		ci = next[sp - 1];
		if (ci >= b->n[sidx[sp - 1]].end || b->n[ci].g != c)
			continue; /* beyond a limit when indexing */
		next[sp - 1] = b->n[ci].end;
		if (clean && prune(b, &b->n[r], &b->n[ci]))
			continue;
		if (c->v.element.tag == GUMBO_TAG_BR) {
			if (e->para && buf_append_char(e->out, '\n') == 0)
				e->space = true;
			continue;
		}
		if (sp >= HNODE_DEPTH_MAX)
			continue;
		if (hnode_tag_is_block(c->v.element.tag))
			emit_break(e);
		stack[sp] = c;
		sidx[sp] = ci;
		next[sp] = ci + 1;
		kid[sp++] = 0;
	}
}

/* No spaces around line breaks, no more than one blank line, nothing
 * blank at either end. */
static void
tidy(struct buf *out)
{
	size_t r = 0, w = 0, nl = 0;

	while (r < out->len) {
		char c = out->data[r++];

		if (c == ' ' && (w == 0 || nl ||
				 (r < out->len && out->data[r] == '\n')))
			continue;
		if (c == '\n') {
			while (w && out->data[w - 1] == ' ')
				w--;
			if (w == 0 || ++nl > 2)
				continue;
		} else {
			nl = 0;
		}
		out->data[w++] = c;
	}
	while (w && (out->data[w - 1] == '\n' || out->data[w - 1] == ' '))
		w--;
	out->len = w;
	if (out->data)
		out->data[w] = '\0';
}

/* Text of the article made of ROOTS into OUT. */
static void
emit_roots(struct body *b, const int *roots, int n, bool clean,
	   struct buf *out)
{
	struct emit e = {out, true, false};
	int i;

	for (i = 0; i < n; i++)
		emit_tree(b, roots[i], clean, &e);
	tidy(out);
}

/* Indexes of the outermost elements SEL matches, at most MAX. */
static int
select_roots(const struct body *b, const struct selector *sel, int *roots,
	     int max)
{
	int i = 0, n = 0;

	while (i < b->count && n < max) {
		if (selector_match(sel, b->n[i].g)) {
			roots[n++] = i;
			i = b->n[i].end;
		} else {
			i++;
		}
	}
	return n;
}

/* Readability's pass: the scored candidate and its siblings. */
static void
scored_text(struct body *b, struct buf *out)
{
	int roots[64], n, top;

	top = score(b);
	if (top < 0)
		return;
	top = refine(b, top);
	n = gather(b, top, roots, 64);
	emit_roots(b, roots, n, true, out);
}

/* Whether the paragraph P[0..N) ends in an ellipsis: "...", "…". */
static bool
ends_truncated(const char *p, size_t n)
{
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\n'))
		n--;
	return (n >= 3 && memcmp(p + n - 3, "...", 3) == 0) ||
	       (n >= 3 && memcmp(p + n - 3, "\xe2\x80\xa6", 3) == 0);
}

/*
 * Drop runs of TEASER_RUN_MIN or more paragraphs that each end in an
 * ellipsis: the excerpts of "top stories", "popular" and "related"
 * boxes beside or after an article.  An article's own paragraph seldom
 * trails off, two in a row almost never.
 */
static void
drop_teasers(struct buf *text)
{
	const char *s = buf_str(text), *end = s + text->len;
	struct buf out;
	const char *run = NULL; /* first paragraph of the current run */
	size_t nrun = 0;

	if (!text->len)
		return;
	buf_init(&out, BODY_TEXT_MAX);
	for (const char *p = s; p < end;) {
		const char *q = strstr(p, "\n\n");
		const char *pe = q && q < end ? q : end;
		const char *next = pe < end ? pe + 2 : end;

		if (ends_truncated(p, (size_t)(pe - p)) &&
		    pe - p >= TEASER_CHARS_MIN) {
			if (!nrun++)
				run = p;
		} else {
			if (nrun && nrun < TEASER_RUN_MIN)
				buf_append(&out, run, (size_t)(p - run));
			nrun = 0;
			buf_append(&out, p, (size_t)(next - p));
		}
		p = next;
	}
	if (nrun && nrun < TEASER_RUN_MIN)
		buf_append(&out, run, (size_t)(end - run));
	/* No trailing separator where a dropped run ended the text. */
	while (out.len >= 1 && buf_str(&out)[out.len - 1] == '\n')
		out.len--;
	if (out.len < text->len) {
		buf_free(text);
		*text = out;
		if (text->data)
			text->data[text->len] = '\0';
	} else {
		buf_free(&out);
	}
}

int
html_body_extract(GumboNode *root, const struct selector *sel,
		  struct buf *out, unsigned *truncated)
{
	struct body b = {0};
	GumboNode *body = hnode_find(root, GUMBO_TAG_BODY);
	struct buf cand;
	int roots[64], n, h;

	buf_init(&cand, BODY_TEXT_MAX);
	if (body == NULL)
		goto out;
	index_tree(&b, body);
	aggregate(&b);
	if (sel && (n = select_roots(&b, sel, roots, 64)) > 0) {
		emit_roots(&b, roots, n, false, &cand);
		goto done;
	}
	b.strip = true;
	scored_text(&b, &cand);
	h = hint_node(&b);
	if (h >= 0) {
		struct buf hb;

		buf_init(&hb, BODY_TEXT_MAX);
		emit_roots(&b, &h, 1, true, &hb);
		if ((float)hb.len >= (float)cand.len * HINT_MIN_SHARE) {
			buf_free(&cand);
			cand = hb;
		} else {
			buf_free(&hb);
		}
	}
	if (cand.len < RETRY_MIN_CHARS) {
		struct buf rb;

		buf_init(&rb, BODY_TEXT_MAX);
		b.strip = false;
		scored_text(&b, &rb);
		if (rb.len > cand.len) {
			buf_free(&cand);
			cand = rb;
		} else {
			buf_free(&rb);
		}
	}
	drop_teasers(&cand);
done:
	if (cand.len + 1 >= BODY_TEXT_MAX)
		b.truncated++;
	buf_append(out, buf_str(&cand), cand.len);
out:
	*truncated += b.truncated;
	buf_free(&cand);
	free(b.n);
	return 0;
}
