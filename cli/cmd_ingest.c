/*
** cmd_ingest.c — `dyad ingest`: articles in, rows in the SQLite store.
**
** Reads inputs as every article command does, and hands each article to
** dyad_store_ingest, which skips an article it already has unchanged,
** codes and writes the others, and commits in batches. On a terminal a
** progress line on standard error shows documents, event mentions and
** megabytes per second and, when the input size is known, the share done
** and the time left; a summary line ends every run.
*/
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* What one run counted. */
typedef struct ingest_run {
	dyad_store *store;
	size_t seen, added, replaced, unchanged, failed, mentions, dups;
	double bytes;        /* article text handed to the store */
	double total;        /* bytes of the input files, 0 when unknown */
	double t0, shown;    /* start, last progress line */
	int progress;        /* standard error is a terminal */
	int stop;            /* the store failed: no later article could go in */
} ingest_run;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* nftw has no context argument: the sum it adds to lives here. */
static double tree_bytes;

static int add_size(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)path;
	(void)ftw;
	if (type == FTW_F && S_ISREG(sb->st_mode))
		tree_bytes += (double)sb->st_size;
	return 0;
}

/* Bytes of all inputs, for the ETA; 0 when one is standard input or
** compressed (its text size is not known in advance). */
static double input_bytes(const cli_inputs *in)
{
	int i;

	tree_bytes = 0;
	for (i = 0; i < in->npaths; i++) {
		const char *p = in->paths[i];
		const size_t n = strlen(p);
		if (strcmp(p, "-") == 0 || (n > 3 && strcmp(p + n - 3, ".gz") == 0))
			return 0;
		nftw(p, add_size, 16, FTW_PHYS);
	}
	return tree_bytes;
}

static void show_progress(ingest_run *r, int final)
{
	const double t = now(), dt = t - r->t0 > 1e-6 ? t - r->t0 : 1e-6;
	char eta[32] = "--";

	if (!r->progress || (!final && t - r->shown < 0.25))
		return;
	r->shown = t;
	if (r->total > 0 && r->bytes > 0 && r->bytes < r->total) {
		const double left = (r->total - r->bytes) / (r->bytes / dt);
		snprintf(eta, sizeof eta, "%d:%02d", (int)(left / 60), (int)left % 60);
	}
	fprintf(stderr, "\r%zu docs  %.0f docs/s  %.0f events/s  %.1f MB/s", r->seen,
		(double)r->seen / dt, (double)r->mentions / dt, r->bytes / 1e6 / dt);
	/* The files hold more than the article text (JSON, metadata), so the
	** share is an estimate, and 100% only once all is read. */
	if (r->total > 0 && !final)
		fprintf(stderr, "  %3.0f%%  ETA %s", 100.0 * (r->bytes < r->total ? r->bytes / r->total : 0.99),
			eta);
	else if (r->total > 0)
		fputs("  100%", stderr);
	fputs(final ? "\033[K\n" : "\033[K", stderr);
	fflush(stderr);
}

/* Counts what the store did with one article. */
static void tally(ingest_run *r, const dyad_ingest_result *res)
{
	r->bytes += (double)res->bytes;
	switch (res->outcome) {
	case DYAD_INGEST_NEW: r->added++; break;
	case DYAD_INGEST_REPLACED: r->replaced++; break;
	case DYAD_INGEST_UNCHANGED: r->unchanged++; break;
	}
	r->mentions += res->mentions;
	r->dups += res->duplicate != 0;
}

/* Ingests one article; reports a failure. */
static void ingest_one(ingest_run *r, dyad_ctx *ctx, const dyad_input *item)
{
	dyad_ingest_result res;
	const dyad_status st = dyad_store_ingest(r->store, ctx, item, NULL, &res);

	r->seen++;
	if (st == DYAD_OK) {
		tally(r, &res);
	} else if (st == DYAD_BUSY || st == DYAD_IO || st == DYAD_CORRUPT || st == DYAD_NOMEM) {
		cli_error("%s", dyad_store_errmsg(r->store));
		r->failed++;
		r->stop = 1;
	} else {
		cli_report_item(NULL, item, dyad_store_errmsg(r->store));
		r->failed++;
	}
	show_progress(r, 0);
}

/* Reads and ingests every input; returns nonzero when anything failed. */
static int ingest_all(ingest_run *r, dyad_reader *rd, dyad_ctx *ctx)
{
	dyad_input item;
	dyad_status st;
	int failed = 0;

	while (!r->stop && (st = dyad_reader_next(rd, &item)) != DYAD_DONE) {
		if (st != DYAD_OK) {
			cli_error("%s", dyad_reader_errmsg(rd));
			failed = 1;
			if (st == DYAD_NOMEM)
				break;
			continue;
		}
		ingest_one(r, ctx, &item);
	}
	return failed || r->failed;
}

static void summary(ingest_run *r)
{
	dyad_store_counts c;
	const double dt = now() - r->t0;

	show_progress(r, 1);
	fprintf(stderr, "dyad: ingest: %zu documents: %zu new, %zu replaced, %zu unchanged, "
		"%zu failed; %zu event mentions, %zu near-duplicates",
		r->seen, r->added, r->replaced, r->unchanged, r->failed, r->mentions, r->dups);
	if (dyad_store_counts_get(r->store, &c) == DYAD_OK)
		fprintf(stderr, "; database: %zu documents, %zu events", c.documents, c.events);
	fprintf(stderr, "; %.1f MB in %.2f s (%.1f MB/s)\n", r->bytes / 1e6, dt,
		dt > 0 ? r->bytes / 1e6 / dt : 0.0);
}

