/*
** replay.c — runs a libFuzzer entry point over stored inputs without
** libFuzzer, so `make check` (and `make sanitize`) replay every corpus
** file, as zstd's regression_driver.c does.
**
**     replay_fuzz_text DIR_OR_FILE...
**
** Directories are read recursively in byte order of names, skipping dot
** files; the empty input is always run first and counted. Each input runs
** in a forked child, so one crash, sanitizer report, oracle abort or hang
** (REPLAY_TIMEOUT seconds, default 60) is reported with the file's name
** and the rest still run. Prints one TAP
** line, "ok 1 - replay TARGET (N inputs)" or "not ok 1 - ..." followed by
** "#" lines naming each failed input and the end of what it printed.
** REPLAY_NOFORK=1 runs everything in this process, for a debugger.
*/
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

#define HEAD_MAX 8192 /* bytes of a failed child's stderr kept */
#define SHOW_MAX 12   /* lines of it shown */

typedef struct replay {
	int inputs;     /* inputs run */
	int failed;     /* inputs that crashed, aborted or hung */
	int nofork;     /* run in process (REPLAY_NOFORK) */
	unsigned limit; /* seconds per input */
	FILE *diag;     /* "#" lines, printed after the TAP line */
} replay;

/* Reads a whole file into a new buffer (at least one byte allocated). */
static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
		goto out;
	buf = malloc(n > 0 ? (size_t)n : 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	*len = (size_t)n;
out:
	fclose(f);
	return buf;
}

/* Is this line of a sanitizer or oracle report worth showing? The
** report's head, the frames nearest the fault and the summary are;
** shadow-byte maps and libFuzzer chatter are not. */
static int worth_showing(const char *l, size_t n)
{
	static const char *const inside[] = { "ERROR", "SUMMARY", "runtime error" };
	static const char *const first[] = { "fuzz_", "READ of", "WRITE of", "#0 ", "#1 ", "#2 ",
					     "#3 ", "#4 " };
	size_t k, kl, i;

	for (k = 0; k < sizeof first / sizeof first[0]; k++)
		if (n >= strlen(first[k]) && memcmp(l, first[k], strlen(first[k])) == 0)
			return 1;
	for (k = 0; k < sizeof inside / sizeof inside[0]; k++) {
		kl = strlen(inside[k]);
		for (i = 0; i + kl <= n; i++)
			if (memcmp(l + i, inside[k], kl) == 0)
				return 1;
	}
	return 0;
}

/* Writes the telling lines of a child's stderr as "#" lines. */
static void print_report(FILE *out, const char *buf, size_t n)
{
	size_t i, start = 0;
	int shown = 0;

	for (i = 0; i <= n && shown < SHOW_MAX; i++) {
		if (i == n || buf[i] == '\n') {
			const char *l = buf + start;
			size_t len = i - start;
			while (len && (*l == ' ' || *l == '\t')) {
				l++;
				len--;
			}
			if (len && worth_showing(l, len)) {
				fprintf(out, "#     %.*s\n", (int)(len > 200 ? 200 : len), l);
				shown++;
			}
			start = i + 1;
		}
	}
}

/* Runs one input in a child; returns 0 when it ran clean. The head of
** its stderr is kept and the telling lines shown when it did not. */
static int run_forked(const replay *rp, const char *path, const uint8_t *buf, size_t n)
{
	char head[HEAD_MAX], chunk[512];
	size_t kept = 0;
	ssize_t got;
	int fds[2], status;
	pid_t pid;

	fflush(stdout);
	fflush(rp->diag);
	if (pipe(fds) != 0 || (pid = fork()) < 0) {
		fprintf(rp->diag, "#   %s: cannot fork\n", path);
		return 1;
	}
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], 2);
		alarm(rp->limit);
		LLVMFuzzerTestOneInput(buf, n);
		_exit(0);
	}
	close(fds[1]);
	while ((got = read(fds[0], chunk, sizeof chunk)) > 0) {
		size_t g = (size_t)got;
		if (g > sizeof head - kept)
			g = sizeof head - kept; /* the rest is drained, not kept */
		memcpy(head + kept, chunk, g);
		kept += g;
	}
	close(fds[0]);
	if (waitpid(pid, &status, 0) != pid)
		return 1;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFSIGNALED(status))
		fprintf(rp->diag, "#   %s: killed by signal %d%s\n", path, WTERMSIG(status),
			WTERMSIG(status) == SIGALRM ? " (timed out)" : "");
	else
		fprintf(rp->diag, "#   %s: exited with status %d\n", path, WEXITSTATUS(status));
	print_report(rp->diag, head, kept);
	return 1;
}

