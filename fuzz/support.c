/* Helpers shared by the fuzz targets; see fuzz.h. */
#include "fuzz/fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"

/* libFuzzer builds set an absolute path; replays run from the repo. */
#ifndef FUZZ_LEXICON_DIR
#define FUZZ_LEXICON_DIR "config/lexicon"
#endif

const struct lexicon *
fuzz_lexicon(void)
{
	static struct lexicon *lx;
	const char *dirs[] = { FUZZ_LEXICON_DIR, NULL };
	char *err = NULL;

	if (!lx && lexicon_load(dirs, &lx, &err) != 0) {
		fprintf(stderr, "%s: %s\n", FUZZ_LEXICON_DIR, err ? err : "?");
		abort();
	}
	return lx;
}

void
fuzz_split(const uint8_t *data, size_t size, char **a, char **b)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t n = nl ? (size_t)(nl - data) : size;

	*a = xstrndup((const char *)data, n);
	*b = nl ? xstrndup((const char *)nl + 1, size - n - 1) : xstrdup("");
}

void
fuzz_fail(const char *file, int line, const char *msg)
{
	fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, msg);
	abort();
}
