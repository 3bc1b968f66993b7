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
#include <math.h>
#include <sqlite3.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/errors.h"
#include "common/rumor.h"
#include "extract/lexicon.h"
#include "store/crawlstate.h"
#include "store/match.h"
#include "store/store.h"
#include "tests/support/lexicon_fixture.h"

static char tmpdir[256];
static const struct claim_schema *schema;

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

	/* The bundled lexicon's claim lines say what attributes mean. */
	if (lexicon_fixture_setup(state))
		return -1;
	schema = lexicon_claims(*state);
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

	lexicon_fixture_teardown(state);
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
	store_set_claims(st, schema);
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

/* ---- collecting query results ---- */

struct collected {
	struct buf text; /* "device|attribute|value[|qualifier]\n" per row */
	/* The first row, copied: rows live only during the callback. */
	struct {
		char first_seen[DATE_STR_MAX], last_seen[DATE_STR_MAX];
		char qualifier[32];
		long sources;
	} first;
	char first_urls[512];
	int rows;
};

static int
collect(const struct rumor_row *row, void *arg)
{
	struct collected *c = arg;

	if (c->rows++ == 0) {
		snprintf(c->first.first_seen, sizeof(c->first.first_seen),
			 "%s", row->first_seen);
		snprintf(c->first.last_seen, sizeof(c->first.last_seen), "%s",
			 row->last_seen);
		snprintf(c->first.qualifier, sizeof(c->first.qualifier), "%s",
			 row->qualifier ? row->qualifier : "(null)");
		c->first.sources = row->sources;
		c->first_urls[0] = '\0';
		for (size_t i = 0; i < row->urls.n; i++) {
			size_t len = strlen(c->first_urls);

			snprintf(c->first_urls + len,
				 sizeof(c->first_urls) - len, "%s%s",
				 i ? " " : "", row->urls.v[i]);
		}
	}
	buf_printf(&c->text, "%s|%s|%s%s%s\n", row->device, row->attribute,
		   row->value, row->qualifier ? "|" : "",
		   row->qualifier ? row->qualifier : "");
	return 0;
}

static int
run_query(struct store *st, const struct rumor_query *q, struct collected *c)
{
	buf_init(&c->text, 1 << 16);
	c->rows = 0;
	return store_query_rumors(st, q, collect, c);
}

/* ---- the shared corpus for the query cases ---- */

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
	  { { "Samsung Galaxy S24 Ultra", "Samsung" },
	    { "Samsung Galaxy S24", "Samsung" } },
	  { { SD8G3, "Qualcomm" }, { "Exynos 2400", "Samsung" } },
	  { { "Samsung Galaxy S24 Ultra", "chipset", SD8G3, NULL },
	    { "Samsung Galaxy S24", "chipset", "Exynos 2400", NULL } } },
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

#define N_CORPUS (sizeof(corpus) / sizeof(corpus[0]))

/* Rows in the order every query returns them. */
#define R_PRO_BAT "Redmi Note 13 Pro|battery|5100 mAh\n"
#define R_PROP_BAT "Redmi Note 13 Pro+|battery|5000 mAh\n"
#define R_S24 "Samsung Galaxy S24|chipset|Exynos 2400\n"
#define R_S24U "Samsung Galaxy S24 Ultra|chipset|" SD8G3 "\n"
#define R_14P_LAUNCH "Xiaomi 14 Pro|launch|2024-02|global\n"
#define R_140_LAUNCH "Xiaomi 140|launch|2024-03|China\n"
#define R_14_CHIP "Xiaomi 14|chipset|" SD8G3 "\n"
#define R_14P_CHIP "Xiaomi 14 Pro|chipset|" SD8G3 "\n"
#define R_ANNOUNCE SD8G3 "|announce|2023-10\n"
#define R_ALL                                                              \
	R_PRO_BAT R_PROP_BAT R_S24 R_S24U R_14P_LAUNCH R_140_LAUNCH       \
		R_14_CHIP R_14P_CHIP R_ANNOUNCE

struct query_case {
	const char *name;
	struct rumor_query q;
	const char *want; /* rows as collect() prints them */
};

