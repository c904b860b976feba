/*
** conformance.c — `make conformance`: TABARI's validation suite as a
** harness for dyad's event coder.
**
**     conformance [--data DIR] [--report PATH] [--list]
**                 [--min-match PCT] [--max-extra PCT] [SUITE_DIR]
**
** SUITE_DIR (default ../shared/compat/tabari) holds TABARI's Validate.*
** files; its README documents the record format this program reads. The
** project file names the actors, agents, verbs, options and text files.
** The engine loads only those dictionaries (no dyad defaults) and codes
** each record as one sentence, with the options file applied line by line
** through dyad_code_opts_tabari, as TABARI itself would.
**
** Records are cut from Validate.text as TABARI cuts them: a record starts
** at a line beginning with a digit and ends at the first empty line. The
** expectations are the {...} blocks from the first slash-star to the end
** of the record: two records of the suite (PATTERN-26, AGENTS-11) have
** blocks after a stray star-slash, and the suite's README counts them
** (521 checked triples). The text coded is what comes before the comment. Reading stops at FINAL-01,
** after which the suite holds crash and debugging records.
**
** A record whose comment holds OPTION: changes the options and is not
** checked. Under FORWARD: the harness reads each record's story and
** sentence numbers by the command's sequence format, and a record that is
** the next sentence of the story coded just before it is coded with
** forward = 2, so pronouns opening it carry the previous record's actor. Any other record is checked the way TABARI's checkEvents does:
** a coded problem (no events, discard, complex) passes when the matching
** marker block is there; coded events pass when they equal the blocks in
** order, field by field; a block written -{ turns checking off from there.
** On top of that pass/fail verdict, events are scored: an expected triple
** counts as matched when a longest common subsequence of expected and
** coded triples (in order, exact strings) pairs it with a coded event;
** coded events left unpaired are extra, except in records where -{
** stopped the check (the suite does not list their whole output).
** Mismatching records go to the report file with the coder's explanation.
**
** --list prints every record as read (header line, date, ID, text,
** expectations) and codes nothing, which shows the reader's work alone.
**
** A score, not a test: it exits 0 whatever it measures, 0 with "skipped"
** when the suite is absent, 1 when it could not run or a --min-match /
** --max-extra bound is missed, 2 on bad usage. It uses only dyad.h.
*/
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dyad.h"

#define DEFAULT_SUITE "../shared/compat/tabari"
#define DEFAULT_REPORT "build/conformance-report.txt"

/* Index of a marker block: what a record that codes no event expects. */
enum { MK_NONE = 0, MK_DISCARD = 1, MK_COMPLEX = 2, N_MARKERS = 3 };
static const char *const marker_name[N_MARKERS] = { "---", "###", "+++" };

/* A growable NUL-terminated string. */
typedef struct sbuf {
	char *p;          /* bytes, always NUL-terminated once used */
	size_t n, cap;    /* length (without the NUL) and allocation */
} sbuf;

/* One event: expected (views into the comment) or coded (views into
** the context's results). */
typedef struct triple {
	const char *src, *tgt, *evt; /* source, target and event codes */
} triple;

/* The files Validate.project names, as paths under the suite directory. */
typedef struct project {
	char *actors, *agents, *verbs, *options, *text; /* owned paths */
} project;

/* A cursor over the text file, line by line. */
typedef struct splitter {
	const char *p, *end; /* unread bytes */
	size_t line;         /* number of the line last read */
} splitter;

/* One record of Validate.text. Strings live in head and body. */
typedef struct record {
	size_t line;      /* header line in the text file */
	char date[16];    /* ISO "YYYY-MM-DD", "" when the header has none */
	const char *id;   /* the rest of the header line, trimmed */
	const char *text; /* lines before the comment, joined by blanks */
	char *comment;    /* from the first slash-star to the end; may be "" */
	sbuf head, body;  /* storage, reused from record to record */
} record;

/* The expectations of one record, parsed from its comment in place. */
typedef struct expect {
	triple *ev;            /* checked triples, in order */
	size_t n, cap;         /* used and allocated */
	const char **opt;      /* OPTION: commands, in order */
	size_t n_opt, cap_opt; /* used and allocated */
	size_t unchecked;      /* triples written at or after a -{ */
	size_t checked_before; /* blocks before the first -{ (when any) */
	int skip;              /* a -{ turned checking off */
	int skip_all;          /* ... at the first block: anything passes */
	int marker[N_MARKERS]; /* checked marker blocks of each kind */
	size_t blocks;         /* blocks of any kind */
} expect;

