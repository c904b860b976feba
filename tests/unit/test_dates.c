/*
** test_dates.c — the document date (src/dates.c).
**
** Checks ISO parsing and formatting, then dyad__date_doc over metadata,
** datelines (with and without a year, and the year inferred from the
** text), dates found only in the text, and hostile input: empty text,
** NULs, invalid and truncated UTF-8, and large buffers that must still be
** scanned in linear time. Every text is copied into a buffer of exactly
** its length so that AddressSanitizer catches any read past the end.
** The two seed articles in ../shared/seeds are checked when present.
**
** Then event dates: the normalizer (dyad_date_resolve) on one expression
** per rule, the expressions dyad_doc_dates finds in sentences, and the
** date each coded event gets (default dictionaries), with the rules that
** link a date to an event, the past that never lands after the document
** date, historical references, anaphors and the two seeds' meetings.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dyad_int.h"
#include "seeds.h"
#include "tap.h"

static const char *const src_names[] = { "none", "metadata", "dateline",
					 "text" };
static const char *const prec_names[] = { "none", "year", "month", "week",
					  "day" };

/* Runs dyad__date_doc on an exact-size copy of text[0..n) and describes
** the result as "DATE SOURCE PRECISION" in buf. */
static dyad__date run(const char *meta, const char *text, size_t n,
		      char *buf, size_t cap)
{
	dyad__date d;
	char date[11];
	char *copy = malloc(n ? n : 1);

	if (!copy) {
		perror("malloc");
		exit(2);
	}
	if (n)
		memcpy(copy, text, n);
	memset(&d, 0x5A, sizeof d); /* garbage in: the callee must reset */
	dyad__date_doc(meta, n ? copy : NULL, n, &d);
	free(copy);
	dyad__date_format(&d, date);
	snprintf(buf, cap, "%s %s %s", date,
		 (unsigned)d.src < 4 ? src_names[d.src] : "?",
		 (unsigned)d.prec < 5 ? prec_names[d.prec] : "?");
	return d;
}

/* Checks the described result of one document; evaluates to the date. */
#define CHECK_DOC_N(meta, text, n, want, what)                              \
	do {                                                                \
		char buf_[64];                                              \
		last = run((meta), (text), (n), buf_, sizeof buf_);         \
		CHECK_EQ_STR(buf_, (want), (what));                         \
	} while (0)
#define CHECK_DOC(meta, text, want, what)                                   \
	CHECK_DOC_N((meta), (text), strlen(text), (want), (what))

/* Checks that the last date was read from the words want of text. */
#define CHECK_SPAN(text, want, what)                                        \
	CHECK_EQ_MEM((last.end >= last.start && last.end <= strlen(text))   \
			     ? (text) + last.start                          \
			     : "",                                          \
		     last.end - last.start, (want), (what))

static dyad__date last;

/* Parses s and formats the result: "" on failure. */
static const char *iso(const char *s, char out[11])
{
	dyad__date d;

	memset(&d, 0, sizeof d);
	d.src = DYAD_DATESRC_TEXT;
	if (dyad__date_parse_iso(s, &d) != 0)
		return strcpy(out, "fail");
	if (d.src != DYAD_DATESRC_TEXT)
		return strcpy(out, "src set");
	dyad__date_format(&d, out);
	return out;
}

static void test_parse_iso(void)
{
	char b[11];
	dyad__date d;

	CHECK_EQ_STR(iso("2023-11-24", b), "2023-11-24", "iso: day");
	CHECK_EQ_STR(iso("2023-11", b), "2023-11", "iso: month");
	CHECK_EQ_STR(iso("2023", b), "2023", "iso: year");
	CHECK_EQ_STR(iso("2023-11-24T10:00:00Z", b), "2023-11-24",
		     "iso: time after T ignored");
	CHECK_EQ_STR(iso("2023-11-24 10:00:00", b), "2023-11-24",
		     "iso: time after a space ignored");
	CHECK_EQ_STR(iso(" 2023-11-24\n", b), "2023-11-24",
		     "iso: surrounding blanks");
	CHECK_EQ_STR(iso("20231124", b), "2023-11-24", "iso: basic form");
	CHECK_EQ_STR(iso("2024-02-29", b), "2024-02-29", "iso: leap day");
	CHECK_EQ_STR(iso("2000-02-29", b), "2000-02-29", "iso: leap 400");
	CHECK_EQ_STR(iso("2023-02-29", b), "fail", "iso: not a leap year");
	CHECK_EQ_STR(iso("1900-02-29", b), "fail", "iso: century no leap");
	CHECK_EQ_STR(iso("2023-04-31", b), "fail", "iso: April 31");
	CHECK_EQ_STR(iso("2023-13-01", b), "fail", "iso: month 13");
	CHECK_EQ_STR(iso("2023-00-10", b), "fail", "iso: month 0");
	CHECK_EQ_STR(iso("2023-11-00", b), "fail", "iso: day 0");
	CHECK_EQ_STR(iso("0000-01-01", b), "fail", "iso: year 0");
	CHECK_EQ_STR(iso("23-11-24", b), "fail", "iso: two-digit year");
	CHECK_EQ_STR(iso("2023-1-5", b), "fail", "iso: one-digit parts");
	CHECK_EQ_STR(iso("2023-11-24x", b), "fail", "iso: trailing junk");
	CHECK_EQ_STR(iso("2023-11-24T", b), "fail", "iso: T without time");
	CHECK_EQ_STR(iso("2023-11 10:00", b), "fail", "iso: time on a month");
	CHECK_EQ_STR(iso("202311", b), "fail", "iso: basic needs a day");
	CHECK_EQ_STR(iso("", b), "fail", "iso: empty");
	CHECK_EQ_STR(iso("Nov 3, 2023", b), "fail", "iso: words are not ISO");
	CHECK_EQ_INT(dyad__date_parse_iso(NULL, &d), -1, "iso: NULL string");

	memset(&d, 0, sizeof d);
	d.year = 1999;
	CHECK_EQ_INT(dyad__date_parse_iso("2023-02-30", &d), -1,
		     "iso: failure returns -1");
	CHECK_EQ_INT(d.year, 1999, "iso: failure leaves the date alone");
	CHECK_EQ_INT(dyad__date_parse_iso("2023-11", &d), 0, "iso: ok is 0");
	CHECK_EQ_INT(d.day, 0, "iso: fields beyond precision are 0");
	CHECK_EQ_INT(d.prec, DYAD_PREC_MONTH, "iso: month precision");
}

