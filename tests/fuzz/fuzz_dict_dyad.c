/*
** fuzz_dict_dyad.c — libFuzzer entry point for the reader of dyad's own
** dictionary format (dyad__dict_read_dyad in src/dict.c,
** docs/dictionaries.md): the input bytes are one dictionary file.
**
** The oracles, besides the sanitizers: reading fails only when out of
** memory; every message starts with the file's name and a line number;
** warnings and errors add up to the messages; entries own consecutive,
** complete runs of names and codes; every name has a non-empty key;
** every code passes dyad__dict_code_ok for its entry's kind (the reader
** validates before it adds) and its period is real days in order;
** dyad__dict_code_on picks one of the
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
	fprintf(stderr, "fuzz_dict_dyad: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	abort();
}

static void check_diags(const dyad__dict *d)
{
	size_t w, e, n = dyad__dict_ndiag(d, &w, &e), i, k = strlen(FILE_NAME ":");

	if (w + e != n)
		fail("warnings and errors do not add up to the messages", NULL);
	for (i = 0; i < n; i++) {
		const char *t = dyad__dict_diag_text(d, i, NULL);
		if (!t || strncmp(t, FILE_NAME ":", k) != 0 || t[k] < '1' || t[k] > '9')
			fail("message does not start with file:line", t);
	}
}

static void check_code(const dyad__dict *d, const dyad__code *c, dyad__ekind kind)
{
	const char *t = dyad__dict_str(d, c->text);

	if (!dyad__dict_code_ok(t, strlen(t), kind))
		fail("a code its entry's kind refuses was kept", t);
	if ((c->from && (c->from < 10000101 || c->from > 29991231)) ||
	    (c->to && (c->to < 10000101 || c->to > 29991231)) || (c->from && c->to && c->from > c->to))
		fail("bad period kept", t);
}

static void check_entry(const dyad__dict *d, size_t i, size_t *names, size_t *codes)
{
	const dyad__entry *e = dyad__dict_entry_at(d, i);
	const dyad__code *c;
	uint32_t j;

	if (e->name0 != *names || e->code0 != *codes)
		fail("entries do not own consecutive runs of names and codes", NULL);
	/* dict.c lets "code" lines follow a discard (reported to the lead), so
	** only the kind is checked here. */
	if (e->kind > DYAD__E_DISCARD)
		fail("bad kind", NULL);
	for (j = 0; j < e->nnames; j++) {
		const dyad__name *nm = dyad__dict_name_at(d, e->name0 + j);
		if (nm->entry != i || !*dyad__dict_str(d, nm->key))
			fail("a name with a wrong entry or an empty key", dyad__dict_str(d, nm->text));
	}
	for (j = 0; j < e->ncodes; j++)
		check_code(d, dyad__dict_code_at(d, e->code0 + j), (dyad__ekind)e->kind);
	/* dict.c's dyad__dict_code_on offsets a null pointer when the whole
	** dictionary has no code (reported to the lead): not asked then. */
	c = dyad__dict_ncodes(d) ? dyad__dict_code_on(d, e, 20100101) : NULL;
	if (c && (c < dyad__dict_code_at(d, e->code0) || c >= dyad__dict_code_at(d, e->code0) + e->ncodes))
		fail("dyad__dict_code_on picked another entry's code", NULL);
	*names += e->nnames;
	*codes += e->ncodes;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	dyad__dict *d = dyad__dict_new();
	size_t i, names = 0, codes = 0;

	if (!d)
		return 0;
	if (dyad__dict_read_dyad(d, dyad__dict_file(d, FILE_NAME), (const char *)data, n) != 0 &&
	    !dyad__dict_nomem(d))
		fail("reading failed but not for memory", NULL);
	if (!dyad__dict_nomem(d)) {
		check_diags(d);
		for (i = 0; i < dyad__dict_nentries(d); i++)
			check_entry(d, i, &names, &codes);
		if (names != dyad__dict_nnames(d) || codes != dyad__dict_ncodes(d))
			fail("names or codes owned by no entry", NULL);
	}
	(void)dyad__dict_sniff(FILE_NAME, (const char *)data, n);
	dyad__dict_free(d);
	return 0;
}
