/*
** cmd_code.c — `dyad code`: articles in, political events out, as JSON
** Lines (the default), TSV or CSV.
**
** One record per event: who did what to whom (CAMEO actor and event
** codes, with QuadClass, Goldstein and PLOVER), its modality, the byte
** spans of source, verb and target in the original text, the verb
** pattern that made it and the sentence it came from, so every record can
** be checked against the article. The coding itself is the library's
** (dyad_doc_events); this file only chooses options and prints. A TABARI
** project's .options file applies as it is, line by line, and --explain
** says, sentence by sentence, why an event was or was not made.
*/
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "cli.h"
#include "tabw.h"

typedef enum {
	FMT_JSONL = 0, /* one JSON object per event */
	FMT_TSV,       /* header row, then one tab-separated row per event */
	FMT_CSV        /* the same, RFC 4180 */
} code_format;

/* State of one `dyad code` run, shared by every article. */
typedef struct code_run {
	dyad_code_opts opts; /* how to code: flags and --tabari-options */
	code_format format;  /* output format */
	jsonw *json;         /* JSONL output; flushed before every message */
	tabw tab;            /* TSV and CSV output */
	int header_done;     /* the TSV/CSV header row is out */
	int no_patterns;     /* dyad_doc_events: the engine has no patterns */
	int failed;          /* an article could not be coded */
	int historical;      /* print historical events too */
} code_run;

/* The modality flags, in the order they are listed. */
static const struct {
	unsigned flag;
	const char *name;
} modalities[] = {
	{ DYAD_MOD_NEGATED, "negated" },
	{ DYAD_MOD_HYPOTHETICAL, "hypothetical" },
	{ DYAD_MOD_REPORTED, "reported" },
	{ DYAD_MOD_QUESTION, "question" },
};

#define NMODALITIES (sizeof modalities / sizeof modalities[0])

/* TSV/CSV columns: the JSONL keys, in order, each span as two columns. */
static const char *const columns[] = {
	"id", "doc", "sent", "date", "date_precision", "date_how",
	"historical", "source", "target", "cameo", "root",
	"quad", "goldstein", "plover", "modality",
	"source_start", "source_end", "verb_start", "verb_end",
	"target_start", "target_end", "source_label", "target_label",
	"source_how", "target_how", "pattern", "pattern_text",
	"place", "country", "admin1", "lat", "lon", "geo_precision", "place_how",
	"place_start", "place_end", "confidence", "text", NULL
};

/* The library promises strings; a NULL from a coder in progress should
** print as "" rather than crash the batch. */
static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* An actor span [0, 0) is no span: no actor was found in the text, or
** the actor is a default from the options. */
static int has_span(size_t start, size_t end)
{
	return start != 0 || end != 0;
}

static int has_goldstein(const dyad_event *ev)
{
	return ev->has_goldstein && isfinite(ev->goldstein);
}

/* One line on how an event got its date, for --explain: the rule, the
** words it read and what they resolved to against the article's date. */
static void date_reason(const dyad_doc_info *info, const dyad_event *ev,
			char *buf, size_t cap)
{
	char words[96];
	size_t n = 0, i;
	const char *how = or_empty(ev->date_how);

	if (ev->date_end > ev->date_start && ev->date_end <= info->text_len)
		for (i = ev->date_start; i < ev->date_end && n + 1 < sizeof words; i++)
			words[n++] = info->text[i] == '\n' || info->text[i] == '\r' ||
				     info->text[i] == '\t' ? ' ' : info->text[i];
	words[n] = '\0';
	if (n == 0)
		snprintf(buf, cap, "%s: no date expression for this event; the article's date %s (%s)",
			 how, *info->date ? info->date : "(none)",
			 dyad_precision_name(info->date_precision));
	else if (strcmp(how, "capped") == 0)
		snprintf(buf, cap, "capped: \"%s\" falls after the article's date %s, which a past event takes",
			 words, info->date);
	else
		snprintf(buf, cap, "%s: \"%s\" against the article's date %s%s -> %s (%s)%s",
			 how, words, *info->date ? info->date : "(none)",
			 ev->modality & DYAD_MOD_HYPOTHETICAL ? ", looking forward" : "",
			 or_empty(ev->date), dyad_precision_name(ev->date_precision),
			 ev->historical ? "; historical" : "");
}

/* ------------------------------------------------------------------ */
/* JSON Lines                                                          */
/* ------------------------------------------------------------------ */

