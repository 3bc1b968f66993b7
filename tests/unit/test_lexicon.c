/*
 * lexicon_load and lexicon_scan: the bundled data files load, broken
 * lines are reported as FILE:LINE with PCRE2's message, a user directory
 * extends the bundled one, and names in text come out canonical.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/errors.h"
#include "common/rumor.h"
#include "extract/lexicon.h"
#include "tests/support/lexicon_fixture.h"
#include "extract/rumors.h"

#define BUNDLED "config/lexicon"

/* A temporary directory holding one file NAME with CONTENT. */
static void
make_dir(char *dir, size_t dlen, const char *name, const char *content)
{
	char path[512];
	FILE *f;

	snprintf(dir, dlen, "%s/rm-lexicon-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(content, f);
	fclose(f);
}

static void
remove_dir(const char *dir, const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
	rmdir(dir);
}

struct bad_case {
	const char *name;
	const char *content; /* the second line is the broken one */
	const char *want;    /* in the message after "FILE:2: " */
};

static const struct bad_case bad_cases[] = {
	{ "unknown keyword", "holiday Black\\s+Friday\nphone Xiaomi x\n",
	  "unknown keyword 'phone'" },
	{ "device without template",
	  "holiday Black\\s+Friday\ndevice Xiaomi Xiaomi\\s+(\\d+)\n",
	  "'device' needs '=> TEMPLATE'" },
	{ "pattern that does not compile",
	  "holiday Black\\s+Friday\ndevice Xiaomi Xiaomi\\s+(\\d => Xiaomi $1\n",
	  "pattern does not compile: missing closing parenthesis at offset" },
	{ "bad quantifier", "holiday Black\\s+Friday\nholiday *Friday\n",
	  "pattern does not compile: quantifier does not follow a repeatable "
	  "item at offset 0" },
	{ "unknown name shape",
	  "holiday Black\\s+Friday\nname Acme numeric Rocket => Acme #\n",
	  "unknown shape 'numeric'" },
	{ "name template without the model",
	  "holiday Black\\s+Friday\nname Acme num Rocket => Acme Rocket\n",
	  "the template needs '#' for the model" },
	{ "name without template",
	  "holiday Black\\s+Friday\nname Acme num Rocket\n",
	  "'name' needs '=> TEMPLATE'" },
	{ "undefined macro", "holiday Black\\s+Friday\ndate abs {NOPE}\n",
	  "undefined macro {NOPE}" },
	{ "month out of range", "holiday Black\\s+Friday\nmonth 13 Smarch\n",
	  "month '13' is not 1-12" },
	{ "unknown date rule", "holiday Black\\s+Friday\ndate week+1 x\n",
	  "date rule 'week+1' is not" },
	{ "date without groups", "holiday Black\\s+Friday\ndate abs soon\n",
	  "an abs date needs a (?<y>...) or (?<m>...) group" },
	{ "unknown cue kind", "holiday Black\\s+Friday\ncue price cheap\n",
	  "unknown cue kind 'price'" },
	{ "template where none is taken",
	  "holiday Black\\s+Friday\nholiday Diwali => x\n",
	  "'holiday' takes no '=> TEMPLATE'" },
	{ "missing pattern", "holiday Black\\s+Friday\nregion global\n",
	  "'region' needs a pattern" },
	{ "bad macro name", "holiday Black\\s+Friday\ndefine lower x\n",
	  "macro name 'lower' is not" },
};

static void
test_bad_lines(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *bc = &bad_cases[i];
		const char *dirs[3] = { BUNDLED, NULL, NULL };
		struct lexicon *lx = NULL;
		char dir[256], prefix[300], *err = NULL;
		int rc;

		make_dir(dir, sizeof(dir), "user.lex", bc->content);
		dirs[1] = dir;
		rc = lexicon_load(dirs, &lx, &err);
		snprintf(prefix, sizeof(prefix), "%s/user.lex:2: ", dir);
		if (rc != RM_ECONFIG || !err ||
		    strncmp(err, prefix, strlen(prefix)) != 0 ||
		    !strstr(err, bc->want))
			fail_msg("%s: rc %d, message \"%s\"", bc->name, rc,
				 err ? err : "(none)");
		assert_null(lx);
		free(err);
		remove_dir(dir, "user.lex");
	}
}

