#!/usr/bin/env bash
# Fuzz the GraphQL API: start `tacit serve` on a fresh demo database and run
# scripts/fuzz-graphql.py (schemathesis, from schema/schema.graphql) against it.
# Fails on any 5xx, on a server that dies, or on too many 429s.
#
#   TACIT_BIN     server binary (default target/debug/tacit); this script builds nothing
#   FUZZ_NO_AUTH  1: go on without a token when `tacit token create` is not available
#   FUZZ_*        passed to the fuzzer (FUZZ_REQUESTS, FUZZ_SEED, ...; see fuzz-graphql.py)
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
VENV=target/fuzz-venv
PYTHON=${PYTHON:-python3}
TACIT_BIN=${TACIT_BIN:-target/debug/tacit}
READY_TIMEOUT=60

say() { echo "fuzz-graphql: $*" >&2; }

if [ ! -x "$TACIT_BIN" ]; then
  say "ERROR: $TACIT_BIN is not an executable; build it first (cargo build --bin tacit) or set TACIT_BIN"
  exit 1
fi
TACIT_BIN=$(cd "$(dirname "$TACIT_BIN")" && pwd)/$(basename "$TACIT_BIN")

# The virtualenv, with exactly the schemathesis version this script was tested with.
installed=""
if [ -x "$VENV/bin/python" ]; then
  installed=$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("schemathesis"))' 2>/dev/null || true)
fi
if [ "$installed" != "$SCHEMATHESIS_VERSION" ]; then
  say "installing schemathesis $SCHEMATHESIS_VERSION into $VENV"
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/tacit-fuzz.XXXXXX")
SERVER_PID=""
DB="sqlite://$TMP/t.db"
LOG="$TMP/server.log"

stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
cleanup() {
  stop_server
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Errors and panics from the server log, plus its last lines: where a 5xx comes from.
show_server_log() {
  mkdir -p target
  cp "$LOG" target/fuzz-server.log 2>/dev/null || return 0
  say "server log (full copy in target/fuzz-server.log), errors and last lines:"
  grep -E 'panicked|ERROR' "$LOG" | head -n 40 >&2 || true
  echo "..." >&2
  tail -n 20 "$LOG" >&2 || true
}

say "loading the demo organisation into $DB"
if ! "$TACIT_BIN" --database-url "$DB" demo --people 300 >"$TMP/demo.log" 2>&1; then
  cat "$TMP/demo.log" >&2
  say "ERROR: tacit demo failed"
  exit 1
fi

# The same organisation as import files: the fuzzer draws real ids and texts from them.
if ! "$TACIT_BIN" --database-url "$DB" demo --people 300 --out "$TMP/demo-files" >"$TMP/demo-files.log" 2>&1; then
  say "note: tacit demo --out failed; fuzzing with the ids the API lists only"
fi

# An admin token, made before the server starts so nothing else writes to the database.
TOKEN=""
if token_out=$("$TACIT_BIN" --database-url "$DB" token create --role admin --name fuzz 2>"$TMP/token.err"); then
  TOKEN=$(printf '%s\n' "$token_out" | awk 'NF { line = $0 } END { print line }' | tr -d '[:space:]')
fi
if [ -z "$TOKEN" ]; then
  if [ "${FUZZ_NO_AUTH:-}" = "1" ]; then
    say "no token (tacit token create: $(head -n 1 "$TMP/token.err")); FUZZ_NO_AUTH=1, so going on without one"
  else
    cat "$TMP/token.err" >&2
    say "ERROR: could not create an admin token with 'tacit token create' (set FUZZ_NO_AUTH=1 to fuzz without one)"
    exit 1
  fi
fi

PORT=$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
SERVE_ARGS=(--listen "127.0.0.1:$PORT")
serve_help=$("$TACIT_BIN" serve --help 2>&1 || true)
if [[ $serve_help == *--rate-limit-per-minute* ]]; then
  SERVE_ARGS+=(--rate-limit-per-minute 1000000)
fi
URL="http://127.0.0.1:$PORT"

say "starting $TACIT_BIN serve ${SERVE_ARGS[*]}"
"$TACIT_BIN" --database-url "$DB" serve "${SERVE_ARGS[@]}" >"$LOG" 2>&1 &
SERVER_PID=$!

ready=0
deadline=$((SECONDS + READY_TIMEOUT))
while [ "$SECONDS" -lt "$deadline" ]; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    show_server_log
    say "ERROR: the server exited before it was ready"
    exit 1
  fi
  if "$VENV/bin/python" - "$URL/readyz" <<'EOF' 2>/dev/null; then
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=2) as r:
    sys.exit(0 if r.status == 200 else 1)
EOF
    ready=1
    break
  fi
  sleep 0.25
done
if [ "$ready" != 1 ]; then
  show_server_log
  say "ERROR: $URL/readyz did not answer 200 within ${READY_TIMEOUT}s"
  exit 1
fi
say "server ready at $URL"

rc=0
TACIT_URL="$URL" TACIT_TOKEN="$TOKEN" FUZZ_DEMO_DIR="$TMP/demo-files" "$VENV/bin/python" scripts/fuzz-graphql.py || rc=$?

if ! kill -0 "$SERVER_PID" 2>/dev/null; then
  server_rc=0
  wait "$SERVER_PID" || server_rc=$?
  SERVER_PID=""
  say "ERROR: the server died during the run (exit status $server_rc)"
  [ "$rc" -ne 0 ] || rc=1
fi
if [ "$rc" -ne 0 ]; then
  show_server_log
fi
stop_server
if [ "$rc" -eq 0 ]; then
  say "passed"
else
  say "FAILED (exit status $rc)"
fi
exit "$rc"
