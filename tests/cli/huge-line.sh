# A 100 MB single-line file is skipped without being read into memory.
head -c 104857600 /dev/zero | tr '\0' 'a' >"$TMP/huge.txt"
cd "$TMP" && "$DYAD" sentences huge.txt
