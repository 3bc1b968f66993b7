#define PCRE2_CODE_UNIT_WIDTH 8
#include "extract/lexicon.h"

#include <dirent.h>
#include <errno.h>
#include <pcre2.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/ascii.h"
#include "common/buf.h"
#include "common/errors.h"
#include "common/regex.h"
#include "common/xalloc.h"
#include "extract/devname.h"

#define LEX_FILE_MAX (1u << 20)     /* one data file */
#define LEX_CATALOGUE_MAX (16u << 20) /* one catalogue file (.tsv) */
#define LEX_FILES_MAX 256           /* data files in one directory */
#define LEX_RULES_MAX 8192          /* lines with patterns, all files */
#define LEX_MACROS_MAX 512
#define LEX_PATTERN_MAX 65536       /* one pattern, macros expanded */
#define LEX_COMBINED_MAX (8u << 20) /* the combined scanner's source */
#define LEX_ERR_MAX 1024
#define LEX_SUFFIX_ROUNDS 4         /* "Pro Max 5G" and a spare */
/*
 * Work budget of one pcre2_match call; the scanner's patterns are
 * simple alternations, so a hit means a pathological user pattern.
 */
#define LEX_MATCH_LIMIT 2000000
#define LEX_DEPTH_LIMIT 2000

/*
 * Line kinds.  The scanner tries the alternatives in this order at each
 * position (R_IGNORE first, so that "MWC 2024" is an event before 2024
 * can be a date); kinds before R_IGNORE are not scanned for.
 */
enum rkind {
	R_DEFINE,
	R_MONTH,
	R_SUFFIX,
	R_SERIES,
	R_NOTAFTER,
	R_CERTAINTY,
	R_MAKER,
	R_NAME,
	R_IGNORE,
	R_HOLIDAY,
	R_EVENT,
	R_OS,
	R_DEVICE,
	R_CHIP,
	R_ATTR,
	R_DATE,
	R_CAMERA,
	R_BRAND,
	R_CHIPMAKER,
	R_REGION,
	R_CUE,
	R_COUNT
};

enum targ { T_NONE, T_REQUIRED, T_OPTIONAL };

static const struct keyword {
	const char *word;
	enum rkind kind;
	int nargs;      /* words between the keyword and the pattern */
	enum targ tmpl; /* "=> TEMPLATE" */
	int keep;       /* keep the compiled pattern for captures */
	enum lex_kind lex;
} keywords[] = {
	{ "define", R_DEFINE, 1, T_NONE, 0, 0 },
	{ "month", R_MONTH, 1, T_NONE, 1, 0 },
	{ "suffix", R_SUFFIX, 0, T_REQUIRED, 0, 0 },
	{ "series", R_SERIES, 0, T_NONE, 0, 0 },
	{ "notafter", R_NOTAFTER, 0, T_NONE, 0, 0 },
	{ "certainty", R_CERTAINTY, 1, T_NONE, 0, 0 },
	{ "maker", R_MAKER, 1, T_NONE, 0, 0 },
	{ "name", R_NAME, 1, T_REQUIRED, 0, 0 },
	{ "ignore", R_IGNORE, 0, T_NONE, 0, 0 },
	{ "holiday", R_HOLIDAY, 0, T_NONE, 0, LEX_HOLIDAY },
	{ "event", R_EVENT, 1, T_NONE, 0, LEX_EVENT },
	{ "os", R_OS, 0, T_REQUIRED, 1, LEX_OS },
	{ "device", R_DEVICE, 1, T_REQUIRED, 1, LEX_DEVICE },
	{ "chip", R_CHIP, 1, T_REQUIRED, 1, LEX_CHIP },
	{ "attr", R_ATTR, 1, T_REQUIRED, 1, LEX_ATTR },
	{ "date", R_DATE, 1, T_NONE, 1, LEX_DATE },
	{ "camera", R_CAMERA, 0, T_REQUIRED, 1, LEX_CAMERA },
	{ "brand", R_BRAND, 1, T_NONE, 0, LEX_BRAND },
	{ "chipmaker", R_CHIPMAKER, 1, T_NONE, 0, LEX_CHIPMAKER },
	{ "region", R_REGION, 1, T_NONE, 0, LEX_REGION },
	{ "cue", R_CUE, 1, T_NONE, 0, LEX_CUE },
};

static const char *const cue_names[CUE_COUNT] = {
	[CUE_LAUNCH] = "launch",     [CUE_CHIPSET] = "chipset",
	[CUE_CAMERA] = "camera",     [CUE_OS] = "os",
	[CUE_FIRST] = "first",       [CUE_RELATIVE] = "relative",
	[CUE_DEVICE] = "device",     [CUE_NEGATION] = "negation",
};

struct rule {
	const struct keyword *kw;
	int sub;            /* cue kind, month number */
	struct date_expr date; /* rule and offset for date lines */
	int gy, gm, gd;     /* date capture groups, 0 when absent */
	char *arg;          /* brand, region, owner...; "" when none */
	char *tmpl;         /* replacement template, NULL when none */
	char *pattern;      /* macros expanded */
	char *where;        /* "FILE:LINE" */
	pcre2_code *re;     /* anchored, NULL unless kw->keep */
};

/*
 * One top-level alternative of a scanned line, and the bytes a match of
 * it may start with (a bit set): the scanner's buckets are built from
 * these, so a word tries only the alternatives that can start with it.
 */
struct piece {
	size_t rule;
	char *pattern;
	uint8_t first[32];
};

struct lexicon {
	struct rule *rules;
	size_t nrules;
	/*
	 * The scanner: for each byte, one anchored alternation of the lines
	 * whose matches may start with it, so a word start tries only those.
	 * Equal sets share one pattern; CODES holds each once for freeing.
	 */
	pcre2_code *bucket[256];
	pcre2_code **codes;
	size_t ncodes;
	uint32_t max_pairs; /* ovector pairs the largest pattern needs */
	/* NEXT[a] has bit b set when a match may start with bytes a b. */
	uint8_t next[256][32];
	pcre2_code *suffix;   /* anchored; NULL when no lines */
	pcre2_code *series;
	pcre2_code *notafter;
	pcre2_code *certainty; /* anchored; NULL when no lines */
	pcre2_match_context *mctx;
	struct devname *names; /* maker and name lines, catalogues */
};

