/*
 * What each claim attribute means, as data: the `claim` lines of the
 * lexicon (config/lexicon/80-attributes.lex).  One table read by
 * extraction (which values and cues make the claim), the store (what the
 * claim is about, what it links to), scoring (whether two values
 * contradict) and the command line (the attributes there are), so a new
 * attribute is one data line.
 */
#ifndef RM_CLAIMS_H
#define RM_CLAIMS_H

#include <stddef.h>

/* What a claim is about. */
enum claim_subject {
	CLAIM_OF_DEVICE,  /* "Xiaomi 14" launch 2023-10 */
	CLAIM_OF_CHIPSET, /* "Snapdragon 8 Gen 3" announce 2023-10-24 */
};

/* The kind of value, which is also what extraction reads it from. */
enum claim_value {
	CLAIM_VALUE_CHIP,   /* a chipset name: links to its entity */
	CLAIM_VALUE_OS,     /* an operating system or skin */
	CLAIM_VALUE_CAMERA, /* a camera maker */
	CLAIM_VALUE_DATE,   /* YYYY, YYYY-MM or YYYY-MM-DD */
	CLAIM_VALUE_TEXT,   /* what an `attr` line makes */
};

/* How two values of one subject's attribute relate. */
enum claim_agree {
	CLAIM_MANY,  /* several hold at once: "Android 15" and "HyperOS 2" */
	CLAIM_EQUAL, /* one value: two different ones contradict */
	CLAIM_DATE,  /* one date: equal, or one contains the other */
};

#define CLAIM_NAME_MAX 32

struct claim_kind {
	char name[CLAIM_NAME_MAX];   /* "chipset" */
	enum claim_subject subject;
	enum claim_value value;
	enum claim_agree agree;
	char cue[CLAIM_NAME_MAX];    /* the cue kind that makes it; "" none */
};

struct claim_schema {
	struct claim_kind *kinds; /* in the order the lines came */
	size_t n;
};

void claim_schema_init(struct claim_schema *cs);
void claim_schema_free(struct claim_schema *cs);

/*
 * Add the claim NAME from WORDS, "SUBJECT VALUE AGREE [CUE]" (device or
 * chipset; chip, os, camera, date or text; many, equal or date; a cue
 * kind or "-").  A later line for the same NAME replaces it.  0, or -1
 * with a message in ERR.
 */
int claim_schema_add(struct claim_schema *cs, const char *name,
		     const char *words, char *err, size_t errlen);

/* The kind named NAME, or NULL. */
const struct claim_kind *claim_schema_find(const struct claim_schema *cs,
					   const char *name);

#endif
