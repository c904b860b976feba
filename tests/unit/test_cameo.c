/*
** test_cameo.c — the CAMEO event code table (src/cameo.c, data/cameo.txt).
**
** The shipped table is loaded into a bare engine (only its data_dir set,
** so the test does not depend on the pattern stage) and held to facts of
** the CAMEO scheme: how many codes there are at each level, the
** QuadClass of each root, Goldstein values and PLOVER categories of
** chosen codes, and the fallback of unknown finer codes to their parent.
** Then small tables written to a temporary directory check that every
** kind of bad line is refused with its exact "path:line: reason". When
** ../shared/reference/cameo.tsv is present, every fact column is also
** compared with it, row by row; without it that part is skipped.
*/
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cameo.h"
#include "tap.h"

#define REFERENCE "../shared/reference/cameo.tsv"

static char tmpdir[] = "/tmp/dyad-cameo-XXXXXX";

/* A bare engine reading its data from dir: all cameo.c needs. */
static void engine_at(dyad_engine *e, const char *dir)
{
	memset(e, 0, sizeof *e);
	e->data_dir = (char *)dir;
}

/* Writes text as tmpdir/cameo.txt, loads it into a fresh bare engine *e
** and returns the status; the caller frees e->cameo. */
static dyad_status load_text(dyad_engine *e, const char *text, size_t n)
{
	char path[sizeof tmpdir + 16];
	FILE *f;

	snprintf(path, sizeof path, "%s/cameo.txt", tmpdir);
	f = fopen(path, "wb");
	if (!f || fwrite(text, 1, n, f) != n || fclose(f) != 0) {
		printf("# cannot write %s\n", path);
		exit(2);
	}
	engine_at(e, tmpdir);
	return dyad__cameo_load(e);
}

/* The code of the row find gives for code, "(null)" when none, followed
** by "=" when exact and "~" when a parent's. */
static const char *found(const struct dyad__cameo *t, const char *code, char *buf)
{
	int exact = -1;
	const dyad__cameo_row *r = dyad__cameo_find(t, code, &exact);

	snprintf(buf, 16, "%s%s", r ? r->code : "(null)",
		 exact == 1 ? "=" : exact == 0 ? "~" : "?");
	return buf;
}

/* ---- the shipped table --------------------------------------------- */

/* Counts the codes of each length by asking for every possible code. */
static void test_counts(const struct dyad__cameo *t)
{
	int counts[5] = { 0 }, len, v, bad_quad = 0, bad_row = 0;
	char code[8];

	for (len = 2; len <= 4; len++) {
		for (v = 0; v < (len == 2 ? 100 : len == 3 ? 1000 : 10000); v++) {
			int exact;
			const dyad__cameo_row *r;
			int root;

			snprintf(code, sizeof code, "%0*d", len, v);
			r = dyad__cameo_find(t, code, &exact);
			if (!r || !exact)
				continue;
			counts[len]++;
			root = (code[0] - '0') * 10 + (code[1] - '0');
			/* GDELT: 01-05 verbal coop, 06-09 material coop,
			** 10-14 verbal conflict, 15-20 material conflict. */
			if (r->quad != (root <= 5 ? 1 : root <= 9 ? 2 : root <= 14 ? 3 : 4))
				bad_quad++;
			if (strcmp(r->code, code) != 0 || !r->label[0] ||
			    r->goldstein < -10 || r->goldstein > 10 || !r->plover)
				bad_row++;
		}
	}
	CHECK_EQ_INT(counts[2], 20, "20 roots, 01 to 20");
	CHECK_EQ_INT(counts[3], 147, "147 three-digit codes");
	CHECK_EQ_INT(counts[4], 146, "146 four-digit codes");
	CHECK_EQ_INT(dyad__cameo_count(t), 313, "313 rows in all");
	CHECK_EQ_INT(bad_quad, 0, "every code has its root's GDELT QuadClass");
	CHECK_EQ_INT(bad_row, 0, "every row has its code, a label, Goldstein in -10..10");
}

