/*
 * Device aliases: the aliases table, filled from the user's alias files
 * by store_set_aliases, and read by every store of an article so that
 * "Mi 14" is stored as "Xiaomi 14".  A device stored under a name before
 * it became an alias is merged into the device the alias stands for.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/errors.h"
#include "common/xalloc.h"
#include "store/match.h"
#include "store/store_priv.h"

#define FNV64_OFFSET 0xcbf29ce484222325ULL
#define FNV64_PRIME 0x100000001b3ULL

int
alias_lookup(struct store *st, const char *key, long long *id)
{
	struct db_stmt *s = st->stmt[SQ_ALIAS_LOOKUP];

	store_bind_text(s, 1, key);
	return store_lookup_int(st, s, "looking up an alias", id);
}

/* Statements used only here, prepared per call: aliases change rarely. */
static const char *const merge_sql[] = {
	/* 0: the device stored under an alias's own name */
	"SELECT id, brand FROM entities WHERE kind = 'device' AND key = ?1"
	" AND id <> ?2",
	/* 1: its rumors */
	"SELECT id, attribute, value, qualifier FROM rumors"
	" WHERE subject_id = ?1",
	/* 2: the same claim about the device the alias names */
	"SELECT id FROM rumors WHERE subject_id = ?1 AND attribute = ?2"
	" AND value = ?3 AND qualifier = ?4",
	/* 3: move one rumor's evidence to another (its own claim stays
	 * when the target already has evidence from that article) */
	"UPDATE evidence SET rumor_id = ?2 WHERE rumor_id = ?1"
	" AND article_id NOT IN"
	" (SELECT article_id FROM evidence WHERE rumor_id = ?2)",
	/* 4 */
	"DELETE FROM rumors WHERE id = ?1",
	/* 5 */
	"UPDATE rumors SET subject_id = ?2 WHERE id = ?1",
	/* 6 */
	"INSERT INTO temp.touched(rumor_id) VALUES (?1)"
	" ON CONFLICT DO NOTHING",
	/* 7: the merged device goes; its keys follow by cascade */
	"DELETE FROM entities WHERE id = ?1",
	/* 8: keep a maker the alias's device knew */
	"UPDATE entities SET brand = ?2 WHERE id = ?1 AND brand = ''",
	/* 9 */
	"DELETE FROM aliases",
	/* 10 */
	"INSERT INTO aliases(key, alias, entity_id) VALUES (?1, ?2, ?3)"
	" ON CONFLICT(key) DO UPDATE SET alias = excluded.alias,"
	" entity_id = excluded.entity_id",
};
#define MERGE_STMTS (sizeof(merge_sql) / sizeof(merge_sql[0]))

struct merge {
	struct store *st;
	struct db_stmt *s[MERGE_STMTS];
};

static int
run(struct merge *m, int i, long long a, long long b, const char *what)
{
	db_bind_int64(m->s[i], 1, a);
	/* Statements without a second parameter ignore it. */
	db_bind_int64(m->s[i], 2, b);
	return store_exec_stmt(m->st, m->s[i], what);
}

/* Move rumor R (ATTRIBUTE VALUE QUALIFIER of the old device) to TO. */
static int
move_rumor(struct merge *m, long long r, const char *attribute,
	   const char *value, const char *qualifier, long long to)
{
	struct db_stmt *s = m->s[2];
	long long same = 0;
	int rc;

	db_bind_int64(s, 1, to);
	store_bind_text(s, 2, attribute);
	store_bind_text(s, 3, value);
	store_bind_text(s, 4, qualifier);
	rc = db_step(s);
	if (rc == DB_ROW)
		same = db_column_int64(s, 0);
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return store_fail_db(m->st, "merging a device's rumors");
	if (!same) {
		rc = run(m, 5, r, to, "moving a rumor");
		return rc ? rc : run(m, 6, r, 0, "noting a rumor");
	}
	rc = run(m, 3, r, same, "moving evidence");
	if (!rc)
		rc = run(m, 4, r, 0, "removing a merged rumor");
	if (!rc)
		rc = run(m, 6, same, 0, "noting a rumor");
	return rc;
}

