#include "tests/support/httpd.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <microhttpd.h>
#include <zlib.h>

#include "common/buf.h"
#include "common/xalloc.h"

#define HTTPD_ADDR_MAX 16
#define NAP_STEP_MS 10
#define CHUNK_BYTES 7 /* small, so a chunked body really is many chunks */

/* A route as stored: owned copies of the caller's strings. */
struct route {
	struct httpd_route r;
	char *gz;        /* the bombs: the compressed body */
	size_t gz_len;
	unsigned hits;
};

struct httpd {
	struct MHD_Daemon *daemon;
	char addr[HTTPD_ADDR_MAX];
	unsigned port;
	atomic_bool stopping;
	pthread_mutex_t lock; /* routes, hits and the log */
	struct route *routes;
	size_t nroutes, cap;
	struct httpd_request log[HTTPD_LOG_MAX];
	size_t nlog;
};

/* Per-request state between the access handler and completion. */
struct req {
	struct httpd *h;
	size_t log_index; /* HTTPD_LOG_MAX when not logged */
	unsigned status;
};

/* Body generators for callback responses. */
struct gen {
	struct httpd *h;
	char *data; /* NULL: generated pattern (or zeros) */
	size_t len;
	size_t chunk;
	unsigned delay_ms;
	bool zeros;
};

int64_t
httpd_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sleep MS, waking early when the server stops; false if it stopped. */
static bool
nap(struct httpd *h, unsigned ms)
{
	unsigned slept;

	for (slept = 0; slept < ms; slept += NAP_STEP_MS) {
		struct timespec ts = { 0, NAP_STEP_MS * 1000000L };

		if (atomic_load(&h->stopping))
			return false;
		nanosleep(&ts, NULL);
	}
	return !atomic_load(&h->stopping);
}

