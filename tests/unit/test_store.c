/*
** test_store.c — the SQLite store: idempotent ingest, replacement of a
** changed document, near-duplicate articles, event clusters and their
** counts, order independence, query filters, schema migrations, and the
** lock between two processes.
**
** The articles are the test's own, coded with dyad's default dictionaries;
** each scenario uses a fresh database in a temporary directory.
*/
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "dyad_int.h"
#include "tap.h"

static dyad_engine *eng;
static dyad_ctx *ctx;
static char dir[64];

/* Two dated wire items reporting the same meeting, and an unrelated one. */
static const char meet1[] =
	"Iran's foreign minister met Hamas leader Ismail Haniyeh in Doha. The two men "
	"discussed the war in Gaza and the release of the hostages held there.";
static const char meet2[] =
	"Turkey's president criticized Israel. Iran's foreign minister met Hamas leader "
	"Ismail Haniyeh in Doha.";
static const char cairo[] =
	"Egypt's foreign minister met Qatar's prime minister in Cairo.";

/* A long wire story, for the near-duplicate checks: the same text with a
** changed sentence must still resemble it. */
static const char story[] =
	"Egypt's foreign minister met Qatar's prime minister in Cairo. Officials from both "
	"countries said the talks covered trade, the price of natural gas, the shipping lanes "
	"of the Red Sea and a joint plan for reconstruction once the fighting stops. The "
	"ministers agreed to meet again before the end of the season and to set up working "
	"groups on energy, water and transport that will report to both governments within "
	"three months. A statement issued after the meeting called the talks frank and useful "
	"and said that both sides wished to widen their cooperation in the coming years.";

static char *path_in(const char *name)
{
	static char p[4][128];
	static int k;

	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
	return p[k];
}

static dyad_store *open_store(const char *name)
{
	dyad_store *st = NULL;
	const dyad_status rc = dyad_store_open(path_in(name), NULL, &st);

	if (rc != DYAD_OK) {
		printf("# open %s: %s\n", name, st ? dyad_store_errmsg(st) : "nomem");
		dyad_store_close(st);
		return NULL;
	}
	return st;
}

static dyad_status put(dyad_store *st, const char *id, const char *date, const char *source,
		       const char *text, dyad_ingest_result *res)
{
	dyad_input in;
	dyad_status rc;

	memset(&in, 0, sizeof in);
	in.id = id;
	in.date = date;
	in.source = source;
	in.text = text;
	in.text_len = strlen(text);
	rc = dyad_store_ingest(st, ctx, &in, NULL, res);
	if (rc != DYAD_OK)
		printf("# ingest %s: %s\n", id, dyad_store_errmsg(st));
	return rc;
}

/* The first event from src to tgt (exact codes) with its counts; 0 when
** there is none. n counts all such events. */
static int find_event(dyad_store *st, const char *src, const char *tgt, dyad_store_event *out,
		      size_t *n, char ids[][17])
{
	dyad_event_filter f;
	dyad_store_query *q;
	dyad_store_event e;
	int found = 0;

	memset(&f, 0, sizeof f);
	f.source = src;
	f.target = tgt;
	*n = 0;
	if (dyad_store_query_new(st, &f, &q) != DYAD_OK)
		return 0;
	while (dyad_store_query_next(q, &e) == DYAD_OK) {
		if (strcmp(e.source, src) != 0 || strcmp(e.target, tgt) != 0)
			continue;
		if (ids)
			memcpy(ids[*n], e.id, 17);
		if (!found++) {
			*out = e; /* strings die with the query: keep the counts only */
			out->date = out->source = out->target = out->cameo = "";
			out->source_label = out->target_label = out->plover = "";
			out->place = out->country = out->admin1 = out->url = out->doc = out->added = "";
		}
		++*n;
	}
	dyad_store_query_free(q);
	return found > 0;
}

static int consistent(dyad_store *st)
{
	const dyad_status rc = dyad_store_check(st);

	if (rc != DYAD_OK)
		printf("# check: %s\n", dyad_store_errmsg(st));
	return rc == DYAD_OK;
}

/* Events the filter keeps. */
static size_t count(dyad_store *st, const dyad_event_filter *f)
{
	dyad_store_query *q;
	dyad_store_event e;
	size_t n = 0;

	if (dyad_store_query_new(st, f, &q) != DYAD_OK)
		return (size_t)-1;
	while (dyad_store_query_next(q, &e) == DYAD_OK)
		n++;
	dyad_store_query_free(q);
	return n;
}

static void three(dyad_store *st, int reverse)
{
	const char *ids[] = { "a1", "a2", "a3" };
	const char *dates[] = { "2024-03-05", "2024-03-05", "2024-03-06" };
	const char *srcs[] = { "Wire One", "Daily Two", "Wire One" };
	const char *texts[] = { meet1, meet2, cairo };
	int i;

	for (i = 0; i < 3; i++) {
		const int k = reverse ? 2 - i : i;
		put(st, ids[k], dates[k], srcs[k], texts[k], NULL);
	}
}

static int same_counts(const dyad_store_counts *a, const dyad_store_counts *b)
{
	return a->documents == b->documents && a->duplicates == b->duplicates &&
	       a->sentences == b->sentences && a->actors == b->actors &&
	       a->mentions == b->mentions && a->events == b->events;
}

