#!/usr/bin/env python3
"""Fuzz Tacit's GraphQL endpoint with schemathesis, generated from the checked-in SDL.

The schema is read from schema/schema.graphql (never by introspection, which a
production server turns off).  Every Query and Mutation field gets an equal share
of the request budget; most cases are valid GraphQL (positive), some are invalid
on purpose (negative), so both the resolvers and the validator are exercised.

Fails (exit 1) when any response is a 5xx, when a request cannot be sent (the
server died or hung), or when more than FUZZ_MAX_429_PERCENT of the answers are
429 (rate limiting left on in the test server).  Prints the request count and
the status-code histogram at the end either way.

Environment:
  TACIT_URL              server base URL (default http://127.0.0.1:8080); requests go to $TACIT_URL/graphql
  TACIT_TOKEN            sent as `Authorization: Bearer $TACIT_TOKEN` when set
  FUZZ_REQUESTS          minimum number of generated requests (default 2000)
  FUZZ_NEGATIVE_PERCENT  share of each operation's budget spent on invalid documents (default 15)
  FUZZ_SEED              seed for a reproducible run (default: random, printed)
  FUZZ_MAX_429_PERCENT   tolerated share of 429 answers (default 3)
  FUZZ_TIMEOUT           seconds to wait for one response (default 60; the server times out at 30)
  FUZZ_SCHEMA            SDL file (default schema/schema.graphql next to this script's parent)
  FUZZ_DEMO_DIR          `tacit demo --out` files of the loaded organisation: more real ids and texts

Run it through scripts/fuzz-graphql.sh (`make test-fuzz`), which installs the pinned
schemathesis, starts a server on a fresh demo database and passes the token.
"""

from __future__ import annotations

import base64
import json
import math
import os
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode
from schemathesis.graphql import nodes

ROOT = Path(__file__).resolve().parent.parent
INTERESTING_STRINGS = [
    "", " ", "%", "_", "%_%", "'", '"', "\\", "\x00", "e1001", "document", "answer", "question", "report",
    "GB", "HK", "AU", "gb", "XX", "UK", "United Kingdom", "Europe/London", "Asia/Hong_Kong", "Australia/Sydney",
    "UTC", "Etc/GMT+12", "Mars/Olympus", "+05:30", "someone@example.org", "not-an-email", "a@b", "records retention",
    "python", "Rust", "SQL", "data", "DROP TABLE people; --", "' OR '1'='1", "\u202e", "😀", "\r\n", "ǅ", "İ", "ß",
]
# Request bodies printed per kind of failure, so a broken server does not flood the log.
MAX_REPORTED = 10


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        sys.exit(f"fuzz: {name}={raw!r} is not an integer")


BASE_URL = os.environ.get("TACIT_URL", "http://127.0.0.1:8080").rstrip("/")
ENDPOINT = f"{BASE_URL}/graphql"
TOKEN = os.environ.get("TACIT_TOKEN", "").strip()
TARGET = env_int("FUZZ_REQUESTS", 2000)
NEGATIVE_PERCENT = min(max(env_int("FUZZ_NEGATIVE_PERCENT", 15), 0), 100)
SEED = env_int("FUZZ_SEED", random.SystemRandom().randrange(2**31))
MAX_429_PERCENT = env_int("FUZZ_MAX_429_PERCENT", 3)
TIMEOUT = env_int("FUZZ_TIMEOUT", 60)
DEMO_DIR = os.environ.get("FUZZ_DEMO_DIR", "").strip()
SCHEMA_PATH = Path(os.environ.get("FUZZ_SCHEMA", ROOT / "schema" / "schema.graphql"))
HEADERS = {"Authorization": f"Bearer {TOKEN}"} if TOKEN else {}


@dataclass
class Failure:
    label: str
    what: str
    query: str
    detail: str


@dataclass
class Stats:
    sent: int = 0
    seed_queries: int = 0
    statuses: Counter = field(default_factory=Counter)
    per_operation: Counter = field(default_factory=Counter)
    per_operation_outcomes: dict[str, Counter] = field(default_factory=dict)
    # GraphQL `extensions.code` of the first error, or "data" for an answer without errors.
    outcomes: Counter = field(default_factory=Counter)
    rate_limited: int = 0
    server_errors: list[Failure] = field(default_factory=list)
    internal_errors: list[Failure] = field(default_factory=list)
    transport_error: Failure | None = None


STATS = Stats()
SESSION = requests.Session()


def error_codes(response) -> list[str] | None:
    """`extensions.code` of each GraphQL error ("" when absent), or None when the body is not JSON."""
    try:
        payload = response.json()
    except ValueError:
        return None
    if not isinstance(payload, dict):
        return None
    errors = payload.get("errors") or []
    if not isinstance(errors, list):
        return [""]
    return [str(((e.get("extensions") or {}) if isinstance(e, dict) else {}).get("code") or "") for e in errors]


