# --data DIR (or $DYAD_DATA) names the data directory. When the data cannot
# be loaded the reason is reported, nothing is read, and the exit status
# is 1.
root=$(pwd)
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
printf 'One sentence.' >a.txt
"$DYAD" sentences --data /nonexistent a.txt; echo "--data /nonexistent: $?"
DYAD_DATA=/nonexistent "$DYAD" sentences a.txt; echo "DYAD_DATA=/nonexistent: $?"
"$DYAD" sentences --data="$root/data" a.txt; echo "--data=DIR: $?"
