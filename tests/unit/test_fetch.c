/*
 * The fetcher against a real HTTP server on loopback addresses: one row
 * per behaviour a crawl relies on (bodies, validators, redirects, the
 * address policy, caps, timeouts, retries), then tests of the metadata,
 * the request headers the server saw, and connection reuse.  The
 * fetcher delivers redirects unfollowed; rows marked `follow` go on
 * from hop to hop with redirect_next, as the crawl does, each hop a
 * fetch of its own under the same address policy.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/errors.h"
#include "common/strvec.h"
#include "crawler/fetch.h"
#include "crawler/redirect.h"
#include "tests/support/httpd.h"

#define KB 1024
#define MB (1024 * 1024)
#define LAST_MODIFIED "Wed, 21 Oct 2015 07:28:00 GMT"
/* Redirects a followed chain may make. */
#define MAX_REDIRECTS 3

static const struct httpd_route routes_a[] = {
	{ .path = "/plain", .body = "<html>hello</html>",
	  .content_type = "text/html; Charset=\"ISO-8859-1\"",
	  .headers = "ETag: \"v1\"\nLast-Modified: " LAST_MODIFIED },
	{ .path = "/cond", .kind = HTTPD_CONDITIONAL, .body = "fresh",
	  .etag = "\"abc\"", .last_modified = LAST_MODIFIED },
	{ .path = "/redir", .kind = HTTPD_REDIRECT, .location = "/plain" },
	{ .path = "/redir2", .kind = HTTPD_REDIRECT, .status = 301,
	  .location = "/redir" },
	{ .path = "/loop", .kind = HTTPD_REDIRECT, .location = "/loop" },
	{ .path = "/r1", .kind = HTTPD_REDIRECT, .status = 307,
	  .location = "/r2" },
	{ .path = "/r2", .kind = HTTPD_REDIRECT, .status = 308,
	  .location = "/r3" },
	{ .path = "/r3", .kind = HTTPD_REDIRECT, .status = 303,
	  .location = "/r4" },
	{ .path = "/r4", .kind = HTTPD_REDIRECT, .location = "/plain" },
	{ .path = "/no-location", .status = 301, .body = "moved" },
	{ .path = "/to-file", .kind = HTTPD_REDIRECT,
	  .location = "file:///etc/passwd" },
	{ .path = "/to-ftp", .kind = HTTPD_REDIRECT,
	  .location = "ftp://127.0.0.1/pub/x" },
	{ .path = "/to-gopher", .kind = HTTPD_REDIRECT,
	  .location = "gopher://127.0.0.1:70/1" },
	{ .path = "/to-data", .kind = HTTPD_REDIRECT,
	  .location = "data:text/html,<p>hi</p>" },
	{ .path = "/to-10", .kind = HTTPD_REDIRECT,
	  .location = "http://10.0.0.1/admin" },
	{ .path = "/to-metadata", .kind = HTTPD_REDIRECT,
	  .location = "http://169.254.169.254/latest/meta-data/" },
	{ .path = "/to-v6-loopback", .kind = HTTPD_REDIRECT,
	  .location = "http://[::1]/" },
	{ .path = "/to-zero", .kind = HTTPD_REDIRECT,
	  .location = "http://0.0.0.0/" },
	{ .path = "/500", .status = 500, .body = "oops" },
	{ .path = "/429", .status = 429, .headers = "Retry-After: 3600" },
	{ .path = "/503-date", .status = 503,
	  .headers = "Retry-After: Wed, 21 Oct 2037 07:28:00 GMT" },
	{ .path = "/flaky", .body = "recovered", .fail_first = 2,
	  .fail_status = 500 },
	{ .path = "/busy", .body = "served", .fail_first = 1,
	  .fail_status = 503, .fail_headers = "Retry-After: 1" },
	{ .path = "/down", .status = 502 },
	{ .path = "/stall", .kind = HTTPD_STALL, .delay_ms = 5000 },
	{ .path = "/drip", .kind = HTTPD_DRIP, .delay_ms = 1000,
	  .body = "0123456789" },
	{ .path = "/big", .kind = HTTPD_LARGE, .size = 1 * MB },
	{ .path = "/big-chunked", .kind = HTTPD_LARGE, .size = 1 * MB,
	  .chunked = true },
	{ .path = "/huge", .kind = HTTPD_HUGE_LENGTH,
	  .size = (size_t)10 * 1024 * MB },
	{ .path = "/bomb", .kind = HTTPD_GZIP_BOMB, .size = 64 * MB },
	{ .path = "/gz", .kind = HTTPD_GZIP_BOMB, .size = 3000 },
	{ .path = "/chunked", .chunked = true,
	  .body = "a chunked body that arrives in small pieces" },
	{ .path = "/slow", .kind = HTTPD_STALL, .delay_ms = 100,
	  .body = "slow" },
};

