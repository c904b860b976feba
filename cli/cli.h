/*
** cli.h — what the dyad command's files share: the command table entry,
** common options, and the loop that feeds every input article to a
** command. The CLI uses only the public header dyad.h.
*/
#ifndef DYAD_CLI_H
#define DYAD_CLI_H

#include <stdio.h>

#include "dyad.h"

/* Exit codes, as documented in `dyad --help`. */
enum { EXIT_OK = 0, EXIT_SOME_FAILED = 1, EXIT_USAGE = 2 };

typedef struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary; /* one line for `dyad --help` */
	const char *help;    /* full text for `dyad help NAME` */
} command;

/* Options every article-reading command takes. */
typedef struct cli_opts {
	const char *data_dir; /* --data DIR */
	char **inputs;        /* paths, "-" for stdin */
	int ninputs;
} cli_opts;

/* Called once per article; returns 0 to go on, -1 to stop (write error). */
typedef int (*doc_fn)(const dyad_doc *doc, const dyad_input *in, void *arg);

/*
** Loads the engine, reads every input, processes each article and hands
** it to fn. Reports each failure on stderr as "dyad: where: why" and goes
** on. Returns the exit code.
*/
int cli_each_doc(const cli_opts *o, doc_fn fn, void *arg);

/* Prints "dyad: " and the message to stderr. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

/* Usage error: message, a hint, and EXIT_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Flushes stdout and turns a write error into a message and exit 1. */
int cli_finish_output(int code);

extern const command cmd_sentences;

#endif
