/*
** dict.h — the one dictionary model every reader fills.
**
** dyad reads actor knowledge from several formats: its own (dict.c,
** docs/dictionaries.md) and the field's TABARI and PETRARCH/Phoenix
** actors, agents and discards files (dict_compat.c). Each reader walks
** its file and calls the builder below: start an entry, add its names,
** add its codes. The builder owns everything; the readers keep no state
** of their own after they return. dyad__dict_compile then turns the
** entries into the matcher that actors.c runs over tokens.
**
** Diagnostics are collected, never printed: every bad line is one
** message "file:line:col: reason", all of them rather than the first.
*/
#ifndef DYAD_DICT_H
#define DYAD_DICT_H

#include <stddef.h>
#include <stdint.h>

#include "dyad_int.h"

/* What an entry is. */
typedef enum dyad__ekind {
	DYAD__E_ACTOR = 0,  /* a full actor: country, organization, person */
	DYAD__E_AGENT = 1,  /* a role that refines an actor: "foreign minister" */
	DYAD__E_DISCARD = 2 /* a phrase that makes a sentence (or story) skipped */
} dyad__ekind;

/* Flags of a name. */
enum {
	DYAD__N_ADJ = 1u << 0,      /* adjective or demonym ("Iranian") */
	DYAD__N_CAPITAL = 1u << 1,  /* a capital used for its government */
	DYAD__N_STEM = 1u << 2,     /* the last word may go on ("IRANIAN" matches "Iranians") */
	DYAD__N_PLURAL = 1u << 3,   /* an explicit plural form of the entry */
	DYAD__N_STORY = 1u << 4,    /* discard: the whole story, not the sentence */
	DYAD__N_CAPS = 1u << 5,     /* set by the builder: matches text in capitals only */
	DYAD__N_ANYCASE = 1u << 6,  /* a TABARI file: all names are in capitals, so
				    ** the capitals-only rule cannot apply */
	DYAD__N_GAPS = 1u << 7,     /* a TABARI phrase: a blank between two words lets
				    ** other words come between them (DYAD__KEY_GAP) */
	DYAD__N_EXACT = 1u << 8     /* no regular plural (TABARI "MOUSE=", §5.2.3) */
};

/* The byte a blank of a DYAD__N_GAPS name leaves in its key: keys are
** otherwise letters and digits, so it can be nothing else. */
#define DYAD__KEY_GAP '\x01'

/* Flags of an entry. */
enum {
	DYAD__F_PERSON = 1u << 0,   /* surnames become in-document aliases */
	DYAD__F_TABARI = 1u << 1    /* an agent of a TABARI/PETRARCH file: placed and
				    ** composed by TABARI's rules (§5.4) */
};

/* Severity of a diagnostic. */
typedef enum dyad__sev { DYAD__WARN = 0, DYAD__ERROR = 1 } dyad__sev;

/*
** One code of an entry. An actor code is a string of 3-character CAMEO
** elements ("IRNGOV"); an agent code is written "~GOV" (appended to the
** actor's code) or "IGO~" (put before it). from and to are inclusive
** dates as YYYYMMDD integers, 0 for an open end; a code with both 0 is
** the entry's default. The first code valid on a date wins.
*/
typedef struct dyad__code {
	uint32_t text;     /* offset of the NUL-terminated code in the pool */
	int32_t from, to;  /* YYYYMMDD, 0 = open */
	uint32_t post;     /* offset of the post ("foreign-minister") or 0 = none */
	uint32_t line;     /* line of the code in its file */
} dyad__code;

typedef struct dyad__name {
	uint32_t text;     /* offset of the name as written (NUL-terminated) */
	uint32_t key;      /* offset of its matching key (NUL-terminated) */
	uint32_t entry;    /* index of its entry */
	uint32_t line;     /* line of the name in its file */
	uint16_t flags;    /* DYAD__N_* */
} dyad__name;

typedef struct dyad__entry {
	uint32_t file;     /* index into the file table */
	uint32_t line;     /* line of the entry's first name */
	uint32_t code0, ncodes;  /* codes [code0, code0 + ncodes) */
	uint32_t name0, nnames;  /* names [name0, name0 + nnames) */
	uint32_t note;     /* offset of a note, or 0 */
	uint8_t kind;      /* dyad__ekind */
	uint8_t flags;     /* DYAD__F_* */
} dyad__entry;

typedef struct dyad__dict dyad__dict;

/* A new, empty builder; NULL when out of memory. Freed by dyad__dict_free. */
dyad__dict *dyad__dict_new(void);
/* Frees d and everything it owns; accepts NULL. */
void dyad__dict_free(dyad__dict *d);

/* Registers a source file by the path to show in messages; returns its
** index. The builder keeps its own copy of path. */
uint32_t dyad__dict_file(dyad__dict *d, const char *path);

