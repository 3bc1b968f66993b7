/*
 * rumors_extract: the seed articles against their labels (the acceptance
 * set in tests/data/seeds/labels/seeds.json), our own fixtures in
 * tests/data/rumors/ with expectations in a table, sentence splitting,
 * and the real tech-news pages (no OS or event read as a device, and the
 * time per article).
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <jansson.h>
#include <zlib.h>

#include "common/date.h"
#include "common/errors.h"
#include "common/rumor.h"
#include "extract/lexicon.h"
#include "tests/support/lexicon_fixture.h"
#include "extract/rumors.h"
#include "extract/sentences.h"
#include "tests/support/fixture.h"

#define MAX_LIST 12

/* The seed articles and their labels (tests/data/seeds/SOURCE.md), and
 * the real pages (tests/data/corpus/tech-news/SOURCE.md). */
#define SEEDS "tests/data/seeds"
#define LABELS SEEDS "/labels/seeds.json"
#define TECH_NEWS "tests/data/corpus/tech-news"

static struct rumor_set
extract(const struct lexicon *lx, const char *text, size_t len,
	const char *published)
{
	struct rumor_set rs;
	struct ymd pub;

	assert_int_equal(date_parse(published, &pub), 0);
	rumor_set_init(&rs);
	assert_int_equal(rumors_extract(lx, NULL, text, len, &pub, &rs), 0);
	return rs;
}

static const struct claim *
find_claim(const struct rumor_set *rs, const char *subject, const char *attr,
	   const char *value, const char *qualifier)
{
	for (size_t i = 0; i < rs->nclaims; i++) {
		const struct claim *c = &rs->claims[i];

		if (strcmp(c->subject, subject) == 0 &&
		    strcmp(c->attribute, attr) == 0 &&
		    strcmp(c->value, value) == 0 &&
		    (!qualifier ||
		     (c->qualifier && strcmp(c->qualifier, qualifier) == 0)))
			return c;
	}
	return NULL;
}

/* Fail unless the entity names are exactly WANT (NULL-terminated). */
static void
assert_entities(const char *what, const char *file, const struct entity *e,
		size_t n, const char *const *want)
{
	size_t nwant = 0;

	for (; want[nwant]; nwant++) {
		size_t i = 0;

		while (i < n && strcmp(e[i].name, want[nwant]) != 0)
			i++;
		if (i == n)
			fail_msg("%s: %s \"%s\" not found", file, what,
				 want[nwant]);
	}
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;

		while (want[k] && strcmp(e[i].name, want[k]) != 0)
			k++;
		if (!want[k])
			fail_msg("%s: false positive %s \"%s\"", file, what,
				 e[i].name);
	}
	assert_int_equal(n, nwant);
}

/* ---- the seed acceptance set ---- */

static void
strings_of(json_t *arr, const char **out, size_t max)
{
	size_t i = 0, k;
	json_t *v;

	json_array_foreach(arr, k, v) {
		if (i + 1 < max && json_is_string(v))
			out[i++] = json_string_value(v);
	}
	out[i] = NULL;
}

static const char *
jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static void
check_seed(const struct lexicon *lx, const char *name, json_t *label,
	   unsigned *found, unsigned *expected)
{
	const char *devices[MAX_LIST], *chips[MAX_LIST];
	char path[1024];
	struct rumor_set rs;
	size_t len, k;
	json_t *v;
	char *text;

	snprintf(path, sizeof(path), SEEDS "/%s", name);
	text = fixture_read(path, &len);
	if (!text)
		fail_msg("cannot read %s", path);
	rs = extract(lx, text, len, jstr(label, "published"));
	strings_of(json_object_get(label, "devices"), devices, MAX_LIST);
	strings_of(json_object_get(label, "chipsets"), chips, MAX_LIST);
	assert_entities("device", name, rs.devices, rs.ndevices, devices);
	assert_entities("chipset", name, rs.chipsets, rs.nchipsets, chips);
	json_array_foreach(json_object_get(label, "launches"), k, v) {
		if (!find_claim(&rs, jstr(v, "device"), "launch",
				jstr(v, "date"), jstr(v, "region")))
			fail_msg("%s: launch %s %s %s not found", name,
				 jstr(v, "device"), jstr(v, "date"),
				 jstr(v, "region") ? jstr(v, "region") : "");
	}
	json_array_foreach(json_object_get(label, "chipset_events"), k, v) {
		if (!find_claim(&rs, jstr(v, "chipset"), "announce",
				jstr(v, "date"), NULL))
			fail_msg("%s: chipset event %s %s not found", name,
				 jstr(v, "chipset"), jstr(v, "date"));
	}
	json_array_foreach(json_object_get(label, "not_launches"), k, v) {
		for (size_t i = 0; i < rs.nclaims; i++)
			if (strcmp(rs.claims[i].attribute, "launch") == 0 &&
			    strcmp(rs.claims[i].value, jstr(v, "date")) == 0)
				fail_msg("%s: %s is no launch (%s)", name,
					 jstr(v, "date"), jstr(v, "why"));
	}
	json_array_foreach(json_object_get(label, "attributes"), k, v) {
		int ok = find_claim(&rs, jstr(v, "device"),
				    jstr(v, "attribute"), jstr(v, "value"),
				    NULL) != NULL;

		(*expected)++;
		*found += ok;
		if (!ok)
			print_message("%s: attribute %s %s %s not found\n",
				      name, jstr(v, "device"),
				      jstr(v, "attribute"), jstr(v, "value"));
	}
	json_array_foreach(json_object_get(label, "device_variants"), k, v) {
		(*expected)++;
		*found += find_claim(&rs, jstr(v, "device"), "variant",
				     jstr(v, "variant"), NULL) != NULL;
	}
	rumor_set_free(&rs);
	free(text);
}

