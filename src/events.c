/*
** events.c — from a sentence with actors to coded events: who did what to
** whom, each event carrying the pattern that made it.
**
** There is no parser. The coder follows the sparse parsing of TABARI
** (manual chapter 7), which is enough for news leads and is what the
** field's dictionaries were written for:
**   1. words: the sentence's tokens (hyphenated words split), each looked
**      up once in the pattern lexicon, typed as actor, verb, noun,
**      adjective, determiner, auxiliary, pronoun, conjunction, comma;
**   2. structure: compound actors ("Qatar and Iran"), compound nouns and
**      adjectives (whose "and" is no clause break), pronouns coreferenced,
**      short comma-delimited clauses dropped, the rest cut into clauses at
**      conjunctions;
**   3. coding: in each clause, verbs left to right; a verb's patterns are
**      tried longest first; the first that matches (or the verb's default
**      code) gives the event, with source and target from the pattern's
**      $ + % or, failing that, the default searches, and passive voice
**      swapping them.
** Modality (negation, hypothetical, reported, question) is read around
** the verb and kept as flags; the code is never changed for it. All
** per-sentence state lives in reusable buffers on the context: no
** allocation per token.
*/
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cameo.h"
#include "patterns.h"

/* The classes that make a word a pronoun (T_PRON). */
#define PRONOUNS (DYAD__C_PRON_HE | DYAD__C_PRON_HIS | DYAD__C_PRON_THEY)

enum { T_NONE = 0, T_ACTOR, T_VERB, T_NOUN, T_ADJ, T_DET, T_AUX, T_BY, T_COMMA,
       T_PRON, T_CONJ, T_NUM };

#define STEP_MAX 20000  /* pattern-matching steps per verb: hostile input stays bounded */
#define SENT_WORDS 512  /* words coded per sentence */

/* Facts about a word's lexicon ids, gathered once per distinct word so
** that the hot loops test a bit instead of walking the ids. */
enum {
	LF_FORM = 1u,  /* some id starts a verb form */
	LF_SYNX = 2u,  /* some id is in a synset numbered 64 or more */
	LF_PAT = 4u,   /* some id is a word element of a pattern */
	LF_FORM_AT = 8u /* LF_FORM_AT << k: id k (of the first LF_FORM_IDS) starts a
			** form; LF_FORM_AT << LF_FORM_IDS: an id after them does */
};
#define LF_FORM_IDS 4u

/* The LF_FORM_AT bit of a word's id k. */
static inline unsigned lf_form_bit(uint32_t k)
{
	return LF_FORM_AT << (k < LF_FORM_IDS ? k : LF_FORM_IDS);
}

typedef struct cword {
	uint32_t tok;
	uint32_t a, b;        /* normalized span (a piece of the token) */
	const char *key;      /* fold key piece */
	uint32_t klen;
	uint32_t id0, nid;    /* lexicon ids in coder->ids */
	uint32_t cls;         /* classes of the words it matches */
	uint64_t syn;         /* bit s: one of its ids is a one-word member of synset s < 64 */
	uint8_t lf;           /* LF_* */
	uint8_t type, cap, dropped, vlen;
	uint8_t poss;         /* a possessive follows: looked up with its "'s" */
	int32_t actor;        /* actor covering it, -1 */
	int32_t form;         /* verb form starting here, -1 */
} cword;

typedef struct cactor {
	uint32_t w0, w1;      /* words */
	const char *code;     /* "" = null */
	const char *base;     /* its code without a role: what forwarding carries */
	const char *label;
	size_t start, end;    /* original span */
	double conf;
	int32_t ref;          /* a pronoun: the actor it stands for; else -1 */
	int32_t first, last;  /* its compound's member actors (itself when single) */
	uint8_t forwarded;    /* a pronoun standing for the previous sentence's actor */
} cactor;

/* Where the source or target of an event came from. */
typedef struct eslot {
	int32_t actor;        /* an actor index, -1 none */
	const char *dflt;     /* or a default code from the options */
	const char *how;      /* static text for the record */
	uint8_t single;       /* the actor alone, not its whole compound */
} eslot;

typedef struct ev {
	uint32_t sent;
	uint32_t src, tgt, srcl, tgtl, cameo, pat, pattext, shw, thw; /* offsets in str */
	size_t ss, se, vs, ve, ts, te;
	unsigned modality;
	float conf;
	char id[17];
} ev;

/* What a word gives its cword, as the word cache keeps it: all that a
** word found again reads, small enough to be kept in the actor stage's
** record of the word too (dyad__words.extra). */
typedef struct lexhot {
	uint32_t syn[2];          /* as cword.syn: bits 0 to 31, 32 to 63 */
	uint32_t id[2];           /* the first two ids again, copied without a loop */
	uint32_t cls;             /* the ids' classes, or'ed */
	uint32_t at;              /* into lexcache.ids << 8 | ids (a word of more is not cached) */
	uint8_t lf;               /* LF_* */
	uint8_t gen;              /* in lexmap: holds a word when the coder's lexgen */
} lexhot;

#define LH_IDS(e) ((e)->at & 0xff)
#define LH_ID0(e) ((e)->at >> 8)

/* The bytes of a lexhot copied to and from a word's extra bytes: all
** but the padding at its end. After them, in a word's extra bytes, the
** coder keeps whether the word's token may stand in for an actor
** (may_stand_in): 0 not known, 1 no, 2 it may. */
#define LEXHOT_BYTES (offsetof(lexhot, gen) + 1)
#define STANDIN_AT LEXHOT_BYTES
_Static_assert(STANDIN_AT < DYAD__WX_CODER, "a lexhot and a byte fit the coder's bytes of a word");

/* A word's lexicon ids, remembered by the context: the same few thousand
** words make up most of every article, and looking one up again here
** costs a hash and a compare instead of a trie walk with its endings. */
typedef struct lexent {
	lexhot h;
	uint32_t key, klen;       /* key: offset into lexcache.keys */
} lexent;

enum { LEX_SLOTS = 1 << 17, LEX_MAX = LEX_SLOTS / 2 };
_Static_assert((uint64_t)LEX_MAX * 0xff < 1u << 24, "lexhot.at holds a cached id's index");

/* The slots hold only a hash and an entry number, so a probe reads 8
** bytes; the entries sit packed in the order they were first met, the
** commonest words early. */
typedef struct lexcache {
	uint64_t *slot;           /* LEX_SLOTS: hash << 32 | entry + 1, 0 empty */
	lexent *ent;              /* LEX_MAX */
	dyad__buf keys, ids;
	uint32_t n;
} lexcache;

typedef struct dyad__coder dyad__coder;

struct dyad__coder {
	dyad__buf words, ids, actors, clauses, evs, str, expl, sstat;
	const dyad__patterns *P;
	const dyad_code_opts *o;
	const dyad_doc *doc;
	uint32_t sent;
	size_t nw, na;
	int allcaps;
	int32_t carried;      /* source carried into the next clause, -1 */
	int carried_phrase;   /* it comes from a clause without a verb */
	char joined[1024];    /* keys of words rejoined from clitics ("didn't") */
	char agent_code[8][16]; /* "~COP" codes of converted roles, per sentence */
	unsigned nagent;
	size_t njoined;
	int status;           /* dyad_sent_status of the current sentence */
	/* The words the current verb's patterns may match (local_words):
	** their ids hashed to 4096 bits, their synsets below 64, and whether
	** one is in a synset numbered 64 or more. */
	uint64_t seen[(1u << DYAD__SEEN_BITS) / 64];
	uint64_t lsyn;
	int lsynx;
	/* The ids of those words that patterns use (LF_PAT), for candidates();
	** lids_full: there were more than lids holds. */
	uint32_t lids[SENT_WORDS];
	uint32_t nlids;
	int lids_full;
	uint64_t nsent;       /* sentences built so far, a serial for what follows */
	uint64_t lsent;       /* the sentence and the words local_words last gathered */
	uint32_t llo, lhi;
	uint64_t rsent;       /* the sentence whose report words nrep counts */
	uint32_t nrep;
	uint32_t tend;        /* one past the current sentence's last token */
	uint32_t scls;        /* the classes of all the sentence's words, or'ed */
	int commas;           /* type_words found a comma in the sentence */
	lexcache lex;         /* words looked up before, kept across documents */
	uint64_t *cand;       /* candidates(): one bit per pattern of the largest group */
	uint32_t ncand;       /* words of cand */
	/* FORWARD: what the previous sentence passes on ("" nothing), and
	** what this sentence took from it; kept across documents. */
	char fwd[32], fwd_label[64], fwd_in[32], fwd_in_label[64];
	/* The actor that last put a proposal forward in the document, for
	** "the proposal" later on ("" none). */
	char prop[32], prop_label[64];
	/* A copy of the word cache's entry for each actor word number, kept
	** in the actor stage's record of the word (dyad__words.extra at
	** stride wstride: lexmap_at), so a word seen before is found by its
	** token's number with one read, in a cache line numbering the token
	** has just read, and no hash of its text (entries of another lexgen
	** than the coder's are none); lexmap_epoch is the numbering it
	** follows, tw and ntw the current document's numbers (tw NULL:
	** none), lexmap_hi one past the highest number set. */
	unsigned char *lexmap;
	size_t wstride;
	uint32_t lexmap_epoch, ntw, twmask, lexmap_hi;
	uint8_t lexgen;
	const uint32_t *tw;
	uint32_t lex_last;    /* the entry the last lookup found or made, or UINT32_MAX */
};

#define W(c, i) (((cword *)(c)->words.p)[i])
#define A(c, i) (((cactor *)(c)->actors.p)[i])

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

static uint32_t str_put(dyad__coder *c, const char *s, size_t n)
{
	uint32_t off = (uint32_t)c->str.len;
	char z = 0;

	if (dyad__buf_append(&c->str, s, n) != 0 || dyad__buf_append(&c->str, &z, 1) != 0)
		return 0;
	return off;
}

