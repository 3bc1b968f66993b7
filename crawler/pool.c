#include "crawler/pool.h"

#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "common/errors.h"
#include "common/xalloc.h"

struct job {
	pool_fn fn;
	void *arg;
};

struct finished {
	void *arg, *result;
	struct finished *next;
};

struct pool {
	pthread_mutex_t lock;
	pthread_cond_t not_full;  /* a queue slot came free */
	pthread_cond_t not_empty; /* a job was queued, or stop */
	pthread_cond_t progress;  /* a job finished */
	struct job *ring;
	size_t ring_max, head, queued;
	unsigned running;         /* jobs being run right now */
	size_t outstanding;       /* submitted, not collected */
	struct finished *done_head, *done_tail;
	bool stop;
	void (*notify)(void *ctx);
	void *notify_ctx;
	pthread_t *threads;
	unsigned nthreads;
};

static void *
worker(void *ud)
{
	struct pool *p = ud;

	for (;;) {
		struct finished *f;
		struct job j;
		void (*notify)(void *ctx);
		void *ctx;

		pthread_mutex_lock(&p->lock);
		while (!p->queued && !p->stop)
			pthread_cond_wait(&p->not_empty, &p->lock);
		if (!p->queued) {
			pthread_mutex_unlock(&p->lock);
			return NULL;
		}
		j = p->ring[p->head];
		p->head = (p->head + 1) % p->ring_max;
		p->queued--;
		p->running++;
		pthread_cond_signal(&p->not_full);
		pthread_mutex_unlock(&p->lock);

		f = xmalloc(sizeof(*f));
		f->arg = j.arg;
		f->result = j.fn(j.arg);
		f->next = NULL;

		pthread_mutex_lock(&p->lock);
		if (p->done_tail)
			p->done_tail->next = f;
		else
			p->done_head = f;
		p->done_tail = f;
		p->running--;
		pthread_cond_broadcast(&p->progress);
		notify = p->notify;
		ctx = p->notify_ctx;
		pthread_mutex_unlock(&p->lock);
		if (notify)
			notify(ctx);
	}
}

/* The cores this process may run on: taskset and cgroup cpusets
 * narrow them, and a worker more than there are cores only waits. */
static unsigned
online_cores(void)
{
	cpu_set_t set;
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		n = CPU_COUNT(&set);

	return n < 1 ? 1 : n > POOL_MAX_WORKERS ? POOL_MAX_WORKERS
						: (unsigned)n;
}

struct pool *
pool_new(unsigned workers, size_t queue_max)
{
	struct pool *p = xcalloc(1, sizeof(*p));
	pthread_condattr_t ca;
	unsigned i;

	if (!workers)
		workers = online_cores();
	if (workers > POOL_MAX_WORKERS)
		workers = POOL_MAX_WORKERS;
	p->ring_max = queue_max ? queue_max : 1;
	p->ring = xcalloc(p->ring_max, sizeof(*p->ring));
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->not_full, NULL);
	pthread_cond_init(&p->not_empty, NULL);
	/* Timed waits in pool_collect use the monotonic clock. */
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&p->progress, &ca);
	pthread_condattr_destroy(&ca);
	p->threads = xcalloc(workers, sizeof(*p->threads));
	for (i = 0; i < workers; i++) {
		if (pthread_create(&p->threads[i], NULL, worker, p))
			break;
		p->nthreads++;
	}
	if (!p->nthreads) {
		pool_free(p, NULL);
		return NULL;
	}
	return p;
}

unsigned
pool_workers(const struct pool *p)
{
	return p->nthreads;
}

void
pool_set_notify(struct pool *p, void (*notify)(void *ctx), void *ctx)
{
	pthread_mutex_lock(&p->lock);
	p->notify = notify;
	p->notify_ctx = ctx;
	pthread_mutex_unlock(&p->lock);
}

/* Queue a job; P locked and not full. */
static void
enqueue(struct pool *p, pool_fn fn, void *arg)
{
	struct job *j = &p->ring[(p->head + p->queued) % p->ring_max];

	j->fn = fn;
	j->arg = arg;
	p->queued++;
	p->outstanding++;
	pthread_cond_signal(&p->not_empty);
}

int
pool_submit(struct pool *p, pool_fn fn, void *arg)
{
	pthread_mutex_lock(&p->lock);
	while (p->queued == p->ring_max)
		pthread_cond_wait(&p->not_full, &p->lock);
	enqueue(p, fn, arg);
	pthread_mutex_unlock(&p->lock);
	return 0;
}

int
pool_trysubmit(struct pool *p, pool_fn fn, void *arg)
{
	int rc = RM_EBUSY;

	pthread_mutex_lock(&p->lock);
	if (p->queued < p->ring_max) {
		enqueue(p, fn, arg);
		rc = 0;
	}
	pthread_mutex_unlock(&p->lock);
	return rc;
}

int
pool_collect(struct pool *p, int timeout_ms, void **arg, void **result)
{
	struct finished *f = NULL;
	struct timespec deadline;

	clock_gettime(CLOCK_MONOTONIC, &deadline);
	if (timeout_ms > 0) {
		deadline.tv_sec += timeout_ms / 1000;
		deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
		if (deadline.tv_nsec >= 1000000000L) {
			deadline.tv_sec++;
			deadline.tv_nsec -= 1000000000L;
		}
	}
	pthread_mutex_lock(&p->lock);
	while (!p->done_head && p->outstanding && timeout_ms != 0) {
		if (timeout_ms < 0)
			pthread_cond_wait(&p->progress, &p->lock);
		else if (pthread_cond_timedwait(&p->progress, &p->lock,
						&deadline))
			break;
	}
	f = p->done_head;
	if (f) {
		p->done_head = f->next;
		if (!p->done_head)
			p->done_tail = NULL;
		p->outstanding--;
	}
	pthread_mutex_unlock(&p->lock);
	if (!f)
		return 0;
	*arg = f->arg;
	*result = f->result;
	free(f);
	return 1;
}

size_t
pool_outstanding(struct pool *p)
{
	size_t n;

	pthread_mutex_lock(&p->lock);
	n = p->outstanding;
	pthread_mutex_unlock(&p->lock);
	return n;
}

void
pool_drain(struct pool *p)
{
	pthread_mutex_lock(&p->lock);
	while (p->queued || p->running)
		pthread_cond_wait(&p->progress, &p->lock);
	pthread_mutex_unlock(&p->lock);
}

void
pool_free(struct pool *p, void (*free_result)(void *arg, void *result))
{
	struct finished *f, *next;
	unsigned i;

	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_cond_broadcast(&p->not_empty);
	pthread_mutex_unlock(&p->lock);
	for (i = 0; i < p->nthreads; i++)
		pthread_join(p->threads[i], NULL);
	for (f = p->done_head; f; f = next) {
		next = f->next;
		if (free_result)
			free_result(f->arg, f->result);
		free(f);
	}
	pthread_cond_destroy(&p->not_full);
	pthread_cond_destroy(&p->not_empty);
	pthread_cond_destroy(&p->progress);
	pthread_mutex_destroy(&p->lock);
	free(p->threads);
	free(p->ring);
	free(p);
}
