/*
** fuzz_dict_tabari.c — libFuzzer entry point for the TABARI / PETRARCH
** readers (src/dict_compat.c): the input bytes are read as an actors, an
** agents and a discards file in turn, each into a fresh dictionary, and
** dyad__dict_sniff guesses their format under a few names.
**
** The oracles, besides the sanitizers: reading fails only when out of
** memory; every message starts with the file's name and a line number;
** warnings and errors add up to the messages; entries own consecutive,
** complete runs of names and codes; every name has a non-empty key and
** readable UTF-8 text without control bytes; every code is a special
** code ("---", "###", "+++") or letters and digits with at most one '~'
** at an end (agents files: always); periods are real days in order;
** discard entries have no code; dyad__dict_code_on picks one of the
** entry's own codes. A broken oracle prints why on stderr and aborts.
**
** Built by tests/fuzz/run.sh with -fsanitize=fuzzer, and by `make check`
** with tests/fuzz/replay.c, which replays the stored corpus.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"

#define FILE_NAME "fuzz.dict"

/* Prints why an oracle failed and aborts, so libFuzzer keeps the input. */
static void fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_dict_tabari: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	abort();
}

static void check_diags(const dyad__dict *d)
{
	size_t w, e, n = dyad__dict_ndiag(d, &w, &e), i;

	if (w + e != n)
		fail("warnings and errors do not add up to the messages", NULL);
	for (i = 0; i < n; i++) {
		const char *t = dyad__dict_diag_text(d, i, NULL);
		size_t k = strlen(FILE_NAME ":");
		if (!t || strncmp(t, FILE_NAME ":", k) != 0 || t[k] < '1' || t[k] > '9')
			fail("message does not start with file:line", t);
	}
	if (dyad__dict_diag_text(d, n, NULL) != NULL)
		fail("a message past the end", NULL);
}

/* Readable UTF-8 without control bytes. */
static void check_text(const char *s, const char *what)
{
	size_t i = 0, n = strlen(s);

	while (i < n) {
		int32_t cp;
		int l = dyad__utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (cp < 0 || cp < 0x20 || cp == 0x7F)
			fail(what, s);
		i += (size_t)l;
	}
}

static int special(const char *c)
{
	return strcmp(c, "---") == 0 || strcmp(c, "###") == 0 || strcmp(c, "+++") == 0;
}

/* A kept code is special, an agent code, or actor codes joined by '/'
** (a compound code); each element has 1 to 30 letters or digits. */
static void check_code(const dyad__dict *d, const dyad__code *c, int agents)
{
	const char *t = dyad__dict_str(d, c->text);
	size_t n = strlen(t), i, lo = 0, hi = n, letters = 0;
	int compound = strchr(t, '/') != NULL;

	if (n > 0 && t[0] == '~')
		lo = 1;
	else if (n > 0 && t[n - 1] == '~')
		hi = n - 1;
	if (compound && (lo != 0 || hi != n || agents || t[0] == '/' || t[n - 1] == '/' ||
			 strstr(t, "//")))
		fail("bad compound code kept", t);
	if (!special(t)) {
		for (i = lo; i < hi; i++) {
			if (compound && t[i] == '/') {
				letters = 0;
				continue;
			}
			if (!((t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= '0' && t[i] <= '9')))
				fail("bad character in a kept code", t);
			if (++letters > 30)
				fail("bad code kept", t);
		}
		if (hi <= lo || (agents && lo == 0 && hi == n))
			fail("bad code kept", t);
	}
	if ((c->from && (c->from < 10000101 || c->from > 29991231)) ||
	    (c->to && (c->to < 10000101 || c->to > 29991231)) || (c->from && c->to && c->from > c->to))
		fail("bad period kept", t);
}

static void check_entry(const dyad__dict *d, size_t i, size_t *names, size_t *codes, int agents)
{
	const dyad__entry *e = dyad__dict_entry_at(d, i);
	const dyad__code *c;
	uint32_t j;

	if (e->name0 != *names || e->code0 != *codes || e->nnames == 0)
		fail("entries do not own consecutive runs of names and codes", NULL);
	if (e->kind > DYAD__E_DISCARD || (e->kind == DYAD__E_DISCARD && e->ncodes))
		fail("bad kind, or a discard with codes", NULL);
	if (agents && e->kind != DYAD__E_AGENT)
		fail("an agents file made a non-agent", NULL);
	for (j = 0; j < e->nnames; j++) {
		const dyad__name *nm = dyad__dict_name_at(d, e->name0 + j);
		if (nm->entry != i || !*dyad__dict_str(d, nm->key) || !*dyad__dict_str(d, nm->text))
			fail("a name with a wrong entry or an empty key", dyad__dict_str(d, nm->text));
		check_text(dyad__dict_str(d, nm->text), "name text not clean UTF-8");
	}
	for (j = 0; j < e->ncodes; j++)
		check_code(d, dyad__dict_code_at(d, e->code0 + j), agents);
	/* dict.c's dyad__dict_code_on offsets a null pointer when the whole
	** dictionary has no code (reported to the lead): not asked then. */
	c = dyad__dict_ncodes(d) ? dyad__dict_code_on(d, e, 20100101) : NULL;
	if (c && (c < dyad__dict_code_at(d, e->code0) || c >= dyad__dict_code_at(d, e->code0) + e->ncodes))
		fail("dyad__dict_code_on picked another entry's code", NULL);
	*names += e->nnames;
	*codes += e->ncodes;
}

static void read_as(const uint8_t *data, size_t n, dyad__dformat fmt)
{
	dyad__dict *d = dyad__dict_new();
	size_t i, names = 0, codes = 0;

	if (!d)
		return;
	if (dyad__dict_read_tabari(d, dyad__dict_file(d, FILE_NAME), fmt, (const char *)data, n) != 0 &&
	    !dyad__dict_nomem(d))
		fail("reading failed but not for memory", NULL);
	if (!dyad__dict_nomem(d)) {
		check_diags(d);
		for (i = 0; i < dyad__dict_nentries(d); i++)
			check_entry(d, i, &names, &codes, fmt == DYAD__FMT_TABARI_AGENTS);
		if (names != dyad__dict_nnames(d) || codes != dyad__dict_ncodes(d))
			fail("names or codes owned by no entry", NULL);
	}
	dyad__dict_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	static const char *const paths[] = {NULL, "x.actors", "Phoenix.agents.txt", "discards",
					    "a.verbs", "plain"};
	size_t i;

	read_as(data, n, DYAD__FMT_TABARI_ACTORS);
	read_as(data, n, DYAD__FMT_TABARI_AGENTS);
	read_as(data, n, DYAD__FMT_TABARI_DISCARDS);
	for (i = 0; i < sizeof paths / sizeof paths[0]; i++)
		if ((unsigned)dyad__dict_sniff(paths[i], (const char *)data, n) > DYAD__FMT_TABARI_DISCARDS)
			fail("sniff returned no format", paths[i]);
	return 0;
}
