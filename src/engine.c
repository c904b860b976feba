/*
** engine.c — the engine (loaded resources), the per-thread context, and
** the document accessors.
**
** dyad_engine_new reads the data files once; afterwards the engine is
** never written, so threads share it freely. A dyad_ctx owns the arena
** and buffers that one document needs; dyad_ctx_process resets them and
** runs the text stages in order: normalize (text.c), segment
** (segment.c), language (lang.c), document date (dates.c).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "dyad_int.h"

/* ------------------------------------------------------------------ */
/* Engine                                                              */
/* ------------------------------------------------------------------ */

static char *path_join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = malloc(a + b + 2);

	if (!p)
		return NULL;
	memcpy(p, dir, a);
	p[a] = '/';
	memcpy(p + a + 1, name, b + 1);
	return p;
}

dyad_status dyad__read_file(const char *path, char *msg, char **out, size_t *len)
{
	dyad_status st = DYAD_OK;
	char *buf = NULL;
	FILE *f = fopen(path, "rb");
	long sz;

	if (!f)
		return dyad__msg(msg, DYAD_IO, "%s: %s", path, strerror(errno));
	if (fseek(f, 0, SEEK_END) != 0 || (sz = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		st = dyad__msg(msg, DYAD_IO, "%s: cannot size file", path);
	} else if (!(buf = malloc((size_t)sz + 1))) {
		st = dyad__msg(msg, DYAD_NOMEM, "%s: out of memory", path);
	} else if (fread(buf, 1, (size_t)sz, f) != (size_t)sz) {
		st = dyad__msg(msg, DYAD_IO, "%s: read error", path);
		free(buf);
	} else {
		buf[sz] = '\0';
		*out = buf;
		*len = (size_t)sz;
	}
	fclose(f);
	return st;
}

/* Reads a whole data file; *out is malloc'd (caller frees). */
static dyad_status slurp(dyad_engine *eng, const char *name, char **out,
			 size_t *len)
{
	char *path = path_join(eng->data_dir, name);
	dyad_status st;

	if (!path)
		return DYAD_NOMEM;
	st = dyad__read_file(path, eng->msg, out, len);
	free(path);
	return st;
}

static dyad_status load_set(dyad_engine *eng, const char *name, dyad__strset *set)
{
	char *text = NULL;
	size_t len = 0;
	dyad_status st = slurp(eng, name, &text, &len);

	if (st != DYAD_OK)
		return st;
	if (dyad__strset_from_lines(set, text, len) != 0)
		st = DYAD_NOMEM;
	free(text);
	return st;
}

/* The words of event dates, which dyad_date_resolve needs whatever
** else the engine loads. */
static dyad_status load_datewords(dyad_engine *eng)
{
	char *text = NULL;
	size_t len = 0;
	dyad_status st = slurp(eng, "dates.txt", &text, &len);

	if (st == DYAD_OK)
		st = dyad__dates_load(eng, text, len);
	free(text);
	return st;
}

static const char *default_data_dir(const dyad_config *cfg)
{
	const char *env;

	if (cfg && cfg->data_dir)
		return cfg->data_dir;
	env = getenv("DYAD_DATA");
	if (env && *env)
		return env;
#ifdef DYAD_DATADIR
	return DYAD_DATADIR;
#else
	return "data";
#endif
}

dyad_status dyad_engine_new(const dyad_config *cfg, dyad_engine **out)
{
	dyad_engine *eng = calloc(1, sizeof *eng);
	dyad_status st;

	*out = eng;
	if (!eng)
		return DYAD_NOMEM;
	eng->data_dir = strdup(default_data_dir(cfg));
	eng->textcat_conf = path_join(eng->data_dir ? eng->data_dir : ".", "textcat.conf");
	eng->textcat_prefix = strdup("/usr/share/libexttextcat/");
	if (!eng->data_dir || !eng->textcat_conf || !eng->textcat_prefix)
		return DYAD_NOMEM;
	st = load_set(eng, "words.txt", &eng->words);
	if (st == DYAD_OK)
		st = load_set(eng, "abbreviations.txt", &eng->abbrevs);
	if (st == DYAD_OK)
		st = load_set(eng, "sentence-starters.txt", &eng->starters);
	if (st == DYAD_OK)
		st = load_set(eng, "english-function-words.txt", &eng->english);
	if (st == DYAD_OK)
		st = load_set(eng, "other-function-words.txt", &eng->other_langs);
	if (st == DYAD_OK)
		st = load_set(eng, "signoffs.txt", &eng->signoffs);
	if (st == DYAD_OK && cfg && (cfg->actors || cfg->events))
		st = load_set(eng, "verb-forms.txt", &eng->verbs);
	if (st == DYAD_OK)
		st = load_datewords(eng);
	eng->one_sentence = cfg && cfg->one_sentence;
	/* The pattern model exists before the dictionaries are read, so the
	** actor loader can hand it the verb files it meets. */
	if (st == DYAD_OK && cfg && cfg->events)
		st = dyad__patterns_load(eng, cfg);
	if (st == DYAD_OK && cfg && (cfg->actors || cfg->events))
		st = dyad__actors_load(eng, cfg);
	if (st == DYAD_OK && cfg && cfg->events)
		st = dyad__cameo_load(eng);
	if (st == DYAD_OK && cfg && (cfg->places || cfg->events))
		st = dyad__geo_load(eng, cfg);
	return st;
}

const char *dyad_engine_errmsg(const dyad_engine *eng)
{
	return eng ? eng->msg : "no engine";
}

void dyad_engine_free(dyad_engine *eng)
{
	if (!eng)
		return;
	dyad__strset_free(&eng->words);
	dyad__strset_free(&eng->abbrevs);
	dyad__strset_free(&eng->starters);
	dyad__strset_free(&eng->english);
	dyad__strset_free(&eng->other_langs);
	dyad__strset_free(&eng->signoffs);
	dyad__strset_free(&eng->verbs);
	free(eng->data_dir);
	free(eng->textcat_conf);
	free(eng->textcat_prefix);
	dyad__actors_free(eng->actors);
	dyad__patterns_free(eng->patterns);
	dyad__cameo_free(eng->cameo);
	dyad__geo_free(eng->geo);
	dyad__dates_free(eng->datewords);
	free(eng);
}

/* ------------------------------------------------------------------ */
/* Context                                                             */
/* ------------------------------------------------------------------ */

dyad_status dyad_ctx_new(const dyad_engine *eng, dyad_ctx **out)
{
	dyad_ctx *ctx;

	*out = NULL;
	if (!eng)
		return DYAD_BADARG;
	ctx = calloc(1, sizeof *ctx);
	if (!ctx)
		return DYAD_NOMEM;
	ctx->eng = eng;
	dyad__arena_init(&ctx->arena);
	*out = ctx;
	return DYAD_OK;
}

void dyad_ctx_free(dyad_ctx *ctx)
{
	if (!ctx)
		return;
	dyad__lang_free(ctx);
	dyad__arena_free(&ctx->arena);
	dyad__buf_free(&ctx->norm);
	dyad__buf_free(&ctx->map);
	dyad__buf_free(&ctx->blocks);
	dyad__buf_free(&ctx->sents);
	dyad__buf_free(&ctx->toks);
	dyad__buf_free(&ctx->fold);
	dyad__buf_free(&ctx->rms);
	dyad__buf_free(&ctx->scratch);
	dyad__buf_free(&ctx->when);
	dyad__wmemo_free(ctx->wmemo);
	dyad__buf_free(&ctx->dates);
	dyad__buf_free(&ctx->where);
	dyad__buf_free(&ctx->pments);
	dyad__buf_free(&ctx->ments);
	dyad__buf_free(&ctx->mtext);
	dyad__coder_free(ctx->coder);
	dyad__buf_free(&ctx->frag);
	free(ctx);
}

const char *dyad_errmsg(const dyad_ctx *ctx)
{
	return ctx ? ctx->msg : "no context";
}

/* ------------------------------------------------------------------ */
/* Processing                                                          */
/* ------------------------------------------------------------------ */

/* End of the run of printable ASCII (0x20 to 0x7E) from s[i], found 16
** bytes at a time where SSE2 is there; may stop short of it, never past
** lim. Signed compares: bytes from 0x80 up are negative. */
static size_t printable_run(const unsigned char *s, size_t i, size_t lim)
{
#ifdef __SSE2__
	for (; i + 16 <= lim; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i ok = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(0x1F)),
					   _mm_cmplt_epi8(x, _mm_set1_epi8(0x7F)));
		unsigned stop = ~(unsigned)_mm_movemask_epi8(ok) & 0xFFFF;
		if (stop)
			return i + (size_t)__builtin_ctz(stop);
	}
