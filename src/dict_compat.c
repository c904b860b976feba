/*
** dict_compat.c — readers of the field's dictionary formats: TABARI and
** PETRARCH/Phoenix actors, agents and discards files.
**
** These files are how twenty years of event-data dictionaries were
** written, so dyad reads them as they are, defects included, and turns
** them into the same entries, names and codes as its own format (dict.c).
** One line-driven reader serves the three kinds; an entry (a primary
** phrase, its '+' synonyms and its code lines) is gathered first and
** handed to the builder when the next one starts, because its kind (an
** inline agent in an actors file, a pure discard) is only known from its
** codes. The rules and where they come from ("§" = the TABARI manual,
** ../shared/reference/tabari-manual.txt; PETRARCH = the docstrings of
** petrarch2's reader, which wrote the Phoenix files):
**
**  - Words are joined by '_' (side by side) or blanks (§5.2). In a
**    TABARI-named file (.actors, .agents, ...) other words may come
**    between blank-separated words, as in TABARI's phrases (§5.5.3:
**    "PRINCE DOL_AMROTH" finds "Prince of Dol Amroth"): the name is
**    flagged DYAD__N_GAPS and actors.c allows up to three words there;
**    elsewhere (Phoenix.*.txt) a blank is a '_'.
**    A final '_' means a whole word; without it the last word is a prefix
**    (§5.2.2: DYAD__N_STEM); a final '=' asks for no regular endings
**    (§5.2.3): a whole word without the regular plural (DYAD__N_EXACT);
**    a possessive is a token of its own, so it is never refused.
**  - Comments: '#' and ';' outside brackets, lines starting with '/' (§5.2)
**    or "<!" (PETRARCH). "~FINISH" ends the file (§5.2), as does
**    "---STOP---" (PETRARCH).
**  - Actors (§5.3, §5.3.1): a primary phrase in the first column, '+'
**    synonyms, codes in brackets on its line or on indented lines below;
**    blank lines do not end an entry. <NOUN> and <ADJECTIVE> sections
**    (§5.3.2) hold uncoded words: entries with no code, adjectives
**    flagged DYAD__N_ADJ. An agent code ("~GOV", §5.4) in an actors file
**    makes that entry an agent.
**  - Codes (§5.2.1, §6.5.2): CODE, CODE <D (up to and including D),
**    CODE >D (from D on), CODE D1-D2 (both included); D is YYMMDD, years
**    00-30 being 20YY (§6.5.2 note 1), or YYYYMMDD (PETRARCH). Order is
**    kept, the first valid code wins and a bare code is the default,
**    which is what dyad__dict_code_on does. The special codes "---"
**    (null, §6.2), "###" (discard, §6.3) and "+++" (complex, §6.4) are
**    kept as written so a date can select them; an actor whose only codes
**    are undated "###" becomes a discard entry. A compound code "A/B"
**    (§6.5.1) is kept whole when its elements are actor codes (the
**    coder splits it), else its first element, with a warning. Codes are letters
**    and digits; one not in 3-character CAMEO elements ("YEMNO") is kept
**    with a warning, since TABARI allows any length.
**  - An entry with a dated code that has a role element ("AFGGOV
**    791227-861124") or is a bare root type ("IGO 850101-941231") is
**    taken to be a person (DYAD__F_PERSON). This is a heuristic: a
**    country whose code changed ("ZIMBABWE [RHO <790606] [ZBW]") is not
**    flagged, but a place that changed hands with a role in its code is
**    ("TEL_AFAR", IRQ/IRQOCC/IRQ).
**  - Agents (PETRARCH): "PHRASE {PLURAL} [~CODE]"; {PLURAL} adds a name
**    flagged DYAD__N_PLURAL, "{}" says the word has no plural ("police")
**    and adds nothing. "!SET! = A, B" defines a substitution set and
**    "CONGRESS!PERSON!" expands to every member, each marker of a phrase
**    in turn (all combinations, at most MAX_EXPANSIONS).
**  - Discards (PETRARCH): one phrase a line, '+' first for the story.
**  - Parentheses: a phrase is kept as written (keys drop punctuation).
**    When it ends in an acronym in parentheses after three or more words,
**    "ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_", the phrase without it is added
**    too, since text rarely repeats the acronym; a parenthesis after
**    fewer words usually tells places apart ("KOREA_(NORTH)") and is
**    never dropped. An unclosed '(' ("STANKO_TODOROV (ACTING_") starts a
**    note: the phrase stops there.
**  - Bad bytes in a phrase (the Phoenix files' 0x1A bytes, stray invalid
**    UTF-8) are dropped from it with a warning and the entry kept; a
**    U+FFFD is kept with a warning (the key ignores it, so
**    "COTE_D<U+FFFD>IVOIRE_" still matches "Cote d'Ivoire").
**
** Anything that loses data (a code, a line, an entry) is an error, a
** repair is a warning; every one is "file:line:col: reason" and reading
** goes on. Time is linear in the input: each line is scanned a bounded
** number of times and substitution sets are bounded in number and output.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "dict.h"

#define MAX_EXPANSIONS 256  /* phrases one agents line may expand to */
#define MAX_SETS 256        /* substitution sets in one file */
#define MAX_PHRASE 1024     /* bytes of one phrase after substitution */
#define MAX_CODE 30         /* characters of a code, as in dict.h */
#define SNIFF_BYTES 65536   /* bytes dyad__dict_sniff looks at */

enum { SEC_NONE, SEC_NOUN, SEC_ADJ, SEC_SKIP };
enum { CODE_SPECIAL = 3 }; /* check_code's answer for "---", "###", "+++" */

/* A name of the entry being gathered. */
typedef struct pname {
	size_t off, len;    /* its bytes in r->txt */
	uint32_t line;      /* where it was read */
	unsigned flags;     /* DYAD__N_* */
} pname;

/* A code of the entry being gathered. */
typedef struct pcode {
	size_t off, len;    /* its bytes in r->txt */
	int32_t from, to;   /* YYYYMMDD, 0 = open, as dyad__code */
	uint32_t line;      /* where it was read */
} pcode;

/* A byte span of the input. */
typedef struct span {
	size_t off, len;    /* from the start of the input */
} span;

/* A substitution set: its name and items are spans of the input. */
typedef struct subset {
	span name;            /* NAME of !NAME! */
	size_t item0, nitems; /* items [item0, item0 + nitems) of r->items */
	size_t longest;       /* bytes of its longest item */
} subset;

