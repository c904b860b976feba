/*
** cmd_stats.c — `dyad stats` (events and Goldstein sums per day, week or
** month) and `dyad check` (is a store whole?).
**
** stats reads the events in date order through the same query as `dyad
** events` and adds them up period by period, so it needs nothing more
** from the library. An event is counted in a period only when its date is
** at least as precise as the period: a month-precision event is in no day.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alignw.h"
#include "cli.h"
#include "tabw.h"

typedef enum { BY_DAY = 0, BY_WEEK, BY_MONTH } period_kind;

typedef enum { SF_TABLE = 0, SF_JSONL, SF_TSV, SF_CSV } stats_format;

/* One period being added up. */
typedef struct period {
	char key[11];     /* YYYY-MM-DD (a day, or a week's Monday) or YYYY-MM */
	size_t events, mentions;
	double goldstein; /* sum over the events that have a score */
} period;

typedef struct stats_run {
	stats_format fmt;
	jsonw *json;
	tabw tab;
	alignw table;
	period cur;
	size_t left_out;  /* events dated less precisely than the period */
} stats_run;

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
	const int yy = y - (m <= 2);
	const long era = (yy >= 0 ? yy : yy - 399) / 400;
	const long yoe = yy - era * 400;
	const long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;

	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* The period of an event's date, or -1 when the date is too coarse. */