#endif
	while (i < lim && s[i] >= 0x20 && s[i] < 0x7F)
		i++;
	return i;
}

/*
** Binary data (images, PDFs, executables) is refused rather than turned
** into pages of U+FFFD: more than a tenth of the first 8000 bytes (git's
** sniffing window) being NULs, control bytes or invalid UTF-8 is not an
** article.
*/
static int looks_binary(const char *text, size_t n, size_t *pct)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t lim = n < 8000 ? n : 8000, bad = 0, i = 0;

	while ((i = printable_run(s, i, lim)) < lim) {
		int32_t cp;
		int len;
		if (s[i] < 0x80) {
			bad += !(s[i] == '\n' || s[i] == '\t' || s[i] == '\r' || s[i] == '\f');
			i++;
			continue;
		}
		len = dyad__utf8_decode(s + i, lim - i, &cp);
		if (cp < 0 && i + 4 <= lim)
			bad++;
		i += (size_t)len;
	}
	*pct = lim ? bad * 100 / lim : 0;
	return lim && bad * 10 > lim;
}

static const char *arena_str(dyad_ctx *ctx, const char *s)
{
	if (!s)
		return "";
	return dyad__arena_strndup(&ctx->arena, s, strnlen(s, DYAD_MAX_FIELD_BYTES));
}

