#include "store/db.h"

#include <ctype.h>
#include <errno.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/xalloc.h"

/* PostgreSQL type oids (catalog/pg_type_d.h, stable across versions). */
#define OID_BYTEA 17
#define OID_INT8 20
#define OID_TEXT 25
#define OID_FLOAT8 701

/*
 * SQLite's BEGIN IMMEDIATE takes the database's one write lock at once;
 * on PostgreSQL a transaction-scoped advisory lock does the same, so
 * writers sharing a server (crawls on several machines) take turns as
 * on a file.  Each write transaction is short (a batch of pages); the
 * fetching and extraction between them run in parallel.  Readers are
 * never blocked.
 */
#define PG_BEGIN_WRITE "BEGIN; SELECT pg_advisory_xact_lock(1380796747)"

/* Statements sent ahead (db_send) before their results are read: a
 * few kilobytes of replies, far below what the socket holds, so the
 * server never waits for this side to read. */
#define PG_PIPELINE_MAX 256
/* Parameters a statement may have: far above any the store writes. */
#define DB_PARAMS_MAX 64
#define DB_ERR_MAX 512

struct db {
	enum db_kind kind;
	sqlite3 *lite;
	PGconn *pg;
	unsigned flags;
	unsigned next_stmt;        /* PostgreSQL statement names: s1, s2... */
	bool pipelined;            /* db_pipeline: db_send does not wait */
	int pending;               /* sent, results not yet read */
	long long round_trips;     /* times this side waited for the server */
	const char *pending_sql[PG_PIPELINE_MAX];
	long long changes;
	enum db_failure failure;
	char err[DB_ERR_MAX];
};

struct pg_param {
	char *value;       /* NULL for SQL NULL */
	int len;
	int binary;        /* blobs go as bytea, binary */
	unsigned type;     /* an oid, 0 to let the server infer it */
};

struct db_stmt {
	struct db *db;
	sqlite3_stmt *lite;
	/* PostgreSQL: the rewritten text, prepared at the first step with
	 * the types then bound. */
	char *sql;
	char name[16];
	bool prepared;
	bool exec_only;	/* several statements, no parameters: PQexec */
	int nparams;
	char *names[DB_PARAMS_MAX]; /* :name of each index, or NULL */
	struct pg_param params[DB_PARAMS_MAX];
	PGresult *res;
	int row, rows;
	unsigned char *blob; /* the last column_blob, unescaped */
};

static int
fail(struct db *db, enum db_failure why, const char *msg)
{
	size_t n = strlen(msg);

	/* libpq's messages end in a newline (sometimes with a DETAIL). */
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	snprintf(db->err, sizeof(db->err), "%.*s", (int)n, msg);
	/* One line: libpq continues a message on a new, indented line. */
	for (char *p = db->err; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	db->failure = why;
	return DB_ERROR;
}

static int
fail_lite(struct db *db)
{
	enum db_failure why;

	switch (sqlite3_errcode(db->lite) & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED: why = DB_FAIL_BUSY; break;
	case SQLITE_READONLY: why = DB_FAIL_READONLY; break;
	case SQLITE_FULL: why = DB_FAIL_FULL; break;
	case SQLITE_IOERR: why = DB_FAIL_IO; break;
	case SQLITE_PERM:
	case SQLITE_CANTOPEN: why = DB_FAIL_CANTOPEN; break;
	case SQLITE_NOTADB: why = DB_FAIL_NOTADB; break;
	default: why = DB_FAIL_OTHER; break;
	}
	return fail(db, why, sqlite3_errmsg(db->lite));
}

static int
fail_pg(struct db *db, const PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE)
				: NULL;
	enum db_failure why = DB_FAIL_OTHER;

	if (PQstatus(db->pg) != CONNECTION_OK)
		why = DB_FAIL_CONNECT;
	else if (state && (!strcmp(state, "40001") || !strcmp(state, "40P01") ||
			   !strcmp(state, "55P03")))
		why = DB_FAIL_BUSY;
	else if (state && !strcmp(state, "25006"))
		why = DB_FAIL_READONLY;
	else if (state && !strcmp(state, "53100"))
		why = DB_FAIL_FULL;
	return fail(db, why, res ? PQresultErrorMessage(res)
				 : PQerrorMessage(db->pg));
}

