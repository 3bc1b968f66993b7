/*
 * store_copy: every row of one rumormill database into another, empty
 * one (a SQLite file into PostgreSQL, say), ids and all, in one
 * transaction on each side.  The tables go parents first so every
 * reference finds its row.
 */
#include <stdio.h>
#include <string.h>

#include "common/errors.h"
#include "store/store_priv.h"

/* A table and the columns a copy carries (generated ones are made
 * again by the target). */
struct copy_table {
	const char *name;
	int ncols;
	const char *select;
	const char *insert;
};

#define COPY(NAME, N, COLS, PARAMS)                                       \
	{ NAME, N, "SELECT " COLS " FROM " NAME,                       \
	  "INSERT INTO " NAME "(" COLS ") VALUES (" PARAMS ")" }

static const struct copy_table tables[] = {
	COPY("sources", 3, "id, name, weight", "?, ?, ?"),
	COPY("articles", 10,
	     "id, url, source_id, published, added, updated, content_hash,"
	     " author, title, text",
	     "?, ?, ?, ?, ?, ?, ?, ?, ?, ?"),
	COPY("entities", 5, "id, kind, name, brand, key",
	     "?, ?, ?, ?, ?"),
	COPY("entity_keys", 2, "key, entity_id", "?, ?"),
	COPY("aliases", 3, "key, alias, entity_id", "?, ?, ?"),
	COPY("rumors", 15,
	     "id, subject_id, attribute, value, qualifier, object_id,"
	     " first_seen, last_seen, sources, independent_sources, support,"
	     " contested, first_article_id, created_at, changed_at",
	     "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"),
	COPY("evidence", 5, "id, rumor_id, article_id, cue, certainty",
	     "?, ?, ?, ?, ?"),
	COPY("article_prints", 7,
	     "article_id, site, body_hash, simhash, origin_id, copy_kind,"
	     " group_site",
	     "?, ?, ?, ?, ?, ?, ?"),
	COPY("simhash_bands", 3, "band, article_id, simhash",
	     "?, ?, ?"),
	COPY("paragraph_prints", 3, "hash, article_id, words",
	     "?, ?, ?"),
	COPY("meta", 2, "key, value", "?, ?"),
	COPY("crawl_starts", 12,
	     "id, source, url, parent_id, kind, etag, last_modified,"
	     " last_fetched, last_status, last_error, next_due, failures",
	     "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"),
	COPY("crawl_frontier", 17,
	     "id, url, source, found_on, lastmod, state, attempts, etag,"
	     " last_modified, body_hash, added, last_fetched, last_status,"
	     " last_error, article_url, stored_run, redirect_url",
	     "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"),
	COPY("crawl_robots", 5, "origin, status, body, fetched, expires",
	     "?, ?, ?, ?, ?"),
	COPY("crawl_runs", 13,
	     "id, started, finished, state, fetched, not_modified, unchanged,"
	     " failed, skipped, stored, new_rumors, changed_rumors,"
	     " rumor_max_id",
	     "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"),
	COPY("crawl_source_runs", 9,
	     "run_id, source, fetched, not_modified, unchanged, failed,"
	     " skipped, stored, last_error",
	     "?, ?, ?, ?, ?, ?, ?, ?, ?"),
};
#define NTABLES (sizeof(tables) / sizeof(tables[0]))

/* After rows came with their ids, PostgreSQL's identity counters
 * continue past them (SQLite's rowids need nothing). */
static const char *const pg_identity_sql[] = {
	"SELECT setval(pg_get_serial_sequence('sources', 'id'),"
	" (SELECT coalesce(max(id), 0) + 1 FROM sources), false)",
	"SELECT setval(pg_get_serial_sequence('articles', 'id'),"
	" (SELECT coalesce(max(id), 0) + 1 FROM articles), false)",
	"SELECT setval(pg_get_serial_sequence('entities', 'id'),"
	" (SELECT coalesce(max(id), 0) + 1 FROM entities), false)",
	"SELECT setval(pg_get_serial_sequence('rumors', 'id'),"
	" (SELECT coalesce(max(id), 0) + 1 FROM rumors), false)",
	"SELECT setval(pg_get_serial_sequence('evidence', 'id'),"
	" (SELECT coalesce(max(id), 0) + 1 FROM evidence), false)",
	"SELECT setval(pg_get_serial_sequence('crawl_starts', 'id'),"
	" (SELECT coalesce(max(id), 0) + 1 FROM crawl_starts), false)",
	"SELECT setval(pg_get_serial_sequence('crawl_frontier', 'id'),"
	" (SELECT coalesce(max(id), 0) + 1 FROM crawl_frontier), false)",
	"SELECT setval(pg_get_serial_sequence('crawl_runs', 'id'),"
	" (SELECT coalesce(max(id), 0) + 1 FROM crawl_runs), false)",
};

