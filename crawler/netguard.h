/*
 * The address policy of the fetcher: which peers a crawl may connect to.
 *
 * Private, loopback, link-local, shared (CGNAT) and "this network"
 * addresses are refused unless the configuration allows them, so a page
 * on the internet cannot steer the crawler at services on the machine or
 * its LAN.  The check runs on the address actually being connected (see
 * fetch.c), so names that resolve to such addresses and redirects to them
 * are caught as well.
 */
#ifndef RM_NETGUARD_H
#define RM_NETGUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

/* Enough for any IPv6 text form (INET6_ADDRSTRLEN) and a NUL. */
#define NETGUARD_ADDR_MAX 48

/*
 * True when SA (LEN bytes, AF_INET or AF_INET6) is an address a crawl
 * must not reach by default: 0/8, 10/8, 100.64/10, 127/8, 169.254/16,
 * 172.16/12, 192.168/16, ::, ::1, fc00::/7, fe80::/10, and the
 * IPv4-mapped (::ffff:a.b.c.d) forms of the IPv4 ranges.  Unknown
 * families count as private (refused).
 */
bool netguard_is_private(const struct sockaddr *sa, size_t len);

/*
 * Decide whether a connection to SA may be opened.  Returns 0 when it
 * may, RM_EINVAL when it may not; then WHY (WHYLEN bytes, always
 * NUL-terminated) says so, e.g. "refused: 10.0.0.1 is a private address".
 */
int netguard_check(const struct sockaddr *sa, size_t len, bool allow_private,
		   char *why, size_t whylen);

/* The text form of SA's address into OUT (NETGUARD_ADDR_MAX bytes). */
void netguard_format(const struct sockaddr *sa, size_t len,
		     char out[NETGUARD_ADDR_MAX]);

#endif
