#include "extract/devname.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ascii.h"
#include "common/errors.h"
#include "common/hash.h"
#include "common/xalloc.h"

#define DEVNAME_WORDS_MAX 6     /* words of one maker name or line */
#define DEVNAME_WORD_MAX 32     /* bytes of one word */
#define DEVNAME_LINES_MAX 16384
#define DEVNAME_MAKERS_MAX 1024
#define DEVNAME_KNOWN_MAX 200000 /* catalogue names, all files */
#define DEVNAME_KEY_MAX 96       /* a normalised catalogue key */
#define DEVNAME_KNOWN_WORDS 7    /* words after a maker tried in the catalogue */

struct word {
	char text[DEVNAME_WORD_MAX]; /* lower case unless EXACT */
	int exact;
};

struct maker {
	char *brand;
	struct word w[DEVNAME_WORDS_MAX];
	int nw;
};

enum shape { SHAPE_NUM, SHAPE_CODE, SHAPE_WORD, SHAPE_NONE };

struct line {
	char *brand;
	enum shape shape;
	int optional;    /* the line alone is a name too ("iPad Pro") */
	int roman;       /* a roman numeral may follow: "Xperia 1 V" */
	int needs_maker; /* only after the maker's name ("vivo Y36") */
	int tail_case;   /* letters after the digits: 1 upper, -1 lower */
	char *choices;   /* SHAPE_WORD: "X|XR|XS", as the maker writes them */
	char *tmpl;      /* '#' stands for the model */
	const char *type;
	struct word w[DEVNAME_WORDS_MAX];
	int nw;
};

/* A catalogue name; its strings point into the file's text, kept. */
struct known {
	const char *brand;
	const char *type;
	const char *name;
};

/*
 * A chained hash from a string to indexes; one key may map to several.
 * Keys live in one arena, so 100,000 catalogue names cost a few
 * allocations, not 200,000.
 */
struct map_entry {
	uint32_t key; /* offset into the arena */
	uint32_t value;
	int32_t next;
};

struct map {
	int32_t *heads;
	size_t nheads;
	struct map_entry *e;
	size_t n, cap;
	char *keys;
	size_t klen, kcap;
};

struct devname {
	struct maker *makers;
	size_t nmakers;
	struct line *lines;
	size_t nlines;
	struct known *known;
	size_t nknown;
	char **files; /* catalogue texts the known names point into */
	size_t nfiles;
	struct map maker_first; /* a maker name's first word -> maker */
	struct map line_first;  /* a line's first word -> line */
	struct map bare_lines;  /* a brand -> its lines without words */
	struct map catalogue;   /* normalised name -> known */
	uint8_t start[32];      /* bytes a name may start with */
};

static const char *const TYPE_PHONE = "phone";
static const char *const TYPE_TABLET = "tablet";
static const char *const TYPE_WATCH = "watch";

static const char *
map_key(const struct map *m, int32_t i)
{
	return m->keys + m->e[i].key;
}

static void
map_rehash(struct map *m, size_t n)
{
	free(m->heads);
	m->heads = xmalloc(n * sizeof(*m->heads));
	for (size_t i = 0; i < n; i++)
		m->heads[i] = -1;
	m->nheads = n;
	for (size_t i = 0; i < m->n; i++) {
		size_t b = hash_string(map_key(m, (int32_t)i)) & (n - 1);

		m->e[i].next = m->heads[b];
		m->heads[b] = (int32_t)i;
	}
}

/* Room for N more keys of KEYBYTES bytes in all, without regrowing. */
static void
map_reserve(struct map *m, size_t n, size_t keybytes)
{
	size_t want = m->n + n, heads = m->nheads ? m->nheads : 256;

	if (want > m->cap) {
		m->cap = want;
		m->e = xreallocarray(m->e, m->cap, sizeof(*m->e));
	}
	if (m->klen + keybytes > m->kcap) {
		m->kcap = m->klen + keybytes;
		m->keys = xrealloc(m->keys, m->kcap);
	}
	while (heads < want)
		heads *= 2;
	if (heads != m->nheads)
		map_rehash(m, heads);
}

static void
map_put(struct map *m, const char *key, uint32_t value)
{
	size_t kl = strlen(key) + 1;
	uint32_t b;

	if (m->n + 1 > m->nheads)
		map_rehash(m, m->nheads ? m->nheads * 2 : 256);
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 256;
		m->e = xreallocarray(m->e, m->cap, sizeof(*m->e));
	}
	if (m->klen + kl > m->kcap) {
		m->kcap = (m->klen + kl) * 2;
		m->keys = xrealloc(m->keys, m->kcap);
	}
	memcpy(m->keys + m->klen, key, kl);
	b = (uint32_t)(hash_string(key) & (m->nheads - 1));
	m->e[m->n].key = (uint32_t)m->klen;
	m->e[m->n].value = value;
	m->e[m->n].next = m->heads[b];
	m->heads[b] = (int32_t)m->n++;
	m->klen += kl;
}

