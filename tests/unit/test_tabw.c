/*
** test_tabw.c — unit tests of the CLI's TSV and CSV writer (cli/tabw.c).
**
** The writer is the CLI's, not the library's, so it is compiled in here
** directly rather than linked. Each case writes one or two rows into a
** memory stream and compares the bytes with what a TSV reader (backslash
** escapes) or an RFC 4180 CSV reader needs to get the fields back: a
** field holding the separator, a quote, a line break or a backslash stays
** one field of one row.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../cli/tabw.c"
#include "tap.h"

/* The two fields "a" and s, as one row in fmt. Returns a malloc'd
** string, or NULL when the stream could not be made. */
static char *row(tw_format fmt, const char *s, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	tabw t;

	if (!f)
		return NULL;
	tw_init(&t, f, fmt);
	tw_cstr(&t, "a");
	tw_str(&t, s, n);
	tw_endrow(&t);
	fclose(f);
	return buf;
}

/* Checks that the field s (NUL-terminated) comes out as want. */
static void check_field(tw_format fmt, const char *s, const char *want,
			const char *what)
{
	char *got = row(fmt, s, strlen(s));

	CHECK_EQ_STR(got, want, what);
	free(got);
}

static void test_tsv(void)
{
	char *got;

	check_field(TW_TSV, "plain text", "a\tplain text\n", "tsv: plain field as is");
	check_field(TW_TSV, "x\ty", "a\tx\\ty\n", "tsv: tab escaped");
	check_field(TW_TSV, "x\ny", "a\tx\\ny\n", "tsv: newline escaped");
	check_field(TW_TSV, "x\r\ny", "a\tx\\r\\ny\n", "tsv: CR escaped");
	check_field(TW_TSV, "C:\\dir", "a\tC:\\\\dir\n", "tsv: backslash doubled");
	check_field(TW_TSV, "\\t", "a\t\\\\t\n", "tsv: a literal \\t stays two characters");
	check_field(TW_TSV, "say \"no\", then", "a\tsay \"no\", then\n",
		    "tsv: quotes and commas as they are");
	check_field(TW_TSV, "", "a\t\n", "tsv: empty field");
	got = row(TW_TSV, NULL, 0);
	CHECK_EQ_STR(got, "a\t\n", "tsv: NULL with length 0 is an empty field");
	free(got);
}

static void test_csv(void)
{
	check_field(TW_CSV, "plain text", "a,plain text\n", "csv: plain field unquoted");
	check_field(TW_CSV, "x,y", "a,\"x,y\"\n", "csv: comma quoted");
	check_field(TW_CSV, "say \"no\"", "a,\"say \"\"no\"\"\"\n", "csv: quotes doubled");
	check_field(TW_CSV, "\"", "a,\"\"\"\"\n", "csv: a lone quote");
	check_field(TW_CSV, "x\ny", "a,\"x\ny\"\n", "csv: newline quoted");
	check_field(TW_CSV, "x\ry", "a,\"x\ry\"\n", "csv: CR quoted");
	check_field(TW_CSV, "x\ty\\z", "a,x\ty\\z\n", "csv: tab and backslash as they are");
	check_field(TW_CSV, "", "a,\n", "csv: empty field");
}

/* Numbers, missing values, the header, and rows one after another. */
static void test_rows(void)
{
	static const char *const names[] = { "id", "n", "g", "none", NULL };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	tabw t;

	if (!f) {
		CHECK(0, "open_memstream");
		return;
	}
	tw_init(&t, f, TW_TSV);
	tw_header(&t, names);
	tw_cstr(&t, "e1");
	tw_uint(&t, 18446744073709551615ull);
	tw_fixed2(&t, -4.4);
	tw_empty(&t);
	tw_endrow(&t);
	tw_cstr(&t, "e2");
	tw_uint(&t, 0);
	tw_fixed2(&t, 0.85);
	tw_empty(&t);
	tw_endrow(&t);
	CHECK(!tw_failed(&t), "no write error");
	fclose(f);
	CHECK_EQ_STR(buf, "id\tn\tg\tnone\n"
		     "e1\t18446744073709551615\t-4.40\t\n"
		     "e2\t0\t0.85\t\n", "header, numbers, empty fields, two rows");
	free(buf);
}

int main(void)
{
	test_tsv();
	test_csv();
	test_rows();
	return tap_done();
}
