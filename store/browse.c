/*
 * Reading the store beyond rumor lists: one rumor's evidence, the known
 * devices and chipsets, a device's months, per-source figures.  What
 * `show`, `devices`, `chipsets` and `report` print.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/errors.h"
#include "common/xalloc.h"
#include "store/store_priv.h"

static const char *
column_or_null(struct db_stmt *s, int i)
{
	return (const char *)db_column_text(s, i);
}

/* Step S, handing each row to EACH; reset S and say WHAT on failure. */
static int
each_row(struct store *st, struct db_stmt *s, const char *what,
	 int (*each)(struct db_stmt *s, void *ctx), void *ctx)
{
	int rc, cbrc = 0;

	while (!cbrc && (rc = db_step(s)) == DB_ROW)
		cbrc = each(s, ctx);
	db_reset(s);
	db_clear_bindings(s);
	if (cbrc)
		return cbrc;
	if (rc != DB_DONE)
		return store_fail_db(st, what);
	return 0;
}

struct cb_ctx {
	union {
		evidence_cb evidence;
		entity_cb entity;
		source_stat_cb source;
		article_cb article;
	} cb;
	void *arg;
};

static int
evidence_row(struct db_stmt *s, void *ctx)
{
	struct cb_ctx *c = ctx;
	struct evidence_row r = {
		.url = store_column(s, 0),
		.title = store_column(s, 1),
		.source = store_column(s, 2),
		.site = store_column(s, 3),
		.dated = store_column(s, 4),
		.cue = store_column(s, 5),
		.copy_kind = column_or_null(s, 6),
		.origin_url = column_or_null(s, 7),
		.certainty = db_column_double(s, 8),
		.weight = db_column_double(s, 9),
	};

	return c->cb.evidence(&r, c->arg);
}

int
store_rumor_evidence(struct store *st, long long rumor_id, evidence_cb cb,
		     void *arg)
{
	struct db_stmt *s = st->stmt[SQ_EVIDENCE_LIST];
	struct cb_ctx c = { .cb.evidence = cb, .arg = arg };

	db_bind_int64(s, 1, rumor_id);
	db_bind_int64(s, 2, STORE_EVIDENCE_MAX);
	return each_row(st, s, "reading a rumor's evidence", evidence_row, &c);
}

static int
entity_row(struct db_stmt *s, void *ctx)
{
	struct cb_ctx *c = ctx;
	struct entity_row r = {
		.id = db_column_int64(s, 0),
		.kind = store_column(s, 1),
		.name = store_column(s, 2),
		.brand = store_column(s, 3),
		.rumors = (long)db_column_int64(s, 4),
		.contested = (long)db_column_int64(s, 5),
		.last_seen = store_column(s, 6),
		.changed_at = store_column(s, 7),
	};

	return c->cb.entity(&r, c->arg);
}

int
store_list_entities(struct store *st, const char *kind, const char *brand,
		    enum entity_order order, long limit, entity_cb cb,
		    void *arg)
{
	struct db_stmt *s = st->stmt[order == ENTITY_BY_ACTIVITY
					   ? SQ_ENTITIES_BY_ACTIVITY
					   : SQ_ENTITIES_BY_NAME];
	struct cb_ctx c = { .cb.entity = cb, .arg = arg };

	if (!kind || (strcmp(kind, "device") && strcmp(kind, "chipset")))
		return store_fail(st, RM_EINVAL, "no such kind of entity");
	if (limit < 0)
		return store_fail(st, RM_EINVAL, "negative limit %ld", limit);
	store_bind_text(s, 1, kind);
	store_bind_text(s, 2, brand);
	db_bind_int64(s, 3, limit ? limit : LLONG_MAX);
	return each_row(st, s, "listing devices and chipsets", entity_row,
			&c);
}

struct months {
	struct timeline_row *v;
	size_t n;
};

static int
month_row(struct db_stmt *s, void *ctx)
{
	struct months *m = ctx;
	struct timeline_row *r = &m->v[m->n++];

	r->month = xstrdup(store_column(s, 0));
	r->new_rumors = (long)db_column_int64(s, 1);
	r->articles = (long)db_column_int64(s, 2);
	r->sites = (long)db_column_int64(s, 3);
	return 0;
}

int
store_entity_timeline(struct store *st, long long entity_id, timeline_cb cb,
		      void *arg)
{
	struct db_stmt *s = st->stmt[SQ_TIMELINE];
	struct months m = { xcalloc(STORE_TIMELINE_MAX, sizeof(*m.v)), 0 };
	int rc;

	db_bind_int64(s, 1, entity_id);
	db_bind_int64(s, 2, STORE_TIMELINE_MAX);
	rc = each_row(st, s, "reading a device's history", month_row, &m);
	/* The statement gives the newest months; the chart wants time
	 * running left to right. */
	for (size_t i = m.n; !rc && i-- > 0;)
		rc = cb(&m.v[i], arg);
	for (size_t i = 0; i < m.n; i++)
		free((char *)m.v[i].month);
	free(m.v);
	return rc;
}

static int
source_row(struct db_stmt *s, void *ctx)
{
	struct cb_ctx *c = ctx;
	struct source_stat_row r = {
		.name = store_column(s, 0),
		.weight = db_column_double(s, 1),
		.articles = (long)db_column_int64(s, 2),
		.copies = (long)db_column_int64(s, 3),
		.rumors = (long)db_column_int64(s, 4),
		.first_reports = (long)db_column_int64(s, 5),
		.last_dated = store_column(s, 6),
	};

	return c->cb.source(&r, c->arg);
}

int
store_source_stats(struct store *st, source_stat_cb cb, void *arg)
{
	struct cb_ctx c = { .cb.source = cb, .arg = arg };

	return each_row(st, st->stmt[SQ_SOURCE_STATS], "counting sources",
			source_row, &c);
}

static int
article_row(struct db_stmt *s, void *ctx)
{
	struct cb_ctx *c = ctx;
	struct article_row r = {
		.url = store_column(s, 0),
		.title = store_column(s, 1),
		.source = store_column(s, 2),
		.dated = store_column(s, 3),
		.copy_kind = column_or_null(s, 4),
	};

	return c->cb.article(&r, c->arg);
}

int
store_recent_articles(struct store *st, long limit, article_cb cb, void *arg)
{
	struct db_stmt *s = st->stmt[SQ_RECENT_ARTICLES];
	struct cb_ctx c = { .cb.article = cb, .arg = arg };

	db_bind_int64(s, 1, limit > 0 ? limit : LLONG_MAX);
	return each_row(st, s, "listing articles", article_row, &c);
}

int
store_reference_date(struct store *st, char *out)
{
	struct db_stmt *s = st->stmt[SQ_REF_DATE];
	int rc = db_step(s);

	out[0] = '\0';
	if (rc == DB_ROW)
		snprintf(out, DATE_STR_MAX, "%s", store_column(s, 0));
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return store_fail_db(st, "reading the newest date");
	return 0;
}
