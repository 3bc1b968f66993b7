#include "store/store.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/buf.h"
#include "common/errors.h"
#include "common/xalloc.h"
#include "store/store_priv.h"

/*
 * Entities with their rumors: as subject, and (chipsets) as the chipset
 * a device is said to use.  Each half reads rumors through an index on
 * the entity; ?1 kind, ?2 brand or NULL, ?3 limit.
 */
#define ENTITIES_HALF(JOIN)                                                 \
	"SELECT e.id, e.kind, e.name, e.brand, count(*) AS n,"              \
	" total(r.contested) AS c, max(r.last_seen) AS ls,"                 \
	" max(r.changed_at) AS ch FROM entities e JOIN rumors r ON " JOIN  \
	" WHERE e.kind = ?1 AND (?2 IS NULL OR e.brand = ?2)"               \
	" GROUP BY e.id"
#define ENTITIES_SQL                                                        \
	"SELECT id, kind, name, brand, sum(n), sum(c), max(ls), max(ch)"    \
	" FROM (" ENTITIES_HALF("r.subject_id = e.id") " UNION ALL "        \
	ENTITIES_HALF("r.object_id = e.id") ") AS halves"                   \
	" GROUP BY id, kind, name, brand"

/*
 * Every fixed statement, prepared when the handle opens.  temp.touched
 * collects the rumors one store_put_article changes, so their dates and
 * counts are recomputed once at the end of the transaction.
 */
