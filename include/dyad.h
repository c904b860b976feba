/*
** dyad.h — the whole public API of libdyad. If it is not in this file, it
** is not API.
**
** dyad turns news articles into political event data. This header exposes
** the pipeline as three kinds of object:
**
**   dyad_engine  loaded resources (word lists, abbreviations, language
**                models, later dictionaries and patterns). Immutable after
**                dyad_engine_new returns, so one engine may be shared
**                read-only by any number of threads.
**   dyad_ctx     per-thread working state: an arena and reusable buffers
**                that are reset for every document. Never share a context
**                between threads.
**   dyad_reader  turns paths (files, directories, "-", JSONL, .gz) into a
**                stream of dyad_input records, reporting bad items as
**                "file:line: reason" and moving on.
**
** Every status-returning call returns a dyad_status; the detail of a
** failure is kept on the handle (dyad_errmsg, dyad_engine_errmsg,
** dyad_reader_errmsg). The library never prints and never exits.
**
** Offsets called "start" and "end" are byte offsets into the original
** input text of the document (dyad_input.text), half open: [start, end).
*/
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && !defined(DYAD_STATIC)
#define DYAD_API __attribute__((visibility("default")))
#else
#define DYAD_API
#endif

#define DYAD_VERSION "0.1.0"

/* One list yields both the enum and dyad_strerror(). */
#define DYAD_STATUS_MAP(X)                                   \
	X(OK, "success")                                     \
	X(NOMEM, "out of memory")                            \
	X(LIMIT, "input exceeds a configured limit")         \
	X(IO, "input/output error")                          \
	X(PARSE, "malformed input")                          \
	X(BADARG, "invalid argument")                        \
	X(NOTFOUND, "not found")                             \
	X(DONE, "no more items")                             \
	X(BUSY, "database is locked by another process")     \
	X(CORRUPT, "database is damaged or inconsistent")

typedef enum {
#define DYAD_X_ENUM(name, msg) DYAD_##name,
	DYAD_STATUS_MAP(DYAD_X_ENUM)
#undef DYAD_X_ENUM
	DYAD_STATUS_COUNT
} dyad_status;

/* Static English text for a status; never NULL, never freed. */
DYAD_API const char *dyad_strerror(dyad_status st);

/* Library version string, e.g. "0.1.0"; static storage. */
DYAD_API const char *dyad_version(void);

/* ------------------------------------------------------------------ */
/* Engine                                                              */
/* ------------------------------------------------------------------ */

typedef struct dyad_engine dyad_engine;

typedef struct dyad_config {
	/* Directory holding dyad's data files. NULL means the DYAD_DATA
	** environment variable, else the directory compiled in at build. */
	const char *data_dir;
	/* Load actor dictionaries (dyad_ctx_actors needs them). Off, the
	** engine only has what the text stages need, which loads faster. */
	int actors;
	/* With actors: do not load the defaults in DATA_DIR/actors/. */
	int no_default_dicts;
	/* With actors: more dictionaries to load after the defaults, in
	** order: files (any supported format, recognized by name and
	** content) or directories (their *.txt, *.actors, *.agents files in
	** name order). NULL-terminated; NULL for none. Not kept after
	** dyad_engine_new returns. */
	const char *const *dicts;
	/* Load verb patterns and the CAMEO table too (dyad_doc_events needs
	** them); implies actors. The defaults are DATA_DIR/verbs/ unless
	** no_default_dicts is set. Verb files among dicts (TABARI .verbs,
	** PETRARCH CAMEO.verbpatterns, dyad pattern files) are recognized by
	** name and content and go to the pattern engine. */
	int events;
	/* Treat each document's text as one sentence: no sentence splitting.
	** For TABARI-style records, which are coded as one text. */
	int one_sentence;
	/* Load the gazetteer (dyad_doc_places needs it); events imply it. */
	int places;
	/* The gazetteer to load: a compiled file (mapped into memory) or its
	** TSV source (compiled at load). NULL: DATA_DIR/gazetteer.bin, made
	** by tools/setup.sh, else the committed subset DATA_DIR/
	** gazetteer-subset.tsv (dyad_engine_gazetteer_stats says which). */
	const char *gazetteer;
} dyad_config;

/*
** Load an engine. cfg may be NULL for defaults. On success *out is a new
** engine owned by the caller (free with dyad_engine_free). On failure the
** status says why and, unless it is DYAD_NOMEM, *out is still a handle
** whose dyad_engine_errmsg() explains; the caller frees it.
*/
DYAD_API dyad_status dyad_engine_new(const dyad_config *cfg, dyad_engine **out);

/* Message of the last failure; owned by the engine, valid until it is
** freed. Empty string when there was none. */
DYAD_API const char *dyad_engine_errmsg(const dyad_engine *eng);

/* Frees an engine; NULL is a no-op. No context may still use it. */
DYAD_API void dyad_engine_free(dyad_engine *eng);

/* ------------------------------------------------------------------ */
/* Context and documents                                               */
/* ------------------------------------------------------------------ */

typedef struct dyad_ctx dyad_ctx;

