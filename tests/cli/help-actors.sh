# dyad help actors prints the actors reference.
"$DYAD" help actors
