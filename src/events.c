/*
** events.c — placeholder for the coder; being written.
*/
#include <stdlib.h>
#include <string.h>

#include "dyad_int.h"

void dyad__coder_free(struct dyad__coder *c)
{
	(void)c;
}

const char *dyad_modality_name(unsigned m)
{
	(void)m;
	return "";
}

void dyad_code_opts_init(dyad_code_opts *o)
{
	memset(o, 0, sizeof *o);
}

dyad_status dyad_code_opts_tabari(dyad_code_opts *o, const char *line, char *msg)
{
	(void)o;
	(void)line;
	(void)msg;
	return DYAD_OK;
}

const char *dyad_sent_status_name(dyad_sent_status s)
{
	(void)s;
	return "coded";
}

dyad_status dyad_doc_events(const dyad_doc *doc, const dyad_code_opts *opts, size_t *n)
{
	(void)doc;
	(void)opts;
	*n = 0;
	return DYAD_BADARG;
}

dyad_status dyad_doc_event(const dyad_doc *doc, size_t i, dyad_event *out)
{
	(void)doc;
	(void)i;
	(void)out;
	return DYAD_NOTFOUND;
}

dyad_sent_status dyad_doc_sent_status(const dyad_doc *doc, size_t s, const char **explain)
{
	(void)doc;
	(void)s;
	if (explain)
		*explain = "";
	return DYAD_SENT_SKIPPED;
}
