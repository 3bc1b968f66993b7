/*
 * The robots.txt gate of an origin (scheme, host, port), as the crawl
 * and `rumormill sources test` both apply it, so that the test says what
 * a crawl will do: what a robots.txt fetch counts as, and the rules it
 * gives (RFC 9309 2.3: an answer that is not there disallows
 * everything for a while; a 4xx allows everything).
 */
#ifndef RM_ORIGIN_H
#define RM_ORIGIN_H

#include <stddef.h>

#include "crawler/fetch.h"
#include "crawler/robots.h"

/*
 * The HTTP status a robots.txt fetch counts as: 0 when no answer came
 * (a timeout, the network, an address refused by policy).  A body over
 * the size limit keeps its status: its first bytes are read (up to the
 * last whole line), as RFC 9309 2.5 allows.  Past the redirect limit
 * counts as the 3xx it was: no rules.
 */
long origin_robots_status(const struct fetch_result *res);

/*
 * The rules for AGENT from a robots.txt answer: STATUS as
 * origin_robots_status gives it and BODY.  *HOW (may be NULL) says what
 * was done: ROBOTS_USE_BODY, ROBOTS_ALLOW_ALL (also for a body that
 * could not be parsed) or ROBOTS_DISALLOW_ALL (the origin is
 * unreachable for now: nothing is fetched from it).  Freed with
 * robots_free.
 */
struct robots *origin_robots_rules(long status, const char *body, size_t len,
				   const char *agent,
				   enum robots_verdict *how);

#endif
