/*
** cmd_sentences.c — `dyad sentences`: articles in, addressable sentences
** out, as JSON Lines.
**
** This makes the first stage of the pipeline visible. Every sentence
** carries its byte span in the original input, so any later record built
** on a sentence can be traced back to the exact source text; the document
** object ahead of the sentences says what the text stage learned about the
** article as a whole (date, language, repairs, boilerplate removed).
*/
#include <assert.h>

#include "cli.h"

typedef struct sent_opts {
	int tokens;  /* --tokens: list each sentence's tokens */
	int removed; /* --removed: list each document's boilerplate spans */
	jsonw *out;  /* where the JSONL goes */
} sent_opts;

/* "removed_spans":[{"start":..,"end":..,"kind":".."},...] */
static void print_removed(jsonw *w, const dyad_doc *doc)
{
	const size_t n = dyad_doc_removed_count(doc);
	size_t i;

	jw_array(w, "removed_spans");
	for (i = 0; i < n; i++) {
		dyad_removed r;
		const dyad_status st = dyad_doc_removed_get(doc, i, &r);

		assert(st == DYAD_OK);
		if (st != DYAD_OK)
			break;
		jw_object(w, NULL);
		jw_uint(w, "start", r.start);
		jw_uint(w, "end", r.end);
		jw_cstr(w, "kind", r.kind);
		jw_close(w);
	}
	jw_close(w);
}

/* The document object, which comes before the document's sentences. */
static void print_doc(jsonw *w, const dyad_doc *doc, const dyad_doc_info *info,
		      const sent_opts *so)
{
	jw_object(w, NULL);
	jw_cstr(w, "doc", info->id);
	jw_cstr_or_null(w, "date", info->date);
	jw_cstr(w, "date_source", dyad_date_source_name(info->date_source));
	jw_cstr(w, "date_precision", dyad_precision_name(info->date_precision));
	jw_cstr(w, "lang", info->lang);
	jw_cstr(w, "script", info->script);
	jw_uint(w, "sentences", info->n_sentences);
	jw_uint(w, "invalid_utf8", info->invalid_utf8);
	jw_uint(w, "removed", info->removed);
	if (so->removed)
		print_removed(w, doc);
	jw_close(w);
	jw_endline(w);
}

/* "tokens":[{"start":..,"end":..,"kind":"..","text":".."},...] */
static void print_tokens(jsonw *w, const dyad_doc *doc, const dyad_sentence *s)
{
	size_t t;

	jw_array(w, "tokens");
	for (t = 0; t < s->n_tokens; t++) {
		dyad_token tk;
		const dyad_status st = dyad_doc_token(doc, s->index, t, &tk);

		assert(st == DYAD_OK);
		if (st != DYAD_OK)
			break;
		jw_object(w, NULL);
		jw_uint(w, "start", tk.start);
		jw_uint(w, "end", tk.end);
		jw_cstr(w, "kind", dyad_token_kind_name(tk.kind));
		jw_str(w, "text", tk.text, tk.text_len);
		jw_close(w);
	}
	jw_close(w);
}

static void print_sentence(jsonw *w, const dyad_doc *doc, const char *id,
			   const dyad_sentence *s, const sent_opts *so)
{
	jw_object(w, NULL);
	jw_cstr(w, "doc", id);
	jw_uint(w, "sent", s->index);
	jw_cstr(w, "lang", s->lang);
	jw_cstr(w, "script", s->script);
	jw_uint(w, "start", s->start);
	jw_uint(w, "end", s->end);
	jw_str(w, "text", s->text, s->text_len);
	if (so->tokens)
		print_tokens(w, doc, s);
	jw_close(w);
	jw_endline(w);
}

/* cli_doc_fn: one document object, then its sentences in order. */
static int on_doc(const dyad_doc *doc, const dyad_input *in, void *arg)
{
	const sent_opts *so = arg;
	dyad_doc_info info;
	size_t i;

	(void)in;
	dyad_doc_get_info(doc, &info);
	print_doc(so->out, doc, &info, so);
	for (i = 0; i < info.n_sentences; i++) {
		dyad_sentence s;
		const dyad_status st = dyad_doc_sentence(doc, i, &s);

		assert(st == DYAD_OK);
		if (st != DYAD_OK)
			break;
		print_sentence(so->out, doc, info.id, &s, so);
	}
	/* A failed write stops the batch: nothing more could be delivered. */
	return so->out->err ? -1 : 0;
}