/* Words are keyed in lower case, also those that match case exactly. */
static void
map_put_lower(struct map *m, const char *word, uint32_t value)
{
	char *key = xstrdup(word);

	ascii_lower(key);
	map_put(m, key, value);
	free(key);
}

/* The first entry for KEY, or -1; map_next gives the following ones. */
static int32_t
map_find(const struct map *m, const char *key)
{
	int32_t i;

	if (!m->nheads)
		return -1;
	i = m->heads[hash_string(key) & (m->nheads - 1)];
	while (i >= 0 && strcmp(map_key(m, i), key) != 0)
		i = m->e[i].next;
	return i;
}

static int32_t
map_next(const struct map *m, int32_t i)
{
	const char *key = map_key(m, i);

	for (i = m->e[i].next; i >= 0; i = m->e[i].next)
		if (strcmp(map_key(m, i), key) == 0)
			return i;
	return -1;
}

static void
map_free(struct map *m)
{
	free(m->keys);
	free(m->e);
	free(m->heads);
}

/* ---- building ---- */

struct devname *
devname_new(void)
{
	return xcalloc(1, sizeof(struct devname));
}

void
devname_free(struct devname *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->nmakers; i++)
		free(g->makers[i].brand);
	for (size_t i = 0; i < g->nlines; i++) {
		free(g->lines[i].brand);
		free(g->lines[i].choices);
		free(g->lines[i].tmpl);
	}
	for (size_t i = 0; i < g->nfiles; i++)
		free(g->files[i]);
	free(g->files);
	free(g->makers);
	free(g->lines);
	free(g->known);
	map_free(&g->maker_first);
	map_free(&g->line_first);
	map_free(&g->bare_lines);
	map_free(&g->catalogue);
	free(g);
}

static void
mark_start(struct devname *g, const struct word *w)
{
	unsigned char c = (unsigned char)w->text[0];

	g->start[c >> 3] |= (uint8_t)(1u << (c & 7));
	if (!w->exact) {
		c = (unsigned char)ascii_toupper(c);
		g->start[c >> 3] |= (uint8_t)(1u << (c & 7));
	}
}

int
devname_may_start(const struct devname *g, unsigned char c)
{
	return g->start[c >> 3] & (1u << (c & 7));
}

/*
 * Split S at SEP into words (at most DEVNAME_WORDS_MAX) of letters,
 * digits and '+-.'; '=' in front keeps a word's case.  Returns how many,
 * or -1 with a message.
 */
static int
split_words(const char *s, char sep, struct word *w, char *err,
	    size_t errlen)
{
	int n = 0;

	while (*s) {
		size_t len;
		int exact = 0;

		while (*s == sep)
			s++;
		if (!*s)
			break;
		if (*s == '=') {
			exact = 1;
			s++;
		}
		len = strcspn(s, sep == ' ' ? " \t" : "_");
		if (n == DEVNAME_WORDS_MAX || len == 0 ||
		    len >= DEVNAME_WORD_MAX) {
			snprintf(err, errlen, "%s",
				 len ? "too many or too long words (at most 6 "
				       "words of 31 bytes)"
				     : "empty word");
			return -1;
		}
		for (size_t i = 0; i < len; i++)
			if (!ascii_isalnum((unsigned char)s[i]) &&
			    !strchr("+-.'", s[i])) {
				snprintf(err, errlen,
					 "'%.*s' is not a word of letters and "
					 "digits",
					 (int)len, s);
				return -1;
			}
		memcpy(w[n].text, s, len);
		w[n].text[len] = '\0';
		w[n].exact = exact;
		if (!exact)
			ascii_lower(w[n].text);
		n++;
		s += len;
	}
	return n;
}

int
devname_add_maker(struct devname *g, const char *brand, const char *words,
		  char *err, size_t errlen)
{
	char name[256];
	const char *p = words;

	/* One maker line may give several names: "Xiaomi Mi". */
	while (*p) {
		struct maker *m;
		size_t len;
		int nw;

		while (*p == ' ' || *p == '\t')
			p++;
		len = strcspn(p, " \t");
		if (!len)
			break;
		if (len >= sizeof(name)) {
			snprintf(err, errlen, "%s", "maker name too long");
			return RM_ECONFIG;
		}
		memcpy(name, p, len);
		name[len] = '\0';
		p += len;
		if (g->nmakers >= DEVNAME_MAKERS_MAX) {
			snprintf(err, errlen, "%s", "too many maker names");
			return RM_ECONFIG;
		}
		g->makers = xreallocarray(g->makers, g->nmakers + 1,
					  sizeof(*g->makers));
		m = &g->makers[g->nmakers];
		memset(m, 0, sizeof(*m));
		nw = split_words(name, '_', m->w, err, errlen);
		if (nw <= 0) {
			if (nw == 0)
				snprintf(err, errlen, "%s", "empty maker name");
			return RM_ECONFIG;
		}
		m->nw = nw;
		m->brand = xstrdup(brand);
		map_put_lower(&g->maker_first, m->w[0].text,
			      (uint32_t)g->nmakers);
		mark_start(g, &m->w[0]);
		g->nmakers++;
	}
	return 0;
}

