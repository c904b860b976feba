/*
** dates.c — the document date (the day an article was published), and
** after coding the date of each event, read from its sentence against
** the document date (second half of this file; rules in docs/dates.md).
** The events are read through dyad_doc_event, as any caller reads them.
**
** Relative expressions in an article ("on Tuesday", "last week") only mean
** something against the day it was written, so every document gets one
** date and a note of where it came from and how precise it is. Sources are
** tried from best to worst: the publication date in the metadata; the
** dateline that opens a wire story ("GAZA CITY, Oct 31 (AFP) —"), whose
** usually missing year is inferred from the full dates the text mentions;
** and failing both, the latest full date in the text, since an article is
** published on or after the events it reports.
**
** The text is the original, untrusted article: any bytes, up to 16 MiB. A
** small lexer recognises only what dates need (numbers, month and weekday
** names, dashes, punctuation, line breaks, and the common non-ASCII
** spaces, dashes and quotes), and every pattern looks a bounded number of
** tokens ahead of where it starts, so a scan is linear in the text, never
** allocates and never reads past its end. The dateline is only looked for
** in a fixed-size prefix.
*/
#define _GNU_SOURCE /* memmem */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "dyad_int.h"

enum {
	YEAR_MIN = 1900,      /* plausible years for a document date */
	YEAR_MAX = 2100,
	DATELINE_START = 300, /* a dateline begins within this many bytes */
	DATELINE_SCAN = 512,  /* ... and is read within this many */
	PLACE_TOKS = 10,      /* tokens allowed in a dateline's place name */
	AGENCY_TOKS = 8       /* tokens allowed inside "(Reuters)" */
};

/* Character classes; one class may cover a multi-byte UTF-8 sequence. */
enum { C_PUNCT, C_SPACE, C_NL, C_ALPHA, C_DIGIT, C_WORD, C_DASH, C_OTHER };

/* Token kinds. */
enum { T_END, T_NUM, T_MONTH, T_WDAY, T_WORD, T_PUNCT, T_DASH, T_OTHER };

typedef struct tok {
	size_t start, end; /* original byte span */
	int kind;          /* T_* */
	int val;           /* number; month 1..12; punctuation byte; for a
			   ** dash, 1 when it is exactly one ASCII '-' */
	int ndig;          /* digits in a number (saturates at 10) */
	int ord;           /* number carried an ordinal suffix: "31st" */
	int glued;         /* number runs straight into a letter: "3am" */
	int caps;          /* word starts upper-case or non-ASCII */
} tok;

typedef struct lexer {
	const unsigned char *s; /* text */
	size_t n;               /* bytes in s; never read at or past it */
	size_t i;               /* next byte to read */
} lexer;

/* A month and day as written, before a year is known. */
typedef struct md {
	int month, day;
	size_t start, end; /* original span of the date words */
} md;

/* What one pass over the text collects. */
typedef struct scan {
	dyad__date latest; /* latest full date seen; prec NONE if none */
	int votes[YEAR_MAX - YEAR_MIN + 1]; /* dateline year each full date
					    ** points to, counted per year */
} scan;

static const char *const month_names[12] = {
	"january", "february", "march",     "april",   "may",      "june",
	"july",    "august",   "september", "october", "november", "december"
};

static const char *const weekday_names[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
	"sat", "sun"
};

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const unsigned char dim[12] = { 31, 28, 31, 30, 31, 30,
					       31, 31, 30, 31, 30, 31 };

	assert(m >= 1 && m <= 12);
	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Days since a fixed epoch, so that two dates can be subtracted. */
static long day_number(int y, int m, int d)
{
	static const short before[12] = { 0,   31,  59,  90,  120, 151,
					  181, 212, 243, 273, 304, 334 };
	const long py = y - 1;

	assert(y >= 1 && m >= 1 && m <= 12);
	return py * 365 + py / 4 - py / 100 + py / 400 + before[m - 1] + d +
	       (m > 2 && is_leap(y));
}

/* Fills *d when y-m-d is a plausible date at precision p (day ignored
** below DAY); returns 1 then, 0 for anything out of range. */
static int make_date(dyad__date *d, int y, int m, int day, dyad_precision p,
		     size_t start, size_t end)
{
	if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12)
		return 0;
	if (p == DYAD_PREC_DAY && (day < 1 || day > days_in_month(y, m)))
		return 0;
	memset(d, 0, sizeof *d);
	d->year = y;
	d->month = m;
	d->day = p == DYAD_PREC_DAY ? day : 0;
	d->prec = p;
	d->start = start;
	d->end = end;
	return 1;
}

/* ---- lexer ------------------------------------------------------- */

/* Class of each ASCII byte, read for every byte a scan passes over; NUL,
** control characters and the rest are punctuation (C_PUNCT is 0). */
static const unsigned char ascii_class[128] = {
	['\n'] = C_NL, ['\r'] = C_NL,
	[' '] = C_SPACE, ['\t'] = C_SPACE, ['\f'] = C_SPACE, ['\v'] = C_SPACE,
	['-'] = C_DASH,
	['0'] = C_DIGIT, ['1'] = C_DIGIT, ['2'] = C_DIGIT, ['3'] = C_DIGIT,
	['4'] = C_DIGIT, ['5'] = C_DIGIT, ['6'] = C_DIGIT, ['7'] = C_DIGIT,
	['8'] = C_DIGIT, ['9'] = C_DIGIT,
	['A'] = C_ALPHA, ['B'] = C_ALPHA, ['C'] = C_ALPHA, ['D'] = C_ALPHA,
	['E'] = C_ALPHA, ['F'] = C_ALPHA, ['G'] = C_ALPHA, ['H'] = C_ALPHA,
	['I'] = C_ALPHA, ['J'] = C_ALPHA, ['K'] = C_ALPHA, ['L'] = C_ALPHA,
	['M'] = C_ALPHA, ['N'] = C_ALPHA, ['O'] = C_ALPHA, ['P'] = C_ALPHA,
	['Q'] = C_ALPHA, ['R'] = C_ALPHA, ['S'] = C_ALPHA, ['T'] = C_ALPHA,
	['U'] = C_ALPHA, ['V'] = C_ALPHA, ['W'] = C_ALPHA, ['X'] = C_ALPHA,
	['Y'] = C_ALPHA, ['Z'] = C_ALPHA,
	['a'] = C_ALPHA, ['b'] = C_ALPHA, ['c'] = C_ALPHA, ['d'] = C_ALPHA,
	['e'] = C_ALPHA, ['f'] = C_ALPHA, ['g'] = C_ALPHA, ['h'] = C_ALPHA,
	['i'] = C_ALPHA, ['j'] = C_ALPHA, ['k'] = C_ALPHA, ['l'] = C_ALPHA,
	['m'] = C_ALPHA, ['n'] = C_ALPHA, ['o'] = C_ALPHA, ['p'] = C_ALPHA,
	['q'] = C_ALPHA, ['r'] = C_ALPHA, ['s'] = C_ALPHA, ['t'] = C_ALPHA,
	['u'] = C_ALPHA, ['v'] = C_ALPHA, ['w'] = C_ALPHA, ['x'] = C_ALPHA,
	['y'] = C_ALPHA, ['z'] = C_ALPHA,
};

/* Class of U+2000..U+203F, the block that news text fills with typographic
** spaces, dashes and quotes; b is the last byte of E2 80 xx. */
static int general_punct_class(unsigned char b)
{
	if (b <= 0x8B || b == 0xAF)
		return C_SPACE; /* en/em/thin/narrow spaces, zero width */
	if (b >= 0x90 && b <= 0x95)
		return C_DASH; /* hyphens, figure, en, em dash, bar */
	if (b == 0xA8 || b == 0xA9)
		return C_NL; /* line and paragraph separators */
	return C_OTHER;
}

/* Length of the valid UTF-8 sequence at s[i] (lead byte >= 0x80), or 0
** when it is invalid or cut short by the end of the text. */
static size_t utf8_len(const unsigned char *s, size_t n, size_t i)
{
	const unsigned char c = s[i];
	unsigned char lo = 0x80, hi = 0xBF;
	size_t len, k;

	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4;
	else
		return 0;
	if (c == 0xE0)
		lo = 0xA0; /* overlong */
	else if (c == 0xED)
		hi = 0x9F; /* surrogates */
	else if (c == 0xF0)
		lo = 0x90; /* overlong */
	else if (c == 0xF4)
		hi = 0x8F; /* beyond U+10FFFF */
	if (len > n - i || s[i + 1] < lo || s[i + 1] > hi)
		return 0;
	for (k = 2; k < len; k++)
		if (s[i + k] < 0x80 || s[i + k] > 0xBF)
			return 0;
	return len;
}

/* Class of the non-ASCII character at s[i] (i < n), its length stored in
** *len. Valid non-ASCII characters other than the known spaces, dashes
** and punctuation are word characters, so that "Décembre" stays one word
** rather than yield a false "D"; an invalid byte separates, as the U+FFFD
** that replaces it in the normalized text would. */
static int classify_utf8(const unsigned char *s, size_t n, size_t i, size_t *len)
{
	const unsigned char c = s[i];

	assert(c >= 0x80);
	*len = utf8_len(s, n, i);
	if (*len == 0) {
		*len = 1;
		return C_OTHER;
	}
	if (c == 0xC2)
		return s[i + 1] == 0xA0 ? C_SPACE : C_OTHER; /* NBSP, « » ° */
	if (c == 0xE2 && s[i + 1] == 0x80)
		return general_punct_class(s[i + 2]);
	if (c == 0xE2 && s[i + 1] == 0x88 && s[i + 2] == 0x92)
		return C_DASH; /* minus sign */
	if ((c == 0xEF && s[i + 1] == 0xBB && s[i + 2] == 0xBF) ||
	    (c == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x80))
		return C_SPACE; /* byte order mark, ideographic space */
	return C_WORD;
}

/* Class of the character at s[i] (i < n), its length stored in *len;
** ASCII, nearly every byte of news text, is one table read. */
static inline int classify(const unsigned char *s, size_t n, size_t i, size_t *len)
{
	if (s[i] < 0x80) {
		*len = 1;
		return ascii_class[s[i]];
	}
	return classify_utf8(s, n, i, len);
}

/*
** Length of the run of ASCII letters at p[0, n): lower case only, or
** either case when any_case. News text is mostly words, so where the
** machine allows, eight bytes are tested at once, which may read on to
** p[avail - 1] (avail >= n) but never further.
*/
static inline size_t letter_run(const unsigned char *p, size_t n, size_t avail,
			 int any_case)
{
	size_t k = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && \
	defined(__GNUC__)
	const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
	const uint64_t fold = any_case ? ones * 0x20 : 0;
	uint64_t x, y, stop;

	assert(avail >= n);
	for (; k < n && avail - k >= 8; k += 8) {
		memcpy(&x, p + k, 8);
		/* Each byte of y is 7 bits, so no sum below carries out of
		** its byte: a letter is >= 'a' and <= 'z' with no high bit. */
		y = (x | fold) & ~high;
		stop = (x | ~(y + ones * (0x80 - 'a')) |
			(y + ones * (0x7F - 'z'))) & high;
		if (stop) {
			k += (size_t)__builtin_ctzll(stop) >> 3;
			return k < n ? k : n;
		}
	}
	if (k >= n)
		return n;
#else
	(void)avail; /* only the word-wide steps need it */
#endif
	for (; k < n; k++) {
		const unsigned c = any_case ? (p[k] | 0x20u) : p[k];
		if (c - 'a' >= 26u)
			break;
	}
	return k;
}

static int is_word_class(int c)
{
	return c == C_ALPHA || c == C_WORD || c == C_DIGIT;
}

static int lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Month 1..12 named by the lower-case word w (k letters), else 0: full
** names, three-letter abbreviations and "sept". */
static int month_of(const char *w, size_t k)
{
	int m;

	for (m = 0; m < 12; m++)
		if (w[0] == month_names[m][0] &&
		    (k == 3 || k == strlen(month_names[m])) &&
		    memcmp(w, month_names[m], k) == 0)
			return m + 1;
	return k == 4 && memcmp(w, "sept", 4) == 0 ? 9 : 0;
}

static int is_weekday(const char *w, size_t k)
{
	size_t j;

	for (j = 0; j < sizeof weekday_names / sizeof *weekday_names; j++)
		if (w[0] == weekday_names[j][0] &&
		    k == strlen(weekday_names[j]) &&
		    memcmp(w, weekday_names[j], k) == 0)
			return 1;
	return 0;
}