static void test_format(void)
{
	dyad__date d;
	char out[11];

	memset(&d, 0, sizeof d);
	d.year = 2023;
	d.month = 3;
	d.day = 7;
	d.prec = DYAD_PREC_DAY;
	dyad__date_format(&d, out);
	CHECK_EQ_STR(out, "2023-03-07", "format: day, zero-padded");
	d.prec = DYAD_PREC_WEEK;
	dyad__date_format(&d, out);
	CHECK_EQ_STR(out, "2023-03-07", "format: week as its day");
	d.prec = DYAD_PREC_MONTH;
	dyad__date_format(&d, out);
	CHECK_EQ_STR(out, "2023-03", "format: month");
	d.prec = DYAD_PREC_YEAR;
	dyad__date_format(&d, out);
	CHECK_EQ_STR(out, "2023", "format: year");
	d.prec = DYAD_PREC_NONE;
	dyad__date_format(&d, out);
	CHECK_EQ_STR(out, "", "format: none is empty");
	d.year = 12345;
	d.prec = DYAD_PREC_DAY;
	dyad__date_format(&d, out);
	CHECK_EQ_STR(out, "", "format: five-digit year refused");
	d.year = 2023;
	d.month = 13;
	dyad__date_format(&d, out);
	CHECK_EQ_STR(out, "", "format: month 13 refused");
	dyad__date_format(NULL, out);
	CHECK_EQ_STR(out, "", "format: NULL date");
}

static void test_metadata(void)
{
	const char *t = "The council met on March 3, 2022 to vote.";

	CHECK_DOC("2023-11-24", t, "2023-11-24 metadata day", "meta: ISO day");
	CHECK_EQ_INT(last.start + last.end, 0, "meta: no span");
	CHECK_DOC("2023-11-24T10:00:00Z", t, "2023-11-24 metadata day",
		  "meta: ISO with T time");
	CHECK_DOC("2023-11-24 10:00:00", t, "2023-11-24 metadata day",
		  "meta: ISO with space time");
	CHECK_DOC("2023-11", t, "2023-11 metadata month", "meta: ISO month");
	CHECK_DOC("2023", t, "2023 metadata year", "meta: ISO year");
	CHECK_DOC("Tue, 31 Oct 2023 10:00:00 GMT", t,
		  "2023-10-31 metadata day", "meta: RFC 2822");
	CHECK_DOC("October 31, 2023", t, "2023-10-31 metadata day",
		  "meta: month day, year");
	CHECK_DOC("2023-02-30", t, "2022-03-03 text day",
		  "meta: impossible day falls back to the text");
	CHECK_DOC("last Tuesday", t, "2022-03-03 text day",
		  "meta: no date falls back to the text");
	CHECK_DOC("0001-01-01", t, "2022-03-03 text day",
		  "meta: placeholder year falls back to the text");
	CHECK_DOC("", t, "2022-03-03 text day", "meta: empty string");
	CHECK_DOC(NULL, t, "2022-03-03 text day", "meta: NULL");
}

static void test_datelines(void)
{
	const char *t;

	t = "A caption of a visit on Nov. 23, 2023.\n\n"
	    "Doha, November 24 (RHC)-- The minister arrived for talks.";
	CHECK_DOC(NULL, t, "2023-11-24 dateline day",
		  "dateline: agency and -- , year from the caption");
	CHECK_SPAN(t, "November 24", "dateline: span of the date words");

	t = "SALVADOR, Feb 26 - Workers marched on Feb. 25, 2021 downtown.";
	CHECK_DOC(NULL, t, "2021-02-26 dateline day", "dateline: plain -");
	CHECK_SPAN(t, "Feb 26", "dateline: span without agency");

	t = "WASHINGTON, Nov. 3 (Reuters) - Officials said on 1 November "
	    "2020 that the count would go on.";
	CHECK_DOC(NULL, t, "2020-11-03 dateline day",
		  "dateline: Nov. with a dot, day-first text date");
	CHECK_SPAN(t, "Nov. 3", "dateline: span keeps the dot");

	t = "GAZA CITY, Oct 31, 2023 (AFP) \xE2\x80\x94 Strikes went on "
	    "overnight, a week after the Oct. 24, 2022 talks.";
	CHECK_DOC(NULL, t, "2023-10-31 dateline day",
		  "dateline: own year, em dash, two-word place");
	CHECK_SPAN(t, "Oct 31, 2023", "dateline: span includes the year");

	t = "CAIRO, 12 March 2013 - Protesters gathered again.";
	CHECK_DOC(NULL, t, "2013-03-12 dateline day", "dateline: day first");

	t = "LONDON (Reuters) - Shares fell on Nov. 2, 2023 and rose later.";
	CHECK_DOC(NULL, t, "2023-11-02 text day",
		  "dateline: no date in it, so the text date");

	t = "Ankara, NOVEMBER 5 \xE2\x80\x93 Talks resumed, as planned on "
	    "October 30, 2023.";
	CHECK_DOC(NULL, t, "2023-11-05 dateline day",
		  "dateline: upper case month, en dash");

	t = "KYIV, Ukraine, Sept.\xC2\xA0" "9th (AP) \xE2\x80\x94 Sirens "
	    "sounded, as on 2022-09-01.";
	CHECK_DOC(NULL, t, "2022-09-09 dateline day",
		  "dateline: region, Sept., NBSP, ordinal, ISO text date");

	t = "WASHINGTON, Tuesday, Oct. 31 (AP) \xE2\x80\x94 The vote "
	    "followed the hearing of Oct. 30, 2023.";
	CHECK_DOC(NULL, t, "2023-10-31 dateline day",
		  "dateline: weekday before the date");

	t = "La paz, march 4 - Miners struck, as on 2 March 1986.";
	CHECK_DOC(NULL, t, "1986-03-04 dateline day",
		  "dateline: lower-case place and month");

	t = "New Delhi, Mar 12 (PTI) The panel met after 10 March 2019.";
	CHECK_DOC(NULL, t, "2019-03-12 dateline day",
		  "dateline: agency without a dash");

}

