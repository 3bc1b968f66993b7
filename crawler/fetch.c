#include "crawler/fetch.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netdb.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "common/ascii.h"
#include "common/errors.h"
#include "common/strvec.h"
#include "common/xalloc.h"
#include "crawler/netguard.h"
#include "crawler/robots.h"
#include "crawler/url.h"

#define MSG_MAX 1024
#define REFUSED_MAX 128

struct transfer {
	struct fetcher *f;
	CURL *easy;
	struct curl_slist *headers;
	struct fetch_result res;
	char errbuf[CURL_ERROR_SIZE];
	char refused[REFUSED_MAX]; /* netguard's verdict, this attempt */
	bool overflow;             /* the body hit max_body */
	bool keep_head;            /* a robots.txt: see is_robots_txt */
	bool waiting;              /* between attempts, not in the multi */
	int64_t submitted_ms;
	int64_t due_ms;            /* when waiting: next attempt */
	long min_retry_ms;
	struct transfer *prev, *next;
};

struct fetcher {
	struct fetch_settings s;
	char *user_agent;
	char *proxy;		/* NULL: libcurl reads the environment */
	struct curl_slist *resolve;
	struct strvec allow_addrs;
	CURLM *multi;
	struct transfer *all; /* every pending request */
	size_t pending;
	uint64_t rng;
	atomic_bool woken;
};

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
fetch_settings_default(struct fetch_settings *s)
{
	memset(s, 0, sizeof(*s));
	s->user_agent = NULL;
	s->connect_timeout_ms = 10 * 1000;
	s->timeout_ms = 30 * 1000;
	s->low_speed_limit = 100;
	s->low_speed_time_s = 15;
	s->max_body = 4 * 1024 * 1024;
	s->max_connections = 8;
	s->max_attempts = 3;
	s->retry_base_ms = 2000;
	s->allow_private = false;
	s->resolve = NULL;
	s->allow_addrs = NULL;
}

const char *
fetch_outcome_name(enum fetch_outcome o)
{
	switch (o) {
	case FETCH_OK: return "ok";
	case FETCH_NOT_MODIFIED: return "not modified";
	case FETCH_TOO_LARGE: return "too large";
	case FETCH_REFUSED: return "refused";
	case FETCH_REDIRECTS: return "too many redirects";
	case FETCH_TIMEOUT: return "timeout";
	case FETCH_NETWORK: return "network error";
	}
	return "unknown";
}

