/*
** cmd_events.c — `dyad events` and `dyad export`: the events of a store,
** filtered, as a table for people or in the formats other tools read.
**
** Both commands run one query (dyad_store_query_*) with the same filters;
** they differ in what they write. `events` writes dyad's own records: an
** aligned table on a terminal, else JSON Lines, or TSV and CSV. `export`
** writes what other event data sets look like: GDELT's event table,
** Phoenix's columns, PLOVER-style JSON Lines, or CSV. Codes are always
** strings, leading zeros kept; TSV and CSV escaping is tabw.c's.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alignw.h"
#include "cli.h"
#include "tabw.h"

typedef enum {
	OUT_TABLE = 0, /* aligned columns, for a terminal */
	OUT_JSONL,
	OUT_TSV,
	OUT_CSV,
	OUT_GDELT,     /* GDELT 1.0 event table columns, tab-separated */
	OUT_PHOENIX,   /* Phoenix data set columns, tab-separated */
	OUT_PLOVER     /* PLOVER-style JSON Lines */
} out_format;

/* The writers of one run. */
typedef struct out {
	out_format fmt;
	jsonw *json;
	tabw tab;
	alignw table;
} out;

/* The options both commands share: the store and the filters. */
typedef struct query_opts {
	const char *db, *format, *near;
	dyad_event_filter f;
} query_opts;

/* ------------------------------------------------------------------ */
/* dyad's records                                                      */
/* ------------------------------------------------------------------ */

static const char *const event_cols[] = {
	"event", "date", "date_precision", "source", "target", "cameo", "root", "quad",
	"goldstein", "plover", "place", "country", "admin1", "lat", "lon", "geo_precision",
	"mentions", "sources", "articles", "source_label", "target_label", "doc", "url", NULL
};

static const char *const table_cols[] = {
	"event", "date", "source", "target", "cameo", "plover", "place", "mentions", "sources",
	"articles", NULL
};

static int placed(const dyad_store_event *e)
{
	return e->geo_precision != DYAD_GEO_NONE;
}

/* lat and lon, or nulls for an unplaced event. */
static void json_coords(jsonw *w, const dyad_store_event *e)
{
	if (placed(e)) {
		jw_coord(w, "lat", e->lat);
		jw_coord(w, "lon", e->lon);
	} else {
		jw_null(w, "lat");
		jw_null(w, "lon");
	}
}

static void json_event(jsonw *w, const dyad_store_event *e)
{
	jw_object(w, NULL);
	jw_cstr(w, "event", e->id);
	jw_cstr_or_null(w, "date", e->date);
	jw_cstr(w, "date_precision", dyad_precision_name(e->date_precision));
	jw_cstr(w, "source", e->source);
	jw_cstr(w, "target", e->target);
	jw_cstr(w, "cameo", e->cameo);
	jw_cstr(w, "root", e->root);
	if (e->quad > 0)
		jw_uint(w, "quad", (unsigned)e->quad);
	else
		jw_null(w, "quad");
	if (e->has_goldstein)
		jw_fixed2(w, "goldstein", e->goldstein);
	else
		jw_null(w, "goldstein");
	jw_cstr_or_null(w, "plover", e->plover);
	jw_cstr_or_null(w, "place", e->place);
	jw_cstr_or_null(w, "country", e->country);
	jw_cstr_or_null(w, "admin1", e->admin1);
	json_coords(w, e);
	jw_cstr(w, "geo_precision", dyad_geo_precision_name(e->geo_precision));
	jw_uint(w, "mentions", e->mentions);
	jw_uint(w, "sources", e->sources);
	jw_uint(w, "articles", e->articles);
	jw_cstr(w, "source_label", e->source_label);
	jw_cstr(w, "target_label", e->target_label);
	jw_cstr(w, "doc", e->doc);
	jw_cstr_or_null(w, "url", e->url);
	jw_close(w);
	jw_endline(w);
}

/* A coordinate, or an empty field when absent. */
static void tw_maybe_coord(tabw *t, int present, double v)
{
	if (present)
		tw_coord(t, v);
	else
		tw_empty(t);
}

static void tw_count(tabw *t, int present, unsigned long long v)
{
	if (present)
		tw_uint(t, v);
	else
		tw_empty(t);
}

