#!/bin/sh
# Redirects end to end: an article that moved to a path robots.txt
# disallows is never requested, in a crawl or in `sources test`, which
# shows where the redirect went.
# backends: sqlite postgresql
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/cli/crawl_lib.sh"
DB=$(new_db db) || exit 2

MOVED=/news/2024/05/02/pixel-9-pro-xl-tensor-g4-august.html
copy_site
start_site site --redirect "$MOVED=/private/moved.html"
write_source moved

rm_run --db "$DB" --config config sources test moved --allow-private --articles 20
expect_status "sources test exits 0" 0
contains "sources test shows the redirect" \
	"article $BASE$MOVED: HTTP 301, redirect to $BASE/private/moved.html"
contains "sources test shows the target disallowed" \
	"article $BASE/private/moved.html: disallowed by robots.txt"

# A redirect's target must be one the source follows (else it is not
# followed at all): let it follow the target, so robots.txt decides.
sed -i "s|^follow = .*|follow = ^$BASE/(news/\|private/moved)|" \
	config/sources.d/moved.ini
crawl
expect_status "crawl exits 0" 0
check "the moved article was asked for" grep -q "$MOVED" access.log
lacks "its disallowed target was not" "/private/" access.log
check "the moved article is recorded as skipped by robots.txt" \
	[ "$(sql "SELECT count(*) FROM crawl_frontier WHERE state = 'skipped' AND last_error LIKE '%/private/moved.html disallowed by robots.txt' AND url LIKE '%$MOVED'")" = 1 ]

stop_site