static void run_file(replay *rp, const char *path)
{
	size_t n = 0;
	uint8_t *buf = slurp(path, &n);

	if (!buf) {
		fprintf(rp->diag, "#   %s: cannot read\n", path);
		rp->failed++;
		return;
	}
	rp->inputs++;
	if (rp->nofork)
		LLVMFuzzerTestOneInput(buf, n);
	else
		rp->failed += run_forked(rp, path, buf, n);
	free(buf);
}

static void run_path(replay *rp, const char *path)
{
	struct stat sb;
	struct dirent **names;
	int n, i;

	if (stat(path, &sb) != 0) {
		fprintf(rp->diag, "#   %s: not found\n", path);
		rp->failed++;
		return;
	}
	if (!S_ISDIR(sb.st_mode)) {
		run_file(rp, path);
		return;
	}
	n = scandir(path, &names, NULL, alphasort);
	if (n < 0) {
		fprintf(rp->diag, "#   %s: cannot list\n", path);
		rp->failed++;
		return;
	}
	for (i = 0; i < n; i++) {
		char sub[4096];
		if (names[i]->d_name[0] != '.') {
			snprintf(sub, sizeof sub, "%s/%s", path, names[i]->d_name);
			run_path(rp, sub);
		}
		free(names[i]);
	}
	free(names);
}

/* The target's name: the program name without its directory and its
** "replay_" prefix. */
static const char *target_name(const char *argv0)
{
	const char *base = strrchr(argv0, '/');

	base = base ? base + 1 : argv0;
	return strncmp(base, "replay_", 7) == 0 ? base + 7 : base;
}

int main(int argc, char **argv)
{
	replay rp;
	const char *lim = getenv("REPLAY_TIMEOUT"), *nofork = getenv("REPLAY_NOFORK");
	const char *name = target_name(argv[0]);
	static const uint8_t empty[1];
	char *diag = NULL;
	size_t diag_len = 0;
	int i, ok;

	if (argc < 2) {
		fprintf(stderr, "usage: %s CORPUS_DIR_OR_FILE...\n", argv[0]);
		return 2;
	}
	memset(&rp, 0, sizeof rp);
	rp.limit = lim && atoi(lim) > 0 ? (unsigned)atoi(lim) : 60;
	rp.nofork = nofork && nofork[0] == '1';
	rp.diag = open_memstream(&diag, &diag_len);
	if (!rp.diag) {
		printf("not ok 1 - replay %s: out of memory\n", name);
		return 1;
	}
	/* The empty input first, in a child; once it is known to pass, run it
	** here too so the harness's engine is loaded once, before the forks. */
	rp.inputs++;
	if (!rp.nofork && run_forked(&rp, "(empty input)", empty, 0) != 0) {
		rp.failed++;
	} else {
		LLVMFuzzerTestOneInput(empty, 0);
		for (i = 1; i < argc; i++)
			run_path(&rp, argv[i]);
	}
	fclose(rp.diag);
	ok = rp.failed == 0 && rp.inputs > 1;
	if (ok)
		printf("ok 1 - replay %s (%d inputs)\n", name, rp.inputs);
	else if (rp.inputs == 1 && rp.failed == 0)
		printf("not ok 1 - replay %s: no inputs found\n", name);
	else
		printf("not ok 1 - replay %s: %d of %d inputs failed\n", name, rp.failed,
		       rp.inputs);
	fputs(diag, stdout);
	free(diag);
	return ok ? 0 : 1;
}
