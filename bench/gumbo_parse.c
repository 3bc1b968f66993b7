/*
 * The timing floor: a bare gumbo parse of every page of both corpora,
 * nothing else, timed REPS times on one core (CPU time of this
 * single-threaded process); the median is reported.  bench/extract.sh
 * reports `rumormill extract` over the same pages as a multiple of it.
 *
 *   gumbo_parse [-r REPS] [CORPUS-ROOT]
 */
#include "bench/corpus.h"

#include <gumbo.h>

#define REPS_DEFAULT 5
#define REPS_MAX 50

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

int
main(int argc, char **argv)
{
	struct corpus c[2];
	double tg[REPS_MAX], g;
	int reps = REPS_DEFAULT, i = 1, r;
	size_t pages, bytes;

	if (i + 1 < argc && strcmp(argv[i], "-r") == 0) {
		reps = (int)strtol(argv[i + 1], NULL, 10);
		i += 2;
	}
	if (reps < 1 || reps > REPS_MAX)
		reps = REPS_DEFAULT;
	if (corpus_load(corpus_root(argc, argv, i), 0, 0, &c[0]) ||
	    corpus_load(corpus_root(argc, argv, i), 1, 0, &c[1]))
		return 1;
	pages = c[0].n + c[1].n;
	bytes = c[0].bytes + c[1].bytes;
	for (r = 0; r < reps; r++)
		tg[r] = time_gumbo(c, 2);
	g = median(tg, reps);
	printf("gumbo_pages=%zu\ngumbo_mb=%.1f\ngumbo_reps=%d\n", pages,
	       (double)bytes / 1e6, reps);
	printf("gumbo_seconds=%.3f\ngumbo_mb_per_s=%.2f\n", g,
	       (double)bytes / g / 1e6);
	corpus_free(&c[0]);
	corpus_free(&c[1]);
	return 0;
}
