# shellcheck shell=bash
# The PostgreSQL part of the benchmark: sourced by bench/run.sh when ENGINE=postgres, which
# calls pg_measure after its own (SQLite) measures and pg_report after its report. It uses
# run.sh's variables and functions (run_wrk, settle, stop, say, die, free_port, wait_http,
# json_get, RPS, P50, P99, NON2XX, ERR, CPU, ...). See bench/README.md, "ENGINE=postgres".
#
# 1. A throw-away cluster (scripts/pg-cluster.sh) in $TMP/pg, stopped on exit.
# 2. The same data as the SQLite file: build/bench-gen writes into PostgreSQL itself (it
#    opens the store by its name, and the data is deterministic), timed; then VACUUM
#    ANALYZE, the database's size, and fsync and full_page_writes turned on for the
#    measures (the test cluster starts with them off to load fast). synchronous_commit
#    stays off: like SQLite's synchronous=NORMAL in WAL mode, a crash may lose the last
#    commits, never the database.
# 3. (p1) one node, directly; (p1n) the same node behind nginx; (p2) two nodes behind
#    nginx, round-robin: the JSON list (b), the search (d), the dashboard JSON (g) and
#    audited creates, each as the SQLite run measured it.

PG_DIR=
PG_NODE_PIDS=()
PROXY_PID=

pg_cleanup() { # from run.sh's cleanup
  [[ -n $PROXY_PID ]] && stop "$PROXY_PID"
  local pid
  for pid in "${PG_NODE_PIDS[@]}"; do stop "$pid"; done
  local f
  for f in "$OUT"/server-pg*.log; do
    [[ -f $f ]] || continue
    tail -n 2000 "$f" >"$f.tail" || true
    grep ' error ' "$f" >"${f%.log}-errors.log" || true
    rm -f "$f"
  done
  if [[ -n $PG_DIR ]]; then bash scripts/pg-cluster.sh stop "$PG_DIR" >/dev/null 2>&1 || true; fi
}

# pg_node NAME PORT: a `serve` on the PostgreSQL database; its pid in NODE_PID
pg_node() {
  NGOAIVU_FILES_DIR=$TMP/pg-files "$BUILD/ngoaivu" serve --db "$NGOAIVU_PG_URI" --port "$2" \
    --addr 127.0.0.1 --trusted-proxy 127.0.0.1 ${SERVER_THREADS:+--threads "$SERVER_THREADS"} \
    2>"$OUT/server-$1.log" &
  NODE_PID=$!
  PG_NODE_PIDS+=("$NODE_PID")
  wait_http "http://127.0.0.1:$2/healthz" || die "node $1 did not start (see $OUT/server-$1.log.tail)"
  say "node $1: pid $NODE_PID on http://127.0.0.1:$2"
}

# the partner count through BASE
pg_total() {
  curl -sf -H "Authorization: Bearer $PG_TOKEN" "$BASE/api/v1/partners?limit=1" | json_get total
}

# pg_creates NAME: audited creates through BASE, checked like the SQLite run's
pg_creates() {
  local before after line created grew
  before=$(pg_total)
  # what the nodes' busy connections wait for meanwhile, every 0.2 s: a lock, the WAL, or
  # nothing (running, or waiting for the CPU: PostgreSQL cannot tell those apart)
  while :; do
    psql -XAtc "SELECT coalesce(wait_event_type || ':' || wait_event, 'running') FROM pg_stat_activity
      WHERE datname = current_database() AND usename = 'ngoaivu' AND state = 'active'
      AND pid <> pg_backend_pid()" || true
    sleep 0.2
  done >"$OUT/pg-waits-$1.txt" 2>/dev/null &
  local sampler=$!
  BENCH_SCRIPT=bench/create.lua run_wrk "$1" "$BASE/api/v1/partners" BENCH_TOKEN="$PG_TOKEN" \
    BENCH_RUN="$1$$"
  stop "$sampler"
  WAITS[$1]=$(sort "$OUT/pg-waits-$1.txt" | uniq -c | sort -rn | head -n 4 |
    awk '{printf "%s%s %d", (NR > 1 ? ", " : ""), $2, $1}')
  after=$(pg_total)
  line=$(grep '^BENCH ' "$OUT/wrk-$1.txt")
  created=$(sed -n 's/.* created=\([0-9]*\).*/\1/p' <<<"$line")
  CREATED_N[$1]=$created
  CREATES[$1]=$(awk -v n="$created" -v s="$(sed -n 's/.* seconds=\([0-9.]*\).*/\1/p' <<<"$line")" \
    'BEGIN{printf "%.1f", n / s}')
  grew=$((after - before))
  ((grew >= created && grew <= created + CONNS)) ||
    die "$1: wrk counted $created creates (201) but the partner count grew by $grew"
  say "$1: $created creates (201), partners $before -> $after"
}

