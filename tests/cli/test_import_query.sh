#!/bin/sh
# Import real-world-style pages and the seeds into a real database,
# twice, then query them by every filter in every format.
# backends: sqlite postgresql
. "$(dirname "$0")/lib.sh"

db=$(new_db r.db) || exit 2
A="$DATA/articles"
S="$SEEDS"

import_all() {
	rm_run --db "$db" import --plain --published 2022-05-23 \
		--url "https://seeds.example/xiaomi-leica" "$S/000_e53f86e8c37d90c3.txt"
	[ "$status" -eq 0 ] || return 1
	rm_run --db "$db" import --plain --published 2023-10-05 \
		--url "https://seeds.example/xiaomi-14" "$S/001_f5d415ec06a9beb0.txt"
	[ "$status" -eq 0 ] || return 1
	rm_run --db "$db" import --plain --published 2022-06-27 \
		--url "https://seeds.example/12s-ultra" "$S/002_57d29f8912ada03a.txt"
	[ "$status" -eq 0 ] || return 1
	# Canonical URL from the page.
	rm_run --db "$db" import "$A/galaxy-s24.html" "$A/pixel-9.html"
	[ "$status" -eq 0 ] || return 1
	# Tracking parameters and fragment are not part of the identity.
	rm_run --db "$db" import "--url=$1" "$A/galaxy-s24-copy.html"
	[ "$status" -eq 0 ] || return 1
	rm_run --db "$db" import --source oneplus-news \
		--url https://oneplus-news.example/12r "$A/oneplus-12r.html"
	[ "$status" -eq 0 ]
}

check "first import succeeds" import_all \
	"https://mobilewire.example/news/s24-ultra-chip?utm_source=twitter&id=7#comments"
rm_run --db "$db" query --format json --limit 100000
cp out first.json
check "second import with an equivalent URL succeeds" import_all \
	"HTTPS://MobileWire.example:443/news/s24-ultra-chip?id=7&utm_medium=social"
rm_run --db "$db" query --format json --limit 100000
cp out all.json

check "articles are not duplicated" \
	test "$(dbq "$db" 'select count(*) from articles')" = 7
jq_true "same number of rumors after re-import" \
	"length == $(jq length first.json)" all.json
jq_true "one rumor per device, attribute, value and qualifier" \
	'group_by([.device, .attribute, .value, .qualifier]) | all(length == 1)' all.json
jq_true "every rumor has a source URL" 'all(.sources >= 1 and (.urls | length) >= 1)' all.json

# Boilerplate (menus, related stories, comments, ads) is not evidence.
jq_true "no rumors from sidebars, comments or ads" \
	'[.[].device] | all(test("K70|Xiaomi 15|G84|Phone \\(3\\)|Pixel 8|iPhone 16|Fold 2|Z Fold") | not)' all.json

# Device: leading words, any case and spacing.
rm_run --db "$db" query --device "xiaomi14" --format json
jq_true "device filter is case and space insensitive" \
	'length > 0 and all(.device | startswith("Xiaomi 14"))'
jq_true "device filter finds the Pro model too" \
	'any(.device == "Xiaomi 14 Pro")'
rm_run --db "$db" query --device "Xiaomi 1" --format json
jq_true "device prefix stops at a word boundary" 'length == 0'

# Chipset: spelling variants.
rm_run --db "$db" query --chipset "snapdragon 8 gen3" --format json
jq_true "chipset filter matches a spelling variant" \
	'length > 0 and all(.attribute == "chipset" and .value == "Snapdragon 8 Gen 3")'
jq_true "chipset filter finds the Galaxy S24 Ultra" \
	'any(.device | endswith("Galaxy S24 Ultra"))'
jq_true "chipset filter finds the Xiaomi 14" 'any(.device == "Xiaomi 14")'

# Corroboration: the syndicated copy is a second source.
jq_true "a claim made by two articles lists both" \
	'[.[] | select(.device | endswith("Galaxy S24 Ultra"))][0] |
	 .sources == 2 and (.urls | index("https://mobilewire.example/news/s24-ultra-chip?id=7")) != null'
