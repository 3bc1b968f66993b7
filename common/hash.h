/*
 * FNV-1a over a NUL-terminated string: the hash of the small in-memory
 * tables (hosts, URLs seen, device names).  Keys there are short and
 * from untrusted text, but each table bounds its size and chain walks,
 * so a simple fast hash is enough.
 */
#ifndef RM_HASH_H
#define RM_HASH_H

#include <stddef.h>
#include <stdint.h>

static inline size_t
hash_string(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ull;
	}
	return (size_t)h;
}

#endif
