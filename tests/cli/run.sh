#!/bin/sh
# run.sh BUILD_DIR [--bless] — command-line tests, zstd cli-tests style.
#
# Each tests/cli/NAME.sh runs from the repository root with $DYAD set to
# the binary and $TMP to a scratch directory. Its stdout, stderr and exit
# code are compared with NAME.out, NAME.err (when present) and NAME.code
# (default 0). --bless rewrites those files, to be reviewed as a diff.
set -u
B=${1:-build}
BLESS=${2:-}
DYAD=$(cd "$(dirname "$B/dyad")" && pwd)/dyad
export DYAD
n=0 bad=0
for t in tests/cli/*.sh; do
	[ "$(basename "$t")" = run.sh ] && continue
	n=$((n + 1))
	base=${t%.sh}
	name=$(basename "$base")
	TMP=$(mktemp -d)
	export TMP
	sh "$t" >"$TMP/.out" 2>"$TMP/.err" </dev/null
	code=$?
	if [ "$BLESS" = "--bless" ]; then
		cp "$TMP/.out" "$base.out"
		if [ -s "$TMP/.err" ]; then cp "$TMP/.err" "$base.err"; else rm -f "$base.err"; fi
		if [ "$code" -ne 0 ]; then echo "$code" >"$base.code"; else rm -f "$base.code"; fi
		echo "ok $n - cli $name (blessed)"
		rm -rf "$TMP"
		continue
	fi
	want=0
	[ -f "$base.code" ] && want=$(cat "$base.code")
	why=""
	[ "$code" -eq "$want" ] || why="exit $code, want $want"
	cmp -s "$TMP/.out" "$base.out" 2>/dev/null || why="$why stdout differs"
	if [ -f "$base.err" ]; then
		cmp -s "$TMP/.err" "$base.err" || why="$why stderr differs"
	fi
	if [ -z "$why" ]; then
		echo "ok $n - cli $name"
	else
		echo "not ok $n - cli $name: $why"
		diff -u "$base.out" "$TMP/.out" 2>&1 | sed 's/^/#   /' | head -20
		[ -f "$base.err" ] && diff -u "$base.err" "$TMP/.err" | sed 's/^/#   /' | head -10
		bad=$((bad + 1))
	fi
	rm -rf "$TMP"
done
[ "$n" -gt 0 ] || { echo "not ok 1 - no CLI tests found"; exit 1; }
[ "$bad" -eq 0 ]
