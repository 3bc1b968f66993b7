/*
 * The crawl against real HTTP servers on 127.0.0.2.. (named with
 * `resolve`, as virtual hosts s0.test, s1.test, ...) that misbehave the
 * ways sites do: redirects and loops, 404/500/429 with Retry-After,
 * stalls, oversized bodies, gzip bombs, Latin-1 and broken UTF-8,
 * non-HTML, canonical duplicates, feeds, sitemap indexes, conditional
 * GET.  Each test runs crawl_run on a fresh
 * database and checks the database and the servers' request logs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "common/buf.h"
#include "common/xalloc.h"
#include "config/settings.h"
#include "config/sources.h"
#include "crawler/crawl.h"
#include "extract/charset.h"
#include "tests/support/httpd.h"
#include "tests/support/lexicon_fixture.h"

#define SITES_MAX 3

struct site {
	struct httpd *h;
	char host[64]; /* "s0.test:PORT" */
	char resolve[96];
};

struct env {
	const struct lexicon *lx;
	char dir[64];
	char db[128];
	struct site s[SITES_MAX];
	size_t nsites;
	const char *resolve[SITES_MAX + 1];
	struct settings set;
	struct crawl_stats stats;
};

static void
env_init(struct env *e, void **state)
{
	memset(e, 0, sizeof(*e));
	e->lx = *state;
	snprintf(e->dir, sizeof(e->dir), "/tmp/rm-crawl.XXXXXX");
	assert_non_null(mkdtemp(e->dir));
	snprintf(e->db, sizeof(e->db), "%s/db", e->dir);
	settings_defaults(&e->set);
	e->set.allow_private = false; /* --allow-private turns it on */
	e->set.timeout_ms = 1500;
	e->set.connect_timeout_ms = 1000;
	e->set.low_speed_time_ms = 1000;
	e->set.max_body = 256 * 1024;
	e->set.retries = 1;
	e->set.workers = 2;
}

static void
env_free(struct env *e)
{
	char cmd[160];

	for (size_t i = 0; i < e->nsites; i++)
		httpd_stop(e->s[i].h);
	settings_free(&e->set);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", e->dir);
	assert_int_equal(system(cmd), 0);
}

/* Site I on 127.0.0.(2+I), known to the crawl as sI.test. */
static struct site *
site_start(struct env *e, const struct httpd_route *routes, size_t n)
{
	struct site *s = &e->s[e->nsites];
	char addr[16];

	snprintf(addr, sizeof(addr), "127.0.0.%zu", e->nsites + 2);
	s->h = httpd_start(addr, routes, n);
	assert_non_null(s->h);
	snprintf(s->host, sizeof(s->host), "s%zu.test:%u", e->nsites,
		 httpd_port(s->h));
	snprintf(s->resolve, sizeof(s->resolve), "s%zu.test:%u:%s", e->nsites,
		 httpd_port(s->h), addr);
	e->resolve[e->nsites++] = s->resolve;
	return s;
}

/* "http://sI.test:PORT/PATH" into OUT. */
static const char *
url(const struct site *s, const char *path, char out[256])
{
	snprintf(out, 256, "http://%s%s", s->host, path);
	return out;
}

/* Serve at PATH a sitemap of S's PATHS (NULL-terminated). */
static void
add_sitemap(struct site *s, const char *path, const char *const *paths)
{
	struct buf b;
	char u[256];
	struct httpd_route r = { 0 };

	buf_init(&b, 1 << 20);
	buf_append_str(&b, "<?xml version=\"1.0\"?><urlset xmlns=\"http://"
			   "www.sitemaps.org/schemas/sitemap/0.9\">");
	for (size_t i = 0; paths[i]; i++)
		buf_printf(&b, "<url><loc>%s</loc></url>",
			   url(s, paths[i], u));
	buf_append_str(&b, "</urlset>");
	r.path = path;
	r.content_type = "application/xml";
	r.body = buf_str(&b);
	httpd_add_route(s->h, &r);
	buf_free(&b);
}

