#!/usr/bin/env bash
# Re-records examples/hono/expected.json: the answers of `deno serve` running
# the same bundle (dist/app.mjs) to the requests in requests.json.
#
#   bash examples/hono/record-expected.sh        (DENO=path to use a given deno)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../interop/lib.sh"

build_example "$here"
find_deno
echo "recording with $("$deno" --version | head -1)" >&2
port=$(free_port)
"$deno" serve --quiet --port "$port" "$here/dist/app.mjs" >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; [ -z "$deno_tmp" ] || rm -rf "$deno_tmp"' EXIT
wait_for_port "$port" "$server" || { echo "deno serve did not start" >&2; exit 1; }
python3 "$here/../interop/http_cases.py" record "http://127.0.0.1:$port" "$here/requests.json" >"$here/expected.json.new"
mv "$here/expected.json.new" "$here/expected.json"
echo "wrote $here/expected.json" >&2
