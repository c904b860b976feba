/*
** fuzz_actors.c — libFuzzer entry point for actor recognition: the input
** bytes are one article, run through the text stages and
** dyad_doc_actors with the test dictionaries of tests/cases/actors/dict
** (run from the repository root, as make check and make fuzz do).
**
** The oracles, besides the sanitizers: every mention lies inside its
** sentence, in the original text; its normalized text is not empty; its
** code is empty or CAMEO-shaped (A-Z, 0-9, '-' in groups of three); its
** how is one of the four; its confidence is in [0, 1]; mentions come in
** text order. A broken oracle prints why on stderr and aborts.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"

/* Static handles are fine in a fuzz harness: one process, one thread. */
static dyad_engine *eng;
static dyad_ctx *ctx;

static void fail(const char *what, size_t i)
{
	fprintf(stderr, "fuzz_actors: %s (mention %zu)\n", what, i);
	abort();
}

static int code_shaped(const char *c)
{
	size_t n = strlen(c), i;

	if (n % 3)
		return 0;
	for (i = 0; i < n; i++)
		if (!((c[i] >= 'A' && c[i] <= 'Z') || (c[i] >= '0' && c[i] <= '9') || c[i] == '-'))
			return 0;
	return 1;
}

static void check(const dyad_doc *doc, size_t n, size_t len)
{
	size_t i, last_sent = 0, last_start = 0;

	for (i = 0; i < n; i++) {
		dyad_mention m;
		dyad_sentence s;
		if (dyad_doc_mention(doc, i, &m) != DYAD_OK)
			fail("a mention below the count cannot be read", i);
		if (dyad_doc_sentence(doc, m.sent, &s) != DYAD_OK)
			fail("mention in a sentence that does not exist", i);
		if (m.start >= m.end || m.end > len || m.start < s.start || m.end > s.end)
			fail("span outside its sentence or the text", i);
		if (!m.text_len || !m.text || !code_shaped(m.code) || (unsigned)m.how > DYAD_HOW_COREF)
			fail("empty text, bad code or bad how", i);
		if (!(m.confidence >= 0 && m.confidence <= 1) || !m.label || !m.entry || !m.explain)
			fail("bad confidence or missing string", i);
		if (m.sent < last_sent || (m.sent == last_sent && m.start < last_start))
			fail("mentions out of text order", i);
		last_sent = m.sent;
		last_start = m.start;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const dicts[] = { "tests/cases/actors/dict", NULL };
	const dyad_doc *doc;
	dyad_input in;
	size_t n;

	if (!eng) {
		dyad_config cfg;
		memset(&cfg, 0, sizeof cfg);
		cfg.actors = 1;
		cfg.no_default_dicts = 1;
		cfg.dicts = dicts;
		if (dyad_engine_new(&cfg, &eng) != DYAD_OK || dyad_ctx_new(eng, &ctx) != DYAD_OK) {
			fprintf(stderr, "fuzz_actors: engine: %s\n", eng ? dyad_engine_errmsg(eng) : "?");
			abort();
		}
	}
	memset(&in, 0, sizeof in);
	in.text = (const char *)data;
	in.text_len = size;
	in.date = size && data[0] & 1 ? "2023-11-23" : NULL;
	if (dyad_ctx_process(ctx, &in, &doc) != DYAD_OK)
		return 0;
	if (dyad_doc_actors(doc, &n) != DYAD_OK)
		fail("dyad_doc_actors failed", 0);
	check(doc, n, size);
	return 0;
}
