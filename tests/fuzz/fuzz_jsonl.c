/*
** fuzz_jsonl.c — libFuzzer entry point for the reader: the input bytes
** are written to a temporary file named *.jsonl, and a dyad_reader is
** drained over it, every article it yields going through
** dyad_ctx_process.
**
** The oracles, besides the sanitizers: the reader ends (DYAD_DONE) within
** a bound, a skipped item always says why, an article's fields are
** readable strings, and a processed document's sentences lie inside its
** text. A broken oracle prints why on stderr and aborts.
**
** Built by tests/fuzz/run.sh with -fsanitize=fuzzer, and by `make check`
** with tests/fuzz/replay.c, which replays the stored corpus.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dyad.h"

/* Static handles are fine in a fuzz harness: one process, one thread. */
static dyad_engine *eng;
static dyad_ctx *ctx;
static volatile size_t sink; /* keeps the reads from being optimized out */

/* Prints why an oracle failed and aborts, so libFuzzer keeps the input. */
static void fail(const char *what, size_t line)
{
	fprintf(stderr, "fuzz_jsonl: %s (line %zu)\n", what, line);
	abort();
}

/* Reads an optional string field of an article. */
static void touch_opt(const char *s)
{
	if (s)
		sink += strlen(s);
}

static void check_doc(const dyad_doc *doc, size_t line)
{
	dyad_doc_info info;
	size_t i, prev = 0;

	dyad_doc_get_info(doc, &info);
	sink += strlen(info.id) + strlen(info.url) + strlen(info.source) + strlen(info.title) +
		strlen(info.lang) + strlen(info.script) + strlen(info.date);
	for (i = 0; i < info.n_sentences; i++) {
		dyad_sentence s;
		if (dyad_doc_sentence(doc, i, &s) != DYAD_OK)
			fail("sentence listed but not found", line);
		if (s.start >= s.end || s.end > info.text_len || s.start < prev)
			fail("sentence span out of bounds or out of order", line);
		prev = s.end;
		if (s.text_len)
			sink += (unsigned char)s.text[s.text_len - 1];
	}
}

/* Drains a reader over path, processing every article. */
static void drain(const char *path)
{
	dyad_reader *rd = NULL;
	dyad_input in;
	dyad_status st;
	const dyad_doc *doc;
	size_t items = 0;

	if (dyad_reader_new(&rd) != DYAD_OK || dyad_reader_add(rd, path) != DYAD_OK)
		goto out;
	while ((st = dyad_reader_next(rd, &in)) != DYAD_DONE) {
		/* One item per line at most, plus one: it must end. */
		if (++items > 1000000)
			fail("reader does not end", items);
		if (st != DYAD_OK) {
			if (!dyad_reader_errmsg(rd) || !dyad_reader_errmsg(rd)[0])
				fail("an item was skipped without a message", items);
			continue;
		}
		if (!in.text)
			fail("article without text", in.origin_line);
		touch_opt(in.id);
		touch_opt(in.url);
		touch_opt(in.date);
		touch_opt(in.source);
		touch_opt(in.title);
		touch_opt(in.lang);
		touch_opt(in.origin);
		if (in.text_len)
			sink += (unsigned char)in.text[in.text_len - 1];
		if (dyad_ctx_process(ctx, &in, &doc) == DYAD_OK)
			check_doc(doc, in.origin_line);
	}
	sink += dyad_reader_skipped(rd);
out:
	dyad_reader_free(rd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	char path[64];
	const char *dir = getenv("TMPDIR");
	int fd;

	if (!eng && (dyad_engine_new(NULL, &eng) != DYAD_OK || dyad_ctx_new(eng, &ctx) != DYAD_OK)) {
		fprintf(stderr, "fuzz_jsonl: cannot load the engine: %s\n",
			eng ? dyad_engine_errmsg(eng) : "out of memory");
		abort();
	}
	if (!dir || strlen(dir) > 40)
		dir = "/tmp";
	snprintf(path, sizeof path, "%s/dyad-fuzz-XXXXXX.jsonl", dir);
	fd = mkstemps(path, 6);
	if (fd < 0)
		return 0;
	if (n && write(fd, data, n) != (ssize_t)n) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	drain(path);
	unlink(path);
	return 0;
}