/* What the coder made of one record. */
typedef struct coded {
	triple *ev;            /* coded events, in order */
	size_t m, cap;         /* used and allocated */
	unsigned char *hit;    /* hit[j]: event j paired with an expectation */
	size_t cap_hit;        /* allocated */
	int outcome;           /* MK_* for a problem, -1 when events came out */
	dyad_sent_status status; /* of the record's one sentence */
	const char *explain;   /* the coder's explanation, "" when none */
	char err[DYAD_ERRMSG_MAX]; /* why processing or coding failed, or "" */
} coded;

/* Running totals. */
typedef struct stats {
	size_t records;        /* records before FINAL-01 */
	size_t option_records; /* records that carry OPTION: commands */
	size_t no_expect;      /* records without any {...} block */
	size_t checked, passed; /* records coded and compared; verdict pass */
	size_t expected, matched, extra; /* checked triples; paired; unpaired coded */
	size_t unchecked;      /* triples after -{ */
	size_t unscored;       /* unpaired coded events in -{ records */
	size_t marker_total[N_MARKERS], marker_ok[N_MARKERS]; /* records; honoured */
	size_t coder_errors;   /* records dyad_ctx_process or _events refused */
	char first_error[DYAD_ERRMSG_MAX + 64]; /* the first refusal, for the summary */
	size_t reported;       /* records written to the report */
	int final_seen;        /* FINAL-01 was reached */
} stats;

/* Everything one run needs. */
typedef struct suite {
	const char *dir;       /* suite directory */
	project pj;            /* the files it names */
	dyad_engine *eng;      /* NULL with --list */
	dyad_ctx *ctx;         /* NULL with --list */
	dyad_code_opts opts;   /* the options file, then OPTION records */
	int yyyy;              /* SET: YYYY = TRUE in force: 8-digit dates */
	char fwd_fmt[32];      /* FORWARD: sequence format, "" none */
	char story[32];        /* story number of the last record coded */
	long sentno;           /* ... and its sentence number, -1 none */
	int list;              /* --list: print the parsed records only */
	FILE *report;          /* NULL when it could not be opened */
	expect e;              /* the current record's expectations */
	coded c;               /* ... and what the coder made of it */
	stats st;              /* totals so far */
} suite;

/* Out of memory ends the program: a tool, unlike the library, may. */
static void die_nomem(void)
{
	fputs("conformance: out of memory\n", stderr);
	exit(1);
}

/* Room for need items of size bytes in *p, doubling. */
static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t nc = *cap ? *cap : 16;

	if (need <= *cap)
		return p;
	while (nc < need)
		nc *= 2;
	p = realloc(p, nc * size);
	if (!p)
		die_nomem();
	*cap = nc;
	return p;
}

static void sb_add(sbuf *b, const char *s, size_t n)
{
	b->p = grow(b->p, &b->cap, b->n + n + 1, 1);
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void sb_reset(sbuf *b)
{
	b->n = 0;
	sb_add(b, "", 0);
}

/* Blanks off both ends, in place. */
static char *trim(char *s)
{
	size_t n;

	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* Whole file as a NUL-terminated string, or NULL with errno set. */
static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	sbuf b = { 0 };
	char chunk[65536];
	size_t got;
	int bad;

	if (!f)
		return NULL;
	sb_reset(&b);
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		sb_add(&b, chunk, got);
	bad = ferror(f);
	fclose(f);
	if (bad) {
		free(b.p);
		errno = EIO;
		return NULL;
	}
	*len = b.n;
	return b.p;
}

static char *path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);

	if (!p)
		die_nomem();
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/* Upper-cased copy of s without blanks, into out (cap bytes): lets
** "SET: YYYY = TRUE" and "{ --- }" be recognized however spaced. */
static void squeeze(const char *s, char *out, size_t cap)
{
	size_t k = 0;

	for (; *s && k + 1 < cap; s++)
		if (!isspace((unsigned char)*s))
			out[k++] = (char)toupper((unsigned char)*s);
	out[k] = '\0';
}

/* ------------------------------------------------------------------ */
/* Project file                                                        */
/* ------------------------------------------------------------------ */

/* Stores the file named on a "<tag> name" line of the project, if the tag
** is one of the five inputs; the other tags name outputs or the coder. */
static void project_line(suite *s, char *line)
{
	static const char *const tags[] = { "<actorsfile>", "<agentsfile>",
		"<verbsfile>", "<optionsfile>", "<textfile>" };
	char **slot[] = { &s->pj.actors, &s->pj.agents, &s->pj.verbs,
		&s->pj.options, &s->pj.text };
	size_t i;

	for (i = 0; i < sizeof tags / sizeof *tags; i++) {
		size_t n = strlen(tags[i]);
		char *name;

		if (strncmp(line, tags[i], n) != 0)
			continue;
		name = trim(line + n);
		if (*name && !*slot[i])
			*slot[i] = path_join(s->dir, name);
	}
}

