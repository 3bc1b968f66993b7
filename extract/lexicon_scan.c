/*
 * Scanning text with a built lexicon: one pass over the word starts, the
 * device grammar and the byte-dispatched alternations tried at each.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ascii.h"
#include "common/errors.h"
#include "extract/lexicon_impl.h"

static const uint32_t SUBST_OPTS =
	PCRE2_SUBSTITUTE_EXTENDED | PCRE2_SUBSTITUTE_MATCHED |
	PCRE2_SUBSTITUTE_REPLACEMENT_ONLY | PCRE2_SUBSTITUTE_UNSET_EMPTY;

struct scan {
	const struct lexicon *lx;
	const char *text;
	size_t len;
	pcre2_match_data *md;
};

/* 1 on a match (ovector in md), 0 on none, RM_ELIMIT past a budget. */
static int
match_at(struct scan *sc, const pcre2_code *re, size_t pos)
{
	int rc;

	if (!re)
		return 0;
	rc = pcre2_match(re, (PCRE2_SPTR)sc->text, sc->len, pos, 0, sc->md,
			 sc->lx->mctx);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	return rc < 0 ? RM_ELIMIT : 1;
}

static const struct rule *
marked_rule(const struct scan *sc)
{
	PCRE2_SPTR mark = pcre2_get_mark(sc->md);
	unsigned long long i;

	if (!mark || parse_uint((const char *)mark, SIZE_MAX, &i) ||
	    i >= sc->lx->nrules)
		return NULL;
	return &sc->lx->rules[i];
}

/* Collapse white space runs so "Galaxy\nS24" reads "Galaxy S24". */
static void
squeeze(char *s)
{
	char *w = s;
	int space = 1;

	for (char *r = s; *r; r++) {
		if (ascii_isspace((unsigned char)*r)) {
			if (!space)
				*w++ = ' ';
			space = 1;
		} else {
			*w++ = *r;
			space = 0;
		}
	}
	if (w > s && w[-1] == ' ')
		w--;
	*w = '\0';
}

/* VALUE from R's template over the match of R at START: 1, or 0. */
static int
canonical(struct scan *sc, const struct rule *r, size_t start,
	  struct lex_token *t)
{
	PCRE2_SIZE outlen = sizeof(t->value);
	int rc;

	rc = pcre2_substitute(r->re, (PCRE2_SPTR)sc->text, sc->len, start,
			      SUBST_OPTS, sc->md, sc->lx->mctx,
			      (PCRE2_SPTR)r->tmpl, PCRE2_ZERO_TERMINATED,
			      (PCRE2_UCHAR *)t->value, &outlen);
	if (rc < 0)
		return 0;
	squeeze(t->value);
	return t->value[0] != '\0';
}

static int
append_suffix(struct lex_token *t, const char *canon)
{
	size_t n = strlen(t->value);
	int w;

	if (strcmp(canon, "-") == 0)
		return 0; /* recognised, not part of the name */
	w = snprintf(t->value + n, sizeof(t->value) - n, "%s%s",
		     canon[0] == '+' ? "" : " ", canon);
	return w < 0 || (size_t)w >= sizeof(t->value) - n ? -1 : 0;
}

/*
 * A device: its core by template, then suffix words ("Pro Max"), then a
 * series word.  Returns 1 to keep, 0 to drop, RM_ELIMIT.  *END moves past
 * what was consumed.
 */
static int
device_token(struct scan *sc, size_t *end, struct lex_token *t)
{
	const struct lexicon *lx = sc->lx;
	size_t pos = *end;
	int rc = 0;

	for (int i = 0; i < LEX_SUFFIX_ROUNDS; i++) {
		const struct rule *r;

		rc = match_at(sc, lx->suffix, pos);
		if (rc <= 0)
			break;
		r = marked_rule(sc);
		if (!r)
			return 0;
		if (strcmp(r->tmpl, "=") == 0) {
			/* As written: "(2022)". */
			const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sc->md);
			size_t s = ov[0], e = ov[1];
			char word[LEX_VALUE_MAX];

			while (s < e && (sc->text[s] == ' ' || sc->text[s] == '\t' ||
					 sc->text[s] == '-'))
				s++;
			snprintf(word, sizeof(word), "%.*s", (int)(e - s),
				 sc->text + s);
			if (append_suffix(t, word))
				return 0;
		} else if (append_suffix(t, r->tmpl)) {
			return 0;
		}
		pos = pcre2_get_ovector_pointer(sc->md)[1];
	}
	if (rc < 0)
		return rc;
	rc = match_at(sc, lx->notafter, pos);
	if (rc != 0) {
		*end = pos;
		return rc < 0 ? rc : 0;
	}
	rc = match_at(sc, lx->series, pos);
	if (rc < 0)
		return rc;
	if (rc) {
		t->series = 1;
		pos = pcre2_get_ovector_pointer(sc->md)[1];
	}
	*end = pos;
	return 1;
}

