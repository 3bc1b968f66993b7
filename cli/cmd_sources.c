/*
 * rumormill sources list|check|test: the configured sources, their
 * state in the database, their files, and a dry run of one of them.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/format.h"
#include "common/ascii.h"
#include "common/errors.h"
#include "common/xalloc.h"
#include "config/settings.h"
#include "config/sources.h"
#include "crawler/crawl.h"
#include "crawler/discover.h"
#include "crawler/fetch.h"
#include "crawler/hostq.h"
#include "crawler/redirect.h"
#include "crawler/origin.h"
#include "crawler/robots.h"
#include "crawler/url.h"
#include "extract/article.h"
#include "extract/selector.h"
#include "store/crawlstate.h"
#include "store/store.h"

/* Articles `sources test` extracts by default, and at most. */
#define TEST_ARTICLES 3
#define TEST_ARTICLES_MAX 20
/* Links listed per start page (the rest are counted). */
#define TEST_LINKS_MAX 200
/* Origins whose robots.txt one test run reads. */
#define TEST_ORIGINS_MAX 64

static void
sources_usage(FILE *out)
{
	fprintf(out,
		"usage: rumormill sources list\n"
		"       rumormill sources check [DIR]\n"
		"       rumormill sources test [--allow-private] [--resolve "
		"H:P:A]... [--articles N] NAME\n"
		"\n"
		"  list    every source with its last run: pages, failures, "
		"articles and\n"
		"          rumors stored, pages waiting, when it is due\n"
		"  check   validate rumormill.conf and every source file (DIR: "
		"another\n"
		"          sources directory); each error as FILE:LINE; exit "
		"status 2 on any\n"
		"  test    fetch NAME's start URLs now and show the robots.txt "
		"decisions,\n"
		"          the links a crawl would follow and skip (and why), "
		"and the\n"
		"          extraction of the first articles (default %d); "
		"writes nothing\n",
		TEST_ARTICLES);
}

/* ---- list ---- */

static void
fmt_time(long long t, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	/* As the database writes LAST RUN: one format, with its zone. */
	if (t <= 0 || !gmtime_r(&tt, &tm) ||
	    strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, n, "now");
}

static int
sources_list(struct cli *cli)
{
	static const char *const headers[] = {
		"SOURCE", "LAST RUN", "PAGES", "FAILED", "ARTICLES",
		"RUMORS", "WAITING", "NEXT", "LAST ERROR"
	};
	struct crawl_config cc;
	struct store *st = NULL;
	struct crawlstate *cs = NULL;
	struct table *t = NULL;
	char *err = NULL;
	int status;

	status = cli_crawl_config(cli, NULL, &cc);
	if (status)
		goto out;
	if (store_is_server(cli->db_path) || access(cli->db_path, F_OK) == 0) {
		if (store_open(cli->db_path, STORE_READONLY, &st, &err) != 0 ||
		    crawlstate_open(st, &cs) != 0) {
			fprintf(stderr, "rumormill: %s\n",
				err ? err : store_errmsg(st));
			status = EXIT_FAIL;
			goto out;
		}
	}
	t = table_new(9, headers);
	for (size_t i = 0; i < cc.sources->n; i++) {
		const struct source *s = cc.sources->v[i];
		struct crawlstate_source_summary sum;
		char n[5][24], next[32];
		const char *cells[9];

		memset(&sum, 0, sizeof(sum));
		if (cs && crawlstate_source_summary(cs, s->name, &sum) != 0) {
			fprintf(stderr, "rumormill: %s\n", store_errmsg(st));
			status = EXIT_FAIL;
			break;
		}
		snprintf(n[0], sizeof(n[0]), "%lld",
			 sum.last.fetched + sum.last.not_modified);
		snprintf(n[1], sizeof(n[1]), "%lld", sum.last.failed);
		snprintf(n[2], sizeof(n[2]), "%lld", sum.articles);
		snprintf(n[3], sizeof(n[3]), "%lld", sum.rumors);
		snprintf(n[4], sizeof(n[4]), "%lld", sum.pending);
		fmt_time(sum.next_due, next, sizeof(next));
		cells[0] = s->name;
		cells[1] = sum.last_run[0] ? sum.last_run : "never";
		cells[2] = n[0];
		cells[3] = n[1];
		cells[4] = n[2];
		cells[5] = n[3];
		cells[6] = n[4];
		cells[7] = s->enabled ? next : "disabled";
		cells[8] = sum.last_error;
		table_add_row(t, cells);
		free(sum.last_error);
	}
	table_print(t, stdout);
out:
	table_free(t);
	crawlstate_close(cs);
	store_close(st);
	cli_crawl_config_free(&cc);
	free(err);
	return status;
}

