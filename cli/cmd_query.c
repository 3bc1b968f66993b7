/*
 * rumormill query: list rumors from the database, filtered, as an
 * aligned table, a JSON array or CSV.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "common/claims.h"
#include "cli/format.h"
#include "cli/jsonout.h"
#include "cli/output.h"
#include "common/ascii.h"
#include "common/buf.h"
#include "common/date.h"
#include "common/errors.h"
#include "store/store.h"

/* Longest accepted filter argument; longer text cannot name anything. */
#define QUERY_ARG_MAX 512
#define QUERY_LIMIT_MAX 100000000ULL

/* The attributes the lexicon's claim lines declare: "launch, chipset...". */
static void
print_attributes(struct cli *cli, FILE *out)
{
	const struct lexicon *lx = cli_lexicon(cli);
	const struct claim_schema *cs = lx ? lexicon_claims(lx) : NULL;

	fprintf(out, "\nAttributes (the lexicon's claim lines):");
	for (size_t i = 0; cs && i < cs->n; i++)
		fprintf(out, "%s%s", i % 6 ? ", " : (i ? ",\n  " : "\n  "),
			cs->kinds[i].name);
	fprintf(out, "\n");
}

static void
query_usage(FILE *out)
{
	fprintf(out,
		"usage: rumormill query [--device TEXT] [--brand TEXT] "
		"[--chipset TEXT]\n"
		"                       [--attribute NAME] [--since DATE] "
		"[--until DATE]\n"
		"                       [--source NAME] [--search WORDS] "
		"[--contested]\n"
		"                       [--format table|json|csv] [--limit N]\n"
		"\n"
		"List rumors, newest first.  Filters combine; names match "
		"ignoring case\nand spacing, and a device matches its leading "
		"words (\"Xiaomi 14\" finds\nXiaomi 14 and Xiaomi 14 Pro).\n"
		"\n"
		"  --device TEXT     device name or its leading words\n"
		"  --brand TEXT      maker, e.g. Samsung\n"
		"  --chipset TEXT    rumors that a device gets this chipset\n"
		"  --attribute NAME  one of the attributes below\n"
		"  --since TIME      new or changed on or after TIME "
		"(YYYY[-MM[-DD]]\n"
		"                    or YYYY-MM-DDTHH:MM:SSZ, UTC): what a "
		"crawl prints\n"
		"  --until DATE      first seen on or before DATE\n"
		"  --source NAME     reported by this source\n"
		"  --search WORDS    articles containing these words\n"
		"  --contested       only claims an independent source "
		"contradicts\n"
		"  --format FORMAT   table (default), json or csv\n"
		"  --limit N         at most N rumors\n"
		"\n"
		"Each rumor shows its sources (articles), independent sources "
		"(sites,\ncopies folded), confidence (0-1, see 'rumormill "
		"show') and whether\nit is contested.\n");
}

struct query_out {
	enum out_format format;
	struct table *table;
	long rows;
};

static const char *const columns[] = {
	"device",     "brand",     "attribute", "value",
	"qualifier",  "first_seen", "last_seen", "sources",
	"independent_sources", "confidence", "contested", "urls",
};
#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

/* "2024-01 (global)": a value with its qualifier, for the table. */
static char *
value_with_qualifier(const struct rumor_row *r)
{
	struct buf b;

	buf_init(&b, (size_t)-1 / 2);
	buf_append_str(&b, r->value);
	if (r->qualifier && *r->qualifier)
		buf_printf(&b, " (%s)", r->qualifier);
	return buf_steal(&b);
}

static int
emit_row(const struct rumor_row *r, void *arg)
{
	struct query_out *q = arg;
	char sources[32], indep[32], conf[OUT_CONF_SIZE];

	snprintf(sources, sizeof(sources), "%ld", r->sources);
	snprintf(indep, sizeof(indep), "%ld", r->independent_sources);
	out_confidence(r->confidence, conf);
	if (q->format == OUT_JSON) {
		json_t *o = out_rumor_json(r);

		fputs(q->rows ? ",\n  " : "[\n  ", stdout);
		json_dumpf(o, stdout, JSON_COMPACT);
		json_decref(o);
	} else if (q->format == OUT_CSV) {
		struct buf urls;
		const char *f[NCOLUMNS] = {
			r->device,     r->brand,	  r->attribute,
			r->value,      r->qualifier,	  r->first_seen,
			r->last_seen,  sources,		  indep,
			conf,	       r->contested ? "true" : "false",
			NULL,
		};

		buf_init(&urls, (size_t)-1 / 2);
		for (size_t i = 0; i < r->urls.n; i++)
			buf_printf(&urls, "%s%s", i ? " " : "", r->urls.v[i]);
		f[NCOLUMNS - 1] = buf_str(&urls);
		csv_write_record(stdout, NCOLUMNS, f);
		buf_free(&urls);
	} else {
		char *value = value_with_qualifier(r);
		const char *cells[] = { r->device,     r->attribute, value,
					r->first_seen, r->last_seen, sources,
					indep,	       conf,
					r->contested ? "contested" : "" };

		table_add_row(q->table, cells);
		free(value);
	}
	q->rows++;
	return 0;
}

