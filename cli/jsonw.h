/*
** jsonw.h — the CLI's JSON writer: JSON Lines straight to a FILE.
**
** Commands print millions of small objects, so there is no tree: members
** are appended to a fixed buffer in the order they are written and the
** buffer goes to the FILE with one fwrite when full. The writer tracks
** nesting only to place commas. Whatever bytes a string holds, the output
** is valid JSON in UTF-8: '"', '\' and control characters are escaped,
** valid UTF-8 passes through unchanged, and each byte that is not part of
** a valid UTF-8 sequence is written as \ufffd (the library repairs article
** text already; ids and paths come from outside and may not be).
**
** A failed write is sticky: later output is dropped and jw_flush reports
** the errno of the first failure, so a command checks once per document.
*/
#ifndef DYAD_CLI_JSONW_H
#define DYAD_CLI_JSONW_H

#include <stddef.h>
#include <stdio.h>

#define JW_BUFSZ (64u * 1024u) /* bytes buffered before an fwrite */
#define JW_MAXDEPTH 8          /* deepest nesting of objects and arrays */

typedef struct jsonw {
	FILE *f;                       /* destination */
	size_t len;                    /* bytes pending in buf */
	int err;                       /* errno of the first failed write, or 0 */
	int depth;                     /* objects and arrays open */
	char close[JW_MAXDEPTH];       /* '}' or ']' for each open level */
	unsigned char more[JW_MAXDEPTH]; /* level has a member: next needs ',' */
	char buf[JW_BUFSZ];            /* pending output */
} jsonw;

/* Starts writing to f; nothing open, nothing pending. */
void jw_init(jsonw *w, FILE *f);

/*
** Opens an object or array. key names it inside an object; it is NULL for
** a top-level value or an element of an array. Keys are the program's own
** plain ASCII names and are written without escaping.
*/
void jw_object(jsonw *w, const char *key);
void jw_array(jsonw *w, const char *key);

/* Closes the innermost open object or array. */
void jw_close(jsonw *w);

/* Ends one JSON Lines record: the top-level value is closed; writes "\n". */
void jw_endline(jsonw *w);

/* Members (or array elements, with key NULL). */
void jw_str(jsonw *w, const char *key, const char *s, size_t n);
void jw_cstr(jsonw *w, const char *key, const char *s); /* NUL-terminated */
void jw_cstr_or_null(jsonw *w, const char *key, const char *s); /* "" -> null */
void jw_uint(jsonw *w, const char *key, unsigned long long v);
void jw_null(jsonw *w, const char *key);
void jw_fixed2(jsonw *w, const char *key, double v); /* "0.85" */
void jw_fixed4(jsonw *w, const char *key, double v); /* "25.2854": coordinates */
void jw_bool(jsonw *w, const char *key, int v);

/* Writes s[0, n) as a JSON string value, quotes included, at the current
** position with no comma or key: the escaping primitive. */
void jw_string(jsonw *w, const char *s, size_t n);

/*
** Hands everything pending to the FILE and flushes it. Returns 0, or -1
** when this or any earlier write failed; w->err then holds the errno.
*/
int jw_flush(jsonw *w);

#endif /* DYAD_CLI_JSONW_H */
