# Fuzz targets (clang's libFuzzer, with ASan and UBSan) for the parsers of outside input.
#   make fuzz                       build them and run each for FUZZ_SECONDS (default 20)
#   make fuzz FUZZ_TARGET=fuzz_csv  only that one
#   make fuzz-build                 build them only
# The library (src/) is compiled once, instrumented, into build-fuzz/obj/ and archived as
# build-fuzz/libngv.a; each target fuzz/fuzz_NAME.c is compiled alone and linked with it
# (fuzz/harness.c, the in-process server of fuzz_form, fuzz_request, fuzz_api, fuzz_csv and
# fuzz_ical, too). What each target checks: fuzz/README.md and the top of its file.
# Each run first replays the saved seeds fuzz/corpus/<target>/ (read only, readable inputs
# kept in git) and what earlier runs found in build-fuzz/corpus-<target>/ (where it writes),
# then fuzzes; fuzz/<target>.dict, when there is one, is its dictionary. One line per target:
#   fuzz_csv: 123456 runs in 5 s, no crash
# (scripts/test.sh counts the "no crash" lines against the fuzz/fuzz_*.c files), or the tail
# of its log and "CRASH"; the crashing input is written to build-fuzz/crash-* (see fuzz/README).
FUZZ_SECONDS ?= 20
# e.g. FUZZ_FLAGS=-seed=1: the same mutations each run (make test's brief runs, repeatable)
FUZZ_FLAGS ?=
FUZZ_TARGET ?=
FUZZ_DIR := build-fuzz
FUZZ_CFLAGS := -std=c17 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer -Isrc \
               -DNGV_SOURCE_DIR='"$(CURDIR)"' $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_OBJ := $(LIB_SRC:%.c=$(FUZZ_DIR)/obj/%.o) $(FUZZ_DIR)/obj/harness.o
FUZZ_LIBA := $(FUZZ_DIR)/libngv.a
FUZZ_NAMES := $(patsubst fuzz/%.c,%,$(wildcard fuzz/fuzz_*.c))
FUZZ_TARGETS := $(FUZZ_NAMES:%=$(FUZZ_DIR)/%)
FUZZ_RUN := $(if $(FUZZ_TARGET),$(FUZZ_DIR)/$(FUZZ_TARGET),$(FUZZ_TARGETS))

# the library: instrumented for coverage (fuzzer-no-link) without libFuzzer's main
$(FUZZ_DIR)/obj/%.o: %.c $(wildcard src/*/*.h)
	@mkdir -p $(dir $@)
	nice clang $(FUZZ_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c -o $@ $<
$(FUZZ_DIR)/obj/harness.o: fuzz/harness.c fuzz/harness.h $(wildcard src/*/*.h)
	@mkdir -p $(dir $@)
	nice clang $(FUZZ_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c -o $@ $<
$(FUZZ_DIR)/obj/embedded.o: $(BUILD)/gen/embedded.c
	@mkdir -p $(dir $@)
	nice clang -std=c17 -c -o $@ $<
$(FUZZ_LIBA): $(FUZZ_OBJ) $(FUZZ_DIR)/obj/embedded.o
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_DIR)/fuzz_%: fuzz/fuzz_%.c fuzz/harness.h $(FUZZ_LIBA)
	nice clang $(FUZZ_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIBA) $(LDLIBS)

.PHONY: fuzz fuzz-build
fuzz-build: $(if $(FUZZ_TARGET),$(FUZZ_DIR)/$(FUZZ_TARGET),$(FUZZ_TARGETS))
# every target runs even when one before it crashed (its log's tail is shown); fails at the end
fuzz: fuzz-build
	@failed=0; for t in $(FUZZ_RUN); do n=$$(basename $$t); mkdir -p $(FUZZ_DIR)/corpus-$$n; \
	  seeds=; [ -d fuzz/corpus/$$n ] && seeds=fuzz/corpus/$$n; \
	  dict=; [ -f fuzz/$$n.dict ] && dict=-dict=fuzz/$$n.dict; \
	  start=$$(date +%s); \
	  if LSAN_OPTIONS=$${LSAN_OPTIONS:-suppressions=$(CURDIR)/tests/lsan.supp} nice $$t -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -print_final_stats=1 $(FUZZ_FLAGS) \
	      -artifact_prefix=$(FUZZ_DIR)/ $$dict $(FUZZ_DIR)/corpus-$$n $$seeds \
	      2>$(FUZZ_DIR)/$$n.log; then \
	    runs=$$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' $(FUZZ_DIR)/$$n.log | tail -1); \
	    [ -n "$$runs" ] || runs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_DIR)/$$n.log | tail -1); \
	    echo "$$n: $${runs:-?} runs in $$(( $$(date +%s) - start )) s, no crash"; \
	  else tail -40 $(FUZZ_DIR)/$$n.log; echo "$$n: CRASH (log: $(FUZZ_DIR)/$$n.log)"; failed=1; fi; \
	done; exit $$failed
