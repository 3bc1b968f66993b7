#include "extract/html_date.h"

#include <stdlib.h>
#include <string.h>

#include "common/ascii.h"
#include "extract/html_node.h"

/* Nothing on the web was published before this year. */
#define DATE_YEAR_MIN 1995
/* Tokens of one date scan kept at once (only the last three matter). */
#define SCAN_TOKENS 4
/* Longest word compared with month names, in bytes. */
#define WORD_MAX 32
/* Text of a byline-like element examined for a date, in bytes; longer
 * elements are containers, not bylines. */
#define BYLINE_TEXT_MAX 300
/* Ancestors checked to place a <time> inside an article or header. */
#define TIME_ANCESTORS_MAX 32
/* A text node this short that holds a date is a dateline, the last
 * resort; longer text mentions dates of other events. */
#define DATELINE_TEXT_MAX 100

/* Evidence ranks, strongest first. */
enum rank {
	RANK_JSONLD,
	RANK_META,
	RANK_TIME_PUB,
	RANK_TIME_ARTICLE,
	RANK_URL,
	RANK_BYLINE,
	RANK_TIME_ANY,
	RANK_MODIFIED,
	RANK_TEXT,
	RANK_NONE,
};

static const struct {
	const char *name;
	int month;
} MONTHS[] = {
	/* English */
	{"january", 1}, {"february", 2}, {"march", 3}, {"april", 4},
	{"may", 5}, {"june", 6}, {"july", 7}, {"august", 8},
	{"september", 9}, {"october", 10}, {"november", 11},
	{"december", 12}, {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4},
	{"jun", 6}, {"jul", 7}, {"aug", 8}, {"sep", 9}, {"sept", 9},
	{"oct", 10}, {"nov", 11}, {"dec", 12},
	/* German */
	{"januar", 1}, {"jänner", 1}, {"februar", 2}, {"märz", 3},
	{"märz", 3}, {"mrz", 3}, {"mai", 5}, {"juni", 6}, {"juli", 7},
	{"oktober", 10}, {"okt", 10}, {"dezember", 12}, {"dez", 12},
	/* French */
	{"janvier", 1}, {"février", 2}, {"fevrier", 2}, {"févr", 2},
	{"mars", 3}, {"avril", 4}, {"avr", 4}, {"juin", 6},
	{"juillet", 7}, {"juil", 7}, {"août", 8}, {"aout", 8},
	{"septembre", 9}, {"octobre", 10}, {"novembre", 11},
	{"décembre", 12}, {"decembre", 12}, {"janv", 1}, {"déc", 12},
	/* Spanish */
	{"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4},
	{"mayo", 5}, {"junio", 6}, {"julio", 7}, {"agosto", 8},
	{"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},
	{"noviembre", 11}, {"diciembre", 12}, {"ene", 1}, {"abr", 4},
	{"dic", 12},
	/* Italian */
	{"gennaio", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5},
	{"giugno", 6}, {"luglio", 7}, {"settembre", 9}, {"ottobre", 10},
	{"dicembre", 12}, {"gen", 1}, {"mag", 5}, {"giu", 6}, {"lug", 7},
	{"ago", 8}, {"set", 9}, {"ott", 10},
	/* Portuguese */
	{"janeiro", 1}, {"fevereiro", 2}, {"março", 3}, {"marco", 3},
	{"maio", 5}, {"junho", 6}, {"julho", 7}, {"setembro", 9},
	{"outubro", 10}, {"dezembro", 12}, {"fev", 2}, {"out", 10},
	/* Dutch */
	{"januari", 1}, {"februari", 2}, {"maart", 3}, {"mei", 5},
	{"augustus", 8}, {"mrt", 3},
	/* Indonesian, Swedish, Danish, Norwegian */
	{"maret", 3}, {"agustus", 8}, {"desember", 12}, {"desemba", 12},
	{"augusti", 8}, {"maj", 5},
	/* Polish (genitive) */
	{"stycznia", 1}, {"lutego", 2}, {"marca", 3}, {"kwietnia", 4},
	{"maja", 5}, {"czerwca", 6}, {"lipca", 7}, {"sierpnia", 8},
	{"września", 9}, {"października", 10}, {"listopada", 11},
	{"grudnia", 12},
	/* Czech (genitive) */
	{"ledna", 1}, {"února", 2}, {"března", 3}, {"dubna", 4},
	{"května", 5}, {"června", 6}, {"července", 7}, {"srpna", 8},
	{"září", 9}, {"října", 10}, {"prosince", 12},
	/* Romanian */
	{"ianuarie", 1}, {"februarie", 2}, {"martie", 3}, {"aprilie", 4},
	{"iunie", 6}, {"iulie", 7}, {"septembrie", 9}, {"octombrie", 10},
	{"noiembrie", 11}, {"decembrie", 12},
	/* Hungarian */
	{"január", 1}, {"február", 2}, {"március", 3}, {"április", 4},
	{"május", 5}, {"június", 6}, {"július", 7}, {"augusztus", 8},
	{"szeptember", 9}, {"október", 10},
	/* Turkish */
	{"ocak", 1}, {"şubat", 2}, {"mart", 3}, {"nisan", 4},
	{"mayıs", 5}, {"haziran", 6}, {"temmuz", 7}, {"ağustos", 8},
	{"eylül", 9}, {"ekim", 10}, {"kasım", 11}, {"aralık", 12},
	/* Russian (genitive, nominative) */
	{"января", 1}, {"февраля", 2}, {"марта", 3}, {"апреля", 4},
	{"мая", 5}, {"июня", 6}, {"июля", 7}, {"августа", 8},
	{"сентября", 9}, {"октября", 10}, {"ноября", 11}, {"декабря", 12},
	{"январь", 1}, {"февраль", 2}, {"март", 3}, {"апрель", 4},
	{"май", 5}, {"июнь", 6}, {"июль", 7}, {"август", 8},
	{"сентябрь", 9}, {"октябрь", 10}, {"ноябрь", 11}, {"декабрь", 12},
	/* Ukrainian (genitive, nominative) */
	{"січня", 1}, {"лютого", 2}, {"березня", 3}, {"квітня", 4},
	{"травня", 5}, {"червня", 6}, {"липня", 7}, {"серпня", 8},
	{"вересня", 9}, {"жовтня", 10}, {"листопада", 11}, {"грудня", 12},
	{"січень", 1}, {"лютий", 2}, {"березень", 3}, {"квітень", 4},
	{"травень", 5}, {"червень", 6}, {"липень", 7}, {"серпень", 8},
	{"вересень", 9}, {"жовтень", 10}, {"листопад", 11}, {"грудень", 12},
	/* Arabic (Egyptian and Levantine names) */
	{"يناير", 1}, {"فبراير", 2}, {"مارس", 3}, {"أبريل", 4},
	{"إبريل", 4}, {"مايو", 5}, {"يونيو", 6}, {"يوليو", 7},
	{"أغسطس", 8}, {"سبتمبر", 9}, {"أكتوبر", 10}, {"نوفمبر", 11},
	{"ديسمبر", 12}, {"شباط", 2}, {"آذار", 3}, {"نيسان", 4},
	{"أيار", 5}, {"حزيران", 6}, {"تموز", 7}, {"آب", 8}, {"أيلول", 9},
	/* Greek (genitive) */
	{"ιανουαρίου", 1}, {"φεβρουαρίου", 2}, {"μαρτίου", 3},
	{"απριλίου", 4}, {"μαΐου", 5}, {"ιουνίου", 6}, {"ιουλίου", 7},
	{"αυγούστου", 8}, {"σεπτεμβρίου", 9}, {"οκτωβρίου", 10},
	{"νοεμβρίου", 11}, {"δεκεμβρίου", 12},
};

/* Words that may stand between the parts of a date. */
static const char *const FILLERS[] = {
	"de", "del", "of", "the", "st", "nd", "rd", "th", "le", "el",
	"den", "der", "am", "di", "du", "im", "г", "р", "року", "года",
	"roku", "ano", "año", "th,", NULL};

enum tok_kind { TOK_NUM, TOK_MONTH, TOK_OTHER };

struct tok {
	enum tok_kind kind;
	int val;
	int ndig;
	char sep; /* separator before it: ' ', '-', '/', '.', ',', 'J', 'x' */
};

/* Two-byte UTF-8 capitals: lead byte, second-byte range, and the lead
 * byte and offset of the small letters (Latin-1, Cyrillic, Greek). */
static const struct upper {
	unsigned char lead, lo, hi, to_lead;
	int delta;
} UPPER[] = {
	{0xC3, 0x80, 0x9E, 0xC3, 0x20},  {0xD0, 0x90, 0x9F, 0xD0, 0x20},
	{0xD0, 0xA0, 0xAF, 0xD1, -0x20}, {0xD0, 0x80, 0x8F, 0xD1, 0x10},
	{0xCE, 0x91, 0x9F, 0xCE, 0x20},  {0xCE, 0xA0, 0xA9, 0xCF, -0x20},
};

/* Lower-case one word: ASCII, Latin-1 letters, Cyrillic, Greek caps. */
static void
word_lower(char *w, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i], d;

		if (c < 0x80) {
			w[i] = (char)ascii_tolower(c);
			continue;
		}
		if (i + 1 >= n)
			break;
		d = (unsigned char)w[i + 1];
		for (k = 0; k < sizeof(UPPER) / sizeof(UPPER[0]); k++) {
			const struct upper *u = &UPPER[k];

			/* U+00D7 is the multiplication sign, not a letter */
			if (c == u->lead && d >= u->lo && d <= u->hi &&
			    !(c == 0xC3 && d == 0x97)) {
				w[i] = (char)u->to_lead;
				w[i + 1] = (char)(d + u->delta);
				break;
			}
		}
		i++;
	}
}