/* Reads Validate.project; 0 when every input file is named. */
static int project_read(suite *s)
{
	char *path = path_join(s->dir, "Validate.project");
	size_t len;
	char *buf = read_all(path, &len), *line, *save = NULL;
	int ok;

	if (!buf) {
		fprintf(stderr, "conformance: %s: %s\n", path, strerror(errno));
		free(path);
		return -1;
	}
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		project_line(s, trim(line));
	ok = s->pj.actors && s->pj.agents && s->pj.verbs && s->pj.options && s->pj.text;
	if (!ok)
		fprintf(stderr, "conformance: %s does not name the actors, agents, "
			"verbs, options and text files\n", path);
	free(buf);
	free(path);
	return ok ? 0 : -1;
}

static void project_free(project *pj)
{
	free(pj->actors);
	free(pj->agents);
	free(pj->verbs);
	free(pj->options);
	free(pj->text);
}

/* ------------------------------------------------------------------ */
/* Options                                                             */
/* ------------------------------------------------------------------ */

/* Keeps the sequence format of a FORWARD: command ("^^*****NNN*SSS"):
** the library only learns that forwarding is on, the harness decides
** which records continue a story. */
static void forward_format(suite *s, const char *cmd)
{
	const char *p = strchr(cmd, ':') + 1;
	size_t n;

	while (isspace((unsigned char)*p))
		p++;
	for (n = 0; p[n] && !isspace((unsigned char)p[n]); n++)
		;
	snprintf(s->fwd_fmt, sizeof s->fwd_fmt, "%.*s", (int)n, p);
	s->sentno = -1;
}

/* Applies one options command: YYYY mode is the harness's own business
** (it decides how headers are read); everything goes to the library. */
static void apply_option(suite *s, const char *cmd, const char *where, size_t line)
{
	char sq[64], msg[DYAD_ERRMSG_MAX] = "";

	squeeze(cmd, sq, sizeof sq);
	if (strncmp(sq, "FORWARD:", 8) == 0)
		forward_format(s, cmd);
	if (strcmp(sq, "SET:YYYY=TRUE") == 0)
		s->yyyy = 1;
	else if (strcmp(sq, "SET:YYYY=FALSE") == 0)
		s->yyyy = 0;
	if (s->list)
		return;
	if (dyad_code_opts_tabari(&s->opts, cmd, msg) != DYAD_OK)
		fprintf(stderr, "conformance: %s:%zu: option refused: %s%s%s\n",
			where, line, cmd, *msg ? ": " : "", msg);
}

/* Applies the options file line by line, skipping comments and blanks. */
static int options_read(suite *s)
{
	size_t len, no = 0;
	char *buf = read_all(s->pj.options, &len), *p, *nl;

	if (!buf) {
		fprintf(stderr, "conformance: %s: %s\n", s->pj.options, strerror(errno));
		return -1;
	}
	for (p = buf; *p; p = nl ? nl + 1 : p + strlen(p)) {
		char *line;

		nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		no++;
		line = trim(p);
		if (!*line || *line == '#' || strncmp(line, "//", 2) == 0)
			continue;
		apply_option(s, line, s->pj.options, no);
	}
	free(buf);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Records                                                             */
/* ------------------------------------------------------------------ */

/* The next line as [*s, *s + *n) without its line end; 0 at the end. */
static int next_line(splitter *sp, const char **s, size_t *n)
{
	const char *nl;

	if (sp->p >= sp->end)
		return 0;
	nl = memchr(sp->p, '\n', (size_t)(sp->end - sp->p));
	*s = sp->p;
	*n = (size_t)((nl ? nl : sp->end) - sp->p);
	if (*n && (*s)[*n - 1] == '\r')
		(*n)--;
	sp->p = nl ? nl + 1 : sp->end;
	sp->line++;
	return 1;
}

/* Value of the n decimal digits at s. */
static int digits(const char *s, int n)
{
	int v = 0;

	while (n--)
		v = v * 10 + (*s++ - '0');
	return v;
}

/* Reads the date at the start of a header into iso: YYMMDD (00-30 is
** 20xx, else 19xx), or YYYYMMDD while SET: YYYY = TRUE is in force.
** Returns how many header bytes the date took: like TABARI, a longer
** digit run leaves its tail to the ID ("9501201  ACTORSYN-01" is dated
** 950120 with the ID "1  ACTORSYN-01"). iso is "" for an impossible date. */
static size_t header_date(const char *h, int yyyy, char iso[16])
{
	const int need = yyyy ? 8 : 6;
	int k = 0, y, mo, d;

	iso[0] = '\0';
	while (k < need && isdigit((unsigned char)h[k]))
		k++;
	if (k < need)
		return (size_t)k;
	y = yyyy ? digits(h, 4) : digits(h, 2);
	if (!yyyy)
		y += y <= 30 ? 2000 : 1900;
	mo = digits(h + need - 4, 2);
	d = digits(h + need - 2, 2);
	if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31)
		snprintf(iso, 16, "%04d-%02d-%02d", y % 10000, mo, d);
	return (size_t)need;
}

