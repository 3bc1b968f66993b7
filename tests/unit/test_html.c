/*
 * HTML pages to struct doc: title and site-name stripping, publication
 * date evidence order and rejection, JSON-LD, charsets, the pre-pass
 * boundaries, boilerplate exclusion on hand-written and real pages
 * (tests/data/html/), the body selector override, and hostile input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <cmocka.h>
#include <zlib.h>

#include "common/buf.h"
#include "common/errors.h"
#include "extract/charset.h"
#include "extract/doc.h"
#include "extract/html.h"
#include "extract/prepass.h"
#include "extract/selector.h"

#define FIXTURE_MAX (4u << 20)
#define TODAY "2025-01-01"

static int
extract(const char *html, size_t len, const char *url, const char *today,
	struct doc *d)
{
	struct html_options opt = {url, NULL, NULL, today ? today : TODAY};

	return html_extract(html, len, &opt, d);
}

static void
extract_str(const char *html, struct doc *d)
{
	assert_int_equal(extract(html, strlen(html), NULL, NULL, d), 0);
}

/* A gzip-compressed fixture under tests/data/html/, NUL-terminated. */
static char *
read_gz(const char *name, size_t *len)
{
	char path[256];
	struct buf b;
	char chunk[65536];
	gzFile f;
	int n;

	snprintf(path, sizeof(path), "tests/data/html/%s", name);
	f = gzopen(path, "rb");
	assert_non_null(f);
	buf_init(&b, FIXTURE_MAX);
	while ((n = gzread(f, chunk, sizeof(chunk))) > 0)
		assert_int_equal(buf_append(&b, chunk, (size_t)n), 0);
	gzclose(f);
	*len = b.len;
	return buf_steal(&b);
}

/* ---- titles ---- */

struct title_case {
	const char *name;
	const char *html;
	const char *want;
};

static const struct title_case title_cases[] = {
	{"site after a dash",
	 "<title>Scissor keyboard expected in 2020 - MacRumors</title>",
	 "Scissor keyboard expected in 2020"},
	{"known site after a pipe",
	 "<meta property='og:title' content='Apple builds a speaker | The "
	 "Verge'><meta property='og:site_name' content='The Verge'>",
	 "Apple builds a speaker"},
	{"known site first",
	 "<meta property='og:site_name' content='Golem.de'>"
	 "<meta property='og:title' content='Golem.de: LTE-Patent'>",
	 "LTE-Patent"},
	{"h1 before title", "<title>Old - Site</title><h1>Real headline</h1>",
	 "Real headline"},
	{"json-ld headline before h1",
	 "<script type='application/ld+json'>{\"@type\":\"NewsArticle\","
	 "\"headline\":\"From JSON-LD\"}</script><h1>From h1</h1>",
	 "From JSON-LD"},
	{"long last part is not a site name",
	 "<title>Apple vs Samsung - the patent war that never seems to end "
	 "at all</title>",
	 "Apple vs Samsung - the patent war that never seems to end at all"},
	{"no title at all", "<p>Just text.</p>", ""},
};

static void
test_titles(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(title_cases) / sizeof(title_cases[0]); i++) {
		struct doc d;

		extract_str(title_cases[i].html, &d);
		if (strcmp(d.title, title_cases[i].want) != 0)
			fail_msg("%s: got '%s'", title_cases[i].name, d.title);
		doc_free(&d);
	}
}

/* ---- publication dates ---- */

struct date_case {
	const char *name;
	const char *html;
	const char *url;
	const char *today;
	const char *want; /* "" for none */
};

#define LD(x) "<script type='application/ld+json'>" x "</script>"

