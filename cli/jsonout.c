#include "cli/jsonout.h"

#include <stdlib.h>
#include <string.h>

#include "common/utf8.h"

json_t *
json_str(const char *s)
{
	size_t len;
	json_t *v;
	char *clean;

	if (!s)
		return json_null();
	len = strlen(s);
	if (utf8_valid(s, len))
		return json_stringn(s, len);
	clean = utf8_sanitize(s, len);
	v = json_string(clean);
	free(clean);
	return v;
}

json_t *
json_str_or_null(const char *s)
{
	return s && *s ? json_str(s) : json_null();
}

static json_t *
entity_names(const struct entity *e, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_str(e[i].name));
	return arr;
}

/* {"Samsung Galaxy Tab S9": "tablet", ...} for the devices whose type
   the lexicon knows. */
static json_t *
device_types(const struct rumor_set *rs)
{
	json_t *o = json_object();

	for (size_t i = 0; i < rs->ndevices; i++)
		if (rs->devices[i].type)
			json_object_set_new(o, rs->devices[i].name,
					    json_str(rs->devices[i].type));
	return o;
}

json_t *
article_to_json(const char *file, const char *url, const struct article *a)
{
	const struct rumor_set *rs = &a->rumors;
	json_t *o = json_object();
	json_t *launches = json_array();
	json_t *rumors = json_array();
	json_t *events = json_array();

	json_object_set_new(o, "file", json_str(file));
	json_object_set_new(o, "url", json_str_or_null(url));
	json_object_set_new(o, "title", json_str(a->doc.title));
	json_object_set_new(o, "published", json_str_or_null(a->doc.published));
	json_object_set_new(o, "author", json_str_or_null(a->doc.author));
	json_object_set_new(o, "canonical",
			    json_str_or_null(a->doc.canonical));
	json_object_set_new(o, "text", json_str(a->doc.text));
	json_object_set_new(o, "devices",
			    entity_names(rs->devices, rs->ndevices));
	json_object_set_new(o, "device_types", device_types(rs));
	json_object_set_new(o, "chipsets",
			    entity_names(rs->chipsets, rs->nchipsets));
	for (size_t i = 0; i < rs->nclaims; i++) {
		const struct claim *c = &rs->claims[i];
		json_t *r;

		if (article_is_chipset(a, c->subject)) {
			r = json_object();
			json_object_set_new(r, "chipset", json_str(c->subject));
			json_object_set_new(r, "attribute",
					    json_str(c->attribute));
			json_object_set_new(r, "date", json_str(c->value));
			json_object_set_new(r, "cue", json_str(c->cue));
			json_array_append_new(events, r);
			continue;
		}
		if (strcmp(c->attribute, "launch") == 0) {
			r = json_object();
			json_object_set_new(r, "device", json_str(c->subject));
			json_object_set_new(r, "date", json_str(c->value));
			if (c->qualifier)
				json_object_set_new(r, "region",
						    json_str(c->qualifier));
			json_object_set_new(r, "cue", json_str(c->cue));
			json_array_append_new(launches, r);
		}
		r = json_object();
		json_object_set_new(r, "device", json_str(c->subject));
		json_object_set_new(r, "attribute", json_str(c->attribute));
		json_object_set_new(r, "value", json_str(c->value));
		if (c->qualifier)
			json_object_set_new(r, "qualifier",
					    json_str(c->qualifier));
		json_object_set_new(r, "cue", json_str(c->cue));
		json_object_set_new(r, "certainty",
				    json_real(c->certainty > 0 ? c->certainty
							       : 1.0));
		json_array_append_new(rumors, r);
	}
	json_object_set_new(o, "launches", launches);
	json_object_set_new(o, "rumors", rumors);
	json_object_set_new(o, "chipset_events", events);
	if (a->rumors_incomplete)
		json_object_set_new(o, "incomplete", json_true());
	return o;
}

int
json_print_line(FILE *out, const json_t *v)
{
	if (json_dumpf(v, out, JSON_COMPACT) != 0)
		return -1;
	return fputc('\n', out) == EOF ? -1 : 0;
}
