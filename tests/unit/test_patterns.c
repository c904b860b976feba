/*
** test_patterns.c — the verb pattern engine (src/patterns.c) and the event
** coder (src/events.c), one feature at a time, through the public API.
**
** Small dictionaries written for this test go to a temporary directory:
** four made-up countries (a dyad actors file and a TABARI one), a verbs
** file in each of the three formats the engine reads, and two with bad
** lines. Each check codes one made-up sentence and compares its events,
** written "SRC>TGT:CAMEO" and sorted, with what docs/patterns.md and the
** TABARI manual (chapters 5 to 8) say the feature does; some also check
** the pattern's file:line, the spans, how an actor was found, the
** modality flags or the sentence's status. Every expectation differs from
** what the coder gives with the feature taken away (a pattern that does
** not match falls back to its group's default code, which is another
** code), so each check can fail. The TABARI options are checked line by
** line through dyad_code_opts_tabari and then by what they change. A check
** whose name cites a section of the TABARI manual ("(7.6.1)") holds the
** coder to what that section says.
*/
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dyad.h"
#include "tap.h"

static char tmpdir[] = "/tmp/dyad-patterns-XXXXXX";
static char datadir[PATH_MAX];

/* ---- dictionaries (line numbers matter: patterns are named by them) -- */

static const char actors_txt[] =
	"@kind actors\n"
	"@source made up for tests/unit/test_patterns.c\n"
	"Arnor\n  code ARN\n"
	"Gondor\n  code GON\n"
	"Rohan\n  code ROH\n"
	"Mordor\n  code MOR\n";

static const char verbs_txt[] =
	"@kind verbs\n"                          /* 1 */
	"@source made up for test_patterns.c\n"  /* 2 */
	"&WEAPON\n"                              /* 3 */
	"+tanks\n"                               /* 4 */
	"+artillery\n"                           /* 5 */
	"+heavy guns\n"                          /* 6 */
	"== CONSULT [040]\n"                     /* 7 */
	"meet\n"                                 /* 8 */
	"confer {conferred conferring}\n"        /* 9 */
	"- % * [040:040]\n"                      /* 10 */
	"- $ * with + [040:040]\n"               /* 11 */
	"== HOST [042]\n"                        /* 12 */
	"host\n"                                 /* 13 */
	"- $ * + [042:043]\n"                    /* 14 */
	"== CRITICIZE [111]\n"                   /* 15 */
	"criticize\n"                            /* 16 */
	"== ATTACK [190]\n"                      /* 17 */
	"attack\n"                               /* 18 */
	"- * + with &WEAPON [193]\n"             /* 19 */
	"- * + with_rockets [194]\n"             /* 20 */
	"- * + {near | across} the border [195]\n" /* 21 */
	"- * + across the border at night [196]\n" /* 22 */
	"== ACCUSE [112]\n"                      /* 23 */
	"accuse\n"                               /* 24 */
	"- + was * by $ [1121]\n"                /* 25 */
	"== ASK [020]\n"                         /* 26 */
	"ask\n"                                  /* 27 */
	"- * ^ for help against + [0233]\n"      /* 28 */
	"== STRIKE [190]\n"                      /* 29 */
	"strike\n"                               /* 30 */
	"- * deal [---]\n"                       /* 31 */
	"== URGE [020]\n"                        /* 32 */
	"urge [023?]\n"                          /* 33 */
	"== CONDEMN [111]\n"                     /* 34 */
	"condemn [1121!]\n"                      /* 35 */
	"== PLAY [---]\n"                        /* 36 */
	"play\n"                                 /* 37 */
	"- * chess [###]\n"                      /* 38 */
	"- * politics [+++]\n"                   /* 39 */
	"== TALKS [043]\n"                       /* 40 */
	"hold_talks\n"                           /* 41 */
	"talks noun\n"                           /* 42 */
	"- * between % [043:043]\n"              /* 43 */
	"== YIELD [080]\n"                       /* 44 */
	"give\n"                                 /* 45 */
	"- *_up + [081]\n"                       /* 46 */
	"- * in= [082]\n"                        /* 47 */
	"- * negotiat~ [083]\n"                  /* 48 */
	"- * {way | ground}_to + [084]\n"        /* 49 */
	"== REPORT [025]\n"                      /* 50 */
	"report [025?]\n"                        /* 51 */
	"== DENOUNCE [111]\n"                    /* 52 */
	"denounce\n"                             /* 53 */
	"- * + for crimes [1123!]\n";            /* 54 */

static const char agents_txt[] =
	"@kind agents\n"
	"@source made up for test_patterns.c\n"
	"President\n  code ~GOV\n";

/* TABARI: bare words are stems, WORD_ whole words, "A~ B" adjacent. */
static const char tabari_verbs[] =
	"<SYNSETS>\n"                            /* 1 */
	"&ARMS\n"                                /* 2 */
	"+TANK\n"                                /* 3 */
	"+ARTILLERY_\n"                          /* 4 */
	"+FIELD_GUN\n"                           /* 5 */
	"</SYNSETS>\n"                           /* 6 */
	"PROTEST_ [141]\n"                       /* 7 */
	"- * OUTSIDE + [1411]\n"                 /* 8 */
	"DEMONSTRAT [141]\n"                     /* 9 */
	"ACCUS [112]\n"                          /* 10 */
	"- + WAS * BY $ [1121]  ; designated passive\n" /* 11 */
	"- * + OF SPY [1122]\n"                  /* 12 */
	"SEIZE [192]\n"                          /* 13 */
	"- * &ARMS FROM + [1921]\n"              /* 14 */
	"- * &ARMS_AT + [1922]\n"                /* 15 */
	"FIGHT [190]\n"                          /* 16 */
	"{FOUGHT_ FIGHTING_ WAR}\n"              /* 17 */
	"SHELL [190]\n"                          /* 18 */
	"- * + WITH HEAVY~ GUN [195]\n"          /* 19 */
	"- * + FROM_ ARMY_ [196]\n"              /* 20 */
	"SEVER [160]\n"                          /* 21 */
	"SEVER LINKS [161]\n"                    /* 22: a blank, words may come between */
	"SEVER_ROAD [162]\n"                     /* 23: '_', they may not */
	"HALT [---]\n"                           /* 24: null, no pattern: no verb */
	"ACCORD [---]\n"                         /* 25: null, coded by a pattern */
	"- * WITH + [057]\n"                     /* 26 */
	"~FINISH\n"                              /* 27 */
	"TRAMPLE [180]\n";                       /* 28: after ~FINISH, unread */

static const char tabari_actors[] =
	"ARNOR [ARN]\n"
	"GONDOR [GON]\n"
	"MINAS_TIRITH [GON]\n"
	"WARDEN HOLLOW_MERE [WHM]\n"    /* a blank: other words may come between */
	"KESTREL_BAY [KBX]\n"
	"KESTREL BAY [KBY]\n"
	"TWIN_FORDS [TWA/TWB]\n"        /* a compound code: two actors */
	"FORD_WARDENS [~GRD]\n"
	"HILL_RAIDERS [~MILREB]\n"       /* an agent with a six-letter code */
	"TOLL_CLERKS [IGO~]\n"
	"RIVER_GUILD [ARNGRD]\n"
	"MARSH_TOWN [ARNMSH]\n"
	"U.N. [UNO]\n"
	"ENT= [ENT]\n"
	"<NOUN>\n"
	"SHELLS_\n"
	"</NOUN>\n"
	"<ADJECTIVE>\n"
	"GRIM\n"
	"</ADJECTIVE>\n";

static const char petrarch_verbs[] =
	"&CURRENCY\n"                            /* 1 */
	"+DOLLARS\n"                             /* 2 */
	"+EUROS\n"                               /* 3 */
	"--- GIVE [070] ---\n"                   /* 4 */
	"GIVE {GAVE GIVEN GIVING GIVES}\n"       /* 5 */
	"+HAND_OVER {+HANDED_OVER}\n"            /* 6 */
	"- * &CURRENCY TO + [071]  # money\n";   /* 7 */

/* Every line but 4 and 13 is refused. */
static const char bad_verbs[] =
	"@kind verbs\n"                          /* 1 */
	"meet\n"                                 /* 2: no group yet */
	"== CONSULT [040]\n"                     /* 3 */
	"meet\n"                                 /* 4 */
	"- $ with + [041]\n"                     /* 5: no '*' */
	"- * * + [042]\n"                        /* 6: two '*' */
	"- * +\n"                                /* 7: no code */
	"- * &NOPE + [043]\n"                    /* 8: unknown set */
	"- * {a | b [044]\n"                     /* 9: no '}' */
	"- * + [04.5]\n"                         /* 10: bad code */
	"== BROKEN [zz-z]\n"                     /* 11: bad group code */
	"- * + [046]\n"                          /* 12: its group was refused */
	"== MEETING [045]\n"                     /* 13 */
	"- * + | x [047]\n";                     /* 14: '|' outside {} */

