/*
 * robots.txt: cases modelled on RFC 9309's examples and on the test
 * cases of Google's robots.txt parser (robots_test.cc), one row per
 * behaviour, plus the limits and the fetch-status policy.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "common/buf.h"
#include "common/errors.h"
#include "crawler/robots.h"
#include "tests/support/fixture.h"

#define RFC_FILE "tests/data/robots/rfc9309-example.txt"
#define NEWS_FILE "tests/data/robots/news-site.txt"

#define GROUPS                                                                \
	"allow: /foo/bar/\n"                                                  \
	"\n"                                                                  \
	"user-agent: FooBot\n"                                                \
	"disallow: /\n"                                                       \
	"allow: /x/\n"                                                        \
	"user-agent: BarBot\n"                                                \
	"disallow: /\n"                                                       \
	"allow: /y/\n"                                                        \
	"\n"                                                                  \
	"\n"                                                                  \
	"allow: /w/\n"                                                        \
	"user-agent: BazBot\n"                                                \
	"\n"                                                                  \
	"user-agent: FooBot\n"                                                \
	"allow: /z/\n"                                                        \
	"disallow: /\n"

struct robots_case {
	const char *name;
	const char *file; /* read this file ... */
	const char *txt;  /* ... or use this text */
	const char *agent;
	const char *path;
	bool allowed;
};

