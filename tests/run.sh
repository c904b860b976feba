#!/bin/sh
# run.sh BUILD_DIR — the `make check` driver.
#
# Runs every suite in turn: the unit-test programs (BUILD_DIR/tests/test_*),
# the fuzz-corpus replays (BUILD_DIR/tests/replay_fuzz_*, one line per
# target), the CLI tests (tests/cli/run.sh) and the golden sentence cases
# (tests/cases/run.sh). Each suite prints TAP lines: "ok N - ..." passes,
# "not ok N - ..." fails, "ok N - # SKIP ..." is skipped. This script counts
# them, prints every failure with its "#" diagnostics and one summary line
# per suite, and ends with exactly one line
#
#     N passed, N failed
#
# after a line "N skipped ..." when anything was skipped.
# exiting non-zero when anything failed. A suite that exits non-zero
# without printing "not ok", dies on a signal, or prints no result at all
# counts as one more failure: a crash never passes. A missing suite is
# reported and counted as skipped (the unit tests and replays, which
# `make check` always builds, count as failed when none are found).
#
# POSIX sh. Runs from the repository root whatever the caller's directory.
# TEST_TIMEOUT (seconds, default 900) bounds each suite when timeout(1)
# exists, so a hang fails instead of blocking the build.
set -u
B=${1:-build}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
cd "$(dirname "$0")/.." || exit 2
pass=0 fail=0 skip=0
log=$(mktemp "${TMPDIR:-/tmp}/dyad-check.XXXXXX") || exit 2
trap 'rm -f "$log"' EXIT
trap 'exit 130' INT TERM
tmo=""
command -v timeout >/dev/null 2>&1 && tmo="timeout ${TEST_TIMEOUT:-900}"

# tally NAME STATUS: counts the TAP lines of one suite's output in $log,
# prints its failures (with the "#" lines that follow them) and its
# summary line, and adds to the totals.
tally() {
	p=0 s=0 f=0
	eval "$(LC_ALL=C awk '
		/^not ok/                  { f++; next }
		/^ok .*# [Ss][Kk][Ii][Pp]/ { s++; next }
		/^ok/                      { p++ }
		END { printf "p=%d s=%d f=%d\n", p, s, f }' "$log")"
	LC_ALL=C awk '
		/^not ok/ { show = 1; print; next }
		show && /^#/ { print; next }
		{ show = 0 }' "$log" | head -60
	note=""
	if [ "$2" -eq 124 ] && [ -n "$tmo" ]; then
		f=$((f + 1))
		note=" (timed out after ${TEST_TIMEOUT:-900} s)"
	elif [ "$2" -gt 128 ]; then
		f=$((f + 1))
		note=" (killed by signal $(($2 - 128)))"
	elif [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		note=" (exit $2 without a failing line)"
	elif [ $((p + s + f)) -eq 0 ]; then
		f=1
		note=" (printed no results)"
	fi
	if [ -n "$note" ]; then
		echo "not ok - $1$note; last output:"
		tail -8 "$log" | sed 's/^/#   /'
	fi
	printf '%-24s %5d passed, %d failed, %d skipped%s\n' "$1" "$p" "$f" "$s" "$note"
	LC_ALL=C sed -n 's/^ok [0-9]* *-* *# [Ss][Kk][Ii][Pp] */    skipped: /p' "$log" | sort -u | head -5
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
}

# missing WHAT COUNT: reports a suite that is not there.
missing() {
	echo "$1: missing, not run"
	if [ "$2" = fail ]; then
		fail=$((fail + 1))
	else
		skip=$((skip + 1))
	fi
}

found=0
for t in "$B"/tests/test_*; do
	{ [ -f "$t" ] && [ -x "$t" ]; } || continue
	found=1
	$tmo "$t" >"$log" 2>&1
	tally "${t##*/}" $?
done
[ "$found" -eq 1 ] || missing "unit tests ($B/tests/test_*)" fail

found=0
for r in "$B"/tests/replay_fuzz_*; do
	{ [ -f "$r" ] && [ -x "$r" ]; } || continue
	found=1
	name=${r##*/replay_}
	if [ -d "tests/fuzz/corpus/$name" ]; then
		$tmo "$r" "tests/fuzz/corpus/$name" >"$log" 2>&1
		tally "replay $name" $?
	else
		missing "fuzz corpus tests/fuzz/corpus/$name" fail
	fi
done
[ "$found" -eq 1 ] || missing "fuzz replays ($B/tests/replay_fuzz_*)" fail

for suite in tests/static tests/cli tests/cases; do
	if [ -f "$suite/run.sh" ]; then
		$tmo sh "$suite/run.sh" "$B" >"$log" 2>&1
		tally "$suite" $?
	else
		missing "$suite/run.sh" skip
	fi
done

[ "$skip" -eq 0 ] || echo "$skip skipped (see the suite lines above)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
