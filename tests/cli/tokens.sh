# --tokens lists tokens with original spans.
printf 'Iran\342\200\231s FM met 8,525 people.' | "$DYAD" sentences --tokens -
