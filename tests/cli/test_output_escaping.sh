#!/bin/sh
# Hostile text in every output format.  An article whose title and
# sentences hold markup (</script><script>alert(1)</script>), quotes,
# commas, newlines, tabs, control characters, a NUL and invalid UTF-8,
# imported under a source name and a URL just as hostile, must come out
# of query (table, JSON, CSV), show (table, JSON), devices, chipsets,
# report (HTML) and feed (Atom) escaped for that format: valid JSON and
# XML that give back the exact strings, CSV that a CSV reader splits
# into the right fields, tables without control characters (a terminal
# would obey them), HTML without a script element.  Query arguments
# that look like SQL or FTS5 are plain text.
# backends: sqlite postgresql
. "$(dirname "$0")/lib.sh"

DB=$(new_db db) || exit 2
# The page: UTF-8 declared, so the bad bytes become U+FFFD.
printf '%s\n' \
	'<html><head><meta charset="utf-8"><title>t</title></head><body>' \
	'<article><h1>Leak: </script><script>alert(1)</script> "S24",' \
	'Ultra; a, b</h1><p>The Samsung Galaxy S24 Ultra will use the' \
	'Snapdragon 8 Gen 3 chipset, "a tipster" says, &lt;/script&gt;' \
	'&lt;script&gt;alert(2)&lt;/script&gt; in every market, according' \
	'to a new report from a reliable tipster.</p><p>Samsung is expected' \
	'to launch the phone on January 17, 2024 at its Unpacked event in' \
	'San Jose, the report adds.</p></article></body></html>' >page.html
# Bytes a shell variable cannot hold go into the page with printf.
printf '<p>Odd bytes: \001\033[31m \377\376 \303\050 \000 end.</p>\n' \
	>>page.html
SRC=$(printf 'evil</title><script>alert(3)</script>,"x";\ttab\n\033[31mred\001')
URL='https://evil.example/a,b?q="><script>alert(4)</script>&x=1,2'

rm_run --db "$DB" import --published 2024-01-02 --source "$SRC" \
	--url "$URL" page.html
expect_status "the hostile article is imported" 0
rm_run --db "$DB" import --published 2024-01-03 --source plain \
	--url https://plain.example/1 page.html
expect_status "a second, plain copy is imported" 0

# no_controls NAME FILE: FILE has no control character but newline.
no_controls() {
	if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$2" ||
		LC_ALL=C tr -d '\n' <"$2" | LC_ALL=C grep -qc "$(printf '\r')"
	then fail "$1" "control characters in $2: $(LC_ALL=C grep -n \
		"$(printf '[\001-\010\013-\037\177]')" "$2" | head -n 2 | cat -A)"
	else pass "$1"; fi
}
# nul_free NAME FILE: no NUL byte.
nul_free() {
	if [ "$(tr -d '\000' <"$2" | wc -c)" -eq "$(wc -c <"$2")" ]
	then pass "$1"; else fail "$1" "NUL bytes in $2"; fi
}

# ---- query ----
rm_run --db "$DB" query --format json
expect_status "query --format json exits 0" 0
cp out q.json
# The copy is the same rumor: one row, two URLs.
jq_true "JSON parses: one row with both URLs" \
	'length == 1 and (.[0].urls | length) == 2' q.json
check "JSON gives back the source name exactly" \
	[ "$(jq -r '.[0].first_source' q.json)" = "$SRC" ]
nul_free "JSON has no NUL" q.json

rm_run --db "$DB" query --format csv
expect_status "query --format csv exits 0" 0
cp out q.csv
nul_free "CSV has no NUL" q.csv
# A CSV reader (sqlite3's) must find the same rows and fields as JSON.
rm -f csv.db
sqlite3 csv.db ".import --csv q.csv t"
check "CSV: as many rows as JSON" \
	[ "$(sqlite3 csv.db 'SELECT count(*) FROM t')" = 1 ]
check "CSV: the URLs with quotes and commas are one field" \
	[ "$(sqlite3 csv.db "SELECT urls FROM t")" = \
		"$(jq -r '.[0].urls | join(" ")' q.json)" ]
check "CSV: every row has the header's fields" \
	[ "$(sqlite3 csv.db 'SELECT count(*) FROM t WHERE contested IS NULL
		OR contested = ""')" = 0 ]

rm_run --db "$DB" query
expect_status "query (table) exits 0" 0
no_controls "query table: no control characters" out
check "query table: one line a row" [ "$(wc -l <out)" -eq 2 ]

# ---- show, devices, chipsets ----
rm_run --db "$DB" show "Galaxy S24 Ultra"
expect_status "show exits 0" 0
no_controls "show table: no control characters" out
contains "show table: the sentence is there" "alert(2)"
rm_run --db "$DB" show --format json "Galaxy S24 Ultra"
expect_status "show --format json exits 0" 0
check "show JSON gives back the source name exactly" \
	[ "$(jq -r '[.. | objects | select(has("source")) | .source] |
		map(select(startswith("evil"))) | .[0]' out)" = "$SRC" ]
for cmd in devices chipsets; do
	rm_run --db "$DB" "$cmd"
	expect_status "$cmd exits 0" 0
	no_controls "$cmd: no control characters" out
done

# ---- report ----
rm_run --db "$DB" report --html report.html \
	--title '</title><script>alert(5)</script>'
expect_status "report exits 0" 0
check "report: no script element anywhere" \
	[ "$(grep -ci '<script' report.html)" = 0 ]
contains "report: the page title, escaped" \
	'&lt;/title&gt;&lt;script&gt;alert(5)&lt;/script&gt;' report.html
contains "report: the source name, escaped" \
	'evil&lt;/title&gt;&lt;script&gt;alert(3)' report.html
lacks "report: no markup from the page" '</script><script>' report.html
no_controls "report: no control characters" report.html
nul_free "report: no NUL" report.html

# ---- feed ----
rm_run --db "$DB" feed --atom feed.xml --since 2000 \
	--title '<t>&"x"</t>' --link 'https://x.example/?a=1&b=<2>'
expect_status "feed exits 0" 0
if command -v xmllint >/dev/null; then
	check "feed: well-formed XML" xmllint --noout feed.xml
	check "feed: the title comes back exactly" \
		[ "$(xmllint --xpath 'string(/*[local-name()="feed"]/*[local-name()="title"])' \
			feed.xml)" = '<t>&"x"</t>' ]
else
	echo "note: xmllint not installed: feed well-formedness not checked"
fi
lacks "feed: no raw markup from the page" "<script" feed.xml
no_controls "feed: no control characters" feed.xml

# ---- query arguments are text ----
rumors=$(dbq "$DB" 'SELECT count(*) FROM rumors')
for arg in "--device=x' OR '1'='1" "--brand='; DROP TABLE rumors; --" \
	"--chipset=%' OR 1=1" "--attribute=chipset' --" "--search=\"NEAR(x" \
	"--search=* OR title:x" "--source=plain' OR 1=1 --"; do
	rm_run --db "$DB" query --format json "$arg"
	expect_status "query $arg exits 0" 0
	jq_true "query $arg finds nothing" 'length == 0'
done
rm_run --db "$DB" query --format json --source "$SRC"
jq_true "query --source with the hostile name finds its row" 'length == 1'
check "the database is untouched ($rumors rumors)" \
	[ "$(dbq "$DB" 'SELECT count(*) FROM rumors')" = "$rumors" ]
# SQLite's own check of the file; PostgreSQL has no such PRAGMA.
if ! on_postgresql; then
	check "integrity_check ok" \
		[ "$(dbq "$DB" 'PRAGMA integrity_check')" = ok ]
fi
