#!/bin/sh
# bench.sh BUILD_DIR — `make bench`: throughput of the text stages, actor
# recognition, event coding and end-to-end ingest into SQLite (one core; the
# database is made in $TMPDIR, default /tmp, and removed) on the corpora in
# ../shared/corpora (relative to the repository root).
#
# A benchmark, not a test: it measures and prints, and never fails for
# being slow. When the corpora are absent it says so and exits 0; the
# corpora and the Phoenix dictionaries are read at run time only and never
# copied into the repository.
#
# Event coding with the Phoenix set loads CAMEO.verbpatterns.150430.txt,
# the PETRARCH verb file Phoenix ships, and not TABARI's
# CAMEO.091003.master.verbs beside it: that file is an older edition of
# the same verbs from another coder, and loaded together (in name order it
# comes first) its patterns would shadow PETRARCH's for every verb both
# have, so the result would be neither set.
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
	echo "dictionaries for the actor benchmark: dyad's defaults + $P (Phoenix actors and agents)"
	echo "dictionaries for the coding benchmark (--code-dict): $P alone (Phoenix actors, agents, discards, CAMEO.verbpatterns.150430.txt)"
	# Prepended one by one, so listed last first: the files load in the
	# order Countries, International, MilNonState, agents (discards, verbs).
	set -- --code-dict "$P/Phoenix.discards.txt" --code-dict "$P/CAMEO.verbpatterns.150430.txt" "$@"
	for f in Phoenix.agents.txt Phoenix.MilNonState.actors.txt \
		Phoenix.International.actors.txt Phoenix.Countries.actors.txt; do
		set -- --dict "$P/$f" --code-dict "$P/$f" "$@"
	done
fi
exec "$B/bench" "$@"
