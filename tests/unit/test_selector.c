/*
 * The CSS selector subset: what parses, what is refused (with the
 * offset in the message), and which elements each form matches.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/buf.h"
#include "common/errors.h"
#include "extract/html_node.h"
#include "extract/selector.h"

struct parse_case {
	const char *name;
	const char *sel;
	int rc;
};

static const struct parse_case parse_cases[] = {
	{"type", "div", 0},
	{"compound", "div.a#b[x]", 0},
	{"child", "article > p", 0},
	{"child without spaces", "article>p", 0},
	{"descendant", "ul li", 0},
	{"attribute value unquoted", "[data-x=y]", 0},
	{"attribute value quoted", "[data-x='y z']", 0},
	{"universal", "*", 0},
	{"list", "div , p.lead", 0},
	{"empty", "", RM_EINVAL},
	{"trailing comma", "div,", RM_EINVAL},
	{"leading comma", ",div", RM_EINVAL},
	{"dangling child", "div >", RM_EINVAL},
	{"unclosed attribute", "[x", RM_EINVAL},
	{"unterminated string", "[x=\"y]", RM_EINVAL},
	{"empty class", ".", RM_EINVAL},
	{"empty id", "#", RM_EINVAL},
	{"unknown character", "div!", RM_EINVAL},
	{"pseudo-class unsupported", "p:first-child", RM_EINVAL},
	{"too many alternatives",
	 "a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a", RM_ETOOLARGE},
	{"too many steps", "a a a a a a a a a a a a a a a a a", RM_ETOOLARGE},
};

static void
test_parse(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
		const struct parse_case *c = &parse_cases[i];
		struct selector *sel = NULL;
		char *err = NULL;
		int rc = selector_parse(c->sel, &sel, &err);

		if (rc != c->rc)
			fail_msg("%s: rc %d", c->name, rc);
		if (rc == 0)
			assert_null(err);
		else
			assert_non_null(strstr(err, "at offset"));
		selector_free(sel);
		free(err);
	}
}

static void
test_too_long(void **state)
{
	char s[SELECTOR_LEN_MAX + 2];
	struct selector *sel = NULL;
	char *err = NULL;

	(void)state;
	memset(s, 'a', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	assert_int_equal(selector_parse(s, &sel, &err), RM_ETOOLARGE);
	assert_non_null(err);
	free(err);
}

static const char PAGE[] =
	"<div id='main' class='a b'><article class='post' data-kind='news'>"
	"<p class='lead'>One</p><section><p>Two</p></section></article></div>"
	"<p class='lead x'>Three</p><custom-el>Four</custom-el>";

struct match_case {
	const char *sel;
	const char *want; /* texts of the matching p/custom-el elements */
};

static const struct match_case match_cases[] = {
	{"p", "One Two Three"},
	{"p.lead", "One Three"},
	{"p.lead.x", "Three"},
	{"article > p", "One"},
	{"article p", "One Two"},
	{"#main p", "One Two"},
	{"div.a.b section > p", "Two"},
	{"[data-kind=news] p.lead", "One"},
	{"[data-kind='news'] > section p", "Two"},
	{"[data-kind=sport] p", ""},
	{"section > p, p.x", "Two Three"},
	{"*.lead", "One Three"},
	{"body > p", "Three"},
	{"custom-el", "Four"},
	{"div > p", ""},
	{".LEAD", ""},
};

static void
test_match(void **state)
{
	GumboOutput *g = gumbo_parse(PAGE);
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(match_cases) / sizeof(match_cases[0]); i++) {
		struct selector *sel;
		struct hnode_walk w;
		const GumboNode *n;
		struct buf got;

		assert_int_equal(selector_parse(match_cases[i].sel, &sel, NULL),
				 0);
		buf_init(&got, 1024);
		hnode_walk_init(&w, g->document);
		while ((n = hnode_walk_next(&w, false)) != NULL) {
			GumboTag t = n->v.element.tag;

			if ((t != GUMBO_TAG_P && t != GUMBO_TAG_UNKNOWN) ||
			    !selector_match(sel, n))
				continue;
			if (got.len)
				buf_append_char(&got, ' ');
			hnode_text(n, &got, 64);
		}
		if (strcmp(buf_str(&got), match_cases[i].want) != 0)
			fail_msg("%s: got '%s'", match_cases[i].sel,
				 buf_str(&got));
		buf_free(&got);
		selector_free(sel);
	}
	gumbo_destroy_output(&kGumboDefaultOptions, g);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_too_long),
		cmocka_unit_test(test_match),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
