/*
 * The SQLite store against real database files in a temporary folder:
 * schema creation and migration, what store_put_article keeps and
 * forgets, the dates and counts it maintains, every query filter (one
 * row per behaviour) and read-only access while a writer holds the
 * lock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>
#include <sqlite3.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/errors.h"
#include "common/rumor.h"
#include "store/store.h"

static char tmpdir[256];

static const char *
db_path(const char *name)
{
	static char path[512];

	snprintf(path, sizeof(path), "%s/%s.db", tmpdir, name);
	return path;
}

static int
group_setup(void **state)
{
	const char *base = getenv("TMPDIR");

	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "%s/test_store.XXXXXX",
		 base && *base ? base : "/tmp");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int
group_teardown(void **state)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	char path[512];

	(void)state;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", tmpdir, e->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	return rmdir(tmpdir);
}

static struct store *
open_store(const char *name, unsigned flags)
{
	struct store *st = NULL;
	char *err = NULL;
	int rc = store_open(db_path(name), flags, &st, &err);

	if (rc)
		fail_msg("store_open %s: %s", name, err);
	return st;
}

/* Direct SQL on the file, as a user with sqlite3 would. */
static long long
raw_int(const char *name, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	long long v = -1;

	assert_int_equal(sqlite3_open(db_path(name), &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

static int
raw_exec(const char *name, const char *sql)
{
	sqlite3 *db = NULL;
	int rc;

	assert_int_equal(sqlite3_open(db_path(name), &db), SQLITE_OK);
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc;
}

static void
assert_counts(struct store *st, long long articles, long long devices,
	      long long chipsets, long long rumors, long long evidence)
{
	struct store_counts c;

	assert_int_equal(store_counts(st, &c), 0);
	assert_int_equal(c.articles, articles);
	assert_int_equal(c.devices, devices);
	assert_int_equal(c.chipsets, chipsets);
	assert_int_equal(c.rumors, rumors);
	assert_int_equal(c.evidence, evidence);
}

/* ---- schema, open and migration ---- */

static void
test_create_and_migrate(void **state)
{
	struct store *st = open_store("create", 0);

	(void)state;
	assert_counts(st, 0, 0, 0, 0, 0);
	store_close(st);
	assert_int_equal(raw_int("create", "PRAGMA user_version"), 1);
	assert_int_equal(raw_int("create", "PRAGMA application_id"),
			 0x524d494c);
	/* WAL is a property of the file: it stays after close. */
	assert_int_equal(raw_int("create", "SELECT journal_mode = 'wal'"
					   " FROM pragma_journal_mode"),
			 1);
	assert_int_equal(raw_int("create",
				 "SELECT count(*) FROM sqlite_schema WHERE"
				 " name IN ('articles', 'sources', 'entities',"
				 " 'devices', 'chipsets', 'entity_keys',"
				 " 'aliases', 'rumors', 'evidence',"
				 " 'articles_fts')"),
			 10);
}

struct refuse_case {
	const char *name;
	const char *setup_sql; /* run on a fresh file; NULL: no file */
	unsigned flags;
	int rc;
	const char *msg;
};

static const struct refuse_case refuse_cases[] = {
	{ "newer schema version", "PRAGMA user_version = 99", 0, RM_EDB,
	  "newer than this program knows" },
	{ "newer schema version read-only", "PRAGMA user_version = 2",
	  STORE_READONLY, RM_EDB, "newer than this program knows" },
	{ "someone else's database", "CREATE TABLE t(x)", 0, RM_EDB,
	  "not a rumormill database" },
	{ "versioned but not ours", "PRAGMA user_version = 1", 0, RM_EDB,
	  "not a rumormill database" },
	{ "read-only missing file", NULL, STORE_READONLY, RM_EIO,
	  "cannot open" },
	{ "read-only empty database", "PRAGMA user_version = 0",
	  STORE_READONLY, RM_EDB, "no rumormill database" },
};

static void
test_open_refusals(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(refuse_cases) / sizeof(refuse_cases[0]);
	     i++) {
		const struct refuse_case *rc = &refuse_cases[i];
		char name[32];
		struct store *st = NULL;
		char *err = NULL;
		int got;

		snprintf(name, sizeof(name), "refuse%zu", i);
		if (rc->setup_sql)
			assert_int_equal(raw_exec(name, rc->setup_sql),
					 SQLITE_OK);
		got = store_open(db_path(name), rc->flags, &st, &err);
		if (got != rc->rc || st || !err || !strstr(err, rc->msg) ||
		    !strstr(err, db_path(name)))
			fail_msg("%s: rc %d err %s", rc->name, got,
				 err ? err : "(none)");
		free(err);
		/* A refused file is left as it was. */
		if (rc->setup_sql && rc->flags == 0)
			assert_int_equal(raw_int(name, "SELECT count(*) FROM"
						       " sqlite_schema WHERE"
						       " name = 'rumors'"),
					 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_and_migrate),
		cmocka_unit_test(test_open_refusals),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
