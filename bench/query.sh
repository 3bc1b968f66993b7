#!/bin/sh
# The query benchmark (make bench, or bench/run query): time query
# --device, --chipset, --search and show on a generated database of
# 1,000,000 rumors over 50,000 devices and 200,000 articles.
#
# The database is made once by build/bench/gen_store (through the store,
# as a crawl would fill it; about half an hour on the 2-core machine)
# and kept as build/bench/query.db; it is made again only when the
# generator or the schema changed.  Figures go to docs/BENCHMARKS.md.
set -eu
cd "$(dirname "$0")/.."
: "${BUILD:=build}"
db=$BUILD/bench/query.db
stamp=$db.stamp
key=$(cat bench/gen_store.c store/schema.c | cksum | cut -d' ' -f1)
if [ ! -f "$db" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$key" ]; then
	rm -f "$db" "$db-wal" "$db-shm" "$stamp" "$db.tmp" "$db.tmp-wal" \
		"$db.tmp-shm"
	echo "bench/query.sh: generating $db (once)" >&2
	"$BUILD/bench/gen_store" "$db.tmp"
	mv "$db.tmp" "$db"
	echo "$key" >"$stamp"
fi
echo "database: $(du -m "$db" | cut -f1) MB; $(sqlite3 "$db" \
	"SELECT (SELECT count(*) FROM articles) || ' articles, ' ||
	 (SELECT count(*) FROM devices) || ' devices, ' ||
	 (SELECT count(*) FROM chipsets) || ' chipsets, ' ||
	 (SELECT count(*) FROM rumors) || ' rumors, ' ||
	 (SELECT count(*) FROM evidence) || ' evidence rows'")"
"$BUILD/bench/query_time" "$db" ./rumormill