/* TABARI roots refused for a bad code or no word: their forms and
** patterns must not go to another root. */
static const char skipped_verbs[] =
	"ATTACK [190]\n"                        /* 1 */
	"SAY [01.0]\n"                          /* 2: bad code, root skipped */
	"{SAID_ SAYS_}\n"                       /* 3 */
	"- * PEACE [0101]\n"                    /* 4 */
	"[042]\n"                               /* 5: no word, root skipped */
	"{VISITED_}\n";                         /* 6 */

/* ---- the rig ------------------------------------------------------- */

/* An engine over some of the files above and a context on it. */
typedef struct rig {
	dyad_engine *eng;
	dyad_ctx *ctx;
	const dyad_doc *doc;
	const char *text;  /* the last text coded */
	size_t n;          /* its events */
	dyad_status st;    /* what dyad_doc_events returned */
} rig;

static void put(const char *name, const char *text)
{
	FILE *f = fopen(name, "wb");

	if (!f || fputs(text, f) == EOF || fclose(f) != 0) {
		printf("not ok - cannot write %s/%s\n", tmpdir, name);
		exit(1);
	}
}

/* Loads an engine over dicts (file names in tmpdir, where the test runs,
** so patterns are named "verbs.txt:N"); 0 when it is ready. */
static int rig_open(rig *r, const char *const *dicts, int one_sentence)
{
	dyad_config cfg;

	memset(r, 0, sizeof *r);
	memset(&cfg, 0, sizeof cfg);
	cfg.data_dir = datadir;
	cfg.events = 1;
	cfg.no_default_dicts = 1;
	cfg.one_sentence = one_sentence;
	cfg.dicts = dicts;
	if (dyad_engine_new(&cfg, &r->eng) != DYAD_OK) {
		printf("#   engine: %s\n", r->eng ? dyad_engine_errmsg(r->eng) : "out of memory");
		return -1;
	}
	return dyad_ctx_new(r->eng, &r->ctx) == DYAD_OK ? 0 : -1;
}

static void rig_close(rig *r)
{
	dyad_ctx_free(r->ctx);
	dyad_engine_free(r->eng);
	memset(r, 0, sizeof *r);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
** Codes text with opts (NULL: the defaults) and returns its events as
** "SRC>TGT:CAMEO" in byte order, separated by blanks; "" for none, and
** "(...)" when coding failed. Static buffer: valid until the next call.
*/
static const char *code(rig *r, const char *text, const dyad_code_opts *opts)
{
	static char out[2048], item[64][48];
	char *sorted[64];
	dyad_input in;
	size_t i, k = 0;

	out[0] = 0;
	r->n = 0;
	r->text = text;
	memset(&in, 0, sizeof in);
	in.id = "t";
	in.text = text;
	in.text_len = strlen(text);
	if (!r->ctx || dyad_ctx_process(r->ctx, &in, &r->doc) != DYAD_OK)
		return "(not processed)";
	if ((r->st = dyad_doc_events(r->doc, opts, &r->n)) != DYAD_OK)
		return "(dyad_doc_events failed)";
	for (i = 0; i < r->n && i < 64; i++) {
		dyad_event e;
		if (dyad_doc_event(r->doc, i, &e) != DYAD_OK)
			return "(dyad_doc_event failed)";
		snprintf(item[i], sizeof item[i], "%s>%s:%s", e.source, e.target, e.cameo);
		sorted[i] = item[i];
	}
	qsort(sorted, i, sizeof *sorted, cmp_str);
	for (k = 0; k < i; k++) {
		if (k)
			strcat(out, " ");
		strcat(out, sorted[k]);
	}
	return out;
}

/* The event src>tgt:cameo of the last run into *e; 0 when there is none. */
static int event(rig *r, const char *src, const char *tgt, const char *cameo, dyad_event *e)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (dyad_doc_event(r->doc, i, e) == DYAD_OK && strcmp(e->source, src) == 0 &&
		    strcmp(e->target, tgt) == 0 && strcmp(e->cameo, cameo) == 0)
			return 1;
	memset(e, 0, sizeof *e);
	e->source = e->target = e->cameo = e->pattern = e->pattern_text = "";
	e->source_how = e->target_how = "";
	return 0;
}

/* The pattern (file:line) of event src>tgt:cameo, "(no such event)". */
static const char *pattern_of(rig *r, const char *src, const char *tgt, const char *cameo)
{
	dyad_event e;

	return event(r, src, tgt, cameo, &e) ? e.pattern : "(no such event)";
}

/* "start,end" of the n-th occurrence (from 1) of word in the last text. */
static const char *span_of(const rig *r, const char *word, int nth)
{
	static char buf[2][32];
	static int k;
	const char *p = r->text;

	k ^= 1;
	while (p && nth-- > 0 && (p = strstr(p, word)) != NULL)
		if (nth > 0)
			p++;
	if (!p)
		return "(not in the text)";
	snprintf(buf[k], sizeof buf[k], "%zu,%zu", (size_t)(p - r->text),
		 (size_t)(p - r->text) + strlen(word));
	return buf[k];
}

static const char *span(size_t a, size_t b)
{
	static char buf[2][32];
	static int k;

	k ^= 1;
	snprintf(buf[k], sizeof buf[k], "%zu,%zu", a, b);
	return buf[k];
}

static dyad_sent_status status0(rig *r)
{
	return dyad_doc_sent_status(r->doc, 0, NULL);
}

/* ---- dyad's format -------------------------------------------------- */

static void test_defaults_and_patterns(rig *r)
{
	dyad_event e;

	CHECK_EQ_STR(code(r, "Arnor criticized Gondor.", NULL), "ARN>GON:111",
		     "a verb with no pattern gets its group's default code");
	CHECK_EQ_STR(pattern_of(r, "ARN", "GON", "111"), "verbs.txt:16",
		     "... and the pattern names the verb line");
	event(r, "ARN", "GON", "111", &e);
	CHECK_EQ_STR(span(e.src_start, e.src_end), span_of(r, "Arnor", 1), "source span");
	CHECK_EQ_STR(span(e.verb_start, e.verb_end), span_of(r, "criticized", 1), "verb span");
	CHECK_EQ_STR(span(e.tgt_start, e.tgt_end), span_of(r, "Gondor", 1), "target span");
	CHECK_EQ_STR(e.source_how, "first actor before the verb", "default source search");
	CHECK_EQ_STR(e.target_how, "first actor after the verb", "default target search");
	CHECK(strcmp(e.root, "11") == 0 && e.quad == 3 && e.has_goldstein,
	      "the CAMEO table gives root, quad and Goldstein");
	CHECK(e.confidence > 0 && e.confidence <= 1, "confidence in (0, 1]");
	CHECK(strlen(e.id) == 16 && strspn(e.id, "0123456789abcdef") == 16, "id: 16 hex digits");

	CHECK_EQ_STR(code(r, "Arnor attacked Gondor with rockets.", NULL), "ARN>GON:194",
		     "- * + with_rockets beats the default code");
	CHECK_EQ_STR(pattern_of(r, "ARN", "GON", "194"), "verbs.txt:20", "... named by its line");
	event(r, "ARN", "GON", "194", &e);
	CHECK(strstr(e.pattern_text, "* + with_rockets") != NULL, "pattern_text is the pattern");
	CHECK_EQ_STR(e.target_how, "pattern", "the target came from '+'");

	CHECK_EQ_STR(code(r, "Arnor attacked Gondor across the border at night.", NULL),
		     "ARN>GON:196", "the longest matching pattern wins, whatever the file order");
	CHECK_EQ_STR(code(r, "Arnor attacked Gondor across the border.", NULL), "ARN>GON:195",
		     "... and the shorter one when the longer does not match");
	CHECK_EQ_STR(code(r, "Arnor attacked Gondor.", NULL), "ARN>GON:190",
		     "no pattern matches: the default code");
}

