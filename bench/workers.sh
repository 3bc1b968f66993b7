#!/bin/sh
# Crawls sharing one PostgreSQL database: the generated 8-host site
# (build/tools/gensite, WORKERS_PAGES articles) crawled into a fresh
# SQLite file by one crawl, then into fresh PostgreSQL databases by 1, 2
# and 4 crawls started at once, on a private cluster on this machine
# (tests/support/pgcluster.sh).  Wall time runs from the first crawl's
# start to the last one's end; pages/s are articles stored over it.
# Every crawl runs on this machine, so they share its cores: the figure
# is what dividing the work costs, not what more machines add.
#
# A network between the crawls and the server is stood in for by
# build/bench/delay_proxy, which holds every chunk of data the given
# one-way delay in each direction.  For each delay and count: articles
# stored a second, the round trips to the server per stored article
# (every crawl's, added up) and the share of the wall time the crawls'
# writers spent in write transactions, which hold the lock every writer
# takes (added up over the crawls: over 100% means they queued for it).
#
#   WORKERS_PAGES   articles on the site (2000)
#   WORKERS_COUNTS  the numbers of crawls to run ("1 2 4")
#   WORKERS_DELAYS  one-way delays in ms ("0 0.5 2"; 0: no proxy)
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
RUMORMILL=${RUMORMILL:-$(pwd)/rumormill}
PAGES=${WORKERS_PAGES:-2000}
COUNTS=${WORKERS_COUNTS:-1 2 4}
DELAYS=${WORKERS_DELAYS:-0 0.5 2}
PGCLUSTER=tests/support/pgcluster.sh

die() {
	echo "bench/workers.sh: $*" >&2
	exit 1
}

sh "$PGCLUSTER" available || die "needs PostgreSQL (Debian: postgresql)"
make -s BUILD="$BUILD" "$BUILD/tools/gensite" "$BUILD/bench/delay_proxy" >&2
[ -x "$RUMORMILL" ] || make -s >&2

. bench/site.sh
site_start workers-bench "$PAGES"
# Its own directory: the server's user must reach it (not under $work).
cluster=$(mktemp -d "${TMPDIR:-/tmp}/rumormill-pgbench.XXXXXX")
site_cleanup_pg() {
	sh "$PGCLUSTER" stop "$cluster" >/dev/null 2>&1 || true
	site_cleanup
}
trap site_cleanup_pg EXIT
sh "$PGCLUSTER" start "$cluster" >/dev/null || die "PostgreSQL did not start"

site_sources "$work/conf"
cat >"$work/conf/rumormill.conf" <<EOF
[crawl]
user_agent = rumormill-bench/0.1 (+http://127.0.0.1/)
allow_private = yes
EOF

now_ms() { date +%s%3N; }

# crawl_with N DB: N crawls of the site into DB at once; sets $wall_ms.
crawl_with() {
	rm -f "$work"/crawl*.out
	t0=$(now_ms)
	pids=
	for k in $(seq "$1"); do
		"$RUMORMILL" --db "$2" --config "$work/conf" crawl -v \
			>"$work/crawl$k.out" 2>&1 &
		pids="$pids $!"
	done
	for p in $pids; do
		wait "$p" || die "a crawl failed: $(cat "$work"/crawl*.out)"
	done
	wall_ms=$(($(now_ms) - t0))
}

rate() {
	awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.0f", n * 1000 / ms }'
}

# From the crawls' -v summaries: round trips per stored article, and
# the writers' time in transactions as a share of WALL_MS.
summary() {
	cat "$work"/crawl*.out | awk -v ms="$wall_ms" '
		/round trips to the database server/ { rt += $2 }
		/articles stored/ { for (i = 1; i < NF; i++)
			if ($(i + 1) == "articles" && $(i + 2) == "stored;") st += $i }
		/CPU: fetching/ { t = $2; sub(/s;$/, "", t)
			for (i = 1; i <= NF; i++) if ($i == "(writing")
				w += t * substr($(i + 1), 1, length($(i + 1)) - 1) / 100 }
		END { printf "%.1f %.0f", st ? rt / st : 0, 100 * w * 1000 / ms }'
}

printf '%-30s %8s %9s %8s %12s %10s\n' "store" "wall s" "articles" \
	"pages/s" "trips/article" "lock held"
crawl_with 1 "$work/sqlite.db"
n=$(sqlite3 "$work/sqlite.db" 'SELECT count(*) FROM articles')
set -- $(summary)
printf '%-30s %8.2f %9d %8s %12s %9s%%\n' "SQLite, 1 crawl" \
	"$(awk -v ms="$wall_ms" 'BEGIN { print ms / 1000 }')" "$n" \
	"$(rate "$n" "$wall_ms")" - "$2"
echo "sqlite_1_pages_per_s=$(rate "$n" "$wall_ms")" >"$work/kv"
port=$(sed -n 's|.*@127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$cluster/uri")
proxies=
for delay in $DELAYS; do
	via=$port
	if [ "$delay" != 0 ]; then
		mkfifo "$work/proxy$delay"
		"$BUILD/bench/delay_proxy" "$port" "$delay" \
			<"$work/proxy$delay" >"$work/proxy$delay.port" &
		proxies="$proxies $!"
		exec 4>"$work/proxy$delay"
		for _ in $(seq 50); do
			[ -s "$work/proxy$delay.port" ] && break
			sleep 0.1
		done
		via=$(cat "$work/proxy$delay.port")
		[ -n "$via" ] || die "the delay proxy did not start"
	fi
	for count in $COUNTS; do
		name="bench_${count}_$(echo "$delay" | tr . _)"
		uri=$(sh "$PGCLUSTER" createdb "$cluster" "$name" |
			sed "s|:$port/|:$via/|")
		crawl_with "$count" "$uri"
		n=$(psql -X -q -A -t "$uri" -c 'SELECT count(*) FROM articles')
		twice=$(psql -X -q -A -t "$uri" -c "SELECT count(*) FROM crawl_frontier
			WHERE state <> 'done'")
		[ "$n" = "$PAGES" ] && [ "$twice" = 0 ] ||
			die "$count crawls stored $n of $PAGES ($twice not done)"
		set -- $(summary)
		printf '%-30s %8.2f %9d %8s %12s %9s%%\n' \
			"PostgreSQL, $count crawl(s), ${delay} ms" \
			"$(awk -v ms="$wall_ms" 'BEGIN { print ms / 1000 }')" "$n" \
			"$(rate "$n" "$wall_ms")" "$1" "$2"
		key="postgresql_${count}_delay_$(echo "$delay" | tr . _)"
		{
			echo "${key}_pages_per_s=$(rate "$n" "$wall_ms")"
			echo "${key}_round_trips_per_article=$1"
			echo "${key}_lock_held_pct=$2"
		} >>"$work/kv"
	done
	[ "$delay" = 0 ] || exec 4>&-
done
for p in $proxies; do wait "$p" 2>/dev/null || true; done
echo
cat "$work/kv"
echo "cores=$(nproc) pages=$PAGES"
