#include "extract/rumors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ascii.h"
#include "common/claims.h"
#include "common/errors.h"
#include "common/xalloc.h"
#include "extract/sentences.h"

#define RUMORS_TEXT_MAX (512u << 10) /* title and text read, bytes */
#define RUMORS_TOKENS_MAX 16384
#define RUMORS_SENTENCES_MAX 8192
#define RUMORS_PENDING_MAX 256       /* launch claims of one article */
#define RUMORS_SUBJECTS_MAX 16       /* members of one series */
#define RUMORS_TITLE_WEIGHT 3        /* a title mention counts thrice */
/* A device named once (a "related" link) is no article's main device. */
#define RUMORS_MAIN_MIN_WEIGHT 2
/* How far (bytes) a date may sit from its launch cue, a "first" from. */
#define RUMORS_CUE_REACH 160
#define RUMORS_FIRST_REACH 40
#define RUMORS_NEGATION_REACH 24
/* A paragraph this short (bytes) is a heading: a product's name. */
#define RUMORS_HEADING_MAX 120

struct subjects {
	const char *name[RUMORS_SUBJECTS_MAX];
	size_t n;
};

/* A launch claim held back until every sentence is read. */
struct pending {
	const char *subject; /* rumor_set-owned device name */
	char date[DATE_STR_MAX];
	const char *region;  /* lexicon-owned, NULL when none */
	size_t sentence;
	int first;           /* an undated first-market statement */
};

struct ctx {
	/* What the claims are called: the schema's attribute for a chip,
	   a device's date, a chip's date; NULL when it declares none. */
	const char *chip_attr, *launch_attr, *announce_attr;
	const struct claim_schema *claims;
	const char *text;
	const struct lex_token *t;
	size_t nt;
	const struct sentence *s;
	size_t lo, hi; /* tokens of the current sentence */
	size_t cur;    /* current sentence */
	const struct ymd *published;
	struct rumor_set *rs;
	const char *main_dev;   /* rumor_set-owned, NULL when none */
	const char *main_brand;
	/* The first device of the last sentence in the paragraph naming
	   one, or none. */
	const struct lex_token *para_dev;
	/* The device a short paragraph just before named: a product's
	   heading above its specification list. */
	const struct lex_token *head_dev;
	/* Claims [claims_base, title_claims) were made by the title. */
	size_t claims_base, title_claims;
	size_t title_len; /* the title's bytes at the start of the text */
	int in_title; /* the current sentence is the title's */
	/* Per token of the current sentence: a name that is not the
	   sentence's subject (a predecessor, a rival, the thing an update
	   or a case is for). */
	unsigned char *blk;
	/* The sentence rules names out: its claims need a named subject. */
	int closed;
	int cancelled; /* a cancelled or delayed launch: no launch dates */
	/* Per token of the sentence: a chip whose own unveiling it dates. */
	unsigned char *announced;
	struct pending pend[RUMORS_PENDING_MAX];
	size_t npend;
};

static int
is_cue(const struct lex_token *t, enum lex_cue c)
{
	return t->kind == LEX_CUE && t->sub == (int)c;
}

/* A launch cue, in the present or future or in the past tense. */
static int
is_launch(const struct lex_token *t)
{
	return is_cue(t, CUE_LAUNCH) || is_cue(t, CUE_LAUNCHED);
}

/* Token filter: a kind, or a cue kind when KIND is LEX_CUE. */
struct want {
	enum lex_kind kind;
	int cue;
};

static int
wanted(const struct lex_token *t, const struct want *w)
{
	if (w->kind == LEX_CUE && w->cue == CUE_LAUNCH)
		return is_launch(t);
	return t->kind == w->kind && (w->kind != LEX_CUE || t->sub == w->cue);
}

static int
blocked(const struct ctx *c, const struct lex_token *t);
static int
joined(const struct ctx *c, const struct lex_token *a,
       const struct lex_token *b);

static size_t
gap(const struct lex_token *a, const struct lex_token *b)
{
	if (a->start >= b->end)
		return a->start - b->end;
	if (b->start >= a->end)
		return b->start - a->end;
	return 0;
}

/*
 * The token of the current sentence wanted by W nearest to token AT:
 * DIR < 0 only before it, > 0 only after it, 0 either side.
 */
static const struct lex_token *
nearest(const struct ctx *c, size_t at, struct want w, int dir)
{
	const struct lex_token *best = NULL;

	for (size_t i = c->lo; i < c->hi; i++) {
		const struct lex_token *t = &c->t[i];

		if (i == at || !wanted(t, &w) || (dir < 0 && i > at) ||
		    (dir > 0 && i < at) ||
		    (t->kind == LEX_DEVICE && blocked(c, t)))
			continue;
		if (!best || gap(t, &c->t[at]) < gap(best, &c->t[at]))
			best = t;
	}
	return best;
}

static size_t
index_of(const struct ctx *c, const struct lex_token *t)
{
	return (size_t)(t - c->t);
}

/* ---- names that are not the sentence's subject ---- */

#define RUMORS_BLOCK_REACH 40   /* a compared name after its cue, bytes */
#define RUMORS_ADJACENT 12      /* "X's successor", "X, the predecessor" */
#define RUMORS_CHIP_NEAR 24     /* "the Y-powered X", "the Y found in X" */
#define RUMORS_CLAUSE_PENALTY 60

/* c->blk values: 0 free, 1 not the subject, or this: */
#define BLK_OWN_PAIR 2 /* a compared chip, the device after it its own */
#define BLK_PAIRED 3   /* that device, compared for no other reason */

static int
blocked(const struct ctx *c, const struct lex_token *t)
{
	size_t i = index_of(c, t);

	return i >= c->lo && i < c->hi && c->blk[i - c->lo];
}

static int
is_name(const struct lex_token *t)
{
	return t->kind == LEX_DEVICE || t->kind == LEX_CHIP;
}

/* TEXT[A..B) holds a clause break: a comma, a semicolon, a colon. */
static int
clause_break(const struct ctx *c, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (c->text[i] == ',' || c->text[i] == ';' || c->text[i] == ':')
			return 1;
	return 0;
}