/* Facts of single codes, from the CAMEO codebook, the CAMEO Goldstein
** scale and the PLOVER mapping. */
static void test_facts(const struct dyad__cameo *t)
{
	const dyad__cameo_row *r;
	int exact = 0;

	r = dyad__cameo_find(t, "040", &exact);
	CHECK(r && exact && strcmp(r->code, "040") == 0, "040 is in the table");
	CHECK(r && r->quad == 1, "040 (consult) is verbal cooperation");
	CHECK_EQ_STR(r ? r->plover : NULL, "CONSULT", "040 maps to PLOVER CONSULT");
	CHECK(r && r->goldstein == 1.0, "040 weighs 1.0");
	r = dyad__cameo_find(t, "04", NULL);
	CHECK(r && r->quad == 1 && strcmp(r->plover, "CONSULT") == 0, "root 04: quad 1, CONSULT");

	r = dyad__cameo_find(t, "190", NULL);
	CHECK(r && r->goldstein == -10.0, "190 (conventional force) weighs -10");
	CHECK(r && r->quad == 4, "190 is material conflict");
	CHECK_EQ_STR(r ? r->plover : NULL, "ASSAULT", "190 maps to ASSAULT");

	r = dyad__cameo_find(t, "0231", &exact);
	CHECK(r && exact && r->goldstein == 3.4 && r->quad == 1, "0231: 3.4, quad 1");
	CHECK_EQ_STR(r ? r->plover : NULL, "", "0231 (root 02) has no PLOVER category");
	r = dyad__cameo_find(t, "057", NULL);
	CHECK(r && r->goldstein == 8.0, "057 (sign agreement) weighs 8.0");
	r = dyad__cameo_find(t, "011", NULL);
	CHECK(r && r->goldstein == -0.1, "011 weighs -0.1, parsed exactly");
	r = dyad__cameo_find(t, "0874", NULL);
	CHECK(r && r->goldstein == 10.0 && r->quad == 2, "0874: 10.0, quad 2");
	r = dyad__cameo_find(t, "09", NULL);
	CHECK(r && r->quad == 2 && strcmp(r->plover, "ACCUSE") == 0,
	      "root 09: material cooperation by GDELT, ACCUSE in PLOVER");
	r = dyad__cameo_find(t, "0251", NULL);
	CHECK(r && r->goldstein == 3.0, "0251 takes root 02's 3.0 (no value of its own)");
	r = dyad__cameo_find(t, "025", NULL);
	CHECK(r && r->goldstein == -0.3, "025 weighs -0.3");
}

/* PLOVER categories that differ from the root's. */
static void test_plover(const struct dyad__cameo *t)
{
	static const char *const want[][2] = {
		{ "08", "CONCEDE|RETREAT" }, { "081", "CONCEDE" }, { "0813", "RETREAT" },
		{ "084", "RETREAT" }, { "163", "COERCE" }, { "16", "SANCTION" },
		{ "1712", "ASSAULT" }, { "175", "ASSAULT" }, { "191", "COERCE" },
		{ "192", "COERCE" }, { "20", "ASSAULT" }, { "01", "" }, { "10", "REQUEST" },
	};
	size_t i;

	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		const dyad__cameo_row *r = dyad__cameo_find(t, want[i][0], NULL);
		char what[64];

		snprintf(what, sizeof what, "PLOVER of %s is \"%s\"", want[i][0], want[i][1]);
		CHECK_EQ_STR(r ? r->plover : NULL, want[i][1], what);
	}
}

/* Fallback to the parent, and codes that are not CAMEO at all. */
static void test_fallback(const struct dyad__cameo *t)
{
	char b[16];
	int exact = 7;

	CHECK_EQ_STR(found(t, "0231", b), "0231=", "0231 is found itself");
	CHECK_EQ_STR(found(t, "0239", b), "023~", "0239 falls back to 023");
	CHECK_EQ_STR(found(t, "0299", b), "02~", "0299 falls back to root 02");
	CHECK_EQ_STR(found(t, "199", b), "19~", "199 falls back to root 19");
	CHECK_EQ_STR(found(t, "19999", b), "19~", "a 5-digit code falls back too");
	CHECK_EQ_STR(found(t, "04", b), "04=", "a root is found itself");
	CHECK_EQ_STR(found(t, "231", b), "(null)~", "231 is not 0231: leading zeros count");
	CHECK_EQ_STR(found(t, "40", b), "(null)~", "40 is not 040");
	CHECK_EQ_STR(found(t, "sdf", b), "(null)~", "a non-CAMEO code finds nothing");
	CHECK_EQ_STR(found(t, "21", b), "(null)~", "21 is not a root");
	CHECK_EQ_STR(found(t, "4", b), "(null)~", "one digit finds nothing");
	CHECK_EQ_STR(found(t, "", b), "(null)~", "the empty code finds nothing");
	CHECK_EQ_STR(found(t, "04x", b), "04~", "a junk tail keeps the known root");
	CHECK(dyad__cameo_find(t, NULL, &exact) == NULL && exact == 0, "a NULL code finds nothing");
	CHECK(dyad__cameo_find(NULL, "040", &exact) == NULL && exact == 0, "no table finds nothing");
	CHECK(dyad__cameo_find(t, "0239", NULL) != NULL, "exact may be NULL");
}

