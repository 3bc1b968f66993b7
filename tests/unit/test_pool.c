/*
 * The worker pool: results come back whole, submission blocks when the
 * queue is full, collection waits and times out as documented, workers
 * really run in parallel, and a finished job can wake a crawl loop that
 * sits in fetcher_poll.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/errors.h"
#include "common/xalloc.h"
#include "crawler/fetch.h"
#include "crawler/pool.h"
#include "tests/support/httpd.h"

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void *
square(void *arg)
{
	long *r = xmalloc(sizeof(*r));

	*r = (long)(intptr_t)arg * (long)(intptr_t)arg;
	return r;
}

static void *
nap_100(void *arg)
{
	sleep_ms(100);
	return arg;
}

/* A job that waits until the gate opens. */
static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cond = PTHREAD_COND_INITIALIZER;
static bool gate_open;

static void *
wait_gate(void *arg)
{
	pthread_mutex_lock(&gate_lock);
	while (!gate_open)
		pthread_cond_wait(&gate_cond, &gate_lock);
	pthread_mutex_unlock(&gate_lock);
	return arg;
}

static void
open_gate(bool open)
{
	pthread_mutex_lock(&gate_lock);
	gate_open = open;
	pthread_cond_broadcast(&gate_cond);
	pthread_mutex_unlock(&gate_lock);
}

static void
test_results(void **state)
{
	enum { JOBS = 200 };
	struct pool *p = pool_new(4, 8);
	long sum = 0, want = 0;
	int i, got = 0;

	(void)state;
	assert_non_null(p);
	assert_int_equal(pool_workers(p), 4);
	for (i = 1; i <= JOBS; i++) {
		void *arg, *res;

		assert_int_equal(pool_submit(p, square, (void *)(intptr_t)i),
				 0);
		want += (long)i * i;
		/* Collect as we go, as the crawl loop does. */
		while (pool_collect(p, 0, &arg, &res) == 1) {
			assert_int_equal(*(long *)res,
					 (long)(intptr_t)arg * (intptr_t)arg);
			sum += *(long *)res;
			free(res);
			got++;
		}
	}
	while (got < JOBS) {
		void *arg, *res;

		assert_int_equal(pool_collect(p, -1, &arg, &res), 1);
		sum += *(long *)res;
		free(res);
		got++;
	}
	assert_int_equal(sum, want);
	assert_int_equal(pool_outstanding(p), 0);
	pool_free(p, NULL);
}

static atomic_int blocked_submit_done;

static void *
submit_one(void *ud)
{
	pool_submit(ud, wait_gate, (void *)(intptr_t)4);
	atomic_store(&blocked_submit_done, 1);
	return NULL;
}

static void
test_submit_blocks_when_full(void **state)
{
	struct pool *p = pool_new(1, 2);
	pthread_t t;
	void *arg, *res;
	int i;

	(void)state;
	assert_non_null(p);
	open_gate(false);
	atomic_store(&blocked_submit_done, 0);
	/* The worker holds job 1 at the gate; 2 and 3 fill the queue. */
	for (i = 1; i <= 3; i++)
		assert_int_equal(pool_submit(p, wait_gate, (void *)(intptr_t)i),
				 0);
	assert_int_equal(pool_trysubmit(p, wait_gate, NULL), RM_EBUSY);
	assert_int_equal(pthread_create(&t, NULL, submit_one, p), 0);
	sleep_ms(100);
	assert_int_equal(atomic_load(&blocked_submit_done), 0);
	assert_int_equal(pool_collect(p, 50, &arg, &res), 0);
	open_gate(true);
	pthread_join(t, NULL);
	assert_int_equal(atomic_load(&blocked_submit_done), 1);
	/* Jobs run in submission order on the single worker. */
	for (i = 1; i <= 4; i++) {
		assert_int_equal(pool_collect(p, -1, &arg, &res), 1);
		assert_int_equal((intptr_t)arg, i);
	}
	assert_int_equal(pool_collect(p, -1, &arg, &res), 0);
	pool_free(p, NULL);
}