static void test_designation(rig *r)
{
	dyad_event e;

	CHECK_EQ_STR(code(r, "Arnor hosted Gondor.", NULL), "ARN>GON:042 GON>ARN:043",
		     "$ * + with a paired code [042:043]");
	event(r, "GON", "ARN", "043", &e);
	CHECK_EQ_STR(span(e.src_start, e.src_end), span_of(r, "Gondor", 1),
		     "the reversed event takes the target's span as its source");
	CHECK_EQ_STR(code(r, "Gondor was accused by Arnor.", NULL), "ARN>GON:1121",
		     "- + was * by $: the pattern designates, no automatic swap on top");
	event(r, "ARN", "GON", "1121", &e);
	CHECK(strcmp(e.source_how, "pattern") == 0 && strcmp(e.target_how, "pattern") == 0,
	      "... both actors from the pattern");
	CHECK_EQ_STR(code(r, "Gondor was attacked by Arnor.", NULL), "ARN>GON:190",
		     "automatic passive: was ... by swaps source and target");
	event(r, "ARN", "GON", "190", &e);
	CHECK_EQ_STR(span(e.src_start, e.src_end), span_of(r, "Arnor", 1), "... source span after by");
	CHECK_EQ_STR(code(r, "Gondor has been attacked by Arnor.", NULL), "ARN>GON:190",
		     "automatic passive with been two words before the verb");
	CHECK_EQ_STR(code(r, "Gondor attacked Arnor by night.", NULL), "GON>ARN:190",
		     "no auxiliary before the verb: not passive");
}

static void test_compound_marker(rig *r)
{
	CHECK_EQ_STR(code(r, "Arnor and Gondor met on Monday.", NULL), "ARN>GON:040 GON>ARN:040",
		     "% *: a compound meets itself both ways");
	CHECK_EQ_STR(pattern_of(r, "ARN", "GON", "040"), "verbs.txt:10", "... through the % pattern");
	CHECK_EQ_STR(code(r, "Arnor, Gondor and Rohan met on Monday.", NULL),
		     "ARN>GON:040 ARN>ROH:040 GON>ARN:040 GON>ROH:040 ROH>ARN:040 ROH>GON:040",
		     "% * with three members: every ordered pair");
	CHECK_EQ_STR(code(r, "Arnor met with Gondor.", NULL), "ARN>GON:040 GON>ARN:040",
		     "not a compound: % fails, $ * with + gives the pair");
	CHECK_EQ_STR(pattern_of(r, "GON", "ARN", "040"), "verbs.txt:11", "... through line 11");
	CHECK_EQ_STR(code(r, "Arnor met Gondor.", NULL), "ARN>GON:040",
		     "no pattern: the default code is not paired");
	CHECK_EQ_STR(code(r, "The talks between Arnor and Gondor ended.", NULL),
		     "ARN>GON:043 GON>ARN:043", "a noun verb after 'the' still codes (* between %)");
	CHECK_EQ_STR(code(r, "Arnor saw the attack on Gondor.", NULL), "",
		     "a verb after a determiner is a noun: no event");
}

static void test_words(rig *r)
{
	/* The second time a context codes a word it finds the word through
	** the actor stage's number for it, not its text: the same words in
	** another order must still code as the first time. */
	{
		static const char *const texts[] = {
			"Arnor attacked Gondor with tanks near the border.",
			"Gondor asked Rohan for help against Arnor.",
			"Near the border, Rohan asked Arnor for tanks.",
		};
		char first[3][256];
		size_t i;
		for (i = 0; i < 3; i++)
			snprintf(first[i], sizeof first[i], "%s", code(r, texts[i], NULL));
		CHECK(first[0][0] && first[1][0], "the texts code to events");
		for (i = 3; i-- > 0;)
			CHECK_EQ_STR(code(r, texts[i], NULL), first[i],
				     "a text coded again, its words known by number, codes the same");
	}
	CHECK_EQ_STR(code(r, "Arnor asked Rohan for help against Gondor.", NULL), "ARN>GON:0233",
		     "^ skips an actor: the target is the second one");
	CHECK_EQ_STR(code(r, "Arnor asked for help against Gondor.", NULL), "ARN>GON:020",
		     "^ needs an actor to skip");
	CHECK_EQ_STR(code(r, "Arnor attacked Gondor near the border.", NULL), "ARN>GON:195",
		     "{near | across}: first alternative");
	CHECK_EQ_STR(code(r, "Arnor attacked Gondor along the border.", NULL), "ARN>GON:190",
		     "{near | across}: neither");
	CHECK_EQ_STR(code(r, "Arnor attacked Gondor with tanks.", NULL), "ARN>GON:193",
		     "&WEAPON: a one-word member");
	CHECK_EQ_STR(code(r, "Arnor attacked Gondor with artillery.", NULL), "ARN>GON:193",
		     "&WEAPON: another member");
	CHECK_EQ_STR(code(r, "Arnor attacked Gondor with heavy guns.", NULL), "ARN>GON:193",
		     "&WEAPON: a two-word member");
	CHECK_EQ_STR(code(r, "Arnor attacked Gondor with cavalry.", NULL), "ARN>GON:190",
		     "&WEAPON: not a member");
	CHECK_EQ_STR(code(r, "Arnor attacked Gondor with many rockets.", NULL), "ARN>GON:190",
		     "with_rockets: a word between fails");
	CHECK_EQ_STR(code(r, "Arnor gave up Gondor.", NULL), "ARN>GON:081", "*_up: right after the verb");
	CHECK_EQ_STR(code(r, "Arnor gave it up to Gondor.", NULL), "ARN>GON:080",
		     "*_up: a word between fails");
	CHECK_EQ_STR(code(r, "Arnor gave in to Gondor.", NULL), "ARN>GON:082", "in= matches in");
	CHECK_EQ_STR(code(r, "Arnor gave ins to Gondor.", NULL), "ARN>GON:080",
		     "in= takes no ending");
	CHECK_EQ_STR(code(r, "Arnor gave negotiators to Gondor.", NULL), "ARN>GON:083",
		     "negotiat~ is a stem");
	CHECK_EQ_STR(code(r, "Arnor gave ground to Gondor.", NULL), "ARN>GON:084",
		     "{way | ground}_to: second alternative, then to at once");
	CHECK_EQ_STR(code(r, "Arnor gave way quickly to Gondor.", NULL), "ARN>GON:080",
		     "{way | ground}_to: a word between fails");
}

static void test_forms(rig *r)
{
	dyad_event e;

	CHECK_EQ_STR(code(r, "Arnor met Gondor.", NULL), "ARN>GON:040", "met: irregular, from the table");
	CHECK_EQ_STR(code(r, "Arnor meets Gondor.", NULL), "ARN>GON:040", "meets: -s");
	CHECK_EQ_STR(code(r, "Arnor is meeting Gondor.", NULL), "ARN>GON:040", "meeting: -ing");
	CHECK_EQ_STR(code(r, "Arnor criticizes Gondor.", NULL), "ARN>GON:111", "criticizes");
	CHECK_EQ_STR(code(r, "Arnor was criticizing Gondor.", NULL), "ARN>GON:111",
		     "criticizing: e dropped before -ing");
	CHECK_EQ_STR(code(r, "Arnor criticised Gondor.", NULL), "", "criticised is no form of criticize");
	CHECK_EQ_STR(code(r, "Arnor gave way to Gondor.", NULL), "ARN>GON:084", "gave: irregular");
	CHECK_EQ_STR(code(r, "Arnor conferred with Gondor.", NULL), "ARN>GON:040 GON>ARN:040",
		     "conferred: a form given in {...}");
	event(r, "ARN", "GON", "040", &e);
	CHECK_EQ_STR(span(e.verb_start, e.verb_end), span_of(r, "conferred", 1), "... its span");
	CHECK_EQ_STR(code(r, "Arnor held talks with Gondor.", NULL), "ARN>GON:043",
		     "hold_talks: the first word inflects (held talks)");
	event(r, "ARN", "GON", "043", &e);
	CHECK_EQ_STR(span(e.verb_start, e.verb_end), span_of(r, "held talks", 1),
		     "... the verb span covers both words");
	CHECK_EQ_STR(pattern_of(r, "ARN", "GON", "043"), "verbs.txt:41", "... named by its verb line");
}

static void test_special_codes(rig *r)
{
	CHECK_EQ_STR(code(r, "Arnor struck Gondor.", NULL), "ARN>GON:190", "strike: its default");
	CHECK_EQ_STR(code(r, "Arnor struck a deal with Gondor.", NULL), "",
		     "[---]: the pattern matches and codes nothing");
	CHECK_EQ_INT(status0(r), DYAD_SENT_CODED, "... the sentence is still coded");
	CHECK_EQ_STR(code(r, "Arnor played golf with Gondor.", NULL), "",
		     "a group whose default is [---]");
	CHECK_EQ_STR(code(r, "Arnor played chess with Gondor.", NULL), "", "[###]: no event");
	CHECK_EQ_INT(status0(r), DYAD_SENT_DISCARDED, "[###]: the sentence is discarded");
	CHECK_EQ_STR(code(r, "Arnor played politics with Gondor.", NULL), "", "[+++]: no event");
	CHECK_EQ_INT(status0(r), DYAD_SENT_COMPLEX, "[+++]: the sentence is complex");
	CHECK_EQ_STR(code(r, "Arnor attacked Gondor and played chess.", NULL), "",
		     "[###] in a later clause discards the events of the whole sentence");
}

