/*
 * The CSS selector subset a source's configuration uses to name its
 * article body: type, .class, #id, [attr], [attr=value] (value quoted or
 * not), compounds of these (div.a#b[x]), descendant (space) and child (>)
 * combinators, and comma-separated lists.
 */
#ifndef RM_SELECTOR_H
#define RM_SELECTOR_H

#include <stdbool.h>

#include <gumbo.h>

/* Input limits: longer selectors are refused. */
#define SELECTOR_LEN_MAX 1024
#define SELECTOR_ALTS_MAX 16     /* comma-separated alternatives */
#define SELECTOR_STEPS_MAX 16    /* compounds in one alternative */
#define SELECTOR_SIMPLES_MAX 16  /* conditions in one compound */

struct selector;

/*
 * Parse S into *OUT (release with selector_free).  On failure returns
 * RM_EINVAL or RM_ETOOLARGE and, when ERR is not NULL, sets *ERR to a
 * message naming the offset (caller frees).
 */
int selector_parse(const char *s, struct selector **out, char **err);
void selector_free(struct selector *sel);

/* True when element N (with its ancestors) matches any alternative. */
bool selector_match(const struct selector *sel, const GumboNode *n);

#endif