#define BIT(n) (1u << (n))

/* Whether the lower-case word w of k letters may name a month or a
** weekday, in any form month_of and is_weekday take: the lengths of the
** names by first letter, and the second letters that follow each first
** letter. Most words fail one of the two reads, and are spared the walk
** over both lists. */
static int calendar_maybe(const char *w, size_t k)
{
	static const uint16_t lens[26] = {
		['a' - 'a'] = BIT(3) | BIT(5) | BIT(6),
		['d' - 'a'] = BIT(3) | BIT(8),
		['f' - 'a'] = BIT(3) | BIT(6) | BIT(8),
		['j' - 'a'] = BIT(3) | BIT(4) | BIT(7),
		['m' - 'a'] = BIT(3) | BIT(5) | BIT(6),
		['n' - 'a'] = BIT(3) | BIT(8),
		['o' - 'a'] = BIT(3) | BIT(7),
		['s' - 'a'] = BIT(3) | BIT(4) | BIT(6) | BIT(8) | BIT(9),
		['t' - 'a'] = BIT(3) | BIT(4) | BIT(5) | BIT(7) | BIT(8),
		['w' - 'a'] = BIT(3) | BIT(9),
	};
	static const uint32_t second[26] = {
		['a' - 'a'] = BIT('p' - 'a') | BIT('u' - 'a'),
		['d' - 'a'] = BIT('e' - 'a'),
		['f' - 'a'] = BIT('e' - 'a') | BIT('r' - 'a'),
		['j' - 'a'] = BIT('a' - 'a') | BIT('u' - 'a'),
		['m' - 'a'] = BIT('a' - 'a') | BIT('o' - 'a'),
		['n' - 'a'] = BIT('o' - 'a'),
		['o' - 'a'] = BIT('c' - 'a'),
		['s' - 'a'] = BIT('a' - 'a') | BIT('e' - 'a') | BIT('u' - 'a'),
		['t' - 'a'] = BIT('h' - 'a') | BIT('u' - 'a'),
		['w' - 'a'] = BIT('e' - 'a'),
	};
	const unsigned a = (unsigned char)w[0] - 'a';
	unsigned b;

	if (k < 3 || k > 9 || a >= 26 || !(lens[a] >> k & 1))
		return 0;
	b = (unsigned char)w[1] - 'a';
	return b < 26 && (second[a] >> b & 1);
}

#undef BIT

/* Names the word w of k bytes, all ASCII letters when ascii: month,
** weekday or plain word. It is lowered only when it may be a name. */
static inline void name_word(tok *t, const unsigned char *w, size_t k, int ascii)
{
	char low[9];
	size_t j;

	t->kind = T_WORD;
	if (!ascii || k < 3 || k > sizeof low)
		return;
	low[0] = (char)(w[0] | 0x20);
	low[1] = (char)(w[1] | 0x20);
	if (!calendar_maybe(low, k))
		return;
	for (j = 2; j < k; j++)
		low[j] = (char)(w[j] | 0x20);
	t->val = month_of(low, k);
	if (t->val)
		t->kind = T_MONTH;
	else if (is_weekday(low, k))
		t->kind = T_WDAY;
}

/* A run of letters, digits and non-ASCII word bytes ("COVID19" is one).
** ASCII letters, most of the bytes, are taken before classify is asked. */
static void lex_word(lexer *lx, tok *t)
{
	const unsigned char *s = lx->s;
	const size_t start = lx->i;
	size_t k = 0, len, i = lx->i;
	int ascii = 1;

	t->caps = !(s[i] >= 'a' && s[i] <= 'z');
	while (i < lx->n) {
		const size_t run = letter_run(s + i, lx->n - i, lx->n - i, 1);
		k += run, i += run;
		if (i == lx->n || !is_word_class(classify(s, lx->n, i, &len)))
			break;
		ascii = 0;
		k++;
		i += len;
	}
	lx->i = i;
	name_word(t, s + start, k, ascii);
}

/* Whether s[i..] is an ordinal suffix (st, nd, rd, th) ending a word. */
static int ordinal_at(const unsigned char *s, size_t n, size_t i)
{
	size_t len;
	int a, b;

	if (i + 1 >= n)
		return 0;
	a = lower(s[i]);
	b = lower(s[i + 1]);
	if (!((a == 's' && b == 't') || (a == 'n' && b == 'd') ||
	      (a == 'r' && b == 'd') || (a == 't' && b == 'h')))
		return 0;
	return i + 2 == n || !is_word_class(classify(s, n, i + 2, &len));
}

/* A run of digits with an optional ordinal suffix. Only the first nine
** digits are kept in val: a longer number is no part of a date. */
static void lex_number(lexer *lx, tok *t)
{
	const unsigned char *s = lx->s;
	size_t len;

	t->kind = T_NUM;
	while (lx->i < lx->n && s[lx->i] >= '0' && s[lx->i] <= '9') {
		if (t->ndig < 9)
			t->val = t->val * 10 + (s[lx->i] - '0');
		if (t->ndig < 10)
			t->ndig++;
		lx->i++;
	}
	if (ordinal_at(s, lx->n, lx->i)) {
		t->ord = 1;
		lx->i += 2;
	}
	t->glued = lx->i < lx->n &&
		   is_word_class(classify(s, lx->n, lx->i, &len));
}

/* One or more dashes of any kind: "-", "--", "—", " – ". */
static void lex_dash(lexer *lx, tok *t)
{
	size_t len, count = 0;
	int ascii = 1;

	while (lx->i < lx->n &&
	       classify(lx->s, lx->n, lx->i, &len) == C_DASH) {
		ascii &= len == 1;
		count++;
		lx->i += len;
	}
	t->kind = T_DASH;
	t->val = ascii && count == 1;
}

/* Reads the next token, skipping spaces and line breaks; T_END at the end
** of the text. */
static void lex_next(lexer *lx, tok *t)
{
	size_t len = 1;
	int c = C_SPACE;

	memset(t, 0, sizeof *t);
	while (lx->i < lx->n) {
		c = classify(lx->s, lx->n, lx->i, &len);
		if (c != C_SPACE && c != C_NL)
			break;
		lx->i += len;
	}
	t->start = lx->i;
	if (lx->i >= lx->n) {
		t->kind = T_END;
	} else if (c == C_DIGIT) {
		lex_number(lx, t);
	} else if (c == C_ALPHA || c == C_WORD) {
		lex_word(lx, t);
	} else if (c == C_DASH) {
		lex_dash(lx, t);
	} else {
		t->kind = c == C_PUNCT ? T_PUNCT : T_OTHER;
		t->val = lx->s[lx->i];
		lx->i += len;
	}
	t->end = lx->i;
}

/* ---- date patterns ----------------------------------------------- */

static int is_punct(const tok *t, int c)
{
	return t->kind == T_PUNCT && t->val == c;
}

/* A day of the month as written: "3", "03", "31st", but not "3am". */
static int is_day(const tok *t)
{
	return t->kind == T_NUM && t->ndig <= 2 && t->val >= 1 &&
	       t->val <= 31 && !t->glued;
}

/* Four digits standing alone; the plausible range is make_date's. */
static int is_year(const tok *t)
{
	return t->kind == T_NUM && t->ndig == 4 && !t->ord && !t->glued;
}

/* Lower-case "may", "mar" and "march" are the verb and the noun far more
** often than the month: they count as a month next to a day ("march 4"),
** never next to a bare year ("may 2000 troops"). */
static int weak_month(const tok *t)
{
	return t->kind == T_MONTH && !t->caps && (t->val == 3 || t->val == 5);
}

/* Steps past a '.' written straight after a month abbreviation. */
static void skip_dot(lexer *lx, tok *a, size_t month_end)
{
	if (is_punct(a, '.') && a->start == month_end)
		lex_next(lx, a);
}

static int is_of(const lexer *lx, const tok *t)
{
	return t->kind == T_WORD && t->end - t->start == 2 &&
	       lower(lx->s[t->start]) == 'o' &&
	       lower(lx->s[t->start + 1]) == 'f';
}

/* Month and day in either order from token *a: "Nov. 3", "Oct 31st",
** "12 March", "3rd of May". On success *a is the token after them. */
static int month_day(lexer *lx, tok *a, md *out)
{
	size_t month_end;

	out->start = a->start;
	if (a->kind == T_MONTH) {
		out->month = a->val;
		month_end = a->end;
		lex_next(lx, a);
		skip_dot(lx, a, month_end);
		if (!is_day(a))
			return 0;
		out->day = a->val;
		out->end = a->end;
		lex_next(lx, a);
	} else if (is_day(a)) {
		out->day = a->val;
		lex_next(lx, a);
		if (is_of(lx, a))
			lex_next(lx, a);
		if (a->kind != T_MONTH)
			return 0;
		out->month = a->val;
		out->end = month_end = a->end;
		lex_next(lx, a);
		skip_dot(lx, a, month_end);
	} else {
		return 0;
	}
	/* Any year allows February 29; the year, once known, rechecks. */
	return out->day <= days_in_month(2000, out->month);
}

/* "2023-11-24" or "2023/11/24" from the year token *y onwards, each part
** written straight after the last. */
static int iso_date(lexer lx, const tok *y, dyad__date *d)
{
	tok sep1, m, sep2, day;

	lex_next(&lx, &sep1);
	lex_next(&lx, &m);
	lex_next(&lx, &sep2);
	lex_next(&lx, &day);
	if (!((sep1.kind == T_DASH && sep1.val == 1) || is_punct(&sep1, '/')))
		return 0;
	if (sep2.kind != sep1.kind || sep2.val != sep1.val)
		return 0;
	if (sep1.start != y->end || m.start != sep1.end ||
	    sep2.start != m.end || day.start != sep2.end)
		return 0;
	if (m.kind != T_NUM || m.ndig != 2 || day.kind != T_NUM ||
	    day.ndig != 2 || day.ord)
		return 0;
	return make_date(d, y->val, m.val, day.val, DYAD_PREC_DAY, y->start,
			 day.end);
}

/* A full date starting at token t (lx just past it): month and day with
** a year ("Oct 31, 2023", "12 March 2013"), an ISO date, or a month with
** a year ("November 2023", month precision). */
static int full_date(lexer lx, tok t, dyad__date *d)
{
	const tok first = t;
	lexer at = lx;
	tok a;
	md x;

	if (first.kind == T_NUM && first.ndig == 4)
		return iso_date(lx, &first, d);
	if (first.kind == T_MONTH) {
		/* Peek first: most month names in a text are followed by
		** neither, and this keeps a run of them cheap. */
		lex_next(&at, &a);
		skip_dot(&at, &a, first.end);
		if (is_year(&a) && !weak_month(&first))
			return make_date(d, a.val, first.val, 0,
					 DYAD_PREC_MONTH, first.start, a.end);
		if (!is_day(&a))
			return 0;
	}
	if (!month_day(&lx, &t, &x))
		return 0;
	if (is_punct(&t, ','))
		lex_next(&lx, &t);
	return is_year(&t) && make_date(d, t.val, x.month, x.day,
					DYAD_PREC_DAY, x.start, t.end);
}

/* The next full date in the text; lx moves past it. 0 at the end. */
static int next_date(lexer *lx, dyad__date *d)
{
	tok t;

	for (;;) {
		lex_next(lx, &t);
		if (t.kind == T_END)
			return 0;
		if (full_date(*lx, t, d)) {
			lx->i = d->end;
			return 1;
		}
	}
}

/* ---- dateline ---------------------------------------------------- */

/* Whether t can be a word of a place name: capitalised, or a short
** particle as in "Rio de Janeiro" or "Dar es Salaam". A longer lower-case
** word means a sentence ("Talks in Doha, Nov 3 - ") and not a place. */
static int place_word(const tok *t)
{
	return (t->kind == T_WORD || t->kind == T_MONTH ||
		t->kind == T_WDAY) &&
	       (t->caps || t->end - t->start <= 3);
}

