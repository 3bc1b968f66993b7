/*
 * rumormill crawl: one run of the crawler over the configured sources,
 * safe to start from cron every hour.
 *
 * One crawl per database at a time: a lock file in the database's
 * directory, named after the database file's device and inode
 * (.rumormill-crawl-DEV-INO.lock, flock), is held for the run, so that
 * every path to one database (a symlink, another spelling) takes the
 * same lock.  The database file itself is never flock'ed or closed
 * behind SQLite's back, which would break its own POSIX locks.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/format.h"
#include "common/ascii.h"
#include "common/buf.h"
#include "common/errors.h"
#include "common/log.h"
#include "common/xalloc.h"
#include "config/settings.h"
#include "config/sources.h"
#include "crawler/crawl.h"
#include "store/crawlstate.h"
#include "store/store.h"

#define ONLY_MAX 256

static void
crawl_usage(FILE *out)
{
	fprintf(out,
		"usage: rumormill crawl [--source NAME]... [--allow-private] "
		"[--wait]\n"
		"                       [--revisit] [--max-pages N] "
		"[--resolve HOST:PORT:ADDR]...\n"
		"                       [--verbose|--quiet]\n"
		"\n"
		"Fetch what is new on every enabled source (sources.d/*.ini in "
		"the\nconfiguration directory), extract the articles and store "
		"their rumors.\nThen print a summary and the rumors that are new "
		"or changed since the\nlast run (on a terminal always; otherwise "
		"only when there is news or a\nsite failed, so cron mails only "
		"what matters).\n"
		"\n"
		"  --source NAME      crawl only this source (repeatable; also "
		"a disabled one)\n"
		"  --allow-private    allow loopback and private addresses for "
		"this run\n"
		"  --wait             wait for a crawl already running on the "
		"database,\n"
		"                     instead of exiting at once (status 0)\n"
		"  --revisit          fetch start URLs now, even if not due "
		"(conditional GET)\n"
		"  --max-pages N      at most N requests per source this run\n"
		"  --resolve H:P:A    connect to address A for host H, port P "
		"(like curl\n"
		"                     --resolve; for tests and local mirrors; "
		"repeatable)\n"
		"  -v, --verbose      log every fetch on stderr\n"
		"  -q, --quiet        print only errors\n"
		"\n"
		"A start URL that cannot be read (no DNS answer, connection "
		"refused, a\nprivate address, robots.txt unreachable, an HTTP "
		"error) is reported on\nstderr as SOURCE: URL: REASON, also "
		"with --quiet.\n"
		"\n"
		"Exit status: 0 when the run went through; 1 when a source "
		"failed entirely\n(none of its start URLs could be read; what "
		"the other sources gave is\nstored) or the database is "
		"unusable; 2 for a usage or configuration error.\n");
}

/*
 * The crawl lock's path for DB into PATH: in the directory of the file
 * DB names (after symlinks), named after its device and inode.  A
 * missing database is created empty first (SQLite takes an empty file
 * as a new database) to have them.  0, or -1 after saying why.
 */
static int
lock_path(const char *db, struct buf *path)
{
	struct stat st;
	char *real = NULL, *slash;
	int fd, rc = -1;

	/* O_NONBLOCK: a FIFO in the database's place must not hang. */
	fd = open(db, O_RDONLY | O_CREAT | O_NONBLOCK | O_CLOEXEC, 0644);
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (real = realpath(db, NULL)) == NULL) {
		fprintf(stderr, "rumormill: crawl: %s: %s\n", db,
			fd >= 0 && errno == 0 ? "not a regular file"
					      : strerror(errno));
		goto out;
	}
	slash = strrchr(real, '/');
	if (buf_printf(path, "%.*s/.rumormill-crawl-%llx-%llx.lock",
		       (int)(slash - real), real,
		       (unsigned long long)st.st_dev,
		       (unsigned long long)st.st_ino) != 0) {
		fprintf(stderr, "rumormill: crawl: database path too long\n");
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	free(real);
	return rc;
}