static void test_priorities(rig *r)
{
	dyad_code_opts o;

	dyad_code_opts_init(&o);
	CHECK_EQ_STR(code(r, "Arnor urged Gondor.", NULL), "ARN>GON:023",
		     "[023?] stands when there is nothing else");
	CHECK_EQ_STR(code(r, "Arnor urged Gondor to attack Rohan.", NULL), "ARN>ROH:190",
		     "[023?] gives way to another event of its clause");
	CHECK_EQ_STR(code(r, "Arnor condemned Rohan and criticized Gondor.", NULL), "ARN>ROH:1121",
		     "[1121!]: only dominant events stay in the sentence");
	CHECK_EQ_STR(code(r, "Arnor criticized Gondor and condemned Rohan.", NULL), "ARN>ROH:1121",
		     "[1121!] in a later clause removes the earlier event");
	/* TABARI manual 6.6.2: "a pattern with a dominant code is always
	** coded in a clause, even if it occurs after some other pattern". A
	** verb's own dominant code is no pattern: after the clause's first
	** event it is not tried (validation FRWD-002-003), except under CODE
	** ALL, which codes every verb (CODEBY-12). */
	CHECK_EQ_STR(code(r, "Arnor criticized Gondor before it denounced Rohan for crimes.", NULL),
		     "ARN>ROH:1123", "a [1123!] pattern after another event of the same clause (6.6.2)");
	o.news = 0; /* TABARI's clauses: "before" cuts none */
	CHECK_EQ_STR(code(r, "Arnor criticized Gondor before it condemned Rohan.", &o),
		     "ARN>GON:111", "... a verb's own [1121!] is no pattern: the first event stays");
	o.news = 1;
	o.code_by = 2;
	CHECK_EQ_STR(code(r, "Arnor criticized Gondor before it condemned Rohan.", &o),
		     "ARN>ROH:1121", "... under CODE ALL it is coded and dominates");
	o.code_by = 0;
	/* 6.6.1: "a single non-subordinate event will eliminate all
	** subordinate events"; without one, all stand. */
	CHECK_EQ_STR(code(r, "Arnor reported that it urged Gondor.", NULL), "ARN>GON:023 ARN>GON:025",
		     "two subordinate events of one clause, nothing else: both stand (6.6.1)");
	o.code_by = 1;
	CHECK_EQ_STR(code(r, "Arnor reported that it urged Gondor.", &o), "ARN>GON:025",
		     "... CODE BY SENTENCE keeps the first (7.6.1)");
	o.code_by = 0;
	/* 7.6.1: under CODE BY SENTENCE and CODE ALL a subordinate event is
	** promoted only if no other event is found in the sentence. */
	o.code_by = 1;
	CHECK_EQ_STR(code(r, "Arnor urged Rohan but Gondor attacked Mordor.", &o), "GON>MOR:190",
		     "CODE BY SENTENCE: [023?] in the first clause gives way to the second's (7.6.1)");
	o.code_by = 2;
	CHECK_EQ_STR(code(r, "Arnor urged Rohan but Gondor attacked Mordor.", &o), "GON>MOR:190",
		     "CODE ALL: [023?] gives way to an event of another clause (7.6.1)");
}

/* ---- sentence structure -------------------------------------------- */

static void test_structure(rig *r)
{
	dyad_code_opts o;
	dyad_event e;
	char msg[DYAD_ERRMSG_MAX];

	CHECK_EQ_STR(code(r, "Arnor and Gondor attacked Mordor.", NULL), "ARN>MOR:190 GON>MOR:190",
		     "a compound source expands");
	CHECK_EQ_STR(code(r, "Arnor attacked Gondor and Rohan.", NULL), "ARN>GON:190 ARN>ROH:190",
		     "a compound target expands");
	CHECK_EQ_STR(code(r, "Yesterday attacked Gondor and Rohan.", NULL), "GON>ROH:190",
		     "a source found after the verb stands alone; its compound's next member is the "
		     "target (7.10)");
	CHECK_EQ_STR(code(r, "Arnor and Gondor criticized the plan.", NULL), "ARN>GON:111",
		     "no target anywhere: a compound source's first member acts on the next");
	CHECK_EQ_STR(code(r, "Gondor was angry and he attacked Mordor.", NULL), "GON>MOR:190",
		     "he is the first actor of the sentence");
	event(r, "GON", "MOR", "190", &e);
	CHECK_EQ_STR(span(e.src_start, e.src_end), span_of(r, "he", 1), "... with the pronoun's span");
	CHECK_EQ_STR(code(r, "Arnor attacked Rohan but Gondor criticized him.", NULL),
		     "ARN>ROH:190 GON>ARN:111", "him is a pronoun as he is (7.2, 7.7)");
	CHECK_EQ_STR(code(r, "Arnor criticized Gondor and attacked Rohan.", NULL),
		     "ARN>GON:111 ARN>ROH:190", "a conjunction splits clauses; the source carries over");
	event(r, "ARN", "ROH", "190", &e);
	CHECK_EQ_STR(e.source_how, "source of the previous clause", "... said so");
	dyad_code_opts_init(&o);
	o.news = 0;
	CHECK_EQ_STR(code(r, "Arnor criticized Gondor after it attacked Rohan.", &o), "ARN>GON:111",
		     "one clause, first event only (CODE BY CLAUSE)");
	CHECK_EQ_STR(code(r, "Arnor criticized Gondor after Mordor attacked Rohan.", NULL),
		     "ARN>GON:111 MOR>ROH:190",
		     "news: a subordinator before an actor opens a clause with its own subject");
	CHECK_EQ_STR(code(r, "Arnor criticized Gondor after the attack on Rohan.", NULL),
		     "ARN>GON:111", "... and none before a noun: the main clause keeps its event");

	CHECK_EQ_STR(code(r, "Arnor, which criticized Rohan last week, attacked Gondor.", NULL),
		     "ARN>GON:190", "a five-word comma clause is dropped with its verb and actor");
	CHECK_EQ_STR(code(r, "Arnor, in a speech on Monday, criticized Gondor over the border "
			  "dispute.", NULL), "ARN>GON:111",
		     "the clause after a dropped one is the main clause again, even when short");
	CHECK_EQ_STR(code(r, "Arnor, in a speech on Monday, criticized Gondor over the border "
			  "dispute, said an envoy from Rohan.", NULL), "ARN>GON:111",
		     "... and a later comma clause is still dropped");
	CHECK_EQ_STR(code(r, "Yesterday, as Arnor had warned for weeks, it attacked Gondor.", NULL), "",
		     "a pronoun whose actor went with a dropped clause stands for nothing");
	dyad_code_opts_init(&o);
	CHECK_EQ_INT(o.news, 1, "dyad's news rules are on by default");
	CHECK_EQ_INT(dyad_code_opts_tabari(&o, "COMMA: OFF", msg), DYAD_OK, "COMMA: OFF");
	CHECK_EQ_INT(o.comma_off, 1, "... sets comma_off");
	CHECK_EQ_INT(o.news, 0, "... and, a TABARI option, turns dyad's news rules off");
	CHECK_EQ_STR(code(r, "Arnor, which criticized Rohan last week, attacked Gondor.", &o),
		     "ARN>ROH:111", "COMMA: OFF keeps the clause: its verb comes first");
	dyad_code_opts_init(&o);
	CHECK_EQ_INT(dyad_code_opts_tabari(&o, "comma: min = 1 max = 3 emin=0 emax=4 bmin=9 bmax=12",
					   msg), DYAD_OK, "COMMA: with limits, in any case");
	CHECK(o.comma_min == 1 && o.comma_max == 3 && o.comma_emin == 0 && o.comma_emax == 4 &&
	      o.comma_bmin == 9 && o.comma_bmax == 12 && !o.comma_off, "... each limit read");
	CHECK_EQ_STR(code(r, "Arnor, which criticized Rohan last week, attacked Gondor.", &o),
		     "ARN>ROH:111", "COMMA: MAX=3 keeps a five-word clause");
	dyad_code_opts_init(&o);
	CHECK_EQ_STR(code(r, "Arnor attacked Gondor, officials said.", NULL), "ARN>GON:190",
		     "a two-word clause at the end is kept (EMIN 2)");
}

