#!/bin/sh
# Crash recovery: `rumormill crawl` of the generated site (several hosts,
# no delay) killed with SIGKILL at many random moments (seeded: CRASH_SEED,
# printed), restarted each time, and then run to the end.  The database
# must pass PRAGMA integrity_check, hold no duplicate, and equal, row for
# row, the database of one uninterrupted crawl (articles, rumors,
# evidence and the frontier; ids and times aside).
#
# Kill moments: most when the database holds the next share of the
# articles, one in five in the start-up (opening the database, loading
# the lexicon).
# Under valgrind (RUMORMILL_WRAP), whose start-up alone takes seconds, a
# smaller site is crawled and killed without it, and the crawl that
# recovers from the kills runs under it.
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/cli/gensite_lib.sh"

SEED=${CRASH_SEED:-20240611}
if [ -n "$RUMORMILL_WRAP" ]; then
	PAGES=150 HOSTS=2 KILLS=12
	echo "note: valgrind: $PAGES pages, $KILLS kills without valgrind," \
		"the recovery under it (plain: 300 pages, 50 kills)"
else
	PAGES=300 HOSTS=4 KILLS=50
fi
echo "seed $SEED"

now_ms() { date +%s%3N; }

# unwrapped_crawl DB: a crawl without valgrind (status in $status).
unwrapped_crawl() {
	"$RUMORMILL" --db "$1" --config config crawl -q >out 2>err
	status=$?
}

rm -f db db-* ref.db ref.db-*
start_gensite "$PAGES" "$HOSTS"
gensite_config

t0=$(now_ms)
unwrapped_crawl ref.db
t1=$(now_ms)
expect_status "the uninterrupted crawl exits 0" 0
check "it stored every article" \
	[ "$(sqlite3 ref.db 'SELECT count(*) FROM articles')" = "$PAGES" ]
# The start-up: a run with nothing to do.
unwrapped_crawl ref.db
t2=$(now_ms)
work_ms=$((t1 - t0))
start_ms=$((t2 - t1))
echo "uninterrupted crawl ${work_ms} ms, an idle run ${start_ms} ms"

# The kill moments: one in five within the start-up (a random share of
# an idle run's time); the others once the database holds the next
# share of the articles (PAGES * i / (KILLS + 1)), plus a random 0-20
# ms, so the kills fall all through the crawl however fast the machine
# is.  The random numbers come from awk, seeded.
awk -v seed="$SEED" -v n="$KILLS" \
	'BEGIN { srand(seed); for (i = 0; i < n; i++) print rand() }' >randoms
# Polls are bounded: a run that stops storing is killed after 30 s.
POLL_MAX=3000
articles() {
	sqlite3 db 'SELECT count(*) FROM articles' 2>/dev/null || echo 0
}
killed=0
finished=0
i=0
progress=
while read -r r; do
	i=$((i + 1))
	"$RUMORMILL" --db db --config config crawl -q >kill.out 2>kill.err &
	pid=$!
	if [ $((i % 5)) -eq 0 ]; then
		sleep "$(awk -v r="$r" -v s="$start_ms" \
			'BEGIN { printf "%.3f", r * s / 1000 }')"
	else
		target=$((PAGES * i / (KILLS + 1)))
		polls=0
		while [ "$(articles)" -lt "$target" ] &&
			kill -0 "$pid" 2>/dev/null &&
			[ "$polls" -lt "$POLL_MAX" ]; do
			polls=$((polls + 1))
			sleep 0.01
		done
		sleep "$(awk -v r="$r" 'BEGIN { printf "%.3f", r * 0.02 }')"
	fi
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	st=$?
	# 137: killed; 0: the run finished first.  Anything else is a bug.
	case "$st" in
	137) killed=$((killed + 1)) ;;
	0) finished=$((finished + 1)) ;;
	*) fail "a run before its kill exited $st" "$(head -c 300 kill.err)" ;;
	esac
	progress="$progress $(articles)"
done <randoms
echo "$killed runs killed, $finished finished before their kill"
echo "articles stored after each kill:$progress"
# A run may finish the crawl before its kill (a late kill is wasted, not
# wrong); most must not, or the test proves nothing.
check "most runs were killed ($killed of $KILLS)" \
	[ "$killed" -ge $((KILLS * 3 / 4)) ]
check "the kills were spread over the crawl" \
	[ "$(echo "$progress" | tr ' ' '\n' | sort -un | grep -c .)" -ge \
		$((KILLS / 4)) ]
stored=$(sqlite3 db 'SELECT count(*) FROM articles')
echo "articles stored by the killed runs: $stored of $PAGES"

gen_crawl db
expect_status "the crawl after the kills exits 0" 0
check "integrity_check: ok" \
	[ "$(sqlite3 db 'PRAGMA integrity_check')" = ok ]
check "foreign_key_check: nothing" \
	[ -z "$(sqlite3 db 'PRAGMA foreign_key_check')" ]
check "no duplicate article URL" [ "$(sqlite3 db \
	'SELECT count(*) - count(DISTINCT url) FROM articles')" = 0 ]
check "no duplicate article text" [ "$(sqlite3 db \
	'SELECT count(*) - count(DISTINCT content_hash) FROM articles')" = \
	"$(sqlite3 ref.db \
	'SELECT count(*) - count(DISTINCT content_hash) FROM articles')" ]
check "no duplicate rumor" [ "$(sqlite3 db "SELECT count(*) FROM (SELECT
	subject_id, attribute, value, qualifier FROM rumors GROUP BY 1, 2, 3, 4
	HAVING count(*) > 1)")" = 0 ]
check "no duplicate entity" [ "$(sqlite3 db "SELECT count(*) FROM (SELECT
	kind, name FROM entities GROUP BY 1, 2 HAVING count(*) > 1)")" = 0 ]
check "no duplicate evidence" [ "$(sqlite3 db "SELECT count(*) FROM (SELECT
	rumor_id, article_id FROM evidence GROUP BY 1, 2
	HAVING count(*) > 1)")" = 0 ]
check "no run left 'running'" [ "$(sqlite3 db \
	"SELECT count(*) FROM crawl_runs WHERE state = 'running'")" = 0 ]
check "the killed runs are marked interrupted" [ "$(sqlite3 db \
	"SELECT count(*) FROM crawl_runs WHERE state = 'interrupted'")" -ge 1 ]
dump_db ref.db >ref.dump
dump_db db >db.dump
check "the dumps are not empty ($(wc -l <ref.dump) rows)" \
	[ "$(grep -c '^evidence' ref.dump)" -gt 0 ]
if cmp -s ref.dump db.dump; then
	pass "the same articles, rumors, evidence and frontier as the uninterrupted crawl"
else
	fail "the same articles, rumors, evidence and frontier as the uninterrupted crawl" \
		"$(diff ref.dump db.dump | head -n 10)"
fi

stop_gensite
