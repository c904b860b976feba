/*
** cmd_actors.c — `dyad actors`: articles in, actor mentions out, as JSON
** Lines.
**
** One object per mention: where it is (sentence and original byte span),
** the CAMEO code it gets on the article's date, how it got it (a
** dictionary name, an alias learned in the article, a role, or a role
** resolved to a person) and which dictionary line said so. --unknown
** lists instead the names no dictionary knows that came with a known
** role, with counts: the material for growing the dictionaries.
*/
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct cand {
	char *name;
	char *code;
	size_t count;
} cand;

typedef struct act_opts {
	int explain;   /* --explain: add the reasoning */
	int unknown;   /* --unknown: candidates with counts, at the end */
	jsonw *out;
	cand *cands;   /* --unknown tally */
	size_t ncands, cap;
} act_opts;

static void print_mention(jsonw *w, const dyad_doc_info *info, const dyad_mention *m,
			  int explain)
{
	jw_object(w, NULL);
	jw_cstr(w, "doc", info->id);
	jw_uint(w, "sent", m->sent);
	jw_uint(w, "start", m->start);
	jw_uint(w, "end", m->end);
	jw_str(w, "text", m->text, m->text_len);
	jw_cstr(w, "code", m->code);
	jw_cstr(w, "how", dyad_how_name(m->how));
	jw_cstr(w, "actor", m->label);
	jw_cstr(w, "entry", m->entry);
	if (*m->agent)
		jw_cstr(w, "role_entry", m->agent);
	if (*m->post)
		jw_cstr(w, "post", m->post);
	jw_fixed2(w, "confidence", m->confidence);
	if (m->candidate)
		jw_bool(w, "candidate", 1);
	if (explain)
		jw_cstr(w, "explain", m->explain);
	jw_close(w);
	jw_endline(w);
}

static int tally(act_opts *ao, const dyad_mention *m)
{
	size_t i;

	for (i = 0; i < ao->ncands; i++)
		if (strcmp(ao->cands[i].name, m->label) == 0 && strcmp(ao->cands[i].code, m->code) == 0) {
			ao->cands[i].count++;
			return 0;
		}
	if (ao->ncands == ao->cap) {
		cand *p = realloc(ao->cands, (ao->cap = ao->cap ? ao->cap * 2 : 64) * sizeof *p);
		if (!p)
			return -1;
		ao->cands = p;
	}
	ao->cands[ao->ncands].name = strdup(m->label);
	ao->cands[ao->ncands].code = strdup(m->code);
	ao->cands[ao->ncands].count = 1;
	if (!ao->cands[ao->ncands].name || !ao->cands[ao->ncands].code)
		return -1;
	ao->ncands++;
	return 0;
}

static int on_doc(const dyad_doc *doc, const dyad_input *in, void *arg)
{
	act_opts *ao = arg;
	dyad_doc_info info;
	size_t n = 0, i;
	dyad_status st;

	(void)in;
	dyad_doc_get_info(doc, &info);
	if ((st = dyad_doc_actors(doc, &n)) != DYAD_OK) {
		cli_error("%s: %s", info.id, dyad_strerror(st));
		return 0;
	}
	for (i = 0; i < n; i++) {
		dyad_mention m;
		if (dyad_doc_mention(doc, i, &m) != DYAD_OK)
			break;
		if (ao->unknown) {
			if (m.candidate && m.how == DYAD_HOW_ROLE && tally(ao, &m) != 0)
				return -1;
		} else {
			print_mention(ao->out, &info, &m, ao->explain);
		}
	}
	return ao->out->err ? -1 : 0;
}

static int by_count(const void *x, const void *y)
{
	const cand *a = x, *b = y;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->name, b->name);
}

static void print_unknown(act_opts *ao)
{
	size_t i;

	qsort(ao->cands, ao->ncands, sizeof *ao->cands, by_count);
	for (i = 0; i < ao->ncands; i++) {
		jw_object(ao->out, NULL);
		jw_cstr(ao->out, "name", ao->cands[i].name);
		jw_cstr(ao->out, "code", ao->cands[i].code);
		jw_uint(ao->out, "count", ao->cands[i].count);
		jw_close(ao->out);
		jw_endline(ao->out);
		free(ao->cands[i].name);
		free(ao->cands[i].code);
	}
	free(ao->cands);
}

