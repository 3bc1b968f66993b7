/*
 * Copies: an article's site and fingerprints (extract/simhash.h), and
 * which earlier article, if any, it copies: one with the same words, one
 * within SIMHASH_NEAR_BITS of its SimHash (light edits), or one whose
 * paragraphs hold most of its words (a credit line added, the end cut).  An article is compared
 * only with articles stored before it, so the first one seen stays the
 * original.  Independence is counted by group_site: the site of the
 * original for a copy, the article's own site otherwise.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ascii.h"
#include "common/buf.h"
#include "common/errors.h"
#include "common/xalloc.h"
#include "extract/simhash.h"
#include "store/store_priv.h"

_Static_assert(SIMHASH_BANDS == 7, "SQ_PRINT_NEAR binds seven bands");

#define SITE_MAX 256
/* Paragraphs of one article compared at most. */
#define PARAS_MAX 200
/* A paragraph in more earlier articles than this is boilerplate
 * ("Follow us on ..."), not a sign of copying. */
#define PARA_COMMON 20
/* An article is a copy of one whose paragraphs hold this share of its
 * words (percent): a credit line or a cut end leaves most in place. */
#define PARA_SHARED_PCT 60

/*
 * The site of URL: its host, lower-cased, without "www." or "m.".  A
 * URL without a host (file:) is a site of its own.
 */
static void
url_site(const char *url, char out[SITE_MAX])
{
	const char *p = strstr(url, "://"), *end, *at;
	size_t n;

	out[0] = '\0';
	if (p) {
		p += 3;
		end = p + strcspn(p, "/?#");
		at = memchr(p, '@', (size_t)(end - p));
		if (at)
			p = at + 1;
		n = strcspn(p, ":/?#");
		if (n >= SITE_MAX)
			n = SITE_MAX - 1;
		memcpy(out, p, n);
		out[n] = '\0';
		ascii_lower(out);
	}
	if (!out[0]) {
		n = strnlen(url, SITE_MAX - 1);
		memcpy(out, url, n);
		out[n] = '\0';
		return;
	}
	if (strncmp(out, "www.", 4) == 0 && out[4])
		memmove(out, out + 4, strlen(out + 4) + 1);
	else if (strncmp(out, "m.", 2) == 0 && out[2])
		memmove(out, out + 2, strlen(out + 2) + 1);
}

struct origin {
	long long id;         /* the original's id; the article's own if none */
	const char *kind;     /* NULL, "exact" or "near" */
	char group_site[SITE_MAX];
};

static void
set_origin(struct origin *o, struct db_stmt *s, int id_col, const char *kind)
{
	o->id = db_column_int64(s, id_col);
	o->kind = kind;
	snprintf(o->group_site, sizeof(o->group_site), "%s",
		 store_column(s, id_col + 1));
}

/* Make *O a near copy of article ID's original. */
static int
copy_of(struct store *st, long long id, struct origin *o)
{
	struct db_stmt *s = st->stmt[SQ_PRINT_ORIGIN];
	int rc;

	db_bind_int64(s, 1, id);
	rc = db_step(s);
	if (rc == DB_ROW)
		set_origin(o, s, 0, "near");
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return store_fail_db(st, "reading a similar article");
	return 0;
}

/* An earlier article with the same words. */
static int
find_exact(struct store *st, uint64_t hash, long long id, struct origin *o)
{
	struct db_stmt *s = st->stmt[SQ_PRINT_EXACT];
	int rc;

	db_bind_int64(s, 1, (long long)hash);
	db_bind_int64(s, 2, id);
	rc = db_step(s);
	if (rc == DB_ROW)
		set_origin(o, s, 0, "exact");
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return store_fail_db(st, "looking for an identical article");
	return 0;
}

/*
 * The earliest original among earlier articles within
 * SIMHASH_NEAR_BITS: every one of them shares a band with H.  The band
 * rows hold the fingerprints, so only a match costs a look-up.
 */