/* ---- check ---- */

static int
sources_check(struct cli *cli, const char *dir)
{
	struct crawl_config cc;
	int status = cli_crawl_config(cli, dir, &cc);

	if (!status) {
		for (size_t i = 0; i < cc.sources->n; i++) {
			const struct source *s = cc.sources->v[i];

			printf("ok %s (%s): %zu start URL%s%s\n", s->name,
			       s->file, s->start.n, s->start.n == 1 ? "" : "s",
			       s->enabled ? "" : ", disabled");
		}
		printf("%zu source%s, no errors", cc.sources->n,
		       cc.sources->n == 1 ? "" : "s");
		if (cc.warnings)
			printf(", %zu file%s not read (see the warning%s)",
			       cc.warnings, cc.warnings == 1 ? "" : "s",
			       cc.warnings == 1 ? "" : "s");
		printf("\n");
	}
	cli_crawl_config_free(&cc);
	return status;
}

/* ---- test ---- */

struct tester {
	struct fetcher *f;
	const struct settings *set;
	const struct source *src;
	struct {
		char *key;
		struct robots *rules;
		bool unreachable;
		bool refused;	/* ... as the address policy said no */
		char *why;	/* unreachable: what the fetch said */
	} origins[TEST_ORIGINS_MAX];
	size_t starts_read; /* start URLs fetched and understood */
	size_t norigins;
	char *last_host;
	int64_t last_end;
	long delay_ms;
};

static void
got(struct fetch_result *res, void *ctx)
{
	struct fetch_result *out = ctx;

	*out = *res;
	memset(res, 0, sizeof(*res));
}

/* Fetch URL now, politely after the previous request to its host. */
static int
fetch_now(struct tester *t, const char *url, struct fetch_result *res)
{
	struct fetch_request rq = { url, NULL, NULL, 0, NULL };
	char *host = NULL, *why = NULL;
	int rc;

	memset(res, 0, sizeof(*res));
	if (url_host(url, &host) == 0 && t->last_host &&
	    strcmp(host, t->last_host) == 0) {
		int64_t wait = t->last_end + t->delay_ms - hostq_clock_ms();

		if (wait > 0)
			usleep((useconds_t)wait * 1000);
	}
	free(t->last_host);
	t->last_host = host;
	rc = fetcher_submit(t->f, &rq, &why);
	if (rc) {
		printf("  cannot fetch %s: %s\n", url, why ? why : "?");
		free(why);
		return rc;
	}
	res->outcome = FETCH_NETWORK;
	while (fetcher_pending(t->f))
		if (fetcher_poll(t->f, 1000, got, res) < 0)
			break;
	t->last_end = hostq_clock_ms();
	return 0;
}

static void
describe_result(const char *what, const char *url,
		const struct fetch_result *r)
{
	printf("%s %s: ", what, url);
	if (r->outcome == FETCH_OK)
		printf("HTTP %ld, %s, %zu bytes", r->status,
		       r->content_type ? r->content_type : "no type",
		       r->body.len);
	else if (r->status)
		printf("HTTP %ld, %s", r->status,
		       r->error_msg ? r->error_msg
				    : fetch_outcome_name(r->outcome));
	else
		printf("%s%s", r->error_msg ? r->error_msg
					    : fetch_outcome_name(r->outcome),
		       cli_fetch_hint(r->error_msg));
	printf("\n");
}

/* What a failed robots.txt fetch R said, for the start URLs it stops.
 * Caller frees. */
static char *
robots_why(const struct fetch_result *r, int rc)
{
	char why[512];

	if (rc == 0 && r->status)
		snprintf(why, sizeof(why), "HTTP %ld", r->status);
	else if (rc == 0)
		snprintf(why, sizeof(why), "%s%s",
			 r->error_msg ? r->error_msg
				      : fetch_outcome_name(r->outcome),
			 cli_fetch_hint(r->error_msg));
	else
		snprintf(why, sizeof(why), "not fetched");
	return xstrdup(why);
}

static bool robots_ok(struct tester *t, const char *url);

