# A missing input is reported as the reader words it; the other inputs are
# still read, and the exit status is 1.
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
printf 'A good article.' >good.txt
"$DYAD" sentences nope.txt good.txt
