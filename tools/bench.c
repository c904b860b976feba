/*
** bench.c — throughput of the text stages on real corpora.
**
**     bench CORPUS.jsonl...
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
#include <time.h>
#include <unistd.h>

#include "dyad.h"

#define MIN_SECONDS 2.0

/* One article held in memory. */
typedef struct article {
	char *id;         /* document id (copy) */
	char *date;       /* metadata date (copy) or NULL */
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

/* One thread's share of a run. */
typedef struct job {
	const dyad_engine *eng;
	const corpus *c;
	int given;        /* pass each article's language */
	int ok;           /* the thread ran */
	size_t docs, failed, sents, toks, bytes;
	double secs;
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

/* One pass over the corpus; adds to the job's counters. */
static void pass(job *jb, dyad_ctx *ctx)
{
	size_t i, s;

	for (i = 0; i < jb->c->n; i++) {
		const article *a = &jb->c->a[i];
		dyad_input in;
		const dyad_doc *doc;
		dyad_doc_info info;

		input_of(a, jb->given, &in);
		jb->docs++;
		jb->bytes += a->len;
		if (dyad_ctx_process(ctx, &in, &doc) != DYAD_OK) {
			jb->failed++;
			continue;
		}
		dyad_doc_get_info(doc, &info);
		jb->sents += info.n_sentences;
		for (s = 0; s < info.n_sentences; s++) {
			dyad_sentence st;
			if (dyad_doc_sentence(doc, s, &st) == DYAD_OK)
				jb->toks += st.n_tokens;
		}
	}
}

/* A thread: one warm-up pass, then passes until MIN_SECONDS are up. */
static void *worker(void *arg)
{
	job *jb = arg;
	dyad_ctx *ctx;
	double t0;

	if (dyad_ctx_new(jb->eng, &ctx) != DYAD_OK)
		return NULL;
	pass(jb, ctx); /* warm-up: buffers and caches reach their steady state */
	jb->docs = jb->failed = jb->sents = jb->toks = jb->bytes = 0;
	t0 = now();
	do
		pass(jb, ctx);
	while (now() - t0 < MIN_SECONDS);
	jb->secs = now() - t0;
	jb->ok = 1;
	dyad_ctx_free(ctx);
	return NULL;
}

/* Runs the corpus on `threads` threads and prints one line; returns the
** MB/s, or 0 when a thread could not start. */
static double run(const dyad_engine *eng, const corpus *c, int given, int threads)
{
	pthread_t *th = calloc((size_t)threads, sizeof *th);
	job *jobs = calloc((size_t)threads, sizeof *jobs), sum;
	int t, started = 0;
	double mbs = 0;
	char g[3][32];

	memset(&sum, 0, sizeof sum);
	if (!th || !jobs)
		goto out;
	for (t = 0; t < threads; t++) {
		jobs[t].eng = eng;
		jobs[t].c = c;
		jobs[t].given = given;
		if (pthread_create(&th[t], NULL, worker, &jobs[t]) != 0)
			break;
		started++;
	}
	for (t = 0; t < started; t++) {
		pthread_join(th[t], NULL);
		sum.bytes += jobs[t].bytes;
		sum.docs += jobs[t].docs;
		sum.failed += jobs[t].failed;
		sum.sents += jobs[t].sents;
		sum.toks += jobs[t].toks;
		sum.ok += jobs[t].ok;
		if (jobs[t].secs > sum.secs)
			sum.secs = jobs[t].secs;
	}
	if (started < threads || sum.ok < threads || sum.secs <= 0) {
		printf("text stages, %s: %d threads: could not run (%d of %d started)\n",
		       given ? "language given" : "language detected", threads, sum.ok, threads);
		goto out;
	}
	mbs = (double)sum.bytes / 1e6 / sum.secs;
	printf("text stages, %-18s %2d thread%s %7.1f MB of text in %.2f s: %6.1f MB/s, "
	       "%9s docs/s, %11s sentences/s, %12s tokens/s",
	       given ? "language given:" : "language detected:", threads, threads == 1 ? ": " : "s:",
	       (double)sum.bytes / 1e6, sum.secs, mbs,
	       grouped(g[0], sizeof g[0], (double)sum.docs / sum.secs),
	       grouped(g[1], sizeof g[1], (double)sum.sents / sum.secs),
	       grouped(g[2], sizeof g[2], (double)sum.toks / sum.secs));
	if (sum.failed)
		printf(" (%zu documents refused)", sum.failed);
	printf("\n");
out:
	free(th);
	free(jobs);
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

static void free_corpus(corpus *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->a[i].id);
		free(c->a[i].date);
		free(c->a[i].text);
	}
	free(c->a);
}

int main(int argc, char **argv)
{
	corpus c;
	dyad_engine *eng = NULL;
	dyad_status st;
	double t0, one, many;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int threads = cores > 1 ? (int)(cores > 256 ? 256 : cores) : 1, given;

	const char *dicts[64];
	int nd = 0;

	/* --dict PATH (repeatable): dictionaries for the actor benchmark,
	** loaded after dyad's defaults. */
	while (argc > 2 && strcmp(argv[1], "--dict") == 0 && nd < 63) {
		dicts[nd++] = argv[2];
		argc -= 2;
		argv += 2;
	}
	dicts[nd] = NULL;
	if (argc < 2) {
		fprintf(stderr, "usage: bench [--dict PATH]... CORPUS.jsonl...\n");
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
	for (given = 0; given <= 1; given++) {
		one = run(eng, &c, given, 1);
		if (threads > 1) {
			many = run(eng, &c, given, threads);
			if (one > 0 && many > 0)
				printf("  scaling: %.2fx on %d threads (%.0f%% of linear)\n", many / one,
				       threads, 100.0 * many / one / threads);
		}
	}
	actor_bench(&c, NULL, "default dictionaries");
	if (nd)
		actor_bench(&c, dicts, "defaults + the --dict dictionaries");
	printf("peak RSS: %.1f MB (the in-memory corpus included)\n", peak_rss_mb());
	free_corpus(&c);
	dyad_engine_free(eng);
	return 0;
}
