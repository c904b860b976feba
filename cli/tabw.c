/*
** tabw.c — the CLI's TSV and CSV writer (see tabw.h).
**
** Fields are written through stdio, which the command already buffers in
** large blocks, in runs: the bytes between two that need escaping go out
** in one fwrite. A field is scanned once for TSV and twice for CSV (once
** to decide on quotes), so a clean field costs one scan and one copy.
*/
#include <string.h>

#include "tabw.h"

void tw_init(tabw *t, FILE *f, tw_format fmt)
{
	t->f = f;
	t->fmt = fmt;
	t->fields = 0;
}

int tw_failed(const tabw *t)
{
	return ferror(t->f) != 0;
}

/* The separator before every field but the first of a row. */
static void separate(tabw *t)
{
	if (t->fields++ > 0)
		putc(t->fmt == TW_CSV ? ',' : '\t', t->f);
}

/* TSV: the escape for a byte that would end a field or a row, or NULL
** for a byte copied as it is. */
static const char *tsv_escape(unsigned char c)
{
	switch (c) {
	case '\t': return "\\t";
	case '\n': return "\\n";
	case '\r': return "\\r";
	case '\\': return "\\\\";
	default: return NULL;
	}
}

static void tsv_field(tabw *t, const char *s, size_t n)
{
	size_t i, start = 0;

	for (i = 0; i < n; i++) {
		const char *e = tsv_escape((unsigned char)s[i]);

		if (!e)
			continue;
		fwrite(s + start, 1, i - start, t->f);
		fputs(e, t->f);
		start = i + 1;
	}
	fwrite(s + start, 1, n - start, t->f);
}

/* RFC 4180: quotes only when the field would not survive without them. */
static int csv_needs_quotes(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			return 1;
	return 0;
}

static void csv_field(tabw *t, const char *s, size_t n)
{
	size_t i, start = 0;

	if (!csv_needs_quotes(s, n)) {
		fwrite(s, 1, n, t->f);
		return;
	}
	putc('"', t->f);
	for (i = 0; i < n; i++) {
		if (s[i] != '"')
			continue;
		/* The quote goes out with its run, and is then written again. */
		fwrite(s + start, 1, i + 1 - start, t->f);
		start = i;
	}
	fwrite(s + start, 1, n - start, t->f);
	putc('"', t->f);
}

void tw_str(tabw *t, const char *s, size_t n)
{
	separate(t);
	if (n == 0) /* s may then be NULL, where even s + 0 is undefined */
		return;
	if (t->fmt == TW_CSV)
		csv_field(t, s, n);
	else
		tsv_field(t, s, n);
}

void tw_cstr(tabw *t, const char *s)
{
	tw_str(t, s, s ? strlen(s) : 0);
}

void tw_uint(tabw *t, unsigned long long v)
{
	separate(t);
	fprintf(t->f, "%llu", v);
}

void tw_fixed2(tabw *t, double v)
{
	separate(t);
	fprintf(t->f, "%.2f", v);
}

void tw_coord(tabw *t, double v)
{
	separate(t);
	fprintf(t->f, "%.5f", v);
}

void tw_empty(tabw *t)
{
	separate(t);
}

void tw_endrow(tabw *t)
{
	putc('\n', t->f);
	t->fields = 0;
}

void tw_header(tabw *t, const char *const *names)
{
	for (; *names; names++)
		tw_cstr(t, *names);
	tw_endrow(t);
}
