/*
 * A crawl under test: a temporary directory with a database and a
 * sources.d, test servers on 127.0.0.2.. known to the crawl by host
 * name (sN.test, through `resolve`), crawl_run with test settings, and
 * queries on the result.  Used by the in-process crawl tests; failures
 * are cmocka assertions.
 */
#ifndef RM_TEST_CRAWLENV_H
#define RM_TEST_CRAWLENV_H

#include <stdbool.h>
#include <stddef.h>

#include "config/settings.h"
#include "crawler/crawl.h"
#include "extract/lexicon.h"
#include "tests/support/httpd.h"

#define CRAWLENV_SITES_MAX 10
#define CRAWLENV_URL_MAX 256

struct crawlenv_site {
	struct httpd *h; /* NULL for a server the test runs itself */
	char host[64];	 /* "sN.test:PORT" */
	char resolve[96];
};

struct crawlenv {
	const struct lexicon *lx;
	char dir[64];
	char db[128];
	struct crawlenv_site s[CRAWLENV_SITES_MAX];
	size_t nsites;
	const char *resolve[CRAWLENV_SITES_MAX + 1];
	struct settings set;	 /* test defaults: short timeouts */
	bool allow_private;	 /* true unless a test turns it off */
	struct crawl_stats stats; /* of the last crawlenv_crawl */
};

/* A fresh directory and settings; LX is the lexicon to extract with. */
void crawlenv_init(struct crawlenv *e, const struct lexicon *lx);
/* Stop the servers, remove the directory (CRAWLENV_KEEP=1 in the
 * environment keeps it, to look at the database). */
void crawlenv_free(struct crawlenv *e);

/* Start an httpd with ROUTES on the next address (127.0.0.(2+N)),
 * known to the crawl as sN.test. */
struct crawlenv_site *crawlenv_site(struct crawlenv *e,
				    const struct httpd_route *routes,
				    size_t n);
/* Name a server the test started itself on ADDR:PORT sN.test. */
struct crawlenv_site *crawlenv_site_at(struct crawlenv *e, const char *addr,
				       unsigned port);

/* "http://sN.test:PORT" PATH into OUT, which is returned. */
const char *crawlenv_url(const struct crawlenv_site *s, const char *path,
			 char out[CRAWLENV_URL_MAX]);

/* Serve at PATH on S (an httpd site) a sitemap of the absolute URLS
 * (NULL-terminated); entries without "://" are paths on S. */
void crawlenv_sitemap(struct crawlenv_site *s, const char *path,
		      const char *const *urls);

/* Write sources.d/NAME.ini: START, follow sN.test, delay 0, EXTRA. */
void crawlenv_source(struct crawlenv *e, const char *name, const char *start,
		     const char *extra);

/* One crawl_run of every source; its result (stats in e->stats). */
int crawlenv_crawl(struct crawlenv *e, bool revisit);

/* The first column of SQL's first row: as a number (-1: no row), as
 * text (malloc'd; asserted to exist). */
long long crawlenv_int(struct crawlenv *e, const char *sql);
char *crawlenv_text(struct crawlenv *e, const char *sql);

/* Assert that the frontier row of PATH on S (S NULL: PATH is the whole
 * URL) has STATE and an error containing ERROR_PART (NULL: any). */
void crawlenv_expect_row(struct crawlenv *e, const struct crawlenv_site *s,
			 const char *path, const char *state,
			 const char *error_part);

/* Requests for PATH in the log of S's httpd. */
size_t crawlenv_requests(const struct crawlenv_site *s, const char *path);

/* cmocka group setup and teardown of the crawl tests: libcurl's global
 * state, and the bundled lexicon as *STATE (for crawlenv_init). */
int crawlenv_group_setup(void **state);
int crawlenv_group_teardown(void **state);

#endif