static const struct date_case date_cases[] = {
	{"json-ld before meta",
	 LD("{\"@type\":\"NewsArticle\",\"datePublished\":\"2020-01-02\"}")
	 "<meta property='article:published_time' content='2020-03-04'>",
	 NULL, NULL, "2020-01-02"},
	{"meta before time",
	 "<meta name='parsely-pub-date' content='2020-03-04T10:00:00Z'>"
	 "<article><time datetime='2020-05-06'>x</time></article>",
	 NULL, NULL, "2020-03-04"},
	{"time in the article before the URL",
	 "<article><time datetime='2021-02-03T10:00'>3 Feb</time></article>",
	 "https://example.com/2019/01/01/story", NULL, "2021-02-03"},
	{"itemprop datePublished",
	 "<span itemprop='datePublished' content='2022-11-30'>x</span>", NULL,
	 NULL, "2022-11-30"},
	{"URL with slashes", "<p>Text.</p>",
	 "https://example.com/2023/10/05/story-title", NULL, "2023-10-05"},
	{"URL compact", "<p>Text.</p>", "https://example.com/news/20231005/a",
	 NULL, "2023-10-05"},
	{"English byline", "<div class='byline'>By Ann, June 7, 2020</div>",
	 NULL, NULL, "2020-06-07"},
	{"German byline", "<div class='date'>7. Juni 2020, 10:00 Uhr</div>",
	 NULL, NULL, "2020-06-07"},
	{"French byline", "<span class='date'>le 3 février 2021</span>", NULL,
	 NULL, "2021-02-03"},
	{"Spanish byline",
	 "<span class='fecha'>5 de marzo de 2019</span>", NULL, NULL,
	 "2019-03-05"},
	{"Italian byline", "<span class='data'>12 settembre 2018</span>", NULL,
	 NULL, "2018-09-12"},
	{"Portuguese byline", "<span class='data'>9 de março de 2020</span>",
	 NULL, NULL, "2020-03-09"},
	{"Dutch byline", "<span class='datum'>14 mei 2020</span>", NULL, NULL,
	 "2020-05-14"},
	{"Russian byline", "<span class='date'>28 июня 2020</span>", NULL,
	 NULL, "2020-06-28"},
	{"Ukrainian byline", "<span class='date'>7 Червня 2020</span>", NULL,
	 NULL, "2020-06-07"},
	{"numeric day first", "<span class='date'>24.04.2020 21:36</span>",
	 NULL, NULL, "2020-04-24"},
	{"CJK", "<span class='date'>2020年6月7日</span>", NULL, NULL,
	 "2020-06-07"},
	{"future meta rejected, URL used",
	 "<meta property='article:published_time' content='2030-01-01'>",
	 "https://example.com/2023/01/02/x", "2024-01-01", "2023-01-02"},
	{"impossible date rejected",
	 "<meta property='article:published_time' content='2020-02-30'>",
	 NULL, NULL, ""},
	{"before the web rejected",
	 "<meta property='article:published_time' content='1980-05-05'>",
	 NULL, NULL, ""},
	{"modified only as last resort",
	 "<meta property='article:modified_time' content='2020-08-09'>", NULL,
	 NULL, "2020-08-09"},
	{"no evidence", "<p>Nothing dated here.</p>", NULL, NULL, ""},
};

static void
test_dates(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(date_cases) / sizeof(date_cases[0]); i++) {
		const struct date_case *c = &date_cases[i];
		struct doc d;

		assert_int_equal(extract(c->html, strlen(c->html), c->url,
					 c->today, &d),
				 0);
		if (strcmp(d.published, c->want) != 0)
			fail_msg("%s: got '%s'", c->name, d.published);
		doc_free(&d);
	}
}

/* ---- JSON-LD ---- */

struct jsonld_case {
	const char *name;
	const char *html;
	const char *title, *author, *date;
};

static const struct jsonld_case jsonld_cases[] = {
	{"array with a website and an article",
	 LD("[{\"@type\":\"WebSite\",\"name\":\"Site\"},{\"@type\":"
	    "\"NewsArticle\",\"headline\":\"Array headline\",\"author\":[{"
	    "\"@type\":\"Person\",\"name\":\"Ann Lee\"}],\"datePublished\":"
	    "\"2022-05-06T08:00:00Z\"}]"),
	 "Array headline", "Ann Lee", "2022-05-06"},
	{"@graph with a typed array",
	 LD("{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":"
	    "\"WebPage\"},{\"@type\":[\"Article\"],\"headline\":\"Graph "
	    "headline\",\"author\":{\"name\":\"Bo Ek\"},\"datePublished\":"
	    "\"2021-07-08T09:00:00+02:00\"}]}"),
	 "Graph headline", "Bo Ek", "2021-07-08"},
	{"comment-wrapped with a raw line break in a string",
	 LD("<!--\n{\"@type\":\"BlogPosting\",\"headline\":\"Two\nlines\","
	    "\"author\":\"Cy Do\",\"datePublished\":\"2019-12-31\"}\n-->"),
	 "Two lines", "Cy Do", "2019-12-31"},
	{"broken JSON ignored",
	 LD("{\"@type\":\"NewsArticle\",\"headline\":") "<h1>Fallback</h1>",
	 "Fallback", NULL, ""},
};

