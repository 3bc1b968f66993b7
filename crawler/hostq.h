/*
 * Per-host politeness for the crawl: a queue of requests grouped by host
 * that hands out a request only when its host is idle and its delay has
 * passed, and says how long to wait otherwise.
 *
 * Each host has a delay, max(source delay, robots Crawl-delay capped at
 * HOSTQ_ROBOTS_DELAY_MAX_MS), counted from the end of the previous
 * request; a host is never given two requests at once.  A host whose
 * requests keep failing is backed off exponentially, up to
 * HOSTQ_BACKOFF_MAX_MS, and a Retry-After is honoured up to
 * HOSTQ_RETRY_AFTER_MAX_MS.
 *
 * Pure bookkeeping: the caller passes the time in (hostq_clock_ms() in
 * the crawl, a fake clock in tests) and owns the items.
 */
#ifndef RM_HOSTQ_H
#define RM_HOSTQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A robots.txt Crawl-delay is honoured up to this (a minute). */
#define HOSTQ_ROBOTS_DELAY_MAX_MS (60 * 1000L)
/* The first failure backs a host off this long, doubling per failure... */
#define HOSTQ_BACKOFF_BASE_MS (10 * 1000L)
/* ... up to this (ten minutes). */
#define HOSTQ_BACKOFF_MAX_MS (10 * 60 * 1000L)
/* A server's Retry-After is honoured up to this (half an hour). */
#define HOSTQ_RETRY_AFTER_MAX_MS (30 * 60 * 1000L)
/* Distinct hosts one queue tracks. */
#define HOSTQ_MAX_HOSTS 65536

struct hostq;

enum hostq_state {
	HOSTQ_READY, /* *item and *host set: fetch it now */
	HOSTQ_WAIT,  /* a host becomes ready in *wait_ms */
	HOSTQ_BUSY,  /* requests wait only on busy hosts: call hostq_done */
	HOSTQ_EMPTY, /* nothing queued */
};

/* A queue holding at most MAX_ITEMS requests in all. */
struct hostq *hostq_new(size_t max_items);

/* Free Q, calling FREE_ITEM (if not NULL) on every queued item. */
void hostq_free(struct hostq *q, void (*free_item)(void *item));

/*
 * Set HOST's delay from its source's delay and its robots.txt
 * Crawl-delay (negative: none), both in milliseconds.  Returns 0, or
 * RM_ETOOLARGE past HOSTQ_MAX_HOSTS.
 */
int hostq_set_delay(struct hostq *q, const char *host, long source_ms,
		    long robots_ms);

/*
 * Queue ITEM (owned by the caller; handed back by hostq_next) for HOST,
 * after the requests already queued for it.  Returns 0, or RM_ETOOLARGE
 * when the queue is full (ITEM is not queued).
 */
int hostq_push(struct hostq *q, const char *host, void *item);

/*
 * The next request to fetch at time NOW (ms).  For HOSTQ_READY, *ITEM
 * is the request and *HOST its host (owned by Q, valid until
 * hostq_free), which is busy until hostq_done.  For HOSTQ_WAIT, *WAIT_MS
 * is the time until the earliest host is ready.  Of several ready hosts
 * the one that has waited longest goes first.
 */
enum hostq_state hostq_next(struct hostq *q, int64_t now, void **item,
			    const char **host, long *wait_ms);

/*
 * Report that HOST's request finished at NOW.  OK false counts a failure
 * (timeout, connection error, 5xx, 429) towards the host's backoff;
 * RETRY_AFTER_MS (negative: none) is the server's own request to wait.
 */
void hostq_done(struct hostq *q, const char *host, int64_t now, bool ok,
		long retry_after_ms);

/*
 * Give ITEM, handed out by hostq_next for HOST, back undone: it goes
 * first again, HOST is idle, and ready at NOW + WAIT_MS (another crawl
 * sharing the database holds the host until then).
 */
void hostq_unget(struct hostq *q, const char *host, void *item, int64_t now,
		 long wait_ms);
/* Consecutive failures of HOST (0 for an unknown host). */
unsigned hostq_failures(const struct hostq *q, const char *host);

/*
 * Remove HOST's queued requests, e.g. after too many failures, calling
 * FREE_ITEM (if not NULL) on each.  Returns how many were removed.
 */
size_t hostq_drop(struct hostq *q, const char *host,
		  void (*free_item)(void *item));

/* Requests queued and not yet handed out. */
size_t hostq_len(const struct hostq *q);

/* Milliseconds on the monotonic clock, for NOW in the calls above. */
int64_t hostq_clock_ms(void);

#endif
