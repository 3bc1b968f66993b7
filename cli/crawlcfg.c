/*
 * The crawl's configuration as the crawl and sources commands load it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "common/ascii.h"
#include "common/buf.h"
#include "common/errors.h"
#include "common/log.h"
#include "common/strvec.h"
#include "common/xalloc.h"
#include "config/settings.h"
#include "config/sources.h"

static char *
join(const char *a, const char *b)
{
	struct buf p;

	buf_init(&p, (size_t)-1 / 2);
	buf_printf(&p, "%s/%s", a, b);
	return buf_steal(&p);
}

/* ERR is a list of lines; print each on stderr. */
static void
print_errors(const char *err)
{
	fprintf(stderr, "%s", err);
	if (*err && err[strlen(err) - 1] != '\n')
		fputc('\n', stderr);
}

/* A file the user put into sources.d but named otherwise is not a
 * source: say so, or its site is silently never crawled. */
static void
warn_ignored(struct crawl_config *cc)
{
	struct strvec names = STRVEC_INIT;

	sources_ignored(cc->sources_dir, &names);
	for (size_t i = 0; i < names.n; i++)
		log_warn("%s/%s: not read: source files are named NAME.ini",
			 cc->sources_dir, names.v[i]);
	cc->warnings = names.n;
	strvec_free(&names);
}

int
cli_crawl_config(struct cli *cli, const char *sources_dir,
		 struct crawl_config *out)
{
	char *err = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	out->conf_path = join(cli->config_dir, "rumormill.conf");
	out->sources_dir = sources_dir ? xstrdup(sources_dir)
				       : join(cli->config_dir, "sources.d");
	out->settings = xcalloc(1, sizeof(*out->settings));
	rc = settings_load(out->conf_path, out->settings, &err);
	if (rc) {
		if (err)
			print_errors(err);
		else
			fprintf(stderr, "rumormill: %s: %s\n", out->conf_path,
				rm_strerror(rc));
		free(err);
		free(out->settings);
		out->settings = NULL;
		return EXIT_USAGE;
	}
	rc = sources_load_dir(out->sources_dir, &out->sources, &err);
	if (rc == RM_EIO && !sources_dir) {
		fprintf(stderr,
			"rumormill: no sources: cannot read %s\n"
			"  Put one INI file per site there; examples are in "
			"%s/sources.d\n",
			out->sources_dir, cli->data_dir);
	} else if (rc) {
		if (err)
			print_errors(err);
		else
			fprintf(stderr, "rumormill: %s: %s\n", out->sources_dir,
				rm_strerror(rc));
	}
	free(err);
	if (!rc)
		warn_ignored(out);
	return rc ? EXIT_USAGE : 0;
}

void
cli_crawl_config_free(struct crawl_config *cc)
{
	if (cc->settings)
		settings_free(cc->settings);
	free(cc->settings);
	sources_free(cc->sources);
	free(cc->conf_path);
	free(cc->sources_dir);
	memset(cc, 0, sizeof(*cc));
}

const char *
cli_fetch_hint(const char *why)
{
	/* netguard's words for an address the policy refuses. */
	if (why && strstr(why, " is a private address"))
		return " (--allow-private, or allow_private = yes in "
		       "rumormill.conf, allows it)";
	return "";
}

bool
cli_resolve_add(struct cli_resolve *r, const char *arg)
{
	const char *c1 = strchr(arg, ':');
	const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	unsigned long long port;
	char digits[8];
	size_t n;

	n = c2 ? (size_t)(c2 - c1 - 1) : 0;
	if (!c1 || !c2 || c1 == arg || !c2[1] || n == 0 ||
	    n >= sizeof(digits)) {
		fprintf(stderr, "rumormill: --resolve: '%s' is not "
				"HOST:PORT:ADDRESS\n", arg);
		return false;
	}
	memcpy(digits, c1 + 1, n);
	digits[n] = '\0';
	if (parse_uint(digits, 65535, &port) != 0 || port == 0) {
		fprintf(stderr, "rumormill: --resolve: bad port in '%s'\n",
			arg);
		return false;
	}
	if (r->n == CLI_RESOLVE_MAX) {
		fprintf(stderr, "rumormill: --resolve: at most %d entries\n",
			CLI_RESOLVE_MAX);
		return false;
	}
	r->v[r->n++] = arg;
	r->v[r->n] = NULL;
	return true;
}
