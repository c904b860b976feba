# A malformed JSONL line is reported as file:line and skipped; so is a line
# without "text". Blank lines are ignored, numeric ids become strings,
# unknown keys are ignored, and the exit status is 1.
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
cat >feed.jsonl <<'JSONL'
{"id": "a1", "date": "2023-10-31", "lang": "en", "text": "Qatar hosted the talks. Both sides thanked the emir."}
{"id": "a2", "text": "broken
{"id": 7, "url": "https://example.org/7", "extra": [1, 2], "text": "The U.N. vote passed on Friday."}

{"id": "a4", "title": "no text"}
JSONL
"$DYAD" sentences feed.jsonl