static int run_sentences(const cli_command *self, int argc, char **argv)
{
	static jsonw out; /* 64 KiB of buffer: static, not on the stack */
	sent_opts so = { 0, 0, &out };
	const cli_option opts[] = {
		{ "--tokens", &so.tokens, NULL },
		{ "--removed", &so.removed, NULL },
		{ NULL, NULL, NULL },
	};
	cli_inputs in;
	const int st = cli_parse(self, argc, argv, opts, &in);

	if (st != CLI_RUN)
		return st;
	jw_init(&out, stdout);
	return cli_each_doc(&in, &out, on_doc, &so);
}

const cli_command cmd_sentences = {
	"sentences", run_sentences,
	"split articles into normalized, addressable sentences (JSONL)",
	"Usage: dyad sentences [--data DIR] [--tokens] [--removed] INPUT...\n"
	"\n"
	"Splits news articles into sentences and prints them as JSON Lines: for\n"
	"each article, one document object, then one object per sentence, in\n"
	"order. Each sentence gives its byte span in the article's original\n"
	"text and its normalized text.\n"
	"\n"
	"Inputs, read in the order given:\n"
	"  FILE       a plain-text file is one article. A file named *.jsonl or\n"
	"             *.ndjson, or whose first character is '{', holds one\n"
	"             article per line: a JSON object with \"text\" (required)\n"
	"             and optionally \"id\", \"url\", \"date\" (ISO 8601),\n"
	"             \"source\", \"title\" and \"lang\".\n"
	"  FILE.gz    any of those, gzip-compressed.\n"
	"  DIR        every article-like file below DIR (*.txt, *.text, *.jsonl,\n"
	"             *.ndjson, *.json, *.gz, or no extension; hidden files are\n"
	"             skipped), recursively, in byte order of names.\n"
	"  -          standard input, which is read only when '-' is given.\n"
	"\n"
	"Options:\n"
	"  --tokens     add \"tokens\" to each sentence object\n"
	"  --removed    add \"removed_spans\" to each document object\n"
	"  --data DIR   read dyad's data files from DIR (default: $DYAD_DATA,\n"
	"               else the directory chosen when dyad was built)\n"
	"  -h, --help   show this help\n"
	"  --           treat every later argument as an INPUT\n"
	"\n"
	"Document object, keys in this order:\n"
	"  doc             id: the JSONL \"id\"; else FILE:LINE for a JSONL line,\n"
	"                  the path for a file, - for standard input\n"
	"  date            publication date, YYYY-MM-DD (for a week: its first\n"
	"                  day), YYYY-MM or YYYY; null when unknown\n"
	"  date_source     metadata, dateline, text or none\n"
	"  date_precision  day, week, month, year or none\n"
	"  lang            main language, ISO 639-1 (en, ar, ...); und if unknown\n"
	"  script          main script, ISO 15924 (Latn, Arab, ...; Zyyy: none)\n"
	"  sentences       number of sentence objects that follow\n"
	"  invalid_utf8    invalid UTF-8 sequences replaced by U+FFFD\n"
	"  removed         boilerplate spans left out of the sentences: URLs,\n"
	"                  photo captions and credits, signatures, sign-offs\n"
	"  removed_spans   with --removed: [{start, end, kind}], kind one of\n"
	"                  url, caption, credit, signature, signoff\n"
	"\n"
	"Sentence object, keys in this order:\n"
	"  doc             id of its document\n"
	"  sent            index in the document, from 0\n"
	"  lang, script    as above, for this sentence\n"
	"  start, end      byte offsets into the original text, end excluded:\n"
	"                  the bytes [start, end) normalize to text\n"
	"  text            normalized: NFKC, curly quotes and dashes made ASCII,\n"
	"                  whitespace collapsed, hard-wrapped lines and words\n"
	"                  hyphenated at line ends rejoined, URLs removed\n"
	"  tokens          with --tokens: [{start, end, kind, text}], spans in\n"
	"                  the original text, kind one of word, number, punct,\n"
	"                  possessive, hashtag, handle, symbol\n"
	"\n"
	"Errors: an input that cannot be read or a malformed JSONL line is\n"
	"reported on standard error as 'dyad: FILE[:LINE]: reason' and the rest\n"
	"of the batch goes on. Repaired invalid UTF-8 gets a warning there too,\n"
	"but is not a failure.\n"
	"\n"
	"Exit status:\n"
	"  0  every input read and every article processed\n"
	"  1  some input or article failed, the data could not be loaded, or\n"
	"     the output could not be written\n"
	"  2  usage error (nothing was read)\n"
	"\n"
	"Examples:\n"
	"  printf 'Tehran said on Monday it would talk.' | dyad sentences -\n"
	"  dyad sentences --tokens feed.jsonl.gz > tokens.jsonl\n"
	"  dyad sentences --removed articles/ > sentences.jsonl 2> problems.txt\n",
};