bool
db_target_is_postgresql(const char *target)
{
	return !strncmp(target, "postgresql://", 13) ||
	       !strncmp(target, "postgres://", 11);
}

/* Server notices ("relation already exists, skipping") are not ours to
 * print. */
static void
drop_notice(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

int
db_open(const char *target, unsigned flags, struct db **out)
{
	struct db *db = xcalloc(1, sizeof(*db));

	*out = db;
	db->flags = flags;
	if (db_target_is_postgresql(target)) {
		db->kind = DB_POSTGRESQL;
		db->pg = PQconnectdb(target);
		if (!db->pg)
			return fail(db, DB_FAIL_CONNECT, "out of memory");
		if (PQstatus(db->pg) != CONNECTION_OK)
			return fail(db, DB_FAIL_CONNECT,
				    PQerrorMessage(db->pg));
		PQsetNoticeProcessor(db->pg, drop_notice, NULL);
		if (PQsetClientEncoding(db->pg, "UTF8"))
			return fail_pg(db, NULL);
		if (flags & DB_OPEN_READONLY)
			return db_exec(db, "SET SESSION CHARACTERISTICS AS"
					   " TRANSACTION READ ONLY");
		return DB_OK;
	}
	db->kind = DB_SQLITE;
	int oflags = (flags & DB_OPEN_READONLY)
			     ? SQLITE_OPEN_READONLY
			     : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(target, &db->lite, oflags | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		if (!db->lite)
			return fail(db, DB_FAIL_OTHER, "out of memory");
		fail_lite(db);
		if (db->failure != DB_FAIL_CANTOPEN)
			db->failure = DB_FAIL_OTHER;
		return DB_ERROR;
	}
	sqlite3_extended_result_codes(db->lite, 1);
	return DB_OK;
}

void
db_close(struct db *db)
{
	if (!db)
		return;
	sqlite3_close(db->lite);
	if (db->pg)
		PQfinish(db->pg);
	free(db);
}

enum db_kind
db_kind(const struct db *db)
{
	return db->kind;
}

const char *
db_errmsg(const struct db *db)
{
	return db->err;
}

enum db_failure
db_failure(const struct db *db)
{
	return db->failure;
}

int
db_system_errno(const struct db *db)
{
	return db->lite ? sqlite3_system_errno(db->lite) : 0;
}

const char *
db_name(const struct db *db)
{
	if (db->lite)
		return sqlite3_db_filename(db->lite, "main");
	return db->pg ? PQdb(db->pg) : "";
}

long long
db_round_trips(const struct db *db)
{
	return db->round_trips;
}

long long
db_changes(const struct db *db)
{
	return db->lite ? sqlite3_changes64(db->lite) : db->changes;
}

struct sqlite3 *
db_sqlite(struct db *db)
{
	return db->lite;
}

/* Take a command's result: DB_OK, or DB_ERROR with the message. */
static int
pg_result(struct db *db, PGresult *res)
{
	ExecStatusType st = PQresultStatus(res);
	int rc = DB_OK;

	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		db->changes = strtoll(PQcmdTuples(res), NULL, 10);
	else
		rc = fail_pg(db, res);
	PQclear(res);
	return rc;
}

/*
 * SQLite's statement text in PostgreSQL's words: parameters ?N, ? and
 * :name become $N (a name keeps the index it first got, as in SQLite),
 * "temp." becomes "pg_temp.", CROSS JOIN (SQLite's order hint, with
 * an ON) is JOIN, and BEGIN IMMEDIATE is BEGIN.  String
 * literals and quoted names are copied as they are.
 */
static int
pg_rewrite(struct db_stmt *s, const char *sql)
{
	struct buf out;
	const char *p = sql;
	int next = 0;

	buf_init(&out, strlen(sql) * 2 + 64);
	if (!strncmp(p, "BEGIN IMMEDIATE", 15)) {
		buf_append_str(&out, PG_BEGIN_WRITE);
		s->exec_only = true;
		p += 15;
	}
	while (*p) {
		unsigned char c = (unsigned char)*p;
		int idx = 0;

		if (c == '\'' || c == '"') {
			const char *q = p + 1;

			while (*q && !(*q == (char)c && q[1] != (char)c))
				q += (*q == (char)c) ? 2 : 1;
			if (*q)
				q++;
			buf_append(&out, p, (size_t)(q - p));
			p = q;
			continue;
		}
		if (c == '?') {
			p++;
			if (isdigit((unsigned char)*p))
				idx = (int)strtol(p, (char **)&p, 10);
			else
				idx = next + 1;
		} else if (c == ':' && p[1] == ':') {
			buf_append(&out, p, 2); /* a PostgreSQL cast */
			p += 2;
			continue;
		} else if (c == ':' && (isalpha((unsigned char)p[1]) ||
					p[1] == '_')) {
			const char *q = p + 1;

			while (isalnum((unsigned char)*q) || *q == '_')
				q++;
			for (int i = 1; i <= s->nparams; i++)
				if (s->names[i - 1] &&
				    strlen(s->names[i - 1]) == (size_t)(q - p) &&
				    !strncmp(s->names[i - 1], p,
					     (size_t)(q - p)))
					idx = i;
			if (!idx) {
				idx = s->nparams + 1;
				if (idx <= DB_PARAMS_MAX)
					s->names[idx - 1] = xstrndup(
						p, (size_t)(q - p));
			}
			p = q;
		} else if (!strncmp(p, "CROSS JOIN ", 11)) {
			/* SQLite's join-order hint; the ON stays valid. */
			buf_append_str(&out, "JOIN ");
			p += 11;
			continue;
		} else if (!strncasecmp(p, "temp.", 5) &&
			   (p == sql || !(isalnum((unsigned char)p[-1]) ||
					  p[-1] == '_'))) {
			buf_append_str(&out, "pg_temp.");
			p += 5;
			continue;
		} else {
			buf_append(&out, p, 1);
			p++;
			continue;
		}
		if (idx < 1 || idx > DB_PARAMS_MAX) {
			buf_free(&out);
			return DB_ERROR;
		}
		if (idx > next)
			next = idx;
		if (idx > s->nparams)
			s->nparams = idx;
		buf_printf(&out, "$%d", idx);
	}
	s->sql = buf_steal(&out);
	return DB_OK;
}

/*
 * Read the results of the statements sent ahead, in order, and leave
 * pipeline mode: DB_OK, or DB_ERROR with the first failure's message
 * (the statements after it were not run).  With LAST, the last one's
 * result is kept there for the caller.  A no-op when none are pending.
 */
static int
pg_sync_keep(struct db *db, PGresult **last)
{
	int rc = DB_OK, stmt = 0, turns = 0;

	if (!db->pg || PQpipelineStatus(db->pg) == PQ_PIPELINE_OFF)
		return DB_OK;
	db->round_trips++;
	if (!PQpipelineSync(db->pg)) {
		rc = fail_pg(db, NULL);
		goto out;
	}
	/* Each statement's result, then NULL; after a failure the rest
	 * come back aborted; the sync's own result ends it.  A connection
	 * that died gives up sooner. */
	while (turns++ < 2 * db->pending + 4) {
		PGresult *res = PQgetResult(db->pg);
		ExecStatusType st;

		if (!res) {
			stmt++;
			continue;
		}
		st = PQresultStatus(res);
		if (st == PGRES_PIPELINE_SYNC) {
			PQclear(res);
			break;
		}
		if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
			db->changes = strtoll(PQcmdTuples(res), NULL, 10);
			if (last && stmt == db->pending - 1 && rc == DB_OK) {
				*last = res;
				continue;
			}
		} else if (st != PGRES_PIPELINE_ABORTED && rc == DB_OK) {
			rc = fail_pg(db, res);
			if (stmt < db->pending) {
				size_t n = strlen(db->err);

				snprintf(db->err + n, sizeof(db->err) - n,
					 " (in: %.60s)", db->pending_sql[stmt]);
			}
		}
		PQclear(res);
	}
out:
	db->pending = 0;
	if (!PQexitPipelineMode(db->pg) && rc == DB_OK)
		rc = fail_pg(db, NULL);
	return rc;
}

