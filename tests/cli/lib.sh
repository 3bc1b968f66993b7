# Assertions for the end-to-end tests.  Each test script sources this,
# runs the real binary ($RUMORMILL) in its own directory ($WORK), and
# records one line per check in $COUNTS.
set -u
mkdir -p "$WORK"
cd "$WORK" || exit 2
REPO=$(cd "$(dirname "$0")/../.." 2>/dev/null && pwd)
[ -d "$REPO/tests" ] || REPO=$OLDPWD
DATA="$REPO/tests/data"
# The seed articles and their labels (tests/data/seeds/SOURCE.md).
SEEDS="$DATA/seeds"

# rm ARGS...: run the binary (under valgrind when asked); stdout to
# ./out, stderr to ./err, status in $status.
rm_run() {
	# shellcheck disable=SC2086
	$RUMORMILL_WRAP "$RUMORMILL" "$@" >out 2>err
	status=$?
	return 0
}

pass() { echo "pass $1" >>"$COUNTS"; echo "ok - $1"; }
fail() {
	echo "fail $1" >>"$COUNTS"
	echo "FAIL - $1${2:+: $2}"
	[ -s err ] && sed 's/^/    stderr: /' err | head -n 5
	return 0
}

# check NAME COMMAND...: pass when COMMAND succeeds.
check() {
	name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name"; fi
}

# expect_status NAME N: the last rm_run exited with N.
expect_status() {
	if [ "$status" -eq "$2" ]; then pass "$1"
	else fail "$1" "status $status, expected $2"; fi
}

# jq_true NAME FILTER [FILE]: the JSON in FILE (default ./out) satisfies
# the jq FILTER (which must print true).
jq_true() {
	if [ "$(jq -r "$2" "${3:-out}" 2>&1)" = true ]; then pass "$1"
	else fail "$1" "jq '$2' on ${3:-out}: $(jq -c "$2" "${3:-out}" 2>&1 | head -c 300)"; fi
}

# contains NAME TEXT [FILE]: FILE (default ./out) contains TEXT.
contains() {
	if grep -qF -- "$2" "${3:-out}"; then pass "$1"
	else fail "$1" "'$2' not in ${3:-out}"; fi
}

# lacks NAME TEXT [FILE]: FILE does not contain TEXT.
lacks() {
	if grep -qF -- "$2" "${3:-out}"; then fail "$1" "'$2' found in ${3:-out}"
	else pass "$1"; fi
}

# ---- the database under test ----
# tests/run runs the tests marked "# backends: sqlite postgresql" a
# second time with RUMORMILL_TEST_BACKEND=postgresql, in a cluster it
# started once (RUMORMILL_TEST_CLUSTER); these helpers let one test
# body run on either.

# on_postgresql: true when this run's databases are PostgreSQL.
on_postgresql() {
	[ "${RUMORMILL_TEST_BACKEND:-sqlite}" = postgresql ]
}

# new_db NAME: print a fresh, empty database target for --db.  On
# SQLite, $WORK/NAME with its old file (and -wal, -shm) removed; on
# PostgreSQL, a new database in the run's cluster, named after the test
# and NAME, so every test of the run gets its own.  Asking again for
# the same NAME gives an empty one again, as on SQLite.
new_db() {
	if on_postgresql; then
		nd_name=$(basename "$0" .sh | sed 's/^test_//')_$1
		nd_name=$(printf '%s' "$nd_name" |
			LC_ALL=C tr '[:upper:]' '[:lower:]' |
			LC_ALL=C tr -c 'a-z0-9_' '_' | cut -c 1-63)
		# Dropped, not renamed: a test reusing NAME wants it empty.
		psql -X -q -v ON_ERROR_STOP=1 \
			"$(cat "$RUMORMILL_TEST_CLUSTER/uri")" \
			-c "SET client_min_messages = warning" \
			-c "DROP DATABASE IF EXISTS $nd_name WITH (FORCE)" >&2 ||
			return 1
		sh "$REPO/tests/support/pgcluster.sh" createdb \
			"$RUMORMILL_TEST_CLUSTER" "$nd_name"
	else
		rm -f "$WORK/$1" "$WORK/$1-wal" "$WORK/$1-shm"
		echo "$WORK/$1"
	fi
}

# dbq DB SQL: run SQL on DB (a file or a postgresql:// URI) and print
# the rows as sqlite3 does by default: fields split by |, NULL empty.
# SQL may hold several statements (psql 15 and later print the rows of
# each).
# PostgreSQL prints booleans as t/f and 1.0 as 1: portable checks ask
# for integers (count(*), CASE WHEN ... THEN 1 ELSE 0 END) or text.
dbq() {
	case $1 in
	postgresql://* | postgres://*)
		psql -X -q -A -t -F '|' -v ON_ERROR_STOP=1 "$1" -c "$2" ;;
	*) sqlite3 "$1" "$2" ;;
	esac
}