static void
write_source(struct env *e, const char *name, const char *start,
	     const char *extra)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/sources.d", e->dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/sources.d/%s.ini", e->dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "[source]\nstart = %s\nfollow = ^http://s\\d\\.test:\\d+/\n"
		   "skip = \\.xml|robots\\.txt\ndelay = 0\n%s",
		start, extra ? extra : "");
	fclose(f);
}

/* CRAWL_DEBUG=1 in the environment shows every fetch. */
static void
on_event(const struct crawl_event *ev, void *ctx)
{
	(void)ctx;
	if (ev->kind != CRAWL_EVENT_PROGRESS && getenv("CRAWL_DEBUG"))
		fprintf(stderr, "  %lld %ld %s %s: %s (%ld ms)\n",
			(long long)httpd_now_ms(), ev->status,
			ev->what ? ev->what : "-", ev->url ? ev->url : "-",
			ev->outcome, ev->ms);
}

/* One crawl of every source; returns crawl_run's result. */
static int
crawl(struct env *e, bool revisit)
{
	struct crawl_options o;
	struct source_list *l = NULL;
	struct store *st = NULL;
	char path[128], *err = NULL;
	int rc;

	snprintf(path, sizeof(path), "%s/sources.d", e->dir);
	rc = sources_load_dir(path, &l, &err);
	if (rc)
		fprintf(stderr, "%s\n", err ? err : "?");
	assert_int_equal(rc, 0);
	assert_int_equal(store_open(e->db, 0, &st, &err), 0);
	memset(&o, 0, sizeof(o));
	o.settings = &e->set;
	o.sources = l;
	o.lexicon = e->lx;
	o.allow_private = true;
	o.revisit = revisit;
	o.resolve = e->resolve;
	o.retry_base_ms = 100;
	o.on_event = on_event;
	rc = crawl_run(st, &o, &e->stats, &err);
	if (rc)
		fprintf(stderr, "crawl: %s\n", err ? err : "?");
	free(err);
	store_close(st);
	sources_free(l);
	return rc;
}

/* The first column of SQL's first row, as text (caller frees) and as
 * a number (-1 when there is no row). */