/* A dateline without a year borrows one from the text's full dates. */
static void test_dateline_year(void)
{
	const char *t;

	t = "Doha, November 24 (RHC)-- The minister arrived for talks.";
	CHECK_DOC(NULL, t, " none none",
		  "dateline: no year anywhere records nothing");

	t = "Quito, Jan 2 - Markets reopened after the holiday that began "
	    "on Dec 30, 2023.";
	CHECK_DOC(NULL, t, "2024-01-02 dateline day",
		  "dateline: year inferred across a year boundary");

	t = "Lima, Nov 20 - Delegates prepared for the Nov. 23, 2023 summit.";
	CHECK_DOC(NULL, t, "2023-11-20 dateline day",
		  "dateline: a near future date keeps its year");

	t = "DALLAS, Nov. 22 (AP) - Crowds recalled Nov. 22, 1963. Rehearsals "
	    "ran on Nov. 20, 2023 and on Nov. 21, 2023.";
	CHECK_DOC(NULL, t, "2023-11-22 dateline day",
		  "dateline: most dates outvote an anniversary");

	t = "Oslo, Jul 1 - The plan dates from Dec 30, 2023.";
	CHECK_DOC(NULL, t, "2024-07-01 dateline day",
		  "dateline: on or after preferred to slightly closer before");

	t = "Riga, Jun 1 - Compare Jun 3, 2022 with May 30, 2023.";
	CHECK_DOC(NULL, t, "2023-06-01 dateline day",
		  "dateline: a tied vote goes to the later year");

	t = "Minsk, Nov 24 - Prices rose through November 2023.";
	CHECK_DOC(NULL, t, "2023-11-24 dateline day",
		  "dateline: year from a month and year");

	t = "Bern, Feb 29 - The rule took effect on March 1, 2023.";
	CHECK_DOC(NULL, t, "2024-02-29 dateline day",
		  "dateline: February 29 only in a leap year");
}

/* Lines that look like datelines but are not. */
static void test_dateline_not(void)
{
	const char *t;

	t = "(Photo) Doha, November 24 - began after Nov. 20, 2023.";
	CHECK_DOC(NULL, t, "2023-11-20 text day",
		  "dateline: must start a line");

	t = "Talks were held in Doha, November 24 - after Nov. 20, 2023.";
	CHECK_DOC(NULL, t, "2023-11-20 text day",
		  "dateline: a sentence is not a place");

	t = "Rio de Janeiro, Nov 24 - Rain fell after Nov. 20, 2023.";
	CHECK_DOC(NULL, t, "2023-11-24 dateline day",
		  "dateline: place with a short particle");

	t = "Doha,\nNovember 24 - talks went on after Nov. 20, 2023.";
	CHECK_DOC(NULL, t, "2023-11-20 text day",
		  "dateline: may not span lines");

	t = "Doha, November 24 talks went on after Nov. 20, 2023.";
	CHECK_DOC(NULL, t, "2023-11-20 text day",
		  "dateline: needs a dash, colon or agency");
}

/* A dateline after DATELINE_START bytes is body text, not a dateline. */
static void test_dateline_window(void)
{
	char t[800];

	memset(t, 'x', 400);
	t[0] = 'A';
	t[399] = '\n';
	strcpy(t + 400, "Doha, November 24 - met on Nov. 20, 2023.");
	CHECK_DOC(NULL, t, "2023-11-20 text day",
		  "dateline: only near the start");
	t[100] = '\n';
	memcpy(t + 101, "Doha, November 24 - ", 20);
	CHECK_DOC(NULL, t, "2023-11-24 dateline day",
		  "dateline: after a first line");
}

