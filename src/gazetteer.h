/*
** gazetteer.h — the compiled gazetteer that places.c looks names up in:
** countries, first-level divisions and populated places, with an index
** of their names' matching keys.
**
** One flat layout serves both sources. The full gazetteer
** (data/gazetteer.bin, made by tools/setup.sh) is mapped into memory as
** it is, with no parsing: only its header and bounds are checked. The
** committed subset (data/gazetteer-subset.tsv) is compiled into the same
** layout in memory at engine load. docs/places.md describes the file.
**
** Names are indexed a word at a time, because places.c reads text a
** token at a time and most capitalized tokens begin no place name: a
** token should cost one probe of one table, not a walk of a byte trie
** spread over megabytes. A prefix of names that ends after a word and
** its space ("new ") has an id, the empty prefix 0; the table maps
** (prefix, word) to the name that ends there and the prefix it opens.
**
** Layout, little-endian, every section 4-aligned:
**   header    dyad__gaz_header
**   places    dyad__gplace[nplaces]
**   words     dyad__gword[nslots], nslots a power of two: open
**             addressing, linear probing from hash & (nslots - 1)
**   posts     uint32_t[nposts]: at a name's post - 1, a count and that
**             many entries (place index | DYAD__GP_ALT if the name is
**             not the place's own)
**   pool      NUL-terminated strings; offset 0 is ""
**   wpool     each word entry's prefix id (uint32_t, unaligned), length
**             (one byte) and bytes, in slot order
*/
#ifndef DYAD_GAZETTEER_H
#define DYAD_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dyad.h"
#include "dyad_int.h" /* dyad__same_bytes */

#define DYAD__GAZ_MAGIC "DYADGAZ\n"
/* 3: a town's name before its comma ("Washington" of "Washington,
** D.C.") is indexed as its own name; a file of 2 has it only where it
** is an alternate name, so it is made again. */
#define DYAD__GAZ_VERSION 3u
#define DYAD__GAZ_NONE UINT32_MAX

/* Place kinds. */
enum { DYAD__GK_COUNTRY = 1, DYAD__GK_ADMIN1 = 2, DYAD__GK_CITY = 3 };

/* Feature codes, coarsened: what disambiguation needs to know. */
enum {
	DYAD__GF_PPL = 0,   /* a populated place */
	DYAD__GF_PPLC,      /* a national capital */
	DYAD__GF_PPLA,      /* the seat of a first-level division */
	DYAD__GF_PPLA2,     /* the seat of a lower division */
	DYAD__GF_PPLX,      /* a section of a city, a locality, a farm village */
	DYAD__GF_PCLI,      /* a country */
	DYAD__GF_ADM1,      /* a first-level division */
	DYAD__GF_RGN        /* a region named in news (Gaza Strip) */
};

/* An entry's flag in a posting: the name is an alternate one. */
#define DYAD__GP_ALT 0x80000000u
#define DYAD__GP_PLACE 0x00ffffffu

typedef struct dyad__gaz_header {
	char magic[8];          /* DYAD__GAZ_MAGIC */
	uint32_t version;       /* DYAD__GAZ_VERSION */
	uint32_t endian;        /* 0x01020304 as written */
	uint32_t nplaces, nslots, nposts, npool;
	uint32_t off_places, off_words, off_posts, off_pool;
	uint32_t size;          /* bytes of the whole file */
	uint32_t nprefix;       /* prefix ids, the empty one (0) included */
	uint32_t nwords;        /* filled slots */
	uint32_t nwpool, off_wpool;
	uint32_t reserved;
} dyad__gaz_header;

typedef struct dyad__gplace {
	int32_t lat, lon;       /* 1e-5 degrees */
	uint32_t pop;           /* population */
	uint32_t name;          /* pool: the name to print */
	uint32_t admin1;        /* pool: ISO 3166-2 code, or 0; one offset per code */
	uint32_t ccs;           /* pool: cc as a string; one offset per code */
	uint32_t gid;           /* GeoNames id, 0 when none */
	char cc[2];             /* ISO 3166-1 alpha-2 */
	char code3[3];          /* ISO 3166-1 alpha-3 of a country, else NULs */
	uint8_t kind;           /* DYAD__GK_* */
	uint8_t fcode;          /* DYAD__GF_* */
	uint8_t pad;
} dyad__gplace;

/* One slot of the word table: a word read after a prefix. */
typedef struct dyad__gword {
	uint32_t hash;          /* dyad__gaz_hash(prefix, word); 0: an empty slot */
	uint32_t word;          /* wpool offset of the prefix id, length and bytes */
	uint32_t post;          /* 1 + posts index of the name ending here; 0 none */
	uint32_t next;          /* the prefix "... word " names go on from; 0 none */
} dyad__gword;

