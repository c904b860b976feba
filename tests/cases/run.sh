#!/bin/sh
# run.sh BUILD_DIR [--bless] — golden sentence cases.
#
# Each tests/cases/*.case holds '#' comment lines, a line "--- input", the
# article text, a line "--- expected", and the exact output of
# `dyad sentences --removed` on that text (document id "input.txt").
# --bless rewrites the expected part from the current output, to be
# reviewed as a git diff.
set -u
B=${1:-build}
BLESS=${2:-}
DYAD=$(cd "$(dirname "$B/dyad")" && pwd)/dyad
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 bad=0

# split CASE: writes $tmp/input.txt and $tmp/expected.
split() {
	awk -v in_f="$tmp/input.txt" -v ex_f="$tmp/expected" '
		state == 1 && $0 == "--- expected" { state = 2; next }
		state == 1 { if (lines++) printf "\n" > in_f; printf "%s", $0 > in_f; next }
		state == 2 { print > ex_f; next }
		$0 == "--- input" { state = 1; printf "" > in_f; printf "" > ex_f }
	' "$1"
}

for c in tests/cases/*.case; do
	n=$((n + 1))
	name=$(basename "$c" .case)
	rm -f "$tmp/input.txt" "$tmp/expected"
	split "$c"
	if [ ! -f "$tmp/input.txt" ]; then
		echo "not ok $n - case $name: no '--- input' section"
		bad=$((bad + 1))
		continue
	fi
	(cd "$tmp" && "$DYAD" sentences --removed input.txt >got 2>got.err)
	if [ "$BLESS" = "--bless" ]; then
		awk '{ print } $0 == "--- expected" { exit }' "$c" >"$tmp/new"
		cat "$tmp/got" >>"$tmp/new"
		cp "$tmp/new" "$c"
		echo "ok $n - case $name (blessed)"
	elif cmp -s "$tmp/got" "$tmp/expected"; then
		echo "ok $n - case $name"
	else
		echo "not ok $n - case $name"
		diff -u "$tmp/expected" "$tmp/got" | sed 's/^/#   /' | head -30
		bad=$((bad + 1))
	fi
done
[ "$n" -gt 0 ] || { echo "not ok 1 - no cases found"; exit 1; }
[ "$bad" -eq 0 ]
