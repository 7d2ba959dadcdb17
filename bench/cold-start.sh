#!/usr/bin/env bash
# Cold start: wall time of a process that prints one line and exits, for
# nano-boa and its peers, in the same hyperfine run on the same machine.
# Peers come from the npm registry (bun, deno) and the machine (node).
set -euo pipefail
cd "$(dirname "$0")/.."

peers=bench/.peers
bun=$peers/node_modules/@oven/bun-linux-x64/bin/bun
deno=$peers/node_modules/@deno/linux-x64-glibc/deno
if [ ! -x "$bun" ] || [ ! -x "$deno" ]; then
    npm install --silent --no-audit --no-fund --prefix "$peers" @oven/bun-linux-x64 @deno/linux-x64-glibc
fi
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
[ -x target/release/nano-boa ] || cargo build --release

mkdir -p bench/results
out=bench/results/cold-start.json
cmds=(-n nano-boa "target/release/nano-boa run bench/hello.js")
command -v node >/dev/null && cmds+=(-n node "node bench/hello.js")
cmds+=(-n bun "$bun bench/hello.js")
cmds+=(-n deno "$deno run --quiet bench/hello.js")
hyperfine -N --warmup 10 --runs "${RUNS:-100}" --export-json "$out" "${cmds[@]}"

# Peak resident memory of the same process: median of 5 runs, in KiB.
rss() {
    for _ in 1 2 3 4 5; do /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -n 1; done | sort -n | sed -n 3p
}
{
    echo "nano-boa $(rss target/release/nano-boa run bench/hello.js)"
    command -v node >/dev/null && echo "node $(rss node bench/hello.js)"
    echo "bun $(rss "$bun" bench/hello.js)"
    echo "deno $(rss "$deno" run --quiet bench/hello.js)"
} > bench/results/cold-start-rss.txt

python3 - "$out" bench/results/cold-start-rss.txt <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
rss = dict(line.split() for line in open(sys.argv[2]) if line.strip())
base = next(r for r in results if r["command"] == "nano-boa")["median"]
print("\n| runtime | median (ms) | mean ± σ (ms) | ratio to nano-boa | peak RSS (MiB) |")
print("|---|---|---|---|---|")
for r in results:
    mem = int(rss.get(r["command"], "0")) / 1024
    print(f"| {r['command']} | {r['median']*1000:.1f} | {r['mean']*1000:.1f} ± {r['stddev']*1000:.1f} | {r['median']/base:.2f}× | {mem:.1f} |")
PY

echo
echo "Idle process with one pending 2 s timer (CPU time should be ~0):"
/usr/bin/time -f "wall %e s, user %U s, sys %S s, max RSS %M KiB" target/release/nano-boa run bench/idle-timer.js