static const char *const stmt_sql[SQ_COUNT] = {
	[SQ_BEGIN] = "BEGIN IMMEDIATE",
	[SQ_COMMIT] = "COMMIT",
	[SQ_ROLLBACK] = "ROLLBACK",
	[SQ_SOURCE_GET] = "SELECT id, weight FROM sources WHERE name = ?1",
	[SQ_SOURCE_INSERT] = "INSERT INTO sources(name, weight) VALUES (?1, ?2)"
			     " RETURNING id",
	[SQ_SOURCE_WEIGHT] = "UPDATE sources SET weight = ?2 WHERE id = ?1",
	[SQ_TOUCH_SOURCE] = "INSERT INTO temp.touched(rumor_id)"
			    " SELECT e.rumor_id FROM articles a"
			    " JOIN evidence e ON e.article_id = a.id"
			    " WHERE a.source_id = ?1 ON CONFLICT DO NOTHING",
	[SQ_ARTICLE_UPSERT] =
		"INSERT INTO articles(url, source_id, title, author,"
		" published, added, updated, text, content_hash)"
		" VALUES (?1, ?2, ?3, ?4, ?5,"
		" strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
		" strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?6, ?7)"
		" ON CONFLICT(url) DO UPDATE SET"
		" source_id = excluded.source_id, title = excluded.title,"
		" author = excluded.author, published = excluded.published,"
		" updated = excluded.updated, text = excluded.text,"
		" content_hash = excluded.content_hash"
		/* ?8: a crawl leaves an article with the same words as it
		 * is (no row comes back) */
		" WHERE ?8 = 0"
		" OR articles.content_hash IS DISTINCT FROM excluded.content_hash"
		" RETURNING id",
	[SQ_PRINT_EXACT] = "SELECT origin_id, group_site FROM article_prints"
			   " WHERE body_hash = ?1 AND article_id < ?2"
			   " ORDER BY article_id LIMIT 1",
	/* One parameter per band: SIMHASH_BANDS is 7 (prints.c checks). */
	/* Covering: candidates are compared without reading articles. */
	[SQ_PRINT_NEAR] = "SELECT simhash, article_id FROM simhash_bands"
			  " WHERE band IN (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
			  " AND article_id < ?8",
	[SQ_PRINT_ORIGIN] = "SELECT origin_id, group_site FROM article_prints"
			    " WHERE article_id = ?1",
	[SQ_PARA_FIND] = "SELECT article_id FROM paragraph_prints"
			 " WHERE hash = ?1 AND article_id < ?2 LIMIT ?3",
	[SQ_PARA_CLEAR] = "DELETE FROM paragraph_prints WHERE article_id = ?1",
	[SQ_PARA_INSERT] = "INSERT INTO paragraph_prints(hash,"
			   " article_id, words) VALUES (?1, ?2, ?3)"
			   " ON CONFLICT DO NOTHING",
	[SQ_PRINT_UPSERT] =
		"INSERT INTO article_prints(article_id, site, body_hash,"
		" simhash, origin_id, copy_kind, group_site)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
		" ON CONFLICT(article_id) DO UPDATE SET site = excluded.site,"
		" body_hash = excluded.body_hash, simhash = excluded.simhash,"
		" origin_id = excluded.origin_id,"
		" copy_kind = excluded.copy_kind,"
		" group_site = excluded.group_site",
	[SQ_BANDS_CLEAR] = "DELETE FROM simhash_bands WHERE article_id = ?1",
	[SQ_BAND_INSERT] = "INSERT INTO simhash_bands(band,"
			   " article_id, simhash) VALUES (?1, ?2, ?3)"
			   " ON CONFLICT DO NOTHING",
	[SQ_ALIAS_LOOKUP] = "SELECT entity_id FROM aliases WHERE key = ?1",
	[SQ_TOUCH_OLD] = "INSERT INTO temp.touched(rumor_id)"
			 " SELECT rumor_id FROM evidence WHERE article_id = ?1"
			 " ON CONFLICT DO NOTHING",
	[SQ_EVIDENCE_CLEAR] = "DELETE FROM evidence WHERE article_id = ?1",
	[SQ_ENTITY_UPSERT] =
		"INSERT INTO entities(kind, name, brand, key)"
		" VALUES (?1, ?2, ?3, ?4)"
		" ON CONFLICT(kind, name) DO UPDATE SET brand ="
		" CASE WHEN entities.brand = '' THEN excluded.brand"
		" ELSE entities.brand END"
		" RETURNING id",
	[SQ_KEY_INSERT] = "INSERT INTO entity_keys(key, entity_id)"
			  " VALUES (?1, ?2) ON CONFLICT DO NOTHING",
	/* A claim's three rows name the rumor by its key, not its id, so
	 * none waits for another's answer: on PostgreSQL a batch sends
	 * them without a round trip each.  An existing rumor is written
	 * only when it gains a chipset link. */
	[SQ_RUMOR_UPSERT] =
		"INSERT INTO rumors(subject_id, attribute, value, qualifier,"
		" object_id) VALUES (?1, ?2, ?3, ?4, ?5)"
		" ON CONFLICT(subject_id, attribute, value, qualifier)"
		" DO UPDATE SET object_id = excluded.object_id"
		" WHERE excluded.object_id IS NOT NULL"
		" AND rumors.object_id IS DISTINCT FROM excluded.object_id",
	[SQ_EVIDENCE_INSERT] =
		"INSERT INTO evidence(rumor_id, article_id, cue, certainty)"
		" SELECT id, ?5, ?6, ?7 FROM rumors WHERE subject_id = ?1"
		" AND attribute = ?2 AND value = ?3 AND qualifier = ?4"
		" ON CONFLICT DO NOTHING",
	[SQ_TOUCH_ADD] = "INSERT INTO temp.touched(rumor_id)"
			 " SELECT id FROM rumors WHERE subject_id = ?1"
			 " AND attribute = ?2 AND value = ?3"
			 " AND qualifier = ?4 ON CONFLICT DO NOTHING",
	/* CROSS JOIN: from the few touched rows, never a scan of rumors
	 * (the temp table has no statistics for the planner). */
	[SQ_TOUCHED_GROUPS] = "SELECT DISTINCT r.subject_id, r.attribute"
			      " FROM temp.touched t"
			      " CROSS JOIN rumors r ON r.id = t.rumor_id",
	[SQ_RUMOR_PRUNE] =
		"DELETE FROM rumors WHERE id IN"
		" (SELECT rumor_id FROM temp.touched) AND NOT EXISTS"
		" (SELECT 1 FROM evidence e WHERE e.rumor_id = rumors.id)",
	/* Every touched rumor's evidence in one read, rumor by rumor
	 * (one round trip a batch, not one a rumor).  An article without
	 * prints (never stored again since version 3 of the schema) is a
	 * site of its own.  CROSS JOIN: from the few touched rows. */
	[SQ_TOUCHED_EVIDENCE] =
		"SELECT e.rumor_id, a.id, a.dated,"
		" coalesce(p.group_site, 'article:' || a.id), p.copy_kind,"
		" s.weight, e.certainty"
		" FROM temp.touched t"
		" CROSS JOIN evidence e ON e.rumor_id = t.rumor_id"
		" JOIN articles a ON a.id = e.article_id"
		" JOIN sources s ON s.id = a.source_id"
		" LEFT JOIN article_prints p ON p.article_id = a.id"
		" ORDER BY e.rumor_id, a.dated, a.id",
	[SQ_SCORE_UPDATE] =
		"UPDATE rumors SET sources = ?2, independent_sources = ?3,"
		" support = ?4, first_seen = ?5, last_seen = ?6,"
		" first_article_id = ?7,"
		" changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
		" created_at = CASE WHEN created_at = ''"
		"  THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
		"  ELSE created_at END"
		" WHERE id = ?1 AND (sources IS DISTINCT FROM ?2"
		" OR independent_sources IS DISTINCT FROM ?3"
		" OR abs(support - ?4) > 1e-9"
		" OR first_seen IS DISTINCT FROM ?5"
		" OR last_seen IS DISTINCT FROM ?6"
		" OR first_article_id IS DISTINCT FROM ?7 OR created_at = '')",
	[SQ_SIBLINGS] =
		"SELECT r.id, r.value, r.qualifier, r.contested,"
		" (SELECT min(coalesce(p.group_site, 'article:' || e.article_id))"
		"  FROM evidence e"
		"  LEFT JOIN article_prints p ON p.article_id = e.article_id"
		"  WHERE e.rumor_id = r.id),"
		" (SELECT max(coalesce(p.group_site, 'article:' || e.article_id))"
		"  FROM evidence e"
		"  LEFT JOIN article_prints p ON p.article_id = e.article_id"
		"  WHERE e.rumor_id = r.id)"
		" FROM rumors r WHERE r.subject_id = ?1 AND r.attribute = ?2"
		" LIMIT ?3",
	[SQ_SET_CONTESTED] =
		"UPDATE rumors SET contested = ?2,"
		" changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
		" WHERE id = ?1 AND contested IS DISTINCT FROM ?2",
	[SQ_TOUCH_CLEAR] = "DELETE FROM temp.touched",
	/* WHERE true: SQLite's parser needs it before ON CONFLICT. */
	[SQ_TOUCH_ALL] = "INSERT INTO temp.touched(rumor_id)"
			 " SELECT id FROM rumors WHERE true"
			 " ON CONFLICT DO NOTHING",
	[SQ_META_GET] = "SELECT value FROM meta WHERE key = ?1",
	[SQ_META_SET] = "INSERT INTO meta(key, value) VALUES (?1, ?2)"
			" ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	[SQ_ARTICLE_HASH] = "SELECT content_hash FROM articles WHERE url = ?1",
	[SQ_URLS] = "SELECT a.url FROM evidence e"
		    " JOIN articles a ON a.id = e.article_id"
		    " WHERE e.rumor_id = ?1 ORDER BY a.dated, a.id LIMIT ?2",
	[SQ_COUNTS] =
		"SELECT (SELECT count(*) FROM articles),"
		" (SELECT count(*) FROM entities WHERE kind = 'device'),"
		" (SELECT count(*) FROM entities WHERE kind = 'chipset'),"
		" (SELECT count(*) FROM rumors),"
		" (SELECT count(*) FROM evidence)",
	[SQ_REF_DATE] = "SELECT max(last_seen) FROM rumors",
	[SQ_EVIDENCE_LIST] =
		"SELECT a.url, a.title, s.name, coalesce(p.site, ''), a.dated,"
		" e.cue, p.copy_kind,"
		" (SELECT o.url FROM articles o WHERE o.id = p.origin_id"
		"  AND p.copy_kind IS NOT NULL),"
		" e.certainty, s.weight"
		" FROM evidence e JOIN articles a ON a.id = e.article_id"
		" JOIN sources s ON s.id = a.source_id"
		" LEFT JOIN article_prints p ON p.article_id = a.id"
		" WHERE e.rumor_id = ?1 ORDER BY a.dated, a.id LIMIT ?2",
	/* Months with evidence or new rumors about one subject, newest
	 * first (the caller reverses them). */
	[SQ_TIMELINE] =
		"WITH ev AS (SELECT substr(a.dated, 1, 7) AS month,"
		"  a.id AS aid, coalesce(p.group_site, 'article:' || a.id) AS site"
		"  FROM rumors r JOIN evidence e ON e.rumor_id = r.id"
		"  JOIN articles a ON a.id = e.article_id"
		"  LEFT JOIN article_prints p ON p.article_id = a.id"
		"  WHERE r.subject_id = ?1),"
		" nr AS (SELECT substr(first_seen, 1, 7) AS month, count(*) AS n"
		"  FROM rumors WHERE subject_id = ?1 GROUP BY 1),"
		" months AS (SELECT month FROM ev UNION SELECT month FROM nr)"
		" SELECT m.month, coalesce(nr.n, 0),"
		" (SELECT count(DISTINCT aid) FROM ev WHERE ev.month = m.month),"
		" (SELECT count(DISTINCT site) FROM ev WHERE ev.month = m.month)"
		" FROM months m LEFT JOIN nr ON nr.month = m.month"
		" WHERE length(m.month) = 7 ORDER BY m.month DESC LIMIT ?2",
	[SQ_SOURCE_STATS] =
		"SELECT s.name, s.weight, count(*),"
		" (SELECT count(*) FROM articles a2"
		"  JOIN article_prints p ON p.article_id = a2.id"
		"  WHERE a2.source_id = s.id AND p.copy_kind IS NOT NULL),"
		" (SELECT count(DISTINCT e.rumor_id) FROM articles a3"
		"  JOIN evidence e ON e.article_id = a3.id"
		"  WHERE a3.source_id = s.id),"
		" (SELECT count(*) FROM articles a4"
		"  JOIN rumors r ON r.first_article_id = a4.id"
		"  WHERE a4.source_id = s.id),"
		" max(a.dated)"
		" FROM sources s JOIN articles a ON a.source_id = s.id"
		" GROUP BY s.id ORDER BY count(*) DESC, s.name",
	[SQ_RECENT_ARTICLES] =
		"SELECT a.url, a.title, s.name, a.dated, p.copy_kind"
		" FROM articles a JOIN sources s ON s.id = a.source_id"
		" LEFT JOIN article_prints p ON p.article_id = a.id"
		" ORDER BY a.dated DESC, a.id DESC LIMIT ?1",
	[SQ_ENTITIES_BY_NAME] = ENTITIES_SQL
		" ORDER BY name COLLATE NOCASE, id LIMIT ?3",
	[SQ_ENTITIES_BY_ACTIVITY] = ENTITIES_SQL
		" ORDER BY max(ls) DESC, max(ch) DESC, name COLLATE NOCASE,"
		" id LIMIT ?3",
};