/* Appends one text line to the body, trimmed, after a single blank. */
static void body_add(sbuf *b, const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (!n)
		return;
	if (b->n)
		sb_add(b, " ", 1);
	sb_add(b, s, n);
}

/* Cuts the next record, as TABARI does: lines that do not start with a
** digit are skipped until a header; the record's lines run to the first
** empty (or all-blank) line. 0 at the end of the file. */
static int split_next(splitter *sp, int yyyy, record *r)
{
	const char *s;
	size_t n, i;
	char *c;

	do {
		if (!next_line(sp, &s, &n))
			return 0;
	} while (!n || !isdigit((unsigned char)s[0]));
	r->line = sp->line;
	sb_reset(&r->head);
	sb_add(&r->head, s, n);
	r->id = trim(r->head.p + header_date(r->head.p, yyyy, r->date));
	sb_reset(&r->body);
	while (next_line(sp, &s, &n)) {
		for (i = 0; i < n && isspace((unsigned char)s[i]); i++)
			;
		if (i == n)
			break;
		body_add(&r->body, s, n);
	}
	c = strstr(r->body.p, "/*");
	r->comment = c ? c + 2 : r->body.p + r->body.n;
	if (c)
		*c = '\0';
	r->text = trim(r->body.p);
	return 1;
}

/* FINAL-01 ends the standard records. */
static int is_final(const char *id)
{
	return strncmp(id, "FINAL-01", 8) == 0 && (!id[8] || isspace((unsigned char)id[8]));
}

/* ------------------------------------------------------------------ */
/* Expectations                                                        */
/* ------------------------------------------------------------------ */

/* MK_* for a marker block ("---", "{ ### }"), else -1. */
static int marker_of(const char *body)
{
	char sq[8];
	int k;

	squeeze(body, sq, sizeof sq);
	for (k = 0; k < N_MARKERS; k++)
		if (strcmp(sq, marker_name[k]) == 0)
			return k;
	return -1;
}

/* Splits "SRC / TGT / EVT" in place; 0 unless exactly three non-empty
** fields. */
static int split_triple(char *body, triple *t)
{
	char *f[3], *slash;
	int k;

	for (k = 0; k < 3; k++) {
		f[k] = body;
		slash = strchr(body, '/');
		if (k < 2 && !slash)
			return 0;
		if (k == 2 && slash)
			return 0;
		if (slash) {
			*slash = '\0';
			body = slash + 1;
		}
		f[k] = trim(f[k]);
		if (!*f[k])
			return 0;
	}
	t->src = f[0];
	t->tgt = f[1];
	t->evt = f[2];
	return 1;
}

/* Files one block's body: an OPTION: command, a marker, or a triple.
** Anything else (the "{}" of the suite's first record) is prose. */
static void add_block(expect *e, char *body, int off)
{
	char *opt = strstr(body, "OPTION:");
	triple t;
	int k;

	if (opt) {
		e->opt = grow(e->opt, &e->cap_opt, e->n_opt + 1, sizeof *e->opt);
		e->opt[e->n_opt++] = trim(opt + 7);
		return;
	}
	k = marker_of(body);
	if (k >= 0) {
		e->marker[k] += !off;
		return;
	}
	if (!split_triple(body, &t))
		return;
	if (off) {
		e->unchecked++;
		return;
	}
	e->ev = grow(e->ev, &e->cap, e->n + 1, sizeof *e->ev);
	e->ev[e->n++] = t;
}

/* Parses the blocks of a comment, in place. A block ends at its "}", or
** at a star-slash or the end when unterminated (the suite has
** "{ OPTION: SET: MINIMUM WORDS = 4  * /"). Text after a block, such as
** a trailing date or "(PRAISE) WELCOMED", is ignored. */
static void expect_parse(char *comment, expect *e)
{
	char *p = comment;
	int off = 0;

	e->n = e->n_opt = e->unchecked = e->checked_before = e->blocks = 0;
	e->skip = e->skip_all = 0;
	memset(e->marker, 0, sizeof e->marker);
	while ((p = strchr(p, '{')) != NULL) {
		char *body = p + 1, *end = body, *next;

		while (*end && *end != '}' && !(end[0] == '*' && end[1] == '/'))
			end++;
		next = *end == '}' ? end + 1 : *end ? end + 2 : end;
		if (p > comment && p[-1] == '-' && !off) {
			off = e->skip = 1;
			e->skip_all = e->blocks == 0;
			e->checked_before = e->blocks;
		}
		*end = '\0';
		add_block(e, body, off);
		e->blocks++;
		p = next;
	}
}