struct macro {
	char *name;
	char *value;
};

struct loader {
	struct lexicon *lx;
	struct macro macros[LEX_MACROS_MAX];
	size_t nmacros;
	char err[LEX_ERR_MAX];
};

static const uint32_t SUBST_OPTS =
	PCRE2_SUBSTITUTE_EXTENDED | PCRE2_SUBSTITUTE_MATCHED |
	PCRE2_SUBSTITUTE_REPLACEMENT_ONLY | PCRE2_SUBSTITUTE_UNSET_EMPTY;

static int fail(struct loader *ld, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Set the "WHERE: message" error and return RM_ECONFIG. */
static int
fail(struct loader *ld, const char *where, const char *fmt, ...)
{
	size_t n = strnlen(where, sizeof(ld->err) / 2);
	va_list ap;

	memcpy(ld->err, where, n);
	memcpy(ld->err + n, ": ", 3);
	va_start(ap, fmt);
	vsnprintf(ld->err + n + 2, sizeof(ld->err) - n - 2, fmt, ap);
	va_end(ap);
	return RM_ECONFIG;
}

static int
fail_pcre(struct loader *ld, const char *where, int code, size_t off)
{
	PCRE2_UCHAR msg[256];

	if (pcre2_get_error_message(code, msg, sizeof(msg)) < 0)
		snprintf((char *)msg, sizeof(msg), "error %d", code);
	return fail(ld, where, "pattern does not compile: %s at offset %zu",
		    (const char *)msg, off);
}

static const char *
macro_find(const struct loader *ld, const char *name, size_t len)
{
	/* Latest definition wins, so a user file may redefine. */
	for (size_t i = ld->nmacros; i-- > 0;)
		if (strlen(ld->macros[i].name) == len &&
		    memcmp(ld->macros[i].name, name, len) == 0)
			return ld->macros[i].value;
	return NULL;
}

static size_t
macro_name_len(const char *p)
{
	size_t n = 0;

	if (!(p[0] >= 'A' && p[0] <= 'Z'))
		return 0;
	while ((p[n] >= 'A' && p[n] <= 'Z') || ascii_isdigit((unsigned char)p[n]) ||
	       p[n] == '_')
		n++;
	return p[n] == '}' ? n : 0;
}

/* Replace each {NAME} by (?:its definition). */
static int
expand(struct loader *ld, const char *where, const char *pat, char **out)
{
	struct buf b;
	int rc = 0;

	buf_init(&b, LEX_PATTERN_MAX);
	for (const char *p = pat; *p && rc == 0; p++) {
		size_t n;
		const char *val;
		char name[64];

		if (*p == '\\' && p[1]) {
			rc = buf_append(&b, p, 2);
			p++;
			continue;
		}
		n = *p == '{' ? macro_name_len(p + 1) : 0;
		if (!n) {
			rc = buf_append_char(&b, *p);
			continue;
		}
		val = macro_find(ld, p + 1, n);
		if (!val) {
			snprintf(name, sizeof(name), "%.*s", (int)n, p + 1);
			buf_free(&b);
			return fail(ld, where, "undefined macro {%s}", name);
		}
		rc = buf_printf(&b, "(?:%s)", val);
		p += n + 1;
	}
	if (rc) {
		buf_free(&b);
		return fail(ld, where, "%s", "pattern too long");
	}
	*out = b.len ? buf_steal(&b) : xstrdup("");
	buf_free(&b);
	return 0;
}

static pcre2_code *
compile(const char *pat, uint32_t opts, int *code, size_t *off)
{
	PCRE2_SIZE eoff = 0;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
				       opts, code, &eoff, NULL);

	*off = eoff;
	if (re)
		regex_jit(re);
	return re;
}

static int
group(const pcre2_code *re, const char *name)
{
	int n = pcre2_substring_number_from_name(re, (PCRE2_SPTR)name);

	return n > 0 ? n : 0;
}

/*
 * A certainty factor "D.DD" from 0.05 to 4, kept in hundredths in SUB:
 * the lexicon needs no floating-point parser for one number.
 */
static int
parse_factor(struct loader *ld, struct rule *r)
{
	const char *p = r->arg;
	int v = 0, frac = 0;

	if (!ascii_isdigit((unsigned char)*p))
		goto bad;
	v = *p++ - '0';
	if (*p == '.') {
		p++;
		for (; frac < 2 && ascii_isdigit((unsigned char)*p); frac++)
			v = v * 10 + (*p++ - '0');
		if (!frac)
			goto bad;
	}
	for (; frac < 2; frac++)
		v *= 10;
	if (*p || v < 5 || v > 400)
		goto bad;
	r->sub = v;
	return 0;
bad:
	return fail(ld, r->where,
		    "certainty '%s' is not a factor from 0.05 to 4 "
		    "(at most two decimals)",
		    r->arg);
}

/* Kind-specific arguments: numbers, rule words, cue names. */
static int
parse_arg(struct loader *ld, struct rule *r)
{
	unsigned long long n;

	switch (r->kw->kind) {
	case R_DEFINE:
		for (const char *p = r->arg; *p; p++)
			if (!((*p >= 'A' && *p <= 'Z') || *p == '_' ||
			      (p > r->arg && ascii_isdigit((unsigned char)*p))))
				return fail(ld, r->where,
					    "macro name '%s' is not [A-Z][A-Z0-9_]*",
					    r->arg);
		return 0;
	case R_MONTH:
		if (parse_uint(r->arg, 12, &n) || n == 0)
			return fail(ld, r->where, "month '%s' is not 1-12",
				    r->arg);
		r->sub = (int)n;
		return 0;
	case R_DATE:
		if (dates_parse_rule(r->arg, &r->date.rule, &r->date.offset))
			return fail(ld, r->where,
				    "date rule '%s' is not abs, start, "
				    "month+N or year+N",
				    r->arg);
		return 0;
	case R_CERTAINTY:
		return parse_factor(ld, r);
	case R_CUE:
		for (int i = 0; i < CUE_COUNT; i++)
			if (strcmp(r->arg, cue_names[i]) == 0) {
				r->sub = i;
				return 0;
			}
		return fail(ld, r->where, "unknown cue kind '%s'", r->arg);
	default:
		return 0;
	}
}