/*
 * Only filler between two tokens: white space, a possessive "'s", a
 * comma, brackets, "the", "a", "its".  PREP also allows the words
 * "for", "to", "on", "of" ("cases for the X").
 */
static int
filler_between(const struct ctx *c, size_t a, size_t b, int prep)
{
	static const char *const words[] = { "the", "a", "an", "its", "their",
					     "for", "to", "on", "of" };
	const char *p = c->text + a, *e = c->text + b;

	if (b < a || b - a > (prep ? 2 * RUMORS_ADJACENT : RUMORS_ADJACENT))
		return 0;
	while (p < e) {
		size_t k, nw = prep ? 9 : 5;

		if (*p == ' ' || *p == ',' || *p == '(' || *p == ')' ||
		    *p == '\n' || *p == '\t') {
			p++;
			continue;
		}
		if ((*p == '\'' && e - p >= 2 && (p[1] == 's' || p[1] == 'S'))) {
			p += 2;
			continue;
		}
		if (e - p >= 4 && memcmp(p, "\xE2\x80\x99s", 4) == 0) {
			p += 4;
			continue;
		}
		for (k = 0; k < nw; k++) {
			size_t n = strlen(words[k]);

			if ((size_t)(e - p) >= n &&
			    ascii_ncasecmp(p, words[k], n) == 0 &&
			    (p + n == e || !ascii_isalpha((unsigned char)p[n]))) {
				p += n;
				break;
			}
		}
		if (k == nw)
			return 0;
	}
	return 1;
}

static void
block_token(struct ctx *c, size_t i)
{
	const struct lex_token *t = &c->t[i];

	c->blk[i - c->lo] = 1;
	if (t->kind != LEX_DEVICE)
		return;
	/* The rest of a list it is in: "than the X and Y". */
	for (size_t j = i; j > c->lo && c->t[j - 1].kind == LEX_DEVICE &&
			   joined(c, &c->t[j - 1], &c->t[j]);
	     j--)
		c->blk[j - 1 - c->lo] = 1;
	for (size_t j = i; j + 1 < c->hi && c->t[j + 1].kind == LEX_DEVICE &&
			   joined(c, &c->t[j], &c->t[j + 1]);
	     j++)
		c->blk[j + 1 - c->lo] = 1;
}

/*
 * The name a cue at token AT points forward to ("than the X", "unlike
 * the X", "last year's X"): the first name after it in its clause, with
 * a chip that comes with it ("than the Y-powered X", "the X's Y").
 * PREP: only when the words between are filler and a preposition ("cases
 * for the X").
 */
static int
block_after(struct ctx *c, size_t at, int prep)
{
	size_t from = c->t[at].end;

	for (size_t i = at + 1; i < c->hi; i++) {
		const struct lex_token *t = &c->t[i];

		if (!is_name(t))
			continue;
		if (prep ? !filler_between(c, from, t->start, 1)
			 : t->start - from > RUMORS_BLOCK_REACH ||
				   clause_break(c, from, t->start))
			return 0;
		block_token(c, i);
		if (t->kind == LEX_DEVICE) {
			/* "than the X's Y", "unlike the X (Y)" */
			if (i + 1 < c->hi && c->t[i + 1].kind == LEX_CHIP &&
			    filler_between(c, t->end, c->t[i + 1].start, 0))
				block_token(c, i + 1);
			return 1;
		}
		/*
		 * A chip: the device it is in may follow closely ("than the
		 * Y found in the X"); the two still pair with each other.
		 */
		from = t->end;
		if (i + 1 < c->hi && c->t[i + 1].kind == LEX_DEVICE &&
		    c->t[i + 1].start - from <= RUMORS_CHIP_NEAR &&
		    !clause_break(c, from, c->t[i + 1].start)) {
			int was = c->blk[i + 1 - c->lo];

			block_token(c, i + 1);
			if (!was) {
				c->blk[i - c->lo] = BLK_OWN_PAIR;
				c->blk[i + 1 - c->lo] = BLK_PAIRED;
			}
			return 1;
		}
		if (prep)
			return 1;
	}
	return 0;
}

/*
 * The name right before a cue at token AT ("the X's successor").
 * Returns whether there was one.
 */
static int
block_before(struct ctx *c, size_t at)
{
	for (size_t i = at; i-- > c->lo;) {
		const struct lex_token *t = &c->t[i];

		if (t->kind == LEX_CUE || t->kind == LEX_BRAND)
			continue;
		if (!is_name(t) ||
		    !filler_between(c, t->end, c->t[at].start, 0))
			return 0;
		block_token(c, i);
		return 1;
	}
	return 0;
}

/*
 * Which names of the current sentence are not its subject, from the
 * `other`, `other_before`, `versus` and `item` cues; whether it may fall
 * back on the paragraph's device; whether it cancels launches.
 */
static void
mark_blocked(struct ctx *c)
{
	memset(c->blk, 0, c->hi - c->lo);
	c->closed = 0;
	c->cancelled = 0;
	for (size_t i = c->lo; i < c->hi; i++) {
		const struct lex_token *t = &c->t[i];

		if (t->kind != LEX_CUE)
			continue;
		switch (t->sub) {
		case CUE_OTHER:
			block_after(c, i, 0);
			c->closed = 1;
			break;
		case CUE_OTHER_BEFORE:
			block_before(c, i);
			c->closed = 1;
			break;
		case CUE_VERSUS:
			block_before(c, i);
			block_after(c, i, 0);
			c->closed = 1;
			break;
		case CUE_ITEM:
			/* "seven years of updates" rules nobody out. */
			if (block_before(c, i) | block_after(c, i, 1))
				c->closed = 1;
			break;
		case CUE_CANCEL:
			c->cancelled = 1;
			break;
		default:
			break;
		}
	}
}

/* A phone maker other than the main device's is named in the sentence. */
static int
foreign_brand(const struct ctx *c)
{
	for (size_t i = c->lo; i < c->hi; i++)
		if (c->t[i].kind == LEX_BRAND &&
		    (!c->main_brand || strcmp(c->t[i].arg, c->main_brand) != 0))
			return 1;
	return 0;
}