static const struct httpd_route routes_b[] = {
	{ .path = "/plain", .body = "from b" },
	{ .path = "/slow", .kind = HTTPD_STALL, .delay_ms = 100,
	  .body = "slow" },
};

static struct httpd *srv_a, *srv_b;

enum policy {
	ALLOW_ALL = 0,
	REFUSE_PRIVATE, /* the default of a real crawl */
	ALLOW_ONLY_A,   /* 127.0.0.1 allowed by address, the rest refused */
};

struct fetch_case {
	const char *name;
	const char *host; /* NULL: server A's address */
	const char *path;
	const char *etag, *last_modified;
	bool follow;              /* follow redirects as a crawl does */
	enum policy policy;
	size_t max_body;          /* 0: 1 MB */
	long timeout_ms;          /* 0: 3000 */
	long low_speed_time_s;    /* 0: off */
	unsigned attempts;        /* 0: 1 */
	/* expected */
	enum fetch_outcome outcome;
	long status;
	const char *body;       /* NULL: not checked */
	long body_len;          /* -1: not checked */
	bool truncated;
	const char *final_path; /* NULL: the requested path */
	const char *location;   /* the Location delivered; NULL: none */
	const char *msg;        /* substring of error_msg; NULL: no error */
	unsigned want_attempts; /* 0: 1 */
	long min_ms, max_ms;    /* elapsed bounds; max 0: 2500 */
};

