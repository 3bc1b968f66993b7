/*
 * The schema and its migrations.  PRAGMA user_version holds the number
 * of steps applied; step N+1 is one more entry in `migrations`.  The
 * missing steps and the version bump run in one transaction, so a crash
 * leaves the database at the version it had.  docs/schema.md
 * describes every table; keep the two in step.
 */
#include <stdio.h>
#include <string.h>

#include "common/errors.h"
#include "store/store_priv.h"

/* "RMIL" in the header's application_id field marks our files. */
#define SCHEMA_APP_ID 0x524d494c

static const char schema_v1[] =
	"CREATE TABLE sources ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE);"

	"CREATE TABLE articles ("
	" id INTEGER PRIMARY KEY,"
	" url TEXT NOT NULL UNIQUE,"
	" source_id INTEGER NOT NULL REFERENCES sources(id),"
	" published TEXT,"
	" added TEXT NOT NULL,"
	" updated TEXT NOT NULL,"
	" content_hash TEXT NOT NULL,"
	/* The day an article counts for: published, else first stored. */
	" dated TEXT GENERATED ALWAYS AS"
	"  (coalesce(published, substr(added, 1, 10))) VIRTUAL,"
	" author TEXT,"
	" title TEXT NOT NULL DEFAULT '',"
	/* Last, so reading the columns above never walks its overflow. */
	" text TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX articles_source ON articles(source_id);"

	"CREATE VIRTUAL TABLE articles_fts USING fts5(title, text,"
	" content = 'articles', content_rowid = 'id',"
	" tokenize = 'unicode61 remove_diacritics 2');"
	"CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
	" INSERT INTO articles_fts(rowid, title, text)"
	"  VALUES (new.id, new.title, new.text);"
	" END;"
	"CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
	" INSERT INTO articles_fts(articles_fts, rowid, title, text)"
	"  VALUES ('delete', old.id, old.title, old.text);"
	" END;"
	"CREATE TRIGGER articles_fts_update AFTER UPDATE OF id, title, text"
	" ON articles WHEN old.id IS NOT new.id OR old.title IS NOT new.title"
	" OR old.text IS NOT new.text BEGIN"
	" INSERT INTO articles_fts(articles_fts, rowid, title, text)"
	"  VALUES ('delete', old.id, old.title, old.text);"
	" INSERT INTO articles_fts(rowid, title, text)"
	"  VALUES (new.id, new.title, new.text);"
	" END;"

	"CREATE TABLE entities ("
	" id INTEGER PRIMARY KEY,"
	" kind TEXT NOT NULL CHECK (kind IN ('device', 'chipset')),"
	" name TEXT NOT NULL,"
	" brand TEXT NOT NULL DEFAULT '' COLLATE NOCASE,"
	" key TEXT NOT NULL,"
	" UNIQUE (kind, name));"
	"CREATE INDEX entities_brand ON entities(brand);"
	"CREATE VIEW devices AS SELECT id, name, brand, key FROM entities"
	" WHERE kind = 'device';"
	"CREATE VIEW chipsets AS SELECT id, name, brand AS vendor, key"
	" FROM entities WHERE kind = 'chipset';"

	"CREATE TABLE entity_keys ("
	" key TEXT NOT NULL,"
	" entity_id INTEGER NOT NULL REFERENCES entities(id)"
	"  ON DELETE CASCADE,"
	" PRIMARY KEY (key, entity_id)) WITHOUT ROWID;"
	"CREATE INDEX entity_keys_entity ON entity_keys(entity_id);"

	"CREATE TABLE aliases ("
	" key TEXT PRIMARY KEY,"
	" alias TEXT NOT NULL,"
	" entity_id INTEGER NOT NULL REFERENCES entities(id)"
	"  ON DELETE CASCADE);"
	"CREATE INDEX aliases_entity ON aliases(entity_id);"

	"CREATE TABLE rumors ("
	" id INTEGER PRIMARY KEY,"
	" subject_id INTEGER NOT NULL REFERENCES entities(id),"
	" attribute TEXT NOT NULL,"
	" value TEXT NOT NULL,"
	" qualifier TEXT NOT NULL DEFAULT '',"
	" object_id INTEGER REFERENCES entities(id),"
	" first_seen TEXT NOT NULL DEFAULT '',"
	" last_seen TEXT NOT NULL DEFAULT '',"
	" sources INTEGER NOT NULL DEFAULT 0,"
	" UNIQUE (subject_id, attribute, value, qualifier));"
	/* Partial: the NULLs would make it look useless to the planner. */
	"CREATE INDEX rumors_object ON rumors(object_id)"
	" WHERE object_id IS NOT NULL;"
	"CREATE INDEX rumors_last_seen ON rumors(last_seen);"
	"CREATE INDEX rumors_attribute ON rumors(attribute, last_seen);"

	"CREATE TABLE evidence ("
	" id INTEGER PRIMARY KEY,"
	" rumor_id INTEGER NOT NULL REFERENCES rumors(id) ON DELETE CASCADE,"
	" article_id INTEGER NOT NULL REFERENCES articles(id)"
	"  ON DELETE CASCADE,"
	" cue TEXT NOT NULL DEFAULT '',"
	" UNIQUE (rumor_id, article_id));"
	"CREATE INDEX evidence_article ON evidence(article_id, rumor_id);";

