#!/usr/bin/env bash
# Checks that the PostgreSQL schema (src/store/migrations/pg/, as `ngoaivu init` applies it)
# is the one the SQLite migrations make: makes it, as the program's role (no superuser), in
# a throw-away cluster (scripts/pg-cluster.sh) and compares it with a fresh `ngoaivu init`
# SQLite database, table by table:
#   columns       names, order and count, type, NOT NULL, DEFAULT (an INTEGER PRIMARY KEY
#                 is an identity), text columns compared bytewise (COLLATE "C")
#   keys          primary keys and UNIQUE constraints
#   foreign keys  columns, the table referred to, ON DELETE and ON UPDATE
#   checks        how many CHECK constraints each table has
#   indexes       the named ones: name, table, columns, UNIQUE, partial and its condition
#   triggers      name, table, timing, event, per row
#   rows          the seed rows (digits ignored: a data version, a time)
# Prints each difference and exits 1 if there is any. The expected differences (the
# SQLite-only objects and their PostgreSQL twins) are stated and applied explicitly below.
#
#   bash scripts/pg-schema-check.sh [SCHEMA.sql]    (builds ngoaivu first, with make -s)
# SCHEMA.sql: a file to load and check instead of the program's migrations (to see that
# the check catches a change). PG_SCHEMA_CHECK_KEEP=1 keeps the listings compared (/tmp/ngoaivu-pgcheck.*).
set -euo pipefail
schema=$(realpath "${1:-$(dirname "$0")/../src/store/migrations/pg/001_schema.sql}")
cd "$(dirname "$0")/.."
root=$PWD

