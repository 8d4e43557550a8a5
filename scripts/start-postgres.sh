#!/usr/bin/env bash
# Start the local PostgreSQL cluster (no systemd needed) and make sure the
# `prensa` role exists with CREATEDB, so Django can create its test database.
# Prints the DATABASE_URL to use.
set -euo pipefail

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
as_postgres() { $sudo runuser -u postgres -- "$@"; }

version=$(pg_lsclusters -h | awk '$2=="main" {print $1; exit}')
if [ -z "$version" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  $sudo pg_createcluster "$version" main >/dev/null
fi
$sudo install -d -o postgres -g postgres -m 2775 /var/run/postgresql
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  $sudo pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 100); do
  pg_isready -q -h /var/run/postgresql && break
  sleep 0.2
done
pg_isready -q -h /var/run/postgresql || { echo "PostgreSQL did not start" >&2; exit 1; }

if ! as_postgres psql -qtA -c "SELECT 1 FROM pg_roles WHERE rolname='prensa'" | grep -q 1; then
  as_postgres psql -q -c "CREATE ROLE prensa LOGIN CREATEDB PASSWORD 'prensa'"
fi
port=$(as_postgres psql -qtA -c "SHOW port")
echo "postgres://prensa:prensa@127.0.0.1:${port}/prensa"
