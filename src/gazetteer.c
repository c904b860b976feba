/*
** gazetteer.c — the gazetteer file: compiling its TSV source into the flat
** layout of gazetteer.h, checking a layout, and mapping the full file.
**
** The full gazetteer holds some 140,000 places and a million names, so it
** is compiled once (tools/setup.sh, through tools/gazc) and then mapped:
** loading it costs a header check and a pass over its bounds, not a parse.
** A file is untrusted like any input: every offset and count in it is
** checked against the file's size before the engine uses it, so a
** truncated or corrupt file is a message ("path: reason"), never a crash.
*/
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dyad_int.h"
#include "gazetteer.h"

#define KEY_MAX 128   /* bytes of a name's key; longer names are cut */
#define FIELDS 11     /* columns of the TSV */

/* ------------------------------------------------------------------ */
/* Keys                                                                */
/* ------------------------------------------------------------------ */

size_t dyad__gaz_key(const char *s, size_t n, char *out, size_t cap)
{
	size_t i = 0, k = 0;

	while (i < n) {
		utf8proc_int32_t cp, buf[8];
		utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(n - i), &cp);
		utf8proc_ssize_t r, j;
		utf8proc_category_t c0;
		if (l <= 0) {
			i++;
			continue;
		}
		i += (size_t)l;
		c0 = utf8proc_category(cp);
		if (c0 == UTF8PROC_CATEGORY_ZS || c0 == UTF8PROC_CATEGORY_PD) {
			if (k > 0 && out[k - 1] != ' ' && k < cap)
				out[k++] = ' '; /* words stay apart: "US is" is not "Usis" */
			continue;
		}
		r = utf8proc_decompose_char(dyad__fold_custom(cp, NULL), buf, 8,
					    DYAD__FOLD_FLAGS, NULL);
		for (j = 0; j < r && j < 8; j++) {
			utf8proc_category_t c = utf8proc_category(buf[j]);
			utf8proc_uint8_t e[4];
			utf8proc_ssize_t el;
			if (c < UTF8PROC_CATEGORY_LU || c > UTF8PROC_CATEGORY_NO ||
			    (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME))
				continue;
			el = utf8proc_encode_char(buf[j], e);
			if (k + (size_t)el > cap)
				return k;
			memcpy(out + k, e, (size_t)el);
			k += (size_t)el;
		}
	}
	return k > 0 && out[k - 1] == ' ' ? k - 1 : k;
}

/* ------------------------------------------------------------------ */
/* Compiling: reading the TSV                                          */
/* ------------------------------------------------------------------ */

/* A name to index: its key (in the key pool) and the place. */
typedef struct gname {
	const char *k;          /* the key, once the key pool is complete */
	uint32_t key, klen;     /* offset in the key pool, length */
	uint32_t place;         /* with DYAD__GP_ALT */
} gname;

#define INTERN_SLOTS 65536 /* distinct short strings (codes) kept once */

typedef struct gbuild {
	dyad__buf places, names, keys, pool;
	uint32_t *intern;       /* pool offsets of codes by hash, 0 empty */
	const char *src;        /* the source's name, for messages */
	char *msg;
	size_t line;
} gbuild;

static uint32_t pool_put(gbuild *b, const char *s, size_t n)
{
	uint32_t off = (uint32_t)b->pool.len;
	char z = 0;

	if (n == 0)
		return 0;
	if (dyad__buf_append(&b->pool, s, n) != 0 || dyad__buf_append(&b->pool, &z, 1) != 0)
		return 0;
	return off;
}

/* A code ("QA", "QA-DA") once in the pool, so that places compare
** their countries and divisions by offset. */
static uint32_t pool_intern(gbuild *b, const char *s, size_t n)
{
	uint32_t h = (uint32_t)dyad__hash(s, n) & (INTERN_SLOTS - 1), i;

	if (n == 0)
		return 0;
	for (i = 0; i < INTERN_SLOTS; i++, h = (h + 1) & (INTERN_SLOTS - 1)) {
		uint32_t off = b->intern[h];
		if (!off)
			return b->intern[h] = pool_put(b, s, n);
		if (strlen(b->pool.p + off) == n && memcmp(b->pool.p + off, s, n) == 0)
			return off;
	}
	return pool_put(b, s, n);
}

