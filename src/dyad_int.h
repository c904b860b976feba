/*
** dyad_int.h — private types shared by the stages of libdyad.
**
** The document model lives here: the original bytes, the normalized text,
** the offset map between them, paragraphs (blocks), sentences and tokens.
** Stages depend on this model and on the infrastructure (arena, buffers,
** errors, hashing), never on each other's internals. Nothing here is API.
*/
#ifndef DYAD_INT_H
#define DYAD_INT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "dyad.h"
#include "dyad_limits.h"

/* ---- arena.c: bump allocation, reset per document ---------------- */

typedef struct dyad__chunk dyad__chunk;

typedef struct dyad__arena {
	dyad__chunk *head; /* newest chunk; older ones linked behind it */
	size_t used;       /* bytes used in head */
	size_t cap;        /* usable bytes in head */
	int nomem;         /* sticky: an allocation failed since last reset */
} dyad__arena;

void dyad__arena_init(dyad__arena *a);
/* Memory owned by the arena until the next reset or free; 16-aligned;
** NULL (and a->nomem set) when out of memory. */
void *dyad__arena_alloc(dyad__arena *a, size_t n);
/* Copy of s[0..n) plus a NUL, owned by the arena. */
char *dyad__arena_strndup(dyad__arena *a, const char *s, size_t n);
/* Keeps the largest chunk so a steady stream of documents allocates once. */
void dyad__arena_reset(dyad__arena *a);
void dyad__arena_free(dyad__arena *a);

/* ---- buf.c: growable arrays reused across documents -------------- */

/* A byte vector that only grows; reset sets len to 0 and keeps memory. */
typedef struct dyad__buf {
	char *p;
	size_t len;
	size_t cap;
} dyad__buf;

/* Ensures room for extra more bytes; 0 on success, -1 out of memory. */
int dyad__buf_reserve(dyad__buf *b, size_t extra);
int dyad__buf_grow_append(dyad__buf *b, const void *s, size_t n);

/* Appends s[0, n) to b; 0, or -1 without memory. Inline because stages
** append a token or a word at a time: the common case, room already
** there, is a copy of a size the compiler usually knows. */
static inline int dyad__buf_append(dyad__buf *b, const void *s, size_t n)
{
	if (n > b->cap - b->len)
		return dyad__buf_grow_append(b, s, n);
	if (n)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	return 0;
}
void dyad__buf_free(dyad__buf *b);

/* Typed view helpers for arrays of structs kept in a dyad__buf. */
#define DYAD__VEC_AT(b, type, i) (((type *)(b)->p)[i])
#define DYAD__VEC_LEN(b, type) ((b)->len / sizeof(type))

/* Joins NUL-terminated strings, up to a NULL, into out (cap > 0 bytes,
** always terminated, cut at cap - 1); returns the length. The per-mention
** and per-event strings are made of a few such pieces, and snprintf's
** format machinery cost more than the rest of their making. */
size_t dyad__join(char *out, size_t cap, ...);
/* The decimal digits of v into out (at least 21 bytes), terminated;
** returns their count. */
size_t dyad__utoa(char *out, unsigned long v);
/* h as 16 lower-case hex digits, terminated: "%016llx" without snprintf
** parsing its format for every article and event. */
void dyad__hex16(uint64_t h, char out[17]);

/* ---- err.c: messages on handles ---------------------------------- */

#define DYAD__MSG_MAX 512