static char *
db_query(struct env *e, const char *sql, long long *num)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	char *v = NULL;

	*num = -1;
	assert_int_equal(sqlite3_open_v2(e->db, &db, SQLITE_OPEN_READONLY,
					 NULL),
			 SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW) {
		*num = sqlite3_column_int64(s, 0);
		if (sqlite3_column_text(s, 0))
			v = xstrdup((const char *)sqlite3_column_text(s, 0));
	} else {
		fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

static long long
db_int(struct env *e, const char *sql)
{
	long long n;

	free(db_query(e, sql, &n));
	return n;
}

static char *
db_text(struct env *e, const char *sql)
{
	long long n;
	char *v = db_query(e, sql, &n);

	assert_non_null(v);
	return v;
}

/* The frontier row of PATH on site S: "state status error". */
static void
expect_row(struct env *e, const struct site *s, const char *path,
	   const char *state, const char *error_part)
{
	char sql[600], u[256];
	long long n;

	snprintf(sql, sizeof(sql),
		 "SELECT count(*) FROM crawl_frontier WHERE url = '%s'"
		 " AND state = '%s' AND coalesce(last_error, '') LIKE '%%%s%%'",
		 url(s, path, u), state, error_part ? error_part : "");
	n = db_int(e, sql);
	if (n != 1)
		fprintf(stderr, "expected %s %s (%s)\n", u, state,
			error_part ? error_part : "");
	assert_int_equal(n, 1);
}

/* Requests for PATH in S's log. */
static size_t
requests(const struct site *s, const char *path)
{
	struct httpd_request r;
	size_t n = 0;

	for (size_t i = 0; httpd_log_get(s->h, i, &r); i++)
		if (strcmp(r.path, path) == 0)
			n++;
	return n;
}

static const char ARTICLE[] =
	"<!DOCTYPE html><html><head><title>Galaxy S24 Ultra chip</title>"
	"<meta property=\"article:published_time\" content=\"2023-11-20\">"
	"</head><body><article><h1>Galaxy S24 Ultra chip</h1>"
	"<p>The Samsung Galaxy S24 Ultra will use the Snapdragon 8 Gen 3 "
	"chipset in every market, according to a new report from a "
	"reliable tipster who has been right before.</p>"
	"<p>Samsung is expected to launch the phone on January 17, 2024 at "
	"its Unpacked event in San Jose, the report adds.</p>"
	"</article></body></html>";

/* ---- tests ---- */

/* A redirect is followed and the article stored under its target; a
 * loop fails the page, without harm to the run. */
static void
test_redirects(void **state)
{
	struct env e;
	struct httpd_route routes[] = {
		{ .path = "/target", .body = ARTICLE },
		{ .path = "/old", .kind = HTTPD_REDIRECT, .status = 301,
		  .location = "/target" },
		{ .path = "/loop1", .kind = HTTPD_REDIRECT,
		  .location = "/loop2" },
		{ .path = "/loop2", .kind = HTTPD_REDIRECT,
		  .location = "/loop1" },
		{ .path = "/ftp", .kind = HTTPD_REDIRECT,
		  .location = "ftp://127.0.0.1/x" },
	};
	const char *paths[] = { "/old", "/loop1", "/ftp", NULL };
	struct site *s;
	char u[256];

	env_init(&e, state);
	s = site_start(&e, routes, sizeof(routes) / sizeof(routes[0]));
	add_sitemap(s, "/sitemap.xml", paths);
	write_source(&e, "redirects", url(s, "/sitemap.xml", u), NULL);
	assert_int_equal(crawl(&e, false), 0);
	expect_row(&e, s, "/old", "done", NULL);
	assert_int_equal(db_int(&e, "SELECT count(*) FROM articles WHERE url"
				    " LIKE '%/target'"),
			 1);
	expect_row(&e, s, "/loop1", "failed", "redirect");
	expect_row(&e, s, "/ftp", "failed", "");
	assert_int_equal(db_int(&e, "SELECT count(*) FROM articles"), 1);
	env_free(&e);
}

/* 404 gives up at once; 500 is retried, then left pending for the next
 * run; 429 with Retry-After is waited out and then succeeds. */
static void
test_errors(void **state)
{
	struct env e;
	struct httpd_route routes[] = {
		{ .path = "/gone", .status = 404, .body = "no" },
		{ .path = "/broken", .status = 500, .body = "oops" },
		{ .path = "/busy", .body = ARTICLE, .fail_first = 1,
		  .fail_status = 429, .fail_headers = "Retry-After: 1" },
	};
	/* The 500 last: a failing host is backed off for a while. */
	const char *paths[] = { "/gone", "/busy", "/broken", NULL };
	struct httpd_request r0, r1;
	struct site *s;
	size_t first = SIZE_MAX, second = SIZE_MAX;
	char u[256];

	env_init(&e, state);
	s = site_start(&e, routes, sizeof(routes) / sizeof(routes[0]));
	add_sitemap(s, "/sitemap.xml", paths);
	write_source(&e, "errors", url(s, "/sitemap.xml", u), NULL);
	assert_int_equal(crawl(&e, false), 0);
	expect_row(&e, s, "/gone", "failed", "HTTP 404");
	assert_int_equal(requests(s, "/gone"), 1);
	expect_row(&e, s, "/broken", "pending", "HTTP 500");
	assert_int_equal(requests(s, "/broken"), 2); /* retries = 1 */
	expect_row(&e, s, "/busy", "done", NULL);
	assert_int_equal(requests(s, "/busy"), 2);
	for (size_t i = 0; httpd_log_get(s->h, i, &r1); i++) {
		if (strcmp(r1.path, "/busy") != 0)
			continue;
		if (first == SIZE_MAX)
			first = i;
		else
			second = i;
	}
	assert_true(httpd_log_get(s->h, first, &r0));
	assert_true(httpd_log_get(s->h, second, &r1));
	assert_true(r1.arrived_ms - r0.arrived_ms >= 950);
	assert_int_equal(e.stats.pages.failed, 2);
	assert_int_equal(db_int(&e, "SELECT count(*) FROM articles"), 1);
	/* The next run tries the 500 once more, and only that. */
	httpd_log_clear(s->h);
	assert_int_equal(crawl(&e, false), 0);
	assert_int_equal(requests(s, "/broken"), 2);
	assert_int_equal(httpd_log_count(s->h), 2);
	assert_int_equal(db_int(&e, "SELECT attempts FROM crawl_frontier"
				    " WHERE url LIKE '%/broken'"),
			 2);
	env_free(&e);
}

/* Stalls time out, oversized and bomb bodies are cut off; the run goes
 * on, fast, and the good page on another host is stored. */
static void
test_hostile_bodies(void **state)
{
	struct env e;
	struct httpd_route bad[] = {
		{ .path = "/stall", .kind = HTTPD_STALL, .delay_ms = 8000,
		  .body = ARTICLE },
		{ .path = "/large", .kind = HTTPD_LARGE, .size = 2u << 20 },
		{ .path = "/huge", .kind = HTTPD_HUGE_LENGTH,
		  .size = 1u << 30 },
		{ .path = "/bomb", .kind = HTTPD_GZIP_BOMB, .size = 200u << 20 },
	};
	struct httpd_route good[] = {
		{ .path = "/good", .body = ARTICLE },
	};
	/* The stall last: a timeout backs its host off for a while. */
	const char *bad_paths[] = { "/large", "/huge", "/bomb", "/stall",
				    NULL };
	const char *good_paths[] = { "/good", NULL };
	struct site *b, *g;
	char u[256], u2[256], extra[300];
	int64_t t0;

	env_init(&e, state);
	e.set.retries = 0;
	b = site_start(&e, bad, sizeof(bad) / sizeof(bad[0]));
	g = site_start(&e, good, 1);
	add_sitemap(b, "/sitemap.xml", bad_paths);
	add_sitemap(g, "/sitemap.xml", good_paths);
	snprintf(extra, sizeof(extra), "start = %s\n",
		 url(g, "/sitemap.xml", u2));
	write_source(&e, "hostile", url(b, "/sitemap.xml", u), extra);
	t0 = httpd_now_ms();
	assert_int_equal(crawl(&e, false), 0);
	/* Four bad pages one after another on one host: the stall costs
	 * the timeout (low-speed limit), the rest are cut off at once. */
	assert_true(httpd_now_ms() - t0 < 6000);
	expect_row(&e, b, "/stall", "pending", "");
	expect_row(&e, b, "/large", "failed", "body over");
	expect_row(&e, b, "/huge", "failed", "body over");
	expect_row(&e, b, "/bomb", "failed", "body over");
	expect_row(&e, g, "/good", "done", NULL);
	assert_int_equal(db_int(&e, "SELECT count(*) FROM articles"), 1);
	env_free(&e);
}

#define LATIN1_PAGE                                                        \
	"<html><head><title>Caf\xe9 r\xe9sum\xe9</title></head><body>"     \
	"<article><p>Le Xiaomi 14 aura le Snapdragon 8 Gen 3, selon un "   \
	"rapport tr\xe8s s\xe9rieux publi\xe9 ce matin par un "            \
	"informateur.</p></article></body></html>"
#define BROKEN_UTF8_PAGE                                                   \
	"<html><head><title>Broken \xff\xfe bytes</title></head><body>"    \
	"<article><p>The Pixel 9 Pro XL gets the Tensor G4 chip \xc3\x28 "  \
	"in August, a leak \xed\xa0\x80 says, with more to come.</p>"      \
	"</article></body></html>"

/* Latin-1 (by header) comes out as UTF-8; broken UTF-8 is repaired;
 * a PDF is not an article; two URLs with one canonical are one. */
static void
test_encodings_and_types(void **state)
{
	struct env e;
	char canon[256];
	struct httpd_route routes[] = {
		{ .path = "/latin1",
		  .content_type = "text/html; charset=iso-8859-1",
		  .body = LATIN1_PAGE },
		{ .path = "/broken", .body = BROKEN_UTF8_PAGE },
		{ .path = "/doc.pdf", .content_type = "application/pdf",
		  .body = "%PDF-1.4 not a page" },
	};
	const char *paths[] = { "/latin1", "/broken", "/doc.pdf", "/a",
				"/b", NULL };
	struct httpd_route dup = { .path = "/a" };
	struct site *s;
	char u[256], page[4096];

	env_init(&e, state);
	s = site_start(&e, routes, sizeof(routes) / sizeof(routes[0]));
	/* /a and /b both name /canon as their canonical URL. */
	snprintf(page, sizeof(page),
		 "<html><head><link rel=canonical href=\"%s\"></head>%s",
		 url(s, "/canon", canon), strstr(ARTICLE, "<body>"));
	dup.body = page;
	httpd_add_route(s->h, &dup);
	dup.path = "/b";
	httpd_add_route(s->h, &dup);
	add_sitemap(s, "/sitemap.xml", paths);
	write_source(&e, "encodings", url(s, "/sitemap.xml", u), NULL);
	assert_int_equal(crawl(&e, false), 0);
	assert_int_equal(db_int(&e, "SELECT count(*) FROM articles WHERE"
				    " title = 'Café résumé'"),
			 1);
	assert_int_equal(db_int(&e, "SELECT count(*) FROM articles WHERE"
				    " text LIKE '%très sérieux publié%'"),
			 1);
	/* What is stored is valid UTF-8 whatever the page's bytes were. */
	for (int i = 0; i < 2; i++) {
		char *t = db_text(&e, i ? "SELECT text FROM articles WHERE url"
					  " LIKE '%/broken'"
					: "SELECT title FROM articles WHERE url"
					  " LIKE '%/broken'");

		assert_true(charset_utf8_valid(t, strlen(t)));
		if (i)
			assert_non_null(strstr(t, "Tensor G4"));
		free(t);
	}
	expect_row(&e, s, "/doc.pdf", "skipped", "not HTML");
	assert_int_equal(db_int(&e, "SELECT count(*) FROM articles WHERE"
				    " url LIKE '%/canon'"),
			 1);
	assert_int_equal(db_int(&e, "SELECT count(*) FROM articles WHERE"
				    " url LIKE '%/a' OR url LIKE '%/b'"),
			 0);
	assert_int_equal(db_int(&e, "SELECT count(*) FROM articles"), 3);
	env_free(&e);
}

/* An RSS feed on one host, a sitemap index naming a sitemap on
 * another; conditional GET with ETag and with Last-Modified alone; a
 * second run sends validators and fetches no article again. */
static void
test_feed_sitemap_conditional(void **state)
{
	struct env e;
	struct httpd_route a_routes[] = {
		{ .path = "/a1", .body = ARTICLE },
		{ .path = "/a2", .body = ARTICLE },
	};
	struct httpd_route b_routes[] = {
		{ .path = "/b1", .body = ARTICLE },
		{ .path = "/b2", .kind = HTTPD_CONDITIONAL, .body = ARTICLE,
		  .etag = "\"b2-v1\"" },
	};
	struct httpd_route r = { 0 };
	struct httpd_request q;
	struct site *a, *b;
	char u[256], u1[256], u2[256], feed[2048], idx[1024], sm[1024];
	char extra[300];
	size_t conditional = 0;
	bool any_article = false;

	env_init(&e, state);
	a = site_start(&e, a_routes, 2);
	b = site_start(&e, b_routes, 2);
	snprintf(feed, sizeof(feed),
		 "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
		 "<title>A</title><ttl>120</ttl>"
		 "<item><title>1</title><link>%s</link>"
		 "<pubDate>Mon, 20 Nov 2023 09:00:00 +0000</pubDate></item>"
		 "<item><title>2</title><link>%s</link></item>"
		 "</channel></rss>",
		 url(a, "/a1", u1), url(a, "/a2", u2));
	r.path = "/feed";
	r.kind = HTTPD_CONDITIONAL;
	r.content_type = "application/rss+xml";
	r.body = feed;
	r.last_modified = "Mon, 20 Nov 2023 09:00:00 GMT";
	httpd_add_route(a->h, &r);
	snprintf(sm, sizeof(sm),
		 "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps"
		 ".org/schemas/sitemap/0.9\"><url><loc>%s</loc><lastmod>"
		 "2023-11-20</lastmod></url><url><loc>%s</loc></url>"
		 "</urlset>",
		 url(b, "/b1", u1), url(b, "/b2", u2));
	memset(&r, 0, sizeof(r));
	r.path = "/sitemap1.xml";
	r.kind = HTTPD_CONDITIONAL;
	r.content_type = "application/xml";
	r.etag = "\"sm1\"";
	r.body = sm;
	httpd_add_route(b->h, &r);
	snprintf(idx, sizeof(idx),
		 "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www."
		 "sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>%s</loc>"
		 "</sitemap></sitemapindex>",
		 url(b, "/sitemap1.xml", u1));
	memset(&r, 0, sizeof(r));
	r.path = "/index.xml";
	r.kind = HTTPD_CONDITIONAL;
	r.content_type = "application/xml";
	r.body = idx;
	r.etag = "\"idx\"";
	r.headers = "Cache-Control: public, max-age=10800";
	httpd_add_route(b->h, &r);
	snprintf(extra, sizeof(extra), "start = %s\n",
		 url(b, "/index.xml", u1));
	write_source(&e, "feeds", url(a, "/feed", u), extra);

	assert_int_equal(crawl(&e, false), 0);
	assert_int_equal(db_int(&e, "SELECT count(*) FROM articles"), 4);
	assert_int_equal(db_int(&e, "SELECT count(*) FROM crawl_starts"
				    " WHERE kind IN ('rss', 'sitemapindex',"
				    " 'sitemap')"),
			 3);
	/* The feed's item date is kept as the page's lastmod. */
	assert_int_equal(db_int(&e, "SELECT lastmod FROM crawl_frontier"
				    " WHERE url LIKE '%/a1'"),
			 1700470800);
	/* A host name, not an address, in the Host header (resolve). */
	assert_true(httpd_log_get(a->h, 0, &q));
	assert_non_null(strstr(q.host, "s0.test"));
	assert_string_equal(q.path, "/robots.txt");

	httpd_log_clear(a->h);
	httpd_log_clear(b->h);
	assert_int_equal(crawl(&e, true), 0);
	for (size_t i = 0; httpd_log_get(a->h, i, &q); i++) {
		if (q.path[1] == 'a')
			any_article = true;
		if (strcmp(q.path, "/feed") == 0 && q.status == 304 &&
		    q.if_modified_since[0])
			conditional++;
	}
	for (size_t i = 0; httpd_log_get(b->h, i, &q); i++) {
		if (q.path[1] == 'b')
			any_article = true;
		if (strstr(q.path, ".xml") && q.status == 304 &&
		    q.if_none_match[0])
			conditional++;
	}
	assert_false(any_article);
	assert_int_equal(conditional, 3);
	assert_int_equal(e.stats.pages.not_modified, 3);
	assert_int_equal(e.stats.pages.fetched, 0);
	/* The feed's ttl (2 h) and the index's max-age (3 h) are longer
	 * than `every` (1 h): they win.  The sitemap has neither. */
	assert_int_equal(db_int(&e, "SELECT next_due - last_fetched FROM"
				    " crawl_starts WHERE url LIKE '%/feed'"),
			 7200);
	assert_int_equal(db_int(&e, "SELECT next_due - last_fetched FROM"
				    " crawl_starts WHERE url LIKE"
				    " '%/index.xml'"),
			 10800);
	assert_int_equal(db_int(&e, "SELECT next_due - last_fetched FROM"
				    " crawl_starts WHERE url LIKE"
				    " '%/sitemap1.xml'"),
			 3600);
	env_free(&e);
}

static int
group_setup(void **state)
{
	return httpd_curl_setup(state) || lexicon_fixture_setup(state);
}

static int
group_teardown(void **state)
{
	lexicon_fixture_teardown(state);
	return httpd_curl_teardown(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_redirects),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_hostile_bodies),
		cmocka_unit_test(test_encodings_and_types),
		cmocka_unit_test(test_feed_sitemap_conditional),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
