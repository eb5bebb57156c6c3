# Fuzz targets (clang's libFuzzer) for the parsers of outside input.
#   make fuzz            build them and run each for FUZZ_SECONDS (default 20)
FUZZ_SECONDS ?= 20
FUZZ_DIR := build-fuzz
FUZZ_FLAGS := -std=c17 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
              $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
FUZZ_LIB := $(filter-out src/web/%,$(LIB_SRC))
FUZZ_TARGETS := $(patsubst fuzz/%.c,$(FUZZ_DIR)/%,$(wildcard fuzz/fuzz_*.c))

$(FUZZ_DIR)/fuzz_%: fuzz/fuzz_%.c $(FUZZ_LIB) $(BUILD)/gen/embedded.c
	@mkdir -p $(FUZZ_DIR)
	clang $(FUZZ_FLAGS) -o $@ $< $(FUZZ_LIB) $(BUILD)/gen/embedded.c $(LDLIBS)

.PHONY: fuzz fuzz-build
fuzz-build: $(FUZZ_TARGETS)
fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do mkdir -p $(FUZZ_DIR)/corpus-$$(basename $$t); \
	  $$t -max_total_time=$(FUZZ_SECONDS) -max_len=4096 $(FUZZ_DIR)/corpus-$$(basename $$t) \
	  2>$(FUZZ_DIR)/$$(basename $$t).log || { tail -40 $(FUZZ_DIR)/$$(basename $$t).log; exit 1; }; \
	  echo "$$(basename $$t): $$(grep -c . $(FUZZ_DIR)/$$(basename $$t).log) log lines, no crash"; done
