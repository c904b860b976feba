/*
** lang.c — script and language of each sentence and of the document.
**
** Script comes from the letters themselves (Unicode blocks), which is
** exact and cheap. Language comes from metadata when the feed gives it;
** otherwise libexttextcat's n-gram models decide, restricted to the
** languages listed in data/textcat.conf. A sentence in the document's
** script shares the document's language; a sentence in another script
** (the Arabic tweet inside an English report) is classified on its own,
** falling back to the script's usual language when it is too short.
*/
#include <string.h>

#include <textcat.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "dyad_int.h"

enum { S_ZYYY, S_LATN, S_ARAB, S_HEBR, S_CYRL, S_GREK, S_HANI, S_HANG,
       S_JPAN, S_DEVA, S_THAI, S_ETHI, S_ARMN, S_GEOR, S_COUNT };

const char *const dyad__script_codes[] = { "Zyyy", "Latn", "Arab", "Hebr",
	"Cyrl", "Grek", "Hani", "Hang", "Jpan", "Deva", "Thai", "Ethi", "Armn",
	"Geor" };

/* The language a script most often means when text is too short to tell. */
static const char *const script_lang[] = { "und", "und", "ar", "he", "ru",
	"el", "zh", "ko", "ja", "hi", "th", "am", "hy", "ka" };

int dyad__script_of(int32_t cp)
{
	if (cp < 0x250)
		return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || cp >= 0xC0 ? S_LATN : S_ZYYY;
	if (cp >= 0x1E00 && cp <= 0x1EFF)
		return S_LATN;
	if (cp >= 0x370 && cp <= 0x3FF)
		return S_GREK;
	if (cp >= 0x400 && cp <= 0x52F)
		return S_CYRL;
	if (cp >= 0x530 && cp <= 0x58F)
		return S_ARMN;
	if (cp >= 0x590 && cp <= 0x5FF)
		return S_HEBR;
	if ((cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F) ||
	    (cp >= 0x8A0 && cp <= 0x8FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
	    (cp >= 0xFE70 && cp <= 0xFEFF))
		return S_ARAB;
	if (cp >= 0x900 && cp <= 0x97F)
		return S_DEVA;
	if (cp >= 0xE00 && cp <= 0xE7F)
		return S_THAI;
	if (cp >= 0x10A0 && cp <= 0x10FF)
		return S_GEOR;
	if (cp >= 0x1100 && cp <= 0x11FF)
		return S_HANG;
	if (cp >= 0x1200 && cp <= 0x139F)
		return S_ETHI;
	if (cp >= 0x3040 && cp <= 0x30FF)
		return S_JPAN;
	if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF))
		return S_HANI;
	if (cp >= 0xAC00 && cp <= 0xD7AF)
		return S_HANG;
	return S_ZYYY;
}

/* Adds the letters of s[0, n) to per-script counts. */
static void count_scripts(const char *s, size_t n, uint32_t *counts)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		int32_t cp;
		if (u[i] < 0x80) {
			size_t letters = 0, start = i;
			for (; i < n && u[i] < 0x80; i++)
				letters += (unsigned)((u[i] | 0x20) - 'a') < 26u;
			counts[S_LATN] += (uint32_t)letters;
			counts[S_ZYYY] += (uint32_t)(i - start - letters);
			continue;
		}
		i += (size_t)dyad__utf8_decode(u + i, n - i, &cp);
		if (cp >= 0)
			counts[dyad__script_of(cp)]++;
	}
}

static uint16_t dominant(const uint32_t *counts)
{
	uint16_t best = S_ZYYY, k;

	for (k = 1; k < S_COUNT; k++)
		if (counts[k] > counts[best] || (best == S_ZYYY && counts[k]))
			best = k;
	return best;
}

uint16_t dyad__script_dominant(const char *s, size_t n)
{
	uint32_t counts[S_COUNT] = {0};

	count_scripts(s, n, counts);
	return dominant(counts);
}

void dyad__lang_free(dyad_ctx *ctx)
{
	if (ctx->textcat)
		textcat_Done(ctx->textcat);
	ctx->textcat = NULL;
}

