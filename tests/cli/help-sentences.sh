# `dyad help sentences` and `dyad sentences --help` print the command's
# full help on stdout and exit 0; it names every output key.
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
"$DYAD" help sentences >help.txt
echo "help sentences: exit $?"
"$DYAD" sentences --help | cmp -s - help.txt && echo "--help: same text"
"$DYAD" sentences nope.txt -h | cmp -s - help.txt && echo "-h: same text, nothing read"
head -1 help.txt
for key in doc date date_source date_precision lang script sentences \
	invalid_utf8 removed removed_spans sent start end text tokens; do
	grep -q -E "^  ($key|.*, $key|$key,) " help.txt || echo "key $key not described"
done
grep -q '^Exit status' help.txt && echo "has exit status"
grep -q '^Examples*:' help.txt && echo "has an example"
