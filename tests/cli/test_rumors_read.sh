#!/bin/sh
# Syndication, corroboration, contradictions and aliases as a user sees
# them: query, show, devices, chipsets, the Atom feed (checked with an
# XML parser against RFC 4287) and the HTML report (rendered in headless
# Chromium).
# backends: sqlite postgresql
. "$(dirname "$0")/lib.sh"

db=$(new_db r.db) || exit 2
D="$DATA/dedup"

imp() { # URL DATE FILE [OPTIONS...]
	u=$1 d=$2 f=$3
	shift 3
	rm_run --db "$db" import --plain --url "$u" --published "$d" "$@" "$f"
	[ "$status" -eq 0 ] || fail "import $f" "status $status"
}

vivo() { # FILTER on the vivo X100 chipset rumor
	rm_run --db "$db" query --device "vivo x100" --attribute chipset \
		--format json
	jq_true "$1" ".[0] | $2"
}

# ---- syndication: a copy is not an independent source ----
imp https://wire.example/2024/06/vivo-x100-chip 2024-06-01 "$D/wire.txt"
vivo "one article, one site" '.sources == 1 and .independent_sources == 1'
imp https://www.mirror-news.example/vivo-x100 2024-06-02 "$D/wire-copy.txt"
vivo "a syndicated copy is a second article" '.sources == 2'
vivo "a syndicated copy does not raise independent_sources" \
	'.independent_sources == 1'
imp https://other.example/vivo-x100 2024-06-02 "$D/wire.txt"
vivo "an identical article at a new URL is not a second article" \
	'.sources == 2 and .independent_sources == 1'
check "the identical article is stored as an exact copy" test \
	"$(dbq "$db" "SELECT copy_kind FROM article_prints p JOIN articles a ON a.id = p.article_id WHERE a.url = 'https://other.example/vivo-x100'")" = exact
imp https://handson.example/vivo-x100-review 2024-06-04 "$D/independent.txt"
vivo "an independent article raises independent_sources" \
	'.sources == 3 and .independent_sources == 2'
vivo "the first report is the original" \
	'.first_url == "https://wire.example/2024/06/vivo-x100-chip" and .first_seen == "2024-06-01"'

# ---- contradictions ----
imp https://leaks-a.example/oneplus-13 2024-06-03 "$D/contested-a.txt"
rm_run --db "$db" query --device "oneplus 13" --format json
jq_true "one outlet alone contests nothing" 'all(.contested | not)'
imp https://leaks-b.example/oneplus-13-dimensity 2024-06-05 "$D/contested-b.txt"
rm_run --db "$db" query --device "oneplus 13" --attribute chipset --format json
jq_true "two outlets with different chipsets give a contested pair" \
	'length == 2 and all(.contested) and ([.[].value] | sort) == ["Dimensity 9400", "Snapdragon 8 Gen 4"]'
rm_run --db "$db" query --contested --format json
jq_true "--contested lists exactly the pair" \
	'length == 2 and all(.device == "OnePlus 13")'
rm_run --db "$db" query --device "vivo x100" --format json
jq_true "corroborated claims are not contested" 'all(.contested | not)'

# ---- confidence ----
rm_run --db "$db" query --attribute chipset --format json
jq_true "a confirmed multi-source claim outranks a single 'could' claim" \
	'(map(select(.value == "Dimensity 9300"))[0].confidence) >
	 (map(select(.value == "Dimensity 9400"))[0].confidence)'
jq_true "confidence is between 0 and 1" \
	'all(.confidence > 0 and .confidence <= 1)'
rm_run --db "$db" query --format csv
check "csv has the confidence, independent and contested columns" \
	test "$(head -n 1 out | tr -d '\r')" = "device,brand,attribute,value,qualifier,first_seen,last_seen,sources,independent_sources,confidence,contested,urls"
rm_run --db "$db" query --device "oneplus 13"
contains "the table marks contested rumors" "contested"
contains "the table shows confidence" "CONFIDENCE"

# ---- show ----
rm_run --db "$db" show "vivo X100"
expect_status "show exits 0" 0
contains "show names the device and its maker" "vivo X100 (vivo)"
contains "show groups by attribute" "  chipset"
contains "show explains the confidence" "= support"
contains "show gives the first report" "first seen 2024-06-01"
contains "show lists the evidence sentence" \
	"vivo has officially confirmed that the vivo X100 will be powered by the Dimensity 9300"
contains "show lists evidence URLs" "https://handson.example/vivo-x100-review"
contains "show marks copies" "copy of https://wire.example/2024/06/vivo-x100-chip"
rm_run --db "$db" show "oneplus 13"
contains "show marks contested values" "[CONTESTED]"
rm_run --db "$db" show --format json "vivo x100"
jq_true "show json groups rumors by attribute with evidence" \
	'.devices[0].device == "vivo X100" and
	 (.devices[0].attributes | map(.attribute) | index("chipset")) != null and
	 (.devices[0].attributes[] | select(.attribute == "chipset") | .rumors[0] |
	  (.evidence | length) == 4 and .independent_sources == 2 and .support > 0)'
