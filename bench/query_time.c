/*
 * query_time: how long the reading commands take on a database made by
 * gen_store.  Each query kind runs on 200 names or words picked with a
 * fixed seed; the median and 90th percentile are printed with the
 * average number of rows.  Times are of the store calls the commands
 * make (rows handed to a callback, evidence read for `show`), and, when
 * the binary is given, of whole `rumormill` processes too.
 *
 *   query_time DB [RUMORMILL]
 */
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

#include <sqlite3.h>

#include "bench/xorshift.h"
#include "store/store.h"

#define RUNS 200
#define CLI_RUNS 50
#define NAMES 200

extern char **environ;

static uint64_t rng = 0x2545f4914f6cdd1dULL;

static uint64_t
next(void)
{
	return xorshift64(&rng);
}

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

struct names {
	char *v[NAMES];
	size_t n;
};

/* NAMES values of SQL's first column, rows picked at random. */
static void
pick(sqlite3 *db, const char *count_sql, const char *row_sql,
     struct names *out)
{
	sqlite3_stmt *s = NULL;
	long long n = 0;

	if (sqlite3_prepare_v2(db, count_sql, -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	out->n = 0;
	if (n <= 0 || sqlite3_prepare_v2(db, row_sql, -1, &s, NULL))
		return;
	while (out->n < NAMES) {
		sqlite3_bind_int64(s, 1, (long long)(next() % (uint64_t)n));
		if (sqlite3_step(s) == SQLITE_ROW)
			out->v[out->n++] =
				strdup((const char *)sqlite3_column_text(s, 0));
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
}

struct counter {
	struct store *st;
	long rows;
	int evidence; /* read each rumor's evidence, as show does */
};

static int
count_ev(const struct evidence_row *e, void *arg)
{
	(void)e;
	(void)arg;
	return 0;
}

static int
count_row(const struct rumor_row *r, void *arg)
{
	struct counter *c = arg;

	c->rows++;
	if (c->evidence)
		return store_rumor_evidence(c->st, r->id, count_ev, NULL);
	return 0;
}

enum kind { K_DEVICE, K_SINCE, K_CHIPSET, K_SEARCH, K_SEARCH_LIMIT, K_SHOW };

static void
report(const char *what, double *t, size_t n, long rows)
{
	qsort(t, n, sizeof(*t), cmp_double);
	printf("| %-44s | %8.2f ms | %8.2f ms | %7.1f |\n", what, t[n / 2],
	       t[n * 9 / 10], (double)rows / (double)n);
}

static int
time_kind(struct store *st, enum kind k, const struct names *names,
	  const char *what)
{
	double t[RUNS];
	long rows = 0;

	for (size_t i = 0; i < RUNS; i++) {
		const char *name = names->v[i % names->n];
		struct rumor_query q = { 0 };
		struct counter c = { st, 0, k == K_SHOW };
		double t0;

		switch (k) {
		case K_DEVICE: case K_SHOW: q.device = name; break;
		case K_SINCE: q.device = name; q.since = "2000"; break;
		case K_CHIPSET: q.chipset = name; break;
		case K_SEARCH: q.search = name; break;
		case K_SEARCH_LIMIT: q.search = name; q.limit = 20; break;
		}
		t0 = now_ms();
		if (store_query_rumors(st, &q, count_row, &c)) {
			fprintf(stderr, "query_time: %s\n", store_errmsg(st));
			return 1;
		}
		t[i] = now_ms() - t0;
		rows += c.rows;
	}
	report(what, t, RUNS, rows);
	return 0;
}

/*
 * Whole processes: `rumormill --db DB CMD [OPT] NAME`, output discarded.
 * Wall time depends on what else the machine runs; the CPU time (user
 * and system, from wait4) is reported beside it.
 */
static void
time_cli(const char *bin, const char *db, const char *cmd, const char *opt,
	 const struct names *names, const char *what)
{
	double t[CLI_RUNS], cpu[CLI_RUNS];
	posix_spawn_file_actions_t fa;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", 1, 0);
	for (size_t i = 0; i < CLI_RUNS; i++) {
		char *argv[8] = { (char *)bin, "--db", (char *)db, (char *)cmd };
		int a = 4, status = 0;
		struct rusage ru = { 0 };
		pid_t pid;
		double t0;

		if (opt)
			argv[a++] = (char *)opt;
		if (names)
			argv[a++] = names->v[i % names->n];
		argv[a] = NULL;
		t0 = now_ms();
		if (posix_spawn(&pid, bin, &fa, NULL, argv, environ) != 0 ||
		    wait4(pid, &status, 0, &ru) < 0)
			status = 1;
		t[i] = now_ms() - t0;
		cpu[i] = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) *
				 1e3 +
			 (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) /
				 1e3;
		if (status)
			fprintf(stderr, "query_time: %s failed\n", what);
	}
	posix_spawn_file_actions_destroy(&fa);
	qsort(t, CLI_RUNS, sizeof(*t), cmp_double);
	qsort(cpu, CLI_RUNS, sizeof(*cpu), cmp_double);
	printf("| %-44s | %8.2f ms | %8.2f ms |\n", what, t[CLI_RUNS / 2],
	       cpu[CLI_RUNS / 2]);
}

int
main(int argc, char **argv)
{
	struct names devices, chipsets, rare, common;
	struct store *st = NULL;
	sqlite3 *db = NULL;
	char *err = NULL;
	int rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: query_time DB [RUMORMILL]\n");
		return 2;
	}
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL)) {
		fprintf(stderr, "query_time: %s: %s\n", argv[1],
			sqlite3_errmsg(db));
		return 1;
	}
	pick(db, "SELECT max(id) FROM devices",
	     "SELECT name FROM devices WHERE id >= ?1 LIMIT 1", &devices);
	pick(db, "SELECT max(id) FROM chipsets",
	     "SELECT name FROM chipsets WHERE id >= ?1 LIMIT 1", &chipsets);
	/* Words by how many articles hold them, from the FTS index. */
	sqlite3_exec(db, "CREATE VIRTUAL TABLE temp.vocab USING"
			 " fts5vocab(main, articles_fts, row)",
		     NULL, NULL, NULL);
	pick(db, "SELECT count(*) FROM temp.vocab WHERE doc BETWEEN 20 AND 100",
	     "SELECT term FROM temp.vocab WHERE doc BETWEEN 20 AND 100"
	     " LIMIT 1 OFFSET ?1",
	     &rare);
	pick(db, "SELECT count(*) FROM temp.vocab WHERE doc BETWEEN 2000 AND"
		 " 10000",
	     "SELECT term FROM temp.vocab WHERE doc BETWEEN 2000 AND 10000"
	     " LIMIT 1 OFFSET ?1",
	     &common);
	sqlite3_close(db);
	if (!devices.n || !chipsets.n || !rare.n || !common.n) {
		fprintf(stderr, "query_time: %s: not a generated database\n",
			argv[1]);
		return 1;
	}
	if (store_open(argv[1], STORE_READONLY, &st, &err)) {
		fprintf(stderr, "query_time: %s\n", err);
		free(err);
		return 1;
	}
	printf("| query (%d runs each)                          | median "
	       "     | p90         | rows    |\n"
	       "|----------------------------------------------|----------"
	       "---|-------------|---------|\n",
	       RUNS);
	rc |= time_kind(st, K_DEVICE, &devices, "query --device (full name)");
	rc |= time_kind(st, K_SINCE, &devices, "query --device --since");
	rc |= time_kind(st, K_CHIPSET, &chipsets, "query --chipset");
	rc |= time_kind(st, K_SHOW, &devices, "show (rumors and their evidence)");
	rc |= time_kind(st, K_SEARCH, &rare,
			"query --search (word in 20-100 articles)");
	rc |= time_kind(st, K_SEARCH_LIMIT, &common,
			"query --search --limit 20 (in 2-10k articles)");
	store_close(st);
	if (argc > 2 && !rc) {
		printf("\nWhole processes (%d runs each, output to /dev/null):"
		       "\n\n| command                                      | "
		       "median wall | median CPU  |\n|--------------------"
		       "--------------------------|-------------|----------"
		       "---|\n",
		       CLI_RUNS);
		time_cli(argv[2], argv[1], "--version", NULL, NULL,
			 "rumormill --version (start-up alone)");
		time_cli(argv[2], argv[1], "query", "--device", &devices,
			 "rumormill query --device NAME");
		time_cli(argv[2], argv[1], "query", "--chipset", &chipsets,
			 "rumormill query --chipset NAME");
		time_cli(argv[2], argv[1], "show", NULL, &devices,
			 "rumormill show NAME");
		time_cli(argv[2], argv[1], "query", "--search", &rare,
			 "rumormill query --search WORD");
	}
	for (size_t i = 0; i < devices.n; i++)
		free(devices.v[i]);
	for (size_t i = 0; i < chipsets.n; i++)
		free(chipsets.v[i]);
	for (size_t i = 0; i < rare.n; i++)
		free(rare.v[i]);
	for (size_t i = 0; i < common.n; i++)
		free(common.v[i]);
	return rc;
}