static const struct query_case query_cases[] = {
	{ "no filter: everything, newest first", { 0 }, R_ALL },
	{ "device words", { .device = "xiaomi 14" },
	  R_14P_LAUNCH R_14_CHIP R_14P_CHIP },
	{ "device without the space", { .device = "Xiaomi14" },
	  R_14P_LAUNCH R_14_CHIP R_14P_CHIP },
	{ "device case and extra spaces", { .device = " XIAOMI  14 pro " },
	  R_14P_LAUNCH R_14P_CHIP },
	{ "device punctuation separates words", { .device = "xiaomi-14-pro" },
	  R_14P_LAUNCH R_14P_CHIP },
	{ "device 140 is not 14", { .device = "xiaomi 140" }, R_140_LAUNCH },
	{ "device prefix mid-word finds nothing", { .device = "xiaomi 1" },
	  "" },
	{ "device brand word", { .device = "xiaomi" },
	  R_14P_LAUNCH R_140_LAUNCH R_14_CHIP R_14P_CHIP },
	{ "device Pro finds Pro+", { .device = "redmi note 13 pro" },
	  R_PRO_BAT R_PROP_BAT },
	{ "device Pro+ only", { .device = "Redmi Note 13 Pro+" }, R_PROP_BAT },
	{ "device s24 finds Ultra", { .device = "samsung galaxy s24" },
	  R_S24 R_S24U },
	{ "device without its maker", { .device = "galaxy s24" },
	  R_S24 R_S24U },
	{ "device maker-less word", { .device = "Galaxy" }, R_S24 R_S24U },
	{ "device s2 is mid-word", { .device = "galaxy s2" }, "" },
	{ "device matches a chipset subject",
	  { .device = "snapdragon 8 gen3" }, R_ANNOUNCE },
	{ "device unknown", { .device = "pixel 9" }, "" },
	{ "brand any case", { .brand = "XIAOMI" },
	  R_PRO_BAT R_PROP_BAT R_14P_LAUNCH R_140_LAUNCH R_14_CHIP
		  R_14P_CHIP },
	{ "brand exact, not prefix", { .brand = "Xiao" }, "" },
	{ "brand of a chipset subject", { .brand = "qualcomm" }, R_ANNOUNCE },
	{ "chipset gen3 spelling", { .chipset = "snapdragon 8 gen3" },
	  R_S24U R_14_CHIP R_14P_CHIP },
	{ "chipset canonical spelling", { .chipset = SD8G3 },
	  R_S24U R_14_CHIP R_14P_CHIP },
	{ "chipset other", { .chipset = "EXYNOS2400" }, R_S24 },
	{ "chipset different generation", { .chipset = "snapdragon 8 gen 2" },
	  "" },
	{ "attribute exact", { .attribute = "launch" },
	  R_14P_LAUNCH R_140_LAUNCH },
	{ "attribute is case-sensitive", { .attribute = "Launch" }, "" },
	{ "since a month", { .since = "2024-03" },
	  R_PRO_BAT R_PROP_BAT R_S24 R_S24U },
	{ "since a day", { .since = "2024-03-06" }, R_PRO_BAT R_PROP_BAT },
	{ "since the last day is inclusive", { .since = "2024-03-20" },
	  R_PRO_BAT R_PROP_BAT },
	{ "until a month keeps the whole month", { .until = "2024-01" },
	  R_14_CHIP R_14P_CHIP R_ANNOUNCE },
	{ "until a year", { .until = "2023" }, R_ANNOUNCE },
	{ "until a day", { .until = "2024-01-09" }, R_ANNOUNCE },
	{ "since and until",
	  { .since = "2024-01-10", .until = "2024-02-20" },
	  R_14P_LAUNCH R_140_LAUNCH R_14_CHIP R_14P_CHIP },
	{ "source", { .source = "gsmnews" }, R_S24 R_S24U R_14_CHIP R_14P_CHIP },
	{ "source import", { .source = "import" }, R_ANNOUNCE },
	{ "source unknown", { .source = "nosuch" }, "" },
	{ "search a word", { .search = "galaxy" }, R_S24 R_S24U },
	{ "search any case, title or text", { .search = "CONCEPT" },
	  R_14P_LAUNCH R_140_LAUNCH },
	{ "search all words must match", { .search = "unveiled qualcomm" },
	  R_ANNOUNCE },
	{ "search words from title and text", { .search = "xiaomi chipset" },
	  R_14_CHIP R_14P_CHIP },
	{ "search OR is a word", { .search = "OR" },
	  R_14P_LAUNCH R_140_LAUNCH },
	{ "search a lone quote", { .search = "\"" }, "" },
	{ "search a lone star", { .search = "*" }, "" },
	{ "search star is not a prefix", { .search = "galax*" }, "" },
	{ "search NEAR( is a word", { .search = "NEAR(" }, R_S24 R_S24U },
	{ "search SQL is text", { .search = "') DROP TABLE" }, R_S24 R_S24U },
	{ "search column syntax is text", { .search = "title:galaxy" }, "" },
	{ "search unbalanced quotes", { .search = "\"galaxy" }, R_S24 R_S24U },
	{ "search NOT is a word", { .search = "galaxy NOT xiaomi" }, "" },
	{ "search OR between words is a word",
	  { .search = "galaxy OR concept" }, "" },
	{ "filters combine", { .device = "xiaomi", .attribute = "chipset",
			       .source = "gsmnews" },
	  R_14_CHIP R_14P_CHIP },
	{ "brand and since", { .brand = "xiaomi", .since = "2024-03" },
	  R_PRO_BAT R_PROP_BAT },
	{ "chipset and search", { .chipset = SD8G3, .search = "samsung" },
	  R_S24U },
	{ "limit", { .limit = 3 }, R_PRO_BAT R_PROP_BAT R_S24 },
	{ "limit with a filter", { .device = "xiaomi", .limit = 1 },
	  R_14P_LAUNCH },
	{ "limit with brand", { .brand = "xiaomi", .limit = 3 },
	  R_PRO_BAT R_PROP_BAT R_14P_LAUNCH },
	{ "limit with since", { .since = "2024-03", .limit = 3 },
	  R_PRO_BAT R_PROP_BAT R_S24 },
	{ "limit with until", { .until = "2024-01", .limit = 2 },
	  R_14_CHIP R_14P_CHIP },
	{ "limit larger than the result", { .attribute = "launch",
					    .limit = 50 },
	  R_14P_LAUNCH R_140_LAUNCH },
};

static void
load_corpus(struct store *st)
{
	for (size_t i = 0; i < N_CORPUS; i++)
		put_ok(st, &corpus[i]);
}

static void
test_query_filters(void **state)
{
	struct store *st = open_store("query", 0);
	struct collected c;

	(void)state;
	load_corpus(st);
	/*
	 * --since selects by changed_at, the time of storing: make it the
	 * rumors' last_seen so that the date cases below can tell them
	 * apart.
	 */
	assert_int_equal(raw_exec("query", "UPDATE rumors SET changed_at ="
					   " last_seen"),
			 SQLITE_OK);
	for (size_t i = 0; i < sizeof(query_cases) / sizeof(query_cases[0]);
	     i++) {
		const struct query_case *qc = &query_cases[i];
		int rc = run_query(st, &qc->q, &c);

		if (rc)
			fail_msg("%s: rc %d: %s", qc->name, rc,
				 store_errmsg(st));
		if (strcmp(buf_str(&c.text), qc->want) != 0)
			fail_msg("%s:\nwant:\n%sgot:\n%s", qc->name, qc->want,
				 buf_str(&c.text));
		buf_free(&c.text);
	}
	/* Nothing the searches held was run as SQL. */
	assert_counts(st, 5, 7, 2, 9, 9);
	store_close(st);
}