/* The crawl's state (store/crawlstate.c); times are Unix seconds. */
static const char schema_v2[] =
	"CREATE TABLE crawl_starts ("
	" id INTEGER PRIMARY KEY,"
	" source TEXT NOT NULL,"
	" url TEXT NOT NULL,"
	" parent_id INTEGER REFERENCES crawl_starts(id) ON DELETE CASCADE,"
	" kind TEXT NOT NULL DEFAULT '',"
	" etag TEXT,"
	" last_modified TEXT,"
	" last_fetched INTEGER,"
	" last_status INTEGER,"
	" last_error TEXT,"
	" next_due INTEGER NOT NULL DEFAULT 0,"
	" failures INTEGER NOT NULL DEFAULT 0,"
	" UNIQUE (source, url));"

	"CREATE TABLE crawl_frontier ("
	" id INTEGER PRIMARY KEY,"
	" url TEXT NOT NULL UNIQUE,"
	" source TEXT NOT NULL,"
	" found_on TEXT,"
	" lastmod INTEGER,"
	" state TEXT NOT NULL DEFAULT 'pending'"
	"  CHECK (state IN ('pending', 'done', 'failed', 'skipped')),"
	" attempts INTEGER NOT NULL DEFAULT 0,"
	" etag TEXT,"
	" last_modified TEXT,"
	" body_hash TEXT,"
	" added INTEGER NOT NULL,"
	" last_fetched INTEGER,"
	" last_status INTEGER,"
	" last_error TEXT,"
	" article_url TEXT,"
	" stored_run INTEGER);"
	"CREATE INDEX crawl_frontier_todo ON crawl_frontier(source, state);"
	"CREATE INDEX crawl_frontier_article ON crawl_frontier(article_url);"
	"CREATE INDEX crawl_frontier_run ON crawl_frontier(stored_run);"

	"CREATE TABLE crawl_robots ("
	" origin TEXT PRIMARY KEY,"
	" status INTEGER NOT NULL,"
	" body BLOB,"
	" fetched INTEGER NOT NULL,"
	" expires INTEGER NOT NULL);"

	"CREATE TABLE crawl_runs ("
	" id INTEGER PRIMARY KEY,"
	" started TEXT NOT NULL,"
	" finished TEXT,"
	" state TEXT NOT NULL DEFAULT 'running'"
	"  CHECK (state IN ('running', 'done', 'interrupted')),"
	" fetched INTEGER NOT NULL DEFAULT 0,"
	" not_modified INTEGER NOT NULL DEFAULT 0,"
	" unchanged INTEGER NOT NULL DEFAULT 0,"
	" failed INTEGER NOT NULL DEFAULT 0,"
	" skipped INTEGER NOT NULL DEFAULT 0,"
	" stored INTEGER NOT NULL DEFAULT 0,"
	" new_rumors INTEGER NOT NULL DEFAULT 0,"
	" changed_rumors INTEGER NOT NULL DEFAULT 0,"
	" rumor_max_id INTEGER);"

	"CREATE TABLE crawl_source_runs ("
	" run_id INTEGER NOT NULL REFERENCES crawl_runs(id) ON DELETE CASCADE,"
	" source TEXT NOT NULL,"
	" fetched INTEGER NOT NULL DEFAULT 0,"
	" not_modified INTEGER NOT NULL DEFAULT 0,"
	" unchanged INTEGER NOT NULL DEFAULT 0,"
	" failed INTEGER NOT NULL DEFAULT 0,"
	" skipped INTEGER NOT NULL DEFAULT 0,"
	" stored INTEGER NOT NULL DEFAULT 0,"
	" last_error TEXT,"
	" PRIMARY KEY (run_id, source)) WITHOUT ROWID;"
	"CREATE INDEX crawl_source_runs_source ON crawl_source_runs(source);";

