/*
** test_inflect.c — verb inflection (src/inflect.c).
**
** The regular rules are checked on a table of bases and the three forms
** each must give, one or more bases per spelling rule, then on bad input
** (empty, digits, capitals, other bytes, too long) and on lengths that
** must be taken from n, not from a NUL. The irregular table is checked
** on the real data/verbs/irregular.txt (a few well-known verbs, its
** order and its stated count) and on small inline files with bad lines,
** whose count and first "path:line: reason" must be exact. Every buffer
** is parsed from an exact-size copy so AddressSanitizer sees any read
** past its end.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inflect.h"
#include "tap.h"

#define IRREGULAR DYAD_DATADIR "/verbs/irregular.txt"

/* ---- regular forms ------------------------------------------------- */

/* A base and its third-person, past and -ing forms, space-separated. */
typedef struct regular_case {
	const char *base;
	const char *forms;
	const char *rule;
} regular_case;

static const regular_case regular_cases[] = {
	{"push", "pushes pushed pushing", "sibilant sh + es"},
	{"watch", "watches watched watching", "sibilant ch + es"},
	{"fix", "fixes fixed fixing", "sibilant x + es"},
	{"buzz", "buzzes buzzed buzzing", "sibilant z + es"},
	{"pass", "passes passed passing", "sibilant s + es"},
	{"bath", "baths bathed bathing", "th is no sibilant"},
	{"veto", "vetoes vetoed vetoing", "consonant + o + es"},
	{"echo", "echoes echoed echoing", "consonant + o + es"},
	{"woo", "woos wooed wooing", "vowel + o + s"},
	{"deny", "denies denied denying", "consonant + y: ies, ied"},
	{"carry", "carries carried carrying", "consonant + y: ies, ied"},
	{"say", "says sayed saying", "vowel + y stays (said is irregular)"},
	{"play", "plays played playing", "vowel + y stays"},
	{"vote", "votes voted voting", "silent e dropped before -ing"},
	{"argue", "argues argued arguing", "silent e after u dropped"},
	{"ache", "aches ached aching", "che takes s, not es"},
	{"agree", "agrees agreed agreeing", "ee kept"},
	{"free", "frees freed freeing", "ee kept"},
	{"hoe", "hoes hoed hoeing", "oe kept"},
	{"dye", "dyes dyed dyeing", "ye kept"},
	{"tie", "ties tied tying", "ie becomes y before -ing"},
	{"be", "bes bed being", "an only vowel e is not silent"},
	{"meet", "meets meeted meeting", "plain"},
	{"attack", "attacks attacked attacking", "plain"},
	{"stop", "stops stoped stoping", "no consonant doubling"},
};

/* Inflects base[0..n) from an exact-size copy and joins the three forms
** with spaces into buf; returns the return code. */
static int inflect(const char *base, size_t n, char *buf, size_t cap)
{
	char out[3][DYAD__FORM_MAX];
	char *copy = malloc(n ? n : 1);
	int rc;

	if (!copy) {
		perror("malloc");
		exit(2);
	}
	memcpy(copy, base, n);
	memset(out, 'X', sizeof out); /* garbage in: every form must be written */
	rc = dyad__inflect_regular(n ? copy : NULL, n, out);
	free(copy);
	if (!memchr(out[0], '\0', DYAD__FORM_MAX) || !memchr(out[1], '\0', DYAD__FORM_MAX) ||
	    !memchr(out[2], '\0', DYAD__FORM_MAX))
		snprintf(buf, cap, "(unterminated)");
	else
		snprintf(buf, cap, "%s %s %s", out[0], out[1], out[2]);
	return rc;
}

/* Every rule of the table, and n as the only end of the base. */
static void test_regular(void)
{
	char got[3 * DYAD__FORM_MAX + 8], what[128];
	size_t i;

	for (i = 0; i < sizeof regular_cases / sizeof regular_cases[0]; i++) {
		const regular_case *c = &regular_cases[i];
		const int rc = inflect(c->base, strlen(c->base), got, sizeof got);
		snprintf(what, sizeof what, "%s: %s", c->base, c->rule);
		CHECK_EQ_INT(rc, 0, what);
		CHECK_EQ_STR(got, c->forms, what);
	}
	/* n, not a NUL, ends the base. */
	CHECK_EQ_INT(inflect("meeting", 4, got, sizeof got), 0, "prefix of a longer string");
	CHECK_EQ_STR(got, "meets meeted meeting", "only n bytes are read");
}

/* Bad bases give -1 and three empty forms. */
static void check_bad(const char *base, size_t n, const char *what)
{
	char got[3 * DYAD__FORM_MAX + 8];

	CHECK_EQ_INT(inflect(base, n, got, sizeof got), -1, what);
	CHECK_EQ_STR(got, "  ", what);
}

