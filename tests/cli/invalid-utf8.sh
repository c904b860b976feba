# Invalid UTF-8 becomes U+FFFD, is counted, and warned about; exit 0.
printf 'Bad \377 byte and \300\257 overlong. Next sentence.' >"$TMP/bad.txt"
cd "$TMP" && "$DYAD" sentences bad.txt