def outcome_of(codes: list[str] | None) -> str:
    if codes is None:
        return "not-json"
    if not codes:
        return "data"
    return codes[0] or "no code (parse/validation)"


def record(label: str, query: str, response) -> None:
    status = response.status_code
    STATS.sent += 1
    STATS.statuses[status] += 1
    STATS.per_operation[label] += 1
    if status == 429:
        STATS.rate_limited += 1
        return
    codes = error_codes(response)
    outcome = outcome_of(codes)
    STATS.outcomes[outcome] += 1
    STATS.per_operation_outcomes.setdefault(label, Counter())[outcome] += 1
    if status >= 500:
        STATS.server_errors.append(Failure(label, f"HTTP {status}", query, response.text[:500]))
    elif codes and "INTERNAL" in codes:
        # A resolver hit a database error: answered 200, but still a server-side bug.
        STATS.internal_errors.append(Failure(label, "GraphQL error INTERNAL", query, response.text[:500]))


def post_plain(query: str) -> dict:
    """A hand-written query (to learn real ids), counted like the generated ones."""
    try:
        response = SESSION.post(ENDPOINT, json={"query": query}, headers=HEADERS, timeout=TIMEOUT)
    except requests.RequestException as exc:
        STATS.transport_error = Failure("seed", type(exc).__name__, query, str(exc))
        return {}
    record("seed", query, response)
    STATS.seed_queries += 1
    try:
        payload = response.json()
    except ValueError:
        return {}
    return (payload.get("data") or {}) if isinstance(payload, dict) else {}


def learn_ids() -> dict[str, list[str]]:
    """Real global and external ids from the demo data, so that generated arguments
    reach past "not found" into the resolvers and mutations."""
    found: dict[str, list[str]] = {}
    query = """{
      people(first: 100) { edges { cursor node { id externalId name timezone } } }
      offices { id externalId name timezone }
      skills(first: 100) { edges { cursor node { id externalId name } } }
      communities(first: 50) { edges { cursor node { id externalId name } } }
      evidence(first: 50) { edges { cursor node { id externalId kind } } }
    }"""
    data = post_plain(query)
    for key in ("people", "offices", "skills", "communities", "evidence"):
        value = data.get(key)
        rows = value.get("edges", []) if isinstance(value, dict) else [{"node": row} for row in value or []]
        for row in rows:
            node = row.get("node") if isinstance(row, dict) else None
            if not isinstance(node, dict) or not node.get("id") or not node.get("externalId"):
                continue
            found.setdefault("global", []).append(node["id"])
            found.setdefault("external", []).append(node["externalId"])
            if row.get("cursor"):
                found.setdefault("strings", []).append(row["cursor"])
            found.setdefault("strings", []).extend(
                str(node[k]) for k in ("name", "timezone", "kind") if node.get(k)
            )
    return found


# Scalars schemathesis generates by itself (see its GraphQL custom scalars guide).
SCHEMATHESIS_SCALARS = {"Date", "Time", "DateTime", "IP", "IPv4", "IPv6", "BigInt", "Long", "UUID"}
REGISTERED: set[str] = set()


def register(name: str, strategy) -> None:
    schemathesis.graphql.scalar(name, strategy)
    REGISTERED.add(name)


def global_id(kind: str, external: str) -> str:
    """The server's global id format: base64url of `Kind:external-id`, unpadded."""
    return base64.urlsafe_b64encode(f"{kind}:{external}".encode()).decode().rstrip("=")


def read_demo_files(found: dict[str, list[str]]) -> int:
    """Ids and texts from the import files of the same demo organisation (the API
    may refuse to list things to this token; the files do not)."""
    if not DEMO_DIR:
        return 0
    before = len(found.get("global", []))
    files = {"people": "Person", "skills": "Skill", "communities": "Community", "evidence": "Evidence"}
    for name, kind in files.items():
        path = Path(DEMO_DIR) / f"{name}.jsonl"
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines()[:400]:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if not isinstance(record, dict) or not isinstance(record.get("id"), str):
                continue
            found.setdefault("global", []).append(global_id(kind, record["id"]))
            found.setdefault("external", []).append(record["id"])
            for key in ("name", "timezone", "office", "country", "title", "email"):
                if isinstance(record.get(key), str):
                    found.setdefault("strings", []).append(record[key])
    queries = Path(DEMO_DIR) / "queries.jsonl"
    if queries.is_file():
        for line in queries.read_text(encoding="utf-8").splitlines():
            try:
                found.setdefault("strings", []).append(json.loads(line)["text"])
            except (ValueError, KeyError, TypeError):
                continue
    return len(found.get("global", [])) - before


