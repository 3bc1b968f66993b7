/*
 * The crawl's memory, kept in the rumor database beside the articles so
 * that a run killed at any moment resumes where it stopped: the start
 * URLs of every source with their validators and schedule, the frontier
 * of article URLs, robots.txt per origin, and the record of every run.
 * The tables (crawl_starts, crawl_frontier, crawl_robots, crawl_runs,
 * crawl_source_runs) are described in docs/schema.md.
 *
 * Times are Unix seconds.  Every call that changes more than one row
 * does it in one transaction; in particular an article and the frontier
 * row that fetched it are written together (crawlstate_page_store), so
 * a kill leaves either both or neither.
 *
 * A struct crawlstate lives on a struct store and is used by the same
 * thread; close it before the store.
 */
#ifndef RM_CRAWLSTATE_H
#define RM_CRAWLSTATE_H

#include <stdbool.h>
#include <stddef.h>

#include "common/strvec.h"
#include "store/store.h"

/* Frontier rows a transient failure (5xx, timeout) may cost before the
 * URL is given up as failed; each later run tries once more. */
#define CRAWLSTATE_MAX_ATTEMPTS 3
/* Rumors listed by crawlstate_changed_rumors at most. */
#define CRAWLSTATE_REPORT_MAX 1000

struct crawlstate;

/*
 * Prepare the crawl statements on ST (whose schema store_open already
 * migrated).  A read-only store allows only the report functions
 * (crawlstate_changed_rumors, crawlstate_source_summary).  Returns 0 or
 * RM_EDB (message in store_errmsg(ST)).
 */
int crawlstate_open(struct store *st, struct crawlstate **out);
void crawlstate_close(struct crawlstate *cs);

/*
 * Crawls sharing one database (PostgreSQL) divide the work through it.
 * crawlstate_shared says whether CS's database is such a one; without
 * it the calls below succeed and claim nothing: a SQLite file has one
 * crawl at a time (the crawl's lock file).
 *
 * Frontier rows read by crawlstate_pending and start URLs taken with
 * crawlstate_start_claim are this crawl's for the lease (default
 * CRAWLSTATE_LEASE_DEFAULT_S; crawlstate_set_lease), after which a
 * crawl that died no longer holds them.  crawlstate_claims_release
 * hands back the rows this crawl claimed and did not finish.
 */
#define CRAWLSTATE_LEASE_DEFAULT_S 600
bool crawlstate_shared(const struct crawlstate *cs);
void crawlstate_set_lease(struct crawlstate *cs, long long seconds);
int crawlstate_claims_release(struct crawlstate *cs);
/*
 * Extend the lease on the rows this crawl claimed and has not fetched
 * yet to NOW plus the lease: a live crawl renews well within it, so
 * only a crawl that stopped renewing loses its rows to the others.
 */
int crawlstate_claims_renew(struct crawlstate *cs, long long now);
long long crawlstate_lease(const struct crawlstate *cs);
/* Whether other live crawls are still discovering or fetching pages
 * (claimed start URLs or frontier rows), in *COMING. */
int crawlstate_work_coming(struct crawlstate *cs, bool *coming);

/*
 * Claim HOST for one request, holding it HOLD_MS at most (the request's
 * time limit).  Returns 0 when claimed; RM_ENOTFOUND with *WAIT_MS when
 * another crawl holds it or its delay has not passed; or RM_EDB.
 * crawlstate_host_release ends the request: the host is free again
 * DELAY_MS later, for every crawl.
 */
int crawlstate_host_claim(struct crawlstate *cs, const char *host,
			  long hold_ms, long *wait_ms);
/* How soon to ask again for a host another crawl's request holds. */
#define CRAWLSTATE_HOST_BUSY_POLL_MS 25
int crawlstate_host_release(struct crawlstate *cs, const char *host,
			    long delay_ms);

/* Page counts of a run or of one source in it. */
struct crawlstate_counts {
	long long fetched;	/* responses with a body (2xx) */
	long long not_modified; /* 304 to a conditional request */
	long long unchanged;	/* 2xx with the same body as last time */
	long long failed;	/* errors, timeouts, 4xx/5xx */
	long long skipped;	/* robots.txt, not HTML, deferred */
	long long stored;	/* articles written (new or changed) */
};

/*
 * Begin a run at NOW: runs left 'running' by a killed process become
 * 'interrupted', a new 'running' row is made.  *RUN_ID is set.
 */