static void test_idempotent(void)
{
	dyad_store *st = open_store("idem.db");
	dyad_store_counts c1, c2;
	dyad_store_event e;
	dyad_ingest_result r;
	size_t n;

	CHECK(st != NULL, "store opens");
	if (!st)
		return;
	three(st, 0);
	CHECK(dyad_store_commit(st) == DYAD_OK, "batch commits");
	CHECK(dyad_store_counts_get(st, &c1) == DYAD_OK && c1.documents == 3, "3 documents");
	CHECK(c1.mentions > c1.events && c1.events > 0, "mentions cluster into fewer events");
	CHECK(find_event(st, "IRNGOV", "PSEREBHMS", &e, &n, NULL) && n == 1,
	      "one Iran-Hamas meeting from two articles");
	CHECK_EQ_INT(e.mentions, 2, "its mentions");
	CHECK_EQ_INT(e.articles, 2, "its articles");
	CHECK_EQ_INT(e.sources, 2, "its outlets");
	CHECK(consistent(st), "consistent after ingest");
	CHECK(put(st, "a2", "2024-03-05", "Daily Two", meet2, &r) == DYAD_OK &&
	      r.outcome == DYAD_INGEST_UNCHANGED && r.mentions == 0, "same input: unchanged");
	three(st, 0);
	dyad_store_close(st);
	st = open_store("idem.db");
	if (!st)
		return;
	three(st, 1);
	CHECK(dyad_store_commit(st) == DYAD_OK && dyad_store_counts_get(st, &c2) == DYAD_OK &&
	      same_counts(&c1, &c2), "re-ingest (also after reopening) changes no count");
	dyad_store_close(st);
}

static void test_replace(void)
{
	dyad_store *st = open_store("repl.db");
	dyad_store_event e;
	dyad_ingest_result r;
	dyad_store_counts c;
	dyad_event_filter f;
	size_t n;

	if (!st)
		return;
	put(st, "a1", "2024-03-05", "Wire One", meet1, NULL);
	put(st, "a2", "2024-03-05", "Daily Two", meet2, NULL);
	CHECK(put(st, "a2", "2024-03-05", "Daily Two", cairo, &r) == DYAD_OK &&
	      r.outcome == DYAD_INGEST_REPLACED, "changed text: replaced (in the same batch)");
	dyad_store_commit(st);
	CHECK(find_event(st, "IRNGOV", "PSEREBHMS", &e, &n, NULL) && n == 1 && e.mentions == 1 &&
	      e.articles == 1, "the replaced article's mention is gone from the event");
	CHECK(find_event(st, "EGYGOV", "QATGOV", &e, &n, NULL) && e.mentions == 1,
	      "its new mention is in");
	CHECK(dyad_store_counts_get(st, &c) == DYAD_OK && c.documents == 2, "still 2 documents");
	CHECK(put(st, "a1", "2024-03-07", "Wire One", meet1, &r) == DYAD_OK &&
	      r.outcome == DYAD_INGEST_REPLACED, "changed date: replaced");
	dyad_store_commit(st);
	memset(&f, 0, sizeof f);
	f.source = "IRNGOV";
	f.target = "PSEREBHMS";
	f.from = "2024-03-07";
	CHECK_EQ_INT(count(st, &f), 1, "the event moved to the new date");
	f.from = NULL;
	f.to = "2024-03-06";
	CHECK_EQ_INT(count(st, &f), 0, "and left the old one");
	CHECK(consistent(st), "consistent after replacements");
	dyad_store_close(st);
}

/* By default a document keeps the sentences that carry an event and
** their actor mentions; all_sentences keeps every one. Both count every
** sentence coded in the document row. */
static void test_evidence(void)
{
	dyad_store_opts o;
	dyad_store *ev = open_store("evidence.db"), *all = NULL;
	dyad_ingest_result r1, r2;
	dyad_event_filter f;

	dyad_store_opts_init(&o);
	o.all_sentences = 1;
	if (dyad_store_open(path_in("all.db"), &o, &all) != DYAD_OK || !ev) {
		CHECK(0, "both stores open");
		goto out;
	}
	/* meet1: the meeting, then a sentence with no event. */
	CHECK(put(ev, "a1", "2024-03-05", "Wire One", meet1, &r1) == DYAD_OK &&
	      put(all, "a1", "2024-03-05", "Wire One", meet1, &r2) == DYAD_OK, "both ingest");
	CHECK_EQ_INT(r2.sentences, 2, "all_sentences: both sentences stored");
	CHECK_EQ_INT(r1.sentences, 1, "by default: only the sentence with the meeting");
	CHECK(r1.actors > 0 && r1.actors < r2.actors, "and only that sentence's actor mentions");
	CHECK(r1.mentions == r2.mentions && r1.mentions > 0, "the same event mentions");
	CHECK(dyad_store_commit(ev) == DYAD_OK && dyad_store_commit(all) == DYAD_OK &&
	      consistent(ev) && consistent(all), "both consistent");
	memset(&f, 0, sizeof f);
	f.text = "HANIYEH in doha";
	CHECK_EQ_INT(count(ev, &f), 2, "--text finds the evidence sentence");
out:
	dyad_store_close(ev);
	dyad_store_close(all);
}

