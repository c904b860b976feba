/*
** fuzz_jsonl.c — libFuzzer entry point for the reader: the input is
** written to a temporary .jsonl file and read back article by article,
** each one processed. Malformed lines must be reported, never crash.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dyad.h"

static dyad_engine *eng;
static dyad_ctx *ctx;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	char path[] = "/tmp/dyad-fuzz-XXXXXX.jsonl";
	dyad_reader *rd;
	dyad_input in;
	dyad_status st;
	const dyad_doc *doc;
	int fd, guard = 0;

	if (!eng && (dyad_engine_new(NULL, &eng) != DYAD_OK || dyad_ctx_new(eng, &ctx) != DYAD_OK))
		abort();
	fd = mkstemps(path, 6);
	if (fd < 0)
		return 0;
	if (write(fd, data, n) != (ssize_t)n) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	if (dyad_reader_new(&rd) == DYAD_OK && dyad_reader_add(rd, path) == DYAD_OK) {
		while ((st = dyad_reader_next(rd, &in)) != DYAD_DONE && guard++ < 100000) {
			if (st != DYAD_OK) {
				if (!dyad_reader_errmsg(rd)[0])
					abort(); /* a skipped item must say why */
				continue;
			}
			if (dyad_ctx_process(ctx, &in, &doc) == DYAD_OK && !doc)
				abort();
		}
	}
	dyad_reader_free(rd);
	unlink(path);
	return 0;
}
