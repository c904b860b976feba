/*
** err.c — status codes and messages.
**
** Fallible calls return a dyad_status; the human detail lives in a fixed
** buffer on the handle that failed (engine, context or reader), so callers
** can report "file:line: reason" without the library ever printing.
*/
#include <stdio.h>

#include "dyad_int.h"

static const char *const status_text[] = {
#define X(name, msg) msg,
	DYAD_STATUS_MAP(X)
#undef X
};

const char *dyad_strerror(dyad_status st)
{
	if ((unsigned)st >= (unsigned)DYAD_STATUS_COUNT)
		return "unknown status";
	return status_text[st];
}

const char *dyad_version(void)
{
	return DYAD_VERSION;
}

dyad_status dyad__msg(char *msg, dyad_status st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, DYAD__MSG_MAX, fmt, ap);
	va_end(ap);
	return st;
}
