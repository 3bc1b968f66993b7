#!/bin/sh
# Every fuzz target over its seed corpus and past crash inputs
# (fuzz/corpus/<target>/, fuzz/regress/<target>/), with the ordinary
# build: a crash, sanitizer report or valgrind error fails the target.
. "$(dirname "$0")/lib.sh"

case "$BUILD" in /*) bin="$BUILD/fuzz" ;; *) bin="$REPO/$BUILD/fuzz" ;; esac
for src in "$REPO"/fuzz/fuzz_*.c; do
	t=$(basename "$src" .c)
	name=${t#fuzz_}
	n=$(find "$REPO/fuzz/corpus/$t" "$REPO/fuzz/regress/$t" -type f \
		! -name '.*' 2>/dev/null | wc -l)
	# Targets find the bundled lexicon relative to the repository.
	# shellcheck disable=SC2086
	(cd "$REPO" && $RUMORMILL_WRAP "$bin/replay_$name" \
		"fuzz/corpus/$t" "fuzz/regress/$t") >out 2>err
	status=$?
	if [ "$status" -eq 0 ] && [ "$(cat out)" = "$n inputs" ] &&
		[ "$n" -gt 0 ]; then
		pass "$t replays $n inputs"
	else
		fail "$t replays $n inputs" "status $status, $(cat out)"
	fi
done
