# --version and -V print "dyad" and the library's version, and exit 0.
"$DYAD" --version
"$DYAD" -V
