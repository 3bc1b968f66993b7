/*
 * Splitting article text into sentences: claims are attributed within a
 * sentence, so a paragraph break, a line break (a heading) and sentence
 * punctuation followed by a capital all end one.
 */
#ifndef RM_SENTENCES_H
#define RM_SENTENCES_H

#include <stddef.h>

struct sentence {
	size_t start; /* byte offsets into the text, END exclusive */
	size_t end;
	size_t paragraph; /* counts blank-line separated paragraphs from 0 */
};

/*
 * Split TEXT[0..LEN) into at most MAX sentences stored in OUT, white space
 * trimmed, empty ones skipped.  Sets *N.  Returns 0, or RM_ETOOLARGE when
 * more than MAX were found (the first MAX are stored).
 */
int sentences_split(const char *text, size_t len, struct sentence *out,
		    size_t max, size_t *n);

#endif