int
store_fail(struct store *st, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(st->err, sizeof(st->err), fmt, ap);
	va_end(ap);
	return code;
}

/* Whether PATH exists (any kind of file). */
static bool
exists(const char *path)
{
	struct stat sb;

	return lstat(path, &sb) == 0;
}

/*
 * SQLite reads a database that has a write-ahead log only through the
 * -shm file it keeps beside it.  Where it cannot create one (a
 * read-only file system, a directory it may not write), opening fails
 * with the errno of the missing -shm: "No such file or directory", for
 * a database that is there.  True (with the message set) when that is
 * what happened to NAME.
 */
static bool
wal_without_shm(struct store *st, const char *name)
{
	char wal[PATH_MAX], shm[PATH_MAX];

	if ((size_t)snprintf(wal, sizeof(wal), "%s-wal", name) >=
		    sizeof(wal) ||
	    (size_t)snprintf(shm, sizeof(shm), "%s-shm", name) >=
		    sizeof(shm) ||
	    !exists(wal) || exists(shm))
		return false;
	store_fail(st, RM_EDB,
		   "%s has a write-ahead log (%s) but no %s, which SQLite "
		   "cannot create there (a read-only file system or "
		   "directory): open it where it can be written, or "
		   "checkpoint a writable copy first (PRAGMA "
		   "wal_checkpoint(TRUNCATE))", name, wal, shm);
	return true;
}

