/*
 * Source files: the shipped config/sources.d (loads, and its patterns
 * pick articles out of the URL shapes of each site), fixtures with every
 * key, and broken files whose FILE:LINE messages are checked in full.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/errors.h"
#include "config/sources.h"
#include "tests/support/fixture.h"

#define DATA "tests/data/sources/"
#define SHIPPED "config/sources.d"

static struct source_list *
load_ok(const char *dir)
{
	struct source_list *l = NULL;
	char *err = NULL;
	int rc = sources_load_dir(dir, &l, &err);

	if (rc)
		fail_msg("%s: %d\n%s", dir, rc, err ? err : "");
	assert_null(err);
	return l;
}

static void
test_shipped(void **state)
{
	static const char *const names[] = {
		"9to5google",	 "androidauthority", "androidpolice",
		"gizmochina",	 "gsmarena-rss",     "gsmarena",
		"macrumors",	 "notebookcheck",    "theverge",
		"xda",
	};
	struct source_list *l = load_ok(SHIPPED);

	(void)state;
	assert_int_equal(l->n, sizeof(names) / sizeof(names[0]));
	for (size_t i = 0; i < l->n; i++) {
		const struct source *s = l->v[i];
		char note[256];
		char *text = fixture_read(s->file, NULL);

		assert_string_equal(s->name, names[i]);
		assert_true(s->start.n >= 1);
		assert_non_null(s->follow);
		/* Every shipped file says it was never tried for real. */
		snprintf(note, sizeof(note),
			 "; unverified: written without network access; "
			 "check with `rumormill sources test %s`\n",
			 s->name);
		assert_non_null(text);
		assert_non_null(strstr(text, note));
		free(text);
	}
	assert_false(sources_find(l, "gsmarena-rss")->enabled);
	assert_true(sources_find(l, "gsmarena")->enabled);
	sources_free(l);
}

struct want_case {
	const char *source;
	const char *url;
	int want;
};

/* Article URLs in each site's shape, and listing pages that are not. */
static const struct want_case wants[] = {
	{ "gsmarena",
	  "https://www.gsmarena.com/samsung_galaxy_s25_ultra_leak-news-66123.php",
	  1 },
	{ "gsmarena", "https://www.gsmarena.com/samsung-phones-9.php", 0 },
	{ "gsmarena", "https://www.gsmarena.com/news.php3?iPage=2", 0 },
	{ "gsmarena-rss",
	  "https://www.gsmarena.com/xiaomi_15_ultra_review-2786.php", 0 },
	{ "gsmarena-rss",
	  "https://www.gsmarena.com/xiaomi_15_ultra-review-2786.php", 1 },
	{ "gizmochina",
	  "https://www.gizmochina.com/2025/01/14/xiaomi-15-ultra-camera-leak/",
	  1 },
	{ "gizmochina", "https://www.gizmochina.com/category/news/", 0 },
	{ "androidauthority",
	  "https://www.androidauthority.com/pixel-10-tensor-g5-leak-3512345/",
	  1 },
	{ "androidauthority",
	  "https://www.androidauthority.com/best-android-phones-568001/", 0 },
	{ "androidauthority", "https://www.androidauthority.com/news/", 0 },
	{ "9to5google",
	  "https://9to5google.com/2025/01/14/pixel-10-pro-tensor-g5/", 1 },
	{ "9to5google", "https://9to5google.com/guides/pixel/", 0 },
	{ "macrumors",
	  "https://www.macrumors.com/2025/01/14/iphone-17-air-a19-chip/", 1 },
	{ "macrumors", "https://www.macrumors.com/roundup/iphone-17/", 0 },
	{ "xda", "https://www.xda-developers.com/snapdragon-8-elite-gen-2-specs/",
	  1 },
	{ "xda", "https://www.xda-developers.com/category/phones/", 0 },
	{ "xda", "https://www.xda-developers.com/author/someone/", 0 },
	{ "theverge",
	  "https://www.theverge.com/2024/9/9/24239876/apple-iphone-16-a18-chip",
	  1 },
	{ "theverge",
	  "https://www.theverge.com/news/612345/samsung-galaxy-s25-exynos", 1 },
	{ "theverge", "https://www.theverge.com/tech", 0 },
	{ "theverge", "https://www.theverge.com/authors/42/someone", 0 },
	{ "notebookcheck",
	  "https://www.notebookcheck.net/Galaxy-S26-Ultra-leaks-with-"
	  "Snapdragon.912345.0.html",
	  1 },
	{ "notebookcheck", "https://www.notebookcheck.net/News.152.100.html",
	  0 },
	{ "androidpolice",
	  "https://www.androidpolice.com/galaxy-s26-ultra-exynos-2600-leak/",
	  1 },
	{ "androidpolice", "https://www.androidpolice.com/page/2/", 0 },
};

static void
test_shipped_patterns(void **state)
{
	struct source_list *l = load_ok(SHIPPED);

	(void)state;
	for (size_t i = 0; i < sizeof(wants) / sizeof(wants[0]); i++) {
		const struct source *s = sources_find(l, wants[i].source);

		assert_non_null(s);
		if (source_wants(s, wants[i].url) != wants[i].want)
			fail_msg("%s: %s should %sbe followed", s->name,
				 wants[i].url, wants[i].want ? "" : "not ");
	}
	sources_free(l);
}