/* The device type a name's words suggest. */
static const char *
infer_type(const char *name)
{
	static const char *const tablet[] = { "tab", "pad", "ipad", "tablet",
					      "matepad", "mediapad", "xoom" };
	char w[DEVNAME_WORD_MAX];
	const char *p = name;

	while (*p) {
		size_t len = 0;

		while (*p && !ascii_isalpha((unsigned char)*p))
			p++;
		while (ascii_isalpha((unsigned char)p[len]))
			len++;
		if (!len)
			break;
		if (len < sizeof(w)) {
			memcpy(w, p, len);
			w[len] = '\0';
			ascii_lower(w);
			if (strcmp(w, "watch") == 0)
				return TYPE_WATCH;
			for (size_t i = 0; i < sizeof(tablet) / sizeof(*tablet);
			     i++)
				if (strcmp(w, tablet[i]) == 0)
					return TYPE_TABLET;
		}
		p += len;
	}
	return TYPE_PHONE;
}

/* "num", "code", "none", "word:A|B", each with ",maker" ",roman" "?". */
static int
parse_shape(struct line *l, const char *s, size_t len, char *err,
	    size_t errlen)
{
	char buf[256];
	char *save = NULL, *part;

	if (len >= sizeof(buf)) {
		snprintf(err, errlen, "%s", "shape too long");
		return -1;
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
	for (part = strtok_r(buf, ",", &save); part;
	     part = strtok_r(NULL, ",", &save)) {
		size_t pl = strlen(part);

		if (part == buf && pl && part[pl - 1] == '?') {
			l->optional = 1;
			part[--pl] = '\0';
		}
		if (part != buf && strcmp(part, "maker") == 0)
			l->needs_maker = 1;
		else if (part != buf && strcmp(part, "roman") == 0)
			l->roman = 1;
		else if (part != buf && strcmp(part, "upper") == 0)
			l->tail_case = 1;
		else if (part != buf && strcmp(part, "lower") == 0)
			l->tail_case = -1;
		else if (part == buf && strcmp(part, "num") == 0)
			l->shape = SHAPE_NUM;
		else if (part == buf && strcmp(part, "code") == 0)
			l->shape = SHAPE_CODE;
		else if (part == buf && strcmp(part, "none") == 0)
			l->shape = SHAPE_NONE;
		else if (part == buf && strncmp(part, "word:", 5) == 0 &&
			 part[5]) {
			l->shape = SHAPE_WORD;
			l->choices = xstrdup(part + 5);
		} else {
			snprintf(err, errlen,
				 "unknown shape '%s' (num, code, word:A|B, "
				 "none; ?; ,maker ,roman ,upper ,lower)",
				 part);
			return -1;
		}
	}
	return 0;
}

int
devname_add_line(struct devname *g, const char *brand, const char *words,
		 const char *tmpl, char *err, size_t errlen)
{
	struct line l = { 0 };
	size_t sl;
	int nw;

	while (*words == ' ' || *words == '\t')
		words++;
	sl = strcspn(words, " \t");
	if (!sl) {
		snprintf(err, errlen, "%s", "'name' needs a shape");
		return RM_ECONFIG;
	}
	if (parse_shape(&l, words, sl, err, errlen))
		goto fail;
	nw = split_words(words + sl, ' ', l.w, err, errlen);
	if (nw < 0)
		goto fail;
	l.nw = nw;
	if (nw == 0)
		l.needs_maker = 1;
	if ((l.shape == SHAPE_NONE) != (strchr(tmpl, '#') == NULL)) {
		snprintf(err, errlen, "%s",
			 l.shape == SHAPE_NONE
				 ? "a 'none' line's template has no '#'"
				 : "the template needs '#' for the model");
		goto fail;
	}
	if (l.shape == SHAPE_NONE && nw == 0) {
		snprintf(err, errlen, "%s", "a 'none' line needs words");
		goto fail;
	}
	if (strlen(tmpl) >= DEVNAME_VALUE_MAX - 16) {
		snprintf(err, errlen, "%s", "template too long");
		goto fail;
	}
	if (g->nlines >= DEVNAME_LINES_MAX) {
		snprintf(err, errlen, "%s", "too many name lines");
		goto fail;
	}
	l.brand = xstrdup(brand);
	l.tmpl = xstrdup(tmpl);
	l.type = infer_type(tmpl);
	if (nw) {
		map_put_lower(&g->line_first, l.w[0].text,
			      (uint32_t)g->nlines);
		mark_start(g, &l.w[0]);
	} else {
		map_put(&g->bare_lines, brand, (uint32_t)g->nlines);
	}
	g->lines = xreallocarray(g->lines, g->nlines + 1, sizeof(*g->lines));
	g->lines[g->nlines++] = l;
	return 0;
fail:
	free(l.choices);
	return RM_ECONFIG;
}

/*
 * The catalogue key of NAME: lower-case words of letters and digits
 * ('+' kept), network words left out.  SKIP words are left out first.
 */
static void
normalise(const char *name, size_t len, int skip, char *key, size_t size)
{
	size_t n = 0;
	const char *p = name, *e = name + len;

	key[0] = '\0';
	while (p < e) {
		const char *w;
		size_t wl;

		while (p < e && !ascii_isalnum((unsigned char)*p) && *p != '+')
			p++;
		w = p;
		while (p < e && (ascii_isalnum((unsigned char)*p) || *p == '+'))
			p++;
		wl = (size_t)(p - w);
		if (!wl)
			break;
		if (skip > 0) {
			skip--;
			continue;
		}
		if ((wl == 2 && (w[0] == '4' || w[0] == '5') &&
		     (w[1] == 'g' || w[1] == 'G')) ||
		    (wl == 3 && ascii_ncasecmp(w, "lte", 3) == 0))
			continue;
		if (n + wl + 2 > size)
			break;
		if (n)
			key[n++] = ' ';
		for (size_t i = 0; i < wl; i++)
			key[n++] = (char)ascii_tolower((unsigned char)w[i]);
		key[n] = '\0';
	}
}

/* Whether NAME starts with the word BRAND. */
static int
led_by(const char *name, const char *brand)
{
	size_t n = strlen(brand);

	return ascii_ncasecmp(name, brand, n) == 0 && name[n] == ' ';
}

/*
 * One key per name: without the brand when the name leads with it
 * ("galaxy s24 ultra"), so that text with or without the maker's name
 * finds it; devname_canonical strips a leading maker word to look up.
 */
static void
catalogue_put(struct devname *g, const char *name, uint32_t idx)
{
	char key[DEVNAME_KEY_MAX];
	int skip = led_by(name, g->known[idx].brand);

	normalise(name, strlen(name), skip, key, sizeof(key));
	/* One word alone ("X8") is any maker's: keep the brand then. */
	if (skip && !strchr(key, ' '))
		normalise(name, strlen(name), 0, key, sizeof(key));
	if (key[0])
		map_put(&g->catalogue, key, idx);
}

/* A catalogue's brand that no maker line names is a maker too. */
static void
brand_as_maker(struct devname *g, const char *brand)
{
	char key[DEVNAME_WORD_MAX], err[128];
	size_t n = strcspn(brand, " ");

	if (n == 0 || n >= sizeof(key) || brand[n])
		return;
	memcpy(key, brand, n + 1);
	ascii_lower(key);
	if (map_find(&g->maker_first, key) >= 0)
		return;
	devname_add_maker(g, brand, brand, err, sizeof(err));
}

int
devname_add_catalogue(struct devname *g, const char *path, char *text,
		      size_t len, char *err, size_t errlen)
{
	char *p, *end = text + len;
	const char *last_brand = "";
	unsigned lineno = 0;
	size_t lines = 0;

	g->files = xreallocarray(g->files, g->nfiles + 1, sizeof(*g->files));
	g->files[g->nfiles++] = text;
	for (p = text; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		lines++;
	map_reserve(&g->catalogue, lines + 1, len);
	g->known = xreallocarray(g->known, g->nknown + lines + 1,
				 sizeof(*g->known));
	for (p = text; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *le = nl ? nl : end, *f[4] = { 0 };
		size_t ll = (size_t)(le - p);
		int nf = 0;

		lineno++;
		*le = '\0';
		if (ll && p[ll - 1] == '\r')
			p[--ll] = '\0';
		if (ll == 0 || p[0] == '#') {
			p = le + 1;
			continue;
		}
		for (char *q = p; q && nf < 4; nf++) {
			f[nf] = q;
			q = strchr(q, '\t');
			if (q)
				*q++ = '\0';
		}
		p = le + 1;
		if (nf < 3 || !*f[0] || !*f[2] ||
		    strlen(f[2]) >= DEVNAME_VALUE_MAX) {
			snprintf(err, errlen,
				 "%s:%u: want BRAND<TAB>TYPE<TAB>NAME"
				 "[<TAB>ALIASES], a name under %d bytes",
				 path, lineno, DEVNAME_VALUE_MAX);
			return RM_ECONFIG;
		}
		if (g->nknown >= DEVNAME_KNOWN_MAX) {
			snprintf(err, errlen, "%s:%u: too many catalogue names",
				 path, lineno);
			return RM_ECONFIG;
		}
		g->known[g->nknown].brand = f[0];
		g->known[g->nknown].type = *f[1] ? f[1] : infer_type(f[2]);
		g->known[g->nknown].name = f[2];
		catalogue_put(g, f[2], (uint32_t)g->nknown);
		for (char *a = nf > 3 ? f[3] : NULL; a && *a;) {
			char *bar = strchr(a, '|');

			if (bar)
				*bar = '\0';
			if (*a)
				catalogue_put(g, a, (uint32_t)g->nknown);
			a = bar ? bar + 1 : NULL;
		}
		if (strcmp(f[0], last_brand) != 0)
			brand_as_maker(g, f[0]);
		last_brand = f[0];
		g->nknown++;
	}
	return 0;
}

size_t
devname_lines(const struct devname *g)
{
	return g->nlines;
}

size_t
devname_known(const struct devname *g)
{
	return g->nknown;
}

/* ---- matching ---- */

struct text {
	const char *s;
	size_t len;
	devname_quantity_fn quantity;
	void *arg;
};

/* White space inside a name: blanks, one line break, a no-break space. */
static size_t
skip_space(const struct text *t, size_t pos)
{
	int breaks = 0;

	while (pos < t->len) {
		unsigned char c = (unsigned char)t->s[pos];

		if (c == ' ' || c == '\t' || c == '\r')
			pos++;
		else if (c == '\n' && !breaks++)
			pos++;
		else if (c == 0xc2 && pos + 1 < t->len &&
			 (unsigned char)t->s[pos + 1] == 0xa0)
			pos += 2;
		else
			break;
	}
	return pos;
}

/* The end of the run of letters and digits at POS. */
static size_t
word_end(const struct text *t, size_t pos)
{
	while (pos < t->len && ascii_isalnum((unsigned char)t->s[pos]))
		pos++;
	return pos;
}

/* Whether TEXT[S..E) is the word W (case as W says). */
static int
word_is(const struct text *t, size_t s, size_t e, const struct word *w)
{
	size_t n = strlen(w->text);

	if (e - s != n)
		return 0;
	return w->exact ? memcmp(t->s + s, w->text, n) == 0
			: ascii_ncasecmp(t->s + s, w->text, n) == 0;
}

/* A "'s" after a maker's name: "Samsung's Galaxy S24". */
static size_t
skip_possessive(const struct text *t, size_t pos)
{
	if (pos + 2 <= t->len && t->s[pos] == '\'' &&
	    (t->s[pos + 1] == 's' || t->s[pos + 1] == 'S') &&
	    (pos + 2 == t->len || !ascii_isalnum((unsigned char)t->s[pos + 2])))
		return pos + 2;
	if (pos + 4 <= t->len && memcmp(t->s + pos, "\xe2\x80\x99s", 4) == 0 &&
	    (pos + 4 == t->len || !ascii_isalnum((unsigned char)t->s[pos + 4])))
		return pos + 4;
	return pos;
}

/* The longest maker name at POS; its end in *END. */
static const struct maker *
match_maker(const struct devname *g, const struct text *t, size_t pos,
	    size_t *end)
{
	size_t e0 = word_end(t, pos);
	const struct maker *best = NULL;
	char key[DEVNAME_WORD_MAX];
	int32_t i;

	if (e0 == pos || e0 - pos >= sizeof(key))
		return NULL;
	memcpy(key, t->s + pos, e0 - pos);
	key[e0 - pos] = '\0';
	ascii_lower(key);
	for (i = map_find(&g->maker_first, key); i >= 0;
	     i = map_next(&g->maker_first, i)) {
		const struct maker *m = &g->makers[g->maker_first.e[i].value];
		size_t s = pos, e = e0;
		int k;

		for (k = 0; k < m->nw; k++) {
			if (k) {
				s = skip_space(t, e);
				e = word_end(t, s);
			}
			if (!word_is(t, s, e, &m->w[k]))
				break;
		}
		if (k == m->nw && (!best || e > *end)) {
			best = m;
			*end = e;
		}
	}
	return best;
}

/* Trailing letters that make a number a quantity or an ordinal. */
static int
unit_letters(const char *s, size_t n)
{
	static const char *const units[] = { "w",  "mp", "gb", "tb", "mb",
					     "hz", "k",  "nm", "mm", "cm",
					     "th", "st", "nd", "rd", "g",
					     "m",  "h",  "in", "ms" };
	char w[4];

	if (n == 0 || n >= sizeof(w))
		return 0;
	for (size_t i = 0; i < n; i++)
		w[i] = (char)ascii_tolower((unsigned char)s[i]);
	w[n] = '\0';
	for (size_t i = 0; i < sizeof(units) / sizeof(*units); i++)
		if (strcmp(w, units[i]) == 0)
			return 1;
	return 0;
}

/*
 * A model number in TEXT[S..E): 1-4 digits, an optional ".D", then at
 * most two letters ("14", "12S", "8a", "5.3", "13T").  Years and
 * quantities ("2024", "120W", "5G") are no models.
 */
static int
is_number(const struct text *t, size_t s, size_t e, int allow_x)
{
	const char *p = t->s + s;
	size_t n = e - s, d = 0, l;

	while (d < n && ascii_isdigit((unsigned char)p[d]))
		d++;
	if (d == 0 || d > 4)
		return 0;
	if (d == 4 && (p[0] == '1' || p[0] == '2') && n == 4)
		return 0; /* a year */
	l = n - d;
	if (l > 2)
		return 0;
	for (size_t i = d; i < n; i++)
		if (!ascii_isalpha((unsigned char)p[i]))
			return 0;
	/* "12X" is a Xiaomi, "10x" a zoom: only upper case X is a model. */
	if (l == 1 && p[d] == 'X' && allow_x)
		return 1;
	return !unit_letters(p + d, l);
}

/*
 * A model code in TEXT[S..E): one to three letters, 1-4 digits, at most
 * two letters ("S24", "A55", "M55s", "X100", "Y36").
 */
static int
is_code(const struct text *t, size_t s, size_t e)
{
	const char *p = t->s + s;
	size_t n = e - s, a = 0, d = 0, l;

	while (a < n && ascii_isalpha((unsigned char)p[a]))
		a++;
	while (a + d < n && ascii_isdigit((unsigned char)p[a + d]))
		d++;
	l = n - a - d;
	if (a == 0 || a > 3 || d == 0 || d > 4 || l > 2)
		return 0;
	for (size_t i = a + d; i < n; i++)
		if (!ascii_isalpha((unsigned char)p[i]))
			return 0;
	return !unit_letters(p + a + d, l) || (l == 1 && p[a + d] == 'X');
}

static int
is_roman(const struct text *t, size_t s, size_t e)
{
	static const char *const numerals[] = { "II", "III", "IV",  "V",
						"VI", "VII", "VIII", "IX",
						"X",  "XI",  "XII" };

	for (size_t i = 0; i < sizeof(numerals) / sizeof(*numerals); i++)
		if (strlen(numerals[i]) == e - s &&
		    memcmp(t->s + s, numerals[i], e - s) == 0)
			return 1;
	return 0;
}

struct model {
	size_t end;
	char text[24];
};

/*
 * The model as written, with letters before the digits in upper case
 * when UPPER_LEAD ("s24" is "S24") and those after them as TAIL_CASE
 * says ("13t" is "13T" for Xiaomi, "8A" is "8a" for Google).
 */
static void
model_set(struct model *m, const struct text *t, size_t s, size_t e,
	  int upper_lead, int tail_case)
{
	size_t n = e - s < sizeof(m->text) - 1 ? e - s : sizeof(m->text) - 1;
	int lead = 1;

	memcpy(m->text, t->s + s, n);
	m->text[n] = '\0';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)m->text[i];

		if (ascii_isdigit(c))
			lead = 0;
		else if (lead && upper_lead)
			m->text[i] = (char)ascii_toupper(c);
		else if (!lead && tail_case)
			m->text[i] = (char)(tail_case > 0 ? ascii_toupper(c)
							  : ascii_tolower(c));
	}
	m->end = e;
}

