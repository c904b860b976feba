/*
** jsonw.h — a small JSON writer for the CLI's JSONL output.
**
** The CLI prints millions of small objects; this writes them straight to
** a buffered FILE with correct escaping, no intermediate tree.
*/
#ifndef DYAD_CLI_JSONW_H
#define DYAD_CLI_JSONW_H

#include <stddef.h>
#include <stdio.h>

typedef struct jsonw {
	FILE *f;
	int first; /* no member written yet in the current object */
} jsonw;

void jw_begin(jsonw *w, FILE *f);          /* "{" */
void jw_end(jsonw *w);                     /* "}\n" */
void jw_key(jsonw *w, const char *key);    /* "key": (with a comma if needed) */
void jw_str(jsonw *w, const char *key, const char *s, size_t n);
void jw_cstr(jsonw *w, const char *key, const char *s); /* NULL or "" -> null */
void jw_int(jsonw *w, const char *key, long long v);
/* Writes s[0, n) as a JSON string: escapes, and U+FFFD for bad UTF-8. */
void jw_string(FILE *f, const char *s, size_t n);

#endif