# pg_reads PREFIX: the three reads through BASE
pg_reads() {
  run_wrk "$1_list" "$BASE$LIST" BENCH_TOKEN="$PG_TOKEN"
  run_wrk "$1_search" "$BASE$SEARCH" BENCH_TOKEN="$PG_TOKEN"
  run_wrk "$1_djson" "$BASE/api/v1/dashboard" BENCH_TOKEN="$PG_TOKEN"
}

# The border's pages and filtered incident list on node 1 (a session of its own for the
# pages), as on SQLite: the trade page, the map, the incidents of one category and state
# since a date as a page and as JSON computed at 5,000 offsets.
pg_border() {
  local jar=$TMP/pg-cookies csrf code
  curl -sf -c "$jar" -b "$jar" "$BASE/login" >"$TMP/pg-login.html" || die "GET /login on PostgreSQL"
  csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$TMP/pg-login.html")
  code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" \
    --data-urlencode "username=$BUSER" --data-urlencode "password=$PASSWORD" "$BASE/login")
  [[ $code == 303 ]] || die "form login on PostgreSQL answered $code"
  PG_SID=$(awk '$6 == "sid" {print $7}' "$jar")
  local page file
  for page in "/trade pg-trade.html" "/map pg-map.html" "$INC_HTML pg-incidents.html"; do
    read -r path file <<<"$page"
    code=$(curl -s -o "$TMP/$file" -w '%{http_code}' -b "sid=$PG_SID" "$BASE$path")
    [[ $code == 200 ]] || die "GET $path on PostgreSQL answered $code"
  done
  PG_MAP_POINTS=$(grep -o 'class="pt pt-' "$TMP/pg-map.html" | wc -l)
  PG_INC_N=$(curl -sf -H "Authorization: Bearer $PG_TOKEN" "$BASE$INC_JSON" | json_get total)
  say "border on PostgreSQL: map $PG_MAP_POINTS points (SQLite $MAP_POINTS), $PG_INC_N incidents (SQLite $INC_N)"
  run_wrk p1_trade "$BASE/trade" BENCH_COOKIE="sid=$PG_SID"
  run_wrk p1_map "$BASE/map" BENCH_COOKIE="sid=$PG_SID"
  run_wrk p1_ihtml "$BASE$INC_HTML" BENCH_COOKIE="sid=$PG_SID"
  run_wrk p1_ijson_nc "$BASE$INC_JSON" BENCH_TOKEN="$PG_TOKEN" BENCH_VARY="${INC_JSON}&offset=%d 0 5000"
}

