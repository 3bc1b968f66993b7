/*
 * demo_httpd: serve a directory over HTTP on a loopback address, for
 * `make demo` and the end-to-end crawl tests.
 *
 *   demo_httpd [--addr 127.0.0.1] [--log FILE] [--throttle-ms N]
 *              [--fail PATH=STATUS] [--redirect PATH=LOCATION] DIR
 *
 * Listens on an ephemeral port, prints its base URL ("http://ADDR:PORT")
 * on standard output, and serves DIR's files, with "@BASE@" in them
 * replaced by that URL.  Responses carry an ETag (a hash of the body)
 * and Last-Modified (the file's mtime) and honour If-None-Match and
 * If-Modified-Since with 304.  Files are read on every request, so a
 * test may change them between crawls.  --throttle-ms holds each
 * response that long (a slow site); --fail answers PATH with STATUS
 * and an empty body (a broken page); --redirect answers PATH with a 301
 * to LOCATION (a moved page).  Each request is logged to FILE as
 * one tab-separated line: milliseconds since start, method, path,
 * status, If-None-Match, If-Modified-Since ("-" when absent).  Runs
 * until killed or until its standard input closes.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "common/buf.h"
#include "common/xalloc.h"

#define FILE_MAX (8u << 20)
#define PATH_MAX_LEN 1024

struct server {
	const char *root;
	char base[64];
	FILE *log;
	long throttle_ms;
	const char *fail_path;
	unsigned fail_status;
	const char *redirect_path, *redirect_to;
	struct timespec start;
	pthread_mutex_t lock;
};

static long
since_start_ms(const struct server *s)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)((now.tv_sec - s->start.tv_sec) * 1000 +
		      (now.tv_nsec - s->start.tv_nsec) / 1000000);
}

static void
log_request(struct server *s, const char *method, const char *path,
	    unsigned status, const char *inm, const char *ims)
{
	if (!s->log)
		return;
	pthread_mutex_lock(&s->lock);
	fprintf(s->log, "%ld\t%s\t%s\t%u\t%s\t%s\n", since_start_ms(s), method,
		path, status, inm ? inm : "-", ims ? ims : "-");
	fflush(s->log);
	pthread_mutex_unlock(&s->lock);
}

static const char *
content_type(const char *path)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".xml", "application/xml" },
		{ ".txt", "text/plain; charset=utf-8" },
		{ ".json", "application/feed+json" },
		{ ".gz", "application/gzip" },
		{ ".pdf", "application/pdf" },
	};
	size_t n = strlen(path);

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		size_t e = strlen(types[i].ext);

		if (n >= e && strcmp(path + n - e, types[i].ext) == 0)
			return types[i].type;
	}
	return "application/octet-stream";
}

/* DIR + URL path, refusing ".." and mapping "/" to index.html. */
static int
file_path(const struct server *s, const char *url, struct buf *out)
{
	if (url[0] != '/' || strstr(url, "..") || strlen(url) > PATH_MAX_LEN)
		return -1;
	buf_printf(out, "%s%s", s->root, url);
	if (url[strlen(url) - 1] == '/')
		buf_append_str(out, "index.html");
	return 0;
}

/* The file with @BASE@ replaced; its mtime in *MTIME. */
static int
load(const struct server *s, const char *path, struct buf *body,
     time_t *mtime)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	char chunk[65536];
	struct buf raw;
	size_t n;
	const char *p, *hit;
	int rc = 0;

	if (!f)
		return -1;
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		fclose(f);
		return -1;
	}
	*mtime = st.st_mtime;
	buf_init(&raw, FILE_MAX);
	while (!rc && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rc = buf_append(&raw, chunk, n);
	fclose(f);
	p = buf_str(&raw);
	while (!rc && (hit = memmem(p, raw.len - (size_t)(p - raw.data),
				    "@BASE@", 6)) != NULL) {
		rc = buf_append(body, p, (size_t)(hit - p));
		if (!rc)
			rc = buf_append_str(body, s->base);
		p = hit + 6;
	}
	if (!rc && raw.len)
		rc = buf_append(body, p, raw.len - (size_t)(p - raw.data));
	buf_free(&raw);
	return rc ? -1 : 0;
}

static void
http_date(time_t t, char out[64])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 64, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

static time_t
parse_http_date(const char *s)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (!s || !strptime(s, "%a, %d %b %Y %H:%M:%S GMT", &tm))
		return (time_t)-1;
	return timegm(&tm);
}

static enum MHD_Result
reply(struct MHD_Connection *c, unsigned status, const char *type,
      struct buf *body, const char *etag, const char *lastmod)
{
	struct MHD_Response *r;
	enum MHD_Result ret;
	size_t len = body ? body->len : 0;

