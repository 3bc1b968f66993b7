#!/bin/sh
# Chipset names as sites write them, and look-alikes that are not chips:
# each line of tests/data/extract-dev/chips-check.tsv (text<TAB>expected
# canonical chipsets, comma-separated) is an article of its own, all
# extracted in one run of `extract --list`.
. "$(dirname "$0")/lib.sh"

tsv="$DATA/extract-dev/chips-check.tsv"
mkdir -p "$WORK/chips"
: >"$WORK/chips.list"
: >"$WORK/chips.want"
n=0
while IFS='	' read -r text want; do
	case $text in '' | '#'*) continue ;; esac
	n=$((n + 1))
	printf 'Chip check\n\n%s\n' "$text" >"$WORK/chips/$n.txt"
	printf '\t%s\n' "$WORK/chips/$n.txt" >>"$WORK/chips.list"
	printf '%s\t%s\n' "$text" "$want" >>"$WORK/chips.want"
done <"$tsv"
mkdir -p "$WORK/none"
rm_run --config "$WORK/none" extract --plain --list "$WORK/chips.list"
expect_status "extract --list over $n texts" 0
jq -r '.chipsets | sort | join(",")' out >"$WORK/chips.got"
sort_list() { printf '%s' "$1" | tr ',' '\n' | sed '/^$/d' | LC_ALL=C sort |
	paste -sd, -; }
i=0
while IFS='	' read -r text want; do
	i=$((i + 1))
	got=$(sed -n "${i}p" "$WORK/chips.got")
	if [ "$(sort_list "$got")" = "$(sort_list "$want")" ]; then
		pass "$text"
	else
		fail "$text" "got [$got], want [$want]"
	fi
done <"$WORK/chips.want"
