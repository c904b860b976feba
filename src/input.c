/*
** input.c — the reader: paths in, a stream of dyad_input records out.
**
** This is the front door of the pipeline and the first code to touch
** untrusted bytes, so it is built around caps rather than convenience.
** Queued paths are expanded lazily: a directory becomes a frame of sorted
** entry names on a stack at most DYAD_MAX_DIR_DEPTH deep, and a file is
** opened only when the previous one is exhausted. Every file goes through
** zlib's gz* calls, which pass non-gzip data through unchanged, so plain,
** JSONL and their .gz forms share one code path. Bytes arrive in a fixed
** read buffer; a JSONL line is copied out of it only while it stays under
** DYAD_MAX_LINE_BYTES and is otherwise scanned to its newline and dropped,
** so a gzip bomb costs time proportional to its size but bounded memory.
**
** A bad item (unreadable file, malformed line, over a cap) is turned into
** a status and a "file:line: reason" message on the reader, and the next
** call goes on with the batch. Nothing here prints, exits or keeps
** writable static state; one reader is one thread's.
*/
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <dirent.h>
#include <unistd.h>

#include <json-c/json.h>
#include <zlib.h>

#include "dyad_int.h"

/* json_tokener_parse_ex takes an int length. */
_Static_assert(DYAD_MAX_LINE_BYTES <= INT_MAX, "JSONL line cap exceeds int");

/* One read from zlib; big enough to amortise the call, small enough that
** a reader costs little beyond its buffers. */
#define RBUF_SIZE (64u * 1024u)

/* Path bytes kept in a message: the tail, which names the file, leaves
** room in DYAD__MSG_MAX for the reason. */
#define WHERE_PATH_MAX 300u

/* Metadata fields copied (and capped) per document. */
enum { F_ID, F_URL, F_DATE, F_SOURCE, F_TITLE, F_LANG, NFIELDS };

static const char *const field_keys[NFIELDS] = {
	"id", "url", "date", "source", "title", "lang"
};

/* An open directory: its entries are read and sorted at once, so no
** directory stream (file descriptor) stays open while descending. */
typedef struct dir_frame {
	char *path;   /* directory path as the caller spelled it */
	char *pool;   /* entry names, NUL-terminated, back to back */
	char **names; /* entries in byte order, views into pool */
	size_t n;     /* entries */
	size_t next;  /* index of the next entry to open */
	dev_t dev;    /* identity, to spot a symbolic link to an ancestor */
	ino_t ino;
} dir_frame;

struct dyad_reader {
	char msg[DYAD__MSG_MAX];      /* why the last item was skipped */
	char where[DYAD__MSG_MAX];    /* "path[:line]" scratch for msg */
	char pend[DYAD__MSG_MAX];     /* message of pend_st */
	dyad_status pend_st;          /* damage found while a cut-short last
				      ** line was still worth parsing; DYAD_OK
				      ** when none */
	char **queue;                 /* copies of the paths queued */
	size_t nqueue;                /* paths queued */
	size_t qcap;                  /* slots in queue */
	size_t qnext;                 /* next queued path to open */
	dir_frame dirs[DYAD_MAX_DIR_DEPTH]; /* open directories, outermost first */
	size_t ndirs;                 /* frames in use */
	dyad__buf path;               /* current item's path, NUL-terminated */
	gzFile gz;                    /* current file; NULL when none */
	int ended;                    /* current file has nothing more to give */
	int json;                     /* current file is JSONL */
	int sized;                    /* current file is regular: size known */
	off_t size;                   /* its size on disk */
	int stash_over;               /* sniffing saw over a document's bytes */
	size_t lineno;                /* lines read from the current file */
	int partial;                  /* r->line was cut short by damage */
	size_t rpos;                  /* next unread byte in rbuf */
	size_t rlen;                  /* bytes in rbuf */
	char rbuf[RBUF_SIZE];         /* bytes from zlib not yet consumed */
	dyad__buf line;               /* current JSONL line */
	dyad__buf text;               /* current plain-text document */
	json_tokener *tok;            /* reused for every line */
	json_object *obj;             /* last JSONL document; its text is
				      ** handed out, so it lives until the
				      ** next call */
	char field[NFIELDS][DYAD_MAX_FIELD_BYTES + 1]; /* capped metadata */
	size_t skipped;               /* items skipped so far */
};

