/*
** text.c — from original article bytes to normalized text with an offset
** map. First stage of the pipeline.
**
** Two passes. The structure pass reads lines of the original: it decides
** which line breaks are hard-wrapping (PDF, wire copy) and which end a
** paragraph, groups lines into blocks, and marks whole blocks or block
** tails as boilerplate (photo captions and credits, tweet signatures, wire
** sign-offs). The character pass then walks each kept block once: it
** repairs UTF-8 (invalid bytes become U+FFFD and are counted), applies
** NFKC through utf8proc, maps curly quotes, dashes and exotic spaces to
** ASCII, drops soft hyphens, zero-width and bidi controls, collapses
** whitespace, rejoins words hyphenated across line ends (a word list
** decides: "humani-/tarian" joins, "Amir-/Abdollahian" keeps its hyphen)
** and drops URLs.
**
** Every normalized byte is covered by one segment of the offset map, so
** any normalized span maps back to original bytes. The character pass is
** context-free within a block: normalizing the original bytes of any
** sentence alone yields that sentence's text, which the tests check. So
** whatever it looks back at, at the start of a sentence it must see what
** a text's start shows (see word_goes_on; segment.c cuts over-long
** sentences only where that holds).
**
** Most of an article is printable ASCII that needs no work; the
** character pass finds the end of such a run 16 bytes at a time (SSE2)
** or 8 (a 64-bit word), and copies it whole.
*/
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "dyad_int.h"

/* ------------------------------------------------------------------ */
/* UTF-8                                                               */
/* ------------------------------------------------------------------ */

int dyad__utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
	unsigned c = s[0];
	int len, i;
	int32_t v;

	if (c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07;
	} else {
		*cp = -1;
		return 1;
	}
	if ((size_t)len > n) {
		*cp = -1;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = -1;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are invalid. */
	if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
	    (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = -1;
		return 1;
	}
	*cp = v;
	return len;
}

