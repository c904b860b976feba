/*
** patterns.h — the one verb-pattern model every reader fills, and the
** lexicon the coder (events.c) looks words up in.
**
** Three formats feed it (patterns.c): dyad's own (docs/patterns.md),
** TABARI .verbs files and PETRARCH-1 verb pattern files. All become
** groups of verbs sharing a pattern list; a verb has forms (word
** sequences) and may override its group's code. Every word a dictionary
** uses (verb forms, pattern words, synonym-set members, nouns and
** adjectives) is interned once in a byte trie, by how it matches: as a
** stem, as a whole word with regular endings, or exactly. Per sentence the
** coder walks each text word through the trie once and gets the list of
** dictionary words it matches; everything after that compares integers.
** The model is immutable after load and shared by all threads.
*/
#ifndef DYAD_PATTERNS_H
#define DYAD_PATTERNS_H

#include <stddef.h>
#include <stdint.h>

#include "dyad_int.h"

/* How a dictionary word matches a text word. */
enum {
	DYAD__W_STEM = 0,  /* any word that begins with it */
	DYAD__W_WORD = 1,  /* the word, or it plus -s -es -ed -en -ing 's */
	DYAD__W_EXACT = 2  /* the word only */
};

/* Word classes: TABARI <NOUN>/<ADJECTIVE> (§5.3.2) and the closed-class
** words of data/grammar.txt. */
enum {
	DYAD__C_NOUN = 1u << 0, DYAD__C_ADJ = 1u << 1, DYAD__C_DET = 1u << 2,
	DYAD__C_AUX = 1u << 3, DYAD__C_BY = 1u << 4, DYAD__C_PRON_HE = 1u << 5,
	DYAD__C_PRON_HIS = 1u << 6, DYAD__C_PRON_THEY = 1u << 7, DYAD__C_CONJ = 1u << 8,
	DYAD__C_NEG = 1u << 9, DYAD__C_MODAL = 1u << 10, DYAD__C_INTENT = 1u << 11,
	DYAD__C_REPORT = 1u << 12, DYAD__C_PREP = 1u << 13, DYAD__C_REL = 1u << 14,
	DYAD__C_PROPOSAL = 1u << 15, DYAD__C_INCLUDING = 1u << 16,
	DYAD__C_SUBORD = 1u << 17, DYAD__C_LOCATIVE = 1u << 18
};

/* The classes of the words that may let a sentence naming no actor be
** coded: pronouns standing in for one, and "the proposal". */
#define DYAD__C_STANDS_IN \
	(DYAD__C_PRON_HE | DYAD__C_PRON_HIS | DYAD__C_PRON_THEY | DYAD__C_PROPOSAL)

/* Pattern elements. */
enum {
	DYAD__PE_WORD = 0, /* arg: word id */
	DYAD__PE_SYN,      /* arg: synset index */
	DYAD__PE_VERB,     /* '*' */
	DYAD__PE_SRC,      /* '$' */
	DYAD__PE_TGT,      /* '+' */
	DYAD__PE_CMP,      /* '%' */
	DYAD__PE_SKIP      /* '^' */
};
/* Element flags: the next element must start right where this one ends;
** a synonym set tries only its one-word members (the others were expanded
** into sibling patterns at load). */
#define DYAD__PE_ADJ 1u
#define DYAD__PE_ONES 2u

typedef struct dyad__pel {
	uint8_t kind, flags;
	uint32_t arg;
} dyad__pel;

/* Kinds of code. */
enum {
	DYAD__VC_NONE = 0, /* no code given (a verb that only its group codes) */
	DYAD__VC_EVENT,    /* an event code, maybe paired */
	DYAD__VC_NULL,     /* [---]: matches, codes nothing */
	DYAD__VC_DISCARD,  /* [###] */
	DYAD__VC_COMPLEX   /* [+++] */
};
/* Priorities (§6.6). */
enum { DYAD__VP_NORMAL = 0, DYAD__VP_SUBORD = 1, DYAD__VP_DOMINANT = 2 };

typedef struct dyad__vcode {
	char a[12], b[12]; /* event code, and the paired reverse code or "" */
	uint8_t kind;      /* DYAD__VC_* */
	uint8_t prio;      /* DYAD__VP_* */
} dyad__vcode;

#define DYAD__PAT_NEED 4

