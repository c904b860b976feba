/*
** cameo.c — the CAMEO event code table (DATA_DIR/cameo.txt).
**
** Loaded once with an engine built for event coding, then read-only. Each
** row gives a code's QuadClass, Goldstein value, PLOVER category and
** label (format: docs/cameo.md). The coder looks a code up for every
** event it makes, so the table is a direct index: a code of 2 to 4 digits
** is its own slot number, and a lookup, fallback to the parent included,
** is at most three array reads with no hashing and no allocation.
**
** The file is checked as it is read, because a wrong fact here silently
** skews every event: rows must be in code order (so a duplicate or a
** misplaced row shows), a code's root and 3-digit parent must come before
** it, and a code must share its root's QuadClass. Every bad line is
** counted; the message names the first as "path:line: reason".
*/
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cameo.h"

/* Slots of the direct index: 2-digit codes take 0..99, 3-digit codes
** 100..1099, 4-digit codes 1100..11099. */
#define KEY_COUNT 11100

struct dyad__cameo {
	char *text;            /* the file, cut into NUL-terminated fields in place */
	dyad__cameo_row *rows; /* in file order, which is code order */
	size_t n;              /* rows in use */
	uint16_t slot[KEY_COUNT]; /* 1 + row index of each code's key; 0 = absent */
};

/* State of one load, so each helper can report against the current line. */
typedef struct loader {
	dyad_engine *eng;        /* message goes to eng->msg */
	const char *path;        /* for messages */
	struct dyad__cameo *t;   /* the table being filled */
	size_t cap;              /* rows allocated */
	size_t line;             /* 1-based line being read */
	int kind_seen;           /* "@kind cameo" was read (or its lack reported) */
	size_t nbad;             /* bad lines so far */
} loader;

/* Slot of the code s[0..n), or -1 when it is not 2 to 4 ASCII digits. */
static int code_key(const char *s, size_t n)
{
	static const int base[3] = { 0, 100, 1100 };
	int v = 0;
	size_t i;

	if (n < 2 || n > 4)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return base[n - 2] + v;
}

/* The row stored under slot key, or NULL. */
static const dyad__cameo_row *at_key(const struct dyad__cameo *t, int key)
{
	if (key < 0 || !t->slot[key])
		return NULL;
	return &t->rows[t->slot[key] - 1];
}

const dyad__cameo_row *dyad__cameo_find(const struct dyad__cameo *t,
					const char *code, int *exact)
{
	size_t n, len;

	if (exact)
		*exact = 0;
	if (!t || !code)
		return NULL;
	n = strnlen(code, 5);
	for (len = n < 4 ? n : 4; len >= 2; len--) {
		const dyad__cameo_row *r = at_key(t, code_key(code, len));
		if (r) {
			if (exact)
				*exact = len == n;
			return r;
		}
	}
	return NULL;
}

size_t dyad__cameo_count(const struct dyad__cameo *t)
{
	return t ? t->n : 0;
}

/* ---- reading the file --------------------------------------------- */

/* Records a bad line. Only the first gets the message, because the
** engine keeps one; the others are counted and summed up at the end. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void bad(loader *ld, const char *fmt, ...)
{
	char why[DYAD__MSG_MAX];
	va_list ap;

	if (ld->nbad++ > 0)
		return;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	dyad__msg(ld->eng->msg, DYAD_PARSE, "%s:%zu: %s", ld->path, ld->line, why);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Cuts the next blank-separated field off *s, NUL-terminating it in
** place; NULL when the line has no more. */
static char *next_field(char **s)
{
	char *p = *s, *f;

	while (is_blank(*p))
		p++;
	if (!*p)
		return NULL;
	f = p;
	while (*p && !is_blank(*p))
		p++;
	if (*p)
		*p++ = '\0';
	*s = p;
	return f;
}

/* Parses a Goldstein value: an optional '-', 1 or 2 digits, optionally a
** '.' and 1 to 3 digits, within -10..10. Written out rather than strtod,
** which follows the caller's locale and would misread "3.4" where the
** decimal mark is a comma. 0 on success. */
static int parse_goldstein(const char *s, double *out)
{
	int neg = *s == '-', ndig = 0, nfrac = 0;
	long m = 0;
	double v;

	s += neg;
	for (; *s >= '0' && *s <= '9' && ndig < 3; s++, ndig++)
		m = m * 10 + (*s - '0');
	if (ndig == 0 || ndig > 2)
		return -1;
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9' && nfrac < 4; s++, nfrac++)
			m = m * 10 + (*s - '0');
		if (nfrac == 0 || nfrac > 3)
			return -1;
	}
	if (*s)
		return -1;
	/* One division of exact integers: the nearest double, as strtod gives. */
	v = (double)m / (nfrac == 0 ? 1.0 : nfrac == 1 ? 10.0 : nfrac == 2 ? 100.0 : 1000.0);
	if (v > 10.0)
		return -1;
	*out = neg ? -v : v;
	return 0;
}

