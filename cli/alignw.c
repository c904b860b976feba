/*
** alignw.c — the CLI's aligned table for a terminal (see alignw.h).
*/
#include <stdlib.h>
#include <string.h>

#include "alignw.h"

void aw_init(alignw *w)
{
	memset(w, 0, sizeof *w);
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap ? *cap : 64;
	void *q;

	if (need <= *cap)
		return 0;
	while (c < need)
		c *= 2;
	if (!(q = realloc(*p, c * size)))
		return -1;
	*p = q;
	*cap = c;
	return 0;
}

void aw_cell(alignw *w, const char *s)
{
	const size_t n = s ? strlen(s) : 0;
	size_t i;

	if (w->nomem || grow((void **)&w->text, &w->cap, w->len + n + 1, 1) != 0 ||
	    grow((void **)&w->cells, &w->capcells, w->ncells + 1, sizeof *w->cells) != 0) {
		w->nomem = 1;
		return;
	}
	w->cells[w->ncells++] = w->len;
	for (i = 0; i < n; i++) /* one row, one line */
		w->text[w->len++] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? ' ' : s[i];
	w->text[w->len++] = '\0';
}

void aw_endrow(alignw *w)
{
	if (!w->ncols)
		w->ncols = w->ncells;
}

/* Characters of UTF-8 s: bytes that do not continue a sequence. */
static size_t width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

int aw_print(alignw *w, FILE *f)
{
	size_t *wid, i;

	if (w->nomem || !w->ncols)
		return w->nomem ? -1 : 0;
	if (!(wid = calloc(w->ncols, sizeof *wid)))
		return -1;
	for (i = 0; i < w->ncells; i++) {
		const size_t k = width(w->text + w->cells[i]);
		if (k > wid[i % w->ncols])
			wid[i % w->ncols] = k;
	}
	for (i = 0; i < w->ncells; i++) {
		const char *c = w->text + w->cells[i];
		const size_t col = i % w->ncols;
		if (col + 1 == w->ncols)
			fprintf(f, "%s\n", c);
		else
			fprintf(f, "%s%*s", c, (int)(wid[col] - width(c) + 2), "");
	}
	free(wid);
	return 0;
}

void aw_free(alignw *w)
{
	free(w->text);
	free(w->cells);
	aw_init(w);
}