/* Runs sql on the file as another connection would. */
static int exec_on(const char *name, const char *sql)
{
	sqlite3 *db;
	int rc = sqlite3_open(path_in(name), &db);

	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc;
}

/* A document whose rows cannot all be written leaves none, whether new
** or replacing a stored one, and the rest of its batch stands. A trigger
** refuses Egypt's event mentions after the article's sentences and actor
** mentions went in. */
static void test_failed_doc(void)
{
	dyad_store *st = open_store("fail.db");
	dyad_store_counts c;
	dyad_store_event e;
	size_t n;

	if (!st)
		return;
	CHECK(put(st, "a1", "2024-03-05", "Wire One", meet1, NULL) == DYAD_OK &&
	      dyad_store_commit(st) == DYAD_OK, "a first batch");
	CHECK(exec_on("fail.db", "CREATE TRIGGER no_egypt BEFORE INSERT ON mentions"
		      " WHEN NEW.source LIKE 'EGY%' BEGIN SELECT RAISE(ABORT,'refused');"
		      " END") == SQLITE_OK, "a trigger refuses Egypt's mentions");
	CHECK(put(st, "a2", "2024-03-05", "Daily Two", meet2, NULL) == DYAD_OK, "a2 goes in");
	CHECK(put(st, "a3", "2024-03-06", "Wire One", cairo, NULL) != DYAD_OK, "a new a3 fails");
	CHECK(put(st, "a1", "2024-03-05", "Wire One", cairo, NULL) != DYAD_OK,
	      "a1 replaced by Egypt's meeting fails");
	CHECK(put(st, "a4", "2024-03-05", "Daily Two", "Turkey's president criticized Israel.",
		  NULL) == DYAD_OK, "the batch goes on");
	CHECK(dyad_store_commit(st) == DYAD_OK, "and commits");
	CHECK(dyad_store_counts_get(st, &c) == DYAD_OK && c.documents == 3,
	      "a1, a2 and a4 are stored, a3 is not");
	CHECK(find_event(st, "IRNGOV", "PSEREBHMS", &e, &n, NULL) && n == 1 && e.mentions == 2 &&
	      e.articles == 2, "a1 kept its old rows: its meeting still counts");
	CHECK(consistent(st), "consistent after the failures");
	CHECK(exec_on("fail.db", "DROP TRIGGER no_egypt") == SQLITE_OK &&
	      put(st, "a3", "2024-03-06", "Wire One", cairo, NULL) == DYAD_OK &&
	      dyad_store_commit(st) == DYAD_OK && consistent(st), "a3 goes in once allowed");
	dyad_store_close(st);
}

/* Signature of text, processed on ctx; returns the shingle count. */
static size_t sig_of(const char *text, uint32_t sig[DYAD__SIG_K])
{
	dyad_input in;
	const dyad_doc *doc;

	memset(&in, 0, sizeof in);
	in.text = text;
	in.text_len = strlen(text);
	if (dyad_ctx_process(ctx, &in, &doc) != DYAD_OK)
		return 0;
	return dyad__dedup_signature(doc, sig);
}

/* story with its last sentence changed. */
static char *edited_story(void)
{
	static char buf[sizeof story + 64];
	const char *last = strstr(story, "A statement");

	snprintf(buf, sizeof buf, "%.*sThe statement was short and said little more.",
		 (int)(last - story), story);
	return buf;
}

/* The stored hashes (content hash, signatures, event ids) are FNV-1a
** with the offset 1469598103934665603, a digit short of FNV's published
** basis: stored values depend on it, so it stays. Pinned values, and
** every length around the eight-byte turns against a byte loop. */
static void test_fnv(void)
{
	static const char text[] = "The minister met the envoy in Cairo on Tuesday.";
	size_t n, bad = 0;

	CHECK(dyad__hash("", 0) == 1469598103934665603ull, "the empty string: the offset");
	CHECK(dyad__hash("foobar", 6) == 0x88fad7c0a8ff07f2ull, "\"foobar\" as stored before");
	CHECK(dyad__hash(text, 48) == 0x0a69636d5e05defaull, "a sentence as stored before");
	for (n = 0; n < sizeof text; n++) {
		uint64_t h = 1469598103934665603ull;
		size_t i;

		for (i = 0; i < n; i++)
			h = (h ^ (unsigned char)text[i]) * 1099511628211ull;
		bad += dyad__hash(text, n) != h;
	}
	CHECK_EQ_INT(bad, 0, "every prefix equals the byte loop");
}

static void test_signatures(void)
{
	uint32_t a[DYAD__SIG_K], b[DYAD__SIG_K], c[DYAD__SIG_K];
	double same, edited, other;

	CHECK(sig_of(story, a) > 50 && sig_of(story, b) > 50, "a long story has shingles");
	same = dyad__dedup_resemblance(a, b);
	CHECK(same == 1.0, "the same text resembles itself fully");
	sig_of(edited_story(), b);
	edited = dyad__dedup_resemblance(a, b);
	sig_of(meet1, c);
	other = dyad__dedup_resemblance(a, c);
	printf("# resemblance: edited %.2f, unrelated %.2f\n", edited, other);
	CHECK(edited >= 0.7 && edited < 1.0, "an edited copy still resembles it");
	CHECK(other < 0.3, "an unrelated article does not");
	CHECK_EQ_INT(sig_of("Too short to shingle.", c), 0, "fewer words than a shingle: none");
}

