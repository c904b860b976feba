# Invalid UTF-8 becomes U+FFFD and is counted; the warning on stderr is
# not a failure, so the exit status is 0.
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
printf 'Bad \377 byte and \300\257 overlong. Next sentence.' >bad.txt
"$DYAD" sentences bad.txt
printf 'One \377 here.' | "$DYAD" sentences -