static void test_text(void)
{
	const char *t;

	t = "Talks on Nov. 3, 2023 were followed by a vote on Nov. 9, 2023 "
	    "after a failed round on Sept. 14, 2023.";
	CHECK_DOC(NULL, t, "2023-11-09 text day", "text: latest date");
	CHECK_SPAN(t, "Nov. 9, 2023", "text: span of the latest date");
	CHECK_DOC(NULL, "Fighting grew in November 2023 along the border.",
		  "2023-11 text month", "text: month and year");
	CHECK_DOC(NULL, "In November 2023, on Nov. 3, 2023, it began.",
		  "2023-11-03 text day", "text: day beats its month");
	CHECK_DOC(NULL, "By December 2023, after Nov. 3, 2023, it ended.",
		  "2023-12 text month", "text: a later month beats a day");
	CHECK_DOC(NULL, "Filed 2021-06-15 and heard on 2021-06-17T09:30.",
		  "2021-06-17 text day", "text: ISO dates");
	CHECK_DOC(NULL, "The ceasefire of 23 November 2023 held.",
		  "2023-11-23 text day", "text: day first");
	CHECK_DOC(NULL, "Signed on the 3rd of May, 2022 in Oslo.",
		  "2022-05-03 text day", "text: 3rd of May, 2022");
	CHECK_DOC(NULL, "It was Tuesday, October 31, 2023 at noon.",
		  "2023-10-31 text day", "text: weekday first");
	CHECK_DOC(NULL, "It was signed Oct 31st, 2023.", "2023-10-31 text day",
		  "text: ordinal day");
	CHECK_DOC(NULL, "The crash of Nov 3 1987 is remembered.",
		  "1987-11-03 text day", "text: day then year, no comma");
	CHECK_DOC(NULL, "On Nov 3, 10 people were hurt; in 2023 more.",
		  " none none", "text: a count is not a year");
	CHECK_DOC(NULL, "It was the 12 March of 2013.", " none none",
		  "text: month and day without a year");
	CHECK_DOC(NULL, "Records from March 3, 1850 and May 5, 2150 exist.",
		  " none none", "text: implausible years ignored");
	CHECK_DOC(NULL, "A claim dated Feb 30, 2023 was false.", " none none",
		  "text: impossible day ignored");
	CHECK_DOC(NULL, "They may 2000 times; a march 1999 ended.", " none none",
		  "text: lower-case may and march before a year");
	CHECK_DOC(NULL, "It closed on march 4, 1987 at noon.",
		  "1987-03-04 text day", "text: lower-case march before a day");
	CHECK_DOC(NULL, "Elections due in May 2027 were moved.",
		  "2027-05 text month", "text: capitalised May is a month");
	CHECK_DOC(NULL, "The Décembre 2023 report.", " none none",
		  "text: a longer word is not its month prefix");
	CHECK_DOC(NULL, "\xE2\x80\x9CNov. 3, 2023\xE2\x80\x9D was the date.",
		  "2023-11-03 text day", "text: inside curly quotes");
	CHECK_DOC(NULL, "No date is mentioned anywhere in this text at all.",
		  " none none", "text: no date");
}

static void test_hostile(void)
{
	static const char nul_split[] = "Nov\0 3, 2023";
	static const char nul_lead[] = "\0\0\nPARIS, Nov 3 - Seen on "
				       "Nov. 1, 2023.\0";
	static const char bad_utf8[] = "\xFF\xFENov 3, 2023\xC0\xAF";

	CHECK_DOC_N(NULL, "", 0, " none none", "hostile: empty text");
	CHECK_DOC_N("2023-11-24", "", 0, "2023-11-24 metadata day",
		    "hostile: empty text with metadata");
	CHECK_DOC_N(NULL, nul_split, sizeof nul_split - 1, " none none",
		    "hostile: a NUL splits a date");
	CHECK_DOC_N(NULL, nul_lead, sizeof nul_lead - 1,
		    "2023-11-03 dateline day", "hostile: NULs around a dateline");
	CHECK_DOC_N(NULL, bad_utf8, sizeof bad_utf8 - 1, "2023-11-03 text day",
		    "hostile: invalid UTF-8 around a date");
	CHECK_DOC_N(NULL, "Nov 3, 2023 \xE2\x80", 14, "2023-11-03 text day",
		    "hostile: truncated em dash at the end");
	CHECK_DOC_N(NULL, "Nov 3, 2023\xC2", 12, "2023-11-03 text day",
		    "hostile: truncated NBSP at the end");
	CHECK_DOC_N(NULL, "Doha, Nov 3", 11, " none none",
		    "hostile: dateline cut at the end");
	CHECK_DOC_N(NULL, "2023-11-", 8, " none none",
		    "hostile: ISO cut at the end");
}

/* Seconds of processor time to date n bytes made by repeating pattern. */
static double time_big(const char *pattern, size_t n, const char *want,
		       const char *what)
{
	size_t plen = strlen(pattern), i;
	char *t = malloc(n);
	clock_t t0;
	double secs;

	if (!t) {
		perror("malloc");
		exit(2);
	}
	for (i = 0; i < n; i++)
		t[i] = pattern[i % plen];
	t0 = clock();
	CHECK_DOC_N(NULL, t, n, want, what);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	printf("#   %.3f s of processor time\n", secs);
	free(t);
	return secs;
}

static void test_big(void)
{
	double s;

	s = time_big("Nov 12 2023 31st May 1999-12-3 June 2024 Sept. 0123456789 ",
		     1u << 20, "2024-06-03 text day",
		     "big: 1 MB of digits and month names");
	CHECK(s < 2.0, "big: 1 MB scanned in under 2 s");
	s = time_big("7", 16u << 20, " none none", "big: 16 MB of one number");
	CHECK(s < 4.0, "big: 16 MB digit run scanned in under 4 s");
	s = time_big("Nov ", 16u << 20, " none none",
		     "big: 16 MB of month names");
	CHECK(s < 8.0, "big: 16 MB of months scanned in under 8 s");
	s = time_big("Doha,\n", 4u << 20, " none none",
		     "big: 4 MB of dateline openings");
	CHECK(s < 4.0, "big: dateline openings scanned in under 4 s");
}