/*
 * Copies, corroboration and confidence (store/articles.c, score.c).
 * article_prints lives beside articles, not in it, so that reading a
 * copy's site never walks the overflow pages of the article's text.
 * Rows for articles stored before this step get their site here and
 * their fingerprints when stored again; meta asks store_open to rescore
 * every rumor once.
 */
static const char schema_v3[] =
	"ALTER TABLE sources ADD COLUMN weight REAL NOT NULL DEFAULT 1.0;"

	"CREATE TABLE article_prints ("
	" article_id INTEGER PRIMARY KEY REFERENCES articles(id)"
	"  ON DELETE CASCADE,"
	" site TEXT NOT NULL,"
	" body_hash INTEGER,"
	" simhash INTEGER,"
	" origin_id INTEGER NOT NULL,"
	" copy_kind TEXT CHECK (copy_kind IN ('exact', 'near')),"
	" group_site TEXT NOT NULL);"
	"CREATE INDEX article_prints_body ON article_prints(body_hash)"
	" WHERE body_hash IS NOT NULL;"
	"CREATE INDEX article_prints_origin ON article_prints(origin_id);"
	"CREATE TABLE simhash_bands ("
	" band INTEGER NOT NULL,"
	" article_id INTEGER NOT NULL REFERENCES articles(id)"
	"  ON DELETE CASCADE,"
	" simhash INTEGER NOT NULL,"
	" PRIMARY KEY (band, article_id)) WITHOUT ROWID;"
	"CREATE INDEX simhash_bands_article ON simhash_bands(article_id);"
	"INSERT INTO article_prints(article_id, site, origin_id, group_site)"
	" SELECT id, site, id, site FROM (SELECT id, CASE"
	"  WHEN host = '' THEN url"
	"  WHEN host LIKE 'www.%' THEN substr(host, 5)"
	"  WHEN host LIKE 'm.%' THEN substr(host, 3)"
	"  ELSE host END AS site"
	" FROM (SELECT id, url, lower(substr(hp, 1,"
	"  instr(hp || ':', ':') - 1)) AS host"
	"  FROM (SELECT id, url, substr(rest, 1,"
	"   instr(rest || '/', '/') - 1) AS hp"
	"   FROM (SELECT id, url, substr(url, instr(url, '://') + 3)"
	"    AS rest FROM articles))));"

	"ALTER TABLE evidence ADD COLUMN certainty REAL NOT NULL DEFAULT 1.0;"

	"ALTER TABLE rumors ADD COLUMN independent_sources INTEGER NOT NULL"
	" DEFAULT 0;"
	"ALTER TABLE rumors ADD COLUMN support REAL NOT NULL DEFAULT 0;"
	"ALTER TABLE rumors ADD COLUMN contested INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE rumors ADD COLUMN first_article_id INTEGER"
	" REFERENCES articles(id) ON DELETE SET NULL;"
	"ALTER TABLE rumors ADD COLUMN created_at TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE rumors ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';"
	"UPDATE rumors SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),"
	" changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');"
	"CREATE INDEX rumors_changed ON rumors(changed_at);"
	"CREATE INDEX rumors_contested ON rumors(subject_id) WHERE contested;"
	/* Sources' first reports; and deleting an article finds its rows. */
	"CREATE INDEX rumors_first_article ON rumors(first_article_id)"
	" WHERE first_article_id IS NOT NULL;"

	"CREATE TABLE meta ("
	" key TEXT PRIMARY KEY,"
	" value NOT NULL) WITHOUT ROWID;"
	"INSERT INTO meta(key, value) VALUES ('rescore', 1);";