/* The state of one file's reading. */
typedef struct treader {
	dyad__dict *d;      /* the builder everything goes to */
	uint32_t file;      /* the file's index in d, for messages */
	dyad__dformat fmt;  /* actors, agents or discards */
	const char *buf;    /* the whole input */
	const char *s;      /* the current line, comment cut, blanks trimmed */
	size_t n;           /* its length */
	uint32_t line;      /* its number, from 1 */
	int section;        /* SEC_*: inside <NOUN>, <ADJECTIVE> or another */
	uint32_t sec_line;  /* where that section opened */
	char sec_name[16];  /* its tag, for the message when it is not closed */
	int done;           /* ~FINISH seen */
	int stems;          /* TABARI naming: a phrase without '_' is a prefix */
	int nomem;          /* one of the buffers below could not grow */
	/* the entry being gathered */
	int open;           /* there is one */
	uint32_t eline;     /* line of its first phrase */
	int kind;           /* -1 until a code says actor or agent */
	int defaults;       /* undated codes so far */
	int blocks;         /* code blocks seen, read or not */
	uint32_t last;      /* its last line so far */
	dyad__buf txt;      /* names' and codes' bytes */
	dyad__buf names;    /* pname[] */
	dyad__buf codes;    /* pcode[] */
	/* the file's substitution sets (agents) */
	dyad__buf sets;     /* subset[] */
	dyad__buf items;    /* span[] */
	dyad__buf tmp;      /* one expanded phrase */
	size_t budget;      /* bytes substitution may still make (linear in n) */
} treader;

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_upper_alnum(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int is_alnum(char c)
{
	return is_upper_alnum(c) || (c >= 'a' && c <= 'z');
}

static size_t skip_blanks(const char *s, size_t a, size_t b)
{
	while (a < b && is_blank(s[a]))
		a++;
	return a;
}

static size_t trim_end(const char *s, size_t a, size_t b)
{
	while (b > a && is_blank(s[b - 1]))
		b--;
	return b;
}

static void warn(treader *r, size_t col, const char *fmt, const char *arg)
{
	dyad__dict_diag(r->d, DYAD__WARN, r->file, r->line, (uint32_t)col + 1, fmt, arg);
}

static void fail(treader *r, size_t col, const char *fmt, const char *arg)
{
	dyad__dict_diag(r->d, DYAD__ERROR, r->file, r->line, (uint32_t)col + 1, fmt, arg);
}

/* Copies s[0, n) into a short NUL-terminated string for a message. */
static const char *quote(char *out, size_t cap, const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n && k + 4 < cap; i++)
		out[k++] = (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F ? s[i] : '?';
	if (i < n)
		out[k++] = '.', out[k++] = '.', out[k++] = '.';
	out[k] = '\0';
	return out;
}

static int push(treader *r, dyad__buf *b, const void *p, size_t n)
{
	if (dyad__buf_append(b, p, n) != 0) {
		r->nomem = 1;
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Phrases                                                             */
/* ------------------------------------------------------------------ */

/*
** Does s[0, n) give its name a matching key? The builder keeps only the
** letters and digits of each character's case-folded compatibility
** decomposition, marks stripped (dict.c, make_key); asking the same here
** means no entry is started whose every name would then be refused.
*/
static int has_key_char(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		utf8proc_int32_t cp, out[16];
		utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(n - i), &cp), r, j;
		if (l <= 0) {
			i++;
			continue;
		}
		i += (size_t)l;
		r = utf8proc_decompose_char(cp, out, 16, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
					    UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK, NULL);
		for (j = 0; j < r && j < 16; j++) {
			utf8proc_category_t c = utf8proc_category(out[j]);
			if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO &&
			    !(c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME))
				return 1;
		}
	}
	return 0;
}

/* Where an unclosed '(' starts in s[0, n), or n when all are closed. */
static size_t unclosed_paren(const char *s, size_t n)
{
	size_t i, at = n;
	int depth = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '(' && depth++ == 0)
			at = i;
		else if (s[i] == ')' && depth > 0 && --depth == 0)
			at = n;
	}
	return depth > 0 ? at : n;
}

/* One kind of bad byte on a line: reported once, with a count. */
enum { BAD_CTL, BAD_UTF, BAD_FFFD };

typedef struct badcount {
	size_t first, count; /* offset of the first in the line, how many */
	unsigned byte;       /* the first one */
} badcount;

static void bad_note(badcount *b, size_t at, unsigned byte)
{
	if (b->count++ == 0) {
		b->first = at;
		b->byte = byte;
	}
}

static void bad_report(treader *r, const badcount *b, int kind)
{
	char more[40] = "";
	uint32_t col = (uint32_t)b->first + 1;

	if (!b->count)
		return;
	if (b->count > 1)
		snprintf(more, sizeof more, " (and %zu more)", b->count - 1);
	if (kind == BAD_CTL)
		dyad__dict_diag(r->d, DYAD__WARN, r->file, r->line, col, "control byte 0x%02X in a "
				"phrase (a mis-encoded character?); dropped%s", b->byte, more);
	else if (kind == BAD_UTF)
		dyad__dict_diag(r->d, DYAD__WARN, r->file, r->line, col, "invalid UTF-8 byte 0x%02X "
				"in a phrase; dropped%s", b->byte, more);
	else
		dyad__dict_diag(r->d, DYAD__WARN, r->file, r->line, col, "replacement character "
				"U+FFFD in a phrase (a character lost before this file was "
				"written); kept%s", more);
}

/*
** Reports what is wrong in the phrase s[a, b) of the current line: bad
** bytes, brackets, a '+' inside. Returns 1 when it has a letter or digit
** before any unclosed '(', else 0. The copy made later
** (clean_copy) repairs the same things silently, so a phrase expanded
** into many is reported once.
*/
static int check_phrase(treader *r, size_t a, size_t b)
{
	badcount ctl = {0, 0, 0}, utf = {0, 0, 0}, fffd = {0, 0, 0};
	size_t i = a, cut = a + unclosed_paren(r->s + a, b - a);
	int depth = 0, stray = 0, plus = 0;

	while (i < b) {
		unsigned char c = (unsigned char)r->s[i];
		if (c >= 0x80) {
			int32_t cp;
			int l = dyad__utf8_decode((const unsigned char *)r->s + i, b - i, &cp);
			if (cp < 0)
				bad_note(&utf, i, c);
			else if (cp == 0xFFFD)
				bad_note(&fffd, i, 0);
			i += (size_t)l;
			continue;
		}
		if ((c < 0x20 && c != '\t') || c == 0x7F)
			bad_note(&ctl, i, c);
		else if (c == '(')
			depth++;
		else if (c == ')' && depth > 0)
			depth--;
		else if ((c == ')' || c == ']' || c == '}') && !stray)
			stray = 1, warn(r, i, "'%s' without its opening bracket in a phrase; ignored",
					c == ')' ? ")" : c == ']' ? "]" : "}");
		else if (c == '+' && i > a && !plus)
			plus = 1, warn(r, i, "%s", "'+' inside a phrase (two synonyms on one line?); "
				       "kept as one phrase");
		i++;
	}
	bad_report(r, &ctl, BAD_CTL);
	bad_report(r, &utf, BAD_UTF);
	bad_report(r, &fffd, BAD_FFFD);
	if (cut < b)
		warn(r, cut, "%s", "unclosed '(' in a phrase: taken as a note, the phrase stops here");
	return has_key_char(r->s + a, cut - a);
}

