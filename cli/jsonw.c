/*
** jsonw.c — the CLI's JSON writer (see jsonw.h).
**
** Output is the CLI's hot path after the library itself: a sentence
** object is a dozen small writes, so bytes are copied into the writer's
** own buffer in runs and stdio is called once per JW_BUFSZ bytes, not
** once per character. Escaping follows RFC 8259 with its short forms
** (\n, \t, ...) and \u00XX for the other control characters.
*/
#include <assert.h>
#include <errno.h>
#include <string.h>

#include "jsonw.h"

/* Hands n bytes to the FILE, unless a write has already failed: output
** after a failure would leave a hole in the stream, so it is dropped. */
static void write_out(jsonw *w, const char *p, size_t n)
{
	if (w->err || n == 0)
		return;
	errno = 0;
	if (fwrite(p, 1, n, w->f) != n)
		w->err = errno ? errno : EIO;
}

static void drain(jsonw *w)
{
	write_out(w, w->buf, w->len);
	w->len = 0;
}

/* Appends n bytes; a run longer than the buffer goes out directly. */
static void put(jsonw *w, const char *p, size_t n)
{
	if (n == 0)
		return;
	if (n > JW_BUFSZ - w->len) {
		drain(w);
		if (n > JW_BUFSZ) {
			write_out(w, p, n);
			return;
		}
	}
	memcpy(w->buf + w->len, p, n);
	w->len += n;
}

static void put1(jsonw *w, char c)
{
	if (w->len == JW_BUFSZ)
		drain(w);
	w->buf[w->len++] = c;
}

/*
** Length of the well-formed UTF-8 sequence at s (n bytes available), or
** 0. Overlong forms, surrogates and code points past U+10FFFF are not
** well formed (Unicode table 3-7), so they are refused here.
*/
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0], lo = 0x80, hi = 0xBF;
	size_t len, i;

	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		lo = c == 0xE0 ? 0xA0 : lo;
		hi = c == 0xED ? 0x9F : hi;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		lo = c == 0xF0 ? 0x90 : lo;
		hi = c == 0xF4 ? 0x8F : hi;
	} else {
		return 0;
	}
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return len;
}

/* The escape for one byte that cannot be copied: a quote, a backslash,
** a control character, or (c >= 0x80) a byte of broken UTF-8. */
static void put_escape(jsonw *w, unsigned c)
{
	static const char hex[] = "0123456789abcdef";
	char u[6] = { '\\', 'u', '0', '0', 0, 0 };

	switch (c) {
	case '"': put(w, "\\\"", 2); return;
	case '\\': put(w, "\\\\", 2); return;
	case '\b': put(w, "\\b", 2); return;
	case '\f': put(w, "\\f", 2); return;
	case '\n': put(w, "\\n", 2); return;
	case '\r': put(w, "\\r", 2); return;
	case '\t': put(w, "\\t", 2); return;
	default: break;
	}
	if (c >= 0x80) {
		put(w, "\\ufffd", 6);
		return;
	}
	u[4] = hex[c >> 4];
	u[5] = hex[c & 15];
	put(w, u, sizeof u);
}

void jw_string(jsonw *w, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, start = 0, len;

	put1(w, '"');
	if (n == 0) { /* s may then be NULL, where even s + 0 is undefined */
		put1(w, '"');
		return;
	}
	while (i < n) {
		unsigned c = u[i];

		/* Copyable bytes accumulate in a run written in one piece. */
		if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F) {
			if (c < 0x80) {
				i++;
				continue;
			}
			if ((len = utf8_len(u + i, n - i)) != 0) {
				i += len;
				continue;
			}
		}
		put(w, s + start, i - start);
		put_escape(w, c);
		start = ++i;
	}
	put(w, s + start, i - start);
	put1(w, '"');
}

void jw_init(jsonw *w, FILE *f)
{
	w->f = f;
	w->len = 0;
	w->err = 0;
	w->depth = 0;
}

/* Comma and key before a member; key is NULL exactly when the enclosing
** level is an array or there is none. */
static void member(jsonw *w, const char *key)
{
	assert((key != NULL) == (w->depth > 0 && w->close[w->depth - 1] == '}'));
	if (w->depth > 0) {
		if (w->more[w->depth - 1])
			put1(w, ',');
		w->more[w->depth - 1] = 1;
	}
	if (key) {
		put1(w, '"');
		put(w, key, strlen(key));
		put(w, "\":", 2);
	}
}

static void open_level(jsonw *w, const char *key, char open, char close)
{
	member(w, key);
	assert(w->depth < JW_MAXDEPTH);
	put1(w, open);
	w->close[w->depth] = close;
	w->more[w->depth] = 0;
	w->depth++;
}

void jw_object(jsonw *w, const char *key)
{
	open_level(w, key, '{', '}');
}

void jw_array(jsonw *w, const char *key)
{
	open_level(w, key, '[', ']');
}

void jw_close(jsonw *w)
{
	assert(w->depth > 0);
	w->depth--;
	put1(w, w->close[w->depth]);
}

void jw_endline(jsonw *w)
{
	assert(w->depth == 0);
	put1(w, '\n');
}

void jw_str(jsonw *w, const char *key, const char *s, size_t n)
{
	member(w, key);
	jw_string(w, s, n);
}

void jw_cstr(jsonw *w, const char *key, const char *s)
{
	member(w, key);
	jw_string(w, s, strlen(s));
}

void jw_cstr_or_null(jsonw *w, const char *key, const char *s)
{
	if (s && *s)
		jw_cstr(w, key, s);
	else
		jw_null(w, key);
}

void jw_uint(jsonw *w, const char *key, unsigned long long v)
{
	char tmp[24], *p = tmp + sizeof tmp;

	member(w, key);
	do
		*--p = (char)('0' + v % 10);
	while (v /= 10);
	put(w, p, (size_t)(tmp + sizeof tmp - p));
}

/* A number in [0, 1] or so, to two decimals: confidences. */
void jw_fixed2(jsonw *w, const char *key, double v)
{
	char tmp[32];
	int n = snprintf(tmp, sizeof tmp, "%.2f", v);

	member(w, key);
	put(w, tmp, n > 0 && (size_t)n < sizeof tmp ? (size_t)n : 0);
}

void jw_fixed4(jsonw *w, const char *key, double v)
{
	char tmp[48];
	int n = snprintf(tmp, sizeof tmp, "%.4f", v);

	member(w, key);
	put(w, tmp, n > 0 && (size_t)n < sizeof tmp ? (size_t)n : 0);
}

void jw_bool(jsonw *w, const char *key, int v)
{
	member(w, key);
	put(w, v ? "true" : "false", v ? 4 : 5);
}

void jw_null(jsonw *w, const char *key)
{
	member(w, key);
	put(w, "null", 4);
}

int jw_flush(jsonw *w)
{
	drain(w);
	if (!w->err) {
		errno = 0;
		if (fflush(w->f) != 0 || ferror(w->f))
			w->err = errno ? errno : EIO;
	}
	return w->err ? -1 : 0;
}
