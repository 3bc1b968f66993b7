/*
 * The crawl loop.  One thread drives everything that touches the
 * network and the database; worker threads only extract.
 *
 *   jobs (robots.txt, start pages, articles)
 *     -> origin gate: robots.txt of the job's origin known? (else park
 *        the job and fetch robots.txt first)
 *     -> hostq: one request per host at a time, `delay` apart
 *     -> fetcher (libcurl multi) -> on_fetched
 *     -> a redirect: a job of the same kind for its target, back to the
 *        gate (robots.txt redirects only to the queue)
 *     -> start pages: discovery, frontier rows (one transaction)
 *     -> articles: pool (article_extract) -> the writer
 *
 * The writer is one more thread with its own database connection: it
 * records each page's frontier row (and its article, when extracted)
 * in batches, one transaction and one re-scoring of the rumors a batch
 * touches.  While it writes one batch the next fills up, so the fetch
 * loop never waits for the database and a slow store gets bigger,
 * cheaper batches.  This thread keeps the frontier reads, start pages,
 * robots.txt and host claims on its own connection.
 *
 * A source's articles are loaded from the frontier once its start pages
 * are all done, so a page queued by any of them is seen in the same run,
 * and then a batch at a time, so that memory follows the batch and not a
 * backlog of a hundred thousand pages.
 */
#include "crawler/crawl.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/ascii.h"
#include "common/buf.h"
#include "common/errors.h"
#include "common/strvec.h"
#include "common/xalloc.h"
#include "crawler/discover.h"
#include "crawler/fetch.h"
#include "crawler/hostq.h"
#include "crawler/origin.h"
#include "crawler/pool.h"
#include "crawler/redirect.h"
#include "crawler/robots.h"
#include "crawler/url.h"
#include "crawler/urlset.h"
#include "extract/article.h"
#include "extract/selector.h"

/* Jobs queued in the politeness queue at most. */
#define CRAWL_QUEUE_MAX 200000
/* Pending articles read from one source's frontier at a time; more are
 * read when fewer than half are left.  Enough to keep every host of a
 * source busy, few enough that a backlog costs no memory. */
#define CRAWL_FRONTIER_BATCH 256
/* Extraction jobs waiting per worker before fetching pauses: enough
 * that the workers keep parsing while this thread stores a batch (the
 * crawl benchmark: 2 per worker left the cores a third idle). */
#define CRAWL_BACKLOG_PER_WORKER 16
/* Pages handed to the writer and not yet written, at most: past it
 * fetching pauses.  Each holds its article (text and claims, tens of
 * KB), so this bounds memory while the database is slow. */
#define CRAWL_UNWRITTEN_MAX 1024
/* Pages one batch (one write transaction) holds at most: about a
 * quarter of a second of writing on a fast machine, so the write lock
 * (SQLite's, or PostgreSQL's advisory lock) is never held long enough
 * for another writer's busy timeout. */
#define CRAWL_BATCH_MAX 256
/* Longest wait in fetcher_poll, so progress stays current. */
#define CRAWL_POLL_MS 250
/* A crawl sharing the database claims a host for a request's time
 * limit and this much more (a redirect hop, a slow store). */
#define CRAWL_HOST_HOLD_MS 5000
/* Frontier rows a crawl sharing the database claims at a time: fewer
 * than alone, so that the others find work too. */
#define CRAWL_SHARED_BATCH 32
/* A crawl that ran out of work while others sharing the database still
 * run looks again this often for pages they found. */
#define CRAWL_SHARED_REPOLL_MS 500
/* A start URL is due this fraction of `every` early, so an hourly
 * cron job does not skip a URL fetched a few seconds late last time. */
#define CRAWL_DUE_SLACK 10
/* Failing start URLs wait every * 2^failures, this many doublings. */
#define CRAWL_BACKOFF_DOUBLINGS 6
#define CRAWL_BACKOFF_MAX_S (24 * 3600L)
#define CRAWL_ERR_MAX 1024

enum job_kind { JOB_ROBOTS, JOB_START, JOB_PAGE };

struct crawl;
struct origin;

struct src {
	const struct source *s;
	struct selector *body;
	long long budget;   /* articles still to load this run */
	long every_s;
	int discovering;    /* start jobs not finished */
	bool loaded;        /* frontier reading has begun */
	bool exhausted;     /* ... and has read all it may this run */
	struct crawlstate_pos pos; /* where it has got to */
	long queued;        /* its page jobs read and not yet freed */
	struct crawlstate_counts c;
	char *last_error;
	/* Its own start URLs (not the pages found on them) that could be
	 * read this run, and those that could not. */
	long starts_ok, starts_failed;
};

struct job {
	enum job_kind kind;
	struct crawl *c;
	struct src *src;	/* NULL for robots.txt */
	struct origin *origin;
	const char *host;	/* its queue: the URL's host, owned by an
				   origin */
	char *url;
	struct strvec chain;	/* URLs asked for: the first, then every
				   redirect's target (url last) */
	char *moved;		/* page: where permanent redirects led */
	bool temporary;		/* the chain has a temporary redirect */
	char *etag, *last_modified, *body_hash;
	long long id;		/* crawl_starts or crawl_frontier row */
	long failures;		/* start: consecutive failures so far */
	long attempts;		/* page: attempts so far */
	long interval;		/* start: seconds it was last due after */
	int depth;		/* start: index pages or sitemaps deep */
	bool batched;		/* page: counted in src->queued */
	struct fetch_result res; /* page: kept for extraction */
	char hash[STORE_HASH_SIZE];
	struct article art;
	bool extracted;
	int art_rc;
	double extract_cpu_s;
	/* page: what the writer records on its frontier row */
	long long now;
	const char *state;	/* "done", "failed", "skipped", "pending" */
	char *error;
	bool attempt;		/* counts as an attempt */
	bool validators;	/* res's ETag and Last-Modified */
	bool has_hash;		/* hash is the body's */
	bool store;		/* extracted: store the article too */
	/* ... and, written, how the article went */
	int store_rc;		/* 0 or RM_EINVAL (refused: store_err) */
	char *store_err;
	bool same;		/* the same words as stored before */
	struct job *wnext;	/* in a write batch */
	const char *why;	/* dropped: the reason */
	struct job *next;	/* parked or dropped list */
	struct job *fprev, *fnext; /* in the fetcher */
};

enum origin_state { ORIGIN_NEW, ORIGIN_FETCHING, ORIGIN_READY };

struct origin {
	char *key;		/* the robots.txt URL */
	char *host;
	enum origin_state state;
	struct robots *rules;
	bool unreachable;	/* robots.txt failed: fetch nothing now */
	char *refused;		/* the address policy's verdict, or NULL */
	char *why;		/* why robots.txt is unreachable, or NULL */
	long long delay_ms;	/* the longest delay of its sources */
	long long robots_ms;	/* Crawl-delay, -1 for none */
	struct job *parked;
};

struct crawl {
	const struct crawl_options *opt;
	const struct settings *set;
	struct store *st;
	struct crawlstate *cs;
	struct fetcher *f;
	struct hostq *q;
	struct pool *pool;
	struct src *srcs;
	size_t nsrcs;
	struct origin **origins;
	size_t norigins;
	struct crawl_stats stats;
	/* The writer: its thread, connection and the batch filling up. */
	struct pool *writer;
	struct store *wst;
	struct crawlstate *wcs;
	struct job *wfirst, **wtail;
	bool writing;		/* a batch is with the writer */
	size_t unwritten;	/* pages queued or being written */
	size_t in_flight;
	size_t parked;
	size_t backlog;
	struct job *dropped;
	struct job *flying;	/* submitted to the fetcher */
	struct urlset *asked;	/* every URL a job was made for */
	int fatal;
	int64_t repoll_ms;  /* shared database: look for others' work then */
	int64_t renew_ms;   /* ... and renew the claims on its own then */
	char today[DATE_STR_MAX];
	int64_t last_progress;
	struct buf err;
};

static long long
now_s(void)
{
	return (long long)time(NULL);
}