/* New per-thread context over eng, which must outlive it. *out is owned
** by the caller (dyad_ctx_free). */
DYAD_API dyad_status dyad_ctx_new(const dyad_engine *eng, dyad_ctx **out);

/* Frees a context and everything it owns; NULL is a no-op. */
DYAD_API void dyad_ctx_free(dyad_ctx *ctx);

/* Message of the last failure on ctx; owned by ctx, valid until the next
** call on ctx. Empty string when there was none. */
DYAD_API const char *dyad_errmsg(const dyad_ctx *ctx);

/*
** One article as it arrives. Every pointer may be NULL except text; the
** strings are NUL-terminated UTF-8 (text need not be: text_len counts its
** bytes and it may hold NULs or invalid UTF-8). The library copies what it
** keeps, so the caller may reuse the memory after dyad_ctx_process.
*/
typedef struct dyad_input {
	const char *id;     /* document id; NULL: "origin" or "-" */
	const char *url;    /* source URL, if known */
	const char *date;   /* publication date from metadata (ISO 8601) */
	const char *source; /* outlet */
	const char *title;  /* headline */
	const char *lang;   /* language code from metadata, if any */
	const char *text;   /* article body, original bytes */
	size_t text_len;    /* bytes in text */
	const char *origin; /* where it came from: file path, for messages */
	size_t origin_line; /* line in origin (JSONL), 0 for whole files */
} dyad_input;

typedef struct dyad_doc dyad_doc;

/*
** Run the text stages on one article: UTF-8 repair, normalization with an
** offset map, PDF repair, boilerplate removal, sentences, tokens, script
** and language, document date. On success *out is owned by ctx and valid
** until the next dyad_ctx_process or dyad_ctx_free on ctx. DYAD_LIMIT
** means the article is over a cap in dyad_limits; DYAD_PARSE that it is
** not text (binary data). dyad_errmsg(ctx) says which.
*/
DYAD_API dyad_status dyad_ctx_process(dyad_ctx *ctx, const dyad_input *in,
				      const dyad_doc **out);

/*
** Character-level normalization of a fragment, without block structure:
** the function that turns the original bytes of a sentence span into its
** printed text. *out is NUL-terminated, owned by ctx, and valid until
** the next dyad_ctx_normalize or dyad_ctx_process on ctx.
*/
DYAD_API dyad_status dyad_ctx_normalize(dyad_ctx *ctx, const char *s, size_t n,
					const char **out, size_t *out_len);

/* How precisely a date is known. */
typedef enum {
	DYAD_PREC_NONE = 0,
	DYAD_PREC_YEAR,
	DYAD_PREC_MONTH,
	DYAD_PREC_WEEK,
	DYAD_PREC_DAY
} dyad_precision;

/* Static name of a precision: "none", "year", "month", "week", "day". */
DYAD_API const char *dyad_precision_name(dyad_precision p);

/* Where a document's date came from. */
typedef enum {
	DYAD_DATESRC_NONE = 0,
	DYAD_DATESRC_METADATA,
	DYAD_DATESRC_DATELINE,
	DYAD_DATESRC_TEXT
} dyad_date_source;

/* Static name: "none", "metadata", "dateline", "text". */
DYAD_API const char *dyad_date_source_name(dyad_date_source s);

/* Document-level facts. Pointers are owned by the doc's ctx and valid as
** long as the doc is. */
typedef struct dyad_doc_info {
	const char *id;     /* document id */
	const char *url;    /* "" when unknown */
	const char *source; /* "" when unknown */
	const char *title;  /* "" when unknown */
	const char *text;   /* original text bytes as given (copy) */
	size_t text_len;    /* bytes of text */
	char date[11];      /* "YYYY-MM-DD", "YYYY-MM", "YYYY" or "" */
	dyad_precision date_precision;
	dyad_date_source date_source;
	size_t date_start;  /* original span the date was read from; */
	size_t date_end;    /* both 0 for metadata or none */
	const char *lang;   /* ISO 639-1 where known, else "und" */
	const char *script; /* ISO 15924: "Latn", "Arab", ..., "Zyyy" */
	size_t n_sentences;
	size_t invalid_utf8; /* invalid byte sequences replaced by U+FFFD */
	size_t removed;      /* boilerplate spans removed */
} dyad_doc_info;

DYAD_API void dyad_doc_get_info(const dyad_doc *doc, dyad_doc_info *out);

/* One sentence. text is normalized UTF-8, not NUL-terminated; pointers
** valid as long as the doc. */
typedef struct dyad_sentence {
	size_t index;       /* 0-based within the document */
	size_t start, end;  /* original byte span */
	const char *text;   /* normalized text */
	size_t text_len;
	const char *lang;   /* ISO 639-1 where known, else "und" */
	const char *script; /* ISO 15924 */
	size_t n_tokens;
	int paragraph;      /* 0-based paragraph (block) index */
} dyad_sentence;

/* Fills *out with sentence i; DYAD_NOTFOUND when i is out of range. */
DYAD_API dyad_status dyad_doc_sentence(const dyad_doc *doc, size_t i,
				       dyad_sentence *out);

