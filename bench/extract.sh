#!/bin/sh
# Article extraction figures, all from `rumormill extract --list` over
# both corpora (tests/data/corpus) in one process: body precision, recall
# and F1 on the article extraction benchmark and publication-date accuracy on the
# htmldate set (bench/extract_score scores the JSON lines), CPU time on
# one core as pages/s and MB/s, and peak RSS (/usr/bin/time); then a
# bare gumbo parse of the same pages (bench/gumbo_parse) and the run's
# time as a multiple of it.
#
#   bench/extract.sh             print the figures
#   bench/extract.sh --gate      compare body F1 and date accuracy with
#                                bench/extract-baseline.txt; exit 1 when
#                                either is more than 0.01 below it
#   bench/extract.sh --repeat N  the corpora N times over in one process
#                                (N=27: 10,287 pages), first with ./rumormill
#                                and then with the ASan+LSan build
#                                (make SANITIZE=1); peak RSS after the
#                                first and over the last thousand pages;
#                                exit 1 on any leak or sanitizer error
#
# RUMORMILL=binary overrides ./rumormill; BUILD the bench build folder;
# RUMORMILL_CORPUS another folder holding the two corpora.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
CORPUS=${RUMORMILL_CORPUS:-tests/data/corpus}
BASELINE=bench/extract-baseline.txt
TOLERANCE=0.01
WORK=$BUILD/bench/extract
# How often the --repeat run samples the process's memory.
POLL_SECONDS=0.5
# Timed runs of rumormill extract (figures mode), median reported.
REPS=${REPS:-3}

mode=figures
repeat=0
case "${1:-}" in
--gate) mode=gate REPS=1 ;;
--repeat)
	mode=repeat
	repeat=${2:-}
	case "$repeat" in
	'' | *[!0-9]*) echo "usage: bench/extract.sh --repeat N" >&2; exit 2 ;;
	esac
	;;
'') ;;
*) echo "usage: bench/extract.sh [--gate | --repeat N]" >&2; exit 2 ;;
esac

# The long run keeps its own folder, so that the figures can run beside.
[ "$mode" = repeat ] && WORK=$BUILD/bench/extract-repeat

if [ -z "${RUMORMILL:-}" ]; then
	make -s rumormill >&2
	RUMORMILL=./rumormill
fi
make -s BUILD="$BUILD" "$BUILD/bench/extract_score" >&2

# The pages, uncompressed, and the list naming each with its URL.  An
# empty configuration folder: no user lexicon changes the figures.
rm -rf "$WORK"
mkdir -p "$WORK/cfg"
"$BUILD/bench/extract_score" -l "$WORK/pages" "$CORPUS" >"$WORK/list"
pages=$(wc -l <"$WORK/list")
bytes=$(find "$WORK/pages" -type f -name '*.html' -exec cat {} + | wc -c)

# watch_rss BINARY LIST OUT-PREFIX: extract LIST in one process while
# sampling its resident set: the peak while the first 1,000 pages are
# extracted, the largest over the last 1,000 and the peak of the whole
# run.  Prints the figures and returns the process's exit status.
watch_rss() {
	fifo=$3.fifo
	rm -f "$fifo" "$3.progress" "$3.time"
	mkfifo "$fifo"
	# Count the lines printed so far, so that samples know the page.
	awk -v f="$3.progress" '{ n++ } n % 50 == 0 { print n >f; close(f) }
		END { print n + 0 >f }' <"$fifo" >/dev/null &
	counter=$!
	# GNU time reports the exact peak at exit (getrusage); the samples
	# below place it within the run.
	/usr/bin/time -f '%M' -o "$3.time" \
		"$1" --config "$WORK/cfg" extract --list "$2" >"$fifo" \
		2>"$3.err" &
	timer=$!
	pid=
	tries=0
	while [ -z "$pid" ] && [ "$tries" -lt 100 ]; do
		pid=$(cat "/proc/$timer/task/$timer/children" 2>/dev/null |
			tr -d ' ' || true)
		tries=$((tries + 1))
		[ -n "$pid" ] || sleep 0.05
	done
	first=0 last=0 peak=0 done_pages=0 last_from=$(($(wc -l <"$2") - 1000))
	while [ -n "$pid" ] && [ -r "/proc/$pid/status" ]; do
		# Read while awk rewrites it, the count may be empty.
		n=$(cat "$3.progress" 2>/dev/null || true)
		case "$n" in '' | *[!0-9]*) ;; *) done_pages=$n ;; esac
		# The larger of VmHWM and VmRSS: the kernel updates the
		# high-water mark lazily.
		kb=$(awk '/^Vm(HWM|RSS):/ { if ($2 > m) m = $2 } END { print m }' \
			"/proc/$pid/status" 2>/dev/null || true)
		[ -n "$kb" ] || break
		[ "$done_pages" -le 1000 ] && [ "$kb" -gt "$first" ] && first=$kb
		[ "$done_pages" -ge "$last_from" ] && [ "$kb" -gt "$last" ] &&
			last=$kb
		[ "$kb" -gt "$peak" ] && peak=$kb
		sleep "$POLL_SECONDS"
	done
	status=0
	wait "$timer" || status=$?
	wait "$counter" || true
	rm -f "$fifo"
	echo "pages=$(cat "$3.progress" 2>/dev/null || echo 0)"
	awk -v a="$first" -v b="$last" -v p="$peak" \
		-v c="$(tail -n 1 "$3.time")" 'BEGIN {
		printf "peak_rss_mb_first_1000=%.1f\n", a / 1024
		printf "peak_rss_mb_last_1000=%.1f\n", b / 1024
		printf "peak_rss_mb=%.1f\n", (c > p ? c : p) / 1024
	}'
	echo "exit_status=$status"
	return "$status"
}