/* Writes the expectations on one line: "ARN/GON/064 {---} -{ ... }". */
static void expect_print(FILE *f, const expect *e)
{
	const char *sep = "";
	size_t i;
	int k;

	for (i = 0; i < e->n; i++, sep = " ")
		fprintf(f, "%s%s/%s/%s", sep, e->ev[i].src, e->ev[i].tgt, e->ev[i].evt);
	for (k = 0; k < N_MARKERS; k++)
		if (e->marker[k]) {
			fprintf(f, "%s{%s}", sep, marker_name[k]);
			sep = " ";
		}
	if (e->skip) {
		fprintf(f, "%s-{ off from block %zu: %zu triple%s not checked }", sep,
			e->checked_before + 1, e->unchecked, e->unchecked == 1 ? "" : "s");
		sep = " ";
	}
	for (i = 0; i < e->n_opt; i++, sep = " ")
		fprintf(f, "%sOPTION: %s;", sep, e->opt[i]);
	if (!e->blocks)
		fputs("(no verification record)", f);
	else if (!*sep)
		fputs("(no checked block)", f);
	fputc('\n', f);
}

/* ------------------------------------------------------------------ */
/* Coding and scoring                                                  */
/* ------------------------------------------------------------------ */

/* What a sentence outcome means in the suite's terms: a marker for a
** problem (discard, complex, no event), -1 when events came out. */
static int outcome_of(dyad_sent_status st, size_t m)
{
	if (st == DYAD_SENT_DISCARDED)
		return MK_DISCARD;
	if (st == DYAD_SENT_COMPLEX)
		return MK_COMPLEX;
	return m ? -1 : MK_NONE;
}

/* Keeps the first coder failure for the summary. */
static void note_error(suite *s, const record *r, const char *what)
{
	coded *c = &s->c;

	s->st.coder_errors++;
	snprintf(c->err, sizeof c->err, "%s", what);
	if (!s->st.first_error[0])
		snprintf(s->st.first_error, sizeof s->st.first_error, "%s (%s)", what, r->id);
}

/* The record as one dyad document: its ID, ISO date and text. */
static void input_of(const suite *s, const record *r, dyad_input *in)
{
	memset(in, 0, sizeof *in);
	in->id = r->id;
	in->date = r->date[0] ? r->date : NULL;
	in->text = r->text;
	in->text_len = strlen(r->text);
	in->origin = s->pj.text;
	in->origin_line = r->line;
}

/* A code as a string to compare: the API gives "", but never trust a
** NULL into strcmp. */
static const char *str_or_empty(const char *p)
{
	return p ? p : "";
}

/* Reads the story (N) and sentence (S) numbers from a record ID by the
** FORWARD format (§8.4): '^' stands for the blanks before the ID, which
** the ID has lost; '*' for any character. A non-numeric sentence number
** is 0. */
static void sequence_of(const char *fmt, const char *id, char story[32], long *sent)
{
	size_t k = 0, i;

	*sent = 0;
	while (*fmt == '^')
		fmt++;
	for (i = 0; fmt[i] && id[i]; i++) {
		if (fmt[i] == 'N' && k + 1 < 32)
			story[k++] = id[i];
		else if (fmt[i] == 'S')
			*sent = isdigit((unsigned char)id[i]) && *sent >= 0 ? *sent * 10 + (id[i] - '0')
								    : -1;
	}
	story[k] = '\0';
	if (*sent < 0)
		*sent = 0;
}

/* FORWARD in force: 2 when the record is the next sentence of the story
** coded just before it, so the library carries actors into it; else 1. */
static int forward_mode(suite *s, const record *r)
{
	char story[32];
	long sent;
	int cont;

	if (!s->opts.forward || !s->fwd_fmt[0])
		return s->opts.forward;
	sequence_of(s->fwd_fmt, r->id, story, &sent);
	cont = s->sentno >= 0 && strcmp(story, s->story) == 0 && sent == s->sentno + 1;
	memcpy(s->story, story, sizeof story);
	s->sentno = sent;
	return cont ? 2 : 1;
}

/* Codes one record as one document and collects its events. A failure
** of the library counts as "no events" and is noted. */
static void code_record(suite *s, const record *r)
{
	coded *c = &s->c;
	dyad_input in;
	const dyad_doc *doc;
	dyad_code_opts o = s->opts;
	dyad_status st;
	size_t n = 0, i;
	char what[DYAD_ERRMSG_MAX];

	c->m = 0;
	c->err[0] = '\0';
	c->explain = "";
	c->status = DYAD_SENT_SKIPPED;
	input_of(s, r, &in);
	o.forward = forward_mode(s, r);
	st = dyad_ctx_process(s->ctx, &in, &doc);
	if (st == DYAD_OK) {
		o.explain = 1; /* for the report; it must not change the coding */
		st = dyad_doc_events(doc, &o, &n);
		for (i = 0; st == DYAD_OK && i < n; i++) {
			dyad_event ev;

			if (dyad_doc_event(doc, i, &ev) != DYAD_OK)
				continue;
			c->ev = grow(c->ev, &c->cap, c->m + 1, sizeof *c->ev);
			c->ev[c->m++] = (triple){ str_or_empty(ev.source),
				str_or_empty(ev.target), str_or_empty(ev.cameo) };
		}
		c->status = dyad_doc_sent_status(doc, 0, &c->explain);
	}
	if (st != DYAD_OK) {
		snprintf(what, sizeof what, "%s%s%s", dyad_strerror(st),
			 *dyad_errmsg(s->ctx) ? ": " : "", dyad_errmsg(s->ctx));
		note_error(s, r, what);
	}
	c->outcome = outcome_of(c->status, c->m);
}

