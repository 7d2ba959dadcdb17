#!/usr/bin/env bash
# Serve throughput: bench/serve/hello.js and bench/serve/json-api.js (Workers
# module format, the same file for every runtime) served by nano-boa, node
# (node:http adapter), bun (Bun.serve adapter), deno (`deno serve`) and
# workerd, one server at a time, each driven by
#   wrk -t2 -c$CONNS -d$DURATION --latency
# on loopback after a warm-up run. wrk and the server share the machine's
# cores, the same way for every runtime.
#
# ROUNDS rounds (default 3) go through every app and runtime in turn; the
# table shows the median of the rounds for each column.
#
# Env: DURATION (default 10s), WARMUP (default 3s), CONNS (default 32),
# ROUNDS (default 3), NANO (the binary; default the release build cargo
# reports), NANO_BASE (a second binary, run as "nano-boa-base"),
# RUNTIMES (default "nano-boa nano-boa-1t nano-boa-logfile node bun deno workerd"),
# APPS (default "hello json-api"; add "hono" for the bundled Hono app,
# examples/hono/dist/app.mjs, `GET /users/42`: build it first with
# `cd examples/hono && npm ci && npm run build`).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/serve-peers.sh

duration=${DURATION:-10s}
warmup=${WARMUP:-3s}
conns=${CONNS:-32}
rounds=${ROUNDS:-3}
runtimes=${RUNTIMES:-"nano-boa nano-boa-1t nano-boa-logfile node bun deno workerd"}
apps=${APPS:-"hello json-api"}

tmp=$(mktemp -d)
trap 'stop_server; rm -rf "$tmp"' EXIT

mkdir -p bench/results
out=bench/results/serve.txt
: > "$out"

# start RUNTIME APP PORT: starts the server in the background (server_pid).
start() {
    local runtime=$1 app=$2 port=$3
    local nano=("$NANO" serve --app "$app" --port "$port" --host 127.0.0.1)
    case $runtime in
        # The access log writes one line per request to stdout; it is on
        # (there is no switch to turn it off) and goes to /dev/null...
        nano-boa) "${nano[@]}" >/dev/null 2>&1 & ;;
        nano-boa-1t) "${nano[@]}" --threads 1 >/dev/null 2>&1 & ;;
        # Another build (NANO_BASE: say an earlier commit's), for a
        # before/after comparison in the same run.
        nano-boa-base) "${NANO_BASE:?set NANO_BASE to the binary to compare}" serve --app "$app" \
            --port "$port" --host 127.0.0.1 >/dev/null 2>&1 & ;;
        # ... or to a file, to see what writing it costs.
        nano-boa-logfile) "${nano[@]}" >"$tmp/access.log" 2>&1 & ;;
        node) node bench/serve/node-adapter.mjs "$app" "$port" >/dev/null 2>&1 & ;;
        bun) "$bun" bench/serve/bun-adapter.js "$app" "$port" >/dev/null 2>&1 & ;;
        deno) "$deno" serve --quiet --host 127.0.0.1 --port "$port" "$app" >/dev/null 2>&1 & ;;
        workerd)
            mkdir -p "$tmp/workerd"
            workerd_config "$tmp/workerd" "$port" "$app"
            "$workerd" serve "$tmp/workerd/config.capnp" >/dev/null 2>&1 & ;;
        *) echo "unknown runtime $runtime" >&2; exit 2 ;;
    esac
    server_pid=$!
}

# wrk's output → "requests/s p50_ms p99_ms".
parse_wrk() {
    python3 -c '
import re, sys
text = sys.stdin.read()
def ms(v):
    n, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", v).groups()
    return float(n) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
rps = re.search(r"Requests/sec:\s*([\d.]+)", text).group(1)
p50 = re.search(r"^\s*50%\s+(\S+)", text, re.M).group(1)
p99 = re.search(r"^\s*99%\s+(\S+)", text, re.M).group(1)
errors = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", text)
sock = re.search(r"Socket errors: (.*)", text)
print(f"{float(rps):.0f} {ms(p50):.3f} {ms(p99):.3f}", "non2xx=" + errors.group(1) if errors else "", "sock:" + sock.group(1).replace(" ", "") if sock else "")
'
}

for round in $(seq "$rounds"); do
for app in $apps; do
    file=bench/serve/$app.js
    path=/
    [ "$app" = json-api ] && path=/items
    if [ "$app" = hono ]; then
        file=examples/hono/dist/app.mjs
        path=/users/42
        [ -f "$file" ] || { echo "$file is missing: cd examples/hono && npm ci && npm run build" >&2; exit 2; }
    fi
    for runtime in $runtimes; do
        if [ "$runtime" = node ] && ! command -v node >/dev/null; then continue; fi
        port=$(free_port)
        start "$runtime" "$file" "$port"
        wait_for_port "$port" "$server_pid"
        url=http://127.0.0.1:$port$path
        curl -sf -o /dev/null "$url" || { echo "$runtime $app: $url failed" >&2; exit 1; }
        wrk -t2 -c"$conns" -d"$warmup" "$url" >/dev/null
        result=$(wrk -t2 -c"$conns" -d"$duration" --latency "$url" | tee "$tmp/wrk-$runtime-$app.txt" | parse_wrk)
        rss=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")
        echo "$app $runtime $result rss_kib=$rss round=$round" | tee -a "$out"
        stop_server
    done
done
done

echo
echo "$(serve_versions); $(nproc) cores; $(date -u +%Y-%m-%d); wrk -t2 -c$conns -d$duration --latency after a $warmup warm-up; median of $rounds rounds"
python3 - "$out" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
med = statistics.median
for app in dict.fromkeys(r[0] for r in rows):
    mine = [r for r in rows if r[0] == app]
    runtimes = list(dict.fromkeys(r[1] for r in mine))
    stats = {}
    for rt in runtimes:
        rs = [r for r in mine if r[1] == rt]
        notes = " ".join(x for r in rs for x in r[5:] if not x.startswith(("rss_kib=", "round=")))
        rss = med(int(x.split("=")[1]) for r in rs for x in r if x.startswith("rss_kib="))
        stats[rt] = (med(float(r[2]) for r in rs), med(float(r[3]) for r in rs),
                     med(float(r[4]) for r in rs), rss / 1024, notes,
                     " / ".join(f"{float(r[2]):,.0f}" for r in rs))
    base = stats.get("nano-boa", (None,))[0]
    print(f"\n{app}:\n")
    print("| runtime | requests/s | p50 (ms) | p99 (ms) | ratio to nano-boa (req/s) | server RSS after (MiB) | requests/s of each round |")
    print("|---|---|---|---|---|---|---|")
    for rt, (rps, p50, p99, rss, notes, each) in stats.items():
        ratio = f"{rps / base:.2f}×" if base else ""
        name = rt + (f" ({notes})" if notes else "")
        print(f"| {name} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {ratio} | {rss:.1f} | {each} |")
PY
