/*
 * hostq: politeness scheduling, first against a fake clock (one script
 * of steps per named case), then against the real fetcher and HTTP
 * server, where the server's request log shows the delays kept.
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
#include "crawler/fetch.h"
#include "crawler/hostq.h"
#include "tests/support/httpd.h"

enum op {
	END = 0,
	DELAY, /* host: source ms a, robots ms b */
	PUSH,  /* host: item a */
	FULL,  /* host: pushing item a fails, queue full */
	AT,    /* the clock reads a */
	NEXT,  /* expect state a; READY: item b of host; WAIT: b ms */
	DONE,  /* host: ok a, retry-after b ms */
	FAILS, /* host: a consecutive failures */
	DROP,  /* host: a items dropped */
	LEN,   /* a items queued */
};

struct step {
	enum op op;
	const char *host;
	long a, b;
};

#define MAX_STEPS 24

struct script {
	const char *name;
	size_t max_items;
	struct step steps[MAX_STEPS];
};

#define BASE HOSTQ_BACKOFF_BASE_MS

static const struct script scripts[] = {
	{ "empty queue", 8, { { NEXT, NULL, HOSTQ_EMPTY, 0 } } },
	{ "first request of a host goes at once", 8,
	  { { DELAY, "a", 5000, -1 },
	    { PUSH, "a", 1, 0 },
	    { NEXT, "a", HOSTQ_READY, 1 },
	    { NEXT, NULL, HOSTQ_EMPTY, 0 } } },
	{ "never two requests to one host", 8,
	  { { PUSH, "a", 1, 0 },
	    { PUSH, "a", 2, 0 },
	    { NEXT, "a", HOSTQ_READY, 1 },
	    { NEXT, NULL, HOSTQ_BUSY, 0 },
	    { AT, NULL, 5000, 0 },
	    { NEXT, NULL, HOSTQ_BUSY, 0 },
	    { DONE, "a", 1, -1 },
	    { NEXT, "a", HOSTQ_READY, 2 } } },
	{ "delay counts from the end of the last request", 8,
	  { { DELAY, "a", 500, -1 },
	    { PUSH, "a", 1, 0 },
	    { PUSH, "a", 2, 0 },
	    { NEXT, "a", HOSTQ_READY, 1 },
	    { AT, NULL, 100, 0 },
	    { DONE, "a", 1, -1 },
	    { NEXT, NULL, HOSTQ_WAIT, 500 },
	    { AT, NULL, 599, 0 },
	    { NEXT, NULL, HOSTQ_WAIT, 1 },
	    { AT, NULL, 600, 0 },
	    { NEXT, "a", HOSTQ_READY, 2 } } },
	{ "robots Crawl-delay longer than the source's wins", 8,
	  { { DELAY, "a", 1000, 5000 },
	    { PUSH, "a", 1, 0 },
	    { PUSH, "a", 2, 0 },
	    { NEXT, "a", HOSTQ_READY, 1 },
	    { DONE, "a", 1, -1 },
	    { NEXT, NULL, HOSTQ_WAIT, 5000 } } },
	{ "source delay longer than Crawl-delay wins", 8,
	  { { DELAY, "a", 2000, 500 },
	    { PUSH, "a", 1, 0 },
	    { PUSH, "a", 2, 0 },
	    { NEXT, "a", HOSTQ_READY, 1 },
	    { DONE, "a", 1, -1 },
	    { NEXT, NULL, HOSTQ_WAIT, 2000 } } },
	{ "Crawl-delay capped", 8,
	  { { DELAY, "a", 0, 3600L * 1000 },
	    { PUSH, "a", 1, 0 },
	    { PUSH, "a", 2, 0 },
	    { NEXT, "a", HOSTQ_READY, 1 },
	    { DONE, "a", 1, -1 },
	    { NEXT, NULL, HOSTQ_WAIT, HOSTQ_ROBOTS_DELAY_MAX_MS } } },
	{ "another host goes while one waits", 8,
	  { { DELAY, "a", 1000, -1 },
	    { PUSH, "a", 1, 0 },
	    { PUSH, "a", 2, 0 },
	    { PUSH, "b", 3, 0 },
	    { NEXT, "a", HOSTQ_READY, 1 },
	    { NEXT, "b", HOSTQ_READY, 3 },
	    { DONE, "a", 1, -1 },
	    { DONE, "b", 1, -1 },
	    { NEXT, NULL, HOSTQ_WAIT, 1000 },
	    { LEN, NULL, 1, 0 } } },
	{ "the host that waited longest goes first", 8,
	  { { DELAY, "a", 100, -1 },
	    { DELAY, "b", 100, -1 },
	    { PUSH, "a", 1, 0 },
	    { PUSH, "b", 2, 0 },
	    { PUSH, "a", 3, 0 },
	    { PUSH, "b", 4, 0 },
	    { NEXT, "a", HOSTQ_READY, 1 },
	    { NEXT, "b", HOSTQ_READY, 2 },
	    { AT, NULL, 10, 0 },
	    { DONE, "a", 1, -1 },
	    { AT, NULL, 5, 0 },
	    { DONE, "b", 1, -1 },
	    { AT, NULL, 200, 0 },
	    { NEXT, "b", HOSTQ_READY, 4 },
	    { NEXT, "a", HOSTQ_READY, 3 } } },
	{ "failures back off exponentially, success resets", 8,
	  { { DELAY, "a", 300, -1 },
	    { PUSH, "a", 1, 0 },
	    { PUSH, "a", 2, 0 },
	    { PUSH, "a", 3, 0 },
	    { PUSH, "a", 4, 0 },
	    { NEXT, "a", HOSTQ_READY, 1 },
	    { DONE, "a", 0, -1 },
	    { FAILS, "a", 1, 0 },
	    { NEXT, NULL, HOSTQ_WAIT, BASE },
	    { AT, NULL, BASE, 0 },
	    { NEXT, "a", HOSTQ_READY, 2 },
	    { DONE, "a", 0, -1 },
	    { NEXT, NULL, HOSTQ_WAIT, 2 * BASE },
	    { AT, NULL, 3 * BASE, 0 },
	    { NEXT, "a", HOSTQ_READY, 3 },
	    { DONE, "a", 1, -1 },
	    { FAILS, "a", 0, 0 },
	    { NEXT, NULL, HOSTQ_WAIT, 300 } } },
	{ "backoff is bounded", 4,
	  { { PUSH, "a", 1, 0 },
	    { NEXT, "a", HOSTQ_READY, 1 },
	    { DONE, "a", 0, -1 },
	    { PUSH, "a", 2, 0 },
	    { AT, NULL, 1000000000L, 0 },
	    { NEXT, "a", HOSTQ_READY, 2 },
	    { DONE, "a", 0, -1 },
	    { PUSH, "a", 3, 0 },
	    { AT, NULL, 2000000000L, 0 },
	    { NEXT, "a", HOSTQ_READY, 3 },
	    { DONE, "a", 0, -1 },
	    { PUSH, "a", 4, 0 },
	    { AT, NULL, 3000000000L, 0 },
	    { NEXT, "a", HOSTQ_READY, 4 },
	    { DONE, "a", 0, -1 },
	    { DONE, "a", 0, -1 },
	    { DONE, "a", 0, -1 },
	    { DONE, "a", 0, -1 },
	    { DONE, "a", 0, -1 },
	    { DONE, "a", 0, -1 },
	    { FAILS, "a", 9, 0 },
	    { PUSH, "a", 5, 0 },
	    { NEXT, NULL, HOSTQ_WAIT, HOSTQ_BACKOFF_MAX_MS } } },
	{ "Retry-After honoured", 8,
	  { { PUSH, "a", 1, 0 },
	    { PUSH, "a", 2, 0 },
	    { NEXT, "a", HOSTQ_READY, 1 },
	    { DONE, "a", 0, 120000 },
	    { NEXT, NULL, HOSTQ_WAIT, 120000 } } },
	{ "Retry-After capped", 8,
	  { { PUSH, "a", 1, 0 },
	    { PUSH, "a", 2, 0 },
	    { NEXT, "a", HOSTQ_READY, 1 },
	    { DONE, "a", 0, 10L * 3600 * 1000 },
	    { NEXT, NULL, HOSTQ_WAIT, HOSTQ_RETRY_AFTER_MAX_MS } } },
	{ "queue full", 2,
	  { { PUSH, "a", 1, 0 },
	    { PUSH, "b", 2, 0 },
	    { FULL, "c", 3, 0 },
	    { LEN, NULL, 2, 0 },
	    { NEXT, "a", HOSTQ_READY, 1 },
	    { PUSH, "c", 3, 0 } } },
	{ "dropping a host's requests", 8,
	  { { PUSH, "a", 1, 0 },
	    { PUSH, "a", 2, 0 },
	    { PUSH, "b", 3, 0 },
	    { DROP, "a", 2, 0 },
	    { DROP, "zzz", 0, 0 },
	    { LEN, NULL, 1, 0 },
	    { NEXT, "b", HOSTQ_READY, 3 },
	    { NEXT, NULL, HOSTQ_EMPTY, 0 } } },
};