typedef enum {
	DYAD_TOK_WORD = 0,   /* letters, digits inside, hyphens, apostrophes */
	DYAD_TOK_NUMBER,     /* 8,525  3.5  1987 */
	DYAD_TOK_PUNCT,      /* . , ; : ! ? ( ) " ' - and Arabic ، ؛ ؟ */
	DYAD_TOK_POSSESSIVE, /* 's or a bare ' after a plural */
	DYAD_TOK_HASHTAG,    /* #Gaza */
	DYAD_TOK_HANDLE,     /* @AmiriDiwan */
	DYAD_TOK_SYMBOL      /* % $ & and anything else */
} dyad_token_kind;

/* Static name of a token kind. */
DYAD_API const char *dyad_token_kind_name(dyad_token_kind k);

/* One token; a view into the doc's normalized text. fold is the matching
** key: NFKC, case-folded, diacritics stripped. Valid as long as the doc. */
typedef struct dyad_token {
	dyad_token_kind kind;
	size_t start, end;  /* original byte span */
	const char *text;   /* normalized text, not NUL-terminated */
	size_t text_len;
	const char *fold;   /* matching key, not NUL-terminated */
	size_t fold_len;
} dyad_token;

/* Fills *out with token t of sentence s; DYAD_NOTFOUND when out of range. */
DYAD_API dyad_status dyad_doc_token(const dyad_doc *doc, size_t s, size_t t,
				    dyad_token *out);

/* A span of the original text left out of the sentences as boilerplate. */
typedef struct dyad_removed {
	size_t start, end; /* original byte span */
	const char *kind;  /* static: "url", "caption", "credit", "signature",
			   ** "signoff" */
} dyad_removed;

DYAD_API size_t dyad_doc_removed_count(const dyad_doc *doc);
DYAD_API dyad_status dyad_doc_removed_get(const dyad_doc *doc, size_t i,
					  dyad_removed *out);

/* ------------------------------------------------------------------ */
/* Reader                                                              */
/* ------------------------------------------------------------------ */

typedef struct dyad_reader dyad_reader;

/* New reader with nothing queued; owned by the caller (dyad_reader_free). */
DYAD_API dyad_status dyad_reader_new(dyad_reader **out);

/* Frees a reader; NULL is a no-op. */
DYAD_API void dyad_reader_free(dyad_reader *r);

/* Queue a path: a file (plain text = one article; .jsonl/.ndjson or a file
** whose first byte is '{' = one article per line; any of these may be
** gzip-compressed), a directory (read recursively, in byte order of
** names), or "-" for standard input. Paths are read in the order queued. */
DYAD_API dyad_status dyad_reader_add(dyad_reader *r, const char *path);

/*
** Next article. DYAD_OK: *out is filled; its pointers are owned by the
** reader and valid until the next call. DYAD_DONE: nothing left. Any other
** status: one item was skipped (unreadable file, malformed JSONL line,
** over a size limit); dyad_reader_errmsg says "file:line: reason" and the
** caller may simply call again to go on with the batch.
*/
DYAD_API dyad_status dyad_reader_next(dyad_reader *r, dyad_input *out);

/* Message for the last skipped item; owned by the reader, valid until the
** next call. */
DYAD_API const char *dyad_reader_errmsg(const dyad_reader *r);

/* Per-item warnings (e.g. an unknown non-string field) are not errors;
** this counts items skipped so far. */
DYAD_API size_t dyad_reader_skipped(const dyad_reader *r);

/* ------------------------------------------------------------------ */
/* Actors                                                              */
/* ------------------------------------------------------------------ */

/*
** Dictionary diagnostics from dyad_engine_new: every bad line of every
** dictionary, "file:line:col: reason". The engine loads what it can and
** skips the rest; a caller that wants warnings fatal checks the count.
** The text is owned by the engine and lives as long as it does; NULL
** past the end.
*/
DYAD_API size_t dyad_engine_diag_count(const dyad_engine *eng);
DYAD_API const char *dyad_engine_diag(const dyad_engine *eng, size_t i);

/* Sizes of the loaded dictionaries, and the time they took to load. */
typedef struct dyad_dict_stats {
	size_t files, entries, names, codes, warnings;
	double load_ms;     /* reading, parsing and compiling */
} dyad_dict_stats;
DYAD_API void dyad_engine_dict_stats(const dyad_engine *eng, dyad_dict_stats *out);

/* How a mention got its code. */
typedef enum {
	DYAD_HOW_DICTIONARY = 0, /* a dictionary entry matched its name */
	DYAD_HOW_ALIAS,          /* a surname learned from a full mention earlier or later in the article */
	DYAD_HOW_ROLE,           /* a role, composed with a country or organization when one is given */
	DYAD_HOW_COREF           /* a role ("the FM") resolved to a person named in the article */
} dyad_how;

/* "dictionary", "alias", "role", "coreference". */
DYAD_API const char *dyad_how_name(dyad_how h);

