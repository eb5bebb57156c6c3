#!/usr/bin/env bash
# Builds ngoaivu twice (optimised, and with AddressSanitizer + UndefinedBehaviorSanitizer)
# and runs every suite: unit tests (both builds; the store's also against PostgreSQL), the
# PostgreSQL schema check, HTTP end-to-end tests against the sanitized server on SQLite and
# on PostgreSQL (a throw-away cluster started here and stopped at the end), the crash test
# (10 rounds of kill -9 under a write load on each engine), a 20 s soak (mixed load with a
# watchdog), browser tests (headless Chromium), fuzzing. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
log=build/test-logs
mkdir -p "$log"

total_pass=0 total_fail=0 total_skip=0
broken=()

# count SUITE LOGFILE: adds the suite's closing "N passed, N failed[, N skipped]" line
count() {
  local line p f s
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$2" | tail -1)
  if [[ -z $line ]]; then
    echo "!! $1: no summary line (crashed?); counted as one failure; the end of $2:"
    tail -25 "$2" | sed 's/^/   | /'
    total_fail=$((total_fail + 1)); broken+=("$1"); return
  fi
  p=$(sed -E 's/^([0-9]+) passed.*/\1/' <<<"$line")
  f=$(sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/' <<<"$line")
  s=$(grep -oE '[0-9]+ skipped' <<<"$line" | grep -oE '[0-9]+' || echo 0)
  total_pass=$((total_pass + p)); total_fail=$((total_fail + f)); total_skip=$((total_skip + s))
  [[ $f -gt 0 ]] && broken+=("$1")
  echo "== $1: $line"
}

echo "== building (optimised and sanitized)"
if ! make -s -j"$jobs" build/ngoaivu build/unit >"$log/build.txt" 2>&1; then
  cat "$log/build.txt"; echo "0 passed, 1 failed"; exit 1
fi
SAN="-fsanitize=address,undefined -fno-omit-frame-pointer"
if ! make -s -j"$jobs" BUILD=build-asan OPT=-O1 SAN="$SAN" build-asan/ngoaivu build-asan/unit \
    >"$log/build-asan.txt" 2>&1; then
  cat "$log/build-asan.txt"; echo "0 passed, 1 failed"; exit 1
fi

# PostgreSQL: a throw-away cluster for the whole run (127.0.0.1, a free port, a temporary
# directory; its server runs as an unprivileged user), stopped at the end whatever happens.
# Its databases: e2e (the end-to-end suite against PostgreSQL), migrate (migrate-db's
# target in the SQLite run), and schemas of the default one for the store's unit tests.
pgdir=/tmp/ngoaivu-test-pg-$$
pg_ok=0
if pg_env=$(bash scripts/pg-cluster.sh start "$pgdir" 2>"$log/pg-cluster.txt"); then
  eval "$pg_env"
  trap 'bash scripts/pg-cluster.sh stop "$pgdir" >/dev/null 2>&1' EXIT
  if psql -Xq -c 'CREATE DATABASE e2e' -c 'CREATE DATABASE migrate' >>"$log/pg-cluster.txt" 2>&1; then
    pg_ok=1
    pg_uri() { echo "postgres://$PGUSER@$PGHOST:$PGPORT/$1"; }
  fi
fi
if ((!pg_ok)); then
  echo "!! PostgreSQL did not start:"; tail -20 "$log/pg-cluster.txt"
  total_fail=$((total_fail + 1)); broken+=("PostgreSQL")
fi

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# third-party leaks made once a process (tests/lsan.supp says which and why)
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp

echo "== unit tests"
build/unit >"$log/unit.txt" 2>&1; count "unit" "$log/unit.txt"
build-asan/unit >"$log/unit-asan.txt" 2>&1; rc=$?
count "unit (ASan/UBSan)" "$log/unit-asan.txt"
if [[ $rc -ne 0 ]] && ! grep -qE '^[0-9]+ passed, [1-9]' "$log/unit-asan.txt"; then
  echo "!! sanitizer report in unit tests:"; tail -30 "$log/unit-asan.txt"
  total_fail=$((total_fail + 1)); broken+=("unit sanitizer")
fi

if ((pg_ok)); then
  echo "== unit tests of the store against PostgreSQL (ASan/UBSan)"
  NGOAIVU_UNIT_PG=$NGOAIVU_PG_URI build-asan/unit >"$log/unit-pg.txt" 2>&1
  count "unit store (PostgreSQL)" "$log/unit-pg.txt"
  echo "== the PostgreSQL schema against the SQLite one"
  if bash scripts/pg-schema-check.sh >"$log/pg-schema.txt" 2>&1; then
    echo "1 passed, 0 failed" >>"$log/pg-schema.txt"
  else
    echo "0 passed, 1 failed" >>"$log/pg-schema.txt"
  fi
  count "PostgreSQL schema" "$log/pg-schema.txt"
fi

echo "== end-to-end tests (server built with ASan/UBSan, SQLite)"
NGOAIVU_TEST_PG_URI=$( ((pg_ok)) && pg_uri migrate) NGOAIVU_BIN=build-asan/ngoaivu \
  node tests/e2e/run.mjs >"$log/e2e.txt" 2>&1
count "e2e" "$log/e2e.txt"

if ((pg_ok)); then
  echo "== end-to-end tests (server built with ASan/UBSan, PostgreSQL)"
  NGOAIVU_TEST_DB=$(pg_uri e2e) NGOAIVU_BIN=build-asan/ngoaivu \
    node tests/e2e/run.mjs >"$log/e2e-pg.txt" 2>&1
  count "e2e (PostgreSQL)" "$log/e2e-pg.txt"
fi

echo "== crash test (kill -9 under a write load, 10 rounds per engine; ASan/UBSan server)"
# its PostgreSQL database is made beside NGOAIVU_PG_URI's and dropped at the end
NGOAIVU_TEST_PG_URI=$( ((pg_ok)) && echo "$NGOAIVU_PG_URI") CRASH_PG=$( ((pg_ok)) && echo 1 || echo 0) \
  CRASH_ROUNDS=10 NGOAIVU_BIN=build-asan/ngoaivu node tests/crash/run.mjs >"$log/crash.txt" 2>&1
count "crash" "$log/crash.txt"

echo "== soak test (20 s of mixed reads and writes from 6 clients with a watchdog; SQLite)"
# the optimised server: ASan's quarantine would grow its memory by design
SOAK_SECONDS=20 NGOAIVU_BIN=build/ngoaivu node tests/soak/run.mjs >"$log/soak.txt" 2>&1
count "soak" "$log/soak.txt"

echo "== browser tests (headless Chromium)"
NGOAIVU_BIN=build/ngoaivu node tests/browser/run.mjs >"$log/browser.txt" 2>&1
count "browser" "$log/browser.txt"

echo "== fuzzing (libFuzzer, ${FUZZ_SECONDS:-4} s per target, seed 1)"
# a fixed seed: a brief run is the same on every machine, so what it finds is repeatable;
# the long runs (make fuzz FUZZ_SECONDS=N, a random seed each) search further
{ make -s -j"$jobs" fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-4}" FUZZ_FLAGS="${FUZZ_FLAGS:--seed=1}" && echo "fuzz: done"; } >"$log/fuzz.txt" 2>&1
fp=$(grep -c 'no crash' "$log/fuzz.txt"); ft=$(ls fuzz/fuzz_*.c | wc -l)
echo "$fp passed, $((ft - fp)) failed" >>"$log/fuzz.txt"
count "fuzz" "$log/fuzz.txt"

for s in "${broken[@]}"; do
  echo "-- failures in $s:"
  grep -E '^(FAIL|!!|    )' "$log"/*.txt | head -40
  break
done
if ((total_skip)); then
  echo "$total_pass passed, $total_fail failed, $total_skip skipped"
else
  echo "$total_pass passed, $total_fail failed"
fi
[[ $total_fail -eq 0 ]]
