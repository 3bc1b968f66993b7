#include "common/strvec.h"

#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"

void
strvec_free(struct strvec *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

void
strvec_push(struct strvec *sv, const char *s)
{
	if (sv->n == sv->cap) {
		sv->cap = sv->cap ? sv->cap * 2 : 8;
		sv->v = xreallocarray(sv->v, sv->cap, sizeof(*sv->v));
	}
	sv->v[sv->n++] = xstrdup(s);
}

bool
strvec_contains(const struct strvec *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return true;
	return false;
}

bool
strvec_add_unique(struct strvec *sv, const char *s)
{
	if (strvec_contains(sv, s))
		return false;
	strvec_push(sv, s);
	return true;
}
