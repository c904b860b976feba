/*
** trie.c — lays out a lexicon's trie breadth first once it is loaded
** (see trie.h for why).
*/
#include <stdlib.h>
#include <string.h>

#include "trie.h"

/* Groups the edges by parent: the children of old node p are kids[off[p],
** off[p + 1]), their bytes in klab, each group sorted by byte. */
static void group_edges(const uint64_t *edges, size_t mask, size_t n, uint32_t *off,
			uint32_t *kids, uint8_t *klab)
{
	size_t i;

	for (i = 0; i <= mask; i++)
		if (edges[i])
			off[(((edges[i] >> 32) - 1) >> 8) + 1]++;
	for (i = 0; i < n; i++)
		off[i + 1] += off[i];
	for (i = 0; i <= mask; i++) {
		uint64_t e = edges[i], key = (e >> 32) - 1;
		if (!e)
			continue;
		kids[off[key >> 8]] = (uint32_t)e;
		klab[off[key >> 8]++] = (uint8_t)(key & 255);
	}
	for (i = n; i > 0; i--) /* off[p] is now p's end: shift back */
		off[i] = off[i - 1];
	off[0] = 0;
	for (i = 0; i < n; i++) { /* a node has few children: insertion sort */
		uint32_t j, k;
		for (j = off[i] + 1; j < off[i + 1]; j++)
			for (k = j; k > off[i] && klab[k - 1] > klab[k]; k--) {
				uint32_t t = kids[k];
				uint8_t b = klab[k];
				kids[k] = kids[k - 1], kids[k - 1] = t;
				klab[k] = klab[k - 1], klab[k - 1] = b;
			}
	}
}

/* Breadth first from the root: new numbers in visiting order. */
static void bfs_order(dyad__ctrie *t, const uint32_t *off, const uint32_t *kids,
		      const uint8_t *klab, uint32_t *order, uint32_t *newid)
{
	size_t head, tail = 1;
	uint32_t j;

	order[0] = 0;
	newid[0] = 0;
	for (head = 0; head < tail; head++) {
		uint32_t v = order[head];
		t->node[head].kid0 = (uint32_t)tail;
		t->node[head].nkid = (uint16_t)(off[v + 1] - off[v]);
		for (j = off[v]; j < off[v + 1]; j++) {
			order[tail] = kids[j];
			newid[kids[j]] = (uint32_t)tail;
			t->node[tail++].lab = klab[j];
		}
	}
	for (j = 0; j < 256; j++)
		t->root[j] = DYAD__NO_NODE;
	for (j = 0; j < t->node[0].nkid; j++)
		t->root[t->node[t->node[0].kid0 + j].lab] = t->node[0].kid0 + j;
}

/* The second level's table: 256 entries per child of the root. */
static int second_level(dyad__ctrie *t)
{
	uint32_t i, j;

	t->d1 = t->node[0].kid0;
	t->nd1 = t->node[0].nkid;
	if (!(t->two = malloc(((size_t)t->nd1 ? t->nd1 : 1) * 256 * sizeof *t->two)))
		return -1;
	memset(t->two, 0xff, (size_t)t->nd1 * 256 * sizeof *t->two);
	for (i = 0; i < t->nd1; i++) {
		const dyad__cnode *v = &t->node[t->d1 + i];
		for (j = 0; j < v->nkid; j++)
			t->two[i << 8 | t->node[v->kid0 + j].lab] = v->kid0 + j;
	}
	return 0;
}

int dyad__ctrie_build(dyad__ctrie *t, const uint64_t *edges, size_t mask, size_t nnodes,
		      uint32_t **newid)
{
	size_t n = nnodes ? nnodes : 1;
	uint32_t *off = calloc(n + 1, sizeof *off), *kids = malloc(n * sizeof *kids);
	uint32_t *order = malloc(n * sizeof *order);
	uint8_t *klab = malloc(n);
	int rc = -1;

	dyad__ctrie_free(t);
	*newid = malloc(n * sizeof **newid);
	t->node = calloc(n, sizeof *t->node);
	if (off && kids && order && klab && *newid && t->node) {
		group_edges(edges, mask, n, off, kids, klab);
		bfs_order(t, off, kids, klab, order, *newid);
		t->n = n;
		rc = second_level(t);
	}
	if (rc != 0) {
		dyad__ctrie_free(t);
		free(*newid);
		*newid = NULL;
	}
	free(off), free(kids), free(order), free(klab);
	return rc;
}

void dyad__ctrie_free(dyad__ctrie *t)
{
	if (!t)
		return;
	free(t->node);
	free(t->two);
	memset(t, 0, sizeof *t);
	memset(t->root, 0xff, sizeof t->root);
}