/* Reads a whole file; NULL when it cannot. */
static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long len;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)len + 1))) {
		*n = fread(buf, 1, (size_t)len, f);
		buf[*n] = '\0';
	}
	fclose(f);
	return buf;
}

static void test_seeds(void)
{
	static const char *const dir = "../shared/seeds";
	char path[256];
	char *t;
	size_t n = 0;

	snprintf(path, sizeof path, "%s/004_fc450134ee5bacbb.txt", dir);
	t = slurp(path, &n);
	if (!t) {
		SKIP("../shared absent");
		return;
	}
	CHECK_DOC_N(NULL, t, n, "2023-11-24 dateline day",
		    "seed 004: dateline, year from the caption");
	CHECK_SPAN(t, "November 24", "seed 004: dateline span");
	free(t);
	snprintf(path, sizeof path, "%s/000_f8e8045361a76b08.txt", dir);
	t = slurp(path, &n);
	CHECK(t != NULL, "seed 000: readable");
	if (!t)
		return;
	CHECK_DOC_N(NULL, t, n, "2023-10-31 text day",
		    "seed 000: the tweet signature date");
	CHECK_SPAN(t, "October 31, 2023", "seed 000: text span");
	free(t);
}

/* ---- event dates ------------------------------------------------- */

static dyad_engine *eng;
static dyad_ctx *ectx;

/* "DATE PRECISION HOW[ historical][ bound]" of a resolved value. */
static void describe(const dyad_date_value *v, char *buf, size_t cap)
{
	snprintf(buf, cap, "%s %s %s%s%s", v->date, dyad_precision_name(v->precision),
		 v->how, v->historical ? " historical" : "", v->bound ? " bound" : "");
}

#define CHECK_RESOLVE(text, doc, flags, want, what)                         \
	do {                                                                \
		dyad_date_value v_;                                         \
		char b_[96] = "not found";                                  \
		if (dyad_date_resolve(eng, (text), strlen(text), (doc), (flags), \
				      &v_) == DYAD_OK)                      \
			describe(&v_, b_, sizeof b_);                       \
		CHECK_EQ_STR(b_, (want), (what));                           \
	} while (0)

/* The document date 2023-10-31 is a Tuesday. */
static void test_resolve_relative(void)
{
	const char *d = "2023-10-31";

	CHECK_RESOLVE("Tuesday", d, 0, "2023-10-31 day weekday", "weekday: the document's own day");
	CHECK_RESOLVE("on Monday", d, 0, "2023-10-30 day weekday", "weekday: the last Monday");
	CHECK_RESOLVE("on Monday", d, DYAD_DATE_FUTURE, "2023-11-06 day weekday",
		      "weekday: the next Monday for a planned event");
	CHECK_RESOLVE("Thursday night", d, 0, "2023-10-26 day weekday", "weekday with a part of the day");
	CHECK_RESOLVE("last Tuesday", d, 0, "2023-10-24 day weekday", "last Tuesday: strictly before");
	CHECK_RESOLVE("next Tuesday", d, 0, "2023-11-07 day weekday", "next Tuesday: strictly after");
	CHECK_RESOLVE("yesterday", d, 0, "2023-10-30 day relative-day", "yesterday");
	CHECK_RESOLVE("tomorrow", d, 0, "2023-11-01 day relative-day", "tomorrow");
	CHECK_RESOLVE("last night", d, 0, "2023-10-30 day relative-day", "last night");
	CHECK_RESOLVE("this morning", d, 0, "2023-10-31 day relative-day", "this morning");
	CHECK_RESOLVE("last week", d, 0, "2023-10-23 week relative-period", "last week: its Monday");
	CHECK_RESOLVE("this week", d, 0, "2023-10-30 week relative-period", "this week");
	CHECK_RESOLVE("next week", d, 0, "2023-11-06 week relative-period", "next week");
	CHECK_RESOLVE("earlier this month", d, 0, "2023-10 month relative-period", "earlier this month");
	CHECK_RESOLVE("last month", d, 0, "2023-09 month relative-period", "last month");
	CHECK_RESOLVE("last year", d, 0, "2022 year relative-period", "last year");
	CHECK_RESOLVE("more than three weeks ago", d, 0, "2023-10-09 week ago", "three weeks ago");
	CHECK_RESOLVE("two days ago", d, 0, "2023-10-29 day ago", "two days ago");
	CHECK_RESOLVE("6 months ago", d, 0, "2023-04 month ago", "6 months ago");
	CHECK_RESOLVE("18 months ago", d, 0, "2022-04 month ago historical",
		      "18 months ago ended over a year before: historical");
	CHECK_RESOLVE("a year ago", d, 0, "2022 year ago", "a year ago");
	CHECK_RESOLVE("two years ago", d, 0, "2021 year ago historical", "two years ago is historical");
	CHECK_RESOLVE("on January 1", "2024-01-01", 0, "2024-01-01 day month-day", "month-day: same day");
	CHECK_RESOLVE("Monday", "2024-01-01", 0, "2024-01-01 day weekday", "weekday: a Monday document");
	CHECK_RESOLVE("last Friday", "2024-01-01", 0, "2023-12-29 day weekday", "weekday across a year");
}

