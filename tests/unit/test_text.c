/*
** test_text.c — unit tests of normalization, tokens and sentences through
** the public API: each check feeds a short text written for the test and
** compares sentence texts, token texts or spans with what they must be.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"
#include "dyad_limits.h"
#include "tap.h"

static dyad_engine *eng;
static dyad_ctx *ctx;

static const dyad_doc *run(const char *text, size_t n)
{
	dyad_input in;
	const dyad_doc *doc = NULL;

	memset(&in, 0, sizeof in);
	in.id = "t";
	in.text = text;
	in.text_len = n;
	if (dyad_ctx_process(ctx, &in, &doc) != DYAD_OK)
		return NULL;
	return doc;
}

/* Sentence texts joined by " | ", in buf. */
static const char *sents(const char *text, char *buf, size_t cap)
{
	const dyad_doc *doc = run(text, strlen(text));
	dyad_doc_info info;
	size_t i, o = 0;

	buf[0] = '\0';
	if (!doc)
		return "(failed)";
	dyad_doc_get_info(doc, &info);
	for (i = 0; i < info.n_sentences; i++) {
		dyad_sentence s;
		dyad_doc_sentence(doc, i, &s);
		o += (size_t)snprintf(buf + o, cap - o, "%s%.*s", i ? " | " : "",
				      (int)s.text_len, s.text);
		if (o >= cap)
			break;
	}
	return buf;
}

/* Sentence 0's tokens joined by spaces, in buf: their texts, or with
** fold set their matching keys. */
static const char *tok_list(const char *text, int fold, char *buf, size_t cap)
{
	const dyad_doc *doc = run(text, strlen(text));
	dyad_sentence s;
	size_t i, o = 0;

	buf[0] = '\0';
	if (!doc || dyad_doc_sentence(doc, 0, &s) != DYAD_OK)
		return "(failed)";
	for (i = 0; i < s.n_tokens && o < cap; i++) {
		dyad_token t;
		dyad_doc_token(doc, 0, i, &t);
		o += (size_t)snprintf(buf + o, cap - o, "%s%.*s", i ? " " : "",
				      (int)(fold ? t.fold_len : t.text_len), fold ? t.fold : t.text);
	}
	return buf;
}

static const char *toks(const char *text, char *buf, size_t cap)
{
	return tok_list(text, 0, buf, cap);
}

static const char *keys(const char *text, char *buf, size_t cap)
{
	return tok_list(text, 1, buf, cap);
}

static const char *norm(const char *text)
{
	const char *out;
	size_t n;

	if (dyad_ctx_normalize(ctx, text, strlen(text), &out, &n) != DYAD_OK)
		return "(failed)";
	return out;
}

static void test_characters(void)
{
	CHECK_EQ_STR(norm("\xE2\x80\x9CWe\xE2\x80\x99re here\xE2\x80\x9D"), "\"We're here\"",
		     "curly quotes become ASCII");
	CHECK_EQ_STR(norm("1990\xE2\x80\x93" "95, war\xE2\x80\x94" "and peace"),
		     "1990-95, war--and peace", "en dash and em dash");
	CHECK_EQ_STR(norm("a\xC2\xA0" "b\xE2\x80\x8B" "c\xC2\xAD" "d"), "a bcd",
		     "NBSP is a space; zero-width space and soft hyphen vanish");
	CHECK_EQ_STR(norm("  many \t\n  spaces  "), "many spaces", "whitespace collapses and trims");
	CHECK_EQ_STR(norm("\xEF\xAC\x81nal \xEF\xBC\xA1" "B"), "final AB",
		     "NFKC: ligature and full-width letters");
	CHECK_EQ_STR(norm("cafe\xCC\x81"), "caf\xC3\xA9", "NFKC composes e + combining acute");
	CHECK_EQ_STR(norm("bad \xFF byte"), "bad \xEF\xBF\xBD byte", "invalid byte becomes U+FFFD");
	{
		const char *out;
		size_t n;
		CHECK(dyad_ctx_normalize(ctx, "NUL\0in", 6, &out, &n) == DYAD_OK && n == 6 &&
			      memcmp(out, "NUL in", 6) == 0,
		      "a NUL byte separates words like a space");
	}
	CHECK_EQ_STR(norm("see https://example.org/a?b=1. Then"), "see. Then",
		     "URL dropped, its trailing full stop kept");
	CHECK_EQ_STR(norm("pic.twitter.com/AbC123 and t.co/xyz gone"), "and gone",
		     "tweet links dropped");
}