int
store_fail_db(struct store *st, const char *what)
{
	const char *name = db_name(st->db);
	int sys = db_system_errno(st->db);

	/* When the file system said no (read-only, full, a file size
	 * limit), SQLite's "disk I/O error" alone does not say which file
	 * or why: add both. */
	switch (db_failure(st->db)) {
	case DB_FAIL_IO:
	case DB_FAIL_FULL:
	case DB_FAIL_READONLY:
	case DB_FAIL_CANTOPEN:
		if (db_kind(st->db) == DB_SQLITE && name && *name &&
		    db_failure(st->db) == DB_FAIL_CANTOPEN &&
		    wal_without_shm(st, name))
			return RM_EDB;
		if (db_kind(st->db) == DB_SQLITE)
			return store_fail(st, RM_EDB, "%s: %s (%s%s%s)", what,
					  db_errmsg(st->db),
					  name && *name ? name : "database",
					  sys ? ": " : "",
					  sys ? strerror(sys) : "");
		/* fall through */
	default:
		return store_fail(st, RM_EDB, "%s: %s", what,
				  db_errmsg(st->db));
	}
}

int
store_prepare(struct store *st, const char *sql, struct db_stmt **out)
{
	if (db_prepare(st->db, sql, out) != DB_OK)
		return store_fail_db(st, "preparing a statement");
	return 0;
}