/* Reads a place name ("Doha", "GAZA CITY", "KYIV, Ukraine") from token t
** to the comma before the date; *a is then the token after that comma. */
static int place(lexer *lx, const tok *t, tok *a)
{
	int k;

	if (!t->caps || !place_word(t))
		return 0;
	for (k = 0; k < PLACE_TOKS; k++) {
		lex_next(lx, a);
		if (is_punct(a, ',')) {
			lex_next(lx, a);
			if (a->kind != T_WORD)
				return 1;
			if (!place_word(a))
				return 0;
		} else if (!(place_word(a) || a->kind == T_OTHER ||
			     is_punct(a, '.') || is_punct(a, '\'') ||
			     (a->kind == T_DASH && a->val == 1))) {
			return 0;
		}
	}
	return 0;
}

/* The end of a dateline at *a: an optional "(agency)" then a dash or a
** colon; an agency alone will do ("New Delhi, Mar 12 (PTI) The ...").
** *end is set past what was read. */
static int dateline_end(lexer *lx, tok *a, size_t *end)
{
	int agency = 0, k;

	if (is_punct(a, '(')) {
		for (k = 0; k < AGENCY_TOKS && !is_punct(a, ')'); k++)
			lex_next(lx, a);
		if (!is_punct(a, ')'))
			return 0;
		agency = 1;
		*end = a->end;
		lex_next(lx, a);
	}
	if (a->kind == T_DASH || is_punct(a, ':')) {
		*end = a->end;
		return 1;
	}
	return agency;
}

/* A dateline beginning at token t, which starts a line: place, comma,
** optional weekday, month and day, optional year, then its end. *year is
** 0 when none is written; x->end covers the year when one is. */
static int dateline_at(lexer lx, const tok *t, md *x, int *year)
{
	tok a;
	size_t end = 0;

	*year = 0;
	if (!place(&lx, t, &a))
		return 0;
	if (a.kind == T_WDAY) {
		lex_next(&lx, &a);
		if (is_punct(&a, ',') || is_punct(&a, '.'))
			lex_next(&lx, &a);
	}
	if (!month_day(&lx, &a, x))
		return 0;
	if (is_punct(&a, ','))
		lex_next(&lx, &a);
	if (is_year(&a)) {
		*year = a.val;
		x->end = a.end;
		lex_next(&lx, &a);
	}
	if (!dateline_end(&lx, &a, &end))
		return 0;
	/* A dateline is one line; a line break inside means two pieces of
	** text that merely look like one. */
	return !memchr(lx.s + t->start, '\n', end - t->start) &&
	       !memchr(lx.s + t->start, '\r', end - t->start);
}

/* Looks for a dateline starting a line in the first DATELINE_START bytes;
** the first one found wins. */
static int find_dateline(const char *src, size_t n, md *x, int *year)
{
	lexer lx = { (const unsigned char *)src,
		     n < DATELINE_SCAN ? n : DATELINE_SCAN, 0 };
	tok t;
	size_t prev_end = 0;

	for (;;) {
		lex_next(&lx, &t);
		if (t.kind == T_END || t.start >= DATELINE_START)
			return 0;
		if ((prev_end == 0 || memchr(lx.s + prev_end, '\n',
					     t.start - prev_end) ||
		     memchr(lx.s + prev_end, '\r', t.start - prev_end)) &&
		    dateline_at(lx, &t, x, year))
			return 1;
		prev_end = t.end;
	}
}

/* ---- year inference ---------------------------------------------- */

/* The year that puts month m, day d closest to the full date f, with a
** date before f counted twice as far as one after: an article reports
** what has happened. 0 when no year near f has that day (February 29). */
static int nearest_year(const dyad__date *f, int m, int d)
{
	const long fday = day_number(f->year, f->month,
				     f->prec == DYAD_PREC_DAY ? f->day : 1);
	long best_cost = -1, k, cost;
	int y, best = 0;

	for (y = f->year - 1; y <= f->year + 1; y++) {
		if (d > days_in_month(y, m))
			continue;
		k = day_number(y, m, d) - fday;
		cost = k >= 0 ? k : -2 * k;
		if (best_cost < 0 || cost < best_cost) {
			best_cost = cost;
			best = y;
		}
	}
	return best;
}

/* The year most full dates point to; a tie goes to the later year. */
static int voted_year(const scan *sc)
{
	int i, best = -1;

	for (i = 0; i <= YEAR_MAX - YEAR_MIN; i++)
		if (sc->votes[i] > 0 &&
		    (best < 0 || sc->votes[i] >= sc->votes[best]))
			best = i;
	return best < 0 ? 0 : YEAR_MIN + best;
}

/* Whether a is later than b; at equal months the more precise wins. */
static int later(const dyad__date *a, const dyad__date *b)
{
	const long ka = a->year * 10000L + a->month * 100L + a->day;
	const long kb = b->year * 10000L + b->month * 100L + b->day;

	return b->prec == DYAD_PREC_NONE || ka > kb;
}

/* Offset of the next four-digit run from i that could be a year (19xx or
** 20xx, not part of a longer number), or n. */
static size_t next_year(const unsigned char *s, size_t n, size_t i)
{
	for (; i + 4 <= n; i++) {
		if ((s[i] != '1' || s[i + 1] != '9') && (s[i] != '2' || s[i + 1] != '0'))
			continue;
		if ((i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') ||
		    !(s[i + 2] >= '0' && s[i + 2] <= '9') || !(s[i + 3] >= '0' && s[i + 3] <= '9') ||
		    (i + 4 < n && s[i + 4] >= '0' && s[i + 4] <= '9'))
			continue;
		return i;
	}
	return n;
}

/*
** Every full date holds a year, so the lexer only runs over a window
** around each year candidate: the longest written date before its year
** ("Tuesday, November 23rd, 2023") fits in DATE_REACH bytes. On a long
** article this skips almost all of the text.
*/
#define DATE_REACH 48

/* One pass over the text: the latest full date and, when a dateline
** without a year was found (x not NULL), each full date's vote for it. */
static void scan_text(const char *src, size_t n, const md *x, scan *sc)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t y = 0, done = 0;
	dyad__date d;
	int vy;

	memset(sc, 0, sizeof *sc);
	while ((y = next_year(s, n, y)) < n) {
		size_t from = y > DATE_REACH ? y - DATE_REACH : 0;
		lexer lx = { s, y + 16 < n ? y + 16 : n, 0 };
		if (from < done)
			from = done;
		/* Start on a word boundary so the lexer sees whole tokens. */
		while (from > done && s[from - 1] > ' ')
			from--;
		lx.i = from;
		while (next_date(&lx, &d)) {
			/* Lexing past the year may eat the start of the next
			** date; only a date found moves the next window on. */
			if (d.end > done)
				done = d.end;
			if (later(&d, &sc->latest))
				sc->latest = d;
			if (!x)
				continue;
			vy = nearest_year(&d, x->month, x->day);
			if (vy >= YEAR_MIN && vy <= YEAR_MAX)
				sc->votes[vy - YEAR_MIN]++;
		}
		if (done < y + 4)
			done = y + 4;
		y += 4;
	}
}

/* ---- entry points ------------------------------------------------ */

/* The date in a metadata string: ISO 8601 first, then any written form
** the text scanner knows ("Tue, 31 Oct 2023 10:00:00 GMT"). Years outside
** YEAR_MIN..YEAR_MAX are feed placeholders (0001-01-01), not dates. */
static int meta_date(const char *meta, dyad__date *out)
{
	dyad__date d;
	lexer lx = { (const unsigned char *)meta, strlen(meta), 0 };

	memset(&d, 0, sizeof d);
	if (dyad__date_parse_iso(meta, &d) == 0) {
		if (d.year < YEAR_MIN || d.year > YEAR_MAX)
			return 0;
	} else if (!next_date(&lx, &d)) {
		return 0;
	}
	*out = d;
	out->start = out->end = 0;
	return 1;
}

/* The document date: metadata, else a dateline (its year written or
** voted for by the text's full dates), else the latest full date in the
** text, else nothing. See the file header for why in that order. */
void dyad__date_doc(const char *meta, const char *src, size_t n,
		    dyad__date *out)
{
	scan sc;
	md x;
	int year, found;

	assert(out != NULL);
	memset(out, 0, sizeof *out);
	if (meta && meta_date(meta, out)) {
		out->src = DYAD_DATESRC_METADATA;
		return;
	}
	if (!src)
		n = 0;
	found = find_dateline(src, n, &x, &year);
	if (found && year) {
		if (make_date(out, year, x.month, x.day, DYAD_PREC_DAY,
			      x.start, x.end)) {
			out->src = DYAD_DATESRC_DATELINE;
			return;
		}
		found = 0; /* an implausible year: not a dateline after all */
	}
	scan_text(src, n, found ? &x : NULL, &sc);
	year = found ? voted_year(&sc) : 0;
	if (year && make_date(out, year, x.month, x.day, DYAD_PREC_DAY,
			      x.start, x.end)) {
		out->src = DYAD_DATESRC_DATELINE;
	} else if (sc.latest.prec != DYAD_PREC_NONE) {
		*out = sc.latest;
		out->src = DYAD_DATESRC_TEXT;
	}
}

