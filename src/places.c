/*
** places.c — place names in articles, and where each event happened.
**
** Recognition reads the gazetteer's word table (gazetteer.h) with each
** sentence's token keys, from tokens that begin with a capital (or a
** caseless script, Arabic), a probe per token, keeping the longest
** name; no regex and no allocation per token. A name is then kept or
** dropped by its context (a cue before it, a capitalized word before
** it, whether it is also a common word), and resolved to one place by
** rules that put a country name first, then what the document is about
** (the countries and divisions its other names point to, a qualifier
** such as ", Qatar"), then population and feature. docs/places.md gives the rules.
**
** An event's place is the place named in its clause, else the article's
** dateline city, else the place its opening sentence sets the story in,
** else the country of the action, and it always says which of these it
** is and how precise it is: a country is never passed off as a point.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyad_int.h"
#include "gazetteer.h"

#define MAX_NAME_WORDS 8     /* words of the longest name looked for */
#define MAX_CANDS 256        /* candidates of one name that are weighed */
#define MAX_ADMIN 256        /* divisions the document context keeps */
#define ADM_SLOTS 512        /* their hash table: twice as many, a power of two */
#define VOTE_SLOTS 64        /* the hash table of the first half as many voted countries */
#define BIG_CITY 100000      /* a city this large needs no cue */

/* The engine's place data. */
struct dyad__geo {
	dyad__gaz gaz;
	dyad__strset words;     /* data/place-words.txt */
	uint64_t wordposts[64]; /* bits by post of the names place words can be */
};

/* Cues, strongest last. */
enum { CUE_NONE = 0, CUE_WEAK, CUE_IN, CUE_BASED, CUE_QUAL, CUE_DATELINE };

/* Why a mention resolved as it did (index into how_names). */
enum { HOW_ONLY = 0, HOW_COUNTRY, HOW_QUAL, HOW_CONTEXT, HOW_POP };

static const char *const how_names[] = {"only", "country-name", "qualified", "context",
					"population"};
static const char *const cue_names[] = {"", "to", "in", "based", "qualified", "dateline"};

/* One place name found in the document. */
typedef struct pment {
	uint32_t sent, t0, t1;  /* tokens [t0, t1) */
	uint32_t a, b;          /* normalized span of the name */
	uint32_t post;          /* the name's places in the gazetteer (dyad__gaz_post) */
	uint32_t place;         /* the place chosen, DYAD__GAZ_NONE */
	uint32_t ncand;         /* places with the name */
	uint8_t cue;            /* CUE_* */
	uint8_t how;            /* HOW_* */
	uint8_t drop;           /* not taken for a place */
	uint8_t words;          /* words in the name */
	uint8_t alt;            /* resolve chose the place by an alternate name */
} pment;

/* What judge needs of a name's candidates. */
enum { CK_COUNTRY = 1, CK_ADMIN1 = 2, CK_BIG = 4 };

#define PM(ctx, i) (((pment *)(ctx)->pments.p)[i])

/* ------------------------------------------------------------------ */
/* Engine                                                              */
/* ------------------------------------------------------------------ */

static char *join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = malloc(a + b + 2);

	if (p) {
		memcpy(p, dir, a);
		p[a] = '/';
		memcpy(p + a + 1, name, b + 1);
	}
	return p;
}

static dyad_status load_words(dyad_engine *eng, struct dyad__geo *g)
{
	char *path = join(eng->data_dir, "place-words.txt"), *text = NULL;
	size_t n = 0;
	dyad_status st;

	if (!path)
		return DYAD_NOMEM;
	st = dyad__read_file(path, eng->msg, &text, &n);
	free(path);
	if (st == DYAD_OK && dyad__strset_from_lines(&g->words, text, n) != 0)
		st = DYAD_NOMEM;
	free(text);
	return st;
}

/* The gazetteer: cfg's, else the full file, else the committed subset. */
static dyad_status open_gaz(dyad_engine *eng, const dyad_config *cfg, dyad__gaz *g)
{
	char *path;
	dyad_status st;

	if (cfg->gazetteer)
		return dyad__gaz_open(g, cfg->gazetteer, eng->msg);
	if (!(path = join(eng->data_dir, "gazetteer.bin")))
		return DYAD_NOMEM;
	st = dyad__gaz_open(g, path, eng->msg);
	free(path);
	if (st != DYAD_NOTFOUND)
		return st;
	if (!(path = join(eng->data_dir, "gazetteer-subset.tsv")))
		return DYAD_NOMEM;
	st = dyad__gaz_open(g, path, eng->msg);
	free(path);
	g->subset = 1;
	return st;
}

static void mark_word_posts(struct dyad__geo *g);

dyad_status dyad__geo_load(dyad_engine *eng, const dyad_config *cfg)
{
	struct dyad__geo *g = calloc(1, sizeof *g);
	dyad_status st;

	if (!(eng->geo = g))
		return DYAD_NOMEM;
	st = load_words(eng, g);
	if (st == DYAD_OK)
		st = open_gaz(eng, cfg, &g->gaz);
	if (st == DYAD_OK && cfg->gazetteer) {
		const char *p = cfg->gazetteer;
		g->gaz.subset = strstr(p, "subset") != NULL;
	}
	if (st == DYAD_OK)
		mark_word_posts(g);
	return st;
}

void dyad__geo_free(struct dyad__geo *g)
{
	if (!g)
		return;
	dyad__gaz_close(&g->gaz);
	dyad__strset_free(&g->words);
	free(g);
}

void dyad_engine_gazetteer_stats(const dyad_engine *eng, dyad_gazetteer_stats *out)
{
	const dyad__gaz *z = eng && eng->geo ? &eng->geo->gaz : NULL;

	memset(out, 0, sizeof *out);
	out->path = "";
	if (!z || !z->h)
		return;
	out->path = z->path;
	out->subset = z->subset;
	out->places = z->h->nplaces;
	out->nodes = z->h->nwords;
	out->bytes = z->size;
	out->load_ms = z->load_ms;
}

/* ------------------------------------------------------------------ */
/* Places                                                              */
/* ------------------------------------------------------------------ */

static const char *feature_name(const dyad__gplace *p)
{
	switch (p->fcode) {
	case DYAD__GF_PPLC: return "capital";
	case DYAD__GF_PPLA: return "admin-seat";
	case DYAD__GF_PPLX: return "locality";
	case DYAD__GF_PCLI: return "country";
	case DYAD__GF_ADM1: return "admin1";
	case DYAD__GF_RGN: return "region";
	default: return "city";
	}
}

static dyad_geo_precision precision_of(const dyad__gplace *p)
{
	return p->kind == DYAD__GK_COUNTRY ? DYAD_GEO_COUNTRY :
	       p->kind == DYAD__GK_ADMIN1 ? DYAD_GEO_ADMIN1 : DYAD_GEO_CITY;
}

static void fill_place(const dyad__gaz *g, uint32_t i, dyad_place *out)
{
	const dyad__gplace *p = &g->places[i];

	memset(out, 0, sizeof *out);
	out->name = dyad__gaz_str(g, p->name);
	out->country = dyad__gaz_str(g, p->ccs);
	out->admin1 = dyad__gaz_str(g, p->admin1);
	out->lat = p->lat / 1e5;
	out->lon = p->lon / 1e5;
	out->population = p->pop;
	out->geonames_id = p->gid;
	out->precision = precision_of(p);
	out->feature = feature_name(p);
}

