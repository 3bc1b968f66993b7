#include "crawler/netguard.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "common/errors.h"

/* An IPv4 range as network address (host byte order) and prefix length. */
struct v4_range {
	uint32_t net;
	unsigned prefix;
};

static const struct v4_range v4_refused[] = {
	{ 0x00000000u, 8 },  /* 0/8: "this network" */
	{ 0x0a000000u, 8 },  /* 10/8 */
	{ 0x64400000u, 10 }, /* 100.64/10: carrier-grade NAT */
	{ 0x7f000000u, 8 },  /* 127/8: loopback */
	{ 0xa9fe0000u, 16 }, /* 169.254/16: link-local, cloud metadata */
	{ 0xac100000u, 12 }, /* 172.16/12 */
	{ 0xc0a80000u, 16 }, /* 192.168/16 */
	{ 0xe0000000u, 4 },  /* 224/4: multicast */
	{ 0xf0000000u, 4 },  /* 240/4: reserved, 255.255.255.255 broadcast */
};

static bool
v4_is_private(uint32_t a)
{
	size_t i;

	for (i = 0; i < sizeof(v4_refused) / sizeof(v4_refused[0]); i++) {
		uint32_t mask = 0xffffffffu << (32 - v4_refused[i].prefix);

		if ((a & mask) == v4_refused[i].net)
			return true;
	}
	return false;
}

/* The IPv4 address in the four bytes at P. */
static uint32_t
v4_at(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static bool
v6_is_private(const unsigned char b[16])
{
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0,
						  0, 0, 0, 0, 0xff, 0xff };
	static const unsigned char nat64[12] = { 0, 0x64, 0xff, 0x9b };
	static const unsigned char zero[15] = { 0 };

	/* Forms that reach an IPv4 host are judged by it: ::ffff:a.b.c.d
	 * (mapped), 64:ff9b::a.b.c.d (NAT64, RFC 6052), 2002:AABB:CCDD::
	 * (6to4, RFC 3056) and the deprecated ::a.b.c.d (compatible). */
	if (memcmp(b, mapped, sizeof(mapped)) == 0 ||
	    memcmp(b, nat64, sizeof(nat64)) == 0)
		return v4_is_private(v4_at(b + 12));
	if (b[0] == 0x20 && b[1] == 0x02)
		return v4_is_private(v4_at(b + 2));
	if (memcmp(b, zero, 12) == 0)
		return memcmp(b, zero, sizeof(zero)) == 0 || /* ::, ::1 */
		       v4_is_private(v4_at(b + 12));
	if (b[0] == 0xff)
		return true; /* ff00::/8 multicast */
	if ((b[0] & 0xfe) == 0xfc)
		return true; /* fc00::/7 unique local */
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
		return true; /* fe80::/10 link-local */
	return false;
}

bool
netguard_is_private(const struct sockaddr *sa, size_t len)
{
	if (sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *in = (const void *)sa;

		return v4_is_private(ntohl(in->sin_addr.s_addr));
	}
	if (sa->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *in6 = (const void *)sa;

		return v6_is_private(in6->sin6_addr.s6_addr);
	}
	return true;
}

void
netguard_format(const struct sockaddr *sa, size_t len,
		char out[NETGUARD_ADDR_MAX])
{
	const void *addr = NULL;

	if (sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in))
		addr = &((const struct sockaddr_in *)(const void *)sa)->sin_addr;
	else if (sa->sa_family == AF_INET6 &&
		 len >= sizeof(struct sockaddr_in6))
		addr = &((const struct sockaddr_in6 *)(const void *)sa)
				->sin6_addr;
	if (!addr ||
	    !inet_ntop(sa->sa_family, addr, out, NETGUARD_ADDR_MAX))
		snprintf(out, NETGUARD_ADDR_MAX, "(address family %d)",
			 (int)sa->sa_family);
}

int
netguard_check(const struct sockaddr *sa, size_t len, bool allow_private,
	       char *why, size_t whylen)
{
	char text[NETGUARD_ADDR_MAX];

	if (allow_private || !netguard_is_private(sa, len))
		return 0;
	netguard_format(sa, len, text);
	if (whylen)
		snprintf(why, whylen, "refused: %s is a private address",
			 text);
	return RM_EINVAL;
}
