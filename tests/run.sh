#!/bin/sh
# run.sh BUILD_DIR — the `make check` driver.
#
# Runs every suite (unit tests, fuzz-corpus replays, golden sentence cases,
# CLI cases), counts their TAP lines ("ok", "not ok", "# SKIP") and ends
# with one line "N passed, N failed[, N skipped]". A suite that dies
# without printing a failure still counts as one: a crash never passes.
set -u
B=${1:-build}
pass=0 fail=0 skip=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# count NAME EXIT_CODE: tallies the TAP lines in $log for one suite.
count() {
	p=$(grep -c '^ok ' "$log" | tr -d ' ')
	s=$(grep -c '^ok .*# SKIP' "$log" | tr -d ' ')
	f=$(grep -c '^not ok' "$log" | tr -d ' ')
	p=$((p - s))
	if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $1 exited with status $2 without reporting a failure"
		tail -5 "$log"
	fi
	grep '^not ok' -A6 "$log" | grep -v '^ok ' | head -40
	grep '# SKIP' "$log" | sed 's/^ok [0-9]* - /  /' | sort -u
	printf '%-28s %4d passed, %d failed, %d skipped\n' "$1" "$p" "$f" "$s"
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
}

for t in "$B"/tests/test_*; do
	[ -x "$t" ] || continue
	"$t" >"$log" 2>&1
	count "$(basename "$t")" $?
done

for r in "$B"/tests/replay_fuzz_*; do
	[ -x "$r" ] || continue
	name=${r##*/replay_}
	"$r" "tests/fuzz/corpus/$name" >"$log" 2>&1
	count "replay $name" $?
done

for suite in tests/cases/run.sh tests/cli/run.sh; do
	if [ -f "$suite" ]; then
		sh "$suite" "$B" >"$log" 2>&1
		count "${suite%/run.sh}" $?
	else
		echo "$suite: missing"
		fail=$((fail + 1))
	fi
done

if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
