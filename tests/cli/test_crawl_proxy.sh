#!/bin/sh
# A crawl through a proxy: the `proxy` key of rumormill.conf, and the
# http_proxy environment variable libcurl reads when the key is unset;
# `proxy = none` ignores the environment.  The proxy here is the demo
# server, which logs the absolute URL each proxied request asks for
# (and answers 404); the site's name does not resolve, so only a proxy
# can reach it.  A proxy on loopback needs no --allow-private: it is
# the operator's choice.
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/cli/crawl_lib.sh"
rm -f db db-wal db-shm

copy_site
start_site site
PROXY=$BASE
mkdir -p config/sources.d
cat >config/sources.d/far.ini <<EOF2
[source]
start = http://rumors.invalid/feed.xml
follow = ^http://rumors\.invalid/
EOF2

# run_crawl [ENV...]: crawl without --allow-private, with ENV.
run_crawl() {
	rm -f db db-wal db-shm
	: >access.log
	env "$@" $RUMORMILL_WRAP "$RUMORMILL" --db db --config config crawl \
		>out 2>err
	status=$?
}

# ---- the proxy key ----
printf '[crawl]\nretries = 0\nproxy = %s\n' "$PROXY" >config/rumormill.conf
rm_run --config config sources check
expect_status "sources check accepts the proxy key" 0
run_crawl
contains "proxy key: robots.txt asked through the proxy" \
	"GET	http://rumors.invalid/robots.txt" access.log
contains "proxy key: the start URL asked through the proxy" \
	"GET	http://rumors.invalid/feed.xml" access.log
contains "proxy key: the proxy's answer is the crawl's" \
	"far: http://rumors.invalid/feed.xml: HTTP 404" err
lacks "proxy key: the loopback proxy is not refused" "private address" err

# ---- the environment ----
printf '[crawl]\nretries = 0\n' >config/rumormill.conf
run_crawl http_proxy="$PROXY"
contains "http_proxy: the start URL asked through the proxy" \
	"GET	http://rumors.invalid/feed.xml" access.log
run_crawl http_proxy="$PROXY" no_proxy=rumors.invalid
check "no_proxy: nothing asked of the proxy" [ "$(log_lines)" = 0 ]
contains "no_proxy: the name is resolved, and does not resolve" \
	"rumors.invalid" err

# ---- proxy = none ----
printf '[crawl]\nretries = 0\nproxy = none\n' >config/rumormill.conf
run_crawl http_proxy="$PROXY"
check "proxy = none: the environment's proxy is not used" \
	[ "$(log_lines)" = 0 ]
expect_status "proxy = none: the unresolvable site fails the crawl" 1

printf '[crawl]\nproxy = http://a b\n' >config/rumormill.conf
rm_run --config config sources check
expect_status "a proxy with a space is a configuration error" 2
contains "the error names file and line" "rumormill.conf:2" err
stop_site