/* Bases the rules refuse, and the length limit on both sides. */
static void test_regular_bad(void)
{
	char longest[DYAD__FORM_MAX], got[3 * DYAD__FORM_MAX + 8], want[3 * DYAD__FORM_MAX + 8];
	const size_t fit = DYAD__FORM_MAX - 4;

	check_bad("", 0, "empty base");
	check_bad("g7", 2, "digit");
	check_bad("2", 1, "digits only");
	check_bad("Meet", 4, "capital letter");
	check_bad("meet up", 7, "space");
	check_bad("ad-lib", 6, "hyphen");
	check_bad("caf\xc3\xa9", 5, "non-ASCII letter");
	check_bad("me\0t", 4, "NUL inside");

	/* The longest base whose -ing form still fits, and one byte more. */
	memset(longest, 'a', sizeof longest);
	longest[fit - 1] = 'k';
	CHECK_EQ_INT(inflect(longest, fit, got, sizeof got), 0, "longest base that fits");
	snprintf(want, sizeof want, "%.*ss %.*sed %.*sing", (int)fit, longest, (int)fit,
		 longest, (int)fit, longest);
	CHECK_EQ_STR(got, want, "longest base: forms complete");
	check_bad(longest, fit + 1, "too long by one byte");
	check_bad(longest, DYAD__FORM_MAX, "too long");
}

/* ---- irregular table ----------------------------------------------- */

/* Parses an exact-size copy of text[0..n); the copy is freed at once,
** which the table must allow. */
static dyad__irregular *parse(const char *path, const char *text, size_t n, size_t *bad,
			      char *msg)
{
	char *copy = malloc(n ? n : 1);
	dyad__irregular *t;

	if (!copy) {
		perror("malloc");
		exit(2);
	}
	memcpy(copy, text, n);
	*bad = (size_t)-1; /* garbage in: the callee must set it */
	strcpy(msg, "garbage");
	t = dyad__irregular_parse(path, copy, n, bad, msg);
	free(copy);
	return t;
}

/* The forms of base joined with spaces into buf, or "(none)". */
static const char *forms(const dyad__irregular *t, const char *base, char *buf, size_t cap)
{
	const char *f = dyad__irregular_forms(t, base, strlen(base));
	size_t k = 0;

	if (!f)
		return "(none)";
	buf[0] = '\0';
	for (; *f && k + 1 < cap; f += strlen(f) + 1)
		k += (size_t)snprintf(buf + k, cap - k, "%s%s", k ? " " : "", f);
	return buf;
}

/* Counts entry lines (a lower-case letter first) of text, and checks that
** their bases are in strictly increasing byte order. */
static size_t count_entries(const char *text, int *sorted)
{
	char prev[DYAD__FORM_MAX] = "", cur[DYAD__FORM_MAX];
	size_t k = 0;
	const char *s = text;

	*sorted = 1;
	for (; *s; s += strcspn(s, "\n") + (s[strcspn(s, "\n")] != '\0')) {
		const size_t len = strcspn(s, " \n");
		if (*s < 'a' || *s > 'z')
			continue;
		snprintf(cur, sizeof cur, "%.*s", (int)len, s);
		if (len >= sizeof cur || (k && strcmp(prev, cur) >= 0))
			*sorted = 0;
		memcpy(prev, cur, sizeof prev);
		k++;
	}
	return k;
}

/* Checks every entry line of text against t: the base finds exactly the
** forms written after it, and no proper prefix of the base finds that
** entry (a lookup must compare lengths, not only bytes). Returns the
** number of lines that fail either way. */
static size_t check_every_line(const dyad__irregular *t, const char *text)
{
	char want[512], got[512];
	size_t wrong = 0, len, k;
	const char *s = text, *f;

	for (; *s; s += strcspn(s, "\n") + (s[strcspn(s, "\n")] != '\0')) {
		if (*s < 'a' || *s > 'z')
			continue;
		len = strcspn(s, " \n");
		snprintf(want, sizeof want, "%.*s", (int)(strcspn(s, "\n") - len - 1), s + len + 1);
		f = dyad__irregular_forms(t, s, len);
		got[0] = '\0';
		for (k = 0; f && *f && k + 1 < sizeof got; f += strlen(f) + 1)
			k += (size_t)snprintf(got + k, sizeof got - k, "%s%s", k ? " " : "", f);
		f = dyad__irregular_forms(t, s, len);
		for (k = 1; k < len && f; k++)
			if (dyad__irregular_forms(t, s, k) == f)
				f = NULL;
		if (!f || strcmp(got, want) != 0) {
			if (wrong++ < 5)
				printf("# line \"%.*s\": got \"%s\"%s\n", (int)strcspn(s, "\n"), s, got,
				       f ? "" : " (or a prefix finds it)");
		}
	}
	return wrong;
}

