/*
 * The extractor's knowledge, loaded from data files a user can extend
 * (config/lexicon/ and the user's own lexicon/ directory): brands and
 * their model-name patterns, chipset families, date and launch cue words,
 * attribute patterns.  Every pattern is compiled once with PCRE2 and JIT;
 * a bad pattern is reported with its file and line.
 *
 * A loaded lexicon is read-only and may be shared by threads.
 */
#ifndef RM_LEXICON_H
#define RM_LEXICON_H

#include <stddef.h>

#include "extract/dates.h"

struct lexicon;

/*
 * Load the data files from each directory of DIRS (NULL-terminated, in
 * order; later directories extend earlier ones; missing directories are
 * skipped).  On failure returns RM_ECONFIG and sets *ERR to a message
 * "FILE:LINE: what is wrong" that the caller frees.
 */
int lexicon_load(const char *const *dirs, struct lexicon **out, char **err);
void lexicon_free(struct lexicon *lx);

/*
 * Make scanning with LX faster: its patterns compiled to machine code
 * (PCRE2 JIT, unless turned off: common/regex.h) and a table of the
 * two-byte starts that can begin a name, so most words cost a look-up.
 * That costs tens of milliseconds once and saves about a tenth of every
 * page's extraction, so a command that extracts one page does without
 * and one that extracts many calls this first, before threads share LX.
 */
void lexicon_optimize(struct lexicon *lx);

/* The cue kind called NAME ("launch", "chipset"), or -1. */
int lexicon_cue_kind(const char *name);

/* What each claim attribute means: the lexicon's `claim` lines. */
struct claim_schema;
const struct claim_schema *lexicon_claims(const struct lexicon *lx);

/* What a piece of text is, by the lexicon line that matched it. */
enum lex_kind {
	LEX_DEVICE,    /* a phone: VALUE canonical name, ARG brand */
	LEX_CHIP,      /* a chipset: VALUE canonical name, ARG brand */
	LEX_OS,        /* VALUE canonical OS name ("One UI 6") */
	LEX_CAMERA,    /* a camera maker: VALUE its name ("Leica") */
	LEX_ATTR,      /* ARG attribute ("sensor_size"), VALUE its value */
	LEX_DATE,      /* DATE holds the expression */
	LEX_BRAND,     /* a phone maker named alone: ARG the brand */
	LEX_CHIPMAKER, /* a chip maker named alone: ARG the maker */
	LEX_REGION,    /* ARG the region ("China", "global") */
	LEX_CUE,       /* SUB says which (enum lex_cue) */
	LEX_HOLIDAY,   /* a shopping holiday: its dates are no launches */
	LEX_EVENT,     /* an event: ARG the company holding it, "-" none */
};

enum lex_cue {
	CUE_LAUNCH,   /* launch, debut, unveil, go on sale... */
	CUE_CHIPSET,  /* powered by, come with, pack... */
	CUE_CAMERA,   /* collaboration, co-engineered, lens... */
	CUE_OS,       /* run, ship with, out of the box... */
	CUE_FIRST,    /* initial, first: a market that gets it first */
	CUE_RELATIVE, /* which, that: a clause about the word before */
	CUE_DEVICE,   /* phone, smartphone, device: the article's device */
	CUE_NEGATION, /* not, never, won't: the cue after it is denied */
	CUE_OTHER,    /* than, unlike, last year's: the name after it is
			 not the subject */
	CUE_OTHER_BEFORE, /* successor, rival: nor the name before it */
	CUE_VERSUS,   /* vs: nor the names on either side */
	CUE_ITEM,     /* update, beta, case: the thing a date is about */
	CUE_NOLAUNCH, /* $100 off, until, made the announcement: its dates
			 are no launches */
	CUE_CANCEL,   /* cancelled, delayed: no launch in the sentence */
	CUE_PAST,     /* was, had: a month without a year is a past one */
	CUE_FUTURE,   /* will, expected to: a month ahead */
	CUE_LAUNCHED, /* launched, went on sale: a launch cue, past tense */
	CUE_COUNT
};

#define LEX_VALUE_MAX 64

struct lex_token {
	enum lex_kind kind;
	int sub;           /* enum lex_cue for LEX_CUE */
	size_t start, end; /* byte offsets into the text, END exclusive */
	const char *arg;   /* lexicon-owned; "" when the kind has none */
	char value[LEX_VALUE_MAX]; /* canonical form; "" when none */
	int series;        /* a device named as a series/lineup/family */
	const char *dtype; /* devices: "phone", "tablet", "watch", or "" */
	struct date_expr date; /* LEX_DATE only */
};

/*
 * Find every lexicon word in TEXT[0..LEN), left to right, without
 * overlaps, in one pass of the combined pattern.  Stores at most MAX
 * tokens in OUT and sets *N.  Returns 0; RM_ELIMIT when a match budget
 * ran out or MAX was reached (OUT holds the tokens before that point).
 */
int lexicon_scan(const struct lexicon *lx, const char *text, size_t len,
		 struct lex_token *out, size_t max, size_t *n);

/*
 * How sure TEXT[0..LEN) (a claim's sentence) sounds, from the lexicon's
 * `certainty` lines: the lowest factor below 1 among the hedges found
 * ("could", "rumored"), else the highest above 1 ("confirmed"), else 1.
 */
double lexicon_certainty(const struct lexicon *lx, const char *text,
			 size_t len);

#endif
