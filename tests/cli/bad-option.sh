# Bad options are usage errors (exit 2) found before anything is read:
# nope.txt is never opened, so there is no message about it.
"$DYAD" sentences --bogus nope.txt; echo "unknown option: $?"
"$DYAD" sentences -t nope.txt; echo "unknown short option: $?"
"$DYAD" sentences --tokens=yes nope.txt; echo "flag with a value: $?"
"$DYAD" sentences nope.txt --data; echo "missing value: $?"
"$DYAD" --bogus; echo "unknown global option: $?"
"$DYAD"; echo "no command: $?"
