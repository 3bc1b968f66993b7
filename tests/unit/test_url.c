/*
 * url_normalize, url_resolve, url_host: one row per behaviour.  The
 * resolution rows include RFC 3986 section 5.4's reference examples.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/errors.h"
#include "crawler/url.h"

struct norm_case {
	const char *name;
	const char *in;
	const char *want; /* NULL: RM_EINVAL expected */
};

static const struct norm_case norm_cases[] = {
	{ "already canonical", "https://example.com/a/b?x=1",
	  "https://example.com/a/b?x=1" },
	{ "scheme and host lower-cased", "HTTP://ExAmple.COM/Path",
	  "http://example.com/Path" },
	{ "empty path becomes slash", "https://example.com",
	  "https://example.com/" },
	{ "http default port dropped", "http://example.com:80/x",
	  "http://example.com/x" },
	{ "https default port dropped", "https://example.com:443/x",
	  "https://example.com/x" },
	{ "443 kept on http", "http://example.com:443/x",
	  "http://example.com:443/x" },
	{ "other port kept", "https://example.com:8443/x",
	  "https://example.com:8443/x" },
	{ "fragment dropped", "https://example.com/a#comments",
	  "https://example.com/a" },
	{ "dot segments resolved", "https://example.com/a/./b/../c",
	  "https://example.com/a/c" },
	{ "dot segments above root", "https://example.com/../../x",
	  "https://example.com/x" },
	{ "utm params dropped, others kept in order",
	  "https://e.com/p?b=2&utm_source=rss&a=1&utm_medium=feed",
	  "https://e.com/p?b=2&a=1" },
	{ "upper-case UTM dropped", "https://e.com/p?UTM_Campaign=x&id=7",
	  "https://e.com/p?id=7" },
	{ "fbclid gclid dropped", "https://e.com/?fbclid=abc&gclid=def",
	  "https://e.com/" },
	{ "mailchimp and instagram dropped",
	  "https://e.com/x?mc_cid=1&q=a&mc_eid=2&igshid=3",
	  "https://e.com/x?q=a" },
	{ "ref_src dropped", "https://e.com/x?ref_src=twsrc&s=1",
	  "https://e.com/x?s=1" },
	{ "escaped tracking names dropped",
	  "https://e.com/x?utm%5fsource=1&%66bclid=2&s=1",
	  "https://e.com/x?s=1" },
	{ "param named like a tracker but longer kept",
	  "https://e.com/x?fbclidx=1", "https://e.com/x?fbclidx=1" },
	{ "empty params dropped", "https://e.com/x?a=1&&b=2&",
	  "https://e.com/x?a=1&b=2" },
	{ "valueless param kept", "https://e.com/x?amp", "https://e.com/x?amp" },
	{ "empty query dropped", "https://e.com/x?", "https://e.com/x" },
	{ "escape hex upper-cased", "https://e.com/a%2fb?q=%3d",
	  "https://e.com/a%2Fb?q=%3D" },
	{ "unreserved escapes decoded", "https://e.com/%7euser/%41%62-%5F",
	  "https://e.com/~user/Ab-_" },
	{ "escaped dot kept", "https://e.com/a%2eb", "https://e.com/a%2Eb" },
	{ "lone percent escaped", "https://e.com/100%/x%zz",
	  "https://e.com/100%25/x%25zz" },
	{ "utf-8 path escaped", "https://e.com/caf\xc3\xa9",
	  "https://e.com/caf%C3%A9" },
	{ "unsafe printable escaped", "https://e.com/a|b{c}",
	  "https://e.com/a%7Cb%7Bc%7D" },
	{ "ipv6 literal", "http://[::1]:8080/x", "http://[::1]:8080/x" },
	{ "ipv4 literal", "http://127.0.0.1:8080", "http://127.0.0.1:8080/" },
	{ "escaped ipv4 host spelt out", "https://%34/x", "https://0.0.0.4/x" },
	{ "ftp rejected", "ftp://example.com/file", NULL },
	{ "mailto rejected", "mailto:someone@example.com", NULL },
	{ "javascript rejected", "javascript:alert(1)", NULL },
	{ "relative rejected", "/just/a/path", NULL },
	{ "scheme-less rejected", "example.com/x", NULL },
	{ "empty rejected", "", NULL },
	{ "inner space rejected", "https://e.com/a b", NULL },
	{ "leading space rejected", " https://e.com/", NULL },
	{ "newline rejected", "https://e.com/a\nb", NULL },
	{ "tab rejected", "https://e.com/\tx", NULL },
	{ "userinfo rejected", "https://user:pw@e.com/", NULL },
	{ "user only rejected", "https://trusted.com@evil.com/", NULL },
	{ "non-ascii host rejected", "https://b\xc3\xbc" "cher.de/", NULL },
	{ "bad port rejected", "http://e.com:99999/", NULL },
	{ "no host rejected", "http://", NULL },
	{ "percent in host rejected", "http://a%%b/", NULL },
	{ "escaped percent in host rejected", "http://a%25b/", NULL },
	{ "underscore in host kept", "http://a_b.e.com/x",
	  "http://a_b.e.com/x" },
};