static const struct fetch_case fetch_cases[] = {
	{ "plain 200", .path = "/plain", .outcome = FETCH_OK, .status = 200,
	  .body = "<html>hello</html>", .body_len = -1 },
	{ "404", .path = "/nowhere", .outcome = FETCH_OK, .status = 404,
	  .body = "not found\n", .body_len = -1 },
	{ "500 without retries", .path = "/500", .outcome = FETCH_OK,
	  .status = 500, .body = "oops", .body_len = -1 },
	{ "chunked body reassembled", .path = "/chunked",
	  .outcome = FETCH_OK, .status = 200,
	  .body = "a chunked body that arrives in small pieces",
	  .body_len = -1 },
	{ "gzip decoded", .path = "/gz", .outcome = FETCH_OK, .status = 200,
	  .body_len = 3000 },
	{ "conditional: matching ETag gives 304", .path = "/cond",
	  .etag = "\"abc\"", .outcome = FETCH_NOT_MODIFIED, .status = 304,
	  .body = "", .body_len = -1 },
	{ "conditional: matching date gives 304", .path = "/cond",
	  .last_modified = LAST_MODIFIED, .outcome = FETCH_NOT_MODIFIED,
	  .status = 304, .body_len = 0 },
	{ "conditional: stale ETag gives 200", .path = "/cond",
	  .etag = "\"old\"", .outcome = FETCH_OK, .status = 200,
	  .body = "fresh", .body_len = -1 },
	{ "redirect delivered, not followed", .path = "/redir",
	  .outcome = FETCH_OK, .status = 302, .body_len = 0,
	  .location = "/plain" },
	{ "301 delivered with its Location", .path = "/redir2",
	  .outcome = FETCH_OK, .status = 301, .body_len = 0,
	  .location = "/redir" },
	{ "a 301 without Location is a page", .path = "/no-location",
	  .follow = true, .outcome = FETCH_OK, .status = 301,
	  .body = "moved", .body_len = -1 },
	{ "redirect followed", .path = "/redir", .follow = true,
	  .outcome = FETCH_OK, .status = 200, .body = "<html>hello</html>",
	  .body_len = -1, .final_path = "/plain" },
	{ "two redirects followed", .path = "/redir2", .follow = true,
	  .outcome = FETCH_OK, .status = 200, .body_len = -1,
	  .final_path = "/plain" },
	{ "redirect loop stops", .path = "/loop", .follow = true,
	  .outcome = FETCH_REDIRECTS, .status = 302, .body_len = -1,
	  .location = "/loop", .msg = "redirect loop: back to http://" },
	{ "too many redirects stop", .path = "/r1", .follow = true,
	  .outcome = FETCH_REDIRECTS, .status = 302, .body_len = -1,
	  .final_path = "/r4", .location = "/plain",
	  .msg = "more than 3 redirects" },
	{ "redirect to file:// refused", .path = "/to-file", .follow = true,
	  .outcome = FETCH_REFUSED, .status = 302, .body_len = 0,
	  .location = "file:///etc/passwd",
	  .msg = "refused: redirect to a non-http(s) URL: file:///etc/passwd" },
	{ "redirect to ftp:// refused", .path = "/to-ftp", .follow = true,
	  .outcome = FETCH_REFUSED, .status = 302, .body_len = 0,
	  .location = "ftp://127.0.0.1/pub/x", .msg = "non-http(s) URL" },
	{ "redirect to gopher:// refused", .path = "/to-gopher",
	  .follow = true, .outcome = FETCH_REFUSED, .status = 302,
	  .body_len = 0, .location = "gopher://127.0.0.1:70/1",
	  .msg = "non-http(s) URL" },
	{ "redirect to data: refused, naming it", .path = "/to-data",
	  .follow = true, .outcome = FETCH_REFUSED, .status = 302,
	  .body_len = 0, .location = "data:text/html,<p>hi</p>",
	  .msg = "non-http(s) URL: data:text/html,<p>hi</p>" },
	{ "redirect to 10/8 refused before connecting", .path = "/to-10",
	  .follow = true, .policy = ALLOW_ONLY_A, .outcome = FETCH_REFUSED,
	  .body_len = 0, .final_path = "/admin",
	  .msg = "refused: 10.0.0.1 is a private address" },
	{ "redirect to link-local metadata refused", .path = "/to-metadata",
	  .follow = true, .policy = ALLOW_ONLY_A, .outcome = FETCH_REFUSED,
	  .body_len = 0, .final_path = "/latest/meta-data/",
	  .msg = "refused: 169.254.169.254 is a private address" },
	{ "redirect to [::1] refused", .path = "/to-v6-loopback",
	  .follow = true, .policy = ALLOW_ONLY_A, .outcome = FETCH_REFUSED,
	  .body_len = 0, .final_path = "/",
	  .msg = "::1 is a private address" },
	{ "redirect to 0.0.0.0 refused", .path = "/to-zero", .follow = true,
	  .policy = ALLOW_ONLY_A, .outcome = FETCH_REFUSED, .body_len = 0,
	  .final_path = "/", .msg = "0.0.0.0 is a private address" },
	{ "a name resolving to loopback refused", .host = "loop.test",
	  .path = "/plain", .policy = REFUSE_PRIVATE,
	  .outcome = FETCH_REFUSED, .body_len = 0,
	  .msg = "refused: 127.0.0.1 is a private address" },
	{ "a name resolving to loopback, allowed", .host = "loop.test",
	  .path = "/plain", .outcome = FETCH_OK, .status = 200,
	  .body = "<html>hello</html>", .body_len = -1 },
	{ "redirect to a name resolving to loopback refused",
	  .path = "/to-evil", .follow = true, .policy = ALLOW_ONLY_A,
	  .outcome = FETCH_REFUSED, .body_len = 0, .final_path = "/plain",
	  .msg = "refused: 127.0.0.2 is a private address" },
	{ "loopback refused", .path = "/plain", .policy = REFUSE_PRIVATE,
	  .outcome = FETCH_REFUSED, .body_len = 0,
	  .msg = "refused: 127.0.0.1 is a private address" },
	{ "localhost counts as loopback", .host = "localhost",
	  .path = "/plain", .policy = REFUSE_PRIVATE,
	  .outcome = FETCH_REFUSED, .body_len = 0,
	  .msg = "is a private address" },
	{ "localhost allowed with allow_private", .host = "localhost",
	  .path = "/plain", .outcome = FETCH_OK, .status = 200,
	  .body = "<html>hello</html>", .body_len = -1 },
	{ "redirect to a private address refused", .path = "/to-b",
	  .follow = true, .policy = ALLOW_ONLY_A, .outcome = FETCH_REFUSED,
	  .body_len = 0, .final_path = "/plain",
	  .msg = "refused: 127.0.0.2 is a private address" },
	{ "redirect to an allowed server", .path = "/to-b", .follow = true,
	  .outcome = FETCH_OK, .status = 200, .body = "from b",
	  .body_len = -1, .final_path = "/plain" },
	{ "declared length over the cap refused", .path = "/big",
	  .max_body = 64 * KB, .outcome = FETCH_TOO_LARGE, .status = 200,
	  .body_len = 0,
	  .msg = "declared body of 1048576 bytes is over the 65536 byte" },
	{ "chunked body over the cap truncated", .path = "/big-chunked",
	  .max_body = 64 * KB, .outcome = FETCH_TOO_LARGE, .status = 200,
	  .body_len = 64 * KB, .truncated = true,
	  .msg = "body larger than 65536 bytes, truncated" },
	{ "body exactly at the cap", .path = "/big", .max_body = 1 * MB,
	  .outcome = FETCH_OK, .status = 200, .body_len = 1 * MB },
	{ "huge Content-Length refused up front", .path = "/huge",
	  .outcome = FETCH_TOO_LARGE, .status = 200, .body_len = 0,
	  .msg = "declared body of 10737418240 bytes" },
	{ "gzip bomb stopped after decompression", .path = "/bomb",
	  .max_body = 1 * MB, .outcome = FETCH_TOO_LARGE, .status = 200,
	  .body_len = 1 * MB, .truncated = true },
	{ "stall hits the total timeout", .path = "/stall",
	  .timeout_ms = 1000, .outcome = FETCH_TIMEOUT, .body_len = 0,
	  .msg = "timeout", .min_ms = 900, .max_ms = 2000 },
	{ "drip hits the low-speed limit", .path = "/drip",
	  .timeout_ms = 10000, .low_speed_time_s = 1,
	  .outcome = FETCH_TIMEOUT, .status = 200, .body_len = -1,
	  .msg = "timeout", .min_ms = 900, .max_ms = 3500 },
	{ "429 with a long Retry-After is not retried", .path = "/429",
	  .attempts = 3, .outcome = FETCH_OK, .status = 429, .body_len = 0 },
	{ "5xx retried until it works", .path = "/flaky", .attempts = 3,
	  .outcome = FETCH_OK, .status = 200, .body = "recovered",
	  .body_len = -1, .want_attempts = 3 },
	{ "5xx retries bounded", .path = "/down", .attempts = 3,
	  .outcome = FETCH_OK, .status = 502, .body_len = 0,
	  .want_attempts = 3, .min_ms = 75 },
	{ "503 Retry-After waited out", .path = "/busy", .attempts = 2,
	  .outcome = FETCH_OK, .status = 200, .body = "served",
	  .body_len = -1, .want_attempts = 2, .min_ms = 1000,
	  .max_ms = 2500 },
	{ "timeout retried", .path = "/stall", .timeout_ms = 300,
	  .attempts = 2, .outcome = FETCH_TIMEOUT, .body_len = 0,
	  .msg = "timeout", .want_attempts = 2, .min_ms = 600, .max_ms = 1500 },
};