int
store_exec_stmt(struct store *st, struct db_stmt *s, const char *what)
{
	if (db_send(s) != DB_OK)
		return store_fail_db(st, what);
	return 0;
}

int
store_bind_text(struct db_stmt *s, int idx, const char *text)
{
	return db_bind_text(s, idx, text);
}

int
store_step_id(struct store *st, struct db_stmt *s, const char *what,
	      long long *id)
{
	int rc = 0;

	if (db_step(s) == DB_ROW)
		*id = db_column_int64(s, 0);
	else
		rc = store_fail_db(st, what);
	db_reset(s);
	return rc;
}

int
store_lookup_int(struct store *st, struct db_stmt *s, const char *what,
		 long long *out)
{
	int rc = db_step(s);

	if (rc == DB_ROW)
		*out = db_column_int64(s, 0);
	db_reset(s);
	if (rc == DB_ROW)
		return 0;
	return rc == DB_DONE ? RM_ENOTFOUND : store_fail_db(st, what);
}

int
store_exec_id(struct store *st, enum store_stmt which, long long id,
	      const char *what)
{
	struct db_stmt *s = st->stmt[which];

	db_bind_int64(s, 1, id);
	return store_exec_stmt(st, s, what);
}

const char *
store_column(struct db_stmt *s, int i)
{
	const char *t = (const char *)db_column_text(s, i);

	return t ? t : "";
}