static void fill_meta(dyad_ctx *ctx, const dyad_input *in)
{
	dyad_doc_info *info = &ctx->doc.info;
	const char *id = in->id ? in->id : in->origin ? in->origin : "-";

	memset(info, 0, sizeof *info);
	info->id = arena_str(ctx, id);
	info->url = arena_str(ctx, in->url);
	info->source = arena_str(ctx, in->source);
	info->title = arena_str(ctx, in->title);
}

static void fill_date(dyad_ctx *ctx, const dyad_input *in)
{
	dyad_doc_info *info = &ctx->doc.info;
	dyad__date d;

	dyad__date_doc(in->date, ctx->doc.src, ctx->doc.src_len, &d);
	dyad__date_format(&d, info->date);
	info->date_precision = d.prec;
	info->date_source = d.src;
	info->date_start = d.start;
	info->date_end = d.end;
}

/* Checks the input before any work: size cap, binary data. */
static dyad_status admit(dyad_ctx *ctx, const dyad_input *in)
{
	size_t pct;

	if (!in || (!in->text && in->text_len))
		return dyad__msg(ctx->msg, DYAD_BADARG, "no input text");
	if (in->text_len > DYAD_MAX_DOC_BYTES)
		return dyad__msg(ctx->msg, DYAD_LIMIT,
				 "article is %zu bytes, over the %u-byte limit "
				 "(DYAD_MAX_DOC_BYTES); skipped",
				 in->text_len, (unsigned)DYAD_MAX_DOC_BYTES);
	if (looks_binary(in->text, in->text_len, &pct))
		return dyad__msg(ctx->msg, DYAD_PARSE,
				 "binary data, not text (%zu%% of the first bytes "
				 "are NUL, control or invalid UTF-8); skipped", pct);
	return DYAD_OK;
}

dyad_status dyad_ctx_process(dyad_ctx *ctx, const dyad_input *in,
			     const dyad_doc **out)
{
	dyad_doc *doc = &ctx->doc;
	dyad_status st;
	size_t invalid = 0;

	*out = NULL;
	ctx->msg[0] = '\0';
	dyad__arena_reset(&ctx->arena);
	ctx->ments.len = ctx->mtext.len = ctx->pments.len = ctx->dates.len = 0;
	dyad__token_words_forget(ctx);
	st = admit(ctx, in);
	if (st != DYAD_OK)
		return st;
	memset(doc, 0, sizeof *doc);
	doc->ctx = ctx;
	fill_meta(ctx, in);
	doc->src = dyad__arena_strndup(&ctx->arena, in->text ? in->text : "", in->text_len);
	doc->src_len = in->text_len;
	if (ctx->arena.nomem)
		return dyad__msg(ctx->msg, DYAD_NOMEM, "out of memory");
	st = dyad__text_normalize(ctx, doc->src, doc->src_len, &invalid);
	if (st == DYAD_OK)
		st = dyad__segment(ctx);
	if (st == DYAD_OK)
		st = dyad__lang_assign(ctx, in->lang);
	if (st != DYAD_OK || ctx->arena.nomem)
		return dyad__msg(ctx->msg, st == DYAD_OK ? DYAD_NOMEM : st, "%s",
				 ctx->msg[0] ? ctx->msg : dyad_strerror(st));
	fill_date(ctx, in);
	doc->info.text = doc->src;
	doc->info.text_len = doc->src_len;
	doc->info.n_sentences = doc->nsents;
	doc->info.invalid_utf8 = invalid;
	doc->info.removed = doc->nrms;
	*out = doc;
	return DYAD_OK;
}