/*
 * Fetch URL as a crawl does: a redirect's target is fetched next, each
 * hop shown, after the robots.txt of its origin when GATE (robots.txt
 * itself is fetched ungated).  *RES is the last answer, shown too.
 * Returns 0, or -1 when a hop could not be fetched or was disallowed.
 */
static int
fetch_follow(struct tester *t, const char *what, const char *url,
	     bool gate, struct fetch_result *res)
{
	struct strvec chain = STRVEC_INIT;
	char *at = xstrdup(url), *to = NULL;
	int rc;

	strvec_push(&chain, url);
	/* redirect_next ends the chain after max_redirects hops. */
	while ((rc = fetch_now(t, at, res)) == 0 && redirect_is(res) &&
	       redirect_next(res, &chain, (long)t->set->max_redirects,
			     &to) == 0) {
		printf("%s %s: HTTP %ld, redirect to %s\n", what, at,
		       res->status, to);
		fetch_result_clear(res);
		free(at);
		at = to;
		strvec_push(&chain, at);
		if (gate && !robots_ok(t, at)) {
			printf("%s %s: disallowed by robots.txt\n", what, at);
			rc = -1;
			break;
		}
	}
	if (rc == 0)
		describe_result(what, at, res);
	free(at);
	strvec_free(&chain);
	return rc ? -1 : 0;
}

/* Whether the origin's robots.txt lets URL be fetched (fetching it the
 * first time an origin comes up). */
static bool
robots_ok(struct tester *t, const char *url)
{
	char *key = NULL, *path = NULL;
	size_t i;
	bool ok;

	if (url_resolve(url, "/robots.txt", &key) != 0)
		return false;
	for (i = 0; i < t->norigins; i++)
		if (strcmp(t->origins[i].key, key) == 0)
			break;
	if (i == t->norigins && i < TEST_ORIGINS_MAX) {
		struct fetch_result r;
		enum robots_verdict how;
		long status = 0;
		int frc;

		/* Judged as a crawl judges it (crawler/origin.h). */
		frc = fetch_follow(t, "robots", key, false, &r);
		if (frc == 0)
			status = origin_robots_status(&r);
		t->origins[i].key = xstrdup(key);
		t->origins[i].rules = origin_robots_rules(
			status, r.body.data, r.body.len, t->set->user_agent,
			&how);
		if (how == ROBOTS_ALLOW_ALL) {
			printf("  no rules: everything allowed\n");
		} else if (how == ROBOTS_DISALLOW_ALL) {
			t->origins[i].unreachable = true;
			t->origins[i].why = robots_why(&r, frc);
			/* A refused address is not asked at all, so there is
			 * nothing to wait out (see crawl.c). */
			t->origins[i].refused = frc == 0 &&
						r.outcome == FETCH_REFUSED &&
						r.status == 0;
			if (t->origins[i].refused)
				printf("  refused: a crawl fetches nothing "
				       "from this site\n");
			else
				printf("  unreachable: a crawl fetches nothing "
				       "from this site for %d minutes\n",
				       ROBOTS_ERROR_RETRY_SECS / 60);
		}
		if (robots_crawl_delay_ms(t->origins[i].rules) >
		    t->delay_ms) {
			t->delay_ms = robots_crawl_delay_ms(
				t->origins[i].rules);
			if (t->delay_ms > HOSTQ_ROBOTS_DELAY_MAX_MS)
				t->delay_ms = HOSTQ_ROBOTS_DELAY_MAX_MS;
			printf("  Crawl-delay: %ld ms between requests\n",
			       t->delay_ms);
		}
		fetch_result_clear(&r);
		t->norigins++;
	}
	ok = i < t->norigins && url_path_query(url, &path) == 0 &&
	     robots_allowed(t->origins[i].rules, path);
	free(key);
	free(path);
	return ok;
}

