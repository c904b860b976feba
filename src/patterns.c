/*
** patterns.c — verb dictionaries in, one pattern model and lexicon out.
**
** The readers (dyad's format, TABARI .verbs, PETRARCH-1 verb patterns; see
** docs/patterns.md) share one line-level toolkit: a pattern parser that
** turns "- $ * WITH_{ A | B } + [040:040]" into element sequences (an
** alternative set is expanded into one pattern per choice, since sets are
** rare and short, while synonym sets stay one element because they can be
** long), a code parser, and the builder that interns words. Words are
** interned by how they match (stem, word with endings, exact) in a byte
** trie (trie.h); at the end patterns are sorted longest first within
** their group, each gets the words it cannot match without (so the coder
** rules most out with a bit test), the trie is laid out for lookups, and
** verb forms are linked from their first word so the coder finds the
** verbs at a word by looking at the words it matches.
*/
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "inflect.h"
#include "patterns.h"
#include "trie.h"

#define NO_NODE UINT32_MAX
#define SEQ_MAX 48   /* elements in one pattern */
#define ALT_MAX 64   /* patterns one line may expand to */
#define KEY_MAX 128  /* bytes of one word */

typedef struct tseq {
	dyad__pel e[SEQ_MAX];
	int n;
	int len;
} tseq;

struct dyad__patterns {
	dyad__buf pool;     /* strings; offset 0 is "" */
	dyad__buf nodes;    /* uint32_t[3] per trie node: id + 1 per how */
	uint64_t *edges;
	size_t edge_mask, nedges;
	dyad__ctrie trie;   /* the trie laid out for lookups, by dyad__patterns_finish */
	uint32_t *tnodes;   /* nodes' ids again, under trie's numbering */
	dyad__pbucket *bucks; /* groups' patterns by need[0] (index_needs) */
	uint32_t *bpats;    /* the buckets' pattern indices */
	uint32_t max_npat;
	uint32_t *bhash;    /* groups' word -> bucket tables */
	dyad__pfilt *filt;  /* per pattern, what may_match reads (pack_filters) */
	uint32_t *wsyn0;    /* per lexicon word, its synsets: wsyns[wsyn0[id] .. wsyn0[id + 1]) */
	uint32_t *wsyns;
	dyad__buf words;    /* dyad__lword */
	dyad__buf forms;    /* dyad__vform */
	dyad__buf formw;    /* uint32_t word ids */
	dyad__buf verbs;    /* dyad__verb */
	dyad__buf groups;   /* dyad__vgroup */
	dyad__buf pats;     /* dyad__pat */
	dyad__buf elems;    /* dyad__pel */
	dyad__buf syns;     /* dyad__synset */
	dyad__buf members;  /* uint32_t pairs: el0, nel */
	dyad__buf ones;     /* uint32_t word ids, per synset sorted */
	dyad__buf files;    /* uint32_t pool offsets of paths */
	char **diags;
	size_t ndiags, diag_cap, warnings;
	dyad__irregular *irr;
	int nomem;
	int dominant;       /* some pattern's code is dominant ('!'): coders look further */
	/* The keys of the DYAD__C_STANDS_IN words, each a length byte and its
	** bytes, and their first bytes, one bit each (dyad__patterns_finish). */
	dyad__buf standin;
	uint64_t standin_first[4];
	dyad_pattern_stats stats;
};

/* ------------------------------------------------------------------ */
/* Storage                                                             */
/* ------------------------------------------------------------------ */

static int push(dyad__patterns *p, dyad__buf *b, const void *x, size_t n)
{
	if (dyad__buf_append(b, x, n) != 0) {
		p->nomem = 1;
		return -1;
	}
	return 0;
}

static uint32_t str_add(dyad__patterns *p, const char *s, size_t n)
{
	uint32_t off = (uint32_t)p->pool.len;
	char z = 0;

	if (push(p, &p->pool, s, n) != 0 || push(p, &p->pool, &z, 1) != 0)
		return 0;
	return off;
}

const char *dyad__pat_str(const dyad__patterns *p, uint32_t off)
{
	return p->pool.p + off;
}

