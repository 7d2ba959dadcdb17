#!/usr/bin/env bash
# Runs two libraries from npm on nano-boa and compares them with node and deno:
#  - examples/jwt: jose signs and verifies HS256, ES256, RS256 and EdDSA JWTs
#    as on node (jwt_check.py);
#  - examples/hono: a Hono app under `nano-boa serve` answers a fixed list of
#    requests (../hono/requests.json) as `deno serve` did (../hono/expected.json,
#    re-recorded by ../hono/record-expected.sh), and streams its streaming
#    routes chunk by chunk.
# Needs node, npm (the npm registry only), curl and python3.
#
#   bash examples/interop/check.sh        (NANO_BOA=path, default cargo's target dir/debug/nano-boa)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$here/lib.sh"
# The debug binary where cargo puts it (CARGO_TARGET_DIR is honoured).
target_dir=$(cd "$root" && cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
nano_boa=$(realpath "${NANO_BOA:-$target_dir/debug/nano-boa}")
[ -x "$nano_boa" ] || { echo "no nano-boa binary at $nano_boa (cargo build, or set NANO_BOA)" >&2; exit 2; }
command -v node >/dev/null || { echo "node is needed to compare the JWT example" >&2; exit 2; }

echo "building the examples (npm ci, esbuild)" >&2
build_example "$root/examples/jwt"
build_example "$root/examples/hono"

results=$(mktemp)
trap 'rm -f "$results"' EXIT
python3 "$here/jwt_check.py" "$nano_boa" | tee -a "$results" ||
    printf 'FAIL\tjwt: jwt_check.py ran to the end\n' | tee -a "$results"

port=$(free_port)
log=$(mktemp)
# One thread: /stream/aborted reads module state of the app instance that
# served /stream/forever.
"$nano_boa" serve --app "$root/examples/hono/dist/app.mjs" --port "$port" --threads 1 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$results" "$log"' EXIT
if wait_for_port "$port" "$server"; then
    actual=$(mktemp)
    python3 "$here/http_cases.py" record "http://127.0.0.1:$port" "$root/examples/hono/requests.json" >"$actual" ||
        printf 'FAIL\thono: recording the responses\n' | tee -a "$results"
    python3 "$here/http_cases.py" compare "$root/examples/hono/expected.json" "$actual" \
        "$root/examples/hono/requests.json" | tee -a "$results" || true
    rm -f "$actual"
    # The streaming routes wait 300 ms between chunks (CHUNK_GAP_MS in
    # app.js): PATH:GAPS, the number of waits before the last write.
    for route in /stream/text:3 /stream/bytes:2 /stream/sse:3 /stream/jsx:1; do
        python3 "$here/http_cases.py" stream-timing "http://127.0.0.1:$port${route%:*}" 300 "${route#*:}" \
            | tee -a "$results" || true
    done
    # A client that leaves mid-stream: the stream is cancelled, hono's
    # onAbort runs (deno serve does the same), and the server keeps serving.
    curl -s -o /dev/null --max-time 0.5 "http://127.0.0.1:$port/stream/forever" || true
    sleep 0.3
    aborted=$(curl -s "http://127.0.0.1:$port/stream/aborted" || true)
    if [ "$aborted" = '{"started":true,"aborted":true,"wroteSome":true}' ]; then
        printf 'PASS\thono: a client leaving mid-stream runs onAbort\n' | tee -a "$results"
    else
        printf 'FAIL\thono: a client leaving mid-stream runs onAbort\t%s\n' "$aborted" | tee -a "$results"
    fi
else
    printf 'FAIL\thono: nano-boa serve --app dist/app.mjs starts\n' | tee -a "$results"
    tail -n 20 "$log" >&2
fi

passed=$(grep -c '^PASS' "$results" || true)
failed=$(grep -c '^FAIL' "$results" || true)
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
