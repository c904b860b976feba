/*
** test_offsets.c — the offset map, proved on every text we have.
**
** The promise in dyad.h: a sentence's original bytes [start, end), given
** to dyad_ctx_normalize (the fragment normalizer), come out as exactly
** the printed sentence text. This test holds the library to it on the
** input of every golden case (the .case files in tests/cases), every
** bundled example (the .txt files in examples, and its .jsonl files read
** through dyad_reader) and the .txt seed articles in ../shared/seeds when
** that folder is present (a skip when it is not). It
** also checks that sentences lie inside the text, in increasing order,
** without overlap, and that each token's span lies inside its sentence's.
**
** Public API only. One check per document, with the first problem shown
** as a "#" line, so the output stays short however many sentences there
** are.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"
#include "tap.h"

#define WHY_MAX 800

/* Shows at most 160 bytes of a counted string in a diagnostic. */
#define SHOWN(n) ((int)((n) > 160 ? 160 : (n)))

/* Checks the tokens of sentence i; writes the first problem into why. */
static void check_tokens(const dyad_doc *doc, size_t i, const dyad_sentence *s, char *why)
{
	size_t t;

	for (t = 0; t < s->n_tokens; t++) {
		dyad_token tk;
		if (dyad_doc_token(doc, i, t, &tk) != DYAD_OK) {
			snprintf(why, WHY_MAX, "sentence %zu: token %zu of %zu not found", i, t,
				 s->n_tokens);
			return;
		}
		if (tk.start >= tk.end || tk.start < s->start || tk.end > s->end) {
			snprintf(why, WHY_MAX,
				 "sentence %zu token %zu \"%.*s\": span [%zu,%zu) not inside [%zu,%zu)",
				 i, t, SHOWN(tk.text_len), tk.text, tk.start, tk.end, s->start, s->end);
			return;
		}
	}
}

/*
** Checks sentence i of doc: span in bounds and after *prev_end, original
** bytes normalizing to the sentence text, tokens inside. Writes the first
** problem into why (left empty when all is well).
*/
static void check_sentence(dyad_ctx *ctx, const dyad_doc *doc, const dyad_doc_info *info,
			   size_t i, size_t *prev_end, char *why)
{
	dyad_sentence s;
	const char *norm = NULL;
	size_t n = 0;
	dyad_status st;

	if (dyad_doc_sentence(doc, i, &s) != DYAD_OK) {
		snprintf(why, WHY_MAX, "sentence %zu of %zu not found", i, info->n_sentences);
		return;
	}
	if (s.start >= s.end || s.end > info->text_len) {
		snprintf(why, WHY_MAX, "sentence %zu: span [%zu,%zu) empty or past the text (%zu bytes)",
			 i, s.start, s.end, info->text_len);
		return;
	}
	if (s.start < *prev_end) {
		snprintf(why, WHY_MAX, "sentence %zu: span [%zu,%zu) overlaps or precedes the last (end %zu)",
			 i, s.start, s.end, *prev_end);
		return;
	}
	*prev_end = s.end;
	st = dyad_ctx_normalize(ctx, info->text + s.start, s.end - s.start, &norm, &n);
	if (st != DYAD_OK) {
		snprintf(why, WHY_MAX, "sentence %zu: dyad_ctx_normalize: %s", i, dyad_strerror(st));
		return;
	}
	if (n != s.text_len || memcmp(norm, s.text, n) != 0) {
		snprintf(why, WHY_MAX,
			 "sentence %zu: bytes [%zu,%zu) normalize to \"%.*s\" but the sentence reads \"%.*s\"",
			 i, s.start, s.end, SHOWN(n), norm, SHOWN(s.text_len), s.text);
		return;
	}
	check_tokens(doc, i, &s, why);
}

/* Processes one document and makes the one check for it. */
static void check_input(dyad_ctx *ctx, const char *name, const dyad_input *in)
{
	const dyad_doc *doc;
	dyad_doc_info info;
	char why[WHY_MAX] = "", what[1400];
	size_t i, prev = 0;
	dyad_status st;

	snprintf(what, sizeof what, "offset map holds for %s", name);
	st = dyad_ctx_process(ctx, in, &doc);
	if (st != DYAD_OK) {
		CHECK(0, what);
		printf("#   dyad_ctx_process: %s: %s\n", dyad_strerror(st), dyad_errmsg(ctx));
		return;
	}
	dyad_doc_get_info(doc, &info);
	if (info.text_len != in->text_len || memcmp(info.text, in->text, in->text_len) != 0)
		snprintf(why, sizeof why, "doc text differs from the input text (%zu vs %zu bytes)",
			 info.text_len, in->text_len);
	else if (info.n_sentences == 0)
		snprintf(why, sizeof why, "no sentences");
	for (i = 0; i < info.n_sentences && !why[0]; i++)
		check_sentence(ctx, doc, &info, i, &prev, why);
	CHECK(!why[0], what);
	if (why[0])
		printf("#   %s\n", why);
}