static int
month_of(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(MONTHS) / sizeof(MONTHS[0]); i++)
		if (strlen(MONTHS[i].name) == n &&
		    memcmp(MONTHS[i].name, w, n) == 0)
			return MONTHS[i].month;
	return 0;
}

static bool
is_filler(const char *w, size_t n)
{
	size_t i;

	for (i = 0; FILLERS[i]; i++)
		if (strlen(FILLERS[i]) == n && memcmp(FILLERS[i], w, n) == 0)
			return true;
	return false;
}

/* CJK and Korean date markers: 年 月 日 년 월 일. */
static size_t
cjk_marker(const unsigned char *p, size_t n)
{
	static const char *const m[] = {"\xE5\xB9\xB4", "\xE6\x9C\x88",
					 "\xE6\x97\xA5", "\xEB\x85\x84",
					 "\xEC\x9B\x94", "\xEC\x9D\xBC", NULL};
	size_t i;

	for (i = 0; m[i]; i++)
		if (n >= 3 && memcmp(p, m[i], 3) == 0)
			return 3;
	return 0;
}

static bool
set_ymd(int y, int m, int d, struct ymd *out)
{
	if (y < DATE_YEAR_MIN || y > 2100 || !date_valid(y, m, d))
		return false;
	out->year = y;
	out->month = m;
	out->day = d;
	return true;
}

