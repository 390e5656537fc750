#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster (creating one if needed) and a `driftwatch` role owning `driftwatch_test`.
# Used by .ci/run; safe to run again.
set -euo pipefail
cluster="$(pg_lsclusters --no-header 2>/dev/null | awk 'NR==1 {print $1" "$2}')"
if [ -z "$cluster" ]; then
  ver="$(ls /usr/lib/postgresql | sort -n | tail -1)"
  pg_createcluster "$ver" main >/dev/null
  cluster="$ver main"
fi
# shellcheck disable=SC2086
pg_ctlcluster $cluster start 2>/dev/null || true
for _ in $(seq 1 30); do
  su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -qtAc \"select 1 from pg_roles where rolname='driftwatch'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"create role driftwatch login password 'driftwatch' createdb\""
su postgres -c "psql -qtAc \"select 1 from pg_database where datname='driftwatch_test'\"" | grep -q 1 ||
  su postgres -c "psql -qc 'create database driftwatch_test owner driftwatch'"
echo "ci: PostgreSQL is up ($cluster)"
