#!/bin/sh
# The crawl benchmark: one generated news site (build/tools/gensite, 8
# loopback hosts 127.0.0.2-9, CRAWL_PAGES article pages of 60-120 KB),
# crawled in the same run by
#
#   rumormill   8 sources (sitemap + front page), delay 0, into a fresh
#               database; then a re-crawl of the unchanged site
#               (--revisit: every start URL asked again, conditionally)
#   wget2       --recursive over the 8 hosts, fetch only
#   Scrapy      bench/crawl_spider.py: follows links, extracts title and
#               paragraphs, writes them as JSON lines
#
# and the parse ceiling: a bare gumbo parse of every article page (the
# ones wget2 fetched), its CPU time divided over the cores, which is the
# shortest a crawl can take when parsing is its only cost
# (build/bench/crawl_ceiling, which also times rumormill's whole
# extraction of the same pages on one core).
#
# Wall time, user+sys CPU and peak RSS come from /usr/bin/time -v; pages
# are the responses the server sent during each run (robots.txt,
# sitemaps, index and article pages; 304s too, which is all a re-crawl
# gets).  Prints a table, then key=value lines.
#
#   CRAWL_PAGES        articles on the site (5000)
#   CRAWL_CONCURRENCY  requests in flight for every crawler (16)
#   CRAWL_WORKERS      rumormill extraction threads (the core count)
#   CRAWL_SKIP         space-separated: wget2 scrapy ceiling
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
RUMORMILL=${RUMORMILL:-$(pwd)/rumormill}
PAGES=${CRAWL_PAGES:-5000}
CONC=${CRAWL_CONCURRENCY:-16}
CORES=$(nproc)
WORKERS=${CRAWL_WORKERS:-$CORES}
SKIP=${CRAWL_SKIP:-}
PYTHON=/usr/bin/python3

die() {
	echo "bench/crawl.sh: $*" >&2
	exit 1
}

[ -x /usr/bin/time ] || die "needs /usr/bin/time (Debian: time)"
make -s BUILD="$BUILD" "$BUILD/tools/gensite" "$BUILD/bench/crawl_ceiling" >&2
[ -x "$RUMORMILL" ] || make -s >&2

skipped() {
	case " $SKIP " in *" $1 "*) return 0 ;; esac
	return 1
}
if ! skipped wget2 && ! command -v wget2 >/dev/null; then
	echo "bench/crawl.sh: wget2 not installed, skipped" >&2
	SKIP="$SKIP wget2"
fi
if ! skipped scrapy && ! "$PYTHON" -c 'import scrapy' 2>/dev/null; then
	echo "bench/crawl.sh: python3-scrapy not installed, skipped" >&2
	SKIP="$SKIP scrapy"
fi

. bench/site.sh
site_start crawl-bench "$PAGES"

# The server's counts: SIGUSR1 makes it print them to server.log.
server_stat() {
	sed -n "s/^gensite_$1=//p" "$work/server.log" | tail -1
}
server_report() {
	before=$(grep -c '^gensite_cpu_s=' "$work/server.log" || true)
	for _ in $(seq 50); do
		kill -USR1 "$server"
		sleep 0.05
		now=$(grep -c '^gensite_cpu_s=' "$work/server.log" || true)
		[ "$now" -gt "$before" ] && return 0
	done
	die "the site does not report"
}

calc() {
	awk "BEGIN { printf \"%.${2:-2}f\", $1 }"
}