/* The public lookup: exact codes only. */
static void test_api(const dyad_engine *e)
{
	dyad_engine bare;
	dyad_cameo_info info;

	CHECK_EQ_INT(dyad_engine_cameo(e, "0231", &info), DYAD_OK, "dyad_engine_cameo 0231");
	CHECK_EQ_STR(info.code, "0231", "info.code keeps the leading zero");
	CHECK(info.quad == 1 && info.goldstein == 3.4 && info.label && info.label[0] &&
	      info.plover && !info.plover[0], "0231's facts through the API");
	CHECK_EQ_INT(dyad_engine_cameo(e, "0239", &info), DYAD_NOTFOUND,
		     "the API does not fall back: 0239 is not found");
	CHECK(info.code == NULL && info.quad == 0, "a failed lookup clears out");
	CHECK_EQ_INT(dyad_engine_cameo(e, "sdf", &info), DYAD_NOTFOUND, "sdf is not found");
	engine_at(&bare, "data");
	CHECK_EQ_INT(dyad_engine_cameo(&bare, "040", &info), DYAD_BADARG,
		     "an engine without a table is a bad argument");
	CHECK_EQ_INT(dyad_engine_cameo(NULL, "040", &info), DYAD_BADARG, "no engine");
	CHECK_EQ_INT(dyad_engine_cameo(e, NULL, &info), DYAD_BADARG, "no code");
	CHECK_EQ_INT(dyad_engine_cameo(e, "040", NULL), DYAD_BADARG, "nowhere to write");
}

/* Every fact column against the team's reference table, when present. */
static void test_reference(const struct dyad__cameo *t)
{
	FILE *f = fopen(REFERENCE, "r");
	char line[512], first[64] = "";
	int rows = 0, diffs = 0, header = 1;

	if (!f) {
		SKIP(REFERENCE " is absent");
		return;
	}
	while (fgets(line, sizeof line, f)) {
		char code[8] = "", label[256], plover[32] = "";
		double gold;
		int quad;
		const dyad__cameo_row *r;
		int exact = 0;

		if (line[0] == '#')
			continue;
		if (header) { /* the column names */
			header = 0;
			continue;
		}
		if (sscanf(line, "%7[^\t]\t%255[^\t]\t%lf\t%d\t%31[A-Z|]", code, label,
			   &gold, &quad, plover) < 4)
			continue;
		rows++;
		r = dyad__cameo_find(t, code, &exact);
		if (!r || !exact || r->quad != quad || r->goldstein != gold ||
		    strcmp(r->plover, plover) != 0) {
			if (diffs++ < 5)
				strcat(strcat(first, " "), code);
		}
	}
	fclose(f);
	CHECK_EQ_INT(rows, 313, "the reference lists 313 codes");
	CHECK_EQ_INT(diffs, 0, "quad, Goldstein and PLOVER match the reference");
	if (diffs)
		printf("#   first codes that differ:%s\n", first);
}

