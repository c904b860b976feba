/*
** bench.c — throughput of the text stages, actor recognition and event
** coding on real corpora.
**
**     bench [--dict PATH]... [--code-dict PATH]... CORPUS.jsonl...
**
** A benchmark, not a test: it measures and prints, and never fails for
** being slow. It reads the corpora through dyad_reader and keeps every
** article in memory, so file I/O and JSON parsing are not timed. Then it
** runs dyad_ctx_process over all articles, pass after pass, until at
** least two seconds have gone by: first on one thread, then on one thread
** per online core (one context per thread, one shared engine) to show how
** it scales. It reports MB/s of article text, documents, sentences and
** tokens per second, and the peak resident set size.
**
** Then actor recognition, on one thread, with dyad's default
** dictionaries and again with the dictionaries given by --dict (make
** bench passes the Phoenix set from ../shared/compat/phoenix), with the
** time each set took to load.
**
** Then event coding: an engine with cfg.events, loaded with only the
** dictionaries given by --code-dict (make bench passes the Phoenix actors,
** agents, discards and verb patterns), and again with dyad's defaults
** (data/actors, data/verbs) for comparison. Each article goes through
** dyad_ctx_process and dyad_doc_events, language detected as `dyad code`
** would on these corpora, on one thread and then one per core, through
** the same runner as the text stages. It reports sentences/s and MB/s of
** the whole pass, events per 1,000 sentences, and the share of the time
** spent inside dyad_doc_events (actors and coder: each call is timed on
** its own), then the peak resident set size.
**
** Then ingest into the SQLite store (dyad_store_ingest: coding with
** dyad's default dictionaries, writing every row, near-duplicate links and
** event clusters) on one thread, over the corpus into a new database in
** $TMPDIR, timed from opening the store to closing it: the end-to-end
** MB/s of article text, documents and event mentions per second, and
** what was stored. Then the same corpus again, which the store skips as
** unchanged. With --ingest-only only this part runs.
**
** The one-thread coding and ingest figures are each measured ROUNDS
** times (a new database each time) and their median is printed with the
** range: on a shared machine one run can come out 20% off either way.
**
** Each text configuration runs twice: as the corpus comes (language detected)
** and with each article's language given, as a feed's metadata would
** give it (taken from a first, untimed pass), which shows the cost of
** language identification apart from the other text stages.
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dyad.h"

#define MIN_SECONDS 2.0
/* One-thread coding and ingest run this many times; the median is the
** figure (see median_run). */
#define ROUNDS 3

/* One article held in memory. */
typedef struct article {
	char *id;         /* document id (copy) */
	char *date;       /* metadata date (copy) or NULL */
	char *source;     /* outlet (copy) or NULL */
	char *text;       /* article text (copy) */
	size_t len;       /* bytes of text */
	char lang[8];     /* language found by the first pass */
} article;

/* Every article of the corpora. */
typedef struct corpus {
	article *a;       /* articles, in reading order */
	size_t n, cap;    /* used and allocated */
	size_t bytes;     /* total text bytes */
	size_t skipped;   /* items the reader skipped */
} corpus;

/* What a run does: the same for every thread. */
typedef struct spec {
	const dyad_engine *eng;
	const corpus *c;
	int given;        /* pass each article's language */
	int code;         /* also code events (dyad_doc_events) */
} spec;

/* What the timed passes of one thread (or of all, summed) counted. */
typedef struct counts {
	size_t docs, failed, sents, toks, bytes;
	size_t uncoded;   /* documents dyad_doc_events refused (code runs) */
	size_t events;    /* events made (code runs) */
	double text_secs; /* inside dyad_ctx_process (code runs) */
	double code_secs; /* inside dyad_doc_events (code runs) */
} counts;

/* One thread's share of a run. */
typedef struct job {
	const spec *sp;
	int ok;           /* the thread ran */
	counts n;         /* the timed passes */
	char why[128];    /* why dyad_doc_events first refused a document, or "" */
	size_t status[DYAD_SENT_SKIPPED + 1]; /* warm-up pass: sentences by outcome */
	double secs;      /* wall time of the timed passes */
} job;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double peak_rss_mb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_maxrss / 1024.0; /* kilobytes on Linux */
}

