/*
** dict.c — the dictionary builder and the reader of dyad's own format.
**
** Every dictionary format ends up here: readers call dyad__dict_entry,
** dyad__dict_name and dyad__dict_code, and the builder keeps entries,
** names and codes in flat arrays over one string pool, so a dictionary of
** 30,000 entries is a handful of allocations. Each name also gets its
** matching key: NFKC, case-folded, marks stripped, and only letters and
** digits kept, which is what makes "Amir-Abdollahian", "Amir Abdollahian"
** and "Amirabdollahian" one name (actors.c folds text the same way).
**
** The dyad format (docs/dictionaries.md) is line-oriented: an entry's
** names in the first column, its codes and other keywords indented below.
** Bad lines are reported as file:line:col and skipped; loading goes on.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "dict.h"

typedef struct diag {
	uint32_t text; /* offset in the diag pool */
	uint8_t sev;
} diag;

struct dyad__dict {
	dyad__buf pool;    /* NUL-terminated strings; offset 0 is "" */
	dyad__buf entries; /* dyad__entry[] */
	dyad__buf names;   /* dyad__name[] */
	dyad__buf codes;   /* dyad__code[] */
	dyad__buf files;   /* uint32_t[]: path offsets */
	dyad__buf diags;   /* diag[] */
	dyad__buf dpool;   /* diagnostic texts */
	dyad__buf key;     /* scratch for keys */
	size_t nwarn, nerr;
	int nomem;
	int open;          /* an entry is open for names and codes */
};

/* ------------------------------------------------------------------ */
/* Pool and builder                                                    */
/* ------------------------------------------------------------------ */

static uint32_t pool_add(dyad__dict *d, const char *s, size_t n)
{
	size_t at = d->pool.len;

	if (d->nomem || at + n + 1 > UINT32_MAX || dyad__buf_reserve(&d->pool, n + 1) != 0) {
		d->nomem = 1;
		return 0;
	}
	memcpy(d->pool.p + at, s, n);
	d->pool.p[at + n] = '\0';
	d->pool.len += n + 1;
	return (uint32_t)at;
}

dyad__dict *dyad__dict_new(void)
{
	dyad__dict *d = calloc(1, sizeof *d);

	if (d && dyad__buf_append(&d->pool, "", 1) != 0) {
		free(d);
		return NULL;
	}
	return d;
}

void dyad__dict_free(dyad__dict *d)
{
	if (!d)
		return;
	dyad__buf_free(&d->pool);
	dyad__buf_free(&d->entries);
	dyad__buf_free(&d->names);
	dyad__buf_free(&d->codes);
	dyad__buf_free(&d->files);
	dyad__buf_free(&d->diags);
	dyad__buf_free(&d->dpool);
	dyad__buf_free(&d->key);
	free(d);
}

uint32_t dyad__dict_file(dyad__dict *d, const char *path)
{
	uint32_t off = pool_add(d, path, strlen(path));

	if (dyad__buf_append(&d->files, &off, sizeof off) != 0)
		d->nomem = 1;
	return (uint32_t)(DYAD__VEC_LEN(&d->files, uint32_t) - 1);
}

static dyad__entry *cur(dyad__dict *d)
{
	if (!d->open || !d->entries.len)
		return NULL;
	return (dyad__entry *)(d->entries.p + d->entries.len) - 1;
}

int dyad__dict_entry(dyad__dict *d, dyad__ekind kind, uint32_t file, uint32_t line)
{
	dyad__entry e;

	memset(&e, 0, sizeof e);
	e.kind = (uint8_t)kind;
	e.file = file;
	e.line = line;
	e.name0 = (uint32_t)DYAD__VEC_LEN(&d->names, dyad__name);
	e.code0 = (uint32_t)DYAD__VEC_LEN(&d->codes, dyad__code);
	if (d->nomem || dyad__buf_append(&d->entries, &e, sizeof e) != 0) {
		d->nomem = 1;
		return -1;
	}
	d->open = 1;
	return 0;
}

void dyad__dict_entry_flags(dyad__dict *d, unsigned flags)
{
	dyad__entry *e = cur(d);

	if (e)
		e->flags |= (uint8_t)flags;
}

