#!/bin/sh
# run.sh SECONDS — `make fuzz`: builds each libFuzzer target with clang
# (ASan + UBSan) into build-fuzz/ and runs it for SECONDS on a copy of its
# stored corpus; new inputs stay in build-fuzz/, crashes are reported.
set -eu
secs=${1:-60}
if ! command -v clang >/dev/null 2>&1; then
	echo "make fuzz: clang is not installed (apt-get install clang); skipped"
	exit 0
fi
pkgs="libutf8proc json-c zlib libexttextcat"
mkdir -p build-fuzz
status=0
for src in tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -D_POSIX_C_SOURCE=200809L \
		-D_DEFAULT_SOURCE -Iinclude -Isrc $(pkg-config --cflags $pkgs) \
		"-DDYAD_DATADIR=\"$PWD/data\"" src/*.c "$src" -o "build-fuzz/$name" \
		$(pkg-config --libs $pkgs) -lm -lpthread
	rm -rf "build-fuzz/$name.corpus"
	cp -R "tests/fuzz/corpus/$name" "build-fuzz/$name.corpus"
	echo "fuzzing $name for $secs s"
	if ! "build-fuzz/$name" -max_total_time="$secs" -max_len=65536 \
		-artifact_prefix="build-fuzz/$name-" "build-fuzz/$name.corpus" \
		>"build-fuzz/$name.log" 2>&1; then
		echo "$name: FAILED, see build-fuzz/$name.log and build-fuzz/$name-*"
		status=1
	else
		tail -1 "build-fuzz/$name.log"
	fi
done
exit $status
