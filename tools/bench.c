/*
** bench.c — throughput of the text stages on real corpora.
**
** A benchmark, not a test: it reads JSONL corpora through dyad_reader,
** keeps every article in memory (so I/O and JSON parsing are not timed),
** then runs dyad_ctx_process over them repeatedly for at least two
** seconds, on one thread and then on every core (one context per thread,
** one shared engine). Two runs: the corpus as given (language detected),
** and with each article's language given, which leaves normalization,
** structure, tokenization and segmentation.
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "dyad.h"

typedef struct article {
	char *id, *date, *text;
	size_t len;
} article;

typedef struct corpus {
	article *a;
	size_t n, cap, bytes;
} corpus;

typedef struct job {
	const dyad_engine *eng;
	const corpus *c;
	const char *lang;   /* given language, or NULL to detect */
	double min_secs;
	size_t docs, sents, toks, bytes;
	double secs;
} job;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int load(corpus *c, char **paths, int n)
{
	dyad_reader *rd;
	dyad_input in;
	dyad_status st;
	int i;

	if (dyad_reader_new(&rd) != DYAD_OK)
		return -1;
	for (i = 0; i < n; i++)
		dyad_reader_add(rd, paths[i]);
	while ((st = dyad_reader_next(rd, &in)) != DYAD_DONE) {
		article *a;
		if (st != DYAD_OK)
			continue;
		if (c->n == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 1024;
			c->a = realloc(c->a, c->cap * sizeof *c->a);
			if (!c->a)
				return -1;
		}
		a = &c->a[c->n++];
		a->id = dup_or_null(in.id);
		a->date = dup_or_null(in.date);
		a->text = malloc(in.text_len + 1);
		memcpy(a->text, in.text, in.text_len);
		a->len = in.text_len;
		c->bytes += in.text_len;
	}
	dyad_reader_free(rd);
	return 0;
}

/* One pass over the corpus; adds to the job's counters. */
static void pass(job *jb, dyad_ctx *ctx)
{
	size_t i;

	for (i = 0; i < jb->c->n; i++) {
		const article *a = &jb->c->a[i];
		dyad_input in;
		const dyad_doc *doc;
		dyad_doc_info info;
		size_t s;

		memset(&in, 0, sizeof in);
		in.id = a->id;
		in.date = a->date;
		in.lang = jb->lang;
		in.text = a->text;
		in.text_len = a->len;
		jb->docs++;
		jb->bytes += a->len;
		if (dyad_ctx_process(ctx, &in, &doc) != DYAD_OK)
			continue;
		dyad_doc_get_info(doc, &info);
		jb->sents += info.n_sentences;
		for (s = 0; s < info.n_sentences; s++) {
			dyad_sentence st;
			dyad_doc_sentence(doc, s, &st);
			jb->toks += st.n_tokens;
		}
	}
}

static void *worker(void *arg)
{
	job *jb = arg;
	dyad_ctx *ctx;
	double t0;

	if (dyad_ctx_new(jb->eng, &ctx) != DYAD_OK)
		return NULL;
	pass(jb, ctx); /* warm-up: buffers reach their steady size */
	jb->docs = jb->sents = jb->toks = jb->bytes = 0;
	t0 = now();
	do
		pass(jb, ctx);
	while (now() - t0 < jb->min_secs);
	jb->secs = now() - t0;
	dyad_ctx_free(ctx);
	return NULL;
}

static void run(const dyad_engine *eng, const corpus *c, const char *lang, int threads,
		const char *label)
{
	pthread_t th[64];
	job jobs[64], sum;
	int t;

	memset(&sum, 0, sizeof sum);
	for (t = 0; t < threads; t++) {
		memset(&jobs[t], 0, sizeof jobs[t]);
		jobs[t].eng = eng;
		jobs[t].c = c;
		jobs[t].lang = lang;
		jobs[t].min_secs = 2.0;
		pthread_create(&th[t], NULL, worker, &jobs[t]);
	}
	for (t = 0; t < threads; t++) {
		pthread_join(th[t], NULL);
		sum.bytes += jobs[t].bytes;
		sum.docs += jobs[t].docs;
		sum.sents += jobs[t].sents;
		sum.toks += jobs[t].toks;
		if (jobs[t].secs > sum.secs)
			sum.secs = jobs[t].secs;
	}
	printf("%-34s %d thread%s: %7.1f MB/s  %9.0f docs/s  %10.0f sentences/s  %11.0f tokens/s\n",
	       label, threads, threads == 1 ? " " : "s", (double)sum.bytes / 1e6 / sum.secs,
	       (double)sum.docs / sum.secs, (double)sum.sents / sum.secs,
	       (double)sum.toks / sum.secs);
}

int main(int argc, char **argv)
{
	corpus c = { NULL, 0, 0, 0 };
	dyad_engine *eng;
	struct rusage ru;
	double t0;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int threads = cores > 1 ? (int)(cores > 64 ? 64 : cores) : 1;

	if (argc < 2) {
		fprintf(stderr, "usage: bench CORPUS.jsonl...\n");
		return 2;
	}
	t0 = now();
	if (dyad_engine_new(NULL, &eng) != DYAD_OK) {
		fprintf(stderr, "bench: %s\n", dyad_engine_errmsg(eng));
		return 1;
	}
	printf("engine load: %.1f ms\n", (now() - t0) * 1e3);
	if (load(&c, argv + 1, argc - 1) != 0 || !c.n) {
		fprintf(stderr, "bench: no articles read\n");
		return 1;
	}
	printf("corpus: %zu articles, %.1f MB of text (held in memory; I/O not timed)\n", c.n,
	       (double)c.bytes / 1e6);
	run(eng, &c, NULL, 1, "text stages, language detected");
	run(eng, &c, "en", 1, "text stages, language given");
	if (threads > 1) {
		run(eng, &c, NULL, threads, "text stages, language detected");
		run(eng, &c, "en", threads, "text stages, language given");
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("peak RSS: %.1f MB (corpus copy included)\n", (double)ru.ru_maxrss / 1024.0);
	dyad_engine_free(eng);
	return 0;
}