int crawlstate_run_begin(struct crawlstate *cs, long long now,
			 long long *run_id);

/*
 * Finish RUN_ID with its totals; NEW_RUMORS and CHANGED_RUMORS are what
 * crawlstate_changed_rumors found.  Records the highest rumor id, which
 * tells the next run's report which rumors are new.
 */
int crawlstate_run_end(struct crawlstate *cs, long long run_id,
		       const struct crawlstate_counts *c, long long new_rumors,
		       long long changed_rumors);

/* Record one source's counts in RUN_ID; LAST_ERROR may be NULL. */
int crawlstate_source_run(struct crawlstate *cs, long long run_id,
			  const char *source,
			  const struct crawlstate_counts *c,
			  const char *last_error);

/* A start URL of a source, or a page found on one (a sitemap named by a
 * sitemap index, the next page of an index).  Strings are malloc'd. */
struct crawlstate_start {
	long long id;
	char *url;
	char *kind;	/* "rss", "sitemap", "html", ... or "" if unknown */
	char *etag;	/* validators of the last 200, or NULL */
	char *last_modified;
	long long last_fetched; /* 0: never */
	long long next_due;	/* fetch again at or after this */
	long failures;		/* consecutive */
};
void crawlstate_start_clear(struct crawlstate_start *s);

/*
 * The row of SOURCE's start URL URL, created (due at once) when new.
 * PARENT_ID is the start row it was found on, 0 for the source file's
 * own.  *OUT is filled; free with crawlstate_start_clear.
 */
int crawlstate_start_get(struct crawlstate *cs, const char *source,
			 const char *url, long long parent_id,
			 struct crawlstate_start *out);

/*
 * Claim start row ROW (as read by crawlstate_start_get) for the lease
 * and SLACK seconds more (how early the crawl takes a row as due): 0
 * when this crawl has it, RM_ENOTFOUND when another crawl took it
 * since, or RM_EDB.
 */
int crawlstate_start_claim(struct crawlstate *cs,
			   const struct crawlstate_start *row, long long now,
			   long long slack);

/*
 * The start rows found on start row PARENT_ID (a sitemap index's
 * sitemaps, an index's next page), oldest first, at most LIMIT: URLs
 * appended to *OUT.  For revisiting them when their parent has not
 * changed.
 */
int crawlstate_start_children(struct crawlstate *cs, long long parent_id,
			      long limit, struct strvec *out);

/* A URL found on a start page, with the date its publisher last changed
 * it (sitemap lastmod, feed item date), -1 when not said. */
struct crawlstate_link {
	const char *url;
	long long lastmod;
};

/* What became of one fetch, for a start row or a frontier row. */
struct crawlstate_result {
	long long id;
	long long now;
	long status;		   /* HTTP status, 0 for none */
	const char *etag;	   /* new validators (200), else NULL: keep */
	const char *last_modified;
	const char *error;	   /* NULL when the fetch succeeded */
	/* start rows: */
	const char *kind;	   /* NULL: keep */
	long long next_due;
	bool failed;		   /* counts towards failures */
	/* frontier rows: */
	const char *state;	   /* "pending", "done", "failed", "skipped" */
	bool attempt;		   /* counts as an attempt (transient error) */
	const char *body_hash;	   /* NULL: keep */
	const char *redirect_url;  /* where permanent redirects led from
				      the row's URL; NULL: none (cleared) */
};

/*
 * Record a start URL's fetch (R->id is its row) and queue the N LINKS
 * found on it as SOURCE's articles, in one transaction.  A new URL
 * becomes 'pending'; a known one goes back to 'pending' only when its
 * lastmod is newer than its last fetch (the publisher says it changed).
 * FOUND_ON is the page they were found on.  Returns 0 or RM_EDB.
 */
int crawlstate_start_done(struct crawlstate *cs,
			  const struct crawlstate_result *r,
			  const char *source, const char *found_on,
			  const struct crawlstate_link *links, size_t n);

/* A frontier row to fetch; strings are owned by the callback's caller. */
struct crawlstate_page {
	long long id;
	const char *url;
	const char *etag;	   /* NULL when never fetched */
	const char *last_modified;
	const char *body_hash;
	long attempts;
	bool known;		   /* fetched before: refetch is conditional */
	const char *redirect_url;  /* NULL, or where permanent redirects led
				      last time: fetch that instead */
};