/* The post of name key w (n bytes), read a word at a time from
** prefix from (dyad__gaz_post), 0 when no name has that key there; the
** next prefix in *next (0 when none). Words are split at every space,
** as the gazetteer's keys were (gazetteer.c, index_key). */
static uint32_t key_post(const dyad__gaz *g, uint32_t from, const char *w, size_t n,
			 uint32_t *next)
{
	const dyad__gword *e;
	size_t a = 0, b;

	for (*next = 0;; a = b + 1) {
		for (b = a; b < n && w[b] != ' '; b++)
			;
		if (!(e = dyad__gaz_word(g, from, w + a, b - a)))
			return 0;
		if (b == n)
			break;
		if (!(from = e->next))
			return 0;
	}
	*next = e->next;
	return e->post;
}

dyad_status dyad_engine_place_lookup(const dyad_engine *eng, const char *name, size_t i,
				     size_t *n, dyad_place *out)
{
	const dyad__gaz *g;
	char key[256];
	size_t k;
	uint32_t np = 0, next;
	const uint32_t *post;

	*n = 0;
	if (!eng || !eng->geo || !name)
		return DYAD_BADARG;
	g = &eng->geo->gaz;
	k = dyad__gaz_key(name, strlen(name), key, sizeof key);
	post = k ? dyad__gaz_post(g, key_post(g, 0, key, k, &next), &np) : NULL;
	*n = np;
	if (!post || i >= np)
		return DYAD_NOTFOUND;
	if (out)
		fill_place(g, post[i] & DYAD__GP_PLACE, out);
	return DYAD_OK;
}

/* ------------------------------------------------------------------ */
/* Recognition                                                         */
/* ------------------------------------------------------------------ */

static const char *tok_key(const dyad_doc *doc, const dyad__tok *k)
{
	return dyad__tok_fold(doc->norm, doc->fold, k);
}

/* Does token k's fold key equal the ASCII word w? */
static int key_is(const dyad_doc *doc, const dyad__tok *k, const char *w)
{
	size_t n = strlen(w);

	return k->fold_len == n && memcmp(tok_key(doc, k), w, n) == 0;
}

/* Can a place name start at token k: a word or hashtag whose first
** letter is a capital, or of a script without case (Arabic)? */
static int can_start(const dyad_doc *doc, const dyad__tok *k)
{
	const unsigned char *s = (const unsigned char *)doc->norm + k->start;
	size_t n;
	int32_t cp;

	if (k->kind == DYAD_TOK_WORD && s[0] < 0x80) /* most tokens: decided by one byte */
		return (unsigned)(s[0] - 'A') < 26;
	n = k->end - k->start;
	if (k->kind == DYAD_TOK_HASHTAG && n > 1)
		s++, n--;
	else if (k->kind != DYAD_TOK_WORD)
		return 0;
	if (s[0] < 0x80)
		return s[0] >= 'A' && s[0] <= 'Z';
	dyad__utf8_decode(s, n, &cp);
	return cp > 0 && utf8proc_category(cp) != UTF8PROC_CATEGORY_LL;
}

/* The first token of [i, end) that can start a name, end when none.
** Most tokens are their own matching key (lower-case words, numbers,
** punctuation: segment.c), which has no capital; the others are decided
** by their kind and most by their first byte. */
static uint32_t next_start(const dyad_doc *doc, uint32_t i, uint32_t end)
{
	const dyad__tok *toks = doc->toks;
	const unsigned char *norm = (const unsigned char *)doc->norm;

	for (; i < end; i++) {
		const dyad__tok *k = &toks[i];
		if (k->fold_in_norm) /* its own key: lower-case ASCII (dyad__tok_fold) */
			continue;
		if (k->kind == DYAD_TOK_WORD) {
			unsigned char c = norm[k->start];
			if ((unsigned)(c - 'A') < 26 || (c >= 0x80 && can_start(doc, k)))
				return i;
		} else if (k->kind == DYAD_TOK_HASHTAG && can_start(doc, k)) {
			return i;
		}
	}
	return end;
}

#define WORD_MAX 256 /* bytes of a token's name key kept; names are shorter */

/* Is byte c of a fold key kept in a name key: a letter, a digit or a
** byte of another script? */
static int key_byte(unsigned char c)
{
	return (unsigned)(c - 'a') < 26 || c >= 0x80 || (unsigned)(c - '0') < 10;
}

/* Token k's key as the gazetteer spells names: letters, digits and the
** bytes of other scripts, a space for an inner hyphen ("Winston-Salem"
** is "Winston Salem"), without a final "-based" ("Doha-based"), which
** sets *based. Its length; WORD_MAX when it is longer than any name.
** *key points at it: at the fold key itself when that is already a name
** key (most tokens: "doha"), else at out. *h gets its hash as one word
** after prefix from, hashed as it is made, or 0 when a hyphen made it
** more than one word. */
static size_t name_key(const dyad_doc *doc, const dyad__tok *k, uint32_t from, char *out,
		       const char **key, int *based, uint32_t *h)
{
	const char *f = tok_key(doc, k);
	size_t i, o, n = k->fold_len;
	uint32_t x = dyad__gaz_hash_init(from);
	int spaced = 0;

	*based = 0;
	if (n > 6 && f[n - 6] == '-' && memcmp(f + n - 5, "based", 5) == 0) {
		n -= 6;
		*based = 1;
	}
	*key = f;
	for (i = 0; i < n && key_byte((unsigned char)f[i]); i++) /* no copy while kept */
		x = dyad__gaz_hash_byte(x, (unsigned char)f[i]);
	if (i < n) { /* a byte dropped or changed: the rest into out */
		if (i >= WORD_MAX)
			return WORD_MAX;
		memcpy(out, f, i);
		*key = out;
		for (o = i; i < n; i++) {
			unsigned char c = (unsigned char)f[i];
			if (c == '-' && i > 0 && i + 1 < n)
				c = ' ', spaced = 1;
			else if (!key_byte(c))
				continue;
			if (o == WORD_MAX)
				return WORD_MAX;
			out[o++] = (char)c;
			x = dyad__gaz_hash_byte(x, c);
		}
		n = o;
	}
	if (n >= WORD_MAX)
		return WORD_MAX;
	*h = spaced ? 0 : dyad__gaz_hash_end(x);
	return n;
}

/* The bit of post in dyad__geo.wordposts. */
static uint32_t wordpost_bit(uint32_t post)
{
	return (post * 0x9e3779b1u) >> 20; /* 12 bits: 4096 */
}