static void
test_seeds(void **state)
{
	const struct lexicon *lx = *state;
	unsigned found = 0, expected = 0;
	json_error_t jerr;
	const char *key;
	json_t *labels, *label;
	size_t nseeds = 0;

	labels = json_load_file(LABELS, 0, &jerr);
	if (!labels)
		fail_msg("%s: %s", LABELS, jerr.text);
	json_object_foreach(labels, key, label) {
		if (!json_is_object(label))
			continue; /* "about" */
		check_seed(lx, key, label, &found, &expected);
		nseeds++;
	}
	json_decref(labels);
	print_message("seeds: %zu, attributes found %u of %u\n", nseeds, found,
		      expected);
	assert_int_equal(nseeds, 3);
	/* Every stretch attribute is found today; keep it that way. */
	assert_int_equal(found, expected);
}

/* ---- our own fixtures ---- */

struct want_claim {
	const char *subject, *attr, *value, *qualifier;
};

struct fixture_case {
	const char *file; /* in tests/data/rumors/ */
	const char *published;
	const char *devices[MAX_LIST];
	const char *chipsets[MAX_LIST];
	struct want_claim claims[MAX_LIST];  /* must be there */
	struct want_claim absent[MAX_LIST];  /* must not (QUALIFIER ignored) */
};

static const struct fixture_case fixture_cases[] = {
	{ "galaxy_s24.txt", "2023-12-10",
	  { "Samsung Galaxy S24 Ultra", "Samsung Galaxy S24",
	    "Samsung Galaxy S24+", "Samsung Galaxy S23 Ultra" },
	  { "Snapdragon 8 Gen 3", "Exynos 2400" },
	  { { "Samsung Galaxy S24 Ultra", "chipset", "Snapdragon 8 Gen 3", NULL },
	    { "Samsung Galaxy S24", "chipset", "Exynos 2400", NULL },
	    /* Galaxy Unpacked is Samsung's own event: a launch. */
	    { "Samsung Galaxy S24 Ultra", "launch", "2024-01-17", NULL },
	    { "Samsung Galaxy S24+", "launch", "2024-01-17", NULL },
	    { "Samsung Galaxy S24", "launch", "2024-01-17", NULL },
	    { "Samsung Galaxy S24", "os", "One UI 6.1", NULL },
	    { "Samsung Galaxy S24 Ultra", "battery", "5000mAh", NULL },
	    { "Samsung Galaxy S24 Ultra", "charging", "45W", NULL } },
	  { { "Samsung Galaxy S23 Ultra", "launch", "2023-11-24", NULL },
	    { "Samsung Galaxy S24 Ultra", "camera_partner", "Hasselblad", NULL },
	    { "Samsung Galaxy S24 Ultra", "camera_partner", "Leica", NULL } } },
	{ "iphone16.txt", "2024-06-20",
	  { "Apple iPhone 16 Pro Max", "Apple iPhone 16",
	    "Apple iPhone 15 Pro" },
	  { "A18 Pro", "A18" },
	  { { "Apple iPhone 16 Pro Max", "chipset", "A18 Pro", NULL },
	    { "Apple iPhone 16", "chipset", "A18", NULL },
	    { "Apple iPhone 16", "launch", "2024-09", NULL },
	    { "Apple iPhone 16 Pro Max", "os", "iOS 18", NULL },
	    { "Apple iPhone 16 Pro Max", "display_size", "6.9-inch", NULL } },
	  { { "Apple iPhone 16 Pro Max", "os", "iOS 17", NULL },
	    { "Apple iPhone 15 Pro", "chipset", "A18 Pro", NULL } } },
	{ "pixel9.txt", "2024-07-15",
	  { "Google Pixel 9 Pro XL", "Google Pixel 8 Pro",
	    "Google Pixel 9 Pro Fold" },
	  { "Tensor G4", "Tensor G3" },
	  { { "Google Pixel 9 Pro XL", "launch", "2024-08", NULL },
	    { "Google Pixel 9 Pro XL", "chipset", "Tensor G4", NULL },
	    { "Google Pixel 8 Pro", "chipset", "Tensor G3", NULL },
	    { "Google Pixel 9 Pro XL", "os", "Android 15", NULL },
	    { "Google Pixel 9 Pro XL", "ram", "16GB", NULL },
	    { "Google Pixel 9 Pro XL", "display_size", "6.8-inch", NULL } },
	  { { "Google Pixel 9 Pro XL", "chipset", "Tensor G3", NULL } } },
	{ "india_midrange.txt", "2023-11-20",
	  { "Redmi Note 13 Pro+", "OnePlus 12R" },
	  { "Dimensity 7200 Ultra", "Snapdragon 8 Gen 2" },
	  { { "Redmi Note 13 Pro+", "chipset", "Dimensity 7200 Ultra", NULL },
	    { "Redmi Note 13 Pro+", "launch", "2024-01-04", "India" },
	    { "OnePlus 12R", "launch", "2024", NULL },
	    { "OnePlus 12R", "chipset", "Snapdragon 8 Gen 2", NULL },
	    { "OnePlus 12R", "charging", "100W", NULL } },
	  { { "Dimensity 7200 Ultra", "announce", "2024-01-04", NULL },
	    { "OnePlus 12R", "chipset", "Dimensity 7200 Ultra", NULL },
	    { "OnePlus 12R", "launch", "2023-11-26", NULL } } },
	/* Camera makers, OS versions, "Gen 1", "Ultra Wide", Black Friday,
	   MWC 2024: no device, no chipset, no claim. */
	{ "negatives.txt", "2023-12-01", { NULL }, { NULL },
	  { { NULL, NULL, NULL, NULL } }, { { NULL, NULL, NULL, NULL } } },
	{ "xiaomi15_chips.txt", "2024-08-01",
	  { "Xiaomi 15", "Xiaomi 15 Pro" },
	  { "Snapdragon 8 Gen 4", "Dimensity 9400" },
	  /* Contradictory reports: both claims are kept. */
	  { { "Xiaomi 15", "chipset", "Snapdragon 8 Gen 4", NULL },
	    { "Xiaomi 15 Pro", "chipset", "Dimensity 9400", NULL },
	    { "Snapdragon 8 Gen 4", "announce", "2024-10-21", NULL },
	    { "Xiaomi 15", "launch", "2024", "China" },
	    { "Xiaomi 15 Pro", "launch", "2024", "China" },
	    { "Xiaomi 15", "launch", "2025", "global" },
	    { "Xiaomi 15 Pro", "sensor_size", "1/1.3-inch", NULL },
	    { "Xiaomi 15 Pro", "camera_partner", "Leica", NULL },
	    { "Xiaomi 15", "os", "HyperOS 2.0", NULL } },
	  /* The Snapdragon Summit is Qualcomm's, not Xiaomi's. */
	  { { "Xiaomi 15", "launch", "2024-10-21", NULL } } },
	{ "nothing_dates.txt", "2024-10-01",
	  { "Nothing Phone (3)", "Nothing Phone (3a)" },
	  { NULL },
	  { { "Nothing Phone (3)", "launch", "2025-07", "Europe" },
	    { "Nothing Phone (3)", "launch", "2025-07", "India" },
	    { "Nothing Phone (3)", "launch", "2025", "US" },
	    { "Nothing Phone (3a)", "launch", "2025", NULL } },
	  /* "will not arrive this year"; "share details" is no launch. */
	  { { "Nothing Phone (3)", "launch", "2024", NULL },
	    { "Nothing Phone (3)", "launch", "2025-03-05", NULL } } },
};

