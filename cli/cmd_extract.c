/*
 * rumormill extract: print what articles say, one JSON object per line.
 * Writes nothing; the way to see what import or a crawl would store.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/jsonout.h"

static void
extract_usage(FILE *out)
{
	fprintf(out,
		"usage: rumormill extract [--plain] [--url URL] "
		"[--published YYYY-MM-DD] FILE...\n"
		"\n"
		"Extract each article (HTML, or plain text with --plain; '-' "
		"reads\nstandard input) and print one JSON object per line: "
		"file, url,\ntitle, published, author, text, devices, chipsets, "
		"launches,\nrumors, chipset_events.  Writes nothing.\n"
		"\n"
		"  --plain          input is plain text: blank lines separate\n"
		"                   paragraphs, a short first line is the title\n"
		"  --url URL        the article's address (dates in URLs count)\n"
		"  --published DAY  publication date; relative dates such as\n"
		"                   \"this July\" are resolved against it\n");
}

int
cmd_extract(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		CLI_INPUT_OPTIONS,
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct input_opts in = { 0 };
	int c, status = EXIT_OK;

	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		int handled = cli_input_option(c, optarg, &in);

		if (handled < 0)
			return EXIT_USAGE;
		if (handled)
			continue;
		switch (c) {
		case 'h': extract_usage(stdout); return EXIT_OK;
		default: extract_usage(stderr); return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		extract_usage(stderr);
		return EXIT_USAGE;
	}
	for (int i = optind; i < argc; i++) {
		struct article a;
		json_t *obj;
		int rc = cli_extract_file(cli, argv[i], &in, &a);

		if (rc == EXIT_USAGE) {
			article_free(&a);
			return EXIT_USAGE;
		}
		if (rc) {
			status = EXIT_FAIL;
			article_free(&a);
			continue;
		}
		obj = article_to_json(argv[i], in.url, &a);
		if (json_print_line(stdout, obj) != 0)
			status = EXIT_FAIL;
		json_decref(obj);
		article_free(&a);
	}
	if (fflush(stdout) != 0)
		status = EXIT_FAIL;
	return status;
}
