/*
** tabw.h — the CLI's table writer: TSV and CSV rows straight to a FILE.
**
** Event records go to spreadsheets, R and pandas as often as to jq, so
** the commands that print records can also print them as a table: one
** header row, then one row per record, fields in a fixed order. Whatever
** bytes a field holds, it stays one field of one row:
**
**   TSV  tab, newline, carriage return and backslash are written as
**        \t, \n, \r and \\ (the escapes PostgreSQL's COPY, Python's csv
**        module with escapechar and R's read.delim with allowEscapes
**        read back); nothing is quoted.
**   CSV  RFC 4180: a field holding a comma, a double quote, CR or LF is
**        enclosed in double quotes, with each quote doubled.
**
** Rows end in a single LF in both formats. Other bytes are copied as they
** are. A missing value (JSON null) is an empty field. Errors are the
** FILE's own: the caller checks tw_failed once per record.
*/
#ifndef DYAD_CLI_TABW_H
#define DYAD_CLI_TABW_H

#include <stddef.h>
#include <stdio.h>

typedef enum {
	TW_TSV = 0, /* tab-separated, backslash escapes */
	TW_CSV      /* comma-separated, RFC 4180 quoting */
} tw_format;

typedef struct tabw {
	FILE *f;       /* destination */
	tw_format fmt; /* separator and escaping */
	size_t fields; /* fields written in the current row */
} tabw;

/* Starts writing fmt to f, at the start of a row. */
void tw_init(tabw *t, FILE *f, tw_format fmt);

/* Fields, each after a separator unless it is the first of its row. */
void tw_str(tabw *t, const char *s, size_t n);  /* s may be NULL when n is 0 */
void tw_cstr(tabw *t, const char *s);           /* NUL-terminated */
void tw_uint(tabw *t, unsigned long long v);
void tw_fixed2(tabw *t, double v);              /* "-4.40", "0.85" */
void tw_coord(tabw *t, double v);               /* "25.28545": degrees */
void tw_empty(tabw *t);                         /* a missing value */

/* Ends the current row. */
void tw_endrow(tabw *t);

/* A whole row of NUL-terminated names, ended by NULL: the header. */
void tw_header(tabw *t, const char *const *names);

/* Nonzero once a write to the FILE has failed. */
int tw_failed(const tabw *t);

#endif /* DYAD_CLI_TABW_H */