/* Formats into msg (DYAD__MSG_MAX bytes) and returns st, so a failing path
** reads `return dyad__msg(ctx->msg, DYAD_IO, "...", ...)`. */
dyad_status dyad__msg(char *msg, dyad_status st, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* ---- hash.c: string sets built at engine load -------------------- */

/* Immutable open-addressing set of byte strings. */
typedef struct dyad__strset {
	uint32_t *slots; /* 0 = empty, else 1 + index into offs */
	uint32_t mask;   /* slot count - 1 (power of two) */
	uint32_t *offs;  /* start of string i in pool; offs[n] = pool length */
	char *pool;      /* all strings, back to back */
	uint32_t n;      /* strings stored */
	uint32_t maxlen; /* longest string */
	/* By signature (hash.c): 0 no string, 0xFFFF several, else 1 + the
	** index of the one string. */
	uint16_t sig[4096];
} dyad__strset;

/* FNV-1a over n bytes, its offset a digit short of the published one.
** Its values are stored (content hashes, MinHash signatures, event ids),
** so they must never change. The byte chain is serial; eight steps a
** turn only drop the loop's own work, which cost as much as the hashing
** (the store hashes every article's text, and its words again). Inline:
** a call cost about a fifth of hashing a word. */
#define DYAD__FNV_STEP(k) (h = (h ^ s[i + (k)]) * 1099511628211ull)
#define DYAD__FNV_LAST(k) (h = (h ^ s[n - (k)]) * 1099511628211ull)

/* x rotated left by r bits, 0 < r < 64. */
static inline uint64_t dyad__rotl64(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static inline uint64_t dyad__hash(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ull;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		DYAD__FNV_STEP(0), DYAD__FNV_STEP(1), DYAD__FNV_STEP(2), DYAD__FNV_STEP(3);
		DYAD__FNV_STEP(4), DYAD__FNV_STEP(5), DYAD__FNV_STEP(6), DYAD__FNV_STEP(7);
	}
	/* The rest falls through its steps: most words are shorter than
	** eight bytes, and a loop per byte cost twice the hashing. */
	switch (n - i) {
	case 7: DYAD__FNV_LAST(7); /* fall through */
	case 6: DYAD__FNV_LAST(6); /* fall through */
	case 5: DYAD__FNV_LAST(5); /* fall through */
	case 4: DYAD__FNV_LAST(4); /* fall through */
	case 3: DYAD__FNV_LAST(3); /* fall through */
	case 2: DYAD__FNV_LAST(2); /* fall through */
	case 1: DYAD__FNV_LAST(1); /* fall through */
	default: break;
	}
	return h;
}

#undef DYAD__FNV_STEP
#undef DYAD__FNV_LAST

/*
** A hash of a short key read eight bytes at a time, for tables that live
** in memory only (dyad__hash stays FNV-1a: its values are stored). Keys
** of 4 to 8 bytes are read as two overlapping 4-byte words, shorter ones
** by their first, middle and last bytes, so every byte counts. With dash
** not NULL, *dash says whether the key holds a '-', found in the same
** reads (the coder splits such words); the compiler drops that work when
** dash is a constant NULL.
*/
static inline uint64_t dyad__hash_key(const void *p, size_t n, int *dash)
{
	const uint64_t ones = 0x0101010101010101ull, dashes = 0x2dull * ones;
	const unsigned char *s = p;
	uint64_t h = (uint64_t)n * 0x9e3779b97f4a7c15ull, x = 0, y, any = 0;
	uint32_t a, b;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&x, s, 8);
		y = x ^ dashes; /* a '-' byte becomes 0 */
		any |= (y - ones) & ~y;
		h = (h ^ x) * 0xff51afd7ed558ccdull;
		h ^= h >> 29;
	}
	x = 0;
	if (n >= 4) {
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		x = (uint64_t)a << 32 | b;
	} else if (n) {
		x = (uint64_t)s[0] << 16 | (uint64_t)s[n >> 1] << 8 | s[n - 1];
	}
	if (dash) {
		y = x ^ dashes;
		any |= (y - ones) & ~y;
		*dash = (any & (ones << 7)) != 0;
	}
	h = (h ^ x) * 0xff51afd7ed558ccdull;
	return h ^ h >> 32;
}

/* Are the n bytes at x and y the same? Keys are short: memcmp without
** the call, eight bytes at a time. */
static inline int dyad__same_bytes(const void *px, const void *py, size_t n)
{
	const unsigned char *x = px, *y = py;
	uint64_t p, q;
	uint32_t a, b, c, d;

	for (; n >= 8; x += 8, y += 8, n -= 8) {
		memcpy(&p, x, 8);
		memcpy(&q, y, 8);
		if (p != q)
			return 0;
	}
	if (n >= 4) { /* two 4-byte words, overlapping when n < 8 */
		memcpy(&a, x, 4), memcpy(&b, y, 4);
		memcpy(&c, x + n - 4, 4), memcpy(&d, y + n - 4, 4);
		return a == b && c == d;
	}
	for (; n; n--)
		if (*x++ != *y++)
			return 0;
	return 1;
}
/* A 64-bit integer mix, for the tries' edge tables (actors.c, patterns.c). */
uint64_t dyad__hash_u64(uint64_t k);
/* Builds a set from a list of lines (one string per line, '#' comments
** and blank lines skipped). 0 on success, -1 out of memory. */
int dyad__strset_from_lines(dyad__strset *s, const char *text, size_t n);
int dyad__strset_has(const dyad__strset *s, const char *p, size_t n);
void dyad__strset_free(dyad__strset *s);

