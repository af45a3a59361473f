#!/usr/bin/env bash
# Makes sure the PostgreSQL the tests use answers; starts the local cluster if it is down.
set -euo pipefail
url="${TACIT_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if command -v pg_isready >/dev/null && pg_isready -q -d "$url"; then
  echo "PostgreSQL ready at ${url%%\?*}"
  exit 0
fi
if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
  echo "PostgreSQL not answering; starting the local cluster"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  for _ in $(seq 1 30); do
    pg_isready -q -d "$url" && { echo "PostgreSQL ready"; exit 0; }
    sleep 1
  done
fi
if [ "${CI:-}" = "true" ]; then
  echo "error: PostgreSQL is not reachable at $url and CI=true: the PostgreSQL half of the suite cannot run" >&2
  exit 1
fi
echo "warning: PostgreSQL is not reachable at $url; PostgreSQL tests will be skipped (set CI=true to fail instead)" >&2