/*
** The matching key of s[0, n): fold each character as segment.c folds a
** token (compatibility decomposition, case fold, marks stripped), then
** keep letters and digits only. With gaps, a blank between two words
** leaves DYAD__KEY_GAP, where the matcher lets other words come between.
** Returns the key length in d->key.
*/
static size_t make_key(dyad__dict *d, const char *s, size_t n, int gaps, int *caps)
{
	utf8proc_int32_t buf[16];
	size_t i = 0;
	int upper = 0, lower = 0, gap = 0;
	const char gapc = DYAD__KEY_GAP;

	d->key.len = 0;
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(n - i), &cp);
		utf8proc_ssize_t r, j;
		if (l <= 0) {
			i++;
			continue;
		}
		i += (size_t)l;
		if (cp == ' ') {
			gap = gaps && d->key.len > 0;
			continue;
		}
		cp = dyad__fold_custom(cp, NULL);
		upper |= utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
		lower |= utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
		r = utf8proc_decompose_char(cp, buf, 16, DYAD__FOLD_FLAGS, NULL);
		for (j = 0; j < r && j < 16; j++) {
			utf8proc_category_t c = utf8proc_category(buf[j]);
			char out[4];
			if (c < UTF8PROC_CATEGORY_LU || c > UTF8PROC_CATEGORY_NO ||
			    (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME))
				continue;
			if (gap && dyad__buf_append(&d->key, &gapc, 1) != 0)
				d->nomem = 1;
			gap = 0;
			if (dyad__buf_append(&d->key, out,
					     (size_t)utf8proc_encode_char(buf[j], (utf8proc_uint8_t *)out)) != 0)
				d->nomem = 1;
		}
	}
	*caps = upper && !lower;
	return d->key.len;
}

int dyad__dict_name(dyad__dict *d, const char *s, size_t n, unsigned flags,
		    uint32_t line)
{
	dyad__entry *e = cur(d);
	dyad__name nm;
	size_t klen;
	int caps;

	if (!e || d->nomem)
		return -1;
	klen = make_key(d, s, n, (flags & DYAD__N_GAPS) != 0, &caps);
	if (d->nomem)
		return -1;
	if (klen == 0)
		return 1;
	memset(&nm, 0, sizeof nm);
	nm.entry = (uint32_t)(DYAD__VEC_LEN(&d->entries, dyad__entry) - 1);
	nm.line = line;
	nm.flags = (uint16_t)(flags & ~(unsigned)(DYAD__N_ANYCASE | DYAD__N_GAPS));
	if (memchr(d->key.p, DYAD__KEY_GAP, klen))
		nm.flags |= DYAD__N_GAPS; /* only a name with a gap says so */
	if (caps && klen <= 3 && !(flags & DYAD__N_ANYCASE))
		nm.flags |= DYAD__N_CAPS;
	nm.text = pool_add(d, s, n);
	nm.key = pool_add(d, d->key.p, klen);
	if (d->nomem || dyad__buf_append(&d->names, &nm, sizeof nm) != 0) {
		d->nomem = 1;
		return -1;
	}
	e->nnames++;
	return 0;
}

int dyad__dict_code(dyad__dict *d, const char *code, size_t n, int32_t from,
		    int32_t to, const char *post, uint32_t line)
{
	dyad__entry *e = cur(d);
	dyad__code c;

	if (!e || d->nomem)
		return -1;
	memset(&c, 0, sizeof c);
	c.text = pool_add(d, code, n);
	c.from = from;
	c.to = to;
	c.post = post && *post ? pool_add(d, post, strlen(post)) : 0;
	c.line = line;
	if (d->nomem || dyad__buf_append(&d->codes, &c, sizeof c) != 0) {
		d->nomem = 1;
		return -1;
	}
	e->ncodes++;
	return 0;
}

int dyad__dict_note(dyad__dict *d, const char *s, size_t n)
{
	dyad__entry *e = cur(d);

	if (!e)
		return -1;
	e->note = pool_add(d, s, n);
	return d->nomem ? -1 : 0;
}

