/*
 * rumormill devices / rumormill chipsets: the known entities with how
 * many rumors concern them and when they last moved.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/format.h"
#include "cli/jsonout.h"
#include "cli/output.h"
#include "common/ascii.h"
#include "common/errors.h"

#define ENTITY_ARG_MAX 256
#define ENTITY_LIMIT_MAX 100000000ULL

static void
entities_usage(const char *cmd, FILE *out)
{
	bool dev = strcmp(cmd, "devices") == 0;

	fprintf(out,
		"usage: rumormill %s [--brand NAME] [--sort name|activity]\n"
		"                 [--format table|json|csv] [--limit N]\n"
		"\n"
		"The %s rumors are about, each with its number of rumors%s,\n"
		"how many of them are contested, the newest article date "
		"among them\n(last seen) and when they last changed.\n"
		"\n"
		"  --brand NAME      only this %s (any case)\n"
		"  --sort ORDER      name (default) or activity (latest first)\n"
		"  --format FORMAT   table (default), json or csv\n"
		"  --limit N         at most N\n",
		cmd, dev ? "devices" : "chipsets",
		dev ? "" : "\n(its own, and devices said to use it)",
		dev ? "maker" : "vendor");
}

struct ent_out {
	enum out_format format;
	struct table *table;
	json_t *array;
	long rows;
};

static const char *const columns[] = {
	"name", "brand", "rumors", "contested", "last_seen", "changed_at",
};
#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

static int
emit(const struct entity_row *e, void *arg)
{
	struct ent_out *o = arg;
	char rumors[32], contested[32];
	const char *cells[NCOLUMNS] = { e->name,      e->brand,
					rumors,       contested,
					e->last_seen, e->changed_at };

	snprintf(rumors, sizeof(rumors), "%ld", e->rumors);
	snprintf(contested, sizeof(contested), "%ld", e->contested);
	if (o->format == OUT_JSON) {
		json_t *j = json_object();

		json_object_set_new(j, "name", json_str(e->name));
		json_object_set_new(j, "brand", json_str_or_null(e->brand));
		json_object_set_new(j, "rumors", json_integer(e->rumors));
		json_object_set_new(j, "contested",
				    json_integer(e->contested));
		json_object_set_new(j, "last_seen",
				    json_str_or_null(e->last_seen));
		json_object_set_new(j, "changed_at",
				    json_str_or_null(e->changed_at));
		json_array_append_new(o->array, j);
	} else if (o->format == OUT_CSV) {
		csv_write_record(stdout, NCOLUMNS, cells);
	} else {
		table_add_row(o->table, cells);
	}
	o->rows++;
	return 0;
}

static int
run(struct cli *cli, const char *cmd, const char *kind, int argc,
    char **argv)
{
	static const struct option options[] = {
		{ "brand", required_argument, NULL, 'b' },
		{ "sort", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ "limit", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const headers[NCOLUMNS] = {
		"NAME", "BRAND", "RUMORS", "CONTESTED", "LAST SEEN", "CHANGED",
	};
	struct ent_out o = { .format = OUT_TABLE };
	enum entity_order order = ENTITY_BY_NAME;
	const char *brand = NULL;
	struct store *st = NULL;
	unsigned long long limit = 0;
	int c, rc;

	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case 'b':
			if (strlen(optarg) > ENTITY_ARG_MAX) {
				fprintf(stderr, "rumormill: %s: --brand: too "
						"long\n", cmd);
				return EXIT_USAGE;
			}
			brand = optarg;
			break;
		case 's':
			if (strcmp(optarg, "name") == 0)
				order = ENTITY_BY_NAME;
			else if (strcmp(optarg, "activity") == 0)
				order = ENTITY_BY_ACTIVITY;
			else {
				fprintf(stderr, "rumormill: %s: --sort: '%s' "
						"is not name or activity\n",
					cmd, optarg);
				return EXIT_USAGE;
			}
			break;
		case 'f':
			if (!out_parse_format(cmd, optarg, true, &o.format))
				return EXIT_USAGE;
			break;
		case 'l':
			if (parse_uint(optarg, ENTITY_LIMIT_MAX, &limit) ||
			    !limit) {
				fprintf(stderr, "rumormill: %s: --limit: '%s' "
						"is not a number from 1 to "
						"%llu\n", cmd, optarg,
					ENTITY_LIMIT_MAX);
				return EXIT_USAGE;
			}
			break;
		case 'h': entities_usage(cmd, stdout); return EXIT_OK;
		default: entities_usage(cmd, stderr); return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "rumormill: %s: unexpected argument '%s'\n",
			cmd, argv[optind]);
		return EXIT_USAGE;
	}
	rc = out_open_db(cli, &st);
	if (rc)
		return rc;
	if (o.format == OUT_TABLE)
		o.table = table_new(NCOLUMNS, headers);
	else if (o.format == OUT_JSON)
		o.array = json_array();
	else
		csv_write_record(stdout, NCOLUMNS, columns);
	rc = store_list_entities(st, kind, brand, order, (long)limit, emit,
				 &o);
	if (rc) {
		fprintf(stderr, "rumormill: %s: %s\n", cmd, store_errmsg(st));
		rc = EXIT_FAIL;
	} else if (o.format == OUT_JSON) {
		rc = json_dumpf(o.array, stdout, JSON_INDENT(1)) ? EXIT_FAIL
								  : EXIT_OK;
		fputc('\n', stdout);
	} else if (o.format == OUT_TABLE) {
		/* The header even for no rows, as query prints it. */
		table_print(o.table, stdout);
		if (!o.rows && isatty(STDOUT_FILENO))
			fprintf(stderr, "no %s\n", cmd);
	}
	table_free(o.table);
	json_decref(o.array);
	store_close(st);
	if (!rc && fflush(stdout) != 0)
		rc = EXIT_FAIL;
	return rc;
}

int
cmd_devices(struct cli *cli, int argc, char **argv)
{
	return run(cli, "devices", "device", argc, argv);
}

int
cmd_chipsets(struct cli *cli, int argc, char **argv)
{
	return run(cli, "chipsets", "chipset", argc, argv);
}