static void diag(dyad__patterns *p, uint32_t file, uint32_t line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void diag(dyad__patterns *p, uint32_t file, uint32_t line, const char *fmt, ...)
{
	char msg[512];
	int k;
	va_list ap;

	k = snprintf(msg, sizeof msg, "%s:%u: ", dyad__pat_file(p, file), line);
	if (k < 0 || (size_t)k >= sizeof msg - 1)
		k = (int)sizeof msg - 1; /* a long path: the message is cut */
	va_start(ap, fmt);
	vsnprintf(msg + k, sizeof msg - (size_t)k, fmt, ap);
	va_end(ap);
	if (p->ndiags == p->diag_cap) {
		size_t cap = p->diag_cap ? p->diag_cap * 2 : 16;
		char **d = realloc(p->diags, cap * sizeof *d);
		if (!d) {
			p->nomem = 1;
			return;
		}
		p->diags = d;
		p->diag_cap = cap;
	}
	if (!(p->diags[p->ndiags] = strdup(msg))) {
		p->nomem = 1;
		return;
	}
	p->ndiags++;
	p->warnings++;
}

/* ------------------------------------------------------------------ */
/* The lexicon trie                                                    */
/* ------------------------------------------------------------------ */

static uint32_t child(const dyad__patterns *p, uint32_t node, unsigned char c)
{
	uint64_t key = ((uint64_t)node << 8 | c) + 1;
	size_t i = dyad__hash_u64(key) & p->edge_mask;

	for (;; i = (i + 1) & p->edge_mask) {
		uint64_t e = p->edges[i];
		if (e == 0)
			return NO_NODE;
		if (e >> 32 == key)
			return (uint32_t)e;
	}
}

static int grow_edges(dyad__patterns *p)
{
	size_t cap = (p->edge_mask + 1) * 2, i;
	uint64_t *old = p->edges, *e = calloc(cap, sizeof *e);

	if (!e)
		return -1;
	for (i = 0; i <= p->edge_mask; i++) {
		size_t j;
		if (!old[i])
			continue;
		for (j = dyad__hash_u64(old[i] >> 32) & (cap - 1); e[j]; j = (j + 1) & (cap - 1))
			;
		e[j] = old[i];
	}
	free(old);
	p->edges = e;
	p->edge_mask = cap - 1;
	return 0;
}

static uint32_t add_child(dyad__patterns *p, uint32_t node, unsigned char c)
{
	uint32_t k = child(p, node, c), z[3] = {0, 0, 0};
	uint64_t key = ((uint64_t)node << 8 | c) + 1;
	size_t i;

	if (k != NO_NODE)
		return k;
	if ((p->nedges + 1) * 2 > p->edge_mask + 1 && grow_edges(p) != 0) {
		p->nomem = 1;
		return NO_NODE;
	}
	k = (uint32_t)DYAD__VEC_LEN(&p->nodes, z);
	if (push(p, &p->nodes, z, sizeof z) != 0)
		return NO_NODE;
	for (i = dyad__hash_u64(key) & p->edge_mask; p->edges[i]; i = (i + 1) & p->edge_mask)
		;
	p->edges[i] = key << 32 | k;
	p->nedges++;
	return k;
}

/* The id of word key[0..n) matching as how; interned on first use. */
static uint32_t intern(dyad__patterns *p, const char *key, size_t n, int how)
{
	uint32_t node = 0, *slot;
	size_t i;
	dyad__lword w;

	for (i = 0; i < n && node != NO_NODE; i++)
		node = add_child(p, node, (unsigned char)key[i]);
	if (node == NO_NODE)
		return 0;
	slot = &((uint32_t *)p->nodes.p)[node * 3 + (unsigned)how];
	if (*slot)
		return *slot - 1;
	memset(&w, 0, sizeof w);
	w.key = str_add(p, key, n);
	w.how = (uint8_t)how;
	if (push(p, &p->words, &w, sizeof w) != 0)
		return 0;
	slot = &((uint32_t *)p->nodes.p)[node * 3 + (unsigned)how];
	*slot = (uint32_t)DYAD__VEC_LEN(&p->words, dyad__lword);
	return *slot - 1;
}

/* Endings a whole word may take (TABARI §5.2.3, plus -d for "agreed"). */
static int regular_ending(const char *s, size_t n)
{
	static const char *const end[] = {"s", "es", "ed", "d", "en", "ing", "'s", "’s"};
	size_t i;

	for (i = 0; i < sizeof end / sizeof *end; i++)
		if (strlen(end[i]) == n && memcmp(end[i], s, n) == 0)
			return 1;
	return 0;
}

/* Ids found by a lookup, gathered locally and appended together: a
** sentence's words make millions of lookups over a corpus. */
typedef struct lexout {
	uint32_t id[32];
	int n, total;
	dyad__buf *out;
} lexout;

static int lex_put(lexout *o, uint32_t id1)
{
	if (o->n == 32) {
		if (dyad__buf_append(o->out, o->id, sizeof o->id) != 0)
			return -1;
		o->n = 0;
	}
	o->id[o->n++] = id1 - 1;
	o->total++;
	return 0;
}

int dyad__lex_match(const dyad__patterns *p, const char *w, size_t n, dyad__buf *out)
{
	const uint32_t *nd = p->tnodes;
	uint32_t node = 0;
	size_t i;
	lexout o;

	o.n = o.total = 0;
	o.out = out;
	for (i = 0;; i++) {
		const uint32_t *ids = nd + node * 3;
		if (p->trie.node[node].user) { /* else no word ends here */
			if ((i > 0 && ids[DYAD__W_STEM] && lex_put(&o, ids[DYAD__W_STEM]) != 0) ||
			    (i > 0 && ids[DYAD__W_WORD] && (i == n || regular_ending(w + i, n - i)) &&
			     lex_put(&o, ids[DYAD__W_WORD]) != 0) ||
			    (i == n && ids[DYAD__W_EXACT] && lex_put(&o, ids[DYAD__W_EXACT]) != 0))
				return -1;
		}
		if (i == n || (node = dyad__ctrie_child(&p->trie, node, (unsigned char)w[i])) == NO_NODE)
			break;
	}
	if (o.n && dyad__buf_append(out, o.id, (size_t)o.n * 4) != 0)
		return -1;
	return o.total;
}

/* Lays the trie out for lookups (trie.h); the building table stays, so
** more files may still be read and finished again. */
static int lay_out(dyad__patterns *p)
{
	size_t i, n = DYAD__VEC_LEN(&p->nodes, uint32_t[3]);
	uint32_t *newid, *t = malloc(n * 3 * sizeof *t);

	if (!t || dyad__ctrie_build(&p->trie, p->edges, p->edge_mask, n, &newid) != 0) {
		free(t);
		return -1;
	}
	for (i = 0; i < n; i++) {
		const uint32_t *ids = (const uint32_t *)p->nodes.p + 3 * i;
		memcpy(t + 3 * newid[i], ids, 3 * sizeof *t);
		p->trie.node[newid[i]].user = ids[0] || ids[1] || ids[2];
	}
	free(newid);
	free(p->tnodes);
	p->tnodes = t;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Pattern text                                                        */
/* ------------------------------------------------------------------ */

typedef struct lexer {
	const char *s;
	size_t i, n;
	dyad__pformat fmt;
	int synset;        /* parsing a synonym-set member: words are adjacent */
	const char *err;   /* first problem, or NULL */
} lexer;

static int special(int c)
{
	return c == ' ' || c == '\t' || c == '_' || c == '~' || c == '=' || c == '{' ||
	       c == '}' || c == '|' || c == '*' || c == '$' || c == '+' || c == '%' ||
	       c == '^' || c == '&' || c == '-';
}

static uint32_t synset_named(const dyad__patterns *p, const char *s, size_t n)
{
	size_t i, ns = DYAD__VEC_LEN(&p->syns, dyad__synset);

	for (i = ns; i-- > 0;) {
		const char *name = p->pool.p + DYAD__VEC_AT(&p->syns, dyad__synset, i).name;
		if (strlen(name) == n && memcmp(name, s, n) == 0)
			return (uint32_t)i + 1;
	}
	return 0;
}

/* Appends e to every sequence of the set. */
static void set_add(tseq *set, int nset, dyad__pel e, int len)
{
	int i;

	for (i = 0; i < nset; i++) {
		if (set[i].n < SEQ_MAX) {
			set[i].e[set[i].n++] = e;
			set[i].len += len;
		}
	}
}

static void set_adj(tseq *set, int nset)
{
	int i;

	for (i = 0; i < nset; i++)
		if (set[i].n > 0)
			set[i].e[set[i].n - 1].flags |= DYAD__PE_ADJ;
}

/* After a token: '_' (or, in synonym sets, a blank) joins it to the next. */
static void joiner(lexer *lx, tseq *set, int nset)
{
	size_t j = lx->i;

	if (lx->synset)
		while (j < lx->n && (lx->s[j] == ' ' || lx->s[j] == '\t'))
			j++;
	if (j < lx->n && lx->s[j] == '_') {
		j++;
	} else if (!lx->synset || j == lx->i) {
		return;
	}
	if (j < lx->n && lx->s[j] != ' ' && lx->s[j] != '\t' && lx->s[j] != '|' && lx->s[j] != '}')
		set_adj(set, nset);
	lx->i = j;
}

/* A word at lx->i: its key, how it matches, and the joiner after it. */
static void lex_word(dyad__patterns *p, lexer *lx, tseq *set, int nset)
{
	char key[KEY_MAX];
	size_t k = 0;
	int how = lx->fmt == DYAD__PF_TABARI ? DYAD__W_STEM : DYAD__W_WORD;
	dyad__pel e = {DYAD__PE_WORD, 0, 0};

	while (lx->i < lx->n && !special((unsigned char)lx->s[lx->i])) {
		if (k < KEY_MAX)
			key[k++] = (char)tolower((unsigned char)lx->s[lx->i]);
		lx->i++;
	}
	if (lx->i < lx->n && lx->s[lx->i] == '=') {
		how = DYAD__W_EXACT;
		lx->i++;
	} else if (lx->i < lx->n && lx->s[lx->i] == '~') {
		how = DYAD__W_STEM;
		lx->i++;
		if (lx->fmt == DYAD__PF_TABARI) { /* "XXXX~ YYYY": YYYY follows at once */
			e.arg = intern(p, key, k, how);
			set_add(set, nset, e, (int)k);
			set_adj(set, nset);
			return;
		}
	} else if (lx->i < lx->n && lx->s[lx->i] == '_' && lx->fmt != DYAD__PF_DYAD) {
		/* In TABARI patterns and synonym sets "WORD_" takes no ending
		** ("KRONER_" does not match "kroneren", validation SYNSET-19b). */
		how = lx->fmt == DYAD__PF_TABARI ? DYAD__W_EXACT : DYAD__W_WORD;
	}
	e.arg = intern(p, key, k, how);
	set_add(set, nset, e, (int)k);
	if (lx->i < lx->n && lx->s[lx->i] == '-') { /* hyphens are joiners (§5.2) */
		lx->i++;
		set_adj(set, nset);
		return;
	}
	joiner(lx, set, nset);
}

static int lex_seq(dyad__patterns *p, lexer *lx, tseq *set, int stop_alt, int cap);

/* "{ a | b }": the product of the set so far with every alternative. */
static int lex_alts(dyad__patterns *p, lexer *lx, tseq *set, int nset, int cap)
{
	tseq *alt = malloc(sizeof(tseq) * ALT_MAX), *out;
	int nalt = 0, nout = 0, i, j;

	if (!alt || !(out = malloc(sizeof(tseq) * ALT_MAX))) {
		free(alt);
		p->nomem = 1;
		return nset;
	}
	lx->i++; /* '{' */
	while (lx->i < lx->n && nalt < ALT_MAX) {
		alt[nalt].n = alt[nalt].len = 0;
		nalt += lex_seq(p, lx, alt + nalt, 1, ALT_MAX - nalt);
		if (lx->i < lx->n && lx->s[lx->i] == '|') {
			lx->i++;
			continue;
		}
		break;
	}
	if (lx->i >= lx->n || lx->s[lx->i] != '}')
		lx->err = "alternatives without a closing '}'";
	else
		lx->i++;
	for (i = 0; i < nset; i++)
		for (j = 0; j < nalt && nout < cap; j++) {
			out[nout] = set[i];
			for (int k = 0; k < alt[j].n && out[nout].n < SEQ_MAX; k++)
				out[nout].e[out[nout].n++] = alt[j].e[k];
			out[nout].len += alt[j].len;
			nout++;
		}
	memcpy(set, out, sizeof(tseq) * (size_t)nout);
	free(alt);
	free(out);
	joiner(lx, set, nout);
	return nout;
}

static void lex_synref(dyad__patterns *p, lexer *lx, tseq *set, int nset)
{
	size_t a = ++lx->i;
	uint32_t s;

	while (lx->i < lx->n && isalnum((unsigned char)lx->s[lx->i]))
		lx->i++;
	s = synset_named(p, lx->s + a, lx->i - a);
	if (!s) {
		lx->err = "unknown synonym set";
		return;
	}
	/* A synonym set adds nothing to a pattern's length: "* DOLLAR" goes
	** before "* &CURRENCY" (validation SYNSET-07). */
	set_add(set, nset, (dyad__pel){DYAD__PE_SYN, 0, s - 1}, 0);
	joiner(lx, set, nset);
}

/* One sequence up to '|', '}' (when stop_alt) or the end; returns the
** number of sequences it expanded to (set[0] starts as one empty one). */
static int lex_seq(dyad__patterns *p, lexer *lx, tseq *set, int stop_alt, int cap)
{
	int nset = 1;

	set[0].n = set[0].len = 0;
	while (lx->i < lx->n && !lx->err) {
		int c = (unsigned char)lx->s[lx->i];
		if (c == ' ' || c == '\t' || c == '_') {
			lx->i++;
		} else if (c == '|' || c == '}') {
			if (stop_alt)
				break;
			lx->err = "'|' or '}' outside alternatives";
		} else if (c == '{') {
			nset = lex_alts(p, lx, set, nset, cap);
		} else if (c == '&') {
			lex_synref(p, lx, set, nset);
		} else if (c && strchr("*$+%^", c)) {
			static const uint8_t kind[] = {DYAD__PE_VERB, DYAD__PE_SRC, DYAD__PE_TGT,
						       DYAD__PE_CMP, DYAD__PE_SKIP};
			lx->i++;
			set_add(set, nset, (dyad__pel){kind[strchr("*$+%^", c) - "*$+%^"], 0, 0}, 0);
			joiner(lx, set, nset);
		} else if (c == '~' || c == '=' || c == '-') {
			lx->i++; /* stray marks: TABARI ignores them too */
		} else {
			lex_word(p, lx, set, nset);
		}
	}
	return nset;
}

/* ------------------------------------------------------------------ */
/* Codes                                                               */
/* ------------------------------------------------------------------ */

static int code_part(const char *s, size_t n, char out[12])
{
	size_t i;

	if (n == 0 || n >= 12)
		return -1;
	for (i = 0; i < n; i++) {
		if (!isalnum((unsigned char)s[i]))
			return -1;
		out[i] = (char)toupper((unsigned char)s[i]);
	}
	out[n] = 0;
	return 0;
}

/* "[040]", "[036:036]", "[023?]", "[- - -]", "[###]": blanks ignored. */
static const char *parse_code(const char *s, size_t n, dyad__vcode *c)
{
	char t[64];
	size_t k = 0, i;
	const char *colon;

	memset(c, 0, sizeof *c);
	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && k < sizeof t - 1)
			t[k++] = s[i];
	t[k] = 0;
	if (strcmp(t, "---") == 0 || strcmp(t, "***") == 0)
		return c->kind = DYAD__VC_NULL, NULL;
	if (strcmp(t, "###") == 0)
		return c->kind = DYAD__VC_DISCARD, NULL;
	if (strcmp(t, "+++") == 0)
		return c->kind = DYAD__VC_COMPLEX, NULL;
	if (k && (t[k - 1] == '?' || t[k - 1] == '!')) {
		c->prio = t[k - 1] == '?' ? DYAD__VP_SUBORD : DYAD__VP_DOMINANT;
		t[--k] = 0;
	}
	colon = strchr(t, ':');
	if (colon ? code_part(t, (size_t)(colon - t), c->a) != 0 ||
			    code_part(colon + 1, strlen(colon + 1), c->b) != 0
		  : code_part(t, k, c->a) != 0)
		return "bad code (want letters and digits, \"A:B\", or ---, ###, +++)";
	c->kind = DYAD__VC_EVENT;
	return NULL;
}

int dyad__pat_has_dominant(const dyad__patterns *p)
{
	return p->dominant;
}

/* Splits "text [code] ; comment" at the last '[' before the comment. */
static const char *split_code(const char *s, size_t n, size_t *text_end, dyad__vcode *c)
{
	size_t a, b;

	for (b = n; b > 0 && s[b - 1] != ']'; b--)
		;
	if (b == 0)
		return "missing code in [...]";
	for (a = b - 1; a > 0 && s[a - 1] != '['; a--)
		;
	if (a == 0)
		return "missing '[' before the code";
	*text_end = a - 1;
	return parse_code(s + a, b - 1 - a, c);
}

/* ------------------------------------------------------------------ */
/* Builder                                                             */
/* ------------------------------------------------------------------ */

typedef struct reader {
	dyad__patterns *p;
	dyad__pformat fmt;
	uint32_t file, line;
	long group;         /* current group, -1 none */
	long verb;          /* current verb (TABARI forms line), -1 none */
	long synset;        /* current synonym set, -1 none */
	int skipping;       /* after a refused root: its lines go quietly */
} reader;

static void new_group(reader *r, const char *label, size_t n, const dyad__vcode *c)
{
	dyad__vgroup g;

	memset(&g, 0, sizeof g);
	g.pat0 = (uint32_t)DYAD__VEC_LEN(&r->p->pats, dyad__pat);
	g.code = *c;
	g.file = r->file;
	g.line = r->line;
	g.label = str_add(r->p, label, n);
	if (push(r->p, &r->p->groups, &g, sizeof g) == 0)
		r->group = (long)DYAD__VEC_LEN(&r->p->groups, dyad__vgroup) - 1;
	r->verb = -1;
}

/* Adds a form: words[0..n) (already split), each matching as how; bit j
** of gaps lets other words come before word j (dyad__vform). */
static void add_form(reader *r, char words[][KEY_MAX], size_t nw, int how, uint32_t gaps)
{
	dyad__vform f = {(uint32_t)r->verb, (uint32_t)DYAD__VEC_LEN(&r->p->formw, uint32_t),
			 (uint32_t)nw, gaps, 0, 0};
	size_t i;

	if (nw == 0 || r->verb < 0)
		return;
	for (i = 0; i < nw; i++) {
		uint32_t id = intern(r->p, words[i], strlen(words[i]), how);
		if (push(r->p, &r->p->formw, &id, sizeof id) != 0)
			return;
	}
	push(r->p, &r->p->forms, &f, sizeof f);
}

/*
** Splits "HOLD_TALKS" / "APPRECIATE POSITION" into lower-case words. With
** gaps, bit j says a blank came before word j: in TABARI only a
** connector with no blank ("A_B") makes two words consecutive (§5.5.3,
** where "XXXX_ YYYY" lets YYYY come later).
*/
static size_t split_words(const char *s, size_t n, char words[][KEY_MAX], size_t max,
			  int *how, uint32_t *gaps)
{
	size_t nw = 0, k = 0, i;
	int blank = 0;

	for (i = 0; i <= n; i++) {
		int c = i < n ? (unsigned char)s[i] : ' ';
		if (c == '=' && how)
			*how = DYAD__W_EXACT;
		if (c == '_' && i + 1 == n && how && *how == DYAD__W_STEM)
			*how = DYAD__W_WORD;
		if (c == ' ' || c == '\t' || c == '_' || c == '-' || c == '=' || c == '+') {
			if (k && nw < max) {
				words[nw][k] = 0;
				nw++;
			}
			blank = (k ? 0 : blank) | (c == ' ' || c == '\t');
			k = 0;
		} else if (k < KEY_MAX - 1) {
			if (k == 0 && gaps && blank && nw > 0 && nw < max)
				*gaps |= (uint32_t)1 << nw;
			words[nw < max ? nw : max - 1][k++] = (char)tolower(c);
		}
	}
	return nw;
}

static void new_verb(reader *r, const char *s, size_t n, const dyad__vcode *c, int noun)
{
	dyad__verb v;

	memset(&v, 0, sizeof v);
	v.group = (uint32_t)r->group;
	if (c)
		v.code = *c;
	v.noun = (uint8_t)noun;
	v.file = r->file;
	v.line = r->line;
	v.text = str_add(r->p, s, n);
	if (push(r->p, &r->p->verbs, &v, sizeof v) == 0)
		r->verb = (long)DYAD__VEC_LEN(&r->p->verbs, dyad__verb) - 1;
}

static int has_ing(const char *forms)
{
	for (; *forms; forms += strlen(forms) + 1)
		if (strlen(forms) > 4 && strcmp(forms + strlen(forms) - 3, "ing") == 0)
			return 1;
	return 0;
}

/* Forms of a base made by rule and table: base, -s, -ed, -ing and the
** irregular ones; in a multi-word verb the first word inflects. */
static void inflect_forms(reader *r, char words[][KEY_MAX], size_t nw, int noun)
{
	char reg[3][DYAD__FORM_MAX], save[KEY_MAX];
	const char *irr;
	int i;

	add_form(r, words, nw, DYAD__W_EXACT, 0);
	if (dyad__inflect_regular(words[0], strlen(words[0]), reg) != 0)
		return;
	memcpy(save, words[0], KEY_MAX);
	irr = noun || !r->p->irr ? NULL
		: dyad__irregular_forms(r->p->irr, save, strlen(save));
	for (i = 0; i < (noun ? 1 : 3); i++) {
		/* With irregular forms known, the regular past is wrong ("seed"
		** for see) and so is a regular -ing when a doubled one is listed. */
		if (irr && (i == 1 || (i == 2 && has_ing(irr))))
			continue;
		memcpy(words[0], reg[i], DYAD__FORM_MAX);
		add_form(r, words, nw, DYAD__W_EXACT, 0);
	}
	for (; irr && *irr; irr += strlen(irr) + 1) {
		size_t k = strlen(irr) < KEY_MAX - 1 ? strlen(irr) : KEY_MAX - 1;
		memcpy(words[0], irr, k);
		words[0][k] = 0;
		add_form(r, words, nw, DYAD__W_EXACT, 0);
	}
	memcpy(words[0], save, KEY_MAX);
}

/* "{SAYS SAID SAYING}" or "{+MET_WITH +MEETS_WITH}": explicit forms. */
static void explicit_forms(reader *r, const char *s, size_t n, int how)
{
	size_t i = 0;

	while (i < n) {
		size_t a;
		char words[8][KEY_MAX];
		int h = how;
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '{' || s[i] == '}'))
			i++;
		for (a = i; i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '}'; i++)
			;
		if (i > a)
			add_form(r, words, split_words(s + a, i - a, words, 8, &h, NULL), h, 0);
	}
}

