#include "cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/errors.h"
#include "common/strvec.h"
#include "common/xalloc.h"
#include "store/store.h"

#ifndef RUMORMILL_DATADIR
#define RUMORMILL_DATADIR "/usr/local/share/rumormill"
#endif

static char *
path_join(const char *a, const char *b)
{
	struct buf p;

	buf_init(&p, (size_t)-1 / 2);
	buf_printf(&p, "%s/%s", a, b);
	return buf_steal(&p);
}

/* $VAR, else $HOME/FALLBACK, each joined with LEAF. */
static char *
xdg_path(const char *var, const char *fallback, const char *leaf)
{
	const char *base = getenv(var);
	const char *home = getenv("HOME");
	struct buf p;

	buf_init(&p, (size_t)-1 / 2);
	if (base && base[0] == '/')
		buf_printf(&p, "%s/%s", base, leaf);
	else
		buf_printf(&p, "%s/%s/%s", home && *home ? home : ".",
			   fallback, leaf);
	return buf_steal(&p);
}

static bool
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * Where the bundled data may be, in the order it is looked for:
 * config/ beside the executable or one level up (a source tree; a
 * sanitizer build lives in build-san/), then BINDIR/../share/rumormill
 * (an installation, wherever its PREFIX was or has been moved to), then
 * the directory compiled in.
 */
static void
data_dir_candidates(struct strvec *out)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n > 0) {
		char *slash, *dir;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		for (int up = 0; slash && up < 2; up++) {
			*slash = '\0';
			dir = path_join(exe, "config");
			strvec_push(out, dir);
			free(dir);
			if (up == 0) {
				dir = path_join(exe, "../share/rumormill");
				strvec_push(out, dir);
				free(dir);
			}
			slash = strrchr(exe, '/');
		}
	}
	strvec_push(out, RUMORMILL_DATADIR);
}

/* The first candidate that has a lexicon, else the compiled-in one. */
static char *
find_data_dir(void)
{
	struct strvec dirs = STRVEC_INIT;
	char *found = NULL;

	data_dir_candidates(&dirs);
	for (size_t i = 0; i < dirs.n && !found; i++) {
		char *lex = path_join(dirs.v[i], "lexicon");

		if (is_dir(lex))
			found = xstrdup(dirs.v[i]);
		free(lex);
	}
	if (!found)
		found = xstrdup(RUMORMILL_DATADIR);
	strvec_free(&dirs);
	return found;
}

int
cli_paths_init(struct cli *cli, const char *argv0, const char *db,
	       const char *config)
{
	const char *env_db = getenv("RUMORMILL_DB");
	const char *env_config = getenv("RUMORMILL_CONFIG");

	cli->prog = argv0;
	if (db && *db) {
		cli->db_path = xstrdup(db);
		cli->db_explicit = true;
	} else if (env_db && *env_db) {
		cli->db_path = xstrdup(env_db);
		cli->db_explicit = true;
	} else {
		cli->db_path = xdg_path("XDG_DATA_HOME", ".local/share",
					"rumormill/rumormill.db");
	}
	if (config && *config)
		cli->config_dir = xstrdup(config);
	else if (env_config && *env_config)
		cli->config_dir = xstrdup(env_config);
	else
		cli->config_dir = xdg_path("XDG_CONFIG_HOME", ".config",
					   "rumormill");
	cli->data_dir = find_data_dir();
	return 0;
}

void
cli_free(struct cli *cli)
{
	free(cli->db_path);
	free(cli->config_dir);
	free(cli->data_dir);
	lexicon_free(cli->lexicon);
	memset(cli, 0, sizeof(*cli));
}

const struct lexicon *
cli_lexicon(struct cli *cli)
{
	char *dirs[3];
	char *err = NULL;
	int rc;

	if (cli->lexicon)
		return cli->lexicon;
	dirs[0] = path_join(cli->data_dir, "lexicon");
	dirs[1] = path_join(cli->config_dir, "lexicon");
	dirs[2] = NULL;
	rc = lexicon_load((const char *const *)dirs, &cli->lexicon, &err);
	if (rc && !is_dir(dirs[0])) {
		/* No bundled data found: say where it was looked for. */
		struct strvec tried = STRVEC_INIT;

		data_dir_candidates(&tried);
		fprintf(stderr, "%s: %s; the bundled lexicon was looked for "
				"in:\n", cli->prog,
			err ? err : rm_strerror(rc));
		for (size_t i = 0; i < tried.n; i++)
			fprintf(stderr, "  %s/lexicon\n", tried.v[i]);
		fprintf(stderr, "  and %s (yours); install the data with "
				"'make install PREFIX=...'\n", dirs[1]);
		strvec_free(&tried);
		cli->lexicon = NULL;
	} else if (rc) {
		fprintf(stderr, "%s: %s\n", cli->prog,
			err ? err : rm_strerror(rc));
		cli->lexicon = NULL;
	}
	free(err);
	free(dirs[0]);
	free(dirs[1]);
	return cli->lexicon;
}

int
cli_make_parent_dirs(const char *path)
{
	char *copy;
	int rc = 0;

	if (store_is_server(path))
		return 0;
	copy = xstrdup(path);
	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
			rc = RM_EIO;
			break;
		}
		*p = '/';
	}
	free(copy);
	return rc;
}

int
cli_read_file(const char *file, size_t max, char **data, size_t *len)
{
	FILE *f = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
	struct buf b;
	char chunk[65536];
	size_t n;
	int rc = 0;

	if (!f)
		return RM_EIO;
	buf_init(&b, max);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		rc = buf_append(&b, chunk, n);
		if (rc)
			break;
	}
	if (!rc && ferror(f))
		rc = RM_EIO;
	if (f != stdin)
		fclose(f);
	if (rc) {
		buf_free(&b);
		return rc;
	}
	*len = b.len;
	*data = buf_steal(&b);
	return 0;
}

bool
cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	}
	return false;
}
