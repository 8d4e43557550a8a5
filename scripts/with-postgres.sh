#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL server of its own:
#
#   scripts/with-postgres.sh .venv/bin/pytest
#
# The server gets a fresh data directory and a free port on 127.0.0.1, runs
# with fsync off (tests need speed, not durability), is reachable as
# $DATABASE_URL inside the command, and is stopped and deleted afterwards.
#
# Why not Debian's `main` cluster: its state outlives us. A machine restored
# from a snapshot keeps a postmaster.pid whose PID may belong to another live
# process, and then the cluster refuses to start. A cluster we create and
# delete ourselves has no history to trip over.
set -euo pipefail

[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARG...]" >&2; exit 64; }

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] && [ -x "$bindir/initdb" ] || {
  echo "PostgreSQL server binaries not found under /usr/lib/postgresql; run scripts/install-system-deps.sh" >&2
  exit 1
}

# initdb refuses to run as root, so root runs the server as `postgres`.
run=()
[ "$(id -u)" -ne 0 ] || run=(runuser -u postgres --)

datadir=$(mktemp -d "${TMPDIR:-/tmp}/prensa-postgres.XXXXXX")
[ "$(id -u)" -ne 0 ] || chown postgres: "$datadir"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

stop() {
  "${run[@]}" "$bindir/pg_ctl" -D "$datadir" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$datadir"
}
trap stop EXIT

"${run[@]}" "$bindir/initdb" -D "$datadir" -U prensa --auth=trust -E UTF8 --locale=C.UTF-8 >"$datadir.initdb.log" 2>&1 || {
  cat "$datadir.initdb.log" >&2
  rm -f "$datadir.initdb.log"
  exit 1
}
rm -f "$datadir.initdb.log"

options="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$datadir"
options+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
"${run[@]}" "$bindir/pg_ctl" -D "$datadir" -l "$datadir/server.log" -o "$options" -w -t 60 start >/dev/null || {
  echo "PostgreSQL did not start:" >&2
  cat "$datadir/server.log" >&2 || true
  exit 1
}

"${run[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U prensa prensa

export DATABASE_URL="postgres://prensa@127.0.0.1:$port/prensa"
"$@"