static int run_actors(const cli_command *self, int argc, char **argv)
{
	act_opts ao;
	jsonw out;
	cli_inputs in;
	int st, code;
	const char **dicts = calloc((size_t)argc + 1, sizeof *dicts);
	const cli_option opts[] = {
		{ "--explain", &ao.explain, NULL },
		{ "--unknown", &ao.unknown, NULL },
		{ "--no-default-dicts", &in.no_default_dicts, NULL },
		{ "--strict", &in.strict, NULL },
		{ NULL, NULL, NULL }
	};

	memset(&ao, 0, sizeof ao);
	memset(&in, 0, sizeof in);
	if (!dicts)
		return CLI_FAILED;
	if ((argc = cli_take_dicts(self, argc, argv, dicts)) < 0) {
		free(dicts);
		return CLI_USAGE;
	}
	st = cli_parse(self, argc, argv, opts, &in);
	if (st != CLI_RUN) {
		free(dicts);
		return st;
	}
	in.actors = 1;
	in.dicts = dicts;
	jw_init(&out, stdout);
	ao.out = &out;
	code = cli_each_doc(&in, &out, on_doc, &ao);
	if (ao.unknown) {
		print_unknown(&ao);
		code = cli_finish(code, &out);
	}
	free(dicts);
	return code;
}

const cli_command cmd_actors = {
	"actors", run_actors,
	"find the actors named in articles, with CAMEO codes (JSONL)",
	"Usage: dyad actors [--data DIR] [--dict PATH]... [--no-default-dicts]\n"
	"                   [--strict] [--explain | --unknown] INPUT...\n"
	"\n"
	"Finds who is named in news articles and prints one JSON object per\n"
	"mention: countries, organizations, armed groups, people, and roles\n"
	"(\"Iran's foreign minister\", \"Qatari officials\"), each with the CAMEO\n"
	"actor code it has on the article's date.\n"
	"\n"
	"Inputs are read as by 'dyad sentences' (files, directories, JSONL,\n"
	".gz, - for standard input).\n"
	"\n"
	"Options:\n"
	"  --dict PATH          also load PATH: a dictionary file in dyad's format\n"
	"                       or TABARI/PETRARCH actors, agents or discards\n"
	"                       format (recognized by name and content), or a\n"
	"                       directory of them. Repeatable; loaded in order,\n"
	"                       after the defaults in DATA_DIR/actors/.\n"
	"  --no-default-dicts   load only the --dict dictionaries\n"
	"  --strict             make dictionary warnings fatal (exit 1 before\n"
	"                       reading any article)\n"
	"  --explain            add \"explain\": how the mention got its code\n"
	"  --unknown            instead of mentions, list the names no dictionary\n"
	"                       knows that came with a known role (\"Foreign\n"
	"                       Ministry spokesman Nasser Kanaani\"), with the code\n"
	"                       their role gives and how often they were seen,\n"
	"                       most frequent first\n"
	"  --data DIR           read dyad's data files from DIR\n"
	"  -h, --help           show this help\n"
	"\n"
	"Every bad dictionary line is reported on standard error as\n"
	"file:line:col: reason, and the rest loads.\n"
	"\n"
	"Mention object, keys in this order:\n"
	"  doc, sent       document id and sentence index, as 'dyad sentences'\n"
	"  start, end      byte offsets into the original text, end excluded\n"
	"  text            the normalized text of the mention\n"
	"  code            CAMEO actor code on the article's date (\"IRNGOV\");\n"
	"                  \"\" when no code of the entry is valid on that date\n"
	"  how             dictionary: a dictionary name matched; alias: a\n"
	"                  surname learned from a full mention in the article;\n"
	"                  role: a role, composed with a country or group;\n"
	"                  coreference: a role (\"the FM\") resolved to a person\n"
	"  actor           the actor's name: the entry's first name, or a new\n"
	"                  name coded by its role\n"
	"  entry           dictionary file:line of the name that matched\n"
	"  role_entry      file:line of the role used, when one was\n"
	"  post            the office the role names (\"foreign-minister\")\n"
	"  confidence      0 to 1\n"
	"  candidate       true for a name no dictionary knows\n"
	"  explain         with --explain\n"
	"\n"
	"Exit status: 0 all went well; 1 some input failed, a dictionary could\n"
	"not be read, or --strict and a dictionary warning; 2 usage error.\n"
};
