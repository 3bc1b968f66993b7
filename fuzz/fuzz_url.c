/*
 * URLs as links and redirects give them: the input is a base URL, a
 * newline and a reference.  url_normalize must be idempotent (the store
 * keys articles on its output), and url_resolve's output must be
 * normal already.
 */
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "crawler/url.h"
#include "fuzz/fuzz.h"

/* A normalised URL normalises to itself. */
static void
check_normal(const char *url)
{
	char *again = NULL;

	FUZZ_ASSERT(strlen(url) <= URL_MAX, "longer than URL_MAX");
	FUZZ_ASSERT(url_normalize(url, &again) == 0,
		    "normalised URL rejected");
	FUZZ_ASSERT(strcmp(url, again) == 0, "url_normalize not idempotent");
	free(again);
}

static void
try_normalize(const char *s)
{
	char *out = NULL;

	if (url_normalize(s, &out) == 0) {
		check_normal(out);
		free(out);
	}
	if (url_path_query(s, &out) == 0) {
		FUZZ_ASSERT(out[0] == '/', "path does not start with /");
		free(out);
	}
	if (url_host(s, &out) == 0)
		free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *base, *ref, *out = NULL;
	struct buf b;

	fuzz_split(data, size, &base, &ref);
	try_normalize(base);
	try_normalize(ref);
	if (url_resolve(base, ref, &out) == 0) {
		check_normal(out);
		free(out);
	}
	buf_init(&b, URL_MAX);
	(void)url_append_escaped(&b, (const char *)data, size);
	buf_free(&b);
	free(base);
	free(ref);
	return 0;
}