/* Goldstein values must not follow the locale's decimal mark. */
static void test_locale(void)
{
	dyad_engine e;
	const dyad__cameo_row *r;
	static const char *const names[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8" };
	size_t i;

	for (i = 0; i < 3 && !setlocale(LC_NUMERIC, names[i]); i++)
		;
	if (i == 3) {
		SKIP("no locale with a decimal comma is installed");
		return;
	}
	engine_at(&e, DYAD_DATADIR);
	CHECK_EQ_INT(dyad__cameo_load(&e), DYAD_OK, "loads under a decimal-comma locale");
	r = dyad__cameo_find(e.cameo, "0231", NULL);
	CHECK(r && r->goldstein == 3.4, "3.4 is still 3.4 under a decimal-comma locale");
	dyad__cameo_free(e.cameo);
	setlocale(LC_NUMERIC, "C");
}

/* ---- bad tables ----------------------------------------------------- */

#define HEAD "@kind cameo\n@source test\n@licence MIT\n"

/* Loads text and checks the status and message (want, after "PATH:"). */
static void check_bad(const char *text, dyad_status want_st, const char *want,
		      const char *what)
{
	dyad_engine e;
	char msg[DYAD__MSG_MAX + 64];
	dyad_status st = load_text(&e, text, strlen(text));

	snprintf(msg, sizeof msg, "%s/cameo.txt:%s", tmpdir, want);
	CHECK_EQ_INT(st, want_st, what);
	CHECK_EQ_STR(e.msg, msg, what);
	CHECK(e.cameo == NULL, "a failed load leaves no table");
	dyad__cameo_free(e.cameo);
}

static void test_bad_lines(void)
{
	check_bad(HEAD "01 1 0.0 - a\n010 5 0.0 - b\n", DYAD_PARSE,
		  "5: QuadClass '5' is not 1, 2, 3 or 4", "QuadClass out of range");
	check_bad(HEAD "01 1 0.0 - a\n02 1 0.0 - b\n010 1 0.0 - c\n", DYAD_PARSE,
		  "6: code 010 comes after 02: rows go in code order", "out of order");
	check_bad(HEAD "01 1 0.0 - a\n010 1 0.0 - b\n010 1 0.5 - c\n", DYAD_PARSE,
		  "6: code 010 appears twice", "duplicate code");
	check_bad(HEAD "01 1 0.0 - a\n0211 1 3.4 - b\n", DYAD_PARSE,
		  "5: code 0211 has no row for its root 02 above it", "no root");
	check_bad(HEAD "02 1 3.0 - a\n0211 1 3.4 - b\n", DYAD_PARSE,
		  "5: code 0211 has no row for its parent 021 above it", "no parent");
	check_bad(HEAD "06 2 6.0 COOPERATE a\n061 3 6.4 COOPERATE b\n", DYAD_PARSE,
		  "5: code 061 has QuadClass 3, its root 06 has 2", "quad differs from root");
	check_bad(HEAD "01 1 3,4 - a\n", DYAD_PARSE,
		  "4: Goldstein value '3,4' is not a number from -10 to 10", "decimal comma");
	check_bad(HEAD "01 1 -10.5 - a\n", DYAD_PARSE,
		  "4: Goldstein value '-10.5' is not a number from -10 to 10", "Goldstein < -10");
	check_bad(HEAD "01 1 1e1 - a\n", DYAD_PARSE,
		  "4: Goldstein value '1e1' is not a number from -10 to 10", "exponent");
	check_bad(HEAD "04 1 1.0 consult a\n", DYAD_PARSE,
		  "4: PLOVER 'consult' is not categories in capitals or '-'", "lower-case PLOVER");
	check_bad(HEAD "08 2 5.0 CONCEDE| a\n", DYAD_PARSE,
		  "4: PLOVER 'CONCEDE|' is not categories in capitals or '-'", "dangling '|'");
	check_bad(HEAD "04 1 1.0 CONSULT\n", DYAD_PARSE,
		  "4: a row is CODE QUAD GOLDSTEIN PLOVER label", "missing label");
	check_bad(HEAD "4 1 1.0 CONSULT a\n", DYAD_PARSE,
		  "4: code '4' is not 2 to 4 digits", "one-digit code");
	check_bad(HEAD "04a 1 1.0 CONSULT a\n", DYAD_PARSE,
		  "4: code '04a' is not 2 to 4 digits", "code with a letter");
	check_bad(HEAD "21 4 1.0 - a\n", DYAD_PARSE,
		  "4: code 21: CAMEO roots are 01 to 20", "root 21");
	check_bad(HEAD "00 1 1.0 - a\n", DYAD_PARSE,
		  "4: code 00: CAMEO roots are 01 to 20", "root 00");
	check_bad(HEAD "01 1 0.0 - \xff\xfe\n", DYAD_PARSE,
		  "4: label is not valid UTF-8", "invalid UTF-8 label");
	check_bad("01 1 0.0 - a\n", DYAD_PARSE,
		  "1: the file must start with '@kind cameo'", "no @kind");
	check_bad("@kind actors\n01 1 0.0 - a\n", DYAD_PARSE,
		  "1: @kind must be cameo, not 'actors'", "wrong @kind");
	check_bad(HEAD "@version 2\n01 1 0.0 - a\n", DYAD_PARSE,
		  "4: unknown directive '@version' (@kind, @source, @licence)", "unknown directive");
	check_bad(HEAD "01 7 0.0 - a\n02 1 x - b\n03 1 4.0 AGREE c\n03 1 4.0 AGREE d\n",
		  DYAD_PARSE, "4: QuadClass '7' is not 1, 2, 3 or 4 (and 2 more bad lines)",
		  "the first bad line is named and the others counted");
}

/* Messages that are not "path:line: reason" lines. */
static void test_bad_files(void)
{
	dyad_engine e;
	char want[DYAD__MSG_MAX];
	static const char nul[] = HEAD "01 1 0.0 - a\0b\n";
	static const char empty[] = HEAD "# only comments\n";

	CHECK_EQ_INT(load_text(&e, empty, sizeof empty - 1), DYAD_PARSE,
		     "a table without rows is refused");
	snprintf(want, sizeof want, "%s/cameo.txt: no CAMEO codes", tmpdir);
	CHECK_EQ_STR(e.msg, want, "the message says the table is empty");

	CHECK_EQ_INT(load_text(&e, nul, sizeof nul - 1), DYAD_PARSE, "a NUL byte is refused");
	snprintf(want, sizeof want, "%s/cameo.txt:4: NUL byte in the line", tmpdir);
	CHECK_EQ_STR(e.msg, want, "the NUL byte's line is named");

	engine_at(&e, "/nonexistent-dyad-dir");
	CHECK_EQ_INT(dyad__cameo_load(&e), DYAD_IO, "a missing file is DYAD_IO");
	CHECK(strncmp(e.msg, "/nonexistent-dyad-dir/cameo.txt: ", 33) == 0,
	      "the message names the missing file");
	dyad__cameo_free(NULL); /* must be a no-op */
	CHECK(1, "dyad__cameo_free(NULL) is a no-op");
}

/* What a good table may hold: comments, blank lines, CRLF, tabs, '#' and
** UTF-8 in labels, and the last line without its newline. */
static void test_good_file(void)
{
	static const char text[] =
		"@kind cameo\r\n@source test\r\n@license MIT\r\n\r\n"
		"# a comment\r\n"
		"01\t1\t0.0\t-\tstatement   \r\n"
		"   # an indented comment\r\n"
		"010  1  -0.4  -  remark #1, naïve\r\n"
		"08 2 5.0 CONCEDE|RETREAT concession";
	dyad_engine e;
	const dyad__cameo_row *r;

	CHECK_EQ_INT(load_text(&e, text, sizeof text - 1), DYAD_OK, "a good small table loads");
	CHECK_EQ_STR(e.msg, "", "and leaves no message");
	CHECK_EQ_INT(dyad__cameo_count(e.cameo), 3, "three rows");
	r = dyad__cameo_find(e.cameo, "01", NULL);
	CHECK_EQ_STR(r ? r->label : NULL, "statement", "trailing blanks and CR are not in the label");
	r = dyad__cameo_find(e.cameo, "010", NULL);
	CHECK_EQ_STR(r ? r->label : NULL, "remark #1, naïve", "'#' and UTF-8 inside a label");
	CHECK(r && r->goldstein == -0.4, "-0.4 read exactly");
	r = dyad__cameo_find(e.cameo, "08", NULL);
	CHECK_EQ_STR(r ? r->label : NULL, "concession", "the last line needs no newline");
	CHECK_EQ_STR(r ? r->plover : NULL, "CONCEDE|RETREAT", "two PLOVER categories");
	dyad__cameo_free(e.cameo);
}

int main(void)
{
	dyad_engine e;

	if (!mkdtemp(tmpdir)) {
		printf("not ok 1 - cannot make a temporary directory\n");
		return 1;
	}
	engine_at(&e, DYAD_DATADIR);
	CHECK_EQ_INT(dyad__cameo_load(&e), DYAD_OK, "data/cameo.txt loads");
	if (e.cameo) {
		test_counts(e.cameo);
		test_facts(e.cameo);
		test_plover(e.cameo);
		test_fallback(e.cameo);
		test_api(&e);
		test_reference(e.cameo);
	} else {
		printf("#   %s\n", e.msg);
	}
	dyad__cameo_free(e.cameo);
	test_locale();
	test_bad_lines();
	test_bad_files();
	test_good_file();
	{
		char path[sizeof tmpdir + 16];
		snprintf(path, sizeof path, "%s/cameo.txt", tmpdir);
		remove(path);
		rmdir(tmpdir);
	}
	return tap_done();
}
