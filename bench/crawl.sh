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
# With CRAWL_CORES, rumormill's crawl is run once per core count named,
# each into a fresh database, pinned (taskset) to that many cores, the
# site's server to the others while there are any; each run's ratio to
# the parse ceiling on its cores is printed (scale_N_* lines and a
# table).  The figures at 16 cores need a machine that has them.
#
#   CRAWL_PAGES        articles on the site (5000)
#   CRAWL_CONCURRENCY  requests in flight for every crawler (16)
#   CRAWL_CORES        core counts to crawl at, e.g. "2 4 8 16" (all
#                      the machine's cores; the last is the main row)
#   CRAWL_WORKERS      rumormill extraction threads (the core count)
#   CRAWL_SKIP         space-separated: wget2 scrapy ceiling
#   BENCH_PREBUILT=1   run the binaries in BUILD and RUMORMILL as they
#                      are (a self-contained build on another machine)
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
RUMORMILL=${RUMORMILL:-$(pwd)/rumormill}
PAGES=${CRAWL_PAGES:-5000}
CONC=${CRAWL_CONCURRENCY:-16}
ALL_CORES=$(nproc)
CORE_COUNTS=${CRAWL_CORES:-$ALL_CORES}
SKIP=${CRAWL_SKIP:-}
PYTHON=/usr/bin/python3

die() {
	echo "bench/crawl.sh: $*" >&2
	exit 1
}

[ -x /usr/bin/time ] || die "needs /usr/bin/time (Debian: time)"
command -v taskset >/dev/null || die "needs taskset (Debian: util-linux)"
for n in $CORE_COUNTS; do
	case $n in
	'' | *[!0-9]* | 0) die "CRAWL_CORES: '$n' is not a core count" ;;
	esac
	[ "$n" -le "$ALL_CORES" ] ||
		die "CRAWL_CORES: $n cores, this machine lets us use $ALL_CORES"
	CORES=$n
done
# BENCH_PREBUILT=1: the binaries were built elsewhere (a build carried
# to a machine with more cores and no compiler): use them as they are.
if [ -z "${BENCH_PREBUILT:-}" ]; then
	make -s BUILD="$BUILD" "$BUILD/tools/gensite" \
		"$BUILD/bench/crawl_ceiling" >&2
	[ -x "$RUMORMILL" ] || make -s >&2
fi

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

# pin N: the crawl on the first N cores, the server on the rest (on all
# of them when the crawl has every core).
cpus=$(taskset -p $$ | sed 's/.*: //')
core_list=$(awk -v m="$(taskset -c -p $$ | sed 's/.*: //')" 'BEGIN {
	n = split(m, r, ",")
	for (i = 1; i <= n; i++) {
		if (split(r[i], ab, "-") == 2)
			for (c = ab[1]; c <= ab[2]; c++) printf "%d ", c
		else
			printf "%d ", r[i]
	}
}')
first_cores() { echo "$core_list" | tr ' ' '\n' | head -n "$1" | paste -sd, -; }
rest_cores() { echo "$core_list" | tr ' ' '\n' | sed '/^$/d' | tail -n +"$(($1 + 1))" | paste -sd, -; }
pin_server() {
	if [ "$1" -lt "$ALL_CORES" ]; then
		taskset -a -p -c "$(rest_cores "$1")" "$server" >/dev/null
	else
		taskset -a -p "$cpus" "$server" >/dev/null
	fi
}

# rumormill: one source per host, the sitemap and the front page.
mkdir -p "$work/conf/sources.d"
site_sources "$work/conf" /
for n in $CORE_COUNTS; do
	cat >"$work/conf/rumormill.conf" <<EOF
[crawl]
user_agent = rumormill-bench/0.1 (+http://127.0.0.1/)
concurrency = $CONC
workers = ${CRAWL_WORKERS:-$n}
allow_private = yes
EOF
	db="$work/bench-$n.db"
	pin_server "$n"
	timed "crawl$n" taskset -c "$(first_cores "$n")" "$RUMORMILL" \
		--db "$db" --config "$work/conf" crawl -v
done
for v in wall cpu rss pages server_cpu; do
	eval "rumormill_$v=\$crawl${CORES}_$v"
done
timed recrawl taskset -c "$(first_cores "$CORES")" "$RUMORMILL" --db "$db" \
	--config "$work/conf" crawl -q --revisit
pin_server "$ALL_CORES"
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
		curl -s --parallel --parallel-max "$CONC" --no-progress-meter -K "$work/curl.cfg"
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
echo "crawl_workers=${CRAWL_WORKERS:-$CORES}"
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
	# The crawl at each core count against the ceiling on as many.
	echo
	echo "| cores | crawl wall s | pages/s | ceiling s | share of ceiling | peak MB |"
	echo "|-------|--------------|---------|-----------|------------------|---------|"
	for n in $CORE_COUNTS; do
		eval "wall=\$crawl${n}_wall pages=\$crawl${n}_pages rss=\$crawl${n}_rss"
		cwall=$(calc "$gumbo_cpu / $n")
		pct=$(calc "100 * $cwall / $wall" 0)
		printf '| %5s | %12s | %7s | %9s | %15s%% | %7s |\n' "$n" "$wall" \
			"$(rate "$pages" "$wall")" "$cwall" "$pct" "$rss"
		echo "scale_${n}_wall_s=$wall" >>"$work/scale.out"
		echo "scale_${n}_pages_per_s=$(rate "$pages" "$wall")" >>"$work/scale.out"
		echo "scale_${n}_ceiling_wall_s=$cwall" >>"$work/scale.out"
		echo "scale_${n}_vs_ceiling_pct=$pct" >>"$work/scale.out"
		echo "scale_${n}_peak_rss_mb=$rss" >>"$work/scale.out"
		# crawl -v: the writer's share of the run and each part's CPU.
		sed -n 's/^crawl: [0-9.]* s; CPU: fetching \([0-9.]*\) s, extracting \([0-9.]*\) s .*, storing \([0-9.]*\) s in \([0-9]*\) batch.*(writing \([0-9]*\)% .*/scale_'"$n"'_fetch_cpu_s=\1 scale_'"$n"'_extract_cpu_s=\2 scale_'"$n"'_store_cpu_s=\3 scale_'"$n"'_batches=\4 scale_'"$n"'_writing_pct=\5/p' \
			"$work/crawl$n.out" | tr ' ' '\n' >>"$work/scale.out"
	done
	echo
	cat "$work/scale.out"
fi
