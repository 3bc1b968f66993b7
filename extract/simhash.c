#include "extract/simhash.h"

#include <string.h>

#include "common/ascii.h"

#define FNV64_OFFSET 0xcbf29ce484222325ULL
#define FNV64_PRIME 0x100000001b3ULL
#define SHINGLE_WORDS 3

static int
is_word_byte(unsigned char c)
{
	return ascii_isalnum(c) || c >= 0x80;
}

/*
 * The murmur3 finaliser: FNV-1a's low bits vary little between similar
 * short inputs, and every bit of a shingle's hash votes in the SimHash.
 */
static uint64_t
mix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

/* The FNV-1a hash of one normalised word, starting at P (LEN bytes). */
static uint64_t
word_hash(const unsigned char *p, size_t len)
{
	uint64_t h = FNV64_OFFSET;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)ascii_tolower(p[i])) * FNV64_PRIME;
	return h;
}

/*
 * The next word of P[0..LEN) from *I: its hash in *WH, *I moved past
 * it.  Returns 0 at the end of the text.
 */
static int
next_word(const unsigned char *p, size_t len, size_t *i, uint64_t *wh)
{
	size_t start;

	while (*i < len && !is_word_byte(p[*i]))
		(*i)++;
	if (*i >= len)
		return 0;
	start = *i;
	while (*i < len && is_word_byte(p[*i]))
		(*i)++;
	*wh = word_hash(p + start, *i - start);
	return 1;
}

/* The exact hash: each word's hash, then a separator. */
static uint64_t
exact_add(uint64_t exact, uint64_t wh)
{
	for (int b = 0; b < 64; b += 8)
		exact = (exact ^ ((wh >> b) & 0xff)) * FNV64_PRIME;
	return (exact ^ 0xff) * FNV64_PRIME;
}

static void
vote(int32_t counts[64], uint64_t h)
{
	for (int b = 0; b < 64; b++)
		counts[b] += (h >> b) & 1 ? 1 : -1;
}

void
simhash_text(const char *text, size_t len, struct simhash *out)
{
	const unsigned char *p = (const unsigned char *)text;
	uint64_t window[SHINGLE_WORDS] = { 0 };
	uint64_t exact = FNV64_OFFSET;
	int32_t counts[64] = { 0 };
	size_t words = 0, i = 0;
	uint64_t wh, sh;

	memset(out, 0, sizeof(*out));
	while (next_word(p, len, &i, &wh)) {
		exact = exact_add(exact, wh);
		window[0] = window[1];
		window[1] = window[2];
		window[2] = wh;
		if (++words < SHINGLE_WORDS)
			continue;
		/* Order matters in a shingle: rotate before combining. */
		sh = window[0] ^ (window[1] << 21 | window[1] >> 43) ^
		     (window[2] << 42 | window[2] >> 22);
		vote(counts, mix64(sh));
		out->shingles++;
	}
	out->exact = words >= SIMHASH_MIN_EXACT_WORDS ? exact : 0;
	/* 0 is kept to mean "too short": a real 0 hash becomes 1. */
	if (words >= SIMHASH_MIN_EXACT_WORDS && !out->exact)
		out->exact = 1;
	for (int b = 0; b < 64; b++)
		if (counts[b] > 0)
			out->near |= 1ULL << b;
	out->usable = out->shingles >= SIMHASH_MIN_SHINGLES;
}

/* The exact hash of TEXT[0..LEN) and its number of words. */
static uint64_t
words_hash(const unsigned char *p, size_t len, size_t *words)
{
	uint64_t exact = FNV64_OFFSET, wh;
	size_t i = 0;

	*words = 0;
	while (next_word(p, len, &i, &wh)) {
		exact = exact_add(exact, wh);
		(*words)++;
	}
	return exact;
}

size_t
simhash_paragraphs(const char *text, size_t len, struct simhash_para *out,
		   size_t max)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t n = 0, start = 0;

	for (size_t i = 0; i <= len && n < max; i++) {
		size_t words, end;

		/* A paragraph ends at a blank line or at the end. */
		if (i < len && !(p[i] == '\n' && i + 1 < len &&
				 (p[i + 1] == '\n' ||
				  (p[i + 1] == '\r' && i + 2 < len &&
				   p[i + 2] == '\n'))))
			continue;
		end = i;
		out[n].hash = words_hash(p + start, end - start, &words);
		out[n].words = words;
		if (words >= SIMHASH_PARA_MIN_WORDS)
			n++;
		while (i < len && (p[i] == '\n' || p[i] == '\r'))
			i++;
		start = i;
	}
	return n;
}

int
simhash_distance(uint64_t a, uint64_t b)
{
	return __builtin_popcountll(a ^ b);
}

uint32_t
simhash_band(uint64_t h, int i)
{
	int lo = i * 64 / SIMHASH_BANDS, hi = (i + 1) * 64 / SIMHASH_BANDS;
	uint32_t bits = (uint32_t)(h >> lo) & ((1u << (hi - lo)) - 1);

	return (uint32_t)i << 16 | bits;
}