/* A pattern: elements [el0, el0 + nel) of the element pool. */
typedef struct dyad__pat {
	uint32_t el0;
	uint16_t nel, verb;  /* verb: index of '*' within the pattern */
	uint16_t len;        /* letters and digits: longer patterns go first */
	uint8_t designates;  /* 1 source, 2 target, 4 compound: set by the pattern */
	dyad__vcode code;
	uint32_t file, line; /* where it was written */
	uint32_t text;       /* the pattern as written (pool offset) */
	/* Word ids the pattern cannot match without, fewest-used first (set by
	** dyad__patterns_finish); UINT32_MAX ends the list. The coder skips a
	** pattern whose needed word is not in the sentence before trying it. */
	uint32_t need[DYAD__PAT_NEED];
	/* Its synsets likewise (by dyad__patterns_finish): bit s for a synset
	** s < 64; needsynx: one numbered 64 or more. */
	uint64_t needsyn;
	uint8_t needsynx;
} dyad__pat;

/*
** The coder tests far more patterns for their needed words and synsets
** than it tries, so that test reads these 16 bytes, four to a cache line
** in pattern order, instead of the pattern itself (by
** dyad__patterns_finish). A needed word is kept as its low
** DYAD__SEEN_BITS bits, which is all the coder's test of it reads.
*/
#define DYAD__SEEN_BITS 12
#define DYAD__PF_COUNT_AT (DYAD__PAT_NEED * DYAD__SEEN_BITS)
#define DYAD__PF_SYNX (1ull << (DYAD__PF_COUNT_AT + 3))
typedef struct dyad__pfilt {
	uint64_t needsyn;    /* as the pattern's */
	uint64_t need;       /* need[i]'s low bits at bit i * DYAD__SEEN_BITS; their
			     ** count at DYAD__PF_COUNT_AT (3 bits); DYAD__PF_SYNX: needsynx */
} dyad__pfilt;

typedef struct dyad__vgroup {
	uint32_t pat0, npat; /* patterns, longest first */
	uint32_t b0, nb;     /* its buckets (dyad__pbucket), by dyad__patterns_finish */
	/* A group with many buckets also has a table from word to bucket, for
	** a sentence with fewer words than it has buckets: h0 into
	** dyad__pat_bhash, hmask + 1 slots (hmask 0: none), each 0 or a
	** bucket index + 1 in the low 16 bits and its word's dyad__bhash_tag
	** in the high ones; wild: the no-word bucket's index + 1, or 0. */
	uint32_t h0, hmask, wild;
	dyad__vcode code;    /* default code */
	uint32_t file, line;
	uint32_t label;      /* pool offset of the group's name */
} dyad__vgroup;

/* A group's patterns that share their rarest needed word (need[0]), as
** indices within the group, ascending; word UINT32_MAX for the patterns
** that need no word. A sentence without the word rules out the whole
** bucket, so the coder looks at a group's few buckets instead of its
** hundreds of patterns. */
typedef struct dyad__pbucket {
	uint32_t word;
	uint32_t off, n;     /* into dyad__pat_bpats */
} dyad__pbucket;

typedef struct dyad__verb {
	uint32_t group;
	dyad__vcode code;    /* own code; kind NONE means the group's */
	uint8_t noun;        /* a nominal event word: not shifted to a noun */
	uint8_t dominant;    /* has a dominant pattern (set by dyad__patterns_finish) */
	uint32_t file, line;
	uint32_t text;       /* the verb as written */
} dyad__verb;

/* A form of a verb: words [w0, w0 + nw) of the form-word pool, adjacent
** unless gaps says otherwise. */
typedef struct dyad__vform {
	uint32_t verb;
	uint32_t w0, nw;
	uint32_t gaps;       /* bit j: other words may come before word j (TABARI blanks) */
	uint32_t next;       /* next form whose first word is the same + 1, 0 = none */
	uint32_t klen0;      /* bytes in its first word's key (by dyad__patterns_finish) */
} dyad__vform;

/* A lexicon word. */
typedef struct dyad__lword {
	uint32_t key;        /* pool offset of its key (lower case) */
	uint8_t how;         /* DYAD__W_* */
	uint8_t pat;         /* a word element of some pattern (by dyad__patterns_finish) */
	uint32_t cls;        /* DYAD__C_* */
	uint32_t form;       /* first form starting with this word + 1, 0 = none */
} dyad__lword;

/* A synonym set: member sequences are element ranges; a one-word member
** is also in the sorted single-word list, for a binary search. */
typedef struct dyad__synset {
	uint32_t name;       /* pool offset */
	uint32_t mem0, nmem; /* into the member table (pairs el0, nel) */
	uint32_t one0, none; /* sorted word ids of one-word members */
} dyad__synset;

