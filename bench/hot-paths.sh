#!/usr/bin/env bash
# Hot paths of a request, per operation: bench/hot-paths.js (JSON.parse and
# JSON.stringify of a 68 KB payload, Response.json() of it, new URL(u)
# .pathname, an event dispatch, an aborted AbortController) run by nano-boa, node, deno and bun; ROUNDS runs each (default
# 3), the table shows the median of the runs' medians, in µs, and each
# runtime's ratio to node.
#
# Env: ROUNDS (default 3), NANO (the binary; default the release build cargo
# reports), RUNTIMES (default "nano-boa node deno bun").
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/peers.sh

rounds=${ROUNDS:-3}
runtimes=${RUNTIMES:-"nano-boa node deno bun"}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

for round in $(seq "$rounds"); do
    for runtime in $runtimes; do
        case $runtime in
            nano-boa) cmd=("$NANO" run bench/hot-paths.js) ;;
            node) cmd=(node bench/hot-paths.js) ;;
            deno) cmd=("$deno" run -q bench/hot-paths.js) ;;
            bun) cmd=("$bun" bench/hot-paths.js) ;;
            *) echo "unknown runtime $runtime" >&2; exit 2 ;;
        esac
        "${cmd[@]}" | sed "s/^/$runtime /" >>"$out"
    done
done

echo "$(peer_versions); $(nproc) cores; $(date -u +%Y-%m-%d); commit $(git rev-parse --short HEAD); median of $rounds runs"
python3 - "$out" $runtimes <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
runtimes = sys.argv[2:]
ops = list(dict.fromkeys(r[1] for r in rows))
med = {(rt, op): statistics.median(float(r[2]) for r in rows if r[0] == rt and r[1] == op)
       for rt in runtimes for op in ops}
print()
print("| operation (µs) | " + " | ".join(runtimes) + " | nano-boa / node |")
print("|---" * (len(runtimes) + 2) + "|")
for op in ops:
    cells = [f"{med[(rt, op)]:,.2f}" for rt in runtimes]
    ratio = med[("nano-boa", op)] / med[("node", op)] if "node" in runtimes else float("nan")
    print(f"| {op} | " + " | ".join(cells) + f" | {ratio:.1f}× |")
PY