static void
run_script(const struct script *s)
{
	struct hostq *q = hostq_new(s->max_items);
	int64_t now = 0;
	size_t i;

	for (i = 0; i < MAX_STEPS && s->steps[i].op != END; i++) {
		const struct step *st = &s->steps[i];
		void *item = NULL;
		const char *host = NULL;
		long wait = -1;
		enum hostq_state got;
		int ok = 1;

		switch (st->op) {
		case DELAY:
			ok = hostq_set_delay(q, st->host, st->a, st->b) == 0;
			break;
		case PUSH:
			ok = hostq_push(q, st->host, (void *)(intptr_t)st->a) ==
			     0;
			break;
		case FULL:
			ok = hostq_push(q, st->host, (void *)(intptr_t)st->a) ==
			     RM_ETOOLARGE;
			break;
		case AT:
			now = st->a;
			break;
		case NEXT:
			got = hostq_next(q, now, &item, &host, &wait);
			ok = got == (enum hostq_state)st->a;
			if (ok && got == HOSTQ_READY)
				ok = (intptr_t)item == st->b &&
				     strcmp(host, st->host) == 0;
			if (ok && got == HOSTQ_WAIT)
				ok = wait == st->b;
			break;
		case DONE:
			hostq_done(q, st->host, now, st->a, st->b);
			break;
		case FAILS:
			ok = hostq_failures(q, st->host) == (unsigned)st->a;
			break;
		case DROP:
			ok = hostq_drop(q, st->host, NULL) == (size_t)st->a;
			break;
		case LEN:
			ok = hostq_len(q) == (size_t)st->a;
			break;
		case END:
			break;
		}
		if (!ok)
			fail_msg("case \"%s\": step %zu failed (wait %ld, "
				 "item %ld)",
				 s->name, i + 1, wait, (long)(intptr_t)item);
	}
	hostq_free(q, NULL);
}