/*
** Copies set[i] with element k replaced by a synonym-set member. The
** set's connector ("&SET_WORD") passes to the member's last element,
** except in TABARI files (loose) for a member of several elements: TABARI
** then lets the next word come later (validation SYNSET-22h, "closed connector,
** fails", codes "REALLY DID NOT EVEN EVER" with REALLY_DID_NOT_EVER).
*/
static void with_member(dyad__patterns *p, const tseq *from, int k, uint32_t el0,
			uint32_t nel, int loose, tseq *to)
{
	const dyad__pel *m = (const dyad__pel *)p->elems.p + el0;
	uint32_t j;
	int i;

	to->n = 0;
	to->len = from->len;
	for (i = 0; i < from->n && to->n < SEQ_MAX; i++) {
		if (i != k) {
			to->e[to->n++] = from->e[i];
			continue;
		}
		for (j = 0; j < nel && to->n < SEQ_MAX; j++) {
			to->e[to->n] = m[j];
			if (m[j].kind == DYAD__PE_WORD)
				to->len += (int)strlen(p->pool.p + DYAD__VEC_AT(&p->words, dyad__lword,
									       m[j].arg).key);
			to->n++;
		}
		if (nel && (from->e[k].flags & DYAD__PE_ADJ) && !(loose && nel > 1))
			to->e[to->n - 1].flags |= DYAD__PE_ADJ;
	}
}

