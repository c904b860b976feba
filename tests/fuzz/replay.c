/*
** replay.c — runs a libFuzzer entry point over a stored corpus without
** libFuzzer, so `make check` replays every corpus file under the normal
** (and the sanitizer) build, as zstd's regression driver does.
*/
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f)
		return 0;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n > 0 ? (size_t)n : 1);
	if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n)
		LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	fclose(f);
	return 1;
}

static int run_path(const char *path)
{
	struct stat sb;
	struct dirent **names;
	int count = 0, n, i;

	if (stat(path, &sb) != 0)
		return 0;
	if (!S_ISDIR(sb.st_mode))
		return run_file(path);
	n = scandir(path, &names, NULL, alphasort);
	for (i = 0; i < n; i++) {
		char sub[4096];
		if (names[i]->d_name[0] != '.') {
			snprintf(sub, sizeof sub, "%s/%s", path, names[i]->d_name);
			count += run_path(sub);
		}
		free(names[i]);
	}
	if (n >= 0)
		free(names);
	return count;
}

int main(int argc, char **argv)
{
	int i, count = 0;

	for (i = 1; i < argc; i++)
		count += run_path(argv[i]);
	/* Reaching here means no input crashed or tripped an oracle. */
	printf("%sok 1 - replayed %d corpus inputs\n", count ? "" : "not ", count);
	return count ? 0 : 1;
}