rm_run --db "$db" show "nokia 3310"
expect_status "show of an unknown device fails" 1

# ---- devices and chipsets ----
rm_run --db "$db" devices --format json
jq_true "devices lists each device with its rumor count" \
	'(map(.name) | index("vivo X100")) != null and
	 (map(select(.name == "OnePlus 13"))[0] | .rumors == 2 and .contested == 2)'
rm_run --db "$db" devices --brand ONEPLUS --format csv
check "devices --brand filters by maker (csv)" \
	test "$(tail -n +2 out | cut -d, -f2 | sort -u | tr -d '\r')" = OnePlus
rm_run --db "$db" chipsets --sort activity
contains "chipsets lists chipsets" "Dimensity 9300"
rm_run --db "$db" chipsets --format json
jq_true "a chipset counts the devices said to use it" \
	'map(select(.name == "Dimensity 9300"))[0].rumors == 1'

# ---- aliases: "Mi 14" merges into "Xiaomi 14" ----
# A user lexicon line makes "Mi 14" a device name; the bundled
# aliases.conf says it is the Xiaomi 14.
mkdir -p conf/lexicon
cp "$D/mi14.lex" conf/lexicon/
rm_run --db "$db" --config conf import --plain --published 2024-06-06 \
	--url "https://leaks-a.example/mi-14" "$D/mi14.txt"
rm_run --db "$db" query --device "xiaomi 14" --attribute chipset --format json
jq_true "the alias table merges Mi 14 into Xiaomi 14" \
	'length == 1 and .[0].device == "Xiaomi 14" and .[0].value == "Snapdragon 8 Gen 3"'
rm_run --db "$db" query --device "mi 14" --format json
jq_true "the alias finds Xiaomi 14" 'length == 1 and .[0].device == "Xiaomi 14"'
check "no device is stored under the alias's name" test \
	"$(dbq "$db" "SELECT count(*) FROM devices WHERE name = 'Mi 14'")" = 0
printf 'Mi 14 Xiaomi 14\n= Xiaomi 15\n' >bad.conf
mkdir -p badconf && cp bad.conf badconf/aliases.conf
rm_run --db "$db" --config badconf query --device "mi 14"
expect_status "a bad alias file is a configuration error" 2
contains "a bad alias file names file and line" "badconf/aliases.conf:1:" err

# ---- new or changed since ----
dbq "$db" "UPDATE rumors SET created_at = '2000-01-01T00:00:00Z', changed_at = '2000-01-01T00:00:00Z'"
imp https://handson.example/vivo-x100-review 2024-06-04 "$D/independent.txt"
rm_run --db "$db" query --since 2001 --format json
jq_true "storing an unchanged article changes nothing" 'length == 0'
imp https://third.example/vivo 2024-06-08 "$D/independent.txt"
rm_run --db "$db" query --since 2001-01-01T00:00:00Z --format json
jq_true "a new source makes its rumors changed, not new" \
	'length == 1 and .[0].value == "Dimensity 9300" and .[0].created_at < "2001"'

# ---- Atom feed ----
rm_run --db "$db" feed --atom feed.xml --since 2000
expect_status "feed exits 0" 0
cp feed.xml feed1.xml
rm_run --db "$db" feed --atom feed.xml --since 2000 --link https://example.org/rumors.xml
cp feed.xml feed2.xml
check "the feed is valid Atom 1.0 with stable ids" python3 - feed1.xml feed2.xml <<'EOF'
import re, sys
import xml.etree.ElementTree as ET
A = '{http://www.w3.org/2005/Atom}'
RFC3339 = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$')
def check(path):
    root = ET.parse(path).getroot()
    assert root.tag == A + 'feed', root.tag
    for el in ('id', 'title', 'updated'):
        assert len(root.findall(A + el)) == 1, 'feed ' + el
    assert RFC3339.match(root.find(A + 'updated').text)
    entries = root.findall(A + 'entry')
    assert entries, 'no entries'
    # Without a feed author every entry needs one (4.1.1).
    assert root.find(A + 'author/' + A + 'name') is not None
    ids = []
    for e in entries:
        for el in ('id', 'title', 'updated'):
            assert len(e.findall(A + el)) == 1, 'entry ' + el
        assert RFC3339.match(e.find(A + 'updated').text)
        for p in e.findall(A + 'published'):
            assert RFC3339.match(p.text)
        i = e.find(A + 'id').text
        assert re.match(r'^(urn:uuid:[0-9a-f-]{36}|tag:.+)$', i), i
        ids.append(i)
        content = e.findall(A + 'content')
        alt = [l for l in e.findall(A + 'link') if l.get('rel', 'alternate') == 'alternate']
        assert content or alt, 'entry without content or alternate link'
        assert len(alt) <= 1
        for l in e.findall(A + 'link'):
            assert l.get('href'), 'link without href'
    assert len(ids) == len(set(ids)), 'duplicate entry ids'
    return set(ids), len(entries)