static char *
msgf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
msgf(const char *fmt, ...)
{
	char tmp[MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	return xstrdup(tmp);
}

static void
set_err(char **err, char *msg)
{
	if (err)
		*err = msg;
	else
		free(msg);
}

/* Uniform in [0, n]; xorshift64, the jitter needs no better. */
static long
jitter(struct fetcher *f, long n)
{
	f->rng ^= f->rng << 13;
	f->rng ^= f->rng >> 7;
	f->rng ^= f->rng << 17;
	return n > 0 ? (long)(f->rng % ((uint64_t)n + 1)) : 0;
}

static curl_socket_t
on_open_socket(void *ud, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct transfer *t = ud;
	char text[NETGUARD_ADDR_MAX];

	if (purpose != CURLSOCKTYPE_IPCXN) {
		snprintf(t->refused, sizeof(t->refused),
			 "refused: unexpected socket type");
		return CURL_SOCKET_BAD;
	}
	netguard_format(&a->addr, a->addrlen, text);
	if (!strvec_contains(&t->f->allow_addrs, text) &&
	    netguard_check(&a->addr, a->addrlen, t->f->s.allow_private,
			   t->refused, sizeof(t->refused)))
		return CURL_SOCKET_BAD;
	return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

/* Bodies arrive here already decoded, so the cap counts real bytes. */
static size_t
on_data(char *p, size_t size, size_t n, void *ud)
{
	struct transfer *t = ud;
	struct buf *b = &t->res.body;
	size_t len = size * n, room = b->max - b->len;

	if (len > room) {
		buf_append(b, p, room);
		t->overflow = true;
		return 0; /* anything but LEN aborts the transfer */
	}
	buf_append(b, p, len);
	return len;
}

static bool
field_ok(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (i >= FETCH_FIELD_MAX || s[i] == '\r' || s[i] == '\n')
			return false;
	return true;
}

static struct curl_slist *
add_header(struct curl_slist *l, const char *name, const char *value)
{
	char *line = msgf("%s: %s", name, value);
	struct curl_slist *n = curl_slist_append(l, line);

	free(line);
	if (!n) {
		fputs("rumormill: out of memory\n", stderr);
		abort();
	}
	return n;
}

/* Apply the fixed options; CURLE_OK or the first failure. */
static CURLcode
setup_easy(struct fetcher *f, struct transfer *t, const char *url)
{
	const struct fetch_settings *s = &f->s;
	CURL *e = t->easy;
	CURLcode rc = CURLE_OK;

#define SET(opt, val)                                                     \
	do {                                                              \
		if (rc == CURLE_OK)                                       \
			rc = curl_easy_setopt(e, opt, val);               \
	} while (0)
	SET(CURLOPT_URL, url);
	SET(CURLOPT_PRIVATE, t);
	SET(CURLOPT_ERRORBUFFER, t->errbuf);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_PROTOCOLS_STR, "http,https");
	/* Redirects go back to the caller's robots.txt gate and queue. */
	SET(CURLOPT_FOLLOWLOCATION, 0L);
	if (f->proxy)
		SET(CURLOPT_PROXY, f->proxy);
	SET(CURLOPT_ACCEPT_ENCODING, "");
	SET(CURLOPT_USERAGENT, f->user_agent);
	SET(CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	SET(CURLOPT_PIPEWAIT, 1L);
	SET(CURLOPT_CONNECTTIMEOUT_MS, s->connect_timeout_ms);
	SET(CURLOPT_TIMEOUT_MS, s->timeout_ms);
	SET(CURLOPT_LOW_SPEED_LIMIT, s->low_speed_limit);
	SET(CURLOPT_LOW_SPEED_TIME, s->low_speed_time_s);
	/* A declared length over the cap is refused before reading,
	 * unless the first bytes are wanted anyway (on_data stops at the
	 * cap either way). */
	if (!t->keep_head)
		SET(CURLOPT_MAXFILESIZE_LARGE,
		    t->res.body.max < (size_t)INT64_MAX
			    ? (curl_off_t)t->res.body.max
			    : (curl_off_t)INT64_MAX);
	SET(CURLOPT_WRITEFUNCTION, on_data);
	SET(CURLOPT_WRITEDATA, t);
	SET(CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
	SET(CURLOPT_OPENSOCKETDATA, t);
	if (t->headers)
		SET(CURLOPT_HTTPHEADER, t->headers);
	if (f->resolve)
		SET(CURLOPT_RESOLVE, f->resolve);
#undef SET
	return rc;
}

void
fetch_result_clear(struct fetch_result *r)
{
	free(r->error_msg);
	free(r->url);
	free(r->final_url);
	free(r->content_type);
	free(r->charset);
	free(r->etag);
	free(r->last_modified);
	free(r->cache_control);
	free(r->location);
	r->error_msg = r->url = r->final_url = r->content_type = NULL;
	r->charset = r->etag = r->last_modified = r->cache_control = NULL;
	r->location = NULL;
	buf_free(&r->body);
}

static void
transfer_free(struct transfer *t)
{
	if (!t)
		return;
	if (t->easy) {
		if (!t->waiting)
			curl_multi_remove_handle(t->f->multi, t->easy);
		curl_easy_cleanup(t->easy);
	}
	curl_slist_free_all(t->headers);
	fetch_result_clear(&t->res);
	free(t);
}

static void
unlink_transfer(struct fetcher *f, struct transfer *t)
{
	if (t->prev)
		t->prev->next = t->next;
	else
		f->all = t->next;
	if (t->next)
		t->next->prev = t->prev;
	t->prev = t->next = NULL;
	f->pending--;
}

/*
 * Let the addresses of PROXY's host (a libcurl proxy string, with or
 * without scheme, user and port) through the private-address check: a
 * proxy on loopback or the LAN is the operator's choice, not a page's.
 */
static void
allow_proxy(struct fetcher *f, const char *proxy)
{
	struct addrinfo hints, *res = NULL, *ai;
	const char *p = proxy, *end, *at, *scheme;
	char host[256];
	size_t n;

	if (!p || !*p)
		return;
	scheme = strstr(p, "://");
	if (scheme)
		p = scheme + 3;
	end = p + strcspn(p, "/?#");
	at = memchr(p, '@', (size_t)(end - p));
	if (at)
		p = at + 1;
	if (*p == '[') {
		p++;
		end = memchr(p, ']', (size_t)(end - p));
		if (!end)
			return;
	} else {
		const char *colon = memchr(p, ':', (size_t)(end - p));

		if (colon)
			end = colon;
	}
	n = (size_t)(end - p);
	if (n == 0 || n >= sizeof(host))
		return;
	memcpy(host, p, n);
	host[n] = '\0';
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, NULL, &hints, &res) != 0)
		return;
	for (ai = res; ai; ai = ai->ai_next) {
		char text[NETGUARD_ADDR_MAX];

		netguard_format(ai->ai_addr, ai->ai_addrlen, text);
		if (!strvec_contains(&f->allow_addrs, text))
			strvec_push(&f->allow_addrs, text);
	}
	freeaddrinfo(res);
}

/* The proxies libcurl may take from the environment (it reads only the
 * lower-case http_proxy, against CGI's HTTP_PROXY). */
static const char *const proxy_env[] = {
	"http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
};

struct fetcher *
fetcher_new(const struct fetch_settings *settings, char **err)
{
	struct fetcher *f = xcalloc(1, sizeof(*f));
	const char *const *r;
	CURLMcode mc = CURLM_OK;

	f->s = *settings;
	f->user_agent = xstrdup(settings->user_agent ? settings->user_agent
						     : "rumormill");
	f->s.user_agent = f->user_agent;
	f->s.resolve = NULL;
	f->s.allow_addrs = NULL;
	for (r = settings->allow_addrs; r && *r; r++)
		strvec_push(&f->allow_addrs, *r);
	f->proxy = settings->proxy ? xstrdup(settings->proxy) : NULL;
	f->s.proxy = f->proxy;
	if (f->proxy)
		allow_proxy(f, f->proxy);
	else
		for (size_t i = 0; i < sizeof(proxy_env) / sizeof(*proxy_env);
		     i++)
			allow_proxy(f, getenv(proxy_env[i]));
	if (f->s.max_attempts < 1)
		f->s.max_attempts = 1;
	for (r = settings->resolve; r && *r; r++) {
		struct curl_slist *n = curl_slist_append(f->resolve, *r);

		if (!n) {
			set_err(err, msgf("out of memory"));
			goto fail;
		}
		f->resolve = n;
	}
	f->rng = (uint64_t)now_ms() * 0x9e3779b97f4a7c15ull ^
		 (uint64_t)getpid();
	if (!f->rng)
		f->rng = 1;
	atomic_init(&f->woken, false);
	f->multi = curl_multi_init();
	if (!f->multi) {
		set_err(err, msgf("cannot create a libcurl multi handle"));
		goto fail;
	}
	/* Politeness at the socket level: never two connections to one host. */
	mc = curl_multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS, 1L);
	if (mc == CURLM_OK)
		mc = curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
				       settings->max_connections);
	if (mc == CURLM_OK)
		mc = curl_multi_setopt(f->multi, CURLMOPT_PIPELINING,
				       (long)CURLPIPE_MULTIPLEX);
	if (mc != CURLM_OK) {
		set_err(err, msgf("libcurl: %s", curl_multi_strerror(mc)));
		goto fail;
	}
	return f;
