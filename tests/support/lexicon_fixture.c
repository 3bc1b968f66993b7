#include "tests/support/lexicon_fixture.h"

#include <stdio.h>
#include <stdlib.h>

#include "extract/lexicon.h"

int
lexicon_fixture_setup(void **state)
{
	const char *dirs[] = { "config/lexicon", NULL };
	struct lexicon *lx = NULL;
	char *err = NULL;

	if (lexicon_load(dirs, &lx, &err)) {
		fprintf(stderr, "config/lexicon: %s\n", err ? err : "?");
		free(err);
		return -1;
	}
	*state = lx;
	return 0;
}

int
lexicon_fixture_teardown(void **state)
{
	lexicon_free(*state);
	*state = NULL;
	return 0;
}
