/*
** eval-dates.c — date normalization and recognition on the development
** gold set ../shared/gold-dev/tempeval3-tbaq (TimeML 1.2.1: TimeBank and
** AQUAINT, each document with its creation time and TIMEX3 annotations).
**
** An evaluation, not a test: it measures and prints. The gold files are
** read at run time and never copied into the repository; without them
** this says so and exits 0. It uses only dyad.h, as the CLI does.
**
** For each document the TIMEX3 whose functionInDocument is CREATION_TIME
** gives the document date; the <TEXT> element, tags stripped and
** entities decoded, is the article.
**
**   normalization  every gold DATE TIMEX3 of the text is given, alone, to
**                  dyad_date_resolve against the document date (as an
**                  event that has happened: the tense is not known); it
**                  scores when its TimeML value (a week as YYYY-Www) is
**                  the gold value exactly. Reported overall and by the
**                  gold value's granularity; values dyad has no precision
**                  for (PRESENT_REF, 1998-Q1, 199X, 1998-SU ...) count as
**                  misses in the overall figure.
**   recognition    the article goes through dyad_ctx_process and
**                  dyad_doc_dates; a found expression is right when it
**                  overlaps a gold TIMEX3 of any type, and a gold DATE is
**                  found when an expression overlaps it (exact spans are
**                  counted too); the value of each found gold DATE is
**                  compared as above (end to end).
**
** Usage: eval-dates [-v] [GOLD_DIR]   (default ../shared/gold-dev/tempeval3-tbaq);
** -v prints every gold DATE whose value is not reproduced.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dyad.h"

#define MAX_FILES 4096
#define MAX_TIMEX 1024

/* Granularities of a gold value. */
enum { G_DAY, G_WEEK, G_MONTH, G_YEAR, G_OTHER, G_N };
static const char *const g_names[G_N] = { "day", "week", "month", "year",
					   "other" };

typedef struct timex {
	size_t start, end; /* bytes of the stripped text */
	char type[16];     /* DATE, TIME, DURATION, SET */
	char value[40];
	char *text;        /* points into the stripped text */
} timex;

typedef struct doc {
	char dct[16];      /* YYYY-MM-DD */
	char *text;        /* stripped <TEXT>, malloc'd */
	size_t len;
	timex tx[MAX_TIMEX];
	size_t ntx;
} doc;

typedef struct score {
	long norm_n[G_N], norm_ok[G_N];   /* normalization, by granularity */
	long gold_date, found_date, found_exact, e2e_ok, e2e_n;
	long found, found_right;          /* recognition precision */
	long docs;
} score;

static char *paths[MAX_FILES];
static int verbose; /* -v: print each gold DATE not reproduced */
static size_t npaths;

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collects the .tml files under dir, recursively. */
static void walk(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];
	struct stat st;
	size_t n;

	if (!d || depth > 8)
		goto out;
	while ((e = readdir(d)) && npaths < MAX_FILES) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0)
			continue;
		n = strlen(e->d_name);
		if (S_ISDIR(st.st_mode))
			walk(path, depth + 1);
		else if (n > 4 && strcmp(e->d_name + n - 4, ".tml") == 0)
			paths[npaths++] = strdup(path);
	}
out:
	if (d)
		closedir(d);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1))) {
		*len = fread(buf, 1, (size_t)n, f);
		buf[*len] = '\0';
	}
	fclose(f);
	return buf;
}

/* Attribute name="..." of the tag [tag, end) into out. */
static void attr(const char *tag, const char *end, const char *name,
		 char *out, size_t cap)
{
	char key[64];
	const char *p, *q;

	out[0] = '\0';
	snprintf(key, sizeof key, " %s=\"", name);
	p = strstr(tag, key);
	if (!p || p >= end)
		return;
	p += strlen(key);
	q = memchr(p, '"', (size_t)(end - p));
	if (!q || (size_t)(q - p) >= cap)
		return;
	memcpy(out, p, (size_t)(q - p));
	out[q - p] = '\0';
}

/* One entity at s ("&amp;"); its byte in *c and length, or 0. */
static size_t entity(const char *s, char *c)
{
	static const struct { const char *e; char c; } ents[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
		{ "&quot;", '"' }, { "&apos;", '\'' }
	};
	size_t i, k;

	for (i = 0; i < sizeof ents / sizeof *ents; i++) {
		k = strlen(ents[i].e);
		if (strncmp(s, ents[i].e, k) == 0) {
			*c = ents[i].c;
			return k;
		}
	}
	return 0;
}

/* A few gold weeks are written with one digit ("2000-W7"); ISO 8601
** and the rest of the set write two, which is the same value. */
static void week_digits(char *v)
{
	if (strlen(v) == 7 && v[4] == '-' && v[5] == 'W' && v[6] >= '1' && v[6] <= '9') {
		v[7] = v[6];
		v[6] = '0';
		v[8] = '\0';
	}
}