/* ---- utf8 helpers (text.c) --------------------------------------- */

/* Decodes one code point at s (n bytes left). Returns its length (1..4)
** and stores the code point, or returns 1 with *cp = -1 for an invalid
** byte. */
int dyad__utf8_decode(const unsigned char *s, size_t n, int32_t *cp);
/* Encodes cp into out (4 bytes room); returns bytes written. */
int dyad__utf8_encode(int32_t cp, char *out);

/* ---- document model ---------------------------------------------- */

/*
** Offset map segment: normalized bytes [norm, norm+nlen) came from
** original bytes [src, src+slen). When ident is set, nlen == slen and
** positions map one to one (the bytes are the same, but for a lone
** whitespace byte that became a space); otherwise the whole normalized
** piece stands for the whole original piece.
*/
typedef struct dyad__seg {
	uint32_t norm;  /* first normalized byte */
	uint32_t src;   /* first original byte */
	uint32_t nlen;  /* normalized bytes */
	uint32_t slen;  /* original bytes */
	uint32_t ident; /* 1 = positions map one to one */
} dyad__seg;

/* A paragraph of the normalized text: no sentence crosses one. The byte
** after each block is the '\n' before the next or the text's final NUL,
** which the tokenizer's scans use as their stop. */
typedef struct dyad__block {
	uint32_t start, end; /* normalized byte span */
} dyad__block;

typedef struct dyad__tok {
	uint32_t start, end;  /* normalized byte span */
	uint32_t fold;        /* offset of the matching key */
	uint32_t fold_len;
	uint8_t kind;         /* dyad_token_kind */
	uint8_t fold_in_norm; /* key is in the normalized text, not doc->fold */
} dyad__tok;

/* The matching key of a token: lower-case ASCII words are their own key,
** so only the others are copied into the fold buffer. */
static inline const char *dyad__tok_fold(const char *norm, const char *fold,
					 const dyad__tok *k)
{
	return (k->fold_in_norm ? norm : fold) + k->fold;
}

typedef struct dyad__sent {
	uint32_t start, end;  /* normalized byte span */
	uint32_t tok0, ntok;  /* tokens [tok0, tok0+ntok) in doc->toks */
	uint16_t script;      /* index into dyad__script_codes */
	uint16_t para;        /* block index */
	const char *lang;     /* static or arena string */
} dyad__sent;

typedef struct dyad__rm {
	uint32_t start, end; /* original span */
	const char *kind;    /* static */
} dyad__rm;

/* A date with its precision; fields beyond the precision are 0. */
typedef struct dyad__date {
	int year, month, day;
	dyad_precision prec;
	dyad_date_source src;
	size_t start, end; /* original span it was read from */
} dyad__date;

struct dyad_engine {
	char msg[DYAD__MSG_MAX];
	char *data_dir;
	dyad__strset words;   /* lower-case English words (hyphen repair) */
	dyad__strset abbrevs; /* lower-case abbreviations without final '.' */
	dyad__strset starters;/* words that start a sentence after "U.S." */
	dyad__strset english; /* English function words (fast language ID) */
	dyad__strset other_langs; /* other Latin-script languages' function words */
	dyad__strset signoffs;/* last lines that are wire sign-offs */
	dyad__strset verbs;   /* words used only as verbs (actor phrase gaps) */
	char *textcat_conf;   /* path of the textcat config, or NULL */
	char *textcat_prefix; /* directory of the fingerprints */
	struct dyad__actors *actors; /* dictionaries and matcher, or NULL */
	struct dyad__patterns *patterns; /* verb patterns (patterns.c), or NULL */
	struct dyad__cameo *cameo;   /* CAMEO event code table (cameo.c), or NULL */
	struct dyad__geo *geo;       /* gazetteer and place words (places.c), or NULL */
	struct dyad__datewords *datewords; /* words of event dates (dates.c) */
	int one_sentence;            /* dyad_config.one_sentence */
};

