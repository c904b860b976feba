/*
** actors.c — who is named in a document: dictionaries in, mentions out.
**
** At engine load the dictionaries (dyad's own files in data/actors/ and
** any TABARI/PETRARCH files given) go through the readers of dict.c and
** dict_compat.c into one model, and every name's matching key goes into
** a byte trie (trie.h), immutable and shared by all threads.
**
** Per document, three passes over the sentences' tokens:
**   1. match: from each word, walk the trie over the tokens' folded
**      letters (so hyphens, spaces and dots between words do not matter)
**      and keep the longest name, allowing a regular plural at the end;
**   2. compose: a country or organization followed by roles ("Iran's
**      foreign minister", "Iranian Foreign Ministry spokesman"), a role
**      followed by a person ("Hamas leader Ismail Haniyeh"), or by a name
**      no dictionary knows (a new-actor candidate coded by its role);
**   3. resolve: surnames of the persons found become aliases for the
**      whole article, and a role without a name ("the FM", "the top
**      Iranian diplomat") refers to the person holding that post.
** Codes are chosen on the document's date, so a minister is coded as one
** only during the term.
*/
#define _GNU_SOURCE /* memmem */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dict.h"
#include "patterns.h"
#include "trie.h"

#define NO_NODE DYAD__NO_NODE

struct dyad__actors {
	dyad__dict *dict;
	uint64_t *edges;     /* while building: (parent << 8 | byte) + 1 high, child low */
	size_t edge_mask;    /* table size - 1 (a power of two) */
	dyad__ctrie trie;    /* built: what walks read */
	uint32_t *term;      /* per node: first name ending there + 1, 0 = none */
	uint32_t *next;      /* per name: next name with the same key + 1 */
	uint8_t *stem;       /* while building: per node, 1 when a stem (prefix) name
			     ** ends there; then the trie's user flag */
	size_t nnodes;
	char **diags;        /* the dictionary messages, for dyad_engine_diag */
	size_t ndiags;
	dyad_dict_stats stats;
};

/* ------------------------------------------------------------------ */
/* The trie                                                            */
/* ------------------------------------------------------------------ */

static uint32_t child_of(const struct dyad__actors *a, uint32_t node, unsigned char c)
{
	return dyad__ctrie_child(&a->trie, node, c);
}

/* While building: adds the edge if missing; returns the child. */
static uint32_t add_child(struct dyad__actors *a, uint32_t node, unsigned char c)
{
	uint64_t key = ((uint64_t)node << 8 | c) + 1;
	size_t i = (size_t)dyad__hash_u64(key) & a->edge_mask;

	for (;;) {
		uint64_t e = a->edges[i];
		if (!e) {
			a->edges[i] = key << 32 | (uint64_t)a->nnodes;
			return (uint32_t)a->nnodes++;
		}
		if (e >> 32 == key)
			return (uint32_t)e;
		i = (i + 1) & a->edge_mask;
	}
}

/* Lays the trie out for walking and carries term over; the stem mark
** becomes the node's user flag, read on every step of a walk. */
static int renumber(struct dyad__actors *a)
{
	uint32_t *newid, *term = calloc(a->nnodes, sizeof *term);
	size_t i;

	if (!term || dyad__ctrie_build(&a->trie, a->edges, a->edge_mask, a->nnodes, &newid) != 0) {
		free(term);
		return -1;
	}
	for (i = 0; i < a->nnodes; i++) {
		term[newid[i]] = a->term[i];
		a->trie.node[newid[i]].user = a->stem[i];
	}
	free(newid);
	free(a->term), a->term = term;
	free(a->stem), a->stem = NULL;
	free(a->edges), a->edges = NULL;
	return 0;
}

