/*
** gazetteer.h — the compiled gazetteer that places.c looks names up in:
** countries, first-level divisions and populated places, with a trie of
** their names' matching keys.
**
** One flat layout serves both sources. The full gazetteer
** (data/gazetteer.bin, made by tools/setup.sh) is mapped into memory as
** it is, with no parsing: only its header and bounds are checked. The
** committed subset (data/gazetteer-subset.tsv) is compiled into the same
** layout in memory at engine load. docs/places.md describes the file.
**
** Layout, little-endian, every section 4-aligned:
**   header    dyad__gaz_header
**   places    dyad__gplace[nplaces]
**   nodes     dyad__gnode[nnodes], breadth first, children adjacent and
**             sorted by byte; node 0 is the root
**   posts     uint32_t[nposts]: at a terminal node's post - 1, a count and
**             that many entries (place index | DYAD__GP_ALT if the name is
**             not the place's own)
**   pool      NUL-terminated strings; offset 0 is ""
*/
#ifndef DYAD_GAZETTEER_H
#define DYAD_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

#include "dyad.h"

#define DYAD__GAZ_MAGIC "DYADGAZ\n"
#define DYAD__GAZ_VERSION 1u
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
	uint32_t nplaces, nnodes, nposts, npool;
	uint32_t off_places, off_nodes, off_posts, off_pool;
	uint32_t size;          /* bytes of the whole file */
	uint32_t reserved[5];
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

typedef struct dyad__gnode {
	uint32_t kid0;          /* first child */
	uint32_t post;          /* 1 + index into posts; 0 when no name ends here */
	uint16_t nkid;          /* children */
	uint8_t lab;            /* the byte on the edge into it */
	uint8_t pad;
} dyad__gnode;

typedef struct dyad__gaz {
	const dyad__gaz_header *h;
	const dyad__gplace *places;
	const dyad__gnode *nodes;
	const uint32_t *posts;
	const char *pool;
	uint32_t root[256];     /* the root's child per byte */
	uint32_t cc[26 * 26];   /* country place per alpha-2, DYAD__GAZ_NONE */
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

/* Child of node by byte c, DYAD__GAZ_NONE. */
static inline uint32_t dyad__gaz_child(const dyad__gaz *g, uint32_t node, unsigned char c)
{
	const dyad__gnode *v;
	uint32_t lo, hi;

	if (node == 0)
		return g->root[c];
	v = &g->nodes[node];
	lo = v->kid0;
	hi = v->kid0 + v->nkid;
	while (hi - lo > 4) {
		uint32_t mid = (lo + hi) / 2;
		if (g->nodes[mid].lab <= c)
			lo = mid;
		else
			hi = mid;
	}
	for (; lo < hi; lo++)
		if (g->nodes[lo].lab == c)
			return lo;
	return DYAD__GAZ_NONE;
}

/* The places whose names end at node: *n entries, NULL when none. */
static inline const uint32_t *dyad__gaz_post(const dyad__gaz *g, uint32_t node, uint32_t *n)
{
	uint32_t p = g->nodes[node].post;

	*n = p ? g->posts[p - 1] : 0;
	return p ? g->posts + p : NULL;
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
