/*
** test_places.c — the gazetteer file and the place stage.
**
** The loader: a small gazetteer written here is compiled, mapped and
** looked up; truncated, corrupt and foreign files are refused with a
** message naming the file, at every truncation length, never a crash.
** Recognition and resolution: sentences written for these checks, with
** the committed subset (data/gazetteer-subset.tsv), so that no npm data
** is needed. The event acceptance on the seed articles is in
** test_event_seeds.c.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"
#include "dyad_int.h"
#include "tap.h"

#define SUBSET "data/gazetteer-subset.tsv"
#define TMPDIR_ "build/tests/"

static const char tiny_tsv[] =
	"# a gazetteer for the tests\n"
	"C\tQA\t\tQAT\t25.30000\t51.20000\t900000\tPCLI\t0\tQatar\tState of Qatar\n"
	"P\tQA\tQA-DA\t\t25.28545\t51.53096\t344939\tPPLC\t290030\tDoha\tAd Dawhah|الدوحة\n"
	"P\tUS\tUS-VA\t\t38.80484\t-77.04692\t159428\tPPL\t4744091\tAlexandria\t\n"
	"P\tEG\tEG-ALX\t\t31.20176\t29.91582\t3811516\tPPLA\t361058\tAlexandria\tAl Iskandariyah\n"
	"P\tUS\tUS-NY\t\t40.71427\t-74.00597\t8804190\tPPL\t5128581\tNew York City\tNew York\n"
	"P\tUS\tUS-NC\t\t36.09986\t-80.24422\t249545\tPPL\t4499612\tWinston-Salem\t\n"
	"P\tRO\tRO-IS\t\t47.16667\t27.60000\t318012\tPPLA\t675810\tIasi\tYas\n"
	"A\tUS\tUS-WA\t\t47.13428\t-120.25893\t6049070\tADM1\t5815135\tWashington\t\n"
	"P\tUS\tUS-DC\t\t38.89511\t-77.03637\t601723\tPPLC\t4140963\tWashington, D.C.\t"
	"Washington|Washington DC\n"
	"A\tIR\tIR-14\t\t29.24640\t53.17900\t2076267\tADM1\t134766\tFars Province\tFars\n"
	"C\tIR\t\tIRN\t32.00000\t53.00000\t77447168\tPCLI\t130758\tIran\t\n";

static void write_file(const char *path, const char *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f) {
		fwrite(p, 1, n, f);
		fclose(f);
	}
}

static char *read_all(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *p = malloc(1 << 16);

	*n = f && p ? fread(p, 1, 1 << 16, f) : 0;
	if (f)
		fclose(f);
	return p;
}

/* An engine over gazetteer path; NULL (and msg filled) when it fails. */
static dyad_engine *engine_on(const char *path, char *msg, size_t cap)
{
	dyad_config cfg;
	dyad_engine *eng = NULL;

	memset(&cfg, 0, sizeof cfg);
	cfg.places = 1;
	cfg.gazetteer = path;
	msg[0] = 0;
	if (dyad_engine_new(&cfg, &eng) == DYAD_OK)
		return eng;
	snprintf(msg, cap, "%s", eng ? dyad_engine_errmsg(eng) : "out of memory");
	dyad_engine_free(eng);
	return NULL;
}

static void test_compile_and_lookup(void)
{
	char msg[DYAD_ERRMSG_MAX];
	dyad_engine *eng;
	dyad_place p;
	size_t n = 0;

	write_file(TMPDIR_ "tiny.tsv", tiny_tsv, sizeof tiny_tsv - 1);
	CHECK(dyad_gazetteer_compile(TMPDIR_ "tiny.tsv", TMPDIR_ "tiny.bin", msg) == DYAD_OK,
	      "a small gazetteer compiles");
	eng = engine_on(TMPDIR_ "tiny.bin", msg, sizeof msg);
	CHECK(eng != NULL, "the compiled file loads");
	if (!eng)
		return;
	CHECK(dyad_engine_place_lookup(eng, "alexandria", 0, &n, NULL) == DYAD_OK && n == 2,
	      "a name shared by two places has two candidates, whatever its case");
	CHECK(dyad_engine_place_lookup(eng, "Ad-Dawhah", 0, &n, &p) == DYAD_OK &&
		      !strcmp(p.name, "Doha") && !strcmp(p.country, "QA") &&
		      !strcmp(p.admin1, "QA-DA") && p.precision == DYAD_GEO_CITY &&
		      p.lat > 25.28 && p.lat < 25.29,
	      "an alternate name finds its place, hyphen for space");
	CHECK(dyad_engine_place_lookup(eng, "الدوحة", 0, &n, &p) == DYAD_OK &&
		      !strcmp(p.name, "Doha"),
	      "an Arabic name finds its place");
	CHECK(dyad_engine_place_lookup(eng, "Newyork", 0, &n, NULL) == DYAD_NOTFOUND,
	      "words stay apart: 'Newyork' is not 'New York'");
	CHECK(dyad_engine_place_lookup(eng, "Qatar", 0, &n, &p) == DYAD_OK &&
		      p.precision == DYAD_GEO_COUNTRY && !strcmp(p.feature, "country"),
	      "a country is a country");
	CHECK(dyad_engine_place_lookup(eng, "new york", 0, &n, &p) == DYAD_OK && n == 1 &&
		      dyad_engine_place_lookup(eng, "New York City", 0, &n, &p) == DYAD_OK &&
		      n == 1 && !strcmp(p.name, "New York City"),
	      "a name and a longer one that begins with it are both indexed");
	CHECK(dyad_engine_place_lookup(eng, "New", 0, &n, NULL) == DYAD_NOTFOUND &&
		      dyad_engine_place_lookup(eng, "York City", 0, &n, NULL) == DYAD_NOTFOUND &&
		      dyad_engine_place_lookup(eng, "New York City Hall", 0, &n, NULL) ==
			      DYAD_NOTFOUND,
	      "the first words of a name, its last ones or more words are no name");
	dyad_engine_free(eng);
}