fail:
	fetcher_free(f);
	return NULL;
}

/*
 * Whether URL is a robots.txt, whose path RFC 9309 fixes.  Its first
 * 500 KiB (ROBOTS_MAX_BYTES, or max_body when lower) must be obeyed
 * even when the file is larger: such a file is read up to the cap and
 * kept, truncated, where another body whose declared length is over
 * the cap is refused unread (that left an empty 200, which allows
 * everything, for a file the same bytes sent chunked made obeyed).
 */
static bool
is_robots_txt(const char *url)
{
	char *path = NULL;
	bool yes = url_path_query(url, &path) == 0 &&
		   strcmp(path, "/robots.txt") == 0;

	free(path);
	return yes;
}

int
fetcher_submit(struct fetcher *f, const struct fetch_request *req,
	       char **err)
{
	struct transfer *t = NULL;
	CURLcode rc;
	CURLMcode mc;

	if (!req->url ||
	    (ascii_ncasecmp(req->url, "http://", 7) != 0 &&
	     ascii_ncasecmp(req->url, "https://", 8) != 0)) {
		set_err(err, msgf("refused: not an http(s) URL: %.200s",
				  req->url ? req->url : "(null)"));
		return RM_EINVAL;
	}
	if (!field_ok(req->url) || (req->etag && !field_ok(req->etag)) ||
	    (req->last_modified && !field_ok(req->last_modified))) {
		set_err(err, msgf("URL or validator too long or multi-line: "
				  "%.200s",
				  req->url));
		return RM_EINVAL;
	}
	t = xcalloc(1, sizeof(*t));
	t->f = f;
	t->res.url = xstrdup(req->url);
	t->res.user = req->user;
	t->res.retry_after_s = -1;
	t->keep_head = is_robots_txt(req->url);
	buf_init(&t->res.body, t->keep_head && ROBOTS_MAX_BYTES < f->s.max_body
				       ? ROBOTS_MAX_BYTES
				       : f->s.max_body);
	t->min_retry_ms = req->min_retry_ms;
	t->submitted_ms = now_ms();
	if (req->etag && *req->etag)
		t->headers = add_header(t->headers, "If-None-Match", req->etag);
	if (req->last_modified && *req->last_modified)
		t->headers = add_header(t->headers, "If-Modified-Since",
					req->last_modified);
	t->easy = curl_easy_init();
	if (!t->easy) {
		set_err(err, msgf("cannot create a libcurl handle"));
		t->waiting = true; /* not in the multi */
		goto fail;
	}
	rc = setup_easy(f, t, req->url);
	if (rc != CURLE_OK) {
		set_err(err, msgf("libcurl: %s", curl_easy_strerror(rc)));
		t->waiting = true;
		goto fail;
	}
	mc = curl_multi_add_handle(f->multi, t->easy);
	if (mc != CURLM_OK) {
		set_err(err, msgf("libcurl: %s", curl_multi_strerror(mc)));
		t->waiting = true;
		goto fail;
	}
	t->next = f->all;
	if (f->all)
		f->all->prev = t;
	f->all = t;
	f->pending++;
	return 0;
fail:
	transfer_free(t);
	return RM_EINVAL;
}

