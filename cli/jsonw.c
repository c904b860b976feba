/*
** jsonw.c — JSON string escaping and JSONL object writing for the CLI.
**
** Output must always be valid JSON whatever the input held: control bytes
** are escaped as \uXXXX and bytes that are not UTF-8 (the library repairs
** article text, but ids and paths come from outside) become U+FFFD.
*/
#include <string.h>

#include "jsonw.h"

/* Length of a valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_ok(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned c = s[0];
	unsigned long v;

	if (c >= 0xC2 && c <= 0xDF)
		len = 2, v = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, v = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, v = c & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
	    (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	return len;
}

void jw_string(FILE *f, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0;

	putc('"', f);
	while (i < n) {
		unsigned c = u[i];
		size_t len;
		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
			i++;
			run++;
			continue;
		}
		fwrite(u + i - run, 1, run, f);
		run = 0;
		if (c == '"' || c == '\\') {
			putc('\\', f);
			putc((int)c, f);
			i++;
		} else if (c < 0x20 || c == 0x7F) {
			static const char *const esc[] = { [8] = "\\b", [9] = "\\t",
				[10] = "\\n", [12] = "\\f", [13] = "\\r" };
			if (c < 14 && esc[c])
				fputs(esc[c], f);
			else
				fprintf(f, "\\u%04x", c);
			i++;
		} else if ((len = utf8_ok(u + i, n - i)) != 0) {
			fwrite(u + i, 1, len, f);
			i += len;
		} else {
			fputs("\xEF\xBF\xBD", f);
			i++;
		}
	}
	fwrite(u + i - run, 1, run, f);
	putc('"', f);
}

void jw_begin(jsonw *w, FILE *f)
{
	w->f = f;
	w->first = 1;
	putc('{', f);
}

void jw_end(jsonw *w)
{
	fputs("}\n", w->f);
}

void jw_key(jsonw *w, const char *key)
{
	if (!w->first)
		putc(',', w->f);
	w->first = 0;
	jw_string(w->f, key, strlen(key));
	putc(':', w->f);
}

void jw_str(jsonw *w, const char *key, const char *s, size_t n)
{
	jw_key(w, key);
	jw_string(w->f, s, n);
}

void jw_cstr(jsonw *w, const char *key, const char *s)
{
	jw_key(w, key);
	if (s && *s)
		jw_string(w->f, s, strlen(s));
	else
		fputs("null", w->f);
}

void jw_int(jsonw *w, const char *key, long long v)
{
	jw_key(w, key);
	fprintf(w->f, "%lld", v);
}
