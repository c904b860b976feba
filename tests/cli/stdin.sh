# "-" reads one article from standard input; the id is "-".
printf 'Tehran said on Monday it would talk. Washington welcomed the offer.' | "$DYAD" sentences -