static void
test_jsonld(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(jsonld_cases) / sizeof(jsonld_cases[0]); i++) {
		const struct jsonld_case *c = &jsonld_cases[i];
		struct doc d;

		extract_str(c->html, &d);
		if (strcmp(d.title, c->title) != 0 ||
		    strcmp(d.published, c->date) != 0 ||
		    (c->author == NULL) != (d.author == NULL) ||
		    (c->author && strcmp(d.author, c->author) != 0))
			fail_msg("%s: got '%s' '%s' '%s'", c->name, d.title,
				 d.author ? d.author : "(null)", d.published);
		doc_free(&d);
	}
}

/* ---- charsets ---- */

struct charset_case {
	const char *name;
	const char *html;
	const char *content_type; /* opt->charset */
	const char *want;         /* in the body text */
};

static const struct charset_case charset_cases[] = {
	{"Latin-1 by meta",
	 "<meta charset='iso-8859-1'><p>Le caf\xe9 est servi \xe0 "
	 "l'h\xf4tel.</p>",
	 NULL, "Le café est servi à l'hôtel."},
	{"windows-1252 by http-equiv",
	 "<meta http-equiv='Content-Type' content='text/html; "
	 "charset=windows-1252'><p>\x93Quoted\x94 costs \x80 5 \x96 "
	 "fine.</p>",
	 NULL, "“Quoted” costs € 5 – fine."},
	{"iso-8859-1 decoded as windows-1252",
	 "<meta charset=ISO-8859-1><p>It\x92s here, and it\x92s long enough "
	 "to be a paragraph.</p>",
	 NULL, "It’s here, and it’s long enough"},
	{"Content-Type before meta",
	 "<meta charset='utf-8'><p>Gr\xfc\xdf Gott, sagt man in M\xfcnchen "
	 "zur Begr\xfc\xdfung.</p>",
	 "ISO-8859-1", "Grüß Gott, sagt man in München"},
	{"undeclared and not UTF-8 is windows-1252",
	 "<p>Die Stra\xdf" "e ist lang, und sie f\xfchrt nach Hause.</p>",
	 NULL, "Die Straße ist lang, und sie führt"},
	{"declared legacy but really UTF-8",
	 "<meta charset='iso-8859-1'><p>Die Straße ist lang, und sie führt "
	 "nach Hause.</p>",
	 NULL, "Die Straße ist lang, und sie führt"},
	{"invalid UTF-8 replaced",
	 "<meta charset='utf-8'><p>Bad \xff byte and caf\xc3\xa9, in one "
	 "sentence.</p>",
	 NULL, "Bad \xEF\xBF\xBD byte and café, in one"},
	{"UTF-8 byte order mark",
	 "\xEF\xBB\xBF<p>Caf\xc3\xa9 au lait, with a long enough "
	 "sentence.</p>",
	 NULL, "Café au lait, with"},
};

static void
test_charsets(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(charset_cases) / sizeof(charset_cases[0]);
	     i++) {
		const struct charset_case *c = &charset_cases[i];
		struct html_options opt = {NULL, c->content_type, NULL, TODAY};
		struct doc d;

		assert_int_equal(html_extract(c->html, strlen(c->html), &opt,
					      &d),
				 0);
		if (strstr(d.text, c->want) == NULL)
			fail_msg("%s: got '%s'", c->name, d.text);
		doc_free(&d);
	}
}

static void
test_charset_api(void **state)
{
	char cs[CHARSET_NAME_MAX], *out = NULL;
	size_t len;

	(void)state;
	assert_int_equal(charset_detect("\xEF\xBB\xBFx", 4, NULL, cs), 3);
	assert_string_equal(cs, "UTF-8");
	assert_int_equal(charset_detect("<meta charset=latin1>\xe9", 22,
					NULL, cs),
			 0);
	assert_string_equal(cs, "WINDOWS-1252");
	assert_int_equal(charset_to_utf8("\xe9t\xe9", 3, "WINDOWS-1252", 64,
					 &out, &len),
			 0);
	assert_string_equal(out, "été");
	free(out);
	assert_int_equal(charset_to_utf8("abc", 3, "NO-SUCH-CHARSET", 64, &out,
					 &len),
			 RM_EINVAL);
	assert_int_equal(charset_to_utf8("\xe9\xe9\xe9\xe9", 4, "WINDOWS-1252",
					 4, &out, &len),
			 RM_ETOOLARGE);
}

