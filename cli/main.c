/*
 * rumormill: track smartphone rumors across tech-news sites.
 *
 * Global options, then one command.  Each command lives in its own
 * cli/cmd_*.c and returns an exit status (see cli.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "cli/cli.h"
#include "common/log.h"

#define RUMORMILL_VERSION "0.1.0"

struct command {
	const char *name;
	int (*run)(struct cli *cli, int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "extract", cmd_extract, "print what one article says, as JSON" },
	{ "import", cmd_import, "extract articles from files into the database" },
	{ "query", cmd_query, "list rumors, filtered, as a table, JSON or CSV" },
	{ "robots", cmd_robots, "decide URLs against a robots.txt file" },
	{ "crawl", cmd_crawl, "fetch what is new on every source (for cron)" },
	{ "sources", cmd_sources, "list, check or try the configured sources" },
	{ "show", cmd_show, "everything known about one device" },
	{ "devices", cmd_devices, "the known devices, with rumor counts" },
	{ "chipsets", cmd_chipsets, "the known chipsets, with rumor counts" },
	{ "report", cmd_report, "write a static HTML page of the rumors" },
	{ "feed", cmd_feed, "write an Atom feed of new and changed rumors" },
	{ "migrate", cmd_migrate, "copy a database into a new one (e.g. "
				   "PostgreSQL)" },
};

static void
usage(FILE *out)
{
	fprintf(out,
		"usage: rumormill [--db FILE|URI] [--config DIR] [--verbose|--quiet]"
		" COMMAND [ARGS]\n"
		"\n"
		"Tracks smartphone rumors (device, chipset, launch date) across\n"
		"tech-news sites and merges what many outlets claim.\n"
		"\n"
		"Commands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name,
			commands[i].summary);
	fprintf(out,
		"\n"
		"Options:\n"
		"  --db FILE|URI  the database: a SQLite file, or a\n"
		"                 postgresql://user@host/dbname URI (env\n"
		"                 RUMORMILL_DB; default\n"
		"                 ~/.local/share/rumormill/rumormill.db)\n"
		"  --config DIR   configuration directory (env RUMORMILL_CONFIG;\n"
		"                 default ~/.config/rumormill)\n"
		"  -v, --verbose  say more on stderr\n"
		"  -q, --quiet    print only errors\n"
		"  -h, --help     this help; 'rumormill COMMAND --help' for a "
		"command\n"
		"  --version      print the version\n"
		"\n"
		"Exit status: 0 success, 1 run-time failure, 2 usage or "
		"configuration error.\n"
		"See rumormill(1).\n");
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "config", required_argument, NULL, 'c' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *config = NULL;
	struct cli cli = { 0 };
	int c, status;

	while ((c = getopt_long(argc, argv, "+vqh", options, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'c': config = optarg; break;
		case 'v': log_set_level(LOG_VERBOSE); break;
		case 'q': log_set_level(LOG_QUIET); break;
		case 'h': usage(stdout); return EXIT_OK;
		case 'V': printf("rumormill %s\n", RUMORMILL_VERSION);
			return EXIT_OK;
		default: usage(stderr); return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[optind], commands[i].name) != 0)
			continue;
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			fprintf(stderr, "rumormill: cannot initialise libcurl\n");
			return EXIT_FAIL;
		}
		int first = optind;

		cli_paths_init(&cli, "rumormill", db, config);
		/* Commands parse their own options from their name on;
		 * optind 0 makes GNU getopt start afresh. */
		optind = 0;
		status = commands[i].run(&cli, argc - first, argv + first);
		cli_free(&cli);
		curl_global_cleanup();
		return status;
	}
	fprintf(stderr, "rumormill: unknown command '%s' (see rumormill "
			"--help)\n", argv[optind]);
	return EXIT_USAGE;
}