/* Take the crawl lock for DB: 0, 1 (another crawl holds it and WAIT is
 * false), or -1 (cannot lock).  *FD is the open lock file. */
static int
take_lock(const char *db, bool wait, int *fd)
{
	struct buf path;
	int rc = 0;

	buf_init(&path, 8192);
	errno = 0;
	if (lock_path(db, &path) != 0) {
		buf_free(&path);
		return -1;
	}
	*fd = open(buf_str(&path), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (*fd < 0) {
		fprintf(stderr, "rumormill: crawl: %s: %s\n", buf_str(&path),
			strerror(errno));
		rc = -1;
	} else if (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK) {
			fprintf(stderr, "rumormill: crawl: %s: %s\n",
				buf_str(&path), strerror(errno));
			rc = -1;
		} else if (!wait) {
			rc = 1;
		} else {
			log_info("waiting for the crawl running on %s", db);
			while ((rc = flock(*fd, LOCK_EX)) != 0 && errno == EINTR)
				;
			if (rc) {
				fprintf(stderr, "rumormill: crawl: %s: %s\n",
					buf_str(&path), strerror(errno));
				rc = -1;
			}
		}
	}
	buf_free(&path);
	return rc;
}

struct ui {
	bool progress; /* a progress line on stderr (a terminal) */
	bool verbose;
	bool shown;    /* a progress line is on screen */
};

static void
clear_progress(struct ui *ui)
{
	if (ui->shown) {
		fputs("\r\033[K", stderr);
		ui->shown = false;
	}
}

static void
on_event(const struct crawl_event *ev, void *ctx)
{
	struct ui *ui = ctx;
	const struct crawlstate_counts *p = &ev->stats->pages;

	switch (ev->kind) {
	case CRAWL_EVENT_FETCH:
		if (!ui->verbose)
			return;
		clear_progress(ui);
		fprintf(stderr, "%3ld %-7s %s (%s, %ld ms, %zu bytes)\n",
			ev->status, ev->what, ev->url, ev->outcome, ev->ms,
			ev->bytes);
		return;
	case CRAWL_EVENT_WARN:
		if (!ui->verbose)
			return;
		clear_progress(ui);
		fprintf(stderr, "warning: %s%s%s\n", ev->source ? ev->source : "",
			ev->source ? ": " : "", ev->outcome);
		return;
	case CRAWL_EVENT_ERROR:
		/* Always, --quiet or not: from cron, a line on stderr is
		 * the only way the user learns that a source is dead. */
		clear_progress(ui);
		fprintf(stderr, "rumormill: crawl: %s: %s: %s%s\n", ev->source,
			ev->url, ev->outcome, cli_fetch_hint(ev->outcome));
		return;
	case CRAWL_EVENT_PROGRESS:
		if (!ui->progress)
			return;
		fprintf(stderr,
			"\r\033[Kcrawl: %lld fetched, %lld not modified, "
			"%lld failed, %lld stored, %zu waiting",
			p->fetched, p->not_modified, p->failed, p->stored,
			ev->waiting);
		ui->shown = true;
		return;
	}
}

struct report {
	struct table *t;
};

static int
add_rumor(const struct crawlstate_rumor *r, void *arg)
{
	struct report *rep = arg;
	struct buf v;
	const char *cells[6];
	char n[24];

	buf_init(&v, 4096);
	buf_append_str(&v, r->value);
	if (r->qualifier && *r->qualifier)
		buf_printf(&v, " (%s)", r->qualifier);
	snprintf(n, sizeof(n), "%ld", r->sources);
	cells[0] = r->is_new ? "new" : "more";
	cells[1] = r->device;
	cells[2] = r->attribute;
	cells[3] = buf_str(&v);
	cells[4] = r->last_seen;
	cells[5] = n;
	table_add_row(rep->t, cells);
	buf_free(&v);
	return 0;
}

