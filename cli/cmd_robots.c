/*
 * rumormill robots: decide URLs against a robots.txt file, as the
 * crawler would, for debugging a source.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "common/errors.h"
#include "crawler/robots.h"
#include "crawler/url.h"

static void
robots_usage(FILE *out)
{
	fprintf(out,
		"usage: rumormill robots [--agent UA] FILE URL...\n"
		"\n"
		"Read robots.txt from FILE ('-' = standard input) and print "
		"'allow URL'\nor 'disallow URL' for each URL, as a crawl with "
		"user agent UA would\ndecide (RFC 9309: the group for UA's "
		"product token, else '*'; the\nlongest matching rule wins, "
		"Allow on a tie).  Also prints the\nCrawl-delay and Sitemap "
		"lines that apply, with --verbose.\n"
		"\n"
		"  --agent UA   the User-Agent string (default: rumormill)\n");
}

int
cmd_robots(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{ "agent", required_argument, NULL, 'a' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *agent = "rumormill";
	struct robots *r = NULL;
	char *txt = NULL;
	size_t len = 0;
	bool verbose = false;
	int c, rc, status = EXIT_OK;

	(void)cli;
	while ((c = getopt_long(argc, argv, "hv", options, NULL)) != -1) {
		switch (c) {
		case 'a': agent = optarg; break;
		case 'v': verbose = true; break;
		case 'h': robots_usage(stdout); return EXIT_OK;
		default: robots_usage(stderr); return EXIT_USAGE;
		}
	}
	if (argc - optind < 2) {
		robots_usage(stderr);
		return EXIT_USAGE;
	}
	rc = cli_read_file(argv[optind], ROBOTS_MAX_BYTES * 4, &txt, &len);
	if (rc) {
		fprintf(stderr, "rumormill: robots: %s: %s\n", argv[optind],
			rc == RM_ETOOLARGE ? "too large" : strerror(errno));
		return EXIT_FAIL;
	}
	rc = robots_parse(txt, len, agent, &r);
	free(txt);
	if (rc) {
		fprintf(stderr, "rumormill: robots: --agent '%s' has no product "
				"token\n", agent);
		return EXIT_USAGE;
	}
	if (verbose) {
		const struct strvec *maps = robots_sitemaps(r);
		long delay = robots_crawl_delay_ms(r);

		if (delay >= 0)
			printf("crawl-delay %ld.%03lds\n", delay / 1000,
			       delay % 1000);
		for (size_t i = 0; i < maps->n; i++)
			printf("sitemap %s\n", maps->v[i]);
	}
	for (int i = optind + 1; i < argc; i++) {
		char *path = NULL;

		if (url_path_query(argv[i], &path) != 0) {
			fprintf(stderr, "rumormill: robots: '%s' is not an http "
					"or https URL\n", argv[i]);
			status = EXIT_USAGE;
			continue;
		}
		printf("%s %s\n", robots_allowed(r, path) ? "allow" : "disallow",
		       argv[i]);
		free(path);
	}
	robots_free(r);
	return fflush(stdout) == 0 ? status : EXIT_FAIL;
}
