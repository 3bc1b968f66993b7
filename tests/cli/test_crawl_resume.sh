#!/bin/sh
# Cron safety end to end: a crawl killed with SIGKILL in the middle
# resumes with nothing lost and nothing stored twice (the same database
# as one uninterrupted crawl), and two overlapping crawls: the second
# exits 0 at once, or waits its turn with --wait.
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/cli/crawl_lib.sh"

copy_site
# A slow site, so a crawl is still running when the test acts.
start_site site --throttle-ms 100
write_source demo "delay = 20ms"

# A reference: one uninterrupted crawl into its own database.
rm_run --db ref.db --config config crawl --allow-private
expect_status "reference crawl exits 0" 0
: >access.log

# Kill a crawl once it has stored something.
$RUMORMILL_WRAP "$RUMORMILL" --db db --config config crawl --allow-private \
	>out 2>err &
pid=$!
wait_log /news/ 3
kill -9 "$pid"
wait "$pid" 2>/dev/null
first=$(grep -c '/news/' access.log)
stored=$(sql 'SELECT count(*) FROM articles')
check "the killed crawl had stored some articles, not all ($stored)" \
	[ "$stored" -ge 1 ] && [ "$stored" -lt 9 ]

crawl
expect_status "the next crawl exits 0" 0
total=$(grep -c '/news/' access.log)
check "the next crawl fetched only what was left ($first then $total in all)" \
	[ "$total" -le 10 ]
check "nothing lost: nine articles" [ "$(sql 'SELECT count(*) FROM articles')" = 9 ]
check "the frontier is done" \
	[ "$(sql "SELECT count(*) FROM crawl_frontier WHERE state <> 'done'")" = 0 ]
check "the killed run is marked interrupted" \
	[ "$(sql "SELECT count(*) FROM crawl_runs WHERE state = 'interrupted'")" = 1 ]
contains "the rumors the killed run found are reported now" "Snapdragon" out
rm_run --db db query --format json
jq -S 'map(del(.id, .created_at, .changed_at)) | sort_by(.device, .attribute, .value)' out >resumed.json
rm_run --db ref.db query --format json
jq -S 'map(del(.id, .created_at, .changed_at)) | sort_by(.device, .attribute, .value)' out >ref.json
check "same rumors as the uninterrupted crawl" cmp -s resumed.json ref.json
check "same evidence rows as the uninterrupted crawl" \
	[ "$(sql 'SELECT count(*) FROM evidence')" = "$(sqlite3 ref.db 'SELECT count(*) FROM evidence')" ]

# Overlapping runs.
rm -f db db-wal db-shm order
: >access.log
( $RUMORMILL_WRAP "$RUMORMILL" --db db --config config crawl --allow-private \
	>a.out 2>a.err; echo a >>order ) &
apid=$!
wait_log / 1
crawl
expect_status "a second crawl exits 0" 0
contains "it says another crawl is running" "another crawl is running" err
check "the first crawl is still running" [ ! -s order ]
( $RUMORMILL_WRAP "$RUMORMILL" --db db --config config crawl --allow-private \
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

stop_site