/* CPU seconds the calling thread has used. */
static double
thread_cpu_s(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
job_free(struct job *j)
{
	if (!j)
		return;
	if (j->batched)
		j->src->queued--;
	free(j->url);
	free(j->etag);
	free(j->last_modified);
	free(j->body_hash);
	free(j->moved);
	free(j->error);
	free(j->store_err);
	strvec_free(&j->chain);
	fetch_result_clear(&j->res);
	if (j->extracted)
		article_free(&j->art);
	free(j);
}

static void
job_free_item(void *item)
{
	job_free(item);
}

static void
fly(struct crawl *c, struct job *j)
{
	j->fprev = NULL;
	j->fnext = c->flying;
	if (c->flying)
		c->flying->fprev = j;
	c->flying = j;
	c->in_flight++;
}

static void
land(struct crawl *c, struct job *j)
{
	if (j->fprev)
		j->fprev->fnext = j->fnext;
	else
		c->flying = j->fnext;
	if (j->fnext)
		j->fnext->fprev = j->fprev;
	j->fprev = j->fnext = NULL;
	c->in_flight--;
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* Whether URL may be asked for in this run: not yet asked, whatever
 * listed it.  Sitemaps that list each other made each one be fetched
 * again for every parent, tens of thousands of requests a run.  Past
 * CRAWL_URLS_MAX the sources' budgets alone bound the run. */
static bool
first_ask(struct crawl *c, const char *url)
{
	return urlset_add(c->asked, url) != 0;
}

static void
emit(struct crawl *c, enum crawl_event_kind kind, const struct job *j,
     long status, const char *outcome, long ms, size_t bytes)
{
	struct crawl_event ev;

	if (!c->opt->on_event)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.kind = kind;
	ev.source = j && j->src ? j->src->s->name : NULL;
	ev.what = !j ? NULL
		  : j->kind == JOB_ROBOTS ? "robots"
		  : j->kind == JOB_START  ? "start"
					  : "article";
	ev.url = j ? j->url : NULL;
	ev.status = status;
	ev.outcome = outcome;
	ev.ms = ms;
	ev.bytes = bytes;
	ev.stats = &c->stats;
	ev.waiting = hostq_len(c->q) + c->in_flight + c->parked + c->backlog +
		     c->unwritten;
	c->opt->on_event(&ev, c->opt->ctx);
}

/* Note a problem of J's source: kept as its last error, reported. */
static void
warn(struct crawl *c, struct job *j, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void
warn(struct crawl *c, struct job *j, const char *fmt, ...)
{
	char msg[CRAWL_ERR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (j->src) {
		free(j->src->last_error);
		j->src->last_error = xstrdup(msg);
	}
	emit(c, CRAWL_EVENT_WARN, j, 0, msg, 0, 0);
}

/* One of the URLs J's source starts from could not be read: an error
 * the user has to hear of, not a warning.  Depth 0 only: a sitemap or
 * next page found on a start page is the page's business (a warning). */
static void
start_failed(struct crawl *c, struct job *j, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void
start_failed(struct crawl *c, struct job *j, const char *fmt, ...)
{
	char msg[CRAWL_ERR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (j->depth > 0) {
		warn(c, j, "%s: %s", j->url, msg);
		return;
	}
	j->src->starts_failed++;
	free(j->src->last_error);
	j->src->last_error = xstrdup(msg);
	emit(c, CRAWL_EVENT_ERROR, j, 0, msg, 0, 0);
}

static void
db_failed_with(struct crawl *c, int rc, const char *msg)
{
	if (!c->fatal) {
		c->fatal = rc ? rc : RM_EDB;
		buf_printf(&c->err, "database: %s", msg);
	}
}

static void
db_failed(struct crawl *c, int rc)
{
	db_failed_with(c, rc, store_errmsg(c->st));
}

static void
count(struct crawl *c, struct src *s, long long *(*field)(
					      struct crawlstate_counts *))
{
	(*field(&c->stats.pages))++;
	if (s)
		(*field(&s->c))++;
}

#define COUNTER(name)                                                      \
	static long long *cnt_##name(struct crawlstate_counts *k)          \
	{                                                                  \
		return &k->name;                                           \
	}
COUNTER(fetched)
COUNTER(not_modified)
COUNTER(unchanged)
COUNTER(failed)
COUNTER(skipped)
COUNTER(stored)

/* ---- origins and the robots.txt gate ---- */

static void admit(struct crawl *c, struct job *j);

static struct origin *
origin_for(struct crawl *c, const char *url)
{
	struct origin *o;
	char *key = NULL, *host = NULL;

	if (url_resolve(url, "/robots.txt", &key) != 0 ||
	    url_host(url, &host) != 0) {
		free(key);
		return NULL;
	}
	for (size_t i = 0; i < c->norigins; i++) {
		if (strcmp(c->origins[i]->key, key) == 0) {
			free(key);
			free(host);
			return c->origins[i];
		}
	}
	if (c->norigins == CRAWL_ORIGINS_MAX) {
		free(key);
		free(host);
		return NULL;
	}
	o = xcalloc(1, sizeof(*o));
	o->key = key;
	o->host = host;
	o->robots_ms = -1;
	c->origins = xreallocarray(c->origins, c->norigins + 1,
				   sizeof(*c->origins));
	c->origins[c->norigins++] = o;
	return o;
}

static void
origin_free(struct origin *o)
{
	robots_free(o->rules);
	free(o->refused);
	free(o->why);
	free(o->key);
	free(o->host);
	free(o);
}

/* The host's delay: its sources' longest, or robots.txt's Crawl-delay. */
static void
set_delay(struct crawl *c, struct origin *o)
{
	if (hostq_set_delay(c->q, o->host, (long)o->delay_ms,
			    (long)o->robots_ms) != 0 &&
	    !c->fatal) {
		c->fatal = RM_ETOOLARGE;
		buf_printf(&c->err, "too many hosts");
	}
}

/* Rules from a robots.txt answer: STATUS (0: unreachable) and BODY. */
static void
origin_ready(struct crawl *c, struct origin *o, long status,
	     const char *body, size_t len)
{
	struct job *j, *next;
	enum robots_verdict how;

	o->rules = origin_robots_rules(status, body, len, c->set->user_agent,
				       &how);
	o->unreachable = how == ROBOTS_DISALLOW_ALL;
	o->robots_ms = robots_crawl_delay_ms(o->rules);
	o->state = ORIGIN_READY;
	set_delay(c, o);
	for (j = o->parked; j; j = next) {
		next = j->next;
		j->next = NULL;
		c->parked--;
		admit(c, j);
	}
	o->parked = NULL;
}

static void
push(struct crawl *c, struct job *j)
{
	if (hostq_push(c->q, j->host, j) != 0) {
		/* Full: the page stays pending for the next run. */
		j->why = "too many requests queued";
		j->next = c->dropped;
		c->dropped = j;
	}
}

/* Fetch ORIGIN's robots.txt, or take it from the cache. */
static void
origin_start(struct crawl *c, struct origin *o)
{
	struct job *r;
	char *body = NULL;
	size_t len = 0;
	long status = 0;
	int rc;

	o->state = ORIGIN_FETCHING;
	set_delay(c, o);
	rc = crawlstate_robots_get(c->cs, o->key, now_s(), &status, &body,
				   &len);
	if (rc == 0) {
		/* The failure is cached, not its message: say when. */
		if (robots_verdict_for_status(status) == ROBOTS_DISALLOW_ALL) {
			char why[128], st[32] = "no answer";

			if (status)
				snprintf(st, sizeof(st), "HTTP %ld", status);
			snprintf(why, sizeof(why), "%s at the last try; asked "
				 "again within %d min", st,
				 ROBOTS_ERROR_RETRY_SECS / 60);
			o->why = xstrdup(why);
		}
		origin_ready(c, o, status, body, len);
		free(body);
		return;
	}
	if (rc != RM_ENOTFOUND) {
		db_failed(c, rc);
		return;
	}
	r = xcalloc(1, sizeof(*r));
	r->kind = JOB_ROBOTS;
	r->c = c;
	r->origin = o;
	r->host = o->host;
	r->url = xstrdup(o->key);
	strvec_push(&r->chain, r->url);
	push(c, r);
}

/* A job that will not be fetched now (robots.txt, host failing). */
static void finish_start(struct crawl *c, struct src *s);

static void
defer(struct crawl *c, struct job *j, const char *why)
{
	if (j->kind == JOB_START) {
		start_failed(c, j, "not fetched: %s", why);
		count(c, j->src, cnt_skipped);
		finish_start(c, j->src);
	} else if (j->kind == JOB_PAGE) {
		count(c, j->src, cnt_skipped);
	}
	job_free(j);
}

static void queue_write(struct crawl *c, struct job *j, const char *state,
			const char *error);

/* Settle page J without fetching it: STATE, ERROR, counted in FIELD. */
static void
page_settle(struct crawl *c, struct job *j, const char *state,
	    const char *error, long long *(*field)(struct crawlstate_counts *))
{
	count(c, j->src, field);
	queue_write(c, j, state, error);
}

/* Through the gate: robots.txt decides, then the politeness queue. */
static void
admit(struct crawl *c, struct job *j)
{
	char why[CRAWL_ERR_MAX];
	char *path = NULL;
	bool allowed;

	/* The address policy refused the host itself: not worth a retry. */
	if (j->origin->refused && j->kind == JOB_PAGE) {
		emit(c, CRAWL_EVENT_FETCH, j, 0, j->origin->refused, 0, 0);
		warn(c, j, "%s: %s", j->url, j->origin->refused);
		page_settle(c, j, "failed", j->origin->refused, cnt_failed);
		return;
	}
	if (j->origin->unreachable) {
		if (j->origin->refused) {
			defer(c, j, j->origin->refused);
		} else {
			snprintf(why, sizeof(why),
				 "robots.txt unreachable (%s)",
				 j->origin->why ? j->origin->why : "?");
			defer(c, j, why);
		}
		return;
	}
	allowed = url_path_query(j->url, &path) == 0 &&
		  robots_allowed(j->origin->rules, path);
	free(path);
	if (allowed) {
		push(c, j);
		return;
	}
	if (j->chain.n > 1)
		snprintf(why, sizeof(why),
			 "redirect to %s disallowed by robots.txt", j->url);
	else
		snprintf(why, sizeof(why), "disallowed by robots.txt");
	emit(c, CRAWL_EVENT_FETCH, j, 0, why, 0, 0);
	if (j->kind == JOB_PAGE)
		page_settle(c, j, "skipped", why, cnt_skipped);
	else
		defer(c, j, why);
}

static void
queue_job(struct crawl *c, struct job *j)
{
	struct origin *o = origin_for(c, j->url);

	if (!o) {
		defer(c, j, "no usable origin");
		return;
	}
	j->origin = o;
	j->host = o->host;
	if (j->src && j->src->s->delay_ms > o->delay_ms) {
		o->delay_ms = j->src->s->delay_ms;
		if (o->state == ORIGIN_READY)
			set_delay(c, o);
	}
	if (o->state == ORIGIN_READY) {
		admit(c, j);
		return;
	}
	j->next = o->parked;
	o->parked = j;
	c->parked++;
	if (o->state == ORIGIN_NEW)
		origin_start(c, o);
}

/* ---- start pages ---- */

static struct job *
new_job(struct crawl *c, enum job_kind kind, struct src *s, const char *url)
{
	struct job *j = xcalloc(1, sizeof(*j));

	j->kind = kind;
	j->c = c;
	j->src = s;
	j->url = xstrdup(url);
	strvec_push(&j->chain, url);
	return j;
}

static int load_frontier(struct crawl *c, struct src *s);

static void
finish_start(struct crawl *c, struct src *s)
{
	if (--s->discovering > 0 || s->loaded)
		return;
	if (load_frontier(c, s) != 0)
		db_failed(c, RM_EDB);
}

/* Queue a start URL (or a page found on one) with its stored validators. */
static int
queue_start(struct crawl *c, struct src *s, const char *url,
	    long long parent, int depth, bool due_only)
{
	struct crawlstate_start row;
	struct job *j;
	long long now = now_s();
	int rc;

	/* What a page lists is asked for once a run, within the budget;
	 * the source's own start URLs always are, and count too. */
	if (!due_only && (s->budget <= 0 || !first_ask(c, url)))
		return 0;
	rc = crawlstate_start_get(c->cs, s->s->name, url, parent, &row);
	if (rc)
		return rc;
	if (due_only && !c->opt->revisit &&
	    now < row.next_due - s->every_s / CRAWL_DUE_SLACK) {
		crawlstate_start_clear(&row);
		return 0;
	}
	/* Another crawl sharing the database may have taken it. */
	if (due_only && (rc = crawlstate_start_claim(c->cs, &row, now,
						      s->every_s /
							      CRAWL_DUE_SLACK)) !=
				0) {
		crawlstate_start_clear(&row);
		return rc == RM_ENOTFOUND ? 0 : rc;
	}
	if (due_only)
		first_ask(c, url);
	s->budget--;
	j = new_job(c, JOB_START, s, url);
	j->id = row.id;
	j->etag = row.etag;
	j->last_modified = row.last_modified;
	j->failures = row.failures;
	if (!row.failures && row.last_fetched > 0)
		j->interval = (long)(row.next_due - row.last_fetched);
	j->depth = depth;
	row.etag = row.last_modified = NULL;
	crawlstate_start_clear(&row);
	s->discovering++;
	queue_job(c, j);
	return 0;
}

/* Seconds named by "max-age=N" in a Cache-Control header, or -1. */
static long
max_age(const char *cc)
{
	const char *p = cc ? ascii_casestr(cc, strlen(cc), "max-age=") : NULL;
	unsigned long long v = 0;
	char digits[12];
	size_t n = 0;

	if (!p || ascii_casestr(cc, strlen(cc), "no-cache") ||
	    ascii_casestr(cc, strlen(cc), "no-store"))
		return -1;
	for (p += 8; ascii_isdigit((unsigned char)*p) && n < 11; p++)
		digits[n++] = *p;
	digits[n] = '\0';
	if (n == 0 || parse_uint(digits, CRAWL_TTL_MAX_S, &v) != 0)
		return n ? CRAWL_TTL_MAX_S : -1;
	return (long)v;
}

static long
min_l(long a, long b)
{
	return a < b ? a : b;
}

/* When a start URL is due again: `every`, or longer when the feed's ttl
 * or the server's max-age asks for it; backed off after failures. */
static long long
next_due(const struct src *s, long long now, long ttl, long age,
	 long failures)
{
	long wait = s->every_s;

	if (failures > 0) {
		long long w = s->every_s;
		long cap = s->every_s > CRAWL_BACKOFF_MAX_S
				   ? s->every_s
				   : CRAWL_BACKOFF_MAX_S;

		for (long i = 0; i < failures && i < CRAWL_BACKOFF_DOUBLINGS &&
				 w < cap;
		     i++)
			w *= 2;
		return now + (w < cap ? w : cap);
	}
	if (ttl > wait)
		wait = min_l(ttl, CRAWL_TTL_MAX_S);
	if (age > wait)
		wait = min_l(age, CRAWL_TTL_MAX_S);
	return now + wait;
}

/* The pages a start page points at that are more start pages. */
static void
queue_children(struct crawl *c, struct job *j, const struct discovery *d)
{
	size_t n = d->sitemaps.n;
	int rc = 0;

	if (j->depth >= CRAWL_INDEX_PAGES_MAX)
		return;
	if (n > CRAWL_CHILD_SITEMAPS_MAX) {
		warn(c, j, "%s: %zu sitemaps, reading the first %d", j->url, n,
		     CRAWL_CHILD_SITEMAPS_MAX);
		n = CRAWL_CHILD_SITEMAPS_MAX;
	}
	if (n && j->src->budget <= 0)
		warn(c, j, "%s: max_pages reached, %zu sitemaps not read",
		     j->url, n);
	for (size_t i = 0; !rc && i < n; i++)
		rc = queue_start(c, j->src, d->sitemaps.v[i], j->id,
				 j->depth + 1, false);
	if (!rc && d->next && strcmp(d->next, j->url) != 0)
		rc = queue_start(c, j->src, d->next, j->id, j->depth + 1,
				 false);
	if (rc)
		db_failed(c, rc);
}

/* An unchanged sitemap index still has sitemaps that may have changed:
 * ask each of them again, conditionally. */
static void
revisit_children(struct crawl *c, struct job *j)
{
	struct strvec kids = STRVEC_INIT;
	int rc;

	if (j->depth >= CRAWL_INDEX_PAGES_MAX)
		return;
	rc = crawlstate_start_children(c->cs, j->id, CRAWL_CHILD_SITEMAPS_MAX,
				       &kids);
	for (size_t i = 0; !rc && i < kids.n; i++)
		rc = queue_start(c, j->src, kids.v[i], j->id, j->depth + 1,
				 false);
	if (rc)
		db_failed(c, rc);
	strvec_free(&kids);
}

static void
start_fetched(struct crawl *c, struct job *j, struct fetch_result *res)
{
	struct crawlstate_result r;
	struct crawlstate_link *links = NULL;
	struct discovery d;
	size_t n = 0;
	char *why = NULL;
	bool found = false;
	int rc;

	memset(&r, 0, sizeof(r));
	memset(&d, 0, sizeof(d));
	r.id = j->id;
	r.now = now_s();
	r.status = res->status;
	if (res->outcome == FETCH_NOT_MODIFIED) {
		/* Unchanged: so is the ttl it had, which a 304 cannot say. */
		count(c, j->src, cnt_not_modified);
		j->src->starts_ok += j->depth == 0;
		r.next_due = next_due(j->src, r.now, j->interval,
				      max_age(res->cache_control), 0);
		revisit_children(c, j);
	} else if (res->outcome == FETCH_OK && res->status >= 200 &&
		   res->status < 300) {
		count(c, j->src, cnt_fetched);
		rc = discover_page(j->src->s, res->final_url, res->body.data
				   ? res->body.data : "", res->body.len,
				   res->content_type, &d, &why);
		if (rc) {
			r.error = why ? why : rm_strerror(rc);
			r.failed = true;
			start_failed(c, j, "%s", r.error);
		} else {
			found = true;
			j->src->starts_ok += j->depth == 0;
			r.kind = d.kind;
			r.etag = res->etag;
			r.last_modified = res->last_modified;
		}
		r.next_due = next_due(j->src, r.now, found ? d.ttl_secs : -1,
				      max_age(res->cache_control),
				      r.failed ? j->failures + 1 : 0);
	} else {
		char msg[64];

		count(c, j->src, cnt_failed);
		if (res->outcome == FETCH_OK)
			snprintf(msg, sizeof(msg), "HTTP %ld", res->status);
		r.error = res->outcome == FETCH_OK ? msg
			  : res->error_msg	   ? res->error_msg
				: fetch_outcome_name(res->outcome);
		r.failed = true;
		r.next_due = next_due(j->src, r.now, -1, -1, j->failures + 1);
		start_failed(c, j, "%s", r.error);
		rc = crawlstate_start_done(c->cs, &r, j->src->s->name, j->url,
					   NULL, 0);
		goto out;
	}
	if (found) {
		links = xcalloc(d.n_follow + 1, sizeof(*links));
		for (size_t i = 0; i < d.n_links; i++)
			if (d.links[i].verdict == DISCOVER_FOLLOW)
				links[n++] = (struct crawlstate_link){
					d.links[i].url, d.links[i].lastmod
				};
		for (size_t i = 0; i < d.n_links; i++)
			if (d.links[i].verdict == DISCOVER_LIMIT)
				warn(c, j, "%s: pattern limit on %s", j->url,
				     d.links[i].url);
	}
	rc = crawlstate_start_done(c->cs, &r, j->src->s->name, j->url, links,
				   n);
	if (!rc && found)
		queue_children(c, j, &d);
out:
	if (rc)
		db_failed(c, rc);
	free(links);
	free(why);
	discovery_free(&d);
	finish_start(c, j->src);
}

/* ---- articles ---- */

struct page_list {
	struct crawl *c;
	struct src *s;
	struct job **v;
	size_t n;
};

static int
collect_page(const struct crawlstate_page *p, void *arg)
{
	struct page_list *l = arg;
	struct job *j = new_job(l->c, JOB_PAGE, l->s, p->url);

	j->id = p->id;
	j->attempts = p->attempts;
	j->batched = true;
	l->s->queued++;
	/* Validators only for a page we have: a failed row's are stale. */
	if (p->known) {
		j->etag = dup_or_null(p->etag);
		j->last_modified = dup_or_null(p->last_modified);
		j->body_hash = dup_or_null(p->body_hash);
	}
	/* A permanent redirect is not asked again: go where it led. */
	if (p->redirect_url && strcmp(p->redirect_url, p->url) != 0) {
		free(j->url);
		j->url = xstrdup(p->redirect_url);
		strvec_push(&j->chain, j->url);
		j->moved = xstrdup(j->url);
	}
	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = j;
	return 0;
}

/* Queue S's next batch of pending articles, newest first, within its
 * budget.  Read first, queue after: queueing writes rows the read is
 * walking. */
static int
load_frontier(struct crawl *c, struct src *s)
{
	struct page_list l = { c, s, NULL, 0 };
	long want, got = 0;
	int rc;

	if (!s->loaded) {
		s->loaded = true;
		s->pos = CRAWLSTATE_POS_START;
	}
	want = crawlstate_shared(c->cs) ? CRAWL_SHARED_BATCH
					: CRAWL_FRONTIER_BATCH;
	if (s->budget < want)
		want = (long)s->budget;
	if (want <= 0) {
		s->exhausted = true;
		return 0;
	}
	rc = crawlstate_pending(c->cs, s->s->name, want, &s->pos, &got,
				collect_page, &l);
	if (got < want)
		s->exhausted = true;
	for (size_t i = 0; i < l.n; i++) {
		if (rc)
			job_free(l.v[i]);
		else if (!first_ask(c, l.v[i]->url))
			/* A start page, or where another page's redirect
			 * led: done with in this run already. */
			page_settle(c, l.v[i], "skipped",
				    "already dealt with in this run", cnt_skipped);
		else
			queue_job(c, l.v[i]);
	}
	s->budget -= (long long)l.n;
	free(l.v);
	return rc;
}

/* FNV-1a over 8-byte words: every page is hashed on the crawl's one
 * thread, and bytewise FNV cost 0.16 ms a 90 KB page there, five times
 * this. */
static void
hash_body(const char *p, size_t n, char out[STORE_HASH_SIZE])
{
	uint64_t h = 0xcbf29ce484222325ULL ^ n, w;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 32;
	}
	for (; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 0x100000001b3ULL;
	snprintf(out, STORE_HASH_SIZE, "%016llx", (unsigned long long)h);
}

static void *
extract_job(void *arg)
{
	struct job *j = arg;
	const struct crawl *c = j->c;
	struct article_options o;
	double cpu0 = thread_cpu_s();

	memset(&o, 0, sizeof(o));
	o.url = j->res.final_url ? j->res.final_url : j->url;
	o.charset = j->res.charset;
	o.today = c->today;
	o.body = j->src->body;
	j->art_rc = article_extract(c->opt->lexicon, j->res.body.data,
				    j->res.body.len, &o, &j->art);
	j->extracted = true;
	/* The page itself is not needed any more; free it early. */
	buf_free(&j->res.body);
	j->extract_cpu_s = thread_cpu_s() - cpu0;
	return j;
}

static void
page_fetched(struct crawl *c, struct job *j, struct fetch_result *res)
{
	char msg[CRAWL_ERR_MAX];

	/* The job keeps the answer until it is written; the fetcher gets
	 * an empty result to free (res->user NULL too). */
	j->res = *res;
	memset(res, 0, sizeof(*res));
	res = &j->res;
	if (res->outcome == FETCH_NOT_MODIFIED) {
		count(c, j->src, cnt_not_modified);
		queue_write(c, j, "done", NULL);
		return;
	}
	if (res->outcome == FETCH_OK && res->status >= 200 &&
	    res->status < 300) {
		j->validators = true;
		if (!discover_is_html(res->content_type, res->body.data,
				      res->body.len)) {
			snprintf(msg, sizeof(msg), "not HTML (%s)",
				 res->content_type ? res->content_type : "?");
			count(c, j->src, cnt_skipped);
			queue_write(c, j, "skipped", msg);
			return;
		}
		count(c, j->src, cnt_fetched);
		hash_body(res->body.data, res->body.len, j->hash);
		j->has_hash = true;
		if (j->body_hash && strcmp(j->body_hash, j->hash) == 0) {
			/* The same bytes as last time: nothing to parse. */
			count(c, j->src, cnt_unchanged);
			queue_write(c, j, "done", NULL);
			return;
		}
		c->backlog++;
		pool_submit(c->pool, extract_job, j);
		return;
	}
	count(c, j->src, cnt_failed);
	if (res->outcome == FETCH_OK)
		snprintf(msg, sizeof(msg), "HTTP %ld", res->status);
	else if (res->outcome == FETCH_TOO_LARGE)
		snprintf(msg, sizeof(msg), "body over %lld bytes",
			 c->set->max_body);
	else
		snprintf(msg, sizeof(msg), "%s",
			 res->error_msg ? res->error_msg
					: fetch_outcome_name(res->outcome));
	warn(c, j, "%s: %s", j->url, msg);
	/* Worth another try later: the server or the network was down. */
	if (res->outcome == FETCH_TIMEOUT || res->outcome == FETCH_NETWORK ||
	    res->status >= 500 || res->status == 429) {
		j->attempt = true;
		if (j->attempts + 1 < CRAWLSTATE_MAX_ATTEMPTS) {
			queue_write(c, j, "pending", msg);
			return;
		}
	}
	queue_write(c, j, "failed", msg);
}

static bool
same_site(const char *a, const char *b)
{
	char *ha = NULL, *hb = NULL;
	const char *x, *y;
	bool same;

	if (url_host(a, &ha) != 0 || url_host(b, &hb) != 0) {
		free(ha);
		free(hb);
		return false;
	}
	x = strncmp(ha, "www.", 4) == 0 ? ha + 4 : ha;
	y = strncmp(hb, "www.", 4) == 0 ? hb + 4 : hb;
	same = strcmp(x, y) == 0;
	free(ha);
	free(hb);
	return same;
}

/* The URL an article is stored under: its canonical URL when that is
 * on the same site, else where the fetch ended.  Caller frees. */
static char *
article_url(const struct job *j)
{
	const char *fetched = j->res.final_url ? j->res.final_url : j->url;
	char *base = NULL, *canon = NULL;

	if (url_normalize(fetched, &base) != 0)
		base = xstrdup(j->url);
	if (j->art.doc.canonical &&
	    url_resolve(base, j->art.doc.canonical, &canon) == 0 &&
	    same_site(base, canon)) {
		free(base);
		return canon;
	}
	free(canon);
	return base;
}

/* ---- the writer ---- */

/* Page J's frontier row is to be written: STATE, ERROR (copied). */
static void
queue_write(struct crawl *c, struct job *j, const char *state,
	    const char *error)
{
	/* Done with as far as the frontier reading goes. */
	if (j->batched) {
		j->src->queued--;
		j->batched = false;
	}
	buf_free(&j->res.body);
	j->now = now_s();
	j->state = state;
	j->error = dup_or_null(error);
	j->wnext = NULL;
	*c->wtail = j;
	c->wtail = &j->wnext;
	c->unwritten++;
}

struct batch {
	struct crawl *c;
	struct job *first;
	long long run_id;
	int rc;
	char *err;	/* why it failed */
	double cpu_s, wall_s;
};

/* On the writer: page J's row, and its article when it has one. */
static int
write_page(const struct batch *b, struct job *j)
{
	const struct crawl *c = b->c;
	struct crawlstate_result r;
	struct store_article a;
	char *url;
	int rc;

	memset(&r, 0, sizeof(r));
	r.id = j->id;
	r.now = j->now;
	r.redirect_url = j->moved;
	r.status = j->res.status;
	r.state = j->state;
	r.error = j->error;
	r.attempt = j->attempt;
	if (j->validators) {
		r.etag = j->res.etag;
		r.last_modified = j->res.last_modified;
	}
	if (j->has_hash)
		r.body_hash = j->hash;
	if (!j->store)
		return crawlstate_page_done(c->wcs, &r);
	url = article_url(j);
	a = (struct store_article){
		.url = url,
		.source = j->src->s->name,
		.title = j->art.doc.title,
		.author = j->art.doc.author,
		.text = j->art.doc.text,
		.published = j->art.doc.published[0] ? j->art.doc.published
						     : NULL,
		.rumors = &j->art.rumors,
		.weight = j->src->s->weight,
	};
	/* The same words as stored (only the page around them changed)
	 * leave the article as it is: j->same. */
	rc = crawlstate_page_store(c->wcs, &r, &a, b->run_id, &j->same);
	if (rc == RM_EINVAL) {
		j->store_rc = rc;
		j->store_err = xstrdup(store_errmsg(c->wst));
		rc = 0;
	}
	free(url);
	return rc;
}

/* The writer's job: batch B in one transaction. */
static void *
write_batch(void *arg)
{
	struct batch *b = arg;
	struct crawlstate *cs = b->c->wcs;
	double cpu0 = thread_cpu_s(), t0 = mono_s();
	int rc = crawlstate_batch_begin(cs), end;

	for (struct job *j = b->first; !rc && j; j = j->wnext)
		rc = write_page(b, j);
	if (rc)
		b->err = xstrdup(store_errmsg(b->c->wst));
	end = crawlstate_batch_end(cs, rc == 0);
	if (!rc && end) {
		rc = end;
		b->err = xstrdup(store_errmsg(b->c->wst));
	}
	b->rc = rc;
	b->cpu_s = thread_cpu_s() - cpu0;
	b->wall_s = mono_s() - t0;
	return b;
}

static void
batch_free(struct batch *b)
{
	struct job *j, *next;

	for (j = b->first; j; j = next) {
		next = j->wnext;
		job_free(j);
	}
	free(b->err);
	free(b);
}

/* Give the writer what has queued up (CRAWL_BATCH_MAX pages at most),
 * unless it is busy. */
static void
flush(struct crawl *c)
{
	struct batch *b;
	struct job **end = &c->wfirst;

	if (c->writing || !c->wfirst || c->fatal)
		return;
	for (int n = 0; *end && n < CRAWL_BATCH_MAX; n++)
		end = &(*end)->wnext;
	b = xcalloc(1, sizeof(*b));
	b->c = c;
	b->first = c->wfirst;
	b->run_id = c->stats.run_id;
	c->wfirst = *end;
	*end = NULL;
	if (!c->wfirst)
		c->wtail = &c->wfirst;
	c->writing = true;
	pool_submit(c->writer, write_batch, b);
}

/* A batch is back from the writer: count and report its pages. */
static void
written(struct crawl *c, struct batch *b)
{
	c->writing = false;
	c->stats.batches++;
	c->stats.store_cpu_s += b->cpu_s;
	c->stats.store_busy_s += b->wall_s;
	for (struct job *j = b->first; j; j = j->wnext) {
		c->unwritten--;
		if (b->rc || !j->store)
			continue;
		if (j->store_rc) {
			count(c, j->src, cnt_failed);
			warn(c, j, "%s: not stored: %s", j->url, j->store_err);
		} else {
			count(c, j->src, j->same ? cnt_unchanged : cnt_stored);
		}
	}
	if (b->rc)
		db_failed_with(c, b->rc, b->err ? b->err : "writing failed");
	batch_free(b);
}

/* Extracted page J: to the writer. */
static void
extracted(struct crawl *c, struct job *j)
{
	if (j->art_rc) {
		const char *why = j->art_rc == RM_ETOOLARGE
					  ? "page too large to extract"
					  : "nothing to extract";

		count(c, j->src, cnt_failed);
		warn(c, j, "%s: %s", j->url, why);
		queue_write(c, j, "failed", why);
		return;
	}
	j->store = true;
	queue_write(c, j, "done", NULL);
}

/* ---- the loop ---- */

static void
robots_fetched(struct crawl *c, struct job *j, struct fetch_result *res)
{
	struct origin *o = j->origin;
	long status;
	long long now = now_s(), ttl;
	enum robots_verdict v;

	c->stats.robots++;
	/* The policy refused the host before a byte was sent: its pages
	 * fail with the reason; nothing to cache, nothing was asked. */
	if (res->outcome == FETCH_REFUSED && res->status == 0 &&
	    j->chain.n == 1) {
		o->refused = xstrdup(res->error_msg ? res->error_msg
						    : "refused");
		origin_ready(c, o, 0, NULL, 0);
		return;
	}
	status = origin_robots_status(res);
	v = robots_verdict_for_status(status);
	if (v == ROBOTS_DISALLOW_ALL && !o->why) {
		char why[64];

		snprintf(why, sizeof(why), "HTTP %ld", status);
		o->why = xstrdup(status ? why
				 : res->error_msg ? res->error_msg
						  : fetch_outcome_name(
							    res->outcome));
	}
	ttl = v == ROBOTS_DISALLOW_ALL ? ROBOTS_ERROR_RETRY_SECS
				       : c->set->robots_max_age_ms / 1000;
	if (crawlstate_robots_put(c->cs, o->key, status,
				  v == ROBOTS_USE_BODY ? res->body.data : NULL,
				  v == ROBOTS_USE_BODY ? res->body.len : 0,
				  now, now + ttl) != 0)
		db_failed(c, RM_EDB);
	origin_ready(c, o, status, res->body.data, res->body.len);
}

/* hostq_drop's callback: collect, handle once the queue is consistent. */
static void
drop_job(void *item)
{
	struct job *j = item;

	if (!j->why)
		j->why = "the host keeps failing";
	j->next = j->c->dropped;
	j->c->dropped = j;
}

static void
handle_dropped(struct crawl *c)
{
	struct job *j;

	while ((j = c->dropped) != NULL) {
		c->dropped = j->next;
		j->next = NULL;
		if (j->kind == JOB_ROBOTS) {
			/* Unreachable for this run; not cached. */
			if (!j->origin->why)
				j->origin->why = xstrdup(j->why);
			origin_ready(c, j->origin, 0, NULL, 0);
			job_free(j);
		} else {
			defer(c, j, j->why);
		}
	}
}

static void
settle(struct crawl *c, struct job *j, struct fetch_result *res)
{
	emit(c, CRAWL_EVENT_FETCH, j, res->status,
	     res->outcome == FETCH_OK ? "ok"
	     : res->error_msg	      ? res->error_msg
				      : fetch_outcome_name(res->outcome),
	     res->elapsed_ms, res->body.len);
	switch (j->kind) {
	case JOB_ROBOTS: robots_fetched(c, j, res); break;
	case JOB_START: start_fetched(c, j, res); break;
	case JOB_PAGE: page_fetched(c, j, res); break;
	}
}

/* The next hop of J's chain, to TO (taken), after a STATUS redirect.
 * The validators go with it: they are the final page's. */
static struct job *
hop_job(struct crawl *c, struct job *j, char *to, long status)
{
	struct job *n = xcalloc(1, sizeof(*n));

	n->kind = j->kind;
	n->c = c;
	n->src = j->src;
	n->url = to;
	n->id = j->id;
	n->failures = j->failures;
	n->attempts = j->attempts;
	n->interval = j->interval;
	n->depth = j->depth;
	n->etag = j->etag;
	n->last_modified = j->last_modified;
	n->body_hash = j->body_hash;
	j->etag = j->last_modified = j->body_hash = NULL;
	n->chain = j->chain;
	memset(&j->chain, 0, sizeof(j->chain));
	strvec_push(&n->chain, to);
	/* Only a chain of permanent redirects is remembered. */
	n->temporary = j->temporary || !redirect_is_permanent(status);
	if (n->temporary) {
		n->moved = j->moved;
		j->moved = NULL;
	} else {
		n->moved = xstrdup(to);
	}
	return n;
}

/*
 * Why J's redirect to TO is not followed, or NULL to follow it.  A
 * page's target is judged as a link would be: its source must follow
 * it (follow matches, skip does not), so that no redirect brings in a
 * page the source would never fetch, or another site's page under its
 * name.  A start page is no article (skip often matches the source's
 * own sitemaps): its target must stay on its site, or be followed.
 */
static const char *
redirect_refused(const struct job *j, const char *to)
{
	enum discover_verdict v;

	if (j->kind == JOB_ROBOTS)
		return NULL;
	v = discover_judge(j->src->s, to);
	if (v == DISCOVER_FOLLOW ||
	    (j->kind == JOB_START && v != DISCOVER_LIMIT &&
	     same_site(j->chain.v[0], to)))
		return NULL;
	return j->kind == JOB_START && v != DISCOVER_LIMIT
		       ? "off the site"
		       : discover_verdict_name(v);
}

/* A redirect: its target is a new request of the same kind, through
 * the robots.txt gate (robots.txt itself only through the queue). */
static void
redirected(struct crawl *c, struct job *j, struct fetch_result *res)
{
	char msg[CRAWL_ERR_MAX];
	struct origin *o;
	struct job *n;
	const char *why;
	char *to = NULL;

	if (redirect_next(res, &j->chain, (long)c->set->max_redirects,
			  &to) != 0) {
		settle(c, j, res);
		return;
	}
	snprintf(msg, sizeof(msg), "redirect to %s", to);
	emit(c, CRAWL_EVENT_FETCH, j, res->status, msg, res->elapsed_ms,
	     res->body.len);
	why = redirect_refused(j, to);
	n = hop_job(c, j, to, res->status);
	if (j->kind != JOB_ROBOTS) {
		bool again = !why && !first_ask(c, to);

		if (why || again) {
			if (why)
				snprintf(msg, sizeof(msg), "redirect to %s not "
					 "followed: %s", to, why);
			else
				snprintf(msg, sizeof(msg), "redirect to %s, "
					 "already dealt with in this run", to);
			emit(c, CRAWL_EVENT_FETCH, n, 0, msg, 0, 0);
			if (n->kind == JOB_PAGE)
				page_settle(c, n, "skipped", msg, cnt_skipped);
			else
				defer(c, n, msg); /* finishes J's start */
			return;
		}
		/* A hop is a request like any other: once a run, and
		 * counted in the source's budget. */
		j->src->budget--;
	}
	if (j->kind == JOB_ROBOTS) {
		o = origin_for(c, to);
		n->origin = j->origin;
		n->host = o ? o->host : NULL;
		if (n->host) {
			push(c, n);
		} else {
			origin_ready(c, j->origin, 0, NULL, 0);
			job_free(n);
		}
		return;
	}
	if (j->kind == JOB_START)
		j->src->discovering++;
	queue_job(c, n);
	if (j->kind == JOB_START)
		finish_start(c, j->src);
}

/* The gap a host keeps between requests: the source's, or robots.txt's. */
static long
host_delay_ms(const struct job *j)
{
	return (long)(j->origin->delay_ms > j->origin->robots_ms
			      ? j->origin->delay_ms
			      : j->origin->robots_ms);
}

static void
on_fetched(struct fetch_result *res, void *ctx)
{
	struct crawl *c = ctx;
	struct job *j = res->user;
	const char *host = j->host;
	long retry_ms, delay_ms = host_delay_ms(j);
	bool ok;

	land(c, j);
	/* Only the host's own trouble counts against it, not a page's
	 * (a 404, a redirect loop, an oversized body). */
	ok = res->outcome != FETCH_TIMEOUT && res->outcome != FETCH_NETWORK &&
	     res->status < 500 && res->status != 429;
	retry_ms = res->retry_after_s >= 0 ? res->retry_after_s * 1000 : -1;
	if (redirect_is(res))
		redirected(c, j, res);
	else
		settle(c, j, res);
	/* After settling: a robots.txt's Crawl-delay counts from itself. */
	hostq_done(c->q, host, hostq_clock_ms(), ok, retry_ms);
	if (crawlstate_host_release(c->cs, host, delay_ms) != 0)
		db_failed(c, RM_EDB);
	if (res->user)
		job_free(j);
	if (!ok && hostq_failures(c->q, host) >= CRAWL_HOST_FAILURES_MAX &&
	    hostq_drop(c->q, host, drop_job) > 0)
		emit(c, CRAWL_EVENT_WARN, NULL, 0,
		     "a host keeps failing; its pages wait for the next run",
		     0, 0);
}

/*
 * With crawls sharing the database, a host is asked by one of them at
 * a time and its delay holds across them: claim it for this request,
 * or give ITEM back to wait for it (lowering *WAIT_MS).
 */
static bool
claim_host(struct crawl *c, const char *host, void *item, long *wait_ms)
{
	long wait = 0;
	int rc;

	if (!crawlstate_shared(c->cs))
		return true;
	rc = crawlstate_host_claim(c->cs, host,
				   (long)c->set->timeout_ms + CRAWL_HOST_HOLD_MS,
				   &wait);
	if (!rc)
		return true;
	hostq_unget(c->q, host, item, hostq_clock_ms(),
		    rc == RM_ENOTFOUND ? wait : CRAWL_POLL_MS);
	if (rc != RM_ENOTFOUND)
		db_failed(c, rc);
	else if (wait < *wait_ms)
		*wait_ms = wait < 1 ? 1 : wait;
	return false;
}

/* Hand ready requests to the fetcher; *WAIT_MS: when to look again. */
static void
fill(struct crawl *c, long *wait_ms)
{
	size_t limit = (size_t)c->set->concurrency;
	size_t backlog_max = pool_workers(c->pool) * CRAWL_BACKLOG_PER_WORKER;
	struct fetch_request rq;
	char *why = NULL;

	*wait_ms = CRAWL_POLL_MS;
	while (c->in_flight < limit && c->backlog <= backlog_max &&
	       c->unwritten <= CRAWL_UNWRITTEN_MAX) {
		void *item = NULL;
		const char *host = NULL;
		long wait = 0;
		enum hostq_state hs;
		struct job *j;

		hs = hostq_next(c->q, hostq_clock_ms(), &item, &host, &wait);
		if (hs == HOSTQ_WAIT && wait < *wait_ms)
			*wait_ms = wait < 1 ? 1 : wait;
		if (hs != HOSTQ_READY)
			return;
		j = item;
		if (!claim_host(c, host, item, wait_ms))
			continue;
		memset(&rq, 0, sizeof(rq));
		rq.url = j->url;
		rq.etag = j->etag;
		rq.last_modified = j->last_modified;
		rq.min_retry_ms = host_delay_ms(j);
		rq.user = j;
		if (fetcher_submit(c->f, &rq, &why) != 0) {
			struct fetch_result res;

			/* Never sent: settle it as a refused fetch. */
			memset(&res, 0, sizeof(res));
			res.outcome = FETCH_REFUSED;
			res.error = RM_EINVAL;
			res.error_msg = why;
			res.retry_after_s = -1;
			res.user = j;
			fly(c, j);
			on_fetched(&res, c);
			free(why);
			why = NULL;
			continue;
		}
		fly(c, j);
	}
}

/* Take what the workers and the writer have finished; hand the writer
 * the next batch. */
static void
collect(struct crawl *c)
{
	void *arg, *result;

	while (pool_collect(c->pool, 0, &arg, &result) == 1) {
		c->backlog--;
		c->stats.extract_cpu_s += ((struct job *)arg)->extract_cpu_s;
		if (c->fatal)
			job_free(arg);
		else
			extracted(c, arg);
	}
	if (!c->writer)
		return;
	while (pool_collect(c->writer, 0, &arg, &result) == 1)
		written(c, result);
	flush(c);
}

/* Wait for the writer to finish what it has; write what is queued
 * unless the run failed. */
static void
write_all(struct crawl *c)
{
	void *arg, *result;

	for (;;) {
		flush(c);
		if (!c->writing)
			break;
		if (pool_collect(c->writer, -1, &arg, &result) == 1)
			written(c, result);
	}
	while (c->wfirst) {
		struct job *j = c->wfirst;

		c->wfirst = j->wnext;
		job_free(j);
	}
	c->wtail = &c->wfirst;
	c->unwritten = 0;
}

/* Read more of each source's frontier as its queued pages run low. */
static void
refill(struct crawl *c)
{
	for (size_t i = 0; i < c->nsrcs && !c->fatal; i++) {
		struct src *s = &c->srcs[i];

		if (s->loaded && !s->exhausted &&
		    s->queued < CRAWL_FRONTIER_BATCH / 2 &&
		    load_frontier(c, s) != 0)
			db_failed(c, RM_EDB);
	}
}

/*
 * A crawl sharing the database that has done all it found stays while
 * other crawls live: the pages they discover are work for it too.
 * True (with *WAIT_MS lowered) to go on, false to end the run.
 */
static bool
share_more(struct crawl *c, long *wait_ms)
{
	int64_t now = hostq_clock_ms();
	bool coming = false;

	if (!crawlstate_shared(c->cs))
		return false;
	if (now < c->repoll_ms) {
		if (c->repoll_ms - now < *wait_ms)
			*wait_ms = (long)(c->repoll_ms - now);
		return true;
	}
	c->repoll_ms = now + CRAWL_SHARED_REPOLL_MS;
	if (crawlstate_work_coming(c->cs, &coming) != 0) {
		db_failed(c, RM_EDB);
		return false;
	}
	if (!coming)
		return false;
	for (size_t i = 0; i < c->nsrcs; i++) {
		struct src *s = &c->srcs[i];

		if (s->loaded && s->budget > 0) {
			s->exhausted = false;
			s->pos = CRAWLSTATE_POS_START;
		}
	}
	if (CRAWL_SHARED_REPOLL_MS < *wait_ms)
		*wait_ms = CRAWL_SHARED_REPOLL_MS;
	return true;
}

/* A third of the lease between renewals: two may fail or come late. */
static void
renew_claims(struct crawl *c)
{
	int64_t now = hostq_clock_ms();

	if (!crawlstate_shared(c->cs) || now < c->renew_ms)
		return;
	c->renew_ms = now + crawlstate_lease(c->cs) * 1000 / 3;
	if (crawlstate_claims_renew(c->cs, now_s()) != 0)
		db_failed(c, RM_EDB);
}

static bool
finished(const struct crawl *c)
{
	if (c->in_flight || c->backlog || c->unwritten || c->parked ||
	    hostq_len(c->q) || c->dropped)
		return false;
	for (size_t i = 0; i < c->nsrcs; i++)
		if (!c->srcs[i].exhausted)
			return false;
	return true;
}

static void
progress(struct crawl *c)
{
	int64_t now = hostq_clock_ms();

	if (now - c->last_progress < CRAWL_POLL_MS)
		return;
	c->last_progress = now;
	emit(c, CRAWL_EVENT_PROGRESS, NULL, 0, NULL, 0, 0);
}

static int
run_loop(struct crawl *c)
{
	long wait_ms;
	int rc;

	while (!c->fatal) {
		collect(c);
		handle_dropped(c);
		refill(c);
		if (c->fatal)
			break;
		fill(c, &wait_ms);
		if (finished(c) && !share_more(c, &wait_ms))
			break;
		renew_claims(c);
		/* Pages waiting for a worker: come back soon (the pool's
		 * notify wakes the poll as each one is ready). */
		rc = fetcher_poll(c->f, (int)wait_ms, on_fetched, c);
		if (rc < 0) {
			c->fatal = RM_EIO;
			buf_printf(&c->err, "the fetcher failed");
		}
		progress(c);
	}
	return c->fatal;
}

/* ---- setup ---- */

void
crawl_fetch_settings(const struct settings *set, bool allow_private,
		     const char *const *resolve, struct fetch_settings *out)
{
	fetch_settings_default(out);
	out->user_agent = set->user_agent;
	out->connect_timeout_ms = (long)set->connect_timeout_ms;
	out->timeout_ms = (long)set->timeout_ms;
	out->low_speed_limit = (long)set->low_speed_limit;
	out->low_speed_time_s = (long)((set->low_speed_time_ms + 999) / 1000);
	out->max_body = (size_t)set->max_body;
	out->max_connections = (long)set->concurrency;
	out->max_attempts = (unsigned)set->retries + 1;
	out->allow_private = allow_private || set->allow_private;
	out->resolve = resolve;
	out->proxy = !set->proxy || !*set->proxy	 ? NULL
		     : strcmp(set->proxy, "none") == 0 ? ""
						       : set->proxy;
}

static bool
selected(const struct crawl_options *opt, const struct source *s)
{
	if (!opt->only)
		return s->enabled;
	for (size_t i = 0; opt->only[i]; i++)
		if (strcmp(opt->only[i], s->name) == 0)
			return true;
	return false;
}

static int
setup_sources(struct crawl *c)
{
	const struct crawl_options *opt = c->opt;
	const struct source_list *l = opt->sources;

	for (size_t i = 0; opt->only && opt->only[i]; i++)
		if (!sources_find(l, opt->only[i])) {
			buf_printf(&c->err, "no source called '%s'",
				   opt->only[i]);
			return RM_ECONFIG;
		}
	c->srcs = xcalloc(l->n + 1, sizeof(*c->srcs));
	for (size_t i = 0; i < l->n; i++) {
		struct src *s = &c->srcs[c->nsrcs];
		char *why = NULL;

		if (!selected(opt, l->v[i]))
			continue;
		s->s = l->v[i];
		s->budget = opt->max_pages > 0 ? opt->max_pages
					       : s->s->max_pages;
		s->every_s = (long)(s->s->every_ms / 1000);
		if (s->s->body && selector_parse(s->s->body, &s->body, &why)) {
			buf_printf(&c->err, "%s: body: %s", s->s->file,
				   why ? why : "bad selector");
			free(why);
			return RM_ECONFIG;
		}
		c->nsrcs++;
	}
	c->stats.sources = (long long)c->nsrcs;
	return 0;
}

static int
start_sources(struct crawl *c)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < c->nsrcs && !c->fatal; i++) {
		struct src *s = &c->srcs[i];

		/* Held at one so the source cannot load its frontier
		 * before all its start URLs are queued. */
		s->discovering = 1;
		for (size_t k = 0; !rc && k < s->s->start.n; k++)
			rc = queue_start(c, s, s->s->start.v[k], 0, 0, true);
		if (!rc)
			finish_start(c, s);
	}
	if (rc)
		db_failed(c, rc);
	return c->fatal;
}

static void
free_result(void *arg, void *result)
{
	(void)result;
	job_free(arg);
}

static void
free_batch(void *arg, void *result)
{
	(void)result;
	batch_free(arg);
}

static void
wake_fetcher(void *ctx)
{
	fetcher_wakeup(ctx);
}

static int
finish_run(struct crawl *c)
{
	int rc = 0;

	for (size_t i = 0; !rc && i < c->nsrcs; i++) {
		struct src *s = &c->srcs[i];

		if (s->c.failed || s->starts_failed)
			c->stats.failing_sources++;
		if (s->starts_failed && !s->starts_ok)
			c->stats.dead_sources++;
		rc = crawlstate_source_run(c->cs, c->stats.run_id, s->s->name,
					   &s->c, s->last_error);
	}
	if (!rc)
		rc = crawlstate_changed_rumors(c->cs, c->stats.run_id, NULL,
					       NULL, &c->stats.new_rumors,
					       &c->stats.changed_rumors);
	if (!rc)
		rc = crawlstate_claims_release(c->cs);
	if (!rc)
		rc = crawlstate_run_end(c->cs, c->stats.run_id, &c->stats.pages,
					c->stats.new_rumors,
					c->stats.changed_rumors);
	if (rc)
		db_failed(c, rc);
	return c->fatal;
}

static void
today(char out[DATE_STR_MAX])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	if (strftime(out, DATE_STR_MAX, "%Y-%m-%d", &tm) == 0)
		out[0] = '\0';
}

int
crawl_run(struct store *st, const struct crawl_options *opt,
	  struct crawl_stats *stats, char **err)
{
	struct crawl c;
	struct fetch_settings fs;
	char *ferr = NULL;
	double cpu0 = thread_cpu_s(), t0 = mono_s();
	int rc;

	memset(&c, 0, sizeof(c));
	c.wtail = &c.wfirst;
	c.opt = opt;
	c.set = opt->settings;
	c.st = st;
	buf_init(&c.err, CRAWL_ERR_MAX);
	today(c.today);
	rc = setup_sources(&c);
	if (rc)
		goto out;
	rc = crawlstate_open(st, &c.cs);
	if (rc) {
		buf_printf(&c.err, "database: %s", store_errmsg(st));
		goto out;
	}
	crawlstate_set_lease(c.cs, c.set->claim_lease_ms / 1000);
	rc = store_open_again(st, &c.wst, &ferr);
	if (!rc && (rc = crawlstate_open(c.wst, &c.wcs)) != 0)
		ferr = xstrdup(store_errmsg(c.wst));
	if (rc) {
		buf_printf(&c.err, "database: %s", ferr ? ferr : "?");
		goto out;
	}
	crawl_fetch_settings(c.set, opt->allow_private, opt->resolve, &fs);
	if (opt->retry_base_ms > 0)
		fs.retry_base_ms = opt->retry_base_ms;
	c.f = fetcher_new(&fs, &ferr);
	c.q = hostq_new(CRAWL_QUEUE_MAX);
	c.asked = urlset_new(CRAWL_URLS_MAX);
	c.pool = pool_new((unsigned)c.set->workers, 64);
	c.writer = pool_new(1, 2);
	if (!c.f || !c.pool || !c.writer) {
		buf_printf(&c.err, "%s", ferr ? ferr : "cannot start threads");
		rc = RM_EIO;
		goto out;
	}
	pool_set_notify(c.pool, wake_fetcher, c.f);
	c.stats.workers = pool_workers(c.pool);
	pool_set_notify(c.writer, wake_fetcher, c.f);
	rc = crawlstate_run_begin(c.cs, now_s(), &c.stats.run_id);
	if (rc) {
		buf_printf(&c.err, "database: %s", store_errmsg(st));
		goto out;
	}
	rc = start_sources(&c);
	if (!rc)
		rc = run_loop(&c);
	if (!rc)
		rc = finish_run(&c);
out:
	if (c.pool) {
		pool_drain(c.pool);
		collect(&c);
		pool_free(c.pool, free_result);
	}
	if (c.writer) {
		write_all(&c);
		pool_free(c.writer, free_batch);
	}
	if (rc) {
		/* After a failure nothing more is queued or written. */
		while (c.dropped) {
			struct job *j = c.dropped;

			c.dropped = j->next;
			job_free(j);
		}
	}
	handle_dropped(&c);
	fetcher_free(c.f); /* abandons what is still in flight */
	while (c.flying) {
		struct job *j = c.flying;

		c.flying = j->fnext;
		job_free(j);
	}
	for (size_t i = 0; i < c.norigins; i++) {
		struct job *j, *next;

		for (j = c.origins[i]->parked; j; j = next) {
			next = j->next;
			job_free(j);
		}
		origin_free(c.origins[i]);
	}
	free(c.origins);
	urlset_free(c.asked);
	if (c.q)
		hostq_free(c.q, job_free_item);
	for (size_t i = 0; i < c.nsrcs; i++) {
		selector_free(c.srcs[i].body);
		free(c.srcs[i].last_error);
	}
	free(c.srcs);
	crawlstate_close(c.cs);
	crawlstate_close(c.wcs);
	if (c.wst)
		c.stats.round_trips = store_round_trips(c.wst);
	store_close(c.wst);
	free(ferr);
	c.stats.fetch_cpu_s = thread_cpu_s() - cpu0;
	c.stats.wall_s = mono_s() - t0;
	if (stats)
		*stats = c.stats;
	if (rc && err)
		*err = xstrdup(c.err.len ? buf_str(&c.err) : rm_strerror(rc));
	buf_free(&c.err);
	return rc;
}