static bool
small(const struct tok *t)
{
	return t->kind == TOK_NUM && t->ndig <= 2 && t->val >= 1;
}

static bool
year(const struct tok *t)
{
	return t->kind == TOK_NUM && t->ndig == 4;
}

static bool
numeric_sep(char c)
{
	return c == '-' || c == '/' || c == '.' || c == 'J';
}

/* Do the last three tokens A B C form a date? */
static bool
match3(const struct tok *a, const struct tok *b, const struct tok *c,
       struct ymd *out)
{
	if (year(a) && small(b) && small(c) && b->sep == c->sep &&
	    numeric_sep(b->sep))
		return set_ymd(a->val, b->val, c->val, out);
	if (small(a) && small(b) && year(c) && b->sep == c->sep &&
	    numeric_sep(b->sep) && b->sep != 'J') {
		/* D.M.Y, except the US M/D/Y where the day cannot be a month */
		if (b->sep == '/' && a->val <= 12 && b->val > 12)
			return set_ymd(c->val, a->val, b->val, out);
		return set_ymd(c->val, b->val, a->val, out);
	}
	if (b->sep == 'x' || c->sep == 'x')
		return false;
	if (small(a) && b->kind == TOK_MONTH && year(c))
		return set_ymd(c->val, b->val, a->val, out);
	if (a->kind == TOK_MONTH && small(b) && year(c))
		return set_ymd(c->val, a->val, b->val, out);
	if (year(a) && b->kind == TOK_MONTH && small(c))
		return set_ymd(a->val, b->val, c->val, out);
	return false;
}