/* Run a statement outside the prepared set (pragmas at open). */
static int
exec_sql(struct store *st, const char *sql, const char *what)
{
	if (db_exec(st->db, sql) != DB_OK)
		return store_fail_db(st, what);
	return 0;
}

static int
configure(struct store *st)
{
	int rc;

	if (db_kind(st->db) == DB_POSTGRESQL)
		return (st->flags & STORE_READONLY) ? 0 : exec_sql(st, "CREATE TEMP TABLE IF NOT EXISTS touched"
				    " (rumor_id BIGINT PRIMARY KEY)",
				"creating a scratch table");
	if (sqlite3_busy_timeout(db_sqlite(st->db), STORE_BUSY_TIMEOUT_MS) !=
	    SQLITE_OK)
		return store_fail_db(st, "setting the busy timeout");
	rc = exec_sql(st, "PRAGMA foreign_keys = ON", "enabling foreign keys");
	/* A writer touches the same index pages article after article:
	 * 16 MB keeps them instead of SQLite's 2 MB default rereading them
	 * from the OS on every insert.  Allocated as used. */
	if (!rc)
		rc = exec_sql(st, "PRAGMA cache_size = -16384",
			      "setting the page cache size");
	if (rc || (st->flags & STORE_READONLY))
		return rc;
	/* WAL lets queries read while a crawl writes; NORMAL is safe in WAL. */
	rc = exec_sql(st, "PRAGMA journal_mode = WAL", "switching to WAL");
	if (!rc)
		rc = exec_sql(st, "PRAGMA synchronous = NORMAL",
			      "setting synchronous");
	/* Checkpoint every 32 MB of WAL, not 4: a crawl rewrites the same
	 * index pages, and each checkpoint copies them all again. */
	if (!rc)
		rc = exec_sql(st, "PRAGMA wal_autocheckpoint = 8192",
			      "setting the checkpoint interval");
	if (!rc)
		rc = exec_sql(st, "CREATE TEMP TABLE IF NOT EXISTS touched"
				  " (rumor_id INTEGER PRIMARY KEY)",
			      "creating a scratch table");
	return rc;
}

static int
prepare_all(struct store *st)
{
	int first = (st->flags & STORE_READONLY) ? SQ_WRITE_END : 0;

	for (int i = first; i < SQ_COUNT; i++) {
		int rc = store_prepare(st, stmt_sql[i], &st->stmt[i]);

		if (rc)
			return rc;
	}
	return 0;
}

/*
 * TARGET as messages may show it: a URI's password (user:password@)
 * becomes "***", as logs and cron mail are read by others.
 */
static char *
printable_target(const char *target)
{
	const char *auth = strstr(target, "://");
	const char *at, *colon;
	struct buf b;

	if (!store_is_server(target) || !auth)
		return xstrdup(target);
	auth += 3;
	at = strchr(auth, '@');
	colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
	if (!colon)
		return xstrdup(target);
	buf_init(&b, strlen(target) + 4);
	buf_append(&b, target, (size_t)(colon - target) + 1);
	buf_append_str(&b, "***");
	buf_append_str(&b, at);
	return buf_steal(&b);
}

