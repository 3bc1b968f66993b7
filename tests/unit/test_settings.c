/*
 * rumormill.conf and the value parsers it shares with the source files:
 * defaults, the shipped file, a customised file, and every error with
 * its FILE:LINE.
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
#include "config/settings.h"
#include "config/values.h"
#include "tests/support/fixture.h"

#define DATA "tests/data/settings/"

static void
assert_defaults(const struct settings *s)
{
	assert_string_equal(s->user_agent,
			    "rumormill/0.1 (+https://github.com/rumormill/"
			    "rumormill)");
	assert_int_equal(s->concurrency, 8);
	assert_int_equal(s->connect_timeout_ms, 10000);
	assert_int_equal(s->timeout_ms, 30000);
	assert_int_equal(s->low_speed_limit, 1024);
	assert_int_equal(s->low_speed_time_ms, 15000);
	assert_int_equal(s->max_body, 5 << 20);
	assert_int_equal(s->max_redirects, 5);
	assert_false(s->allow_private);
	assert_int_equal(s->retries, 2);
	assert_int_equal(s->robots_max_age_ms, 24LL * 3600 * 1000);
	assert_int_equal(s->workers, 0);
}

static void
test_missing_file_gives_defaults(void **state)
{
	struct settings s;
	char *err = NULL;

	(void)state;
	assert_int_equal(settings_load(DATA "no-such-file.conf", &s, &err), 0);
	assert_null(err);
	assert_defaults(&s);
	settings_free(&s);
}

/* The shipped file sets nothing and documents exactly the key table. */
static void
test_shipped_file(void **state)
{
	struct settings s;
	char *err = NULL, *shipped, *described = NULL;
	size_t described_len = 0;
	FILE *mem;

	(void)state;
	assert_int_equal(settings_load("config/rumormill.conf", &s, &err), 0);
	assert_defaults(&s);
	settings_free(&s);

	shipped = fixture_read("config/rumormill.conf", NULL);
	assert_non_null(shipped);
	mem = open_memstream(&described, &described_len);
	assert_non_null(mem);
	settings_describe(mem);
	fclose(mem);
	assert_non_null(strstr(shipped, "\n[crawl]\n"));
	assert_string_equal(strstr(shipped, "\n[crawl]\n") + 1, described);
	free(described);
	free(shipped);
}

static void
test_custom_file(void **state)
{
	struct settings s;
	char *err = NULL;

	(void)state;
	assert_int_equal(settings_load(DATA "custom.conf", &s, &err), 0);
	assert_string_equal(s.user_agent, "phonebot/2.3 (ops@example.org)");
	assert_int_equal(s.concurrency, 16);
	assert_int_equal(s.connect_timeout_ms, 5000);
	assert_int_equal(s.timeout_ms, 120000);
	assert_int_equal(s.low_speed_limit, 512);
	assert_int_equal(s.low_speed_time_ms, 20000);
	assert_int_equal(s.max_body, 10 << 20);
	assert_int_equal(s.max_redirects, 0);
	assert_true(s.allow_private);
	assert_int_equal(s.retries, 5);
	assert_int_equal(s.robots_max_age_ms, 12LL * 3600 * 1000);
	assert_int_equal(s.workers, 3);
	settings_free(&s);
}

static void
test_errors(void **state)
{
	static const char want[] =
		DATA "bad.conf:1: timeout: outside the [crawl] section\n"
		DATA "bad.conf:3: user_agent: must contain a contact URL or "
		     "e-mail address\n"
		DATA "bad.conf:4: concurrency: 65 is above the maximum 64\n"
		DATA "bad.conf:5: connect_timeout: \"10\" is not a duration "
		     "like 500ms, 30s, 10m, 1h, 1d\n"
		DATA "bad.conf:6: timeout: \"-5s\" is not a duration like "
		     "500ms, 30s, 10m, 1h, 1d\n"
		DATA "bad.conf:7: max_body: 200M is above the maximum 100M\n"
		DATA "bad.conf:8: max_body: already set on line 7\n"
		DATA "bad.conf:9: max_redirects: \"ten\" is not a whole "
		     "number\n"
		DATA "bad.conf:10: allow_private: \"perhaps\" is not yes or "
		     "no\n"
		DATA "bad.conf:11: retries: 9223372036854775807 is above the "
		     "maximum 5\n"
		DATA "bad.conf:12: workers: \"1.5\" is not a whole number\n"
		DATA "bad.conf:13: proxy: a URL without spaces, in "
		     "printable ASCII\n"
		DATA "bad.conf:14: unknown key \"proxy_port\"\n"
		DATA "bad.conf:15: unterminated section header\n";
	static const char want_ascii[] =
		DATA "bad-ascii.conf:2: user_agent: only printable ASCII is "
		     "allowed\n"
		DATA "bad-ascii.conf:3: expected \"key = value\"\n";
	struct settings s = { .workers = 42 };
	char *err = NULL;

	(void)state;
	assert_int_equal(settings_load(DATA "bad.conf", &s, &err),
			 RM_ECONFIG);
	assert_string_equal(err, want);
	/* *OUT is untouched on failure. */
	assert_int_equal(s.workers, 42);
	free(err);
	err = NULL;
	assert_int_equal(settings_load(DATA "bad-ascii.conf", &s, &err),
			 RM_ECONFIG);
	assert_string_equal(err, want_ascii);
	free(err);
	err = NULL;
	/* A directory exists but cannot be read as a file. */
	assert_int_equal(settings_load("tests/data", &s, &err), RM_EIO);
	assert_non_null(strstr(err, "tests/data: "));
	free(err);
}

