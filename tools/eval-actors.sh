#!/bin/sh
# eval-actors.sh [BUILD_DIR] — actor recall on the development gold set
# ../shared/gold-dev/cameo-ner-train.conll (ConfliBERT's CAMEO NER train
# half: source, target and joint actor spans of 684 news sentences).
#
# An evaluation, not a test: it measures and prints. The gold file is read
# at run time and never copied here; without it this says so and exits 0.
#
# Each sentence is rebuilt by joining its tokens with spaces and fed to
# `dyad actors` (default dictionaries) as one JSONL line. A gold span
# counts as found when a mention with a code overlaps it. The gold set
# marks only the source and target of each sentence's main event, so
# mentions outside gold spans are not errors and no precision is given;
# the figure to watch is recall, by span type. Scores on this set are
# development scores (tuning on it is allowed).
set -u
B=${1:-build}
cd "$(dirname "$0")/.." || exit 2
G=../shared/gold-dev/cameo-ner-train.conll
if [ ! -f "$G" ]; then
	echo "eval-actors: $G is absent; nothing to measure"
	exit 0
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/dyad-eval.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
[ -n "${EVAL_KEEP:-}" ] && trap - EXIT && echo "eval-actors: files kept in $T"
LC_ALL=C
export LC_ALL

# Gold: sentences as JSONL, and spans as "doc start end type" (bytes).
awk -v spans="$T/gold" '
	function esc(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return s }
	function close_span() { if (typ != "") print "s" n, st, pos, typ > spans; typ = "" }
	function flush() {
		if (text == "") return
		close_span()
		printf "{\"id\":\"s%d\",\"text\":\"%s\"}\n", n, esc(text)
		n++; text = ""; pos = 0
	}
	BEGIN { n = 0; text = ""; pos = 0; typ = "" }
	NF == 0 { flush(); next }
	{
		tok = $1; tag = $2
		if (text != "") { text = text " "; pos++ }
		b = substr(tag, 1, 1); t = substr(tag, 3)
		if (tag == "O" || b == "B" || t != typ) close_span()
		if (tag != "O" && typ == "") { typ = t; st = pos }
		text = text tok; pos += length(tok)
	}
	END { flush() }
' "$G" >"$T/gold.jsonl"

"$B/dyad" actors "$T/gold.jsonl" >"$T/ments.jsonl" 2>"$T/err" || {
	echo "eval-actors: dyad actors failed:"
	head -5 "$T/err"
	exit 1
}

# Mentions with a code, as "doc start end".
sed -n 's/^{"doc":"\([^"]*\)","sent":[0-9]*,"start":\([0-9]*\),"end":\([0-9]*\),.*"code":"\([^"]*\)".*/\1 \2 \3 \4/p' \
	"$T/ments.jsonl" | awk '$4 != "" { print $1, $2, $3 }' >"$T/found"

awk '
	FNR == NR { m[$1] = m[$1] " " $2 ":" $3; next }
	{
		total[$4]++
		k = split(m[$1], arr, " ")
		for (i = 1; i <= k; i++) {
			split(arr[i], se, ":")
			if (se[1] + 0 < $3 + 0 && se[2] + 0 > $2 + 0) { hit[$4]++; break }
		}
	}
	END {
		name["S"] = "source"; name["T"] = "target"; name["R"] = "joint"
		for (t in total) {
			all += total[t]; got += hit[t]
			printf "actor recall, %-6s spans: %4d of %4d (%.1f%%)\n", name[t], hit[t], total[t], 100 * hit[t] / total[t]
		}
		printf "actor recall, all    spans: %4d of %4d (%.1f%%) [dev set: %s]\n", got, all, 100 * got / all, FILENAME
	}
' "$T/found" "$T/gold"
printf 'sentences: %s; mentions with a code: %s\n' "$(wc -l <"$T/gold.jsonl" | tr -d ' ')" "$(wc -l <"$T/found" | tr -d ' ')"
