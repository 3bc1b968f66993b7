/*
 * The lexicon's insides, shared by its three jobs: loading the data
 * files (lexicon.c), building the scanner from them (lexicon_build.c)
 * and scanning text (lexicon_scan.c).  Not for other modules: they use
 * extract/lexicon.h.
 */
#ifndef RM_LEXICON_IMPL_H
#define RM_LEXICON_IMPL_H

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>
#include <stddef.h>
#include <stdint.h>

#include "common/claims.h"
#include "extract/devname.h"
#include "extract/lexicon.h"

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
	R_CLAIM,
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

struct keyword {
	const char *word;
	enum rkind kind;
	int nargs;      /* words between the keyword and the pattern */
	enum targ tmpl; /* "=> TEMPLATE" */
	int keep;       /* keep the compiled pattern for captures */
	enum lex_kind lex;
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
	struct claim_schema claims; /* claim lines: what attributes mean */
	int optimized; /* lexicon_optimize has run */
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

int lex_fail(struct loader *ld, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "WHERE: pattern does not compile: MESSAGE at offset OFF". */
int lex_fail_pcre(struct loader *ld, const char *where, int code,
		  size_t off);
/*
 * pcre2_compile (lexicon_optimize JIT-compiles later); *CODE, *OFF on
 * error.
 */
pcre2_code *lex_compile(const char *pat, uint32_t opts, int *code,
			size_t *off);
/* The scanner from the loaded lines: buckets, suffix, series... */
int lex_build(struct loader *ld);
/* Which two-byte starts can begin a match (the NEXT table). */
void lex_build_next(struct lexicon *lx);

static inline void
set_bit(uint8_t *set, unsigned c)
{
	set[c >> 3] |= (uint8_t)(1u << (c & 7));
}

static inline int
has_bit(const uint8_t *set, unsigned c)
{
	return set[c >> 3] & (1u << (c & 7));
}

#endif