struct bad_query_case {
	const char *name;
	struct rumor_query q;
	const char *msg; /* part of store_errmsg */
};

static const struct bad_query_case bad_query_cases[] = {
	{ "since month 13", { .since = "2024-13" }, "since date" },
	{ "since a word", { .since = "yesterday" }, "since date" },
	{ "since with time", { .since = "2024-01-01T00:00" }, "since date" },
	{ "until February 30", { .until = "2024-02-30" }, "until date" },
	{ "until empty", { .until = "" }, "until date" },
	{ "device of punctuation", { .device = "--" }, "device filter" },
	{ "chipset empty", { .chipset = "" }, "chipset filter" },
	{ "search of spaces", { .search = "  " }, "no words" },
	{ "negative limit", { .limit = -5 }, "limit" },
};

static void
test_query_bad_filters(void **state)
{
	struct store *st = open_store("badq", 0);
	struct collected c;

	(void)state;
	load_corpus(st);
	for (size_t i = 0;
	     i < sizeof(bad_query_cases) / sizeof(bad_query_cases[0]); i++) {
		const struct bad_query_case *bc = &bad_query_cases[i];
		int rc = run_query(st, &bc->q, &c);

		if (rc != RM_EINVAL || c.rows != 0)
			fail_msg("%s: rc %d rows %d", bc->name, rc, c.rows);
		if (!strstr(store_errmsg(st), bc->msg))
			fail_msg("%s: message \"%s\"", bc->name,
				 store_errmsg(st));
		buf_free(&c.text);
	}
	store_close(st);
}

static int
stop_at_first(const struct rumor_row *row, void *arg)
{
	(void)row;
	++*(int *)arg;
	return 42;
}

static void
test_query_callback_stops(void **state)
{
	struct store *st = open_store("stop", 0);
	struct rumor_query q = { 0 };
	int calls = 0;

	(void)state;
	load_corpus(st);
	assert_int_equal(store_query_rumors(st, &q, stop_at_first, &calls), 42);
	assert_int_equal(calls, 1);
	store_close(st);
}

static void
test_alias(void **state)
{
	struct store *st = open_store("alias", 0);
	struct rumor_query q = { .device = "mi 14" };
	struct collected c;

	(void)state;
	load_corpus(st);
	assert_int_equal(raw_exec("alias",
				  "INSERT INTO aliases(key, alias, entity_id)"
				  " SELECT 'mi14', 'Mi 14', id FROM devices"
				  " WHERE name = 'Xiaomi 14'"),
			 SQLITE_OK);
	assert_int_equal(run_query(st, &q, &c), 0);
	assert_string_equal(buf_str(&c.text), R_14_CHIP);
	buf_free(&c.text);
	store_close(st);
}


/* ---- copies, corroboration, contradictions, confidence ---- */

/* A wire story of about 150 words, in three paragraphs. */
#define WIRE_P1                                                             \
	"vivo has officially confirmed that the vivo X100 will be powered "  \
	"by the Dimensity 9300, MediaTek's new flagship chip built from big " \
	"cores. The company made the announcement on Monday, ahead of a "    \
	"launch event in Beijing later this month."
#define WIRE_P2                                                             \
	"According to the post, the phone pairs the chip with up to 16GB of " \
	"memory and a vapour chamber that is forty percent larger than the " \
	"one in last year's model, and sustained performance in games "      \
	"improves by a third as a result."
#define WIRE_P3                                                             \
	"The camera system keeps its partnership with Zeiss and adds a "     \
	"periscope telephoto lens with a large sensor. Pricing outside "     \
	"China has not been announced, and the company did not say whether " \
	"a Pro model will follow at the same event."
#define WIRE WIRE_P1 "\n\n" WIRE_P2 "\n\n" WIRE_P3
#define OTHER_TEXT                                                          \
	"We spent a morning with a pre-production unit ahead of the "        \
	"embargo. The phone stayed cool through a long session of a "        \
	"demanding racing game, something earlier phones struggled with. "   \
	"The display is bright and evenly lit, the curved edges are gentler " \
	"than before, and the fingerprint reader sits a little higher."

#define VIVO { { "vivo X100", "vivo" } }
#define VIVO_CHIP { { "vivo X100", "chipset", "Dimensity 9300", NULL } }

struct copy_step {
	const char *url, *text;
	const char *kind; /* expected copy_kind; NULL: an original */
	long sources, independent;
};

struct copy_case {
	const char *name;
	struct copy_step steps[4];
};

static const struct copy_case copy_cases[] = {
	{ "an exact copy elsewhere is not a second article",
	  { { "https://wire.example/1", WIRE, NULL, 1, 1 },
	    { "https://mirror.example/1", WIRE, "exact", 1, 1 } } },
	{ "a credit line added: a near copy, no new site",
	  { { "https://wire.example/1", WIRE, NULL, 1, 1 },
	    { "https://www.mirror.example/2",
	      "This story first appeared on Example Wire and is republished "
	      "with permission.\n\n" WIRE "\n\nRead more at example.com.",
	      "near", 2, 1 } } },
	{ "the end cut off: a near copy",
	  { { "https://wire.example/1", WIRE, NULL, 1, 1 },
	    { "https://mirror.example/3", WIRE_P1 "\n\n" WIRE_P2, "near", 2,
	      1 } } },
	{ "a copy of a copy leads to the first original",
	  { { "https://wire.example/1", WIRE, NULL, 1, 1 },
	    { "https://mirror.example/4", "Via Example Wire.\n\n" WIRE,
	      "near", 2, 1 },
	    { "https://third.example/4", WIRE_P1 "\n\n" WIRE_P2, "near", 3,
	      1 } } },
	{ "another article of the same site is no new site",
	  { { "https://wire.example/1", WIRE, NULL, 1, 1 },
	    { "https://m.wire.example/5", OTHER_TEXT, NULL, 2, 1 } } },
	{ "an independent article is a new site",
	  { { "https://wire.example/1", WIRE, NULL, 1, 1 },
	    { "https://handson.example/6", OTHER_TEXT, NULL, 2, 2 } } },
	{ "a copy stored again stays a copy",
	  { { "https://wire.example/1", WIRE, NULL, 1, 1 },
	    { "https://mirror.example/7", "Via Example Wire.\n\n" WIRE,
	      "near", 2, 1 },
	    { "https://mirror.example/7", "Via Example Wire.\n\n" WIRE,
	      "near", 2, 1 } } },
};

