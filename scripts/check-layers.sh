#!/usr/bin/env bash
# Layer rules that a compiler cannot check: SQL and sqlx live only in src/store/.
set -euo pipefail
cd "$(dirname "$0")/.."
bad=$(grep -rnE '"(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|CREATE TABLE) |sqlx::' src --include='*.rs' | grep -v '^src/store/' || true)
if [ -n "$bad" ]; then
  echo "error: SQL or sqlx outside src/store/:" >&2
  echo "$bad" >&2
  exit 1
fi
echo "layers: no SQL outside src/store/"
