# sosrca - root causes of OpenStack failures from sos reports.
# Quick start: `make demo` (installs missing build packages, builds, analyzes the testdata incident)
# and `make check` (the same set-up, then every test). See README.md.

VERSION   := 0.1.0
PREFIX    ?= /usr/local
DESTDIR   ?=
BUILD     ?= build
CC        ?= cc
PKGS      := libarchive libpcre2-8 jansson sqlite3

WARN      := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
             -Wformat=2 -Wvla -Wimplicit-fallthrough
ifdef CI
WARN      += -Werror
endif
OPT       ?= -O2 -g
# `make V=1` shows the compiler command lines.
Q         := $(if $(V),,@)
# Recursive (=) so that pkg-config runs after `make deps` has installed what it asks about.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)
CPPFLAGS  += -Iinclude -DRCA_VERSION='"$(VERSION)"' -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64
CFLAGS    ?=
ALL_CFLAGS = -std=c11 $(WARN) $(OPT) $(SANFLAGS) $(CFLAGS) $(PKG_CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) -lpthread -lm

LIB_SRC   := $(sort $(wildcard src/*/*.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ  := $(BUILD)/src/main.o
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BIN       := $(BUILD)/sosrca
LIBA      := $(BUILD)/libsosrca.a

.PHONY: all deps demo check test unit e2e lint-rules corpus asan tsan update-golden install clean \
        fuzz fuzz-targets bad bench

all: deps
	@$(MAKE) --no-print-directory $(BIN)

deps:
	@sh .ci/deps.sh

SCHEMA_H  := $(BUILD)/gen/store/schema.h

$(BUILD)/%.o: %.c $(wildcard include/*.h) $(SCHEMA_H)
	@mkdir -p $(dir $@)
	@printf '  CC      %s\n' $<
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -Isrc -I$(BUILD)/gen -c $< -o $@

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d)

# The schema is SQL kept in its own files and compiled in as C strings.
$(SCHEMA_H): src/store/schema.sql src/store/views.sql
	@mkdir -p $(dir $@)
	@{ echo '/* generated from schema.sql and views.sql by the Makefile; do not edit */'; \
	   echo '#pragma GCC diagnostic ignored "-Woverlength-strings"'; \
	   for f in schema views; do printf 'static const char rca_%s_sql[] =\n' $$f; \
	   sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' src/store/$$f.sql; \
	   echo ';'; done; } > $@

$(LIBA): $(LIB_OBJ)
	@rm -f $@
	$(Q)ar rcs $@ $^

$(BIN): $(MAIN_OBJ) $(LIBA)
	@printf '  LD      %s\n' $@
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(MAIN_OBJ) $(LIBA) $(LDLIBS_ALL)

$(BUILD)/tests/%: tests/unit/%.c $(LIBA) $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	@printf '  CC LD   %s\n' $<
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Isrc -Itests/unit -o $@ $< $(LIBA) $(LDLIBS_ALL) $(CMOCKA_LIBS)

demo: deps
	@$(MAKE) --no-print-directory $(BIN)
	@sh tests/e2e/pack.sh testdata/incident-ovn-chassis $(BUILD)/demo >/dev/null
	@echo "== sosrca analyze $(BUILD)/demo/*.tar.xz"
	@$(BIN) analyze $(BUILD)/demo/*.tar.xz; rc=$$?; [ $$rc -le 1 ] || exit $$rc

check: deps
	@$(MAKE) --no-print-directory test

test: $(BIN) $(UNIT_BIN)
	@sh tests/run-unit.sh $(UNIT_BIN)
	@$(BIN) rules lint rules
	@sh tests/e2e/run.sh $(BIN)
	@sh tests/e2e/corpus.sh $(BIN)
	@sh tests/bad/run.sh $(BIN)

unit: $(UNIT_BIN)
	@sh tests/run-unit.sh $(UNIT_BIN)

e2e: $(BIN)
	@sh tests/e2e/run.sh $(BIN)

corpus: $(BIN)
	@sh tests/e2e/corpus.sh $(BIN)

# The benchmark of issue 3: BENCH_SIZE (bytes, default 1 GiB) and BENCH_RUNS (default 3); the
# figures go to stdout and build/bench/results.txt (tests/bench/bench.sh, docs/performance.md).
bench: deps
	@$(MAKE) --no-print-directory $(BIN)
	@sh tests/bench/bench.sh $(BIN)

lint-rules: $(BIN)
	$(BIN) rules lint rules

update-golden: deps
	@$(MAKE) --no-print-directory $(BIN)
	@UPDATE_GOLDEN=1 sh tests/e2e/run.sh $(BIN)

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer, in its own build folder.
asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan OPT="-O1 -g" \
	  SANFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" test

# The whole suite under ThreadSanitizer (an analysis runs three threads: decompression, parsing and
# matching, SQLite inserts); a report makes a run exit 66, which the checks count as a failure.
tsan: deps
	@$(MAKE) --no-print-directory BUILD=build-tsan OPT="-O1 -g" SANFLAGS="-fsanitize=thread" test

# Damaged and hostile bundles and rule packs (tests/bad/gen.sh makes them at run time).
bad: $(BIN)
	@sh tests/bad/run.sh $(BIN)

# libFuzzer targets (tests/fuzz/fuzz_*.c), built with clang and ASan+UBSan in build/fuzz/, then run
# for FUZZ_SECONDS each after replaying their regression inputs (tests/fuzz/run.sh).
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_SRC     := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN     := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/%)

fuzz: deps
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=$(FUZZ_CC) OPT="-O1 -g" \
	  SANFLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  fuzz-targets
	@sh tests/fuzz/seeds.sh build/fuzz/seeds
	@sh tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS)

fuzz-targets: $(FUZZ_BIN)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(LIBA)
	@printf '  CC LD   %s\n' $<
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -DRCA_SRCDIR='"$(CURDIR)"' -fsanitize=fuzzer -Isrc -o $@ $< \
	  $(LIBA) $(LDLIBS_ALL)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/sosrca
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/sosrca
	cp -R rules $(DESTDIR)$(PREFIX)/share/sosrca/

clean:
	rm -rf build build-asan build-tsan
