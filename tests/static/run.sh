#!/bin/sh
# run.sh BUILD_DIR — the library keeps no writable global state.
#
# The engine is immutable and shared across threads, and every mutable
# thing lives in a context, so no object of the library may have bytes in
# a writable data section (.data, .bss, thread-local .tdata/.tbss; the
# relocated-then-read-only .data.rel.ro is allowed). One TAP line per
# object file; skipped when size(1) from binutils is missing, and for
# sanitizer builds, whose instrumentation adds writable globals.
set -u
B=${1:-build}
n=0
if ! command -v size >/dev/null 2>&1; then
	echo "ok 1 - # SKIP size(1) is not installed"
	exit 0
fi
for o in "$B"/src/*.o; do
	[ -f "$o" ] || continue
	n=$((n + 1))
	if nm "$o" 2>/dev/null | grep -q '__asan\|__tsan\|__ubsan'; then
		echo "ok $n - # SKIP sanitizer build: its instrumentation adds writable globals"
		exit 0
	fi
	bad=$(size -A "$o" | awk '
		($1 ~ /^\.(data|bss|tdata|tbss)($|\.)/) && $1 !~ /^\.data\.rel\.ro/ && $2 > 0 {
			printf " %s=%d", $1, $2 }')
	if [ -z "$bad" ]; then
		echo "ok $n - ${o##*/} has no writable globals"
	else
		echo "not ok $n - ${o##*/} has writable globals:$bad"
	fi
done
[ "$n" -gt 0 ] || echo "not ok 1 - no objects in $B/src"
