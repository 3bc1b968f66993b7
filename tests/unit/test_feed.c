/*
 * Feeds and sitemaps: the real feeds of tests/data/corpus/feeds/ checked
 * item by item against feed-rs's expected parses (*.serde.json), our own
 * sitemap fixtures, and hostile input (gzip bomb, billion laughs, XXE,
 * oversized bodies).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <jansson.h>
#include <zlib.h>

#include "common/buf.h"
#include "common/errors.h"
#include "crawler/feed.h"
#include "crawler/url.h"
#include "tests/support/fixture.h"

/* The URL every fixture pretends to come from (base for relative links). */
#define FEED_URL "https://feed.example/dir/feed.xml"
#define DATA "tests/data/feed/"

/* The real feeds: tests/data/corpus/feeds/ (see its SOURCE.md). */
#define CORPUS "tests/data/corpus/feeds/"

static const char *
corpus_path(const char *rel)
{
	static char path[2048];

	snprintf(path, sizeof(path), CORPUS "%s", rel);
	return path;
}

static struct feed *
parse_file(const char *path, int want_rc)
{
	struct feed *f = NULL;
	char *err = NULL;
	size_t len;
	char *data = fixture_read(path, &len);
	int rc;

	if (!data)
		fail_msg("cannot read %s", path);
	rc = feed_parse(data, len, FEED_URL, &f, &err);
	if (rc != want_rc)
		fail_msg("%s: rc %d (%s), want %d", path, rc, err ? err : "",
			 want_rc);
	free(err);
	free(data);
	return f;
}

/* feed-rs's chosen link of an entry: the first alternate (or rel-less)
 * one, else the first; NULL when the entry has none. */
static const char *
expected_link(const json_t *entry)
{
	const json_t *l;
	const char *first = NULL;
	size_t i;

	json_array_foreach(json_object_get(entry, "links"), i, l)
	{
		const char *rel = json_string_value(json_object_get(l, "rel"));
		const char *href =
			json_string_value(json_object_get(l, "href"));

		if (!first)
			first = href;
		if (!rel || strcmp(rel, "alternate") == 0)
			return href;
	}
	return first;
}

/*
 * Fixtures of feed-rs with an expected parse.  Not listed: rss_2.0_spec_1
 * (its items have only a permalink <guid>, which we take as the link and
 * feed-rs does not) and the invalid one (no expected parse; see
 * test_invalid_feed).
 */
static const char *const feedrs_files[] = {
	"atom/atom_content_src.xml",
	"atom/atom_entry_1.xml",
	"atom/atom_example_1.xml",
	"atom/atom_example_2.xml",
	"atom/atom_example_3.xml",
	"atom/atom_example_4.xml",
	"atom/atom_example_5.xml",
	"atom/atom_example_6.xml",
	"atom/atom_example_7.xml",
	"atom/atom_example_reddit.xml",
	"atom/atom_mediarss_newscred_1.xml",
	"atom/atom_mediarss_reddit_1.xml",
	"atom/atom_mediarss_youtube_1.xml",
	"atom/atom_pub_spec_1.xml",
	"atom/atom_relative.xml",
	"atom/atom_scattered.xml",
	"atom/atom_spec_1.xml",
	"atom/atom_xml_base.xml",
	"jsonfeed/jsonfeed_elastic_1.1.json",
	"jsonfeed/jsonfeed_example_1.json",
	"jsonfeed/jsonfeed_spec_1.json",
	"rss0/rss_0.91_encoding_1.xml",
	"rss0/rss_0.91_encoding_2.xml",
	"rss0/rss_0.91_missing_id.xml",
	"rss0/rss_0.91_spec_1.xml",
	"rss0/rss_0.92_spec_1.xml",
	"rss1/rss_1.0_biorxiv.xml",
	"rss1/rss_1.0_debian.xml",
	"rss1/rss_1.0_example_1.xml",
	"rss1/rss_1.0_example_2.xml",
	"rss1/rss_1.0_iso8859.xml",
	"rss1/rss_1.0_spec_1.xml",
	"rss1/rss_1.0_spec_2.xml",
	"rss2/rss_2.0_anchorfm.xml",
	"rss2/rss_2.0_bbc.xml",
	"rss2/rss_2.0_ch9.xml",
	"rss2/rss_2.0_cloudflare.xml",
	"rss2/rss_2.0_dbengines.xml",
	"rss2/rss_2.0_element_io.xml",
	"rss2/rss_2.0_encoding_1.xml",
	"rss2/rss_2.0_example_1.xml",
	"rss2/rss_2.0_example_2.xml",
	"rss2/rss_2.0_example_3.xml",
	"rss2/rss_2.0_example_4.xml",
	"rss2/rss_2.0_example_5.xml",
	"rss2/rss_2.0_example_6.xml",
	"rss2/rss_2.0_ghost_1.xml",
	"rss2/rss_2.0_ghost_2.xml",
	"rss2/rss_2.0_heated.xml",
	"rss2/rss_2.0_ilgiornale.xml",
	"rss2/rss_2.0_ilmessaggero.xml",
	"rss2/rss_2.0_kdist.xml",
	"rss2/rss_2.0_matrix.xml",
	"rss2/rss_2.0_nbcny.xml",
	"rss2/rss_2.0_nightvale.xml",
	"rss2/rss_2.0_reddit.xml",
	"rss2/rss_2.0_relurl_1.xml",
	"rss2/rss_2.0_relurl_2.xml",
	"rss2/rss_2.0_rps.xml",
	"rss2/rss_2.0_spiegel.xml",
	"rss2/rss_2.0_spreaker.xml",
	"rss2/rss_2.0_vimeo_media.xml",
	"rss2/rss_2.0_wirecutter.xml",
};