typedef struct dyad__gaz {
	const dyad__gaz_header *h;
	const dyad__gplace *places;
	const dyad__gword *words;
	const uint32_t *posts;
	const char *pool;
	const unsigned char *wpool;
	uint32_t mask;          /* nslots - 1 */
	uint32_t cc[26 * 26];   /* country place per alpha-2, DYAD__GAZ_NONE */
	uint16_t cc3[26 * 26 * 26]; /* 1 + cc index per alpha-3, 0 when none */
	int odd3;               /* a country's alpha-3 is not three capitals */
	void *map;              /* mmap'd file, or NULL */
	char *mem;              /* compiled in memory, or NULL */
	size_t size;
	char *path;             /* where it was loaded from */
	int subset;             /* the committed subset, not the full file */
	double load_ms;
} dyad__gaz;

/* Compiles gazetteer TSV text into the layout: *out is malloc'd, *size its
** bytes. On failure msg (DYAD__MSG_MAX) says "name:line: reason". */
dyad_status dyad__gaz_compile(const char *text, size_t n, const char *name, char *msg,
			      char **out, size_t *size);
/* Checks a layout of size bytes and makes g a view of it; msg on failure. */
dyad_status dyad__gaz_view(dyad__gaz *g, const char *p, size_t size, const char *name,
			   char *msg);
/* Loads path: a .tsv is compiled, anything else mapped. */
dyad_status dyad__gaz_open(dyad__gaz *g, const char *path, char *msg);
void dyad__gaz_close(dyad__gaz *g);

/* The hash of word w (n bytes) after prefix id from, never 0, in three
** steps so that a caller can hash a word as it makes it. Part of the
** file format: changing it changes DYAD__GAZ_VERSION. */
static inline uint32_t dyad__gaz_hash_init(uint32_t from)
{
	return 2166136261u ^ (from * 0x9e3779b1u);
}

static inline uint32_t dyad__gaz_hash_byte(uint32_t h, unsigned char c)
{
	return (h ^ c) * 16777619u;
}

static inline uint32_t dyad__gaz_hash_end(uint32_t h)
{
	h ^= h >> 15;
	h *= 0x2c1b3c6du;
	h ^= h >> 12;
	return h ? h : 1;
}

static inline uint32_t dyad__gaz_hash(uint32_t from, const char *w, size_t n)
{
	uint32_t h = dyad__gaz_hash_init(from);
	size_t i;

	for (i = 0; i < n; i++)
		h = dyad__gaz_hash_byte(h, (unsigned char)w[i]);
	return dyad__gaz_hash_end(h);
}

/* Does slot e, whose words are in wpool, hold word w (n bytes) after
** prefix from? */
static inline int dyad__gaz_is(const unsigned char *wpool, const dyad__gword *e, uint32_t from,
			       const char *w, size_t n)
{
	const unsigned char *r = wpool + e->word;
	uint32_t f;

	memcpy(&f, r, 4);
	return f == from && r[4] == n && dyad__same_bytes(r + 5, w, n);
}

/* The entry of word w (n bytes, hash h) after prefix from, NULL when
** no name has that word there. The probe is bounded, so that a corrupt
** table with no empty slot cannot loop. */
static inline const dyad__gword *dyad__gaz_word_h(const dyad__gaz *g, uint32_t h,
						  uint32_t from, const char *w, size_t n)
{
	uint32_t i = h & g->mask, tries;

	for (tries = 0; tries <= g->mask; tries++, i = (i + 1) & g->mask) {
		const dyad__gword *e = &g->words[i];
		if (!e->hash)
			return NULL;
		if (e->hash == h && dyad__gaz_is(g->wpool, e, from, w, n))
			return e;
	}
	return NULL;
}

static inline const dyad__gword *dyad__gaz_word(const dyad__gaz *g, uint32_t from,
						const char *w, size_t n)
{
	return dyad__gaz_word_h(g, dyad__gaz_hash(from, w, n), from, w, n);
}

/* The places of the name with post (1 + index into posts): *n entries,
** NULL when none. */
static inline const uint32_t *dyad__gaz_post(const dyad__gaz *g, uint32_t post, uint32_t *n)
{
	*n = post ? g->posts[post - 1] : 0;
	return post ? g->posts + post : NULL;
}

static inline const char *dyad__gaz_str(const dyad__gaz *g, uint32_t off)
{
	return g->pool + off;
}

/* The country with alpha-2 cc (any case), DYAD__GAZ_NONE. */
uint32_t dyad__gaz_country(const dyad__gaz *g, const char *cc);
/* The country with alpha-3 code3 (upper case), DYAD__GAZ_NONE. */
uint32_t dyad__gaz_country3(const dyad__gaz *g, const char *code3);
/* The matching key of a name, as places.c walks token keys: folded as
** segment.c folds, letters and digits only, and one ' ' where spaces or
** hyphens part words. Returns its length (at most cap). */
size_t dyad__gaz_key(const char *s, size_t n, char *out, size_t cap);

#endif /* DYAD_GAZETTEER_H */