/* Appends s[0, n) to r->txt without control bytes and invalid UTF-8,
** tabs made spaces. */
static int clean_copy(treader *r, const char *s, size_t n)
{
	size_t i = 0, run = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t l = 1;
		int keep = c >= 0x20 && c != 0x7F;
		if (c >= 0x80) {
			int32_t cp;
			l = (size_t)dyad__utf8_decode((const unsigned char *)s + i, n - i, &cp);
			keep = cp >= 0;
		}
		if (c == '\t')
			keep = 1;
		if (!keep) {
			if (run && push(r, &r->txt, s + i - run, run) != 0)
				return -1;
			run = 0;
		} else {
			run += l;
		}
		i += l;
	}
	if (run && push(r, &r->txt, s + n - run, run) != 0)
		return -1;
	return 0;
}

/* Adds one name to the entry being gathered from s[0, n). */
static int add_name(treader *r, const char *s, size_t n, unsigned flags)
{
	pname p;
	size_t i;

	p.off = r->txt.len;
	if (clean_copy(r, s, n) != 0)
		return -1;
	p.len = r->txt.len - p.off;
	for (i = p.off; i < r->txt.len; i++)
		if (r->txt.p[i] == '\t')
			r->txt.p[i] = ' ';
	p.line = r->line;
	p.flags = flags;
	if (p.len == 0 || !has_key_char(r->txt.p + p.off, p.len)) {
		r->txt.len = p.off; /* "(AB)_" after a cut: nothing to match */
		return 0;
	}
	return push(r, &r->names, &p, sizeof p);
}

/* Words in s[0, n): runs of characters between '_' and blanks. */
static size_t words(const char *s, size_t n)
{
	size_t i, w = 0;

	for (i = 0; i < n; i++)
		if (!is_blank(s[i]) && s[i] != '_' && (i == 0 || is_blank(s[i - 1]) || s[i - 1] == '_'))
			w++;
	return w;
}

static size_t trim_seps(const char *s, size_t n)
{
	while (n > 0 && (is_blank(s[n - 1]) || s[n - 1] == '_'))
		n--;
	return n;
}

/*
** If s[0, n) ends in "(ACRONYM)" after three or more words, returns the
** length of the phrase before it; else 0. An acronym is 2 to 8 capitals
** or digits ('_' ignored), at least two of them letters.
*/
static size_t acronym_cut(const char *s, size_t n)
{
	size_t open, i, letters = 0, chars = 0;

	if (n < 4 || s[n - 1] != ')')
		return 0;
	for (open = n - 1; open > 0 && s[open - 1] != '('; open--)
		;
	if (open == 0)
		return 0;
	for (i = open; i < n - 1; i++) {
		if (s[i] == '_')
			continue;
		if (!is_upper_alnum(s[i]))
			return 0;
		chars++;
		letters += s[i] >= 'A';
	}
	if (chars < 2 || chars > 8 || letters < 2)
		return 0;
	n = trim_seps(s, open - 1);
	return words(s, n) >= 3 ? n : 0;
}

/*
** Adds the phrase s[0, n) (already reported on by check_phrase): its
** final '_' or '=' decides whole word or stem, an unclosed '(' ends it,
** and an acronym in parentheses also gives the phrase without it.
*/
static int add_phrase_text(treader *r, const char *s, size_t n, unsigned flags)
{
	size_t cut, acr;

	n = trim_end(s, 0, n);
	if (n > 0 && s[n - 1] == '=')
		n--, flags |= DYAD__N_EXACT;
	else if (r->stems && (n == 0 || (s[n - 1] != '_' && s[n - 1] != '.')))
		flags |= DYAD__N_STEM; /* "U.S." is no stem: squashed to "us" it would take "use" */
	cut = unclosed_paren(s, n);
	n = trim_seps(s, cut);
	while (n > 0 && s[0] == '_')
		s++, n--;
	if (n == 0)
		return 0;
	if (add_name(r, s, n, flags) != 0)
		return -1;
	acr = acronym_cut(s, n);
	return acr ? add_name(r, s, acr, flags) : 0;
}

/* ------------------------------------------------------------------ */
/* Substitution sets (agents files)                                    */
/* ------------------------------------------------------------------ */

static const subset *find_set(const treader *r, const char *name, size_t n)
{
	size_t i, k = DYAD__VEC_LEN(&r->sets, subset);

	for (i = 0; i < k; i++) {
		const subset *st = &DYAD__VEC_AT(&r->sets, const subset, i);
		if (st->name.len == n && memcmp(r->buf + st->name.off, name, n) == 0)
			return st;
	}
	return NULL;
}

/* Adds the items of "!NAME! = A, B, C" (the current line) to st. */
static int read_set_items(treader *r, size_t a, subset *st)
{
	st->item0 = DYAD__VEC_LEN(&r->items, span);
	st->nitems = 0;
	st->longest = 0;
	while (a <= r->n) {
		size_t e = a, s0, s1;
		span it;
		while (e < r->n && r->s[e] != ',')
			e++;
		s0 = skip_blanks(r->s, a, e);
		s1 = trim_end(r->s, s0, e);
		a = e + 1;
		if (s0 == s1 || memchr(r->s + s0, '!', s1 - s0)) {
			warn(r, s0, "%s", s0 == s1 ? "empty item in a substitution set; skipped" :
			     "'!' inside a substitution item (sets do not nest); item skipped");
			continue;
		}
		check_phrase(r, s0, s1);
		it.off = (size_t)(r->s + s0 - r->buf);
		it.len = s1 - s0;
		if (push(r, &r->items, &it, sizeof it) != 0)
			return -1;
		st->nitems++;
		if (it.len > st->longest)
			st->longest = it.len;
	}
	return 0;
}

/* "!NAME! = A, B, C": defines (or redefines) a substitution set. */
static int define_set(treader *r, size_t close, size_t eq)
{
	subset st, *old;
	char q[48];

	if (close < 2) {
		fail(r, 0, "%s", "substitution set without a name (want !NAME! = A, B); line skipped");
		return 0;
	}
	st.name.off = (size_t)(r->s + 1 - r->buf);
	st.name.len = close - 1;
	old = (subset *)find_set(r, r->s + 1, close - 1);
	if (!old && DYAD__VEC_LEN(&r->sets, subset) >= MAX_SETS) {
		fail(r, 0, "more than 256 substitution sets; !%s! skipped",
		     quote(q, sizeof q, r->s + 1, close - 1));
		return 0;
	}
	if (read_set_items(r, eq + 1, &st) != 0)
		return -1;
	if (st.nitems == 0)
		fail(r, eq, "%s", "substitution set with no item; it cannot be used");
	if (old) {
		warn(r, 0, "substitution set !%s! redefined; the new items are used from here",
		     quote(q, sizeof q, r->s + 1, close - 1));
		*old = st;
		return 0;
	}
	return push(r, &r->sets, &st, sizeof st);
}

