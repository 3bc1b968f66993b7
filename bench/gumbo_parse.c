/*
 * The timing floor: a bare gumbo parse of every page of both corpora,
 * against the whole extraction on the same pages (article_extract:
 * charset, pre-pass, parse, body, metadata, and the device, chipset and
 * date extractors over the body), each timed
 * REPS times on one core (CPU time of this single-threaded process);
 * the median of each is reported, and extraction as a multiple of the
 * bare parse.
 *
 *   gumbo_parse [-r REPS] [CORPUS-ROOT]
 */
#include "bench/corpus.h"
#include "extract/article.h"
#include "extract/lexicon.h"

#include <gumbo.h>

#define REPS_DEFAULT 5
#define REPS_MAX 50
#define TODAY "2026-01-01"

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return v[n / 2];
}

static double
time_gumbo(const struct corpus *c, size_t nc)
{
	double t0 = corpus_cpu_seconds();
	size_t k, i;

	for (k = 0; k < nc; k++) {
		for (i = 0; i < c[k].n; i++) {
			GumboOutput *g = gumbo_parse_with_options(
				&kGumboDefaultOptions, c[k].p[i].html,
				c[k].p[i].len);

			gumbo_destroy_output(&kGumboDefaultOptions, g);
		}
	}
	return corpus_cpu_seconds() - t0;
}

static double
time_extract(const struct lexicon *lx, const struct corpus *c, size_t nc,
	     size_t *claims)
{
	double t0 = corpus_cpu_seconds();
	size_t k, i;

	*claims = 0;
	for (k = 0; k < nc; k++) {
		for (i = 0; i < c[k].n; i++) {
			struct article_options opt = {
				.url = c[k].p[i].url,
				.today = TODAY,
			};
			struct article a;

			if (article_extract(lx, c[k].p[i].html, c[k].p[i].len,
					    &opt, &a) == 0)
				*claims += a.rumors.nclaims;
			article_free(&a);
		}
	}
	return corpus_cpu_seconds() - t0;
}

int
main(int argc, char **argv)
{
	static const char *const lexicon_dirs[] = { "config/lexicon", NULL };
	struct corpus c[2];
	struct lexicon *lx = NULL;
	double tg[REPS_MAX], te[REPS_MAX], g, e;
	int reps = REPS_DEFAULT, i = 1, r;
	size_t pages, bytes, claims = 0;
	char *err = NULL;

	if (i + 1 < argc && strcmp(argv[i], "-r") == 0) {
		reps = (int)strtol(argv[i + 1], NULL, 10);
		i += 2;
	}
	if (reps < 1 || reps > REPS_MAX)
		reps = REPS_DEFAULT;
	if (corpus_load(corpus_root(argc, argv, i), 0, 0, &c[0]) ||
	    corpus_load(corpus_root(argc, argv, i), 1, 0, &c[1]))
		return 1;
	if (lexicon_load(lexicon_dirs, &lx, &err)) {
		fprintf(stderr, "gumbo_parse: %s\n", err ? err : "no lexicon");
		free(err);
		return 1;
	}
	pages = c[0].n + c[1].n;
	bytes = c[0].bytes + c[1].bytes;
	for (r = 0; r < reps; r++) {
		tg[r] = time_gumbo(c, 2);
		te[r] = time_extract(lx, c, 2, &claims);
	}
	g = median(tg, reps);
	e = median(te, reps);
	printf("timing_pages=%zu\ntiming_mb=%.1f\nreps=%d\n", pages,
	       (double)bytes / 1e6, reps);
	printf("gumbo_seconds=%.3f\ngumbo_mb_per_s=%.2f\n", g,
	       (double)bytes / g / 1e6);
	printf("extract_seconds=%.3f\nextract_mb_per_s=%.2f\n", e,
	       (double)bytes / e / 1e6);
	printf("extract_vs_gumbo=%.2f\n", e / g);
	printf("extract_claims=%zu\n", claims);
	lexicon_free(lx);
	corpus_free(&c[0]);
	corpus_free(&c[1]);
	return 0;
}
