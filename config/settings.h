/*
 * The global configuration, <configdir>/rumormill.conf: how the crawler
 * behaves on the network.  One [crawl] section; every key is optional and
 * described, with its default and bounds, in settings_keys (printed by
 * settings_describe, and shipped as config/rumormill.conf).
 */
#ifndef RM_SETTINGS_H
#define RM_SETTINGS_H

#include <stdbool.h>
#include <stdio.h>

struct settings {
	char *user_agent;	     /* product token first, with a contact */
	long long concurrency;	     /* transfers at once, all hosts */
	long long connect_timeout_ms;
	long long timeout_ms;	     /* whole transfer */
	long long low_speed_limit;   /* bytes/s ... */
	long long low_speed_time_ms; /* ... for this long aborts */
	long long max_body;	     /* bytes */
	long long max_redirects;
	bool allow_private;	     /* fetch private/loopback addresses */
	long long retries;
	long long robots_max_age_ms; /* robots.txt cache lifetime */
	long long workers;	     /* extraction threads, 0 = cores */
	long long claim_lease_ms;    /* shared databases: claims expire */
	char *proxy;		     /* "": the environment's (http_proxy,
					https_proxy, no_proxy...); "none":
					no proxy; else the proxy's URL */
};

/*
 * Fill *OUT from PATH, with defaults for keys not set, or all defaults
 * when PATH does not exist.  Returns 0; RM_ECONFIG when the file has
 * errors (all of them, one "PATH:LINE: message" per line, in *ERR); or
 * RM_EIO when it exists but cannot be read.  *ERR is malloc'd (caller
 * frees) and set only on failure; *OUT only on success, released with
 * settings_free.
 */
int settings_load(const char *path, struct settings *out, char **err);

/* All defaults, as if the file were empty. */
void settings_defaults(struct settings *out);

void settings_free(struct settings *s);

/* Write every key with its help, bounds and default, as comments. */
void settings_describe(FILE *out);

#endif
