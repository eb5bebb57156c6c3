# The soak test (included by the Makefile; tests/soak/run.mjs says what it checks).
#   make soak                     30 minutes of mixed reads and writes from 6 signed-in
#                                 clients against a demo server on SQLite, with a watchdog;
#                                 a table of samples, the figures, "N passed, N failed"
#   make soak SOAK_SECONDS=120    shorter; SOAK_CLIENTS=N clients, SOAK_SEED=N their choices
SOAK_SECONDS ?= 1800
SOAK_CLIENTS ?= 6

.PHONY: soak
soak: deps
	@$(MAKE) --no-print-directory -s all
	@SOAK_SECONDS=$(SOAK_SECONDS) SOAK_CLIENTS=$(SOAK_CLIENTS) NGOAIVU_BIN=$(BUILD)/ngoaivu node tests/soak/run.mjs
