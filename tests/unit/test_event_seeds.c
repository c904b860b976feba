/*
** test_event_seeds.c — the event issue's acceptance checks on the two
** seed articles, with dyad's default dictionaries (data/actors/, data/
** verbs/) and default coding options. The seeds are third-party text,
** read at run time from ../shared/seeds and never copied here; without
** them the checks are reported as skipped.
**
** Each rule asks for at least one event with a CAMEO root, a source and
** a target whose codes begin as given (either way round for a meeting),
** and, when it names one, a source whose text in the article contains a
** word: the statement must be Raisi's, not the news agency's. Events no
** rule asks for are printed, so the false positives stay in view.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"
#include "seeds.h"
#include "tap.h"

typedef struct erule {
	const char *roots;   /* allowed roots, "04" or "01 11" */
	const char *src, *tgt; /* code prefixes */
	int either;          /* source and target may be swapped */
	const char *src_word; /* the source's text contains this, or NULL */
	const char *what;
} erule;

static char text[1 << 20];
static size_t text_len;

static int starts(const char *code, const char *prefix)
{
	return strncmp(code, prefix, strlen(prefix)) == 0;
}

static int span_has(size_t a, size_t b, const char *word)
{
	size_t k = strlen(word), i;

	for (i = a; b <= text_len && i + k <= b; i++)
		if (memcmp(text + i, word, k) == 0)
			return 1;
	return 0;
}

static int fits(const dyad_event *e, const erule *r)
{
	int fwd = starts(e->source, r->src) && starts(e->target, r->tgt);
	int back = r->either && starts(e->source, r->tgt) && starts(e->target, r->src);

	if (!strstr(r->roots, e->root) || !(fwd || back))
		return 0;
	return !r->src_word || span_has(e->src_start, e->src_end, r->src_word);
}

static void seed(dyad_ctx *ctx, const char *name, const erule *rules, size_t nr)
{
	const dyad_doc *doc = seed_load(ctx, name);
	dyad_code_opts o;
	size_t n = 0, i, j;
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, SEEDS "%s", name);
	if (!doc || !(f = fopen(path, "rb"))) {
		printf("ok %d - # SKIP ../shared/seeds absent: %s event checks not run\n", ++tap_n, name);
		return;
	}
	text_len = fread(text, 1, sizeof text, f);
	fclose(f);
	dyad_code_opts_init(&o);
	CHECK(dyad_doc_events(doc, &o, &n) == DYAD_OK && n > 0, "events coded");
	for (j = 0; j < nr; j++) {
		int seen = 0;
		char msg[256];
		for (i = 0; i < n && !seen; i++) {
			dyad_event e;
			seen = dyad_doc_event(doc, i, &e) == DYAD_OK && fits(&e, &rules[j]);
		}
		snprintf(msg, sizeof msg, "%.3s: %s", name, rules[j].what);
		CHECK(seen, msg);
	}
	for (i = 0; i < n; i++) {
		dyad_event e;
		int asked = 0;
		if (dyad_doc_event(doc, i, &e) != DYAD_OK)
			continue;
		for (j = 0; j < nr && !asked; j++)
			asked = fits(&e, &rules[j]);
		if (!asked)
			printf("#   not asked for: sentence %zu %s -> %s %s\n", e.sent, e.source,
			       e.target, e.cameo);
	}
}

int main(void)
{
	static const erule r000[] = {
		{"04", "IRNGOV", "QAT", 1, NULL,
		 "a consultation between Iran's foreign minister and Qatar's leaders (04x)"},
		{"04", "IRNGOV", "PSEREBHMS", 1, NULL,
		 "a consultation between Iran's foreign minister and Hamas's leader (04x)"},
		{"01 11", "IRN", "USA", 0, "Raisi",
		 "Raisi's statement against the United States (01x or 11x)"},
		{"07", "USA", "ISR", 0, NULL, "the United States provides weapons to Israel (07x)"},
		{"12", "ISR", "IGOUNO", 0, NULL,
		 "Israel rejects the General Assembly's truce resolution (12x)"},
	};
	static const erule r004[] = {
		{"04", "IRNGOV", "PSEREBHMS", 1, NULL,
		 "a consultation between Iran's foreign minister and Hamas's leader (04x)"},
		{"05", "QAT", "IRN", 0, NULL, "Qatar thanks or praises Iran (05x)"},
	};
	dyad_engine *eng = NULL;
	dyad_ctx *ctx = NULL;
	dyad_config cfg;

	memset(&cfg, 0, sizeof cfg);
	cfg.actors = 1;
	cfg.events = 1;
	if (dyad_engine_new(&cfg, &eng) != DYAD_OK || dyad_ctx_new(eng, &ctx) != DYAD_OK) {
		printf("not ok 1 - engine: %s\n", eng ? dyad_engine_errmsg(eng) : "out of memory");
		return 1;
	}
	seed(ctx, "000_f8e8045361a76b08.txt", r000, sizeof r000 / sizeof *r000);
	seed(ctx, "004_fc450134ee5bacbb.txt", r004, sizeof r004 / sizeof *r004);
	dyad_ctx_free(ctx);
	dyad_engine_free(eng);
	return tap_done();
}
