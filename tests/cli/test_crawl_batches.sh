#!/bin/sh
# A crawl stores the pages its workers finish as batches, settling each
# touched rumor once per batch.  The result must be exactly what storing
# the same articles one at a time gives: the generated site is crawled,
# then every article it stored is fetched again and imported, in the
# crawl's order and under the crawl's source name, one `rumormill
# import` each, into a second database.  Counts, independent sources,
# support, dates and contested flags must agree rumor for rumor.
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/cli/gensite_lib.sh"

if [ -n "$RUMORMILL_WRAP" ]; then
	PAGES=30 HOSTS=2
else
	PAGES=150 HOSTS=3
fi

rm -f crawl.db crawl.db-* import.db import.db-*
start_gensite "$PAGES" "$HOSTS"
gensite_config
gen_crawl "$WORK/crawl.db"
expect_status "the crawl exits 0" 0
check "it stored every article" \
	[ "$(sqlite3 crawl.db 'SELECT count(*) FROM articles')" = "$PAGES" ]

sqlite3 -separator ' ' crawl.db "SELECT s.name, a.url FROM articles a
	JOIN sources s ON s.id = a.source_id ORDER BY a.id" >order
imported=0
while read -r source url; do
	curl -sf -o page.html "$url" || { fail "fetch $url again"; break; }
	rm_run --db "$WORK/import.db" import --source "$source" --url "$url" \
		page.html
	[ "$status" -eq 0 ] || { fail "import $url" "status $status"; break; }
	imported=$((imported + 1))
done <order
check "every article imported one at a time" [ "$imported" -eq "$PAGES" ]
stop_gensite

# scores DB: every rumor with what the store derives for it.
scores() {
	sqlite3 -separator '|' "$1" "
		SELECT e.name, r.attribute, r.value, r.qualifier, r.sources,
		       r.independent_sources, printf('%.9f', r.support),
		       r.first_seen, r.last_seen, r.contested,
		       coalesce(a.url, '')
		  FROM rumors r JOIN entities e ON e.id = r.subject_id
		  LEFT JOIN articles a ON a.id = r.first_article_id" | sort
}
scores crawl.db >crawl.scores
scores import.db >import.scores
check "the crawl found rumors ($(wc -l <crawl.scores))" [ -s crawl.scores ]
check "some rumors have several sources" \
	[ "$(sqlite3 crawl.db 'SELECT count(*) FROM rumors
		WHERE sources > 1')" -gt 0 ]
if cmp -s crawl.scores import.scores; then
	pass "batched and one-at-a-time storing give the same rumors"
else
	fail "batched and one-at-a-time storing give the same rumors" \
		"$(diff crawl.scores import.scores | head -n 6)"
fi