/* Reads exactly w digits from *s into *v. */
static int fixed_digits(const char **s, int w, int *v)
{
	int k;

	*v = 0;
	for (k = 0; k < w; k++) {
		if ((*s)[k] < '0' || (*s)[k] > '9')
			return 0;
		*v = *v * 10 + ((*s)[k] - '0');
	}
	*s += w;
	return 1;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* What may follow an ISO date: nothing but blanks, or for a full date a
** time ("T10:00:00Z", " 10:00:00"), which is not checked further. */
static int iso_tail(const char *s, int full)
{
	if (full && (*s == 'T' || *s == 't' || *s == ' ') && s[1] >= '0' &&
	    s[1] <= '9')
		return 1;
	while (is_blank(*s))
		s++;
	return *s == '\0';
}

/* Metadata dates are ISO 8601 when the feed is well behaved: the
** extended and basic forms, at day, month or year precision. The time of
** day is not needed for a document date, so only its start is checked.
** Out of range fields fail, and *out is left alone on failure. */
int dyad__date_parse_iso(const char *s, dyad__date *out)
{
	int y, m = 0, d = 0;
	dyad_precision p = DYAD_PREC_YEAR;

	if (!s || !out)
		return -1;
	while (is_blank(*s))
		s++;
	if (!fixed_digits(&s, 4, &y))
		return -1;
	if (*s == '-') { /* extended form: YYYY-MM or YYYY-MM-DD */
		s++;
		if (!fixed_digits(&s, 2, &m))
			return -1;
		p = DYAD_PREC_MONTH;
		if (*s == '-') {
			s++;
			if (!fixed_digits(&s, 2, &d))
				return -1;
			p = DYAD_PREC_DAY;
		}
	} else if (*s >= '0' && *s <= '9') { /* basic form: YYYYMMDD */
		if (!fixed_digits(&s, 2, &m) || !fixed_digits(&s, 2, &d))
			return -1;
		p = DYAD_PREC_DAY;
	}
	if (!iso_tail(s, p == DYAD_PREC_DAY) || y < 1 ||
	    (p != DYAD_PREC_YEAR && (m < 1 || m > 12)) ||
	    (p == DYAD_PREC_DAY && (d < 1 || d > days_in_month(y, m))))
		return -1;
	out->year = y;
	out->month = m;
	out->day = d;
	out->prec = p;
	return 0;
}

/* Writes v as w decimal digits, zero-padded. */
static void put_digits(char *out, int v, int w)
{
	while (w-- > 0) {
		out[w] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* "YYYY-MM-DD", "YYYY-MM" or "YYYY" by precision; "" for no date or for
** fields that would not fit the 11 bytes. */
void dyad__date_format(const dyad__date *d, char out[11])
{
	int len = 0;

	if (d && d->year >= 0 && d->year <= 9999) {
		switch (d->prec) {
		case DYAD_PREC_NONE:
			break;
		case DYAD_PREC_YEAR:
			len = 4;
			break;
		case DYAD_PREC_MONTH:
			len = d->month >= 1 && d->month <= 12 ? 7 : 0;
			break;
		case DYAD_PREC_WEEK: /* a week is named by its first day */
		case DYAD_PREC_DAY:
			len = d->month >= 1 && d->month <= 12 &&
			      d->day >= 1 && d->day <= 31 ? 10 : 0;
			break;
		}
	}
	if (len >= 4)
		put_digits(out, d->year, 4);
	if (len >= 7) {
		out[4] = '-';
		put_digits(out + 5, d->month, 2);
	}
	if (len >= 10) {
		out[7] = '-';
		put_digits(out + 8, d->day, 2);
	}
	out[len] = '\0';
}

/* ==================================================================
** Event dates: when each event happened, read from its sentence.
**
** The words come from DATA_DIR/dates.txt (relative days, shifts, units,
** counts, clause words, anaphors); month and weekday names are the
** calendar above. A sentence is lexed once, left to right, with the
** lexer above over its normalized text; each pattern looks a bounded
** number of tokens ahead and a few behind (a ring of the last tokens),
** so finding a sentence's expressions is linear and allocates nothing.
** Expressions are kept unresolved: the same "on Tuesday" is last Tuesday
** for a past event and next Tuesday for a planned one. The rules, and
** the name each gives as date_how, are in docs/dates.md.
** ================================================================== */

/* ---- the word list ----------------------------------------------- */

/* Word classes of data/dates.txt. */
enum {
	DW_RELDAY = 1u << 0, DW_SHIFT = 1u << 1, DW_WITHIN = 1u << 2,
	DW_AGO = 1u << 3, DW_UNIT = 1u << 4, DW_DAYPART = 1u << 5,
	DW_NUMBER = 1u << 6, DW_BOUND = 1u << 7, DW_CLAUSE = 1u << 8,
	DW_REPORT = 1u << 9, DW_PREP = 1u << 10, DW_EDGE = 1u << 11,
	DW_DET = 1u << 12, DW_ANAPHOR = 1u << 13, DW_FUTURE = 1u << 14,
	DW_CONJ = 1u << 15
};

static const struct {
	const char *name;
	uint32_t cls;
} dw_classes[] = {
	{ "relative-day", DW_RELDAY }, { "shift", DW_SHIFT },
	{ "within", DW_WITHIN },       { "ago", DW_AGO },
	{ "unit", DW_UNIT },           { "daypart", DW_DAYPART },
	{ "number", DW_NUMBER },       { "bound", DW_BOUND },
	{ "clause", DW_CLAUSE },       { "report", DW_REPORT },
	{ "preposition", DW_PREP },    { "edge", DW_EDGE },
	{ "determiner", DW_DET },      { "anaphor", DW_ANAPHOR },
	{ "future", DW_FUTURE },       { "conjunction", DW_CONJ },
};

/* Time units, the values of the unit class. */
enum { U_DAY = 1, U_WEEK, U_MONTH, U_YEAR };

#define DW_KEY 16   /* longest word + 1 */
#define DW_NAMED 16 /* named dates kept */

typedef struct dword {
	char key[DW_KEY]; /* lower case, NUL-padded; "" is an empty slot */
	uint32_t cls;     /* DW_* */
	uint32_t roots;   /* anaphor: bit r for CAMEO root r (1..20) */
	int val;          /* relative-day, shift, unit or number value */
} dword;

typedef struct dnamed {
	char key[DW_KEY];  /* as written: "9/11" */
	int year, month, day;
} dnamed;

/* Letters a..z as 0..25, for the anchor filter's tables. */
#define DW_ABC 26

struct dyad__datewords {
	dword *slot;      /* open addressing, mask + 1 slots */
	uint32_t mask;
	dnamed named[DW_NAMED];
	size_t nnamed;
	uint16_t key_head[32 * 32]; /* bit n: a key of n bytes has the head
				    ** indexed (dw_head) */
	/* A filter over the pieces date_piece takes for anchors (see
	** anchor_maybe): bit n is set when an anchor of n letters starts with
	** the two letters indexed, or starts and ends with them; one-letter
	** anchors have a bit per letter. */
	uint16_t anchor_head[DW_ABC * DW_ABC];
	uint16_t anchor_ends[DW_ABC * DW_ABC];
	uint32_t anchor_one;
};

/* Index of the head of word s[0, n) (n > 0) in key_head: the low five
** bits of its first two bytes, the same in either case, so that a word
** and its key share it. */
static unsigned dw_head(const char *s, size_t n)
{
	return ((unsigned char)s[0] & 31u) << 5 | (n > 1 ? (unsigned char)s[1] & 31u : 0);
}

/* Hash of a word folded to ASCII lower case. */
static uint32_t dw_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (uint32_t)lower((unsigned char)s[i])) * 16777619u;
	return h;
}

/* The entry of word s[0..n) in any case, or NULL. */
static const dword *dw_find(const struct dyad__datewords *W, const char *s,
			    size_t n)
{
	uint32_t h;
	size_t k;

	if (!W || n == 0 || n >= DW_KEY || !(W->key_head[dw_head(s, n)] >> n & 1))
		return NULL; /* most words, at the cost of one read */
	for (h = dw_hash(s, n) & W->mask; W->slot[h].key[0];
	     h = (h + 1) & W->mask) {
		const char *key = W->slot[h].key;
		for (k = 0; k < n && key[k] == lower((unsigned char)s[k]); k++)
			;
		if (k == n && key[n] == '\0')
			return &W->slot[h];
	}
	return NULL;
}

/* The slot for a lower-case word, made when new; NULL when full. */
static dword *dw_add(struct dyad__datewords *W, const char *s, size_t n)
{
	uint32_t h = dw_hash(s, n) & W->mask, probes;

	for (probes = 0; probes <= W->mask; probes++, h = (h + 1) & W->mask) {
		dword *e = &W->slot[h];
		if (!e->key[0]) {
			memcpy(e->key, s, n);
			W->key_head[dw_head(s, n)] |= (uint16_t)(1u << n);
			return e;
		}
		if (strlen(e->key) == n && memcmp(e->key, s, n) == 0)
			return e;
	}
	return NULL;
}

/* A class name, as dw_classes lists it; "named" is 0 and handled apart;
** -1 when unknown. */
static int dw_class(const char *s, size_t n, uint32_t *cls)
{
	size_t i;

	*cls = 0;
	if (n == 5 && memcmp(s, "named", 5) == 0)
		return 0;
	for (i = 0; i < sizeof dw_classes / sizeof *dw_classes; i++)
		if (strlen(dw_classes[i].name) == n &&
		    memcmp(dw_classes[i].name, s, n) == 0) {
			*cls = dw_classes[i].cls;
			return 0;
		}
	return -1;
}

/* An integer -999..999 in v[0..n); 0 on success. */
static int dw_int(const char *v, size_t n, int *out)
{
	size_t i = v[0] == '-' || v[0] == '+';
	int x = 0;

	if (i == n || n - i > 3)
		return -1;
	for (; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return -1;
		x = x * 10 + (v[i] - '0');
	}
	*out = v[0] == '-' ? -x : x;
	return 0;
}

/* CAMEO roots "18,19" as bits; 0 on success. */
static int dw_roots(const char *v, size_t n, uint32_t *out)
{
	size_t i = 0, j;
	int r;

	*out = 0;
	while (i < n) {
		for (j = i; j < n && v[j] != ','; j++)
			;
		if (dw_int(v + i, j - i, &r) != 0 || r < 1 || r > 20)
			return -1;
		*out |= 1u << r;
		i = j + 1;
	}
	return *out ? 0 : -1;
}

/* A named date, "9/11=2001-09-11". */
static const char *dw_named(struct dyad__datewords *W, const char *w,
			    size_t n, const char *v, size_t vn)
{
	char iso[16];
	dyad__date d;
	dnamed *e;

	if (W->nnamed == DW_NAMED)
		return "too many named dates";
	if (n >= DW_KEY || vn != 10)
		return "a named date is a short word and a YYYY-MM-DD date";
	memcpy(iso, v, vn);
	iso[vn] = '\0';
	memset(&d, 0, sizeof d);
	if (dyad__date_parse_iso(iso, &d) != 0 || d.prec != DYAD_PREC_DAY)
		return "a named date is a short word and a YYYY-MM-DD date";
	e = &W->named[W->nnamed++];
	memset(e, 0, sizeof *e);
	memcpy(e->key, w, n);
	e->year = d.year, e->month = d.month, e->day = d.day;
	return NULL;
}

/* Adds word w[0..n) ("word" or "word=value") to class cls; the reason
** when it cannot. */
static const char *dw_word(struct dyad__datewords *W, uint32_t cls,
			   int named, const char *w, size_t n)
{
	const char *eq = memchr(w, '=', n);
	const size_t k = eq ? (size_t)(eq - w) : n, vn = eq ? n - k - 1 : 0;
	dword *e;

	if (named)
		return eq ? dw_named(W, w, k, eq + 1, vn) : "a named date needs =YYYY-MM-DD";
	if (k == 0 || k >= DW_KEY)
		return "words are 1 to 15 bytes";
	if (!(e = dw_add(W, w, k)))
		return "too many words";
	e->cls |= cls;
	if (cls == DW_ANAPHOR)
		return eq && dw_roots(eq + 1, vn, &e->roots) == 0 ? NULL
			: "an anaphor needs its CAMEO roots (=04 or =18,19)";
	if (cls & (DW_RELDAY | DW_SHIFT | DW_UNIT | DW_NUMBER)) {
		if (!eq || dw_int(eq + 1, vn, &e->val) != 0)
			return "this class needs a number (word=N)";
		return cls == DW_UNIT && (e->val < U_DAY || e->val > U_YEAR)
			? "a unit is 1 (day), 2 (week), 3 (month) or 4 (year)" : NULL;
	}
	return eq ? "this class takes no value" : NULL;
}

static int is_space_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* One line of dates.txt: a class name and its words. The reason when it
** is wrong, else NULL. */
static const char *dw_line(struct dyad__datewords *W, const char *p,
			   const char *end)
{
	const char *w;
	const char *why = NULL;
	uint32_t cls = 0;
	int first = 1, named = 0;

	while (p < end && !why) {
		while (p < end && is_space_byte(*p))
			p++;
		if (p == end || *p == '#')
			break;
		for (w = p; p < end && !is_space_byte(*p) && *p != '#'; p++)
			;
		if (first && dw_class(w, (size_t)(p - w), &cls) != 0)
			return "unknown class";
		if (first)
			named = cls == 0;
		else
			why = dw_word(W, cls, named, w, (size_t)(p - w));
		first = 0;
	}
	return why;
}

/* Words of a word list of n bytes, an upper bound: its blanks + 1. */
static size_t dw_count(const char *t, size_t n)
{
	size_t i, k = 1;

	for (i = 0; i < n; i++)
		k += t[i] == ' ' || t[i] == '\n' || t[i] == '\t';
	return k;
}

/* Adds p[0, n) to the anchor filter when it is lower-case ASCII letters
** that a piece could be. */
static void anchor_add(struct dyad__datewords *W, const char *p, size_t n)
{
	size_t i;

	if (n == 0 || n >= DW_KEY)
		return;
	for (i = 0; i < n; i++)
		if (p[i] < 'a' || p[i] > 'z')
			return; /* no piece holds it */
	if (n == 1) {
		W->anchor_one |= 1u << (p[0] - 'a');
		return;
	}
	W->anchor_head[(p[0] - 'a') * DW_ABC + (p[1] - 'a')] |= (uint16_t)(1u << n);
	W->anchor_ends[(p[0] - 'a') * DW_ABC + (p[n - 1] - 'a')] |= (uint16_t)(1u << n);
}

/* Fills the anchor filter with every word date_piece accepts: month
** names and their three-letter and "sept" forms, weekday names, and the
** words of the anchoring classes. calendar_maybe's tables are written
** out by hand, so each form is checked against them here, at every
** engine load: a name added to the lists without them fails at once. */
static void anchor_fill(struct dyad__datewords *W)
{
	size_t i;

	for (i = 0; i < 12; i++) {
		anchor_add(W, month_names[i], strlen(month_names[i]));
		anchor_add(W, month_names[i], 3);
		assert(calendar_maybe(month_names[i], strlen(month_names[i])) &&
		       calendar_maybe(month_names[i], 3));
	}
	anchor_add(W, "sept", 4);
	assert(calendar_maybe("sept", 4));
	for (i = 0; i < sizeof weekday_names / sizeof *weekday_names; i++) {
		anchor_add(W, weekday_names[i], strlen(weekday_names[i]));
		assert(calendar_maybe(weekday_names[i], strlen(weekday_names[i])));
	}
	for (i = 0; i <= W->mask; i++)
		if (W->slot[i].cls & (DW_RELDAY | DW_UNIT | DW_DAYPART))
			anchor_add(W, W->slot[i].key, strlen(W->slot[i].key));
}

void dyad__dates_free(struct dyad__datewords *W)
{
	if (!W)
		return;
	free(W->slot);
	free(W);
}

/* Reads DATA_DIR/dates.txt into eng->datewords; every line must be
** right, since a wrong one would silently change what dates mean. */
dyad_status dyad__dates_load(dyad_engine *eng, const char *text, size_t n)
{
	struct dyad__datewords *W = calloc(1, sizeof *W);
	const char *p = text, *end = text + n, *nl, *why;
	size_t slots = 64, line = 0;

	if (!W)
		return DYAD_NOMEM;
	eng->datewords = W;
	while (slots < 2 * dw_count(text, n))
		slots *= 2;
	if (!(W->slot = calloc(slots, sizeof *W->slot)))
		return DYAD_NOMEM;
	W->mask = (uint32_t)slots - 1;
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		line++;
		if (*p == '@')
			continue;
		if ((why = dw_line(W, p, nl)) != NULL)
			return dyad__msg(eng->msg, DYAD_PARSE, "%s/dates.txt:%zu: %s",
					 eng->data_dir, line, why);
	}
	anchor_fill(W);
	return DYAD_OK;
}