/* One marker "!NAME!" of a phrase: where it is and its set. */
typedef struct marker {
	size_t at, end;     /* the marker's bytes in the phrase, '!'s included */
	const subset *set;  /* its set */
	size_t pick;        /* the item in use while expanding */
} marker;

/*
** Finds the markers of s[a, b) of the current line, at most max of them,
** and the most bytes their expansion can make. Returns their number, or
** -1 (reported) when one is unclosed or unknown, or when the phrase
** would expand too far.
*/
static int find_markers(treader *r, size_t a, size_t b, marker *m, size_t max, size_t *cost)
{
	size_t i = a, k = 0, total = 1, longest = b - a;
	char q[48];

	while (i < b) {
		const char *bang = memchr(r->s + i, '!', b - i), *close;
		if (!bang)
			break;
		close = memchr(bang + 1, '!', (size_t)(r->s + b - bang - 1));
		if (!close) {
			fail(r, (size_t)(bang - r->s), "%s", "unclosed '!' substitution marker; line skipped");
			return -1;
		}
		if (k == max) {
			fail(r, (size_t)(bang - r->s), "%s", "too many substitution markers; line skipped");
			return -1;
		}
		m[k].at = (size_t)(bang - r->s);
		m[k].end = (size_t)(close - r->s) + 1;
		m[k].set = find_set(r, bang + 1, (size_t)(close - bang - 1));
		m[k].pick = 0;
		if (!m[k].set || m[k].set->nitems == 0) {
			fail(r, m[k].at, m[k].set ? "substitution set !%s! has no item; line skipped" :
			     "unknown substitution set !%s! (define it above its use); line skipped",
			     quote(q, sizeof q, bang + 1, (size_t)(close - bang - 1)));
			return -1;
		}
		total *= m[k].set->nitems;
		longest += m[k].set->longest;
		if (total > MAX_EXPANSIONS || longest > MAX_PHRASE) {
			fail(r, a, "%s", total > MAX_EXPANSIONS ?
			     "substitution sets would make more than 256 phrases; line skipped" :
			     "phrase too long after substitution; line skipped");
			return -1;
		}
		i = m[k++].end;
	}
	*cost = total * longest;
	return (int)k;
}

/* Builds in r->tmp the phrase s[a, b) with each marker replaced by the
** item it picks. */
static int build_variant(treader *r, size_t a, size_t b, const marker *m, int k)
{
	size_t at = a;
	int i;

	r->tmp.len = 0;
	for (i = 0; i < k; i++) {
		const span *it = &DYAD__VEC_AT(&r->items, const span, m[i].set->item0 + m[i].pick);
		if (push(r, &r->tmp, r->s + at, m[i].at - at) != 0 ||
		    push(r, &r->tmp, r->buf + it->off, it->len) != 0)
			return -1;
		at = m[i].end;
	}
	return push(r, &r->tmp, r->s + at, b - at);
}

/* Steps the markers' picks to the next combination; 0 after the last. */
static int next_pick(marker *m, int k)
{
	int i;

	for (i = k - 1; i >= 0; i--) {
		if (++m[i].pick < m[i].set->nitems)
			return 1;
		m[i].pick = 0;
	}
	return 0;
}

/*
** Adds the phrase s[a, b) of the current line with flags: reported on
** once, then added as it is or, in an agents file, once for each
** combination of its substitution sets.
*/
static int add_phrase(treader *r, size_t a, size_t b, unsigned flags)
{
	marker m[MAX_PHRASE / 2];
	size_t cost = 0;
	int k = 0;

	b = trim_end(r->s, a, b);
	if (a == b || !check_phrase(r, a, b)) {
		fail(r, a, "%s", a == b ? "empty phrase; skipped" :
		     "phrase without a letter or digit; skipped");
		return 0;
	}
	if (r->fmt == DYAD__FMT_TABARI_AGENTS && memchr(r->s + a, '!', b - a))
		k = find_markers(r, a, b, m, sizeof m / sizeof m[0], &cost);
	if (k < 0)
		return 0;
	if (k == 0)
		return add_phrase_text(r, r->s + a, b - a, flags);
	if (cost > r->budget) {
		fail(r, a, "%s", "substitution sets have made too many phrases for the size of "
		     "this file; line skipped");
		return 0;
	}
	r->budget -= cost;
	do {
		if (build_variant(r, a, b, m, k) != 0 ||
		    add_phrase_text(r, r->tmp.p, r->tmp.len, flags) != 0)
			return -1;
	} while (next_pick(m, k));
	return 0;
}

/* ------------------------------------------------------------------ */
/* Codes                                                               */
/* ------------------------------------------------------------------ */

/*
** A TABARI date: YYMMDD (years 00-30 are 20YY, §6.5.2 note 1) or
** YYYYMMDD. Returns YYYYMMDD, or -1 after reporting what is wrong.
*/
static int32_t tabari_date(treader *r, size_t a, size_t b)
{
	char full[8];
	size_t i;
	int32_t v;

	for (i = a; i < b; i++)
		if (r->s[i] < '0' || r->s[i] > '9')
			break;
	if (i < b || (b - a != 6 && b - a != 8)) {
		char q[48];
		fail(r, a, "bad date '%s' (want YYMMDD or YYYYMMDD); code skipped",
		     quote(q, sizeof q, r->s + a, b - a));
		return -1;
	}
	if (b - a == 6) {
		int yy = (r->s[a] - '0') * 10 + (r->s[a + 1] - '0');
		memcpy(full, yy <= 30 ? "20" : "19", 2);
		memcpy(full + 2, r->s + a, 6);
	} else {
		memcpy(full, r->s + a, 8);
	}
	v = dyad__dict_date(full, 8, 0);
	if (v < 0) {
		char q[48];
		fail(r, a, "date '%s' is not a day of the calendar; code skipped",
		     quote(q, sizeof q, r->s + a, b - a));
	}
	return v;
}

static size_t digits_end(const char *s, size_t a, size_t b)
{
	while (a < b && s[a] >= '0' && s[a] <= '9')
		a++;
	return a;
}

