/*
 * Configuration values and key tables, shared by the source files
 * (sources.c) and rumormill.conf (settings.c).
 *
 * Each file format describes its keys once, in a table of struct
 * cfg_key (after redis's createIntConfig): name, type, default, bounds,
 * where the value lives in the target struct, and a help line.  Parsing,
 * range checks, defaults and the documentation printed by cfg_describe
 * all come from that table.  The INI reader walks a file held in memory,
 * counting lines itself so that every error, not just inih's first,
 * names its FILE:LINE.
 */
#ifndef RM_CONFIG_VALUES_H
#define RM_CONFIG_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "common/buf.h"

/* Largest configuration file read.  Lines are limited by inih's buffer
 * (198 bytes in the packaged library); longer ones are errors. */
#define CFG_FILE_MAX (64 * 1024)
/* Most errors collected before the rest are summarised as "...". */
#define CFG_ERRORS_MAX 100

enum cfg_type {
	CFG_INT,      /* long long */
	CFG_FLOAT,    /* double: "1", "0.5" */
	CFG_BOOL,     /* bool: yes/no, true/false, on/off, 1/0 */
	CFG_DURATION, /* long long milliseconds: "500ms", "2s", "30m", "1h",
			 "1d", "0" */
	CFG_SIZE,     /* long long bytes: "512", "64k", "5M", "1G" (KiB...) */
	CFG_STRING,   /* char *, malloc'd; freed by cfg_free */
	CFG_CUSTOM,   /* parsed by the key's own function */
};

struct cfg_key;

/* Parse VALUE for key K into OBJ; on error append a message to ERR and
 * return RM_ECONFIG. */
typedef int (*cfg_custom_fn)(const struct cfg_key *k, void *obj,
			     const char *value, struct buf *err);

struct cfg_key {
	const char *name;
	enum cfg_type type;
	const char *def;   /* default as it would be written, or NULL */
	double min, max;   /* inclusive bounds (ms, bytes) when min < max */
	size_t offset;	   /* of the value in the target struct */
	cfg_custom_fn custom;
	bool repeatable;   /* may appear more than once */
	const char *help;
};

/* Parsers for single values; 0 or RM_EINVAL.  Whole string, no spaces. */
int cfg_parse_bool(const char *s, bool *out);
int cfg_parse_int(const char *s, long long *out);
int cfg_parse_float(const char *s, double *out);
int cfg_parse_duration(const char *s, long long *ms);
int cfg_parse_size(const char *s, long long *bytes);

/* The key called NAME in the N-entry table KEYS, or NULL. */
const struct cfg_key *cfg_find(const struct cfg_key *keys, size_t n,
			       const char *name);

/*
 * Parse VALUE as key K's type, check its bounds and store it in OBJ.
 * Returns 0, or RM_ECONFIG with a message ("max_pages: 0 is below the
 * minimum 1") appended to ERR.
 */
int cfg_apply(const struct cfg_key *k, void *obj, const char *value,
	      struct buf *err);

/* Store every key's default in OBJ (keys without one are left alone). */
void cfg_defaults(const struct cfg_key *keys, size_t n, void *obj);

/* Free the CFG_STRING values of OBJ. */
void cfg_free(const struct cfg_key *keys, size_t n, void *obj);

/* Print one commented block per key: help, bounds and "name = default". */
void cfg_describe(const struct cfg_key *keys, size_t n, FILE *out);

/*
 * Read the INI file PATH (at most CFG_FILE_MAX bytes) into OBJ, whose
 * keys are KEYS[0..N) and all live in [SECTION].  Every problem is
 * appended to ERRORS as "PATH:LINE: message" and counted in *N_ERRORS:
 * malformed and over-long lines, keys outside SECTION or unknown, keys
 * set twice (unless repeatable), values cfg_apply rejects.  Returns 0
 * (even with errors in the file: see *N_ERRORS), or RM_EIO /
 * RM_ETOOLARGE when the file could not be read at all.
 */
int cfg_load_file(const char *path, const char *section,
		  const struct cfg_key *keys, size_t n, void *obj,
		  struct buf *errors, size_t *n_errors);

/* Append "PATH:LINE: MESSAGE\n" to ERRORS and count it in *N_ERRORS
 * (past CFG_ERRORS_MAX, messages are counted but not kept). */
void cfg_error(struct buf *errors, size_t *n_errors, const char *path,
	       int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Close an error list: say how many errors past CFG_ERRORS_MAX were
 * left out. */
void cfg_errors_finish(struct buf *errors, size_t n_errors);

#endif
