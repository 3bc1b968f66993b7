/*
 * What the store's own files share: the handle's layout, its prepared
 * statements and error helpers.  Not for use outside store/.
 */
#ifndef RM_STORE_PRIV_H
#define RM_STORE_PRIV_H

#include <sqlite3.h>

#include "store/db.h"

#include "store/store.h"

#define STORE_ERR_MAX 512
/* How long a writer waits for another writer's transaction to end. */
#define STORE_BUSY_TIMEOUT_MS 10000
/* Articles written before the first statistics refresh (PostgreSQL). */
#define STORE_ANALYZE_FIRST 32

/* Statements prepared once per read-write handle (see store.c). */
enum store_stmt {
	SQ_BEGIN,
	SQ_COMMIT,
	SQ_ROLLBACK,
	SQ_SOURCE_GET,
	SQ_SOURCE_INSERT,
	SQ_SOURCE_WEIGHT,
	SQ_TOUCH_SOURCE,
	SQ_ARTICLE_UPSERT,
	SQ_PRINT_EXACT,
	SQ_PRINT_NEAR,
	SQ_PRINT_ORIGIN,
	SQ_PARA_FIND,
	SQ_PARA_CLEAR,
	SQ_PARA_INSERT,
	SQ_PRINT_UPSERT,
	SQ_BANDS_CLEAR,
	SQ_BAND_INSERT,
	SQ_ALIAS_LOOKUP,
	SQ_TOUCH_OLD,
	SQ_EVIDENCE_CLEAR,
	SQ_ENTITY_UPSERT,
	SQ_KEY_INSERT,
	SQ_RUMOR_UPSERT,
	SQ_EVIDENCE_INSERT,
	SQ_TOUCH_ADD,
	SQ_TOUCHED_GROUPS,
	SQ_RUMOR_PRUNE,
	SQ_TOUCHED_EVIDENCE,
	SQ_SCORE_UPDATE,
	SQ_SIBLINGS,
	SQ_SET_CONTESTED,
	SQ_TOUCH_CLEAR,
	SQ_TOUCH_ALL,
	SQ_META_GET,
	SQ_META_SET,
	SQ_WRITE_END, /* statements below are prepared for readers too */
	SQ_ARTICLE_HASH = SQ_WRITE_END,
	SQ_URLS,
	SQ_COUNTS,
	SQ_REF_DATE,
	SQ_EVIDENCE_LIST,
	SQ_TIMELINE,
	SQ_SOURCE_STATS,
	SQ_RECENT_ARTICLES,
	SQ_ENTITIES_BY_NAME,
	SQ_ENTITIES_BY_ACTIVITY,
	SQ_COUNT
};

/*
 * One cached query statement per combination of rumor_query filters,
 * times two plans for the broad ones (see query.c).
 */
#define STORE_FILTERS 9
#define STORE_QUERY_SLOTS (1u << (STORE_FILTERS + 1))

struct store {
	struct db *db;
	char *target;		/* what store_open was given */
	unsigned flags;
	struct db_stmt *stmt[SQ_COUNT];
	struct db_stmt *query[STORE_QUERY_SLOTS];
	/* The entities and sources the open batch has written (memo.c). */
	struct memo_slot *memo;
	size_t memo_n;
	bool memo_on;
	/* PostgreSQL: every paragraph of an article looked up at once
	 * (prints.c), prepared at first use. */
	struct db_stmt *para_find_all;
	char err[STORE_ERR_MAX];
	/* What each attribute means (store_set_claims); NULL: none known,
	   and no two values contradict. */
	const struct claim_schema *claims;
	/* PostgreSQL: articles this handle wrote, and at how many it next
	 * refreshes the planner's statistics (store_refresh_stats). */
	long long written, analyze_at;
};

/*
 * After a commit: on PostgreSQL, when this handle has written twice as
 * many articles as at the last refresh, ANALYZE the tables a crawl
 * fills.  Plans made while a new database was nearly empty (scans)
 * would otherwise be kept as it grows, until autovacuum gets round to
 * it; doubling keeps the refreshes to a handful per crawl.
 */
void store_refresh_stats(struct store *st);