/* The summary, per-source trouble and the new rumors, on stdout. */
static int
report(struct store *st, const struct crawl_stats *s,
       const struct source *const *sources, size_t n)
{
	static const char *const headers[] = { "", "DEVICE", "ATTRIBUTE",
					       "VALUE", "LAST SEEN",
					       "SOURCES" };
	const struct crawlstate_counts *p = &s->pages;
	struct crawlstate *cs = NULL;
	struct report rep = { NULL };
	int rc;

	printf("crawl: %lld source%s; %lld pages fetched, %lld not modified, "
	       "%lld unchanged, %lld failed, %lld skipped; %lld articles "
	       "stored; %lld new rumors, %lld with more sources\n",
	       s->sources, s->sources == 1 ? "" : "s", p->fetched,
	       p->not_modified, p->unchanged, p->failed, p->skipped,
	       p->stored, s->new_rumors, s->changed_rumors);
	if (log_get_level() >= LOG_VERBOSE)
		/* Which part held the run up: the fetch loop, the
		 * extraction workers or the database writer. */
		printf("crawl: %.1f s; CPU: fetching %.1f s, extracting "
		       "%.1f s (%u workers), storing %.1f s in %lld "
		       "batch%s (writing %.0f%% of the run)\n",
		       s->wall_s, s->fetch_cpu_s, s->extract_cpu_s,
		       s->workers, s->store_cpu_s, s->batches,
		       s->batches == 1 ? "" : "es",
		       s->wall_s > 0 ? 100 * s->store_busy_s / s->wall_s : 0);
	if (log_get_level() >= LOG_VERBOSE && s->round_trips > 0 && p->stored)
		printf("crawl: %lld round trips to the database server, "
		       "%.1f a stored article\n", s->round_trips,
		       (double)s->round_trips / (double)p->stored);
	rc = crawlstate_open(st, &cs);
	for (size_t i = 0; !rc && i < n; i++) {
		struct crawlstate_source_summary sum;

		if (crawlstate_source_summary(cs, sources[i]->name, &sum))
			continue;
		if (sum.last_run[0] && sum.last.failed)
			printf("  %s: %lld failed; last error: %s\n",
			       sources[i]->name, sum.last.failed,
			       sum.last_error ? sum.last_error : "?");
		free(sum.last_error);
	}
	if (!rc && s->new_rumors + s->changed_rumors > 0) {
		rep.t = table_new(6, headers);
		rc = crawlstate_changed_rumors(cs, s->run_id, add_rumor, &rep,
					       NULL, NULL);
		printf("\n");
		table_print(rep.t, stdout);
		table_free(rep.t);
	}
	crawlstate_close(cs);
	return rc;
}

/* Only the sources of this run appear in its per-source lines. */
static bool
in_run(const char *const *only, const char *name)
{
	if (!only)
		return true;
	for (size_t i = 0; only[i]; i++)
		if (strcmp(only[i], name) == 0)
			return true;
	return false;
}