static void test_resolve_calendar(void)
{
	const char *d = "2023-10-31";

	CHECK_RESOLVE("October 31", d, 0, "2023-10-31 day month-day", "month-day");
	CHECK_RESOLVE("Nov. 2", d, 0, "2023-11-02 day month-day", "month-day two days ahead");
	CHECK_RESOLVE("December 25", "2024-02-01", 0, "2023-12-25 day month-day",
		      "month-day: last year's when it is nearer");
	CHECK_RESOLVE("in October", d, 0, "2023-10 month month", "a month alone");
	CHECK_RESOLVE("in September", d, 0, "2023-09 month month", "a month before");
	CHECK_RESOLVE("in November", d, 0, "2023-11 month month", "next month is nearer than last year's");
	CHECK_RESOLVE("in March", d, 0, "2023-03 month month", "March is behind");
	CHECK_RESOLVE("last December", d, 0, "2022-12 month month", "last December");
	CHECK_RESOLVE("this December", d, 0, "2023-12 month month", "this December");
	CHECK_RESOLVE("mid-October", d, 0, "2023-10 month month", "mid-October");
	CHECK_RESOLVE("November 2023", d, 0, "2023-11 month absolute", "month and year");
	CHECK_RESOLVE("Oct. 31, 2023", d, 0, "2023-10-31 day absolute", "full date");
	CHECK_RESOLVE("Tuesday, October 31, 2023", d, 0, "2023-10-31 day absolute", "full date with its weekday");
	CHECK_RESOLVE("2023-11-24", d, 0, "2023-11-24 day absolute", "ISO date");
	CHECK_RESOLVE("10/31/2023", d, 0, "2023-10-31 day absolute", "month/day/year");
	CHECK_RESOLVE("31/10/2023", d, 0, "2023-10-31 day absolute", "day/month/year");
	CHECK_RESOLVE("in 1948", d, 0, "1948 year absolute historical", "a year alone: historical");
	CHECK_RESOLVE("the 2006 war", d, 0, "2006 year absolute historical", "the 2006 war");
	CHECK_RESOLVE("9/11", d, 0, "2001-09-11 day named historical", "9/11");
	CHECK_RESOLVE("in 2023", d, 0, "2023 year absolute", "this year is current");
	CHECK_RESOLVE("since October 7", d, 0, "2023-10-07 day month-day bound", "since: a bound");
	CHECK_RESOLVE("on Tuesday", NULL, 0, " none weekday", "no document date: nothing to count from");
	CHECK_RESOLVE("in 1948", "", 0, "1948 year absolute", "no document date: a year still resolves");
	CHECK_RESOLVE("last week", "2023-10", 0, " none relative-period", "a week needs a day to count from");
	CHECK_RESOLVE("last month", "2023-10", 0, "2023-09 month relative-period", "a month from a month");
	CHECK_RESOLVE("the meeting", d, 0, "not found", "no date in the text");
	CHECK_RESOLVE("", d, 0, "not found", "empty text");
	CHECK_RESOLVE("may", d, 0, "not found", "lower-case may is no month");
}

static void test_resolve_args(void)
{
	dyad_date_value v;

	CHECK(dyad_date_resolve(eng, "on Tuesday", 10, "31/10/2023", 0, &v) == DYAD_BADARG,
	      "a document date that is not ISO 8601");
	CHECK(dyad_date_resolve(NULL, "on Tuesday", 10, NULL, 0, &v) == DYAD_BADARG, "no engine");
	CHECK(dyad_date_resolve(eng, "on Tuesday, 9", 10, "2023-10-31", 0, &v) == DYAD_OK &&
	      v.start == 3 && v.end == 10, "the span, within the length given");
}

/* The expressions dyad_doc_dates finds in text, as "words=DATE; ...". */
static void doc_dates(const char *text, const char *date, char *buf, size_t cap)
{
	const dyad_doc *doc;
	dyad_input in;
	dyad_date_value v;
	size_t n = 0, i, len = 0;

	memset(&in, 0, sizeof in);
	in.text = text;
	in.text_len = strlen(text);
	in.date = date;
	buf[0] = '\0';
	if (dyad_ctx_process(ectx, &in, &doc) != DYAD_OK || dyad_doc_dates(doc, &n) != DYAD_OK)
		return;
	for (i = 0; i < n && dyad_doc_date(doc, i, &v) == DYAD_OK && len < cap; i++)
		len += (size_t)snprintf(buf + len, cap - len, "%s%.*s=%s", i ? "; " : "",
					(int)(v.end - v.start), text + v.start, v.date);
}

#define CHECK_FOUND(text, date, want, what)                                 \
	do {                                                                \
		char b_[256];                                               \
		doc_dates((text), (date), b_, sizeof b_);                   \
		CHECK_EQ_STR(b_, (want), (what));                           \
	} while (0)

static void test_doc_dates(void)
{
	const char *d = "2023-10-31";

	CHECK_FOUND("The army sent 2000 troops. Talks may resume in March.", d,
		    "March=2023-03", "a year needs a preposition; lower-case may is a verb");
	CHECK_FOUND("He sat down on Sunday. Jan Egeland spoke.", d, "Sunday=2023-10-29",
		    "weekday abbreviations and Jan are words in a sentence");
	CHECK_FOUND("Israel said on Monday that Hamas attacked on Saturday.", d,
		    "Monday=2023-10-30; Saturday=2023-10-28", "two expressions in one sentence");
	CHECK_FOUND("DOHA, Oct 31, 2023 (Reuters) - Talks began on Monday.", NULL, "Monday=2023-10-30",
		    "the dateline dates the article, not an event");
	CHECK_FOUND("The ministers will meet on Monday.", d, "Monday=2023-11-06",
		    "after 'will' a weekday looks ahead");
	CHECK_FOUND("They met on Monday and will meet again on Friday.", d,
		    "Monday=2023-10-30; Friday=2023-11-03", "'will' looks ahead only after it");
}