static void
rule_free(struct rule *r)
{
	free(r->arg);
	free(r->tmpl);
	free(r->pattern);
	free(r->where);
	pcre2_code_free(r->re);
}

static void
set_bit(uint8_t *set, unsigned c)
{
	set[c >> 3] |= (uint8_t)(1u << (c & 7));
}

static int
has_bit(const uint8_t *set, unsigned c)
{
	return set[c >> 3] & (1u << (c & 7));
}

/*
 * The bytes a match of PATTERN may start with, from PCRE2's own
 * start-of-match study; every byte when it cannot tell.
 */
static void
first_bytes(const char *pattern, uint8_t first[32])
{
	int code;
	size_t off;
	uint32_t type = 0, unit = 0;
	const uint8_t *map = NULL;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern,
				       PCRE2_ZERO_TERMINATED,
				       PCRE2_CASELESS | PCRE2_DUPNAMES, &code,
				       &off, NULL);

	memset(first, 0xff, 32);
	if (!re)
		return;
	pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODETYPE, &type);
	pcre2_pattern_info(re, PCRE2_INFO_FIRSTBITMAP, &map);
	if (type == 1) {
		pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODEUNIT, &unit);
		unit &= 0xff;
		memset(first, 0, 32);
		set_bit(first, unit);
		set_bit(first, (unsigned)ascii_tolower((int)unit));
		set_bit(first, (unsigned)ascii_toupper((int)unit));
	} else if (type == 0 && map) {
		memcpy(first, map, 32);
	}
	pcre2_code_free(re);
}

/*
 * Split PAT at its top-level '|' into OUT (at most MAX pieces).  A pattern
 * with a top-level option setting such as "(?-i)", which reaches into
 * the alternatives after it, stays whole.  Returns the number of pieces.
 */
static size_t
split_alternatives(const char *pat, char **out, size_t max)
{
	size_t n = 0, depth = 0, start = 0, len = strlen(pat);
	int in_class = 0;

	for (size_t i = 0; i < len; i++) {
		char c = pat[i];

		if (c == '\\') {
			i++;
			continue;
		}
		if (in_class) {
			in_class = c != ']';
			continue;
		}
		if (c == '[') {
			in_class = 1;
			if (pat[i + 1] == '^')
				i++;
			if (pat[i + 1] == ']')
				i++;
		} else if (c == '(') {
			if (depth == 0 && pat[i + 1] == '?' &&
			    strspn(pat + i + 2, "abcdefghijklmnopqrstuvwxyz"
						"ABCDEFGHIJKLMNOPQRSTUVWXYZ-") &&
			    pat[i + 2 + strspn(pat + i + 2,
					       "abcdefghijklmnopqrstuvwxyz"
					       "ABCDEFGHIJKLMNOPQRSTUVWXYZ-")] ==
				    ')')
				goto whole;
			depth++;
		} else if (c == ')' && depth) {
			depth--;
		} else if (c == '|' && depth == 0) {
			if (n + 1 >= max)
				goto whole;
			out[n++] = xstrndup(pat + start, i - start);
			start = i + 1;
		}
	}
	out[n++] = xstrdup(pat + start);
	return n;
whole:
	for (size_t i = 0; i < n; i++)
		free(out[i]);
	out[0] = xstrdup(pat);
	return 1;
}

/* Compile one line's pattern alone: errors point at its own line. */
static int
rule_compile(struct loader *ld, struct rule *r)
{
	char *wrapped = NULL;
	uint32_t opts = PCRE2_CASELESS | PCRE2_ANCHORED | PCRE2_DUPNAMES;
	size_t off, plen = strlen(r->pattern);
	int code, rc = 0;

	if (r->kw->kind == R_MONTH) {
		opts |= PCRE2_ENDANCHORED;
		wrapped = xstrdup(r->pattern);
	} else {
		/* The same boundaries as in the scanner, so both agree. */
		wrapped = xmalloc(plen + 32);
		snprintf(wrapped, plen + 32, "(?:%s)(?![A-Za-z0-9])",
			 r->pattern);
	}
	r->re = compile(wrapped, opts, &code, &off);
	if (!r->re) {
		/* Offsets count in the line's pattern, not the wrapper. */
		rc = fail_pcre(ld, r->where, code,
			       r->kw->kind == R_MONTH ? off
			       : off >= 3	      ? off - 3
						      : 0);
		goto out;
	}
	if (r->kw->kind == R_DATE) {
		r->gy = group(r->re, "y");
		r->gm = group(r->re, "m");
		r->gd = group(r->re, "d");
		if (r->date.rule == DATE_ABS && !r->gy && !r->gm) {
			rc = fail(ld, r->where, "%s",
				  "an abs date needs a (?<y>...) or (?<m>...) "
				  "group");
			goto out;
		}
	}
	if (!r->kw->keep) {
		pcre2_code_free(r->re);
		r->re = NULL;
	}
out:
	free(wrapped);
	return rc;
}

static char *
next_word(char **p)
{
	char *s = *p, *w;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return NULL;
	w = s;
	while (*s && *s != ' ' && *s != '\t')
		s++;
	if (*s)
		*s++ = '\0';
	*p = s;
	return w;
}