static void
test_copies(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(copy_cases) / sizeof(copy_cases[0]);
	     i++) {
		const struct copy_case *cc = &copy_cases[i];
		char name[32], sql[256];
		struct store *st;

		snprintf(name, sizeof(name), "copies%zu", i);
		st = open_store(name, 0);
		for (size_t k = 0; k < 4 && cc->steps[k].url; k++) {
			const struct copy_step *cs = &cc->steps[k];
			struct art_spec a = { cs->url, NULL, "2024-06-01",
					      "vivo X100", cs->text, VIVO,
					      { { NULL, NULL } }, VIVO_CHIP };
			struct rumor_query q = { .device = "vivo x100" };
			struct got {
				long sources, independent;
			} got = { 0, 0 };
			struct collected c;

			put_ok(st, &a);
			assert_int_equal(run_query(st, &q, &c), 0);
			buf_free(&c.text);
			got.sources = c.first.sources;
			snprintf(sql, sizeof(sql),
				 "SELECT independent_sources FROM rumors");
			got.independent = raw_int(name, sql);
			snprintf(sql, sizeof(sql),
				 "SELECT coalesce(copy_kind, 'original')"
				 " = '%s' FROM article_prints p JOIN articles"
				 " a ON a.id = p.article_id WHERE a.url = '%s'",
				 cs->kind ? cs->kind : "original", cs->url);
			if (raw_int(name, sql) != 1 ||
			    got.sources != cs->sources ||
			    got.independent != cs->independent)
				fail_msg("%s, step %zu: copy %s, sources %ld "
					 "(want %ld), independent %ld (want "
					 "%ld)",
					 cc->name, k, raw_int(name, sql) == 1
							      ? "as expected"
							      : "wrong",
					 got.sources, cs->sources,
					 got.independent, cs->independent);
		}
		store_close(st);
	}
}

struct contested_case {
	const char *name;
	struct claim_spec a, b; /* from two articles */
	const char *url_b;      /* the second article's URL */
	int contested;          /* both flagged */
};

#define ONEPLUS(attr, value, q) { "OnePlus 13", attr, value, q }

static const struct contested_case contested_cases[] = {
	{ "two outlets, two chipsets",
	  ONEPLUS("chipset", "Snapdragon 8 Gen 4", NULL),
	  ONEPLUS("chipset", "Dimensity 9400", NULL),
	  "https://b.example/2", 1 },
	{ "one outlet, two chipsets: its own doubt",
	  ONEPLUS("chipset", "Snapdragon 8 Gen 4", NULL),
	  ONEPLUS("chipset", "Dimensity 9400", NULL),
	  "https://a.example/2", 0 },
	{ "two launch months", ONEPLUS("launch", "2024-10", NULL),
	  ONEPLUS("launch", "2024-12", NULL), "https://b.example/2", 1 },
	{ "a year contains its months", ONEPLUS("launch", "2024", NULL),
	  ONEPLUS("launch", "2024-10", NULL), "https://b.example/2", 0 },
	{ "a month contains its days", ONEPLUS("launch", "2024-10", NULL),
	  ONEPLUS("launch", "2024-10-31", NULL), "https://b.example/2", 0 },
	{ "2024-1 is not in 2024-10", ONEPLUS("launch", "2024-10", NULL),
	  ONEPLUS("launch", "2024-1", NULL), "https://b.example/2", 1 },
	{ "different markets may differ",
	  ONEPLUS("launch", "2024-10", "China"),
	  ONEPLUS("launch", "2025-01", "global"), "https://b.example/2", 0 },
	{ "two camera partners", ONEPLUS("camera_partner", "Hasselblad", NULL),
	  ONEPLUS("camera_partner", "Leica", NULL), "https://b.example/2", 1 },
	{ "an OS and its skin agree", ONEPLUS("os", "Android 15", NULL),
	  ONEPLUS("os", "OxygenOS 15", NULL), "https://b.example/2", 0 },
};

static void
test_contested(void **state)
{
	(void)state;
	for (size_t i = 0;
	     i < sizeof(contested_cases) / sizeof(contested_cases[0]); i++) {
		const struct contested_case *cc = &contested_cases[i];
		struct art_spec a = { "https://a.example/1", NULL, "2024-06-01",
				      "OnePlus 13", "Article one.",
				      { { "OnePlus 13", "OnePlus" } },
				      { { NULL, NULL } }, { cc->a } };
		struct art_spec b = a;
		struct rumor_query q = { .contested = true };
		struct collected c;
		char name[32];
		struct store *st;

		snprintf(name, sizeof(name), "contested%zu", i);
		st = open_store(name, 0);
		b.url = cc->url_b;
		b.text = "Article two.";
		b.claims[0] = cc->b;
		put_ok(st, &a);
		put_ok(st, &b);
		assert_int_equal(run_query(st, &q, &c), 0);
		buf_free(&c.text);
		if (c.rows != (cc->contested ? 2 : 0))
			fail_msg("%s: %d contested rumors", cc->name, c.rows);
		if (cc->contested) {
			/* The second article takes its claim back. */
			b.claims[0] = cc->a;
			put_ok(st, &b);
			assert_int_equal(run_query(st, &q, &c), 0);
			buf_free(&c.text);
			if (c.rows)
				fail_msg("%s: still contested after the "
					 "claim went", cc->name);
		}
		store_close(st);
	}
}

