#include "tests/support/rawhttpd.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/xalloc.h"

#define CONNS_MAX 256
#define REQUEST_MAX 8192
#define TICK_MS 20
/* A request's headers must arrive within this long. */
#define READ_TICKS 250

struct route {
	char *path;
	char *bytes;
	size_t len;
	enum rawhttpd_end end;
	unsigned hits;
};

struct conn {
	struct rawhttpd *h;
	int fd;
	pthread_t thread;
};

struct rawhttpd {
	int lfd;
	unsigned port;
	atomic_bool stopping;
	pthread_t acceptor;
	pthread_mutex_t lock; /* hits, conns */
	struct route *routes;
	size_t nroutes;
	struct conn *conns[CONNS_MAX];
	size_t nconns;
};

static const char not_found[] =
	"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n"
	"Connection: close\r\n\r\n";

/* Wait up to one tick for FD to be readable: 1, 0 (not yet), -1. */
static int
readable(int fd)
{
	struct pollfd p = { fd, POLLIN, 0 };
	int n = poll(&p, 1, TICK_MS);

	return n < 0 && errno != EINTR ? -1 : n > 0;
}

/* Read the request head into BUF; the path in PATH.  false when the
 * peer left, sent junk or took too long. */
static bool
read_request(struct conn *c, char *buf, size_t cap, char *path,
	     size_t pathcap)
{
	size_t len = 0;
	const char *sp, *end;

	for (int t = 0; t < READ_TICKS && len < cap - 1; t++) {
		ssize_t n;
		int r = readable(c->fd);

		if (r < 0 || atomic_load(&c->h->stopping))
			return false;
		if (r == 0)
			continue;
		n = recv(c->fd, buf + len, cap - 1 - len, 0);
		if (n <= 0)
			return false;
		len += (size_t)n;
		buf[len] = '\0';
		if (strstr(buf, "\r\n\r\n"))
			break;
	}
	sp = strchr(buf, ' ');
	if (!strstr(buf, "\r\n\r\n") || !sp)
		return false;
	end = strchr(sp + 1, ' ');
	if (!end || (size_t)(end - sp - 1) >= pathcap)
		return false;
	memcpy(path, sp + 1, (size_t)(end - sp - 1));
	path[end - sp - 1] = '\0';
	return true;
}

static bool
send_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* Wait, silent, until the peer closes or the server stops. */
static void
hang(struct conn *c)
{
	char junk[512];

	while (!atomic_load(&c->h->stopping)) {
		int r = readable(c->fd);

		if (r < 0 || (r > 0 && recv(c->fd, junk, sizeof(junk), 0) <= 0))
			return;
	}
}

static void
flood(struct conn *c)
{
	char line[1024];
	size_t sent = 0;

	memset(line, 'a', sizeof(line));
	memcpy(line, "X-Filler: ", 10);
	line[sizeof(line) - 2] = '\r';
	line[sizeof(line) - 1] = '\n';
	while (!atomic_load(&c->h->stopping) && sent < RAWHTTPD_FLOOD_MAX &&
	       send_all(c->fd, line, sizeof(line)))
		sent += sizeof(line);
}

static void *
serve(void *arg)
{
	struct conn *c = arg;
	struct rawhttpd *h = c->h;
	char req[REQUEST_MAX], path[1024];
	struct route r = { NULL, (char *)not_found, sizeof(not_found) - 1,
			   RAWHTTPD_CLOSE, 0 };

	if (!read_request(c, req, sizeof(req), path, sizeof(path)))
		goto out;
	pthread_mutex_lock(&h->lock);
	for (size_t i = 0; i < h->nroutes; i++) {
		if (strcmp(h->routes[i].path, path) == 0) {
			h->routes[i].hits++;
			r = h->routes[i]; /* strings live until the stop */
			break;
		}
	}
	pthread_mutex_unlock(&h->lock);
	if (!send_all(c->fd, r.bytes, r.len))
		goto out;
	switch (r.end) {
	case RAWHTTPD_RESET: {
		struct linger l = { 1, 0 };

		setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
		break;
	}
	case RAWHTTPD_HANG:
		hang(c);
		break;
	case RAWHTTPD_FLOOD:
		flood(c);
		break;
	case RAWHTTPD_CLOSE:
		/* Let the peer read everything before the FIN. */
		shutdown(c->fd, SHUT_WR);
		hang(c);
		break;
	}
out:
	close(c->fd);
	c->fd = -1;
	return NULL;
}

