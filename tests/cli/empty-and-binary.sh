# An empty file and a binary file are refused with a clear message.
: >"$TMP/empty.txt"
printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\0\020\0\0\0\020\010\006\0\0\0\037\363\377a' >"$TMP/image.txt"
cd "$TMP" && "$DYAD" sentences empty.txt image.txt
