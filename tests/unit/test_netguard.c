/*
 * netguard: which peer addresses a crawl may connect to, one row per
 * range edge.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cmocka.h>

#include "common/errors.h"
#include "crawler/netguard.h"

struct addr_case {
	const char *name;
	const char *addr;
	bool refused;
};

static const struct addr_case addr_cases[] = {
	{ "public v4", "93.184.216.34", false },
	{ "this network 0/8", "0.1.2.3", true },
	{ "10/8 start", "10.0.0.1", true },
	{ "10/8 end", "10.255.255.255", true },
	{ "just above 10/8", "11.0.0.1", false },
	{ "100.64/10 start", "100.64.0.1", true },
	{ "100.64/10 end", "100.127.255.254", true },
	{ "just below 100.64/10", "100.63.255.255", false },
	{ "just above 100.64/10", "100.128.0.0", false },
	{ "loopback", "127.0.0.1", true },
	{ "loopback other", "127.0.0.9", true },
	{ "link-local metadata", "169.254.169.254", true },
	{ "172.16/12 start", "172.16.0.1", true },
	{ "172.16/12 end", "172.31.255.255", true },
	{ "just above 172.16/12", "172.32.0.1", false },
	{ "just below 172.16/12", "172.15.255.255", false },
	{ "192.168/16", "192.168.1.1", true },
	{ "192.169 public", "192.169.0.1", false },
	{ "public v6", "2606:2800:220:1:248:1893:25c8:1946", false },
	{ "v6 loopback", "::1", true },
	{ "v6 unspecified", "::", true },
	{ "v6 unique local fc", "fc00::1", true },
	{ "v6 unique local fd", "fd12:3456::1", true },
	{ "v6 link-local", "fe80::1", true },
	{ "v6 fec0 not link-local", "fec0::1", false },
	{ "v4-mapped loopback", "::ffff:127.0.0.1", true },
	{ "v4-mapped private", "::ffff:10.1.2.3", true },
	{ "v4-mapped public", "::ffff:8.8.8.8", false },
	{ "multicast 224/4 start", "224.0.0.1", true },
	{ "multicast 224/4 end", "239.255.255.255", true },
	{ "reserved 240/4", "240.0.0.1", true },
	{ "limited broadcast", "255.255.255.255", true },
	{ "just below 224/4", "223.255.255.255", false },
	{ "NAT64 to loopback", "64:ff9b::127.0.0.1", true },
	{ "NAT64 to 10/8", "64:ff9b::a01:203", true },
	{ "NAT64 to public", "64:ff9b::8.8.8.8", false },
	{ "6to4 of loopback", "2002:7f00:1::1", true },
	{ "6to4 of 192.168/16", "2002:c0a8:101::", true },
	{ "6to4 of public", "2002:808:808::1", false },
	{ "v4-compatible loopback", "::127.0.0.1", true },
	{ "v4-compatible private", "::10.0.0.1", true },
	{ "v6 multicast", "ff02::1", true },
	{ "v6 multicast global", "ff0e::1", true },
};

static void
make_addr(const char *text, struct sockaddr_storage *ss, size_t *len)
{
	memset(ss, 0, sizeof(*ss));
	if (strchr(text, ':')) {
		struct sockaddr_in6 *in6 = (void *)ss;

		in6->sin6_family = AF_INET6;
		assert_int_equal(inet_pton(AF_INET6, text, &in6->sin6_addr),
				 1);
		*len = sizeof(*in6);
	} else {
		struct sockaddr_in *in = (void *)ss;

		in->sin_family = AF_INET;
		assert_int_equal(inet_pton(AF_INET, text, &in->sin_addr), 1);
		*len = sizeof(*in);
	}
}

static void
test_ranges(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(addr_cases) / sizeof(addr_cases[0]); i++) {
		const struct addr_case *c = &addr_cases[i];
		struct sockaddr_storage ss;
		size_t len;
		char why[128] = "";

		make_addr(c->addr, &ss, &len);
		if (netguard_is_private((void *)&ss, len) != c->refused)
			fail_msg("case \"%s\": %s", c->name, c->addr);
		/* allow_private lets everything through. */
		assert_int_equal(netguard_check((void *)&ss, len, true, why,
						sizeof(why)),
				 0);
		assert_int_equal(netguard_check((void *)&ss, len, false, why,
						sizeof(why)),
				 c->refused ? RM_EINVAL : 0);
	}
}

static void
test_message(void **state)
{
	struct sockaddr_storage ss;
	size_t len;
	char why[128];
	char small[12];

	(void)state;
	make_addr("10.0.0.1", &ss, &len);
	assert_int_equal(
		netguard_check((void *)&ss, len, false, why, sizeof(why)),
		RM_EINVAL);
	assert_string_equal(why, "refused: 10.0.0.1 is a private address");
	make_addr("::1", &ss, &len);
	netguard_check((void *)&ss, len, false, why, sizeof(why));
	assert_string_equal(why, "refused: ::1 is a private address");
	/* A short buffer is truncated, never overrun. */
	netguard_check((void *)&ss, len, false, small, sizeof(small));
	assert_int_equal(strlen(small), sizeof(small) - 1);
}

static void
test_unknown_family(void **state)
{
	struct sockaddr sa;

	(void)state;
	memset(&sa, 0, sizeof(sa));
	sa.sa_family = AF_UNIX;
	assert_true(netguard_is_private(&sa, sizeof(sa)));
	/* A truncated v4 address is not trusted either. */
	sa.sa_family = AF_INET;
	assert_true(netguard_is_private(&sa, 4));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_message),
		cmocka_unit_test(test_unknown_family),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
