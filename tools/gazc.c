/*
** gazc.c — compiles a gazetteer TSV (tools/mkgazetteer.js) into the file
** dyad maps at engine load (docs/places.md). tools/setup.sh runs it to
** make data/gazetteer.bin, and with --check to learn whether a file it
** made earlier is one this dyad reads (the format has a version). It
** uses only dyad.h, as cli/ does.
**
**   build/tools/gazc IN.tsv OUT.bin
**   build/tools/gazc --check FILE.bin
*/
#include <stdio.h>
#include <string.h>

#include "dyad.h"

/* Loads path as an engine's gazetteer: 0 when it loads, else 1 and why. */
static int check(const char *path)
{
	dyad_config cfg;
	dyad_engine *eng = NULL;
	dyad_status st;

	memset(&cfg, 0, sizeof cfg);
	cfg.places = 1;
	cfg.gazetteer = path;
	st = dyad_engine_new(&cfg, &eng);
	if (st != DYAD_OK)
		fprintf(stderr, "gazc: %s\n", eng ? dyad_engine_errmsg(eng) : dyad_strerror(st));
	dyad_engine_free(eng);
	return st != DYAD_OK;
}

int main(int argc, char **argv)
{
	char msg[DYAD_ERRMSG_MAX];

	if (argc == 3 && strcmp(argv[1], "--check") == 0)
		return check(argv[2]);
	if (argc != 3) {
		fprintf(stderr, "usage: gazc IN.tsv OUT.bin\n       gazc --check FILE.bin\n");
		return 2;
	}
	if (dyad_gazetteer_compile(argv[1], argv[2], msg) != DYAD_OK) {
		fprintf(stderr, "gazc: %s\n", msg);
		return 1;
	}
	return 0;
}