static void
test_scripts(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(scripts) / sizeof(scripts[0]); i++)
		run_script(&scripts[i]);
}

/* Many hosts: every one is served once before any is served twice. */
static void
test_many_hosts(void **state)
{
	enum { HOSTS = 2000 };
	struct hostq *q = hostq_new(2 * HOSTS);
	char name[32], *seen = calloc(HOSTS, 1);
	void *item;
	const char *host;
	long wait;
	int i;

	(void)state;
	assert_non_null(seen);
	for (i = 0; i < 2 * HOSTS; i++) {
		snprintf(name, sizeof(name), "host-%d.example", i % HOSTS);
		assert_int_equal(hostq_push(q, name, (void *)(intptr_t)(i + 1)),
				 0);
	}
	for (i = 0; i < HOSTS; i++) {
		assert_int_equal(hostq_next(q, 0, &item, &host, &wait),
				 HOSTQ_READY);
		assert_true((intptr_t)item <= HOSTS);
		assert_int_equal(seen[(intptr_t)item - 1], 0);
		seen[(intptr_t)item - 1] = 1;
	}
	assert_int_equal(hostq_next(q, 0, &item, &host, &wait), HOSTQ_BUSY);
	hostq_done(q, "host-7.example", 0, true, -1);
	assert_int_equal(hostq_next(q, 0, &item, &host, &wait), HOSTQ_READY);
	assert_string_equal(host, "host-7.example");
	assert_int_equal((intptr_t)item, HOSTS + 8);
	hostq_free(q, NULL);
	free(seen);
}

/* Items still queued are handed to the free function. */
static void
test_free_items(void **state)
{
	struct hostq *q = hostq_new(8);
	void *item;
	const char *host;
	long wait;

	(void)state;
	assert_int_equal(hostq_push(q, "a", malloc(16)), 0);
	assert_int_equal(hostq_push(q, "a", malloc(16)), 0);
	assert_int_equal(hostq_push(q, "b", malloc(16)), 0);
	assert_int_equal(hostq_next(q, 0, &item, &host, &wait), HOSTQ_READY);
	free(item);
	assert_int_equal(hostq_drop(q, "b", free), 1);
	hostq_free(q, free);
}

/* --- against the real fetcher and server --- */

struct crawl {
	struct hostq *q;
	int done;
	const char *a_host;	/* whose completions are timed: */
	int64_t a_done_ms[8];	/* when the fetcher handed each back */
	int a_done;
};

