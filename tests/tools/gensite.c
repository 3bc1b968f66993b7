/*
 * gensite: a generated tech-news site, served over several loopback
 * hosts, for the crawl benchmark (bench/crawl.sh) and crawl stress
 * tests.
 *
 *   gensite [--pages N] [--hosts H] [--port P] [--threads T]
 *           [--seed S] [--mutate PERCENT] [--round R] [--log FILE]
 *
 * Serves N article pages (default 5000) over hosts 127.0.0.2 ..
 * 127.0.0.(H+1) (H at most 8, default 8), one libmicrohttpd daemon per
 * address with T polling threads each (default 2), all on one port
 * (P, or one chosen at start).  Prints each host's base URL
 * ("http://127.0.0.2:PORT"), one a line, then runs until its standard
 * input closes or it gets SIGINT/SIGTERM, and prints its request counts
 * and CPU time on standard error as key=value lines (also on SIGUSR1,
 * so a benchmark can read them between runs).
 *
 * Nothing is stored: every page is generated from its URL with a PRNG
 * seeded by S and the article number, so the same options always give
 * the same bytes.  Article I lives on host I % H at
 * /news/YYYY/MM/DD/SLUG-I/ (60-120 KB: head metadata with Open Graph,
 * article:published_time and JSON-LD, large inline styles and scripts,
 * navigation menus, a sidebar of related links, comments, a footer and
 * several paragraphs of phone-rumor prose naming devices, chipsets and
 * launch dates).  Each host also has / and /page/N/ (20 articles a
 * page, newest first, rel=next), /category/NAME/, /sitemap.xml (a
 * sitemap index of /sitemap-K.xml when the host has more than
 * SITEMAP_URLS articles) and a robots.txt that allows everything.
 *
 * --mutate PERCENT makes that share of the articles, picked by R (the
 * round, default 1), differ from their original text: another
 * paragraph, new words, Last-Modified and sitemap lastmod set to the
 * server's start time.  The other articles are served as with
 * --mutate 0, so a crawl of a changed site can be compared with one of
 * the original.  Responses carry an ETag (a hash of the body) and
 * Last-Modified, and conditional requests get 304.  --log FILE writes a
 * line per request: milliseconds since start, address, method, path,
 * status, If-None-Match, If-Modified-Since ("-" when absent).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "common/ascii.h"
#include "common/buf.h"

#define HOSTS_MAX 8
#define PAGES_MAX 10000000ULL
#define THREADS_MAX 16
#define PORT_TRIES 50
#define PAGE_CAP (256u << 10)
#define SITEMAP_URLS 10000
#define SITEMAP_CAP (SITEMAP_URLS * 256u + 4096)
#define PER_INDEX 20
/* Page sizes: 60,000 to 119,000 bytes. */
#define PAGE_MIN 60000
#define PAGE_SPREAD 59000
#define RELATED 6
#define TRENDING 6
#define CATEGORY_SCAN 4000
#define SLUG_MAX 72
#define TEXT_MAX 512
/* 2023-01-01T00:00:00Z, and a new article every 15 minutes. */
#define EPOCH 1672531200LL
#define STEP_S 900LL

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the words ---- */

enum chip_family { FAM_OPEN, FAM_SAMSUNG, FAM_GOOGLE, FAM_APPLE, FAM_HUAWEI };

struct device {
	const char *name;
	const char *brand;
	enum chip_family fam;
};

static const struct device devices[] = {
	{ "Xiaomi 15 Ultra", "Xiaomi", FAM_OPEN },
	{ "Xiaomi 16 Pro", "Xiaomi", FAM_OPEN },
	{ "Xiaomi 17", "Xiaomi", FAM_OPEN },
	{ "Redmi Note 15 Pro+", "Xiaomi", FAM_OPEN },
	{ "Redmi K90 Pro", "Xiaomi", FAM_OPEN },
	{ "POCO F8 Pro", "Xiaomi", FAM_OPEN },
	{ "Samsung Galaxy S26 Ultra", "Samsung", FAM_SAMSUNG },
	{ "Samsung Galaxy S26", "Samsung", FAM_SAMSUNG },
	{ "Samsung Galaxy Z Fold 8", "Samsung", FAM_OPEN },
	{ "Samsung Galaxy Z Flip 8", "Samsung", FAM_SAMSUNG },
	{ "Samsung Galaxy A57", "Samsung", FAM_SAMSUNG },
	{ "Google Pixel 10 Pro", "Google", FAM_GOOGLE },
	{ "Google Pixel 11", "Google", FAM_GOOGLE },
	{ "Google Pixel 10a", "Google", FAM_GOOGLE },
	{ "OnePlus 14", "OnePlus", FAM_OPEN },
	{ "OnePlus 15R", "OnePlus", FAM_OPEN },
	{ "OnePlus Nord 6", "OnePlus", FAM_OPEN },
	{ "Nothing Phone (4)", "Nothing", FAM_OPEN },
	{ "OPPO Find X9 Pro", "OPPO", FAM_OPEN },
	{ "OPPO Find N6", "OPPO", FAM_OPEN },
	{ "vivo X300 Pro", "vivo", FAM_OPEN },
	{ "iQOO 15", "vivo", FAM_OPEN },
	{ "realme GT 8", "realme", FAM_OPEN },
	{ "Huawei Mate 80", "Huawei", FAM_HUAWEI },
	{ "Huawei Pura 90", "Huawei", FAM_HUAWEI },
	{ "Honor Magic 8", "Honor", FAM_OPEN },
	{ "Motorola Edge 70", "Motorola", FAM_OPEN },
	{ "Sony Xperia 1 VI", "Sony", FAM_OPEN },
	{ "Asus ROG Phone 10", "Asus", FAM_OPEN },
	{ "Apple iPhone 18 Pro", "Apple", FAM_APPLE },
	{ "Apple iPhone 17e", "Apple", FAM_APPLE },
};

struct chip {
	const char *name;
	const char *maker;
	enum chip_family fam;
};

static const struct chip chips[] = {
	{ "Snapdragon 8 Elite", "Qualcomm", FAM_OPEN },
	{ "Snapdragon 8 Gen 4", "Qualcomm", FAM_OPEN },
	{ "Snapdragon 8s Gen 4", "Qualcomm", FAM_OPEN },
	{ "Snapdragon 7+ Gen 4", "Qualcomm", FAM_OPEN },
	{ "Dimensity 9500", "MediaTek", FAM_OPEN },
	{ "Dimensity 8450", "MediaTek", FAM_OPEN },
	{ "Snapdragon 8 Elite", "Qualcomm", FAM_SAMSUNG },
	{ "Exynos 2600", "Samsung", FAM_SAMSUNG },
	{ "Exynos 1680", "Samsung", FAM_SAMSUNG },
	{ "Tensor G5", "Google", FAM_GOOGLE },
	{ "Tensor G6", "Google", FAM_GOOGLE },
	{ "Apple A20 Pro", "Apple", FAM_APPLE },
	{ "Apple A19", "Apple", FAM_APPLE },
	{ "Kirin 9100", "HiSilicon", FAM_HUAWEI },
	{ "Kirin 9020", "HiSilicon", FAM_HUAWEI },
};

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December",
};

static const char *const leakers[] = {
	"Digital Chat Station", "Ice Universe", "OnLeaks",
	"Yogesh Brar", "Abhishek Yadav", "a Weibo tipster",
	"a supply chain report", "a 3C certification listing",
	"a Geekbench listing", "a TENAA filing", "Evan Blass",
	"an industry insider",
};

static const char *const regions[] = { "China", "India", "Europe",
				       "the US", "Japan", "global markets" };