typedef struct dyad_mention {
	size_t sent;          /* sentence index */
	size_t start, end;    /* original byte span */
	const char *text;     /* normalized text of the span, not NUL-terminated */
	size_t text_len;
	const char *code;     /* CAMEO actor code, "" when no code is valid on the date */
	dyad_how how;
	const char *label;    /* the actor: its entry's first name, or the new name */
	const char *entry;    /* dictionary file:line of the entry that gave the code */
	const char *agent;    /* file:line of the role entry used, or "" */
	const char *post;     /* office ("foreign-minister") or "" */
	double confidence;    /* 0..1 */
	int candidate;        /* a name in no dictionary, coded by its role */
	const char *explain;  /* one line of reasoning, for --explain */
} dyad_mention;

/*
** Finds the actors of doc (the document the last dyad_ctx_process
** returned), coded on its date. *n gets the number of mentions, in text
** order. The work and its results belong to doc's context, so this is
** not for two threads at once on one document. The engine must have
** been made with cfg.actors set (else DYAD_BADARG).
*/
DYAD_API dyad_status dyad_doc_actors(const dyad_doc *doc, size_t *n);

/* Mention i of the last dyad_doc_actors. Pointers are owned by the
** context and valid until its next dyad_ctx_process. */
DYAD_API dyad_status dyad_doc_mention(const dyad_doc *doc, size_t i, dyad_mention *out);

/* ------------------------------------------------------------------ */
/* Events                                                              */
/* ------------------------------------------------------------------ */

/* How precisely a place is known. */
typedef enum {
	DYAD_GEO_NONE = 0,
	DYAD_GEO_COUNTRY,
	DYAD_GEO_ADMIN1,
	DYAD_GEO_CITY
} dyad_geo_precision;

/* Static name: "none", "country", "admin1", "city". */
DYAD_API const char *dyad_geo_precision_name(dyad_geo_precision p);

/* Modality flags of an event: data about the event, never a changed
** code. */
enum {
	DYAD_MOD_NEGATED = 1u << 0,      /* did not, refused to, denied */
	DYAD_MOD_HYPOTHETICAL = 1u << 1, /* would, will, may, plans to */
	DYAD_MOD_REPORTED = 1u << 2,     /* X said (that) Y ... */
	DYAD_MOD_QUESTION = 1u << 3      /* the sentence asks */
};

/* Comma-separated names of the flags set in m ("negated,reported"), or
** "" for none; static storage. */
DYAD_API const char *dyad_modality_name(unsigned m);

/*
** How events are coded. dyad_code_opts_init fills the defaults; the
** TABARI options that change coding can be set one options-file line at
** a time with dyad_code_opts_tabari, so a TABARI project's .options file
** keeps working.
*/
typedef struct dyad_code_opts {
	int keep_modal;       /* keep negated and hypothetical events */
	int explain;          /* build the per-sentence explanation */
	int code_by;          /* 0 clause (first event per clause), 1 sentence, 2 all */
	int comma_off;        /* keep comma-delimited clauses */
	int comma_min, comma_max;   /* words between two commas to drop a clause */
	int comma_emin, comma_emax; /* ... between a comma and the end */
	int comma_bmin, comma_bmax; /* ... between the start and a comma */
	int min_words;        /* sentences shorter than this are not coded */
	int convert_agents;   /* a role with no actor becomes an actor ("~COP") */
	/* dyad's rules for news prose, none of them TABARI's (1 by default;
	** a dyad_code_opts_tabari line that changes coding sets 0, to code
	** as TABARI would):
	** an opening prepositional phrase is a clause of its own, whose actors
	** are not the main verb's source ("In a post by IRNA on X, Raisi
	** said"); a relative clause after a comma is dropped whatever its
	** length; "the proposal" (the words of data/grammar.txt) stands for
	** the actor whose event last spoke of one in the document; a speaker
	** named after the comma that closes a quotation ("...," Singh said)
	** is the speech verb's source, and the quoted actors are not its
	** target; an actor right after "including" is an example of a list,
	** neither source nor target; an actor after "in" right after another
	** actor is where that actor is ("French troops in Mali"), no
	** participant; a subordinator before an actor ("after Turkey
	** closed") opens a clause with its own subject; no pronoun stands
	** for an actor after it, one in an opening phrase stands for the
	** subject after the phrase, and its/his/her for the nearest actor
	** before; a sentence with no actor, pronoun or proposal is skipped
	** without trying its verbs. */
	int news;
	/* Pronoun forwarding (TABARI FORWARD:): a pronoun with no actor before
	** it in its sentence stands for the first actor of the previous
	** sentence (that actor's code without its role: "FOR" for "Fornost
	** President X"), or for what that sentence's own forwarded pronoun
	** stood for. 0 off; 1 between the sentences of a document; 2 as 1,
	** and the document's first sentence continues the last sentence of
	** the previous document coded with the same context (a story fed one
	** sentence per document; the caller knows when that holds). */
	int forward;
	char default_source[16], default_target[16]; /* "" = none */
	int default_source_prior;  /* use the default when no actor precedes the verb */
	int default_target_after;  /* use the default when no actor follows the verb */
	/* Complexity filter (TABARI COMPLEX:); 0 = off. */
	int cx_verbs, cx_actors, cx_pronouns, cx_conj, cx_comma, cx_lateverb;
	int cx_noactprior, cx_noactafter, cx_noverb, cx_nosource, cx_notarget, cx_noevent;
} dyad_code_opts;

