#include "tests/support/fixture.h"

#include <stdio.h>
#include <stdlib.h>

#include "common/buf.h"

#define FIXTURE_MAX (64u << 20)

char *
fixture_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[65536];
	size_t n;
	char *data = NULL;

	if (!f)
		return NULL;
	buf_init(&b, FIXTURE_MAX);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_append(&b, chunk, n) != 0)
			goto out;
	if (ferror(f))
		goto out;
	if (len)
		*len = b.len;
	data = buf_steal(&b);
out:
	buf_free(&b);
	fclose(f);
	return data;
}
