# An unknown command is a usage error: a message, a hint, exit 2; so is
# asking for help on one.
"$DYAD" help frobnicate; echo "help frobnicate: $?"
"$DYAD" frobnicate sentences
