/*
** alignw.h — the CLI's aligned table for a terminal.
**
** Query commands print a table people read: columns padded to their
** widest cell, two spaces apart. Widths are known only once every row is
** in, so cells are kept until aw_print. Tables meant for programs are TSV,
** CSV or JSON Lines instead (tabw.h, jsonw.h). A cell's tabs, line breaks
** and other control bytes are shown as spaces, so each row stays one line;
** widths count UTF-8 characters, not bytes.
*/
#ifndef DYAD_CLI_ALIGNW_H
#define DYAD_CLI_ALIGNW_H

#include <stddef.h>
#include <stdio.h>

typedef struct alignw {
	char *text;       /* cells, each NUL-terminated, back to back */
	size_t len, cap;  /* bytes used and allocated in text */
	size_t *cells;    /* offset of each cell in text */
	size_t ncells, capcells;
	size_t ncols;     /* cells per row, from the first row */
	int nomem;        /* sticky: a cell could not be kept */
} alignw;

void aw_init(alignw *w);
/* One cell of the current row; NULL is an empty cell. */
void aw_cell(alignw *w, const char *s);
/* Ends the current row (the first row sets the number of columns). */
void aw_endrow(alignw *w);
/* Prints every row, padded; returns -1 when out of memory, else 0. */
int aw_print(alignw *w, FILE *f);
void aw_free(alignw *w);

#endif /* DYAD_CLI_ALIGNW_H */
