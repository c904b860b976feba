# A JSONL line past the line cap (a 1 GB line claim, here from a small
# gzip bomb) is skipped with bounded memory; the next line is still read.
{
	printf '{"id":"big","text":"'
	head -c 100000000 /dev/zero | tr '\0' 'a'
	printf '"}\n{"id":"after","text":"Still read."}\n'
} | gzip -1 >"$TMP/bomb.jsonl.gz"
cd "$TMP" && "$DYAD" sentences bomb.jsonl.gz
