/*
 * Loading the lexicon's data files: each line parsed, its pattern's
 * macros expanded and compiled alone (so an error names its file and
 * line), maker and name lines handed to the device grammar, catalogue
 * files to its catalogue.  Then lexicon_build.c makes the scanner.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/ascii.h"
#include "common/buf.h"
#include "common/errors.h"
#include "common/regex.h"
#include "common/xalloc.h"
#include "extract/lexicon_impl.h"

static const struct keyword keywords[] = {
	{ "define", R_DEFINE, 1, T_NONE, 0, 0 },
	{ "month", R_MONTH, 1, T_NONE, 1, 0 },
	{ "suffix", R_SUFFIX, 0, T_REQUIRED, 0, 0 },
	{ "series", R_SERIES, 0, T_NONE, 0, 0 },
	{ "notafter", R_NOTAFTER, 0, T_NONE, 0, 0 },
	{ "certainty", R_CERTAINTY, 1, T_NONE, 0, 0 },
	{ "maker", R_MAKER, 1, T_NONE, 0, 0 },
	{ "name", R_NAME, 1, T_REQUIRED, 0, 0 },
	{ "claim", R_CLAIM, 1, T_NONE, 0, 0 },
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
	[CUE_OTHER] = "other",       [CUE_OTHER_BEFORE] = "other_before",
	[CUE_VERSUS] = "versus",     [CUE_ITEM] = "item",
	[CUE_NOLAUNCH] = "nolaunch", [CUE_CANCEL] = "cancel",
	[CUE_PAST] = "past",         [CUE_FUTURE] = "future",
	[CUE_LAUNCHED] = "launched",
};

/* Set the "WHERE: message" error and return RM_ECONFIG. */
int
lex_fail(struct loader *ld, const char *where, const char *fmt, ...)
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

int
lex_fail_pcre(struct loader *ld, const char *where, int code, size_t off)
{
	PCRE2_UCHAR msg[256];

	if (pcre2_get_error_message(code, msg, sizeof(msg)) < 0)
		snprintf((char *)msg, sizeof(msg), "error %d", code);
	return lex_fail(ld, where, "pattern does not compile: %s at offset %zu",
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
			return lex_fail(ld, where, "undefined macro {%s}", name);
		}
		rc = buf_printf(&b, "(?:%s)", val);
		p += n + 1;
	}
	if (rc) {
		buf_free(&b);
		return lex_fail(ld, where, "%s", "pattern too long");
	}
	*out = b.len ? buf_steal(&b) : xstrdup("");
	buf_free(&b);
	return 0;
}

pcre2_code *
lex_compile(const char *pat, uint32_t opts, int *code, size_t *off)
{
	PCRE2_SIZE eoff = 0;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
				       opts, code, &eoff, NULL);

	*off = eoff;
	return re;
}