DYAD_API void dyad_code_opts_init(dyad_code_opts *o);

/*
** Applies one line of a TABARI .options file ("COMMA: OFF", "SET: CODE
** BY SENTENCE", "COMPLEX: VERBS[5] NOACTPRIOR", "DEFAULT: SOURCE [X]
** PRIOR", "SET: MINIMUM WORDS = 4", "FORWARD: ^^***NNN*SSS" sets forward
** to 1 and "FORWARD: ... OFF" to 0, ...). Lines that do not change coding
** (LABEL:, OUTPUT:, SET: HAIKU ...) are accepted and ignored. DYAD_PARSE
** for a line it cannot read; msg (DYAD_ERRMSG_MAX bytes, may be NULL)
** then says why.
*/
#define DYAD_ERRMSG_MAX 256
DYAD_API dyad_status dyad_code_opts_tabari(dyad_code_opts *o, const char *line,
					   char *msg);

/* What happened to a whole sentence. */
typedef enum {
	DYAD_SENT_CODED = 0,   /* patterns tried; events (maybe none) made */
	DYAD_SENT_DISCARDED,   /* a discard phrase matched ([###]) */
	DYAD_SENT_COMPLEX,     /* a complex phrase ([+++]) or a COMPLEX: rule */
	DYAD_SENT_SHORT,       /* under min_words */
	DYAD_SENT_SKIPPED      /* not English; no actors and no verbs; or, under the
			       ** news rules, no actor, pronoun or proposal that an
			       ** event could be about (its verbs are not tried) */
} dyad_sent_status;

/* Static name: "coded", "discarded", "complex", "short", "skipped". */
DYAD_API const char *dyad_sent_status_name(dyad_sent_status s);

typedef struct dyad_event {
	char id[17];          /* 16 hex digits; hash of doc, sentence, spans, code */
	size_t sent;          /* sentence index */
	const char *date;     /* the event's date ("YYYY-MM-DD" or shorter), or "" */
	const char *source;   /* actor code, "" when none was found */
	const char *target;
	const char *cameo;    /* "0231"; a string, leading zeros kept */
	char root[3];         /* "02" */
	int quad;             /* QuadClass 1..4; 0 when the code is unknown */
	double goldstein;     /* -10..10; 0 when unknown (see has_goldstein) */
	int has_goldstein;
	const char *plover;   /* PLOVER category ("CONSULT") or "" */
	unsigned modality;    /* DYAD_MOD_* */
	size_t src_start, src_end;   /* original spans; 0,0 when absent */
	size_t verb_start, verb_end;
	size_t tgt_start, tgt_end;
	const char *source_label, *target_label; /* actor names, or "" */
	const char *source_how, *target_how;     /* how each was found */
	const char *pattern;  /* "file:line" of the pattern or verb entry */
	const char *pattern_text; /* the pattern as written */
	double confidence;    /* 0..1, from how the match was made */
	/* When: date above, its precision, and how it was resolved (static
	** name: "document" when the article's own date stands in; the
	** date stage names its other rules). date_start/date_end span the
	** date expression in the original text; 0,0 when none. historical:
	** the sentence speaks of an earlier time ("the 2006 war"), so this is
	** no current event. */
	dyad_precision date_precision;
	const char *date_how;
	size_t date_start, date_end;
	int historical;
	/* Where: the place linked to the event, never a silent centroid.
	** place is its name ("" when none), country ISO 3166-1 alpha-2
	** ("QA"), admin1 ISO 3166-2 ("QA-DA"); lat/lon are meaningful only
	** when geo_precision is not DYAD_GEO_NONE. place_how is a static
	** name ("none" when unplaced; the place stage names its rules);
	** place_start/place_end span the place mention, 0,0 when none. */
	const char *place, *country, *admin1;
	double lat, lon;
	dyad_geo_precision geo_precision;
	const char *place_how;
	size_t place_start, place_end;
} dyad_event;

/*
** Codes the events of doc (the last document dyad_ctx_process returned)
** on its date, using the engine's actors and patterns (cfg.events). opts
** may be NULL for the defaults. *n gets the number of events, in text
** order. Results belong to doc's context, valid until its next
** dyad_ctx_process. DYAD_BADARG when the engine has no patterns.
*/
DYAD_API dyad_status dyad_doc_events(const dyad_doc *doc,
				     const dyad_code_opts *opts, size_t *n);

/* Event i of the last dyad_doc_events; pointers owned by the context. */
DYAD_API dyad_status dyad_doc_event(const dyad_doc *doc, size_t i, dyad_event *out);

/* Outcome of sentence s in the last dyad_doc_events, and (when opts.explain
** was set) its explanation: tokens, actors, verbs, patterns tried and why
** an event was or was not made; "" otherwise. Owned by the context. */
DYAD_API dyad_sent_status dyad_doc_sent_status(const dyad_doc *doc, size_t s,
					       const char **explain);

