/*
 * store_query_rumors.  The SQL is put together from fixed fragments, one
 * per filter present, and each combination is prepared once per handle
 * and kept, so a query is bind/step/reset like every other statement.
 * No user text ever becomes SQL: every value is a bound parameter, and
 * the search words are quoted as FTS5 strings.
 */
#include <limits.h>
#include <stdbool.h>
#include <string.h>

#include "common/ascii.h"
#include "common/buf.h"
#include "common/date.h"
#include "common/errors.h"
#include "store/match.h"
#include "store/store_priv.h"

/* Each rumor row lists at most this many of its articles' URLs. */
#define STORE_ROW_URLS_MAX 50
/* Caps on the search filter: bytes given, and words used. */
#define SEARCH_MAX 1024
#define SEARCH_WORDS_MAX 32

enum filter {
	F_DEVICE,
	F_BRAND,
	F_CHIPSET,
	F_ATTRIBUTE,
	F_SINCE,
	F_UNTIL,
	F_SOURCE,
	F_SEARCH,
	F_CONTESTED,
};

/*
 * Names go through entity_keys (an index lookup on the word-prefix key)
 * rather than a scan of entities.  A unary '+' keeps the planner off an
 * index that would read far more rows: the attribute index holds every
 * chipset rumor, and when a selective filter is present the date index
 * would walk half the table in date order.
 */
static const char *const filter_sql[STORE_FILTERS] = {
	[F_DEVICE] = "r.subject_id IN"
		     " (SELECT entity_id FROM entity_keys WHERE key = :device"
		     " UNION SELECT entity_id FROM aliases WHERE key = :device)",
	[F_BRAND] = "s.brand = :brand",
	[F_CHIPSET] = "+r.attribute = 'chipset' AND r.object_id IS NOT NULL"
		      " AND r.object_id IN (SELECT entity_id FROM entity_keys"
		      " WHERE key = :chipset)",
	[F_ATTRIBUTE] = "r.attribute = :attribute",
	[F_SINCE] = "r.changed_at >= :since",
	[F_UNTIL] = "r.first_seen <= :until",
	[F_SOURCE] = "r.id IN (SELECT e.rumor_id FROM evidence e"
		     " JOIN articles a ON a.id = e.article_id"
		     " WHERE a.source_id ="
		     " (SELECT id FROM sources WHERE name = :source))",
	[F_SEARCH] = "r.id IN (SELECT e.rumor_id FROM evidence e"
		     " WHERE e.article_id IN (SELECT rowid FROM articles_fts"
		     " WHERE articles_fts MATCH :search))",
	[F_CONTESTED] = "r.contested <> 0",
};

/* PostgreSQL's full-text search: the tsvector column articles.fts.  The
 * quoted words come in as plain text ('"' is not an operator there). */
static const char search_sql_pg[] =
	"r.id IN (SELECT e.rumor_id FROM evidence e"
	" WHERE e.article_id IN (SELECT id FROM articles"
	" WHERE fts @@ plainto_tsquery('simple', :search)))";

/*
 * Filter I in ST's dialect: PostgreSQL has no unary '+' on text (a
 * SQLite planner hint) and searches with its own index.
 */
static const char *
filter_text(const struct store *st, int i)
{
	if (db_kind(st->db) == DB_SQLITE)
		return filter_sql[i];
	if (i == F_SEARCH)
		return search_sql_pg;
	return filter_sql[i] + (filter_sql[i][0] == '+');
}

#define SELECTIVE                                                          \
	((1u << F_DEVICE) | (1u << F_BRAND) | (1u << F_CHIPSET) |          \
	 (1u << F_SOURCE) | (1u << F_SEARCH))
/* Filters that look rumors up by id or by their own index: the planner
 * picks those well. */
#define LOOKUP                                                             \
	((1u << F_DEVICE) | (1u << F_CHIPSET) | (1u << F_SOURCE) |         \
	 (1u << F_SEARCH) | (1u << F_ATTRIBUTE) | (1u << F_SINCE) |       \
	 (1u << F_CONTESTED))
/*
 * Set in the statement mask for a limited query with no LOOKUP filter:
 * read rumors newest first from the last_seen index and stop at the
 * limit.  Left to itself SQLite sorts the whole table for "--limit 20"
 * (a second on a million rumors); the forced plan takes a millisecond.
 * Without a limit every row is wanted, and the planner's sort is best.
 */
#define ORDERED_SCAN (1u << STORE_FILTERS)

/* The filter values as bound: keys and quoted words, not user text. */
struct bound {
	unsigned mask;
	struct match_key device, chipset;
	char until[DATE_STR_MAX + 1];
	struct buf search;
};