/* A tag at p inside <TEXT>: a TIMEX3 opens a span, its end closes one. */
static void text_tag(doc *d, const char *p, const char *gt, size_t pos,
		     int *open)
{
	timex *t;

	if (strncmp(p, "<TIMEX3", 7) == 0 && d->ntx < MAX_TIMEX) {
		t = &d->tx[d->ntx];
		memset(t, 0, sizeof *t);
		t->start = pos;
		attr(p, gt, "type", t->type, sizeof t->type);
		attr(p, gt, "value", t->value, sizeof t->value);
		week_digits(t->value);
		*open = 1;
	} else if (strncmp(p, "</TIMEX3", 8) == 0 && *open) {
		d->tx[d->ntx++].end = pos;
		*open = 0;
	}
}

/* Strips the tags of <TEXT>...</TEXT> into d->text, noting TIMEX3 spans. */
static int strip(doc *d, const char *s)
{
	const char *p = strstr(s, "<TEXT>"), *e = p ? strstr(p, "</TEXT>") : NULL;
	const char *gt;
	size_t n = 0, k, i;
	int open = 0;
	char c;

	if (!p || !e || !(d->text = malloc((size_t)(e - p) + 1)))
		return -1;
	for (p += 6; p < e;) {
		if (*p == '<' && (gt = strchr(p, '>')) && gt < e) {
			text_tag(d, p, gt, n, &open);
			p = gt + 1;
		} else if (*p == '&' && (k = entity(p, &c))) {
			d->text[n++] = c;
			p += k;
		} else {
			d->text[n++] = *p++;
		}
	}
	d->text[n] = '\0';
	d->len = n;
	for (i = 0; i < d->ntx; i++)
		d->tx[i].text = d->text + d->tx[i].start;
	return 0;
}

/* The document creation time, from the TIMEX3 marked CREATION_TIME. */
static int dct(doc *d, const char *s)
{
	const char *p = strstr(s, "functionInDocument=\"CREATION_TIME\"");
	const char *tag, *gt;
	char v[40];

	if (!p)
		return -1;
	for (tag = p; tag > s && *tag != '<'; tag--)
		;
	if (!(gt = strchr(p, '>')))
		return -1;
	attr(tag, gt, "value", v, sizeof v);
	if (strlen(v) < 10)
		return -1;
	memcpy(d->dct, v, 10);
	d->dct[10] = '\0';
	return 0;
}

static int granularity(const char *v)
{
	const size_t n = strlen(v);
	size_t i;

	for (i = 0; i < n; i++)
		if (!((v[i] >= '0' && v[i] <= '9') || v[i] == '-' || v[i] == 'W'))
			return G_OTHER;
	if (n == 10 && v[4] == '-' && v[7] == '-')
		return G_DAY;
	if (n == 8 && v[4] == '-' && v[5] == 'W')
		return G_WEEK;
	if (n == 7 && v[4] == '-' && v[5] != 'W')
		return G_MONTH;
	return n == 4 && !strchr(v, 'W') && !strchr(v, '-') ? G_YEAR : G_OTHER;
}

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int day_of_year(int y, int m, int d)
{
	static const int before[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243,
					273, 304, 334 };
	return before[m - 1] + d + (m > 2 && leap(y));
}

/* dyad's value as TimeML writes it: a week (named by its Monday) as
** YYYY-Www, the ISO week of its Thursday. */
static void timeml_value(const dyad_date_value *v, char *out, size_t cap)
{
	int y, m, d, doy;

	if (v->precision != DYAD_PREC_WEEK ||
	    sscanf(v->date, "%d-%d-%d", &y, &m, &d) != 3) {
		snprintf(out, cap, "%s", v->date);
		return;
	}
	doy = day_of_year(y, m, d) + 3; /* the Thursday */
	if (doy > 365 + leap(y)) {
		doy -= 365 + leap(y);
		y++;
	}
	snprintf(out, cap, "%04d-W%02d", y, (doy - 1) / 7 + 1);
}

/* Normalization of every gold DATE of d. */
static void score_norm(const dyad_engine *eng, const doc *d, score *sc)
{
	dyad_date_value v;
	char got[40];
	size_t i;
	int g;

	for (i = 0; i < d->ntx; i++) {
		const timex *t = &d->tx[i];
		if (strcmp(t->type, "DATE") != 0)
			continue;
		g = granularity(t->value);
		sc->norm_n[g]++;
		if (dyad_date_resolve(eng, t->text, t->end - t->start, d->dct, 0, &v) != DYAD_OK) {
			if (verbose)
				printf("none\t%s\t%.*s\t%s\n", d->dct, (int)(t->end - t->start),
				       t->text, t->value);
			continue;
		}
		timeml_value(&v, got, sizeof got);
		if (strcmp(got, t->value) == 0)
			sc->norm_ok[g]++;
		else if (verbose)
			printf("miss\t%s\t%.*s\t%s\t%s\t%s\n", d->dct, (int)(t->end - t->start),
			       t->text, t->value, got, v.how);
	}
}

