/*
** main.c — the dyad command: dispatch, global options, help and version.
**
** A thin layer over libdyad, as jq's main.c is over libjq. Each command
** lives in its own cmd_*.c file and is one entry in the table below, with
** its one-line summary and its full help; adding a command is adding a
** file and a line here. Reading, normalizing and coding are the library's.
*/
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int run_help(const cli_command *self, int argc, char **argv);

static const cli_command cmd_help = {
	"help", run_help,
	"show help for dyad or for one command",
	"Usage: dyad help [COMMAND]\n"
	"\n"
	"Without COMMAND, prints the list of commands and the global options;\n"
	"with one, prints that command's full help: what it does, its options,\n"
	"its inputs, the keys of its output and its exit status. The same text\n"
	"is printed by 'dyad COMMAND --help'.\n"
	"\n"
	"Exit status: 0; 2 when COMMAND does not exist.\n"
	"\n"
	"Example:\n"
	"  dyad help sentences\n",
};

/* Every command, in the order `dyad --help` lists them. */
static const cli_command *const commands[] = {
	&cmd_sentences,
	&cmd_actors,
	&cmd_code,
	&cmd_ingest,
	&cmd_events,
	&cmd_export,
	&cmd_stats,
	&cmd_check,
	&cmd_help,
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const cli_command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

static void usage(FILE *f)
{
	size_t i;

	fputs("Usage: dyad [--help | --version] COMMAND [OPTIONS] [INPUT...]\n"
	      "\n"
	      "dyad turns news articles into political event data: who did what\n"
	      "to whom, when and where, with the source sentence behind every\n"
	      "record.\n"
	      "\n"
	      "Commands:\n", f);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-12s %s\n", commands[i]->name, commands[i]->summary);
	fputs("\n"
	      "Global options:\n"
	      "  -h, --help     show this help ('dyad help COMMAND' for a command)\n"
	      "  -V, --version  print the version\n"
	      "\n"
	      "Commands that read articles take files, directories, JSONL feeds,\n"
	      "any of them gzip-compressed, or - for standard input, and the\n"
	      "option --data DIR for dyad's data files (default: $DYAD_DATA, else\n"
	      "the directory chosen when dyad was built).\n"
	      "\n"
	      "Exit status: 0 all went well; 1 some input or article failed, the\n"
	      "data could not be loaded, or the output could not be written (each\n"
	      "reported on standard error); 2 usage error.\n", f);
}

/* `dyad help [COMMAND]`, also reached as `dyad --help [COMMAND]`. */
static int run_help(const cli_command *self, int argc, char **argv)
{
	const cli_command *c;

	if (argc < 2) {
		usage(stdout);
		return cli_finish(CLI_OK, NULL);
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)
		return cli_help(self);
	if (argc > 2)
		return cli_usage_error(self, "one command at a time");
	c = find_command(argv[1]);
	if (!c)
		return cli_usage_error(NULL, "no such command '%s'", argv[1]);
	return cli_help(c);
}

int main(int argc, char **argv)
{
	static char outbuf[256 * 1024];
	const cli_command *c;
	const char *a;

	/* Output is written in large blocks; a write error (a closed pipe
	** included: SIGPIPE would kill us silently) is reported at the end
	** by cli_finish. */
	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	signal(SIGPIPE, SIG_IGN);
	if (argc < 2) {
		usage(stderr);
		return CLI_USAGE;
	}
	a = argv[1];
	if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
		return run_help(&cmd_help, argc - 1, argv + 1);
	if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
		printf("dyad %s\n", dyad_version());
		return cli_finish(CLI_OK, NULL);
	}
	if (a[0] == '-')
		return cli_usage_error(NULL, "unknown option '%s'", a);
	c = find_command(a);
	if (!c)
		return cli_usage_error(NULL, "unknown command '%s'", a);
	return c->run(c, argc - 1, argv + 1);
}
