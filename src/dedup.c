/*
** dedup.c — near-duplicate articles and event clusters.
**
** Two kinds of sameness matter to event data. The same wire story,
** syndicated by many outlets with a changed headline or a trimmed
** paragraph, is one piece of evidence, not many: articles are compared by
** the resemblance of their word shingles (runs of DYAD__SHINGLE words),
** estimated with MinHash. And the same event reported in several
** sentences or articles is one event: mentions are clustered by date,
** source, target, event family (CAMEO root) and place.
**
** The signature is one-permutation MinHash (Li, Owen and Zhang, "One
** permutation hashing", NIPS 2012): each shingle is hashed once, its top
** bits choose one of DYAD__SIG_K bins and the bin keeps the smallest low
** 32 bits; empty bins borrow from the next full bin to the right, shifted
** by the distance (Shrivastava and Li's densification, 2014), so short
** articles still get comparable signatures. One hash per shingle instead
** of DYAD__SIG_K keeps the cost near that of reading the words. Matching
** values between two signatures estimate the resemblance. Candidates are
** found by LSH banding: DYAD__SIG_BANDS bands of 4 values, so a pair at
** resemblance 0.8 shares a band with probability 1 - (1 - 0.8^4)^16 =
** 0.9998, one at 0.3 with 0.12; each candidate is then checked against
** the threshold on its full signature (store.c).
**
** The clustering key is exact: two mentions are in one group when their
** dates (with the precision) are equal, and so are source, target and
** root. An exact key is transitive, so the clusters do not depend on the
** order articles arrive in, and re-ingesting or replacing an article
** gives the same events as a fresh ingest. Place splits a group only
** where both mentions are placed (see dyad__cluster_group).
*/
#include <stdlib.h>
#include <string.h>

#include "dyad_int.h"

#define ROWS (DYAD__SIG_K / DYAD__SIG_BANDS)

/* A full 64-bit mix (MurmurHash3's finalizer), so the bin and the kept
** value of a shingle are independent bits. */
static uint64_t mix64(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdull;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ull;
	k ^= k >> 33;
	return k;
}

/* Fills empty bins (UINT32_MAX with no value seen) from the next full bin
** to the right, circularly, offset by the distance. */
static void densify(uint32_t sig[DYAD__SIG_K], const unsigned char *full)
{
	uint32_t src[DYAD__SIG_K];
	size_t j, t;

	memcpy(src, sig, sizeof src);
	for (j = 0; j < DYAD__SIG_K; j++) {
		if (full[j])
			continue;
		for (t = 1; t < DYAD__SIG_K && !full[(j + t) % DYAD__SIG_K]; t++)
			;
		sig[j] = src[(j + t) % DYAD__SIG_K] + (uint32_t)t * 0x9e3779b9u;
	}
}

/* The shingle hash after word h joins and word out (0 before the text's
** start) leaves: the words of a shingle are XORed, the oldest rotated
** by 1 bit, each next by 13 more, so order matters; sliding the window
** costs two rotations, not one per word. */
_Static_assert((DYAD__SHINGLE - 1) * 13 + 1 < 64, "a shingle's rotations fit a word");

static uint64_t slide(uint64_t s, uint64_t out, uint64_t h)
{
	s ^= dyad__rotl64(out, 1);
	s = (s >> 13) | (s << 51);
	return s ^ dyad__rotl64(h, (DYAD__SHINGLE - 1) * 13 + 1);
}

size_t dyad__dedup_signature(const dyad_doc *doc, uint32_t sig[DYAD__SIG_K])
{
	uint64_t win[DYAD__SHINGLE] = { 0 }, s = 0;
	unsigned char full[DYAD__SIG_K];
	size_t i, at = 0, words = 0, shingles = 0;

	memset(full, 0, sizeof full);
	for (i = 0; i < DYAD__SIG_K; i++)
		sig[i] = UINT32_MAX;
	for (i = 0; i < doc->ntoks; i++) {
		const dyad__tok *k = &doc->toks[i];
		uint64_t h;
		size_t bin;

		if (k->kind != DYAD_TOK_WORD && k->kind != DYAD_TOK_NUMBER)
			continue;
		h = dyad__hash(dyad__tok_fold(doc->norm, doc->fold, k), k->fold_len);
		s = slide(s, win[at], h);
		win[at] = h;
		at = at + 1 < DYAD__SHINGLE ? at + 1 : 0;
		if (++words < DYAD__SHINGLE)
			continue;
		h = mix64(s);
		bin = (size_t)(h >> 58);
		/* The minimum, without a branch: which way it goes is random, and
		** an empty bin holds UINT32_MAX, which any value replaces. */
		sig[bin] = (uint32_t)h < sig[bin] ? (uint32_t)h : sig[bin];
		full[bin] = 1;
		shingles++;
	}
	if (shingles)
		densify(sig, full);
	return shingles;
}

