#!/bin/sh
# A private, throw-away PostgreSQL cluster for the tests and benchmarks.
#
#   pgcluster.sh start DIR          make DIR, start a cluster in it on a free
#                                   port of 127.0.0.1, create the database
#                                   rumormill; print its URI (also in DIR/uri)
#   pgcluster.sh createdb DIR NAME  create database NAME; print its URI
#   pgcluster.sh stop DIR           stop the cluster (if running), remove DIR
#   pgcluster.sh available          exit 0 when a cluster can be started here
#
# Start prints exactly one line on stdout; everything the server and its
# tools say goes to DIR/log.  The cluster trusts every local connection and
# skips fsync: it is for tests only.  As root, every PostgreSQL program
# runs as the postgres user, since initdb refuses to run as root.
set -eu

usage() {
	echo "usage: pgcluster.sh start DIR | createdb DIR NAME | stop DIR |" \
		"available" >&2
	exit 2
}

die() {
	echo "pgcluster.sh: $*" >&2
	exit 1
}

# The server's messages are English whatever the caller's locale, and
# an uninstalled locale in the caller's environment causes no warnings.
LC_ALL=C
export LC_ALL
# The caller's PG* settings (PGSSLMODE, PGOPTIONS, PGHOST...) must not
# change which server the tools talk to or how.
for v in $(env | sed -n 's/^\(PG[A-Z_]*\)=.*/\1/p'); do
	unset "$v"
done

RUN_AS=
[ "$(id -u)" -eq 0 ] && RUN_AS=postgres

# find_bins: set BINDIR to the newest Debian PostgreSQL, else to the
# directory of the initdb on PATH.  Returns 1 when there is none.
find_bins() {
	BINDIR=
	# sort -n, not the glob's order: 9.6 comes before 15.
	for v in $(ls /usr/lib/postgresql 2>/dev/null | sort -n); do
		[ -x "/usr/lib/postgresql/$v/bin/initdb" ] &&
			[ -x "/usr/lib/postgresql/$v/bin/pg_ctl" ] &&
			BINDIR=/usr/lib/postgresql/$v/bin
	done
	if [ -z "$BINDIR" ]; then
		p=$(command -v initdb 2>/dev/null) || return 1
		BINDIR=$(dirname "$p")
	fi
	[ -x "$BINDIR/initdb" ] && [ -x "$BINDIR/pg_ctl" ]
}

# pgbin NAME: the path of the PostgreSQL program NAME.
pgbin() {
	if [ -x "$BINDIR/$1" ]; then
		echo "$BINDIR/$1"
	else
		command -v "$1" || die "$1 not found (PostgreSQL in $BINDIR)"
	fi
}

# as_pg COMMAND...: run COMMAND as the user that owns the cluster.
as_pg() {
	if [ -z "$RUN_AS" ]; then
		"$@"
	elif command -v runuser >/dev/null 2>&1; then
		runuser -u "$RUN_AS" -- "$@"
	else
		cmd=
		for a; do
			cmd="$cmd '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
		done
		su "$RUN_AS" -s /bin/sh -c "$cmd"
	fi
}

