#!/bin/sh
# Acceptance: the seed articles, extracted as plain text with their
# published dates, give exactly the labelled devices and chipsets and
# every labelled launch (tests/data/seeds/labels/seeds.json).
. "$(dirname "$0")/lib.sh"

labels="$SEEDS/labels/seeds.json"
if [ ! -f "$labels" ]; then
	fail "seed labels present" "$labels missing"
	exit 0
fi

for seed in $(jq -r 'keys[] | select(endswith(".txt"))' "$labels"); do
	want=$(jq -c --arg k "$seed" '.[$k]' "$labels")
	published=$(echo "$want" | jq -r .published)
	rm_run extract --plain --published "$published" "$SEEDS/$seed"
	expect_status "$seed: extract exits 0" 0
	cp out "$seed.json"
	jq_true "$seed: devices exactly as labelled" \
		"(.devices | sort) == ($want.devices | sort)" "$seed.json"
	jq_true "$seed: chipsets exactly as labelled" \
		"(.chipsets | sort) == ($want.chipsets | sort)" "$seed.json"
	jq_true "$seed: every labelled launch found" \
		"[$want.launches[] as \$l | any(.launches[];
		   .device == \$l.device and .date == \$l.date and
		   ((\$l.region // null) == null or .region == \$l.region))]
		 | all" "$seed.json"
	jq_true "$seed: published date kept" \
		".published == \"$published\"" "$seed.json"
	jq_true "$seed: no launch on a labelled non-launch date" \
		"[($want.not_launches // [])[] as \$n | any(.launches[];
		   .date == \$n.date)] | any | not" "$seed.json"
done
