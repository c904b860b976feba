#!/bin/sh
# bench.sh BUILD_DIR — `make bench`: throughput of the text stages on the
# corpora in ../shared/corpora (relative to the repository root).
#
# A benchmark, not a test: it measures and prints, and never fails for
# being slow. When the corpora are absent it says so and exits 0; the
# corpora are read at run time only and never copied into the repository.
set -u
B=${1:-build}
cd "$(dirname "$0")/.." || exit 2
C=../shared/corpora
set -- "$C"/*.jsonl
if [ ! -f "$1" ]; then
	echo "make bench: $C/*.jsonl is absent; nothing to measure (a benchmark, not a test: not a failure)"
	exit 0
fi
if [ ! -x "$B/bench" ]; then
	echo "make bench: $B/bench is not built (make $B/bench)"
	exit 1
fi
echo "machine: $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') online cores, $(uname -sm)"
echo "corpora: $*"
P=../shared/compat/phoenix
if [ -d "$P" ]; then
	echo "dictionaries for the actor benchmark: $P (Phoenix actors and agents)"
	exec "$B/bench" --dict "$P/Phoenix.Countries.actors.txt" --dict "$P/Phoenix.International.actors.txt" \
		--dict "$P/Phoenix.MilNonState.actors.txt" --dict "$P/Phoenix.agents.txt" "$@"
fi
exec "$B/bench" "$@"
