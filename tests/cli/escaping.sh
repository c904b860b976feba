# Whatever an id holds, the output is valid JSON: quotes, backslashes and
# control characters are escaped, and a byte that is not UTF-8 (in an id
# or a file name) is written as \ufffd.
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
printf '{"id":"q\\"b\\\\s\\u0001\\t\\u007f\377","text":"He said \\"no\\" \\\\ then left."}\n' >feed.jsonl
"$DYAD" sentences feed.jsonl
printf 'Odd name.' >"$(printf 'odd\377name')"
"$DYAD" sentences "$(printf 'odd\377name')" | head -1
