/*
** cli.c — what every dyad command shares: option parsing, the article
** loop, messages and the end of output.
**
** One engine, one context and one reader serve a whole run. Every reader
** item and every article is independent: a failure is reported with where
** it came from and the batch goes on, and the exit code says whether
** anything failed. Only two things stop a batch early: running out of
** memory, which no later article would escape, and a failed write, after
** which nothing printed could reach the reader anyway.
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

int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("dyad: ", stderr);
	if (cmd)
		fprintf(stderr, "%s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'dyad %s%s--help' for more information.\n",
		cmd ? cmd->name : "", cmd ? " " : "");
	return CLI_USAGE;
}

int cli_help(const cli_command *cmd)
{
	fputs(cmd->help, stdout);
	return cli_finish(CLI_OK, NULL);
}

int cli_finish(int code, jsonw *out)
{
	int e = 0;

	if (out && jw_flush(out) != 0)
		e = out->err;
	if (!e) {
		errno = 0;
		if (fflush(stdout) != 0 || ferror(stdout))
			e = errno ? errno : EIO;
	}
	if (!e)
		return code;
	cli_error("error writing standard output: %s", strerror(e));
	return CLI_FAILED;
}

/* ------------------------------------------------------------------ */
/* Options                                                             */
/* ------------------------------------------------------------------ */

/* 1 when arg is "--name", 2 when it is "--name=VALUE", else 0. */
static int match(const char *arg, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(arg, name, n) != 0)
		return 0;
	return arg[n] == '\0' ? 1 : arg[n] == '=' ? 2 : 0;
}

static const cli_option *find_option(const cli_option *opts, const char *arg,
				     const cli_option *common)
{
	for (; opts && opts->name; opts++)
		if (match(arg, opts->name))
			return opts;
	return match(arg, common->name) ? common : NULL;
}

/* Applies option o found at argv[*i], taking its value from the next
** argument when it was not given as "--name=VALUE". Returns 0, or
** CLI_USAGE after reporting. */
static int take_option(const cli_command *cmd, int argc, char **argv, int *i,
		       const cli_option *o)
{
	const char *arg = argv[*i];
	const int inline_value = match(arg, o->name) == 2;

	if (o->flag) {
		if (inline_value)
			return cli_usage_error(cmd, "option '%s' takes no value", o->name);
		*o->flag = 1;
	} else if (inline_value) {
		*o->value = arg + strlen(o->name) + 1;
	} else if (*i + 1 < argc) {
		*o->value = argv[++*i];
	} else {
		return cli_usage_error(cmd, "option '%s' needs a value", o->name);
	}
	return 0;
}

int cli_take_dicts(const cli_command *cmd, int argc, char **argv,
		   const char **dicts)
{
	int i, o = 1, nd = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < argc)
				argv[o++] = argv[i++];
			break;
		}
		if (strcmp(argv[i], "--dict") == 0) {
			if (i + 1 >= argc) {
				cli_usage_error(cmd, "option '--dict' needs a value");
				return -1;
			}
			dicts[nd++] = argv[++i];
		} else if (strncmp(argv[i], "--dict=", 7) == 0) {
			dicts[nd++] = argv[i] + 7;
		} else {
			argv[o++] = argv[i];
		}
	}
	dicts[nd] = NULL;
	return o;
}

int cli_parse(const cli_command *cmd, int argc, char **argv,
	      const cli_option *opts, cli_inputs *in)
{
	const cli_option data = { "--data", NULL, &in->data_dir };
	int i, operands_only = 0;

	in->data_dir = NULL;
	in->paths = argv + 1; /* operands are packed in place: never ahead of i */
	in->npaths = 0;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const cli_option *o;

		/* "-" alone is an operand: standard input. */
		if (operands_only || a[0] != '-' || a[1] == '\0') {
			in->paths[in->npaths++] = argv[i];
		} else if (strcmp(a, "--") == 0) {
			operands_only = 1;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			return cli_help(cmd);
		} else if ((o = find_option(opts, a, &data)) == NULL) {
			return cli_usage_error(cmd, "unknown option '%s'", a);
		} else if (take_option(cmd, argc, argv, &i, o) != 0) {
			return CLI_USAGE;
		}
	}
	/* Standard input only when asked for: a forgotten argument should not
	** leave the command waiting silently on a terminal. */
	if (in->npaths == 0)
		return cli_usage_error(cmd, "no input given (name files or "
				       "directories, or - for standard input)");
	return CLI_RUN;
}

int cli_parse_options(const cli_command *cmd, int argc, char **argv,
		      const cli_option *opts)
{
	const cli_option none = { "--help", NULL, NULL };
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const cli_option *o;

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
			return cli_help(cmd);
		if (a[0] != '-' || a[1] == '\0')
			return cli_usage_error(cmd, "unexpected argument '%s'", a);
		if ((o = find_option(opts, a, &none)) == NULL || o == &none)
			return cli_usage_error(cmd, "unknown option '%s'", a);
		if (take_option(cmd, argc, argv, &i, o) != 0)
			return CLI_USAGE;
	}
	return CLI_RUN;
}

