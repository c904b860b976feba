/*
** test_store_seeds.c — the store issue's acceptance on the two seed
** articles: after ingesting ../shared/seeds, the events from Iran's
** government (IRN...) to Hamas (PSE..., PSEREBHMS in dyad's dictionaries)
** in the consultation family (CAMEO root 04) are exactly two, one per
** article: article 000's two reports of the 31 October meeting collapse
** into one event, and article 004's meeting of 23 November is another.
** Re-ingesting the seeds changes no row count.
**
** The seeds are third-party text, read at run time and never copied here;
** without them the checks are reported as skipped.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dyad.h"
#include "tap.h"

/* As in seeds.h: the seeds stay in ../shared and are read at run time. */
#define SEEDS "../shared/seeds/"

/* Ingests every article under SEEDS; returns the number ingested. */
static size_t ingest_seeds(dyad_store *st, dyad_ctx *ctx)
{
	dyad_reader *rd;
	dyad_input in;
	size_t n = 0;

	if (dyad_reader_new(&rd) != DYAD_OK)
		return 0;
	dyad_reader_add(rd, SEEDS);
	while (dyad_reader_next(rd, &in) == DYAD_OK)
		n += dyad_store_ingest(st, ctx, &in, NULL, NULL) == DYAD_OK;
	dyad_reader_free(rd);
	return dyad_store_commit(st) == DYAD_OK ? n : 0;
}

/* What one event of the acceptance query showed. */
typedef struct seen {
	char doc[256], date[11], prec[8], place[64], country[8];
	size_t mentions;
	int geo;
	double lat, lon;
} seen;

static size_t query(dyad_store *st, seen *out, size_t cap)
{
	dyad_event_filter f;
	dyad_store_query *q;
	dyad_store_event e;
	size_t n = 0;

	memset(&f, 0, sizeof f);
	f.source = "IRN";
	f.target = "PSE";
	f.root = "04";
	if (dyad_store_query_new(st, &f, &q) != DYAD_OK)
		return 0;
	while (dyad_store_query_next(q, &e) == DYAD_OK) {
		if (n < cap) {
			snprintf(out[n].doc, sizeof out[n].doc, "%s", e.doc);
			snprintf(out[n].date, sizeof out[n].date, "%s", e.date);
			snprintf(out[n].prec, sizeof out[n].prec, "%s", dyad_precision_name(e.date_precision));
			snprintf(out[n].place, sizeof out[n].place, "%s", e.place);
			out[n].mentions = e.mentions;
			out[n].geo = e.geo_precision;
			out[n].lat = e.lat;
			out[n].lon = e.lon;
			snprintf(out[n].country, sizeof out[n].country, "%s", e.country);
		}
		printf("# %s %s %s->%s %s mentions=%zu place='%s' doc=%s\n", e.id, e.date, e.source,
		       e.target, e.cameo, e.mentions, e.place, e.doc);
		n++;
	}
	dyad_store_query_free(q);
	return n;
}

static void acceptance(dyad_store *st, dyad_ctx *ctx)
{
	seen ev[8];
	dyad_store_counts c1, c2;
	size_t n, i, from000 = 9, from004 = 9;

	CHECK_EQ_INT(ingest_seeds(st, ctx), 2, "both seeds ingested");
	n = query(st, ev, 8);
	CHECK_EQ_INT(n, 2, "exactly two IRN->PSE consultation events");
	for (i = 0; i < n && i < 8; i++) {
		if (strstr(ev[i].doc, "000_"))
			from000 = i;
		if (strstr(ev[i].doc, "004_"))
			from004 = i;
	}
	CHECK(from000 < 8 && from004 < 8, "one from each article");
	if (from000 < 8 && from004 < 8) {
		CHECK(ev[from000].mentions >= 2, "article 000's repeated reports collapse into one event");
		CHECK(ev[from004].mentions >= 1, "article 004's event has its mentions");
		CHECK_EQ_STR(ev[from000].date, "2023-10-31", "000: dated 31 October 2023");
		CHECK_EQ_STR(ev[from000].prec, "day", "000: to the day");
		CHECK_EQ_STR(ev[from004].prec, "day", "004: to the day");
		CHECK_EQ_STR(ev[from004].date, "2023-11-23", "004: dated 23 November 2023");
		for (i = 0; i < 2; i++) {
			const seen *e = &ev[i ? from004 : from000];
			CHECK(e->geo == DYAD_GEO_CITY && strcmp(e->country, "QA") == 0 &&
			      fabs(e->lat - 25.29) < 0.05 && fabs(e->lon - 51.53) < 0.05,
			      i ? "004: in Doha, Qatar, at city precision"
				: "000: in Doha, Qatar, at city precision");
		}
	}
	CHECK(dyad_store_counts_get(st, &c1) == DYAD_OK, "counts");
	CHECK_EQ_INT(ingest_seeds(st, ctx), 2, "seeds ingested again");
	CHECK(dyad_store_counts_get(st, &c2) == DYAD_OK && c1.documents == c2.documents &&
	      c1.sentences == c2.sentences && c1.actors == c2.actors &&
	      c1.mentions == c2.mentions && c1.events == c2.events &&
	      c1.duplicates == c2.duplicates, "re-ingesting changes no row count");
	CHECK(dyad_store_check(st) == DYAD_OK, "the store is consistent");
}

int main(void)
{
	dyad_config cfg;
	dyad_engine *eng = NULL;
	dyad_ctx *ctx = NULL;
	dyad_store *st = NULL;
	char path[64];
	int fd;

	if (access(SEEDS "000_f8e8045361a76b08.txt", R_OK) != 0) {
		printf("ok 1 - # SKIP ../shared/seeds absent: store acceptance not run\n");
		return 0;
	}
	memset(&cfg, 0, sizeof cfg);
	cfg.events = 1;
	snprintf(path, sizeof path, "%s/dyad-seeds.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	fd = mkstemp(path);
	if (fd >= 0)
		close(fd);
	if (fd < 0 || dyad_engine_new(&cfg, &eng) != DYAD_OK || dyad_ctx_new(eng, &ctx) != DYAD_OK ||
	    dyad_store_open(path, NULL, &st) != DYAD_OK) {
		CHECK(0, "engine, context and store");
	} else {
		acceptance(st, ctx);
	}
	dyad_store_close(st);
	dyad_ctx_free(ctx);
	dyad_engine_free(eng);
	if (fd >= 0) {
		char aux[80];
		unlink(path);
		snprintf(aux, sizeof aux, "%s-wal", path);
		unlink(aux);
		snprintf(aux, sizeof aux, "%s-shm", path);
		unlink(aux);
	}
	return tap_done();
}