static const struct robots_case cases[] = {
	/* RFC 9309 5.1: the whole example file. */
	{ "rfc foobot page allowed", RFC_FILE, NULL, "foobot",
	  "/example/page.html", true },
	{ "rfc foobot gif allowed", RFC_FILE, NULL, "foobot",
	  "/example/allowed.gif", true },
	{ "rfc foobot rest disallowed", RFC_FILE, NULL, "foobot",
	  "/publications/", false },
	{ "rfc barbot page disallowed", RFC_FILE, NULL, "barbot",
	  "/example/page.html", false },
	{ "rfc barbot ignores star group", RFC_FILE, NULL, "barbot",
	  "/example/other.gif", true },
	{ "rfc bazbot shares barbot group", RFC_FILE, NULL, "BazBot/2.1",
	  "/example/page.html", false },
	{ "rfc quxbot empty group allows", RFC_FILE, NULL, "quxbot",
	  "/example/page.html", true },
	{ "rfc other gif disallowed", RFC_FILE, NULL, "otherbot", "/a/b.gif",
	  false },
	{ "rfc other gif$ anchored", RFC_FILE, NULL, "otherbot", "/a/b.gifv",
	  true },
	{ "rfc other example disallowed", RFC_FILE, NULL, "otherbot",
	  "/example/x", false },
	{ "rfc other publications allowed", RFC_FILE, NULL, "otherbot",
	  "/publications/x", true },
	/* RFC 9309 2.2.2: percent-encoding in patterns and paths. */
	{ "rfc query in pattern", NULL,
	  "user-agent: *\ndisallow: /\nallow: /foo/bar?baz=quz\n", "a",
	  "/foo/bar?baz=quz", true },
	{ "rfc utf-8 pattern vs escaped path", NULL,
	  "user-agent: *\ndisallow: /\nallow: /foo/bar/\xe3\x83\x84\n", "a",
	  "/foo/bar/%E3%83%84", true },
	{ "rfc utf-8 pattern vs raw path", NULL,
	  "user-agent: *\ndisallow: /\nallow: /foo/bar/\xe3\x83\x84\n", "a",
	  "/foo/bar/\xe3\x83\x84", true },
	{ "rfc escaped pattern vs lower-case path", NULL,
	  "user-agent: *\ndisallow: /\nallow: /foo/bar/%E3%83%84\n", "a",
	  "/foo/bar/%e3%83%84", true },
	{ "rfc unreserved escapes decoded", NULL,
	  "user-agent: *\ndisallow: /\nallow: /foo/bar/%62%61%7A\n", "a",
	  "/foo/bar/baz", true },
	{ "escaped star is literal", NULL,
	  "user-agent: *\ndisallow: /a%2Ab\n", "a", "/axxb", true },
	/* Google: line syntax. */
	{ "google line syntax", NULL, "user-agent: FooBot\ndisallow: /\n",
	  "FooBot", "/x/y", false },
	{ "google unknown keys ignored", NULL, "foo: FooBot\nbar: /\n",
	  "FooBot", "/x/y", true },
	{ "google missing colon", NULL, "user-agent FooBot\ndisallow /\n",
	  "FooBot", "/x/y", false },
	{ "google key case-insensitive", NULL,
	  "USER-AGENT: FooBot\nALLOW: /x/\nDISALLOW: /\n", "FooBot", "/x/y",
	  true },
	{ "google key case-insensitive 2", NULL,
	  "uSeR-aGeNt: FooBot\nAlLoW: /x/\ndIsAlLoW: /\n", "FooBot", "/a/b",
	  false },
	{ "google disallow typo", NULL, "user-agent: FooBot\ndisalow: /\n",
	  "FooBot", "/a", false },
	/* Google: groups. */
	{ "google groups foo x", NULL, GROUPS, "FooBot", "/x/b", true },
	{ "google groups foo z merged", NULL, GROUPS, "FooBot", "/z/d", true },
	{ "google groups foo y", NULL, GROUPS, "FooBot", "/y/c", false },
	{ "google groups bar y", NULL, GROUPS, "BarBot", "/y/c", true },
	{ "google groups bar w after blanks", NULL, GROUPS, "BarBot", "/w/a",
	  true },
	{ "google groups bar z", NULL, GROUPS, "BarBot", "/z/d", false },
	{ "google groups baz shares foo", NULL, GROUPS, "BazBot", "/z/d",
	  true },
	{ "google rule before group ignored", NULL, GROUPS, "FooBot",
	  "/foo/bar/", false },
	{ "google sitemap keeps agents together", NULL,
	  "User-agent: BarBot\nSitemap: https://foo.bar/sitemap\n"
	  "User-agent: *\nDisallow: /\n",
	  "BarBot", "/", false },
	{ "google unknown line keeps agents together", NULL,
	  "User-agent: FooBot\nInvalid-Unknown-Line: unknown\n"
	  "User-agent: *\nDisallow: /\n",
	  "FooBot", "/", false },
	/* Google: agent values. */
	{ "google agent value case-insensitive", NULL,
	  "User-Agent: FOO BAR\nAllow: /x/\nDisallow: /\n", "Foo", "/x/y",
	  true },
	{ "google agent value case-insensitive 2", NULL,
	  "User-Agent: foo bar\nAllow: /x/\nDisallow: /\n", "FOO", "/a/b",
	  false },
	{ "agent version ignored", NULL,
	  "User-agent: rumormill/0.9\nDisallow: /\n",
	  "rumormill/1.0 (+https://example.org/bot)", "/a", false },
	{ "agent prefix is not a match", NULL,
	  "User-agent: rumor\nDisallow: /\n", "rumormill/1.0", "/a", true },
	{ "google empty file allows", NULL, "", "FooBot", "/", true },
	{ "google star when no own group", NULL,
	  "user-agent: *\nallow: /\nuser-agent: FooBot\ndisallow: /\n",
	  "BarBot", "/x", true },
	{ "google own group beats star", NULL,
	  "user-agent: *\nallow: /\nuser-agent: FooBot\ndisallow: /\n",
	  "FooBot", "/x", false },
	{ "google no star and no own group", NULL,
	  "user-agent: FooBot\nallow: /\nuser-agent: BarBot\ndisallow: /\n",
	  "QuxBot", "/x", true },
	/* Google: values are case-sensitive. */
	{ "google path case-sensitive match", NULL,
	  "user-agent: FooBot\ndisallow: /x/\n", "FooBot", "/x/y", false },
	{ "google path case-sensitive miss", NULL,
	  "user-agent: FooBot\ndisallow: /X/\n", "FooBot", "/x/y", true },
	/* Google: longest match. */
	{ "google tie allow wins", NULL,
	  "user-agent: FooBot\ndisallow: /x/page.html\nallow: /x/page.html\n",
	  "FooBot", "/x/page.html", true },
	{ "google tie allow wins both orders", NULL,
	  "user-agent: FooBot\nallow: /x/page.html\ndisallow: /x/page.html\n",
	  "FooBot", "/x/page.html", true },
	{ "google longer disallow wins", NULL,
	  "user-agent: FooBot\nallow: /page\ndisallow: /*.html\n", "FooBot",
	  "/page.html", false },
	{ "google shorter allow when alone", NULL,
	  "user-agent: FooBot\nallow: /page\ndisallow: /*.html\n", "FooBot",
	  "/page", true },
	{ "google longer allow wins", NULL,
	  "user-agent: FooBot\nallow: /x/page.\ndisallow: /*.html\n",
	  "FooBot", "/x/page.html", true },
	{ "google disallow other html", NULL,
	  "user-agent: FooBot\nallow: /x/page.\ndisallow: /*.html\n",
	  "FooBot", "/x/y.html", false },
	{ "google own group not star", NULL,
	  "User-agent: *\nDisallow: /x/\nUser-agent: FooBot\nDisallow: /y/\n",
	  "FooBot", "/x/page", true },
	{ "google own group rule", NULL,
	  "User-agent: *\nDisallow: /x/\nUser-agent: FooBot\nDisallow: /y/\n",
	  "FooBot", "/y/page", false },
	{ "google empty values allow", NULL,
	  "user-agent: FooBot\nallow:\ndisallow:\n", "FooBot", "/", true },
	{ "google slash tie", NULL,
	  "user-agent: FooBot\ndisallow: /\nallow: /\n", "FooBot", "/", true },
	{ "google /x vs /x/ on /x", NULL,
	  "user-agent: FooBot\ndisallow: /x\nallow: /x/\n", "FooBot", "/x",
	  false },
	{ "google /x vs /x/ on /x/", NULL,
	  "user-agent: FooBot\ndisallow: /x\nallow: /x/\n", "FooBot", "/x/",
	  true },
	{ "google root$ allows root", NULL,
	  "user-agent: FooBot\nallow: /$\ndisallow: /\n", "FooBot", "/", true },
	{ "google root$ not others", NULL,
	  "user-agent: FooBot\nallow: /$\ndisallow: /\n", "FooBot",
	  "/page.html", false },
	/* Google: special characters. */
	{ "google star middle miss", NULL,
	  "user-agent: FooBot\ndisallow: /foo/bar/quz\nallow: /foo/*/qux\n",
	  "FooBot", "/foo/bar/quz", false },
	{ "google star middle", NULL,
	  "user-agent: FooBot\ndisallow: /foo/bar/quz\nallow: /foo/*/qux\n",
	  "FooBot", "/foo/quz", true },
	{ "google dollar exact", NULL,
	  "user-agent: FooBot\ndisallow: /foo/bar$\nallow: /foo/bar/qux\n",
	  "FooBot", "/foo/bar", false },
	{ "google dollar longer path", NULL,
	  "user-agent: FooBot\ndisallow: /foo/bar$\nallow: /foo/bar/qux\n",
	  "FooBot", "/foo/bar/baz", true },
	{ "google comment line", NULL,
	  "user-agent: FooBot\n# disallow: /\ndisallow: /foo/quz#qux\n"
	  "allow: /\n",
	  "FooBot", "/foo/bar", true },
	{ "google trailing comment", NULL,
	  "user-agent: FooBot\n# disallow: /\ndisallow: /foo/quz#qux\n"
	  "allow: /\n",
	  "FooBot", "/foo/quz", false },
	{ "commented agent", NULL, "# user-agent: FooBot\ndisallow: /\n",
	  "FooBot", "/", true },
	{ "star pattern in middle of query", NULL,
	  "user-agent: *\ndisallow: /*?*replytocom=\n", "a",
	  "/post/1?x=2&replytocom=5", false },
	{ "many stars", NULL, "user-agent: *\ndisallow: /a*b*c*d$\n", "a",
	  "/axxbyyczzd", false },
	{ "many stars miss", NULL, "user-agent: *\ndisallow: /a*b*c*d$\n", "a",
	  "/axxbyyczzde", true },
	/* A real-looking site file with CRLF line ends. */
	{ "news own group", NEWS_FILE, NULL, "rumormill/1.0", "/forum/t/1",
	  false },
	{ "news own group not star", NEWS_FILE, NULL, "rumormill/1.0",
	  "/search?q=pixel", true },
	{ "news pdf$", NEWS_FILE, NULL, "rumormill/1.0", "/spec/sheet.pdf",
	  false },
	{ "news tag$ allow", NEWS_FILE, NULL, "rumormill/1.0", "/tag/phones",
	  true },
	{ "news tag other", NEWS_FILE, NULL, "rumormill/1.0", "/tag/phones/2",
	  false },
	{ "news star group", NEWS_FILE, NULL, "otherbot", "/search?q=1",
	  false },
	{ "news star admin-ajax", NEWS_FILE, NULL, "otherbot",
	  "/wp-admin/admin-ajax.php", true },
	{ "news star replytocom", NEWS_FILE, NULL, "otherbot",
	  "/2024/01/a/?replytocom=3", false },
	{ "news gptbot", NEWS_FILE, NULL, "GPTBot", "/", false },
	{ "news ccbot", NEWS_FILE, NULL, "ccbot", "/news", false },
};

