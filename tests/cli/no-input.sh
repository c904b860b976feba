# Without an INPUT, sentences is a usage error (exit 2). Standard input is
# read only when "-" is named: the text piped in here stays unread.
printf 'Unread text.' | "$DYAD" sentences --tokens
