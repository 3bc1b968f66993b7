/*
 * What the commands that read the database share: opening it, the
 * output format option, a rumor as JSON, confidence as text, and files
 * written whole or not at all.
 */
#ifndef RM_CLI_OUTPUT_H
#define RM_CLI_OUTPUT_H

#include <stdio.h>

#include <jansson.h>

#include "cli/cli.h"
#include "store/store.h"

enum out_format { OUT_TABLE, OUT_JSON, OUT_CSV };

/*
 * Parse --format ARG for command CMD into *OUT (CSV only when
 * ALLOW_CSV).  Prints a usage error and returns false when unknown.
 */
bool out_parse_format(const char *cmd, const char *arg, bool allow_csv,
		      enum out_format *out);

/* Open CLI's database read-only; prints the error and returns
 * EXIT_FAIL, else 0 with *ST. */
int out_open_db(struct cli *cli, struct store **st);

/* The device text a user typed, through the alias files: *RESOLVED is
 * what to look up (valid while L lives).  Returns 0 or EXIT_USAGE. */
int out_device_name(struct cli *cli, const char *text,
		    struct alias_list *l, const char **resolved);

/* Confidence as text: "0.83". */
#define OUT_CONF_SIZE 8
void out_confidence(double c, char out[OUT_CONF_SIZE]);

/*
 * A rumor row as a JSON object: device, brand, attribute, value,
 * qualifier, first_seen, last_seen, sources, independent_sources,
 * confidence, contested, first_source, first_url, created_at,
 * changed_at, urls.  New reference.
 */
json_t *out_rumor_json(const struct rumor_row *r);

/* A rumor's stable identity, a urn:uuid: built from its device,
 * attribute, value and qualifier, so it survives rebuilding the
 * database.  OUT holds OUT_UUID_SIZE bytes. */
#define OUT_UUID_SIZE 46
void out_rumor_uuid(const struct rumor_row *r, char out[OUT_UUID_SIZE]);

/*
 * Write a whole file atomically: out_atomic_open creates a temporary
 * file beside PATH (*TMP, caller frees), out_atomic_close flushes,
 * syncs and renames it over PATH, or removes it when FAILED or on any
 * error.  Only a regular file (or nothing) at PATH is replaced: a
 * symlink, FIFO, device node or directory there makes both fail.
 * PATH "-" is standard output (*TMP NULL), flushed by close.  Both
 * print their errors; close returns 0 or EXIT_FAIL.
 */
FILE *out_atomic_open(const char *path, char **tmp);
int out_atomic_close(FILE *f, char *tmp, const char *path, bool failed);

#endif
