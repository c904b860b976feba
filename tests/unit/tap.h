/*
** tap.h — the smallest test harness that can fail.
**
** Each unit-test program includes this, calls CHECK()/CHECK_EQ_STR()/...
** and ends with `return tap_done();`. Every check prints one TAP line
** ("ok N - what" or "not ok N - what" with the file:line and values), and
** tests/run.sh counts them. A program that runs no check fails, so a test
** file cannot silently assert nothing.
*/
#ifndef DYAD_TAP_H
#define DYAD_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static void tap_result(int ok, const char *file, int line, const char *what)
{
	tap_n++;
	if (!ok)
		tap_failed++;
	printf("%sok %d - %s", ok ? "" : "not ", tap_n, what);
	if (!ok)
		printf("  (%s:%d)", file, line);
	printf("\n");
}

#define CHECK(cond, what) tap_result(!!(cond), __FILE__, __LINE__, (what))

#define CHECK_EQ_INT(got, want, what)                                       \
	do {                                                                \
		long long g_ = (long long)(got), w_ = (long long)(want);    \
		tap_result(g_ == w_, __FILE__, __LINE__, (what));           \
		if (g_ != w_)                                               \
			printf("#   got %lld, want %lld\n", g_, w_);        \
	} while (0)

#define CHECK_EQ_STR(got, want, what)                                       \
	do {                                                                \
		const char *g_ = (got), *w_ = (want);                       \
		int ok_ = g_ && w_ && strcmp(g_, w_) == 0;                  \
		tap_result(ok_, __FILE__, __LINE__, (what));                \
		if (!ok_)                                                   \
			printf("#   got \"%s\", want \"%s\"\n",             \
			       g_ ? g_ : "(null)", w_ ? w_ : "(null)");     \
	} while (0)

/* Compares a counted string with a C string. */
#define CHECK_EQ_MEM(got, got_len, want, what)                              \
	do {                                                                \
		const char *g_ = (got), *w_ = (want);                       \
		size_t gl_ = (got_len);                                     \
		int ok_ = g_ && strlen(w_) == gl_ &&                        \
			  memcmp(g_, w_, gl_) == 0;                         \
		tap_result(ok_, __FILE__, __LINE__, (what));                \
		if (!ok_)                                                   \
			printf("#   got \"%.*s\", want \"%s\"\n", (int)gl_, \
			       g_ ? g_ : "", w_);                           \
	} while (0)

/* Prints a skip line; skips are counted apart, never as passes. */
#define SKIP(why) printf("ok %d - # SKIP %s\n", ++tap_n, (why))

static int tap_done(void)
{
	if (tap_n == 0) {
		printf("not ok 1 - no checks ran\n");
		return 1;
	}
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif /* DYAD_TAP_H */