static void
show_article(struct cli *cli, struct tester *t, const struct selector *body,
	     const char *url)
{
	struct fetch_result r;
	struct article a;
	struct article_options o;
	const struct rumor_set *rs;

	if (fetch_follow(t, "article", url, true, &r) != 0)
		return;
	if (r.outcome != FETCH_OK || r.status != 200 ||
	    !discover_is_html(r.content_type, r.body.data, r.body.len)) {
		printf("  not extracted\n");
		fetch_result_clear(&r);
		return;
	}
	memset(&o, 0, sizeof(o));
	o.url = r.final_url;
	o.charset = r.charset;
	o.body = body;
	if (article_extract(cli_lexicon(cli), r.body.data, r.body.len, &o,
			    &a) == 0) {
		rs = &a.rumors;
		printf("  title: %s\n  published: %s\n  canonical: %s\n"
		       "  text: %zu bytes\n",
		       a.doc.title, a.doc.published[0] ? a.doc.published : "?",
		       a.doc.canonical ? a.doc.canonical : "-",
		       strlen(a.doc.text));
		for (size_t i = 0; i < rs->ndevices; i++)
			printf("  device: %s\n", rs->devices[i].name);
		for (size_t i = 0; i < rs->nchipsets; i++)
			printf("  chipset: %s\n", rs->chipsets[i].name);
		for (size_t i = 0; i < rs->nclaims; i++)
			printf("  rumor: %s %s %s\n", rs->claims[i].subject,
			       rs->claims[i].attribute, rs->claims[i].value);
	} else {
		printf("  nothing extracted\n");
	}
	article_free(&a);
	fetch_result_clear(&r);
}

/* Why URL's origin has no robots.txt rules but "no", or NULL when its
 * robots.txt was read.  *REFUSED: the address itself was refused. */
static const char *
robots_unreachable(const struct tester *t, const char *url, bool *refused)
{
	const char *why = NULL;
	char *key = NULL;

	if (url_resolve(url, "/robots.txt", &key) != 0)
		return NULL;
	for (size_t i = 0; i < t->norigins; i++)
		if (strcmp(t->origins[i].key, key) == 0 &&
		    t->origins[i].unreachable) {
			why = t->origins[i].why;
			*refused = t->origins[i].refused;
		}
	free(key);
	return why;
}

/* One start page: what it is and what a crawl would do with its links. */
static void
test_start(struct tester *t, const char *url, struct strvec *articles,
	   size_t want)
{
	struct fetch_result r;
	struct discovery d;
	char *why = NULL;
	size_t shown = 0;

	if (!robots_ok(t, url)) {
		bool refused = false;
		const char *why = robots_unreachable(t, url, &refused);

		/* Unreachable is not a robots.txt that says no. */
		if (why && refused)
			printf("start %s: not fetched: %s\n", url, why);
		else if (why)
			printf("start %s: not fetched: robots.txt "
			       "unreachable (%s)\n", url, why);
		else
			printf("start %s: disallowed by robots.txt\n", url);
		return;
	}
	if (fetch_follow(t, "start", url, true, &r) != 0)
		return;
	if (r.outcome != FETCH_OK || r.status < 200 || r.status > 299) {
		fetch_result_clear(&r);
		return;
	}
	if (discover_page(t->src, r.final_url, r.body.data ? r.body.data : "",
			  r.body.len, r.content_type, &d, &why) != 0) {
		printf("  not a feed, sitemap or HTML page: %s\n",
		       why ? why : "?");
		free(why);
		fetch_result_clear(&r);
		return;
	}
	t->starts_read++;
	printf("  %s%s%s%s: %zu links, %zu to follow", d.kind,
	       d.title ? " \"" : "", d.title ? d.title : "",
	       d.title ? "\"" : "", d.n_links, d.n_follow);
	if (d.ttl_secs >= 0)
		printf(", ttl %lds", d.ttl_secs);
	printf("\n");
	for (size_t i = 0; i < d.n_links && shown < TEST_LINKS_MAX; i++) {
		const struct discover_link *l = &d.links[i];
		bool allowed;

		shown++;
		if (l->verdict != DISCOVER_FOLLOW) {
			printf("  skip    %s (%s)\n", l->url,
			       discover_verdict_name(l->verdict));
			continue;
		}
		allowed = robots_ok(t, l->url);
		printf("  %s %s\n", allowed ? "follow " : "robots ", l->url);
		if (allowed && articles->n < want)
			strvec_add_unique(articles, l->url);
	}
	if (d.n_links > shown)
		printf("  ... %zu more\n", d.n_links - shown);
	for (size_t i = 0; i < d.sitemaps.n; i++)
		printf("  sitemap %s (read by a crawl)\n", d.sitemaps.v[i]);
	if (d.next)
		printf("  next    %s (read by a crawl, up to %d pages)\n",
		       d.next, CRAWL_INDEX_PAGES_MAX);
	discovery_free(&d);
	fetch_result_clear(&r);
}

