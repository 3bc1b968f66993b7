#!/bin/sh
# rumormill extract --list: many saved pages in one process, each with
# its own URL, in the order the list gives them.
. "$(dirname "$0")/lib.sh"

A="$DATA/articles/galaxy-s24.html"
B="$DATA/articles/galaxy-s24-copy.html"
C="$DATA/articles/pixel-9.html"

# One page alone, for comparing with the same page from a list.
rm_run extract --url https://news.example/galaxy "$A"
mv out alone

# A gzipped page (as wget or an archive saves it) reads as the page.
gzip -c "$A" >page.html.gz
rm_run extract --url https://news.example/galaxy page.html.gz
expect_status "a gzipped page: exit 0" 0
check "a gzipped page: the same result as the page" \
	[ "$(jq -c 'del(.file)' out)" = "$(jq -c 'del(.file)' alone)" ]
jq_true "a gzipped page: its rumors are found" '.rumors | length > 0'
head -c 200 page.html.gz >cut.html.gz
rm_run extract cut.html.gz
expect_status "a truncated gzip file is a run-time failure" 1
contains "a truncated gzip file is named, and why" \
	"cut.html.gz: corrupt or truncated gzip data" err

printf 'https://news.example/galaxy\t%s\n\n%s\r\n\t%s\n' "$A" "$B" "$C" \
	>pages.list
rm_run extract --url https://default.example/ --list pages.list
expect_status "a list of readable pages succeeds" 0
jq -s . out >all.json
jq_true "one line per listed page, in list order" \
	"map(.file) == [\"$A\", \"$B\", \"$C\"]" all.json
jq_true "the line's URL is the page's URL" \
	'.[0].url == "https://news.example/galaxy"' all.json
jq_true "a path alone takes --url" \
	'.[1].url == "https://default.example/"' all.json
jq_true "an empty URL before the tab takes --url" \
	'.[2].url == "https://default.example/"' all.json
head -n 1 out >first
if cmp -s first alone; then pass "a listed page extracts as it does alone"
else fail "a listed page extracts as it does alone"; fi

# FILE arguments come first, then the list, read from standard input.
printf '%s\n' "$B" | $RUMORMILL_WRAP "$RUMORMILL" extract --list - "$A" \
	>out 2>err
status=$?
expect_status "a list on standard input succeeds" 0
jq -s . out >all.json
jq_true "files before the list" "map(.file) == [\"$A\", \"$B\"]" all.json

# Bad lines are named and skipped; the rest is still extracted.
long=$(head -c 20000 /dev/zero | tr '\0' x)
printf 'https://x.example/\t\n%s\nmissing.html\n%s\n' "$long" "$A" \
	>bad.list
rm_run extract --list bad.list
expect_status "a list with bad lines is a run-time failure" 1
contains "a line without a file is named" "bad.list:1:" err
contains "an overlong line is named" "bad.list:2: line longer" err
contains "an unreadable page is named" "missing.html" err
jq -s . out >all.json
jq_true "good lines after bad ones are extracted" \
	"map(.file) == [\"$A\"]" all.json

printf -- '-\n' | $RUMORMILL_WRAP "$RUMORMILL" extract --list - >out 2>err
status=$?
expect_status "'-' in a list read from standard input is a usage error" 2

rm_run extract --list no-such.list
expect_status "a missing list is a usage error" 2
contains "a missing list is named" "no-such.list" err
