/*
 * Article extraction quality: runs html_extract over the article
 * extraction benchmark and scores the body as the benchmark publishes it
 * (\w+ Unicode tokens, 4-token shingles, multiset TP/FP/FN normalised per
 * page, precision and recall averaged over pages, F1 = 2PR/(P+R)), then
 * over the htmldate set for publication-date accuracy (exact day).  Also
 * prints pages/s and MB/s on one core and the peak RSS.
 *
 *   extract_score [-v] [-d ID-PREFIX] [-o DIR] [CORPUS-ROOT]
 *
 * -v prints per-page figures; -d prints the text extracted for one page
 * next to the expected one; -o writes each page's text to DIR/ID.txt
 * (to check the scoring with another implementation).  Output is
 * key=value lines.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdint.h>
#include <sys/resource.h>

#include "bench/corpus.h"
#include "extract/doc.h"
#include "extract/html.h"

#define SHINGLE 4 /* tokens per shingle, as published */
#define TODAY "2026-01-01" /* later than every page of both sets */

struct hashes {
	uint64_t *v;
	size_t n;
};

static pcre2_code *word_re;
static const char *out_dir;
static pcre2_match_data *word_md;

static uint64_t
fnv(uint64_t h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Sorted hashes of the 4-token shingles of TEXT. */
static void
shingles(const char *text, struct hashes *out)
{
	size_t len = strlen(text), off = 0, nt = 0, cap = 0, i, k;
	size_t *ts = NULL, *tl = NULL;

	while (off <= len) {
		int rc = pcre2_match(word_re, (PCRE2_SPTR)text, len, off, 0,
				     word_md, NULL);
		PCRE2_SIZE *ov;

		if (rc < 0)
			break;
		ov = pcre2_get_ovector_pointer(word_md);
		if (nt == cap) {
			cap = cap ? cap * 2 : 256;
			ts = xreallocarray(ts, cap, sizeof(*ts));
			tl = xreallocarray(tl, cap, sizeof(*tl));
		}
		ts[nt] = ov[0];
		tl[nt++] = ov[1] - ov[0];
		off = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
	}
	out->n = nt >= SHINGLE ? nt - SHINGLE + 1 : 1;
	out->v = xreallocarray(NULL, out->n, sizeof(*out->v));
	for (i = 0; i < out->n; i++) {
		uint64_t h = 14695981039346656037ULL;

		for (k = i; k < i + SHINGLE && k < nt; k++) {
			h = fnv(h, text + ts[k], tl[k]);
			h = fnv(h, "\x1f", 1);
		}
		out->v[i] = h;
	}
	qsort(out->v, out->n, sizeof(*out->v), cmp_u64);
	free(ts);
	free(tl);
}

/* Per-page precision and recall; false when undefined. */
static void
score_page(const char *expect, const char *got, double *p, double *r,
	   int *pok, int *rok)
{
	struct hashes e, g;
	size_t i = 0, j = 0, tp = 0;

	shingles(expect, &e);
	shingles(got, &g);
	while (i < e.n && j < g.n) {
		if (e.v[i] == g.v[j]) {
			tp++;
			i++;
			j++;
		} else if (e.v[i] < g.v[j]) {
			i++;
		} else {
			j++;
		}
	}
	/* Normalising TP, FP and FN to sum to 1 leaves these ratios. */
	*pok = g.n > 0;
	*rok = e.n > 0;
	*p = g.n ? (double)tp / (double)g.n : 0;
	*r = e.n ? (double)tp / (double)e.n : 0;
	free(e.v);
	free(g.v);
}

static void
save_text(const char *id, const char *text)
{
	char path[CORPUS_PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.txt", out_dir, id);
	f = fopen(path, "w");
	if (f == NULL)
		return;
	fputs(text, f);
	fclose(f);
}

static int
run_body(const char *root, int verbose, const char *dump, double *secs,
	 size_t *bytes, size_t *pages)
{
	struct corpus c;
	double sp = 0, sr = 0, t0, p, r;
	size_t np = 0, nr = 0, i;
	int pok, rok;

	if (corpus_load(root, 0, 1, &c))
		return -1;
	for (i = 0; i < c.n; i++) {
		struct html_options opt = {c.p[i].url, NULL, NULL, TODAY};
		struct doc d;

		if (corpus_read(&c, i))
			continue;
		t0 = corpus_cpu_seconds();
		if (html_extract(c.p[i].html, c.p[i].len, &opt, &d)) {
			fprintf(stderr, "%s: extraction failed\n", c.p[i].id);
			doc_init(&d);
			d.text = xstrdup("");
		}
		*secs += corpus_cpu_seconds() - t0;
		score_page(c.p[i].expect, d.text, &p, &r, &pok, &rok);
		if (pok) {
			sp += p;
			np++;
		}
		if (rok) {
			sr += r;
			nr++;
		}
		if (verbose)
			printf("page %.12s p=%.3f r=%.3f got=%zu want=%zu %s\n",
			       c.p[i].id, p, r, strlen(d.text),
			       strlen(c.p[i].expect), c.p[i].url);
		if (out_dir)
			save_text(c.p[i].id, d.text);
		if (dump && strncmp(c.p[i].id, dump, strlen(dump)) == 0)
			printf("=== got\n%s\n=== want\n%s\n", d.text,
			       c.p[i].expect);
		doc_free(&d);
		corpus_drop(&c, i);
	}
	p = np ? sp / (double)np : 0;
	r = nr ? sr / (double)nr : 0;
	printf("body_pages=%zu\n", c.n);
	printf("body_precision=%.4f\nbody_recall=%.4f\nbody_f1=%.4f\n", p, r,
	       p + r > 0 ? 2 * p * r / (p + r) : 0);
	*bytes += c.bytes;
	*pages += c.n;
	corpus_free(&c);
	return 0;
}

static int
run_dates(const char *root, int verbose, double *secs, size_t *bytes,
	  size_t *pages)
{
	struct corpus c;
	size_t i, ok = 0;
	double t0;

	if (corpus_load(root, 1, 1, &c))
		return -1;
	for (i = 0; i < c.n; i++) {
		struct html_options opt = {c.p[i].url, NULL, NULL, TODAY};
		struct doc d;
		int good;

		if (corpus_read(&c, i))
			continue;
		t0 = corpus_cpu_seconds();
		if (html_extract(c.p[i].html, c.p[i].len, &opt, &d))
			doc_init(&d);
		*secs += corpus_cpu_seconds() - t0;
		good = strcmp(d.published, c.p[i].expect) == 0;
		ok += good;
		if (verbose && !good)
			printf("date %s got=%s want=%s %s\n", c.p[i].id,
			       d.published, c.p[i].expect, c.p[i].url);
		doc_free(&d);
		corpus_drop(&c, i);
	}
	printf("date_correct=%zu\ndate_total=%zu\ndate_accuracy=%.4f\n", ok,
	       c.n, c.n ? (double)ok / (double)c.n : 0);
	*bytes += c.bytes;
	*pages += c.n;
	corpus_free(&c);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *dump = NULL;
	int verbose = 0, i = 1, err;
	double secs = 0;
	size_t bytes = 0, pages = 0;
	PCRE2_SIZE off;
	struct rusage ru;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-v") == 0)
			verbose = 1;
		else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			out_dir = argv[++i];
		else if (strcmp(argv[i], "-d") == 0 && i + 1 < argc)
			dump = argv[++i];
		else
			break;
	}
	word_re = pcre2_compile((PCRE2_SPTR) "\\w+", PCRE2_ZERO_TERMINATED,
				PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK,
				&err, &off, NULL);
	if (word_re == NULL)
		return 2;
	pcre2_jit_compile(word_re, PCRE2_JIT_COMPLETE);
	word_md = pcre2_match_data_create_from_pattern(word_re, NULL);
	if (run_body(corpus_root(argc, argv, i), verbose, dump, &secs, &bytes,
		     &pages) ||
	    run_dates(corpus_root(argc, argv, i), verbose, &secs, &bytes,
		      &pages))
		return 1;
	getrusage(RUSAGE_SELF, &ru);
	printf("extract_seconds=%.3f\npages_per_s=%.1f\nmb_per_s=%.2f\n", secs,
	       secs > 0 ? (double)pages / secs : 0,
	       secs > 0 ? (double)bytes / secs / 1e6 : 0);
	printf("peak_rss_mb=%.1f\n", (double)ru.ru_maxrss / 1024.0);
	pcre2_match_data_free(word_md);
	pcre2_code_free(word_re);
	return 0;
}