/* Marks the posts of the names that a place word can be, so that judge
** asks the word set only about a name that may be one: a token whose
** key is a place word, all letters and digits, is its own name key. A
** word of other bytes marks all, and then the set is always asked. */
static void mark_word_posts(struct dyad__geo *g)
{
	uint32_t i, next, post;
	size_t j, n;

	memset(g->wordposts, 0, sizeof g->wordposts);
	for (i = 0; i < g->words.n; i++) {
		const char *w = g->words.pool + g->words.offs[i];
		n = g->words.offs[i + 1] - g->words.offs[i];
		for (j = 0; j < n && key_byte((unsigned char)w[j]) && (unsigned char)w[j] < 0x80; j++)
			;
		if (j < n || n == 0) {
			memset(g->wordposts, 0xff, sizeof g->wordposts);
			return;
		}
		if ((post = key_post(&g->gaz, 0, w, n, &next)) != 0)
			g->wordposts[wordpost_bit(post) >> 6] |= 1ull << (wordpost_bit(post) & 63);
	}
}

/* May the one-word name with post be a place word? */
static int maybe_word(const struct dyad__geo *g, uint32_t post)
{
	return (g->wordposts[wordpost_bit(post) >> 6] >> (wordpost_bit(post) & 63)) & 1;
}

/* Punctuation a name may run through: "St. Louis", "Washington, D.C.". */
static int inner_punct(const dyad_doc *doc, const dyad__tok *k)
{
	char c = doc->norm[k->start];

	return k->kind == DYAD_TOK_PUNCT && k->end == k->start + 1 && (c == '.' || c == ',');
}

/* What a word's byte of the actor stage's word records (DYAD__WX_PLACE)
** says: not known yet, or whether the word, read first, begins a name. */
enum { PW_UNKNOWN = 0, PW_BEGINS_NONE, PW_BEGINS };

/*
** The longest name from token i of [i, end); its end token, 0 if none.
** m gets its post and its words (tokens other than inner punctuation).
** Each token is one probe of the word table from the prefix the tokens
** before it read: a token that begins no name costs that probe alone.
** pw: token i's word's byte (PW_*), or NULL; most capitalized words begin
** no name, and a word known to costs no probe, whose slot and key are
** rarely in cache.
*/
static uint32_t longest_at(const dyad__gaz *g, const dyad_doc *doc, uint32_t i, uint32_t end,
			   unsigned char *pw, pment *m, int *based_out)
{
	uint32_t from = 0, best = 0, j, words = 0, post;
	char buf[WORD_MAX];

	if (pw && *pw == PW_BEGINS_NONE)
		return 0;
	for (j = i; j < end && words < MAX_NAME_WORDS; j++) {
		const dyad__tok *k = &doc->toks[j];
		const dyad__gword *e;
		const char *key;
		size_t n;
		uint32_t h;
		int based;
		if (j > i && inner_punct(doc, k))
			continue;
		if (j > i && k->kind != DYAD_TOK_WORD && k->kind != DYAD_TOK_NUMBER)
			break;
		if ((n = name_key(doc, k, from, buf, &key, &based, &h)) == WORD_MAX) {
			if (j == i && pw)
				*pw = PW_BEGINS_NONE; /* as its key is */
			break;
		}
		if (!h) { /* hyphenated: a word at a time */
			post = key_post(g, from, key, n, &from);
		} else {
			e = dyad__gaz_word_h(g, h, from, key, n);
			post = e ? e->post : 0;
			from = e ? e->next : 0;
		}
		if (j == i && pw) /* the first word's probe is its key's alone */
			*pw = post || from ? PW_BEGINS : PW_BEGINS_NONE;
		words++;
		if (post) {
			best = j + 1;
			m->post = post;
			m->words = (uint8_t)words;
			*based_out = based;
		}
		if (based || !from)
			break;
	}
	return best;
}

/* The cue word f (n bytes) is, CUE_NONE when none: a switch on its
** first letter leaves a few words to compare. */
static int cue_word(const char *f, size_t n)
{
#define IS(w) (n == sizeof w - 1 && dyad__same_bytes(f, w, sizeof w - 1))
	switch (f[0]) {
	case 'a': return IS("at") || IS("across") || IS("around") ? CUE_IN : CUE_NONE;
	case 'b': return IS("beyond") ? CUE_IN : CUE_NONE;
	case 'f': return IS("from") ? CUE_WEAK : CUE_NONE;
	case 'i': return IS("in") || IS("inside") ? CUE_IN : IS("into") ? CUE_WEAK : CUE_NONE;
	case 'l': return IS("leave") || IS("left") ? CUE_WEAK : CUE_NONE;
	case 'n': return IS("near") ? CUE_IN : CUE_NONE;
	case 'o': return IS("outside") ? CUE_IN : IS("of") || IS("on") ? CUE_WEAK : CUE_NONE;
	case 'r': return IS("reached") ? CUE_WEAK : CUE_NONE;
	case 't':
		return IS("throughout") ? CUE_IN :
		       IS("to") || IS("toward") || IS("towards") ? CUE_WEAK : CUE_NONE;
	case 'v':
		return IS("via") || IS("visit") || IS("visited") || IS("visiting") ? CUE_WEAK :
										      CUE_NONE;
	case 'w': return IS("within") ? CUE_IN : CUE_NONE;
	default: return CUE_NONE;
	}
#undef IS
}

/* The cue before token t0 of sentence s: a preposition, perhaps with
** "the" between ("in the Cottonport area"). */
static int cue_before(const dyad_doc *doc, const dyad__sent *s, uint32_t t0)
{
	const dyad__tok *k;

	if (t0 == s->tok0)
		return CUE_NONE;
	k = &doc->toks[t0 - 1];
	if (k->fold_len == 3 && dyad__same_bytes(tok_key(doc, k), "the", 3) && t0 - 1 > s->tok0)
		k--;
	if (k->fold_len < 2 || k->fold_len > 10)
		return CUE_NONE; /* the length of no cue: most words */
	return cue_word(tok_key(doc, k), k->fold_len);
}

/* A name's candidates: its postings. */
typedef struct cands {
	const uint32_t *post;
	uint32_t n;
} cands;

/* Is token k a capitalized word that is no function or place word, so
** a name right after it is more likely part of a person's or an
** organization's name ("George Washington", "Michael Jordan")? */
static int name_word(const dyad_engine *eng, const dyad_doc *doc, const dyad__tok *k)
{
	char c = doc->norm[k->start];

	if (k->kind != DYAD_TOK_WORD || c < 'A' || c > 'Z')
		return 0;
	return !dyad__strset_has(&eng->english, tok_key(doc, k), k->fold_len) &&
	       !dyad__strset_has(&eng->geo->words, tok_key(doc, k), k->fold_len);
}

/* The CK_* of the candidates of the name with post; CK_COUNTRY alone
** for a country's name, as judge asks no more of one. */
static int cand_kinds(const dyad__gaz *g, uint32_t post)
{
	uint32_t i, n;
	const uint32_t *e = dyad__gaz_post(g, post, &n);
	int kinds = 0;

	for (i = 0; i < n && i < MAX_CANDS; i++) {
		const dyad__gplace *p = &g->places[e[i] & DYAD__GP_PLACE];
		if (p->kind == DYAD__GK_COUNTRY)
			return CK_COUNTRY;
		if (p->kind == DYAD__GK_ADMIN1)
			kinds |= CK_ADMIN1;
		else if (p->kind == DYAD__GK_CITY && p->pop >= BIG_CITY)
			kinds |= CK_BIG;
	}
	return kinds;
}

