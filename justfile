# nano-boa tasks. `just` lists them; `just test` is what CI runs.

set shell := ["bash", "-euo", "pipefail", "-c"]

# List the recipes
default:
    @just --list

# Build the release binary (LTO; takes a few minutes the first time)
build:
    cargo build --release

# Run a script or module with the release build: just run examples/timers.js
run FILE *ARGS:
    cargo run --release --quiet -- run {{FILE}} {{ARGS}}

# Serve the example apps (examples/nano.json) with the release build
serve CONFIG="examples/nano.json":
    cargo run --release --quiet -- serve --config {{CONFIG}}

# Everything CI checks: formatting, lints, Rust tests, then the JS conformance suite
test:
    cargo fmt --check
    cargo clippy --all-targets -- -D warnings
    cargo test
    cargo run --quiet -- test js-tests --expect js-tests/expected-failures.txt

# Run a tc39/test262 checkout: just test262 ~/test262 [SUBDIR]
test262 DIR SUBDIR="test/built-ins/Promise":
    cargo run --release --quiet -- test --test262 {{DIR}} {{DIR}}/{{SUBDIR}}

# npm packages, jose and hono from npm on nano-boa, compared with node and deno (examples/interop/check.sh;
# needs node, npm, curl, python3). NANO_BOA=path to check another binary.
interop:
    if [ -z "${NANO_BOA:-}" ]; then cargo build --quiet; fi
    bash examples/interop/check.sh

# Lints, warnings as errors
lint:
    cargo clippy --all-targets -- -D warnings

# Format the code
fmt:
    cargo fmt

# Cold-start benchmark against node, bun and deno (needs hyperfine; see bench/README.md)
bench: build
    bash bench/cold-start.sh

# fetch under load (2000 fetches, 200 in flight) against node, bun and deno
bench-fetch: build
    bash bench/fetch.sh

# Serve throughput against node, bun, deno and workerd (wrk; see bench/README.md)
bench-serve: build
    bash bench/serve.sh

# Resident memory per app with 1,000 hello apps in one process, and workerd's
bench-density: build
    bash bench/density.sh

# One app's p99 alone and with 1,000 apps loaded; idle CPU with them loaded
bench-tenants:
    bash bench/tenants.sh
