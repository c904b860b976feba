/*
** fuzz_text.c — libFuzzer entry point for the text stages (normalizer,
** structure pass, tokenizer, segmenter, language, document date).
**
** The oracle: no crash or sanitizer report, every sentence and token span
** inside the input and in order, and the offset-map promise (a
** sentence's original bytes normalize to its text).
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"

/* Static handles are fine in a fuzz harness: one process, one thread. */
static dyad_engine *eng;
static dyad_ctx *ctx;

static void check_doc(const dyad_doc *doc, size_t n)
{
	dyad_doc_info info;
	size_t i, t, prev = 0;

	dyad_doc_get_info(doc, &info);
	for (i = 0; i < info.n_sentences; i++) {
		dyad_sentence s;
		const char *norm;
		size_t nn;
		if (dyad_doc_sentence(doc, i, &s) != DYAD_OK || s.start >= s.end ||
		    s.end > n || s.start < prev)
			abort();
		prev = s.end;
		for (t = 0; t < s.n_tokens; t++) {
			dyad_token tk;
			if (dyad_doc_token(doc, i, t, &tk) != DYAD_OK || tk.start < s.start ||
			    tk.end > s.end || tk.fold_len > 4 * tk.text_len + 64)
				abort();
		}
		if (dyad_ctx_normalize(ctx, info.text + s.start, s.end - s.start, &norm, &nn) != DYAD_OK)
			continue; /* out of memory is not a finding */
		/* ctx_normalize reuses a buffer the doc does not use: doc stays valid. */
		if (nn != s.text_len || memcmp(norm, s.text, nn) != 0)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	dyad_input in;
	const dyad_doc *doc;

	if (!eng && (dyad_engine_new(NULL, &eng) != DYAD_OK || dyad_ctx_new(eng, &ctx) != DYAD_OK))
		abort();
	memset(&in, 0, sizeof in);
	in.text = (const char *)data;
	in.text_len = n;
	if (dyad_ctx_process(ctx, &in, &doc) == DYAD_OK)
		check_doc(doc, n);
	return 0;
}