if [ "$mode" = repeat ]; then
	i=0
	while [ "$i" -lt "$repeat" ]; do
		cat "$WORK/list"
		i=$((i + 1))
	done >"$WORK/repeat.list"
	echo "== $RUMORMILL: $((pages * repeat)) pages in one process"
	watch_rss "$RUMORMILL" "$WORK/repeat.list" "$WORK/plain" || {
		sed 's/^/    /' "$WORK/plain.err" | head -n 20 >&2
		exit 1
	}
	make -s SANITIZE=1 build-san/rumormill >&2
	echo "== build-san/rumormill (ASan+LSan+UBSan):" \
		"$((pages * repeat)) pages in one process"
	# Leaks are reported at exit and make the exit status non-zero.
	ASAN_OPTIONS=detect_leaks=1:exitcode=23 \
		watch_rss build-san/rumormill "$WORK/repeat.list" "$WORK/san" || {
		sed 's/^/    /' "$WORK/san.err" | head -n 40 >&2
		exit 1
	}
	if grep -q 'Sanitizer' "$WORK/san.err"; then
		sed 's/^/    /' "$WORK/san.err" | head -n 40 >&2
		exit 1
	fi
	echo "no leaks, no sanitizer errors"
	exit 0
fi

# Timed REPS times (the machine is shared): the median CPU time counts.
r=0
while [ "$r" -lt "$REPS" ]; do
	/usr/bin/time -f '%U %S %M' -o "$WORK/time" \
		"$RUMORMILL" --config "$WORK/cfg" extract --list "$WORK/list" \
		>"$WORK/out.jsonl" 2>"$WORK/err" || {
		echo "bench/extract.sh: rumormill extract failed:" >&2
		head -n 20 "$WORK/err" >&2
		exit 1
	}
	# GNU time's last line: user and system seconds, peak RSS in KiB.
	tail -n 1 "$WORK/time"
	r=$((r + 1))
done >"$WORK/times"
out=$("$BUILD/bench/extract_score" "$CORPUS" <"$WORK/out.jsonl")
echo "$out"
secs=$(awk '{ print $1 + $2 }' "$WORK/times" | sort -n |
	awk '{ v[NR] = $1 } END { printf "%.3f", v[int((NR + 1) / 2)] }')
rss_kb=$(awk '$3 > m { m = $3 } END { print m }' "$WORK/times")
awk -v p="$pages" -v b="$bytes" -v t="$secs" -v m="$rss_kb" \
	-v n="$REPS" 'BEGIN {
	printf "extract_pages=%d\nextract_mb=%.1f\nextract_reps=%d\n", p,
		b / 1e6, n
	printf "extract_seconds=%.3f\n", t
	printf "pages_per_s=%.1f\nmb_per_s=%.2f\n", p / t, b / t / 1e6
	printf "peak_rss_mb=%.1f\n", m / 1024
}'

if [ "$mode" = gate ]; then
	status=0
	for key in body_f1 date_accuracy; do
		now=$(echo "$out" | sed -n "s/^$key=//p")
		base=$(sed -n "s/^$key=//p" "$BASELINE")
		if [ -z "$now" ] || [ -z "$base" ]; then
			echo "extract gate: $key missing" >&2
			status=1
			continue
		fi
		if awk -v n="$now" -v b="$base" -v t="$TOLERANCE" \
			'BEGIN { exit !(n < b - t) }'; then
			echo "extract gate: $key $now < baseline $base - $TOLERANCE" >&2
			status=1
		else
			echo "extract gate: $key $now (baseline $base) ok"
		fi
	done
	exit $status
fi

make -s BUILD="$BUILD" "$BUILD/bench/gumbo_parse" >&2
floor=$("$BUILD/bench/gumbo_parse" "$CORPUS")
echo "$floor"
g=$(echo "$floor" | sed -n 's/^gumbo_seconds=//p')
awk -v e="$secs" -v g="$g" 'BEGIN { printf "extract_vs_gumbo=%.2f\n", e / g }'