static int
pg_sync(struct db *db)
{
	return pg_sync_keep(db, NULL);
}

/* S's bound parameters as libpq takes them. */
static void
pg_params(const struct db_stmt *s, const char *values[], int lens[],
	  int formats[])
{
	for (int i = 0; i < s->nparams; i++) {
		values[i] = s->params[i].value;
		lens[i] = s->params[i].len;
		formats[i] = s->params[i].binary;
	}
}

/* Send S, which has been prepared, after what is pending: its answer
 * comes back with theirs, in one round trip. */
static int
pg_send(struct db_stmt *s)
{
	struct db *db = s->db;
	const char *values[DB_PARAMS_MAX];
	int lens[DB_PARAMS_MAX], formats[DB_PARAMS_MAX];

	if (!PQpipelineStatus(db->pg) && !PQenterPipelineMode(db->pg))
		return fail_pg(db, NULL);
	pg_params(s, values, lens, formats);
	if (!PQsendQueryPrepared(db->pg, s->name, s->nparams, values, lens,
				 formats, 0))
		return fail_pg(db, NULL);
	db->pending_sql[db->pending++] = s->sql;
	return DB_OK;
}

int
db_pipeline(struct db *db, bool on)
{
	int rc = pg_sync(db);

	db->pipelined = on && db->pg;
	return rc;
}

