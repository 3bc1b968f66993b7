#!/bin/sh
# The crontab lines the documentation gives work under cron, whose PATH
# is /usr/bin:/bin: every command in them names the binary by an
# absolute path (PREFIX/bin/rumormill of `make install`), and, run the
# way cron runs it (sh -c, cron's PATH, the binary at that path), each
# line does its job.
. "$(dirname "$0")/lib.sh"
rm -rf root lines
PREFIX=/usr/local

# Every crontab line of README.md, the man page and docs/*.md, with the
# man page's escapes undone.
for f in "$REPO/README.md" "$REPO/docs/rumormill.1" "$REPO"/docs/*.md; do
	sed -n 's/^[[:space:]]*\([0-9*][0-9*,/-]* [0-9*][0-9*,/-]* [0-9*][0-9*,/-]* [0-9*][0-9*,/-]* [0-9*][0-9*,/-]*\) \(.*rumormill.*\)$/\2/p' "$f" |
		sed 's/\\-/-/g' >>lines
done
check "the documentation has crontab lines ($(wc -l <lines))" \
	[ "$(wc -l <lines)" -ge 3 ]

bad=
while IFS= read -r line; do
	# Each command of the line: split at ; && ||.
	for cmd in $(printf '%s\n' "$line" | sed 's/&&/;/g; s/||/;/g' |
		tr ';' '\n' | awk '{ print $1 }'); do
		case $cmd in
		"$PREFIX/bin/rumormill") ;;
		*) bad="$bad [$cmd in: $line]" ;;
		esac
	done
done <lines
if [ -z "$bad" ]; then
	pass "every documented crontab command is $PREFIX/bin/rumormill"
else
	fail "every documented crontab command is $PREFIX/bin/rumormill" "$bad"
fi

# Run each line as cron does, with the binary at PREFIX/bin inside a
# directory of our own standing in for /, and cron's PATH.
mkdir -p "root$PREFIX/bin" root/var/www
ln -s "$RUMORMILL" "root$PREFIX/bin/rumormill"
mkdir -p cfg/sources.d
n=0
while IFS= read -r line; do
	n=$((n + 1))
	cmd=$(printf '%s\n' "$line" |
		sed "s#$PREFIX/bin/#$WORK/root$PREFIX/bin/#g; s# /var/www/# $WORK/root/var/www/#g")
	env -i PATH=/usr/bin:/bin HOME="$WORK" RUMORMILL_DB="$WORK/cron.db" \
		RUMORMILL_CONFIG="$WORK/cfg" sh -c "$cmd" >out 2>err
	st=$?
	# No sources configured: the crawl says so (exit 2); what must
	# never happen is cron's "not found" (127).
	if [ "$st" -ne 127 ] && ! grep -q "not found" err; then
		pass "crontab line $n finds the binary under cron's PATH"
	else
		fail "crontab line $n finds the binary under cron's PATH" \
			"status $st: $line"
	fi
done <lines
