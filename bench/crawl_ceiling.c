/*
 * The crawl benchmark's parse ceiling: the CPU time a bare gumbo parse
 * of every fetched article takes on one core, and the whole extraction
 * (article_extract: pre-pass, parse, body, metadata, rumors) of the
 * same pages for comparison.  Divided over the cores, the first is the
 * shortest a crawl can take when parsing is its only cost.
 *
 *   crawl_ceiling [--no-extract] < LIST
 *
 * LIST names one HTML file per line.  Each file is read, then timed
 * alone (CPU time of this single-threaded process), so reading the
 * files does not count.  Prints key=value lines.
 */
#include "bench/corpus.h"
#include "extract/article.h"
#include "extract/lexicon.h"

#include <gumbo.h>

#define TODAY "2026-01-01"
#define LINE_MAX_LEN 4096

int
main(int argc, char **argv)
{
	static const char *const lexicon_dirs[] = { "config/lexicon", NULL };
	struct lexicon *lx = NULL;
	char line[LINE_MAX_LEN], *err = NULL;
	double gumbo_s = 0, extract_s = 0;
	size_t pages = 0, bytes = 0, failed = 0, claims = 0;
	int extract = !(argc > 1 && strcmp(argv[1], "--no-extract") == 0);

	if (extract && lexicon_load(lexicon_dirs, &lx, &err)) {
		fprintf(stderr, "crawl_ceiling: %s\n",
			err ? err : "no lexicon");
		free(err);
		return 1;
	}
	while (fgets(line, sizeof(line), stdin)) {
		size_t n = strcspn(line, "\r\n"), len = 0;
		char *html;
		double t0;

		line[n] = '\0';
		if (!n)
			continue;
		html = corpus_gunzip(line, &len);
		if (!html) {
			/* The first few are enough to see what is wrong. */
			if (failed++ < 5)
				fprintf(stderr, "crawl_ceiling: no %s\n", line);
			continue;
		}
		t0 = corpus_cpu_seconds();
		gumbo_destroy_output(&kGumboDefaultOptions,
				     gumbo_parse_with_options(
					     &kGumboDefaultOptions, html, len));
		gumbo_s += corpus_cpu_seconds() - t0;
		if (extract) {
			struct article_options opt = { .today = TODAY };
			struct article a;

			t0 = corpus_cpu_seconds();
			if (article_extract(lx, html, len, &opt, &a) == 0)
				claims += a.rumors.nclaims;
			article_free(&a);
			extract_s += corpus_cpu_seconds() - t0;
		}
		pages++;
		bytes += len;
		free(html);
	}
	printf("ceiling_pages=%zu\nceiling_mb=%.1f\nceiling_unreadable=%zu\n",
	       pages, (double)bytes / 1e6, failed);
	printf("gumbo_cpu_s=%.2f\ngumbo_ms_per_page=%.2f\n", gumbo_s,
	       pages ? gumbo_s * 1e3 / (double)pages : 0.0);
	if (extract)
		printf("extract_cpu_s=%.2f\nextract_ms_per_page=%.2f\n"
		       "extract_claims=%zu\n",
		       extract_s,
		       pages ? extract_s * 1e3 / (double)pages : 0.0, claims);
	lexicon_free(lx);
	return failed ? 1 : 0;
}
