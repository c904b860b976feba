/*
** eval-places.c — toponym recognition and resolution on the LGL corpus
** (../shared/gold-dev/lgl.xml: 588 US local news articles, 5,088 place
** names, most with their GeoNames place), a development score of
** places.c. An evaluation, not a test: it measures and prints. The gold
** file is read at run time and never copied into the repository.
**
**   build/tools/eval-places [--gazetteer PATH] [--list] LGL.xml
**   build/tools/eval-places [--gazetteer PATH] --show FILE...
**
** Recognition: a gold name is found exactly when a mention has its very
** span, loosely when a mention overlaps it; precision counts mentions
** that match a gold name the same way. Resolution: the share of gold
** names with coordinates whose overlapping mention was resolved within
** 161 km (100 miles) of the gold point, over the gold names found and
** over all of them. --list prints every gold name with what dyad made of
** it; --show prints the mentions dyad finds in articles. Uses only
** dyad.h, as cli/ does.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"

#define MAX_GOLD 512

typedef struct gold {
	size_t start, end;  /* byte span in the text */
	double lat, lon;
	int has_point;
} gold;

typedef struct tally {
	size_t gold, exact, loose, pred, pred_exact, pred_loose;
	size_t with_point, resolved, close;
	size_t docs;
} tally;

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	long sz;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (sz = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (p = malloc((size_t)sz + 1)) && fread(p, 1, (size_t)sz, f) == (size_t)sz) {
		p[sz] = 0;
		*n = (size_t)sz;
	} else {
		free(p);
		p = NULL;
	}
	fclose(f);
	return p;
}

/* The text between open and close after *at, within [.., lim); moves *at past it. */
static const char *between(const char **at, const char *lim, const char *open,
			   const char *close, size_t *len)
{
	const char *a = strstr(*at, open), *b;

	if (!a || a >= lim)
		return NULL;
	a += strlen(open);
	if (!(b = strstr(a, close)) || b > lim)
		return NULL;
	*len = (size_t)(b - a);
	*at = b + strlen(close);
	return a;
}

/* Byte offset of code point number cp in s (n bytes). */
static size_t byte_at(const char *s, size_t n, size_t cp)
{
	size_t i = 0;

	while (i < n && cp > 0) {
		i++;
		while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		cp--;
	}
	return i;
}

static double haversine_km(double la1, double lo1, double la2, double lo2)
{
	const double r = M_PI / 180.0;
	double dla = (la2 - la1) * r, dlo = (lo2 - lo1) * r;
	double a = sin(dla / 2) * sin(dla / 2) +
		   cos(la1 * r) * cos(la2 * r) * sin(dlo / 2) * sin(dlo / 2);

	return 6371.0 * 2 * atan2(sqrt(a), sqrt(1 - a));
}

/* The gold names of one article, [p, lim). */
static size_t read_gold(const char *p, const char *lim, const char *text, size_t tn, gold *g)
{
	size_t n = 0, len;
	const char *t;

	while (n < MAX_GOLD && (t = between(&p, lim, "<toponym>", "</toponym>", &len))) {
		const char *q = t, *qe = t + len, *v;
		size_t vl;
		memset(&g[n], 0, sizeof g[n]);
		if ((v = between(&q, qe, "<start>", "</start>", &vl)))
			g[n].start = byte_at(text, tn, strtoul(v, NULL, 10));
		if ((v = between(&q, qe, "<end>", "</end>", &vl)))
			g[n].end = byte_at(text, tn, strtoul(v, NULL, 10));
		if ((v = between(&q, qe, "<lat>", "</lat>", &vl))) {
			g[n].lat = strtod(v, NULL);
			if ((v = between(&q, qe, "<lon>", "</lon>", &vl))) {
				g[n].lon = strtod(v, NULL);
				g[n].has_point = 1;
			}
		}
		n++;
	}
	return n;
}

static void score_doc(const dyad_doc *doc, const char *text, const gold *g, size_t ng,
		      tally *t, int list)
{
	size_t n = 0, i, j;

	if (dyad_doc_places(doc, &n) != DYAD_OK)
		n = 0;
	t->pred += n;
	t->gold += ng;
	for (i = 0; i < n; i++) {
		dyad_place_mention m;
		int ex = 0, lo = 0;
		dyad_doc_place(doc, i, &m);
		for (j = 0; j < ng; j++) {
			ex |= m.start == g[j].start && m.end == g[j].end;
			lo |= m.start < g[j].end && g[j].start < m.end;
		}
		t->pred_exact += ex, t->pred_loose += lo;
	}
	for (j = 0; j < ng; j++) {
		int ex = 0, found = 0;
		double km = -1;
		dyad_place_mention m, hit;
		memset(&hit, 0, sizeof hit);
		for (i = 0; i < n; i++) {
			dyad_doc_place(doc, i, &m);
			if (m.start < g[j].end && g[j].start < m.end && !found)
				hit = m, found = 1;
			ex |= m.start == g[j].start && m.end == g[j].end;
		}
		t->exact += ex, t->loose += found;
		t->with_point += g[j].has_point;
		if (found && g[j].has_point) {
			km = haversine_km(hit.place.lat, hit.place.lon, g[j].lat, g[j].lon);
			t->resolved++;
			t->close += km <= 161.0;
		}
		if (list)
			printf("%.*s\t%s\t%s\t%.0f km\t%s\n", (int)(g[j].end - g[j].start),
			       text + g[j].start, found ? hit.place.name : "-",
			       found ? hit.place.country : "-", km, found ? hit.how : "");
	}
}