/*
 * Where a walk over a source's pending rows has got to, so that a crawl
 * reads its frontier a batch at a time: memory follows the batch, not
 * the backlog.  Start from CRAWLSTATE_POS_START.
 */
struct crawlstate_pos {
	long long undated;	/* the row's lastmod is NULL (1) or not (0) */
	long long age;		/* -lastmod, 0 when undated */
	long long id;
};
#define CRAWLSTATE_POS_START ((struct crawlstate_pos){ -1, 0, 0 })

/*
 * Call CB for SOURCE's pending frontier rows after *POS, newest lastmod
 * first, at most LIMIT of them, and move *POS past the last one.  A
 * non-zero return from CB stops and is returned.  *N (may be NULL) is
 * set to the rows read.
 */
int crawlstate_pending(struct crawlstate *cs, const char *source, long limit,
		       struct crawlstate_pos *pos, long *n,
		       int (*cb)(const struct crawlstate_page *p, void *arg),
		       void *arg);

/*
 * A batch: the page writes until crawlstate_batch_end are one
 * transaction, each page in a savepoint of its own (a page refused
 * with RM_EINVAL leaves the others), and the rumors they touch are
 * settled once, at the end.  A crawl that stores pages as fast as its
 * workers extract them saves a commit and a re-scoring per page.
 * batch_end commits when COMMIT is true (settling first), else rolls
 * the whole batch back.  Both return 0 or RM_EDB.
 */
int crawlstate_batch_begin(struct crawlstate *cs);
int crawlstate_batch_end(struct crawlstate *cs, bool commit);

/* Record a frontier fetch that stored nothing (R->id is its row). */
int crawlstate_page_done(struct crawlstate *cs,
			 const struct crawlstate_result *r);

/*
 * Store article A (extracted from frontier row R->id) and mark the row,
 * in one transaction, as part of RUN_ID.  When A->url differs from the
 * row's URL (a redirect or <link rel=canonical>), a pending row for
 * A->url is settled too, so one article is not fetched twice.  An
 * article already stored with the same words is left as it is (only
 * the row is updated) and *SAME set.  Returns 0, RM_EINVAL (the article
 * was refused; the row is marked failed with the reason) or RM_EDB.
 */
int crawlstate_page_store(struct crawlstate *cs,
			  const struct crawlstate_result *r,
			  const struct store_article *a, long long run_id,
			  bool *same);

/*
 * The cached robots.txt of ORIGIN ("https://host:port") unless expired
 * at NOW: 0 with *STATUS (0: unreachable) and *BODY (malloc'd, may be
 * NULL) and *LEN, or RM_ENOTFOUND.
 */
int crawlstate_robots_get(struct crawlstate *cs, const char *origin,
			  long long now, long *status, char **body,
			  size_t *len);

/* Cache ORIGIN's robots.txt answer until EXPIRES. */
int crawlstate_robots_put(struct crawlstate *cs, const char *origin,
			  long status, const char *body, size_t len,
			  long long now, long long expires);

/* A rumor the last runs added to or changed. */
struct crawlstate_rumor {
	const char *device;
	const char *attribute;
	const char *value;
	const char *qualifier; /* "" when none */
	long sources;
	const char *first_seen, *last_seen;
	bool is_new;	       /* did not exist before */
};

/*
 * Call CB (at most CRAWLSTATE_REPORT_MAX times, new rumors first) for
 * every rumor with evidence from an article stored since the last run
 * that finished before RUN_ID, this one included, so rumors a killed
 * run found are reported by the next.  *N_NEW and *N_CHANGED (when not
 * NULL) count all of them, listed or not.
 */
int crawlstate_changed_rumors(struct crawlstate *cs, long long run_id,
			      int (*cb)(const struct crawlstate_rumor *r,
					void *arg),
			      void *arg, long long *n_new,
			      long long *n_changed);

/* What `sources list` shows for one source. */
struct crawlstate_source_summary {
	char last_run[32];	/* "YYYY-MM-DDTHH:MM:SSZ", "" for never */
	struct crawlstate_counts last; /* that run's counts */
	char *last_error;	/* malloc'd or NULL */
	long long articles;	/* stored in all */
	long long rumors;	/* rumors with evidence from the source */
	long long pending;	/* frontier rows waiting */
	long long next_due;	/* earliest due start URL; 0: now/unknown */
};

/* Fill *OUT for SOURCE; free out->last_error. */
int crawlstate_source_summary(struct crawlstate *cs, const char *source,
			      struct crawlstate_source_summary *out);

#endif
