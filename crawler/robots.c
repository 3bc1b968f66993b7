/*
 * robots.txt parsing and matching (RFC 9309).
 *
 * Only the rules that can apply to our crawler are kept: those of groups
 * naming our product token ("mine") and those of "*" groups ("star").
 * At the end one of the two is chosen.  Matching is a small glob matcher
 * whose backtracking is bounded by a step budget, so no regex engine and
 * no pattern can make a lookup slow.
 */
#include "crawler/robots.h"

#include <stdlib.h>
#include <string.h>

#include "common/ascii.h"
#include "common/buf.h"
#include "common/errors.h"
#include "common/xalloc.h"
#include "crawler/url.h"

/* Glob steps one robots_allowed call may spend over all rules. */
#define MATCH_BUDGET 1000000L
/* Longest product token compared; real ones are a dozen bytes. */
#define TOKEN_MAX 64

struct rule {
	char *pat; /* canonical escapes; may end in '$' */
	size_t len;
	bool allow;
};

struct ruleset {
	struct rule *v;
	size_t n, cap;
	long delay_ms; /* -1: none */
	bool seen;     /* a group for this set existed */
};

struct robots {
	struct ruleset rules;
	struct strvec sitemaps;
	bool disallow_all;
};

enum key { K_UNKNOWN, K_USER_AGENT, K_ALLOW, K_DISALLOW, K_DELAY, K_SITEMAP };

/* Spellings accepted for each key, common typos included as Google does. */
static const struct {
	const char *name;
	enum key key;
} keys[] = {
	{ "user-agent", K_USER_AGENT }, { "useragent", K_USER_AGENT },
	{ "user agent", K_USER_AGENT }, { "allow", K_ALLOW },
	{ "disallow", K_DISALLOW },	{ "dissallow", K_DISALLOW },
	{ "dissalow", K_DISALLOW },	{ "disalow", K_DISALLOW },
	{ "diasllow", K_DISALLOW },	{ "disallaw", K_DISALLOW },
	{ "crawl-delay", K_DELAY },	{ "crawldelay", K_DELAY },
	{ "sitemap", K_SITEMAP },	{ "site-map", K_SITEMAP },
};

static enum key
lookup_key(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strlen(keys[i].name) == len &&
		    ascii_ncasecmp(s, keys[i].name, len) == 0)
			return keys[i].key;
	return K_UNKNOWN;
}

static bool
is_token_char(int c)
{
	return ascii_isalpha(c) || c == '-' || c == '_';
}

/* Length of the product token at the start of S (RFC 9309 2.2.1). */
static size_t
token_len(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && is_token_char((unsigned char)s[n]))
		n++;
	return n;
}

static void
ruleset_init(struct ruleset *rs)
{
	memset(rs, 0, sizeof(*rs));
	rs->delay_ms = -1;
}

static void
ruleset_free(struct ruleset *rs)
{
	for (size_t i = 0; i < rs->n; i++)
		free(rs->v[i].pat);
	free(rs->v);
	ruleset_init(rs);
}

static void
ruleset_add(struct ruleset *rs, const char *val, size_t len, bool allow)
{
	struct buf b;

	/* "Disallow:" with no path disallows nothing (RFC 9309 2.2.2). */
	if (len == 0 || rs->n >= ROBOTS_MAX_RULES)
		return;
	buf_init(&b, 3 * ROBOTS_MAX_LINE);
	if (url_append_escaped(&b, val, len) != 0) {
		buf_free(&b);
		return;
	}
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 16;
		rs->v = xreallocarray(rs->v, rs->cap, sizeof(*rs->v));
	}
	rs->v[rs->n].len = b.len;
	rs->v[rs->n].allow = allow;
	rs->v[rs->n].pat = buf_steal(&b);
	rs->n++;
}