/* A number directly followed by a quantity word is no model. */
static int
quantity_after(const struct text *t, size_t pos)
{
	size_t q = pos;

	while (q < t->len && (t->s[q] == ' ' || t->s[q] == '-'))
		q++;
	if (q < t->len && (t->s[q] == '"' || t->s[q] == '%'))
		return 1;
	return t->quantity && q < t->len && q > pos &&
	       t->quantity(t->arg, q);
}

/*
 * The model of line L whose token is TEXT[S..E) (or the rest of a word
 * glued to the line's last word).  1 and *M filled, or 0.
 */
static int
parse_model(const struct line *l, const struct text *t, size_t s, size_t e,
	    struct model *m)
{
	if (s < t->len && t->s[s] == '(' && l->shape == SHAPE_NUM) {
		/* "Phone (2a)": a number in parentheses. */
		size_t ws = s + 1, we = word_end(t, ws);

		/* The template writes the parentheses: "Phone (#)". */
		if (we < t->len && t->s[we] == ')' && is_number(t, ws, we, 0) &&
		    we - ws <= 3) {
			model_set(m, t, ws, we, 0, l->tail_case);
			m->end = we + 1;
			return 1;
		}
		return 0;
	}
	if (e == s)
		return 0;
	switch (l->shape) {
	case SHAPE_NUM:
		/* "5.3": a decimal point between digits. */
		if (e + 1 < t->len && t->s[e] == '.' &&
		    ascii_isdigit((unsigned char)t->s[e + 1]) &&
		    ascii_isdigit((unsigned char)t->s[e - 1])) {
			size_t e2 = word_end(t, e + 1);

			if (e2 - e <= 2 && is_number(t, s, e, 0)) {
				model_set(m, t, s, e2, 0, l->tail_case);
				break;
			}
		}
		if (!is_number(t, s, e, 1))
			return 0;
		model_set(m, t, s, e, 0, l->tail_case);
		break;
	case SHAPE_CODE:
		if (!is_code(t, s, e))
			return 0;
		model_set(m, t, s, e, 1, l->tail_case);
		break;
	case SHAPE_WORD: {
		const char *c = l->choices;

		while (*c) {
			size_t n = strcspn(c, "|");

			if (n == e - s && ascii_ncasecmp(t->s + s, c, n) == 0) {
				memcpy(m->text, c, n < 23 ? n : 23);
				m->text[n < 23 ? n : 23] = '\0';
				m->end = e;
				return 1;
			}
			c += n + (c[n] == '|');
		}
		return 0;
	}
	case SHAPE_NONE:
		return 0;
	}
	if (quantity_after(t, m->end))
		return 0;
	if (l->roman) {
		size_t rs = skip_space(t, m->end), re = word_end(t, rs);

		if (rs > m->end && is_roman(t, rs, re) &&
		    strlen(m->text) + 1 + (re - rs) < sizeof(m->text)) {
			size_t n = strlen(m->text);

			m->text[n] = ' ';
			memcpy(m->text + n + 1, t->s + rs, re - rs);
			m->text[n + 1 + re - rs] = '\0';
			m->end = re;
		}
	}
	return 1;
}

