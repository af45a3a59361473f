-- wrk script: POSTs `experts` searches to /graphql, cycling through the
-- questions in $TACIT_QUESTIONS (one JSON request body per line, as
-- scripts/load/run.sh writes them), signed in with $TACIT_TOKEN.
-- Counts any response that is not 200 or that carries "errors" as an error.

local bodies = {}
local token = os.getenv("TACIT_TOKEN") or ""
local file = os.getenv("TACIT_QUESTIONS") or "questions.jsonl"

for line in io.lines(file) do
  if #line > 0 then
    bodies[#bodies + 1] = line
  end
end

local n = 0
failed = 0 -- global: done() reads it from each thread

local threads = {}

function setup(thread)
  thread:set("offset", math.random(#bodies))
  table.insert(threads, thread)
end

function request()
  n = n + 1
  local body = bodies[((offset + n) % #bodies) + 1]
  return wrk.format("POST", "/graphql", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }, body)
end

function response(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) then
    failed = failed + 1
  end
end

function done(summary, latency, requests)
  local answered_with_errors = 0
  for _, thread in ipairs(threads) do
    answered_with_errors = answered_with_errors + (thread:get("failed") or 0)
  end
  io.write(string.format(
    "requests %d, %.0f/s; latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; non-2xx or socket errors %d; answers with errors (any status) %d\n",
    summary.requests,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1e3,
    latency:percentile(90) / 1e3,
    latency:percentile(99) / 1e3,
    latency.max / 1e3,
    (summary.errors.status or 0) + (summary.errors.connect or 0) + (summary.errors.read or 0)
      + (summary.errors.write or 0) + (summary.errors.timeout or 0),
    answered_with_errors
  ))
end
