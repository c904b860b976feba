# dyad help code prints the code reference; dyad code --help prints the
# same text.
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
"$DYAD" help code | tee "$T/help.txt"
"$DYAD" code --help | cmp -s - "$T/help.txt" || echo "dyad code --help differs"