/* ---- finding expressions in a sentence --------------------------- */

/* Kinds of expression, each resolved by its own rule. */
enum {
	X_FULL,     /* the year written: "31 October 2023", "November 2023" */
	X_YEAR,     /* a year alone: "in 1948", "the 2006 war" */
	X_NAMED,    /* "9/11" */
	X_MONTHDAY, /* "October 31": the year from the document */
	X_MONTH,    /* "in October", "last October" */
	X_WEEKDAY,  /* "on Tuesday", "Thursday night", "last Friday" */
	X_DAYREL,   /* "yesterday", "today", "last night" */
	X_PERIOD,   /* "last week", "earlier this month", "next year" */
	X_AGO       /* "three weeks ago" */
};

/* An expression as written, not yet resolved. */
typedef struct texpr {
	uint8_t kind;       /* X_* */
	uint8_t unit;       /* X_PERIOD, X_AGO: U_* */
	uint8_t bound;      /* after "since", "until": a span's bound */
	uint8_t future;     /* a word that looks ahead ("will") comes
			    ** before it in its clause */
	int8_t shift;       /* last -1, this 0, next +1; X_DAYREL: days */
	uint8_t shifted;    /* X_MONTH: a shift word was written */
	int count;          /* X_AGO */
	int year, month, day; /* as written; X_WEEKDAY: day 0 Monday..6 */
	dyad_precision prec;  /* X_FULL: what was written */
	uint32_t roots;     /* after an anaphor ("the meeting on ..."): its
			    ** CAMEO roots; else 0 */
	size_t a, b;        /* span in the lexed text */
} texpr;

/* Where a sentence may be cut between a date and an event: a comma or a
** conjunction, a report's "that", a clause word. */
enum { CUT_COMMA, CUT_CONJ, CUT_REPORT, CUT_CLAUSE };

typedef struct tcut {
	size_t pos;
	int kind; /* CUT_* */
} tcut;

/* A token and its entry in the word list. */
typedef struct wtok {
	tok t;
	const dword *w; /* NULL: not in dates.txt */
} wtok;

#define RING 5 /* tokens remembered behind the current one */

typedef struct finder {
	const struct dyad__datewords *W;
	lexer lx;
	int strict;          /* inside a sentence: a lone month or year
			     ** needs a preposition before it */
	wtok ring[RING];     /* the tokens behind, read through back() */
	unsigned head;       /* ring[head] is the token just before */
	texpr *x;            /* expressions found, up to capx */
	size_t nx, capx;
	tcut *cut;           /* cuts found, up to capc */
	size_t nc, capc;
	int ahead;           /* a future word since the clause began */
} finder;

/* The token j + 1 places behind the current one: back(f, 0) is the one
** just before. A ring, so that moving on a token copies one token. */
static const wtok *back(const finder *f, int j)
{
	assert(j >= 0 && j < RING);
	return &f->ring[(f->head + (unsigned)j) % RING];
}

static uint32_t cls_of(const wtok *w)
{
	return w->w ? w->w->cls : 0;
}

/*
** lex_next for a word of ASCII letters after blanks, most of what the
** finder reads, without the general lexer's dispatch: 1 when it read
** one, 0 (with only the blanks consumed) when lex_next must decide.
*/
static inline int plain_word(lexer *lx, tok *t)
{
	const unsigned char *s = lx->s;
	size_t i = lx->i, k, e;

	while (i < lx->n && s[i] == ' ')
		i++;
	lx->i = i;
	if (i >= lx->n || s[i] >= 0x80 || ascii_class[s[i]] != C_ALPHA)
		return 0;
	k = letter_run(s + i, lx->n - i, lx->n - i, 1);
	e = i + k;
	/* A digit or a non-ASCII word character would carry the word on. */
	if (e < lx->n && (s[e] >= 0x80 || ascii_class[s[e]] == C_DIGIT))
		return 0;
	memset(t, 0, sizeof *t);
	t->start = i;
	t->caps = !(s[i] >= 'a' && s[i] <= 'z');
	name_word(t, s + i, k, 1);
	t->end = lx->i = e;
	return 1;
}

static void f_lex(const struct dyad__datewords *W, lexer *lx, wtok *w)
{
	if (!plain_word(lx, &w->t))
		lex_next(lx, &w->t);
	w->w = w->t.kind == T_WORD
		? dw_find(W, (const char *)lx->s + w->t.start, w->t.end - w->t.start)
		: NULL;
}

/* The weekday (0 Monday .. 6 Sunday) a T_WDAY token names. */
static int weekday_index(const lexer *lx, const tok *t)
{
	static const char first2[7][2] = { {'m','o'}, {'t','u'}, {'w','e'},
					   {'t','h'}, {'f','r'}, {'s','a'},
					   {'s','u'} };
	const int a = lower(lx->s[t->start]), b = lower(lx->s[t->start + 1]);
	int i;

	for (i = 0; i < 7; i++)
		if (first2[i][0] == a && first2[i][1] == b)
			return i;
	return 0;
}

/* A month or weekday written in full, or abbreviated with its dot
** ("Wed.", "Oct."): in a sentence "Sat", "Sun" and "Jan" are words. */
static int full_name(const lexer *lx, const tok *t)
{
	const size_t n = t->end - t->start;

	if (t->end < lx->n && lx->s[t->end] == '.')
		return 1;
	if (t->kind == T_MONTH)
		return n == strlen(month_names[t->val - 1]) || n == 4;
	return n >= 6;
}

static void x_make(texpr *x, int kind, size_t a, size_t b)
{
	memset(x, 0, sizeof *x);
	x->kind = (uint8_t)kind;
	x->a = a;
	x->b = b;
}

/* Tokens just before the current one that belong to its expression: a
** shift ("last Friday", "next October") or an edge ("early 2023",
** "mid-October"). */
static int x_lead(const finder *f, uint32_t cls, int8_t *shift)
{
	const wtok *p0 = back(f, 0), *p1 = back(f, 1);

	if (cls_of(p0) & cls & DW_SHIFT) {
		*shift = (int8_t)p0->w->val;
		return 1;
	}
	if (!(cls & DW_EDGE))
		return 0;
	if (cls_of(p0) & DW_EDGE)
		return 1;
	if (p0->t.kind == T_DASH && p0->t.val == 1 &&
	    (cls_of(p1) & DW_EDGE) && p0->t.start == p1->t.end)
		return 2;
	return 0;
}

/* Completes x whose first `lead` tokens are behind the current one: its
** start, and what the words before it say about it (a bound, an
** anaphor). */
static void x_finish(const finder *f, texpr *x, int lead)
{
	int j = lead;

	assert(lead >= 0 && lead <= RING - 3);
	if (lead > 0)
		x->a = back(f, lead - 1)->t.start;
	x->bound = (cls_of(back(f, j)) & DW_BOUND) != 0;
	if (cls_of(back(f, j)) & DW_PREP)
		j++;
	if ((cls_of(back(f, j)) & DW_ANAPHOR) && (cls_of(back(f, j + 1)) & DW_DET))
		x->roots = back(f, j)->w->roots;
}

/* May a lone month or year stand here? In a sentence only after a
** preposition (a determiner too, for a year: "the 2006 war"), a shift or
** an edge. */
static int lone_ok(const finder *f, int lead, uint32_t also)
{
	return !f->strict || lead > 0 ||
	       (cls_of(back(f, 0)) & (DW_PREP | also)) != 0;
}

static void x_from_date(texpr *x, int kind, const dyad__date *d)
{
	x_make(x, kind, d->start, d->end);
	x->year = d->year, x->month = d->month, x->day = d->day;
	x->prec = d->prec;
}

/* A count: "3", "three", "a". */
static int count_of(const wtok *w, int *n)
{
	if (w->t.kind == T_NUM && w->t.ndig <= 3 && !w->t.glued && !w->t.ord) {
		*n = w->t.val;
		return 1;
	}
	if (cls_of(w) & DW_NUMBER) {
		*n = w->w->val;
		return 1;
	}
	return 0;
}

/* "three weeks ago", "a year ago" from the count c. */
static int m_ago(const finder *f, const wtok *c, texpr *x)
{
	lexer lx = f->lx;
	wtok u, ago;
	int n;

	if (!count_of(c, &n))
		return 0;
	f_lex(f->W, &lx, &u);
	if (!(cls_of(&u) & DW_UNIT))
		return 0; /* most counts: no need to read on */
	f_lex(f->W, &lx, &ago);
	if (!(cls_of(&ago) & DW_AGO))
		return 0;
	x_make(x, X_AGO, c->t.start, ago.t.end);
	x->unit = (uint8_t)u.w->val;
	x->count = n;
	x_finish(f, x, 0);
	return 1;
}

/* A named date ("9/11") starting at the number c. */
static int m_named(const finder *f, const wtok *c, texpr *x)
{
	const struct dyad__datewords *W = f->W;
	const size_t at = c->t.start, n = f->lx.n;
	size_t i, k, len;

	for (i = 0; i < W->nnamed; i++) {
		k = strlen(W->named[i].key);
		if (k > n - at || memcmp(f->lx.s + at, W->named[i].key, k) != 0 ||
		    (at + k < n && is_word_class(classify(f->lx.s, n, at + k, &len))))
			continue;
		x_make(x, X_NAMED, at, at + k);
		x->year = W->named[i].year;
		x->month = W->named[i].month;
		x->day = W->named[i].day;
		x->prec = DYAD_PREC_DAY;
		x_finish(f, x, 0);
		return 1;
	}
	return 0;
}

/* "10/31/2023" (month first, as American news writes it) or
** "31/10/2023" when the first number cannot be a month. */
static int m_slashed(const finder *f, const wtok *c, texpr *x)
{
	lexer lx = f->lx;
	tok s1, b, s2, y;
	dyad__date d;
	int m = c->t.val, day;

	if (c->t.end >= lx.n || lx.s[c->t.end] != '/')
		return 0; /* the slash comes straight after the number */
	lex_next(&lx, &s1);
	lex_next(&lx, &b);
	lex_next(&lx, &s2);
	lex_next(&lx, &y);
	if (!is_punct(&s1, '/') || !is_punct(&s2, '/') || !is_day(&c->t) ||
	    !is_day(&b) || !is_year(&y) || s1.start != c->t.end ||
	    b.start != s1.end || s2.start != b.end || y.start != s2.end)
		return 0;
	day = b.val;
	if (m > 12) {
		day = m;
		m = b.val;
	}
	if (!make_date(&d, y.val, m, day, DYAD_PREC_DAY, c->t.start, y.end))
		return 0;
	x_from_date(x, X_FULL, &d);
	x_finish(f, x, 0);
	return 1;
}

/* A year alone: "in 1948", "the 2006 war", "mid-2023"; not "1990s". */
static int m_year(const finder *f, const wtok *c, texpr *x)
{
	int8_t shift = 0;
	const int lead = x_lead(f, DW_EDGE, &shift);

	if (!is_year(&c->t) || c->t.val < YEAR_MIN || c->t.val > YEAR_MAX ||
	    !lone_ok(f, lead, DW_DET))
		return 0;
	x_make(x, X_YEAR, c->t.start, c->t.end);
	x->year = c->t.val;
	x->prec = DYAD_PREC_YEAR;
	x_finish(f, x, lead);
	return 1;
}

