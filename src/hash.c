/*
** hash.c — hashing and immutable string sets built at engine load.
**
** Word lists (English words for hyphen repair, abbreviations for sentence
** splitting) are read once into an open-addressing table over one string
** pool; lookups during a document then cost one hash and a byte compare, with
** no allocation.
*/
#include <stdlib.h>
#include <string.h>

#include "dyad_int.h"

/* Mixes one integer (half of MurmurHash3's finalizer). */
uint64_t dyad__hash_u64(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdull;
	k ^= k >> 33;
	return k;
}

/* Steps *i past one line of t; sets [*b, *e) to the line without
** trailing blanks and returns 1 when it is an entry (not blank, not a
** '#' comment), 0 otherwise. */
static int next_entry(const char *t, size_t n, size_t *i, size_t *b, size_t *e)
{
	const char *nl = *i < n ? memchr(t + *i, '\n', n - *i) : NULL;
	size_t j = nl ? (size_t)(nl - t) : n, end;

	end = j;
	while (end > *i && (t[end - 1] == '\r' || t[end - 1] == ' ' || t[end - 1] == '\t'))
		end--;
	*b = *i;
	*e = end;
	*i = j + 1;
	return end > *b && t[*b] != '#';
}

/* Counts the entries and their bytes, to size the table in one go. */
static uint32_t count_entries(const char *t, size_t n, size_t *bytes)
{
	uint32_t count = 0;
	size_t i = 0, b, e;

	*bytes = 0;
	while (i < n)
		if (next_entry(t, n, &i, &b, &e)) {
			count++;
			*bytes += e - b;
		}
	return count;
}

/*
** A signature of a string (n > 0) from its length and its first and last
** bytes, 12 bits. The stages ask mostly about words of small lists
** (abbreviations, function words): the signature turns most other words
** away before hashing, and where one string alone has it, a hit is one
** compare.
*/
static inline unsigned strset_sig(const char *p, size_t n)
{
	return ((unsigned)n * 613u + (unsigned char)p[0] * 37u +
		(unsigned char)p[n - 1]) & 4095u;
}

static void strset_insert(dyad__strset *s, uint32_t idx)
{
	const char *p = s->pool + s->offs[idx];
	size_t len = s->offs[idx + 1] - s->offs[idx];
	uint32_t h = (uint32_t)dyad__hash_key(p, len, NULL) & s->mask;
	uint16_t *sig = &s->sig[strset_sig(p, len)];

	while (s->slots[h]) {
		uint32_t o = s->slots[h] - 1;
		if (s->offs[o + 1] - s->offs[o] == len &&
		    memcmp(s->pool + s->offs[o], p, len) == 0)
			return; /* duplicate line: keep the first */
		h = (h + 1) & s->mask;
	}
	s->slots[h] = idx + 1;
	*sig = *sig || idx + 1 >= 0xFFFF ? 0xFFFF : (uint16_t)(idx + 1);
	if (len > s->maxlen)
		s->maxlen = (uint32_t)len;
}

int dyad__strset_from_lines(dyad__strset *s, const char *t, size_t n)
{
	size_t bytes, i = 0, b, e;
	uint32_t count = count_entries(t, n, &bytes), k = 0, slots = 16;

	memset(s, 0, sizeof *s);
	while (slots < count * 2u)
		slots *= 2;
	s->slots = calloc(slots, sizeof *s->slots);
	s->offs = malloc((count + 1) * sizeof *s->offs);
	s->pool = malloc(bytes + 1);
	if (!s->slots || !s->offs || !s->pool) {
		dyad__strset_free(s);
		return -1;
	}
	s->mask = slots - 1;
	s->offs[0] = 0;
	while (i < n)
		if (next_entry(t, n, &i, &b, &e)) {
			memcpy(s->pool + s->offs[k], t + b, e - b);
			s->offs[k + 1] = s->offs[k] + (uint32_t)(e - b);
			strset_insert(s, k);
			k++;
		}
	s->n = k;
	return 0;
}

int dyad__strset_has(const dyad__strset *s, const char *p, size_t n)
{
	uint32_t h, o;

	if (!s->slots || n == 0 || n > s->maxlen)
		return 0;
	o = s->sig[strset_sig(p, n)];
	if (o == 0)
		return 0;
	if (o != 0xFFFF)
		return s->offs[o] - s->offs[o - 1] == n &&
		       dyad__same_bytes(s->pool + s->offs[o - 1], p, n);
	h = (uint32_t)dyad__hash_key(p, n, NULL) & s->mask;
	while ((o = s->slots[h]) != 0) {
		if (s->offs[o] - s->offs[o - 1] == n &&
		    dyad__same_bytes(s->pool + s->offs[o - 1], p, n))
			return 1;
		h = (h + 1) & s->mask;
	}
	return 0;
}

void dyad__strset_free(dyad__strset *s)
{
	free(s->slots);
	free(s->offs);
	free(s->pool);
	memset(s, 0, sizeof *s);
}