static int add_name(gbuild *b, const char *s, size_t n, uint32_t place)
{
	char key[KEY_MAX];
	size_t k = dyad__gaz_key(s, n, key, sizeof key);
	gname g;

	if (k == 0)
		return 0;
	g.k = NULL;
	g.key = (uint32_t)b->keys.len;
	g.klen = (uint32_t)k;
	g.place = place;
	if (dyad__buf_append(&b->keys, key, k) != 0)
		return -1;
	return dyad__buf_append(&b->names, &g, sizeof g);
}

static int fcode_of(const char *s, size_t n)
{
	static const struct { const char *c; int f; } t[] = {
		{"PPLC", DYAD__GF_PPLC}, {"PPLA", DYAD__GF_PPLA}, {"PPLA2", DYAD__GF_PPLA2},
		{"PPLA3", DYAD__GF_PPLA2}, {"PPLA4", DYAD__GF_PPLA2}, {"PPLX", DYAD__GF_PPLX},
		{"PPLL", DYAD__GF_PPLX}, {"PPLF", DYAD__GF_PPLX}, {"PCLI", DYAD__GF_PCLI},
		{"ADM1", DYAD__GF_ADM1}, {"RGN", DYAD__GF_RGN},
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof *t; i++)
		if (strlen(t[i].c) == n && memcmp(t[i].c, s, n) == 0)
			return t[i].f;
	return DYAD__GF_PPL;
}

/* Splits line [s, e) at tabs into f (FIELDS spans); the field count. */
static int split(const char *s, const char *e, const char **f, size_t *fl)
{
	int k = 0;

	while (k < FIELDS) {
		const char *t = memchr(s, '\t', (size_t)(e - s));
		f[k] = s;
		fl[k] = (size_t)((t ? t : e) - s);
		k++;
		if (!t)
			break;
		s = t + 1;
	}
	return k;
}

static int parse_coord(const char *s, size_t n, double lim, int32_t *out)
{
	char tmp[32], *end;
	double v;

	if (n == 0 || n >= sizeof tmp)
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = 0;
	v = strtod(tmp, &end);
	if (*end || v < -lim || v > lim)
		return -1;
	*out = (int32_t)(v * 1e5 + (v < 0 ? -0.5 : 0.5));
	return 0;
}

static dyad_status bad(gbuild *b, const char *why)
{
	return dyad__msg(b->msg, DYAD_PARSE, "%s:%zu: %s", b->src, b->line, why);
}

/* Fills the record of a place from its fields. */
static dyad_status place_fields(gbuild *b, const char **f, const size_t *fl, dyad__gplace *p)
{
	char kind = fl[0] == 1 ? f[0][0] : 0;

	memset(p, 0, sizeof *p);
	p->kind = kind == 'C' ? DYAD__GK_COUNTRY : kind == 'A' ? DYAD__GK_ADMIN1 :
		  kind == 'P' ? DYAD__GK_CITY : 0;
	if (!p->kind)
		return bad(b, "kind is not C, A or P");
	if (fl[1] != 2 || f[1][0] < 'A' || f[1][0] > 'Z' || f[1][1] < 'A' || f[1][1] > 'Z')
		return bad(b, "country is not an ISO 3166-1 alpha-2 code");
	memcpy(p->cc, f[1], 2);
	if (fl[3] == 3)
		memcpy(p->code3, f[3], 3);
	if (parse_coord(f[4], fl[4], 90, &p->lat) || parse_coord(f[5], fl[5], 180, &p->lon))
		return bad(b, "latitude or longitude out of range");
	p->pop = (uint32_t)strtoul(f[6], NULL, 10);
	p->fcode = (uint8_t)fcode_of(f[7], fl[7]);
	p->gid = (uint32_t)strtoul(f[8], NULL, 10);
	if (fl[9] == 0)
		return bad(b, "no name");
	p->name = pool_put(b, f[9], fl[9]);
	p->admin1 = pool_intern(b, f[2], fl[2]);
	p->ccs = pool_intern(b, f[1], 2);
	return DYAD_OK;
}

/*
** The length of a town's name before its comma, 0 when it has none.
** GeoNames qualifies a name so ("Washington, D.C."): the head is the
** town's own name too, not an alternate one, so that a bare "Washington"
** is the capital and not the state that bears the name as its own.
*/
static size_t name_head(const dyad__gplace *p, const char *s, size_t n)
{
	const char *comma = p->kind == DYAD__GK_CITY ? memchr(s, ',', n) : NULL;
	size_t k = comma ? (size_t)(comma - s) : 0;

	while (k > 0 && s[k - 1] == ' ')
		k--;
	return k;
}

