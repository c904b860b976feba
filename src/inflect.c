/*
** inflect.c — regular verb inflection and the irregular-verb table.
**
** The verb-pattern engine (patterns.c) compiles each pattern verb into
** every form it takes in text. The regular forms come from a handful of
** spelling rules, applied here with no data. The rest (suppletive pasts
** such as "went", participles such as "gone", and the consonant doubling
** of "stopped", which depends on stress and so cannot be decided from
** spelling alone) come from data/verbs/irregular.txt, generated from
** WordNet's verb exceptions by tools/mkirregular.sh. That table is parsed
** once at engine load into one string pool with an open-addressing index,
** so a lookup is one hash and one memcmp, and the table is read-only
** afterwards, safe to share between threads.
**
** A bad line in the table is data, not an error: it is counted, the first
** one is described as "path:line: reason", and loading goes on.
*/
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inflect.h"

/* ---- regular forms ------------------------------------------------- */

static int is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Writes base[0..keep) + suffix into out; the caller's length check
** guarantees the room. */
static void put(char *out, const char *base, size_t keep, const char *suffix)
{
	const size_t s = strlen(suffix);

	assert(keep + s < DYAD__FORM_MAX);
	memcpy(out, base, keep);
	memcpy(out + keep, suffix, s + 1);
}

/* Third person singular: "es" where a plain "s" could not be said or
** would misspell (pushes, buzzes, vetoes), "ies" after consonant + y. */
static void third_person(const char *b, size_t n, char *out)
{
	const char last = b[n - 1], prev = n > 1 ? b[n - 2] : 'a';

	if (last == 's' || last == 'x' || last == 'z' ||
	    (last == 'h' && (prev == 'c' || prev == 's')))
		put(out, b, n, "es");
	else if (last == 'o' && !is_vowel(prev))
		put(out, b, n, "es");
	else if (last == 'y' && !is_vowel(prev))
		put(out, b, n - 1, "ies");
	else
		put(out, b, n, "s");
}

/* Past: a final e already supplies the vowel of -ed (agreed, voted);
** consonant + y turns to i (denied) while vowel + y stays (played). */
static void past(const char *b, size_t n, char *out)
{
	const char last = b[n - 1], prev = n > 1 ? b[n - 2] : 'a';

	if (last == 'e')
		put(out, b, n, "d");
	else if (last == 'y' && !is_vowel(prev))
		put(out, b, n - 1, "ied");
	else
		put(out, b, n, "ed");
}

/* Does b[0..n) have a vowel (y counts) before its final letter? An e with
** none before it ("be") is the word's only vowel, so it is not silent. */
static int vowel_before_last(const char *b, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i++)
		if (is_vowel(b[i]) || b[i] == 'y')
			return 1;
	return 0;
}

/* Present participle: a silent e goes (voting), but not one that is part
** of a vowel (agreeing, hoeing, dyeing) or the only vowel (being); -ie
** becomes -y so no "ii" is written (tying, dying). */
static void participle(const char *b, size_t n, char *out)
{
	const char prev = n > 1 ? b[n - 2] : 'a';

	if (b[n - 1] != 'e')
		put(out, b, n, "ing");
	else if (prev == 'i' && n > 2)
		put(out, b, n - 2, "ying");
	else if (prev == 'e' || prev == 'o' || prev == 'y' || !vowel_before_last(b, n))
		put(out, b, n, "ing");
	else
		put(out, b, n - 1, "ing");
}

int dyad__inflect_regular(const char *base, size_t n, char out[3][DYAD__FORM_MAX])
{
	size_t i;

	assert(out);
	out[0][0] = out[1][0] = out[2][0] = '\0';
	/* The longest form is base + "ing" + NUL. */
	if (n == 0 || n + 4 > DYAD__FORM_MAX)
		return -1;
	for (i = 0; i < n; i++)
		if (base[i] < 'a' || base[i] > 'z')
			return -1;
	third_person(base, n, out[0]);
	past(base, n, out[1]);
	participle(base, n, out[2]);
	return 0;
}

/* ---- the irregular table ------------------------------------------- */

/* One base of the table. */
typedef struct irr_entry {
	size_t off;  /* the base in the pool; its forms follow it */
	size_t len;  /* bytes of the base */
	size_t line; /* line it was read from, for duplicate reports */
} irr_entry;

