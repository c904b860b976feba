# Gzip-compressed inputs, made here, are read through zlib: a JSONL feed,
# a plain article, and a compressed article on standard input.
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
printf '{"id":"z1","text":"Compressed feed line one."}\n{"id":"z2","text":"Line two."}\n' | gzip >feed.jsonl.gz
printf 'A compressed article. It has two sentences.' | gzip >article.txt.gz
"$DYAD" sentences feed.jsonl.gz article.txt.gz || echo "exit $?"
printf 'Piped and compressed.' | gzip | "$DYAD" sentences -