/* Is the key of s[0, n) the head key hk[0, hn)? */
static int is_head(const char *s, size_t n, const char *hk, size_t hn)
{
	char key[KEY_MAX];

	return hn && dyad__gaz_key(s, n, key, sizeof key) == hn && memcmp(key, hk, hn) == 0;
}

/* One data line: the place and its names. */
static dyad_status read_place(gbuild *b, const char *s, const char *e)
{
	const char *f[FIELDS], *a, *z;
	size_t fl[FIELDS], head, hn;
	uint32_t idx = (uint32_t)DYAD__VEC_LEN(&b->places, dyad__gplace);
	dyad__gplace p;
	dyad_status st;
	char hk[KEY_MAX];

	if (split(s, e, f, fl) != FIELDS)
		return bad(b, "expected 11 tab-separated fields");
	if ((st = place_fields(b, f, fl, &p)) != DYAD_OK)
		return st;
	if (idx > DYAD__GP_PLACE)
		return bad(b, "too many places");
	head = name_head(&p, f[9], fl[9]);
	hn = head ? dyad__gaz_key(f[9], head, hk, sizeof hk) : 0;
	if (dyad__buf_append(&b->places, &p, sizeof p) != 0 || add_name(b, f[9], fl[9], idx) != 0 ||
	    (hn && add_name(b, f[9], head, idx) != 0))
		return DYAD_NOMEM;
	for (a = f[10], z = f[10] + fl[10]; a < z;) {
		const char *bar = memchr(a, '|', (size_t)(z - a));
		const char *t = bar ? bar : z;
		if (!is_head(a, (size_t)(t - a), hk, hn) &&
		    add_name(b, a, (size_t)(t - a), idx | DYAD__GP_ALT) != 0)
			return DYAD_NOMEM;
		a = t + 1;
	}
	return DYAD_OK;
}

static dyad_status read_tsv(gbuild *b, const char *text, size_t n)
{
	const char *s = text, *end = text + n;
	dyad_status st = DYAD_OK;
	char z = 0;

	if (dyad__buf_append(&b->pool, &z, 1) != 0) /* offset 0 is "" */
		return DYAD_NOMEM;
	for (b->line = 1; s < end && st == DYAD_OK; b->line++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		if (e > s && e[-1] == '\r')
			e--;
		if (e > s && *s != '#')
			st = read_place(b, s, e);
		s = nl ? nl + 1 : end;
	}
	return st;
}

/* ------------------------------------------------------------------ */
/* Compiling: the word table                                           */
/* ------------------------------------------------------------------ */

/* Names by key bytes, then place, a place's own name before its
** alternates: equal keys end up side by side, and a place once. */
static int name_cmp(const void *x, const void *y)
{
	const gname *a = x, *b = y;
	uint32_t m = a->klen < b->klen ? a->klen : b->klen;
	int c = memcmp(a->k, b->k, m);

	if (c)
		return c;
	if (a->klen != b->klen)
		return a->klen < b->klen ? -1 : 1;
	if ((a->place & DYAD__GP_PLACE) != (b->place & DYAD__GP_PLACE))
		return (a->place & DYAD__GP_PLACE) < (b->place & DYAD__GP_PLACE) ? -1 : 1;
	return (a->place > b->place) - (a->place < b->place);
}

/* The word table while it is built: slots as in the file, their words
** in wpool in the order added, at most half full. */
typedef struct wbuild {
	dyad__gword *slot;
	uint32_t mask;          /* slots - 1 */
	uint32_t n;             /* filled slots */
	uint32_t nprefix;       /* prefix ids given, the empty one included */
	dyad__buf wpool;
} wbuild;

/* Doubles the slots; the hashes are kept, so nothing is hashed again. */
static int wb_grow(wbuild *t)
{
	uint32_t mask = t->mask ? t->mask * 2 + 1 : 15, i, j;
	dyad__gword *s = calloc((size_t)mask + 1, sizeof *s);

	if (!s)
		return -1;
	for (i = 0; t->slot && i <= t->mask; i++) {
		if (!t->slot[i].hash)
			continue;
		for (j = t->slot[i].hash & mask; s[j].hash; j = (j + 1) & mask)
			;
		s[j] = t->slot[i];
	}
	free(t->slot);
	t->slot = s;
	t->mask = mask;
	return 0;
}