/*
** The restriction after a code, s[a, b) of the current line: nothing (a
** default), "<D", ">D" or "D1-D2", blanks allowed around the signs
** (§6.5.2; "[HOB < 950601]" is in TABARI's own demo). 0, or -1 reported.
*/
static int parse_restriction(treader *r, size_t a, size_t b, int32_t *from, int32_t *to)
{
	size_t d0, d1;

	*from = *to = 0;
	a = skip_blanks(r->s, a, b);
	if (a == b)
		return 0;
	if (r->s[a] == '<' || r->s[a] == '>') {
		d0 = skip_blanks(r->s, a + 1, b);
		d1 = digits_end(r->s, d0, b);
		if (d1 == d0 || skip_blanks(r->s, d1, b) < b)
			goto bad;
		*(r->s[a] == '<' ? to : from) = tabari_date(r, d0, d1);
		return *from < 0 || *to < 0 ? -1 : 0;
	}
	d0 = digits_end(r->s, a, b);
	d1 = skip_blanks(r->s, d0, b);
	if (d0 == a)
		goto bad;
	if (d1 == b) {
		fail(r, a, "%s", "a date needs '<', '>' or FROM-TO before it; code skipped");
		return -1;
	}
	if (r->s[d1] != '-')
		goto bad;
	d1 = skip_blanks(r->s, d1 + 1, b);
	if ((*from = tabari_date(r, a, d0)) < 0 ||
	    (*to = tabari_date(r, d1, trim_end(r->s, d1, b))) < 0)
		return -1;
	if (*to < *from) {
		fail(r, a, "%s", "period ends before it starts; code skipped");
		return -1;
	}
	return 0;
bad:
	fail(r, a, "%s", "bad restriction (want CODE, CODE <DATE, CODE >DATE or "
	     "CODE FROM-TO); code skipped");
	return -1;
}

static int is_special(const char *s, size_t n)
{
	return n == 3 && (memcmp(s, "---", 3) == 0 || memcmp(s, "###", 3) == 0 ||
			  memcmp(s, "+++", 3) == 0);
}

/*
** Checks the code s[a, b) of the current line: its characters, its '~'
** and its kind against the file and the entry. Returns the code's kind
** (DYAD__E_ACTOR or DYAD__E_AGENT), CODE_SPECIAL for "---", "###" and
** "+++", which fit any entry, or -1 when it is skipped (reported).
*/
static int check_code(treader *r, size_t a, size_t b)
{
	const char *c = r->s + a;
	size_t n = b - a, i, lo = 0, hi = n;
	int agent = n > 0 && (c[0] == '~' || c[n - 1] == '~');
	char q[48];

	if (is_special(c, n) && r->fmt == DYAD__FMT_TABARI_AGENTS) {
		fail(r, a, "special code '%s' is for actors files, not agents; code skipped",
		     quote(q, sizeof q, c, n));
		return -1;
	}
	if (is_special(c, n))
		return CODE_SPECIAL;
	if (agent && c[0] == '~')
		lo++;
	else if (agent)
		hi--;
	for (i = lo; i < hi; i++)
		if (!is_upper_alnum(c[i])) {
			fail(r, a + i, "bad character in code '%s' (want A-Z and 0-9, and '~' at one "
			     "end for an agent); code skipped", quote(q, sizeof q, c, n));
			return -1;
		}
	if (hi == lo || hi - lo > MAX_CODE) {
		fail(r, a, "code '%s' must have 1 to 30 letters or digits; code skipped",
		     quote(q, sizeof q, c, n));
		return -1;
	}
	if (r->fmt == DYAD__FMT_TABARI_AGENTS && !agent) {
		fail(r, a, "agent code '%s' needs '~' at its start or end (~GOV, NGO~); code skipped",
		     quote(q, sizeof q, c, n));
		return -1;
	}
	if (r->kind >= 0 && r->kind != (agent ? DYAD__E_AGENT : DYAD__E_ACTOR)) {
		fail(r, a, agent ? "agent code '%s' in an actor's entry; code skipped" :
		     "actor code '%s' in an agent's entry; code skipped", quote(q, sizeof q, c, n));
		return -1;
	}
	if (!dyad__dict_code_ok(c, n, agent ? DYAD__E_AGENT : DYAD__E_ACTOR))
		warn(r, a, "code '%s' is not in 3-character CAMEO elements; kept as written",
		     quote(q, sizeof q, c, n));
	return agent ? DYAD__E_AGENT : DYAD__E_ACTOR;
}

/*
** A compound code "FRO/BIL/SAM" (§6.5.1: one phrase standing for several
** actors) whose first element ends at slash: where the code dyad keeps
** ends, ce when every element is an actor code, else slash (reported).
** The coder makes one event for each element.
*/
static size_t compound_end(treader *r, size_t a, size_t slash, size_t ce, int kind)
{
	size_t p = slash + 1, q;
	char c1[48], c2[40];

	while (kind == DYAD__E_ACTOR && p < ce) {
		for (q = p; q < ce && r->s[q] != '/'; q++)
			;
		if (q == p || check_code(r, p, q) != DYAD__E_ACTOR)
			break;
		p = q + 1;
	}
	if (kind == DYAD__E_ACTOR && p > ce && r->s[ce - 1] != '/')
		return ce;
	dyad__dict_diag(r->d, DYAD__WARN, r->file, r->line, (uint32_t)a + 1,
			"compound code '%s' must join actor codes; '%s' kept",
			quote(c1, sizeof c1, r->s + a, ce - a), quote(c2, sizeof c2, r->s + a, slash - a));
	return slash;
}

/* The code block s[a, b) of the current line, brackets excluded. */
static int read_code(treader *r, size_t a, size_t b)
{
	size_t ce, slash;
	pcode pc;
	int kind;

	a = skip_blanks(r->s, a, b);
	b = trim_end(r->s, a, b);
	if (a == b) {
		fail(r, a, "%s", "empty code block '[]'; skipped");
		return 0;
	}
	for (ce = a; ce < b && !is_blank(r->s[ce]) && r->s[ce] != '<' && r->s[ce] != '>'; ce++)
		;
	for (slash = a; slash < ce && r->s[slash] != '/'; slash++)
		;
	if ((kind = check_code(r, a, slash)) < 0 ||
	    parse_restriction(r, ce, b, &pc.from, &pc.to) != 0)
		return 0;
	if (slash < ce)
		slash = compound_end(r, a, slash, ce, kind);
	if (r->section != SEC_NONE) {
		warn(r, a, "%s", "nouns and adjectives take no code; ignored");
		return 0;
	}
	if (!pc.from && !pc.to && r->defaults++ > 0)
		warn(r, a, "%s", "a second default code; the first one wins");
	if (kind != CODE_SPECIAL)
		r->kind = kind;
	pc.off = r->txt.len;
	pc.len = slash - a;
	pc.line = r->line;
	if (push(r, &r->txt, r->s + a, pc.len) != 0)
		return -1;
	return push(r, &r->codes, &pc, sizeof pc);
}

