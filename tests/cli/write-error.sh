# A failed write is reported and makes the exit status 1: a full disk
# (/dev/full) and a reader that goes away (head) alike; after a broken
# pipe the batch stops instead of processing the rest.
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
printf 'One sentence.' | "$DYAD" sentences - >/dev/full; echo "full disk: $?"
"$DYAD" --version >/dev/full; echo "--version to a full disk: $?"
"$DYAD" help sentences >/dev/full; echo "help to a full disk: $?"
i=0
while [ $i -lt 20000 ]; do
	i=$((i + 1))
	echo "{\"id\":\"$i\",\"text\":\"Sentence number $i.\"}"
done >many.jsonl
{ "$DYAD" sentences many.jsonl 2>err; echo "$?" >code; } | head -c 10 >/dev/null
echo "broken pipe: $(cat code)"
cat err