/* ------------------------------------------------------------------ */
/* Messages                                                            */
/* ------------------------------------------------------------------ */

/*
** "path" or "path:line" of the current item, for the front of a message;
** a long path keeps its tail so the reason still fits. Owned by r, valid
** until the next message is built.
*/
static const char *where(dyad_reader *r, size_t line)
{
	const char *p = r->path.p ? r->path.p : "";
	const char *ell = "";
	size_t n = strlen(p);

	if (n > WHERE_PATH_MAX) {
		p += n - WHERE_PATH_MAX;
		while ((*p & 0xC0) == 0x80)
			p++;
		ell = "...";
	}
	if (line)
		dyad__msg(r->where, DYAD_OK, "%s%s:%zu", ell, p, line);
	else
		dyad__msg(r->where, DYAD_OK, "%s%s", ell, p);
	return r->where;
}

/* "path: [what]reason" from an errno value. strerror_r, because strerror
** may share one buffer between readers in different threads. */
static dyad_status errno_msg(dyad_reader *r, dyad_status st, const char *what,
			     int e)
{
	char why[128];

	if (strerror_r(e, why, sizeof why) != 0)
		snprintf(why, sizeof why, "error %d", e);
	return dyad__msg(r->msg, st, "%s: %s%s", where(r, 0), what, why);
}

static dyad_status nomem(dyad_reader *r, size_t line)
{
	return dyad__msg(r->msg, DYAD_NOMEM, "%s: out of memory",
			 where(r, line));
}

/* A document over the cap; size is 0 when only "more than" is known. */
static dyad_status over_doc(dyad_reader *r, size_t line,
			    unsigned long long size)
{
	const unsigned long long cap = DYAD_MAX_DOC_BYTES;

	if (!size)
		return dyad__msg(r->msg, DYAD_LIMIT,
				 "%s: text longer than the %llu-byte article "
				 "limit (DYAD_MAX_DOC_BYTES); skipped",
				 where(r, line), cap);
	return dyad__msg(r->msg, DYAD_LIMIT,
			 "%s: %s is %llu bytes, over the %llu-byte article limit "
			 "(DYAD_MAX_DOC_BYTES); skipped",
			 where(r, line), line ? "text" : "file", size, cap);
}

/* Sets the message for a line that is not a usable JSONL record. */
static dyad_status bad_line(dyad_reader *r, const char *why)
{
	return dyad__msg(r->msg, DYAD_PARSE, "%s: %s; skipped",
			 where(r, r->lineno), why);
}

/* ------------------------------------------------------------------ */
/* Bytes                                                               */
/* ------------------------------------------------------------------ */

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static int blank(const char *s, size_t n)
{
	while (n && is_ws(*s))
		s++, n--;
	return n == 0;
}

static int has_bom(const char *s, size_t n)
{
	return n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0;
}

/*
** Refills rbuf from the current file. DYAD_OK: rlen > 0. DYAD_DONE: clean
** end. Otherwise the file is damaged or unreadable and the message says
** so; either way the file is marked ended.
*/
static dyad_status fill(dyad_reader *r)
{
	int n, e, err = Z_OK;
	const char *why, *colon;

	r->rpos = r->rlen = 0;
	n = gzread(r->gz, r->rbuf, RBUF_SIZE);
	if (n > 0) {
		r->rlen = (size_t)n;
		return DYAD_OK;
	}
	e = errno;
	r->ended = 1;
	why = gzerror(r->gz, &err);
	/* zlib reports a gzip stream cut short as Z_BUF_ERROR with a 0
	** return, after it has handed out every byte before the cut. */
	if (err == Z_OK && n == 0)
		return DYAD_DONE;
	if (err == Z_ERRNO)
		return errno_msg(r, DYAD_IO, "read error: ", e);
	if (err == Z_MEM_ERROR)
		return nomem(r, 0);
	/* zlib's text starts with its own name for the file ("<fd:3>: ") */
	colon = why ? strstr(why, ": ") : NULL;
	why = colon ? colon + 2 : why && *why ? why : "unknown zlib error";
	return dyad__msg(r->msg, DYAD_PARSE,
			 "%s: truncated or corrupt gzip data (%s)", where(r, 0),
			 why);
}

