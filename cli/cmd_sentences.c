/*
** cmd_sentences.c — `dyad sentences`: articles in, addressable sentences
** out, as JSONL. The first stage's output made visible: every sentence
** carries its byte span in the original input, so a reader can always go
** back to the source text.
*/
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "jsonw.h"

typedef struct sent_opts {
	int tokens;  /* --tokens: list each sentence's tokens */
	int removed; /* --removed: list boilerplate spans per document */
} sent_opts;

static void print_removed(jsonw *w, const dyad_doc *doc)
{
	size_t i, n = dyad_doc_removed_count(doc);

	jw_key(w, "removed_spans");
	putc('[', stdout);
	for (i = 0; i < n; i++) {
		dyad_removed r;
		jsonw item;
		dyad_doc_removed_get(doc, i, &r);
		if (i)
			putc(',', stdout);
		jw_begin(&item, stdout);
		jw_int(&item, "start", (long long)r.start);
		jw_int(&item, "end", (long long)r.end);
		jw_cstr(&item, "kind", r.kind);
		putc('}', stdout);
	}
	putc(']', stdout);
}

static void print_doc(const dyad_doc *doc, const sent_opts *so)
{
	dyad_doc_info info;
	jsonw w;

	dyad_doc_get_info(doc, &info);
	jw_begin(&w, stdout);
	jw_cstr(&w, "doc", info.id);
	jw_cstr(&w, "date", info.date);
	jw_cstr(&w, "date_source", dyad_date_source_name(info.date_source));
	jw_cstr(&w, "date_precision", dyad_precision_name(info.date_precision));
	jw_cstr(&w, "lang", info.lang);
	jw_cstr(&w, "script", info.script);
	jw_int(&w, "sentences", (long long)info.n_sentences);
	jw_int(&w, "invalid_utf8", (long long)info.invalid_utf8);
	jw_int(&w, "removed", (long long)info.removed);
	if (so->removed)
		print_removed(&w, doc);
	jw_end(&w);
}

static void print_tokens(jsonw *w, const dyad_doc *doc, const dyad_sentence *s)
{
	size_t t;

	jw_key(w, "tokens");
	putc('[', stdout);
	for (t = 0; t < s->n_tokens; t++) {
		dyad_token tk;
		jsonw item;
		dyad_doc_token(doc, s->index, t, &tk);
		if (t)
			putc(',', stdout);
		jw_begin(&item, stdout);
		jw_int(&item, "start", (long long)tk.start);
		jw_int(&item, "end", (long long)tk.end);
		jw_cstr(&item, "kind", dyad_token_kind_name(tk.kind));
		jw_str(&item, "text", tk.text, tk.text_len);
		putc('}', stdout);
	}
	putc(']', stdout);
}

static int on_doc(const dyad_doc *doc, const dyad_input *in, void *arg)
{
	const sent_opts *so = arg;
	dyad_doc_info info;
	size_t i;

	(void)in;
	print_doc(doc, so);
	dyad_doc_get_info(doc, &info);
	for (i = 0; i < info.n_sentences; i++) {
		dyad_sentence s;
		jsonw w;
		dyad_doc_sentence(doc, i, &s);
		jw_begin(&w, stdout);
		jw_cstr(&w, "doc", info.id);
		jw_int(&w, "sent", (long long)s.index);
		jw_cstr(&w, "lang", s.lang);
		jw_cstr(&w, "script", s.script);
		jw_int(&w, "start", (long long)s.start);
		jw_int(&w, "end", (long long)s.end);
		jw_str(&w, "text", s.text, s.text_len);
		if (so->tokens)
			print_tokens(&w, doc, &s);
		jw_end(&w);
	}
	return ferror(stdout) ? -1 : 0;
}

static int run_sentences(int argc, char **argv)
{
	sent_opts so = { 0, 0 };
	cli_opts o = { NULL, NULL, 0 };
	int i, only_files = 0;

	o.inputs = argv;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_files || a[0] != '-' || strcmp(a, "-") == 0)
			o.inputs[o.ninputs++] = argv[i];
		else if (strcmp(a, "--") == 0)
			only_files = 1;
		else if (strcmp(a, "--tokens") == 0)
			so.tokens = 1;
		else if (strcmp(a, "--removed") == 0)
			so.removed = 1;
		else if (strcmp(a, "--data") == 0 && i + 1 < argc)
			o.data_dir = argv[++i];
		else
			return cli_usage("sentences", "sentences: unknown option '%s'", a);
	}
	if (!o.ninputs)
		return cli_usage("sentences", "sentences: no input given (use - for "
				 "standard input)");
	return cli_each_doc(&o, on_doc, &so);
}

const command cmd_sentences = {
	"sentences", run_sentences,
	"split articles into normalized, addressable sentences (JSONL)",
	"Usage: dyad sentences [OPTIONS] INPUT...\n"
	"\n"
	"Reads articles and prints their sentences as JSON Lines: first one object\n"
	"per document, then one object per sentence.\n"
	"\n"
	"INPUT is a text file (one article), a directory (read recursively, files\n"
	"in name order), a JSONL file (.jsonl/.ndjson, or any file starting with\n"
	"'{': one article per line with keys id, url, date, source, title, text,\n"
	"lang), a gzip-compressed version of any of these, or - for standard input.\n"
	"\n"
	"Options:\n"
	"  --tokens     add each sentence's tokens (start, end, kind, text)\n"
	"  --removed    add the spans removed as boilerplate to each document\n"
	"  --data DIR   read dyad's data files from DIR (default: $DYAD_DATA, or\n"
	"               the directory compiled in)\n"
	"\n"
	"Document object: doc (id: the JSONL id, else the path), date (YYYY-MM-DD,\n"
	"YYYY-MM or YYYY; null when unknown), date_source (metadata, dateline, text\n"
	"or none), date_precision (day, month, year or none), lang (ISO 639-1, or\n"
	"und), script (ISO 15924), sentences, invalid_utf8 (byte sequences replaced\n"
	"by U+FFFD), removed (boilerplate spans: URLs, captions, photo credits,\n"
	"tweet signatures, wire sign-offs).\n"
	"\n"
	"Sentence object: doc, sent (0-based), lang, script, start and end (byte\n"
	"offsets into the document's original text, end exclusive: the bytes\n"
	"[start,end) normalize to text), text (normalized: NFKC, ASCII quotes and\n"
	"dashes, whitespace collapsed, hard-wrapped lines and hyphenated words\n"
	"rejoined, URLs removed).\n"
	"\n"
	"Exit status: 0 all went well; 1 some inputs or documents failed (each is\n"
	"reported on standard error as 'dyad: file[:line]: reason' and the rest\n"
	"of the batch goes on); 2 usage error.\n"
	"\n"
	"Example:\n"
	"  dyad sentences examples/ | head\n"
	"  zcat feed.jsonl.gz | dyad sentences --tokens -\n"
};
