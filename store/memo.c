/*
 * What a batch has written, by what it was written with: entities by
 * (kind, name, brand), sources by ("source", name, weight).  The same
 * arguments again in the same batch would only find the same row (and
 * index the same keys), so the id is taken from here.  A batch of a
 * few hundred articles names the same sources, devices and chips again
 * and again; each is then written once, not once an article (and on
 * PostgreSQL without a round trip).  Valid only inside the batch's
 * transaction: a rollback forgets everything.
 */
#include <stdlib.h>
#include <string.h>

#include "common/hash.h"
#include "common/xalloc.h"
#include "store/store_priv.h"

/* Slots in the table; at most three quarters are used, then nothing
 * more is kept (entity_put simply writes). */
#define MEMO_SLOTS 4096

struct memo_slot {
	char *key;
	long long id;
};

/* "kind\037name\037brand" into OUT (caller frees). */
static char *
memo_key(const char *kind, const char *name, const char *brand)
{
	size_t a = strlen(kind), b = strlen(name), c = strlen(brand);
	char *k = xmalloc(a + b + c + 3);

	memcpy(k, kind, a);
	k[a] = '\037';
	memcpy(k + a + 1, name, b);
	k[a + 1 + b] = '\037';
	memcpy(k + a + b + 2, brand, c + 1);
	return k;
}

static struct memo_slot *
memo_find(struct store *st, const char *key)
{
	size_t i = hash_string(key) & (MEMO_SLOTS - 1);

	while (st->memo[i].key && strcmp(st->memo[i].key, key) != 0)
		i = (i + 1) & (MEMO_SLOTS - 1);
	return &st->memo[i];
}

void
memo_start(struct store *st)
{
	memo_clear(st);
	if (!st->memo)
		st->memo = xcalloc(MEMO_SLOTS, sizeof(*st->memo));
	st->memo_on = true;
}

void
memo_clear(struct store *st)
{
	for (size_t i = 0; st->memo && st->memo_n && i < MEMO_SLOTS; i++) {
		free(st->memo[i].key);
		st->memo[i].key = NULL;
	}
	st->memo_n = 0;
}

void
memo_end(struct store *st)
{
	memo_clear(st);
	free(st->memo);
	st->memo = NULL;
	st->memo_on = false;
}

bool
memo_get(struct store *st, const char *kind, const char *name,
	 const char *brand, long long *id)
{
	struct memo_slot *s;
	char *key;

	if (!st->memo_on)
		return false;
	key = memo_key(kind, name, brand);
	s = memo_find(st, key);
	free(key);
	if (!s->key)
		return false;
	*id = s->id;
	return true;
}

void
memo_put(struct store *st, const char *kind, const char *name,
	 const char *brand, long long id)
{
	struct memo_slot *s;
	char *key;

	if (!st->memo_on || st->memo_n >= MEMO_SLOTS / 4 * 3)
		return;
	key = memo_key(kind, name, brand);
	s = memo_find(st, key);
	if (s->key) {
		free(key);
		return;
	}
	s->key = key;
	s->id = id;
	st->memo_n++;
}