static void test_modality(rig *r)
{
	dyad_code_opts keep;
	dyad_event e;

	dyad_code_opts_init(&keep);
	keep.keep_modal = 1;
	CHECK_EQ_STR(code(r, "Arnor did not attack Gondor.", NULL), "", "negated: left out by default");
	CHECK_EQ_STR(code(r, "Arnor did not attack Gondor.", &keep), "ARN>GON:190", "... kept on asking");
	event(r, "ARN", "GON", "190", &e);
	CHECK_EQ_INT(e.modality, DYAD_MOD_NEGATED, "... flagged negated");
	CHECK_EQ_STR(code(r, "Arnor didn't attack Gondor.", &keep), "ARN>GON:190", "didn't");
	event(r, "ARN", "GON", "190", &e);
	CHECK_EQ_INT(e.modality, DYAD_MOD_NEGATED, "... negated");
	CHECK_EQ_STR(code(r, "Arnor will attack Gondor.", NULL), "", "hypothetical: left out by default");
	CHECK_EQ_STR(code(r, "Arnor will attack Gondor.", &keep), "ARN>GON:190", "... kept on asking");
	event(r, "ARN", "GON", "190", &e);
	CHECK_EQ_INT(e.modality, DYAD_MOD_HYPOTHETICAL, "will: hypothetical");
	code(r, "Arnor plans to attack Gondor.", &keep);
	event(r, "ARN", "GON", "190", &e);
	CHECK_EQ_INT(e.modality, DYAD_MOD_HYPOTHETICAL, "plans to: hypothetical");
	CHECK_EQ_STR(code(r, "Arnor attacked Gondor, officials said.", NULL), "ARN>GON:190",
		     "reported: kept by default");
	event(r, "ARN", "GON", "190", &e);
	CHECK_EQ_INT(e.modality, DYAD_MOD_REPORTED, "..., officials said: reported");
	CHECK_EQ_STR(code(r, "Did Arnor attack Gondor?", NULL), "ARN>GON:190", "a question is kept");
	event(r, "ARN", "GON", "190", &e);
	CHECK_EQ_INT(e.modality, DYAD_MOD_QUESTION, "... flagged question");
	code(r, "Arnor attacked Gondor.", NULL);
	event(r, "ARN", "GON", "190", &e);
	CHECK_EQ_INT(e.modality, 0, "a plain statement has no flag");
	CHECK_EQ_STR(dyad_modality_name(DYAD_MOD_NEGATED | DYAD_MOD_REPORTED), "negated,reported",
		     "dyad_modality_name");
}

/* ---- TABARI options -------------------------------------------------- */

static void test_options(rig *r)
{
	dyad_code_opts o, init;
	char msg[DYAD_ERRMSG_MAX];
	dyad_event e;

	dyad_code_opts_init(&init);
	o = init;
	CHECK_EQ_INT(dyad_code_opts_tabari(&o, "COMPLEX: VERBS[2] NOACTPRIOR", msg), DYAD_OK,
		     "COMPLEX: VERBS[2] NOACTPRIOR");
	CHECK(o.cx_verbs == 2 && o.cx_noactprior == 1 && o.cx_actors == 0, "... read");
	CHECK_EQ_STR(code(r, "Arnor criticized Gondor and attacked Rohan.", &o), "",
		     "COMPLEX: VERBS[2]: two verbs, no event");
	CHECK_EQ_INT(status0(r), DYAD_SENT_COMPLEX, "... the sentence is complex");
	CHECK_EQ_STR(code(r, "Yesterday attacked Gondor.", &o), "", "NOACTPRIOR: no actor before");
	CHECK_EQ_INT(status0(r), DYAD_SENT_COMPLEX, "... complex");
	CHECK_EQ_STR(code(r, "Arnor attacked Gondor.", &o), "ARN>GON:190", "... one verb, actor first: coded");

	o = init;
	CHECK_EQ_INT(dyad_code_opts_tabari(&o, "COMPLEX: NOEVENT", msg), DYAD_OK, "COMPLEX: NOEVENT");
	CHECK_EQ_STR(code(r, "Arnor visited Gondor.", &o), "", "no verb known: no event");
	CHECK_EQ_INT(status0(r), DYAD_SENT_COMPLEX,
		     "COMPLEX: NOEVENT makes a sentence with no event complex (8.7)");

	o = init;
	CHECK_EQ_INT(dyad_code_opts_tabari(&o, "DEFAULT: SOURCE [XXX] PRIOR", msg), DYAD_OK,
		     "DEFAULT: SOURCE [XXX] PRIOR");
	CHECK(strcmp(o.default_source, "XXX") == 0 && o.default_source_prior == 1 &&
	      o.default_target[0] == 0, "... read");
	CHECK_EQ_STR(code(r, "Yesterday attacked Gondor.", &o), "XXX>GON:190",
		     "... the default source when no actor precedes the verb");
	event(r, "XXX", "GON", "190", &e);
	CHECK(e.src_start == 0 && e.src_end == 0 && strcmp(e.source_how, "default source") == 0,
	      "... with no span");
	CHECK_EQ_STR(code(r, "Arnor attacked Gondor.", &o), "ARN>GON:190", "... not when one does");
	o = init;
	CHECK_EQ_INT(dyad_code_opts_tabari(&o, "DEFAULT: TARGET [YYY] AFTER", msg), DYAD_OK,
		     "DEFAULT: TARGET [YYY] AFTER");
	CHECK_EQ_STR(code(r, "Arnor attacked.", &o), "ARN>YYY:190", "... the default target");
	CHECK_EQ_STR(code(r, "Arnor attacked.", NULL), "", "without it: no target, no event");

	o = init;
	CHECK_EQ_INT(dyad_code_opts_tabari(&o, "SET: CODE BY SENTENCE", msg), DYAD_OK, "SET: CODE BY SENTENCE");
	CHECK_EQ_INT(o.code_by, 1, "... code_by 1");
	CHECK_EQ_STR(code(r, "Arnor criticized Gondor and attacked Rohan.", &o), "ARN>GON:111",
		     "... the first event of the sentence only");
	CHECK_EQ_INT(dyad_code_opts_tabari(&o, "SET: CODE ALL", msg), DYAD_OK, "SET: CODE ALL");
	CHECK_EQ_INT(o.code_by, 2, "... code_by 2");
	CHECK_EQ_STR(code(r, "Arnor criticized Gondor after it attacked Rohan.", &o),
		     "ARN>GON:111 ARN>ROH:190", "... every event of a clause");
	CHECK_EQ_INT(dyad_code_opts_tabari(&o, "SET: CODE BY CLAUSE", msg), DYAD_OK, "SET: CODE BY CLAUSE");
	CHECK_EQ_INT(o.code_by, 0, "... code_by 0");

	o = init;
	CHECK_EQ_INT(dyad_code_opts_tabari(&o, "SET: MINIMUM WORDS = 4", msg), DYAD_OK,
		     "SET: MINIMUM WORDS = 4");
	CHECK_EQ_INT(o.min_words, 4, "... read");
	CHECK_EQ_STR(code(r, "Arnor attacked Gondor.", &o), "", "three words: not coded");
	CHECK_EQ_INT(status0(r), DYAD_SENT_SHORT, "... short");
	CHECK_EQ_STR(code(r, "Arnor attacked Gondor again.", &o), "ARN>GON:190", "four words: coded");

	o = init;
	CHECK_EQ_INT(dyad_code_opts_tabari(&o, "LABEL: a project", msg), DYAD_OK, "LABEL: accepted");
	CHECK_EQ_INT(dyad_code_opts_tabari(&o, "   # a comment", msg), DYAD_OK, "a comment line");
	CHECK(memcmp(&o, &init, sizeof o) == 0, "... neither changes coding");
	msg[0] = 0;
	CHECK_EQ_INT(dyad_code_opts_tabari(&o, "FROBNICATE: NOW", msg), DYAD_PARSE,
		     "an unknown command is DYAD_PARSE");
	CHECK(msg[0] != 0, "... with a message");
	printf("#   message: %s\n", msg);
	CHECK(memcmp(&o, &init, sizeof o) == 0, "... and changes nothing");
	CHECK_EQ_INT(dyad_code_opts_tabari(&o, "COMMA: SOMETIMES", NULL), DYAD_PARSE,
		     "COMMA: without OFF or a limit is DYAD_PARSE (msg may be NULL)");
}