/* Column I of the row FROM is on, bound as parameter I + 1 of TO. */
static void
bind_column(struct db_stmt *from, struct db_stmt *to, int i)
{
	size_t n;
	const void *p;

	switch (db_column_type(from, i)) {
	case DB_TYPE_NULL: db_bind_null(to, i + 1); break;
	case DB_TYPE_INT: db_bind_int64(to, i + 1, db_column_int64(from, i));
		break;
	case DB_TYPE_FLOAT:
		db_bind_double(to, i + 1, db_column_double(from, i));
		break;
	case DB_TYPE_BLOB:
		p = db_column_blob(from, i, &n);
		db_bind_blob(to, i + 1, p ? p : "", n);
		break;
	case DB_TYPE_TEXT:
		p = db_column_text(from, i);
		db_bind_textn(to, i + 1, p, strlen(p));
		break;
	}
}

static int
copy_table(struct store *from, struct store *to, const struct copy_table *t,
	   long long *rows)
{
	struct db_stmt *r = NULL, *w = NULL;
	int rc = 0, step;

	*rows = 0;
	if (store_prepare(from, t->select, &r) ||
	    store_prepare(to, t->insert, &w)) {
		rc = RM_EDB;
		if (r && !w)
			store_fail(from, RM_EDB, "%s", store_errmsg(to));
		goto out;
	}
	while (!rc && (step = db_step(r)) == DB_ROW) {
		for (int i = 0; i < t->ncols; i++)
			bind_column(r, w, i);
		rc = store_exec_stmt(to, w, "writing a row");
		if (rc)
			store_fail(from, RM_EDB, "%s: %s", t->name,
				   store_errmsg(to));
		(*rows)++;
	}
	if (!rc && step != DB_DONE)
		rc = store_fail_db(from, t->name);
out:
	db_finalize(r);
	db_finalize(w);
	return rc;
}

/* 0 when TO holds no rows a copy would collide with. */
static int
check_empty(struct store *from, struct store *to)
{
	long long n = 0;
	struct db_stmt *s = NULL;
	int rc;

	rc = store_prepare(to, "SELECT (SELECT count(*) FROM sources)"
			       " + (SELECT count(*) FROM crawl_starts)"
			       " + (SELECT count(*) FROM crawl_runs)", &s);
	if (!rc)
		rc = store_lookup_int(to, s, "counting rows", &n);
	db_finalize(s);
	if (rc)
		return store_fail(from, RM_EDB, "%s", store_errmsg(to));
	if (n > 0)
		return store_fail(from, RM_EINVAL,
				  "the target database is not empty");
	return 0;
}

int
store_copy(struct store *from, struct store *to,
	   void (*progress)(const char *table, long long rows, void *arg),
	   void *arg)
{
	int rc;

	if (to->flags & STORE_READONLY)
		return store_fail(from, RM_EINVAL, "the target is read-only");
	rc = check_empty(from, to);
	if (rc)
		return rc;
	/* One snapshot of the source; the target all or nothing. */
	if (db_exec(from->db, "BEGIN") != DB_OK)
		return store_fail_db(from, "reading the source");
	if (store_exec_stmt(to, to->stmt[SQ_BEGIN], "starting a transaction")) {
		db_exec(from->db, "ROLLBACK");
		return store_fail(from, RM_EDB, "%s", store_errmsg(to));
	}
	for (size_t i = 0; !rc && i < NTABLES; i++) {
		long long rows;

		rc = copy_table(from, to, &tables[i], &rows);
		if (!rc && progress)
			progress(tables[i].name, rows, arg);
	}
	for (size_t i = 0; !rc && db_kind(to->db) == DB_POSTGRESQL &&
			   i < sizeof(pg_identity_sql) / sizeof(*pg_identity_sql);
	     i++)
		if (db_exec(to->db, pg_identity_sql[i]) != DB_OK)
			rc = store_fail(from, RM_EDB, "setting counters: %s",
					db_errmsg(to->db));
	if (!rc && store_exec_stmt(to, to->stmt[SQ_COMMIT], "committing"))
		rc = store_fail(from, RM_EDB, "%s", store_errmsg(to));
	if (rc)
		store_exec_stmt(to, to->stmt[SQ_ROLLBACK], "rolling back");
	db_exec(from->db, "ROLLBACK");
	return rc;
}
