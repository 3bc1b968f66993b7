/*
 * Crawl state in the rumor database: start URLs, frontier, robots.txt
 * cache and runs.  Statements are prepared once per handle; every write
 * of more than one row is one transaction.
 */
#include "store/crawlstate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/errors.h"
#include "common/xalloc.h"
#include "store/store_priv.h"

enum cs_stmt {
	CS_BEGIN,
	CS_COMMIT,
	CS_ROLLBACK,
	CS_SAVEPOINT,
	CS_RELEASE,
	CS_ROLLBACK_TO,
	CS_RUN_INTERRUPT,
	CS_RUN_INSERT,
	CS_RUN_END,
	CS_SOURCE_RUN,
	CS_START_INSERT,
	CS_START_UPDATE,
	CS_LINK_UPSERT,
	CS_PAGE_UPDATE,
	CS_ALIAS_SETTLE,
	CS_ROBOTS_PUT,
	CS_WRITE_END, /* below: statements a read-only handle prepares too */
	CS_START_GET = CS_WRITE_END,
	CS_START_CHILDREN,
	CS_PENDING,
	CS_ROBOTS_GET,
	CS_PREV_RUN,
	CS_CHANGED,
	CS_SUMMARY_RUN,
	CS_SUMMARY_COUNTS,
	CS_COUNT
};

/* 1 for a frontier row its publisher gave no date, else 0: an integer,
 * for comparing as a row value with a bound one in either dialect. */
#define UNDATED "(CASE WHEN lastmod IS NULL THEN 1 ELSE 0 END)"
#define ISO_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

