/*
** segment.c — tokens and sentences over the normalized text.
**
** Second stage. Each block (paragraph) from text.c is cut into tokens in
** one pass: words (with inner hyphens and apostrophes: "Amir-Abdollahian",
** "Kan'ani"), dotted abbreviations ("U.S."), numbers with separators
** ("8,525", "5.93"), possessives split off ("Iran" + "'s"), "n't",
** hashtags, @handles, punctuation (Latin and Arabic) and symbols. Each
** word gets a matching key (NFKC, case-folded, marks stripped) in the
** fold buffer. Sentences are then found on the tokens: a terminal mark
** ends a sentence unless it closes an abbreviation, an initial or a
** decimal, or the next word shows the sentence goes on. No sentence
** crosses a block.
**
** Most tokens are plain ASCII words, numbers and marks. They take a fast
** path that scans a word 16 or 8 bytes at a time and makes its key in
** the same pass; it also joins inner hyphens between ASCII letters and
** digits and splits off an ASCII possessive "'s". Whenever such a token
** could be more (another apostrophe, a non-ASCII letter or a dotted
** abbreviation follows) the general scanners decide, so both paths give
** the same tokens.
*/
#include <assert.h>
#include <string.h>

#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "dyad_int.h"

/* ------------------------------------------------------------------ */
/* Character classes over normalized UTF-8                             */
/* ------------------------------------------------------------------ */

enum { C_SPACE, C_LETTER, C_DIGIT, C_PUNCT, C_SYMBOL };

/* Classes of ASCII bytes, so the common case is one load. */
static const unsigned char ascii_class[128] = {
#define SP C_SPACE
#define LE C_LETTER
#define DI C_DIGIT
#define PU C_PUNCT
#define SY C_SYMBOL
	SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP,
	SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP,
	/* space ! " # $ % & ' ( ) * + , - . / */
	SP, PU, PU, PU, SY, SY, SY, PU, PU, PU, PU, SY, PU, PU, PU, PU,
	DI, DI, DI, DI, DI, DI, DI, DI, DI, DI, PU, PU, SY, SY, SY, PU,
	PU, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE,
	LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, PU, PU, PU, SY, PU,
	SY, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE,
	LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, PU, SY, PU, SY, SP,
#undef SP
#undef LE
#undef DI
#undef PU
#undef SY
};

static int class_of(int32_t cp)
{
	if (cp < 0x80)
		return ascii_class[cp];
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_CF: /* ZWNJ and ZWJ sit inside words */
		return C_LETTER;
	case UTF8PROC_CATEGORY_ND:
		return C_DIGIT;
	case UTF8PROC_CATEGORY_ZS:
		return C_SPACE;
	case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD:
	case UTF8PROC_CATEGORY_PS: case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_PO:
		return C_PUNCT;
	default:
		return C_SYMBOL;
	}
}

/* Class of the code point at t[i] (end = limit); *len gets its size. */
static inline int class_at(const char *t, size_t i, size_t end, int *len)
{
	int32_t cp;

	if (i >= end) {
		*len = 0;
		return C_SPACE;
	}
	if ((unsigned char)t[i] < 0x80) {
		*len = 1;
		return ascii_class[(unsigned char)t[i]];
	}
	*len = dyad__utf8_decode((const unsigned char *)t + i, end - i, &cp);
	return cp < 0 ? C_SYMBOL : class_of(cp);
}

static int is_alnum_at(const char *t, size_t i, size_t end)
{
	int len, c = class_at(t, i, end, &len);
	return c == C_LETTER || c == C_DIGIT;
}

static int is_letter_at(const char *t, size_t i, size_t end)
{
	int len;
	return class_at(t, i, end, &len) == C_LETTER;
}

/* ------------------------------------------------------------------ */
/* Token scanners: each returns the end of the token starting at i     */
/* ------------------------------------------------------------------ */

/* "U.S.", "U.N.", "e.g.": one- or two-letter pieces each with a dot. */
static size_t dotted_abbrev(const char *t, size_t i, size_t end)
{
	size_t k = i, pieces = 0;

	for (;;) {
		size_t a = k;
		while (k < end && k - a < 2 && ((t[k] | 0x20) >= 'a' && (t[k] | 0x20) <= 'z'))
			k++;
		if (k == a || k >= end || t[k] != '.')
			break;
		k++;
		pieces++;
		if (k >= end || !((t[k] | 0x20) >= 'a' && (t[k] | 0x20) <= 'z'))
			break;
	}
	return pieces >= 2 ? k : 0;
}

/* Does "'" at k start a clitic that is its own token ("'s" or "'t")? */
static int clitic_at(const char *t, size_t k, size_t end)
{
	return t[k] == '\'' && k + 1 < end && (t[k + 1] == 's' || t[k + 1] == 'S') &&
	       !is_alnum_at(t, k + 2, end);
}

