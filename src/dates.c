/*
** dates.c — the document date: the day an article was published.
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
#include <assert.h>
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
enum { C_SPACE, C_NL, C_ALPHA, C_DIGIT, C_WORD, C_DASH, C_PUNCT, C_OTHER };

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

/* Class of an ASCII byte; NUL and control characters are punctuation. */
static int ascii_class(unsigned char c)
{
	if (c == '\n' || c == '\r')
		return C_NL;
	if (c == ' ' || c == '\t' || c == '\f' || c == '\v')
		return C_SPACE;
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return C_ALPHA;
	if (c >= '0' && c <= '9')
		return C_DIGIT;
	return c == '-' ? C_DASH : C_PUNCT;
}

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

/* Class of the character at s[i] (i < n), its length stored in *len.
** Valid non-ASCII characters other than the known spaces, dashes and
** punctuation are word characters, so that "Décembre" stays one word
** rather than yield a false "D"; an invalid byte separates, as the U+FFFD
** that replaces it in the normalized text would. */
static int classify(const unsigned char *s, size_t n, size_t i, size_t *len)
{
	const unsigned char c = s[i];

	*len = 1;
	if (c < 0x80)
		return ascii_class(c);
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

/* Names a word: month, weekday or plain word. */
static void name_word(tok *t, const char *low, size_t k, int ascii)
{
	t->kind = T_WORD;
	if (!ascii || k == 0 || k > 9)
		return;
	t->val = month_of(low, k);
	if (t->val)
		t->kind = T_MONTH;
	else if (is_weekday(low, k))
		t->kind = T_WDAY;
}

/* A run of letters, digits and non-ASCII word bytes ("COVID19" is one). */
static void lex_word(lexer *lx, tok *t)
{
	char low[9] = {0};
	size_t k = 0, len;
	int ascii = 1, c;

	t->caps = !(lx->s[lx->i] >= 'a' && lx->s[lx->i] <= 'z');
	while (lx->i < lx->n) {
		c = classify(lx->s, lx->n, lx->i, &len);
		if (!is_word_class(c))
			break;
		if (c != C_ALPHA)
			ascii = 0;
		else if (k < sizeof low)
			low[k] = (char)lower(lx->s[lx->i]);
		k++;
		lx->i += len;
	}
	name_word(t, low, k, ascii);
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

/*
** Each event's date. For now the article's own date stands in for every
** event, marked "document" so that a reader can tell it from a date read
** in the event's sentence.
*/
dyad_status dyad__events_when(dyad_ctx *ctx, size_t n)
{
	size_t i;

	ctx->when.len = 0;
	if (dyad__buf_reserve(&ctx->when, n * sizeof(dyad__when)) != 0)
		return dyad__msg(ctx->msg, DYAD_NOMEM, "out of memory dating events");
	for (i = 0; i < n; i++) {
		dyad__when w;
		memset(&w, 0, sizeof w);
		memcpy(w.date, ctx->doc.info.date, sizeof w.date);
		w.prec = ctx->doc.info.date_precision;
		w.how = "document";
		dyad__buf_append(&ctx->when, &w, sizeof w);
	}
	return DYAD_OK;
}
