#!/bin/sh
# What cron can do to a crawl's database besides killing it (see
# test_crash_recovery; overlapping runs are in test_crawl_resume):
#  - `query` in a loop while a crawl writes: every query exits 0, fast
#    (WAL: readers are never blocked), and no reader ever sees half an
#    article (each article it sees has all its evidence);
#  - a read-only database: the crawl exits 1 naming the file, queries
#    still work, nothing changes;
#  - a full disk (a file size limit, and a full tmpfs where mounting is
#    allowed): the crawl exits 1 naming the file, the database passes
#    integrity_check, and the next crawl with room finishes the job with
#    the same result as an undisturbed crawl.
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/cli/gensite_lib.sh"

# Under valgrind (RUMORMILL_WRAP), where every run starts in seconds,
# a smaller site, and only the runs that meet a fault are wrapped (the
# crawl under the queries, the crawls on a read-only database and over
# a file size limit); the queries and the other crawls run plain.
QWRAP=
if [ -n "$RUMORMILL_WRAP" ]; then
	PAGES=40
	echo "note: valgrind: $PAGES pages (plain: 300), queries and" \
		"recovering crawls without valgrind"
else
	PAGES=300
	QWRAP=$RUMORMILL_WRAP
fi
QUERY_MS=2000
now_ms() { date +%s%3N; }
rm -rf db db-* fsize.db* disk.db* full snap.txt

start_gensite "$PAGES" 4
gensite_config

# ---- queries during a crawl ----
$RUMORMILL_WRAP "$RUMORMILL" --db db --config config crawl -q \
	>crawl.out 2>crawl.err &
cpid=$!
# The loop starts once the crawl has made the schema.
while ! sqlite3 db 'SELECT 1 FROM articles LIMIT 1' >/dev/null 2>&1 &&
	kill -0 "$cpid" 2>/dev/null; do
	sleep 0.02
done
queries=0
bad=0
slowest=0
while kill -0 "$cpid" 2>/dev/null; do
	t0=$(now_ms)
	$QWRAP "$RUMORMILL" --db db query --format json --limit 20 \
		>q.json 2>q.err
	st=$?
	dt=$(($(now_ms) - t0))
	[ "$dt" -gt "$slowest" ] && slowest=$dt
	if [ "$st" -ne 0 ] || ! jq -e 'type == "array"' q.json >/dev/null; then
		bad=$((bad + 1))
		cp q.err bad-query.err
	fi
	# One statement, one snapshot: every article with its evidence.
	sqlite3 -cmd '.timeout 5000' db "SELECT a.url, (SELECT count(*)
		FROM evidence e WHERE e.article_id = a.id) FROM articles a" \
		>>snap.txt
	queries=$((queries + 1))
done
wait "$cpid"
cst=$?
check "the crawl under the queries exits 0" [ "$cst" -eq 0 ]
echo "$queries queries during the crawl, slowest ${slowest} ms"
check "queries ran during the crawl ($queries)" [ "$queries" -ge 3 ]
if [ "$bad" -eq 0 ]; then pass "every query exited 0 with a JSON array"
else fail "every query exited 0 with a JSON array" \
	"$bad failed: $(head -c 200 bad-query.err)"; fi
check "every query took under $QUERY_MS ms (slowest $slowest)" \
	[ "$slowest" -lt "$QUERY_MS" ]
sqlite3 db "SELECT a.url, (SELECT count(*) FROM evidence e
	WHERE e.article_id = a.id) FROM articles a" | sort >final.txt
sort -u snap.txt >seen.txt
check "the readers saw articles while they were written ($(wc -l <seen.txt))" \
	[ "$(wc -l <seen.txt)" -gt 1 ]
if [ -z "$(comm -23 seen.txt final.txt)" ]; then
	pass "no reader saw an article without all its evidence"
else
	fail "no reader saw an article without all its evidence" \
		"$(comm -23 seen.txt final.txt | head -n 3)"
fi
dump_db db >ref.dump

# ---- a read-only database ----
# Root can write a 0444 file: then the runs are made as nobody.
sqlite3 db 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
RO=$(mktemp -d "${TMPDIR:-/tmp}/rumormill-ro.XXXXXX")
chmod 755 "$RO"
cp -R config "$RO/config"
cp db "$RO/db"
ro_as=
if [ "$(id -u)" -eq 0 ]; then
	ro_as="setpriv --reuid=65534 --regid=65534 --clear-groups"
	# shellcheck disable=SC2086
	if command -v setpriv >/dev/null &&
		$ro_as "$RUMORMILL" --version >/dev/null 2>&1; then
		chown -R 65534:65534 "$RO"
	else
		ro_as=none
	fi
