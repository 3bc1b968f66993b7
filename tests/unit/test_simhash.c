/*
 * simhash_text: what counts as the same body (case, spacing,
 * punctuation), how far light edits and unrelated articles land, and
 * that the bands find every pair within SIMHASH_NEAR_BITS.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "extract/simhash.h"

/* A wire story about one leak (about 150 words). */
#define WIRE                                                                \
	"Xiaomi is preparing the Xiaomi 14 for an October launch in China, " \
	"according to a report from a well known tipster on Weibo. The "     \
	"phone will reportedly be powered by the Snapdragon 8 Gen 3, which " \
	"Qualcomm is expected to unveil at its annual summit in Hawaii. "    \
	"The leak also claims that the Xiaomi 14 will keep the compact 6.36 " \
	"inch display of its predecessor while moving to a brighter panel "  \
	"with thinner bezels. On the back, a triple camera system tuned by " \
	"Leica is said to include a new 50 megapixel main sensor and a "     \
	"periscope telephoto lens for the Pro model only. Battery capacity " \
	"is rumored to grow to 4,860mAh with 90W wired charging and 50W "    \
	"wireless charging. The global release should follow in early "      \
	"2024, though Xiaomi has not confirmed any of these details yet, "   \
	"and pricing remains unknown for now."

#define OTHER                                                               \
	"Google has started rolling out the March feature drop to Pixel "    \
	"phones, bringing a handful of camera improvements and a new "       \
	"battery health screen. The update is available for the Pixel 6 "    \
	"and newer models, and owners of the Pixel Fold get a redesigned "   \
	"split keyboard. Google says the rollout will continue over the "    \
	"next few weeks, so not every phone will see the update right "      \
	"away. The release also patches more than forty security issues, "   \
	"three of them rated critical by the company's own security team, "  \
	"and it improves call quality on some carriers in Europe."

struct sim_case {
	const char *name;
	const char *a, *b;
	int max_distance;  /* -1: no bound */
	int min_distance;  /* 0: no bound */
	int same_exact;    /* the exact hashes must be equal (1) or not (0) */
};

static const struct sim_case sim_cases[] = {
	{ "identical text", WIRE, WIRE, 0, 0, 1 },
	{ "case, spacing and punctuation do not matter", WIRE,
	  "XIAOMI is   preparing the Xiaomi-14 for an October launch in "
	  "China -- according to a report from a well known tipster on "
	  "Weibo! The phone will reportedly be powered by the Snapdragon 8 "
	  "Gen 3; which Qualcomm is expected to unveil at its annual summit "
	  "in Hawaii. The leak also claims that the Xiaomi 14 will keep the "
	  "compact 6.36 inch display of its predecessor while moving to a "
	  "brighter panel with thinner bezels. On the back, a triple camera "
	  "system tuned by Leica is said to include a new 50 megapixel main "
	  "sensor and a periscope telephoto lens for the Pro model only. "
	  "Battery capacity is rumored to grow to 4,860mAh with 90W wired "
	  "charging and 50W wireless charging. The global release should "
	  "follow in early 2024, though Xiaomi has not confirmed any of "
	  "these details yet, and pricing remains unknown for now.",
	  0, 0, 1 },
	{ "a syndicated copy with a credit line is near", WIRE,
	  "This story first appeared on Example Wire. " WIRE, 6, 0, 0 },
	{ "one word changed is near", WIRE,
	  "Xiaomi is preparing the Xiaomi 14 for an October launch in China, "
	  "according to a report from a well known leaker on Weibo. The "
	  "phone will reportedly be powered by the Snapdragon 8 Gen 3, which "
	  "Qualcomm is expected to unveil at its annual summit in Hawaii. "
	  "The leak also claims that the Xiaomi 14 will keep the compact "
	  "6.36 inch display of its predecessor while moving to a brighter "
	  "panel with thinner bezels. On the back, a triple camera system "
	  "tuned by Leica is said to include a new 50 megapixel main sensor "
	  "and a periscope telephoto lens for the Pro model only. Battery "
	  "capacity is rumored to grow to 4,860mAh with 90W wired charging "
	  "and 50W wireless charging. The global release should follow in "
	  "early 2024, though Xiaomi has not confirmed any of these details "
	  "yet, and pricing remains unknown for now.",
	  6, 0, 0 },
	{ "an unrelated article is far", WIRE, OTHER, -1, 16, 0 },
};

static void
test_distances(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(sim_cases) / sizeof(sim_cases[0]);
	     i++) {
		const struct sim_case *c = &sim_cases[i];
		struct simhash a, b;
		int d;

		simhash_text(c->a, strlen(c->a), &a);
		simhash_text(c->b, strlen(c->b), &b);
		d = simhash_distance(a.near, b.near);
		if (!a.usable || !b.usable)
			fail_msg("%s: too short to fingerprint", c->name);
		if (c->max_distance >= 0 && d > c->max_distance)
			fail_msg("%s: distance %d > %d", c->name, d,
				 c->max_distance);
		if (d < c->min_distance)
			fail_msg("%s: distance %d < %d", c->name, d,
				 c->min_distance);
		if ((a.exact == b.exact) != c->same_exact)
			fail_msg("%s: exact hashes %s", c->name,
				 c->same_exact ? "differ" : "agree");
	}
}

static void
test_short_and_empty(void **state)
{
	struct simhash h;

	(void)state;
	simhash_text("", 0, &h);
	assert_int_equal(h.exact, 0);
	assert_false(h.usable);
	simhash_text(" ,.; ", 5, &h);
	assert_int_equal(h.exact, 0);
	/* A teaser: too short for either hash to mean copying. */
	simhash_text("Pixel 9 launches in August.", 27, &h);
	assert_int_equal(h.exact, 0);
	assert_int_equal(h.shingles, 3);
	assert_false(h.usable);
	simhash_text("The Pixel 9 launches in August with the Tensor G4 and "
		     "seven years of updates.", 78, &h);
	assert_int_not_equal(h.exact, 0);
	assert_false(h.usable);
}

/* xorshift64: deterministic test data. */
static uint64_t
next_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Pigeonhole: flipping up to k bits leaves some band unchanged. */
static void
test_bands_find_near_pairs(void **state)
{
	uint64_t seed = 0x9e3779b97f4a7c15ULL;

	(void)state;
	for (int round = 0; round < 20000; round++) {
		uint64_t a = next_rand(&seed), b = a;
		int flips = (int)(next_rand(&seed) % (SIMHASH_NEAR_BITS + 1));
		int shared = 0;

		for (int f = 0; f < flips; f++)
			b ^= 1ULL << (next_rand(&seed) % 64);
		for (int i = 0; i < SIMHASH_BANDS; i++)
			shared += simhash_band(a, i) == simhash_band(b, i);
		assert_true(shared > 0);
	}
	/* Bands of different positions never compare equal. */
	assert_int_not_equal(simhash_band(0, 0), simhash_band(0, 1));
	/* Each band reads its own bits: all ones gives a full band. */
	for (int i = 0; i < SIMHASH_BANDS; i++) {
		uint32_t k = simhash_band(~0ULL, i);
		int width = (i + 1) * 64 / SIMHASH_BANDS - i * 64 / SIMHASH_BANDS;

		assert_int_equal(k >> 16, i);
		assert_int_equal(k & 0xffff, (1u << width) - 1);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_distances),
		cmocka_unit_test(test_short_and_empty),
		cmocka_unit_test(test_bands_find_near_pairs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
