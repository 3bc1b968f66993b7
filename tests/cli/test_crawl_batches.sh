#!/bin/sh
# A crawl stores the pages its workers finish as batches, settling each
# touched rumor once per batch.  The result must be exactly what storing
# the same articles one at a time gives: the generated site is crawled,
# then every article it stored is fetched again and imported, in the
# crawl's order and under the crawl's source name, one `rumormill
# import` each, into a second database.  Counts, independent sources,
# support, dates and contested flags must agree rumor for rumor.  Also
# what crawl -v reports of the batches (and, on PostgreSQL, of the round
# trips a stored article costs).
# backends: sqlite postgresql
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/cli/gensite_lib.sh"

if [ -n "$RUMORMILL_WRAP" ]; then
	PAGES=30 HOSTS=2
else
	PAGES=150 HOSTS=3
fi

CRAWL_DB=$(new_db crawl.db) || exit 2
IMPORT_DB=$(new_db import.db) || exit 2
start_gensite "$PAGES" "$HOSTS"
gensite_config
rm_run --db "$CRAWL_DB" --config "$WORK/config" crawl -v
expect_status "the crawl exits 0" 0
check "it stored every article" \
	[ "$(dbq "$CRAWL_DB" 'SELECT count(*) FROM articles')" = "$PAGES" ]

# -v says where the time went: the writer stored the pages in batches,
# fewer than there are pages.
batches=$(sed -n 's/.* in \([0-9]*\) batch.*(writing [0-9]*% of the run)$/\1/p' out)
check "crawl -v: stored in ${batches:-no} batches, fewer than the pages" \
	[ -n "$batches" ] && [ "$batches" -ge 1 ] && [ "$batches" -lt "$PAGES" ]
if on_postgresql; then
	# Pipelined writes: a stored article costs about a dozen waits for
	# the server (more in small batches), not the ninety-odd of a
	# statement at a time.
	trips=$(sed -n 's/.*, \([0-9.]*\) a stored article$/\1/p' out)
	check "crawl -v: ${trips:-no} round trips an article, at most 20" \
		awk -v t="${trips:-999}" 'BEGIN { exit !(t > 0 && t <= 20) }'
fi

dbq "$CRAWL_DB" "SELECT s.name, a.url FROM articles a
	JOIN sources s ON s.id = a.source_id ORDER BY a.id" >order
imported=0
while IFS='|' read -r source url; do
	curl -sf -o page.html "$url" || { fail "fetch $url again"; break; }
	rm_run --db "$IMPORT_DB" import --source "$source" --url "$url" \
		page.html
	[ "$status" -eq 0 ] || { fail "import $url" "status $status"; break; }
	imported=$((imported + 1))
done <order
check "every article imported one at a time" [ "$imported" -eq "$PAGES" ]
stop_gensite

# scores DB: every rumor with what the store derives for it (support
# to 9 decimals, as an integer: both backends print that alike).
scores() {
	dbq "$1" "
		SELECT e.name, r.attribute, r.value, r.qualifier, r.sources,
		       r.independent_sources,
		       CAST(round(r.support * 1000000000) AS BIGINT),
		       r.first_seen, r.last_seen, r.contested,
		       coalesce(a.url, '')
		  FROM rumors r JOIN entities e ON e.id = r.subject_id
		  LEFT JOIN articles a ON a.id = r.first_article_id" | sort
}
scores "$CRAWL_DB" >crawl.scores
scores "$IMPORT_DB" >import.scores
check "the crawl found rumors ($(wc -l <crawl.scores))" [ -s crawl.scores ]
check "some rumors have several sources" \
	[ "$(dbq "$CRAWL_DB" 'SELECT count(*) FROM rumors
		WHERE sources > 1')" -gt 0 ]
if cmp -s crawl.scores import.scores; then
	pass "batched and one-at-a-time storing give the same rumors"
else
	fail "batched and one-at-a-time storing give the same rumors" \
		"$(diff crawl.scores import.scores | head -n 6)"
fi