/* "1", "0.5", "10.25" seconds as milliseconds; -1 if not a number. */
static long
parse_delay(const char *s, size_t len)
{
	long ms = 0, scale = 1000;
	size_t i = 0;

	if (len == 0 || !ascii_isdigit((unsigned char)s[0]))
		return -1;
	for (; i < len && ascii_isdigit((unsigned char)s[i]); i++) {
		ms = ms * 10 + (s[i] - '0') * 1000;
		if (ms > ROBOTS_MAX_DELAY_MS)
			return ROBOTS_MAX_DELAY_MS;
	}
	if (i < len && s[i] == '.')
		for (i++; i < len && ascii_isdigit((unsigned char)s[i]); i++) {
			scale /= 10;
			ms += (s[i] - '0') * scale;
		}
	return i == len ? ms : -1;
}

struct parser {
	const char *token; /* our product token */
	size_t token_len;
	struct ruleset mine, star;
	struct strvec sitemaps;
	bool in_agents;	   /* the last group line was a user-agent line */
	bool group_mine, group_star;
};

static void
on_user_agent(struct parser *p, const char *val, size_t len)
{
	size_t tl;

	/* A user-agent line after rules starts a new group. */
	if (!p->in_agents)
		p->group_mine = p->group_star = false;
	p->in_agents = true;
	if (len > 0 && val[0] == '*' &&
	    (len == 1 || ascii_isspace((unsigned char)val[1]))) {
		p->group_star = true;
		p->star.seen = true;
		return;
	}
	tl = token_len(val, len);
	if (tl > 0 && tl == p->token_len &&
	    ascii_ncasecmp(val, p->token, tl) == 0) {
		p->group_mine = true;
		p->mine.seen = true;
	}
}

static void
on_group_line(struct parser *p, enum key k, const char *val, size_t len)
{
	struct ruleset *sets[2] = { p->group_mine ? &p->mine : NULL,
				    p->group_star ? &p->star : NULL };

	p->in_agents = false;
	for (int i = 0; i < 2; i++) {
		struct ruleset *rs = sets[i];
		long d;

		if (!rs)
			continue;
		if (k != K_DELAY) {
			ruleset_add(rs, val, len, k == K_ALLOW);
			continue;
		}
		d = parse_delay(val, len);
		if (d > rs->delay_ms)
			rs->delay_ms = d;
	}
}

static void
on_sitemap(struct parser *p, const char *val, size_t len)
{
	char *raw, *url = NULL;

	if (p->sitemaps.n >= ROBOTS_MAX_SITEMAPS)
		return;
	raw = xstrndup(val, len);
	if (url_normalize(raw, &url) == 0)
		strvec_add_unique(&p->sitemaps, url);
	free(url);
	free(raw);
}

/* One line without its end-of-line bytes. */
static void
parse_line(struct parser *p, const char *line, size_t len)
{
	const char *hash = memchr(line, '#', len);
	const char *sep, *key, *val;
	size_t klen, vlen;
	enum key k;

	if (hash)
		len = (size_t)(hash - line);
	sep = memchr(line, ':', len);
	if (!sep) {
		/* Google accepts "Disallow /x": key, blank, one value. */
		size_t i = 0;

		while (i < len && !ascii_isspace((unsigned char)line[i]))
			i++;
		sep = i < len ? line + i : NULL;
		if (!sep)
			return;
	}
	key = ascii_trim(line, (size_t)(sep - line), &klen);
	val = ascii_trim(sep + 1, len - (size_t)(sep + 1 - line), &vlen);
	k = lookup_key(key, klen);
	switch (k) {
	case K_USER_AGENT:
		on_user_agent(p, val, vlen);
		break;
	case K_ALLOW:
	case K_DISALLOW:
	case K_DELAY:
		on_group_line(p, k, val, vlen);
		break;
	case K_SITEMAP:
		on_sitemap(p, val, vlen);
		break;
	case K_UNKNOWN:
		break;
	}
}

int
robots_parse(const char *txt, size_t len, const char *agent,
	     struct robots **out)
{
	struct parser p;
	struct robots *r;
	size_t pos = 0;

	if (!txt || !agent || !out)
		return RM_EINVAL;
	memset(&p, 0, sizeof(p));
	p.token = agent;
	p.token_len = token_len(agent, strnlen(agent, TOKEN_MAX + 1));
	if (p.token_len == 0 || p.token_len > TOKEN_MAX)
		return RM_EINVAL;
	ruleset_init(&p.mine);
	ruleset_init(&p.star);