/* "DATE PRECISION HOW[ historical]" of event k of text coded on date, or
** "no event k". */
static void event_date(const char *text, const char *date, size_t k, char *buf, size_t cap)
{
	const dyad_doc *doc;
	dyad_code_opts o;
	dyad_input in;
	dyad_event e;
	size_t n = 0;

	memset(&in, 0, sizeof in);
	in.text = text;
	in.text_len = strlen(text);
	in.date = date;
	dyad_code_opts_init(&o);
	o.keep_modal = 1;
	snprintf(buf, cap, "no event %zu", k);
	if (dyad_ctx_process(ectx, &in, &doc) != DYAD_OK || dyad_doc_events(doc, &o, &n) != DYAD_OK ||
	    k >= n || dyad_doc_event(doc, k, &e) != DYAD_OK)
		return;
	snprintf(buf, cap, "%s %s %s%s", e.date, dyad_precision_name(e.date_precision),
		 e.date_how, e.historical ? " historical" : "");
}

#define CHECK_EVENT(text, date, k, want, what)                              \
	do {                                                                \
		char b_[96];                                                \
		event_date((text), (date), (k), b_, sizeof b_);             \
		CHECK_EQ_STR(b_, (want), (what));                           \
	} while (0)

static void test_event_dates(void)
{
	const char *d = "2023-10-31";

	CHECK_EVENT("Iran's foreign minister met with Qatar's emir on Monday.", d, 0,
		    "2023-10-30 day weekday", "event: weekday in its sentence");
	CHECK_EVENT("On Friday, Iran met with Qatar in Doha.", d, 0, "2023-10-27 day weekday",
		    "event: an opening date phrase");
	CHECK_EVENT("Iran met with Qatar.", d, 0, "2023-10-31 day document",
		    "event: no date, the document's");
	CHECK_EVENT("Iran met with Qatar on November 5, 2023.", d, 0, "2023-10-31 day capped",
		    "event: a past event never lands after the document date");
	CHECK_EVENT("Iran met with Qatar in December.", d, 0, "2023-10-31 day capped",
		    "event: nor does a month ahead");
	CHECK_EVENT("Iran will meet with Qatar on November 5, 2023.", d, 0,
		    "2023-11-05 day absolute", "event: a planned event may");
	CHECK_EVENT("Iran will meet with Qatar on Monday.", d, 0, "2023-11-06 day weekday",
		    "event: a planned event's weekday is the next one");
	CHECK_EVENT("Israel attacked Lebanon in 2006.", d, 0, "2006 year absolute historical",
		    "event: in 2006 is historical");
	CHECK_EVENT("Israel attacked Hamas on 9/11 and met with Egypt yesterday.", d, 0,
		    "2001-09-11 day named historical", "event: 9/11 is historical");
	/* Sentences whose only date is in digits: the pre-filter that spares
	** date-less sentences the lexer must still let them through. */
	CHECK_EVENT("Israel attacked Hamas on 9/11.", d, 0, "2001-09-11 day named historical",
		    "event: a named date alone");
	CHECK_EVENT("Iran met with Qatar on 10/29/2023.", d, 0, "2023-10-29 day absolute",
		    "event: a slashed date alone");
	CHECK_EVENT("Iran met with Qatar on 2023-10-29.", d, 0, "2023-10-29 day absolute",
		    "event: an ISO date alone");
	CHECK_EVENT("Israel killed 12 Hamas fighters.", d, 0, "2023-10-31 day document",
		    "event: a count is no date");
	CHECK_EVENT("Israel attacked Hamas on 9/11 and met with Egypt yesterday.", d, 1,
		    "2023-10-30 day relative-day", "event: a date across 'and' is farther");
	CHECK_EVENT("Iran has met with Qatar since October 7.", d, 0, "2023-10-31 day document",
		    "event: since a date is no event's date");
	CHECK_EVENT("Iran attacked Iraq on Tuesday after Iraq fired on Monday.", d, 0,
		    "2023-10-31 day weekday", "event: a clause word keeps the other clause's date");
	CHECK_EVENT("Since Israel began its war on October 7, Iran met with Qatar.", d, 0,
		    "2023-10-31 day document", "event: a fronted clause keeps its date");
	CHECK_EVENT("Iran met with Qatar last week.", d, 0, "2023-10-23 week relative-period",
		    "event: last week");
	CHECK_EVENT("Iran met with Hamas earlier this month.", d, 0, "2023-10 month relative-period",
		    "event: earlier this month");
	CHECK_EVENT("Israel attacked Hamas three weeks ago.", d, 0, "2023-10-09 week ago",
		    "event: three weeks ago");
	CHECK_EVENT("Iran's foreign minister held talks with Hamas leader Ismail Haniyeh in Doha. "
		    "The meeting on Thursday night came as a truce began.", d, 0,
		    "2023-10-26 day anaphor", "event: the meeting on Thursday night dates the talks");
	CHECK_EVENT("Israel attacked Hamas in Gaza. The meeting on Thursday night came late.", d, 0,
		    "2023-10-31 day document", "event: a meeting does not date an attack");
}

/* Every non-hypothetical event of doc is on or before its date. */
static int none_after(const dyad_doc *doc, size_t n, const char *date)
{
	dyad_event e;
	size_t i, k;

	for (i = 0; i < n && dyad_doc_event(doc, i, &e) == DYAD_OK; i++) {
		k = strlen(e.date);
		if (!(e.modality & DYAD_MOD_HYPOTHETICAL) && strncmp(e.date, date, k) > 0)
			return 0;
	}
	return 1;
}