/* Resident set size now, from /proc/self/statm; -1 when unknown. */
static double rss_mb(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	unsigned long size, resident;
	int got;

	if (!f)
		return -1;
	got = fscanf(f, "%lu %lu", &size, &resident);
	fclose(f);
	return got == 2 ? (double)resident * (double)sysconf(_SC_PAGESIZE) / 1048576.0 : -1;
}

/* Formats a count with thousands separators: 812345.4 -> "812,345". */
static const char *grouped(char *buf, size_t cap, double v)
{
	char digits[32];
	size_t n, i, o = 0;

	snprintf(digits, sizeof digits, "%.0f", v < 0 ? 0 : v);
	n = strlen(digits);
	for (i = 0; i < n && o + 2 < cap; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

static char *dup_or_null(const char *s, int *nomem)
{
	char *d;

	if (!s)
		return NULL;
	d = strdup(s);
	if (!d)
		*nomem = 1;
	return d;
}

/* Copies one article into the corpus; returns -1 when out of memory. */
static int keep(corpus *c, const dyad_input *in)
{
	article *a;
	int nomem = 0;

	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 1024;
		article *p = realloc(c->a, cap * sizeof *p);
		if (!p)
			return -1;
		c->a = p;
		c->cap = cap;
	}
	a = &c->a[c->n];
	memset(a, 0, sizeof *a);
	a->id = dup_or_null(in->id, &nomem);
	a->date = dup_or_null(in->date, &nomem);
	a->source = dup_or_null(in->source, &nomem);
	a->text = malloc(in->text_len + 1);
	if (nomem || !a->text)
		return -1;
	memcpy(a->text, in->text, in->text_len);
	a->text[in->text_len] = '\0';
	a->len = in->text_len;
	c->bytes += in->text_len;
	c->n++;
	return 0;
}

/* Reads every path into memory; returns -1 when out of memory. */
static int load(corpus *c, char **paths, int n)
{
	dyad_reader *rd;
	dyad_input in;
	dyad_status st;
	int i, rc = 0;

	if (dyad_reader_new(&rd) != DYAD_OK)
		return -1;
	for (i = 0; i < n; i++)
		if (dyad_reader_add(rd, paths[i]) != DYAD_OK)
			fprintf(stderr, "bench: %s: %s\n", paths[i], dyad_reader_errmsg(rd));
	while (rc == 0 && (st = dyad_reader_next(rd, &in)) != DYAD_DONE) {
		if (st != DYAD_OK) {
			c->skipped++;
			continue;
		}
		rc = keep(c, &in);
	}
	dyad_reader_free(rd);
	return rc;
}

/* Fills each article's lang from one untimed pass. */
static int first_pass(const dyad_engine *eng, corpus *c)
{
	dyad_ctx *ctx;
	size_t i;

	if (dyad_ctx_new(eng, &ctx) != DYAD_OK)
		return -1;
	for (i = 0; i < c->n; i++) {
		article *a = &c->a[i];
		dyad_input in;
		const dyad_doc *doc;
		dyad_doc_info info;

		memset(&in, 0, sizeof in);
		in.id = a->id;
		in.date = a->date;
		in.text = a->text;
		in.text_len = a->len;
		snprintf(a->lang, sizeof a->lang, "und");
		if (dyad_ctx_process(ctx, &in, &doc) == DYAD_OK) {
			dyad_doc_get_info(doc, &info);
			snprintf(a->lang, sizeof a->lang, "%s", info.lang);
		}
	}
	dyad_ctx_free(ctx);
	return 0;
}

/* The input for article a; given: pass the language found earlier. */
static void input_of(const article *a, int given, dyad_input *in)
{
	memset(in, 0, sizeof *in);
	in->id = a->id;
	in->date = a->date;
	in->lang = given ? a->lang : NULL;
	in->text = a->text;
	in->text_len = a->len;
}

/* Codes the events of doc, which dyad_ctx_process made from t0 on; adds
** the time of each call and the events to the job. tally: count the
** sentences by outcome. */
static void code_doc(job *jb, dyad_ctx *ctx, const dyad_doc *doc, size_t nsents, double t0,
		     int tally)
{
	const double t1 = now();
	size_t n = 0, s;
	const dyad_status st = dyad_doc_events(doc, NULL, &n);

	jb->n.code_secs += now() - t1;
	jb->n.text_secs += t1 - t0;
	if (st != DYAD_OK) {
		if (!jb->why[0])
			snprintf(jb->why, sizeof jb->why, "%s", dyad_errmsg(ctx));
		jb->n.uncoded++;
		return;
	}
	jb->n.events += n;
	for (s = 0; tally && s < nsents; s++)
		jb->status[dyad_doc_sent_status(doc, s, NULL)]++;
}

/* One pass over the corpus; adds to the job's counters. */
static void pass(job *jb, dyad_ctx *ctx, int tally)
{
	const spec *sp = jb->sp;
	size_t i, s;

	for (i = 0; i < sp->c->n; i++) {
		const article *a = &sp->c->a[i];
		dyad_input in;
		const dyad_doc *doc;
		dyad_doc_info info;
		const double t0 = sp->code ? now() : 0;

		input_of(a, sp->given, &in);
		jb->n.docs++;
		jb->n.bytes += a->len;
		if (dyad_ctx_process(ctx, &in, &doc) != DYAD_OK) {
			jb->n.failed++;
			continue;
		}
		dyad_doc_get_info(doc, &info);
		jb->n.sents += info.n_sentences;
		if (sp->code) {
			code_doc(jb, ctx, doc, info.n_sentences, t0, tally);
			continue;
		}
		for (s = 0; s < info.n_sentences; s++) {
			dyad_sentence st;
			if (dyad_doc_sentence(doc, s, &st) == DYAD_OK)
				jb->n.toks += st.n_tokens;
		}
	}
}

/* A thread: one warm-up pass, then passes until MIN_SECONDS are up. */
static void *worker(void *arg)
{
	job *jb = arg;
	dyad_ctx *ctx;
	double t0;

	if (dyad_ctx_new(jb->sp->eng, &ctx) != DYAD_OK)
		return NULL;
	pass(jb, ctx, 1); /* warm-up: buffers and caches reach their steady state */
	memset(&jb->n, 0, sizeof jb->n);
	t0 = now();
	do
		pass(jb, ctx, 0);
	while (now() - t0 < MIN_SECONDS);
	jb->secs = now() - t0;
	jb->ok = 1;
	dyad_ctx_free(ctx);
	return NULL;
}

/* Adds one thread's counts to the run's. */
static void add_counts(counts *sum, const counts *x)
{
	sum->docs += x->docs;
	sum->failed += x->failed;
	sum->sents += x->sents;
	sum->toks += x->toks;
	sum->bytes += x->bytes;
	sum->uncoded += x->uncoded;
	sum->events += x->events;
	sum->text_secs += x->text_secs;
	sum->code_secs += x->code_secs;
}

/* Runs sp on `threads` threads, one context each, and sums what they
** counted into *sum (secs: the longest thread's). Returns 0, or -1 when a
** thread could not start or run; sum->ok then says how many ran. */
static int run(const spec *sp, int threads, job *sum)
{
	pthread_t *th = calloc((size_t)threads, sizeof *th);
	job *jobs = calloc((size_t)threads, sizeof *jobs);
	int t, s, started = 0;

	memset(sum, 0, sizeof *sum);
	if (!th || !jobs)
		goto out;
	for (t = 0; t < threads; t++) {
		jobs[t].sp = sp;
		if (pthread_create(&th[t], NULL, worker, &jobs[t]) != 0)
			break;
		started++;
	}
	for (t = 0; t < started; t++) {
		pthread_join(th[t], NULL);
		add_counts(&sum->n, &jobs[t].n);
		for (s = 0; s <= DYAD_SENT_SKIPPED; s++)
			sum->status[s] += jobs[t].status[s];
		sum->ok += jobs[t].ok;
		if (!sum->why[0])
			memcpy(sum->why, jobs[t].why, sizeof sum->why);
		if (jobs[t].secs > sum->secs)
			sum->secs = jobs[t].secs;
	}
out:
	free(th);
	free(jobs);
	return sum->ok == threads && sum->secs > 0 ? 0 : -1;
}

/* Prints how a rate on `threads` threads compares with one thread's. */
static void print_scaling(double one, double many, int threads)
{
	if (one > 0 && many > 0)
		printf("  scaling: %.2fx on %d threads (%.0f%% of linear)\n", many / one,
		       threads, 100.0 * many / one / threads);
}

/* Runs the text stages on `threads` threads and prints one line; returns
** the MB/s, or 0 when a thread could not start. */
static double text_run(const dyad_engine *eng, const corpus *c, int given, int threads)
{
	const spec sp = { eng, c, given, 0 };
	job sum;
	double mbs;
	char g[3][32];

	if (run(&sp, threads, &sum) != 0) {
		printf("text stages, %s: %d threads: could not run (%d of %d ran)\n",
		       given ? "language given" : "language detected", threads, sum.ok, threads);
		return 0;
	}
	mbs = (double)sum.n.bytes / 1e6 / sum.secs;
	printf("text stages, %-18s %2d thread%s %7.1f MB of text in %.2f s: %6.1f MB/s, "
	       "%9s docs/s, %11s sentences/s, %12s tokens/s",
	       given ? "language given:" : "language detected:", threads, threads == 1 ? ": " : "s:",
	       (double)sum.n.bytes / 1e6, sum.secs, mbs,
	       grouped(g[0], sizeof g[0], (double)sum.n.docs / sum.secs),
	       grouped(g[1], sizeof g[1], (double)sum.n.sents / sum.secs),
	       grouped(g[2], sizeof g[2], (double)sum.n.toks / sum.secs));
	if (sum.n.failed)
		printf(" (%zu documents refused)", sum.n.failed);
	printf("\n");
	return mbs;
}

/* Actor recognition alone, one thread: the text stages run too (language
** given) but only the time inside dyad_doc_actors is counted. */
static void actor_run(const dyad_engine *eng, const corpus *c, const char *what)
{
	dyad_ctx *ctx;
	size_t i, sents = 0, ments = 0, passes = 0;
	double spent = 0, t0;
	char g[2][32];

	if (dyad_ctx_new(eng, &ctx) != DYAD_OK)
		return;
	t0 = now();
	do {
		for (i = 0; i < c->n; i++) {
			const article *a = &c->a[i];
			dyad_input in;
			const dyad_doc *doc;
			dyad_doc_info info;
			size_t n = 0;
			double t1;
			input_of(a, 1, &in);
			if (dyad_ctx_process(ctx, &in, &doc) != DYAD_OK)
				continue;
			t1 = now();
			if (dyad_doc_actors(doc, &n) != DYAD_OK)
				continue;
			spent += now() - t1;
			if (passes == 0)
				continue; /* the first pass warms up */
			dyad_doc_get_info(doc, &info);
			sents += info.n_sentences;
			ments += n;
		}
		if (passes++ == 0)
			spent = 0;
	} while (now() - t0 < 2 * MIN_SECONDS || passes < 2);
	printf("actors, %s: 1 thread: %s sentences/s, %s mentions/s (actor stage only, %.2f s)\n",
	       what, grouped(g[0], sizeof g[0], (double)sents / spent),
	       grouped(g[1], sizeof g[1], (double)ments / spent), spent);
	dyad_ctx_free(ctx);
}

/* Loads an engine with actor dictionaries and benchmarks it. */
static void actor_bench(const corpus *c, const char *const *dicts, const char *what)
{
	dyad_config cfg;
	dyad_engine *eng = NULL;
	dyad_dict_stats ds;
	double t0 = now();

	memset(&cfg, 0, sizeof cfg);
	cfg.actors = 1;
	cfg.dicts = dicts;
	if (dyad_engine_new(&cfg, &eng) != DYAD_OK) {
		printf("actors, %s: engine: %s\n", what, eng ? dyad_engine_errmsg(eng) : "out of memory");
		dyad_engine_free(eng);
		return;
	}
	dyad_engine_dict_stats(eng, &ds);
	printf("actors, %s: engine load %.1f ms, of which dictionaries %.1f ms "
	       "(%zu files, %zu entries, %zu names, %zu codes, %zu warnings)\n", what,
	       (now() - t0) * 1e3, ds.load_ms, ds.files, ds.entries, ds.names, ds.codes, ds.warnings);
	actor_run(eng, c, what);
	dyad_engine_free(eng);
}

/* Event coding on `threads` threads, language detected; prints one line
** (and, on one thread, the sentences by outcome) and returns the
** sentences/s, or 0 when a thread could not start. */
static double code_run(const dyad_engine *eng, const corpus *c, const char *what, int threads,
		       int outcomes)
{
	const spec sp = { eng, c, 0, 1 };
	job sum;
	double rate, busy;
	size_t k, tallied = 0;
	char g[2][32];

	if (run(&sp, threads, &sum) != 0) {
		printf("coding, %s: %d threads: could not run (%d of %d ran)\n", what, threads,
		       sum.ok, threads);
		return 0;
	}
	rate = (double)sum.n.sents / sum.secs;
	busy = sum.n.text_secs + sum.n.code_secs;
	printf("coding, %s: %2d thread%s %7.1f MB of text in %.2f s: %6.1f MB/s, %11s sentences/s; "
	       "%.1f events per 1,000 sentences; dyad_doc_events (actors + coder) %.0f%% of the "
	       "time, %s sentences/s by itself",
	       what, threads, threads == 1 ? ": " : "s:", (double)sum.n.bytes / 1e6, sum.secs,
	       (double)sum.n.bytes / 1e6 / sum.secs, grouped(g[0], sizeof g[0], rate),
	       sum.n.sents ? 1000.0 * (double)sum.n.events / (double)sum.n.sents : 0.0,
	       busy > 0 ? 100.0 * sum.n.code_secs / busy : 0.0,
	       grouped(g[1], sizeof g[1], sum.n.code_secs > 0 ?
			(double)sum.n.sents * threads / sum.n.code_secs : 0.0));
	if (sum.n.failed)
		printf(" (%zu documents refused)", sum.n.failed);
	if (sum.n.uncoded)
		printf(" (%zu documents not coded: %s)", sum.n.uncoded, sum.why);
	printf("\n");
	for (k = 0; k <= DYAD_SENT_SKIPPED; k++)
		tallied += sum.status[k];
	if (outcomes && tallied) {
		printf("  sentences by outcome (warm-up pass):");
		for (k = 0; k <= DYAD_SENT_SKIPPED; k++)
			printf("%s %s %.1f%%", k ? "," : "", dyad_sent_status_name((dyad_sent_status)k),
			       100.0 * (double)sum.status[k] / (double)tallied);
		printf("\n");
	}
	return rate;
}

static int cmp_double(const void *a, const void *b)
{
	const double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Prints the median of rates[0, n) and their range, with one decimal
** below 1,000 (MB/s) and grouped digits above; returns the median. */
static double print_median(const char *what, const char *unit, double *rates, int n)
{
	char g[3][32];
	int i;

	qsort(rates, (size_t)n, sizeof *rates, cmp_double);
	for (i = 0; i < 3; i++) {
		const double v = rates[i == 0 ? n / 2 : i == 1 ? 0 : n - 1];
		if (rates[n - 1] < 1000)
			snprintf(g[i], sizeof g[i], "%.1f", v);
		else
			grouped(g[i], sizeof g[i], v);
	}
	printf("%s: median of %d runs: %s %s (runs from %s to %s)\n", what, n, g[0], unit, g[1],
	       g[2]);
	return rates[n / 2];
}

/* Coding on one thread, ROUNDS times: a shared machine's speed wanders
** from one run to the next, so one run is a sample, not the figure. */
static double median_run(const dyad_engine *eng, const corpus *c, const char *what)
{
	double rates[ROUNDS];
	char line[160];
	int i;

	for (i = 0; i < ROUNDS; i++)
		rates[i] = code_run(eng, c, what, 1, i == 0);
	snprintf(line, sizeof line, "coding, %s, 1 thread", what);
	return print_median(line, "sentences/s", rates, ROUNDS);
}

/* Loads an engine for event coding (with dyad's default dictionaries, or
** with only dicts), prints what it loaded, and benchmarks it on one
** thread and on `threads`. */
static void code_bench(const corpus *c, const char *const *dicts, const char *what, int threads)
{
	dyad_config cfg;
	dyad_engine *eng = NULL;
	dyad_dict_stats ds;
	dyad_pattern_stats ps;
	const double rss0 = rss_mb(), t0 = now();
	double one, ms, rss1;

	memset(&cfg, 0, sizeof cfg);
	cfg.events = 1;
	cfg.no_default_dicts = dicts != NULL;
	cfg.dicts = dicts;
	if (dyad_engine_new(&cfg, &eng) != DYAD_OK) {
		printf("coding, %s: engine: %s\n", what, eng ? dyad_engine_errmsg(eng) : "out of memory");
		dyad_engine_free(eng);
		return;
	}
	ms = (now() - t0) * 1e3;
	rss1 = rss_mb();
	dyad_engine_dict_stats(eng, &ds);
	dyad_engine_pattern_stats(eng, &ps);
	printf("coding, %s: engine load %.1f ms, of which dictionaries and patterns %.1f ms; "
	       "actors: %zu files, %zu entries, %zu names, %zu codes, %zu warnings; "
	       "patterns: %zu files, %zu verbs, %zu forms, %zu patterns, %zu synsets, %zu warnings",
	       what, ms, ds.load_ms, ds.files, ds.entries, ds.names, ds.codes, ds.warnings,
	       ps.files, ps.verbs, ps.forms, ps.patterns, ps.synsets, ps.warnings);
	if (ps.load_ms > 0)
		printf(", loaded in %.1f ms", ps.load_ms);
	else /* the verb files are read with the dictionaries and timed with them */
		printf(" (load time counted with the dictionaries)");
	if (rss0 >= 0 && rss1 >= 0)
		printf("; resident set grew %.1f MB", rss1 - rss0);
	printf("\n");
	one = median_run(eng, c, what);
	if (threads > 1)
		print_scaling(one, code_run(eng, c, what, threads, 0), threads);
	printf("coding, %s: peak RSS after the coding pass %.1f MB (the in-memory corpus included)\n",
	       what, peak_rss_mb());
	dyad_engine_free(eng);
}

/* One pass of dyad_store_ingest over the corpus into the store at path,
** timed from opening the store to closing it (the close checkpoints
** what the WAL still holds into the file); prints one line and sets
** *mbs. Returns 0, or -1 when the store failed. */
static int ingest_pass(const char *path, dyad_ctx *ctx, const corpus *c, const char *what,
		       double *mbs)
{
	size_t i, failed = 0, mentions = 0, unchanged = 0, dups = 0;
	dyad_store *st = NULL;
	dyad_store_counts n;
	const double t0 = now();
	double secs, counting;
	int have_counts;
	char g[2][32];

	if (dyad_store_open(path, NULL, &st) != DYAD_OK) {
		printf("ingest, %s: %s\n", what, st ? dyad_store_errmsg(st) : "out of memory");
		dyad_store_close(st);
		return -1;
	}
	for (i = 0; i < c->n; i++) {
		dyad_input in;
		dyad_ingest_result r;

		input_of(&c->a[i], 0, &in);
		in.source = c->a[i].source;
		if (dyad_store_ingest(st, ctx, &in, NULL, &r) != DYAD_OK) {
			failed++;
			continue;
		}
		mentions += r.mentions;
		unchanged += r.outcome == DYAD_INGEST_UNCHANGED;
		dups += r.duplicate != 0;
	}
	if (dyad_store_commit(st) != DYAD_OK) {
		printf("ingest, %s: %s\n", what, dyad_store_errmsg(st));
		dyad_store_close(st);
		return -1;
	}
	/* The counts are read for the line below, outside the timing. */
	counting = now();
	have_counts = dyad_store_counts_get(st, &n) == DYAD_OK;
	counting = now() - counting;
	if (failed)
		printf("ingest, %s: %zu documents failed: %s\n", what, failed, dyad_store_errmsg(st));
	if (dyad_store_close(st) != DYAD_OK)
		printf("ingest, %s: closing the store failed\n", what);
	secs = now() - t0 - counting;
	*mbs = (double)c->bytes / 1e6 / secs;
	printf("ingest, %s: 1 thread: %7.1f MB of text in %.2f s: %6.1f MB/s, %9s docs/s, "
	       "%9s event mentions/s; %zu unchanged, %zu near-duplicates",
	       what, (double)c->bytes / 1e6, secs, (double)c->bytes / 1e6 / secs,
	       grouped(g[0], sizeof g[0], (double)c->n / secs),
	       grouped(g[1], sizeof g[1], (double)mentions / secs), unchanged, dups);
	if (have_counts)
		printf("; stored: %zu documents, %zu sentences, %zu event mentions, %zu events",
		       n.documents, n.sentences, n.mentions, n.events);
	printf("\n");
	return 0;
}

/* The same pass without the store: processing and coding alone (every
** event kept, as the store codes them), so the store's own share shows. */
static void code_pass(dyad_ctx *ctx, const corpus *c)
{
	dyad_code_opts o;
	size_t i, n;
	const double t0 = now();
	double secs;

	dyad_code_opts_init(&o);
	o.keep_modal = 1;
	for (i = 0; i < c->n; i++) {
		dyad_input in;
		const dyad_doc *doc;

		input_of(&c->a[i], 0, &in);
		in.source = c->a[i].source;
		if (dyad_ctx_process(ctx, &in, &doc) == DYAD_OK)
			dyad_doc_events(doc, &o, &n);
	}
	secs = now() - t0;
	printf("ingest, for comparison: the same pass coding only, no store: %.2f s, %.1f MB/s\n",
	       secs, (double)c->bytes / 1e6 / secs);
}

/* Removes a database file and its WAL companions. */
static void remove_db(const char *path)
{
	char aux[600];

	unlink(path);
	snprintf(aux, sizeof aux, "%s-wal", path);
	unlink(aux);
	snprintf(aux, sizeof aux, "%s-shm", path);
	unlink(aux);
}

/* Names a new empty file for a store in path; 0, or -1 (said). */
static int new_db(char *path, size_t n)
{
	const char *tmp = getenv("TMPDIR");
	int fd;

	snprintf(path, n, "%s/dyad-bench.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if ((fd = mkstemp(path)) < 0) {
		printf("ingest: cannot make a file in %s\n", tmp && *tmp ? tmp : "/tmp");
		return -1;
	}
	close(fd);
	return 0;
}

/* End-to-end ingest into a new SQLite store on one core, with dyad's
** default dictionaries, ROUNDS times, each into a new database; then the
** same corpus again into the last (all unchanged). */
static void ingest_bench(const corpus *c)
{
	dyad_config cfg;
	dyad_engine *eng = NULL;
	dyad_ctx *ctx = NULL;
	double rates[ROUNDS], again;
	char path[512] = "";
	struct stat sb;
	int i;

	memset(&cfg, 0, sizeof cfg);
	cfg.events = 1;
	if (dyad_engine_new(&cfg, &eng) != DYAD_OK || dyad_ctx_new(eng, &ctx) != DYAD_OK) {
		printf("ingest: %s\n", eng ? dyad_engine_errmsg(eng) : "out of memory");
		goto done;
	}
	code_pass(ctx, c);
	for (i = 0; i < ROUNDS; i++) {
		if (i > 0)
			remove_db(path);
		if (new_db(path, sizeof path) != 0 ||
		    ingest_pass(path, ctx, c, "new database, default dictionaries", &rates[i]) != 0)
			goto done;
	}
	print_median("ingest, new database, 1 thread", "MB/s", rates, ROUNDS);
	if (stat(path, &sb) == 0)
		printf("ingest: database file %.1f MB (%s)\n", (double)sb.st_size / 1e6, path);
	ingest_pass(path, ctx, c, "the same corpus again (skipped unchanged)", &again);
done:
	if (*path)
		remove_db(path);
	dyad_ctx_free(ctx);
	dyad_engine_free(eng);
}

static void free_corpus(corpus *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->a[i].id);
		free(c->a[i].date);
		free(c->a[i].source);
		free(c->a[i].text);
	}
	free(c->a);
}

