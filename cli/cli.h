/*
** cli.h — what the files of the dyad command share.
**
** The command is a thin layer over libdyad: main.c dispatches through a
** table of cli_command entries, one cmd_*.c file per command, and every
** command that reads articles uses the same option parser and the same
** article loop (cli.c), so inputs, --data, error messages and exit codes
** behave alike across commands. Nothing here includes more of the
** library than the public header dyad.h.
*/
#ifndef DYAD_CLI_H
#define DYAD_CLI_H

#include "dyad.h"
#include "jsonw.h"

/* Exit codes, as documented in `dyad --help`. */
enum {
	CLI_OK = 0,     /* everything read, processed and written */
	CLI_FAILED = 1, /* some input or article failed, data would not load,
			** or the output could not be written */
	CLI_USAGE = 2   /* bad command line; nothing was read */
};

/* cli_parse: the arguments are fine, run the command. */
#define CLI_RUN (-1)

typedef struct cli_command {
	const char *name;    /* as typed after "dyad" */
	int (*run)(const struct cli_command *self, int argc, char **argv);
			     /* argv[0] is the command name; returns an exit code */
	const char *summary; /* one line for `dyad --help` */
	const char *help;    /* full text for `dyad help NAME`, NAME --help */
} cli_command;

/* One option of a command, for cli_parse. */
typedef struct cli_option {
	const char *name;   /* "--tokens" */
	int *flag;          /* set to 1 when given; NULL if the option takes
			    ** a value */
	const char **value; /* receives the value of "--name V" or
			    ** "--name=V"; NULL for a flag */
} cli_option;

/* What an article-reading command was asked to read. */
typedef struct cli_inputs {
	const char *data_dir; /* --data DIR, or NULL for the default */
	char **paths;         /* operands in order ("-" is standard input);
			      ** points into the command's argv */
	int npaths;           /* operands */
	int actors;           /* load the actor dictionaries */
	int no_default_dicts; /* --no-default-dicts */
	int strict;           /* --strict: dictionary warnings are fatal */
	const char **dicts;   /* --dict PATHs, NULL-terminated, or NULL */
	int events;           /* load the verb patterns too (implies actors) */
	int one_sentence;     /* --one-sentence: each article is one sentence */
	const char *gazetteer; /* --gazetteer PATH, or NULL for the default */
} cli_inputs;

/*
** Parses a command's arguments: its own options (opts, ended by a NULL
** name), the common ones (--data DIR, -h/--help) and at least one input
** operand. Options and operands may be mixed; "--" ends the options.
** Returns CLI_RUN, or the exit code to return at once: CLI_OK after
** printing help, CLI_USAGE after reporting a bad command line. argv is
** reordered in place.
*/
int cli_parse(const cli_command *cmd, int argc, char **argv,
	      const cli_option *opts, cli_inputs *in);

/*
** Parses the options of a command that reads no articles (the store's
** queries): only opts and -h/--help, no operands. Returns CLI_RUN, or
** the exit code to return at once.
*/
int cli_parse_options(const cli_command *cmd, int argc, char **argv,
		      const cli_option *opts);

/*
** Takes every "--dict PATH" / "--dict=PATH" out of argv into dicts, which
** has room for argc + 1 pointers, and NULL-terminates it: the option may
** be repeated, which cli_parse does not do. Arguments after "--" are
** left alone. Returns the new argc, or -1 after a usage error.
*/
int cli_take_dicts(const cli_command *cmd, int argc, char **argv,
		   const char **dicts);

/* Loads the engine (reporting dictionary problems) and makes a context
** and a reader. Returns 0, or -1 after reporting; the caller frees what
** was made either way. */
int cli_open(const cli_inputs *in, dyad_engine **eng, dyad_ctx **ctx, dyad_reader **rd);

/* Queues every input; a path the reader refuses at once is reported and
** left out. Returns nonzero when one was. */
int cli_queue(dyad_reader *rd, const cli_inputs *in);

/* Called for each article processed; in is where it came from. Returns 0
** to go on, -1 to stop the batch. */
typedef int (*cli_doc_fn)(const dyad_doc *doc, const dyad_input *in, void *arg);

/*
** The article loop: loads the engine, reads every input, processes each
** article and hands it to fn. Each failure is reported on stderr as
** "dyad: where: why" and the batch goes on; the loop stops early only
** when writing out fails. Flushes out and returns the exit code.
*/
int cli_each_doc(const cli_inputs *in, jsonw *out, cli_doc_fn fn, void *arg);

/* A message about one article, "dyad: ORIGIN[:LINE]: msg", after the
** output of earlier articles pending in out (may be NULL). */
void cli_report_item(jsonw *out, const dyad_input *item, const char *msg);

/* "dyad: " and the message on stderr, after flushing standard output so
** that a terminal shows messages next to the output they concern. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

/* Reports a bad command line with a hint to the right help (cmd NULL:
** the top level) and returns CLI_USAGE. */
int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Prints cmd's full help on stdout; returns the exit code. */
int cli_help(const cli_command *cmd);

/*
** Ends the output: flushes out (may be NULL) and stdout, and turns a
** write error (a closed pipe, a full disk) into a message and CLI_FAILED.
** Otherwise returns code.
*/
int cli_finish(int code, jsonw *out);

/* The commands, one per cmd_*.c file. */
extern const cli_command cmd_sentences;
extern const cli_command cmd_actors;
extern const cli_command cmd_code;
extern const cli_command cmd_ingest;
extern const cli_command cmd_events;
extern const cli_command cmd_export;
extern const cli_command cmd_stats;
extern const cli_command cmd_check;

#endif /* DYAD_CLI_H */