static void
test_normalize(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(norm_cases) / sizeof(norm_cases[0]);
	     i++) {
		const struct norm_case *c = &norm_cases[i];
		char *got = NULL;
		int rc = url_normalize(c->in, &got);

		print_message("normalize: %s\n", c->name);
		if (!c->want) {
			assert_int_equal(rc, RM_EINVAL);
			assert_null(got);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_string_equal(got, c->want);
		/* Normalising twice changes nothing. */
		char *again = NULL;

		assert_int_equal(url_normalize(got, &again), 0);
		assert_string_equal(again, got);
		free(again);
		free(got);
	}
}

struct resolve_case {
	const char *name;
	const char *base;
	const char *ref;
	const char *want; /* NULL: RM_EINVAL expected */
};

#define RFC_BASE "http://a/b/c/d;p?q"

static const struct resolve_case resolve_cases[] = {
	/* RFC 3986 5.4.1 normal examples. */
	{ "rfc g", RFC_BASE, "g", "http://a/b/c/g" },
	{ "rfc ./g", RFC_BASE, "./g", "http://a/b/c/g" },
	{ "rfc g/", RFC_BASE, "g/", "http://a/b/c/g/" },
	{ "rfc /g", RFC_BASE, "/g", "http://a/g" },
	{ "rfc //g", RFC_BASE, "//g", "http://g/" },
	{ "rfc ?y", RFC_BASE, "?y", "http://a/b/c/d;p?y" },
	{ "rfc g?y", RFC_BASE, "g?y", "http://a/b/c/g?y" },
	{ "rfc #s", RFC_BASE, "#s", "http://a/b/c/d;p?q" },
	{ "rfc g#s", RFC_BASE, "g#s", "http://a/b/c/g" },
	{ "rfc ;x", RFC_BASE, ";x", "http://a/b/c/;x" },
	{ "rfc g;x?y#s", RFC_BASE, "g;x?y#s", "http://a/b/c/g;x?y" },
	{ "rfc empty", RFC_BASE, "", "http://a/b/c/d;p?q" },
	{ "rfc .", RFC_BASE, ".", "http://a/b/c/" },
	{ "rfc ./", RFC_BASE, "./", "http://a/b/c/" },
	{ "rfc ..", RFC_BASE, "..", "http://a/b/" },
	{ "rfc ../", RFC_BASE, "../", "http://a/b/" },
	{ "rfc ../g", RFC_BASE, "../g", "http://a/b/g" },
	{ "rfc ../..", RFC_BASE, "../..", "http://a/" },
	{ "rfc ../../g", RFC_BASE, "../../g", "http://a/g" },
	/* RFC 3986 5.4.2 abnormal examples. */
	{ "rfc ../../../g", RFC_BASE, "../../../g", "http://a/g" },
	{ "rfc /./g", RFC_BASE, "/./g", "http://a/g" },
	{ "rfc g.", RFC_BASE, "g.", "http://a/b/c/g." },
	{ "rfc ..g", RFC_BASE, "..g", "http://a/b/c/..g" },
	{ "rfc g/../h", RFC_BASE, "g/../h", "http://a/b/c/h" },
	/* What index pages hand us. */
	{ "protocol-relative to https", "https://news.example.com/tech/",
	  "//cdn.example.com/a.html?utm_source=x",
	  "https://cdn.example.com/a.html" },
	{ "absolute ref wins", "https://a.com/x", "http://B.com:80/y",
	  "http://b.com/y" },
	{ "query only keeps path", "https://a.com/news/page/2?x=1", "?page=3",
	  "https://a.com/news/page/2?page=3" },
	{ "fragment only keeps query", "https://a.com/x?id=4#top", "#more",
	  "https://a.com/x?id=4" },
	{ "mailto ref rejected", "https://a.com/", "mailto:x@a.com", NULL },
	{ "javascript ref rejected", "https://a.com/", "javascript:void(0)",
	  NULL },
	{ "ftp ref rejected", "https://a.com/", "ftp://a.com/f", NULL },
	{ "ref with space rejected", "https://a.com/", "a b", NULL },
	{ "relative base rejected", "/x", "y", NULL },
	{ "ref with userinfo rejected", "https://a.com/", "//u@b.com/", NULL },
};