static const char *const only_a[] = { "127.0.0.1", NULL };
/* loop.test is server A, evil.test server B (ports set up front). */
static char resolve_a[64], resolve_b[64];
static const char *resolve[] = { resolve_a, resolve_b, NULL };

static void
test_settings(struct fetch_settings *s, const struct fetch_case *c)
{
	fetch_settings_default(s);
	s->user_agent = "rumormill-test/1.0";
	s->connect_timeout_ms = 1000;
	s->timeout_ms = c && c->timeout_ms ? c->timeout_ms : 3000;
	s->low_speed_limit = 100;
	s->low_speed_time_s = c ? c->low_speed_time_s : 0;
	s->max_body = c && c->max_body ? c->max_body : 1 * MB;
	s->max_attempts = c && c->attempts ? c->attempts : 1;
	s->retry_base_ms = 50;
	s->allow_private = !c || c->policy == ALLOW_ALL;
	if (c && c->policy == ALLOW_ONLY_A)
		s->allow_addrs = only_a;
	s->resolve = resolve;
}

/* Move the whole result out of the fetcher. */
static void
take_result(struct fetch_result *res, void *ctx)
{
	struct fetch_result *out = ctx;

	*out = *res;
	memset(res, 0, sizeof(*res));
}

/* Fetch URL once with settings S; the result goes to *OUT. */
static void
fetch_one(const struct fetch_settings *s, const char *url, const char *etag,
	  const char *last_modified, struct fetch_result *out)
{
	struct fetch_request req = { url, etag, last_modified, 0, NULL };
	struct fetcher *f;
	char *err = NULL;
	int i, got = 0;

	memset(out, 0, sizeof(*out));
	f = fetcher_new(s, &err);
	assert_non_null(f);
	assert_int_equal(fetcher_submit(f, &req, &err), 0);
	assert_int_equal(fetcher_pending(f), 1);
	/* 200 rounds of at most 100 ms: far past any timeout used here. */
	for (i = 0; i < 200 && !got; i++) {
		got = fetcher_poll(f, 100, take_result, out);
		assert_true(got >= 0);
	}
	assert_int_equal(got, 1);
	assert_int_equal(fetcher_pending(f), 0);
	fetcher_free(f);
}