def register_scalars(ids: dict[str, list[str]]) -> None:
    """Strategies for the custom scalars, and for ID: mostly real ids of any kind
    (a Skill id where a Person id is wanted is a good test too), some forged."""
    kinds = ["Person", "Office", "Skill", "Community", "Evidence", "Interview", ""]
    forged = st.builds(global_id, st.sampled_from(kinds), st.text(max_size=24))
    choices = [forged.map(nodes.String), st.text(max_size=24).map(nodes.String), st.integers().map(nodes.Int)]
    if ids.get("global"):
        real = st.sampled_from(ids["global"]).map(nodes.String)
        choices = [real, real, real, real, *choices]
    if ids.get("external"):
        choices.append(st.sampled_from(ids["external"]).map(nodes.String))
    register("ID", st.one_of(*choices))

    # Strings: mostly arbitrary text, but also values that pass validation (time zones,
    # countries, e-mail addresses, real names and list cursors) and some that are close.
    cursors = st.lists(st.text(max_size=8), max_size=3).map(
        lambda key: base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")
    )
    plausible = st.sampled_from(INTERESTING_STRINGS + sorted(set(ids.get("strings", []))))
    long_text = st.integers(256, 4096).map(lambda n: "a" * n)
    register(
        "String",
        st.one_of(st.text(max_size=40), st.text(max_size=40), plausible, plausible, cursors, long_text).map(nodes.String),
    )

    # Int: mostly small (page sizes 1-100, levels 1-5 and day counts are valid), sometimes anything 32-bit.
    register(
        "Int",
        st.one_of(
            st.integers(0, 10),
            st.integers(-5, 120),
            st.integers(-(2**31), 2**31 - 1),
            st.sampled_from([-(2**31), 2**31 - 1, 3650, 3651, 1000, 101]),
        ).map(nodes.Int),
    )

    dates = st.dates().map(str)
    junk = st.one_of(st.text(max_size=16), st.sampled_from(["2024-02-30", "0000-01-01", "2024-13-01", "+10000-01-01"]))
    register("NaiveDate", st.one_of(dates, dates, junk).map(nodes.String))
    times = st.times().map(lambda t: t.isoformat())
    zones = st.sampled_from(["Z", "+00:00", "+14:00", "-12:00", "+05:30"])
    datetimes = st.builds(lambda d, t, z: f"{d}T{t}{z}", dates, times, zones)
    register("DateTime", st.one_of(datetimes, datetimes, junk).map(nodes.String))


def register_unknown_scalars(schema) -> None:
    """Any other custom scalar the schema gains gets a catch-all strategy, so the
    fuzzer keeps working (better strategies belong in register_scalars)."""
    import graphql

    builtin = {"Int", "Float", "String", "ID", "Boolean"}
    known = builtin | SCHEMATHESIS_SCALARS | REGISTERED
    for name, type_ in schema.client_schema.type_map.items():
        if isinstance(type_, graphql.GraphQLScalarType) and name not in known and not name.startswith("__"):
            print(f"fuzz: no strategy for scalar {name}; using strings, numbers and booleans")
            register(
                name,
                st.one_of(
                    st.text(max_size=40).map(nodes.String),
                    st.integers().map(nodes.Int),
                    st.floats(allow_nan=False, allow_infinity=False).map(nodes.Float),
                    st.booleans().map(nodes.Boolean),
                ),
            )


def call(label: str, case) -> None:
    if STATS.transport_error is not None:
        return  # the server is gone: stop sending
    query = case.body if isinstance(case.body, str) else json.dumps(case.body)
    try:
        response = case.call(base_url=ENDPOINT, session=SESSION, headers=HEADERS, timeout=TIMEOUT)
    except requests.RequestException as exc:
        STATS.transport_error = Failure(label, type(exc).__name__, query, str(exc))
        return
    record(label, query, response)


def fuzz(operation, mode: GenerationMode, examples: int, seed: int) -> None:
    label = operation.label

    @hypothesis_seed(seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=False,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case) -> None:
        call(label, case)

    run()


def print_failures(title: str, failures: list[Failure]) -> None:
    print(f"\n{title}: {len(failures)}")
    for f in failures[:MAX_REPORTED]:
        print(f"--- {f.label}: {f.what}")
        print("request body:")
        print(json.dumps({"query": f.query}))
        print("query, readable:")
        print(f.query)
        print(f"response: {f.detail}")
    if len(failures) > MAX_REPORTED:
        print(f"... and {len(failures) - MAX_REPORTED} more")


