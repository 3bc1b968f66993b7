/*
 * rumormill migrate: copy a database into a new one, typically a SQLite
 * file into PostgreSQL when one machine's crawl grows into several.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"
#include "common/log.h"
#include "store/store.h"

static void
migrate_usage(FILE *out)
{
	fprintf(out,
		"usage: rumormill migrate --from DB --to DB\n"
		"\n"
		"Copy every article, rumor, source and the crawl's state from "
		"one\ndatabase into a new, empty one, ids and scores as they "
		"are, in one\ntransaction: a failure leaves the target empty.  "
		"Either side is a\nSQLite file or a postgresql:// URI; the "
		"usual move is\n"
		"\n"
		"  rumormill migrate --from rumormill.db "
		"--to postgresql://user@host/rumors\n"
		"\n"
		"  --from DB   the database to copy (read only)\n"
		"  --to DB     the new database (created and given the schema)\n"
		"\n"
		"Prints each table's row count.\n");
}

static void
progress(const char *table, long long rows, void *arg)
{
	(void)arg;
	if (log_get_level() >= LOG_NORMAL)
		printf("%-18s %lld rows\n", table, rows);
}

int
cmd_migrate(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *from = NULL, *to = NULL;
	struct store *src = NULL, *dst = NULL;
	char *err = NULL;
	int c, status = EXIT_OK;

	(void)cli;
	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case 'f': from = optarg; break;
		case 't': to = optarg; break;
		case 'h': migrate_usage(stdout); return EXIT_OK;
		default: migrate_usage(stderr); return EXIT_USAGE;
		}
	}
	if (optind < argc || !from || !to) {
		migrate_usage(stderr);
		return EXIT_USAGE;
	}
	if (!store_is_server(from) && access(from, F_OK) != 0) {
		fprintf(stderr, "rumormill: migrate: %s: no such database\n",
			from);
		return EXIT_FAIL;
	}
	if (store_open(from, STORE_READONLY, &src, &err) != 0 ||
	    store_open(to, 0, &dst, &err) != 0) {
		fprintf(stderr, "rumormill: migrate: %s\n", err);
		status = EXIT_FAIL;
		goto out;
	}
	if (store_copy(src, dst, progress, NULL) != 0) {
		fprintf(stderr, "rumormill: migrate: %s\n", store_errmsg(src));
		status = EXIT_FAIL;
	}
out:
	store_close(src);
	store_close(dst);
	free(err);
	return status;
}