/* Fetch URL and, while the answer is a redirect to follow, its target,
 * as the crawl does; the last result goes to *OUT. */
static void
fetch_follow(const struct fetch_settings *s, const char *url,
	     struct fetch_result *out)
{
	struct strvec chain = STRVEC_INIT;
	char *to = NULL;

	strvec_push(&chain, url);
	fetch_one(s, url, NULL, NULL, out);
	/* redirect_next stops the chain after MAX_REDIRECTS. */
	while (redirect_is(out) &&
	       redirect_next(out, &chain, MAX_REDIRECTS, &to) == 0) {
		strvec_push(&chain, to);
		fetch_result_clear(out);
		fetch_one(s, to, NULL, NULL, out);
		free(to);
		to = NULL;
	}
	strvec_free(&chain);
}

static char *
case_url(const struct fetch_case *c)
{
	char *url;
	size_t n = 256;

	if (!c->host)
		return httpd_url(srv_a, c->path);
	url = malloc(n);
	assert_non_null(url);
	snprintf(url, n, "http://%s:%u%s", c->host, httpd_port(srv_a),
		 c->path);
	return url;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Print every mismatch of one case; the number found. */
static int
check_case(const struct fetch_case *c, const struct fetch_result *r)
{
	long max_ms = c->max_ms ? c->max_ms : 2500;
	int bad = 0;

#define CHECK(cond)                                                       \
	do {                                                              \
		if (!(cond) && ++bad)                                     \
			print_error("case \"%s\": %s (outcome %s, status %ld, " \
				 "body %zu, msg %s, %ld ms)\n",           \
				 c->name, #cond,                          \
				 fetch_outcome_name(r->outcome), r->status, \
				 r->body.len,                             \
				 r->error_msg ? r->error_msg : "-",       \
				 r->elapsed_ms);                          \
	} while (0)
	CHECK(r->outcome == c->outcome);
	CHECK(r->status == c->status);
	CHECK((r->error == 0) == (c->msg == NULL) ||
	      c->outcome == FETCH_TOO_LARGE);
	CHECK((r->error_msg == NULL) == (r->error == 0));
	if (c->msg)
		CHECK(r->error_msg && strstr(r->error_msg, c->msg));
	if (c->body)
		CHECK(strcmp(buf_str(&r->body), c->body) == 0);
	if (c->body_len >= 0)
		CHECK(r->body.len == (size_t)c->body_len);
	CHECK(r->truncated == c->truncated);
	CHECK(r->body.len <= r->body.max);
	CHECK(r->final_url &&
	      ends_with(r->final_url, c->final_path ? c->final_path
						    : c->path));
	CHECK(r->final_url && r->url && strcmp(r->final_url, r->url) == 0);
	CHECK(c->location ? r->location && strcmp(r->location, c->location) == 0
			  : r->location == NULL);
	CHECK(r->attempts == (c->want_attempts ? c->want_attempts : 1));
	CHECK(r->elapsed_ms >= c->min_ms);
	CHECK(r->elapsed_ms <= max_ms);
#undef CHECK
	return bad;
}

static void
test_cases(void **state)
{
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < sizeof(fetch_cases) / sizeof(fetch_cases[0]); i++) {
		const struct fetch_case *c = &fetch_cases[i];
		struct fetch_settings s;
		struct fetch_result r;
		char *url = case_url(c);

		test_settings(&s, c);
		if (c->follow)
			fetch_follow(&s, url, &r);
		else
			fetch_one(&s, url, c->etag, c->last_modified, &r);
		bad += check_case(c, &r);
		if (!c->follow)
			assert_string_equal(r.url, url);
		fetch_result_clear(&r);
		free(url);
	}
	assert_int_equal(bad, 0);
}

