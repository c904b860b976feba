# dyad export: GDELT, Phoenix, PLOVER JSON Lines and CSV, each with its
# header; codes stay strings with their leading zeros; a URL with a quote,
# a comma and a tab, and an id with a line break, stay one field.
G=$PWD/data/gazetteer-subset.tsv # the committed subset, as on any machine
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
export SOURCE_DATE_EPOCH=1709856000
cat >in.jsonl <<'IN'
{"id":"a1","url":"http://wire.example/a\"1,b\tc","date":"2024-03-05","source":"Wire One","text":"Iran's foreign minister met Hamas leader Ismail Haniyeh in Doha."}
{"id":"a2\nline","date":"2024-03","source":"Daily Two","text":"Turkey's president criticized Israel."}
IN
"$DYAD" ingest --gazetteer "$G" --db s.db in.jsonl 2>/dev/null || echo "ingest failed"
for f in gdelt phoenix plover-jsonl csv; do
	echo "== $f"
	"$DYAD" export --db s.db --format "$f"
done
echo "== gdelt has 58 columns on every row"
"$DYAD" export --db s.db --format gdelt | awk -F'\t' '{ print NF }' | sort -u
echo "== an empty selection still has its header"
"$DYAD" export --db s.db --format csv --root 19