static const char *const cs_sql[CS_COUNT] = {
	[CS_BEGIN] = "BEGIN IMMEDIATE",
	[CS_COMMIT] = "COMMIT",
	[CS_ROLLBACK] = "ROLLBACK",
	[CS_SAVEPOINT] = "SAVEPOINT page",
	[CS_RELEASE] = "RELEASE page",
	[CS_ROLLBACK_TO] = "ROLLBACK TO page",
	[CS_RUN_INTERRUPT] = "UPDATE crawl_runs SET state = 'interrupted'"
			     " WHERE state = 'running'",
	[CS_RUN_INSERT] =
		"INSERT INTO crawl_runs(started) VALUES"
		" (strftime('%Y-%m-%dT%H:%M:%SZ', ?1, 'unixepoch'))"
		" RETURNING id",
	[CS_RUN_END] =
		"UPDATE crawl_runs SET finished = " ISO_NOW ", state = 'done',"
		" fetched = ?2, not_modified = ?3, unchanged = ?4,"
		" failed = ?5, skipped = ?6, stored = ?7, new_rumors = ?8,"
		" changed_rumors = ?9,"
		" rumor_max_id = (SELECT coalesce(max(id), 0) FROM rumors)"
		" WHERE id = ?1",
	[CS_SOURCE_RUN] =
		"INSERT INTO crawl_source_runs(run_id, source,"
		" fetched, not_modified, unchanged, failed, skipped, stored,"
		" last_error) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
		" ON CONFLICT(run_id, source) DO UPDATE SET"
		" fetched = excluded.fetched,"
		" not_modified = excluded.not_modified,"
		" unchanged = excluded.unchanged, failed = excluded.failed,"
		" skipped = excluded.skipped, stored = excluded.stored,"
		" last_error = excluded.last_error",
	[CS_START_INSERT] =
		"INSERT INTO crawl_starts(source, url, parent_id)"
		" VALUES (?1, ?2, ?3) ON CONFLICT(source, url) DO NOTHING",
	/* Validators change only with a 2xx; a 304 or an error keeps them. */
	[CS_START_UPDATE] =
		"UPDATE crawl_starts SET last_fetched = ?2, last_status = ?3,"
		" etag = CASE WHEN ?3 BETWEEN 200 AND 299 THEN ?4 ELSE etag END,"
		" last_modified = CASE WHEN ?3 BETWEEN 200 AND 299 THEN ?5"
		"  ELSE last_modified END,"
		" last_error = ?6, kind = coalesce(?7, kind), next_due = ?8,"
		" failures = CASE WHEN ?9 <> 0 THEN failures + 1 ELSE 0 END,"
		" claimed_by = NULL"
		" WHERE id = ?1",
	/*
	 * A known URL is fetched again only when its publisher dates it
	 * after our last fetch.  SET expressions all see the old row.
	 */
	[CS_LINK_UPSERT] =
		"INSERT INTO crawl_frontier AS f(url, source, found_on, lastmod,"
		" added)"
		" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(url) DO UPDATE SET"
		" lastmod = max(coalesce(f.lastmod, excluded.lastmod),"
		"  coalesce(excluded.lastmod, f.lastmod)),"
		" state = CASE WHEN f.state IN ('done', 'failed') AND"
		"  excluded.lastmod > coalesce(f.last_fetched, 0)"
		"  THEN 'pending' ELSE f.state END,"
		" attempts = CASE WHEN f.state IN ('done', 'failed') AND"
		"  excluded.lastmod > coalesce(f.last_fetched, 0)"
		"  THEN 0 ELSE f.attempts END",
	[CS_PAGE_UPDATE] =
		"UPDATE crawl_frontier SET state = ?2, last_fetched = ?3,"
		" last_status = ?4, last_error = ?5,"
		" attempts = CASE WHEN ?6 <> 0 THEN attempts + 1 ELSE 0 END,"
		" etag = CASE WHEN ?4 BETWEEN 200 AND 299 THEN ?7 ELSE etag END,"
		" last_modified = CASE WHEN ?4 BETWEEN 200 AND 299 THEN ?8"
		"  ELSE last_modified END,"
		" body_hash = coalesce(?9, body_hash),"
		" article_url = coalesce(?10, article_url),"
		" stored_run = coalesce(?11, stored_run),"
		" redirect_url = ?12, claimed_until = NULL, claimed_by = NULL"
		" WHERE id = ?1",
	[CS_ALIAS_SETTLE] =
		"INSERT INTO crawl_frontier(url, source, found_on, added, state,"
		" last_fetched, last_status, article_url)"
		" VALUES (?1, ?2, ?3, ?4, 'done', ?4, ?5, ?1)"
		" ON CONFLICT(url) DO UPDATE SET state = 'done',"
		" last_fetched = excluded.last_fetched,"
		" article_url = excluded.article_url"
		" WHERE crawl_frontier.state = 'pending'",
	[CS_ROBOTS_PUT] =
		"INSERT INTO crawl_robots(origin, status, body,"
		" fetched, expires) VALUES (?1, ?2, ?3, ?4, ?5)"
		" ON CONFLICT(origin) DO UPDATE SET status = excluded.status,"
		" body = excluded.body, fetched = excluded.fetched,"
		" expires = excluded.expires",
	[CS_START_GET] =
		"SELECT id, kind, etag, last_modified, coalesce(last_fetched, 0),"
		" next_due, failures FROM crawl_starts"
		" WHERE source = ?1 AND url = ?2",
	[CS_START_CHILDREN] = "SELECT url FROM crawl_starts WHERE parent_id = ?1"
			      " ORDER BY id LIMIT ?2",
	[CS_PENDING] =
		"SELECT id, url, etag, last_modified, body_hash, attempts,"
		" redirect_url, " UNDATED ", -coalesce(lastmod, 0)"
		" FROM crawl_frontier WHERE source = ?1 AND state = 'pending'"
		" AND (" UNDATED ", -coalesce(lastmod, 0), id) > (?3, ?4, ?5)"
		" ORDER BY " UNDATED ", -coalesce(lastmod, 0), id LIMIT ?2",
	[CS_ROBOTS_GET] = "SELECT status, body FROM crawl_robots"
			  " WHERE origin = ?1 AND expires > ?2",
	[CS_PREV_RUN] =
		"SELECT id, coalesce(rumor_max_id, 0) FROM crawl_runs"
		" WHERE state = 'done' AND id < ?1 ORDER BY id DESC LIMIT 1",
	[CS_CHANGED] =
		"SELECT d.name, r.attribute, r.value, r.qualifier, r.sources,"
		" r.first_seen, r.last_seen, r.id > ?2"
		" FROM rumors r JOIN entities d ON d.id = r.subject_id"
		" WHERE r.id IN (SELECT e.rumor_id FROM crawl_frontier f"
		"  JOIN articles a ON a.url = f.article_url"
		"  JOIN evidence e ON e.article_id = a.id"
		"  WHERE f.stored_run > ?1)"
		" ORDER BY r.id > ?2 DESC, d.name, r.attribute, r.value",
	[CS_SUMMARY_RUN] =
		"SELECT r.started, s.fetched, s.not_modified, s.unchanged,"
		" s.failed, s.skipped, s.stored, s.last_error"
		" FROM crawl_source_runs s JOIN crawl_runs r ON r.id = s.run_id"
		" WHERE s.source = ?1 ORDER BY s.run_id DESC LIMIT 1",
	[CS_SUMMARY_COUNTS] =
		"SELECT (SELECT count(*) FROM articles a JOIN sources s"
		"  ON s.id = a.source_id WHERE s.name = ?1),"
		" (SELECT count(DISTINCT e.rumor_id) FROM evidence e"
		"  JOIN articles a ON a.id = e.article_id"
		"  JOIN sources s ON s.id = a.source_id WHERE s.name = ?1),"
		" (SELECT count(*) FROM crawl_frontier"
		"  WHERE source = ?1 AND state = 'pending'),"
		" (SELECT coalesce(min(next_due), 0) FROM crawl_starts"
		"  WHERE source = ?1 AND parent_id IS NULL)",
};

/*
 * A PostgreSQL database may be shared by crawls on several machines;
 * these statements divide the work between them.  A crawl claims what
 * it is about to fetch (frontier rows, start URLs, a host for one
 * request) in the name of its run; a run holds an advisory lock on its
 * own id while its crawl lives, so a claim whose run's lock is free is
 * a dead crawl's, and is taken over at once (a claim also expires after
 * claim_lease, should a crawl's connection hang on).  A host, once its
 * request is done, stays claimed by nobody until its delay has passed,
 * on the server's clock: the delay holds across crawls.
 */