/* FORWARD (8.4): a pronoun before any actor stands for the previous
** sentence's first actor, without its role, within a document and, when
** the caller says a document continues the last one, across documents. */
static void test_forward(void)
{
	static const char *const dicts[] = {"actors.txt", "agents.txt", "verbs.txt", NULL};
	dyad_code_opts o;
	char msg[DYAD_ERRMSG_MAX];
	dyad_event e;
	rig r;

	dyad_code_opts_init(&o);
	CHECK_EQ_INT(dyad_code_opts_tabari(&o, "FORWARD: ^^***NNN*SSS", msg), DYAD_OK,
		     "FORWARD: with a sequence format");
	CHECK_EQ_INT(o.forward, 1, "... turns forwarding on");
	CHECK_EQ_INT(dyad_code_opts_tabari(&o, "FORWARD: ^^***NNN*SSS OFF", msg), DYAD_OK,
		     "FORWARD: ... OFF");
	CHECK_EQ_INT(o.forward, 0, "... turns it off");
	if (rig_open(&r, dicts, 1) != 0) {
		CHECK(0, "an engine with an agents file");
		rig_close(&r);
		return;
	}
	o.forward = 2;
	CHECK_EQ_STR(code(&r, "Arnor President Elendur attacked Rohan.", &o), "ARNGOV>ROH:190",
		     "a president of Arnor is ARNGOV");
	CHECK_EQ_STR(code(&r, "He criticized Gondor.", &o), "ARN>GON:111",
		     "forward 2: he is the previous document's first actor, without the role");
	event(&r, "ARN", "GON", "111", &e);
	CHECK_EQ_STR(span(e.src_start, e.src_end), span_of(&r, "He", 1), "... with the pronoun's span");
	CHECK_EQ_STR(code(&r, "Then it attacked Mordor.", &o), "GON>MOR:190",
		     "... the previous document's first actor, not the first one forwarded");
	o.forward = 1;
	CHECK_EQ_STR(code(&r, "He criticized Gondor.", &o), "",
		     "forward 1: nothing crosses documents; he is Gondor");
	rig_close(&r);
	if (rig_open(&r, dicts, 0) != 0) {
		CHECK(0, "an engine that splits sentences");
		rig_close(&r);
		return;
	}
	CHECK_EQ_STR(code(&r, "Gondor criticized Rohan. He attacked Mordor.", &o),
		     "GON>MOR:190 GON>ROH:111", "forward 1: he is the previous sentence's actor");
	{
		/* A sentence that names no actor is skipped before its words are
		** built unless a word may stand in for one; --explain takes the
		** full path, so both must give the same events and statuses. */
		static const char *const texts[] = {
			"Gondor criticized Rohan. He attacked Arnor-backed raiders.",
			"Gondor criticized Rohan. Later, the well-known one-time allies of theirs, who wavered, attacked.",
			"Gondor criticized Rohan. The raids went on for days.",
			"Gondor met Rohan. They attacked him.",
			"Gondor met Mordor and made a proposal for talks. The proposal was rejected at once.",
			"Gondor met Rohan. Its envoy attacked at night.",
			"Gondor met Rohan. His envoy, angry, attacked them.",
		};
		char quick[2048];
		dyad_sent_status st;
		size_t i;
		o.news = 1; /* the TABARI option above turned the news rules off */
		for (i = 0; i < sizeof texts / sizeof *texts; i++) {
			o.explain = 0;
			snprintf(quick, sizeof quick, "%s", code(&r, texts[i], &o));
			st = dyad_doc_sent_status(r.doc, 1, NULL);
			o.explain = 1;
			CHECK_EQ_STR(quick, code(&r, texts[i], &o),
				     "a sentence with no actor: the early skip codes as the full path");
			CHECK_EQ_INT(st, dyad_doc_sent_status(r.doc, 1, NULL),
				     "... and gives the sentence the same status");
		}
		o.explain = 0;
		code(&r, "Gondor met Rohan. The raids went on for days.", &o);
		CHECK_EQ_INT(dyad_doc_sent_status(r.doc, 1, NULL), DYAD_SENT_SKIPPED,
			     "no actor and no word to stand in for one: skipped");
		code(&r, "Gondor met Rohan. They attacked him.", &o);
		CHECK_EQ_INT(dyad_doc_sent_status(r.doc, 1, NULL), DYAD_SENT_CODED,
			     "pronouns alone: the sentence is coded (its verbs tried)");
		o.news = 0;
	}
	o.forward = 0;
	CHECK_EQ_STR(code(&r, "Gondor criticized Rohan. He attacked Mordor.", &o), "GON>ROH:111",
		     "forward 0: he is the first actor of its own sentence");
	rig_close(&r);
}

/* ---- other formats, documents, diagnostics ---------------------------- */

