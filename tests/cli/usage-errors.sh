# Usage errors exit 2 with a hint on stderr.
"$DYAD" frobnicate; echo "unknown command: $?"
"$DYAD" sentences; echo "no input: $?"
"$DYAD" sentences --bogus x; echo "bad option: $?"
"$DYAD"; echo "nothing: $?"
