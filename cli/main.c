/*
** main.c — the dyad command: dispatch, global options and help.
**
** A thin layer over libdyad, as jq's main.c is over libjq: each command
** lives in its own cmd_*.c and is listed in the table below; everything
** else (reading, normalizing, coding) is the library's.
*/
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const command *const commands[] = {
	&cmd_sentences,
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const command *find(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

static int usage(FILE *f, int code)
{
	size_t i;

	fprintf(f,
		"Usage: dyad COMMAND [OPTIONS] INPUT...\n"
		"\n"
		"dyad turns news articles into political event data: who did what to\n"
		"whom, when and where, with the source sentence behind every record.\n"
		"\n"
		"Commands:\n");
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-12s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(f,
		"  %-12s %s\n"
		"\n"
		"Global options:\n"
		"  -h, --help     this text; 'dyad help COMMAND' for a command\n"
		"  -V, --version  print the version\n"
		"\n"
		"Environment: DYAD_DATA names the data directory (dictionaries, word\n"
		"lists); commands also take --data DIR.\n"
		"\n"
		"Exit status: 0 all went well; 1 some inputs or documents failed (each\n"
		"reported on standard error); 2 usage error.\n",
		"help", "show help for a command");
	return code;
}

static int help(int argc, char **argv)
{
	const command *c;

	if (argc < 2)
		return usage(stdout, EXIT_OK);
	c = find(argv[1]);
	if (!c)
		return cli_usage(NULL, "no such command '%s'", argv[1]);
	fputs(c->help, stdout);
	return cli_finish_output(EXIT_OK);
}

int main(int argc, char **argv)
{
	static char outbuf[1 << 16];
	const command *c;
	int i;

	setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
	if (argc < 2)
		return usage(stderr, EXIT_USAGE);
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)
		return cli_finish_output(usage(stdout, EXIT_OK));
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("dyad %s\n", dyad_version());
		return cli_finish_output(EXIT_OK);
	}
	if (strcmp(argv[1], "help") == 0)
		return help(argc - 1, argv + 1);
	c = find(argv[1]);
	if (!c)
		return cli_usage(NULL, "unknown command '%s'", argv[1]);
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(c->help, stdout);
			return cli_finish_output(EXIT_OK);
		}
	}
	return c->run(argc - 1, argv + 1);
}