static int
parse_line(struct loader *ld, const char *file, unsigned lineno, char *line)
{
	struct lexicon *lx = ld->lx;
	struct rule r = { 0 };
	char where[4200], *p = line, *word, *tmpl, *pat;
	size_t pl;
	int rc;

	snprintf(where, sizeof(where), "%s:%u", file, lineno);
	word = next_word(&p);
	for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (strcmp(word, keywords[i].word) == 0)
			r.kw = &keywords[i];
	if (!r.kw)
		return fail(ld, where, "unknown keyword '%s'", word);
	r.where = xstrdup(where);
	r.arg = xstrdup("");
	if (r.kw->nargs) {
		word = next_word(&p);
		if (!word) {
			rc = fail(ld, where, "'%s' needs an argument",
				  r.kw->word);
			goto fail;
		}
		free(r.arg);
		r.arg = xstrdup(word);
	}
	tmpl = strstr(p, " => ");
	if (tmpl) {
		*tmpl = '\0';
		tmpl += 4;
		while (*tmpl == ' ' || *tmpl == '\t')
			tmpl++;
	}
	if (r.kw->tmpl == T_REQUIRED && (!tmpl || !*tmpl)) {
		rc = fail(ld, where, "'%s' needs '=> TEMPLATE'", r.kw->word);
		goto fail;
	}
	if (r.kw->tmpl == T_NONE && tmpl) {
		rc = fail(ld, where, "'%s' takes no '=> TEMPLATE'",
			  r.kw->word);
		goto fail;
	}
	r.tmpl = xstrdup_or_null(tmpl);
	pat = (char *)ascii_trim(p, strlen(p), &pl);
	pat[pl] = '\0';
	if (!pl) {
		rc = fail(ld, where, "'%s' needs a pattern", r.kw->word);
		goto fail;
	}
	if (r.kw->kind == R_MAKER || r.kw->kind == R_NAME) {
		char msg[256];

		rc = r.kw->kind == R_MAKER
			     ? devname_add_maker(lx->names, r.arg, pat, msg,
						 sizeof(msg))
			     : devname_add_line(lx->names, r.arg, pat, r.tmpl,
						msg, sizeof(msg));
		if (rc)
			rc = fail(ld, where, "%s", msg);
		rule_free(&r);
		return rc;
	}
	rc = parse_arg(ld, &r);
	if (rc == 0)
		rc = expand(ld, where, pat, &r.pattern);
	if (rc)
		goto fail;
	if (r.kw->kind == R_DEFINE) {
		if (ld->nmacros >= LEX_MACROS_MAX) {
			rc = fail(ld, where, "%s", "too many macros");
			goto fail;
		}
		ld->macros[ld->nmacros].name = r.arg;
		ld->macros[ld->nmacros++].value = r.pattern;
		r.arg = r.pattern = NULL;
		rule_free(&r);
		return 0;
	}
	rc = rule_compile(ld, &r);
	if (rc)
		goto fail;
	if (lx->nrules >= LEX_RULES_MAX) {
		rc = fail(ld, where, "%s", "too many lexicon lines");
		goto fail;
	}
	lx->rules = xreallocarray(lx->rules, lx->nrules + 1,
				  sizeof(*lx->rules));
	lx->rules[lx->nrules++] = r;
	return 0;
fail:
	rule_free(&r);
	return rc;
}

/* Whether NAME ends with SUFFIX. */
static int
ends_with(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);

	return n > k && strcmp(name + n - k, suffix) == 0;
}