struct dyad_doc {
	dyad_ctx *ctx;
	dyad_doc_info info;
	const char *src;      /* copy of the original text (arena) */
	size_t src_len;
	const char *norm;     /* normalized text (ctx->norm.p) */
	size_t norm_len;
	const dyad__seg *map; /* offset map, sorted by norm */
	size_t nmap;
	const dyad__block *blocks;
	size_t nblocks;
	const dyad__sent *sents;
	size_t nsents;
	const dyad__tok *toks;
	size_t ntoks;
	const char *fold;     /* fold keys, back to back */
	const dyad__rm *rms;
	size_t nrms;
	uint16_t script;      /* dominant script of the document */
};

struct dyad_ctx {
	const dyad_engine *eng;
	char msg[DYAD__MSG_MAX];
	dyad__arena arena;    /* per-document allocations */
	dyad__buf norm;       /* normalized text */
	dyad__buf map;        /* dyad__seg[] */
	dyad__buf blocks;     /* dyad__block[] */
	dyad__buf sents;      /* dyad__sent[] */
	dyad__buf toks;       /* dyad__tok[] */
	dyad__buf fold;       /* fold keys */
	dyad__buf rms;        /* dyad__rm[] */
	dyad__buf scratch;    /* stage-local scratch */
	dyad__buf frag;       /* dyad_ctx_normalize output */
	dyad__buf ments;      /* actors.c: mentions of the current document */
	dyad__buf mtext;      /* actors.c: their strings */
	struct dyad__coder *coder; /* events.c: working state, made on first use */
	struct dyad__wmemo *wmemo; /* actors.c: name-walk steps seen before, made on first use */
	dyad__buf when;       /* dates.c: dyad__when[] per event */
	dyad__buf dates;      /* dates.c: dyad_date_value[] of dyad_doc_dates */
	dyad__buf where;      /* places.c: dyad__where[] per event */
	dyad__buf pments;     /* places.c: place names of the current document */
	void *textcat;        /* libexttextcat handle, loaded on first use */
	int textcat_failed;   /* do not retry a failed load */
	struct dyad_doc doc;  /* the current document */
	int nomem;            /* sticky out-of-memory flag for this document */
};

/* ---- stage entry points ------------------------------------------ */

/* text.c: original -> normalized text, offset map, blocks, removed
** spans. Fills ctx->norm, ctx->map, ctx->blocks, ctx->rms. */
dyad_status dyad__text_normalize(dyad_ctx *ctx, const char *src, size_t n,
				 size_t *invalid);
/* text.c: character-level normalization of a fragment (no blocks). */
dyad_status dyad__text_fragment(dyad_ctx *ctx, const char *src, size_t n,
				dyad__buf *out);
/* text.c: original span of normalized [a, b). */
/* Can the normalized text be cut at pos without splitting the expansion
** of one original character ("‼" -> "!!")? */
int dyad__map_cuts(const dyad__seg *m, size_t n, size_t pos);
void dyad__map_span(const dyad_doc *doc, size_t a, size_t b, size_t *start,
		    size_t *end);

/* segment.c: how a token's matching key is made (dict.c folds names
** the same way): compatibility decomposition, case fold, marks stripped,
** and dyad__fold_custom's own mappings, as a utf8proc custom function. */
#define DYAD__FOLD_FLAGS (UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | \
			  UTF8PROC_STRIPMARK)
utf8proc_int32_t dyad__fold_custom(utf8proc_int32_t cp, void *data);

/* segment.c: sentences and tokens over ctx->blocks. */
dyad_status dyad__segment(dyad_ctx *ctx);

/* lang.c: script of a UTF-8 string, and language of sentences and doc. */
extern const char *const dyad__script_codes[];
int dyad__script_of(int32_t cp);
uint16_t dyad__script_dominant(const char *s, size_t n);
dyad_status dyad__lang_assign(dyad_ctx *ctx, const char *meta_lang);
void dyad__lang_free(dyad_ctx *ctx);

/* dates.c: document date from metadata, dateline or text. */
void dyad__date_doc(const char *meta, const char *src, size_t n,
		    dyad__date *out);
/* Parses ISO-8601 "YYYY", "YYYY-MM", "YYYY-MM-DD" or "YYYYMMDD" (time
** ignored); 0 ok, -1 with *out untouched. */
int dyad__date_parse_iso(const char *s, dyad__date *out);
/* Formats per precision into out (11 bytes). */
void dyad__date_format(const dyad__date *d, char out[11]);

/* When and where of each event of the last dyad_doc_events on a
** context, parallel to its events (ctx->when, ctx->where). dates.c and
** places.c fill them after the coder has run; dyad_doc_event copies
** them into the public record. Strings are static, or owned by the
** engine or the context's arena. */
typedef struct dyad__when {
	char date[11];          /* as dyad_event.date */
	dyad_precision prec;
	const char *how;        /* static */
	size_t start, end;      /* original span of the date expression */
	int historical;
} dyad__when;