int
db_exec(struct db *db, const char *sql)
{
	if (pg_sync(db))
		return DB_ERROR;
	if (db->lite) {
		if (sqlite3_exec(db->lite, sql, NULL, NULL, NULL) != SQLITE_OK)
			return fail_lite(db);
		return DB_OK;
	}
	if (!strncmp(sql, "BEGIN IMMEDIATE", 15))
		sql = PG_BEGIN_WRITE;
	db->round_trips++;
	return pg_result(db, PQexec(db->pg, sql));
}

int
db_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	struct db_stmt *s = xcalloc(1, sizeof(*s));

	s->db = db;
	*out = NULL;
	if (db->lite) {
		if (sqlite3_prepare_v3(db->lite, sql, -1,
				       SQLITE_PREPARE_PERSISTENT, &s->lite,
				       NULL) != SQLITE_OK) {
			free(s);
			return fail_lite(db);
		}
	} else if (pg_rewrite(s, sql)) {
		db_finalize(s);
		return fail(db, DB_FAIL_OTHER, "too many statement parameters");
	}
	*out = s;
	return DB_OK;
}

static void
pg_clear_result(struct db_stmt *s)
{
	PQclear(s->res);
	s->res = NULL;
	s->row = s->rows = 0;
	PQfreemem(s->blob);
	s->blob = NULL;
}

void
db_finalize(struct db_stmt *s)
{
	if (!s)
		return;
	if (s->lite) {
		sqlite3_finalize(s->lite);
	} else {
		pg_clear_result(s);
		if (s->prepared && s->db->pg) {
			char sql[32];

			snprintf(sql, sizeof(sql), "DEALLOCATE %s", s->name);
			PQclear(PQexec(s->db->pg, sql));
		}
		for (int i = 0; i < DB_PARAMS_MAX; i++) {
			free(s->params[i].value);
			free(s->names[i]);
		}
		free(s->sql);
	}
	free(s);
}

