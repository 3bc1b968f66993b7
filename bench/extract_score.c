/*
 * Article extraction quality, scored from what `rumormill extract`
 * printed.  Two steps, so that the figures come from the real binary:
 *
 *   extract_score -l DIR [CORPUS-ROOT] >LIST
 *       write every page of both corpora, uncompressed, to
 *       DIR/body/ID.html (the article extraction benchmark) and
 *       DIR/dates/FILE.html (the htmldate set), and print the list
 *       for `rumormill extract --list`: URL<TAB>PATH, one page a line
 *   extract_score [-v] [-d ID-PREFIX] [-o DIR] [CORPUS-ROOT] <JSONL
 *       score the JSON lines `rumormill extract --list LIST` printed
 *
 * The body is scored as the benchmark publishes it (\w+ Unicode tokens,
 * 4-token shingles, multiset TP/FP/FN normalised per page, precision and
 * recall averaged over pages, F1 = 2PR/(P+R)); the date as the htmldate
 * set does (exact day; no date expected and none found counts as
 * correct).  A page with no line (extraction failed) scores as empty
 * text and no date.  -v prints per-page figures; -d prints the text
 * extracted for one page next to the expected one; -o writes each page's
 * text to DIR/ID.txt (to check the scoring with another implementation).
 * Output is key=value lines.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <errno.h>
#include <pcre2.h>
#include <stdint.h>
#include <sys/stat.h>

#include "bench/corpus.h"

#define SHINGLE 4 /* tokens per shingle, as published */
/* Largest JSON lines output read: both corpora print a few MB. */
#define JSONL_MAX ((size_t)1 << 30)
/* Subfolders of the page folder, by corpus (corpus_load's DATES). */
static const char *const set_dir[2] = { "body", "dates" };

struct hashes {
	uint64_t *v;
	size_t n;
};

static pcre2_code *word_re;
static const char *out_dir;
static pcre2_match_data *word_md;