/* The slot of word w (n bytes) after prefix from, added if new; NULL
** when out of memory. Valid until the next call. */
static dyad__gword *wb_get(wbuild *t, uint32_t from, const char *w, size_t n)
{
	uint32_t h = dyad__gaz_hash(from, w, n), i;
	unsigned char len = (unsigned char)n;

	assert(n <= KEY_MAX);
	if ((!t->slot || (t->n + 1) * 2 > t->mask + 1) && wb_grow(t) != 0)
		return NULL;
	for (i = h & t->mask; t->slot[i].hash; i = (i + 1) & t->mask)
		if (t->slot[i].hash == h &&
		    dyad__gaz_is((const unsigned char *)t->wpool.p, &t->slot[i], from, w, n))
			return &t->slot[i];
	t->slot[i].hash = h;
	t->slot[i].word = (uint32_t)t->wpool.len;
	t->slot[i].post = t->slot[i].next = 0;
	if (dyad__buf_append(&t->wpool, &from, 4) != 0 ||
	    dyad__buf_append(&t->wpool, &len, 1) != 0 || dyad__buf_append(&t->wpool, w, n) != 0)
		return NULL;
	t->n++;
	return &t->slot[i];
}

/* Indexes key k (kl bytes) a word at a time: each word before a space
** opens a prefix, and the last one ends the name with post. Words are
** split at every space, so a key cut after a space ends in an empty
** word, as a token with no letters reads. */
static int index_key(wbuild *t, const char *k, size_t kl, uint32_t post)
{
	uint32_t from = 0;
	size_t a = 0, b;
	dyad__gword *e;

	for (;;) {
		for (b = a; b < kl && k[b] != ' '; b++)
			;
		if (!(e = wb_get(t, from, k + a, b - a)))
			return -1;
		if (b == kl) {
			e->post = post;
			return 0;
		}
		if (!e->next)
			e->next = t->nprefix++;
		from = e->next;
		a = b + 1;
	}
}

/* Appends the postings of the names nm[i..] that share nm[i]'s key, a
** place once; *end gets the first name after them. Returns the post
** (1 + index), 0 when out of memory. */
static uint32_t add_posts(const gname *nm, size_t i, size_t nn, dyad__buf *posts, size_t *end)
{
	uint32_t post = (uint32_t)(posts->len / 4) + 1, cnt = 0, zero = 0;
	size_t j, kl = nm[i].klen;

	if (dyad__buf_append(posts, &zero, 4) != 0)
		return 0;
	for (j = i; j < nn && nm[j].klen == kl && memcmp(nm[j].k, nm[i].k, kl) == 0; j++)
		if (!cnt || (((uint32_t *)posts->p)[posts->len / 4 - 1] & DYAD__GP_PLACE) !=
				    (nm[j].place & DYAD__GP_PLACE)) {
			if (dyad__buf_append(posts, &nm[j].place, 4) != 0)
				return 0;
			cnt++;
		}
	((uint32_t *)posts->p)[post - 1] = cnt;
	*end = j;
	return post;
}

/* Indexes the sorted names: their postings and the word table. */
static int index_names(wbuild *t, const gname *nm, size_t nn, dyad__buf *posts)
{
	size_t i = 0, j = 0;

	t->nprefix = 1;
	if (!t->slot && wb_grow(t) != 0)
		return -1;
	while (i < nn) {
		uint32_t post = add_posts(nm, i, nn, posts, &j);
		if (!post || index_key(t, nm[i].k, nm[i].klen, post) != 0)
			return -1;
		i = j;
	}
	return 0;
}

static void wfree(wbuild *t)
{
	free(t->slot);
	dyad__buf_free(&t->wpool);
}

/* ------------------------------------------------------------------ */
/* Compiling: the file                                                 */
/* ------------------------------------------------------------------ */

static size_t align4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* Copies the word table into out, its words into wp in slot order, so
** that the loader's check reads both front to back. */
static void put_words(const wbuild *t, dyad__gword *out, unsigned char *wp)
{
	const unsigned char *src = (const unsigned char *)t->wpool.p;
	uint32_t i, off = 0;

	for (i = 0; i <= t->mask; i++) {
		const dyad__gword *e = &t->slot[i];
		size_t len;
		out[i] = *e;
		if (!e->hash)
			continue;
		len = 5 + (size_t)src[e->word + 4];
		memcpy(wp + off, src + e->word, len);
		out[i].word = off;
		off += (uint32_t)len;
	}
}