/* The 04x events between Iran's foreign minister and one of the codes
** in others (either way round) in seed name: their dates, as one string
** of the distinct "DATE PRECISION" seen. */
static void seed_meetings(const char *name, const char *const *others, char *buf, size_t cap)
{
	const dyad_doc *doc = seed_load(ectx, name);
	dyad_doc_info info;
	dyad_event e;
	char one[64];
	size_t n = 0, i, j;

	snprintf(buf, cap, "unreadable");
	if (!doc || dyad_doc_events(doc, NULL, &n) != DYAD_OK)
		return;
	dyad_doc_get_info(doc, &info);
	CHECK(none_after(doc, n, info.date), "seed: no past event after the document date");
	buf[0] = '\0';
	for (i = 0; i < n && dyad_doc_event(doc, i, &e) == DYAD_OK; i++) {
		for (j = 0; others[j]; j++)
			if (strcmp(e.root, "04") == 0 &&
			    ((strcmp(e.source, "IRNGOV") == 0 && strncmp(e.target, others[j], strlen(others[j])) == 0) ||
			     (strcmp(e.target, "IRNGOV") == 0 && strncmp(e.source, others[j], strlen(others[j])) == 0)))
				break;
		if (!others[j])
			continue;
		snprintf(one, sizeof one, "%s %s", e.date, dyad_precision_name(e.date_precision));
		if (!strstr(buf, one) && strlen(buf) + strlen(one) + 2 < cap)
			strcat(strcat(buf, *buf ? ", " : ""), one);
	}
}

static void test_event_seeds(void)
{
	static const char *const qatar_hamas[] = { "QAT", "PSEREBHMS", NULL };
	static const char *const hamas[] = { "PSEREBHMS", NULL };
	char got[256];
	FILE *f = fopen(SEEDS "000_f8e8045361a76b08.txt", "rb");

	if (!f) {
		SKIP("../shared/seeds absent: seed meeting dates not checked");
		return;
	}
	fclose(f);
	seed_meetings("000_f8e8045361a76b08.txt", qatar_hamas, got, sizeof got);
	CHECK_EQ_STR(got, "2023-10-31 day",
		     "seed 000: the foreign minister's meetings with Qatar and Hamas on 31 October");
	seed_meetings("004_fc450134ee5bacbb.txt", hamas, got, sizeof got);
	CHECK_EQ_STR(got, "2023-11-23 day",
		     "seed 004: the foreign minister's talks with Hamas's leader on 23 November");
}

/* How many expressions dyad_doc_dates finds in text[0..n). */
static size_t doc_dates_count(const char *text, size_t n)
{
	const dyad_doc *doc;
	dyad_input in;
	size_t k = 0;

	memset(&in, 0, sizeof in);
	in.text = text;
	in.text_len = n;
	in.date = "2023-10-31";
	if (dyad_ctx_process(ectx, &in, &doc) != DYAD_OK || dyad_doc_dates(doc, &k) != DYAD_OK)
		return 0;
	return k;
}

/* Hostile text for the expression finder: it must stay linear and read
** nothing past the length given (the copy is exactly that long). */
static void test_finder_hostile(void)
{
	static const char pat[] = "last Tuesday, October 31 9/11 three weeks ago 12/ 2023- mid- ";
	const size_t n = 4u << 20;
	char *t = malloc(n);
	dyad_date_value v;
	clock_t t0;
	size_t i;
	int ok = 1;

	if (!t) {
		perror("malloc");
		exit(2);
	}
	for (i = 0; i < n; i++)
		t[i] = pat[i % (sizeof pat - 1)];
	t0 = clock();
	for (i = 1; i < 64 && ok; i++) /* every cut of the pattern's end */
		ok = dyad_date_resolve(eng, t + n - i, i, "2023-10-31", 0, &v) != DYAD_BADARG;
	CHECK(ok, "finder: every cut end of the text");
	CHECK(dyad_date_resolve(eng, t, n, "2023-10-31", 0, &v) == DYAD_OK &&
	      strcmp(v.date, "2023-10-31") == 0, "finder: 4 MB, the first expression");
	i = doc_dates_count(t, n);
	printf("#   %zu expressions\n", i);
	CHECK(i > 10000, "finder: 4 MB in sentences, up to DYAD_MAX_SENT_DATES each");
	CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 10.0, "finder: 4 MB in under 10 s");
	CHECK(dyad_date_resolve(eng, "\xff\xfe 9/", 5, NULL, 0, &v) == DYAD_NOTFOUND,
	      "finder: invalid UTF-8 and a cut named date");
	printf("#   %.3f s of processor time\n", (double)(clock() - t0) / CLOCKS_PER_SEC);
	free(t);
}

static void test_event_stage(void)
{
	dyad_config cfg;

	memset(&cfg, 0, sizeof cfg);
	cfg.events = 1;
	if (dyad_engine_new(&cfg, &eng) != DYAD_OK || dyad_ctx_new(eng, &ectx) != DYAD_OK) {
		CHECK(0, "engine with the default dictionaries");
		printf("#   %s\n", eng ? dyad_engine_errmsg(eng) : "out of memory");
		dyad_engine_free(eng);
		return;
	}
	test_resolve_relative();
	test_resolve_calendar();
	test_resolve_args();
	test_finder_hostile();
	test_doc_dates();
	test_event_dates();
	test_event_seeds();
	dyad_ctx_free(ectx);
	dyad_engine_free(eng);
}

int main(void)
{
	test_parse_iso();
	test_format();
	test_metadata();
	test_datelines();
	test_dateline_year();
	test_dateline_not();
	test_dateline_window();
	test_text();
	test_hostile();
	test_big();
	test_seeds();
	test_event_stage();
	return tap_done();
}
