#!/bin/sh
# The command line: help everywhere, exit statuses as documented
# (0 ok, 1 run-time failure, 2 usage or configuration error).
. "$(dirname "$0")/lib.sh"

rm_run --help
expect_status "--help exits 0" 0
contains "--help lists commands" "query"

rm_run --version
expect_status "--version exits 0" 0

for cmd in extract import query; do
	rm_run "$cmd" --help
	expect_status "$cmd --help exits 0" 0
	contains "$cmd --help shows usage" "usage: rumormill $cmd"
done

rm_run
expect_status "no command is a usage error" 2

rm_run frobnicate
expect_status "unknown command is a usage error" 2
contains "unknown command is named" "frobnicate" err

rm_run extract
expect_status "extract without files is a usage error" 2

rm_run extract --published 2023-13-01 --plain /dev/null
expect_status "impossible --published date is a usage error" 2

rm_run extract --plain does-not-exist.txt
expect_status "missing input file is a run-time failure" 1
contains "missing file is named" "does-not-exist.txt" err

rm_run --db "$WORK/q.db" query --format xml
expect_status "unknown format is a usage error" 2

rm_run --db "$WORK/q.db" query --limit 0
expect_status "zero limit is a usage error" 2

rm_run --db "$WORK/q.db" query --since yesterday
expect_status "bad --since is a usage error" 2

rm_run --db "$WORK/none/missing.db" query
expect_status "query on a missing database fails" 1
contains "a missing database: named, and how to make one" \
	"no database at $WORK/none/missing.db: run \`rumormill crawl\` or \`rumormill import\` first" err
lacks "a missing database: not SQLite's words" "unable to open" err
for cmd in show devices report; do
	case $cmd in
	show) set -- show "Galaxy S24" ;;
	report) set -- report --html "$WORK/r.html" ;;
	*) set -- "$cmd" ;;
	esac
	rm_run --db "$WORK/none/missing.db" "$@"
	expect_status "$cmd on a missing database fails" 1
	contains "$cmd: a missing database is named" \
		"no database at $WORK/none/missing.db" err
done
echo "not a database" >notdb.txt
rm_run --db "$WORK/notdb.txt" query
expect_status "query on a file that is not a database fails" 1
contains "a file that is not a database: named as such" \
	"$WORK/notdb.txt is not a rumormill database" err
lacks "a file that is not a database: not the pragma that failed" \
	"page cache" err
rm_run --db "$WORK/notdb.txt" import --url https://example.com/a \
	"$DATA/articles/galaxy-s24.html"
expect_status "import into a file that is not a database fails" 1
contains "import: the file is named as no database" \
	"$WORK/notdb.txt is not a rumormill database" err
check "the file is left as it was" [ "$(cat notdb.txt)" = "not a database" ]

rm_run --db "$WORK/q.db" import --url ftp://example.com/a "$DATA/articles/galaxy-s24.html"
expect_status "import refuses a non-http URL" 2

# Global options after the command mean what they mean before it.
rm_run --db "$WORK/g.db" import --url https://example.com/s24 \
	"$DATA/articles/galaxy-s24.html"
rm_run --db "$WORK/g.db" query --format csv
cp out before.csv
rm_run query --format csv --db "$WORK/g.db"
expect_status "--db after the command is accepted" 0
check "--db after the command: the same answer" cmp -s out before.csv
rm_run query --format csv --db="$WORK/g.db" -q
expect_status "--db=FILE and -q after the command are accepted" 0
check "--db=FILE after the command: the same answer" cmp -s out before.csv
rm_run devices -v --config "$WORK" --db "$WORK/g.db"
expect_status "-v and --config after the command are accepted" 0
rm_run query --db
expect_status "--db after the command without its value is a usage error" 2
rm_run query --format csv -- --db
expect_status "after --, --db is an argument, not an option" 2

# The table names every column, the contested one too.
rm_run --db "$WORK/g.db" query
check "the query table's last column has a header" \
	[ "$(head -n 1 out | awk '{ print $NF }')" = CONTESTED ]
# Help text: no line starts with a stray punctuation mark.
for cmd in devices chipsets; do
	rm_run "$cmd" --help
	check "$cmd --help: no line begins with a comma" \
		[ "$(grep -c '^,' out)" = 0 ]
done

# A broken user lexicon file is reported with its file and line.
mkdir -p cfg/lexicon
printf 'this line is not valid lexicon syntax ((\n' >cfg/lexicon/zz-bad.lex
rm_run --config "$WORK/cfg" extract --plain "$SEEDS/000_e53f86e8c37d90c3.txt"
expect_status "bad lexicon file is a configuration error" 2
contains "bad lexicon names file and line" "zz-bad.lex:1" err