static int period_of(const dyad_store_event *e, period_kind by, char key[11])
{
	int y, m, d;

	if (e->date_precision < (by == BY_MONTH ? DYAD_PREC_MONTH : DYAD_PREC_DAY) ||
	    e->date_precision == DYAD_PREC_WEEK || strlen(e->date) < (by == BY_MONTH ? 7u : 10u))
		return -1;
	if (by == BY_MONTH) {
		snprintf(key, 11, "%.7s", e->date);
		return 0;
	}
	if (by == BY_DAY) {
		snprintf(key, 11, "%.10s", e->date);
		return 0;
	}
	if (sscanf(e->date, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return -1;
	{
		const long z = days_from_civil(y, m, d);
		const long monday = z - ((z + 3) % 7 + 7) % 7; /* 1970-01-01 was a Thursday */
		civil_from_days(monday, &y, &m, &d);
	}
	snprintf(key, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
	return 0;
}

static void write_period(stats_run *r)
{
	const period *p = &r->cur;
	char n[2][24], g[32];

	if (!p->events)
		return;
	snprintf(n[0], sizeof n[0], "%zu", p->events);
	snprintf(n[1], sizeof n[1], "%zu", p->mentions);
	snprintf(g, sizeof g, "%.2f", p->goldstein);
	if (r->fmt == SF_JSONL) {
		jw_object(r->json, NULL);
		jw_cstr(r->json, "period", p->key);
		jw_uint(r->json, "events", p->events);
		jw_uint(r->json, "mentions", p->mentions);
		jw_fixed2(r->json, "goldstein", p->goldstein);
		jw_close(r->json);
		jw_endline(r->json);
	} else if (r->fmt == SF_TABLE) {
		aw_cell(&r->table, p->key);
		aw_cell(&r->table, n[0]);
		aw_cell(&r->table, n[1]);
		aw_cell(&r->table, g);
		aw_endrow(&r->table);
	} else {
		tw_cstr(&r->tab, p->key);
		tw_cstr(&r->tab, n[0]);
		tw_cstr(&r->tab, n[1]);
		tw_cstr(&r->tab, g);
		tw_endrow(&r->tab);
	}
}

/* Adds one event to its period, writing the previous period when the
** event starts a new one (events come in date order). */
static void add_event(stats_run *r, const dyad_store_event *e, period_kind by)
{
	char key[11];

	if (period_of(e, by, key) != 0) {
		r->left_out++;
		return;
	}
	if (strcmp(key, r->cur.key) != 0) {
		write_period(r);
		memset(&r->cur, 0, sizeof r->cur);
		memcpy(r->cur.key, key, sizeof key);
	}
	r->cur.events++;
	r->cur.mentions += e->mentions;
	if (e->has_goldstein)
		r->cur.goldstein += e->goldstein;
}

static const char *const stats_cols[] = { "period", "events", "mentions", "goldstein", NULL };

/* Runs the query and writes one row per period; returns the exit code. */
static int stats_all(dyad_store *st, const dyad_event_filter *f, period_kind by, stats_run *r)
{
	dyad_store_query *q = NULL;
	dyad_store_event e;
	dyad_status rc;
	size_t i;

	if ((rc = dyad_store_query_new(st, f, &q)) != DYAD_OK) {
		cli_error("%s", dyad_store_errmsg(st));
		return CLI_FAILED;
	}
	if (r->fmt == SF_TABLE) {
		for (i = 0; stats_cols[i]; i++)
			aw_cell(&r->table, stats_cols[i]);
		aw_endrow(&r->table);
	} else if (r->fmt != SF_JSONL) {
		tw_header(&r->tab, stats_cols);
	}
	while ((rc = dyad_store_query_next(q, &e)) == DYAD_OK)
		add_event(r, &e, by);
	write_period(r);
	dyad_store_query_free(q);
	if (rc != DYAD_DONE) {
		cli_error("%s", dyad_store_errmsg(st));
		return CLI_FAILED;
	}
	if (r->fmt == SF_TABLE && aw_print(&r->table, stdout) != 0)
		return CLI_FAILED;
	if (r->left_out)
		cli_error("stats: %zu event%s dated less precisely than a %s left out", r->left_out,
			  r->left_out == 1 ? "" : "s", by == BY_MONTH ? "month" : "day");
	return CLI_OK;
}

/* --dyad SRC:TGT into the filter (either side may be empty: any). */
static int parse_dyad(const char *s, dyad_event_filter *f, char *buf, size_t n)
{
	char *colon;

	if (strlen(s) >= n || !(colon = strchr(strcpy(buf, s), ':')))
		return -1;
	*colon = '\0';
	f->source = buf;
	f->target = colon + 1;
	return 0;
}

static int parse_stats(const cli_command *self, int argc, char **argv, const char **db,
		       dyad_event_filter *f, period_kind *by, stats_format *fmt, char *buf)
{
	const char *by_s = NULL, *dyad = NULL, *format = NULL;
	const cli_option opts[] = {
		{ "--db", NULL, db }, { "--by", NULL, &by_s }, { "--dyad", NULL, &dyad },
		{ "--format", NULL, &format }, { NULL, NULL, NULL }
	};
	static const char *const formats[] = { "table", "jsonl", "tsv", "csv" };
	int code = cli_parse_options(self, argc, argv, opts), i;

	if (code != CLI_RUN)
		return code;
	if (!by_s || strcmp(by_s, "month") == 0)
		*by = BY_MONTH;
	else if (strcmp(by_s, "week") == 0)
		*by = BY_WEEK;
	else if (strcmp(by_s, "day") == 0)
		*by = BY_DAY;
	else
		return cli_usage_error(self, "--by takes day, week or month");
	if (dyad && parse_dyad(dyad, f, buf, 256) != 0)
		return cli_usage_error(self, "--dyad takes SOURCE:TARGET (codes or prefixes)");
	*fmt = isatty(STDOUT_FILENO) ? SF_TABLE : SF_JSONL;
	for (i = 0; format && i < 4; i++)
		if (strcmp(format, formats[i]) == 0)
			break;
	if (format && i == 4)
		return cli_usage_error(self, "unknown format '%s' (use table, jsonl, tsv or csv)", format);
	if (format)
		*fmt = (stats_format)i;
	return CLI_RUN;
}

static int run_stats(const cli_command *self, int argc, char **argv)
{
	const char *db = "dyad.db";
	dyad_event_filter f;
	dyad_store_opts so;
	dyad_store *st = NULL;
	period_kind by = BY_MONTH;
	stats_run r;
	jsonw json;
	char buf[256];
	int code;

	memset(&f, 0, sizeof f);
	memset(&r, 0, sizeof r);
	if ((code = parse_stats(self, argc, argv, &db, &f, &by, &r.fmt, buf)) != CLI_RUN)
		return code;
	jw_init(&json, stdout);
	r.json = &json;
	tw_init(&r.tab, stdout, r.fmt == SF_CSV ? TW_CSV : TW_TSV);
	aw_init(&r.table);
	dyad_store_opts_init(&so);
	so.readonly = 1;
	code = CLI_FAILED;
	if (dyad_store_open(db, &so, &st) != DYAD_OK)
		cli_error("%s", st ? dyad_store_errmsg(st) : dyad_strerror(DYAD_NOMEM));
	else
		code = stats_all(st, &f, by, &r);
	aw_free(&r.table);
	dyad_store_close(st);
	return cli_finish(code, &json);
}

/* `dyad check`: the store's integrity and consistency, and its counts. */
static int run_check(const cli_command *self, int argc, char **argv)
{
	const char *db = "dyad.db";
	const cli_option opts[] = { { "--db", NULL, &db }, { NULL, NULL, NULL } };
	dyad_store_opts so;
	dyad_store *st = NULL;
	dyad_store_counts c;
	int code = cli_parse_options(self, argc, argv, opts);

	if (code != CLI_RUN)
		return code;
	dyad_store_opts_init(&so);
	so.readonly = 1;
	code = CLI_FAILED;
	if (dyad_store_open(db, &so, &st) != DYAD_OK || dyad_store_check(st) != DYAD_OK ||
	    dyad_store_counts_get(st, &c) != DYAD_OK) {
		cli_error("%s", st ? dyad_store_errmsg(st) : dyad_strerror(DYAD_NOMEM));
	} else {
		printf("ok: %zu documents (%zu near-duplicates), %zu sentences, %zu actor mentions, "
		       "%zu event mentions, %zu events\n", c.documents, c.duplicates, c.sentences,
		       c.actors, c.mentions, c.events);
		code = CLI_OK;
	}
	dyad_store_close(st);
	return cli_finish(code, NULL);
}

const cli_command cmd_stats = {
	"stats", run_stats,
	"event counts and Goldstein sums per day, week or month",
	"Usage: dyad stats [--db FILE] [--by day|week|month] [--dyad SRC:TGT]\n"
	"                  [--format table|jsonl|tsv|csv]\n"
	"\n"
	"Adds up the events of a store (see 'dyad events') per period: how many\n"
	"events, how many mentions they have, and the sum of their Goldstein\n"
	"scores. Only periods with events are listed, in date order.\n"
	"\n"
	"Options:\n"
	"  --by PERIOD          day, week (Monday to Sunday, named by its Monday)\n"
	"                       or month (the default)\n"
	"  --dyad SRC:TGT       only events from SRC to TGT, codes or prefixes;\n"
	"                       either may be empty (IRN: is any event of Iran's)\n"
	"  --format FMT         table (the default on a terminal), jsonl (the\n"
	"                       default otherwise), tsv or csv\n"
	"  --db FILE            the store (default dyad.db)\n"
	"  -h, --help           show this help\n"
	"\n"
	"Columns (JSONL keys): period (YYYY-MM-DD, a week's Monday, or YYYY-MM),\n"
	"events, mentions, goldstein (a sum, two decimals). An event dated less\n"
	"precisely than the period (a month, for --by day) is in none; how many\n"
	"were left out is said on standard error.\n"
	"\n"
	"Exit status: 0 success; 1 the store could not be read; 2 usage error.\n"
};

const cli_command cmd_check = {
	"check", run_check,
	"check that a store is whole and consistent",
	"Usage: dyad check [--db FILE]\n"
	"\n"
	"Runs SQLite's integrity check on the store and checks its rows: every\n"
	"sentence, actor and event mention belongs to a stored document, every\n"
	"document has all its rows, every event mention that counts is in an\n"
	"event, and every event's counts are what its mentions give. Prints\n"
	"one line:\n"
	"  ok: N documents (N near-duplicates), N sentences, N actor mentions,\n"
	"  N event mentions, N events\n"
	"or reports the first problem on standard error.\n"
	"\n"
	"Exit status: 0 the store is whole; 1 it is not, or cannot be read;\n"
	"2 usage error.\n"
};