/*
** A synonym set whose members are all single words stays one element,
** matched by a binary search. Members with several words, actor markers
** or other sets ("+PESO_$", "+&TIETYPES ASSURANCES") are expanded into
** sibling patterns, as alternatives are; they are few.
*/
static int expand_synsets(dyad__patterns *p, tseq *set, int nset, int loose)
{
	int i, k;

	for (i = 0; i < nset; i++)
		for (k = 0; k < set[i].n; k++) {
			dyad__pel *e = &set[i].e[k];
			const dyad__synset *sy;
			uint32_t m;
			if (e->kind != DYAD__PE_SYN || (e->flags & DYAD__PE_ONES))
				continue;
			e->flags |= DYAD__PE_ONES;
			sy = &DYAD__VEC_AT(&p->syns, dyad__synset, e->arg);
			for (m = 0; m < sy->nmem && nset < ALT_MAX; m++) {
				uint32_t el0, nel = dyad__pat_member(p, sy->mem0 + m, &el0);
				const dyad__pel *x = (const dyad__pel *)p->elems.p + el0;
				if (nel == 1 && x->kind == DYAD__PE_WORD)
					continue;
				with_member(p, &set[i], k, el0, nel, loose, &set[nset++]);
			}
		}
	return nset;
}

/* Adds the expansions of one pattern line's text to the current group. */
static size_t trim(const char *s, size_t *a, size_t e);

static void add_patterns(reader *r, const char *s, size_t n, const dyad__vcode *c)
{
	tseq *set = malloc(sizeof(tseq) * ALT_MAX);
	lexer lx = {s, 0, n, r->fmt, 0, NULL};
	int nset, i;
	size_t a = 0, tl = trim(s, &a, n);
	uint32_t text;

	if (!set) {
		r->p->nomem = 1;
		return;
	}
	nset = lex_seq(r->p, &lx, set, 0, ALT_MAX);
	if (!lx.err)
		nset = expand_synsets(r->p, set, nset, r->fmt == DYAD__PF_TABARI);
	/* The pattern as written, once for all the patterns it expands to. */
	text = nset > 0 && !lx.err ? str_add(r->p, s + a, tl) : 0;
	for (i = 0; i < nset && !lx.err; i++) {
		dyad__pat pt;
		int k, verbs = 0;
		memset(&pt, 0, sizeof pt);
		pt.el0 = (uint32_t)DYAD__VEC_LEN(&r->p->elems, dyad__pel);
		pt.nel = (uint16_t)set[i].n;
		for (k = 0; k < set[i].n; k++) {
			uint8_t kd = set[i].e[k].kind;
			if (kd == DYAD__PE_VERB)
				pt.verb = (uint16_t)k, verbs++;
			pt.designates |= kd == DYAD__PE_SRC ? 1 : kd == DYAD__PE_TGT ? 2
					 : kd == DYAD__PE_CMP ? 4 : 0;
		}
		if (verbs != 1) {
			lx.err = verbs ? "more than one verb marker '*'" : "missing verb marker '*'";
			break;
		}
		pt.len = (uint16_t)set[i].len;
		pt.code = *c;
		pt.file = r->file;
		pt.line = r->line;
		pt.text = text;
		if (push(r->p, &r->p->elems, set[i].e, sizeof(dyad__pel) * (size_t)set[i].n) == 0 &&
		    push(r->p, &r->p->pats, &pt, sizeof pt) == 0)
			DYAD__VEC_AT(&r->p->groups, dyad__vgroup, r->group).npat++;
	}
	if (lx.err)
		diag(r->p, r->file, r->line, "%s; pattern skipped", lx.err);
	free(set);
}

/* "- pattern [code] ; comment" */
static void pattern_line(reader *r, const char *s, size_t n)
{
	dyad__vcode c;
	size_t te = 0;
	const char *err;

	if (r->group < 0) {
		if (!r->skipping)
			diag(r->p, r->file, r->line, "pattern before any verb; skipped");
		return;
	}
	if ((err = split_code(s, n, &te, &c)) != NULL) {
		diag(r->p, r->file, r->line, "%s; pattern skipped", err);
		return;
	}
	add_patterns(r, s + 1, te - 1, &c);
}

/* "&NAME" starts a synonym set; "+member" lines add to it. */
static void synset_line(reader *r, const char *s, size_t n)
{
	dyad__synset sy;
	size_t k = 1;

	while (k < n && (isalnum((unsigned char)s[k])))
		k++;
	if (k == 1) {
		diag(r->p, r->file, r->line, "synonym set without a name; skipped");
		return;
	}
	memset(&sy, 0, sizeof sy);
	sy.name = str_add(r->p, s + 1, k - 1);
	sy.mem0 = (uint32_t)(r->p->members.len / 8);
	if (push(r->p, &r->p->syns, &sy, sizeof sy) == 0)
		r->synset = (long)DYAD__VEC_LEN(&r->p->syns, dyad__synset) - 1;
	r->p->stats.synsets++;
}