static bool
push(struct tok *t, size_t *nt, const struct tok *nw, struct ymd *out)
{
	/* "نيسان / أبريل", "Apr/April": one month named twice. */
	if (nw->kind == TOK_MONTH && *nt && t[*nt - 1].kind == TOK_MONTH &&
	    t[*nt - 1].val == nw->val)
		return false;
	if (*nt == SCAN_TOKENS) {
		memmove(t, t + 1, (SCAN_TOKENS - 1) * sizeof(*t));
		(*nt)--;
	}
	t[(*nt)++] = *nw;
	return *nt >= 3 && match3(&t[*nt - 3], &t[*nt - 2], &t[*nt - 1], out);
}

/* A stronger separator wins: "7. Juni" is '.', not ' '. */
static void
note_sep(char *sep, char c)
{
	if (*sep == 'x' || c == ' ')
		return;
	if (*sep == ' ' || *sep == 0 || c == 'x')
		*sep = c;
	else if (*sep != c)
		*sep = 'x';
}

bool
html_date_scan(const char *s, size_t n, struct ymd *out)
{
	const unsigned char *p = (const unsigned char *)s;
	struct tok t[SCAN_TOKENS], nw;
	size_t nt = 0, i = 0;
	char sep = ' ';

	while (i < n) {
		size_t j = i, m;

		if (ascii_isdigit(p[i])) {
			long v = 0;

			while (j < n && ascii_isdigit(p[j]) && j - i < 9)
				v = v * 10 + (p[j++] - '0');
			while (j < n && ascii_isdigit(p[j]))
				j++;
			nw.kind = j - i <= 8 ? TOK_NUM : TOK_OTHER;
			nw.val = (int)v;
			nw.ndig = (int)(j - i);
			nw.sep = sep;
			sep = 0;
			if (push(t, &nt, &nw, out))
				return true;
			i = j;
			continue;
		}
		if ((m = cjk_marker(p + i, n - i)) != 0) {
			note_sep(&sep, 'J');
			i += m;
			continue;
		}
		if (ascii_isalpha(p[i]) || p[i] >= 0x80) {
			char w[WORD_MAX];

			while (j < n && (ascii_isalpha(p[j]) || p[j] >= 0x80) &&
			       !cjk_marker(p + j, n - j))
				j++;
			if (j - i < WORD_MAX) {
				memcpy(w, p + i, j - i);
				word_lower(w, j - i);
			}
			if (j - i < WORD_MAX && is_filler(w, j - i)) {
				i = j;
				continue;
			}
			nw.kind = TOK_OTHER;
			nw.val = j - i < WORD_MAX ? month_of(w, j - i) : 0;
			if (nw.val)
				nw.kind = TOK_MONTH;
			nw.ndig = 0;
			nw.sep = sep;
			sep = 0;
			if (push(t, &nt, &nw, out))
				return true;
			i = j;
			continue;
		}
		if (ascii_isspace(p[i]))
			note_sep(&sep, ' ');
		else if (p[i] == '-' || p[i] == '/' || p[i] == '.' ||
			 p[i] == ',')
			note_sep(&sep, (char)p[i]);
		else
			note_sep(&sep, 'x');
		if (sep == 0)
			sep = ' ';
		i++;
	}
	return false;
}

/* Dates in a URL path: /2023/10/05/, /2023-10-05/, /20231005/. */
static bool
url_date(const char *url, struct ymd *out)
{
	const char *p = url, *e;
	size_t n = strlen(url);

	e = memchr(url, '?', n);
	n = e ? (size_t)(e - url) : n;
	for (; (size_t)(p - url) + 8 <= n; p++) {
		int y, m, d, k;
		char c;

		if (p != url && ascii_isdigit((unsigned char)p[-1]))
			continue;
		for (k = 0; k < 4 && ascii_isdigit((unsigned char)p[k]); k++)
			;
		if (k < 4)
			continue;
		y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 +
		    (p[2] - '0') * 10 + (p[3] - '0');
		c = p[4];
		if ((c == '/' || c == '-' || c == '_') &&
		    (size_t)(p - url) + 10 <= n &&
		    ascii_isdigit((unsigned char)p[5]) &&
		    ascii_isdigit((unsigned char)p[6]) && p[7] == c &&
		    ascii_isdigit((unsigned char)p[8]) &&
		    ascii_isdigit((unsigned char)p[9]) &&
		    ((size_t)(p - url) + 10 == n ||
		     !ascii_isdigit((unsigned char)p[10]))) {
			m = (p[5] - '0') * 10 + (p[6] - '0');
			d = (p[8] - '0') * 10 + (p[9] - '0');
			if (set_ymd(y, m, d, out))
				return true;
		}
		for (k = 4; k < 8 && ascii_isdigit((unsigned char)p[k]); k++)
			;
		if (k == 8 && ((size_t)(p - url) + 8 == n ||
			       !ascii_isdigit((unsigned char)p[8]))) {
			m = (p[4] - '0') * 10 + (p[5] - '0');
			d = (p[6] - '0') * 10 + (p[7] - '0');
			if (set_ymd(y, m, d, out))
				return true;
		}
	}
	return false;
}