static void test_tabari(void)
{
	static const char *const dicts[] = {"test.actors", "test.verbs", NULL};
	rig r;
	dyad_pattern_stats ps;
	dyad_code_opts conv, cx;

	if (rig_open(&r, dicts, 1) != 0) {
		CHECK(0, "an engine over TABARI files");
		rig_close(&r);
		return;
	}
	CHECK_EQ_INT(dyad_engine_diag_count(r.eng), 0, "TABARI files load without a warning");
	dyad_engine_pattern_stats(r.eng, &ps);
	CHECK_EQ_INT(ps.synsets, 1, "one synonym set");
	CHECK_EQ_STR(code(&r, "Arnor protests Gondor.", NULL), "ARN>GON:141",
		     "PROTEST_: the whole word with a regular ending");
	CHECK_EQ_STR(pattern_of(&r, "ARN", "GON", "141"), "test.verbs:7", "... its root line");
	CHECK_EQ_STR(code(&r, "Arnor feared protest's spread to Gondor.", NULL), "",
		     "a word with a possessive is no verb (5.2.3)");
	CHECK_EQ_STR(code(&r, "Arnor protesters confronted Gondor.", NULL), "",
		     "PROTEST_ is no stem: protesters is not it");
	CHECK_EQ_STR(code(&r, "Arnor demonstrators confronted Gondor.", NULL), "ARN>GON:141",
		     "DEMONSTRAT is a stem");
	CHECK_EQ_STR(code(&r, "Arnor protested outside Gondor.", NULL), "ARN>GON:1411",
		     "a TABARI pattern");
	CHECK_EQ_STR(pattern_of(&r, "ARN", "GON", "1411"), "test.verbs:8", "... its line");
	CHECK_EQ_STR(code(&r, "Gondor was accused by Arnor.", NULL), "ARN>GON:1121",
		     "- + WAS * BY $ (a ; comment after the code)");
	CHECK_EQ_STR(code(&r, "Arnor accused Gondor of spying.", NULL), "ARN>GON:1122",
		     "SPY is a stem in a pattern");
	CHECK_EQ_STR(code(&r, "Arnor fought Gondor.", NULL), "ARN>GON:190", "{FOUGHT_}: an irregular form");
	CHECK_EQ_STR(code(&r, "Arnor warred with Gondor.", NULL), "ARN>GON:190",
		     "{WAR}: a form without '_' is a stem, as any TABARI word (5.2.2)");
	CHECK_EQ_STR(code(&r, "Arnor seized tanks from Gondor.", NULL), "ARN>GON:1921",
		     "&ARMS: a stem member");
	CHECK_EQ_STR(code(&r, "Arnor seized artillery from Gondor.", NULL), "ARN>GON:1921",
		     "&ARMS: a whole-word member");
	CHECK_EQ_STR(code(&r, "Arnor seized food from Gondor.", NULL), "ARN>GON:192", "&ARMS: neither");
	CHECK_EQ_STR(code(&r, "Arnor seized tanks at Gondor.", NULL), "ARN>GON:1922",
		     "&ARMS_AT: a one-word member right before AT");
	CHECK_EQ_STR(code(&r, "Arnor seized tanks parked at Gondor.", NULL), "ARN>GON:192",
		     "... a word between fails");
	CHECK_EQ_STR(code(&r, "Arnor seized field guns parked at Gondor.", NULL), "ARN>GON:1922",
		     "... but not after a member of several words, as in TABARI (SYNSET-22h)");
	CHECK_EQ_STR(code(&r, "Arnor shelled Gondor with heavy guns.", NULL), "ARN>GON:195",
		     "HEAVY~ GUN: adjacent");
	CHECK_EQ_STR(code(&r, "Arnor shelled Gondor with heavyish guns.", NULL), "ARN>GON:195",
		     "HEAVY~ is a stem");
	CHECK_EQ_STR(code(&r, "Arnor shelled Gondor with heavy field guns.", NULL), "ARN>GON:190",
		     "HEAVY~ GUN: a word between fails");
	CHECK_EQ_STR(code(&r, "Arnor shelled Gondor from army bases.", NULL), "ARN>GON:196",
		     "ARMY_ in a pattern");
	CHECK_EQ_STR(code(&r, "Arnor shelled Gondor from the army's bases.", NULL), "ARN>GON:190",
		     "... is the word exactly: no possessive (5.2.3)");
	CHECK_EQ_STR(code(&r, "Arnor shelled Minas Tirith.", NULL), "ARN>GON:190",
		     "a TABARI actor phrase MINAS_TIRITH");
	CHECK_EQ_STR(code(&r, "Arnor fought the Warden of Hollow Mere.", NULL), "ARN>WHM:190",
		     "WARDEN HOLLOW_MERE: a word may come between at the blank");
	CHECK_EQ_STR(code(&r, "Arnor fought the Warden Hollow Mere.", NULL), "ARN>WHM:190",
		     "... or none");
	CHECK_EQ_STR(code(&r, "Arnor fought the Warden of Hollow_Mere.", NULL), "ARN>WHM:190",
		     "... and text may join words with '_' as the dictionary does");
	CHECK_EQ_STR(code(&r, "Arnor fought the Warden of old western Hollow Mere.", NULL),
		     "ARN>WHM:190", "... three words between");
	CHECK_EQ_STR(code(&r, "Arnor fought the Warden of the old western Hollow Mere.", NULL), "",
		     "... but not four");
	CHECK_EQ_STR(code(&r, "Arnor fought the Warden, Hollow Mere.", NULL), "",
		     "... nor a comma");
	CHECK_EQ_STR(code(&r, "Arnor fought the Warden of Hollow Fen.", NULL), "",
		     "HOLLOW_MERE: no word may come between at a '_'");
	CHECK_EQ_STR(code(&r, "Arnor fought Kestrel Bay.", NULL), "ARN>KBX:190",
		     "words side by side: the phrase without a gap wins a tie");
	CHECK_EQ_STR(code(&r, "Arnor fought Kestrel \"Old\" Bay.", NULL), "ARN>KBY:190",
		     "KESTREL BAY: quotes and a word between");
	CHECK_EQ_STR(code(&r, "Arnor fought Twin Fords.", NULL), "ARN>TWA:190 ARN>TWB:190",
		     "[TWA/TWB]: one event for each element of a compound code");
	CHECK_EQ_STR(code(&r, "Twin Fords fought Arnor and Gondor.", NULL),
		     "TWA>ARN:190 TWA>GON:190 TWB>ARN:190 TWB>GON:190",
		     "... with each member of a compound target");
	CHECK_EQ_STR(code(&r, "The Twin Fords ford wardens fought Arnor.", NULL),
		     "TWAGRD>ARN:190 TWBGRD>ARN:190", "... an agent refines each element");
	dyad_code_opts_init(&conv);
	conv.convert_agents = 1;
	CHECK_EQ_STR(code(&r, "Hill raiders fought Arnor.", NULL), "",
		     "a role with no actor is no actor");
	CHECK_EQ_STR(code(&r, "Hill raiders fought Arnor.", &conv), "~MILREB>ARN:190",
		     "CONVERT AGENTS: it is one, its code as written, however long");
	CHECK_EQ_STR(code(&r, "Ford wardens on Monday fought hill raiders.", &conv),
		     "~GRD>~MILREB:190", "CONVERT AGENTS: source and target");
	CHECK_EQ_STR(code(&r, "Ford wardens in Gondor fought Arnor.", NULL), "GONGRD>ARN:190",
		     "a TABARI agent before IN and an actor");
	CHECK_EQ_STR(code(&r, "Ford wardens Gondor fought Arnor.", NULL), "GONGRD>ARN:190",
		     "a TABARI agent right before an actor");
	CHECK_EQ_STR(code(&r, "Former ford wardens of Gondor fought Arnor.", NULL), "GONELI>ARN:190",
		     "FORMER before the agent: an elite");
	CHECK_EQ_STR(code(&r, "Arnor fought former Gondor ford wardens.", NULL), "ARN>GONELI:190",
		     "FORMER before the actor of an actor-agent pair: an elite");
	CHECK_EQ_STR(code(&r, "River Guild ford wardens fought Gondor.", NULL), "ARNGRD>GON:190",
		     "a TABARI agent already in the code on a 3-letter boundary is not added");
	CHECK_EQ_STR(code(&r, "Marsh Town ford wardens fought Gondor.", NULL), "ARNMSHGRD>GON:190",
		     "... else it is added, even to a code that has a role");
	CHECK_EQ_STR(code(&r, "Toll clerks of Marsh Town fought Gondor.", NULL), "IGOARNMSH>GON:190",
		     "... in front for a prefix agent");
	CHECK_EQ_STR(code(&r, "The U.N. shelled Gondor.", NULL), "UNO>GON:190", "U.N. is an actor");
	CHECK_EQ_STR(code(&r, "Until dawn Arnor shelled Gondor.", NULL), "ARN>GON:190",
		     "... but no stem: 'until' is not the U.N.");
	CHECK_EQ_STR(code(&r, "Arnor shelled an Ent.", NULL), "ARN>ENT:190", "ENT= is an actor");
	CHECK_EQ_STR(code(&r, "Arnor shelled the Ents.", NULL), "",
		     "... with no regular plural (5.2.3)");
	CHECK_EQ_STR(code(&r, "Arnor fought the hill raiders.", &conv), "ARN>~MILREB:190",
		     "a verb between an actor and an agent: two actors, not one");
	CHECK_EQ_STR(code(&r, "Kestrel Bay and grim Arnor grim Gondor fought Twin Fords.", NULL),
		     "ARN>TWA:190 ARN>TWB:190 GON>TWA:190 GON>TWB:190 KBX>TWA:190 KBX>TWB:190",
		     "the last np of a compound takes an actor after it past adjectives");
	CHECK_EQ_STR(code(&r, "Arnor shells Gondor.", NULL), "",
		     "<NOUN> SHELLS_ in the actors file: not a verb");
	CHECK_EQ_STR(code(&r, "Arnor trampled Gondor.", NULL), "", "nothing is read after ~FINISH");
	CHECK_EQ_STR(code(&r, "Arnor severed links with Gondor.", NULL), "ARN>GON:161",
		     "SEVER LINKS: a verb of two words side by side");
	CHECK_EQ_STR(code(&r, "Arnor severed all trade links with Gondor.", NULL), "ARN>GON:161",
		     "... words may come between at a blank (5.5.3)");
	CHECK_EQ_STR(code(&r, "Arnor severed nearly all old trade links with Gondor.", NULL),
		     "ARN>GON:160", "... but not four: the one-word SEVER");
	CHECK_EQ_STR(code(&r, "Arnor severed all (trade) links with Gondor.", NULL), "ARN>GON:160",
		     "... nor punctuation");
	CHECK_EQ_STR(code(&r, "Arnor severed Gondor links.", NULL), "ARN>GON:160",
		     "... nor an actor");
	CHECK_EQ_STR(code(&r, "Arnor severed the road to Gondor.", NULL), "ARN>GON:160",
		     "SEVER_ROAD: no word may come between at a '_'");
	CHECK_EQ_STR(code(&r, "Arnor severed road access to Gondor.", NULL), "ARN>GON:162",
		     "... side by side it codes");
	dyad_code_opts_init(&cx);
	CHECK_EQ_INT(dyad_code_opts_tabari(&cx, "COMPLEX: VERBS[2] NOACTPRIOR", NULL), DYAD_OK,
		     "COMPLEX: VERBS[2] NOACTPRIOR");
	CHECK_EQ_STR(code(&r, "Arnor halted trade and shelled Gondor.", &cx), "ARN>GON:190",
		     "HALT [---] with no pattern is no verb (6.2): one verb, not two");
	dyad_code_opts_init(&cx);
	CHECK_EQ_INT(dyad_code_opts_tabari(&cx, "COMPLEX: NOACTPRIOR", NULL), DYAD_OK,
		     "COMPLEX: NOACTPRIOR");
	CHECK_EQ_STR(code(&r, "On accord Arnor shelled Gondor.", &cx), "ARN>GON:190",
		     "ACCORD [---] before the first actor: not the first verb of NOACTPRIOR");
	CHECK_EQ_STR(code(&r, "Arnor accorded with Gondor.", &cx), "ARN>GON:057",
		     "... but a verb its patterns code");
	rig_close(&r);
}

static void test_petrarch(void)
{
	static const char *const dicts[] = {"actors.txt", "CAMEO.verbpatterns.test.txt", NULL};
	rig r;

	if (rig_open(&r, dicts, 1) != 0) {
		CHECK(0, "an engine over a PETRARCH file");
		rig_close(&r);
		return;
	}
	CHECK_EQ_INT(dyad_engine_diag_count(r.eng), 0, "the PETRARCH file loads without a warning");
	CHECK_EQ_STR(code(&r, "Arnor gave dollars to Gondor.", NULL), "ARN>GON:071",
		     "PETRARCH: a form in {...} and a synonym set");
	CHECK_EQ_STR(pattern_of(&r, "ARN", "GON", "071"), "CAMEO.verbpatterns.test.txt:7", "... its line");
	CHECK_EQ_STR(code(&r, "Arnor gave food to Gondor.", NULL), "ARN>GON:070", "PETRARCH: group default");
	CHECK_EQ_STR(code(&r, "Arnor handed over Rohan to Gondor.", NULL), "ARN>ROH:070",
		     "PETRARCH: +HAND_OVER {+HANDED_OVER}");
	rig_close(&r);
}

