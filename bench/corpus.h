/*
 * Loading the shared extraction corpora into memory for the benchmark
 * programs (bench/extract_score.c, bench/gumbo_parse.c): the article
 * extraction benchmark (ground-truth.json + html/ID.html.gz) and the
 * htmldate set (dates.json + html/FILE.gz).  Header-only: each bench
 * program is a single file linked with the library.
 */
#ifndef RM_BENCH_CORPUS_H
#define RM_BENCH_CORPUS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <zlib.h>

#include "common/buf.h"
#include "common/xalloc.h"

/* Largest page read; the corpora's largest is well under this. */
#define CORPUS_PAGE_MAX (16u << 20)
#define CORPUS_PATH_MAX 4096

struct page {
	char *id;     /* file id */
	char *url;
	char *expect; /* article body, or YYYY-MM-DD ("" for none) */
	char *path;
	char *html;   /* NULL until corpus_read() when loaded lazily */
	size_t len;
};

struct corpus {
	struct page *p;
	size_t n;
	size_t bytes;
};

/* The whole of a (possibly gzip-compressed) file; NULL on error. */
static inline char *
corpus_gunzip(const char *path, size_t *len)
{
	gzFile f = gzopen(path, "rb");
	struct buf b;
	char chunk[65536];
	int n;

	if (f == NULL)
		return NULL;
	buf_init(&b, CORPUS_PAGE_MAX);
	while ((n = gzread(f, chunk, sizeof(chunk))) > 0)
		if (buf_append(&b, chunk, (size_t)n))
			break;
	gzclose(f);
	*len = b.len;
	return buf_steal(&b);
}

/* Read page I into memory; 0 or -1. */
static inline int
corpus_read(struct corpus *c, size_t i)
{
	struct page *pg = &c->p[i];

	if (pg->html)
		return 0;
	pg->html = corpus_gunzip(pg->path, &pg->len);
	if (pg->html == NULL) {
		fprintf(stderr, "cannot read %s\n", pg->path);
		return -1;
	}
	c->bytes += pg->len;
	return 0;
}

/* Release the text of page I (lazy loading keeps one page at a time). */
static inline void
corpus_drop(struct corpus *c, size_t i)
{
	free(c->p[i].html);
	c->p[i].html = NULL;
}

static inline int
corpus_add(struct corpus *c, const char *dir, const char *file,
	   const char *id, const char *url, const char *expect, int lazy)
{
	char path[2 * CORPUS_PATH_MAX + 8];
	struct page *pg;

	snprintf(path, sizeof(path), "%s/html/%s", dir, file);
	c->p = xreallocarray(c->p, c->n + 1, sizeof(*c->p));
	pg = &c->p[c->n++];
	pg->path = xstrdup(path);
	pg->html = NULL;
	pg->len = 0;
	pg->id = xstrdup(id);
	pg->url = xstrdup(url);
	pg->expect = xstrdup(expect);
	return lazy ? 0 : corpus_read(c, c->n - 1);
}

/* A JSON file; dates.json writes the pages without a date as NaN, which
 * is not JSON: those become null (expected: no date). */
static inline json_t *
corpus_json(const char *path)
{
	size_t len, i;
	char *s = corpus_gunzip(path, &len);
	json_t *j;

	if (s == NULL)
		return NULL;
	for (i = 0; i + 5 <= len; i++)
		if (memcmp(s + i, ": NaN", 5) == 0)
			memcpy(s + i, ":null", 5);
	j = json_loadb(s, len, 0, NULL);
	free(s);
	return j;
}

/*
 * Load DIR/article-extraction-benchmark (DATES false) or
 * DIR/htmldate-mediacloud (DATES true).  With LAZY, pages are read by
 * corpus_read() when needed.  Returns 0 or -1.
 */
static inline int
corpus_load(const char *root, int dates, int lazy, struct corpus *c)
{
	char dir[CORPUS_PATH_MAX], path[CORPUS_PATH_MAX + 32];
	json_t *j, *v;
	const char *key;
	int rc = 0;

	memset(c, 0, sizeof(*c));
	snprintf(dir, sizeof(dir), "%s/%s", root,
		 dates ? "htmldate-mediacloud" : "article-extraction-benchmark");
	snprintf(path, sizeof(path), "%s/%s", dir,
		 dates ? "dates.json" : "ground-truth.json");
	j = corpus_json(path);
	if (j == NULL) {
		fprintf(stderr, "cannot read %s\n", path);
		return -1;
	}
	json_object_foreach(j, key, v)
	{
		char file[CORPUS_PATH_MAX - 16];
		const char *url, *expect, *id;

		if (dates) {
			id = json_string_value(json_object_get(v, "file"));
			expect = json_string_value(json_object_get(v, "date"));
			url = key;
			if (id == NULL)
				continue;
			if (expect == NULL)
				expect = "";
			snprintf(file, sizeof(file), "%s.gz", id);
		} else {
			url = json_string_value(json_object_get(v, "url"));
			expect = json_string_value(
				json_object_get(v, "articleBody"));
			id = key;
			if (expect == NULL)
				continue;
			snprintf(file, sizeof(file), "%s.html.gz", id);
		}
		if (corpus_add(c, dir, file, id, url ? url : "", expect,
			       lazy)) {
			rc = -1;
			break;
		}
	}
	json_decref(j);
	return rc;
}

static inline void
corpus_free(struct corpus *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->p[i].id);
		free(c->p[i].url);
		free(c->p[i].expect);
		free(c->p[i].path);
		free(c->p[i].html);
	}
	free(c->p);
	memset(c, 0, sizeof(*c));
}

/* CPU seconds used by this process (one core: the programs are
 * single-threaded). */
static inline double
corpus_cpu_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The corpus root: the argument, else $RUMORMILL_CORPUS, else the copy
 * in the repository (run from its root): tests/data/corpus. */
static inline const char *
corpus_root(int argc, char **argv, int i)
{
	const char *env = getenv("RUMORMILL_CORPUS");

	if (i < argc)
		return argv[i];
	if (env && *env)
		return env;
	return "tests/data/corpus";
}

#endif
