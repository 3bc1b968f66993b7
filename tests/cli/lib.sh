# Assertions for the end-to-end tests.  Each test script sources this,
# runs the real binary ($RUMORMILL) in its own directory ($WORK), and
# records one line per check in $COUNTS.
set -u
mkdir -p "$WORK"
cd "$WORK" || exit 2
REPO=$(cd "$(dirname "$0")/../.." 2>/dev/null && pwd)
[ -d "$REPO/tests" ] || REPO=$OLDPWD
DATA="$REPO/tests/data"
SHARED="$RUMORMILL_SHARED"

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