void dyad__dedup_bands(const uint32_t sig[DYAD__SIG_K], int64_t keys[DYAD__SIG_BANDS])
{
	size_t b, r;

	for (b = 0; b < DYAD__SIG_BANDS; b++) {
		uint64_t h = 0x51ed27a3u + b;

		for (r = 0; r < ROWS; r++)
			h = mix64(h ^ sig[b * ROWS + r]);
		keys[b] = (int64_t)(h >> 1); /* positive: readable in SQL */
	}
}

double dyad__dedup_resemblance(const uint32_t *a, const uint32_t *b)
{
	size_t i, same = 0;

	for (i = 0; i < DYAD__SIG_K; i++)
		same += a[i] == b[i];
	return (double)same / DYAD__SIG_K;
}

/* ------------------------------------------------------------------ */
/* Event clusters                                                      */
/* ------------------------------------------------------------------ */

int dyad__cluster_eligible(const dyad_event *ev)
{
	const unsigned not_factual = DYAD_MOD_NEGATED | DYAD_MOD_HYPOTHETICAL | DYAD_MOD_QUESTION;

	return !(ev->modality & not_factual) && !ev->historical && ev->cameo && ev->cameo[0];
}

/* Adds s and a separator that no code holds to h. */
static uint64_t add_str(uint64_t h, const char *s)
{
	h = mix64(h ^ dyad__hash(s ? s : "", s ? strlen(s) : 0));
	return mix64(h ^ 0x1f);
}

int64_t dyad__cluster_gkey(const dyad_event *ev, int64_t doc_row)
{
	uint64_t h = 0x6b79616475ull;

	h = add_str(h, ev->date);
	h = mix64(h ^ (uint64_t)ev->date_precision);
	h = add_str(h, ev->source);
	h = add_str(h, ev->target);
	h = add_str(h, ev->root);
	if (!ev->date || !ev->date[0])
		h = mix64(h ^ (uint64_t)doc_row);
	h >>= 1;
	return h ? (int64_t)h : 1;
}

/* Appends s, ASCII lower-cased, to out at *at, up to n - 1 bytes in all. */
static void key_part(char *out, size_t n, size_t *at, const char *s)
{
	for (; s && *s && *at + 1 < n; s++)
		out[(*at)++] = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
}

/* "country|admin1|place", lower-cased and cut to n - 1 bytes; "" when
** unplaced. Written by hand: snprintf parsing its format took about a
** thousand instructions a mention. */
void dyad__cluster_place_key(const dyad_event *ev, char *out, size_t n)
{
	size_t at = 0;

	if (n == 0)
		return;
	if (ev->geo_precision != DYAD_GEO_NONE) {
		key_part(out, n, &at, ev->country);
		key_part(out, n, &at, "|");
		key_part(out, n, &at, ev->admin1);
		key_part(out, n, &at, "|");
		key_part(out, n, &at, ev->place);
	}
	out[at] = '\0';
}

int64_t dyad__cluster_id(int64_t gkey, const char *place_key)
{
	return (int64_t)(mix64((uint64_t)gkey ^ dyad__hash(place_key, strlen(place_key))) >> 1);
}

/* The mentions being sorted, for the comparators: qsort has no context
** argument in C11. The sort is on an index array of the group. */
typedef struct sorter {
	const dyad__cmention *m;
	const char *const *key; /* effective place key of each mention */
} sorter;

/* Sorts idx[0..n) by cmp(a, b, s) with an insertion sort for small runs
** and a merge sort above: no global state, stable. */
typedef int (*cmp_fn)(size_t a, size_t b, const sorter *s);

static void merge_sort(size_t *idx, size_t *tmp, size_t n, cmp_fn cmp, const sorter *s)
{
	size_t h, i, j, k;

	if (n < 12) {
		for (i = 1; i < n; i++)
			for (j = i; j > 0 && cmp(idx[j - 1], idx[j], s) > 0; j--) {
				size_t t = idx[j];
				idx[j] = idx[j - 1];
				idx[j - 1] = t;
			}
		return;
	}
	h = n / 2;
	merge_sort(idx, tmp, h, cmp, s);
	merge_sort(idx + h, tmp, n - h, cmp, s);
	for (i = 0, j = h, k = 0; i < h || j < n;)
		tmp[k++] = (j >= n || (i < h && cmp(idx[i], idx[j], s) <= 0)) ? idx[i++] : idx[j++];
	memcpy(idx, tmp, n * sizeof *idx);
}