/* TEMPLATE with '#' replaced by MODEL ("" drops it and a space before). */
static void
render(const char *tmpl, const char *model, char *out, size_t size)
{
	const char *hash = strchr(tmpl, '#');
	size_t pre;

	if (!hash) {
		snprintf(out, size, "%s", tmpl);
		return;
	}
	pre = (size_t)(hash - tmpl);
	if (!*model)
		while (pre && tmpl[pre - 1] == ' ')
			pre--;
	snprintf(out, size, "%.*s%s%s", (int)pre, tmpl, model, hash + 1);
}

/*
 * Line L's words from POS, then its model.  Returns the end of the
 * name, or 0 when it does not match; *M holds the model.
 */
static size_t
match_line(const struct line *l, const struct text *t, size_t pos,
	   struct model *m)
{
	size_t s = pos, e = pos;
	int k;

	m->text[0] = '\0';
	for (k = 0; k < l->nw; k++) {
		size_t n = strlen(l->w[k].text);

		if (k)
			s = skip_space(t, e);
		if (s == e && k)
			return 0;
		e = word_end(t, s);
		if (word_is(t, s, e, &l->w[k]))
			continue;
		/* The last word may carry the number: "Fold5", "g7". */
		if (k == l->nw - 1 && l->shape == SHAPE_NUM && e - s > n &&
		    ascii_isdigit((unsigned char)t->s[s + n]) &&
		    (l->w[k].exact ? memcmp(t->s + s, l->w[k].text, n) == 0
				   : ascii_ncasecmp(t->s + s, l->w[k].text,
						    n) == 0) &&
		    parse_model(l, t, s + n, e, m))
			return m->end;
		return 0;
	}
	if (l->shape == SHAPE_NONE)
		return e;
	s = l->nw ? skip_space(t, e) : pos;
	if ((s > e || !l->nw) && parse_model(l, t, s, word_end(t, s), m))
		return m->end;
	m->text[0] = '\0';
	return l->optional && l->nw ? e : 0;
}