static void row_event(tabw *t, const dyad_store_event *e)
{
	tw_cstr(t, e->id);
	tw_cstr(t, e->date);
	tw_cstr(t, dyad_precision_name(e->date_precision));
	tw_cstr(t, e->source);
	tw_cstr(t, e->target);
	tw_cstr(t, e->cameo);
	tw_cstr(t, e->root);
	tw_count(t, e->quad > 0, (unsigned)e->quad);
	if (e->has_goldstein)
		tw_fixed2(t, e->goldstein);
	else
		tw_empty(t);
	tw_cstr(t, e->plover);
	tw_cstr(t, e->place);
	tw_cstr(t, e->country);
	tw_cstr(t, e->admin1);
	tw_maybe_coord(t, placed(e), e->lat);
	tw_maybe_coord(t, placed(e), e->lon);
	tw_cstr(t, dyad_geo_precision_name(e->geo_precision));
	tw_uint(t, e->mentions);
	tw_uint(t, e->sources);
	tw_uint(t, e->articles);
	tw_cstr(t, e->source_label);
	tw_cstr(t, e->target_label);
	tw_cstr(t, e->doc);
	tw_cstr(t, e->url);
	tw_endrow(t);
}

static void table_event(alignw *w, const dyad_store_event *e)
{
	char n[3][24];

	snprintf(n[0], sizeof n[0], "%zu", e->mentions);
	snprintf(n[1], sizeof n[1], "%zu", e->sources);
	snprintf(n[2], sizeof n[2], "%zu", e->articles);
	aw_cell(w, e->id);
	aw_cell(w, e->date);
	aw_cell(w, e->source);
	aw_cell(w, e->target);
	aw_cell(w, e->cameo);
	aw_cell(w, e->plover);
	aw_cell(w, e->place);
	aw_cell(w, n[0]);
	aw_cell(w, n[1]);
	aw_cell(w, n[2]);
	aw_endrow(w);
}

/* ------------------------------------------------------------------ */
/* Exports                                                             */
/* ------------------------------------------------------------------ */

/* GDELT 1.0's event table, in its order (58 columns with SOURCEURL). */
static const char *const gdelt_cols[] = {
	"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode",
	"Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code",
	"Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode",
	"Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code",
	"Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
	"GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
	"Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
	"Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
	"ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL", NULL
};

/* The Phoenix data set's columns. */
static const char *const phoenix_cols[] = {
	"EventID", "Date", "Year", "Month", "Day",
	"SourceActorFull", "SourceActorEntity", "SourceActorRole", "SourceActorAttribute",
	"TargetActorFull", "TargetActorEntity", "TargetActorRole", "TargetActorAttribute",
	"EventCode", "EventRootCode", "QuadClass", "GoldsteinScore", "Issues",
	"Lat", "Lon", "LocationName", "StateName", "CountryCode", "SentenceID", "URLs",
	"NewsSources", NULL
};

/* Year, month and day of a date; 0 for the parts it does not have. */
static void date_parts(const char *d, int *y, int *m, int *dd)
{
	*y = *m = *dd = 0;
	sscanf(d, "%4d-%2d-%2d", y, m, dd);
}

static void tw_int(tabw *t, long v)
{
	char buf[24];

	snprintf(buf, sizeof buf, "%ld", v);
	tw_cstr(t, buf);
}

/* Year plus the elapsed share of it, as GDELT's FractionDate. */
static void tw_fraction(tabw *t, int y, int m, int d)
{
	static const int before[] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
	char buf[24];
	const int doy = (m >= 1 && m <= 12 ? before[m - 1] : 0) + (d > 0 ? d : 1);

	snprintf(buf, sizeof buf, "%.4f", y + (doy - 1) / 365.0);
	tw_cstr(t, buf);
}

/* GDELT's geographic types: 1 country, 2 US state, 3 US city, 4 world
** city, 5 world state. */
static int gdelt_geo_type(const dyad_store_event *e)
{
	const int us = strcmp(e->country, "US") == 0;

	switch (e->geo_precision) {
	case DYAD_GEO_COUNTRY: return 1;
	case DYAD_GEO_ADMIN1: return us ? 2 : 5;
	case DYAD_GEO_CITY: return us ? 3 : 4;
	default: return 0;
	}
}

