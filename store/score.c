/*
 * What the store derives for each rumor from its evidence: counts,
 * independent sources, the corroboration score behind confidence, the
 * first report, and whether independent sources contradict it.  The
 * formula and its constants are explained in docs/confidence.md; keep
 * the two in step.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/claims.h"
#include "common/date.h"
#include "common/errors.h"
#include "common/xalloc.h"
#include "store/store_priv.h"

/* One independent site backing a claim in ordinary words... */
#define CONF_P_BASE 0.5
/* ...and no single site, however trusted or sure, more than this. */
#define CONF_P_MAX 0.95
/* Recency: a claim last seen this long before the newest news keeps
 * half of what it has above the floor... */
#define CONF_HALF_LIFE_DAYS 180.0
/* ...and never less than this share of its support. */
#define CONF_RECENCY_FLOOR 0.5

/* Values of one attribute compared for contradictions at most. */
#define SIBLINGS_MAX 64

/*
 * How two values of ATTRIBUTE agree, from the claim schema: NULL for the
 * attributes a device has several values of (os: "Android 14" and
 * "HyperOS" are both true; sensor_size: one per camera), which never
 * contradict.
 */
static const enum claim_agree *
agreement(const struct store *st, const char *attribute)
{
	const struct claim_kind *k = claim_schema_find(st->claims, attribute);

	return k && k->agree != CLAIM_MANY ? &k->agree : NULL;
}

static bool
values_agree(enum claim_agree how, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t n = la < lb ? la : lb;

	if (strcmp(a, b) == 0)
		return true;
	if (how != CLAIM_DATE || strncmp(a, b, n) != 0)
		return false;
	/* "2024" is within "2024-01", but "2024-1" is not in "2024-10". */
	return (la > n ? a[n] : b[n]) == '-';
}

double
store_confidence(double support, const char *last_seen, const char *reference)
{
	struct ymd a, b;
	double age, recency;

	if (!last_seen || !reference || date_parse(last_seen, &a) ||
	    date_parse(reference, &b))
		return support;
	/* A date known to the month or year counts from its first day. */
	age = (double)(date_to_days(b.year, b.month ? b.month : 1,
				    b.day ? b.day : 1) -
		       date_to_days(a.year, a.month ? a.month : 1,
				    a.day ? a.day : 1));
	if (age < 0)
		age = 0;
	recency = CONF_RECENCY_FLOOR + (1 - CONF_RECENCY_FLOOR) *
					       exp2(-age / CONF_HALF_LIFE_DAYS);
	return support * recency;
}

/* One independent site behind a claim, with its best weight and cue. */
struct site_group {
	char *site;
	double weight, certainty;
};

struct tally {
	struct site_group *g;
	size_t n, cap;
	long sources;
	long long first_article;
	char first_seen[DATE_STR_MAX], last_seen[DATE_STR_MAX];
};

static void
tally_add(struct tally *t, const char *site, double weight, double certainty)
{
	struct site_group *g = NULL;

	for (size_t i = 0; i < t->n && !g; i++)
		if (strcmp(t->g[i].site, site) == 0)
			g = &t->g[i];
	if (!g) {
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 8;
			t->g = xreallocarray(t->g, t->cap, sizeof(*t->g));
		}
		g = &t->g[t->n++];
		g->site = xstrdup(site);
		g->weight = weight;
		g->certainty = certainty;
	}
	if (weight > g->weight)
		g->weight = weight;
	if (certainty > g->certainty)
		g->certainty = certainty;
}

static double
tally_support(const struct tally *t)
{
	double doubt = 1;

	/* Noisy-OR: the claim is wrong only if every site is wrong. */
	for (size_t i = 0; i < t->n; i++) {
		double p = CONF_P_BASE * t->g[i].weight * t->g[i].certainty;

		doubt *= 1 - (p > CONF_P_MAX ? CONF_P_MAX : p < 0 ? 0 : p);
	}
	return 1 - doubt;
}

static void
tally_free(struct tally *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->g[i].site);
	free(t->g);
}

static void
copy_date(char out[DATE_STR_MAX], const char *s)
{
	snprintf(out, DATE_STR_MAX, "%s", s);
}

