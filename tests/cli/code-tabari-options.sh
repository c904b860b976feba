# --tabari-options applies a TABARI .options file line by line. Blank
# lines and # or // comments are skipped and DOS line ends are fine; a
# line that cannot be applied (here one holding a NUL byte) is reported
# as file:line: reason and the rest applies (exit 0). With --strict a
# refused line stops the run before any article is read (exit 1), and so
# does an options file that cannot be read. The input is an empty
# directory, so no article is coded, and no dictionary is loaded, so
# nothing here depends on the actors, the verb patterns or their
# warnings.
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
mkdir empty
printf '# TABARI options\n\n// comment\n  # indented comment\nCOMMA: OFF\r\nSET: CODE BY SENTENCE\r\nLABEL: a\000b\n' >bad.options
"$DYAD" code --no-default-dicts --tabari-options bad.options empty; echo "exit $?"
"$DYAD" code --no-default-dicts --strict --tabari-options=bad.options empty; echo "exit $?"
"$DYAD" code --no-default-dicts --tabari-options nope.options empty; echo "exit $?"
# A directive dyad does not know is refused by the library, with its own
# reason; whatever that is, it must point at line 3 and at no comment.
printf '# comment\n// comment\nFROBNICATE: NOW\n' >unknown.options
"$DYAD" code --no-default-dicts --tabari-options unknown.options empty 2>err.txt; echo "exit $?"
grep -v '^dyad: unknown\.options:3: ' err.txt || echo "nothing but line 3 refused"
