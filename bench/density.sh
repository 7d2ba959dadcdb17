#!/usr/bin/env bash
# Density: resident memory per app when APPS (default 1000) hello apps live
# in one process, each having answered one request.
#
# nano-boa: a generated nano.json with apps app0.test ... app999.test, each
# its own copy of bench/serve/hello.js in a temp dir (so no module source is
# shared by path), served by `nano-boa serve --config` with --threads 1 and
# with the default thread count. VmRSS of the process after start (and one
# request no app answers) is the baseline; then each app gets one request
# (Host: appN.test) and VmRSS is read again:
#   per app = (RSS after - RSS baseline) / APPS.
# --threads 1 and one keep-alive connection: every app loads on the one
# thread. Default threads: a new connection per request, so the apps spread
# over the threads as the kernel hands out connections (each app still
# loads once, on the thread that got its request).
#
# workerd (WORKERD_APPS, default APPS): the same copies as ES-module workers
# in one config, one socket per worker (workerd routes sockets, not Host
# headers, to services). workerd instantiates every worker at start, so
# there is no app-free baseline: the baseline is workerd with 1 worker that
# answered one request, and per worker = (RSS(N) - RSS(1)) / (N - 1).
#
# Env: APPS (default 1000), WORKERD_APPS (default APPS; 0 skips workerd),
# APP_FILE (default bench/serve/hello.js: the module every app is a copy
# of; for a real framework app, build examples/hono (`npm ci && npm run
# build`) and give APP_FILE=examples/hono/dist/app.mjs APPS=100).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/serve-peers.sh

apps=${APPS:-1000}
workerd_apps=${WORKERD_APPS:-$apps}

tmp=$(mktemp -d)
trap 'stop_server; rm -rf "$tmp"' EXIT

mkdir -p "$tmp/apps"
app_file=${APP_FILE:-bench/serve/hello.js}
for i in $(seq 0 $((apps - 1))); do cp "$app_file" "$tmp/apps/app$i.js"; done

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

# hit PORT FIRST LAST MODE: one GET / per app appFIRST..appLAST (Host:
# appN.test); MODE keepalive (one connection) or fresh (one per request);
# PORT may be "PORT+i" to mean the worker's own port (workerd). Fails
# unless every answer is 200.
hit() {
    python3 - "$@" <<'PY'
import http.client, sys
port, first, last, mode = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
per_app = port.endswith("+i")
base = int(port.rstrip("+i"))
conn = None
for i in range(first, last + 1):
    p = base + i if per_app else base
    if conn is None or mode == "fresh" or per_app:
        if conn: conn.close()
        conn = http.client.HTTPConnection("127.0.0.1", p, timeout=60)
    conn.request("GET", "/", headers={"Host": f"app{i}.test"})
    r = conn.getresponse()
    r.read()
    if r.status != 200:
        sys.exit(f"app{i}: status {r.status}")
PY
}

mkdir -p bench/results
out=bench/results/density.txt
: > "$out"

# nano-boa, THREADS ("" = default).
nano() {
    local threads=$1 label mode port
    port=$(free_port)
    python3 - "$tmp" "$apps" "$port" > "$tmp/nano.json" <<'PY'
import json, sys
tmp, n, port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
print(json.dumps({
    "port": port, "host": "127.0.0.1",
    "apps": [{"name": f"app{i}", "hostname": f"app{i}.test", "path": f"{tmp}/apps/app{i}.js"}
             for i in range(n)],
}))
PY
    local args=(serve --config "$tmp/nano.json")
    if [ -n "$threads" ]; then
        args+=(--threads "$threads"); label="nano-boa --threads $threads"; mode=keepalive
    else
        label="nano-boa (default threads: $(nproc))"; mode=fresh
    fi
    "$NANO" "${args[@]}" >/dev/null 2>&1 &
    server_pid=$!
    wait_for_port "$port" "$server_pid"   # a 404: no app claims 127.0.0.1
    sleep 0.5
    local before after started elapsed
    before=$(rss_kib "$server_pid")
    started=$(date +%s.%N)
    hit "$port" 0 $((apps - 1)) "$mode"
    elapsed=$(python3 -c "print(f'{$(date +%s.%N) - $started:.1f}')")
    sleep 1
    after=$(rss_kib "$server_pid")
    echo "$label|$apps|$before|$after|$(( (after - before) / apps ))|$elapsed" | tee -a "$out"
    stop_server
}

nano 1
nano ""

# workerd with N workers each answered once; prints RSS in KiB.
workerd_rss() {
    local n=$1 base
    base=$(python3 - "$n" <<'PY'
import random, socket, sys
n = int(sys.argv[1])
for _ in range(50):
    base = random.randint(20000, 60000 - n)
    socks = []
    try:
        for p in range(base, base + n):
            s = socket.socket(); s.bind(("127.0.0.1", p)); socks.append(s)
    except OSError:
        continue
    finally:
        for s in socks: s.close()
    print(base); break
else:
    sys.exit("no free port range")
PY
)
    rm -rf "$tmp/workerd"; mkdir -p "$tmp/workerd"
    local modules=()
    for i in $(seq 0 $((n - 1))); do modules+=("$tmp/apps/app$i.js"); done
    workerd_config "$tmp/workerd" "$base" "${modules[@]}"
    local started elapsed
    started=$(date +%s.%N)
    "$workerd" serve "$tmp/workerd/config.capnp" >/dev/null 2>&1 &
    server_pid=$!
    wait_for_port $((base + n - 1)) "$server_pid" >&2
    hit "$base+i" 0 $((n - 1)) fresh >&2
    elapsed=$(python3 -c "print(f'{$(date +%s.%N) - $started:.1f}')")
    sleep 1
    echo "$(rss_kib "$server_pid") $elapsed"
    stop_server
}

if [ "$workerd_apps" -gt 1 ]; then
    [ "$workerd_apps" -le "$apps" ] || { echo "WORKERD_APPS must be <= APPS" >&2; exit 2; }
    workerd_rss 1 > "$tmp/rss"
    read -r one _ < "$tmp/rss"
    workerd_rss "$workerd_apps" > "$tmp/rss"
    read -r many elapsed < "$tmp/rss"
    echo "workerd|$workerd_apps|$one|$many|$(( (many - one) / (workerd_apps - 1) ))|$elapsed" | tee -a "$out"
fi

echo
echo "$(serve_versions); $(nproc) cores; $(date -u +%Y-%m-%d)"
echo
echo "| server | apps | RSS baseline (MiB) | RSS after (MiB) | per app (KiB) | per app (MB) | start + one request each (s) |"
echo "|---|---|---|---|---|---|---|"
awk -F'|' '{ printf "| %s | %s | %.1f | %.1f | %d | %.2f | %s |\n", $1, $2, $3 / 1024, $4 / 1024, $5, $5 * 1024 / 1e6, $6 }' "$out"
