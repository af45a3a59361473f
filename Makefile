# Tacit: two commands.  `make run` starts it; `make test` runs every test.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

DATABASE_URL ?= sqlite://tacit.db
LISTEN ?= 127.0.0.1:8080
# Where cargo puts what it builds (honours CARGO_TARGET_DIR, as cargo does).
TARGET_DIR := $(abspath $(or $(CARGO_TARGET_DIR),target))

.PHONY: run test frontend frontend-deps check-rust test-rust test-frontend test-browser test-fuzz schema

## Build the web app and the server, then serve on http://127.0.0.1:8080 (demo data on first start).
run: frontend
	cargo build --bin tacit
	$(TARGET_DIR)/debug/tacit --database-url $(DATABASE_URL) serve --listen $(LISTEN) --static-dir frontend/dist --demo-if-empty --dev-auth

## Every test: Rust (SQLite and PostgreSQL), frontend components, browser.
test: check-rust test-rust test-frontend test-browser test-fuzz
	@echo "make test: all suites passed (Rust on SQLite and PostgreSQL, frontend, browser, GraphQL fuzzing)"

frontend-deps:
	cd frontend && npm ci --no-audit --no-fund

frontend: frontend-deps
	cd frontend && npm run build

check-rust:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	bash scripts/check-layers.sh

test-rust:
	bash scripts/ensure-postgres.sh
	mkdir -p target && cargo test --all-targets 2>&1 | tee target/rust-tests.log
	bash scripts/check-backends-ran.sh target/rust-tests.log

## Lint (ESLint), formatting (Prettier) and component tests of the web app.
test-frontend: frontend
	cd frontend && npm run lint && npm run format:check && npm test

test-browser: frontend
	bash scripts/ensure-chromium.sh
	bash scripts/ensure-postgres.sh
	cargo build --bin tacit
	cd frontend && TACIT_BIN=$(TARGET_DIR)/debug/tacit npm run e2e

## Fuzz the GraphQL API (schemathesis, from schema/schema.graphql): at least 2,000 requests, fails on any 5xx.
test-fuzz:
	cargo build --bin tacit
	bash scripts/fuzz-graphql.sh

## Regenerate schema/schema.graphql from the code.
schema:
	cargo run --quiet -- schema --write
