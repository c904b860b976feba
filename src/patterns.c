/*
** patterns.c — placeholder for the verb pattern engine; being written.
*/
#include "dyad_int.h"

dyad_status dyad__patterns_load(dyad_engine *eng, const dyad_config *cfg)
{
	(void)eng;
	(void)cfg;
	return DYAD_OK;
}

void dyad__patterns_free(struct dyad__patterns *p)
{
	(void)p;
}

void dyad_engine_pattern_stats(const dyad_engine *eng, dyad_pattern_stats *out)
{
	(void)eng;
	*out = (dyad_pattern_stats){0, 0, 0, 0, 0, 0, 0.0};
}
