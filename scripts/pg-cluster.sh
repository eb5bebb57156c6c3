#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: fast to make, gone without a trace.
#
#   eval "$(bash scripts/pg-cluster.sh start DIR)"     start one in DIR (made if missing)
#   bash scripts/pg-cluster.sh stop DIR                stop it and remove DIR
#
# `start` prints, on stdout and nothing else, the lines to eval:
#
#   export PGHOST=127.0.0.1
#   export PGPORT=<a free port>
#   export PGUSER=ngoaivu
#   export PGDATABASE=ngoaivu_test
#   export NGOAIVU_PG_URI=postgres://ngoaivu@127.0.0.1:<port>/ngoaivu_test
#
# so that psql, libpq (PQconnectdb("")) and the program (NGOAIVU_PG_URI) reach the database
# `ngoaivu_test`, owned by the role `ngoaivu` (LOGIN, CREATEDB: a test may make databases of
# its own; not a superuser, like the program's role in production). The superuser is
# `postgres`. Progress and errors go to stderr. `start` on a DIR whose cluster is running
# prints the same lines again; a DIR left by a cluster that no longer runs is made again.
#
# The cluster: initdb (UTF8, locale C) in DIR/data, --auth=trust for connections from
# 127.0.0.1 and the unix socket only, listen_addresses='127.0.0.1', the unix socket in
# DIR/run, log in DIR/postgres.log, fsync, synchronous_commit and full_page_writes off (a
# crash loses it: it is a test cluster). PostgreSQL refuses to run as root: as root (CI),
# the server runs as the system user `ngoaivu-test` (made with useradd --system if missing;
# it owns DIR), otherwise as the calling user. Installs nothing: scripts/install-deps.sh
# installs postgresql-15. The binaries are taken from PG_BINDIR, else Debian's
# /usr/lib/postgresql/15/bin (not on PATH), else the newest /usr/lib/postgresql/*/bin,
# else PATH. Works without stdin or terminal. DIR's parents must be searchable by that
# user (/tmp is; /root is not).
set -euo pipefail

TEST_USER=ngoaivu-test
MARK=.ngoaivu-pg-cluster # the file that says DIR is one of ours (stop removes only those)

die() { echo "pg-cluster: $*" >&2; exit 1; }
say() { echo "pg-cluster: $*" >&2; }

