#include "common/claims.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"

#define CLAIM_KINDS_MAX 256

static const char *const subjects[] = {
	[CLAIM_OF_DEVICE] = "device",
	[CLAIM_OF_CHIPSET] = "chipset",
};

static const char *const values[] = {
	[CLAIM_VALUE_CHIP] = "chip", [CLAIM_VALUE_OS] = "os",
	[CLAIM_VALUE_CAMERA] = "camera", [CLAIM_VALUE_DATE] = "date",
	[CLAIM_VALUE_TEXT] = "text",
};

static const char *const agrees[] = {
	[CLAIM_MANY] = "many",
	[CLAIM_EQUAL] = "equal",
	[CLAIM_DATE] = "date",
};

void
claim_schema_init(struct claim_schema *cs)
{
	cs->kinds = NULL;
	cs->n = 0;
}

void
claim_schema_free(struct claim_schema *cs)
{
	free(cs->kinds);
	claim_schema_init(cs);
}

/* The index of WORD in NAMES[0..N), or -1. */
static int
lookup(const char *word, size_t len, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(names[i]) == len && memcmp(names[i], word, len) == 0)
			return (int)i;
	return -1;
}

/* The next blank-separated word of *P: its start, *LEN its length. */
static const char *
word(const char **p, size_t *len)
{
	const char *s = *p;

	while (*s == ' ' || *s == '\t')
		s++;
	*len = strcspn(s, " \t");
	*p = s + *len;
	return s;
}

int
claim_schema_add(struct claim_schema *cs, const char *name,
		 const char *words, char *err, size_t errlen)
{
	struct claim_kind k = { 0 };
	const char *p = words, *w;
	size_t len;
	int i;

	if (!*name || strlen(name) >= CLAIM_NAME_MAX ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyz_0123456789") !=
		    strlen(name)) {
		snprintf(err, errlen,
			 "claim name '%s' is not [a-z0-9_] (at most %d bytes)",
			 name, CLAIM_NAME_MAX - 1);
		return -1;
	}
	memcpy(k.name, name, strlen(name) + 1);
	w = word(&p, &len);
	if ((i = lookup(w, len, subjects, 2)) < 0)
		goto bad;
	k.subject = (enum claim_subject)i;
	w = word(&p, &len);
	if ((i = lookup(w, len, values, 5)) < 0)
		goto bad;
	k.value = (enum claim_value)i;
	w = word(&p, &len);
	if ((i = lookup(w, len, agrees, 3)) < 0)
		goto bad;
	k.agree = (enum claim_agree)i;
	w = word(&p, &len);
	if (len >= CLAIM_NAME_MAX)
		goto bad;
	if (len && !(len == 1 && *w == '-'))
		memcpy(k.cue, w, len);
	word(&p, &len);
	if (len)
		goto bad;
	for (size_t j = 0; j < cs->n; j++)
		if (strcmp(cs->kinds[j].name, k.name) == 0) {
			cs->kinds[j] = k;
			return 0;
		}
	if (cs->n >= CLAIM_KINDS_MAX) {
		snprintf(err, errlen, "%s", "too many claim lines");
		return -1;
	}
	cs->kinds = xreallocarray(cs->kinds, cs->n + 1, sizeof(*cs->kinds));
	cs->kinds[cs->n++] = k;
	return 0;
bad:
	snprintf(err, errlen,
		 "want 'claim NAME SUBJECT VALUE AGREE [CUE]': SUBJECT "
		 "device or chipset, VALUE chip, os, camera, date or text, "
		 "AGREE many, equal or date");
	return -1;
}

const struct claim_kind *
claim_schema_find(const struct claim_schema *cs, const char *name)
{
	for (size_t i = 0; cs && name && i < cs->n; i++)
		if (strcmp(cs->kinds[i].name, name) == 0)
			return &cs->kinds[i];
	return NULL;
}