struct found {
	struct ymd best;
	enum rank rank;
	const struct ymd *today;
};

static void
offer(struct found *f, const char *s, enum rank r)
{
	struct ymd d;

	if (s == NULL || r >= f->rank)
		return;
	if (!html_date_scan(s, strlen(s), &d))
		return;
	if (date_cmp(&d, f->today) > 0)
		return;
	f->best = d;
	f->rank = r;
}

/* Offer the attribute value V, or the text of N when V is NULL. */
static void
offer_value(struct found *f, const GumboNode *n, const char *v, enum rank r)
{
	char *txt;

	if (v) {
		offer(f, v, r);
		return;
	}
	txt = hnode_text_dup(n, BYLINE_TEXT_MAX);
	offer(f, txt, r);
	free(txt);
}

/* <meta> names that carry the publication (or, last, the update) date. */
static const char *const META_PUBLISHED[] = {
	"article:published_time", "og:published_time",
	"og:article:published_time", "article:published", "datepublished",
	"date_published", "publishdate", "publish_date", "publish-date",
	"pubdate", "pub_date", "published_time", "published-date",
	"publication_date", "publicationdate", "dc.date", "dc.date.issued",
	"dc.date.created", "dcterms.date", "dcterms.issued",
	"dcterms.created", "date", "parsely-pub-date", "sailthru.date",
	"article.published", "article_date_original",
	"originalpublicationdate", "cxenseparse:recs:publishtime",
	"citation_publication_date", "citation_date", "rnews:datepublished",
	"datecreated", "created", "live_date", "displaydate",
	"date.release", "og:pubdate", "article.created", "article_date",
	"pubdate_str", "release_date", "news_date", "content_create_date",
	"bt:pubdate", "shareaholic:article_published_time",
	"vr:published_time", "mediator_published_time", "dc.created",
	"article:post_date", "its:publishdate", "eomportal-lastupdate",
	NULL};
static const char *const META_MODIFIED[] = {
	"article:modified_time", "og:updated_time", "datemodified",
	"last-modified", "dcterms.modified", "dc.date.modified",
	"lastmod", "article:modified", "modified_time", NULL};

static bool
key_in(const char *k, const char *const *list)
{
	for (; *list; list++)
		if (ascii_casecmp(k, *list) == 0)
			return true;
	return false;
}

static void
meta_tag(struct found *f, const GumboNode *n)
{
	static const char *const keys[] = {"property", "name", "itemprop",
					   "http-equiv", NULL};
	const char *val = hnode_attr(n, "content"), *k;
	size_t i;

	if (val == NULL)
		return;
	for (i = 0; keys[i]; i++) {
		k = hnode_attr(n, keys[i]);
		if (k == NULL)
			continue;
		if (key_in(k, META_PUBLISHED))
			offer(f, val, RANK_META);
		else if (key_in(k, META_MODIFIED))
			offer(f, val, RANK_MODIFIED);
	}
}

/* Inside <article>, <header> or <main>, or an element named like one? */
static bool
in_article(const GumboNode *n)
{
	unsigned k;

	for (k = 0; n && n->type == GUMBO_NODE_ELEMENT && k < TIME_ANCESTORS_MAX;
	     n = n->parent, k++) {
		GumboTag t = n->v.element.tag;
		const char *c = hnode_attr(n, "class");

		if (t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_HEADER ||
		    t == GUMBO_TAG_MAIN)
			return true;
		if (c && (strstr(c, "article") || strstr(c, "post") ||
			  strstr(c, "entry")))
			return true;
	}
	return false;
}

