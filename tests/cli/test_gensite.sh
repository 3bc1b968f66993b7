#!/bin/sh
# build/tools/gensite, the generated news site of the crawl benchmark
# and the crawl stress tests: deterministic pages of realistic size on
# eight loopback hosts, conditional GET, sitemaps, --mutate; and a crawl
# of it that stores every article, then refetches only what changed.
. "$(dirname "$0")/lib.sh"
GENSITE="$REPO/${BUILD:-build}/tools/gensite"
PAGES=120

# start_gen [gensite options...]: sets BASES (one a line) and B1, B2.
start_gen() {
	rm -f ctl urls
	mkfifo ctl
	# Made here: the server's redirection may come after the first look.
	: >urls
	"$GENSITE" --pages "$PAGES" --log "$WORK/access.log" "$@" <ctl \
		>urls 2>server.err &
	GEN_PID=$!
	exec 3>ctl
	tries=0
	while [ "$(wc -l <urls)" -lt 8 ]; do
		tries=$((tries + 1))
		if [ "$tries" -gt 200 ]; then
			echo "gensite did not start: $(cat server.err)" >&2
			exit 2
		fi
		sleep 0.05
	done
	B1=$(sed -n 1p urls)
	B2=$(sed -n 2p urls)
}

stop_gen() {
	exec 3>&-
	wait "$GEN_PID" 2>/dev/null
}

locs() { sed -n 's|.*<loc>\(.*\)</loc>.*|\1|p'; }

start_gen
PORT=${B1##*:}
check "eight hosts, 127.0.0.2 to .9, one port" \
	[ "$(cat urls)" = "$(seq 2 9 | sed "s|.*|http://127.0.0.&:$PORT|")" ]

curl -s "$B1/robots.txt" >robots.txt
contains "robots.txt allows everything" "Allow: /" robots.txt
contains "robots.txt names the sitemap" "Sitemap: $B1/sitemap.xml" robots.txt
for b in $(cat urls); do curl -s "$b/sitemap.xml"; done | locs >articles
check "the sitemaps list every article once" \
	[ "$(sort -u articles | wc -l)" -eq "$PAGES" ]
check "article N lives on host N % 8" \
	awk -v b="$B2/" 'index($0, b) == 1 { n++; sub(/\/$/, ""); sub(/.*-/, "");
		if ($0 % 8 != 1) bad = 1 } END { exit bad || n != 15 }' articles

# Sizes, over the first 40 articles.
head -n 40 articles | while read -r u; do
	curl -s -o /dev/null -w '%{http_code} %{size_download}\n' "$u"
done >sizes
check "articles answer 200" [ "$(grep -vc '^200 ' sizes)" -eq 0 ]
check "articles are 60,000 to 120,000 bytes" \
	awk '$2 < 60000 || $2 > 120000 { bad = 1 } END { exit bad }' sizes

a=$(head -n 1 articles)
curl -s -D head1 -o page1.html "$a"
etag=$(sed -n 's/^ETag: \(.*\)\r$/\1/p' head1)
lastmod=$(sed -n 's/^Last-Modified: \(.*\)\r$/\1/p' head1)
check "an ETag and a Last-Modified" [ -n "$etag" ] && [ -n "$lastmod" ]
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
check "If-None-Match gets 304" [ "$(code -H "If-None-Match: $etag" "$a")" = 304 ]
check "If-Modified-Since gets 304" \
	[ "$(code -H "If-Modified-Since: $lastmod" "$a")" = 304 ]
check "another ETag gets 200" [ "$(code -H 'If-None-Match: "x"' "$a")" = 200 ]
check "an unknown article is 404" \
	[ "$(code "$B1/news/2023/01/01/no-such-article-8/")" = 404 ]
check "an article on the wrong host is 404" \
	[ "$(code "$(echo "$a" | sed "s|$B1|$B2|")")" = 404 ]
for what in og:title article:published_time application/ld+json \
	class=\"sidebar\" id=\"comments\" "<style>" ; do
	contains "the article has $what" "$what" page1.html
done
curl -s "$B1/" >index.html
contains "the front page links the newest article" \
	"<a href=\"${a#"$B1"}\">" index.html
rm_run extract --url "$a" page1.html
jq_true "the article names a device and its chipset" \
	'[.rumors[] | select(.attribute == "chipset")] | length > 0'
jq_true "... and a launch" '.launches | length > 0'
stop_gen

# The same options give the same bytes.
start_gen --port "$PORT"
curl -s -o page2.html "$a"
check "the same page again, byte for byte" cmp -s page1.html page2.html

# A crawl stores every article.
mkdir -p config/sources.d
i=0
while read -r base; do
	i=$((i + 1))
	{
		echo "[source]"
		echo "start = $base/sitemap.xml"
		echo "follow = ^$(echo "$base" | sed 's/\./\\./g')/news/"
		echo "delay = 0"
		echo "max_pages = 1000"
	} >"config/sources.d/host$i.ini"
done <urls
rm_run --db "$WORK/db" --config "$WORK/config" crawl -q --allow-private
expect_status "the crawl runs" 0
check "every article is stored" \
	[ "$(sqlite3 db 'SELECT count(*) FROM articles')" -eq "$PAGES" ]
for b in $(cat urls); do curl -s "$b/sitemap.xml"; done >sitemaps.0
stop_gen

# --mutate: a share of the pages change, and only those are fetched.
sleep 1 # the changed pages' Last-Modified is later than the crawl
: >"$WORK/access.log"
start_gen --port "$PORT" --mutate 20
for b in $(cat urls); do curl -s "$b/sitemap.xml"; done >sitemaps.1
changed=$(diff sitemaps.0 sitemaps.1 | grep -c '^>' || true)
check "--mutate 20 changes about a fifth of the articles ($changed)" \
	[ "$changed" -ge 12 ] && [ "$changed" -le 36 ]
check "the changed pages say so" \
	[ "$(diff sitemaps.0 sitemaps.1 | grep '^>' | locs | head -n 1 |
		xargs curl -s | grep -c '<strong>Update:</strong>')" -eq 1 ]
: >"$WORK/access.log"
rm_run --db "$WORK/db" --config "$WORK/config" crawl -q --allow-private \
	--revisit
expect_status "the crawl of the changed site runs" 0
fetched=$(awk -F'\t' '$4 ~ /^\/news\// && $5 == 200' "$WORK/access.log" |
	wc -l)
check "it fetches the changed articles and no other ($fetched of $changed)" \
	[ "$fetched" -eq "$changed" ]
stop_gen