static void member_line(reader *r, const char *s, size_t n)
{
	tseq *set;
	lexer lx = {s, 1, n, r->fmt, 0, NULL};
	uint32_t pair[2];
	dyad__synset *sy;

	if (r->synset < 0) {
		diag(r->p, r->file, r->line, "'+' line outside a synonym set; skipped");
		return;
	}
	/* A member with alternatives would expand; members take the first. */
	if (!(set = malloc(sizeof(tseq) * ALT_MAX))) {
		r->p->nomem = 1;
		return;
	}
	lex_seq(r->p, &lx, set, 0, ALT_MAX);
	if (lx.err || set[0].n == 0) {
		diag(r->p, r->file, r->line, "%s; member skipped", lx.err ? lx.err : "empty member");
		free(set);
		return;
	}
	pair[0] = (uint32_t)DYAD__VEC_LEN(&r->p->elems, dyad__pel);
	pair[1] = (uint32_t)set[0].n;
	if (push(r->p, &r->p->elems, set[0].e, sizeof(dyad__pel) * (size_t)set[0].n) != 0 ||
	    push(r->p, &r->p->members, pair, sizeof pair) != 0) {
		free(set);
		return;
	}
	free(set);
	sy = &DYAD__VEC_AT(&r->p->syns, dyad__synset, r->synset);
	sy->nmem++;
}

/* ------------------------------------------------------------------ */
/* Readers                                                             */
/* ------------------------------------------------------------------ */

/* Trims blanks and a CR; returns the trimmed length from *a. */
static size_t trim(const char *s, size_t *a, size_t e)
{
	while (*a < e && (s[*a] == ' ' || s[*a] == '\t'))
		(*a)++;
	while (e > *a && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r'))
		e--;
	return e - *a;
}

/* Cuts a comment off: ';' in TABARI, '#' elsewhere (not inside [...]). */
static size_t uncomment(const reader *r, const char *s, size_t n)
{
	size_t i;
	int in_code = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '[')
			in_code = 1;
		else if (s[i] == ']')
			in_code = 0;
		else if (!in_code && (r->fmt == DYAD__PF_TABARI ? s[i] == ';' : s[i] == '#'))
			break;
	}
	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
		i--;
	return i;
}

/*
** A verb line: "ACCEPT [081]", "SAY {SAYS SAID SAYING}", "+MEET_WITH
** {+MET_WITH}", "talks noun [040]", "BAN= [191]". TABARI roots start a
** group of their own; in the other formats verbs join the current group.
*/
static void verb_line(reader *r, const char *s, size_t n)
{
	dyad__vcode c;
	const char *brace = memchr(s, '{', n), *code = memchr(s, '[', n), *err = NULL;
	size_t head = n, nw, te;
	char words[8][KEY_MAX];
	int how = r->fmt == DYAD__PF_TABARI ? DYAD__W_STEM : DYAD__W_EXACT, noun = 0;
	uint32_t gaps = 0;

	memset(&c, 0, sizeof c);
	if (brace)
		head = (size_t)(brace - s);
	if (code && (size_t)(code - s) < head)
		head = (size_t)(code - s);
	while (head > 0 && (s[head - 1] == ' ' || s[head - 1] == '\t'))
		head--;
	if (r->fmt == DYAD__PF_DYAD && head > 5 && memcmp(s + head - 5, " noun", 5) == 0) {
		noun = 1;
		head -= 5;
	}
	nw = split_words(s + (s[0] == '+'), head - (s[0] == '+'), words, 8, &how, &gaps);
	if (code)
		err = split_code(s, n, &te, &c);
	if (!err && nw == 0)
		err = "verb without a word";
	if (!err && r->fmt != DYAD__PF_TABARI && r->group < 0)
		err = "verb before any group (\"== NAME [code]\")";
	if (err) {
		/* A refused TABARI root takes its forms and patterns with it:
		** they must not fall to the root before. */
		diag(r->p, r->file, r->line, "%s; verb skipped", err);
		if (r->fmt == DYAD__PF_TABARI)
			r->group = -1, r->skipping = 1;
		r->verb = -1;
		return;
	}
	r->skipping = 0;
	if (r->fmt == DYAD__PF_TABARI)
		new_group(r, s, head, &c);
	new_verb(r, s, head, r->fmt == DYAD__PF_TABARI ? NULL : &c, noun);
	if (r->fmt == DYAD__PF_TABARI || (brace && r->fmt == DYAD__PF_PETRARCH))
		add_form(r, words, nw, how, r->fmt == DYAD__PF_TABARI ? gaps : 0);
	else
		inflect_forms(r, words, nw, noun);
	if (brace)
		explicit_forms(r, brace, n - (size_t)(brace - s),
			       r->fmt == DYAD__PF_TABARI ? DYAD__W_STEM : DYAD__W_EXACT);
	r->p->stats.verbs++;
}

/* "== LABEL [code]" (dyad) or "--- LABEL [code] ---" (PETRARCH). */
static void group_line(reader *r, const char *s, size_t n)
{
	dyad__vcode c;
	size_t te = 0, a = 0;
	const char *err;

	while (a < n && (s[a] == '=' || s[a] == '-' || s[a] == ' '))
		a++;
	while (n > a && (s[n - 1] == '-' || s[n - 1] == ' '))
		n--;
	if (!memchr(s, '[', n)) { /* "--- DEFEND ###": a group coded by its patterns only */
		memset(&c, 0, sizeof c);
		for (te = a; te < n && s[te] != ' '; te++)
			;
	} else if ((err = split_code(s, n, &te, &c)) != NULL) {
		diag(r->p, r->file, r->line, "%s; group skipped", err);
		r->group = -1;
		return;
	}
	while (te > a && s[te - 1] == ' ')
		te--;
	new_group(r, s + a, te > a ? te - a : 0, &c);
}

/* <NOUN> and <ADJECTIVE> words: the first word of each line. */
static void class_line(dyad__patterns *p, const char *s, size_t n, int cls)
{
	char words[8][KEY_MAX];
	size_t nw, i;
	int how = DYAD__W_WORD;

	for (i = 0; i < n && s[i] != ';' && s[i] != '[' && s[i] != '#'; i++)
		;
	nw = split_words(s, i, words, 8, &how, NULL);
	for (i = 0; i < nw; i++) {
		uint32_t id = intern(p, words[i], strlen(words[i]), DYAD__W_WORD);
		if (!p->nomem)
			DYAD__VEC_AT(&p->words, dyad__lword, id).cls |= (uint32_t)cls;
	}
}

enum { SEC_NONE, SEC_SYN, SEC_NOUN, SEC_ADJ, SEC_SKIP, SEC_END };

static int section_of(const char *s, size_t n, int cur)
{
	static const struct { const char *tag; int sec; } tags[] = {
		{"<SYNSETS>", SEC_SYN}, {"<SYNSET>", SEC_SYN}, {"<NOUN>", SEC_NOUN},
		{"<ADJECTIVE>", SEC_ADJ}, {"<ADJ>", SEC_ADJ}, {"<TIME>", SEC_SKIP},
		{"<ATTRIB>", SEC_SKIP}, {"<ISSUES>", SEC_SKIP}, {"~FINISH", SEC_END}};
	size_t i;

	if (n >= 2 && s[0] == '<' && s[1] == '/')
		return SEC_NONE;
	for (i = 0; i < sizeof tags / sizeof *tags; i++)
		if (n >= strlen(tags[i].tag) && strncasecmp(s, tags[i].tag, strlen(tags[i].tag)) == 0)
			return tags[i].sec;
	return cur;
}

static void one_line(reader *r, const char *s, size_t n, int *sec)
{
	if (s[0] == '<' || s[0] == '~') {
		*sec = section_of(s, n, *sec);
		return;
	}
	if (*sec == SEC_NOUN || *sec == SEC_ADJ) {
		class_line(r->p, s, n, *sec == SEC_NOUN ? DYAD__C_NOUN : DYAD__C_ADJ);
	} else if (*sec == SEC_SKIP) {
		return;
	} else if (s[0] == '&') {
		synset_line(r, s, n);
	} else if (s[0] == '+' && r->synset >= 0) {
		member_line(r, s, n);
	} else if (s[0] == '-' && !(n >= 3 && memcmp(s, "---", 3) == 0 && r->fmt == DYAD__PF_PETRARCH)) {
		r->synset = -1;
		pattern_line(r, s, n);
	} else if ((s[0] == '=' && n > 1 && s[1] == '=') || s[0] == '-') {
		r->synset = -1;
		group_line(r, s, n);
	} else if (s[0] == '{' && r->fmt == DYAD__PF_TABARI) {
		explicit_forms(r, s, n, DYAD__W_STEM);
	} else if (s[0] != '@') {
		r->synset = -1;
		verb_line(r, s, n);
	}
}