/* Names read from text against the small gazetteer, a token at a time. */
static const char *places_of(dyad_ctx *ctx, const char *text);

/* Texts read against the small gazetteer: the names found, as places_of
** gives them, and why. */
static const struct {
	const char *text, *want, *why;
} tiny_cases[] = {
	{ "Flights from New York City reached Winston-Salem.",
	  "New York City=New York City/US-NY/to;Winston-Salem=Winston-Salem/US-NC/to",
	  "the longest name is kept; an inner hyphen parts words as in the gazetteer" },
	{ "Flights from New York reached Winston Salem and Doha.",
	  "New York=New York City/US-NY/to;Winston Salem=Winston-Salem/US-NC/to;"
	  "Doha=Doha/QA-DA/to",
	  "a name that is the beginning of a longer one is found alone" },
	{ "The New Deal and York ended in Ad-Dawhah-based firms.", "Ad-Dawhah=Doha/QA-DA/based",
	  "a name's first words alone are no name; '-based' after a hyphenated one" },
	{ "The club Yas of Qatar met officials from Doha.", "Qatar=Qatar/QA/to;Doha=Doha/QA-DA/to",
	  "only another name of a place in a country the story never points to, with no cue, "
	  "is no place" },
	{ "Officials of Qatar met in Yas.", "Qatar=Qatar/QA/to;Yas=Iasi/RO-IS/in",
	  "... but with a cue it is" },
	{ "Officials of Qatar met in Washington.",
	  "Qatar=Qatar/QA/to;Washington=Washington, D.C./US-DC/in",
	  "a town's name up to its comma is its own, no alternate: Washington is the capital, "
	  "not the larger state" },
	{ "Officials of Qatar met in Washington DC.",
	  "Qatar=Qatar/QA/to;Washington DC=Washington, D.C./US-DC/in",
	  "a true alternate name still finds its place" },
	{ "Fars news agency said officials of Iran met.", "Iran=Iran/IR/to",
	  "a place word (place-words.txt) with no cue is no place: Fars the agency" },
	{ "Floods hit villages in Fars.", "Fars=Fars Province/IR-14/in",
	  "... but after 'in' it is the province" },
};

static void test_tiny_text(void)
{
	char msg[DYAD_ERRMSG_MAX];
	dyad_engine *eng = engine_on(TMPDIR_ "tiny.bin", msg, sizeof msg);
	dyad_ctx *ctx = NULL;
	size_t i;

	if (!eng || dyad_ctx_new(eng, &ctx) != DYAD_OK) {
		CHECK(0, "the small gazetteer loads for text");
		dyad_engine_free(eng);
		return;
	}
	for (i = 0; i < sizeof tiny_cases / sizeof *tiny_cases; i++)
		CHECK_EQ_STR(places_of(ctx, tiny_cases[i].text), tiny_cases[i].want,
			     tiny_cases[i].why);
	dyad_ctx_free(ctx);
	dyad_engine_free(eng);
}

