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

#include <cmocka.h>

#include "common/xalloc.h"
#include "extract/charset.h"
#include "tests/support/crawlenv.h"
#include "tests/support/httpd.h"

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
 * loop or a chain too long fails the page, without harm to the run,
 * each URL asked for once. */
static void
test_redirects(void **state)
{
	struct crawlenv e;
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
		{ .path = "/c1", .kind = HTTPD_REDIRECT, .location = "/c2" },
		{ .path = "/c2", .kind = HTTPD_REDIRECT, .location = "/c3" },
		{ .path = "/c3", .kind = HTTPD_REDIRECT, .location = "/c4" },
		{ .path = "/c4", .kind = HTTPD_REDIRECT, .location = "/c5" },
		{ .path = "/c5", .kind = HTTPD_REDIRECT, .location = "/c6" },
		{ .path = "/c6", .kind = HTTPD_REDIRECT, .location = "/c7" },
		{ .path = "/c7", .body = ARTICLE },
	};
	const char *paths[] = { "/old", "/loop1", "/ftp", "/c1", NULL };
	struct crawlenv_site *s;
	char u[256];

	crawlenv_init(&e, *state);
	s = crawlenv_site(&e, routes, sizeof(routes) / sizeof(routes[0]));
	crawlenv_sitemap(s, "/sitemap.xml", paths);
	crawlenv_source(&e, "redirects", crawlenv_url(s, "/sitemap.xml", u), NULL);
	assert_int_equal(crawlenv_crawl(&e, false), 0);
	crawlenv_expect_row(&e, s, "/old", "done", NULL);
	assert_int_equal(crawlenv_int(&e, "SELECT count(*) FROM articles WHERE url"
				    " LIKE '%/target'"),
			 1);
	crawlenv_expect_row(&e, s, "/loop1", "failed", "redirect loop");
	assert_int_equal(crawlenv_requests(s, "/loop1"), 1);
	assert_int_equal(crawlenv_requests(s, "/loop2"), 1);
	crawlenv_expect_row(&e, s, "/ftp", "failed",
			    "refused: redirect to a non-http(s) URL: ftp://");
	/* max_redirects is 5: /c6's redirect is the sixth. */
	crawlenv_expect_row(&e, s, "/c1", "failed", "more than 5 redirects");
	assert_int_equal(crawlenv_requests(s, "/c6"), 1);
	assert_int_equal(crawlenv_requests(s, "/c7"), 0);
	assert_int_equal(crawlenv_int(&e, "SELECT count(*) FROM articles"), 1);
	crawlenv_free(&e);
}

/* A redirect to a path robots.txt disallows: the target is never
 * requested, and the page is recorded as skipped by robots.txt. */
static void
test_redirect_disallowed(void **state)
{
	struct crawlenv e;
	struct httpd_route routes[] = {
		{ .path = "/robots.txt", .content_type = "text/plain",
		  .body = "User-agent: *\nDisallow: /private/\n" },
		{ .path = "/moved", .kind = HTTPD_REDIRECT, .status = 301,
		  .location = "/private/page" },
		{ .path = "/private/page", .body = ARTICLE },
	};
	const char *paths[] = { "/moved", NULL };
	struct crawlenv_site *s;
	char u[CRAWLENV_URL_MAX];

	crawlenv_init(&e, *state);
	s = crawlenv_site(&e, routes, sizeof(routes) / sizeof(routes[0]));
	crawlenv_sitemap(s, "/sitemap.xml", paths);
	crawlenv_source(&e, "disallowed", crawlenv_url(s, "/sitemap.xml", u),
			NULL);
	assert_int_equal(crawlenv_crawl(&e, false), 0);
	assert_int_equal(crawlenv_requests(s, "/moved"), 1);
	assert_int_equal(crawlenv_requests(s, "/private/page"), 0);
	crawlenv_expect_row(&e, s, "/moved", "skipped",
			    "/private/page disallowed by robots.txt");
	assert_int_equal(e.stats.pages.skipped, 1);
	assert_int_equal(crawlenv_int(&e, "SELECT count(*) FROM articles"), 0);
	crawlenv_free(&e);
}