/*
** Decides plain text or JSONL by the first non-whitespace byte (a leading
** UTF-8 BOM does not count). Whitespace before it is stashed in r->text
** (up to the document cap) because a plain document keeps it; for JSONL
** only its newlines matter, for the line numbers.
*/
static dyad_status sniff(dyad_reader *r, int *json)
{
	int first = 1;
	dyad_status st;

	for (;;) {
		size_t i, n;

		if (r->rpos == r->rlen) {
			st = fill(r);
			if (st == DYAD_DONE)
				break;
			if (st != DYAD_OK)
				return st;
		}
		i = r->rpos + (first && has_bom(r->rbuf, r->rlen) ? 3 : 0);
		first = 0;
		while (i < r->rlen && is_ws(r->rbuf[i]))
			i++;
		if (i < r->rlen) {
			*json = r->rbuf[i] == '{';
			return DYAD_OK;
		}
		n = r->rlen - r->rpos;
		for (i = r->rpos; i < r->rlen; i++)
			r->lineno += r->rbuf[i] == '\n';
		if (r->text.len + n > DYAD_MAX_DOC_BYTES)
			r->stash_over = 1;
		else if (dyad__buf_append(&r->text, r->rbuf + r->rpos, n) != 0)
			return nomem(r, 0);
		r->rpos = r->rlen;
	}
	*json = 0;
	return DYAD_OK;
}

/*
** Damage ended the file inside a line. The line is still worth a parse:
** when only the newline was lost it is a whole record. The message waits
** in r->pend until that line has been dealt with.
*/
static dyad_status cut_line(dyad_reader *r, dyad_status st, size_t total,
			    int over)
{
	if (total == 0 || over || blank(r->line.p, r->line.len))
		return st;
	memcpy(r->pend, r->msg, sizeof r->pend);
	r->pend_st = st;
	r->partial = 1;
	return DYAD_OK;
}

/*
** Next line of the current file into r->line, without its newline.
** DYAD_DONE at the end; DYAD_LIMIT for a line over DYAD_MAX_LINE_BYTES,
** which is consumed but not kept, so the caller may read on; any other
** failure ends the file.
*/
static dyad_status read_line(dyad_reader *r)
{
	size_t total = 0;
	int over = 0;
	dyad_status st;

	r->line.len = 0;
	r->partial = 0;
	for (;;) {
		const char *p, *nl;
		size_t take;

		if (r->rpos == r->rlen) {
			st = fill(r);
			if (st == DYAD_DONE && total > 0)
				break; /* last line without a newline */
			if (st != DYAD_OK) {
				if (cut_line(r, st, total, over) != DYAD_OK)
					return st;
				break;
			}
		}
		p = r->rbuf + r->rpos;
		nl = memchr(p, '\n', r->rlen - r->rpos);
		take = nl ? (size_t)(nl - p) : r->rlen - r->rpos;
		r->rpos += take + (nl != NULL);
		total += take;
		if (total > DYAD_MAX_LINE_BYTES)
			over = 1;
		else if (dyad__buf_append(&r->line, p, take) != 0) {
			r->ended = 1;
			return nomem(r, r->lineno + 1);
		}
		if (nl)
			break;
	}
	r->lineno++;
	if (over)
		return dyad__msg(r->msg, DYAD_LIMIT,
				 "%s: line longer than %llu bytes "
				 "(DYAD_MAX_LINE_BYTES); skipped",
				 where(r, r->lineno),
				 (unsigned long long)DYAD_MAX_LINE_BYTES);
	return DYAD_OK;
}

/* ------------------------------------------------------------------ */
/* Documents                                                           */
/* ------------------------------------------------------------------ */

