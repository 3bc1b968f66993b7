#!/bin/sh
# A file in sources.d that is not NAME.ini is not a source; `sources
# check`, `crawl` and `sources list` say so, naming the file, instead of
# leaving its site out in silence.
. "$(dirname "$0")/lib.sh"
. "$REPO/tests/cli/crawl_lib.sh"
rm -f db db-wal db-shm

copy_site
start_site site
write_source demo "delay = 0" "max_pages = 1"
cp config/sources.d/demo.ini config/sources.d/site.conf
# Not warned about: an editor's hidden swap file, a directory.
: >config/sources.d/.demo.ini.swp
mkdir -p config/sources.d/old

rm_run --config config sources check
expect_status "sources check: a stray file is a warning, not an error" 0
contains "sources check names the file" \
	"warning: config/sources.d/site.conf: not read: source files are named NAME.ini" err
check "one warning only (no hidden file, no directory)" \
	[ "$(grep -c warning err)" = 1 ]
contains "the summary does not say all is well without a word" \
	"1 source, no errors, 1 file not read" out

crawl
expect_status "crawl with a stray file exits 0" 0
contains "crawl names the file" "config/sources.d/site.conf: not read" err
rm_run --db db --config config sources list
contains "sources list names the file" "config/sources.d/site.conf: not read" err
# One time format, with its zone, for the last run and the next one.
check "sources list: last run and next due both in UTC with Z" \
	[ "$(grep -oE '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z' out | wc -l)" = 2 ]
lacks "sources list: no time without its zone" \
	"$(date -u +%Y-%m-%d) " out

rm config/sources.d/site.conf
rm_run --config config sources check
check "no stray file, no warning" [ ! -s err ]
contains "no stray file: no errors" "1 source, no errors" out
stop_site
