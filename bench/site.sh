# Sourced by the scripts that crawl the generated news site (bench/crawl.sh,
# tests/stress/crawl_rss.sh), which define die() and BUILD first.
#
# site_start NAME PAGES: a temporary directory $work (removed on exit)
# and build/tools/gensite serving PAGES articles on 8 loopback hosts,
# its base URLs in $work/urls, its log in $work/server.log, its pid in
# $server.  The server lives until fd 3 (its standard input) closes.
site_start() {
	work=$(mktemp -d "${TMPDIR:-/tmp}/rumormill-$1.XXXXXX")
	server=
	trap site_cleanup EXIT
	trap 'exit 1' INT TERM
	mkfifo "$work/ctl"
	# Made here: the server's redirection may come after the first look.
	: >"$work/urls"
	"$BUILD/tools/gensite" --pages "$2" <"$work/ctl" >"$work/urls" \
		2>"$work/server.log" &
	server=$!
	exec 3>"$work/ctl"
	site_tries=0
	while [ "$(wc -l <"$work/urls")" -lt 8 ]; do
		site_tries=$((site_tries + 1))
		[ "$site_tries" -le 100 ] ||
			die "the site did not start: $(cat "$work/server.log")"
		sleep 0.1
	done
}

site_cleanup() {
	exec 3>&- 2>/dev/null || true
	[ -z "$server" ] || wait "$server" 2>/dev/null || true
	rm -rf "$work"
}

# site_sources DIR [PATH...]: DIR/sources.d with one source per host of
# the site: its sitemap (and PATHs, such as / for the front page) as
# start URLs, its dated /news/ pages as articles, no delay.
site_sources() {
	site_dir=$1
	shift
	mkdir -p "$site_dir/sources.d"
	site_i=0
	while read -r site_base; do
		site_i=$((site_i + 1))
		{
			echo "[source]"
			echo "start = $site_base/sitemap.xml"
			for site_path in "$@"; do
				echo "start = $site_base$site_path"
			done
			echo "follow = ^$(echo "$site_base" |
				sed 's/\./\\./g')/news/\d{4}/"
			echo "every = 1h"
			echo "delay = 0"
			echo "max_pages = 100000"
		} >"$site_dir/sources.d/host$site_i.ini"
	done <"$work/urls"
}
