# Makefile — builds libhunt (static and shared), the hunt command, and the
# tests. Generated lexer/parser sources go to $(BUILD)/gen and are never
# committed. `make SANITIZE=1` builds into build-san/ with ASan and UBSan;
# `make test` does that and runs every test. PLAINBUILD= and SANBUILD= move
# the two build directories (several work trees or builds side by side).

CC      ?= cc
SANITIZE ?= 0
SANBUILD ?= build-san
PLAINBUILD ?= build
WERROR  ?= 0
OPT     ?= -O2

ifeq ($(SANITIZE),1)
BUILD   := $(SANBUILD)
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
OPT     := -O1 -g
else
BUILD   := $(PLAINBUILD)
SANFLAGS :=
endif

GEN     := $(BUILD)/gen
WARN    := -Wall -Wextra -Wstrict-prototypes -Wshadow -Wno-missing-field-initializers
ifeq ($(WERROR),1)
WARN    += -Werror
endif
CFLAGS  += -std=c11 -D_GNU_SOURCE $(OPT) -g $(WARN) $(SANFLAGS) -fPIC -pthread -I. -Iinclude -I$(GEN)
LDLIBS  := -ljansson -lpcre2-8 -lcurl -lsqlite3 -lxxhash -lz -lyaml -lcrypto -lmaxminddb -lexpat -lm -pthread
REPL_LIBS := -ledit

LIB_SRC := $(wildcard tables/*.c engine/*.c grammar/*.c ingest/*.c detect/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o) $(GEN)/kql_parse.o $(GEN)/kql_lex.o
REPL_SRC := $(wildcard repl/*.c)
REPL_OBJ := $(REPL_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps test unit golden demo conformance corpus corpus-sweep clean format-check bench print-ldlibs
all: $(BUILD)/libhunt.a $(BUILD)/libhunt.so $(BUILD)/hunt

# --- generated front end -------------------------------------------------
$(GEN):
	@mkdir -p $@
# one lemon run makes both files (a grouped target: `make -j` must not run it twice)
$(GEN)/kql_parse.c $(GEN)/kql_parse.h &: grammar/kql_parse.y | $(GEN)
	cp grammar/kql_parse.y $(GEN)/kql_parse.y
	lemon -q -d$(GEN) $(GEN)/kql_parse.y
$(GEN)/kql_lex.c: grammar/kql_lex.re $(GEN)/kql_parse.h | $(GEN)
	re2c -W --no-generation-date --no-version -o $@ $<
$(GEN)/%.o: $(GEN)/%.c
	$(CC) $(CFLAGS) -Igrammar -Wno-unused-parameter -Wno-unused-variable -c -o $@ $<

# --- library and command -------------------------------------------------
$(BUILD)/%.o: %.c | $(GEN)/kql_parse.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<
$(BUILD)/libhunt.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^
$(BUILD)/libhunt.so: $(LIB_OBJ)
	$(CC) $(CFLAGS) -shared -o $@ $^ $(LDLIBS)
$(BUILD)/hunt: $(REPL_OBJ) $(BUILD)/libhunt.a
	$(CC) $(CFLAGS) -o $@ $(REPL_OBJ) $(BUILD)/libhunt.a $(LDLIBS) $(REPL_LIBS)

# --- tests ----------------------------------------------------------------
$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libhunt.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libhunt.a $(LDLIBS)
$(BUILD)/golden: tests/golden.c repl/isotime.c $(BUILD)/libhunt.a
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libhunt.a $(LDLIBS)
$(BUILD)/embed: samples/embed.c $(BUILD)/libhunt.a
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libhunt.a $(LDLIBS)

deps:
	@sh tools/install-deps.sh

# `make test`: install what is missing, build with the sanitizers, run all.
test: deps
	@$(MAKE) --no-print-directory SANITIZE=1 all $(patsubst $(PLAINBUILD)/%,$(SANBUILD)/%,$(UNIT_BIN)) $(SANBUILD)/golden $(SANBUILD)/embed
	@sh tools/run-tests.sh $(SANBUILD)

unit: all $(UNIT_BIN)
	@sh tools/run-tests.sh $(BUILD) unit

golden: all $(BUILD)/golden
	@$(BUILD)/golden tests/kql

demo: deps
	@$(MAKE) --no-print-directory all
	@sh tools/demo.sh $(BUILD)/hunt

conformance: all $(BUILD)/golden
	@sh tools/conformance.sh $(BUILD)

corpus: all
	@sh tools/corpus.sh $(BUILD)/hunt

# every corpus query checked and run under ASan and UBSan (a few minutes)
corpus-sweep:
	@$(MAKE) --no-print-directory SANITIZE=1 $(SANBUILD)/hunt
	@sh tools/corpus-sweep.sh $(SANBUILD)/hunt

bench: all
	@bench/run

# the link libraries, for test scripts that build their own drivers
print-ldlibs:
	@echo $(LDLIBS)

format-check:
	clang-format --dry-run -Werror $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(PLAINBUILD) $(SANBUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