/*
 * Paragraph fingerprints (store/prints.c): a copy that adds a credit
 * line or cuts the end shares most paragraphs verbatim with its
 * original even when its SimHash is far.
 */
static const char schema_v4[] =
	"CREATE TABLE paragraph_prints ("
	" hash INTEGER NOT NULL,"
	" article_id INTEGER NOT NULL REFERENCES articles(id)"
	"  ON DELETE CASCADE,"
	" words INTEGER NOT NULL,"
	" PRIMARY KEY (hash, article_id)) WITHOUT ROWID;"
	"CREATE INDEX paragraph_prints_article"
	" ON paragraph_prints(article_id);";

/*
 * Redirects are followed by the crawl (crawler/redirect.h): where a
 * permanent one (301, 308) sent a frontier URL, so the next fetch of it
 * goes there directly.
 */
static const char schema_v5[] =
	"ALTER TABLE crawl_frontier ADD COLUMN redirect_url TEXT;";


/*
 * PostgreSQL: the same tables, columns and names as SQLite's version 6
 * (docs/schema.md), in PostgreSQL's types.  The full-text index is a
 * tsvector column instead of FTS5; a few SQLite functions the queries
 * use are defined here so the store's SQL is one text for both.
 * rumormill_schema holds the version; later steps are appended to
 * pg_migrations beside the SQLite ones.
 */