dyad_status dyad_ctx_normalize(dyad_ctx *ctx, const char *s, size_t n,
			       const char **out, size_t *out_len)
{
	dyad_status st;

	if (!s && n)
		return dyad__msg(ctx->msg, DYAD_BADARG, "no input text");
	st = dyad__text_fragment(ctx, s ? s : "", n, &ctx->frag);
	if (st != DYAD_OK)
		return dyad__msg(ctx->msg, st, "out of memory");
	*out = ctx->frag.p;
	*out_len = ctx->frag.len;
	return DYAD_OK;
}

/* ------------------------------------------------------------------ */
/* Accessors                                                           */
/* ------------------------------------------------------------------ */

const char *dyad_precision_name(dyad_precision p)
{
	static const char *const names[] = { "none", "year", "month", "week", "day" };
	return (unsigned)p <= DYAD_PREC_DAY ? names[p] : "none";
}

const char *dyad_geo_precision_name(dyad_geo_precision p)
{
	static const char *const names[] = { "none", "country", "admin1", "city" };
	return (unsigned)p <= DYAD_GEO_CITY ? names[p] : "none";
}

const char *dyad_date_source_name(dyad_date_source s)
{
	static const char *const names[] = { "none", "metadata", "dateline", "text" };
	return (unsigned)s <= DYAD_DATESRC_TEXT ? names[s] : "none";
}

const char *dyad_token_kind_name(dyad_token_kind k)
{
	static const char *const names[] = { "word", "number", "punct",
		"possessive", "hashtag", "handle", "symbol" };
	return (unsigned)k <= DYAD_TOK_SYMBOL ? names[k] : "symbol";
}

void dyad_doc_get_info(const dyad_doc *doc, dyad_doc_info *out)
{
	*out = doc->info;
}

dyad_status dyad_doc_sentence(const dyad_doc *doc, size_t i, dyad_sentence *out)
{
	const dyad__sent *s;

	if (i >= doc->nsents)
		return DYAD_NOTFOUND;
	s = &doc->sents[i];
	out->index = i;
	dyad__map_span(doc, s->start, s->end, &out->start, &out->end);
	out->text = doc->norm + s->start;
	out->text_len = s->end - s->start;
	out->lang = s->lang;
	out->script = dyad__script_codes[s->script];
	out->n_tokens = s->ntok;
	out->paragraph = s->para;
	return DYAD_OK;
}

dyad_status dyad_doc_token(const dyad_doc *doc, size_t s, size_t t,
			   dyad_token *out)
{
	const dyad__tok *tk;

	if (s >= doc->nsents || t >= doc->sents[s].ntok)
		return DYAD_NOTFOUND;
	tk = &doc->toks[doc->sents[s].tok0 + t];
	out->kind = (dyad_token_kind)tk->kind;
	dyad__map_span(doc, tk->start, tk->end, &out->start, &out->end);
	out->text = doc->norm + tk->start;
	out->text_len = tk->end - tk->start;
	out->fold = dyad__tok_fold(doc->norm, doc->fold, tk);
	out->fold_len = tk->fold_len;
	return DYAD_OK;
}

size_t dyad_doc_removed_count(const dyad_doc *doc)
{
	return doc->nrms;
}

dyad_status dyad_doc_removed_get(const dyad_doc *doc, size_t i, dyad_removed *out)
{
	if (i >= doc->nrms)
		return DYAD_NOTFOUND;
	out->start = doc->rms[i].start;
	out->end = doc->rms[i].end;
	out->kind = doc->rms[i].kind;
	return DYAD_OK;
}
