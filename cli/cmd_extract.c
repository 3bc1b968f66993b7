/*
 * rumormill extract: print what articles say, one JSON object per line.
 * Writes nothing; the way to see what import or a crawl would store.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "common/date.h"
#include "cli/jsonout.h"

/* Longest line of a --list file: a URL and a path with room to spare. */
#define LIST_LINE_MAX 16384

static void
extract_usage(FILE *out)
{
	fprintf(out,
		"usage: rumormill extract [--plain] [--url URL] "
		"[--published YYYY-MM-DD]\n"
		"                         [--list LIST] [FILE...]\n"
		"\n"
		"Extract each article (HTML, or plain text with --plain; '-' "
		"reads\nstandard input) and print one JSON object per line: "
		"file, url,\ntitle, published, author, text, devices, "
		"device_types, chipsets,\nlaunches, rumors, chipset_events.  "
		"Writes nothing.\n"
		"\n"
		"  --plain          input is plain text: blank lines separate\n"
		"                   paragraphs, a short first line is the title\n"
		"  --url URL        the article's address (dates in URLs count)\n"
		"  --published DAY  publication date; relative dates such as\n"
		"                   \"this July\" are resolved against it\n"
		"  --list LIST      also extract the files LIST names, one a "
		"line:\n"
		"                   URL<TAB>PATH[<TAB>DAY] (DAY: its "
		"publication\n"
		"                   date), or PATH alone (then --url "
		"applies);\n"
		"                   '-' reads the list from standard input\n");
}

/* Extract FILE with URL and print its line; 0 or EXIT_*. */
static int
extract_one(struct cli *cli, const char *file, const char *url,
	    const struct input_opts *in)
{
	struct input_opts opts = *in;
	struct article a;
	json_t *obj;
	int rc;

	opts.url = url;
	rc = cli_extract_file(cli, file, &opts, &a);
	if (rc == 0) {
		obj = article_to_json(file, url, &a);
		if (json_print_line(stdout, obj) != 0)
			rc = EXIT_FAIL;
		json_decref(obj);
	}
	article_free(&a);
	return rc;
}

/*
 * Split one list LINE (newline removed) into *URL, *PATH and *DAY in
 * place: URL<TAB>PATH[<TAB>DAY].  A line without a tab is a path; an
 * empty URL before the tab means none; DAY is NULL when not given.
 * Returns false when there is no path.
 */
static bool
list_split(char *line, const char **url, const char **path,
	   const char **day)
{
	char *tab = strchr(line, '\t');

	*url = NULL;
	*path = line;
	*day = NULL;
	if (tab) {
		*tab = '\0';
		*url = *line ? line : NULL;
		*path = tab + 1;
		tab = strchr(tab + 1, '\t');
		if (tab) {
			*tab = '\0';
			*day = tab + 1;
		}
	}
	return **path != '\0';
}

/*
 * Extract every file LIST names.  A bad line is reported with its
 * number and skipped, as an unreadable page is.  Returns 0, EXIT_FAIL
 * or EXIT_USAGE (the lexicon cannot be loaded, the list cannot be
 * opened, or a line reads standard input that holds the list).
 */
static int
extract_list(struct cli *cli, const char *list, const struct input_opts *in)
{
	bool from_stdin = strcmp(list, "-") == 0;
	FILE *f = from_stdin ? stdin : fopen(list, "r");
	char line[LIST_LINE_MAX];
	unsigned long lineno = 0;
	int status = 0, rc;

	if (f == NULL) {
		fprintf(stderr, "rumormill: %s: %s\n", list, strerror(errno));
		return EXIT_USAGE;
	}
	while (fgets(line, sizeof(line), f)) {
		size_t n = strlen(line);
		const char *url, *path, *day;
		struct input_opts line_in = *in;

		lineno++;
		if (n > 0 && line[n - 1] == '\n') {
			line[--n] = '\0';
		} else if (!feof(f)) {
			int ch;

			/* Skip the rest of an overlong line. */
			while ((ch = getc(f)) != EOF && ch != '\n')
				;
			fprintf(stderr, "rumormill: %s:%lu: line longer than "
				"%d bytes, skipped\n", list, lineno,
				LIST_LINE_MAX - 1);
			status = EXIT_FAIL;
			continue;
		}
		if (n > 0 && line[n - 1] == '\r')
			line[--n] = '\0';
		if (n == 0)
			continue;
		if (!list_split(line, &url, &path, &day)) {
			fprintf(stderr, "rumormill: %s:%lu: no file after the "
				"URL\n", list, lineno);
			status = EXIT_FAIL;
			continue;
		}
		if (day && date_parse_day(day, &(struct ymd){ 0 }) != 0) {
			fprintf(stderr, "rumormill: %s:%lu: '%s' is not a date "
				"(YYYY-MM-DD)\n", list, lineno, day);
			status = EXIT_FAIL;
			continue;
		}
		if (from_stdin && strcmp(path, "-") == 0) {
			fprintf(stderr, "rumormill: %s:%lu: '-' cannot be "
				"read: standard input holds the list\n", list,
				lineno);
			status = EXIT_USAGE;
			break;
		}
		if (day)
			line_in.published = day;
		rc = extract_one(cli, path, url ? url : in->url, &line_in);
		if (rc == EXIT_USAGE) {
			status = rc;
			break;
		}
		if (rc)
			status = EXIT_FAIL;
	}
	if (ferror(f)) {
		fprintf(stderr, "rumormill: %s: %s\n", list, strerror(errno));
		status = EXIT_FAIL;
	}
	if (!from_stdin)
		fclose(f);
	return status;
}

int
cmd_extract(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		CLI_INPUT_OPTIONS,
		{ "list", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct input_opts in = { 0 };
	const char *list = NULL;
	int c, rc, status = EXIT_OK;

	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		int handled = cli_input_option(c, optarg, &in);

		if (handled < 0)
			return EXIT_USAGE;
		if (handled)
			continue;
		switch (c) {
		case 'l': list = optarg; break;
		case 'h': extract_usage(stdout); return EXIT_OK;
		default: extract_usage(stderr); return EXIT_USAGE;
		}
	}
	if (optind >= argc && list == NULL) {
		extract_usage(stderr);
		return EXIT_USAGE;
	}
	/* One page is quicker without compiling the patterns first. */
	if ((list || argc - optind > 1) && !cli_lexicon_many(cli))
		return EXIT_USAGE;
	for (int i = optind; i < argc; i++) {
		rc = extract_one(cli, argv[i], in.url, &in);
		if (rc == EXIT_USAGE)
			return EXIT_USAGE;
		if (rc)
			status = EXIT_FAIL;
	}
	if (list) {
		rc = extract_list(cli, list, &in);
		if (rc)
			status = rc;
	}
	if (fflush(stdout) != 0)
		status = EXIT_FAIL;
	return status;
}
