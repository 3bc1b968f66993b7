#include "crawler/redirect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ascii.h"
#include "common/errors.h"
#include "common/xalloc.h"
#include "crawler/url.h"

#define WHY_MAX 512

bool
redirect_is(const struct fetch_result *r)
{
	return r->outcome == FETCH_OK && r->location &&
	       (r->status == 301 || r->status == 302 || r->status == 303 ||
		r->status == 307 || r->status == 308);
}

bool
redirect_is_permanent(long status)
{
	return status == 301 || status == 308;
}

/* Whether LOC names a scheme other than http and https ("ftp:", "data:"). */
static bool
other_scheme(const char *loc)
{
	size_t i = 0;

	while (ascii_isalnum((unsigned char)loc[i]) || loc[i] == '+' ||
	       loc[i] == '-' || loc[i] == '.')
		i++;
	if (i == 0 || loc[i] != ':')
		return false;
	return !((i == 4 && ascii_ncasecmp(loc, "http", 4) == 0) ||
		 (i == 5 && ascii_ncasecmp(loc, "https", 5) == 0));
}

/* Turn R into a failed fetch with outcome O, error RC and message WHY. */
static int
fail(struct fetch_result *r, enum fetch_outcome o, int rc, const char *why)
{
	r->outcome = o;
	r->error = rc;
	free(r->error_msg);
	r->error_msg = xstrdup(why);
	return rc;
}

int
redirect_next(struct fetch_result *r, const struct strvec *chain, long max,
	      char **to)
{
	char why[WHY_MAX];
	char *target = NULL;

	if (url_resolve(r->url, r->location, &target) != 0) {
		snprintf(why, sizeof(why), "refused: redirect to %s: %.200s",
			 other_scheme(r->location) ? "a non-http(s) URL"
						   : "a malformed URL",
			 r->location);
		return fail(r, FETCH_REFUSED, RM_EINVAL, why);
	}
	/* The chain holds the first URL and every hop's target. */
	if (chain->n > (size_t)(max > 0 ? max : 0)) {
		snprintf(why, sizeof(why), "more than %ld redirects", max);
		free(target);
		return fail(r, FETCH_REDIRECTS, RM_ELIMIT, why);
	}
	if (strvec_contains(chain, target)) {
		snprintf(why, sizeof(why), "redirect loop: back to %.200s",
			 target);
		free(target);
		return fail(r, FETCH_REDIRECTS, RM_ELIMIT, why);
	}
	*to = target;
	return 0;
}
