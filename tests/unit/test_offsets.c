/*
** test_offsets.c — the offset map, proved on every text we have.
**
** For every sentence of every golden case, bundled example and seed
** article: the original bytes [start, end) must normalize (with
** dyad_ctx_normalize, the fragment normalizer) to exactly the printed
** sentence text; sentences must be in order, inside the text and apart;
** each token's span must lie inside its sentence's span. One check per
** document, with the first mismatch shown.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"
#include "tap.h"

static dyad_ctx *ctx;

/* Checks one sentence; writes why it fails into why (empty if fine). */
static void check_sentence(const dyad_doc *doc, const dyad_doc_info *info, size_t i,
			   size_t *prev_end, char *why, size_t cap)
{
	dyad_sentence s;
	const char *norm;
	size_t n, t;

	dyad_doc_sentence(doc, i, &s);
	if (s.start >= s.end || s.end > info->text_len || s.start < *prev_end) {
		snprintf(why, cap, "sentence %zu span [%zu,%zu) out of order or bounds", i,
			 s.start, s.end);
		return;
	}
	*prev_end = s.end;
	if (dyad_ctx_normalize(ctx, info->text + s.start, s.end - s.start, &norm, &n) != DYAD_OK ||
	    n != s.text_len || memcmp(norm, s.text, n) != 0) {
		snprintf(why, cap, "sentence %zu: [%zu,%zu) normalizes to \"%.*s\", printed \"%.*s\"",
			 i, s.start, s.end, (int)(n > 200 ? 200 : n), norm,
			 (int)(s.text_len > 200 ? 200 : s.text_len), s.text);
		return;
	}
	for (t = 0; t < s.n_tokens; t++) {
		dyad_token tk;
		dyad_doc_token(doc, i, t, &tk);
		if (tk.start < s.start || tk.end > s.end || tk.start >= tk.end) {
			snprintf(why, cap, "sentence %zu token %zu span [%zu,%zu) outside [%zu,%zu)",
				 i, t, tk.start, tk.end, s.start, s.end);
			return;
		}
	}
}

static void check_text(const char *name, const char *text, size_t len)
{
	dyad_input in;
	const dyad_doc *doc;
	dyad_doc_info info;
	char why[600] = "", what[300];
	size_t i, prev = 0;

	memset(&in, 0, sizeof in);
	in.text = text;
	in.text_len = len;
	snprintf(what, sizeof what, "offset map holds for %s", name);
	if (dyad_ctx_process(ctx, &in, &doc) != DYAD_OK) {
		CHECK(0, what);
		printf("#   %s\n", dyad_errmsg(ctx));
		return;
	}
	dyad_doc_get_info(doc, &info);
	for (i = 0; i < info.n_sentences && !why[0]; i++)
		check_sentence(doc, &info, i, &prev, why, sizeof why);
	CHECK(!why[0] && info.n_sentences > 0, what);
	if (why[0])
		printf("#   %s\n", why);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* The input section of a .case file: after "--- input\n", up to
** "\n--- expected\n". */
static void check_case(const char *path)
{
	size_t len;
	char *buf = slurp(path, &len), *a, *b;

	if (!buf)
		return;
	buf[len] = '\0';
	a = strstr(buf, "\n--- input\n");
	b = a ? strstr(a, "\n--- expected\n") : NULL;
	if (a && b && b > a + 11)
		check_text(path, a + 11, (size_t)(b - (a + 11)));
	free(buf);
}

static void check_dir(const char *dir, const char *suffix, int cases)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort), i;

	if (n < 0) {
		printf("ok %d - # SKIP %s absent\n", ++tap_n, dir);
		return;
	}
	for (i = 0; i < n; i++) {
		char path[1024];
		size_t len, sl = strlen(suffix), nl = strlen(names[i]->d_name);
		char *buf;
		if (nl > sl && strcmp(names[i]->d_name + nl - sl, suffix) == 0) {
			snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
			if (cases) {
				check_case(path);
			} else if ((buf = slurp(path, &len)) != NULL) {
				check_text(path, buf, len);
				free(buf);
			}
		}
		free(names[i]);
	}
	free(names);
}

int main(void)
{
	dyad_engine *eng;

	if (dyad_engine_new(NULL, &eng) != DYAD_OK || dyad_ctx_new(eng, &ctx) != DYAD_OK) {
		printf("not ok 1 - engine: %s\n", dyad_engine_errmsg(eng));
		return 1;
	}
	check_dir("tests/cases", ".case", 1);
	check_dir("examples", ".txt", 0);
	check_dir("../shared/seeds", ".txt", 0);
	dyad_ctx_free(ctx);
	dyad_engine_free(eng);
	return tap_done();
}