static const char pg_schema_v6[] =
	/* SQLite's strftime('%Y-%m-%dT%H:%M:%SZ', 'now' | N, 'unixepoch'),
	 * the only formats the store writes. */
	"CREATE FUNCTION strftime(fmt text, t text) RETURNS text"
	" LANGUAGE sql STABLE AS $$ SELECT to_char(CASE WHEN t = 'now'"
	"  THEN statement_timestamp() ELSE t::timestamptz END"
	"  AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') $$;"
	"CREATE FUNCTION strftime(fmt text, t bigint, unit text) RETURNS text"
	" LANGUAGE sql IMMUTABLE AS $$ SELECT to_char(to_timestamp(t)"
	"  AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') $$;"
	"CREATE FUNCTION instr(a text, b text) RETURNS integer"
	" LANGUAGE sql IMMUTABLE AS $$ SELECT strpos(a, b) $$;"
	"CREATE FUNCTION max(a bigint, b bigint) RETURNS bigint"
	" LANGUAGE sql IMMUTABLE AS $$ SELECT greatest(a, b) $$;"
	"CREATE FUNCTION min(a bigint, b bigint) RETURNS bigint"
	" LANGUAGE sql IMMUTABLE AS $$ SELECT least(a, b) $$;"
	"CREATE AGGREGATE total(double precision) (sfunc = float8pl,"
	" stype = double precision, initcond = '0');"
	/* SQLite's NOCASE: equal and sorted regardless of case. */
	"CREATE COLLATION nocase (provider = icu,"
	" locale = 'und-u-ks-level2', deterministic = false);"

	"CREATE TABLE sources ("
	" id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE,"
	" weight DOUBLE PRECISION NOT NULL DEFAULT 1.0);"

	"CREATE TABLE articles ("
	" id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	" url TEXT NOT NULL UNIQUE,"
	" source_id BIGINT NOT NULL REFERENCES sources(id),"
	" published TEXT,"
	" added TEXT NOT NULL,"
	" updated TEXT NOT NULL,"
	" content_hash TEXT NOT NULL,"
	" dated TEXT GENERATED ALWAYS AS"
	"  (coalesce(published, substr(added, 1, 10))) STORED,"
	" author TEXT,"
	" title TEXT NOT NULL DEFAULT '',"
	" text TEXT NOT NULL DEFAULT '',"
	/* Bounded: a tsvector holds at most 1 MB. */
	" fts tsvector GENERATED ALWAYS AS (to_tsvector('simple',"
	"  left(title || ' ' || text, 200000))) STORED);"
	"CREATE INDEX articles_source ON articles(source_id);"
	"CREATE INDEX articles_fts ON articles USING gin(fts);"

	"CREATE TABLE entities ("
	" id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	" kind TEXT NOT NULL CHECK (kind IN ('device', 'chipset')),"
	" name TEXT NOT NULL,"
	" brand TEXT NOT NULL DEFAULT '' COLLATE nocase,"
	" key TEXT NOT NULL,"
	" UNIQUE (kind, name));"
	"CREATE INDEX entities_brand ON entities(brand);"
	"CREATE VIEW devices AS SELECT id, name, brand, key FROM entities"
	" WHERE kind = 'device';"
	"CREATE VIEW chipsets AS SELECT id, name, brand AS vendor, key"
	" FROM entities WHERE kind = 'chipset';"

	"CREATE TABLE entity_keys ("
	" key TEXT NOT NULL,"
	" entity_id BIGINT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,"
	" PRIMARY KEY (key, entity_id));"
	"CREATE INDEX entity_keys_entity ON entity_keys(entity_id);"

	"CREATE TABLE aliases ("
	" key TEXT PRIMARY KEY,"
	" alias TEXT NOT NULL,"
	" entity_id BIGINT NOT NULL REFERENCES entities(id)"
	"  ON DELETE CASCADE);"
	"CREATE INDEX aliases_entity ON aliases(entity_id);"

	"CREATE TABLE rumors ("
	" id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	" subject_id BIGINT NOT NULL REFERENCES entities(id),"
	" attribute TEXT NOT NULL,"
	" value TEXT NOT NULL,"
	" qualifier TEXT NOT NULL DEFAULT '',"
	" object_id BIGINT REFERENCES entities(id),"
	" first_seen TEXT NOT NULL DEFAULT '',"
	" last_seen TEXT NOT NULL DEFAULT '',"
	" sources BIGINT NOT NULL DEFAULT 0,"
	" independent_sources BIGINT NOT NULL DEFAULT 0,"
	" support DOUBLE PRECISION NOT NULL DEFAULT 0,"
	" contested BIGINT NOT NULL DEFAULT 0,"
	" first_article_id BIGINT REFERENCES articles(id) ON DELETE SET NULL,"
	" created_at TEXT NOT NULL DEFAULT '',"
	" changed_at TEXT NOT NULL DEFAULT '',"
	" UNIQUE (subject_id, attribute, value, qualifier));"
	"CREATE INDEX rumors_object ON rumors(object_id)"
	" WHERE object_id IS NOT NULL;"
	"CREATE INDEX rumors_last_seen ON rumors(last_seen);"
	"CREATE INDEX rumors_attribute ON rumors(attribute, last_seen);"
	"CREATE INDEX rumors_changed ON rumors(changed_at);"
	"CREATE INDEX rumors_contested ON rumors(subject_id)"
	" WHERE contested <> 0;"
	"CREATE INDEX rumors_first_article ON rumors(first_article_id)"
	" WHERE first_article_id IS NOT NULL;"

	"CREATE TABLE evidence ("
	" id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	" rumor_id BIGINT NOT NULL REFERENCES rumors(id) ON DELETE CASCADE,"
	" article_id BIGINT NOT NULL REFERENCES articles(id)"
	"  ON DELETE CASCADE,"
	" cue TEXT NOT NULL DEFAULT '',"
	" certainty DOUBLE PRECISION NOT NULL DEFAULT 1.0,"
	" UNIQUE (rumor_id, article_id));"
	"CREATE INDEX evidence_article ON evidence(article_id, rumor_id);"

	"CREATE TABLE crawl_starts ("
	" id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	" source TEXT NOT NULL,"
	" url TEXT NOT NULL,"
	" parent_id BIGINT REFERENCES crawl_starts(id) ON DELETE CASCADE,"
	" kind TEXT NOT NULL DEFAULT '',"
	" etag TEXT,"
	" last_modified TEXT,"
	" last_fetched BIGINT,"
	" last_status BIGINT,"
	" last_error TEXT,"
	" next_due BIGINT NOT NULL DEFAULT 0,"
	" failures BIGINT NOT NULL DEFAULT 0,"
	" claimed_by BIGINT,"
	" UNIQUE (source, url));"

	"CREATE TABLE crawl_frontier ("
	" id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	" url TEXT NOT NULL UNIQUE,"
	" source TEXT NOT NULL,"
	" found_on TEXT,"
	" lastmod BIGINT,"
	" state TEXT NOT NULL DEFAULT 'pending'"
	"  CHECK (state IN ('pending', 'done', 'failed', 'skipped')),"
	" attempts BIGINT NOT NULL DEFAULT 0,"
	" etag TEXT,"
	" last_modified TEXT,"
	" body_hash TEXT,"
	" added BIGINT NOT NULL,"
	" last_fetched BIGINT,"
	" last_status BIGINT,"
	" last_error TEXT,"
	" article_url TEXT,"
	" stored_run BIGINT,"
	" redirect_url TEXT,"
	/* Crawls sharing the database: whose the row is, and until when. */
	" claimed_until BIGINT,"
	" claimed_by BIGINT);"
	"CREATE INDEX crawl_frontier_todo ON crawl_frontier(source, state);"
	"CREATE INDEX crawl_frontier_article ON crawl_frontier(article_url);"
	"CREATE INDEX crawl_frontier_run ON crawl_frontier(stored_run);"

	/* When each host may next be asked, for every crawl (ms, on the
	 * server's clock), and the crawl whose request holds it. */
	"CREATE TABLE crawl_hosts ("
	" host TEXT PRIMARY KEY,"
	" next_at BIGINT NOT NULL,"
	" holder BIGINT);"

	"CREATE TABLE crawl_robots ("
	" origin TEXT PRIMARY KEY,"
	" status BIGINT NOT NULL,"
	" body BYTEA,"
	" fetched BIGINT NOT NULL,"
	" expires BIGINT NOT NULL);"

	"CREATE TABLE crawl_runs ("
	" id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	" started TEXT NOT NULL,"
	" finished TEXT,"
	" state TEXT NOT NULL DEFAULT 'running'"
	"  CHECK (state IN ('running', 'done', 'interrupted')),"
	" fetched BIGINT NOT NULL DEFAULT 0,"
	" not_modified BIGINT NOT NULL DEFAULT 0,"
	" unchanged BIGINT NOT NULL DEFAULT 0,"
	" failed BIGINT NOT NULL DEFAULT 0,"
	" skipped BIGINT NOT NULL DEFAULT 0,"
	" stored BIGINT NOT NULL DEFAULT 0,"
	" new_rumors BIGINT NOT NULL DEFAULT 0,"
	" changed_rumors BIGINT NOT NULL DEFAULT 0,"
	" rumor_max_id BIGINT);"

	"CREATE TABLE crawl_source_runs ("
	" run_id BIGINT NOT NULL REFERENCES crawl_runs(id) ON DELETE CASCADE,"
	" source TEXT NOT NULL,"
	" fetched BIGINT NOT NULL DEFAULT 0,"
	" not_modified BIGINT NOT NULL DEFAULT 0,"
	" unchanged BIGINT NOT NULL DEFAULT 0,"
	" failed BIGINT NOT NULL DEFAULT 0,"
	" skipped BIGINT NOT NULL DEFAULT 0,"
	" stored BIGINT NOT NULL DEFAULT 0,"
	" last_error TEXT,"
	" PRIMARY KEY (run_id, source));"
	"CREATE INDEX crawl_source_runs_source ON crawl_source_runs(source);"

	"CREATE TABLE article_prints ("
	" article_id BIGINT PRIMARY KEY REFERENCES articles(id)"
	"  ON DELETE CASCADE,"
	" site TEXT NOT NULL,"
	" body_hash BIGINT,"
	" simhash BIGINT,"
	" origin_id BIGINT NOT NULL,"
	" copy_kind TEXT CHECK (copy_kind IN ('exact', 'near')),"
	" group_site TEXT NOT NULL);"
	"CREATE INDEX article_prints_body ON article_prints(body_hash)"
	" WHERE body_hash IS NOT NULL;"
	"CREATE INDEX article_prints_origin ON article_prints(origin_id);"
	"CREATE TABLE simhash_bands ("
	" band BIGINT NOT NULL,"
	" article_id BIGINT NOT NULL REFERENCES articles(id)"
	"  ON DELETE CASCADE,"
	" simhash BIGINT NOT NULL,"
	" PRIMARY KEY (band, article_id));"
	"CREATE INDEX simhash_bands_article ON simhash_bands(article_id);"

	"CREATE TABLE paragraph_prints ("
	" hash BIGINT NOT NULL,"
	" article_id BIGINT NOT NULL REFERENCES articles(id)"
	"  ON DELETE CASCADE,"
	" words BIGINT NOT NULL,"
	" PRIMARY KEY (hash, article_id));"
	"CREATE INDEX paragraph_prints_article"
	" ON paragraph_prints(article_id);"

	"CREATE TABLE meta ("
	" key TEXT PRIMARY KEY,"
	" value TEXT NOT NULL);";

