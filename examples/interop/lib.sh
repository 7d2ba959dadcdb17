# Helpers shared by check.sh and examples/hono/record-expected.sh; sourced.

# npm ci + build in an example directory (only the npm registry is needed).
build_example() {
    (cd "$1" && npm ci --silent --no-audit --no-fund && npm run --silent build >/dev/null)
}

# A TCP port nobody listens on right now.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_for_port PORT PID: waits until something answers HTTP on PORT
# (up to 30 s), failing early if process PID has exited.
wait_for_port() {
    for _ in $(seq 300); do
        curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0
        kill -0 "$2" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

# Sets `deno` to a deno binary: $DENO, or one installed from the npm
# registry (@deno/linux-x64-glibc, as bench/peers.sh does) into a temporary
# directory, `deno_tmp` (empty when $DENO was used), for the caller to remove.
find_deno() {
    deno_tmp=""
    if [ -n "${DENO:-}" ]; then deno=$DENO; return; fi
    deno_tmp=$(mktemp -d)
    npm install --silent --no-audit --no-fund --prefix "$deno_tmp" @deno/linux-x64-glibc >&2
    deno="$deno_tmp/node_modules/@deno/linux-x64-glibc/deno"
}