typedef struct dyad__where {
	const char *place, *country, *admin1;
	double lat, lon;
	dyad_geo_precision prec;
	const char *how;        /* static */
	size_t start, end;      /* original span of the place mention */
} dyad__where;

/* dates.c: the words of event dates (DATA_DIR/dates.txt, text[0..n)),
** into eng->datewords; DYAD_PARSE with "file:line: why" in eng->msg. */
dyad_status dyad__dates_load(dyad_engine *eng, const char *text, size_t n);
void dyad__dates_free(struct dyad__datewords *w);
/* dates.c: fills ctx->when for the n events of the last dyad_doc_events. */
dyad_status dyad__events_when(dyad_ctx *ctx, size_t n);
/* places.c: fills ctx->where likewise. */
dyad_status dyad__events_where(dyad_ctx *ctx, size_t n);

/* ---- dedup.c: near-duplicate articles and event clusters --------- */

#define DYAD__SIG_K 64      /* MinHash values in a document's signature */
#define DYAD__SIG_BANDS 16  /* LSH bands, each of DYAD__SIG_K / DYAD__SIG_BANDS values */
#define DYAD__SHINGLE 5     /* words per shingle */

/* One-permutation MinHash signature of doc's words (fold keys of its word
** and number tokens), in shingles of DYAD__SHINGLE words. Returns the
** number of shingles; 0 (fewer words than a shingle) means no signature. */
size_t dyad__dedup_signature(const dyad_doc *doc, uint32_t sig[DYAD__SIG_K]);
/* The LSH band keys of a signature: two documents that share one are
** candidates to compare. */
void dyad__dedup_bands(const uint32_t sig[DYAD__SIG_K], int64_t keys[DYAD__SIG_BANDS]);
/* Estimated resemblance (Jaccard of the shingle sets) of two signatures. */
double dyad__dedup_resemblance(const uint32_t *a, const uint32_t *b);

/* Mentions that count as events: not negated, hypothetical, a question,
** or about an earlier time, and with an event code. */
int dyad__cluster_eligible(const dyad_event *ev);
/* The cluster group of an eligible mention: date and its precision,
** source, target and CAMEO root; an undated mention groups only within
** its own article (doc_row). Never 0. */
int64_t dyad__cluster_gkey(const dyad_event *ev, int64_t doc_row);
/* The place part of the key: "country|admin1|place" (place case-folded
** in ASCII), "" when unplaced. Writes at most n bytes with the NUL. */
void dyad__cluster_place_key(const dyad_event *ev, char *out, size_t n);
/* The id of the event of group gkey at the effective place key (the
** mention's own, or for an unplaced one the group's sole place, or ""). */
int64_t dyad__cluster_id(int64_t gkey, const char *place_key);

/* A mention of one group, as clustering reads it. Strings are the
** caller's. */
typedef struct dyad__cmention {
	int64_t rowid;         /* mention row */
	int64_t canon;         /* its article, or the one it near-duplicates */
	const char *outlet;    /* the canonical article's outlet, or "" */
	const char *place_key; /* "" when unplaced */
	const char *cameo;     /* event code */
	int geo_precision;     /* dyad_geo_precision */
	int first_sentence;    /* in its article's first sentence */
	int cluster;           /* out: index into the clusters */
} dyad__cmention;

/* One event of a group. Rows are indexes into the mentions. */
typedef struct dyad__cluster {
	int64_t id;            /* stable: a hash of the group and place keys */
	size_t mentions, articles, sources;
	size_t code_row;       /* a mention with the majority code */
	size_t place_row;      /* the most precisely placed mention */
	size_t first_row;      /* a mention of the earliest article */
	int root_event;        /* a mention in an article's first sentence */
} dyad__cluster;

/*
** Clusters the n mentions of group gkey: mentions placed differently are
** different events; unplaced ones join the group's one place when it has
** exactly one, else form the unplaced event. Fills m[i].cluster and
** out[0..*nout) (room for n). Returns 0, or -1 out of memory.
*/
int dyad__cluster_group(int64_t gkey, dyad__cmention *m, size_t n, dyad__cluster *out,
			size_t *nout);

