# A gzip file cut short is reported (zlib's detail is masked) after the
# lines before the damage, and the exit status is 1.
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
{
	printf '{"id":"t1","text":"Before the damage."}\n'
	i=0
	while [ $i -lt 3000 ]; do
		i=$((i + 1))
		printf '{"id":"%d","text":"filler line %d."}\n' $i $i
	done
} | gzip -c | head -c 3000 >trunc.jsonl.gz
"$DYAD" sentences trunc.jsonl.gz >out 2>err
echo "exit $?"
grep -v '"doc":"[0-9]*"' out
sed 's/(.*)$/(...)/' err
