/*
 * gen_store: a generated rumor database for the query benchmark, built
 * through store_put_article like a crawl (fingerprints, scores and
 * contested flags included).  Deterministic: the same arguments give the
 * same database.
 *
 *   gen_store FILE [ARTICLES [DEVICES]]    (default 200000 50000)
 *
 * Every article is about one device and makes five claims new to the
 * database and two that repeat earlier articles' claims (corroboration),
 * so ARTICLES articles make 5 * ARTICLES rumors: 1,000,000 by default,
 * 20 per device.  Names: 40 makers, 25 series, 50 numbers ("Orvex Nova
 * 12"); 400 chipsets, about 1.3 chipset claims per device, so a chipset
 * has about 160 rumors naming it.  Text: about 90 words per article from
 * a 20,000-word vocabulary with a Zipf-like spread, so a rare word is in
 * a few dozen articles and a common one in most.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/buf.h"
#include "common/rumor.h"
#include "bench/xorshift.h"
#include "extract/lexicon.h"
#include "store/store.h"

#define MAKERS 40
#define SERIES 25
#define NUMBERS 50
#define CHIPSETS 400
#define VOCAB 20000
#define NEW_CLAIMS 5
#define REPEAT_CLAIMS 2
#define SOURCES 20

static uint64_t rng = 0x853c49e6748fea9bULL;

static uint64_t
next(void)
{
	return xorshift64(&rng);
}

static unsigned
below(unsigned n)
{
	return (unsigned)(next() % n);
}

static const char *const syll[] = {
	"ka", "ro", "vex", "lin", "tor", "mi", "sa", "dun", "zel", "po",
	"qua", "ner", "bi", "tho", "gal", "ux", "ri", "fen", "do", "ly",
};
#define NSYLL (sizeof(syll) / sizeof(syll[0]))

/* A made-up word for number I: its base-20 digits as syllables. */
static void
word(unsigned i, char *out, size_t n)
{
	size_t len = 0;

	out[0] = '\0';
	for (unsigned v = i + NSYLL; v && len + 4 < n; v /= NSYLL)
		len += (size_t)snprintf(out + len, n - len, "%s",
					syll[v % NSYLL]);
}

static void
device_name(unsigned d, char *brand, size_t bn, char *out, size_t n)
{
	char maker[32], series[32];

	word(7000 + d % MAKERS, maker, sizeof(maker));
	maker[0] = (char)(maker[0] - 'a' + 'A');
	word(7100 + (d / MAKERS) % SERIES, series, sizeof(series));
	series[0] = (char)(series[0] - 'a' + 'A');
	snprintf(brand, bn, "%s", maker);
	snprintf(out, n, "%s %s %u", maker, series,
		 (d / MAKERS / SERIES) % NUMBERS + 1);
}

static void
chipset_name(unsigned c, char *out, size_t n)
{
	static const char *const family[] = { "Snapdragon", "Dimensity",
					      "Exynos", "Tensor", "Kirin" };

	snprintf(out, n, "%s %u", family[c % 5], 100 + c / 5);
}

/*
 * Claim K (0..19) of device D: the attribute and value.  Claims 0-1 are
 * chipsets (the second one for 30% of devices, else a further OS claim),
 * 2-3 launch months, the rest other attributes.
 */
static void
claim_of(unsigned d, unsigned k, char *attr, size_t an, char *value,
	 size_t vn)
{
	static const char *const other[] = { "os", "battery", "charging",
					     "display_size", "sensor_size",
					     "camera_partner", "ram",
					     "storage" };
	uint64_t h = (uint64_t)d * 2654435761u + k * 40503u;

	if (k == 0 || (k == 1 && h % 10 < 3)) {
		snprintf(attr, an, "chipset");
		chipset_name((unsigned)((d * 7 + k * 131) % CHIPSETS), value,
			     vn);
	} else if (k == 2 || k == 3) {
		snprintf(attr, an, "launch");
		snprintf(value, vn, "%u-%02u", 2020 + (d + k) % 6,
			 1 + (unsigned)((h >> 8) % 12));
	} else {
		snprintf(attr, an, "%s", other[k % 8]);
		snprintf(value, vn, "%s value %u", other[k % 8], k);
	}
}