/* A captured group as number or month name; 0 when absent or unknown. */
static int
group_number(struct scan *sc, const char *s, size_t n, int months)
{
	unsigned long long v = 0;
	char digits[8];

	if (n == 0)
		return 0;
	if (n < sizeof(digits) && ascii_isdigit((unsigned char)s[0])) {
		memcpy(digits, s, n);
		digits[n] = '\0';
		return parse_uint(digits, 9999, &v) ? 0 : (int)v;
	}
	if (!months)
		return 0;
	for (size_t i = 0; i < sc->lx->nrules; i++) {
		const struct rule *r = &sc->lx->rules[i];

		if (r->kw->kind == R_MONTH &&
		    pcre2_match(r->re, (PCRE2_SPTR)s, n, 0, 0, sc->md,
				sc->lx->mctx) >= 0)
			return r->sub;
	}
	return 0;
}

static int
date_token(struct scan *sc, const struct rule *r, struct lex_token *t)
{
	const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sc->md);
	int groups[3] = { r->gy, r->gm, r->gd };
	size_t gs[3] = { 0 }, gl[3] = { 0 };

	/* Copy the spans first: month lookup reuses the match data. */
	for (int i = 0; i < 3; i++) {
		if (!groups[i] || ov[2 * groups[i]] == PCRE2_UNSET)
			continue;
		gs[i] = ov[2 * groups[i]];
		gl[i] = ov[2 * groups[i] + 1] - gs[i];
	}
	t->date = r->date;
	if (gl[0] && dates_parse_year(sc->text + gs[0], gl[0], &t->date.year))
		return 0;
	t->date.month = group_number(sc, sc->text + gs[1], gl[1], 1);
	t->date.day = group_number(sc, sc->text + gs[2], gl[2], 0);
	if ((gl[1] && (t->date.month < 1 || t->date.month > 12)) ||
	    (gl[2] && (t->date.day < 1 || t->date.day > 31)))
		return 0;
	return 1;
}

/* Fill T for a scanner hit of R at [START, *END).  1 keep, 0 drop. */
static int
fill_token(struct scan *sc, const struct rule *r, size_t start, size_t *end,
	   struct lex_token *t)
{
	int rc;

	memset(t, 0, sizeof(*t));
	t->kind = r->kw->lex;
	t->sub = r->sub;
	t->arg = r->arg;
	t->start = start;
	if (r->kw->kind == R_IGNORE)
		return 0;
	if (r->re) {
		rc = match_at(sc, r->re, start);
		if (rc <= 0)
			return rc;
		*end = pcre2_get_ovector_pointer(sc->md)[1];
		if (r->kw->kind == R_DATE)
			rc = date_token(sc, r, t);
		else
			rc = canonical(sc, r, start, t);
		if (rc == 1 && r->kw->kind == R_DEVICE)
			rc = device_token(sc, end, t);
		if (rc <= 0)
			return rc;
	}
	t->end = *end;
	return 1;
}

/* Whether a quantity word ("million", "inch") starts at POS. */
static int
quantity_at(void *arg, size_t pos)
{
	struct scan *sc = arg;

	return match_at(sc, sc->lx->notafter, pos) == 1;
}

/*
 * A device name by the grammar at START (devname.c): its suffix words
 * and series word, then the catalogue's spelling.  1 keep, 0 drop, or
 * RM_ELIMIT; *END past what was read.
 */
static int
device_name(struct scan *sc, const struct devname_hit *hit, size_t start,
	    size_t *end, struct lex_token *t)
{
	int rc;

	memset(t, 0, sizeof(*t));
	t->start = start;
	t->arg = hit->brand;
	*end = hit->end;
	if (hit->maker_only) {
		t->kind = LEX_BRAND;
		t->end = *end;
		return 1;
	}
	t->kind = LEX_DEVICE;
	t->dtype = hit->type;
	snprintf(t->value, sizeof(t->value), "%s", hit->value);
	rc = device_token(sc, end, t);
	if (rc == 1)
		devname_canonical(sc->lx->names, t->value, sizeof(t->value),
				  &t->dtype);
	t->end = *end;
	return rc;
}