/* Builds the trie over every name's key. Keys never exceed the pool, so
** the pool size bounds the node count. */
static int compile(struct dyad__actors *a)
{
	const dyad__dict *d = a->dict;
	size_t nn = dyad__dict_nnames(d), bytes = 1, i, cap = 64;

	for (i = 0; i < nn; i++)
		bytes += strlen(dyad__dict_str(d, dyad__dict_name_at(d, i)->key));
	if (bytes >= UINT32_MAX / 4)
		return -1;
	while (cap < bytes * 2)
		cap <<= 1;
	a->edges = calloc(cap, sizeof *a->edges);
	a->term = calloc(bytes + 1, sizeof *a->term);
	a->stem = calloc(bytes + 1, 1);
	a->next = calloc(nn + 1, sizeof *a->next);
	if (!a->edges || !a->term || !a->stem || !a->next)
		return -1;
	a->edge_mask = cap - 1;
	a->nnodes = 1;
	/* Backwards, so each node's list comes out in load order. */
	for (i = nn; i-- > 0;) {
		const dyad__name *nm = dyad__dict_name_at(d, i);
		const unsigned char *k = (const unsigned char *)dyad__dict_str(d, nm->key);
		uint32_t node = 0;
		for (; *k; k++)
			node = add_child(a, node, *k);
		a->next[i] = a->term[node];
		a->term[node] = (uint32_t)i + 1;
		if (nm->flags & DYAD__N_STEM)
			a->stem[node] = 1;
	}
	return renumber(a);
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */
/* ------------------------------------------------------------------ */

/*
** With patterns wanted, verb files go to the pattern engine (and the
** irregular-verb table, read by patterns.c itself, is passed over).
** Returns 1 when the file was taken; *rc is -1 when out of memory.
*/
static int verbs_file(dyad_engine *eng, const char *path, const char *buf, size_t n, int *rc)
{
	dyad__pformat pf;

	*rc = 0;
	if (memmem(buf, n < 4096 ? n : 4096, "\n@kind irregular-verbs", 22) ||
	    (n >= 21 && memcmp(buf, "@kind irregular-verbs", 21) == 0))
		return 1;
	if (!dyad__patterns_sniff(path, buf, n, &pf))
		return 0;
	*rc = dyad__patterns_read(eng->patterns, path, pf, buf, n);
	return 1;
}

static dyad_status load_file(dyad_engine *eng, const char *path)
{
	struct dyad__actors *a = eng->actors;
	size_t n = 0;
	char *buf = NULL;
	uint32_t file;
	dyad__dformat fmt;
	dyad_status st = dyad__read_file(path, eng->msg, &buf, &n);
	int rc = 0;

	if (st != DYAD_OK)
		return st;
	if (eng->patterns && verbs_file(eng, path, buf, n, &rc)) {
		free(buf);
		return rc ? dyad__msg(eng->msg, DYAD_NOMEM, "%s: out of memory", path) : DYAD_OK;
	}
	file = dyad__dict_file(a->dict, path);
	fmt = dyad__dict_sniff(path, buf, n);
	if (eng->patterns && fmt == DYAD__FMT_TABARI_ACTORS)
		rc = dyad__patterns_read_classes(eng->patterns, buf, n);
	rc |= fmt == DYAD__FMT_DYAD ? dyad__dict_read_dyad(a->dict, file, buf, n)
				    : dyad__dict_read_tabari(a->dict, file, fmt, buf, n);
	free(buf);
	a->stats.files++;
	if (rc != 0 || dyad__dict_nomem(a->dict))
		return dyad__msg(eng->msg, DYAD_NOMEM, "%s: out of memory", path);
	return DYAD_OK;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static int dict_file_name(const char *s)
{
	size_t n = strlen(s);

	if (s[0] == '.')
		return 0;
	return (n > 4 && strcmp(s + n - 4, ".txt") == 0) ||
	       (n > 7 && strcmp(s + n - 7, ".actors") == 0) ||
	       (n > 7 && strcmp(s + n - 7, ".agents") == 0) ||
	       (n > 6 && strcmp(s + n - 6, ".verbs") == 0);
}

/* Loads a directory's dictionary files in name order (not recursive). */
static dyad_status load_dir(dyad_engine *eng, const char *dir, DIR *dp)
{
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	struct dirent *de;
	dyad_status st = DYAD_OK;

	while ((de = readdir(dp)) != NULL) {
		if (!dict_file_name(de->d_name))
			continue;
		if (n == cap) {
			char **p = realloc(names, (cap = cap ? cap * 2 : 16) * sizeof *p);
			if (!p) {
				st = DYAD_NOMEM;
				break;
			}
			names = p;
		}
		if (!(names[n] = malloc(strlen(dir) + strlen(de->d_name) + 2))) {
			st = DYAD_NOMEM;
			break;
		}
		sprintf(names[n++], "%s/%s", dir, de->d_name);
	}
	if (st == DYAD_OK && n)
		qsort(names, n, sizeof *names, cmp_str);
	for (i = 0; i < n; i++) {
		if (st == DYAD_OK)
			st = load_file(eng, names[i]);
		free(names[i]);
	}
	free(names);
	return st;
}

static dyad_status load_path(dyad_engine *eng, const char *path)
{
	DIR *dp = opendir(path);
	dyad_status st;

	if (!dp) /* a file, or nothing there: reading it says which */
		return load_file(eng, path);
	st = load_dir(eng, path, dp);
	closedir(dp);
	return st;
}

static dyad_status keep_diags(dyad_engine *eng)
{
	struct dyad__actors *a = eng->actors;
	size_t n = dyad__dict_ndiag(a->dict, &a->stats.warnings, NULL), i;
	size_t np = eng->patterns ? dyad__patterns_ndiag(eng->patterns) : 0;

	a->stats.warnings = n;
	a->diags = calloc(n + np + 1, sizeof *a->diags);
	if (!a->diags)
		return DYAD_NOMEM;
	for (i = 0; i < n + np; i++)
		if (!(a->diags[i] = strdup(i < n ? dyad__dict_diag_text(a->dict, i, NULL)
					 : dyad__patterns_diag(eng->patterns, i - n))))
			return DYAD_NOMEM;
	a->ndiags = n + np;
	return DYAD_OK;
}

dyad_status dyad__actors_load(dyad_engine *eng, const dyad_config *cfg)
{
	struct timespec t0, t1;
	dyad_status st = DYAD_OK;
	char *dir;
	size_t i;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (!(eng->actors = calloc(1, sizeof *eng->actors)) ||
	    !(eng->actors->dict = dyad__dict_new()))
		return DYAD_NOMEM;
	if (!cfg->no_default_dicts) {
		if (!(dir = malloc(strlen(eng->data_dir) + 8)))
			return DYAD_NOMEM;
		sprintf(dir, "%s/actors", eng->data_dir);
		st = load_path(eng, dir);
		if (st == DYAD_OK && eng->patterns) {
			sprintf(dir, "%s/verbs", eng->data_dir);
			st = load_path(eng, dir);
		}
		free(dir);
	}
	for (i = 0; st == DYAD_OK && cfg->dicts && cfg->dicts[i]; i++)
		st = load_path(eng, cfg->dicts[i]);
	if (st != DYAD_OK)
		return st;
	if (eng->patterns && dyad__patterns_finish(eng->patterns) != 0)
		return dyad__msg(eng->msg, DYAD_NOMEM, "out of memory compiling the verb patterns");
	if (compile(eng->actors) != 0 || keep_diags(eng) != DYAD_OK)
		return dyad__msg(eng->msg, DYAD_NOMEM, "out of memory compiling the dictionaries");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	eng->actors->stats.entries = dyad__dict_nentries(eng->actors->dict);
	eng->actors->stats.names = dyad__dict_nnames(eng->actors->dict);
	eng->actors->stats.codes = dyad__dict_ncodes(eng->actors->dict);
	eng->actors->stats.load_ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
				     (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	return DYAD_OK;
}

void dyad__actors_free(struct dyad__actors *a)
{
	size_t i;

	if (!a)
		return;
	dyad__dict_free(a->dict);
	free(a->edges);
	dyad__ctrie_free(&a->trie);
	free(a->term);
	free(a->next);
	free(a->stem);
	for (i = 0; a->diags && i < a->ndiags; i++)
		free(a->diags[i]);
	free(a->diags);
	free(a);
}

size_t dyad_engine_diag_count(const dyad_engine *eng)
{
	return eng && eng->actors ? eng->actors->ndiags : 0;
}

const char *dyad_engine_diag(const dyad_engine *eng, size_t i)
{
	if (!eng || !eng->actors || i >= eng->actors->ndiags)
		return NULL;
	return eng->actors->diags[i];
}

void dyad_engine_dict_stats(const dyad_engine *eng, dyad_dict_stats *out)
{
	memset(out, 0, sizeof *out);
	if (eng && eng->actors)
		*out = eng->actors->stats;
}

const char *dyad_how_name(dyad_how h)
{
	switch (h) {
	case DYAD_HOW_DICTIONARY: return "dictionary";
	case DYAD_HOW_ALIAS: return "alias";
	case DYAD_HOW_ROLE: return "role";
	case DYAD_HOW_COREF: return "coreference";
	}
	return "?";
}

/* ------------------------------------------------------------------ */
/* Pass 1: dictionary matches                                          */
/* ------------------------------------------------------------------ */

#define HIST_MAX 64

/* A name found in the text: tokens [t0, t1) and the trie node its key
** ends at (all names of that key are candidates). */
typedef struct match {
	uint32_t t0, t1;
	uint32_t node;
	uint8_t plural;   /* matched with a regular plural ending */
	uint8_t midstem;  /* ended inside the last token: stem names only */
} match;

static int is_alnum_ascii(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

/* May a name walk continue through token k? Words and numbers only. */
static int walkable(const dyad__tok *k)
{
	return k->kind == DYAD_TOK_WORD || k->kind == DYAD_TOK_NUMBER;
}

/* Walks one token's key from node; hist[i] is the node after i key bytes
** (hist[0] = node). Returns the key bytes walked, and sets *done when the
** whole key was walked (else the walk fell off the trie). */
static size_t walk_token(const struct dyad__actors *a, const char *f, size_t fl,
			 uint32_t node, uint32_t *hist, int *done, int *stem_at_mid)
{
	size_t i, k = 0;
	uint32_t next, g;

	hist[0] = node;
	*done = 1;
	*stem_at_mid = 0;
	for (i = 0; i < fl; i++) {
		unsigned char c = (unsigned char)f[i];
		if (c < 0x80 && !is_alnum_ascii(c))
			continue;
		next = child_of(a, node, c);
		if (next == NO_NODE && k > 0 && (g = child_of(a, node, DYAD__KEY_GAP)) != NO_NODE)
			next = child_of(a, g, c); /* "AL GORE" written "Al-Gore" or "AlGore" */
		node = next;
		if (node == NO_NODE) {
			*done = 0;
			return k;
		}
		if (k + 1 < HIST_MAX)
			hist[k + 1] = node;
		k++;
		if (a->trie.node[node].user && a->term[node] && i + 1 < fl)
			*stem_at_mid = 1;
	}
	return k;
}

/* The node of a plural's singular, or NO_NODE: "officials" -> "official",
** "ministries" -> "ministry", "taxes" -> "tax". */
static uint32_t plural_node(const struct dyad__actors *a, const uint32_t *hist,
			    size_t walked, const char *key, size_t klen)
{
	uint32_t n;

	if (klen < 4 || klen >= HIST_MAX || key[klen - 1] != 's')
		return NO_NODE;
	if (walked >= klen - 1 && a->term[hist[klen - 1]])
		return hist[klen - 1];
	if (key[klen - 2] == 'e' && walked >= klen - 2 && a->term[hist[klen - 2]])
		return hist[klen - 2];
	if (key[klen - 2] == 'e' && key[klen - 3] == 'i' && walked >= klen - 3 &&
	    (n = child_of(a, hist[klen - 3], 'y')) != NO_NODE && a->term[n])
		return n;
	return NO_NODE;
}

/* Squashed key of a fold key (letters and digits), into out; its length. */
static size_t squash(const char *f, size_t fl, char *out, size_t cap)
{
	size_t i, k = 0;

	for (i = 0; i < fl && k < cap; i++) {
		unsigned char c = (unsigned char)f[i];
		if (c < 0x80 && !is_alnum_ascii(c))
			continue;
		out[k++] = (char)c;
	}
	return k;
}

/*
** Words a gap of a TABARI phrase may pass over ("PRINCE DOL_AMROTH" in
** "Prince of Dol Amroth", "AL GORE" in 'Al "The Weasel" Gore'), and the
** walks from one start that gaps may branch into. TABARI lets any number
** of words come between; dyad bounds them so that a name cannot be
** assembled from words far apart in a sentence.
*/
#define GAP_WORDS 3
#define GAP_WALKS 32

/* May token k be passed over in a gap? Words, numbers and quotes. */
static int gap_token(const dyad_doc *doc, const dyad__tok *k)
{
	char c = doc->norm[k->start];

	if (walkable(k))
		return 1;
	return k->kind == DYAD_TOK_PUNCT && k->end == k->start + 1 && (c == '"' || c == '\'');
}

/* Is token k a lone '_' (words joined as in a dictionary phrase)? */
static int joiner(const dyad_doc *doc, const dyad__tok *k)
{
	return k->kind == DYAD_TOK_PUNCT && k->end == k->start + 1 && doc->norm[k->start] == '_';
}

/* The state of one document's passes. */
typedef struct work {
	dyad_ctx *ctx;
	const struct dyad__actors *a;
	const dyad_doc *doc;
	int32_t date;        /* YYYYMMDD, 0 unknown */
	dyad__buf hits;      /* hit[] of the sentence (in ctx->scratch) */
	const uint32_t *tw;  /* the tokens' word numbers (number_words), or NULL */
} work;

/*
** What one token does to a name walk at a node: the name it completes
** there (out, NO_NODE for none, as a plural or a stem by kind), the node
** the walk goes on from (next, NO_NODE where it stops) and that node's
** gap child (gap, NO_NODE when none or when the token walked no byte). It
** depends only on the node and the token's fold key.
*/
typedef struct wres {
	uint32_t out, next, gap;
	uint32_t kind;    /* WR_KIND: 0 exact, 1 plural, 2 stem; a word's root step
			  ** (wword.root) keeps the word's key above (WR_KEY_AT) */
	uint64_t kids;    /* bit (byte & 63) of each edge out of next: a word
			  ** whose first byte's bit is clear cannot go on */
} wres;

#define WR_KIND(r) ((r)->kind & 3)

/* Where a walk ends: no name, no way on. */
static const wres dead_end = {NO_NODE, NO_NODE, NO_NODE, 0, 0};

/*
** The same few thousand words make up most of every article, so each
** context keeps the words it has seen, each with its step from the root
** (where every walk starts: a word that starts no name costs one probe),
** and the steps it took from other nodes, keyed by node and word number.
** A document's words are numbered before its walks, so a step costs no
** hash of text. Most steps from other nodes lead nowhere: a step table
** entry points to a result only when there is one. Full tables start
** again between documents (the step table whenever it fills). A word's
** record is its hash slot, one cache line, and its number the slot's: a
** token's word costs one line, and the coder keeps what it knows of the
** word in the same line (dyad__token_words), where numbering the token
** has just brought it.
*/
enum {
	WORD_SLOTS = 1 << 17, WORD_MAX = WORD_SLOTS / 2, WORD_KEYS = 1 << 20,
	STEP_SLOTS = 1 << 17, STEP_MAX = STEP_SLOTS / 2, LIVE_MAX = (1 << 14) - 1
};

/* Place prepositions: a capital after one is a place ("in Tehran"). */
static const char *const place_preps[] = {
	"in", "at", "from", "to", "into", "near", "outside", "inside", "across",
	"via", "toward", "towards", "around", "within", "through", "throughout", NULL
};

/* Closed-class words (determiners, pronouns, conjunctions, auxiliaries,
** modals, prepositions): one of them between two names means the first
** name's phrase has ended ("Turkey recalled its ambassador", "Galadriel
** nor Gollum", "the Turkey head of rights group"). */
static const char *const closed_words[] = {
	"a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their",
	"our", "my", "your", "he", "she", "it", "they", "them", "we", "who", "whom",
	"whose", "which", "what", "and", "or", "nor", "but", "if", "as", "than", "is",
	"are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does",
	"did", "will", "would", "can", "could", "may", "might", "must", "shall",
	"should", "not", "of", "in", "at", "on", "to", "for", "with", "by", "from",
	"into", "over", "after", "before", "against", "about", "between", "during",
	"without", "under", "via", "said", NULL
};

/*
** A word as the passes read it for a token (tokw, and kept in its word
** slot): its number + 1 and what the word table knows of it, so that
** most tokens are settled from this one number, read in order, without
** reading the word itself. 0: no word (not walkable, or the table full).
*/
#define TW_ID     0x0003ffffu /* word number (its slot) + 1 */
#define TW_PREP   0x00040000u /* in place_preps */
#define TW_CLOSED 0x00080000u /* in closed_words */
#define TW_C0     0x00800000u /* the key has a byte a walk reads: its bit (byte & 63) */
#define TW_C0_AT  24          /* is in bits 24 to 29 */
#define TW_DEAD   0x80000000u /* the word starts no name */
#define TW_C0BIT(x) ((x) >> TW_C0_AT & 63)

/* Keys of more bytes than this are not numbered (their tokens are
** walked afresh): a word's root step keeps its key's length and offset
** in the 30 bits of its kind above WR_KIND. */
#define WORD_LEN_BITS 10
#define WORD_LEN_MAX ((1u << WORD_LEN_BITS) - 1)
#define WR_LEN_AT 2
#define WR_KEY_AT (WR_LEN_AT + WORD_LEN_BITS)
#define WR_LEN(r) ((r)->kind >> WR_LEN_AT & WORD_LEN_MAX)
#define WR_KEY(r) ((r)->kind >> WR_KEY_AT)

/* A word slot, one cache line: the coder's bytes, then the word's key
** and its step from the root. */
typedef struct wword {
	unsigned char extra[DYAD__WORD_EXTRA]; /* the coder's (dyad__token_words) */
	uint32_t tw;        /* the word (TW_*), 0: an empty slot */
	uint64_t tag;       /* a short key itself (short_tag), a long key's hash */
	wres root;          /* its step from the root, and where its key is */
} wword;

_Static_assert(sizeof(wword) == 64, "a word is one cache line");
_Static_assert(WORD_KEYS <= 1u << (32 - WR_KEY_AT), "a key's offset fits its bits");
_Static_assert(WORD_SLOTS <= TW_ID, "a slot's number + 1 fits TW_ID");

/* A step table entry, 8 bytes so that more of the table stays in cache:
** the node (bits 32 to 63), the word number + 1 (NS_ID_BITS bits; 0: an
** empty entry) and the result (the low NS_LIVE_BITS: live[live - 1], 0 =
** dead_end). */
typedef uint64_t nstep;
#define NS_LIVE_BITS 14
#define NS_ID_BITS 18
_Static_assert(LIVE_MAX < 1 << NS_LIVE_BITS, "a result's number fits its bits");
_Static_assert(TW_ID < 1u << NS_ID_BITS, "a word's number + 1 fits its bits");

/* An entry's node and word, as they are kept: the entry without its result. */
static inline uint64_t ns_key(uint32_t node, uint32_t id)
{
	return (uint64_t)node << NS_ID_BITS | (id + 1);
}

/*
** Mention texts are made of a few dictionary strings (the entries'
** file:line, the codes on the date), and the same few hundred make up
** most articles' mentions. So each context keeps the texts it made, in a
** pool that lives across documents, keyed by what they were made of
** (tkey): a mention made of the same parts gets the same strings. The
** pool starts again between documents once mostly full (a generation
** number retires the old keys); it never moves, so strings handed out
** for the document stay where they are. The tables have room for the
** texts of thousands of articles (1 MB of keys, 2 MB of pool): two passes
** of the Phoenix set over 3,000 articles make 7,868 texts, against
** 19,781 with a quarter of the room, which started over and over.
*/
enum { TEXT_SLOTS = 1 << 14, POOL_BYTES = 1 << 21 };

/* Set in a mention's string offset when it is in the pool, not mtext. */
#define IN_POOL 0x80000000u

typedef struct tkey {
	uint64_t who;       /* the entry's name + 1 | (the role's name + 1) << 32 */
	const void *base;   /* the country's code text (the dictionary's), or NULL */
	const void *gcode;  /* the role's code text, or NULL */
	const void *pcode;  /* the person's code on the date, or NULL */
	uint32_t kind;      /* TK_* */
} tkey;

enum { TK_NAME, TK_PLACE, TK_ROLE, TK_NEWNAME, TK_PERSON };

typedef struct tmemo {
	tkey key;
	uint32_t gen;       /* the pool's generation it was made in, 0 = empty */
	uint32_t code, bcode, why, at, gat; /* pool offsets (| IN_POOL), 0 = "" */
} tmemo;

struct dyad__wmemo {
	wword word[WORD_SLOTS]; /* first: the allocation is aligned to a cache line */
	char keys[WORD_KEYS];
	nstep step[STEP_SLOTS];
	wres live[LIVE_MAX];
	uint32_t nword, nkeys, nstep, nlive;
	uint32_t *tokw;     /* per token of the document: its word (TW_*), 0 none */
	size_t tokcap;
	tmemo text[TEXT_SLOTS];
	char pool[POOL_BYTES];
	uint32_t npool;     /* pool bytes used; offset 0 is never handed out */
	uint32_t gen;       /* the pool's generation, from 1 */
	uint32_t epoch;     /* how often the word table started again */
	int tokw_ok;        /* tokw numbers the current document's tokens */
	void *mem;          /* the allocation the tables sit in, on a cache line */
};

void dyad__wmemo_free(struct dyad__wmemo *m)
{
	if (m) {
		free(m->tokw);
		free(m->mem);
	}
}

/* The edges out of node, one bit per byte & 63. */
static uint64_t kid_mask(const struct dyad__actors *a, uint32_t node)
{
	const dyad__cnode *v = &a->trie.node[node];
	uint64_t m = 0;
	uint32_t j;

	for (j = 0; j < v->nkid; j++)
		m |= 1ull << (a->trie.node[v->kid0 + j].lab & 63);
	return m;
}

/* Walks token k (fold f) at node into *st. */
static void step_token(const struct dyad__actors *a, const char *f, size_t fl, uint32_t node,
		       wres *st)
{
	uint32_t hist[HIST_MAX];
	char key[HIST_MAX];
	size_t walked, klen = squash(f, fl, key, sizeof key);
	int done, midstem;
	uint32_t pn;

	walked = walk_token(a, f, fl, node, hist, &done, &midstem);
	st->out = NO_NODE;
	st->kind = 0;
	if (done && walked < HIST_MAX && a->term[hist[walked]]) {
		st->out = hist[walked];
	} else if ((pn = plural_node(a, hist, walked, key, klen)) != NO_NODE) {
		st->out = pn;
		st->kind = 1;
	} else if (midstem) {
		size_t s;
		for (s = walked < HIST_MAX ? walked : HIST_MAX - 1; s > 0; s--)
			if (a->trie.node[hist[s]].user && a->term[hist[s]])
				break;
		st->out = hist[s];
		st->kind = 2;
	}
	st->next = done && walked < HIST_MAX ? hist[walked] : NO_NODE;
	st->gap = walked > 0 && st->next != NO_NODE ? child_of(a, st->next, DYAD__KEY_GAP)
						      : NO_NODE;
	st->kids = st->next != NO_NODE ? kid_mask(a, st->next) : 0;
}

/* The first byte of f a walk reads (a letter, a digit or a byte of a
** character beyond ASCII), 0 when none. */
static uint8_t first_walked(const char *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)f[i];
		if (c >= 0x80 || is_alnum_ascii(c))
			return c;
	}
	return 0;
}

/* Empties the word and step tables. */
static void memo_clear(struct dyad__wmemo *M)
{
	memset(M->word, 0, sizeof M->word);
	memset(M->step, 0, sizeof M->step);
	M->nword = M->nkeys = M->nstep = M->nlive = 0;
	M->epoch++; /* word numbers mean other words from now on */
}

/* Keys of up to this many bytes (most words) are their own tag: no hash
** of text, no comparison of bytes. */
#define SHORT_KEY 8

/*
** A key of 1 to SHORT_KEY bytes as one number: the first and last four
** bytes (overlapping when shorter than 8) or the first, middle and last
** byte cover every byte, so with the length the number is the key.
*/
static uint64_t short_tag(const char *f, size_t n)
{
	uint32_t x, y;

	if (n >= 4) {
		memcpy(&x, f, 4);
		memcpy(&y, f + n - 4, 4);
		return (uint64_t)x << 32 | y;
	}
	return n ? (uint64_t)(unsigned char)f[0] << 16 | (uint64_t)(unsigned char)f[n / 2] << 8 |
		   (unsigned char)f[n - 1]
		 : 0;
}

/* Adds the word of fold key f (n bytes, tag) at free slot i with its
** root step; NULL when the table is full. */
static wword *new_word(struct dyad__wmemo *M, const struct dyad__actors *a, const char *f,
		       uint32_t n, uint32_t i, uint64_t tag)
{
	wword *w = &M->word[i];
	uint8_t c0;

	if (M->nword >= WORD_MAX || n > WORD_KEYS - M->nkeys || n > WORD_LEN_MAX)
		return NULL;
	M->nword++; /* the slot, coder's bytes too, is zero since memo_clear */
	w->tag = tag;
	step_token(a, f, n, 0, &w->root);
	w->root.kind |= M->nkeys << WR_KEY_AT | n << WR_LEN_AT;
	memcpy(M->keys + M->nkeys, f, n);
	M->nkeys += n;
	w->tw = i + 1;
	if ((c0 = first_walked(f, n)) != 0)
		w->tw |= TW_C0 | (uint32_t)(c0 & 63) << TW_C0_AT;
	if (w->root.out == NO_NODE && w->root.next == NO_NODE)
		w->tw |= TW_DEAD;
	return w;
}

/* The word of fold key f (n bytes), added with its root step when new;
** NULL when the table is full. */
static inline wword *word_of(struct dyad__wmemo *M, const struct dyad__actors *a,
			     const char *f, uint32_t n)
{
	uint32_t i;
	int is_short = n <= SHORT_KEY;
	uint64_t tag = is_short ? short_tag(f, n) : dyad__hash_key(f, n, NULL);
	wword *w;

	i = (uint32_t)((tag ^ n) * 0x9e3779b97f4a7c15ull >> 40) & (WORD_SLOTS - 1);
	for (; (w = &M->word[i])->tw; i = (i + 1) & (WORD_SLOTS - 1))
		if (w->tag == tag && WR_LEN(&w->root) == n &&
		    (is_short || dyad__same_bytes(M->keys + WR_KEY(&w->root), f, n)))
			return w;
	return new_word(M, a, f, n, i, tag);
}

/* Numbers the words of list, marking them with cls (TW_PREP, TW_CLOSED). */
static void seed_list(struct dyad__wmemo *M, const struct dyad__actors *a,
		      const char *const *list, uint32_t cls)
{
	size_t i;
	wword *e;

	for (i = 0; list[i]; i++)
		if ((e = word_of(M, a, list[i], (uint32_t)strlen(list[i]))) != NULL)
			e->tw |= cls;
}

/*
** The context's tables, made on first use, ready for a document: the
** word table starts again when nearly full, with the word lists' words
** numbered first; the text pool when mostly full and fresh.
*/
static struct dyad__wmemo *memo_ready(dyad_ctx *ctx, const struct dyad__actors *a, int fresh)
{
	struct dyad__wmemo *M = ctx->wmemo;
	int seed = 0;

	if (!M) {
		/* calloc, not aligned_alloc and memset: the pages the tables
		** never use are never touched */
		void *mem = calloc(1, sizeof *M + 63);
		if (!mem)
			return NULL;
		M = ctx->wmemo = (struct dyad__wmemo *)(((uintptr_t)mem + 63) & ~(uintptr_t)63);
		M->mem = mem;
		M->npool = M->gen = 1;
		seed = 1;
	} else if (M->nword > WORD_MAX / 4 * 3 || M->nkeys > WORD_KEYS / 4 * 3) {
		memo_clear(M); /* between documents */
		seed = 1;
	}
	if (seed) {
		seed_list(M, a, place_preps, TW_PREP);
		seed_list(M, a, closed_words, TW_CLOSED);
	}
	if (fresh && M->npool > POOL_BYTES / 4 * 3) { /* no string of it handed out now */
		M->npool = 1;
		M->gen++;
	}
	return M;
}

/*
** Numbers the words of the document's walkable tokens for the walks;
** returns the per-token words (TW_*), or NULL without memory (the walks then
** step each token afresh: slower, not wrong). fresh: no mention of the
** document has been handed out, so the text pool may start again.
*/
static const uint32_t *number_words(dyad_ctx *ctx, const struct dyad__actors *a,
				    const dyad_doc *doc, int fresh)
{
	struct dyad__wmemo *M = memo_ready(ctx, a, fresh);
	const dyad__tok *const toks = doc->toks;
	const char *const norm = doc->norm, *const fold = doc->fold;
	const size_t n = doc->ntoks;
	uint32_t *tokw;
	size_t t;

	if (!M)
		return NULL;
	M->tokw_ok = 0;
	if (doc->ntoks > M->tokcap) {
		uint32_t *p = realloc(M->tokw, doc->ntoks * sizeof *p);
		if (!p)
			return NULL;
		M->tokw = p;
		M->tokcap = doc->ntoks;
	}
	/* Held in locals: new_word's stores might alias them otherwise. */
	for (t = 0, tokw = M->tokw; t < n; t++) {
		const dyad__tok *k = &toks[t];
		const wword *e = walkable(k) ? word_of(M, a, dyad__tok_fold(norm, fold, k),
						       k->fold_len)
					     : NULL;
		tokw[t] = e ? e->tw : 0;
	}
	M->tokw_ok = 1;
	return M->tokw;
}

int dyad__token_words(dyad_ctx *ctx, dyad__words *w)
{
	struct dyad__wmemo *M = ctx->wmemo;

	if (!M || !M->tokw_ok)
		return -1;
	w->tok = M->tokw;
	w->mask = TW_ID;
	w->n = WORD_SLOTS;
	w->epoch = M->epoch;
	w->extra = M->word[0].extra;
	w->stride = sizeof M->word[0];
	return 0;
}

void dyad__token_words_forget(dyad_ctx *ctx)
{
	if (ctx->wmemo)
		ctx->wmemo->tokw_ok = 0;
}

/* The state of one longest_at search. */
typedef struct lwalk {
	const struct dyad__actors *a;
	const dyad_doc *doc;
	struct dyad__wmemo *M; /* the context's tables, NULL without memory */
	const uint32_t *tw;    /* the tokens' word numbers, NULL without memory */
	size_t end;       /* the sentence's end token */
	int budget;       /* walks left for gaps */
	int found;        /* m holds a match */
	int gaps;         /* gaps the walk to it went through */
	match *m;         /* the longest so far */
} lwalk;

static void walk_from(lwalk *L, uint32_t i, size_t j, uint32_t node, uint64_t kids, int gaps);

/* Keeps m, reached through gaps, when it is longer than the best so far,
** or as long through fewer gaps: "AL_GORE" before "AL GORE" on "Al Gore". */
static void keep(lwalk *L, const match *m, int gaps)
{
	if (!L->found || m->t1 > L->m->t1 || (m->t1 == L->m->t1 && gaps < L->gaps)) {
		*L->m = *m;
		L->found = 1;
		L->gaps = gaps;
	}
}

/* After token j, at the gap node g of a name: the name goes on at token
** j + 1 or after up to GAP_WORDS words more. */
static void gap_after(lwalk *L, uint32_t i, size_t j, uint32_t g, int gaps)
{
	size_t t, words = 0;

	for (t = j + 1; t < L->end && L->budget > 0; t++) {
		const dyad__tok *k = &L->doc->toks[t];
		if (walkable(k)) {
			L->budget--;
			walk_from(L, i, t, g, ~0ull, gaps + 1);
		}
		if (!gap_token(L->doc, k) || (walkable(k) && ++words > GAP_WORDS))
			break;
	}
}

static uint32_t step_slot(uint32_t node, uint32_t id)
{
	return (uint32_t)(((uint64_t)node << 32 | id) * 0x9e3779b97f4a7c15ull >> 40) &
	       (STEP_SLOTS - 1);
}

/* The step of word id from node (not the root), through the step table. */
static const wres *memo_step(const lwalk *L, const dyad__tok *k, uint32_t id, uint32_t node)
{
	struct dyad__wmemo *M = L->M;
	const uint64_t key = ns_key(node, id);
	uint32_t i = step_slot(node, id), live;
	nstep e;
	wres r;

	for (; (e = M->step[i]) != 0; i = (i + 1) & (STEP_SLOTS - 1))
		if (e >> NS_LIVE_BITS == key) {
			live = (uint32_t)e & ((1u << NS_LIVE_BITS) - 1);
			return live ? &M->live[live - 1] : &dead_end;
		}
	step_token(L->a, dyad__tok_fold(L->doc->norm, L->doc->fold, k), k->fold_len, node, &r);
	if (M->nstep >= STEP_MAX || M->nlive >= LIVE_MAX) { /* full: start again */
		memset(M->step, 0, sizeof M->step);
		M->nstep = M->nlive = 0;
		i = step_slot(node, id);
	}
	M->nstep++;
	if (r.out == NO_NODE && r.next == NO_NODE) {
		M->step[i] = key << NS_LIVE_BITS;
		return &dead_end;
	}
	M->live[M->nlive] = r;
	M->step[i] = key << NS_LIVE_BITS | ++M->nlive;
	return &M->live[M->nlive - 1];
}

/*
** The step of token t at node (whose edges kids has, or all bits): the
** word's root step, none when the node has no edge for the word's first
** byte, else through the step table (or walked now into *tmp, without
** tables). A bit of kids stands for four bytes, so a step it lets through
** may still lead nowhere: the step table says so.
*/
static const wres *step_at(const lwalk *L, size_t t, uint32_t node, uint64_t kids, wres *tmp)
{
	const dyad__tok *k = &L->doc->toks[t];
	uint32_t x = L->tw ? L->tw[t] : 0, id;

	if (!x) {
		step_token(L->a, dyad__tok_fold(L->doc->norm, L->doc->fold, k), k->fold_len, node, tmp);
		return tmp;
	}
	id = (x & TW_ID) - 1;
	if (node == 0)
		return &L->M->word[id].root;
	if ((x & TW_C0) && !(kids >> TW_C0BIT(x) & 1))
		return &dead_end; /* walked no byte: no name, not even a plural */
	return memo_step(L, k, id, node);
}

/* Walks the names from token j on, at node, for a name that began at token i. */
static void walk_from(lwalk *L, uint32_t i, size_t j, uint32_t node, uint64_t kids, int gaps)
{
	for (; j < L->end; j++) {
		const dyad__tok *k = &L->doc->toks[j];
		const wres *st;
		wres tmp;

		if (!walkable(k)) {
			if (j > i && j + 1 < L->end && joiner(L->doc, k) && walkable(k + 1))
				continue; /* "Dol_Amroth": text joined as dictionaries join */
			break;
		}
		st = step_at(L, j, node, kids, &tmp);
		if (st->out != NO_NODE) {
			match m = {i, (uint32_t)j + 1, st->out, WR_KIND(st) == 1, WR_KIND(st) == 2};
			keep(L, &m, gaps);
		}
		if (st->next == NO_NODE)
			break;
		node = st->next;
		kids = st->kids;
		if (st->gap != NO_NODE)
			gap_after(L, i, j, st->gap, gaps);
	}
}

/*
** Does a walk from token i, whose word's root step is r, stop after
** token i? Most words that begin a name only begin it, or are a name of
** one word: then the next token must go on from r's node, and usually
** the node has no edge for its first byte.
*/
static int stops_at_root(const work *w, size_t i, size_t end, const wres *r)
{
	const dyad__tok *k = &w->doc->toks[i + 1];
	uint32_t x;

	if (r->gap != NO_NODE)
		return 0;
	if (i + 1 >= end)
		return 1;
	if ((x = w->tw[i + 1]) != 0) /* a word: walkable */
		return (x & TW_C0) && !(r->kids >> TW_C0BIT(x) & 1);
	if (!walkable(k)) /* a walk goes on over a joiner only */
		return !(i + 2 < end && joiner(w->doc, k) && walkable(k + 1));
	return 0;
}

/* The longest name starting at token i (of [i, end)); 0 if none. A word
** that starts no name (most words) is known from its root step alone, and
** so is a name of one word that no longer name goes on from here. */
static int longest_at(const work *w, size_t i, size_t end, match *m)
{
	uint32_t x = w->tw ? w->tw[i] : 0;
	lwalk L;

	if (x) {
		const wres *r = &w->ctx->wmemo->word[(x & TW_ID) - 1].root;
		if (x & TW_DEAD)
			return 0;
		if (stops_at_root(w, i, end, r)) {
			if (r->out == NO_NODE)
				return 0;
			*m = (match){(uint32_t)i, (uint32_t)i + 1, r->out, WR_KIND(r) == 1,
				     WR_KIND(r) == 2};
			return 1;
		}
	}
	L = (lwalk){w->a, w->doc, w->ctx->wmemo, w->tw, end, GAP_WALKS, 0, 0, m};
	walk_from(&L, (uint32_t)i, i, 0, ~0ull, 0);
	return L.found;
}

/* Does the text of tokens [t0, t1) have a lower-case ASCII letter? */
static int has_lower(const dyad_doc *doc, uint32_t t0, uint32_t t1)
{
	size_t i;

	for (i = doc->toks[t0].start; i < doc->toks[t1 - 1].end; i++)
		if (doc->norm[i] >= 'a' && doc->norm[i] <= 'z')
			return 1;
	return 0;
}

/* The first name of kind at m's node that the text allows, or -1. */
static long pick_name(const struct dyad__actors *a, const dyad_doc *doc, const match *m,
		      dyad__ekind kind)
{
	const dyad__dict *d = a->dict;
	uint32_t i;
	int lower = -1;

	for (i = a->term[m->node]; i; i = a->next[i - 1]) {
		const dyad__name *nm = dyad__dict_name_at(d, i - 1);
		if (dyad__dict_entry_at(d, nm->entry)->kind != kind)
			continue;
		if (m->midstem && !(nm->flags & DYAD__N_STEM))
			continue;
		if (m->plural && (nm->flags & DYAD__N_EXACT))
			continue; /* "MOUSE=" does not take "mouses" */
		if (nm->flags & DYAD__N_CAPS) {
			if (lower < 0)
				lower = has_lower(doc, m->t0, m->t1);
			if (lower)
				continue;
		}
		return (long)(i - 1);
	}
	return -1;
}

/* ------------------------------------------------------------------ */
/* Pass 2: mentions                                                    */
/* ------------------------------------------------------------------ */

/* A dictionary match, classified. */
typedef struct hit {
	uint32_t t0, t1;
	long actor, agent;  /* name indices, -1 none */
	uint8_t plural;
} hit;

/* A mention while the document is worked on; strings are offsets into
** ctx->mtext (0 = ""), which may move as it grows, or with IN_POOL into
** the context's text pool (mention_texts). */
typedef struct ment {
	uint32_t sent, t0, t1;
	long name;          /* name that gave the actor or person, -1 none */
	long agent;         /* last role name used, -1 none */
	long base;          /* the country/organization composed with, -1 none */
	uint32_t code;      /* the code */
	uint32_t bcode;     /* a composed code's country or group code alone, 0 none */
	uint32_t label;     /* a candidate's name */
	uint32_t post;      /* dictionary pool offset of the office, 0 none */
	uint32_t why;       /* explanation */
	uint32_t at, gat;   /* file:line of the entry and of the role */
	uint8_t how, candidate, person;
	float conf;
} ment;

/* dyad__buf_append for the passes' records (hits, mentions): with the
** size known where it is inlined, the copy needs no call. */
static inline int put_rec(dyad__buf *b, const void *x, size_t n)
{
	if (n > b->cap - b->len && dyad__buf_reserve(b, n) != 0)
		return -1;
	memcpy(b->p + b->len, x, n);
	b->len += n;
	return 0;
}

/* The string at a mention's offset: in the pool, or in mtext. */
static const char *mstr(const dyad_ctx *ctx, uint32_t off)
{
	if (off & IN_POOL)
		return ctx->wmemo->pool + (off & ~IN_POOL);
	return off ? ctx->mtext.p + off : "";
}

static uint32_t text_add(dyad_ctx *ctx, const char *s, size_t n)
{
	size_t at = ctx->mtext.len;

	if (at == 0) {
		if (dyad__buf_append(&ctx->mtext, "", 1) != 0)
			goto nomem;
		at = 1;
	}
	if (dyad__buf_reserve(&ctx->mtext, n + 1) != 0)
		goto nomem;
	memcpy(ctx->mtext.p + at, s, n);
	ctx->mtext.p[at + n] = '\0';
	ctx->mtext.len += n + 1;
	return (uint32_t)at;
nomem:
	ctx->nomem = 1;
	return 0;
}

/* A string built in a fixed buffer, cut at its capacity as dyad__join
** cuts, with the pieces' lengths known: mentions' texts are built from
** many short pieces. */
typedef struct sbuf {
	char *p;          /* the buffer, always NUL-terminated */
	size_t n;         /* bytes used */
	size_t cap;       /* its size: n stays below it */
} sbuf;

#define SB_LIT(b, lit) sb_put(b, lit, sizeof lit - 1)

static void sb_put(sbuf *b, const char *s, size_t n)
{
	if (n > b->cap - 1 - b->n)
		n = b->cap - 1 - b->n;
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void sb_str(sbuf *b, const char *s)
{
	sb_put(b, s, strlen(s));
}

static void sb_buf(sbuf *b, const sbuf *x)
{
	sb_put(b, x->p, x->n);
}

/* Adds b's text to the mention texts; its offset. */
static uint32_t text_sb(dyad_ctx *ctx, const sbuf *b)
{
	return text_add(ctx, b->p, b->n);
}

static const dyad__entry *entry_of(const work *w, long name)
{
	const dyad__dict *d = w->a->dict;
	return dyad__dict_entry_at(d, dyad__dict_name_at(d, (size_t)name)->entry);
}

/* Is period x later than y: open-ended first, then the later start? */
static int later(const dyad__code *x, const dyad__code *y)
{
	if (!x->to != !y->to)
		return !x->to;
	return x->from > y->from;
}

/* The next actor entry after name i (-1 = start at first) among the
** names that share its key, or NULL. The trie puts names with one key on
** one list, so a person in two files is reached from either. */
static const dyad__entry *next_actor(const struct dyad__actors *a, long first, uint32_t *i)
{
	*i = *i ? a->next[*i - 1] : (uint32_t)first + 1;
	for (; *i; *i = a->next[*i - 1]) {
		const dyad__entry *e = dyad__dict_entry_at(a->dict, dyad__dict_name_at(a->dict, *i - 1)->entry);
		if (e->kind == DYAD__E_ACTOR)
			return e;
	}
	return NULL;
}

/*
** An article without a date is taken as current, and a person's current
** office is the one the text gives them ("US President Donald Trump"),
** else the one that started last: among all entries sharing the name,
** the latest-starting period with the title's post, else the
** latest-starting period (open-ended first), else the entry's default.
*/
static const dyad__code *undated_code(const work *w, long name, uint32_t post)
{
	const struct dyad__actors *a = w->a;
	const dyad__code *best = NULL, *best_post = NULL;
	const dyad__entry *e;
	uint32_t i = 0, k;

	while ((e = next_actor(a, name, &i)) != NULL)
		for (k = 0; k < e->ncodes; k++) {
			const dyad__code *c = dyad__dict_code_at(a->dict, e->code0 + k);
			if (!c->from && !c->to)
				continue;
			if (!best || later(c, best))
				best = c;
			if (post && c->post && (!best_post || later(c, best_post)) &&
			    strcmp(dyad__dict_str(a->dict, c->post), dyad__dict_str(a->dict, post)) == 0)
				best_post = c;
		}
	if (best_post)
		return best_post;
	return best ? best : dyad__dict_code_on(a->dict, entry_of(w, name), 0);
}

/* The code of the actor named by name on the document's date: among all
** entries sharing the name's key, the first with a period holding the
** date, else the first name's own choice. post is the office the text
** gives the person, or 0. */
static const dyad__code *code_of(const work *w, long name, uint32_t post)
{
	const dyad__entry *e;
	uint32_t i = 0;

	if (!w->date)
		return undated_code(w, name, post);
	while ((e = next_actor(w->a, name, &i)) != NULL) {
		const dyad__code *c = dyad__dict_code_on(w->a->dict, e, w->date);
		if (c && (c->from || c->to))
			return c;
	}
	return dyad__dict_code_on(w->a->dict, entry_of(w, name), w->date);
}

static int is_person(const work *w, long name)
{
	return name >= 0 && (entry_of(w, name)->flags & DYAD__F_PERSON);
}

static int is_capital(const work *w, long name)
{
	return name >= 0 &&
	       (dyad__dict_name_at(w->a->dict, (size_t)name)->flags & DYAD__N_CAPITAL);
}

/* Is token t's fold key s? Word lists are scanned with it, so most
** calls are settled by the first byte. */
static int tok_eq(const dyad_doc *doc, size_t t, const char *s)
{
	const dyad__tok *k = &doc->toks[t];
	const char *f = dyad__tok_fold(doc->norm, doc->fold, k);
	size_t n;

	if (k->fold_len == 0 || f[0] != s[0])
		return k->fold_len == 0 && s[0] == '\0';
	n = strlen(s);
	return k->fold_len == n && memcmp(f, s, n) == 0;
}

/* Is token t's fold key in list? */
static int tok_in(const dyad_doc *doc, size_t t, const char *const *list)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (tok_eq(doc, t, list[i]))
			return 1;
	return 0;
}

/* Is token t's word in class cls (W_*)? The word table knows the lists'
** words; a token without a number is looked up in list. */
static int word_in(const work *w, size_t t, uint32_t cls, const char *const *list)
{
	uint32_t x = w->tw ? w->tw[t] : 0;

	if (!x)
		return tok_in(w->doc, t, list);
	return (x & cls) != 0;
}

/* Is the word before token t a place preposition ("in Tehran")? */
static int after_place_word(const work *w, size_t first, size_t t)
{
	return t != first && word_in(w, t - 1, TW_PREP, place_preps);
}

/* Is token t a closed-class word? */
static int closed_word(const work *w, uint32_t t)
{
	return word_in(w, t, TW_CLOSED, closed_words);
}

/*
** Tokens [from, to) that may sit between a country and its role: a
** possessive and up to two lower-case words that can modify a role ("Iran's
** top", "Pentagon deputy", "Iran's newly elected"). A word English uses only
** as a verb (data/verb-forms.txt) or a closed-class word ends the phrase
** instead: "Arnor believes police" is Arnor, a verb, and the police.
*/
static int gap_ok(const work *w, uint32_t from, uint32_t to)
{
	const dyad_doc *doc = w->doc;
	const dyad__strset *verbs = &w->ctx->eng->verbs;
	uint32_t i, words = 0;

	if (to < from)
		return 0;
	for (i = from; i < to; i++) {
		const dyad__tok *k = &doc->toks[i];
		if (k->kind == DYAD_TOK_POSSESSIVE)
			continue;
		if (k->kind != DYAD_TOK_WORD || !(doc->norm[k->start] >= 'a' && doc->norm[k->start] <= 'z') ||
		    ++words > 2 || closed_word(w, i) ||
		    dyad__strset_has(verbs, dyad__tok_fold(doc->norm, doc->fold, k), k->fold_len))
			return 0;
	}
	return 1;
}

/* A capitalized word that could be part of a name. */
static int name_word(const dyad_doc *doc, size_t t)
{
	const dyad__tok *k = &doc->toks[t];
	unsigned char c = (unsigned char)doc->norm[k->start];

	return k->kind == DYAD_TOK_WORD && ((c >= 'A' && c <= 'Z') || c >= 0xC0);
}

/* Does a dateline go on at token t ("DOHA, November 24")? A capital
** there names where the report was filed, not who acted. */
static int dateline_at(const dyad_doc *doc, size_t t, size_t end)
{
	static const char *const months[] = {
		"january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december", "jan", "feb", "mar", "apr",
		"jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "jan.", "feb.", "mar.",
		"apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.", NULL
	};
	size_t i;

	if (t + 1 >= end || !tok_eq(doc, t, ","))
		return 0;
	for (i = 0; months[i]; i++)
		if (tok_eq(doc, t + 1, months[i]))
			return 1;
	return 0;
}

/* Pass 1 over one sentence: its dictionary hits, in order. */
static int sentence_hits(work *w, size_t a, size_t b)
{
	size_t i = a;

	w->hits.len = 0;
	while (i < b) {
		uint32_t x = w->tw ? w->tw[i] : 0;
		match m;
		hit h;
		if ((x & TW_DEAD) || (!x && !walkable(&w->doc->toks[i])) || !longest_at(w, i, b, &m)) {
			i++;
			continue;
		}
		h.t0 = m.t0;
		h.t1 = m.t1;
		h.plural = m.plural;
		h.actor = pick_name(w->a, w->doc, &m, DYAD__E_ACTOR);
		h.agent = h.actor < 0 ? pick_name(w->a, w->doc, &m, DYAD__E_AGENT) : -1;
		if (h.actor >= 0 && is_capital(w, h.actor) &&
		    (after_place_word(w, a, i) || dateline_at(w->doc, m.t1, b)))
			h.actor = -1; /* "in Tehran", "DOHA, Nov 24": a place, not the government */
		if ((h.actor >= 0 || h.agent >= 0) &&
		    put_rec(&w->hits, &h, sizeof h) != 0)
			return -1;
		i = (h.actor >= 0 || h.agent >= 0) ? m.t1 : i + 1;
	}
	return 0;
}

/* Does code x[0, xn) occur in actor[0, an) on a 3-character boundary? */
static int has_aligned(const char *actor, size_t an, const char *x, size_t xn)
{
	size_t off;

	for (off = 0; xn && off + xn <= an; off += 3)
		if (memcmp(actor + off, x, xn) == 0)
			return 1;
	return 0;
}

/*
** actor code + role code, CAMEO style: a role refines a bare country or
** root ("IRN" + "~GOV" = "IRNGOV"; "IGO~" goes in front); a code that
** already has a role keeps it ("USAMIL" + "~GOV" = "USAMIL"). A TABARI
** agent (tabari) is added to any code unless the code already holds it
** on a 3-character boundary (§5.4: "USAGOV" + "~GOV" = "USAGOV",
** "GMWGOV" + "~WGO" = "GMWGOVWGO").
*/
static void compose1(const char *actor, size_t an, const char *agent, int tabari, char *out,
		     size_t cap)
{
	size_t gn = strlen(agent);
	const char *x = agent[0] == '~' ? agent + 1 : agent;
	size_t xn = gn ? gn - 1 : 0;

	char a[64];

	if (an >= sizeof a)
		an = sizeof a - 1;
	memcpy(a, actor, an);
	a[an] = '\0';
	if (!gn || (an > 0 && (tabari ? has_aligned(actor, an, x, xn) : an != 3 && agent[0] == '~')))
		dyad__join(out, cap, a, (char *)NULL);
	else if (agent[0] == '~')
		dyad__join(out, cap, a, agent + 1, (char *)NULL);
	else { /* a prefix agent, written with its mark last ("REF~") */
		char g[64];
		size_t k = gn - 1 < sizeof g ? gn - 1 : sizeof g - 1;
		memcpy(g, agent, k);
		g[k] = '\0';
		dyad__join(out, cap, g, a, (char *)NULL);
	}
}

/* The same for each element of a compound code ("FRO/BIL" + "~GOV" =
** "FROGOV/BILGOV"). */
static void compose(const char *actor, const char *agent, int tabari, char *out, size_t cap)
{
	size_t len = 0;

	out[0] = '\0';
	for (;;) {
		size_t an = strcspn(actor, "/");
		compose1(actor, an, agent, tabari, out + len, cap - len);
		len += strlen(out + len);
		if (!actor[an] || len + 2 >= cap)
			break;
		out[len++] = '/';
		actor += an + 1;
	}
}

static const char *agent_code(const work *w, long agent, uint32_t *post)
{
	const dyad__code *c;

	*post = 0;
	if (agent < 0)
		return "";
	c = dyad__dict_code_on(w->a->dict, entry_of(w, agent), w->date);
	if (!c)
		return "";
	*post = c->post;
	return dyad__dict_str(w->a->dict, c->text);
}

static int push(work *w, const ment *m)
{
	if (put_rec(&w->ctx->ments, m, sizeof *m) != 0) {
		w->ctx->nomem = 1;
		return -1;
	}
	return 0;
}

/* "file:line" of the entry of name into out, "" for none. */
static void where(const work *w, long name, sbuf *out)
{
	const dyad__dict *d = w->a->dict;
	const dyad__name *nm;
	char line[24];

	out->n = 0;
	out->p[0] = '\0';
	if (name < 0)
		return;
	nm = dyad__dict_name_at(d, (size_t)name);
	sb_str(out, dyad__dict_file_path(d, dyad__dict_entry_at(d, nm->entry)->file));
	SB_LIT(out, ":");
	sb_put(out, line, dyad__utoa(line, (unsigned long)nm->line));
}

/* Is agent name (or -1) a TABARI agent, placed and composed by §5.4? */
static int tabari_agent(const work *w, long agent)
{
	return agent >= 0 && (entry_of(w, agent)->flags & DYAD__F_TABARI);
}

/* An agent whose name is split by a country adjective: "top" + "Iranian"
** + "diplomat" is "top diplomat" of Iran. Returns the agent name or -1. */
static long split_agent(const work *w, uint32_t word, const hit *g)
{
	const dyad_doc *doc = w->doc;
	uint32_t node = 0, hist[HIST_MAX], t;
	const dyad__tok *wk = &doc->toks[word];
	match m;
	int done, mid;
	size_t walked;

	if (wk->kind != DYAD_TOK_WORD || !(doc->norm[wk->start] >= 'a' && doc->norm[wk->start] <= 'z'))
		return -1;

	for (t = word; t < g->t1; t = t == word ? g->t0 : t + 1) {
		const dyad__tok *k = &doc->toks[t];
		walked = walk_token(w->a, dyad__tok_fold(doc->norm, doc->fold, k), k->fold_len,
				    node, hist, &done, &mid);
		if (!done || walked >= HIST_MAX)
			return -1;
		node = hist[walked];
	}
	if (!w->a->term[node])
		return -1;
	m = (match){word, g->t1, node, 0, 0};
	return pick_name(w->a, doc, &m, DYAD__E_AGENT);
}

/* A capitalized name of one to four words right after token t1 that no
** dictionary knows: the end of the name, or t1 when there is none. */
static uint32_t unknown_name(const work *w, uint32_t t1, uint32_t limit)
{
	uint32_t t = t1;

	while (t < limit && t - t1 < 4 && name_word(w->doc, t))
		t++;
	return t;
}

typedef struct chainst {
	long base, agent, person;
	uint32_t t0, t1, cand_start, cand_end;
	int place;           /* a bare name after "in", "to", ...: likely a place */
	int former;          /* "former" before the actor or the role: an elite */
	size_t next;         /* first hit after the chain */
} chainst;

/*
** May the actor of hit g, after the role that ends the chain c, be the
** role's country? After "of" ("the foreign minister of Iran"); for a
** TABARI agent also after "in" and right after the role (§5.4: "human
** rights activists in Arnor", "human rights activists Gondor").
*/
static int base_after(const work *w, const chainst *c, const hit *g, size_t b)
{
	const dyad_doc *doc = w->doc;
	int tabari = tabari_agent(w, c->agent);

	if (g->actor < 0 || is_person(w, g->actor))
		return 0;
	if (tabari && g->t0 == c->t1)
		return 1;
	if (c->t1 + 1 >= b || !(tok_eq(doc, c->t1, "of") || (tabari && tok_eq(doc, c->t1, "in"))))
		return 0;
	return g->t0 == c->t1 + 1 || (g->t0 == c->t1 + 2 && tok_eq(doc, c->t1 + 1, "the"));
}

/* Is there "former" right before the chain [t0, t1) or inside it (the
** words between its parts)? The sentence starts at token a. */
static int has_former(const dyad_doc *doc, size_t a, uint32_t t0, uint32_t t1)
{
	uint32_t t;

	for (t = t0 > a ? t0 - 1 : t0; t < t1; t++)
		if (tok_eq(doc, t, "former"))
			return 1;
	return 0;
}

/* Reads a chain of hits from hit k: [base] [roles...] [person | new name]
** or role "of" base. */
static void read_chain(const work *w, const hit *h, size_t nh, size_t k, size_t a,
		       size_t b, chainst *c)
{
	const dyad_doc *doc = w->doc;
	size_t j = k;

	c->base = c->agent = c->person = -1;
	c->t0 = h[k].t0;
	c->t1 = h[k].t1;
	c->cand_end = 0;
	c->place = after_place_word(w, a, h[k].t0);
	if (h[j].actor >= 0 && !is_person(w, h[j].actor))
		c->base = h[j++].actor;
	/* An uncoded word ("evil", a TABARI adjective) gives a role no country. */
	while (j < nh && h[j].agent >= 0 && (j == k || gap_ok(w, h[j - 1].t1, h[j].t0)) &&
	       (c->base < 0 || entry_of(w, c->base)->ncodes > 0)) {
		long sa;
		if (j == k + 1 && c->base >= 0 && h[k].t0 > a &&
		    (sa = split_agent(w, h[k].t0 - 1, &h[j])) >= 0) {
			c->agent = sa;
			c->t0 = h[k].t0 - 1;
		} else {
			c->agent = h[j].agent;
		}
		c->t1 = h[j++].t1;
	}
	if (j < nh && h[j].actor >= 0 && is_person(w, h[j].actor) &&
	    (j == k || gap_ok(w, h[j - 1].t1, h[j].t0))) {
		c->person = h[j].actor;
		c->t1 = h[j++].t1;
	} else if (c->agent >= 0) {
		uint32_t lim = j < nh ? h[j].t0 : (uint32_t)b, e = unknown_name(w, c->t1, lim);
		if (e > c->t1) {
			c->cand_start = c->t1;
			c->cand_end = e;
			c->t1 = e;
		} else if (c->base < 0 && j < nh && base_after(w, c, &h[j], b)) {
			c->base = h[j].actor; /* "the foreign minister of Iran" */
			c->t1 = h[j++].t1;
		}
	}
	c->next = j > k ? j : k + 1;
	c->former = has_former(doc, a, c->t0, c->t1);
}

/* The why of a mention with a role: "role ", "new name after role ". */
static void why_role(sbuf *why, const char *what, const sbuf *at, const sbuf *gat,
		     const char *of, const char *base, const char *gcode)
{
	sb_str(why, what);
	sb_buf(why, gat);
	if (at->n) {
		sb_str(why, of);
		sb_buf(why, at);
	}
	SB_LIT(why, ": ");
	sb_str(why, base[0] ? base : "(no country)");
	SB_LIT(why, " + ");
	sb_str(why, gcode);
}

/* What a chain's mention is made of, on the document's date. */
typedef struct parts {
	const char *base;        /* the country's or group's code, "" */
	const char *gcode;       /* the role's code, "" */
	uint32_t gpost;          /* the role's office, 0 none */
	const dyad__code *pc;    /* a person's code, NULL none */
} parts;

static void chain_parts(const work *w, const chainst *c, parts *p)
{
	const dyad__code *bc;

	p->base = "";
	p->pc = NULL;
	p->gcode = agent_code(w, c->agent, &p->gpost);
	if (c->former && c->agent >= 0 && c->person < 0) {
		p->gcode = "~ELI"; /* "former officials": elites, a CAMEO rule (TABARI §5.4.1) */
		p->gpost = 0;
	}
	if (c->base >= 0 && (bc = code_of(w, c->base, 0)) != NULL)
		p->base = dyad__dict_str(w->a->dict, bc->text);
	if (c->person >= 0)
		p->pc = code_of(w, c->person, p->gpost);
}

/* The mention's kind, office and confidence (and a new name's label). */
static void chain_facts(work *w, const chainst *c, const parts *p, ment *m)
{
	const dyad_doc *doc = w->doc;

	m->how = DYAD_HOW_DICTIONARY;
	if (c->person >= 0) {
		m->post = p->gpost ? p->gpost : (p->pc ? p->pc->post : 0);
		m->person = 1;
		m->conf = p->pc ? 0.9f : 0.4f;
	} else if (c->agent >= 0) {
		m->how = DYAD_HOW_ROLE;
		m->post = p->gpost;
		m->conf = p->base[0] ? 0.7f : 0.3f;
		if (c->cand_end) {
			m->person = m->candidate = 1;
			m->conf = 0.5f;
			m->label = text_add(w->ctx, doc->norm + doc->toks[c->cand_start].start,
					    doc->toks[c->cand_end - 1].end - doc->toks[c->cand_start].start);
		}
	} else {
		m->conf = c->place ? 0.4f : is_capital(w, c->base) ? 0.6f : 0.85f;
	}
}

/* A person's code and why. */
static void person_texts(const work *w, const parts *p, sbuf *code, sbuf *why, const sbuf *at,
			 const sbuf *gat)
{
	sb_str(code, p->pc ? dyad__dict_str(w->a->dict, p->pc->text) : "");
	SB_LIT(why, "person ");
	sb_buf(why, at);
	if (p->pc)
		SB_LIT(why, " (code valid on the date)");
	else
		SB_LIT(why, " (no code valid on the date)");
	if (gat->n) {
		SB_LIT(why, "; title ");
		sb_buf(why, gat);
	}
}

/* A bare country's or organization's code and why. */
static void name_texts(const work *w, const chainst *c, const char *base, sbuf *code, sbuf *why,
		       const sbuf *at)
{
	int capital = is_capital(w, c->base);

	sb_str(code, base);
	if (capital && code->n == 3)
		SB_LIT(code, "GOV");
	if (capital)
		SB_LIT(why, "capital standing for its government, ");
	else
		SB_LIT(why, "name ");
	sb_buf(why, at);
	if (c->place)
		SB_LIT(why, "; after a place preposition, so perhaps only a place");
}

/* A chain's texts: code, country code alone, why, file:line of the
** entry and of the role. */
typedef struct texts {
	sbuf code;
	const char *bcode;  /* a role's country code alone, "" */
	sbuf why, at, gat;
} texts;

static void chain_texts(const work *w, const chainst *c, const parts *p, texts *t)
{
	where(w, c->person >= 0 ? c->person : c->base, &t->at);
	where(w, c->agent, &t->gat);
	if (c->person >= 0) {
		person_texts(w, p, &t->code, &t->why, &t->at, &t->gat);
	} else if (c->agent >= 0) {
		compose(p->base, p->gcode, tabari_agent(w, c->agent), t->code.p, t->code.cap);
		t->code.n = strlen(t->code.p);
		t->bcode = p->base;
		if (c->cand_end)
			why_role(&t->why, "new name after role ", &t->at, &t->gat, " of ", p->base,
				 p->gcode);
		else
			why_role(&t->why, "role ", &t->at, &t->gat, " with ", p->base, p->gcode);
	} else {
		name_texts(w, c, p->base, &t->code, &t->why, &t->at);
	}
}

/* The parts a chain's texts are made of. */
static void text_key(const chainst *c, const parts *p, tkey *k)
{
	long name = c->person >= 0 ? c->person : c->base;

	k->who = (uint64_t)(uint32_t)(name + 1) | (uint64_t)(uint32_t)(c->agent + 1) << 32;
	k->base = k->gcode = k->pcode = NULL;
	if (c->person >= 0) {
		k->kind = TK_PERSON;
		k->pcode = p->pc;
	} else if (c->agent >= 0) {
		k->kind = c->cand_end ? TK_NEWNAME : TK_ROLE;
		k->base = p->base;
		k->gcode = p->gcode;
	} else {
		k->kind = c->place ? TK_PLACE : TK_NAME;
		k->base = p->base;
	}
}

static int same_tkey(const tkey *x, const tkey *y)
{
	return x->who == y->who && x->base == y->base && x->gcode == y->gcode &&
	       x->pcode == y->pcode && x->kind == y->kind;
}

static uint32_t tkey_slot(const tkey *k)
{
	uint64_t h = (k->who ^ k->kind) * 0x9e3779b97f4a7c15ull;

	h = (h ^ (uint64_t)(uintptr_t)k->base) * 0xff51afd7ed558ccdull;
	h = (h ^ (uint64_t)(uintptr_t)k->gcode ^ (uint64_t)(uintptr_t)k->pcode << 7) *
	    0xc4ceb9fe1a85ec53ull;
	return (uint32_t)(h >> 40) & (TEXT_SLOTS - 1);
}

/* Adds n bytes at s to the pool (the caller made room); the offset, 0 for "". */
static uint32_t pool_add(struct dyad__wmemo *M, const char *s, size_t n)
{
	uint32_t at = M->npool;

	if (n == 0)
		return 0;
	memcpy(M->pool + at, s, n);
	M->pool[at + n] = '\0';
	M->npool += (uint32_t)n + 1;
	return at | IN_POOL;
}

/* Keeps the texts in the pool for key k in slot e, when there is room;
** 0 when kept. */
static int keep_texts(struct dyad__wmemo *M, tmemo *e, const tkey *k, const texts *t)
{
	size_t bn = strlen(t->bcode);

	if (t->code.n + bn + t->why.n + t->at.n + t->gat.n + 5 > POOL_BYTES - M->npool)
		return -1;
	e->key = *k;
	e->gen = M->gen;
	e->code = pool_add(M, t->code.p, t->code.n);
	e->bcode = pool_add(M, t->bcode, bn);
	e->why = pool_add(M, t->why.p, t->why.n);
	e->at = pool_add(M, t->at.p, t->at.n);
	e->gat = pool_add(M, t->gat.p, t->gat.n);
	return 0;
}

/* The mention's texts: made before in this context, else made now. */
static void mention_texts(work *w, const chainst *c, const parts *p, ment *m)
{
	struct dyad__wmemo *M = w->ctx->wmemo;
	char cb[64], wb[1024], ab[256], gb[256];
	texts t = {{cb, 0, sizeof cb}, "", {wb, 0, sizeof wb}, {ab, 0, sizeof ab}, {gb, 0, sizeof gb}};
	tmemo *e = NULL;
	tkey k;

	if (M) {
		text_key(c, p, &k);
		e = &M->text[tkey_slot(&k)];
		if (e->gen != M->gen || !same_tkey(&e->key, &k)) {
			cb[0] = wb[0] = '\0';
			chain_texts(w, c, p, &t);
			if (keep_texts(M, e, &k, &t) != 0)
				e = NULL;
		}
	}
	if (e) {
		m->code = e->code, m->bcode = e->bcode, m->why = e->why;
		m->at = e->at, m->gat = e->gat;
		return;
	}
	if (!M) {
		cb[0] = wb[0] = '\0';
		chain_texts(w, c, p, &t);
	}
	m->code = text_sb(w->ctx, &t.code);
	m->bcode = t.bcode[0] ? text_add(w->ctx, t.bcode, strlen(t.bcode)) : 0;
	m->why = text_sb(w->ctx, &t.why);
	m->at = text_sb(w->ctx, &t.at);
	m->gat = text_sb(w->ctx, &t.gat);
}

/* Turns a chain into one mention. */
static int emit_chain(work *w, uint32_t sent, const chainst *c)
{
	parts p;
	ment m;

	memset(&m, 0, sizeof m);
	m.sent = sent;
	m.t0 = c->t0;
	m.t1 = c->t1;
	m.name = c->person >= 0 ? c->person : c->base;
	m.agent = c->agent;
	m.base = c->base;
	chain_parts(w, c, &p);
	chain_facts(w, c, &p, &m);
	mention_texts(w, c, &p, &m);
	return push(w, &m);
}
/* ------------------------------------------------------------------ */
/* Pass 3: aliases and coreference                                     */
/* ------------------------------------------------------------------ */

/* Squashed key of token t into out (cap HIST_MAX); its length. */
static size_t tok_key(const dyad_doc *doc, size_t t, char *out)
{
	const dyad__tok *k = &doc->toks[t];
	return squash(dyad__tok_fold(doc->norm, doc->fold, k), k->fold_len, out, HIST_MAX);
}

/* "II", "VI", "Jr": the end of a name that is not a surname. */
static int roman_or_suffix(const dyad_doc *doc, size_t t)
{
	const dyad__tok *k = &doc->toks[t];
	size_t i;

	if (tok_eq(doc, t, "jr") || tok_eq(doc, t, "sr") || tok_eq(doc, t, "jr.") ||
	    tok_eq(doc, t, "sr."))
		return 1;
	for (i = k->start; i < k->end; i++)
		if (!strchr("IVXLCDM", doc->norm[i]))
			return 0;
	return 1;
}

/* A surname learned from a person named in full, for the whole article. */
typedef struct surname {
	char key[HIST_MAX];
	size_t len;
	size_t who;      /* index of the full mention */
} surname;

static int add_surname(work *w, const char *f, size_t fl, size_t who)
{
	surname sn;

	sn.len = squash(f, fl, sn.key, HIST_MAX);
	sn.who = who;
	return sn.len < 3 ? 0 : dyad__buf_append(&w->hits, &sn, sizeof sn);
}

/*
** The surnames of the persons named in full, into w->hits (the hits are
** no longer needed): the last word of the name, and the last part of a
** hyphenated one ("Abdollahian" of "Amir-Abdollahian").
*/
static int learn_surnames(work *w, const ment *ms, size_t n)
{
	const dyad_doc *doc = w->doc;
	size_t i, h;

	w->hits.len = 0;
	for (i = 0; i < n; i++) {
		const dyad__tok *lk = &doc->toks[ms[i].t1 - 1];
		const char *f = dyad__tok_fold(doc->norm, doc->fold, lk);
		if (!ms[i].person || ms[i].t1 - ms[i].t0 < 2)
			continue;
		for (h = lk->fold_len; h > 0 && f[h - 1] != '-'; h--)
			;
		if (add_surname(w, f, lk->fold_len, i) != 0 ||
		    (h > 0 && add_surname(w, f + h, lk->fold_len - h, i) != 0))
			return -1;
	}
	return 0;
}

/*
** Bit (byte & 63) of the first byte of each surname learned. A surname
** key is squashed (squash) and the first byte squash keeps is the first
** byte a walk reads, a word's TW_C0BIT: a word whose bit is clear is no
** surname, known without its key.
*/
static uint64_t surname_firsts(const work *w)
{
	const surname *sn = (const surname *)w->hits.p;
	size_t nsn = DYAD__VEC_LEN(&w->hits, surname), i;
	uint64_t m = 0;

	for (i = 0; i < nsn; i++)
		m |= 1ull << ((unsigned char)sn[i].key[0] & 63);
	return m;
}

/* The person mention whose surname is token t, or -1. */
static long alias_for(const work *w, size_t t)
{
	const dyad_doc *doc = w->doc;
	const surname *sn = (const surname *)w->hits.p;
	size_t nsn = DYAD__VEC_LEN(&w->hits, surname), i;
	char key[HIST_MAX];
	size_t kl;

	if (!nsn || !name_word(doc, t) || roman_or_suffix(doc, t))
		return -1;
	kl = tok_key(doc, t, key);
	for (i = 0; i < nsn; i++)
		if (sn[i].len == kl && memcmp(sn[i].key, key, kl) == 0)
			return (long)sn[i].who;
	return -1;
}

/* "surname of the person named in sentence 3 (...)" */
static int alias_why(work *w, ment *m, const ment *full)
{
	char wb[512], num[24];
	sbuf why = {wb, 0, sizeof wb};
	const dyad_doc *doc = w->doc;
	size_t a = doc->toks[full->t0].start, b = doc->toks[full->t1 - 1].end;

	SB_LIT(&why, "surname of \"");
	sb_put(&why, doc->norm + a, strnlen(doc->norm + a, b - a > 120 ? 120 : b - a));
	SB_LIT(&why, "\" (sentence ");
	sb_put(&why, num, dyad__utoa(num, (unsigned long)full->sent));
	SB_LIT(&why, "), ");
	sb_str(&why, mstr(w->ctx, full->why));
	m->why = text_sb(w->ctx, &why);
	return w->ctx->nomem ? -1 : 0;
}

/* The first token of [t, end) whose word may begin a surname of first
** (surname_firsts), or end. Most tokens are passed over here, by their
** number alone, in a loop that holds nothing else. */
static size_t may_start_surname(const uint32_t *tw, uint64_t first, size_t t, size_t end)
{
	uint32_t x;

	for (; tw && t < end; t++)
		if (!(x = tw[t]) || ((x & TW_C0) && (first >> TW_C0BIT(x) & 1)))
			break;
	return t;
}

/* Mentions of pass 2 come in token order and do not overlap, so one
** cursor tells which tokens they cover. */
static int add_aliases(work *w)
{
	const dyad_doc *doc = w->doc;
	size_t n0 = DYAD__VEC_LEN(&w->ctx->ments, ment), s, t, cur = 0;
	uint64_t first;

	if (learn_surnames(w, (const ment *)w->ctx->ments.p, n0) != 0)
		return -1;
	if (w->hits.len == 0)
		return 0; /* no person named in full: no surname to find */
	first = surname_firsts(w);
	for (s = 0; s < doc->nsents; s++) {
		const dyad__sent *se = &doc->sents[s];
		const size_t end = se->tok0 + se->ntok;
		for (t = may_start_surname(w->tw, first, se->tok0, end); t < end;
		     t = may_start_surname(w->tw, first, t + 1, end)) {
			const ment *ms = (const ment *)w->ctx->ments.p;
			long r;
			ment m;
			if (!name_word(doc, t))
				continue; /* alias_for takes only these: the cursor can wait */
			while (cur < n0 && ms[cur].t1 <= t)
				cur++;
			if ((cur < n0 && ms[cur].t0 <= t) || (r = alias_for(w, t)) < 0)
				continue;
			m = ms[r];
			m.sent = (uint32_t)s;
			m.t0 = (uint32_t)t;
			m.t1 = (uint32_t)t + 1;
			m.how = DYAD_HOW_ALIAS;
			m.conf = 0.75f;
			m.agent = -1;
			m.gat = 0;
			if (alias_why(w, &m, &ms[r]) != 0 || push(w, &m) != 0)
				return -1;
		}
	}
	return 0;
}

static int before(const ment *x, const ment *y)
{
	return x->sent < y->sent || (x->sent == y->sent && x->t0 < y->t0);
}

/* Do the role's country and the person's code agree? */
static int same_country(const work *w, const ment *role, const ment *p)
{
	const char *rc = mstr(w->ctx, role->code), *pc = mstr(w->ctx, p->code);

	return role->base < 0 || strncmp(rc, pc, 3) == 0;
}

static int same_post(const work *w, uint32_t x, uint32_t y)
{
	const dyad__dict *d = w->a->dict;
	return x && y && strcmp(dyad__dict_str(d, x), dyad__dict_str(d, y)) == 0;
}

static void coref_why(work *w, ment *role, const ment *p)
{
	char why[512];
	const dyad_doc *doc = w->doc;
	size_t a = doc->toks[p->t0].start, b = doc->toks[p->t1 - 1].end;

	snprintf(why, sizeof why, "%s; post %s held by \"%.*s\" (sentence %lu)",
		 mstr(w->ctx, role->why), dyad__dict_str(w->a->dict, role->post),
		 (int)(b - a > 120 ? 120 : b - a), doc->norm + a, (unsigned long)p->sent);
	role->why = text_add(w->ctx, why, strlen(why));
}

/* Does the person of mention p hold post (a pool offset) on the date? By
** the title the article gave, or by any code valid on the date of any
** entry sharing the name: Qatar's prime minister is also its foreign
** minister, in two files. */
static int holds_post(const work *w, const ment *p, uint32_t post)
{
	const struct dyad__actors *a = w->a;
	const char *want = dyad__dict_str(a->dict, post);
	const dyad__entry *e;
	uint32_t i = 0, k;

	if (same_post(w, p->post, post))
		return 1;
	if (p->name < 0)
		return 0;
	while ((e = next_actor(a, p->name, &i)) != NULL)
		for (k = 0; k < e->ncodes; k++) {
			const dyad__code *c = dyad__dict_code_at(a->dict, e->code0 + k);
			if (c->post && strcmp(dyad__dict_str(a->dict, c->post), want) == 0 &&
			    (!w->date || ((!c->from || w->date >= c->from) && (!c->to || w->date <= c->to))))
				return 1;
		}
	return 0;
}

/* "the FM", "the top Iranian diplomat": the person holding the post in
** this article, the nearest before the role, else the nearest after. */
static void resolve_roles(work *w)
{
	ment *ms = (ment *)w->ctx->ments.p;
	size_t n = DYAD__VEC_LEN(&w->ctx->ments, ment), i, j;

	for (i = 0; i < n; i++) {
		long best = -1;
		if (ms[i].how != DYAD_HOW_ROLE || ms[i].candidate || !ms[i].post)
			continue;
		for (j = 0; j < n; j++) {
			if (!ms[j].person || ms[j].how == DYAD_HOW_COREF ||
			    !holds_post(w, &ms[j], ms[i].post) || !same_country(w, &ms[i], &ms[j]))
				continue;
			if (best < 0 || (before(&ms[j], &ms[i]) &&
					 (!before(&ms[best], &ms[i]) || before(&ms[best], &ms[j]))) ||
			    (!before(&ms[best], &ms[i]) && !before(&ms[j], &ms[i]) && before(&ms[j], &ms[best])))
				best = (long)j;
		}
		if (best < 0)
			continue;
		coref_why(w, &ms[i], &ms[best]);
		ms = (ment *)w->ctx->ments.p;
		ms[i].how = DYAD_HOW_COREF;
		ms[i].code = ms[best].code;
		ms[i].name = ms[best].name;
		ms[i].label = ms[best].label;
		ms[i].at = ms[best].at;
		ms[i].conf = 0.6f;
	}
}

static int cmp_ment(const void *x, const void *y)
{
	const ment *a = x, *b = y;

	if (a->sent != b->sent)
		return a->sent < b->sent ? -1 : 1;
	return a->t0 < b->t0 ? -1 : a->t0 > b->t0;
}

/*
** Sorts the mentions by sentence and token. Pass 2's come in order and
** the aliases, in order too, go after them, so an insertion sort moves
** only the few aliases; one that would move many mentions hands over to
** qsort. Both keep mentions that start at one token in the order they
** were made (glibc's qsort is a merge sort).
*/
static void sort_ments(ment *ms, size_t n)
{
	size_t i, j, moved = 0;

	for (i = 1; i < n; i++) {
		ment x = ms[i];
		for (j = i; j > 0 && cmp_ment(&ms[j - 1], &x) > 0; j--)
			ms[j] = ms[j - 1];
		ms[j] = x;
		moved += i - j;
		if (moved > 4 * n + 64) {
			qsort(ms, n, sizeof *ms, cmp_ment);
			return;
		}
	}
}

/* ------------------------------------------------------------------ */
/* API                                                                 */
/* ------------------------------------------------------------------ */

/* The document's date as YYYYMMDD: a month counts as its 15th, a year
** as 1 July, so periods that hold most of it win. */
static int32_t doc_date(const dyad_doc *doc)
{
	const char *s = doc->info.date;
	int y, m = 7, d = 1;
	size_t n = strlen(s), i;

	for (i = 0; i < n && ((s[i] >= '0' && s[i] <= '9') || i == 4 || i == 7); i++)
		;
	if (i == n && (n == 4 || (n == 7 && s[4] == '-') ||
		       (n == 10 && s[4] == '-' && s[7] == '-'))) { /* as dates.c writes it */
		y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		if (n >= 7)
			m = (s[5] - '0') * 10 + (s[6] - '0'), d = 15;
		if (n == 10)
			d = (s[8] - '0') * 10 + (s[9] - '0');
		return (int32_t)(y * 10000 + m * 100 + d);
	}
	if (strlen(s) < 4 || sscanf(s, "%4d", &y) != 1)
		return 0;
	if (strlen(s) >= 7 && sscanf(s + 5, "%2d", &m) == 1)
		d = 15;
	if (strlen(s) >= 10)
		sscanf(s + 8, "%2d", &d);
	return (int32_t)(y * 10000 + m * 100 + d);
}

static int run_sentences(work *w)
{
	const dyad_doc *doc = w->doc;
	size_t s;

	for (s = 0; s < doc->nsents; s++) {
		const dyad__sent *se = &doc->sents[s];
		size_t k = 0, nh;
		const hit *h;
		if (sentence_hits(w, se->tok0, se->tok0 + se->ntok) != 0)
			return -1;
		h = (const hit *)w->hits.p;
		nh = DYAD__VEC_LEN(&w->hits, hit);
		while (k < nh) {
			chainst c;
			read_chain(w, h, nh, k, se->tok0, se->tok0 + se->ntok, &c);
			if (emit_chain(w, (uint32_t)s, &c) != 0)
				return -1;
			k = c.next;
		}
	}
	return 0;
}

dyad_status dyad_doc_actors(const dyad_doc *cdoc, size_t *n)
{
	dyad_ctx *ctx = cdoc->ctx;
	work w;
	int rc, fresh;

	*n = 0;
	if (!ctx->eng->actors)
		return dyad__msg(ctx->msg, DYAD_BADARG, "the engine was made without actor dictionaries");
	if (!ctx->doc.norm)
		return dyad__msg(ctx->msg, DYAD_BADARG, "no document processed");
	memset(&w, 0, sizeof w);
	w.ctx = ctx;
	w.a = ctx->eng->actors;
	w.doc = &ctx->doc;
	w.date = doc_date(&ctx->doc);
	w.hits = ctx->scratch; /* reused across documents */
	w.hits.len = 0;
	/* dyad_ctx_process empties the mentions: a new document, or one whose
	** mentions no caller can hold. */
	fresh = ctx->ments.len == 0;
	ctx->ments.len = ctx->mtext.len = 0;
	w.tw = number_words(ctx, w.a, w.doc, fresh);
	rc = run_sentences(&w);
	if (rc == 0)
		rc = add_aliases(&w);
	ctx->scratch = w.hits;
	if (rc != 0 || ctx->nomem)
		return dyad__msg(ctx->msg, DYAD_NOMEM, "out of memory finding actors");
	resolve_roles(&w);
	sort_ments((ment *)ctx->ments.p, DYAD__VEC_LEN(&ctx->ments, ment));
	*n = DYAD__VEC_LEN(&ctx->ments, ment);
	return DYAD_OK;
}

/* The first name of the entry of name, or "". */
static const char *label_of(const dyad__dict *d, long name)
{
	const dyad__entry *e;

	if (name < 0)
		return "";
	e = dyad__dict_entry_at(d, dyad__dict_name_at(d, (size_t)name)->entry);
	return dyad__dict_str(d, dyad__dict_name_at(d, e->name0)->text);
}

/* Mention i of the current document, or NULL past the last. */
static const ment *ment_at(const dyad_ctx *ctx, size_t i)
{
	return i < DYAD__VEC_LEN(&ctx->ments, ment) ? &((const ment *)ctx->ments.p)[i] : NULL;
}

dyad_status dyad_doc_mention(const dyad_doc *cdoc, size_t i, dyad_mention *out)
{
	const dyad_ctx *ctx = cdoc->ctx;
	const ment *m;
	const dyad_doc *doc = &ctx->doc;
	size_t a, b;

	if (!(m = ment_at(ctx, i)))
		return DYAD_NOTFOUND;
	memset(out, 0, sizeof *out);
	out->sent = m->sent;
	a = doc->toks[m->t0].start;
	b = doc->toks[m->t1 - 1].end;
	dyad__map_span(doc, a, b, &out->start, &out->end);
	out->text = doc->norm + a;
	out->text_len = b - a;
	out->code = mstr(ctx, m->code);
	out->how = (dyad_how)m->how;
	out->label = m->label ? mstr(ctx, m->label) : label_of(ctx->eng->actors->dict, m->name);
	out->entry = mstr(ctx, m->at);
	out->agent = mstr(ctx, m->gat);
	out->post = m->post ? dyad__dict_str(ctx->eng->actors->dict, m->post) : "";
	out->confidence = m->conf;
	out->candidate = m->candidate;
	out->explain = mstr(ctx, m->why);
	return DYAD_OK;
}

int dyad__mention_peek(const dyad_ctx *ctx, size_t i, dyad_how *how, const char **code,
		       int *role_only)
{
	const ment *m = ment_at(ctx, i);

	if (!m)
		return -1;
	*how = (dyad_how)m->how;
	*code = mstr(ctx, m->code);
	*role_only = m->gat && *mstr(ctx, m->gat) && !*mstr(ctx, m->at) && !m->candidate;
	return 0;
}

const char *dyad__mention_base(const dyad_ctx *ctx, size_t i)
{
	const ment *m = ment_at(ctx, i);

	return m ? mstr(ctx, m->bcode ? m->bcode : m->code) : "";
}

int dyad__mention_toks(const dyad_ctx *ctx, size_t i, uint32_t *sent, uint32_t *t0,
		       uint32_t *t1)
{
	const ment *m = ment_at(ctx, i);

	if (!m)
		return -1;
	*sent = m->sent;
	*t0 = m->t0;
	*t1 = m->t1;
	return 0;
}