static const char *const colors[] = { "Titanium Black", "Glacier Blue",
				      "Sage Green", "Desert Gold",
				      "Lunar Silver", "Coral Pink" };

static const char *const authors[] = {
	"Rahul Sharma", "Emma Clarke", "Daniel Okafor", "Mei Lin",
	"Lucas Moreau", "Priya Nair", "Tom Becker", "Sara Lindqvist",
	"Kenji Sato", "Ana Ruiz", "Omar Haddad", "Julia Novak",
};

static const char *const commenters[] = {
	"pixelfan88", "TechNomad", "jorge_m", "sunny.d", "Kwame A.",
	"nobody123", "LeakWatcher", "anna_k", "ramen4life", "BatteryGuy",
	"mkbhd_fan", "OldNokiaUser", "l.chen", "vibes_only", "DroidDad",
};

static const char *const site_names[HOSTS_MAX] = {
	"Gadget Wire", "Chip Chronicle", "Leak Ledger", "Droid Dispatch",
	"Handset Herald", "Silicon Scoop", "Phone Pulse", "Mobile Minute",
};

struct category {
	const char *slug;
	const char *name;
};

static const struct category categories[] = {
	{ "phones", "Phones" }, { "chips", "Chips" },
	{ "leaks", "Leaks" }, { "tablets", "Tablets" },
	{ "wearables", "Wearables" }, { "deals", "Deals" },
};

/*
 * Sentence templates.  {D} the article's device, {E} another device,
 * {B} its brand, {C} its chipset, {K} the chip maker, {M} {Y} {T} the
 * launch month, year and day, {S} a leaker, {x} a region, {c} a colour,
 * {b} battery mAh, {w} charging watts, {z} screen inches, {h} refresh
 * rate, {m} camera megapixels, {r} RAM GB, {g} storage GB, {p} price.
 */
static const char *const titles[] = {
	"{D} to feature {C}, launch tipped for {M} {Y}",
	"{D} leak reveals {C} chip and {b}mAh battery",
	"{D} launch date tipped: {M} {Y}",
	"Exclusive: {D} specs leak ahead of {M} launch",
	"{D} spotted on Geekbench with {C}",
	"{D} will launch in {x} in {M}, says {S}",
	"{D} renders show {c} finish and {m}MP camera",
	"{B} confirms {D} launch for {M} {T}",
};

static const char *const leads[] = {
	"{B} is preparing the {D}, and a new leak from {S} claims it will be "
	"powered by the {C}.",
	"According to {S}, the {D} will be powered by the {C} chipset.",
	"The {D} will come with the {C}, {S} says in a post published this "
	"week.",
	"{S} has shared fresh details about the {D}, which is tipped to use "
	"the {C}.",
};

static const char *const launches[] = {
	"{B} is expected to launch the {D} in {M} {Y}.",
	"The {D} will launch in {x} in {M} {Y}, with other markets to follow.",
	"The {D} is set to debut on {M} {T}, according to the same source.",
	"The launch of the {D} is tipped for {M} {Y}.",
};

static const char *const specs[] = {
	"The {D} is said to pack a {b}mAh battery with {w}W wired charging.",
	"It reportedly gets a {z}-inch OLED display with a {h}Hz refresh "
	"rate.",
	"The main camera is a {m}MP sensor, joined by an ultrawide and a "
	"periscope telephoto.",
	"Memory options start at {r}GB of RAM and {g}GB of storage.",
	"The phone will come in {c} and two other colours.",
	"Pricing is expected to start at around ${p} for the base model.",
	"The {C} is built on a 3nm process and promises better sustained "
	"performance than its predecessor.",
	"{K} is said to have improved the efficiency of the GPU by a "
	"noticeable margin this year.",
};

static const char *const filler[] = {
	"{B} has not confirmed any of these details yet, so take them with "
	"a pinch of salt.",
	"For comparison, the {E} ships with a {b}mAh cell and {w}W "
	"charging.",
	"The leak lines up with earlier reports about the device.",
	"We expect more details to surface in the coming weeks.",
	"The company usually teases its flagships a few weeks before the "
	"launch event.",
	"Benchmark scores suggest a healthy jump in multi-core performance.",
	"Software support is another area where the brand has been "
	"improving.",
	"The design is said to stay close to last year's model, with "
	"slimmer bezels.",
	"Retail boxes and marketing material have reportedly already gone "
	"into production.",
	"Carriers in {x} are said to be preparing launch promotions.",
	"The {E} remains one of the best-selling phones in its segment.",
	"It is unclear whether the phone will reach {x} at the same time.",
	"Thermal performance has been a sore point for the previous "
	"generation.",
	"The rumoured price would make it one of the more aggressive "
	"offerings in {x}.",
};

static const char *const headings[] = {
	"What we know so far", "Specifications", "Launch and pricing",
	"Design", "Camera", "Should you wait?",
};

static const char *const comment_lines[] = {
	"No headphone jack again, I guess.",
	"I will wait for the {E} before deciding.",
	"That battery sounds great if the charging holds up.",
	"Another year, another camera bump.",
	"{C} in a phone this size? Thermals will be interesting.",
	"Still using my old phone and it works fine.",
	"The price is what matters, the rest is noise.",
	"{S} has been right about most things this year.",
	"Software updates matter more to me than the chip.",
	"Finally a compact flagship, maybe.",
};

static const char *const css_words[] = {
	"header", "nav", "menu", "item", "card", "grid", "post",
	"meta", "byline", "share", "badge", "teaser", "sidebar", "widget",
	"footer", "promo", "ad", "hero", "title", "excerpt", "thumb",
};

static const char *const css_props[] = {
	"display:flex", "display:block", "margin:0 auto",
	"padding:8px 12px", "color:#1a1a1a", "color:#6b7280",
	"background:#fff", "background:#f3f4f6", "font-size:14px",
	"font-weight:700", "line-height:1.5", "border-radius:6px",
	"border-bottom:1px solid #e5e7eb", "text-transform:uppercase",
	"gap:16px", "align-items:center", "max-width:1200px",
	"overflow:hidden", "position:relative", "transition:all .2s ease",
};

static const char *const js_words[] = {
	"push", "track", "queue", "slot", "consent", "bid", "lazy",
	"observe", "frame", "pixel", "session", "render",  "hydrate", "defer",
};

/* ---- deterministic randomness ---- */

static uint64_t
mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

struct rng {
	uint64_t s;
};

enum purpose {
	P_META = 1, P_BODY, P_COMMENTS, P_SIDEBAR, P_PAD, P_SIZE, P_MUTATE,
	P_CATEGORY, P_HOST,
};

static void
rng_seed(struct rng *r, uint64_t seed, uint64_t a, uint64_t b,
	 enum purpose p)
{
	r->s = mix(seed ^ mix(a ^ mix(b ^ mix((uint64_t)p))));
}

static uint64_t
rng_next(struct rng *r)
{
	r->s += 0x9e3779b97f4a7c15ULL;
	return mix(r->s);
}

static unsigned
below(struct rng *r, unsigned n)
{
	return (unsigned)(rng_next(r) % n);
}

#define PICK(r, table) ((table)[below((r), N_OF(table))])

/* ---- output ---- */

struct out {
	struct buf b;
	int err; /* an append hit the cap */
};

static void
out_init(struct out *o, size_t cap)
{
	buf_init(&o->b, cap);
	o->err = 0;
}

static void
putn(struct out *o, const char *p, size_t n)
{
	if (buf_append(&o->b, p, n) != 0)
		o->err = 1;
}

static void
put(struct out *o, const char *s)
{
	putn(o, s, strlen(s));
}