void
lexicon_optimize(struct lexicon *lx)
{
	if (lx->optimized)
		return;
	lex_build_next(lx);
	for (size_t i = 0; i < lx->ncodes; i++)
		regex_jit(lx->codes[i]);
	for (size_t i = 0; i < lx->nrules; i++)
		if (lx->rules[i].re)
			regex_jit(lx->rules[i].re);
	if (lx->suffix)
		regex_jit(lx->suffix);
	if (lx->series)
		regex_jit(lx->series);
	if (lx->notafter)
		regex_jit(lx->notafter);
	if (lx->certainty)
		regex_jit(lx->certainty);
	lx->optimized = 1;
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
	return lex_fail(ld, r->where,
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
				return lex_fail(ld, r->where,
					    "macro name '%s' is not [A-Z][A-Z0-9_]*",
					    r->arg);
		return 0;
	case R_MONTH:
		if (parse_uint(r->arg, 12, &n) || n == 0)
			return lex_fail(ld, r->where, "month '%s' is not 1-12",
				    r->arg);
		r->sub = (int)n;
		return 0;
	case R_DATE:
		if (dates_parse_rule(r->arg, &r->date.rule, &r->date.offset))
			return lex_fail(ld, r->where,
				    "date rule '%s' is not abs, start, past, "
				    "day+N, weekmonth+N, weekday+D, "
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
		return lex_fail(ld, r->where, "unknown cue kind '%s'", r->arg);
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
	r->re = lex_compile(wrapped, opts, &code, &off);
	if (!r->re) {
		/* Offsets count in the line's pattern, not the wrapper. */
		rc = lex_fail_pcre(ld, r->where, code,
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
			rc = lex_fail(ld, r->where, "%s",
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
		return lex_fail(ld, where, "unknown keyword '%s'", word);
	r.where = xstrdup(where);
	r.arg = xstrdup("");
	if (r.kw->nargs) {
		word = next_word(&p);
		if (!word) {
			rc = lex_fail(ld, where, "'%s' needs an argument",
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
		rc = lex_fail(ld, where, "'%s' needs '=> TEMPLATE'", r.kw->word);
		goto fail;
	}
	if (r.kw->tmpl == T_NONE && tmpl) {
		rc = lex_fail(ld, where, "'%s' takes no '=> TEMPLATE'",
			  r.kw->word);
		goto fail;
	}
	r.tmpl = xstrdup_or_null(tmpl);
	pat = (char *)ascii_trim(p, strlen(p), &pl);
	pat[pl] = '\0';
	if (!pl) {
		rc = lex_fail(ld, where, "'%s' needs a pattern", r.kw->word);
		goto fail;
	}
	if (r.kw->kind == R_MAKER || r.kw->kind == R_NAME ||
	    r.kw->kind == R_CLAIM) {
		char msg[256];

		rc = r.kw->kind == R_MAKER
			     ? devname_add_maker(lx->names, r.arg, pat, msg,
						 sizeof(msg))
			: r.kw->kind == R_NAME
			     ? devname_add_line(lx->names, r.arg, pat, r.tmpl,
						msg, sizeof(msg))
			     : claim_schema_add(&lx->claims, r.arg, pat, msg,
						sizeof(msg));
		if (rc)
			rc = lex_fail(ld, where, "%s", msg);
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
			rc = lex_fail(ld, where, "%s", "too many macros");
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
		rc = lex_fail(ld, where, "%s", "too many lexicon lines");
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
		rc = lex_fail(ld, path, "%s", strerror(errno));
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
		rc = lex_fail(ld, path, "%s",
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
			       : lex_fail(ld, dir, "%s", strerror(errno));
	while ((de = readdir(d)) != NULL && rc == 0) {
		if (!is_lex_file(dir, de->d_name))
			continue;
		if (n >= LEX_FILES_MAX)
			rc = lex_fail(ld, dir, "%s", "too many .lex files");
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
 * Every attribute an `attr` line makes is declared by a `claim` line, and
 * every claim's cue is a cue kind: the schema is whole before use.
 */
static int
check_claims(struct loader *ld)
{
	const struct lexicon *lx = ld->lx;

	for (size_t i = 0; i < lx->nrules; i++) {
		const struct rule *r = &lx->rules[i];

		if (r->kw->kind == R_ATTR &&
		    !claim_schema_find(&lx->claims, r->arg))
			return lex_fail(ld, r->where,
					"attribute '%s' has no 'claim %s' line",
					r->arg, r->arg);
	}
	for (size_t i = 0; i < lx->claims.n; i++) {
		const char *cue = lx->claims.kinds[i].cue;
		int known = !*cue;

		known = known || lexicon_cue_kind(cue) >= 0;
		if (!known)
			return lex_fail(ld, "lexicon",
					"claim '%s': unknown cue kind '%s'",
					lx->claims.kinds[i].name, cue);
	}
	return 0;
}

int
lexicon_cue_kind(const char *name)
{
	for (int c = 0; c < CUE_COUNT; c++)
		if (strcmp(name, cue_names[c]) == 0)
			return c;
	return -1;
}

const struct claim_schema *
lexicon_claims(const struct lexicon *lx)
{
	return &lx->claims;
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
		rc = check_claims(ld);
	if (rc == 0)
		rc = lex_build(ld);
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
	claim_schema_free(&lx->claims);
	free(lx);
}