# absdir DIR: DIR as an absolute path (we cd / below).
absdir() {
	case $1 in
	/*) echo "$1" ;;
	*) echo "$PWD/$1" ;;
	esac
}

# port_busy PORT: something on this machine holds PORT (any address, any
# state).  Linux's socket tables answer without connecting; elsewhere ask
# pg_isready, which only sees listeners that answer at all.  Either way
# start retries when the server cannot bind.
port_busy() {
	files=
	for f in /proc/net/tcp /proc/net/tcp6; do
		[ -r "$f" ] && files="$files $f"
	done
	if [ -n "$files" ]; then
		# shellcheck disable=SC2086
		awk -v p="$(printf '%04X' "$1")" '
			{ n = split($2, a, ":"); if (a[n] == p) busy = 1 }
			END { exit !busy }' $files
	else
		rc=0
		"$(pgbin pg_isready)" -q -t 1 -h 127.0.0.1 -p "$1" || rc=$?
		[ "$rc" -ne 2 ]
	fi
}

# free_port: print a port in 20000-40000 that nothing holds.
free_port() {
	i=0
	while [ $i -lt 20 ]; do
		i=$((i + 1))
		# Not awk's rand(): runs started in the same second share a seed.
		r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
		port=$((20000 + r % 20001))
		port_busy "$port" || {
			echo "$port"
			return 0
		}
	done
	return 1
}

log_tail() {
	if [ -s "$DIR/log" ]; then
		echo "--- last lines of $DIR/log:" >&2
		tail -n 20 "$DIR/log" >&2
	fi
}

fail_start() {
	echo "pgcluster.sh: $*" >&2
	log_tail
	exit 1
}

# On a failed or interrupted start, leave no server behind; DIR stays for
# its log until the caller's stop.
cleanup_start() {
	status=$?
	if [ "$status" -ne 0 ] && [ -f "$DIR/data/postmaster.pid" ]; then
		as_pg "$(pgbin pg_ctl)" -D "$DIR/data" -m immediate -w stop \
			>>"$DIR/log" 2>&1 || :
	fi
	exit "$status"
}

cmd_start() {
	DIR=$(absdir "$1")
	# pg_ctl passes the paths through sh in double quotes, and the URI
	# and the socket name should need no escaping.
	case $DIR in
	*[!A-Za-z0-9_./-]*)
		die "DIR may hold only letters, digits and _ . / - : $DIR" ;;
	esac
	# A Unix socket path holds at most 107 bytes:
	# DIR/sock/.s.PGSQL.NNNNN is DIR plus 20.
	[ ${#DIR} -le 87 ] ||
		die "DIR is too long for a socket path (${#DIR} > 87): $DIR"
	find_bins || die "no PostgreSQL found (initdb and pg_ctl)"
	if [ -n "$RUN_AS" ]; then
		id -u "$RUN_AS" >/dev/null 2>&1 ||
			die "running as root needs a '$RUN_AS' user for the server"
	fi
	if [ -e "$DIR" ] && ! { [ -d "$DIR" ] && [ -z "$(ls -A "$DIR")" ]; }
	then
		die "$DIR exists and is not an empty directory"
	fi
	mkdir -p "$DIR/sock"
	# stop removes only directories carrying this mark.
	: >"$DIR/.pgcluster"
	: >"$DIR/log"
	if [ -n "$RUN_AS" ]; then
		chown -R "$RUN_AS" "$DIR"
		as_pg test -w "$DIR" ||
			die "$RUN_AS cannot write to $DIR (is a parent directory" \
				"private? use one under /tmp)"
	fi
	cd /
	trap cleanup_start EXIT
	trap 'exit 130' INT TERM

	locale=C
	locale -a 2>/dev/null | grep -qiE '^C\.UTF-?8$' && locale=C.UTF-8
	# --no-sync: the cluster is thrown away, so nothing need reach the
	# disk.
	as_pg "$(pgbin initdb)" -D "$DIR/data" --auth=trust -U rumormill \
		--encoding=UTF8 --locale="$locale" --no-sync \
		>>"$DIR/log" 2>&1 || fail_start "initdb failed"

	pg_ctl=$(pgbin pg_ctl)
	tries=0
	while :; do
		tries=$((tries + 1))
		port=$(free_port) || fail_start "no free port in 20000-40000"
		from=$(($(wc -c <"$DIR/log") + 1))
		as_pg "$pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -t 60 \
			-o "-h 127.0.0.1 -p $port -k $DIR/sock -c fsync=off \
-c synchronous_commit=off -c full_page_writes=off -c max_connections=50" \
			start >>"$DIR/log" 2>&1 && break
		# Another process may take the port between the probe and
		# the bind: try another.  Any other failure is final.
		if [ $tries -lt 5 ] && tail -c +"$from" "$DIR/log" |
			grep -q 'could not create any TCP/IP sockets'; then
			continue
		fi
		fail_start "the server did not start (port $port)"
	done

	as_pg "$(pgbin createdb)" -h 127.0.0.1 -p "$port" -U rumormill \
		rumormill >>"$DIR/log" 2>&1 ||
		fail_start "createdb rumormill failed (port $port)"
	uri=postgresql://rumormill@127.0.0.1:$port/rumormill
	echo "$uri" >"$DIR/uri"
	echo "$uri"
}

cmd_createdb() {
	DIR=$(absdir "$1")
	name=$2
	# The name goes into a URI unescaped, and PostgreSQL cuts names at
	# 63 bytes.
	case $name in
	'' | *[!A-Za-z0-9_]*) die "database names here are [A-Za-z0-9_]+: $name" ;;
	esac
	[ ${#name} -le 63 ] || die "database name longer than 63: $name"
	[ -f "$DIR/uri" ] || die "no cluster started in $DIR"
	uri=$(cat "$DIR/uri")
	port=${uri##*:}
	port=${port%%/*}
	find_bins || die "no PostgreSQL found (initdb and pg_ctl)"
	cd /
	as_pg "$(pgbin createdb)" -h 127.0.0.1 -p "$port" -U rumormill \
		"$name" >>"$DIR/log" 2>&1 ||
		fail_start "createdb $name failed (port $port)"
	echo "postgresql://rumormill@127.0.0.1:$port/$name"
}

cmd_stop() {
	DIR=$(absdir "$1")
	[ -e "$DIR" ] || return 0
	[ -f "$DIR/.pgcluster" ] ||
		die "$DIR was not made by pgcluster.sh start; not removing it"
	cd /
	if [ -f "$DIR/data/postmaster.pid" ]; then
		find_bins || die "no PostgreSQL found to stop $DIR"
		pg_ctl=$(pgbin pg_ctl)
		# Fails when the server is already gone; status tells.
		as_pg "$pg_ctl" -D "$DIR/data" -m immediate -w -t 60 stop \
			>>"$DIR/log" 2>&1 || :
		# 3 is "no server running"; anything else (say, a data
		# directory this user cannot read) keeps DIR.
		rc=0
		as_pg "$pg_ctl" -D "$DIR/data" status >/dev/null 2>&1 || rc=$?
		[ "$rc" -eq 3 ] ||
			fail_start "the server in $DIR may still run (pg_ctl" \
				"status $rc); DIR kept"
	fi
	rm -rf "$DIR"
}

[ $# -ge 1 ] || usage
case $1 in
start)
	[ $# -eq 2 ] || usage
	cmd_start "$2"
	;;
createdb)
	[ $# -eq 3 ] || usage
	cmd_createdb "$2" "$3"
	;;
stop)
	[ $# -eq 2 ] || usage
	cmd_stop "$2"
	;;
available)
	[ $# -eq 1 ] || usage
	find_bins || exit 1
	if [ -n "$RUN_AS" ]; then
		id -u "$RUN_AS" >/dev/null 2>&1 || exit 1
	fi
	exit 0
	;;
*) usage ;;
esac