static void
add_subject(struct subjects *out, const char *name)
{
	for (size_t i = 0; i < out->n; i++)
		if (out->name[i] == name)
			return;
	if (out->n < RUMORS_SUBJECTS_MAX)
		out->name[out->n++] = name;
}

/* The devices one mention stands for: a series means its named members. */
static void
expand_one(const struct ctx *c, const struct lex_token *dev,
	   struct subjects *out)
{
	const struct rumor_set *rs = c->rs;
	size_t n = strlen(dev->value);

	for (size_t i = 0; i < rs->ndevices; i++) {
		const char *name = rs->devices[i].name;

		if (strcmp(name, dev->value) == 0 ||
		    (dev->series && strncmp(name, dev->value, n) == 0 &&
		     name[n] == ' '))
			add_subject(out, name);
	}
}

/* Only list punctuation and "and"/"or" between two tokens. */
static int
joined(const struct ctx *c, const struct lex_token *a,
       const struct lex_token *b)
{
	static const char *const words[] = { "and", "or", "&", "/", "the" };
	const char *p = c->text + a->end, *e = c->text + b->start;

	while (p < e) {
		size_t k;

		if (*p == ' ' || *p == ',') {
			p++;
			continue;
		}
		for (k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
			size_t n = strlen(words[k]);

			if ((size_t)(e - p) >= n && memcmp(p, words[k], n) == 0 &&
			    (p + n == e || p[n] == ' ')) {
				p += n;
				break;
			}
		}
		if (k == sizeof(words) / sizeof(words[0]))
			return 0;
	}
	return 1;
}

/*
 * The devices a mention stands for, with the rest of a list it is in:
 * "the Galaxy S24, Galaxy S24+ and Galaxy S24 Ultra".
 */
static void
expand(const struct ctx *c, const struct lex_token *dev, struct subjects *out)
{
	const struct lex_token *first = dev, *last = dev;
	const struct lex_token *end = c->t + c->nt;

	out->n = 0;
	while (first > c->t && first[-1].kind == LEX_DEVICE &&
	       joined(c, &first[-1], first))
		first--;
	while (last + 1 < end && last[1].kind == LEX_DEVICE &&
	       joined(c, last, &last[1]))
		last++;
	for (const struct lex_token *t = first; t <= last; t++)
		expand_one(c, t, out);
}

/*
 * A sentence that names no device is about the subject of the last one
 * in its paragraph that did, else the article's main device, unless it
 * names another maker.
 */
static void
main_subject(const struct ctx *c, struct subjects *out)
{
	out->n = 0;
	if (foreign_brand(c) || c->closed)
		return;
	if (c->para_dev)
		expand(c, c->para_dev, out);
	else if (c->main_dev)
		out->name[out->n++] = c->main_dev;
}

/* Who a claim at token AT is about: the nearest device in the sentence. */
static void
attach(const struct ctx *c, size_t at, struct subjects *out)
{
	struct want dev = { LEX_DEVICE, 0 };
	const struct lex_token *d = nearest(c, at, dev, 0);

	if (d)
		expand(c, d, out);
	else
		main_subject(c, out);
}

/*
 * Add a claim; one the title made before gets this text sentence for
 * its cue, the fuller evidence.
 */
static void
claim(struct ctx *c, const char *subject, const char *attr,
      const char *value, const char *qualifier, const char *cue)
{
	struct claim *cl = rumor_set_add_claim(c->rs, subject, attr, value,
					       qualifier, cue);
	size_t k = (size_t)(cl - c->rs->claims);

	if (!c->in_title && k >= c->claims_base && k < c->title_claims &&
	    strcmp(cl->cue, cue) != 0) {
		free(cl->cue);
		cl->cue = xstrdup(cue);
	}
}

static void
add_claims(struct ctx *c, const struct subjects *sub, const char *attr,
	   const char *value, const char *cue)
{
	for (size_t i = 0; i < sub->n; i++)
		claim(c, sub->name[i], attr, value, NULL, cue);
}

/* A "not" right before the cue at token AT. */
static int
negated(const struct ctx *c, size_t at)
{
	struct want w = { LEX_CUE, CUE_NEGATION };
	const struct lex_token *n = nearest(c, at, w, -1);

	return n && gap(n, &c->t[at]) <= RUMORS_NEGATION_REACH;
}

/* A negation cue between tokens A and B of the sentence (A first). */
static int
negation_between(const struct ctx *c, size_t a, size_t b)
{
	for (size_t i = a + 1; i < b; i++)
		if (is_cue(&c->t[i], CUE_NEGATION) || is_cue(&c->t[i], CUE_CANCEL))
			return 1;
	return 0;
}

/*
 * The device a chip at token AT belongs to: the nearest one in the
 * sentence, one across a clause break counting as farther, one before
 * it winning a tie ("X uses Y, while Z gets W").  NULL when none.
 */
static const struct lex_token *
chip_device(const struct ctx *c, size_t at)
{
	const struct lex_token *best = NULL, *ch = &c->t[at];
	size_t bgap = 0;

	for (size_t i = c->lo; i < c->hi; i++) {
		const struct lex_token *t = &c->t[i];
		size_t g;

		if (t->kind != LEX_DEVICE)
			continue;
		g = gap(t, ch);
		if (t->end <= ch->start ? clause_break(c, t->end, ch->start)
					: clause_break(c, ch->end, t->start))
			g += RUMORS_CLAUSE_PENALTY;
		if (t->start > ch->start)
			g++; /* a tie goes to the device before */
		if (!best || g < bgap) {
			best = t;
			bgap = g;
		}
	}
	return best;
}

/*
 * Chipset claims.  A chip and a device in one sentence make a claim
 * without any cue word ("X spotted on Geekbench with Y", "the Y-powered
 * X", "X: Y, 12GB RAM"), unless the device is ruled out (a predecessor,
 * a rival, compared) or a negation stands between them.  A chip in a
 * sentence naming no device needs a chipset cue before it ("At its heart
 * sits Y", "It is powered by Y"), or a "phone" word after it; it is
 * about the paragraph's device.
 */
