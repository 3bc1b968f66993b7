/*
 * rumormill show DEVICE: everything known about the devices a name
 * matches, rumors grouped by attribute, most confident first, each with
 * its confidence explained, its dates, first report, sources and the
 * sentences they said it in.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/jsonout.h"
#include "cli/output.h"
#include "common/errors.h"
#include "common/xalloc.h"
#include "store/store.h"

#define SHOW_ARG_MAX 512
/* Rumors shown at most: a name as broad as a maker's is a listing. */
#define SHOW_RUMORS_MAX 2000
/* Evidence sentences printed per rumor in the table (JSON has all). */
#define SHOW_EVIDENCE_TEXT 10

static void
show_usage(FILE *out)
{
	fprintf(out,
		"usage: rumormill show [--format table|json] DEVICE\n"
		"\n"
		"Everything known about a device: its rumors by attribute, most "
		"confident\nfirst, each with its confidence and how it is made, "
		"first and last seen,\nthe source that reported it first, its "
		"sources (articles and independent\nsites) and the sentences "
		"they said it in.  Contested values are marked.\nDEVICE matches "
		"like 'query --device': \"Xiaomi 14\" shows Xiaomi 14, 14 Pro\n"
		"and 14 Ultra; aliases (\"Mi 14\") work too.\n"
		"\n"
		"  --format FORMAT   table (default) or json\n"
		"\n"
		"Confidence = support x recency.  Support combines the "
		"independent sites\nbacking a claim: 1 - (1 - p1)(1 - p2)..., "
		"one p per site, p = 0.5 x the\nsource's weight x the certainty "
		"of its wording (\"confirmed\" 1.6, \"could\"\n0.6), at most "
		"0.95.  Recency falls from 1 towards 0.5 with a half-life of\n"
		"180 days between the claim's last article and the newest in "
		"the database.\nSee docs/confidence.md.\n");
}

/* One rumor with everything show prints, owned. */
struct item {
	json_t *row;      /* out_rumor_json, plus support and recency */
	json_t *evidence; /* array of evidence objects */
	char *device, *brand, *attribute;
	double confidence;
};

struct items {
	struct item *v;
	size_t n, cap;
	struct store *st;
	int failed;
};

static int
add_evidence(const struct evidence_row *e, void *arg)
{
	json_t *o = json_object();

	json_object_set_new(o, "dated", json_str(e->dated));
	json_object_set_new(o, "source", json_str(e->source));
	json_object_set_new(o, "site", json_str(e->site));
	json_object_set_new(o, "url", json_str(e->url));
	json_object_set_new(o, "title", json_str(e->title));
	json_object_set_new(o, "cue", json_str(e->cue));
	json_object_set_new(o, "copy", json_str_or_null(e->copy_kind));
	json_object_set_new(o, "copy_of", json_str_or_null(e->origin_url));
	json_object_set_new(o, "certainty", json_real(e->certainty));
	json_object_set_new(o, "weight", json_real(e->weight));
	json_array_append_new(arg, o);
	return 0;
}

static int
add_rumor(const struct rumor_row *r, void *arg)
{
	struct items *it = arg;
	struct item *x;
	double recency = r->support > 0 ? r->confidence / r->support : 1;

	if (it->n == it->cap) {
		it->cap = it->cap ? it->cap * 2 : 32;
		it->v = xreallocarray(it->v, it->cap, sizeof(*it->v));
	}
	x = &it->v[it->n++];
	x->row = out_rumor_json(r);
	json_object_set_new(x->row, "support",
			    json_real(round(r->support * 1000) / 1000));
	json_object_set_new(x->row, "recency",
			    json_real(round(recency * 1000) / 1000));
	x->evidence = json_array();
	x->device = xstrdup(r->device);
	x->brand = xstrdup(r->brand);
	x->attribute = xstrdup(r->attribute);
	x->confidence = r->confidence;
	json_object_set(x->row, "evidence", x->evidence);
	return store_rumor_evidence(it->st, r->id, add_evidence, x->evidence);
}