static void
test_fixtures(void **state)
{
	const struct lexicon *lx = *state;

	for (size_t f = 0; f < sizeof(fixture_cases) / sizeof(fixture_cases[0]);
	     f++) {
		const struct fixture_case *fc = &fixture_cases[f];
		char path[512];
		struct rumor_set rs;
		size_t len;
		char *text;

		snprintf(path, sizeof(path), "tests/data/rumors/%s", fc->file);
		text = fixture_read(path, &len);
		if (!text)
			fail_msg("cannot read %s", path);
		rs = extract(lx, text, len, fc->published);
		assert_entities("device", fc->file, rs.devices, rs.ndevices,
				fc->devices);
		assert_entities("chipset", fc->file, rs.chipsets, rs.nchipsets,
				fc->chipsets);
		for (size_t i = 0; i < MAX_LIST && fc->claims[i].subject; i++) {
			const struct want_claim *w = &fc->claims[i];

			if (!find_claim(&rs, w->subject, w->attr, w->value,
					w->qualifier))
				fail_msg("%s: claim %s / %s / %s / %s missing",
					 fc->file, w->subject, w->attr,
					 w->value,
					 w->qualifier ? w->qualifier : "-");
		}
		for (size_t i = 0; i < MAX_LIST && fc->absent[i].subject; i++) {
			const struct want_claim *w = &fc->absent[i];

			if (find_claim(&rs, w->subject, w->attr, w->value,
				       NULL))
				fail_msg("%s: claim %s / %s / %s is wrong",
					 fc->file, w->subject, w->attr,
					 w->value);
		}
		if (fc->claims[0].subject == NULL)
			assert_int_equal(rs.nclaims, 0);
		rumor_set_free(&rs);
		free(text);
	}
}

/* Each claim's cue is the sentence it came from. */
static void
test_cue_is_sentence(void **state)
{
	const struct lexicon *lx = *state;
	const char *text = "Leaks keep coming. The Galaxy S24 Ultra will "
			   "launch on January 17. More soon.";
	struct rumor_set rs = extract(lx, text, strlen(text), "2023-12-01");
	const struct claim *c = find_claim(&rs, "Samsung Galaxy S24 Ultra",
					   "launch", "2024-01-17", NULL);

	assert_non_null(c);
	assert_string_equal(c->cue,
			    "The Galaxy S24 Ultra will launch on January 17.");
	rumor_set_free(&rs);
}