static size_t scan_word(const char *t, size_t i, size_t end)
{
	size_t k = i;
	int len;

	while (k < end) {
		int c;
		unsigned char u = (unsigned char)t[k];
		if (u < 0x80 && (ascii_class[u] == C_LETTER || ascii_class[u] == C_DIGIT)) {
			k++;
			continue;
		}
		c = class_at(t, k, end, &len);
		if (c == C_LETTER || c == C_DIGIT) {
			k += (size_t)len;
			continue;
		}
		/* Inner hyphen or apostrophe joins two runs of letters. */
		if ((t[k] == '-' || t[k] == '\'') && k > i && is_alnum_at(t, k + 1, end)) {
			if (clitic_at(t, k, end))
				break;
			if (t[k] == '\'' && k >= i + 2 && (t[k - 1] == 'n' || t[k - 1] == 'N') &&
			    (t[k + 1] == 't' || t[k + 1] == 'T') && !is_alnum_at(t, k + 2, end))
				return k - 1; /* "didn't" -> "did" + "n't" */
			k++;
			continue;
		}
		break;
	}
	return k;
}

/* Bytes of the decimal digit at t[k] (any script), or 0. */
static int digit_len(const char *t, size_t k, size_t end)
{
	int len;

	if (k >= end)
		return 0;
	if ((unsigned char)t[k] < 0x80)
		return t[k] >= '0' && t[k] <= '9';
	return class_at(t, k, end, &len) == C_DIGIT ? len : 0;
}

static size_t scan_number(const char *t, size_t i, size_t end, int *kind)
{
	size_t k = i;
	int len;

	*kind = DYAD_TOK_NUMBER;
	while (k < end) {
		if ((len = digit_len(t, k, end)) != 0) {
			k += (size_t)len; /* Arabic-Indic digits are several bytes */
		} else if ((t[k] == ',' || t[k] == '.' || t[k] == ':' || t[k] == '/') &&
			   digit_len(t, k + 1, end)) {
			k++;
		} else {
			break;
		}
	}
	/* "31st", "1980s", "24-year-old" are words that start with digits. */
	if (k < end && (is_letter_at(t, k, end) ||
			(t[k] == '-' && is_alnum_at(t, k + 1, end)))) {
		*kind = DYAD_TOK_WORD;
		return scan_word(t, k, end);
	}
	return k;
}

static size_t scan_punct(const char *t, size_t i, size_t end, int len)
{
	size_t k = i + (size_t)len;

	/* Runs of dots and dashes ("...", "--") are one token. */
	if (t[i] == '.' || t[i] == '-')
		while (k < end && t[k] == t[i])
			k++;
	return k;
}

/* ------------------------------------------------------------------ */
/* Tokenizer                                                           */
/* ------------------------------------------------------------------ */

typedef struct tokenizer {
	dyad_ctx *ctx;
	const char *t;  /* normalized text */
	int nomem;
} tokenizer;

static size_t next_token(const char *t, size_t i, size_t end, int *kind)
{
	int len, c = class_at(t, i, end, &len);
	size_t k;

	if (c == C_LETTER) {
		k = dotted_abbrev(t, i, end);
		*kind = DYAD_TOK_WORD;
		if (k && k + 1 < end && t[k] == '-' && is_alnum_at(t, k + 1, end))
			return scan_word(t, k + 1, end); /* "U.S.-led" */
		return k ? k : scan_word(t, i, end);
	}
	if (c == C_DIGIT)
		return scan_number(t, i, end, kind);
	if ((t[i] == '#' || t[i] == '@') && is_alnum_at(t, i + 1, end)) {
		*kind = t[i] == '#' ? DYAD_TOK_HASHTAG : DYAD_TOK_HANDLE;
		k = i + 1;
		while (k < end && (is_alnum_at(t, k, end) || t[k] == '_'))
			k += (size_t)(class_at(t, k, end, &len), len ? len : 1);
		return k;
	}
	if (t[i] == '\'' && i > 0 && is_alnum_at(t, i - 1, i) &&
	    (clitic_at(t, i, end) || (t[i - 1] == 's' && !is_alnum_at(t, i + 1, end)))) {
		*kind = DYAD_TOK_POSSESSIVE;
		return clitic_at(t, i, end) ? i + 2 : i + 1;
	}
	*kind = c == C_PUNCT ? DYAD_TOK_PUNCT : DYAD_TOK_SYMBOL;
	return c == C_PUNCT ? scan_punct(t, i, end, len) : i + (size_t)(len ? len : 1);
}