enum cs_shared_stmt {
	CSS_RUN_INTERRUPT,
	CSS_RUN_HOLD,
	CSS_PENDING_CLAIM,
	CSS_START_CLAIM,
	CSS_CLAIMS_RELEASE,
	CSS_CLAIMS_RENEW,
	CSS_STARTS_RELEASE,
	CSS_HOST_CLAIM,
	CSS_HOST_WAIT,
	CSS_HOST_RELEASE,
	CSS_WORK_COMING,
	CSS_COUNT
};

#define SERVER_MS "floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint"
/* Rounded up where a delay starts, so that it is never cut short. */
#define SERVER_MS_UP "ceil(extract(epoch FROM clock_timestamp()) * 1000)::bigint"
#define CLAIMED_UNDATED "(CASE WHEN f.lastmod IS NULL THEN 1 ELSE 0 END)"
/* Run R's crawl is dead: nobody holds its lock (not this statement's
 * own run, whose lock this session holds). */
#define DEAD(R) "pg_try_advisory_xact_lock(-" R ")"

static const char *const css_sql[CSS_COUNT] = {
	[CSS_RUN_INTERRUPT] =
		"UPDATE crawl_runs SET state = 'interrupted'"
		" WHERE state = 'running' AND " DEAD("id"),
	[CSS_RUN_HOLD] = "SELECT pg_advisory_lock(-?1)",
	/* ?6 claimed until, ?7 this run, ?8 now, ?9 the run's start: a
	 * row tried in this round is not tried again in it. */
	[CSS_PENDING_CLAIM] =
		"WITH c AS (UPDATE crawl_frontier f"
		" SET claimed_until = ?6, claimed_by = ?7"
		" WHERE f.id IN (SELECT id FROM crawl_frontier"
		"  WHERE source = ?1 AND state = 'pending'"
		"  AND coalesce(last_fetched, 0) < ?9"
		"  AND (claimed_by IS NULL OR (claimed_by <> ?7"
		"   AND (claimed_until < ?8 OR " DEAD("claimed_by") ")))"
		"  AND (" UNDATED ", -coalesce(lastmod, 0), id) > (?3, ?4, ?5)"
		"  ORDER BY " UNDATED ", -coalesce(lastmod, 0), id LIMIT ?2"
		"  FOR UPDATE SKIP LOCKED)"
		" RETURNING f.id, f.url, f.etag, f.last_modified, f.body_hash,"
		" f.attempts, f.redirect_url, " CLAIMED_UNDATED " AS undated,"
		" -coalesce(f.lastmod, 0) AS age)"
		" SELECT * FROM c ORDER BY undated, age, id",
	/* Compare and set: only the crawl that saw ?2 gets it. */
	[CSS_START_CLAIM] = "UPDATE crawl_starts SET next_due = ?3,"
			    " claimed_by = ?4 WHERE id = ?1 AND next_due = ?2",
	[CSS_CLAIMS_RELEASE] =
		"UPDATE crawl_frontier SET claimed_until = NULL,"
		" claimed_by = NULL WHERE claimed_by = ?1",
	/* SKIP LOCKED: a row this crawl's writer is writing (in its
	 * batch's transaction) gives its claim up as it is written; waiting
	 * for it while holding the rows renewed so far could deadlock with
	 * that writer. */
	[CSS_CLAIMS_RENEW] =
		"UPDATE crawl_frontier SET claimed_until = ?2"
		" WHERE id IN (SELECT id FROM crawl_frontier"
		"  WHERE claimed_by = ?1 AND state = 'pending'"
		"  FOR UPDATE SKIP LOCKED)",
	[CSS_STARTS_RELEASE] =
		"UPDATE crawl_starts SET claimed_by = NULL WHERE claimed_by = ?1",
	/* ?2 how long the request may hold the host, ?3 this run. */
	[CSS_HOST_CLAIM] =
		"INSERT INTO crawl_hosts AS h(host, next_at, holder)"
		" VALUES (?1, " SERVER_MS " + ?2, ?3)"
		" ON CONFLICT(host) DO UPDATE SET next_at = excluded.next_at,"
		" holder = excluded.holder WHERE h.next_at <= " SERVER_MS
		" OR (h.holder <> ?3 AND " DEAD("h.holder") ")"
		" RETURNING 0",
	/* -1 while another crawl's request holds the host: its end, not
	 * the hold's limit, frees it. */
	[CSS_HOST_WAIT] = "SELECT CASE WHEN holder IS NULL"
			  " THEN next_at - " SERVER_MS " ELSE -1 END"
			  " FROM crawl_hosts WHERE host = ?1",
	[CSS_HOST_RELEASE] = "UPDATE crawl_hosts SET next_at = " SERVER_MS_UP
			     " + ?2, holder = NULL WHERE host = ?1"
			     " AND holder = ?3",
	/* Live crawls still discovering pages or fetching claimed ones. */
	[CSS_WORK_COMING] =
		"SELECT EXISTS (SELECT 1 FROM crawl_starts"
		"  WHERE claimed_by IS NOT NULL AND claimed_by <> ?1"
		"  AND NOT " DEAD("claimed_by") ")"
		" OR EXISTS (SELECT 1 FROM crawl_frontier"
		"  WHERE state = 'pending' AND claimed_by IS NOT NULL"
		"  AND claimed_by <> ?1 AND NOT " DEAD("claimed_by") ")",
};

