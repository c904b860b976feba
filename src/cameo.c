/*
** cameo.c — placeholder: the CAMEO event code table. Being written.
*/
#include <stdlib.h>
#include <string.h>

#include "dyad_int.h"

dyad_status dyad__cameo_load(dyad_engine *eng)
{
	(void)eng;
	return DYAD_OK;
}

void dyad__cameo_free(struct dyad__cameo *t)
{
	(void)t;
}

dyad_status dyad_engine_cameo(const dyad_engine *eng, const char *code,
			      dyad_cameo_info *out)
{
	(void)eng;
	(void)code;
	memset(out, 0, sizeof *out);
	return DYAD_NOTFOUND;
}