make -s build/ngoaivu
work=$(mktemp -d /tmp/ngoaivu-pgcheck.XXXXXX)
cluster=$(mktemp -d /tmp/ngoaivu-pg.XXXXXX)
# shellcheck disable=SC2317 # (run by the trap)
cleanup() {
  bash "$root/scripts/pg-cluster.sh" stop "$cluster" || true
  if [[ ${PG_SCHEMA_CHECK_KEEP:-} == 1 ]]; then echo "pg-schema-check: listings kept in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

build/ngoaivu init --db "$work/x.db" >/dev/null
eval "$(bash scripts/pg-cluster.sh start "$cluster")"

# The schema as the program makes it (every migration of migrations/pg, in order), or, given
# a file, that file as the driver runs one: one string, one implicit transaction.
if [[ -z ${1:-} ]]; then
  if ! build/ngoaivu init --db "$NGOAIVU_PG_URI" >"$work/load.txt" 2>&1; then
    cat "$work/load.txt"
    echo "pg-schema-check: ngoaivu init on PostgreSQL failed"
    exit 1
  fi
elif ! psql -X -q -v ON_ERROR_STOP=1 -c "$(cat "$schema")" </dev/null >"$work/load.txt" 2>&1; then
  cat "$work/load.txt"
  echo "pg-schema-check: $schema does not load"
  exit 1
fi

lite() { sqlite3 -batch -noheader -separator '|' "$work/x.db" "$1"; }
pg() { psql -X -q -A -t -F '|' -v ON_ERROR_STOP=1 -c "$1" </dev/null; }

# ---- the tables of each side

# SQLite's own (sqlite_*), and the shadow tables of each FTS5 table, are no tables of the
# schema; the FTS5 tables themselves are handled below.
fts=$(lite "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'")
[[ $fts == search ]] || { echo "pg-schema-check: FTS5 tables are '$fts', not 'search': update the expected differences"; exit 1; }
shadow="'search_data','search_idx','search_content','search_docsize','search_config'"
lite_tables=$(lite "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
                    AND name NOT IN ($shadow, 'search') ORDER BY name")
pg_tables=$(pg "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'
                AND table_type = 'BASE TABLE' ORDER BY table_name")
in_list() { local t=$1; shift; [[ " $* " == *" $t "* ]]; }
mapfile -t lite_list <<<"$lite_tables"
mapfile -t pg_list <<<"$pg_tables"

# The expected differences, every one of them:
#  1. search (FTS5: body, title UNINDEXED) + search_docs (id, entity, rid) are one table in
#     PostgreSQL: search_docs (id, entity, rid, title, body, tsv), tsv generated from body,
#     body NOT NULL (the program always gives one), a GIN index search_docs_tsv.
#  2. schema_info (application, version) stands for PRAGMA application_id / user_version.
#  3. An INTEGER PRIMARY KEY is an identity, unless it is also a foreign key (calendar_tokens:
#     the user's id, never generated).
#  4. The narrow indexes on id (<table>_id ON <table>(id)) are the tables' primary keys,
#     which carry their names: they are unique indexes in PostgreSQL.
#  5. CAST(strftime('%s', 'now') AS INTEGER) is floor(extract(epoch FROM
#     statement_timestamp()))::bigint.
#  6. meta_version_announced (AFTER UPDATE ON meta): PostgreSQL announces each change of the
#     data version (NOTIFY, migration pg/004) to the nodes that follow it; SQLite has no
#     other node to tell (its processes read the WAL index).
fts_cols=$(lite "SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_table_info('search') ORDER BY cid)")
[[ $fts_cols == body,title ]] || { echo "pg-schema-check: search has columns $fts_cols, not body,title: update the expected differences"; exit 1; }

# ---- columns: table|column|type|not null|default, in column order
lite_types() { # SQLite's declared types (the third field), as the schema maps them
  awk -F'|' -v OFS='|' '{ m["integer"] = "bigint"; m["text"] = "text C"; m["blob"] = "bytea"
                          m["real"] = "double precision"; if ($3 in m) $3 = m[$3]; print }'
}
{
  for t in $lite_tables; do
    lite "SELECT '$t', p.name, lower(p.type), CASE WHEN p.\"notnull\" OR p.pk THEN 'not null' ELSE 'null' END,
                 CASE WHEN p.pk = 1 AND lower(p.type) = 'integer'
                           AND (SELECT count(*) FROM pragma_table_info('$t') WHERE pk) = 1
                           AND p.name NOT IN (SELECT \"from\" FROM pragma_foreign_key_list('$t'))
                      THEN 'identity' ELSE coalesce(p.dflt_value, '') END
          FROM pragma_table_info('$t') p ORDER BY p.cid" |
      sed -E "s/\\|CAST\\(strftime\\('%s', 'now'\\) AS INTEGER\\)\$/|now as epoch seconds/" | lite_types
    if [[ $t == search_docs ]]; then # 1.
      printf '%s\n' 'search_docs|title|text C|null|' 'search_docs|body|text C|not null|' \
        'search_docs|tsv|tsvector|null|generated: to_tsvector(simple, body)'
    fi
  done
  # 2.
  printf '%s\n' 'schema_info|application|text C|not null|' 'schema_info|version|integer|not null|'
} | sort -s -t'|' -k1,1 >"$work/lite.cols"
pg "SELECT c.table_name, c.column_name,
             CASE WHEN c.data_type = 'text' THEN 'text ' || coalesce(c.collation_name, 'default')
                  ELSE c.data_type END,
             CASE c.is_nullable WHEN 'NO' THEN 'not null' ELSE 'null' END,
             CASE WHEN c.is_identity = 'YES' THEN 'identity'
                  WHEN c.is_generated = 'ALWAYS' THEN 'generated: ' || c.generation_expression
                  ELSE coalesce(c.column_default, '') END
      FROM information_schema.columns c WHERE c.table_schema = 'public'
      ORDER BY c.table_name, c.ordinal_position" |
    sed -E "s/\\|'([^']*)'::text\$/|'\\1'/; s/\\|\\(floor\\(EXTRACT\\(epoch FROM statement_timestamp\\(\\)\\)\\)\\)::bigint\$/|now as epoch seconds/;
            s/\\|generated: to_tsvector\\('simple'::regconfig, body\\)\$/|generated: to_tsvector(simple, body)/" \
      >"$work/pg.cols"

# ---- keys: table|primary key|cols, table|unique|cols
{
  for t in $lite_tables; do
    lite "SELECT '$t', 'primary key', group_concat(name, ',') FROM
            (SELECT name FROM pragma_table_info('$t') WHERE pk ORDER BY pk) HAVING count(*)"
    lite "SELECT '$t', 'unique', (SELECT group_concat(name, ',') FROM
            (SELECT name FROM pragma_index_info(l.name) ORDER BY seqno))
          FROM pragma_index_list('$t') l WHERE l.origin = 'u' ORDER BY 3"
  done
} | sort >"$work/lite.keys"
# 4.: the named indexes on (id) alone are primary keys here, with a name of their own
pg_cols="array_to_string(ARRAY(SELECT a.attname FROM unnest(%s) WITH ORDINALITY k(n, i)
          JOIN pg_attribute a ON a.attrelid = %s AND a.attnum = k.n ORDER BY k.i), ',')"