/*
 * A chip named as a part in a specification ("A10 Fusion chipset", "S3
 * with dual-core processor", "Snapdragon 435, 3GB memory"): directly
 * followed by a part word or by a list of further parts, in a sentence
 * that names neither a device nor a chip maker, whose own news it
 * would be.
 */
static int
spec_listing(const struct ctx *c, const struct lex_token *t)
{
	static const char *const parts[] = { "chip", "chipset", "processor",
					     "soc", "platform", "cpu",
					     "with" };
	const char *p = c->text + t->end;
	size_t n = 0;

	for (size_t i = c->lo; i < c->hi; i++)
		if (c->t[i].kind == LEX_DEVICE || c->t[i].kind == LEX_CHIPMAKER)
			return 0;
	while (*p == ' ' || *p == '-')
		p++;
	if (*p == ',' && ascii_isdigit((unsigned char)p[1 + (p[1] == ' ')]))
		return 1; /* "Snapdragon 435, 3GB memory, ..." */
	while (ascii_isalpha((unsigned char)p[n]))
		n++;
	for (size_t i = 0; i < sizeof(parts) / sizeof(*parts); i++)
		if (strlen(parts[i]) == n && ascii_ncasecmp(p, parts[i], n) == 0)
			return 1;
	return 0;
}

static void
chip_claims(struct ctx *c, const char *cue)
{
	struct want cw = { LEX_CUE, CUE_CHIPSET }, ow = { LEX_CUE, CUE_OS },
		    dw = { LEX_CUE, CUE_DEVICE };
	struct subjects sub;

	for (size_t i = c->lo; i < c->hi; i++) {
		const struct lex_token *t = &c->t[i], *d, *k;

		if (t->kind != LEX_CHIP)
			continue;
		if (blocked(c, t)) {
			/* "an upgrade over the Y found in the X": X has Y. */
			if (c->blk[i - c->lo] == BLK_OWN_PAIR &&
			    c->blk[i + 1 - c->lo] == BLK_PAIRED) {
				expand(c, &c->t[i + 1], &sub);
				add_claims(c, &sub, c->chip_attr, t->value, cue);
			}
			continue;
		}
		d = chip_device(c, i);
		if (d) {
			size_t di = index_of(c, d);

			/* "Y will be unveiled on ..., before the X launches" */
			if (c->announced[i - c->lo] && !nearest(c, i, cw, 0))
				continue;
			if (blocked(c, d) ||
			    negation_between(c, di < i ? di : i,
					     di < i ? i : di))
				continue;
			expand(c, d, &sub);
		} else {
			k = nearest(c, i, cw, -1);
			if (!k)
				k = nearest(c, i, ow, -1);
			if (!k) {
				k = nearest(c, i, cw, 1);
				if (k && !nearest(c, index_of(c, k), dw, 1))
					k = NULL;
			}
			if (k && negated(c, index_of(c, k)))
				continue;
			if (k) {
				main_subject(c, &sub);
			} else {
				/* A part list is its paragraph's, or its
				   heading's. */
				d = c->para_dev ? c->para_dev : c->head_dev;
				if (!d || !spec_listing(c, t))
					continue;
				expand(c, d, &sub);
			}
		}
		add_claims(c, &sub, c->chip_attr, t->value, cue);
	}
}

/* The token kind a claim value is read from; -1 for dates and chips. */
static int
value_token(enum claim_value v)
{
	switch (v) {
	case CLAIM_VALUE_OS: return LEX_OS;
	case CLAIM_VALUE_CAMERA: return LEX_CAMERA;
	case CLAIM_VALUE_TEXT: return LEX_ATTR;
	default: return -1;
	}
}

/*
 * Claims of a value and a cue word of the claim's kind in the sentence,
 * for the schema's attributes read from OS, camera and `attr` tokens
 * (an attr token names its attribute; its pattern holds its context).
 */
static void
simple_claims(struct ctx *c, const char *cue)
{
	struct subjects sub;

	if (c->chip_attr)
		chip_claims(c, cue);
	for (size_t k = 0; k < c->claims->n; k++) {
		const struct claim_kind *ck = &c->claims->kinds[k];
		int kind = value_token(ck->value);
		int cuek = ck->cue[0] ? lexicon_cue_kind(ck->cue) : -1;
		struct want w = { LEX_CUE, cuek };

		if (kind < 0 || ck->subject != CLAIM_OF_DEVICE)
			continue;
		for (size_t i = c->lo; i < c->hi; i++) {
			const struct lex_token *t = &c->t[i], *cw;

			if ((int)t->kind != kind ||
			    (kind == LEX_ATTR && strcmp(t->arg, ck->name) != 0))
				continue;
			cw = cuek >= 0 ? nearest(c, i, w, 0) : t;
			if (!cw || negated(c, index_of(c, cw)))
				continue;
			attach(c, i, &sub);
			add_claims(c, &sub, ck->name, t->value, cue);
		}
	}
}

/* The word before byte AT (letters only); its length, 0 when none. */
static size_t
word_before(const struct ctx *c, size_t at, const char **w)
{
	size_t e = at, b;

	while (e > 0 && (c->text[e - 1] == ' ' || c->text[e - 1] == '\t'))
		e--;
	for (b = e; b > 0 && ascii_isalpha((unsigned char)c->text[b - 1]);)
		b--;
	*w = c->text + b;
	return e - b;
}

static int
word_is(const char *w, size_t n, const char *s)
{
	return strlen(s) == n && ascii_ncasecmp(w, s, n) == 0;
}

/* An OS named as what a phone has ("with One UI 7"), not as a subject. */
static int
os_attribute(const struct ctx *c, const struct lex_token *t)
{
	const char *w;
	size_t n = word_before(c, t->start, &w);

	return word_is(w, n, "with") || word_is(w, n, "running") ||
	       word_is(w, n, "on") || word_is(w, n, "runs");
}

/*
 * A past participle after "be" ("will be launched", "to be unveiled"),
 * an adverb between ("be officially announced") allowed.
 */