/* The title counts extra towards the main device. */
static void
test_title_weight(void **state)
{
	const struct lexicon *lx = *state;
	/* The launch sentence names no device and follows a paragraph break. */
	const char *text = "The Xiaomi 14 and the Xiaomi 14 sold well.\n\n"
			   "The new phone will launch next month.";
	struct rumor_set rs;
	struct ymd pub = { 2023, 10, 5 };

	rumor_set_init(&rs);
	assert_int_equal(rumors_extract(lx, "Redmi K70 tipped", text,
					strlen(text), &pub, &rs),
			 0);
	/* Two body mentions of one, a title mention of the other. */
	assert_non_null(find_claim(&rs, "Redmi K70", "launch", "2023-11",
				   NULL));
	rumor_set_free(&rs);
	rumor_set_init(&rs);
	assert_int_equal(rumors_extract(lx, NULL, text, strlen(text), &pub,
					&rs),
			 0);
	assert_non_null(find_claim(&rs, "Xiaomi 14", "launch", "2023-11",
				   NULL));
	rumor_set_free(&rs);
}

/* Without a publication date relative dates stay unresolved. */
static void
test_no_published(void **state)
{
	const struct lexicon *lx = *state;
	const char *text = "The Pixel 9 will launch next month. The Pixel 9 "
			   "Pro will launch on August 13, 2024.";
	struct rumor_set rs;

	rumor_set_init(&rs);
	assert_int_equal(rumors_extract(lx, NULL, text, strlen(text), NULL,
					&rs),
			 0);
	assert_int_equal(rs.nclaims, 1);
	assert_non_null(find_claim(&rs, "Google Pixel 9 Pro", "launch",
				   "2024-08-13", NULL));
	rumor_set_free(&rs);
}

/* ---- launches that say no more than another one ---- */

struct launch_case {
	const char *name;
	const char *published;
	const char *text;
	/* Exactly these launch claims (QUALIFIER NULL: no market). */
	struct want_claim launches[MAX_LIST];
};

static const struct launch_case launch_cases[] = {
	{ "a framing 'this year' gives way to the month of the same sentence",
	  "2024-03-11",
	  "Apple usually unveils new iPhones in September, and this year "
	  "should be no different: the iPhone 16 Pro Max is expected to "
	  "launch in September.",
	  { { "Apple iPhone 16 Pro Max", "launch", "2024-09", NULL } } },
	{ "a year alone is a launch when nothing says more", "2023-11-20",
	  "The OnePlus 12R will launch this year.",
	  { { "OnePlus 12R", "launch", "2023", NULL } } },
	{ "a year in another sentence stays", "2024-03-11",
	  "The Pixel 9 will launch this year. Google will unveil the Pixel 9 "
	  "in August.",
	  { { "Google Pixel 9", "launch", "2024", NULL },
	    { "Google Pixel 9", "launch", "2024-08", NULL } } },
	{ "a headline without the market folds into the text's", "2023-09-12",
	  "Redmi Note 13 Pro+ to debut this month with Dimensity 7200 "
	  "Ultra\n\nXiaomi's sub-brand has confirmed that the Redmi Note 13 "
	  "Pro+ will debut in China this month. A global launch could "
	  "follow in early 2024.",
	  { { "Redmi Note 13 Pro+", "launch", "2023-09", "China" },
	    { "Redmi Note 13 Pro+", "launch", "2024", "global" } } },
	{ "one date for two markets and none", "2024-10-01",
	  "The Nothing Phone (3) launches in July 2025. It arrives in Europe "
	  "and India in July 2025.",
	  { { "Nothing Phone (3)", "launch", "2025-07", "Europe" },
	    { "Nothing Phone (3)", "launch", "2025-07", "India" } } },
	{ "another date without the market stays", "2024-08-01",
	  "The Xiaomi 15 launches in October. It arrives in China in "
	  "November.",
	  { { "Xiaomi 15", "launch", "2024-10", NULL },
	    { "Xiaomi 15", "launch", "2024-11", "China" } } },
	{ "two months of one sentence both stay", "2023-12-10",
	  "The Galaxy S24 will launch in January 2024 and go on sale in "
	  "February 2024.",
	  { { "Samsung Galaxy S24", "launch", "2024-01", NULL },
	    { "Samsung Galaxy S24", "launch", "2024-02", NULL } } },
};