/* How many tokens of KIND TEXT holds; the first in *FIRST when any. */
static size_t
scan_kind(const struct lexicon *lx, const char *text, enum lex_kind kind,
	  struct lex_token *first)
{
	struct lex_token toks[64];
	size_t n = 0, k = 0;

	assert_int_equal(lexicon_scan(lx, text, strlen(text), toks, 64, &n),
			 0);
	for (size_t i = 0; i < n; i++)
		if (toks[i].kind == kind && !k++ && first)
			*first = toks[i];
	return k;
}

/* The first token of TEXT of KIND, or fails. */
static struct lex_token
first_token(const struct lexicon *lx, const char *text, enum lex_kind kind)
{
	struct lex_token t;

	memset(&t, 0, sizeof(t));
	if (!scan_kind(lx, text, kind, &t))
		fail_msg("no token of kind %d in \"%s\"", kind, text);
	return t;
}

/* How many tokens of KIND TEXT holds. */
static size_t
count_tokens(const struct lexicon *lx, const char *text, enum lex_kind kind)
{
	return scan_kind(lx, text, kind, NULL);
}

static void
test_user_dir_extends(void **state)
{
	const char *dirs[] = { BUNDLED, NULL, "/nonexistent/rumormill", NULL };
	struct lexicon *lx = NULL;
	struct lex_token t;
	char dir[256], *err = NULL;

	(void)state;
	/* A new brand, and a date rule built on the bundled MONTH macro. */
	make_dir(dir, sizeof(dir), "mine.lex",
		 "# my additions\n"
		 "device Fairphone Fairphone\\s+(\\d) => Fairphone $1\n"
		 "date abs ere\\s+(?<m>{MONTH})\n");
	dirs[1] = dir;
	assert_int_equal(lexicon_load(dirs, &lx, &err), 0);
	t = first_token(lx, "The Fairphone 5 Pro is here", LEX_DEVICE);
	assert_string_equal(t.value, "Fairphone 5 Pro");
	assert_string_equal(t.arg, "Fairphone");
	t = first_token(lx, "shipping ere March", LEX_DATE);
	assert_int_equal(t.date.month, 3);
	/* The bundled lines still work. */
	t = first_token(lx, "the Xiaomi 14 Ultra", LEX_DEVICE);
	assert_string_equal(t.value, "Xiaomi 14 Ultra");
	lexicon_free(lx);
	remove_dir(dir, "mine.lex");
}

/*
 * A new maker and its product lines are data: two lines in the user's
 * own directory, and its shipped and unannounced models are found with
 * the bundled suffix words.
 */
static void
test_user_adds_maker(void **state)
{
	const char *dirs[] = { BUNDLED, NULL, NULL };
	struct lexicon *lx = NULL;
	struct lex_token t;
	char dir[256], *err = NULL;

	(void)state;
	make_dir(dir, sizeof(dir), "acme.lex",
		 "maker Acme Acme\n"
		 "name Acme num Rocket => Acme Rocket #\n"
		 "name Acme code,maker => Acme #\n");
	dirs[1] = dir;
	assert_int_equal(lexicon_load(dirs, &lx, &err), 0);
	t = first_token(lx, "the Rocket 7 Pro launches", LEX_DEVICE);
	assert_string_equal(t.value, "Acme Rocket 7 Pro");
	assert_string_equal(t.arg, "Acme");
	t = first_token(lx, "Acme's Rocket 99 Ultra 5G", LEX_DEVICE);
	assert_string_equal(t.value, "Acme Rocket 99 Ultra");
	t = first_token(lx, "the Acme X12 Lite", LEX_DEVICE);
	assert_string_equal(t.value, "Acme X12 Lite");
	/* A code alone needs the maker's name; the maker alone is a brand. */
	assert_int_equal(count_tokens(lx, "the X12 Lite", LEX_DEVICE), 0);
	t = first_token(lx, "Acme said", LEX_BRAND);
	assert_string_equal(t.arg, "Acme");
	/* Quantities are no models. */
	assert_int_equal(count_tokens(lx, "Acme Rocket 5 million", LEX_DEVICE),
			 0);
	lexicon_free(lx);
	remove_dir(dir, "acme.lex");
}