/* Facts of a CAMEO event code from the engine's table: quad, Goldstein,
** PLOVER and a short label. DYAD_NOTFOUND for a code not in the table. */
typedef struct dyad_cameo_info {
	const char *code, *label, *plover; /* owned by the engine */
	int quad;
	double goldstein;
} dyad_cameo_info;
DYAD_API dyad_status dyad_engine_cameo(const dyad_engine *eng, const char *code,
				       dyad_cameo_info *out);

/* Sizes of the loaded pattern dictionaries. */
typedef struct dyad_pattern_stats {
	size_t files, verbs, forms, patterns, synsets, warnings;
	double load_ms;     /* 0: verb files are read with the dictionaries, whose
			    ** dyad_dict_stats.load_ms counts them */
} dyad_pattern_stats;
DYAD_API void dyad_engine_pattern_stats(const dyad_engine *eng, dyad_pattern_stats *out);

/* ------------------------------------------------------------------ */
/* Dates: when events happened (dates.c)                               */
/* ------------------------------------------------------------------ */

/*
** The date stage reads each event's date from its sentence ("on
** Tuesday", "Thursday night", "yesterday", "last week", "October 31",
** "three weeks ago", "earlier this month", "in 1948") and resolves it
** against the document's date; the rules and their names are in
** docs/dates.md. The same normalizer is offered here on its own.
*/

/* A date expression and the date it stands for. */
typedef struct dyad_date_value {
	size_t sent;          /* sentence index (dyad_doc_date); 0 otherwise */
	size_t start, end;    /* byte span of the expression: in the original
			      ** text of the document (dyad_doc_date), in the
			      ** text given (dyad_date_resolve) */
	char date[11];        /* "YYYY-MM-DD", "YYYY-MM" or "YYYY"; a week is
			      ** named by its Monday; "" when it cannot be
			      ** resolved (a relative expression and no date to
			      ** count from) */
	dyad_precision precision; /* DYAD_PREC_NONE when date is "" */
	const char *how;      /* static rule name: "absolute", "named",
			      ** "month-day", "month", "weekday",
			      ** "relative-day", "relative-period", "ago" */
	int bound;            /* it follows "since" or "until": it bounds a
			      ** span and dates no event */
	int historical;       /* its period ended over a year before the
			      ** document's date */
} dyad_date_value;

/* Resolve toward the future: the event is planned ("will meet on
** Tuesday" is the next Tuesday, not the last). */
#define DYAD_DATE_FUTURE 1u

/*
** Finds the first date expression in text[0..len) and resolves it
** against doc_date ("YYYY-MM-DD", "YYYY-MM" or "YYYY"; NULL or "" when
** there is none, and then only expressions that name their year
** resolve). The text is taken to be a date expression, so a month or a
** year standing alone counts ("October", "1998"), which inside a
** sentence needs a preposition before it. flags: 0 or DYAD_DATE_FUTURE.
** DYAD_NOTFOUND when the text holds no date expression, DYAD_BADARG for a
** doc_date that is not ISO 8601. eng needs no dictionaries.
*/
DYAD_API dyad_status dyad_date_resolve(const dyad_engine *eng, const char *text,
				       size_t len, const char *doc_date,
				       unsigned flags, dyad_date_value *out);

/*
** Finds the date expressions in every sentence of doc (the document the
** last dyad_ctx_process returned), each resolved against its date as
** for an event that has happened, unless a word that looks ahead
** ("will", "scheduled") comes before it in its clause. *n gets their
** number, in text order.
** Results belong to doc's context, valid until its next
** dyad_ctx_process; dyad_doc_date reads them.
*/
DYAD_API dyad_status dyad_doc_dates(const dyad_doc *doc, size_t *n);
DYAD_API dyad_status dyad_doc_date(const dyad_doc *doc, size_t i,
				   dyad_date_value *out);

/* ------------------------------------------------------------------ */
/* Places: the gazetteer and where events happened (places.c)          */
/* ------------------------------------------------------------------ */

/* A place of the gazetteer. Strings are owned by the engine. */
typedef struct dyad_place {
	const char *name;       /* the name to print ("Doha") */
	const char *country;    /* ISO 3166-1 alpha-2 ("QA") */
	const char *admin1;     /* ISO 3166-2 ("QA-DA"), "" when unknown */
	double lat, lon;        /* a country's or division's representative point */
	unsigned long population;
	unsigned long geonames_id; /* 0 when none */
	dyad_geo_precision precision; /* country, admin1 or city */
	const char *feature;    /* static: "capital", "admin-seat", "city",
				** "locality", "country", "admin1", "region" */
} dyad_place;

/* What the engine's gazetteer is and what loading it cost. */
typedef struct dyad_gazetteer_stats {
	const char *path;       /* the file loaded ("" when none); engine-owned */
	int subset;             /* 1: the committed subset, not the full file */
	size_t places;
	size_t nodes;           /* entries of its name index: a word after a prefix */
	size_t bytes;
	double load_ms;         /* mapping and checking, or compiling the TSV */
} dyad_gazetteer_stats;
DYAD_API void dyad_engine_gazetteer_stats(const dyad_engine *eng, dyad_gazetteer_stats *out);