static void gdelt_actor(tabw *t, const char *code, const char *name)
{
	int i;

	tw_cstr(t, code);
	tw_cstr(t, name);
	for (i = 0; i < 8; i++) /* country, group, ethnic, religion, type codes */
		tw_empty(t);
}

static void gdelt_geo(tabw *t, const dyad_store_event *e)
{
	if (!placed(e)) {
		int i;
		for (i = 0; i < 7; i++)
			tw_empty(t);
		return;
	}
	tw_int(t, gdelt_geo_type(e));
	tw_cstr(t, e->place);
	tw_cstr(t, e->country);
	tw_cstr(t, e->admin1);
	tw_maybe_coord(t, 1, e->lat);
	tw_maybe_coord(t, 1, e->lon);
	tw_empty(t);
}

static void row_gdelt(tabw *t, const dyad_store_event *e)
{
	char buf[16], base[4];
	int y, m, d, i;

	date_parts(e->date, &y, &m, &d);
	tw_cstr(t, e->id);
	snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
	tw_cstr(t, buf);
	snprintf(buf, sizeof buf, "%04d%02d", y, m);
	tw_cstr(t, buf);
	tw_int(t, y);
	tw_fraction(t, y, m, d);
	gdelt_actor(t, e->source, e->source_label);
	gdelt_actor(t, e->target, e->target_label);
	tw_int(t, e->root_event);
	snprintf(base, sizeof base, "%.3s", e->cameo);
	tw_cstr(t, e->cameo);
	tw_cstr(t, base);
	tw_cstr(t, e->root);
	tw_count(t, e->quad > 0, (unsigned)e->quad);
	if (e->has_goldstein)
		tw_fixed2(t, e->goldstein);
	else
		tw_empty(t);
	tw_uint(t, e->mentions);
	tw_uint(t, e->sources);
	tw_uint(t, e->articles);
	tw_empty(t); /* AvgTone: dyad measures no tone */
	for (i = 0; i < 14; i++) /* the actors' own places: not known */
		tw_empty(t);
	gdelt_geo(t, e);
	date_parts(e->added, &y, &m, &d);
	snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
	tw_cstr(t, buf);
	tw_cstr(t, e->url[0] ? e->url : e->doc);
	tw_endrow(t);
}

/* A CAMEO actor code in Phoenix's three parts: entity (country or
** organization), role and the rest. */
static void phoenix_actor(tabw *t, const char *code)
{
	const size_t n = strlen(code);

	tw_cstr(t, code);
	tw_str(t, code, n < 3 ? n : 3);
	tw_str(t, n > 3 ? code + 3 : "", n > 6 ? 3 : n > 3 ? n - 3 : 0);
	tw_str(t, n > 6 ? code + 6 : "", n > 6 ? n - 6 : 0);
}

static void row_phoenix(tabw *t, const dyad_store_event *e)
{
	char buf[16];
	int y, m, d;

	date_parts(e->date, &y, &m, &d);
	tw_cstr(t, e->id);
	snprintf(buf, sizeof buf, "%04d%02d%02d", y, m, d);
	tw_cstr(t, buf);
	tw_int(t, y);
	tw_int(t, m);
	tw_int(t, d);
	phoenix_actor(t, e->source);
	phoenix_actor(t, e->target);
	tw_cstr(t, e->cameo);
	tw_cstr(t, e->root);
	tw_count(t, e->quad > 0, (unsigned)e->quad);
	if (e->has_goldstein)
		tw_fixed2(t, e->goldstein);
	else
		tw_empty(t);
	tw_empty(t); /* Issues: not coded */
	tw_maybe_coord(t, placed(e), e->lat);
	tw_maybe_coord(t, placed(e), e->lon);
	tw_cstr(t, e->place);
	tw_cstr(t, e->admin1);
	tw_cstr(t, e->country);
	tw_cstr(t, e->doc);
	tw_cstr(t, e->url);
	tw_uint(t, e->sources);
	tw_endrow(t);
}

