/*
** run.c — the article loop shared by the CLI's commands, and error
** reporting.
**
** One engine and one context serve the whole run. Every reader item and
** every article is independent: a failure is reported with where it came
** from and the batch goes on; the exit code says whether anything failed.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("dyad: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("dyad: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'dyad help%s%s' for more information.\n", cmd ? " " : "",
		cmd ? cmd : "");
	return EXIT_USAGE;
}

int cli_finish_output(int code)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("write error on standard output: %s", strerror(errno));
		return EXIT_SOME_FAILED;
	}
	return code;
}

/* "path" or "path:line" for messages about one article. */
static void where(const dyad_input *in, char *buf, size_t cap)
{
	const char *o = in->origin ? in->origin : "-";

	if (in->origin_line)
		snprintf(buf, cap, "%s:%zu", o, in->origin_line);
	else
		snprintf(buf, cap, "%s", o);
}

static int process_one(dyad_ctx *ctx, const dyad_input *in, doc_fn fn, void *arg,
		       int *failed)
{
	const dyad_doc *doc;
	dyad_doc_info info;
	char w[512];

	where(in, w, sizeof w);
	if (dyad_ctx_process(ctx, in, &doc) != DYAD_OK) {
		cli_error("%s: %s", w, dyad_errmsg(ctx));
		*failed = 1;
		return 0;
	}
	dyad_doc_get_info(doc, &info);
	if (info.invalid_utf8)
		cli_error("%s: warning: %zu invalid UTF-8 sequence%s replaced with U+FFFD", w,
			  info.invalid_utf8, info.invalid_utf8 == 1 ? "" : "s");
	return fn(doc, in, arg);
}

int cli_each_doc(const cli_opts *o, doc_fn fn, void *arg)
{
	dyad_config cfg = { o->data_dir };
	dyad_engine *eng = NULL;
	dyad_ctx *ctx = NULL;
	dyad_reader *rd = NULL;
	dyad_input in;
	dyad_status st;
	int failed = 0, i, code = EXIT_SOME_FAILED;

	if (dyad_engine_new(&cfg, &eng) != DYAD_OK) {
		cli_error("cannot load data: %s", dyad_engine_errmsg(eng));
		goto out;
	}
	if (dyad_ctx_new(eng, &ctx) != DYAD_OK || dyad_reader_new(&rd) != DYAD_OK) {
		cli_error("out of memory");
		goto out;
	}
	for (i = 0; i < o->ninputs; i++)
		dyad_reader_add(rd, o->inputs[i]);
	while ((st = dyad_reader_next(rd, &in)) != DYAD_DONE) {
		if (st != DYAD_OK) {
			cli_error("%s", dyad_reader_errmsg(rd));
			failed = 1;
			continue;
		}
		if (process_one(ctx, &in, fn, arg, &failed) != 0)
			break;
	}
	code = failed ? EXIT_SOME_FAILED : EXIT_OK;
out:
	dyad_reader_free(rd);
	dyad_ctx_free(ctx);
	dyad_engine_free(eng);
	return cli_finish_output(code);
}