/* ---- pre-pass ---- */

struct prepass_case {
	const char *name;
	const char *in;
	const char *want;
};

static const struct prepass_case prepass_cases[] = {
	{"script removed", "a<script>var x = 1;</script>b", "ab"},
	{"</scriptx> does not end a script",
	 "a<script>x</scriptx>y</script>b", "ab"},
	{"</SCRIPT > ends a script", "a<SCRIPT>x</SCRIPT >b", "ab"},
	{"end tag with attributes", "a<script>x</script foo='>'>b", "ab"},
	{"escaped script keeps </script> inside a nested <script>",
	 "a<script><!--<script>x</script>y--></script>b", "ab"},
	{"escaped script still ends at </script>",
	 "a<script><!-- x </script>b", "ab"},
	{"<!--> inside script data is not an escape",
	 "a<script><!-->x</script>b", "ab"},
	{"comment removed, script inside it is text", "a<!-- <script> -->b",
	 "ab"},
	{"empty comments", "a<!-->b<!--->c", "abc"},
	{"style removed", "a<style>p{}</style >b", "ab"},
	{"quoted > in an attribute", "<a title=\"x>y\">t</a><script>s</script>",
	 "<a title=\"x>y\">t</a>"},
	{"<script inside an attribute is not a script",
	 "<a title='<script>'>t</a>", "<a title='<script>'>t</a>"},
	{"textarea keeps its text", "<textarea><script></textarea>x",
	 "<textarea><script></textarea>x"},
	{"title is RCDATA", "<title></title><script>s</script>x",
	 "<title></title>x"},
	{"svg removed with its title", "a<svg><title>Share</title></svg>b",
	 "ab"},
	{"svg ends at a breakout tag", "a<svg><path/><p>text</p>",
	 "a<p>text</p>"},
	{"svg CDATA may hold </svg>",
	 "a<svg><![CDATA[</svg>]]></svg>b", "ab"},
	{"script in foreignObject", "a<svg><foreignObject><script>'</svg>'"
				  "</script></foreignObject></svg>b",
	 "ab"},
	{"bogus comment", "a<!x <script> >b", "a<!x <script> >b"},
	{"unterminated script runs to the end", "a<script>x", "a"},
	{"noscript kept", "<noscript><p>t</p></noscript>",
	 "<noscript><p>t</p></noscript>"},
};

static void
test_prepass(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(prepass_cases) / sizeof(prepass_cases[0]);
	     i++) {
		const struct prepass_case *c = &prepass_cases[i];
		struct prepass p;

		assert_int_equal(prepass_run(c->in, strlen(c->in), 1 << 20, &p),
				 0);
		if (strcmp(p.html, c->want) != 0)
			fail_msg("%s: got '%s'", c->name, p.html);
		prepass_free(&p);
	}
}

static void
test_prepass_jsonld(void **state)
{
	const char *in = "<script type=\"application/ld+json\">{\"a\":\"</p>\"}"
			 "</script><script type='text/javascript'>x</script>"
			 "<script type=' APPLICATION/LD+JSON '>[1]</script>";
	struct prepass p;

	(void)state;
	assert_int_equal(prepass_run(in, strlen(in), 1 << 20, &p), 0);
	assert_string_equal(p.html, "");
	assert_int_equal(p.jsonld.n, 2);
	assert_string_equal(p.jsonld.v[0], "{\"a\":\"</p>\"}");
	assert_string_equal(p.jsonld.v[1], "[1]");
	prepass_free(&p);
}

/* Attributes past PREPASS_ATTRS_MAX are dropped from start and end
 * tags; what ends the tag stays. */
