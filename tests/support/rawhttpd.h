/*
 * A raw TCP "HTTP" server for tests: for each request it writes canned
 * bytes, exactly as given, and then ends the connection in a chosen
 * way.  It produces what a real HTTP library will not: bodies cut off
 * by a reset, broken chunked encoding, headers that never end.
 *
 * Listens on a loopback address and an ephemeral port; one thread per
 * connection; the request's path (first line) picks the route, unknown
 * paths get a 404.  Every response is sent as if with Connection:
 * close, so each request is a new connection.
 */
#ifndef RM_TEST_RAWHTTPD_H
#define RM_TEST_RAWHTTPD_H

#include <stddef.h>

enum rawhttpd_end {
	RAWHTTPD_CLOSE = 0, /* close the connection after the bytes */
	RAWHTTPD_RESET,	    /* reset it (RST, SO_LINGER 0) after them */
	RAWHTTPD_HANG,	    /* keep it open, silent, until the peer
			       leaves or the server stops */
	RAWHTTPD_FLOOD,	    /* header lines ("X-Filler: ...") after the
			       bytes, until the peer leaves (at most
			       RAWHTTPD_FLOOD_MAX bytes) */
};

#define RAWHTTPD_FLOOD_MAX (256u << 20)

struct rawhttpd_route {
	const char *path;   /* exact match, query included */
	const char *bytes;  /* sent verbatim */
	size_t len;	    /* 0: strlen(bytes) */
	enum rawhttpd_end end;
};

struct rawhttpd;

/* Start on ADDR (dotted IPv4) serving copies of the N ROUTES; NULL
 * (after printing why) on failure. */
struct rawhttpd *rawhttpd_start(const char *addr,
				const struct rawhttpd_route *routes, size_t n);
unsigned rawhttpd_port(const struct rawhttpd *h);
/* Requests seen for PATH so far. */
unsigned rawhttpd_hits(struct rawhttpd *h, const char *path);
/* Stop (hanging connections are closed), join the threads, free. */
void rawhttpd_stop(struct rawhttpd *h);

#endif