# shellcheck disable=SC2059
pg "SELECT t.relname, CASE c.contype WHEN 'p' THEN 'primary key' ELSE 'unique' END,
           $(printf "$pg_cols" c.conkey c.conrelid)
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = 'public' AND c.contype IN ('p', 'u')" | sort >"$work/pg.keys"

# ---- foreign keys: table|cols|references table(cols)|on delete|on update
lite "SELECT m.name, group_concat(f.\"from\", ','), f.\"table\" || '(' || group_concat(f.\"to\", ',') || ')',
             'on delete ' || lower(f.on_delete), 'on update ' || lower(f.on_update)
      FROM sqlite_schema m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'
      GROUP BY m.name, f.id" | sort >"$work/lite.fks"
# shellcheck disable=SC2059
pg "SELECT t.relname, $(printf "$pg_cols" c.conkey c.conrelid),
           r.relname || '(' || $(printf "$pg_cols" c.confkey c.confrelid) || ')',
           'on delete ' || CASE c.confdeltype WHEN 'a' THEN 'no action' WHEN 'r' THEN 'restrict'
             WHEN 'c' THEN 'cascade' WHEN 'n' THEN 'set null' ELSE 'set default' END,
           'on update ' || CASE c.confupdtype WHEN 'a' THEN 'no action' WHEN 'r' THEN 'restrict'
             WHEN 'c' THEN 'cascade' WHEN 'n' THEN 'set null' ELSE 'set default' END
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = 'public' AND c.contype = 'f'" | sort >"$work/pg.fks"

# ---- checks: table|N CHECK constraints (SQLite keeps them only in the table's text)
for t in $lite_tables; do
  n=$(lite "SELECT sql FROM sqlite_schema WHERE name = '$t'" | grep -o 'CHECK *(' | wc -l || true)
  ((n == 0)) || echo "$t|$n checks"
done | sort >"$work/lite.checks"
pg "SELECT t.relname, count(*) || ' checks' FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = 'public' AND c.contype = 'c' GROUP BY t.relname" | sort >"$work/pg.checks"

# ---- indexes: table|name|cols|unique or not|condition of a partial index
norm_cond() { sed -E 's/[()]//g; s/  +/ /g'; }
{
  lite "SELECT m.tbl_name, m.name,
               (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info(m.name) ORDER BY seqno)),
               CASE WHEN l.\"unique\" OR (SELECT group_concat(name, ',') FROM pragma_index_info(m.name)) =
                         (SELECT name FROM pragma_table_info(m.tbl_name) WHERE pk = 1 AND lower(type) = 'integer')
                    THEN 'unique' ELSE '' END,
               CASE WHEN l.partial THEN 'where ' || replace(substr(m.sql, instr(m.sql, ' WHERE ') + 7), char(10), ' ')
                    ELSE '' END
        FROM sqlite_schema m JOIN pragma_index_list(m.tbl_name) l ON l.name = m.name
        WHERE m.type = 'index' AND m.sql IS NOT NULL AND m.tbl_name NOT IN ($shadow, 'search')"
  echo 'search_docs|search_docs_tsv|tsv|gin|' # 1.
} | norm_cond | sed -E 's/ +\|/|/g; s/\| +/|/g; s/ +$//' | sort >"$work/lite.idx"
# shellcheck disable=SC2059
pg "SELECT t.relname, i.relname, $(printf "$pg_cols" ix.indkey t.oid),
           CASE WHEN am.amname <> 'btree' THEN am.amname WHEN ix.indisunique THEN 'unique' ELSE '' END,
           CASE WHEN ix.indpred IS NOT NULL THEN 'where ' || pg_get_expr(ix.indpred, ix.indrelid) ELSE '' END
    FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
    JOIN pg_am am ON am.oid = i.relam JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = 'public'
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid
                      AND (c.contype = 'u' OR c.conname = t.relname || '_pkey'))" |
  norm_cond | sort >"$work/pg.idx"