size_t
fetcher_pending(const struct fetcher *f)
{
	return f->pending;
}

void
fetcher_wakeup(struct fetcher *f)
{
	atomic_store(&f->woken, true);
	curl_multi_wakeup(f->multi);
}

/* A response header of the last response, copied; NULL if absent. */
static char *
header_dup(CURL *e, const char *name)
{
	struct curl_header *h;

	if (curl_easy_header(e, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK)
		return NULL;
	return xstrndup(h->value, strnlen(h->value, FETCH_FIELD_MAX));
}

/* Split "type/sub; charset=X" into lower-case media type and charset. */
static void
parse_content_type(const char *ct, char **type, char **charset)
{
	const char *p = strchr(ct, ';'), *v;
	size_t len;

	v = ascii_trim(ct, p ? (size_t)(p - ct) : strlen(ct), &len);
	*type = xstrndup(v, len);
	ascii_lower(*type);
	*charset = NULL;
	/* Each round consumes one parameter, so strlen(ct) bounds it. */
	while (p && !*charset) {
		const char *name = p + 1, *end = strchr(name, ';');
		const char *eq = strchr(name, '=');
		size_t nlen;

		p = end;
		if (!eq || (end && eq > end))
			continue;
		name = ascii_trim(name, (size_t)(eq - name), &nlen);
		if (nlen != 7 || ascii_ncasecmp(name, "charset", 7) != 0)
			continue;
		v = ascii_trim(eq + 1, end ? (size_t)(end - eq - 1)
					   : strlen(eq + 1),
			       &len);
		if (len >= 2 && v[0] == '"' && v[len - 1] == '"') {
			v++;
			len -= 2;
		}
		if (len) {
			*charset = xstrndup(v, len);
			ascii_lower(*charset);
		}
	}
}

static void classify(struct transfer *t, CURLcode code, const char *clen);

/* Fill the result from the finished attempt and classify CODE. */
static void
finish_result(struct transfer *t, CURLcode code)
{
	struct fetch_result *r = &t->res;
	CURL *e = t->easy;
	char *s = NULL, *clen;
	curl_off_t ra = 0, total = 0;
	struct curl_header *h;

	free(r->final_url);
	free(r->content_type);
	free(r->charset);
	free(r->etag);
	free(r->last_modified);
	free(r->cache_control);
	free(r->location);
	free(r->error_msg);
	r->final_url = r->content_type = r->charset = NULL;
	r->etag = r->last_modified = r->cache_control = r->error_msg = NULL;
	r->location = NULL;
	r->status = 0;
	curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &r->status);
	if (curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &s) == CURLE_OK && s)
		r->final_url = xstrdup(s);
	else
		r->final_url = xstrdup(r->url);
	s = NULL;
	if (curl_easy_getinfo(e, CURLINFO_CONTENT_TYPE, &s) == CURLE_OK && s)
		parse_content_type(s, &r->content_type, &r->charset);
	s = NULL;
	r->remote_ip[0] = '\0';
	if (curl_easy_getinfo(e, CURLINFO_PRIMARY_IP, &s) == CURLE_OK && s)
		snprintf(r->remote_ip, sizeof(r->remote_ip), "%s", s);
	if (curl_easy_getinfo(e, CURLINFO_TOTAL_TIME_T, &total) == CURLE_OK)
		r->transfer_ms = (long)(total / 1000);
	if (r->status >= 300 && r->status < 400)
		r->location = header_dup(e, "Location");
	r->etag = header_dup(e, "ETag");
	r->last_modified = header_dup(e, "Last-Modified");
	r->cache_control = header_dup(e, "Cache-Control");
	clen = header_dup(e, "Content-Length");
	/* libcurl parses both forms (seconds, HTTP-date) but says 0 for
	 * "absent", so look for the header itself first. */
	r->retry_after_s = -1;
	if (curl_easy_header(e, "Retry-After", 0, CURLH_HEADER, -1, &h) ==
		    CURLHE_OK &&
	    curl_easy_getinfo(e, CURLINFO_RETRY_AFTER, &ra) == CURLE_OK)
		r->retry_after_s = ra > 0 ? (long)ra : 0;
	r->truncated = false;
	r->error = 0;
	classify(t, code, clen);
	free(clen);
}