static int
load_file(struct loader *ld, const char *path)
{
	int catalogue = ends_with(path, ".tsv");
	size_t max = catalogue ? LEX_CATALOGUE_MAX : LEX_FILE_MAX;
	FILE *f = NULL;
	char *data = NULL;
	size_t len;
	unsigned lineno = 0;
	int rc = 0;

	f = fopen(path, "rb");
	if (!f) {
		rc = fail(ld, path, "%s", strerror(errno));
		goto out;
	}
	{
		struct stat st;
		size_t want = fstat(fileno(f), &st) == 0 && st.st_size >= 0 &&
					      (size_t)st.st_size < max
				      ? (size_t)st.st_size + 1
				      : max + 1;

		data = xmalloc(want + 1);
		len = fread(data, 1, want, f);
		/* A file that grew past its size is read no further. */
		if (len == want && want <= max && !feof(f))
			len = max + 1;
	}
	if (ferror(f) || len > max) {
		rc = fail(ld, path, "%s",
			  len > max ? "file too large" : "read error");
		goto out;
	}
	data[len] = '\0';
	if (catalogue) {
		rc = devname_add_catalogue(ld->lx->names, path, data, len,
					   ld->err, sizeof(ld->err));
		data = NULL; /* the grammar's now */
		goto out;
	}
	for (char *line = data, *nl; line && rc == 0; line = nl) {
		size_t tl;
		char *t;

		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		lineno++;
		t = (char *)ascii_trim(line, strlen(line), &tl);
		t[tl] = '\0';
		if (tl == 0 || t[0] == '#')
			continue;
		rc = parse_line(ld, path, lineno, t);
	}
out:
	if (f)
		fclose(f);
	free(data);
	return rc;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
is_lex_file(const char *dir, const char *name)
{
	size_t n = strlen(name);
	char path[4096];
	struct stat st;

	if (n < 5 || name[0] == '.' ||
	    (!ends_with(name, ".lex") && !ends_with(name, ".tsv")))
		return 0;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Every *.lex file of DIR in name order; a missing DIR loads nothing. */
static int
load_dir(struct loader *ld, const char *dir)
{
	DIR *d = opendir(dir);
	char *names[LEX_FILES_MAX];
	size_t n = 0;
	struct dirent *de;
	int rc = 0;

	if (!d)
		return errno == ENOENT || errno == ENOTDIR
			       ? 0
			       : fail(ld, dir, "%s", strerror(errno));
	while ((de = readdir(d)) != NULL && rc == 0) {
		if (!is_lex_file(dir, de->d_name))
			continue;
		if (n >= LEX_FILES_MAX)
			rc = fail(ld, dir, "%s", "too many .lex files");
		else
			names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), name_cmp);
	for (size_t i = 0; i < n; i++) {
		char path[4096];

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (rc == 0)
			rc = load_file(ld, path);
		free(names[i]);
	}
	return rc;
}

/*
 * One anchored pattern for the lines IDX[0..N), each alternative followed
 * by (*MARK:index) so a hit names its line (a mark first would keep PCRE2
 * from studying the start of the pattern).  *OUT is NULL when N is 0.
 */
static int
combine(struct loader *ld, const size_t *idx, size_t n, const char *prefix,
	pcre2_code **out)
{
	struct lexicon *lx = ld->lx;
	struct buf b;
	size_t *starts = NULL, off;
	int rc = 0, code;

	*out = NULL;
	if (n == 0)
		return 0;
	buf_init(&b, LEX_COMBINED_MAX);
	starts = xcalloc(n, sizeof(*starts));
	rc = buf_printf(&b, "%s(?:", prefix);
	for (size_t k = 0; k < n && rc == 0; k++) {
		starts[k] = b.len;
		rc = buf_printf(&b, "%s(?:%s)(*MARK:%zu)", k ? "|" : "",
				lx->rules[idx[k]].pattern, idx[k]);
	}
	if (rc == 0)
		rc = buf_append_str(&b, ")(?![A-Za-z0-9])");
	if (rc) {
		rc = fail(ld, "lexicon", "%s", "combined pattern too long");
		goto out;
	}
	*out = compile(buf_str(&b),
		       PCRE2_ANCHORED | PCRE2_CASELESS | PCRE2_DUPNAMES, &code,
		       &off);
	if (!*out) {
		/* Name the line whose alternative holds the error offset. */
		size_t k = 0;

		while (k + 1 < n && starts[k + 1] <= off)
			k++;
		rc = fail_pcre(ld, lx->rules[idx[k]].where, code, off);
	}
out:
	free(starts);
	buf_free(&b);
	return rc;
}

/* The lines of KIND in load order; N set to how many. */
static size_t *
lines_of(const struct lexicon *lx, enum rkind kind, size_t *n)
{
	size_t *idx = xcalloc(lx->nrules + 1, sizeof(*idx));

	*n = 0;
	for (size_t i = 0; i < lx->nrules; i++)
		if (lx->rules[i].kw->kind == kind)
			idx[(*n)++] = i;
	return idx;
}

static int
combine_kind(struct loader *ld, enum rkind kind, const char *prefix,
	     pcre2_code **out)
{
	size_t n, *idx = lines_of(ld->lx, kind, &n);
	int rc = combine(ld, idx, n, prefix, out);

	free(idx);
	return rc;
}

/*
 * Which two-byte starts can begin a match, asked of each bucket with a
 * partial match: most words of a text then cost one table look-up.
 */
static void
build_next(struct lexicon *lx)
{
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);

	if (!md) {
		fprintf(stderr, "rumormill: out of memory\n");
		abort();
	}
	for (unsigned a = 0; a < 256; a++) {
		for (unsigned b = 0; b < 256 && lx->bucket[a]; b++) {
			unsigned char s[2] = { (unsigned char)a,
					       (unsigned char)b };
			int rc = pcre2_match(lx->bucket[a], s, 2, 0,
					     PCRE2_PARTIAL_HARD, md, NULL);

			if (rc >= 0 || rc == PCRE2_ERROR_PARTIAL)
				set_bit(lx->next[a], b);
		}
	}
	pcre2_match_data_free(md);
}

#define LEX_PIECES_MAX 256 /* top-level alternatives of one line */

/* The pieces of every scanned line, in scanning priority order. */
static struct piece *
pieces_of(const struct lexicon *lx, size_t *n)
{
	struct piece *pc = NULL;
	char *parts[LEX_PIECES_MAX];

	*n = 0;
	for (int k = R_IGNORE; k < R_COUNT; k++) {
		for (size_t i = 0; i < lx->nrules; i++) {
			size_t np;

			if ((int)lx->rules[i].kw->kind != k)
				continue;
			np = split_alternatives(lx->rules[i].pattern, parts,
						LEX_PIECES_MAX);
			pc = xreallocarray(pc, *n + np, sizeof(*pc));
			for (size_t p = 0; p < np; p++) {
				pc[*n].rule = i;
				pc[*n].pattern = parts[p];
				first_bytes(parts[p], pc[*n].first);
				(*n)++;
			}
		}
	}
	return pc;
}

/* One anchored alternation of the pieces IDX[0..N), marked by line. */
static int
combine_pieces(struct loader *ld, const struct piece *pc, const size_t *idx,
	       size_t n, pcre2_code **out)
{
	struct lexicon *lx = ld->lx;
	struct buf b;
	size_t off;
	int rc = 0, code;

	buf_init(&b, LEX_COMBINED_MAX);
	rc = buf_append_str(&b, "(?:");
	for (size_t k = 0; k < n && rc == 0; k++)
		rc = buf_printf(&b, "%s(?:%s)(*MARK:%zu)", k ? "|" : "",
				pc[idx[k]].pattern, pc[idx[k]].rule);
	if (rc == 0)
		rc = buf_append_str(&b, ")(?![A-Za-z0-9])");
	if (rc) {
		buf_free(&b);
		return fail(ld, "lexicon", "%s", "combined pattern too long");
	}
	*out = compile(buf_str(&b),
		       PCRE2_ANCHORED | PCRE2_CASELESS | PCRE2_DUPNAMES, &code,
		       &off);
	if (!*out) {
		/* Each line compiled alone: name the first piece's line. */
		rc = fail_pcre(ld, lx->rules[pc[idx[0]].rule].where, code,
			       off);
	}
	buf_free(&b);
	return rc;
}

/*
 * The scanner's buckets: for each byte the pieces that may start with
 * it, in priority order (kinds as enum rkind orders them, then load
 * order).  Bytes with the same pieces share one pattern.
 */
