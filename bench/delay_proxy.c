/*
 * delay_proxy: a TCP proxy on 127.0.0.1 that holds every chunk of data
 * DELAY_MS before passing it on, in both directions, so a database
 * server on this machine answers as if it were a network away (one-way
 * delay DELAY_MS, round trip twice that).  For bench/workers.sh: the
 * kernel here may have no netem.
 *
 *   delay_proxy UPSTREAM_PORT DELAY_MS    (0.5: half a millisecond)
 *
 * Listens on a port the kernel picks and prints it on stdout, then
 * serves until its standard input closes.  Bytes keep their order; a
 * side that closes is closed on the other once what it sent is passed.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "common/xalloc.h"

#define CONNS_MAX 128
#define CHUNK 65536
/* Bytes held per direction before reading from that side pauses. */
#define HELD_MAX (16L << 20)

struct chunk {
	long long due;
	size_t len, off;
	struct chunk *next;
	char data[];
};

struct dir {
	int from, to;
	struct chunk *head, *tail;
	long held;
	bool eof;	/* FROM closed: shut TO down once the queue is empty */
};

struct conn {
	struct dir d[2];
	bool used;
};

static struct conn conns[CONNS_MAX];
static long long delay_us;

static long long
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void
conn_close(struct conn *c)
{
	for (int k = 0; k < 2; k++) {
		struct chunk *ch, *next;

		for (ch = c->d[k].head; ch; ch = next) {
			next = ch->next;
			free(ch);
		}
	}
	close(c->d[0].from);
	close(c->d[0].to);
	memset(c, 0, sizeof(*c));
}

static int
connect_upstream(int port)
{
	struct sockaddr_in a;
	int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

/* Read what FROM has into D's queue; false when the pair is done for. */
static bool
take(struct dir *d)
{
	struct chunk *ch = xmalloc(sizeof(*ch) + CHUNK);
	ssize_t n = read(d->from, ch->data, CHUNK);

	if (n <= 0) {
		free(ch);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			return true;
		d->eof = true;
		return n == 0;
	}
	ch->due = now_us() + delay_us;
	ch->len = (size_t)n;
	ch->off = 0;
	ch->next = NULL;
	if (d->tail)
		d->tail->next = ch;
	else
		d->head = ch;
	d->tail = ch;
	d->held += n;
	return true;
}

/* Pass on what is due; false when the pair is done for. */
static bool
give(struct dir *d, long long now)
{
	while (d->head && d->head->due <= now) {
		struct chunk *ch = d->head;
		ssize_t n = write(d->to, ch->data + ch->off, ch->len - ch->off);

		if (n < 0)
			return errno == EAGAIN || errno == EINTR;
		ch->off += (size_t)n;
		d->held -= n;
		if (ch->off < ch->len)
			return true;
		d->head = ch->next;
		if (!d->head)
			d->tail = NULL;
		free(ch);
	}
	if (d->eof && !d->head)
		shutdown(d->to, SHUT_WR);
	return true;
}

int
main(int argc, char **argv)
{
	struct sockaddr_in a;
	socklen_t alen = sizeof(a);
	int lfd, upstream, one = 1;
	double ms = argc == 3 ? strtod(argv[2], NULL) : -1;

	delay_us = (long long)(ms * 1000);
	if (argc != 3 || (upstream = atoi(argv[1])) <= 0 || ms < 0 ||
	    ms > 10000) {
		fprintf(stderr, "usage: delay_proxy UPSTREAM_PORT DELAY_MS\n");
		return 2;
	}
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
	    listen(lfd, 64) != 0 ||
	    getsockname(lfd, (struct sockaddr *)&a, &alen) != 0) {
		perror("delay_proxy");
		return 1;
	}
	printf("%d\n", ntohs(a.sin_port));
	fflush(stdout);
	for (;;) {
		struct pollfd p[2 + CONNS_MAX * 2];
		int where[2 + CONNS_MAX * 2];
		long long now = now_us(), next = -1, wait;
		struct timespec ts;
		int n = 0;

		p[n++] = (struct pollfd){ .fd = 0, .events = POLLIN };
		p[n++] = (struct pollfd){ .fd = lfd, .events = POLLIN };
		for (int i = 0; i < CONNS_MAX; i++) {
			if (!conns[i].used)
				continue;
			for (int k = 0; k < 2; k++) {
				struct dir *d = &conns[i].d[k];
				struct dir *back = &conns[i].d[1 - k];
				short ev = 0;

				/* This side's fd: read into d, write back's. */
				if (!d->eof && d->held < HELD_MAX)
					ev |= POLLIN;
				if (back->head && back->head->due <= now)
					ev |= POLLOUT;
				if (d->head && (next < 0 || d->head->due < next))
					next = d->head->due;
				where[n] = i * 2 + k;
				p[n++] = (struct pollfd){ .fd = d->from,
							  .events = ev };
			}
		}
		/* ppoll, not poll: a half-millisecond delay needs finer
		 * than poll's milliseconds. */
		wait = next < 0 ? 1000000 : next <= now ? 0 : next - now;
		ts.tv_sec = wait / 1000000;
		ts.tv_nsec = (long)(wait % 1000000) * 1000;
		if (ppoll(p, (nfds_t)n, &ts, NULL) < 0 && errno != EINTR)
			return 1;
		if (p[0].revents)
			return 0; /* stdin closed: the bench is over */
		if (p[1].revents & POLLIN) {
			int cfd = accept(lfd, NULL, NULL), ufd, i;

			for (i = 0; i < CONNS_MAX && conns[i].used; i++)
				;
			ufd = cfd >= 0 && i < CONNS_MAX
				      ? connect_upstream(upstream) : -1;
			if (ufd < 0) {
				if (cfd >= 0)
					close(cfd);
			} else {
				setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one,
					   sizeof(one));
				/* A full socket must not stop the other way. */
				fcntl(cfd, F_SETFL, O_NONBLOCK);
				fcntl(ufd, F_SETFL, O_NONBLOCK);
				conns[i].used = true;
				conns[i].d[0] = (struct dir){ .from = cfd,
							      .to = ufd };
				conns[i].d[1] = (struct dir){ .from = ufd,
							      .to = cfd };
			}
		}
		for (int j = 2; j < n; j++) {
			struct conn *c = &conns[where[j] / 2];

			if (c->used &&
			    (p[j].revents & (POLLIN | POLLHUP | POLLERR)) &&
			    !take(&c->d[where[j] % 2]))
				conn_close(c);
		}
		now = now_us();
		for (int i = 0; i < CONNS_MAX; i++) {
			struct conn *c = &conns[i];

			if (!c->used)
				continue;
			if (!give(&c->d[0], now) || !give(&c->d[1], now) ||
			    (c->d[0].eof && c->d[1].eof && !c->d[0].head &&
			     !c->d[1].head))
				conn_close(c);
		}
	}
}