/*
 * The longest line from POS: of BRAND only when given (after its
 * maker's name), else of lines that need no maker.
 */
static size_t
best_line(const struct devname *g, const struct text *t, size_t pos,
	  const char *brand, const struct line **best, struct model *bm)
{
	size_t e0 = word_end(t, pos), bend = 0, a = 0;
	char key[DEVNAME_WORD_MAX];
	int32_t i;

	*best = NULL;
	if (e0 == pos || e0 - pos >= sizeof(key))
		return 0;
	memcpy(key, t->s + pos, e0 - pos);
	key[e0 - pos] = '\0';
	ascii_lower(key);
	/* A glued first word: "iPhone15" is tried as "iphone". */
	while (key[a] && !ascii_isdigit((unsigned char)key[a]))
		a++;
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			if (!key[a] || a == 0)
				break;
			key[a] = '\0';
		}
		for (i = map_find(&g->line_first, key); i >= 0;
		     i = map_next(&g->line_first, i)) {
			const struct line *l =
				&g->lines[g->line_first.e[i].value];
			struct model m;
			size_t end;

			if (brand ? strcmp(l->brand, brand) != 0
				  : l->needs_maker)
				continue;
			end = match_line(l, t, pos, &m);
			if (end > bend) {
				bend = end;
				*best = l;
				*bm = m;
			}
		}
	}
	/* Makers that number their phones: "Xiaomi 14", "vivo X100". */
	for (i = brand ? map_find(&g->bare_lines, brand) : -1; i >= 0;
	     i = map_next(&g->bare_lines, i)) {
		const struct line *l = &g->lines[g->bare_lines.e[i].value];
		struct model m;
		size_t end;

		end = match_line(l, t, pos, &m);
		if (end > bend) {
			bend = end;
			*best = l;
			*bm = m;
		}
	}
	return bend;
}

