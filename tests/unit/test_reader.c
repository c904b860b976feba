/*
** test_reader.c — unit tests of the input reader (src/input.c) through
** the public API. Every fixture is written at run time under a fresh
** mkdtemp directory (the test chdirs there so messages are short and
** exact), including the hostile ones: a gzip bomb expanding past
** DYAD_MAX_LINE_BYTES, a truncated gzip, a huge sparse single-line file,
** a symbolic-link loop and directories nested past DYAD_MAX_DIR_DEPTH.
** Each run is logged as one line per item ("ok id line len" or
** "STATUS message") and compared with what it must be.
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <zlib.h>

#include "dyad.h"
#include "dyad_limits.h"
#include "tap.h"

#define MIB (1024u * 1024u)

/* ASan keeps freed blocks in quarantine, so peak memory means little. */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

static const char *const status_names[] = {
#define X(name, msg) #name,
	DYAD_STATUS_MAP(X)
#undef X
};

static char tmpdir[] = "/tmp/dyad-reader-XXXXXX";

/* ---- fixtures ------------------------------------------------------ */

static int write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	int ok;

	if (!f)
		return -1;
	ok = fwrite(data, 1, n, f) == n;
	return (fclose(f) == 0 && ok) ? 0 : -1;
}

static int write_str(const char *path, const char *s)
{
	return write_file(path, s, strlen(s));
}

static int write_gz(const char *path, const void *data, size_t n)
{
	gzFile gz = gzopen(path, "wb1");
	int ok;

	if (!gz)
		return -1;
	ok = n == 0 || gzwrite(gz, data, (unsigned)n) == (int)n;
	return (gzclose(gz) == Z_OK && ok) ? 0 : -1;
}

