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
#include "store/match.h"
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

/* ---- articles described as data ---- */

struct ent_spec {
	const char *name, *brand;
};

struct claim_spec {
	const char *subject, *attribute, *value, *qualifier;
};

struct art_spec {
	const char *url, *source, *published, *title, *text;
	struct ent_spec devices[4];
	struct ent_spec chipsets[2];
	struct claim_spec claims[5];
};

static void
spec_rumors(const struct art_spec *a, struct rumor_set *rs)
{
	rumor_set_init(rs);
	for (size_t i = 0; i < 4 && a->devices[i].name; i++)
		rumor_set_add_device(rs, a->devices[i].name,
				     a->devices[i].brand);
	for (size_t i = 0; i < 2 && a->chipsets[i].name; i++)
		rumor_set_add_chipset(rs, a->chipsets[i].name,
				      a->chipsets[i].brand);
	for (size_t i = 0; i < 5 && a->claims[i].subject; i++)
		rumor_set_add_claim(rs, a->claims[i].subject,
				    a->claims[i].attribute, a->claims[i].value,
				    a->claims[i].qualifier, "cue sentence.");
}

static int
put_spec(struct store *st, const struct art_spec *spec, long long *id)
{
	struct rumor_set rs;
	struct store_article a = {
		.url = spec->url,
		.source = spec->source,
		.title = spec->title,
		.author = NULL,
		.text = spec->text,
		.published = spec->published,
		.rumors = &rs,
	};
	int rc;

	spec_rumors(spec, &rs);
	rc = store_put_article(st, &a, id);
	rumor_set_free(&rs);
	return rc;
}