/* The longest catalogue name of BRAND from POS ("AQUOS sense8"). */
static const struct known *
best_known(const struct devname *g, const struct text *t, size_t pos,
	   const char *brand, size_t *end)
{
	const struct known *best = NULL;
	size_t s = pos, e;
	char key[DEVNAME_KEY_MAX];
	size_t kl = 0;

	key[0] = '\0';
	for (int k = 0; k < DEVNAME_KNOWN_WORDS; k++) {
		int32_t i;

		if (k)
			s = skip_space(t, e);
		e = word_end(t, s);
		if (e == s || (k && s == e))
			break;
		while (e < t->len && t->s[e] == '+')
			e++;
		if (kl + (e - s) + 2 > sizeof(key))
			break;
		if (kl)
			key[kl++] = ' ';
		for (size_t c = s; c < e; c++)
			key[kl++] = (char)ascii_tolower((unsigned char)t->s[c]);
		key[kl] = '\0';
		for (i = map_find(&g->catalogue, key); i >= 0;
		     i = map_next(&g->catalogue, i)) {
			const struct known *kn =
				&g->known[g->catalogue.e[i].value];

			if (ascii_casecmp(kn->brand, brand) == 0) {
				best = kn;
				*end = e;
				break;
			}
		}
		if (e < t->len && !(t->s[e] == ' ' || t->s[e] == '\t' ||
				    (unsigned char)t->s[e] == 0xc2))
			break;
	}
	return best;
}