utf8proc_int32_t dyad__fold_custom(utf8proc_int32_t cp, void *data)
{
	(void)data;
	/* Turkish dotless i: case folding keeps it, but "Yılmaz" is also
	** written "Yilmaz", and the dotted capital already folds to "i". */
	return cp == 0x131 ? 'i' : cp;
}

/* Appends the matching key of t[a, b) to ctx->fold. */
static int add_fold(dyad_ctx *ctx, const char *t, size_t a, size_t b, dyad__tok *tk)
{
	utf8proc_int32_t cps[256];
	utf8proc_ssize_t r, j;
	size_t k, at = ctx->fold.len;
	int ascii = 1;

	int upper = 0;

	/* Tokens here are a few bytes: a plain loop that stops at the first
	** non-ASCII byte (whose key utf8proc makes) beats a vectorized one. */
	for (k = a; k < b; k++) {
		unsigned char c = (unsigned char)t[k];
		if (c >= 0x80) {
			ascii = 0;
			break;
		}
		upper |= (unsigned)c - 'A' < 26u;
	}
	if (ascii && !upper) {
		/* Already its own key: point into the normalized text. */
		tk->fold = (uint32_t)a;
		tk->fold_len = (uint32_t)(b - a);
		tk->fold_in_norm = 1;
		return 0;
	}
	tk->fold_in_norm = 0;
	if (!ascii && dyad__buf_reserve(&ctx->fold, (b - a) * 4 + 1) != 0)
		return -1;
	tk->fold = (uint32_t)at;
	if (ascii) {
		char *f = ctx->fold.p + at;
		for (k = a; k < b; k++) {
			char c = t[k];
			*f++ = (c >= 'A' && c <= 'Z') ? (char)(c | 0x20) : c;
		}
		ctx->fold.len += b - a;
	} else {
		r = utf8proc_decompose_custom((const utf8proc_uint8_t *)t + a,
					      (utf8proc_ssize_t)(b - a), cps, 256,
					      DYAD__FOLD_FLAGS, dyad__fold_custom, NULL);
		if (r < 0 || r > 256 || (size_t)r * 4 > (b - a) * 4) {
			memcpy(ctx->fold.p + ctx->fold.len, t + a, b - a);
			ctx->fold.len += b - a;
		} else {
			for (j = 0; j < r; j++)
				ctx->fold.len += (size_t)dyad__utf8_encode(cps[j], ctx->fold.p + ctx->fold.len);
		}
	}
	tk->fold_len = (uint32_t)(ctx->fold.len - at);
	return 0;
}

/* Bytes of a plain word: 1 for ASCII lower-case letters and digits, 3
** for upper-case letters (bit 2 says the key must be lowered). */
static const unsigned char word_byte[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
	['7'] = 1, ['8'] = 1, ['9'] = 1,
	['A'] = 3, ['B'] = 3, ['C'] = 3, ['D'] = 3, ['E'] = 3, ['F'] = 3, ['G'] = 3,
	['H'] = 3, ['I'] = 3, ['J'] = 3, ['K'] = 3, ['L'] = 3, ['M'] = 3, ['N'] = 3,
	['O'] = 3, ['P'] = 3, ['Q'] = 3, ['R'] = 3, ['S'] = 3, ['T'] = 3, ['U'] = 3,
	['V'] = 3, ['W'] = 3, ['X'] = 3, ['Y'] = 3, ['Z'] = 3,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1,
	['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
	['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
	['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

/* Fills tk for t[i, k), a token that is its own key; returns k. */
static size_t own_key(dyad__tok *tk, size_t i, size_t k, int kind)
{
	tk->start = (uint32_t)i;
	tk->end = (uint32_t)k;
	tk->kind = (uint8_t)kind;
	tk->fold = (uint32_t)i;
	tk->fold_len = (uint32_t)(k - i);
	tk->fold_in_norm = 1;
	return k;
}

/*
** Word ends and lower-casing a word at a time: 16 bytes with SSE2 where
** the compiler has it, then 8 bytes in a 64-bit word on little-endian
** machines, then byte by byte. Each step stops at the first byte that is
** not an ASCII letter or digit, and reads only bytes before b.
*/
#ifdef __SSE2__
/* Masks (one bit a byte) of the letters and digits and of the capitals
** among the 16 bytes at t. A range test is one add and one signed
** compare: adding 0x80 - lo moves [lo, lo + n) onto the n lowest signed
** bytes and every other byte above them (the add is a bijection). */
static inline __m128i in_range(__m128i x, unsigned char lo, int n)
{
	return _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8((char)(0x80 - lo))),
			      _mm_set1_epi8((char)(n - 128)));
}

static unsigned word_mask16(const unsigned char *t, unsigned *caps)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)t);
	__m128i letter = in_range(_mm_or_si128(x, _mm_set1_epi8(0x20)), 'a', 26);

	*caps = (unsigned)_mm_movemask_epi8(in_range(x, 'A', 26));
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(letter, in_range(x, '0', 10)));
}
#endif

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && \
	defined(__GNUC__)