static void test_hyphenation(void)
{
	CHECK_EQ_STR(norm("a humani-\ntarian truce"), "a humanitarian truce",
		     "line-end hyphen joins a dictionary word");
	CHECK_EQ_STR(norm("Minister Amir-\nAbdollahian said"), "Minister Amir-Abdollahian said",
		     "line-end hyphen before a capital keeps the hyphen");
	CHECK_EQ_STR(norm("a four-\nday truce"), "a four-day truce",
		     "compound that is not one word keeps its hyphen");
	CHECK_EQ_STR(norm("the war -\nand then"), "the war - and then",
		     "a spaced dash at line end is not hyphenation");
	CHECK_EQ_STR(norm("nego\xC2\xAD\ntiations"), "negotiations", "soft hyphen at line end joins");
	CHECK_EQ_STR(norm("\xC3\xA9humani-\ntarian"), "\xC3\xA9humani-tarian",
		     "a word with a non-ASCII letter is not judged by its ASCII part");
	{
		char buf[256];
		/* The second sentence starts right after the quote; normalized
		** alone it would join, so in the document it must join too. */
		CHECK_EQ_STR(sents("He left.\xE2\x80\x9CHumani-\ntarian aid resumed.", buf, sizeof buf),
			     "He left.\" | Humanitarian aid resumed.",
			     "line-end hyphen joins after a curly quote");
		CHECK_EQ_STR(sents("Talks ended\xDB\x94Humani-\ntarian aid resumed.", buf, sizeof buf),
			     "Talks ended\xDB\x94 | Humanitarian aid resumed.",
			     "line-end hyphen joins after an Urdu full stop");
	}
}

static void test_sentences(void)
{
	char buf[2048];

	CHECK_EQ_STR(sents("Talks began on Nov. 23 in Doha. They ended.", buf, sizeof buf),
		     "Talks began on Nov. 23 in Doha. | They ended.", "no split after Nov.");
	CHECK_EQ_STR(sents("Aid from the U.S. arrived. Dr. Ali Hamid met Gen. J. Smith.", buf, sizeof buf),
		     "Aid from the U.S. arrived. | Dr. Ali Hamid met Gen. J. Smith.",
		     "no split after U.S., Dr., Gen., initials");
	CHECK_EQ_STR(sents("It came from the U.S. The talks went on.", buf, sizeof buf),
		     "It came from the U.S. | The talks went on.",
		     "U.S. ends a sentence before a sentence opener");
	CHECK_EQ_STR(sents("Prices rose 3.5 percent. Then fell.", buf, sizeof buf),
		     "Prices rose 3.5 percent. | Then fell.", "decimals do not split");
	CHECK_EQ_STR(sents("He said: \"We will stay.\" She left.", buf, sizeof buf),
		     "He said: \"We will stay.\" | She left.", "closing quote stays with its sentence");
	CHECK_EQ_STR(sents("\"Is it over?\" he asked. No.", buf, sizeof buf),
		     "\"Is it over?\" he asked. | No.", "question inside a quote, lower-case goes on");
	CHECK_EQ_STR(sents("The vote (see p. 5) passed. (It was close.) Then talks.", buf, sizeof buf),
		     "The vote (see p. 5) passed. | (It was close.) | Then talks.", "parentheses");
	CHECK_EQ_STR(sents("\xD9\x87\xD9\x84 \xD8\xA7\xD9\x86\xD8\xAA\xD9\x87\xD8\xAA\xD8\x9F "
			   "\xD9\x86\xD8\xB9\xD9\x85\xD8\x8C \xD8\xA7\xD9\x86\xD8\xAA\xD9\x87\xD8\xAA.",
			   buf, sizeof buf),
		     "\xD9\x87\xD9\x84 \xD8\xA7\xD9\x86\xD8\xAA\xD9\x87\xD8\xAA\xD8\x9F | "
		     "\xD9\x86\xD8\xB9\xD9\x85\xD8\x8C \xD8\xA7\xD9\x86\xD8\xAA\xD9\x87\xD8\xAA.",
		     "Arabic question mark splits, Arabic comma does not");
	CHECK_EQ_STR(sents("Iran FM visits Doha\n\nThe minister arrived on Tuesday.", buf, sizeof buf),
		     "Iran FM visits Doha | The minister arrived on Tuesday.",
		     "a headline stays apart from the body");
	CHECK_EQ_STR(sents("The talks in the Qatari capital went on for many hours and the\n"
			   "two sides agreed on a text that both capitals would accept in the\n"
			   "end, officials said on the record after the long session closed.\n",
			   buf, sizeof buf),
		     "The talks in the Qatari capital went on for many hours and the two sides "
		     "agreed on a text that both capitals would accept in the end, officials "
		     "said on the record after the long session closed.",
		     "hard-wrapped lines rejoin into one paragraph");
}

