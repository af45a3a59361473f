#!/usr/bin/env bash
# Fails unless the integration suite ran on both backends (and, with CI=true, skipped nothing).
set -euo pipefail
log="$1"
sqlite=$(grep -cE '^test [a-z0-9_]+::sqlite \.\.\. ok$' "$log" || true)
postgres=$(grep -cE '^test [a-z0-9_]+::postgres \.\.\. ok$' "$log" || true)
echo "integration tests passed: ${sqlite} on SQLite, ${postgres} on PostgreSQL"
if [ "$sqlite" -eq 0 ]; then echo "error: no SQLite integration test ran" >&2; exit 1; fi
# With CI=true an unreachable PostgreSQL fails each test instead of skipping it.
if [ "${CI:-}" = "true" ] && [ "$postgres" -ne "$sqlite" ]; then
  echo "error: with CI=true every integration test must pass on PostgreSQL too" >&2
  exit 1
fi