/* PostgreSQL parameter IDX, emptied for a new value; NULL when out of
 * range. */
static struct pg_param *
pg_param(struct db_stmt *s, int idx)
{
	struct pg_param *p;

	if (idx < 1 || idx > s->nparams)
		return NULL;
	p = &s->params[idx - 1];
	free(p->value);
	memset(p, 0, sizeof(*p));
	return p;
}

int
db_bind_int64(struct db_stmt *s, int idx, long long v)
{
	struct pg_param *p;
	char num[24];

	if (s->lite)
		return sqlite3_bind_int64(s->lite, idx, v) == SQLITE_OK
			       ? DB_OK : DB_ERROR;
	if (!(p = pg_param(s, idx)))
		return DB_ERROR;
	p->len = snprintf(num, sizeof(num), "%lld", v);
	p->value = xstrdup(num);
	p->type = OID_INT8;
	return DB_OK;
}

int
db_bind_double(struct db_stmt *s, int idx, double v)
{
	struct pg_param *p;
	char num[32];

	if (s->lite)
		return sqlite3_bind_double(s->lite, idx, v) == SQLITE_OK
			       ? DB_OK : DB_ERROR;
	if (!(p = pg_param(s, idx)))
		return DB_ERROR;
	p->len = snprintf(num, sizeof(num), "%.17g", v);
	p->value = xstrdup(num);
	p->type = OID_FLOAT8;
	return DB_OK;
}

int
db_bind_text(struct db_stmt *s, int idx, const char *text)
{
	struct pg_param *p;

	if (s->lite) {
		int rc = text ? sqlite3_bind_text(s->lite, idx, text, -1,
						  SQLITE_STATIC)
			      : sqlite3_bind_null(s->lite, idx);
		return rc == SQLITE_OK ? DB_OK : DB_ERROR;
	}
	if (!(p = pg_param(s, idx)))
		return DB_ERROR;
	if (text) {
		p->value = xstrdup(text);
		p->len = (int)strlen(text);
	}
	return DB_OK;
}

int
db_bind_textn(struct db_stmt *s, int idx, const char *text, size_t n)
{
	struct pg_param *p;

	if (n > INT32_MAX)
		return DB_ERROR;
	if (s->lite)
		return sqlite3_bind_text(s->lite, idx, text, (int)n,
					 SQLITE_TRANSIENT) == SQLITE_OK
			       ? DB_OK : DB_ERROR;
	if (!(p = pg_param(s, idx)))
		return DB_ERROR;
	p->value = xstrndup(text, n);
	p->len = (int)strlen(p->value);
	return DB_OK;
}

int
db_bind_blob(struct db_stmt *s, int idx, const void *data, size_t n)
{
	struct pg_param *p;

	if (s->lite)
		return sqlite3_bind_blob64(s->lite, idx, data, n,
					   SQLITE_TRANSIENT) == SQLITE_OK
			       ? DB_OK : DB_ERROR;
	if (n > INT32_MAX || !(p = pg_param(s, idx)))
		return DB_ERROR;
	p->value = xmalloc(n + 1);
	memcpy(p->value, data, n);
	p->len = (int)n;
	p->binary = 1;
	p->type = OID_BYTEA;
	return DB_OK;
}

int
db_bind_null(struct db_stmt *s, int idx)
{
	if (s->lite)
		return sqlite3_bind_null(s->lite, idx) == SQLITE_OK ? DB_OK
								     : DB_ERROR;
	return pg_param(s, idx) ? DB_OK : DB_ERROR;
}

int
db_bind_index(struct db_stmt *s, const char *name)
{
	if (s->lite)
		return sqlite3_bind_parameter_index(s->lite, name);
	for (int i = 0; i < s->nparams; i++)
		if (s->names[i] && !strcmp(s->names[i], name))
			return i + 1;
	return 0;
}

