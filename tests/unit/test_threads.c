/*
** test_threads.c — one engine, several threads, one context each.
**
** The engine is immutable after load and contexts are private, so every
** thread must produce exactly what a single thread produces. Built into
** `make check` as a plain test and into `make tsan` under ThreadSanitizer,
** which reports any shared write the design promises not to make.
*/
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "dyad.h"
#include "tap.h"

#define NTHREADS 4
#define ROUNDS 50

static const char *const texts[] = {
	"Doha, March 3 (Wire)-- Qatar's foreign minister met the U.S. envoy on "
	"Tuesday. \xE2\x80\x9CWe are close,\xE2\x80\x9D he said. Talks resume on Nov. 9, 2023.",
	"The humani-\ntarian corridor opened after the U.N. vote; 8,525 people\n"
	"crossed. Officials in Amir-\nAbdollahian's office declined to comment.",
	"\xD8\xA7\xD8\xB3\xD8\xAA\xD9\x82\xD8\xA8\xD9\x84 \xD8\xA7\xD9\x84\xD8\xA3\xD9\x85\xD9\x8A\xD8\xB1 "
	"\xD8\xA7\xD9\x84\xD9\x88\xD8\xB2\xD9\x8A\xD8\xB1. The emir received the minister.",
	"Le ministre a rencontr\xC3\xA9 son homologue \xC3\xA0 Paris. Les discussions ont "
	"port\xC3\xA9 sur la tr\xC3\xAAve et l'aide humanitaire.",
};
#define NTEXTS (sizeof texts / sizeof texts[0])

static const dyad_engine *eng;

/* A digest of everything a document yields, to compare across threads. */
static unsigned long digest(dyad_ctx *ctx, const char *text)
{
	dyad_input in;
	const dyad_doc *doc;
	dyad_doc_info info;
	unsigned long h = 5381;
	size_t i, j;

	memset(&in, 0, sizeof in);
	in.text = text;
	in.text_len = strlen(text);
	if (dyad_ctx_process(ctx, &in, &doc) != DYAD_OK)
		return 0;
	dyad_doc_get_info(doc, &info);
	for (i = 0; i < info.n_sentences; i++) {
		dyad_sentence s;
		dyad_doc_sentence(doc, i, &s);
		h = h * 33 + s.start * 7 + s.end + (unsigned char)s.lang[0];
		for (j = 0; j < s.text_len; j++)
			h = h * 33 + (unsigned char)s.text[j];
	}
	/* The actors too: the shared trie is read by every thread at once. */
	if (dyad_doc_actors(doc, &j) != DYAD_OK)
		return 0;
	for (i = 0; i < j; i++) {
		dyad_mention m;
		const char *c;
		dyad_doc_mention(doc, i, &m);
		h = h * 33 + m.start * 7 + m.end + (unsigned)m.how;
		for (c = m.code; *c; c++)
			h = h * 33 + (unsigned char)*c;
	}
	return h;
}

typedef struct job {
	unsigned long want[NTEXTS];
	int mismatches;
} job;

static void *worker(void *arg)
{
	job *jb = arg;
	dyad_ctx *ctx;
	int r;
	size_t k;

	if (dyad_ctx_new(eng, &ctx) != DYAD_OK) {
		jb->mismatches = -1;
		return NULL;
	}
	for (r = 0; r < ROUNDS; r++)
		for (k = 0; k < NTEXTS; k++)
			jb->mismatches += digest(ctx, texts[(k + (size_t)r) % NTEXTS]) !=
					  jb->want[(k + (size_t)r) % NTEXTS];
	dyad_ctx_free(ctx);
	return NULL;
}

int main(void)
{
	dyad_engine *e;
	dyad_ctx *ctx;
	pthread_t th[NTHREADS];
	job jobs[NTHREADS];
	unsigned long want[NTEXTS];
	int t, bad = 0, started = 0;
	size_t k;

	dyad_config cfg;

	memset(&cfg, 0, sizeof cfg);
	cfg.actors = 1; /* the default dictionaries */
	if (dyad_engine_new(&cfg, &e) != DYAD_OK || dyad_ctx_new(e, &ctx) != DYAD_OK) {
		printf("not ok 1 - engine: %s\n", dyad_engine_errmsg(e));
		return 1;
	}
	eng = e;
	for (k = 0; k < NTEXTS; k++)
		want[k] = digest(ctx, texts[k]);
	dyad_ctx_free(ctx);
	CHECK(want[0] && want[1] && want[2] && want[3], "single-thread digests computed");
	for (t = 0; t < NTHREADS; t++) {
		memcpy(jobs[t].want, want, sizeof want);
		jobs[t].mismatches = 0;
		started += pthread_create(&th[t], NULL, worker, &jobs[t]) == 0;
	}
	CHECK_EQ_INT(started, NTHREADS, "threads started");
	for (t = 0; t < started; t++) {
		pthread_join(th[t], NULL);
		bad += jobs[t].mismatches != 0;
	}
	CHECK_EQ_INT(bad, 0, "every thread reproduces the single-thread output");
	dyad_engine_free(e);
	return tap_done();
}