int
store_open(const char *path, unsigned flags, struct store **out, char **err)
{
	struct store *st = xcalloc(1, sizeof(*st));
	int rc;

	st->target = xstrdup(path);
	st->flags = flags;
	st->analyze_at = STORE_ANALYZE_FIRST;
	if (db_open(path, (flags & STORE_READONLY) ? DB_OPEN_READONLY : 0,
		    &st->db) != DB_OK) {
		struct stat sb;

		rc = db_failure(st->db) == DB_FAIL_CANTOPEN ? RM_EIO : RM_EDB;
		/* Reading a database nothing has written yet: say what
		 * makes one, not SQLite's "unable to open database file". */
		if (db_kind(st->db) == DB_SQLITE && (flags & STORE_READONLY) &&
		    stat(path, &sb) != 0 && errno == ENOENT)
			store_fail(st, rc, "no database at %s: run `rumormill "
					   "crawl` or `rumormill import` first",
				   path);
		else
			store_fail(st, rc, "cannot open %s: %s",
				   db_kind(st->db) == DB_SQLITE
					   ? path : "the database",
				   db_errmsg(st->db));
		goto fail;
	}
	rc = configure(st);
	/* SQLite finds out at the first statement, which is a pragma. */
	if (rc && db_failure(st->db) == DB_FAIL_NOTADB)
		rc = store_fail(st, RM_EDB, "%s is not a rumormill database "
					    "(not an SQLite file at all)",
				path);
	if (!rc)
		rc = schema_migrate(st);
	if (!rc)
		rc = prepare_all(st);
	if (!rc && !(flags & STORE_READONLY))
		rc = score_pending(st);
	if (rc)
		goto fail;
	*out = st;
	return 0;
fail:
	if (err) {
		char *name = printable_target(path);
		size_t n = strlen(st->err) + strlen(name) + 3;
		char *msg = xmalloc(n);

		/* Name the file unless the message already does. */
		if (strstr(st->err, name))
			snprintf(msg, n, "%s", st->err);
		else
			snprintf(msg, n, "%s: %s", name, st->err);
		*err = msg;
		free(name);
	}
	store_close(st);
	return rc;
}

void
store_refresh_stats(struct store *st)
{
	if (db_kind(st->db) != DB_POSTGRESQL || st->written < st->analyze_at)
		return;
	/* Best effort: a failure only leaves the old statistics. */
	db_exec(st->db, "ANALYZE articles, article_prints, simhash_bands,"
			" paragraph_prints, entities, entity_keys, rumors,"
			" evidence, crawl_frontier");
	st->analyze_at = st->written * 2;
}

bool
store_is_server(const char *target)
{
	return db_target_is_postgresql(target);
}

long long
store_round_trips(const struct store *st)
{
	return db_round_trips(st->db);
}

int
store_open_again(struct store *st, struct store **out, char **err)
{
	int rc = store_open(st->target, st->flags, out, err);

	if (!rc)
		(*out)->claims = st->claims;
	return rc;
}

void
store_close(struct store *st)
{
	if (!st)
		return;
	for (int i = 0; i < SQ_COUNT; i++)
		db_finalize(st->stmt[i]);
	for (unsigned i = 0; i < STORE_QUERY_SLOTS; i++)
		db_finalize(st->query[i]);
	db_finalize(st->para_find_all);
	memo_end(st);
	if (st->db && db_kind(st->db) == DB_SQLITE &&
	    !(st->flags & STORE_READONLY))
		/* Keeps the planner's statistics current, cheaply. */
		db_exec(st->db, "PRAGMA optimize");
	db_close(st->db);
	free(st->target);
	free(st);
}

const char *
store_errmsg(const struct store *st)
{
	return st->err;
}

int
store_counts(struct store *st, struct store_counts *out)
{
	struct db_stmt *s = st->stmt[SQ_COUNTS];
	struct store_counts c;

	if (db_step(s) != DB_ROW) {
		store_fail_db(st, "counting rows");
		db_reset(s);
		return RM_EDB;
	}
	c.articles = db_column_int64(s, 0);
	c.devices = db_column_int64(s, 1);
	c.chipsets = db_column_int64(s, 2);
	c.rumors = db_column_int64(s, 3);
	c.evidence = db_column_int64(s, 4);
	db_reset(s);
	*out = c;
	return 0;
}
