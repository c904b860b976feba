# --tokens lists each sentence's tokens with their spans in the original
# text (the curly apostrophe is 3 bytes: "'s" covers bytes 4 to 8).
printf 'Iran\342\200\231s FM met 8,525 people.' | "$DYAD" sentences --tokens -
