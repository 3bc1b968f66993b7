/*
 * A small pool of worker threads for the crawl: the main thread hands
 * fetched pages to workers (extraction) and collects the results back on
 * the main thread, where the store is written.
 *
 *   struct pool *p = pool_new(0, 64);
 *   pool_submit(p, extract_page, page);     (blocks while 64 are queued)
 *   while (pool_collect(p, 0, &page, &result) == 1) store(result);
 *   pool_drain(p); ...collect the rest...; pool_free(p, NULL);
 *
 * Jobs run in submission order, results are collected in completion
 * order.  Finished results wait in an unbounded list until collected;
 * the submitting thread bounds it by collecting as it goes.
 */
#ifndef RM_POOL_H
#define RM_POOL_H

#include <stddef.h>

/* At most this many workers, whatever the core count says. */
#define POOL_MAX_WORKERS 64

/* A job: runs on a worker with ARG, returns its result (may be NULL). */
typedef void *(*pool_fn)(void *arg);

struct pool;

/*
 * Start WORKERS threads (0: one per online core) with room for
 * QUEUE_MAX waiting jobs (at least 1).  NULL if no thread could start.
 */
struct pool *pool_new(unsigned workers, size_t queue_max);

/* The number of worker threads running. */
unsigned pool_workers(const struct pool *p);

/*
 * Call NOTIFY(CTX) on the worker after each job's result is ready, e.g.
 * fetcher_wakeup so a crawl loop blocked in fetcher_poll picks results
 * up at once.  Set it before the first submit.
 */
void pool_set_notify(struct pool *p, void (*notify)(void *ctx), void *ctx);

/* Queue FN(ARG); blocks while the queue is full.  Returns 0. */
int pool_submit(struct pool *p, pool_fn fn, void *arg);

/* Queue FN(ARG) if there is room: 0, or RM_EBUSY (not queued). */
int pool_trysubmit(struct pool *p, pool_fn fn, void *arg);

/*
 * Take one finished job: returns 1 and sets *ARG and *RESULT, or 0 when
 * none finished within TIMEOUT_MS (0: don't wait, negative: wait as long
 * as jobs are outstanding).  Returns 0 at once when nothing is
 * outstanding.
 */
int pool_collect(struct pool *p, int timeout_ms, void **arg, void **result);

/* Jobs submitted and not yet collected. */
size_t pool_outstanding(struct pool *p);

/* Wait until every submitted job has run; results stay to collect. */
void pool_drain(struct pool *p);

/*
 * Let queued jobs finish, stop the workers and free P.  Results never
 * collected are passed to FREE_RESULT(arg, result) when it is not NULL.
 */
void pool_free(struct pool *p, void (*free_result)(void *arg, void *result));

#endif
