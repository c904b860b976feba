/*
** test_actor_seeds.c — the actor issue's acceptance checks on the two seed
** articles, with dyad's default dictionaries (data/actors/). The seeds are
** third-party text, read at run time from ../shared/seeds and never
** copied here; without them the checks are reported as skipped.
**
** Each rule names the mentions it is about by their text, and passes only
** when at least one such mention was found and every one of them has the
** expected code: a rule cannot pass by finding nothing.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"
#include "seeds.h"
#include "tap.h"

static dyad_engine *eng;
static dyad_ctx *ctx;

/* Case-insensitive: does s[0, n) contain needle? */
static int contains(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle), i, j;

	for (i = 0; i + k <= n; i++) {
		for (j = 0; j < k && tolower((unsigned char)s[i + j]) == tolower((unsigned char)needle[j]); j++)
			;
		if (j == k)
			return 1;
	}
	return 0;
}

/* How a code is checked: exactly, or by prefix and an element. */
typedef struct rule {
	const char *doc;     /* seed file */
	const char *needle;  /* mentions whose text contains this */
	const char *code;    /* exact code wanted, or NULL */
	const char *prefix;  /* else: the code starts with this */
	const char *elem;    /* ... and has this element after the country */
	const char *what;
} rule;

static void check_rule(const dyad_doc *doc, size_t n, const rule *r)
{
	size_t i, seen = 0, bad = 0;
	char msg[256];

	for (i = 0; i < n; i++) {
		dyad_mention m;
		int ok;
		if (dyad_doc_mention(doc, i, &m) != DYAD_OK || !contains(m.text, m.text_len, r->needle))
			continue;
		seen++;
		ok = r->code ? strcmp(m.code, r->code) == 0 :
		     strncmp(m.code, r->prefix, strlen(r->prefix)) == 0 &&
		     (!r->elem || strstr(m.code + 3, r->elem) != NULL);
		if (!ok) {
			bad++;
			printf("#   \"%.*s\" (sentence %zu) is %s, by %s\n", (int)m.text_len, m.text,
			       m.sent, *m.code ? m.code : "(no code)", dyad_how_name(m.how));
		}
	}
	snprintf(msg, sizeof msg, "%s: %s (%zu mentions)", r->doc, r->what, seen);
	CHECK(seen > 0 && bad == 0, msg);
}

/* Hamas's own code in the document, so "Haniyeh -> Hamas" does not
** depend on which code the dictionaries give Hamas. */
static const char *hamas_code(const dyad_doc *doc, size_t n, char *buf, size_t cap)
{
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		dyad_mention m;
		if (dyad_doc_mention(doc, i, &m) == DYAD_OK && contains(m.text, m.text_len, "Hamas") &&
		    !contains(m.text, m.text_len, "Haniyeh") && *m.code) {
			snprintf(buf, cap, "%s", m.code);
			break;
		}
	}
	return buf;
}

static void seed(const char *name, const rule *rules, size_t nrules)
{
	const dyad_doc *doc = seed_load(ctx, name);
	size_t n = 0, i;
	char hamas[64];

	if (!doc) {
		printf("ok %d - # SKIP ../shared/seeds absent: %s actor checks not run\n", ++tap_n, name);
		return;
	}
	CHECK(dyad_doc_actors(doc, &n) == DYAD_OK && n > 0, "actors found");
	for (i = 0; i < nrules; i++)
		check_rule(doc, n, &rules[i]);
	hamas_code(doc, n, hamas, sizeof hamas);
	CHECK(*hamas, "Hamas itself is coded");
	if (*hamas) {
		rule r = { name, "Haniyeh", hamas, NULL, NULL, "Haniyeh is Hamas" };
		check_rule(doc, n, &r);
	}
}

int main(void)
{
	static const rule r000[] = {
		{ "000", "abdollahian", "IRNGOV", NULL, NULL, "Amirabdollahian is Iran's government" },
		{ "000", "FM", "IRNGOV", NULL, NULL, "\"the FM\" is him" },
		{ "000", "top Iranian diplomat", "IRNGOV", NULL, NULL, "\"the top Iranian diplomat\" is him" },
		{ "000", "Sheikh Tamim", "QATGOV", NULL, NULL, "Sheikh Tamim is Qatar's government" },
		{ "000", "Mohammed bin Abdulrahman", "QATGOV", NULL, NULL, "Sheikh Mohammed bin Abdulrahman Al Thani is Qatar's government" },
		{ "000", "Raisi", "IRNGOV", NULL, NULL, "Raisi is Iran's government" },
		{ "000", "Kan'ani", "IRNGOV", NULL, NULL, "Nasser Kan'ani is Iran's government" },
		{ "000", "Pentagon", NULL, "USA", "MIL", "the Pentagon is US military or defence" },
		{ "000", "Singh", NULL, "USA", "MIL", "Sabrina Singh is US military or defence" },
		{ "000", "General Assembly", NULL, "IGOUNO", NULL, "the UN General Assembly is the UN" },
		{ "000", "Israeli Defense Force", "ISRMIL", NULL, NULL, "the Israeli Defense Force is Israel's military" },
	};
	static const rule r004[] = {
		{ "004", "Abdollahian", "IRNGOV", NULL, NULL, "Amir-Abdollahian is Iran's government" },
		{ "004", "Mohammed bin Abdulrahman", "QATGOV", NULL, NULL, "Qatar's foreign minister is Qatar's government" },
	};
	dyad_config cfg;

	memset(&cfg, 0, sizeof cfg);
	cfg.actors = 1;
	if (dyad_engine_new(&cfg, &eng) != DYAD_OK || dyad_ctx_new(eng, &ctx) != DYAD_OK) {
		printf("not ok 1 - engine: %s\n", eng ? dyad_engine_errmsg(eng) : "out of memory");
		return 1;
	}
	CHECK(dyad_engine_diag_count(eng) == 0, "the default dictionaries load without a warning");
	for (size_t i = 0; i < dyad_engine_diag_count(eng) && i < 10; i++)
		printf("#   %s\n", dyad_engine_diag(eng, i));
	seed("000_f8e8045361a76b08.txt", r000, sizeof r000 / sizeof *r000);
	seed("004_fc450134ee5bacbb.txt", r004, sizeof r004 / sizeof *r004);
	dyad_ctx_free(ctx);
	dyad_engine_free(eng);
	return tap_done();
}
