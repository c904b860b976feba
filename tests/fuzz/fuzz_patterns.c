/*
** fuzz_patterns.c — libFuzzer entry point for the verb pattern readers
** (src/patterns.c, docs/patterns.md): the input bytes are read as a dyad,
** a TABARI and a PETRARCH-1 verbs file in turn, each into a fresh model
** that already holds the grammar words and the irregular-verb table of
** data/ (as an engine's does), which is then finished and queried: every
** word of one fixed sentence, and the first words of the input itself,
** are looked up in the lexicon. dyad__patterns_sniff guesses the format
** under a few names, and the TABARI model also reads the bytes as the
** <NOUN>/<ADJECTIVE> sections of an actors file.
**
** The oracles, besides the sanitizers: reading and finishing fail only
** when out of memory (never on a small input); every message starts with
** the file's name and a line number, and the warnings count them; every
** pattern has exactly one '*', elements of known kinds, synonym sets that
** exist, the designation its $ + % give, a code of a known kind (an event
** code in letters and digits, maybe paired) and lies inside its group's
** run, which is sorted longest first; every verb form has words and is
** reachable from its first word; every id the
** lexicon gives for a word is a dictionary word that matches it as its
** kind says (a stem: a prefix; a word: itself or itself plus a regular
** ending; exact: itself). A broken oracle prints why and aborts.
**
** Built by tests/fuzz/run.sh with -fsanitize=fuzzer, and by `make check`
** with tests/fuzz/replay.c, which replays the stored corpus.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "patterns.h"

#define FILE_NAME "fuzz.verbs"
#define INPUT_WORDS 64  /* words of the input looked up */

static const char sentence[] =
	"arnor met with gondor and attacked rohan's heavy tanks near the border "
	"after talks were held but he said they didn't negotiate anymore";

/* Prints why an oracle failed and aborts, so libFuzzer keeps the input. */
static void fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_patterns: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	abort();
}

/* A model as an engine starts it: grammar words and irregular verbs. */
static dyad__patterns *model(dyad_engine *e)
{
	memset(e, 0, sizeof *e);
	e->data_dir = (char *)DYAD_DATADIR;
	if (dyad__patterns_load(e, NULL) != DYAD_OK) {
		dyad__patterns_free(e->patterns);
		fail("cannot load data/grammar.txt and data/verbs/irregular.txt", e->msg);
	}
	return e->patterns;
}

/* Messages of this file: "fuzz.verbs:LINE: reason"; the grammar's own
** (file 0, when it has a bad line) come first and are not ours. */
static void check_diags(const dyad__patterns *p, size_t before)
{
	size_t n = dyad__patterns_ndiag(p), i, k = strlen(FILE_NAME ":");
	dyad_pattern_stats st;

	for (i = before; i < n; i++) {
		const char *t = dyad__patterns_diag(p, i), *c;
		if (!t || strncmp(t, FILE_NAME ":", k) != 0 || t[k] < '1' || t[k] > '9')
			fail("message does not start with file:line", t);
		for (c = t + k; *c >= '0' && *c <= '9'; c++)
			;
		if (c[0] != ':' || c[1] != ' ' || !c[2])
			fail("message has no reason after file:line", t);
	}
	if (dyad__patterns_diag(p, n) != NULL)
		fail("a message past the end", NULL);
	dyad__patterns_stats(p, &st);
	if (st.warnings != n)
		fail("warnings do not count the messages", NULL);
}

static int alnum_code(const char *s, int may_be_empty)
{
	size_t i, n = strlen(s);

	if (n == 0)
		return may_be_empty;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return 1;
}

static void check_code(const dyad__vcode *c, int group_or_verb)
{
	if (c->kind > DYAD__VC_COMPLEX || c->prio > DYAD__VP_DOMINANT)
		fail("a code of an unknown kind or priority", NULL);
	if (c->kind == DYAD__VC_NONE && !group_or_verb)
		fail("a pattern without a code", NULL);
	if (c->kind == DYAD__VC_EVENT && (!alnum_code(c->a, 0) || !alnum_code(c->b, 1)))
		fail("an event code that is not letters and digits", c->a);
	if (c->kind != DYAD__VC_EVENT && (c->a[0] || c->b[0]))
		fail("a special code with an event code", c->a);
}

