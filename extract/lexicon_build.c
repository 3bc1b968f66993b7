/*
 * Building the scanner from the loaded lines: each line's top-level
 * alternatives grouped by the bytes they may start with (PCRE2's own
 * start-of-match study), one anchored alternation a group, and a table
 * of which two-byte starts can begin a match at all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ascii.h"
#include "common/buf.h"
#include "common/xalloc.h"
#include "extract/lexicon_impl.h"

#define LEX_PIECES_MAX 256 /* top-level alternatives of one line */

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
		rc = lex_fail(ld, "lexicon", "%s", "combined pattern too long");
		goto out;
	}
	*out = lex_compile(buf_str(&b),
		       PCRE2_ANCHORED | PCRE2_CASELESS | PCRE2_DUPNAMES, &code,
		       &off);
	if (!*out) {
		/* Name the line whose alternative holds the error offset. */
		size_t k = 0;

		while (k + 1 < n && starts[k + 1] <= off)
			k++;
		rc = lex_fail_pcre(ld, lx->rules[idx[k]].where, code, off);
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
void
lex_build_next(struct lexicon *lx)
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
		return lex_fail(ld, "lexicon", "%s", "combined pattern too long");
	}
	*out = lex_compile(buf_str(&b),
		       PCRE2_ANCHORED | PCRE2_CASELESS | PCRE2_DUPNAMES, &code,
		       &off);
	if (!*out) {
		/* Each line compiled alone: name the first piece's line. */
		rc = lex_fail_pcre(ld, lx->rules[pc[idx[0]].rule].where, code,
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
	/* Every two-byte start may match until lexicon_optimize knows. */
	if (rc == 0)
		memset(lx->next, 0xff, sizeof(lx->next));
	if (rc == 0 && lx->ncodes == 0)
		rc = lex_fail(ld, "lexicon", "%s", "no patterns loaded");
	return rc;
}

int
lex_build(struct loader *ld)
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

