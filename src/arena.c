/*
** arena.c — bump allocation for everything one document needs.
**
** A context allocates a document's small objects here and resets the arena
** before the next document, so the steady state does no malloc at all:
** reset keeps the largest chunk and frees the rest. Allocation failure is
** sticky (a->nomem) so a stage can check once at its end.
*/
#include <stdlib.h>
#include <string.h>

#include "dyad_int.h"

struct dyad__chunk {
	dyad__chunk *next; /* older chunk */
	size_t cap;        /* usable bytes after the header */
	max_align_t data[]; /* payload */
};

#define ARENA_MIN_CHUNK ((size_t)64 << 10)

void dyad__arena_init(dyad__arena *a)
{
	memset(a, 0, sizeof *a);
}

static int arena_grow(dyad__arena *a, size_t n)
{
	size_t cap = a->cap ? a->cap * 2 : ARENA_MIN_CHUNK;
	dyad__chunk *c;

	while (cap < n)
		cap *= 2;
	c = malloc(sizeof *c + cap);
	if (!c)
		return -1;
	c->next = a->head;
	c->cap = cap;
	a->head = c;
	a->used = 0;
	a->cap = cap;
	return 0;
}

void *dyad__arena_alloc(dyad__arena *a, size_t n)
{
	size_t need = (n + 15) & ~(size_t)15;
	char *p;

	if (need < n) {
		a->nomem = 1;
		return NULL;
	}
	if (!a->head || a->cap - a->used < need) {
		if (arena_grow(a, need) != 0) {
			a->nomem = 1;
			return NULL;
		}
	}
	p = (char *)a->head->data + a->used;
	a->used += need;
	return p;
}

char *dyad__arena_strndup(dyad__arena *a, const char *s, size_t n)
{
	char *p = dyad__arena_alloc(a, n + 1);

	if (!p)
		return NULL;
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void dyad__arena_reset(dyad__arena *a)
{
	dyad__chunk *c;

	if (!a->head)
		return;
	/* The head is the largest chunk: chunks only ever double. */
	c = a->head->next;
	while (c) {
		dyad__chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head->next = NULL;
	a->used = 0;
	a->nomem = 0;
}

void dyad__arena_free(dyad__arena *a)
{
	dyad__chunk *c = a->head;

	while (c) {
		dyad__chunk *next = c->next;
		free(c);
		c = next;
	}
	dyad__arena_init(a);
}
