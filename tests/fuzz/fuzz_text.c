/*
** fuzz_text.c — libFuzzer entry point for the text stages: UTF-8 repair,
** normalization and its offset map, PDF repair, boilerplate removal,
** tokens, sentences, script and language, document date.
**
** The input bytes are one article. Every field of the document, of every
** sentence, token and removed span is read (so the sanitizers see any bad
** pointer), and the whole input also goes through dyad_ctx_normalize.
** The oracles, besides the sanitizers: every span lies inside the text
** and sentences come in order without overlap (the API's promise), and
** a sentence's original bytes normalize to its text (the offset map's
** promise). A broken oracle prints why on stderr and aborts.
**
** Built by tests/fuzz/run.sh with -fsanitize=fuzzer, and by `make check`
** with tests/fuzz/replay.c, which replays the stored corpus.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"

/* Static handles are fine in a fuzz harness: one process, one thread. */
static dyad_engine *eng;
static dyad_ctx *ctx;
static volatile unsigned sink; /* keeps the reads from being optimized out */

/* Reads every byte of a counted string. */
static void touch(const char *s, size_t n)
{
	unsigned h = 0;
	size_t i;

	if (n && !s)
		abort();
	for (i = 0; i < n; i++)
		h = h * 31 + (unsigned char)s[i];
	sink += h;
}

static void touch_str(const char *s)
{
	if (!s)
		abort();
	touch(s, strlen(s));
}

/* Prints why an oracle failed and aborts, so libFuzzer keeps the input. */
static void fail(const char *what, size_t i, size_t a, size_t b)
{
	fprintf(stderr, "fuzz_text: %s\nfuzz_text:   at item %zu, span [%zu,%zu)\n", what, i, a, b);
	abort();
}

static void check_tokens(const dyad_doc *doc, size_t i, const dyad_sentence *s)
{
	size_t t;

	for (t = 0; t < s->n_tokens; t++) {
		dyad_token tk;
		if (dyad_doc_token(doc, i, t, &tk) != DYAD_OK)
			fail("token listed but not found", t, 0, 0);
		if (tk.start > tk.end || tk.start < s->start || tk.end > s->end)
			fail("token span outside its sentence", t, tk.start, tk.end);
		if ((unsigned)tk.kind > DYAD_TOK_SYMBOL)
			fail("token kind out of range", t, tk.start, tk.end);
		touch_str(dyad_token_kind_name(tk.kind));
		touch(tk.text, tk.text_len);
		touch(tk.fold, tk.fold_len);
	}
	if (dyad_doc_token(doc, i, s->n_tokens, &(dyad_token){ 0 }) != DYAD_NOTFOUND)
		fail("token past the end found", s->n_tokens, 0, 0);
}

static void check_sentences(const dyad_doc *doc, const dyad_doc_info *info)
{
	size_t i, prev = 0;

	for (i = 0; i < info->n_sentences; i++) {
		dyad_sentence s;
		const char *norm;
		size_t nn;

		if (dyad_doc_sentence(doc, i, &s) != DYAD_OK || s.index != i)
			fail("sentence listed but not found", i, 0, 0);
		if (s.start >= s.end || s.end > info->text_len)
			fail("sentence span out of bounds", i, s.start, s.end);
		if (s.start < prev)
			fail("sentence overlaps the one before", i, s.start, s.end);
		prev = s.end;
		touch(s.text, s.text_len);
		touch_str(s.lang);
		touch_str(s.script);
		sink += (unsigned)s.paragraph;
		check_tokens(doc, i, &s);
		/* The doc does not use ctx's fragment buffer, so it stays valid. */
		if (dyad_ctx_normalize(ctx, info->text + s.start, s.end - s.start, &norm, &nn) != DYAD_OK)
			continue; /* out of memory is not a finding */
		if (nn != s.text_len || memcmp(norm, s.text, nn) != 0)
			fail("offset map: span does not normalize to the sentence text", i, s.start, s.end);
	}
	if (dyad_doc_sentence(doc, info->n_sentences, &(dyad_sentence){ 0 }) != DYAD_NOTFOUND)
		fail("sentence past the end found", info->n_sentences, 0, 0);
}

static void check_doc(const dyad_doc *doc, size_t n)
{
	dyad_doc_info info;
	size_t i, count;

	dyad_doc_get_info(doc, &info);
	if (info.text_len != n)
		fail("doc text length differs from the input", 0, info.text_len, n);
	touch(info.text, info.text_len);
	touch_str(info.id);
	touch_str(info.url);
	touch_str(info.source);
	touch_str(info.title);
	touch_str(info.lang);
	touch_str(info.script);
	if (memchr(info.date, '\0', sizeof info.date) == NULL)
		fail("date not terminated", 0, 0, 0);
	touch_str(info.date);
	touch_str(dyad_precision_name(info.date_precision));
	touch_str(dyad_date_source_name(info.date_source));
	if (info.date_start > info.date_end || info.date_end > n)
		fail("date span out of bounds", 0, info.date_start, info.date_end);
	check_sentences(doc, &info);
	count = dyad_doc_removed_count(doc);
	for (i = 0; i < count; i++) {
		dyad_removed rm;
		if (dyad_doc_removed_get(doc, i, &rm) != DYAD_OK)
			fail("removed span listed but not found", i, 0, 0);
		if (rm.start >= rm.end || rm.end > n)
			fail("removed span out of bounds", i, rm.start, rm.end);
		touch_str(rm.kind);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	dyad_input in;
	const dyad_doc *doc;
	const char *norm;
	size_t nn;

	if (!eng && (dyad_engine_new(NULL, &eng) != DYAD_OK || dyad_ctx_new(eng, &ctx) != DYAD_OK)) {
		fprintf(stderr, "fuzz_text: cannot load the engine: %s\n",
			eng ? dyad_engine_errmsg(eng) : "out of memory");
		abort();
	}
	memset(&in, 0, sizeof in);
	in.text = (const char *)data;
	in.text_len = n;
	if (dyad_ctx_process(ctx, &in, &doc) == DYAD_OK)
		check_doc(doc, n);
	else
		touch_str(dyad_errmsg(ctx));
	if (dyad_ctx_normalize(ctx, (const char *)data, n, &norm, &nn) == DYAD_OK) {
		touch(norm, nn);
		if (norm[nn] != '\0')
			fail("normalize result not NUL-terminated", 0, 0, nn);
	}
	return 0;
}