static void test_near_duplicates(void)
{
	dyad_store *st = open_store("dup.db");
	dyad_ingest_result r1, r2, r3;
	dyad_store_counts c;
	dyad_store_event e;
	size_t n;

	if (!st)
		return;
	put(st, "d1", "2024-03-06", "Wire One", story, &r1);
	put(st, "d2", "2024-03-06", "Daily Two", edited_story(), &r2);
	put(st, "d3", "2024-03-06", "Daily Two", cairo, &r3);
	CHECK(!r1.duplicate && r2.duplicate && !r3.duplicate,
	      "the edited copy is linked, the first and the short one are not");
	dyad_store_commit(st);
	CHECK(dyad_store_counts_get(st, &c) == DYAD_OK && c.duplicates == 1, "one link stored");
	CHECK(find_event(st, "EGYGOV", "QATGOV", &e, &n, NULL) && n == 1, "one Cairo meeting");
	CHECK_EQ_INT(e.mentions, 3, "three mentions");
	CHECK_EQ_INT(e.articles, 2, "two articles: the copy counts once");
	CHECK_EQ_INT(e.sources, 2, "two outlets: the copy's outlet is not new evidence");
	CHECK(consistent(st), "consistent with links");
	/* A later batch finds the original through the stored bands. */
	put(st, "d4", "2024-03-06", "Third Paper", edited_story(), &r3);
	dyad_store_commit(st);
	CHECK(r3.duplicate, "a copy in a later batch is linked too");
	CHECK(find_event(st, "EGYGOV", "QATGOV", &e, &n, NULL) && e.mentions == 4 && e.articles == 2 &&
	      e.sources == 2, "4 mentions, still 2 articles and 2 outlets");
	/* The original changes to something else: its copies are linked
	** again, the later one to the earlier. */
	put(st, "d1", "2024-03-06", "Wire One", meet1, &r1);
	dyad_store_commit(st);
	CHECK(dyad_store_counts_get(st, &c) == DYAD_OK && c.duplicates == 1,
	      "the copies of a replaced original are relinked");
	CHECK(find_event(st, "EGYGOV", "QATGOV", &e, &n, NULL) && e.mentions == 3 && e.articles == 2,
	      "the first copy now counts as the original");
	CHECK(consistent(st), "consistent after relinking");
	dyad_store_close(st);
}

/* A handle's band index follows what another connection commits: a
** copy is found even when its original came in through the other. */
static void test_dup_two_writers(void)
{
	dyad_store *a = open_store("dup2.db"), *b = open_store("dup2.db");
	dyad_ingest_result r;

	if (!a || !b) {
		CHECK(0, "two handles open");
		goto out;
	}
	CHECK(put(a, "x", "2024-03-06", "Wire One", meet1, NULL) == DYAD_OK &&
	      put(a, "y", "2024-03-06", "Wire One", cairo, NULL) == DYAD_OK &&
	      dyad_store_commit(a) == DYAD_OK, "the first handle stores (and indexes) two");
	CHECK(put(b, "d1", "2024-03-06", "Wire One", story, NULL) == DYAD_OK &&
	      dyad_store_commit(b) == DYAD_OK, "the second stores an original");
	CHECK(put(a, "d2", "2024-03-06", "Daily Two", edited_story(), &r) == DYAD_OK &&
	      r.duplicate, "the first links a copy of it");
	CHECK(dyad_store_commit(a) == DYAD_OK && consistent(a), "consistent");
out:
	dyad_store_close(a);
	dyad_store_close(b);
}

/* Every event as "id mentions articles sources", one per line. */
static void dump(dyad_store *st, char *out, size_t cap)
{
	dyad_store_query *q;
	dyad_store_event e;
	size_t len = 0;

	out[0] = '\0';
	if (dyad_store_query_new(st, NULL, &q) != DYAD_OK)
		return;
	while (dyad_store_query_next(q, &e) == DYAD_OK && len < cap)
		len += (size_t)snprintf(out + len, cap - len, "%s %s %s %s %zu %zu %zu\n", e.id,
					e.date, e.source, e.target, e.mentions, e.articles, e.sources);
	dyad_store_query_free(q);
}

static void test_order(void)
{
	static char one[8192], two[8192], three_[8192];
	dyad_store *a = open_store("order1.db"), *b = open_store("order2.db"), *c = NULL;
	dyad_store_opts o;

	dyad_store_opts_init(&o);
	o.batch = 1;
	if (dyad_store_open(path_in("order3.db"), &o, &c) != DYAD_OK)
		CHECK(0, "a store with one document a batch");
	if (a && b && c) {
		three(a, 0);
		three(b, 1);
		three(c, 1);
		put(c, "a4", "2024-03-05", "Third Paper", meet1, NULL);
		put(a, "a4", "2024-03-05", "Third Paper", meet1, NULL);
		put(b, "a4", "2024-03-05", "Third Paper", meet1, NULL);
		dyad_store_commit(a);
		dyad_store_commit(b);
		dyad_store_commit(c);
		dump(a, one, sizeof one);
		dump(b, two, sizeof two);
		dump(c, three_, sizeof three_);
		CHECK(one[0] && strcmp(one, two) == 0, "events do not depend on the order of articles");
		CHECK(strcmp(one, three_) == 0 && consistent(c),
		      "nor on how they were cut into batches");
		if (strcmp(one, two) != 0 || strcmp(one, three_) != 0)
			printf("# in order:\n%s# reversed:\n%s# batches of 1:\n%s", one, two, three_);
	}
	dyad_store_close(a);
	dyad_store_close(b);
	dyad_store_close(c);
}