int dyad__patterns_read(dyad__patterns *p, const char *path, dyad__pformat fmt,
			const char *buf, size_t n)
{
	reader r = {p, fmt, 0, 0, -1, -1, -1, 0};
	size_t i = n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	int sec = SEC_NONE;

	r.file = (uint32_t)DYAD__VEC_LEN(&p->files, uint32_t);
	{
		uint32_t off = str_add(p, path, strlen(path));
		push(p, &p->files, &off, sizeof off);
	}
	while (i < n && sec != SEC_END && !p->nomem) {
		const char *nl = memchr(buf + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - buf) : n, a = i, len;
		r.line++;
		len = trim(buf, &a, e);
		i = e + 1;
		if (len == 0 || buf[a] == '#' || (fmt == DYAD__PF_TABARI && buf[a] == '/'))
			continue;
		len = uncomment(&r, buf + a, len);
		if (len)
			one_line(&r, buf + a, len, &sec);
	}
	p->stats.files++;
	return p->nomem ? -1 : 0;
}

int dyad__patterns_read_classes(dyad__patterns *p, const char *buf, size_t n)
{
	size_t i = 0;
	int sec = SEC_NONE;

	while (i < n && !p->nomem) {
		const char *nl = memchr(buf + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - buf) : n, a = i, len = trim(buf, &a, e);
		i = e + 1;
		if (len == 0)
			continue;
		if (buf[a] == '<' || buf[a] == '~')
			sec = section_of(buf + a, len, sec);
		else if (sec == SEC_NOUN || sec == SEC_ADJ)
			class_line(p, buf + a, len, sec == SEC_NOUN ? DYAD__C_NOUN : DYAD__C_ADJ);
		if (sec == SEC_END)
			break;
	}
	return p->nomem ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* Finishing and access                                                */
/* ------------------------------------------------------------------ */

static int cmp_pat(const void *x, const void *y)
{
	const dyad__pat *a = x, *b = y;

	if (a->len != b->len)
		return a->len > b->len ? -1 : 1;
	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

static int cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return a < b ? -1 : a > b;
}

/* One-word members of every synset, sorted, for a binary search. */
static void index_synsets(dyad__patterns *p)
{
	size_t i, ns = DYAD__VEC_LEN(&p->syns, dyad__synset);
	const dyad__pel *el;

	for (i = 0; i < ns; i++) {
		dyad__synset *sy = &DYAD__VEC_AT(&p->syns, dyad__synset, i);
		uint32_t m;
		sy->one0 = (uint32_t)DYAD__VEC_LEN(&p->ones, uint32_t);
		for (m = 0; m < sy->nmem; m++) {
			const uint32_t *pr = (const uint32_t *)p->members.p + 2 * (sy->mem0 + m);
			el = (const dyad__pel *)p->elems.p + pr[0];
			if (pr[1] == 1 && el->kind == DYAD__PE_WORD &&
			    push(p, &p->ones, &el->arg, 4) == 0)
				sy->none++;
		}
		if (sy->none > 1)
			qsort((uint32_t *)p->ones.p + sy->one0, sy->none, 4, cmp_u32);
	}
}

/* The words of pattern t, fewest-used (by count) first, into t->need. */
static void pattern_needs(dyad__patterns *p, dyad__pat *t, const uint32_t *count)
{
	const dyad__pel *el = (const dyad__pel *)p->elems.p + t->el0;
	uint32_t i, k, n = 0;

	for (i = 0; i < DYAD__PAT_NEED; i++)
		t->need[i] = UINT32_MAX;
	t->needsyn = 0;
	t->needsynx = 0;
	for (i = 0; i < t->nel; i++) {
		uint32_t id = el[i].arg;
		if (el[i].kind == DYAD__PE_SYN && id < 64)
			t->needsyn |= (uint64_t)1 << id;
		else if (el[i].kind == DYAD__PE_SYN)
			t->needsynx = 1;
		if (el[i].kind != DYAD__PE_WORD)
			continue;
		for (k = 0; k < n && t->need[k] != id; k++)
			;
		if (k < n)
			continue;
		if (n == DYAD__PAT_NEED && count[id] >= count[t->need[n - 1]])
			continue;
		k = n < DYAD__PAT_NEED ? n++ : n - 1; /* a full list drops its last */
		for (; k > 0 && count[t->need[k - 1]] > count[id]; k--)
			t->need[k] = t->need[k - 1];
		t->need[k] = id;
	}
}

/*
** Most patterns of a big dictionary name a word the sentence does not
** have (98.9% of those tried, with the Phoenix set): their rarest words
** let the coder rule them out with a bit test instead of a match. How
** often a word is used across patterns stands in for how rare it is in
** text: "to" and "with" are in thousands of patterns and most sentences.
*/
static int cmp_pair(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return a < b ? -1 : a > b;
}

/* Sorts one group's (need[0], index) pairs and cuts them into buckets
** appended at p->bucks[*nb], p->bpats[g->pat0...]. */
static void bucket_group(dyad__patterns *p, dyad__vgroup *g, uint64_t *pair, size_t *nb)
{
	uint32_t j;

	for (j = 0; j < g->npat; j++)
		pair[j] = (uint64_t)DYAD__VEC_AT(&p->pats, dyad__pat, g->pat0 + j).need[0] << 32 | j;
	qsort(pair, g->npat, sizeof *pair, cmp_pair);
	g->b0 = (uint32_t)*nb;
	g->nb = 0;
	for (j = 0; j < g->npat; j++) {
		uint32_t w = (uint32_t)(pair[j] >> 32);
		if (j == 0 || w != p->bucks[*nb - 1].word) {
			dyad__pbucket b = { w, g->pat0 + j, 0 };
			p->bucks[(*nb)++] = b;
			g->nb++;
		}
		p->bpats[g->pat0 + j] = (uint32_t)pair[j];
		p->bucks[*nb - 1].n++;
	}
}

/* Fewer buckets are scanned, not looked up; so are more than a slot can
** number. */
enum { BHASH_MIN = 16, BHASH_MAX = 0xffff };

/* The word -> bucket tables of the groups with many buckets. */
static int hash_buckets(dyad__patterns *p)
{
	size_t i, total = 0, ng = DYAD__VEC_LEN(&p->groups, dyad__vgroup);

	for (i = 0; i < ng; i++) {
		dyad__vgroup *g = &DYAD__VEC_AT(&p->groups, dyad__vgroup, i);
		uint32_t size = 1;
		g->wild = g->nb && p->bucks[g->b0 + g->nb - 1].word == UINT32_MAX ? g->nb : 0;
		g->hmask = 0;
		if (g->nb < BHASH_MIN || g->nb >= BHASH_MAX)
			continue;
		while (size < 2 * g->nb)
			size <<= 1;
		g->h0 = (uint32_t)total;
		g->hmask = size - 1;
		total += size;
	}
	free(p->bhash);
	if (!(p->bhash = calloc(total ? total : 1, sizeof *p->bhash)))
		return -1;
	for (i = 0; i < ng; i++) {
		const dyad__vgroup *g = &DYAD__VEC_AT(&p->groups, dyad__vgroup, i);
		uint32_t k, h;
		for (k = 0; g->hmask && k < g->nb; k++) {
			uint32_t w = p->bucks[g->b0 + k].word;
			if (w == UINT32_MAX)
				continue;
			for (h = dyad__bhash_slot(w, g->hmask); p->bhash[g->h0 + h];)
				h = (h + 1) & g->hmask;
			p->bhash[g->h0 + h] = dyad__bhash_tag(w) << 16 | (k + 1);
		}
	}
	return 0;
}

/* Buckets every group's patterns by their rarest needed word. */
static int bucket_groups(dyad__patterns *p)
{
	size_t i, nb = 0, ng = DYAD__VEC_LEN(&p->groups, dyad__vgroup);
	size_t np = DYAD__VEC_LEN(&p->pats, dyad__pat);
	uint64_t *pair;

	free(p->bucks);
	free(p->bpats);
	p->max_npat = 0;
	for (i = 0; i < ng; i++)
		if (DYAD__VEC_AT(&p->groups, dyad__vgroup, i).npat > p->max_npat)
			p->max_npat = DYAD__VEC_AT(&p->groups, dyad__vgroup, i).npat;
	p->bucks = malloc((np ? np : 1) * sizeof *p->bucks);
	p->bpats = malloc((np ? np : 1) * sizeof *p->bpats);
	pair = malloc((p->max_npat ? p->max_npat : 1) * sizeof *pair);
	if (!p->bucks || !p->bpats || !pair) {
		free(pair);
		return -1;
	}
	for (i = 0; i < ng; i++)
		bucket_group(p, &DYAD__VEC_AT(&p->groups, dyad__vgroup, i), pair, &nb);
	free(pair);
	return hash_buckets(p);
}

/* For each lexicon word, the synsets it is a one-word member of: most
** words are in none, so the coder asks the word, not each synset. */
static int index_word_synsets(dyad__patterns *p)
{
	size_t nw = DYAD__VEC_LEN(&p->words, dyad__lword), ns = DYAD__VEC_LEN(&p->syns, dyad__synset);
	size_t i, j, total = 0;
	const uint32_t *ones = (const uint32_t *)p->ones.p;

	free(p->wsyn0);
	free(p->wsyns);
	p->wsyns = NULL;
	if (!(p->wsyn0 = calloc(nw + 2, sizeof *p->wsyn0)))
		return -1;
	for (i = 0; i < ns; i++) {
		const dyad__synset *s = &DYAD__VEC_AT(&p->syns, dyad__synset, i);
		for (j = 0; j < s->none; j++)
			if (ones[s->one0 + j] < nw)
				p->wsyn0[ones[s->one0 + j] + 2]++, total++;
	}
	for (i = 2; i < nw + 2; i++) /* counts at +2 become starts at +1 */
		p->wsyn0[i] += p->wsyn0[i - 1];
	if (!(p->wsyns = malloc((total ? total : 1) * sizeof *p->wsyns)))
		return -1;
	for (i = 0; i < ns; i++) {
		const dyad__synset *s = &DYAD__VEC_AT(&p->syns, dyad__synset, i);
		for (j = 0; j < s->none; j++)
			if (ones[s->one0 + j] < nw)
				p->wsyns[p->wsyn0[ones[s->one0 + j] + 1]++] = (uint32_t)i;
	}
	return 0;
}

static int index_needs(dyad__patterns *p)
{
	size_t i, np = DYAD__VEC_LEN(&p->pats, dyad__pat);
	size_t nw = DYAD__VEC_LEN(&p->words, dyad__lword);
	uint32_t *count = calloc(nw ? nw : 1, sizeof *count);

	if (!count)
		return -1;
	for (i = 0; i < DYAD__VEC_LEN(&p->elems, dyad__pel); i++) {
		const dyad__pel *e = &DYAD__VEC_AT(&p->elems, dyad__pel, i);
		if (e->kind == DYAD__PE_WORD && e->arg < nw)
			count[e->arg]++;
	}
	for (i = 0; i < np; i++)
		pattern_needs(p, &DYAD__VEC_AT(&p->pats, dyad__pat, i), count);
	for (i = 0; i < nw; i++)
		DYAD__VEC_AT(&p->words, dyad__lword, i).pat = count[i] > 0;
	free(count);
	return bucket_groups(p);
}

/* Packs each pattern's needs into its dyad__pfilt. */
static int pack_filters(dyad__patterns *p)
{
	size_t i, np = DYAD__VEC_LEN(&p->pats, dyad__pat);
	const uint64_t low = (1u << DYAD__SEEN_BITS) - 1;

	free(p->filt);
	if (!(p->filt = malloc((np ? np : 1) * sizeof *p->filt)))
		return -1;
	for (i = 0; i < np; i++) {
		const dyad__pat *t = &DYAD__VEC_AT(&p->pats, dyad__pat, i);
		uint64_t x = t->needsynx ? DYAD__PF_SYNX : 0;
		uint64_t k;
		for (k = 0; k < DYAD__PAT_NEED && t->need[k] != UINT32_MAX; k++)
			x |= (t->need[k] & low) << (k * DYAD__SEEN_BITS);
		p->filt[i].needsyn = t->needsyn;
		p->filt[i].need = x | k << DYAD__PF_COUNT_AT;
	}
	return 0;
}

/* Which verbs have a pattern with a dominant code: only such a pattern
** still counts after a clause's first event (events.c, §6.6.2). */
static void mark_dominant(dyad__patterns *p)
{
	size_t i, j, ng = DYAD__VEC_LEN(&p->groups, dyad__vgroup);
	uint8_t *gd = calloc(ng ? ng : 1, 1);

	for (i = 0; gd && i < ng; i++) {
		const dyad__vgroup *g = &DYAD__VEC_AT(&p->groups, dyad__vgroup, i);
		for (j = 0; j < g->npat && !gd[i]; j++)
			gd[i] = DYAD__VEC_AT(&p->pats, dyad__pat, g->pat0 + j).code.prio ==
				DYAD__VP_DOMINANT;
	}
	for (i = 0; i < DYAD__VEC_LEN(&p->verbs, dyad__verb); i++) {
		dyad__verb *v = &DYAD__VEC_AT(&p->verbs, dyad__verb, i);
		/* without the table (out of memory), every verb may: slower, not wrong */
		v->dominant = !gd || gd[v->group];
		p->dominant |= v->dominant;
	}
	free(gd);
}

/* Lists the keys of the words of a DYAD__C_STANDS_IN class. */
static int index_stands_in(dyad__patterns *p)
{
	size_t id, n = DYAD__VEC_LEN(&p->words, dyad__lword);

	p->standin.len = 0;
	memset(p->standin_first, 0, sizeof p->standin_first);
	for (id = 0; id < n; id++) {
		const dyad__lword *w = &DYAD__VEC_AT(&p->words, dyad__lword, id);
		const char *k = p->pool.p + w->key;
		size_t len = strlen(k);
		unsigned char b = (unsigned char)len;
		if (!(w->cls & DYAD__C_STANDS_IN) || len == 0 || len > 255)
			continue;
		if (dyad__buf_append(&p->standin, &b, 1) != 0 ||
		    dyad__buf_append(&p->standin, k, len) != 0)
			return -1;
		p->standin_first[(unsigned char)k[0] >> 6] |= 1ull << ((unsigned char)k[0] & 63);
	}
	return 0;
}

int dyad__pat_stands_in(const dyad__patterns *p, const char *f, size_t n)
{
	const unsigned char *k = (const unsigned char *)p->standin.p;
	const unsigned char *end = k + p->standin.len;

	if (!n || !(p->standin_first[(unsigned char)f[0] >> 6] >> ((unsigned char)f[0] & 63) & 1))
		return 0;
	for (; k < end; k += 1 + k[0])
		if (k[0] <= n && dyad__same_bytes(k + 1, f, k[0]))
			return 1;
	return 0;
}

int dyad__patterns_finish(dyad__patterns *p)
{
	size_t i, ng = DYAD__VEC_LEN(&p->groups, dyad__vgroup);
	size_t nf = DYAD__VEC_LEN(&p->forms, dyad__vform);

	for (i = 0; i < ng; i++) {
		dyad__vgroup *g = &DYAD__VEC_AT(&p->groups, dyad__vgroup, i);
		if (g->npat > 1)
			qsort((dyad__pat *)p->pats.p + g->pat0, g->npat, sizeof(dyad__pat), cmp_pat);
	}
	/* Link forms from their first word, longest forms first in each list. */
	for (i = nf; i-- > 0;) {
		dyad__vform *f = &DYAD__VEC_AT(&p->forms, dyad__vform, i);
		dyad__lword *w = &DYAD__VEC_AT(&p->words, dyad__lword,
					       ((uint32_t *)p->formw.p)[f->w0]);
		f->next = w->form;
		f->klen0 = (uint32_t)strlen(p->pool.p + w->key);
		w->form = (uint32_t)i + 1;
	}
	index_synsets(p);
	if (index_needs(p) != 0 || pack_filters(p) != 0 || index_word_synsets(p) != 0 ||
	    lay_out(p) != 0 || index_stands_in(p) != 0)
		p->nomem = 1;
	mark_dominant(p);
	p->stats.forms = nf;
	p->stats.patterns = DYAD__VEC_LEN(&p->pats, dyad__pat);
	p->stats.warnings = p->warnings;
	return p->nomem ? -1 : 0;
}

dyad__patterns *dyad__patterns_new(void)
{
	dyad__patterns *p = calloc(1, sizeof *p);
	uint32_t z[3] = {0, 0, 0};

	if (!p)
		return NULL;
	p->edge_mask = 1023;
	if (!(p->edges = calloc(p->edge_mask + 1, sizeof *p->edges)) ||
	    str_add(p, "", 0) != 0 || push(p, &p->nodes, z, sizeof z) != 0) {
		dyad__patterns_free(p);
		return NULL;
	}
	return p;
}

void dyad__patterns_free(struct dyad__patterns *p)
{
	size_t i;

	if (!p)
		return;
	dyad__buf *bufs[] = {&p->pool, &p->nodes, &p->words, &p->forms, &p->formw, &p->verbs,
			     &p->groups, &p->pats, &p->elems, &p->syns, &p->members, &p->ones,
			     &p->files, &p->standin};
	for (i = 0; i < sizeof bufs / sizeof *bufs; i++)
		dyad__buf_free(bufs[i]);
	for (i = 0; i < p->ndiags; i++)
		free(p->diags[i]);
	free(p->diags);
	free(p->edges);
	free(p->tnodes);
	free(p->bucks);
	free(p->bpats);
	free(p->bhash);
	free(p->filt);
	free(p->wsyn0);
	free(p->wsyns);
	dyad__ctrie_free(&p->trie);
	dyad__irregular_free(p->irr);
	free(p);
}

const dyad__lword *dyad__lex_word(const dyad__patterns *p, uint32_t id)
{
	return &DYAD__VEC_AT(&p->words, dyad__lword, id);
}
const dyad__vform *dyad__pat_form(const dyad__patterns *p, uint32_t i)
{
	return &DYAD__VEC_AT(&p->forms, dyad__vform, i);
}
const uint32_t *dyad__pat_formwords(const dyad__patterns *p)
{
	return (const uint32_t *)p->formw.p;
}
const dyad__verb *dyad__pat_verb(const dyad__patterns *p, uint32_t i)
{
	return &DYAD__VEC_AT(&p->verbs, dyad__verb, i);
}
const dyad__vgroup *dyad__pat_group(const dyad__patterns *p, uint32_t i)
{
	return &DYAD__VEC_AT(&p->groups, dyad__vgroup, i);
}
const dyad__pat *dyad__pat_at(const dyad__patterns *p, uint32_t i)
{
	return &DYAD__VEC_AT(&p->pats, dyad__pat, i);
}
const dyad__pfilt *dyad__pat_filters(const dyad__patterns *p)
{
	return p->filt;
}
const dyad__pel *dyad__pat_elems(const dyad__patterns *p)
{
	return (const dyad__pel *)p->elems.p;
}
const dyad__synset *dyad__pat_synset(const dyad__patterns *p, uint32_t i)
{
	return &DYAD__VEC_AT(&p->syns, dyad__synset, i);
}
uint32_t dyad__pat_member(const dyad__patterns *p, uint32_t m, uint32_t *el0)
{
	const uint32_t *pr = (const uint32_t *)p->members.p + 2 * m;

	*el0 = pr[0];
	return pr[1];
}
const dyad__pbucket *dyad__pat_buckets(const dyad__patterns *p)
{
	return p->bucks;
}

const uint32_t *dyad__pat_bpats(const dyad__patterns *p)
{
	return p->bpats;
}

const uint32_t *dyad__pat_bhash(const dyad__patterns *p)
{
	return p->bhash;
}

const uint32_t *dyad__lex_synsets(const dyad__patterns *p, uint32_t id, uint32_t *n)
{
	*n = p->wsyn0[id + 1] - p->wsyn0[id];
	return p->wsyns + p->wsyn0[id];
}

uint32_t dyad__pat_max_npat(const dyad__patterns *p)
{
	return p->max_npat;
}

const uint32_t *dyad__pat_ones(const dyad__patterns *p)
{
	return (const uint32_t *)p->ones.p;
}
const char *dyad__pat_file(const dyad__patterns *p, uint32_t file)
{
	if (file >= DYAD__VEC_LEN(&p->files, uint32_t))
		return "?";
	return p->pool.p + ((const uint32_t *)p->files.p)[file];
}
size_t dyad__patterns_ndiag(const dyad__patterns *p)
{
	return p->ndiags;
}
const char *dyad__patterns_diag(const dyad__patterns *p, size_t i)
{
	return i < p->ndiags ? p->diags[i] : NULL;
}
void dyad__patterns_stats(const dyad__patterns *p, dyad_pattern_stats *out)
{
	*out = p->stats;
}

void dyad_engine_pattern_stats(const dyad_engine *eng, dyad_pattern_stats *out)
{
	memset(out, 0, sizeof *out);
	if (eng && eng->patterns)
		*out = eng->patterns->stats;
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */
/* ------------------------------------------------------------------ */

static int ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);

	return n >= k && strcasecmp(s + n - k, suf) == 0;
}