/* textcat's verdict on s[0, n) as a static or arena string, or NULL. */
static const char *classify(dyad_ctx *ctx, const char *s, size_t n)
{
	const char *r, *close;

	if (!ctx->textcat && !ctx->textcat_failed) {
		ctx->textcat = special_textcat_Init(ctx->eng->textcat_conf,
						    ctx->eng->textcat_prefix);
		ctx->textcat_failed = ctx->textcat == NULL;
	}
	if (!ctx->textcat)
		return NULL;
	/* A few hundred bytes suffice, as libexttextcat's notes say. */
	r = textcat_Classify(ctx->textcat, s, n > 400 ? 400 : n);
	if (!r || r[0] != '[')
		return NULL;
	close = strchr(r + 1, ']');
	if (!close || close - r > 16)
		return NULL;
	return dyad__arena_strndup(&ctx->arena, r + 1, (size_t)(close - r - 1));
}

/* "en-GB", "EN", "eng" -> "en"-style lower-case primary subtag. */
static const char *meta_code(dyad_ctx *ctx, const char *m)
{
	char buf[9];
	size_t k = 0;

	while (m[k] && k < 8 && m[k] != '-' && m[k] != '_') {
		char c = m[k];
		buf[k++] = (c >= 'A' && c <= 'Z') ? (char)(c | 0x20) : c;
	}
	if (k < 2)
		return NULL;
	return dyad__arena_strndup(&ctx->arena, buf, k);
}

/* The cheap English test: looks at the first EN_WORDS words of a
** document; EN_SHARE percent of them in the function-word list make it
** English. */
#define EN_WORDS 120
#define EN_SHARE 15
#define TABLE_NUMS 4
/* Other languages' function words this many times, and at least as often
** as English ones, are the evidence that sends a text to the classifier;
** without it, EN_MIN English function words make it English. */
#define OTHER_MIN 3
#define EN_MIN 2

/* How many of the first `words` word tokens are in set. */
static size_t words_in(const dyad_ctx *ctx, const dyad__strset *set, size_t words)
{
	const dyad__tok *tk = (const dyad__tok *)ctx->toks.p;
	size_t i, k = 0, hits = 0;

	for (i = 0; k < words; i++) {
		if (tk[i].kind != DYAD_TOK_WORD)
			continue;
		k++;
		hits += (size_t)dyad__strset_has(set, dyad__tok_fold(ctx->norm.p, ctx->fold.p, &tk[i]),
						 tk[i].fold_len);
	}
	return hits;
}

/*
** The language the first words settle without the classifier: "en" when
** enough are English function words; "und" for a table (words, not
** numbers and punctuation, under half the tokens, or one number for every
** TABLE_NUMS words); NULL, for the classifier, when function words of
** another language are as frequent (data/other-function-words.txt);
** else "en" or "und" by the English words alone. Such text (team sheets,
** fixtures, grain bids in capitals) is a list, not prose, and the
** classifier's n-gram guess for it was as often German or French as
** English, at the cost of coding the article several times over.
*/
static const char *first_words(const dyad_ctx *ctx)
{
	const dyad__tok *tk = (const dyad__tok *)ctx->toks.p;
	size_t n = DYAD__VEC_LEN(&ctx->toks, dyad__tok), i, words = 0, hits = 0, nums = 0, other;

	for (i = 0; i < n && words < EN_WORDS; i++) {
		nums += tk[i].kind == DYAD_TOK_NUMBER;
		if (tk[i].kind != DYAD_TOK_WORD)
			continue;
		words++;
		hits += (size_t)dyad__strset_has(&ctx->eng->english,
						 dyad__tok_fold(ctx->norm.p, ctx->fold.p, &tk[i]),
						 tk[i].fold_len);
		/* No later word can bring the share under the bar. */
		if (hits * 100 >= EN_SHARE * EN_WORDS)
			return "en";
	}
	if (words >= 4 && hits * 100 / words >= EN_SHARE)
		return "en";
	if (!i || words * 100 / i < 50 || nums * TABLE_NUMS >= words)
		return "und";
	/* Counted only now: most documents were settled above. */
	other = words_in(ctx, &ctx->eng->other_langs, words);
	if (other >= OTHER_MIN && other >= hits)
		return NULL;
	return words >= 4 && hits >= EN_MIN ? "en" : "und";
}