struct crawlstate {
	struct store *st;
	struct db_stmt *stmt[CS_COUNT];
	bool in_batch;	/* crawlstate_batch_begin: writes nest in it */
	/* A database shared with other crawls (PostgreSQL): */
	struct db_stmt *shared[CSS_COUNT];
	long long run_id;	/* claims are made in its name */
	long long run_start;	/* its start, Unix seconds */
	long long lease_s;
};

int
crawlstate_open(struct store *st, struct crawlstate **out)
{
	struct crawlstate *cs = xcalloc(1, sizeof(*cs));
	int first = (st->flags & STORE_READONLY) ? CS_WRITE_END : 0;

	cs->st = st;
	cs->lease_s = CRAWLSTATE_LEASE_DEFAULT_S;
	for (int i = first; i < CS_COUNT; i++) {
		int rc = store_prepare(st, cs_sql[i], &cs->stmt[i]);

		if (rc) {
			crawlstate_close(cs);
			return rc;
		}
	}
	if (db_kind(st->db) == DB_POSTGRESQL && !(st->flags & STORE_READONLY)) {
		for (int i = 0; i < CSS_COUNT; i++) {
			int rc = store_prepare(st, css_sql[i], &cs->shared[i]);

			if (rc) {
				crawlstate_close(cs);
				return rc;
			}
		}
	}
	*out = cs;
	return 0;
}

bool
crawlstate_shared(const struct crawlstate *cs)
{
	return cs->shared[0] != NULL;
}

void
crawlstate_set_lease(struct crawlstate *cs, long long seconds)
{
	if (seconds > 0)
		cs->lease_s = seconds;
}

int
crawlstate_start_claim(struct crawlstate *cs,
		       const struct crawlstate_start *row, long long now,
		       long long slack)
{
	struct db_stmt *s = cs->shared[CSS_START_CLAIM];
	int rc;

	if (!s)
		return 0;
	db_bind_int64(s, 1, row->id);
	db_bind_int64(s, 2, row->next_due);
	db_bind_int64(s, 3, now + cs->lease_s + slack);
	db_bind_int64(s, 4, cs->run_id);
	rc = store_exec_stmt(cs->st, s, "claiming a start URL");
	if (!rc && db_changes(cs->st->db) == 0)
		rc = RM_ENOTFOUND;
	return rc;
}

int
crawlstate_host_claim(struct crawlstate *cs, const char *host, long hold_ms,
		      long *wait_ms)
{
	struct db_stmt *s = cs->shared[CSS_HOST_CLAIM];
	long long wait = 1;
	int rc;

	*wait_ms = 0;
	if (!s)
		return 0;
	store_bind_text(s, 1, host);
	db_bind_int64(s, 2, hold_ms);
	db_bind_int64(s, 3, cs->run_id);
	rc = store_lookup_int(cs->st, s, "claiming a host", &wait);
	if (rc != RM_ENOTFOUND)
		return rc;
	s = cs->shared[CSS_HOST_WAIT];
	store_bind_text(s, 1, host);
	rc = store_lookup_int(cs->st, s, "reading a host's claim", &wait);
	if (rc && rc != RM_ENOTFOUND)
		return rc;
	if (wait < 0)
		wait = CRAWLSTATE_HOST_BUSY_POLL_MS;
	*wait_ms = wait > 0 ? (long)wait : 1;
	return RM_ENOTFOUND;
}

int
crawlstate_host_release(struct crawlstate *cs, const char *host,
			long delay_ms)
{
	struct db_stmt *s = cs->shared[CSS_HOST_RELEASE];

	if (!s)
		return 0;
	store_bind_text(s, 1, host);
	db_bind_int64(s, 2, delay_ms);
	db_bind_int64(s, 3, cs->run_id);
	return store_exec_stmt(cs->st, s, "releasing a host");
}

int
crawlstate_work_coming(struct crawlstate *cs, bool *coming)
{
	struct db_stmt *s = cs->shared[CSS_WORK_COMING];
	long long n = 0;
	int rc;

	*coming = false;
	if (!s)
		return 0;
	db_bind_int64(s, 1, cs->run_id);
	rc = store_lookup_int(cs->st, s, "looking for other crawls' work", &n);
	*coming = n != 0;
	return rc;
}

int
crawlstate_claims_renew(struct crawlstate *cs, long long now)
{
	struct db_stmt *s = cs->shared[CSS_CLAIMS_RENEW];

	if (!s)
		return 0;
	db_bind_int64(s, 1, cs->run_id);
	db_bind_int64(s, 2, now + cs->lease_s);
	return store_exec_stmt(cs->st, s, "renewing claimed URLs");
}