/* Keeps or drops m by its context (docs/places.md); a dropped name may
** still be taken later when the document names it with a cue. */
static void judge(const dyad_ctx *ctx, size_t n, pment *m)
{
	const dyad_engine *eng = ctx->eng;
	const dyad_doc *doc = &ctx->doc;
	const pment *prev = n ? &PM(ctx, n - 1) : NULL;
	const dyad__tok *k0 = &doc->toks[m->t0];
	int kinds = cand_kinds(&eng->geo->gaz, m->post);
	int town = !(kinds & (CK_ADMIN1 | CK_BIG)) && m->words == 1; /* a small town's name */

	dyad__gaz_post(&eng->geo->gaz, m->post, &m->ncand);
	if (m->words == 1 && m->cue < CUE_IN && maybe_word(eng->geo, m->post) &&
	    dyad__strset_has(&eng->geo->words, tok_key(doc, k0), k0->fold_len)) {
		m->drop = 2; /* a common word: only a strong cue makes it a place */
		return;
	}
	if (kinds & CK_COUNTRY)
		return;
	if (m->t0 > doc->sents[m->sent].tok0 && (!prev || prev->t1 != m->t0) &&
	    name_word(eng, doc, k0 - 1))
		m->drop = 2;
	else if (town && m->t1 < doc->ntoks &&
		 m->t1 < doc->sents[m->sent].tok0 + doc->sents[m->sent].ntok &&
		 name_word(eng, doc, &doc->toks[m->t1]) &&
		 !dyad__strset_has(&eng->words, tok_key(doc, &doc->toks[m->t1]),
				   doc->toks[m->t1].fold_len))
		m->drop = 2; /* a small town's name begins an unknown longer one: "Minas Anor" */
	else if (town && m->cue == CUE_NONE)
		m->drop = 1;
}

/* Token t's byte of the actor stage's record of its word, NULL when it
** has no word number (W NULL: the document's tokens are not numbered). */
static unsigned char *word_byte(const dyad__words *W, uint32_t t)
{
	uint32_t num = W ? (W->tok[t] & W->mask) : 0;

	return num && num <= W->n ? W->extra + (size_t)(num - 1) * W->stride + DYAD__WX_PLACE
				  : NULL;
}