/* Processes bytes as one plain-text article. */
static void check_text(dyad_ctx *ctx, const char *name, const char *text, size_t len)
{
	dyad_input in;

	memset(&in, 0, sizeof in);
	in.text = text;
	in.text_len = len;
	in.origin = name;
	check_input(ctx, name, &in);
}

/* Reads a whole file; the buffer has a NUL after the *len bytes. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
		goto out;
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (buf) {
		buf[n] = '\0';
		*len = (size_t)n;
	}
out:
	fclose(f);
	return buf;
}

/* The input of a .case file: the bytes after the line "--- input" up to
** the newline before the line "--- expected". */
static void check_case(dyad_ctx *ctx, const char *path)
{
	size_t len;
	char *buf = slurp(path, &len);
	const char *a, *b;

	if (!buf) {
		CHECK(0, path);
		printf("#   cannot read %s\n", path);
		return;
	}
	a = strstr(buf, "\n--- input\n");
	b = a ? strstr(a + 10, "\n--- expected\n") : NULL;
	if (!a || !b) {
		CHECK(0, path);
		printf("#   %s: no '--- input' or '--- expected' line\n", path);
	} else {
		a += strlen("\n--- input\n");
		check_text(ctx, path, a, b >= a ? (size_t)(b - a) : 0);
	}
	free(buf);
}

/* Every article of a JSONL file, read with dyad_reader. */
static void check_jsonl(dyad_ctx *ctx, const char *path)
{
	dyad_reader *rd = NULL;
	dyad_input in;
	dyad_status st;
	char name[1200];

	if (dyad_reader_new(&rd) != DYAD_OK || dyad_reader_add(rd, path) != DYAD_OK) {
		CHECK(0, path);
		printf("#   cannot queue %s\n", path);
		dyad_reader_free(rd);
		return;
	}
	while ((st = dyad_reader_next(rd, &in)) != DYAD_DONE) {
		if (st != DYAD_OK) {
			CHECK(0, path);
			printf("#   %s\n", dyad_reader_errmsg(rd));
			continue;
		}
		snprintf(name, sizeof name, "%s:%zu (%.100s)", path, in.origin_line,
			 in.id ? in.id : "no id");
		check_input(ctx, name, &in);
	}
	dyad_reader_free(rd);
}

/* Does name end with suffix? */
static int ends_with(const char *name, const char *suffix)
{
	size_t nl = strlen(name), sl = strlen(suffix);

	return nl > sl && strcmp(name + nl - sl, suffix) == 0;
}

/* Checks every file of dir (in byte order of names) that ends with one of
** the suffixes; a missing dir is a skip. */
static void check_dir(dyad_ctx *ctx, const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort), i;

	if (n < 0) {
		char why[300];
		snprintf(why, sizeof why, "%s is absent", dir);
		SKIP(why);
		return;
	}
	for (i = 0; i < n; i++) {
		const char *nm = names[i]->d_name;
		char path[1024];
		size_t len;
		char *buf;

		snprintf(path, sizeof path, "%s/%s", dir, nm);
		if (ends_with(nm, ".case")) {
			check_case(ctx, path);
		} else if (ends_with(nm, ".jsonl")) {
			check_jsonl(ctx, path);
		} else if (ends_with(nm, ".txt") && (buf = slurp(path, &len)) != NULL) {
			check_text(ctx, path, buf, len);
			free(buf);
		}
		free(names[i]);
	}
	free(names);
}

int main(void)
{
	dyad_engine *eng = NULL;
	dyad_ctx *ctx = NULL;
	dyad_status st;

	st = dyad_engine_new(NULL, &eng);
	if (st != DYAD_OK) {
		printf("not ok 1 - engine: %s: %s\n", dyad_strerror(st),
		       eng ? dyad_engine_errmsg(eng) : "");
		dyad_engine_free(eng);
		return 1;
	}
	if (dyad_ctx_new(eng, &ctx) != DYAD_OK) {
		printf("not ok 1 - context\n");
		dyad_engine_free(eng);
		return 1;
	}
	check_dir(ctx, "tests/cases");
	check_dir(ctx, "examples");
	check_dir(ctx, "../shared/seeds");
	dyad_ctx_free(ctx);
	dyad_engine_free(eng);
	return tap_done();
}