static int triple_eq(const triple *a, const triple *b)
{
	return strcmp(a->src, b->src) == 0 && strcmp(a->tgt, b->tgt) == 0 &&
	       strcmp(a->evt, b->evt) == 0;
}

/* Pairs expected and coded triples by a longest common subsequence: the
** most expectations that the coded list meets in order, so one stray
** event does not shift every later comparison, as a greedy walk would.
** Sets hit[j] for each paired coded event; returns how many were paired. */
static size_t lcs_match(const triple *a, size_t n, const triple *b, size_t m,
			unsigned char *hit)
{
	size_t *t = calloc((n + 1) * (m + 1), sizeof *t), i, j, w = m + 1, got;

	if (!t)
		die_nomem();
	/* t[i*w+j]: longest common subsequence of a[i..] and b[j..] */
	for (i = n; i-- > 0;)
		for (j = m; j-- > 0;)
			t[i * w + j] = triple_eq(&a[i], &b[j]) ? t[(i + 1) * w + j + 1] + 1
				: t[(i + 1) * w + j] > t[i * w + j + 1] ? t[(i + 1) * w + j]
				: t[i * w + j + 1];
	memset(hit, 0, m);
	for (i = j = 0; i < n && j < m;) {
		if (triple_eq(&a[i], &b[j]))
			hit[j] = 1, i++, j++;
		else if (t[(i + 1) * w + j] >= t[i * w + j + 1])
			i++;
		else
			j++;
	}
	got = t[0];
	free(t);
	return got;
}