static void
test_metadata(void **state)
{
	struct fetch_settings s;
	struct fetch_result r;
	char *url = httpd_url(srv_a, "/plain");

	(void)state;
	test_settings(&s, NULL);
	fetch_one(&s, url, NULL, NULL, &r);
	assert_int_equal(r.outcome, FETCH_OK);
	assert_string_equal(r.content_type, "text/html");
	assert_string_equal(r.charset, "iso-8859-1");
	assert_string_equal(r.etag, "\"v1\"");
	assert_string_equal(r.last_modified, LAST_MODIFIED);
	assert_int_equal(r.retry_after_s, -1);
	assert_string_equal(r.remote_ip, "127.0.0.1");
	assert_null(r.error_msg);
	assert_true(r.transfer_ms <= r.elapsed_ms + 1);
	fetch_result_clear(&r);
	free(url);
}

static void
test_retry_after(void **state)
{
	struct fetch_settings s;
	struct fetch_result r;
	char *url = httpd_url(srv_a, "/429");

	(void)state;
	test_settings(&s, NULL);
	fetch_one(&s, url, NULL, NULL, &r);
	assert_int_equal(r.status, 429);
	assert_int_equal(r.retry_after_s, 3600);
	fetch_result_clear(&r);
	free(url);
	/* The HTTP-date form becomes seconds from now. */
	url = httpd_url(srv_a, "/503-date");
	fetch_one(&s, url, NULL, NULL, &r);
	assert_int_equal(r.status, 503);
	assert_true(r.retry_after_s > 300L * 24 * 3600);
	fetch_result_clear(&r);
	free(url);
}

/* What the server saw: validators, user agent, Accept-Encoding. */
static void
test_request_headers(void **state)
{
	struct fetch_settings s;
	struct fetch_result r;
	struct httpd_request log;
	char *url = httpd_url(srv_a, "/cond");

	(void)state;
	test_settings(&s, NULL);
	httpd_log_clear(srv_a);
	fetch_one(&s, url, "\"abc\"", LAST_MODIFIED, &r);
	assert_int_equal(r.outcome, FETCH_NOT_MODIFIED);
	fetch_result_clear(&r);
	fetch_one(&s, url, NULL, NULL, &r);
	assert_int_equal(r.outcome, FETCH_OK);
	fetch_result_clear(&r);
	assert_int_equal(httpd_log_count(srv_a), 2);
	assert_true(httpd_log_get(srv_a, 0, &log));
	assert_string_equal(log.if_none_match, "\"abc\"");
	assert_string_equal(log.if_modified_since, LAST_MODIFIED);
	assert_string_equal(log.user_agent, "rumormill-test/1.0");
	assert_non_null(strstr(log.accept_encoding, "gzip"));
	assert_int_equal(log.status, 304);
	assert_true(httpd_log_get(srv_a, 1, &log));
	assert_string_equal(log.if_none_match, "");
	assert_string_equal(log.if_modified_since, "");
	free(url);
}