typedef struct dyad__patterns dyad__patterns;

/* ---- what the coder reads -------------------------------------- */

/*
** Dictionary words that text word w (its fold key, n bytes) matches,
** appended to out (uint32 ids); returns how many, or -1 out of memory.
** Only after dyad__patterns_finish.
*/
int dyad__lex_match(const dyad__patterns *p, const char *w, size_t n, dyad__buf *out);

/* Does the key of a lexicon word of a DYAD__C_STANDS_IN class begin
** f[0, n)? Lexicon words match a text word by key, stem or key with an
** ending, so one whose key begins it may match it. */
int dyad__pat_stands_in(const dyad__patterns *p, const char *f, size_t n);
const dyad__lword *dyad__lex_word(const dyad__patterns *p, uint32_t id);
const dyad__vform *dyad__pat_form(const dyad__patterns *p, uint32_t i);
const uint32_t *dyad__pat_formwords(const dyad__patterns *p);
const dyad__verb *dyad__pat_verb(const dyad__patterns *p, uint32_t i);
const dyad__vgroup *dyad__pat_group(const dyad__patterns *p, uint32_t i);
const dyad__pat *dyad__pat_at(const dyad__patterns *p, uint32_t i);
/* Every pattern's dyad__pfilt, indexed as dyad__pat_at. */
const dyad__pfilt *dyad__pat_filters(const dyad__patterns *p);
const dyad__pel *dyad__pat_elems(const dyad__patterns *p);
const dyad__synset *dyad__pat_synset(const dyad__patterns *p, uint32_t i);
/* Member m of a synset: elements [*el0, *el0 + return). */
uint32_t dyad__pat_member(const dyad__patterns *p, uint32_t m, uint32_t *el0);
const uint32_t *dyad__pat_ones(const dyad__patterns *p);
/* Every group's buckets, and the pattern indices they hold. */
const dyad__pbucket *dyad__pat_buckets(const dyad__patterns *p);
const uint32_t *dyad__pat_bpats(const dyad__patterns *p);
const uint32_t *dyad__pat_bhash(const dyad__patterns *p);
static inline uint32_t dyad__bhash_slot(uint32_t word, uint32_t mask)
{
	return (word * 2654435761u) & mask;
}
/* A word's 16 bits kept in its slot, so that a probe passes over other
** words' slots without reading their buckets. */
static inline uint32_t dyad__bhash_tag(uint32_t word)
{
	return (word * 0x85ebca6bu) >> 16;
}
/* The synsets lexicon word id is a one-word member of: *n of them. */
const uint32_t *dyad__lex_synsets(const dyad__patterns *p, uint32_t id, uint32_t *n);
/* The most patterns any one group has. */
uint32_t dyad__pat_max_npat(const dyad__patterns *p);
const char *dyad__pat_str(const dyad__patterns *p, uint32_t off);
/* Does any pattern's code carry '!' (dominant)? Then a clause is read to
** its end. */
int dyad__pat_has_dominant(const dyad__patterns *p);
const char *dyad__pat_file(const dyad__patterns *p, uint32_t file);

/* ---- loading (also used by tests and the fuzz target) ----------- */

/* Pattern file formats. */
typedef enum { DYAD__PF_DYAD = 0, DYAD__PF_TABARI, DYAD__PF_PETRARCH } dyad__pformat;

/* An empty model; NULL out of memory. irregular may be NULL (no table). */
dyad__patterns *dyad__patterns_new(void);
/* Reads one file's bytes (any bytes) into p, every bad line reported as
** "path:line:col: reason". Returns 0, or -1 out of memory. */
int dyad__patterns_read(dyad__patterns *p, const char *path, dyad__pformat fmt,
			const char *buf, size_t n);
/* Reads TABARI <NOUN>/<ADJECTIVE> sections of an actors file. */
int dyad__patterns_read_classes(dyad__patterns *p, const char *buf, size_t n);
/* Sorts patterns and links forms; call once after the last read. */
int dyad__patterns_finish(dyad__patterns *p);
size_t dyad__patterns_ndiag(const dyad__patterns *p);
const char *dyad__patterns_diag(const dyad__patterns *p, size_t i);
void dyad__patterns_stats(const dyad__patterns *p, dyad_pattern_stats *out);
/* Is this file (by name and first bytes) a verbs file, and which? */
int dyad__patterns_sniff(const char *path, const char *buf, size_t n, dyad__pformat *fmt);

#endif /* DYAD_PATTERNS_H */