long long
crawlstate_lease(const struct crawlstate *cs)
{
	return cs->lease_s;
}

int
crawlstate_claims_release(struct crawlstate *cs)
{
	struct db_stmt *s = cs->shared[CSS_CLAIMS_RELEASE];
	int rc;

	if (!s)
		return 0;
	db_bind_int64(s, 1, cs->run_id);
	rc = store_exec_stmt(cs->st, s, "releasing claimed URLs");
	if (rc)
		return rc;
	s = cs->shared[CSS_STARTS_RELEASE];
	db_bind_int64(s, 1, cs->run_id);
	return store_exec_stmt(cs->st, s, "releasing claimed start URLs");
}

void
crawlstate_close(struct crawlstate *cs)
{
	if (!cs)
		return;
	for (int i = 0; i < CS_COUNT; i++)
		db_finalize(cs->stmt[i]);
	for (int i = 0; i < CSS_COUNT; i++)
		db_finalize(cs->shared[i]);
	free(cs);
}

/* The statement WHICH, refused on a read-only handle. */
static struct db_stmt *
stmt(struct crawlstate *cs, enum cs_stmt which)
{
	if (!cs->stmt[which])
		store_fail(cs->st, RM_EINVAL, "the database is open read-only");
	return cs->stmt[which];
}

static int
exec(struct crawlstate *cs, struct db_stmt *s, const char *what)
{
	if (!s)
		return RM_EINVAL;
	return store_exec_stmt(cs->st, s, what);
}

static int
begin(struct crawlstate *cs)
{
	if (cs->in_batch)
		return exec(cs, stmt(cs, CS_SAVEPOINT), "starting a savepoint");
	return exec(cs, stmt(cs, CS_BEGIN), "starting a transaction");
}

/* Step S and reset it; not exec: the first failure's message stays. */
static void
step_quietly(struct db_stmt *s)
{
	db_step(s);
	db_reset(s);
}

/* Commit when RC is 0, else roll back; returns the first failure.  In
 * a batch, the same for the savepoint begin() opened. */
static int
finish(struct crawlstate *cs, int rc)
{
	if (cs->in_batch) {
		if (!rc)
			return exec(cs, cs->stmt[CS_RELEASE],
				    "releasing a savepoint");
		step_quietly(cs->stmt[CS_ROLLBACK_TO]);
		step_quietly(cs->stmt[CS_RELEASE]);
		/* What the savepoint wrote is gone, its entities too. */
		memo_clear(cs->st);
		return rc;
	}
	if (!rc)
		rc = exec(cs, cs->stmt[CS_COMMIT], "committing");
	if (rc)
		step_quietly(cs->stmt[CS_ROLLBACK]);
	return rc;
}

int
crawlstate_batch_begin(struct crawlstate *cs)
{
	int rc = begin(cs);

	cs->in_batch = rc == 0;
	if (!rc)
		memo_start(cs->st);
	/* PostgreSQL: the batch's inserts go without a round trip each. */
	if (!rc && db_pipeline(cs->st->db, true) != DB_OK)
		rc = store_fail_db(cs->st, "starting a batch");
	return rc;
}

int
crawlstate_batch_end(struct crawlstate *cs, bool commit)
{
	int rc = 0;

	if (!cs->in_batch)
		return 0;
	cs->in_batch = false;
	memo_end(cs->st);
	if (commit)
		rc = score_settle(cs->st);
	if (db_pipeline(cs->st->db, false) != DB_OK && !rc)
		rc = store_fail_db(cs->st, "writing a batch");
	rc = finish(cs, commit ? rc : RM_EDB);
	if (!rc)
		store_refresh_stats(cs->st);
	return rc;
}

static void
bind_opt_int(struct db_stmt *s, int idx, long long v, bool present)
{
	if (present)
		db_bind_int64(s, idx, v);
	else
		db_bind_null(s, idx);
}

static const char *
col_text(struct db_stmt *s, int i)
{
	const char *t = (const char *)db_column_text(s, i);

	return t ? t : "";
}

static char *
col_dup(struct db_stmt *s, int i)
{
	const char *t = (const char *)db_column_text(s, i);

	return t ? xstrdup(t) : NULL;
}

int
crawlstate_run_begin(struct crawlstate *cs, long long now, long long *run_id)
{
	struct db_stmt *s;
	int rc;

	rc = begin(cs);
	if (!rc)
		rc = exec(cs, crawlstate_shared(cs) ? cs->shared[CSS_RUN_INTERRUPT]
						    : stmt(cs, CS_RUN_INTERRUPT),
			  "closing old runs");
	if (!rc) {
		s = cs->stmt[CS_RUN_INSERT];
		db_bind_int64(s, 1, now);
		if (db_step(s) == DB_ROW)
			*run_id = db_column_int64(s, 0);
		else
			rc = store_fail_db(cs->st, "recording the run");
		db_reset(s);
	}
	rc = finish(cs, rc);
	cs->run_id = rc ? 0 : *run_id;
	cs->run_start = now;
	if (!rc && crawlstate_shared(cs)) {
		/* Held by this connection until it closes, or dies. */
		s = cs->shared[CSS_RUN_HOLD];
		db_bind_int64(s, 1, *run_id);
		rc = store_exec_stmt(cs->st, s, "marking the run as live");
	}
	return rc;
}

