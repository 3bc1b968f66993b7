#include "tests/support/crawlenv.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "tests/support/lexicon_fixture.h"
#include <sqlite3.h>

#include "common/buf.h"
#include "common/xalloc.h"
#include "config/sources.h"
#include "store/store.h"

void
crawlenv_init(struct crawlenv *e, const struct lexicon *lx)
{
	memset(e, 0, sizeof(*e));
	e->lx = lx;
	snprintf(e->dir, sizeof(e->dir), "/tmp/rm-crawl.XXXXXX");
	assert_non_null(mkdtemp(e->dir));
	snprintf(e->db, sizeof(e->db), "%s/db", e->dir);
	settings_defaults(&e->set);
	e->set.allow_private = false; /* the run's option turns it on */
	e->set.timeout_ms = 1500;
	e->set.connect_timeout_ms = 1000;
	e->set.low_speed_time_ms = 1000;
	e->set.max_body = 256 * 1024;
	e->set.retries = 1;
	e->set.workers = 2;
	e->allow_private = true;
}

void
crawlenv_free(struct crawlenv *e)
{
	char cmd[160];

	for (size_t i = 0; i < e->nsites; i++)
		httpd_stop(e->s[i].h);
	settings_free(&e->set);
	if (getenv("CRAWLENV_KEEP")) {
		fprintf(stderr, "  kept %s\n", e->dir);
		return;
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", e->dir);
	assert_int_equal(system(cmd), 0);
}

struct crawlenv_site *
crawlenv_site_at(struct crawlenv *e, const char *addr, unsigned port)
{
	struct crawlenv_site *s;

	assert_true(e->nsites < CRAWLENV_SITES_MAX);
	s = &e->s[e->nsites];
	snprintf(s->host, sizeof(s->host), "s%zu.test:%u", e->nsites, port);
	snprintf(s->resolve, sizeof(s->resolve), "s%zu.test:%u:%s",
		 e->nsites, port, addr);
	e->resolve[e->nsites++] = s->resolve;
	return s;
}

struct crawlenv_site *
crawlenv_site(struct crawlenv *e, const struct httpd_route *routes, size_t n)
{
	struct httpd *h;
	char addr[16];

	snprintf(addr, sizeof(addr), "127.0.0.%zu", e->nsites + 2);
	h = httpd_start(addr, routes, n);
	assert_non_null(h);
	e->s[e->nsites].h = h;
	return crawlenv_site_at(e, addr, httpd_port(h));
}

const char *
crawlenv_url(const struct crawlenv_site *s, const char *path,
	     char out[CRAWLENV_URL_MAX])
{
	snprintf(out, CRAWLENV_URL_MAX, "http://%s%s", s->host, path);
	return out;
}

void
crawlenv_sitemap(struct crawlenv_site *s, const char *path,
		 const char *const *urls)
{
	struct buf b;
	char u[CRAWLENV_URL_MAX];
	struct httpd_route r = { 0 };

	buf_init(&b, 1 << 20);
	buf_append_str(&b, "<?xml version=\"1.0\"?><urlset xmlns=\"http://"
			   "www.sitemaps.org/schemas/sitemap/0.9\">");
	for (size_t i = 0; urls[i]; i++)
		buf_printf(&b, "<url><loc>%s</loc></url>",
			   strstr(urls[i], "://") ? urls[i]
						  : crawlenv_url(s, urls[i], u));
	buf_append_str(&b, "</urlset>");
	r.path = path;
	r.content_type = "application/xml";
	r.body = buf_str(&b);
	httpd_add_route(s->h, &r);
	buf_free(&b);
}

void
crawlenv_source(struct crawlenv *e, const char *name, const char *start,
		const char *extra)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/sources.d", e->dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/sources.d/%s.ini", e->dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "[source]\nstart = %s\nfollow = ^http://s\\d\\.test:\\d+/\n"
		   "skip = \\.xml|robots\\.txt\ndelay = 0\n%s",
		start, extra ? extra : "");
	fclose(f);
}

/* CRAWL_DEBUG=1 in the environment shows every fetch. */
static void
on_event(const struct crawl_event *ev, void *ctx)
{
	(void)ctx;
	if (ev->kind != CRAWL_EVENT_PROGRESS && getenv("CRAWL_DEBUG"))
		fprintf(stderr, "  %lld %ld %s %s: %s (%ld ms)\n",
			(long long)httpd_now_ms(), ev->status,
			ev->what ? ev->what : "-", ev->url ? ev->url : "-",
			ev->outcome, ev->ms);
}