struct conf_row {
	char value[64];
	double confidence, support;
};

static int
collect_conf(const struct rumor_row *r, void *arg)
{
	struct conf_row *v = arg;

	for (int i = 0; i < 8; i++)
		if (!v[i].value[0]) {
			snprintf(v[i].value, sizeof(v[i].value), "%s",
				 r->value);
			v[i].confidence = r->confidence;
			v[i].support = r->support;
			break;
		}
	return 0;
}

static double
conf_of(const struct conf_row *v, const char *value)
{
	for (int i = 0; i < 8; i++)
		if (strcmp(v[i].value, value) == 0)
			return v[i].confidence;
	fail_msg("no rumor %s", value);
	return -1;
}

/* One article about the OnePlus 13 with claims of given certainty. */
struct certain {
	const char *attribute, *value;
	double certainty;
};

static void
put_certain(struct store *st, const char *url, const char *published,
	    const struct certain *claims, size_t n)
{
	struct rumor_set rs;
	struct store_article a = { .url = url,
				   .title = "Leak",
				   .text = url,
				   .published = published,
				   .rumors = &rs };

	rumor_set_init(&rs);
	rumor_set_add_device(&rs, "OnePlus 13", "OnePlus");
	for (size_t i = 0; i < n; i++)
		rumor_set_add_claim(&rs, "OnePlus 13", claims[i].attribute,
				    claims[i].value, NULL, "cue.")
			->certainty = claims[i].certainty;
	if (store_put_article(st, &a, NULL))
		fail_msg("put %s: %s", url, store_errmsg(st));
	rumor_set_free(&rs);
}

static void
test_confidence(void **state)
{
	static const struct certain confirmed[] = {
		{ "chipset", "Snapdragon 8 Gen 4", 1.6 },
		{ "launch", "2024-10", 1.0 },
	};
	static const struct certain could[] = {
		{ "chipset", "Dimensity 9400", 0.6 },
	};
	static const struct certain old[] = { { "os", "Android 15", 0 } };
	struct store *st = open_store("confidence", 0);
	struct conf_row v[8] = { 0 };
	struct rumor_query q = { .device = "oneplus 13" };

	(void)state;
	/* The OS claim is a year older than the newest article. */
	put_certain(st, "https://a.example/1", "2023-06-01", old, 1);
	put_certain(st, "https://a.example/2", "2024-06-01", confirmed, 2);
	put_certain(st, "https://b.example/3", "2024-06-01", confirmed, 2);
	put_certain(st, "https://c.example/4", "2024-06-01", could, 1);
	assert_int_equal(store_query_rumors(st, &q, collect_conf, v), 0);
	/* Confirmed by two sites outranks one site's "could". */
	assert_true(conf_of(v, "Snapdragon 8 Gen 4") >
		    conf_of(v, "Dimensity 9400"));
	/* 1 - (1 - 0.5 * 1.6)^2 = 0.96, seen on the newest day. */
	assert_true(fabs(conf_of(v, "Snapdragon 8 Gen 4") - 0.96) < 1e-6);
	assert_true(fabs(conf_of(v, "Dimensity 9400") - 0.3) < 1e-6);
	assert_true(fabs(conf_of(v, "2024-10") - 0.75) < 1e-6);
	/* One neutral site, 366 days old: 0.5 * (0.5 + 0.5 * 2^-366/180). */
	assert_true(fabs(conf_of(v, "Android 15") -
			 0.5 * (0.5 + 0.5 * exp2(-366.0 / 180))) < 1e-6);
	/* The formula on its own. */
	assert_true(fabs(store_confidence(0.8, "2024-01", "2024-01-01") -
			 0.8) < 1e-9);
	assert_true(fabs(store_confidence(0.8, "2023-07-05", "2024-01-01") -
			 0.8 * 0.75) < 1e-9);
	assert_true(fabs(store_confidence(0.8, "2025", "2024-01-01") - 0.8) <
		    1e-9);
	store_close(st);
}

/*
 * A crawl's batch writes each entity once (store/memo.c).  An article
 * refused half-way, after its entities were written, is rolled back
 * to its savepoint with them; the next article of the batch naming the
 * same device must write it again, not use the id that went.
 */
static void
test_batch_refused_article(void **state)
{
	struct store *st = open_store("batch_refused", 0);
	struct crawlstate *cs = NULL;
	struct crawlstate_result r = { .id = 1, .now = 1, .state = "done" };
	struct rumor_set bad, good;
	bool same = true;
	struct store_article a = { .source = "test", .title = "t",
				   .text = "Some words.",
				   .published = "2024-05-01" };

	(void)state;
	rumor_set_init(&bad);
	rumor_set_add_device(&bad, "Zeta Phone 9", "Zeta");
	rumor_set_add_chipset(&bad, "Tensor G4", "Google");
	/* A claim with no attribute: refused after the entities. */
	free(rumor_set_add_claim(&bad, "Zeta Phone 9", "chipset", "Tensor G4",
				 NULL, "cue")->attribute);
	bad.claims[0].attribute = NULL;
	rumor_set_init(&good);
	rumor_set_add_device(&good, "Zeta Phone 9", "Zeta");
	rumor_set_add_chipset(&good, "Tensor G4", "Google");
	rumor_set_add_claim(&good, "Zeta Phone 9", "chipset", "Tensor G4",
			    NULL, "cue");

	assert_int_equal(crawlstate_open(st, &cs), 0);
	assert_int_equal(crawlstate_batch_begin(cs), 0);
	a.url = "https://example.com/bad";
	a.rumors = &bad;
	assert_int_equal(crawlstate_page_store(cs, &r, &a, 1, &same),
			 RM_EINVAL);
	a.url = "https://example.com/good";
	a.rumors = &good;
	assert_int_equal(crawlstate_page_store(cs, &r, &a, 1, &same), 0);
	assert_false(same);
	assert_int_equal(crawlstate_batch_end(cs, true), 0);
	assert_counts(st, 1, 1, 1, 1, 1);
	assert_int_equal(raw_int("batch_refused", "SELECT count(*) FROM "
				 "rumors r JOIN entities d ON d.id = "
				 "r.subject_id WHERE d.name = 'Zeta Phone 9'"),
			 1);
	crawlstate_close(cs);
	rumor_set_free(&bad);
	rumor_set_free(&good);
	store_close(st);
}