/* dyad files say "@kind verbs"; TABARI ones end in .verbs; PETRARCH ones
** have "--- NAME [code] ---" group lines. */
int dyad__patterns_sniff(const char *path, const char *buf, size_t n, dyad__pformat *fmt)
{
	size_t lim = n < 65536 ? n : 65536;
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	if (lim >= 12 && memmem(buf, lim, "@kind verbs", 11) &&
	    !memmem(buf, lim, "@kind verbs-", 12))
		return *fmt = DYAD__PF_DYAD, 1;
	if (ends_with(base, ".verbs"))
		return *fmt = DYAD__PF_TABARI, 1;
	if (strncasecmp(base, "CAMEO.verbpatterns", 18) == 0 || memmem(buf, lim, "\n--- ", 5))
		return *fmt = DYAD__PF_PETRARCH, 1;
	return 0;
}

/* data/grammar.txt: "class word word ..." lines (format in its header). */
static int read_grammar(dyad__patterns *p, const char *buf, size_t n)
{
	static const struct { const char *name; unsigned cls; } classes[] = {
		{"determiner", DYAD__C_DET}, {"auxiliary", DYAD__C_AUX}, {"by", DYAD__C_BY},
		{"pronoun-he", DYAD__C_PRON_HE}, {"pronoun-his", DYAD__C_PRON_HIS},
		{"pronoun-they", DYAD__C_PRON_THEY}, {"conjunction", DYAD__C_CONJ},
		{"negation", DYAD__C_NEG}, {"modal", DYAD__C_MODAL},
		{"intention", DYAD__C_INTENT}, {"report", DYAD__C_REPORT},
		{"preposition", DYAD__C_PREP}, {"relative", DYAD__C_REL},
		{"proposal", DYAD__C_PROPOSAL}, {"including", DYAD__C_INCLUDING},
		{"subordinator", DYAD__C_SUBORD},
		{"locative", DYAD__C_LOCATIVE}};
	size_t i = 0, line = 0;

	while (i < n && !p->nomem) {
		const char *nl = memchr(buf + i, '\n', n - i), *s = buf + i;
		size_t e = nl ? (size_t)(nl - buf) : n, len = e - i, k, c;
		i = e + 1;
		line++;
		if (len == 0 || s[0] == '#' || s[0] == '@')
			continue;
		for (k = 0; k < len && s[k] != ' '; k++)
			;
		for (c = 0; c < sizeof classes / sizeof *classes; c++)
			if (strlen(classes[c].name) == k && memcmp(classes[c].name, s, k) == 0)
				break;
		if (c == sizeof classes / sizeof *classes) {
			diag(p, 0, (uint32_t)line, "unknown word class; line skipped");
			continue;
		}
		while (k < len) {
			size_t a = ++k;
			uint32_t id;
			while (k < len && s[k] != ' ')
				k++;
			if (k == a)
				continue;
			id = intern(p, s + a, k - a, DYAD__W_EXACT);
			if (!p->nomem)
				DYAD__VEC_AT(&p->words, dyad__lword, id).cls |= (uint32_t)classes[c].cls;
		}
	}
	return p->nomem ? -1 : 0;
}

