/*
 * Configuration files as a user may write them: the input becomes a
 * source file (sources.d/fuzz.ini) and rumormill.conf in a private
 * temporary directory, loaded with sources_load_dir and settings_load.
 * A source that loads is asked about a few URLs (its patterns run with
 * their match limit).  config/values.h reads files only, hence the
 * files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/settings.h"
#include "config/sources.h"
#include "fuzz/fuzz.h"

#define DIR_MAX 1024

static char dir[DIR_MAX];          /* the temporary directory */
static char srcdir[DIR_MAX + 16];  /* dir/sources.d */
static char srcfile[DIR_MAX + 32]; /* dir/sources.d/fuzz.ini */
static char conf[DIR_MAX + 32];    /* dir/rumormill.conf */

static const char *const urls[] = {
	"https://www.example.com/news/2024/phone-123.html",
	"https://www.example.com/",
	"http://example.org/a?b=c",
};

static void
remove_files(void)
{
	unlink(srcfile);
	unlink(conf);
	rmdir(srcdir);
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	if (snprintf(dir, sizeof(dir), "%s/rumormill-fuzz.XXXXXX",
		     tmp && *tmp ? tmp : "/tmp") >= (int)sizeof(dir) ||
	    !mkdtemp(dir))
		abort();
	snprintf(srcdir, sizeof(srcdir), "%s/sources.d", dir);
	snprintf(srcfile, sizeof(srcfile), "%s/fuzz.ini", srcdir);
	snprintf(conf, sizeof(conf), "%s/rumormill.conf", dir);
	if (mkdir(srcdir, 0700) != 0)
		abort();
	atexit(remove_files);
	return 0;
}

static void
write_file(const char *path, const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
}

static void
load_sources(void)
{
	struct source_list *l = NULL;
	char *err = NULL;

	if (sources_load_dir(srcdir, &l, &err) != 0) {
		FUZZ_ASSERT(err != NULL, "failed without a message");
		free(err);
		return;
	}
	FUZZ_ASSERT(l->n == 1, "one file, not one source");
	for (size_t i = 0; i < sizeof(urls) / sizeof(*urls); i++)
		(void)source_wants(l->v[0], urls[i]);
	FUZZ_ASSERT(sources_find(l, l->v[0]->name) == l->v[0],
		    "source not found by its name");
	sources_free(l);
}

static void
load_settings(void)
{
	struct settings s;
	char *err = NULL;

	if (settings_load(conf, &s, &err) != 0) {
		FUZZ_ASSERT(err != NULL, "failed without a message");
		free(err);
		return;
	}
	FUZZ_ASSERT(s.user_agent != NULL, "no user agent");
	settings_free(&s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	write_file(srcfile, data, size);
	write_file(conf, data, size);
	load_sources();
	load_settings();
	return 0;
}