a, n = check(sys.argv[1])
b, _ = check(sys.argv[2])
assert a == b, 'entry ids changed between runs'
assert n >= 6, n
EOF
check "the feed has the rumors, contested ones marked" \
	grep -q 'OnePlus 13: chipset Dimensity 9400 \[contested\]' feed1.xml
check "the feed leaves no temporary file" test "$(ls | grep -c 'feed.xml.tmp')" = 0
rm_run --db "$db" feed --atom feed.xml --since 2999
check "an empty feed is still valid XML" python3 -c "
import xml.etree.ElementTree as ET
r = ET.parse('feed.xml').getroot()
assert r.find('{http://www.w3.org/2005/Atom}id') is not None"
rm_run --db "$db" feed --atom /nonexistent-dir/feed.xml
expect_status "feed to an unwritable place fails" 1

# Only a regular file is replaced: a symlink, a FIFO or a device node
# in the output's place is refused, left as it is (it used to be
# replaced by a regular file; as root, `feed --atom /dev/null` would
# destroy the device node).
echo keep >kept.xml
ln -sf kept.xml link.xml
rm_run --db "$db" feed --atom link.xml --since 2000
expect_status "feed over a symlink fails" 1
contains "it says why" "link.xml: not a regular file" err
check "the symlink is still a symlink" test -L link.xml
check "its target is untouched" test "$(cat kept.xml)" = keep
rm_run --db "$db" report --html link.xml
expect_status "report over a symlink fails" 1
check "the symlink is still a symlink after report" test -L link.xml
rm -f fifo.xml
mkfifo fifo.xml
rm_run --db "$db" feed --atom fifo.xml --since 2000
expect_status "feed over a FIFO fails" 1
check "the FIFO is still a FIFO" test -p fifo.xml
if [ "$(id -u)" = 0 ] && mknod null.xml c 1 3 2>/dev/null; then
	rm_run --db "$db" feed --atom null.xml --since 2000
	expect_status "feed over a device node fails" 1
	check "the device node is still one" test -c null.xml
	rm -f null.xml
fi
check "nothing is left behind" test "$(ls | grep -c '\.tmp\.')" = 0

# ---- HTML report ----
rm_run --db "$db" import --url https://hostile.example/pixel-10 "$D/hostile.html"
rm_run --db "$db" report --html report.html --title 'Rumors <b>now</b>'
expect_status "report exits 0" 0
lacks "the hostile title is never markup" "<script>alert(1)</script>" report.html
contains "the hostile title is escaped" "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" report.html
lacks "the page makes no external requests" 'src="http' report.html
lacks "the page has no scripts" "<script" report.html
devices=$(dbq "$db" "SELECT count(DISTINCT subject_id) FROM rumors r JOIN entities e ON e.id = r.subject_id WHERE e.kind = 'device'")
check "one chart per device in the page" \
	test "$(grep -o '<svg class="timeline"' report.html | wc -l)" -eq "$devices"
check "the report leaves no temporary file" test "$(ls | grep -c 'report.html.tmp')" = 0
# "-" is standard output, as everywhere else; no file called "-".
rm_run --db "$db" report --html - --title 'Rumors <b>now</b>'
expect_status "report --html - exits 0" 0
# The same page but its "Generated" minute, which a slow run (valgrind)
# may see change between the two.
sed 's/Generated [0-9: -]* UTC/Generated/' out >stdout.html
sed 's/Generated [0-9: -]* UTC/Generated/' report.html >file.html
check "report --html - writes the page to stdout" cmp -s stdout.html file.html
check "report --html - writes no file named -" [ ! -e ./- ]
check "report --html - leaves no temporary file" \
	test "$(ls | grep -c '^-\.tmp')" = 0
rm_run --db "$db" feed --atom - --since 2000
expect_status "feed --atom - exits 0" 0
contains "feed --atom - writes the feed to stdout" "<feed xmlns=" out
check "feed --atom - writes no file named -" [ ! -e ./- ]

if command -v chromium >/dev/null 2>&1; then
	profile=$(mktemp -d)
	chromium --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$profile" --dump-dom \
		"file://$WORK/report.html" >dom.html 2>chromium.err
	rm -rf "$profile"
	check "chromium renders the report" test -s dom.html
	check "the rendered page has one svg chart per device" \
		test "$(grep -o '<svg' dom.html | wc -l)" -eq "$devices"
	check "the newest rumor's device is on the page" \
		grep -q 'Google Pixel 10' dom.html
	check "the hostile title is text in the rendered page" python3 - <<'EOF'
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = 0
        self.text = []
    def handle_starttag(self, tag, attrs):
        if tag == 'script':
            self.scripts += 1
    def handle_data(self, d):
        self.text.append(d)
p = P()
p.feed(open('dom.html', encoding='utf-8').read())
text = ''.join(p.text)
assert p.scripts == 0, 'script element injected'
assert 'Pixel 10 leak </script><script>alert(1)</script>' in text
assert 'Rumors <b>now</b>' in text
EOF
else
	echo "skip - chromium is not installed: the report was not rendered"
fi
