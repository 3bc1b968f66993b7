# Helpers for the end-to-end crawl tests (sourced after lib.sh): a copy
# of the demo site served by build/tools/demo_httpd on 127.0.0.1, a
# configuration directory with one source for it, and the server's
# request log.
HTTPD="$REPO/${BUILD:-build}/tools/demo_httpd"

# start_site DIR [demo_httpd options...]: serve DIR; sets BASE.  The
# server stops when fd 3 closes (stop_site, or this script ending).
start_site() {
	site=$1
	shift
	rm -f ctl url
	mkfifo ctl
	"$HTTPD" --log "$WORK/access.log" "$@" "$site" <ctl >url &
	HTTPD_PID=$!
	exec 3>ctl
	tries=0
	while [ ! -s url ]; do
		tries=$((tries + 1))
		if [ "$tries" -gt 200 ]; then
			echo "demo_httpd did not start" >&2
			exit 2
		fi
		sleep 0.05
	done
	BASE=$(cat url)
}

stop_site() {
	exec 3>&-
	wait "$HTTPD_PID" 2>/dev/null
}

# copy_site: a private copy of demo/site in ./site (tests edit it).
copy_site() {
	rm -rf site
	cp -R "$REPO/demo/site" site
}

# write_source NAME [extra INI lines...]: the demo source in ./config.
write_source() {
	name=$1
	shift
	mkdir -p config/sources.d
	{
		echo "[source]"
		echo "start = $BASE/index.html"
		echo "start = $BASE/feed.xml"
		echo "start = $BASE/sitemap.xml"
		echo "follow = ^$BASE/news/"
		echo "skip = /tag/"
		for line in "$@"; do echo "$line"; done
	} >"config/sources.d/$name.ini"
}

# The database crawl and sql use: $DB when the test set it (new_db, for
# tests that run on either backend), else ./db.

# crawl ARGS...: the binary on the database with ./config.
crawl() {
	rm_run --db "${DB:-$WORK/db}" --config "$WORK/config" crawl \
		--allow-private "$@"
}

# log_lines: requests logged so far.
log_lines() {
	[ -f "$WORK/access.log" ] || { echo 0; return; }
	wc -l <"$WORK/access.log" | tr -d ' '
}

# log_since N: the requests logged after the first N.
log_since() {
	tail -n +"$(($1 + 1))" "$WORK/access.log"
}

# wait_log PATTERN N: wait (up to 30 s) until N logged requests match.
wait_log() {
	tries=0
	while [ "$(grep -c -- "$1" "$WORK/access.log" 2>/dev/null)" -lt "$2" ] &&
		[ "$tries" -lt 600 ]; do
		sleep 0.05
		tries=$((tries + 1))
	done
}

# sql QUERY: one value from the database.
sql() {
	dbq "${DB:-$WORK/db}" "$1"
}