static void
test_prepass_attrs(void **state)
{
	struct buf in, want;
	struct prepass p;

	(void)state;
	buf_init(&in, 1 << 20);
	buf_init(&want, 1 << 20);
	for (int tag = 0; tag < 2; tag++) {
		const char *open = tag ? "</b" : "<br";

		buf_append_str(&in, open);
		buf_append_str(&want, open);
		for (int i = 0; i < PREPASS_ATTRS_MAX + 10; i++) {
			buf_printf(&in, " a%d='%d'", i, i);
			if (i < PREPASS_ATTRS_MAX)
				buf_printf(&want, " a%d='%d'", i, i);
		}
		buf_append_str(&in, tag ? " >x" : " />x");
		buf_append_str(&want, tag ? " >x" : " />x");
	}
	assert_int_equal(prepass_run(in.data, in.len, 1 << 20, &p), 0);
	assert_string_equal(p.html, want.data);
	assert_int_equal(p.attrs_dropped, 2);
	prepass_free(&p);
	buf_free(&in);
	buf_free(&want);
}

/* ---- boilerplate ---- */

static const char BOILER_PAGE[] =
	"<html><head><title>Phone news - Site</title></head><body>"
	"<nav><ul><li><a href='/'>Home</a></li><li><a href='/n'>News "
	"section with many links</a></li></ul></nav>"
	"<header class='site-header'><p>Welcome to the site header with "
	"a slogan, tagline, and more words.</p></header>"
	"<div class='share-buttons'><a href='#'>Share on Facebook</a> "
	"<a href='#'>Share on Twitter</a></div>"
	"<article><h1>Phone news</h1>"
	"<p>The first paragraph of the article explains, at some length, "
	"that a new phone will arrive next spring with a faster chipset.</p>"
	"<p>A second paragraph adds detail: the display grows, the battery "
	"grows too, and the price, sadly, does as well.</p>"
	"<p>In the third paragraph, analysts say the launch event is "
	"planned for March, although plans may still change.</p>"
	"<div class='related-articles'><h3>Related</h3><ul><li><a href='/a'>"
	"Another story about tablets that you may like</a></li><li><a "
	"href='/b'>Yet another story about watches</a></li></ul></div>"
	"<p>The last paragraph concludes that, all things considered, "
	"buyers should wait for reviews before ordering.</p>"
	"</article>"
	"<aside class='sidebar'><p>Sidebar text about the newsletter, "
	"which you should subscribe to, today, now.</p></aside>"
	"<div id='comments'><p>First comment: I think this phone is great, "
	"really, truly great.</p></div>"
	"<footer><p>Copyright notice, terms of use, privacy policy, "
	"cookies and more.</p></footer></body></html>";

static const char *const BOILER_PRESENT[] = {
	"The first paragraph of the article explains",
	"A second paragraph adds detail",
	"In the third paragraph, analysts say",
	"The last paragraph concludes",
	NULL};
static const char *const BOILER_ABSENT[] = {
	"Home", "News section", "Welcome to the site header",
	"Share on Facebook", "Another story about tablets", "Sidebar text",
	"First comment", "Copyright notice", "Phone news", NULL};

static void
check_text(const char *what, const char *text, const char *const *present,
	   const char *const *absent)
{
	for (; *present; present++)
		if (strstr(text, *present) == NULL)
			fail_msg("%s: missing '%s'", what, *present);
	for (; absent && *absent; absent++)
		if (strstr(text, *absent) != NULL)
			fail_msg("%s: boilerplate '%s' kept", what, *absent);
}

static void
test_boilerplate(void **state)
{
	struct doc d;

	(void)state;
	extract_str(BOILER_PAGE, &d);
	check_text("hand-written page", d.text, BOILER_PRESENT, BOILER_ABSENT);
	/* Paragraphs are separated by exactly one blank line. */
	assert_non_null(strstr(d.text, "spring with a faster chipset.\n\nA "
				       "second"));
	assert_null(strstr(d.text, "\n\n\n"));
	doc_free(&d);
}

struct real_case {
	const char *file;
	const char *url;
	const char *title, *date;
	const char *present[4];
	const char *absent[4];
};

