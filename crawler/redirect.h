/*
 * Redirects, followed by the crawl itself rather than by libcurl, so
 * that every hop is a new request: the robots.txt of the target's
 * origin is consulted and its host's delay waited out (crawl.c), and
 * `sources test` shows where a page went.
 *
 * A chain is the list of URLs requested so far, the first one asked
 * for first.  A hop is refused when its target is not an http(s) URL,
 * when it is one more than the configured maximum, or when it leads
 * back to a URL of the chain.
 */
#ifndef RM_REDIRECT_H
#define RM_REDIRECT_H

#include <stdbool.h>

#include "common/strvec.h"
#include "crawler/fetch.h"

/* True when R is a redirect to follow: 301, 302, 303, 307 or 308 with a
 * Location header. */
bool redirect_is(const struct fetch_result *r);

/* True for the permanent ones (301, 308): the target may be remembered
 * and asked for directly next time. */
bool redirect_is_permanent(long status);

/*
 * The next hop of redirect R (redirect_is), whose request ended CHAIN
 * (r->url is CHAIN's last URL), allowing at most MAX redirects in all.
 * Returns 0 with *TO the Location resolved against r->url and
 * normalised (malloc'd, caller frees).  Otherwise R becomes a failed
 * fetch, the error and its message set, and *TO is untouched:
 * RM_EINVAL (outcome FETCH_REFUSED) for a target that is not an http(s)
 * URL, RM_ELIMIT (outcome FETCH_REDIRECTS) for a hop past MAX or back
 * to a URL of CHAIN.
 */
int redirect_next(struct fetch_result *r, const struct strvec *chain,
		  long max, char **to);

#endif