static dyad_status load_data(dyad_engine *eng, const char *name, int grammar)
{
	char *path = malloc(strlen(eng->data_dir) + strlen(name) + 2), *buf = NULL;
	size_t n = 0, bad = 0;
	dyad__patterns *p = eng->patterns;
	dyad_status st;

	if (!path)
		return DYAD_NOMEM;
	sprintf(path, "%s/%s", eng->data_dir, name);
	st = dyad__read_file(path, eng->msg, &buf, &n);
	if (st == DYAD_OK && grammar) {
		uint32_t off = str_add(p, path, strlen(path));
		push(p, &p->files, &off, sizeof off); /* file 0: messages name it */
		if (read_grammar(p, buf, n) != 0)
			st = DYAD_NOMEM;
	} else if (st == DYAD_OK) {
		char msg[DYAD__MSG_MAX];
		if (!(p->irr = dyad__irregular_parse(path, buf, n, &bad, msg)))
			st = DYAD_NOMEM;
		else if (bad)
			diag(p, 0, 0, "%s", msg);
	}
	free(buf);
	free(path);
	return st;
}

dyad_status dyad__patterns_load(dyad_engine *eng, const dyad_config *cfg)
{
	dyad_status st;

	(void)cfg;
	if (!(eng->patterns = dyad__patterns_new()))
		return DYAD_NOMEM;
	st = load_data(eng, "grammar.txt", 1);
	if (st == DYAD_OK)
		st = load_data(eng, "verbs/irregular.txt", 0);
	return st;
}
