# dyad stats: events, mentions and Goldstein sums per day, week (named by
# its Monday) and month, for all dyads or one; an event dated only to the
# month is in no day or week, and that is said.
G=$PWD/data/gazetteer-subset.tsv # the committed subset, as on any machine
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
cat >in.jsonl <<'IN'
{"id":"a1","date":"2024-03-03","source":"Wire One","text":"Iran's foreign minister met Hamas leader Ismail Haniyeh in Doha."}
{"id":"a2","date":"2024-03-04","source":"Daily Two","text":"Turkey's president criticized Israel. Iran's foreign minister met Hamas leader Ismail Haniyeh in Doha."}
{"id":"a3","date":"2024-04","source":"Wire One","text":"Egypt's foreign minister met Qatar's prime minister in Cairo."}
IN
"$DYAD" ingest --gazetteer "$G" --db s.db in.jsonl 2>/dev/null || echo "ingest failed"
echo "== by day"
"$DYAD" stats --db s.db --by day --format tsv 2>&1
echo "== by week"
"$DYAD" stats --db s.db --by week --format csv
echo "== by month, jsonl (the default off a terminal)"
"$DYAD" stats --db s.db
echo "== --dyad IRN:PSE, table"
"$DYAD" stats --db s.db --by day --dyad IRN:PSE --format table
echo "== --dyad :ISR"
"$DYAD" stats --db s.db --dyad :ISR --format tsv
