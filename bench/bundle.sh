#!/bin/sh
# A self-contained copy of the crawl benchmark for a machine with more
# cores and no compiler or packages: rumormill, gensite, crawl_ceiling,
# sqlite3, curl and GNU time, with every shared library they load and
# the loader itself, so they run whatever that machine's libraries are.
#
#   sh bench/bundle.sh FILE.tar.xz [EXTRA_RUMORMILL]
#
# EXTRA_RUMORMILL, another build of rumormill (an older one, to compare
# in the same run), goes in as rumormill-before.  On the other machine,
# from a checkout of the same commit:
#
#   sh bench/bundle.sh --run FILE.tar.xz [CORES]
#
# unpacks it under /tmp/rumormill-bundle and runs bench/crawl.sh with
# BENCH_PREBUILT=1 at CORES (default "2 4 8 16"), once per rumormill in
# the bundle; each run's whole output goes to
# /tmp/rumormill-bundle/crawl-NAME.txt.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}

die() {
	echo "bench/bundle.sh: $*" >&2
	exit 1
}

if [ "${1:-}" = --run ]; then
	[ -f "${2:-}" ] || die "usage: sh bench/bundle.sh --run FILE.tar.xz [CORES]"
	d=/tmp/rumormill-bundle
	rm -rf "$d"
	mkdir -p "$d/bin" "$d/build/tools" "$d/build/bench"
	tar -C "$d" -xJf "$2"
	wrap() {
		printf '#!/bin/sh\nexec %s/lib/ld-linux-x86-64.so.2 --library-path %s/lib %s/real/%s "$@"\n' \
			"$d" "$d" "$d" "$1" >"$2"
		chmod +x "$2"
	}
	for n in sqlite3 curl time; do wrap "$n" "$d/bin/$n"; done
	wrap gensite "$d/build/tools/gensite"
	wrap crawl_ceiling "$d/build/bench/crawl_ceiling"
	# bench/crawl.sh calls /usr/bin/time by its path.
	/usr/bin/time -v true >/dev/null 2>&1 || cp "$d/bin/time" /usr/bin/time
	# The lexicon from this checkout, where a build looks for it.
	mkdir -p /usr/local/share/rumormill
	cp -R config/lexicon /usr/local/share/rumormill/
	for r in "$d"/real/rumormill*; do
		name=$(basename "$r")
		wrap "$name" "$d/bin/$name"
		echo "== $name" >&2
		PATH="$d/bin:$PATH" BUILD="$d/build" BENCH_PREBUILT=1 \
			RUMORMILL="$d/bin/$name" CRAWL_CORES="${3:-2 4 8 16}" \
			CRAWL_SKIP="${CRAWL_SKIP:-wget2 scrapy}" \
			sh bench/crawl.sh >"$d/crawl-$name.txt" 2>&1 ||
			die "$name: bench/crawl.sh failed ($d/crawl-$name.txt)"
		grep -E '^\||^scale_' "$d/crawl-$name.txt"
	done
	exit 0
fi

out=${1:?usage: sh bench/bundle.sh FILE.tar.xz [EXTRA_RUMORMILL]}
make -s rumormill "$BUILD/tools/gensite" "$BUILD/bench/crawl_ceiling" >&2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rumormill-bundle.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/lib" "$tmp/real"
cp rumormill "$tmp/real/rumormill"
[ -z "${2:-}" ] || cp "$2" "$tmp/real/rumormill-before"
cp "$BUILD/tools/gensite" "$BUILD/bench/crawl_ceiling" "$tmp/real/"
for t in sqlite3 curl; do
	cp "$(command -v "$t")" "$tmp/real/" || die "needs $t"
done
cp /usr/bin/time "$tmp/real/time" || die "needs /usr/bin/time"
strip "$tmp"/real/*
for b in "$tmp"/real/*; do
	ldd "$b" | awk '/=>/ { print $3 } /ld-linux/ { print $1 }'
done | sort -u | while read -r lib; do
	cp -L "$lib" "$tmp/lib/"
done
tar -C "$tmp" -cJf "$out" lib real
echo "bench/bundle.sh: $out ($(du -h "$out" | cut -f1))" >&2