static void
test_submit_refused(void **state)
{
	static const struct fetch_request bad[] = {
		{ "ftp://127.0.0.1/x", NULL, NULL, 0, NULL },
		{ "file:///etc/passwd", NULL, NULL, 0, NULL },
		{ "/relative", NULL, NULL, 0, NULL },
		{ "http://127.0.0.1/", "\"x\"\r\nX-Injected: 1", NULL, 0, NULL },
		{ "http://127.0.0.1/", NULL, "Mon\nX: y", 0, NULL },
	};
	struct fetch_settings s;
	struct fetcher *f;
	size_t i;

	(void)state;
	test_settings(&s, NULL);
	f = fetcher_new(&s, NULL);
	assert_non_null(f);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *err = NULL;

		assert_int_equal(fetcher_submit(f, &bad[i], &err), RM_EINVAL);
		assert_non_null(err);
		free(err);
	}
	assert_int_equal(fetcher_pending(f), 0);
	fetcher_free(f);
}

struct collect {
	int done;
	int ok;
};

static void
count_result(struct fetch_result *res, void *ctx)
{
	struct collect *c = ctx;

	c->done++;
	if (res->outcome == FETCH_OK && res->status == 200)
		c->ok++;
}

/* The server notes a request finished after sending the answer, so the
 * client may have it first: wait (2 s at most) for N such notes. */
static void
wait_finished(struct httpd *h, size_t n)
{
	for (int tries = 0; tries < 200; tries++) {
		struct httpd_request r;
		size_t done = 0;

		for (size_t i = 0; i < n; i++)
			if (httpd_log_get(h, i, &r) && r.finished_ms)
				done++;
		if (done == n)
			return;
		usleep(10000);
	}
}

/* Requests logged for PATH never overlapped and shared one connection. */
static void
assert_serial(struct httpd *h, int want)
{
	struct httpd_request prev, cur;
	size_t i, n = httpd_log_count(h);

	assert_int_equal(n, (size_t)want);
	assert_true(httpd_log_get(h, 0, &prev));
	for (i = 1; i < n; i++) {
		assert_true(httpd_log_get(h, i, &cur));
		assert_true(cur.arrived_ms >= prev.finished_ms);
		assert_int_equal(cur.client_port, prev.client_port);
		prev = cur;
	}
}

/* A's first request arrived before B's last (of N) finished. */
static void
assert_overlap(struct httpd *a, struct httpd *b, int n)
{
	struct httpd_request first, last;

	assert_true(httpd_log_get(a, 0, &first));
	assert_true(httpd_log_get(b, (size_t)n - 1, &last));
	assert_true(first.arrived_ms < last.finished_ms);
}

/*
 * Five requests each to two hosts, all submitted at once: one host's
 * requests go one after another over a single kept-alive connection,
 * while the two hosts proceed in parallel.
 */
static void
test_one_connection_per_host(void **state)
{
	enum { PER_HOST = 5 };
	struct fetch_settings s;
	struct fetcher *f;
	struct collect col = { 0, 0 };
	char *ua = httpd_url(srv_a, "/slow"), *ub = httpd_url(srv_b, "/slow");
	int i;

	(void)state;
	test_settings(&s, NULL);
	httpd_log_clear(srv_a);
	httpd_log_clear(srv_b);
	f = fetcher_new(&s, NULL);
	assert_non_null(f);
	for (i = 0; i < PER_HOST; i++) {
		struct fetch_request ra = { ua, NULL, NULL, 0, NULL };
		struct fetch_request rb = { ub, NULL, NULL, 0, NULL };

		assert_int_equal(fetcher_submit(f, &ra, NULL), 0);
		assert_int_equal(fetcher_submit(f, &rb, NULL), 0);
	}
	for (i = 0; i < 100 && fetcher_pending(f); i++)
		assert_true(fetcher_poll(f, 100, count_result, &col) >= 0);
	assert_int_equal(col.done, 2 * PER_HOST);
	assert_int_equal(col.ok, 2 * PER_HOST);
	/* Serial per host; parallel across hosts: each host's first
	 * request arrived before the other's last one finished (read from
	 * the servers' logs, not the clock, which valgrind slows). */
	wait_finished(srv_a, PER_HOST);
	wait_finished(srv_b, PER_HOST);
	assert_serial(srv_a, PER_HOST);
	assert_serial(srv_b, PER_HOST);
	assert_overlap(srv_a, srv_b, PER_HOST);
	assert_overlap(srv_b, srv_a, PER_HOST);
	fetcher_free(f);
	free(ua);
	free(ub);
}

