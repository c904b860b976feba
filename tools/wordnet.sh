# wordnet.sh — what the generators of WordNet-derived word lists share
# (tools/mkwords.sh, tools/mkverbforms.sh); sourced, not run. Each script
# sets WN (the wordnet-base directory) and NAME (its own name) first.
#
#   wn_require           exit 1 with a message when a WordNet file is missing
#   wn_licence           the licence note every derived list must carry
#   WN_INFLECT           awk functions: plural(w), and verb_forms(w), which
#                        calls the script's own emit(form) for each regular
#                        form of verb w (+s / +es, +ed, +ing, with the basic
#                        spelling rules: vote voted voting, agree agreed,
#                        ally allied, stop stopped stopping)
#   wn_write OUT CMD...  CMD's output to OUT ("-" is stdout), through a
#                        temporary name so a failed run keeps the old file

wn_require() {
	for f in index.noun index.verb index.adj index.adv noun.exc verb.exc adj.exc; do
		if [ ! -r "$WN/$f" ]; then
			echo "$NAME: cannot read $WN/$f: install the Debian package" \
				"wordnet-base (apt-get install wordnet-base) or set WORDNET_DIR" >&2
			exit 1
		fi
	done
}

wn_licence() {
	cat <<'EOF'
# Licence: this list is derived from WordNet 3.0, distributed under the
# "WordNet 3.0" licence of Princeton University (the name Debian gives it in
# /usr/share/doc/wordnet-base/copyright). It is a permissive licence: use,
# copying, modification and redistribution are allowed for any purpose and
# free of charge, provided the copyright notice and disclaimer below travel
# with every copy, and Princeton's name is not used in advertising. The
# notice and disclaimer, as the licence requires them:
#
#   WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.
#
#   THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON
#   UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR
#   IMPLIED.  BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON
#   UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT-
#   ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE
#   OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT
#   INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR
#   OTHER RIGHTS.
#
EOF
}

WN_INFLECT='
function vowel(c) { return c ~ /[aeiou]/ }
function plural(w) {
	if (w ~ /(s|x|z|ch|sh)$/) return w "es"
	if (w ~ /[^aeiou]y$/) return substr(w, 1, length(w) - 1) "ies"
	return w "s"
}
# doubles: short consonant-vowel-consonant stems (stop, plan, ban).
function doubles(w,   n, a, b, c) {
	n = length(w)
	if (n < 3 || n > 4) return 0
	a = substr(w, n - 2, 1); b = substr(w, n - 1, 1); c = substr(w, n, 1)
	return !vowel(a) && vowel(b) && !vowel(c) && c !~ /[wxy]/
}
function verb_forms(w,   last) {
	emit(plural(w))
	if (w ~ /ee$/) { emit(w "d"); emit(w "ing"); return }
	if (w ~ /e$/) { emit(w "d"); emit(substr(w, 1, length(w) - 1) "ing"); return }
	if (w ~ /[^aeiou]y$/) { emit(substr(w, 1, length(w) - 1) "ied"); emit(w "ing"); return }
	if (doubles(w)) {
		last = substr(w, length(w), 1)
		emit(w last "ed"); emit(w last "ing"); return
	}
	emit(w "ed"); emit(w "ing")
}
'

wn_write() {
	out=$1
	shift
	if [ "$out" = "-" ]; then
		"$@"
		return 0
	fi
	tmp="$out.tmp.$$"
	trap 'rm -f "$tmp"' EXIT
	trap 'exit 1' HUP INT TERM
	"$@" >"$tmp"
	mv "$tmp" "$out"
	trap - EXIT
	echo "$NAME: wrote $out ($(grep -cv '^#' "$out") words)" >&2
}