static void test_tokens(void)
{
	char buf[1024];

	CHECK_EQ_STR(toks("Iran\xE2\x80\x99s FM Kan\xE2\x80\x99" "ani didn't say.", buf, sizeof buf),
		     "Iran 's FM Kan'ani did n't say .", "possessive, inner apostrophe, n't");
	CHECK_EQ_STR(toks("At least 8,525 died, 3,457 of them children; 40% of 5.93 mln.", buf, sizeof buf),
		     "At least 8,525 died , 3,457 of them children ; 40 % of 5.93 mln .",
		     "numbers with separators are one token");
	CHECK_EQ_STR(toks("#Gaza @AmiriDiwan the U.S.-led four-day truce...", buf, sizeof buf),
		     "#Gaza @AmiriDiwan the U.S.-led four-day truce ...",
		     "hashtags, handles, hyphenated words, ellipsis");
	CHECK_EQ_STR(toks("The States' role", buf, sizeof buf), "The States ' role",
		     "plural possessive apostrophe");
	/* Words shorter and longer than the 8 and 16 bytes the scanner
	** takes at a time, capitals on either side of those edges. */
	CHECK_EQ_STR(keys("The QUICK Brown-Fox saw 12 NATO-led PARLIAMENTARIANSHIP and "
			  "supercalifragilisticexpialidociouS, ABCDEFGHIJKLMNOPq.", buf, sizeof buf),
		     "the quick brown-fox saw 12 nato-led parliamentarianship and "
		     "supercalifragilisticexpialidocious , abcdefghijklmnopq .",
		     "keys are the words in lower case");
	CHECK_EQ_STR(toks("see e.g. A.B. and U.S.A. or ab. and abc. then 3.5x and 1,000. or",
			  buf, sizeof buf),
		     "see e.g. A.B. and U.S.A. or ab . and abc . then 3.5x and 1,000 . or",
		     "dotted abbreviations, full stops after words and numbers");
	CHECK_EQ_STR(toks("\xD9\xA3\xD9\xA4,\xD9\xA5 and 3\xD9\xA4", buf, sizeof buf),
		     "\xD9\xA3\xD9\xA4,\xD9\xA5 and 3\xD9\xA4",
		     "Arabic-Indic digits make whole number tokens");
}

static void test_spans(void)
{
	const char *text = "  \xE2\x80\x9CHello\xE2\x80\x9D, he said.\n\nNext one.";
	const dyad_doc *doc = run(text, strlen(text));
	dyad_sentence s;
	dyad_token t;

	CHECK(doc != NULL, "span document processed");
	if (!doc)
		return;
	CHECK(dyad_doc_sentence(doc, 0, &s) == DYAD_OK && s.start == 2 &&
		      s.end == strlen("  \xE2\x80\x9CHello\xE2\x80\x9D, he said."),
	      "sentence span covers the original curly quotes");
	CHECK(dyad_doc_token(doc, 0, 0, &t) == DYAD_OK && t.start == 2 && t.end == 5,
	      "a replaced quote maps to its 3 original bytes");
	CHECK(dyad_doc_sentence(doc, 1, &s) == DYAD_OK && s.paragraph == 1 &&
		      memcmp(text + s.start, "Next one.", 9) == 0,
	      "second paragraph span");
	CHECK(dyad_doc_sentence(doc, 2, &s) == DYAD_NOTFOUND, "out of range is NOTFOUND");
}

static void test_boilerplate(void)
{
	char buf[2048];
	const char *tweet =
		"The emir received the letter.\n\n"
		"\xD9\x88\xD8\xB5\xD9\x84\xD8\xAA \xD8\xA7\xD9\x84\xD8\xB1\xD8\xB3\xD8\xA7\xD9\x84\xD8\xA9. "
		"https://t.co/AbCd pic.twitter.com/EfGh \xE2\x80\x94 Some Office (@SomeOffice) "
		"October 31, 2023\n\nTalks followed.";
	const char *caption =
		" The minister (L) meets the envoy in the capital\n\n\n"
		"on Nov. 2, 2023. (Photo by Agency)\n\n"
		"Doha, November 3 (Wire)-- The minister met the envoy.\n";
	const dyad_doc *doc;
	dyad_sentence s;

	CHECK_EQ_STR(sents(tweet, buf, sizeof buf),
		     "The emir received the letter. | "
		     "\xD9\x88\xD8\xB5\xD9\x84\xD8\xAA \xD8\xA7\xD9\x84\xD8\xB1\xD8\xB3\xD8\xA7\xD9\x84\xD8\xA9. | "
		     "Talks followed.",
		     "tweet links and signature removed; Arabic sentence kept");
	doc = run(tweet, strlen(tweet));
	CHECK(doc && dyad_doc_sentence(doc, 1, &s) == DYAD_OK && strcmp(s.script, "Arab") == 0 &&
		      strcmp(s.lang, "ar") == 0,
	      "the Arabic sentence is marked Arab/ar");
	CHECK_EQ_STR(sents(caption, buf, sizeof buf),
		     "Doha, November 3 (Wire)-- The minister met the envoy.",
		     "photo caption split by blank lines is removed whole");
	CHECK_EQ_STR(sents("Cocoa prices rose.\n    Dealers were calm.\n Reuter\n", buf, sizeof buf),
		     "Cocoa prices rose. | Dealers were calm.", "wire sign-off removed");
}