static bool
check_arg(const char *option, const char *s)
{
	if (strlen(s) <= QUERY_ARG_MAX)
		return true;
	fprintf(stderr, "rumormill: query: %s: longer than %d bytes\n",
		option, QUERY_ARG_MAX);
	return false;
}

/* --since: a date, or a time as the crawl and changed_at write it. */
static bool
check_since(const char *s)
{
	struct ymd d;
	char day[DATE_STR_MAX];
	size_t n = strlen(s);

	if (n == STORE_TIME_SIZE - 1 && s[10] == 'T' && s[13] == ':' &&
	    s[16] == ':' && s[19] == 'Z') {
		memcpy(day, s, 10);
		day[10] = '\0';
		if (date_parse_day(day, &d) == 0)
			return true;
	} else if (date_parse(s, &d) == 0) {
		return true;
	}
	fprintf(stderr, "rumormill: query: --since: '%s' is not a date "
			"(YYYY, YYYY-MM or YYYY-MM-DD) or a UTC time "
			"(YYYY-MM-DDTHH:MM:SSZ)\n", s);
	return false;
}

static bool
check_partial_date(const char *option, const char *s)
{
	struct ymd d;

	if (date_parse(s, &d) == 0)
		return true;
	fprintf(stderr, "rumormill: query: %s: '%s' is not a date "
			"(YYYY, YYYY-MM or YYYY-MM-DD)\n", option, s);
	return false;
}

int
cmd_query(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{ "device", required_argument, NULL, 'd' },
		{ "brand", required_argument, NULL, 'b' },
		{ "chipset", required_argument, NULL, 'c' },
		{ "attribute", required_argument, NULL, 'a' },
		{ "since", required_argument, NULL, 'S' },
		{ "until", required_argument, NULL, 'U' },
		{ "source", required_argument, NULL, 's' },
		{ "search", required_argument, NULL, 'w' },
		{ "contested", no_argument, NULL, 'C' },
		{ "format", required_argument, NULL, 'f' },
		{ "limit", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const table_headers[] = {
		"DEVICE",    "ATTRIBUTE", "VALUE",      "FIRST SEEN", "LAST SEEN",
		"SOURCES",   "INDEP",     "CONFIDENCE", "CONTESTED",
	};
	struct rumor_query q = { 0 };
	struct query_out out = { .format = OUT_TABLE };
	struct alias_list aliases = { 0 };
	struct store *st = NULL;
	unsigned long long limit;
	int c, rc, idx = 0;

	while ((c = getopt_long(argc, argv, "h", options, &idx)) != -1) {
		if (c != '?' && optarg && !check_arg(options[idx].name, optarg))
			return EXIT_USAGE;
		switch (c) {
		case 'd': q.device = optarg; break;
		case 'b': q.brand = optarg; break;
		case 'c': q.chipset = optarg; break;
		case 'a': q.attribute = optarg; break;
		case 's': q.source = optarg; break;
		case 'w': q.search = optarg; break;
		case 'C': q.contested = true; break;
		case 'S': q.since = optarg; break;
		case 'U':
			if (!check_partial_date("--until", optarg))
				return EXIT_USAGE;
			q.until = optarg;
			break;
		case 'f':
			if (!out_parse_format("query", optarg, true,
					      &out.format))
				return EXIT_USAGE;
			break;
		case 'l':
			if (parse_uint(optarg, QUERY_LIMIT_MAX, &limit) != 0 ||
			    limit == 0) {
				fprintf(stderr, "rumormill: query: --limit: "
						"'%s' is not a number from 1 "
						"to %llu\n", optarg,
					QUERY_LIMIT_MAX);
				return EXIT_USAGE;
			}
			q.limit = (long)limit;
			break;
		case 'h':
			query_usage(stdout);
			print_attributes(cli, stdout);
			return EXIT_OK;
		default: query_usage(stderr); return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "rumormill: query: unexpected argument '%s'\n",
			argv[optind]);
		return EXIT_USAGE;
	}
	if (q.since && !check_since(q.since))
		return EXIT_USAGE;
	if (q.device && out_device_name(cli, q.device, &aliases, &q.device))
		return EXIT_USAGE;
	rc = out_open_db(cli, &st);
	if (rc)
		goto out;
	if (out.format == OUT_TABLE)
		out.table = table_new(sizeof(table_headers) /
					      sizeof(table_headers[0]),
				      table_headers);
	else if (out.format == OUT_CSV)
		csv_write_record(stdout, NCOLUMNS, columns);
	rc = store_query_rumors(st, &q, emit_row, &out);
	if (rc) {
		fprintf(stderr, "rumormill: query: %s\n", store_errmsg(st));
		rc = rc == RM_EINVAL ? EXIT_USAGE : EXIT_FAIL;
		goto out;
	}
	/* No rows is an answer too: the header says what was asked, as
	 * CSV's header line and JSON's [] do. */
	if (out.format == OUT_JSON)
		fputs(out.rows ? "\n]\n" : "[]\n", stdout);
	else if (out.format == OUT_TABLE)
		table_print(out.table, stdout);
	if (out.format == OUT_TABLE && !out.rows && isatty(STDOUT_FILENO))
		fprintf(stderr, "no rumors match\n");
	rc = fflush(stdout) == 0 ? EXIT_OK : EXIT_FAIL;
out:
	table_free(out.table);
	store_close(st);
	aliases_free(&aliases);
	return rc;
}
