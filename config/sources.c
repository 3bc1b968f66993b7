/*
 * Source files: the key table, the per-file loader and URL matching.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include "config/sources.h"

#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <pcre2.h>

#include "common/ascii.h"
#include "common/buf.h"
#include "common/errors.h"
#include "common/regex.h"
#include "common/xalloc.h"
#include "config/values.h"
#include "crawler/url.h"
#include "extract/selector.h"

#define SECTION "source"
#define SUFFIX ".ini"

static int set_name(const struct cfg_key *k, void *obj, const char *value,
		    struct buf *err);
static int add_start(const struct cfg_key *k, void *obj, const char *value,
		     struct buf *err);
static int set_pattern(const struct cfg_key *k, void *obj, const char *value,
		       struct buf *err);
static int set_body(const struct cfg_key *k, void *obj, const char *value,
		    struct buf *err);

#define OFF(f) offsetof(struct source, f)
#define SEC 1000.0
#define DAY (86400 * SEC)

static const struct cfg_key keys[] = {
	{ "name", CFG_CUSTOM, NULL, 0, 0, OFF(name), set_name, false,
	  "name used on the command line: a-z, 0-9, '_', '.', '-' "
	  "(default: the file name without .ini)" },
	{ "start", CFG_CUSTOM, NULL, 0, 0, OFF(start), add_start, true,
	  "an http(s) URL where each crawl starts: a feed, sitemap or index "
	  "page (at least one)" },
	{ "follow", CFG_CUSTOM, NULL, 0, 0, OFF(follow), set_pattern, false,
	  "PCRE2 pattern that article URLs (normalised) match (required)" },
	{ "skip", CFG_CUSTOM, NULL, 0, 0, OFF(skip), set_pattern, false,
	  "PCRE2 pattern for URLs never to fetch, even when they follow" },
	{ "every", CFG_DURATION, "1h", 60 * SEC, 30 * DAY, OFF(every_ms), NULL,
	  false, "how often the source is crawled" },
	{ "delay", CFG_DURATION, "2s", 0, 60 * SEC, OFF(delay_ms), NULL, false,
	  "pause between two requests to the site (robots.txt Crawl-delay "
	  "wins when longer)" },
	{ "max_pages", CFG_INT, "200", 1, 100000, OFF(max_pages), NULL, false,
	  "most requests to the source in one run: start pages, "
	  "sitemaps, articles and redirects" },
	{ "body", CFG_CUSTOM, NULL, 0, 0, OFF(body), set_body, false,
	  "CSS selector of the article body, when automatic extraction "
	  "picks the wrong block" },
	{ "weight", CFG_FLOAT, "1.0", 0.1, 10, OFF(weight), NULL, false,
	  "how much a claim from this source counts towards a rumor's "
	  "confidence" },
	{ "enabled", CFG_BOOL, "yes", 0, 0, OFF(enabled), NULL, false,
	  "whether `rumormill crawl` visits the source" },
};

#define N_KEYS (sizeof(keys) / sizeof(keys[0]))

static bool
valid_name(const char *s, size_t len)
{
	if (len == 0 || len > SOURCE_NAME_MAX)
		return false;
	for (size_t i = 0; i < len; i++) {
		int c = (unsigned char)s[i];

		if (!(c >= 'a' && c <= 'z') && !ascii_isdigit(c) &&
		    c != '_' && c != '.' && c != '-')
			return false;
	}
	return true;
}

static int
set_name(const struct cfg_key *k, void *obj, const char *value,
	 struct buf *err)
{
	struct source *s = obj;

	if (!valid_name(value, strlen(value))) {
		buf_printf(err,
			   "%s: \"%s\" must be 1 to %d of a-z 0-9 _ . -",
			   k->name, value, SOURCE_NAME_MAX);
		return RM_ECONFIG;
	}
	free(s->name);
	s->name = xstrdup(value);
	return 0;
}

static int
add_start(const struct cfg_key *k, void *obj, const char *value,
	  struct buf *err)
{
	struct source *s = obj;
	char *url = NULL;

	if (url_normalize(value, &url) != 0) {
		buf_printf(err, "%s: \"%s\" is not an http or https URL",
			   k->name, value);
		return RM_ECONFIG;
	}
	strvec_add_unique(&s->start, url);
	free(url);
	return 0;
}

/*
 * Compile VALUE once, with JIT when the platform has it (the interpreter
 * otherwise: same results, slower).  The error names PCRE2's message and
 * the offset in the pattern.
 */
