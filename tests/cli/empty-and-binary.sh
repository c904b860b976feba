# An empty file and binary data are refused with a clear message, as
# file:line for a JSONL line; the rest of the batch is read and the exit
# status is 1.
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
: >empty.txt
printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\0\020\0\0\0\020\010\006\0\0\0\037\363\377a' >image.txt
printf '%s\n' '{"id":"ok","text":"Fine text."}' \
	'{"id":"bin","text":"\u0000\u0000\u0000\u0001\u0002\u0003\u0000\u0000x"}' >feed.jsonl
"$DYAD" sentences empty.txt image.txt feed.jsonl
