#!/bin/sh
# run.sh BUILD_DIR [--bless] [NAME...] — golden sentence cases.
#
# A case file tests/cases/NAME.case is:
#
#     # one or more comment lines: what the case is about
#     --- input
#     the article text, byte for byte
#     --- expected
#     the output of `dyad sentences --removed input.txt`
#
# The input is every byte between the line "--- input" and the line
# "--- expected"; the newline just before "--- expected" belongs to the
# separator, so an input that must end in a newline ends with an empty
# line. The CLI runs in a scratch directory on a file called input.txt, so
# the document id is always "input.txt".
#
# Cases in tests/cases/actors/ are actor cases: the expected part is the
# output of `dyad actors --no-default-dicts` with the test dictionaries of
# tests/cases/actors/dict/ and, when the case has a "--- dict" section
# before "--- input", that section as one more dictionary (dict.txt). An
# input starting with '{' is a JSONL line, which can give a "date". What
# the CLI writes on stderr (dictionary messages) follows its output in the
# expected part, after a line "--- stderr".
#
# Cases in tests/cases/events/ are event cases, run the same way with
# `dyad code` and the dictionaries of tests/cases/events/dict/ (actors and
# verb patterns); a "--- dict" section may add either. In actor and event
# cases a comment line "# args: OPTIONS" passes more options to the CLI
# (--all, --format tsv, --explain ...).
#
# Prints "ok N - case NAME" or "not ok N - case NAME" with a unified diff
# (expected -> got). --bless rewrites the expected part of the named cases
# (all when none are named) from the current output; review with git diff.
# A case whose CLI run fails is never blessed.
set -u
B=${1:-build}
shift 2>/dev/null || true
BLESS=""
if [ "${1:-}" = "--bless" ]; then
	BLESS=1
	shift
fi
LC_ALL=C
export LC_ALL
DYAD=$(cd "$B" 2>/dev/null && pwd)/dyad
cd "$(dirname "$0")/../.." || exit 2
root=$(pwd)
if [ ! -x "$DYAD" ]; then
	echo "not ok 1 - golden cases: $B/dyad is not built"
	exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dyad-cases.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# split CASE: writes $tmp/input.txt and $tmp/expected; fails when the file
# has no "--- input" line. Lines are copied as bytes (LC_ALL=C).
split() {
	rm -f "$tmp/input.txt" "$tmp/expected" "$tmp/dict.txt"
	awk -v in_f="$tmp/input.txt" -v ex_f="$tmp/expected" -v di_f="$tmp/dict.txt" '
		state == 1 && $0 == "--- expected" { state = 2; printf "" > ex_f; next }
		state == 1 { if (lines++) printf "\n" > in_f; printf "%s", $0 > in_f; next }
		state == 2 { print > ex_f; next }
		state == 3 && $0 == "--- input" { state = 1; printf "" > in_f; next }
		state == 3 { print > di_f; next }
		$0 == "--- dict" { state = 3; printf "" > di_f; next }
		$0 == "--- input" { state = 1; printf "" > in_f }
		END { exit state == 0 || state == 3 }
	' "$1"
}

# run CASE: the CLI on $tmp/input.txt, output in $tmp/got.
run() {
	case $1 in
	tests/cases/actors/* | tests/cases/events/*)
		cmd=actors
		case $1 in tests/cases/events/*) cmd=code ;; esac
		args=$(sed -n '/^--- /q; s/^# args: //p' "$1")
		# A link keeps the dictionary paths in the output short and the
		# same wherever the repository is.
		rm -f "$tmp/dict"
		ln -s "$root/${1%/*}/dict" "$tmp/dict"
		set -- --dict dict
		[ -f "$tmp/dict.txt" ] && set -- "$@" --dict dict.txt
		# Places come from the committed subset, whether or not the
		# full gazetteer was made, so the expectations never change.
		[ "$cmd" = code ] && set -- "$@" --gazetteer "$root/data/gazetteer-subset.tsv"
		# shellcheck disable=SC2086 # $args is a word list
		(cd "$tmp" && "$DYAD" $cmd --no-default-dicts "$@" $args input.txt >got 2>err)
		set -- $?
		# Dictionary messages are part of what an actor case checks.
		if [ -s "$tmp/err" ]; then
			echo "--- stderr" >>"$tmp/got"
			cat "$tmp/err" >>"$tmp/got"
		fi
		return "$1" ;;
	*)
		(cd "$tmp" && "$DYAD" sentences --removed input.txt >got 2>err) ;;
	esac
}

# bless CASE: replaces everything after "--- expected" with $tmp/got.
bless() {
	awk '$0 == "--- expected" { exit } { print }' "$1" >"$tmp/new"
	echo "--- expected" >>"$tmp/new"
	cat "$tmp/got" >>"$tmp/new"
	cat "$tmp/new" >"$1"
}

# wanted NAME: is NAME among the cases named on the command line?
wanted() {
	[ -z "$sel" ] && return 0
	for w in $sel; do
		[ "$w" = "$1" ] && return 0
	done
	return 1
}

sel="$*"
n=0 bad=0
for c in tests/cases/*.case tests/cases/actors/*.case tests/cases/events/*.case; do
	[ -f "$c" ] || continue
	name=$(basename "$c" .case)
	wanted "$name" || continue
	n=$((n + 1))
	if ! split "$c"; then
		echo "not ok $n - case $name: no '--- input' line"
		bad=$((bad + 1))
		continue
	fi
	run "$c"
	code=$?
	if [ "$code" -ne 0 ]; then
		echo "not ok $n - case $name: dyad exited $code"
		sed 's/^/#   /' "$tmp/err" | head -10
		bad=$((bad + 1))
	elif [ -n "$BLESS" ]; then
		if [ -f "$tmp/expected" ] && cmp -s "$tmp/got" "$tmp/expected"; then
			echo "ok $n - case $name (unchanged)"
		else
			bless "$c"
			echo "ok $n - case $name (blessed: review with git diff)"
		fi
	elif [ ! -f "$tmp/expected" ]; then
		echo "not ok $n - case $name: no '--- expected' line (run with --bless)"
		bad=$((bad + 1))
	elif cmp -s "$tmp/expected" "$tmp/got"; then
		echo "ok $n - case $name"
	else
		echo "not ok $n - case $name (- expected, + got)"
		diff -u "$tmp/expected" "$tmp/got" | sed '1,2d; s/^/#   /' | head -40
		bad=$((bad + 1))
	fi
done
if [ "$n" -eq 0 ]; then
	echo "not ok 1 - no cases found${sel:+ matching: $sel}"
	exit 1
fi
echo "1..$n"
[ "$bad" -eq 0 ]
