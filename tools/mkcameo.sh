#!/bin/sh
# mkcameo.sh — keep the fact columns of data/cameo.txt (QuadClass,
# Goldstein, PLOVER) in step with the project's CAMEO reference table.
#
# data/cameo.txt is maintained by hand: its header, comments and labels
# are the dyad team's own words and are edited there. Only the three fact
# columns come from elsewhere, so this script rewrites the rows: it keeps
# the file's header (every line before the first row) and each code's
# label, and takes the code list, QuadClass, Goldstein value and PLOVER
# category from the reference table (columns code, label, goldstein,
# quadclass, plover; '#' comments, then a header line). The reference's
# own labels are never used. The run fails, and writes nothing, when:
#   - a code of the reference has no label in data/cameo.txt
#     (add a row for it by hand, with any fact values, and run again);
#   - a row of data/cameo.txt is not in the reference;
#   - a QuadClass breaks the GDELT rule (by root: 01-05 -> 1, 06-09 -> 2,
#     10-14 -> 3, 15-20 -> 4); src/cameo.c, at load, checks only that a
#     code has its root's QuadClass.
# Rows come out in the reference's order, which is code order, with a
# blank line before each root; a comment line among the rows stays above
# the row it preceded. An empty PLOVER cell becomes "-".
#
# Usage: sh tools/mkcameo.sh [--check] [REFERENCE]
#   REFERENCE defaults to $CAMEO_TSV, else ../shared/reference/cameo.tsv
#   beside the repository (a team-internal file, never copied into it).
#   --check writes nothing and exits 1 when data/cameo.txt would change,
#   printing the diff.
# The file is written to a temporary name and renamed, so a failed run
# leaves it as it was.
set -eu
LC_ALL=C
export LC_ALL

check=0
if [ "${1:-}" = --check ]; then
	check=1
	shift
fi
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
REF=${1:-${CAMEO_TSV:-$root/../shared/reference/cameo.tsv}}
OUT=$root/data/cameo.txt

for f in "$REF" "$OUT"; do
	if [ ! -r "$f" ]; then
		echo "mkcameo.sh: cannot read $f" >&2
		exit 1
	fi
done

tmp=$(mktemp "$OUT.XXXXXX")
trap 'rm -f "$tmp"' EXIT

# First file: data/cameo.txt (header lines and labels). Second: the
# reference (facts). A row is a line whose first field is 2 to 4 digits.
awk '
function isrow(s) { return s ~ /^[0-9][0-9][0-9]?[0-9]?$/ }
function quad_of(root) { return root <= 5 ? 1 : root <= 9 ? 2 : root <= 14 ? 3 : 4 }
FNR == 1 { file++ }
file == 1 {
	if (!isrow($1)) {
		if (!seen_row) head[++nhead] = $0
		else if ($0 !~ /^[ \t]*$/) pending = pending $0 "\n"
		next
	}
	seen_row = 1
	note[$1] = pending
	pending = ""
	lab = $0
	sub(/^[ \t]*[^ \t]+[ \t]+[^ \t]+[ \t]+[^ \t]+[ \t]+[^ \t]+[ \t]+/, "", lab)
	sub(/[ \t\r]+$/, "", lab)
	if (lab == "" || lab == $0) { print FILENAME ": " FNR ": no label" > "/dev/stderr"; bad = 1 }
	label[$1] = lab
	next
}
/^#/ || ref_header++ == 0 { next }
{
	split($0, f, "\t")
	code = f[1]; gold = f[3]; quad = f[4]; plover = f[5] == "" ? "-" : f[5]
	if (!isrow(code)) { print FILENAME ": " FNR ": bad code " code > "/dev/stderr"; bad = 1; next }
	if (!(code in label)) { print "no label for " code " in data/cameo.txt" > "/dev/stderr"; bad = 1; next }
	if (quad != quad_of(substr(code, 1, 2) + 0)) { print code ": QuadClass " quad " breaks the rule by root" > "/dev/stderr"; bad = 1 }
	used[code] = 1
	n++
	rows[n] = note[code] sprintf("%-4s  %s  %5.1f  %-15s  %s", code, quad, gold, plover, label[code])
	if (length(code) == 2) rows[n] = "\n" rows[n]
}
END {
	for (c in label) if (!(c in used)) { print c ": in data/cameo.txt but not in the reference" > "/dev/stderr"; bad = 1 }
	if (bad || n == 0) exit 1
	while (nhead > 0 && head[nhead] ~ /^[ \t]*$/) nhead--
	for (i = 1; i <= nhead; i++) print head[i]
	for (i = 1; i <= n; i++) print rows[i]
	if (pending != "") printf "\n%s", pending
}' "$OUT" "$REF" >"$tmp"

if [ "$check" -eq 1 ]; then
	if diff -u "$OUT" "$tmp"; then
		echo "mkcameo.sh: data/cameo.txt is up to date"
		exit 0
	fi
	exit 1
fi
chmod 644 "$tmp"
mv "$tmp" "$OUT"
trap - EXIT
echo "mkcameo.sh: wrote $(grep -c '^[0-9]' "$OUT") codes to data/cameo.txt"
