#include "crawler/origin.h"

long
origin_robots_status(const struct fetch_result *res)
{
	if (res->outcome == FETCH_TIMEOUT || res->outcome == FETCH_NETWORK ||
	    res->outcome == FETCH_REFUSED)
		return 0;
	return res->status;
}

struct robots *
origin_robots_rules(long status, const char *body, size_t len,
		    const char *agent, enum robots_verdict *how)
{
	enum robots_verdict v = robots_verdict_for_status(status);
	struct robots *r = NULL;

	if (v == ROBOTS_USE_BODY &&
	    robots_parse(body ? body : "", body ? len : 0, agent, &r) != 0)
		v = ROBOTS_ALLOW_ALL;
	if (v == ROBOTS_ALLOW_ALL)
		r = robots_new_allow_all();
	else if (v == ROBOTS_DISALLOW_ALL)
		r = robots_new_disallow_all();
	if (how)
		*how = v;
	return r;
}
