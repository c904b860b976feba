/*
** dyad_limits.h — caps for untrusted input, in one place.
**
** Each cap bounds the memory or time one hostile article can cost. Each
** can be overridden at build time with -DNAME=VALUE. Exceeding a cap is
** reported as DYAD_LIMIT with a message naming the cap, never a crash.
*/
#ifndef DYAD_LIMITS_H
#define DYAD_LIMITS_H

/* Largest article text accepted, in bytes. Larger ones are skipped with a
** message; 16 MiB is three orders of magnitude above a long feature. */
#ifndef DYAD_MAX_DOC_BYTES
#define DYAD_MAX_DOC_BYTES (16u << 20)
#endif

/* Longest JSONL line read; JSON escaping can make a line several times its
** text, so this is larger than DYAD_MAX_DOC_BYTES. */
#ifndef DYAD_MAX_LINE_BYTES
#define DYAD_MAX_LINE_BYTES (64u << 20)
#endif

/* Sentences kept per document; the rest of a longer document is dropped
** with a message. */
#ifndef DYAD_MAX_SENTENCES
#define DYAD_MAX_SENTENCES 200000u
#endif

/* Tokens per sentence: a "sentence" with more (a table, a list without
** punctuation) is cut into pieces of at most this many tokens. */
#ifndef DYAD_MAX_SENT_TOKENS
#define DYAD_MAX_SENT_TOKENS 400u
#endif

/* Bytes in one field of metadata (id, url, title...) kept by the reader. */
#ifndef DYAD_MAX_FIELD_BYTES
#define DYAD_MAX_FIELD_BYTES 4096u
#endif

/* Directory nesting followed by the reader (guards against loops). */
#ifndef DYAD_MAX_DIR_DEPTH
#define DYAD_MAX_DIR_DEPTH 64
#endif

/* Date expressions, and the commas and clause words between them and
** the events, kept per sentence by the date stage (dates.c); those past
** the caps are not read, so an event there takes a nearer date or the
** document's. */
#ifndef DYAD_MAX_SENT_DATES
#define DYAD_MAX_SENT_DATES 32u
#endif
#ifndef DYAD_MAX_SENT_CUTS
#define DYAD_MAX_SENT_CUTS 64u
#endif

#endif /* DYAD_LIMITS_H */
