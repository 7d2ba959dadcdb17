#!/usr/bin/env bash
# Instructions per request of one app in `nano-boa serve`, counted by
# callgrind (exact, unlike timings on a shared machine): the server runs
# under valgrind, gets WARMUP requests, its counters are zeroed, gets N
# more on one keep-alive connection, and the counters are dumped. The
# figure covers every thread (HTTP, instance, watchdog).
#
# Usage: bench/instructions.sh APP PATH [N]
#   APP   an app module or directory (examples/hono/dist/app.mjs,
#         bench/serve/json-api.js); PATH the request path (/users/42).
# Env: NANO (the binary; default the release build cargo reports),
#      WARMUP (default 30), N (default 200), KEEP (a path: the dump is
#      copied there for callgrind_annotate).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/peers.sh

app=$1
path=$2
count=${3:-${N:-200}}
warmup=${WARMUP:-30}
out=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$out"' EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
valgrind --tool=callgrind --callgrind-out-file="$out/cg.%p" --dump-instr=no \
    "$NANO" serve --app "$app" --port "$port" --host 127.0.0.1 --threads 1 --no-watch \
    >"$out/server.log" 2>&1 &
pid=$!

requests() {
    python3 - "$port" "$path" "$1" <<'PY'
import http.client, sys, time
port, path, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
deadline = time.time() + 120
while True:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("GET", path, headers={"Host": "bench.test"})
        r = conn.getresponse(); r.read()
        break
    except OSError:
        if time.time() > deadline: raise
        time.sleep(0.2)
for _ in range(n - 1):
    conn.request("GET", path, headers={"Host": "bench.test"})
    r = conn.getresponse(); r.read()
    if r.status != 200: sys.exit(f"status {r.status}")
PY
}

requests "$warmup"
callgrind_control --zero "$pid" >/dev/null 2>&1
requests "$count"
callgrind_control --dump "$pid" >/dev/null 2>&1
sleep 1
# The dump (file cg.PID.1) holds what ran between the zeroing and the dump.
dump=$(ls "$out"/cg.*.1 | head -1)
total=$(awk '/^summary:/ { print $2; exit }' "$dump")
if [ -n "${KEEP:-}" ]; then cp "$dump" "$KEEP"; fi
echo "$(basename "$app") $path: $((total / count)) instructions/request ($count requests after $warmup; binary $NANO)"
