# Two dyad processes ingest into one database at once: each waits for the
# other's batch, neither fails, and the result is whole and the same as
# ingesting one input after the other (the events and their mentions;
# which article of a near-duplicate pair is the original depends on the
# order they came in). A reader meanwhile is not blocked.
G=$PWD/data/gazetteer-subset.tsv # the committed subset, as on any machine
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
export SOURCE_DATE_EPOCH=1709856000
gen() {
	awk -v from=$1 -v n=$2 'BEGIN {
		split("Iran Egypt Qatar Turkey Israel Jordan France Germany Japan Brazil Kenya", c, " ")
		for (i = from; i < from + n; i++) {
			a = c[i % 11 + 1]; b = c[int(i / 11) % 11 + 1]
			if (a == b) b = "Norway"
			printf "{\"id\":\"d%d\",\"date\":\"2024-01-%02d\",\"source\":\"Outlet %d\",", i, i % 28 + 1, i % 3
			printf "\"text\":\"%s%s foreign minister met %s%s prime minister, round %d.\"}\n", a, "\x27s", b, "\x27s", i
		}
	}'
}
gen 0 1500 >one.jsonl
gen 1500 1500 >two.jsonl
"$DYAD" ingest --gazetteer "$G" --db both.db --batch 5 one.jsonl 2>err1 &
p1=$!
"$DYAD" ingest --gazetteer "$G" --db both.db --batch 5 two.jsonl 2>err2 &
p2=$!
tries=0
until "$DYAD" check --db both.db >/dev/null 2>&1 || [ $tries -ge 200 ]; do
	sleep 0.02
	tries=$((tries + 1))
done
"$DYAD" events --db both.db --format tsv >/dev/null || echo "a reader failed"
wait $p1; s1=$?; echo "first: $s1"
wait $p2; s2=$?; echo "second: $s2"
# Their summaries are noise; a failure's messages say what went wrong.
[ $s1 -eq 0 ] || cat err1 >&2
[ $s2 -eq 0 ] || cat err2 >&2
"$DYAD" check --db both.db | cut -d' ' -f1-3
"$DYAD" ingest --gazetteer "$G" --db seq.db one.jsonl 2>/dev/null
"$DYAD" ingest --gazetteer "$G" --db seq.db two.jsonl 2>/dev/null
"$DYAD" events --db both.db --format tsv | cut -f1-6,17 | sort >a.tsv
"$DYAD" events --db seq.db --format tsv | cut -f1-6,17 | sort >b.tsv
[ "$(wc -l <a.tsv)" -gt 100 ] && cmp -s a.tsv b.tsv && echo "same events as one after the other"