static void json_span(jsonw *w, const char *key, size_t start, size_t end,
		      int present)
{
	if (!present) {
		jw_null(w, key);
		return;
	}
	jw_array(w, key);
	jw_uint(w, NULL, start);
	jw_uint(w, NULL, end);
	jw_close(w);
}

/* Where: the place, its codes and point, how precise and how found; the
** point is null when the event is unplaced. */
static void json_place(jsonw *w, const dyad_event *ev)
{
	int placed = ev->geo_precision != DYAD_GEO_NONE;

	jw_cstr_or_null(w, "place", ev->place);
	jw_cstr_or_null(w, "country", ev->country);
	jw_cstr_or_null(w, "admin1", ev->admin1);
	if (placed) {
		jw_coord(w, "lat", ev->lat);
		jw_coord(w, "lon", ev->lon);
	} else {
		jw_null(w, "lat");
		jw_null(w, "lon");
	}
	jw_cstr(w, "geo_precision", dyad_geo_precision_name(ev->geo_precision));
	jw_cstr(w, "place_how", or_empty(ev->place_how));
	json_span(w, "place_span", ev->place_start, ev->place_end,
		  has_span(ev->place_start, ev->place_end));
}

static void json_modality(jsonw *w, unsigned m)
{
	size_t i;

	jw_array(w, "modality");
	for (i = 0; i < NMODALITIES; i++)
		if (m & modalities[i].flag)
			jw_cstr(w, NULL, modalities[i].name);
	jw_close(w);
}

static void json_event(jsonw *w, const dyad_doc_info *info,
		       const dyad_event *ev, const dyad_sentence *s, int explain)
{
	char why[512];

	jw_object(w, NULL);
	jw_cstr(w, "id", ev->id);
	jw_cstr(w, "doc", info->id);
	jw_uint(w, "sent", ev->sent);
	jw_cstr_or_null(w, "date", ev->date);
	jw_cstr(w, "date_precision", dyad_precision_name(ev->date_precision));
	jw_cstr(w, "date_how", or_empty(ev->date_how));
	jw_bool(w, "historical", ev->historical);
	if (explain) {
		date_reason(info, ev, why, sizeof why);
		jw_cstr(w, "date_explain", why);
	}
	jw_cstr(w, "source", or_empty(ev->source));
	jw_cstr(w, "target", or_empty(ev->target));
	jw_cstr(w, "cameo", or_empty(ev->cameo));
	jw_cstr(w, "root", ev->root);
	if (ev->quad > 0)
		jw_uint(w, "quad", (unsigned)ev->quad);
	else
		jw_null(w, "quad");
	if (has_goldstein(ev))
		jw_fixed2(w, "goldstein", ev->goldstein);
	else
		jw_null(w, "goldstein");
	jw_cstr_or_null(w, "plover", ev->plover);
	json_modality(w, ev->modality);
	json_span(w, "source_span", ev->src_start, ev->src_end,
		  has_span(ev->src_start, ev->src_end));
	json_span(w, "verb_span", ev->verb_start, ev->verb_end, 1);
	json_span(w, "target_span", ev->tgt_start, ev->tgt_end,
		  has_span(ev->tgt_start, ev->tgt_end));
	jw_cstr(w, "source_label", or_empty(ev->source_label));
	jw_cstr(w, "target_label", or_empty(ev->target_label));
	jw_cstr(w, "source_how", or_empty(ev->source_how));
	jw_cstr(w, "target_how", or_empty(ev->target_how));
	jw_cstr(w, "pattern", or_empty(ev->pattern));
	jw_cstr(w, "pattern_text", or_empty(ev->pattern_text));
	json_place(w, ev);
	jw_fixed2(w, "confidence", ev->confidence);
	jw_str(w, "text", s->text, s->text_len);
	jw_close(w);
	jw_endline(w);
}

static void json_explain(jsonw *w, const dyad_doc_info *info, size_t sent,
			 dyad_sent_status st, const char *explain)
{
	jw_object(w, NULL);
	jw_cstr(w, "doc", info->id);
	jw_uint(w, "sent", sent);
	jw_cstr(w, "status", dyad_sent_status_name(st));
	jw_cstr(w, "explain", or_empty(explain));
	jw_close(w);
	jw_endline(w);
}

/* ------------------------------------------------------------------ */
/* TSV and CSV                                                         */
/* ------------------------------------------------------------------ */