static void test_document(void)
{
	static const char *const dicts[] = {"actors.txt", "verbs.txt", NULL};
	rig r;
	dyad_event e;

	if (rig_open(&r, dicts, 0) != 0) {
		CHECK(0, "an engine that splits sentences");
		rig_close(&r);
		return;
	}
	CHECK_EQ_STR(code(&r, "Arnor played chess with Rohan. Gondor was attacked by Mordor.", NULL),
		     "MOR>GON:190", "two sentences: the first discarded, the second coded");
	CHECK_EQ_INT(dyad_doc_sent_status(r.doc, 0, NULL), DYAD_SENT_DISCARDED, "sentence 0 discarded");
	CHECK_EQ_INT(dyad_doc_sent_status(r.doc, 1, NULL), DYAD_SENT_CODED, "sentence 1 coded");
	event(&r, "MOR", "GON", "190", &e);
	CHECK_EQ_INT(e.sent, 1, "the event is in sentence 1");
	CHECK_EQ_STR(span(e.src_start, e.src_end), span_of(&r, "Mordor", 1),
		     "spans are offsets into the whole document");
	CHECK_EQ_STR(code(&r, "It rained all day. Nobody went out.", NULL), "", "no actors: no event");
	/* dyad.h: DYAD_SENT_SKIPPED is "not English, or no actors and no verbs". */
	CHECK_EQ_INT(dyad_doc_sent_status(r.doc, 0, NULL), DYAD_SENT_SKIPPED,
		     "no actors and no verbs: the sentence is skipped (dyad.h)");
	{
		dyad_code_opts o;
		const char *why = NULL;
		dyad_code_opts_init(&o);
		o.explain = 1;
		code(&r, "Arnor attacked Gondor with rockets. Rohan met Mordor.", &o);
		dyad_doc_sent_status(r.doc, 0, &why);
		CHECK(why && strstr(why, "with_rockets") && !strstr(why, "Rohan"),
		      "explain: sentence 0 names its pattern, and only its own words");
		dyad_doc_sent_status(r.doc, 1, &why);
		CHECK(why && strstr(why, "Rohan") && !strstr(why, "with_rockets"),
		      "explain: sentence 1 has its own text");
		code(&r, "Arnor attacked Gondor with rockets.", NULL);
		dyad_doc_sent_status(r.doc, 0, &why);
		CHECK(why && !*why, "no explanation unless asked");
	}
	rig_close(&r);
}

/* Each bad line is reported once, as "bad.txt:LINE: reason", and the good
** lines of the file still load. */
static void test_bad_lines(void)
{
	static const char *const dicts[] = {"actors.txt", "bad.txt", NULL};
	static const int want[] = {2, 5, 6, 7, 8, 9, 10, 11, 12, 14};
	const size_t nwant = sizeof want / sizeof want[0];
	rig r;
	size_t n, i;
	int bad = 0;

	if (rig_open(&r, dicts, 1) != 0) {
		CHECK(0, "an engine over a file with bad lines");
		rig_close(&r);
		return;
	}
	n = dyad_engine_diag_count(r.eng);
	for (i = 0; i < n || i < nwant; i++) {
		const char *d = i < n ? dyad_engine_diag(r.eng, i) : "(none)";
		char prefix[32];
		snprintf(prefix, sizeof prefix, "bad.txt:%d: ", i < nwant ? want[i] : 0);
		if (!d || strncmp(d, prefix, strlen(prefix)) != 0 || strlen(d) <= strlen(prefix) + 3) {
			printf("#   message %zu: got \"%s\", want \"%s...\"\n", i + 1, d ? d : "(null)",
			       prefix);
			bad++;
		}
	}
	CHECK(bad == 0, "every bad line reported once, in order, as bad.txt:LINE: reason");
	CHECK(dyad_engine_diag(r.eng, n) == NULL, "no message past the end");
	CHECK_EQ_STR(code(&r, "Arnor met Gondor.", NULL), "ARN>GON:040",
		     "the good verb still codes with its group's code: no refused pattern "
		     "(lines 5-10, 12) joined the group");
	rig_close(&r);
}

static void test_skipped_roots(void)
{
	static const char *const dicts[] = {"test.actors", "skipped.verbs", NULL};
	rig r;

	if (rig_open(&r, dicts, 1) != 0) {
		CHECK(0, "an engine over a TABARI file with refused roots");
		rig_close(&r);
		return;
	}
	CHECK_EQ_INT(dyad_engine_diag_count(r.eng), 2, "two refused roots, two messages");
	CHECK(dyad_engine_diag(r.eng, 0) && strncmp(dyad_engine_diag(r.eng, 0), "skipped.verbs:2: ", 17) == 0,
	      "... the first on line 2");
	CHECK(dyad_engine_diag(r.eng, 1) && strncmp(dyad_engine_diag(r.eng, 1), "skipped.verbs:5: ", 17) == 0,
	      "... the second on line 5");
	CHECK_EQ_STR(code(&r, "Arnor attacked Gondor for peace.", NULL), "ARN>GON:190",
		     "the pattern of a refused root is not ATTACK's");
	CHECK_EQ_STR(code(&r, "Arnor said Gondor.", NULL), "",
		     "the forms of a refused root are not ATTACK's");
	CHECK_EQ_STR(code(&r, "Arnor visited Gondor.", NULL), "",
		     "a root refused for having no word codes nothing");
	rig_close(&r);
}

static void test_no_patterns(void)
{
	dyad_config cfg;
	dyad_engine *eng = NULL;
	dyad_ctx *ctx = NULL;
	const dyad_doc *doc;
	dyad_input in;
	size_t n = 99;
	static const char *const dicts[] = {"actors.txt", NULL};

	memset(&cfg, 0, sizeof cfg);
	cfg.data_dir = datadir;
	cfg.actors = 1;
	cfg.no_default_dicts = 1;
	cfg.dicts = dicts;
	memset(&in, 0, sizeof in);
	in.text = "Arnor attacked Gondor.";
	in.text_len = strlen(in.text);
	if (dyad_engine_new(&cfg, &eng) != DYAD_OK || dyad_ctx_new(eng, &ctx) != DYAD_OK ||
	    dyad_ctx_process(ctx, &in, &doc) != DYAD_OK) {
		CHECK(0, "an engine with actors only");
	} else {
		CHECK_EQ_INT(dyad_doc_events(doc, NULL, &n), DYAD_BADARG,
			     "an engine without patterns: DYAD_BADARG");
		CHECK_EQ_INT(n, 0, "... and no events");
	}
	dyad_ctx_free(ctx);
	dyad_engine_free(eng);
}

int main(void)
{
	static const char *const dicts[] = {"actors.txt", "verbs.txt", NULL};
	const char *env = getenv("DYAD_DATA");
	static const char *const files[] = {"actors.txt", "agents.txt", "verbs.txt", "test.verbs", "test.actors",
					    "CAMEO.verbpatterns.test.txt", "bad.txt", "skipped.verbs"};
	char cwd[PATH_MAX];
	rig r;
	size_t i;

	if (!realpath(env && *env ? env : DYAD_DATADIR, datadir) || !mkdtemp(tmpdir) ||
	    !getcwd(cwd, sizeof cwd) || chdir(tmpdir) != 0) {
		printf("not ok 1 - cannot find the data or make a temporary directory\n");
		return 1;
	}
	put("actors.txt", actors_txt);
	put("verbs.txt", verbs_txt);
	put("agents.txt", agents_txt);
	put("test.verbs", tabari_verbs);
	put("test.actors", tabari_actors);
	put("CAMEO.verbpatterns.test.txt", petrarch_verbs);
	put("bad.txt", bad_verbs);
	put("skipped.verbs", skipped_verbs);

	if (rig_open(&r, dicts, 1) == 0) {
		CHECK_EQ_INT(dyad_engine_diag_count(r.eng), 0, "verbs.txt loads without a warning");
		test_defaults_and_patterns(&r);
		test_designation(&r);
		test_compound_marker(&r);
		test_words(&r);
		test_forms(&r);
		test_special_codes(&r);
		test_priorities(&r);
		test_structure(&r);
		test_modality(&r);
		test_options(&r);
	} else {
		CHECK(0, "an engine over actors.txt and verbs.txt");
	}
	rig_close(&r);
	test_tabari();
	test_petrarch();
	test_document();
	test_forward();
	test_bad_lines();
	test_skipped_roots();
	test_no_patterns();

	for (i = 0; i < sizeof files / sizeof files[0]; i++)
		unlink(files[i]);
	if (chdir(cwd) == 0)
		rmdir(tmpdir);
	return tap_done();
}
