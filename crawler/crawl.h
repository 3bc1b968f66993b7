/*
 * The crawl: one run over the configured sources, as `rumormill crawl`
 * does it from cron.
 *
 * For every source, its start URLs that are due (`every`, a feed's ttl
 * or the server's Cache-Control max-age, a failing URL's backoff) are
 * fetched with conditional GET, after the robots.txt of their origin.
 * What a start page lists (feed items, sitemap URLs with their lastmod,
 * index page links matching `follow` and not `skip`, the index's next
 * pages, a sitemap index's sitemaps) is queued in the frontier; then
 * the source's pending articles, newest first and within max_pages
 * (which counts every request of the source: start pages, sitemaps,
 * articles, redirect hops), are fetched politely (one request at a time per host, `delay` or a
 * longer robots.txt Crawl-delay apart), extracted on worker threads and
 * stored on this thread, each article together with its frontier row.
 *
 * A known article is fetched again only when its publisher dates it
 * after our last fetch, then conditionally; a body with the hash of the
 * last one is not parsed again.  A site's failures are recorded and
 * backed off, never fatal: crawl_run fails only when the database does
 * (or the options are wrong).
 *
 * State lives in the database (store/crawlstate.h), so a run killed at
 * any point loses nothing and the next run goes on from there.  The
 * caller makes sure only one crawl runs per database (cli/cmd_crawl.c
 * holds a lock file).
 */
#ifndef RM_CRAWL_H
#define RM_CRAWL_H

#include <stdbool.h>
#include <stddef.h>

#include "config/settings.h"
#include "crawler/fetch.h"
#include "config/sources.h"
#include "extract/lexicon.h"
#include "store/crawlstate.h"
#include "store/store.h"

/* Next pages of one HTML index followed in a run (rel=next). */
#define CRAWL_INDEX_PAGES_MAX 5
/* Sitemaps of one sitemap index read in a run. */
#define CRAWL_CHILD_SITEMAPS_MAX 50
/* A feed's ttl or a max-age defers a start URL at most this long. */
#define CRAWL_TTL_MAX_S (24 * 3600L)
/* Consecutive failures after which a host is left for the next run. */
#define CRAWL_HOST_FAILURES_MAX 4
/* Distinct origins (scheme, host, port) one run visits. */
#define CRAWL_ORIGINS_MAX 4096
/* Distinct URLs one run asks for (each at most once); past it, what is
 * left waits for the next run. */
#define CRAWL_URLS_MAX (1L << 21)

struct crawl_stats {
	long long run_id;
	struct crawlstate_counts pages; /* start pages and articles */
	long long robots;		/* robots.txt requests */
	long long new_rumors;		/* see crawlstate_changed_rumors */
	long long changed_rumors;
	long long sources;		/* sources visited */
	long long failing_sources;	/* ... with at least one failure */
	long long dead_sources;		/* ... none of whose start URLs
					   could be read */
	/* Where the time went, to tell which part held the run up. */
	double wall_s;
	double fetch_cpu_s;	/* the fetch loop's thread */
	double extract_cpu_s;	/* the extraction workers, together */
	unsigned workers;
	double store_cpu_s;	/* the writer thread */
	double store_busy_s;	/* ... the wall time it spent writing */
	long long batches;	/* the transactions it wrote them in */
	long long round_trips;	/* its waits for a database server */
};

enum crawl_event_kind {
	CRAWL_EVENT_FETCH,    /* a request finished */
	CRAWL_EVENT_WARN,     /* something about a source went wrong */
	CRAWL_EVENT_ERROR,    /* a source's start URL could not be read
				 (outcome: why) */
	CRAWL_EVENT_PROGRESS, /* a few times a second, with the totals */
};

struct crawl_event {
	enum crawl_event_kind kind;
	const char *source;	/* NULL for robots.txt */
	const char *what;	/* "robots", "start", "article" */
	const char *url;
	long status;		/* HTTP status, 0 for none */
	const char *outcome;	/* fetch_outcome_name or a message */
	long ms;		/* elapsed */
	size_t bytes;
	const struct crawl_stats *stats;
	size_t waiting;		/* requests queued or in flight */
};

struct crawl_options {
	const struct settings *settings;  /* rumormill.conf [crawl] */
	const struct source_list *sources;
	const struct lexicon *lexicon;
	/* Names of the sources to visit, NULL-terminated; NULL: every
	 * enabled source.  A named source is visited even if disabled. */
	const char *const *only;
	bool allow_private;	/* on top of settings->allow_private */
	bool revisit;		/* fetch start URLs now, due or not */
	const char *const *resolve; /* "host:port:addr", NULL-terminated */
	long long max_pages;	/* > 0: overrides every source's max_pages */
	long retry_base_ms;	/* > 0: first retry backoff (tests) */
	void (*on_event)(const struct crawl_event *ev, void *ctx);
	void *ctx;
};

/*
 * Run one crawl on ST.  *STATS (when not NULL) gets the totals, also
 * after a failure.  Returns 0 when the run went through (sites may have
 * failed); RM_ECONFIG for an unknown source name or a bad option;
 * RM_EDB when the database failed; RM_EIO when the fetcher or the
 * worker threads could not start.  *ERR (malloc'd, caller frees) says
 * why on failure.
 */
int crawl_run(struct store *st, const struct crawl_options *opt,
	      struct crawl_stats *stats, char **err);

/*
 * The fetcher settings a crawl uses: SETTINGS mapped onto libcurl's
 * limits, private addresses allowed when either says so.  Points into
 * SETTINGS and RESOLVE, which must outlive *OUT.
 */
void crawl_fetch_settings(const struct settings *settings,
			  bool allow_private, const char *const *resolve,
			  struct fetch_settings *out);

#endif
