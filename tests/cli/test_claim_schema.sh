#!/bin/sh
# The claim schema is data: a user's lexicon file adds an attribute with
# one `claim` line and one `attr` line, and extraction, the store, the
# contradiction check and `query --help` all know it; a claim line that
# says "many" makes values of an attribute stop contradicting.
. "$(dirname "$0")/lib.sh"

cfg="$WORK/cfg"
mkdir -p "$cfg/lexicon"
db=$(new_db schema.db) || exit 2

cat >"$cfg/lexicon/weight.lex" <<'LEX'
claim weight device text equal -
attr weight (\d{3})\s*(?:g|grams)(?=\s+(?:heavy|in weight)) => $1g
LEX
printf 'Pixel leak\n\nThe Pixel 12 Pro is 199 g heavy.\n' >"$WORK/a.txt"
printf 'Pixel leak\n\nThe Pixel 12 Pro is 212 grams in weight.\n' >"$WORK/b.txt"

rm_run --config "$cfg" query --help
contains "query --help lists the new attribute" "weight"

rm_run --config "$cfg" extract --plain --published 2026-05-01 "$WORK/a.txt"
jq_true "extraction makes the new attribute's claim" \
	'[.rumors[] | select(.attribute == "weight")] | .[0].value == "199g"'

for f in a b; do
	rm_run --config "$cfg" --db "$db" import --plain --published 2026-05-01 \
		--url "https://site-$f.example/pixel" "$WORK/$f.txt"
	[ "$status" -eq 0 ] || fail "import $f" "status $status"
done
rm_run --db "$db" query --attribute weight --contested --format json
jq_true "two weights from two sites contradict (claim ... equal)" \
	'length == 2'

# Declared "many", the same two values hold together.
db2=$(new_db schema2.db) || exit 2
sed -i 's/^claim weight device text equal -$/claim weight device text many -/' \
	"$cfg/lexicon/weight.lex"
for f in a b; do
	rm_run --config "$cfg" --db "$db2" import --plain --published 2026-05-01 \
		--url "https://site-$f.example/pixel" "$WORK/$f.txt"
done
rm_run --db "$db2" query --attribute weight --contested --format json
jq_true "declared many, they do not contradict" 'length == 0'

# An attribute without its claim line is an error naming the line.
printf 'attr height (\\d{3})\\s*mm => $1mm\n' >"$cfg/lexicon/height.lex"
rm_run --config "$cfg" extract --plain "$WORK/a.txt"
expect_status "an attr line without a claim line is a usage error" 2
contains "the message names the file and line" "height.lex:1: attribute 'height' has no 'claim height' line" err
