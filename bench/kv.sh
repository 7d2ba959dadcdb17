#!/usr/bin/env bash
# KV operations per second from one app (bench/kv/app.js): N awaited puts,
# then N awaited gets, in one request, timed by curl from outside, on
#   nano-boa with the embedded store (redb, fsync per put),
#   nano-boa with the redis backend (a local redis-server),
#   workerd's local KV through miniflare 4, in memory and persisted (SQLite).
# ROUNDS rounds (default 5) per runtime; the table shows medians.
# Env: N (default 2000), ROUNDS, NANO (the binary).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/peers.sh
n=${N:-2000}
rounds=${ROUNDS:-5}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
mf_prefix=$peers/miniflare
[ -d "$mf_prefix/node_modules/miniflare" ] ||
    npm install --silent --no-audit --no-fund --prefix "$mf_prefix" miniflare@4
command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$1/" -H 'Host: kv.bench' && return; sleep 0.1; done; echo "no server on $1" >&2; exit 1; }

# time_ops PORT PATH: seconds for one request doing N operations.
time_ops() { curl -s -o /dev/null -w '%{time_total}' -H 'Host: kv.bench' "http://127.0.0.1:$1$2?n=$n"; }

run() { # NAME PORT
    local name=$1 port=$2 puts=() gets=()
    time_ops "$port" /put >/dev/null  # warm-up, and the keys exist
    for _ in $(seq "$rounds"); do
        puts+=("$(time_ops "$port" /put)")
        gets+=("$(time_ops "$port" /get)")
    done
    python3 - "$name" "$n" "${puts[*]}" "${gets[*]}" <<'PY' >>"$work/rows"
import statistics, sys
name, n, puts, gets = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(), sys.argv[4].split()
put, get = statistics.median(map(float, puts)), statistics.median(map(float, gets))
print(f"{name} {n / put:.0f} {n / get:.0f}")
PY
}

nano_config() { # BACKEND-JSON
    cat >"$work/nano.json" <<JSON
{ "kv": $1, "apps": [ { "name": "kv", "hostname": "kv.bench", "path": "$PWD/bench/kv/app.js",
  "kv_namespaces": [ { "binding": "BENCH", "id": "bench" } ] } ] }
JSON
}

port=$(free_port)
nano_config "{ \"backend\": \"embedded\", \"path\": \"$work/kv\" }"
"$NANO" serve --config "$work/nano.json" --port "$port" --no-watch >/dev/null 2>&1 &
pid=$!; wait_port "$port"; run nano-boa-embedded "$port"; kill "$pid"; wait "$pid" || true

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >/dev/null &
redis=$!; sleep 0.3
port=$(free_port)
nano_config "{ \"backend\": \"redis\", \"url\": \"redis://127.0.0.1:$redis_port/0\" }"
"$NANO" serve --config "$work/nano.json" --port "$port" --no-watch >/dev/null 2>&1 &
pid=$!; wait_port "$port"; run nano-boa-redis "$port"; kill "$pid"; wait "$pid" || true
kill "$redis"

for mode in memory disk; do
    port=$(free_port)
    persist=""; [ "$mode" = disk ] && persist="$work/mf"
    MINIFLARE_PREFIX="$PWD/$mf_prefix" KV_PERSIST="$persist" PORT="$port" \
        node bench/kv/miniflare.mjs >/dev/null 2>&1 &
    pid=$!; wait_port "$port"; run "workerd-miniflare-$mode" "$port"; kill "$pid"; wait "$pid" || true
done

echo
echo "KV from one app, N=$n awaited operations per request, median of $rounds ($(peer_versions), miniflare $(node -p "require('$PWD/$mf_prefix/node_modules/miniflare/package.json').version"))"
echo
echo "| store | put/s | get/s |"
echo "|---|---|---|"
while read -r name put get; do echo "| $name | $put | $get |"; done <"$work/rows"
