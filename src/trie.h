/*
** trie.h — the read-only byte trie both lexicons walk (actor names in
** actors.c, pattern words in patterns.c).
**
** Each lexicon builds its trie through an open-addressing table of edges,
** which is easy to grow while dictionaries load but costs a hash and a
** cache miss per byte walked: with the Phoenix actors that table was
** 16 MB. Once loading ends the edges are laid out again breadth first,
** so that a node's children are adjacent (one short scan finds a child)
** and the shallow nodes, which every walk passes through, share a few
** cache lines. The root, where every walk starts, has a direct table.
*/
#ifndef DYAD_TRIE_H
#define DYAD_TRIE_H

#include <stddef.h>
#include <stdint.h>

#define DYAD__NO_NODE UINT32_MAX

/* A node, in 8 bytes: a walk step reads the children's nodes, which are
** adjacent, and the child found is then already in the cache. */
typedef struct dyad__cnode {
	uint32_t kid0;      /* its first child */
	uint16_t nkid;      /* how many children */
	uint8_t lab;        /* the byte on the edge into it */
	uint8_t user;       /* the lexicon's own flag, 0 until it sets one */
} dyad__cnode;

typedef struct dyad__ctrie {
	dyad__cnode *node;
	uint32_t root[256]; /* the root's child per byte, DYAD__NO_NODE */
	uint32_t *two;      /* the root's children's children: 256 per child */
	uint32_t d1, nd1;   /* the root's children are nodes [d1, d1 + nd1) */
	size_t n;           /* nodes */
} dyad__ctrie;

/*
** Lays out t from a building table: edges[0..mask] hold, for each edge,
** ((parent << 8 | byte) + 1) << 32 | child, 0 for an empty slot; nodes
** are numbered [0, nnodes), 0 the root. *newid gets a malloc'd map from
** the old numbers to t's, for the caller to carry its per-node data over
** (the caller frees it). t's old contents are freed first. Returns 0, or
** -1 out of memory (t then empty).
*/
int dyad__ctrie_build(dyad__ctrie *t, const uint64_t *edges, size_t mask, size_t nnodes,
		      uint32_t **newid);
/* Frees t's tables (not t); t may be NULL. */
void dyad__ctrie_free(dyad__ctrie *t);

/* The child of node by byte c, DYAD__NO_NODE. The first two levels are
** direct tables; the wide nodes are there (any letter can follow), and
** every walk passes through them. */
static inline uint32_t dyad__ctrie_child(const dyad__ctrie *t, uint32_t node, unsigned char c)
{
	const dyad__cnode *k;
	uint32_t lo, hi;

	if (node == 0)
		return t->root[c];
	if (node - t->d1 < t->nd1)
		return t->two[(node - t->d1) << 8 | c];
	k = t->node + t->node[node].kid0;
	lo = 0;
	hi = t->node[node].nkid;
	while (hi - lo > 4) { /* children are sorted by byte */
		uint32_t mid = (lo + hi) / 2;
		if (k[mid].lab <= c)
			lo = mid;
		else
			hi = mid;
	}
	for (; lo < hi; lo++)
		if (k[lo].lab == c)
			return t->node[node].kid0 + lo;
	return DYAD__NO_NODE;
}

#endif /* DYAD_TRIE_H */