/* store.c: makes (or upgrades) the file at path to schema version v only,
** so tests can make the files older dyads left; and the current version. */
dyad_status dyad__store_create_version(const char *path, int v);
int dyad__store_schema_version(void);
/* The content hash the store gives in, as schema 4 makes it, or (schema3)
** as schema 3 and before made it (for the tests). */
void dyad__store_content_hash(const dyad_input *in, int schema3, char out[17]);

/* engine.c: a whole file, NUL-terminated; *out is malloc'd (caller
** frees). On failure msg says "path: why". */
dyad_status dyad__read_file(const char *path, char *msg, char **out, size_t *len);

/* actors.c: dictionaries at engine load, mentions per document. */
dyad_status dyad__actors_load(dyad_engine *eng, const dyad_config *cfg);
void dyad__actors_free(struct dyad__actors *a);
/* actors.c: frees a context's walk memo; NULL is a no-op. */
void dyad__wmemo_free(struct dyad__wmemo *m);
/* Bytes later stages keep per word number (dyad__words.extra): the
** coder's, then one of places.c's. */
#define DYAD__WORD_EXTRA 28
#define DYAD__WX_CODER 27 /* events.c: bytes [0, 27) */
#define DYAD__WX_PLACE 27 /* places.c: the byte at 27 */

/*
** The word numbers dyad_doc_actors gave the current document's tokens, so
** later stages can key what they learn of a word by its number instead of
** hashing its text again. tok[t] & mask is token t's word number plus
** one (0: the token has none), below n + 1. A number means the same word
** (the same fold key) until epoch changes. Each number has
** DYAD__WORD_EXTRA bytes at extra + number * stride (4-aligned) for later
** stages to keep what they know of the word: they share a cache line with
** the actor stage's own record of the word, which numbering the token
** has just read, so reading them again costs no miss. The actor stage
** only zeroes them, at first and when the numbering starts again (epoch
** changes: what was kept under a number is then stale). Owned by ctx:
** tok is valid until its next dyad_ctx_process, extra while ctx lives.
*/
typedef struct dyad__words {
	const uint32_t *tok;  /* per token of the document */
	uint32_t mask;        /* the bits of tok[t] that are its number + 1 */
	uint32_t n;           /* numbers are below n */
	uint32_t epoch;       /* the numbering; numbers change meaning when it does */
	unsigned char *extra; /* DYAD__WORD_EXTRA bytes per number, the caller's */
	size_t stride;        /* bytes from one number's extra to the next's */
} dyad__words;

/* Fills *w for the current document: 0, or -1 when its tokens are not
** numbered (no actors stage yet for this document, or no memory). */
int dyad__token_words(dyad_ctx *ctx, dyad__words *w);
/* Called by dyad_ctx_process: the numbers belong to the last document. */
void dyad__token_words_forget(dyad_ctx *ctx);
/* actors.c: sentence and tokens [t0, t1) of mention i of the last
** dyad_doc_actors on ctx; -1 when out of range. */
int dyad__mention_toks(const dyad_ctx *ctx, size_t i, uint32_t *sent, uint32_t *t0,
		       uint32_t *t1);
/* actors.c: what the coder asks of mention i before it takes it as an
** actor (dyad_doc_mention's how and code, and whether it is a role with
** no actor: an agent, no entry, no candidate), without the rest;
** -1 when there is no mention i. */
int dyad__mention_peek(const dyad_ctx *ctx, size_t i, dyad_how *how, const char **code,
		       int *role_only);
/* actors.c: the code of mention i without its role ("FOR" for "Fornost
** President X" coded FORGOVPRS); its whole code when it has no role. */
const char *dyad__mention_base(const dyad_ctx *ctx, size_t i);

/* patterns.c: verb dictionaries at engine load. */
dyad_status dyad__patterns_load(dyad_engine *eng, const dyad_config *cfg);
void dyad__patterns_free(struct dyad__patterns *p);

/* cameo.c: the CAMEO event code table (DATA_DIR/cameo.txt). */
dyad_status dyad__cameo_load(dyad_engine *eng);
void dyad__cameo_free(struct dyad__cameo *t);

/* places.c: the gazetteer at engine load (cfg.places or cfg.events). */
dyad_status dyad__geo_load(dyad_engine *eng, const dyad_config *cfg);
void dyad__geo_free(struct dyad__geo *g);

/* events.c: per-context coder state. */
void dyad__coder_free(struct dyad__coder *c);

#endif /* DYAD_INT_H */