/* The committed table: clean, sorted, counted, and right for the verbs
** the pattern engine needs most. */
static void test_irregular_file(void)
{
	char msg[DYAD__MSG_MAX], buf[256], rmsg[DYAD__MSG_MAX], stated[64];
	char *text = NULL;
	size_t n = 0, bad, entries;
	dyad__irregular *t;
	int sorted;

	if (dyad__read_file(IRREGULAR, rmsg, &text, &n) != DYAD_OK) {
		CHECK(0, rmsg);
		return;
	}
	t = parse(IRREGULAR, text, n, &bad, msg);
	CHECK(t != NULL, "irregular.txt parses");
	if (!t) {
		free(text);
		return;
	}
	CHECK_EQ_INT(bad, 0, "irregular.txt has no bad line");
	CHECK_EQ_STR(msg, "", "irregular.txt: no message");
	CHECK(strstr(text, "\n@kind irregular-verbs\n") != NULL, "irregular.txt: @kind");
	CHECK(strstr(text, "\n@licence WordNet 3.0 licence") != NULL, "irregular.txt: @licence");
	entries = count_entries(text, &sorted);
	CHECK(entries > 1000, "irregular.txt: over a thousand bases");
	CHECK_EQ_INT(dyad__irregular_count(t), entries, "every entry line is a base");
	CHECK(sorted, "irregular.txt: bases strictly increasing (LC_ALL=C order)");
	CHECK_EQ_INT(check_every_line(t, text), 0, "every line: its forms, and not by a prefix");
	snprintf(stated, sizeof stated, "\n# %zu base verbs.\n", entries);
	CHECK(strstr(text, stated) != NULL, "irregular.txt: header states the count");

	CHECK_EQ_STR(forms(t, "meet", buf, sizeof buf), "met", "meet");
	CHECK_EQ_STR(forms(t, "go", buf, sizeof buf), "gone went", "go");
	CHECK_EQ_STR(forms(t, "stop", buf, sizeof buf), "stopped stopping", "stop");
	CHECK_EQ_STR(forms(t, "say", buf, sizeof buf), "said", "say");
	CHECK_EQ_STR(forms(t, "be", buf, sizeof buf), "am are been is was were", "be");
	CHECK_EQ_STR(forms(t, "die", buf, sizeof buf), "dying", "die");
	CHECK_EQ_STR(forms(t, "ko", buf, sizeof buf), "ko'd ko'ing ko's", "apostrophes kept");
	CHECK_EQ_STR(forms(t, "baby-sit", buf, sizeof buf), "baby-sat baby-sitting",
		     "hyphens kept");
	CHECK_EQ_STR(forms(t, "negotiate", buf, sizeof buf), "(none)", "regular verb: none");
	CHECK_EQ_STR(forms(t, "mee", buf, sizeof buf), "(none)", "prefix of a base: none");
	CHECK_EQ_STR(forms(t, "meets", buf, sizeof buf), "(none)", "longer than a base: none");
	CHECK_EQ_STR(forms(t, "met", buf, sizeof buf), "(none)", "a form is not a base");
	CHECK_EQ_STR(forms(t, "bing", buf, sizeof buf), "(none)", "self-only exception dropped");
	CHECK(dyad__irregular_forms(t, "meetx", 4) != NULL, "only n bytes of the base are read");
	dyad__irregular_free(t);
	free(text);
}

/* A file with one bad line of each kind, and good lines around them. */
static const char bad_file[] =
	"@kind irregular-verbs\n"               /* 1 */
	"# a comment\n"                         /* 2 */
	"meet met\n"                            /* 3 */
	"\n"                                    /* 4 */
	"Stop stopped\n"                        /* 5: capital */
	"lonely\n"                              /* 6: no forms */
	"meet meeted\n"                         /* 7: repeated */
	"@colour red\n"                         /* 8: unknown directive */
	"go went g0ne\n"                        /* 9: digit */
	"  say\tsaid  \r\n"                     /* 10: blanks and CR are fine */
	"ko ko'd ko'ing\n"                      /* 11 */
	"run ran";                              /* 12: no final newline */

