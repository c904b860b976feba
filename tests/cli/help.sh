# --help, -h and `help` print the same overview on stdout and exit 0. Only
# a few lines are checked, so that editing the text does not break this.
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
"$DYAD" --help >help.txt
echo "--help: exit $?"
"$DYAD" -h | cmp -s - help.txt && echo "-h: same text"
"$DYAD" help | cmp -s - help.txt && echo "help: same text"
grep '^Usage: dyad ' help.txt >/dev/null && echo "has a usage line"
grep -c -E '^  (sentences|actors|code|help) ' help.txt
grep -c -E '^  -h, --help|^  -V, --version' help.txt
