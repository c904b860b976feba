# --unknown lists names no dictionary knows that came with a known role,
# with the code the role gives and how often each was seen.
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
printf '%s\n' '@kind actors' 'Ruritania' '  code RUR' '  adj Ruritanian' >d.txt
printf '%s\n' '@kind agents' 'spokesman' '  code ~GOV post=spokesperson' >g.txt
printf '%s\n' '{"id":"1","text":"Ruritanian spokesman Rudolf Rassendyll spoke. Rassendyll left."}' \
	'{"id":"2","text":"Ruritanian spokesman Rudolf Rassendyll spoke again."}' >f.jsonl
"$DYAD" actors --no-default-dicts --dict d.txt --dict g.txt --unknown f.jsonl