static int
set_pattern(const struct cfg_key *k, void *obj, const char *value,
	    struct buf *err)
{
	struct source *s = obj;
	bool follow = strcmp(k->name, "follow") == 0;
	char **src = follow ? &s->follow : &s->skip;
	pcre2_code **re = follow ? &s->follow_re : &s->skip_re;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE offset;
	pcre2_code *code;
	int code_err;

	code = pcre2_compile((PCRE2_SPTR)value, PCRE2_ZERO_TERMINATED, 0,
			     &code_err, &offset, NULL);
	if (!code) {
		pcre2_get_error_message(code_err, msg, sizeof(msg));
		buf_printf(err, "%s: bad pattern at offset %zu: %s", k->name,
			   (size_t)offset, (const char *)msg);
		return RM_ECONFIG;
	}
	regex_jit(code);
	pcre2_code_free(*re);
	free(*src);
	*re = code;
	*src = xstrdup(value);
	return 0;
}

static int
set_body(const struct cfg_key *k, void *obj, const char *value,
	 struct buf *err)
{
	struct source *s = obj;
	struct selector *sel = NULL;
	char *why = NULL;

	if (selector_parse(value, &sel, &why) != 0) {
		buf_printf(err, "%s: bad selector: %s", k->name,
			   why ? why : "invalid");
		free(why);
		return RM_ECONFIG;
	}
	selector_free(sel);
	free(s->body);
	s->body = xstrdup(value);
	return 0;
}

static void
source_free(struct source *s)
{
	if (!s)
		return;
	free(s->name);
	free(s->file);
	strvec_free(&s->start);
	free(s->follow);
	free(s->skip);
	free(s->body);
	pcre2_code_free(s->follow_re);
	pcre2_code_free(s->skip_re);
	free(s);
}

/* Load DIR/FILE; NULL when it had errors (reported into ERRORS). */
static struct source *
load_file(const char *dir, const char *file, struct buf *errors,
	  size_t *n_errors)
{
	struct buf path;
	size_t before = *n_errors;
	size_t stem = strlen(file) - strlen(SUFFIX);
	struct source *s = xcalloc(1, sizeof(*s));
	bool bad_lines;

	buf_init(&path, 4096 + 256);
	if (buf_printf(&path, "%s/%s", dir, file) != 0) {
		cfg_error(errors, n_errors, file, 0, "path too long");
		goto fail;
	}
	cfg_defaults(keys, N_KEYS, s);
	if (cfg_load_file(buf_str(&path), SECTION, keys, N_KEYS, s, errors,
			  n_errors) != 0)
		goto fail;
	/* A follow pattern that failed to compile was reported already. */
	bad_lines = *n_errors != before;
	if (!s->name) {
		if (!valid_name(file, stem))
			cfg_error(errors, n_errors, buf_str(&path), 0,
				  "file name is not a valid source name "
				  "(a-z 0-9 _ . -); set \"name\"");
		else
			s->name = xstrndup(file, stem);
	}
	if (s->start.n == 0)
		cfg_error(errors, n_errors, buf_str(&path), 0,
			  "no \"start\" URL given");
	if (!bad_lines && !s->follow)
		cfg_error(errors, n_errors, buf_str(&path), 0,
			  "no \"follow\" pattern given");
	if (*n_errors != before)
		goto fail;
	s->file = buf_steal(&path);
	return s;
fail:
	buf_free(&path);
	source_free(s);
	return NULL;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.ini names in DIR, sorted; RM_EIO if it cannot be read. */
static int
list_dir(const char *dir, struct strvec *names, struct buf *errors,
	 size_t *n_errors)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d) {
		cfg_error(errors, n_errors, dir, 0, "%s", strerror(errno));
		return RM_EIO;
	}
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.' || len <= strlen(SUFFIX) ||
		    strcmp(de->d_name + len - strlen(SUFFIX), SUFFIX) != 0)
			continue;
		if (names->n >= SOURCES_MAX_FILES) {
			cfg_error(errors, n_errors, dir, 0,
				  "more than %d source files",
				  SOURCES_MAX_FILES);
			break;
		}
		strvec_push(names, de->d_name);
	}
	closedir(d);
	if (names->n)
		qsort(names->v, names->n, sizeof(*names->v), cmp_names);
	return 0;
}

