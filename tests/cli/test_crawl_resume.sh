#!/bin/sh
# Cron safety end to end: a crawl killed with SIGKILL in the middle
# resumes with nothing lost and nothing stored twice (the same database
# as one uninterrupted crawl), and two overlapping crawls: the second
# exits 0 at once, or waits its turn with --wait (SQLite only: crawls on
# one PostgreSQL database share the work instead, see test_postgresql).
# backends: sqlite postgresql
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/cli/crawl_lib.sh"
DB=$(new_db db) || exit 2
REF=$(new_db ref.db) || exit 2

copy_site
# A slow site, so a crawl is still running when the test acts.
start_site site --throttle-ms 100
write_source demo "delay = 20ms"

# A reference: one uninterrupted crawl into its own database.
rm_run --db "$REF" --config config crawl --allow-private
expect_status "reference crawl exits 0" 0
: >access.log

# Kill a crawl once it has stored something: its writer has committed
# a batch (which may come a while after the fetches under valgrind).
$RUMORMILL_WRAP "$RUMORMILL" --db "$DB" --config config crawl --allow-private \
	>out 2>err &
pid=$!
wait_log /news/ 1
tries=0
while [ "$(sql 'SELECT count(*) FROM articles' 2>/dev/null || echo 0)" \
	-lt 1 ] && [ "$tries" -lt 600 ]; do
	sleep 0.05
	tries=$((tries + 1))
done
kill -9 "$pid"
wait "$pid" 2>/dev/null
# The server logs a request when it has answered it, after the throttle:
# one the killed crawl had in flight lands in the log a little later.
sleep 0.5
first=$(grep -c '/news/' access.log)
stored=$(sql 'SELECT count(*) FROM articles')
check "the killed crawl had stored some articles, not all ($stored)" \
	[ "$stored" -ge 1 ] && [ "$stored" -lt 9 ]

crawl
expect_status "the next crawl exits 0" 0
total=$(grep -c '/news/' access.log)
# Exactly the articles the killed crawl had not stored: one it fetched
# but had not stored yet is fetched again (PostgreSQL's slower commits
# leave more of those than SQLite's), a stored one never.
check "the next crawl fetched only what was left ($first then $total in all, $stored stored)" \
	[ "$((total - first))" -eq "$((9 - stored))" ]
check "nothing lost: nine articles" [ "$(sql 'SELECT count(*) FROM articles')" = 9 ]
check "the frontier is done" \
	[ "$(sql "SELECT count(*) FROM crawl_frontier WHERE state <> 'done'")" = 0 ]
check "the killed run is marked interrupted" \
	[ "$(sql "SELECT count(*) FROM crawl_runs WHERE state = 'interrupted'")" = 1 ]
contains "the rumors the killed run found are reported now" "Snapdragon" out
rm_run --db "$DB" query --format json
jq -S 'map(del(.id, .created_at, .changed_at)) | sort_by(.device, .attribute, .value)' out >resumed.json
rm_run --db "$REF" query --format json
jq -S 'map(del(.id, .created_at, .changed_at)) | sort_by(.device, .attribute, .value)' out >ref.json
check "same rumors as the uninterrupted crawl" cmp -s resumed.json ref.json
check "same evidence rows as the uninterrupted crawl" \
	[ "$(sql 'SELECT count(*) FROM evidence')" = "$(dbq "$REF" 'SELECT count(*) FROM evidence')" ]

# Overlapping runs: the second crawl finds the first's lock file next
# to the database.  On PostgreSQL no lock is taken and a second crawl
# joins the first (test_postgresql checks that), so this is SQLite's.
if on_postgresql; then
	stop_site
	exit 0
fi
DB=$(new_db db) || exit 2
rm -f order
: >access.log
( $RUMORMILL_WRAP "$RUMORMILL" --db "$DB" --config config crawl --allow-private \
	>a.out 2>a.err; echo a >>order ) &
apid=$!
wait_log / 1
crawl
expect_status "a second crawl exits 0" 0
contains "it says another crawl is running" "another crawl is running" err
check "the first crawl is still running" [ ! -s order ]
( $RUMORMILL_WRAP "$RUMORMILL" --db "$DB" --config config crawl --allow-private \
	--wait --revisit >c.out 2>c.err; echo c >>order ) &
cpid=$!
wait "$apid"
wait "$cpid"
check "--wait ran after the first crawl finished" \
	[ "$(cat order | tr -d '\n')" = ac ]
check "the first crawl stored everything" \
	[ "$(sql 'SELECT count(*) FROM articles')" = 9 ]
check "the waiting crawl did its run (start pages revisited)" \
	[ "$(sql 'SELECT count(*) FROM crawl_runs')" = 2 ]

# The lock belongs to the database file, not to the path it was named
# by: a crawl through a symlink to it, or through another spelling of
# its path, while one runs does not start (both used to crawl at once,
# every page fetched twice).
DB=$(new_db db2) || exit 2
rm -f order link-db
ln -s db2 link-db
mkdir -p sub
: >access.log
( $RUMORMILL_WRAP "$RUMORMILL" --db "$DB" --config config crawl --allow-private \
	>a.out 2>a.err; echo a >>order ) &
apid=$!
wait_log / 1
rm_run --db link-db --config config crawl --allow-private
expect_status "a crawl through a symlink exits 0" 0
contains "it finds the crawl running on the database" \
	"another crawl is running" err
# Under valgrind the first crawl may be over before a third starts.
if [ -z "$RUMORMILL_WRAP" ]; then
	rm_run --db "./sub/../db2" --config config crawl --allow-private
	contains "so does one through another spelling of the path" \
		"another crawl is running" err
	check "the first crawl is still running" [ ! -s order ]
fi
wait "$apid"
check "no page was fetched twice" \
	[ -z "$(cut -f 2- access.log | grep /news/ | sort | uniq -d)" ]

stop_site
