/*
 * rumormill.conf: the key table and its loader.
 */
#include "config/settings.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/ascii.h"
#include "common/buf.h"
#include "common/errors.h"
#include "common/xalloc.h"
#include "config/values.h"

#define SECTION "crawl"
/* Longest User-Agent accepted. */
#define USER_AGENT_MAX 256

static int set_user_agent(const struct cfg_key *k, void *obj,
			  const char *value, struct buf *err);
static int set_proxy(const struct cfg_key *k, void *obj, const char *value,
		     struct buf *err);
/* Longest proxy URL accepted. */
#define PROXY_MAX 1024

#define OFF(f) offsetof(struct settings, f)
#define SEC 1000.0
#define MIB (1024.0 * 1024.0)

static const struct cfg_key keys[] = {
	{ "user_agent", CFG_CUSTOM,
	  "rumormill/0.1 (+https://github.com/rumormill/rumormill)", 0, 0,
	  OFF(user_agent), set_user_agent, false,
	  "User-Agent header: a product token (matched against robots.txt "
	  "groups) and a contact URL or e-mail address" },
	{ "concurrency", CFG_INT, "8", 1, 64, OFF(concurrency), NULL, false,
	  "transfers in flight at once, over all hosts (one per host)" },
	{ "connect_timeout", CFG_DURATION, "10s", 1 * SEC, 120 * SEC,
	  OFF(connect_timeout_ms), NULL, false,
	  "give up connecting after this long" },
	{ "timeout", CFG_DURATION, "30s", 1 * SEC, 600 * SEC, OFF(timeout_ms),
	  NULL, false, "give up on a whole transfer after this long" },
	{ "low_speed_limit", CFG_SIZE, "1k", 0, 100 * MIB,
	  OFF(low_speed_limit), NULL, false,
	  "bytes per second below which a transfer counts as stalled" },
	{ "low_speed_time", CFG_DURATION, "15s", 1 * SEC, 600 * SEC,
	  OFF(low_speed_time_ms), NULL, false,
	  "abort a transfer stalled for this long" },
	{ "max_body", CFG_SIZE, "5M", 64 * 1024.0, 100 * MIB, OFF(max_body),
	  NULL, false, "largest response body kept (after decompression)" },
	{ "max_redirects", CFG_INT, "5", 0, 10, OFF(max_redirects), NULL, false,
	  "redirects followed per fetch" },
	{ "allow_private", CFG_BOOL, "no", 0, 0, OFF(allow_private), NULL,
	  false,
	  "fetch from loopback and private addresses (tests and intranets)" },
	{ "retries", CFG_INT, "2", 0, 5, OFF(retries), NULL, false,
	  "retries after a timeout, a 429 or a 5xx, with growing delays" },
	{ "robots_max_age", CFG_DURATION, "24h", 60 * SEC, 7 * 86400 * SEC,
	  OFF(robots_max_age_ms), NULL, false,
	  "how long a fetched robots.txt is trusted (RFC 9309: 24h)" },
	{ "workers", CFG_INT, "0", 0, 64, OFF(workers), NULL, false,
	  "extraction threads; 0 means one per CPU core it may use" },
	{ "claim_lease", CFG_DURATION, "10m", 5 * SEC, 86400 * SEC,
	  OFF(claim_lease_ms), NULL, false,
	  "with a PostgreSQL database shared by several crawls: how long a "
	  "crawl's claim on a URL holds before another may take it over" },
	{ "proxy", CFG_CUSTOM, "", 0, 0, OFF(proxy), set_proxy, false,
	  "proxy for every request, as libcurl takes it "
	  "(http://host:port, socks5h://host:port); empty: the environment's "
	  "http_proxy, https_proxy, all_proxy and no_proxy; none: no proxy, "
	  "whatever the environment says" },
};

#define N_KEYS (sizeof(keys) / sizeof(keys[0]))

/*
 * Printable ASCII, a product token first (robots.txt groups are matched
 * on it), and a way to reach the operator: sites that see a crawler
 * misbehave want to know whom to tell.
 */
static int
set_user_agent(const struct cfg_key *k, void *obj, const char *value,
	       struct buf *err)
{
	char **field = (char **)((char *)obj + k->offset);
	size_t len = strlen(value);

	if (len == 0 || len > USER_AGENT_MAX) {
		buf_printf(err, "%s: must be 1 to %d characters", k->name,
			   USER_AGENT_MAX);
		return RM_ECONFIG;
	}
	for (size_t i = 0; i < len; i++)
		if (value[i] < 0x20 || value[i] > 0x7e) {
			buf_printf(err, "%s: only printable ASCII is allowed",
				   k->name);
			return RM_ECONFIG;
		}
	if (!ascii_isalpha((unsigned char)value[0])) {
		buf_printf(err, "%s: must start with a product token like "
				"\"rumormill/1.0\"",
			   k->name);
		return RM_ECONFIG;
	}
	if (!strstr(value, "http://") && !strstr(value, "https://") &&
	    !strchr(value, '@')) {
		buf_printf(err, "%s: must contain a contact URL or e-mail "
				"address",
			   k->name);
		return RM_ECONFIG;
	}
	free(*field);
	*field = xstrdup(value);
	return 0;
}

void
settings_defaults(struct settings *out)
{
	memset(out, 0, sizeof(*out));
	cfg_defaults(keys, N_KEYS, out);
}

int
settings_load(const char *path, struct settings *out, char **err)
{
	struct settings s;
	struct buf errors;
	size_t n_errors = 0;
	struct stat st;
	int rc;

	settings_defaults(&s);
	if (stat(path, &st) != 0 && errno == ENOENT) {
		*out = s;
		return 0;
	}
	buf_init(&errors, 64 * 1024);
	rc = cfg_load_file(path, SECTION, keys, N_KEYS, &s, &errors,
			   &n_errors);
	if (rc == 0 && n_errors)
		rc = RM_ECONFIG;
	if (rc) {
		cfg_errors_finish(&errors, n_errors);
		*err = buf_steal(&errors);
		settings_free(&s);
	} else {
		*out = s;
	}
	buf_free(&errors);
	return rc;
}

/* A URL-ish word: printable ASCII without spaces (it becomes a libcurl
 * option, never a header). */
static int
set_proxy(const struct cfg_key *k, void *obj, const char *value,
	  struct buf *err)
{
	char **field = (char **)((char *)obj + k->offset);
	size_t len = strlen(value);

	if (len > PROXY_MAX) {
		buf_printf(err, "%s: longer than %d characters", k->name,
			   PROXY_MAX);
		return RM_ECONFIG;
	}
	for (size_t i = 0; i < len; i++)
		if (value[i] <= 0x20 || value[i] > 0x7e) {
			buf_printf(err, "%s: a URL without spaces, in "
					"printable ASCII", k->name);
			return RM_ECONFIG;
		}
	free(*field);
	*field = xstrdup(value);
	return 0;
}

void
settings_free(struct settings *s)
{
	free(s->user_agent);
	s->user_agent = NULL;
	free(s->proxy);
	s->proxy = NULL;
}

void
settings_describe(FILE *out)
{
	fprintf(out, "[%s]\n", SECTION);
	cfg_describe(keys, N_KEYS, out);
}