struct value_case {
	const char *in;
	char type; /* d(uration) s(ize) b(ool) i(nt) f(loat) */
	int rc;
	double want;
};

static const struct value_case values[] = {
	{ "0", 'd', 0, 0 },
	{ "500ms", 'd', 0, 500 },
	{ "2s", 'd', 0, 2000 },
	{ "30m", 'd', 0, 1800000 },
	{ "1h", 'd', 0, 3600000 },
	{ "1D", 'd', 0, 86400000 },
	{ "10", 'd', RM_EINVAL, 0 },
	{ "1.5h", 'd', RM_EINVAL, 0 },
	{ "1h30m", 'd', RM_EINVAL, 0 },
	{ "-1s", 'd', RM_EINVAL, 0 },
	{ " 1s", 'd', RM_EINVAL, 0 },
	{ "1 s", 'd', RM_EINVAL, 0 },
	{ "s", 'd', RM_EINVAL, 0 },
	{ "", 'd', RM_EINVAL, 0 },
	{ "99999999999999999999s", 'd', RM_EINVAL, 0 },
	{ "9223372036854775807d", 'd', RM_EINVAL, 0 },
	{ "512", 's', 0, 512 },
	{ "64k", 's', 0, 65536 },
	{ "5M", 's', 0, 5242880 },
	{ "5MiB", 's', 0, 5242880 },
	{ "1gb", 's', 0, 1073741824 },
	{ "5X", 's', RM_EINVAL, 0 },
	{ "yes", 'b', 0, 1 },
	{ "On", 'b', 0, 1 },
	{ "TRUE", 'b', 0, 1 },
	{ "1", 'b', 0, 1 },
	{ "no", 'b', 0, 0 },
	{ "off", 'b', 0, 0 },
	{ "0", 'b', 0, 0 },
	{ "y", 'b', RM_EINVAL, 0 },
	{ "42", 'i', 0, 42 },
	{ "-7", 'i', 0, -7 },
	{ "4x", 'i', RM_EINVAL, 0 },
	{ "", 'i', RM_EINVAL, 0 },
	{ "-", 'i', RM_EINVAL, 0 },
	{ "1", 'f', 0, 1.0 },
	{ "0.5", 'f', 0, 0.5 },
	{ "2.25", 'f', 0, 2.25 },
	{ ".5", 'f', 0, 0.5 },
	{ "1,5", 'f', RM_EINVAL, 0 },
	{ "1e3", 'f', RM_EINVAL, 0 },
	{ ".", 'f', RM_EINVAL, 0 },
};

static void
test_value_parsers(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		const struct value_case *c = &values[i];
		long long iv = -1;
		double dv = -1;
		bool bv = false;
		int rc = RM_EINVAL;

		print_message("value %c [%s]\n", c->type, c->in);
		switch (c->type) {
		case 'd': rc = cfg_parse_duration(c->in, &iv); break;
		case 's': rc = cfg_parse_size(c->in, &iv); break;
		case 'i': rc = cfg_parse_int(c->in, &iv); break;
		case 'f': rc = cfg_parse_float(c->in, &dv); break;
		case 'b':
			rc = cfg_parse_bool(c->in, &bv);
			dv = bv;
			break;
		}
		assert_int_equal(rc, c->rc);
		if (rc)
			continue;
		if (c->type == 'd' || c->type == 's' || c->type == 'i')
			dv = (double)iv;
		assert_true(dv == c->want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing_file_gives_defaults),
		cmocka_unit_test(test_shipped_file),
		cmocka_unit_test(test_custom_file),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_value_parsers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