static char *
case_text(const struct robots_case *c, size_t *len)
{
	char *txt;

	if (!c->file) {
		*len = strlen(c->txt);
		return strdup(c->txt);
	}
	txt = fixture_read(c->file, len);
	assert_non_null(txt);
	return txt;
}

static void
test_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct robots_case *c = &cases[i];
		struct robots *r = NULL;
		size_t len;
		char *txt = case_text(c, &len);

		print_message("robots: %s\n", c->name);
		assert_int_equal(robots_parse(txt, len, c->agent, &r), 0);
		if (robots_allowed(r, c->path) != c->allowed)
			fail_msg("%s: %s should be %s", c->name, c->path,
				 c->allowed ? "allowed" : "disallowed");
		robots_free(r);
		free(txt);
	}
}

static void
test_crawl_delay_and_sitemaps(void **state)
{
	struct robots *r = NULL;
	const struct strvec *sm;
	size_t len;
	char *txt = fixture_read(NEWS_FILE, &len);

	(void)state;
	assert_non_null(txt);
	assert_int_equal(robots_parse(txt, len, "rumormill/1.0", &r), 0);
	assert_int_equal(robots_crawl_delay_ms(r), 5000);
	sm = robots_sitemaps(r);
	/* Normalised, the fragment duplicate and the ftp one dropped. */
	assert_int_equal(sm->n, 2);
	assert_string_equal(sm->v[0],
			    "https://www.example-news.com/sitemap_index.xml");
	assert_string_equal(sm->v[1],
			    "https://www.example-news.com/news-sitemap.xml");
	robots_free(r);

	assert_int_equal(robots_parse(txt, len, "otherbot", &r), 0);
	assert_int_equal(robots_crawl_delay_ms(r), 1500);
	assert_int_equal(robots_sitemaps(r)->n, 2);
	robots_free(r);

	assert_int_equal(robots_parse(txt, len, "GPTBot", &r), 0);
	assert_int_equal(robots_crawl_delay_ms(r), -1);
	robots_free(r);
	free(txt);

	static const struct {
		const char *val;
		long ms;
	} delays[] = {
		{ "0", 0 },	  { "2", 2000 },     { "0.25", 250 },
		{ "10.", 10000 }, { "abc", -1 },     { "-1", -1 },
		{ "1e3", -1 },	  { "999999", 3600000 },
	};
	for (size_t i = 0; i < sizeof(delays) / sizeof(delays[0]); i++) {
		char line[64];

		snprintf(line, sizeof(line), "user-agent: *\ncrawl-delay: %s\n",
			 delays[i].val);
		assert_int_equal(robots_parse(line, strlen(line), "a", &r), 0);
		print_message("crawl-delay %s\n", delays[i].val);
		assert_int_equal(robots_crawl_delay_ms(r), delays[i].ms);
		robots_free(r);
	}
}