/* PostgreSQL's steps: entry N brings the schema to version N + 1;
 * the first creates version 6 at once. */
static const char *const pg_migrations[] = {
	pg_schema_v6,
};
#define PG_FIRST_VERSION 6
#define PG_SCHEMA_VERSION \
	(PG_FIRST_VERSION - 1 + \
	 (int)(sizeof(pg_migrations) / sizeof(pg_migrations[0])))

/*
 * Crawls sharing a PostgreSQL database claim their work in these
 * (store/crawlstate.c); a SQLite file, crawled by one crawl at a time,
 * has them too, empty, so both keep one schema.
 */
static const char schema_v6[] =
	"ALTER TABLE crawl_frontier ADD COLUMN claimed_until INTEGER;"
	"ALTER TABLE crawl_frontier ADD COLUMN claimed_by INTEGER;"
	"ALTER TABLE crawl_starts ADD COLUMN claimed_by INTEGER;"
	"CREATE TABLE crawl_hosts ("
	" host TEXT PRIMARY KEY,"
	" next_at INTEGER NOT NULL,"
	" holder INTEGER) WITHOUT ROWID;";

static const char *const migrations[] = {
	schema_v1,
	schema_v2,
	schema_v3,
	schema_v4,
	schema_v5,
	schema_v6,
};