static uint64_t
fnv(uint64_t h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Sorted hashes of the 4-token shingles of TEXT. */
static void
shingles(const char *text, struct hashes *out)
{
	size_t len = strlen(text), off = 0, nt = 0, cap = 0, i, k;
	size_t *ts = NULL, *tl = NULL;

	while (off <= len) {
		int rc = pcre2_match(word_re, (PCRE2_SPTR)text, len, off, 0,
				     word_md, NULL);
		PCRE2_SIZE *ov;

		if (rc < 0)
			break;
		ov = pcre2_get_ovector_pointer(word_md);
		if (nt == cap) {
			cap = cap ? cap * 2 : 256;
			ts = xreallocarray(ts, cap, sizeof(*ts));
			tl = xreallocarray(tl, cap, sizeof(*tl));
		}
		ts[nt] = ov[0];
		tl[nt++] = ov[1] - ov[0];
		off = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
	}
	out->n = nt >= SHINGLE ? nt - SHINGLE + 1 : 1;
	out->v = xreallocarray(NULL, out->n, sizeof(*out->v));
	for (i = 0; i < out->n; i++) {
		uint64_t h = 14695981039346656037ULL;

		for (k = i; k < i + SHINGLE && k < nt; k++) {
			h = fnv(h, text + ts[k], tl[k]);
			h = fnv(h, "\x1f", 1);
		}
		out->v[i] = h;
	}
	qsort(out->v, out->n, sizeof(*out->v), cmp_u64);
	free(ts);
	free(tl);
}

/* Per-page precision and recall; false when undefined. */
static void
score_page(const char *expect, const char *got, double *p, double *r,
	   int *pok, int *rok)
{
	struct hashes e, g;
	size_t i = 0, j = 0, tp = 0;

	shingles(expect, &e);
	shingles(got, &g);
	while (i < e.n && j < g.n) {
		if (e.v[i] == g.v[j]) {
			tp++;
			i++;
			j++;
		} else if (e.v[i] < g.v[j]) {
			i++;
		} else {
			j++;
		}
	}
	/* Normalising TP, FP and FN to sum to 1 leaves these ratios. */
	*pok = g.n > 0;
	*rok = e.n > 0;
	*p = g.n ? (double)tp / (double)g.n : 0;
	*r = e.n ? (double)tp / (double)e.n : 0;
	free(e.v);
	free(g.v);
}

static void
save_text(const char *id, const char *text)
{
	char path[CORPUS_PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.txt", out_dir, id);
	f = fopen(path, "w");
	if (f == NULL)
		return;
	fputs(text, f);
	fclose(f);
}

/* "body/ID.html" or "dates/FILE.html": where -l writes page I. */
static void
page_name(const struct corpus *c, int dates, size_t i, char *out,
	  size_t size)
{
	const char *base = strrchr(c->p[i].path, '/');
	size_t n;

	base = base ? base + 1 : c->p[i].path;
	n = strlen(base);
	if (n > 3 && strcmp(base + n - 3, ".gz") == 0)
		n -= 3;
	if (dates) /* the set's file names end in .html already */
		snprintf(out, size, "%s/%.*s", set_dir[1], (int)n, base);
	else
		snprintf(out, size, "%s/%s.html", set_dir[0], c->p[i].id);
}

/* Write each page of corpus DATES under DIR and its list line. */
static int
write_pages(const char *root, int dates, const char *dir)
{
	char name[CORPUS_PATH_MAX], path[2 * CORPUS_PATH_MAX + 8];
	struct corpus c;
	size_t i;
	int rc = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, set_dir[dates]);
	if (mkdir(path, 0755) && errno != EEXIST) {
		perror(path);
		return -1;
	}
	if (corpus_load(root, dates, 1, &c))
		return -1;
	for (i = 0; i < c.n && rc == 0; i++) {
		if (corpus_read(&c, i)) {
			rc = -1;
			break;
		}
		page_name(&c, dates, i, name, sizeof(name));
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		f = fopen(path, "wb");
		if (f == NULL || fwrite(c.p[i].html, 1, c.p[i].len, f) !=
					 c.p[i].len) {
			perror(path);
			rc = -1;
		}
		if (f && fclose(f)) {
			perror(path);
			rc = -1;
		}
		printf("%s\t%s\n", c.p[i].url, path);
		corpus_drop(&c, i);
	}
	corpus_free(&c);
	return rc;
}

/* What the JSON lines say about one page. */
struct got {
	char *text;      /* NULL when the page has no line */
	char *published; /* "" for none */
};

/*
 * The page of C[0] (the body set) or C[1] (the date set) whose name
 * FILE ends in, as an index into one array of both (body pages first);
 * C[0].n + C[1].n when none.
 */
static size_t
find_page(const struct corpus *c, const char *file)
{
	char name[CORPUS_PATH_MAX];
	size_t nl = strlen(file), n, i, base = 0;
	int set;

	for (set = 0; set < 2; base += c[set].n, set++) {
		for (i = 0; i < c[set].n; i++) {
			page_name(&c[set], set, i, name, sizeof(name));
			n = strlen(name);
			if (nl >= n && strcmp(file + nl - n, name) == 0 &&
			    (nl == n || file[nl - n - 1] == '/'))
				return base + i;
		}
	}
	return base;
}

/*
 * Read the JSON lines on standard input into GOT, one entry per page of
 * both corpora C (see find_page).  Returns 0 or -1.
 */
static int
read_lines(const struct corpus *c, struct got *got)
{
	size_t len, k, total = c[0].n + c[1].n;
	char *all, *line, *end;
	struct buf b;
	char chunk[65536];
	int rc = 0;

	buf_init(&b, JSONL_MAX);
	while ((len = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
		if (buf_append(&b, chunk, len)) {
			fprintf(stderr, "extract_score: input too large\n");
			buf_free(&b);
			return -1;
		}
	len = b.len;
	all = buf_steal(&b);
	/* JSON escapes newlines inside strings: a raw one ends a line. */
	for (line = all; line && line < all + len; line = end + 1) {
		json_t *j;
		const char *file, *text, *pub;

		end = memchr(line, '\n', (size_t)(all + len - line));
		if (end == NULL)
			end = all + len;
		if (end == line)
			continue;
		j = json_loadb(line, (size_t)(end - line), 0, NULL);
		file = json_string_value(json_object_get(j, "file"));
		text = json_string_value(json_object_get(j, "text"));
		pub = json_string_value(json_object_get(j, "published"));
		if (j == NULL || file == NULL) {
			fprintf(stderr, "extract_score: not an extract line\n");
			json_decref(j);
			rc = -1;
			break;
		}
		k = find_page(c, file);
		if (k < total && got[k].text == NULL) {
			got[k].text = xstrdup(text ? text : "");
			got[k].published = xstrdup(pub ? pub : "");
		}
		json_decref(j);
	}
	free(all);
	return rc;
}

static void
got_free(struct got *got, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(got[i].text);
		free(got[i].published);
	}
	free(got);
}

static void
score_body(const struct corpus *c, const struct got *got, int verbose,
	   const char *dump)
{
	double sp = 0, sr = 0, p, r;
	size_t np = 0, nr = 0, i;
	int pok, rok;

	for (i = 0; i < c->n; i++) {
		const char *text = got[i].text ? got[i].text : "";

		if (got[i].text == NULL)
			fprintf(stderr, "%s: no extraction\n", c->p[i].id);
		score_page(c->p[i].expect, text, &p, &r, &pok, &rok);
		if (pok) {
			sp += p;
			np++;
		}
		if (rok) {
			sr += r;
			nr++;
		}
		if (verbose)
			printf("page %.12s p=%.3f r=%.3f got=%zu want=%zu %s\n",
			       c->p[i].id, p, r, strlen(text),
			       strlen(c->p[i].expect), c->p[i].url);
		if (out_dir)
			save_text(c->p[i].id, text);
		if (dump && strncmp(c->p[i].id, dump, strlen(dump)) == 0)
			printf("=== got\n%s\n=== want\n%s\n", text,
			       c->p[i].expect);
	}
	p = np ? sp / (double)np : 0;
	r = nr ? sr / (double)nr : 0;
	printf("body_pages=%zu\n", c->n);
	printf("body_precision=%.4f\nbody_recall=%.4f\nbody_f1=%.4f\n", p, r,
	       p + r > 0 ? 2 * p * r / (p + r) : 0);
}

static void
score_dates(const struct corpus *c, const struct got *got, int verbose)
{
	size_t i, ok = 0;

	for (i = 0; i < c->n; i++) {
		const char *pub = got[i].published ? got[i].published : "";
		int good = strcmp(pub, c->p[i].expect) == 0;

		ok += good;
		if (verbose && !good)
			printf("date %s got=%s want=%s %s\n", c->p[i].id, pub,
			       c->p[i].expect, c->p[i].url);
	}
	printf("date_correct=%zu\ndate_total=%zu\ndate_accuracy=%.4f\n", ok,
	       c->n, c->n ? (double)ok / (double)c->n : 0);
}

/* Score the JSON lines on standard input against both corpora. */
static int
score(const char *root, int verbose, const char *dump)
{
	struct corpus c[2] = { 0 };
	struct got *got = NULL;
	size_t n;
	int rc = -1;

	if (corpus_load(root, 0, 1, &c[0]) || corpus_load(root, 1, 1, &c[1]))
		goto out;
	/* One array for both sets: body pages first, then date pages. */
	n = c[0].n + c[1].n;
	got = xcalloc(n ? n : 1, sizeof(*got));
	if (read_lines(c, got) != 0)
		goto out;
	score_body(&c[0], got, verbose, dump);
	score_dates(&c[1], got + c[0].n, verbose);
	rc = 0;
out:
	got_free(got, c[0].n + c[1].n);
	corpus_free(&c[0]);
	corpus_free(&c[1]);
	return rc;
}

int
main(int argc, char **argv)
{
	const char *dump = NULL, *pages = NULL;
	int verbose = 0, i = 1, err, rc;
	PCRE2_SIZE off;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-v") == 0)
			verbose = 1;
		else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			out_dir = argv[++i];
		else if (strcmp(argv[i], "-d") == 0 && i + 1 < argc)
			dump = argv[++i];
		else if (strcmp(argv[i], "-l") == 0 && i + 1 < argc)
			pages = argv[++i];
		else
			break;
	}
	if (pages) {
		if (mkdir(pages, 0755) && errno != EEXIST) {
			perror(pages);
			return 1;
		}
		return write_pages(corpus_root(argc, argv, i), 0, pages) ||
		       write_pages(corpus_root(argc, argv, i), 1, pages);
	}
	word_re = pcre2_compile((PCRE2_SPTR) "\\w+", PCRE2_ZERO_TERMINATED,
				PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK,
				&err, &off, NULL);
	if (word_re == NULL)
		return 2;
	pcre2_jit_compile(word_re, PCRE2_JIT_COMPLETE);
	word_md = pcre2_match_data_create_from_pattern(word_re, NULL);
	rc = score(corpus_root(argc, argv, i), verbose, dump);
	pcre2_match_data_free(word_md);
	pcre2_code_free(word_re);
	return rc ? 1 : 0;
}
