#!/bin/sh
# bench.sh BUILD_DIR — `make bench`. A benchmark, not a test: it measures
# and prints, and never fails for being slow. It needs the corpora in
# ../shared/corpora and says so when they are absent.
set -eu
B=${1:-build}
C=../shared/corpora
if [ ! -d "$C" ] || ! ls "$C"/*.jsonl >/dev/null 2>&1; then
	echo "make bench: $C is absent; nothing to measure (this is not a failure)"
	exit 0
fi
echo "dyad benchmark (not a test) on $(ls "$C"/*.jsonl | tr '\n' ' ')"
echo "machine: $(nproc) cores, $(uname -m)"
"$B/bench" "$C"/*.jsonl
