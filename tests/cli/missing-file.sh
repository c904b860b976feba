# An unreadable input is reported and the others are still read.
printf 'A good article.' >"$TMP/good.txt"
cd "$TMP" && "$DYAD" sentences nope.txt good.txt
