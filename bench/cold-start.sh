#!/usr/bin/env bash
# Cold start: wall time of a process that prints one line and exits, for
# nano-boa and its peers, in the same hyperfine run on the same machine.
# Peers come from the npm registry (bun, deno) and the machine (node); see
# bench/peers.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/peers.sh

echo "$(date -u +%F), $(nproc) cores; $(peer_versions)"
mkdir -p bench/results
out=bench/results/cold-start.json
cmds=(-n nano-boa "$NANO run bench/hello.js")
command -v node >/dev/null && cmds+=(-n node "node bench/hello.js")
cmds+=(-n bun "$bun bench/hello.js")
cmds+=(-n deno "$deno run --quiet bench/hello.js")
hyperfine -N --warmup 10 --runs "${RUNS:-100}" --export-json "$out" "${cmds[@]}"

# Peak resident memory of the same process: median of 5 runs, in MiB.
rss() {
    for _ in 1 2 3 4 5; do /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -n 1; done |
        sort -n | sed -n 3p | awk '{printf "%.1f", $1 / 1024}'
}
{
    echo "nano-boa $(rss "$NANO" run bench/hello.js)"
    command -v node >/dev/null && echo "node $(rss node bench/hello.js)"
    echo "bun $(rss "$bun" bench/hello.js)"
    echo "deno $(rss "$deno" run --quiet bench/hello.js)"
} > bench/results/cold-start-rss.txt

print_table "$out" bench/results/cold-start-rss.txt "peak RSS (MiB)"

echo
echo "Idle process with one pending 2 s timer (CPU time should be ~0):"
/usr/bin/time -f "wall %e s, user %U s, sys %S s, max RSS %M KiB" "$NANO" run bench/idle-timer.js
