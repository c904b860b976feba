# --help lists the commands and exits 0; help for a command has its keys.
"$DYAD" --help | grep -E '^  (sentences|help) '
"$DYAD" help sentences | grep -c -E 'date_source|start and end|Exit status'
"$DYAD" sentences --help | head -1