/* Set outcome, error and message from CODE, the attempt's result. */
static void
classify(struct transfer *t, CURLcode code, const char *clen)
{
	struct fetch_result *r = &t->res;

	switch (code) {
	case CURLE_OK:
		r->outcome = r->status == 304 ? FETCH_NOT_MODIFIED : FETCH_OK;
		return;
	case CURLE_WRITE_ERROR:
		if (!t->overflow)
			break;
		r->outcome = FETCH_TOO_LARGE;
		r->truncated = true;
		r->error = RM_ETOOLARGE;
		r->error_msg = msgf("body larger than %zu bytes, truncated",
				    r->body.max);
		return;
	case CURLE_FILESIZE_EXCEEDED:
		r->outcome = FETCH_TOO_LARGE;
		r->error = RM_ETOOLARGE;
		r->error_msg = msgf("declared body of %s bytes is over the %zu "
				    "byte limit",
				    clen ? clen : "?", r->body.max);
		return;
	case CURLE_COULDNT_CONNECT:
		if (!t->refused[0])
			break;
		r->outcome = FETCH_REFUSED;
		r->error = RM_EINVAL;
		r->error_msg = xstrdup(t->refused);
		return;
	case CURLE_URL_MALFORMAT:
		r->outcome = FETCH_REFUSED;
		r->error = RM_EINVAL;
		r->error_msg = msgf("refused: malformed URL: %.200s",
				    r->final_url);
		return;
	case CURLE_OPERATION_TIMEDOUT:
		r->outcome = FETCH_TIMEOUT;
		r->error = RM_EIO;
		r->error_msg = msgf("timeout: %s",
				    t->errbuf[0] ? t->errbuf
						 : curl_easy_strerror(code));
		return;
	default:
		break;
	}
	r->outcome = FETCH_NETWORK;
	r->error = RM_EIO;
	r->error_msg = xstrdup(t->errbuf[0] ? t->errbuf
					    : curl_easy_strerror(code));
}

/*
 * How long to wait before another attempt, or -1 for none.  Attempts
 * already made: t->res.attempts.
 */