void dyad__dict_diag(dyad__dict *d, dyad__sev sev, uint32_t file, uint32_t line,
		     uint32_t col, const char *fmt, ...)
{
	char msg[512];
	int k = 0;
	va_list ap;
	diag dg;

	if (file < DYAD__VEC_LEN(&d->files, uint32_t))
		k = snprintf(msg, sizeof msg, "%s:", d->pool.p + DYAD__VEC_AT(&d->files, uint32_t, file));
	if (line && k >= 0 && (size_t)k < sizeof msg)
		k += snprintf(msg + k, sizeof msg - (size_t)k, "%lu:", (unsigned long)line);
	if (col && k >= 0 && (size_t)k < sizeof msg)
		k += snprintf(msg + k, sizeof msg - (size_t)k, "%lu:", (unsigned long)col);
	if (k >= 0 && (size_t)k < sizeof msg) {
		msg[k++] = ' ';
		msg[k] = '\0';
		va_start(ap, fmt);
		vsnprintf(msg + k, sizeof msg - (size_t)k, fmt, ap);
		va_end(ap);
	}
	dg.text = (uint32_t)d->dpool.len;
	dg.sev = (uint8_t)sev;
	if (dyad__buf_append(&d->dpool, msg, strlen(msg) + 1) != 0 ||
	    dyad__buf_append(&d->diags, &dg, sizeof dg) != 0) {
		d->nomem = 1;
		return;
	}
	if (sev == DYAD__ERROR)
		d->nerr++;
	else
		d->nwarn++;
}

size_t dyad__dict_ndiag(const dyad__dict *d, size_t *warnings, size_t *errors)
{
	if (warnings)
		*warnings = d->nwarn;
	if (errors)
		*errors = d->nerr;
	return DYAD__VEC_LEN(&d->diags, diag);
}

const char *dyad__dict_diag_text(const dyad__dict *d, size_t i, dyad__sev *sev)
{
	const diag *dg;

	if (i >= DYAD__VEC_LEN(&d->diags, diag))
		return NULL;
	dg = &DYAD__VEC_AT(&d->diags, const diag, i);
	if (sev)
		*sev = (dyad__sev)dg->sev;
	return d->dpool.p + dg->text;
}

int dyad__dict_nomem(const dyad__dict *d)
{
	return d->nomem;
}

/* ------------------------------------------------------------------ */
/* Shared syntax helpers                                               */
/* ------------------------------------------------------------------ */

static int code_chars_ok(const char *s, size_t n)
{
	size_t i;

	if (n < 3 || n > 30 || n % 3 != 0)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return 1;
}

int dyad__dict_code_ok(const char *s, size_t n, dyad__ekind kind)
{
	if (kind != DYAD__E_AGENT)
		return code_chars_ok(s, n);
	if (n >= 4 && s[0] == '~')
		return code_chars_ok(s + 1, n - 1);
	if (n >= 4 && s[n - 1] == '~')
		return code_chars_ok(s, n - 1);
	return 0;
}

static int digits(const char *s, size_t n, int *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return n > 0;
}

static int month_days(int y, int m)
{
	static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

int32_t dyad__dict_date(const char *s, size_t n, int to_end)
{
	int y = 0, m = 0, dd = 0;

	if (n == 10 && s[4] == '-' && s[7] == '-') {
		if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &dd))
			return -1;
	} else if (n == 7 && s[4] == '-') {
		if (!digits(s, 4, &y) || !digits(s + 5, 2, &m))
			return -1;
	} else if (n == 4) {
		if (!digits(s, 4, &y))
			return -1;
	} else if (n == 8 || n == 6) {
		int v;
		if (!digits(s, n, &v))
			return -1;
		y = n == 8 ? v / 10000 : v / 10000 + (v / 10000 <= 30 ? 2000 : 1900);
		m = v / 100 % 100;
		dd = v % 100;
	} else {
		return -1;
	}
	if (y < 1000 || y > 2999 || m > 12 || (n > 7 && m == 0))
		return -1;
	if (m == 0)
		m = to_end ? 12 : 1;
	if (dd == 0 && (n == 4 || n == 7))
		dd = to_end ? month_days(y, m) : 1;
	if (dd < 1 || dd > month_days(y, m))
		return -1;
	return (int32_t)(y * 10000 + m * 100 + dd);
}

/* ------------------------------------------------------------------ */
/* Read access                                                         */
/* ------------------------------------------------------------------ */

size_t dyad__dict_nentries(const dyad__dict *d)
{
	return DYAD__VEC_LEN(&d->entries, dyad__entry);
}

size_t dyad__dict_ncodes(const dyad__dict *d)
{
	return DYAD__VEC_LEN(&d->codes, dyad__code);
}

size_t dyad__dict_nnames(const dyad__dict *d)
{
	return DYAD__VEC_LEN(&d->names, dyad__name);
}

const dyad__entry *dyad__dict_entry_at(const dyad__dict *d, size_t i)
{
	return &DYAD__VEC_AT(&d->entries, const dyad__entry, i);
}

