/*
 * rumormill import: extract articles from files and store them, as the
 * crawler does for fetched pages.  Each file is one transaction.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "common/buf.h"
#include "common/errors.h"
#include "common/log.h"
#include "common/xalloc.h"
#include "config/sources.h"
#include "crawler/url.h"
#include "store/store.h"

#define IMPORT_DEFAULT_SOURCE "import"

static void
import_usage(FILE *out)
{
	fprintf(out,
		"usage: rumormill import [--plain] [--url URL] "
		"[--published YYYY-MM-DD]\n"
		"                        [--source NAME] FILE...\n"
		"\n"
		"Extract each article and store it with its rumors.  An article "
		"is\nidentified by its normalised URL: importing it again "
		"updates it.\n"
		"\n"
		"  --plain          input is plain text (see 'extract --help')\n"
		"  --url URL        the article's address (one FILE only); else\n"
		"                   the page's canonical URL, else the file's "
		"path\n"
		"  --published DAY  publication date (YYYY-MM-DD)\n"
		"  --source NAME    record the articles under this source "
		"(default\n"
		"                   \"" IMPORT_DEFAULT_SOURCE "\"); a source "
		"configured in sources.d\n"
		"                   lends its weight\n");
}

/*
 * The weight of source NAME in the configuration's sources.d, as a crawl
 * would store it; 0 (keep the recorded weight, 1.0 for a new source)
 * when NAME is not configured.  A sources.d with errors is reported and
 * its weights are not used.
 */
static double
source_weight(struct cli *cli, const char *name)
{
	struct source_list *l = NULL;
	const struct source *s;
	struct buf dir;
	char *err = NULL;
	double w = 0;
	int rc;

	buf_init(&dir, (size_t)-1 / 2);
	buf_printf(&dir, "%s/sources.d", cli->config_dir);
	rc = sources_load_dir(buf_str(&dir), &l, &err);
	if (rc == 0 && (s = sources_find(l, name)) != NULL)
		w = s->weight;
	else if (rc && rc != RM_EIO)
		fprintf(stderr, "rumormill: import: warning: %s has errors "
				"(see 'rumormill sources check'); the weight "
				"of '%s' is not read from it\n",
			buf_str(&dir), name);
	sources_free(l);
	free(err);
	buf_free(&dir);
	return w;
}

/*
 * The identity of an imported article: --url, else the page's canonical
 * URL, else a file: URL of its absolute path.  Caller frees.
 */
static char *
article_url(const char *given, const struct article *a, const char *file)
{
	char *url = NULL;
	char path[PATH_MAX];
	struct buf b;

	if (given && url_normalize(given, &url) == 0)
		return url;
	if (a->doc.canonical && url_normalize(a->doc.canonical, &url) == 0)
		return url;
	if (strcmp(file, "-") == 0)
		return NULL;
	if (!realpath(file, path))
		return NULL;
	buf_init(&b, sizeof(path) + 16);
	buf_printf(&b, "file://%s", path);
	return buf_steal(&b);
}

int
cmd_import(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		CLI_INPUT_OPTIONS,
		{ "source", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct input_opts in = { 0 };
	const char *source = IMPORT_DEFAULT_SOURCE;
	struct store *st = NULL;
	struct store_counts before = { 0 }, after = { 0 };
	char *err = NULL, *probe = NULL;
	double weight;
	int c, rc, status = EXIT_OK;
	long imported = 0;

	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		int handled = cli_input_option(c, optarg, &in);

		if (handled < 0)
			return EXIT_USAGE;
		if (handled)
			continue;
		switch (c) {
		case 's': source = optarg; break;
		case 'h': import_usage(stdout); return EXIT_OK;
		default: import_usage(stderr); return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		import_usage(stderr);
		return EXIT_USAGE;
	}
	if (in.url && argc - optind > 1) {
		fprintf(stderr, "rumormill: import: --url names one article; "
				"give one FILE with it\n");
		return EXIT_USAGE;
	}
	if (in.url && url_normalize(in.url, &probe) != 0) {
		fprintf(stderr, "rumormill: import: --url: '%s' is not an "
				"http or https URL\n", in.url);
		return EXIT_USAGE;
	}
	free(probe);
	if (!*source) {
		fprintf(stderr, "rumormill: import: --source is empty\n");
		return EXIT_USAGE;
	}
	if (!(argc - optind > 1 ? cli_lexicon_many(cli) : cli_lexicon(cli)))
		return EXIT_USAGE;
	weight = source_weight(cli, source);
	if (!cli->db_explicit)
		cli_make_parent_dirs(cli->db_path);
	rc = store_open(cli->db_path, 0, &st, &err);
	if (rc) {
		fprintf(stderr, "rumormill: %s\n", err ? err : rm_strerror(rc));
		free(err);
		return EXIT_FAIL;
	}
	store_set_claims(st, lexicon_claims(cli_lexicon(cli)));
	rc = cli_store_aliases(cli, st);
	if (rc) {
		store_close(st);
		return rc;
	}
	store_counts(st, &before);
	for (int i = optind; i < argc; i++) {
		struct article a;
		struct store_article sa;
		char *url;

		rc = cli_extract_file(cli, argv[i], &in, &a);
		if (rc) {
			status = rc == EXIT_USAGE ? EXIT_USAGE : EXIT_FAIL;
			article_free(&a);
			if (rc == EXIT_USAGE)
				break;
			continue;
		}
		url = article_url(in.url, &a, argv[i]);
		if (!url) {
			fprintf(stderr, "rumormill: %s: no URL for this article; "
					"give one with --url\n", argv[i]);
			status = EXIT_FAIL;
			article_free(&a);
			continue;
		}
		sa = (struct store_article){
			.url = url,
			.source = source,
			.title = a.doc.title,
			.author = a.doc.author,
			.text = a.doc.text,
			.published = a.doc.published[0] ? a.doc.published : NULL,
			.rumors = &a.rumors,
			.weight = weight,
		};
		rc = store_put_article(st, &sa, NULL);
		if (rc) {
			fprintf(stderr, "rumormill: %s: not stored: %s\n", argv[i],
				store_errmsg(st));
			status = EXIT_FAIL;
		} else {
			imported++;
			log_info("%s: %s: %zu devices, %zu claims", argv[i], url,
				 a.rumors.ndevices, a.rumors.nclaims);
		}
		free(url);
		article_free(&a);
	}
	store_counts(st, &after);
	if (log_get_level() >= LOG_NORMAL && isatty(STDERR_FILENO))
		fprintf(stderr,
			"imported %ld article%s; database: %lld articles, "
			"%lld rumors (%+lld)\n",
			imported, imported == 1 ? "" : "s", after.articles,
			after.rumors, after.rumors - before.rumors);
	store_close(st);
	return status;
}
