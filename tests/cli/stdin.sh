# "-" reads one article from standard input; its id is "-".
printf 'Tehran said on Monday it would talk.' | "$DYAD" sentences -