/* Expressions that start with a number. */
static int m_number(const finder *f, const wtok *c, texpr *x)
{
	lexer lx = f->lx;
	tok t = c->t;
	dyad__date d;
	md m;

	if (m_named(f, c, x) || m_slashed(f, c, x) || m_ago(f, c, x))
		return 1;
	if (full_date(f->lx, c->t, &d)) {
		x_from_date(x, X_FULL, &d);
	} else if (month_day(&lx, &t, &m)) {
		x_make(x, X_MONTHDAY, m.start, m.end);
		x->month = m.month;
		x->day = m.day;
	} else {
		return m_year(f, c, x);
	}
	x_finish(f, x, 0);
	return 1;
}

/* Expressions that start with a month: with a day, with a year, or
** alone after a preposition ("in October", "last October"). */
static int m_month(const finder *f, const wtok *c, texpr *x)
{
	lexer lx = f->lx;
	tok t = c->t;
	dyad__date d;
	int8_t shift = 0;
	int lead;
	md m;

	if (full_date(f->lx, c->t, &d)) {
		x_from_date(x, X_FULL, &d);
		lead = 0;
	} else if (month_day(&lx, &t, &m)) {
		x_make(x, X_MONTHDAY, m.start, m.end);
		x->month = m.month;
		x->day = m.day;
		lead = 0;
	} else {
		lead = x_lead(f, DW_SHIFT | DW_EDGE, &shift);
		if (weak_month(&c->t) || !c->t.caps || !full_name(&f->lx, &c->t) ||
		    !lone_ok(f, lead, 0))
			return 0;
		x_make(x, X_MONTH, c->t.start, c->t.end);
		x->month = c->t.val;
		x->shift = shift;
		x->shifted = lead > 0 && (cls_of(back(f, lead - 1)) & DW_SHIFT);
	}
	x_finish(f, x, lead);
	return 1;
}

/* Expressions that start with a weekday: a date after it ("Tuesday,
** October 31"), else the weekday with its shift and part of the day
** ("last Thursday night"). */
static int m_weekday(const finder *f, const wtok *c, texpr *x)
{
	lexer lx = f->lx;
	wtok a;
	int8_t shift = 0;
	int lead = 0;

	if (!c->t.caps || (f->strict && !full_name(&f->lx, &c->t)))
		return 0;
	f_lex(f->W, &lx, &a);
	if (is_punct(&a.t, ',') || is_punct(&a.t, '.'))
		f_lex(f->W, &lx, &a);
	if (a.t.kind == T_MONTH || is_day(&a.t)) {
		finder g = *f;
		g.lx = lx;
		if (m_month(&g, &a, x) || (a.t.kind == T_NUM && m_number(&g, &a, x))) {
			if (x->kind == X_FULL || x->kind == X_MONTHDAY) {
				x->a = c->t.start;
				return 1;
			}
		}
	}
	lead = x_lead(f, DW_SHIFT, &shift);
	x_make(x, X_WEEKDAY, c->t.start, c->t.end);
	x->day = weekday_index(&f->lx, &c->t);
	x->shift = shift;
	lx = f->lx;
	f_lex(f->W, &lx, &a);
	if (cls_of(&a) & DW_DAYPART)
		x->b = a.t.end;
	x_finish(f, x, lead);
	return 1;
}

/* "last week", "this year", "last night", "this morning" from a shift;
** not after a determiner ("the last week" is a stretch of time). */
static int m_shift(const finder *f, const wtok *c, texpr *x)
{
	lexer lx = f->lx;
	wtok n;

	if (cls_of(back(f, 0)) & DW_DET)
		return 0;
	f_lex(f->W, &lx, &n);
	if ((cls_of(&n) & DW_UNIT) && n.w->val >= U_WEEK) {
		x_make(x, X_PERIOD, c->t.start, n.t.end);
		x->unit = (uint8_t)n.w->val;
	} else if ((cls_of(&n) & DW_DAYPART) && c->w->val <= 0) {
		x_make(x, X_DAYREL, c->t.start, n.t.end);
	} else {
		return 0;
	}
	x->shift = (int8_t)c->w->val;
	x_finish(f, x, 0);
	return 1;
}

/* "earlier this month", "later this week". */
static int m_within(const finder *f, const wtok *c, texpr *x)
{
	lexer lx = f->lx;
	wtok t, u;

	f_lex(f->W, &lx, &t);
	if (!(cls_of(&t) & DW_SHIFT) || t.w->val != 0)
		return 0;
	f_lex(f->W, &lx, &u);
	if (!(cls_of(&u) & DW_UNIT) || u.w->val < U_WEEK)
		return 0;
	x_make(x, X_PERIOD, c->t.start, u.t.end);
	x->unit = (uint8_t)u.w->val;
	x_finish(f, x, 0);
	return 1;
}

/* Expressions that start with a word of dates.txt. */
static int m_word(const finder *f, const wtok *c, texpr *x)
{
	const uint32_t cls = cls_of(c);

	if (cls & DW_RELDAY) {
		x_make(x, X_DAYREL, c->t.start, c->t.end);
		x->shift = (int8_t)c->w->val;
		x_finish(f, x, 0);
		return 1;
	}
	return ((cls & DW_SHIFT) && m_shift(f, c, x)) ||
	       ((cls & DW_WITHIN) && m_within(f, c, x)) ||
	       ((cls & DW_NUMBER) && m_ago(f, c, x));
}

/* The expression starting at token c, if any. */
static int x_at(const finder *f, const wtok *c, texpr *x)
{
	switch (c->t.kind) {
	case T_NUM:
		return m_number(f, c, x);
	case T_MONTH:
		return m_month(f, c, x);
	case T_WDAY:
		return m_weekday(f, c, x);
	case T_WORD:
		return c->w && m_word(f, c, x);
	default:
		return 0;
	}
}

/* Records c when it may cut a date off from an event. */
static void note_cut(finder *f, const wtok *c)
{
	int kind;

	if (is_punct(&c->t, ','))
		kind = CUT_COMMA;
	else if (cls_of(c) & DW_CONJ)
		kind = CUT_CONJ;
	else if (is_punct(&c->t, ':') || (cls_of(c) & DW_REPORT))
		kind = CUT_REPORT;
	else if (is_punct(&c->t, ';') || (cls_of(c) & DW_CLAUSE))
		kind = CUT_CLAUSE;
	else {
		f->ahead |= (cls_of(c) & DW_FUTURE) != 0;
		return;
	}
	if (kind >= CUT_REPORT)
		f->ahead = 0;
	if (f->nc < f->capc) {
		f->cut[f->nc].pos = c->t.start;
		f->cut[f->nc++].kind = kind;
	}
}

/* One pass over the text [lx.i, lx.n): every expression and cut. */
static void find_run(finder *f)
{
	wtok c;
	texpr x;

	memset(f->ring, 0, sizeof f->ring);
	f->head = 0;
	f->nx = f->nc = 0;
	f->ahead = 0;
	for (;;) {
		f_lex(f->W, &f->lx, &c);
		if (c.t.kind == T_END)
			return;
		if (f->nx < f->capx && x_at(f, &c, &x)) {
			x.future = (uint8_t)f->ahead;
			f->x[f->nx++] = x;
			f->lx.i = x.b;
			if (f->nx == f->capx && f->capc == 0)
				return; /* nothing more to collect */
		} else {
			note_cut(f, &c);
		}
		f->head = f->head > 0 ? f->head - 1 : RING - 1;
		f->ring[f->head] = c;
	}
}

/* ---- resolving an expression ------------------------------------- */

/* A resolved date: the period's first day, precision, and first and
** last day numbers (to compare with the document's). */
typedef struct tval {
	int year, month, day;
	dyad_precision prec;
	long first, last;
	const char *how; /* static rule name */
} tval;

/* The date of day number n (inverse of day_number). */
static void from_day_number(long n, int *y, int *m, int *d)
{
	int yy = (int)((n - 1) * 400 / 146097) + 1, mm = 1;

	while (yy > 1 && day_number(yy, 1, 1) > n)
		yy--;
	while (day_number(yy + 1, 1, 1) <= n)
		yy++;
	while (mm < 12 && day_number(yy, mm + 1, 1) <= n)
		mm++;
	*y = yy;
	*m = mm;
	*d = (int)(n - day_number(yy, mm, 1)) + 1;
}

/* 0 Monday .. 6 Sunday; day 1 (0001-01-01, proleptic) was a Monday. */
static int weekday_of(long n)
{
	return (int)((n - 1) % 7);
}

/* Sets v to the period of precision p that starts on y-m-d; 0 when the
** year is out of the plausible range. */
static int tval_set(tval *v, int y, int m, int d, dyad_precision p)
{
	if (y < YEAR_MIN || y > YEAR_MAX)
		return 0;
	v->year = y;
	v->month = p == DYAD_PREC_YEAR ? 0 : m;
	v->day = p == DYAD_PREC_DAY || p == DYAD_PREC_WEEK ? d : 0;
	v->prec = p;
	v->first = day_number(y, p == DYAD_PREC_YEAR ? 1 : m,
			      v->day ? d : 1);
	if (p == DYAD_PREC_YEAR)
		v->last = day_number(y, 12, 31);
	else if (p == DYAD_PREC_MONTH)
		v->last = day_number(y, m, days_in_month(y, m));
	else
		v->last = v->first + (p == DYAD_PREC_WEEK ? 6 : 0);
	return 1;
}

static int tval_day(tval *v, long n, dyad_precision p)
{
	int y, m, d;

	if (n < day_number(YEAR_MIN, 1, 1) || n > day_number(YEAR_MAX, 12, 31))
		return 0;
	if (p == DYAD_PREC_WEEK)
		n -= weekday_of(n);
	from_day_number(n, &y, &m, &d);
	return tval_set(v, y, m, d, p);
}

/* Month index (year * 12 + month - 1) to a month-precision value. */
static int tval_month(tval *v, long k)
{
	if (k < 0)
		return 0;
	return tval_set(v, (int)(k / 12), (int)(k % 12) + 1, 1, DYAD_PREC_MONTH);
}

/* The document's date as the anchor of relative expressions. */
typedef struct anchor {
	dyad_precision prec; /* NONE: relative expressions cannot resolve */
	int year, month;
	long day;            /* day number, when prec is DAY */
	long first, last;    /* the anchor's period, in day numbers */
} anchor;

static void anchor_set(anchor *an, const dyad__date *d)
{
	tval v;

	memset(an, 0, sizeof *an);
	if (d->prec == DYAD_PREC_NONE || d->prec == DYAD_PREC_WEEK ||
	    !tval_set(&v, d->year, d->month, d->day, d->prec))
		return;
	an->prec = d->prec;
	an->year = d->year;
	an->month = d->month;
	an->day = v.first;
	an->first = v.first;
	an->last = v.last;
}

/* The year that puts month and day nearest the document's date: for a
** past event a day after it counts twice as far as a day before, for a
** planned event the other way round (a report written on November 24
** about "November 25" most likely means this year's, not last year's). */
static int r_monthday(const texpr *x, const anchor *an, int future, tval *v)
{
	const long ref = an->prec == DYAD_PREC_DAY ? an->day
			 : future ? an->first : an->last;
	long best_cost = -1, k, cost;
	int y, best = 0;

	for (y = an->year - 1; y <= an->year + 1; y++) {
		if (x->day > days_in_month(y, x->month))
			continue;
		k = day_number(y, x->month, x->day) - ref;
		cost = (k > 0) == !future ? 2 * (k > 0 ? k : -k) : (k > 0 ? k : -k);
		if (best_cost < 0 || cost < best_cost) {
			best_cost = cost;
			best = y;
		}
	}
	return best && tval_set(v, best, x->month, x->day, DYAD_PREC_DAY);
}

/* A month alone: the one nearest the document's month, a month after it
** counting twice as far as one before for a past event, and the other
** way round for a planned one ("in December", written in November, is
** next month; "in September" is two months back). "last October" is
** strictly before, "next October" strictly after, "this October" in the
** document's year. */
static int r_month(const texpr *x, const anchor *an, int future, tval *v)
{
	const long ref = an->year * 12L + an->month - 1;
	long best_cost = -1, k, cost;
	int y, best = an->year;

	if (an->prec == DYAD_PREC_YEAR || (x->shifted && x->shift == 0))
		return tval_set(v, an->year, x->month, 1, DYAD_PREC_MONTH);
	for (y = an->year - 1; y <= an->year + 1; y++) {
		k = y * 12L + x->month - 1 - ref;
		if ((x->shift < 0 && k >= 0) || (x->shift > 0 && k <= 0))
			continue;
		cost = (k > 0) == !future ? 2 * (k > 0 ? k : -k) : (k > 0 ? k : -k);
		if (best_cost < 0 || cost < best_cost) {
			best_cost = cost;
			best = y;
		}
	}
	return tval_set(v, best, x->month, 1, DYAD_PREC_MONTH);
}

