/*
 * Match keys for device and chipset names: how "xiaomi14", "Xiaomi 14"
 * and "XIAOMI-14" all come to name the same thing.
 *
 * A key is the name lower-cased (ASCII only) with everything but
 * letters, digits, '+' and non-ASCII bytes dropped.  Dropped characters
 * separate words, and '+' is a word of its own ("Pro+" is "Pro" "+").
 * The key of every leading run of words is indexed, so a filter matches
 * a name when its key equals the key of the whole name or of its first
 * words: "Xiaomi 14" finds "Xiaomi 14 Pro" but not "Xiaomi 140", and
 * "snapdragon 8 gen3" equals "Snapdragon 8 Gen 3".
 */
#ifndef RM_MATCH_H
#define RM_MATCH_H

#include <stdbool.h>
#include <stddef.h>

#define MATCH_KEY_MAX 256  /* key bytes, NUL included */
#define MATCH_WORDS_MAX 16 /* word prefixes kept per name */

struct match_key {
	char key[MATCH_KEY_MAX]; /* NUL-terminated */
	size_t len;
	/*
	 * Key length at the end of each leading run of words, shortest
	 * first; the last is always LEN.  Past MATCH_WORDS_MAX words the
	 * middle ones are dropped, never the whole name.
	 */
	size_t ends[MATCH_WORDS_MAX];
	size_t nends;
	bool truncated; /* NAME's key did not fit; KEY holds whole words */
};

/* Compute NAME's key and word prefixes into MK. */
void match_key(const char *name, struct match_key *mk);

#endif
