/*
 * HTTP fetching for the crawl: many transfers over one libcurl multi
 * handle, driven from the crawl loop's thread.
 *
 *   struct fetcher *f = fetcher_new(&settings, &err);
 *   fetcher_submit(f, &req);                  (never blocks)
 *   while (fetcher_pending(f))
 *           fetcher_poll(f, 1000, on_done, ctx); (results arrive here)
 *   fetcher_free(f);
 *
 * Only http and https are spoken; at most one connection per host, kept
 * alive and reused; HTTP/2 where TLS offers it.  Redirects are not
 * followed: a 3xx is delivered as it is, with its Location, so that the
 * caller sends the target through its own robots.txt and politeness
 * checks like any other request (redirect.h).
 * Every connection is checked against the address policy (netguard.h)
 * on the address actually connected.  Proxies from the environment are
 * ignored so that the policy always sees the real peer.
 *
 * Retries happen inside the fetcher: a request whose attempt failed with
 * a connection error, a timeout, 500/502/503/504 or 429 is tried again,
 * up to settings.max_attempts in all, after an exponential backoff with
 * jitter (and never sooner than the request's min_retry_ms, the host's
 * politeness delay, nor sooner than a Retry-After of at most
 * FETCH_RETRY_AFTER_MAX_S).  Meanwhile the request stays pending, so the
 * host stays busy for the caller's politeness queue.  A Retry-After
 * beyond FETCH_RETRY_AFTER_MAX_S is not waited for: the result is
 * delivered with retry_after_s set, and the caller backs the host off
 * (hostq_done) instead of holding a transfer for that long.
 *
 * libcurl's global state must be initialised once by the program
 * (curl_global_init(CURL_GLOBAL_DEFAULT)) before fetcher_new, and may be
 * cleaned up after the last fetcher_free.
 */
#ifndef RM_FETCH_H
#define RM_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"

/* A Retry-After up to this long is waited out by the fetcher's retry. */
#define FETCH_RETRY_AFTER_MAX_S 120
/* The backoff between attempts never grows past this. */
#define FETCH_BACKOFF_MAX_MS (60 * 1000)
/* Longest URL, ETag or Last-Modified value a request may carry. */
#define FETCH_FIELD_MAX 8192

struct fetch_settings {
	const char *user_agent;  /* copied; NULL: "rumormill" */
	long connect_timeout_ms; /* per attempt */
	long timeout_ms;         /* whole attempt */
	long low_speed_limit;    /* bytes/s; slower for low_speed_time_s */
	long low_speed_time_s;   /* ... aborts the attempt (0: off) */
	size_t max_body;         /* bytes after decompression */
	long max_connections;    /* all hosts together */
	unsigned max_attempts;   /* 1: no retries */
	long retry_base_ms;      /* first backoff; doubles per attempt */
	bool allow_private;      /* let loopback/private peers through */
	/*
	 * Numeric addresses ("127.0.0.2", "::1") allowed even though
	 * private, NULL-terminated; NULL for none.  Lets a crawl reach one
	 * intranet mirror without opening the whole LAN.
	 */
	const char *const *allow_addrs;
	/*
	 * Extra name resolutions, libcurl CURLOPT_RESOLVE syntax
	 * ("host:port:address"), NULL-terminated; NULL for none.  Used by
	 * tests and demos to give loopback servers host names.
	 */
	const char *const *resolve;
	/*
	 * The proxy, copied: NULL leaves it to libcurl, which reads
	 * http_proxy, https_proxy, all_proxy and no_proxy from the
	 * environment; "" for none; else a proxy URL.  The proxy's own
	 * addresses pass the private-address check (the operator chose
	 * it); through a proxy the check applies to the proxy only.
	 */
	const char *proxy;
};

/* Defaults fit for a cron crawl of news sites. */
void fetch_settings_default(struct fetch_settings *s);

struct fetch_request {
	const char *url;           /* absolute http(s) URL, copied */
	const char *etag;          /* NULL, or sent as If-None-Match */
	const char *last_modified; /* NULL, or sent as If-Modified-Since */
	long min_retry_ms;         /* retries wait at least this long */
	void *user;                /* handed back in the result */
};

