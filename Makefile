# sosrca - root causes of OpenStack failures from sos reports.
# Quick start: `sh .ci/bootstrap demo` and `sh .ci/bootstrap check` (install make and what else is
# missing with apt-get, then `make demo` / `make check`). See README.md.

VERSION   := 0.1.0
PREFIX    ?= /usr/local
DESTDIR   ?=
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share
MANDIR    ?= $(DATADIR)/man
DOCDIR    ?= $(DATADIR)/doc/sosrca
COMPDIR   ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR ?= $(DATADIR)/zsh/vendor-completions
# The installed rule pack; compiled into the binary (src/main.c), so set DATADIR when building.
RULESDIR  := $(DATADIR)/sosrca/rules
# build/ made by another user (root ran `make demo` in this tree): build in build-$USER/ instead.
ifeq ($(origin BUILD),undefined)
BUILD     := build
ifneq ($(shell [ -e build ] && { [ ! -w build ] || { [ -e build/src ] && [ ! -w build/src ]; }; } && echo ro),)
BUILD     := build-$(shell id -un)
$(info sosrca: build/ is not writable by you (another user built here); building in $(BUILD)/ instead)
endif
endif
export BUILD
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
# CPPFLAGS, CFLAGS and LDFLAGS are the user's (dpkg-buildflags): ours are kept apart and come first.
RCA_CPPFLAGS := -Iinclude -DRCA_VERSION='"$(VERSION)"' -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64
CPPFLAGS  ?=
CFLAGS    ?=
LDFLAGS   ?=
ALL_CPPFLAGS = $(RCA_CPPFLAGS) $(CPPFLAGS)
ALL_CFLAGS = -std=c11 $(WARN) $(OPT) $(SANFLAGS) $(CFLAGS) $(PKG_CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) -lpthread -lm

LIB_SRC   := $(sort $(wildcard src/*/*.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ  := $(BUILD)/src/main.o
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BIN       := $(BUILD)/sosrca
LIBA      := $(BUILD)/libsosrca.a

.PHONY: all deps deps-build demo check test unit e2e lint-rules corpus asan tsan update-golden \
        install uninstall install-check clean fuzz fuzz-targets bad bench

all: deps-build
	@$(MAKE) --no-print-directory $(BIN)

# Build packages only (make, gcc, pkg-config, the four libraries), or those and the test tools.
deps-build:
	@sh .ci/deps.sh build

deps:
	@sh .ci/deps.sh test

SCHEMA_H  := $(BUILD)/gen/store/schema.h

$(BUILD)/%.o: %.c $(wildcard include/*.h) $(SCHEMA_H)
	@mkdir -p $(dir $@)
	@printf '  CC      %s\n' $<
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -Isrc -I$(BUILD)/gen -c $< -o $@

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d)

# main.o has the rule pack's path compiled in; it is rebuilt when DATADIR (or PREFIX) changes.
RULESDIR_STAMP := $(BUILD)/gen/rulesdir
ifeq ($(filter clean uninstall,$(MAKECMDGOALS)),)
$(shell mkdir -p $(BUILD)/gen 2>/dev/null; [ "$$(cat $(RULESDIR_STAMP) 2>/dev/null)" = '$(RULESDIR)' ] || \
  printf '%s\n' '$(RULESDIR)' > $(RULESDIR_STAMP) 2>/dev/null)
endif
$(MAIN_OBJ): RCA_CPPFLAGS += -DRCA_RULES_DIR='"$(RULESDIR)"'
$(MAIN_OBJ): $(RULESDIR_STAMP)

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
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(MAIN_OBJ) $(LIBA) $(LDLIBS_ALL)

$(BUILD)/tests/%: tests/unit/%.c $(LIBA) $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	@printf '  CC LD   %s\n' $<
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -Isrc -Itests/unit $(LDFLAGS) -o $@ $< $(LIBA) $(LDLIBS_ALL) $(CMOCKA_LIBS)

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
	@sh tests/e2e/chains.sh $(BIN)
	@sh tests/e2e/corpus.sh $(BIN)
	@sh tests/bad/run.sh $(BIN)

unit: $(UNIT_BIN)
	@sh tests/run-unit.sh $(UNIT_BIN)

e2e: $(BIN)
	@sh tests/e2e/run.sh $(BIN)
	@sh tests/e2e/chains.sh $(BIN)

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
	@UPDATE_GOLDEN=1 sh tests/e2e/chains.sh $(BIN)

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
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -DRCA_SRCDIR='"$(CURDIR)"' -fsanitize=fuzzer -Isrc -o $@ $< \
	  $(LIBA) $(LDLIBS_ALL)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(RULESDIR) $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(COMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(DOCDIR)
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/sosrca
	cp -R rules/. $(DESTDIR)$(RULESDIR)/
	sed -e 's|/usr/local/share|$(DATADIR)|g' docs/sosrca.1 > $(DESTDIR)$(MANDIR)/man1/sosrca.1
	chmod 0644 $(DESTDIR)$(MANDIR)/man1/sosrca.1
	install -m 0644 docs/completion/sosrca.bash $(DESTDIR)$(COMPDIR)/sosrca
	install -m 0644 docs/completion/_sosrca $(DESTDIR)$(ZSHCOMPDIR)/_sosrca
	install -m 0644 README.md LICENSE docs/rules.md $(DESTDIR)$(DOCDIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/sosrca $(DESTDIR)$(MANDIR)/man1/sosrca.1 $(DESTDIR)$(COMPDIR)/sosrca \
	  $(DESTDIR)$(ZSHCOMPDIR)/_sosrca
	rm -rf $(DESTDIR)$(RULESDIR) $(DESTDIR)$(DOCDIR)
	-rmdir $(DESTDIR)$(DATADIR)/sosrca 2>/dev/null

# Stages `make install` in a temporary DESTDIR with PREFIX=/usr and dpkg-buildflags' flags, then
# runs the staged binary from another folder (tests/install/run.sh).
install-check: deps
	@sh tests/install/run.sh

clean:
	rm -rf build build-asan build-tsan build-$(shell id -un)