/* Below a few dozen letters n-gram statistics guess wildly. */
#define MIN_LETTERS 64

/* Has s[0, n) MIN_LETTERS letters? A non-ASCII character counts as one
** (its lead byte); digits and punctuation do not, so a table of figures
** ("Shr 12 cts vs 10 cts") is not sent to the classifier for a guess that
** costs more than coding it. */
static int enough_letters(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n && k < MIN_LETTERS; i++) {
		unsigned char c = (unsigned char)s[i];
		k += ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0xC0;
	}
	return k >= MIN_LETTERS;
}

static const char *lang_for(dyad_ctx *ctx, uint16_t script, const char *s, size_t n)
{
	const char *l = NULL;

	if (script == S_LATN || script == S_ARAB || script == S_CYRL ||
	    script == S_HEBR)
		l = enough_letters(s, n) ? classify(ctx, s, n) : NULL;
	return l ? l : script_lang[script];
}

/* ORs the text together 16 or 8 bytes at a time: it runs over every
** document. */
static int is_ascii(const char *s, size_t n)
{
	uint64_t acc = 0, w;
	size_t i = 0;

#ifdef __SSE2__
	__m128i v = _mm_setzero_si128();

	for (; i + 16 <= n; i += 16)
		v = _mm_or_si128(v, _mm_loadu_si128((const __m128i *)(const void *)(s + i)));
	acc = _mm_movemask_epi8(v) ? 0x80 : 0;
#endif
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		acc |= w;
	}
	for (; i < n; i++)
		acc |= (unsigned char)s[i];
	return (acc & 0x8080808080808080ull) == 0;
}

static int has_word(const dyad_ctx *ctx, const dyad__sent *s)
{
	const dyad__tok *tk = (const dyad__tok *)ctx->toks.p + s->tok0;
	uint32_t k;

	for (k = 0; k < s->ntok; k++)
		if (tk[k].kind == DYAD_TOK_WORD || tk[k].kind == DYAD_TOK_HASHTAG)
			return 1;
	return 0;
}

dyad_status dyad__lang_assign(dyad_ctx *ctx, const char *meta_lang)
{
	dyad_doc *doc = &ctx->doc;
	dyad__sent *sents = (dyad__sent *)ctx->sents.p;
	const char *doc_lang = meta_lang && *meta_lang ? meta_code(ctx, meta_lang) : NULL;
	uint32_t total[S_COUNT] = {0};
	size_t i;

	int ascii = is_ascii(doc->norm, doc->norm_len);

	for (i = 0; i < doc->nsents; i++) {
		uint32_t counts[S_COUNT] = {0}, k;
		if (ascii) {
			/* Any ASCII letter makes a sentence Latin; skip the count. */
			sents[i].script = has_word(ctx, &sents[i]) ? S_LATN : S_ZYYY;
			total[sents[i].script]++;
			continue;
		}
		count_scripts(doc->norm + sents[i].start, sents[i].end - sents[i].start, counts);
		sents[i].script = dominant(counts);
		for (k = 0; k < S_COUNT; k++)
			total[k] += counts[k];
	}
	doc->script = dominant(total);
	if (!doc_lang && doc->script == S_LATN)
		doc_lang = first_words(ctx);
	if (!doc_lang)
		doc_lang = lang_for(ctx, doc->script, doc->norm, doc->norm_len);
	for (i = 0; i < doc->nsents; i++) {
		dyad__sent *s = &sents[i];
		s->lang = s->script == doc->script || s->script == S_ZYYY
				  ? doc_lang
				  : lang_for(ctx, s->script, doc->norm + s->start, s->end - s->start);
	}
	doc->info.lang = doc_lang;
	doc->info.script = dyad__script_codes[doc->script];
	return ctx->arena.nomem ? DYAD_NOMEM : DYAD_OK;
}