static int
same_qualifier(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static void
test_launch_folding(void **state)
{
	const struct lexicon *lx = *state;
	size_t bad = 0;

	for (size_t k = 0; k < sizeof(launch_cases) / sizeof(launch_cases[0]);
	     k++) {
		const struct launch_case *lc = &launch_cases[k];
		struct rumor_set rs = extract(lx, lc->text, strlen(lc->text),
					      lc->published);
		size_t nwant = 0, ngot = 0, missing = 0;

		for (; nwant < MAX_LIST && lc->launches[nwant].subject;
		     nwant++) {
			const struct want_claim *w = &lc->launches[nwant];
			size_t i = 0;

			while (i < rs.nclaims &&
			       !(strcmp(rs.claims[i].subject, w->subject) == 0 &&
				 strcmp(rs.claims[i].attribute, "launch") == 0 &&
				 strcmp(rs.claims[i].value, w->value) == 0 &&
				 same_qualifier(rs.claims[i].qualifier,
						w->qualifier)))
				i++;
			missing += i == rs.nclaims;
		}
		for (size_t i = 0; i < rs.nclaims; i++)
			ngot += strcmp(rs.claims[i].attribute, "launch") == 0;
		if (missing || ngot != nwant) {
			bad++;
			print_error("%s: %zu of %zu launches missing, %zu "
				    "found:\n", lc->name, missing, nwant, ngot);
			for (size_t i = 0; i < rs.nclaims; i++) {
				const struct claim *c = &rs.claims[i];

				if (strcmp(c->attribute, "launch") == 0)
					print_error("    %s %s %s\n",
						    c->subject, c->value,
						    c->qualifier ? c->qualifier
								 : "-");
			}
		}
		rumor_set_free(&rs);
	}
	assert_int_equal(bad, 0);
}

/* ---- claims as tech sites write them ---- */

struct claim_case {
	const char *text;
	const char *published;
	/* Exactly these chipset and launch claims (none: a negative). */
	struct want_claim want[4];
};

#define CHIP(d, v) { d, "chipset", v, NULL }
#define LAUNCH(d, v) { d, "launch", v, NULL }

static const struct claim_case claim_cases[] = {
	/* A sentence naming no device: its own subject, or the paragraph's. */
	{ "The Pixel 9 Pro is fast. It will launch in October.", "2024-06-03",
	  { LAUNCH("Google Pixel 9 Pro", "2024-10") } },
	{ "The Pixel 9 Pro is fast. Wi-Fi 7 hit the market this year.",
	  "2024-06-03", { { NULL } } },
	{ "The Pixel 9 Pro is fast. The AirPods first launched in 2016.",
	  "2024-06-03", { { NULL } } },
	/* A part list under a product's heading is the product's. */
	{ "Apple iPhone 7, 32GB\n\n12MP camera\n\nA10 Fusion chipset",
	  "2019-11-19", { CHIP("Apple iPhone 7", "A10") } },
	{ "Qualcomm news\n\nThe Snapdragon 8 Elite chipset is fast.",
	  "2024-10-22", { { NULL } } },
	/* A device and a chip in one statement need no cue word. */
	{ "Xiaomi 15 Pro spotted on Geekbench with Snapdragon 8 Elite",
	  "2024-10-01", { CHIP("Xiaomi 15 Pro", "Snapdragon 8 Elite") } },
	{ "The Snapdragon 8 Gen 3-powered OnePlus 12 is now on sale.",
	  "2024-01-30", { CHIP("OnePlus 12", "Snapdragon 8 Gen 3") } },
	{ "A Dimensity 8300-toting POCO X6 Pro was benchmarked.", "2024-01-12",
	  { CHIP("POCO X6 Pro", "Dimensity 8300") } },
	{ "Powering the Xiaomi 14 Pro is the Snapdragon 8 Gen 3.", "2023-10-27",
	  { CHIP("Xiaomi 14 Pro", "Snapdragon 8 Gen 3") } },
	{ "The Dimensity 9400 will power the OPPO Find X8.", "2024-09-25",
	  { CHIP("OPPO Find X8", "Dimensity 9400") } },
	{ "POCO F7 Pro (Snapdragon 8 Gen 3) benchmark leaks", "2025-01-15",
	  { CHIP("POCO F7 Pro", "Snapdragon 8 Gen 3") } },
	{ "OnePlus 13 specs: Snapdragon 8 Elite, 6.82-inch display, 6000mAh",
	  "2024-10-29", { CHIP("OnePlus 13", "Snapdragon 8 Elite") } },
	{ "The Galaxy S24 Ultra uses the Snapdragon 8 Gen 3, while the Galaxy "
	  "S24 gets the Exynos 2400 in Europe.", "2024-01-10",
	  { CHIP("Samsung Galaxy S24 Ultra", "Snapdragon 8 Gen 3"),
	    CHIP("Samsung Galaxy S24", "Exynos 2400") } },
	/* A sentence naming no device: a cue before the chip. */
	{ "The Redmi K70 Pro is official. At its heart sits the Snapdragon 8 "
	  "Gen 3.", "2023-11-29",
	  { CHIP("Redmi K70 Pro", "Snapdragon 8 Gen 3") } },
	{ "The Xiaomi 14 is coming soon. The Snapdragon 8 Gen 3 was announced "
	  "in October.", "2023-10-01", { { NULL, NULL, NULL, NULL } } },
	/* A chip with its own device inside a comparison stays theirs. */
	{ "The A55 is faster than the Exynos 1380-powered Galaxy A54 was.",
	  "2024-03-04", { CHIP("Samsung Galaxy A54", "Exynos 1380") } },
	/* Launch phrasing and dates. */
	{ "OnePlus 13 launching tomorrow", "2024-10-30",
	  { LAUNCH("OnePlus 13", "2024-10-31") } },
	{ "The Galaxy S25 is set for a February unveiling.", "2024-12-15",
	  { LAUNCH("Samsung Galaxy S25", "2025-02") } },
	{ "Apple will unveil the iPhone 16 on Sept. 9.", "2024-08-27",
	  { LAUNCH("Apple iPhone 16", "2024-09-09") } },
	{ "The Xiaomi 14 Ultra launches globally on the 12th of March.",
	  "2024-03-01", { LAUNCH("Xiaomi 14 Ultra", "2024-03-12") } },
	{ "The Pixel 9 launches on Tuesday.", "2024-08-10", /* a Saturday */
	  { LAUNCH("Google Pixel 9", "2024-08-13") } },
	{ "Samsung unveiled the Galaxy S24 on Wednesday.", "2024-01-19",
	  { LAUNCH("Samsung Galaxy S24", "2024-01-17") } },
	{ "The Pixel 9 will be unveiled next week.", "2024-08-28",
	  { LAUNCH("Google Pixel 9", "2024-09") } },
	{ "Redmi K80 to launch on Wednesday, November 27", "2024-10-28",
	  { LAUNCH("Redmi K80", "2024-11-27") } },
	{ "The HONOR Magic6 Pro breaks cover on January 11.", "2024-01-05",
	  { LAUNCH("HONOR Magic6 Pro", "2024-01-11") } },
	{ "The Pixel 9a is due in mid-March.", "2025-02-20",
	  { LAUNCH("Google Pixel 9a", "2025-03") } },
	{ "Sony's Xperia 1 VI will be announced in May.", "2024-04-01",
	  { LAUNCH("Sony Xperia 1 VI", "2024-05") } },
	/* Told in the past tense: the last such month or day. */
	{ "Google launched the Pixel 8 last October.", "2024-05-10",
	  { LAUNCH("Google Pixel 8", "2023-10") } },
	{ "The iPhone 15 went on sale in September.", "2024-03-01",
	  { LAUNCH("Apple iPhone 15", "2023-09") } },
	{ "Samsung's Galaxy S24 announcement in January was a big moment.",
	  "2024-05-10", { LAUNCH("Samsung Galaxy S24", "2024-01") } },
	{ "The Galaxy A35 went on sale on March 15.", "2024-04-02",
	  { LAUNCH("Samsung Galaxy A35", "2024-03-15") } },
	/* Predecessors, successors, rivals, comparisons. */
	{ "Last year's Galaxy S23 had the Snapdragon 8 Gen 2.", "2024-01-05",
	  { { NULL, NULL, NULL, NULL } } },
	{ "Its predecessor, the Xiaomi 13, used the Snapdragon 8 Gen 2.",
	  "2023-10-20", { { NULL, NULL, NULL, NULL } } },
	{ "The Pixel 8, the predecessor of the Pixel 9, runs the Tensor G3.",
	  "2024-07-30", { { NULL, NULL, NULL, NULL } } },
	{ "The Galaxy S24's successor is tipped to launch in January.",
	  "2024-05-01", { { NULL, NULL, NULL, NULL } } },
	{ "A follow-up to the OnePlus 12 is expected in December.",
	  "2024-06-15", { { NULL, NULL, NULL, NULL } } },
	{ "The Galaxy S25, successor to the Galaxy S24, will launch on "
	  "January 22.", "2024-12-01",
	  { LAUNCH("Samsung Galaxy S25", "2025-01-22") } },
	{ "Xiaomi's Galaxy A55 rival launches in August.", "2024-05-20",
	  { { NULL, NULL, NULL, NULL } } },
	{ "Unlike the Pixel 8, which used the Tensor G3, it gets a new chip.",
	  "2024-08-14", { { NULL, NULL, NULL, NULL } } },
	{ "The A18 Pro scores 20% higher than the Galaxy S24 Ultra's "
	  "Snapdragon 8 Gen 3.", "2024-09-20", { { NULL, NULL, NULL, NULL } } },
	{ "Snapdragon 8 Gen 3 vs A17 Pro: Galaxy S24 Ultra vs iPhone 15 Pro "
	  "Max", "2023-11-01", { { NULL, NULL, NULL, NULL } } },
	{ "The iPhone 16 Pro is faster than last year's iPhone 15 Pro, which "
	  "launched in September.", "2024-09-10",
	  { { NULL, NULL, NULL, NULL } } },
	/* Negations, cancellations, delays. */
	{ "Samsung has no plans to launch the Galaxy S24 FE in March.",
	  "2024-02-15", { { NULL, NULL, NULL, NULL } } },
	{ "The Pixel 9 will not get the Tensor G5.", "2024-06-20",
	  { { NULL, NULL, NULL, NULL } } },
	{ "The Pixel 9a, originally due in March, has been delayed.",
	  "2025-02-01", { { NULL, NULL, NULL, NULL } } },
	/* Updates, accessories, deals, a chip's own unveiling. */
	{ "The Android 15 beta arrives for the Galaxy S24 on October 2.",
	  "2024-09-20", { { NULL, NULL, NULL, NULL } } },
	{ "One UI 6.1 rolls out to the Galaxy S23 next week.", "2024-03-20",
	  { { NULL, NULL, NULL, NULL } } },
	{ "The update for the Pixel 8 arrives on Tuesday.", "2024-05-30",
	  { { NULL, NULL, NULL, NULL } } },
	{ "Spigen cases for the Galaxy S25 go on sale on January 10.",
	  "2025-01-02", { { NULL, NULL, NULL, NULL } } },
	{ "The OnePlus 12 is on sale for $699 until March 31.", "2024-03-20",
	  { { NULL, NULL, NULL, NULL } } },
	{ "The Galaxy S24 is $100 off until Sunday.", "2024-03-14",
	  { { NULL, NULL, NULL, NULL } } },
	{ "MediaTek's Dimensity 9400 will be unveiled on October 9, before the "
	  "vivo X200 launches.", "2024-09-17", { { NULL, NULL, NULL, NULL } } },
	/* The OS a phone launches with is no update. */
	{ "The Galaxy S25 will launch with One UI 7 on January 22.",
	  "2024-12-20", { LAUNCH("Samsung Galaxy S25", "2025-01-22") } },
};

static void
test_claims(void **state)
{
	const struct lexicon *lx = *state;
	size_t bad = 0;

	for (size_t k = 0; k < sizeof(claim_cases) / sizeof(claim_cases[0]);
	     k++) {
		const struct claim_case *cc = &claim_cases[k];
		struct rumor_set rs = extract(lx, cc->text, strlen(cc->text),
					      cc->published);
		size_t nwant = 0, ngot = 0, missing = 0;

		for (; nwant < 4 && cc->want[nwant].subject; nwant++)
			missing += !find_claim(&rs, cc->want[nwant].subject,
					       cc->want[nwant].attr,
					       cc->want[nwant].value, NULL);
		for (size_t i = 0; i < rs.nclaims; i++)
			ngot += strcmp(rs.claims[i].attribute, "chipset") == 0 ||
				strcmp(rs.claims[i].attribute, "launch") == 0;
		if (missing || ngot != nwant) {
			bad++;
			print_error("\"%s\" (%s): %zu of %zu missing, %zu "
				    "found:\n", cc->text, cc->published, missing,
				    nwant, ngot);
			for (size_t i = 0; i < rs.nclaims; i++)
				print_error("    %s %s %s\n",
					    rs.claims[i].subject,
					    rs.claims[i].attribute,
					    rs.claims[i].value);
		}
		rumor_set_free(&rs);
	}
	assert_int_equal(bad, 0);
}

/* ---- one lexicon, several threads ---- */

struct thread_job {
	const struct lexicon *lx;
	const char *text;
	size_t len;
	size_t nclaims; /* what every round must find */
	int bad;        /* rounds that found something else */
};

static void *
thread_run(void *arg)
{
	struct thread_job *job = arg;
	struct ymd pub = { 2023, 10, 5 };

	for (int r = 0; r < 50; r++) {
		struct rumor_set rs;

		rumor_set_init(&rs);
		if (rumors_extract(job->lx, NULL, job->text, job->len, &pub,
				   &rs) != 0 ||
		    rs.nclaims != job->nclaims || rs.ndevices != 2)
			job->bad++;
		rumor_set_free(&rs);
	}
	return NULL;
}

static void
test_threads(void **state)
{
	struct thread_job jobs[4];
	pthread_t th[4];
	struct rumor_set rs;
	size_t len;
	char *text;

	text = fixture_read(SEEDS "/001_f5d415ec06a9beb0.txt", &len);
	assert_non_null(text);
	rs = extract(*state, text, len, "2023-10-05");
	for (int i = 0; i < 4; i++) {
		jobs[i] = (struct thread_job){ *state, text, len, rs.nclaims,
					       0 };
		assert_int_equal(pthread_create(&th[i], NULL, thread_run,
						&jobs[i]),
				 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(jobs[i].bad, 0);
	}
	rumor_set_free(&rs);
	free(text);
}

/* ---- sentences ---- */

struct sentence_case {
	const char *name;
	const char *text;
	const char *want[6]; /* the sentences */
	size_t paragraphs[6];
};

static const struct sentence_case sentence_cases[] = {
	{ "full stops", "One here. Two there! Three?",
	  { "One here.", "Two there!", "Three?", NULL }, { 0, 0, 0 } },
	{ "heading line and paragraphs", "A title\n\nFirst. Second.\n\nNext",
	  { "A title", "First.", "Second.", "Next" }, { 0, 1, 1, 2 } },
	{ "decimals and abbreviations",
	  "A 6.7-inch screen vs. the rest. Mr. Lei said so.",
	  { "A 6.7-inch screen vs. the rest.", "Mr. Lei said so." },
	  { 0, 0 } },
	{ "lower case after a stop", "It costs approx. five dollars. Fine.",
	  { "It costs approx. five dollars.", "Fine." }, { 0, 0 } },
	{ "closing quote", "He said \"soon.\" Then left.",
	  { "He said \"soon.\"", "Then left." }, { 0, 0 } },
	{ "CRLF lines", "Title\r\n\r\nBody one.\r\nBody two.",
	  { "Title", "Body one.", "Body two.", NULL }, { 0, 1, 1 } },
};

static void
test_sentences(void **state)
{
	(void)state;
	for (size_t i = 0;
	     i < sizeof(sentence_cases) / sizeof(sentence_cases[0]); i++) {
		const struct sentence_case *sc = &sentence_cases[i];
		struct sentence out[8];
		size_t n = 0, nwant = 0;

		assert_int_equal(sentences_split(sc->text, strlen(sc->text),
						 out, 8, &n),
				 0);
		while (nwant < 6 && sc->want[nwant])
			nwant++;
		if (n != nwant)
			fail_msg("%s: %zu sentences, want %zu", sc->name, n,
				 nwant);
		for (size_t k = 0; k < n; k++) {
			size_t l = out[k].end - out[k].start;

			if (strlen(sc->want[k]) != l ||
			    memcmp(sc->text + out[k].start, sc->want[k], l) ||
			    out[k].paragraph != sc->paragraphs[k])
				fail_msg("%s: sentence %zu is \"%.*s\" (%zu)",
					 sc->name, k, (int)l,
					 sc->text + out[k].start,
					 out[k].paragraph);
		}
	}
	{
		struct sentence out[2];
		size_t n = 0;

		assert_int_equal(sentences_split("One. Two. Six.", 14, out, 2,
						 &n),
				 RM_ETOOLARGE);
		assert_int_equal(n, 2);
	}
}

/* ---- real pages ---- */

/* The text of an HTML page, crudely: tags, scripts and styles dropped. */
static char *
crude_text(const char *html, size_t len, size_t *out_len)
{
	char *out = malloc(len + 1);
	size_t o = 0;

	assert_non_null(out);
	for (size_t i = 0; i < len;) {
		if (html[i] != '<') {
			out[o++] = html[i++];
			continue;
		}
		if (len - i > 7 && (strncasecmp(html + i, "<script", 7) == 0 ||
				    strncasecmp(html + i, "<style", 6) == 0)) {
			const char *end = strstr(html + i + 1, "</");

			while (end && strncasecmp(end, "</script", 8) != 0 &&
			       strncasecmp(end, "</style", 7) != 0)
				end = strstr(end + 2, "</");
			i = end ? (size_t)(end - html) + 2 : len;
		}
		while (i < len && html[i] != '>')
			i++;
		i++;
		out[o++] = '\n';
	}
	out[o] = '\0';
	*out_len = o;
	return out;
}

static char *
read_maybe_gz(const char *path, size_t *len)
{
	gzFile gz = gzopen(path, "rb");
	size_t cap = 1 << 20, n = 0;
	char *buf;
	int r;

	if (!gz)
		return NULL;
	buf = malloc(cap + 1);
	assert_non_null(buf);
	while ((r = gzread(gz, buf + n, (unsigned)(cap - n))) > 0) {
		n += (size_t)r;
		if (n == cap) {
			cap *= 2;
			buf = realloc(buf, cap + 1);
			assert_non_null(buf);
		}
	}
	gzclose(gz);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* Words that start OS, event and company names, never a device name. */
static const char *const not_device_prefixes[] = {
	"iOS", "Android", "One UI", "MWC", "Galaxy Unpacked", "Leica",
	"Hasselblad", "Zeiss", "Qualcomm", "WWDC",
};

static void
test_tech_news(void **state)
{
	const struct lexicon *lx = *state;
	char list[1024], line[1024];
	double total = 0, bytes = 0;
	unsigned pages = 0, devices = 0;
	const int rounds = 5;
	FILE *f;

	snprintf(list, sizeof(list),
		 "find %s %s -type f "
		 "\\( -name 'source.html*' -o -name '*.txt' \\) | sort",
		 TECH_NEWS, SEEDS);
	f = popen(list, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		struct ymd pub = { 2024, 6, 1 };
		size_t len, tlen;
		char *raw, *text;
		double t0;

		line[strcspn(line, "\n")] = '\0';
		raw = read_maybe_gz(line, &len);
		if (!raw)
			continue;
		text = strstr(line, ".html") ? crude_text(raw, len, &tlen)
					     : (tlen = len, raw);
		t0 = now_us();
		for (int r = 0; r < rounds; r++) {
			struct rumor_set rs;

			rumor_set_init(&rs);
			assert_int_equal(rumors_extract(lx, NULL, text, tlen,
							&pub, &rs),
					 0);
			if (r == 0) {
				devices += (unsigned)rs.ndevices;
				for (size_t d = 0; d < rs.ndevices; d++)
					for (size_t k = 0;
					     k < sizeof(not_device_prefixes) /
							 sizeof(not_device_prefixes[0]);
					     k++)
						if (strncmp(rs.devices[d].name,
							    not_device_prefixes[k],
							    strlen(not_device_prefixes[k])) ==
						    0)
							fail_msg("%s: device %s",
								 line,
								 rs.devices[d].name);
			}
			rumor_set_free(&rs);
		}
		total += (now_us() - t0) / rounds;
		bytes += (double)tlen;
		pages++;
		if (text != raw)
			free(text);
		free(raw);
	}
	pclose(f);
	assert_true(pages >= 30);
	print_message("tech-news + seeds: %u texts, %.0f KiB of text, "
		      "%.1f us per text, %.1f MB/s, %u devices\n",
		      pages, bytes / 1024, total / pages,
		      bytes / total, devices);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seeds),
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_cue_is_sentence),
		cmocka_unit_test(test_title_weight),
		cmocka_unit_test(test_no_published),
		cmocka_unit_test(test_launch_folding),
		cmocka_unit_test(test_claims),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_sentences),
		cmocka_unit_test(test_tech_news),
	};

	return cmocka_run_group_tests(tests, lexicon_fixture_setup,
						lexicon_fixture_teardown);
}
