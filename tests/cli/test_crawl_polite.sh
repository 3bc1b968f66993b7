#!/bin/sh
# Politeness end to end: robots.txt rules obeyed for pages the source
# follows, the delay between requests to one host, and the dry run of
# `sources test`, which writes nothing.
# backends: sqlite postgresql
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/cli/crawl_lib.sh"
DB=$(new_db db) || exit 2

copy_site
printf 'User-agent: *\nDisallow: /private/\nDisallow: /news/2022/\n' \
	>site/robots.txt
start_site site
write_source polite "delay = 300ms"
sed -i 's|^skip = .*|skip = /tag/\|/redmi-|' config/sources.d/polite.ini

rm_run --db "$DB" --config config sources test polite --allow-private
expect_status "sources test exits 0" 0
contains "sources test shows the robots.txt fetch" "robots $BASE/robots.txt: HTTP 200"
contains "sources test: a followed link" "follow  $BASE/news/2024/05/02/"
contains "sources test: robots.txt keeps a link out" "robots  $BASE/news/2022/"
contains "sources test: a link skip matches" "(skip matches)"
contains "sources test: a link that is not an article" "(no follow match)"
contains "sources test: extraction of an article" "chipset: Tensor G4"
if on_postgresql; then
	# new_db made the database: nothing written means no table in it.
	check "sources test writes no database" [ "$(dbq "$DB" "SELECT count(*)
		FROM information_schema.tables WHERE table_schema = 'public'")" = 0 ]
else
	check "sources test writes no database" [ ! -e "$DB" ]
fi
check "sources test: the sitemap is read" grep -q "start $BASE/sitemap.xml: HTTP 200" out

# A robots.txt over max_body: sources test reads its first bytes as a
# crawl does (crawler/origin.h), not as an unreachable file.
cp site/robots.txt robots.small
{
	cat robots.small
	seq 3000 | sed 's/^/# padding a robots.txt past the body limit, line /'
} >site/robots.txt
printf '[crawl]\nmax_body = 64k\n' >config/rumormill.conf
rm_run --db "$DB" --config config sources test polite --allow-private
contains "sources test: an oversized robots.txt still keeps a link out" \
	"robots  $BASE/news/2022/"
lacks "sources test: an oversized robots.txt is not unreachable" \
	"unreachable" out
rm config/rumormill.conf
mv robots.small site/robots.txt

: >access.log
# The budget counts every request of the source: its three start pages
# (index, feed, sitemap), the index's next page and three articles.
crawl --max-pages 7
expect_status "crawl exits 0" 0
check "--max-pages: four start pages and three articles" \
	[ "$(grep -c '/news/' access.log)" = 3 ]
gaps=$(awk -F'\t' 'NR > 1 { print $1 - prev } { prev = $1 }' access.log | sort -n | head -n 1)
check "requests to one host at least the delay apart (min gap ${gaps}ms)" \
	[ "$gaps" -ge 280 ]
check "the rest stays pending for the next run" \
	[ "$(sql "SELECT count(*) FROM crawl_frontier WHERE state = 'pending'")" = 5 ]
crawl
expect_status "the next crawl exits 0" 0
lacks "disallowed articles never requested" "/news/2022/" access.log
lacks "skipped articles never requested" "/redmi-" access.log
check "disallowed articles recorded as skipped" \
	[ "$(sql "SELECT count(*) FROM crawl_frontier WHERE state = 'skipped' AND url LIKE '%/news/2022/%'")" = 2 ]
check "the rest fetched by the next run" \
	[ "$(sql "SELECT count(*) FROM crawl_frontier WHERE state = 'done'")" = 6 ]

# A robots.txt that cannot be read (5xx): nothing is fetched, nothing is
# given up; the answer is cached, so the next run does not ask again.
stop_site
DB=$(new_db db) || exit 2
rm -f access.log
start_site site --fail /robots.txt=503
write_source polite "delay = 10ms"
printf '[crawl]\nretries = 0\n' >config/rumormill.conf
crawl
# The source could read none of its start URLs: it failed entirely.
expect_status "crawl with robots.txt unreadable exits 1" 1
contains "it says why, naming the source and the URL" \
	"polite: $BASE/index.html: not fetched: robots.txt unreachable (HTTP 503)" err
check "only robots.txt was requested" [ "$(log_lines)" = 1 ]
check "nothing given up: start URLs due again" \
	[ "$(sql "SELECT count(*) FROM crawl_starts WHERE last_fetched IS NULL")" = 3 ]
crawl --revisit
check "the unreadable robots.txt is not asked for again soon" [ "$(log_lines)" = 1 ]

rm_run --config config sources check
expect_status "sources check passes a good directory" 0
contains "sources check names the source" "ok polite"
rm_run --config config sources check "$DATA/sources/bad"
expect_status "sources check fails on bad files (exit 2)" 2
check "sources check reports FILE:LINE" grep -q '\.ini:[0-9]*:' err
rm_run --config config sources check "$REPO/config/sources.d"
expect_status "the bundled sources pass sources check" 0

stop_site