/* A redirect to another host: that host's robots.txt comes first, and
 * its Crawl-delay holds between its requests, the redirect's target
 * among them. */
static void
test_redirect_other_host(void **state)
{
	struct crawlenv e;
	struct httpd_route b_routes[] = {
		{ .path = "/robots.txt", .content_type = "text/plain",
		  .body = "User-agent: *\nCrawl-delay: 1\n" },
		{ .path = "/target", .body = ARTICLE },
		{ .path = "/direct", .body = ARTICLE },
	};
	struct httpd_route go = { .path = "/go", .kind = HTTPD_REDIRECT };
	struct crawlenv_site *a, *b;
	struct httpd_request prev, q;
	char u[CRAWLENV_URL_MAX], target[CRAWLENV_URL_MAX];
	char direct[CRAWLENV_URL_MAX];
	const char *paths[] = { direct, "/go", NULL };

	crawlenv_init(&e, *state);
	a = crawlenv_site(&e, NULL, 0);
	b = crawlenv_site(&e, b_routes, 3);
	go.location = crawlenv_url(b, "/target", target);
	httpd_add_route(a->h, &go);
	crawlenv_url(b, "/direct", direct);
	crawlenv_sitemap(a, "/sitemap.xml", paths);
	crawlenv_source(&e, "elsewhere", crawlenv_url(a, "/sitemap.xml", u),
			NULL);
	assert_int_equal(crawlenv_crawl(&e, false), 0);
	crawlenv_expect_row(&e, a, "/go", "done", NULL);
	crawlenv_expect_row(&e, b, "/direct", "done", NULL);
	assert_int_equal(crawlenv_int(&e, "SELECT count(*) FROM articles"
					  " WHERE url LIKE '%s1.test%/target'"),
			 1);
	assert_int_equal(httpd_log_count(b->h), 3);
	assert_true(httpd_log_get(b->h, 0, &prev));
	assert_string_equal(prev.path, "/robots.txt");
	for (size_t i = 1; httpd_log_get(b->h, i, &q); i++) {
		/* The delay counts from the end of the previous request. */
		assert_true(q.arrived_ms - prev.finished_ms >= 950);
		prev = q;
	}
	assert_int_equal(crawlenv_requests(b, "/target"), 1);
	crawlenv_free(&e);
}

/* A page that moved for good is asked for at its new URL the next time
 * it is due, conditionally; one that moved for now is asked again. */
