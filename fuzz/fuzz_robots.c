/*
 * robots.txt as any site may serve it: robots_parse, then
 * robots_allowed on fixed paths and on the values of the file's own
 * lines (so that hostile patterns are matched against paths shaped
 * like them), the crawl delay and the sitemaps.
 */
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "crawler/robots.h"
#include "fuzz/fuzz.h"

#define AGENT "rumormill/1.0 (+https://example.org/bot)"
/* Paths taken from the file's lines, beside the fixed ones. */
#define PATHS_FROM_INPUT 4
#define PATH_MAX_BYTES 512

static const char *const fixed_paths[] = {
	"/", "/index.html", "/news/2024/a.html?x=1", "/%7Euser/%E2%82%AC",
};

/* "/" + the value after the first ':' of the line at P, or NULL. */
static char *
path_from_line(const char *p, size_t n)
{
	const char *colon = memchr(p, ':', n);
	size_t len;
	char *path;

	if (!colon)
		return NULL;
	colon++;
	while (colon < p + n && (*colon == ' ' || *colon == '\t'))
		colon++;
	len = (size_t)(p + n - colon);
	if (len > PATH_MAX_BYTES)
		len = PATH_MAX_BYTES;
	if (len && *colon == '/')
		return xstrndup(colon, len);
	path = xmalloc(len + 2);
	path[0] = '/';
	memcpy(path + 1, colon, len);
	path[len + 1] = '\0';
	return path;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	struct robots *r = NULL;
	const struct strvec *maps;
	size_t taken = 0;

	if (robots_parse(p, size, AGENT, &r) != 0)
		abort(); /* any content parses */
	for (size_t i = 0; i < sizeof(fixed_paths) / sizeof(*fixed_paths); i++)
		(void)robots_allowed(r, fixed_paths[i]);
	while (p < end && taken < PATHS_FROM_INPUT) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t n = eol ? (size_t)(eol - p) : (size_t)(end - p);
		char *path = path_from_line(p, n);

		if (path) {
			(void)robots_allowed(r, path);
			taken++;
			free(path);
		}
		p += n + (eol != NULL);
	}
	FUZZ_ASSERT(robots_crawl_delay_ms(r) <= ROBOTS_MAX_DELAY_MS,
		    "crawl delay above the clamp");
	maps = robots_sitemaps(r);
	FUZZ_ASSERT(maps->n <= ROBOTS_MAX_SITEMAPS, "too many sitemaps");
	robots_free(r);
	return 0;
}