/* Row S of SQ_TOUCHED_EVIDENCE into T, the ROWS-th of its rumor. */
static void
tally_row(struct tally *t, struct db_stmt *s, long rows)
{
	const char *copy = (const char *)db_column_text(s, 4);

	if (rows == 0) {
		t->first_article = db_column_int64(s, 1);
		copy_date(t->first_seen, store_column(s, 2));
	}
	copy_date(t->last_seen, store_column(s, 2));
	/* An exact copy is the same article at another address. */
	if (!copy || strcmp(copy, "exact") != 0)
		t->sources++;
	tally_add(t, store_column(s, 3), db_column_double(s, 5),
		  db_column_double(s, 6));
}

/* RUMOR's counts, support and dates from its evidence in T. */
static int
rescore(struct store *st, long long rumor, struct tally *t)
{
	struct db_stmt *s = st->stmt[SQ_SCORE_UPDATE];

	if (!t->sources)
		t->sources = 1;
	db_bind_int64(s, 1, rumor);
	db_bind_int64(s, 2, t->sources);
	db_bind_int64(s, 3, (long long)t->n);
	db_bind_double(s, 4, tally_support(t));
	store_bind_text(s, 5, t->first_seen);
	store_bind_text(s, 6, t->last_seen);
	db_bind_int64(s, 7, t->first_article);
	return store_exec_stmt(st, s, "scoring a rumor");
}

/*
 * Rescore every touched rumor left after pruning (each has evidence),
 * reading their evidence once, in rumor order.  The updates go while
 * the read goes on: they touch only rumors, which it does not read.
 */
static int
rescore_touched(struct store *st)
{
	struct db_stmt *s = st->stmt[SQ_TOUCHED_EVIDENCE];
	struct tally t = { 0 };
	long long rumor = 0;
	long rows = 0;
	int rc, urc = 0;

	while (!urc && (rc = db_step(s)) == DB_ROW) {
		long long r = db_column_int64(s, 0);

		if (r != rumor) {
			if (rows)
				urc = rescore(st, rumor, &t);
			tally_free(&t);
			memset(&t, 0, sizeof(t));
			rumor = r;
			rows = 0;
		}
		tally_row(&t, s, rows++);
	}
	if (!urc && rc == DB_DONE && rows)
		urc = rescore(st, rumor, &t);
	tally_free(&t);
	db_reset(s);
	if (urc)
		return urc;
	if (rc != DB_DONE)
		return store_fail_db(st, "reading the rumors' evidence");
	return 0;
}

/* One value of an attribute and the sites behind it (lowest, highest). */
struct sibling {
	long long id;
	char *value, *qualifier, *lo, *hi;
	int contested, was;
};

/* Two values backed by one and the same site are that site's doubt, not
 * a contradiction between sources. */
static bool
different_sites(const struct sibling *a, const struct sibling *b)
{
	return strcmp(a->lo, a->hi) != 0 || strcmp(b->lo, b->hi) != 0 ||
	       strcmp(a->lo, b->lo) != 0;
}

static int
read_siblings(struct store *st, long long subject, const char *attribute,
	      struct sibling *v, size_t *n)
{
	struct db_stmt *s = st->stmt[SQ_SIBLINGS];
	int rc;

	*n = 0;
	db_bind_int64(s, 1, subject);
	store_bind_text(s, 2, attribute);
	db_bind_int64(s, 3, SIBLINGS_MAX);
	while ((rc = db_step(s)) == DB_ROW) {
		struct sibling *b = &v[(*n)++];

		b->id = db_column_int64(s, 0);
		b->value = xstrdup(store_column(s, 1));
		b->qualifier = xstrdup(store_column(s, 2));
		b->was = db_column_int64(s, 3);
		b->lo = xstrdup(store_column(s, 4));
		b->hi = xstrdup(store_column(s, 5));
		b->contested = 0;
	}
	db_reset(s);
	db_clear_bindings(s);
	if (rc != DB_DONE)
		return store_fail_db(st, "reading a device's claims");
	return 0;
}

