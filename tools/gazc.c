/*
** gazc.c — compiles a gazetteer TSV (tools/mkgazetteer.js) into the file
** dyad maps at engine load (docs/places.md). tools/setup.sh runs it to
** make data/gazetteer.bin. It uses only dyad.h, as cli/ does.
**
**   build/tools/gazc IN.tsv OUT.bin
*/
#include <stdio.h>

#include "dyad.h"

int main(int argc, char **argv)
{
	char msg[DYAD_ERRMSG_MAX];

	if (argc != 3) {
		fprintf(stderr, "usage: gazc IN.tsv OUT.bin\n");
		return 2;
	}
	if (dyad_gazetteer_compile(argv[1], argv[2], msg) != DYAD_OK) {
		fprintf(stderr, "gazc: %s\n", msg);
		return 1;
	}
	return 0;
}
