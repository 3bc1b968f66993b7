#include "crawler/hostq.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/errors.h"
#include "common/hash.h"
#include "common/xalloc.h"

struct node {
	void *item;
	struct node *next;
};

struct host {
	char *name;
	struct node *head, *tail;
	long delay_ms;
	int64_t next_ms; /* not before this */
	unsigned failures;
	bool busy;
};

struct hostq {
	struct host *hosts;
	size_t nhosts, cap;
	size_t *slots; /* open addressing: index + 1 into hosts, 0 empty */
	size_t nslots; /* a power of two, at least twice nhosts */
	size_t len, max_items;
};

int64_t
hostq_clock_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The slot holding NAME, or the empty slot where it would go. */
static size_t *
slot_for(const struct hostq *q, const char *name)
{
	size_t mask = q->nslots - 1, i = hash_string(name) & mask;

	/* Terminates: the table is never more than half full. */
	while (q->slots[i] && strcmp(q->hosts[q->slots[i] - 1].name, name))
		i = (i + 1) & mask;
	return &q->slots[i];
}

static struct host *
find(const struct hostq *q, const char *name)
{
	size_t *s = slot_for(q, name);

	return *s ? &q->hosts[*s - 1] : NULL;
}

static void
rehash(struct hostq *q, size_t nslots)
{
	size_t i;

	free(q->slots);
	q->slots = xcalloc(nslots, sizeof(*q->slots));
	q->nslots = nslots;
	for (i = 0; i < q->nhosts; i++)
		*slot_for(q, q->hosts[i].name) = i + 1;
}

/* HOST's record, created on first use; NULL past HOSTQ_MAX_HOSTS. */
static struct host *
get(struct hostq *q, const char *name)
{
	struct host *h = find(q, name);

	if (h)
		return h;
	if (q->nhosts >= HOSTQ_MAX_HOSTS)
		return NULL;
	if (q->nhosts == q->cap) {
		q->cap *= 2;
		q->hosts = xreallocarray(q->hosts, q->cap, sizeof(*q->hosts));
	}
	h = &q->hosts[q->nhosts++];
	memset(h, 0, sizeof(*h));
	h->name = xstrdup(name);
	if (q->nhosts * 2 > q->nslots)
		rehash(q, q->nslots * 2);
	else
		*slot_for(q, name) = q->nhosts;
	return h;
}

struct hostq *
hostq_new(size_t max_items)
{
	struct hostq *q = xcalloc(1, sizeof(*q));

	q->cap = 16;
	q->hosts = xcalloc(q->cap, sizeof(*q->hosts));
	q->nslots = 64;
	q->slots = xcalloc(q->nslots, sizeof(*q->slots));
	q->max_items = max_items;
	return q;
}

/* Unlink and free HOST's queue; the number of items removed. */
static size_t
clear_host(struct host *h, void (*free_item)(void *item))
{
	struct node *n, *next;
	size_t count = 0;

	for (n = h->head; n; n = next) {
		next = n->next;
		if (free_item)
			free_item(n->item);
		free(n);
		count++;
	}
	h->head = h->tail = NULL;
	return count;
}

void
hostq_free(struct hostq *q, void (*free_item)(void *item))
{
	size_t i;

	if (!q)
		return;
	for (i = 0; i < q->nhosts; i++) {
		clear_host(&q->hosts[i], free_item);
		free(q->hosts[i].name);
	}
	free(q->hosts);
	free(q->slots);
	free(q);
}

int
hostq_set_delay(struct hostq *q, const char *host, long source_ms,
		long robots_ms)
{
	struct host *h = get(q, host);

	if (!h)
		return RM_ETOOLARGE;
	if (robots_ms > HOSTQ_ROBOTS_DELAY_MAX_MS)
		robots_ms = HOSTQ_ROBOTS_DELAY_MAX_MS;
	h->delay_ms = source_ms > robots_ms ? source_ms : robots_ms;
	if (h->delay_ms < 0)
		h->delay_ms = 0;
	return 0;
}

int
hostq_push(struct hostq *q, const char *host, void *item)
{
	struct host *h;
	struct node *n;

	if (q->len >= q->max_items)
		return RM_ETOOLARGE;
	h = get(q, host);
	if (!h)
		return RM_ETOOLARGE;
	n = xmalloc(sizeof(*n));
	n->item = item;
	n->next = NULL;
	if (h->tail)
		h->tail->next = n;
	else
		h->head = n;
	h->tail = n;
	q->len++;
	return 0;
}

enum hostq_state
hostq_next(struct hostq *q, int64_t now, void **item, const char **host,
	   long *wait_ms)
{
	struct host *best = NULL;
	bool any_waiting = false;
	int64_t soonest = INT64_MAX;
	struct node *n;
	size_t i;

	if (!q->len)
		return HOSTQ_EMPTY;
	for (i = 0; i < q->nhosts; i++) {
		struct host *h = &q->hosts[i];

		if (!h->head || h->busy)
			continue;
		any_waiting = true;
		if (h->next_ms < soonest) {
			soonest = h->next_ms;
			best = h;
		}
	}
	if (!any_waiting)
		return HOSTQ_BUSY;
	if (soonest > now) {
		*wait_ms = (long)(soonest - now);
		return HOSTQ_WAIT;
	}
	n = best->head;
	best->head = n->next;
	if (!best->head)
		best->tail = NULL;
	best->busy = true;
	q->len--;
	*item = n->item;
	*host = best->name;
	free(n);
	return HOSTQ_READY;
}

void
hostq_done(struct hostq *q, const char *host, int64_t now, bool ok,
	   long retry_after_ms)
{
	struct host *h = find(q, host);
	long wait;

	if (!h)
		return;
	h->busy = false;
	wait = h->delay_ms;
	if (ok) {
		h->failures = 0;
	} else {
		unsigned shift = h->failures < 16 ? h->failures : 16;
		long backoff = HOSTQ_BACKOFF_BASE_MS << shift;

		h->failures++;
		if (backoff > HOSTQ_BACKOFF_MAX_MS)
			backoff = HOSTQ_BACKOFF_MAX_MS;
		if (wait < backoff)
			wait = backoff;
	}
	if (retry_after_ms > HOSTQ_RETRY_AFTER_MAX_MS)
		retry_after_ms = HOSTQ_RETRY_AFTER_MAX_MS;
	if (wait < retry_after_ms)
		wait = retry_after_ms;
	h->next_ms = now + wait;
}

void
hostq_unget(struct hostq *q, const char *host, void *item, int64_t now,
	    long wait_ms)
{
	struct host *h = find(q, host);
	struct node *n;

	if (!h)
		return;
	n = xmalloc(sizeof(*n));
	n->item = item;
	n->next = h->head;
	h->head = n;
	if (!h->tail)
		h->tail = n;
	h->busy = false;
	h->next_ms = now + (wait_ms > 0 ? wait_ms : 1);
	q->len++;
}

unsigned
hostq_failures(const struct hostq *q, const char *host)
{
	const struct host *h = find(q, host);

	return h ? h->failures : 0;
}

size_t
hostq_drop(struct hostq *q, const char *host, void (*free_item)(void *item))
{
	struct host *h = find(q, host);
	size_t n;

	if (!h)
		return 0;
	n = clear_host(h, free_item);
	q->len -= n;
	return n;
}

size_t
hostq_len(const struct hostq *q)
{
	return q->len;
}