/* Writes the header and sections into one malloc'd block. */
static int assemble(const gbuild *b, const wbuild *t, const dyad__buf *posts, char **out,
		    size_t *size)
{
	dyad__gaz_header h;
	size_t np = DYAD__VEC_LEN(&b->places, dyad__gplace), ns = (size_t)t->mask + 1;
	size_t o_pl = align4(sizeof h), o_wd = o_pl + np * sizeof(dyad__gplace);
	size_t o_po = o_wd + ns * sizeof(dyad__gword), o_str = o_po + posts->len;
	size_t o_wp = align4(o_str + b->pool.len), total = align4(o_wp + t->wpool.len);
	char *p;

	if (total > UINT32_MAX || !(p = calloc(1, total)))
		return -1;
	memset(&h, 0, sizeof h);
	memcpy(h.magic, DYAD__GAZ_MAGIC, 8);
	h.version = DYAD__GAZ_VERSION;
	h.endian = 0x01020304u;
	h.nplaces = (uint32_t)np, h.nslots = (uint32_t)ns;
	h.nposts = (uint32_t)(posts->len / 4), h.npool = (uint32_t)b->pool.len;
	h.off_places = (uint32_t)o_pl, h.off_words = (uint32_t)o_wd;
	h.off_posts = (uint32_t)o_po, h.off_pool = (uint32_t)o_str;
	h.nprefix = t->nprefix, h.nwords = t->n;
	h.nwpool = (uint32_t)t->wpool.len, h.off_wpool = (uint32_t)o_wp;
	h.size = (uint32_t)total;
	memcpy(p, &h, sizeof h);
	memcpy(p + o_pl, b->places.p, b->places.len);
	put_words(t, (dyad__gword *)(void *)(p + o_wd), (unsigned char *)p + o_wp);
	memcpy(p + o_po, posts->p, posts->len);
	memcpy(p + o_str, b->pool.p, b->pool.len);
	*out = p;
	*size = total;
	return 0;
}

dyad_status dyad__gaz_compile(const char *text, size_t n, const char *name, char *msg,
			      char **out, size_t *size)
{
	gbuild b;
	wbuild t;
	dyad__buf posts = {0};
	dyad_status st;
	size_t nn;

	memset(&b, 0, sizeof b);
	memset(&t, 0, sizeof t);
	b.src = name;
	b.msg = msg;
	*out = NULL;
	b.intern = calloc(INTERN_SLOTS, sizeof *b.intern);
	st = b.intern ? read_tsv(&b, text, n) : DYAD_NOMEM;
	if (st == DYAD_OK && b.places.len == 0)
		st = dyad__msg(msg, DYAD_PARSE, "%s: no places", name);
	if (st == DYAD_OK) {
		nn = DYAD__VEC_LEN(&b.names, gname);
		gname *g = (gname *)b.names.p;
		size_t i;
		for (i = 0; i < nn; i++)
			g[i].k = b.keys.p + g[i].key;
		qsort(b.names.p, nn, sizeof(gname), name_cmp);
		if (index_names(&t, (const gname *)b.names.p, nn, &posts) != 0 ||
		    assemble(&b, &t, &posts, out, size) != 0)
			st = dyad__msg(msg, DYAD_NOMEM, "%s: out of memory compiling", name);
	} else if (st == DYAD_NOMEM) {
		dyad__msg(msg, st, "%s: out of memory", name);
	}
	wfree(&t);
	dyad__buf_free(&posts);
	dyad__buf_free(&b.places), dyad__buf_free(&b.names);
	dyad__buf_free(&b.keys), dyad__buf_free(&b.pool);
	free(b.intern);
	return st;
}

/* ------------------------------------------------------------------ */
/* Checking and loading                                                */
/* ------------------------------------------------------------------ */

/* Does section [off, off + n * each) lie inside the file, after the
** header and 4-aligned? */
static int section_ok(uint32_t off, uint32_t n, size_t each, size_t size)
{
	return off >= sizeof(dyad__gaz_header) && off % 4 == 0 && off <= size &&
	       (size - off) / each >= n;
}