/* TABARI's verdict on a record: a coded problem passes on the matching
** marker; coded events must equal the checked blocks in order, and
** their number must too unless a -{ stopped the check. */
static int record_passes(const expect *e, const coded *c)
{
	size_t i;

	if (e->skip_all)
		return 1;
	if (c->outcome >= 0)
		return e->marker[c->outcome] > 0;
	if (!e->n || c->m < e->n || (!e->skip && c->m != e->n))
		return 0;
	for (i = 0; i < e->n; i++)
		if (!triple_eq(&e->ev[i], &c->ev[i]))
			return 0;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Report                                                              */
/* ------------------------------------------------------------------ */

/* Writes text with every line indented, for multi-line explanations. */
static void put_indented(FILE *f, const char *text)
{
	fputs("  ", f);
	for (; *text; text++) {
		fputc(*text, f);
		if (*text == '\n' && text[1])
			fputs("  ", f);
	}
	if (text[-1] != '\n')
		fputc('\n', f);
}

/* One mismatching record in the report: what was expected, what was
** coded (unpaired events starred), and the coder's own account. */
static void report_record(suite *s, const record *r)
{
	const coded *c = &s->c;
	FILE *f = s->report;
	size_t j;

	s->st.reported++;
	if (!f)
		return;
	fprintf(f, "== %s  (%s:%zu, %s)\ntext:     %s\nexpected: ", r->id,
		s->pj.text, r->line, r->date[0] ? r->date : "no date", r->text);
	expect_print(f, &s->e);
	fputs("coded:    ", f);
	for (j = 0; j < c->m; j++)
		fprintf(f, "%s%s%s/%s/%s", j ? " " : "", c->hit[j] ? "" : "*",
			c->ev[j].src, c->ev[j].tgt, c->ev[j].evt);
	if (c->outcome >= 0)
		fprintf(f, "{%s}", marker_name[c->outcome]);
	fprintf(f, "  (sentence %s)\n", dyad_sent_status_name(c->status));
	if (c->err[0])
		fprintf(f, "error:    %s\n", c->err);
	if (c->explain && *c->explain) {
		fputs("explain:\n", f);
		put_indented(f, c->explain);
	}
	fputc('\n', f);
}

/* Codes and scores one record that has expectations. */
static void check_record(suite *s, const record *r)
{
	const expect *e = &s->e;
	coded *c = &s->c;
	size_t paired;
	int k;

	code_record(s, r);
	c->hit = grow(c->hit, &c->cap_hit, c->m + 1, 1);
	paired = lcs_match(e->ev, e->n, c->ev, c->m, c->hit);
	s->st.expected += e->n;
	s->st.matched += paired;
	s->st.unchecked += e->unchecked;
	/* After a -{ the suite does not list the record's full output
	** (COMPOUND-08 "generates about 32 events"), so unpaired events
	** there are not scored as extra. */
	if (e->skip)
		s->st.unscored += c->m - paired;
	else
		s->st.extra += c->m - paired;
	for (k = 0; k < N_MARKERS; k++) {
		s->st.marker_total[k] += e->marker[k] > 0;
		s->st.marker_ok[k] += e->marker[k] > 0 && c->outcome == k;
	}
	s->st.checked++;
	if (record_passes(e, c))
		s->st.passed++;
	else
		report_record(s, r);
}

/* ------------------------------------------------------------------ */
/* The run                                                             */
/* ------------------------------------------------------------------ */

/* One record: an OPTION record changes the options, --list prints, any
** other record with blocks is coded and scored. */
static void do_record(suite *s, record *r)
{
	const int has_option = strstr(r->comment, "OPTION:") != NULL;
	size_t i;

	expect_parse(r->comment, &s->e);
	s->st.records++;
	if (s->list) {
		printf("%zu %s %s\n  text: %s\n  expect: ", r->line,
		       r->date[0] ? r->date : "-", r->id, r->text);
		expect_print(stdout, &s->e);
	}
	if (has_option) {
		s->st.option_records++;
		for (i = 0; i < s->e.n_opt; i++)
			apply_option(s, s->e.opt[i], s->pj.text, r->line);
		return;
	}
	if (!s->e.blocks) {
		s->st.no_expect++;
		return;
	}
	if (!s->list)
		check_record(s, r);
}

/* Reads the text file record by record up to FINAL-01. */
static int run_records(suite *s)
{
	size_t len;
	char *buf = read_all(s->pj.text, &len);
	splitter sp;
	record r;

	if (!buf) {
		fprintf(stderr, "conformance: %s: %s\n", s->pj.text, strerror(errno));
		return -1;
	}
	memset(&r, 0, sizeof r);
	sp.p = buf;
	sp.end = buf + len;
	sp.line = 0;
	while (split_next(&sp, s->yyyy, &r)) {
		if (is_final(r.id)) {
			s->st.final_seen = 1;
			break;
		}
		do_record(s, &r);
	}
	free(r.head.p);
	free(r.body.p);
	free(buf);
	return 0;
}

/* Loads the project's dictionaries, and only those, into an engine that
** codes each record as one sentence. */
static int engine_load(suite *s, const char *data_dir)
{
	const char *dicts[] = { s->pj.actors, s->pj.agents, s->pj.verbs, NULL };
	dyad_config cfg;
	size_t nd;

	memset(&cfg, 0, sizeof cfg);
	cfg.data_dir = data_dir;
	cfg.events = 1;
	cfg.no_default_dicts = 1;
	cfg.dicts = dicts;
	cfg.one_sentence = 1;
	if (dyad_engine_new(&cfg, &s->eng) != DYAD_OK) {
		fprintf(stderr, "conformance: cannot load the engine: %s\n",
			s->eng ? dyad_engine_errmsg(s->eng) : "out of memory");
		return -1;
	}
	nd = dyad_engine_diag_count(s->eng);
	if (nd)
		fprintf(stderr, "conformance: note: %zu dictionary diagnostic%s, the first: %s\n",
			nd, nd == 1 ? "" : "s", dyad_engine_diag(s->eng, 0));
	if (dyad_ctx_new(s->eng, &s->ctx) != DYAD_OK) {
		fputs("conformance: cannot make a context: out of memory\n", stderr);
		return -1;
	}
	return 0;
}

static double pct(size_t a, size_t b)
{
	return b ? 100.0 * (double)a / (double)b : 0.0;
}

/* The score lines on stdout. */
static void summary(const suite *s, const char *report_path)
{
	const stats *t = &s->st;

	printf("suite: %s: %zu records %s, %zu with OPTION:\n", s->dir, t->records,
	       t->final_seen ? "before FINAL-01" : "(no FINAL-01)", t->option_records);
	if (t->coder_errors)
		fprintf(stderr, "conformance: note: the library refused %zu record%s, "
			"counted as coding no event; the first: %s\n", t->coder_errors,
			t->coder_errors == 1 ? "" : "s", t->first_error);
	printf("expected events: %zu\n", t->expected);
	printf("matched: %zu (%.1f%%)\n", t->matched, pct(t->matched, t->expected));
	printf("extra events: %zu (%.1f%% of expected)\n", t->extra, pct(t->extra, t->expected));
	printf("records: %zu passed of %zu\n", t->passed, t->checked);
	printf("markers honoured: {---} %zu of %zu, {###} %zu of %zu, {+++} %zu of %zu\n",
	       t->marker_ok[0], t->marker_total[0], t->marker_ok[1], t->marker_total[1],
	       t->marker_ok[2], t->marker_total[2]);
	printf("not checked: %zu triples after -{, %zu unpaired events in -{ records, "
	       "%zu records without blocks\n", t->unchecked, t->unscored, t->no_expect);
	if (s->report)
		printf("report: %s (%zu mismatching records)\n", report_path, t->reported);
}

/* Command-line settings. */
typedef struct args {
	const char *dir, *data, *report;
	double min_match, max_extra; /* negative: off */
	int list;
} args;

static void usage(FILE *f)
{
	fputs("usage: conformance [--data DIR] [--report PATH] [--list]\n"
	      "                   [--min-match PCT] [--max-extra PCT] [SUITE_DIR]\n"
	      "TABARI's validation suite (default " DEFAULT_SUITE ") coded by dyad;\n"
	      "mismatching records go to the report (default " DEFAULT_REPORT ").\n", f);
}

/* A percentage argument in [0, 100]; -1 when it is not one. */
static double pct_arg(const char *v)
{
	char *end;
	double d = strtod(v, &end);

	return (end != v && !*end && d >= 0 && d <= 100) ? d : -1;
}

/* Parses the command line: 0 to run, else the exit status (2 for bad
** usage, -1 for --help). */
static int parse_args(int argc, char **argv, args *a)
{
	int i, dirs = 0;

	a->dir = DEFAULT_SUITE;
	a->data = NULL;
	a->report = DEFAULT_REPORT;
	a->min_match = a->max_extra = -1;
	a->list = 0;
	for (i = 1; i < argc; i++) {
		const char *o = argv[i];
		const char **str = strcmp(o, "--data") == 0 ? &a->data
			: strcmp(o, "--report") == 0 ? &a->report : NULL;
		double *bound = strcmp(o, "--min-match") == 0 ? &a->min_match
			: strcmp(o, "--max-extra") == 0 ? &a->max_extra : NULL;

		if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0)
			return -1;
		if (strcmp(o, "--list") == 0) {
			a->list = 1;
		} else if (o[0] != '-' || !o[1]) {
			if (dirs++)
				return 2;
			a->dir = o;
		} else if ((!str && !bound) || i + 1 >= argc) {
			return 2;
		} else if (str) {
			*str = argv[++i];
		} else if ((*bound = pct_arg(argv[++i])) < 0) {
			return 2;
		}
	}
	return 0;
}

