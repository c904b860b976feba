# dyad — plain make build.
#
#   make              library (build/libdyad.a, build/libdyad.so) and CLI (build/dyad)
#   make check        every test; ends with "N passed, N failed"
#   make sanitize     the same tests under ASan+UBSan (separate build dir)
#   make tsan         the threading test under ThreadSanitizer
#   make bench        throughput on ../shared/corpora (a benchmark, not a test)
#   make eval         development scores on ../shared/gold-dev (not a test):
#                     actors, places, date normalization and recognition
#   make conformance  TABARI's validation suite on ../shared/compat/tabari (a score)
#   make fuzz         libFuzzer targets for a bounded time (FUZZ_SECONDS)
#   make install      PREFIX=/usr/local
#
# Third-party code comes only from Debian packages, found with pkg-config.

PKGS      := libutf8proc json-c zlib libexttextcat sqlite3
CC        ?= cc
BUILD     ?= build
PREFIX    ?= /usr/local
DATADIR   ?= $(CURDIR)/data
FUZZ_SECONDS ?= 60

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))

WARN   := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes
# CI makes every warning fatal; locally WERROR=1 does the same.
ifneq ($(CI)$(WERROR),)
WARN   += -Werror
endif
OPT    ?= -O3 -g
# Link-time optimization of the library, the CLI and the benchmark: the
# stages call each other's small accessors (buffers, word sets, lexicon
# and pattern tables) in their inner loops, and only the linker sees
# across the files. The objects are fat (regular code kept beside the
# LTO code), so the tests and tools link them without it, quickly and
# with the warnings of an ordinary build. `make LTO=` turns it off.
LTO    ?= -flto=auto
ifeq ($(SAN),1)
OPT    := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
SANLD  := -fsanitize=address,undefined
LTO    :=
endif
ifeq ($(SAN),thread)
OPT    := -O1 -g -fsanitize=thread
SANLD  := -fsanitize=thread
LTO    :=
endif
# An archive of LTO objects needs the compiler's ar wrapper for its index.
ifneq ($(LTO),)
LTO_OBJ := $(LTO) -ffat-lto-objects
ifeq ($(origin AR),default)
AR     := gcc-ar
endif
endif

CFLAGS_ALL := -std=c11 $(WARN) $(OPT) -fPIC -fvisibility=hidden \
	-D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Iinclude -Isrc $(PKG_CFLAGS) '-DDYAD_DATADIR="$(DATADIR)"' $(CFLAGS)
LDLIBS_ALL := $(PKG_LIBS) -lm -lpthread $(SANLD) $(LDFLAGS)