/* A PLOVER cell: "-", or categories in capitals joined by '|'. */
static int plover_ok(const char *s)
{
	int run = 0;

	if (strcmp(s, "-") == 0)
		return 1;
	for (; *s; s++) {
		if (*s >= 'A' && *s <= 'Z')
			run++;
		else if (*s == '|' && run > 0)
			run = 0;
		else
			return 0;
	}
	return run > 0;
}

/* Whether the label is valid UTF-8 (it ends up in JSON output). */
static int utf8_ok(const char *s)
{
	size_t n = strlen(s);

	while (n > 0) {
		int32_t cp;
		int k = dyad__utf8_decode((const unsigned char *)s, n, &cp);
		if (cp < 0)
			return 0;
		s += k;
		n -= (size_t)k;
	}
	return 1;
}

/* Checks that code fits after the rows already read: in order, with its
** root and parent above it, and its root's QuadClass. 0 when it does. */
static int check_place(loader *ld, const char *code, int quad)
{
	const struct dyad__cameo *t = ld->t;
	size_t n = strlen(code);
	const dyad__cameo_row *root = at_key(t, code_key(code, 2));
	int cmp = t->n ? strcmp(t->rows[t->n - 1].code, code) : -1;

	if (cmp == 0 || at_key(t, code_key(code, n)))
		bad(ld, "code %s appears twice", code);
	else if (cmp > 0)
		bad(ld, "code %s comes after %s: rows go in code order", code,
		    t->rows[t->n - 1].code);
	else if (n > 2 && !root)
		bad(ld, "code %s has no row for its root %.2s above it", code, code);
	else if (n > 3 && !at_key(t, code_key(code, 3)))
		bad(ld, "code %s has no row for its parent %.3s above it", code, code);
	else if (n > 2 && root->quad != quad)
		bad(ld, "code %s has QuadClass %d, its root %.2s has %d", code, quad,
		    code, root->quad);
	else
		return 0;
	return -1;
}

/* Checks the fields of one row; 0 with *quad and *gold set when good. */
static int check_fields(loader *ld, char *const f[4], const char *label,
			int *quad, double *gold)
{
	int key = f[0] ? code_key(f[0], strlen(f[0])) : -1;

	if (!f[3] || !*label)
		bad(ld, "a row is CODE QUAD GOLDSTEIN PLOVER label");
	else if (key < 0)
		bad(ld, "code '%s' is not 2 to 4 digits", f[0]);
	else if (strncmp(f[0], "01", 2) < 0 || strncmp(f[0], "20", 2) > 0)
		bad(ld, "code %s: CAMEO roots are 01 to 20", f[0]);
	else if (f[1][0] < '1' || f[1][0] > '4' || f[1][1])
		bad(ld, "QuadClass '%s' is not 1, 2, 3 or 4", f[1]);
	else if (parse_goldstein(f[2], gold) != 0)
		bad(ld, "Goldstein value '%s' is not a number from -10 to 10", f[2]);
	else if (!plover_ok(f[3]))
		bad(ld, "PLOVER '%s' is not categories in capitals or '-'", f[3]);
	else if (!utf8_ok(label))
		bad(ld, "label is not valid UTF-8");
	else {
		*quad = f[1][0] - '0';
		return 0;
	}
	return -1;
}

/* Reads one row (line s, leading blanks skipped) into the table. */
static void read_row(loader *ld, char *s)
{
	struct dyad__cameo *t = ld->t;
	char *f[4];
	dyad__cameo_row *r;
	double gold = 0;
	int i, quad = 0;

	if (!ld->kind_seen) {
		ld->kind_seen = 1;
		bad(ld, "the file must start with '@kind cameo'");
	}
	for (i = 0; i < 4; i++)
		f[i] = next_field(&s);
	while (is_blank(*s))
		s++;
	if (check_fields(ld, f, s, &quad, &gold) != 0 || check_place(ld, f[0], quad) != 0)
		return;
	assert(t->n < ld->cap); /* codes are distinct, so at most KEY_COUNT */
	r = &t->rows[t->n];
	memcpy(r->code, f[0], strlen(f[0]) + 1);
	r->label = s;
	r->plover = strcmp(f[3], "-") == 0 ? "" : f[3];
	r->quad = quad;
	r->goldstein = gold;
	t->slot[code_key(f[0], strlen(f[0]))] = (uint16_t)++t->n;
}