/* Every prefix of the file is refused with a message naming it. */
static void test_truncated(void)
{
	size_t n = 0, cut, refused = 0, named = 0, tried = 0;
	char *bin = read_all(TMPDIR_ "tiny.bin", &n), msg[512];

	for (cut = 0; n && cut < n; cut += 1 + cut / 8) {
		dyad_engine *eng;
		write_file(TMPDIR_ "cut.bin", bin, cut);
		eng = engine_on(TMPDIR_ "cut.bin", msg, sizeof msg);
		tried++;
		refused += eng == NULL;
		named += strstr(msg, "cut.bin:") != NULL;
		dyad_engine_free(eng);
	}
	CHECK(tried > 10 && refused == tried, "every truncated gazetteer is refused");
	CHECK(named == tried, "the message names the file");
	free(bin);
}

static void corrupt_at(const char *bin, size_t n, size_t at, unsigned char v, char *msg,
		       size_t cap, int *loaded)
{
	char *c = malloc(n);
	dyad_engine *eng;

	memcpy(c, bin, n);
	c[at] = (char)v;
	write_file(TMPDIR_ "bad.bin", c, n);
	eng = engine_on(TMPDIR_ "bad.bin", msg, cap);
	*loaded = eng != NULL;
	dyad_engine_free(eng);
	free(c);
}

static void test_corrupt(void)
{
	static const char bad_line[] = "P\tQA\t\t\t95.0\t51.5\t1\tPPL\t0\tNowhere\t\n";
	size_t n = 0, at, crashes_avoided = 0;
	char *bin = read_all(TMPDIR_ "tiny.bin", &n), msg[512];
	int loaded;

	corrupt_at(bin, n, 0, 'X', msg, sizeof msg, &loaded);
	CHECK(!loaded && strstr(msg, "not a dyad gazetteer"), "a bad magic is refused");
	corrupt_at(bin, n, 8, 99, msg, sizeof msg, &loaded);
	CHECK(!loaded && strstr(msg, "version"), "another version is refused");
	/* Every byte after the header set to 0xff: loads or is refused, never
	** crashes, and a refusal names the file. */
	for (at = 64; at < n; at++) {
		corrupt_at(bin, n, at, 0xff, msg, sizeof msg, &loaded);
		crashes_avoided += loaded || strstr(msg, "bad.bin:") != NULL;
	}
	CHECK(n > 64 && crashes_avoided == n - 64, "a corrupt byte anywhere is survived");
	write_file(TMPDIR_ "bad.tsv", bad_line, strlen(bad_line));
	engine_on(TMPDIR_ "bad.tsv", msg, sizeof msg);
	CHECK(strstr(msg, "bad.tsv:1: latitude") != NULL, "a bad TSV line is file:line: reason");
	free(bin);
}

/* The places of text, as "name/country/precision/cue" joined by ';'. */
static const char *places_of(dyad_ctx *ctx, const char *text)
{
	static char out[1024];
	const dyad_doc *doc;
	dyad_input in;
	size_t n = 0, i, len = 0;

	memset(&in, 0, sizeof in);
	in.text = text;
	in.text_len = strlen(text);
	out[0] = 0;
	if (dyad_ctx_process(ctx, &in, &doc) != DYAD_OK || dyad_doc_places(doc, &n) != DYAD_OK)
		return "error";
	for (i = 0; i < n && len < sizeof out - 200; i++) {
		dyad_place_mention m;
		dyad_doc_place(doc, i, &m);
		len += (size_t)snprintf(out + len, sizeof out - len, "%s%.*s=%s/%s%s%s", i ? ";" : "",
					(int)m.text_len, m.text, m.place.name,
					m.place.admin1[0] ? m.place.admin1 : m.place.country,
					m.cue[0] ? "/" : "", m.cue);
	}
	return out;
}

static void expect(dyad_ctx *ctx, const char *text, const char *want, const char *what)
{
	CHECK_EQ_STR(places_of(ctx, text), want, what);
}

static void test_recognition(dyad_ctx *ctx)
{
	expect(ctx, "Talks were held in Doha on Tuesday.", "Doha=Doha/QA-DA/in",
	       "a city after 'in' is found with its cue");
	expect(ctx, "A Doha-based mediator spoke.", "Doha=Doha/QA-DA/based",
	       "'X-based' names X without its suffix");
	expect(ctx, "China said the talks would go on.", "China=China/CN",
	       "a country name is the country, never a town of that name");
	expect(ctx, "Reading the report, she smiled at the nice view.", "",
	       "a common word is no place without a cue");
	expect(ctx, "The company moved to offices in Reading last year.",
	       "Reading=Reading/GB-ENG/in", "a common word with a locative cue is a place");
	expect(ctx, "Their mobile phones were seized by George Washington.", "",
	       "a name after a capitalized word is part of a person's name");
	expect(ctx, "The US is ready to talk.", "US=United States/US",
	       "names do not run across words ('US is' is no 'Usis')");
	expect(ctx, "Forces in Iraq and Syria were attacked.", "Iraq=Iraq/IQ/in;Syria=Syria/SY/in",
	       "names joined by 'and' share a cue");
	expect(ctx, "GAZA CITY, Nov 2 - Strikes hit the Jabalia camp.",
	       "GAZA CITY=Gaza/PS/dateline;Jabalia=Jabālyā/PS",
	       "an upper-case name opening the article is its dateline (an alternate name)");
}