/* One entry of feed-rs against our item N: link, title, dates. */
static void
check_entry(const char *file, size_t n, const json_t *e,
	    const struct feed_item *it)
{
	const char *title = json_string_value(
		json_object_get(json_object_get(e, "title"), "content"));
	const char *pub = json_string_value(json_object_get(e, "published"));
	const char *upd = json_string_value(json_object_get(e, "updated"));
	char *want = NULL;
	struct feed_date d;

	/* Relative links: ours are resolved against the feed URL. */
	assert_int_equal(url_resolve(FEED_URL, expected_link(e), &want), 0);
	if (strcmp(want, it->link) != 0)
		fail_msg("%s[%zu]: link %s, want %s", file, n, it->link, want);
	free(want);
	if ((title == NULL) != (it->title == NULL) ||
	    (title && strcmp(title, it->title) != 0))
		fail_msg("%s[%zu]: title [%s], want [%s]", file, n,
			 it->title ? it->title : "(null)",
			 title ? title : "(null)");
	/* feed-rs gives UTC instants; compare the instants. */
	if (pub && feed_parse_date(pub, &d) == 0 &&
	    d.unix != it->published.unix)
		fail_msg("%s[%zu]: published %lld, want %s", file, n,
			 it->published.unix, pub);
	/* feed-rs falls back to the published date for "updated". */
	if (upd && feed_parse_date(upd, &d) == 0 &&
	    d.unix != it->updated.unix && d.unix != it->published.unix)
		fail_msg("%s[%zu]: updated %lld, want %s", file, n,
			 it->updated.unix, upd);
}

static void
test_feedrs_corpus(void **state)
{
	size_t entries = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(feedrs_files) / sizeof(feedrs_files[0]);
	     i++) {
		char json_path[2048], rel[512];
		const char *path, *dot;
		json_t *exp, *e;
		struct feed *f;
		size_t n = 0, j;

		snprintf(rel, sizeof(rel), "feed-rs/%s", feedrs_files[i]);
		path = corpus_path(rel);
		dot = strrchr(path, '.');
		snprintf(json_path, sizeof(json_path), "%.*s.serde.json",
			 (int)(dot - path), path);
		exp = json_load_file(json_path, 0, NULL);
		if (!exp)
			fail_msg("cannot read %s", json_path);
		f = parse_file(path, 0);
		json_array_foreach(json_object_get(exp, "entries"), j, e)
		{
			/* We drop entries without a link; so does this. */
			if (!expected_link(e))
				continue;
			if (n >= f->n_items)
				fail_msg("%s: only %zu items", path, n);
			check_entry(feedrs_files[i], n, e, &f->items[n]);
			n++;
		}
		if (n != f->n_items)
			fail_msg("%s: %zu items, want %zu", path, f->n_items,
				 n);
		entries += n;
		feed_free(f);
		json_decref(exp);
	}
	print_message("%zu feeds, %zu entries agree with feed-rs\n",
		      sizeof(feedrs_files) / sizeof(feedrs_files[0]), entries);
	assert_true(entries >= 90);
}

