/*
 * The command-line front end: global options, where files live, and one
 * cmd_*.c per command.  Commands return an exit status.
 */
#ifndef RM_CLI_H
#define RM_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "config/aliases.h"
#include "extract/article.h"
#include "extract/lexicon.h"
#include "store/store.h"

/* Exit statuses (documented in rumormill(1)). */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,  /* the run failed at run time */
	EXIT_USAGE = 2, /* bad usage, configuration or data file */
};

struct cli {
	const char *prog;
	char *db_path;    /* --db, RUMORMILL_DB or the XDG default */
	char *config_dir; /* --config, RUMORMILL_CONFIG or the XDG default */
	char *data_dir;   /* bundled data: config/ beside the binary, or
			     the installed share directory */
	bool db_explicit; /* given with --db or RUMORMILL_DB */
	struct lexicon *lexicon; /* loaded on first use */
};

/* Resolve the paths in CLI from options and environment. */
int cli_paths_init(struct cli *cli, const char *argv0, const char *db,
		   const char *config);
void cli_free(struct cli *cli);

/*
 * The lexicon from the bundled data and the user's config directory,
 * loaded once.  On a bad data file prints "FILE:LINE: ..." and returns
 * NULL; the command then exits with EXIT_USAGE.
 */
const struct lexicon *cli_lexicon(struct cli *cli);
/*
 * The lexicon for a command that extracts many pages (a crawl, a list):
 * cli_lexicon's, made faster to scan with (lexicon_optimize).
 */
const struct lexicon *cli_lexicon_many(struct cli *cli);

/*
 * The device aliases: the bundled aliases.conf, then the one in CLI's
 * configuration directory.  Prints "FILE:LINE: ..." for bad lines and
 * returns EXIT_USAGE; else 0 with *OUT to free with aliases_free.
 */
int cli_aliases(struct cli *cli, struct alias_list *out);
/*
 * Load the aliases and write them into ST (store_set_aliases), so that
 * articles stored next fold aliased devices.  Every command that stores
 * articles calls it after opening the store.  Prints its errors;
 * returns 0, EXIT_USAGE or EXIT_FAIL.
 */
int cli_store_aliases(struct cli *cli, struct store *st);
/* The device NAME stands for by L, or NAME itself. */
const char *cli_alias_resolve(const struct alias_list *l, const char *name);

/* Create the directories above PATH (mode 0700 for new ones). */
int cli_make_parent_dirs(const char *path);

/*
 * Read all of FILE ("-" = standard input), at most MAX bytes.  On
 * success *DATA (caller frees, NUL-terminated) and *LEN are set.
 * Returns 0, RM_EIO (errno describes it) or RM_ETOOLARGE.
 */
int cli_read_file(const char *file, size_t max, char **data, size_t *len);

/* Standard "--help" handling: true when ARGV asks for it. */
bool cli_wants_help(int argc, char **argv);

int cmd_extract(struct cli *cli, int argc, char **argv);
int cmd_import(struct cli *cli, int argc, char **argv);
int cmd_migrate(struct cli *cli, int argc, char **argv);
int cmd_query(struct cli *cli, int argc, char **argv);
int cmd_robots(struct cli *cli, int argc, char **argv);
int cmd_crawl(struct cli *cli, int argc, char **argv);
int cmd_sources(struct cli *cli, int argc, char **argv);
int cmd_show(struct cli *cli, int argc, char **argv);
int cmd_devices(struct cli *cli, int argc, char **argv);
int cmd_chipsets(struct cli *cli, int argc, char **argv);
int cmd_report(struct cli *cli, int argc, char **argv);
int cmd_feed(struct cli *cli, int argc, char **argv);

/* What crawl and sources read from the configuration directory. */
struct settings;
struct source_list;
struct crawl_config {
	struct settings *settings; /* rumormill.conf, defaults if absent */
	struct source_list *sources; /* sources.d, one .ini per source */
	char *conf_path;
	char *sources_dir;
	size_t warnings;	/* files in sources_dir not read (warned of) */
};

/*
 * Load rumormill.conf and sources.d from CLI's configuration directory
 * (SOURCES_DIR instead of sources.d when not NULL).  Prints every error
 * as FILE:LINE on stderr, and a warning for each file in the sources
 * directory that is not read as a source (a "site.conf").  Returns 0,
 * or EXIT_USAGE; *OUT is released
 * with cli_crawl_config_free either way.
 */
int cli_crawl_config(struct cli *cli, const char *sources_dir,
		     struct crawl_config *out);
void cli_crawl_config_free(struct crawl_config *cc);

/* What to add to a fetch error WHY for the user: how to allow a
 * private address when that was the refusal, else "". */
const char *cli_fetch_hint(const char *why);

/* --resolve HOST:PORT:ADDR entries, NULL-terminated for libcurl. */
#define CLI_RESOLVE_MAX 64
struct cli_resolve {
	const char *v[CLI_RESOLVE_MAX + 1];
	size_t n;
};
/* Check and add one --resolve value; prints a usage error and returns
 * false when it is malformed or one too many. */
bool cli_resolve_add(struct cli_resolve *r, const char *arg);

/* What extract and import share: how to read one input file. */
struct input_opts {
	const char *url;       /* --url */
	const char *published; /* --published, validated YYYY-MM-DD */
	bool plain;            /* --plain */
};

/* Largest input file read (a page larger than this is not an article). */
#define CLI_INPUT_MAX ((size_t)64 << 20)

/* getopt_long entries for the input options extract and import share. */
#define CLI_INPUT_OPTIONS                                             \
	{ "plain", no_argument, NULL, 'p' },                          \
	{ "url", required_argument, NULL, 'u' },                      \
	{ "published", required_argument, NULL, 'P' }

/*
 * Apply getopt_long's result C (with ARG) to IN when it is one of
 * CLI_INPUT_OPTIONS.  Returns 1 when handled, 0 when C is another
 * option, -1 for a bad value (a message was printed).
 */
int cli_input_option(int c, const char *arg, struct input_opts *in);

/* True when S is a valid YYYY-MM-DD (prints a usage error otherwise). */
bool cli_check_date_arg(const char *option, const char *s);

/*
 * Read FILE and extract it into A (released by the caller with
 * article_free in every case).  Prints its own error messages.
 * Returns 0, EXIT_FAIL or EXIT_USAGE.
 */
int cli_extract_file(struct cli *cli, const char *file,
		     const struct input_opts *opts, struct article *a);

#endif