/*
** The places named name (matched as the recognizer matches text: case,
** accents, spaces and punctuation ignored): *n gets how many, and when
** out is not NULL it gets candidate i (i < *n), in the gazetteer's order.
** DYAD_NOTFOUND when no place has that name, DYAD_BADARG without a
** gazetteer (cfg.places).
*/
DYAD_API dyad_status dyad_engine_place_lookup(const dyad_engine *eng, const char *name,
					      size_t i, size_t *n, dyad_place *out);

/* A place named in a document, and which place it was taken to be. */
typedef struct dyad_place_mention {
	size_t sent;            /* sentence index */
	size_t start, end;      /* original byte span of the name */
	const char *text;       /* normalized text of the name, not NUL-terminated */
	size_t text_len;
	dyad_place place;       /* the place chosen */
	size_t candidates;      /* places with that name */
	const char *cue;        /* static: "in" (a locative preposition), "to"
				** (motion), "based" ("Doha-based"), "dateline",
				** "qualified" ("Alexandria, Virginia"), "" */
	const char *how;        /* static: why this place; docs/places.md */
} dyad_place_mention;

/*
** Finds the places named in doc (the last document dyad_ctx_process
** returned) and resolves each; *n gets their number, in text order.
** Results belong to doc's context, valid until its next dyad_ctx_process.
** DYAD_BADARG when the engine has no gazetteer.
*/
DYAD_API dyad_status dyad_doc_places(const dyad_doc *doc, size_t *n);
/* Place mention i of the last dyad_doc_places (or dyad_doc_events). */
DYAD_API dyad_status dyad_doc_place(const dyad_doc *doc, size_t i, dyad_place_mention *out);

/*
** Compiles a gazetteer TSV (tools/mkgazetteer.js) into the file format
** the engine maps (docs/places.md). msg (DYAD_ERRMSG_MAX bytes) says why
** on failure ("file:line: reason").
*/
DYAD_API dyad_status dyad_gazetteer_compile(const char *tsv_path, const char *out_path,
					    char *msg);

/* ------------------------------------------------------------------ */
/* Store: SQLite, dedup, query and export (store.c, dedup.c)           */
/* ------------------------------------------------------------------ */

/*
** The store keeps coded articles in one SQLite file: documents (id, URL,
** outlet, title, date, content hash, near-duplicate link), the
** sentences that carry an event and their actor mentions (every sentence
** with dyad_store_opts.all_sentences), event mentions (every coded event,
** with its provenance: document, sentence, spans, pattern, confidence,
** modality, date and place) and events (mentions clustered: the same
** date, source, target, CAMEO root and place). docs/store.md describes
** the schema and the rules.
**
** Ingest is idempotent: a document whose id and content hash are already
** stored is skipped without being processed, and a document whose content
** changed replaces its old rows. Documents are written in batches, one
** transaction each; each document is all or nothing, and a crash loses at
** most the open batch. A store handle is for one thread.
*/
typedef struct dyad_store dyad_store;

typedef struct dyad_store_opts {
	int batch;            /* documents per transaction; 0: 10000 */
	int busy_ms;          /* how long to wait for another process's lock;
			      ** 0: 5000; negative: do not wait */
	double dup_threshold; /* estimated word-shingle resemblance from which
			      ** two articles are near-duplicates; 0: 0.7 */
	int readonly;         /* open for queries only; the file must exist */
	int all_sentences;    /* store every sentence and actor mention of the
			      ** documents ingested; 0: only the evidence, the
			      ** sentences with an event mention and their
			      ** actor mentions */
	int batch_ms;         /* a transaction is also committed once open this
			      ** long, so another writer's wait stays short;
			      ** 0: 2000 */
} dyad_store_opts;

/* The defaults (all fields 0). */
DYAD_API void dyad_store_opts_init(dyad_store_opts *o);

/*
** Opens (creating when needed, unless readonly) the store at path and
** brings its schema up to date. o may be NULL for the defaults. On
** success *out is owned by the caller (dyad_store_close). On failure the
** status says why and, unless it is DYAD_NOMEM, *out is still a handle
** whose dyad_store_errmsg explains; the caller closes it. DYAD_PARSE: not
** a dyad database, or one made by a newer dyad; DYAD_BUSY: locked by
** another process past busy_ms.
*/
DYAD_API dyad_status dyad_store_open(const char *path, const dyad_store_opts *o,
				     dyad_store **out);

/* Message of the last failure on st; owned by st, valid until the next
** call on it. Empty string when there was none. */
DYAD_API const char *dyad_store_errmsg(const dyad_store *st);

/* Commits the open batch and closes; NULL is a no-op. Returns the
** status of that last commit (the handle is freed whatever it is). */
DYAD_API dyad_status dyad_store_close(dyad_store *st);

/* What dyad_store_ingest did with one article. */
typedef enum {
	DYAD_INGEST_NEW = 0,   /* a document the store did not have */
	DYAD_INGEST_REPLACED,  /* same id, new content: old rows replaced */
	DYAD_INGEST_UNCHANGED  /* same id and content: nothing written */
} dyad_ingest_outcome;

