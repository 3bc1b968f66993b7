/*
 * A real HTTP server for tests, on a loopback address (127.0.0.1, or
 * 127.0.0.2..127.0.0.9 to stand in for separate hosts) and an ephemeral
 * port, built on libmicrohttpd with one thread per connection.
 *
 * It serves a table of routes, each a canned response or one of the
 * misbehaviours a crawler has to survive (stalls, drips, lies about
 * Content-Length, gzip bombs, redirect loops), and logs every request
 * with its arrival and completion times so tests can assert politeness
 * delays, conditional headers and connection reuse.
 */
#ifndef RM_TEST_HTTPD_H
#define RM_TEST_HTTPD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum httpd_kind {
	HTTPD_STATIC = 0,  /* status, content type, headers, body */
	HTTPD_REDIRECT,    /* status (302 unless set), Location: location */
	HTTPD_CONDITIONAL, /* ETag/Last-Modified; 304 when the request's
			      If-None-Match or If-Modified-Since matches */
	HTTPD_STALL,       /* wait delay_ms, then answer like STATIC */
	HTTPD_DRIP,        /* send body one byte every delay_ms */
	HTTPD_LARGE,       /* size bytes of generated text */
	HTTPD_HUGE_LENGTH, /* declare Content-Length: size, send zeros */
	HTTPD_GZIP_BOMB,   /* Content-Encoding: gzip of size zero bytes */
	HTTPD_DEFLATE_BOMB, /* Content-Encoding: deflate (zlib) of them */
};

struct httpd_route {
	const char *path;          /* exact match, query string ignored */
	enum httpd_kind kind;
	unsigned status;           /* 0: 200 (302 for HTTPD_REDIRECT) */
	const char *content_type;  /* NULL: "text/html; charset=utf-8" */
	const char *body;          /* NULL: empty */
	const char *headers;       /* extra "Name: value" lines, '\n'-separated */
	const char *location;      /* HTTPD_REDIRECT */
	const char *etag;          /* HTTPD_CONDITIONAL */
	const char *last_modified; /* HTTPD_CONDITIONAL */
	size_t size;               /* LARGE, HUGE_LENGTH, the bombs */
	unsigned delay_ms;         /* STALL, DRIP */
	bool chunked;              /* STATIC, LARGE: no Content-Length, the
				      body goes out in small chunks */
	unsigned fail_first;       /* the first N requests get fail_status */
	unsigned fail_status;      /* ... with these extra headers: */
	const char *fail_headers;
};

/* One logged request; strings are truncated copies. */
struct httpd_request {
	char method[16];
	char path[256];
	char host[128];
	char user_agent[128];
	char accept_encoding[64];
	char if_none_match[128];
	char if_modified_since[64];
	int64_t arrived_ms;  /* httpd_now_ms() when the headers were in */
	int64_t finished_ms; /* ... when the response was done; 0 before */
	unsigned client_port; /* the client's port: same port, same connection */
	unsigned status;
};

#define HTTPD_LOG_MAX 1024 /* later requests are served but not logged */

struct httpd;

/*
 * Start a server on ADDR (a dotted IPv4 loopback address; NULL means
 * 127.0.0.1) and an ephemeral port, serving copies of the N ROUTES.
 * Unknown paths get 404.  Returns NULL (after printing why) on failure.
 */
struct httpd *httpd_start(const char *addr, const struct httpd_route *routes,
			  size_t n);
/* Add (a copy of) one more route, e.g. a redirect to another server. */
void httpd_add_route(struct httpd *h, const struct httpd_route *route);
unsigned httpd_port(const struct httpd *h);
const char *httpd_addr(const struct httpd *h);
/* "http://ADDR:PORT" followed by PATH; malloc'd, caller frees. */
char *httpd_url(const struct httpd *h, const char *path);

/* Requests logged so far; entry I copied into *OUT (false past the end). */
size_t httpd_log_count(struct httpd *h);
bool httpd_log_get(struct httpd *h, size_t i, struct httpd_request *out);
void httpd_log_clear(struct httpd *h);

/* Stop the server (stalled responses are cut short) and free it. */
void httpd_stop(struct httpd *h);

/*
 * cmocka group setup/teardown for programs that fetch: libcurl's global
 * init once at start, its cleanup at exit (so valgrind sees no leaks).
 */
int httpd_curl_setup(void **state);
int httpd_curl_teardown(void **state);

/* CLOCK_MONOTONIC in milliseconds, the clock of the request log. */
int64_t httpd_now_ms(void);

#endif