	r = MHD_create_response_from_buffer(len, len ? body->data : (void *)"",
					    MHD_RESPMEM_MUST_COPY);
	if (type)
		MHD_add_response_header(r, "Content-Type", type);
	if (etag)
		MHD_add_response_header(r, "ETag", etag);
	if (lastmod)
		MHD_add_response_header(r, "Last-Modified", lastmod);
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
	   const char *method, const char *version, const char *upload,
	   size_t *upload_len, void **state)
{
	struct server *s = cls;
	const char *inm, *ims;
	struct buf path, body;
	char etag[32], lastmod[64];
	unsigned long long h = 0xcbf29ce484222325ULL;
	time_t mtime = 0, since;
	unsigned status;
	enum MHD_Result ret;

	(void)version;
	(void)upload;
	(void)upload_len;
	if (*state == NULL) {
		/* Headers only so far; answer on the next call. */
		*state = s;
		return MHD_YES;
	}
	if (s->throttle_ms > 0)
		usleep((useconds_t)s->throttle_ms * 1000);
	inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
	ims = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
					  "If-Modified-Since");
	buf_init(&path, PATH_MAX_LEN * 2);
	buf_init(&body, FILE_MAX + 1024 * 1024);
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
		status = 405;
		ret = reply(c, status, "text/plain", NULL, NULL, NULL);
		goto out;
	}
	if (s->fail_path && strcmp(url, s->fail_path) == 0) {
		status = s->fail_status;
		ret = reply(c, status, "text/plain", NULL, NULL, NULL);
		goto out;
	}
	if (s->redirect_path && strcmp(url, s->redirect_path) == 0) {
		struct MHD_Response *r = MHD_create_response_from_buffer(
			0, (void *)"", MHD_RESPMEM_PERSISTENT);

		status = 301;
		MHD_add_response_header(r, "Location", s->redirect_to);
		ret = MHD_queue_response(c, status, r);
		MHD_destroy_response(r);
		goto out;
	}
	if (file_path(s, url, &path) != 0 ||
	    load(s, buf_str(&path), &body, &mtime) != 0) {
		status = 404;
		ret = reply(c, status, "text/plain", NULL, NULL, NULL);
		goto out;
	}
	for (size_t i = 0; i < body.len; i++)
		h = (h ^ (unsigned char)body.data[i]) * 0x100000001b3ULL;
	snprintf(etag, sizeof(etag), "\"%016llx\"", h);
	http_date(mtime, lastmod);
	since = parse_http_date(ims);
	if ((inm && strcmp(inm, etag) == 0) ||
	    (!inm && since != (time_t)-1 && mtime <= since)) {
		status = 304;
		ret = reply(c, status, NULL, NULL, etag, lastmod);
		goto out;
	}
	status = 200;
	ret = reply(c, status, content_type(buf_str(&path)), &body, etag,
		    lastmod);
out:
	log_request(s, method, url, status, inm, ims);
	buf_free(&path);
	buf_free(&body);
	return ret;
}

static void
usage(void)
{
	fprintf(stderr, "usage: demo_httpd [--addr A] [--log FILE] "
			"[--throttle-ms N] [--fail PATH=STATUS] "
			"[--redirect PATH=LOCATION] DIR\n");
}

int
main(int argc, char **argv)
{
	struct server s;
	struct sockaddr_in sin;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	const char *addr = "127.0.0.1", *logfile = NULL;
	char c, *eq;
	int i;

	memset(&s, 0, sizeof(s));
	pthread_mutex_init(&s.lock, NULL);
	clock_gettime(CLOCK_MONOTONIC, &s.start);
	for (i = 1; i < argc - 1; i += 2) {
		if (strcmp(argv[i], "--addr") == 0)
			addr = argv[i + 1];
		else if (strcmp(argv[i], "--log") == 0)
			logfile = argv[i + 1];
		else if (strcmp(argv[i], "--throttle-ms") == 0)
			s.throttle_ms = strtol(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--fail") == 0 &&
			 (eq = strchr(argv[i + 1], '=')) != NULL) {
			*eq = '\0';
			s.fail_path = argv[i + 1];
			s.fail_status = (unsigned)strtoul(eq + 1, NULL, 10);
		} else if (strcmp(argv[i], "--redirect") == 0 &&
			   (eq = strchr(argv[i + 1], '=')) != NULL) {
			*eq = '\0';
			s.redirect_path = argv[i + 1];
			s.redirect_to = eq + 1;
		} else
			break;
	}
	if (i != argc - 1) {
		usage();
		return 2;
	}
	s.root = argv[i];
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	if (inet_pton(AF_INET, addr, &sin.sin_addr) != 1) {
		fprintf(stderr, "demo_httpd: bad address %s\n", addr);
		return 2;
	}
	if (logfile && !(s.log = fopen(logfile, "a"))) {
		fprintf(stderr, "demo_httpd: %s: %s\n", logfile,
			strerror(errno));
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
				     MHD_USE_THREAD_PER_CONNECTION,
			     0, NULL, NULL, on_request, &s,
			     MHD_OPTION_SOCK_ADDR, &sin,
			     MHD_OPTION_CONNECTION_TIMEOUT, 30u,
			     MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "demo_httpd: cannot listen on %s\n", addr);
		return 1;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	snprintf(s.base, sizeof(s.base), "http://%s:%u", addr,
		 info ? (unsigned)info->port : 0u);
	printf("%s\n", s.base);
	fflush(stdout);
	/* Until standard input closes (or a signal ends us). */
	while (read(STDIN_FILENO, &c, 1) > 0)
		;
	MHD_stop_daemon(d);
	if (s.log)
		fclose(s.log);
	pthread_mutex_destroy(&s.lock);
	return 0;
}
