/*
 * One SQL connection, SQLite or PostgreSQL, behind the calls the store
 * makes: prepare, bind, step, read columns, reset.  The store's SQL is
 * written once, in the dialect both accept; for PostgreSQL, db_prepare
 * rewrites SQLite's parameters (?N, ?, :name) to $N and temp. to
 * pg_temp., and the schema adds the few SQLite functions the queries use
 * (docs/schema.md).  A statement's text that still differs (full-text
 * search, PRAGMAs) is chosen by the caller with db_kind().
 *
 * The shapes follow SQLite's own API on purpose: a statement is stepped
 * row by row (PostgreSQL's rows are fetched whole on the first step and
 * handed out one at a time), column text stays valid until the next
 * step or reset, and parameters stay bound until rebound or cleared.
 */
#ifndef RM_STORE_DB_H
#define RM_STORE_DB_H

#include <stdbool.h>
#include <stddef.h>

enum db_kind { DB_SQLITE, DB_POSTGRESQL };

/* db_step results; every other call returns DB_OK or DB_ERROR. */
enum { DB_OK = 0, DB_ERROR = 1, DB_ROW = 100, DB_DONE = 101 };

/* What went wrong, for the messages and retries callers make. */
enum db_failure {
	DB_FAIL_OTHER,
	DB_FAIL_BUSY,      /* locked, deadlock, serialization: retry */
	DB_FAIL_READONLY,
	DB_FAIL_FULL,
	DB_FAIL_IO,        /* disk I/O; errno in db_system_errno */
	DB_FAIL_CANTOPEN,
	DB_FAIL_NOTADB,    /* the file is not a database (SQLite) */
	DB_FAIL_CONNECT,   /* the server could not be reached */
};

struct db;
struct db_stmt;

enum db_open_flags {
	DB_OPEN_READONLY = 1 << 0,
};

/* Whether TARGET names a PostgreSQL database (postgres[ql]:// URI). */
bool db_target_is_postgresql(const char *target);

/*
 * Open TARGET: a file name (SQLite, created unless READONLY) or a
 * postgresql:// URI.  Always sets *OUT (db_errmsg tells why it failed;
 * db_close frees it).  Returns DB_OK or DB_ERROR.
 */
int db_open(const char *target, unsigned flags, struct db **out);
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);

/* Run one or more statements that return nothing. */
int db_exec(struct db *db, const char *sql);
/* Prepare one statement, kept for the connection's life. */
int db_prepare(struct db *db, const char *sql, struct db_stmt **out);
void db_finalize(struct db_stmt *s);

/*
 * Parameters count from 1, as in SQLite.  db_bind_text's TEXT (NULL
 * binds NULL) must stay valid until the statement is stepped and reset,
 * as SQLITE_STATIC asks; db_bind_textn and blobs are copied.
 */
int db_bind_int64(struct db_stmt *s, int idx, long long v);
int db_bind_double(struct db_stmt *s, int idx, double v);
int db_bind_text(struct db_stmt *s, int idx, const char *text);
int db_bind_textn(struct db_stmt *s, int idx, const char *text, size_t n);
int db_bind_blob(struct db_stmt *s, int idx, const void *p, size_t n);
int db_bind_null(struct db_stmt *s, int idx);
/* The index of parameter NAME (":limit"), 0 when it has none. */
int db_bind_index(struct db_stmt *s, const char *name);
int db_clear_bindings(struct db_stmt *s);

/* DB_ROW, DB_DONE or DB_ERROR. */
int db_step(struct db_stmt *s);
/* Ready the statement to run again; its bindings stay. */
int db_reset(struct db_stmt *s);

/*
 * Run S, a statement whose rows and counts nobody reads, and reset it:
 * DB_OK or DB_ERROR.  On a PostgreSQL connection in pipeline mode
 * (db_pipeline) it is only sent: the server runs the statements sent
 * in order while more follow, and their results are read at the next
 * statement that returns something, or db_pipeline.  A failure then
 * shows there, and the statements sent after it did not run, so use it
 * inside a transaction that a failure rolls back whole.
 */
int db_send(struct db_stmt *s);
/*
 * Start (ON) or end pipeline mode on DB: a writer's batch sends its
 * inserts without a round trip each.  Ending it reads what is pending:
 * DB_OK, or DB_ERROR with the first failure.  No effect on SQLite.
 */
int db_pipeline(struct db *db, bool on);

enum db_type { DB_TYPE_NULL, DB_TYPE_INT, DB_TYPE_FLOAT, DB_TYPE_TEXT,
	       DB_TYPE_BLOB };
/* What column I of the current row holds. */
enum db_type db_column_type(struct db_stmt *s, int i);
bool db_column_null(struct db_stmt *s, int i);
long long db_column_int64(struct db_stmt *s, int i);
double db_column_double(struct db_stmt *s, int i);
/* NULL for SQL NULL. */
const char *db_column_text(struct db_stmt *s, int i);
const void *db_column_blob(struct db_stmt *s, int i, size_t *n);

/* The last failure on DB: its message, kind and errno (SQLite I/O). */
const char *db_errmsg(const struct db *db);
enum db_failure db_failure(const struct db *db);
int db_system_errno(const struct db *db);
/* The file (SQLite) or database name (PostgreSQL) DB is connected to. */
const char *db_name(const struct db *db);
/* The times this side has waited for the server's answer (0 for
 * SQLite): what a crawl's speed depends on across a network. */
long long db_round_trips(const struct db *db);
/* Rows the last INSERT, UPDATE or DELETE changed. */
long long db_changes(const struct db *db);

/* The SQLite handle, for SQLite-only features (the backup API). */
struct sqlite3 *db_sqlite(struct db *db);

#endif
