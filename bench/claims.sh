#!/bin/sh
# Device, chipset and claim extraction figures on the labelled
# development sets (tests/data/extract-dev, see LABELS.md there):
# precision and recall of devices, chipsets, chipset claims, launch
# claims and all claims, and the share of claim-free items that got a
# claim, per set and over the real text; then the generated set once more
# with the grammar alone (no catalogue), which is how names nobody has
# listed yet fare; and the claims on constructions.jsonl, the project's
# own sentences (one construction each, positive and negative).
#
#   bench/claims.sh          print the figures
#   bench/claims.sh --gate   compare with bench/claims-baseline.txt; exit 1
#                            when a precision or recall is more than 0.01
#                            below it, or the negative rate more than 0.01
#                            above it
#
# RUMORMILL=binary overrides ./rumormill; BUILD the bench build folder.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
DEV=tests/data/extract-dev
BASELINE=bench/claims-baseline.txt
TOLERANCE=0.01
WORK=$BUILD/bench/claims

mode=figures
case "${1:-}" in
--gate) mode=gate ;;
'') ;;
*) echo "usage: bench/claims.sh [--gate]" >&2; exit 2 ;;
esac

if [ -z "${RUMORMILL:-}" ]; then
	make -s rumormill >&2
	RUMORMILL=./rumormill
fi
RUMORMILL=$(cd "$(dirname "$RUMORMILL")" && pwd)/$(basename "$RUMORMILL")

# The grammar alone: the binary beside a copy of the lexicon without its
# catalogue files (a binary finds config/lexicon beside itself).
rm -rf "$WORK"
mkdir -p "$WORK/grammar/config/lexicon"
cp "$RUMORMILL" "$WORK/grammar/rumormill"
cp config/lexicon/*.lex "$WORK/grammar/config/lexicon/"

# prefixed NAME: the scorer's KEY=VALUE figures, one a line, as NAME_KEY.
prefixed() {
	grep -v '^==' | sed 's/#.*//' | tr ' ' '\n' | grep '=' | sed "s/^/$1_/"
}

real_sets=$(ls "$DEV"/real-*.jsonl)
# shellcheck disable=SC2086
score() {
	python3 bench/claims_score.py --catalogue config/lexicon/95-catalogue.tsv \
		"$@"
}
score --rumormill "$RUMORMILL" --name real $real_sets >"$WORK/real.out"
score --rumormill "$RUMORMILL" "$DEV/generated.jsonl" >"$WORK/generated.out"
score --rumormill "$WORK/grammar/rumormill" "$DEV/generated.jsonl" \
	>"$WORK/grammar.out"
# The project's own sentences, one construction each: claims only.
score --rumormill "$RUMORMILL" "$DEV/constructions.jsonl" \
	>"$WORK/constructions.out"
cat "$WORK/real.out" "$WORK/generated.out"
echo "== generated.jsonl, grammar only (no catalogue)"
grep -v '^==' "$WORK/grammar.out"
grep -v '^devices\|^chipsets' "$WORK/constructions.out"

# The keys the gate compares: the real sets together, and both runs of
# the generated set.
{
	sed -n '/^== real (/,$p' "$WORK/real.out" | prefixed real
	prefixed generated <"$WORK/generated.out"
	prefixed grammar <"$WORK/grammar.out"
	grep -v '^devices\|^chipsets' "$WORK/constructions.out" |
		prefixed constructions
} >"$WORK/figures"

[ "$mode" = gate ] || exit 0
status=0
while IFS='=' read -r key base; do
	case "$key" in '' | \#*) continue ;; esac
	now=$(sed -n "s/^$key=//p" "$WORK/figures")
	if [ -z "$now" ]; then
		echo "claims gate: $key missing" >&2
		status=1
		continue
	fi
	case "$key" in
	*negative_claim_rate) worse='n > b + t' ;;
	*) worse='n < b - t' ;;
	esac
	if awk -v n="$now" -v b="$base" -v t="$TOLERANCE" \
		"BEGIN { exit !($worse) }"; then
		echo "claims gate: $key $now (baseline $base) regressed" >&2
		status=1
	fi
done <"$BASELINE"
[ "$status" -eq 0 ] &&
	echo "claims gate: $(grep -c '=' "$BASELINE") figures at or above the baseline"
exit "$status"
