# The TABARI conformance harness (tools/conformance) on a tiny suite made
# up here in TABARI's formats. --list shows how records are cut and their
# expectations read: banners skipped, lines joined, comments stripped,
# 6-, 7- and 8-digit headers (SET: YYYY by OPTION), the 2030 pivot, an
# impossible date, markers however spaced, -{ first and later, blocks
# after a stray end of comment, an unterminated OPTION block, a record
# without blocks, and the stop at FINAL-01. A full run is then checked
# only for what does not depend on the coder: the counts of expected
# events, records, markers and unchecked triples; and the exit statuses.
C=$(dirname "$DYAD")/tools/conformance
if [ ! -x "$C" ]; then
	echo "$C is not built"
	exit 1
fi
T=$(mktemp -d) || exit 99
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
S=suite
mkdir "$S" || exit 99
cat >"$S/Validate.project" <<'EOF'
Tiny validation suite for the dyad harness test
<problemfile> Validate.prob
<actorsfile> 	tiny.actors
<verbsfile> 	tiny.verbs
<optionsfile> Validate.options
<agentsfile>  tiny.agents
<textfile> 		Validate.text
<eventfile> 	TINY.evt
<coder> TEST
<session 1> <coder TEST> <date Mon 01 Jan 2001> <records 1>
EOF
printf '%s\n' 'ARNOR  [ARN]' 'GONDOR  [GON]' 'OSGILIATH  [OSG]' >"$S/tiny.actors"
printf '%s\n' 'MILITIA_  [ ~MIL]' 'PRESIDENT_  [ ~GOVPRS]' >"$S/tiny.agents"
printf '%s\n' 'ATTACK  [190]' '- * AIRFIELD  [223]' 'ATTACKED  [190]' 'MET  [031]' >"$S/tiny.verbs"
printf '%s\n' '// tiny options' '# also a comment' '' \
	'COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN' 'SET: MINIMUM WORDS = 3' >"$S/Validate.options"
cat >"$S/Validate.text" <<'EOF'
##########################
#     TINY SUITE
##########################

950101  OPT-01
Switch the headers to four-digit years.
/*\n-----
\n{ OPTION: SET: YYYY = TRUE } */

20150607 YEAR-01
Arnor attacked Gondor on Saturday.
/*\n[four-digit year]
\n{ ARN / GON / 190 } 20150607 */

19990101 OPT-02
Back to two digits.
/*\n{ OPTION: SET: YYYY = FALSE }
\n{ OPTION: SET: MINIMUM WORDS = 3  */

9501201  TWO-01
Arnor and Osgiliath   
   attacked Gondor.   
/*\n[compound source, joined lines, a 7-digit header]
\n{ ARN / GON / 190 } (ATTACK)
\n{OSG/GON/190} 950120 */

310101  PIVOT-01
Gondor met Arnor.
/*\n{ GON / ARN / 031 }
\n-{ ARN / GON / 031 } */

300101  NONE-01
Arnor slept all day.
/*\n[no verb] {---} */

950102  DISC-01
Once upon a time Arnor attacked Gondor.
/*\n{ ### } 950102 */

950103  CPLX-01
Arnor, Gondor and Osgiliath attacked and met and attacked.
/*\n{ +++ } */

950104  SKIP-01
Arnor attacked Gondor.
/*\n-{ --- / --- / 000 }
\n{ ARN / GON / 190 } */

950105  STRAY-01
Gondor attacked Osgiliath.
/*\n[blocks after a stray end of comment]
\n{ GON / OSG / 190 } */
\n{ GON / OSG / 191 } */

951399  NOBLOCK-01
Osgiliath attacked Arnor. /* no expectations here */

950107  PROSE-01
Arnor attacked Gondor. /*\n[an empty {} in the prose, then an unterminated comment]
\n{ ARN / GON / 190 } /*

950108  IMPOSSIBLE-01
Nobody did much of anything today.
/*\n{ XXX / YYY / 999 } */

990101  FINAL-01
This is the end of the standard validation records.

950109  AFTER-01
Arnor attacked Gondor.
/*\n{ ARN / GON / 190 } */
EOF
"$C" --list "$S"
echo "list: $?"
"$C" --report report.txt "$S" 2>/dev/null | sed \
	-e 's/^matched: .*/matched: _/' -e 's/^extra events: .*/extra events: _/' \
	-e 's/^records: [0-9]* passed/records: _ passed/' -e 's/} [0-9]* of/} _ of/g' \
	-e 's/-{, [0-9]* unpaired/-{, _ unpaired/' -e 's/^report: .*/report: _/'
[ -f report.txt ] && echo "report written"
"$C" --report report.txt --min-match 99 "$S" >/dev/null 2>&1
echo "--min-match 99: $?"
"$C" --report report.txt --min-match 0 "$S" >/dev/null 2>&1
echo "--min-match 0: $?"
"$C" absent
echo "absent: $?"
"$C" --min-match 101 "$S" 2>/dev/null
echo "--min-match 101: $?"
"$C" --bogus "$S" 2>/dev/null
echo "--bogus: $?"
