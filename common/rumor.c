#include "common/rumor.h"

#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"

void
rumor_set_init(struct rumor_set *rs)
{
	memset(rs, 0, sizeof(*rs));
}

static void
entities_free(struct entity *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(e[i].name);
		free(e[i].brand);
		free(e[i].type);
	}
	free(e);
}

void
rumor_set_free(struct rumor_set *rs)
{
	entities_free(rs->devices, rs->ndevices);
	entities_free(rs->chipsets, rs->nchipsets);
	for (size_t i = 0; i < rs->nclaims; i++) {
		struct claim *c = &rs->claims[i];

		free(c->subject);
		free(c->attribute);
		free(c->value);
		free(c->qualifier);
		free(c->cue);
	}
	free(rs->claims);
	rumor_set_init(rs);
}

static void
entity_add(struct entity **arr, size_t *n, const char *name,
	   const char *brand)
{
	for (size_t i = 0; i < *n; i++) {
		if (strcmp((*arr)[i].name, name) == 0) {
			(*arr)[i].mentions++;
			return;
		}
	}
	*arr = xreallocarray(*arr, *n + 1, sizeof(**arr));
	(*arr)[*n].name = xstrdup(name);
	(*arr)[*n].brand = xstrdup(brand ? brand : "");
	(*arr)[*n].type = NULL;
	(*arr)[*n].mentions = 1;
	(*n)++;
}

void
rumor_set_add_device(struct rumor_set *rs, const char *name,
		     const char *brand)
{
	entity_add(&rs->devices, &rs->ndevices, name, brand);
}

void
rumor_set_device_type(struct rumor_set *rs, const char *name,
		      const char *type)
{
	for (size_t i = 0; i < rs->ndevices; i++)
		if (strcmp(rs->devices[i].name, name) == 0 &&
		    !rs->devices[i].type && type && *type)
			rs->devices[i].type = xstrdup(type);
}

void
rumor_set_add_chipset(struct rumor_set *rs, const char *name,
		      const char *brand)
{
	entity_add(&rs->chipsets, &rs->nchipsets, name, brand);
}

static int
str_eq_null(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

struct claim *
rumor_set_add_claim(struct rumor_set *rs, const char *subject,
		    const char *attribute, const char *value,
		    const char *qualifier, const char *cue)
{
	struct claim *c;

	for (size_t i = 0; i < rs->nclaims; i++) {
		c = &rs->claims[i];
		if (strcmp(c->subject, subject) == 0 &&
		    strcmp(c->attribute, attribute) == 0 &&
		    strcmp(c->value, value) == 0 &&
		    str_eq_null(c->qualifier, qualifier))
			return c;
	}
	rs->claims = xreallocarray(rs->claims, rs->nclaims + 1,
				   sizeof(*rs->claims));
	c = &rs->claims[rs->nclaims++];
	c->subject = xstrdup(subject);
	c->attribute = xstrdup(attribute);
	c->value = xstrdup(value);
	c->qualifier = xstrdup_or_null(qualifier);
	c->cue = xstrdup(cue ? cue : "");
	c->certainty = 0;
	return c;
}

const struct entity *
rumor_set_find_device(const struct rumor_set *rs, const char *name)
{
	for (size_t i = 0; i < rs->ndevices; i++)
		if (strcmp(rs->devices[i].name, name) == 0)
			return &rs->devices[i];
	return NULL;
}
