# dyad ingest and dyad events: a store made from three articles, read back
# in every format; ingesting again changes nothing, a changed article is
# replaced. By default only the evidence is stored (the sentence with no
# event and its actor mention are not); --all-sentences keeps every one.
# Ids and URLs with tabs, quotes, commas and line breaks stay one
# field. The summary's timing is masked.
G=$PWD/data/gazetteer-subset.tsv # the committed subset, as on any machine
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
export SOURCE_DATE_EPOCH=1709856000
cat >in.jsonl <<'IN'
{"id":"a1\tx","url":"http://wire.example/a\"1,b","date":"2024-03-05","source":"Wire One","text":"Iran's foreign minister met Hamas leader Ismail Haniyeh in Doha. The two men discussed the war in Gaza."}
{"id":"a2\nline","date":"2024-03-05","source":"Daily Two","text":"Turkey's president criticized Israel. Iran's foreign minister met Hamas leader Ismail Haniyeh in Doha."}
{"id":"a3","date":"2024-03-06","source":"Wire One","text":"Egypt's foreign minister met Qatar's prime minister in Cairo."}
IN
mask() { sed 's/; [0-9.]* MB in [0-9.]* s ([0-9.]* MB\/s)$/; (time)/'; }
{ "$DYAD" ingest --gazetteer "$G" --db s.db in.jsonl 2>&1; echo "exit $?"; } | mask
{ "$DYAD" ingest --gazetteer "$G" --db s.db in.jsonl 2>&1; echo "exit $?"; } | mask
echo "== jsonl, IRN to PSE, root 04"
"$DYAD" events --db s.db --source IRN --target PSE --root 04 --format jsonl
echo "== tsv, --actor PSE: the id's tab escaped"
"$DYAD" events --db s.db --actor PSE --format tsv
echo "== csv, --text haniyeh"
"$DYAD" events --db s.db --text haniyeh --format csv
echo "== table, --from 2024-03-06"
"$DYAD" events --db s.db --from 2024-03-06 --format table
echo "== not a terminal: jsonl by default; --cameo 11"
"$DYAD" events --db s.db --cameo 11
echo "== a3 changed"
sed 's/Cairo/Alexandria. Egypt criticized Israel/' in.jsonl >in2.jsonl
"$DYAD" ingest --gazetteer "$G" --db s.db in2.jsonl 2>&1 | mask
"$DYAD" events --db s.db --actor EGY --format tsv | cut -f1-9,17-19
"$DYAD" check --db s.db
echo "== --all-sentences: every sentence and actor mention"
"$DYAD" ingest --all-sentences --gazetteer "$G" --db all.db in2.jsonl 2>&1 | mask
"$DYAD" check --db all.db
