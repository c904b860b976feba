/*
** places.c — where each event happened.
**
** An event's place is the place named in its clause, else the article's
** dateline city, else the country of the action, and it always says which
** of these it is and how precise it is: a country is never passed off as
** a point. Until the gazetteer is loaded every event is unplaced.
*/
#include <string.h>

#include "dyad_int.h"

dyad_status dyad__events_where(dyad_ctx *ctx, size_t n)
{
	size_t i;

	ctx->where.len = 0;
	if (dyad__buf_reserve(&ctx->where, n * sizeof(dyad__where)) != 0)
		return dyad__msg(ctx->msg, DYAD_NOMEM, "out of memory placing events");
	for (i = 0; i < n; i++) {
		dyad__where g;
		memset(&g, 0, sizeof g);
		g.place = g.country = g.admin1 = "";
		g.how = "none";
		dyad__buf_append(&ctx->where, &g, sizeof g);
	}
	return DYAD_OK;
}
