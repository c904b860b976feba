/*
** inflect.h — the inflected forms of English verbs, for the verb-pattern
** engine (patterns.c).
**
** Verb patterns are written with base forms ("meet", "deny"), while news
** text uses every form ("met", "denies", "meeting"). Two sources give them:
** the regular spelling rules below, which need no data, and the irregular
** table generated from WordNet's verb exceptions (data/verbs/irregular.txt,
** made by tools/mkirregular.sh), which supplies what the rules cannot
** ("went", "said") and the doubled consonants they never write
** ("stopped", "stopping"). Which forms to use when both apply is the
** caller's choice. Nothing here is API.
*/
#ifndef DYAD_INFLECT_H
#define DYAD_INFLECT_H

#include <stddef.h>

#include "dyad_int.h"

/* Room for one inflected form and its NUL. */
#define DYAD__FORM_MAX 64

/* The regular third-person, past and -ing forms of base (lower-case ASCII
** letters, n bytes), written NUL-terminated into out[0], out[1], out[2].
** English spelling rules: +es after a sibilant (push, fix, buzz) and after
** a consonant + o (veto); consonant + y -> ies, ied (deny); a final
** silent e is dropped before -ing and takes only -d (vote: voted, voting)
** but stays after e, o or y (agree: agreeing; hoe: hoeing; dye: dyeing)
** and in "be"; -ie becomes -ying (tie: tying). Consonants are never
** doubled: the irregular table supplies "stopped", "stopping". Returns 0,
** or -1 (with out[0..2] empty strings) when base is empty, too long
** (n + 4 > DYAD__FORM_MAX) or not all lower-case letters. */
int dyad__inflect_regular(const char *base, size_t n, char out[3][DYAD__FORM_MAX]);

/* The irregular-verb table: bases and their forms, read once at engine
** load and then only read, so threads may share it. */
typedef struct dyad__irregular dyad__irregular;

/* Parses the bytes buf[0..n) of an irregular-verbs file
** (data/verbs/irregular.txt, format in its header) read from path. A bad
** line is skipped, not fatal: *bad gets the number of bad lines, and msg
** (DYAD__MSG_MAX bytes) "path:line: reason" for the first of them, or ""
** when there is none. The table owns copies of the strings, so buf may be
** freed at once. Returns a table the caller frees with
** dyad__irregular_free; NULL only when out of memory (msg then says so). */
dyad__irregular *dyad__irregular_parse(const char *path, const char *buf, size_t n,
				       size_t *bad, char *msg);

/* The irregular forms of base[0..n): a NUL-separated list ended by an
** empty string ("met\0" "\0"), owned by t and valid until
** dyad__irregular_free(t); NULL when base has no entry. One hash lookup. */
const char *dyad__irregular_forms(const dyad__irregular *t, const char *base, size_t n);

/* Number of bases in t. */
size_t dyad__irregular_count(const dyad__irregular *t);

/* Frees t and everything it owns; NULL is a no-op. */
void dyad__irregular_free(dyad__irregular *t);

#endif /* DYAD_INFLECT_H */