static void
bind_counts(struct db_stmt *s, int first, const struct crawlstate_counts *c)
{
	db_bind_int64(s, first, c->fetched);
	db_bind_int64(s, first + 1, c->not_modified);
	db_bind_int64(s, first + 2, c->unchanged);
	db_bind_int64(s, first + 3, c->failed);
	db_bind_int64(s, first + 4, c->skipped);
	db_bind_int64(s, first + 5, c->stored);
}

int
crawlstate_run_end(struct crawlstate *cs, long long run_id,
		   const struct crawlstate_counts *c, long long new_rumors,
		   long long changed_rumors)
{
	struct db_stmt *s = stmt(cs, CS_RUN_END);

	if (!s)
		return RM_EINVAL;
	db_bind_int64(s, 1, run_id);
	bind_counts(s, 2, c);
	db_bind_int64(s, 8, new_rumors);
	db_bind_int64(s, 9, changed_rumors);
	return exec(cs, s, "finishing the run");
}

int
crawlstate_source_run(struct crawlstate *cs, long long run_id,
		      const char *source, const struct crawlstate_counts *c,
		      const char *last_error)
{
	struct db_stmt *s = stmt(cs, CS_SOURCE_RUN);

	if (!s)
		return RM_EINVAL;
	db_bind_int64(s, 1, run_id);
	store_bind_text(s, 2, source);
	bind_counts(s, 3, c);
	store_bind_text(s, 9, last_error);
	return exec(cs, s, "recording a source's run");
}

void
crawlstate_start_clear(struct crawlstate_start *s)
{
	free(s->url);
	free(s->kind);
	free(s->etag);
	free(s->last_modified);
	memset(s, 0, sizeof(*s));
}

int
crawlstate_start_get(struct crawlstate *cs, const char *source,
		     const char *url, long long parent_id,
		     struct crawlstate_start *out)
{
	struct db_stmt *s = stmt(cs, CS_START_INSERT);
	struct crawlstate_start r = { 0 };
	int rc;

	if (!s)
		return RM_EINVAL;
	store_bind_text(s, 1, source);
	store_bind_text(s, 2, url);
	bind_opt_int(s, 3, parent_id, parent_id > 0);
	rc = exec(cs, s, "adding a start URL");
	if (rc)
		return rc;
	s = cs->stmt[CS_START_GET];
	store_bind_text(s, 1, source);
	store_bind_text(s, 2, url);
	if (db_step(s) != DB_ROW) {
		rc = store_fail_db(cs->st, "reading a start URL");
		db_reset(s);
		return rc;
	}
	r.id = db_column_int64(s, 0);
	r.url = xstrdup(url);
	r.kind = col_dup(s, 1);
	r.etag = col_dup(s, 2);
	r.last_modified = col_dup(s, 3);
	r.last_fetched = db_column_int64(s, 4);
	r.next_due = db_column_int64(s, 5);
	r.failures = db_column_int64(s, 6);
	db_reset(s);
	*out = r;
	return 0;
}

int
crawlstate_start_children(struct crawlstate *cs, long long parent_id,
			  long limit, struct strvec *out)
{
	struct db_stmt *s = cs->stmt[CS_START_CHILDREN];
	int rc = 0, step;

	db_bind_int64(s, 1, parent_id);
	db_bind_int64(s, 2, limit);
	while ((step = db_step(s)) == DB_ROW)
		strvec_push(out, col_text(s, 0));
	if (step != DB_DONE)
		rc = store_fail_db(cs->st, "reading start URLs");
	db_reset(s);
	return rc;
}

int
crawlstate_start_done(struct crawlstate *cs, const struct crawlstate_result *r,
		      const char *source, const char *found_on,
		      const struct crawlstate_link *links, size_t n)
{
	struct db_stmt *s = stmt(cs, CS_START_UPDATE);
	int rc;

	if (!s)
		return RM_EINVAL;
	rc = begin(cs);
	if (rc)
		return rc;
	db_bind_int64(s, 1, r->id);
	db_bind_int64(s, 2, r->now);
	db_bind_int64(s, 3, r->status);
	store_bind_text(s, 4, r->etag);
	store_bind_text(s, 5, r->last_modified);
	store_bind_text(s, 6, r->error);
	store_bind_text(s, 7, r->kind);
	db_bind_int64(s, 8, r->next_due);
	db_bind_int64(s, 9, r->failed);
	rc = exec(cs, s, "updating a start URL");
	/* A sitemap lists thousands: on PostgreSQL they go without a
	 * round trip each (the fetch loop waits for this). */
	if (!rc && !cs->in_batch && db_pipeline(cs->st->db, true) != DB_OK)
		rc = store_fail_db(cs->st, "queueing URLs");
	s = cs->stmt[CS_LINK_UPSERT];
	for (size_t i = 0; !rc && i < n; i++) {
		store_bind_text(s, 1, links[i].url);
		store_bind_text(s, 2, source);
		store_bind_text(s, 3, found_on);
		bind_opt_int(s, 4, links[i].lastmod, links[i].lastmod >= 0);
		db_bind_int64(s, 5, r->now);
		rc = exec(cs, s, "queueing a URL");
	}
	if (!cs->in_batch && db_pipeline(cs->st->db, false) != DB_OK && !rc)
		rc = store_fail_db(cs->st, "queueing URLs");
	return finish(cs, rc);
}

