#!/bin/sh
# PostgreSQL as the store, on a private cluster this test starts on
# 127.0.0.1 (tests/support/pgcluster.sh) and removes at the end.  Every
# command gives on PostgreSQL what it gives on a SQLite file; migrate
# copies a file without loss; several crawls sharing one database fetch
# each page once, keep each host's delay between them, and end with the
# rumors of one crawl into SQLite; a crawl killed mid-run leaves nothing
# claimed for good.
#
# Without PostgreSQL installed this fails, unless RUMORMILL_NO_POSTGRESQL
# is set (then it says so and checks nothing).
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/cli/gensite_lib.sh"

PGCLUSTER="$REPO/tests/support/pgcluster.sh"
if ! sh "$PGCLUSTER" available; then
	if [ -n "${RUMORMILL_NO_POSTGRESQL:-}" ]; then
		echo "note: PostgreSQL is not installed; skipped"
		exit 0
	fi
	fail "PostgreSQL is installed (initdb, pg_ctl)"
	exit 1
fi
CLUSTER=$(mktemp -d "${TMPDIR:-/tmp}/rumormill-pg.XXXXXX")
trap 'sh "$PGCLUSTER" stop "$CLUSTER" >/dev/null 2>&1' EXIT
trap 'exit 1' INT TERM
if ! sh "$PGCLUSTER" start "$CLUSTER" >pg.uri 2>pg.err; then
	fail "the private cluster starts" "$(tail -n 5 pg.err)"
	exit 1
fi
pass "the private cluster starts"

# newdb NAME: a fresh database in the cluster; prints its URI.
newdb() {
	sh "$PGCLUSTER" createdb "$CLUSTER" "$1"
}

# same NAME FILE FILE: two outputs are identical.
same() {
	if cmp -s "$2" "$3"; then pass "$1"
	else fail "$1" "$(diff "$2" "$3" | head -n 6 | tr '\n' ' ')"; fi
}

# dump_pg URI: dump_db's rows, from PostgreSQL.
dump_pg() {
	psql -X -q -A -t -F '|' "$1" -c "$DUMP_SQL" | sort
}

# ---- connecting ----
rm_run --db "postgresql://bob:hunter2@127.0.0.1:1/nothing" query
expect_status "an unreachable server is a run-time failure" 1
lacks "the message does not show the password" hunter2 err
contains "the message shows the target" "postgresql://bob:***@127.0.0.1:1" err

# ---- every command, on the same articles ----
A="$DATA/articles"
S="$SEEDS"
import_into() {
	for f in 000_e53f86e8c37d90c3:2022-05-23 001_f5d415ec06a9beb0:2023-10-05 \
		002_57d29f8912ada03a:2022-06-27; do
		rm_run --db "$1" import --plain --published "${f#*:}" \
			--url "https://seeds.example/${f%:*}" "$S/${f%:*}.txt"
		[ "$status" -eq 0 ] || return 1
	done
	rm_run --db "$1" import "$A/galaxy-s24.html" "$A/pixel-9.html" \
		"$A/galaxy-s24-copy.html"
	[ "$status" -eq 0 ] || return 1
	rm_run --db "$1" import --source oneplus-news \
		--url https://oneplus-news.example/12r "$A/oneplus-12r.html"
	[ "$status" -eq 0 ]
}
PG1=$(newdb imports)
rm -f lite.db
check "import into SQLite" import_into lite.db
check "import into PostgreSQL" import_into "$PG1"
check "importing again into PostgreSQL" import_into "$PG1"

# compare NAME ARGS...: the command's output on both databases, but for
# the times the rows were written (the imports ran seconds apart).
compare() {
	name=$1
	shift
	rm_run --db lite.db "$@"
	untimed <out >lite.out
	lite_status=$status
	rm_run --db "$PG1" "$@"
	untimed <out >pg.out
	if [ "$status" -ne 0 ] || [ "$lite_status" -ne 0 ]; then
		fail "$name" "exit $lite_status (SQLite), $status (PostgreSQL)"
	else
		same "$name" lite.out pg.out
	fi
}
untimed() {
	sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/TIME/g'
}
compare "query: the same table" query --limit 1000
compare "query --format csv: the same rows" query --format csv
compare "query --format json: the same" query --format json
compare "query --device" query --device "Xiaomi 14" --format csv
compare "query --brand" query --brand samsung --format csv
compare "query --chipset" query --chipset "snapdragon 8 gen 3" --format csv
compare "query --source" query --source oneplus-news --format csv
compare "query --since/--until" query --until 2023-06 --format csv
compare "query --search" query --search "Leica" --format csv
compare "query --contested" query --contested --format csv
compare "show" show "Xiaomi 14"
compare "devices" devices
compare "chipsets --brand" chipsets --brand qualcomm
compare "sql-looking search is text" query --search "'; DROP TABLE rumors; --" \
	--format csv
rm_run --db "$PG1" report --html report.html
check "report --html on PostgreSQL" \
	[ "$status" -eq 0 ] && grep -q '<svg' report.html
rm_run --db "$PG1" feed --atom feed.xml
check "feed --atom on PostgreSQL" \
	[ "$status" -eq 0 ] && grep -q '<entry>' feed.xml

# ---- migrate ----
PG2=$(newdb migrated)
rm_run migrate --from lite.db --to "$PG2"
expect_status "migrate exits 0" 0
tables="sources articles entities entity_keys aliases rumors evidence
	article_prints simhash_bands paragraph_prints meta"
counts_ok=true
for t in $tables; do
	a=$(sqlite3 lite.db "SELECT count(*) FROM $t")
	b=$(psql -X -q -A -t "$PG2" -c "SELECT count(*) FROM $t")
	[ "$a" = "$b" ] || { counts_ok=false; echo "  $t: $a vs $b"; }