#define WORDWISE 1
#define ONES 0x0101010101010101ull
#define LOWS 0x7F7F7F7F7F7F7F7Full
#define HIGHS 0x8080808080808080ull

/* High bit set in each byte of x, taken as 7 bits, that is >= n
** (n <= 0x80): no carry crosses a byte, so each byte is exact. */
static inline uint64_t bytes_ge(uint64_t x, unsigned n)
{
	return ((x & LOWS) + ONES * (0x80 - n)) & HIGHS;
}

/* The high bit of each letter or digit byte of x, and of each capital in
** *caps. */
static uint64_t word_mask8(uint64_t x, uint64_t *caps)
{
	uint64_t y = x | (ONES * 0x20);

	*caps = bytes_ge(x, 'A') & ~bytes_ge(x, 'Z' + 1) & ~x & HIGHS;
	return ((bytes_ge(y, 'a') & ~bytes_ge(y, 'z' + 1)) |
		(bytes_ge(x, '0') & ~bytes_ge(x, '9' + 1))) & ~x & HIGHS;
}
#endif

/*
** End of the run of ASCII letters and digits from t[i]; *upper gets
** non-zero when the run holds a capital.
*/
static size_t word_end(const unsigned char *t, size_t i, size_t b, unsigned *upper)
{
	size_t k = i;
	unsigned v, seen = 0;

	(void)b; /* only the word-wide steps need it */
#ifdef __SSE2__
	for (; k + 16 <= b; k += 16) {
		unsigned caps, stop = ~word_mask16(t + k, &caps) & 0xFFFF;
		if (stop) {
			*upper = seen | (caps & ((stop & (0 - stop)) - 1));
			return k + (size_t)__builtin_ctz(stop);
		}
		seen |= caps;
	}
#endif
#ifdef WORDWISE
	for (; k + 8 <= b; k += 8) {
		uint64_t x, caps, stop;
		memcpy(&x, t + k, 8);
		stop = ~word_mask8(x, &caps) & HIGHS;
		if (stop) {
			*upper = seen | ((caps & ((stop & (0 - stop)) - 1)) != 0);
			return k + ((size_t)__builtin_ctzll(stop) >> 3);
		}
		seen |= caps != 0;
	}
#endif
	while ((v = word_byte[t[k]]) != 0) {
		seen |= v & 2;
		k++;
	}
	*upper = seen;
	return k;
}

/* Writes t[i, k) in lower case to f, in steps of 8 bytes while 8 remain
** before b; f must have 7 bytes of room past k - i. */
static void lower_copy(char *f, const unsigned char *t, size_t i, size_t k, size_t b)
{
#ifdef WORDWISE
	for (; i < k && i + 8 <= b; i += 8, f += 8) {
		uint64_t x, caps;
		memcpy(&x, t + i, 8);
		word_mask8(x, &caps);
		x |= caps >> 2;
		memcpy(f, &x, 8);
	}
#else
	(void)b;
#endif
	for (; i < k; i++)
		*f++ = (char)(word_byte[t[i]] == 3 ? t[i] | 0x20 : t[i]);
}

/* Bytes after a run of ASCII letters and digits that may extend the word:
** 1 for a non-ASCII byte, a hyphen or an apostrophe, 2 for the full stop
** that may end a dotted abbreviation; 0 for the others. */
static const unsigned char word_tail[256] = {
	['-'] = 1, ['\''] = 1, ['.'] = 2,
#define T16 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
	[0x80] = T16, [0x90] = T16, [0xA0] = T16, [0xB0] = T16,
	[0xC0] = T16, [0xD0] = T16, [0xE0] = T16, [0xF0] = T16,
#undef T16
};

/* Does the possessive "'s" (or "'S") start at t[k], with an ASCII byte
** after it that is no letter or digit? clitic_at's test, where every
** byte is ASCII; the scans leave the other cases to it. */
static int clitic_s(const unsigned char *t, size_t k)
{
	return t[k] == '\'' && (t[k + 1] | 0x20) == 's' && t[k + 2] < 0x80 &&
	       !word_byte[t[k + 2]];
}

