/*
** buf.c — growable byte vectors that live as long as a context.
**
** Large per-document arrays (normalized text, offset map, tokens) grow
** here instead of in the arena because their final size is unknown until
** the stage ends. They are reset, not freed, between documents, so a
** stream of articles reaches a steady state with no allocation.
*/
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>

#include "dyad_int.h"

int dyad__buf_reserve(dyad__buf *b, size_t extra)
{
	size_t need = b->len + extra;
	size_t cap;
	char *p;

	if (need < b->len)
		return -1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < need) {
		if (cap > ((size_t)-1) / 2)
			return -1;
		cap *= 2;
	}
	p = realloc(b->p, cap);
	if (!p)
		return -1;
	b->p = p;
	b->cap = cap;
	return 0;
}

/* dyad__buf_append's slow path: b must grow first. */
int dyad__buf_grow_append(dyad__buf *b, const void *s, size_t n)
{
	if (dyad__buf_reserve(b, n) != 0)
		return -1;
	if (n)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	return 0;
}

void dyad__buf_free(dyad__buf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}

size_t dyad__join(char *out, size_t cap, ...)
{
	size_t len = 0;
	const char *s;
	va_list ap;

	va_start(ap, cap);
	while ((s = va_arg(ap, const char *)) != NULL) {
		size_t n = strlen(s);
		if (n > cap - 1 - len)
			n = cap - 1 - len;
		memcpy(out + len, s, n);
		len += n;
	}
	va_end(ap);
	out[len] = '\0';
	return len;
}

size_t dyad__utoa(char *out, unsigned long v)
{
	char t[24];
	size_t i = sizeof t, n;

	do
		t[--i] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	n = sizeof t - i;
	memcpy(out, t + i, n);
	out[n] = '\0';
	return n;
}

void dyad__hex16(uint64_t h, char out[17])
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = 15; i >= 0; i--, h >>= 4)
		out[i] = digits[h & 15];
	out[16] = '\0';
}
