/*
 * Replay a fuzz target over saved inputs without libFuzzer: the seed
 * corpus and past crash inputs, so that `make check` (plain, ASan+UBSan
 * and valgrind builds) sees every one of them again.
 *
 *	replay_<target> FILE-OR-DIR...
 *
 * Each input is copied into a buffer of exactly its size, so that reads
 * past the end are caught.  Prints "N inputs" and exits 0; a bug aborts.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/strvec.h"
#include "common/xalloc.h"
#include "fuzz/fuzz.h"

/* Largest input replayed: the biggest seed is far smaller. */
#define REPLAY_MAX_BYTES (8u << 20)

/* Targets without set-up leave this undefined. */
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

static int
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	long size;
	int rc = -1;

	if (!f)
		goto out;
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
	    (unsigned long)size > REPLAY_MAX_BYTES || fseek(f, 0, SEEK_SET))
		goto out;
	/* malloc(0) may return NULL; keep one byte, pass SIZE bytes. */
	data = xmalloc((size_t)size + !size);
	if (fread(data, 1, (size_t)size, f) != (size_t)size)
		goto out;
	LLVMFuzzerTestOneInput(data, (size_t)size);
	rc = 0;
out:
	if (rc)
		fprintf(stderr, "replay: cannot read %s\n", path);
	free(data);
	if (f)
		fclose(f);
	return rc;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The regular files in DIR, sorted, as paths; a missing DIR is empty. */
static void
list_dir(const char *dir, struct strvec *out)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(dir) + strlen(de->d_name) + 2;
		char *path;
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		path = xmalloc(n);
		snprintf(path, n, "%s/%s", dir, de->d_name);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			strvec_push(out, path);
		free(path);
	}
	closedir(d);
	qsort(out->v, out->n, sizeof(*out->v), cmp_names);
}

int
main(int argc, char **argv)
{
	struct strvec files = STRVEC_INIT;
	size_t runs = 0;
	int failed = 0;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			list_dir(argv[i], &files);
		else if (stat(argv[i], &st) == 0)
			strvec_push(&files, argv[i]);
	}
	for (size_t i = 0; i < files.n; i++) {
		if (run_file(files.v[i]) != 0)
			failed = 1;
		else
			runs++;
	}
	printf("%zu inputs\n", runs);
	strvec_free(&files);
	return failed;
}
