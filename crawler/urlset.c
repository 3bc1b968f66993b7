#include "crawler/urlset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/errors.h"
#include "common/hash.h"
#include "common/xalloc.h"

struct urlset {
	char **slots;	/* open addressing; NULL is empty */
	size_t nslots;	/* a power of two, at least twice n */
	size_t n, max;
};

/* The slot holding URL, or the empty one where it would go.  Ends: the
 * table is never more than half full. */
static char **
slot_for(char **slots, size_t nslots, const char *url)
{
	size_t mask = nslots - 1, i = hash_string(url) & mask;

	while (slots[i] && strcmp(slots[i], url) != 0)
		i = (i + 1) & mask;
	return &slots[i];
}

struct urlset *
urlset_new(size_t max)
{
	struct urlset *s = xcalloc(1, sizeof(*s));

	s->nslots = 256;
	s->slots = xcalloc(s->nslots, sizeof(*s->slots));
	s->max = max;
	return s;
}

void
urlset_free(struct urlset *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nslots; i++)
		free(s->slots[i]);
	free(s->slots);
	free(s);
}

int
urlset_add(struct urlset *s, const char *url)
{
	char **slot = slot_for(s->slots, s->nslots, url);

	if (*slot)
		return 0;
	if (s->n >= s->max)
		return RM_ETOOLARGE;
	*slot = xstrdup(url);
	if (++s->n * 2 > s->nslots) {
		size_t nslots = s->nslots * 2;
		char **slots = xcalloc(nslots, sizeof(*slots));

		for (size_t i = 0; i < s->nslots; i++)
			if (s->slots[i])
				*slot_for(slots, nslots, s->slots[i]) =
					s->slots[i];
		free(s->slots);
		s->slots = slots;
		s->nslots = nslots;
	}
	return 1;
}