struct kind_case {
	const char *file; /* under the corpus, or DATA when it starts so */
	enum feed_kind kind;
	size_t items;
	const char *title;
	long ttl;
};

static const struct kind_case kind_cases[] = {
	{ "feedjira/TechCrunch.xml", FEED_RSS, 20, "TechCrunch", 3600 },
	{ "feedjira/HREFConsideredHarmful.xml", FEED_RDF, 10,
	  "HREF Considered Harmful", -1 },
	{ "feedjira/youtube_atom.xml", FEED_ATOM, 15, "Google", -1 },
	{ "feedjira/json_feed.json", FEED_JSONFEED, 20, "inessential.com",
	  -1 },
	{ "feed-rs/rss1/rss_1.0_iso8859.xml", FEED_RDF, 1, "Golem.de", -1 },
	/* sy:updatePeriod hourly, updateFrequency 2. */
	{ "feed-rs/rss1/rss_1.0_spec_2.xml", FEED_RDF, 1, "Meerkat", 1800 },
	/* <ttl>1800</ttl> minutes. */
	{ "feed-rs/rss2/rss_2.0_example_1.xml", FEED_RSS, 1, "RSS Title",
	  108000 },
	{ "feed-extractor/rdf-standard.xml", FEED_RDF, 0, NULL, -2 },
	{ "feed-extractor/atom-feed-standard-realworld.xml", FEED_ATOM, 38,
	  "Top stories - Google News", -1 },
	{ "trafilatura/feed2.rss", FEED_RSS, 0, NULL, -2 },
	{ "trafilatura/feed.json", FEED_JSONFEED, 0, NULL, -2 },
	{ DATA "sitemap-news.xml", FEED_SITEMAP, 3, NULL, -1 },
	{ DATA "sitemapindex.xml", FEED_SITEMAPINDEX, 3, NULL, -1 },
	{ DATA "sitemap-plain.xml.gz", FEED_SITEMAP, 3, NULL, -1 },
};

/* Kind, item count (0: any), title and ttl (-2: any) of whole feeds. */
static void
test_kinds(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(kind_cases) / sizeof(kind_cases[0]);
	     i++) {
		const struct kind_case *c = &kind_cases[i];
		bool ours = strncmp(c->file, DATA, strlen(DATA)) == 0;
		struct feed *f = parse_file(ours ? c->file : corpus_path(c->file),
					    0);

		print_message("kind: %s\n", c->file);
		assert_string_equal(feed_kind_name(f->kind),
				    feed_kind_name(c->kind));
		if (c->items)
			assert_int_equal(f->n_items, c->items);
		else
			assert_true(f->n_items > 0);
		if (c->title)
			assert_string_equal(f->title, c->title);
		if (c->ttl != -2)
			assert_int_equal(f->ttl_secs, c->ttl);
		feed_free(f);
	}
}

/* ISO-8859-1 comes out as UTF-8. */
static void
test_latin1(void **state)
{
	struct feed *f =
		parse_file(corpus_path("feed-rs/rss1/rss_1.0_iso8859.xml"), 0);

	(void)state;
	assert_int_equal(f->n_items, 1);
	assert_string_equal(f->items[0].title,
			    "Digitalministerium: Neue Glasfaserf\xc3\xb6rderung "
			    "mit Schnellkasse");
	feed_free(f);
}

/* A deliberately broken feed (cut off mid-channel) must not crash. */
static void
test_invalid_feed(void **state)
{
	struct feed *f =
		parse_file(corpus_path("feed-rs/rss2/rss_2.0_invalid_1.xml"), 0);

	(void)state;
	assert_int_equal(f->kind, FEED_RSS);
	assert_string_equal(f->title, "Reuters: Most Read Articles");
	assert_int_equal(f->n_items, 0);
	feed_free(f);
}