static int
find_near(struct store *st, uint64_t h, long long id, struct origin *o)
{
	struct db_stmt *s = st->stmt[SQ_PRINT_NEAR];
	long long best = 0;
	int rc;

	for (int i = 0; i < SIMHASH_BANDS; i++)
		db_bind_int64(s, i + 1, simhash_band(h, i));
	db_bind_int64(s, SIMHASH_BANDS + 1, id);
	while ((rc = db_step(s)) == DB_ROW) {
		uint64_t other = (uint64_t)db_column_int64(s, 0);
		long long match = db_column_int64(s, 1);

		if (simhash_distance(h, other) <= SIMHASH_NEAR_BITS &&
		    (!best || match < best))
			best = match;
	}
	db_reset(s);
	if (rc != DB_DONE)
		return store_fail_db(st, "looking for similar articles");
	/* The earliest match leads to its own original, the first seen. */
	return best ? copy_of(st, best, o) : 0;
}

struct shared {
	long long id;
	size_t words;
};

/* Add WORDS to candidate ID's tally (at most PARA_COMMON * 4 kept). */
static void
tally(struct shared *c, size_t *n, long long id, size_t words)
{
	for (size_t i = 0; i < *n; i++)
		if (c[i].id == id) {
			c[i].words += words;
			return;
		}
	if (*n < PARA_COMMON * 4) {
		c[*n].id = id;
		c[(*n)++].words = words;
	}
}

/* Ids of the earlier articles holding one paragraph: PARA_COMMON + 1
 * at most, which is enough to tell boilerplate. */
#define PARA_IDS (PARA_COMMON + 1)

/*
 * PostgreSQL: the earlier articles holding each of P[0..N) in one
 * statement, instead of a round trip a paragraph.  Row n of the array
 * comes back as n, its holders after it.
 */
static const char para_find_all_sql[] =
	"SELECT h.n, x.article_id"
	" FROM unnest(CAST(?1 AS BIGINT[])) WITH ORDINALITY AS h(hash, n),"
	" LATERAL (SELECT article_id FROM paragraph_prints"
	"  WHERE hash = h.hash AND article_id < ?2 LIMIT ?3) x"
	" ORDER BY h.n";

static int
holders_all(struct store *st, const struct simhash_para *p, size_t n,
	    long long id, long long *ids, size_t *k)
{
	struct db_stmt *s;
	struct buf list;
	int rc;

	if (!st->para_find_all &&
	    store_prepare(st, para_find_all_sql, &st->para_find_all))
		return RM_EDB;
	s = st->para_find_all;
	buf_init(&list, 24 * PARAS_MAX + 8);
	buf_append_str(&list, "{");
	for (size_t i = 0; i < n; i++)
		buf_printf(&list, "%s%lld", i ? "," : "", (long long)p[i].hash);
	buf_append_str(&list, "}");
	db_bind_textn(s, 1, buf_str(&list), list.len);
	buf_free(&list);
	db_bind_int64(s, 2, id);
	db_bind_int64(s, 3, PARA_IDS);
	while ((rc = db_step(s)) == DB_ROW) {
		long long i = db_column_int64(s, 0) - 1;

		if (i >= 0 && (size_t)i < n && k[i] < PARA_IDS)
			ids[i * PARA_IDS + k[i]++] = db_column_int64(s, 1);
	}
	db_reset(s);
	return rc == DB_DONE ? 0 : RM_EDB;
}

/* The earlier articles holding each of P[0..N): K[i] ids of them at
 * IDS[i * PARA_IDS]. */
static int
holders(struct store *st, const struct simhash_para *p, size_t n,
	long long id, long long *ids, size_t *k)
{
	struct db_stmt *s = st->stmt[SQ_PARA_FIND];
	int rc = DB_DONE;

	if (db_kind(st->db) == DB_POSTGRESQL)
		return holders_all(st, p, n, id, ids, k);
	for (size_t i = 0; i < n && rc == DB_DONE; i++) {
		db_bind_int64(s, 1, (long long)p[i].hash);
		db_bind_int64(s, 2, id);
		db_bind_int64(s, 3, PARA_IDS);
		while ((rc = db_step(s)) == DB_ROW)
			if (k[i] < PARA_IDS)
				ids[i * PARA_IDS + k[i]++] =
					db_column_int64(s, 0);
		db_reset(s);
	}
	return rc == DB_DONE ? 0 : RM_EDB;
}

/*
 * The earlier article whose paragraphs hold at least PARA_SHARED_PCT
 * percent of the words of P[0..N): its original is this one's.
 */
