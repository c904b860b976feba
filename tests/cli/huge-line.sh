# A 100 MB single-line file is skipped without being read into memory.
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
head -c 104857600 /dev/zero | tr '\0' 'a' >huge.txt
"$DYAD" sentences huge.txt