static void
test_redirect_remembered(void **state)
{
	struct crawlenv e;
	struct httpd_route routes[] = {
		{ .path = "/old", .kind = HTTPD_REDIRECT, .status = 301,
		  .location = "/new" },
		{ .path = "/new", .kind = HTTPD_CONDITIONAL, .body = ARTICLE,
		  .etag = "\"new-v1\"" },
		{ .path = "/for-now", .kind = HTTPD_REDIRECT, .status = 302,
		  .location = "/new2" },
		{ .path = "/new2", .kind = HTTPD_CONDITIONAL, .body = ARTICLE,
		  .etag = "\"new2-v1\"" },
	};
	struct httpd_route sm = { .path = "/sitemap.xml",
				  .content_type = "application/xml" };
	struct crawlenv_site *s;
	struct httpd_request q;
	char u[CRAWLENV_URL_MAX], u1[CRAWLENV_URL_MAX], u2[CRAWLENV_URL_MAX];
	char body[1024];

	crawlenv_init(&e, *state);
	s = crawlenv_site(&e, routes, sizeof(routes) / sizeof(routes[0]));
	/* A lastmod after any fetch: both are due again every run. */
	snprintf(body, sizeof(body),
		 "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps"
		 ".org/schemas/sitemap/0.9\"><url><loc>%s</loc><lastmod>"
		 "2099-01-01</lastmod></url><url><loc>%s</loc><lastmod>"
		 "2099-01-01</lastmod></url></urlset>",
		 crawlenv_url(s, "/old", u1), crawlenv_url(s, "/for-now", u2));
	sm.body = body;
	httpd_add_route(s->h, &sm);
	crawlenv_source(&e, "moved", crawlenv_url(s, "/sitemap.xml", u), NULL);
	assert_int_equal(crawlenv_crawl(&e, false), 0);
	crawlenv_expect_row(&e, s, "/old", "done", NULL);
	assert_int_equal(crawlenv_int(&e, "SELECT count(*) FROM articles WHERE"
					  " url LIKE '%/new'"),
			 1);
	assert_int_equal(crawlenv_int(&e, "SELECT count(*) FROM crawl_frontier"
					  " WHERE url LIKE '%/old' AND"
					  " redirect_url LIKE '%/new'"),
			 1);
	assert_int_equal(crawlenv_int(&e, "SELECT count(*) FROM crawl_frontier"
					  " WHERE url LIKE '%/for-now' AND"
					  " redirect_url IS NULL"),
			 1);

	httpd_log_clear(s->h);
	assert_int_equal(crawlenv_crawl(&e, true), 0);
	assert_int_equal(crawlenv_requests(s, "/old"), 0);
	assert_int_equal(crawlenv_requests(s, "/for-now"), 1);
	for (size_t i = 0; httpd_log_get(s->h, i, &q); i++)
		if (strcmp(q.path, "/new") == 0 || strcmp(q.path, "/new2") == 0)
			assert_int_equal(q.status, 304);
	assert_int_equal(crawlenv_requests(s, "/new"), 1);
	assert_int_equal(crawlenv_requests(s, "/new2"), 1);
	assert_int_equal(e.stats.pages.not_modified, 2);
	assert_int_equal(crawlenv_int(&e, "SELECT count(*) FROM articles"), 2);
	crawlenv_free(&e);
}

/* 404 gives up at once; 500 is retried, then left pending for the next
 * run; 429 with Retry-After is waited out and then succeeds. */
static void
test_errors(void **state)
{
	struct crawlenv e;
	struct httpd_route routes[] = {
		{ .path = "/gone", .status = 404, .body = "no" },
		{ .path = "/broken", .status = 500, .body = "oops" },
		{ .path = "/busy", .body = ARTICLE, .fail_first = 1,
		  .fail_status = 429, .fail_headers = "Retry-After: 1" },
	};
	/* The 500 last: a failing host is backed off for a while. */
	const char *paths[] = { "/gone", "/busy", "/broken", NULL };
	struct httpd_request r0, r1;
	struct crawlenv_site *s;
	size_t first = SIZE_MAX, second = SIZE_MAX;
	char u[256];

	crawlenv_init(&e, *state);
	s = crawlenv_site(&e, routes, sizeof(routes) / sizeof(routes[0]));
	crawlenv_sitemap(s, "/sitemap.xml", paths);
	crawlenv_source(&e, "errors", crawlenv_url(s, "/sitemap.xml", u), NULL);
	assert_int_equal(crawlenv_crawl(&e, false), 0);
	crawlenv_expect_row(&e, s, "/gone", "failed", "HTTP 404");
	assert_int_equal(crawlenv_requests(s, "/gone"), 1);
	crawlenv_expect_row(&e, s, "/broken", "pending", "HTTP 500");
	assert_int_equal(crawlenv_requests(s, "/broken"), 2); /* retries = 1 */
	crawlenv_expect_row(&e, s, "/busy", "done", NULL);
	assert_int_equal(crawlenv_requests(s, "/busy"), 2);
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
	assert_int_equal(crawlenv_int(&e, "SELECT count(*) FROM articles"), 1);
	/* The next run tries the 500 once more, and only that. */
	httpd_log_clear(s->h);
	assert_int_equal(crawlenv_crawl(&e, false), 0);
	assert_int_equal(crawlenv_requests(s, "/broken"), 2);
	assert_int_equal(httpd_log_count(s->h), 2);
	assert_int_equal(crawlenv_int(&e, "SELECT attempts FROM crawl_frontier"
				    " WHERE url LIKE '%/broken'"),
			 2);
	crawlenv_free(&e);
}