static void *
accept_loop(void *arg)
{
	struct rawhttpd *h = arg;

	while (!atomic_load(&h->stopping)) {
		struct conn *c;
		int fd, r = readable(h->lfd);

		if (r <= 0)
			continue;
		fd = accept(h->lfd, NULL, NULL);
		if (fd < 0)
			continue;
		pthread_mutex_lock(&h->lock);
		if (h->nconns == CONNS_MAX) {
			pthread_mutex_unlock(&h->lock);
			close(fd);
			continue;
		}
		c = xcalloc(1, sizeof(*c));
		c->h = h;
		c->fd = fd;
		h->conns[h->nconns++] = c;
		if (pthread_create(&c->thread, NULL, serve, c) != 0) {
			fprintf(stderr, "rawhttpd: no thread\n");
			abort();
		}
		pthread_mutex_unlock(&h->lock);
	}
	return NULL;
}

struct rawhttpd *
rawhttpd_start(const char *addr, const struct rawhttpd_route *routes, size_t n)
{
	struct rawhttpd *h = xcalloc(1, sizeof(*h));
	struct sockaddr_in sin;
	socklen_t slen = sizeof(sin);
	int one = 1;

	h->lfd = -1;
	atomic_init(&h->stopping, false);
	pthread_mutex_init(&h->lock, NULL);
	h->routes = xcalloc(n ? n : 1, sizeof(*h->routes));
	for (size_t i = 0; i < n; i++) {
		struct route *r = &h->routes[h->nroutes++];

		r->path = xstrdup(routes[i].path);
		r->len = routes[i].len ? routes[i].len
				       : strlen(routes[i].bytes);
		r->bytes = xmalloc(r->len + 1);
		memcpy(r->bytes, routes[i].bytes, r->len);
		r->end = routes[i].end;
	}
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	if (inet_pton(AF_INET, addr, &sin.sin_addr) != 1)
		goto fail;
	h->lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (h->lfd < 0)
		goto fail;
	setsockopt(h->lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(h->lfd, (struct sockaddr *)&sin, sizeof(sin)) != 0 ||
	    listen(h->lfd, 64) != 0 ||
	    getsockname(h->lfd, (struct sockaddr *)&sin, &slen) != 0)
		goto fail;
	h->port = ntohs(sin.sin_port);
	if (pthread_create(&h->acceptor, NULL, accept_loop, h) != 0)
		goto fail;
	return h;
fail:
	fprintf(stderr, "rawhttpd: cannot listen on %s: %s\n", addr,
		strerror(errno));
	if (h->lfd >= 0)
		close(h->lfd);
	h->lfd = -1;
	rawhttpd_stop(h);
	return NULL;
}

unsigned
rawhttpd_port(const struct rawhttpd *h)
{
	return h->port;
}

unsigned
rawhttpd_hits(struct rawhttpd *h, const char *path)
{
	unsigned n = 0;

	pthread_mutex_lock(&h->lock);
	for (size_t i = 0; i < h->nroutes; i++)
		if (strcmp(h->routes[i].path, path) == 0)
			n = h->routes[i].hits;
	pthread_mutex_unlock(&h->lock);
	return n;
}

void
rawhttpd_stop(struct rawhttpd *h)
{
	if (!h)
		return;
	atomic_store(&h->stopping, true);
	if (h->lfd >= 0) {
		pthread_join(h->acceptor, NULL);
		close(h->lfd);
	}
	/* The acceptor is gone: the list no longer changes. */
	for (size_t i = 0; i < h->nconns; i++) {
		pthread_join(h->conns[i]->thread, NULL);
		free(h->conns[i]);
	}
	for (size_t i = 0; i < h->nroutes; i++) {
		free(h->routes[i].path);
		free(h->routes[i].bytes);
	}
	free(h->routes);
	pthread_mutex_destroy(&h->lock);
	free(h);
}
