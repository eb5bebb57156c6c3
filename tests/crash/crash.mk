# The crash test (included by the Makefile; tests/crash/run.mjs says what it checks).
#   make crash-test                   100 rounds per engine: SQLite, and PostgreSQL (a
#                                     throw-away cluster, or NGOAIVU_TEST_PG_URI's server)
#   make crash-test CRASH_ROUNDS=10   fewer; CRASH_SEED=N repeats a run's kill moments and operations
CRASH_ROUNDS ?= 100

.PHONY: crash-test
crash-test: deps
	@$(MAKE) --no-print-directory -s all
	@CRASH_ROUNDS=$(CRASH_ROUNDS) NGOAIVU_BIN=$(BUILD)/ngoaivu node tests/crash/run.mjs
