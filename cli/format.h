/*
 * Text output formats: aligned tables for a terminal and RFC 4180 CSV.
 */
#ifndef RM_FORMAT_H
#define RM_FORMAT_H

#include <stddef.h>
#include <stdio.h>

struct table;

/* A table with NCOLS columns titled HEADERS (copied). */
struct table *table_new(size_t ncols, const char *const *headers);
/* Add a row of NCOLS cells (copied; NULL prints empty). */
void table_add_row(struct table *t, const char *const *cells);
size_t table_rows(const struct table *t);
/*
 * Print with columns padded to their widest cell (in characters, not
 * bytes); the last column is not padded.  Control characters in cells
 * are shown as spaces so a hostile title cannot move the cursor.
 */
void table_print(const struct table *t, FILE *out);
void table_free(struct table *t);

/* One CSV record (RFC 4180: quoted when needed, CRLF ending). */
void csv_write_record(FILE *out, size_t n, const char *const *fields);

#endif
