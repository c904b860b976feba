/*
** seeds.h — reading a seed article for the tests that check it.
**
** The seeds are third-party text: they stay in ../shared/seeds (relative
** to the repository root, where the tests run) and are read at run time,
** never copied into the repository.
*/
#ifndef DYAD_TEST_SEEDS_H
#define DYAD_TEST_SEEDS_H

#include <stdio.h>
#include <string.h>

#include "dyad.h"

#define SEEDS "../shared/seeds/"

/* Processes seed `name` in ctx; NULL when it cannot be read (absent
** ../shared) or processed. The text lives in a static buffer, so the
** document is valid until the next call. */
static const dyad_doc *seed_load(dyad_ctx *ctx, const char *name)
{
	static char text[1 << 20];
	char path[256];
	dyad_input in;
	const dyad_doc *doc = NULL;
	size_t n;
	FILE *f;

	snprintf(path, sizeof path, SEEDS "%s", name);
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	n = fread(text, 1, sizeof text, f);
	fclose(f);
	memset(&in, 0, sizeof in);
	in.id = name;
	in.text = text;
	in.text_len = n;
	return dyad_ctx_process(ctx, &in, &doc) == DYAD_OK ? doc : NULL;
}

#endif /* DYAD_TEST_SEEDS_H */
