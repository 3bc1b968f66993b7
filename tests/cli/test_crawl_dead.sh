#!/bin/sh
# A source that cannot be reached, as cron sees it: every start URL that
# cannot be read is one line on stderr naming the source, the URL and
# the reason, also with --quiet; a source that failed entirely makes
# the crawl exit 1, and what the other sources gave is stored anyway.
# The ways a site dies: no DNS answer, a refused connection, a private
# address without --allow-private, and a site gone down after its
# robots.txt answer expired from the cache.  `sources test` says what
# happened too, instead of "disallowed by robots.txt".
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/cli/crawl_lib.sh"
rm -f db db-wal db-shm

copy_site
start_site site
write_source good "delay = 0" "max_pages = 8"
printf '[crawl]\nretries = 0\n' >config/rumormill.conf

rm_run --db db --config config crawl -q --allow-private
expect_status "a healthy crawl exits 0" 0
check "a healthy crawl is silent under --quiet" [ ! -s err ]

# ---- no DNS answer and a refused connection, beside a good source ----
rm -f db db-wal db-shm
cat >config/sources.d/nodns.ini <<EOF
[source]
start = http://nohost.invalid/feed.xml
follow = ^http://nohost\.invalid/
EOF
# Port 1 on loopback: nothing listens there.
cat >config/sources.d/closed.ini <<EOF
[source]
start = http://127.0.0.1:1/feed.xml
follow = ^http://127\.0\.0\.1:1/
EOF
crawl -q
expect_status "a crawl with dead sources exits 1" 1
contains "no DNS: source, URL and reason" \
	"rumormill: crawl: nodns: http://nohost.invalid/feed.xml: not fetched: robots.txt unreachable (" err
contains "no DNS: the resolver's word" "nohost.invalid)" err
contains "refused: source, URL and reason" \
	"rumormill: crawl: closed: http://127.0.0.1:1/feed.xml: not fetched: robots.txt unreachable (" err
check "one line for each dead source's start URL" [ "$(wc -l <err)" = 2 ]
lacks "nothing about the good source" "crawl: good:" err
check "the good source's articles are stored" \
	[ "$(sql 'SELECT count(*) FROM articles')" -gt 0 ]
crawl -q --revisit
expect_status "the next crawl, with robots.txt failures cached, exits 1" 1
contains "a cached robots.txt failure still names source and URL" \
	"rumormill: crawl: nodns: http://nohost.invalid/feed.xml: not fetched: robots.txt unreachable (no answer at the last try" err

# ---- sources test says the same, not "disallowed by robots.txt" ----
rm_run --config config sources test nodns
expect_status "sources test of a dead source exits 1" 1
contains "sources test: no DNS: the fetch error" \
	"start http://nohost.invalid/feed.xml: not fetched: robots.txt unreachable (" out
lacks "sources test: no DNS: not blamed on robots.txt rules" \
	"disallowed by robots.txt" out
rm_run --config config sources test closed --allow-private
expect_status "sources test of a refused connection exits 1" 1
contains "sources test: refused: the fetch error" \
	"start http://127.0.0.1:1/feed.xml: not fetched: robots.txt unreachable (" out
lacks "sources test: refused: not blamed on robots.txt rules" \
	"disallowed by robots.txt" out
rm_run --config config sources test closed
expect_status "sources test of a private address exits 1" 1
contains "sources test: private: what was refused" \
	"start http://127.0.0.1:1/feed.xml: not fetched: refused: 127.0.0.1 is a private address" out
contains "sources test: private: the option that allows it" \
	"--allow-private" out
rm config/sources.d/nodns.ini config/sources.d/closed.ini

# ---- a private address without --allow-private ----
rm_run --db db --config config crawl -q --revisit
expect_status "a source on a private address exits 1" 1
contains "private: source, URL and reason" \
	"rumormill: crawl: good: $BASE/index.html: refused: 127.0.0.1 is a private address" err
contains "private: the option that allows it" "--allow-private" err

# ---- the site goes down after its robots.txt answer expired ----
stop_site
sql "UPDATE crawl_robots SET expires = 0"
crawl -q --revisit
expect_status "a site gone down exits 1" 1
contains "down: source, URL and reason" \
	"rumormill: crawl: good: $BASE/index.html: not fetched: robots.txt unreachable (" err
# Not a terminal, no --quiet: the same lines.
crawl --revisit
expect_status "without --quiet too, exits 1" 1
contains "without --quiet: the same line" "rumormill: crawl: good: $BASE/feed.xml:" err