static int
after_be(const struct ctx *c, const struct lex_token *t)
{
	const char *w;
	size_t n = word_before(c, t->start, &w);

	if (n > 2 && w[n - 2] == 'l' && w[n - 1] == 'y')
		n = word_before(c, (size_t)(w - c->text), &w);
	return word_is(w, n, "be") || word_is(w, n, "being");
}

/*
 * Whether the launch at cue token CUE is told in the past tense: a past
 * launch verb ("launched", "went on sale", not "will be launched"), else
 * the tense marker (`past`, `future` cues, past launch verbs) nearest to
 * the cue in the sentence.  Present and future read forward.
 */
static int
told_past(const struct ctx *c, size_t cue)
{
	const struct lex_token *lc = &c->t[cue], *best = NULL;
	int past = 0;

	if (is_cue(lc, CUE_LAUNCHED))
		return !after_be(c, lc);
	for (size_t i = c->lo; i < c->hi; i++) {
		const struct lex_token *t = &c->t[i];
		int p;

		if (is_cue(t, CUE_PAST))
			p = 1;
		else if (is_cue(t, CUE_FUTURE))
			p = 0;
		else if (is_cue(t, CUE_LAUNCHED))
			p = !after_be(c, t);
		else
			continue;
		if (!best || gap(t, lc) < gap(best, lc)) {
			best = t;
			past = p;
		}
	}
	return past;
}

enum subject_kind { SUBJ_NONE, SUBJ_DEVICES, SUBJ_CHIP };

/* A relative pronoun between tokens A and B (A first). */
static int
relative_between(const struct ctx *c, size_t a, size_t b)
{
	for (size_t i = a + 1; i < b; i++)
		if (is_cue(&c->t[i], CUE_RELATIVE))
			return 1;
	return 0;
}

/* No device and no "phone" before token AT in the sentence. */
static int
leads_sentence(const struct ctx *c, size_t at)
{
	for (size_t i = c->lo; i < at; i++)
		if (c->t[i].kind == LEX_DEVICE || is_cue(&c->t[i], CUE_DEVICE))
			return 0;
	return 1;
}

/*
 * Whether a sentence naming no device launches the one the paragraph or
 * article is about: its words before the cue at token CUE say so with a
 * pronoun or a "phone" word ("It will debut ...", "The handset arrives
 * ..."), or name nothing else (no capitalised word but the lexicon's,
 * markets, makers, OSes, months, and a first word that only starts the
 * sentence: "While the initial
 * release is expected in China, a global launch is likely to follow
 * in ..."); "Wi-Fi 6 has hit the market this year" or "the AirPods
 * first launched in 2016" do not.
 */
/*
 * Whether a sentence's first word W[0..N) names something: it holds a
 * digit or a hyphen ("Wi-Fi", "5G"), or the next word goes on a name
 * ("Wi-Fi 7", "Google Play"); else it is capitalised only because it
 * starts the sentence ("Instead", "The").
 */
static int
first_word_names(const char *w, size_t n, const char *end)
{
	const char *p = w + n;

	for (size_t i = 0; i < n; i++)
		if (ascii_isdigit((unsigned char)w[i]) || w[i] == '-')
			return 1;
	if (p < end && *p == ' ')
		p++;
	return p < end && ((*p >= 'A' && *p <= 'Z') ||
			   ascii_isdigit((unsigned char)*p));
}

/* Whether a lexicon token of the sentence before CUE covers offset AT. */
static int
covered(const struct ctx *c, size_t cue, size_t at)
{
	for (size_t i = c->lo; i < cue; i++)
		if (c->t[i].start <= at && at < c->t[i].end)
			return 1;
	return 0;
}

static int
implicit_subject(const struct ctx *c, size_t cue)
{
	static const char *const pronouns[] = { "it", "its", "they", "their",
						"itself", "it's", "it’s" };
	const char *p = c->text + c->s[c->cur].start;
	const char *e = c->text + c->t[cue].start;
	int first = 1, named = 0;

	for (size_t i = c->lo; i < cue; i++)
		if (is_cue(&c->t[i], CUE_DEVICE))
			return 1;
	while (p < e) {
		const char *w;
		size_t n;

		while (p < e && !ascii_isalpha((unsigned char)*p))
			p++;
		w = p;
		while (p < e && !ascii_isspace((unsigned char)*p) &&
		       *p != ',' && *p != ';' && *p != ':')
			p++;
		n = (size_t)(p - w);
		if (!n)
			break;
		for (size_t k = 0; k < sizeof(pronouns) / sizeof(*pronouns);
		     k++)
			if (strlen(pronouns[k]) == n &&
			    ascii_ncasecmp(w, pronouns[k], n) == 0)
				return 1;
		if (w[0] >= 'A' && w[0] <= 'Z' &&
		    !covered(c, cue, (size_t)(w - c->text)) &&
		    (!first || first_word_names(w, n, e)))
			named = 1;
		first = 0;
	}
	return !named;
}

/*
 * Whose launch the cue at token CUE announces: the device or maker
 * before it; a chip when the sentence is about the chip ("The Snapdragon
 * 8 Gen 4 arrives...") or the cue is in a relative clause about it ("the
 * Snapdragon 8 Gen 3, which Qualcomm will unveil on...").
 */
