#include "store/store.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/errors.h"
#include "common/xalloc.h"
#include "store/store_priv.h"

/*
 * Every fixed statement, prepared when the handle opens.  temp.touched
 * collects the rumors one store_put_article changes, so their dates and
 * counts are recomputed once at the end of the transaction.
 */
static const char *const stmt_sql[SQ_COUNT] = {
	[SQ_BEGIN] = "BEGIN IMMEDIATE",
	[SQ_COMMIT] = "COMMIT",
	[SQ_ROLLBACK] = "ROLLBACK",
	[SQ_SOURCE_UPSERT] =
		"INSERT INTO sources(name) VALUES (?1)"
		" ON CONFLICT(name) DO UPDATE SET name = excluded.name"
		" RETURNING id",
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
		" RETURNING id",
	[SQ_TOUCH_OLD] = "INSERT OR IGNORE INTO temp.touched(rumor_id)"
			 " SELECT rumor_id FROM evidence WHERE article_id = ?1",
	[SQ_EVIDENCE_CLEAR] = "DELETE FROM evidence WHERE article_id = ?1",
	[SQ_ENTITY_UPSERT] =
		"INSERT INTO entities(kind, name, brand, key)"
		" VALUES (?1, ?2, ?3, ?4)"
		" ON CONFLICT(kind, name) DO UPDATE SET brand ="
		" CASE WHEN entities.brand = '' THEN excluded.brand"
		" ELSE entities.brand END"
		" RETURNING id",
	[SQ_KEY_INSERT] = "INSERT OR IGNORE INTO entity_keys(key, entity_id)"
			  " VALUES (?1, ?2)",
	[SQ_RUMOR_UPSERT] =
		"INSERT INTO rumors(subject_id, attribute, value, qualifier,"
		" object_id) VALUES (?1, ?2, ?3, ?4, ?5)"
		" ON CONFLICT(subject_id, attribute, value, qualifier)"
		" DO UPDATE SET object_id ="
		" coalesce(excluded.object_id, rumors.object_id)"
		" RETURNING id",
	[SQ_EVIDENCE_INSERT] =
		"INSERT INTO evidence(rumor_id, article_id, cue)"
		" VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
	[SQ_TOUCH_ADD] = "INSERT OR IGNORE INTO temp.touched(rumor_id)"
			 " VALUES (?1)",
	[SQ_RUMOR_PRUNE] =
		"DELETE FROM rumors WHERE id IN"
		" (SELECT rumor_id FROM temp.touched) AND NOT EXISTS"
		" (SELECT 1 FROM evidence e WHERE e.rumor_id = rumors.id)",
	[SQ_RUMOR_RECOUNT] =
		"UPDATE rumors SET (first_seen, last_seen, sources) ="
		" (SELECT min(a.dated), max(a.dated), count(*)"
		" FROM evidence e JOIN articles a ON a.id = e.article_id"
		" WHERE e.rumor_id = rumors.id)"
		" WHERE id IN (SELECT rumor_id FROM temp.touched)",
	[SQ_TOUCH_CLEAR] = "DELETE FROM temp.touched",
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

int
store_fail_db(struct store *st, const char *what)
{
	return store_fail(st, RM_EDB, "%s: %s", what, sqlite3_errmsg(st->db));
}

int
store_prepare(struct store *st, const char *sql, sqlite3_stmt **out)
{
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
			       out, NULL) != SQLITE_OK)
		return store_fail_db(st, "preparing a statement");
	return 0;
}

int
store_exec_stmt(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_fail_db(st, what);
		sqlite3_reset(s);
		return RM_EDB;
	}
	sqlite3_reset(s);
	return 0;
}

int
store_bind_text(sqlite3_stmt *s, int idx, const char *text)
{
	if (!text)
		return sqlite3_bind_null(s, idx);
	return sqlite3_bind_text(s, idx, text, -1, SQLITE_STATIC);
}

/* Run a statement outside the prepared set (pragmas at open). */
static int
exec_sql(struct store *st, const char *sql, const char *what)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail_db(st, what);
	return 0;
}

static int
configure(struct store *st)
{
	int rc;

	if (sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS) != SQLITE_OK)
		return store_fail_db(st, "setting the busy timeout");
	rc = exec_sql(st, "PRAGMA foreign_keys = ON", "enabling foreign keys");
	if (rc || (st->flags & STORE_READONLY))
		return rc;
	/* WAL lets queries read while a crawl writes; NORMAL is safe in WAL. */
	rc = exec_sql(st, "PRAGMA journal_mode = WAL", "switching to WAL");
	if (!rc)
		rc = exec_sql(st, "PRAGMA synchronous = NORMAL",
			      "setting synchronous");
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

int
store_open(const char *path, unsigned flags, struct store **out, char **err)
{
	struct store *st = xcalloc(1, sizeof(*st));
	int oflags = (flags & STORE_READONLY)
			     ? SQLITE_OPEN_READONLY
			     : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	int rc;

	st->flags = flags;
	oflags |= SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
		rc = st->db && sqlite3_errcode(st->db) != SQLITE_CANTOPEN
			     ? RM_EDB
			     : RM_EIO;
		store_fail(st, rc, "cannot open %s: %s", path,
			   st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	rc = configure(st);
	if (!rc)
		rc = schema_migrate(st);
	if (!rc)
		rc = prepare_all(st);
	if (rc)
		goto fail;
	*out = st;
	return 0;
fail:
	if (err) {
		size_t n = strlen(st->err) + strlen(path) + 3;
		char *msg = xmalloc(n);

		/* Name the file unless the message already does. */
		if (strstr(st->err, path))
			snprintf(msg, n, "%s", st->err);
		else
			snprintf(msg, n, "%s: %s", path, st->err);
		*err = msg;
	}
	store_close(st);
	return rc;
}

void
store_close(struct store *st)
{
	if (!st)
		return;
	for (int i = 0; i < SQ_COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	for (unsigned i = 0; i < STORE_QUERY_SLOTS; i++)
		sqlite3_finalize(st->query[i]);
	if (st->db && !(st->flags & STORE_READONLY))
		/* Keeps the planner's statistics current, cheaply. */
		sqlite3_exec(st->db, "PRAGMA optimize", NULL, NULL, NULL);
	sqlite3_close(st->db);
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
	sqlite3_stmt *s = st->stmt[SQ_COUNTS];
	struct store_counts c;

	if (sqlite3_step(s) != SQLITE_ROW) {
		store_fail_db(st, "counting rows");
		sqlite3_reset(s);
		return RM_EDB;
	}
	c.articles = sqlite3_column_int64(s, 0);
	c.devices = sqlite3_column_int64(s, 1);
	c.chipsets = sqlite3_column_int64(s, 2);
	c.rumors = sqlite3_column_int64(s, 3);
	c.evidence = sqlite3_column_int64(s, 4);
	sqlite3_reset(s);
	*out = c;
	return 0;
}