/* A device's type from its line's words or the catalogue. */
static void
test_device_types(void **state)
{
	static const struct {
		const char *text, *type;
	} cases[] = {
		{ "the Galaxy Tab S9 FE", "tablet" },
		{ "the iPad Air 6", "tablet" },
		{ "the Pixel Watch 3", "watch" },
		{ "Apple Watch Series 10", "watch" },
		{ "the Galaxy S27 Edge", "phone" },
		{ "the HUAWEI MatePad Pro", "tablet" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct lex_token t = first_token(*state, cases[i].text,
						 LEX_DEVICE);

		if (!t.dtype || strcmp(t.dtype, cases[i].type) != 0)
			fail_msg("\"%s\": type %s, want %s", cases[i].text,
				 t.dtype ? t.dtype : "(none)", cases[i].type);
	}
}

/* A list goes on in the first name's product line: "15 and 15 Plus". */
static void
test_list_goes_on(void **state)
{
	struct lexicon *lx = *state;
	static const struct {
		const char *text;
		size_t devices;
	} cases[] = {
		{ "the iPhone 15 and 15 Plus", 2 },
		{ "the Galaxy S24, S24+ and S24 Ultra", 3 },
		{ "iPhone XS and XS Max", 2 },
		{ "iPhone 13 und 13 Mini", 2 },
		{ "the iPhone 15 and 2 others", 1 },
		{ "the Pixel 8 in 2023", 1 },
		{ "the Pixel 8 with 12 GB", 1 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = count_tokens(lx, cases[i].text, LEX_DEVICE);

		if (n != cases[i].devices)
			fail_msg("\"%s\": %zu devices, want %zu", cases[i].text,
				 n, cases[i].devices);
	}
}

/* A pattern that backtracks without end costs that text RM_ELIMIT only. */
static void
test_match_limit(void **state)
{
	const char *dirs[] = { BUNDLED, NULL, NULL };
	char dir[256], *err = NULL, text[200];
	struct lexicon *lx = NULL;
	struct lex_token toks[16];
	struct rumor_set rs;
	size_t n = 0;

	(void)state;
	make_dir(dir, sizeof(dir), "slow.lex", "holiday (?:a+)+b\n");
	dirs[1] = dir;
	assert_int_equal(lexicon_load(dirs, &lx, &err), 0);
	memset(text, 'a', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	assert_int_equal(lexicon_scan(lx, text, strlen(text), toks, 16, &n),
			 RM_ELIMIT);
	rumor_set_init(&rs);
	assert_int_equal(rumors_extract(lx, "Xiaomi 14", text, strlen(text),
					NULL, &rs),
			 RM_ELIMIT);
	/* What came before the limit is kept. */
	assert_non_null(rumor_set_find_device(&rs, "Xiaomi 14"));
	rumor_set_free(&rs);
	/* Other texts are fine. */
	assert_int_equal(lexicon_scan(lx, "Xiaomi 14", 9, toks, 16, &n), 0);
	lexicon_free(lx);
	remove_dir(dir, "slow.lex");
}

static void
test_empty_is_an_error(void **state)
{
	const char *dirs[] = { "/nonexistent/rumormill", NULL };
	struct lexicon *lx = NULL;
	char *err = NULL;

	(void)state;
	assert_int_equal(lexicon_load(dirs, &lx, &err), RM_ECONFIG);
	assert_non_null(strstr(err, "no patterns loaded"));
	free(err);
}

struct name_case {
	const char *text;
	enum lex_kind kind;
	const char *want; /* canonical value; NULL: no token of KIND */
};

static const struct name_case name_cases[] = {
	{ "the Xiaomi 14 Pro", LEX_DEVICE, "Xiaomi 14 Pro" },
	{ "Xiaomi 12S Ultra Concept", LEX_DEVICE, "Xiaomi 12S Ultra" },
	{ "xiaomi 13t pro", LEX_DEVICE, "Xiaomi 13T Pro" },
	{ "Redmi Note 13 Pro+ 5G", LEX_DEVICE, "Redmi Note 13 Pro+" },
	{ "Redmi Note 13 Pro Plus", LEX_DEVICE, "Redmi Note 13 Pro+" },
	{ "POCO F6 Pro", LEX_DEVICE, "POCO F6 Pro" },
	{ "Samsung Galaxy S24 Ultra", LEX_DEVICE, "Samsung Galaxy S24 Ultra" },
	{ "the Galaxy S24+ and", LEX_DEVICE, "Samsung Galaxy S24+" },
	{ "Galaxy S23 FE", LEX_DEVICE, "Samsung Galaxy S23 FE" },
	{ "Galaxy A54 5G", LEX_DEVICE, "Samsung Galaxy A54" },
	{ "Galaxy Z Fold 5", LEX_DEVICE, "Samsung Galaxy Z Fold5" },
	{ "iPhone 16 Pro Max", LEX_DEVICE, "Apple iPhone 16 Pro Max" },
	{ "Apple iPhone 15 Plus", LEX_DEVICE, "Apple iPhone 15 Plus" },
	{ "iPhone 13 mini", LEX_DEVICE, "Apple iPhone 13 mini" },
	{ "Pixel 9 Pro XL", LEX_DEVICE, "Google Pixel 9 Pro XL" },
	{ "Google Pixel 8a", LEX_DEVICE, "Google Pixel 8a" },
	{ "OnePlus 12R", LEX_DEVICE, "OnePlus 12R" },
	{ "Nothing Phone (2)", LEX_DEVICE, "Nothing Phone (2)" },
	{ "Nothing Phone 2a", LEX_DEVICE, "Nothing Phone (2a)" },
	{ "Xiaomi 14 series", LEX_DEVICE, "Xiaomi 14" },
	{ "Xiaomi 14 Ultra Wide camera", LEX_DEVICE, "Xiaomi 14" },
	/* Not devices. */
	{ "Snapdragon 8 Gen 1", LEX_DEVICE, NULL },
	{ "Gen 1", LEX_DEVICE, NULL },
	{ "Leica and Hasselblad", LEX_DEVICE, NULL },
	{ "OnePlus, Oppo and Vivo", LEX_DEVICE, NULL },
	{ "the Ultra Wide lens", LEX_DEVICE, NULL },
	{ "Xiaomi 2022", LEX_DEVICE, NULL },
	{ "Xiaomi 100 million", LEX_DEVICE, NULL },
	{ "Xiaomi 10 million units", LEX_DEVICE, NULL },
	{ "iOS 16", LEX_DEVICE, NULL },
	{ "Android 14", LEX_DEVICE, NULL },
	{ "One UI 6", LEX_DEVICE, NULL },
	{ "MWC 2017", LEX_DEVICE, NULL },
	{ "Galaxy Unpacked", LEX_DEVICE, NULL },
	{ "there is nothing phone makers can do", LEX_DEVICE, NULL },
	/* Chipsets. */
	{ "Qualcomm Snapdragon 8+ Gen1", LEX_CHIP, "Snapdragon 8+ Gen 1" },
	{ "SD 8 gen3", LEX_CHIP, "Snapdragon 8 Gen 3" },
	{ "Snapdragon 7s Gen 2", LEX_CHIP, "Snapdragon 7s Gen 2" },
	{ "Snapdragon 7S Gen 2", LEX_CHIP, "Snapdragon 7s Gen 2" },
	{ "Snapdragon 8 Elite", LEX_CHIP, "Snapdragon 8 Elite" },
	{ "Snapdragon 888+", LEX_CHIP, "Snapdragon 888+" },
	{ "MediaTek Dimensity 9300+", LEX_CHIP, "Dimensity 9300+" },
	{ "Dimensity 8300 Ultra", LEX_CHIP, "Dimensity 8300 Ultra" },
	{ "Exynos 2400", LEX_CHIP, "Exynos 2400" },
	{ "Google Tensor G4", LEX_CHIP, "Tensor G4" },
	{ "Kirin 9000s", LEX_CHIP, "Kirin 9000S" },
	{ "Helio G99", LEX_CHIP, "Helio G99" },
	{ "Unisoc T606", LEX_CHIP, "Unisoc T606" },
	{ "A17 Pro chip", LEX_CHIP, "A17 Pro" },
	{ "the A15 Bionic", LEX_CHIP, "A15" },
	{ "Apple M3 Max", LEX_CHIP, "M3 Max" },
	{ "the A18 chip", LEX_CHIP, "A18" },
	{ "Galaxy A54", LEX_CHIP, NULL },
	{ "Gen 1", LEX_CHIP, NULL },
	/* Operating systems. */
	{ "HyperOS", LEX_OS, "HyperOS" },
	{ "One UI 6.1", LEX_OS, "One UI 6.1" },
	{ "iOS 18", LEX_OS, "iOS 18" },
	{ "ColorOS 14", LEX_OS, "ColorOS 14" },
};

static void
check_names(const struct lexicon *lx)
{
	for (size_t i = 0; i < sizeof(name_cases) / sizeof(name_cases[0]);
	     i++) {
		const struct name_case *nc = &name_cases[i];
		struct lex_token toks[32];
		const char *got = NULL;
		size_t n = 0;

		assert_int_equal(lexicon_scan(lx, nc->text, strlen(nc->text),
					      toks, 32, &n),
				 0);
		for (size_t k = 0; k < n && !got; k++)
			if (toks[k].kind == nc->kind)
				got = toks[k].value;
		if (nc->want ? !got || strcmp(got, nc->want) != 0 : got != NULL)
			fail_msg("\"%s\": got \"%s\", want \"%s\"", nc->text,
				 got ? got : "(none)",
				 nc->want ? nc->want : "(none)");
	}
}

/* The same names before and after lexicon_optimize. */
static void
test_names(void **state)
{
	check_names(*state);
	lexicon_optimize(*state);
	check_names(*state);
}

static void
test_series_flag(void **state)
{
	struct lexicon *lx = *state;
	struct lex_token t;

	t = first_token(lx, "the Xiaomi 14 lineup", LEX_DEVICE);
	assert_true(t.series);
	t = first_token(lx, "the Xiaomi 14 is", LEX_DEVICE);
	assert_false(t.series);
}

static void
test_token_limit(void **state)
{
	struct lexicon *lx = *state;
	struct lex_token toks[2];
	const char *text = "Xiaomi 14, Xiaomi 14 Pro, Xiaomi 14 Ultra";
	size_t n = 0;

	assert_int_equal(lexicon_scan(lx, text, strlen(text), toks, 2, &n),
			 RM_ELIMIT);
	assert_int_equal(n, 2);
	assert_string_equal(toks[1].value, "Xiaomi 14 Pro");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_user_dir_extends),
		cmocka_unit_test(test_user_adds_maker),
		cmocka_unit_test(test_match_limit),
		cmocka_unit_test(test_empty_is_an_error),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_series_flag),
		cmocka_unit_test(test_list_goes_on),
		cmocka_unit_test(test_device_types),
		cmocka_unit_test(test_token_limit),
	};

	return cmocka_run_group_tests(tests, lexicon_fixture_setup,
				      lexicon_fixture_teardown);
}