static void
on_fetched(struct fetch_result *res, void *ctx)
{
	struct crawl *c = ctx;

	assert_int_equal(res->outcome, FETCH_OK);
	assert_int_equal(res->status, 200);
	c->done++;
	if (c->a_host && strstr(res->user, c->a_host) && c->a_done < 8)
		c->a_done_ms[c->a_done++] = hostq_clock_ms();
	hostq_done(c->q, res->user, hostq_clock_ms(), true, -1);
}

/*
 * Three pages on each of two hosts, host A with a 300 ms delay and host
 * B with none: A's requests reach the server at least 300 ms apart,
 * and B is not held up by A.
 */
static void
test_politeness_on_the_wire(void **state)
{
	enum { PAGES = 3, DELAY_MS = 300 };
	static const struct httpd_route routes[] = {
		{ .path = "/1", .body = "one" },
		{ .path = "/2", .body = "two" },
		{ .path = "/3", .body = "three" },
	};
	struct httpd *a = httpd_start("127.0.0.3", routes, PAGES);
	struct httpd *b = httpd_start("127.0.0.4", routes, PAGES);
	struct fetch_settings s;
	struct fetcher *f;
	struct crawl c = { hostq_new(16), 0, NULL, { 0 }, 0 };
	char *urls[2 * PAGES];
	struct httpd_request prev, cur;
	int64_t b_last = 0, a_first = 0, a_last = 0;
	int i;

	(void)state;
	assert_non_null(a);
	assert_non_null(b);
	fetch_settings_default(&s);
	s.allow_private = true;
	s.max_attempts = 1;
	f = fetcher_new(&s, NULL);
	assert_non_null(f);
	assert_int_equal(hostq_set_delay(c.q, httpd_addr(a), DELAY_MS, -1),
			 0);
	c.a_host = httpd_addr(a);
	for (i = 0; i < 2 * PAGES; i++) {
		const char *path = routes[i % PAGES].path;

		urls[i] = httpd_url(i < PAGES ? a : b, path);
		assert_int_equal(hostq_push(c.q,
					    httpd_addr(i < PAGES ? a : b),
					    urls[i]),
				 0);
	}
	/* The crawl loop in miniature; 100 rounds is ample. */
	for (i = 0; i < 100 && c.done < 2 * PAGES; i++) {
		void *item;
		const char *host;
		long wait = 1000;
		enum hostq_state st;

		while ((st = hostq_next(c.q, hostq_clock_ms(), &item, &host,
					&wait)) == HOSTQ_READY) {
			struct fetch_request r = { item, NULL, NULL, 0,
						   (void *)host };

			assert_int_equal(fetcher_submit(f, &r, NULL), 0);
		}
		if (st != HOSTQ_WAIT)
			wait = 1000;
		assert_true(fetcher_poll(f, (int)wait, on_fetched, &c) >= 0);
	}
	assert_int_equal(c.done, 2 * PAGES);
	assert_int_equal(c.a_done, PAGES);
	assert_int_equal(httpd_log_count(a), PAGES);
	assert_int_equal(httpd_log_count(b), PAGES);
	assert_true(httpd_log_get(a, 0, &prev));
	a_first = prev.arrived_ms;
	for (i = 1; i < PAGES; i++) {
		assert_true(httpd_log_get(a, (size_t)i, &cur));
		/* The delay runs from when the crawl had the previous
		 * response; the server's own "finished" comes from a
		 * completion callback that may run after that. */
		assert_true(cur.arrived_ms - c.a_done_ms[i - 1] >= DELAY_MS);
		assert_true(cur.arrived_ms - prev.arrived_ms >= DELAY_MS);
		prev = cur;
	}
	a_last = prev.arrived_ms;
	assert_true(httpd_log_get(b, PAGES - 1, &cur));
	b_last = cur.arrived_ms;
	/*
	 * B was not queued behind A's delays: its three requests were all
	 * in before A's last, which A's delays put at least 2 * DELAY_MS
	 * after its first.  (Not "before A's second": under valgrind three
	 * requests can take longer than one delay.)
	 */
	assert_true(a_last - a_first >= (PAGES - 1) * DELAY_MS);
	assert_true(b_last < a_last);
	for (i = 0; i < 2 * PAGES; i++)
		free(urls[i]);
	fetcher_free(f);
	hostq_free(c.q, NULL);
	httpd_stop(a);
	httpd_stop(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scripts),
		cmocka_unit_test(test_many_hosts),
		cmocka_unit_test(test_free_items),
		cmocka_unit_test(test_politeness_on_the_wire),
	};

	return cmocka_run_group_tests(tests, httpd_curl_setup,
				      httpd_curl_teardown);
}