static void row_span(tabw *t, size_t start, size_t end, int present)
{
	if (present) {
		tw_uint(t, start);
		tw_uint(t, end);
	} else {
		tw_empty(t);
		tw_empty(t);
	}
}

/* The modality names set in m, comma-separated, as one field. */
static void row_modality(tabw *t, unsigned m)
{
	char buf[64];
	size_t i, len = 0;

	for (i = 0; i < NMODALITIES; i++) {
		if (!(m & modalities[i].flag))
			continue;
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s",
					len ? "," : "", modalities[i].name);
		assert(len < sizeof buf);
	}
	tw_str(t, buf, len);
}

static void row_place(tabw *t, const dyad_event *ev)
{
	tw_cstr(t, or_empty(ev->place));
	tw_cstr(t, or_empty(ev->country));
	tw_cstr(t, or_empty(ev->admin1));
	if (ev->geo_precision != DYAD_GEO_NONE) {
		tw_coord(t, ev->lat);
		tw_coord(t, ev->lon);
	} else {
		tw_empty(t);
		tw_empty(t);
	}
	tw_cstr(t, dyad_geo_precision_name(ev->geo_precision));
	tw_cstr(t, or_empty(ev->place_how));
	row_span(t, ev->place_start, ev->place_end, has_span(ev->place_start, ev->place_end));
}

static void row_event(tabw *t, const dyad_doc_info *info,
		      const dyad_event *ev, const dyad_sentence *s)
{
	tw_cstr(t, ev->id);
	tw_cstr(t, info->id);
	tw_uint(t, ev->sent);
	tw_cstr(t, ev->date);
	tw_cstr(t, dyad_precision_name(ev->date_precision));
	tw_cstr(t, ev->date_how);
	tw_uint(t, ev->historical ? 1 : 0);
	tw_cstr(t, ev->source);
	tw_cstr(t, ev->target);
	tw_cstr(t, ev->cameo);
	tw_cstr(t, ev->root);
	if (ev->quad > 0)
		tw_uint(t, (unsigned)ev->quad);
	else
		tw_empty(t);
	if (has_goldstein(ev))
		tw_fixed2(t, ev->goldstein);
	else
		tw_empty(t);
	tw_cstr(t, ev->plover);
	row_modality(t, ev->modality);
	row_span(t, ev->src_start, ev->src_end, has_span(ev->src_start, ev->src_end));
	row_span(t, ev->verb_start, ev->verb_end, 1);
	row_span(t, ev->tgt_start, ev->tgt_end, has_span(ev->tgt_start, ev->tgt_end));
	tw_cstr(t, ev->source_label);
	tw_cstr(t, ev->target_label);
	tw_cstr(t, ev->source_how);
	tw_cstr(t, ev->target_how);
	tw_cstr(t, ev->pattern);
	tw_cstr(t, ev->pattern_text);
	row_place(t, ev);
	tw_fixed2(t, ev->confidence);
	tw_str(t, s->text, s->text_len);
	tw_endrow(t);
}

/* s inside a comment line: each line break starts a new "#   " line, so
** neither an id nor an explanation can end the comment and pass for a
** row. Trailing line breaks are dropped. */
static void comment_text(FILE *f, const char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	for (; n > 0; s++, n--) {
		if (*s == '\n')
			fputs("\n#   ", f);
		else if (*s != '\r')
			putc(*s, f);
	}
}

/* A sentence's explanation between TSV/CSV rows: comment lines that
** `grep -v '^#'` removes (an event row starts with its hex id). */
static void text_explain(FILE *f, const dyad_doc_info *info, size_t sent,
			 dyad_sent_status st, const char *explain)
{
	fputs("# ", f);
	comment_text(f, info->id);
	fprintf(f, " sentence %zu: %s\n", sent, dyad_sent_status_name(st));
	if (explain && *explain) {
		fputs("#   ", f);
		comment_text(f, explain);
		putc('\n', f);
	}
}

/* ------------------------------------------------------------------ */
/* Articles                                                            */
/* ------------------------------------------------------------------ */

static void print_explain(code_run *cr, const dyad_doc *doc,
			  const dyad_doc_info *info, size_t sent)
{
	const char *explain = "";
	const dyad_sent_status st = dyad_doc_sent_status(doc, sent, &explain);

	if (cr->format == FMT_JSONL)
		json_explain(cr->json, info, sent, st, explain);
	else
		text_explain(cr->tab.f, info, sent, st, explain);
}