/* Kinds that come before a device name at the same word. */
static int
before_devices(const struct rule *r)
{
	return r && r->kw->kind < R_DEVICE;
}

/*
 * Only list words between A and B: ", ", "and", "or", "/", "&" (and
 * their German, Spanish, French and Italian forms).
 */
static int
list_gap(const char *text, size_t a, size_t b)
{
	static const char *const joiners[] = { "and", "or", "und", "oder",
					       "y", "o", "et", "ou", "e",
					       "vs", "versus" };
	int words = 0;

	if (b <= a || b - a > 12)
		return 0;
	while (a < b) {
		size_t k;

		if (strchr(" ,/&\t", text[a])) {
			a++;
			continue;
		}
		for (k = 0; k < sizeof(joiners) / sizeof(*joiners); k++) {
			size_t n = strlen(joiners[k]);

			if (b - a >= n && memcmp(text + a, joiners[k], n) == 0 &&
			    (a + n == b || !ascii_isalnum((unsigned char)text[a + n])))
				break;
		}
		if (k == sizeof(joiners) / sizeof(*joiners) || words++)
			return 0;
		a += strlen(joiners[k]);
	}
	return 1;
}

/* A word's shape: letters before its digits, digits, letters after. */
struct shape {
	size_t lead, digits, tail;
};

static int
shape_of(const char *s, size_t n, struct shape *sh)
{
	size_t i = 0;

	sh->lead = sh->digits = sh->tail = 0;
	while (i < n && ascii_isalpha((unsigned char)s[i]))
		sh->lead++, i++;
	while (i < n && ascii_isdigit((unsigned char)s[i]))
		sh->digits++, i++;
	while (i < n && ascii_isalpha((unsigned char)s[i]))
		sh->tail++, i++;
	return i == n && sh->digits > 0;
}

/*
 * Another chip of PREV's family in a list: "Snapdragon 805, 810 and
 * 615", "Tensor G2, G3 and G4", "Exynos 4210 and 4212".  The word at
 * POS must have the shape of the last word of PREV's name (the same
 * letters before as many digits), and count nothing ("888 and 5
 * others").  1 and T filled, or 0.
 */
static int
chip_continues(struct scan *sc, const struct lex_token *prev, size_t pos,
	       size_t *end, struct lex_token *t)
{
	const char *last = strrchr(prev->value, ' '), *arg;
	char value[LEX_VALUE_MAX];
	size_t we = pos, ll;
	struct shape a, b;

	while (we < sc->len && ascii_isalnum((unsigned char)sc->text[we]))
		we++;
	if (!last || we == pos)
		return 0;
	last++;
	ll = strlen(last);
	while (ll && last[ll - 1] == '+')
		ll--;
	if (!shape_of(last, ll, &a) || !shape_of(sc->text + pos, we - pos, &b) ||
	    a.lead != b.lead || a.digits != b.digits || a.tail != b.tail ||
	    ascii_ncasecmp(last, sc->text + pos, a.lead) != 0 ||
	    quantity_at(sc, we + (we < sc->len && sc->text[we] == ' ')))
		return 0;
	while (we < sc->len && sc->text[we] == '+')
		we++;
	snprintf(value, sizeof(value), "%.*s%.*s", (int)(last - prev->value),
		 prev->value, (int)(we - pos), sc->text + pos);
	arg = prev->arg;
	memset(t, 0, sizeof(*t));
	t->kind = LEX_CHIP;
	t->arg = arg;
	t->start = pos;
	t->end = we;
	memcpy(t->value, value, sizeof(t->value));
	*end = we;
	return 1;
}

int
lexicon_scan(const struct lexicon *lx, const char *text, size_t len,
	     struct lex_token *out, size_t max, size_t *n)
{
	struct scan sc = { lx, text, len, NULL };
	const void *prev_line = NULL; /* the last device's product line */
	size_t prev_chip = SIZE_MAX;  /* the last chip's token */
	size_t pos = 0, prev_end = 0;
	int rc = 0;

