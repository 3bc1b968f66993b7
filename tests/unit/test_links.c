/*
 * Links of index pages: a hand-made page covering each rule, a real
 * MacRumors page from tests/data/corpus/tech-news/, and the link cap.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/buf.h"
#include "common/errors.h"
#include "extract/links.h"
#include "tests/support/fixture.h"

static void
test_index_page(void **state)
{
	static const char *const want[] = {
		"https://www.example-news.com/",
		"https://www.example-news.com/news/galaxy-s26-ultra-leak-123.php",
		"https://www.example-news.com/news/pixel-10-pro-tensor-g5-456.php",
		"https://www.example-news.com/reviews/iphone%2017%20air.php",
		"https://cdn.example-news.com/img/x.jpg",
		"https://other.example.org/story?id=7",
		"https://www.example-news.com/news/?page=3",
	};
	struct links l;
	size_t len;
	char *html = fixture_read("tests/data/links/index.html", &len);

	(void)state;
	assert_non_null(html);
	assert_int_equal(links_extract(html, len,
				       "https://www.example-news.com/news/page/2/",
				       &l),
			 0);
	for (size_t i = 0; i < l.links.n; i++)
		print_message("link %zu: %s\n", i, l.links.v[i]);
	assert_int_equal(l.links.n, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < l.links.n; i++)
		assert_string_equal(l.links.v[i], want[i]);
	/* javascript:, mailto:, tel:, data:, ftp:, user:pw@; not "#top". */
	assert_int_equal(l.n_skipped, 6);
	assert_int_equal(l.truncated, 0);
	assert_string_equal(l.canonical,
			    "https://www.example-news.com/news/page/2/");
	assert_string_equal(l.next, "https://www.example-news.com/news/page/3/");
	assert_int_equal(l.feeds.n, 2);
	assert_string_equal(l.feeds.v[0], "https://www.example-news.com/feed/");
	assert_string_equal(l.feeds.v[1],
			    "https://www.example-news.com/atom.xml");
	links_free(&l);
	free(html);
}

static void
test_real_page(void **state)
{
	const char *path = "tests/data/corpus/tech-news/postlight-parser/"
			   "www.macrumors.com/source.html";
	struct links l;
	size_t len;
	char *html;

	(void)state;
	html = fixture_read(path, &len);
	assert_non_null(html);
	assert_int_equal(links_extract(html, len,
				       "https://www.macrumors.com/2017/01/18/"
				       "apple-pencil-2-march-2017/",
				       &l),
			 0);
	print_message("macrumors: %zu links, %zu skipped\n", l.links.n,
		      l.n_skipped);
	assert_string_equal(l.canonical, "https://www.macrumors.com/2017/01/"
					 "18/apple-pencil-2-march-2017/");
	assert_int_equal(l.feeds.n, 1);
	assert_string_equal(l.feeds.v[0],
			    "https://feeds.macrumors.com/MacRumors-All");
	/* ~290 <a> elements, many repeated: fewer distinct links. */
	assert_true(l.links.n > 50 && l.links.n < 293);
	assert_true(strvec_contains(&l.links, "https://www.macrumors.com/"));
	for (size_t i = 0; i < l.links.n; i++) {
		assert_true(strncmp(l.links.v[i], "http", 4) == 0);
		assert_null(strchr(l.links.v[i], '#'));
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(l.links.v[i], l.links.v[j]);
	}
	links_free(&l);
	free(html);
}

static void
test_cap(void **state)
{
	struct buf b;
	struct links l;

	(void)state;
	buf_init(&b, 1 << 20);
	assert_int_equal(buf_append_str(&b, "<html><body>"), 0);
	for (int i = 0; i < LINKS_MAX + 2000; i++)
		assert_int_equal(buf_printf(&b, "<a href=\"/a/%d\">x</a>\n", i),
				 0);
	assert_int_equal(links_extract(b.data, b.len, "http://127.0.0.1:8080/",
				       &l),
			 0);
	assert_int_equal(l.links.n, LINKS_MAX);
	assert_int_equal(l.truncated, 1);
	assert_string_equal(l.links.v[LINKS_MAX - 1],
			    "http://127.0.0.1:8080/a/9999");
	links_free(&l);
	buf_free(&b);
}

static void
test_edge_cases(void **state)
{
	static const char page[] =
		"<base href='javascript:alert(1)'>"
		"<a href='x'>x</a><a href='X'>X</a><a href=''>empty</a>"
		"<a href='  '>blank</a><link rel='next prefetch' href='p2'>"
		"<link rel=canonical href='mailto:x@y'>";
	struct links l;

	(void)state;
	/* A page URL that is not http(s). */
	assert_int_equal(links_extract(page, strlen(page), "ftp://a/b", &l),
			 RM_EINVAL);
	assert_int_equal(links_extract(page, strlen(page), "relative/x", &l),
			 RM_EINVAL);
	/* An unusable <base> is ignored; paths are case-sensitive; an empty
	 * href is not a link. */
	assert_int_equal(links_extract(page, strlen(page),
				       "https://e.com/dir/page", &l),
			 0);
	assert_int_equal(l.links.n, 2);
	assert_string_equal(l.links.v[0], "https://e.com/dir/x");
	assert_string_equal(l.links.v[1], "https://e.com/dir/X");
	assert_string_equal(l.next, "https://e.com/dir/p2");
	assert_null(l.canonical);
	assert_int_equal(l.feeds.n, 0);
	links_free(&l);
	/* Nothing at all. */
	assert_int_equal(links_extract("", 0, "https://e.com/", &l), 0);
	assert_int_equal(l.links.n, 0);
	assert_null(l.next);
	links_free(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_index_page),
		cmocka_unit_test(test_real_page),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_edge_cases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