int
db_clear_bindings(struct db_stmt *s)
{
	if (s->lite)
		return sqlite3_clear_bindings(s->lite) == SQLITE_OK ? DB_OK
								     : DB_ERROR;
	for (int i = 1; i <= s->nparams; i++)
		pg_param(s, i);
	return DB_OK;
}

/*
 * Prepare S on the server with the types of its first bindings: ints
 * and doubles as such, text and NULL left for the server to infer from
 * where they stand (as it does for a quoted literal).  A parameter that
 * stands nowhere typed (only in "?2 IS NULL") is retried as text.
 */
static int
pg_prepare(struct db_stmt *s)
{
	Oid types[DB_PARAMS_MAX];
	PGresult *res;

	for (int i = 0; i < s->nparams; i++)
		types[i] = s->params[i].type;
	snprintf(s->name, sizeof(s->name), "s%u", ++s->db->next_stmt);
	s->db->round_trips++;
	res = PQprepare(s->db->pg, s->name, s->sql, s->nparams, types);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);

		/* indeterminate_datatype; ambiguous_parameter, which
		 * PostgreSQL 15 reports for the same case. */
		if (!state || (strcmp(state, "42P18") && strcmp(state, "42P08")))
			return pg_result(s->db, res);
		PQclear(res);
		for (int i = 0; i < s->nparams; i++)
			if (!types[i])
				types[i] = OID_TEXT;
		s->db->round_trips++;
		res = PQprepare(s->db->pg, s->name, s->sql, s->nparams, types);
	}
	if (pg_result(s->db, res))
		return DB_ERROR;
	s->prepared = true;
	return DB_OK;
}

int
db_step(struct db_stmt *s)
{
	const char *values[DB_PARAMS_MAX];
	int lens[DB_PARAMS_MAX], formats[DB_PARAMS_MAX];
	PGresult *res;

	if (s->lite) {
		int rc = sqlite3_step(s->lite);

		if (rc == SQLITE_ROW || rc == SQLITE_DONE)
			return rc == SQLITE_ROW ? DB_ROW : DB_DONE;
		return fail_lite(s->db);
	}
	if (s->res) {
		PQfreemem(s->blob);
		s->blob = NULL;
		return ++s->row < s->rows ? DB_ROW : DB_DONE;
	}
	/* Statements sent ahead: this one goes after them, and one round
	 * trip brings all their answers. */
	if (s->db->pending && s->prepared && !s->exec_only &&
	    s->db->pending < PG_PIPELINE_MAX) {
		res = NULL;
		if (pg_send(s) || pg_sync_keep(s->db, &res))
			return DB_ERROR;
		if (!res)
			return fail(s->db, DB_FAIL_OTHER, "no answer");
		s->res = res;
		s->rows = PQntuples(res);
		s->row = 0;
		return s->rows ? DB_ROW : DB_DONE;
	}
	if (pg_sync(s->db))
		return DB_ERROR;
	s->db->round_trips++;
	if (s->exec_only)
		return pg_result(s->db, PQexec(s->db->pg, s->sql)) ? DB_ERROR
								  : DB_DONE;
	if (!s->prepared && pg_prepare(s))
		return DB_ERROR;
	pg_params(s, values, lens, formats);
	res = PQexecPrepared(s->db->pg, s->name, s->nparams, values, lens,
			     formats, 0);
	switch (PQresultStatus(res)) {
	case PGRES_TUPLES_OK:
	case PGRES_COMMAND_OK:
		s->db->changes = strtoll(PQcmdTuples(res), NULL, 10);
		s->res = res;
		s->rows = PQntuples(res);
		s->row = 0;
		return s->rows ? DB_ROW : DB_DONE;
	default:
		fail_pg(s->db, res);
		PQclear(res);
		return DB_ERROR;
	}
}

