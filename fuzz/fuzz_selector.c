/*
 * The CSS selector a source's "body" key holds: selector_parse on the
 * input, then, when it parses, selector_match on every element of a
 * small fixed page and html_extract with it as the body override.
 */
#include <stdlib.h>
#include <string.h>

#include <gumbo.h>

#include "common/xalloc.h"
#include "extract/html.h"
#include "extract/html_node.h"
#include "extract/selector.h"
#include "fuzz/fuzz.h"

static const char PAGE[] =
	"<!doctype html><html lang=en><head><title>Leak | Site</title>"
	"</head><body><div id='main' class='a b'>"
	"<article class='post' data-kind='news'><h1>Leak</h1>"
	"<p class='lead'>One sentence of text about the phone.</p>"
	"<section><p>Two</p><ul><li><a href='/x'>x</a></li></ul></section>"
	"</article></div><p class='lead x'>Three</p>"
	"<custom-el data-x='y z'>Four</custom-el><div><div><span>Five"
	"</span></div></div></body></html>";

static GumboOutput *tree;

static void
free_tree(void)
{
	gumbo_destroy_output(&kGumboDefaultOptions, tree);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	tree = gumbo_parse(PAGE);
	atexit(free_tree);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);
	struct selector *sel = NULL;
	char *err = NULL;
	struct hnode_walk w;
	const GumboNode *n;
	struct html_options opt = { .today = "2024-06-01" };
	struct doc d;

	if (selector_parse(s, &sel, &err) != 0) {
		FUZZ_ASSERT(err != NULL, "refused without a message");
		goto out;
	}
	hnode_walk_init(&w, tree->root);
	while ((n = hnode_walk_next(&w, false)) != NULL)
		(void)selector_match(sel, n);
	opt.body = sel;
	if (html_extract(PAGE, sizeof(PAGE) - 1, &opt, &d) == 0)
		doc_free(&d);
out:
	selector_free(sel);
	free(err);
	free(s);
	return 0;
}