pg_measure() {
  declare -gA CREATES CREATED_N WAITS
  command -v psql >/dev/null || die "psql is missing (run: make deps)"
  PG_DIR=$TMP/pg
  local envs
  envs=$(bash scripts/pg-cluster.sh start "$PG_DIR" 2>"$OUT/pg-cluster.log") ||
    die "the PostgreSQL cluster did not start (see $OUT/pg-cluster.log)"
  eval "$envs"
  PG_SUPER=(psql -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR/run" -U postgres -d "$PGDATABASE")
  PG_VERSION=$(psql -XAtc 'SHOW server_version' | cut -d' ' -f1)

  # ---- the data: bench-gen straight into PostgreSQL
  local t0
  t0=$(date +%s.%N)
  # its ANALYZE, run by a role that owns only its own tables, warns about every system
  # catalog it may not analyze: those lines are dropped
  "$BUILD/bench-gen" "$NGOAIVU_PG_URI" "$BUSER" "$PASSWORD" "$PARTNERS" "$CONTACTS" \
    "$DELEGATIONS" "$AGREEMENTS" "$COMMITMENTS" 2> >(grep -v 'only superuser can analyze it' >&2) >&2 ||
    die "bench-gen into PostgreSQL"
  PG_GEN_SECONDS=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
  t0=$(date +%s.%N)
  "${PG_SUPER[@]}" -c 'VACUUM ANALYZE' || die "VACUUM ANALYZE"
  PG_VACUUM_SECONDS=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
  "${PG_SUPER[@]}" -c 'ALTER SYSTEM SET fsync = on' -c 'ALTER SYSTEM SET full_page_writes = on' \
    -c 'SELECT pg_reload_conf()' -c 'CHECKPOINT' >/dev/null || die "turning fsync on"
  [[ $(psql -XAtc 'SHOW fsync') == on ]] || die "fsync is still off"
  PG_DB_BYTES=$(psql -XAtc "SELECT pg_database_size(current_database())")
  PG_TABLES=$(psql -XAtc "SELECT string_agg(relname || ' ' || pg_size_pretty(pg_total_relation_size(oid)), ', ' ORDER BY pg_total_relation_size(oid) DESC) FROM (SELECT oid, relname FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY pg_total_relation_size(oid) DESC LIMIT 5) t")
  say "PostgreSQL $PG_VERSION: data generated in ${PG_GEN_SECONDS}s, VACUUM ANALYZE ${PG_VACUUM_SECONDS}s, $((PG_DB_BYTES / 1048576)) MB"

  # ---- (p1) one node
  local p1 p2 np
  p1=$(free_port)
  pg_node pg1 "$p1"
  PG1_PID=$NODE_PID
  BASE=http://127.0.0.1:$p1
  PG_TOKEN=$(curl -sf -X POST -H 'Content-Type: application/json' \
    --data "{\"username\":\"$BUSER\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/login" | json_get token)
  [[ -n $PG_TOKEN && $PG_TOKEN != undefined ]] || die "API login on PostgreSQL"
  # the same data: the same partners, the same answer (b), the same dashboard figures
  local t
  t=$(pg_total)
  [[ $t == "$PARTNERS" ]] || die "PostgreSQL holds $t partners, not $PARTNERS"
  curl -sf -H "Authorization: Bearer $PG_TOKEN" "$BASE$LIST" -o "$TMP/pg-list.json" || die "GET $LIST"
  curl -sf -H "Authorization: Bearer $PG_TOKEN" "$BASE/api/v1/dashboard" -o "$TMP/pg-dashboard.json" ||
    die "GET /api/v1/dashboard"
  curl -sf -H "Authorization: Bearer $PG_TOKEN" "$BASE$SEARCH" -o "$TMP/pg-search.json" || die "GET $SEARCH"
  PG_SAME=$(node -e '
    const fs = require("fs"), J = (f) => JSON.parse(fs.readFileSync(f));
    const [, l1, l2, d1, d2, s2] = process.argv;
    const fig = (d) => [d.overdue_commitments.count, d.late_reports.count, d.upcoming_delegations.count,
      d.expiring_agreements.count, JSON.stringify(d.overdue_by_agency)].join(" ");
    const ids = (l) => J(l).items.map((x) => x.id + ":" + x.name_vi).join();
    const out = [];
    out.push(ids(l1) === ids(l2) ? "answer (b): the same 50 partners" : "answer (b): OTHER partners");
    out.push(fig(J(d1)) === fig(J(d2)) ? "dashboard: the same figures" : `dashboard: OTHER figures (${fig(J(d2))})`);
    out.push(`search: ${J(s2).items.length} hits`);
    console.log(out.join("; "));' "$TMP/www/list.json" "$TMP/pg-list.json" "$TMP/www/dashboard.json" \
    "$TMP/pg-dashboard.json" "$TMP/pg-search.json")
  say "PostgreSQL against SQLite: $PG_SAME"
  [[ $PG_SAME == *OTHER* ]] && say "WARNING: the engines answer differently"
  pg_reads p1
  pg_border
  pg_creates p1_create
  # ---- (p1n) the same node behind nginx; (p2) two nodes behind nginx, round-robin
  p2=$(free_port)
  pg_node pg2 "$p2"
  PG2_PID=$NODE_PID
  np=$(free_port)
  local np1
  np1=$(free_port)
  cat >"$TMP/nginx-proxy.conf" <<EOF
daemon off;
worker_processes 2;
pid $TMP/nginx-proxy.pid;
error_log $TMP/nginx-proxy-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $TMP/pbody;
  proxy_temp_path $TMP/pproxy;
  fastcgi_temp_path $TMP/pfastcgi;
  uwsgi_temp_path $TMP/puwsgi;
  scgi_temp_path $TMP/pscgi;
  keepalive_requests 1000000;
  upstream one { server 127.0.0.1:$p1; keepalive 64; }
  upstream two { server 127.0.0.1:$p1; server 127.0.0.1:$p2; keepalive 64; }
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  proxy_set_header Host \$host;
  proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
  proxy_next_upstream off;
  server { listen 127.0.0.1:$np1; location / { proxy_pass http://one; } }
  server { listen 127.0.0.1:$np; location / { proxy_pass http://two; } }
}
EOF
  nginx -p "$TMP" -c "$TMP/nginx-proxy.conf" -e "$TMP/nginx-proxy-error.log" &
  PROXY_PID=$!
  wait_http "http://127.0.0.1:$np/healthz" || die "nginx (proxy) did not start: $(cat "$TMP/nginx-proxy-error.log")"
  BASE=http://127.0.0.1:$np1
  pg_reads p1n
  pg_creates p1n_create
  BASE=http://127.0.0.1:$np
  pg_reads p2
  pg_creates p2_create
  # both nodes served: the second one only through nginx
  PG_REQ1=$(grep -c ' /api/v1/' "$OUT/server-pg1.log" || true)
  PG_REQ2=$(grep -c ' /api/v1/' "$OUT/server-pg2.log" || true)
  ((PG_REQ2 > 0)) || die "nginx sent nothing to the second node"
  PG1_RSS=$(awk '$1 == "VmHWM:" {print $2}' "/proc/$PG1_PID/status")
  PG2_RSS=$(awk '$1 == "VmHWM:" {print $2}' "/proc/$PG2_PID/status")
  PG_BACKENDS=$(psql -XAtc "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND usename = 'ngoaivu'")
  PG_DB_BYTES_END=$(psql -XAtc "SELECT pg_database_size(current_database())")
  stop "$PROXY_PID"
  PROXY_PID=
  for pid in "${PG_NODE_PIDS[@]}"; do stop "$pid"; done
  PG_NODE_PIDS=()
  PG_ERRORS=$(cat "$OUT"/server-pg*.log | grep -c ' error ' || true)
}

pg_report() {
  local c1 c1n c2 ok_reads=1 bad=0 name pair pg sq
  for pair in "p1_list list" "p1_search search" "p1_djson dash_json"; do
    read -r pg sq <<<"$pair"
    [[ $(le 0.5 "$(awk -v a="${RPS[$pg]}" -v b="${RPS[$sq]}" 'BEGIN{printf "%.3f", a/b}')") == 1 ]] || ok_reads=0
  done
  for name in p1_list p1_search p1_djson p1_trade p1_map p1_ihtml p1_ijson_nc p1_create \
    p1n_list p1n_search p1n_djson p1n_create \
    p2_list p2_search p2_djson p2_create; do
    bad=$((bad + NON2XX[$name] + ERR[$name]))
  done
  c1=${CREATES[p1_create]} c1n=${CREATES[p1n_create]} c2=${CREATES[p2_create]}
  local records=$((PARTNERS + CONTACTS + DELEGATIONS + AGREEMENTS + COMMITMENTS + 30)) # 30 agencies
  # (label, measure, its ceiling)
  prow() { printf '| %s | %s | %s | %s | %s | %s | %s%% |\n' "$1" "$(num "${RPS[$2]}")" "$(ms "${P50[$2]}")" \
    "$(ms "${P99[$2]}")" "$(ratio "${RPS[$2]}" "${RPS[$3]}")" "$((NON2XX[$2] + ERR[$2]))" "${CPU[$2]}"; }
  {
    echo
    echo "## ENGINE=postgres: SQLite, PostgreSQL one node, PostgreSQL two nodes behind nginx"
    echo
    echo "PostgreSQL $PG_VERSION, a throw-away cluster on this machine (\`scripts/pg-cluster.sh\`), \`fsync\` and \`full_page_writes\` on, \`synchronous_commit\` off (as SQLite's \`synchronous=NORMAL\`: a crash may lose the last commits, never the database), the defaults otherwise (\`shared_buffers\` $(psql -XAtc 'SHOW shared_buffers'), \`max_connections\` $(psql -XAtc 'SHOW max_connections')). The same data as the SQLite file, written by \`build/bench-gen\` into PostgreSQL through the store in ${PG_GEN_SECONDS}s (SQLite: ${GEN_SECONDS}s), then \`VACUUM ANALYZE\` (${PG_VACUUM_SECONDS}s): $(num "$((PG_DB_BYTES / 1048576))") MB, $(awk -v b="$PG_DB_BYTES" -v n="$records" 'BEGIN{printf "%.0f", b / 1048576 / (n / 100000)}') MB per 100,000 records of all types ($(num "$records") records; the SQLite file: $DB_MB MB, $(awk -v m="$DB_MB" -v n="$records" 'BEGIN{printf "%.0f", m / (n / 100000)}') MB per 100,000); largest tables with their indexes: $PG_TABLES. Checked against SQLite: $PG_SAME."
    echo "Each node \`serve --db postgres://... --trusted-proxy 127.0.0.1${SERVER_THREADS:+ --threads $SERVER_THREADS}\`, its access log on; nginx in front (2 workers, keep-alive to the nodes, \`proxy_next_upstream off\`); wrk as above (-t$THREADS -c$CONNS -d$DURATION) and everything on the same $(nproc) CPUs. The ceilings are the static nginx of the first table, measured in this run: (e) for the list, the search and the creates, (e-g) for the dashboard. CPU: the machine's busy share during the measure (all processes: wrk, nginx, the nodes, PostgreSQL)."
    echo
    echo "| measure | req/s | p50 | p99 | × ceiling | non-2xx + errors | CPU busy |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    prow "(b) JSON list, SQLite, one node" list nginx
    prow "(b) JSON list, PostgreSQL, one node" p1_list nginx
    prow "(b) JSON list, PostgreSQL, one node behind nginx" p1n_list nginx
    prow "(b) JSON list, PostgreSQL, two nodes behind nginx" p2_list nginx
    prow "(d) search, SQLite, one node" search nginx
    prow "(d) search, PostgreSQL, one node" p1_search nginx
    prow "(d) search, PostgreSQL, one node behind nginx" p1n_search nginx
    prow "(d) search, PostgreSQL, two nodes behind nginx" p2_search nginx
    prow "(g) dashboard JSON, SQLite, one node" dash_json nginx_djson
    prow "(g) dashboard JSON, PostgreSQL, one node" p1_djson nginx_djson
    prow "(g) dashboard JSON, PostgreSQL, one node behind nginx" p1n_djson nginx_djson
    prow "(g) dashboard JSON, PostgreSQL, two nodes behind nginx" p2_djson nginx_djson
    prow "border trade page, SQLite" trade nginx_trade
    prow "border trade page, PostgreSQL, one node" p1_trade nginx_trade
    prow "border map, SQLite ($MAP_POINTS points)" map nginx_map
    prow "border map, PostgreSQL, one node ($PG_MAP_POINTS points)" p1_map nginx_map
    prow "incidents of one category and state since a date, page, SQLite" inc_html nginx_ihtml
    prow "the same, PostgreSQL, one node" p1_ihtml nginx_ihtml
    prow "the same as JSON computed at 5,000 offsets, SQLite" inc_json_nc nginx_ijson
    prow "the same as JSON computed at 5,000 offsets, PostgreSQL, one node" p1_ijson_nc nginx_ijson
    prow "audited creates, SQLite, one node ($(num "$CREATED") × 201)" create nginx
    prow "audited creates, PostgreSQL, one node ($(num "${CREATED_N[p1_create]}") × 201)" p1_create nginx
    prow "audited creates, PostgreSQL, one node behind nginx ($(num "${CREATED_N[p1n_create]}") × 201)" p1n_create nginx
    prow "audited creates, PostgreSQL, two nodes behind nginx ($(num "${CREATED_N[p2_create]}") × 201)" p2_create nginx
    echo
    echo "Peak RSS (VmHWM) at the end: node 1 $(awk -v k="$PG1_RSS" 'BEGIN{printf "%.1f", k/1024}') MB, node 2 $(awk -v k="$PG2_RSS" 'BEGIN{printf "%.1f", k/1024}') MB (SQLite's node: $RSS_MB MB). Connections of the nodes open on the database at the end: $PG_BACKENDS (each node's pool holds up to threads + 16 writers + 2). API requests served: node 1 $(num "$PG_REQ1") (directly and through nginx), node 2 $(num "$PG_REQ2") (through nginx only). Error lines in the nodes' logs: $PG_ERRORS. The database after the creates: $(num "$((PG_DB_BYTES_END / 1048576))") MB."
    echo
    echo "What the nodes' busy connections waited for during the creates (samples every 0.2 s, one line per connection; \`running\` is a connection at work or waiting for a CPU): one node ${WAITS[p1_create]}; the same behind nginx ${WAITS[p1n_create]}; two nodes ${WAITS[p2_create]}. \`Lock:transactionid\` and \`Lock:tuple\` are writes queued behind another's row lock (every create of a partner updates the row of \`partners\` in \`counts\`, and every commit the data version's row in \`meta\`)."
    echo
    echo "| target (from the issue) | measured | verdict |"
    echo "| --- | --- | --- |"
    echo "| PostgreSQL, one node, within 2× of SQLite on reads (req/s) | list $(xc p1_list list), search $(xc p1_search search), dashboard $(xc p1_djson dash_json) of SQLite's | $(verdict "$ok_reads") |"
    echo "| two nodes ≥ 1.6× one node on creates, when the cores allow it | $(num "$c2")/s against $(num "$c1n")/s behind the same nginx ($(ratio "$c2" "$c1n")) and $(num "$c1")/s directly ($(ratio "$c2" "$c1")); CPU busy ${CPU[p1n_create]}% with one node, ${CPU[p2_create]}% with two | $(verdict "$(le 1.6 "$(awk -v a="$c2" -v b="$c1n" 'BEGIN{printf "%.3f", a/b}')")") |"
    echo "| no error under load (non-2xx and socket errors, all PostgreSQL measures) | $bad | $(verdict "$([[ $bad == 0 ]] && echo 1 || echo 0)") |"
  } >>"$OUT/results.md"
}