static int
build_buckets(struct loader *ld)
{
	struct lexicon *lx = ld->lx;
	size_t *lists[256] = { 0 }, counts[256] = { 0 }, npc;
	struct piece *pc = pieces_of(lx, &npc);
	int rc = 0;

	for (unsigned c = 0; c < 256 && rc == 0; c++) {
		size_t n = 0, *idx = xcalloc(npc + 1, sizeof(*idx));

		for (size_t i = 0; i < npc; i++)
			if (has_bit(pc[i].first, c))
				idx[n++] = i;
		lists[c] = idx;
		counts[c] = n;
		for (unsigned p = 0; p < c && n; p++)
			if (counts[p] == n &&
			    memcmp(lists[p], idx, n * sizeof(*idx)) == 0) {
				lx->bucket[c] = lx->bucket[p];
				break;
			}
		if (lx->bucket[c] || !n)
			continue;
		rc = combine_pieces(ld, pc, idx, n, &lx->bucket[c]);
		if (rc == 0) {
			lx->codes = xreallocarray(lx->codes, lx->ncodes + 1,
						  sizeof(*lx->codes));
			lx->codes[lx->ncodes++] = lx->bucket[c];
		}
	}
	for (unsigned c = 0; c < 256; c++)
		free(lists[c]);
	for (size_t i = 0; i < npc; i++)
		free(pc[i].pattern);
	free(pc);
	if (rc == 0)
		build_next(lx);
	if (rc == 0 && lx->ncodes == 0)
		rc = fail(ld, "lexicon", "%s", "no patterns loaded");
	return rc;
}

static int
build(struct loader *ld)
{
	struct lexicon *lx = ld->lx;
	int rc;

	rc = build_buckets(ld);
	/* Suffixes and series words follow a name on the same line. */
	if (rc == 0)
		rc = combine_kind(ld, R_SUFFIX, "[ \\t-]*", &lx->suffix);
	if (rc == 0)
		rc = combine_kind(ld, R_SERIES, "[ \\t]+", &lx->series);
	if (rc == 0)
		rc = combine_kind(ld, R_NOTAFTER, "[ \\t]*", &lx->notafter);
	if (rc == 0)
		rc = combine_kind(ld, R_CERTAINTY, "", &lx->certainty);
	if (rc)
		return rc;
	for (size_t i = 0; i < lx->ncodes; i++) {
		uint32_t groups = 0;

		pcre2_pattern_info(lx->codes[i], PCRE2_INFO_CAPTURECOUNT,
				   &groups);
		if (groups + 1 > lx->max_pairs)
			lx->max_pairs = groups + 1;
	}
	lx->mctx = pcre2_match_context_create(NULL);
	if (!lx->mctx) {
		fprintf(stderr, "rumormill: out of memory\n");
		abort();
	}
	pcre2_set_match_limit(lx->mctx, LEX_MATCH_LIMIT);
	pcre2_set_depth_limit(lx->mctx, LEX_DEPTH_LIMIT);
	return 0;
}

int
lexicon_load(const char *const *dirs, struct lexicon **out, char **err)
{
	struct loader *ld = xcalloc(1, sizeof(*ld));
	int rc = 0;

	ld->lx = xcalloc(1, sizeof(*ld->lx));
	ld->lx->names = devname_new();
	for (size_t i = 0; dirs && dirs[i] && rc == 0; i++)
		rc = load_dir(ld, dirs[i]);
	if (rc == 0)
		rc = build(ld);
	if (rc) {
		if (err)
			*err = xstrdup(ld->err);
		lexicon_free(ld->lx);
	} else {
		*out = ld->lx;
	}
	for (size_t i = 0; i < ld->nmacros; i++) {
		free(ld->macros[i].name);
		free(ld->macros[i].value);
	}
	free(ld);
	return rc;
}

void
lexicon_free(struct lexicon *lx)
{
	if (!lx)
		return;
	for (size_t i = 0; i < lx->nrules; i++)
		rule_free(&lx->rules[i]);
	free(lx->rules);
	for (size_t i = 0; i < lx->ncodes; i++)
		pcre2_code_free(lx->codes[i]);
	free(lx->codes);
	pcre2_code_free(lx->suffix);
	pcre2_code_free(lx->series);
	pcre2_code_free(lx->notafter);
	pcre2_code_free(lx->certainty);
	pcre2_match_context_free(lx->mctx);
	devname_free(lx->names);
	free(lx);
}

/* ---- scanning ---- */

struct scan {
	const struct lexicon *lx;
	const char *text;
	size_t len;
	pcre2_match_data *md;
};

/* 1 on a match (ovector in md), 0 on none, RM_ELIMIT past a budget. */
static int
match_at(struct scan *sc, const pcre2_code *re, size_t pos)
{
	int rc;

	if (!re)
		return 0;
	rc = pcre2_match(re, (PCRE2_SPTR)sc->text, sc->len, pos, 0, sc->md,
			 sc->lx->mctx);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	return rc < 0 ? RM_ELIMIT : 1;
}

static const struct rule *
marked_rule(const struct scan *sc)
{
	PCRE2_SPTR mark = pcre2_get_mark(sc->md);
	unsigned long long i;

	if (!mark || parse_uint((const char *)mark, SIZE_MAX, &i) ||
	    i >= sc->lx->nrules)
		return NULL;
	return &sc->lx->rules[i];
}

/* Collapse white space runs so "Galaxy\nS24" reads "Galaxy S24". */
static void
squeeze(char *s)
{
	char *w = s;
	int space = 1;

	for (char *r = s; *r; r++) {
		if (ascii_isspace((unsigned char)*r)) {
			if (!space)
				*w++ = ' ';
			space = 1;
		} else {
			*w++ = *r;
			space = 0;
		}
	}
	if (w > s && w[-1] == ' ')
		w--;
	*w = '\0';
}

/* VALUE from R's template over the match of R at START: 1, or 0. */
static int
canonical(struct scan *sc, const struct rule *r, size_t start,
	  struct lex_token *t)
{
	PCRE2_SIZE outlen = sizeof(t->value);
	int rc;