const dyad__name *dyad__dict_name_at(const dyad__dict *d, size_t i)
{
	return &DYAD__VEC_AT(&d->names, const dyad__name, i);
}

const dyad__code *dyad__dict_code_at(const dyad__dict *d, size_t i)
{
	return &DYAD__VEC_AT(&d->codes, const dyad__code, i);
}

const char *dyad__dict_str(const dyad__dict *d, uint32_t off)
{
	return off < d->pool.len ? d->pool.p + off : "";
}

const char *dyad__dict_file_path(const dyad__dict *d, uint32_t file)
{
	if (file >= DYAD__VEC_LEN(&d->files, uint32_t))
		return "?";
	return d->pool.p + DYAD__VEC_AT(&d->files, uint32_t, file);
}

const dyad__code *dyad__dict_code_on(const dyad__dict *d, const dyad__entry *e,
				     int32_t date)
{
	const dyad__code *c, *dflt = NULL, *latest = NULL;
	uint32_t i;

	if (e->ncodes == 0)
		return NULL; /* d->codes.p may be NULL: no arithmetic on it */
	c = (const dyad__code *)d->codes.p + e->code0;

	for (i = 0; i < e->ncodes; i++) {
		if (!c[i].from && !c[i].to) {
			if (!dflt)
				dflt = &c[i];
			continue;
		}
		if (date && (!c[i].from || date >= c[i].from) && (!c[i].to || date <= c[i].to))
			return &c[i];
		if (!latest || c[i].from > latest->from)
			latest = &c[i];
	}
	if (dflt)
		return dflt;
	/* Undated article and no default: the latest period stands for now. */
	return date ? NULL : latest;
}

/* ------------------------------------------------------------------ */
/* The dyad format                                                     */
/* ------------------------------------------------------------------ */

static const char *const known_posts[] = {
	"president", "vice-president", "prime-minister", "chancellor", "monarch",
	"supreme-leader", "head-of-state", "head-of-government", "foreign-minister",
	"defence-minister", "spokesperson", "leader", NULL
};

/* One line being read: its bytes, where it sits, and the reader state. */
typedef struct rline {
	dyad__dict *d;
	uint32_t file, line;
	const char *s;      /* the line, comment and trailing blanks cut */
	size_t n;
	dyad__ekind kind;   /* from @kind */
	int have_entry;     /* an entry is open for indented lines */
} rline;

static void warn(rline *r, size_t at, const char *what)
{
	dyad__dict_diag(r->d, DYAD__WARN, r->file, r->line, (uint32_t)at + 1, "%s", what);
}