static void json_plover(jsonw *w, const dyad_store_event *e)
{
	jw_object(w, NULL);
	jw_cstr(w, "event_id", e->id);
	jw_cstr_or_null(w, "event_date", e->date);
	jw_cstr(w, "date_precision", dyad_precision_name(e->date_precision));
	jw_cstr_or_null(w, "event_type", e->plover);
	jw_cstr(w, "cameo", e->cameo);
	jw_cstr(w, "actor", e->source);
	jw_cstr(w, "actor_name", e->source_label);
	jw_cstr(w, "recipient", e->target);
	jw_cstr(w, "recipient_name", e->target_label);
	jw_cstr_or_null(w, "place", e->place);
	jw_cstr_or_null(w, "country", e->country);
	json_coords(w, e);
	jw_cstr(w, "geo_precision", dyad_geo_precision_name(e->geo_precision));
	jw_uint(w, "num_mentions", e->mentions);
	jw_uint(w, "num_sources", e->sources);
	jw_uint(w, "num_articles", e->articles);
	jw_cstr_or_null(w, "url", e->url);
	jw_close(w);
	jw_endline(w);
}

/* ------------------------------------------------------------------ */
/* Running a query                                                     */
/* ------------------------------------------------------------------ */

static void write_header(out *o)
{
	switch (o->fmt) {
	case OUT_TSV:
	case OUT_CSV: tw_header(&o->tab, event_cols); break;
	case OUT_GDELT: tw_header(&o->tab, gdelt_cols); break;
	case OUT_PHOENIX: tw_header(&o->tab, phoenix_cols); break;
	case OUT_TABLE: {
		size_t i;
		for (i = 0; table_cols[i]; i++)
			aw_cell(&o->table, table_cols[i]);
		aw_endrow(&o->table);
		break;
	}
	default: break;
	}
}

static void write_event(out *o, const dyad_store_event *e)
{
	switch (o->fmt) {
	case OUT_TABLE: table_event(&o->table, e); break;
	case OUT_JSONL: json_event(o->json, e); break;
	case OUT_TSV:
	case OUT_CSV: row_event(&o->tab, e); break;
	case OUT_GDELT: row_gdelt(&o->tab, e); break;
	case OUT_PHOENIX: row_phoenix(&o->tab, e); break;
	case OUT_PLOVER: json_plover(o->json, e); break;
	}
}

/* Writes every event the filter keeps; returns the exit code. */
static int write_events(dyad_store *st, const dyad_event_filter *f, out *o)
{
	dyad_store_query *q = NULL;
	dyad_store_event e;
	dyad_status rc;
	int code = CLI_OK;

	if ((rc = dyad_store_query_new(st, f, &q)) != DYAD_OK) {
		cli_error("%s", dyad_store_errmsg(st));
		return rc == DYAD_BADARG ? CLI_USAGE : CLI_FAILED;
	}
	write_header(o);
	while ((rc = dyad_store_query_next(q, &e)) == DYAD_OK && !o->json->err &&
	       !tw_failed(&o->tab))
		write_event(o, &e);
	if (rc != DYAD_OK && rc != DYAD_DONE) {
		cli_error("%s", dyad_store_errmsg(st));
		code = CLI_FAILED;
	}
	if (o->fmt == OUT_TABLE && aw_print(&o->table, stdout) != 0) {
		cli_error("%s", dyad_strerror(DYAD_NOMEM));
		code = CLI_FAILED;
	}
	dyad_store_query_free(q);
	return code;
}

/* Opens the store for reading and runs the query in the format. */
static int run_query(const query_opts *qo, out_format fmt)
{
	dyad_store_opts so;
	dyad_store *st = NULL;
	jsonw json;
	out o;
	int code = CLI_FAILED;

	dyad_store_opts_init(&so);
	so.readonly = 1;
	memset(&o, 0, sizeof o);
	o.fmt = fmt;
	jw_init(&json, stdout);
	o.json = &json;
	tw_init(&o.tab, stdout, fmt == OUT_CSV ? TW_CSV : TW_TSV);
	aw_init(&o.table);
	if (dyad_store_open(qo->db, &so, &st) != DYAD_OK)
		cli_error("%s", st ? dyad_store_errmsg(st) : dyad_strerror(DYAD_NOMEM));
	else
		code = write_events(st, &qo->f, &o);
	aw_free(&o.table);
	dyad_store_close(st);
	return cli_finish(code, &json);
}

/* "LAT,LON,KM" into the filter; -1 when it is not three numbers. */
static int parse_near(const char *s, dyad_event_filter *f)
{
	char tail;

	if (sscanf(s, "%lf,%lf,%lf%c", &f->lat, &f->lon, &f->km, &tail) != 3)
		return -1;
	f->near = 1;
	return 0;
}