	rc = pcre2_substitute(r->re, (PCRE2_SPTR)sc->text, sc->len, start,
			      SUBST_OPTS, sc->md, sc->lx->mctx,
			      (PCRE2_SPTR)r->tmpl, PCRE2_ZERO_TERMINATED,
			      (PCRE2_UCHAR *)t->value, &outlen);
	if (rc < 0)
		return 0;
	squeeze(t->value);
	return t->value[0] != '\0';
}

static int
append_suffix(struct lex_token *t, const char *canon)
{
	size_t n = strlen(t->value);
	int w;

	if (strcmp(canon, "-") == 0)
		return 0; /* recognised, not part of the name */
	w = snprintf(t->value + n, sizeof(t->value) - n, "%s%s",
		     canon[0] == '+' ? "" : " ", canon);
	return w < 0 || (size_t)w >= sizeof(t->value) - n ? -1 : 0;
}

/*
 * A device: its core by template, then suffix words ("Pro Max"), then a
 * series word.  Returns 1 to keep, 0 to drop, RM_ELIMIT.  *END moves past
 * what was consumed.
 */
static int
device_token(struct scan *sc, size_t *end, struct lex_token *t)
{
	const struct lexicon *lx = sc->lx;
	size_t pos = *end;
	int rc = 0;

	for (int i = 0; i < LEX_SUFFIX_ROUNDS; i++) {
		const struct rule *r;

		rc = match_at(sc, lx->suffix, pos);
		if (rc <= 0)
			break;
		r = marked_rule(sc);
		if (!r)
			return 0;
		if (strcmp(r->tmpl, "=") == 0) {
			/* As written: "(2022)". */
			const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sc->md);
			size_t s = ov[0], e = ov[1];
			char word[LEX_VALUE_MAX];

			while (s < e && (sc->text[s] == ' ' || sc->text[s] == '\t' ||
					 sc->text[s] == '-'))
				s++;
			snprintf(word, sizeof(word), "%.*s", (int)(e - s),
				 sc->text + s);
			if (append_suffix(t, word))
				return 0;
		} else if (append_suffix(t, r->tmpl)) {
			return 0;
		}
		pos = pcre2_get_ovector_pointer(sc->md)[1];
	}
	if (rc < 0)
		return rc;
	rc = match_at(sc, lx->notafter, pos);
	if (rc != 0) {
		*end = pos;
		return rc < 0 ? rc : 0;
	}
	rc = match_at(sc, lx->series, pos);
	if (rc < 0)
		return rc;
	if (rc) {
		t->series = 1;
		pos = pcre2_get_ovector_pointer(sc->md)[1];
	}
	*end = pos;
	return 1;
}

/* A captured group as number or month name; 0 when absent or unknown. */
static int
group_number(struct scan *sc, const char *s, size_t n, int months)
{
	unsigned long long v = 0;
	char digits[8];

	if (n == 0)
		return 0;
	if (n < sizeof(digits) && ascii_isdigit((unsigned char)s[0])) {
		memcpy(digits, s, n);
		digits[n] = '\0';
		return parse_uint(digits, 9999, &v) ? 0 : (int)v;
	}
	if (!months)
		return 0;
	for (size_t i = 0; i < sc->lx->nrules; i++) {
		const struct rule *r = &sc->lx->rules[i];

		if (r->kw->kind == R_MONTH &&
		    pcre2_match(r->re, (PCRE2_SPTR)s, n, 0, 0, sc->md,
				sc->lx->mctx) >= 0)
			return r->sub;
	}
	return 0;
}

static int
date_token(struct scan *sc, const struct rule *r, struct lex_token *t)
{
	const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sc->md);
	int groups[3] = { r->gy, r->gm, r->gd };
	size_t gs[3] = { 0 }, gl[3] = { 0 };

	/* Copy the spans first: month lookup reuses the match data. */
	for (int i = 0; i < 3; i++) {
		if (!groups[i] || ov[2 * groups[i]] == PCRE2_UNSET)
			continue;
		gs[i] = ov[2 * groups[i]];
		gl[i] = ov[2 * groups[i] + 1] - gs[i];
	}
	t->date = r->date;
	if (gl[0] && dates_parse_year(sc->text + gs[0], gl[0], &t->date.year))
		return 0;
	t->date.month = group_number(sc, sc->text + gs[1], gl[1], 1);
	t->date.day = group_number(sc, sc->text + gs[2], gl[2], 0);
	if ((gl[1] && (t->date.month < 1 || t->date.month > 12)) ||
	    (gl[2] && (t->date.day < 1 || t->date.day > 31)))
		return 0;
	return 1;
}

/* Fill T for a scanner hit of R at [START, *END).  1 keep, 0 drop. */
static int
fill_token(struct scan *sc, const struct rule *r, size_t start, size_t *end,
	   struct lex_token *t)
{
	int rc;

	memset(t, 0, sizeof(*t));
	t->kind = r->kw->lex;
	t->sub = r->sub;
	t->arg = r->arg;
	t->start = start;
	if (r->kw->kind == R_IGNORE)
		return 0;
	if (r->re) {
		rc = match_at(sc, r->re, start);
		if (rc <= 0)
			return rc;
		*end = pcre2_get_ovector_pointer(sc->md)[1];
		if (r->kw->kind == R_DATE)
			rc = date_token(sc, r, t);
		else
			rc = canonical(sc, r, start, t);
		if (rc == 1 && r->kw->kind == R_DEVICE)
			rc = device_token(sc, end, t);
		if (rc <= 0)
			return rc;
	}
	t->end = *end;
	return 1;
}

/* Whether a quantity word ("million", "inch") starts at POS. */
static int
quantity_at(void *arg, size_t pos)
{
	struct scan *sc = arg;

	return match_at(sc, sc->lx->notafter, pos) == 1;
}

/*
 * A device name by the grammar at START (devname.c): its suffix words
 * and series word, then the catalogue's spelling.  1 keep, 0 drop, or
 * RM_ELIMIT; *END past what was read.
 */