int dyad__utf8_encode(int32_t cp, char *out)
{
	return (int)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

/* ------------------------------------------------------------------ */
/* Emitter: appends normalized bytes and the offset map together       */
/* ------------------------------------------------------------------ */

/* dyad__buf_append with the common case, room to spare, inline: the
** character pass appends once per run and the line scan once per line. */
static inline int push(dyad__buf *b, const void *p, size_t n)
{
	if (b->cap - b->len < n)
		return dyad__buf_append(b, p, n);
	memcpy(b->p + b->len, p, n);
	b->len += n;
	return 0;
}

typedef struct emitter {
	const dyad_engine *eng;
	const unsigned char *src; /* original document bytes */
	dyad__buf *out;           /* normalized bytes */
	dyad__buf *map;           /* dyad__seg[], NULL for fragments */
	dyad__buf *rms;           /* dyad__rm[], NULL for fragments */
	size_t sp_start, sp_end;  /* original whitespace behind a pending ' ' */
	int pending;              /* a space is owed before the next byte */
	int emitted;              /* bytes emitted in this block */
	int after_url;            /* a URL was just dropped */
	size_t invalid;           /* invalid UTF-8 sequences seen */
	int nomem;                /* an append failed */
} emitter;

static void add_seg(emitter *e, size_t norm, size_t src, size_t nlen,
		    size_t slen, int ident)
{
	dyad__seg *last, seg;

	if (!e->map)
		return;
	if (e->map->len) {
		last = (dyad__seg *)(e->map->p + e->map->len) - 1;
		if (ident && last->ident && last->norm + last->nlen == norm &&
		    last->src + last->slen == src) {
			last->nlen += (uint32_t)nlen;
			last->slen += (uint32_t)slen;
			return;
		}
	}
	seg.norm = (uint32_t)norm;
	seg.src = (uint32_t)src;
	seg.nlen = (uint32_t)nlen;
	seg.slen = (uint32_t)slen;
	seg.ident = (uint32_t)ident;
	if (push(e->map, &seg, sizeof seg) != 0)
		e->nomem = 1;
}

/* Writes the space owed for collapsed whitespace, if any. */
static void flush_space(emitter *e)
{
	size_t at = e->out->len;
	int ident;

	if (!e->pending)
		return;
	e->pending = 0;
	ident = e->sp_end - e->sp_start == 1;
	if (push(e->out, " ", 1) != 0) {
		e->nomem = 1;
		return;
	}
	add_seg(e, at, e->sp_start, 1, e->sp_end - e->sp_start, ident);
}

static void emit_bytes(emitter *e, const char *p, size_t n, size_t src,
		       size_t slen, int ident)
{
	size_t at;

	/* A dropped URL leaves "at ." behind unless the space goes too. */
	if (e->after_url && e->pending && n && strchr(".,;:!?)", p[0]))
		e->pending = 0;
	e->after_url = 0;
	flush_space(e);
	at = e->out->len;
	if (push(e->out, p, n) != 0) {
		e->nomem = 1;
		return;
	}
	add_seg(e, at, src, n, slen, ident);
	e->emitted = 1;
}

static void emit_ident(emitter *e, size_t src, size_t n)
{
	emit_bytes(e, (const char *)e->src + src, n, src, n, 1);
}

static void owe_space(emitter *e, size_t a, size_t b)
{
	if (!e->emitted)
		return;
	if (!e->pending) {
		e->pending = 1;
		e->sp_start = a;
	}
	e->sp_end = b;
}

static void note_removed(emitter *e, size_t a, size_t b, const char *kind)
{
	dyad__rm rm;

	if (!e->rms)
		return;
	rm.start = (uint32_t)a;
	rm.end = (uint32_t)b;
	rm.kind = kind;
	if (dyad__buf_append(e->rms, &rm, sizeof rm) != 0)
		e->nomem = 1;
}

/* ------------------------------------------------------------------ */
/* Character classes                                                   */
/* ------------------------------------------------------------------ */

static int is_ascii_space(unsigned c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static int is_alpha(unsigned c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* Code points normalized to a space. */
static int is_uspace(int32_t cp)
{
	return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	       cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
	       cp == 0x3000 || cp == 0x85 || (cp >= 0x80 && cp <= 0x9F);
}

/*
** Code points dropped outright. ZWNJ and ZWJ are kept: they are spelling
** in Persian and in emoji sequences.
*/
static int is_invisible(int32_t cp)
{
	return cp == 0x200B || cp == 0x200E || cp == 0x200F || cp == 0x2060 ||
	       cp == 0xFEFF || cp == 0x061C || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/* ASCII stand-in for typographic punctuation, or NULL. */
static const char *ascii_for(int32_t cp)
{
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
	case 0x02BC: case 0xFF07: case 0x00B4: /* acute accent typed as apostrophe */
		return "'";
	case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB:
	case 0x00BB: case 0x2033: case 0xFF02:
		return "\"";
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212:
	case 0xFE63: case 0xFF0D:
		return "-";
	case 0x2014: case 0x2015:
		return "--";
	case 0x2026:
		return "...";
	default:
		return NULL;
	}
}

/* ------------------------------------------------------------------ */
/* URLs and hyphenation                                                */
/* ------------------------------------------------------------------ */

static int has_prefix(const unsigned char *s, size_t n, const char *p)
{
	size_t k = strlen(p);
	return n >= k && memcmp(s, p, k) == 0;
}

/* Length of a URL starting at s, or 0. Trailing sentence punctuation is
** left to the sentence. */
static size_t url_len(const unsigned char *s, size_t n)
{
	size_t k = 0;

	if (!(has_prefix(s, n, "http://") || has_prefix(s, n, "https://") ||
	      has_prefix(s, n, "www.") || has_prefix(s, n, "pic.twitter.com/") ||
	      has_prefix(s, n, "t.co/")))
		return 0;
	while (k < n && s[k] > ' ' && s[k] < 0x7F && s[k] != '"' &&
	       s[k] != '<' && s[k] != '>')
		k++;
	while (k > 4 && strchr(".,;:!?')]", s[k - 1]))
		k--;
	return k;
}

/*
** At a '-' (or soft hyphen) ending a line: returns the offset of the first
** letter on the next line, or 0 when this is not a line-end hyphen.
*/
static size_t next_line_word(const unsigned char *s, size_t i, size_t b)
{
	size_t k = i;
	int nl = 0;

	while (k < b && is_ascii_space(s[k])) {
		if (s[k] == '\n')
			nl++;
		k++;
	}
	if (nl != 1 || k >= b)
		return 0;
	return (is_alpha(s[k]) || s[k] >= 0xC0) ? k : 0;
}

/*
** Does the word of the ASCII letters s[a, hy) begin before them, in a
** non-ASCII letter ("Mossadé-")? Then the word list cannot judge the join.
** Asked of the normalized output, not the original: a sentence may start
** at these letters (after "۔", an invalid byte, a curly quote), and when
** its bytes are normalized alone there is nothing before them, so only
** a character that keeps them in the same token may say yes.
*/
static int word_goes_on(const emitter *e, size_t a, size_t hy)
{
	const unsigned char *o = (const unsigned char *)e->out->p;
	size_t end, k;
	int32_t cp;
	utf8proc_category_t c;

	/* An ASCII byte stopped the letters (or the length cap did). */
	if (a == 0 || e->src[a - 1] < 0x80 || e->out->len <= hy - a)
		return 0;
	end = e->out->len - (hy - a);
	if (o[end - 1] < 0x80)
		return is_alpha(o[end - 1]) || (o[end - 1] >= '0' && o[end - 1] <= '9');
	k = end - 1;
	while (k > 0 && end - k < 4 && (o[k] & 0xC0) == 0x80)
		k--;
	if (dyad__utf8_decode(o + k, end - k, &cp) != (int)(end - k) || cp < 0)
		return 0;
	c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ND) ||
	       c == UTF8PROC_CATEGORY_CF;
}

/* Decides whether w1 + w2 is one word split by the line end. */
static int joins(const emitter *e, size_t hy, size_t w2, size_t b)
{
	const unsigned char *s = e->src;
	char buf[64];
	size_t a = hy, n = 0, k;

	while (a > 0 && is_alpha(s[a - 1]) && hy - a < 32)
		a--;
	if (a == hy || word_goes_on(e, a, hy) || !(s[w2] >= 'a' && s[w2] <= 'z'))
		return 0;
	for (k = a; k < hy; k++)
		buf[n++] = (char)(s[k] | 0x20);
	for (k = w2; k < b && is_alpha(s[k]) && n < sizeof buf; k++)
		buf[n++] = (char)(s[k] | 0x20);
	if (n == sizeof buf)
		return 0;
	return dyad__strset_has(&e->eng->words, buf, n);
}

/* Is the character ending just before i a non-ASCII letter ("Mossadé-")?
** Punctuation such as an ellipsis before a dash does not make it a
** line-end hyphen. */
static int letter_before(const unsigned char *s, size_t i)
{
	size_t a = i;
	int32_t cp;
	utf8proc_category_t c;

	while (a > 0 && i - a < 4 && (s[a - 1] & 0xC0) == 0x80)
		a--;
	if (a == 0 || s[a - 1] < 0xC0)
		return 0;
	if (dyad__utf8_decode(s + a - 1, i - a + 1, &cp) != (int)(i - a + 1) || cp < 0)
		return 0;
	c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* Handles a '-' at i; returns the offset to continue from. */
static size_t do_hyphen(emitter *e, size_t i, size_t b)
{
	size_t w2 = 0;

	if (i > 0 && (is_alpha(e->src[i - 1]) || letter_before(e->src, i)))
		w2 = next_line_word(e->src, i + 1, b);
	if (!w2) {
		emit_ident(e, i, 1);
		return i + 1;
	}
	if (!joins(e, i, w2, b))
		emit_ident(e, i, 1);
	return w2;
}

/* ------------------------------------------------------------------ */
/* Non-ASCII                                                           */
/* ------------------------------------------------------------------ */

#define CLUSTER_MAX 32

/* NFKC of one starter and its combining marks at s[i..]; returns bytes
** consumed. Unchanged text is copied as is, so the map stays compact. */
static size_t do_cluster(emitter *e, size_t i, size_t b, int32_t cp, int len)
{
	utf8proc_int32_t buf[CLUSTER_MAX * 4];
	char out[CLUSTER_MAX * 16];
	size_t k = i + (size_t)len, o = 0;
	utf8proc_ssize_t r, j;
	int bc = 0, ncp = 1;

	for (;;) {
		int32_t nx;
		int l;
		if (k >= b || e->src[k] < 0x80 || ncp >= CLUSTER_MAX)
			break;
		l = dyad__utf8_decode(e->src + k, b - k, &nx);
		if (nx < 0 || utf8proc_get_property(nx)->combining_class == 0)
			break;
		k += (size_t)l;
		ncp++;
	}
	if (ncp == 1) {
		r = utf8proc_decompose_char(cp, buf, CLUSTER_MAX,
					    UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, &bc);
		if (r == 1 && buf[0] == cp) {
			emit_ident(e, i, (size_t)len);
			return (size_t)len;
		}
	}
	r = utf8proc_decompose(e->src + i, (utf8proc_ssize_t)(k - i), buf,
			       CLUSTER_MAX * 4, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT);
	if (r < 0 || r > CLUSTER_MAX * 4) {
		emit_ident(e, i, k - i);
		return k - i;
	}
	r = utf8proc_normalize_utf32(buf, r, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	for (j = 0; j < r; j++)
		o += (size_t)dyad__utf8_encode(buf[j], out + o);
	if ((o == k - i && memcmp(out, e->src + i, o) == 0) || (o && out[0] == ' '))
		emit_ident(e, i, k - i); /* spacing accents ("¨") stay as they are */
	else
		emit_bytes(e, out, o, i, k - i, 0);
	return k - i;
}

/* One non-ASCII sequence at i; returns bytes consumed. */
static size_t do_unicode(emitter *e, size_t i, size_t b)
{
	int32_t cp;
	int len = dyad__utf8_decode(e->src + i, b - i, &cp);
	const char *rep;

	if (cp < 0) {
		e->invalid++;
		emit_bytes(e, "\xEF\xBF\xBD", 3, i, 1, 0);
		return 1;
	}
	if (is_uspace(cp)) {
		owe_space(e, i, i + (size_t)len);
		return (size_t)len;
	}
	if (is_invisible(cp))
		return (size_t)len;
	if (cp == 0xAD) { /* soft hyphen: a line-end one joins the word */
		size_t w2 = next_line_word(e->src, i + 2, b);
		return w2 ? w2 - i : 2;
	}
	rep = ascii_for(cp);
	if (rep) {
		emit_bytes(e, rep, strlen(rep), i, (size_t)len, 0);
		return (size_t)len;
	}
	return do_cluster(e, i, b, cp, len);
}

/* ------------------------------------------------------------------ */
/* The character pass over one range                                   */
/* ------------------------------------------------------------------ */

static int at_word_start(const emitter *e)
{
	char last;

	if (!e->emitted || e->pending)
		return 1;
	last = e->out->p[e->out->len - 1];
	return strchr("([<\"'", last) != NULL;
}

/* Tries to drop a URL at i; returns bytes consumed or 0. */
static size_t do_url(emitter *e, size_t i, size_t b)
{
	size_t k;

	if (!at_word_start(e))
		return 0;
	k = url_len(e->src + i, b - i);
	if (!k)
		return 0;
	note_removed(e, i, i + k, "url");
	if (e->emitted && !e->pending) {
		e->pending = 1;
		e->sp_start = e->sp_end = i;
	}
	e->after_url = 1;
	return k;
}

/* Does a combining mark (non-zero canonical class) start at s[j]? */
static int combining_at(const unsigned char *s, size_t j, size_t b)
{
	int32_t cp;

	if (j >= b || s[j] < 0x80)
		return 0;
	dyad__utf8_decode(s + j, b - j, &cp);
	return cp >= 0 && utf8proc_get_property(cp)->combining_class != 0;
}

/* Bytes the character pass copies with no work: printable ASCII other
** than the hyphen (which may end a line) and the space (which collapses). */
static const unsigned char plain_byte[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Is c printable ASCII (the hyphen included)? */
static int plain(unsigned c)
{
	return c > ' ' && c < 0x7F;
}

static int ws1(unsigned c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && \
	defined(__GNUC__)
#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* High bit set in each byte of x equal to c; exact (no borrow between
** bytes, unlike the usual has-zero trick). */
static inline uint64_t bytes_eq(uint64_t x, unsigned c)
{
	uint64_t y = x ^ (ONES * c);
	return ~(((y & ~HIGHS) + ~HIGHS) | y) & HIGHS;
}

/*
** Skips 8 bytes at a time over what plain_run accepts without a second
** look: printable ASCII and spaces, where no space is followed by a
** space, a hyphen or another byte, and no hyphen by a space or another
** byte. Stops at the first byte that needs the byte-wise test (or 9
** bytes before b), which then decides exactly as before. Only when the
** block holds no URL: spaces before "h", "w", "p", "t" need a look then.
*/
static size_t skip_plain8(const unsigned char *s, size_t j, size_t b)
{
	while (j + 9 <= b) {
		uint64_t x, bad, sp, hy, nbad, nsp, nhy, ev;
		unsigned c8 = s[j + 8];
		memcpy(&x, s + j, 8);
		/* Bytes below 0x20, and from 0x7F up. */
		bad = (~((x & ~HIGHS) + ONES * (0x80 - 0x20)) & ~x & HIGHS) |
		      ((x | ((x & ~HIGHS) + ONES)) & HIGHS);
		sp = bytes_eq(x, ' ');
		hy = bytes_eq(x, '-');
		/* The flags of each byte's neighbour: byte p+1's moved onto
		** byte p, and the byte after the word's onto the last. */
		nbad = (bad >> 8) | ((uint64_t)(c8 < 0x20 || c8 >= 0x7F) << 63);
		nsp = (sp >> 8) | ((uint64_t)(c8 == ' ') << 63);
		nhy = (hy >> 8) | ((uint64_t)(c8 == '-') << 63);
		ev = bad | (sp & (nsp | nhy | nbad)) | (hy & (nsp | nbad));
		if (ev)
			return j + ((size_t)__builtin_ctzll(ev) >> 3);
		j += 8;
	}
	return j;
}
#else
static size_t skip_plain8(const unsigned char *s, size_t j, size_t b)
{
	(void)s;
	(void)b;
	return j;
}
#endif

#ifdef __SSE2__
/* skip_plain8's test on 16 bytes at a time, while 17 remain before b.
** Signed compares: bytes from 0x80 up are negative, so below ' '. */
static size_t skip_plain16(const unsigned char *s, size_t j, size_t b)
{
	const __m128i sp1 = _mm_set1_epi8(' '), hy1 = _mm_set1_epi8('-'),
		      del = _mm_set1_epi8(0x7F);

	while (j + 17 <= b) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + j));
		__m128i n = _mm_loadu_si128((const __m128i *)(const void *)(s + j + 1));
		__m128i bad = _mm_or_si128(_mm_cmplt_epi8(x, sp1), _mm_cmpeq_epi8(x, del));
		__m128i nbad = _mm_or_si128(_mm_cmplt_epi8(n, sp1), _mm_cmpeq_epi8(n, del));
		__m128i nsp = _mm_cmpeq_epi8(n, sp1), nhy = _mm_cmpeq_epi8(n, hy1);
		__m128i ev = _mm_or_si128(
			_mm_or_si128(bad, _mm_and_si128(_mm_cmpeq_epi8(x, sp1),
							_mm_or_si128(nsp, _mm_or_si128(nhy, nbad)))),
			_mm_and_si128(_mm_cmpeq_epi8(x, hy1), _mm_or_si128(nsp, nbad)));
		unsigned m = (unsigned)_mm_movemask_epi8(ev);
		if (m)
			return j + (size_t)__builtin_ctz(m);
		j += 16;
	}
	return j;
}
#else
static size_t skip_plain16(const unsigned char *s, size_t j, size_t b)
{
	(void)s;
	(void)b;
	return j;
}
#endif

/*
** End of the run from i that needs no work: printable ASCII, single
** whitespace bytes between words (each becomes one space, byte for byte)
** and inner hyphens. Most of an article is a few long runs, each copied
** with one memcpy and one map segment. urls says the block may hold a
** URL, which must then be looked for at each word start.
*/
static size_t plain_run(const unsigned char *s, size_t i, size_t b, int urls,
			int *fix)
{
	size_t j = i + 1;

	for (;;) {
		unsigned c, d;
		if (!urls)
			j = skip_plain8(s, skip_plain16(s, j, b), b);
		while (j < b && plain_byte[s[j]])
			j++;
		if (j + 1 >= b)
			return j < b && plain(s[j]) && s[j] != '-' ? j + 1 : j;
		c = s[j];
		d = s[j + 1];
		if (c == '-') {
			if (!plain(d))
				return j;
		} else if (ws1(c)) {
			if (!plain(d) || d == '-' ||
			    (urls && (d == 'h' || d == 'w' || d == 'p' || d == 't') &&
			     url_len(s + j + 1, b - j - 1)))
				return j;
			*fix |= c != ' ';
		} else {
			/* A combining mark composes with the letter before it. */
			if (c >= 0x80 && j - 1 > i && combining_at(s, j, b))
				j--;
			return j;
		}
		j++;
	}
}

/* Copies a plain run; when fix is set its lone newlines and tabs become
** spaces. */
static void emit_run(emitter *e, size_t i, size_t j, int fix)
{
	size_t n = j - i, k;
	unsigned char *p;

	emit_ident(e, i, n);
	if (!fix || e->nomem)
		return;
	/* The run is the last n bytes: a flushed space may precede it. */
	p = (unsigned char *)e->out->p + e->out->len - n;
	for (k = 0; k < n; k++)
		p[k] = p[k] < ' ' ? ' ' : p[k];
}

/* Does s[a, b) hold "www."? A word-wide pass first looks for two 'w' in
** a row, which prose almost never has; only then does memmem look. */
static int has_www(const unsigned char *s, size_t a, size_t b)
{
#ifdef ONES
	size_t i = a;
	uint64_t pairs = 0;

#ifdef __SSE2__
	/* 16 bytes a step, each compared with its successor: exact. */
	{
		const __m128i w = _mm_set1_epi8('w');
		__m128i acc = _mm_setzero_si128();
		for (; i + 17 <= b; i += 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			__m128i y = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
			acc = _mm_or_si128(acc, _mm_and_si128(_mm_cmpeq_epi8(x, w),
							      _mm_cmpeq_epi8(y, w)));
		}
		pairs = (uint64_t)_mm_movemask_epi8(acc);
	}
#endif

	/* Each "www" has a "ww" inside one 8-byte word. The zero-byte test
	** may also flag "wv", which only sends the block on to memmem. */
	for (; !pairs && i + 8 <= b; i += 8) {
		uint64_t x, z;
		memcpy(&x, s + i, 8);
		x ^= ONES * 'w';
		z = (x - ONES) & ~x & HIGHS;
		pairs |= z & (z >> 8);
	}
	/* The bytes past the last word, and two before them, byte-wise. */
	for (i = i - a >= 2 ? i - 2 : a; !pairs && i + 1 < b; i++)
		pairs = s[i] == 'w' && s[i + 1] == 'w';
	if (!pairs)
		return 0;
#endif
	return memmem(s + a, b - a, "www.", 4) != NULL;
}

/* Can s[a, b) hold a URL ("://", "www.", "t.co/", "twitter.com/")? Most
** paragraphs cannot, and then the per-word URL test is skipped. */
static int may_have_url(const unsigned char *s, size_t a, size_t b)
{
	const unsigned char *p = s + a, *e = s + b;

	if (b <= a)
		return 0;
	/* All but "www." have a '/', which is rare enough to visit. */
	while (p < e && (p = memchr(p, '/', (size_t)(e - p))) != NULL) {
		size_t back = (size_t)(p - (s + a));
		if ((back >= 1 && p[-1] == ':' && p + 1 < e && p[1] == '/') ||
		    (back >= 4 && memcmp(p - 4, "t.co", 4) == 0) ||
		    (back >= 11 && memcmp(p - 11, "twitter.com", 11) == 0))
			return 1;
		p++;
	}
	return has_www(s, a, b);
}

static void norm_range(emitter *e, size_t a, size_t b)
{
	const unsigned char *s = e->src;
	size_t i = a;
	int urls = may_have_url(s, a, b);

	while (i < b) {
		unsigned c = s[i];
		size_t j;

		if (c >= 0x80) {
			i += do_unicode(e, i, b);
		} else if (c <= ' ' || c == 0x7F) {
			/* Controls and NULs separate words like spaces do. */
			owe_space(e, i, i + 1);
			i++;
		} else if (c == '-') {
			i = do_hyphen(e, i, b);
		} else if (urls && (c == 'h' || c == 'w' || c == 'p' || c == 't') &&
			   (j = do_url(e, i, b)) != 0) {
			i += j;
		} else if (combining_at(s, i + 1, b)) {
			i += do_cluster(e, i, b, (int32_t)c, 1);
		} else {
			int fix = 0;
			j = plain_run(s, i, b, urls, &fix);
			emit_run(e, i, j, fix);
			i = j;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Structure pass: lines, blocks, boilerplate                          */
/* ------------------------------------------------------------------ */

typedef struct line {
	uint32_t s, e;   /* content, trimmed of ASCII blanks */
	uint32_t indent; /* leading blanks */
} line;

typedef struct block {
	uint32_t s, e;    /* original span */
	const char *kind; /* NULL: article text; else boilerplate kind */
	uint32_t tail;    /* start of trailing boilerplate, or e */
	const char *tail_kind; /* "signature" or "credit" */
} block;

static size_t scan_lines(const unsigned char *s, size_t n, dyad__buf *lines)
{
	size_t i = 0;

	lines->len = 0;
	while (i <= n) {
		const unsigned char *nl = i < n ? memchr(s + i, '\n', n - i) : NULL;
		size_t j = nl ? (size_t)(nl - s) : n, a = i, z;
		line ln;

		while (a < j && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r'))
			a++;
		z = j;
		while (z > a && is_ascii_space(s[z - 1]))
			z--;
		ln.s = (uint32_t)a;
		ln.e = (uint32_t)z;
		ln.indent = (uint32_t)(a - i);
		if (push(lines, &ln, sizeof ln) != 0)
			return (size_t)-1;
		i = j + 1;
	}
	return DYAD__VEC_LEN(lines, line);
}

/*
** Typical line length of hard-wrapped text, or 0 when the lines are not
** wrapped (one paragraph per line, as web text is). The 90th percentile
** is the wrap width: most wrapped lines end just short of it.
*/
static uint32_t wrap_width(const line *ln, size_t nl)
{
	uint32_t hist[162] = {0}, total = 0, acc = 0, w;
	size_t i;

	for (i = 0; i < nl; i++) {
		uint32_t len = ln[i].e - ln[i].s;
		if (!len)
			continue;
		hist[len > 161 ? 161 : len]++;
		total++;
	}
	if (total < 3)
		return 0;
	/* Unwrapped text (web paragraphs) has most lines past the cap: the
	** walk below would end at the cap, so skip it. */
	if ((uint64_t)(total - hist[161]) * 10 < (uint64_t)total * 9)
		return 0;
	for (w = 0; w < 162; w++) {
		acc += hist[w];
		if (acc * 10 >= total * 9)
			break;
	}
	return w >= 161 ? 0 : w;
}

/* Does the break after line a continue the paragraph into line b? */
static int soft_break(const unsigned char *s, const line *a, const line *b,
		      uint32_t width)
{
	unsigned last = s[a->e - 1], first = s[b->s];

	if ((last == '-' || (a->e >= 2 && s[a->e - 2] == 0xC2 && last == 0xAD)) &&
	    (is_alpha(first) || first >= 0xC0))
		return 1;
	if (b->indent > a->indent)
		return 0;
	if (first >= 'a' && first <= 'z')
		return 1;
	return width && (a->e - a->s) * 10 >= width * 6;
}

static int add_block(dyad__buf *blocks, uint32_t s, uint32_t e)
{
	block bk;

	bk.s = s;
	bk.e = e;
	bk.kind = NULL;
	bk.tail = e;
	bk.tail_kind = NULL;
	return dyad__buf_append(blocks, &bk, sizeof bk);
}

/* Groups lines into blocks: blank lines and hard breaks separate them. */
static int group_blocks(const unsigned char *s, const line *ln, size_t nl,
			dyad__buf *blocks)
{
	uint32_t width = wrap_width(ln, nl);
	size_t i = 0;

	blocks->len = 0;
	while (i < nl) {
		size_t j = i;
		if (ln[i].s == ln[i].e) {
			i++;
			continue;
		}
		while (j + 1 < nl && ln[j + 1].s != ln[j + 1].e &&
		       soft_break(s, &ln[j], &ln[j + 1], width))
			j++;
		if (add_block(blocks, ln[i].s, ln[j].e) != 0)
			return -1;
		i = j + 1;
	}
	return 0;
}

/* Case-insensitive ASCII prefix test. */
static int iprefix(const unsigned char *s, size_t n, const char *p)
{
	size_t k = strlen(p), i;

	if (n < k)
		return 0;
	for (i = 0; i < k; i++)
		if ((s[i] | 0x20) != (unsigned char)p[i])
			return 0;
	return 1;
}

/* Is "(...)" ending at e (exclusive, s[e-1] == ')') a photo credit? */
static int credit_paren(const unsigned char *s, uint32_t b, uint32_t e)
{
	uint32_t o = e - 1, k;
	static const char *const heads[] = { "photo", "file photo", "image",
		"picture", "pic:", "credit", "courtesy", NULL };
	static const char *const tails[] = { "photo)", "photos)", "images)",
		"/reuters)", "/afp)", "/ap)", NULL };

	while (o > b && s[o] != '(' && e - o < 80)
		o--;
	if (s[o] != '(')
		return 0;
	for (k = 0; heads[k]; k++)
		if (iprefix(s + o + 1, e - o - 1, heads[k]))
			return 1;
	for (k = 0; tails[k]; k++) {
		size_t tl = strlen(tails[k]);
		if (e - o >= tl && iprefix(s + e - tl, tl, tails[k]))
			return 1;
	}
	return 0;
}

/* A long paragraph that ends in a credit loses only the credit. */
static void mark_credit_tail(const unsigned char *s, block *bk)
{
	uint32_t o = bk->e - 1;

	while (o > bk->s && s[o] != '(')
		o--;
	bk->tail = o;
	bk->tail_kind = "credit";
}

static int has_position_marker(const unsigned char *s, uint32_t b, uint32_t e)
{
	static const char *const marks[] = { "(l)", "(r)", "(c)", "(l-r)",
		"(r-l)", "(left)", "(right)", "(center)", "(centre)", "(front)",
		NULL };
	const unsigned char *p;
	uint32_t i, k;

	for (i = b; i < e; i++) {
		p = memchr(s + i, '(', e - i);
		if (!p)
			return 0;
		i = (uint32_t)(p - s);
		for (k = 0; marks[k]; k++)
			if (iprefix(s + i, e - i, marks[k]))
				return 1;
	}
	return 0;
}

static int ends_sentence(const unsigned char *s, uint32_t e)
{
	unsigned c = s[e - 1];
	return c == '.' || c == '!' || c == '?' || c == '"' ||
	       (e >= 3 && s[e - 3] == 0xE2 && s[e - 2] == 0x80 && c == 0x9D);
}

/*
** Marks captions: a short block that ends in a credit "(Photo by X)", or
** that names who is where "(L)" — and, when such a block stops mid
** sentence (PDF extraction splits captions), the blocks that finish it.
*/
static void mark_captions(const unsigned char *s, block *bk, size_t nb)
{
	size_t i, j;

	for (i = 0; i < nb; i++) {
		uint32_t len = bk[i].e - bk[i].s;
		int credit = s[bk[i].e - 1] == ')' && credit_paren(s, bk[i].s, bk[i].e);
		if (bk[i].kind)
			continue;
		if (len > 600) {
			if (credit)
				mark_credit_tail(s, &bk[i]);
			continue;
		}
		if (credit && len >= 400) {
			mark_credit_tail(s, &bk[i]);
			continue;
		}
		if (credit) {
			bk[i].kind = "caption";
			continue;
		}
		if (!has_position_marker(s, bk[i].s, bk[i].e))
			continue;
		bk[i].kind = "caption";
		for (j = i; j + 1 < nb && j < i + 2 && !ends_sentence(s, bk[j].e) &&
			    !(s[bk[j].e - 1] == ')' && credit_paren(s, bk[j].s, bk[j].e));
		     j++)
			bk[j + 1].kind = "caption";
	}
}

/* Skips a month name and day ("October 31, 2023") from s[i]; returns the
** end or 0. Used for tweet signatures only. */
static uint32_t sig_date_end(const unsigned char *s, uint32_t i, uint32_t e)
{
	uint32_t k = i, digits = 0;

	while (k < e && is_alpha(s[k]))
		k++;
	if (k - i < 3 || k >= e || s[k] != ' ')
		return 0;
	k++;
	while (k < e && (s[k] >= '0' && s[k] <= '9'))
		k++, digits++;
	if (!digits || k + 6 > e || s[k] != ',' || s[k + 1] != ' ')
		return 0;
	k += 2;
	for (digits = 0; k < e && s[k] >= '0' && s[k] <= '9'; k++)
		digits++;
	return digits == 4 ? k : 0;
}

/*
** Finds an embedded-tweet signature ending the block, e.g.
** "— Name (@handle) October 31, 2023", and records where it starts.
*/
static void mark_signature(const unsigned char *s, block *bk)
{
	uint32_t i, d, close, end;

	for (i = bk->s; i + 2 < bk->e; i++) {
		const unsigned char *p = memchr(s + i, '(', bk->e - 2 - i);
		if (!p)
			return;
		i = (uint32_t)(p - s);
		if (s[i + 1] != '@')
			continue;
		close = i + 2;
		while (close < bk->e && s[close] != ')' && close - i < 64)
			close++;
		if (close >= bk->e || s[close] != ')' || close + 2 >= bk->e)
			continue;
		end = sig_date_end(s, close + 2, bk->e);
		if (!end || end != bk->e)
			continue;
		/* Back up to the dash, after a blank, that opens it. */
		for (d = i; d > bk->s + 1 && i - d < 200; d--) {
			uint32_t at = d;
			if (s[d] == 0x93 || s[d] == 0x94) {
				if (d < bk->s + 3 || s[d - 2] != 0xE2 || s[d - 1] != 0x80)
					continue;
				at = d - 2;
			} else if (s[d] != '-') {
				continue;
			}
			while (at > bk->s && s[at - 1] == '-')
				at--;
			if (at == bk->s || s[at - 1] == ' ') {
				bk->tail = at;
				bk->tail_kind = "signature";
				return;
			}
		}
	}
}

/* Index of a last line that is only a wire sign-off (data/signoffs.txt,
** e.g. "Reuter"), or nl. */
static size_t last_signoff(const dyad_engine *eng, const line *ln, size_t nl,
			   const unsigned char *s)
{
	size_t i = nl;

	while (i > 0 && ln[i - 1].s == ln[i - 1].e)
		i--;
	if (i < 2 || !dyad__strset_has(&eng->signoffs, (const char *)s + ln[i - 1].s,
				       ln[i - 1].e - ln[i - 1].s))
		return nl;
	return i - 1;
}

static void classify_blocks(const unsigned char *s, block *bk, size_t nb,
			    int signoff)
{
	size_t i;

	mark_captions(s, bk, nb);
	for (i = 0; i < nb; i++)
		if (!bk[i].kind)
			mark_signature(s, &bk[i]);
	if (signoff && nb)
		bk[nb - 1].kind = "signoff";
}

/* ------------------------------------------------------------------ */
/* Entry points                                                        */
/* ------------------------------------------------------------------ */

static void emitter_init(emitter *e, dyad_ctx *ctx, const char *src,
			 dyad__buf *out, int with_map)
{
	memset(e, 0, sizeof *e);
	e->eng = ctx->eng;
	e->src = (const unsigned char *)src;
	e->out = out;
	e->map = with_map ? &ctx->map : NULL;
	e->rms = with_map ? &ctx->rms : NULL;
}

/* Appends the normalized text of one kept block and records it. */
static int emit_block(dyad_ctx *ctx, emitter *e, const block *bk, uint32_t gap)
{
	dyad__block nb;
	size_t start;

	if (e->out->len) {
		if (dyad__buf_append(e->out, "\n", 1) != 0)
			return -1;
		add_seg(e, e->out->len - 1, gap, 1, bk->s - gap, 0);
	}
	start = e->out->len;
	e->emitted = 0;
	e->pending = 0;
	norm_range(e, bk->s, bk->tail);
	if (bk->tail < bk->e)
		note_removed(e, bk->tail, bk->e, bk->tail_kind);
	if (e->out->len == start && start) {
		/* Nothing survived: take back the separator. */
		e->out->len--;
		e->map->len -= sizeof(dyad__seg);
		return 0;
	}
	nb.start = (uint32_t)start;
	nb.end = (uint32_t)e->out->len;
	if (nb.end > nb.start && dyad__buf_append(&ctx->blocks, &nb, sizeof nb) != 0)
		return -1;
	return 0;
}

static int cmp_rm(const void *a, const void *b)
{
	const dyad__rm *x = a, *y = b;
	return (x->start > y->start) - (x->start < y->start);
}

dyad_status dyad__text_normalize(dyad_ctx *ctx, const char *src, size_t n,
				 size_t *invalid)
{
	const unsigned char *s = (const unsigned char *)src;
	emitter e;
	size_t nl, nb, i, signoff;
	uint32_t gap = 0;
	block *bk;

	ctx->norm.len = ctx->map.len = ctx->blocks.len = ctx->rms.len = 0;
	nl = scan_lines(s, n, &ctx->scratch);
	if (nl == (size_t)-1)
		return DYAD_NOMEM;
	/* Lines live in scratch; blocks go to the fold buffer, free until
	** the segmenter runs. A wire sign-off line is a block of its own. */
	signoff = last_signoff(ctx->eng, (const line *)ctx->scratch.p, nl, s);
	if (group_blocks(s, (const line *)ctx->scratch.p, signoff, &ctx->fold) != 0)
		return DYAD_NOMEM;
	if (signoff < nl) {
		const line *ln = (const line *)ctx->scratch.p + signoff;
		if (add_block(&ctx->fold, ln->s, ln->e) != 0)
			return DYAD_NOMEM;
	}
	bk = (block *)ctx->fold.p;
	nb = DYAD__VEC_LEN(&ctx->fold, block);
	classify_blocks(s, bk, nb, signoff < nl);
	emitter_init(&e, ctx, src, &ctx->norm, 1);
	for (i = 0; i < nb && !e.nomem; i++) {
		if (bk[i].kind) {
			note_removed(&e, bk[i].s, bk[i].e, bk[i].kind);
			continue;
		}
		if (emit_block(ctx, &e, &bk[i], gap) != 0)
			e.nomem = 1;
		gap = bk[i].e;
	}
	if (e.nomem || dyad__buf_reserve(&ctx->norm, 1) != 0)
		return DYAD_NOMEM;
	ctx->norm.p[ctx->norm.len] = '\0';
	if (ctx->rms.len > sizeof(dyad__rm))
		qsort(ctx->rms.p, DYAD__VEC_LEN(&ctx->rms, dyad__rm), sizeof(dyad__rm), cmp_rm);
	*invalid = e.invalid;
	return DYAD_OK;
}

dyad_status dyad__text_fragment(dyad_ctx *ctx, const char *src, size_t n,
				dyad__buf *out)
{
	emitter e;

	out->len = 0;
	emitter_init(&e, ctx, src, out, 0);
	norm_range(&e, 0, n);
	if (e.nomem || dyad__buf_reserve(out, 1) != 0)
		return DYAD_NOMEM;
	out->p[out->len] = '\0';
	return DYAD_OK;
}

/* Index of the map segment holding normalized byte pos. */
static size_t find_seg(const dyad__seg *m, size_t n, size_t pos)
{
	size_t lo = 0, hi = n;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (m[mid].norm <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* find_seg for a pos at or after segment lo's start: the end of a span
** mostly lies in the segment of its start or in one of the next few, so
** a short walk finds it before a search would. */
static size_t find_seg_from(const dyad__seg *m, size_t n, size_t lo, size_t pos)
{
	size_t k;

	for (k = 0; k < 4; k++, lo++)
		if (lo + 1 >= n || m[lo + 1].norm > pos)
			return lo;
	return lo + find_seg(m + lo, n - lo, pos);
}

int dyad__map_cuts(const dyad__seg *m, size_t n, size_t pos)
{
	const dyad__seg *sg;

	if (!n)
		return 1;
	sg = &m[find_seg(m, n, pos)];
	return sg->ident || pos == sg->norm || pos >= sg->norm + sg->nlen;
}

void dyad__map_span(const dyad_doc *doc, size_t a, size_t b, size_t *start,
		    size_t *end)
{
	const dyad__seg *m = doc->map, *sa, *sb;
	size_t ia;

	if (!doc->nmap || a >= b) {
		*start = *end = 0;
		return;
	}
	ia = find_seg(m, doc->nmap, a);
	sa = &m[ia];
	sb = &m[find_seg_from(m, doc->nmap, ia, b - 1)];
	*start = sa->ident ? sa->src + (a - sa->norm) : sa->src;
	*end = sb->ident ? sb->src + (b - 1 - sb->norm) + 1 : sb->src + sb->slen;
}