static double pct(size_t a, size_t b)
{
	return b ? 100.0 * (double)a / (double)b : 0;
}

static void report(const tally *t)
{
	printf("eval-places: %zu articles, %zu gold names (%zu with a point), %zu mentions\n",
	       t->docs, t->gold, t->with_point, t->pred);
	printf("  recognition, exact span:  precision %.1f%%  recall %.1f%%\n",
	       pct(t->pred_exact, t->pred), pct(t->exact, t->gold));
	printf("  recognition, overlapping: precision %.1f%%  recall %.1f%%\n",
	       pct(t->pred_loose, t->pred), pct(t->loose, t->gold));
	printf("  resolution within 161 km: %.1f%% of the gold names found (%zu/%zu), "
	       "%.1f%% of all (%zu/%zu)\n",
	       pct(t->close, t->resolved), t->close, t->resolved, pct(t->close, t->with_point),
	       t->close, t->with_point);
}

static int eval_lgl(dyad_ctx *ctx, const char *path, int list)
{
	static gold g[MAX_GOLD];
	size_t n = 0, len;
	char *xml = slurp(path, &n);
	const char *p = xml, *a;
	tally t;

	if (!xml) {
		printf("eval-places: %s is absent; nothing to measure\n", path);
		return 0;
	}
	memset(&t, 0, sizeof t);
	while ((a = between(&p, xml + n, "<article", "</article>", &len))) {
		const char *q = a, *text;
		size_t tl, ng;
		dyad_input in;
		const dyad_doc *doc;
		if (!(text = between(&q, a + len, "<text><![CDATA[", "]]></text>", &tl)))
			continue;
		ng = read_gold(q, a + len, text, tl, g);
		memset(&in, 0, sizeof in);
		in.text = text;
		in.text_len = tl;
		in.id = "lgl";
		if (dyad_ctx_process(ctx, &in, &doc) != DYAD_OK)
			continue;
		t.docs++;
		score_doc(doc, text, g, ng, &t, list);
	}
	free(xml);
	report(&t);
	return 0;
}

static int show(dyad_ctx *ctx, char **files, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		size_t len = 0, k, np = 0;
		char *text = slurp(files[i], &len);
		dyad_input in;
		const dyad_doc *doc;
		if (!text) {
			fprintf(stderr, "eval-places: %s: cannot read\n", files[i]);
			return 1;
		}
		memset(&in, 0, sizeof in);
		in.text = text, in.text_len = len, in.id = files[i];
		if (dyad_ctx_process(ctx, &in, &doc) == DYAD_OK && dyad_doc_places(doc, &np) == DYAD_OK)
			for (k = 0; k < np; k++) {
				dyad_place_mention m;
				dyad_doc_place(doc, k, &m);
				printf("%s\t%zu\t%zu-%zu\t%.*s\t%s\t%s\t%s\t%.4f,%.4f\t%s\t%zu\t%s\t%s\n",
				       files[i], m.sent, m.start, m.end, (int)m.text_len, m.text,
				       m.place.name, m.place.country, m.place.admin1, m.place.lat,
				       m.place.lon, dyad_geo_precision_name(m.place.precision),
				       m.candidates, m.cue, m.how);
			}
		free(text);
	}
	return 0;
}

int main(int argc, char **argv)
{
	dyad_config cfg;
	dyad_engine *eng = NULL;
	dyad_ctx *ctx = NULL;
	dyad_gazetteer_stats gs;
	int i = 1, list = 0, rc;

	memset(&cfg, 0, sizeof cfg);
	cfg.places = 1;
	for (; i < argc && argv[i][0] == '-' && strcmp(argv[i], "--show"); i++) {
		if (!strcmp(argv[i], "--gazetteer") && i + 1 < argc)
			cfg.gazetteer = argv[++i];
		else if (!strcmp(argv[i], "--list"))
			list = 1;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: eval-places [--gazetteer PATH] [--list] LGL.xml | --show FILE...\n");
		return 2;
	}
	if (dyad_engine_new(&cfg, &eng) != DYAD_OK || dyad_ctx_new(eng, &ctx) != DYAD_OK) {
		fprintf(stderr, "eval-places: %s\n", eng ? dyad_engine_errmsg(eng) : "out of memory");
		dyad_engine_free(eng);
		return 1;
	}
	dyad_engine_gazetteer_stats(eng, &gs);
	fprintf(stderr, "eval-places: gazetteer %s (%s): %zu places, %zu bytes, loaded in %.1f ms\n",
		gs.path, gs.subset ? "subset" : "full", gs.places, gs.bytes, gs.load_ms);
	rc = !strcmp(argv[i], "--show") ? show(ctx, argv + i + 1, argc - i - 1)
					: eval_lgl(ctx, argv[i], list);
	dyad_ctx_free(ctx);
	dyad_engine_free(eng);
	return rc;
}