static void explain_line(dyad__coder *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A line of the explanation, with --explain only. A macro, so that
** without it (nearly always) no call is made and no argument worked out:
** none has a side effect. */
#define EXPLAIN(c, ...) ((c)->o->explain ? explain_line(c, __VA_ARGS__) : (void)0)

static void explain_line(dyad__coder *c, const char *fmt, ...)
{
	char line[512];
	int k;
	va_list ap;

	va_start(ap, fmt);
	k = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (k < 0)
		return;
	dyad__buf_append(&c->expl, line, (size_t)k < sizeof line ? (size_t)k : sizeof line - 1);
	dyad__buf_append(&c->expl, "\n", 1);
}

static int has_id(const dyad__coder *c, uint32_t w, uint32_t id)
{
	const uint32_t *ids = (const uint32_t *)c->ids.p + W(c, w).id0;
	uint32_t i;

	for (i = 0; i < W(c, w).nid; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

static int is_word(const dyad__coder *c, uint32_t w, const char *s)
{
	size_t n = strlen(s);

	return W(c, w).klen == n && memcmp(W(c, w).key, s, n) == 0;
}

/* ------------------------------------------------------------------ */
/* 1. Words                                                            */
/* ------------------------------------------------------------------ */

static void lex_reset(lexcache *L)
{
	memset(L->slot, 0, LEX_SLOTS * sizeof *L->slot);
	L->keys.len = L->ids.len = 0;
	L->n = 0;
}

/* A word's key hashed for the word cache (never 0: 0 marks an empty
** slot), and whether it holds a hyphen. */
static inline uint32_t key_hash(const char *s, uint32_t n, int *dash)
{
	return (uint32_t)dyad__hash_key(s, n, dash) | 1u;
}

/* Appends n ids to c->ids. -1 out of memory. */
static int put_ids(dyad__coder *c, const uint32_t *ids, uint32_t n)
{
	uint32_t *d, i;

	if (c->ids.cap - c->ids.len < (size_t)n * 4 && dyad__buf_reserve(&c->ids, (size_t)n * 4) != 0)
		return -1;
	d = (uint32_t *)(c->ids.p + c->ids.len);
	for (i = 0; i < n; i++)
		d[i] = ids[i];
	c->ids.len += (size_t)n * 4;
	return 0;
}

/* The classes, synsets and verb-form flag of n lexicon ids, into w. */
static void word_facts(const dyad__coder *c, const uint32_t *ids, uint32_t n, cword *w)
{
	uint32_t k, j, ns;

	w->cls = 0, w->syn = 0, w->lf = 0;
	for (k = 0; k < n; k++) {
		const dyad__lword *lw = dyad__lex_word(c->P, ids[k]);
		const uint32_t *s = dyad__lex_synsets(c->P, ids[k], &ns);
		w->cls |= lw->cls;
		w->lf |= lw->form ? LF_FORM | lf_form_bit(k) : 0;
		w->lf |= lw->pat ? LF_PAT : 0;
		for (j = 0; j < ns; j++) {
			if (s[j] < 64)
				w->syn |= (uint64_t)1 << s[j];
			else
				w->lf |= LF_SYNX;
		}
	}
}

/* Word number num's copy of a word cache entry. */
static inline unsigned char *lexmap_at(const dyad__coder *c, uint32_t num)
{
	return c->lexmap + (size_t)num * c->wstride;
}

/* Forgets the copies of the word cache's entries: a new generation, so
** that the map is emptied only when the numbers come round again. */
static void lexmap_clear(dyad__coder *c)
{
	uint32_t i;

	if (++c->lexgen != 0)
		return;
	for (i = 0; c->lexmap && i < c->lexmap_hi; i++)
		memset(lexmap_at(c, i), 0, LEXHOT_BYTES);
	c->lexmap_hi = 0;
	c->lexgen = 1;
}

/* Remembers word w (its ids at c->ids from w->id0) under hash h. */
static int lex_remember(dyad__coder *c, uint32_t h, uint32_t i, const cword *w)
{
	lexcache *L = &c->lex;
	lexent *e;

	c->lex_last = UINT32_MAX;
	if (w->nid > 0xff) /* looked up afresh each time: slower, not wrong */
		return 0;
	if (L->n >= LEX_MAX) { /* full: start again rather than grow without end */
		lex_reset(L);
		lexmap_clear(c); /* its entries are gone */
		return 0;
	}
	e = &L->ent[L->n];
	e->klen = w->klen, e->h.cls = w->cls, e->h.lf = w->lf;
	e->h.syn[0] = (uint32_t)w->syn, e->h.syn[1] = (uint32_t)(w->syn >> 32);
	e->key = (uint32_t)L->keys.len;
	e->h.at = (uint32_t)(L->ids.len / 4) << 8 | w->nid; /* fits: LEX_MAX * 0xff < 2^24 */
	e->h.id[0] = w->nid > 0 ? ((const uint32_t *)c->ids.p)[w->id0] : 0;
	e->h.id[1] = w->nid > 1 ? ((const uint32_t *)c->ids.p)[w->id0 + 1] : 0;
	if (dyad__buf_append(&L->keys, w->key, w->klen) != 0 ||
	    dyad__buf_append(&L->ids, (uint32_t *)c->ids.p + w->id0, w->nid * 4) != 0)
		return -1;
	L->slot[i] = (uint64_t)h << 32 | ++L->n;
	c->lex_last = L->n - 1;
	return 0;
}

/* lex_lookup for a word not in the cache: the trie, then the cache's slot
** i (free) takes it. */
static int lex_miss(dyad__coder *c, cword *w, uint32_t h, uint32_t i)
{
	int n;

	if ((n = dyad__lex_match(c->P, w->key, w->klen, &c->ids)) < 0)
		return -1;
	w->nid = (uint32_t)n;
	word_facts(c, (const uint32_t *)c->ids.p + w->id0, w->nid, w);
	return lex_remember(c, h, i, w);
}

/* Word w takes the facts and ids of cache entry e. -1 out of memory. */
static inline int lex_take(dyad__coder *c, cword *w, const lexhot *e)
{
	uint32_t *d;

	w->nid = LH_IDS(e), w->cls = e->cls, w->lf = e->lf;
	w->syn = (uint64_t)e->syn[1] << 32 | e->syn[0];
	if (w->nid > 2 || c->ids.cap - c->ids.len < 8)
		return put_ids(c, (const uint32_t *)c->lex.ids.p + LH_ID0(e), w->nid);
	d = (uint32_t *)(c->ids.p + c->ids.len);
	d[0] = e->id[0], d[1] = e->id[1]; /* past nid: room kept, not counted */
	c->ids.len += (size_t)w->nid * 4;
	return 0;
}

static inline int lex_lookup(dyad__coder *c, cword *w, uint32_t h)
{
	lexcache *L = &c->lex;
	uint32_t i;

	for (i = h & (LEX_SLOTS - 1); L->slot[i]; i = (i + 1) & (LEX_SLOTS - 1)) {
		const lexent *e = &L->ent[(uint32_t)L->slot[i] - 1];
		if ((uint32_t)(L->slot[i] >> 32) != h || e->klen != w->klen ||
		    !dyad__same_bytes(L->keys.p + e->key, w->key, w->klen))
			continue;
		c->lex_last = (uint32_t)L->slot[i] - 1;
		return lex_take(c, w, &e->h);
	}
	return lex_miss(c, w, h, i);
}

/* Appends a word of token k (number t), its key hashed to h (key_hash),
** or found already as hot (NULL: look it up);
** the words buffer holds SENT_WORDS from build_words on. Inlined into the
** word loop: a call per word costs more than the lookup's hit path. */
static inline __attribute__((always_inline))
int add_word(dyad__coder *c, uint32_t t, const dyad__tok *k, const char *key, uint32_t klen,
	     int cap, uint32_t h, const lexhot *hot)
{
	cword *w;

	if (c->nw >= SENT_WORDS)
		return 0;
	w = &W(c, c->nw);
	memset(w, 0, sizeof *w);
	w->tok = t;
	w->a = k->start;
	w->b = k->end;
	w->key = key;
	w->klen = klen;
	w->cap = (uint8_t)cap;
	w->actor = w->form = -1;
	w->id0 = (uint32_t)(c->ids.len / 4);
	if ((hot ? lex_take(c, w, hot) : lex_lookup(c, w, h)) != 0)
		return -1;
	c->scls |= w->cls;
	c->nw++;
	c->words.len += sizeof *w;
	return 0;
}

/* The tokenizer splits "didn't" as "did" + "n't"; dictionaries write it
** whole, so the coder joins it back onto the word before. */
static int rejoin(dyad__coder *c, const char *f)
{
	cword *w = &W(c, c->nw - 1);
	uint32_t n = w->klen + 3;
	char *key = c->joined + c->njoined;
	int k;

	if (c->njoined + n + 1 > sizeof c->joined)
		return 0;
	memcpy(key, w->key, w->klen);
	memcpy(key + w->klen, f, 3);
	key[n] = 0;
	c->njoined += n + 1;
	w->key = key;
	w->klen = n;
	w->b = c->doc->toks[w->tok + 1].end;
	c->ids.len = (size_t)w->id0 * 4;
	if ((k = dyad__lex_match(c->P, key, n, &c->ids)) < 0)
		return -1;
	w->nid = (uint32_t)k;
	word_facts(c, (const uint32_t *)c->ids.p + w->id0, w->nid, w);
	c->scls = 0; /* the classes it had may be gone */
	for (k = 0; k < (int)c->nw; k++)
		c->scls |= W(c, (uint32_t)k).cls;
	return 0;
}

/* The key of token t's last piece f[a, n) with the possessive that
** follows it ("plan" + "'s"), kept in c->joined; NULL when full. */
static const char *with_possessive(dyad__coder *c, const char *f, uint32_t n)
{
	char *key = c->joined + c->njoined;

	if (c->njoined + n + 3 > sizeof c->joined)
		return NULL;
	memcpy(key, f, n);
	memcpy(key + n, "'s", 3);
	c->njoined += n + 3;
	return key;
}

/* Is token t followed at once by a possessive ending in its sentence? */
static int possessive_after(const dyad__coder *c, const dyad__tok *k, uint32_t t)
{
	return t + 1 < c->tend && k[1].kind == DYAD_TOK_POSSESSIVE && k[1].start == k->end;
}

/* A token's words: hyphens split it (TABARI §7.3); punctuation other than
** commas and semicolons is left out. A possessive ending stays on its
** word for the lexicon (TABARI §5.2.3: "plan's" is no whole-word PLAN_,
** and no verb). */
static int token_words(dyad__coder *c, uint32_t t)
{
	const dyad__tok *k = &c->doc->toks[t];
	const char *f = dyad__tok_fold(c->doc->norm, c->doc->fold, k);
	const char *txt = c->doc->norm + k->start;
	const uint32_t len = k->fold_len;
	uint32_t i = 0, a;
	int cap = txt[0] >= 'A' && txt[0] <= 'Z', dash;

	if (k->kind == DYAD_TOK_PUNCT) {
		if (k->end - k->start == 1 && (txt[0] == ',' || txt[0] == ';'))
			return add_word(c, t, k, ",", 1, 0, key_hash(",", 1, &dash), NULL);
		return 0;
	}
	if (k->kind == DYAD_TOK_POSSESSIVE || k->kind == DYAD_TOK_SYMBOL)
		return 0;
	if (len == 3 && memcmp(f, "n't", 3) == 0 && c->nw > 0 &&
	    t > c->doc->sents[c->sent].tok0 && k[-1].end == k->start)
		return rejoin(c, f);
	while (i < len) {
		const char *key;
		uint32_t n;
		for (a = i; i < len && f[i] != '-'; i++)
			;
		key = f + a, n = i - a;
		if (i == len && n && possessive_after(c, k, t) &&
		    (key = with_possessive(c, f + a, n)) != NULL)
			n += 2;
		if (!key)
			key = f + a;
		if (n && add_word(c, t, k, key, n, cap && a == 0, key_hash(key, n, &dash),
				  NULL) != 0)
			return -1;
		if (n && key != f + a)
			W(c, c->nw - 1).poss = 1;
		i++;
	}
	return 0;
}

/* Word number num takes a copy of the entry the last lookup found. */
static void lexmap_put(dyad__coder *c, uint32_t num)
{
	lexhot h = c->lex.ent[c->lex_last].h;

	h.gen = c->lexgen;
	memcpy(lexmap_at(c, num), &h, LEXHOT_BYTES); /* bytes of the actor stage's record */
	if (num >= c->lexmap_hi)
		c->lexmap_hi = num + 1;
}

/* Does word number num have a copy of a word cache entry? Into *h. */
static inline int lexmap_get(const dyad__coder *c, uint32_t num, lexhot *h)
{
	if (num >= c->ntw)
		return 0;
	memcpy(h, lexmap_at(c, num), LEXHOT_BYTES);
	return h->gen == c->lexgen;
}

/* Is token k (number t, fold key f) one word as it stands: no hyphen
** (not known here), no clitic, no possessive after, not punctuation?
** tend: one past the sentence's last token. */
static inline int plain_token(const dyad__tok *k, const char *f, uint32_t t, uint32_t tend)
{
	return k->kind != DYAD_TOK_PUNCT && k->kind != DYAD_TOK_POSSESSIVE &&
	       k->kind != DYAD_TOK_SYMBOL && k->fold_len != 0 &&
	       !(k->fold_len == 3 && memcmp(f, "n't", 3) == 0) &&
	       !(t + 1 < tend && k[1].kind == DYAD_TOK_POSSESSIVE && k[1].start == k->end);
}

/* The words of sentence s. What the loop reads of the document and the
** word numbering is held in locals: the words it stores might alias the
** coder's fields, which it would otherwise read again after each. */
static int build_words(dyad__coder *c, const dyad__sent *s)
{
	const dyad__tok *const toks = c->doc->toks;
	const char *const norm = c->doc->norm, *const fold = c->doc->fold;
	const uint32_t *const tw = c->tw;
	const uint32_t tend = s->tok0 + s->ntok, twmask = c->twmask;
	uint32_t t;
	int lower = 0;

	c->words.len = c->ids.len = 0;
	if (dyad__buf_reserve(&c->words, SENT_WORDS * sizeof(cword)) != 0)
		return -1;
	c->nw = 0;
	c->njoined = 0;
	c->tend = tend;
	c->scls = 0;
	c->nsent++;
	for (t = s->tok0; t < tend; t++) {
		const dyad__tok *k = &toks[t];
		const char *f = dyad__tok_fold(norm, fold, k);
		const int cap = norm[k->start] >= 'A' && norm[k->start] <= 'Z';
		uint32_t i, h = 0, num = tw ? (tw[t] & twmask) - 1 : UINT32_MAX;
		int dash, known = 0;
		lexhot hot;
		for (i = k->start; i < k->end && !lower; i++)
			lower = norm[i] >= 'a' && norm[i] <= 'z';
		/* Most tokens are one word as they stand; token_words takes
		** the others. A word the cache had under its number (so
		** without a hyphen) needs no hash. */
		if (!plain_token(k, f, t, tend) ||
		    (!(known = lexmap_get(c, num, &hot)) &&
		     (h = key_hash(f, k->fold_len, &dash), dash))) {
			if (token_words(c, t) != 0)
				return -1;
			continue;
		}
		if (known) {
			if (add_word(c, t, k, f, k->fold_len, cap, 0, &hot) != 0)
				return -1;
			continue;
		}
		c->lex_last = UINT32_MAX; /* stays so when the sentence is full */
		if (add_word(c, t, k, f, k->fold_len, cap, h, NULL) != 0)
			return -1;
		if (num < c->ntw && c->lex_last != UINT32_MAX)
			lexmap_put(c, num);
	}
	c->allcaps = !lower;
	return 0;
}

/* May lexicon word id be among the words the verb's patterns may match?
** A collision in the bits only costs a wasted try. */
static int seen_has(const dyad__coder *c, uint32_t id)
{
	id &= (1u << DYAD__SEEN_BITS) - 1;
	return (int)(c->seen[id >> 6] >> (id & 63)) & 1;
}

/* Can the pattern of filter f match here? Not when a word or a synset it
** needs is not among the words it may match. */
static int may_match(const dyad__coder *c, const dyad__pfilt *f)
{
	uint64_t x = f->need;
	uint32_t i, n = (uint32_t)(x >> DYAD__PF_COUNT_AT) & 7;

	if ((f->needsyn & ~c->lsyn) || ((x & DYAD__PF_SYNX) && !c->lsynx))
		return 0;
	for (i = 0; i < n; i++, x >>= DYAD__SEEN_BITS)
		if (!seen_has(c, (uint32_t)x))
			return 0;
	return 1;
}

/* ------------------------------------------------------------------ */
/* 2. Actors                                                           */
/* ------------------------------------------------------------------ */

static int push_actor(dyad__coder *c, uint32_t w0, uint32_t w1, const dyad_mention *m)
{
	cactor x;
	uint32_t i;

	memset(&x, 0, sizeof x);
	x.w0 = w0;
	x.w1 = w1;
	x.code = x.base = m->code;
	x.label = m->label;
	x.start = m->start;
	x.end = m->end;
	x.conf = m->confidence;
	x.ref = -1;
	x.first = x.last = (int32_t)c->na;
	for (i = w0; i < w1; i++) {
		W(c, i).actor = (int32_t)c->na;
		W(c, i).type = T_ACTOR;
	}
	if (dyad__buf_append(&c->actors, &x, sizeof x) != 0)
		return -1;
	c->na++;
	return 0;
}

/* Special codes of actor entries (§6.2-6.4): null, discard, complex. */
static int special_actor(dyad__coder *c, const char *code)
{
	if (code[0] != '#' && code[0] != '+' && code[0] != '-') /* most codes: no compare */
		return 0;
	if (strcmp(code, "###") == 0)
		c->status = DYAD_SENT_DISCARDED;
	else if (strcmp(code, "+++") == 0 && c->status == DYAD_SENT_CODED)
		c->status = DYAD_SENT_COMPLEX;
	else if (strcmp(code, "---") != 0)
		return 0;
	return 1;
}

/* The document's mentions in this sentence, as actors over words. */
static int place_actors(dyad__coder *c, size_t *mi, size_t nm)
{
	uint32_t sent, t0, t1, w = 0;

	c->actors.len = 0;
	c->na = 0;
	for (; *mi < nm; (*mi)++) {
		dyad_mention m;
		dyad_how how;
		const char *code;
		int role_only;
		uint32_t w0, w1;
		if (dyad__mention_toks(c->doc->ctx, *mi, &sent, &t0, &t1) != 0 || sent > c->sent)
			break;
		if (sent < c->sent)
			continue;
		while (w < c->nw && W(c, w).tok < t0)
			w++;
		for (w0 = w1 = w; w1 < c->nw && W(c, w1).tok < t1; w1++)
			;
		/* The mention is read in full only when it becomes an actor. */
		if (w1 == w0 || dyad__mention_peek(c->doc->ctx, *mi, &how, &code, &role_only) != 0)
			continue;
		if (how == DYAD_HOW_ROLE && role_only) {
			/* A role with no actor ("officials", "fundamentalist jihad")
			** is no actor in TABARI unless CONVERT AGENTS asks for it,
			** written "~COP" (§8.2.6). */
			if (!c->o->convert_agents) {
				for (; w0 < w1; w0++)
					W(c, w0).cls |= DYAD__C_NOUN;
				c->scls |= DYAD__C_NOUN;
				continue;
			}
			dyad__join(c->agent_code[c->nagent % 8], 16, "~", code, (char *)NULL);
			code = c->agent_code[c->nagent++ % 8];
		} else if (special_actor(c, code) || !*code) {
			/* A null-coded actor is a noun to the parser (§7.4); a
			** converted role's "~" code is neither. */
			for (; w0 < w1; w0++)
				W(c, w0).cls |= (W(c, w0).cls & DYAD__C_ADJ) ? 0 : DYAD__C_NOUN;
			c->scls |= DYAD__C_NOUN; /* at most a superset: it gates no outcome */
			continue;
		}
		if (dyad_doc_mention(c->doc, *mi, &m) != DYAD_OK)
			continue;
		m.code = code;
		if (push_actor(c, w0, w1, &m) != 0)
			return -1;
		if (!(m.how == DYAD_HOW_ROLE && m.code[0] == '~')) /* not a converted role */
			A(c, c->na - 1).base = dyad__mention_base(c->doc->ctx, *mi);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* 3. Verbs and word types                                             */
/* ------------------------------------------------------------------ */

/*
** Words a blank of a TABARI verb form may pass over ("DEATH TOLL RISEN"
** in "death toll has risen", §5.5.3). TABARI sets no bound; dyad allows
** a few words, none of them an actor or a comma, and no punctuation, so
** that a verb is not assembled from words far apart.
*/
#define FORM_GAP 3

/* May word p be passed over in a verb form's gap? Not an actor, not a
** comma, and no punctuation between it and the word before. */
static int form_gap_word(const dyad__coder *c, uint32_t p)
{
	uint32_t t;

	if (W(c, p).actor >= 0 || (W(c, p).klen == 1 && W(c, p).key[0] == ','))
		return 0;
	for (t = W(c, p - 1).tok + 1; t < W(c, p).tok; t++)
		if (c->doc->toks[t].kind == DYAD_TOK_PUNCT)
			return 0;
	return 1;
}

/* Where form vf, its first word at word i, ends (one past its last
** word), or 0 when its words do not follow; *skipped counts the words
** its gaps passed over (the nearest occurrence is taken). */
static uint32_t form_end(const dyad__coder *c, uint32_t i, const dyad__vform *vf,
			 uint32_t *skipped)
{
	const uint32_t *fw = dyad__pat_formwords(c->P);
	uint32_t j, p = i + 1;

	*skipped = 0;
	for (j = 1; j < vf->nw; j++, p++) {
		uint32_t g = 0;
		while (p < c->nw && W(c, p).actor < 0 && !has_id(c, p, fw[vf->w0 + j])) {
			if (!((vf->gaps >> j) & 1u) || g == FORM_GAP || !form_gap_word(c, p))
				return 0;
			g++, p++;
		}
		if (p >= c->nw || W(c, p).actor >= 0 || (g && !form_gap_word(c, p)))
			return 0;
		*skipped += g;
	}
	return p;
}

/* The longest verb form starting at word i, or -1; *len is the words it
** spans, gaps included. Among forms of as many words the longer first
** word wins, then the one with fewer words passed over. */
static int32_t form_at(const dyad__coder *c, uint32_t i, uint8_t *len)
{
	const uint32_t *ids = (const uint32_t *)c->ids.p + W(c, i).id0;
	int32_t best = -1;
	uint32_t k, best_score = 0;

	if (!(W(c, i).lf & LF_FORM))
		return -1;
	for (k = 0; k < W(c, i).nid; k++) {
		uint32_t f;
		if (!(W(c, i).lf & lf_form_bit(k)))
			continue; /* starts none: its lexicon word is not read */
		f = dyad__lex_word(c->P, ids[k])->form;
		for (; f; f = dyad__pat_form(c->P, f - 1)->next) {
			const dyad__vform *vf = dyad__pat_form(c->P, f - 1);
			uint32_t skipped, end = form_end(c, i, vf, &skipped), score;
			if (end == 0)
				continue;
			score = (vf->nw * 1000 + vf->klen0) * 32 + (31 - (skipped < 31 ? skipped : 31));
			if (score > best_score) {
				best_score = score;
				best = (int32_t)(f - 1);
				*len = (uint8_t)(end - i);
			}
		}
	}
	return best;
}

/* A verb read as a noun: after a determiner, or capitalized inside a
** sentence that is not in capitals (TABARI §7.4). */
static int shifted(const dyad__coder *c, uint32_t i, int32_t form)
{
	const dyad__verb *v = dyad__pat_verb(c->P, dyad__pat_form(c->P, (uint32_t)form)->verb);

	if (v->noun)
		return 0;
	if (i > 0 && (W(c, i - 1).cls & DYAD__C_DET))
		return 1;
	return i > 0 && W(c, i).cap && !c->allcaps;
}

/* The code of the verb of a form when no pattern matches. */
static const dyad__vcode *form_code(const dyad__coder *c, int32_t form)
{
	const dyad__verb *v = dyad__pat_verb(c->P, dyad__pat_form(c->P, (uint32_t)form)->verb);

	return v->code.kind != DYAD__VC_NONE ? &v->code : &dyad__pat_group(c->P, v->group)->code;
}

/* A verb with only a null code, no patterns to code it otherwise: TABARI
** makes it a word of type null, neither verb nor noun (§6.2). */
static int null_only(const dyad__coder *c, int32_t form)
{
	const dyad__verb *v = dyad__pat_verb(c->P, dyad__pat_form(c->P, (uint32_t)form)->verb);

	return form_code(c, form)->kind == DYAD__VC_NULL &&
	       dyad__pat_group(c->P, v->group)->npat == 0;
}

/* The classes that give a word a type in type_words. */
#define TYPED (DYAD__C_NOUN | DYAD__C_ADJ | DYAD__C_DET | DYAD__C_AUX | DYAD__C_BY | \
	       PRONOUNS | DYAD__C_CONJ)

static void type_words(dyad__coder *c)
{
	const dyad__tok *const toks = c->doc->toks;
	uint32_t i;

	c->commas = 0;
	for (i = 0; i < c->nw; i++) {
		cword *w = &W(c, i);
		uint8_t len = 1;
		if (w->type == T_ACTOR)
			continue;
		if (w->klen == 1 && w->key[0] == ',')
			w->type = T_COMMA, c->commas = 1;
		else if (toks[w->tok].kind == DYAD_TOK_NUMBER)
			w->type = T_NUM;
		else if (!(w->cls & TYPED) && !(w->lf & LF_FORM) && w->form < 0)
			continue; /* most words: no class and no verb form types them */
		else if (w->cls & DYAD__C_NOUN)
			w->type = T_NOUN;
		else if (!w->poss && (w->lf & LF_FORM) && (w->form = form_at(c, i, &len)) >= 0 &&
			 null_only(c, w->form))
			w->form = -1; /* type null */
		else if (w->form >= 0) {
			w->type = shifted(c, i, w->form) ? T_NOUN : T_VERB;
			w->vlen = len;
			if (w->type == T_NOUN)
				w->form = -1;
		} else if (w->cls & DYAD__C_ADJ)
			w->type = T_ADJ;
		else if (w->cls & DYAD__C_DET)
			w->type = T_DET;
		else if (w->cls & DYAD__C_AUX)
			w->type = T_AUX;
		else if (w->cls & DYAD__C_BY)
			w->type = T_BY;
		else if (w->cls & (DYAD__C_PRON_HE | DYAD__C_PRON_HIS | DYAD__C_PRON_THEY))
			w->type = T_PRON;
		else if (w->cls & DYAD__C_CONJ)
			w->type = T_CONJ;
	}
}

/* ------------------------------------------------------------------ */
/* 4. Compounds, pronouns, comma clauses, clauses                      */
/* ------------------------------------------------------------------ */

/* The first word of type type from word i on, or c->nw. Most words are of
** another: they are passed over in a loop that reads nothing else. */
static uint32_t next_type(const dyad__coder *c, uint32_t i, uint8_t type)
{
	const cword *const w = &W(c, 0);
	const uint32_t n = (uint32_t)c->nw;

	while (i < n && w[i].type != type)
		i++;
	return i;
}

/* Word after i skipping adjectives and determiners (an np's head). */
static uint32_t np_head(const dyad__coder *c, uint32_t i)
{
	while (i < c->nw && (W(c, i).type == T_ADJ || W(c, i).type == T_DET))
		i++;
	return i;
}

/*
** <np> AND <np>, and <np>, <np>, ... AND <np> (OR, NOR too: the conjunctions
** of §7.6), where np is an actor after
** any adjectives and determiners (§7.5). The members' words become one
** compound; the joining words are marked so no clause breaks there.
*/
static void compounds(dyad__coder *c)
{
	uint32_t k, j, w;

	for (k = 0; k + 1 < c->na; k++) {
		uint32_t last = k;
		for (j = k; j + 1 < c->na; j++) {
			int conj = 0;
			w = A(c, j).w1;
			if (w < c->nw && W(c, w).type == T_COMMA)
				w++;
			if (w < c->nw && W(c, w).type == T_CONJ &&
			    (is_word(c, w, "and") || is_word(c, w, "or") || is_word(c, w, "nor")))
				w++, conj = 1;
			if (w == A(c, j).w1)
				break;
			w = np_head(c, w);
			if (w >= c->nw || W(c, w).actor != (int32_t)(j + 1))
				break;
			if (conj) { /* "A, B and C": the list ends at its conjunction */
				last = j + 1;
				/* ... and its last np takes actors after it with only
				** adjectives between: "Calenardhon and the evil Arnor
				** awful Gondor" has three members (validation COMPOUND-13) */
				while (last + 1 < c->na && A(c, last).w1 < A(c, last + 1).w0 &&
				       np_head(c, A(c, last).w1) == A(c, last + 1).w0)
					last++;
				break;
			}
		}
		if (last == k)
			continue;
		for (j = k; j <= last; j++) {
			A(c, j).first = (int32_t)k;
			A(c, j).last = (int32_t)last;
		}
		for (w = A(c, k).w1; w < A(c, last).w0; w++)
			if (W(c, w).type == T_CONJ || W(c, w).type == T_COMMA)
				W(c, w).type = T_NONE; /* inside the compound */
		k = last;
	}
}

/* <noun> AND <adj>* <noun>, <adj> AND <adj>: no clause break (§7.5.1). */
static void noun_phrases(dyad__coder *c)
{
	uint32_t i;

	if (!(c->scls & DYAD__C_CONJ)) /* no conjunction: nothing to join */
		return;
	for (i = next_type(c, 1, T_CONJ); i + 1 < c->nw; i = next_type(c, i + 1, T_CONJ)) {
		uint32_t h = i + 1;

		if (W(c, i - 1).type == T_ADJ && W(c, h).type == T_ADJ)
			W(c, i).type = T_NONE;
		while (h < c->nw && W(c, h).type == T_ADJ)
			h++;
		if (W(c, i - 1).type == T_NOUN && h < c->nw && W(c, h).type == T_NOUN)
			W(c, i).type = T_NONE;
	}
}

/* Pushes the pronoun at word i as an actor standing for actor ref, or,
** with ref < 0, for what the previous sentence forwarded. */
static int push_pronoun(dyad__coder *c, uint32_t i, int32_t ref)
{
	dyad_mention m;

	memset(&m, 0, sizeof m);
	m.code = ref >= 0 ? A(c, ref).code : c->fwd_in;
	m.label = ref >= 0 ? A(c, ref).label : c->fwd_in_label;
	m.confidence = ref >= 0 ? A(c, ref).conf * 0.8 : 0.6;
	dyad__map_span(c->doc, W(c, i).a, W(c, i).b, &m.start, &m.end);
	if (push_actor(c, i, i + 1, &m) != 0)
		return -1;
	A(c, c->na - 1).ref = ref;
	A(c, c->na - 1).forwarded = ref < 0;
	return 0;
}

/* Copies s into out (cap > 0 bytes), cut short as dyad__join would cut
** it: once per sentence, where the call and its strlen cost more than
** the few bytes of a code. */
static void copy_cut(char *out, size_t cap, const char *s)
{
	size_t i;

	for (i = 0; i + 1 < cap && s[i]; i++)
		out[i] = s[i];
	out[i] = '\0';
}

/* What this sentence passes on under FORWARD (§8.4): its first actor's
** code without the role, else what its own pronouns were forwarded. The
** suite's FRWD records take the first actor even after the verb, though
** the manual asks for one before it. */
static void forward_out(dyad__coder *c, uint32_t n, int used)
{
	const char *code = n ? A(c, 0).base : used ? c->fwd_in : "";
	const char *label = n ? A(c, 0).label : used ? c->fwd_in_label : "";

	copy_cut(c->fwd, sizeof c->fwd, code);
	copy_cut(c->fwd_label, sizeof c->fwd_label, label ? label : "");
}

static uint32_t opener_end(const dyad__coder *c);

/* News: a pronoun in a phrase that opens the sentence ("After his talks
** with the king, the envoy flew on to ...") stands for the subject
** after the phrase. That actor, -1 when there is none, or -2 when
** pronoun i is not in such a phrase. */
static int32_t opener_ref(const dyad__coder *c, uint32_t i, uint32_t n)
{
	uint32_t end = opener_end(c), k;

	if (!end || i >= end)
		return -2;
	for (k = 0; k < n; k++)
		if (A(c, k).w0 > end && !W(c, A(c, k).w0).dropped)
			return (int32_t)k;
	return -1;
}

/* The nearest actor before word i that is not in a dropped comma
** clause, or -1. */
static int32_t nearest_before(const dyad__coder *c, uint32_t i, uint32_t n)
{
	int32_t k = -1;
	uint32_t j;

	for (j = 0; j < n && A(c, j).w0 < i; j++)
		if (!W(c, A(c, j).w0).dropped)
			k = (int32_t)j;
	return k;
}

/* The actor pronoun i (of class cls) stands for in its sentence, or -1. */
static int32_t pronoun_ref(const dyad__coder *c, uint32_t i, uint32_t cls, uint32_t n)
{
	uint32_t k;

	/* News has no cataphora: in "He said Gondor ...", he is not Gondor. */
	if (c->o->news && A(c, 0).w0 > i)
		return -1;
	if (cls & DYAD__C_PRON_THEY) {
		for (k = 0; k < n && A(c, k).first == A(c, k).last; k++)
			;
		return k < n ? (int32_t)k : 0;
	}
	if (cls & DYAD__C_PRON_HIS) /* news: "praised Oman for its help" is Oman's */
		return c->o->news ? nearest_before(c, i, n) : A(c, 0).w0 < i ? 0 : -1;
	return 0;
}

/* A pronoun stands for an earlier actor (§7.7): he, she, it the first
** actor of the sentence; its, his, her the first before it; they, them,
** their the first compound, else the first actor. Under FORWARD one with
** no actor before it stands for the previous sentence's actor (§8.4).
** Under the news rules no pronoun stands for an actor after it, one in
** an opening phrase stands for the subject after the phrase, and its,
** his, her for the nearest actor before. */
static int pronouns(dyad__coder *c)
{
	uint32_t i, n = (uint32_t)c->na;
	int used = 0;

	for (i = (c->scls & PRONOUNS) ? next_type(c, 0, T_PRON) : (uint32_t)c->nw; i < c->nw;
	     i = next_type(c, i + 1, T_PRON)) {
		const cword *w = &W(c, i);
		int32_t ref;
		if (c->o->news && (ref = opener_ref(c, i, n)) != -2) {
			if (ref >= 0 && push_pronoun(c, i, ref) != 0)
				return -1;
			continue;
		}
		if (c->fwd_in[0] && (n == 0 || A(c, 0).w0 > i)) {
			if (push_pronoun(c, i, -1) != 0)
				return -1;
			used = 1;
			continue;
		}
		if (n == 0)
			continue;
		ref = pronoun_ref(c, i, w->cls, n);
		if (ref >= 0 && push_pronoun(c, i, ref) != 0)
			return -1;
	}
	forward_out(c, n, used);
	return 0;
}

/* "The proposal" with no actor in its words stands for the actor that
** last put one forward in the document: after "the General Assembly
** adopted a resolution ...", in "Israel rejected the proposal" the target
** is the Assembly. A guess across sentences, so it is trusted less. */
static int proposals(dyad__coder *c)
{
	uint32_t i, j;
	dyad_mention m;

	if (!c->prop[0] || !c->o->news)
		return 0;
	for (i = 0; i + 1 < c->nw; i++) {
		if (W(c, i).actor >= 0 || !is_word(c, i, "the"))
			continue; /* "the", not "a": one already spoken of */
		for (j = i + 1; j < c->nw && j <= i + 3 && W(c, j).actor < 0; j++)
			if (W(c, j).cls & DYAD__C_PROPOSAL)
				break;
		if (j >= c->nw || j > i + 3 || W(c, j).actor >= 0)
			continue;
		memset(&m, 0, sizeof m);
		m.code = c->prop;
		m.label = c->prop_label;
		m.confidence = 0.5;
		dyad__map_span(c->doc, W(c, j).a, W(c, j).b, &m.start, &m.end);
		if (push_actor(c, j, j + 1, &m) != 0)
			return -1;
		A(c, c->na - 1).conf = 0.5;
		i = j;
	}
	return 0;
}

static const char *code_of(const dyad__coder *c, int32_t k);
static int32_t first_actor(const dyad__coder *c, uint32_t a, uint32_t b, int32_t avoid,
			   int members);

/* After a sentence that speaks of a proposal, who put it forward: the
** source of its first event, or with none (the proposal's verb found no
** target) the first actor before the proposal's word. */
static void proposal_out(dyad__coder *c, size_t ev0)
{
	uint32_t i;
	int32_t k;
	const ev *e;

	if (!(c->scls & DYAD__C_PROPOSAL))
		return;
	for (i = 0; i < c->nw && !(W(c, i).cls & DYAD__C_PROPOSAL); i++)
		;
	if (i == c->nw)
		return;
	if (DYAD__VEC_LEN(&c->evs, ev) > ev0) {
		e = &DYAD__VEC_AT(&c->evs, ev, ev0);
		dyad__join(c->prop, sizeof c->prop, c->str.p + e->src, (char *)NULL);
		dyad__join(c->prop_label, sizeof c->prop_label, c->str.p + e->srcl, (char *)NULL);
	} else if (c->o->news && (k = first_actor(c, 0, i, -1, 0)) >= 0) {
		dyad__join(c->prop, sizeof c->prop, code_of(c, k), (char *)NULL);
		dyad__join(c->prop_label, sizeof c->prop_label,
			   A(c, A(c, k).ref >= 0 ? A(c, k).ref : k).label, (char *)NULL);
	}
}

static int by_position(const void *x, const void *y)
{
	const cactor *a = x, *b = y;

	return a->w0 < b->w0 ? -1 : a->w0 > b->w0;
}

/* Pronoun actors were appended; put all actors back in text order and
** renumber what points at them. */
static void sort_actors(dyad__coder *c)
{
	int32_t map[SENT_WORDS];
	uint32_t i, w;

	if (c->na < 2 || c->na > SENT_WORDS)
		return;
	/* Remember each actor's identity through its first word. */
	for (i = 0; i < c->na; i++)
		map[i] = (int32_t)A(c, i).w0;
	qsort(c->actors.p, c->na, sizeof(cactor), by_position);
	for (i = 0; i < c->na; i++)
		for (w = A(c, i).w0; w < A(c, i).w1; w++)
			W(c, w).actor = (int32_t)i;
	for (i = 0; i < c->na; i++) {
		cactor *a = &A(c, i);
		if (a->ref >= 0)
			a->ref = W(c, (uint32_t)map[a->ref]).actor;
		a->first = W(c, (uint32_t)map[a->first]).actor;
		a->last = W(c, (uint32_t)map[a->last]).actor;
	}
}

/* Drops short comma-delimited clauses: between two commas (MIN, MAX),
** before the first (BMIN, BMAX) and after the last (EMIN, EMAX). */
#define OPENER_MAX 12     /* words an opening phrase may have before its comma */

/* A sentence that opens with a preposition, up to its first comma, is a
** phrase set before the subject: in "In a post by IRNA on X, Raisi said
** ...", IRNA is not who spoke. The comma's word index, or 0. */
static uint32_t opener_end(const dyad__coder *c)
{
	uint32_t i;

	if (!c->o->news || c->nw == 0 || !(W(c, 0).cls & DYAD__C_PREP) ||
	    W(c, 0).type == T_ACTOR)
		return 0;
	for (i = 1; i < c->nw && i <= OPENER_MAX; i++)
		if (W(c, i).type == T_COMMA)
			return W(c, i).dropped ? 0 : i;
	return 0;
}

/* A comma and a relative pronoun open a relative clause: "the US, which
** has blocked three other proposals that called for a ceasefire, rejected
** the proposal". It goes with its commas up to the next comma (or the
** end), whatever its length; "the WHO" after a comma is an actor. */
static int drop_relatives(dyad__coder *c)
{
	uint32_t i, j, k;
	int n = 0;

	if (!(c->scls & DYAD__C_REL))
		return 0;
	for (i = 0; i + 1 < c->nw; i++) {
		if (W(c, i).type != T_COMMA || W(c, i).dropped || !(W(c, i + 1).cls & DYAD__C_REL) ||
		    W(c, i + 1).type == T_ACTOR)
			continue;
		for (j = i + 1; j < c->nw && W(c, j).type != T_COMMA; j++)
			;
		for (k = i; k <= j && k < c->nw; k++)
			W(c, k).dropped = 1;
		n++;
		i = j > i + 1 ? j - 1 : i;
	}
	return n;
}

static int drop_commas(dyad__coder *c)
{
	const dyad_code_opts *o = c->o;
	uint32_t prev = UINT32_MAX, i, j, dropped = 0, op, start;

	if (o->comma_off || !c->commas) /* without a comma there is no comma clause */
		return 0;
	/* An opening phrase's comma starts the sentence proper: "In a letter
	** by Gondor, Arnor condemned Mordor" has no comma clause to drop. */
	op = opener_end(c);
	start = op ? op + 1 : 0;
	for (i = next_type(c, start, T_COMMA); i <= c->nw; i = next_type(c, i + 1, T_COMMA)) {
		int min, max, len;
		uint32_t a;
		if (prev == UINT32_MAX) {
			min = o->comma_bmin, max = o->comma_bmax, a = start;
		} else if (i == c->nw) {
			min = o->comma_emin, max = o->comma_emax, a = prev + 1;
		} else {
			min = o->comma_min, max = o->comma_max, a = prev + 1;
		}
		len = (int)(i - a);
		/* The comma that closes a dropped clause goes back to the main
		** one: "A, in remarks on Monday, urged B to ..." keeps "urged B
		** to ..." whatever its length (validation DEMO-19, MARK-06..10). */
		if (prev != UINT32_MAX && W(c, prev).dropped)
			len = -1;
		if (!(prev == UINT32_MAX && i == c->nw) && len > min && len <= max) {
			/* The clause goes with its commas: "A, x y z, B" reads "A B". */
			for (j = a > 0 ? a - 1 : 0; j <= i && j < c->nw; j++)
				W(c, j).dropped = 1;
			dropped++;
		}
		prev = i;
	}
	return (int)dropped;
}

/* A pronoun whose actor went with a dropped comma clause stands for
** nothing: in "Arnor is about to restore complete, full ties with Gondor
** ... its embassy, a Bree official said", with the first clause dropped,
** "its" is not Arnor (validation COMMA-02C). */
static void orphan_pronouns(dyad__coder *c)
{
	uint32_t i;

	if (!(c->scls & PRONOUNS)) /* no pronoun, no actor standing for another */
		return;
	for (i = 0; i < c->nw; i++) {
		int32_t k = W(c, i).actor;
		if (k >= 0 && A(c, k).ref >= 0 && !W(c, i).dropped &&
		    W(c, A(c, A(c, k).ref).w0).dropped)
			W(c, i).actor = -1;
	}
}

typedef struct clause {
	uint32_t w0, w1;
	int opener;           /* a sentence's opening phrase ("In a post by X,") */
} clause;


/* Does a clause begin after word i? A conjunction that joins neither
** actors, nouns nor adjectives (§7.6); under the news rules also a
** subordinator before an actor ("... protests grew after Turkey
** closed the border"), whose clause has its own subject. */
static int clause_cut(const dyad__coder *c, uint32_t i)
{
	uint32_t h;

	if (W(c, i).dropped)
		return 0;
	if (W(c, i).type == T_CONJ)
		return 1;
	if (!c->o->news || !(W(c, i).cls & DYAD__C_SUBORD))
		return 0;
	h = np_head(c, i + 1);
	return h < c->nw && W(c, h).type == T_ACTOR;
}

/* The first word from i on that clause_cut may cut after, or c->nw: it
** passes over the words it would say no to at once (dropped, or neither
** a conjunction nor a subordinator), which are most. */
static uint32_t maybe_cut(const dyad__coder *c, uint32_t i)
{
	const cword *const w = &W(c, 0);
	const uint32_t n = (uint32_t)c->nw;

	while (i < n && (w[i].dropped || (w[i].type != T_CONJ && !(w[i].cls & DYAD__C_SUBORD))))
		i++;
	return i;
}

/* Clauses are cut where clause_cut says. */
static int cut_clauses(dyad__coder *c)
{
	clause cl = {0, 0, 1};
	uint32_t i = opener_end(c);

	c->clauses.len = 0;
	if (i > 0) {
		cl.w1 = i;
		if (dyad__buf_append(&c->clauses, &cl, sizeof cl) != 0)
			return -1;
		i++;
	}
	cl.w0 = i;
	cl.opener = 0;
	if (!(c->scls & (DYAD__C_CONJ | DYAD__C_SUBORD)))
		i = (uint32_t)c->nw; /* nothing to cut at: one clause */
	for (; i <= c->nw; i++) {
		i = maybe_cut(c, i);
		if (i < c->nw && !clause_cut(c, i))
			continue;
		cl.w1 = i;
		if (cl.w1 > cl.w0 && dyad__buf_append(&c->clauses, &cl, sizeof cl) != 0)
			return -1;
		cl.w0 = i + 1;
	}
	return 0;
}

/* TABARI's COMPLEX: conditions, checked before coding (§8.7). */
static const char *too_complex(dyad__coder *c, int commas)
{
	const dyad_code_opts *o = c->o;
	uint32_t i, verbs = 0, conj = 0, prons = 0, first_verb = UINT32_MAX;
	uint32_t first_coding = UINT32_MAX; /* first verb whose root code is not null */

	if (!(o->cx_verbs | o->cx_actors | o->cx_pronouns | o->cx_conj | o->cx_comma |
	      o->cx_noverb | o->cx_lateverb | o->cx_noactprior | o->cx_noactafter))
		return NULL; /* no condition asked for */
	for (i = 0; i < c->nw; i++) {
		if (W(c, i).dropped)
			continue;
		if (W(c, i).type == T_VERB) {
			verbs++;
			if (first_verb == UINT32_MAX)
				first_verb = i;
			if (first_coding == UINT32_MAX &&
			    form_code(c, W(c, i).form)->kind != DYAD__VC_NULL)
				first_coding = i;
		}
		conj += W(c, i).type == T_CONJ;
		prons += W(c, i).type == T_PRON;
	}
	if (o->cx_verbs && (int)verbs >= o->cx_verbs)
		return "too many verbs";
	if (o->cx_actors && (int)c->na >= o->cx_actors)
		return "too many actors";
	if (o->cx_pronouns && (int)prons >= o->cx_pronouns)
		return "too many pronouns";
	if (o->cx_conj && (int)conj >= o->cx_conj)
		return "too many conjunctions";
	if (o->cx_comma && commas >= o->cx_comma)
		return "too many comma clauses";
	if ((o->cx_noverb || o->cx_lateverb) && first_verb == UINT32_MAX)
		return "no verb";
	if (o->cx_lateverb && (int)first_verb >= o->cx_lateverb)
		return "late verb";
	/* The check comes before any pattern is tried, so a root coded null
	** ("ACCORD [---]", which only its patterns code) is not yet a verb
	** there (validation COMPLEX-06, "null-coded verb before actor"). */
	if (o->cx_noactprior && first_coding != UINT32_MAX &&
	    (c->na == 0 || A(c, 0).w0 > first_coding))
		return "no actor before the first verb";
	if (o->cx_noactafter && first_verb != UINT32_MAX &&
	    (c->na == 0 || A(c, c->na - 1).w0 < first_verb))
		return "no actor after the first verb";
	return NULL;
}

/* ------------------------------------------------------------------ */
/* 5. Pattern matching                                                 */
/* ------------------------------------------------------------------ */

typedef struct mst {
	dyad__coder *c;
	const dyad__pel *el;
	int nel, verb_el;
	uint32_t v0, v1;     /* the verb's words */
	uint32_t lo, hi;     /* where the pattern may look */
	int32_t src, tgt, cmp;
	int32_t skip[4];     /* actors a '^' passed over: no default source or target */
	int nskip;
	int steps;
} mst;

static int m_at(mst *m, int e, uint32_t pos, int adj);

/* The first actor (a compound counts once) starting at or after pos and
** before lim; with adj, only one starting at pos. -1 when none. */
static int32_t actor_from(const dyad__coder *c, uint32_t pos, uint32_t lim, int adj, int compound)
{
	uint32_t i;

	for (i = pos; i < lim; i++) {
		int32_t k = W(c, i).actor;
		if (k >= 0 && !W(c, i).dropped && A(c, k).w0 == i) {
			const cactor *a = &A(c, k);
			int32_t r = a->ref >= 0 ? a->ref : k;
			if (a->first == k || a->ref >= 0) {
				if (!compound || A(c, r).first != A(c, r).last)
					return k;
			}
		}
		if (adj)
			break;
	}
	return -1;
}

/* Last word of the actor slot starting with actor k, + 1. */
static uint32_t slot_end(const dyad__coder *c, int32_t k)
{
	return A(c, k).ref >= 0 ? A(c, k).w1 : A(c, A(c, k).last).w1;
}

static int in_synset(const dyad__coder *c, uint32_t syn, uint32_t w)
{
	const uint32_t *ids = (const uint32_t *)c->ids.p + W(c, w).id0;
	uint32_t i, j, n;

	if (syn < 64)
		return (int)(W(c, w).syn >> syn) & 1;
	if (!(W(c, w).lf & LF_SYNX))
		return 0;
	for (i = 0; i < W(c, w).nid; i++) {
		const uint32_t *s = dyad__lex_synsets(c->P, ids[i], &n);
		for (j = 0; j < n; j++)
			if (s[j] == syn)
				return 1;
	}
	return 0;
}

/* A synonym set at w: its one-word members (the others were expanded
** into sibling patterns at load). */
static int m_syn(mst *m, int e, uint32_t w)
{
	return in_synset(m->c, m->el[e].arg, w) &&
	       m_at(m, e + 1, w + 1, m->el[e].flags & DYAD__PE_ADJ);
}

/* The slot an actor element fills: $, + or %; NULL for ^. */
static int32_t *slot_of(mst *m, const dyad__pel *x)
{
	return x->kind == DYAD__PE_SRC ? &m->src : x->kind == DYAD__PE_TGT ? &m->tgt
	     : x->kind == DYAD__PE_CMP ? &m->cmp : NULL;
}

/* Actor k taken by element x: into its slot, or onto the list of actors
** a ^ skipped. Returns whether it went onto that list, for unbind. */
static int bind(mst *m, const dyad__pel *x, int32_t k)
{
	int32_t *slot = slot_of(m, x);

	if (slot)
		*slot = k;
	else if (m->nskip < (int)(sizeof m->skip / sizeof *m->skip))
		return m->skip[m->nskip++] = k, 1;
	return 0;
}

/* Undoes bind when the rest of the pattern failed. */
static void unbind(mst *m, const dyad__pel *x, int skipped_k)
{
	int32_t *slot = slot_of(m, x);

	if (slot)
		*slot = -1;
	else if (skipped_k)
		m->nskip--;
}

static int m_actor(mst *m, int e, uint32_t pos, int adj, uint32_t lim)
{
	const dyad__pel *x = &m->el[e];
	int32_t k = actor_from(m->c, pos, lim, adj, x->kind == DYAD__PE_CMP);
	int b;

	if (k < 0)
		return 0;
	b = bind(m, x, k);
	if (m_at(m, e + 1, slot_end(m->c, k), x->flags & DYAD__PE_ADJ))
		return 1;
	unbind(m, x, b);
	return 0;
}

/* Matches the elements after the verb, e.., from word pos on; adj: the
** element must be at pos. */
static int m_at(mst *m, int e, uint32_t pos, int adj)
{
	const dyad__pel *x;
	uint32_t lim, w;

	if (e == m->nel)
		return 1;
	if (++m->steps > STEP_MAX)
		return 0;
	x = &m->el[e];
	lim = m->hi; /* only the words after the verb are matched forwards */
	if (x->kind != DYAD__PE_WORD && x->kind != DYAD__PE_SYN)
		return m_actor(m, e, pos, adj, lim);
	for (w = pos; w < lim; w++) {
		if (W(m->c, w).dropped) { /* a dropped comma clause is not there */
			if (adj)
				break;
			continue;
		}
		if (x->kind == DYAD__PE_WORD) {
			if (has_id(m->c, w, x->arg) &&
			    m_at(m, e + 1, w + 1, x->flags & DYAD__PE_ADJ))
				return 1;
		} else if (m_syn(m, e, w)) {
			return 1;
		}
		if (adj || m->steps > STEP_MAX)
			break;
	}
	return 0;
}

/* The bounds a pattern may look in: the clause, and no further than the
** commas around the verb (§5.5.3). */
static void bounds(const dyad__coder *c, const clause *cl, uint32_t v0, uint32_t v1, mst *m)
{
	uint32_t i;

	m->lo = cl->w0;
	m->hi = cl->w1;
	if (!c->commas)
		return;
	for (i = v0; i > cl->w0; i--)
		if (W(c, i - 1).type == T_COMMA && !W(c, i - 1).dropped) {
			m->lo = i;
			break;
		}
	for (i = v1; i < cl->w1; i++)
		if (W(c, i).type == T_COMMA && !W(c, i).dropped) {
			m->hi = i;
			break;
		}
}

/* The nearest actor slot ending at or before end (exactly at end with
** adj), for a match that runs leftwards from the verb; -1 when none. */
static int32_t actor_before(const dyad__coder *c, uint32_t lo, uint32_t end, int adj,
			    int compound)
{
	uint32_t i;

	for (i = end; i > lo; i--) {
		int32_t k = W(c, i - 1).actor, f;
		if (k < 0 || W(c, i - 1).dropped) {
			if (adj)
				break;
			continue;
		}
		f = A(c, k).ref >= 0 ? k : A(c, k).first;
		if (!compound || (A(c, k).ref >= 0 ? A(c, A(c, k).ref).first != A(c, A(c, k).ref).last
				  : A(c, k).first != A(c, k).last))
			return f;
		i = A(c, f).w0 + 1;
		if (adj)
			break;
	}
	return -1;
}

/*
** The words before the verb are matched leftwards from it, each element
** taking the nearest fit: in "Mordor et Arnor will be hosting Osgiliath
** to celebrate", "$ HOSTING ^ *" gives Arnor (validation PATTERN-31).
** e counts down; end is where the element after it starts.
*/
static int m_back(mst *m, int e, uint32_t end)
{
	const dyad__pel *x;
	int adj;
	uint32_t w;

	if (e < 0)
		return m_at(m, m->verb_el + 1, m->v1, m->el[m->verb_el].flags & DYAD__PE_ADJ);
	if (++m->steps > STEP_MAX)
		return 0;
	x = &m->el[e];
	adj = x->flags & DYAD__PE_ADJ;
	if (x->kind != DYAD__PE_WORD && x->kind != DYAD__PE_SYN) {
		int32_t k = actor_before(m->c, m->lo, end, adj, x->kind == DYAD__PE_CMP);
		int b;
		if (k < 0)
			return 0;
		b = bind(m, x, k);
		if (m_back(m, e - 1, A(m->c, k).w0))
			return 1;
		unbind(m, x, b);
		return 0;
	}
	for (w = end; w > m->lo; w--) {
		if (!W(m->c, w - 1).dropped &&
		    (x->kind == DYAD__PE_WORD ? has_id(m->c, w - 1, x->arg)
					      : in_synset(m->c, x->arg, w - 1)) &&
		    m_back(m, e - 1, w - 1))
			return 1;
		if (adj || m->steps > STEP_MAX)
			break;
	}
	return 0;
}

static int try_pattern(dyad__coder *c, const dyad__pat *p, mst *m)
{
	m->el = dyad__pat_elems(c->P) + p->el0;
	m->nel = p->nel;
	m->verb_el = p->verb;
	m->src = m->tgt = m->cmp = -1;
	m->nskip = 0;
	m->steps = 0;
	return m_back(m, m->verb_el - 1, m->v0);
}

/* ------------------------------------------------------------------ */
/* 6. Source and target                                                */
/* ------------------------------------------------------------------ */

static const char *code_of(const dyad__coder *c, int32_t k)
{
	return A(c, A(c, k).ref >= 0 ? A(c, k).ref : k).code;
}

/* Was actor k passed over by a '^' of the matched pattern? */
static int skipped(const mst *m, int32_t k)
{
	int i;

	for (i = 0; m && i < m->nskip; i++)
		if (m->skip[i] == k)
			return 1;
	return 0;
}

/*
** News: is actor k an aside, neither who acted nor who was acted on?
** An example of a list ("a vote of 120 members, including Qatar") names
** members; a place an actor is in ("French troops in Mali came under
** fire") says where that actor is. A compound counts from its
** first member.
*/
static int aside(const dyad__coder *c, int32_t k, const mst *m)
{
	uint32_t w0 = A(c, A(c, k).ref >= 0 ? k : A(c, k).first).w0;

	if (!c->o->news || w0 == 0)
		return 0;
	if (W(c, w0 - 1).cls & DYAD__C_INCLUDING)
		return 1;
	/* An actor the pattern skipped ("$ ^ in *") is no one's place. */
	return w0 >= 2 && (W(c, w0 - 1).cls & DYAD__C_LOCATIVE) && W(c, w0 - 2).actor >= 0 &&
	       !W(c, w0 - 2).dropped && !skipped(m, W(c, w0 - 2).actor);
}

/*
** First actor slot in [a, b) whose code is not avoid's (null codes are
** never chosen); with members, a compound's later members count too.
** The actors m's pattern skipped are passed over: in "Arnor was United
** Arab Emirates for Eriador warning" with "$ ^ FOR *" the target is
** Eriador (validation PATTERN-31b).
*/

static int32_t first_actor_but(const dyad__coder *c, uint32_t a, uint32_t b, int32_t avoid,
			       int members, const mst *m)
{
	uint32_t j;

	/* The actors are in text order (sort_actors), so walking them from
	** the first at or after a visits the slots in the order a walk of
	** the words would, and a sentence has far fewer actors than words. */
	for (j = 0; j < c->na && A(c, j).w0 < a; j++)
		;
	for (; j < c->na && A(c, j).w0 < b; j++) {
		const uint32_t i = A(c, j).w0;
		int32_t k = W(c, i).actor;
		if (k != (int32_t)j || W(c, i).dropped)
			continue;
		if (!members && A(c, k).ref < 0 && A(c, k).first != k)
			continue; /* a later member of a compound */
		if (!*code_of(c, k) || skipped(m, k) || aside(c, k, m))
			continue;
		if (avoid >= 0 && strcmp(code_of(c, k), code_of(c, avoid)) == 0)
			continue;
		return k;
	}
	return -1;
}

static int32_t first_actor(const dyad__coder *c, uint32_t a, uint32_t b, int32_t avoid,
			   int members)
{
	return first_actor_but(c, a, b, avoid, members, NULL);
}

/* Was/were/been one or two words before the verb and "by" right after
** it: passive voice (§7.9). */
static int passive(const dyad__coder *c, uint32_t v0, uint32_t v1)
{
	int aux = (v0 >= 1 && W(c, v0 - 1).type == T_AUX) ||
		  (v0 >= 2 && W(c, v0 - 2).type == T_AUX);

	/* "was opposed earlier by": TABARI accepts one word between (PASV-04). */
	return aux && ((v1 < c->nw && W(c, v1).type == T_BY) ||
		       (v1 + 1 < c->nw && W(c, v1 + 1).type == T_BY && W(c, v1).actor < 0));
}

/*
** The searches across the verb (§7.10): a source after it when none is
** before, a target before it when none is after. DEFAULT: SOURCE [X]
** PRIOR and TARGET [Y] AFTER make the defaults win over them (§8.5).
** A source found after the verb stands alone, not for its whole
** compound: in "X restores ties with Gondor and Bree" Gondor is the
** source and Bree the target. With no target elsewhere, a compound
** source's first member acts on the next: in "Bree and Arnor restore
** ties", Bree on Arnor (validation DEFAULT-06b, DEFAULT-07b).
*/
static void greedy_sides(const dyad__coder *c, const clause *cl, uint32_t v0, uint32_t v1,
			 const mst *m, eslot *src, eslot *tgt)
{
	const dyad_code_opts *o = c->o;
	int prior = o->default_source[0] && o->default_source_prior;
	int after = o->default_target[0] && o->default_target_after;

	if (src->actor < 0 && !prior &&
	    (src->actor = first_actor_but(c, v1, cl->w1, tgt->actor, 0, m)) >= 0) {
		src->how = "first actor after the verb (none before it)";
		src->single = 1;
	}
	if (tgt->actor < 0 && (tgt->actor = first_actor_but(c, v1, cl->w1, src->actor,
							    src->single, m)) >= 0) {
		tgt->how = "first actor after the verb";
		tgt->single = src->single;
	}
	if (tgt->actor < 0 && !after &&
	    (tgt->actor = first_actor_but(c, cl->w0, v0, src->actor, 0, m)) >= 0)
		tgt->how = "first actor before the verb (none after it)";
	if (tgt->actor < 0 && !after && src->actor >= 0 && A(c, src->actor).ref < 0 &&
	    A(c, src->actor).first != A(c, src->actor).last &&
	    (tgt->actor = first_actor(c, A(c, A(c, src->actor).first).w0,
				      A(c, A(c, src->actor).last).w1, src->actor, 1)) >= 0) {
		tgt->how = "another member of the compound source";
		tgt->single = 1;
	}
}

/* Fills the source and target of a verb coded in clause cl (§5.8). */
/* News: a speech verb whose speaker comes right after a comma that
** closes a quotation ("... weapons," Singh said) has that speaker as its
** source, not the first actor quoted; -1 when the words are not so. */
static int32_t attribution(const dyad__coder *c, const clause *cl, uint32_t v0)
{
	int32_t k;
	uint32_t w0;

	if (!c->o->news || !(W(c, v0).cls & DYAD__C_REPORT) || v0 == 0 || v0 - 1 < cl->w0)
		return -1;
	if ((k = W(c, v0 - 1).actor) < 0 || W(c, v0 - 1).dropped)
		return -1;
	w0 = A(c, k).w0;
	if (w0 == 0 || W(c, w0 - 1).type != T_COMMA)
		return -1;
	return A(c, k).ref >= 0 ? k : A(c, k).first;
}

static void find_actors(dyad__coder *c, const clause *cl, const mst *m, uint32_t v0,
			uint32_t v1, int designated, eslot *src, eslot *tgt)
{
	const dyad_code_opts *o = c->o;

	src->actor = m->cmp >= 0 ? m->cmp : m->src;
	tgt->actor = m->cmp >= 0 ? m->cmp : m->tgt;
	src->how = src->actor >= 0 ? "pattern" : NULL;
	tgt->how = tgt->actor >= 0 ? "pattern" : NULL;
	src->dflt = tgt->dflt = NULL;
	/* After a conjunction the source stays unless an actor opens the
	** clause (§7.6). A clause with no verb before it was no clause but a
	** phrase the conjunction joined ("Ithilen's sheep and pigs of Gondor
	** warned"): an actor of this clause before the verb then wins. */
	if (src->actor < 0 && (src->actor = attribution(c, cl, v0)) >= 0)
		src->how = "speaker after the quotation";
	if (src->actor < 0 && c->carried >= 0 &&
	    !(np_head(c, cl->w0) < c->nw && W(c, np_head(c, cl->w0)).actor >= 0) &&
	    !(c->carried_phrase && first_actor_but(c, cl->w0, v0, tgt->actor, 0, m) >= 0)) {
		src->actor = c->carried;
		src->how = "source of the previous clause";
	}
	if (src->actor < 0 && (src->actor = first_actor_but(c, cl->w0, v0, tgt->actor, 0, m)) >= 0)
		src->how = "first actor before the verb";
	greedy_sides(c, cl, v0, v1, m, src, tgt);
	if (src->how && strcmp(src->how, "speaker after the quotation") == 0 && tgt->actor >= 0 &&
	    A(c, tgt->actor).w0 < v0)
		tgt->actor = -1, tgt->how = NULL; /* the quotation's actors are not spoken to */
	if (!designated && src->actor >= 0 && tgt->actor >= 0 && passive(c, v0, v1)) {
		eslot t = *src;
		*src = *tgt;
		*tgt = t;
		src->how = "after \"by\" (passive)";
		tgt->how = "before the verb (passive)";
	}
	if (src->actor < 0 && o->default_source[0])
		src->dflt = o->default_source, src->how = "default source";
	if (tgt->actor < 0 && o->default_target[0])
		tgt->dflt = o->default_target, tgt->how = "default target";
}

/* ------------------------------------------------------------------ */
/* 7. Modality                                                         */
/* ------------------------------------------------------------------ */

/* The report words of [a, b) that are no actor's ("United States" says
** nothing). */
static uint32_t reports_in(const dyad__coder *c, uint32_t a, uint32_t b)
{
	uint32_t i, n = 0;

	for (i = a; i < b && (c->scls & DYAD__C_REPORT); i++)
		n += (W(c, i).cls & DYAD__C_REPORT) && W(c, i).actor < 0;
	return n;
}

/* Those of the whole sentence, counted for its first verb only: the
** actors are settled before any verb is coded. */
static uint32_t reports(dyad__coder *c)
{
	if (c->rsent != c->nsent) {
		c->rsent = c->nsent;
		c->nrep = reports_in(c, 0, (uint32_t)c->nw);
	}
	return c->nrep;
}

static unsigned modality(dyad__coder *c, const clause *cl, uint32_t v0, uint32_t v1)
{
	unsigned m = 0;
	uint32_t i, lo = v0 > cl->w0 + 3 ? v0 - 3 : cl->w0;

	for (i = lo; i < v0; i++) {
		if (W(c, i).cls & DYAD__C_NEG)
			m |= DYAD_MOD_NEGATED;
		if (W(c, i).cls & DYAD__C_MODAL)
			m |= DYAD_MOD_HYPOTHETICAL;
		if ((W(c, i).cls & DYAD__C_INTENT) && i + 1 < v0 && is_word(c, i + 1, "to"))
			m |= DYAD_MOD_HYPOTHETICAL;
	}
	if (reports(c) > reports_in(c, v0, v1))
		m |= DYAD_MOD_REPORTED;
	if (c->nw && c->doc->norm[c->doc->sents[c->sent].end - 1] == '?')
		m |= DYAD_MOD_QUESTION;
	return m;
}

/* ------------------------------------------------------------------ */
/* 8. Events                                                           */
/* ------------------------------------------------------------------ */

/* What one verb produced, before it is expanded into events. */
typedef struct coded {
	dyad__vcode code;
	eslot src, tgt;
	uint32_t v0, v1;
	const dyad__pat *pat;   /* NULL: the verb's default code */
	const dyad__verb *verb;
	unsigned modality;
	double base;            /* confidence from how the match was made */
} coded;

/* The members of a slot: a compound's actors, a pronoun's referent's;
** only itself when it stands alone. */
static void members(const dyad__coder *c, int32_t k, int single, int32_t *a, int32_t *b)
{
	if (k >= 0 && single && A(c, k).ref < 0) {
		*a = *b = k;
		return;
	}
	if (k >= 0 && A(c, k).ref >= 0)
		k = A(c, k).ref;
	if (k < 0) {
		*a = 0, *b = -1;
		return;
	}
	*a = A(c, k).first;
	*b = A(c, k).last;
}

static uint32_t where_str(dyad__coder *c, const coded *x)
{
	char buf[600];
	uint32_t file = x->pat ? x->pat->file : x->verb->file;
	uint32_t line = x->pat ? x->pat->line : x->verb->line;
	char num[24];
	size_t n;

	dyad__utoa(num, line);
	n = dyad__join(buf, sizeof buf, dyad__pat_file(c->P, file), ":", num, (char *)NULL);
	return str_put(c, buf, n);
}

/* Appends n bytes of s to out[0, len), cut as dyad__join cuts: out
** holds cap bytes with the '\0'. The new length. */
static size_t cat(char *out, size_t cap, size_t len, const char *s, size_t n)
{
	if (n > cap - 1 - len)
		n = cap - 1 - len;
	memcpy(out + len, s, n);
	return len + n;
}

static void event_id(dyad__coder *c, ev *e, const char *code)
{
	/* The ids are stable: this string and its hash must not change. It
	** is what dyad__join made of the same parts, built here a part at a
	** time with lengths known: an id per event. */
	const size_t v[6] = {e->sent, e->ss, e->se, e->vs, e->ts, e->te};
	const char *tail[3] = {c->str.p + e->src, c->str.p + e->tgt, code};
	char buf[256], num[24];
	size_t n = cat(buf, sizeof buf, 0, c->doc->info.id, strlen(c->doc->info.id));
	int i;
	uint64_t h;

	for (i = 0; i < 6; i++) {
		n = cat(buf, sizeof buf, n, "|", 1);
		n = cat(buf, sizeof buf, n, num, dyad__utoa(num, v[i]));
	}
	for (i = 0; i < 3; i++) {
		n = cat(buf, sizeof buf, n, "|", 1);
		n = cat(buf, sizeof buf, n, tail[i], strlen(tail[i]));
	}
	h = dyad__hash(buf, n);
	dyad__hex16(h, e->id);
}

/* Elements of an actor's code: a compound code "FRO/BIL/SAM" (§6.5.1)
** has several, anything else one. */
static size_t code_elems(const dyad__coder *c, int32_t k)
{
	const char *p = k >= 0 ? A(c, k).code : "";
	size_t n = 1;

	for (; *p; p++)
		n += *p == '/';
	return n;
}

/* Element el of actor k's code, into the string pool. */
static uint32_t code_elem(dyad__coder *c, int32_t k, size_t el)
{
	const char *p = A(c, k).code;

	for (; el > 0 && *p; el -= *p++ == '/')
		;
	return str_put(c, p, strcspn(p, "/"));
}

static void side(dyad__coder *c, int32_t k, size_t el, const eslot *s, uint32_t *code,
		 uint32_t *label, size_t *a, size_t *b, double *conf)
{
	if (k >= 0) {
		*code = code_elem(c, k, el);
		*label = str_put(c, A(c, k).label, strlen(A(c, k).label));
		*a = A(c, k).start, *b = A(c, k).end;
		if (A(c, k).conf < *conf)
			*conf = A(c, k).conf;
	} else {
		*code = str_put(c, s->dflt ? s->dflt : "", s->dflt ? strlen(s->dflt) : 0);
		*label = 0;
		*a = *b = 0;
	}
}

/* One event: actor s (code element se) does code to t (element te). */
static int emit_one(dyad__coder *c, const coded *x, int32_t s, int32_t t, const char *code,
		    const eslot *ss, const eslot *ts, int32_t span_s, int32_t span_t,
		    size_t se, size_t te)
{
	ev e;
	double conf = 1.0;

	memset(&e, 0, sizeof e);
	e.sent = c->sent;
	side(c, s, se, ss, &e.src, &e.srcl, &e.ss, &e.se, &conf);
	side(c, t, te, ts, &e.tgt, &e.tgtl, &e.ts, &e.te, &conf);
	if (span_s >= 0) /* a pronoun: the span is the pronoun's own */
		e.ss = A(c, span_s).start, e.se = A(c, span_s).end;
	if (span_t >= 0)
		e.ts = A(c, span_t).start, e.te = A(c, span_t).end;
	if (strcmp(c->str.p + e.src, c->str.p + e.tgt) == 0)
		return 0; /* an actor does not act on itself */
	dyad__map_span(c->doc, W(c, x->v0).a, W(c, x->v1 - 1).b, &e.vs, &e.ve);
	e.cameo = str_put(c, code, strlen(code));
	e.pat = where_str(c, x);
	e.pattext = x->pat ? str_put(c, dyad__pat_str(c->P, x->pat->text),
				     strlen(dyad__pat_str(c->P, x->pat->text)))
			   : str_put(c, dyad__pat_str(c->P, x->verb->text),
				     strlen(dyad__pat_str(c->P, x->verb->text)));
	e.shw = str_put(c, ss->how ? ss->how : "", ss->how ? strlen(ss->how) : 0);
	e.thw = str_put(c, ts->how ? ts->how : "", ts->how ? strlen(ts->how) : 0);
	e.modality = x->modality;
	e.conf = (float)(x->base * (0.5 + 0.5 * conf));
	event_id(c, &e, code);
	return dyad__buf_append(&c->evs, &e, sizeof e);
}

/* Source member i with target member j: each element of a compound
** code with each (§6.5.1), and the reversed pair when the code is paired
** (§6.6.3). */
static int emit_pair(dyad__coder *c, const coded *x, int32_t i, int32_t j, int32_t ps,
		     int32_t pt)
{
	size_t se, te, ns = code_elems(c, i), nt = code_elems(c, j);

	for (se = 0; se < ns; se++)
		for (te = 0; te < nt; te++) {
			if (emit_one(c, x, i, j, x->code.a, &x->src, &x->tgt, ps, pt, se, te) != 0)
				return -1;
			if (x->code.b[0] &&
			    emit_one(c, x, j, i, x->code.b, &x->tgt, &x->src, pt, ps, te, se) != 0)
				return -1;
		}
	return 0;
}

/* Every source member with every target member (§6.5.1, §7.5). */
static int emit(dyad__coder *c, const coded *x)
{
	int32_t s0, s1, t0, t1, i, j;
	int32_t ps = x->src.actor >= 0 && A(c, x->src.actor).ref >= 0 ? x->src.actor : -1;
	int32_t pt = x->tgt.actor >= 0 && A(c, x->tgt.actor).ref >= 0 ? x->tgt.actor : -1;

	members(c, x->src.actor, x->src.single, &s0, &s1);
	members(c, x->tgt.actor, x->tgt.single, &t0, &t1);
	if (x->src.actor < 0)
		s0 = s1 = -1;
	if (x->tgt.actor < 0)
		t0 = t1 = -1;
	for (i = s0; i <= s1; i++)
		for (j = t0; j <= t1; j++)
			if (emit_pair(c, x, i, j, ps, pt) != 0)
				return -1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* 9. Coding verbs and clauses                                         */
/* ------------------------------------------------------------------ */

static const dyad__vcode *default_code(const dyad__coder *c, const dyad__verb *v)
{
	return v->code.kind != DYAD__VC_NONE ? &v->code : &dyad__pat_group(c->P, v->group)->code;
}

/* The verb whose form starts at word v. */
static const dyad__verb *verb_at(const dyad__coder *c, uint32_t v)
{
	return dyad__pat_verb(c->P, dyad__pat_form(c->P, (uint32_t)W(c, v).form)->verb);
}

static void mark_bucket(dyad__coder *c, const dyad__pbucket *b)
{
	const uint32_t *bp = dyad__pat_bpats(c->P);
	uint32_t j;

	for (j = b->off; j < b->off + b->n; j++)
		c->cand[bp[j] >> 6] |= (uint64_t)1 << (bp[j] & 63);
}

/* Marks the buckets of g whose word is in c->lids. A word met twice
** marks the same bits twice, which is harmless. */
static void mark_by_word(dyad__coder *c, const dyad__vgroup *g)
{
	const dyad__pbucket *bk = dyad__pat_buckets(c->P) + g->b0;
	const uint32_t *ht = dyad__pat_bhash(c->P) + g->h0;
	const uint32_t *ids = c->lids;
	uint32_t a;

	for (a = 0; a < c->nlids; a++) {
		const uint32_t tag = dyad__bhash_tag(ids[a]) << 16;
		uint32_t h = dyad__bhash_slot(ids[a], g->hmask), k;
		for (; (k = ht[h]) != 0; h = (h + 1) & g->hmask)
			if ((k & 0xffff0000u) == tag && bk[(k & 0xffffu) - 1].word == ids[a]) {
				mark_bucket(c, &bk[(k & 0xffffu) - 1]);
				break;
			}
	}
}

/* The patterns of g that the words around the verb (local_words) leave
** possible, as a bitmap over the group's pattern indices: the buckets
** whose rarest word is absent are passed over whole. With fewer such
** words than g has buckets, each word finds its bucket in g's table
** instead. The bitmap lives in the coder. */
static const uint64_t *candidates(dyad__coder *c, const dyad__vgroup *g)
{
	const dyad__pbucket *b = dyad__pat_buckets(c->P) + g->b0;
	const uint32_t *bp = dyad__pat_bpats(c->P);
	uint32_t k, j;

	memset(c->cand, 0, ((g->npat + 63) / 64) * sizeof *c->cand);
	if (g->hmask && !c->lids_full && c->nlids < g->nb) {
		if (g->wild)
			mark_bucket(c, &b[g->wild - 1]);
		mark_by_word(c, g);
		return c->cand;
	}
	for (k = 0; k < g->nb; k++) {
		if (b[k].word != UINT32_MAX && !seen_has(c, b[k].word))
			continue;
		for (j = b[k].off; j < b[k].off + b[k].n; j++)
			c->cand[bp[j] >> 6] |= (uint64_t)1 << (bp[j] & 63);
	}
	return c->cand;
}

/* Marks words [w0, w1) but the dropped in c->seen, c->lsyn, c->lsynx,
** and gathers their pattern words' ids into c->lids. */
static void mark_local(dyad__coder *c, uint32_t w0, uint32_t w1)
{
	const uint32_t *ids = (const uint32_t *)c->ids.p;
	const cword *const words = &W(c, 0);
	const uint32_t end = w1 < c->nw ? w1 : (uint32_t)c->nw;
	/* Gathered in locals: the stores into c->seen and c->lids could
	** alias the coder's fields, which would then be read again. */
	uint64_t syn = c->lsyn;
	uint32_t w, i, n = c->nlids;
	int synx = c->lsynx, full = c->lids_full;

	for (w = w0; w < end; w++) {
		const cword *x = &words[w];
		if (x->dropped)
			continue;
		syn |= x->syn;
		synx |= x->lf & LF_SYNX;
		if (!(x->lf & LF_PAT)) /* a word no pattern names */
			continue;
		for (i = x->id0; i < x->id0 + x->nid; i++) {
			const uint32_t id = ids[i] & ((1u << DYAD__SEEN_BITS) - 1);
			c->seen[id >> 6] |= (uint64_t)1 << (id & 63);
			if (n < SENT_WORDS)
				c->lids[n++] = ids[i];
			else
				full = 1;
		}
	}
	c->lsyn = syn, c->lsynx = synx, c->nlids = n, c->lids_full = full;
}

/* What the patterns of the verb at m may match: words of [m->lo, m->hi),
** not dropped (m_back and m_at look nowhere else). A pattern needing a
** word or synset not among them cannot match, so leaving it untried
** changes nothing. The verb's own words are counted in too, so that the
** verbs of one stretch share what was gathered for the first. */
static void local_words(dyad__coder *c, const mst *m)
{
	if (c->lsent == c->nsent && c->llo == m->lo && c->lhi == m->hi)
		return;
	c->lsent = c->nsent, c->llo = m->lo, c->lhi = m->hi;
	memset(c->seen, 0, sizeof c->seen);
	c->lsyn = 0;
	c->lsynx = 0;
	c->nlids = 0;
	c->lids_full = 0;
	mark_local(c, m->lo, m->hi);
}

/* Codes the verb at word v of clause cl into *x. Returns 1 when it made
** an event, 0 when it did not (null code, no pattern and no default, no
** actors), -1 when the sentence is discarded or complex. */
static int code_verb(dyad__coder *c, const clause *cl, uint32_t v, coded *x)
{
	const dyad__verb *vb = verb_at(c, v);
	const dyad__vgroup *g = dyad__pat_group(c->P, vb->group);
	const dyad__pfilt *filt = dyad__pat_filters(c->P);
	const uint64_t *cand;
	mst m;
	uint32_t i, k;

	memset(x, 0, sizeof *x);
	memset(&m, 0, sizeof m);
	m.c = c;
	m.v0 = x->v0 = v;
	m.v1 = x->v1 = v + W(c, v).vlen;
	m.src = m.tgt = m.cmp = -1;
	x->verb = vb;
	bounds(c, cl, m.v0, m.v1, &m);
	local_words(c, &m);
	cand = candidates(c, g);
	for (k = 0; k * 64 < g->npat && !x->pat; k++) {
		uint64_t bits = cand[k];
		for (; bits; bits &= bits - 1) {
			const dyad__pat *p;
			i = k * 64 + (uint32_t)__builtin_ctzll(bits);
			if (!may_match(c, &filt[g->pat0 + i]))
				continue;
			p = dyad__pat_at(c->P, g->pat0 + i);
			if (try_pattern(c, p, &m)) {
				x->pat = p;
				x->code = p->code;
				break;
			}
			m.src = m.tgt = m.cmp = -1;
			m.nskip = 0;
		}
	}
	if (!x->pat)
		x->code = *default_code(c, vb);
	EXPLAIN(c, "  verb \"%.*s\" (%s:%u): %s %s", (int)(W(c, v).b - W(c, v).a),
		c->doc->norm + W(c, v).a, dyad__pat_file(c->P, vb->file), vb->line,
		x->pat ? "pattern" : "no pattern matched; default code",
		x->pat ? dyad__pat_str(c->P, x->pat->text) : "");
	if (x->code.kind == DYAD__VC_DISCARD || x->code.kind == DYAD__VC_COMPLEX) {
		c->status = x->code.kind == DYAD__VC_DISCARD ? DYAD_SENT_DISCARDED : DYAD_SENT_COMPLEX;
		return -1;
	}
	if (x->code.kind != DYAD__VC_EVENT)
		return 0;
	find_actors(c, cl, &m, m.v0, m.v1, x->pat && x->pat->designates, &x->src, &x->tgt);
	x->modality = modality(c, cl, m.v0, m.v1);
	x->base = x->pat ? (x->pat->designates ? 0.9 : 0.8) : 0.6;
	if (((x->src.actor < 0 && !x->src.dflt) && c->o->cx_nosource) ||
	    ((x->tgt.actor < 0 && !x->tgt.dflt) && c->o->cx_notarget)) {
		EXPLAIN(c, "    complex: no %s", x->src.actor < 0 ? "source" : "target");
		c->status = DYAD_SENT_COMPLEX;
		return -1;
	}
	if ((x->src.actor < 0 && !x->src.dflt) || (x->tgt.actor < 0 && !x->tgt.dflt)) {
		EXPLAIN(c, "    no %s: no event", x->src.actor < 0 && !x->src.dflt ? "source" : "target");
		return 0;
	}
	return 1;
}

#define SUB_MAX 8 /* subordinate events kept per clause and per sentence */

/* What one clause gave: its events in order, and its subordinate events,
** which stand only when nothing else is found (§6.6.1). */
typedef struct cres {
	coded got[16];
	int n, nsub;
	coded sub[SUB_MAX];
} cres;

/* The first verb not dropped in words [v, end), or end. Most words are
** none: they are passed over in a loop that reads nothing else. */
static uint32_t next_verb(const dyad__coder *c, uint32_t v, uint32_t end)
{
	const cword *const w = &W(c, 0);

	while (v < end && (w[v].type != T_VERB || w[v].dropped))
		v++;
	return v;
}

/* Codes the verbs of one clause: the first event (every event with CODE
** ALL), and after it still any dominant pattern (§6.6.2: "a pattern with
** a dominant code is always coded in a clause"); a verb's own dominant
** code is no pattern and counts only as the first event (validation
** FRWD-002-003). */
static int code_clause(dyad__coder *c, const clause *cl, cres *r)
{
	uint32_t v;

	r->n = r->nsub = 0;
	for (v = next_verb(c, cl->w0, cl->w1); v < cl->w1 && r->n < 16;
	     v = next_verb(c, v + 1, cl->w1)) {
		coded x;
		int rc, taken = r->n > 0 && c->o->code_by != 2;
		if (taken && !dyad__pat_has_dominant(c->P))
			break;
		if (taken && !verb_at(c, v)->dominant) {
			v += W(c, v).vlen - 1u; /* only a dominant code could still count */
			continue;
		}
		rc = code_verb(c, cl, v, &x);
		if (rc < 0)
			return -1;
		v += W(c, v).vlen - 1u;
		if (rc == 0 || (taken && (x.code.prio != DYAD__VP_DOMINANT || !x.pat)))
			continue;
		if (x.code.prio == DYAD__VP_SUBORD) {
			if (r->nsub < SUB_MAX)
				r->sub[r->nsub++] = x;
			continue;
		}
		r->got[r->n++] = x;
	}
	return 0;
}

/* Emits one clause's events; once a dominant event is seen only
** dominant events stay. Returns the number emitted, -1 out of memory. */
static int emit_clause(dyad__coder *c, const cres *r, size_t ev0, int *dominant)
{
	int i, total = 0;

	for (i = 0; i < r->n; i++) {
		if (r->got[i].code.prio == DYAD__VP_DOMINANT && !*dominant) {
			c->evs.len = ev0 * sizeof(ev);
			*dominant = 1;
		} else if (*dominant && r->got[i].code.prio != DYAD__VP_DOMINANT) {
			continue;
		}
		if (emit(c, &r->got[i]) != 0)
			return -1;
		total++;
	}
	return total;
}

/* Does clause cl hold a verb (not in a dropped comma clause)? */
static int has_verb_in(const dyad__coder *c, const clause *cl)
{
	return next_verb(c, cl->w0, cl->w1) < cl->w1;
}

/* Subordinate events: by default each clause promotes all of its own
** when it found nothing else; with CODE BY SENTENCE and CODE ALL they are
** kept for the sentence (§7.6.1). */
static void promote_subs(const dyad__coder *c, cres *r, cres *sent)
{
	int i, none = r->n == 0;

	for (i = 0; i < r->nsub; i++) {
		if (none && c->o->code_by == 0)
			r->got[r->n++] = r->sub[i]; /* got holds 16, sub at most SUB_MAX */
		else if (c->o->code_by != 0 && sent->nsub < SUB_MAX)
			sent->sub[sent->nsub++] = r->sub[i];
	}
}

/* Codes the clauses of the current sentence; events go to c->evs. With
** no other event in the sentence, CODE BY SENTENCE keeps its first
** subordinate event and CODE ALL every one. */
static int code_clauses(dyad__coder *c)
{
	size_t k, ncl = DYAD__VEC_LEN(&c->clauses, clause);
	size_t ev0 = DYAD__VEC_LEN(&c->evs, ev);
	int total = 0, dominant = 0, e, i;
	cres r, sent;

	c->carried = -1;
	sent.nsub = 0;
	for (k = 0; k < ncl; k++) {
		const clause *cl = &DYAD__VEC_AT(&c->clauses, clause, k);
		if (c->o->code_by == 1 && total > 0)
			break;
		EXPLAIN(c, " clause %zu: words %u-%u", k, cl->w0, cl->w1);
		if (code_clause(c, cl, &r) != 0) {
			c->evs.len = ev0 * sizeof(ev);
			return 0;
		}
		promote_subs(c, &r, &sent);
		if (c->o->code_by == 1 && r.n > 1)
			r.n = 1;
		if ((e = emit_clause(c, &r, ev0, &dominant)) < 0)
			return -1;
		total += e;
		c->carried = cl->opener ? -1
			   : r.n ? r.got[0].src.actor : first_actor(c, cl->w0, cl->w1, -1, 0);
		c->carried_phrase = !has_verb_in(c, cl);
	}
	for (i = 0; total == 0 && i < (c->o->code_by == 1 ? 1 : sent.nsub); i++)
		if (i < sent.nsub && emit(c, &sent.sub[i]) != 0)
			return -1;
	return 0;
}

/* Drops repeats within the sentence: compounds and pairs can make the
** same event twice. */
static void dedup(dyad__coder *c, size_t ev0)
{
	size_t n = DYAD__VEC_LEN(&c->evs, ev), i, j, out = ev0;
	ev *e = (ev *)c->evs.p;

	for (i = ev0; i < n; i++) {
		for (j = ev0; j < out; j++)
			if (strcmp(c->str.p + e[i].src, c->str.p + e[j].src) == 0 &&
			    strcmp(c->str.p + e[i].tgt, c->str.p + e[j].tgt) == 0 &&
			    strcmp(c->str.p + e[i].cameo, c->str.p + e[j].cameo) == 0)
				break;
		if (j == out)
			e[out++] = e[i];
	}
	c->evs.len = out * sizeof(ev);
}

static void explain_words(dyad__coder *c)
{
	uint32_t i;
	static const char *const names[] = {"", "actor", "verb", "noun", "adj", "det", "aux",
					    "by", "comma", "pron", "conj", "num"};

	if (!c->o->explain)
		return;
	for (i = 0; i < c->nw; i++) {
		const cword *w = &W(c, i);
		if (w->actor >= 0 && A(c, w->actor).w0 == i)
			EXPLAIN(c, "  [%u] actor %.*s = %s%s%s", i,
				(int)(W(c, A(c, w->actor).w1 - 1).b - w->a), c->doc->norm + w->a,
				*A(c, w->actor).code ? A(c, w->actor).code : "(null)",
				A(c, w->actor).first != A(c, w->actor).last ? " (compound)" : "",
				A(c, w->actor).forwarded ? " (forwarded)" : "");
		else if (w->actor < 0 && w->type)
			EXPLAIN(c, "  [%u] %s %.*s%s", i, names[w->type], (int)w->klen, w->key,
				w->dropped ? " (dropped comma clause)" : "");
	}
}

static int has_verb(const dyad__coder *c)
{
	uint32_t i;

	for (i = 0; i < c->nw; i++)
		if (W(c, i).type == T_VERB)
			return 1;
	return 0;
}

/* Under the news rules, a sentence with no actor and no word that could
** stand for one (a pronoun; "the proposal" once one was made) can make no
** event, so its verbs are not tried: about a third of news sentences. A
** TABARI project (news off) has rules that still act there (defaults,
** COMPLEX, discards), so it codes every sentence. */
static int nothing_to_code(const dyad__coder *c)
{
	const uint32_t stand_in = DYAD__C_PRON_HE | DYAD__C_PRON_HIS | DYAD__C_PRON_THEY;
	uint32_t i;

	if (c->na || !c->o->news || c->o->default_source[0] || c->o->default_target[0])
		return 0;
	if (!(c->scls & stand_in) && !(c->prop[0] && (c->scls & DYAD__C_PROPOSAL)))
		return 1;
	for (i = 0; i < c->nw; i++)
		if ((W(c, i).cls & stand_in) || (c->prop[0] && (W(c, i).cls & DYAD__C_PROPOSAL)))
			return 0;
	return 1;
}

/* May a word of token k stand in for an actor? The token is split at
** hyphens as build_words splits it, and every piece is tested. */
static int token_stands_in(const dyad__coder *c, const dyad__tok *k)
{
	const char *f = dyad__tok_fold(c->doc->norm, c->doc->fold, k);
	uint32_t i;

	if (dyad__pat_stands_in(c->P, f, k->fold_len))
		return 1;
	for (i = 0; i < k->fold_len; i++)
		if (f[i] == '-' && dyad__pat_stands_in(c->P, f + i + 1, k->fold_len - i - 1))
			return 1;
	return 0;
}

/*
** May sentence s be coded though no actor was named in it? Only through
** a word of a stand-in class (token_stands_in), so this says yes whenever
** nothing_to_code could say no (and sometimes when it would not: then the
** full path decides). A token's answer is its word's, so it is kept in
** the word's extra bytes (STANDIN_AT), for the numbering's life.
*/
static int may_stand_in(dyad__coder *c, const dyad__sent *s)
{
	/* In locals: the byte stored into a word's record could alias them. */
	const uint32_t *const tw = c->tw;
	const uint32_t twmask = c->twmask, ntw = c->ntw, end = s->tok0 + s->ntok;
	unsigned char *const map = c->lexmap;
	const size_t stride = c->wstride;
	uint32_t t;

	for (t = s->tok0; t < end; t++) {
		const uint32_t num = tw ? (tw[t] & twmask) - 1 : UINT32_MAX;
		unsigned char *known = num < ntw ? map + (size_t)num * stride + STANDIN_AT : NULL;
		int yes;
		if (known && *known)
			yes = *known - 1;
		else if ((yes = token_stands_in(c, &c->doc->toks[t])), known)
			*known = (unsigned char)(yes + 1);
		if (yes)
			return 1;
	}
	return 0;
}

/*
** Skips the sentence before its words are built when it can: 1 when it
** did (status SKIPPED), else 0. In news mode, with no default actor and
** no minimum length, a sentence with no actor mention and no stand-in
** word is skipped by nothing_to_code; knowing it from the mentions and
** the raw tokens spares building and typing its words, which is most of
** the cost of the four sentences in ten that name no actor. With
** --explain the full path runs, so the explanation is the same.
*/
static int skip_early(dyad__coder *c, size_t mi, size_t nm)
{
	uint32_t sent = 0, t0, t1;

	if (!c->o->news || c->o->explain || c->o->min_words > 0 || c->o->default_source[0] ||
	    c->o->default_target[0])
		return 0;
	while (mi < nm && dyad__mention_toks(c->doc->ctx, mi, &sent, &t0, &t1) == 0 &&
	       sent < c->sent)
		mi++;
	if (mi < nm && sent == c->sent)
		return 0;
	if (may_stand_in(c, &c->doc->sents[c->sent]))
		return 0;
	c->nsent++; /* as build_words counts it */
	c->status = DYAD_SENT_SKIPPED;
	return 1;
}

static int code_sentence(dyad__coder *c, size_t *mi, size_t nm)
{
	const dyad__sent *s = &c->doc->sents[c->sent];
	const char *why;
	size_t ev0 = DYAD__VEC_LEN(&c->evs, ev);
	int commas;

	c->status = DYAD_SENT_CODED;
	memcpy(c->fwd_in, c->fwd, sizeof c->fwd);
	memcpy(c->fwd_in_label, c->fwd_label, sizeof c->fwd_label);
	c->fwd[0] = c->fwd_label[0] = 0; /* a sentence not coded passes nothing on */
	if (skip_early(c, *mi, nm))
		return 0;
	if (build_words(c, s) != 0 || place_actors(c, mi, nm) != 0)
		return -1;
	if ((int)c->nw < c->o->min_words) {
		c->status = DYAD_SENT_SHORT;
		return 0;
	}
	if (c->status != DYAD_SENT_CODED)
		return 0;
	if (nothing_to_code(c)) {
		EXPLAIN(c, " no actor, pronoun or proposal: not coded");
		c->status = DYAD_SENT_SKIPPED;
		return 0;
	}
	type_words(c);
	compounds(c);
	noun_phrases(c);
	if (pronouns(c) != 0 || proposals(c) != 0)
		return -1;
	sort_actors(c);
	commas = c->o->comma_off || !c->o->news ? 0 : drop_relatives(c);
	commas += drop_commas(c);
	orphan_pronouns(c);
	if (cut_clauses(c) != 0)
		return -1;
	explain_words(c);
	if (c->na == 0 && !has_verb(c)) {
		c->status = DYAD_SENT_SKIPPED; /* nothing to code: no actor, no verb */
		return 0;
	}
	if ((why = too_complex(c, commas)) != NULL) {
		EXPLAIN(c, " complex: %s", why);
		c->status = DYAD_SENT_COMPLEX;
		return 0;
	}
	if (code_clauses(c) != 0)
		return -1;
	dedup(c, ev0);
	proposal_out(c, ev0);
	if (c->status == DYAD_SENT_CODED && c->o->cx_noevent && DYAD__VEC_LEN(&c->evs, ev) == ev0) {
		EXPLAIN(c, " complex: no event");
		c->status = DYAD_SENT_COMPLEX;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* The API                                                             */
/* ------------------------------------------------------------------ */

void dyad__coder_free(struct dyad__coder *c)
{
	if (!c)
		return;
	free(c->cand);
	free(c->lex.slot);
	free(c->lex.ent);
	dyad__buf_free(&c->lex.keys);
	dyad__buf_free(&c->lex.ids);
	dyad__buf_free(&c->words);
	dyad__buf_free(&c->ids);
	dyad__buf_free(&c->actors);
	dyad__buf_free(&c->clauses);
	dyad__buf_free(&c->evs);
	dyad__buf_free(&c->str);
	dyad__buf_free(&c->expl);
	dyad__buf_free(&c->sstat);
	free(c);
}

/* Per sentence: its status, and where its explanation starts and ends. */
typedef struct sstat {
	uint32_t status, e0, e1;
} sstat;

static int run_doc(dyad__coder *c, size_t nm)
{
	size_t mi = 0;

	for (c->sent = 0; c->sent < c->doc->nsents; c->sent++) {
		sstat st;
		st.e0 = (uint32_t)c->expl.len;
		if (!c->o->forward || (c->sent == 0 && c->o->forward < 2))
			c->fwd[0] = c->fwd_label[0] = 0;
		if (c->sent == 0)
			c->prop[0] = c->prop_label[0] = 0;
		EXPLAIN(c, "sentence %u", c->sent);
		if (code_sentence(c, &mi, nm) != 0)
			return -1;
		st.status = (uint32_t)c->status;
		EXPLAIN(c, " -> %s", dyad_sent_status_name((dyad_sent_status)c->status));
		st.e1 = (uint32_t)c->expl.len;
		if (dyad__buf_append(&c->sstat, &st, sizeof st) != 0)
			return -1;
	}
	return 0;
}

/* The word cache's tables, on a coder's first document. */
static int lex_alloc(lexcache *L)
{
	if (L->ent)
		return 0;
	L->slot = malloc(LEX_SLOTS * sizeof *L->slot);
	L->ent = malloc(LEX_MAX * sizeof *L->ent);
	if (!L->slot || !L->ent) {
		free(L->slot), free(L->ent);
		L->slot = NULL, L->ent = NULL;
		return -1;
	}
	lex_reset(L);
	return 0;
}

/* Sizes the candidate bitmap for the engine's largest group. */
static int grow_cand(dyad__coder *c)
{
	uint32_t need = (dyad__pat_max_npat(c->P) + 63) / 64 + 1;
	uint64_t *p;

	if (need <= c->ncand)
		return 0;
	if (!(p = realloc(c->cand, need * sizeof *p)))
		return -1;
	c->cand = p;
	c->ncand = need;
	return 0;
}

/* Follows the actor stage's numbering of the document's words (c->tw):
** a new numbering empties lexmap. Without memory, no map: words are
** hashed as before. */
static void lexmap_follow(dyad__coder *c, dyad_ctx *ctx)
{
	dyad__words w;

	c->tw = NULL;
	if (dyad__token_words(ctx, &w) != 0)
		return;
	if (w.extra != c->lexmap || w.n != c->ntw) { /* the context's first numbering */
		c->lexmap = w.extra;
		c->wstride = w.stride;
		c->lexmap_epoch = w.epoch;
		c->lexmap_hi = 0;
		c->lexgen = 1; /* the actor stage's records start zeroed */
		c->ntw = w.n;
	} else if (w.epoch != c->lexmap_epoch) { /* the records were zeroed */
		lexmap_clear(c);
		c->lexmap_epoch = w.epoch;
	}
	c->tw = w.tok;
	c->twmask = w.mask;
}

dyad_status dyad_doc_events(const dyad_doc *cdoc, const dyad_code_opts *opts, size_t *n)
{
	dyad_ctx *ctx = cdoc->ctx;
	dyad_code_opts dflt;
	dyad__coder *c;
	size_t nm = 0;
	dyad_status st;

	*n = 0;
	if (!ctx->eng->patterns)
		return dyad__msg(ctx->msg, DYAD_BADARG, "the engine was made without verb patterns");
	if (!ctx->coder && !(ctx->coder = calloc(1, sizeof *ctx->coder)))
		return dyad__msg(ctx->msg, DYAD_NOMEM, "out of memory");
	if ((st = dyad_doc_actors(cdoc, &nm)) != DYAD_OK)
		return st;
	if (!opts) {
		dyad_code_opts_init(&dflt);
		opts = &dflt;
	}
	c = ctx->coder;
	c->P = ctx->eng->patterns;
	if (grow_cand(c) != 0 || lex_alloc(&c->lex) != 0)
		return dyad__msg(ctx->msg, DYAD_NOMEM, "out of memory");
	c->o = opts;
	c->doc = &ctx->doc;
	lexmap_follow(c, ctx);
	c->evs.len = c->str.len = c->expl.len = c->sstat.len = 0;
	str_put(c, "", 0); /* offset 0 is "" */
	if (run_doc(c, nm) != 0)
		return dyad__msg(ctx->msg, DYAD_NOMEM, "out of memory coding events");
	if (!opts->keep_modal) { /* negated and hypothetical events are left out */
		size_t i, out = 0, ne = DYAD__VEC_LEN(&c->evs, ev);
		ev *e = (ev *)c->evs.p;
		for (i = 0; i < ne; i++)
			if (!(e[i].modality & (DYAD_MOD_NEGATED | DYAD_MOD_HYPOTHETICAL)))
				e[out++] = e[i];
		c->evs.len = out * sizeof(ev);
	}
	c->o = NULL;
	*n = DYAD__VEC_LEN(&c->evs, ev);
	if ((st = dyad__events_when(ctx, *n)) != DYAD_OK)
		return st;
	return dyad__events_where(ctx, *n);
}

static void cameo_facts(const dyad_engine *eng, const char *code, dyad_event *out)
{
	const dyad__cameo_row *row = eng->cameo ? dyad__cameo_find(eng->cameo, code, NULL) : NULL;

	if (code[0] >= '0' && code[0] <= '9' && code[1] >= '0' && code[1] <= '9') {
		out->root[0] = code[0];
		out->root[1] = code[1];
	}
	out->plover = "";
	if (!row)
		return;
	out->quad = row->quad;
	out->goldstein = row->goldstein;
	out->has_goldstein = 1;
	out->plover = row->plover ? row->plover : "";
}

/* The when and where of event i, once their stages have filled them;
** before that (while those stages read the events) the document's date
** and no place. */
static void situate(const dyad_ctx *ctx, size_t i, dyad_event *out)
{
	out->date_precision = ctx->doc.info.date_precision;
	out->date_how = "document";
	out->place = out->country = out->admin1 = "";
	out->place_how = "none";
	if (i < DYAD__VEC_LEN(&ctx->when, dyad__when)) {
		const dyad__when *w = &((const dyad__when *)ctx->when.p)[i];
		out->date = w->date;
		out->date_precision = w->prec;
		out->date_how = w->how;
		out->date_start = w->start, out->date_end = w->end;
		out->historical = w->historical;
	}
	if (i < DYAD__VEC_LEN(&ctx->where, dyad__where)) {
		const dyad__where *g = &((const dyad__where *)ctx->where.p)[i];
		out->place = g->place, out->country = g->country, out->admin1 = g->admin1;
		out->lat = g->lat, out->lon = g->lon;
		out->geo_precision = g->prec;
		out->place_how = g->how;
		out->place_start = g->start, out->place_end = g->end;
	}
}

dyad_status dyad_doc_event(const dyad_doc *doc, size_t i, dyad_event *out)
{
	const dyad__coder *c = doc->ctx->coder;
	const ev *e;
	const char *s;

	memset(out, 0, sizeof *out);
	if (!c || i >= DYAD__VEC_LEN(&c->evs, ev))
		return DYAD_NOTFOUND;
	e = &((const ev *)c->evs.p)[i];
	s = c->str.p;
	memcpy(out->id, e->id, sizeof out->id);
	out->sent = e->sent;
	out->date = doc->info.date;
	out->source = s + e->src;
	out->target = s + e->tgt;
	out->cameo = s + e->cameo;
	cameo_facts(doc->ctx->eng, out->cameo, out);
	out->modality = e->modality;
	out->src_start = e->ss, out->src_end = e->se;
	out->verb_start = e->vs, out->verb_end = e->ve;
	out->tgt_start = e->ts, out->tgt_end = e->te;
	out->source_label = s + e->srcl;
	out->target_label = s + e->tgtl;
	out->source_how = s + e->shw;
	out->target_how = s + e->thw;
	out->pattern = s + e->pat;
	out->pattern_text = s + e->pattext;
	out->confidence = e->conf;
	situate(doc->ctx, i, out);
	return DYAD_OK;
}

dyad_sent_status dyad_doc_sent_status(const dyad_doc *doc, size_t s, const char **expl)
{
	const dyad__coder *c = doc->ctx->coder;
	const sstat *st;

	if (expl)
		*expl = "";
	if (!c || s >= DYAD__VEC_LEN(&c->sstat, sstat))
		return DYAD_SENT_SKIPPED;
	st = &((const sstat *)c->sstat.p)[s];
	if (expl && st->e1 > st->e0) {
		/* Explanations are cut per sentence in place: the text ends with
		** a newline that becomes the terminator. */
		((char *)c->expl.p)[st->e1 - 1] = 0;
		*expl = c->expl.p + st->e0;
	}
	return (dyad_sent_status)st->status;
}

const char *dyad_sent_status_name(dyad_sent_status s)
{
	static const char *const names[] = {"coded", "discarded", "complex", "short", "skipped"};

	return (unsigned)s < sizeof names / sizeof *names ? names[s] : "unknown";
}

const char *dyad_modality_name(unsigned m)
{
	static const char *const names[16] = {
		"", "negated", "hypothetical", "negated,hypothetical", "reported",
		"negated,reported", "hypothetical,reported", "negated,hypothetical,reported",
		"question", "negated,question", "hypothetical,question",
		"negated,hypothetical,question", "reported,question", "negated,reported,question",
		"hypothetical,reported,question", "negated,hypothetical,reported,question"};

	return names[m & 15];
}

void dyad_code_opts_init(dyad_code_opts *o)
{
	memset(o, 0, sizeof *o);
	/* TABARI's defaults (§8.6): the first comma phrase is never dropped. */
	o->comma_min = 2, o->comma_max = 10;
	o->comma_emin = 2, o->comma_emax = 10;
	o->comma_bmin = 128, o->comma_bmax = 0;
	o->news = 1;
}

/* ------------------------------------------------------------------ */
/* TABARI .options lines (manual chapter 8)                            */
/* ------------------------------------------------------------------ */

static int opt_fail(char *msg, const char *why)
{
	if (msg)
		snprintf(msg, DYAD_ERRMSG_MAX, "%s", why);
	return DYAD_PARSE;
}

/* "NAME = 12" or "NAME[12]" inside s: the number, or -1. */
static int opt_num(const char *s, const char *name)
{
	const char *p = strstr(s, name);

	while (p && p > s && p[-1] != ' ' && p[-1] != ':')
		p = strstr(p + 1, name);
	if (!p)
		return -1;
	p += strlen(name);
	while (*p == ' ' || *p == '=' || *p == '[')
		p++;
	return *p >= '0' && *p <= '9' ? atoi(p) : -1;
}

static int opt_has(const char *s, const char *word)
{
	return strstr(s, word) != NULL;
}

static dyad_status opt_comma(dyad_code_opts *o, const char *s, char *msg)
{
	static const char *const names[] = {"EMIN", "EMAX", "BMIN", "BMAX", "MIN", "MAX"};
	int *fields[] = {&o->comma_emin, &o->comma_emax, &o->comma_bmin, &o->comma_bmax,
			 &o->comma_min, &o->comma_max};
	size_t i;
	int any = 0;

	if (opt_has(s, "OFF")) {
		o->comma_off = 1;
		return DYAD_OK;
	}
	for (i = 0; i < 6; i++) {
		int v = opt_num(s, names[i]);
		if (v >= 0)
			*fields[i] = v, any = 1;
	}
	if (!any)
		return (dyad_status)opt_fail(msg, "COMMA: want OFF or MIN=, MAX=, EMIN=, EMAX=, BMIN=, BMAX=");
	o->comma_off = 0;
	return DYAD_OK;
}

static dyad_status opt_complex(dyad_code_opts *o, const char *s)
{
	int v;

	o->cx_verbs = (v = opt_num(s, "VERBS")) > 0 ? v : 0;
	o->cx_actors = (v = opt_num(s, "ACTORS")) > 0 ? v : 0;
	o->cx_pronouns = (v = opt_num(s, "PRONOUNS")) > 0 ? v : 0;
	o->cx_conj = (v = opt_num(s, "CONJ")) > 0 ? v : 0;
	o->cx_comma = (v = opt_num(s, "COMMA")) > 0 ? v : 0;
	o->cx_lateverb = (v = opt_num(s, "LATEVERB")) > 0 ? v : 0;
	o->cx_noactprior = opt_has(s, "NOACTPRIOR");
	o->cx_noactafter = opt_has(s, "NOACTAFTER");
	o->cx_noverb = opt_has(s, "NOVERB");
	o->cx_nosource = opt_has(s, "NOSOURCE");
	o->cx_notarget = opt_has(s, "NOTARGET");
	o->cx_noevent = opt_has(s, "NOEVENT");
	return DYAD_OK;
}

/* "[CODE]" after word in s into out (16 bytes); 1 when found. */
static int opt_code(const char *s, const char *word, char out[16])
{
	const char *p = strstr(s, word), *a, *b;

	if (!p || !(a = strchr(p, '[')) || !(b = strchr(a, ']')) || b - a - 1 >= 16)
		return 0;
	memcpy(out, a + 1, (size_t)(b - a - 1));
	out[b - a - 1] = 0;
	return 1;
}

static dyad_status opt_default(dyad_code_opts *o, const char *s)
{
	if (opt_has(s, "OFF")) {
		o->default_source[0] = o->default_target[0] = 0;
		o->default_source_prior = o->default_target_after = 0;
		return DYAD_OK;
	}
	if (opt_code(s, "SOURCE", o->default_source))
		o->default_source_prior = opt_has(strstr(s, "SOURCE"), "PRIOR");
	if (opt_code(s, "TARGET", o->default_target))
		o->default_target_after = opt_has(strstr(s, "TARGET"), "AFTER");
	return DYAD_OK;
}

static dyad_status opt_set(dyad_code_opts *o, const char *s, char *msg)
{
	int v;

	if (opt_has(s, "CODE BY SENTENCE"))
		o->code_by = 1;
	else if (opt_has(s, "CODE ALL"))
		o->code_by = 2;
	else if (opt_has(s, "CODE BY CLAUSE"))
		o->code_by = 0;
	else if (opt_has(s, "MINIMUM WORDS"))
		o->min_words = (v = opt_num(s, "WORDS")) >= 0 ? v : o->min_words;
	else if (opt_has(s, "CONVERT AGENT"))
		o->convert_agents = opt_has(s, "TRUE") || opt_has(s, "= T");
	else if (!strchr(s, '=') && !opt_has(s, "CODE"))
		return (dyad_status)opt_fail(msg, "SET: want a parameter and a value");
	return DYAD_OK;
}

/* An options line that changes coding: applied, it also asks for
** TABARI's coder, so dyad's news rules go off. */
static dyad_status opt_coding(dyad_code_opts *o, const char *s, char *msg)
{
	dyad_status rc;

	if (strncmp(s, "COMM", 4) == 0)
		rc = opt_comma(o, s, msg);
	else if (strncmp(s, "COMP", 4) == 0)
		rc = opt_complex(o, s);
	else if (strncmp(s, "DEFA", 4) == 0)
		rc = opt_default(o, s);
	else if (strncmp(s, "SET", 3) == 0)
		rc = opt_set(o, s, msg);
	else
		o->forward = !opt_has(strchr(s, ':'), " OFF"), rc = DYAD_OK;
	if (rc == DYAD_OK)
		o->news = 0;
	return rc;
}

dyad_status dyad_code_opts_tabari(dyad_code_opts *o, const char *line, char *msg)
{
	char s[512];
	size_t n = 0, i;

	if (msg)
		msg[0] = 0;
	for (i = 0; line[i] && n < sizeof s - 1; i++) {
		if (line[i] == '#' || (line[i] == '/' && line[i + 1] == '/'))
			break;
		s[n++] = (char)((line[i] >= 'a' && line[i] <= 'z') ? line[i] - 32 : line[i]);
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	s[n] = 0;
	if (n == 0)
		return DYAD_OK;
	if (strchr(s, ':') && (strncmp(s, "COMM", 4) == 0 || strncmp(s, "COMP", 4) == 0 ||
			       strncmp(s, "DEFA", 4) == 0 || strncmp(s, "SET", 3) == 0 ||
			       strncmp(s, "FORW", 4) == 0))
		return opt_coding(o, s, msg);
	if ((strncmp(s, "LABE", 4) == 0 || strncmp(s, "OUTP", 4) == 0 ||
	     strncmp(s, "NONE", 4) == 0 ||
	     strncmp(s, "ISSU", 4) == 0 || strncmp(s, "FREQ", 4) == 0) && strchr(s, ':'))
		return DYAD_OK; /* output and bookkeeping: nothing to do with coding */
	return (dyad_status)opt_fail(msg, "unknown options command");
}