static const struct real_case real_cases[] = {
	{"macrumors-13in-mbp.html.gz",
	 "https://www.macrumors.com/2019/11/18/13-inch-macbook-pro-scissor-"
	 "keyboard-2020/",
	 "13-Inch MacBook Pro With Scissor Keyboard Expected in First Half of "
	 "2020",
	 "2019-11-18",
	 {"Apple plans to release a new 13-inch MacBook Pro with a scissor "
	  "switch keyboard",
	  "The report claims the display size will remain 13.3 inches", NULL},
	 {"Mac Pro Shipping in December",
	  "Shouldn't 2020 be the year of a", "Front Page", NULL}},
	{"verge-siri-speaker.html.gz", NULL,
	 "Apple is reportedly building a Siri speaker to rival Amazon’s Echo",
	 "2016-05-24",
	 {"Apple is working on its own competitor to the Amazon Echo",
	  "The Siri speaker has been in development since long before", NULL},
	 {"Featured Videos From The Verge",
	  "Apple could open Siri to third-party apps very soon", NULL}},
	{"golem-lte-patent.html.gz", NULL,
	 "LTE-Patent: Samsung soll wegen Patentklage Smartphones zerstören",
	 "2024-04-28",
	 {"Samsung drohen in Deutschland Probleme für seine "
	  "Galaxy-Smartphones",
	  "Das Patent regelt die Übergabe von Funkzellen", NULL},
	 {"Die besten Deals des Tages", "Projektsuche für Freelancer",
	  "Stellenmarkt", NULL}},
	{"cnet-verizon-ipad.html.gz", NULL,
	 "Verizon shows off iPad TV app and more", "2010-08-18",
	 {"Verizon Communications is prepping a new live TV streaming app",
	  "At a demonstration at the home of Verizon CIO", NULL},
	 {"Collaborate for free: SAP StreamWork",
	  "Like CNET on Facebook for the latest",
	  "You're using an old version of Internet Explorer", NULL}},
};

static void
test_real_pages(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(real_cases) / sizeof(real_cases[0]); i++) {
		const struct real_case *c = &real_cases[i];
		size_t len;
		char *html = read_gz(c->file, &len);
		struct doc d;

		assert_int_equal(extract(html, len, c->url, NULL, &d), 0);
		if (strcmp(d.title, c->title) != 0)
			fail_msg("%s: title '%s'", c->file, d.title);
		if (strcmp(d.published, c->date) != 0)
			fail_msg("%s: date '%s'", c->file, d.published);
		check_text(c->file, d.text, c->present, c->absent);
		doc_free(&d);
		free(html);
	}
}

/* ---- selector override ---- */

static const char OVERRIDE_PAGE[] =
	"<body><div class='teaser'><p>Override paragraph, short but "
	"chosen.</p></div><article><p>Automatic detection would pick this "
	"long paragraph, which has, by design, many commas, clauses, and "
	"words to make it win.</p><p>And a second long paragraph, again with "
	"commas, that makes the article the best candidate by far.</p>"
	"<script>var hidden = 1;</script></article></body>";

static void
test_selector_override(void **state)
{
	struct selector *sel;
	struct html_options opt = {NULL, NULL, NULL, TODAY};
	struct doc d;

	(void)state;
	assert_int_equal(selector_parse("div.teaser", &sel, NULL), 0);
	opt.body = sel;
	assert_int_equal(html_extract(OVERRIDE_PAGE, strlen(OVERRIDE_PAGE),
				      &opt, &d),
			 0);
	assert_string_equal(d.text, "Override paragraph, short but chosen.");
	doc_free(&d);
	selector_free(sel);

	assert_int_equal(selector_parse("article", &sel, NULL), 0);
	opt.body = sel;
	assert_int_equal(html_extract(OVERRIDE_PAGE, strlen(OVERRIDE_PAGE),
				      &opt, &d),
			 0);
	assert_non_null(strstr(d.text, "And a second long paragraph"));
	assert_null(strstr(d.text, "hidden"));
	doc_free(&d);
	selector_free(sel);

	/* Matching nothing falls back to automatic detection. */
	assert_int_equal(selector_parse(".nowhere", &sel, NULL), 0);
	opt.body = sel;
	assert_int_equal(html_extract(OVERRIDE_PAGE, strlen(OVERRIDE_PAGE),
				      &opt, &d),
			 0);
	assert_non_null(strstr(d.text, "Automatic detection would pick"));
	assert_null(strstr(d.text, "Override paragraph"));
	doc_free(&d);
	selector_free(sel);
}

/* ---- hostile input ---- */