/* A weekday: the last such day on or before the document's date for a
** past event (the document's own day counts: wire copy says "said
** Tuesday" on Tuesday), the next on or after it for a planned one;
** "last Friday" is strictly before, "next Friday" strictly after. */
static int r_weekday(const texpr *x, const anchor *an, int future, tval *v)
{
	const int wd = weekday_of(an->day);
	const int back = (wd - x->day + 7) % 7, fwd = (x->day - wd + 7) % 7;
	long n;

	if (x->shift < 0)
		n = an->day - (back ? back : 7);
	else if (x->shift > 0)
		n = an->day + (fwd ? fwd : 7);
	else
		n = future ? an->day + fwd : an->day - back;
	return tval_day(v, n, DYAD_PREC_DAY);
}

/* "last week", "this month", "next year": the period, shifted. */
static int r_period(const texpr *x, const anchor *an, tval *v)
{
	switch (x->unit) {
	case U_WEEK:
		return an->prec == DYAD_PREC_DAY &&
		       tval_day(v, an->day + 7L * x->shift, DYAD_PREC_WEEK);
	case U_MONTH:
		return an->prec >= DYAD_PREC_MONTH &&
		       tval_month(v, an->year * 12L + an->month - 1 + x->shift);
	default:
		return tval_set(v, an->year + x->shift, 1, 1, DYAD_PREC_YEAR);
	}
}

/* "N units ago": counted back from the document's date, at the unit's
** precision. */
static int r_ago(const texpr *x, const anchor *an, tval *v)
{
	switch (x->unit) {
	case U_DAY:
	case U_WEEK:
		return an->prec == DYAD_PREC_DAY &&
		       tval_day(v, an->day - (x->unit == U_WEEK ? 7L : 1L) * x->count,
				x->unit == U_WEEK ? DYAD_PREC_WEEK : DYAD_PREC_DAY);
	case U_MONTH:
		return an->prec >= DYAD_PREC_MONTH &&
		       tval_month(v, an->year * 12L + an->month - 1 - x->count);
	default:
		return tval_set(v, an->year - x->count, 1, 1, DYAD_PREC_YEAR);
	}
}

/* Rule names, by expression kind: the date_how of an event dated by it. */
static const char *const x_how[] = {
	"absolute", "absolute", "named", "month-day", "month", "weekday",
	"relative-day", "relative-period", "ago"
};

/* Resolves x against the document's date; 0 when it cannot (a relative
** expression without a date precise enough to count from). */
static int x_resolve(const texpr *x, const anchor *an, int future, tval *v)
{
	int ok;

	memset(v, 0, sizeof *v);
	assert(x->kind < sizeof x_how / sizeof *x_how);
	v->how = x_how[x->kind];
	if (x->kind == X_FULL || x->kind == X_YEAR || x->kind == X_NAMED)
		return tval_set(v, x->year, x->month, x->day, x->prec);
	if (an->prec == DYAD_PREC_NONE)
		return 0;
	switch (x->kind) {
	case X_MONTHDAY:
		ok = r_monthday(x, an, future, v);
		break;
	case X_MONTH:
		ok = r_month(x, an, future, v);
		break;
	case X_WEEKDAY:
	case X_DAYREL:
		ok = an->prec == DYAD_PREC_DAY &&
		     (x->kind == X_DAYREL ? tval_day(v, an->day + x->shift, DYAD_PREC_DAY)
					  : r_weekday(x, an, future, v));
		break;
	case X_PERIOD:
		ok = r_period(x, an, v);
		break;
	default:
		ok = r_ago(x, an, v);
		break;
	}
	v->how = x_how[x->kind];
	return ok;
}

/* ---- dating events ----------------------------------------------- */

enum {
	ANAPHOR_REACH = 2,  /* sentences back an anaphor's date may reach */
	HISTORICAL_DAYS = 365, /* an event dated to a period that ended this
			    ** long before the document is historical */
	COST_COMMA = 30,    /* a comma or "and" between a date and an event,
			    ** in bytes */
	COST_REPORT = 60    /* "that" or ':' between them */
};

/* A sentence's expressions and cuts. */
typedef struct sscan {
	texpr x[DYAD_MAX_SENT_DATES];
	size_t nx;
	tcut cut[DYAD_MAX_SENT_CUTS];
	size_t nc;
} sscan;

/* What the date stage needs of an event (kept in ctx->scratch). */
typedef struct evinfo {
	size_t sent;
	size_t v0, v1;   /* verb, normalized span */
	uint32_t root;   /* CAMEO root, 0 when none */
	int future;      /* hypothetical: resolve toward the future */
} evinfo;

/* The normalized position of original byte pos: the offset map is
** ordered the same way in both texts. */
static size_t orig_to_norm(const dyad_doc *doc, size_t pos)
{
	size_t lo = 0, hi = doc->nmap;
	const dyad__seg *g;

	while (hi - lo > 1) {
		const size_t mid = lo + (hi - lo) / 2;
		if (doc->map[mid].src <= pos)
			lo = mid;
		else
			hi = mid;
	}
	if (doc->nmap == 0)
		return 0;
	g = &doc->map[lo];
	if (g->ident && pos >= g->src && pos - g->src < g->nlen)
		return g->norm + (pos - g->src);
	return g->norm;
}

/* Whether the piece p[0, n) of lower-case letters may be an anchor: 0
** when the filter rules it out, which it does for most words at the cost
** of two table reads rather than a walk over the names and a hash. */
static inline int anchor_maybe(const struct dyad__datewords *W, const char *p,
				size_t n)
{
	const unsigned a = (unsigned char)p[0] - 'a';

	assert(n > 0);
	if (n >= DW_KEY)
		return 0;
	if (n == 1)
		return W->anchor_one >> a & 1;
	return (W->anchor_head[a * DW_ABC + ((unsigned char)p[1] - 'a')] >> n & 1) &&
	       (W->anchor_ends[a * DW_ABC + ((unsigned char)p[n - 1] - 'a')] >> n & 1);
}

/* Could ASCII piece p[0, n) of a key anchor an expression? A month, a
** weekday, or a word that x_at starts one from or m_shift ends one
** with (a relative day, a unit, a daypart); the other classes only
** shift, bound or cut an expression that has one of these. */
static int date_piece(const struct dyad__datewords *W, const char *p, size_t n)
{
	const dword *w;

	if (calendar_maybe(p, n) && (month_of(p, n) || is_weekday(p, n)))
		return 1;
	w = dw_find(W, p, n);
	return w && (w->cls & (DW_RELDAY | DW_UNIT | DW_DAYPART));
}

/* date_piece behind the anchor filter, which most pieces fail. */
static inline int piece_anchors(const struct dyad__datewords *W, const char *p,
				size_t n)
{
	return n > 0 && (!W || anchor_maybe(W, p, n)) && date_piece(W, p, n);
}

/* Does token k hold a non-ASCII byte or a run of exactly four digits (a
** year, or the year of "2023-10-31" and "10/31/2023")? Sets *digit when
** it holds any digit. */
static int date_bytes(const char *s, const dyad__tok *k, int *digit)
{
	uint32_t i, run = 0;

	for (i = k->start; i < k->end; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80)
			return 1;
		if (c >= '0' && c <= '9') {
			run++, *digit = 1;
			continue;
		}
		if (run == 4)
			return 1;
		run = 0;
	}
	return run == 4;
}

/* Whether text[at, at + n) of a text of len bytes is all ASCII letters:
** lower case only, or either case when any_case. */
static inline int text_letters(const char *text, size_t len, size_t at, size_t n,
			int any_case)
{
	assert(at + n <= len);
	return letter_run((const unsigned char *)text + at, n, len - at, any_case) == n;
}

/* Whether token k holds what date_bytes looks for, or a piece of its
** key that date_piece takes. */
static int key_may_hold(const struct dyad__datewords *W, const dyad_ctx *ctx,
			const dyad__tok *k, int *digit)
{
	const dyad_doc *doc = &ctx->doc;
	const char *f = dyad__tok_fold(doc->norm, doc->fold, k);
	uint32_t i, a;

	/* Most of these are capitalised words: all letters, whose key is
	** all letters too, so one piece and no date_bytes. */
	if (!k->fold_in_norm &&
	    text_letters(doc->norm, doc->norm_len, k->start, k->end - k->start, 1) &&
	    text_letters(doc->fold, ctx->fold.len, k->fold, k->fold_len, 0))
		return piece_anchors(W, f, k->fold_len);
	if (date_bytes(doc->norm, k, digit))
		return 1;
	for (i = a = 0; i <= k->fold_len; i++) {
		if (i < k->fold_len && f[i] >= 'a' && f[i] <= 'z')
			continue;
		if (piece_anchors(W, f + a, i - a))
			return 1;
		a = i + 1;
	}
	return 0;
}

/* key_may_hold for a token whose key is its own bytes (lower-case
** ASCII): one walk finds both, letters stepped over first since most
** bytes are letters. A run of digits ends a piece and is none. */
static int own_key_may_hold(const struct dyad__datewords *W, const dyad_doc *doc,
			    const dyad__tok *k, int *digit)
{
	const unsigned char *const s = (const unsigned char *)doc->norm;
	const unsigned char *q = s + k->start, *a = q, *r;
	const unsigned char *const end = s + k->end;

	for (;;) {
		/* letter_run may read on past the token, to the text's end. */
		q += letter_run(q, (size_t)(end - q), (size_t)(s + doc->norm_len - q), 0);
		if (piece_anchors(W, (const char *)a, (size_t)(q - a)))
			return 1;
		if (q == end)
			return 0;
		if (*q >= 0x80)
			return 1;
		for (r = q; r < end && *r >= '0' && *r <= '9'; r++)
			;
		if (r - q == 4)
			return 1;
		*digit |= r > q;
		a = q = r > q ? r : q + 1;
	}
}

/* Does sentence [a, b) of s hold a named date ("9/11")? */
static int has_named(const struct dyad__datewords *W, const char *s, size_t a, size_t b)
{
	size_t i;

	for (i = 0; i < W->nnamed; i++)
		if (memmem(s + a, b - a, W->named[i].key, strlen(W->named[i].key)))
			return 1;
	return 0;
}

/*
** Whether sentence s may hold a date expression: a non-ASCII word, four
** digits in a row, a named date, or a piece of a word's key (split where
** the finder's lexer splits ASCII text) that date_piece takes for an
** anchor. Every expression the finder makes has one of these (a number
** starts one only as a year, with a month or unit word, or as a named
** date), so a sentence without any is not lexed again byte by byte: most
** event sentences name no date, and many name a number that is not one
** ("killed 12 people").
*/
static int may_hold_date(const dyad_ctx *ctx, size_t s)
{
	const dyad_doc *doc = &ctx->doc;
	const dyad__sent *se = &doc->sents[s];
	const struct dyad__datewords *W = ctx->eng->datewords;
	uint32_t t;
	int digit = 0;

	for (t = se->tok0; t < se->tok0 + se->ntok; t++) {
		const dyad__tok *k = &doc->toks[t];
		if (k->kind == DYAD_TOK_PUNCT)
			continue;
		const int own = k->fold_in_norm && k->fold == k->start &&
				k->fold_len == k->end - k->start;
		if (own ? own_key_may_hold(W, doc, k, &digit)
			: key_may_hold(W, ctx, k, &digit))
			return 1;
	}
	return digit && has_named(W, doc->norm, se->start, se->end);
}