int
crawlenv_crawl(struct crawlenv *e, bool revisit)
{
	struct crawl_options o;
	struct source_list *l = NULL;
	struct store *st = NULL;
	char path[128], *err = NULL;
	int rc;

	snprintf(path, sizeof(path), "%s/sources.d", e->dir);
	rc = sources_load_dir(path, &l, &err);
	if (rc)
		fprintf(stderr, "%s\n", err ? err : "?");
	assert_int_equal(rc, 0);
	assert_int_equal(store_open(e->db, 0, &st, &err), 0);
	store_set_claims(st, lexicon_claims(e->lx));
	memset(&o, 0, sizeof(o));
	o.settings = &e->set;
	o.sources = l;
	o.lexicon = e->lx;
	o.allow_private = e->allow_private;
	o.revisit = revisit;
	o.resolve = e->resolve;
	o.retry_base_ms = 100;
	o.on_event = on_event;
	rc = crawl_run(st, &o, &e->stats, &err);
	if (rc)
		fprintf(stderr, "crawl: %s\n", err ? err : "?");
	free(err);
	store_close(st);
	sources_free(l);
	return rc;
}

/* SQL prepared on a read-only connection, with up to three text
 * parameters; the connection in *DB.  Both closed by the caller. */
static sqlite3_stmt *
prepare(struct crawlenv *e, sqlite3 **db, const char *sql,
	const char *const *params, size_t n)
{
	sqlite3_stmt *s = NULL;

	assert_int_equal(sqlite3_open_v2(e->db, db, SQLITE_OPEN_READONLY,
					 NULL),
			 SQLITE_OK);
	if (sqlite3_prepare_v2(*db, sql, -1, &s, NULL) != SQLITE_OK)
		fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(*db));
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		sqlite3_bind_text(s, (int)i + 1, params[i], -1,
				  SQLITE_STATIC);
	return s;
}

static char *
query(struct crawlenv *e, const char *sql, long long *num)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = prepare(e, &db, sql, NULL, 0);
	char *v = NULL;

	*num = -1;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*num = sqlite3_column_int64(s, 0);
		if (sqlite3_column_text(s, 0))
			v = xstrdup((const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

long long
crawlenv_int(struct crawlenv *e, const char *sql)
{
	long long n;

	free(query(e, sql, &n));
	return n;
}

char *
crawlenv_text(struct crawlenv *e, const char *sql)
{
	long long n;
	char *v = query(e, sql, &n);

	assert_non_null(v);
	return v;
}

void
crawlenv_expect_row(struct crawlenv *e, const struct crawlenv_site *site,
		    const char *path, const char *state,
		    const char *error_part)
{
	char u[CRAWLENV_URL_MAX];
	const char *url = site ? crawlenv_url(site, path, u) : path;
	const char *p[3] = { url, state, error_part ? error_part : "" };
	sqlite3 *db = NULL;
	sqlite3_stmt *s = prepare(
		e, &db,
		"SELECT state, coalesce(last_error, '') FROM crawl_frontier"
		" WHERE url = ?1 AND state = ?2 AND"
		" instr(coalesce(last_error, ''), ?3) > 0",
		p, 3);
	int found = sqlite3_step(s) == SQLITE_ROW;

	sqlite3_finalize(s);
	sqlite3_close(db);
	if (!found) {
		s = prepare(e, &db,
			    "SELECT state || ' (' || coalesce(last_error, '')"
			    " || ')' FROM crawl_frontier WHERE url = ?1",
			    p, 1);
		fprintf(stderr, "expected %s %s (%s), found %s\n", url, state,
			p[2],
			sqlite3_step(s) == SQLITE_ROW
				? (const char *)sqlite3_column_text(s, 0)
				: "no row");
		sqlite3_finalize(s);
		sqlite3_close(db);
	}
	assert_true(found);
}

size_t
crawlenv_requests(const struct crawlenv_site *s, const char *path)
{
	struct httpd_request r;
	size_t n = 0;

	for (size_t i = 0; httpd_log_get(s->h, i, &r); i++)
		if (strcmp(r.path, path) == 0)
			n++;
	return n;
}

int
crawlenv_group_setup(void **state)
{
	return httpd_curl_setup(state) || lexicon_fixture_setup(state);
}

int
crawlenv_group_teardown(void **state)
{
	lexicon_fixture_teardown(state);
	return httpd_curl_teardown(state);
}