int
devname_match(const struct devname *g, const char *text, size_t len,
	      size_t pos, devname_quantity_fn quantity, void *arg,
	      struct devname_hit *hit)
{
	struct text t = { text, len, quantity, arg };
	const struct maker *mk;
	const struct line *l = NULL, *ml = NULL;
	struct model m, mm;
	size_t mend = 0, end, after = 0;

	if (pos >= len || !devname_may_start(g, (unsigned char)text[pos]))
		return 0;
	memset(hit, 0, sizeof(*hit));
	hit->type = "";
	end = best_line(g, &t, pos, NULL, &l, &m);
	mk = match_maker(g, &t, pos, &mend);
	if (mk) {
		size_t q = skip_space(&t, skip_possessive(&t, mend));

		if (q > mend || q == len) {
			after = best_line(g, &t, q, mk->brand, &ml, &mm);
			if (after > end) {
				end = after;
				l = ml;
				m = mm;
			}
		}
		if (!l && q > mend) {
			size_t kend = 0;
			const struct known *kn =
				best_known(g, &t, q, mk->brand, &kend);

			if (kn) {
				hit->end = kend;
				hit->brand = mk->brand;
				hit->type = kn->type;
				snprintf(hit->value, sizeof(hit->value), "%s",
					 kn->name);
				return 1;
			}
		}
	}
	if (l) {
		hit->end = end;
		hit->brand = l->brand;
		hit->type = l->type;
		hit->line = l;
		render(l->tmpl, m.text, hit->value, sizeof(hit->value));
		return 1;
	}
	if (mk) {
		hit->end = mend;
		hit->brand = mk->brand;
		hit->maker_only = 1;
		return 1;
	}
	return 0;
}

int
devname_continue(const struct devname *g, const void *line, const char *text,
		 size_t len, size_t pos, devname_quantity_fn quantity,
		 void *arg, struct devname_hit *hit)
{
	struct text t = { text, len, quantity, arg };
	const struct line *l = line;
	struct model m;

	(void)g;
	if (!l || l->shape == SHAPE_NONE || pos >= len)
		return 0;
	if (!parse_model(l, &t, pos, word_end(&t, pos), &m))
		return 0;
	memset(hit, 0, sizeof(*hit));
	hit->end = m.end;
	hit->brand = l->brand;
	hit->type = l->type;
	hit->line = l;
	render(l->tmpl, m.text, hit->value, sizeof(hit->value));
	return 1;
}

/* Whether WORD (lower case) is one of BRAND's maker names. */
static int
maker_of(const struct devname *g, const char *word, const char *brand)
{
	for (int32_t i = map_find(&g->maker_first, word); i >= 0;
	     i = map_next(&g->maker_first, i))
		if (ascii_casecmp(g->makers[g->maker_first.e[i].value].brand,
				  brand) == 0)
			return 1;
	return 0;
}

void
devname_canonical(const struct devname *g, char *value, size_t size,
		  const char **type)
{
	char key[DEVNAME_KEY_MAX], first[DEVNAME_WORD_MAX];
	const struct known *kn;
	size_t n;
	int32_t i;

	normalise(value, strlen(value), 0, key, sizeof(key));
	i = map_find(&g->catalogue, key);
	n = strcspn(key, " ");
	if (i < 0 && key[n] && n < sizeof(first)) {
		/* "samsung galaxy s24" is keyed "galaxy s24". */
		memcpy(first, key, n);
		first[n] = '\0';
		i = map_find(&g->catalogue, key + n + 1);
		if (i >= 0 && !maker_of(g, first,
					g->known[g->catalogue.e[i].value].brand))
			i = -1;
	}
	if (i < 0)
		return;
	kn = &g->known[g->catalogue.e[i].value];
	snprintf(value, size, "%s", kn->name);
	if (type)
		*type = kn->type;
}