static long
retry_delay(struct transfer *t, CURLcode code)
{
	struct fetcher *f = t->f;
	const struct fetch_result *r = &t->res;
	long backoff, delay;
	unsigned shift;

	if (r->attempts >= f->s.max_attempts)
		return -1;
	switch (r->outcome) {
	case FETCH_TIMEOUT:
		break;
	case FETCH_NETWORK:
		if (code == CURLE_COULDNT_RESOLVE_HOST)
			return -1; /* a missing name stays missing */
		break;
	case FETCH_OK:
		if (r->status != 429 && r->status != 500 &&
		    r->status != 502 && r->status != 503 && r->status != 504)
			return -1;
		break;
	default:
		return -1;
	}
	shift = r->attempts - 1 < 20 ? r->attempts - 1 : 20;
	backoff = f->s.retry_base_ms;
	if (backoff > (FETCH_BACKOFF_MAX_MS >> shift))
		backoff = FETCH_BACKOFF_MAX_MS;
	else
		backoff <<= shift;
	/* Half fixed, half random: spread retries, keep a floor. */
	delay = backoff / 2 + jitter(f, backoff - backoff / 2);
	if (delay < t->min_retry_ms)
		delay = t->min_retry_ms;
	if ((r->status == 429 || r->status == 503) && r->retry_after_s >= 0) {
		if (r->retry_after_s > FETCH_RETRY_AFTER_MAX_S)
			return -1; /* the caller backs the host off */
		if (delay < r->retry_after_s * 1000)
			delay = r->retry_after_s * 1000;
	}
	return delay;
}

/* Handle one finished attempt; true when the result was delivered. */
static bool
attempt_done(struct fetcher *f, struct transfer *t, CURLcode code,
	     fetch_done_fn done, void *ctx)
{
	long delay;

	t->res.attempts++;
	finish_result(t, code);
	curl_multi_remove_handle(f->multi, t->easy);
	t->waiting = true;
	delay = retry_delay(t, code);
	if (delay >= 0) {
		t->due_ms = now_ms() + delay;
		return false;
	}
	t->res.elapsed_ms = (long)(now_ms() - t->submitted_ms);
	unlink_transfer(f, t);
	done(&t->res, ctx);
	transfer_free(t);
	return true;
}

/* Put transfers whose backoff is over back into the multi. */
static void
start_due(struct fetcher *f, int64_t now, int64_t *next_due)
{
	struct transfer *t;

	*next_due = INT64_MAX;
	for (t = f->all; t; t = t->next) {
		if (!t->waiting)
			continue;
		if (t->due_ms > now) {
			if (t->due_ms < *next_due)
				*next_due = t->due_ms;
			continue;
		}
		buf_reset(&t->res.body);
		t->overflow = false;
		t->refused[0] = '\0';
		t->errbuf[0] = '\0';
		if (curl_multi_add_handle(f->multi, t->easy) == CURLM_OK)
			t->waiting = false;
		else
			t->due_ms = now + 1000; /* try again later */
	}
}

int
fetcher_poll(struct fetcher *f, int timeout_ms, fetch_done_fn done,
	     void *ctx)
{
	int64_t deadline = now_ms() + (timeout_ms > 0 ? timeout_ms : 0);
	int delivered = 0;

	for (;;) {
		int64_t now = now_ms(), next_due, wait;
		int running = 0, left = 0;
		CURLMsg *m;
		CURLMcode mc;

		start_due(f, now, &next_due);
		mc = curl_multi_perform(f->multi, &running);
		if (mc != CURLM_OK)
			return RM_EIO;
		/* Bounded by the transfers in the multi. */
		while ((m = curl_multi_info_read(f->multi, &left))) {
			struct transfer *t = NULL;

			if (m->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE,
					  (char **)&t);
			if (t && attempt_done(f, t, m->data.result, done, ctx))
				delivered++;
		}
		now = now_ms();
		if (delivered || now >= deadline ||
		    atomic_exchange(&f->woken, false))
			break;
		wait = deadline - now;
		if (next_due != INT64_MAX && next_due - now < wait)
			wait = next_due > now ? next_due - now : 0;
		mc = curl_multi_poll(f->multi, NULL, 0, (int)wait, NULL);
		if (mc != CURLM_OK)
			return RM_EIO;
	}
	return delivered;
}

void
fetcher_free(struct fetcher *f)
{
	struct transfer *t, *next;

	if (!f)
		return;
	for (t = f->all; t; t = next) {
		next = t->next;
		transfer_free(t);
	}
	if (f->multi)
		curl_multi_cleanup(f->multi);
	curl_slist_free_all(f->resolve);
	strvec_free(&f->allow_addrs);
	free(f->user_agent);
	free(f->proxy);
	free(f);
}