/* An idle poll sleeps its timeout; fetcher_wakeup cuts it short. */
static void
test_idle_poll_and_wakeup(void **state)
{
	struct fetch_settings s;
	struct fetcher *f;
	struct collect col = { 0, 0 };
	int64_t t0;

	(void)state;
	test_settings(&s, NULL);
	f = fetcher_new(&s, NULL);
	assert_non_null(f);
	t0 = httpd_now_ms();
	assert_int_equal(fetcher_poll(f, 150, count_result, &col), 0);
	assert_true(httpd_now_ms() - t0 >= 140);
	fetcher_wakeup(f);
	t0 = httpd_now_ms();
	assert_int_equal(fetcher_poll(f, 5000, count_result, &col), 0);
	assert_true(httpd_now_ms() - t0 < 1000);
	fetcher_free(f);
}

/* Freeing a fetcher with transfers running or waiting leaks nothing. */
static void
test_free_pending(void **state)
{
	struct fetch_settings s;
	struct fetcher *f;
	struct collect col = { 0, 0 };
	char *stall = httpd_url(srv_a, "/stall");
	char *down = httpd_url(srv_a, "/down");
	struct fetch_request r1 = { stall, NULL, NULL, 0, NULL };
	struct fetch_request r2 = { down, NULL, NULL, 60000, NULL };

	(void)state;
	test_settings(&s, NULL);
	s.max_attempts = 3;
	f = fetcher_new(&s, NULL);
	assert_non_null(f);
	assert_int_equal(fetcher_submit(f, &r1, NULL), 0);
	assert_int_equal(fetcher_submit(f, &r2, NULL), 0);
	assert_true(fetcher_poll(f, 300, count_result, &col) >= 0);
	assert_int_equal(col.done, 0);
	assert_int_equal(fetcher_pending(f), 2);
	fetcher_free(f);
	free(stall);
	free(down);
}

static int
setup(void **state)
{
	struct httpd_route to_b = { .path = "/to-b",
				    .kind = HTTPD_REDIRECT };
	struct httpd_route to_evil = { .path = "/to-evil",
				       .kind = HTTPD_REDIRECT };
	char evil[64];

	if (httpd_curl_setup(state))
		return -1;
	srv_a = httpd_start("127.0.0.1", routes_a,
			    sizeof(routes_a) / sizeof(routes_a[0]));
	srv_b = httpd_start("127.0.0.2", routes_b,
			    sizeof(routes_b) / sizeof(routes_b[0]));
	if (!srv_a || !srv_b)
		return -1;
	to_b.location = httpd_url(srv_b, "/plain");
	httpd_add_route(srv_a, &to_b);
	free((char *)to_b.location);
	snprintf(resolve_a, sizeof(resolve_a), "loop.test:%u:127.0.0.1",
		 httpd_port(srv_a));
	snprintf(resolve_b, sizeof(resolve_b), "evil.test:%u:127.0.0.2",
		 httpd_port(srv_b));
	snprintf(evil, sizeof(evil), "http://evil.test:%u/plain",
		 httpd_port(srv_b));
	to_evil.location = evil;
	httpd_add_route(srv_a, &to_evil);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	httpd_stop(srv_a);
	httpd_stop(srv_b);
	return httpd_curl_teardown(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_metadata),
		cmocka_unit_test(test_retry_after),
		cmocka_unit_test(test_request_headers),
		cmocka_unit_test(test_submit_refused),
		cmocka_unit_test(test_one_connection_per_host),
		cmocka_unit_test(test_idle_poll_and_wakeup),
		cmocka_unit_test(test_free_pending),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