/* Stalls time out, oversized and bomb bodies are cut off; the run goes
 * on, fast, and the good page on another host is stored. */
static void
test_hostile_bodies(void **state)
{
	struct crawlenv e;
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
	struct crawlenv_site *b, *g;
	char u[256], u2[256], extra[300];
	int64_t t0;

	crawlenv_init(&e, *state);
	e.set.retries = 0;
	b = crawlenv_site(&e, bad, sizeof(bad) / sizeof(bad[0]));
	g = crawlenv_site(&e, good, 1);
	crawlenv_sitemap(b, "/sitemap.xml", bad_paths);
	crawlenv_sitemap(g, "/sitemap.xml", good_paths);
	snprintf(extra, sizeof(extra), "start = %s\n",
		 crawlenv_url(g, "/sitemap.xml", u2));
	crawlenv_source(&e, "hostile", crawlenv_url(b, "/sitemap.xml", u), extra);
	t0 = httpd_now_ms();
	assert_int_equal(crawlenv_crawl(&e, false), 0);
	/* Four bad pages one after another on one host: the stall costs
	 * the timeout (low-speed limit), the rest are cut off at once. */
	assert_true(httpd_now_ms() - t0 < 6000);
	crawlenv_expect_row(&e, b, "/stall", "pending", "");
	crawlenv_expect_row(&e, b, "/large", "failed", "body over");
	crawlenv_expect_row(&e, b, "/huge", "failed", "body over");
	crawlenv_expect_row(&e, b, "/bomb", "failed", "body over");
	crawlenv_expect_row(&e, g, "/good", "done", NULL);
	assert_int_equal(crawlenv_int(&e, "SELECT count(*) FROM articles"), 1);
	crawlenv_free(&e);
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
	struct crawlenv e;
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
	struct crawlenv_site *s;
	char u[256], page[4096];

	crawlenv_init(&e, *state);
	s = crawlenv_site(&e, routes, sizeof(routes) / sizeof(routes[0]));
	/* /a and /b both name /canon as their canonical URL. */
	snprintf(page, sizeof(page),
		 "<html><head><link rel=canonical href=\"%s\"></head>%s",
		 crawlenv_url(s, "/canon", canon), strstr(ARTICLE, "<body>"));
	dup.body = page;
	httpd_add_route(s->h, &dup);
	dup.path = "/b";
	httpd_add_route(s->h, &dup);
	crawlenv_sitemap(s, "/sitemap.xml", paths);
	crawlenv_source(&e, "encodings", crawlenv_url(s, "/sitemap.xml", u), NULL);
	assert_int_equal(crawlenv_crawl(&e, false), 0);
	assert_int_equal(crawlenv_int(&e, "SELECT count(*) FROM articles WHERE"
				    " title = 'Café résumé'"),
			 1);
	assert_int_equal(crawlenv_int(&e, "SELECT count(*) FROM articles WHERE"
				    " text LIKE '%très sérieux publié%'"),
			 1);
	/* What is stored is valid UTF-8 whatever the page's bytes were. */
	for (int i = 0; i < 2; i++) {
		char *t = crawlenv_text(&e, i ? "SELECT text FROM articles WHERE url"
					  " LIKE '%/broken'"
					: "SELECT title FROM articles WHERE url"
					  " LIKE '%/broken'");

		assert_true(charset_utf8_valid(t, strlen(t)));
		if (i)
			assert_non_null(strstr(t, "Tensor G4"));
		free(t);
	}
	crawlenv_expect_row(&e, s, "/doc.pdf", "skipped", "not HTML");
	assert_int_equal(crawlenv_int(&e, "SELECT count(*) FROM articles WHERE"
				    " url LIKE '%/canon'"),
			 1);
	assert_int_equal(crawlenv_int(&e, "SELECT count(*) FROM articles WHERE"
				    " url LIKE '%/a' OR url LIKE '%/b'"),
			 0);
	assert_int_equal(crawlenv_int(&e, "SELECT count(*) FROM articles"), 3);
	crawlenv_free(&e);
}