/* Launch and chipset first: what people ask about. */
static int
attribute_rank(const char *a)
{
	static const char *const first[] = { "launch", "chipset" };

	for (int i = 0; i < 2; i++)
		if (strcmp(a, first[i]) == 0)
			return i;
	return 2;
}

static int
item_cmp(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;
	int c = strcmp(a->device, b->device);

	if (!c)
		c = attribute_rank(a->attribute) - attribute_rank(b->attribute);
	if (!c)
		c = strcmp(a->attribute, b->attribute);
	if (!c && a->confidence != b->confidence)
		c = a->confidence > b->confidence ? -1 : 1;
	return c;
}

static const char *
jstr(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

static long
jint(const json_t *o, const char *key)
{
	return (long)json_integer_value(json_object_get(o, key));
}

/* Control characters would let a hostile page move the cursor. */
static void
put_clean(const char *s, FILE *out)
{
	for (; *s; s++)
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s, out);
}

static void
print_evidence(const json_t *ev, FILE *out)
{
	size_t i;
	json_t *e;

	json_array_foreach(ev, i, e) {
		if (i == SHOW_EVIDENCE_TEXT) {
			fprintf(out, "      ... and %zu more\n",
				json_array_size(ev) - i);
			break;
		}
		fprintf(out, "      %s  ", jstr(e, "dated"));
		put_clean(jstr(e, "source"), out);
		fputs("  ", out);
		put_clean(jstr(e, "url"), out);
		if (*jstr(e, "copy")) {
			fprintf(out, "  (%s copy of ", jstr(e, "copy"));
			put_clean(jstr(e, "copy_of"), out);
			fputc(')', out);
		}
		fputs("\n        \"", out);
		put_clean(jstr(e, "cue"), out);
		fprintf(out, "\"  (certainty %.1f, weight %.1f)\n",
			json_real_value(json_object_get(e, "certainty")),
			json_real_value(json_object_get(e, "weight")));
	}
}

static void
print_item(const struct item *x, FILE *out)
{
	const json_t *r = x->row;
	char conf[OUT_CONF_SIZE];
	long n = jint(r, "sources"), ind = jint(r, "independent_sources");

	out_confidence(x->confidence, conf);
	fprintf(out, "    ");
	put_clean(jstr(r, "value"), out);
	if (*jstr(r, "qualifier")) {
		fputs(" (", out);
		put_clean(jstr(r, "qualifier"), out);
		fputc(')', out);
	}
	fprintf(out, "%s\n", json_is_true(json_object_get(r, "contested"))
				     ? "   [CONTESTED]"
				     : "");
	fprintf(out,
		"      confidence %s = support %.2f x recency %.2f; "
		"%ld article%s, %ld independent site%s\n",
		conf, json_real_value(json_object_get(r, "support")),
		json_real_value(json_object_get(r, "recency")), n,
		n == 1 ? "" : "s", ind, ind == 1 ? "" : "s");
	fprintf(out, "      first seen %s", jstr(r, "first_seen"));
	if (*jstr(r, "first_source")) {
		fputs(" (first reported by ", out);
		put_clean(jstr(r, "first_source"), out);
		fputc(')', out);
	}
	fprintf(out, ", last seen %s\n", jstr(r, "last_seen"));
	print_evidence(x->evidence, out);
}

static void
print_table(const struct items *it, const char *ref, FILE *out)
{
	for (size_t i = 0; i < it->n; i++) {
		const struct item *x = &it->v[i];

		if (!i || strcmp(x->device, it->v[i - 1].device) != 0) {
			fprintf(out, "%s", i ? "\n" : "");
			put_clean(x->device, out);
			if (*x->brand) {
				fputs(" (", out);
				put_clean(x->brand, out);
				fputc(')', out);
			}
			fputc('\n', out);
		}
		if (!i || strcmp(x->device, it->v[i - 1].device) != 0 ||
		    strcmp(x->attribute, it->v[i - 1].attribute) != 0) {
			fputs("  ", out);
			put_clean(x->attribute, out);
			fputc('\n', out);
		}
		print_item(x, out);
	}
	fprintf(out, "\nConfidence as of %s, the newest article in the "
		     "database (see 'rumormill show --help').\n", ref);
}