static void
test_weight_change(void **state)
{
	struct store *st = open_store("weight", 0);
	struct art_spec a = {
		"https://a.example/1", "alpha", "2024-06-01", "Leak",
		"Article one.", { { "OnePlus 13", "OnePlus" } },
		{ { NULL, NULL } },
		{ { "OnePlus 13", "launch", "2024-10", NULL } },
	};
	struct store_article sa;
	struct rumor_set rs;

	(void)state;
	put_ok(st, &a);
	assert_int_equal(raw_int("weight", "SELECT support * 100 FROM rumors"),
			 50);
	/* The source's weight doubles: its old claims gain too. */
	spec_rumors(&a, &rs);
	rumor_set_free(&rs);
	rumor_set_init(&rs);
	sa = (struct store_article){ .url = "https://a.example/2",
				     .source = "alpha",
				     .title = "Other",
				     .text = "Nothing here.",
				     .published = "2024-06-02",
				     .rumors = &rs,
				     .weight = 1.8 };
	assert_int_equal(store_put_article(st, &sa, NULL), 0);
	rumor_set_free(&rs);
	assert_int_equal(raw_int("weight", "SELECT support * 100 FROM rumors"),
			 90);
	assert_int_equal(raw_int("weight", "SELECT weight * 10 FROM sources"
					   " WHERE name = 'alpha'"),
			 18);
	store_close(st);
}

static void
test_changed_since(void **state)
{
	struct store *st = open_store("since", 0);
	struct art_spec a = {
		"https://a.example/1", "alpha", "2024-06-01", "Leak",
		"Article one.", { { "OnePlus 13", "OnePlus" } },
		{ { NULL, NULL } },
		{ { "OnePlus 13", "launch", "2024-10", NULL },
		  { "OnePlus 13", "os", "Android 15", NULL } },
	};
	struct art_spec b = a;
	struct rumor_query q = { .since = "2001-01-01T00:00:00Z" };
	struct collected c;

	(void)state;
	put_ok(st, &a);
	assert_int_equal(raw_exec("since", "UPDATE rumors SET"
					   " created_at = '2000-01-01T00:00:00Z',"
					   " changed_at = '2000-01-01T00:00:00Z'"),
			 SQLITE_OK);
	put_ok(st, &a); /* the same article again changes nothing */
	assert_int_equal(run_query(st, &q, &c), 0);
	assert_string_equal(buf_str(&c.text), "");
	buf_free(&c.text);
	b.url = "https://b.example/2";
	b.text = "Article two.";
	b.claims[1] = (struct claim_spec){ "OnePlus 13", "chipset",
					   "Snapdragon 8 Gen 4", NULL };
	put_ok(st, &b);
	assert_int_equal(run_query(st, &q, &c), 0);
	assert_int_equal(c.rows, 2);
	assert_non_null(strstr(buf_str(&c.text), "OnePlus 13|launch|2024-10"));
	assert_non_null(strstr(buf_str(&c.text), "Snapdragon 8 Gen 4"));
	buf_free(&c.text);
	/* The launch is changed, the chipset new. */
	assert_int_equal(raw_int("since", "SELECT count(*) FROM rumors WHERE"
					  " created_at >= '2001'"),
			 1);
	q.since = "2001-13";
	assert_int_equal(run_query(st, &q, &c), RM_EINVAL);
	buf_free(&c.text);
	store_close(st);
}

static void
test_alias_merge(void **state)
{
	struct store *st = open_store("merge", 0);
	struct art_spec mi = {
		"https://a.example/1", "alpha", "2024-01-02", "Mi 14",
		"Mi 14 article.", { { "Mi 14", "Xiaomi" } }, { { NULL, NULL } },
		{ { "Mi 14", "chipset", "Snapdragon 8 Gen 3", NULL },
		  { "Mi 14", "launch", "2023-10", NULL } },
	};
	struct art_spec x = mi;
	const struct store_alias aliases[] = { { "Mi 14", "Xiaomi 14" } };
	const struct store_alias self[] = { { "Xiaomi-14", "xiaomi 14" } };
	struct rumor_query q = { .device = "mi 14" };
	struct collected c;

	(void)state;
	x.url = "https://b.example/2";
	x.text = "Xiaomi 14 article.";
	x.devices[0].name = "Xiaomi 14";
	x.claims[0].subject = "Xiaomi 14";
	x.claims[1] = (struct claim_spec){ NULL, NULL, NULL, NULL };
	put_ok(st, &mi);
	put_ok(st, &x);
	assert_counts(st, 2, 2, 1, 3, 3);
	/* Setting the alias merges what was stored under it. */
	assert_int_equal(store_set_aliases(st, aliases, 1), 0);
	assert_counts(st, 2, 1, 1, 2, 3);
	assert_int_equal(raw_int("merge", "SELECT sources FROM rumors"
					  " WHERE attribute = 'chipset'"),
			 2);
	assert_int_equal(raw_int("merge", "SELECT independent_sources"
					  " FROM rumors"
					  " WHERE attribute = 'chipset'"),
			 2);
	assert_int_equal(run_query(st, &q, &c), 0);
	assert_string_equal(buf_str(&c.text),
			    "Xiaomi 14|chipset|Snapdragon 8 Gen 3\n"
			    "Xiaomi 14|launch|2023-10\n");
	buf_free(&c.text);
	/* New articles naming the alias land on the device. */
	mi.url = "https://c.example/3";
	mi.text = "Another Mi 14 article.";
	put_ok(st, &mi);
	assert_counts(st, 3, 1, 1, 2, 5);
	/* The same list again is nothing to do. */
	assert_int_equal(store_set_aliases(st, aliases, 1), 0);
	assert_int_equal(store_set_aliases(st, self, 1), RM_EINVAL);
	assert_non_null(strstr(store_errmsg(st), "names itself"));
	store_close(st);
}