int
cmd_crawl(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{ "source", required_argument, NULL, 's' },
		{ "allow-private", no_argument, NULL, 'p' },
		{ "wait", no_argument, NULL, 'w' },
		{ "revisit", no_argument, NULL, 'r' },
		{ "max-pages", required_argument, NULL, 'm' },
		{ "resolve", required_argument, NULL, 'R' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *only[ONLY_MAX + 1];
	size_t n_only = 0;
	struct cli_resolve resolve = { { NULL }, 0 };
	struct crawl_options opt;
	struct crawl_config cc;
	struct crawl_stats stats;
	struct store *st = NULL;
	struct ui ui = { false, false, false };
	bool wait = false;
	unsigned long long max_pages = 0;
	char *err = NULL;
	int c, rc, lock_fd = -1, status = EXIT_OK;

	memset(&opt, 0, sizeof(opt));
	while ((c = getopt_long(argc, argv, "hvq", options, NULL)) != -1) {
		switch (c) {
		case 's':
			if (n_only == ONLY_MAX) {
				fprintf(stderr, "rumormill: crawl: too many "
						"--source options\n");
				return EXIT_USAGE;
			}
			only[n_only++] = optarg;
			break;
		case 'p': opt.allow_private = true; break;
		case 'w': wait = true; break;
		case 'r': opt.revisit = true; break;
		case 'm':
			if (parse_uint(optarg, 1000000, &max_pages) != 0 ||
			    max_pages == 0) {
				fprintf(stderr, "rumormill: crawl: --max-pages: "
						"'%s' is not a number from 1 "
						"to 1000000\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'R':
			if (!cli_resolve_add(&resolve, optarg))
				return EXIT_USAGE;
			break;
		case 'v': log_set_level(LOG_VERBOSE); break;
		case 'q': log_set_level(LOG_QUIET); break;
		case 'h': crawl_usage(stdout); return EXIT_OK;
		default: crawl_usage(stderr); return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		crawl_usage(stderr);
		return EXIT_USAGE;
	}
	only[n_only] = NULL;
	status = cli_crawl_config(cli, NULL, &cc);
	if (status)
		goto out;
	if (!cli->db_explicit)
		cli_make_parent_dirs(cli->db_path);
	/* Crawls sharing a server divide the work through it instead. */
	rc = store_is_server(cli->db_path)
		     ? 0 : take_lock(cli->db_path, wait, &lock_fd);
	if (rc) {
		if (rc > 0 && log_get_level() >= LOG_NORMAL)
			fprintf(stderr, "rumormill: crawl: another crawl is "
					"running on %s; not starting (--wait "
					"waits for it)\n", cli->db_path);
		status = rc > 0 ? EXIT_OK : EXIT_FAIL;
		goto out;
	}
	if (!cli_lexicon_many(cli)) {
		status = EXIT_USAGE;
		goto out;
	}
	rc = store_open(cli->db_path, 0, &st, &err);
	if (rc) {
		fprintf(stderr, "rumormill: %s\n", err ? err : rm_strerror(rc));
		status = EXIT_FAIL;
		goto out;
	}
	store_set_claims(st, lexicon_claims(cli_lexicon(cli)));
	ui.verbose = log_get_level() >= LOG_VERBOSE;
	ui.progress = !ui.verbose && log_get_level() >= LOG_NORMAL &&
		      isatty(STDERR_FILENO);
	opt.settings = cc.settings;
	opt.sources = cc.sources;
	opt.lexicon = cli_lexicon(cli);
	opt.only = n_only ? only : NULL;
	opt.resolve = resolve.n ? resolve.v : NULL;
	opt.max_pages = (long long)max_pages;
	opt.on_event = on_event;
	opt.ctx = &ui;
	rc = crawl_run(st, &opt, &stats, &err);
	clear_progress(&ui);
	if (rc) {
		fprintf(stderr, "rumormill: crawl: %s\n",
			err ? err : rm_strerror(rc));
		status = rc == RM_ECONFIG ? EXIT_USAGE : EXIT_FAIL;
		goto out;
	}
	if (log_get_level() >= LOG_NORMAL &&
	    (isatty(STDOUT_FILENO) || ui.verbose || stats.new_rumors ||
	     stats.changed_rumors || stats.failing_sources)) {
		const struct source *v[SOURCES_MAX_FILES];
		size_t n = 0;

		for (size_t i = 0; i < cc.sources->n && i < SOURCES_MAX_FILES;
		     i++)
			if (in_run(opt.only, cc.sources->v[i]->name) &&
			    (opt.only || cc.sources->v[i]->enabled))
				v[n++] = cc.sources->v[i];
		if (report(st, &stats, v, n) != 0) {
			fprintf(stderr, "rumormill: crawl: %s\n",
				store_errmsg(st));
			status = EXIT_FAIL;
		}
	}
	if (stats.dead_sources > 0)
		status = EXIT_FAIL;
out:
	store_close(st);
	cli_crawl_config_free(&cc);
	if (lock_fd >= 0)
		close(lock_fd);
	free(err);
	fflush(stdout);
	return status;
}