static void print_event(code_run *cr, const dyad_doc *doc,
			const dyad_doc_info *info, const dyad_event *ev)
{
	dyad_sentence s;

	if (dyad_doc_sentence(doc, ev->sent, &s) != DYAD_OK) {
		s.text = "";
		s.text_len = 0;
	}
	if (cr->format == FMT_JSONL) {
		json_event(cr->json, info, ev, &s, cr->opts.explain);
		return;
	}
	if (cr->opts.explain) {
		char why[512];
		date_reason(info, ev, why, sizeof why);
		fputs("#   date ", cr->tab.f);
		comment_text(cr->tab.f, why);
		putc('\n', cr->tab.f);
	}
	row_event(&cr->tab, info, ev, &s);
}

static void print_header(code_run *cr)
{
	if (cr->format != FMT_JSONL && !cr->header_done)
		tw_header(&cr->tab, columns);
	cr->header_done = 1;
}

/* Prints the events of one article, each sentence's explanation first
** with --explain. Returns 0, or -1 when the batch must stop. */
static int print_doc(code_run *cr, const dyad_doc *doc, size_t n)
{
	dyad_doc_info info;
	size_t i, sent = 0;

	dyad_doc_get_info(doc, &info);
	print_header(cr);
	for (i = 0; i < n; i++) {
		dyad_event ev;

		if (dyad_doc_event(doc, i, &ev) != DYAD_OK)
			break;
		/* Events come in text order: explain up to this one's sentence. */
		for (; cr->opts.explain && sent <= ev.sent; sent++)
			print_explain(cr, doc, &info, sent);
		if (ev.historical && !cr->historical)
			continue; /* no current event: kept with --historical */
		print_event(cr, doc, &info, &ev);
	}
	for (; cr->opts.explain && sent < info.n_sentences; sent++)
		print_explain(cr, doc, &info, sent);
	if (cr->json->err || (cr->format != FMT_JSONL && tw_failed(&cr->tab)))
		return -1;
	return 0;
}

/* cli_each_doc's callback: codes one article and prints its events. */
static int code_doc(const dyad_doc *doc, const dyad_input *in, void *arg)
{
	code_run *cr = arg;
	size_t n = 0;
	const dyad_status st = dyad_doc_events(doc, &cr->opts, &n);

	if (st == DYAD_BADARG) {
		/* Every article would fail alike: stop, and say it once. */
		cr->no_patterns = 1;
		return -1;
	}
	if (st != DYAD_OK) {
		cli_report_item(cr->json, in, dyad_strerror(st));
		cr->failed = 1;
		return st == DYAD_NOMEM ? -1 : 0;
	}
	return print_doc(cr, doc, n);
}

/* ------------------------------------------------------------------ */
/* Options                                                             */
/* ------------------------------------------------------------------ */

/* Applies one line of a TABARI .options file; returns 1 when the line
** was refused (and reported), else 0. */
static int apply_option_line(dyad_code_opts *o, const char *path,
			     size_t lineno, char *line, size_t len)
{
	char msg[DYAD_ERRMSG_MAX];
	dyad_status st;
	char *p = line;

	/* DOS line ends are common in TABARI projects. */
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		line[--len] = '\0';
	if (strlen(line) != len) {
		cli_error("%s:%zu: NUL byte in line", path, lineno);
		return 1;
	}
	p += strspn(p, " \t\f\v");
	if (*p == '\0' || *p == '#' || strncmp(p, "//", 2) == 0)
		return 0;
	msg[0] = '\0';
	if ((st = dyad_code_opts_tabari(o, p, msg)) == DYAD_OK)
		return 0;
	cli_error("%s:%zu: %s", path, lineno, *msg ? msg : dyad_strerror(st));
	return 1;
}

/*
** Applies a TABARI .options file to o. A refused line is reported as
** file:line: reason and the others still apply, as with a dictionary;
** with --strict any refusal stops the run. Returns 0, or the exit code
** after reporting.
*/
static int load_tabari_options(const char *path, dyad_code_opts *o, int strict)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, lineno = 0, bad = 0;
	ssize_t len;
	int code = 0;

	if (!f) {
		cli_error("%s: %s", path, strerror(errno));
		return CLI_FAILED;
	}
	while ((len = getline(&line, &cap, f)) != -1)
		bad += (size_t)apply_option_line(o, path, ++lineno, line, (size_t)len);
	if (ferror(f)) {
		cli_error("%s: %s", path, strerror(errno ? errno : EIO));
		code = CLI_FAILED;
	} else if (bad && strict) {
		cli_error("%zu options problem%s and --strict: stopping", bad,
			  bad == 1 ? "" : "s");
		code = CLI_FAILED;
	}
	free(line);
	fclose(f);
	return code;
}

