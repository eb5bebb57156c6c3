#!/usr/bin/env bash
# make run: a demo database (created once, kept between runs) and the server on :8080.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${NGOAIVU_DB:-demo.db}
port=${PORT:-8080}
[[ -f $db ]] || build/ngoaivu init --db "$db" >/dev/null
login=$(build/ngoaivu demo --db "$db" | grep 'demo login')
echo
echo "  ngoaivu is at http://localhost:$port/"
echo "  $login    (a new password is generated at each 'make run')"
echo "  stop with Ctrl-C"
echo
exec build/ngoaivu serve --db "$db" --port "$port" --addr "${ADDR:-127.0.0.1}"