static dyad_status check_header(const dyad__gaz_header *h, size_t size, const char *name,
				char *msg)
{
	if (size < sizeof *h || memcmp(h->magic, DYAD__GAZ_MAGIC, 8) != 0)
		return dyad__msg(msg, DYAD_PARSE, "%s: not a dyad gazetteer (bad magic)", name);
	if (h->version != DYAD__GAZ_VERSION || h->endian != 0x01020304u)
		return dyad__msg(msg, DYAD_PARSE,
				 "%s: gazetteer version %u, this dyad reads %u (recompile it)",
				 name, h->version, DYAD__GAZ_VERSION);
	if (h->size != size)
		return dyad__msg(msg, DYAD_PARSE, "%s: truncated (%zu bytes, header says %u)",
				 name, size, h->size);
	if (!section_ok(h->off_places, h->nplaces, sizeof(dyad__gplace), size) ||
	    !section_ok(h->off_words, h->nslots, sizeof(dyad__gword), size) ||
	    !section_ok(h->off_posts, h->nposts, 4, size) ||
	    !section_ok(h->off_pool, h->npool, 1, size) ||
	    !section_ok(h->off_wpool, h->nwpool, 1, size) || h->nslots == 0 ||
	    (h->nslots & (h->nslots - 1)) != 0 || h->npool == 0 || h->nprefix == 0 ||
	    h->nplaces == 0 || h->nplaces > DYAD__GP_PLACE)
		return dyad__msg(msg, DYAD_PARSE, "%s: a section lies outside the file", name);
	return DYAD_OK;
}

/* Is post 0, or a posting list inside posts whose places exist? */
static int post_ok(const dyad__gaz *g, uint32_t p)
{
	const dyad__gaz_header *h = g->h;
	uint32_t n, j;

	if (!p)
		return 1;
	if (p > h->nposts || (n = g->posts[p - 1]) > h->nposts - p)
		return 0;
	for (j = 0; j < n; j++)
		if ((g->posts[p + j] & DYAD__GP_PLACE) >= h->nplaces)
			return 0;
	return 1;
}

/* Every word slot's word, prefixes and postings in bounds. */
static int words_ok(const dyad__gaz *g)
{
	const dyad__gaz_header *h = g->h;
	uint32_t i, from;

	for (i = 0; i < h->nslots; i++) {
		const dyad__gword *e = &g->words[i];
		if (!e->hash)
			continue;
		if (h->nwpool < 5 || e->word > h->nwpool - 5 ||
		    g->wpool[e->word + 4] > h->nwpool - 5 - e->word)
			return 0;
		memcpy(&from, g->wpool + e->word, 4);
		if (from >= h->nprefix || e->next >= h->nprefix || !post_ok(g, e->post))
			return 0;
	}
	return 1;
}

/* Every place's strings and every word slot in bounds. */
static int body_ok(const dyad__gaz *g)
{
	const dyad__gaz_header *h = g->h;
	uint32_t i;

	if (g->pool[h->npool - 1] != 0)
		return 0;
	for (i = 0; i < h->nplaces; i++)
		if (g->places[i].name >= h->npool || g->places[i].admin1 >= h->npool ||
		    g->places[i].ccs >= h->npool)
			return 0;
	return words_ok(g);
}

/* Is c an upper-case ASCII letter? */
static int upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

/* The countries' tables, by alpha-2 and by alpha-3: the first country
** with a code wins, as a scan in alpha-2 order would find it. */
static void index_view(dyad__gaz *g)
{
	uint32_t i;

	memset(g->cc, 0xff, sizeof g->cc);
	memset(g->cc3, 0, sizeof g->cc3);
	for (i = 0; i < g->h->nplaces; i++) {
		const dyad__gplace *p = &g->places[i];
		unsigned a = (unsigned)(p->cc[0] - 'A'), b = (unsigned)(p->cc[1] - 'A');
		if (p->kind == DYAD__GK_COUNTRY && a < 26 && b < 26 && g->cc[a * 26 + b] == DYAD__GAZ_NONE)
			g->cc[a * 26 + b] = i;
	}
	for (i = 0; i < 26 * 26; i++) {
		const dyad__gplace *p = g->cc[i] == DYAD__GAZ_NONE ? NULL : &g->places[g->cc[i]];
		size_t k;
		if (!p)
			continue;
		if (!upper(p->code3[0]) || !upper(p->code3[1]) || !upper(p->code3[2])) {
			g->odd3 = 1; /* looked up by a scan */
			continue;
		}
		k = (size_t)((p->code3[0] - 'A') * 676 + (p->code3[1] - 'A') * 26 + (p->code3[2] - 'A'));
		if (!g->cc3[k])
			g->cc3[k] = (uint16_t)(i + 1);
	}
}