/* Parses a --format value; NULL (not given) is JSONL. Returns 0, or -1
** for a format dyad does not write. */
static int parse_format(const char *name, code_format *out)
{
	if (!name || strcmp(name, "jsonl") == 0)
		*out = FMT_JSONL;
	else if (strcmp(name, "tsv") == 0)
		*out = FMT_TSV;
	else if (strcmp(name, "csv") == 0)
		*out = FMT_CSV;
	else
		return -1;
	return 0;
}

/* Reads the command line into cr and in, and applies --tabari-options.
** in->dicts must have room for argc + 1 paths. Returns CLI_RUN, or the
** exit code to return at once. */
static int configure(const cli_command *self, int argc, char **argv,
		     code_run *cr, cli_inputs *in)
{
	const char *format = NULL, *options = NULL;
	int all = 0, explain = 0, historical = 0, st;
	const cli_option opts[] = {
		{ "--format", NULL, &format },
		{ "--all", &all, NULL },
		{ "--explain", &explain, NULL },
		{ "--historical", &historical, NULL },
		{ "--tabari-options", NULL, &options },
		{ "--one-sentence", &in->one_sentence, NULL },
		{ "--no-default-dicts", &in->no_default_dicts, NULL },
		{ "--strict", &in->strict, NULL },
		{ "--gazetteer", NULL, &in->gazetteer },
		{ NULL, NULL, NULL }
	};

	if ((argc = cli_take_dicts(self, argc, argv, in->dicts)) < 0)
		return CLI_USAGE;
	if ((st = cli_parse(self, argc, argv, opts, in)) != CLI_RUN)
		return st;
	if (parse_format(format, &cr->format) != 0)
		return cli_usage_error(self, "unknown format '%s' (use jsonl, tsv or csv)",
				       format);
	dyad_code_opts_init(&cr->opts);
	if (options && (st = load_tabari_options(options, &cr->opts, in->strict)) != 0)
		return st;
	/* The command line has the last word over the options file. */
	if (all)
		cr->opts.keep_modal = 1;
	cr->historical = all || historical;
	cr->opts.explain = explain;
	in->actors = 1;
	in->events = 1;
	return CLI_RUN;
}

/* Codes every input; returns the exit code. */
static int code_all(code_run *cr, const cli_inputs *in)
{
	jsonw out;
	int code;

	jw_init(&out, stdout);
	tw_init(&cr->tab, stdout, cr->format == FMT_CSV ? TW_CSV : TW_TSV);
	cr->json = &out;
	code = cli_each_doc(in, &out, code_doc, cr);
	if (cr->no_patterns) {
		cli_error("this engine has no verb patterns");
		return CLI_USAGE;
	}
	/* A table with no rows still has its header, so readers see the
	** columns; not when nothing could be read. */
	if (code == CLI_OK && !cr->header_done) {
		print_header(cr);
		code = cli_finish(code, &out);
	}
	return code == CLI_OK && cr->failed ? CLI_FAILED : code;
}

static int run_code(const cli_command *self, int argc, char **argv)
{
	code_run cr;
	cli_inputs in;
	const char **dicts = calloc((size_t)argc + 1, sizeof *dicts);
	int code;

	memset(&cr, 0, sizeof cr);
	memset(&in, 0, sizeof in);
	if (!dicts) {
		cli_error("%s", dyad_strerror(DYAD_NOMEM));
		return CLI_FAILED;
	}
	in.dicts = dicts;
	code = configure(self, argc, argv, &cr, &in);
	if (code == CLI_RUN)
		code = code_all(&cr, &in);
	free(dicts);
	return code;
}

