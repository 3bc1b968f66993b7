# Helpers for the end-to-end tests that crawl the generated news site
# (build/tools/gensite), sourced after lib.sh: start and stop the site,
# a configuration with one source per host, a crawl, and a dump of what
# a crawl stored that two databases can be compared by.
GENSITE="$REPO/${BUILD:-build}/tools/gensite"

# start_gensite PAGES HOSTS [gensite options...]: serve the site; sets
# URLS (the file of base URLs, one a line) and GENSITE_PID.  The server
# stops when fd 3 closes (stop_gensite, or this script ending).
start_gensite() {
	gs_pages=$1
	gs_hosts=$2
	shift 2
	rm -f gensite.ctl urls
	mkfifo gensite.ctl
	"$GENSITE" --pages "$gs_pages" --hosts "$gs_hosts" "$@" \
		<gensite.ctl >urls 2>gensite.err &
	GENSITE_PID=$!
	exec 3>gensite.ctl
	URLS="$WORK/urls"
	tries=0
	while [ ! -s urls ]; do
		tries=$((tries + 1))
		if [ "$tries" -gt 200 ]; then
			echo "gensite did not start: $(cat gensite.err)" >&2
			exit 2
		fi
		sleep 0.05
	done
}

stop_gensite() {
	exec 3>&-
	wait "$GENSITE_PID" 2>/dev/null
}

# gensite_config: ./config with one source per host (its sitemap, its
# articles, no delay) and loopback addresses allowed.
gensite_config() {
	rm -rf config
	mkdir -p config/sources.d
	{
		echo "[crawl]"
		echo "allow_private = yes"
	} >config/rumormill.conf
	gs_i=0
	while read -r gs_base; do
		gs_i=$((gs_i + 1))
		{
			echo "[source]"
			echo "start = $gs_base/sitemap.xml"
			echo "follow = ^$(echo "$gs_base" | sed 's/\./\\./g')/news/"
			echo "delay = 0"
			echo "max_pages = 100000"
		} >"config/sources.d/host$gs_i.ini"
	done <urls
}

# gen_crawl DB: one crawl of the site into DB (status in $status).
gen_crawl() {
	rm_run --db "$1" --config "$WORK/config" crawl -q
}

# dump_db DB: what a crawl stored, one sorted line a row, by natural
# keys (no ids, no times): articles, rumors, evidence, the frontier.
# DUMP_SQL is standard SQL, for PostgreSQL's psql too (version 15 or
# later prints every statement's rows).
DUMP_SQL="
		SELECT 'article', a.url, s.name, coalesce(a.published, ''),
		       a.content_hash, coalesce(a.author, ''), a.title
		  FROM articles a JOIN sources s ON s.id = a.source_id;
		SELECT 'rumor', e.kind, e.name, r.attribute, r.value,
		       r.qualifier, r.sources, r.first_seen, r.last_seen
		  FROM rumors r JOIN entities e ON e.id = r.subject_id;
		SELECT 'evidence', e.name, r.attribute, r.value, r.qualifier,
		       a.url, v.cue
		  FROM evidence v JOIN rumors r ON r.id = v.rumor_id
		  JOIN entities e ON e.id = r.subject_id
		  JOIN articles a ON a.id = v.article_id;
		SELECT 'frontier', f.url, f.source, f.state,
		       coalesce(f.etag, ''), coalesce(f.body_hash, ''),
		       coalesce(f.article_url, '')
		  FROM crawl_frontier f;"
dump_db() {
	dbq "$1" "$DUMP_SQL" | sort
}