/*
** The rest of a line after its phrase, from a: code blocks "[...]" and
** plural groups "{...}" in any order; anything else is reported.
*/
static int read_tail(treader *r, size_t a, unsigned flags)
{
	while ((a = skip_blanks(r->s, a, r->n)) < r->n) {
		char open = r->s[a], close = open == '[' ? ']' : '}';
		const char *e;
		int rc;
		if (open != '[' && open != '{') {
			warn(r, a, "%s", "text after the code ignored");
			return 0;
		}
		r->blocks += open == '[';
		e = memchr(r->s + a + 1, close, r->n - a - 1);
		if (!e) {
			fail(r, a, "unclosed '%s'; the rest of the line is skipped", open == '[' ? "[" : "{");
			return 0;
		}
		if (r->fmt == DYAD__FMT_TABARI_DISCARDS)
			rc = 0, warn(r, a, "%s", "a discards file has no codes or plurals; ignored");
		else if (open == '[')
			rc = read_code(r, a + 1, (size_t)(e - r->s));
		else if (skip_blanks(r->s, a + 1, (size_t)(e - r->s)) < (size_t)(e - r->s))
			rc = add_phrase(r, a + 1, (size_t)(e - r->s), flags | DYAD__N_PLURAL);
		else
			rc = 0; /* "{}": no plural; dyad cannot turn the regular one off */
		if (rc != 0)
			return rc;
		a = (size_t)(e - r->s) + 1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Entries                                                             */
/* ------------------------------------------------------------------ */

static void open_entry(treader *r)
{
	r->open = 1;
	r->eline = r->line;
	r->kind = r->fmt == DYAD__FMT_TABARI_AGENTS ? DYAD__E_AGENT : -1;
	r->defaults = r->blocks = 0;
	r->txt.len = r->names.len = r->codes.len = 0;
}

/*
** Does a dated code say its entry is a person? Yes when it has a role
** element ("AFGGOV") or is a bare root type ("IGO 850101-941231": an
** official of some organization); a bare country ("RHO <790606") is a
** country whose code changed. The header explains the heuristic.
*/
static int person_code(const char *c, size_t n)
{
	static const char roots[] = "IGO NGO NGM IMG MNC";
	const char *slash = memchr(c, '/', n);
	size_t i;

	if (slash)
		n = (size_t)(slash - c); /* a compound: its first element */
	if (n >= 6)
		return 1;
	for (i = 0; n == 3 && i + 3 <= sizeof roots - 1; i += 4)
		if (memcmp(roots + i, c, 3) == 0)
			return 1;
	return 0;
}

/* The kind the gathered entry is given, and its person flag. */
static dyad__ekind entry_kind(const treader *r, unsigned *eflags)
{
	size_t i, nc = DYAD__VEC_LEN(&r->codes, pcode), discards = 0;

	*eflags = 0;
	if (r->fmt == DYAD__FMT_TABARI_DISCARDS)
		return DYAD__E_DISCARD;
	for (i = 0; i < nc; i++) {
		const pcode *c = &DYAD__VEC_AT(&r->codes, const pcode, i);
		int special = is_special(r->txt.p + c->off, c->len);
		if (special && r->txt.p[c->off] == '#' && !c->from && !c->to)
			discards++;
		if (!special && (c->from || c->to) && person_code(r->txt.p + c->off, c->len))
			*eflags = DYAD__F_PERSON;
	}
	if (nc > 0 && discards == nc)
		return DYAD__E_DISCARD; /* "MARIJUANA [###]", §6.3 */
	return r->kind == DYAD__E_AGENT ? DYAD__E_AGENT : DYAD__E_ACTOR;
}

/* Hands the gathered entry to the builder. */
static int flush(treader *r)
{
	size_t i, nn = DYAD__VEC_LEN(&r->names, pname), nc = DYAD__VEC_LEN(&r->codes, pcode);
	unsigned eflags;
	dyad__ekind kind;

	if (!r->open)
		return 0;
	r->open = 0;
	kind = entry_kind(r, &eflags);
	if (nn == 0)
		return 0; /* its phrases were reported and skipped */
	if (nc == 0 && r->section == SEC_NONE && kind != DYAD__E_DISCARD) {
		dyad__dict_diag(r->d, kind == DYAD__E_AGENT ? DYAD__ERROR : DYAD__WARN, r->file,
				r->eline, 1, "%s", kind == DYAD__E_AGENT ? "agent without a code; skipped" :
				"entry without a code: it matches but codes nothing");
		if (kind == DYAD__E_AGENT)
			return 0;
	}
	if (dyad__dict_entry(r->d, kind, r->file, r->eline) != 0)
		return -1;
	dyad__dict_entry_flags(r->d, eflags | (kind == DYAD__E_AGENT ? DYAD__F_TABARI : 0u));
	for (i = 0; i < nn; i++) {
		const pname *p = &DYAD__VEC_AT(&r->names, const pname, i);
		int rc = dyad__dict_name(r->d, r->txt.p + p->off, p->len,
					 p->flags | (r->stems ? DYAD__N_ANYCASE | DYAD__N_GAPS : 0u), p->line);
		if (rc < 0)
			return -1;
		if (rc > 0)
			dyad__dict_diag(r->d, DYAD__WARN, r->file, p->line, 0,
					"phrase '%.*s' has no letter or digit; skipped",
					(int)(p->len > 40 ? 40 : p->len), r->txt.p + p->off);
	}
	for (i = 0; i < nc && kind != DYAD__E_DISCARD; i++) {
		const pcode *c = &DYAD__VEC_AT(&r->codes, const pcode, i);
		if (dyad__dict_code(r->d, r->txt.p + c->off, c->len, c->from, c->to, NULL, c->line) != 0)
			return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Lines                                                               */
/* ------------------------------------------------------------------ */

/* Where the phrase of the current line ends: at its first '[' or '{'. */
static size_t phrase_end(const treader *r, size_t a)
{
	while (a < r->n && r->s[a] != '[' && r->s[a] != '{')
		a++;
	return a;
}

/*
** Does a primary phrase join the entry above instead of starting one?
** PETRARCH gives a phrase with no code the codes of the next entry (its
** reader only moves on once an entry has codes), and the Phoenix files
** rely on it: "LEONID_BREZHNEV_" then "SECRETARY_BREZHNEV" then the codes.
** dyad only joins lines that follow each other: after a blank or comment
** line the phrase above is an orphan ("U.N._" in Phoenix.International
** would otherwise take the codes of the Secretary-General below it).
*/
static int joins_above(treader *r)
{
	if (!r->open || r->blocks || r->section != SEC_NONE ||
	    r->fmt != DYAD__FMT_TABARI_ACTORS || r->last + 1 != r->line)
		return 0;
	warn(r, 0, "%s", "the phrase above has no code: this one joins its entry, as PETRARCH "
	     "reads it ('+' would say so)");
	return 1;
}

/* A primary phrase, a '+' synonym, or a discard: s[a, n) of the line. */
static int read_phrase_line(treader *r, size_t a, int synonym)
{
	unsigned flags = r->section == SEC_ADJ ? DYAD__N_ADJ : 0;
	size_t pe;

	if (r->fmt == DYAD__FMT_TABARI_DISCARDS && synonym) {
		flags |= DYAD__N_STORY;
	} else if (synonym && !r->open) {
		fail(r, 0, "%s", "synonym ('+') before any primary phrase; skipped");
		return 0;
	}
	a = skip_blanks(r->s, a, r->n);
	pe = phrase_end(r, a);
	if (pe == a && pe < r->n && r->s[pe] == '[') {
		fail(r, a, "%s", "code without a phrase before it; line skipped");
		return 0;
	}
	if ((!synonym || r->fmt == DYAD__FMT_TABARI_DISCARDS) && !joins_above(r)) {
		if (flush(r) != 0)
			return -1;
		open_entry(r);
	}
	r->last = r->line;
	if (add_phrase(r, a, pe, flags) != 0)
		return -1;
	return read_tail(r, pe, flags);
}

/* An indented line: code blocks for the entry above (§5.3.1). */
static int read_code_line(treader *r)
{
	size_t a = skip_blanks(r->s, 0, r->n);

	if (r->fmt == DYAD__FMT_TABARI_DISCARDS)
		return read_phrase_line(r, a + (r->s[a] == '+'), r->s[a] == '+');
	if (!r->open) {
		fail(r, a, "%s", "code line before any phrase; skipped");
		return 0;
	}
	if (r->s[a] != '[') {
		const char *br = memchr(r->s + a, '[', r->n - a);
		if (!br) {
			fail(r, a, "%s", "indented line without a [code]; skipped");
			return 0;
		}
		warn(r, a, "%s", "text before the code on an indented line; ignored");
		a = (size_t)(br - r->s);
	}
	r->last = r->line;
	return read_tail(r, a, 0);
}

static int tag_is(const char *s, size_t n, const char *tag)
{
	size_t i, k = strlen(tag);

	if (n != k)
		return 0;
	for (i = 0; i < k; i++)
		if ((s[i] & ~0x20) != tag[i])
			return 0;
	return 1;
}

/* "<NOUN>", "</ADJECTIVE>", "<!-- comment -->" ... (§5.3.2). */
static int read_tag(treader *r)
{
	const char *e = memchr(r->s, '>', r->n);
	size_t a = r->n > 1 && r->s[1] == '/' ? 2 : 1, n = e && e > r->s + a ? (size_t)(e - r->s) - a : 0;
	int sec = SEC_SKIP;
	char q[48];

	if (r->n > 1 && r->s[1] == '!')
		return 0; /* an XML comment (PETRARCH) */
	if (flush(r) != 0)
		return -1;
	if (!e || n == 0 || n >= sizeof r->sec_name) {
		fail(r, 0, "%s", "bad section tag (want <NOUN>, <ADJECTIVE> or their </...>); skipped");
		return 0;
	}
	if (tag_is(r->s + a, n, "NOUN"))
		sec = SEC_NOUN;
	else if (tag_is(r->s + a, n, "ADJECTIVE") || tag_is(r->s + a, n, "ADJ"))
		sec = SEC_ADJ;
	quote(q, sizeof q, r->s + a, n);
	if (a == 2) {
		if (r->section == SEC_NONE || strcmp(q, r->sec_name) != 0)
			fail(r, 0, "</%s> does not close an open section; ignored", q);
		else
			r->section = SEC_NONE;
		return 0;
	}
	if (r->section != SEC_NONE)
		fail(r, 0, "<%s> opens inside another section, which is closed here", q);
	if (sec == SEC_SKIP)
		warn(r, 0, "unknown section <%s>; its lines are skipped", q);
	r->section = sec;
	r->sec_line = r->line;
	memcpy(r->sec_name, q, strlen(q) + 1);
	return 0;
}

/* Cuts the comment ('#' or ';' outside brackets) and trailing blanks. */
static void cut_comment(treader *r)
{
	size_t i;
	int in = 0;

	for (i = 0; i < r->n; i++) {
		char c = r->s[i];
		if (c == '[')
			in = 1;
		else if (c == ']')
			in = 0;
		else if ((c == '#' || c == ';') && !in)
			break;
	}
	r->n = trim_end(r->s, 0, i);
}

static int starts(const treader *r, const char *p)
{
	size_t k = strlen(p);

	return r->n >= k && memcmp(r->s, p, k) == 0;
}

/* Is the line "!NAME! = ..." (a set) rather than a phrase with a marker? */
static int set_line(const treader *r, size_t *close, size_t *eq)
{
	const char *c;

	if (r->fmt != DYAD__FMT_TABARI_AGENTS || r->s[0] != '!' ||
	    !(c = memchr(r->s + 1, '!', r->n - 1)))
		return 0;
	*close = (size_t)(c - r->s);
	*eq = skip_blanks(r->s, *close + 1, r->n);
	return *eq < r->n && r->s[*eq] == '=';
}

/* "~FINISH" (§5.2) or "---STOP---" (PETRARCH): nothing after it is read. */
static int end_mark(const treader *r)
{
	return starts(r, "~FINISH") || starts(r, "~~FINISH") || starts(r, "---STOP---");
}

static int read_line(treader *r)
{
	size_t close, eq;

	if (r->n && r->s[r->n - 1] == '\r')
		r->n--; /* CRLF */
	if (end_mark(r)) {
		r->done = 1;
		return 0;
	}
	if (r->n && r->s[0] == '/')
		return 0; /* a comment line (§5.2) */
	cut_comment(r);
	if (r->n == 0 || (r->section == SEC_SKIP && r->s[0] != '<'))
		return 0;
	if (is_blank(r->s[0]))
		return read_code_line(r);
	if (r->s[0] == '<' && r->fmt != DYAD__FMT_TABARI_DISCARDS)
		return read_tag(r);
	if (set_line(r, &close, &eq))
		return flush(r) == 0 ? define_set(r, close, eq) : -1;
	return read_phrase_line(r, r->s[0] == '+', r->s[0] == '+');
}

/*
** TABARI reads a phrase without a final '_' as a prefix (§5.2.2), but
** PETRARCH does not stem, and the Phoenix files, written for PETRARCH,
** leave the '_' off almost everywhere (3,384 of 3,402 agents): read as
** prefixes, BOSS would match "bossy". So only files named the TABARI
** way (*.actors, *.agents, *.verbs, *.discards) get prefixes; others,
** like Phoenix.*.txt, match whole words (regular plurals still apply).
*/
static int tabari_named(const char *path)
{
	static const char *const ext[] = { ".actors", ".agents", ".verbs", ".discards", NULL };
	size_t n = strlen(path), i;

	for (i = 0; ext[i]; i++)
		if (n >= strlen(ext[i]) && strcmp(path + n - strlen(ext[i]), ext[i]) == 0)
			return 1;
	return 0;
}

int dyad__dict_read_tabari(dyad__dict *d, uint32_t file, dyad__dformat fmt,
			   const char *buf, size_t n)
{
	treader r;
	size_t i = 0;
	int rc = 0;

	memset(&r, 0, sizeof r);
	r.d = d;
	r.file = file;
	r.fmt = fmt == DYAD__FMT_TABARI_AGENTS || fmt == DYAD__FMT_TABARI_DISCARDS ?
		fmt : DYAD__FMT_TABARI_ACTORS;
	r.buf = buf;
	r.stems = tabari_named(dyad__dict_file_path(d, file));
	/* Sixteen times the file, plus one line's worth: the real agents
	** files need a small part of it, and no file can make the builder
	** hold more than a constant times its own size. */
	r.budget = n <= SIZE_MAX / 32 ? 16 * n + MAX_EXPANSIONS * MAX_PHRASE : SIZE_MAX;
	if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3; /* a byte-order mark */
	while (i < n && !r.done && rc == 0) {
		const char *nl = memchr(buf + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - buf) : n;
		r.line++;
		r.s = buf + i;
		r.n = e - i;
		rc = read_line(&r) != 0 || r.nomem || dyad__dict_nomem(d) ? -1 : 0;
		i = e + 1;
	}
	if (rc == 0)
		rc = flush(&r) != 0 || r.nomem || dyad__dict_nomem(d) ? -1 : 0;
	if (rc == 0 && r.section != SEC_NONE)
		dyad__dict_diag(d, DYAD__ERROR, file, r.sec_line, 1,
				"<%s> is not closed by </%s> before the end", r.sec_name, r.sec_name);
	dyad__buf_free(&r.txt);
	dyad__buf_free(&r.names);
	dyad__buf_free(&r.codes);
	dyad__buf_free(&r.sets);
	dyad__buf_free(&r.items);
	dyad__buf_free(&r.tmp);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Which reader a file needs                                           */
/* ------------------------------------------------------------------ */

static int ends_with(const char *s, size_t n, const char *tail)
{
	size_t i, k = strlen(tail);

	if (n < k)
		return 0;
	for (i = 0; i < k; i++)
		if ((s[n - k + i] | 0x20) != tail[i])
			return 0;
	return 1;
}

/* The format a file's name says; DYAD__FMT_AUTO when it says none, and
** *verbs set when it names a verbs file, which no reader here takes. */
static dyad__dformat by_name(const char *path, int *verbs)
{
	const char *base;
	size_t n, i;

	if (!path)
		return DYAD__FMT_AUTO;
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	n = strlen(base);
	for (i = 0; i + 5 <= n; i++)
		if (ends_with(base, i + 5, "verbs"))
			*verbs = 1;
	if (ends_with(base, n, ".actors") || ends_with(base, n, "actors.txt"))
		return DYAD__FMT_TABARI_ACTORS;
	if (ends_with(base, n, ".agents") || ends_with(base, n, "agents.txt"))
		return DYAD__FMT_TABARI_AGENTS;
	for (i = 0; i + 8 <= n; i++)
		if (ends_with(base, i + 8, "discards"))
			return DYAD__FMT_TABARI_DISCARDS;
	return DYAD__FMT_AUTO;
}

/* What the lines of a file look like. */
typedef struct looks {
	int dyad;         /* @directives, indented dyad keywords */
	int tabari;       /* brackets, '+' lines, '_' phrases, sections, sets */
	int agents;       /* agent codes and substitution sets */
	int codes;        /* actor code blocks */
	int verbs;        /* verb patterns ("- * ...") and blocks ("--- ...") */
} looks;

static const char *const dyad_keywords[] = {
	"code", "name", "adj", "capital", "plural", "person", "note", NULL
};

/* Scores one line, s[0, n), that is not blank and not a comment. */
static void look_at(looks *lk, const char *s, size_t n)
{
	size_t a = skip_blanks(s, 0, n), i, k;
	const char *br = memchr(s, '[', n);

	if (s[0] == '@' && n > 1 && s[1] >= 'a' && s[1] <= 'z')
		lk->dyad += 10;
	for (k = 0; a > 0 && dyad_keywords[k]; k++) {
		size_t kl = strlen(dyad_keywords[k]);
		if (n - a >= kl && memcmp(s + a, dyad_keywords[k], kl) == 0 &&
		    (n - a == kl || is_blank(s[a + kl])))
			lk->dyad += 2;
	}
	if (br) {
		size_t j = skip_blanks(s, (size_t)(br - s) + 1, n);
		lk->tabari++;
		if (j < n && s[j] == '~')
			lk->agents++;
		else if (memchr(br, '~', n - (size_t)(br - s)))
			lk->agents++;
		else
			lk->codes++;
	}
	if (s[0] == '+' || s[0] == '<')
		lk->tabari++;
	if (s[0] == '-' && n > 1 && (s[1] == ' ' || s[1] == '-'))
		lk->verbs++;
	if (s[0] == '!' && memchr(s, '=', n))
		lk->tabari++, lk->agents++;
	for (i = 1; a == 0 && i + 1 < n && !is_blank(s[i]) && s[i] != '['; i++)
		if (s[i] == '_' && is_alnum(s[i - 1]) && is_alnum(s[i + 1])) {
			lk->tabari++;
			break;
		}
}

/*
** By content first when it is plainly dyad's own format, else by name,
** else by content. DYAD__FMT_AUTO means a verbs file (by name or by its
** "- ..." pattern lines): a dictionary none of the readers takes.
*/
dyad__dformat dyad__dict_sniff(const char *path, const char *buf, size_t n)
{
	int verbs = 0;
	dyad__dformat named = by_name(path, &verbs);
	looks lk = {0, 0, 0, 0, 0};
	size_t i = n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

	if (n > SNIFF_BYTES)
		n = SNIFF_BYTES;
	while (i < n) {
		const char *nl = memchr(buf + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - buf) : n, a = skip_blanks(buf, i, e);
		if (a < e && buf[a] != '#' && buf[a] != ';' && buf[a] != '\r')
			look_at(&lk, buf + i, e - i);
		i = e + 1;
	}
	if (lk.dyad > lk.tabari)
		return DYAD__FMT_DYAD;
	if (verbs || (lk.verbs > 0 && lk.verbs * 4 >= lk.tabari))
		return DYAD__FMT_AUTO;
	if (named != DYAD__FMT_AUTO)
		return named;
	if (lk.tabari == 0)
		return DYAD__FMT_DYAD; /* nothing of TABARI: the house format */
	if (lk.agents > lk.codes)
		return DYAD__FMT_TABARI_AGENTS;
	return lk.codes ? DYAD__FMT_TABARI_ACTORS : DYAD__FMT_TABARI_DISCARDS;
}
