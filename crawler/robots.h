/*
 * robots.txt per RFC 9309, the way Google's open-source parser reads it.
 *
 * A file is parsed once for one crawler (its product token, taken from
 * the start of the User-Agent string: "rumormill/1.0 (+https://...)" is
 * "rumormill").  The groups whose user-agent lines name that token,
 * case-insensitively, are merged; when there are none, the "*" groups
 * are merged instead; when there are none of those either, everything
 * is allowed.  Within the chosen rules the longest matching pattern
 * wins and Allow wins a tie.  Patterns support "*" (any run of bytes)
 * and a final "$" (end of the path); percent-escapes in patterns and
 * paths are compared in one spelling (see url_append_escaped).
 *
 * Limits (hitting one is not an error): the first ROBOTS_MAX_BYTES are
 * parsed, longer lines are skipped, at most ROBOTS_MAX_RULES rules and
 * ROBOTS_MAX_SITEMAPS sitemaps are kept.
 */
#ifndef RM_ROBOTS_H
#define RM_ROBOTS_H

#include <stdbool.h>
#include <stddef.h>

#include "common/strvec.h"

#define ROBOTS_MAX_BYTES (500 * 1024) /* RFC 9309 2.5: at least 500 KiB */
#define ROBOTS_MAX_LINE 4096
#define ROBOTS_MAX_RULES 10000
#define ROBOTS_MAX_SITEMAPS 100
/* Crawl-delay values above this are clamped to it. */
#define ROBOTS_MAX_DELAY_MS (3600L * 1000)
/* How long an unreachable robots.txt (5xx, 429, network error) keeps the
 * whole site disallowed before it is fetched again. */
#define ROBOTS_ERROR_RETRY_SECS 3600

struct robots;

/*
 * Parse LEN bytes of robots.txt for the crawler whose User-Agent string
 * is AGENT.  *OUT is freed with robots_free.  Returns 0 (any content
 * parses, junk lines are ignored), or RM_EINVAL for a NULL argument or
 * an AGENT without a product token.
 */
int robots_parse(const char *txt, size_t len, const char *agent,
		 struct robots **out);

/*
 * Whether PATH_AND_QUERY (starting with "/", as in a normalised URL) may
 * be fetched.  Non-ASCII bytes and escapes are compared canonically.  A
 * pattern that makes matching exceed its work budget counts as a match
 * for Disallow rules only, so a hostile file can slow us down, never
 * open a path up.
 */
bool robots_allowed(const struct robots *r, const char *path_and_query);

/* The Crawl-delay of the chosen group in milliseconds, or -1 if none. */
long robots_crawl_delay_ms(const struct robots *r);

/* The Sitemap URLs (normalised, distinct) in file order; owned by R. */
const struct strvec *robots_sitemaps(const struct robots *r);

void robots_free(struct robots *r);

/*
 * What to do after fetching /robots.txt (RFC 9309 2.3.1), given the
 * final HTTP status after redirects, or 0 when the server could not be
 * reached.  Google treats 429 like 5xx, and so do we.
 */
enum robots_verdict {
	ROBOTS_USE_BODY,     /* 2xx: robots_parse the body */
	ROBOTS_ALLOW_ALL,    /* 4xx but 429 (or too many redirects): no rules */
	ROBOTS_DISALLOW_ALL, /* 5xx, 429, unreachable: fetch nothing, retry
				after ROBOTS_ERROR_RETRY_SECS */
};
enum robots_verdict robots_verdict_for_status(long http_status);

/* A rule set that allows or disallows everything, for the verdicts
 * above; freed with robots_free. */
struct robots *robots_new_allow_all(void);
struct robots *robots_new_disallow_all(void);

#endif