typedef struct dyad_ingest_result {
	dyad_ingest_outcome outcome;
	size_t bytes;      /* bytes of article text */
	size_t sentences;  /* sentence rows written (0 when unchanged) */
	size_t actors;     /* actor mentions stored (with their sentences) */
	size_t mentions;   /* event mentions written */
	int duplicate;     /* linked as a near-duplicate of an earlier article */
	int committed;     /* this call committed a batch */
} dyad_ingest_result;

/*
** Ingests one article: unless the store already has its id with the same
** content, runs dyad_ctx_process, dyad_doc_actors and dyad_doc_events
** (opts may be NULL for the defaults; negated and hypothetical events are
** always kept as mentions, never counted as events) on ctx, whose engine
** needs cfg.events, and writes the rows. Commits when the batch is full.
** On failure nothing of this article is written, the rest of the batch
** stands, and dyad_store_errmsg says why (for a processing failure, the
** context's message). res may be NULL.
*/
DYAD_API dyad_status dyad_store_ingest(dyad_store *st, dyad_ctx *ctx, const dyad_input *in,
				       const dyad_code_opts *opts, dyad_ingest_result *res);

/* Commits the open batch (clustering its events first); DYAD_OK when
** none is open. */
DYAD_API dyad_status dyad_store_commit(dyad_store *st);

/* Row counts. duplicates: documents linked as near-duplicates. */
typedef struct dyad_store_counts {
	size_t documents, duplicates, sentences, actors, mentions, events;
} dyad_store_counts;
DYAD_API dyad_status dyad_store_counts_get(dyad_store *st, dyad_store_counts *out);

/*
** Checks the file (SQLite's integrity check) and the rows: no orphan
** sentence, actor or mention; every clusterable mention in an event;
** every event's counts equal to what its mentions give; every
** near-duplicate link to a stored document. DYAD_OK, or DYAD_CORRUPT
** with the first problem in dyad_store_errmsg.
*/
DYAD_API dyad_status dyad_store_check(dyad_store *st);

/* Which events a query returns; zeroed fields (NULL, 0) do not filter. */
typedef struct dyad_event_filter {
	const char *source;  /* source code or prefix: "PSE" matches "PSEREBHMS" */
	const char *target;  /* target code or prefix */
	const char *actor;   /* source or target code or prefix */
	const char *cameo;   /* event code or prefix ("04" is the 04 family) */
	const char *root;    /* CAMEO root, two digits */
	const char *plover;  /* PLOVER category, any case */
	const char *from;    /* YYYY[-MM[-DD]]: events whose date reaches it */
	const char *to;      /* YYYY[-MM[-DD]]: events whose date starts by it */
	const char *country; /* ISO 3166-1 alpha-2 of the place, any case */
	const char *text;    /* in one of the sentences (ASCII case ignored) */
	int near;            /* only placed events within km of lat, lon */
	double lat, lon, km;
} dyad_event_filter;

/* One event (a cluster of mentions). Strings are owned by the query and
** valid until its next dyad_store_query_next or dyad_store_query_free. */
typedef struct dyad_store_event {
	char id[17];          /* 16 hex digits: the same for the same cluster
			      ** key in every database */
	const char *date;     /* "YYYY-MM-DD", "YYYY-MM", "YYYY" or "" */
	dyad_precision date_precision;
	const char *source, *target;             /* CAMEO actor codes */
	const char *source_label, *target_label; /* actor names, or "" */
	const char *cameo;    /* the code most mentions gave, a string */
	char root[3];         /* CAMEO root: the event family */
	int quad;             /* 1..4, 0 unknown */
	double goldstein;
	int has_goldstein;
	const char *plover;   /* "" when none */
	const char *place, *country, *admin1; /* "" when unplaced */
	double lat, lon;      /* meaningful when geo_precision is not NONE */
	dyad_geo_precision geo_precision;
	size_t mentions;      /* event mentions clustered here */
	size_t sources;       /* distinct outlets; near-duplicates count once */
	size_t articles;      /* distinct articles; near-duplicates count once */
	int root_event;       /* a mention is in an article's first sentence */
	const char *url;      /* URL of the earliest article, or "" */
	const char *doc;      /* id of the earliest article */
	const char *added;    /* day the event was first stored, YYYY-MM-DD */
} dyad_store_event;

typedef struct dyad_store_query dyad_store_query;

/* Starts a query over the events of st, in order of date, source,
** target, code and id. f may be NULL for every event. *out is owned by
** the caller (dyad_store_query_free) and must be freed before st is
** closed. DYAD_BADARG: a bad filter value, said in dyad_store_errmsg. */
DYAD_API dyad_status dyad_store_query_new(dyad_store *st, const dyad_event_filter *f,
					  dyad_store_query **out);

/* Next event: DYAD_OK with *out filled, DYAD_DONE at the end, another
** status on failure (message on the store). */
DYAD_API dyad_status dyad_store_query_next(dyad_store_query *q, dyad_store_event *out);

/* Frees a query; NULL is a no-op. */
DYAD_API void dyad_store_query_free(dyad_store_query *q);

#ifdef __cplusplus
}
#endif
#endif /* DYAD_H */