/* ------------------------------------------------------------------ */
/* The article loop                                                    */
/* ------------------------------------------------------------------ */

/* Pending output goes first, so the message follows the output of
** earlier articles. */
void cli_report_item(jsonw *out, const dyad_input *item, const char *msg)
{
	const char *origin = item->origin ? item->origin : "-";

	if (out)
		jw_flush(out);
	if (item->origin_line)
		cli_error("%s:%zu: %s", origin, item->origin_line, msg);
	else
		cli_error("%s: %s", origin, msg);
}

/* Processes one article and hands it to fn. Returns 0 to go on, -1 to
** stop the batch; sets *failed when the article could not be processed. */
static int process_one(dyad_ctx *ctx, const dyad_input *item, jsonw *out,
		       cli_doc_fn fn, void *arg, int *failed)
{
	const dyad_doc *doc;
	dyad_doc_info info;
	char msg[128];
	const dyad_status st = dyad_ctx_process(ctx, item, &doc);

	if (st != DYAD_OK) {
		const char *why = dyad_errmsg(ctx);

		cli_report_item(out, item, *why ? why : dyad_strerror(st));
		*failed = 1;
		return st == DYAD_NOMEM ? -1 : 0;
	}
	dyad_doc_get_info(doc, &info);
	if (info.invalid_utf8 > 0) {
		snprintf(msg, sizeof msg,
			 "warning: %zu invalid UTF-8 sequence%s replaced with U+FFFD",
			 info.invalid_utf8, info.invalid_utf8 == 1 ? "" : "s");
		cli_report_item(out, item, msg);
	}
	return fn(doc, item, arg);
}

/* Reads every queued input to the end, or until the batch must stop.
** Returns nonzero when anything failed. */
static int read_all(dyad_reader *rd, dyad_ctx *ctx, jsonw *out, cli_doc_fn fn,
		    void *arg)
{
	dyad_input item;
	dyad_status st;
	int failed = 0;

	while ((st = dyad_reader_next(rd, &item)) != DYAD_DONE) {
		if (st != DYAD_OK) {
			jw_flush(out);
			cli_error("%s", dyad_reader_errmsg(rd));
			failed = 1;
			if (st == DYAD_NOMEM)
				break;
			continue;
		}
		if (process_one(ctx, &item, out, fn, arg, &failed) != 0 || out->err)
			break;
	}
	return failed;
}

/* Every dictionary problem, file:line:col: reason, on stderr; with
** --strict any of them stops the run. */
static int report_dicts(const dyad_engine *eng, const cli_inputs *in)
{
	size_t n = dyad_engine_diag_count(eng), i;

	for (i = 0; i < n; i++)
		cli_error("%s", dyad_engine_diag(eng, i));
	if (n && in->strict) {
		cli_error("%zu dictionary problem%s and --strict: stopping", n, n == 1 ? "" : "s");
		return -1;
	}
	return 0;
}

int cli_open(const cli_inputs *in, dyad_engine **eng, dyad_ctx **ctx,
		    dyad_reader **rd)
{
	const dyad_config cfg = { .data_dir = in->data_dir, .actors = in->actors,
				  .no_default_dicts = in->no_default_dicts,
				  .dicts = in->dicts, .events = in->events,
				  .one_sentence = in->one_sentence,
				  .gazetteer = in->gazetteer };
	dyad_status st = dyad_engine_new(&cfg, eng);

	if (st != DYAD_OK) {
		const char *why = *eng ? dyad_engine_errmsg(*eng) : "";

		cli_error("%s", *why ? why : dyad_strerror(st));
		return -1;
	}
	if (report_dicts(*eng, in) != 0)
		return -1;
	if ((st = dyad_ctx_new(*eng, ctx)) != DYAD_OK ||
	    (st = dyad_reader_new(rd)) != DYAD_OK) {
		cli_error("%s", dyad_strerror(st));
		return -1;
	}
	return 0;
}

int cli_queue(dyad_reader *rd, const cli_inputs *in)
{
	int i, failed = 0;

	for (i = 0; i < in->npaths; i++) {
		const dyad_status st = dyad_reader_add(rd, in->paths[i]);

		if (st != DYAD_OK) {
			cli_error("%s: %s", in->paths[i], dyad_strerror(st));
			failed = 1;
		}
	}
	return failed;
}

int cli_each_doc(const cli_inputs *in, jsonw *out, cli_doc_fn fn, void *arg)
{
	dyad_engine *eng = NULL;
	dyad_ctx *ctx = NULL;
	dyad_reader *rd = NULL;
	int code = CLI_FAILED;

	if (cli_open(in, &eng, &ctx, &rd) == 0) {
		const int bad_path = cli_queue(rd, in);
		const int bad_item = read_all(rd, ctx, out, fn, arg);

		code = bad_path || bad_item ? CLI_FAILED : CLI_OK;
	}
	dyad_reader_free(rd);
	dyad_ctx_free(ctx);
	dyad_engine_free(eng);
	return cli_finish(code, out);
}
