#!/bin/sh
# Article extraction figures: body precision/recall/F1 on the article
# extraction benchmark, publication-date accuracy on the htmldate set,
# speed on one core and peak RSS (bench/extract_score), then the whole
# extraction timed against a bare gumbo parse (bench/gumbo_parse).
#
#   bench/extract.sh          print the figures
#   bench/extract.sh --gate   compare body F1 and date accuracy with
#                             bench/extract-baseline.txt; exit 1 when
#                             either is more than 0.01 below it
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
CORPUS=${RUMORMILL_SHARED:-$(cd .. && pwd)/shared}/corpus
BASELINE=bench/extract-baseline.txt
TOLERANCE=0.01

gate=0
[ "${1:-}" = "--gate" ] && gate=1

make -s BUILD="$BUILD" "$BUILD/bench/extract_score" >&2
out=$("$BUILD/bench/extract_score" "$CORPUS")
echo "$out"

if [ "$gate" = 1 ]; then
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
"$BUILD/bench/gumbo_parse" "$CORPUS"