static enum subject_kind
launch_subject(const struct ctx *c, size_t cue, struct subjects *out,
	       const struct lex_token **chip)
{
	struct want dev = { LEX_DEVICE, 0 }, chp = { LEX_CHIP, 0 };
	const struct lex_token *prev = NULL, *before, *after, *ch;

	out->n = 0;
	for (size_t i = cue; i-- > c->lo && !prev;) {
		const struct lex_token *t = &c->t[i];

		if (blocked(c, t)) {
			/*
			 * The cue is about a name ruled out when nothing, or
			 * only a relative pronoun, stands between ("the X
			 * successor will arrive", "than the X, which launched
			 * in ...").
			 */
			if (t->kind == LEX_DEVICE &&
			    (!clause_break(c, t->end, c->t[cue].start) ||
			     relative_between(c, i, cue)))
				return SUBJ_NONE;
			continue;
		}
		if (t->kind == LEX_DEVICE || t->kind == LEX_CHIP ||
		    t->kind == LEX_CHIPMAKER || t->kind == LEX_BRAND ||
		    is_cue(t, CUE_DEVICE) || is_cue(t, CUE_ITEM) ||
		    (t->kind == LEX_OS && !os_attribute(c, t)))
			prev = t;
	}
	/*
	 * "One UI 7 rolls out to the X", "the beta arrives for the X": the
	 * launch is the update's (in the same clause as the cue).
	 */
	if (prev && (prev->kind == LEX_OS || prev->kind == LEX_CUE) &&
	    !is_cue(prev, CUE_DEVICE)) {
		/* ... or in a relative clause about it ("iOS 7.1.2, which
		   was released on ..."). */
		if (!clause_break(c, prev->end, c->t[cue].start) ||
		    relative_between(c, index_of(c, prev), cue))
			return SUBJ_NONE;
		prev = NULL;
	}
	before = nearest(c, cue, dev, -1);
	after = nearest(c, cue, dev, 1);
	if (prev && (prev->kind == LEX_CHIP || prev->kind == LEX_CHIPMAKER)) {
		ch = nearest(c, cue, chp, -1);
		if (!ch)
			ch = nearest(c, cue, chp, 1);
		if (ch && (leads_sentence(c, index_of(c, ch)) ||
			   (before && ch > before &&
			    relative_between(c, index_of(c, ch), cue)))) {
			*chip = ch;
			return SUBJ_CHIP;
		}
		if (!ch && !before)
			return SUBJ_NONE; /* a chip maker's own news */
	}
	if (prev && prev->kind == LEX_BRAND) {
		/*
		 * "Samsung released the Exynos 4 Quad, which powers the X"
		 * (but "launched the Y in its X" launches the X).
		 */
		ch = nearest(c, cue, chp, 1);
		if (ch && !blocked(c, ch) &&
		    (!after || (ch < after &&
				(clause_break(c, ch->end, after->start) ||
				 relative_between(c, index_of(c, ch),
						  index_of(c, after)))))) {
			*chip = ch;
			return SUBJ_CHIP;
		}
		if (after && strcmp(after->arg, prev->arg) == 0)
			expand(c, after, out);
		else if (c->main_brand &&
			 strcmp(prev->arg, c->main_brand) == 0)
			main_subject(c, out);
		return out->n ? SUBJ_DEVICES : SUBJ_NONE;
	}
	if (before)
		expand(c, before, out);
	else if (after)
		expand(c, after, out);
	else if (implicit_subject(c, cue))
		main_subject(c, out);
	return out->n ? SUBJ_DEVICES : SUBJ_NONE;
}

#define RUMORS_REGIONS_MAX 4

/* "in (the) X": a market after a preposition belongs to a cue before. */
static int
after_preposition(const struct ctx *c, const struct lex_token *t)
{
	static const char *const preps[] = { "in", "for", "to", "across",
					     "throughout" };
	size_t e = t->start, b;

	while (e > 0 && c->text[e - 1] == ' ')
		e--;
	if (e >= 4 && memcmp(c->text + e - 4, " the", 4) == 0)
		for (e -= 4; e > 0 && c->text[e - 1] == ' ';)
			e--;
	for (b = e; b > 0 && ascii_isalpha((unsigned char)c->text[b - 1]);)
		b--;
	for (size_t i = 0; i < sizeof(preps) / sizeof(preps[0]); i++)
		if (strlen(preps[i]) == e - b &&
		    ascii_ncasecmp(c->text + b, preps[i], e - b) == 0)
			return 1;
	return 0;
}

/*
 * The launch cue a list of markets FIRST..LAST belongs to: the nearest
 * one, or after a preposition the nearest one before it.
 */
static const struct lex_token *
nearest_cue_to_span(const struct ctx *c, const struct lex_token *first,
		    const struct lex_token *last)
{
	const struct lex_token *best = NULL;
	size_t bgap = 0;
	int before_only = after_preposition(c, first);

	for (size_t i = c->lo; i < c->hi; i++) {
		const struct lex_token *t = &c->t[i];
		size_t g;

		if (!is_launch(t) ||
		    (before_only && t->end > first->start && best))
			continue;
		g = t->end <= first->start ? first->start - t->end
		    : t->start >= last->end ? t->start - last->end
					    : 0;
		if (!best || g < bgap) {
			best = t;
			bgap = g;
		}
	}
	return best;
}

/*
 * The markets named for the launch cue CUE: each list of regions ("in
 * Europe and India") goes to the launch cue nearest to it.  Returns how
 * many.
 */
static size_t
regions_of(const struct ctx *c, size_t cue,
	   const char *out[RUMORS_REGIONS_MAX])
{
	size_t n = 0;

	for (size_t i = c->lo; i < c->hi; i++) {
		const struct lex_token *first = &c->t[i], *last = first;

		if (first->kind != LEX_REGION)
			continue;
		while (last + 1 < c->t + c->hi && last[1].kind == LEX_REGION &&
		       joined(c, last, &last[1]))
			last++;
		i = index_of(c, last);
		if (nearest_cue_to_span(c, first, last) != &c->t[cue])
			continue;
		for (const struct lex_token *r = first; r <= last; r++) {
			int dup = 0;

			for (size_t k = 0; k < n; k++)
				dup |= strcmp(out[k], r->arg) == 0;
			if (!dup && n < RUMORS_REGIONS_MAX)
				out[n++] = r->arg;
		}
	}
	return n;
}

/*
 * A shopping holiday, an event not held by BRAND, or a word that makes
 * a date no launch (a deal: "$100 off until Sunday"; a comparison: "was
 * succeeded by the Y in 2022"; an update; a delay) nearer the date at
 * token DATE than REACH.
 */