/* Opens everything, ingests, commits; returns the exit code. */
static int run_all(const cli_inputs *in, const char *db, const dyad_store_opts *so)
{
	dyad_engine *eng = NULL;
	dyad_ctx *ctx = NULL;
	dyad_reader *rd = NULL;
	ingest_run r;
	int code = CLI_FAILED;

	memset(&r, 0, sizeof r);
	r.progress = isatty(STDERR_FILENO);
	r.total = r.progress ? input_bytes(in) : 0;
	if (cli_open(in, &eng, &ctx, &rd) != 0)
		goto out;
	if (dyad_store_open(db, so, &r.store) != DYAD_OK) {
		cli_error("%s", r.store ? dyad_store_errmsg(r.store) : "out of memory");
		goto out;
	}
	r.t0 = r.shown = now();
	code = cli_queue(rd, in) | ingest_all(&r, rd, ctx) ? CLI_FAILED : CLI_OK;
	if (dyad_store_commit(r.store) != DYAD_OK) {
		cli_error("%s", dyad_store_errmsg(r.store));
		code = CLI_FAILED;
	}
	summary(&r);
out:
	dyad_store_close(r.store);
	dyad_reader_free(rd);
	dyad_ctx_free(ctx);
	dyad_engine_free(eng);
	return cli_finish(code, NULL);
}

static int run_ingest(const cli_command *self, int argc, char **argv)
{
	const char *db = "dyad.db", *batch = NULL;
	const char **dicts = calloc((size_t)argc + 1, sizeof *dicts);
	cli_inputs in;
	dyad_store_opts so;
	int code;
	const cli_option opts[] = {
		{ "--db", NULL, &db },
		{ "--batch", NULL, &batch },
		{ "--gazetteer", NULL, &in.gazetteer },
		{ "--no-default-dicts", &in.no_default_dicts, NULL },
		{ "--strict", &in.strict, NULL },
		{ "--all-sentences", &so.all_sentences, NULL },
		{ NULL, NULL, NULL }
	};

	memset(&in, 0, sizeof in);
	dyad_store_opts_init(&so);
	if (!dicts) {
		cli_error("%s", dyad_strerror(DYAD_NOMEM));
		return CLI_FAILED;
	}
	in.dicts = dicts;
	code = (argc = cli_take_dicts(self, argc, argv, dicts)) < 0 ? CLI_USAGE
		: cli_parse(self, argc, argv, opts, &in);
	if (code == CLI_RUN && batch && ((so.batch = atoi(batch)) < 1 || so.batch > 1000000))
		code = cli_usage_error(self, "--batch takes a number of documents, 1 to 1000000");
	in.actors = in.events = 1;
	if (code == CLI_RUN)
		code = run_all(&in, db, &so);
	free(dicts);
	return code;
}

const cli_command cmd_ingest = {
	"ingest", run_ingest,
	"code articles into the SQLite store (--db, default dyad.db)",
	"Usage: dyad ingest [--db FILE] [--batch N] [--all-sentences] [--data DIR]\n"
	"                   [--dict PATH]... [--gazetteer PATH] [--no-default-dicts]\n"
	"                   [--strict] INPUT...\n"
	"\n"
	"Codes the articles as 'dyad code' does and stores them in one SQLite\n"
	"file: documents, every event mention with its provenance, the sentences\n"
	"that carry an event mention with their actor mentions (the evidence),\n"
	"and events (mentions clustered by date, source, target,\n"
	"CAMEO root and place, with their counts of mentions, sources and\n"
	"articles). Near-duplicate articles (the same story syndicated) are\n"
	"linked and count once as evidence.\n"
	"\n"
	"Ingest is idempotent: an article whose id and content are already\n"
	"stored is skipped unread; one whose content changed replaces its old\n"
	"rows. Articles are committed in batches; a crash loses at most the\n"
	"open batch. Another dyad writing the same file is waited for up to 5 s\n"
	"at the start of each batch, then reported as a lock.\n"
	"\n"
	"Options:\n"
	"  --db FILE            the store (default dyad.db), created when absent\n"
	"  --batch N            documents per transaction (default 10000; a\n"
	"                       transaction also ends after 2 s)\n"
	"  --all-sentences      store every sentence and actor mention of the\n"
	"                       articles coded, not only the evidence\n"
	"  --gazetteer PATH     gazetteer for places (.bin or .tsv)\n"
	"  --dict PATH, --no-default-dicts, --strict, --data DIR\n"
	"                       as for 'dyad code'\n"
	"  -h, --help           show this help\n"
	"\n"
	"On a terminal, standard error shows a progress line (documents/s,\n"
	"event mentions/s, MB/s, and the share done and time left when the\n"
	"input size is known). Every run ends with a summary line there:\n"
	"  dyad: ingest: N documents: N new, N replaced, N unchanged, N failed;\n"
	"  N event mentions, N near-duplicates; database: N documents, N events;\n"
	"  X MB in T s (R MB/s)\n"
	"\n"
	"Exit status: 0 all went well; 1 some input or article failed, or the\n"
	"store could not be written (a lock held too long included); 2 usage\n"
	"error.\n"
};