int
db_send(struct db_stmt *s)
{
	struct db *db = s->db;
	int rc;

	if (!db->pipelined || s->exec_only) {
		rc = db_step(s);
		db_reset(s);
		return rc == DB_ROW || rc == DB_DONE ? DB_OK : DB_ERROR;
	}
	if (db->pending == PG_PIPELINE_MAX && pg_sync(db))
		return DB_ERROR;
	/* Preparing waits for its answer: not inside a pipeline. */
	if (!s->prepared && (pg_sync(db) || pg_prepare(s)))
		return DB_ERROR;
	return pg_send(s);
}

int
db_reset(struct db_stmt *s)
{
	if (s->lite)
		return sqlite3_reset(s->lite) == SQLITE_OK ? DB_OK : DB_ERROR;
	pg_clear_result(s);
	return DB_OK;
}

/* The text of column I in the current PostgreSQL row, NULL for NULL. */
static const char *
pg_value(struct db_stmt *s, int i)
{
	if (!s->res || s->row >= s->rows || i < 0 || i >= PQnfields(s->res) ||
	    PQgetisnull(s->res, s->row, i))
		return NULL;
	return PQgetvalue(s->res, s->row, i);
}

enum db_type
db_column_type(struct db_stmt *s, int i)
{
	if (s->lite) {
		switch (sqlite3_column_type(s->lite, i)) {
		case SQLITE_INTEGER: return DB_TYPE_INT;
		case SQLITE_FLOAT: return DB_TYPE_FLOAT;
		case SQLITE_BLOB: return DB_TYPE_BLOB;
		case SQLITE_NULL: return DB_TYPE_NULL;
		default: return DB_TYPE_TEXT;
		}
	}
	if (!pg_value(s, i))
		return DB_TYPE_NULL;
	switch (PQftype(s->res, i)) {
	case 16: /* bool, read as 0 or 1 */
	case 20:
	case 21:
	case 23: return DB_TYPE_INT;
	case 700:
	case 701:
	case 1700: return DB_TYPE_FLOAT;
	case OID_BYTEA: return DB_TYPE_BLOB;
	default: return DB_TYPE_TEXT;
	}
}

bool
db_column_null(struct db_stmt *s, int i)
{
	if (s->lite)
		return sqlite3_column_type(s->lite, i) == SQLITE_NULL;
	return pg_value(s, i) == NULL;
}

long long
db_column_int64(struct db_stmt *s, int i)
{
	const char *v;

	if (s->lite)
		return sqlite3_column_int64(s->lite, i);
	v = pg_value(s, i);
	if (!v)
		return 0;
	/* Comparisons are booleans in PostgreSQL, 0 and 1 in SQLite. */
	if (*v == 't' || *v == 'f')
		return *v == 't';
	if (strpbrk(v, ".eE"))
		return (long long)strtod(v, NULL);
	return strtoll(v, NULL, 10);
}

double
db_column_double(struct db_stmt *s, int i)
{
	const char *v;

	if (s->lite)
		return sqlite3_column_double(s->lite, i);
	v = pg_value(s, i);
	if (!v)
		return 0;
	if (*v == 't' || *v == 'f')
		return *v == 't';
	return strtod(v, NULL);
}

const char *
db_column_text(struct db_stmt *s, int i)
{
	if (s->lite)
		return (const char *)sqlite3_column_text(s->lite, i);
	return pg_value(s, i);
}

const void *
db_column_blob(struct db_stmt *s, int i, size_t *n)
{
	const char *v;

	if (s->lite) {
		const void *p = sqlite3_column_blob(s->lite, i);

		*n = (size_t)sqlite3_column_bytes(s->lite, i);
		return p;
	}
	*n = 0;
	v = pg_value(s, i);
	if (!v)
		return NULL;
	PQfreemem(s->blob);
	s->blob = PQunescapeBytea((const unsigned char *)v, n);
	return s->blob;
}