static void
copy_field(char *dst, size_t cap, const char *src)
{
	size_t n = src ? strlen(src) : 0;

	if (n >= cap)
		n = cap - 1;
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

/* SIZE zero bytes compressed, in gzip (GZIP) or zlib format. */
static int
compress_zeros(size_t size, bool gzip, char **out, size_t *outlen)
{
	static const unsigned char zeros[65536];
	unsigned char chunk[65536];
	struct buf b;
	z_stream zs;
	size_t left = size;
	int flush, rc = -1;

	memset(&zs, 0, sizeof(zs));
	buf_init(&b, size / 64 + 4096);
	if (deflateInit2(&zs, 9, Z_DEFLATED, gzip ? 15 + 16 : 15, 9,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	do {
		size_t n = left < sizeof(zeros) ? left : sizeof(zeros);

		zs.next_in = (unsigned char *)zeros;
		zs.avail_in = (uInt)n;
		left -= n;
		flush = left ? Z_NO_FLUSH : Z_FINISH;
		do {
			zs.next_out = chunk;
			zs.avail_out = sizeof(chunk);
			if (deflate(&zs, flush) == Z_STREAM_ERROR)
				goto out;
			if (buf_append(&b, chunk, sizeof(chunk) - zs.avail_out))
				goto out;
		} while (zs.avail_out == 0);
	} while (flush != Z_FINISH);
	*outlen = b.len;
	*out = buf_steal(&b);
	rc = 0;
out:
	deflateEnd(&zs);
	buf_free(&b);
	return rc;
}

void
httpd_add_route(struct httpd *h, const struct httpd_route *route)
{
	struct route r;

	memset(&r, 0, sizeof(r));
	r.r = *route;
	r.r.path = xstrdup(route->path);
	r.r.content_type = xstrdup_or_null(route->content_type);
	r.r.body = xstrdup_or_null(route->body);
	r.r.headers = xstrdup_or_null(route->headers);
	r.r.location = xstrdup_or_null(route->location);
	r.r.etag = xstrdup_or_null(route->etag);
	r.r.last_modified = xstrdup_or_null(route->last_modified);
	r.r.fail_headers = xstrdup_or_null(route->fail_headers);
	if ((route->kind == HTTPD_GZIP_BOMB ||
	     route->kind == HTTPD_DEFLATE_BOMB) &&
	    compress_zeros(route->size, route->kind == HTTPD_GZIP_BOMB, &r.gz,
			   &r.gz_len)) {
		fprintf(stderr, "httpd: cannot build the gzip body\n");
		abort();
	}
	pthread_mutex_lock(&h->lock);
	if (h->nroutes == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 16;
		h->routes = xreallocarray(h->routes, h->cap, sizeof(*h->routes));
	}
	h->routes[h->nroutes++] = r;
	pthread_mutex_unlock(&h->lock);
}

static void
route_free(struct route *r)
{
	free((char *)r->r.path);
	free((char *)r->r.content_type);
	free((char *)r->r.body);
	free((char *)r->r.headers);
	free((char *)r->r.location);
	free((char *)r->r.etag);
	free((char *)r->r.last_modified);
	free((char *)r->r.fail_headers);
	free(r->gz);
}

/* Add "Name: value" lines from LINES to RESP. */
static void
add_headers(struct MHD_Response *resp, const char *lines)
{
	const char *p = lines;

	while (p && *p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		char *line = xstrndup(p, len);
		char *colon = strchr(line, ':');

		if (colon) {
			char *v = colon + 1;

			*colon = '\0';
			while (*v == ' ')
				v++;
			MHD_add_response_header(resp, line, v);
		}
		free(line);
		p = eol ? eol + 1 : NULL;
	}
}

static ssize_t
gen_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct gen *g = cls;
	size_t n, i;

	if (g->len != (size_t)-1 && pos >= g->len)
		return MHD_CONTENT_READER_END_OF_STREAM;
	if (g->delay_ms && !nap(g->h, g->delay_ms))
		return MHD_CONTENT_READER_END_WITH_ERROR;
	if (atomic_load(&g->h->stopping))
		return MHD_CONTENT_READER_END_WITH_ERROR;
	n = g->chunk < max ? g->chunk : max;
	if (g->len != (size_t)-1 && n > g->len - pos)
		n = g->len - (size_t)pos;
	for (i = 0; i < n; i++) {
		if (g->data)
			out[i] = g->data[pos + i];
		else if (g->zeros)
			out[i] = '\0';
		else
			out[i] = "abcdefghijklmnopqrstuvwxyz\n"[(pos + i) % 27];
	}
	return (ssize_t)n;
}

static void
gen_free(void *cls)
{
	struct gen *g = cls;

	free(g->data);
	free(g);
}

static struct MHD_Response *
gen_response(struct httpd *h, const char *data, size_t len, bool declared,
	     size_t chunk, unsigned delay_ms, bool zeros)
{
	struct gen *g = xcalloc(1, sizeof(*g));

	g->h = h;
	g->data = data ? xstrndup(data, len) : NULL;
	g->len = len;
	g->chunk = chunk;
	g->delay_ms = delay_ms;
	g->zeros = zeros;
	return MHD_create_response_from_callback(
		declared ? (uint64_t)len : MHD_SIZE_UNKNOWN, chunk, gen_read,
		g, gen_free);
}

static bool
header_matches(struct MHD_Connection *c, const char *name, const char *want)
{
	const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);

	return v && want && strstr(v, want);
}

/* Build the response for route R (a snapshot; H's lock not held). */
static struct MHD_Response *
make_response(struct httpd *h, const struct route *r, bool fail,
	      struct MHD_Connection *c, unsigned *status)
{
	const struct httpd_route *rt = &r->r;
	const char *body = rt->body ? rt->body : "";
	struct MHD_Response *resp;

	*status = rt->status ? rt->status : 200;
	if (fail) {
		*status = rt->fail_status;
		resp = MHD_create_response_from_buffer(
			0, (void *)"", MHD_RESPMEM_PERSISTENT);
		add_headers(resp, rt->fail_headers);
		return resp;
	}
	switch (rt->kind) {
	case HTTPD_REDIRECT:
		*status = rt->status ? rt->status : 302;
		resp = MHD_create_response_from_buffer(
			0, (void *)"", MHD_RESPMEM_PERSISTENT);
		MHD_add_response_header(resp, "Location", rt->location);
		break;
	case HTTPD_CONDITIONAL:
		if (header_matches(c, "If-None-Match", rt->etag) ||
		    header_matches(c, "If-Modified-Since", rt->last_modified)) {
			*status = 304;
			resp = MHD_create_response_from_buffer(
				0, (void *)"", MHD_RESPMEM_PERSISTENT);
		} else {
			resp = MHD_create_response_from_buffer(
				strlen(body), (void *)body,
				MHD_RESPMEM_MUST_COPY);
		}
		if (rt->etag)
			MHD_add_response_header(resp, "ETag", rt->etag);
		if (rt->last_modified)
			MHD_add_response_header(resp, "Last-Modified",
						rt->last_modified);
		break;
	case HTTPD_STALL:
		if (!nap(h, rt->delay_ms))
			return NULL;
		/* fall through */
	case HTTPD_STATIC:
		if (rt->chunked)
			resp = gen_response(h, body, strlen(body), false,
					    CHUNK_BYTES, 0, false);
		else
			resp = MHD_create_response_from_buffer(
				strlen(body), (void *)body,
				MHD_RESPMEM_MUST_COPY);
		break;
	case HTTPD_DRIP:
		resp = gen_response(h, body, strlen(body), true, 1,
				    rt->delay_ms, false);
		break;
	case HTTPD_LARGE:
		resp = gen_response(h, NULL, rt->size, !rt->chunked, 16384, 0,
				    false);
		break;
	case HTTPD_HUGE_LENGTH:
		resp = gen_response(h, NULL, rt->size, true, 16384, 0, true);
		break;
	case HTTPD_GZIP_BOMB:
	case HTTPD_DEFLATE_BOMB:
		resp = MHD_create_response_from_buffer(
			r->gz_len, r->gz, MHD_RESPMEM_MUST_COPY);
		MHD_add_response_header(resp, "Content-Encoding",
					rt->kind == HTTPD_GZIP_BOMB ? "gzip"
								    : "deflate");
		break;
	default:
		return NULL;
	}
	if (!resp)
		return NULL;
	MHD_add_response_header(resp, "Content-Type",
				rt->content_type ? rt->content_type
						 : "text/html; charset=utf-8");
	add_headers(resp, rt->headers);
	return resp;
}

static void
log_request(struct httpd *h, struct req *q, struct MHD_Connection *c,
	    const char *url, const char *method)
{
	const union MHD_ConnectionInfo *ci;
	struct httpd_request *e;

	q->log_index = HTTPD_LOG_MAX;
	if (h->nlog >= HTTPD_LOG_MAX)
		return;
	q->log_index = h->nlog;
	e = &h->log[h->nlog++];
	memset(e, 0, sizeof(*e));
	copy_field(e->method, sizeof(e->method), method);
	copy_field(e->path, sizeof(e->path), url);
#define HDR(name) MHD_lookup_connection_value(c, MHD_HEADER_KIND, name)
	copy_field(e->host, sizeof(e->host), HDR("Host"));
	copy_field(e->user_agent, sizeof(e->user_agent), HDR("User-Agent"));
	copy_field(e->accept_encoding, sizeof(e->accept_encoding),
		   HDR("Accept-Encoding"));
	copy_field(e->if_none_match, sizeof(e->if_none_match),
		   HDR("If-None-Match"));
	copy_field(e->if_modified_since, sizeof(e->if_modified_since),
		   HDR("If-Modified-Since"));
#undef HDR
	e->arrived_ms = httpd_now_ms();
	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
		e->client_port = ntohs(
			((const struct sockaddr_in *)(const void *)
				 ci->client_addr)->sin_port);
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
	   const char *method, const char *version, const char *upload,
	   size_t *upload_size, void **con_cls)
{
	struct httpd *h = cls;
	struct req *q = *con_cls;
	struct route snap;
	struct MHD_Response *resp;
	bool found = false, fail = false;
	enum MHD_Result ret;
	size_t i;

	(void)version;
	(void)upload;
	memset(&snap, 0, sizeof(snap));
	if (!q) {
		/* First call: headers only.  Log the arrival now. */
		q = xcalloc(1, sizeof(*q));
		q->h = h;
		pthread_mutex_lock(&h->lock);
		log_request(h, q, c, url, method);
		pthread_mutex_unlock(&h->lock);
		*con_cls = q;
		return MHD_YES;
	}
	if (*upload_size) {
		*upload_size = 0; /* request bodies are read and dropped */
		return MHD_YES;
	}
	pthread_mutex_lock(&h->lock);
	for (i = 0; i < h->nroutes; i++) {
		struct route *r = &h->routes[i];

		if (strcmp(r->r.path, url) == 0) {
			fail = r->hits++ < r->r.fail_first;
			snap = *r; /* strings stay valid until httpd_stop */
			found = true;
			break;
		}
	}
	pthread_mutex_unlock(&h->lock);
	if (found) {
		resp = make_response(h, &snap, fail, c, &q->status);
	} else {
		static const char nf[] = "not found\n";

		q->status = 404;
		resp = MHD_create_response_from_buffer(
			sizeof(nf) - 1, (void *)nf, MHD_RESPMEM_PERSISTENT);
	}
	if (!resp)
		return MHD_NO;
	ret = MHD_queue_response(c, q->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
	     enum MHD_RequestTerminationCode toe)
{
	struct httpd *h = cls;
	struct req *q = *con_cls;

	(void)c;
	(void)toe;
	if (!q)
		return;
	pthread_mutex_lock(&h->lock);
	if (q->log_index < h->nlog) {
		h->log[q->log_index].finished_ms = httpd_now_ms();
		h->log[q->log_index].status = q->status;
	}
	pthread_mutex_unlock(&h->lock);
	free(q);
	*con_cls = NULL;
}

struct httpd *
httpd_start(const char *addr, const struct httpd_route *routes, size_t n)
{
	struct httpd *h = xcalloc(1, sizeof(*h));
	struct sockaddr_in sin;
	const union MHD_DaemonInfo *info;
	size_t i;

	copy_field(h->addr, sizeof(h->addr), addr ? addr : "127.0.0.1");
	atomic_init(&h->stopping, false);
	pthread_mutex_init(&h->lock, NULL);
	for (i = 0; i < n; i++)
		httpd_add_route(h, &routes[i]);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	if (inet_pton(AF_INET, h->addr, &sin.sin_addr) != 1) {
		fprintf(stderr, "httpd: bad address %s\n", h->addr);
		goto fail;
	}
	h->daemon = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD |
			MHD_USE_THREAD_PER_CONNECTION,
		0, NULL, NULL, on_request, h, MHD_OPTION_SOCK_ADDR, &sin,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, h,
		MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_END);
	if (!h->daemon) {
		fprintf(stderr, "httpd: cannot listen on %s\n", h->addr);
		goto fail;
	}
	info = MHD_get_daemon_info(h->daemon, MHD_DAEMON_INFO_BIND_PORT);
	if (!info || !info->port) {
		fprintf(stderr, "httpd: no port on %s\n", h->addr);
		goto fail;
	}
	h->port = info->port;
	return h;
fail:
	httpd_stop(h);
	return NULL;
}

unsigned
httpd_port(const struct httpd *h)
{
	return h->port;
}

const char *
httpd_addr(const struct httpd *h)
{
	return h->addr;
}

char *
httpd_url(const struct httpd *h, const char *path)
{
	struct buf b;

	buf_init(&b, 4096);
	if (buf_printf(&b, "http://%s:%u%s", h->addr, h->port, path))
		abort();
	return buf_steal(&b);
}

size_t
httpd_log_count(struct httpd *h)
{
	size_t n;

	pthread_mutex_lock(&h->lock);
	n = h->nlog;
	pthread_mutex_unlock(&h->lock);
	return n;
}

bool
httpd_log_get(struct httpd *h, size_t i, struct httpd_request *out)
{
	bool ok;

	pthread_mutex_lock(&h->lock);
	ok = i < h->nlog;
	if (ok)
		*out = h->log[i];
	pthread_mutex_unlock(&h->lock);
	return ok;
}

void
httpd_log_clear(struct httpd *h)
{
	pthread_mutex_lock(&h->lock);
	h->nlog = 0;
	pthread_mutex_unlock(&h->lock);
}

void
httpd_stop(struct httpd *h)
{
	size_t i;

	if (!h)
		return;
	atomic_store(&h->stopping, true);
	if (h->daemon)
		MHD_stop_daemon(h->daemon);
	for (i = 0; i < h->nroutes; i++)
		route_free(&h->routes[i]);
	free(h->routes);
	pthread_mutex_destroy(&h->lock);
	free(h);
}

int
httpd_curl_setup(void **state)
{
	(void)state;
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

int
httpd_curl_teardown(void **state)
{
	(void)state;
	curl_global_cleanup();
	return 0;
}