/* Flag every value of SUBJECT's ATTRIBUTE another site contradicts. */
static int
recheck_contested(struct store *st, long long subject, const char *attribute)
{
	const enum claim_agree *how = agreement(st, attribute);
	struct sibling v[SIBLINGS_MAX];
	size_t n = 0;
	int rc;

	if (!how)
		return 0;
	rc = read_siblings(st, subject, attribute, v, &n);
	for (size_t i = 0; !rc && i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			/* Launches in different markets may differ. */
			if (strcmp(v[i].qualifier, v[j].qualifier) != 0 ||
			    values_agree(*how, v[i].value, v[j].value) ||
			    !different_sites(&v[i], &v[j]))
				continue;
			v[i].contested = v[j].contested = 1;
		}
	for (size_t i = 0; !rc && i < n; i++) {
		struct db_stmt *s = st->stmt[SQ_SET_CONTESTED];

		if (v[i].contested == v[i].was)
			continue;
		db_bind_int64(s, 1, v[i].id);
		db_bind_int64(s, 2, v[i].contested);
		rc = store_exec_stmt(st, s, "flagging a contested rumor");
	}
	for (size_t i = 0; i < n; i++) {
		free(v[i].value);
		free(v[i].qualifier);
		free(v[i].lo);
		free(v[i].hi);
	}
	return rc;
}

/* (subject, attribute) pairs of the touched rumors. */
struct groups {
	long long *subject;
	char **attribute;
	size_t n, cap;
};

static int
read_groups(struct store *st, struct groups *g)
{
	struct db_stmt *s = st->stmt[SQ_TOUCHED_GROUPS];
	int rc;

	while ((rc = db_step(s)) == DB_ROW) {
		if (!agreement(st, store_column(s, 1)))
			continue;
		if (g->n == g->cap) {
			g->cap = g->cap ? g->cap * 2 : 16;
			g->subject = xreallocarray(g->subject, g->cap,
						   sizeof(*g->subject));
			g->attribute = xreallocarray(g->attribute, g->cap,
						     sizeof(*g->attribute));
		}
		g->subject[g->n] = db_column_int64(s, 0);
		g->attribute[g->n++] = xstrdup(store_column(s, 1));
	}
	db_reset(s);
	if (rc != DB_DONE)
		return store_fail_db(st, "listing touched rumors");
	return 0;
}

int
score_settle(struct store *st)
{
	struct groups g = { 0 };
	int rc;

	/* Before pruning: a rumor that goes may end a contradiction. */
	rc = read_groups(st, &g);
	if (!rc)
		rc = store_exec_stmt(st, st->stmt[SQ_RUMOR_PRUNE],
				     "removing rumors left without evidence");
	if (!rc)
		rc = rescore_touched(st);
	for (size_t i = 0; !rc && i < g.n; i++)
		rc = recheck_contested(st, g.subject[i], g.attribute[i]);
	if (!rc)
		rc = store_exec_stmt(st, st->stmt[SQ_TOUCH_CLEAR],
				     "clearing the scratch table");
	for (size_t i = 0; i < g.n; i++)
		free(g.attribute[i]);
	free(g.subject);
	free(g.attribute);
	return rc;
}

/* The note KEY as a number; 0 when there is none. */
static int
meta_int(struct store *st, const char *key, long long *out)
{
	struct db_stmt *s = st->stmt[SQ_META_GET];
	int rc;

	*out = 0;
	store_bind_text(s, 1, key);
	rc = store_lookup_int(st, s, "reading the database's notes", out);
	return rc == RM_ENOTFOUND ? 0 : rc;
}

int
score_pending(struct store *st)
{
	struct db_stmt *s;
	long long pending = 0;
	int rc;

	rc = meta_int(st, "rescore", &pending);
	if (rc || !pending)
		return rc;
	rc = store_exec_stmt(st, st->stmt[SQ_BEGIN], "starting a transaction");
	if (rc)
		return rc;
	rc = store_exec_stmt(st, st->stmt[SQ_TOUCH_ALL], "noting every rumor");
	if (!rc)
		rc = score_settle(st);
	if (!rc) {
		s = st->stmt[SQ_META_SET];
		store_bind_text(s, 1, "rescore");
		db_bind_int64(s, 2, 0);
		rc = store_exec_stmt(st, s, "noting the rescore");
	}
	if (!rc)
		rc = store_exec_stmt(st, st->stmt[SQ_COMMIT], "committing");
	if (rc) {
		db_step(st->stmt[SQ_ROLLBACK]);
		db_reset(st->stmt[SQ_ROLLBACK]);
	}
	return rc;
}

void
store_set_claims(struct store *st, const struct claim_schema *cs)
{
	st->claims = cs;
}
