/*
 * Feeds and sitemaps as any server may send them: feed_parse on the raw
 * bytes (XML, JSON Feed, or gzip, which it inflates first), the same
 * body gzip-compressed (it must parse exactly as the plain one does),
 * feed_gunzip on the raw bytes, and feed_parse_date on the first line.
 */
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "common/xalloc.h"
#include "crawler/feed.h"
#include "fuzz/fuzz.h"

#define FEED_URL "https://www.example.com/news/feed.xml"
/* Bodies up to this size are also tried gzip-compressed. */
#define GZIP_TRY_MAX (64 * 1024)

/* DATA gzip-compressed into a malloc'd buffer (caller frees). */
static unsigned char *
gzip(const uint8_t *data, size_t size, size_t *out_len)
{
	z_stream z;
	size_t cap;
	unsigned char *out;

	memset(&z, 0, sizeof(z));
	/* 16 + 15 window bits: a gzip header and trailer. */
	if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + 15, 8,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	cap = deflateBound(&z, size);
	out = xmalloc(cap);
	z.next_in = (unsigned char *)data;
	z.avail_in = (uInt)size;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		abort();
	*out_len = cap - z.avail_out;
	deflateEnd(&z);
	return out;
}

/* Both parses must agree item for item. */
static void
check_same(int rc1, const struct feed *a, int rc2, const struct feed *b)
{
	FUZZ_ASSERT(rc1 == rc2, "gzip changed the result");
	if (rc1)
		return;
	FUZZ_ASSERT(a->kind == b->kind && a->n_items == b->n_items &&
			    a->n_dropped == b->n_dropped,
		    "gzip changed the feed");
	for (size_t i = 0; i < a->n_items; i++)
		FUZZ_ASSERT(strcmp(a->items[i].link, b->items[i].link) == 0,
			    "gzip changed a link");
}

/* The inflater alone, on whatever the bytes are. */
static void
gunzip_raw(const uint8_t *data, size_t size)
{
	char *out = NULL;
	size_t outlen;

	if (feed_gunzip((const char *)data, size, 1u << 20, &out, &outlen) == 0)
		FUZZ_ASSERT(out[outlen] == '\0', "inflated not NUL-ended");
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feed *f = NULL, *g = NULL;
	struct feed_date d;
	char *err = NULL, *line, *rest;
	int rc;

	rc = feed_parse((const char *)data, size, FEED_URL, &f, &err);
	FUZZ_ASSERT(rc == 0 ? f && !err : !f && err, "result and err disagree");
	for (size_t i = 0; rc == 0 && i < f->n_items; i++)
		FUZZ_ASSERT(f->items[i].link != NULL, "item without link");
	free(err);
	err = NULL;
	/* Already gzip: inflating twice is not what a server sends. */
	if (size <= GZIP_TRY_MAX && !(size >= 2 && data[0] == 0x1f &&
				      data[1] == 0x8b)) {
		size_t zlen;
		unsigned char *z = gzip(data, size, &zlen);
		int rc2 = feed_parse((const char *)z, zlen, FEED_URL, &g,
				     &err);

		check_same(rc, f, rc2, g);
		free(z);
		free(err);
	}
	feed_free(f);
	feed_free(g);

	gunzip_raw(data, size);
	fuzz_split(data, size, &line, &rest);
	(void)feed_parse_date(line, &d);
	free(line);
	free(rest);
	return 0;
}