static int
sources_test(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{ "allow-private", no_argument, NULL, 'p' },
		{ "resolve", required_argument, NULL, 'R' },
		{ "articles", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli_resolve resolve = { { NULL }, 0 };
	struct strvec articles = STRVEC_INIT;
	struct fetch_settings fs;
	struct crawl_config cc;
	struct tester t;
	struct selector *body = NULL;
	unsigned long long want = TEST_ARTICLES;
	bool allow_private = false;
	char *err = NULL;
	int c, status;

	memset(&t, 0, sizeof(t));
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case 'p': allow_private = true; break;
		case 'R':
			if (!cli_resolve_add(&resolve, optarg))
				return EXIT_USAGE;
			break;
		case 'a':
			if (parse_uint(optarg, TEST_ARTICLES_MAX, &want) != 0) {
				fprintf(stderr, "rumormill: sources test: "
						"--articles: 0 to %d\n",
					TEST_ARTICLES_MAX);
				return EXIT_USAGE;
			}
			break;
		case 'h': sources_usage(stdout); return EXIT_OK;
		default: sources_usage(stderr); return EXIT_USAGE;
		}
	}
	if (argc - optind != 1) {
		sources_usage(stderr);
		return EXIT_USAGE;
	}
	status = cli_crawl_config(cli, NULL, &cc);
	if (status)
		goto out;
	t.src = sources_find(cc.sources, argv[optind]);
	if (!t.src) {
		fprintf(stderr, "rumormill: sources test: no source called "
				"'%s' in %s\n", argv[optind], cc.sources_dir);
		status = EXIT_USAGE;
		goto out;
	}
	if (!cli_lexicon(cli)) {
		status = EXIT_USAGE;
		goto out;
	}
	if (t.src->body && selector_parse(t.src->body, &body, NULL) != 0) {
		status = EXIT_USAGE;
		goto out;
	}
	crawl_fetch_settings(cc.settings, allow_private,
			     resolve.n ? resolve.v : NULL, &fs);
	/* One quick try each: this is a look, not a crawl. */
	fs.max_attempts = 1;
	t.f = fetcher_new(&fs, &err);
	if (!t.f) {
		fprintf(stderr, "rumormill: sources test: %s\n",
			err ? err : "cannot start the fetcher");
		status = EXIT_FAIL;
		goto out;
	}
	t.set = cc.settings;
	t.delay_ms = (long)t.src->delay_ms;
	printf("source %s (%s), delay %lld ms, follow %s%s%s\n", t.src->name,
	       t.src->file, t.src->delay_ms, t.src->follow,
	       t.src->skip ? ", skip " : "", t.src->skip ? t.src->skip : "");
	for (size_t i = 0; i < t.src->start.n; i++)
		test_start(&t, t.src->start.v[i], &articles, want);
	for (size_t i = 0; i < articles.n; i++)
		show_article(cli, &t, body, articles.v[i]);
	/* As in a crawl: a source none of whose start URLs can be read is
	 * a failure. */
	if (t.starts_read == 0) {
		fprintf(stderr, "rumormill: sources test: %s: none of its "
				"start URLs could be read\n", t.src->name);
		status = EXIT_FAIL;
	}
out:
	for (size_t i = 0; i < t.norigins; i++) {
		free(t.origins[i].why);
		free(t.origins[i].key);
		robots_free(t.origins[i].rules);
	}
	free(t.last_host);
	fetcher_free(t.f);
	selector_free(body);
	strvec_free(&articles);
	cli_crawl_config_free(&cc);
	free(err);
	return status;
}

int
cmd_sources(struct cli *cli, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : NULL;

	if (!sub || strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0) {
		sources_usage(sub ? stdout : stderr);
		return sub ? EXIT_OK : EXIT_USAGE;
	}
	if (strcmp(sub, "list") == 0 || strcmp(sub, "check") == 0) {
		if (cli_wants_help(argc - 1, argv + 1)) {
			sources_usage(stdout);
			return EXIT_OK;
		}
		if (sub[0] == 'l' && argc == 2)
			return sources_list(cli);
		if (sub[0] == 'c' && argc <= 3)
			return sources_check(cli, argc == 3 ? argv[2] : NULL);
		sources_usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(sub, "test") == 0)
		return sources_test(cli, argc - 1, argv + 1);
	fprintf(stderr, "rumormill: sources: unknown subcommand '%s'\n", sub);
	sources_usage(stderr);
	return EXIT_USAGE;
}