/* Parses the options both commands share plus --format; returns CLI_RUN
** or the exit code. */
static int parse_query(const cli_command *self, int argc, char **argv, query_opts *q)
{
	const cli_option opts[] = {
		{ "--db", NULL, &q->db },          { "--format", NULL, &q->format },
		{ "--source", NULL, &q->f.source }, { "--target", NULL, &q->f.target },
		{ "--actor", NULL, &q->f.actor },   { "--cameo", NULL, &q->f.cameo },
		{ "--root", NULL, &q->f.root },     { "--plover", NULL, &q->f.plover },
		{ "--from", NULL, &q->f.from },     { "--to", NULL, &q->f.to },
		{ "--country", NULL, &q->f.country }, { "--near", NULL, &q->near },
		{ "--text", NULL, &q->f.text },     { NULL, NULL, NULL }
	};
	int code;

	memset(q, 0, sizeof *q);
	q->db = "dyad.db";
	if ((code = cli_parse_options(self, argc, argv, opts)) != CLI_RUN)
		return code;
	if (q->near && parse_near(q->near, &q->f) != 0)
		return cli_usage_error(self, "--near takes LAT,LON,KM (e.g. 25.29,51.53,50)");
	return CLI_RUN;
}

static int run_events(const cli_command *self, int argc, char **argv)
{
	query_opts q;
	out_format fmt;
	int code = parse_query(self, argc, argv, &q);

	if (code != CLI_RUN)
		return code;
	if (!q.format)
		fmt = isatty(STDOUT_FILENO) ? OUT_TABLE : OUT_JSONL;
	else if (strcmp(q.format, "table") == 0)
		fmt = OUT_TABLE;
	else if (strcmp(q.format, "jsonl") == 0)
		fmt = OUT_JSONL;
	else if (strcmp(q.format, "tsv") == 0)
		fmt = OUT_TSV;
	else if (strcmp(q.format, "csv") == 0)
		fmt = OUT_CSV;
	else
		return cli_usage_error(self, "unknown format '%s' (use table, jsonl, tsv or csv)",
				       q.format);
	return run_query(&q, fmt);
}

static int run_export(const cli_command *self, int argc, char **argv)
{
	query_opts q;
	out_format fmt;
	int code = parse_query(self, argc, argv, &q);

	if (code != CLI_RUN)
		return code;
	if (!q.format)
		return cli_usage_error(self, "--format is required (gdelt, phoenix, plover-jsonl or csv)");
	if (strcmp(q.format, "gdelt") == 0)
		fmt = OUT_GDELT;
	else if (strcmp(q.format, "phoenix") == 0)
		fmt = OUT_PHOENIX;
	else if (strcmp(q.format, "plover-jsonl") == 0)
		fmt = OUT_PLOVER;
	else if (strcmp(q.format, "csv") == 0)
		fmt = OUT_CSV;
	else
		return cli_usage_error(self, "unknown format '%s' (use gdelt, phoenix, plover-jsonl "
				       "or csv)", q.format);
	return run_query(&q, fmt);
}

#define FILTER_HELP                                                               \
	"Filters (all optional; an event must pass every one given):\n"             \
	"  --source CODE        source actor code or prefix: PSE matches PSEREBHMS\n" \
	"  --target CODE        target actor code or prefix\n"                      \
	"  --actor CODE         source or target code or prefix\n"                  \
	"  --cameo CODE         CAMEO event code or prefix (04 is the 04 family)\n"  \
	"  --root NN            CAMEO root, two digits\n"                           \
	"  --plover NAME        PLOVER category (CONSULT), any case\n"              \
	"  --from DATE          events whose date reaches DATE (YYYY[-MM[-DD]]);\n" \
	"                       a month-precision date reaches to its last day\n"    \
	"  --to DATE            events whose date starts by DATE\n"                 \
	"  --country CC         events placed in country CC (ISO 3166-1 alpha-2)\n" \
	"  --near LAT,LON,KM    events placed within KM kilometres (great circle)\n" \
	"  --text WORDS         events one of whose sentences contains WORDS\n"     \
	"                       (ASCII letters in any case)\n"                      \
	"  --db FILE            the store (default dyad.db)\n"