static void
test_good_files(void **state)
{
	struct source_list *l = load_ok(DATA "good");
	const struct source *s;

	(void)state;
	assert_int_equal(l->n, 2);
	assert_null(sources_find(l, "every-key"));
	s = sources_find(l, "example.news-1");
	assert_non_null(s);
	assert_string_equal(s->file, DATA "good/every-key.ini");
	/* Normalised and deduplicated. */
	assert_int_equal(s->start.n, 2);
	assert_string_equal(s->start.v[0], "https://www.example-news.com/feed/");
	assert_string_equal(s->start.v[1], "https://www.example-news.com/news/");
	assert_int_equal(s->every_ms, 45 * 60 * 1000);
	assert_int_equal(s->delay_ms, 500);
	assert_int_equal(s->max_pages, 1000);
	assert_string_equal(s->body, "article .entry-content, div#story");
	assert_true(s->weight == 2.5);
	assert_false(s->enabled);
	assert_int_equal(source_wants(s, "https://www.example-news.com/news/"
					 "pixel-10-leak-42.php"),
			 1);
	assert_int_equal(source_wants(s, "https://www.example-news.com/news/"
					 "best-deals-today-42.php"),
			 0);
	assert_int_equal(source_wants(s, "https://www.example-news.com/news/"),
			 0);

	/* Defaults, and the name taken from the file. */
	s = sources_find(l, "minimal");
	assert_non_null(s);
	assert_int_equal(s->every_ms, 3600 * 1000);
	assert_int_equal(s->delay_ms, 2000);
	assert_int_equal(s->max_pages, 200);
	assert_null(s->body);
	assert_null(s->skip);
	assert_true(s->weight == 1.0);
	assert_true(s->enabled);
	sources_free(l);
}

static void
test_bad_files(void **state)
{
#define BAD DATA "bad/"
	static const char want[] =
		BAD "bad-regex.ini:4: follow: bad pattern at offset 27: "
		    "missing closing parenthesis\n"
		BAD "bad-regex.ini:5: skip: bad pattern at offset 4: missing "
		    "terminating ] for character class\n"
		BAD "ftp-start.ini:2: start: \"ftp://example.com/pub/news.xml\" "
		    "is not an http or https URL\n"
		BAD "missing.ini: no \"start\" URL given\n"
		BAD "missing.ini: no \"follow\" pattern given\n"
		BAD "out-of-range.ini:4: every: 30s is below the minimum 1m\n"
		BAD "out-of-range.ini:5: delay: 2m is above the maximum 1m\n"
		BAD "out-of-range.ini:6: max_pages: 0 is below the minimum 1\n"
		BAD "out-of-range.ini:7: weight: 11 is above the maximum 10\n"
		BAD "out-of-range.ini:8: enabled: \"maybe\" is not yes or no\n"
		BAD "structure.ini:1: start: outside the [source] section\n"
		BAD "structure.ini:4: follow: already set on line 3\n"
		BAD "structure.ini:5: expected \"key = value\"\n"
		BAD "structure.ini:7: url: in unknown section [feeds] (only "
		    "[source])\n"
		BAD "structure.ini:9: name: \"Not Valid\" must be 1 to 64 of "
		    "a-z 0-9 _ . -\n"
		BAD "structure.ini:10: body: bad selector: selector: expected "
		    "a name at offset 4\n"
		BAD "structure.ini: no \"start\" URL given\n"
		BAD "unknown-key.ini:5: unknown key \"intervall\"\n";
#undef BAD
	struct source_list *l = NULL;
	char *err = NULL;

	(void)state;
	assert_int_equal(sources_load_dir(DATA "bad", &l, &err), RM_ECONFIG);
	assert_null(l);
	assert_string_equal(err, want);
	free(err);
	err = NULL;

	assert_int_equal(sources_load_dir(DATA "dup", &l, &err), RM_ECONFIG);
	assert_string_equal(err, DATA "dup/b.ini: source name \"same\" is also "
				      "used by " DATA "dup/a.ini\n");
	free(err);
	err = NULL;

	assert_int_equal(sources_load_dir(DATA "no-such-dir", &l, &err),
			 RM_EIO);
	assert_string_equal(err, DATA "no-such-dir: No such file or "
				      "directory\n");
	free(err);
}

/* A pattern with catastrophic backtracking costs a bounded amount. */
static void
test_match_limit(void **state)
{
	struct source_list *l = load_ok(DATA "slow");
	const struct source *s = sources_find(l, "slow");
	char url[256];

	(void)state;
	assert_int_equal(source_wants(s, "https://e.example/aaaa"), 1);
	snprintf(url, sizeof(url), "https://e.example/%s!",
		 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	assert_int_equal(source_wants(s, url), RM_ELIMIT);
	sources_free(l);
}

static void
test_describe(void **state)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);

	(void)state;
	assert_non_null(mem);
	sources_describe(mem);
	fclose(mem);
	assert_non_null(strstr(text, "[source]\n"));
	assert_non_null(strstr(text, ";every = 1h\n"));
	assert_non_null(strstr(text, "(1m to 30d)"));
	assert_non_null(strstr(text, ";start = ...\n"));
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_shipped_patterns),
		cmocka_unit_test(test_good_files),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_match_limit),
		cmocka_unit_test(test_describe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