/* Takes "--OPT PATH" pairs off the front of argv into list (NULL-terminated,
** at most cap - 1); returns the number of arguments consumed. */
static int take_paths(int argc, char **argv, const char *opt, const char **list, int *n, int cap)
{
	if (argc > 2 && strcmp(argv[1], opt) == 0 && *n < cap - 1) {
		list[(*n)++] = argv[2];
		list[*n] = NULL;
		return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	corpus c;
	dyad_engine *eng = NULL;
	dyad_status st;
	double t0, one;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int threads = cores > 1 ? (int)(cores > 256 ? 256 : cores) : 1, given, k;
	const char *dicts[64] = { NULL }, *cdicts[64] = { NULL };
	int nd = 0, ncd = 0, ingest_only = 0;

	/* --dict PATH: dictionaries for the actor benchmark, loaded after
	** dyad's defaults; --code-dict PATH: the only dictionaries of the
	** event-coding benchmark. Both repeatable, in any order. */
	if (argc > 1 && strcmp(argv[1], "--ingest-only") == 0) {
		ingest_only = 1;
		argc--;
		argv++;
	}
	do {
		k = take_paths(argc, argv, "--dict", dicts, &nd, 64);
		k += k ? 0 : take_paths(argc, argv, "--code-dict", cdicts, &ncd, 64);
		argc -= k;
		argv += k;
	} while (k);
	if (argc < 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: bench [--ingest-only] [--dict PATH]... [--code-dict PATH]... "
			"CORPUS.jsonl...\n");
		return 2;
	}
	memset(&c, 0, sizeof c);
	printf("dyad %s benchmark (a benchmark, not a test)\n", dyad_version());
	t0 = now();
	st = dyad_engine_new(NULL, &eng);
	if (st != DYAD_OK) {
		fprintf(stderr, "bench: engine: %s\n", eng ? dyad_engine_errmsg(eng) : dyad_strerror(st));
		dyad_engine_free(eng);
		return 1;
	}
	printf("engine load: %.1f ms\n", (now() - t0) * 1e3);
	t0 = now();
	if (load(&c, argv + 1, argc - 1) != 0 || c.n == 0 || first_pass(eng, &c) != 0) {
		fprintf(stderr, "bench: %s\n", c.n ? "out of memory" : "no articles read");
		free_corpus(&c);
		dyad_engine_free(eng);
		return 1;
	}
	printf("corpus: %zu articles (%zu skipped), %.1f MB of text, loaded in %.1f s "
	       "(not timed below); peak RSS so far %.1f MB\n",
	       c.n, c.skipped, (double)c.bytes / 1e6, now() - t0, peak_rss_mb());
	for (given = 0; given <= 1 && !ingest_only; given++) {
		one = text_run(eng, &c, given, 1);
		if (threads > 1)
			print_scaling(one, text_run(eng, &c, given, threads), threads);
	}
	dyad_engine_free(eng);
	if (!ingest_only) {
		actor_bench(&c, NULL, "default dictionaries");
		if (nd)
			actor_bench(&c, dicts, "defaults + the --dict dictionaries");
		if (ncd)
			code_bench(&c, cdicts, "--code-dict dictionaries", threads);
		code_bench(&c, NULL, "default dictionaries", threads);
	}
	ingest_bench(&c);
	printf("peak RSS: %.1f MB (the in-memory corpus included)\n", peak_rss_mb());
	free_corpus(&c);
	return 0;
}