int
crawlstate_pending(struct crawlstate *cs, const char *source, long limit,
		   struct crawlstate_pos *pos, long *n,
		   int (*cb)(const struct crawlstate_page *p, void *arg),
		   void *arg)
{
	struct db_stmt *s = cs->shared[CSS_PENDING_CLAIM]
				    ? cs->shared[CSS_PENDING_CLAIM]
				    : cs->stmt[CS_PENDING];
	struct crawlstate_page p;
	int rc = 0, step;
	long rows = 0;

	store_bind_text(s, 1, source);
	db_bind_int64(s, 2, limit);
	db_bind_int64(s, 3, pos->undated);
	db_bind_int64(s, 4, pos->age);
	db_bind_int64(s, 5, pos->id);
	if (s == cs->shared[CSS_PENDING_CLAIM]) {
		long long now = (long long)time(NULL);

		db_bind_int64(s, 6, now + cs->lease_s);
		db_bind_int64(s, 7, cs->run_id);
		db_bind_int64(s, 8, now);
		db_bind_int64(s, 9, cs->run_start);
	}
	while (!rc && (step = db_step(s)) == DB_ROW) {
		rows++;
		pos->id = db_column_int64(s, 0);
		pos->undated = db_column_int64(s, 7);
		pos->age = db_column_int64(s, 8);
		p.id = db_column_int64(s, 0);
		p.url = (const char *)db_column_text(s, 1);
		p.etag = (const char *)db_column_text(s, 2);
		p.last_modified = (const char *)db_column_text(s, 3);
		p.body_hash = (const char *)db_column_text(s, 4);
		p.attempts = db_column_int64(s, 5);
		p.redirect_url = (const char *)db_column_text(s, 6);
		p.known = p.body_hash != NULL;
		rc = cb(&p, arg);
	}
	if (!rc && step != DB_DONE)
		rc = store_fail_db(cs->st, "reading the frontier");
	db_reset(s);
	if (n)
		*n = rows;
	return rc;
}

/* The frontier row update shared by page_done and page_store. */
static int
page_update(struct crawlstate *cs, const struct crawlstate_result *r,
	    const char *article_url, long long run_id)
{
	struct db_stmt *s = stmt(cs, CS_PAGE_UPDATE);

	if (!s)
		return RM_EINVAL;
	db_bind_int64(s, 1, r->id);
	store_bind_text(s, 2, r->state ? r->state : "done");
	db_bind_int64(s, 3, r->now);
	db_bind_int64(s, 4, r->status);
	store_bind_text(s, 5, r->error);
	db_bind_int64(s, 6, r->attempt);
	store_bind_text(s, 7, r->etag);
	store_bind_text(s, 8, r->last_modified);
	store_bind_text(s, 9, r->body_hash);
	store_bind_text(s, 10, article_url);
	bind_opt_int(s, 11, run_id, run_id > 0);
	store_bind_text(s, 12, r->redirect_url);
	return exec(cs, s, "updating the frontier");
}

int
crawlstate_page_done(struct crawlstate *cs, const struct crawlstate_result *r)
{
	return page_update(cs, r, NULL, 0);
}

int
crawlstate_page_store(struct crawlstate *cs, const struct crawlstate_result *r,
		      const struct store_article *a, long long run_id,
		      bool *same)
{
	struct db_stmt *s;
	int rc;

	rc = begin(cs);
	if (rc)
		return rc;
	rc = store_put_article_tx(cs->st, a, NULL, !cs->in_batch, same);
	if (rc == RM_EINVAL) {
		/* Refused, not broken: nothing of the article stays (it
		 * may have been refused half-way); say why on the row and
		 * go on. */
		struct crawlstate_result bad = *r;
		char why[STORE_ERR_MAX];

		snprintf(why, sizeof(why), "%s", store_errmsg(cs->st));
		finish(cs, rc);
		store_fail(cs->st, RM_EINVAL, "%s", why);
		bad.state = "failed";
		bad.error = why;
		rc = begin(cs);
		if (!rc)
			rc = page_update(cs, &bad, NULL, 0);
		return finish(cs, rc) ? RM_EDB : RM_EINVAL;
	}
	if (!rc)
		rc = page_update(cs, r, a->url, *same ? 0 : run_id);
	if (!rc) {
		s = cs->stmt[CS_ALIAS_SETTLE];
		store_bind_text(s, 1, a->url);
		store_bind_text(s, 2, a->source);
		store_bind_text(s, 3, NULL);
		db_bind_int64(s, 4, r->now);
		db_bind_int64(s, 5, r->status);
		rc = exec(cs, s, "settling the article's other URL");
	}
	return finish(cs, rc);
}

