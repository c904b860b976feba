#!/bin/sh
# run.sh BUILD_DIR [--bless] — the command-line tests, zstd cli-tests style.
#
# Each case is a POSIX sh script tests/cli/NAME.sh, run from the repository
# root with $DYAD set to the absolute path of BUILD_DIR/dyad, LC_ALL=C (so
# strerror texts are the C library's English ones), DYAD_DATA unset and
# standard input from /dev/null. A script that needs fixtures makes them
# in its own mktemp directory. What it prints is compared exactly with:
#
#   NAME.out   expected standard output (required)
#   NAME.err   expected standard error; when absent, stderr must be empty
#   NAME.code  expected exit status; when absent, 0
#
# One TAP line per case: "ok N - NAME", or "not ok N - NAME: why" followed
# by "#"-prefixed diffs (expected, then actual). With --bless the files are
# rewritten from what the scripts print instead (.err and .code only when
# not empty and not 0), for review as a git diff.
set -u
if [ $# -lt 1 ] || [ $# -gt 2 ] || { [ $# -eq 2 ] && [ "$2" != --bless ]; }; then
	echo "usage: sh tests/cli/run.sh BUILD_DIR [--bless]" >&2
	exit 2
fi
bless=${2:-}
DYAD=$(cd "$1" 2>/dev/null && pwd)/dyad
cd "$(dirname "$0")/../.." || exit 2
if [ ! -x "$DYAD" ]; then
	echo "not ok 1 - $1/dyad is not built"
	exit 1
fi
LC_ALL=C
export DYAD LC_ALL
unset DYAD_DATA

work=$(mktemp -d "${TMPDIR:-/tmp}/dyad-cli.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# show LABEL EXPECTED ACTUAL: a unified diff as TAP diagnostics.
show() {
	echo "# $1:"
	if [ -f "$2" ]; then
		diff -u "$2" "$3" | tail -n +3 | head -40 | sed 's/^/#   /'
	else
		sed 's/^/#   +/' "$3" | head -40
	fi
}

# check NAME BASE: compares the run in $work with the expected files.
check() {
	want=0
	[ -f "$2.code" ] && want=$(cat "$2.code")
	why=""
	[ "$code" = "$want" ] || why="exit status $code, expected $want;"
	if [ ! -f "$2.out" ]; then
		why="$why no $2.out (run with --bless);"
	elif ! cmp -s "$2.out" "$work/out"; then
		why="$why stdout differs;"
	fi
	if [ -f "$2.err" ]; then
		cmp -s "$2.err" "$work/err" || why="$why stderr differs;"
	elif [ -s "$work/err" ]; then
		why="$why unexpected stderr;"
	fi
	if [ -z "$why" ]; then
		echo "ok $n - $1"
		return 0
	fi
	why=${why# }
	echo "not ok $n - $1: ${why%;}"
	cmp -s "$2.out" "$work/out" 2>/dev/null || show stdout "$2.out" "$work/out"
	if [ -f "$2.err" ] || [ -s "$work/err" ]; then
		cmp -s "$2.err" "$work/err" 2>/dev/null || show stderr "$2.err" "$work/err"
	fi
	return 1
}

# save BASE: --bless, the run in $work becomes the expectation.
save() {
	cp "$work/out" "$1.out"
	if [ -s "$work/err" ]; then cp "$work/err" "$1.err"; else rm -f "$1.err"; fi
	if [ "$code" -ne 0 ]; then echo "$code" >"$1.code"; else rm -f "$1.code"; fi
}

total=0
for t in tests/cli/*.sh; do
	[ "$t" = tests/cli/run.sh ] || total=$((total + 1))
done
echo "1..$total"
n=0 bad=0
for t in tests/cli/*.sh; do
	[ "$t" = tests/cli/run.sh ] && continue
	n=$((n + 1))
	base=${t%.sh}
	name=${base##*/}
	sh "$t" >"$work/out" 2>"$work/err" </dev/null
	code=$?
	if [ "$bless" = --bless ]; then
		save "$base"
		echo "ok $n - $name # blessed"
	else
		check "$name" "$base" || bad=$((bad + 1))
	fi
done
[ "$bad" -eq 0 ]