usage() { die "usage: $0 start DIR | stop DIR"; }
[[ $# -eq 2 ]] || usage
cmd=$1
dir=$(realpath -m -- "$2")
[[ $dir != / ]] || die "refusing DIR /"

bindir() {
  if [[ -n ${PG_BINDIR:-} ]]; then echo "$PG_BINDIR"; return; fi
  if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then echo /usr/lib/postgresql/15/bin; return; fi
  local d
  d=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -1)
  if [[ -n $d && -x $d/initdb ]]; then echo "$d"; return; fi
  d=$(command -v initdb 2>/dev/null || true)
  [[ -n $d ]] || die "no initdb (PostgreSQL server): run scripts/install-deps.sh"
  dirname "$d"
}
BIN=$(bindir)

# as_user CMD...: runs CMD as the cluster's owner (the test user when we are root)
RUN_AS=$TEST_USER # stop: the owner of the cluster's files, whoever made them
if [[ $(id -u) -eq 0 ]]; then
  as_user() { runuser -u "$RUN_AS" -- "$@" </dev/null; }
else
  as_user() { "$@" </dev/null; }
fi

# write FILE [>>]: stdin into FILE (appended with >>), the file keeping its owner and mode
write() {
  if [[ ${2:-} == '>>' ]]; then cat >>"$1"; else cat >"$1"; fi
}

ensure_user() {
  [[ $(id -u) -eq 0 ]] || return 0
  id -u "$TEST_USER" >/dev/null 2>&1 && return 0
  # another run may make it at the same moment: only a user still missing is an error
  useradd --system --user-group --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin --comment "ngoaivu test clusters" "$TEST_USER" 2>/dev/null ||
    id -u "$TEST_USER" >/dev/null 2>&1 || die "could not create the user $TEST_USER"
}

running() { [[ -f $dir/data/postmaster.pid ]] && as_user "$BIN/pg_ctl" status -D "$dir/data" >/dev/null 2>&1; }

print_env() {
  local port
  port=$(cat "$dir/port")
  cat <<EOF
export PGHOST=127.0.0.1
export PGPORT=$port
export PGUSER=ngoaivu
export PGDATABASE=ngoaivu_test
export NGOAIVU_PG_URI=postgres://ngoaivu@127.0.0.1:$port/ngoaivu_test
EOF
}

# A port nobody listens on now (the kernel's choice; start tries again should another
# process take it before the server binds it).
free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
  else
    local p
    while :; do
      p=$((20000 + RANDOM % 30000))
      (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
    done
  fi
}

start() {
  ensure_user
  if [[ -f $dir/$MARK ]]; then
    if running; then print_env; return; fi
    say "$dir: a cluster that no longer runs; making it again"
    rm -rf -- "$dir"
  elif [[ -e $dir && -n $(ls -A -- "$dir" 2>/dev/null) ]]; then
    die "$dir exists and is not empty (and not a cluster of this script)"
  fi
  mkdir -p -- "$dir"
  touch "$dir/$MARK"
  # a start that fails leaves nothing behind: no server, no DIR
  trap 'if (($? != 0)); then stop >/dev/null 2>&1 || true; fi' EXIT
  # the socket's path must fit in sun_path (107 bytes)
  ((${#dir} + 24 < 107)) || die "$dir is too long for a unix socket path"
  if [[ $(id -u) -eq 0 ]]; then
    chown "$TEST_USER:" "$dir"
    chmod 700 "$dir"
    as_user test -x "$dir" || die "$TEST_USER cannot reach $dir (its parents must be searchable)"
  fi
  cd "$dir" # the server's user may not be able to read the caller's directory

  as_user mkdir -p "$dir/run"
  as_user "$BIN/initdb" -D "$dir/data" --username=postgres --auth=trust --encoding=UTF8 \
    --locale=C --no-sync --no-instructions >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  write "$dir/data/pg_hba.conf" <<'EOF'
# ngoaivu test cluster: no passwords, and only from this machine
local   all  all                trust
host    all  all  127.0.0.1/32  trust
EOF

  local port tries=0
  while :; do
    port=$(free_port)
    write "$dir/data/postgresql.conf" '>>' <<EOF

# ngoaivu test cluster (scripts/pg-cluster.sh)
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/run'
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
EOF
    if as_user "$BIN/pg_ctl" start -w -t 30 -D "$dir/data" -l "$dir/postgres.log" >/dev/null; then
      break
    fi
    tries=$((tries + 1))
    if ((tries >= 3)) || ! grep -q 'could not bind\|Address already in use' "$dir/postgres.log" 2>/dev/null; then
      tail -20 "$dir/postgres.log" >&2 || true
      die "the server did not start (log: $dir/postgres.log)"
    fi
    say "port $port was taken; trying another"
  done
  echo "$port" >"$dir/port"

  "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir/run" -p "$port" -U postgres -d postgres \
    -c "CREATE ROLE ngoaivu LOGIN CREATEDB" \
    -c "CREATE DATABASE ngoaivu_test OWNER ngoaivu" </dev/null >&2 ||
    die "could not create the role and the database"
  say "running on 127.0.0.1:$port ($dir)"
  print_env
  trap - EXIT
}

stop() {
  [[ -e $dir ]] || return 0
  [[ -f $dir/$MARK ]] || die "$dir is not a cluster of this script; left alone"
  if [[ -f $dir/data/postmaster.pid ]]; then
    cd "$dir"
    RUN_AS=$(stat -c %U "$dir/data")
    local pid i
    pid=$(head -1 "$dir/data/postmaster.pid")
    if ! as_user "$BIN/pg_ctl" stop -D "$dir/data" -m fast -w -t 30 >/dev/null 2>&1; then
      ! running || die "the server in $dir did not stop"
    fi
    # pg_ctl returns once the pid file is gone, a moment before the server's last exit (a
    # zombie has exited: only its parent's wait is missing)
    for ((i = 0; i < 50; i++)); do
      [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/stat ]] || break
      [[ $(sed -E 's/^.*\) (.).*/\1/' "/proc/$pid/stat" 2>/dev/null) != Z ]] || break
      sleep 0.1
    done
  fi
  rm -rf -- "$dir"
}

case $cmd in
start) start ;;
stop) stop ;;
*) usage ;;
esac
