# A JSONL line that claims 1 GB (a 1 MB gzip bomb: 1024 gzip members of
# 1 MiB each) is skipped with bounded memory, and the next line is still
# read. Outside the sanitizers, which reserve huge address ranges, the run
# is held to 512 MB of address space, so buffering the line would fail.
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
head -c 1048576 /dev/zero | tr '\0' 'a' | gzip -9 >mib.gz
{
	printf '{"id":"big","text":"' | gzip -1
	i=0
	while [ $i -lt 1024 ]; do cat mib.gz; i=$((i + 1)); done
	printf '"}\n{"id":"after","text":"Still read."}\n' | gzip -1
} >bomb.jsonl.gz
grep -q __asan_init "$DYAD" || ulimit -v 524288
"$DYAD" sentences bomb.jsonl.gz