static void fail(rline *r, size_t at, const char *what)
{
	dyad__dict_diag(r->d, DYAD__ERROR, r->file, r->line, (uint32_t)at + 1, "%s", what);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Adds the names of s[a, b), separated by '|'; returns -1 out of memory. */
static int add_names(rline *r, size_t a, size_t b, unsigned flags)
{
	while (a <= b) {
		size_t e = a, s0, s1;
		unsigned f = flags;
		int rc;
		while (e < b && r->s[e] != '|')
			e++;
		s0 = a;
		s1 = e;
		while (s0 < s1 && is_blank(r->s[s0]))
			s0++;
		while (s1 > s0 && is_blank(r->s[s1 - 1]))
			s1--;
		if (r->kind == DYAD__E_DISCARD && s0 < s1 && r->s[s0] == '+') {
			f |= DYAD__N_STORY;
			s0++;
		}
		if (s1 > s0 && r->s[s1 - 1] == '*') {
			f |= DYAD__N_STEM;
			s1--;
			while (s1 > s0 && is_blank(r->s[s1 - 1]))
				s1--;
		}
		rc = s1 > s0 ? dyad__dict_name(r->d, r->s + s0, s1 - s0, f, r->line) : 1;
		if (rc < 0)
			return -1;
		if (rc > 0)
			warn(r, s0, "empty name (no letter or digit); skipped");
		a = e + 1;
	}
	return 0;
}

/* Parses "FROM..TO" at s[a, b); 0 ok, -1 malformed (reported). */
static int parse_period(rline *r, size_t a, size_t b, int32_t *from, int32_t *to)
{
	const char *dots = NULL;
	size_t i;

	for (i = a; i + 1 < b; i++)
		if (r->s[i] == '.' && r->s[i + 1] == '.') {
			dots = r->s + i;
			break;
		}
	if (!dots) {
		fail(r, a, "period must be FROM..TO (either end may be empty); code skipped");
		return -1;
	}
	*from = dots > r->s + a ? dyad__dict_date(r->s + a, (size_t)(dots - r->s) - a, 0) : 0;
	*to = dots + 2 < r->s + b ? dyad__dict_date(dots + 2, (size_t)(r->s + b - dots - 2), 1) : 0;
	if (*from < 0 || *to < 0) {
		fail(r, *from < 0 ? a : (size_t)(dots + 2 - r->s),
		     "bad date (use YYYY-MM-DD, YYYY-MM or YYYY); code skipped");
		return -1;
	}
	if (*from && *to && *from > *to) {
		fail(r, a, "period ends before it starts; code skipped");
		return -1;
	}
	if (!*from && !*to) {
		fail(r, a, "period with neither end; write the code alone for a default");
		return -1;
	}
	return 0;
}

/* Splits s[*a, b) at the next blank; returns the word's end. */
static size_t word_end(const rline *r, size_t a, size_t b)
{
	while (a < b && !is_blank(r->s[a]))
		a++;
	return a;
}

static size_t skip_blanks(const rline *r, size_t a, size_t b)
{
	while (a < b && is_blank(r->s[a]))
		a++;
	return a;
}

static int post_known(const char *s, size_t n)
{
	size_t i;

	for (i = 0; known_posts[i]; i++)
		if (strlen(known_posts[i]) == n && memcmp(known_posts[i], s, n) == 0)
			return 1;
	return 0;
}

/* "code CODE [FROM..TO] [post=POST]" from s[a, b). */
static int read_code(rline *r, size_t a, size_t b)
{
	size_t ce = word_end(r, a, b), i = skip_blanks(r, ce, b);
	int32_t from = 0, to = 0;
	char post[64] = "";

	if (ce == a) {
		fail(r, a, "code line without a code");
		return 0;
	}
	if (!dyad__dict_code_ok(r->s + a, ce - a, r->kind)) {
		fail(r, a, r->kind == DYAD__E_AGENT ?
		     "bad agent code (want ~XXX or XXX~, elements of 3 of A-Z 0-9); code skipped" :
		     "bad code (want elements of 3 characters, A-Z or 0-9); code skipped");
		return 0;
	}
	while (i < b) {
		size_t we = word_end(r, i, b);
		if (we - i > 5 && memcmp(r->s + i, "post=", 5) == 0) {
			if (!post_known(r->s + i + 5, we - i - 5))
				warn(r, i + 5, "unknown post (see docs/dictionaries.md); kept");
			if (we - i - 5 < sizeof post) {
				memcpy(post, r->s + i + 5, we - i - 5);
				post[we - i - 5] = '\0';
			}
		} else if (parse_period(r, i, we, &from, &to) != 0) {
			return 0;
		}
		i = skip_blanks(r, we, b);
	}
	return dyad__dict_code(r->d, r->s + a, ce - a, from, to, post, r->line);
}

/* An indented line: a keyword and its value. */
static int read_keyword(rline *r, size_t a)
{
	size_t ke = word_end(r, a, r->n), v = skip_blanks(r, ke, r->n), k = ke - a;
	const char *w = r->s + a;

	if (!r->have_entry) {
		fail(r, a, "indented line outside an entry; skipped");
		return 0;
	}
	if (r->kind == DYAD__E_DISCARD && !(k == 4 && (memcmp(w, "name", 4) == 0 ||
						      memcmp(w, "note", 4) == 0))) {
		fail(r, a, "a discard takes only 'name' and 'note' lines; line skipped");
		return 0;
	}
	if (k == 4 && memcmp(w, "code", 4) == 0)
		return read_code(r, v, r->n);
	if (k == 4 && memcmp(w, "name", 4) == 0)
		return add_names(r, v, r->n, 0);
	if (k == 3 && memcmp(w, "adj", 3) == 0)
		return add_names(r, v, r->n, DYAD__N_ADJ);
	if (k == 7 && memcmp(w, "capital", 7) == 0)
		return add_names(r, v, r->n, DYAD__N_CAPITAL);
	if (k == 6 && memcmp(w, "plural", 6) == 0)
		return add_names(r, v, r->n, DYAD__N_PLURAL);
	if (k == 4 && memcmp(w, "note", 4) == 0)
		return dyad__dict_note(r->d, r->s + v, r->n - v);
	if (k == 6 && memcmp(w, "person", 6) == 0) {
		if (v < r->n)
			warn(r, v, "text after 'person' ignored");
		dyad__dict_entry_flags(r->d, DYAD__F_PERSON);
		return 0;
	}
	fail(r, a, "unknown keyword (code, name, adj, capital, plural, person, note); line skipped");
	return 0;
}

static void read_directive(rline *r)
{
	size_t ke = word_end(r, 0, r->n), v = skip_blanks(r, ke, r->n);
	const char *val = r->s + v;
	size_t vn = r->n - v;

	if (ke == 5 && memcmp(r->s, "@kind", 5) == 0) {
		if (vn == 6 && memcmp(val, "actors", 6) == 0)
			r->kind = DYAD__E_ACTOR;
		else if (vn == 6 && memcmp(val, "agents", 6) == 0)
			r->kind = DYAD__E_AGENT;
		else if (vn == 8 && memcmp(val, "discards", 8) == 0)
			r->kind = DYAD__E_DISCARD;
		else
			fail(r, v, "@kind must be actors, agents or discards");
		r->have_entry = 0;
	} else if (!((ke == 7 && memcmp(r->s, "@source", 7) == 0) ||
		     (ke == 8 && memcmp(r->s, "@licence", 8) == 0) ||
		     (ke == 8 && memcmp(r->s, "@license", 8) == 0))) {
		warn(r, 0, "unknown directive (@kind, @source, @licence); ignored");
	}
}

/* Cuts a comment ('#' first or after a blank) and trailing blanks; says
** where the line has bytes that are not UTF-8 text. */
static void clean_line(rline *r)
{
	size_t i = 0, n = r->n;

	if (n > 0 && r->s[n - 1] == '\r')
		n--; /* CRLF: the line ends before its '\r' */
	while (i < n) {
		unsigned char c = (unsigned char)r->s[i];
		if (c == '#' && (i == 0 || is_blank(r->s[i - 1]))) {
			n = i;
			break;
		}
		if (c >= 0x80) {
			int32_t cp;
			int l = dyad__utf8_decode((const unsigned char *)r->s + i, n - i, &cp);
			if (cp < 0) {
				warn(r, i, "invalid UTF-8; line skipped");
				r->n = 0;
				return;
			}
			i += (size_t)l;
			continue;
		}
		if ((c < 0x20 && c != '\t') || c == 0x7F) {
			warn(r, i, "control character; line skipped");
			r->n = 0;
			return;
		}
		i++;
	}
	while (n > 0 && (is_blank(r->s[n - 1]) || r->s[n - 1] == '\r'))
		n--;
	r->n = n;
}

/* An entry with no code can never be coded: say so where it starts. */
static void check_entry(rline *r)
{
	const dyad__entry *e = cur(r->d);

	if (r->have_entry && e && e->ncodes == 0 && e->kind != DYAD__E_DISCARD)
		dyad__dict_diag(r->d, DYAD__WARN, r->file, e->line, 1,
				"entry has no usable code; its names match with an empty code");
}

static int read_line(rline *r)
{
	int rc = 0;

	clean_line(r);
	if (r->n == 0)
		return 0;
	if (is_blank(r->s[0])) {
		size_t a = skip_blanks(r, 0, r->n);
		return a < r->n ? read_keyword(r, a) : 0;
	}
	if (r->s[0] == '@') {
		check_entry(r);
		read_directive(r);
		return 0;
	}
	check_entry(r);
	if (dyad__dict_entry(r->d, r->kind, r->file, r->line) != 0)
		return -1;
	r->have_entry = 1;
	rc = add_names(r, 0, r->n, 0);
	if (rc == 0 && cur(r->d)->nnames == 0) {
		/* Nothing can ever match it: its indented lines are refused too. */
		fail(r, 0, "entry without a usable name; skipped with its lines");
		r->have_entry = 0;
	}
	return rc;
}

int dyad__dict_read_dyad(dyad__dict *d, uint32_t file, const char *buf, size_t n)
{
	rline r;
	size_t i = 0;

	memset(&r, 0, sizeof r);
	r.d = d;
	r.file = file;
	r.kind = DYAD__E_ACTOR;
	if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3; /* a byte-order mark */
	while (i < n) {
		const char *nl = memchr(buf + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - buf) : n;
		r.line++;
		r.s = buf + i;
		r.n = e - i;
		if (read_line(&r) != 0 || d->nomem)
			return -1;
		i = e + 1;
	}
	check_entry(&r);
	return 0;
}
