# A bad dictionary line is reported as file:line:col; with --strict the
# run stops before reading any article (exit 1), without it the rest of
# the dictionary loads and the article is coded.
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
printf '%s\n' '@kind actors' 'Ruritania' '  code RUR' '  code RURGOV 2020-13-01..' >bad.txt
printf 'Ruritania protested.\n' >a.txt
"$DYAD" actors --no-default-dicts --dict bad.txt a.txt
echo "exit $?"
"$DYAD" actors --no-default-dicts --strict --dict bad.txt a.txt
