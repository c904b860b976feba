# Each store command has its help: `dyad help CMD` and `dyad CMD --help`
# print the same text, starting with its usage line, and exit 0; the
# overview lists them. Only a few lines are checked.
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
for c in ingest events export stats check; do
	"$DYAD" help "$c" >a.txt 2>&1; echo "help $c: $?"
	"$DYAD" "$c" --help | cmp -s - a.txt && echo "$c --help: same text"
	head -1 a.txt | grep "^Usage: dyad $c " >/dev/null && echo "$c: usage line"
done
"$DYAD" --help | grep -c -E '^  (ingest|events|export|stats|check) '
