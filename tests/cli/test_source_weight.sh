#!/bin/sh
# A source's `weight` (sources.d/NAME.ini) is the trust its claims get:
# what a crawl of it, or `import --source NAME`, stores scores with it,
# so `show` prints it and `query` shows a higher confidence than the
# same articles from a source of weight 1.0.
# backends: sqlite postgresql
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/cli/crawl_lib.sh"
A="$DATA/articles"

# confidence DB: the sum of every rumor's confidence in DB.
confidence() {
	rm_run --db "$1" query --format json --limit 100000
	jq '[.[].confidence] | add' out
}
# above A B: A > B, as numbers.
above() {
	awk -v a="$1" -v b="$2" 'BEGIN { exit !(a > b) }'
}

# ---- import --source NAME takes NAME's weight (NAME need not be
# enabled: the crawls below leave it alone) ----
mkdir -p config/sources.d
printf '[source]\nstart = https://trusted.example/feed.xml\nfollow = ^https://trusted\\.example/\nweight = 2.0\nenabled = no\n' \
	>config/sources.d/trusted.ini
heavy=$(new_db heavy.db) || exit 2
plain=$(new_db plain.db) || exit 2
rm_run --db "$heavy" --config config import --source trusted \
	--url https://trusted.example/p9 "$A/pixel-9.html"
expect_status "import --source of a configured source exits 0" 0
rm_run --db "$plain" --config config import --source other \
	--url https://trusted.example/p9 "$A/pixel-9.html"
expect_status "import --source of another source exits 0" 0
rm_run --db "$heavy" show "Pixel 9 Pro XL"
contains "show prints the configured weight" "weight 2.0"
lacks "... not the default" "weight 1.0"
rm_run --db "$heavy" show --format json "Pixel 9 Pro XL"
jq_true "show --format json has the weight" \
	'[.. | objects | select(has("weight")) | .weight] | all(. == 2)'
ch=$(confidence "$heavy")
cp=$(confidence "$plain")
check "query: the weighted source's rumors are more confident ($ch > $cp)" \
	above "$ch" "$cp"

# ---- a crawl stores its sources' weights ----
copy_site
start_site site
DB=$(new_db crawled.db) || exit 2
write_source heavy "delay = 0" "weight = 2.5"
crawl -q
expect_status "the crawl of a weighted source exits 0" 0
rm_run --db "$DB" show "Pixel 9 Pro XL"
contains "show prints the crawled source's weight" "weight 2.5"
lacks "... not the default" "weight 1.0"
check "the database records the weight" \
	[ "$(sql "SELECT CAST(weight * 10 AS INTEGER) FROM sources WHERE name = 'heavy'")" = 25 ]
cw=$(confidence "$DB")
DB=$(new_db light.db) || exit 2
rm config/sources.d/heavy.ini
write_source light "delay = 0"
crawl -q
expect_status "the crawl of a source of weight 1 exits 0" 0
cl=$(confidence "$DB")
check "query: the weighted crawl's rumors are more confident ($cw > $cl)" \
	above "$cw" "$cl"
stop_site