static bool
names_publication(const char *s)
{
	return s && (ascii_casestr(s, strlen(s), "publish") ||
		     ascii_casestr(s, strlen(s), "entry-date") ||
		     ascii_casestr(s, strlen(s), "post-date") ||
		     ascii_casestr(s, strlen(s), "pubdate"));
}

static void
time_tag(struct found *f, const GumboNode *n)
{
	const char *dt = hnode_attr(n, "datetime");
	enum rank r = RANK_TIME_ANY;

	if (hnode_attr(n, "pubdate") || names_publication(hnode_attr(n, "class")))
		r = RANK_TIME_PUB;
	else if (in_article(n))
		r = RANK_TIME_ARTICLE;
	if (r < f->rank)
		offer_value(f, n, dt, r);
}

/* class or id of a byline, dateline or date field. */
static bool
names_date(const GumboNode *n)
{
	static const char *const words[] = {
		"date", "time", "byline", "posted", "publish", "dateline",
		"datum", "fecha", "data", "meta", "info", "author", "fech",
		"zeit", "stamp", NULL};
	const char *attrs[2] = {hnode_attr(n, "class"), hnode_attr(n, "id")};
	size_t i, k;

	for (k = 0; k < 2; k++)
		for (i = 0; attrs[k] && words[i]; i++)
			if (ascii_casestr(attrs[k], strlen(attrs[k]), words[i]))
				return true;
	return false;
}

static void
itemprop_date(struct found *f, const GumboNode *n)
{
	const char *v = hnode_attr(n, "content");

	offer_value(f, n, v ? v : hnode_attr(n, "datetime"), RANK_META);
}

/* Short text children of N that hold a date. */
static void
dateline(struct found *f, const GumboNode *n)
{
	const GumboVector *kids = &n->v.element.children;
	unsigned i;

	for (i = 0; i < kids->length && f->rank > RANK_TEXT; i++) {
		const GumboNode *c = kids->data[i];

		if (c->type == GUMBO_NODE_TEXT &&
		    strlen(c->v.text.text) <= DATELINE_TEXT_MAX)
			offer(f, c->v.text.text, RANK_TEXT);
	}
}

bool
html_date_find(const GumboNode *root, const struct jsonld *jl,
	       const char *url, const struct ymd *today,
	       char out[DATE_STR_MAX])
{
	struct found f = {{0, 0, 0}, RANK_NONE, today};
	struct hnode_walk *w = malloc(sizeof(*w));
	const GumboNode *n;
	struct ymd ud;

	if (w == NULL)
		return false;
	offer(&f, jl->published, RANK_JSONLD);
	offer(&f, jl->page_published, RANK_META);
	offer(&f, jl->created, RANK_MODIFIED);
	offer(&f, jl->modified, RANK_MODIFIED);
	if (url && url_date(url, &ud) && date_cmp(&ud, today) <= 0 &&
	    f.rank > RANK_URL) {
		f.best = ud;
		f.rank = RANK_URL;
	}
	hnode_walk_init(w, root);
	while (f.rank > RANK_JSONLD && (n = hnode_walk_next(w, false))) {
		GumboTag t = n->v.element.tag;
		const char *ip = hnode_attr(n, "itemprop");

		if (t == GUMBO_TAG_META) {
			meta_tag(&f, n);
		} else if (ip && ascii_casecmp(ip, "datePublished") == 0) {
			itemprop_date(&f, n);
		} else if (ip && ascii_casecmp(ip, "dateModified") == 0) {
			offer(&f, hnode_attr(n, "content"), RANK_MODIFIED);
		} else if (t == GUMBO_TAG_TIME) {
			time_tag(&f, n);
		} else if (f.rank > RANK_TEXT && t != GUMBO_TAG_TITLE) {
			dateline(&f, n);
		}
		if (f.rank > RANK_BYLINE && names_date(n)) {
			char *txt = hnode_text_dup(n, BYLINE_TEXT_MAX);

			if (txt && strlen(txt) < BYLINE_TEXT_MAX)
				offer(&f, txt, RANK_BYLINE);
			free(txt);
		}
	}
	free(w);
	if (f.rank == RANK_NONE)
		return false;

	date_format(&f.best, out);
	return true;
}