static void
test_sitemaps(void **state)
{
	struct feed *f = parse_file(DATA "sitemap-news.xml", 0);
	const struct feed_item *it = f->items;

	(void)state;
	assert_int_equal(f->n_items, 3);
	assert_int_equal(f->n_dropped, 2);
	/* Tracking parameter dropped, news:title collapsed. */
	assert_string_equal(it[0].link,
			    "https://www.example-news.com/news/galaxy-s26-ultra"
			    "-snapdragon-8-elite-gen-2-leak-12345.php");
	assert_string_equal(it[0].title, "Galaxy S26 Ultra to use Snapdragon "
					 "8 Elite Gen 2, leak says");
	assert_string_equal(it[0].published.day, "2025-01-14");
	assert_int_equal(it[0].published.unix, 1736834400); /* 06:00Z */
	assert_int_equal(it[0].updated.unix, 1736839800);   /* 07:30Z */
	/* <loc> with white space around it. */
	assert_string_equal(
		it[1].link,
		"https://www.example-news.com/news/pixel-10-tensor-g5-tsmc.php");
	assert_null(it[1].title);
	assert_string_equal(it[1].updated.day, "2025-01-13");
	assert_string_equal(it[1].published.day, "");
	assert_int_equal(it[1].published.unix, -1);
	assert_string_equal(it[2].link,
			    "https://feed.example/news/relative-loc.php");
	feed_free(f);

	f = parse_file(DATA "sitemapindex.xml", 0);
	assert_int_equal(f->kind, FEED_SITEMAPINDEX);
	assert_string_equal(f->items[1].link, "https://www.example-news.com/"
					      "sitemap-2024-12.xml.gz");
	assert_string_equal(f->items[1].updated.day, "2024-12-31");
	assert_string_equal(f->items[2].updated.day, "");
	feed_free(f);

	/* The gzipped sitemap gives what the plain one gives. */
	struct feed *plain = parse_file(DATA "sitemap-plain.xml", 0);

	f = parse_file(DATA "sitemap-plain.xml.gz", 0);
	assert_int_equal(f->n_items, plain->n_items);
	for (size_t i = 0; i < f->n_items; i++) {
		assert_string_equal(f->items[i].link, plain->items[i].link);
		assert_string_equal(f->items[i].updated.day,
				    plain->items[i].updated.day);
	}
	feed_free(plain);
	feed_free(f);
}

/*
 * A gzip stream of 1 GiB of zeros, built in milliseconds: 1 MiB of zeros
 * compressed with a full flush is a self-contained, byte-aligned piece
 * of deflate data, so 1024 copies of it inflate to 1 GiB.
 */
static char *
make_gzip_bomb(size_t *len)
{
	static const unsigned char header[10] = { 0x1f, 0x8b, 8, 0, 0,
						  0,	0,    0, 0, 3 };
	const size_t chunk = 1u << 20, copies = 1024;
	unsigned char *zeros = calloc(1, chunk);
	unsigned char piece[8192], tail[64];
	size_t piece_len, tail_len;
	uLong crc = crc32(0, Z_NULL, 0), crc_chunk;
	z_stream zs;
	struct buf b;

	assert_non_null(zeros);
	memset(&zs, 0, sizeof(zs));
	/* Raw deflate: the gzip header and trailer are written here. */
	assert_int_equal(deflateInit2(&zs, 9, Z_DEFLATED, -15, 9,
				      Z_DEFAULT_STRATEGY),
			 Z_OK);
	zs.next_in = zeros;
	zs.avail_in = (uInt)chunk;
	zs.next_out = piece;
	zs.avail_out = sizeof(piece);
	assert_int_equal(deflate(&zs, Z_FULL_FLUSH), Z_OK);
	assert_int_equal(zs.avail_in, 0);
	piece_len = sizeof(piece) - zs.avail_out;
	zs.next_out = tail;
	zs.avail_out = sizeof(tail);
	assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
	tail_len = sizeof(tail) - zs.avail_out;
	deflateEnd(&zs);

	crc_chunk = crc32(0, zeros, (uInt)chunk);
	free(zeros);
	buf_init(&b, 16u << 20);
	assert_int_equal(buf_append(&b, header, sizeof(header)), 0);
	for (size_t i = 0; i < copies; i++) {
		assert_int_equal(buf_append(&b, piece, piece_len), 0);
		crc = crc32_combine(crc, crc_chunk, (z_off_t)chunk);
	}
	assert_int_equal(buf_append(&b, tail, tail_len), 0);
	unsigned char trailer[8] = {
		(unsigned char)crc, (unsigned char)(crc >> 8),
		(unsigned char)(crc >> 16), (unsigned char)(crc >> 24),
		0, 0, 0, 0x40, /* ISIZE: 2^30 bytes, little-endian */
	};

	assert_int_equal(buf_append(&b, trailer, sizeof(trailer)), 0);
	*len = b.len;
	return buf_steal(&b);
}