/* ---- schema, open and migration ---- */

static void
test_create_and_migrate(void **state)
{
	struct store *st = open_store("create", 0);

	(void)state;
	assert_counts(st, 0, 0, 0, 0, 0);
	store_close(st);
	assert_int_equal(raw_int("create", "PRAGMA user_version"), 6);
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
	assert_int_equal(raw_int("reopen", "PRAGMA user_version"), 6);
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
	{ "newer schema version read-only", "PRAGMA user_version = 7",
	  STORE_READONLY, RM_EDB, "newer than this program knows" },
	{ "someone else's database", "CREATE TABLE t(x)", 0, RM_EDB,
	  "not a rumormill database" },
	{ "versioned but not ours", "PRAGMA user_version = 1", 0, RM_EDB,
	  "not a rumormill database" },
	{ "read-only missing file", NULL, STORE_READONLY, RM_EIO,
	  "no database at" },
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

/* A file that is not SQLite at all is named as such, for reading and
 * for writing, and left as it was. */
static void
test_open_not_sqlite(void **state)
{
	static const unsigned flags[] = { STORE_READONLY, 0 };
	const char *path = db_path("notsqlite");
	char back[32] = "";
	FILE *f;

	(void)state;
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("hello, world\n", f);
	fclose(f);
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		struct store *st = NULL;
		char *err = NULL;
		int rc = store_open(path, flags[i], &st, &err);

		if (rc != RM_EDB || st || !err ||
		    !strstr(err, "is not a rumormill database") ||
		    !strstr(err, path))
			fail_msg("flags %u: rc %d err %s", flags[i], rc,
				 err ? err : "(none)");
		free(err);
	}
	f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(back, sizeof(back), f));
	fclose(f);
	assert_string_equal(back, "hello, world\n");
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

static long long
rumor_count(struct store *st, const struct rumor_query *q)
{
	struct collected c;
	int rc = run_query(st, q, &c);

	buf_free(&c.text);
	return rc ? -1 : c.rows;
}

static void
test_reimport_replaces_claims(void **state)
{
	struct store *st = open_store("reimport", 0);
	struct art_spec v1 = {
		"https://x.example/p", "site", "2024-05-01",
		"Pixel 9 camera", "The Pixel 9 gets a periscope camera.",
		{ { "Pixel 9", "Google" } }, { { NULL, NULL } },
		{ { "Pixel 9", "camera", "periscope", NULL },
		  { "Pixel 9", "chipset", "Tensor G4", NULL } },
	};
	struct art_spec other = {
		"https://y.example/q", "site2", "2024-05-03", "Pixel 9",
		"Pixel 9 periscope again.",
		{ { "Pixel 9", "Google" } }, { { NULL, NULL } },
		{ { "Pixel 9", "camera", "periscope", NULL } },
	};
	struct art_spec v2 = v1;
	struct rumor_query chip = { .attribute = "chipset" };
	struct rumor_query cam = { .attribute = "camera" };
	struct rumor_query old_word = { .search = "periscope" };
	struct rumor_query new_word = { .search = "ultrasonic" };
	struct collected c;

	(void)state;
	put_ok(st, &v1);
	put_ok(st, &other);
	assert_counts(st, 2, 1, 1, 2, 3);
	/* The article changes its story: Tensor G4 goes, a sensor comes. */
	v2.text = "The Pixel 9 gets an ultrasonic fingerprint sensor.";
	v2.claims[0] = (struct claim_spec){ "Pixel 9", "fingerprint",
					    "ultrasonic", NULL };
	v2.claims[1] = (struct claim_spec){ NULL, NULL, NULL, NULL };
	put_ok(st, &v2);
	/* Tensor G4's entity stays (it was named); its rumor is gone. */
	assert_counts(st, 2, 1, 1, 2, 2);
	assert_int_equal(rumor_count(st, &chip), 0);
	/* The camera rumor survives on the other article alone. */
	assert_int_equal(run_query(st, &cam, &c), 0);
	assert_int_equal(c.rows, 1);
	assert_int_equal(c.first.sources, 1);
	assert_string_equal(c.first.first_seen, "2024-05-03");
	assert_string_equal(c.first_urls, "https://y.example/q");
	buf_free(&c.text);
	/* The full-text index follows the new text. */
	assert_int_equal(rumor_count(st, &old_word), 1);
	assert_int_equal(rumor_count(st, &new_word), 1);
	store_close(st);
	assert_int_equal(raw_exec("reimport",
				  "INSERT INTO articles_fts(articles_fts)"
				  " VALUES ('integrity-check')"),
			 SQLITE_OK);
	/* Deleting by hand keeps the index in step too. */
	assert_int_equal(raw_exec("reimport",
				  "PRAGMA foreign_keys = ON;"
				  " DELETE FROM articles WHERE id = 1;"
				  " INSERT INTO articles_fts(articles_fts)"
				  " VALUES ('integrity-check')"),
			 SQLITE_OK);
	assert_int_equal(raw_int("reimport", "SELECT count(*) FROM articles_fts"
					     " WHERE articles_fts MATCH"
					     " 'ultrasonic'"),
			 0);
}