/* Set the handle's message; returns CODE so callers can `return`. */
int store_fail(struct store *st, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* RM_EDB with "WHAT: <sqlite message>". */
int store_fail_db(struct store *st, const char *what);
/*
 * Prepare SQL on ST's connection (persistent: it is kept for the
 * handle's life).  Returns 0 or RM_EDB with the message set.
 */
int store_prepare(struct store *st, const char *sql, struct db_stmt **out);
/* Step a statement that returns no rows, then reset it: 0 or RM_EDB. */
int store_exec_stmt(struct store *st, struct db_stmt *s, const char *what);
/* Bind S's NUL-terminated text (NULL binds NULL) at IDX. */
int store_bind_text(struct db_stmt *s, int idx, const char *text);

/*
 * store_put_article's work inside a transaction the caller already
 * holds (BEGIN IMMEDIATE), so more rows can be written with the article
 * atomically (the crawl's frontier row).  With SETTLE false the rumors
 * it touched wait in temp.touched for the caller's score_settle, so
 * that a batch of articles settles each rumor once.  With SAME, an
 * article stored before with the same words (store_content_hash) is
 * left as it is, *SAME set and *ID not: a crawl that fetched it again
 * has nothing new.  Returns 0, RM_EINVAL or RM_EDB; the caller commits
 * or rolls back.
 */
int store_put_article_tx(struct store *st, const struct store_article *a,
			 long long *id, bool settle, bool *same);

/*
 * Find what an article is a copy of and record its fingerprints and
 * site (prints.c), inside the article's transaction.  Returns 0 or
 * RM_EDB.
 */
int prints_put(struct store *st, const struct store_article *a,
	       long long article_id);

/*
 * Settle the rumors in temp.touched (score.c): remove those left
 * without evidence, recompute counts, support and first article of the
 * rest, the contested flags of every device and attribute they belong
 * to, changed_at where anything changed; then empty temp.touched.
 * Inside the caller's transaction.  Returns 0 or RM_EDB.
 */
int score_settle(struct store *st);

/*
 * Rescore every rumor when the schema migration or a changed source
 * weight asked for it (meta "rescore"), in its own transaction.
 */
int score_pending(struct store *st);

/*
 * The id of entity NAME of KIND ("device", "chipset"), created with its
 * match keys when new; a device alias gives the device it stands for.
 */
int entity_put(struct store *st, const char *kind, const char *name,
	       const char *brand, long long *id);

/* The device id an alias stands for: 0 with *ID, or RM_ENOTFOUND. */
int alias_lookup(struct store *st, const char *key, long long *id);

/* Step an INSERT ... RETURNING id (or a one-row SELECT) and reset it. */
int store_step_id(struct store *st, struct db_stmt *s, const char *what,
		  long long *id);
/*
 * Step S (bound by the caller) once and reset it: 0 with *OUT set to
 * the first column of the row, RM_ENOTFOUND when there is no row, or
 * RM_EDB ("WHAT: ...").
 */
int store_lookup_int(struct store *st, struct db_stmt *s, const char *what,
		     long long *out);
/* Run ST's prepared statement WHICH with ?1 bound to ID. */
int store_exec_id(struct store *st, enum store_stmt which, long long id,
		  const char *what);
/* Column I of S as text, "" for NULL. */
const char *store_column(struct db_stmt *s, int i);

/*
 * What a batch has written (memo.c): memo_start at the batch's
 * start, memo_clear when any of it is rolled back, memo_end at its end.
 * memo_get gives the id entity_put wrote for the same kind, name and
 * brand; memo_put records one.  Outside a batch, nothing is kept.
 */
void memo_start(struct store *st);
void memo_clear(struct store *st);
void memo_end(struct store *st);
bool memo_get(struct store *st, const char *kind, const char *name,
	      const char *brand, long long *id);
void memo_put(struct store *st, const char *kind, const char *name,
	      const char *brand, long long id);

/*
 * Create or migrate the schema of ST's connection (schema.c).  A
 * read-only handle is only checked.  Returns 0, RM_EDB or RM_EINVAL.
 */
int schema_migrate(struct store *st);
/* The schema version this program creates. */
int schema_version(void);

#endif