static void
test_gzip_bomb(void **state)
{
	size_t len, outlen = 0;
	char *bomb = make_gzip_bomb(&len), *out = NULL, *err = NULL;
	struct feed *f = NULL;
	clock_t t0 = clock();

	(void)state;
	print_message("gzip bomb: %zu bytes for 1 GiB\n", len);
	/* Straight inflation stops at its cap too. */
	assert_int_equal(feed_gunzip(bomb, len, 64u << 20, &out, &outlen),
			 RM_ETOOLARGE);
	assert_null(out);
	assert_int_equal(feed_parse(bomb, len, FEED_URL, &f, &err),
			 RM_ETOOLARGE);
	assert_null(f);
	assert_non_null(strstr(err, "size cap"));
	print_message("stopped at the cap in %.2f s CPU\n",
		      (double)(clock() - t0) / CLOCKS_PER_SEC);
	free(err);
	free(bomb);
}

/* A small gzip round trip and broken streams. */
static void
test_gunzip(void **state)
{
	size_t len, outlen;
	char *gz = fixture_read(DATA "sitemap-plain.xml.gz", &len);
	char *plain = fixture_read(DATA "sitemap-plain.xml", NULL);
	char *out = NULL;

	(void)state;
	assert_non_null(gz);
	assert_int_equal(feed_gunzip(gz, len, 1 << 20, &out, &outlen), 0);
	assert_int_equal(outlen, strlen(plain));
	assert_memory_equal(out, plain, outlen);
	free(out);
	out = NULL;
	/* One byte less than it inflates to: too large. */
	assert_int_equal(feed_gunzip(gz, len, strlen(plain) - 1, &out,
				     &outlen),
			 RM_ETOOLARGE);
	/* Cut short: corrupt. */
	assert_int_equal(feed_gunzip(gz, len / 2, 1 << 20, &out, &outlen),
			 RM_EINVAL);
	/* Damaged in the middle: corrupt (or a CRC mismatch). */
	gz[len / 2] ^= 0x55;
	assert_int_equal(feed_gunzip(gz, len, 1 << 20, &out, &outlen),
			 RM_EINVAL);
	assert_null(out);
	free(gz);
	free(plain);
}

static void
test_entities_not_expanded(void **state)
{
	clock_t t0 = clock();
	struct feed *f = parse_file(DATA "billion-laughs.xml", 0);

	(void)state;
	/* libxml2 gives up on the document; whatever is left is small. */
	for (size_t i = 0; i < f->n_items; i++)
		assert_true(!f->items[i].title ||
			    strlen(f->items[i].title) < 100);
	assert_true(!f->title || strlen(f->title) < 100);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
	feed_free(f);

	f = parse_file(DATA "xxe.xml", 0);
	assert_int_equal(f->n_items, 1);
	/* Neither the file nor the URL was read. */
	assert_string_equal(f->items[0].title, "Leak");
	feed_free(f);
}

static void
test_limits(void **state)
{
	struct buf b;
	struct feed *f = NULL;
	char *err = NULL;
	char *big;

	(void)state;
	/* The body cap. */
	big = malloc((size_t)FEED_MAX_BYTES + 1);
	assert_non_null(big);
	memset(big, ' ', (size_t)FEED_MAX_BYTES + 1);
	assert_int_equal(feed_parse(big, (size_t)FEED_MAX_BYTES + 1, FEED_URL,
				    &f, NULL),
			 RM_ETOOLARGE);
	free(big);

	/* The item cap. */
	buf_init(&b, FEED_MAX_BYTES);
	assert_int_equal(buf_append_str(&b, "<urlset>"), 0);
	for (int i = 0; i <= FEED_MAX_ITEMS; i++)
		assert_int_equal(buf_printf(&b,
					    "<url><loc>https://e.com/%d</loc>"
					    "</url>\n",
					    i),
				 0);
	assert_int_equal(buf_append_str(&b, "</urlset>"), 0);
	assert_int_equal(feed_parse(b.data, b.len, NULL, &f, NULL), 0);
	assert_int_equal(f->n_items, FEED_MAX_ITEMS);
	assert_int_equal(f->truncated, 1);
	assert_string_equal(f->items[FEED_MAX_ITEMS - 1].link,
			    "https://e.com/49999");
	feed_free(f);
	buf_free(&b);

	/* Not a feed at all. */
	static const char *const junk[] = {
		"", "hello", "<html><body>no feed</body></html>",
		"{\"version\": 1}", "{not json", "\x1f\x8bnot gzip",
	};
	for (size_t i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
		f = NULL;
		assert_int_equal(feed_parse(junk[i], strlen(junk[i]), FEED_URL,
					    &f, &err),
				 RM_EINVAL);
		assert_null(f);
		print_message("junk %zu: %s\n", i, err);
		assert_non_null(err);
		free(err);
		err = NULL;
	}
	/* Gzip of junk is junk, not an empty feed: "" and "hello". */
	static const struct {
		const char *gz;
		size_t len;
	} gz_junk[] = {
		{ "\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\x03\x00\x00\x00"
		  "\x00\x00\x00\x00\x00\x00", 20 },
		{ "\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\xcb\x48\xcd\xc9"
		  "\xc9\x07\x00\x86\xa6\x10\x36\x05\x00\x00\x00", 25 },
	};
	for (size_t i = 0; i < sizeof(gz_junk) / sizeof(gz_junk[0]); i++) {
		f = NULL;
		assert_int_equal(feed_parse(gz_junk[i].gz, gz_junk[i].len,
					    FEED_URL, &f, &err),
				 RM_EINVAL);
		assert_null(f);
		assert_string_equal(err, "neither XML nor JSON");
		free(err);
		err = NULL;
	}
}

