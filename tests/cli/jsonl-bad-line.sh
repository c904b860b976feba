# A malformed JSONL line is reported as file:line and skipped; the rest is
# read, and the exit status is 1.
cat >"$TMP/feed.jsonl" <<'JSONL'
{"id": "a1", "date": "2023-10-31", "lang": "en", "text": "Qatar hosted the talks. Both sides thanked the emir."}
{"id": "a2", "text": "broken
{"id": 7, "url": "https://example.org/7", "extra": [1, 2], "text": "The U.N. vote passed on Friday."}

{"id": "a4", "title": "no text"}
JSONL
cd "$TMP" && "$DYAD" sentences feed.jsonl