static dyad__cmention cm(int64_t row, int64_t canon, const char *outlet, const char *place,
			 const char *cameo, int geo)
{
	dyad__cmention m;

	memset(&m, 0, sizeof m);
	m.rowid = row;
	m.canon = canon;
	m.outlet = outlet;
	m.place_key = place;
	m.cameo = cameo;
	m.geo_precision = geo;
	m.first_sentence = row == 1;
	return m;
}

static void test_cluster_rules(void)
{
	dyad__cmention m[5];
	dyad__cluster c[5];
	size_t nc, i, doha = 99;
	int64_t doha_id = 0;

	m[0] = cm(1, 10, "A", "qa||doha", "040", 3);
	m[1] = cm(2, 11, "A", "qa||doha", "040", 3);
	m[2] = cm(3, 12, "", "", "0431", 0);
	m[3] = cm(4, 12, "", "", "0431", 0);
	CHECK(dyad__cluster_group(42, m, 4, c, &nc) == 0 && nc == 1,
	      "one place in the group: the unplaced mentions join it");
	CHECK(c[0].mentions == 4 && c[0].articles == 3 && c[0].sources == 2,
	      "4 mentions, 3 articles, 2 outlets (an article without one is its own)");
	CHECK(m[c[0].place_row].geo_precision == 3, "the event takes the placed mention's place");
	CHECK(strcmp(m[c[0].code_row].cameo, "0431") == 0,
	      "a tie of codes goes to the more specific one");
	CHECK(c[0].root_event == 1 && m[c[0].first_row].canon == 10, "root event, first article");
	doha_id = c[0].id;
	m[4] = cm(5, 13, "B", "qa||lusail", "040", 3);
	CHECK(dyad__cluster_group(42, m, 5, c, &nc) == 0 && nc == 3,
	      "two places: Doha, Lusail and the unplaced are three events");
	for (i = 0; i < nc; i++)
		if (c[i].mentions == 2 && m[c[i].place_row].place_key[0] && c[i].id == doha_id)
			doha = i;
	CHECK(doha != 99, "Doha's event keeps its id");
	CHECK(m[0].cluster == m[1].cluster && m[2].cluster == m[3].cluster &&
	      m[0].cluster != m[2].cluster && m[4].cluster != m[0].cluster,
	      "each mention is in its place's event");
}

/* The place key: country, admin1 and place, ASCII lower-cased, cut to
** the buffer; "" for an unplaced mention. */
static void test_place_key(void)
{
	dyad_event e;
	char k[16];

	memset(&e, 0, sizeof e);
	e.geo_precision = DYAD_GEO_CITY;
	e.country = "QA";
	e.admin1 = NULL;
	e.place = "Doha";
	dyad__cluster_place_key(&e, k, sizeof k);
	CHECK_EQ_STR(k, "qa||doha", "the key of Doha");
	e.place = "Al Wakrah Municipality";
	dyad__cluster_place_key(&e, k, sizeof k);
	CHECK_EQ_STR(k, "qa||al wakrah m", "a long key is cut to the buffer");
	e.geo_precision = DYAD_GEO_NONE;
	dyad__cluster_place_key(&e, k, sizeof k);
	CHECK_EQ_STR(k, "", "an unplaced mention has none");
}

static void test_filters(void)
{
	dyad_store *st = open_store("filter.db");
	dyad_event_filter f;
	size_t all;

	if (!st)
		return;
	three(st, 0);
	dyad_store_commit(st);
	memset(&f, 0, sizeof f);
	all = count(st, &f);
	CHECK(all >= 5, "events stored");
	f.source = "IRN";
	CHECK_EQ_INT(count(st, &f), 1, "--source IRN is a prefix (IRNGOV)");
	f.source = "IRNGOVX";
	CHECK_EQ_INT(count(st, &f), 0, "a longer code is no prefix");
	memset(&f, 0, sizeof f);
	f.actor = "QAT";
	CHECK_EQ_INT(count(st, &f), 2, "--actor matches source or target");
	memset(&f, 0, sizeof f);
	f.cameo = "11";
	CHECK_EQ_INT(count(st, &f), 1, "--cameo 11: the criticism");
	f.cameo = NULL;
	f.root = "04";
	CHECK_EQ_INT(count(st, &f), all - 1, "--root 04: the meetings");
	f.root = "4";
	CHECK(count(st, &f) == (size_t)-1, "a one-digit root is refused");
	memset(&f, 0, sizeof f);
	f.plover = "consult";
	CHECK_EQ_INT(count(st, &f), all - 1, "--plover in any case");
	memset(&f, 0, sizeof f);
	f.from = "2024-03-06";
	CHECK_EQ_INT(count(st, &f), 2, "--from a day");
	f.from = "2024-03";
	CHECK_EQ_INT(count(st, &f), all, "--from a month: its first day");
	f.from = NULL;
	f.to = "2024-03-05";
	CHECK_EQ_INT(count(st, &f), all - 2, "--to a day");
	f.to = "2024-3-5";
	CHECK(count(st, &f) == (size_t)-1, "a malformed date is refused");
	memset(&f, 0, sizeof f);
	f.text = "HANIYEH";
	CHECK_EQ_INT(count(st, &f), 2, "--text ignores ASCII case");
	f.text = "100%";
	CHECK_EQ_INT(count(st, &f), 0, "--text: % is no wildcard");
	/* The place stage puts the two meetings with Haniyeh (one event each
	** way, reported by two articles) in Doha and the Cairo meeting (both
	** ways) in Cairo. */
	memset(&f, 0, sizeof f);
	f.country = "qa";
	CHECK_EQ_INT(count(st, &f), 2, "--country in any case: the Doha meetings");
	f.country = "EG";
	CHECK_EQ_INT(count(st, &f), 2, "--country EG: the Cairo meeting, both ways");
	f.country = NULL;
	f.near = 1;
	f.lat = 25.3;
	f.lon = 51.5;
	f.km = 10;
	CHECK_EQ_INT(count(st, &f), 2, "--near Doha within 10 km");
	f.km = 1500;
	CHECK_EQ_INT(count(st, &f), 2, "Cairo is not within 1,500 km of Doha (about 1,900 km)");
	f.lat = 30.04; /* Cairo */
	f.lon = 31.24;
	f.km = 500;
	CHECK_EQ_INT(count(st, &f), 2, "--near Cairo within 500 km: the Cairo meeting only");
	dyad_store_close(st);
}