/* Bad lines are skipped and counted; the good lines around them load. */
static void test_irregular_bad(void)
{
	char msg[DYAD__MSG_MAX], buf[256];
	size_t bad;
	dyad__irregular *t = parse("inline.txt", bad_file, sizeof bad_file - 1, &bad, msg);

	CHECK(t != NULL, "bad lines are not fatal");
	if (!t)
		return;
	CHECK_EQ_INT(bad, 5, "five bad lines counted");
	CHECK_EQ_STR(msg, "inline.txt:5: bad word \"Stop\": want lower-case letters, "
		     "apostrophes and hyphens, at most 63 bytes",
		     "first bad line reported as path:line: reason");
	CHECK_EQ_INT(dyad__irregular_count(t), 4, "four good bases");
	CHECK_EQ_STR(forms(t, "meet", buf, sizeof buf), "met", "first of a repeated base stays");
	CHECK_EQ_STR(forms(t, "say", buf, sizeof buf), "said", "blanks, tab and CR");
	CHECK_EQ_STR(forms(t, "ko", buf, sizeof buf), "ko'd ko'ing", "apostrophes");
	CHECK_EQ_STR(forms(t, "run", buf, sizeof buf), "ran", "last line without newline");
	CHECK_EQ_STR(forms(t, "go", buf, sizeof buf), "(none)", "bad line skipped whole");
	CHECK_EQ_STR(forms(t, "stop", buf, sizeof buf), "(none)", "capital line skipped");
	CHECK_EQ_STR(forms(t, "lonely", buf, sizeof buf), "(none)", "formless line skipped");
	dyad__irregular_free(t);
}

/* One message per kind of bad line, each exact. */
static void test_irregular_messages(void)
{
	char msg[DYAD__MSG_MAX], buf[256], word[DYAD__FORM_MAX + 16], text[256];
	size_t bad;
	dyad__irregular *t;

#define ONE_BAD(text_, want_, what_)                                          \
	do {                                                                  \
		t = parse("t.txt", (text_), strlen(text_), &bad, msg);        \
		CHECK_EQ_INT(bad, 1, (what_));                                \
		CHECK_EQ_STR(msg, (want_), (what_));                          \
		dyad__irregular_free(t);                                      \
	} while (0)
	ONE_BAD("a b\nc d\na e\n", "t.txt:3: base \"a\" repeated; the first entry stays",
		"repeated base");
	ONE_BAD("lonely\n", "t.txt:1: base \"lonely\" has no forms", "base without forms");
	ONE_BAD("@kind actors\n", "t.txt:1: @kind is \"actors\", not irregular-verbs",
		"wrong kind");
	ONE_BAD("@kind irregular-verbs-2\n",
		"t.txt:1: @kind is \"irregular-verbs-2\", not irregular-verbs", "longer kind");
	ONE_BAD("x y\n@colour red\n", "t.txt:2: unknown directive \"@colour\"",
		"unknown directive");
	memset(word, 'a', DYAD__FORM_MAX);
	word[DYAD__FORM_MAX] = '\0';
	snprintf(text, sizeof text, "x %s\n", word);
	snprintf(buf, sizeof buf, "t.txt:1: bad word \"%.40s\": want lower-case letters, "
		 "apostrophes and hyphens, at most 63 bytes", word);
	ONE_BAD(text, buf, "word too long, quoted in part");

	/* A repeat is found after the whole file is read, yet the earliest
	** bad line is the one described. */
	t = parse("t.txt", "a b\na c\nBAD x\n", 14, &bad, msg);
	CHECK_EQ_INT(bad, 2, "repeat and bad word");
	CHECK_EQ_STR(msg, "t.txt:2: base \"a\" repeated; the first entry stays",
		     "earliest bad line described");
	dyad__irregular_free(t);
#undef ONE_BAD
}

/* An empty file and the NULL arguments the functions accept. */
static void test_irregular_empty(void)
{
	char msg[DYAD__MSG_MAX], buf[64];
	size_t bad;
	dyad__irregular *t = parse("e.txt", "", 0, &bad, msg);

	CHECK(t != NULL, "empty file: a table");
	CHECK_EQ_INT(bad, 0, "empty file: no bad line");
	CHECK_EQ_STR(msg, "", "empty file: no message");
	CHECK_EQ_INT(dyad__irregular_count(t), 0, "empty file: no base");
	CHECK_EQ_STR(forms(t, "go", buf, sizeof buf), "(none)", "empty file: no forms");
	dyad__irregular_free(t);

	t = dyad__irregular_parse("e.txt", NULL, 0, NULL, NULL);
	CHECK(t != NULL, "NULL bad and msg are allowed");
	dyad__irregular_free(t);
	dyad__irregular_free(NULL);
	CHECK(dyad__irregular_forms(NULL, "go", 2) == NULL, "NULL table: no forms");
}

int main(void)
{
	test_regular();
	test_regular_bad();
	test_irregular_file();
	test_irregular_bad();
	test_irregular_messages();
	test_irregular_empty();
	return tap_done();
}
