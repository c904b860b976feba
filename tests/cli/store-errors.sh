# The store commands' errors: a missing or foreign database, bad options
# and values are reported, with exit status 1 (cannot read) or 2 (usage).
G=$PWD/data/gazetteer-subset.tsv # the committed subset, as on any machine
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
"$DYAD" events --db none.db; echo "missing database: $?"
echo "not a database at all, but long enough to be looked at by sqlite......" >junk.db
"$DYAD" events --db junk.db; echo "not a database: $?"
"$DYAD" events --db none.db --format xml; echo "bad format: $?"
"$DYAD" events --db none.db --near 1,2; echo "bad --near: $?"
"$DYAD" events --db none.db extra; echo "operand: $?"
"$DYAD" export --db none.db; echo "export without --format: $?"
"$DYAD" stats --db none.db --by year; echo "bad --by: $?"
"$DYAD" stats --db none.db --dyad IRN; echo "bad --dyad: $?"
"$DYAD" ingest --gazetteer "$G" --db s.db --batch 0 x.txt; echo "bad --batch: $?"
printf 'Iran criticized Israel.' >a.txt
"$DYAD" ingest --gazetteer "$G" --db s.db a.txt 2>/dev/null; echo "ingest: $?"
"$DYAD" events --db s.db --root 4; echo "bad root: $?"
"$DYAD" events --db s.db --from 2024-3; echo "bad date: $?"