static void test_migrations(void)
{
	const int cur = dyad__store_schema_version();
	dyad_store *st = NULL;
	sqlite3 *db;
	sqlite3_int64 v = -1;
	sqlite3_stmt *s;

	CHECK(dyad__store_create_version(path_in("v1.db"), 1) == DYAD_OK, "a version 1 file");
	exec_on("v1.db", "INSERT INTO documents VALUES(1,'old','','','','2024-01-01',3,'en',"
		"0,'x','2024-01-02',0,0,0)");
	CHECK(dyad_store_open(path_in("v1.db"), NULL, &st) == DYAD_OK, "opens and upgrades");
	if (sqlite3_open(path_in("v1.db"), &db) == SQLITE_OK) {
		if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK &&
		    sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
		sqlite3_close(db);
	}
	CHECK_EQ_INT(v, cur, "now at the current version");
	CHECK(st && put(st, "new", "2024-03-06", "Wire One", story, NULL) == DYAD_OK &&
	      dyad_store_commit(st) == DYAD_OK && consistent(st),
	      "the upgraded file takes articles and its old rows stay consistent");
	dyad_store_close(st);
	st = NULL;
	exec_on("v1.db", "PRAGMA user_version=99");
	CHECK(dyad_store_open(path_in("v1.db"), NULL, &st) == DYAD_PARSE &&
	      strstr(dyad_store_errmsg(st), "newer dyad"), "a newer schema is refused");
	dyad_store_close(st);
	st = NULL;
	exec_on("other.db", "CREATE TABLE t(x)");
	CHECK(dyad_store_open(path_in("other.db"), NULL, &st) == DYAD_PARSE &&
	      strstr(dyad_store_errmsg(st), "not a dyad database"), "a foreign file is refused");
	dyad_store_close(st);
}