static void
test_seen_dates_and_sources(void **state)
{
	struct store *st = open_store("seen", 0);
	struct art_spec a = {
		"https://a.example/1", "alpha", "2024-03-01", "OnePlus 12",
		"OnePlus 12 launch.", { { "OnePlus 12", "OnePlus" } },
		{ { NULL, NULL } },
		{ { "OnePlus 12", "launch", "2024-01", "global" } },
	};
	struct art_spec b = a, c = a, d = a;
	struct rumor_query q = { .device = "oneplus 12" };
	struct collected got;
	char today[DATE_STR_MAX];
	struct ymd now = date_today();

	(void)state;
	b.url = "https://b.example/2";
	b.source = "beta";
	b.published = "2024-01-15";
	c.url = "https://c.example/3";
	c.published = "2024-02-10";
	put_ok(st, &a);
	put_ok(st, &b);
	put_ok(st, &c);
	assert_int_equal(run_query(st, &q, &got), 0);
	assert_int_equal(got.rows, 1);
	assert_string_equal(got.first.first_seen, "2024-01-15");
	assert_string_equal(got.first.last_seen, "2024-03-01");
	assert_int_equal(got.first.sources, 3);
	assert_string_equal(got.first.qualifier, "global");
	assert_string_equal(got.first_urls,
			    "https://b.example/2 https://c.example/3"
			    " https://a.example/1");
	buf_free(&got.text);

	/* The earliest article's date moves later: both ends follow. */
	b.published = "2024-04-02";
	put_ok(st, &b);
	assert_int_equal(run_query(st, &q, &got), 0);
	assert_string_equal(got.first.first_seen, "2024-02-10");
	assert_string_equal(got.first.last_seen, "2024-04-02");
	assert_int_equal(got.first.sources, 3);
	buf_free(&got.text);

	/* No published date: the day it was stored counts. */
	d.url = "https://d.example/4";
	d.published = NULL;
	put_ok(st, &d);
	date_format(&now, today);
	assert_int_equal(run_query(st, &q, &got), 0);
	assert_string_equal(got.first.last_seen, today);
	assert_int_equal(got.first.sources, 4);
	buf_free(&got.text);
	store_close(st);
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
	struct rumor_query q = { .chipset = "dimensity 9400" };
	struct rumor_query dev = { .device = "dimensity" };

	(void)state;
	put_ok(st, &a);
	assert_counts(st, 1, 1, 1, 2, 2);
	assert_int_equal(rumor_count(st, &q), 1);
	assert_int_equal(rumor_count(st, &dev), 1);
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
		struct rumor_query q = { .search = "fresh" };
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
		assert_int_equal(rumor_count(st, &q), 0);
	}
	/* The handle still works after a rollback. */
	put_ok(st, &corpus[1]);
	assert_counts(st, 2, 3, 1, 4, 4);
	store_close(st);
}

/* A failed re-import keeps the article's previous claims. */
static void
test_failed_reimport_keeps_old(void **state)
{
	struct store *st = open_store("failre", 0);
	struct rumor_set rs;
	struct store_article a = {
		.url = corpus[0].url, .source = "gsmnews", .title = "new",
		.text = "replacement", .published = "2024-01-11",
		.rumors = &rs,
	};
	struct rumor_query q = { .device = "xiaomi 14" };
	struct collected c;

	(void)state;
	put_ok(st, &corpus[0]);
	spec_rumors(&corpus[0], &rs);
	free(rs.claims[1].value);
	rs.claims[1].value = NULL;
	assert_int_equal(store_put_article(st, &a, NULL), RM_EINVAL);
	rumor_set_free(&rs);
	assert_int_equal(run_query(st, &q, &c), 0);
	assert_string_equal(buf_str(&c.text), R_14_CHIP R_14P_CHIP);
	assert_string_equal(c.first.last_seen, "2024-01-10");
	buf_free(&c.text);
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

/* ---- read-only access ---- */

static void
test_readonly(void **state)
{
	struct store *rw = open_store("ro", 0);
	struct store *ro;
	struct rumor_query q = { .brand = "samsung" };
	struct store_counts cnt;
	sqlite3 *writer = NULL;

	(void)state;
	load_corpus(rw);
	ro = open_store("ro", STORE_READONLY);
	assert_int_equal(rumor_count(ro, &q), 2);
	assert_int_equal(put_spec(ro, &corpus[0], NULL), RM_EINVAL);
	assert_non_null(strstr(store_errmsg(ro), "read-only"));
	/* A writer mid-transaction does not block the reader (WAL). */
	assert_int_equal(sqlite3_open(db_path("ro"), &writer), SQLITE_OK);
	assert_int_equal(sqlite3_exec(writer,
				      "BEGIN IMMEDIATE;"
				      " DELETE FROM evidence;"
				      " DELETE FROM rumors",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(rumor_count(ro, &q), 2);
	assert_int_equal(store_counts(ro, &cnt), 0);
	assert_int_equal(cnt.rumors, 9);
	assert_int_equal(sqlite3_exec(writer, "ROLLBACK", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(writer);
	store_close(ro);
	store_close(rw);
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
		cmocka_unit_test(test_open_not_sqlite),
		cmocka_unit_test(test_put_twice_no_duplicates),
		cmocka_unit_test(test_reimport_replaces_claims),
		cmocka_unit_test(test_seen_dates_and_sources),
		cmocka_unit_test(test_chipset_claims),
		cmocka_unit_test(test_failed_put_leaves_nothing),
		cmocka_unit_test(test_failed_reimport_keeps_old),
		cmocka_unit_test(test_content_hash),
		cmocka_unit_test(test_readonly),
		cmocka_unit_test(test_query_filters),
		cmocka_unit_test(test_query_bad_filters),
		cmocka_unit_test(test_query_callback_stops),
		cmocka_unit_test(test_alias),
		cmocka_unit_test(test_copies),
		cmocka_unit_test(test_contested),
		cmocka_unit_test(test_confidence),
		cmocka_unit_test(test_batch_refused_article),
		cmocka_unit_test(test_weight_change),
		cmocka_unit_test(test_changed_since),
		cmocka_unit_test(test_alias_merge),
		cmocka_unit_test(test_match_keys),
		cmocka_unit_test(test_match_key_too_long),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