static void
test_resolve(void **state)
{
	(void)state;
	for (size_t i = 0;
	     i < sizeof(resolve_cases) / sizeof(resolve_cases[0]); i++) {
		const struct resolve_case *c = &resolve_cases[i];
		char *got = NULL;
		int rc = url_resolve(c->base, c->ref, &got);

		print_message("resolve: %s\n", c->name);
		if (!c->want) {
			assert_int_equal(rc, RM_EINVAL);
			assert_null(got);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_string_equal(got, c->want);
		free(got);
	}
}

static void
test_host(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "https://WWW.GSMArena.com/news.php3", "www.gsmarena.com" },
		{ "http://127.0.0.1:8080/x", "127.0.0.1" },
		{ "http://[::1]/", "[::1]" },
		{ "ftp://example.com/", NULL },
		{ "https://u:p@example.com/", NULL },
		{ "not a url", NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = NULL;
		int rc = url_host(cases[i].in, &got);

		print_message("host: %s\n", cases[i].in);
		if (!cases[i].want) {
			assert_int_equal(rc, RM_EINVAL);
			assert_null(got);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
}

static void
test_length_cap(void **state)
{
	char url[URL_MAX + 64];
	char *got = NULL;
	size_t prefix = strlen("https://e.com/");

	(void)state;
	memcpy(url, "https://e.com/", prefix);
	/* Exactly URL_MAX bytes: accepted. */
	memset(url + prefix, 'a', URL_MAX - prefix);
	url[URL_MAX] = '\0';
	assert_int_equal(url_normalize(url, &got), 0);
	assert_int_equal(strlen(got), URL_MAX);
	free(got);
	got = NULL;
	/* One more: rejected. */
	url[URL_MAX] = 'a';
	url[URL_MAX + 1] = '\0';
	assert_int_equal(url_normalize(url, &got), RM_EINVAL);
	assert_null(got);
	/* Short enough to read, too long once escaped: rejected. */
	memset(url + prefix, '|', URL_MAX / 2);
	url[prefix + URL_MAX / 2] = '\0';
	assert_int_equal(url_normalize(url, &got), RM_EINVAL);
	assert_null(got);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_host),
		cmocka_unit_test(test_length_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