static int
find_shared(struct store *st, const struct simhash_para *p, size_t n,
	    long long id, struct origin *o)
{
	struct shared c[PARA_COMMON * 4];
	long long *ids = xcalloc(n * PARA_IDS, sizeof(*ids));
	size_t *k = xcalloc(n, sizeof(*k));
	size_t nc = 0, total = 0, best = 0;
	int rc = holders(st, p, n, id, ids, k);

	for (size_t i = 0; !rc && i < n; i++) {
		total += p[i].words;
		/* More holders than PARA_COMMON: boilerplate. */
		for (size_t j = 0; k[i] <= PARA_COMMON && j < k[i]; j++)
			tally(c, &nc, ids[i * PARA_IDS + j], p[i].words);
	}
	free(ids);
	free(k);
	if (rc)
		return store_fail_db(st, "looking for shared paragraphs");
	for (size_t i = 1; i < nc; i++)
		if (c[i].words > c[best].words ||
		    (c[i].words == c[best].words && c[i].id < c[best].id))
			best = i;
	if (!nc || c[best].words * 100 < total * PARA_SHARED_PCT)
		return 0;
	return copy_of(st, c[best].id, o);
}

static int
put_paragraphs(struct store *st, const struct simhash_para *p, size_t n,
	       long long id)
{
	struct db_stmt *s = st->stmt[SQ_PARA_INSERT];
	int rc = store_exec_id(st, SQ_PARA_CLEAR, id,
			       "clearing paragraph prints");

	for (size_t i = 0; !rc && i < n; i++) {
		db_bind_int64(s, 1, (long long)p[i].hash);
		db_bind_int64(s, 2, id);
		db_bind_int64(s, 3, (long long)p[i].words);
		rc = store_exec_stmt(st, s, "storing paragraph prints");
	}
	return rc;
}

static int
put_bands(struct store *st, uint64_t h, long long id)
{
	struct db_stmt *s = st->stmt[SQ_BAND_INSERT];
	int rc = 0;

	for (int i = 0; !rc && i < SIMHASH_BANDS; i++) {
		db_bind_int64(s, 1, simhash_band(h, i));
		db_bind_int64(s, 2, id);
		db_bind_int64(s, 3, (long long)h);
		rc = store_exec_stmt(st, s, "indexing the fingerprint");
	}
	return rc;
}

int
prints_put(struct store *st, const struct store_article *a,
	   long long article_id)
{
	const char *text = a->text ? a->text : "";
	struct origin o = { article_id, NULL, "" };
	struct simhash_para *paras = xcalloc(PARAS_MAX, sizeof(*paras));
	size_t npara = simhash_paragraphs(text, strlen(text), paras,
					  PARAS_MAX);
	char site[SITE_MAX];
	struct simhash h;
	struct db_stmt *s;
	int rc = 0;

	url_site(a->url, site);
	simhash_text(text, strlen(text), &h);
	if (h.exact)
		rc = find_exact(st, h.exact, article_id, &o);
	if (!rc && !o.kind && h.usable)
		rc = find_near(st, h.near, article_id, &o);
	if (!rc && !o.kind && npara)
		rc = find_shared(st, paras, npara, article_id, &o);
	if (!rc)
		rc = put_paragraphs(st, paras, npara, article_id);
	free(paras);
	if (!o.kind)
		snprintf(o.group_site, sizeof(o.group_site), "%s", site);
	if (!rc)
		rc = store_exec_id(st, SQ_BANDS_CLEAR, article_id,
				   "clearing the fingerprint");
	/* An exact copy adds nothing to find: its original is indexed. */
	if (!rc && h.usable && (!o.kind || strcmp(o.kind, "near") == 0))
		rc = put_bands(st, h.near, article_id);
	if (rc)
		return rc;
	s = st->stmt[SQ_PRINT_UPSERT];
	db_bind_int64(s, 1, article_id);
	store_bind_text(s, 2, site);
	if (h.exact)
		db_bind_int64(s, 3, (long long)h.exact);
	else
		db_bind_null(s, 3);
	if (h.usable)
		db_bind_int64(s, 4, (long long)h.near);
	else
		db_bind_null(s, 4);
	db_bind_int64(s, 5, o.id);
	store_bind_text(s, 6, o.kind);
	store_bind_text(s, 7, o.group_site);
	return store_exec_stmt(st, s, "storing the fingerprint");
}
