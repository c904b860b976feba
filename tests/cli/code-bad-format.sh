# An unknown --format value is a usage error (exit 2), found before
# anything is read: nope.txt is never opened. jsonl, tsv and csv are the
# formats there are; the format's name is case-sensitive.
"$DYAD" code --format xml nope.txt; echo "--format xml: $?"
"$DYAD" code --format=TSV nope.txt; echo "--format=TSV: $?"
"$DYAD" code --format= nope.txt; echo "--format=: $?"
"$DYAD" code nope.txt --format; echo "no value: $?"
