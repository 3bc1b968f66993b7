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

struct lexicon;

/*
 * Load the data files from each directory of DIRS (NULL-terminated, in
 * order; later directories extend earlier ones; missing directories are
 * skipped).  On failure returns RM_ECONFIG and sets *ERR to a message
 * "FILE:LINE: what is wrong" that the caller frees.
 */
int lexicon_load(const char *const *dirs, struct lexicon **out, char **err);
void lexicon_free(struct lexicon *lx);

#endif