static int
device_name(struct scan *sc, const struct devname_hit *hit, size_t start,
	    size_t *end, struct lex_token *t)
{
	int rc;

	memset(t, 0, sizeof(*t));
	t->start = start;
	t->arg = hit->brand;
	*end = hit->end;
	if (hit->maker_only) {
		t->kind = LEX_BRAND;
		t->end = *end;
		return 1;
	}
	t->kind = LEX_DEVICE;
	snprintf(t->value, sizeof(t->value), "%s", hit->value);
	rc = device_token(sc, end, t);
	if (rc == 1)
		devname_canonical(sc->lx->names, t->value, sizeof(t->value),
				  NULL);
	t->end = *end;
	return rc;
}

/* Kinds that come before a device name at the same word. */
static int
before_devices(const struct rule *r)
{
	return r && r->kw->kind < R_DEVICE;
}

/*
 * Only list words between A and B: ", ", "and", "or", "/", "&" (and
 * their German, Spanish, French and Italian forms).
 */
static int
list_gap(const char *text, size_t a, size_t b)
{
	static const char *const joiners[] = { "and", "or", "und", "oder",
					       "y", "o", "et", "ou", "e",
					       "vs", "versus" };
	int words = 0;

	if (b <= a || b - a > 12)
		return 0;
	while (a < b) {
		size_t k;

		if (strchr(" ,/&\t", text[a])) {
			a++;
			continue;
		}
		for (k = 0; k < sizeof(joiners) / sizeof(*joiners); k++) {
			size_t n = strlen(joiners[k]);

			if (b - a >= n && memcmp(text + a, joiners[k], n) == 0 &&
			    (a + n == b || !ascii_isalnum((unsigned char)text[a + n])))
				break;
		}
		if (k == sizeof(joiners) / sizeof(*joiners) || words++)
			return 0;
		a += strlen(joiners[k]);
	}
	return 1;
}

int
lexicon_scan(const struct lexicon *lx, const char *text, size_t len,
	     struct lex_token *out, size_t max, size_t *n)
{
	struct scan sc = { lx, text, len, NULL };
	const void *prev_line = NULL; /* the last device's product line */
	size_t pos = 0, prev_end = 0;
	int rc = 0;

	*n = 0;
	sc.md = pcre2_match_data_create(lx->max_pairs, NULL);
	if (!sc.md) {
		fprintf(stderr, "rumormill: out of memory\n");
		abort();
	}
	while (pos < len) {
		unsigned char c = (unsigned char)text[pos];
		const pcre2_code *re = lx->bucket[c];
		const struct rule *r = NULL;
		struct devname_hit hit;
		size_t end = pos;
		int m = 0, named;

		/* Names start at word starts only. */
		if (pos > 0 && ascii_isalnum((unsigned char)text[pos - 1])) {
			pos++;
			continue;
		}
		if (re && (pos + 1 >= len ||
			   has_bit(lx->next[c], (unsigned char)text[pos + 1]))) {
			m = match_at(&sc, re, pos);
			if (m < 0) {
				rc = m;
				break;
			}
			if (m) {
				end = pcre2_get_ovector_pointer(sc.md)[1];
				r = marked_rule(&sc);
			}
		}
		/*
		 * A device name, unless an event, an OS or text to ignore
		 * starts here ("Galaxy Unpacked", "iOS 17"), a maker's name
		 * alone is less than the line's match ("Apple A17"), or a
		 * `device` pattern reads as much.
		 */
		named = !before_devices(r) &&
			devname_match(lx->names, text, len, pos, quantity_at,
				      &sc, &hit) &&
			!(hit.maker_only && m && end > hit.end) &&
			!(r && r->kw->kind == R_DEVICE && end >= hit.end);
		/* "the iPhone 15 and 15 Plus": the list's line goes on. */
		if (!named && prev_line && list_gap(text, prev_end, pos) &&
		    !(r && r->kw->kind < R_ATTR && end > pos + 1))
			named = devname_continue(lx->names, prev_line, text,
						 len, pos, quantity_at, &sc,
						 &hit);
		if (named) {
			m = device_name(&sc, &hit, pos, &end, &out[*n]);
			if (m == 1 && !hit.maker_only) {
				prev_line = hit.line;
				prev_end = end;
			}
		} else if (m) {
			if (end <= pos)
				end = pos + 1;
			/* device_token and others reuse the match data. */
			m = match_at(&sc, re, pos);
			m = m == 1 && r ? fill_token(&sc, r, pos, &end,
						     &out[*n])
					: m;
		} else {
			pos++;
			continue;
		}
		if (m < 0) {
			rc = m;
			break;
		}
		if (m == 1 && ++*n >= max) {
			rc = RM_ELIMIT;
			break;
		}
		pos = end > pos ? end : pos + 1;
	}
	pcre2_match_data_free(sc.md);
	return rc;
}

double
lexicon_certainty(const struct lexicon *lx, const char *text, size_t len)
{
	struct scan sc = { lx, text, len, NULL };
	int hedge = 0, sure = 0; /* hundredths; 0: none seen */

	if (!lx->certainty)
		return 1.0;
	sc.md = pcre2_match_data_create(lx->max_pairs, NULL);
	if (!sc.md) {
		fprintf(stderr, "rumormill: out of memory\n");
		abort();
	}
	for (size_t pos = 0; pos < len;) {
		const struct rule *r;
		size_t end;

		if (!ascii_isalnum((unsigned char)text[pos]) ||
		    (pos > 0 && ascii_isalnum((unsigned char)text[pos - 1])) ||
		    match_at(&sc, lx->certainty, pos) != 1) {
			pos++;
			continue;
		}
		end = pcre2_get_ovector_pointer(sc.md)[1];
		r = marked_rule(&sc);
		if (r && r->sub < 100 && (!hedge || r->sub < hedge))
			hedge = r->sub;
		if (r && r->sub > 100 && r->sub > sure)
			sure = r->sub;
		pos = end > pos ? end : pos + 1;
	}
	pcre2_match_data_free(sc.md);
	/* A hedge outweighs certainty: "could be confirmed" is a maybe. */
	if (hedge)
		return hedge / 100.0;
	return sure ? sure / 100.0 : 1.0;
}
