# rumormill: plain Makefile, dependencies found with pkg-config.
#
#   make                  build ./rumormill
#   make check            unit + end-to-end tests, then again under
#                         ASan+UBSan, then under valgrind, then the
#                         extraction gates (body and dates, devices,
#                         chipsets and claims); prints each pass's time
#   make test             the suite once, with the current build
#                         (JOBS=N: tests at once, see tests/run)
#   make SANITIZE=1 ...   build into build-san/ with ASan+UBSan
#   make bench            benchmarks (see docs/BENCHMARKS.md)
#   make fuzz             libFuzzer targets (clang)
#   make demo             crawl the bundled demo site on 127.0.0.1
#   make install PREFIX=/usr/local

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share/rumormill
MANDIR     ?= $(PREFIX)/share/man
PKG_CONFIG ?= pkg-config
CC         ?= cc
CFLAGS     ?= -O2 -g

PKGS      := libcurl gumbo libpcre2-8 sqlite3 libpq jansson inih libxml-2.0 zlib
TEST_PKGS := cmocka libmicrohttpd

ifeq ($(SANITIZE),1)
BUILD    ?= build-san
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all
else
BUILD    ?= build
SAN_FLAGS :=
endif

# Where an installed binary finds the bundled data (lexicon, sources)
# when it is not in BINDIR/../share/rumormill; a binary run from the
# source tree finds config/ beside itself instead.
RUMORMILL_DATADIR ?= $(DATADIR)

WARNINGS := -Wall -Wextra -Werror -Wformat=2 -Wvla -Wstrict-prototypes \
            -Wmissing-prototypes
ALL_CPPFLAGS := -I. -D_GNU_SOURCE \
                -DRUMORMILL_DATADIR='"$(RUMORMILL_DATADIR)"' \
                $(shell $(PKG_CONFIG) --cflags $(PKGS)) $(CPPFLAGS)
ALL_CFLAGS   := -std=c11 $(WARNINGS) -pthread $(SAN_FLAGS) $(CFLAGS)
ALL_LDFLAGS  := -pthread $(SAN_FLAGS) $(LDFLAGS)
LIBS         := $(shell $(PKG_CONFIG) --libs $(PKGS)) -lm
TEST_CFLAGS  := $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS    := $(shell $(PKG_CONFIG) --libs $(TEST_PKGS) 2>/dev/null)

