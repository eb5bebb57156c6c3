# Fuzz targets (clang's libFuzzer) for the parsers of outside input.
#   make fuzz            build them and run each for FUZZ_SECONDS (default 20)
# Each target starts from build-fuzz/corpus-<target>/ (where it writes what it finds) and
# the saved seeds in fuzz/corpus/<target>/ when there are any (read only); fuzz/<target>.dict,
# when there is one, is its libFuzzer dictionary.
FUZZ_SECONDS ?= 20
FUZZ_DIR := build-fuzz
FUZZ_FLAGS := -std=c17 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
              $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
FUZZ_LIB := $(filter-out src/web/%,$(LIB_SRC))
# targets that drive the real server (fuzz_form) link the web layer too
FUZZ_WEB_TARGETS := $(FUZZ_DIR)/fuzz_form
FUZZ_TARGETS := $(patsubst fuzz/%.c,$(FUZZ_DIR)/%,$(wildcard fuzz/fuzz_*.c))

$(FUZZ_DIR)/fuzz_%: fuzz/fuzz_%.c $(FUZZ_LIB) $(BUILD)/gen/embedded.c
	@mkdir -p $(FUZZ_DIR)
	clang $(FUZZ_FLAGS) -o $@ $< $(FUZZ_LIB) $(BUILD)/gen/embedded.c $(LDLIBS)

$(FUZZ_WEB_TARGETS): $(FUZZ_DIR)/%: fuzz/%.c $(LIB_SRC) $(BUILD)/gen/embedded.c
	@mkdir -p $(FUZZ_DIR)
	clang $(FUZZ_FLAGS) -o $@ $< $(LIB_SRC) $(BUILD)/gen/embedded.c $(LDLIBS)

.PHONY: fuzz fuzz-build
fuzz-build: $(FUZZ_TARGETS)
# every target runs even when one before it crashed (its log's tail is shown); fails at the end
fuzz: fuzz-build
	@failed=0; for t in $(FUZZ_TARGETS); do n=$$(basename $$t); mkdir -p $(FUZZ_DIR)/corpus-$$n; \
	  seeds=; [ -d fuzz/corpus/$$n ] && seeds=fuzz/corpus/$$n; \
	  dict=; [ -f fuzz/$$n.dict ] && dict=-dict=fuzz/$$n.dict; \
	  if $$t -max_total_time=$(FUZZ_SECONDS) -max_len=4096 $$dict $(FUZZ_DIR)/corpus-$$n $$seeds \
	    2>$(FUZZ_DIR)/$$n.log; then \
	    echo "$$n: $$(grep -c . $(FUZZ_DIR)/$$n.log) log lines, no crash"; \
	  else tail -40 $(FUZZ_DIR)/$$n.log; echo "$$n: CRASH (log: $(FUZZ_DIR)/$$n.log)"; failed=1; fi; \
	done; exit $$failed
