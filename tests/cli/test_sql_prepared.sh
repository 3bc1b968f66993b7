#!/bin/sh
# Every SQL statement the program runs is fixed text: the SQL handed to
# sqlite3_exec, sqlite3_prepare* or a wrapper of theirs is a string
# literal or an entry of a static const table of literals, so that input
# can only ever be a bound parameter.  The few places that build SQL
# are listed below with what makes them safe, and checked for it; any
# new call site with SQL that is not fixed fails this test until it is
# looked at and listed.
. "$(dirname "$0")/lib.sh"

cd "$REPO" || exit 2
SRC="common extract store crawler config cli"

# sql_calls: "FILE:LINE:FUNCTION:SINK:ARG" for every call of a sink, ARG
# being its second argument (the SQL) with spacing squeezed.  Wrappers
# (functions that pass their own `sql` parameter on) become sinks too.
sql_calls() {
	# shellcheck disable=SC2086
	for f in $(ls $(printf '%s/*.c ' $SRC)); do
		awk -v file="$f" '
		BEGIN {
			split("sqlite3_exec sqlite3_prepare sqlite3_prepare_v2 " \
			      "sqlite3_prepare_v3 store_prepare exec_sql " \
			      "query_int db_exec db_prepare PQexec", s, " ")
			for (i in s) sink[s[i]] = 1
		}
		/^[a-z_][a-z0-9_]*\(/ { fn = $0; sub(/\(.*/, "", fn) }
		{
			line = $0
			while (match(line, /[a-z0-9_]+\(/)) {
				name = substr(line, RSTART, RLENGTH - 1)
				rest = substr(line, RSTART + RLENGTH)
				line = rest
				if (!(name in sink) || fn == name) continue
				call = rest; ln = NR
				while (!balanced(call) && (getline more) > 0)
					call = call " " more
				print file ":" ln ":" fn ":" name ":" arg2(call)
			}
		}
		function balanced(t,   d, i, c, q) {
			d = 1; q = 0
			for (i = 1; i <= length(t); i++) {
				c = substr(t, i, 1)
				if (q) { if (c == "\\") i++; else if (c == "\"") q = 0; continue }
				if (c == "\"") q = 1
				else if (c == "(") d++
				else if (c == ")" && --d == 0) return 1
			}
			return 0
		}
		function arg2(t,   d, i, c, q, n, a) {
			d = 0; q = 0; n = 0; a = ""
			for (i = 1; i <= length(t); i++) {
				c = substr(t, i, 1)
				if (q) { if (n == 1) a = a c
					 if (c == "\\") { i++; if (n == 1) a = a substr(t, i, 1) }
					 else if (c == "\"") q = 0
					 continue }
				if (c == "\"") q = 1
				else if (c == "(" || c == "[") d++
				else if ((c == ")" || c == "]") && d-- == 0) break
				else if (c == "," && d == 0) { n++; continue }
				if (n == 1) a = a c
			}
			gsub(/[ \t]+/, " ", a); sub(/^ /, "", a); sub(/ $/, "", a)
			return a
		}' "$f"
	done
}

# fixed_table FILE NAME: NAME is a static const array of literals.
fixed_table() {
	grep -Eq "^static const char \*const $2\[|^static const char $2\[" "$1"
}

sql_calls >"$WORK/calls.txt"
check "the SQL call sites were found ($(wc -l <"$WORK/calls.txt"))" \
	[ "$(wc -l <"$WORK/calls.txt")" -ge 10 ]

unfixed=0
while IFS=: read -r file line fn sink arg; do
	where="$file:$line ($fn)"
	case "$arg" in
	\"*) continue ;; # a literal
	sql)
		# A wrapper passing its own parameter on: its callers are
		# checked as sinks.
		case "$fn:$sink" in
		store_prepare:db_prepare | exec_sql:db_exec | \
			query_int:db_prepare | db_exec:sqlite3_exec | \
			db_exec:PQexec | db_prepare:sqlite3_prepare_v3) \
			continue ;;
		db_finalize:PQexec)
			# DEALLOCATE of the statement's own name, "s" and a
			# counter (store/db.c).
			if grep -q '"DEALLOCATE %s", s->name' store/db.c &&
				grep -q '"s%u", ++s->db->next_stmt' store/db.c
			then continue; fi ;;
		esac
		;;
	esac
	table=$(echo "$arg" | sed -n 's/^\([a-z_][a-z0-9_]*\)\[.*\]$/\1/p')
	if [ -n "$table" ] && fixed_table "$file" "$table"; then
		continue
	fi
	# A static const string of literals, by its name.
	if echo "$arg" | grep -Eq '^[a-z_][a-z0-9_]*$' &&
		fixed_table "$file" "$arg"; then
		continue
	fi
	case "$file:$fn:$arg" in
	store/query.c:query_stmt:"buf_str(&sql)")
		# build_sql joins literals and the fixed filter_sql table;
		# values are bound (:device, :limit...).
		body=$(awk '/^build_sql\(/,/^}/' store/query.c | tr '\n\t' '  ')
		others=$(echo "$body" |
			grep -oE 'buf_[a-z]+\(sql, *[^" ][^,)]*' |
			grep -vE 'buf_append_str\(sql, *(filter_text\(st, i\)|date_prefix|ordered)$')
		# filter_text returns entries of the fixed tables only.
		ft=$(awk '/^filter_text\(/,/^}/' store/query.c | grep return |
			grep -vE 'return (filter_sql\[i\]|search_sql_pg);|return filter_sql\[i\] \+ ')
		[ -n "$ft" ] && others="$others $ft"
		if [ -z "$body" ] || echo "$body" | grep -q 'buf_printf' ||
			[ -n "$others" ]; then
			fail "store/query.c build_sql appends only fixed text"
			unfixed=$((unfixed + 1))
		fi
		continue ;;
	store/copy.c:copy_table:t-\>select | store/copy.c:copy_table:t-\>insert)
		# Entries of the static tables[], made by COPY() from
		# literals only.
		if grep -q '^static const struct copy_table tables\[\] = {' \
			store/copy.c && ! awk '/^static const struct copy_table tables/,/^};/' \
			store/copy.c | grep -vE '^\s*(COPY\(|"|static|};)' |
			grep -q '[a-z]'; then continue; fi ;;
	store/schema.c:apply_step:sql)
		# Pragmas take no parameters: two integer constants printed.
		if awk '/^apply_step\(/,/^}/' store/schema.c |
			grep -q 'SCHEMA_APP_ID, version + 1'; then continue; fi ;;
	esac
	fail "SQL at $where is not fixed text" "$arg"
	unfixed=$((unfixed + 1))
done <"$WORK/calls.txt"
check "every SQL statement is fixed text" [ "$unfixed" -eq 0 ]

# No SQL is built with a printf-like function from anything else.
# shellcheck disable=SC2086
printfs=$(grep -nE '(sqlite3_[a-z]*printf|snprintf|buf_printf)\(.*"[^"]*(SELECT|INSERT|UPDATE|DELETE|PRAGMA|CREATE|DROP|WHERE) ' \
	$(printf '%s/*.c ' $SRC) | grep -v '^store/schema.c:.*PRAGMA application_id')
if [ -z "$printfs" ]; then pass "no SQL formatted with printf"
else fail "no SQL formatted with printf" "$printfs"; fi