static int
build_sql(struct store *st, unsigned mask, struct buf *sql)
{
	bool lite = db_kind(st->db) == DB_SQLITE;
	bool ordered = lite && (mask & ORDERED_SCAN);
	const char *date_prefix = lite && (mask & SELECTIVE) && !ordered
					  ? "+" : "";
	int rc;

	rc = buf_append_str(sql,
			    "SELECT r.id, s.name, s.brand, r.attribute,"
			    " r.value, r.qualifier, r.first_seen,"
			    " r.last_seen, r.sources, r.independent_sources,"
			    " r.support, r.contested, r.created_at,"
			    " r.changed_at, r.subject_id,"
			    " (SELECT fs.name FROM articles fa"
			    "  JOIN sources fs ON fs.id = fa.source_id"
			    "  WHERE fa.id = r.first_article_id),"
			    " (SELECT fa.url FROM articles fa"
			    "  WHERE fa.id = r.first_article_id)"
			    " FROM rumors r");
	if (!rc)
		rc = buf_append_str(sql, ordered ? " INDEXED BY rumors_last_seen"
						   " CROSS JOIN entities s"
						 : " JOIN entities s");
	if (!rc)
		rc = buf_append_str(sql, " ON s.id = r.subject_id WHERE true");
	for (int i = 0; !rc && i < STORE_FILTERS; i++) {
		if (!(mask & (1u << i)))
			continue;
		rc = buf_append_str(sql, " AND ");
		if (!rc && (i == F_SINCE || i == F_UNTIL))
			rc = buf_append_str(sql, date_prefix);
		if (!rc)
			rc = buf_append_str(sql, filter_text(st, i));
	}
	if (!rc)
		rc = buf_append_str(sql,
				    " ORDER BY r.last_seen DESC, s.name,"
				    " r.attribute, r.value, r.qualifier, r.id"
				    " LIMIT :limit");
	if (rc)
		return store_fail(st, RM_EDB, "query text too long");
	return 0;
}

static int
query_stmt(struct store *st, unsigned mask, struct db_stmt **out)
{
	struct buf sql;
	int rc = 0;

	if (!st->query[mask]) {
		buf_init(&sql, 4096);
		rc = build_sql(st, mask, &sql);
		if (!rc)
			rc = store_prepare(st, buf_str(&sql), &st->query[mask]);
		buf_free(&sql);
	}
	if (!rc)
		*out = st->query[mask];
	return rc;
}

/*
 * The user's words as FTS5 strings ("word" with '"' doubled), which
 * FTS5 takes as plain text: no operators, prefixes or columns.  Words
 * are split on white space; FTS5's tokenizer splits them further.
 */
static int
quote_search(struct store *st, const char *text, struct buf *out)
{
	const char *p = text;
	size_t words = 0;
	int rc = 0;

	if (strlen(text) > SEARCH_MAX)
		return store_fail(st, RM_EINVAL,
				  "search is longer than %d bytes", SEARCH_MAX);
	while (!rc && *p) {
		if (ascii_isspace((unsigned char)*p)) {
			p++;
			continue;
		}
		if (++words > SEARCH_WORDS_MAX)
			return store_fail(st, RM_EINVAL,
					  "search has more than %d words",
					  SEARCH_WORDS_MAX);
		rc = buf_append_str(out, words > 1 ? " \"" : "\"");
		for (; !rc && *p && !ascii_isspace((unsigned char)*p); p++)
			rc = *p == '"' ? buf_append(out, "\"\"", 2)
				       : buf_append_char(out, *p);
		if (!rc)
			rc = buf_append_char(out, '"');
	}
	if (rc)
		return store_fail(st, RM_EINVAL, "search is too long");
	if (words == 0)
		return store_fail(st, RM_EINVAL, "search has no words");
	return 0;
}

static int
name_key(struct store *st, const char *what, const char *name,
	 struct match_key *mk)
{
	match_key(name, mk);
	if (mk->truncated)
		return store_fail(st, RM_EINVAL, "%s filter is too long", what);
	if (mk->len == 0)
		return store_fail(st, RM_EINVAL,
				  "%s filter \"%.60s\" has no letters or digits",
				  what, name);
	return 0;
}

static int
check_date(struct store *st, const char *what, const char *s)
{
	struct ymd d;

	if (date_parse(s, &d))
		return store_fail(st, RM_EINVAL,
				  "%s date \"%.40s\" is not YYYY, YYYY-MM "
				  "or YYYY-MM-DD",
				  what, s);
	return 0;
}

/* A date, or a UTC time as the store writes them. */
static int
check_time(struct store *st, const char *s)
{
	static const char form[] = "0000-00-00T00:00:00Z";
	char day[DATE_STR_MAX];
	struct ymd d;
	bool ok = strlen(s) == sizeof(form) - 1;

	for (size_t i = 10; ok && i < sizeof(form) - 1; i++)
		ok = form[i] == '0' ? ascii_isdigit((unsigned char)s[i])
				    : s[i] == form[i];
	if (ok) {
		memcpy(day, s, 10);
		day[10] = '\0';
		if (date_parse_day(day, &d) == 0 && s[11] <= '2' &&
		    s[14] <= '5' && s[17] <= '5')
			return 0;
	}
	return check_date(st, "since", s);
}

