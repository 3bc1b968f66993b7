#!/bin/sh
# `make`, then `make install PREFIX=...` (no DESTDIR), as a user does it:
# the installed binary finds its data, the compiled-in path follows
# PREFIX, an installation moved elsewhere still finds its data beside
# it, and when the data is missing the error names where it looked.
# Built from a copy of the source tree, so the binary under test is
# left alone.
. "$(dirname "$0")/lib.sh"
rm -rf src prefix moved
mkdir src
for d in Makefile common extract store crawler config cli docs; do
	cp -R "$REPO/$d" src/
done
# A make of its own: not the suite's build directory, sanitizer switch
# or flags, which the environment and MAKEFLAGS carry down from
# `make test`.
MK="env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u BUILD -u SANITIZE make -s -C src"
if ! $MK -j8 >build.log 2>&1; then
	fail "make builds the copy" "$(tail -n 5 build.log)"
	exit 0
fi
pass "make builds the copy"
if ! $MK install PREFIX="$WORK/prefix" >install.log 2>&1; then
	fail "make install PREFIX=... installs" "$(tail -n 5 install.log)"
	exit 0
fi
pass "make install PREFIX=... installs"
BIN="$WORK/prefix/bin/rumormill"
check "the binary is installed" [ -x "$BIN" ]
check "the data is installed" [ -d "$WORK/prefix/share/rumormill/lexicon" ]
check "the compiled-in data path follows PREFIX" \
	grep -qaF "$WORK/prefix/share/rumormill" "$BIN"

# run BIN ARGS...: the installed binary, from a directory with no
# source tree above it.
run_bin() {
	b=$1
	shift
	# shellcheck disable=SC2086
	(cd / && $RUMORMILL_WRAP "$b" "$@") >out 2>err
	status=$?
}
run_bin "$BIN" extract "$DATA/articles/pixel-9.html"
expect_status "the installed binary extracts an article" 0
jq_true "... and finds its rumors" '.rumors | length > 0'
run_bin "$BIN" --db "$WORK/i.db" import --url https://example.com/p9 \
	"$DATA/articles/pixel-9.html"
expect_status "the installed binary imports" 0
run_bin "$BIN" --db "$WORK/i.db" query --format csv
contains "... and queries" "Pixel 9"

# Moved as a whole (a relocated package): BINDIR/../share/rumormill.
mv prefix moved
run_bin "$WORK/moved/bin/rumormill" extract "$DATA/articles/pixel-9.html"
expect_status "a moved installation finds its data beside it" 0

# No data at all: the error says where it looked.
rm -rf moved/share/rumormill/lexicon
run_bin "$WORK/moved/bin/rumormill" extract "$DATA/articles/pixel-9.html"
expect_status "no data: exit 2" 2
contains "no data: the error says no patterns were loaded" \
	"no patterns loaded" err
contains "no data: it names the directory beside the binary" \
	"$WORK/moved/bin/../share/rumormill/lexicon" err
contains "no data: it names the compiled-in directory" \
	"$WORK/prefix/share/rumormill/lexicon" err
rm -rf src moved
