# Peer runtimes and tools shared by the benchmark scripts; sourced, not run.
# Expects the repository root as the working directory. Sets:
#   bun, deno, workerd  paths of the peer binaries (installed from the npm
#                       registry into bench/.peers/ on first use)
#   NANO                the nano-boa binary (the release build cargo reports)
# and makes sure hyperfine, /usr/bin/time, wrk, curl and an up-to-date
# release binary exist (Debian packages). node comes from the machine;
# callers check `command -v node`.

peers=bench/.peers
bun=$peers/node_modules/@oven/bun-linux-x64/bin/bun
deno=$peers/node_modules/@deno/linux-x64-glibc/deno
workerd=$peers/node_modules/@cloudflare/workerd-linux-64/bin/workerd
if [ ! -x "$bun" ] || [ ! -x "$deno" ] || [ ! -x "$workerd" ]; then
    npm install --silent --no-audit --no-fund --prefix "$peers" \
        @oven/bun-linux-x64 @deno/linux-x64-glibc @cloudflare/workerd-linux-64
fi
# Debian package names of the commands the benchmarks use.
for tool in hyperfine:hyperfine /usr/bin/time:time wrk:wrk curl:curl; do
    command -v "${tool%%:*}" >/dev/null || { apt-get update -qq && apt-get install -y -qq "${tool##*:}"; }
done
# cargo decides whether the release binary is stale (a no-op when it is not).
# NANO is the binary under test: the release build where cargo puts it
# (CARGO_TARGET_DIR is honoured), unless the caller names another.
if [ -z "${NANO:-}" ]; then
    cargo build --release --quiet
    NANO="$(cargo metadata --format-version 1 --no-deps |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')/release/nano-boa"
fi

# Prints the versions of the runtimes, one line, for the README's date line.
peer_versions() {
    local v="nano-boa $("$NANO" --version | awk '{print $NF}')"
    command -v node >/dev/null && v+=", node $(node --version)"
    v+=", bun $("$bun" --version), deno $("$deno" --version | awk 'NR==1 {print $2}')"
    echo "$v"
}

# print_table HYPERFINE_JSON EXTRAS HEADER...: a markdown table of the
# hyperfine results (median, mean ± σ, ratio of medians to nano-boa), then
# one column per HEADER, read from EXTRAS: lines "name value value ...".
print_table() {
    python3 - "$@" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
extras = {}
for line in open(sys.argv[2]):
    if line.strip():
        name, *values = line.split()
        extras[name] = values
headers = sys.argv[3:]
base = next(r for r in results if r["command"] == "nano-boa")["median"]
print()
print("| runtime | median (ms) | mean ± σ (ms) | ratio to nano-boa | " + " | ".join(headers) + " |")
print("|---" * (4 + len(headers)) + "|")
for r in results:
    cells = [r["command"], f"{r['median']*1000:.1f}", f"{r['mean']*1000:.1f} ± {r['stddev']*1000:.1f}",
             f"{r['median']/base:.2f}×"]
    values = extras.get(r["command"], [])
    cells += [values[i] if i < len(values) else "" for i in range(len(headers))]
    print("| " + " | ".join(cells) + " |")
PY
}