/*
** The common token: ASCII letters and digits from a letter at t[i], ended
** by an ASCII byte that cannot extend it (not a hyphen or apostrophe, nor
** the full stop of a dotted abbreviation). Scans it once and makes its
** key in the same pass. Returns its end, or 0 when the general scanner
** must decide.
*/
static size_t ascii_word(dyad_ctx *ctx, const unsigned char *t, size_t i, size_t b,
			 dyad__tok *tk)
{
	unsigned upper, e, v;
	size_t k = word_end(t, i, b, &upper);

	/* An inner hyphen before an ASCII letter or digit joins the runs, as
	** scan_word joins them ("al-Sisi", "pro-Morsi"); the pieces are short,
	** and t[b] ends them. */
	while (t[k] == '-' && word_byte[t[k + 1]])
		for (k++; (v = word_byte[t[k]]) != 0; k++)
			upper |= v & 2;
	/* One load for the common end (a space or a mark that ends it). */
	e = word_tail[t[k]];
	if (e && ((e == 1 && !clitic_s(t, k)) || (e == 2 && k - i <= 2)))
		return 0;
	if (!upper)
		return own_key(tk, i, k, DYAD_TOK_WORD);
	tk->start = (uint32_t)i;
	tk->end = (uint32_t)k;
	tk->kind = DYAD_TOK_WORD;
	tk->fold_len = (uint32_t)(k - i);
	tk->fold_in_norm = 0;
	tk->fold = (uint32_t)ctx->fold.len;
	lower_copy(ctx->fold.p + ctx->fold.len, t, i, k, b);
	ctx->fold.len += tk->fold_len;
	return k;
}

static int is_digit(unsigned c)
{
	return c - '0' < 10u;
}

static int is_alpha_byte(unsigned c)
{
	return (c | 0x20) - 'a' < 26u;
}

/* An ASCII number ("8,525", "5.93") that no letter, hyphen or non-ASCII
** digit follows, as scan_number would take it; else 0. */
static size_t ascii_number(const unsigned char *t, size_t i, dyad__tok *tk)
{
	size_t k = i;
	unsigned e;

	for (;; k++) {
		e = t[k];
		if (!is_digit(e) && !((e == ',' || e == '.' || e == ':' || e == '/') &&
				      is_digit(t[k + 1])))
			break;
	}
	if (e >= 0x80 || (unsigned)((e | 0x20) - 'a') < 26u || e == '-' ||
	    ((e == ',' || e == '.' || e == ':' || e == '/') && t[k + 1] >= 0x80))
		return 0;
	return own_key(tk, i, k, DYAD_TOK_NUMBER);
}

/* The possessive at an apostrophe after an ASCII letter or digit, as
** next_token takes it: "'s" or, after an 's', the lone "'"; 0 when the
** general scanner must decide (a capital "'S", which needs a key of its
** own, or a non-ASCII byte after it). */
static size_t possessive(const unsigned char *t, size_t i, dyad__tok *tk)
{
	if (i == 0 || !word_byte[t[i - 1]])
		return 0;
	if (t[i + 1] == 's' && t[i + 2] < 0x80 && !word_byte[t[i + 2]])
		return own_key(tk, i, i + 2, DYAD_TOK_POSSESSIVE);
	if (t[i - 1] == 's' && t[i + 1] < 0x80 && !word_byte[t[i + 1]])
		return own_key(tk, i, i + 1, DYAD_TOK_POSSESSIVE);
	return 0;
}

/* ASCII punctuation or a symbol, but for '#' and '@', which may start a
** hashtag or a handle (possessive decides an apostrophe). */
static size_t ascii_mark(const unsigned char *t, size_t i, dyad__tok *tk)
{
	unsigned c = t[i];
	size_t k = i + 1;

	if (c == '\'')
		return possessive(t, i, tk);
	if (c == '#' || c == '@')
		return 0;
	if (ascii_class[c] == C_SYMBOL)
		return own_key(tk, i, k, DYAD_TOK_SYMBOL);
	if (c == '.' || c == '-')
		while (t[k] == c)
			k++;
	return own_key(tk, i, k, DYAD_TOK_PUNCT);
}

/*
** ASCII numbers and marks, with their keys (words are ascii_word's).
** Returns the token's end, or 0. Scans need no bound: a block is always
** followed by the '\n' before the next block or by the text's final NUL,
** which ends every token.
*/
static size_t fast_token(const unsigned char *t, size_t i, dyad__tok *tk)
{
	unsigned c = t[i];

	if (c >= 0x80)
		return 0;
	switch (ascii_class[c]) {
	case C_DIGIT:
		return ascii_number(t, i, tk);
	case C_PUNCT:
	case C_SYMBOL:
		return ascii_mark(t, i, tk);
	default:
		return 0;
	}
}