/* Rules past ROBOTS_MAX_BYTES are not read; a cut line is dropped. */
static void
test_size_cap(void **state)
{
	struct buf b;
	struct robots *r = NULL;

	(void)state;
	buf_init(&b, 2 * ROBOTS_MAX_BYTES);
	assert_int_equal(buf_append_str(&b, "user-agent: *\n"), 0);
	while (b.len < ROBOTS_MAX_BYTES - 100)
		assert_int_equal(buf_append_str(&b, "# padding padding\n"), 0);
	assert_int_equal(buf_append_str(&b, "disallow: /inside\n"), 0);
	while (b.len < ROBOTS_MAX_BYTES - 5)
		assert_int_equal(buf_append_char(&b, '#'), 0);
	assert_int_equal(buf_append_str(&b, "\ndisallow: /cut\n"), 0);
	assert_int_equal(buf_append_str(&b, "disallow: /outside\n"), 0);
	assert_int_equal(robots_parse(b.data, b.len, "a", &r), 0);
	assert_false(robots_allowed(r, "/inside"));
	assert_true(robots_allowed(r, "/cut"));
	assert_true(robots_allowed(r, "/outside"));
	robots_free(r);
	buf_free(&b);
}

static void
test_long_line_skipped(void **state)
{
	struct buf b;
	struct robots *r = NULL;

	(void)state;
	buf_init(&b, 3 * ROBOTS_MAX_LINE);
	assert_int_equal(buf_append_str(&b, "user-agent: *\ndisallow: /"), 0);
	for (int i = 0; i < ROBOTS_MAX_LINE; i++)
		assert_int_equal(buf_append_char(&b, 'a'), 0);
	assert_int_equal(buf_append_str(&b, "\ndisallow: /b\n"), 0);
	assert_int_equal(robots_parse(b.data, b.len, "a", &r), 0);
	assert_true(robots_allowed(r, "/aaaa"));
	assert_false(robots_allowed(r, "/b"));
	robots_free(r);
	buf_free(&b);
}