jq_true "first and last seen span the two articles" \
	'[.[] | select(.device | endswith("Galaxy S24 Ultra"))][0] |
	 .first_seen == "2023-11-20" and .last_seen == "2023-11-21"'

rm_run --db "$db" query --brand SAMSUNG --format json
jq_true "brand filter" 'length > 0 and all(.brand == "Samsung")'

rm_run --db "$db" query --device "galaxy s24" --attribute launch --format json
jq_true "launch date resolved to the next January 17" \
	'any(.value == "2024-01-17")'

# --since: new or changed since a time (everything was stored today).
rm_run --db "$db" query --since "$(date -u +%Y-%m-%d)" --format json
jq_true "since today lists what was stored today" \
	"length == $(jq length all.json)"
rm_run --db "$db" query --since 2999 --format json
jq_true "since a later day lists nothing" 'length == 0'
# No rows is still an answer in every format: the header, [] and the
# CSV header line, so a script can tell it from a failure.
rm_run --db "$db" query --since 2999
expect_status "an empty table exits 0" 0
check "an empty table prints its header, alone" \
	[ "$(head -c 6 out)/$(wc -l <out)" = DEVICE/1 ]
contains "the empty table's header has every column" "CONFIDENCE"
rm_run --db "$db" query --since 2999 --format json
check "empty JSON is []" [ "$(cat out)" = "[]" ]
rm_run --db "$db" query --since 2999 --format csv
check "empty CSV is its header line" \
	[ "$(head -c 22 out)/$(wc -l <out)" = device,brand,attribute/1 ]
rm_run --db "$db" devices --brand "No Such Brand"
expect_status "an empty devices table exits 0" 0
check "an empty devices table prints its header, alone" \
	[ "$(head -c 4 out)/$(wc -l <out)" = NAME/1 ]
rm_run --db "$db" query --since 2024-02-30 --format json
expect_status "since an impossible day is a usage error" 2
rm_run --db "$db" query --until 2022-12-31 --format json
jq_true "until filter" 'length > 0 and all(.first_seen <= "2022-12-31" and (.device | startswith("Xiaomi 12")))'

rm_run --db "$db" query --search leica --format json
jq_true "search finds words in article text" \
	'length > 0 and all(.attribute == "announce" or (.device | startswith("Xiaomi")))'
rm_run --db "$db" query --search 'Tensor "G4' --format json
expect_status "search with a stray quote is plain text" 0
rm_run --db "$db" query --search "') OR 1=1; DROP TABLE articles; --" --format json
expect_status "search with SQL-like text is plain text" 0
jq_true "search with SQL-like text matches nothing" 'length == 0'
check "articles survive hostile search text" \
	test "$(dbq "$db" 'select count(*) from articles')" = 7

rm_run --db "$db" query --source oneplus-news --format json
jq_true "source filter" 'length > 0 and all(.device | startswith("OnePlus 12"))'

rm_run --db "$db" query --limit 2 --format json
jq_true "limit" 'length == 2'

# CSV: RFC 4180, one record per rumor.
rm_run --db "$db" query --format csv
expect_status "csv exits 0" 0
check "csv header" test "$(head -n 1 out)" = "$(printf 'device,brand,attribute,value,qualifier,first_seen,last_seen,sources,independent_sources,confidence,contested,urls\r')"
check "csv parses with one record per rumor and 12 fields" python3 -c "
import csv, json, sys
rows = list(csv.reader(open('out', newline='')))
want = len(json.load(open('all.json')))
sys.exit(0 if len(rows) == want + 1 and all(len(r) == 12 for r in rows) else 1)"

# Table: aligned columns.
rm_run --db "$db" query --device xiaomi
check "table has a header" test "$(head -c 6 out)" = "DEVICE"
check "table columns are aligned" python3 -c "
lines = open('out', encoding='utf-8').read().splitlines()
col = lines[0].index('ATTRIBUTE')
ok = all(len(l) > col and l[col - 1] == ' ' and l[col] != ' ' for l in lines)
raise SystemExit(0 if ok and len(lines) > 1 else 1)"