/* Copies at most DYAD_MAX_FIELD_BYTES of s, backing off so that a cut
** never splits a UTF-8 sequence. Returns dst. */
static const char *copy_field(char *dst, const char *s, size_t n)
{
	if (n > DYAD_MAX_FIELD_BYTES) {
		n = DYAD_MAX_FIELD_BYTES;
		while (n > 0 && (s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, s, n);
	dst[n] = '\0';
	return dst;
}

/* Whole-file document: the stashed bytes, then the rest of the file, as
** long as it stays within DYAD_MAX_DOC_BYTES. */
static dyad_status next_plain(dyad_reader *r, dyad_input *out)
{
	dyad_status st;

	r->ended = 1; /* one document per file, whatever happens here */
	/* A regular uncompressed file says its size: refuse before reading. */
	if (r->sized && r->size > (off_t)DYAD_MAX_DOC_BYTES && gzdirect(r->gz))
		return over_doc(r, 0, (unsigned long long)r->size);
	if (r->stash_over)
		return over_doc(r, 0, 0);
	for (;;) {
		size_t n = r->rlen - r->rpos;

		if (r->text.len + n > DYAD_MAX_DOC_BYTES)
			return over_doc(r, 0, 0);
		if (dyad__buf_append(&r->text, r->rbuf + r->rpos, n) != 0)
			return nomem(r, 0);
		st = fill(r);
		if (st == DYAD_DONE)
			break;
		if (st != DYAD_OK)
			return st;
	}
	if (r->text.len == 0)
		return dyad__msg(r->msg, DYAD_PARSE, "%s: empty file; skipped",
				 where(r, 0));
	/* Not required by dyad_input, but a NUL after the bytes is cheap
	** insurance for callers that treat text as a C string. */
	if (dyad__buf_reserve(&r->text, 1) != 0)
		return nomem(r, 0);
	r->text.p[r->text.len] = '\0';
	out->id = copy_field(r->field[F_ID], r->path.p, strlen(r->path.p));
	out->text = r->text.p;
	out->text_len = r->text.len;
	out->origin = r->path.p;
	out->origin_line = 0;
	return DYAD_OK;
}

/* The string value of key, capped, or NULL when absent, null or not a
** string. Numbers are accepted where want_num says so (the id). */
static const char *meta(dyad_reader *r, int f, int want_num)
{
	json_object *v;
	json_type t;

	if (!json_object_object_get_ex(r->obj, field_keys[f], &v) || !v)
		return NULL;
	t = json_object_get_type(v);
	if (t == json_type_string)
		return copy_field(r->field[f], json_object_get_string(v),
				  (size_t)json_object_get_string_len(v));
	if (want_num && (t == json_type_int || t == json_type_double)) {
		const char *s = json_object_get_string(v);

		return copy_field(r->field[f], s, strlen(s));
	}
	return NULL;
}

static void fill_meta(dyad_reader *r, dyad_input *out)
{
	out->id = meta(r, F_ID, 1);
	if (!out->id) {
		snprintf(r->field[F_ID], sizeof r->field[F_ID], "%s:%zu",
			 r->path.p, r->lineno);
		out->id = r->field[F_ID];
	}
	out->url = meta(r, F_URL, 0);
	out->date = meta(r, F_DATE, 0);
	out->source = meta(r, F_SOURCE, 0);
	out->title = meta(r, F_TITLE, 0);
	out->lang = meta(r, F_LANG, 0);
	out->origin = r->path.p;
	out->origin_line = r->lineno;
}

/* Parses r->line into r->obj; DYAD_PARSE with a message unless it is a
** single JSON object and nothing else. */
static dyad_status parse_object(dyad_reader *r)
{
	const char *s = r->line.p;
	size_t n = r->line.len, end;
	enum json_tokener_error jerr;

	if (r->lineno == 1 && has_bom(s, n))
		s += 3, n -= 3;
	while (n && is_ws(*s))
		s++, n--;
	/* An object is the only value that starts with '{'; checking first
	** also spares the tokener from waiting on a bare number's end. */
	if (n == 0 || *s != '{')
		return bad_line(r, "not a JSON object");
	/* json-c would stop at a raw NUL and blame the end of the data. */
	if (memchr(s, '\0', n))
		return bad_line(r, "malformed JSON (raw NUL byte)");
	json_tokener_reset(r->tok);
	r->obj = json_tokener_parse_ex(r->tok, s, (int)n);
	jerr = json_tokener_get_error(r->tok);
	if (!r->obj || jerr != json_tokener_success) {
		char why[160];

		snprintf(why, sizeof why, "malformed JSON (%s)",
			 jerr == json_tokener_continue ?
				 "line ends inside the object" :
				 json_tokener_error_desc(jerr));
		return bad_line(r, why);
	}
	end = json_tokener_get_parse_end(r->tok);
	if (end > n || !blank(s + end, n - end))
		return bad_line(r, "malformed JSON (text after the object)");
	return DYAD_OK;
}

/* One JSONL line to a document; a line that fails is reported and the
** file stays open for the next. */
static dyad_status parse_line(dyad_reader *r, dyad_input *out)
{
	json_object *text = NULL;
	dyad_status st;
	size_t len;

	st = parse_object(r);
	if (st != DYAD_OK)
		return st;
	if (!json_object_object_get_ex(r->obj, "text", &text) ||
	    !json_object_is_type(text, json_type_string))
		return bad_line(r, "no \"text\" string");
	len = (size_t)json_object_get_string_len(text);
	if (len > DYAD_MAX_DOC_BYTES)
		return over_doc(r, r->lineno, len);
	fill_meta(r, out);
	out->text = json_object_get_string(text);
	out->text_len = len;
	return DYAD_OK;
}

/* Hands out the damage report held back by cut_line, once. */
static dyad_status take_pending(dyad_reader *r)
{
	dyad_status st = r->pend_st;

	memcpy(r->msg, r->pend, sizeof r->msg);
	r->pend_st = DYAD_OK;
	return st;
}

static dyad_status next_jsonl(dyad_reader *r, dyad_input *out)
{
	dyad_status st;

	for (;;) {
		st = read_line(r);
		if (st != DYAD_OK)
			return st;
		if (blank(r->line.p, r->line.len))
			continue;
		st = parse_line(r, out);
		/* A cut-short line that does not parse is the damage itself,
		** not a malformed record: report only the damage. */
		if (st != DYAD_OK && r->partial)
			return take_pending(r);
		return st;
	}
}

/* ------------------------------------------------------------------ */
/* Files and directories                                               */
/* ------------------------------------------------------------------ */

static int has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && strcasecmp(s + n - m, suf) == 0;
}

static int jsonl_name(const char *path)
{
	return has_suffix(path, ".jsonl") || has_suffix(path, ".ndjson") ||
	       has_suffix(path, ".jsonl.gz") || has_suffix(path, ".ndjson.gz");
}

static void close_file(dyad_reader *r)
{
	if (r->gz)
		gzclose(r->gz);
	r->gz = NULL;
}

/* Makes fd (owned from here on) the current file and decides its
** format. */
static dyad_status open_stream(dyad_reader *r, int fd, const struct stat *st)
{
	r->gz = gzdopen(fd, "rb");
	if (!r->gz) {
		close(fd);
		return nomem(r, 0);
	}
	gzbuffer(r->gz, RBUF_SIZE);
	r->ended = 0;
	r->sized = S_ISREG(st->st_mode);
	r->size = st->st_size;
	r->stash_over = 0;
	r->pend_st = DYAD_OK;
	r->lineno = 0;
	r->rpos = r->rlen = 0;
	r->text.len = 0;
	r->json = jsonl_name(r->path.p);
	if (!r->json) {
		dyad_status s = sniff(r, &r->json);

		if (s != DYAD_OK) {
			r->ended = 1;
			return s;
		}
		/* Sniffing may have met the end of the file, but the plain
		** reader must still run once, to report an empty file. */
		r->ended = 0;
	}
	return DYAD_OK;
}

static int by_bytes(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads the visible entries of d into f, sorted. 0, or an errno value. */
static int list_dir(DIR *d, dir_frame *f)
{
	dyad__buf pool = { 0 };
	struct dirent *e;
	size_t i, off;

	for (errno = 0; (e = readdir(d)) != NULL; errno = 0) {
		if (e->d_name[0] == '.') /* hidden, and "." and ".." */
			continue;
		if (dyad__buf_append(&pool, e->d_name, strlen(e->d_name) + 1))
			goto out_nomem;
		f->n++;
	}
	if (errno) {
		dyad__buf_free(&pool);
		return errno;
	}
	f->names = malloc((f->n ? f->n : 1) * sizeof *f->names);
	if (!f->names)
		goto out_nomem;
	for (i = off = 0; i < f->n; i++) {
		f->names[i] = pool.p + off;
		off += strlen(pool.p + off) + 1;
	}
	qsort(f->names, f->n, sizeof *f->names, by_bytes);
	f->pool = pool.p;
	return 0;
out_nomem:
	dyad__buf_free(&pool);
	return ENOMEM;
}

static void free_frame(dir_frame *f)
{
	free(f->path);
	free(f->pool);
	free(f->names);
	memset(f, 0, sizeof *f);
}

/* Pushes the directory open on fd (owned from here on), unless that would
** go deeper than DYAD_MAX_DIR_DEPTH or back into an ancestor. */
static dyad_status push_dir(dyad_reader *r, int fd, const struct stat *st)
{
	dir_frame f = { 0 };
	DIR *d;
	size_t i;
	int e;

	for (i = 0; i < r->ndirs; i++) {
		if (r->dirs[i].dev == st->st_dev && r->dirs[i].ino == st->st_ino) {
			close(fd);
			return dyad__msg(r->msg, DYAD_IO,
					 "%s: directory loop through a symbolic "
					 "link; skipped", where(r, 0));
		}
	}
	if (r->ndirs >= DYAD_MAX_DIR_DEPTH) {
		close(fd);
		return dyad__msg(r->msg, DYAD_LIMIT,
				 "%s: directories nested deeper than "
				 "DYAD_MAX_DIR_DEPTH (%d); skipped",
				 where(r, 0), (int)DYAD_MAX_DIR_DEPTH);
	}
	d = fdopendir(fd);
	if (!d) {
		e = errno;
		close(fd);
		return errno_msg(r, DYAD_IO, "", e);
	}
	f.dev = st->st_dev;
	f.ino = st->st_ino;
	f.path = strdup(r->path.p);
	e = f.path ? list_dir(d, &f) : ENOMEM;
	closedir(d);
	if (e) {
		free_frame(&f);
		return e == ENOMEM ? nomem(r, 0) : errno_msg(r, DYAD_IO, "", e);
	}
	r->dirs[r->ndirs++] = f;
	return DYAD_OK;
}

/*
** Which files a directory walk reads: text and feed files, and files with
** no extension; not a README.md or an image that happens to sit beside
** the articles. A file named on the command line is always read.
*/
static int article_name(const char *path)
{
	static const char *const exts[] = { ".txt", ".text", ".jsonl", ".ndjson",
		".json", ".gz", NULL };
	const char *base = strrchr(path, '/'), *dot;
	size_t k;

	dot = strrchr(base ? base : path, '.');
	if (!dot)
		return 1;
	for (k = 0; exts[k]; k++)
		if (strcmp(dot, exts[k]) == 0)
			return 1;
	return 0;
}

/*
** Opens r->path: a directory is pushed, anything else becomes the current
** file. Inside a directory only regular files are read, so a FIFO or a
** device found there cannot block the batch; O_NONBLOCK keeps even the
** open() of a FIFO from waiting for a writer.
*/
static dyad_status open_item(dyad_reader *r, int in_dir)
{
	int is_stdin = !in_dir && strcmp(r->path.p, "-") == 0;
	struct stat st;
	int fd, e;

	if (is_stdin) /* a copy, so closing the gz leaves stdin open */
		fd = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0);
	else
		fd = open(r->path.p, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return errno_msg(r, DYAD_IO, "", errno);
	if (fstat(fd, &st) != 0) {
		e = errno;
		close(fd);
		return errno_msg(r, DYAD_IO, "", e);
	}
	if (S_ISDIR(st.st_mode) && !is_stdin)
		return push_dir(r, fd, &st);
	if (in_dir && !S_ISREG(st.st_mode)) {
		close(fd);
		return dyad__msg(r->msg, DYAD_IO,
				 "%s: not a regular file; skipped", where(r, 0));
	}
	if (in_dir && !article_name(r->path.p)) {
		close(fd); /* README.md, images: not articles, not errors */
		return DYAD_OK;
	}
	/* A FIFO or terminal named on the command line is read blocking. */
	if (!is_stdin && !S_ISREG(st.st_mode))
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return open_stream(r, fd, &st);
}

static dyad_status set_path(dyad_reader *r, const char *dir, const char *name)
{
	size_t n = strlen(dir);

	r->path.len = 0;
	if (dyad__buf_append(&r->path, dir, n) != 0 ||
	    (name && n && dir[n - 1] != '/' &&
	     dyad__buf_append(&r->path, "/", 1) != 0) ||
	    (name && dyad__buf_append(&r->path, name, strlen(name)) != 0) ||
	    dyad__buf_append(&r->path, "", 1) != 0)
		return dyad__msg(r->msg, DYAD_NOMEM, "%s: out of memory", dir);
	return DYAD_OK;
}

/* Opens the next entry of the innermost directory, or pops it when it
** has none left. */
static dyad_status next_in_dir(dyad_reader *r)
{
	dir_frame *f = &r->dirs[r->ndirs - 1];
	dyad_status st;

	if (f->next == f->n) {
		free_frame(f);
		r->ndirs--;
		return DYAD_OK;
	}
	st = set_path(r, f->path, f->names[f->next++]);
	if (st != DYAD_OK)
		return st;
	return open_item(r, 1);
}

/* ------------------------------------------------------------------ */
/* API                                                                 */
/* ------------------------------------------------------------------ */

dyad_status dyad_reader_new(dyad_reader **out)
{
	dyad_reader *r;

	if (!out)
		return DYAD_BADARG;
	*out = NULL;
	r = calloc(1, sizeof *r);
	if (!r)
		return DYAD_NOMEM;
	r->tok = json_tokener_new();
	if (!r->tok) {
		free(r);
		return DYAD_NOMEM;
	}
	*out = r;
	return DYAD_OK;
}

void dyad_reader_free(dyad_reader *r)
{
	size_t i;

	if (!r)
		return;
	close_file(r);
	while (r->ndirs)
		free_frame(&r->dirs[--r->ndirs]);
	for (i = 0; i < r->nqueue; i++)
		free(r->queue[i]);
	free(r->queue);
	json_object_put(r->obj);
	json_tokener_free(r->tok);
	dyad__buf_free(&r->path);
	dyad__buf_free(&r->line);
	dyad__buf_free(&r->text);
	free(r);
}

dyad_status dyad_reader_add(dyad_reader *r, const char *path)
{
	char *copy;

	if (!r || !path || !*path)
		return DYAD_BADARG;
	if (r->nqueue == r->qcap) {
		size_t cap = r->qcap ? r->qcap * 2 : 8;
		char **q = realloc(r->queue, cap * sizeof *q);

		if (!q)
			return dyad__msg(r->msg, DYAD_NOMEM, "out of memory");
		r->queue = q;
		r->qcap = cap;
	}
	copy = strdup(path);
	if (!copy)
		return dyad__msg(r->msg, DYAD_NOMEM, "out of memory");
	r->queue[r->nqueue++] = copy;
	return DYAD_OK;
}

/* One step of the batch: the current file's next item, else the next
** directory entry, else the next queued path. DYAD_OK from a step that
** only opened or closed something means "go on". */
static dyad_status step(dyad_reader *r, dyad_input *out, int *got)
{
	dyad_status st;

	*got = 0;
	if (r->gz) {
		if (r->ended && r->pend_st != DYAD_OK)
			return take_pending(r);
		st = r->ended ? DYAD_DONE
			      : (r->json ? next_jsonl(r, out) : next_plain(r, out));
		if (st == DYAD_DONE) {
			close_file(r);
			return DYAD_OK;
		}
		*got = st == DYAD_OK;
		return st;
	}
	if (r->ndirs)
		return next_in_dir(r);
	if (r->qnext == r->nqueue)
		return DYAD_DONE;
	st = set_path(r, r->queue[r->qnext++], NULL);
	return st != DYAD_OK ? st : open_item(r, 0);
}

dyad_status dyad_reader_next(dyad_reader *r, dyad_input *out)
{
	dyad_status st;
	int got = 0;

	if (!r || !out)
		return DYAD_BADARG;
	r->msg[0] = '\0';
	memset(out, 0, sizeof *out);
	json_object_put(r->obj); /* the previous document's text */
	r->obj = NULL;
	do
		st = step(r, out, &got);
	while (st == DYAD_OK && !got);
	if (st != DYAD_OK && st != DYAD_DONE)
		r->skipped++;
	return st;
}

const char *dyad_reader_errmsg(const dyad_reader *r)
{
	return r ? r->msg : "";
}

size_t dyad_reader_skipped(const dyad_reader *r)
{
	return r ? r->skipped : 0;
}