/*
 * A pattern built to make a backtracking matcher quadratic, against the
 * longest path: the answer comes quickly and errs on the side of
 * disallowing.
 */
static void
test_match_budget(void **state)
{
	struct buf txt, path;
	struct robots *r = NULL;
	clock_t t0;
	double secs;

	(void)state;
	buf_init(&txt, ROBOTS_MAX_BYTES);
	buf_init(&path, 8192);
	assert_int_equal(buf_append_str(&txt, "user-agent: *\n"), 0);
	for (int rule = 0; rule < 50; rule++) {
		assert_int_equal(buf_append_str(&txt, "disallow: /*"), 0);
		for (int i = 0; i < 2000; i++)
			assert_int_equal(buf_append_char(&txt, 'a'), 0);
		assert_int_equal(buf_append_str(&txt, "b\n"), 0);
	}
	assert_int_equal(buf_append_char(&path, '/'), 0);
	for (int i = 0; i < 4000; i++)
		assert_int_equal(buf_append_char(&path, 'a'), 0);
	assert_int_equal(robots_parse(txt.data, txt.len, "a", &r), 0);
	t0 = clock();
	assert_false(robots_allowed(r, path.data));
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	print_message("pathological lookup: %.3f s\n", secs);
	assert_true(secs < 1.0);
	robots_free(r);
	buf_free(&txt);
	buf_free(&path);
}

static void
test_rule_cap(void **state)
{
	struct buf b;
	struct robots *r = NULL;

	(void)state;
	buf_init(&b, ROBOTS_MAX_BYTES);
	assert_int_equal(buf_append_str(&b, "user-agent: *\n"), 0);
	for (int i = 0; i < ROBOTS_MAX_RULES; i++)
		assert_int_equal(buf_printf(&b, "disallow: /r%d\n", i), 0);
	assert_int_equal(buf_append_str(&b, "disallow: /over\n"), 0);
	assert_int_equal(robots_parse(b.data, b.len, "a", &r), 0);
	assert_false(robots_allowed(r, "/r0"));
	assert_false(robots_allowed(r, "/r9999"));
	assert_true(robots_allowed(r, "/over"));
	robots_free(r);
	buf_free(&b);
}

static void
test_status_policy(void **state)
{
	static const struct {
		long status;
		enum robots_verdict v;
	} rows[] = {
		{ 200, ROBOTS_USE_BODY },     { 203, ROBOTS_USE_BODY },
		{ 301, ROBOTS_ALLOW_ALL },    { 401, ROBOTS_ALLOW_ALL },
		{ 403, ROBOTS_ALLOW_ALL },    { 404, ROBOTS_ALLOW_ALL },
		{ 410, ROBOTS_ALLOW_ALL },    { 429, ROBOTS_DISALLOW_ALL },
		{ 500, ROBOTS_DISALLOW_ALL }, { 503, ROBOTS_DISALLOW_ALL },
		{ 0, ROBOTS_DISALLOW_ALL },
	};
	struct robots *r;

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		print_message("status %ld\n", rows[i].status);
		assert_int_equal(robots_verdict_for_status(rows[i].status),
				 rows[i].v);
	}
	r = robots_new_allow_all();
	assert_true(robots_allowed(r, "/anything"));
	assert_int_equal(robots_crawl_delay_ms(r), -1);
	assert_int_equal(robots_sitemaps(r)->n, 0);
	robots_free(r);
	r = robots_new_disallow_all();
	assert_false(robots_allowed(r, "/"));
	robots_free(r);
}

static void
test_bad_arguments(void **state)
{
	struct robots *r = NULL;

	(void)state;
	assert_int_equal(robots_parse("", 0, "", &r), RM_EINVAL);
	assert_int_equal(robots_parse("", 0, "/1.0", &r), RM_EINVAL);
	assert_null(r);
	/* A BOM is skipped, so the first line still counts. */
	const char *bom = "\xef\xbb\xbfuser-agent: *\ndisallow: /\n";

	assert_int_equal(robots_parse(bom, strlen(bom), "a", &r), 0);
	assert_false(robots_allowed(r, "/x"));
	robots_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_crawl_delay_and_sitemaps),
		cmocka_unit_test(test_size_cap),
		cmocka_unit_test(test_long_line_skipped),
		cmocka_unit_test(test_match_budget),
		cmocka_unit_test(test_rule_cap),
		cmocka_unit_test(test_status_policy),
		cmocka_unit_test(test_bad_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
