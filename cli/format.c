#include "cli/format.h"

#include <stdlib.h>
#include <string.h>

#include "common/utf8.h"
#include "common/xalloc.h"

struct table {
	size_t ncols;
	size_t nrows, cap; /* rows, not counting the header */
	char **cells;      /* (nrows + 1) * ncols, header first */
	size_t *width;
};

/* Copy S with control characters turned into spaces. */
static char *
cell_copy(const char *s)
{
	char *c = xstrdup(s ? s : "");

	for (char *p = c; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return c;
}

static void
table_put_row(struct table *t, const char *const *cells)
{
	size_t stored = t->nrows + 1; /* the header is row 0 */

	if (stored > t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->cells = xreallocarray(t->cells, t->cap * t->ncols,
					 sizeof(*t->cells));
	}
	for (size_t i = 0; i < t->ncols; i++) {
		char *c = cell_copy(cells[i]);
		size_t w = utf8_width(c);

		t->cells[(stored - 1) * t->ncols + i] = c;
		if (w > t->width[i])
			t->width[i] = w;
	}
}

struct table *
table_new(size_t ncols, const char *const *headers)
{
	struct table *t = xcalloc(1, sizeof(*t));

	t->ncols = ncols;
	t->width = xcalloc(ncols, sizeof(*t->width));
	table_put_row(t, headers);
	return t;
}

void
table_add_row(struct table *t, const char *const *cells)
{
	t->nrows++;
	table_put_row(t, cells);
}

size_t
table_rows(const struct table *t)
{
	return t->nrows;
}

void
table_print(const struct table *t, FILE *out)
{
	for (size_t r = 0; r <= t->nrows; r++) {
		for (size_t i = 0; i < t->ncols; i++) {
			const char *c = t->cells[r * t->ncols + i];

			fputs(c, out);
			if (i + 1 < t->ncols) {
				size_t pad = t->width[i] - utf8_width(c) + 2;

				while (pad--)
					fputc(' ', out);
			}
		}
		fputc('\n', out);
	}
}

void
table_free(struct table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < (t->nrows + 1) * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->width);
	free(t);
}

void
csv_write_record(FILE *out, size_t n, const char *const *fields)
{
	for (size_t i = 0; i < n; i++) {
		const char *f = fields[i] ? fields[i] : "";

		if (i)
			fputc(',', out);
		if (strpbrk(f, ",\"\r\n")) {
			fputc('"', out);
			for (; *f; f++) {
				if (*f == '"')
					fputc('"', out);
				fputc(*f, out);
			}
			fputc('"', out);
		} else {
			fputs(f, out);
		}
	}
	fputs("\r\n", out);
}