/* A backlog several frontier batches long: a source's pages are read a
 * batch at a time, newest first (dated rows before undated ones), each
 * fetched once, and the budget (the sitemap and BUDGET pages) holds
 * across batches; the next run takes up the rest. */
static void
test_frontier_batches(void **state)
{
	enum { PAGES = 700, DATED = 450, BUDGET = 600 };
	static char paths[PAGES][16];
	static struct httpd_route routes[PAGES];
	const size_t sm_len = (size_t)PAGES * 160 + 256;
	char *sm = xmalloc(sm_len), u[CRAWLENV_URL_MAX];
	struct httpd_route r = { 0 };
	struct crawlenv_site *a;
	struct crawlenv e;
	size_t len, once = 0, twice = 0, newest = 0;

	for (size_t i = 0; i < PAGES; i++) {
		snprintf(paths[i], sizeof(paths[i]), "/p%zu", i);
		routes[i] = (struct httpd_route){ .path = paths[i],
						  .body = ARTICLE };
	}
	crawlenv_init(&e, *state);
	a = crawlenv_site(&e, routes, PAGES);
	len = (size_t)snprintf(sm, sm_len,
			       "<?xml version=\"1.0\"?><urlset xmlns=\"http://"
			       "www.sitemaps.org/schemas/sitemap/0.9\">");
	/* Page i < DATED has lastmod 2023-01-01 + i days: the newest are
	 * the highest dated numbers. */
	for (size_t i = 0; i < PAGES; i++) {
		len += (size_t)snprintf(sm + len, sm_len - len,
					"<url><loc>%s</loc>",
					crawlenv_url(a, paths[i], u));
		if (i < DATED)
			len += (size_t)snprintf(
				sm + len, sm_len - len,
				"<lastmod>%04zu-%02zu-%02zu</lastmod>",
				2023 + i / 360, i % 360 / 30 + 1, i % 30 + 1);
		len += (size_t)snprintf(sm + len, sm_len - len, "</url>");
	}
	snprintf(sm + len, sm_len - len, "</urlset>");
	r.path = "/sitemap.xml";
	r.content_type = "application/xml";
	r.body = sm;
	httpd_add_route(a->h, &r);
	crawlenv_source(&e, "many", crawlenv_url(a, "/sitemap.xml", u),
			"max_pages = 601\n");

	assert_int_equal(crawlenv_crawl(&e, false), 0);
	for (size_t i = 0; i < PAGES; i++) {
		size_t n = crawlenv_requests(a, paths[i]);

		once += n == 1;
		twice += n > 1;
		newest += n == 1 && i < DATED;
	}
	assert_int_equal(once, BUDGET);
	assert_int_equal(twice, 0);
	assert_int_equal(newest, DATED);
	assert_int_equal(crawlenv_int(&e, "SELECT count(*) FROM crawl_frontier"
					  " WHERE state = 'pending'"),
			 PAGES - BUDGET);

	assert_int_equal(crawlenv_crawl(&e, false), 0);
	once = twice = 0;
	for (size_t i = 0; i < PAGES; i++) {
		size_t n = crawlenv_requests(a, paths[i]);

		once += n == 1;
		twice += n > 1;
	}
	assert_int_equal(once, PAGES);
	assert_int_equal(twice, 0);
	assert_int_equal(crawlenv_int(&e, "SELECT count(*) FROM crawl_frontier"
					  " WHERE state = 'pending'"),
			 0);
	crawlenv_free(&e);
	free(sm);
}