int
crawlstate_robots_get(struct crawlstate *cs, const char *origin,
		      long long now, long *status, char **body, size_t *len)
{
	struct db_stmt *s = cs->stmt[CS_ROBOTS_GET];
	int rc, step;

	store_bind_text(s, 1, origin);
	db_bind_int64(s, 2, now);
	step = db_step(s);
	if (step == DB_ROW) {
		size_t n;
		const void *b = db_column_blob(s, 1, &n);

		*status = db_column_int64(s, 0);
		*body = NULL;
		if (b) {
			*body = xmalloc(n + 1);
			memcpy(*body, b, n);
			(*body)[n] = '\0';
		}
		*len = b ? n : 0;
		rc = 0;
	} else if (step == DB_DONE) {
		rc = RM_ENOTFOUND;
	} else {
		rc = store_fail_db(cs->st, "reading robots.txt");
	}
	db_reset(s);
	return rc;
}

int
crawlstate_robots_put(struct crawlstate *cs, const char *origin, long status,
		      const char *body, size_t len, long long now,
		      long long expires)
{
	struct db_stmt *s = stmt(cs, CS_ROBOTS_PUT);

	if (!s)
		return RM_EINVAL;
	store_bind_text(s, 1, origin);
	db_bind_int64(s, 2, status);
	if (body)
		db_bind_blob(s, 3, body, len);
	else
		db_bind_null(s, 3);
	db_bind_int64(s, 4, now);
	db_bind_int64(s, 5, expires);
	return exec(cs, s, "caching robots.txt");
}


int
crawlstate_changed_rumors(struct crawlstate *cs, long long run_id,
			  int (*cb)(const struct crawlstate_rumor *r,
				    void *arg),
			  void *arg, long long *n_new, long long *n_changed)
{
	struct db_stmt *s = cs->stmt[CS_PREV_RUN];
	long long prev = 0, max_id = 0, nn = 0, nc = 0;
	struct crawlstate_rumor row;
	int rc = 0, step;

	db_bind_int64(s, 1, run_id);
	step = db_step(s);
	if (step == DB_ROW) {
		prev = db_column_int64(s, 0);
		max_id = db_column_int64(s, 1);
	}
	db_reset(s);
	if (step != DB_ROW && step != DB_DONE)
		return store_fail_db(cs->st, "reading the previous run");
	s = cs->stmt[CS_CHANGED];
	db_bind_int64(s, 1, prev);
	db_bind_int64(s, 2, max_id);
	while ((step = db_step(s)) == DB_ROW) {
		row.device = col_text(s, 0);
		row.attribute = col_text(s, 1);
		row.value = col_text(s, 2);
		row.qualifier = col_text(s, 3);
		row.sources = db_column_int64(s, 4);
		row.first_seen = col_text(s, 5);
		row.last_seen = col_text(s, 6);
		row.is_new = db_column_int64(s, 7) != 0;
		if (row.is_new)
			nn++;
		else
			nc++;
		if (!rc && cb && nn + nc <= CRAWLSTATE_REPORT_MAX)
			rc = cb(&row, arg);
	}
	if (step != DB_DONE && !rc)
		rc = store_fail_db(cs->st, "listing new rumors");
	db_reset(s);
	if (!rc && n_new)
		*n_new = nn;
	if (!rc && n_changed)
		*n_changed = nc;
	return rc;
}

int
crawlstate_source_summary(struct crawlstate *cs, const char *source,
			  struct crawlstate_source_summary *out)
{
	struct db_stmt *s = cs->stmt[CS_SUMMARY_RUN];
	struct crawlstate_source_summary o;
	int rc = 0, step;

	memset(&o, 0, sizeof(o));
	store_bind_text(s, 1, source);
	step = db_step(s);
	if (step == DB_ROW) {
		snprintf(o.last_run, sizeof(o.last_run), "%s",
			 col_text(s, 0));
		o.last.fetched = db_column_int64(s, 1);
		o.last.not_modified = db_column_int64(s, 2);
		o.last.unchanged = db_column_int64(s, 3);
		o.last.failed = db_column_int64(s, 4);
		o.last.skipped = db_column_int64(s, 5);
		o.last.stored = db_column_int64(s, 6);
		o.last_error = col_dup(s, 7);
	} else if (step != DB_DONE) {
		rc = store_fail_db(cs->st, "reading the last run");
	}
	db_reset(s);
	if (rc)
		return rc;
	s = cs->stmt[CS_SUMMARY_COUNTS];
	store_bind_text(s, 1, source);
	if (db_step(s) == DB_ROW) {
		o.articles = db_column_int64(s, 0);
		o.rumors = db_column_int64(s, 1);
		o.pending = db_column_int64(s, 2);
		o.next_due = db_column_int64(s, 3);
	} else {
		rc = store_fail_db(cs->st, "counting a source's articles");
	}
	db_reset(s);
	if (rc) {
		free(o.last_error);
		return rc;
	}
	*out = o;
	return 0;
}
