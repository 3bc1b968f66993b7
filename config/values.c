/*
 * Configuration values: parsing, bounds, defaults and the INI reader.
 * Numbers are parsed by hand, never with strtod/atoi, so the locale and
 * trailing junk cannot change what a file means.
 */
#include "config/values.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "common/ascii.h"
#include "common/errors.h"
#include "common/xalloc.h"

struct unit {
	const char *name;
	long long scale;
};

static const struct unit duration_units[] = {
	{ "ms", 1 },	     { "s", 1000 },	  { "m", 60000 },
	{ "h", 3600000 },    { "d", 86400000 },
};

static const struct unit size_units[] = {
	{ "", 1 },	      { "b", 1 },	    { "k", 1LL << 10 },
	{ "kb", 1LL << 10 },  { "kib", 1LL << 10 }, { "m", 1LL << 20 },
	{ "mb", 1LL << 20 },  { "mib", 1LL << 20 }, { "g", 1LL << 30 },
	{ "gb", 1LL << 30 },  { "gib", 1LL << 30 },
};

int
cfg_parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (ascii_casecmp(s, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (ascii_casecmp(s, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return RM_EINVAL;
}

int
cfg_parse_int(const char *s, long long *out)
{
	unsigned long long v;
	bool neg = s[0] == '-';

	if (parse_uint(s + neg, LLONG_MAX, &v) != 0)
		return RM_EINVAL;
	*out = neg ? -(long long)v : (long long)v;
	return 0;
}

int
cfg_parse_float(const char *s, double *out)
{
	double v = 0, scale = 1;
	bool neg = s[0] == '-', digits = false;
	int n = 0;

	s += neg;
	for (; ascii_isdigit((unsigned char)*s) && n < 15; s++, n++) {
		v = v * 10 + (*s - '0');
		digits = true;
	}
	if (*s == '.')
		for (s++; ascii_isdigit((unsigned char)*s) && n < 15; s++, n++) {
			scale /= 10;
			v += (*s - '0') * scale;
			digits = true;
		}
	if (!digits || *s)
		return RM_EINVAL;
	*out = neg ? -v : v;
	return 0;
}

/* An integer followed by one of UNITS (case-insensitive). */
static int
parse_with_unit(const char *s, const struct unit *units, size_t n_units,
		bool unit_required, long long *out)
{
	unsigned long long v = 0;
	size_t i = 0;

	if (!ascii_isdigit((unsigned char)s[0]))
		return RM_EINVAL;
	for (; ascii_isdigit((unsigned char)s[i]); i++) {
		if (v > (unsigned long long)LLONG_MAX / 10)
			return RM_EINVAL;
		v = v * 10 + (unsigned long long)(s[i] - '0');
	}
	/* "0" means nothing whatever the unit. */
	if (s[i] == '\0' && (v == 0 || !unit_required)) {
		*out = (long long)v;
		return 0;
	}
	for (size_t u = 0; u < n_units; u++) {
		if (ascii_casecmp(s + i, units[u].name) != 0)
			continue;
		if (v > (unsigned long long)(LLONG_MAX / units[u].scale))
			return RM_EINVAL;
		*out = (long long)v * units[u].scale;
		return 0;
	}
	return RM_EINVAL;
}

int
cfg_parse_duration(const char *s, long long *ms)
{
	return parse_with_unit(s, duration_units,
			       sizeof(duration_units) / sizeof(duration_units[0]),
			       true, ms);
}

int
cfg_parse_size(const char *s, long long *bytes)
{
	return parse_with_unit(s, size_units,
			       sizeof(size_units) / sizeof(size_units[0]),
			       false, bytes);
}

const struct cfg_key *
cfg_find(const struct cfg_key *keys, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

/* V (in the key's storage unit) as a person would write it. */
static void
format_value(enum cfg_type type, double v, char *out, size_t len)
{
	static const struct unit dur[] = { { "d", 86400000 },
					   { "h", 3600000 },
					   { "m", 60000 },
					   { "s", 1000 } };
	static const struct unit size[] = { { "G", 1LL << 30 },
					    { "M", 1LL << 20 },
					    { "k", 1LL << 10 } };
	const struct unit *units = NULL;
	size_t n = 0;
	long long iv;

	/* Past what a long long holds the conversion is undefined. */
	if (!(v > -9e18 && v < 9e18)) {
		snprintf(out, len, "%g", v);
		return;
	}
	iv = (long long)v;
	if (type == CFG_DURATION) {
		units = dur;
		n = sizeof(dur) / sizeof(dur[0]);
	} else if (type == CFG_SIZE) {
		units = size;
		n = sizeof(size) / sizeof(size[0]);
	} else if (type == CFG_FLOAT) {
		snprintf(out, len, "%g", v);
		return;
	}
	if (iv == 0) {
		snprintf(out, len, "0");
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (iv % units[i].scale == 0) {
			snprintf(out, len, "%lld%s", iv / units[i].scale,
				 units[i].name);
			return;
		}
	snprintf(out, len, "%lld%s", iv, type == CFG_DURATION ? "ms" : "");
}

static const char *
type_hint(enum cfg_type type)
{
	switch (type) {
	case CFG_INT: return "a whole number";
	case CFG_FLOAT: return "a number like 1 or 0.5";
	case CFG_BOOL: return "yes or no";
	case CFG_DURATION: return "a duration like 500ms, 30s, 10m, 1h, 1d";
	case CFG_SIZE: return "a size like 512k, 5M, 1G";
	case CFG_STRING:
	case CFG_CUSTOM: break;
	}
	return "valid";
}

/* V, parsed from TEXT, within K's range; else an error quoting TEXT. */
static int
check_bounds(const struct cfg_key *k, double v, const char *text,
	     struct buf *err)
{
	char lim[32];

	if (k->min >= k->max || (v >= k->min && v <= k->max))
		return 0;
	format_value(k->type, v < k->min ? k->min : k->max, lim, sizeof(lim));
	buf_printf(err, "%s: %s is %s the %s %s", k->name, text,
		   v < k->min ? "below" : "above",
		   v < k->min ? "minimum" : "maximum", lim);
	return RM_ECONFIG;
}

int
cfg_apply(const struct cfg_key *k, void *obj, const char *value,
	  struct buf *err)
{
	char *field = (char *)obj + k->offset;
	long long iv = 0;
	double dv = 0;
	bool bv = false;
	int rc;

	switch (k->type) {
	case CFG_CUSTOM:
		return k->custom(k, obj, value, err);
	case CFG_STRING:
		free(*(char **)field);
		*(char **)field = xstrdup(value);
		return 0;
	case CFG_BOOL:
		rc = cfg_parse_bool(value, &bv);
		break;
	case CFG_INT:
		rc = cfg_parse_int(value, &iv);
		dv = (double)iv;
		break;
	case CFG_FLOAT:
		rc = cfg_parse_float(value, &dv);
		break;
	case CFG_DURATION:
		rc = cfg_parse_duration(value, &iv);
		dv = (double)iv;
		break;
	case CFG_SIZE:
		rc = cfg_parse_size(value, &iv);
		dv = (double)iv;
		break;
	default:
		rc = RM_EINVAL;
	}
	if (rc) {
		buf_printf(err, "%s: \"%s\" is not %s", k->name, value,
			   type_hint(k->type));
		return RM_ECONFIG;
	}
	if (k->type != CFG_BOOL && check_bounds(k, dv, value, err) != 0)
		return RM_ECONFIG;
	if (k->type == CFG_BOOL)
		*(bool *)field = bv;
	else if (k->type == CFG_FLOAT)
		*(double *)field = dv;
	else
		*(long long *)field = iv;
	return 0;
}

void
cfg_defaults(const struct cfg_key *keys, size_t n, void *obj)
{
	struct buf err;

	buf_init(&err, 512);
	for (size_t i = 0; i < n; i++) {
		if (!keys[i].def)
			continue;
		/* A default that does not parse is a bug in the table. */
		if (cfg_apply(&keys[i], obj, keys[i].def, &err) != 0) {
			fprintf(stderr, "bad default: %s\n", buf_str(&err));
			abort();
		}
	}
	buf_free(&err);
}

void
cfg_free(const struct cfg_key *keys, size_t n, void *obj)
{
	for (size_t i = 0; i < n; i++) {
		char **field = (char **)((char *)obj + keys[i].offset);

		if (keys[i].type != CFG_STRING)
			continue;
		free(*field);
		*field = NULL;
	}
}

/* Write TEXT as "; " comment lines of at most 78 columns. */
static void
write_wrapped(FILE *out, const char *text)
{
	size_t col = 0;

	while (*text) {
		size_t word = strcspn(text, " ");

		if (col > 0 && col + 1 + word > 76) {
			fputc('\n', out);
			col = 0;
		}
		fprintf(out, "%s%.*s", col ? " " : "; ", (int)word, text);
		col += word + (col ? 1 : 2);
		text += word;
		text += strspn(text, " ");
	}
	fputc('\n', out);
}

void
cfg_describe(const struct cfg_key *keys, size_t n, FILE *out)
{
	for (size_t i = 0; i < n; i++) {
		const struct cfg_key *k = &keys[i];
		char lo[32], hi[32], line[512];

		snprintf(line, sizeof(line), "%s%s", k->help,
			 k->repeatable ? "; may be repeated" : "");
		if (k->min < k->max) {
			format_value(k->type, k->min, lo, sizeof(lo));
			format_value(k->type, k->max, hi, sizeof(hi));
			snprintf(line + strlen(line), sizeof(line) - strlen(line),
				 " (%s to %s)", lo, hi);
		}
		write_wrapped(out, line);
		fprintf(out, ";%s = %s\n\n", k->name, k->def ? k->def : "...");
	}
}

void
cfg_error(struct buf *errors, size_t *n_errors, const char *path, int line,
	  const char *fmt, ...)
{
	char text[1024];
	va_list ap;

	(*n_errors)++;
	if (*n_errors > CFG_ERRORS_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (line > 0)
		buf_printf(errors, "%s:%d: %s\n", path, line, text);
	else
		buf_printf(errors, "%s: %s\n", path, text);
}

void
cfg_errors_finish(struct buf *errors, size_t n_errors)
{
	if (n_errors > CFG_ERRORS_MAX)
		buf_printf(errors, "... and %zu more errors\n",
			   n_errors - CFG_ERRORS_MAX);
}

struct ini_src {
	const char *p, *end;
	int line;
	const char *path;
	const char *section;
	const struct cfg_key *keys;
	size_t n_keys;
	void *obj;
	int *seen; /* line each key was first set on, 0 if not yet */
	struct buf *errors;
	size_t *n_errors;
};

/* Whether LINE would be a syntax error to inih (so we report it here,
 * with its line, rather than only inih's first). */
static bool
line_malformed(const char *s, size_t len)
{
	size_t n;

	s = ascii_trim(s, len, &n);
	if (n == 0 || s[0] == ';' || s[0] == '#')
		return false;
	if (s[0] == '[')
		return memchr(s, ']', n) == NULL;
	return memchr(s, '=', n) == NULL && memchr(s, ':', n) == NULL;
}

/* inih's line source: one line of the in-memory file per call. */
static char *
read_line(char *str, int num, void *stream)
{
	struct ini_src *src = stream;
	const char *eol;
	size_t len;

	if (src->p >= src->end || num < 3)
		return NULL;
	src->line++;
	eol = memchr(src->p, '\n', (size_t)(src->end - src->p));
	len = eol ? (size_t)(eol - src->p) : (size_t)(src->end - src->p);
	str[0] = '\n';
	str[1] = '\0';
	if (len > (size_t)num - 2) {
		cfg_error(src->errors, src->n_errors, src->path, src->line,
			  "line longer than %d bytes", num - 2);
	} else if (memchr(src->p, '\0', len)) {
		cfg_error(src->errors, src->n_errors, src->path, src->line,
			  "NUL byte in line");
	} else if (line_malformed(src->p, len)) {
		cfg_error(src->errors, src->n_errors, src->path, src->line,
			  src->p[strspn(src->p, " \t")] == '['
				  ? "unterminated section header"
				  : "expected \"key = value\"");
	} else {
		memcpy(str, src->p, len);
		str[len] = '\n';
		str[len + 1] = '\0';
	}
	src->p += len + (eol != NULL);
	return str;
}

static int
on_key(void *user, const char *section, const char *name, const char *value)
{
	struct ini_src *src = user;
	const struct cfg_key *k;
	struct buf msg;
	int line = src->line;

	if (strcmp(section, src->section) != 0) {
		if (section[0])
			cfg_error(src->errors, src->n_errors, src->path, line,
				  "%s: in unknown section [%s] (only [%s])",
				  name, section, src->section);
		else
			cfg_error(src->errors, src->n_errors, src->path, line,
				  "%s: outside the [%s] section", name,
				  src->section);
		return 1;
	}
	k = cfg_find(src->keys, src->n_keys, name);
	if (!k) {
		cfg_error(src->errors, src->n_errors, src->path, line,
			  "unknown key \"%s\"", name);
		return 1;
	}
	if (src->seen[k - src->keys] && !k->repeatable) {
		cfg_error(src->errors, src->n_errors, src->path, line,
			  "%s: already set on line %d", name,
			  src->seen[k - src->keys]);
		return 1;
	}
	if (!src->seen[k - src->keys])
		src->seen[k - src->keys] = line;
	buf_init(&msg, 1024);
	if (cfg_apply(k, src->obj, value, &msg) != 0)
		cfg_error(src->errors, src->n_errors, src->path, line, "%s",
			  buf_str(&msg));
	buf_free(&msg);
	/* Keep going: the user wants every error, not the first. */
	return 1;
}

int
cfg_load_file(const char *path, const char *section,
	      const struct cfg_key *keys, size_t n_keys, void *obj,
	      struct buf *errors, size_t *n_errors)
{
	struct ini_src src;
	struct buf data;
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "rb");
	int rc = 0;

	buf_init(&data, CFG_FILE_MAX);
	if (!f) {
		cfg_error(errors, n_errors, path, 0, "%s", strerror(errno));
		return RM_EIO;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && rc == 0)
		rc = buf_append(&data, chunk, n);
	if (rc == 0 && ferror(f)) {
		rc = RM_EIO;
		cfg_error(errors, n_errors, path, 0, "%s", strerror(errno));
	} else if (rc) {
		cfg_error(errors, n_errors, path, 0, "larger than %d KiB",
			  CFG_FILE_MAX / 1024);
	}
	fclose(f);
	if (rc)
		goto out;
	memset(&src, 0, sizeof(src));
	src.p = buf_str(&data);
	src.end = src.p + data.len;
	src.path = path;
	src.errors = errors;
	src.n_errors = n_errors;
	src.section = section;
	src.keys = keys;
	src.n_keys = n_keys;
	src.obj = obj;
	src.seen = xcalloc(n_keys ? n_keys : 1, sizeof(*src.seen));
	ini_parse_stream(read_line, &src, on_key, &src);
	free(src.seen);
out:
	buf_free(&data);
	return rc;
}