static void
test_collect_timeouts(void **state)
{
	struct pool *p = pool_new(1, 4);
	void *arg = NULL, *res = NULL;
	int64_t t0;

	(void)state;
	assert_non_null(p);
	/* Nothing outstanding: no wait, even when asked to wait forever. */
	assert_int_equal(pool_collect(p, 0, &arg, &res), 0);
	t0 = httpd_now_ms();
	assert_int_equal(pool_collect(p, -1, &arg, &res), 0);
	assert_true(httpd_now_ms() - t0 < 50);
	assert_int_equal(pool_submit(p, nap_100, (void *)(intptr_t)7), 0);
	t0 = httpd_now_ms();
	assert_int_equal(pool_collect(p, 20, &arg, &res), 0);
	assert_true(httpd_now_ms() - t0 >= 19);
	assert_int_equal(pool_collect(p, 5000, &arg, &res), 1);
	assert_true(httpd_now_ms() - t0 < 1000);
	assert_int_equal((intptr_t)arg, 7);
	assert_ptr_equal(res, arg);
	pool_free(p, NULL);
}

/* Four 100 ms jobs on four workers finish together. */
static void
test_parallel_and_drain(void **state)
{
	struct pool *p = pool_new(4, 4);
	int64_t t0 = httpd_now_ms();
	void *arg, *res;
	int i;

	(void)state;
	assert_non_null(p);
	for (i = 0; i < 4; i++)
		assert_int_equal(pool_submit(p, nap_100, NULL), 0);
	pool_drain(p);
	assert_true(httpd_now_ms() - t0 >= 99);
	assert_true(httpd_now_ms() - t0 < 300);
	assert_int_equal(pool_outstanding(p), 4);
	for (i = 0; i < 4; i++)
		assert_int_equal(pool_collect(p, 0, &arg, &res), 1);
	assert_int_equal(pool_collect(p, 0, &arg, &res), 0);
	pool_free(p, NULL);
}

static void
test_default_workers(void **state)
{
	struct pool *p = pool_new(0, 1);
	long cores = sysconf(_SC_NPROCESSORS_ONLN);

	(void)state;
	assert_non_null(p);
	assert_int_equal(pool_workers(p),
			 cores > POOL_MAX_WORKERS ? POOL_MAX_WORKERS : cores);
	pool_free(p, NULL);
}

static int freed_results;

static void
free_square(void *arg, void *result)
{
	(void)arg;
	free(result);
	freed_results++;
}

/* Queued jobs still run at pool_free; uncollected results are freed. */
static void
test_free_uncollected(void **state)
{
	struct pool *p = pool_new(2, 16);
	int i;

	(void)state;
	assert_non_null(p);
	freed_results = 0;
	for (i = 0; i < 10; i++)
		assert_int_equal(pool_submit(p, square, (void *)(intptr_t)i),
				 0);
	pool_free(p, free_square);
	assert_int_equal(freed_results, 10);
}

static void
wake_fetcher(void *ctx)
{
	fetcher_wakeup(ctx);
}

static void
no_result(struct fetch_result *res, void *ctx)
{
	(void)res;
	(void)ctx;
	fail_msg("no transfer was submitted");
}

/* A crawl loop blocked in fetcher_poll wakes when a job is done. */
static void
test_notify_wakes_fetcher(void **state)
{
	struct fetch_settings s;
	struct fetcher *f;
	struct pool *p = pool_new(1, 1);
	void *arg, *res;
	int64_t t0;

	(void)state;
	assert_non_null(p);
	fetch_settings_default(&s);
	f = fetcher_new(&s, NULL);
	assert_non_null(f);
	pool_set_notify(p, wake_fetcher, f);
	t0 = httpd_now_ms();
	assert_int_equal(pool_submit(p, nap_100, NULL), 0);
	assert_int_equal(fetcher_poll(f, 5000, no_result, NULL), 0);
	assert_true(httpd_now_ms() - t0 < 1000);
	assert_int_equal(pool_collect(p, 0, &arg, &res), 1);
	pool_free(p, NULL);
	fetcher_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_results),
		cmocka_unit_test(test_submit_blocks_when_full),
		cmocka_unit_test(test_collect_timeouts),
		cmocka_unit_test(test_parallel_and_drain),
		cmocka_unit_test(test_default_workers),
		cmocka_unit_test(test_free_uncollected),
		cmocka_unit_test(test_notify_wakes_fetcher),
	};

	return cmocka_run_group_tests(tests, httpd_curl_setup,
				      httpd_curl_teardown);
}