/* Sets everything up, runs the records and prints the score; the exit
** status of the program. */
static int run(suite *s, const args *a)
{
	if (project_read(s) != 0)
		return 1;
	dyad_code_opts_init(&s->opts);
	/* TABARI codes what a sentence says whatever its modality ("will
	** meet" is a meeting): dyad's modality filter would hide expected events. */
	s->opts.keep_modal = 1;
	/* TABARI codes no sentence of fewer than 8 words unless SET: MINIMUM
	** WORDS says otherwise (manual §4.3, text files); dyad's own default
	** codes any length. */
	s->opts.min_words = 8;
	if (!s->list && engine_load(s, a->data) != 0)
		return 1;
	if (options_read(s) != 0)
		return 1;
	if (!s->list) {
		s->report = fopen(a->report, "w");
		if (!s->report)
			fprintf(stderr, "conformance: note: %s: %s; no report written\n",
				a->report, strerror(errno));
	}
	if (run_records(s) != 0)
		return 1;
	if (s->list)
		return 0;
	summary(s, a->report);
	if (a->min_match >= 0 && pct(s->st.matched, s->st.expected) < a->min_match)
		return 1;
	if (a->max_extra >= 0 && pct(s->st.extra, s->st.expected) > a->max_extra)
		return 1;
	return 0;
}

int main(int argc, char **argv)
{
	args a;
	suite s;
	struct stat sb;
	int rc = parse_args(argc, argv, &a);

	if (rc) {
		usage(rc < 0 ? stdout : stderr);
		return rc < 0 ? 0 : rc;
	}
	if (stat(a.dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		printf("skipped: %s not found\n", a.dir);
		return 0;
	}
	memset(&s, 0, sizeof s);
	s.dir = a.dir;
	s.list = a.list;
	rc = run(&s, &a);
	if (s.report && fclose(s.report) != 0) {
		fprintf(stderr, "conformance: %s: %s\n", a.report, strerror(errno));
		rc = rc ? rc : 1;
	}
	dyad_ctx_free(s.ctx);
	dyad_engine_free(s.eng);
	project_free(&s.pj);
	free(s.e.ev);
	free(s.e.opt);
	free(s.c.ev);
	free(s.c.hit);
	return rc;
}