static void test_hostile(void)
{
	size_t big = 8u << 20, i;
	char *t = malloc(big);
	dyad_input in;
	const dyad_doc *doc;
	dyad_doc_info info;

	CHECK(run("", 0) != NULL, "empty text gives an empty document");
	{
		static const char nuls[] = "The ministers met in Doha on Tuesday.\0 Talks went\0on.";
		const dyad_doc *d = run(nuls, sizeof nuls - 1);
		char buf[256];
		dyad_sentence s;
		CHECK(d && dyad_doc_sentence(d, 1, &s) == DYAD_OK &&
			      snprintf(buf, sizeof buf, "%.*s", (int)s.text_len, s.text) &&
			      strcmp(buf, "Talks went on.") == 0,
		      "a few NUL bytes inside text act as spaces");
	}
	{
		/* "h--h" glues tokens where an over-long sentence may not be
		** cut; the cut moves on by a token or two, not without end. */
		char *g = malloc(2000);
		size_t o = 0, s, worst = 0;
		dyad_doc_info gi;
		const dyad_doc *gd;
		for (i = 0; g && i < 390; i++, o += 2)
			memcpy(g + o, "a ", 2);
		for (i = 0; g && i < 100; i++, o += 3)
			memcpy(g + o, "h--", 3);
		if (g)
			memcpy(g + o, "h end.", 6);
		gd = g ? run(g, o + 6) : NULL;
		if (gd)
			dyad_doc_get_info(gd, &gi);
		for (s = 0; gd && s < gi.n_sentences; s++) {
			dyad_sentence st;
			dyad_doc_sentence(gd, s, &st);
			worst = st.n_tokens > worst ? st.n_tokens : worst;
		}
		CHECK(gd && worst > 0 && worst <= DYAD_MAX_SENT_TOKENS + 2,
		      "glued tokens move the token cap by two at most");
		free(g);
	}
	memset(&in, 0, sizeof in);
	{
		static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
		in.text = png;
		in.text_len = sizeof png - 1;
	}
	CHECK(dyad_ctx_process(ctx, &in, &doc) == DYAD_PARSE && strstr(dyad_errmsg(ctx), "binary"),
	      "binary data is refused with a message");
	if (!t)
		return;
	/* One 8 MiB line without a full stop: must be cut, not choke. */
	for (i = 0; i < big; i++)
		t[i] = (i % 7 == 6) ? ' ' : 'a';
	doc = run(t, big);
	dyad_doc_get_info(doc, &info);
	CHECK(doc && info.n_sentences >= big / 7 / 400, "a huge line is cut into bounded sentences");
	memset(&in, 0, sizeof in);
	in.text = t;
	in.text_len = (16u << 20) + 1;
	CHECK(dyad_ctx_process(ctx, &in, &doc) == DYAD_LIMIT &&
		      strstr(dyad_errmsg(ctx), "DYAD_MAX_DOC_BYTES"),
	      "over-size article refused with the cap named");
	free(t);
}

int main(void)
{
	if (dyad_engine_new(NULL, &eng) != DYAD_OK) {
		printf("not ok 1 - engine: %s\n", dyad_engine_errmsg(eng));
		return 1;
	}
	if (dyad_ctx_new(eng, &ctx) != DYAD_OK)
		return 1;
	test_characters();
	test_hyphenation();
	test_sentences();
	test_tokens();
	test_spans();
	test_boilerplate();
	test_hostile();
	dyad_ctx_free(ctx);
	dyad_engine_free(eng);
	dyad_ctx_free(NULL);
	dyad_engine_free(NULL);
	return tap_done();
}
