# --version prints the name and the version.
"$DYAD" --version
