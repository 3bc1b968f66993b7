#include "config/aliases.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ascii.h"
#include "common/buf.h"
#include "common/errors.h"
#include "common/xalloc.h"
#include "config/values.h"

/* A name: some letter or digit, no control characters, not too long. */
static const char *
name_problem(const char *s, size_t len)
{
	bool word = false;

	if (len == 0)
		return "is empty";
	if (len >= ALIAS_NAME_MAX)
		return "is too long";
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f)
			return "holds a control character";
		word |= ascii_isalnum(c) || c >= 0x80;
	}
	return word ? NULL : "has no letters or digits";
}

static void
parse_line(const char *path, int lineno, const char *line, size_t len,
	   struct alias_list *out, struct buf *errors, size_t *n_errors)
{
	const char *eq = memchr(line, '=', len), *a, *n, *why;
	size_t alen, nlen;

	if (!eq || memchr(eq + 1, '=', len - (size_t)(eq + 1 - line))) {
		cfg_error(errors, n_errors, path, lineno,
			  "expected \"ALIAS = DEVICE\" with one '='");
		return;
	}
	a = ascii_trim(line, (size_t)(eq - line), &alen);
	n = ascii_trim(eq + 1, len - (size_t)(eq + 1 - line), &nlen);
	if ((why = name_problem(a, alen))) {
		cfg_error(errors, n_errors, path, lineno, "the alias %s", why);
		return;
	}
	if ((why = name_problem(n, nlen))) {
		cfg_error(errors, n_errors, path, lineno, "the device name %s",
			  why);
		return;
	}
	if (out->n >= ALIASES_MAX) {
		cfg_error(errors, n_errors, path, lineno,
			  "more than %d aliases", ALIASES_MAX);
		return;
	}
	out->v = xreallocarray(out->v, out->n + 1, sizeof(*out->v));
	out->v[out->n].alias = xstrndup(a, alen);
	out->v[out->n++].name = xstrndup(n, nlen);
}

static int
load_file(const char *path, struct alias_list *out, struct buf *errors,
	  size_t *n_errors)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	size_t len;
	int lineno = 0;

	if (!f) {
		if (errno == ENOENT)
			return 0;
		cfg_error(errors, n_errors, path, 0, "%s", strerror(errno));
		return RM_EIO;
	}
	data = xmalloc(ALIASES_FILE_MAX + 1);
	len = fread(data, 1, ALIASES_FILE_MAX + 1, f);
	if (ferror(f) || len > ALIASES_FILE_MAX) {
		cfg_error(errors, n_errors, path, 0, "%s",
			  ferror(f) ? "read error" : "file too large");
		fclose(f);
		free(data);
		return len > ALIASES_FILE_MAX ? RM_ETOOLARGE : RM_EIO;
	}
	fclose(f);
	for (size_t pos = 0; pos < len;) {
		const char *line = data + pos, *nl;
		size_t ll, tl;
		const char *t;

		nl = memchr(line, '\n', len - pos);
		ll = nl ? (size_t)(nl - line) : len - pos;
		pos += ll + 1;
		lineno++;
		t = ascii_trim(line, ll, &tl);
		if (tl == 0 || t[0] == '#')
			continue;
		parse_line(path, lineno, t, tl, out, errors, n_errors);
	}
	free(data);
	return 0;
}

int
aliases_load(const char *const *paths, struct alias_list *out, char **err)
{
	struct buf errors;
	size_t n_errors = 0;
	int rc = 0;

	buf_init(&errors, 256 * 1024);
	for (size_t i = 0; paths && paths[i] && !rc; i++)
		rc = load_file(paths[i], out, &errors, &n_errors);
	if (!rc && n_errors)
		rc = RM_ECONFIG;
	if (rc) {
		cfg_errors_finish(&errors, n_errors);
		if (err)
			*err = buf_steal(&errors);
	}
	buf_free(&errors);
	return rc;
}

void
aliases_free(struct alias_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].alias);
		free(l->v[i].name);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