def main() -> int:
    started = time.monotonic()
    # Generated strings hold any Unicode; never let printing a failing query fail.
    sys.stdout.reconfigure(errors="backslashreplace", line_buffering=True)
    print(f"fuzz: schemathesis {schemathesis.__version__}, schema {SCHEMA_PATH}, endpoint {ENDPOINT}")
    print(f"fuzz: seed {SEED} (FUZZ_SEED={SEED} repeats this run), auth {'bearer token' if TOKEN else 'none'}")
    schema = schemathesis.graphql.from_path(SCHEMA_PATH, config=SchemathesisConfig())
    operations = [result.ok() for result in schema.get_all_operations()]
    queries = sum(1 for op in operations if op.label.startswith(schema.client_schema.query_type.name + "."))
    print(f"fuzz: {len(operations)} operations ({queries} queries, {len(operations) - queries} mutations)")

    ids = learn_ids()
    from_api = len(ids.get("global", []))
    from_files = read_demo_files(ids)
    print(f"fuzz: real ids to draw from: {from_api} listed by the API, {from_files} from the demo files")
    register_scalars(ids)
    register_unknown_scalars(schema)

    # 5% headroom: an operation with few distinct cases cannot use its whole share.
    per_op = math.ceil(TARGET * 1.05 / len(operations))
    negative = round(per_op * NEGATIVE_PERCENT / 100)
    print(f"fuzz: {per_op} cases per operation ({per_op - negative} valid, {negative} invalid), target {TARGET}")

    rng = random.Random(SEED)
    # Hypothesis stops early when it runs out of distinct cases (an operation without
    # arguments has few); later rounds top up across all operations until the target is met.
    for round_ in range(5):
        missing = TARGET - generated()
        if round_ > 0:
            if missing <= 0 or STATS.transport_error is not None:
                break
            print(f"fuzz: {generated()} requests after round {round_}; topping up {missing} more")
        budget = per_op if round_ == 0 else math.ceil(missing / len(operations))
        neg = negative if round_ == 0 else 0
        for op in operations:
            if STATS.transport_error is not None:
                break
            before = STATS.per_operation[op.label]
            t0 = time.monotonic()
            try:
                fuzz(op, GenerationMode.POSITIVE, budget - neg, rng.randrange(2**31))
                if neg:
                    fuzz(op, GenerationMode.NEGATIVE, neg, rng.randrange(2**31))
            except Exception as exc:  # a generation problem in the fuzzer, not a server bug
                print(f"fuzz: ERROR generating cases for {op.label}: {type(exc).__name__}: {exc}")
                return 2
            if round_ == 0:
                sent = STATS.per_operation[op.label] - before
                outcomes = STATS.per_operation_outcomes.get(op.label, Counter())
                summary = ", ".join(f"{k} {v}" for k, v in outcomes.most_common(3))
                print(f"  {op.label:32} {sent:4} requests {time.monotonic() - t0:5.1f}s  {summary}")

    elapsed = time.monotonic() - started
    print("\n=== GraphQL fuzzing summary ===")
    print(f"requests sent: {STATS.sent} ({generated()} generated + {STATS.seed_queries} seed) in {elapsed:.1f}s")
    print("HTTP status histogram:")
    for status, count in sorted(STATS.statuses.items()):
        print(f"  {status}: {count}")
    print("GraphQL outcome (first error code, or data):")
    for outcome, count in STATS.outcomes.most_common():
        print(f"  {outcome}: {count}")

    failed = False
    if STATS.transport_error is not None:
        failed = True
        print_failures("request that got no answer (server died or hung)", [STATS.transport_error])
    if STATS.server_errors:
        failed = True
        print_failures("5xx responses", STATS.server_errors)
    if STATS.internal_errors:
        # Reported, not failed on: a 200 whose error says a resolver hit a database error.
        print_failures("warning: INTERNAL GraphQL errors (HTTP 200)", STATS.internal_errors)
    refused = STATS.statuses[401] + STATS.statuses[403]
    if refused > STATS.sent / 2:
        print(
            f"\nwarning: {refused} of {STATS.sent} answers were 401/403: most requests never got past "
            "authentication (is TACIT_TOKEN set?)"
        )
    limit = STATS.sent * MAX_429_PERCENT / 100
    if STATS.rate_limited > limit:
        failed = True
        print(
            f"\n429 rate limited: {STATS.rate_limited} of {STATS.sent} (more than {MAX_429_PERCENT}%): "
            "the test server should run without rate limiting"
        )
    if generated() < TARGET and STATS.transport_error is None:
        failed = True
        print(f"\nonly {generated()} generated requests, fewer than the {TARGET} required")
    print(f"\nfuzz: {'FAILED' if failed else 'passed'}")
    return 1 if failed else 0


def generated() -> int:
    return STATS.sent - STATS.seed_queries


if __name__ == "__main__":
    sys.exit(main())
