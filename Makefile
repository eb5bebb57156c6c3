# ngoaivu: one binary. `make run` and `make test` install what is missing first.
#   make            build build/ngoaivu
#   make run        install, build, create a demo database, serve http://localhost:8080
#   make test       install, build (normal and ASan/UBSan), run every test
#   make bench      install, build, measure (see bench/README.md); ENGINE=postgres: PostgreSQL too
#   make crash-test install, build, kill -9 the server under a write load 100 times (CRASH_ROUNDS)
#                   and check what it acknowledged after each restart (tests/crash/run.mjs)
#   make scan       install, build, run sqlmap and wapiti against a signed-in demo server on
#                   loopback (scripts/scan.sh; SCAN_SECONDS per target, 120 by default)
#   make soak       install, build, 30 minutes (SOAK_SECONDS) of mixed reads and writes from 6
#                   clients with a watchdog: no stall, flat memory, steady p99, no fd or
#                   connection growth (tests/soak/run.mjs)

CC      ?= gcc
BUILD   ?= build
PKGS    := libmicrohttpd sqlite3 libpq jansson libutf8proc libsodium xlsxwriter libical libsystemd icu-uc icu-i18n libxml-2.0 libcmark vips cairo pangocairo pangoft2 fontconfig zlib liboath libqrencode
# libcurl: headers only; remind.c loads it when it sends mail (see there)
OPT     ?= -O2
ENGINE  ?= sqlite
SAN     ?=
CFLAGS  := -std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -g $(OPT) $(SAN) \
           -DNGV_SOURCE_DIR='"$(CURDIR)"' $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libpq is compiled against but not linked: store/pg.c loads it when a PostgreSQL database is
# opened (its libraries cost ~5 MB of memory a server on SQLite never uses); the unit tests,
# which talk to PostgreSQL themselves, link it.
LDLIBS  := $(shell pkg-config --libs $(filter-out libpq,$(PKGS)) 2>/dev/null) -lcsv -lpthread -lm
LDFLAGS := $(SAN)

LIB_SRC  := $(wildcard src/base/*.c src/store/*.c src/domain/*.c src/web/*.c)
MAIN_SRC := src/cli/main.c $(wildcard src/cli/cmd_*.c)
UNIT_SRC := $(wildcard tests/unit/*.c)
MIGRATIONS := $(sort $(wildcard src/store/migrations/*.sql))
PG_MIGRATIONS := $(sort $(wildcard src/store/migrations/pg/*.sql))

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/embedded.o
MAIN_OBJ := $(MAIN_SRC:%.c=$(BUILD)/%.o)
UNIT_OBJ := $(UNIT_SRC:%.c=$(BUILD)/%.o)

.PHONY: all deps run test bench scan clean format FORCE
all: $(BUILD)/ngoaivu

deps:
	@bash scripts/install-deps.sh

run: deps
	@$(MAKE) --no-print-directory -s all
	@bash scripts/run-demo.sh

test: deps
	@bash scripts/test.sh

scan: deps
	@$(MAKE) --no-print-directory -s all
	@bash scripts/scan.sh

bench: deps
	@$(MAKE) --no-print-directory -s all
	@ENGINE=$(ENGINE) bash bench/run.sh

$(BUILD)/ngoaivu: $(MAIN_OBJ) $(LIB_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/unit: $(UNIT_OBJ) $(LIB_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(shell pkg-config --libs libpq 2>/dev/null)

$(BUILD)/%.o: %.c $(wildcard src/*/*.h) tests/unit/t.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Isrc -c -o $@ $<

$(BUILD)/embed: scripts/embed.c
	@mkdir -p $(BUILD)
	$(CC) -O1 -o $@ $<

# The list of migrations, rewritten only when it changes: a removed or renamed migration
# then rebuilds the embedded copy too (a deleted file leaves no newer prerequisite).
$(BUILD)/gen/migrations.list: FORCE
	@mkdir -p $(dir $@)
	@echo '$(MIGRATIONS) $(PG_MIGRATIONS)' | cmp -s - $@ || echo '$(MIGRATIONS) $(PG_MIGRATIONS)' >$@

# The IATI 2.03 schemas (data the brief provides beside the repository, not a copy in it):
# compiled in, so that the binary validates what it exports wherever it runs.
IATI_DIR ?= ../shared/data/iati-2.03
IATI_XSD := $(IATI_DIR)/iati-activities-schema.xsd $(IATI_DIR)/iati-common.xsd $(IATI_DIR)/xml.xsd

$(BUILD)/gen/embedded.c: Makefile $(IATI_XSD) $(BUILD)/embed $(MIGRATIONS) $(PG_MIGRATIONS) $(BUILD)/gen/migrations.list data/names-vi.tsv data/borders-area.tsv data/dac-sectors.tsv data/common-passwords.txt src/web/static/app.css src/web/static/doc.css src/web/static/bulletin.css
	@mkdir -p $(BUILD)/gen
	$(BUILD)/embed $@ -s ngv_names_vi_tsv data/names-vi.tsv -s ngv_borders_tsv data/borders-area.tsv -s ngv_dac_tsv data/dac-sectors.tsv -s ngv_common_passwords data/common-passwords.txt -s ngv_iati_activities_xsd $(IATI_DIR)/iati-activities-schema.xsd -s ngv_iati_common_xsd $(IATI_DIR)/iati-common.xsd -s ngv_xml_xsd $(IATI_DIR)/xml.xsd -s ngv_app_css src/web/static/app.css -s ngv_doc_css src/web/static/doc.css -s ngv_bulletin_css src/web/static/bulletin.css -a ngv_migrations $(MIGRATIONS) -a ngv_pg_migrations $(PG_MIGRATIONS)

$(BUILD)/gen/embedded.o: $(BUILD)/gen/embedded.c
	$(CC) -std=c17 -c -o $@ $<

clean:
	rm -rf build build-asan build-fuzz

format:
	clang-format -i $(LIB_SRC) $(MAIN_SRC) $(UNIT_SRC) $(wildcard src/*/*.h)

-include fuzz/fuzz.mk
-include bench/bench.mk
-include tests/crash/crash.mk
-include tests/soak/soak.mk