MODULES  := common extract store crawler config cli
LIB_SRC  := $(filter-out cli/main.c,$(wildcard $(addsuffix /*.c,$(MODULES))))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ := $(BUILD)/cli/main.o
LIB      := $(BUILD)/librumormill.a

ifeq ($(SANITIZE),1)
BIN := $(BUILD)/rumormill
else
BIN := rumormill
endif

# Unit tests: tests/unit/test_*.c, one cmocka program each.  Helpers for
# tests (the loopback HTTP server, temp dirs) live in tests/support/.
UNIT_SRC    := $(wildcard tests/unit/test_*.c)
UNIT_BIN    := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
SUPPORT_SRC := $(wildcard tests/support/*.c)
SUPPORT_OBJ := $(SUPPORT_SRC:%.c=$(BUILD)/%.o)
TOOL_SRC    := $(wildcard tests/tools/*.c)
TOOL_BIN    := $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tools/%)
BENCH_SRC   := $(wildcard bench/*.c)
BENCH_BIN   := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
# The fuzz targets, linked with fuzz/replay.c instead of libFuzzer, so
# that the suite replays their corpora and past crash inputs.
FUZZ_SRC    := $(wildcard fuzz/fuzz_*.c)
FUZZ_BIN    := $(FUZZ_SRC:fuzz/fuzz_%.c=$(BUILD)/fuzz/replay_%)
FUZZ_OBJ    := $(BUILD)/fuzz/replay.o $(BUILD)/fuzz/support.o

.PHONY: all check test test-bins test-valgrind bench bench-extract fuzz \
        demo install uninstall clean FORCE

all: $(BIN)

$(BIN): $(MAIN_OBJ) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

# The compiled-in data directory follows PREFIX: the stamp changes, and
# what uses the path is rebuilt, whenever the path does (`make`, then
# `make install PREFIX=/opt/rm`).
DATADIR_STAMP := $(BUILD)/datadir.stamp
$(DATADIR_STAMP): FORCE
	@mkdir -p $(@D)
	@echo '$(RUMORMILL_DATADIR)' | cmp -s - $@ || \
		echo '$(RUMORMILL_DATADIR)' >$@
$(BUILD)/cli/paths.o: $(DATADIR_STAMP)

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(TEST_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(SUPPORT_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(TEST_CFLAGS) -MMD -MP \
		$(ALL_LDFLAGS) -o $@ $< $(SUPPORT_OBJ) $(LIB) $(TEST_LIBS) $(LIBS)

$(BUILD)/tools/%: tests/tools/%.c $(SUPPORT_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(TEST_CFLAGS) -MMD -MP \
		$(ALL_LDFLAGS) -o $@ $< $(SUPPORT_OBJ) $(LIB) $(TEST_LIBS) $(LIBS)

$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP $(ALL_LDFLAGS) -o $@ $< \
		$(LIB) $(LIBS)

$(FUZZ_BIN): $(BUILD)/fuzz/replay_%: fuzz/fuzz_%.c $(FUZZ_OBJ) $(LIB)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP $(ALL_LDFLAGS) -o $@ $< \
		$(FUZZ_OBJ) $(LIB) $(LIBS)

# The suite once: unit tests and end-to-end tests of the binary, JOBS
# at a time (default: one per CPU; see tests/run).
test: test-bins
	RUMORMILL=$(abspath $(BIN)) BUILD=$(BUILD) $(if $(JOBS),JOBS=$(JOBS)) \
		sh tests/run

test-bins: $(BIN) $(UNIT_BIN) $(TOOL_BIN) $(FUZZ_BIN)

# Kept, not removed as intermediates after each build, so that a second
# make (make check builds first, then tests) does not link the tests again.
.SECONDARY: $(SUPPORT_OBJ)

test-valgrind: test-bins
	RUMORMILL=$(abspath $(BIN)) BUILD=$(BUILD) $(if $(JOBS),JOBS=$(JOBS)) \
		VALGRIND=1 sh tests/run

# make check: both builds, then the passes one after another, each
# running its tests side by side: plain and ASan+UBSan with two tests per
# CPU (most of their time is spent waiting on crawl delays and servers),
# valgrind with one per CPU (it is all CPU); then the extraction gate.
# Each pass prints its time; the last line has them all and the total.
# A failed pass stops the run and fails it.  CHECK_JOBS sets the tests
# at once for every pass.
NPROC := $(shell getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
check:
	@t0=$$(date +%s); times=; \
	pass() { \
		name=$$1; shift; p0=$$(date +%s); \
		echo "== make check: $$name"; \
		"$$@"; st=$$?; s=$$(($$(date +%s) - p0)); \
		times="$$times $$name $$s s,"; \
		if [ "$$st" -ne 0 ]; then \
			echo "== make check: $$name FAILED after $$s s"; \
			echo "== make check:$$times failed after" \
				"$$(($$(date +%s) - t0)) s"; \
			exit "$$st"; \
		fi; \
		echo "== make check: $$name passed in $$s s"; \
	}; \
	pass build sh -c '$(MAKE) -j$(NPROC) --no-print-directory test-bins && \
		$(MAKE) -j$(NPROC) --no-print-directory SANITIZE=1 test-bins'; \
	pass plain $(MAKE) --no-print-directory test \
		JOBS=$(or $(CHECK_JOBS),$(shell echo $$(($(NPROC) * 2)))); \
	pass sanitizers $(MAKE) --no-print-directory SANITIZE=1 test \
		JOBS=$(or $(CHECK_JOBS),$(shell echo $$(($(NPROC) * 2)))); \
	pass valgrind $(MAKE) --no-print-directory test-valgrind \
		JOBS=$(or $(CHECK_JOBS),$(NPROC)); \
	pass gate sh -c 'sh bench/extract.sh --gate && sh bench/claims.sh --gate'; \
	echo "== make check:$$times all passed in $$(($$(date +%s) - t0)) s"

bench: $(BIN) $(BENCH_BIN)
	sh bench/run

bench-extract: $(BIN) $(BENCH_BIN)
	sh bench/run extract

fuzz:
	$(MAKE) -C fuzz

demo: $(BIN) $(TOOL_BIN)
	RUMORMILL=$(abspath $(BIN)) BUILD=$(BUILD) sh demo/run

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) \
		$(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/rumormill
	cp -R config/lexicon config/sources.d config/rumormill.conf \
		config/aliases.conf \
		$(DESTDIR)$(DATADIR)/
	install -m 644 docs/rumormill.1 $(DESTDIR)$(MANDIR)/man1/rumormill.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/rumormill \
		$(DESTDIR)$(MANDIR)/man1/rumormill.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-san rumormill

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
