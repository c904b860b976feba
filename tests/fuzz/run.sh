#!/bin/sh
# run.sh [SECONDS] — `make fuzz`: coverage-guided fuzzing with libFuzzer.
#
# Builds each target tests/fuzz/fuzz_*.c with clang and
# -fsanitize=fuzzer,address,undefined (every src/*.c compiled in, the same
# include flags and pkg-config libraries as the Makefile) into build-fuzz/,
# then runs it for SECONDS (default 60) on build-fuzz/TARGET.corpus: a
# copy of tests/fuzz/corpus/TARGET that keeps what earlier runs found. New
# inputs go there, never into the repository. A crash, sanitizer report,
# oracle abort, leak or hang leaves build-fuzz/TARGET-crash-* (or
# -leak-, -timeout-, -oom-); the run goes on (libFuzzer fork mode) and
# ends with one line per distinct problem. Minimize one with
# `build-fuzz/TARGET -minimize_crash=1 -runs=10000 FILE` and add it to
# tests/fuzz/corpus/TARGET/ so `make check` replays it from then on.
#
# Exit status: 0 when every target ran clean (or clang is missing, which is
# said plainly), 1 when a target failed to build or found something.
set -u
secs=${1:-60}
cd "$(dirname "$0")/../.." || exit 2
out=build-fuzz

if ! command -v clang >/dev/null 2>&1; then
	echo "make fuzz: SKIPPED: clang is not installed; libFuzzer needs it (apt-get install clang)"
	exit 0
fi
pkgs="libutf8proc json-c zlib libexttextcat"
# shellcheck disable=SC2086 # $pkgs is a word list
if ! pkg_cflags=$(pkg-config --cflags $pkgs) || ! pkg_libs=$(pkg-config --libs $pkgs); then
	echo "make fuzz: pkg-config cannot find $pkgs"
	exit 1
fi
mkdir -p "$out"
# libFuzzer itself may be missing (the clang runtime package).
echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }' \
	>"$out/probe.c"
if ! clang -fsanitize=fuzzer "$out/probe.c" -o "$out/probe" >"$out/probe.log" 2>&1; then
	echo "make fuzz: SKIPPED: clang cannot link -fsanitize=fuzzer (is the clang runtime, libclang-rt-dev, installed?)"
	sed 's/^/  /' "$out/probe.log" | head -5
	exit 0
fi
rm -f "$out/probe" "$out/probe.c" "$out/probe.log"

status=0
for src in tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	echo "== $name: building"
	# shellcheck disable=SC2086 # the pkg-config flags are word lists
	if ! clang -std=c11 -g -O1 -fno-omit-frame-pointer \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Isrc $pkg_cflags \
		"-DDYAD_DATADIR=\"$PWD/data\"" src/*.c "$src" -o "$out/$name" \
		$pkg_libs -lm -lpthread >"$out/$name.build.log" 2>&1; then
		echo "$name: BUILD FAILED:"
		sed 's/^/  /' "$out/$name.build.log" | head -20
		status=1
		continue
	fi
	mkdir -p "$out/$name.corpus"
	cp "tests/fuzz/corpus/$name"/* "$out/$name.corpus/" 2>/dev/null
	echo "== $name: fuzzing for $secs s on $out/$name.corpus ($(ls "$out/$name.corpus" | wc -l | tr -d ' ') inputs)"
	# Fork mode with -ignore_crashes: one known bug does not end the run
	# (nor stop it at a failing seed); every distinct problem is kept.
	touch "$out/.start"
	"$out/$name" -fork=1 -ignore_crashes=1 -max_total_time="$secs" -max_len=65536 \
		-timeout=25 -rss_limit_mb=2048 -artifact_prefix="$out/$name-" \
		"$out/$name.corpus" >"$out/$name.log" 2>&1
	found=$(find "$out" -maxdepth 1 -newer "$out/.start" \
		\( -name "$name-crash-*" -o -name "$name-leak-*" -o -name "$name-timeout-*" \
		-o -name "$name-oom-*" \) | sort)
	grep -E '^#[0-9]+: cov' "$out/$name.log" | tail -1 | sed 's/^/  last: /'
	if [ -z "$found" ]; then
		echo "$name: ok, nothing found (log: $out/$name.log)"
		continue
	fi
	status=1
	echo "$name: FOUND $(echo "$found" | wc -l | tr -d ' ') failing inputs (log: $out/$name.log); distinct problems:"
	for a in $found; do
		"$out/$name" -timeout=25 "$a" >"$out/.replay" 2>&1
		why=$(grep -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error|^fuzz_[a-z]+: |deadly signal|timeout|out-of-memory' \
			"$out/.replay" | sed 's/^==[0-9]*== *//; s/ on [a-z ]*address 0x.*//; s/ (pc 0x.*//')
		where=$(grep -m1 -E '#[0-9]+ .* in .* /.*src/' "$out/.replay" | sed 's/.* in //')
		echo "$why${where:+ at $where}|$a"
	done | sort -t'|' -k1,1 -u | awk -F'|' '{ printf "  %s\n    e.g. %s\n", $1, $2 }'
done
rm -f "$out/.start" "$out/.replay"
exit $status