static void
test_deep_nesting(void **state)
{
	const size_t levels = 100000;
	struct buf b;
	struct doc d;
	size_t i;

	(void)state;
	buf_init(&b, 16u << 20);
	for (i = 0; i < levels; i++)
		assert_int_equal(buf_append_str(&b, "<div>"), 0);
	assert_int_equal(buf_append_str(&b, "<p>Deep inside, the text, which "
					    "is long enough, survives.</p>"),
			 0);
	for (i = 0; i < levels; i++)
		assert_int_equal(buf_append_str(&b, "</div>"), 0);
	assert_int_equal(extract(b.data, b.len, NULL, NULL, &d), 0);
	assert_non_null(strstr(d.text, "Deep inside, the text"));
	assert_true(d.truncated > 0);
	doc_free(&d);
	buf_free(&b);
}

/* CPU seconds this process has used, user and system. */
static double
cpu_seconds(void)
{
	struct rusage ru;

	assert_int_equal(getrusage(RUSAGE_SELF, &ru), 0);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/*
 * gumbo checks each attribute against all earlier ones of its tag: one
 * element with 100,000 attributes (a 500 KB page) cost half a minute of
 * CPU.  The bound is loose enough for valgrind and the sanitizers; the
 * plain build takes a few milliseconds.
 */
static void
test_many_attributes(void **state)
{
	const size_t nattr = 100000;
	struct buf b;
	struct doc d;
	double t0;

	(void)state;
	buf_init(&b, 16u << 20);
	assert_int_equal(buf_append_str(&b, "<div"), 0);
	for (size_t i = 0; i < nattr; i++)
		assert_int_equal(buf_printf(&b, " %c%c%c%c",
					    'a' + (int)(i / 17576 % 26),
					    'a' + (int)(i / 676 % 26),
					    'a' + (int)(i / 26 % 26),
					    'a' + (int)(i % 26)),
				 0);
	assert_int_equal(buf_append_str(&b, "><p>Past the attributes, the "
					    "text, which is long enough, "
					    "survives.</p></div>"),
			 0);
	t0 = cpu_seconds();
	assert_int_equal(extract(b.data, b.len, NULL, NULL, &d), 0);
	printf("  %zu attributes: %.2f s of CPU\n", nattr,
	       cpu_seconds() - t0);
	assert_true(cpu_seconds() - t0 < 5.0);
	assert_non_null(strstr(d.text, "Past the attributes, the text"));
	doc_free(&d);
	buf_free(&b);
}

static void
test_nul_bytes(void **state)
{
	static const char html[] =
		"<title>T\0itle</title><p>Before\0 the NUL, and after it, the "
		"paragraph goes on for a while.</p><script>\0</script>";
	struct doc d;

	(void)state;
	assert_int_equal(extract(html, sizeof(html) - 1, NULL, NULL, &d), 0);
	assert_non_null(strstr(d.text, "the NUL, and after it"));
	doc_free(&d);
}

static void
test_long_line(void **state)
{
	const size_t size = 5u << 20;
	char *html = malloc(size + 16);
	struct doc d;
	size_t i;

	(void)state;
	assert_non_null(html);
	memcpy(html, "<p>", 3);
	for (i = 3; i + 6 <= size; i += 6)
		memcpy(html + i, "word, ", 6);
	memcpy(html + i, "</p>", 4);
	assert_int_equal(extract(html, i + 4, NULL, NULL, &d), 0);
	assert_true(strlen(d.text) > (1u << 20) / 2);
	doc_free(&d);
	free(html);
}

static void
test_limits(void **state)
{
	const size_t size = 9u << 20;
	char *html = calloc(1, size);
	struct doc d;

	(void)state;
	assert_non_null(html);
	assert_int_equal(extract(html, size, NULL, NULL, &d), RM_ETOOLARGE);
	assert_int_equal(html_extract(NULL, 0, NULL, &d), RM_EINVAL);
	assert_int_equal(extract("<p>x</p>", 8, NULL, "not-a-date", &d),
			 RM_EINVAL);
	free(html);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_titles),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_jsonld),
		cmocka_unit_test(test_charsets),
		cmocka_unit_test(test_charset_api),
		cmocka_unit_test(test_prepass),
		cmocka_unit_test(test_prepass_jsonld),
		cmocka_unit_test(test_prepass_attrs),
		cmocka_unit_test(test_boilerplate),
		cmocka_unit_test(test_real_pages),
		cmocka_unit_test(test_selector_override),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_many_attributes),
		cmocka_unit_test(test_nul_bytes),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
