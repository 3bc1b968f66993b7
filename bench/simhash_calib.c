/*
 * simhash_calib: how far apart SimHashes of unrelated articles are, and
 * how far the copies a syndicating site makes drift, on the 181 human-
 * marked article bodies of the extraction benchmark.  The figures in
 * docs/confidence.md ("Near duplicates") justify SIMHASH_NEAR_BITS.
 *
 *   build/bench/simhash_calib tests/data/corpus/article-extraction-benchmark/ground-truth.json
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "common/buf.h"
#include "extract/simhash.h"

#define MAX_DOCS 1000
#define EDITS 5

static const char *const edit_names[EDITS] = {
	"credit line added before and after",
	"1 word in 50 changed",
	"last paragraph dropped",
	"1 word in 20 changed",
	"only the first 60% kept",
};

/* TEXT edited the KIND way, into OUT. */
static void
edit(const char *text, int kind, struct buf *out)
{
	size_t len = strlen(text), words = 0;
	const char *last_para;

	buf_reset(out);
	switch (kind) {
	case 0:
		buf_printf(out, "This story originally appeared on Example "
				"Wire.\n\n%s\n\nRead more at example.com.",
			   text);
		return;
	case 1:
	case 3:
		for (const char *p = text; *p; p++) {
			int start = (p == text || p[-1] == ' ') && *p != ' ';

			if (start && ++words % (kind == 1 ? 50 : 20) == 0) {
				buf_append_str(out, "changed");
				while (p[1] && p[1] != ' ')
					p++;
				continue;
			}
			buf_append_char(out, *p);
		}
		return;
	case 2:
		last_para = strstr(text, "\n");
		for (const char *p = last_para; p; p = strstr(p + 1, "\n"))
			last_para = p;
		buf_append(out, text, last_para ? (size_t)(last_para - text)
						: len);
		return;
	default:
		buf_append(out, text, len * 6 / 10);
		return;
	}
}

static int
cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

int
main(int argc, char **argv)
{
	struct simhash h[MAX_DOCS];
	const char *texts[MAX_DOCS];
	static int dist[EDITS][MAX_DOCS];
	long hist[65] = { 0 }, pairs = 0;
	size_t n = 0, usable = 0;
	json_error_t jerr;
	json_t *root, *v;
	const char *key;
	struct buf b;

	if (argc != 2) {
		fprintf(stderr, "usage: simhash_calib ground-truth.json\n");
		return 2;
	}
	root = json_load_file(argv[1], 0, &jerr);
	if (!root) {
		fprintf(stderr, "%s: %s\n", argv[1], jerr.text);
		return 1;
	}
	json_object_foreach(root, key, v) {
		const char *t = json_string_value(json_object_get(v,
							      "articleBody"));

		if (!t || n >= MAX_DOCS)
			continue;
		texts[n] = t;
		simhash_text(t, strlen(t), &h[n]);
		n++;
	}
	for (size_t i = 0; i < n; i++) {
		if (!h[i].usable)
			continue;
		for (size_t j = i + 1; j < n; j++) {
			if (!h[j].usable)
				continue;
			hist[simhash_distance(h[i].near, h[j].near)]++;
			pairs++;
		}
	}
	buf_init(&b, 16 << 20);
	for (size_t i = 0; i < n; i++) {
		if (!h[i].usable)
			continue;
		for (int k = 0; k < EDITS; k++) {
			struct simhash e;

			edit(texts[i], k, &b);
			simhash_text(buf_str(&b), b.len, &e);
			dist[k][usable] = simhash_distance(h[i].near, e.near);
		}
		usable++;
	}
	printf("%zu bodies, %zu with at least %d shingles\n", n, usable,
	       SIMHASH_MIN_SHINGLES);
	printf("unrelated pairs: %ld\n", pairs);
	for (int d = 0, cum = 0; d <= 16; d++) {
		cum += (int)hist[d];
		if (hist[d] || d == SIMHASH_NEAR_BITS)
			printf("  distance <= %2d: %d pairs\n", d, cum);
	}
	printf("copies: distance to the original (median, p90), share "
	       "within 3..8 bits:\n");
	for (int k = 0; k < EDITS; k++) {
		qsort(dist[k], usable, sizeof(int), cmp_int);
		printf("  %-36s %2d %2d", edit_names[k], dist[k][usable / 2],
		       dist[k][usable * 9 / 10]);
		for (int t = 3; t <= 8; t++) {
			size_t near = 0;

			for (size_t i = 0; i < usable; i++)
				near += dist[k][i] <= t;
			printf(" %3.0f%%", 100.0 * (double)near /
						   (double)(usable ? usable : 1));
		}
		printf("\n");
	}
	buf_free(&b);
	json_decref(root);
	return 0;
}
