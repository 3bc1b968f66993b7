/*
 * Fingerprints of an article's body for finding copies: a 64-bit
 * SimHash (Charikar 2002) over word 3-shingles, and an exact hash of the
 * same normalised words.  Pure functions of the text: no state, safe
 * from any thread.
 *
 * Normalisation: words are runs of ASCII letters and digits and of
 * non-ASCII bytes, lower-cased (ASCII); everything else separates them.
 * So case, punctuation, white space and markup leftovers do not change
 * either hash, and "Pre-orders" equals "pre orders".
 *
 * Two bodies whose SimHashes differ in at most SIMHASH_NEAR_BITS bits
 * are near duplicates.  Manku, Jain and Das Sarma ("Detecting
 * near-duplicates for web crawling", WWW 2007) use k = 3 for whole web
 * pages; on article bodies alone k = 3 misses a third of the copies that
 * only add a credit line, while no two unrelated bodies of the
 * extraction benchmark come closer than 16 bits (bench/simhash_calib,
 * figures in docs/confidence.md), so k = 6.  The fingerprint is cut into
 * SIMHASH_BANDS = k + 1 bands (six of 9 bits, one of 10): two
 * fingerprints within k bits agree exactly on at least one band
 * (pigeonhole), so the store finds candidates by indexed band lookups.
 */
#ifndef RM_SIMHASH_H
#define RM_SIMHASH_H

#include <stddef.h>
#include <stdint.h>

#define SIMHASH_NEAR_BITS 6
/*
 * Fewer shingles than this and the SimHash says too little: a short
 * teaser shares most of its few shingles with any article on the same
 * phone.  Such bodies get only the exact hash.
 */
#define SIMHASH_MIN_SHINGLES 24
#define SIMHASH_BANDS (SIMHASH_NEAR_BITS + 1)
/*
 * Fewer words than this get no exact hash either: the same short teaser
 * ("Pixel 9 launches in August.") on two sites is no sign of copying.
 */
#define SIMHASH_MIN_EXACT_WORDS 12

struct simhash {
	uint64_t near;     /* the SimHash; meaningful when usable */
	uint64_t exact;    /* FNV-1a of the normalised words; 0 when fewer
			      than SIMHASH_MIN_EXACT_WORDS */
	size_t shingles;   /* word 3-grams seen (words - 2) */
	int usable;        /* shingles >= SIMHASH_MIN_SHINGLES */
};

/* Fingerprint TEXT[0..LEN) into *OUT. */
void simhash_text(const char *text, size_t len, struct simhash *out);

/*
 * Paragraphs: the exact hash (as above) of each blank-line separated
 * paragraph of at least SIMHASH_PARA_MIN_WORDS words, with its number
 * of words.  A syndicated copy shares most of its paragraphs verbatim
 * with the original even when a credit line or a cut moves its SimHash
 * far: the store counts the words of shared paragraphs.
 */
#define SIMHASH_PARA_MIN_WORDS 8
struct simhash_para {
	uint64_t hash;
	size_t words;
};
/* Fill OUT with at most MAX paragraphs of TEXT; returns how many. */
size_t simhash_paragraphs(const char *text, size_t len,
			  struct simhash_para *out, size_t max);

/* Number of differing bits. */
int simhash_distance(uint64_t a, uint64_t b);

/*
 * Band I (0 .. SIMHASH_BANDS-1) of H as a key that also names the band:
 * I from bit 16 up, the band's bits below.  Equal keys mean equal bands.
 */
uint32_t simhash_band(uint64_t h, int i);

#endif