/*
** Starts an entry of kind at file:line; names, codes and notes added next
** belong to it. Returns 0, or -1 out of memory (the builder then refuses
** everything and dyad__dict_nomem says so).
*/
int dyad__dict_entry(dyad__dict *d, dyad__ekind kind, uint32_t file, uint32_t line);
/* Marks the current entry (DYAD__F_*). */
void dyad__dict_entry_flags(dyad__dict *d, unsigned flags);
/*
** Adds a name to the current entry, as written: words separated by
** spaces or underscores; case, diacritics, hyphens, dots and apostrophes
** do not matter for matching. A name whose key is three characters or
** fewer and is written in capitals ("US", "UN", "FM") then only matches
** text in capitals. Returns 0; 1 when the name has no letter or digit
** (the caller reports it); -1 out of memory.
*/
int dyad__dict_name(dyad__dict *d, const char *s, size_t n, unsigned flags,
		    uint32_t line);
/* Adds a code (see dyad__code) to the current entry; post may be NULL.
** Returns 0, or -1 out of memory. The caller validates the syntax. */
int dyad__dict_code(dyad__dict *d, const char *code, size_t n, int32_t from,
		    int32_t to, const char *post, uint32_t line);
/* Sets the current entry's note (free text for --explain). */
int dyad__dict_note(dyad__dict *d, const char *s, size_t n);

/* Records "path:line:col: message" for file. col is 1-based; 0 omits it. */
void dyad__dict_diag(dyad__dict *d, dyad__sev sev, uint32_t file, uint32_t line,
		     uint32_t col, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 7)))
#endif
	;

/* Counts and messages. Messages are owned by d, valid until it is freed. */
size_t dyad__dict_ndiag(const dyad__dict *d, size_t *warnings, size_t *errors);
const char *dyad__dict_diag_text(const dyad__dict *d, size_t i, dyad__sev *sev);
int dyad__dict_nomem(const dyad__dict *d);

/*
** Helpers the readers share. A code's syntax: actor codes are 3 to 30
** characters in groups of three, each A-Z or 0-9 ("IRNGOV", "IGOUNO",
** "---GOV" is refused); agent codes are "~" + such a code or such a code
** + "~". Returns 1 if valid.
*/
int dyad__dict_code_ok(const char *s, size_t n, dyad__ekind kind);
/*
** Parses a date as written in dictionaries: YYYY-MM-DD, YYYY-MM, YYYY
** (dyad format), YYMMDD or YYYYMMDD (TABARI). to_end picks the last day of
** a month or year ("2024" as an end means 20241231). Returns YYYYMMDD,
** or -1 when malformed or out of range.
*/
int32_t dyad__dict_date(const char *s, size_t n, int to_end);

/* ---- readers ---------------------------------------------------- */

/* Which reader a file needs. */
typedef enum dyad__dformat {
	DYAD__FMT_AUTO = 0,
	DYAD__FMT_DYAD,          /* docs/dictionaries.md */
	DYAD__FMT_TABARI_ACTORS, /* TABARI / PETRARCH .actors (Phoenix.*.actors.txt) */
	DYAD__FMT_TABARI_AGENTS, /* .agents (Phoenix.agents.txt) */
	DYAD__FMT_TABARI_DISCARDS
} dyad__dformat;

/* Guesses the format from the name and the first bytes. */
dyad__dformat dyad__dict_sniff(const char *path, const char *buf, size_t n);

/*
** Reads one file's bytes (buf[0..n), not NUL-terminated; any bytes, any
** line ending) into d, reporting every bad line and going on. Returns 0,
** or -1 only when out of memory. dict.c: dyad format; dict_compat.c: the
** TABARI formats.
*/
int dyad__dict_read_dyad(dyad__dict *d, uint32_t file, const char *buf, size_t n);
int dyad__dict_read_tabari(dyad__dict *d, uint32_t file, dyad__dformat fmt,
			   const char *buf, size_t n);

/* ---- after loading --------------------------------------------- */

/* Read access for the matcher and tests; valid until d is freed. */
size_t dyad__dict_nentries(const dyad__dict *d);
size_t dyad__dict_nnames(const dyad__dict *d);
size_t dyad__dict_ncodes(const dyad__dict *d);
const dyad__entry *dyad__dict_entry_at(const dyad__dict *d, size_t i);
const dyad__name *dyad__dict_name_at(const dyad__dict *d, size_t i);
const dyad__code *dyad__dict_code_at(const dyad__dict *d, size_t i);
const char *dyad__dict_str(const dyad__dict *d, uint32_t off);
const char *dyad__dict_file_path(const dyad__dict *d, uint32_t file);

/* The code of entry e valid on date (YYYYMMDD; 0 = unknown, which picks
** the default, else the latest-starting code); NULL when none. */
const dyad__code *dyad__dict_code_on(const dyad__dict *d, const dyad__entry *e,
				     int32_t date);

#endif /* DYAD_DICT_H */