static int
held_by_event(const struct ctx *c, size_t date, size_t reach,
	      const char *brand)
{
	for (size_t i = c->lo; i < c->hi; i++) {
		const struct lex_token *t = &c->t[i];
		int other = t->kind == LEX_EVENT && strcmp(t->arg, "-") != 0 &&
			    (!brand || strcmp(t->arg, brand) != 0);

		int word = is_cue(t, CUE_NOLAUNCH) || is_cue(t, CUE_OTHER) ||
			   is_cue(t, CUE_ITEM) || is_cue(t, CUE_CANCEL);

		if ((t->kind == LEX_HOLIDAY || word || other) &&
		    gap(t, &c->t[date]) < reach)
			return 1;
	}
	return 0;
}

static void
pend(struct ctx *c, const struct subjects *sub, const char *date,
     const char *const *regions, size_t nregions, int first)
{
	for (size_t i = 0; i < sub->n; i++) {
		for (size_t r = 0; r < (nregions ? nregions : 1); r++) {
			struct pending *p;

			if (c->npend >= RUMORS_PENDING_MAX)
				return;
			p = &c->pend[c->npend++];
			p->subject = sub->name[i];
			snprintf(p->date, sizeof(p->date), "%s", date);
			p->region = nregions ? regions[r] : NULL;
			p->sentence = c->cur;
			p->first = first;
		}
	}
}

static const char *
subject_brand(const struct ctx *c, const struct subjects *sub,
	      const struct lex_token *chip)
{
	const struct entity *e;

	if (chip)
		return chip->arg;
	e = sub->n ? rumor_set_find_device(c->rs, sub->name[0]) : NULL;
	return e ? e->brand : NULL;
}

static void
dated_launch(struct ctx *c, size_t at, const char *cue, unsigned char *dated)
{
	struct want lw = { LEX_CUE, CUE_LAUNCH };
	const struct lex_token *t = &c->t[at], *lc, *chip = NULL;
	const char *regions[RUMORS_REGIONS_MAX];
	enum subject_kind kind;
	struct subjects sub;
	struct ymd d;
	char ds[DATE_STR_MAX];
	size_t ci;

	lc = nearest(c, at, lw, 0);
	if (!lc || gap(lc, t) > RUMORS_CUE_REACH)
		return;
	ci = index_of(c, lc);
	dated[ci - c->lo] = 1;
	if (c->cancelled || negated(c, ci) ||
	    dates_resolve_tense(&t->date, told_past(c, ci), c->published,
				&d))
		return;
	kind = launch_subject(c, ci, &sub, &chip);
	if (kind == SUBJ_NONE ||
	    held_by_event(c, at, gap(lc, t), subject_brand(c, &sub, chip)))
		return;
	date_format(&d, ds);
	if (kind == SUBJ_CHIP) {
		if (c->announce_attr)
			claim(c, chip->value, c->announce_attr, ds, NULL,
			      cue);
		c->announced[index_of(c, chip) - c->lo] = 1;
	}
	else
		pend(c, &sub, ds, regions, regions_of(c, ci, regions), 0);
}

static void
launch_claims(struct ctx *c, const char *cue, unsigned char *dated)
{
	struct want fw = { LEX_CUE, CUE_FIRST };

	for (size_t i = c->lo; i < c->hi; i++)
		if (c->t[i].kind == LEX_DATE)
			dated_launch(c, i, cue, dated);
	/* "The initial release is expected in China": where it comes first. */
	for (size_t i = c->lo; i < c->hi; i++) {
		const char *regions[RUMORS_REGIONS_MAX];
		const struct lex_token *f, *chip = NULL;
		struct subjects sub;
		size_t nr;

		if (!is_launch(&c->t[i]) || dated[i - c->lo] ||
		    c->cancelled || negated(c, i))
			continue;
		f = nearest(c, i, fw, 0);
		nr = regions_of(c, i, regions);
		if (!f || !nr || gap(f, &c->t[i]) > RUMORS_FIRST_REACH)
			continue;
		if (launch_subject(c, i, &sub, &chip) == SUBJ_DEVICES)
			pend(c, &sub, "", regions, 1, 1);
	}
}

