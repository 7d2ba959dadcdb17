# Helpers of the serve benchmarks (serve.sh, density.sh); sourced, not run.
# Expects the repository root as the working directory. The peers (bun,
# deno, workerd), the tools and the release binary come from bench/peers.sh.

. bench/peers.sh

# The server under test (started by the caller, which sets server_pid);
# stop_server kills it and waits, and does nothing when none runs.
server_pid=""
stop_server() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
}

# Prints the versions of the runtimes, one line, for the README's date line.
serve_versions() {
    local v="nano-boa $("$NANO" --version | awk '{print $NF}')"
    command -v node >/dev/null && v+=", node $(node --version)"
    v+=", bun $("$bun" --version), deno $("$deno" --version | awk 'NR==1 {print $2}')"
    v+=", workerd $("$workerd" --version | awk '{print $NF}'), $(wrk --version 2>&1 | awk 'NR==1 {print $1, $2}')"
    echo "$v"
}

# A free TCP port on 127.0.0.1 (the kernel's pick; released before use).
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_for_port PORT [PID]: polls with curl until something answers HTTP on
# PORT (any status), for up to 30 s; fails early when PID has exited.
wait_for_port() {
    local port=$1 pid=${2:-}
    for _ in $(seq 300); do
        curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/" && return 0
        if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
            echo "server (pid $pid) exited before port $port was ready" >&2
            return 1
        fi
        sleep 0.1
    done
    echo "port $port not ready after 30 s" >&2
    return 1
}

# workerd_config DIR PORT MODULE...: writes DIR/config.capnp serving each
# MODULE (copied into DIR) as its own ES-module worker. One module: a socket
# on PORT for it. Several: a socket on PORT routed by Host header
# (appN.test -> worker N) through workerd's built-in host-based routing is
# not available, so each worker gets its own socket on PORT+N instead.
workerd_config() {
    local dir=$1 port=$2
    shift 2
    local services="" sockets="" workers="" i=0
    for module in "$@"; do
        local name="w$i.js"
        cp "$module" "$dir/$name"
        services+="    (name = \"w$i\", worker = .w$i),"$'\n'
        sockets+="    (name = \"s$i\", address = \"127.0.0.1:$((port + i))\", http = (), service = \"w$i\"),"$'\n'
        workers+="const w$i :Workerd.Worker = (modules = [(name = \"$name\", esModule = embed \"$name\")], compatibilityDate = \"2024-09-23\");"$'\n'
        i=$((i + 1))
    done
    cat > "$dir/config.capnp" <<CAPNP
using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
$services  ],
  sockets = [
$sockets  ],
);
$workers
CAPNP
}