# timed NAME COMMAND...: run it under /usr/bin/time -v; set NAME_wall,
# NAME_cpu, NAME_rss (MB), NAME_pages (responses), NAME_server_cpu.
timed() {
	name=$1
	shift
	echo "bench/crawl.sh: $name ..." >&2
	server_report
	req0=$(server_stat requests)
	cpu0=$(server_stat cpu_s)
	t0=$(date +%s.%N)
	if ! /usr/bin/time -v -o "$work/$name.time" "$@" \
		>"$work/$name.out" 2>"$work/$name.err"; then
		tail -5 "$work/$name.err" >&2
		die "$name failed"
	fi
	t1=$(date +%s.%N)
	server_report
	user=$(sed -n 's/^.*User time (seconds): //p' "$work/$name.time")
	sys=$(sed -n 's/^.*System time (seconds): //p' "$work/$name.time")
	rss=$(sed -n 's/^.*Maximum resident set size (kbytes): //p' \
		"$work/$name.time")
	eval "${name}_wall=$(calc "$t1 - $t0")"
	eval "${name}_cpu=$(calc "$user + $sys")"
	eval "${name}_rss=$(calc "$rss / 1024" 1)"
	eval "${name}_pages=$(($(server_stat requests) - req0))"
	eval "${name}_server_cpu=$(calc "$(server_stat cpu_s) - $cpu0")"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# rumormill: one source per host, the sitemap and the front page.
mkdir -p "$work/conf/sources.d"
cat >"$work/conf/rumormill.conf" <<EOF
[crawl]
user_agent = rumormill-bench/0.1 (+http://127.0.0.1/)
concurrency = $CONC
workers = $WORKERS
allow_private = yes
EOF
site_sources "$work/conf" /
db="$work/bench.db"
timed rumormill "$RUMORMILL" --db "$db" --config "$work/conf" crawl -q
timed recrawl "$RUMORMILL" --db "$db" --config "$work/conf" crawl -q --revisit
articles=$(sqlite3 "$db" 'SELECT count(*) FROM articles')
rumors=$(sqlite3 "$db" 'SELECT count(*) FROM rumors')
[ "$articles" -eq "$PAGES" ] ||
	echo "bench/crawl.sh: rumormill stored $articles of $PAGES articles" >&2

set --
while read -r base; do set -- "$@" "$base/"; done <"$work/urls"
if ! skipped wget2; then
	timed wget2 wget2 --no-config --quiet --recursive --level=inf \
		--max-threads="$CONC" --user-agent="wget2-bench" \
		--directory-prefix="$work/wget2" "$@"
fi
if ! skipped scrapy; then
	timed scrapy "$PYTHON" -m scrapy runspider bench/crawl_spider.py \
		-a start="$(echo "$@" | tr ' ' ,)" \
		-s CONCURRENT_REQUESTS="$CONC" -O "$work/scrapy.jl"
fi

# The parse ceiling over the article pages; wget2's copies if there are
# any, else fetched once with curl from the sitemaps.
if ! skipped ceiling; then
	if skipped wget2; then
		mkdir -p "$work/pages"
		for base; do
			curl -s "${base}sitemap.xml"
		done | sed -n 's|.*<loc>\(.*\)</loc>.*|\1|p' | awk -v d="$work/pages" \
			'{ printf "url = \"%s\"\noutput = \"%s/%d.html\"\n", $0, d, NR }' \
			>"$work/curl.cfg"
		curl -s --parallel --parallel-max "$CONC" -K "$work/curl.cfg"
		find "$work/pages" -name '*.html' >"$work/pages.list"
	else
		find "$work/wget2" -path '*/news/*' -name index.html \
			>"$work/pages.list"
	fi
	echo "bench/crawl.sh: parse ceiling ..." >&2
	"$BUILD/bench/crawl_ceiling" <"$work/pages.list" >"$work/ceiling.out" ||
		die "crawl_ceiling failed"
	ceiling() { sed -n "s/^$1=//p" "$work/ceiling.out"; }
	gumbo_cpu=$(ceiling gumbo_cpu_s)
	ceiling_wall=$(calc "$gumbo_cpu / $CORES")
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

rate() { calc "$1 / $2" 0; }
per1000() { calc "$1 * 1000 / $2"; }
row() {
	# tool wall pages cpu rss server_cpu
	printf '| %-22s | %8s | %6s | %8s | %10s | %8s | %8s |\n' "$1" "$2" \
		"$3" "$(rate "$3" "$2")" "$(per1000 "$4" "$3")" "$5" "$6"
}

echo
echo "Site: $PAGES articles over 8 hosts; $CORES cores; concurrency $CONC;" \
	"load $load_before before, $load_after after"
echo
printf '| %-22s | %8s | %6s | %8s | %10s | %8s | %8s |\n' tool "wall s" \
	pages "pages/s" "CPU s/1000" "peak MB" "site CPU"
echo "|------------------------|----------|--------|----------|------------|----------|----------|"
row "rumormill crawl" "$rumormill_wall" "$rumormill_pages" \
	"$rumormill_cpu" "$rumormill_rss" "$rumormill_server_cpu"
row "rumormill re-crawl" "$recrawl_wall" "$recrawl_pages" "$recrawl_cpu" \
	"$recrawl_rss" "$recrawl_server_cpu"
skipped wget2 || row "wget2 --recursive" "$wget2_wall" "$wget2_pages" \
	"$wget2_cpu" "$wget2_rss" "$wget2_server_cpu"
skipped scrapy || row "Scrapy spider" "$scrapy_wall" "$scrapy_pages" \
	"$scrapy_cpu" "$scrapy_rss" "$scrapy_server_cpu"
echo

echo "crawl_site_pages=$PAGES"
echo "crawl_cores=$CORES"
echo "crawl_concurrency=$CONC"
echo "crawl_workers=$WORKERS"
echo "load_before=$load_before"
echo "load_after=$load_after"
for t in rumormill recrawl wget2 scrapy; do
	skipped "$t" && continue
	eval "wall=\$${t}_wall pages=\$${t}_pages cpu=\$${t}_cpu"
	eval "rss=\$${t}_rss scpu=\$${t}_server_cpu"
	echo "${t}_wall_s=$wall"
	echo "${t}_pages=$pages"
	echo "${t}_pages_per_s=$(rate "$pages" "$wall")"
	echo "${t}_cpu_s=$cpu"
	[ "$pages" -gt 0 ] && echo "${t}_cpu_s_per_1000=$(per1000 "$cpu" "$pages")"
	echo "${t}_peak_rss_mb=$rss"
	echo "${t}_site_cpu_s=$scpu"
done
echo "rumormill_articles=$articles"
echo "rumormill_rumors=$rumors"
echo "recrawl_speedup=$(calc "$rumormill_wall / $recrawl_wall" 1)"
if ! skipped scrapy; then
	echo "rumormill_vs_scrapy=$(calc "($rumormill_pages / $rumormill_wall) / ($scrapy_pages / $scrapy_wall)" 1)"
fi
if ! skipped ceiling; then
	cat "$work/ceiling.out"
	echo "ceiling_wall_s=$ceiling_wall"
	echo "rumormill_vs_ceiling_pct=$(calc "100 * $ceiling_wall / $rumormill_wall" 0)"
	# The same on CPU time, which other work on the machine moves less.
	echo "rumormill_cpu_vs_ceiling_pct=$(calc "100 * $gumbo_cpu / $rumormill_cpu" 0)"
fi
