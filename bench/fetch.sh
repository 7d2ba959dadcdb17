#!/usr/bin/env bash
# fetch under load (issue 4): bench/fetch-many.js (2000 fetches, 200 in
# flight, a 5 ms interval ticking) against a local HTTP server, run by
# nano-boa and its peers in the same hyperfine run on the same machine.
#
# The server is nano-boa's own fixture server (`nano-boa __fixture-server`,
# hyper on smol, two threads), the same for every runtime; it shares the
# machine's cores with the runtime being timed.
#
# Environment:
#   RUNS=N   hyperfine runs per runtime (default 10)
#   BYTES=N  response body size (default 1024: small, so the benchmark
#            measures the fetch machinery rather than bandwidth)
#   PIN=1    pin the server to CPU 1 and each runtime to CPU 0 (taskset),
#            so that no runtime can take the server's core; off by default
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/peers.sh

tmp=$(mktemp -d)
server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

pin_server=()
pin_client=""
if [ "${PIN:-0}" = 1 ]; then
    pin_server=(taskset -c 1)
    pin_client="taskset -c 0 "
fi

# Start the server; it prints one JSON line with its URLs, then serves
# until killed.
"${pin_server[@]}" "$NANO" __fixture-server >"$tmp/server.json" &
server_pid=$!
for _ in $(seq 100); do
    [ -s "$tmp/server.json" ] && break
    kill -0 "$server_pid" 2>/dev/null || { echo "fixture server exited" >&2; exit 1; }
    sleep 0.1
done
base=$(python3 -c 'import json, sys; print(json.loads(sys.stdin.readline())["http"])' <"$tmp/server.json")
url="$base/bytes?n=${BYTES:-1024}"

echo "$(date -u +%F), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(peer_versions)"
echo "url: $url${PIN:+ (PIN=$PIN)}"

# Runtime names and their command lines (split on spaces; no paths with
# spaces here).
names=(nano-boa)
cmdlines=("$NANO run bench/fetch-many.js $url")
if command -v node >/dev/null; then
    names+=(node)
    cmdlines+=("node bench/fetch-many.js $url")
fi
names+=(bun deno)
cmdlines+=("$bun bench/fetch-many.js $url" "$deno run --quiet --allow-net bench/fetch-many.js $url")

# measure NAME CMDLINE: runs the command 3 times under /usr/bin/time. Each
# run must exit 0 and report "0 failed"; prints "NAME RSS_MiB TICKS MS"
# (medians of the 3 runs: peak RSS, interval ticks, the script's own
# elapsed ms), or returns 1 after saying what went wrong.
measure() {
    local name=$1 cmd line i
    read -ra cmd <<<"$pin_client$2"
    : >"$tmp/rss"; : >"$tmp/ticks"; : >"$tmp/ms"
    for i in 1 2 3; do
        if ! line=$(/usr/bin/time -f %M -o "$tmp/time" "${cmd[@]}" 2>"$tmp/stderr") ||
            ! grep -q ' 0 failed, ' <<<"$line"; then
            echo "$name: wrong result: $line $(head -c 500 "$tmp/stderr")" >&2
            return 1
        fi
        tail -n 1 "$tmp/time" >>"$tmp/rss"
        sed -E 's/.* ([0-9]+) ms, ([0-9]+) ticks$/\2/' <<<"$line" >>"$tmp/ticks"
        sed -E 's/.* ([0-9]+) ms, ([0-9]+) ticks$/\1/' <<<"$line" >>"$tmp/ms"
    done
    echo "$name $(sort -n "$tmp/rss" | sed -n 2p | awk '{printf "%.1f", $1 / 1024}')" \
        "$(sort -n "$tmp/ticks" | sed -n 2p) $(sort -n "$tmp/ms" | sed -n 2p)"
}

# Correctness and memory first (which also warms the server up); a peer
# that fails is left out of the timing, nano-boa failing ends the run.
mkdir -p bench/results
extras=bench/results/fetch-extras.txt
: >"$extras"
hf=()
for i in "${!names[@]}"; do
    if measure "${names[$i]}" "${cmdlines[$i]}" >>"$extras"; then
        hf+=(-n "${names[$i]}" "$pin_client${cmdlines[$i]}")
    elif [ "${names[$i]}" = nano-boa ]; then
        exit 1
    fi
done

out=bench/results/fetch.json
hyperfine -N --warmup 2 --runs "${RUNS:-10}" --export-json "$out" "${hf[@]}"
print_table "$out" "$extras" "peak RSS (MiB)" "interval ticks" "in-script (ms)"