int
sources_ignored(const char *dir, struct strvec *out)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0;

	if (!d)
		return RM_EIO;
	while ((de = readdir(d)) != NULL && n < SOURCES_MAX_FILES) {
		size_t len = strlen(de->d_name);
		struct stat st;
		struct buf path;

		/* Hidden files (an editor's swap file) are nobody's source. */
		if (de->d_name[0] == '.' ||
		    (len > strlen(SUFFIX) &&
		     strcmp(de->d_name + len - strlen(SUFFIX), SUFFIX) == 0))
			continue;
		buf_init(&path, (size_t)-1 / 2);
		buf_printf(&path, "%s/%s", dir, de->d_name);
		if (stat(buf_str(&path), &st) == 0 && S_ISREG(st.st_mode)) {
			strvec_push(out, de->d_name);
			n++;
		}
		buf_free(&path);
	}
	closedir(d);
	if (out->n) /* qsort may not be given the NULL of an empty list */
		qsort(out->v, out->n, sizeof(*out->v), cmp_names);
	return 0;
}

int
sources_load_dir(const char *dir, struct source_list **out, char **err)
{
	struct strvec names = STRVEC_INIT;
	struct source_list *l = xcalloc(1, sizeof(*l));
	struct buf errors;
	size_t n_errors = 0;
	int rc;

	buf_init(&errors, 256 * 1024);
	rc = list_dir(dir, &names, &errors, &n_errors);
	if (rc == 0)
		l->v = xcalloc(names.n ? names.n : 1, sizeof(*l->v));
	for (size_t i = 0; rc == 0 && i < names.n; i++) {
		struct source *s = load_file(dir, names.v[i], &errors,
					     &n_errors);
		const struct source *dup;

		if (!s)
			continue;
		dup = sources_find(l, s->name);
		if (dup) {
			cfg_error(&errors, &n_errors, s->file, 0,
				  "source name \"%s\" is also used by %s",
				  s->name, dup->file);
			source_free(s);
			continue;
		}
		l->v[l->n++] = s;
	}
	if (rc == 0 && n_errors)
		rc = RM_ECONFIG;
	if (rc) {
		cfg_errors_finish(&errors, n_errors);
		*err = buf_steal(&errors);
		sources_free(l);
	} else {
		*out = l;
	}
	strvec_free(&names);
	buf_free(&errors);
	return rc;
}

const struct source *
sources_find(const struct source_list *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i]->name, name) == 0)
			return l->v[i];
	return NULL;
}

/* 1 if RE matches URL, 0 if not, RM_ELIMIT past the match limit. */
static int
matches(const pcre2_code *re, const char *url)
{
	pcre2_match_context *ctx = pcre2_match_context_create(NULL);
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	int rc;

	if (!ctx || !md)
		abort();
	pcre2_set_match_limit(ctx, SOURCE_MATCH_LIMIT);
	pcre2_set_depth_limit(ctx, SOURCE_MATCH_LIMIT);
	rc = pcre2_match(re, (PCRE2_SPTR)url, PCRE2_ZERO_TERMINATED, 0, 0, md,
			 ctx);
	pcre2_match_data_free(md);
	pcre2_match_context_free(ctx);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	return RM_ELIMIT;
}

int
source_wants(const struct source *s, const char *url)
{
	int rc = matches(s->follow_re, url);

	if (rc != 1 || !s->skip_re)
		return rc;
	rc = matches(s->skip_re, url);
	return rc < 0 ? rc : !rc;
}

void
sources_free(struct source_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		source_free(l->v[i]);
	free(l->v);
	free(l);
}

void
sources_describe(FILE *out)
{
	fprintf(out, "[%s]\n", SECTION);
	cfg_describe(keys, N_KEYS, out);
}