/* Reads a '@' line: the kind must be cameo; source and licence are for
** people, not the loader. */
static void read_directive(loader *ld, char *s)
{
	char *name = next_field(&s), *value;

	assert(name); /* the line starts with '@' */
	while (is_blank(*s))
		s++;
	value = s;
	if (strcmp(name, "@kind") == 0) {
		if (strcmp(value, "cameo") != 0)
			bad(ld, "@kind must be cameo, not '%s'", value);
		ld->kind_seen = 1;
	} else if (strcmp(name, "@source") != 0 && strcmp(name, "@licence") != 0 &&
		   strcmp(name, "@license") != 0) {
		bad(ld, "unknown directive '%s' (@kind, @source, @licence)", name);
	}
}

/* Reads line [s, s+n) (its '\n' already replaced by NUL). */
static void read_line(loader *ld, char *s, size_t n)
{
	if (memchr(s, '\0', n)) {
		bad(ld, "NUL byte in the line");
		return;
	}
	while (n > 0 && (is_blank(s[n - 1]) || s[n - 1] == '\r'))
		s[--n] = '\0';
	if (*s == '@') {
		read_directive(ld, s);
		return;
	}
	while (is_blank(*s))
		s++;
	if (*s && *s != '#')
		read_row(ld, s);
}

/* Walks the lines of ld->t->text (len bytes) and fills the table. */
static void read_lines(loader *ld, size_t len)
{
	char *p = ld->t->text, *end = p + len;

	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		p[n] = '\0'; /* the final line ends on read_file's NUL */
		ld->line++;
		read_line(ld, p, n);
		p += n + 1;
	}
}

/* A new empty table owning text, with room for a row per line. */
static struct dyad__cameo *table_new(char *text, size_t len, size_t *cap)
{
	struct dyad__cameo *t = calloc(1, sizeof *t);
	size_t lines = 1;
	const char *p;

	if (!t)
		return NULL;
	for (p = text; (p = memchr(p, '\n', len - (size_t)(p - text))); p++)
		lines++;
	*cap = lines < KEY_COUNT ? lines : KEY_COUNT;
	t->rows = malloc(*cap * sizeof *t->rows);
	if (!t->rows) {
		free(t);
		return NULL;
	}
	t->text = text;
	return t;
}

/* The outcome of a load: the first bad line's message, with a count of
** the others; an empty table is an error too, since no event could be
** given its facts. */
static dyad_status finish(loader *ld)
{
	char *msg = ld->eng->msg;
	size_t used = strlen(msg);

	if (ld->nbad > 1)
		snprintf(msg + used, DYAD__MSG_MAX - used, " (and %zu more bad line%s)",
			 ld->nbad - 1, ld->nbad > 2 ? "s" : "");
	if (ld->nbad > 0)
		return DYAD_PARSE;
	if (ld->t->n == 0)
		return dyad__msg(msg, DYAD_PARSE, "%s: no CAMEO codes", ld->path);
	return DYAD_OK;
}

dyad_status dyad__cameo_load(dyad_engine *eng)
{
	loader ld = { eng, NULL, NULL, 0, 0, 0, 0 };
	size_t plen, len = 0;
	char *path, *text = NULL;
	dyad_status st;

	assert(eng->data_dir);
	plen = strlen(eng->data_dir) + sizeof "/cameo.txt";
	path = malloc(plen);
	if (!path)
		return dyad__msg(eng->msg, DYAD_NOMEM, "cameo.txt: out of memory");
	snprintf(path, plen, "%s/cameo.txt", eng->data_dir);
	ld.path = path;
	st = dyad__read_file(path, eng->msg, &text, &len);
	if (st != DYAD_OK)
		goto out_free_path;
	ld.t = table_new(text, len, &ld.cap);
	if (!ld.t) {
		free(text);
		st = dyad__msg(eng->msg, DYAD_NOMEM, "%s: out of memory", path);
		goto out_free_path;
	}
	read_lines(&ld, len);
	st = finish(&ld);
	if (st == DYAD_OK) {
		dyad__cameo_free(eng->cameo);
		eng->cameo = ld.t;
	} else {
		dyad__cameo_free(ld.t);
	}
out_free_path:
	free(path);
	return st;
}

void dyad__cameo_free(struct dyad__cameo *t)
{
	if (!t)
		return;
	free(t->rows);
	free(t->text);
	free(t);
}

dyad_status dyad_engine_cameo(const dyad_engine *eng, const char *code,
			      dyad_cameo_info *out)
{
	const dyad__cameo_row *r;
	int exact;

	if (out)
		memset(out, 0, sizeof *out);
	if (!eng || !eng->cameo || !code || !out)
		return DYAD_BADARG;
	r = dyad__cameo_find(eng->cameo, code, &exact);
	if (!r || !exact)
		return DYAD_NOTFOUND;
	out->code = r->code;
	out->label = r->label;
	out->plover = r->plover;
	out->quad = r->quad;
	out->goldstein = r->goldstein;
	return DYAD_OK;
}
