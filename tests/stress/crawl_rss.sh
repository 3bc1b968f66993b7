#!/bin/sh
# Memory of a long crawl: one `rumormill crawl` of a generated site of
# PAGES articles (build/tools/gensite, 8 loopback hosts, delay 0) into a
# fresh database, sampling the crawl's resident set (VmRSS) and its peak
# so far (VmHWM) from /proc as the stored articles pass each mark.  Flat
# memory means the peak at the last mark is close to the peak at the
# first.  Not part of `make check` (it takes a while); run by hand:
#
#   nice sh tests/stress/crawl_rss.sh [PAGES [MARKS...]]
#
# Defaults: 100000 pages, marks 10000 50000 100000.  Prints one line per
# mark, then /usr/bin/time -v's figures for the whole run.
set -eu
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
RUMORMILL=${RUMORMILL:-$(pwd)/rumormill}
PAGES=${1:-100000}
[ $# -gt 0 ] && shift
MARKS=${*:-10000 50000 100000}

die() {
	echo "crawl_rss.sh: $*" >&2
	exit 1
}
[ -x /usr/bin/time ] || die "needs /usr/bin/time"
make -s BUILD="$BUILD" "$BUILD/tools/gensite" >&2
[ -x "$RUMORMILL" ] || make -s >&2

. bench/site.sh
site_start rss "$PAGES"

site_sources "$work/conf"
printf '[crawl]\nallow_private = yes\n' >"$work/conf/rumormill.conf"

db="$work/rss.db"
/usr/bin/time -v -o "$work/time" "$RUMORMILL" --db "$db" \
	--config "$work/conf" crawl -q >"$work/out" 2>"$work/err" &
timer=$!
pid=
while [ -z "$pid" ] && kill -0 "$timer" 2>/dev/null; do
	sleep 0.2
	pid=$(pgrep -P "$timer" || true)
done

kb() { sed -n "s/^$1:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$pid/status" \
	2>/dev/null || true; }
t0=$(date +%s)
printf '%-10s %-8s %-12s %-12s\n' articles seconds "VmRSS MB" "VmHWM MB"
for mark in $MARKS; do
	while kill -0 "$timer" 2>/dev/null; do
		n=$(sqlite3 "$db" 'SELECT count(*) FROM articles' 2>/dev/null ||
			echo 0)
		[ "${n:-0}" -ge "$mark" ] && break
		sleep 2
	done
	rss=$(kb VmRSS)
	hwm=$(kb VmHWM)
	[ -n "$hwm" ] || break # the crawl has ended: see time -v below
	printf '%-10s %-8s %-12s %-12s\n' "$n" "$(($(date +%s) - t0))" \
		"$(awk "BEGIN { printf \"%.1f\", $rss / 1024 }")" \
		"$(awk "BEGIN { printf \"%.1f\", $hwm / 1024 }")"
done
wait "$timer" || die "the crawl failed: $(tail -3 "$work/err")"
echo "articles stored: $(sqlite3 "$db" 'SELECT count(*) FROM articles')"
echo "database: $(du -m "$db" | cut -f1) MB"
grep -E 'Elapsed|Maximum resident|User time|System time' "$work/time"
