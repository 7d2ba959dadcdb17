#!/usr/bin/env bash
# Tenants: does one app's latency depend on how many other apps the process
# hosts, and what does the process cost while idle?
#
# 1. One app (bench/serve/hello.js as app0.test) alone in a config; after a
#    warm-up, `wrk -t1 -c16 -d$DURATION --latency -H 'Host: app0.test'`.
# 2. APPS (default 1000) copies in one config (app0.test ... appN.test,
#    each its own file); every app answers one request, then the same wrk
#    run against app0. The other apps are loaded and idle, as in issue 13's
#    measurement (p99 649 ms with 1,000 apps on the old design).
# 3. With the APPS apps still loaded and no traffic: CPU time the process
#    used over IDLE seconds (utime + stime from /proc/PID/stat), and VmRSS.
#
# Env: APPS (default 1000), DURATION (default 10s), IDLE (default 10),
# NANO (the binary; default: the release build cargo reports).
set -euo pipefail
cd "$(dirname "$0")/.."

apps=${APPS:-1000}
duration=${DURATION:-10s}
idle=${IDLE:-10}
if [ -z "${NANO:-}" ]; then
    cargo build --release --quiet
    NANO="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release/nano-boa"
fi
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }

tmp=$(mktemp -d)
server_pid=""
stop_server() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
}
trap 'stop_server; rm -rf "$tmp"' EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

mkdir -p "$tmp/apps"
for i in $(seq 0 $((apps - 1))); do cp bench/serve/hello.js "$tmp/apps/app$i.js"; done

# config N PORT: a nano.json with apps app0 .. app(N-1).
config() {
    python3 - "$tmp" "$1" "$2" <<'PY'
import json, sys
tmp, n, port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
print(json.dumps({
    "port": port, "host": "127.0.0.1",
    "apps": [{"name": f"app{i}", "hostname": f"app{i}.test", "path": f"{tmp}/apps/app{i}.js"}
             for i in range(n)],
}))
PY
}

# start N: serves a config of N apps (server_pid, port).
start() {
    port=$(free_port)
    config "$1" "$port" > "$tmp/nano.json"
    "$NANO" serve --config "$tmp/nano.json" >/dev/null 2>&1 &
    server_pid=$!
    for _ in $(seq 300); do
        curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/" && return 0
        sleep 0.1
    done
    echo "the server did not start" >&2
    exit 1
}

# hit FIRST LAST: one GET / per app (one keep-alive connection).
hit() {
    python3 - "$port" "$1" "$2" <<'PY'
import http.client, sys
port, first, last = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
for i in range(first, last + 1):
    conn.request("GET", "/", headers={"Host": f"app{i}.test"})
    r = conn.getresponse()
    r.read()
    if r.status != 200:
        sys.exit(f"app{i}: status {r.status}")
PY
}

# wrk against app0 → "requests/s p50 p90 p99" (ms).
load() {
    wrk -t1 -c16 -d2s -H 'Host: app0.test' "http://127.0.0.1:$port/" >/dev/null
    wrk -t1 -c16 -d"$duration" --latency -H 'Host: app0.test' "http://127.0.0.1:$port/" | python3 -c '
import re, sys
text = sys.stdin.read()
def ms(v):
    n, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", v).groups()
    return float(n) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
rps = float(re.search(r"Requests/sec:\s*([\d.]+)", text).group(1))
pct = [ms(re.search(rf"^\s*{p}%\s+(\S+)", text, re.M).group(1)) for p in (50, 90, 99)]
print(f"{rps:.0f} {pct[0]:.2f} {pct[1]:.2f} {pct[2]:.2f}")
'
}

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_mib() { awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }

start 1
hit 0 0
read -r rps1 p50_1 p90_1 p99_1 < <(load)
stop_server

start "$apps"
hit 0 $((apps - 1))
read -r rpsn p50_n p90_n p99_n < <(load)
sleep 1
before=$(ticks "$server_pid")
sleep "$idle"
after=$(ticks "$server_pid")
hz=$(getconf CLK_TCK)
idle_pct=$(python3 -c "print(f'{($after - $before) / $hz / $idle * 100:.2f}')")
rss=$(rss_mib "$server_pid")
threads=$(ls "/proc/$server_pid/task" | wc -l)
stop_server

echo
echo "$("$NANO" --version), $(nproc) cores, $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD)"
echo
echo "| apps loaded | requests/s | p50 (ms) | p90 (ms) | p99 (ms) |"
echo "|---|---|---|---|---|"
echo "| 1 | $rps1 | $p50_1 | $p90_1 | $p99_1 |"
echo "| $apps | $rpsn | $p50_n | $p90_n | $p99_n |"
echo
echo "p99 ratio ($apps apps / 1 app): $(python3 -c "print(f'{$p99_n / $p99_1:.2f}')")"
echo "idle with $apps apps loaded: $idle_pct% of one core over ${idle} s; VmRSS $rss MiB; $threads threads"