/*
** The general scanner for the token at t[i] of the block [a, b), with its
** key; returns the token's end, or 0 when out of memory.
*/
static size_t general_token(dyad_ctx *ctx, size_t a, size_t i, size_t b, dyad__tok *tk)
{
	const char *t = ctx->norm.p;
	int kind = DYAD_TOK_SYMBOL;
	size_t k;

	if (t[i] == 'n' && i + 2 < b && t[i + 1] == '\'' && t[i + 2] == 't' &&
	    i > a && is_letter_at(t, i - 1, b) && !is_alnum_at(t, i + 3, b)) {
		k = i + 3; /* the "n't" split off by scan_word */
		kind = DYAD_TOK_WORD;
	} else {
		k = next_token(t, i, b, &kind);
	}
	if (k <= i)
		k = i + 1;
	memset(tk, 0, sizeof *tk);
	tk->start = (uint32_t)i;
	tk->end = (uint32_t)k;
	tk->kind = (uint8_t)kind;
	/* A non-ASCII key may be longer than its token: keep the room the
	** ASCII keys of the rest of the block count on. */
	if (add_fold(ctx, t, i, k, tk) != 0 ||
	    dyad__buf_reserve(&ctx->fold, b - k + 8) != 0)
		return 0;
	return k;
}

/* Any token but a plain ASCII word at t[i]; returns its end (0 when out
** of memory). *space is set when t[i] is a non-ASCII space to step over. */
static size_t other_token(dyad_ctx *ctx, size_t a, size_t i, size_t b, dyad__tok *tk,
			  int *space)
{
	const char *t = ctx->norm.p;
	size_t k = fast_token((const unsigned char *)t, i, tk);
	int len;

	*space = 0;
	if (k)
		return k;
	if (class_at(t, i, b, &len) == C_SPACE) {
		*space = 1;
		return i + (size_t)(len ? len : 1);
	}
	return general_token(ctx, a, i, b, tk);
}

