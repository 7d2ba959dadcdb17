#!/usr/bin/env bash
# Runs libraries from npm on nano-boa and compares them with node and deno:
#  - examples/npm: thirteen popular packages (ajv, cookie, date-fns, dayjs,
#    js-yaml, lodash, ms, nanoid, qs, semver, superjson, uuid, zod), ESM and
#    CommonJS, unbundled from node_modules: packages.cjs (require) and
#    packages.mjs (import) print the same lines on nano-boa as on node;
#    node-builtins.cjs does the same for five packages built on node's
#    Buffer, crypto and string_decoder (bcryptjs, cookie-signature,
#    iconv-lite, jsonwebtoken, safe-buffer);
#  - examples/ts/main.ts prints what deno printed (examples/ts/expected.txt,
#    recorded with `deno run examples/ts/main.ts`);
#  - examples/jwt: jose signs and verifies HS256, ES256, RS256 and EdDSA JWTs
#    as on node (jwt_check.py);
#  - examples/hono: a Hono app under `nano-boa serve` answers a fixed list of
#    requests (../hono/requests.json) as `deno serve` did (../hono/expected.json,
#    re-recorded by ../hono/record-expected.sh), and streams its streaming
#    routes chunk by chunk; both the bundle (dist/app.mjs) and the source
#    (app.js with views.jsx, hono from node_modules, no bundler).
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
(cd "$root/examples/npm" && npm ci --silent --no-audit --no-fund)

results=$(mktemp)
trap 'rm -f "$results"' EXIT

# compare_lines LABEL EXPECTED_FILE ACTUAL_FILE: one PASS or FAIL per
# expected line (its first word names the package or case).
compare_lines() {
    python3 - "$@" <<'PY' | tee -a "$results"
import sys
label, expected, actual = sys.argv[1], open(sys.argv[2]).read().splitlines(), open(sys.argv[3]).read().splitlines()
for i, line in enumerate(expected):
    name = line.split(":", 1)[0]
    got = actual[i] if i < len(actual) else "<missing>"
    if got == line:
        print(f"PASS\t{label}: {name}")
    else:
        print(f"FAIL\t{label}: {name}\texpected {line!r}, got {got!r}")
if len(actual) > len(expected):
    print(f"FAIL\t{label}: extra output\t{actual[len(expected):]!r}")
PY
}

for script in packages.cjs packages.mjs node-builtins.cjs; do
    expected=$(mktemp) actual=$(mktemp)
    (cd "$root/examples/npm" && node "$script" >"$expected" 2>&1 || true)
    (cd "$root/examples/npm" && "$nano_boa" run "$script" >"$actual" 2>&1 || true)
    compare_lines "npm $script" "$expected" "$actual"
    rm -f "$expected" "$actual"
done
ts_out=$(mktemp)
"$nano_boa" run "$root/examples/ts/main.ts" >"$ts_out" 2>&1 || true
compare_lines "typescript (deno)" "$root/examples/ts/expected.txt" "$ts_out"
rm -f "$ts_out"
python3 "$here/jwt_check.py" "$nano_boa" | tee -a "$results" ||
    printf 'FAIL\tjwt: jwt_check.py ran to the end\n' | tee -a "$results"

# check_hono LABEL APP: the request cases and the streaming routes.
check_hono() {
    local label=$1 app=$2
    port=$(free_port)
    log=$(mktemp)
    # One thread: /stream/aborted reads module state of the app instance that
    # served /stream/forever.
    "$nano_boa" serve --app "$app" --port "$port" --threads 1 >"$log" 2>&1 &
    server=$!
    if wait_for_port "$port" "$server"; then
        actual=$(mktemp)
        python3 "$here/http_cases.py" record "http://127.0.0.1:$port" "$root/examples/hono/requests.json" >"$actual" ||
            printf 'FAIL\thono %s: recording the responses\n' "$label" | tee -a "$results"
        python3 "$here/http_cases.py" compare "$root/examples/hono/expected.json" "$actual" \
            "$root/examples/hono/requests.json" | sed "s/^\(PASS\|FAIL\)\t\(hono\|streaming\)/\1\t\2 $label/" | tee -a "$results" || true
        rm -f "$actual"
        # The streaming routes wait 300 ms between chunks (CHUNK_GAP_MS in
        # app.js): PATH:GAPS, the number of waits before the last write.
        for route in /stream/text:3 /stream/bytes:2 /stream/sse:3 /stream/jsx:1; do
            python3 "$here/http_cases.py" stream-timing "http://127.0.0.1:$port${route%:*}" 300 "${route#*:}" \
                | sed "s/^\(PASS\|FAIL\)\t\(hono\|streaming\)/\1\t\2 $label/" | tee -a "$results" || true
        done
        # A client that leaves mid-stream: the stream is cancelled, hono's
        # onAbort runs (deno serve does the same), and the server keeps serving.
        curl -s -o /dev/null --max-time 0.5 "http://127.0.0.1:$port/stream/forever" || true
        sleep 0.3
        aborted=$(curl -s "http://127.0.0.1:$port/stream/aborted" || true)
        if [ "$aborted" = '{"started":true,"aborted":true,"wroteSome":true}' ]; then
            printf 'PASS\thono %s: a client leaving mid-stream runs onAbort\n' "$label" | tee -a "$results"
        else
            printf 'FAIL\thono %s: a client leaving mid-stream runs onAbort\t%s\n' "$label" "$aborted" | tee -a "$results"
        fi
    else
        printf 'FAIL\thono %s: nano-boa serve --app %s starts\n' "$label" "$app" | tee -a "$results"
        tail -n 20 "$log" >&2
    fi
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    rm -f "$log"
}
check_hono bundle "$root/examples/hono/dist/app.mjs"
check_hono source "$root/examples/hono/app.js"

passed=$(grep -c '^PASS' "$results" || true)
failed=$(grep -c '^FAIL' "$results" || true)
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
