/*
 * Rumor extraction from an article's text: which devices and chipsets it
 * names, and what it claims about them (chipset, launch date resolved
 * against the publication date, camera partner, OS, sensor size...).
 * Thread-safe for a shared lexicon.
 */
#ifndef RM_RUMORS_H
#define RM_RUMORS_H

#include <stddef.h>

#include "common/date.h"
#include "common/rumor.h"
#include "extract/lexicon.h"

/*
 * Fill OUT (initialised by the caller with rumor_set_init) from TITLE
 * (may be NULL) and TEXT, paragraphs separated by blank lines.
 * PUBLISHED anchors relative dates ("this July"); when NULL, relative
 * dates that need it are not resolved.  Returns 0, or RM_ELIMIT when a
 * matching budget ran out (OUT then holds what was found before).
 */
int rumors_extract(const struct lexicon *lx, const char *title,
		   const char *text, size_t len, const struct ymd *published,
		   struct rumor_set *out);

#endif
