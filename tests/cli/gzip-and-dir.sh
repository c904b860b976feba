# Directories are read recursively in name order; .gz files are read
# through zlib; a truncated gzip is reported and the batch goes on. Only
# article-like files (.txt, .jsonl, .gz, no extension...) are read in a walk.
mkdir -p "$TMP/in/sub"
printf 'The second file. It has two sentences.' >"$TMP/in/b.txt"
printf 'The first file.' >"$TMP/in/a.txt"
printf '{"id":"z1","text":"Compressed feed line one."}\n{"id":"z2","text":"Line two."}\n' | gzip >"$TMP/in/sub/feed.jsonl.gz"
printf 'Hidden files are skipped.' >"$TMP/in/.hidden.txt"
printf 'Notes beside the articles are not articles.' >"$TMP/in/notes.md"
printf '{"id":"t1","text":"Before the damage."}\n' >"$TMP/t.jsonl"
seq 1 3000 | sed 's/.*/{"id":"&","text":"filler line &."}/' >>"$TMP/t.jsonl"
gzip -c "$TMP/t.jsonl" | head -c 3000 >"$TMP/in/sub/trunc.jsonl.gz"
cd "$TMP" && "$DYAD" sentences in >out 2>err
echo "exit $?"
grep -v '"filler line' out | grep -v '"doc":"[0-9]*"'
sed 's/(.*)$/(...)/' err
