# JSONL on standard input: the malformed second line is reported as -:2
# and skipped, the lines around it are still printed, and the exit status
# is 1.
printf '%s\n' \
	'{"id":"a1","date":"2023-10-31","text":"Qatar hosted the talks. Both sides thanked the emir."}' \
	'{"id":"a2","text":"broken' \
	'{"id":"a3","text":"The vote passed on Friday."}' |
	"$DYAD" sentences -