struct date_case {
	const char *in;
	const char *day; /* NULL: RM_EINVAL */
	long long unix;
};

static const struct date_case date_cases[] = {
	{ "Tue, 02 Mar 2021 23:39:15 +0100", "2021-03-02", 1614724755 },
	{ "Tue, 2 Mar 2021 23:39:15 GMT", "2021-03-02", 1614728355 },
	{ "Sat, 07 Sep 2002 00:00:01 EDT", "2002-09-07", 1031371201 },
	{ "07 Sep 2002 00:00 -0000", "2002-09-07", 1031356800 },
	{ "Sat,07 Sep 02 00:00:01 UT", "2002-09-07", 1031356801 },
	{ "Monday, 16 October 2017 15:10:00 +0000", "2017-10-16", 1508166600 },
	{ "Mon, 16 Oct 2017 15:10:00 GMT+0100", "2017-10-16", 1508163000 },
	{ "Oct 16, 2017", "2017-10-16", 1508112000 },
	{ "Thu, 01 Jan 1970 00:00:00 Z", "1970-01-01", 0 },
	{ "2021-03-02", "2021-03-02", 1614643200 },
	{ "2021-03-02T23:39:15Z", "2021-03-02", 1614728355 },
	{ "2021-03-02T23:39:15.123+01:00", "2021-03-02", 1614724755 },
	{ "2021-03-02T23:39:15-0500", "2021-03-02", 1614746355 },
	{ "2021-03-02T23:39+05:30", "2021-03-02", 1614708540 },
	{ "2021-03-02 23:39:15", "2021-03-02", 1614728355 },
	{ "  2024-02-29T00:00:00Z  ", "2024-02-29", 1709164800 },
	{ "2023-02-29", NULL, 0 },
	{ "2021-13-01", NULL, 0 },
	{ "2021-03-02T25:00:00Z", NULL, 0 },
	{ "Tue, 32 Mar 2021 10:00:00 GMT", NULL, 0 },
	{ "Tue, 02 Foo 2021 10:00:00 GMT", NULL, 0 },
	{ "2021-03-02T10:00:00 Mars time", NULL, 0 },
	{ "yesterday", NULL, 0 },
	{ "", NULL, 0 },
};

static void
test_dates(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(date_cases) / sizeof(date_cases[0]);
	     i++) {
		const struct date_case *c = &date_cases[i];
		struct feed_date d = { "x", 42 };
		int rc = feed_parse_date(c->in, &d);

		print_message("date: [%s]\n", c->in);
		if (!c->day) {
			assert_int_equal(rc, RM_EINVAL);
			assert_int_equal(d.unix, 42);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_string_equal(d.day, c->day);
		assert_int_equal(d.unix, c->unix);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_feedrs_corpus),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_latin1),
		cmocka_unit_test(test_invalid_feed),
		cmocka_unit_test(test_sitemaps),
		cmocka_unit_test(test_gzip_bomb),
		cmocka_unit_test(test_gunzip),
		cmocka_unit_test(test_entities_not_expanded),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_dates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