static int
prepare_filters(struct store *st, const struct rumor_query *q,
		struct bound *b)
{
	const char *given[STORE_FILTERS] = {
		q->device, q->brand,  q->chipset, q->attribute,
		q->since,  q->until,  q->source,  q->search,
		q->contested ? "" : NULL,
	};
	int rc = 0;

	for (int i = 0; i < STORE_FILTERS; i++)
		if (given[i])
			b->mask |= 1u << i;
	if (q->limit > 0 && !(b->mask & LOOKUP))
		b->mask |= ORDERED_SCAN;
	if (q->limit < 0)
		return store_fail(st, RM_EINVAL, "negative limit %ld",
				  q->limit);
	if (q->device)
		rc = name_key(st, "device", q->device, &b->device);
	if (!rc && q->chipset)
		rc = name_key(st, "chipset", q->chipset, &b->chipset);
	if (!rc && q->since)
		rc = check_time(st, q->since);
	if (!rc && q->until)
		rc = check_date(st, "until", q->until);
	if (!rc && q->until) {
		/*
		 * '~' sorts after every digit and '-': "2024-05~" keeps
		 * all of May, at whatever precision first_seen has.
		 */
		memcpy(b->until, q->until, strlen(q->until));
		b->until[strlen(q->until)] = '~';
	}
	if (!rc && q->search)
		rc = quote_search(st, q->search, &b->search);
	return rc;
}

static void
bind_named(struct db_stmt *s, const char *name, const char *text)
{
	int idx = db_bind_index(s, name);

	if (idx > 0)
		store_bind_text(s, idx, text);
}

static void
bind_filters(struct db_stmt *s, const struct rumor_query *q,
	     const struct bound *b)
{
	bind_named(s, ":device", b->device.key);
	bind_named(s, ":brand", q->brand);
	bind_named(s, ":chipset", b->chipset.key);
	bind_named(s, ":attribute", q->attribute);
	bind_named(s, ":since", q->since);
	bind_named(s, ":until", b->until);
	bind_named(s, ":source", q->source);
	bind_named(s, ":search", buf_str(&b->search));
	db_bind_int64(s, db_bind_index(s, ":limit"),
			   q->limit > 0 ? q->limit : LLONG_MAX);
}

#define column store_column

/* The row's article URLs, oldest first. */
static int
row_urls(struct store *st, long long rumor, struct strvec *urls)
{
	struct db_stmt *s = st->stmt[SQ_URLS];
	int rc;

	db_bind_int64(s, 1, rumor);
	db_bind_int64(s, 2, STORE_ROW_URLS_MAX);
	while ((rc = db_step(s)) == DB_ROW)
		strvec_push(urls, column(s, 0));
	db_reset(s);
	if (rc != DB_DONE)
		return store_fail_db(st, "listing a rumor's articles");
	return 0;
}

static int
emit_rows(struct store *st, struct db_stmt *s, rumor_cb cb, void *arg)
{
	char ref[DATE_STR_MAX];
	int rc;

	rc = store_reference_date(st, ref);
	if (rc)
		return rc;
	while ((rc = db_step(s)) == DB_ROW) {
		struct rumor_row row = {
			.id = db_column_int64(s, 0),
			.device = column(s, 1),
			.brand = column(s, 2),
			.attribute = column(s, 3),
			.value = column(s, 4),
			.qualifier = *column(s, 5) ? column(s, 5) : NULL,
			.first_seen = column(s, 6),
			.last_seen = column(s, 7),
			.sources = (long)db_column_int64(s, 8),
			.independent_sources = (long)db_column_int64(s, 9),
			.support = db_column_double(s, 10),
			.contested = db_column_int64(s, 11) != 0,
			.created_at = column(s, 12),
			.changed_at = column(s, 13),
			.subject_id = db_column_int64(s, 14),
			.first_source = column(s, 15),
			.first_url = column(s, 16),
			.urls = STRVEC_INIT,
		};
		int cbrc;

		row.confidence = store_confidence(row.support, row.last_seen,
						  ref);
		cbrc = row_urls(st, row.id, &row.urls);
		if (!cbrc)
			cbrc = cb(&row, arg);
		strvec_free(&row.urls);
		if (cbrc)
			return cbrc;
	}
	if (rc != DB_DONE)
		return store_fail_db(st, "querying rumors");
	return 0;
}

int
store_query_rumors(struct store *st, const struct rumor_query *q,
		   rumor_cb cb, void *arg)
{
	struct bound b = { 0 };
	struct db_stmt *s = NULL;
	int rc;

	buf_init(&b.search, 6 * SEARCH_MAX);
	rc = prepare_filters(st, q, &b);
	if (!rc)
		rc = query_stmt(st, b.mask, &s);
	if (rc)
		goto out;
	bind_filters(s, q, &b);
	rc = emit_rows(st, s, cb, arg);
	db_reset(s);
	/* Unbind: the bound strings live on this stack frame. */
	db_clear_bindings(s);
out:
	buf_free(&b.search);
	return rc;
}