/* Zipf-like: word i is picked with weight about 1/(i+1). */
static unsigned
zipf_word(void)
{
	double u = (double)(next() >> 11) / 9007199254740992.0;
	/* The inverse of the continuous 1/x law over [1, VOCAB]. */
	unsigned x = (unsigned)exp(u * log((double)VOCAB));

	return x >= 1 && x <= VOCAB ? x - 1 : VOCAB - 1;
}

int
main(int argc, char **argv)
{
	unsigned long articles = argc > 2 ? strtoul(argv[2], NULL, 10) : 200000;
	unsigned long devices = argc > 3 ? strtoul(argv[3], NULL, 10) : 50000;
	static const char *const dirs[] = { "config/lexicon", NULL };
	struct store *st = NULL;
	struct lexicon *lx = NULL;
	char *err = NULL;
	struct buf text;
	time_t t0 = time(NULL);

	if (argc < 2 || !articles || !devices) {
		fprintf(stderr, "usage: gen_store FILE [ARTICLES [DEVICES]]\n");
		return 2;
	}
	if (store_open(argv[1], 0, &st, &err)) {
		fprintf(stderr, "gen_store: %s\n", err);
		free(err);
		return 1;
	}
	/* What the attributes mean, as a crawl would have them. */
	if (lexicon_load(dirs, &lx, &err)) {
		fprintf(stderr, "gen_store: %s\n", err);
		free(err);
		return 1;
	}
	store_set_claims(st, lexicon_claims(lx));
	buf_init(&text, 1 << 20);
	for (unsigned long a = 0; a < articles; a++) {
		unsigned d = (unsigned)(a % devices);
		unsigned round = (unsigned)(a / devices); /* 0.. */
		char url[128], source[32], published[16], title[192];
		char name[96], brand[32], attr[32], value[64], cue[256];
		char w[32];
		struct rumor_set rs;
		struct store_article sa;

		device_name(d, brand, sizeof(brand), name, sizeof(name));
		rumor_set_init(&rs);
		rumor_set_add_device(&rs, name, brand);
		buf_reset(&text);
		for (unsigned k = 0; k < NEW_CLAIMS + REPEAT_CLAIMS; k++) {
			/* New claims first, then repeats of earlier ones. */
			unsigned ck = k < NEW_CLAIMS
					      ? round * NEW_CLAIMS + k
					      : (round ? below(round * NEW_CLAIMS)
						       : 99);
			struct claim *c;

			if (ck == 99)
				continue;
			claim_of(d, ck % 20, attr, sizeof(attr), value,
				 sizeof(value));
			snprintf(cue, sizeof(cue),
				 "The %s will reportedly come with %s %s.",
				 name, attr, value);
			if (strcmp(attr, "chipset") == 0)
				rumor_set_add_chipset(&rs, value, "Chipmaker");
			c = rumor_set_add_claim(&rs, name, attr, value,
						NULL, cue);
			c->certainty = (next() % 4 == 0) ? 1.6 : 0.7;
			buf_printf(&text, "%s ", cue);
		}
		for (unsigned i = 0; i < 90; i++) {
			word(zipf_word(), w, sizeof(w));
			buf_printf(&text, "%s%s", w, i % 15 == 14 ? ". " : " ");
		}
		/* A device's articles come from different sites. */
		snprintf(url, sizeof(url), "https://site%u.example/news/%lu",
			 (d + round * 7) % SOURCES, a);
		snprintf(source, sizeof(source), "site%u",
			 (d + round * 7) % SOURCES);
		snprintf(published, sizeof(published), "%lu-%02lu-%02lu",
			 2019 + (a * 6 / articles), 1 + (a / 7) % 12,
			 1 + a % 28);
		snprintf(title, sizeof(title), "%s leak: what we know", name);
		sa = (struct store_article){
			.url = url,
			.source = source,
			.title = title,
			.text = buf_str(&text),
			.published = published,
			.rumors = &rs,
			.weight = 0.8 + 0.05 * (double)((d + round * 7) %
							SOURCES % 9),
		};
		if (store_put_article(st, &sa, NULL)) {
			fprintf(stderr, "gen_store: %s\n", store_errmsg(st));
			return 1;
		}
		rumor_set_free(&rs);
		if (a % 20000 == 19999)
			fprintf(stderr, "gen_store: %lu articles, %lds\n",
				a + 1, (long)(time(NULL) - t0));
	}
	buf_free(&text);
	store_close(st);
	lexicon_free(lx);
	return 0;
}