#define SCHEMA_VERSION ((int)(sizeof(migrations) / sizeof(migrations[0])))

int
schema_version(void)
{
	return SCHEMA_VERSION;
}

/* Read a one-integer pragma or query. */
static int
query_int(struct store *st, const char *sql, int *out)
{
	struct db_stmt *s = NULL;
	int rc = RM_EDB;

	if (db_prepare(st->db, sql, &s) != DB_OK || db_step(s) != DB_ROW) {
		store_fail_db(st, "reading the schema version");
		goto out;
	}
	*out = db_column_int64(s, 0);
	rc = 0;
out:
	db_finalize(s);
	return rc;
}

/* Can this program use a database at VERSION, its own being CURRENT? */
static int
check_version(struct store *st, int version, int current)
{
	if (version > current)
		return store_fail(st, RM_EDB,
				  "database schema version %d is newer than "
				  "this program knows (%d); use a newer "
				  "rumormill",
				  version, current);
	if ((st->flags & STORE_READONLY) && version == 0)
		return store_fail(st, RM_EDB, "no rumormill database here yet: "
					      "run `rumormill crawl` or "
					      "`rumormill import` first");
	if ((st->flags & STORE_READONLY) && version < current)
		return store_fail(st, RM_EDB,
				  "database schema version %d is older than "
				  "this program's (%d); open it for writing "
				  "once to upgrade it",
				  version, current);
	return 0;
}

/*
 * Is the file ours at a version we can use?  VERSION is its
 * user_version; a fresh file (version 0) must hold no tables at all.
 */
static int
check_file(struct store *st, int version)
{
	int app_id, tables;
	int rc;

	if (version > SCHEMA_VERSION)
		return check_version(st, version, SCHEMA_VERSION);
	rc = query_int(st, "PRAGMA application_id", &app_id);
	if (!rc)
		rc = query_int(st, "SELECT count(*) FROM sqlite_schema",
			       &tables);
	if (rc)
		return rc;
	if ((version > 0 && app_id != SCHEMA_APP_ID) ||
	    (version == 0 && tables > 0))
		return store_fail(st, RM_EDB, "not a rumormill database");
	return check_version(st, version, SCHEMA_VERSION);
}