/* A version 2 file kept every sentence and its bands in a table: after
** the upgrade its rows stay consistent and its articles are found as
** originals from their stored signatures. */
static void test_migrate_v2(void)
{
	uint32_t sig[DYAD__SIG_K];
	dyad_ingest_result r;
	dyad_store *st = NULL;
	sqlite3_stmt *s;
	sqlite3 *db;
	int ok = 0;

	CHECK(dyad__store_create_version(path_in("v2.db"), 2) == DYAD_OK, "a version 2 file");
	CHECK(sig_of(story, sig) > 50, "the story's signature");
	if (sqlite3_open(path_in("v2.db"), &db) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "INSERT INTO documents VALUES(1,'old','','Wire One','',"
			       "'2024-03-06',3,'en',0,'x','2024-03-07',0,0,0,NULL,?1)",
			       -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_blob(s, 1, sig, (int)sizeof sig, SQLITE_STATIC);
		ok = sqlite3_step(s) == SQLITE_DONE;
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	CHECK(ok, "an original with its signature, stored by version 2");
	CHECK(dyad_store_open(path_in("v2.db"), NULL, &st) == DYAD_OK && consistent(st),
	      "opens, upgrades, consistent");
	CHECK(st && put(st, "new", "2024-03-06", "Daily Two", edited_story(), &r) == DYAD_OK &&
	      r.duplicate, "a copy of the old article is linked to it");
	CHECK(st && dyad_store_commit(st) == DYAD_OK && consistent(st), "consistent after");
	dyad_store_close(st);
}

/* One text column of the first row of sql on the file, into out. */
static void text_of(const char *name, const char *sql, char *out, size_t cap)
{
	sqlite3_stmt *s = NULL;
	sqlite3 *db;

	out[0] = '\0';
	if (sqlite3_open(path_in(name), &db) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		snprintf(out, cap, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
}

/* Actor mentions are stored as JSON in their sentence's row and read
** through the actors view: a dictionary whose file name holds a quote,
** a backslash and a tab gives an entry that must come back unchanged. */
static void test_actor_rows(void)
{
	const char *dicts[2] = { NULL, NULL };
	char file[160], want[200], got[200];
	dyad_engine *e2 = NULL;
	dyad_ctx *c2 = NULL;
	dyad_store *st = open_store("actors.db");
	dyad_ingest_result r;
	dyad_store_counts n;
	dyad_config cfg;
	dyad_input in;
	FILE *f;

	snprintf(file, sizeof file, "%s/q\"b\\s\tt.txt", dir);
	if ((f = fopen(file, "w")) != NULL) {
		fputs("@kind actors\nRuritania\n  code RUR\n", f);
		fclose(f);
	}
	memset(&cfg, 0, sizeof cfg);
	cfg.events = 1;
	dicts[0] = file;
	cfg.dicts = dicts;
	memset(&in, 0, sizeof in);
	in.id = "r1";
	in.date = "2024-03-05";
	in.text = "Ruritania's president met Egypt's foreign minister in Cairo.";
	in.text_len = strlen(in.text);
	CHECK(st && dyad_engine_new(&cfg, &e2) == DYAD_OK && dyad_ctx_new(e2, &c2) == DYAD_OK &&
	      dyad_store_ingest(st, c2, &in, NULL, &r) == DYAD_OK && r.mentions > 0,
	      "an article with an event, coded with the odd dictionary");
	CHECK(st && dyad_store_commit(st) == DYAD_OK && consistent(st), "consistent");
	CHECK(st && dyad_store_counts_get(st, &n) == DYAD_OK && n.actors == r.actors &&
	      r.actors >= 2, "the counts have every stored actor mention");
	snprintf(want, sizeof want, "%s:2", file);
	text_of("actors.db", "SELECT entry FROM actors WHERE code LIKE 'RUR%'", got, sizeof got);
	CHECK_EQ_STR(got, want, "the entry comes back through the view, escapes undone");
	text_of("actors.db", "SELECT (SELECT count(*) FROM actors)||'|'||label||'|'||span_start"
		"||'|'||span_end FROM actors WHERE code LIKE 'RUR%'", got, sizeof got);
	snprintf(want, sizeof want, "%zu|Ruritania|0|21", r.actors);
	CHECK_EQ_STR(got, want, "as many rows as were stored; the label and the span");
	dyad_store_close(st);
	dyad_ctx_free(c2);
	dyad_engine_free(e2);
}

/* A version 3 file kept actor mentions one a row: the upgrade moves them
** into their sentences, and the view gives back the same rows. */
static void test_migrate_v3(void)
{
	static const char rows[] =
		"INSERT INTO documents VALUES(1,'old','','Wire One','','2024-03-06',3,'en',0,'x',"
		"'2024-03-07',1,2,0,NULL,NULL,0);"
		"INSERT INTO sentences VALUES(16777216,1,0,0,20,'A. B met \"C\".');"
		"INSERT INTO actors VALUES(16777216,1,0,0,4,'IRNGOV','Iran \"the\" \\ state',"
		"'dictionary','a.txt:3',0.8500001);"
		"INSERT INTO actors VALUES(16777218,1,0,9,12,'QAT','Qatar\tx','role','',1.0);";
	char got[300];
	dyad_store *st = NULL;
	dyad_store_counts n;

	CHECK(dyad__store_create_version(path_in("v3.db"), 3) == DYAD_OK &&
	      exec_on("v3.db", rows) == SQLITE_OK, "a version 3 file with two actor rows");
	CHECK(dyad_store_open(path_in("v3.db"), NULL, &st) == DYAD_OK && consistent(st),
	      "opens, upgrades, consistent");
	CHECK(st && dyad_store_counts_get(st, &n) == DYAD_OK && n.actors == 2, "2 actor mentions");
	dyad_store_close(st);
	text_of("v3.db", "SELECT group_concat(id||'|'||doc||'|'||sent||'|'||span_start||'|'||"
		"span_end||'|'||code||'|'||label||'|'||how||'|'||entry||'|'||confidence, ';')"
		" FROM actors", got, sizeof got);
	CHECK_EQ_STR(got, "16777216|1|0|0|4|IRNGOV|Iran \"the\" \\ state|dictionary|a.txt:3|0.85;"
		     "16777218|1|0|9|12|QAT|Qatar\tx|role||1.0",
		     "the same rows through the view, confidence to 0.001");
}

/* A version 3 file's content hashes were FNV-1a: after the upgrade an
** article stored then and met again unchanged is still skipped, and a
** changed one replaced. */
static void test_migrate_hash(void)
{
	char old[17], now[17], sql[400], got[40];
	dyad_ingest_result r;
	dyad_store *st = NULL;
	dyad_input in;

	memset(&in, 0, sizeof in);
	in.id = "old";
	in.date = "2024-03-06";
	in.source = "Wire One";
	in.text = cairo;
	in.text_len = strlen(cairo);
	dyad__store_content_hash(&in, 1, old);
	dyad__store_content_hash(&in, 0, now);
	CHECK(strcmp(old, now) != 0 && strlen(now) == 16, "the two hashes differ");
	snprintf(sql, sizeof sql, "INSERT INTO documents VALUES(1,'old','','Wire One','',"
		 "'2024-03-06',3,'en',%zu,'%s','2024-03-07',1,0,0,NULL,NULL,0);"
		 "INSERT INTO sentences VALUES(16777216,1,0,0,%zu,'x');",
		 in.text_len, old, in.text_len);
	CHECK(dyad__store_create_version(path_in("h3.db"), 3) == DYAD_OK &&
	      exec_on("h3.db", sql) == SQLITE_OK, "a version 3 file with the article");
	CHECK(dyad_store_open(path_in("h3.db"), NULL, &st) == DYAD_OK, "opens and upgrades");
	text_of("h3.db", "SELECT hash FROM documents", got, sizeof got);
	CHECK(strncmp(got, "fnv1:", 5) == 0 && strcmp(got + 5, old) == 0, "the old hash, marked");
	CHECK(st && dyad_store_ingest(st, ctx, &in, NULL, &r) == DYAD_OK &&
	      r.outcome == DYAD_INGEST_UNCHANGED, "the same article is unchanged");
	in.text = meet1;
	in.text_len = strlen(meet1);
	CHECK(st && dyad_store_ingest(st, ctx, &in, NULL, &r) == DYAD_OK &&
	      r.outcome == DYAD_INGEST_REPLACED, "a changed one is replaced");
	CHECK(st && dyad_store_commit(st) == DYAD_OK && consistent(st), "consistent");
	dyad_store_close(st);
	text_of("h3.db", "SELECT hash FROM documents", got, sizeof got);
	dyad__store_content_hash(&in, 0, now);
	CHECK_EQ_STR(got, now, "the replacement has the new hash");
}

/* A batch ends at its count of documents, or once it has been open for
** batch_ms, whichever comes first. */
static void test_batch_time(void)
{
	dyad_store_opts o;
	dyad_store *st = NULL;
	dyad_ingest_result r1, r2, r3;

	dyad_store_opts_init(&o);
	o.batch = 1000;
	o.batch_ms = 300;
	CHECK(dyad_store_open(path_in("time.db"), &o, &st) == DYAD_OK, "opens");
	CHECK(st && put(st, "a1", "2024-03-05", "Wire One", meet1, &r1) == DYAD_OK &&
	      !r1.committed, "a first article: the batch stays open");
	usleep(350 * 1000);
	CHECK(st && put(st, "a2", "2024-03-05", "Daily Two", meet2, &r2) == DYAD_OK &&
	      r2.committed, "past batch_ms, the next article commits it");
	CHECK(st && put(st, "a3", "2024-03-06", "Wire One", cairo, &r3) == DYAD_OK &&
	      !r3.committed, "and a new batch begins");
	dyad_store_close(st);
}

/* A child holds the write lock (an open batch) until told to go on. */
static void test_lock(void)
{
	int ready[2], go[2];
	dyad_store_opts o;
	dyad_store *st = NULL;
	pid_t pid;
	char c = 0;
	int status = -1;

	if (pipe(ready) != 0 || pipe(go) != 0)
		return;
	fflush(stdout);
	if ((pid = fork()) == 0) {
		dyad_store *mine = open_store("lock.db");
		int ok = mine && put(mine, "held", "2024-03-05", "Wire One", meet1, NULL) == DYAD_OK;
		if (write(ready[1], ok ? "y" : "n", 1) != 1 || read(go[0], &c, 1) != 1)
			ok = 0;
		ok = ok && dyad_store_close(mine) == DYAD_OK;
		_exit(ok ? 0 : 1);
	}
	CHECK(pid > 0 && read(ready[0], &c, 1) == 1 && c == 'y', "the other process holds a batch");
	dyad_store_opts_init(&o);
	o.busy_ms = 200;
	if (dyad_store_open(path_in("lock.db"), &o, &st) == DYAD_OK) {
		CHECK(put(st, "mine", "2024-03-05", "Daily Two", meet2, NULL) == DYAD_BUSY &&
		      strstr(dyad_store_errmsg(st), "locked by another dyad process"),
		      "a second writer is told the database is locked");
		if (write(go[1], "g", 1) == 1)
			waitpid(pid, &status, 0);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the first writer commits");
		CHECK(put(st, "mine", "2024-03-05", "Daily Two", meet2, NULL) == DYAD_OK &&
		      dyad_store_commit(st) == DYAD_OK, "then the second gets in");
		CHECK(consistent(st), "consistent after both");
	} else {
		CHECK(0, "second handle opens");
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	dyad_store_close(st);
}

int main(void)
{
	dyad_config cfg;
	char cmd[96];

	memset(&cfg, 0, sizeof cfg);
	cfg.events = 1;
	snprintf(dir, sizeof dir, "%s/dyad-store.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir) || dyad_engine_new(&cfg, &eng) != DYAD_OK || dyad_ctx_new(eng, &ctx) != DYAD_OK) {
		CHECK(0, "engine, context and temporary directory");
		return tap_done();
	}
	test_idempotent();
	test_replace();
	test_evidence();
	test_failed_doc();
	test_fnv();
	test_signatures();
	test_near_duplicates();
	test_dup_two_writers();
	test_order();
	test_cluster_rules();
	test_place_key();
	test_filters();
	test_migrations();
	test_migrate_v2();
	test_migrate_v3();
	test_migrate_hash();
	test_batch_time();
	test_actor_rows();
	test_lock();
	dyad_ctx_free(ctx);
	dyad_engine_free(eng);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return tap_done();
}
