#!/bin/sh
# The crawler end to end: the demo site over HTTP, robots.txt, discovery
# from an index page, a feed and a sitemap, and incremental re-crawls.
# backends: sqlite postgresql
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/cli/crawl_lib.sh"
DB=$(new_db db) || exit 2

copy_site
start_site site
write_source demo "delay = 10ms"

crawl
expect_status "first crawl exits 0" 0
check "all nine articles stored" [ "$(sql 'SELECT count(*) FROM articles')" = 9 ]
contains "summary names the articles stored" "9 articles stored"
contains "new rumors are listed" "Snapdragon 8 Gen 3"
check "robots.txt is the first request" \
	[ "$(head -n 1 access.log | cut -f 3)" = /robots.txt ]
lacks "robots.txt-disallowed page never requested" "/private/" access.log
lacks "skip pattern: /tag/ never requested" "/tag/" access.log
contains "rel=next index page read" "/page/2.html" access.log
check "every article fetched once" \
	[ "$(grep -c '/news/' access.log)" = 9 ]
check "frontier: every article done" \
	[ "$(sql "SELECT count(*) FROM crawl_frontier WHERE state = 'done'")" = 9 ]
rm_run --db "$DB" query --device "Xiaomi 14" --format json
jq_true "query finds the crawled rumors" \
	'map(select(.device == "Xiaomi 14" and .attribute == "chipset")) | .[0].value == "Snapdragon 8 Gen 3"'

# Right away again: nothing is due, nothing is requested or printed.
before=$(log_lines)
crawl
expect_status "second crawl exits 0" 0
check "second crawl requests nothing" [ "$(log_lines)" = "$before" ]
check "second crawl is silent under cron" [ ! -s out ]

# --revisit: start pages again, conditionally; articles are not touched.
crawl --revisit
expect_status "revisit exits 0" 0
new=$(log_since "$before")
check "revisit asks only for the start pages" \
	[ "$(echo "$new" | grep -c '/news/')" = 0 ]
check "start pages sent If-None-Match and got 304" \
	[ "$(echo "$new" | grep -v robots.txt | awk -F'\t' '$4 != 304 || $5 == "-"' | wc -l)" = 0 ]

# An article changes and the sitemap says so: only it is fetched again,
# conditionally, and its new claim shows up.
art=news/2023/12/05/oneplus-12r-india-january.html
sed 's|</article>|<p>OnePlus 12R owners will also get the Dimensity 9300 chipset, a report claims.</p></article>|' \
	"site/$art" >tmp && mv tmp "site/$art"
future=$(date -u -d '+1 day' +%Y-%m-%d)
sed -i "s|\(oneplus-12r-india-january.html</loc><lastmod>\)[0-9-]*|\1$future|" site/sitemap.xml
before=$(log_lines)
crawl --revisit
expect_status "crawl after a change exits 0" 0
new=$(log_since "$before")
check "only the changed article is fetched again" \
	[ "$(echo "$new" | grep -c '/news/')" = 1 ]
check "the refetch was conditional (If-None-Match sent)" \
	[ "$(echo "$new" | grep '/news/' | cut -f 5)" != "-" ]
check "still nine articles" [ "$(sql 'SELECT count(*) FROM articles')" = 9 ]
contains "the report lists what changed" "OnePlus 12R"

rm_run --db "$DB" --config config sources list
expect_status "sources list exits 0" 0
contains "sources list shows the source" "demo"
check "sources list counts the articles" grep -q 'demo .* 9 ' out

stop_site