/* The token scan skips a token whose matching key lies in the normalized
** text (fold_in_norm) without reading it: that holds only while such a
** key is the token's own text with no capital and no byte of another
** script, which segment.c decides. */
static void test_own_keys_start_no_name(dyad_ctx *ctx)
{
	static const char text[] = "Talks in Doha, QATAR, and #Doha #doha \xd8\xa5\xd9\x8a\xd8\xb1"
				   "\xd8\xa7\xd9\x86 said U.S. aides 42 times; Winston-Salem's "
				   "mayor, S\xc3\xa3o Paulo's na\xc3\xafve team x-ray Iraq-based.";
	const dyad_doc *doc;
	dyad_input in;
	size_t i, own = 0, bad = 0, caps = 0;

	memset(&in, 0, sizeof in);
	in.text = text;
	in.text_len = strlen(text);
	if (dyad_ctx_process(ctx, &in, &doc) != DYAD_OK) {
		CHECK(0, "the text for the token scan is processed");
		return;
	}
	for (i = 0; i < doc->ntoks; i++) {
		const dyad__tok *k = &doc->toks[i];
		const unsigned char *s = (const unsigned char *)doc->norm + k->start;
		size_t at = k->kind == DYAD_TOK_HASHTAG && k->end - k->start > 1;
		int first_cap = s[at] >= 0x80 || (s[at] >= 'A' && s[at] <= 'Z');
		caps += first_cap && !k->fold_in_norm;
		own += k->fold_in_norm;
		bad += k->fold_in_norm && first_cap;
	}
	CHECK(own > 10 && caps > 5, "the text has own-key tokens and capitalized ones");
	CHECK(bad == 0, "no token whose key is its own text begins with a capital or another script");
}

static void test_disambiguation(dyad_ctx *ctx)
{
	expect(ctx, "The flood reached Alexandria, Virginia, on Monday.",
	       "Alexandria=Alexandria/US-VA/qualified;Virginia=Virginia/US-VA/in",
	       "a qualifier after the comma chooses the place, and shares the cue");
	expect(ctx, "Protesters gathered in Alexandria and Cairo, Egypt's largest cities.",
	       "Alexandria=Alexandria/EG-ALX/in;Cairo=Cairo/EG-C/qualified;Egypt=Egypt/EG/in",
	       "without context the largest Alexandria; 'Cairo, Egypt's' is the city");
	expect(ctx, "Police in Alexandria said the Louisiana suspect fled to Baton Rouge "
		    "in Louisiana.",
	       "Alexandria=Alexandria/US-LA/in;Louisiana=Louisiana/US-LA;"
	       "Baton Rouge=Baton Rouge/US-LA/to;Louisiana=Louisiana/US-LA/in",
	       "the document's division chooses a small Alexandria over a large one");
	expect(ctx, "Georgia and Russia signed a gas deal in Tbilisi.",
	       "Georgia=Georgia/GE;Russia=Russia/RU;Tbilisi=Tbilisi/GE-TB/in",
	       "Georgia is the country in a story about the Caucasus");
	expect(ctx, "Storms hit Texas, Florida and Georgia in the United States.",
	       "Texas=Texas/US-TX;Florida=Florida/US-FL;Georgia=Georgia/US-GA;"
	       "United States=United States/US/in",
	       "Georgia is the state in an American story");
}

int main(void)
{
	char msg[512];
	dyad_engine *eng;
	dyad_ctx *ctx = NULL;
	dyad_gazetteer_stats gs;

	test_compile_and_lookup();
	test_tiny_text();
	test_truncated();
	test_corrupt();
	eng = engine_on(SUBSET, msg, sizeof msg);
	CHECK(eng != NULL, "the committed subset loads");
	if (!eng || dyad_ctx_new(eng, &ctx) != DYAD_OK) {
		printf("#   %s\n", msg);
		dyad_engine_free(eng);
		return tap_done();
	}
	dyad_engine_gazetteer_stats(eng, &gs);
	CHECK(gs.subset && gs.places > 4000 && gs.places < 20000, "the subset says it is one");
	test_recognition(ctx);
	test_own_keys_start_no_name(ctx);
	test_disambiguation(ctx);
	dyad_ctx_free(ctx);
	dyad_engine_free(eng);
	return tap_done();
}