const cli_command cmd_events = {
	"events", run_events,
	"list the events of the store, filtered (table, JSONL, TSV, CSV)",
	"Usage: dyad events [--db FILE] [--format table|jsonl|tsv|csv] [FILTER]...\n"
	"\n"
	"Lists the events of a store made by 'dyad ingest': each a cluster of\n"
	"event mentions with the same date, source, target, CAMEO root and\n"
	"place, with its counts of mentions, sources (outlets) and articles;\n"
	"near-duplicate articles count once. In order of date, source, target\n"
	"and code.\n"
	"\n"
	FILTER_HELP
	"  --format FMT         table (the default on a terminal), jsonl (the\n"
	"                       default otherwise), tsv or csv\n"
	"  -h, --help           show this help\n"
	"\n"
	"JSONL keys, in this order (TSV and CSV: the same columns after a header\n"
	"row; null is an empty field):\n"
	"  event           16 hex digits, the same for the same cluster key in\n"
	"                  any store\n"
	"  date, date_precision   YYYY-MM-DD, YYYY-MM or YYYY; day, month, ...\n"
	"  source, target  CAMEO actor codes\n"
	"  cameo, root     the code most of its mentions gave, and its root,\n"
	"                  strings with their leading zeros\n"
	"  quad, goldstein, plover   as for 'dyad code'\n"
	"  place, country, admin1, lat, lon, geo_precision\n"
	"                  where; null and \"none\" when unplaced\n"
	"  mentions, sources, articles   the evidence\n"
	"  source_label, target_label    the actors' names\n"
	"  doc, url        the earliest article reporting it\n"
	"\n"
	"The table shows event, date, source, target, cameo, plover, place and\n"
	"the three counts.\n"
	"\n"
	"Exit status: 0 success; 1 the store could not be read; 2 usage error.\n"
};

const cli_command cmd_export = {
	"export", run_export,
	"export the store's events as GDELT, Phoenix, PLOVER JSONL or CSV",
	"Usage: dyad export --format gdelt|phoenix|plover-jsonl|csv [--db FILE]\n"
	"                   [FILTER]...\n"
	"\n"
	"Writes the events of a store (the filters are those of 'dyad events')\n"
	"in the layout of another event data set, with a header row. Codes are\n"
	"strings: leading zeros kept. Columns dyad has no value for are empty.\n"
	"\n"
	"  gdelt         GDELT 1.0's event table, 58 tab-separated columns.\n"
	"                Filled: GLOBALEVENTID (dyad's event id), SQLDATE\n"
	"                (00 for an unknown month or day), MonthYear, Year,\n"
	"                FractionDate, Actor1Code/Name, Actor2Code/Name,\n"
	"                IsRootEvent (a mention in an article's first sentence),\n"
	"                EventCode, EventBaseCode, EventRootCode, QuadClass,\n"
	"                GoldsteinScale, NumMentions, NumSources, NumArticles,\n"
	"                ActionGeo_* (CountryCode is ISO 3166-1, not FIPS;\n"
	"                Type 1 country, 2/5 US state/other admin1, 3/4 US/other\n"
	"                city), DATEADDED (the day first stored), SOURCEURL (the\n"
	"                earliest article's URL, else its id). Empty: the actors'\n"
	"                attribute codes, AvgTone, Actor1Geo_*, Actor2Geo_*,\n"
	"                FeatureIDs.\n"
	"  phoenix       the Phoenix data set's 26 tab-separated columns; actor\n"
	"                codes split as entity (3 letters), role (3) and the\n"
	"                rest; NewsSources is the number of outlets, SentenceID\n"
	"                the earliest article's id; Issues empty.\n"
	"  plover-jsonl  one JSON object per event: event_id, event_date,\n"
	"                date_precision, event_type (the PLOVER category, null\n"
	"                when none), cameo, actor, actor_name, recipient,\n"
	"                recipient_name, place, country, lat, lon,\n"
	"                geo_precision, num_mentions, num_sources,\n"
	"                num_articles, url.\n"
	"  csv           dyad's own columns (as 'dyad events --format csv'),\n"
	"                RFC 4180 quoting.\n"
	"\n"
	"TSV layouts escape tab, newline, CR and backslash as \\t \\n \\r \\\\.\n"
	"\n"
	FILTER_HELP
	"  -h, --help           show this help\n"
	"\n"
	"Exit status: 0 success; 1 the store could not be read; 2 usage error.\n"
};