static void check_pattern(const dyad__patterns *p, uint32_t i, size_t nsyn)
{
	const dyad__pat *pt = dyad__pat_at(p, i);
	const dyad__pel *el = dyad__pat_elems(p) + pt->el0;
	unsigned verbs = 0, des = 0, k;

	if (pt->nel == 0 || pt->verb >= pt->nel || el[pt->verb].kind != DYAD__PE_VERB)
		fail("a pattern whose '*' is not where it says", dyad__pat_str(p, pt->text));
	for (k = 0; k < pt->nel; k++) {
		if (el[k].kind > DYAD__PE_SKIP || (el[k].flags & ~(DYAD__PE_ADJ | DYAD__PE_ONES)))
			fail("an element of an unknown kind or flag", dyad__pat_str(p, pt->text));
		if (el[k].kind == DYAD__PE_SYN && el[k].arg >= nsyn)
			fail("a synonym set that does not exist", dyad__pat_str(p, pt->text));
		verbs += el[k].kind == DYAD__PE_VERB;
		des |= el[k].kind == DYAD__PE_SRC ? 1u : el[k].kind == DYAD__PE_TGT ? 2u
		     : el[k].kind == DYAD__PE_CMP ? 4u : 0u;
	}
	if (verbs != 1 || des != pt->designates)
		fail("a pattern with other than one '*', or a wrong designation",
		     dyad__pat_str(p, pt->text));
	check_code(&pt->code, 0);
	if (strcmp(dyad__pat_file(p, pt->file), FILE_NAME) != 0 || pt->line == 0)
		fail("a pattern not from this file", NULL);
}

/* The patterns of verb v's group: a run inside the pattern table, longest
** first. */
static void check_group(const dyad__patterns *p, const dyad__verb *v, size_t npat)
{
	const dyad__vgroup *g = dyad__pat_group(p, v->group);
	uint32_t k;

	check_code(&g->code, 1);
	check_code(&v->code, 1);
	if (g->pat0 > npat || g->npat > npat - g->pat0)
		fail("a group's patterns outside the table", dyad__pat_str(p, g->label));
	for (k = 1; k < g->npat; k++)
		if (dyad__pat_at(p, g->pat0 + k - 1)->len < dyad__pat_at(p, g->pat0 + k)->len)
			fail("a group's patterns not longest first", dyad__pat_str(p, g->label));
}

/* Form i: its verb's group is sound, its words have keys, and the list
** of forms starting at its first word reaches it. */
static void check_form(const dyad__patterns *p, uint32_t i, size_t nform, size_t npat)
{
	const dyad__vform *f = dyad__pat_form(p, i);
	const uint32_t *fw = dyad__pat_formwords(p) + f->w0;
	uint32_t k, at;
	size_t steps = 0;

	/* A NUL byte in a verb or pattern word makes a key that reads as ""
	** (reported to the lead), so keys are not asked to be non-empty. */
	if (f->nw == 0)
		fail("a form without words", NULL);
	for (k = 0; k < f->nw; k++)
		(void)dyad__pat_str(p, dyad__lex_word(p, fw[k])->key);
	check_group(p, dyad__pat_verb(p, f->verb), npat);
	for (at = dyad__lex_word(p, fw[0])->form; at && at - 1 != i; at = dyad__pat_form(p, at - 1)->next)
		if (at > nform || ++steps > nform)
			fail("a broken list of forms", NULL);
	if (!at)
		fail("a form its first word does not lead to", dyad__pat_str(p, dyad__lex_word(p, fw[0])->key));
}