enum fetch_outcome {
	FETCH_OK = 0,       /* a response arrived; see status (any code) */
	FETCH_NOT_MODIFIED, /* 304 to a conditional request; empty body */
	FETCH_TOO_LARGE,    /* body over max_body: declared (nothing read)
			       or while reading (body holds the first
			       max_body bytes, truncated set); a
			       /robots.txt is always read, up to the
			       lower of max_body and ROBOTS_MAX_BYTES */
	FETCH_REFUSED,      /* policy: private address, bad URL; also a
			       redirect to a non-http(s) URL (redirect.h) */
	FETCH_REDIRECTS,    /* a redirect past the limit or back to a URL
			       already asked for (redirect.h; the fetcher
			       itself never says this) */
	FETCH_TIMEOUT,      /* connect, total or low-speed timeout */
	FETCH_NETWORK,      /* DNS, connection, TLS or protocol failure */
};

struct fetch_result {
	enum fetch_outcome outcome;
	int error;            /* 0 for OK/NOT_MODIFIED, else an rm_error */
	char *error_msg;      /* NULL when error is 0 */
	long status;          /* HTTP status of the last response; 0: none */
	char *url;            /* the URL requested */
	char *final_url;      /* the URL answered (libcurl's effective
				 URL; redirects are not followed) */
	char *location;       /* a 3xx's Location as sent, or NULL */
	char *content_type;   /* media type, lower case; NULL if not sent */
	char *charset;        /* charset parameter, lower case; or NULL */
	char *etag;           /* validators of the response, or NULL */
	char *last_modified;
	char *cache_control;  /* the Cache-Control header as sent, or NULL */
	long retry_after_s;   /* Retry-After (seconds or a date) or -1 */
	struct buf body;      /* decoded body, NUL-terminated */
	bool truncated;       /* the body stopped at max_body */
	unsigned attempts;    /* 1 + retries made */
	long elapsed_ms;      /* submit to delivery, waits included */
	long transfer_ms;     /* the last attempt alone */
	char remote_ip[48];   /* peer of the last attempt, or "" */
	void *user;           /* from the request */
};

struct fetcher;

/*
 * Called on the polling thread for every finished request.  The result
 * and everything in it is freed when the callback returns; to keep a
 * part, move it out and set the field to NULL (buf_steal for the body).
 * To keep it all, copy the struct and zero the original; free the copy
 * with fetch_result_clear.  The callback may call fetcher_submit, not
 * fetcher_free.
 */
typedef void (*fetch_done_fn)(struct fetch_result *res, void *ctx);

/* Free what R holds (not R itself); the fields are left NULL/empty. */
void fetch_result_clear(struct fetch_result *r);

/*
 * A fetcher with a copy of SETTINGS.  NULL on failure, with a message
 * (caller frees) in *ERR when ERR is not NULL.
 */
struct fetcher *fetcher_new(const struct fetch_settings *settings,
			    char **err);

/*
 * Queue REQ (copied) for fetching; never blocks.  Transfers start on the
 * next fetcher_poll.  Returns 0, or RM_EINVAL (nothing queued) for a URL
 * or validator that is not acceptable, with the reason in *ERR (caller
 * frees) when ERR is not NULL.
 */
int fetcher_submit(struct fetcher *f, const struct fetch_request *req,
		   char **err);

/*
 * Run transfers for up to TIMEOUT_MS (0: just what is ready), calling
 * DONE for each request that finished.  Returns the number delivered,
 * or RM_EIO if libcurl's multi interface failed.  Returns early when a
 * result is delivered or fetcher_wakeup is called.  With nothing pending
 * it simply sleeps TIMEOUT_MS (still woken by fetcher_wakeup), so the
 * crawl loop can wait here for a host to become ready.
 */
int fetcher_poll(struct fetcher *f, int timeout_ms, fetch_done_fn done,
		 void *ctx);

/* Requests submitted and not yet delivered (running or waiting). */
size_t fetcher_pending(const struct fetcher *f);

/* Make a blocked fetcher_poll return; safe from any thread. */
void fetcher_wakeup(struct fetcher *f);

/* Abandon unfinished requests (no callbacks) and free F.  NULL is fine. */
void fetcher_free(struct fetcher *f);

/* A static name for an outcome ("ok", "timeout", ...). */
const char *fetch_outcome_name(enum fetch_outcome o);

#endif
