/*
 * xorshift64 (Marsaglia 2003): the benchmarks' deterministic random
 * numbers, so that every run generates and picks the same things.
 */
#ifndef RM_BENCH_XORSHIFT_H
#define RM_BENCH_XORSHIFT_H

#include <stdint.h>

static inline uint64_t
xorshift64(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

#endif