/* [{device, brand, attributes: [{attribute, rumors: [...]}]}] */
static json_t *
to_json(const struct items *it)
{
	json_t *devices = json_array(), *dev = NULL, *attrs = NULL,
	       *rumors = NULL;

	for (size_t i = 0; i < it->n; i++) {
		const struct item *x = &it->v[i];

		if (!i || strcmp(x->device, it->v[i - 1].device) != 0) {
			dev = json_object();
			attrs = json_array();
			json_object_set_new(dev, "device", json_str(x->device));
			json_object_set_new(dev, "brand", json_str(x->brand));
			json_object_set_new(dev, "attributes", attrs);
			json_array_append_new(devices, dev);
			rumors = NULL;
		}
		if (!rumors || strcmp(x->attribute, it->v[i - 1].attribute)) {
			json_t *a = json_object();

			rumors = json_array();
			json_object_set_new(a, "attribute",
					    json_str(x->attribute));
			json_object_set_new(a, "rumors", rumors);
			json_array_append_new(attrs, a);
		}
		json_array_append(rumors, x->row);
	}
	return devices;
}

static void
items_free(struct items *it)
{
	for (size_t i = 0; i < it->n; i++) {
		json_decref(it->v[i].row);
		json_decref(it->v[i].evidence);
		free(it->v[i].device);
		free(it->v[i].brand);
		free(it->v[i].attribute);
	}
	free(it->v);
}

int
cmd_show(struct cli *cli, int argc, char **argv)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum out_format format = OUT_TABLE;
	struct alias_list aliases = { 0 };
	struct items it = { 0 };
	struct rumor_query q = { .limit = SHOW_RUMORS_MAX };
	char ref[DATE_STR_MAX];
	int c, rc;

	while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!out_parse_format("show", optarg, false, &format))
				return EXIT_USAGE;
			break;
		case 'h': show_usage(stdout); return EXIT_OK;
		default: show_usage(stderr); return EXIT_USAGE;
		}
	}
	if (argc - optind != 1 || strlen(argv[optind]) > SHOW_ARG_MAX) {
		show_usage(stderr);
		return EXIT_USAGE;
	}
	rc = out_device_name(cli, argv[optind], &aliases, &q.device);
	if (!rc)
		rc = out_open_db(cli, &it.st);
	if (rc)
		goto out;
	rc = store_query_rumors(it.st, &q, add_rumor, &it);
	if (!rc)
		rc = store_reference_date(it.st, ref);
	if (rc) {
		fprintf(stderr, "rumormill: show: %s\n", store_errmsg(it.st));
		rc = rc == RM_EINVAL ? EXIT_USAGE : EXIT_FAIL;
		goto out;
	}
	if (!it.n) {
		fprintf(stderr, "rumormill: show: no rumors about '%s'\n",
			argv[optind]);
		rc = EXIT_FAIL;
		goto out;
	}
	qsort(it.v, it.n, sizeof(*it.v), item_cmp);
	if (format == OUT_JSON) {
		json_t *o = json_object();

		json_object_set_new(o, "reference_date", json_str(ref));
		json_object_set_new(o, "devices", to_json(&it));
		json_print_line(stdout, o);
		json_decref(o);
	} else {
		print_table(&it, ref, stdout);
	}
	rc = fflush(stdout) == 0 ? EXIT_OK : EXIT_FAIL;
out:
	items_free(&it);
	store_close(it.st);
	aliases_free(&aliases);
	return rc;
}