# ---- triggers: table|name|timing event|per row
# (SQLite's triggers are all FOR EACH ROW; BEFORE is the default timing)
lite "SELECT tbl_name, name, replace(sql, char(10), ' ') FROM sqlite_schema WHERE type = 'trigger'" |
  sed -E 's/^([^|]*)\|([^|]*)\|CREATE +TRIGGER +[^ ]+ +(BEFORE +|AFTER +|INSTEAD OF +)?(INSERT|UPDATE|DELETE).*/\1|\2|\3\4|row/;
          s/\|(INSERT|UPDATE|DELETE)\|row$/|BEFORE \1|row/; s/ +\|/|/g' | sort >"$work/lite.trg"
pg "SELECT event_object_table, trigger_name, action_timing || ' ' || event_manipulation,
           lower(action_orientation)
    FROM information_schema.triggers WHERE trigger_schema = 'public'" |
  grep -vx 'meta|meta_version_announced|AFTER UPDATE|row' | sort >"$work/pg.trg" # 6.

# ---- rows: every row of every table (a fresh database holds only the seed rows), but the
# records the program writes into a new database (entity.seed: the incident categories, the
# bulletin's categories) and
# their search entries: written by the same code on both engines, their name's sort key is a
# BLOB in one and a bytea in the other, and SQLite's search text lives in its FTS5 table
# (the e2e suite reads them on both engines through the API).
seeded='incident_categories bulletin_categories search_docs'
{
  for t in $lite_tables; do in_list "$t" $seeded || lite "SELECT '$t', * FROM \"$t\""; done
  echo 'schema_info|ngoaivu|1' # 2.
} | sed -E 's/[0-9]+/N/g' | sort >"$work/lite.rows"
rows=()
for t in $pg_tables; do in_list "$t" $seeded || rows+=(-c "SELECT '$t', * FROM \"$t\""); done
psql -X -q -A -t -F '|' -v ON_ERROR_STOP=1 "${rows[@]}" </dev/null | sed -E 's/[0-9]+/N/g' | sort >"$work/pg.rows"

# ---- the comparison
status=0
compare() { # NAME: prints the differences between $work/lite.NAME and $work/pg.NAME
  local n
  n=$(wc -l <"$work/lite.$1")
  if diff -q "$work/lite.$1" "$work/pg.$1" >/dev/null; then
    printf 'ok    %-13s %4d the same\n' "$2" "$n"
  else
    printf 'DIFF  %-13s (- SQLite, as the schema should have it; + PostgreSQL)\n' "$2"
    { diff "$work/lite.$1" "$work/pg.$1" || true; } | grep '^[<>]' | sed 's/^</  -/; s/^>/  +/'
    status=1
  fi
}

echo "pg-schema-check: ${1:-the PostgreSQL migrations (ngoaivu init)} against a fresh SQLite database (schema version $(lite 'PRAGMA user_version'))"
for t in "${lite_list[@]}"; do in_list "$t" "${pg_list[@]}" || { echo "DIFF  table $t: not in PostgreSQL"; status=1; }; done
for t in "${pg_list[@]}"; do
  in_list "$t" "${lite_list[@]}" schema_info || { echo "DIFF  table $t: not in SQLite"; status=1; }
done
printf 'ok    %-13s %4d in SQLite (FTS5 search merged into search_docs), %d in PostgreSQL (+ schema_info)\n' \
  tables "${#lite_list[@]}" "${#pg_list[@]}"
# per table: the columns' names and count
for t in "${pg_list[@]}"; do
  l=$(awk -F'|' -v t="$t" '$1 == t { printf "%s ", $2 }' "$work/lite.cols")
  p=$(awk -F'|' -v t="$t" '$1 == t { printf "%s ", $2 }' "$work/pg.cols")
  if [[ $l != "$p" ]]; then
    echo "DIFF  $t columns: SQLite ($(wc -w <<<"$l")) $l/ PostgreSQL ($(wc -w <<<"$p")) $p"
    status=1
  fi
done
compare cols columns
compare keys keys
compare fks "foreign keys"
compare checks checks
compare idx indexes
compare trg triggers
compare rows "seed rows"
if ((status)); then echo "pg-schema-check: differences"; else echo "pg-schema-check: the same"; fi
exit $status