static void
putu(struct out *o, unsigned long long v)
{
	char t[24];
	size_t i = sizeof(t);

	do {
		t[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v && i > 0);
	putn(o, t + i, sizeof(t) - i);
}

static void putf(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void
putf(struct out *o, const char *fmt, ...)
{
	char t[TEXT_MAX * 2];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(t, sizeof(t), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(t))
		o->err = 1;
	else
		putn(o, t, (size_t)n);
}

/* ---- the site ---- */

struct host {
	struct site *site;
	int n;
	char addr[16];
	char base[48];
	const char *name;
	struct out css, js, nav, footer; /* the host's page furniture */
	struct MHD_Daemon *d;
};

struct site {
	unsigned long long pages;
	int hosts;
	unsigned port;
	unsigned threads;
	unsigned mutate;  /* percent */
	unsigned long long round;
	uint64_t seed;
	long long started;
	struct host host[HOSTS_MAX];
	FILE *log;
	pthread_mutex_t lock;
	struct timespec t0;
	atomic_ullong requests, ok, not_modified, not_found, bytes;
};

struct article {
	unsigned long long id;
	int host;
	long long published, modified;
	unsigned version;	/* 0: original text, else the round */
	const struct device *dev, *other;
	const struct chip *chip;
	const struct category *cat;
	const char *leaker, *author, *region, *color;
	int launch_month, launch_day, launch_year;
	unsigned battery, watts, refresh, camera, ram, storage, price;
	unsigned inch10;
	char title[TEXT_MAX];
	char path[TEXT_MAX];
};

static unsigned long long
host_articles(const struct site *s, int h)
{
	return (s->pages + (unsigned long long)(s->hosts - 1 - h)) /
	       (unsigned long long)s->hosts;
}

/* The K-th newest article of host H. */
static unsigned long long
host_article(const struct site *s, int h, unsigned long long k)
{
	return (unsigned long long)h +
	       (unsigned long long)s->hosts * (host_articles(s, h) - 1 - k);
}

static bool
mutated(const struct site *s, unsigned long long id)
{
	struct rng r;

	if (!s->mutate)
		return false;
	rng_seed(&r, s->seed, id, s->round, P_MUTATE);
	return below(&r, 10000) < s->mutate * 100;
}

static const struct chip *
pick_chip(struct rng *r, enum chip_family fam)
{
	const struct chip *fit[N_OF(chips)];
	size_t n = 0;

	for (size_t i = 0; i < N_OF(chips); i++)
		if (chips[i].fam == fam)
			fit[n++] = &chips[i];
	return fit[below(r, (unsigned)n)];
}

/* Expand a template with A's facts. */
static void
expand(struct out *o, const struct article *a, const char *t)
{
	static const unsigned watts[] = { 45, 67, 80, 90, 100, 120 };
	static const unsigned mp[] = { 50, 64, 108, 200 };
	static const unsigned ram[] = { 8, 12, 16 };
	static const unsigned rom[] = { 128, 256, 512 };
	const char *p = t, *q;

	while ((q = strchr(p, '{')) != NULL && q[1] && q[2] == '}') {
		putn(o, p, (size_t)(q - p));
		switch (q[1]) {
		case 'D': put(o, a->dev->name); break;
		case 'E': put(o, a->other->name); break;
		case 'B': put(o, a->dev->brand); break;
		case 'C': put(o, a->chip->name); break;
		case 'K': put(o, a->chip->maker); break;
		case 'M': put(o, months[a->launch_month]); break;
		case 'Y': putu(o, (unsigned)a->launch_year); break;
		case 'T': putu(o, (unsigned)a->launch_day); break;
		case 'S':
			/* A sentence starts with a capital. */
			if (q == t) {
				char up = (char)ascii_toupper(
					(unsigned char)a->leaker[0]);

				putn(o, &up, 1);
				put(o, a->leaker + 1);
			} else {
				put(o, a->leaker);
			}
			break;
		case 'x': put(o, a->region); break;
		case 'c': put(o, a->color); break;
		case 'b': putu(o, a->battery); break;
		case 'w': putu(o, watts[a->watts % N_OF(watts)]); break;
		case 'z':
			putu(o, a->inch10 / 10);
			putn(o, ".", 1);
			putu(o, a->inch10 % 10);
			break;
		case 'h': putu(o, a->refresh); break;
		case 'm': putu(o, mp[a->camera % N_OF(mp)]); break;
		case 'r': putu(o, ram[a->ram % N_OF(ram)]); break;
		case 'g': putu(o, rom[a->storage % N_OF(rom)]); break;
		case 'p': putu(o, a->price); break;
		default: putn(o, q, 3); break;
		}
		p = q + 3;
	}
	put(o, p);
}

static void
slugify(const char *title, char *out, size_t cap)
{
	size_t n = 0;
	bool dash = false;

	for (const char *p = title; *p && n + 1 < cap && n < SLUG_MAX; p++) {
		unsigned char ch = (unsigned char)*p;

		if (ascii_isalnum(ch)) {
			if (dash && n > 0)
				out[n++] = '-';
			if (n + 1 < cap)
				out[n++] = (char)ascii_tolower(ch);
			dash = false;
		} else {
			dash = true;
		}
	}
	out[n] = '\0';
}

static void
describe(const struct site *s, unsigned long long id, struct article *a)
{
	struct rng r;
	struct out t;
	struct tm tm;
	time_t when;
	char slug[SLUG_MAX + 8];

	memset(a, 0, sizeof(*a));
	rng_seed(&r, s->seed, id, 0, P_META);
	a->id = id;
	a->host = (int)(id % (unsigned long long)s->hosts);
	a->published = EPOCH + (long long)id * STEP_S + below(&r, 600);
	a->version = mutated(s, id) ? (unsigned)s->round : 0;
	a->modified = a->version ? s->started : a->published;
	a->dev = &PICK(&r, devices);
	do
		a->other = &PICK(&r, devices);
	while (a->other == a->dev);
	a->chip = pick_chip(&r, a->dev->fam);
	rng_seed(&r, s->seed, id, 0, P_CATEGORY);
	a->cat = &PICK(&r, categories);
	rng_seed(&r, s->seed, id, 1, P_META);
	a->leaker = PICK(&r, leakers);
	a->author = PICK(&r, authors);
	a->region = PICK(&r, regions);
	a->color = PICK(&r, colors);
	when = (time_t)(a->published + (30 + below(&r, 200)) * 86400LL);
	gmtime_r(&when, &tm);
	a->launch_month = tm.tm_mon;
	a->launch_day = tm.tm_mday;
	a->launch_year = tm.tm_year + 1900;
	a->battery = 4000 + 100 * below(&r, 26);
	a->watts = below(&r, 6);
	a->refresh = below(&r, 2) ? 120 : 144;
	a->camera = below(&r, 4);
	a->ram = below(&r, 3);
	a->storage = below(&r, 3);
	a->price = 299 + 50 * below(&r, 24);
	a->inch10 = 61 + below(&r, 9);
	out_init(&t, sizeof(a->title) - 1);
	expand(&t, a, PICK(&r, titles));
	snprintf(a->title, sizeof(a->title), "%s", buf_str(&t.b));
	buf_free(&t.b);
	slugify(a->title, slug, sizeof(slug));
	when = (time_t)a->published;
	gmtime_r(&when, &tm);
	snprintf(a->path, sizeof(a->path), "/news/%04d/%02d/%02d/%s-%llu/",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, slug, id);
}

static void
iso_time(long long t, char out[32])
{
	time_t when = (time_t)t;
	struct tm tm;

	gmtime_r(&when, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
}

static void
http_date(long long t, char out[40])
{
	time_t when = (time_t)t;
	struct tm tm;

	gmtime_r(&when, &tm);
	strftime(out, 40, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

static long long
parse_http_date(const char *s)
{
	struct tm tm;
	const char *end;

	if (!s)
		return -1;
	memset(&tm, 0, sizeof(tm));
	end = strptime(s, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	if (!end || *end)
		return -1;
	return (long long)timegm(&tm);
}

/* ---- page furniture, made once per host ---- */

static void
make_css(struct host *h, struct rng *r)
{
	unsigned rules = 160 + below(r, 100);

	out_init(&h->css, PAGE_CAP);
	put(&h->css, ":root{--accent:#");
	putf(&h->css, "%06x", below(r, 0xffffff));
	put(&h->css, ";--ink:#111;--muted:#6b7280}\n*{box-sizing:border-box}"
		     "body{margin:0;font:16px/1.6 system-ui,sans-serif}\n");
	for (unsigned i = 0; i < rules; i++) {
		unsigned props = 2 + below(r, 5);

		if (i % 40 == 39)
			put(&h->css, "@media (max-width:768px){");
		putf(&h->css, ".s%d-%s-%s%u", h->n, PICK(r, css_words),
		     PICK(r, css_words), i);
		if (below(r, 3) == 0)
			putf(&h->css, ":hover,.s%d-%s>a", h->n,
			     PICK(r, css_words));
		put(&h->css, "{");
		for (unsigned k = 0; k < props; k++) {
			put(&h->css, PICK(r, css_props));
			put(&h->css, k + 1 < props ? ";" : "}");
		}
		if (i % 40 == 39)
			put(&h->css, "}");
		put(&h->css, "\n");
	}
}

static void
make_js(struct host *h, struct rng *r)
{
	unsigned funcs = 50 + below(r, 40);

	out_init(&h->js, PAGE_CAP);
	putf(&h->js, "window.dataLayer=window.dataLayer||[];var __site={id:%d,"
		     "name:'%s',ads:{refresh:30,lazy:true},consent:null};\n",
	     h->n, h->name);
	for (unsigned i = 0; i < funcs; i++) {
		const char *w = PICK(r, js_words), *v = PICK(r, js_words);

		putf(&h->js,
		     "function %s_%s%u(e,t){var n=e&&e.%s||[],o=0;for(var i=0;"
		     "i<n.length;i++){if(n[i]&&n[i].%s){o+=n[i].%s(t,%u)|0}}"
		     "return o>%u?window.dataLayer.push({event:'%s',v:o}):"
		     "setTimeout(function(){%s_%s%u(e,t)},%u)}\n",
		     w, v, i, w, v, w, below(r, 100), below(r, 50), v, w, v, i,
		     100 + below(r, 900));
	}
	put(&h->js, "document.addEventListener('DOMContentLoaded',function(){"
		    "var a=document.querySelectorAll('[data-lazy]');for(var i="
		    "0;i<a.length;i++){a[i].src=a[i].getAttribute('data-lazy')"
		    "}});\n");
}

static void
make_nav(struct host *h, struct rng *r)
{
	out_init(&h->nav, PAGE_CAP);
	put(&h->nav, "<nav class=\"main-nav\" aria-label=\"Main\"><ul "
		     "class=\"menu\">\n<li class=\"menu-item\"><a href=\"/\">"
		     "Home</a></li>\n");
	for (size_t c = 0; c < N_OF(categories); c++) {
		putf(&h->nav, "<li class=\"menu-item has-children\"><a href=\""
			      "/category/%s/\">%s</a><ul class=\"sub-menu\">\n",
		     categories[c].slug, categories[c].name);
		for (size_t d = 0; d < 7; d++) {
			const struct device *dv = &PICK(r, devices);

			putf(&h->nav, "<li class=\"menu-item\"><a href=\"/"
				      "category/%s/#%s\" data-track=\"nav-%zu-"
				      "%zu\">%s news</a></li>\n",
			     categories[c].slug, dv->brand, c, d, dv->brand);
		}
		put(&h->nav, "</ul></li>\n");
	}
	put(&h->nav, "</ul><form class=\"search\" action=\"/\" method=\"get\">"
		     "<input type=\"search\" name=\"s\" placeholder=\"Search"
		     "\"><button type=\"submit\">Go</button></form></nav>\n");
}

static void
make_footer(struct host *h)
{
	out_init(&h->footer, PAGE_CAP);
	putf(&h->footer, "<footer class=\"site-footer\"><div class=\"footer-"
			 "cols\"><div class=\"col\"><h4>%s</h4><p>Independent "
			 "news about phones, chips and the people who leak "
			 "them.</p></div><div class=\"col\"><h4>Sections</h4>"
			 "<ul>", h->name);
	for (size_t c = 0; c < N_OF(categories); c++)
		putf(&h->footer, "<li><a href=\"/category/%s/\">%s</a></li>",
		     categories[c].slug, categories[c].name);
	put(&h->footer, "</ul></div><div class=\"col\"><h4>Follow us</h4><ul>"
			"<li><a href=\"https://social.gensite.invalid/\" rel="
			"\"nofollow\">Social</a></li><li><a href=\"https://"
			"video.gensite.invalid/\" rel=\"nofollow\">Video</a>"
			"</li></ul></div></div><p class=\"legal\">&copy; 2025 "
			"The authors. All rights reserved.</p></footer>\n");
}

static void
make_host(struct site *s, int n)
{
	struct host *h = &s->host[n];
	struct rng r;

	h->site = s;
	h->n = n;
	h->name = site_names[n];
	snprintf(h->addr, sizeof(h->addr), "127.0.0.%d", n + 2);
	rng_seed(&r, s->seed, (uint64_t)n, 0, P_HOST);
	make_css(h, &r);
	make_js(h, &r);
	make_nav(h, &r);
	make_footer(h);
}

static void
free_host(struct host *h)
{
	buf_free(&h->css.b);
	buf_free(&h->js.b);
	buf_free(&h->nav.b);
	buf_free(&h->footer.b);
}

/* ---- pages ---- */

static void
page_head(struct out *o, const struct host *h, const char *title,
	  const char *canonical)
{
	put(o, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8"
	       "\"><meta name=\"viewport\" content=\"width=device-width,"
	       "initial-scale=1\">\n<title>");
	put(o, title);
	put(o, " | ");
	put(o, h->name);
	put(o, "</title>\n<link rel=\"canonical\" href=\"");
	put(o, h->base);
	put(o, canonical);
	put(o, "\">\n<link rel=\"stylesheet\" href=\"https://cdn.gensite."
	       "invalid/theme.css\"><link rel=\"preconnect\" href=\"https://"
	       "cdn.gensite.invalid\">\n");
}

static void
page_top(struct out *o, const struct host *h, const char *body_class)
{
	put(o, "<style>");
	putn(o, h->css.b.data, h->css.b.len);
	put(o, "</style>\n<script>");
	putn(o, h->js.b.data, h->js.b.len);
	put(o, "</script>\n</head>\n<body class=\"");
	put(o, body_class);
	put(o, "\"><div id=\"top-bar\" class=\"top-bar\"><span>Trending: ");
	put(o, devices[h->n % N_OF(devices)].name);
	put(o, "</span></div>\n<header class=\"site-header\"><a class=\"logo"
	       "\" href=\"/\">");
	put(o, h->name);
	put(o, "</a>\n");
	putn(o, h->nav.b.data, h->nav.b.len);
	put(o, "</header>\n");
}

static void
link_item(struct out *o, const struct article *a)
{
	put(o, "<li class=\"teaser\"><a href=\"");
	put(o, a->path);
	put(o, "\"><img data-lazy=\"https://cdn.gensite.invalid/t/");
	putu(o, a->id);
	put(o, ".jpg\" alt=\"\" width=\"120\" height=\"68\"><span class="
	       "\"teaser-title\">");
	put(o, a->title);
	put(o, "</span></a></li>\n");
}

static void
sidebar(struct out *o, const struct site *s, const struct article *a)
{
	unsigned long long per = host_articles(s, a->host), k0;
	struct article b;
	struct rng r;

	rng_seed(&r, s->seed, a->id, 0, P_SIDEBAR);
	put(o, "<aside class=\"sidebar\"><section class=\"widget related\">"
	       "<h3>Related</h3><ul>\n");
	k0 = (host_articles(s, a->host) - 1 -
	      (a->id - (unsigned long long)a->host) /
		      (unsigned long long)s->hosts);
	for (unsigned i = 1; i <= RELATED && k0 + i < per; i++) {
		describe(s, host_article(s, a->host, k0 + i), &b);
		link_item(o, &b);
	}
	put(o, "</ul></section>\n<section class=\"widget trending\"><h3>"
	       "Trending</h3><ol>\n");
	for (unsigned i = 0; i < TRENDING; i++) {
		describe(s, host_article(s, a->host, below(&r, (unsigned)per)),
			 &b);
		link_item(o, &b);
	}
	put(o, "</ol></section>\n<section class=\"widget newsletter\"><h3>Get "
	       "the leaks first</h3><form action=\"https://mail.gensite."
	       "invalid/subscribe\" method=\"post\"><input type=\"email\" "
	       "name=\"email\" placeholder=\"you@example.com\"><button>"
	       "Subscribe</button></form></section>\n<div class=\"ad-slot\" "
	       "data-slot=\"sidebar-1\" style=\"min-height:250px\"></div>"
	       "</aside>\n");
}

static void
comments(struct out *o, const struct site *s, const struct article *a)
{
	struct rng r;
	unsigned n;

	rng_seed(&r, s->seed, a->id, 0, P_COMMENTS);
	n = 3 + below(&r, 18);
	put(o, "<section id=\"comments\" class=\"comments\"><h3>");
	putu(o, n);
	put(o, " comments</h3><ol class=\"comment-list\">\n");
	for (unsigned i = 0; i < n; i++) {
		unsigned lines = 1 + below(&r, 3);

		putf(o, "<li id=\"comment-%u\" class=\"comment depth-%u\"><div "
			"class=\"comment-body\"><div class=\"comment-author "
			"vcard\"><img class=\"avatar\" data-lazy=\"https://cdn."
			"gensite.invalid/a/%u.png\" width=\"40\" height=\"40\" "
			"alt=\"\"><b class=\"fn\">%s</b></div><div class=\""
			"comment-meta\"><a href=\"#comment-%u\">%u hours ago"
			"</a></div><div class=\"comment-content\"><p>",
		     i, 1 + (i % 3 == 2), below(&r, 5000), PICK(&r, commenters),
		     i, 1 + below(&r, 47));
		for (unsigned k = 0; k < lines; k++) {
			expand(o, a, PICK(&r, comment_lines));
			put(o, " ");
		}
		put(o, "</p></div><div class=\"reply\"><a class=\"comment-"
		       "reply-link\" href=\"#respond\" data-commentid=\"");
		putu(o, i);
		put(o, "\">Reply</a> <button class=\"like\" data-n=\"");
		putu(o, below(&r, 90));
		put(o, "\">Like</button></div></div></li>\n");
	}
	put(o, "</ol><div id=\"respond\"><form class=\"comment-form\" action="
	       "\"https://comments.gensite.invalid/post\" method=\"post\">"
	       "<textarea name=\"comment\" rows=\"4\"></textarea><button>Post"
	       " comment</button></form></div></section>\n");
}

static void
paragraph(struct out *o, const struct article *a, struct rng *r,
	  const char *first, unsigned more)
{
	put(o, "<p>");
	if (first)
		expand(o, a, first);
	for (unsigned i = 0; i < more; i++) {
		if (first || i)
			put(o, " ");
		expand(o, a, below(r, 3) ? PICK(r, filler)
					    : PICK(r, specs));
	}
	put(o, "</p>\n");
}

static void
article_body(struct out *o, const struct site *s, const struct article *a)
{
	struct rng r;
	unsigned paras;

	rng_seed(&r, s->seed, a->id, a->version, P_BODY);
	paras = 5 + below(&r, 5);
	put(o, "<div class=\"entry-content\">\n");
	if (a->version) {
		struct article later = *a;

		later.launch_month = (a->launch_month + 1) % 12;
		later.launch_year += a->launch_month == 11;
		later.leaker = PICK(&r, leakers);
		put(o, "<p class=\"update\"><strong>Update:</strong> ");
		expand(o, &later, "{S} now says the {D} will launch in {M} "
				      "{Y}, a little later than first "
				      "reported.");
		put(o, "</p>\n");
	}
	paragraph(o, a, &r, PICK(&r, leads), 2 + below(&r, 3));
	paragraph(o, a, &r, PICK(&r, launches), 2 + below(&r, 3));
	for (unsigned i = 2; i < paras; i++) {
		if (i == 3) {
			put(o, "<h2>");
			put(o, PICK(&r, headings));
			put(o, "</h2>\n<div class=\"ad-slot inline\" data-slot="
			       "\"in-article\"></div>\n");
		}
		if (i == 4) {
			put(o, "<blockquote><p>");
			expand(o, a, PICK(&r, specs));
			put(o, "</p></blockquote>\n");
		}
		paragraph(o, a, &r, NULL, 3 + below(&r, 4));
	}
	put(o, "</div>\n");
}

/* The script state real sites inline: brings the page to its size. */
static void
pad(struct out *o, const struct site *s, const struct article *a,
    size_t target)
{
	struct rng r;

	rng_seed(&r, s->seed, a->id, 0, P_PAD);
	put(o, "<script>window.__PRELOADED_STATE__={\"page\":{\"id\":");
	putu(o, a->id);
	put(o, ",\"type\":\"article\"},\"feed\":[");
	for (unsigned i = 0; o->b.len < target; i++) {
		if (i)
			put(o, ",");
		put(o, "{\"id\":");
		putu(o, rng_next(&r) % 1000000);
		put(o, ",\"kind\":\"");
		put(o, PICK(&r, css_words));
		put(o, "\",\"img\":\"https://cdn.gensite.invalid/i/");
		putu(o, rng_next(&r) % 100000000);
		put(o, "-");
		putu(o, 320 + 160 * below(&r, 6));
		put(o, ".webp\",\"views\":");
		putu(o, rng_next(&r) % 1000000);
		put(o, ",\"score\":0.");
		putu(o, rng_next(&r) % 100000);
		put(o, ",\"tags\":[\"");
		put(o, PICK(&r, js_words));
		put(o, "\",\"");
		put(o, PICK(&r, devices).brand);
		put(o, "\"],\"track\":\"");
		putu(o, rng_next(&r));
		put(o, "\"}");
	}
	put(o, "]};</script>\n");
}

static void
article_page(struct out *o, const struct site *s, const struct article *a)
{
	const struct host *h = &s->host[a->host];
	struct rng r;
	char pub[32], mod[32];
	size_t target;
	struct tm tm;
	time_t when = (time_t)a->published;

	rng_seed(&r, s->seed, a->id, 0, P_SIZE);
	target = PAGE_MIN + below(&r, PAGE_SPREAD);
	iso_time(a->published, pub);
	iso_time(a->modified, mod);
	gmtime_r(&when, &tm);
	page_head(o, h, a->title, a->path);
	put(o, "<meta name=\"description\" content=\"");
	put(o, a->title);
	put(o, ".\"><meta name=\"author\" content=\"");
	put(o, a->author);
	put(o, "\">\n<meta property=\"og:type\" content=\"article\"><meta "
	       "property=\"og:site_name\" content=\"");
	put(o, h->name);
	put(o, "\"><meta property=\"og:title\" content=\"");
	put(o, a->title);
	putf(o, "\"><meta property=\"og:url\" content=\"%s%s\"><meta property="
		"\"og:image\" content=\"https://cdn.gensite.invalid/i/%llu.jpg"
		"\">\n<meta property=\"article:published_time\" content=\"%s\">"
		"<meta property=\"article:modified_time\" content=\"%s\"><meta "
		"property=\"article:section\" content=\"%s\">\n<meta name=\""
		"twitter:card\" content=\"summary_large_image\">\n",
	     h->base, a->path, a->id, pub, mod, a->cat->name);
	putf(o, "<script type=\"application/ld+json\">{\"@context\":\"https://"
		"schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"%s\","
		"\"datePublished\":\"%s\",\"dateModified\":\"%s\",\"author\":"
		"{\"@type\":\"Person\",\"name\":\"%s\"},\"publisher\":{\"@type"
		"\":\"Organization\",\"name\":\"%s\"},\"image\":[\"https://cdn."
		"gensite.invalid/i/%llu.jpg\"],\"mainEntityOfPage\":\"%s%s\","
		"\"articleSection\":\"%s\"}</script>\n",
	     a->title, pub, mod, a->author, h->name, a->id, h->base, a->path,
	     a->cat->name);
	page_top(o, h, "single single-post");
	putf(o, "<div class=\"breadcrumbs\"><a href=\"/\">Home</a> &rsaquo; "
		"<a href=\"/category/%s/\">%s</a> &rsaquo; <span>%s</span>"
		"</div>\n<div class=\"layout\"><main id=\"main\"><article "
		"class=\"post type-post\">\n<h1 class=\"entry-title\">%s</h1>\n"
		"<div class=\"byline\">By <span class=\"author\">%s</span> "
		"&middot; <time datetime=\"%s\">%s %d, %d</time></div>\n"
		"<figure class=\"featured\"><img src=\"https://cdn.gensite."
		"invalid/i/%llu.jpg\" alt=\"%s\" width=\"1200\" height=\"675\">"
		"<figcaption>The %s, as rendered by %s.</figcaption>"
		"</figure>\n",
	     a->cat->slug, a->cat->name, a->title, a->title, a->author, pub,
	     months[tm.tm_mon], tm.tm_mday, tm.tm_year + 1900, a->id,
	     a->dev->name, a->dev->name, a->leaker);
	article_body(o, s, a);
	put(o, "<div class=\"share\"><a href=\"https://social.gensite.invalid"
	       "/share\" rel=\"nofollow\">Share</a> <button class=\"copy\">"
	       "Copy link</button></div>\n</article>\n");
	comments(o, s, a);
	put(o, "</main>\n");
	sidebar(o, s, a);
	put(o, "</div>\n");
	putn(o, h->footer.b.data, h->footer.b.len);
	pad(o, s, a, target > 64 ? target - 64 : target);
	put(o, "<script>__site.ready=1;</script>\n</body></html>\n");
}

/* An index of host H's articles: K0.. of the newest, N of them. */
static void
listing(struct out *o, const struct site *s, const struct host *h,
	const char *title, const char *path, const unsigned long long *ids,
	size_t n, const char *next, const char *prev)
{
	struct article a;

	page_head(o, h, title, path);
	if (next)
		putf(o, "<link rel=\"next\" href=\"%s\">\n", next);
	if (prev)
		putf(o, "<link rel=\"prev\" href=\"%s\">\n", prev);
	page_top(o, h, "archive");
	putf(o, "<div class=\"layout\"><main id=\"main\"><h1 class=\"archive-"
		"title\">%s</h1>\n<ul class=\"post-list\">\n", title);
	for (size_t i = 0; i < n; i++) {
		char pub[32];

		describe(s, ids[i], &a);
		iso_time(a.published, pub);
		putf(o, "<li class=\"post-item\"><article><h2><a href=\"%s\">"
			"%s</a></h2><div class=\"meta\"><a href=\"/category/"
			"%s/\">%s</a> &middot; <time datetime=\"%s\">%s</time>"
			" &middot; %s</div><p class=\"excerpt\">",
		     a.path, a.title, a.cat->slug, a.cat->name, pub, pub,
		     a.author);
		{
			struct rng r;

			rng_seed(&r, s->seed, a.id, 0, P_BODY);
			expand(o, &a, PICK(&r, leads));
		}
		put(o, "</p></article></li>\n");
	}
	put(o, "</ul>\n<nav class=\"pagination\">");
	if (prev)
		putf(o, "<a class=\"prev\" href=\"%s\">Newer</a> ", prev);
	if (next)
		putf(o, "<a class=\"next\" href=\"%s\">Older</a>", next);
	put(o, "</nav></main></div>\n");
	putn(o, h->footer.b.data, h->footer.b.len);
	put(o, "</body></html>\n");
}

static long long
index_page(struct out *o, const struct site *s, const struct host *h,
	   unsigned long long page)
{
	unsigned long long per = host_articles(s, h->n), ids[PER_INDEX] = { 0 };
	unsigned long long k0 = (page - 1) * PER_INDEX;
	char path[64], next[64], prev[64], title[128];
	struct article a;
	size_t n = 0;

	if (page < 1 || (k0 >= per && page > 1))
		return -1;
	for (; n < PER_INDEX && k0 + n < per; n++)
		ids[n] = host_article(s, h->n, k0 + n);
	if (page == 1)
		snprintf(path, sizeof(path), "/");
	else
		snprintf(path, sizeof(path), "/page/%llu/", page);
	snprintf(next, sizeof(next), "/page/%llu/", page + 1);
	if (page == 2)
		snprintf(prev, sizeof(prev), "/");
	else
		snprintf(prev, sizeof(prev), "/page/%llu/", page - 1);
	if (page == 1)
		snprintf(title, sizeof(title), "%s: phone news and leaks",
			 h->name);
	else
		snprintf(title, sizeof(title), "%s: page %llu", h->name, page);
	listing(o, s, h, title, path, ids, n,
		k0 + PER_INDEX < per ? next : NULL, page > 1 ? prev : NULL);
	if (!n)
		return s->started;
	describe(s, ids[0], &a);
	return a.published;
}

static long long
category_page(struct out *o, const struct site *s, const struct host *h,
	      const struct category *c)
{
	unsigned long long per = host_articles(s, h->n), ids[PER_INDEX] = { 0 };
	char path[64], title[128];
	long long newest = EPOCH;
	size_t n = 0;

	for (unsigned long long k = 0; k < per && k < CATEGORY_SCAN &&
				       n < PER_INDEX;
	     k++) {
		unsigned long long id = host_article(s, h->n, k);
		struct rng r;

		rng_seed(&r, s->seed, id, 0, P_CATEGORY);
		if (&PICK(&r, categories) == c)
			ids[n++] = id;
	}
	snprintf(path, sizeof(path), "/category/%s/", c->slug);
	snprintf(title, sizeof(title), "%s news", c->name);
	listing(o, s, h, title, path, ids, n, NULL, NULL);
	if (n) {
		struct article a;

		describe(s, ids[0], &a);
		newest = a.published;
	}
	return newest;
}

static long long
sitemap(struct out *o, const struct site *s, const struct host *h,
	unsigned long long part)
{
	unsigned long long per = host_articles(s, h->n);
	unsigned long long parts = (per + SITEMAP_URLS - 1) / SITEMAP_URLS;
	long long newest = EPOCH;
	struct article a;
	char t[32];

	put(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	if (part == 0 && parts > 1) {
		put(o, "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/"
		       "sitemap/0.9\">\n");
		for (unsigned long long k = 1; k <= parts; k++)
			putf(o, "<sitemap><loc>%s/sitemap-%llu.xml</loc>"
				"</sitemap>\n", h->base, k);
		put(o, "</sitemapindex>\n");
		return s->started;
	}
	if (part > parts || (part == 0 && parts > 1))
		return -1;
	if (part == 0)
		part = 1;
	put(o, "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""
	       ">\n");
	for (unsigned long long k = (part - 1) * SITEMAP_URLS;
	     k < per && k < part * SITEMAP_URLS; k++) {
		describe(s, host_article(s, h->n, k), &a);
		iso_time(a.modified, t);
		putf(o, "<url><loc>%s%s</loc><lastmod>%s</lastmod></url>\n",
		     h->base, a.path, t);
		if (a.modified > newest)
			newest = a.modified;
	}
	put(o, "</urlset>\n");
	return newest;
}

/* The article a path names, if it is one of host H's. */
static int
article_at(const struct site *s, const struct host *h, const char *url,
	   struct article *a)
{
	const char *end, *dash;
	unsigned long long id;
	char digits[24];
	size_t len = strlen(url);

	if (strncmp(url, "/news/", 6) != 0 || len < 8 || url[len - 1] != '/')
		return -1;
	end = url + len - 1;
	for (dash = end; dash > url && dash[-1] != '-'; dash--)
		;
	if (dash == url || (size_t)(end - dash) >= sizeof(digits) ||
	    end == dash)
		return -1;
	memcpy(digits, dash, (size_t)(end - dash));
	digits[end - dash] = '\0';
	if (parse_uint(digits, s->pages - 1, &id) != 0 ||
	    id % (unsigned long long)s->hosts != (unsigned long long)h->n)
		return -1;
	describe(s, id, a);
	return strcmp(a->path, url) == 0 ? 0 : -1;
}

/* ---- HTTP ---- */

/* The ETag: a word at a time, so the server stays cheap. */
static uint64_t
body_hash(const char *p, size_t n)
{
	uint64_t x = 0xcbf29ce484222325ULL ^ n, w;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		x = (x ^ w) * 0x9e3779b97f4a7c15ULL;
		x ^= x >> 29;
	}
	for (; i < n; i++)
		x = (x ^ (unsigned char)p[i]) * 0x100000001b3ULL;
	return mix(x);
}

static void
log_request(struct site *s, const struct host *h, const char *method,
	    const char *url, unsigned status, const char *inm,
	    const char *ims)
{
	struct timespec now;

	if (!s->log)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	pthread_mutex_lock(&s->lock);
	fprintf(s->log, "%ld\t%s\t%s\t%s\t%u\t%s\t%s\n",
		(long)((now.tv_sec - s->t0.tv_sec) * 1000 +
		       (now.tv_nsec - s->t0.tv_nsec) / 1000000),
		h->addr, method, url, status, inm ? inm : "-",
		ims ? ims : "-");
	fflush(s->log);
	pthread_mutex_unlock(&s->lock);
}

/* Build the response for URL into O: its content type and modification
 * time, or -1 for no such page. */
static long long
route(struct out *o, const struct site *s, const struct host *h,
      const char *url, const char **type)
{
	unsigned long long n;
	struct article a;
	char digits[24];
	const char *p;
	size_t len;

	*type = "text/html; charset=utf-8";
	if (strcmp(url, "/robots.txt") == 0) {
		*type = "text/plain; charset=utf-8";
		putf(o, "User-agent: *\nAllow: /\n\nSitemap: %s/sitemap.xml\n",
		     h->base);
		return EPOCH;
	}
	if (strcmp(url, "/sitemap.xml") == 0) {
		*type = "application/xml";
		return sitemap(o, s, h, 0);
	}
	if (strncmp(url, "/sitemap-", 9) == 0 &&
	    (p = strstr(url + 9, ".xml")) != NULL && p[4] == '\0' &&
	    (len = (size_t)(p - url - 9)) > 0 && len < sizeof(digits)) {
		memcpy(digits, url + 9, len);
		digits[len] = '\0';
		if (parse_uint(digits, PAGES_MAX, &n) != 0 || n == 0)
			return -1;
		*type = "application/xml";
		return sitemap(o, s, h, n);
	}
	if (strcmp(url, "/") == 0)
		return index_page(o, s, h, 1);
	if (strncmp(url, "/page/", 6) == 0) {
		len = strlen(url + 6);
		if (len < 2 || len >= sizeof(digits) || url[6 + len - 1] != '/')
			return -1;
		memcpy(digits, url + 6, len - 1);
		digits[len - 1] = '\0';
		if (parse_uint(digits, PAGES_MAX, &n) != 0 || n < 2)
			return -1;
		return index_page(o, s, h, n);
	}
	if (strncmp(url, "/category/", 10) == 0) {
		for (size_t c = 0; c < N_OF(categories); c++) {
			len = strlen(categories[c].slug);
			if (strncmp(url + 10, categories[c].slug, len) == 0 &&
			    strcmp(url + 10 + len, "/") == 0)
				return category_page(o, s, h, &categories[c]);
		}
		return -1;
	}
	if (article_at(s, h, url, &a) == 0) {
		article_page(o, s, &a);
		return a.modified;
	}
	return -1;
}

static enum MHD_Result
reply(struct MHD_Connection *c, unsigned status, const char *type,
      struct out *body, const char *etag, const char *lastmod)
{
	struct MHD_Response *r;
	enum MHD_Result ret;
	size_t len = body ? body->b.len : 0;

	if (len)
		r = MHD_create_response_from_buffer(len, buf_steal(&body->b),
						    MHD_RESPMEM_MUST_FREE);
	else
		r = MHD_create_response_from_buffer(0, (void *)"",
						    MHD_RESPMEM_PERSISTENT);
	if (!r)
		return MHD_NO;
	if (type)
		MHD_add_response_header(r, "Content-Type", type);
	if (etag)
		MHD_add_response_header(r, "ETag", etag);
	if (lastmod)
		MHD_add_response_header(r, "Last-Modified", lastmod);
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
	   const char *method, const char *version, const char *upload,
	   size_t *upload_len, void **state)
{
	struct host *h = cls;
	struct site *s = h->site;
	const char *inm, *ims, *type = NULL;
	char etag[24], lastmod[40];
	long long mtime, since;
	unsigned status;
	enum MHD_Result ret;
	struct out body;

	(void)version;
	(void)upload;
	(void)upload_len;
	if (*state == NULL) {
		/* Headers only so far; answer on the next call. */
		*state = h;
		return MHD_YES;
	}
	atomic_fetch_add(&s->requests, 1);
	inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
	ims = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
					  "If-Modified-Since");
	out_init(&body, strncmp(url, "/sitemap", 8) == 0 ? SITEMAP_CAP
							  : PAGE_CAP);
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
		status = 405;
		ret = reply(c, status, NULL, NULL, NULL, NULL);
		goto out;
	}
	mtime = route(&body, s, h, url, &type);
	if (mtime < 0 || body.err) {
		status = body.err ? 500 : 404;
		buf_reset(&body.b);
		put(&body, status == 404 ? "<!DOCTYPE html><title>Not found"
					   "</title><h1>Not found</h1>\n"
					 : "page over the cap\n");
		atomic_fetch_add(&s->not_found, 1);
		ret = reply(c, status, "text/html; charset=utf-8", &body, NULL,
			    NULL);
		goto out;
	}
	snprintf(etag, sizeof(etag), "\"%016llx\"",
		 (unsigned long long)body_hash(body.b.data, body.b.len));
	http_date(mtime, lastmod);
	since = parse_http_date(ims);
	if ((inm && strcmp(inm, etag) == 0) ||
	    (!inm && since >= 0 && mtime <= since)) {
		status = 304;
		atomic_fetch_add(&s->not_modified, 1);
		ret = reply(c, status, NULL, NULL, etag, lastmod);
		goto out;
	}
	status = 200;
	atomic_fetch_add(&s->ok, 1);
	atomic_fetch_add(&s->bytes, body.b.len);
	ret = reply(c, status, type, &body, etag, lastmod);
out:
	log_request(s, h, method, url, status, inm, ims);
	buf_free(&body.b);
	return ret;
}

/* ---- main ---- */

static volatile sig_atomic_t stopping, reporting;

static void
on_signal(int sig)
{
	if (sig == SIGUSR1)
		reporting = 1;
	else
		stopping = 1;
}

static void
usage(void)
{
	fprintf(stderr,
		"usage: gensite [--pages N] [--hosts H] [--port P] "
		"[--threads T]\n"
		"               [--seed S] [--mutate PERCENT] [--round R] "
		"[--log FILE]\n");
}

static int
number(const char *opt, const char *v, unsigned long long min,
       unsigned long long max, unsigned long long *out)
{
	if (parse_uint(v, max, out) != 0 || *out < min) {
		fprintf(stderr, "gensite: %s: want %llu to %llu\n", opt, min,
			max);
		return -1;
	}
	return 0;
}

static int
options(int argc, char **argv, struct site *s, const char **logfile)
{
	static const struct {
		const char *name;
		unsigned long long min, max;
	} opts[] = {
		{ "--pages", 1, PAGES_MAX },   { "--hosts", 1, HOSTS_MAX },
		{ "--port", 0, 65535 }, { "--threads", 1, THREADS_MAX },
		{ "--seed", 0, UINT64_MAX },   { "--mutate", 0, 100 },
		{ "--round", 1, 1000000 },
	};
	unsigned long long v[N_OF(opts)] = { 5000, HOSTS_MAX, 0, 2, 1, 0, 1 };

	for (int i = 1; i < argc; i += 2) {
		size_t k;

		if (i + 1 >= argc) {
			usage();
			return -1;
		}
		if (strcmp(argv[i], "--log") == 0) {
			*logfile = argv[i + 1];
			continue;
		}
		for (k = 0; k < N_OF(opts); k++)
			if (strcmp(argv[i], opts[k].name) == 0)
				break;
		if (k == N_OF(opts)) {
			usage();
			return -1;
		}
		if (number(argv[i], argv[i + 1], opts[k].min, opts[k].max,
			   &v[k]) != 0)
			return -1;
	}
	s->pages = v[0];
	s->hosts = (int)v[1];
	s->port = (unsigned)v[2];
	s->threads = (unsigned)v[3];
	s->seed = v[4];
	s->mutate = (unsigned)v[5];
	s->round = v[6];
	return 0;
}

static struct MHD_Daemon *
listen_on(struct host *h, unsigned port)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, h->addr, &sin.sin_addr) != 1)
		return NULL;
	return MHD_start_daemon(MHD_USE_AUTO_INTERNAL_THREAD, 0, NULL, NULL,
				on_request, h, MHD_OPTION_SOCK_ADDR, &sin,
				MHD_OPTION_THREAD_POOL_SIZE,
				h->site->threads,
				MHD_OPTION_CONNECTION_LIMIT, 1000u,
				MHD_OPTION_CONNECTION_TIMEOUT, 60u,
				MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
				MHD_OPTION_END);
}

static void
stop_all(struct site *s)
{
	for (int i = 0; i < s->hosts; i++) {
		if (s->host[i].d)
			MHD_stop_daemon(s->host[i].d);
		s->host[i].d = NULL;
	}
}

/* One port for every host: the first host's (or --port), else again. */
static int
listen_all(struct site *s)
{
	for (int tries = 0; tries < PORT_TRIES; tries++) {
		const union MHD_DaemonInfo *info;
		unsigned port = s->port;
		int i;

		s->host[0].d = listen_on(&s->host[0], port);
		if (!s->host[0].d)
			return -1;
		info = MHD_get_daemon_info(s->host[0].d,
					   MHD_DAEMON_INFO_BIND_PORT);
		port = info ? info->port : 0;
		for (i = 1; i < s->hosts && port; i++)
			if (!(s->host[i].d = listen_on(&s->host[i], port)))
				break;
		if (port && i == s->hosts) {
			s->port = port;
			return 0;
		}
		stop_all(s);
		if (s->port)
			return -1;
	}
	return -1;
}

static double
cpu_seconds(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

/* The counts so far, as key=value lines on standard error. */
static void
report(struct site *s)
{
	fprintf(stderr,
		"gensite_requests=%llu\ngensite_ok=%llu\n"
		"gensite_not_modified=%llu\ngensite_not_found=%llu\n"
		"gensite_bytes=%llu\ngensite_cpu_s=%.2f\n",
		atomic_load(&s->requests), atomic_load(&s->ok),
		atomic_load(&s->not_modified), atomic_load(&s->not_found),
		atomic_load(&s->bytes), cpu_seconds());
	fflush(stderr);
}

int
main(int argc, char **argv)
{
	struct site s;
	struct sigaction sa;
	const char *logfile = NULL;
	int rc = 1;
	char ch;

	memset(&s, 0, sizeof(s));
	pthread_mutex_init(&s.lock, NULL);
	clock_gettime(CLOCK_MONOTONIC, &s.t0);
	s.started = (long long)time(NULL);
	if (options(argc, argv, &s, &logfile) != 0)
		return 2;
	if (logfile && !(s.log = fopen(logfile, "a"))) {
		fprintf(stderr, "gensite: %s: %s\n", logfile, strerror(errno));
		return 1;
	}
	for (int i = 0; i < s.hosts; i++)
		make_host(&s, i);
	signal(SIGPIPE, SIG_IGN);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal; /* no SA_RESTART: read() returns */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	if (listen_all(&s) != 0) {
		fprintf(stderr, "gensite: cannot listen on 127.0.0.2-%d\n",
			s.hosts + 1);
		goto out;
	}
	for (int i = 0; i < s.hosts; i++) {
		snprintf(s.host[i].base, sizeof(s.host[i].base),
			 "http://%s:%u", s.host[i].addr, s.port);
		printf("%s\n", s.host[i].base);
	}
	fflush(stdout);
	/* Until standard input closes (or a signal ends us). */
	for (;;) {
		ssize_t n = read(STDIN_FILENO, &ch, 1);

		if (n > 0)
			continue;
		if (n < 0 && errno == EINTR && !stopping) {
			if (reporting) {
				reporting = 0;
				report(&s);
			}
			continue;
		}
		break;
	}
	stop_all(&s);
	report(&s);
	rc = 0;
out:
	for (int i = 0; i < s.hosts; i++)
		free_host(&s.host[i]);
	if (s.log)
		fclose(s.log);
	pthread_mutex_destroy(&s.lock);
	return rc;
}
