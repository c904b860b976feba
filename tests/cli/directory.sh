# A directory is read recursively, files in byte order of names; hidden
# files and files that are not articles (notes.md) are left out.
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
mkdir -p in/sub
printf 'The second file. It has two sentences.' >in/b.txt
printf 'The first file.' >in/a.txt
printf 'Deeper down.' >in/sub/c
printf 'Hidden files are skipped.' >in/.hidden.txt
printf 'Notes beside the articles are not articles.' >in/notes.md
"$DYAD" sentences in