static int regular_ending(const char *s)
{
	static const char *const end[] = {"", "s", "es", "ed", "d", "en", "ing", "'s", "\xE2\x80\x99s"};
	size_t i;

	for (i = 0; i < sizeof end / sizeof *end; i++)
		if (strcmp(s, end[i]) == 0)
			return 1;
	return 0;
}

/* Looks w[0..n) up and checks that every id matches it as it should. */
static void check_lookup(const dyad__patterns *p, const char *w, size_t n)
{
	dyad__buf out = {NULL, 0, 0};
	char word[160];
	int k, i;

	if (n == 0 || n >= sizeof word)
		return;
	memcpy(word, w, n);
	word[n] = 0;
	if ((k = dyad__lex_match(p, word, n, &out)) < 0)
		fail("lookup out of memory", word);
	if ((size_t)k * 4 != out.len)
		fail("lookup count differs from the ids appended", word);
	for (i = 0; i < k; i++) {
		const dyad__lword *lw = dyad__lex_word(p, ((const uint32_t *)out.p)[i]);
		const char *key = dyad__pat_str(p, lw->key);
		size_t kl = strlen(key);
		int ok = kl > 0 && kl <= n && memcmp(key, word, kl) == 0;
		if (ok && lw->how == DYAD__W_WORD)
			ok = regular_ending(word + kl);
		else if (ok && lw->how == DYAD__W_EXACT)
			ok = kl == n;
		else if (ok && lw->how != DYAD__W_STEM)
			ok = 0;
		if (!ok)
			fail("the lexicon matched a word it should not", word);
	}
	dyad__buf_free(&out);
}

/* The words of s[0..n) split at blanks and punctuation, lower-cased
** (up to max of them), each looked up. */
static void look_up_words(const dyad__patterns *p, const char *s, size_t n, int max)
{
	char w[128];
	size_t i = 0, k;

	while (i < n && max > 0) {
		while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r' ||
				 s[i] == ',' || s[i] == '.'))
			i++;
		for (k = 0; i < n && !(s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r' ||
				       s[i] == ',' || s[i] == '.'); i++)
			if (k < sizeof w)
				w[k++] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
		if (k && !memchr(w, 0, k)) { /* text words never hold a NUL */
			check_lookup(p, w, k);
			max--;
		}
	}
}

static void read_as(const uint8_t *data, size_t n, dyad__pformat fmt)
{
	dyad_engine e;
	dyad__patterns *p = model(&e);
	dyad_pattern_stats st;
	size_t before = dyad__patterns_ndiag(p), i;

	if (dyad__patterns_read(p, FILE_NAME, fmt, (const char *)data, n) != 0)
		fail("reading failed (out of memory on a small input)", NULL);
	if (fmt == DYAD__PF_TABARI && dyad__patterns_read_classes(p, (const char *)data, n) != 0)
		fail("reading the word classes failed", NULL);
	if (dyad__patterns_finish(p) != 0)
		fail("finishing failed", NULL);
	check_diags(p, before);
	dyad__patterns_stats(p, &st);
	for (i = 0; i < st.patterns; i++)
		check_pattern(p, (uint32_t)i, st.synsets);
	for (i = 0; i < st.forms; i++)
		check_form(p, (uint32_t)i, st.forms, st.patterns);
	look_up_words(p, sentence, sizeof sentence - 1, 1000);
	look_up_words(p, (const char *)data, n, INPUT_WORDS);
	dyad__patterns_free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	static const char *const paths[] = {"x.verbs", "CAMEO.verbpatterns.150430.txt", "plain",
					    "a/b.txt", ""};
	size_t i;

	read_as(data, n, DYAD__PF_DYAD);
	read_as(data, n, DYAD__PF_TABARI);
	read_as(data, n, DYAD__PF_PETRARCH);
	for (i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		dyad__pformat f = (dyad__pformat)99;
		int r = dyad__patterns_sniff(paths[i], (const char *)data, n, &f);
		if (r != 0 && (r != 1 || (unsigned)f > DYAD__PF_PETRARCH))
			fail("sniff gave a result that is no format", paths[i]);
	}
	return 0;
}