dyad_status dyad__gaz_view(dyad__gaz *g, const char *p, size_t size, const char *name,
			   char *msg)
{
	const dyad__gaz_header *h = (const dyad__gaz_header *)(const void *)p;
	dyad_status st = check_header(h, size, name, msg);

	if (st != DYAD_OK)
		return st;
	g->h = h;
	g->places = (const dyad__gplace *)(const void *)(p + h->off_places);
	g->words = (const dyad__gword *)(const void *)(p + h->off_words);
	g->posts = (const uint32_t *)(const void *)(p + h->off_posts);
	g->pool = p + h->off_pool;
	g->wpool = (const unsigned char *)p + h->off_wpool;
	g->mask = h->nslots - 1;
	g->size = size;
	if (!body_ok(g)) {
		g->h = NULL;
		return dyad__msg(msg, DYAD_PARSE, "%s: corrupt (an offset or count is out of bounds)",
				 name);
	}
	index_view(g);
	return DYAD_OK;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Maps a compiled file read-only. */
static dyad_status map_file(dyad__gaz *g, const char *path, char *msg)
{
	struct stat sb;
	int fd = open(path, O_RDONLY);
	void *m;

	if (fd < 0)
		return dyad__msg(msg, errno == ENOENT ? DYAD_NOTFOUND : DYAD_IO, "%s: %s", path,
				 strerror(errno));
	if (fstat(fd, &sb) != 0 || sb.st_size <= 0) {
		close(fd);
		return dyad__msg(msg, DYAD_PARSE, "%s: empty or unreadable", path);
	}
	m = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return dyad__msg(msg, DYAD_IO, "%s: mmap: %s", path, strerror(errno));
	g->map = m;
	g->size = (size_t)sb.st_size;
	return dyad__gaz_view(g, m, g->size, path, msg);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

dyad_status dyad__gaz_open(dyad__gaz *g, const char *path, char *msg)
{
	double t0 = now_ms();
	dyad_status st;

	memset(g, 0, sizeof *g);
	if (!(g->path = strdup(path)))
		return dyad__msg(msg, DYAD_NOMEM, "out of memory");
	if (ends_with(path, ".tsv")) {
		char *text = NULL;
		size_t n = 0, size = 0;
		st = dyad__read_file(path, msg, &text, &n);
		if (st == DYAD_OK)
			st = dyad__gaz_compile(text, n, path, msg, &g->mem, &size);
		free(text);
		if (st == DYAD_OK)
			st = dyad__gaz_view(g, g->mem, size, path, msg);
	} else {
		st = map_file(g, path, msg);
	}
	g->load_ms = now_ms() - t0;
	if (st != DYAD_OK)
		dyad__gaz_close(g);
	return st;
}

void dyad__gaz_close(dyad__gaz *g)
{
	if (!g)
		return;
	if (g->map)
		munmap(g->map, g->size);
	free(g->mem);
	free(g->path);
	memset(g, 0, sizeof *g);
}

uint32_t dyad__gaz_country(const dyad__gaz *g, const char *cc)
{
	unsigned a = (unsigned)((cc[0] | 0x20) - 'a'), b;

	if (a >= 26 || !cc[0] || !cc[1])
		return DYAD__GAZ_NONE;
	b = (unsigned)((cc[1] | 0x20) - 'a');
	return b < 26 ? g->cc[a * 26 + b] : DYAD__GAZ_NONE;
}

uint32_t dyad__gaz_country3(const dyad__gaz *g, const char *code3)
{
	unsigned i;

	if (upper(code3[0]) && upper(code3[1]) && upper(code3[2])) {
		i = g->cc3[(code3[0] - 'A') * 676 + (code3[1] - 'A') * 26 + (code3[2] - 'A')];
		return i ? g->cc[i - 1] : DYAD__GAZ_NONE;
	}
	for (i = 0; g->odd3 && i < 26 * 26; i++) /* only an odd code can match */
		if (g->cc[i] != DYAD__GAZ_NONE &&
		    memcmp(g->places[g->cc[i]].code3, code3, 3) == 0)
			return g->cc[i];
	return DYAD__GAZ_NONE;
}