static void
put_ok(struct store *st, const struct art_spec *spec)
{
	int rc = put_spec(st, spec, NULL);

	if (rc)
		fail_msg("put %s: %s", spec->url, store_errmsg(st));
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

#define SD8G3 "Snapdragon 8 Gen 3"

static const struct art_spec corpus[] = {
	{ "https://gsm.example/a1", "gsmnews", "2024-01-10",
	  "Xiaomi 14 gets Snapdragon 8 Gen 3",
	  "The Xiaomi 14 will use the Snapdragon 8 Gen 3 chipset.",
	  { { "Xiaomi 14", "Xiaomi" }, { "Xiaomi 14 Pro", "Xiaomi" } },
	  { { SD8G3, "Qualcomm" } },
	  { { "Xiaomi 14", "chipset", SD8G3, NULL },
	    { "Xiaomi 14 Pro", "chipset", SD8G3, NULL } } },
	{ "https://rumors.example/a2", "phonerumors", "2024-02-20",
	  "Xiaomi 140 concept and a launch window",
	  "A Xiaomi 140 concept may launch in China in March or not at all.",
	  { { "Xiaomi 140", "Xiaomi" }, { "Xiaomi 14 Pro", "Xiaomi" } },
	  { { NULL, NULL } },
	  { { "Xiaomi 140", "launch", "2024-03", "China" },
	    { "Xiaomi 14 Pro", "launch", "2024-02", "global" } } },
	{ "https://gsm.example/a3", "gsmnews", "2024-03-05",
	  "Galaxy S24 Ultra chip near final",
	  "Samsung keeps Snapdragon 8 Gen 3 for the Galaxy S24 Ultra and "
	  "Exynos 2400 for the rest; drop table rumors aside.",
	  { { "Galaxy S24 Ultra", "Samsung" }, { "Galaxy S24", "Samsung" } },
	  { { SD8G3, "Qualcomm" }, { "Exynos 2400", "Samsung" } },
	  { { "Galaxy S24 Ultra", "chipset", SD8G3, NULL },
	    { "Galaxy S24", "chipset", "Exynos 2400", NULL } } },
	{ "https://import.example/a4", NULL, "2023-10-24",
	  "Qualcomm announces Snapdragon 8 Gen 3",
	  "Qualcomm unveiled the Snapdragon 8 Gen 3 in October.",
	  { { NULL, NULL } },
	  { { SD8G3, "Qualcomm" } },
	  { { SD8G3, "announce", "2023-10", NULL } } },
	{ "https://rumors.example/a5", "phonerumors", "2024-03-20",
	  "Redmi Note 13 Pro+ battery",
	  "The Redmi Note 13 Pro+ has a 5000 mAh battery.",
	  { { "Redmi Note 13 Pro+", "Xiaomi" },
	    { "Redmi Note 13 Pro", "Xiaomi" } },
	  { { NULL, NULL } },
	  { { "Redmi Note 13 Pro+", "battery", "5000 mAh", NULL },
	    { "Redmi Note 13 Pro", "battery", "5100 mAh", NULL } } },
};

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

static void
test_reopen_keeps_data(void **state)
{
	struct store *st = open_store("reopen", 0);

	(void)state;
	put_ok(st, &corpus[0]);
	store_close(st);
	st = open_store("reopen", 0);
	assert_counts(st, 1, 2, 1, 2, 2);
	store_close(st);
	assert_int_equal(raw_int("reopen", "PRAGMA user_version"), 1);
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

/* ---- store_put_article ---- */

static void
test_put_twice_no_duplicates(void **state)
{
	struct store *st = open_store("twice", 0);
	long long id1 = 0, id2 = 0;

	(void)state;
	assert_int_equal(put_spec(st, &corpus[2], &id1), 0);
	assert_int_equal(put_spec(st, &corpus[2], &id2), 0);
	assert_true(id1 > 0);
	assert_int_equal(id1, id2);
	assert_counts(st, 1, 2, 2, 2, 2);
	store_close(st);
	assert_int_equal(raw_int("twice", "SELECT count(*) FROM sources"), 1);
	assert_int_equal(raw_int("twice", "SELECT max(sources) FROM rumors"),
			 1);
}

static void
test_chipset_claims(void **state)
{
	struct store *st = open_store("chips", 0);
	/* A chipset named only in a claim still becomes a chipset. */
	struct art_spec a = {
		"https://c.example/1", "s", "2024-06-01", "Dimensity",
		"MediaTek Dimensity 9400 in the Vivo X200.",
		{ { "Vivo X200", "Vivo" } }, { { NULL, NULL } },
		{ { "Vivo X200", "chipset", "Dimensity 9400", NULL },
		  { "Dimensity 9400", "announce", "2024-10", NULL } },
	};

	(void)state;
	put_ok(st, &a);
	assert_counts(st, 1, 1, 1, 2, 2);
	/* Later the vendor becomes known and fills the empty brand. */
	a.url = "https://c.example/2";
	a.chipsets[0] = (struct ent_spec){ "Dimensity 9400", "MediaTek" };
	put_ok(st, &a);
	store_close(st);
	assert_int_equal(raw_int("chips", "SELECT count(*) FROM chipsets"
					  " WHERE name = 'Dimensity 9400'"
					  " AND vendor = 'MediaTek'"),
			 1);
	assert_int_equal(raw_int("chips", "SELECT count(*) FROM rumors r"
					  " JOIN chipsets c ON c.id ="
					  " r.object_id"),
			 1);
}

struct bad_put_case {
	const char *name;
	int null_field; /* 0 subject, 1 attribute, 2 value, -1 none */
	const char *url, *published;
	const char *msg;
};

static const struct bad_put_case bad_put_cases[] = {
	{ "claim without a value", 2, "https://f.example/1", "2024-01-01",
	  "without an attribute or value" },
	{ "claim without an attribute", 1, "https://f.example/1",
	  "2024-01-01", "without an attribute or value" },
	{ "claim without a subject", 0, "https://f.example/1", "2024-01-01",
	  "without a subject" },
	{ "no URL", -1, NULL, "2024-01-01", "without a URL" },
	{ "bad published date", -1, "https://f.example/1", "2024-02-30",
	  "published date" },
};

/* A failure anywhere in put leaves the database as it was. */
static void
test_failed_put_leaves_nothing(void **state)
{
	struct store *st = open_store("fail", 0);
	struct rumor_set rs;
	char **field;

	(void)state;
	put_ok(st, &corpus[0]);
	for (size_t i = 0;
	     i < sizeof(bad_put_cases) / sizeof(bad_put_cases[0]); i++) {
		const struct bad_put_case *bc = &bad_put_cases[i];
		struct store_article a = {
			.url = bc->url, .source = "f", .title = "T",
			.text = "fresh words", .published = bc->published,
			.rumors = &rs,
		};
		int rc;

		rumor_set_init(&rs);
		rumor_set_add_device(&rs, "Nothing Phone 3", "Nothing");
		rumor_set_add_claim(&rs, "Nothing Phone 3", "chipset",
				    "Snapdragon 8s Gen 3", NULL, "c");
		rumor_set_add_claim(&rs, "Nothing Phone 3", "launch",
				    "2025-07", NULL, "c");
		/* The last claim breaks, after everything else is written. */
		rumor_set_add_claim(&rs, "Nothing Phone 4", "launch",
				    "2026", NULL, "c");
		if (bc->null_field >= 0) {
			struct claim *c = &rs.claims[2];

			field = bc->null_field == 0   ? &c->subject
				: bc->null_field == 1 ? &c->attribute
						      : &c->value;
			free(*field);
			*field = NULL;
		}
		rc = store_put_article(st, &a, NULL);
		rumor_set_free(&rs);
		if (rc != RM_EINVAL || !strstr(store_errmsg(st), bc->msg))
			fail_msg("%s: rc %d: %s", bc->name, rc,
				 store_errmsg(st));
		assert_counts(st, 1, 2, 1, 2, 2);
	}
	/* The handle still works after a rollback. */
	put_ok(st, &corpus[1]);
	assert_counts(st, 2, 3, 1, 4, 4);
	store_close(st);
}

static void
test_content_hash(void **state)
{
	struct store *st = open_store("hash", 0);
	struct store_article a = {
		.url = "https://h.example/1", .title = "T", .text = "body",
	};
	char h1[STORE_HASH_SIZE], h2[STORE_HASH_SIZE], got[STORE_HASH_SIZE];

	(void)state;
	store_content_hash(&a, h1);
	assert_int_equal(strlen(h1), 16);
	assert_int_equal(store_article_hash(st, a.url, got), RM_ENOTFOUND);
	assert_int_equal(store_put_article(st, &a, NULL), 0);
	assert_int_equal(store_article_hash(st, a.url, got), 0);
	assert_string_equal(got, h1);
	/* Moving text between fields is a change. */
	a.title = "Tb";
	a.text = "ody";
	store_content_hash(&a, h2);
	assert_string_not_equal(h1, h2);
	assert_int_equal(store_put_article(st, &a, NULL), 0);
	assert_int_equal(store_article_hash(st, a.url, got), 0);
	assert_string_equal(got, h2);
	/* A missing author differs from an empty one. */
	a.author = "";
	store_content_hash(&a, h1);
	assert_string_not_equal(h1, h2);
	store_close(st);
}

/* ---- name keys ---- */

struct key_case {
	const char *name;
	const char *in;
	const char *key;
	const char *prefixes; /* word-prefix keys, space-separated */
};

static const struct key_case key_cases[] = {
	{ "words", "Xiaomi 14 Pro", "xiaomi14pro",
	  "xiaomi xiaomi14 xiaomi14pro" },
	{ "joined", "Xiaomi14", "xiaomi14", "xiaomi14" },
	{ "spacing and case", "  SNAPDRAGON   8  gen 3 ", "snapdragon8gen3",
	  "snapdragon snapdragon8 snapdragon8gen snapdragon8gen3" },
	{ "punctuation separates", "Galaxy Z-Fold/6", "galaxyzfold6",
	  "galaxy galaxyz galaxyzfold galaxyzfold6" },
	{ "plus is a word", "Pro+", "pro+", "pro pro+" },
	{ "plus mid-name", "Dimensity 9300+ Ultra", "dimensity9300+ultra",
	  "dimensity dimensity9300 dimensity9300+ dimensity9300+ultra" },
	{ "utf-8 kept", "Honor Magic 6 \xc3\x89", "honormagic6\xc3\x89",
	  "honor honormagic honormagic6 honormagic6\xc3\x89" },
	{ "nothing", " -!- ", "", "" },
	{ "many words keep the first and the whole",
	  "a b c d e f g h i j k l m n o p q r",
	  "abcdefghijklmnopqr",
	  "a ab abc abcd abcde abcdef abcdefg abcdefgh abcdefghi abcdefghij "
	  "abcdefghijk abcdefghijkl abcdefghijklm abcdefghijklmn "
	  "abcdefghijklmno abcdefghijklmnopqr" },
};

static void
test_match_keys(void **state)
{
	struct match_key mk;
	char prefixes[1024];

	(void)state;
	for (size_t i = 0; i < sizeof(key_cases) / sizeof(key_cases[0]);
	     i++) {
		const struct key_case *kc = &key_cases[i];
		size_t len = 0;

		match_key(kc->in, &mk);
		prefixes[0] = '\0';
		for (size_t j = 0; j < mk.nends; j++)
			len += (size_t)snprintf(prefixes + len,
						sizeof(prefixes) - len,
						"%s%.*s", j ? " " : "",
						(int)mk.ends[j], mk.key);
		if (strcmp(mk.key, kc->key) || strcmp(prefixes, kc->prefixes) ||
		    mk.truncated)
			fail_msg("%s: key \"%s\" prefixes \"%s\"", kc->name,
				 mk.key, prefixes);
	}
}

static void
test_match_key_too_long(void **state)
{
	char name[600];
	struct match_key mk;

	(void)state;
	/* 100 words of "abcde": the key stops at a word's end. */
	for (size_t i = 0; i < 100; i++)
		memcpy(name + i * 6, "abcde ", 6);
	name[599] = '\0';
	match_key(name, &mk);
	assert_true(mk.truncated);
	assert_int_equal(mk.len % 5, 0);
	assert_int_equal(mk.len, strlen(mk.key));
	assert_true(mk.len < MATCH_KEY_MAX);
	assert_int_equal(mk.ends[mk.nends - 1], mk.len);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_and_migrate),
		cmocka_unit_test(test_reopen_keeps_data),
		cmocka_unit_test(test_open_refusals),
		cmocka_unit_test(test_put_twice_no_duplicates),
		cmocka_unit_test(test_chipset_claims),
		cmocka_unit_test(test_failed_put_leaves_nothing),
		cmocka_unit_test(test_content_hash),
		cmocka_unit_test(test_match_keys),
		cmocka_unit_test(test_match_key_too_long),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
