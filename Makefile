# rumormill: plain Makefile, dependencies found with pkg-config.
#
#   make                  build ./rumormill
#   make check            unit + end-to-end tests, then again under
#                         ASan+UBSan, then the unit tests under valgrind
#   make test             the suite once, with the current build
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

.PHONY: all check test test-valgrind bench bench-extract fuzz demo install \
        uninstall clean FORCE

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

# The suite once: unit tests, then end-to-end tests of the binary.
test: $(BIN) $(UNIT_BIN) $(TOOL_BIN) $(FUZZ_BIN)
	RUMORMILL=$(abspath $(BIN)) BUILD=$(BUILD) sh tests/run

test-valgrind: $(BIN) $(UNIT_BIN) $(TOOL_BIN) $(FUZZ_BIN)
	RUMORMILL=$(abspath $(BIN)) BUILD=$(BUILD) VALGRIND=1 sh tests/run

check:
	$(MAKE) test
	$(MAKE) SANITIZE=1 test
	$(MAKE) test-valgrind
	sh bench/extract.sh --gate

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