/* Apply step VERSION (0-based) and record VERSION + 1. */
static int
apply_step(struct store *st, int version)
{
	char sql[96];

	if (db_exec(st->db, migrations[version]) !=
	    DB_OK)
		return store_fail(st, RM_EDB,
				  "migrating the schema to version %d: %s",
				  version + 1, db_errmsg(st->db));
	/* Pragmas take no parameters; the number is ours, not input. */
	snprintf(sql, sizeof(sql),
		 "PRAGMA application_id = %d; PRAGMA user_version = %d",
		 SCHEMA_APP_ID, version + 1);
	if (db_exec(st->db, sql) != DB_OK)
		return store_fail_db(st, "recording the schema version");
	return 0;
}


/*
 * PostgreSQL: every worker may open the database at once, so the check
 * and the steps run in one transaction under an advisory lock; the
 * version lives in rumormill_schema.
 */
static int
schema_migrate_pg(struct store *st)
{
	int version = 0, rc;

	if (st->flags & STORE_READONLY) {
		int exists = 0;

		rc = query_int(st, "SELECT to_regclass('rumormill_schema')"
				   " IS NOT NULL", &exists);
		if (!rc && exists)
			rc = query_int(st, "SELECT coalesce((SELECT version"
					   " FROM rumormill_schema), 0)",
				       &version);
		if (rc)
			return rc;
		return check_version(st, version, PG_SCHEMA_VERSION);
	}
	if (db_exec(st->db, "BEGIN") != DB_OK)
		return store_fail_db(st, "starting the schema transaction");
	rc = db_exec(st->db, "SELECT pg_advisory_xact_lock(1380796748)") ||
	     db_exec(st->db, "CREATE TABLE IF NOT EXISTS rumormill_schema"
			     " (version integer NOT NULL)")
		     ? store_fail_db(st, "locking the schema")
		     : 0;
	if (!rc)
		rc = query_int(st, "SELECT coalesce((SELECT version FROM"
				   " rumormill_schema), 0)", &version);
	if (!rc)
		rc = check_version(st, version, PG_SCHEMA_VERSION);
	if (!rc && version == 0) {
		if (db_exec(st->db, pg_migrations[0]) != DB_OK ||
		    db_exec(st->db, "INSERT INTO rumormill_schema(version)"
				    " VALUES (6)") != DB_OK)
			rc = store_fail(st, RM_EDB, "creating the schema: %s",
					db_errmsg(st->db));
		version = PG_FIRST_VERSION;
	}
	for (; !rc && version < PG_SCHEMA_VERSION; version++)
		if (db_exec(st->db, pg_migrations[version - PG_FIRST_VERSION + 1])
			    != DB_OK ||
		    db_exec(st->db, "UPDATE rumormill_schema"
				    " SET version = version + 1") != DB_OK)
			rc = store_fail(st, RM_EDB,
					"migrating the schema to version %d: %s",
					version + 1, db_errmsg(st->db));
	if (rc) {
		db_exec(st->db, "ROLLBACK");
		return rc;
	}
	if (db_exec(st->db, "COMMIT") != DB_OK)
		return store_fail_db(st, "committing the schema");
	return 0;
}

int
schema_migrate(struct store *st)
{
	int version, rc;

	if (db_kind(st->db) == DB_POSTGRESQL)
		return schema_migrate_pg(st);

	rc = query_int(st, "PRAGMA user_version", &version);
	if (rc)
		return rc;
	if (version >= SCHEMA_VERSION || (st->flags & STORE_READONLY))
		return check_file(st, version);
	/*
	 * Hold the write lock while checking and migrating, so two
	 * processes opening a fresh file do not both create the schema.
	 */
	if (db_exec(st->db, "BEGIN IMMEDIATE") !=
	    DB_OK)
		return store_fail_db(st, "locking the database to migrate it");
	rc = query_int(st, "PRAGMA user_version", &version);
	if (!rc)
		rc = check_file(st, version);
	for (; !rc && version < SCHEMA_VERSION; version++)
		rc = apply_step(st, version);
	if (rc) {
		db_exec(st->db, "ROLLBACK");
		return rc;
	}
	if (db_exec(st->db, "COMMIT") != DB_OK) {
		rc = store_fail_db(st, "committing the schema");
		db_exec(st->db, "ROLLBACK");
	}
	return rc;
}