/* An RSS feed on one host, a sitemap index naming a sitemap on
 * another; conditional GET with ETag and with Last-Modified alone; a
 * second run sends validators and fetches no article again. */
static void
test_feed_sitemap_conditional(void **state)
{
	struct crawlenv e;
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
	struct crawlenv_site *a, *b;
	char u[256], u1[256], u2[256], feed[2048], idx[1024], sm[1024];
	char extra[300];
	size_t conditional = 0;
	bool any_article = false;

	crawlenv_init(&e, *state);
	a = crawlenv_site(&e, a_routes, 2);
	b = crawlenv_site(&e, b_routes, 2);
	snprintf(feed, sizeof(feed),
		 "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
		 "<title>A</title><ttl>120</ttl>"
		 "<item><title>1</title><link>%s</link>"
		 "<pubDate>Mon, 20 Nov 2023 09:00:00 +0000</pubDate></item>"
		 "<item><title>2</title><link>%s</link></item>"
		 "</channel></rss>",
		 crawlenv_url(a, "/a1", u1), crawlenv_url(a, "/a2", u2));
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
		 crawlenv_url(b, "/b1", u1), crawlenv_url(b, "/b2", u2));
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
		 crawlenv_url(b, "/sitemap1.xml", u1));
	memset(&r, 0, sizeof(r));
	r.path = "/index.xml";
	r.kind = HTTPD_CONDITIONAL;
	r.content_type = "application/xml";
	r.body = idx;
	r.etag = "\"idx\"";
	r.headers = "Cache-Control: public, max-age=10800";
	httpd_add_route(b->h, &r);
	snprintf(extra, sizeof(extra), "start = %s\n",
		 crawlenv_url(b, "/index.xml", u1));
	crawlenv_source(&e, "feeds", crawlenv_url(a, "/feed", u), extra);

	assert_int_equal(crawlenv_crawl(&e, false), 0);
	assert_int_equal(crawlenv_int(&e, "SELECT count(*) FROM articles"), 4);
	assert_int_equal(crawlenv_int(&e, "SELECT count(*) FROM crawl_starts"
				    " WHERE kind IN ('rss', 'sitemapindex',"
				    " 'sitemap')"),
			 3);
	/* The feed's item date is kept as the page's lastmod. */
	assert_int_equal(crawlenv_int(&e, "SELECT lastmod FROM crawl_frontier"
				    " WHERE url LIKE '%/a1'"),
			 1700470800);
	/* A host name, not an address, in the Host header (resolve). */
	assert_true(httpd_log_get(a->h, 0, &q));
	assert_non_null(strstr(q.host, "s0.test"));
	assert_string_equal(q.path, "/robots.txt");

	httpd_log_clear(a->h);
	httpd_log_clear(b->h);
	assert_int_equal(crawlenv_crawl(&e, true), 0);
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
	assert_int_equal(crawlenv_int(&e, "SELECT next_due - last_fetched FROM"
				    " crawl_starts WHERE url LIKE '%/feed'"),
			 7200);
	assert_int_equal(crawlenv_int(&e, "SELECT next_due - last_fetched FROM"
				    " crawl_starts WHERE url LIKE"
				    " '%/index.xml'"),
			 10800);
	assert_int_equal(crawlenv_int(&e, "SELECT next_due - last_fetched FROM"
				    " crawl_starts WHERE url LIKE"
				    " '%/sitemap1.xml'"),
			 3600);
	crawlenv_free(&e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_redirects),
		cmocka_unit_test(test_redirect_disallowed),
		cmocka_unit_test(test_redirect_other_host),
		cmocka_unit_test(test_redirect_remembered),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_hostile_bodies),
		cmocka_unit_test(test_encodings_and_types),
		cmocka_unit_test(test_feed_sitemap_conditional),
		cmocka_unit_test(test_frontier_batches),
	};

	return cmocka_run_group_tests(tests, crawlenv_group_setup,
				      crawlenv_group_teardown);
}