/* Removes a fixture tree; never follows symbolic links. */
static void rm_tree(const char *path)
{
	struct stat st;
	struct dirent *e;
	DIR *d;
	char sub[4096];

	if (lstat(path, &st) != 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	d = opendir(path);
	while (d && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
		rm_tree(sub);
	}
	if (d)
		closedir(d);
	rmdir(path);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- running the reader -------------------------------------------- */

static char logbuf[1 << 16];

/*
** Reads everything queued in r into logbuf, one line per item:
** "ok <id> <origin_line> <text_len>" or "<STATUS> <message>". Returns
** logbuf.
*/
static const char *drain(dyad_reader *r)
{
	size_t o = 0;
	int guard = 0;
	dyad_status st;
	dyad_input in;

	logbuf[0] = '\0';
	while ((st = dyad_reader_next(r, &in)) != DYAD_DONE && guard++ < 1000) {
		if (o >= sizeof logbuf)
			break;
		if (st == DYAD_OK)
			o += (size_t)snprintf(logbuf + o, sizeof logbuf - o,
					      "ok %s %zu %zu\n",
					      in.id ? in.id : "(null)",
					      in.origin_line, in.text_len);
		else
			o += (size_t)snprintf(logbuf + o, sizeof logbuf - o,
					      "%s %s\n",
					      (unsigned)st < DYAD_STATUS_COUNT ?
						      status_names[st] :
						      "?",
					      dyad_reader_errmsg(r));
	}
	return logbuf;
}

/* A reader over up to four paths (NULL-terminated), drained into logbuf. */
static const char *run(const char *a, const char *b, const char *c,
		       const char *d)
{
	const char *paths[] = { a, b, c, d };
	dyad_reader *r = NULL;
	int i;

	if (dyad_reader_new(&r) != DYAD_OK)
		return "(reader_new failed)";
	for (i = 0; i < 4 && paths[i]; i++)
		dyad_reader_add(r, paths[i]);
	drain(r);
	dyad_reader_free(r);
	return logbuf;
}

/* ---- tests --------------------------------------------------------- */

static void test_api(void)
{
	dyad_reader *r = NULL;
	dyad_input in;

	CHECK_EQ_INT(dyad_reader_new(NULL), DYAD_BADARG, "new(NULL) is BADARG");
	CHECK_EQ_INT(dyad_reader_new(&r), DYAD_OK, "new");
	CHECK_EQ_INT(dyad_reader_add(r, NULL), DYAD_BADARG, "add(NULL) is BADARG");
	CHECK_EQ_INT(dyad_reader_add(r, ""), DYAD_BADARG, "add(\"\") is BADARG");
	CHECK_EQ_INT(dyad_reader_next(r, &in), DYAD_DONE, "empty reader is DONE");
	CHECK_EQ_INT(dyad_reader_next(r, NULL), DYAD_BADARG, "next(r, NULL)");
	CHECK_EQ_STR(dyad_reader_errmsg(r), "", "no message when nothing failed");
	CHECK_EQ_INT(dyad_reader_skipped(r), 0, "nothing skipped");
	dyad_reader_free(r);
	dyad_reader_free(NULL); /* must not crash */
}

static void test_plain(void)
{
	dyad_reader *r = NULL;
	dyad_input in;

	write_str("a.txt", "Hello world.");
	write_file("nul.txt", "ab\0cd", 5);
	write_str("lead.txt", "  \n\t Indented.");
	dyad_reader_new(&r);
	dyad_reader_add(r, "a.txt");
	dyad_reader_add(r, "nul.txt");
	dyad_reader_add(r, "lead.txt");
	CHECK_EQ_INT(dyad_reader_next(r, &in), DYAD_OK, "plain file read");
	CHECK_EQ_STR(in.id, "a.txt", "plain id is the path");
	CHECK_EQ_STR(in.origin, "a.txt", "plain origin is the path");
	CHECK_EQ_INT(in.origin_line, 0, "plain origin_line is 0");
	CHECK_EQ_MEM(in.text, in.text_len, "Hello world.", "plain text");
	CHECK(!in.url && !in.date && !in.title && !in.lang && !in.source,
	      "plain file has no metadata");
	CHECK_EQ_INT(dyad_reader_next(r, &in), DYAD_OK, "file with NULs read");
	CHECK(in.text_len == 5 && memcmp(in.text, "ab\0cd", 5) == 0,
	      "NUL bytes are passed on and counted");
	CHECK_EQ_INT(dyad_reader_next(r, &in), DYAD_OK, "indented file read");
	CHECK_EQ_MEM(in.text, in.text_len, "  \n\t Indented.",
		     "leading whitespace of a plain file is kept");
	CHECK_EQ_INT(dyad_reader_next(r, &in), DYAD_DONE, "then DONE");
	CHECK_EQ_INT(dyad_reader_next(r, &in), DYAD_DONE, "DONE stays DONE");
	dyad_reader_free(r);
}

static void test_missing_and_empty(void)
{
	write_str("empty.txt", "");
	write_str("empty.jsonl", "");
	CHECK_EQ_STR(run("nope.txt", "empty.txt", "empty.jsonl", "a.txt"),
		     "IO nope.txt: No such file or directory\n"
		     "PARSE empty.txt: empty file; skipped\n"
		     "ok a.txt 0 12\n",
		     "missing and empty files are reported, the batch goes on");
}

static void test_directory(void)
{
	dyad_reader *r = NULL;

	mkdir("d", 0755);
	mkdir("d/sub", 0755);
	mkdir("d/.hidden", 0755);
	write_str("d/b.txt", "bb");
	write_str("d/a.txt", "a");
	write_str("d/A.txt", "AAA");
	write_str("d/z.txt", "zzzz");
	write_str("d/.dot.txt", "hidden");
	write_str("d/.hidden/x.txt", "hidden");
	write_str("d/sub/c.txt", "ccccc");
	write_str("d/sub/.h.txt", "hidden");
	if (symlink("..", "d/sub/loop") != 0)
		printf("# symlink failed: %s\n", strerror(errno));
	if (mkfifo("d/fifo", 0644) != 0)
		printf("# mkfifo failed: %s\n", strerror(errno));
	CHECK_EQ_STR(run("d", NULL, NULL, NULL),
		     "ok d/A.txt 0 3\n"
		     "ok d/a.txt 0 1\n"
		     "ok d/b.txt 0 2\n"
		     "IO d/fifo: not a regular file; skipped\n"
		     "ok d/sub/c.txt 0 5\n"
		     "IO d/sub/loop: directory loop through a symbolic link; "
		     "skipped\n"
		     "ok d/z.txt 0 4\n",
		     "directory: byte order, recursion, hidden files, FIFO, "
		     "symlink loop");
	CHECK(strncmp(run("d/", NULL, NULL, NULL), "ok d/A.txt ", 11) == 0,
	      "a trailing slash does not double");
	dyad_reader_new(&r);
	dyad_reader_add(r, "d");
	drain(r);
	CHECK_EQ_INT(dyad_reader_skipped(r), 2, "skipped counts fifo and loop");
	dyad_reader_free(r);
}

static void test_depth(void)
{
	char path[4096] = "deep", file[4200];
	char want[64];
	int i, ok = 0, limit = 0;
	const char *p;

	for (i = 0; i <= DYAD_MAX_DIR_DEPTH + 1; i++) {
		mkdir(path, 0755);
		snprintf(file, sizeof file, "%s/f.txt", path);
		write_str(file, "x");
		strcat(path, "/l");
	}
	run("deep", NULL, NULL, NULL);
	for (p = logbuf; *p; p = strchr(p, '\n') + 1) {
		ok += strncmp(p, "ok ", 3) == 0;
		limit += strncmp(p, "LIMIT ", 6) == 0;
	}
	CHECK_EQ_INT(ok, DYAD_MAX_DIR_DEPTH, "files down to the depth cap read");
	CHECK_EQ_INT(limit, 1, "one directory past the cap reported");
	snprintf(want, sizeof want, "DYAD_MAX_DIR_DEPTH (%d)", DYAD_MAX_DIR_DEPTH);
	CHECK(strstr(logbuf, want) != NULL, "depth message names the cap");
}

static const char feed[] =
	"{\"id\":\"a1\",\"url\":\"http://x.org/1\",\"date\":\"2023-10-31\","
	"\"source\":\"Wire\",\"title\":\"T\",\"lang\":\"en\",\"text\":\"One.\","
	"\"extra\":{\"deep\":[1,2,{\"x\":null}]}}\n"         /* 1 */
	"{\"id\":\"a2\",\"text\":\"broken\n"                  /* 2 */
	"{\"id\": 7, \"url\": null, \"text\": \"Seven.\"}\n"  /* 3 */
	"\n"                                                  /* 4 */
	"{\"title\":\"no text\"}\n"                           /* 5 */
	"{\"text\":\"No id.\"}\n"                             /* 6 */
	"[1,2]\n"                                             /* 7 */
	"{\"text\": 5}\n"                                     /* 8 */
	"{\"text\":\"a\"} {\"text\":\"b\"}\n"                 /* 9 */
	"{\"id\":1.5,\"text\":\"Ten\\u0000end\"}\n"           /* 10 */
	"{\"text\":\"crlf\"}\r\n"                             /* 11 */
	"{\"text\":null}\n"                                   /* 12 */
	"   \t \r\n"                                          /* 13 */
	"{\"id\":\"last\",\"lang\":null,\"text\":\"End.\"}";  /* 14 */

static void test_jsonl(void)
{
	dyad_reader *r = NULL;
	dyad_input in;

	write_str("feed.jsonl", feed);
	CHECK_EQ_STR(run("feed.jsonl", NULL, NULL, NULL),
		     "ok a1 1 4\n"
		     "PARSE feed.jsonl:2: malformed JSON (line ends inside the "
		     "object); skipped\n"
		     "ok 7 3 6\n"
		     "PARSE feed.jsonl:5: no \"text\" string; skipped\n"
		     "ok feed.jsonl:6 6 6\n"
		     "PARSE feed.jsonl:7: not a JSON object; skipped\n"
		     "PARSE feed.jsonl:8: no \"text\" string; skipped\n"
		     "PARSE feed.jsonl:9: malformed JSON (text after the "
		     "object); skipped\n"
		     "ok 1.5 10 7\n"
		     "ok feed.jsonl:11 11 4\n"
		     "PARSE feed.jsonl:12: no \"text\" string; skipped\n"
		     "ok last 14 4\n",
		     "JSONL: good lines, bad lines with line numbers, blank lines");

	dyad_reader_new(&r);
	dyad_reader_add(r, "feed.jsonl");
	CHECK_EQ_INT(dyad_reader_next(r, &in), DYAD_OK, "first record");
	CHECK_EQ_STR(in.url, "http://x.org/1", "url");
	CHECK_EQ_STR(in.date, "2023-10-31", "date");
	CHECK_EQ_STR(in.source, "Wire", "source");
	CHECK_EQ_STR(in.title, "T", "title");
	CHECK_EQ_STR(in.lang, "en", "lang");
	CHECK_EQ_MEM(in.text, in.text_len, "One.", "text");
	CHECK_EQ_STR(in.origin, "feed.jsonl", "origin is the file");
	CHECK_EQ_INT(dyad_reader_next(r, &in), DYAD_PARSE, "line 2 malformed");
	CHECK(strstr(dyad_reader_errmsg(r), "feed.jsonl:2: ") ==
		      dyad_reader_errmsg(r),
	      "message starts with file:line");
	CHECK_EQ_INT(dyad_reader_next(r, &in), DYAD_OK, "batch goes on");
	CHECK(in.url == NULL, "null url is NULL");
	CHECK_EQ_STR(dyad_reader_errmsg(r), "", "message cleared by success");
	while (dyad_reader_next(r, &in) != DYAD_DONE)
		if (in.id && strcmp(in.id, "1.5") == 0)
			CHECK(in.text_len == 7 && memcmp(in.text, "Ten\0end", 7) == 0,
			      "\\u0000 in text is kept and counted");
	CHECK_EQ_INT(dyad_reader_skipped(r), 6, "six lines skipped");
	dyad_reader_free(r);
}

static void test_sniff(void)
{
	static char big[200000];
	size_t n = 100000;

	write_str("notes.txt", "\n\n  {\"id\":\"s1\",\"text\":\"Sniffed.\"}\n");
	write_str("bom.txt", "\xEF\xBB\xBF{\"text\":\"bom\"}\n");
	write_str("brace.txt", "{ not json at all");
	memset(big, '\n', n);
	strcpy(big + n, "{\"text\":\"far\"}\n");
	write_str("far.txt", big);
	memset(big, ' ', n);
	strcpy(big + n, "hello");
	write_str("wsplain.txt", big);
	CHECK_EQ_STR(run("notes.txt", "bom.txt", "brace.txt", "far.txt"),
		     "ok s1 3 8\n"
		     "ok bom.txt:1 1 3\n"
		     "PARSE brace.txt:1: malformed JSON (quoted object property "
		     "name expected); skipped\n"
		     "ok far.txt:100001 100001 3\n",
		     "a first non-blank '{' means JSONL, past a BOM and past a "
		     "read buffer of blank lines");
	write_file("nul.jsonl", "{\"text\":\"a\0b\"}\n{\"text\":\"c\"}\n", 28);
	CHECK_EQ_STR(run("nul.jsonl", NULL, NULL, NULL),
		     "PARSE nul.jsonl:1: malformed JSON (raw NUL byte); skipped\n"
		     "ok nul.jsonl:2 2 1\n",
		     "a raw NUL in a JSONL line is named as such");
	CHECK_EQ_STR(run("wsplain.txt", NULL, NULL, NULL),
		     "ok wsplain.txt 0 100005\n",
		     "a long run of leading spaces stays in a plain document");
}

static void test_gz(void)
{
	static const char lines[] = "{\"id\":\"z1\",\"text\":\"Line one.\"}\n"
				    "{\"id\":\"z2\",\"text\":\"Two.\"}\n";

	write_gz("feed.jsonl.gz", lines, strlen(lines));
	write_gz("feed.gz", lines, strlen(lines));
	write_gz("art.txt.gz", "Compressed article.", 19);
	CHECK_EQ_STR(run("feed.jsonl.gz", "feed.gz", "art.txt.gz", NULL),
		     "ok z1 1 9\nok z2 2 4\n"
		     "ok z1 1 9\nok z2 2 4\n"
		     "ok art.txt.gz 0 19\n",
		     "gzip JSONL by name, by content, and gzip plain text");
}

/* Lines "{"id":"N","text":"<letters>"}" with pseudo-random letters, so
** the gzip stream is long enough to cut in the middle. */
static size_t make_lines(char *buf, size_t cap, int nlines, int len)
{
	unsigned x = 12345;
	size_t o = 0;
	int i, j;

	for (i = 0; i < nlines && o + (size_t)len + 64 < cap; i++) {
		o += (size_t)sprintf(buf + o, "{\"id\":\"%d\",\"text\":\"", i);
		for (j = 0; j < len; j++) {
			x = x * 1103515245u + 12345u;
			buf[o++] = (char)('a' + (x >> 16) % 26);
		}
		o += (size_t)sprintf(buf + o, "\"}\n");
	}
	return o;
}

static long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static void test_truncated_gz(void)
{
	static char buf[300000];
	size_t n = make_lines(buf, sizeof buf, 200, 1000);
	dyad_reader *r = NULL;
	dyad_input in;
	dyad_status st;
	int i = 0, bad = 0, errs = 0;
	const char *p;
	long size;

	write_gz("trunc.jsonl.gz", buf, n);
	size = file_size("trunc.jsonl.gz");
	CHECK(size > 1000 && truncate("trunc.jsonl.gz", size / 2) == 0,
	      "cut the gzip file in half");
	dyad_reader_new(&r);
	dyad_reader_add(r, "trunc.jsonl.gz");
	while ((st = dyad_reader_next(r, &in)) == DYAD_OK) {
		char key[48];

		snprintf(key, sizeof key, "{\"id\":\"%d\",\"text\":\"", i++);
		p = strstr(buf, key);
		bad += !p || in.text_len != 1000 ||
		       memcmp(in.text, p + strlen(key), 1000) != 0;
	}
	CHECK(i > 10 && i < 200, "documents before the damage are read");
	CHECK_EQ_INT(bad, 0, "and each is complete and in order");
	CHECK_EQ_INT(st, DYAD_PARSE, "then the damage is reported");
	CHECK(strstr(dyad_reader_errmsg(r),
		     "trunc.jsonl.gz: truncated or corrupt gzip data") ==
		      dyad_reader_errmsg(r),
	      "as file: truncated or corrupt gzip data");
	while ((st = dyad_reader_next(r, &in)) != DYAD_DONE && errs < 10)
		errs++;
	CHECK_EQ_INT(errs, 0, "once, and no malformed-line noise for the cut");
	dyad_reader_free(r);
}

/* Only the trailer lost: the last line lacks its newline but is whole,
** so it is still a document. */
static void test_cut_trailer(void)
{
	const char *p = "{\"text\":\"x\"}\n{\"id\":\"whole\",\"text\":\"y\"}";
	long size;

	write_gz("tail.jsonl.gz", p, strlen(p));
	size = file_size("tail.jsonl.gz");
	CHECK(size > 8 && truncate("tail.jsonl.gz", size - 8) == 0,
	      "cut the gzip trailer");
	CHECK_EQ_STR(run("tail.jsonl.gz", "a.txt", NULL, NULL),
		     "ok tail.jsonl.gz:1 1 1\n"
		     "ok whole 2 1\n"
		     "PARSE tail.jsonl.gz: truncated or corrupt gzip data "
		     "(unexpected end of file)\n"
		     "ok a.txt 0 12\n",
		     "a whole last line before the damage is kept");
}

static long max_rss_kib(void)
{
	struct rusage ru;

	return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
}

/* A single JSONL line of cap + 64 MiB from a small gzip file, then a good
** line: the long one is skipped, the good one read, memory bounded. */
static void test_line_cap(void)
{
	static char zeros[MIB];
	const char *head = "{\"id\":\"big\",\"text\":\"";
	const char *tail = "\"}\n{\"id\":\"after\",\"text\":\"Still read.\"}\n";
	size_t i, chunks = DYAD_MAX_LINE_BYTES / MIB + 64;
	long rss0 = max_rss_kib(), grew;
	char want[256];
	gzFile gz = gzopen("bomb.jsonl.gz", "wb1");
	int ok = gz != NULL;

	ok = ok && gzputs(gz, head) > 0;
	for (i = 0; ok && i < chunks; i++)
		ok = gzwrite(gz, zeros, MIB) == (int)MIB;
	ok = ok && gzputs(gz, tail) > 0;
	ok = gz && gzclose(gz) == Z_OK && ok;
	CHECK(ok, "gzip bomb written");
	snprintf(want, sizeof want,
		 "LIMIT bomb.jsonl.gz:1: line longer than %llu bytes "
		 "(DYAD_MAX_LINE_BYTES); skipped\n"
		 "ok after 2 11\n",
		 (unsigned long long)DYAD_MAX_LINE_BYTES);
	CHECK_EQ_STR(run("bomb.jsonl.gz", NULL, NULL, NULL), want,
		     "an over-long line is skipped and the next one read");
	grew = (max_rss_kib() - rss0) / 1024;
#if UNDER_ASAN
	(void)grew;
	SKIP("peak memory check: ASan quarantine holds freed blocks");
#else
	printf("# peak memory grew by %ld MiB\n", grew);
	/* Buffering stops at the cap; keeping the line would take at
	** least 64 MiB more than that. */
	CHECK(grew < (long)(DYAD_MAX_LINE_BYTES / MIB) + 32,
	      "memory stays bounded by the line cap");
#endif
}

static void test_doc_caps(void)
{
	size_t cap = DYAD_MAX_DOC_BYTES;
	char *line = malloc(cap + 64);
	char want[512];
	size_t o;

	if (!line) {
		SKIP("no memory for the fixture");
		return;
	}
	/* JSONL text over the document cap; the next line is still read. */
	o = (size_t)sprintf(line, "{\"text\":\"");
	memset(line + o, 'a', cap + 1);
	o += cap + 1;
	o += (size_t)sprintf(line + o, "\"}\n{\"text\":\"ok\"}\n");
	write_file("bigtext.jsonl", line, o);
	snprintf(want, sizeof want,
		 "LIMIT bigtext.jsonl:1: text is %zu bytes, over the %zu-byte "
		 "article limit (DYAD_MAX_DOC_BYTES); skipped\n"
		 "ok bigtext.jsonl:2 2 2\n", cap + 1, cap);
	CHECK_EQ_STR(run("bigtext.jsonl", NULL, NULL, NULL), want,
		     "JSONL text over DYAD_MAX_DOC_BYTES is skipped");

	/* Compressed plain text over the cap: size unknown until read. */
	write_gz("big.txt.gz", line + 9, cap + 1);
	snprintf(want, sizeof want,
		 "LIMIT big.txt.gz: text longer than the %zu-byte article limit "
		 "(DYAD_MAX_DOC_BYTES); skipped\n", cap);
	CHECK_EQ_STR(run("big.txt.gz", NULL, NULL, NULL), want,
		     "gzip plain text over the cap is skipped");
	free(line);
}

/* Regular files over the cap are refused by their size, unread. */
static void test_huge_files(void)
{
	size_t cap = DYAD_MAX_DOC_BYTES;
	char want[512];
	double t0;
	int fd;

	/* 100 MB single-line plain file. */
	fd = open("huge.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, "a", 1) != 1 || ftruncate(fd, 100 * 1000 * 1000)) {
		SKIP("cannot make the 100 MB file");
	} else {
		snprintf(want, sizeof want,
			 "LIMIT huge.txt: file is 100000000 bytes, over the "
			 "%zu-byte article limit (DYAD_MAX_DOC_BYTES); skipped\n",
			 cap);
		CHECK_EQ_STR(run("huge.txt", NULL, NULL, NULL), want,
			     "100 MB file skipped, message names the cap");
	}
	if (fd >= 0)
		close(fd);

	/* 64 GiB sparse: reading it, even to discard, would take minutes. */
	fd = open("sparse.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, "a", 1) != 1 ||
	    ftruncate(fd, (off_t)64 << 30) != 0) {
		SKIP("no sparse 64 GiB file on this file system");
	} else {
		const char *w = "LIMIT sparse.txt: file is 68719476736 bytes";

		t0 = now();
		run("sparse.txt", NULL, NULL, NULL);
		CHECK(strncmp(logbuf, w, strlen(w)) == 0, "64 GiB file skipped");
		CHECK(now() - t0 < 1.0, "without reading it");
	}
	if (fd >= 0)
		close(fd);
	unlink("sparse.txt");
	unlink("huge.txt");
}

static void test_fields(void)
{
	static char line[20000];
	dyad_reader *r = NULL;
	dyad_input in;
	size_t o, i;

	o = (size_t)sprintf(line, "{\"title\":\"");
	for (i = 0; i < 5000; i++)
		line[o++] = 'T';
	o += (size_t)sprintf(line + o, "\",\"source\":\"a");
	for (i = 0; i < 3000; i++)
		o += (size_t)sprintf(line + o, "\xC3\xA9");
	o += (size_t)sprintf(line + o, "\",\"text\":\"x\"}\n");
	write_file("fields.jsonl", line, o);
	dyad_reader_new(&r);
	dyad_reader_add(r, "fields.jsonl");
	CHECK_EQ_INT(dyad_reader_next(r, &in), DYAD_OK, "long fields read");
	CHECK_EQ_INT(strlen(in.title), DYAD_MAX_FIELD_BYTES,
		     "title cut to DYAD_MAX_FIELD_BYTES");
	CHECK_EQ_INT(strlen(in.source), DYAD_MAX_FIELD_BYTES - 1,
		     "a cut backs off to a UTF-8 boundary");
	CHECK(strcmp(in.source + strlen(in.source) - 2, "\xC3\xA9") == 0,
	      "and ends on a whole character");
	dyad_reader_free(r);
}

/* "-" reads fd 0; point fd 0 at a fixture for the length of a run. */
static const char *run_stdin(const char *fixture)
{
	int saved = dup(0), fd = open(fixture, O_RDONLY);

	if (saved < 0 || fd < 0 || dup2(fd, 0) < 0)
		return "(cannot redirect stdin)";
	close(fd);
	run("-", NULL, NULL, NULL);
	dup2(saved, 0);
	close(saved);
	return logbuf;
}

static void test_stdin(void)
{
	write_str("in.jsonl", "\n{\"text\":\"from a pipe\"}\n");
	CHECK_EQ_STR(run_stdin("a.txt"), "ok - 0 12\n", "stdin plain text is \"-\"");
	CHECK_EQ_STR(run_stdin("in.jsonl"), "ok -:2 2 11\n",
		     "stdin JSONL ids are -:LINE");
	CHECK_EQ_STR(run_stdin("empty.txt"), "PARSE -: empty file; skipped\n",
		     "empty stdin");
}

int main(void)
{
	char cwd[4096];

	if (!mkdtemp(tmpdir) || !getcwd(cwd, sizeof cwd) || chdir(tmpdir) != 0) {
		printf("not ok 1 - cannot make a temporary directory\n");
		return 1;
	}
	test_api();
	test_line_cap(); /* first: it measures the peak memory */
	test_plain();
	test_missing_and_empty();
	test_directory();
	test_depth();
	test_jsonl();
	test_sniff();
	test_gz();
	test_truncated_gz();
	test_cut_trailer();
	test_doc_caps();
	test_huge_files();
	test_fields();
	test_stdin();
	if (chdir(cwd) == 0)
		rm_tree(tmpdir);
	return tap_done();
}
