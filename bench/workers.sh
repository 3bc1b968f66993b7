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
#   WORKERS_PAGES   articles on the site (2000)
#   WORKERS_COUNTS  the numbers of crawls to run ("1 2 4")
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
RUMORMILL=${RUMORMILL:-$(pwd)/rumormill}
PAGES=${WORKERS_PAGES:-2000}
COUNTS=${WORKERS_COUNTS:-1 2 4}
PGCLUSTER=tests/support/pgcluster.sh

die() {
	echo "bench/workers.sh: $*" >&2
	exit 1
}

sh "$PGCLUSTER" available || die "needs PostgreSQL (Debian: postgresql)"
make -s BUILD="$BUILD" "$BUILD/tools/gensite" >&2
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
	t0=$(now_ms)
	pids=
	for k in $(seq "$1"); do
		"$RUMORMILL" --db "$2" --config "$work/conf" crawl -q \
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

printf '%-24s %8s %9s %8s\n' "store" "wall s" "articles" "pages/s"
crawl_with 1 "$work/sqlite.db"
n=$(sqlite3 "$work/sqlite.db" 'SELECT count(*) FROM articles')
printf '%-24s %8.2f %9d %8s\n' "SQLite, 1 crawl" \
	"$(awk -v ms="$wall_ms" 'BEGIN { print ms / 1000 }')" "$n" \
	"$(rate "$n" "$wall_ms")"
echo "sqlite_1_pages_per_s=$(rate "$n" "$wall_ms")" >"$work/kv"
for count in $COUNTS; do
	uri=$(sh "$PGCLUSTER" createdb "$cluster" "bench$count")
	crawl_with "$count" "$uri"
	n=$(psql -X -q -A -t "$uri" -c 'SELECT count(*) FROM articles')
	twice=$(psql -X -q -A -t "$uri" -c "SELECT count(*) FROM crawl_frontier
		WHERE state <> 'done'")
	[ "$n" = "$PAGES" ] && [ "$twice" = 0 ] ||
		die "$count crawls stored $n of $PAGES ($twice not done)"
	printf '%-24s %8.2f %9d %8s\n' "PostgreSQL, $count crawl(s)" \
		"$(awk -v ms="$wall_ms" 'BEGIN { print ms / 1000 }')" "$n" \
		"$(rate "$n" "$wall_ms")"
	echo "postgresql_${count}_pages_per_s=$(rate "$n" "$wall_ms")" \
		>>"$work/kv"
done
echo
cat "$work/kv"
echo "cores=$(nproc) pages=$PAGES"
