# kill -9 during dyad ingest: the database stays whole (SQLite's integrity
# check and dyad's row checks pass, every stored document has all its rows
# and no row is orphaned), at most the open batch is lost, and a second
# ingest completes it to exactly what an uninterrupted ingest gives.
G=$PWD/data/gazetteer-subset.tsv # the committed subset, as on any machine
T=$(mktemp -d) || exit 99
trap 'kill -9 $pid 2>/dev/null; rm -rf "$T"' EXIT
cd "$T" || exit 99
export SOURCE_DATE_EPOCH=1709856000
N=4000
# Articles of the test's own making: a meeting and a criticism each,
# between countries that vary with the number.
awk -v n=$N 'BEGIN {
	split("Iran Egypt Qatar Turkey Israel Jordan France Germany Japan Brazil Kenya", c, " ")
	for (i = 1; i <= n; i++) {
		a = c[i % 11 + 1]; b = c[int(i / 11) % 11 + 1]; d = c[int(i / 7) % 11 + 1]
		if (a == b) b = "Norway"
		printf "{\"id\":\"d%d\",\"date\":\"2024-%02d-%02d\",\"source\":\"Outlet %d\",", i, i % 12 + 1, i % 28 + 1, i % 5
		printf "\"text\":\"%s%s foreign minister met %s%s prime minister for talks, round %d. ", a, "\x27s", b, "\x27s", i
		printf "%s criticized %s over the dispute number %d.\"}\n", d, a, i * 7
	}
}' >in.jsonl
"$DYAD" ingest --gazetteer "$G" --db crash.db --batch 10 in.jsonl 2>/dev/null &
pid=$!
docs=0 tries=0
while [ "$docs" -lt 50 ] && [ $tries -lt 400 ]; do
	sleep 0.02
	docs=$("$DYAD" check --db crash.db 2>/dev/null | sed -n 's/^ok: \([0-9]*\) documents.*/\1/p')
	docs=${docs:-0}
	tries=$((tries + 1))
done
kill -9 $pid
wait $pid 2>/dev/null
echo "killed by signal: $(($? - 128))"
out=$("$DYAD" check --db crash.db)
echo "after the kill: $(echo "$out" | cut -c1-3)"
docs=$(echo "$out" | sed -n 's/^ok: \([0-9]*\) documents.*/\1/p')
if [ "${docs:-0}" -gt 0 ] && [ "${docs:-0}" -lt $N ]; then
	echo "killed mid-way: yes"
else
	echo "killed mid-way: no ($docs of $N documents stored)"
fi
"$DYAD" ingest --gazetteer "$G" --db crash.db in.jsonl 2>/dev/null; echo "second ingest: $?"
"$DYAD" ingest --gazetteer "$G" --db clean.db in.jsonl 2>/dev/null; echo "clean ingest: $?"
"$DYAD" check --db crash.db >a.txt
"$DYAD" check --db clean.db >b.txt
cmp -s a.txt b.txt && echo "same counts as an uninterrupted ingest: $(cut -d' ' -f1-3 a.txt)"
"$DYAD" events --db crash.db --format tsv >a.tsv
"$DYAD" events --db clean.db --format tsv >b.tsv
[ "$(wc -l <a.tsv)" -gt 100 ] && cmp -s a.tsv b.tsv && echo "same events"