/* Finds the expressions and cuts of sentence s. The dateline ("Doha,
** November 24 (RHC) --") opens the first sentence but dates the
** article, not an event in it, so it is left out. */
static void scan_sentence(const dyad_ctx *ctx, size_t s, sscan *sc)
{
	const dyad_doc *doc = &ctx->doc;
	finder f;
	size_t i, k = 0, a, b;

	if (!may_hold_date(ctx, s)) {
		sc->nx = sc->nc = 0;
		return;
	}
	memset(&f, 0, sizeof f);
	f.W = ctx->eng->datewords;
	f.lx.s = (const unsigned char *)doc->norm;
	f.lx.n = doc->sents[s].end;
	f.lx.i = doc->sents[s].start;
	f.strict = 1;
	f.x = sc->x, f.capx = DYAD_MAX_SENT_DATES;
	f.cut = sc->cut, f.capc = DYAD_MAX_SENT_CUTS;
	find_run(&f);
	sc->nc = f.nc;
	for (i = 0; i < f.nx; i++) {
		dyad__map_span(doc, sc->x[i].a, sc->x[i].b, &a, &b);
		if (doc->info.date_source == DYAD_DATESRC_DATELINE &&
		    a < doc->info.date_end && b > doc->info.date_start)
			continue;
		sc->x[k++] = sc->x[i];
	}
	sc->nx = k;
}

/* Whether the span [a, b) sits in a subordinate clause opened before it
** ("Since ... on October 7,"): a clause word with no comma between. */
static int in_opened_clause(const sscan *sc, size_t a)
{
	size_t i;
	int open = 0;

	for (i = 0; i < sc->nc && sc->cut[i].pos < a; i++) {
		if (sc->cut[i].kind == CUT_CLAUSE)
			open = 1;
		else if (sc->cut[i].kind == CUT_COMMA)
			open = 0;
	}
	return open;
}

/* The cost of linking an event at [v0, v1) to x: the bytes between
** them, more for each comma or "that"; -1 when a clause boundary lies
** between them. */
static long link_cost(const sscan *sc, const texpr *x, size_t v0, size_t v1)
{
	const int before = x->b <= v0;
	const size_t lo = before ? x->b : v1, hi = before ? v0 : x->a;
	long cost;
	size_t i;
	int commas = 0;

	if (x->a < v1 && x->b > v0)
		return 0; /* the date is the event's word ("Tuesday's attack") */
	cost = (long)(hi > lo ? hi - lo : 0);
	for (i = 0; i < sc->nc; i++) {
		if (sc->cut[i].pos < lo || sc->cut[i].pos >= hi)
			continue;
		if (sc->cut[i].kind == CUT_CLAUSE)
			return -1;
		commas += sc->cut[i].kind == CUT_COMMA;
		cost += sc->cut[i].kind == CUT_REPORT ? COST_REPORT : COST_COMMA;
	}
	if (commas && in_opened_clause(sc, before ? x->a : v0))
		return -1;
	return cost;
}

/* The expression that dates an event at [v0, v1): the cheapest link
** that is no span's bound; -1 when there is none. */
static int best_expr(const sscan *sc, size_t v0, size_t v1)
{
	long best_cost = -1, c;
	size_t i;
	int best = -1;

	for (i = 0; i < sc->nx; i++) {
		if (sc->x[i].bound)
			continue;
		c = link_cost(sc, &sc->x[i], v0, v1);
		if (c >= 0 && (best_cost < 0 || c < best_cost)) {
			best_cost = c;
			best = (int)i;
		}
	}
	return best;
}

/* Dates event w by expression x: its resolution, capped at the
** document's date for an event that has happened, and historical when it
** ended a year before the document. Leaves w alone when x cannot be
** resolved. */
static void date_by(const dyad_ctx *ctx, const anchor *an, const texpr *x,
		    int future, dyad__when *w, const char *how)
{
	dyad__date d;
	tval v;

	if (!x_resolve(x, an, future, &v))
		return;
	dyad__map_span(&ctx->doc, x->a, x->b, &w->start, &w->end);
	w->how = how ? how : v.how;
	if (!future && an->prec != DYAD_PREC_NONE && v.first > an->last) {
		w->how = "capped"; /* the document's date, already in w */
		return;
	}
	memset(&d, 0, sizeof d);
	d.year = v.year, d.month = v.month, d.day = v.day, d.prec = v.prec;
	dyad__date_format(&d, w->date);
	w->prec = v.prec;
	w->historical = an->prec != DYAD_PREC_NONE &&
			v.last < an->first - HISTORICAL_DAYS;
}

/* What the date stage reads of event i. */
static void ev_info(const dyad_ctx *ctx, size_t i, evinfo *e)
{
	dyad_event ev;

	memset(e, 0, sizeof *e);
	if (dyad_doc_event(&ctx->doc, i, &ev) != DYAD_OK)
		return;
	e->sent = ev.sent;
	e->v0 = orig_to_norm(&ctx->doc, ev.verb_start);
	e->v1 = ev.verb_end > ev.verb_start
		? orig_to_norm(&ctx->doc, ev.verb_end - 1) + 1 : e->v0;
	if (ev.root[0] >= '0' && ev.root[0] <= '9' && ev.root[1] >= '0' &&
	    ev.root[1] <= '9')
		e->root = (uint32_t)((ev.root[0] - '0') * 10 + ev.root[1] - '0');
	e->future = (ev.modality & DYAD_MOD_HYPOTHETICAL) != 0;
}

/* The events [i, j) of one sentence, each dated by its best expression. */
static void date_sentence(const dyad_ctx *ctx, const anchor *an,
			  const sscan *sc, const evinfo *e, dyad__when *w,
			  size_t i, size_t j)
{
	int k;

	for (; i < j; i++) {
		k = best_expr(sc, e[i].v0, e[i].v1);
		if (k >= 0)
			date_by(ctx, an, &sc->x[k], e[i].future, &w[i], NULL);
	}
}

/* An anaphor ("The meeting on Thursday night came as ...") dates the
** events of the ANAPHOR_REACH sentences before s that had no date of
** their own and whose CAMEO root the anaphor names. Events [i0, i1) are
** those sentences' events. */
static void date_anaphors(const dyad_ctx *ctx, const anchor *an,
			  const sscan *sc, const evinfo *e, dyad__when *w,
			  size_t i0, size_t i1)
{
	static const char document[] = "document";
	size_t k, i;

	for (k = 0; k < sc->nx; k++) {
		const texpr *x = &sc->x[k];
		if (!x->roots || x->bound)
			continue;
		for (i = i0; i < i1; i++)
			if (strcmp(w[i].how, document) == 0 && e[i].root <= 20 &&
			    (x->roots >> e[i].root & 1u))
				date_by(ctx, an, x, e[i].future, &w[i], "anaphor");
	}
}

/* Walks the sentences that hold events, and the ANAPHOR_REACH sentences
** after each (an anaphor there may date them); no other sentence is
** read. Events come in text order. */
static void date_events(const dyad_ctx *ctx, const anchor *an,
			const evinfo *e, dyad__when *w, size_t n)
{
	sscan sc;
	size_t i = 0, j, a0 = 0, s, last = e[0].sent;

	for (s = e[0].sent; s < ctx->doc.nsents; s++) {
		for (j = i; j < n && e[j].sent == s; j++)
			;
		if (j == i && s > last + ANAPHOR_REACH) {
			if (i == n)
				break;
			s = e[i].sent - 1; /* on to the next sentence with events */
			continue;
		}
		scan_sentence(ctx, s, &sc);
		date_sentence(ctx, an, &sc, e, w, i, j);
		while (a0 < i && e[a0].sent + ANAPHOR_REACH < s)
			a0++;
		date_anaphors(ctx, an, &sc, e, w, a0, i);
		if (j > i)
			last = s;
		i = j;
	}
}

/*
** Each event's date: the date expression of its sentence that it is
** linked to, else an anaphor's in the next sentences, else the
** document's date (how "document"). ctx->scratch holds what is read of
** each event while its dyad__when is made.
*/
dyad_status dyad__events_when(dyad_ctx *ctx, size_t n)
{
	dyad__date dd;
	dyad__when *w;
	evinfo *e;
	anchor an;
	size_t i;

	ctx->when.len = ctx->scratch.len = 0;
	if (dyad__buf_reserve(&ctx->when, n * sizeof(dyad__when)) != 0 ||
	    dyad__buf_reserve(&ctx->scratch, n * sizeof(evinfo)) != 0)
		return dyad__msg(ctx->msg, DYAD_NOMEM, "out of memory dating events");
	w = (dyad__when *)ctx->when.p;
	e = (evinfo *)ctx->scratch.p;
	for (i = 0; i < n; i++)
		ev_info(ctx, i, &e[i]);
	memset(&dd, 0, sizeof dd);
	dyad__date_parse_iso(ctx->doc.info.date, &dd);
	anchor_set(&an, &dd);
	for (i = 0; i < n; i++) {
		memset(&w[i], 0, sizeof w[i]);
		memcpy(w[i].date, ctx->doc.info.date, sizeof w[i].date);
		w[i].prec = ctx->doc.info.date_precision;
		w[i].how = "document";
	}
	if (n > 0 && ctx->eng->datewords)
		date_events(ctx, &an, e, w, n);
	ctx->when.len = n * sizeof(dyad__when);
	return DYAD_OK;
}

/* ---- the public normalizer --------------------------------------- */

/* Fills out from x resolved against an. */
static void x_value(const texpr *x, const anchor *an, int future,
		    dyad_date_value *out)
{
	dyad__date d;
	tval v;

	out->how = x_how[x->kind];
	out->bound = x->bound;
	if (!x_resolve(x, an, future, &v))
		return;
	memset(&d, 0, sizeof d);
	d.year = v.year, d.month = v.month, d.day = v.day, d.prec = v.prec;
	dyad__date_format(&d, out->date);
	out->precision = v.prec;
	out->historical = an->prec != DYAD_PREC_NONE &&
			  v.last < an->first - HISTORICAL_DAYS;
}

dyad_status dyad_date_resolve(const dyad_engine *eng, const char *text,
			      size_t len, const char *doc_date, unsigned flags,
			      dyad_date_value *out)
{
	dyad__date dd;
	anchor an;
	texpr x;
	finder f;

	if (!out)
		return DYAD_BADARG;
	memset(out, 0, sizeof *out);
	out->how = "";
	if (!eng || (!text && len))
		return DYAD_BADARG;
	memset(&dd, 0, sizeof dd);
	if (doc_date && *doc_date && dyad__date_parse_iso(doc_date, &dd) != 0)
		return DYAD_BADARG;
	anchor_set(&an, &dd);
	memset(&f, 0, sizeof f);
	f.W = eng->datewords;
	f.lx.s = (const unsigned char *)text;
	f.lx.n = len;
	f.x = &x, f.capx = 1;
	find_run(&f);
	if (f.nx == 0)
		return DYAD_NOTFOUND;
	out->start = x.a;
	out->end = x.b;
	x_value(&x, &an, (flags & DYAD_DATE_FUTURE) != 0, out);
	return DYAD_OK;
}

/* The expressions of sentence s, appended to ctx->dates. */
static int doc_sentence_dates(dyad_ctx *ctx, const anchor *an, size_t s)
{
	dyad_date_value v;
	sscan sc;
	size_t k;

	scan_sentence(ctx, s, &sc);
	for (k = 0; k < sc.nx; k++) {
		memset(&v, 0, sizeof v);
		v.sent = s;
		dyad__map_span(&ctx->doc, sc.x[k].a, sc.x[k].b, &v.start, &v.end);
		x_value(&sc.x[k], an, sc.x[k].future, &v);
		if (dyad__buf_append(&ctx->dates, &v, sizeof v) != 0)
			return -1;
	}
	return 0;
}

dyad_status dyad_doc_dates(const dyad_doc *doc, size_t *n)
{
	dyad_ctx *ctx = doc->ctx;
	dyad__date dd;
	anchor an;
	size_t s;

	*n = 0;
	ctx->dates.len = 0;
	memset(&dd, 0, sizeof dd);
	dyad__date_parse_iso(doc->info.date, &dd);
	anchor_set(&an, &dd);
	for (s = 0; s < doc->nsents; s++)
		if (doc_sentence_dates(ctx, &an, s) != 0)
			return dyad__msg(ctx->msg, DYAD_NOMEM, "out of memory finding dates");
	*n = DYAD__VEC_LEN(&ctx->dates, dyad_date_value);
	return DYAD_OK;
}

dyad_status dyad_doc_date(const dyad_doc *doc, size_t i, dyad_date_value *out)
{
	const dyad__buf *b = &doc->ctx->dates;

	if (i >= DYAD__VEC_LEN(b, dyad_date_value))
		return DYAD_NOTFOUND;
	*out = DYAD__VEC_AT(b, dyad_date_value, i);
	return DYAD_OK;
}