/* Merge device FROM (of maker BRAND) into device TO. */
static int
merge_device(struct merge *m, long long from, const char *brand,
	     long long to)
{
	struct db_stmt *s = m->s[1];
	struct rumor_claim {
		long long id;
		char *attribute, *value, *qualifier;
	} *v = NULL;
	size_t n = 0, cap = 0;
	int rc;

	db_bind_int64(s, 1, from);
	while ((rc = db_step(s)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[n].id = db_column_int64(s, 0);
		v[n].attribute = xstrdup(store_column(s, 1));
		v[n].value = xstrdup(store_column(s, 2));
		v[n++].qualifier = xstrdup(store_column(s, 3));
	}
	db_reset(s);
	rc = rc == DB_DONE ? 0 : store_fail_db(m->st, "reading rumors");
	for (size_t i = 0; !rc && i < n; i++)
		rc = move_rumor(m, v[i].id, v[i].attribute, v[i].value,
				v[i].qualifier, to);
	if (!rc && *brand) {
		db_bind_int64(m->s[8], 1, to);
		store_bind_text(m->s[8], 2, brand);
		rc = store_exec_stmt(m->st, m->s[8], "keeping the maker");
	}
	if (!rc)
		rc = run(m, 7, from, 0, "removing a merged device");
	for (size_t i = 0; i < n; i++) {
		free(v[i].attribute);
		free(v[i].value);
		free(v[i].qualifier);
	}
	free(v);
	return rc;
}

/* Record one alias, merging a device already stored under its name. */
static int
put_alias(struct merge *m, const struct store_alias *a)
{
	struct match_key ak, nk;
	struct db_stmt *s = m->s[0];
	long long to = 0, from = 0;
	char brand[128] = "";
	int rc;

	match_key(a->alias ? a->alias : "", &ak);
	match_key(a->name ? a->name : "", &nk);
	if (!ak.len || !nk.len)
		return store_fail(m->st, RM_EINVAL,
				  "alias \"%.60s\" = \"%.60s\" lacks a name",
				  a->alias ? a->alias : "",
				  a->name ? a->name : "");
	if (strcmp(ak.key, nk.key) == 0)
		return store_fail(m->st, RM_EINVAL,
				  "alias \"%.60s\" names itself", a->alias);
	rc = entity_put(m->st, "device", a->name, "", &to);
	if (rc)
		return rc;
	store_bind_text(s, 1, ak.key);
	db_bind_int64(s, 2, to);
	rc = db_step(s);
	if (rc == DB_ROW) {
		from = db_column_int64(s, 0);
		snprintf(brand, sizeof(brand), "%s", store_column(s, 1));
	}
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return store_fail_db(m->st, "looking for an aliased device");
	rc = from ? merge_device(m, from, brand, to) : 0;
	if (rc)
		return rc;
	s = m->s[10];
	store_bind_text(s, 1, ak.key);
	store_bind_text(s, 2, a->alias);
	db_bind_int64(s, 3, to);
	return store_exec_stmt(m->st, s, "storing an alias");
}

static unsigned long long
list_hash(const struct store_alias *v, size_t n)
{
	unsigned long long h = FNV64_OFFSET;

	for (size_t i = 0; i < n; i++) {
		const char *f[2] = { v[i].alias, v[i].name };

		for (int k = 0; k < 2; k++) {
			for (const char *p = f[k] ? f[k] : ""; *p; p++)
				h = (h ^ (unsigned char)*p) * FNV64_PRIME;
			h = (h ^ 0xff) * FNV64_PRIME;
		}
	}
	return h;
}

static int
meta_hash(struct store *st, int write, char hex[17])
{
	struct db_stmt *s = st->stmt[write ? SQ_META_SET : SQ_META_GET];
	int rc;

	store_bind_text(s, 1, "aliases");
	if (write) {
		store_bind_text(s, 2, hex);
		return store_exec_stmt(st, s, "noting the aliases");
	}
	rc = db_step(s);
	if (rc == DB_ROW)
		snprintf(hex, 17, "%s", store_column(s, 0));
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return store_fail_db(st, "reading the aliases' note");
	return 0;
}

static int
set_locked(struct merge *m, const struct store_alias *v, size_t n,
	   char hex[17])
{
	int rc = store_exec_stmt(m->st, m->s[9], "clearing the aliases");

	for (size_t i = 0; !rc && i < n; i++)
		rc = put_alias(m, &v[i]);
	if (!rc)
		rc = score_settle(m->st);
	if (!rc)
		rc = meta_hash(m->st, 1, hex);
	return rc;
}

int
store_set_aliases(struct store *st, const struct store_alias *v, size_t n)
{
	struct merge m = { .st = st };
	char hex[17], old[17] = "";
	int rc;

	if (st->flags & STORE_READONLY)
		return store_fail(st, RM_EINVAL, "the store is read-only");
	snprintf(hex, sizeof(hex), "%016llx", list_hash(v, n));
	rc = meta_hash(st, 0, old);
	if (rc || strcmp(old, hex) == 0)
		return rc;
	for (size_t i = 0; !rc && i < MERGE_STMTS; i++)
		if (db_prepare(st->db, merge_sql[i], &m.s[i]) != DB_OK)
			rc = store_fail_db(st, "preparing the alias merge");
	if (!rc)
		rc = store_exec_stmt(st, st->stmt[SQ_BEGIN],
				     "starting a transaction");
	if (!rc) {
		rc = set_locked(&m, v, n, hex);
		if (!rc)
			rc = store_exec_stmt(st, st->stmt[SQ_COMMIT],
					     "committing");
		if (rc) {
			db_step(st->stmt[SQ_ROLLBACK]);
			db_reset(st->stmt[SQ_ROLLBACK]);
		}
	}
	for (size_t i = 0; i < MERGE_STMTS; i++)
		db_finalize(m.s[i]);
	return rc;
}
