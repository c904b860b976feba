# --removed adds "removed_spans" to the document object, after "removed";
# without it only the count is printed.
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
printf 'Read more at https://example.org/x today. The talks resumed.' >article.txt
"$DYAD" sentences --removed - <article.txt
"$DYAD" sentences - <article.txt | head -1