/* Finds the names of sentence si; appends them to ctx->pments. W: the
** actor stage's word numbers, or NULL. */
static int find_in_sentence(dyad_ctx *ctx, uint32_t si, const dyad__words *W)
{
	const dyad_doc *doc = &ctx->doc;
	const dyad__gaz *g = &ctx->eng->geo->gaz;
	const dyad__sent *s = &doc->sents[si];
	uint32_t i, end = s->tok0 + s->ntok;

	for (i = s->tok0; (i = next_start(doc, i, end)) < end; i++) {
		pment m;
		uint32_t t1, n;
		int based = 0;
		uint32_t post;
		uint8_t words;
		if (!(t1 = longest_at(g, doc, i, end, word_byte(W, i), &m, &based)))
			continue; /* most capitalized words: m is cleared only for a name */
		post = m.post, words = m.words;
		memset(&m, 0, sizeof m);
		n = DYAD__VEC_LEN(&ctx->pments, pment);
		m.post = post, m.words = words;
		m.sent = si, m.t0 = i, m.t1 = t1;
		m.a = doc->toks[i].start, m.b = doc->toks[t1 - 1].end;
		if (based) /* the name without its "-based" */
			m.b -= 6;
		m.place = DYAD__GAZ_NONE;
		m.cue = (uint8_t)(based ? CUE_BASED : cue_before(doc, s, i));
		i = t1 - 1;
		judge(ctx, n, &m);
		if (dyad__buf_append(&ctx->pments, &m, sizeof m) != 0)
			return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* The document's context                                              */
/* ------------------------------------------------------------------ */

/* The dateline: the names before the date the date stage read from it
** ("Doha, November 24 (RHC)--"), or an upper-case name opening the
** article before a comma or dash ("GAZA CITY —"). */
static void mark_dateline(dyad_ctx *ctx, size_t n)
{
	const dyad_doc *doc = &ctx->doc;
	size_t i;

	for (i = 0; i < n; i++) {
		pment *m = &PM(ctx, i);
		size_t start, end;
		const dyad__tok *after = m->t1 < doc->ntoks ? &doc->toks[m->t1] : NULL;
		int caps = 1;
		uint32_t b;
		if (m->sent > 1 || m->t0 != doc->sents[m->sent].tok0)
			break;
		dyad__map_span(doc, m->a, m->b, &start, &end);
		for (b = m->a; b < m->b; b++)
			caps &= !(doc->norm[b] >= 'a' && doc->norm[b] <= 'z');
		if ((doc->info.date_source == DYAD_DATESRC_DATELINE && end <= doc->info.date_start &&
		     doc->info.date_start - end < 8) ||
		    (caps && after && after->kind == DYAD_TOK_PUNCT &&
		     strchr(",-(", doc->norm[after->start]))) {
			m->cue = CUE_DATELINE;
			m->drop = 0;
			return;
		}
	}
}

struct context;
static double score(const dyad__gplace *p, uint32_t entry, const struct context *cx);
static double in_context(const dyad__gplace *p, double s, const struct context *cx);

/* Does place p lie in q (a country or division)? */
static int lies_in(const dyad__gplace *p, const dyad__gplace *q)
{
	if (q->kind == DYAD__GK_COUNTRY)
		return p != q && p->cc[0] == q->cc[0] && p->cc[1] == q->cc[1];
	return q->kind == DYAD__GK_ADMIN1 && p->kind == DYAD__GK_CITY && q->admin1 &&
	       p->admin1 == q->admin1;
}

/* Is name m qualified by the name after its comma ("Alexandria,
** Virginia"): a place of m lies in a place of the next name? Returns
** that place of m, or DYAD__GAZ_NONE. */
static uint32_t qualified(const dyad_ctx *ctx, const pment *m, const pment *q)
{
	const dyad__gaz *g = &ctx->eng->geo->gaz;
	const dyad_doc *doc = &ctx->doc;
	uint32_t nm, nq, i, j, best = DYAD__GAZ_NONE;
	const uint32_t *pm, *pq;
	double bs = -1e9, s;

	if (q->sent != m->sent || q->t0 != m->t1 + 1 || doc->norm[doc->toks[m->t1].start] != ',')
		return DYAD__GAZ_NONE;
	pm = dyad__gaz_post(g, m->post, &nm);
	pq = dyad__gaz_post(g, q->post, &nq);
	for (i = 0; i < nm && i < MAX_CANDS; i++) {
		const dyad__gplace *p = &g->places[pm[i] & DYAD__GP_PLACE];
		for (j = 0; j < nq && j < MAX_CANDS; j++)
			if (lies_in(p, &g->places[pq[j] & DYAD__GP_PLACE]))
				break;
		if (j < nq && j < MAX_CANDS && (s = score(p, pm[i], NULL)) > bs) {
			bs = s;
			best = pm[i] & DYAD__GP_PLACE;
		}
	}
	return best;
}

/* A name joined to the one before by "and", "or" or a comma shares its
** cue: "in Iraq and Syria". */
static void share_cues(dyad_ctx *ctx, size_t n)
{
	const dyad_doc *doc = &ctx->doc;
	size_t i;

	for (i = 1; i < n; i++) {
		pment *m = &PM(ctx, i);
		const pment *p = &PM(ctx, i - 1);
		const dyad__tok *k = &doc->toks[p->t1];
		if (m->cue || !p->cue || p->cue == CUE_DATELINE || m->sent != p->sent ||
		    m->t0 != p->t1 + 1)
			continue;
		if (key_is(doc, k, "and") || key_is(doc, k, "or") || doc->norm[k->start] == ',') {
			m->cue = p->cue == CUE_QUAL ? CUE_IN : p->cue;
			if (m->drop == 1)
				m->drop = 0;
		}
	}
}

/* A post's bit of 256 (revive's marks). */
static uint32_t post_bit(uint32_t post)
{
	return (post * 0x9e3779b1u) >> 24;
}

/* Takes a name dropped only for want of a cue when the document names
** it elsewhere with one, or qualifies it. */
static void revive(dyad_ctx *ctx, size_t n)
{
	size_t i, j;
	uint64_t cued[4]; /* bits by post_bit */

	for (i = 0; i < n; i++) {
		pment *m = &PM(ctx, i);
		if (i + 1 < n && qualified(ctx, m, &PM(ctx, i + 1)) != DYAD__GAZ_NONE) {
			m->cue = CUE_QUAL;
			m->drop = 0;
			PM(ctx, i + 1).drop = 0;
		}
	}
	/* A name dropped here has no cue, so reviving it revives no other:
	** the posts of the cued names kept can be marked first, and only a
	** name whose post may be marked looks for one. */
	memset(cued, 0, sizeof cued);
	for (j = 0; j < n; j++)
		if (PM(ctx, j).cue && !PM(ctx, j).drop)
			cued[post_bit(PM(ctx, j).post) >> 6] |= 1ull << (post_bit(PM(ctx, j).post) & 63);
	for (i = 0; i < n; i++) {
		pment *m = &PM(ctx, i);
		if (m->drop != 1 || !(cued[post_bit(m->post) >> 6] >> (post_bit(m->post) & 63) & 1))
			continue;
		for (j = 0; j < n && m->drop == 1; j++)
			if (PM(ctx, j).post == m->post && PM(ctx, j).cue && !PM(ctx, j).drop)
				m->drop = 0;
	}
}

/* The countries and divisions the document's names point to: each name
** shares one vote among its candidates' countries, and likewise among
** their divisions. */
typedef struct context context;
struct context {
	uint16_t voted[26 * 26];    /* the countries with votes (cc_index), first voted first */
	float votes[26 * 26];       /* their votes */
	uint16_t vslot[VOTE_SLOTS]; /* 1 + a place in voted, by hash of its country; 0 empty */
	size_t nvoted;
	float total;
	uint32_t adm[MAX_ADMIN];    /* pool offsets of ISO 3166-2 codes */
	float admv[MAX_ADMIN];
	size_t nadm;
	uint16_t admslot[ADM_SLOTS]; /* 1 + index into adm, by hash of its offset */
	int focus;                  /* the country with most votes, -1 */
};

static int cc_index(const dyad__gplace *p)
{
	unsigned a = (unsigned)(p->cc[0] - 'A'), b = (unsigned)(p->cc[1] - 'A');

	return a < 26 && b < 26 ? (int)(a * 26 + b) : -1;
}

/* The slot of country c in cx->vslot: its own, or the empty one where
** it would go. */
static size_t vote_slot(const context *cx, int c)
{
	size_t i = (size_t)((unsigned)c * 0x9e3779b1u) >> 26;

	while (cx->vslot[i] && cx->voted[cx->vslot[i] - 1] != c)
		i = (i + 1) & (VOTE_SLOTS - 1);
	return i;
}

/* Country c's place in cx->voted, cx->nvoted when it has no votes. A
** document's names point to a handful of countries: a table of 64 slots,
** cleared once a document, finds them without a scan, and a scan serves
** the rare document that points to more than half as many. */
static size_t voted_at(const context *cx, int c)
{
	size_t i;

	if (cx->nvoted <= VOTE_SLOTS / 2) {
		i = vote_slot(cx, c);
		return cx->vslot[i] ? cx->vslot[i] - 1u : cx->nvoted;
	}
	for (i = 0; i < cx->nvoted && cx->voted[i] != c; i++)
		;
	return i;
}

/* Country c's place in cx->voted, added with no votes when new (and
** to the slots while they hold the first half as many). */
static size_t voted_add(context *cx, int c)
{
	size_t v = voted_at(cx, c);

	if (v == cx->nvoted) {
		if (cx->nvoted < VOTE_SLOTS / 2)
			cx->vslot[vote_slot(cx, c)] = (uint16_t)(cx->nvoted + 1);
		cx->voted[cx->nvoted++] = (uint16_t)c;
		cx->votes[v] = 0;
	}
	return v;
}

/* The slot of division adm in cx->admslot: its own, or the empty one
** where it would go. A document names few divisions, so a table twice
** MAX_ADMIN finds each at once instead of in a scan of them all. */
static size_t adm_slot(const context *cx, uint32_t adm)
{
	size_t i = (size_t)(adm * 0x9e3779b1u) >> 23 & (ADM_SLOTS - 1);

	while (cx->admslot[i] && cx->adm[cx->admslot[i] - 1] != adm)
		i = (i + 1) & (ADM_SLOTS - 1);
	return i;
}

static void vote_admin(context *cx, uint32_t adm, float w)
{
	size_t i = adm_slot(cx, adm);

	if (cx->admslot[i]) {
		cx->admv[cx->admslot[i] - 1] += w;
	} else if (cx->nadm < MAX_ADMIN) {
		cx->adm[cx->nadm] = adm;
		cx->admv[cx->nadm++] = w;
		cx->admslot[i] = (uint16_t)cx->nadm;
	}
}

/* The countries of m's candidates, each once, into seen[64]; how many. */
/* Adds country c (cc_index) to seen[0, *ns) of at most 64, once. */
static void seen_add(int *seen, int *ns, int c)
{
	int k;

	if (c < 0 || *ns >= 64)
		return;
	for (k = 0; k < *ns && seen[k] != c; k++)
		;
	if (k == *ns)
		seen[(*ns)++] = c;
}

static int cand_countries(const dyad__gaz *g, const pment *m, int *seen)
{
	int ns = 0;
	uint32_t n, j;
	const uint32_t *post = dyad__gaz_post(g, m->post, &n);

	for (j = 0; j < n && j < MAX_CANDS; j++)
		seen_add(seen, &ns, cc_index(&g->places[post[j] & DYAD__GP_PLACE]));
	return ns;
}

/* The weight of m's vote (a dateline counts twice). */
static float vote_weight(const pment *m)
{
	return m->cue == CUE_DATELINE ? 2.0f : 1.0f;
}

/* One name's votes: its candidates' divisions as they are read, then
** their countries, each once (cand_countries, in the same pass). */
static void vote(const dyad__gaz *g, const pment *m, context *cx)
{
	int seen[64], ns = 0, i;
	uint32_t n, j;
	const uint32_t *post = dyad__gaz_post(g, m->post, &n);
	float w = vote_weight(m);

	for (j = 0; j < n && j < MAX_CANDS; j++) {
		const dyad__gplace *p = &g->places[post[j] & DYAD__GP_PLACE];
		seen_add(seen, &ns, cc_index(p));
		if (p->admin1)
			vote_admin(cx, p->admin1, (p->kind == DYAD__GK_ADMIN1 ? w : w * 0.5f) /
						  (float)(n < MAX_CANDS ? n : MAX_CANDS));
	}
	for (i = 0; i < ns; i++)
		cx->votes[voted_add(cx, seen[i])] += w / (float)ns;
	cx->total += ns ? w : 0;
}

static void gather(const dyad_ctx *ctx, size_t n, context *cx)
{
	const dyad__gaz *g = &ctx->eng->geo->gaz;
	size_t i;
	float best = 0;

	memset(cx->admslot, 0, sizeof cx->admslot);
	memset(cx->vslot, 0, sizeof cx->vslot);
	cx->total = 0;
	cx->nvoted = cx->nadm = 0;
	cx->focus = -1;
	for (i = 0; i < n; i++)
		if (!PM(ctx, i).drop)
			vote(g, &PM(ctx, i), cx);
	for (i = 0; i < cx->nvoted; i++) { /* the most votes; of equals, the first code */
		int c = cx->voted[i];
		if (cx->votes[i] > best || (cx->votes[i] == best && best > 0 && c < cx->focus)) {
			best = cx->votes[i];
			cx->focus = c;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Resolution                                                          */
/* ------------------------------------------------------------------ */

static float admin_share(const context *cx, uint32_t adm)
{
	size_t i = adm ? adm_slot(cx, adm) : 0;

	if (!adm || !cx->admslot[i])
		return 0;
	return cx->total > 0 ? cx->admv[cx->admslot[i] - 1] / cx->total : 0;
}

/* A candidate's score: its size and feature, and with ctx the
** document's countries and divisions. */
static double score(const dyad__gplace *p, uint32_t entry, const struct context *cx)
{
	double s = log10((double)p->pop + 1.0);

	if (p->kind == DYAD__GK_ADMIN1)
		s -= 0.5;
	if (entry & DYAD__GP_ALT)
		s -= 1.5;
	s += p->fcode == DYAD__GF_PPLC ? 1.0 : p->fcode == DYAD__GF_PPLA ? 0.5 :
	     p->fcode == DYAD__GF_PPLX ? -1.0 : 0;
	return cx ? in_context(p, s, cx) : s;
}

/* Do names other than m point to p's country? m's own vote is not
** counted: a name cannot be its own context. */
static int others_point_to(const dyad__gaz *g, const pment *m, const dyad__gplace *p,
			   const context *cx)
{
	int seen[64], ns = cand_countries(g, m, seen), c = cc_index(p), i;
	size_t v = c >= 0 ? voted_at(cx, c) : cx->nvoted;
	float own = 0;

	if (v >= cx->nvoted)
		return 0;
	for (i = 0; i < ns; i++)
		if (seen[i] == c)
			own = vote_weight(m) / (float)ns;
	return cx->votes[v] - own > 0.01f;
}

/* Score s of p without context, with the document's countries and
** divisions added: the same sum as score() makes, from its own s. */
static double in_context(const dyad__gplace *p, double s, const struct context *cx)
{
	int c = cc_index(p);
	size_t v;

	if (cx->total > 0 && c >= 0) {
		v = voted_at(cx, c);
		s += 4.0 * (v < cx->nvoted ? cx->votes[v] : 0.0f) / cx->total +
		     3.0 * admin_share(cx, p->admin1);
	}
	return s;
}

/* A country name is the country, but for a division of the document's
** country of the same name ("Georgia" in an American story). */
static int by_country(const dyad__gaz *g, const cands *c, const context *cx, pment *m)
{
	uint32_t i, country = DYAD__GAZ_NONE, admin = DYAD__GAZ_NONE;

	for (i = 0; i < c->n && i < MAX_CANDS; i++) {
		uint32_t p = c->post[i] & DYAD__GP_PLACE;
		if (g->places[p].kind == DYAD__GK_COUNTRY && country == DYAD__GAZ_NONE)
			country = p;
		if (g->places[p].kind == DYAD__GK_ADMIN1 && cc_index(&g->places[p]) == cx->focus)
			admin = p;
	}
	if (country == DYAD__GAZ_NONE)
		return 0;
	if (admin != DYAD__GAZ_NONE && cc_index(&g->places[country]) != cx->focus) {
		m->place = admin;
		m->how = HOW_CONTEXT;
	} else {
		m->place = country;
		m->how = HOW_COUNTRY;
	}
	return 1;
}

/* The place of a name with m's post already resolved by its candidates
** (not by a qualifier) earlier in the document: the same name in the
** same context resolves the same. Copies it into m; 0 when none. */
static int resolved_before(const dyad_ctx *ctx, size_t i, pment *m)
{
	size_t j;

	for (j = i; j-- > 0;) { /* nearest first: a name is most often repeated soon */
		const pment *q = &PM(ctx, j);
		if (q->post == m->post && q->place != DYAD__GAZ_NONE && q->how != HOW_QUAL) {
			m->place = q->place, m->how = q->how, m->alt = q->alt;
			return 1;
		}
	}
	return 0;
}

/* m's place by its candidates' scores in context cx. */
static void by_score(const dyad__gaz *g, const cands *c, const context *cx, pment *m)
{
	uint32_t j, bare = 0;
	double best = -1e9, bbare = -1e9;

	for (j = 0; j < c->n && j < MAX_CANDS; j++) {
		const dyad__gplace *p = &g->places[c->post[j] & DYAD__GP_PLACE];
		double s0 = score(p, c->post[j], NULL), s = in_context(p, s0, cx);
		if (s > best)
			best = s, m->place = c->post[j] & DYAD__GP_PLACE,
			m->alt = (c->post[j] & DYAD__GP_ALT) != 0;
		if (s0 > bbare)
			bbare = s0, bare = c->post[j] & DYAD__GP_PLACE;
	}
	m->how = c->n == 1 ? HOW_ONLY : m->place == bare ? HOW_POP : HOW_CONTEXT;
}

static void resolve(const dyad_ctx *ctx, size_t i, size_t n, const context *cx)
{
	const dyad__gaz *g = &ctx->eng->geo->gaz;
	pment *m = &PM(ctx, i);
	cands c;

	/* revive gave CUE_QUAL to exactly the names qualified by the next,
	** and no stage after it takes that cue away or gives it. */
	if (m->cue == CUE_QUAL && i + 1 < n &&
	    (m->place = qualified(ctx, m, &PM(ctx, i + 1))) != DYAD__GAZ_NONE) {
		m->how = HOW_QUAL;
		return;
	}
	if (!resolved_before(ctx, i, m)) { /* else its place, how and alt as before */
		c.post = dyad__gaz_post(g, m->post, &c.n);
		if (by_country(g, &c, cx, m))
			return;
		by_score(g, &c, cx, m);
	}
	/* Only another name of a place in a country the article never
	** points to, with no cue: "Yas" of "Bani Yas" in a story on the UAE
	** is not Iasi, Romania. */
	if (m->alt && cx->total > 0 && m->cue < CUE_IN &&
	    !others_point_to(g, m, &g->places[m->place], cx))
		m->drop = 1;
}

/* Finds and resolves the document's names into ctx->pments (dropped
** ones removed). */
static dyad_status find_places(dyad_ctx *ctx)
{
	size_t n, i, out = 0;
	uint32_t s;
	context *cx;
	dyad__words words;
	const dyad__words *W = dyad__token_words(ctx, &words) == 0 ? &words : NULL;

	ctx->pments.len = 0;
	for (s = 0; s < ctx->doc.nsents; s++)
		if (find_in_sentence(ctx, s, W) != 0)
			return dyad__msg(ctx->msg, DYAD_NOMEM, "out of memory finding places");
	n = DYAD__VEC_LEN(&ctx->pments, pment);
	mark_dateline(ctx, n);
	revive(ctx, n);
	share_cues(ctx, n);
	if (!(cx = dyad__arena_alloc(&ctx->arena, sizeof *cx)))
		return dyad__msg(ctx->msg, DYAD_NOMEM, "out of memory finding places");
	gather(ctx, n, cx);
	for (i = 0; i < n; i++)
		if (!PM(ctx, i).drop)
			resolve(ctx, i, n, cx);
	for (i = 0; i < n; i++)
		if (!PM(ctx, i).drop)
			PM(ctx, out++) = PM(ctx, i);
	ctx->pments.len = out * sizeof(pment);
	return DYAD_OK;
}

dyad_status dyad_doc_places(const dyad_doc *doc, size_t *n)
{
	dyad_ctx *ctx = doc->ctx;
	dyad_status st;

	*n = 0;
	if (!ctx->eng->geo)
		return dyad__msg(ctx->msg, DYAD_BADARG, "the engine was made without a gazetteer");
	if ((st = find_places(ctx)) == DYAD_OK)
		*n = DYAD__VEC_LEN(&ctx->pments, pment);
	return st;
}

dyad_status dyad_doc_place(const dyad_doc *doc, size_t i, dyad_place_mention *out)
{
	const dyad_ctx *ctx = doc->ctx;
	const pment *m;

	memset(out, 0, sizeof *out);
	if (!ctx->eng->geo || i >= DYAD__VEC_LEN(&ctx->pments, pment))
		return DYAD_NOTFOUND;
	m = &PM(ctx, i);
	out->sent = m->sent;
	dyad__map_span(doc, m->a, m->b, &out->start, &out->end);
	out->text = doc->norm + m->a;
	out->text_len = m->b - m->a;
	fill_place(&ctx->eng->geo->gaz, m->place, &out->place);
	out->candidates = m->ncand;
	out->cue = cue_names[m->cue];
	out->how = how_names[m->how];
	return DYAD_OK;
}

dyad_status dyad_gazetteer_compile(const char *tsv_path, const char *out_path, char *msg)
{
	char m[DYAD__MSG_MAX], *text = NULL, *bin = NULL;
	size_t n = 0, size = 0;
	dyad_status st = dyad__read_file(tsv_path, m, &text, &n);
	FILE *f;

	if (st == DYAD_OK)
		st = dyad__gaz_compile(text, n, tsv_path, m, &bin, &size);
	free(text);
	if (st == DYAD_OK && (!(f = fopen(out_path, "wb")) ||
			      (fwrite(bin, 1, size, f) != size) + fclose(f) != 0))
		st = dyad__msg(m, DYAD_IO, "%s: cannot write", out_path);
	free(bin);
	if (st != DYAD_OK && msg)
		snprintf(msg, DYAD_ERRMSG_MAX, "%.255s", m);
	return st;
}

/* ------------------------------------------------------------------ */
/* Where events happened                                               */
/* ------------------------------------------------------------------ */

/* How an event's place was found (dyad_event.place_how). */
enum { W_NONE = 0, W_CLAUSE, W_SENTENCE, W_DATELINE, W_LEAD, W_ACTOR };
static const char *const where_names[] = {"none", "clause", "sentence", "dateline", "lead",
					  "actor-country"};
static const char *const where_city_names[] = {"none", "clause+doc-city", "sentence+doc-city",
					       "dateline", "lead+doc-city", "actor-country"};

#define SPAN_CACHE 16 /* names of one sentence whose spans are kept */

/* The spans in the original text of the names of the sentence last
** asked about, from name first on (a SIZE_MAX start: not mapped yet), so
** that the events of a sentence map each of its names once. On the
** stack: no memory of the document's is written. */
typedef struct ospan {
	size_t first;
	size_t a[SPAN_CACHE], b[SPAN_CACHE];
	size_t ta, tb; /* a name's outside the window */
} ospan;

/* Starts the window at name first. */
static void span_window(ospan *sp, size_t first)
{
	size_t i;

	if (sp->first == first)
		return;
	sp->first = first;
	for (i = 0; i < SPAN_CACHE; i++)
		sp->a[i] = SIZE_MAX;
}

/* Name i's span in the original text into *a, *b. */
static void orig_span(const dyad_ctx *ctx, ospan *sp, size_t i, size_t *a, size_t *b)
{
	size_t k = i - sp->first;

	if (i < sp->first || k >= SPAN_CACHE) {
		dyad__map_span(&ctx->doc, PM(ctx, i).a, PM(ctx, i).b, a, b);
		return;
	}
	if (sp->a[k] == SIZE_MAX)
		dyad__map_span(&ctx->doc, PM(ctx, i).a, PM(ctx, i).b, &sp->a[k], &sp->b[k]);
	*a = sp->a[k], *b = sp->b[k];
}

static int overlaps(size_t a, size_t b, size_t c, size_t d)
{
	return c < d && a < d && c < b;
}

/* How well name m places event e: 4 the event's target named with a
** locative cue, 3 another name with one ("in Doha"), 2
** another cue ("visit to Doha", "strikes on Gaza"), 1 a city or division
** named without a cue; 0 when it is no place of the event: one of its
** actors without a locative cue, a possessive ("Iran's ministry"), or a
** country named without a cue, which says whose, not where. */
static int tier(const dyad_ctx *ctx, ospan *sp, size_t i, const dyad_event *e, size_t *dist)
{
	const dyad_doc *doc = &ctx->doc;
	const pment *m = &PM(ctx, i);
	const dyad__gplace *p = &ctx->eng->geo->gaz.places[m->place];
	size_t a, b;

	orig_span(ctx, sp, i, &a, &b);
	*dist = a > e->verb_end ? a - e->verb_end : e->verb_start > b ? e->verb_start - b : 0;
	if (m->cue == CUE_DATELINE) /* the dateline rule's, not the sentence's */
		return 0;
	if (m->cue >= CUE_IN) /* the target named as the place: "attacks in Iraq and Syria" */
		return overlaps(a, b, e->tgt_start, e->tgt_end) ? 4 : 3;
	if (overlaps(a, b, e->src_start, e->src_end) || overlaps(a, b, e->tgt_start, e->tgt_end) ||
	    (m->t1 < doc->ntoks && doc->toks[m->t1].kind == DYAD_TOK_POSSESSIVE))
		return 0;
	if (m->cue == CUE_WEAK)
		return 2;
	return p->kind == DYAD__GK_COUNTRY ? 0 : 1;
}

/* The best name of e's sentence, or -1; *t gets its tier. */
static long in_sentence(const dyad_ctx *ctx, ospan *sp, size_t n, const dyad_event *e, int *t)
{
	long best = -1;
	int bt = 0;
	size_t bd = 0, i = 0, hi = n, d;

	while (i < hi) { /* the first name of e's sentence: names are in text order */
		size_t mid = i + (hi - i) / 2;
		if (PM(ctx, mid).sent < e->sent)
			i = mid + 1;
		else
			hi = mid;
	}
	if (i < n && PM(ctx, i).sent == e->sent)
		span_window(sp, i);
	for (; i < n && PM(ctx, i).sent == e->sent; i++) {
		int k = tier(ctx, sp, i, e, &d);
		if (k > bt || (k == bt && k && d < bd))
			best = (long)i, bt = k, bd = d;
	}
	*t = bt;
	return best;
}

/* The dateline's name, -1 when none. */
static long dateline(const dyad_ctx *ctx, size_t n)
{
	size_t i;

	for (i = 0; i < n && PM(ctx, i).sent <= 1; i++)
		if (PM(ctx, i).cue == CUE_DATELINE)
			return (long)i;
	return -1;
}

/* The first locative name of the opening sentence ("... held talks with
** Qatari officials in Qatar on Tuesday"), which sets the story's scene;
** -1 when none. */
static long lead(const dyad_ctx *ctx, size_t n)
{
	size_t i;

	for (i = 0; i < n && PM(ctx, i).sent == 0; i++)
		if (PM(ctx, i).cue >= CUE_IN)
			return (long)i;
	return -1;
}

/* The one city of country p that the document names with a cue, or -1
** when it names none or several. */
static long doc_city(const dyad_ctx *ctx, size_t n, const dyad__gplace *p)
{
	const dyad__gaz *g = &ctx->eng->geo->gaz;
	long found = -1;
	size_t i;

	for (i = 0; i < n; i++) {
		const pment *m = &PM(ctx, i);
		const dyad__gplace *q = &g->places[m->place];
		if (q->kind != DYAD__GK_CITY || !m->cue || !lies_in(q, p))
			continue;
		if (found >= 0 && PM(ctx, (size_t)found).place != m->place)
			return -1;
		found = (long)i;
	}
	return found;
}

static void put_place(const dyad_ctx *ctx, uint32_t place, dyad__where *w)
{
	const dyad__gaz *g = &ctx->eng->geo->gaz;
	const dyad__gplace *p = &g->places[place];

	w->place = dyad__gaz_str(g, p->name);
	w->country = dyad__gaz_str(g, p->ccs);
	w->admin1 = dyad__gaz_str(g, p->admin1);
	w->lat = p->lat / 1e5;
	w->lon = p->lon / 1e5;
	w->prec = precision_of(p);
}

/* Places w at name k, refined to the document's one city of a country. */
static void at_mention(const dyad_ctx *ctx, ospan *sp, size_t n, long k, int how,
		       dyad__where *w)
{
	const dyad__gplace *p = &ctx->eng->geo->gaz.places[PM(ctx, (size_t)k).place];
	long c = p->kind == DYAD__GK_COUNTRY ? doc_city(ctx, n, p) : -1;

	if (c >= 0)
		k = c;
	put_place(ctx, PM(ctx, (size_t)k).place, w);
	w->how = c >= 0 ? where_city_names[how] : where_names[how];
	orig_span(ctx, sp, (size_t)k, &w->start, &w->end);
}

/* The country of an actor code ("IRNGOV" is Iran), DYAD__GAZ_NONE. */
static uint32_t actor_country(const dyad__gaz *g, const char *code)
{
	return strlen(code) >= 3 ? dyad__gaz_country3(g, code) : DYAD__GAZ_NONE;
}

/* The country of the action: the target's for a material event (it
** happens where it lands), else the source's; then the other one. */
static uint32_t action_country(const dyad__gaz *g, const dyad_event *e)
{
	int r = (e->root[0] - '0') * 10 + (e->root[1] - '0');
	int material = (r >= 6 && r <= 8) || r >= 14;
	uint32_t a = actor_country(g, material ? e->target : e->source);

	return a != DYAD__GAZ_NONE ? a : actor_country(g, material ? e->source : e->target);
}

/* The name that places e and how (docs/places.md): a cue in its
** sentence, else the dateline, else a city named in its sentence, else
** the lead's place; -1 when none. */
static long where_named(const dyad_ctx *ctx, ospan *sp, size_t n, const dyad_event *e,
			int *how)
{
	int t;
	long k = in_sentence(ctx, sp, n, e, &t), d;

	if (t >= 2) {
		*how = t >= 3 ? W_CLAUSE : W_SENTENCE;
		return k;
	}
	if ((d = dateline(ctx, n)) >= 0) {
		*how = W_DATELINE;
		return d;
	}
	if (t == 1) {
		*how = W_SENTENCE;
		return k;
	}
	*how = W_LEAD;
	return lead(ctx, n);
}

static void place_event(const dyad_ctx *ctx, ospan *sp, size_t n, const dyad_event *e,
			dyad__where *w)
{
	int how = W_NONE;
	long k = where_named(ctx, sp, n, e, &how);
	uint32_t c;

	memset(w, 0, sizeof *w);
	w->place = w->country = w->admin1 = "";
	w->how = "none";
	if (k >= 0) {
		at_mention(ctx, sp, n, k, how, w);
	} else if ((c = action_country(&ctx->eng->geo->gaz, e)) != DYAD__GAZ_NONE) {
		put_place(ctx, c, w);
		w->how = where_names[W_ACTOR];
	}
}

dyad_status dyad__events_where(dyad_ctx *ctx, size_t n)
{
	dyad__where *w;
	ospan sp;
	size_t i, np;
	dyad_status st;

	ctx->where.len = 0;
	if (!ctx->eng->geo || n == 0)
		return DYAD_OK;
	if ((st = find_places(ctx)) != DYAD_OK)
		return st;
	np = DYAD__VEC_LEN(&ctx->pments, pment);
	if (!(w = dyad__arena_alloc(&ctx->arena, n * sizeof *w)))
		return dyad__msg(ctx->msg, DYAD_NOMEM, "out of memory placing events");
	sp.first = SIZE_MAX;
	for (i = 0; i < n; i++) {
		dyad_event e;
		dyad_doc_event(&ctx->doc, i, &e);
		place_event(ctx, &sp, np, &e, &w[i]);
	}
	if (dyad__buf_append(&ctx->where, w, n * sizeof *w) != 0)
		return dyad__msg(ctx->msg, DYAD_NOMEM, "out of memory placing events");
	return DYAD_OK;
}