static int
same_region(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/*
 * P says nothing Q does not about the same device's launch: the same
 * date without a market where Q has one (a headline before the text
 * that names the market), or, in the same sentence, a coarser date that
 * Q falls in ("this year should be no different: ... in September").
 */
static int
subsumed(const struct pending *p, const struct pending *q)
{
	size_t n = strlen(p->date);

	if (p == q || q->first || strcmp(p->subject, q->subject) != 0)
		return 0;
	if (!p->region && q->region && strcmp(p->date, q->date) == 0)
		return 1;
	return p->sentence == q->sentence &&
	       (!p->region || same_region(p->region, q->region)) &&
	       strncmp(q->date, p->date, n) == 0 && q->date[n] == '-';
}

/*
 * Launches with no market get the one the article says comes first;
 * then each launch another one says more precisely is left out.
 */
static void
flush_launches(struct ctx *c, const struct sentence *s)
{
	if (!c->launch_attr)
		return; /* the schema declares no launches */
	for (size_t i = 0; i < c->npend; i++) {
		struct pending *p = &c->pend[i];

		if (p->first)
			continue;
		for (size_t j = 0; j < c->npend && !p->region; j++)
			if (c->pend[j].first &&
			    strcmp(c->pend[j].subject, p->subject) == 0)
				p->region = c->pend[j].region;
	}
	/* The text's sentences first: the fuller cue for a claim the
	   title makes too. */
	for (int title = 0; title < 2; title++) {
		for (size_t i = 0; i < c->npend; i++) {
			const struct pending *p = &c->pend[i];
			size_t j = 0;
			char *cue;

			if (p->first ||
			    (s[p->sentence].start < c->title_len) != title)
				continue;
			while (j < c->npend && !subsumed(p, &c->pend[j]))
				j++;
			if (j < c->npend)
				continue;
			cue = xstrndup(c->text + s[p->sentence].start,
				       s[p->sentence].end -
					       s[p->sentence].start);
			rumor_set_add_claim(c->rs, p->subject,
					    c->launch_attr, p->date,
					    p->region, cue);
			free(cue);
		}
	}
}

/* Devices and chipsets named, and the main device by weighted count. */
static void
entities(struct ctx *c, size_t title_end)
{
	unsigned *weight = xcalloc(c->nt + 1, sizeof(*weight));
	unsigned best = RUMORS_MAIN_MIN_WEIGHT - 1;

	for (size_t i = 0; i < c->nt; i++) {
		const struct lex_token *t = &c->t[i];
		const struct entity *e;

		if (t->kind == LEX_CHIP)
			rumor_set_add_chipset(c->rs, t->value, t->arg);
		if (t->kind != LEX_DEVICE)
			continue;
		rumor_set_add_device(c->rs, t->value, t->arg);
		rumor_set_device_type(c->rs, t->value, t->dtype);
		e = rumor_set_find_device(c->rs, t->value);
		weight[e - c->rs->devices] +=
			t->start < title_end ? RUMORS_TITLE_WEIGHT : 1;
	}
	for (size_t i = 0; i < c->rs->ndevices; i++) {
		if (weight[i] > best) {
			best = weight[i];
			c->main_dev = c->rs->devices[i].name;
			c->main_brand = c->rs->devices[i].brand;
		}
	}
	free(weight);
}

/* The schema's first attribute of VALUE about SUBJECT, or NULL. */
static const char *
schema_attr(const struct claim_schema *cs, enum claim_value value,
	    enum claim_subject subject)
{
	for (size_t i = 0; i < cs->n; i++)
		if (cs->kinds[i].value == value &&
		    cs->kinds[i].subject == subject)
			return cs->kinds[i].name;
	return NULL;
}

int
rumors_extract(const struct lexicon *lx, const char *title, const char *text,
	       size_t len, const struct ymd *published, struct rumor_set *out)
{
	struct ctx *c = xcalloc(1, sizeof(*c));

	c->claims = lexicon_claims(lx);
	c->chip_attr = schema_attr(c->claims, CLAIM_VALUE_CHIP,
				   CLAIM_OF_DEVICE);
	c->launch_attr = schema_attr(c->claims, CLAIM_VALUE_DATE,
				     CLAIM_OF_DEVICE);
	c->announce_attr = schema_attr(c->claims, CLAIM_VALUE_DATE,
				       CLAIM_OF_CHIPSET);
	struct lex_token *toks = NULL;
	struct sentence *sents = NULL;
	unsigned char *dated = NULL;
	size_t tlen = title ? strlen(title) : 0, all, ns = 0, maxt, maxs;
	char *work = NULL;
	int rc = 0;

	/* One buffer, the title a paragraph of its own, so offsets agree. */
	if (tlen > RUMORS_TEXT_MAX)
		tlen = RUMORS_TEXT_MAX;
	if (len > RUMORS_TEXT_MAX - tlen) {
		len = RUMORS_TEXT_MAX - tlen;
		rc = RM_ELIMIT;
	}
	all = tlen + 2 + len;
	work = xmalloc(all + 1);
	memcpy(work, title ? title : "", tlen);
	memcpy(work + tlen, "\n\n", 2);
	memcpy(work + tlen + 2, text, len);
	work[all] = '\0';

	maxt = all / 2 + 16 < RUMORS_TOKENS_MAX ? all / 2 + 16
						: RUMORS_TOKENS_MAX;
	maxs = all / 2 + 16 < RUMORS_SENTENCES_MAX ? all / 2 + 16
						   : RUMORS_SENTENCES_MAX;
	toks = xmalloc(maxt * sizeof(*toks));
	sents = xmalloc(maxs * sizeof(*sents));
	if (lexicon_scan(lx, work, all, toks, maxt, &c->nt))
		rc = RM_ELIMIT;
	if (sentences_split(work, all, sents, maxs, &ns))
		rc = RM_ELIMIT;
	c->text = work;
	c->t = toks;
	c->s = sents;
	c->rs = out;
	c->published = published;
	entities(c, tlen);
	c->title_len = tlen;
	c->claims_base = c->title_claims = out->nclaims;
	dated = xmalloc(c->nt + 1);
	c->blk = xmalloc(c->nt + 1);
	c->announced = xmalloc(c->nt + 1);

	/* Tokens and sentences both run left to right. */
	for (size_t si = 0, ti = 0, para_start = 0; si < ns; si++) {
		char *cue;

		while (ti < c->nt && c->t[ti].start < sents[si].start)
			ti++;
		c->lo = ti;
		while (ti < c->nt && c->t[ti].start < sents[si].end)
			ti++;
		c->hi = ti;
		if (si && sents[si].paragraph != sents[si - 1].paragraph) {
			/* A short paragraph is a heading, or a line of the
			   list under one. */
			if (sents[si - 1].end - para_start > RUMORS_HEADING_MAX)
				c->head_dev = NULL;
			else if (c->para_dev)
				c->head_dev = c->para_dev;
			c->para_dev = NULL;
			para_start = sents[si].start;
		}
		if (c->lo == c->hi)
			continue;
		c->cur = si;
		c->in_title = sents[si].start < tlen;
		cue = xstrndup(work + sents[si].start,
			       sents[si].end - sents[si].start);
		memset(dated, 0, c->hi - c->lo);
		memset(c->announced, 0, c->hi - c->lo);
		mark_blocked(c);
		launch_claims(c, cue, dated);
		simple_claims(c, cue);
		if (c->in_title)
			c->title_claims = out->nclaims;
		free(cue);
		/* The sentence's first device is its subject: "It..." next. */
		for (size_t i = c->lo; i < c->hi; i++)
			if (c->t[i].kind == LEX_DEVICE && !c->blk[i - c->lo]) {
				c->para_dev = &c->t[i];
				break;
			}
	}
	flush_launches(c, sents);
	/* How sure each claim's own sentence sounds. */
	for (size_t i = 0; i < out->nclaims; i++)
		out->claims[i].certainty = lexicon_certainty(
			lx, out->claims[i].cue, strlen(out->claims[i].cue));
	free(dated);
	free(c->blk);
	free(c->announced);
	free(work);
	free(toks);
	free(sents);
	free(c);
	return rc;
}