done
check "migrate: every table has the same rows" $counts_ok
rm_run --db lite.db query --format json
mv out lite.json
rm_run --db "$PG2" query --format json
same "migrate: the same rumors, scores and sources" lite.json out
sqlite3 lite.db "SELECT url, title, content_hash FROM articles ORDER BY id" \
	>lite.sample
psql -X -q -A -t -F '|' "$PG2" -c \
	"SELECT url, title, content_hash FROM articles ORDER BY id" >pg.sample
same "migrate: the same articles, ids kept" lite.sample pg.sample
rm_run --db "$PG2" import --url https://later.example/a "$A/pixel-9.html"
expect_status "migrate: the copy takes new articles (its counters moved on)" 0
rm_run migrate --from lite.db --to "$PG2"
expect_status "migrate into a database with rows is refused" 1
contains "migrate says why" "not empty" err

# ---- crawls ----
if [ -n "${RUMORMILL_WRAP:-}" ]; then PAGES=30; else PAGES=150; fi
HOSTS=3
DELAY_MS=60
start_gensite "$PAGES" "$HOSTS" --log "$WORK/site.log"
gensite_config
# gen_crawl's config, with a delay per host for the shared crawls.
cp -r config config-polite
sed -i "s/^delay = 0$/delay = ${DELAY_MS}ms/" config-polite/sources.d/*.ini
{
	echo "timeout = 5s"
	echo "claim_lease = 5s"
} >>config-polite/rumormill.conf

rm -f ref.db
gen_crawl ref.db
expect_status "crawl into SQLite exits 0" 0
dump_db ref.db >ref.dump
PG3=$(newdb crawl_one)
gen_crawl "$PG3"
expect_status "crawl into PostgreSQL exits 0" 0
dump_pg "$PG3" >pg.dump
check "the dump is not empty ($(wc -l <ref.dump) rows)" \
	[ "$(wc -l <ref.dump)" -gt "$PAGES" ]
same "one crawl: PostgreSQL holds what SQLite holds" ref.dump pg.dump
rm_run --db "$PG3" --config config sources list
expect_status "sources list on PostgreSQL" 0

# Three crawls at once, with a delay per host.
PG4=$(newdb crawl_three)
before=$(wc -l <site.log)
for w in 1 2 3; do
	"$RUMORMILL" --db "$PG4" --config config-polite crawl -q \
		>"w$w.out" 2>"w$w.err" &
	eval "pid$w=\$!"
done
ok=true
for w in 1 2 3; do
	eval "wait \$pid$w" || { ok=false; cat "w$w.err"; }
done
check "three crawls sharing the database exit 0" $ok
tail -n +"$((before + 1))" site.log >three.log
dump_pg "$PG4" >three.dump
same "three crawls: the rumors, articles and evidence of one SQLite crawl" \
	ref.dump three.dump
awk -F '\t' '$3 == "GET" && $4 ~ /\/news\// { n[$2 $4]++ }
	END { for (k in n) if (n[k] != 1) bad++; print length(n), bad + 0 }' \
	three.log >fetches
check "three crawls: every article fetched exactly once ($(cat fetches))" \
	[ "$(cat fetches)" = "$PAGES 0" ]
# The gap between two requests to one host, whichever crawl made them
# (the log's times are whole milliseconds: one is given).
awk -F '\t' -v d="$DELAY_MS" '
	{ if ($2 in last && $1 - last[$2] < d - 1) bad++; last[$2] = $1 }
	END { print bad + 0 }' three.log >short_gaps
check "three crawls: each host's delay held between them" \
	[ "$(cat short_gaps)" = 0 ]
workers=$(psql -X -q -A -t "$PG4" -c \
	"SELECT count(*) FROM crawl_runs WHERE state = 'done'")
check "three crawls: three runs recorded, all done ($workers)" \
	[ "$workers" = 3 ]

# A crawl killed while it holds claims: another crawl finishes the
# rest now and, once the lease has run out, what the dead one held.
PG5=$(newdb crawl_killed)
"$RUMORMILL" --db "$PG5" --config config-polite crawl -q >k.out 2>k.err &
kpid=$!
# Killed once every page is known and some are claimed.
tries=0
while [ "$(psql -X -q -A -t "$PG5" -c \
	"SELECT count(*) = $PAGES AND count(claimed_by) > 0
	 FROM crawl_frontier" 2>/dev/null)" != t ] && [ "$tries" -lt 400 ]; do
	tries=$((tries + 1))
	sleep 0.05
done
kill -KILL "$kpid" 2>/dev/null
wait "$kpid" 2>/dev/null
held=$(psql -X -q -A -t "$PG5" -c "SELECT count(*) FROM crawl_frontier
	WHERE claimed_by IS NOT NULL AND state = 'pending'")
check "the killed crawl held claims ($held)" [ "$held" -gt 0 ]
rm_run --db "$PG5" --config config-polite crawl -q
expect_status "a crawl after the kill exits 0" 0
check "the killed run is marked interrupted" [ "$(psql -X -q -A -t "$PG5" \
	-c "SELECT count(*) FROM crawl_runs WHERE state = 'interrupted'")" = 1 ]
sleep 5
rm_run --db "$PG5" --config config-polite crawl -q
expect_status "a crawl after the lease exits 0" 0
check "nothing is left pending" [ "$(psql -X -q -A -t "$PG5" -c \
	"SELECT count(*) FROM crawl_frontier WHERE state = 'pending'")" = 0 ]
dump_pg "$PG5" >killed.dump
same "after the kill: the same database as one SQLite crawl" ref.dump \
	killed.dump
stop_gensite