static int cmp_i64(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

/* By effective place key, then article: a cluster's mentions together. */
static int by_key(size_t a, size_t b, const sorter *s)
{
	const int c = strcmp(s->key[a], s->key[b]);

	return c ? c : cmp_i64(s->m[a].canon, s->m[b].canon);
}

static int by_code(size_t a, size_t b, const sorter *s)
{
	return strcmp(s->m[a].cameo, s->m[b].cameo);
}

/* Outlets: an article with none counts as an outlet of its own. */
static int by_outlet(size_t a, size_t b, const sorter *s)
{
	const dyad__cmention *x = &s->m[a], *y = &s->m[b];

	if (!x->outlet[0] || !y->outlet[0]) {
		if (x->outlet[0] || y->outlet[0])
			return x->outlet[0] ? 1 : -1;
		return cmp_i64(x->canon, y->canon);
	}
	return strcmp(x->outlet, y->outlet);
}

/* Distinct runs of idx[0..n) under cmp (idx sorted by it). */
static size_t distinct(const size_t *idx, size_t n, cmp_fn cmp, const sorter *s)
{
	size_t i, d = n ? 1 : 0;

	for (i = 1; i < n; i++)
		d += cmp(idx[i - 1], idx[i], s) != 0;
	return d;
}

/* The majority code of idx[0..n) (sorted by code): most mentions, then
** the more specific (longer) code, then the smaller. */
static size_t majority_code(const size_t *idx, size_t n, const sorter *s)
{
	size_t i = 0, best = idx[0], best_n = 0;

	while (i < n) {
		size_t j = i + 1;

		while (j < n && by_code(idx[i], idx[j], s) == 0)
			j++;
		if (j - i > best_n ||
		    (j - i == best_n && strlen(s->m[idx[i]].cameo) > strlen(s->m[best].cameo))) {
			best = idx[i];
			best_n = j - i;
		}
		i = j;
	}
	return best;
}

/* Fills c from the mentions idx[0..n) of one cluster, sorted by article;
** tmp has room for n. Reorders idx. */
static void summarize(dyad__cluster *c, size_t *idx, size_t *tmp, size_t n, const sorter *s)
{
	size_t i;

	c->mentions = n;
	c->first_row = idx[0];
	c->place_row = idx[0];
	c->root_event = 0;
	c->articles = 1;
	for (i = 0; i < n; i++) {
		const dyad__cmention *x = &s->m[idx[i]];

		if (i > 0 && x->canon != s->m[idx[i - 1]].canon)
			c->articles++;
		if (x->geo_precision > s->m[c->place_row].geo_precision)
			c->place_row = idx[i];
		c->root_event |= x->first_sentence;
	}
	merge_sort(idx, tmp, n, by_outlet, s);
	c->sources = distinct(idx, n, by_outlet, s);
	merge_sort(idx, tmp, n, by_code, s);
	c->code_row = majority_code(idx, n, s);
}

/* The sole placed key of the group, or "" when it has none or several;
** key[] holds each mention's own place key. idx is sorted by it. */
static const char *sole_place(const size_t *idx, size_t n, const sorter *s)
{
	const char *sole = "";
	size_t i;

	for (i = 0; i < n; i++) {
		const char *k = s->m[idx[i]].place_key;

		if (!k[0])
			continue;
		if (sole[0] && strcmp(sole, k) != 0)
			return "";
		sole = k;
	}
	return sole;
}

int dyad__cluster_group(int64_t gkey, dyad__cmention *m, size_t n, dyad__cluster *out,
			size_t *nout)
{
	size_t *idx = malloc((2 * n + 1) * sizeof *idx);
	const char **key = malloc((n + 1) * sizeof *key);
	sorter s = { m, key };
	const char *sole;
	size_t i, j;

	*nout = 0;
	if (!idx || !key) {
		free(idx);
		free(key);
		return -1;
	}
	for (i = 0; i < n; i++)
		idx[i] = i;
	sole = sole_place(idx, n, &s);
	for (i = 0; i < n; i++)
		key[i] = m[i].place_key[0] ? m[i].place_key : sole;
	merge_sort(idx, idx + n, n, by_key, &s);
	for (i = 0; i < n; i = j) {
		dyad__cluster *c = &out[(*nout)++];
		size_t k;

		for (j = i + 1; j < n && strcmp(key[idx[i]], key[idx[j]]) == 0; j++)
			;
		c->id = dyad__cluster_id(gkey, key[idx[i]]);
		for (k = i; k < j; k++)
			m[idx[k]].cluster = (int)(*nout - 1);
		summarize(c, idx + i, idx + n, j - i, &s);
	}
	free(idx);
	free(key);
	return 0;
}