/*
** Tokenizes normalized [a, b) onto ctx->toks. ctx->scratch gets the
** indices of the tokens that may end a sentence (all but words without a
** final full stop), then the index past the block's last token: the
** sentence splitter visits only those.
*/
static int tokenize(dyad_ctx *ctx, size_t a, size_t b)
{
	const char *t = ctx->norm.p;
	size_t i = a, t0 = DYAD__VEC_LEN(&ctx->toks, dyad__tok), nc = 0;
	dyad__tok *tk, *tk0;
	uint32_t *cand;

	/* The scans stop at the byte after the block without a bound. */
	assert(t[b] == '\n' || t[b] == '\0');
	/* Tokens and ASCII keys never outnumber the block's bytes; keys are
	** written 8 bytes at a time. */
	ctx->scratch.len = 0;
	if (dyad__buf_reserve(&ctx->toks, (b - a) * sizeof(dyad__tok)) != 0 ||
	    dyad__buf_reserve(&ctx->fold, b - a + 8) != 0 ||
	    dyad__buf_reserve(&ctx->scratch, (b - a + 1) * sizeof(uint32_t)) != 0)
		return -1;
	cand = (uint32_t *)(void *)ctx->scratch.p;
	/* Built in place, counted in a local: the key writes could alias
	** ctx->toks.len, which would then be reloaded for every token. */
	tk = tk0 = (dyad__tok *)(ctx->toks.p + ctx->toks.len);
	while (i < b) {
		unsigned c = (unsigned char)t[i];
		size_t k;
		int space;

		if (c == ' ') {
			i++;
			continue;
		}
		/* A plain word has no full stop: it never ends a sentence. */
		if (c >= 0x80 || ascii_class[c] != C_LETTER ||
		    (k = ascii_word(ctx, (const unsigned char *)t, i, b, tk)) == 0) {
			if ((k = other_token(ctx, a, i, b, tk, &space)) == 0)
				break;
			if (space) {
				i = k;
				continue;
			}
			if (tk->kind != DYAD_TOK_WORD || t[tk->end - 1] == '.')
				cand[nc++] = (uint32_t)(t0 + (size_t)(tk - tk0));
		}
		tk++;
		/* Most tokens are followed by one space: step over it here
		** rather than in another turn of the loop (t[b] is no space). */
		i = k + (t[k] == ' ');
	}
	cand[nc] = (uint32_t)(t0 + (size_t)(tk - tk0));
	ctx->toks.len += (size_t)(tk - tk0) * sizeof *tk;
	return i < b ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* Sentence boundaries                                                 */
/* ------------------------------------------------------------------ */

static int tok_is(const char *t, const dyad__tok *k, const char *s)
{
	size_t n = strlen(s);
	return k->end - k->start == n && memcmp(t + k->start, s, n) == 0;
}

static int is_terminal(const char *t, const dyad__tok *k)
{
	return k->kind == DYAD_TOK_PUNCT &&
	       (tok_is(t, k, ".") || tok_is(t, k, "!") || tok_is(t, k, "?") ||
		tok_is(t, k, "...") || tok_is(t, k, "\xD8\x9F") /* ؟ */ ||
		tok_is(t, k, "\xDB\x94") /* ۔ */);
}

static int is_closer(const char *t, const dyad__tok *k)
{
	return k->kind == DYAD_TOK_PUNCT &&
	       (tok_is(t, k, "\"") || tok_is(t, k, "'") || tok_is(t, k, ")") ||
		tok_is(t, k, "]"));
}

/* Is the token a known abbreviation ("Nov", "Gen") or an initial ("J")? */
static int is_abbrev(const dyad_ctx *ctx, const dyad__tok *k)
{
	const char *f = dyad__tok_fold(ctx->norm.p, ctx->fold.p, k);
	const char *t = ctx->norm.p + k->start;

	if (k->kind != DYAD_TOK_WORD || k->fold_len == 0)
		return 0; /* a lone combining mark folds to nothing */
	if (k->end - k->start == 1 && ((t[0] | 0x20) >= 'a' && (t[0] | 0x20) <= 'z'))
		return 1; /* an initial, or "p." for page */
	if (f[k->fold_len - 1] == '.')
		return 1; /* dotted: "u.s." */
	return dyad__strset_has(&ctx->eng->abbrevs, f, k->fold_len);
}

static int starts_lower(const char *t, const dyad__tok *k)
{
	return t[k->start] >= 'a' && t[k->start] <= 'z';
}

/*
** Does a sentence end between tokens tk[j-1] and tk[j]? term is the
** terminal mark (or dotted abbreviation) that may end it.
*/
static int boundary(const dyad_ctx *ctx, const dyad__tok *tk, size_t first,
		    size_t term, size_t j, int in_parens)
{
	const char *t = ctx->norm.p;
	const dyad__tok *nx = &tk[j];
	int after_abbrev;

	if (starts_lower(t, nx) || (nx->kind == DYAD_TOK_PUNCT &&
				    strchr(",;:)]%", t[nx->start])))
		return 0;
	if (is_terminal(t, &tk[term]) && !tok_is(t, &tk[term], ".") &&
	    !tok_is(t, &tk[term], "..."))
		return 1;
	after_abbrev = tk[term].kind == DYAD_TOK_WORD ||
		       (term > first && tk[term - 1].end == tk[term].start &&
			is_abbrev(ctx, &tk[term - 1]));
	if (!after_abbrev && !in_parens)
		return 1;
	/* After "U.S." or "Gen." only a word that opens sentences splits. */
	return nx->kind == DYAD_TOK_WORD &&
	       dyad__strset_has(&ctx->eng->starters,
				dyad__tok_fold(ctx->norm.p, ctx->fold.p, nx), nx->fold_len);
}

static int add_sentence(dyad_ctx *ctx, size_t tok0, size_t ntok, size_t para)
{
	const dyad__tok *tk = (const dyad__tok *)ctx->toks.p;
	dyad__sent s;

	if (!ntok || DYAD__VEC_LEN(&ctx->sents, dyad__sent) >= DYAD_MAX_SENTENCES)
		return 0;
	memset(&s, 0, sizeof s);
	s.start = tk[tok0].start;
	s.end = tk[tok0 + ntok - 1].end;
	s.tok0 = (uint32_t)tok0;
	s.ntok = (uint32_t)ntok;
	s.para = (uint16_t)(para > 0xFFFF ? 0xFFFF : para);
	return dyad__buf_append(&ctx->sents, &s, sizeof s);
}

/* A sentence may only end where an original character ends. */
static int cuts(const dyad_ctx *ctx, size_t pos)
{
	return dyad__map_cuts((const dyad__seg *)ctx->map.p,
			      DYAD__VEC_LEN(&ctx->map, dyad__seg), pos);
}

/*
** May an over-long sentence be cut between tk[0] and tk[1]? The piece
** after the cut, normalized alone, must read as it does in the document,
** so not where a token glued to the one before starts where text.c looks
** back: a URL is only dropped at a word start (")http://..." is kept),
** and a lone hyphen after a letter may end a line ("word-\n" loses its
** line break). After a space both read as at the start of a text. Such
** refusals never come more than twice in a row, so the cap still holds
** within a token or two.
*/
static int cap_cuts(const dyad_ctx *ctx, const dyad__tok *tk)
{
	const unsigned char *t = (const unsigned char *)ctx->norm.p;
	unsigned c = t[tk[1].start], last = t[tk[0].end - 1];

	if (!cuts(ctx, tk[0].end))
		return 0;
	if (tk[0].end < tk[1].start)
		return 1;
	if (c == '-')
		return tk[1].end - tk[1].start > 1 || !(is_alpha_byte(last) || last >= 0x80);
	return !(c == 'h' || c == 'w' || c == 'p' || c == 't');
}

/* Cuts the tokens [a, b) of one block into sentences; next lists the
** tokens that may end one, then b (see tokenize). */
static int split_block(dyad_ctx *ctx, size_t a, size_t b, size_t para,
		       const uint32_t *next)
{
	const dyad__tok *tk = (const dyad__tok *)ctx->toks.p;
	const char *t = ctx->norm.p;
	size_t first = a, i;
	int depth = 0, open;

	for (i = a; i < b; i++) {
		size_t j, stop = first + DYAD_MAX_SENT_TOKENS - 1;
		int cand;
		/* Most tokens are words that do not end in a full stop: they
		** neither end a sentence nor open or close a parenthesis, and
		** before the cap they need no look. */
		if (i < stop) {
			while (*next < i)
				next++;
			i = *next < stop ? *next : stop;
		}
		if (i >= b)
			break;
		j = i + 1;
		if (tk[i].kind == DYAD_TOK_WORD) {
			cand = t[tk[i].end - 1] == '.';
		} else {
			if (tok_is(t, &tk[i], "("))
				depth++;
			else if (tok_is(t, &tk[i], ")") && depth > 0)
				depth--;
			cand = is_terminal(t, &tk[i]);
		}
		if (i + 1 - first >= DYAD_MAX_SENT_TOKENS && (j >= b || cap_cuts(ctx, &tk[i]))) {
			if (add_sentence(ctx, first, i + 1 - first, para) != 0)
				return -1;
			first = i + 1;
			continue;
		}
		if (!cand || j >= b)
			continue;
		open = depth;
		for (; j < b && is_closer(t, &tk[j]) && tk[j].start == tk[j - 1].end; j++)
			if (tok_is(t, &tk[j], ")") && open > 0)
				open--;
		if (j < b && cuts(ctx, tk[j - 1].end) && cuts(ctx, tk[j].start) &&
		    boundary(ctx, tk, first, i, j, open > 0)) {
			if (add_sentence(ctx, first, j - first, para) != 0)
				return -1;
			first = j;
			i = j - 1;
			depth = 0;
		}
	}
	return add_sentence(ctx, first, b - first, para);
}

/* dyad_config.one_sentence: every token in one sentence (cut only at the
** token cap, so a hostile record still stays bounded). */
static int one_sentence(dyad_ctx *ctx)
{
	size_t n = DYAD__VEC_LEN(&ctx->toks, dyad__tok), i;

	for (i = 0; i < n; i += DYAD_MAX_SENT_TOKENS)
		if (add_sentence(ctx, i, n - i < DYAD_MAX_SENT_TOKENS ? n - i
					: DYAD_MAX_SENT_TOKENS, 0) != 0)
			return -1;
	return 0;
}

dyad_status dyad__segment(dyad_ctx *ctx)
{
	const dyad__block *bk = (const dyad__block *)ctx->blocks.p;
	size_t nb = DYAD__VEC_LEN(&ctx->blocks, dyad__block), i;
	dyad_doc *doc = &ctx->doc;

	ctx->toks.len = ctx->sents.len = ctx->fold.len = 0;
	for (i = 0; i < nb; i++) {
		size_t t0 = DYAD__VEC_LEN(&ctx->toks, dyad__tok);
		if (tokenize(ctx, bk[i].start, bk[i].end) != 0 ||
		    (!ctx->eng->one_sentence &&
		     split_block(ctx, t0, DYAD__VEC_LEN(&ctx->toks, dyad__tok), i,
				 (const uint32_t *)(const void *)ctx->scratch.p) != 0))
			return dyad__msg(ctx->msg, DYAD_NOMEM, "out of memory");
	}
	if (ctx->eng->one_sentence && one_sentence(ctx) != 0)
		return dyad__msg(ctx->msg, DYAD_NOMEM, "out of memory");
	doc->norm = ctx->norm.p;
	doc->norm_len = ctx->norm.len;
	doc->map = (const dyad__seg *)ctx->map.p;
	doc->nmap = DYAD__VEC_LEN(&ctx->map, dyad__seg);
	doc->blocks = bk;
	doc->nblocks = nb;
	doc->sents = (const dyad__sent *)ctx->sents.p;
	doc->nsents = DYAD__VEC_LEN(&ctx->sents, dyad__sent);
	doc->toks = (const dyad__tok *)ctx->toks.p;
	doc->ntoks = DYAD__VEC_LEN(&ctx->toks, dyad__tok);
	doc->fold = ctx->fold.p;
	doc->rms = (const dyad__rm *)ctx->rms.p;
	doc->nrms = DYAD__VEC_LEN(&ctx->rms, dyad__rm);
	return DYAD_OK;
}
