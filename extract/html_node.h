/*
 * Small helpers over the gumbo tree shared by the html_* files: attribute
 * look-up, whitespace-collapsed text of an element, class/id tests.
 * Internal to extract/.
 */
#ifndef RM_HTML_NODE_H
#define RM_HTML_NODE_H

#include <stdbool.h>
#include <stddef.h>

#include <gumbo.h>

#include "common/buf.h"

/* Elements visited by any walk below; deeper ones are ignored. */
#define HNODE_DEPTH_MAX 512

/* The value of attribute NAME of element N, or NULL. */
const char *hnode_attr(const GumboNode *n, const char *name);
/* True when N is an element with tag T. */
bool hnode_is(const GumboNode *n, GumboTag t);
/* True when T never holds readable text (script, style, svg...). */
bool hnode_tag_is_code(GumboTag t);
/* True when T starts a new block of text (p, div, li, h2, br...). */
bool hnode_tag_is_block(GumboTag t);

/*
 * Append the text under N to B with white space (and no-break spaces)
 * collapsed to single spaces, skipping code elements; at most MAX
 * bytes are added.  A single leading or trailing space may remain.
 */
void hnode_text(const GumboNode *n, struct buf *b, size_t max);
/* hnode_text into a new trimmed string (caller frees); NULL if empty. */
char *hnode_text_dup(const GumboNode *n, size_t max);

/* Append S[0..N) to B collapsing white space; *SPACE carries whether the
 * last byte written was a space across calls. */
void hnode_append_collapsed(struct buf *b, const char *s, size_t n,
			    bool *space);

/* Trimmed, white-space-collapsed copy of S (caller frees); NULL when
 * S is NULL or blank. */
char *hnode_clean_dup(const char *s, size_t max);

/*
 * Pre-order iteration over the elements under a root, without recursion;
 * elements deeper than HNODE_DEPTH_MAX are not visited.
 */
struct hnode_walk {
	const GumboNode *stack[HNODE_DEPTH_MAX];
	unsigned idx[HNODE_DEPTH_MAX];
	size_t sp;
	const GumboNode *last;
};

void hnode_walk_init(struct hnode_walk *w, const GumboNode *root);
/* The next element, or NULL at the end.  With SKIP, the children of the
 * element returned last are not visited. */
const GumboNode *hnode_walk_next(struct hnode_walk *w, bool skip);

/* The first element with tag T under ROOT (pre-order), or NULL. */
GumboNode *hnode_find(GumboNode *root, GumboTag t);

#endif