fi
if [ "$ro_as" = none ]; then
	echo "note: running as root without setpriv or a binary nobody can" \
		"run: read-only database not tested"
else
	chmod 0444 "$RO/db"
	# ro_run WRAP ARGS...: a run on the read-only copy.
	ro_run() {
		w=$1
		shift
		# shellcheck disable=SC2086
		$ro_as $w "$RUMORMILL" --db "$RO/db" --config "$RO/config" \
			"$@" >out 2>err
		status=$?
	}
	ro_run "$RUMORMILL_WRAP" crawl -q --revisit
	expect_status "crawl on a read-only database exits 1" 1
	contains "it says the database is read-only" "readonly database" err
	contains "it names the file" "$RO/db" err
	ro_run "$QWRAP" query --format csv --limit 5
	expect_status "query on a read-only database exits 0" 0
	contains "query reads it" "device," out
	check "the read-only database is unchanged" \
		[ "$(dump_db "$RO/db")" = "$(cat ref.dump)" ]

	# A database with a write-ahead log and no -shm in a directory
	# no one may write (a read-only file system): SQLite cannot
	# create the -shm to read it.  That used to be reported as "No
	# such file or directory" for a database that is there.
	rm -f "$RO/db"
	python3 - "$RO/db" <<'EOF'
import shutil, sqlite3, sys
c = sqlite3.connect('db')
c.execute('PRAGMA wal_autocheckpoint = 0')
c.execute('UPDATE crawl_runs SET id = id')
c.commit()
shutil.copy('db', sys.argv[1])
shutil.copy('db-wal', sys.argv[1] + '-wal')
c.close()
EOF
	chmod 0444 "$RO/db" "$RO/db-wal"
	[ "$ro_as" ] && chown 0:0 "$RO" && chmod 0555 "$RO"
	ro_run "$QWRAP" query --format csv --limit 5
	expect_status "query on a read-only WAL database exits 1" 1
	contains "it says why" \
		"has a write-ahead log ($RO/db-wal) but no $RO/db-shm" err
	lacks "not that the file is missing" "No such file" err
	chmod 755 "$RO"
fi
rm -rf "$RO"

# ---- a full disk ----
# finish DB: the next crawl with room; same result as the first crawl.
finish() {
	check "$2: integrity_check ok" \
		[ "$(sqlite3 "$1" 'PRAGMA integrity_check')" = ok ]
	$QWRAP "$RUMORMILL" --db "$1" --config config crawl -q >out 2>err
	status=$?
	expect_status "$2: the next crawl exits 0" 0
	dump_db "$1" >"$1.dump"
	check "$2: then the same database as an undisturbed crawl" \
		cmp -s ref.dump "$1.dump"
}

# A file size limit (EFBIG); SIGXFSZ ignored, as a write then fails.
(
	trap '' XFSZ
	ulimit -f 400
	exec $RUMORMILL_WRAP "$RUMORMILL" --db fsize.db --config config \
		crawl -q >out 2>err
)
status=$?
expect_status "crawl over a file size limit exits 1" 1
contains "it names the file" "fsize.db" err
lacks "no crash" "Sanitizer" err
finish fsize.db "file size limit"

# A full file system: a small tmpfs, where this user may mount one.  The
# database and its WAL are copied out before the tmpfs goes away.
if unshare -m sh -c 'mount -t tmpfs -o size=64k tmpfs /mnt' 2>/dev/null; then
	mkdir -p full
	unshare -m sh -c "mount -t tmpfs -o size=400k tmpfs full &&
		$QWRAP '$RUMORMILL' --db full/db --config config \
			crawl -q >out 2>err
		echo \$? >full.status
		cp full/db disk.db && cp full/db-wal disk.db-wal"
	status=$(cat full.status)
	expect_status "crawl on a full file system exits 1" 1
	contains "it says the disk is full" "disk is full" err
	contains "it names the file" "full/db" err
	lacks "no crash" "Sanitizer" err
	finish disk.db "full file system"
else
	echo "note: cannot mount a tmpfs here: full file system not tested"
fi

stop_gensite