/* Recognition over the whole text, and the values of what was found. */
static void score_found(dyad_ctx *ctx, const doc *d, score *sc)
{
	const dyad_doc *dd;
	dyad_input in;
	dyad_date_value v;
	size_t n = 0, i, j;
	char got[40];

	memset(&in, 0, sizeof in);
	in.text = d->text;
	in.text_len = d->len;
	in.date = d->dct;
	if (dyad_ctx_process(ctx, &in, &dd) != DYAD_OK || dyad_doc_dates(dd, &n) != DYAD_OK)
		return;
	sc->found += (long)n;
	for (i = 0; i < n && dyad_doc_date(dd, i, &v) == DYAD_OK; i++)
		for (j = 0; j < d->ntx; j++)
			if (v.start < d->tx[j].end && v.end > d->tx[j].start) {
				sc->found_right++;
				break;
			}
	for (j = 0; j < d->ntx; j++) {
		const timex *t = &d->tx[j];
		if (strcmp(t->type, "DATE") != 0)
			continue;
		sc->gold_date++;
		for (i = 0; i < n && dyad_doc_date(dd, i, &v) == DYAD_OK; i++) {
			if (!(v.start < t->end && v.end > t->start))
				continue;
			sc->found_date++;
			sc->found_exact += v.start == t->start && v.end == t->end;
			timeml_value(&v, got, sizeof got);
			sc->e2e_ok += strcmp(got, t->value) == 0;
			sc->e2e_n++;
			break;
		}
	}
}

static double pct(long a, long b)
{
	return b ? 100.0 * (double)a / (double)b : 0.0;
}

static void report(const score *sc, const char *dir)
{
	long n = 0, ok = 0, rn = 0, rok = 0;
	int g;

	for (g = 0; g < G_N; g++) {
		n += sc->norm_n[g], ok += sc->norm_ok[g];
		if (g != G_OTHER)
			rn += sc->norm_n[g], rok += sc->norm_ok[g];
	}
	printf("date normalization [dev set: %s, %ld documents]\n", dir, sc->docs);
	printf("  all DATE values:          %4ld of %4ld (%.1f%%)\n", ok, n, pct(ok, n));
	printf("  day/week/month/year only: %4ld of %4ld (%.1f%%)\n", rok, rn, pct(rok, rn));
	for (g = 0; g < G_N; g++)
		printf("    %-6s %4ld of %4ld (%.1f%%)\n", g_names[g], sc->norm_ok[g],
		       sc->norm_n[g], pct(sc->norm_ok[g], sc->norm_n[g]));
	printf("date recognition in the text\n");
	printf("  gold DATEs found (overlap): %4ld of %4ld (%.1f%%); exact span %ld (%.1f%%)\n",
	       sc->found_date, sc->gold_date, pct(sc->found_date, sc->gold_date),
	       sc->found_exact, pct(sc->found_exact, sc->gold_date));
	printf("  expressions on a gold TIMEX3: %4ld of %4ld (%.1f%%)\n", sc->found_right,
	       sc->found, pct(sc->found_right, sc->found));
	printf("  end to end, found DATEs with the gold value: %ld of %ld (%.1f%%)\n",
	       sc->e2e_ok, sc->e2e_n, pct(sc->e2e_ok, sc->e2e_n));
}

static void one_file(const dyad_engine *eng, dyad_ctx *ctx, const char *path, score *sc)
{
	static doc d;
	size_t len = 0;
	char *s = slurp(path, &len);

	memset(&d, 0, sizeof d);
	if (s && dct(&d, s) == 0 && strip(&d, s) == 0) {
		sc->docs++;
		score_norm(eng, &d, sc);
		score_found(ctx, &d, sc);
	} else {
		fprintf(stderr, "eval-dates: %s: no creation time or no <TEXT>\n", path);
	}
	free(d.text);
	free(s);
}

int main(int argc, char **argv)
{
	const char *dir = "../shared/gold-dev/tempeval3-tbaq";
	dyad_engine *eng = NULL;
	dyad_ctx *ctx = NULL;
	static score sc;
	struct stat st;
	size_t i;
	int a;

	for (a = 1; a < argc; a++)
		if (strcmp(argv[a], "-v") == 0)
			verbose = 1;
		else
			dir = argv[a];
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		printf("eval-dates: %s is absent; nothing to measure\n", dir);
		return 0;
	}
	if (dyad_engine_new(NULL, &eng) != DYAD_OK || dyad_ctx_new(eng, &ctx) != DYAD_OK) {
		fprintf(stderr, "eval-dates: %s\n", eng ? dyad_engine_errmsg(eng) : "out of memory");
		dyad_engine_free(eng);
		return 1;
	}
	walk(dir, 0);
	qsort(paths, npaths, sizeof *paths, by_name);
	for (i = 0; i < npaths; i++) {
		one_file(eng, ctx, paths[i], &sc);
		free(paths[i]);
	}
	report(&sc, dir);
	dyad_ctx_free(ctx);
	dyad_engine_free(eng);
	return 0;
}