	*n = 0;
	sc.md = pcre2_match_data_create(lx->max_pairs, NULL);
	if (!sc.md) {
		fprintf(stderr, "rumormill: out of memory\n");
		abort();
	}
	while (pos < len) {
		unsigned char c = (unsigned char)text[pos];
		const pcre2_code *re = lx->bucket[c];
		const struct rule *r = NULL;
		struct devname_hit hit;
		size_t end = pos;
		int m = 0, named;

		/* Names start at word starts only. */
		if (pos > 0 && ascii_isalnum((unsigned char)text[pos - 1])) {
			pos++;
			continue;
		}
		if (re && (pos + 1 >= len ||
			   has_bit(lx->next[c], (unsigned char)text[pos + 1]))) {
			m = match_at(&sc, re, pos);
			if (m < 0) {
				rc = m;
				break;
			}
			if (m) {
				end = pcre2_get_ovector_pointer(sc.md)[1];
				r = marked_rule(&sc);
			}
		}
		/*
		 * A device name, unless an event, an OS or text to ignore
		 * starts here ("Galaxy Unpacked", "iOS 17"), a maker's name
		 * alone is less than the line's match ("Apple A17"), or a
		 * `device` pattern reads as much.
		 */
		named = !before_devices(r) &&
			devname_match(lx->names, text, len, pos, quantity_at,
				      &sc, &hit) &&
			!(hit.maker_only && m && end > hit.end) &&
			!(r && r->kw->kind == R_DEVICE && end >= hit.end);
		/*
		 * "the iPhone 15 and 15 Plus": the list's line goes on, also
		 * over what reads as a chip ("POCO M5 and M6 Pro").
		 */
		if (!named && prev_line && list_gap(text, prev_end, pos) &&
		    !(r && r->kw->kind < R_CHIP && end > pos + 1))
			named = devname_continue(lx->names, prev_line, text,
						 len, pos, quantity_at, &sc,
						 &hit);
		if (!named && !m && prev_chip < *n &&
		    list_gap(text, out[prev_chip].end, pos)) {
			m = chip_continues(&sc, &out[prev_chip], pos, &end,
					   &out[*n]);
			if (m == 1) {
				prev_chip = *n;
				++*n;
				if (*n >= max) {
					rc = RM_ELIMIT;
					break;
				}
				pos = end;
				continue;
			}
		}
		if (named) {
			m = device_name(&sc, &hit, pos, &end, &out[*n]);
			if (m == 1 && !hit.maker_only) {
				prev_line = hit.line;
				prev_end = end;
			}
		} else if (m) {
			if (end <= pos)
				end = pos + 1;
			/* The line and the end are kept: the match data
			   may have been reused since. */
			m = r ? fill_token(&sc, r, pos, &end, &out[*n]) : 0;
		} else {
			pos++;
			continue;
		}
		if (m < 0) {
			rc = m;
			break;
		}
		if (m == 1 && out[*n].kind == LEX_CHIP)
			prev_chip = *n;
		if (m == 1 && ++*n >= max) {
			rc = RM_ELIMIT;
			break;
		}
		pos = end > pos ? end : pos + 1;
	}
	pcre2_match_data_free(sc.md);
	return rc;
}

double
lexicon_certainty(const struct lexicon *lx, const char *text, size_t len)
{
	struct scan sc = { lx, text, len, NULL };
	int hedge = 0, sure = 0; /* hundredths; 0: none seen */

	if (!lx->certainty)
		return 1.0;
	sc.md = pcre2_match_data_create(lx->max_pairs, NULL);
	if (!sc.md) {
		fprintf(stderr, "rumormill: out of memory\n");
		abort();
	}
	for (size_t pos = 0; pos < len;) {
		const struct rule *r;
		size_t end;

		if (!ascii_isalnum((unsigned char)text[pos]) ||
		    (pos > 0 && ascii_isalnum((unsigned char)text[pos - 1])) ||
		    match_at(&sc, lx->certainty, pos) != 1) {
			pos++;
			continue;
		}
		end = pcre2_get_ovector_pointer(sc.md)[1];
		r = marked_rule(&sc);
		if (r && r->sub < 100 && (!hedge || r->sub < hedge))
			hedge = r->sub;
		if (r && r->sub > 100 && r->sub > sure)
			sure = r->sub;
		pos = end > pos ? end : pos + 1;
	}
	pcre2_match_data_free(sc.md);
	/* A hedge outweighs certainty: "could be confirmed" is a maybe. */
	if (hedge)
		return hedge / 100.0;
	return sure ? sure / 100.0 : 1.0;
}
