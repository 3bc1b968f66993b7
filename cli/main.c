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
	bool verbosity; /* parses -v/-q itself (robots -v is its own) */
};

static const struct command commands[] = {
	{ "extract", cmd_extract, "print what one article says, as JSON",
	  false },
	{ "import", cmd_import, "extract articles from files into the database",
	  false },
	{ "query", cmd_query, "list rumors, filtered, as a table, JSON or CSV",
	  false },
	{ "robots", cmd_robots, "decide URLs against a robots.txt file",
	  true },
	{ "crawl", cmd_crawl, "fetch what is new on every source (for cron)",
	  true },
	{ "sources", cmd_sources, "list, check or try the configured sources",
	  false },
	{ "show", cmd_show, "everything known about one device", false },
	{ "devices", cmd_devices, "the known devices, with rumor counts",
	  false },
	{ "chipsets", cmd_chipsets, "the known chipsets, with rumor counts",
	  false },
	{ "report", cmd_report, "write a static HTML page of the rumors",
	  false },
	{ "feed", cmd_feed, "write an Atom feed of new and changed rumors",
	  false },
	{ "migrate", cmd_migrate, "copy a database into a new one (e.g. "
				   "PostgreSQL)", false },
};

static void
usage(FILE *out)
{
	fprintf(out,
		"usage: rumormill [--db FILE|URI] [--config DIR] [--verbose|--quiet]"
		" COMMAND [ARGS]\n"
		"(the options may also follow the command)\n"
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

/*
 * Take the global options given after the command out of ARGV[FIRST..]
 * (up to a "--"), so that "rumormill query --db r.db" means what
 * "rumormill --db r.db query" does.  *DB and *CONFIG are set from them.
 * -v and -q set the log level, and stay for a command that parses them
 * itself (KEEP_VQ).  Returns the new argc, or -1 for an option missing
 * its value.
 */
static int
take_globals(int argc, char **argv, int first, const char **db,
	     const char **config, bool keep_vq)
{
	int out = first + 1;

	for (int i = first + 1; i < argc; i++) {
		const char *a = argv[i], **to = NULL;
		size_t n = 0;

		if (strcmp(a, "--") == 0) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strncmp(a, "--db", 4) == 0)
			to = db, n = 4;
		else if (strncmp(a, "--config", 8) == 0)
			to = config, n = 8;
		if (to && a[n] == '=') {
			*to = a + n + 1;
			continue;
		}
		if (to && a[n] == '\0') {
			if (i + 1 >= argc) {
				fprintf(stderr, "rumormill: %s needs a value\n",
					a);
				return -1;
			}
			*to = argv[++i];
			continue;
		}
		if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
			log_set_level(LOG_VERBOSE);
			if (!keep_vq)
				continue;
		} else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			log_set_level(LOG_QUIET);
			if (!keep_vq)
				continue;
		}
		argv[out++] = argv[i];
	}
	argv[out] = NULL;
	return out;
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

		argc = take_globals(argc, argv, first, &db, &config,
				    commands[i].verbosity);
		if (argc < 0)
			return EXIT_USAGE;
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