LIB_SRC  := $(sort $(wildcard src/*.c))
CLI_SRC  := $(sort $(wildcard cli/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/*.c))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_REPLAY := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/tests/replay_%)
HDRS     := include/dyad.h $(wildcard src/*.h) $(wildcard cli/*.h)

.PHONY: all check sanitize tsan bench eval conformance fuzz install clean tools

all: $(BUILD)/dyad $(BUILD)/libdyad.so tools

$(BUILD)/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LTO_OBJ) -c $< -o $@

$(BUILD)/libdyad.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/libdyad.so: $(LIB_OBJ)
	$(CC) $(OPT) $(LTO) -shared -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/dyad: $(CLI_OBJ) $(BUILD)/libdyad.a
	$(CC) $(OPT) $(LTO) -o $@ $(CLI_OBJ) $(BUILD)/libdyad.a $(LDLIBS_ALL)

# Unit tests may use the private header: they test stages directly.
$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(BUILD)/libdyad.a $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests/unit -o $@ $< $(BUILD)/libdyad.a $(LDLIBS_ALL)

# The table writer is the CLI's; its test compiles it in.
$(BUILD)/tests/test_tabw: cli/tabw.c

# Fuzz entry points compiled with a plain main() that replays a corpus.
$(BUILD)/tests/replay_%: tests/fuzz/%.c tests/fuzz/replay.c $(BUILD)/libdyad.a $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< tests/fuzz/replay.c $(BUILD)/libdyad.a $(LDLIBS_ALL)

$(BUILD)/bench: tools/bench.c $(BUILD)/libdyad.a $(HDRS)
	$(CC) $(CFLAGS_ALL) $(LTO) -o $@ $< $(BUILD)/libdyad.a $(LDLIBS_ALL)

# The conformance harness uses only dyad.h, as cli/ does.
$(BUILD)/tools/conformance: tools/conformance.c $(BUILD)/libdyad.a include/dyad.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libdyad.a $(LDLIBS_ALL)

# The gazetteer compiler (tools/setup.sh) and the place evaluation (make
# eval) use only dyad.h too.
$(BUILD)/tools/gazc: tools/gazc.c $(BUILD)/libdyad.a include/dyad.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libdyad.a $(LDLIBS_ALL)

$(BUILD)/tools/eval-places: tools/eval-places.c $(BUILD)/libdyad.a include/dyad.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libdyad.a $(LDLIBS_ALL)

# The date evaluation uses only dyad.h too.
$(BUILD)/tools/eval-dates: tools/eval-dates.c $(BUILD)/libdyad.a include/dyad.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libdyad.a $(LDLIBS_ALL)

tools: $(BUILD)/bench $(BUILD)/tools/conformance $(BUILD)/tools/gazc $(BUILD)/tools/eval-places \
	$(BUILD)/tools/eval-dates

check: all $(UNIT_BIN) $(FUZZ_REPLAY)
	@sh tests/run.sh $(BUILD)

sanitize:
	$(MAKE) BUILD=build-san SAN=1 check

tsan:
	$(MAKE) BUILD=build-tsan SAN=thread build-tsan/tests/test_threads
	TSAN_OPTIONS=halt_on_error=1 build-tsan/tests/test_threads

bench: $(BUILD)/bench $(BUILD)/dyad
	@sh tools/bench.sh $(BUILD)

# Development scores on ../shared/gold-dev (an evaluation, not a test):
# actor recall; toponym recognition and resolution on LGL with the
# gazetteer dyad loads by default (the full one once tools/setup.sh made
# it); date normalization and recognition on TempEval-3.
eval: $(BUILD)/dyad $(BUILD)/tools/eval-places $(BUILD)/tools/eval-dates
	@sh tools/eval-actors.sh $(BUILD)
	@$(BUILD)/tools/eval-places ../shared/gold-dev/lgl.xml
	@$(BUILD)/tools/eval-dates ../shared/gold-dev/tempeval3-tbaq

# TABARI's validation suite, read from ../shared/compat/tabari at run time
# (a score, not a test: it skips when the suite is absent and never fails
# on a low score). Mismatching records go to $(BUILD)/conformance-report.txt.
conformance: $(BUILD)/tools/conformance
	@$(BUILD)/tools/conformance --report $(BUILD)/conformance-report.txt ../shared/compat/tabari

# libFuzzer needs clang; each target runs FUZZ_SECONDS on its corpus.
fuzz:
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)

# The installed binary looks for its data where it is installed, so it is
# built apart (build-install/) with that DATADIR.
install:
	$(MAKE) BUILD=build-install DATADIR=$(PREFIX)/share/dyad build-install/dyad build-install/libdyad.so
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/share/dyad
	install -m 755 build-install/dyad $(DESTDIR)$(PREFIX)/bin/dyad
	install -m 644 build-install/libdyad.a build-install/libdyad.so $(DESTDIR)$(PREFIX)/lib/
	install -m 644 include/dyad.h $(DESTDIR)$(PREFIX)/include/
	cp -R data/. $(DESTDIR)$(PREFIX)/share/dyad/

clean:
	rm -rf build build-san build-tsan build-fuzz build-install