	if (len >= 3 && memcmp(txt, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	if (len > ROBOTS_MAX_BYTES)
		len = ROBOTS_MAX_BYTES;
	while (pos < len) {
		size_t end = pos;

		while (end < len && txt[end] != '\n' && txt[end] != '\r')
			end++;
		/* A line cut by the size cap is dropped, not half-read. */
		if (end == len && len == ROBOTS_MAX_BYTES)
			break;
		if (end - pos <= ROBOTS_MAX_LINE)
			parse_line(&p, txt + pos, end - pos);
		pos = end + 1;
	}

	r = xcalloc(1, sizeof(*r));
	if (p.mine.seen) {
		r->rules = p.mine;
		ruleset_free(&p.star);
	} else {
		r->rules = p.star;
		ruleset_free(&p.mine);
	}
	r->sitemaps = p.sitemaps;
	*out = r;
	return 0;
}

/*
 * Whether PAT (with an optional final '$') matches a prefix of S, or
 * all of S when anchored.  Greedy glob with one backtrack point, which
 * is correct for '*'-only patterns; each step costs one unit of BUDGET.
 * Returns 1, 0, or -1 when the budget ran out.
 */
static int
glob_match(const char *pat, size_t plen, const char *s, size_t slen,
	   long *budget)
{
	bool anchored = plen > 0 && pat[plen - 1] == '$';
	size_t p = 0, i = 0, star_p = 0, star_i = 0;
	bool have_star = false;

	if (anchored)
		plen--;
	for (;;) {
		if (--*budget < 0)
			return -1;
		if (p == plen) {
			if (!anchored || i == slen)
				return 1;
		} else if (pat[p] == '*') {
			have_star = true;
			star_p = ++p;
			star_i = i;
			continue;
		} else if (i < slen && pat[p] == s[i]) {
			p++;
			i++;
			continue;
		}
		if (!have_star || star_i >= slen)
			return 0;
		i = ++star_i;
		p = star_p;
	}
}

bool
robots_allowed(const struct robots *r, const char *path_and_query)
{
	long budget = MATCH_BUDGET;
	size_t best_len = 0;
	bool best_allow = true, matched = false;
	struct buf path;
	bool ok = false;

	if (r->disallow_all)
		return false;
	buf_init(&path, 3 * URL_MAX);
	if (url_append_escaped(&path, path_and_query,
			       strlen(path_and_query)) != 0)
		goto out;
	for (size_t i = 0; i < r->rules.n; i++) {
		const struct rule *ru = &r->rules.v[i];
		int m = glob_match(ru->pat, ru->len, buf_str(&path), path.len,
				   &budget);

		/* Out of budget: a Disallow is assumed to match. */
		if (m == 0 || (m < 0 && ru->allow))
			continue;
		if (!matched || ru->len > best_len ||
		    (ru->len == best_len && ru->allow)) {
			best_len = ru->len;
			best_allow = ru->allow;
			matched = true;
		}
	}
	ok = best_allow;
out:
	buf_free(&path);
	return ok;
}

long
robots_crawl_delay_ms(const struct robots *r)
{
	return r->rules.delay_ms;
}

const struct strvec *
robots_sitemaps(const struct robots *r)
{
	return &r->sitemaps;
}

void
robots_free(struct robots *r)
{
	if (!r)
		return;
	ruleset_free(&r->rules);
	strvec_free(&r->sitemaps);
	free(r);
}

enum robots_verdict
robots_verdict_for_status(long status)
{
	if (status >= 200 && status < 300)
		return ROBOTS_USE_BODY;
	if (status == 429)
		return ROBOTS_DISALLOW_ALL;
	/* A 3xx here means the redirect limit was hit: "unavailable". */
	if (status >= 300 && status < 500)
		return ROBOTS_ALLOW_ALL;
	return ROBOTS_DISALLOW_ALL;
}

struct robots *
robots_new_allow_all(void)
{
	struct robots *r = xcalloc(1, sizeof(*r));

	ruleset_init(&r->rules);
	return r;
}

struct robots *
robots_new_disallow_all(void)
{
	struct robots *r = robots_new_allow_all();

	r->disallow_all = true;
	return r;
}