const cli_command cmd_code = {
	"code", run_code,
	"code political events: who did what to whom (JSONL, TSV or CSV)",
	"Usage: dyad code [--data DIR] [--dict PATH]... [--no-default-dicts]\n"
	"                 [--strict] [--format jsonl|tsv|csv] [--all] [--historical]\n"
	"                 [--explain]\n"
	"                 [--tabari-options FILE] [--one-sentence] INPUT...\n"
	"\n"
	"Codes the political events in news articles: who did what to whom, as\n"
	"CAMEO actor and event codes, with the spans of source, verb and target\n"
	"in the original text and the verb pattern that matched. One record per\n"
	"event, as JSON Lines (the default), TSV or CSV.\n"
	"\n"
	"Verb patterns come from DATA_DIR/verbs/ and --dict.\n"
	"\n"
	"Options:\n"
	"  --format FMT         jsonl (the default), tsv or csv\n"
	"  --all                keep negated and hypothetical events (\"did not\n"
	"                       meet\", \"may attack\"; see modality), and historical\n"
	"                       ones, all dropped by default\n"
	"  --historical         keep historical events (see below)\n"
	"  --explain            also print why each sentence gave what it gave\n"
	"  --tabari-options FILE\n"
	"                       apply a TABARI .options file; a line it cannot\n"
	"                       apply is reported as FILE:line\n"
	"  --one-sentence       code each article's text as one sentence, without\n"
	"                       splitting it (TABARI-style records)\n"
	"  --dict PATH          also load PATH (repeatable): actors, agents,\n"
	"                       discards or verb patterns, in dyad's, TABARI's or\n"
	"                       PETRARCH's format, or a directory of them\n"
	"  --no-default-dicts   load only the --dict dictionaries and patterns\n"
	"  --strict             make dictionary warnings and refused options lines\n"
	"                       fatal (exit 1)\n"
	"  --gazetteer PATH     gazetteer for places (.bin or .tsv)\n"
	"  --data DIR           read dyad's data files from DIR\n"
	"  -h, --help           show this help\n"
	"\n"
	"Event object, keys in this order:\n"
	"  id              16 hex digits, the same for the same event on every run\n"
	"  doc, sent       document id and sentence index, as 'dyad sentences'\n"
	"  date            YYYY-MM-DD, YYYY-MM or YYYY (a week: its Monday)\n"
	"  date_precision  day, week, month, year or none\n"
	"  date_how        the rule that dated it (docs/dates.md)\n"
	"  historical      dated over a year before the article (\"in 1948\")\n"
	"  source, target  CAMEO actor codes (\"IRNGOV\"); \"\" when none was found\n"
	"  cameo           CAMEO event code, a string (\"0231\")\n"
	"  root            its two-digit root (\"02\")\n"
	"  quad            QuadClass, 1 to 4; null when unknown\n"
	"  goldstein       Goldstein scale, -10 to 10; null when unknown\n"
	"  plover          PLOVER category (\"CONSULT\"); null when none\n"
	"  modality        the flags among \"negated\", \"hypothetical\",\n"
	"                  \"reported\" and \"question\"; [] for none\n"
	"  source_span, verb_span, target_span\n"
	"                  [start, end): byte offsets into the original text;\n"
	"                  null for an actor with no span (none, or a default)\n"
	"  source_label, target_label, source_how, target_how\n"
	"                  the actors' names and how they were found, as\n"
	"                  'dyad actors' gives them\n"
	"  pattern         file:line of the verb pattern that matched\n"
	"  pattern_text    that pattern as written\n"
	"  place, country, admin1, lat, lon, geo_precision, place_how, place_span\n"
	"                  where (docs/places.md)\n"
	"  confidence      0 to 1\n"
	"  text            the normalized sentence\n"
	"\n"
	"TSV and CSV: a header row, then one row per event, the same fields with\n"
	"each span as two columns (source_start, source_end, ...); null is an\n"
	"empty field, modality a comma-separated list. TSV escapes tab, newline,\n"
	"CR and backslash as \\t \\n \\r \\\\; CSV quotes as RFC 4180.\n"
	"\n"
	"--explain puts before the events of each sentence, in JSONL, an object\n"
	"{\"doc\", \"sent\", \"status\", \"explain\"} (status: coded, discarded,\n"
	"complex, short or skipped); in TSV and CSV, comment lines (grep -v '^#'\n"
	"removes them):\n"
	"  # DOC sentence N: STATUS\n"
	"  #   explanation\n"
	"and \"#   date ...\" before each event (in JSONL its key date_explain).\n"
	"\n"
	"Exit status: 0 all went well; 1 some input failed, a dictionary or the\n"
	"options file could not be read, or --strict and a warning; 2 usage\n"
	"error, or the engine has no verb patterns.\n"
};