struct dyad__irregular {
	dyad__buf pool;     /* per base: base NUL form NUL ... form NUL NUL */
	dyad__buf entries;  /* irr_entry[], in file order */
	size_t *slots;      /* 0 = empty, else 1 + index into entries */
	size_t mask;        /* slot count - 1 (a power of two) */
	size_t n;           /* bases in the index */
};

/* Parsing state: where diagnostics go and how many there were. */
typedef struct irr_parser {
	const char *path; /* file name for messages */
	char *msg;        /* DYAD__MSG_MAX bytes, or NULL */
	size_t bad;       /* bad lines so far */
	size_t first;     /* line of the message in msg; 0 = none yet */
	dyad__irregular *t;
} irr_parser;

/* Counts a bad line; keeps the message of the earliest one, since
** duplicates are only found after the whole file is read. */
static void bad_line(irr_parser *p, size_t line, const char *fmt, ...)
{
	va_list ap;
	int k;

	p->bad++;
	if (!p->msg || (p->first && p->first < line))
		return;
	p->first = line;
	k = snprintf(p->msg, DYAD__MSG_MAX, "%s:%zu: ", p->path, line);
	if (k < 0 || k >= DYAD__MSG_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(p->msg + k, DYAD__MSG_MAX - (size_t)k, fmt, ap);
	va_end(ap);
}

/* Is w[0..n) a word the table may hold: a lower-case letter, then
** letters, apostrophes ("ko'd") and hyphens ("baby-sat")? */
static int table_word(const char *w, size_t n)
{
	size_t i;

	if (n == 0 || n >= DYAD__FORM_MAX || w[0] < 'a' || w[0] > 'z')
		return 0;
	for (i = 1; i < n; i++)
		if ((w[i] < 'a' || w[i] > 'z') && w[i] != '\'' && w[i] != '-')
			return 0;
	return 1;
}

/* How much of a bad word a message quotes: enough to find it, and never
** more than an int precision can hold. */
static int quoted(size_t n)
{
	return n < 40 ? (int)n : 40;
}

static int blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Checks a directive line s[0..n) (starting with '@'). The kind must be
** ours, so a dictionary of another kind given by mistake is reported;
** @source and @licence are for readers of the file. */
static void directive(irr_parser *p, size_t line, const char *s, size_t n)
{
	size_t k = 0, v;

	while (k < n && !blank(s[k]))
		k++;
	for (v = k; v < n && blank(s[v]); v++)
		;
	if (k == 5 && memcmp(s, "@kind", 5) == 0) {
		if (n - v != 15 || memcmp(s + v, "irregular-verbs", 15) != 0)
			bad_line(p, line, "@kind is \"%.*s\", not irregular-verbs",
				 quoted(n - v), s + v);
	} else if (!((k == 7 && memcmp(s, "@source", 7) == 0) ||
		     (k == 8 && memcmp(s, "@licence", 8) == 0) ||
		     (k == 8 && memcmp(s, "@license", 8) == 0))) {
		bad_line(p, line, "unknown directive \"%.*s\"", quoted(k), s);
	}
}

/* Adds the entry line s[0..n): "base form ...". A bad word or a base
** without forms skips the line and leaves the pool as it was. Returns -1
** only when out of memory. */
static int entry(irr_parser *p, size_t line, const char *s, size_t n)
{
	dyad__irregular *t = p->t;
	const size_t start = t->pool.len;
	irr_entry e = {start, 0, line};
	size_t i = 0, words = 0;

	while (i < n) {
		size_t j = i;
		while (j < n && !blank(s[j]))
			j++;
		if (!table_word(s + i, j - i)) {
			t->pool.len = start;
			bad_line(p, line, "bad word \"%.*s\": want lower-case letters, "
				 "apostrophes and hyphens, at most %d bytes",
				 quoted(j - i), s + i, DYAD__FORM_MAX - 1);
			return 0;
		}
		if (words++ == 0)
			e.len = j - i;
		if (dyad__buf_append(&t->pool, s + i, j - i) || dyad__buf_append(&t->pool, "", 1))
			return -1;
		for (i = j; i < n && blank(s[i]); i++)
			;
	}
	if (words < 2) {
		t->pool.len = start;
		bad_line(p, line, "base \"%.*s\" has no forms", quoted(e.len), s);
		return 0;
	}
	if (dyad__buf_append(&t->pool, "", 1) || dyad__buf_append(&t->entries, &e, sizeof e))
		return -1;
	return 0;
}

/* Reads every line of buf into the pool and the entry list; blanks
** around a line do not matter. Returns -1 only when out of memory. */
static int read_lines(irr_parser *p, const char *buf, size_t n)
{
	size_t i = 0, line = 0;

	while (i < n) {
		const char *nl = memchr(buf + i, '\n', n - i);
		const size_t end = nl ? (size_t)(nl - buf) : n;
		size_t b = i, e = end;

		line++;
		i = end + 1;
		while (b < e && blank(buf[b]))
			b++;
		while (e > b && (buf[e - 1] == '\r' || blank(buf[e - 1])))
			e--;
		if (e == b || buf[b] == '#')
			continue;
		if (buf[b] == '@')
			directive(p, line, buf + b, e - b);
		else if (entry(p, line, buf + b, e - b))
			return -1;
	}
	return 0;
}

/* The slot of base[0..n) in t: the one that holds it, else the empty one
** where it would go. The table is never full, so the probe ends. */
static size_t find_slot(const dyad__irregular *t, const char *base, size_t n)
{
	size_t h = (size_t)dyad__hash(base, n) & t->mask;

	while (t->slots[h]) {
		const irr_entry *e = &DYAD__VEC_AT(&t->entries, irr_entry, t->slots[h] - 1);
		if (e->len == n && memcmp(t->pool.p + e->off, base, n) == 0)
			break;
		h = (h + 1) & t->mask;
	}
	return h;
}

/* Builds the index over the entries; a repeated base is a bad line and
** the first one stays. Returns -1 when out of memory. */
static int build_index(irr_parser *p)
{
	dyad__irregular *t = p->t;
	const size_t count = DYAD__VEC_LEN(&t->entries, irr_entry);
	size_t slots = 16, i;

	while (slots < count * 2)
		slots *= 2;
	t->slots = calloc(slots, sizeof *t->slots);
	if (!t->slots)
		return -1;
	t->mask = slots - 1;
	for (i = 0; i < count; i++) {
		const irr_entry *e = &DYAD__VEC_AT(&t->entries, irr_entry, i);
		const size_t h = find_slot(t, t->pool.p + e->off, e->len);
		if (t->slots[h])
			bad_line(p, e->line, "base \"%s\" repeated; the first entry stays",
				 t->pool.p + e->off);
		else {
			t->slots[h] = i + 1;
			t->n++;
		}
	}
	return 0;
}

dyad__irregular *dyad__irregular_parse(const char *path, const char *buf, size_t n,
				       size_t *bad, char *msg)
{
	irr_parser p = {path, msg, 0, 0, NULL};

	assert(path && (buf || n == 0));
	if (msg)
		msg[0] = '\0';
	p.t = calloc(1, sizeof *p.t);
	if (!p.t)
		goto out_nomem;
	if (read_lines(&p, buf, n) || build_index(&p))
		goto out_free_t;
	if (bad)
		*bad = p.bad;
	return p.t;

out_free_t:
	dyad__irregular_free(p.t);
out_nomem:
	if (msg)
		snprintf(msg, DYAD__MSG_MAX, "%s: out of memory", path);
	if (bad)
		*bad = p.bad;
	return NULL;
}

const char *dyad__irregular_forms(const dyad__irregular *t, const char *base, size_t n)
{
	const irr_entry *e;
	size_t h;

	if (!t || !t->slots)
		return NULL;
	h = find_slot(t, base, n);
	if (!t->slots[h])
		return NULL;
	e = &DYAD__VEC_AT(&t->entries, irr_entry, t->slots[h] - 1);
	return t->pool.p + e->off + e->len + 1;
}

size_t dyad__irregular_count(const dyad__irregular *t)
{
	return t ? t->n : 0;
}

void dyad__irregular_free(dyad__irregular *t)
{
	if (!t)
		return;
	dyad__buf_free(&t->pool);
	dyad__buf_free(&t->entries);
	free(t->slots);
	free(t);
}
