#!/usr/bin/env bash
# Load from a second process: wrk (Debian's package) against a running
# `tacit serve`, asking `experts` questions as a signed-in employee.
#
#   scripts/load/run.sh <database-url> <http://host:port> [clients] [seconds]
#
# The questions are those `tacit bench --export DIR` writes (queries.jsonl);
# a read-only employee token is created for them (for $TACIT_PERSON when
# set) and revoked at the end. Prints wrk's figures: throughput and latency
# percentiles.
#
# One token sends every request, so start the server with its per-credential
# rate limit out of the way, or most answers are 429s (the script's last
# line counts them):
#   tacit --database-url <url> serve --rate-limit-per-minute 100000000
set -euo pipefail
db=${1:?database url}
url=${2:?server url, e.g. http://127.0.0.1:8080}
clients=${3:-8}
seconds=${4:-30}
tacit=${TACIT_BIN:-target/release/tacit}
questions=${TACIT_QUESTIONS_FROM:?set TACIT_QUESTIONS_FROM to a queries.jsonl from tacit bench --export}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# One GraphQL body per question, the same query tacit bench sends.
python3 - "$questions" > "$work/bodies.jsonl" <<'PY'
import json, sys
query = "query($q: String!) { experts(query: $q, first: 10) { score explanation localTime person { name title } office { name } } }"
for line in open(sys.argv[1]):
    q = json.loads(line)["query"]
    print(json.dumps({"query": query, "variables": {"q": q}}))
PY
created=$("$tacit" --database-url "$db" token create --name load --role employee --scope read --expires-days 1 ${TACIT_PERSON:+--person "$TACIT_PERSON"} 2>&1)
token=$(tail -1 <<<"$created")
token_id=$(grep -o 'tok-[0-9a-f]*' <<<"$created" | head -1)
trap '"$tacit" --database-url "$db" token revoke "$token_id" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
TACIT_TOKEN="$token" TACIT_QUESTIONS="$work/bodies.jsonl" \
  wrk -t 2 -c "$clients" -d "${seconds}s" --latency -s "$here/experts.lua" "$url"
