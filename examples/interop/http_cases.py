#!/usr/bin/env python3
"""Sends a fixed list of HTTP requests with curl and compares the answers.

  http_cases.py record BASE_URL REQUESTS.json > responses.json
  http_cases.py compare EXPECTED.json ACTUAL.json REQUESTS.json
  http_cases.py stream-timing URL GAP_MS GAPS

`record` runs curl once per request of REQUESTS.json (name, method, path,
headers, body or form fields) and prints, per request name, the status, the
headers (all but IGNORED; PRESENT ones by presence) and the body. `compare` prints one line per request,
"PASS<TAB>name" or "FAIL<TAB>name<TAB>what differs", for check.sh to count.
`stream-timing` reads a streamed response chunk by chunk and checks that the
first chunk came before the handler could have written the last one.
"""

import base64
import hashlib
import http.client
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse

# Every response header is compared by value (names lowercased: HTTP field
# names are case-insensitive, and deno keeps the case the app used), but
# these: the date, and connection management, which is the server's own.
IGNORED = {"date", "connection", "keep-alive"}
# Headers whose value varies between runs: compared by presence only.
PRESENT = {"x-elapsed-ms"}


def curl_args(case, base, tmp):
    args = ["curl", "-sS", "--max-time", "20", "-H", "expect:"]
    method = case.get("method", "GET")
    if method == "HEAD":
        args.append("--head")
    elif method != "GET" or "body" in case:
        args += ["-X", method]
    for header in case.get("headers", []):
        args += ["-H", header]
    if "body" in case:
        args += ["--data-binary", case["body"]]
    if "body_repeat" in case:
        # A large body: TEXT repeated COUNT times, sent from a file.
        text, count = case["body_repeat"]
        path = os.path.join(tmp, "request-body")
        with open(path, "w") as f:
            f.write(text * count)
        args += ["--data-binary", "@" + path]
    for field in case.get("form", []):
        args += ["-F", field]
    if case.get("compressed"):
        # Asks for gzip and decodes it: compressors may differ in their
        # bytes, not in what they decode to.
        args += ["-H", "accept-encoding: gzip", "--compressed"]
    return args + [base + case["path"]]


def parse_head(raw):
    """Status and headers of the last response head curl wrote (-D)."""
    blocks = [b for b in raw.replace("\r\n", "\n").split("\n\n") if b.strip()]
    lines = blocks[-1].split("\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        name = name.strip().lower()
        value = value.strip()
        if name in PRESENT:
            headers[name] = ["(present)"]
        elif name not in IGNORED:
            headers.setdefault(name, []).append(value)
    return status, headers


def body_text(data):
    if len(data) > 4096:
        # Large bodies are recorded by their length and digest.
        return f"{len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}"
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return "base64:" + base64.b64encode(data).decode("ascii")


def record(base, requests_path):
    cases = json.load(open(requests_path))
    # Form fields name files relative to the requests file.
    os.chdir(os.path.dirname(os.path.abspath(requests_path)))
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        head_path, body_path = os.path.join(tmp, "head"), os.path.join(tmp, "body")
        for case in cases:
            # With --head curl writes the head as its output: the body is empty.
            output = os.devnull if case.get("method") == "HEAD" else body_path
            args = curl_args(case, base, tmp) + ["-D", head_path, "-o", output]
            done = subprocess.run(args, capture_output=True, text=True)
            if done.returncode != 0:
                out[case["name"]] = {"error": f"curl exit {done.returncode}: {done.stderr.strip()}"}
                continue
            status, headers = parse_head(open(head_path, encoding="latin-1").read())
            body = open(body_path, "rb").read() if os.path.exists(body_path) else b""
            out[case["name"]] = {"status": status, "headers": headers, "body": body_text(body)}
            if os.path.exists(body_path):
                os.remove(body_path)
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False, sort_keys=True)
    print()


def compare(expected_path, actual_path, requests_path):
    expected = json.load(open(expected_path))
    actual = json.load(open(actual_path))
    failed = 0
    for case in json.load(open(requests_path)):
        name = case["name"]
        want, got = dict(expected.get(name, {})), dict(actual.get(name, {}))
        # A case may name headers where the two servers are both right but
        # differ (the reason is in the case's "note").
        for header in case.get("ignore_headers", []):
            for response in (want, got):
                response["headers"] = {
                    k: v for k, v in response.get("headers", {}).items() if k != header
                }
        diffs = []
        if "error" in got or "error" in want:
            diffs.append(f"expected {want.get('error', 'a response')}, got {got.get('error', 'a response')}")
        else:
            if want.get("status") != got.get("status"):
                diffs.append(f"status {got.get('status')} != {want.get('status')}")
            wh, gh = want.get("headers", {}), got.get("headers", {})
            for header in sorted(set(wh) | set(gh)):
                if wh.get(header) != gh.get(header):
                    diffs.append(f"{header}: {gh.get(header)} != {wh.get(header)}")
            if want.get("body") != got.get("body"):
                diffs.append(f"body {got.get('body')!r} != {want.get('body')!r}")
        if diffs:
            failed += 1
            print(f"FAIL\thono: {name}\t" + "; ".join(diffs))
        else:
            print(f"PASS\thono: {name}")
    return failed


def stream_timing(url, gap_ms, gaps):
    """First chunk before the handler's last write: the route sleeps gap_ms
    between chunks, `gaps` times before its last write, so a server that
    buffered the whole body would deliver its first byte only after
    gaps * gap_ms."""
    parts = urllib.parse.urlsplit(url)
    start = time.monotonic()
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=20)
    conn.request("GET", parts.path + ("?" + parts.query if parts.query else ""))
    response = conn.getresponse()
    arrivals = []
    while True:
        chunk = response.read1(65536)
        if not chunk:
            break
        arrivals.append(((time.monotonic() - start) * 1000, len(chunk)))
    conn.close()
    first, last = arrivals[0][0], arrivals[-1][0]
    report = f"{len(arrivals)} reads, at " + ", ".join(f"{t:.0f}" for t, _ in arrivals) + " ms"
    # Buffered, every chunk would come in the last read: the first must come
    # `gaps` gaps before the last (timers may fire a little early or late).
    # How soon it comes after the request is reported, not checked: the
    # first stream in an app instance also builds the streams classes.
    ok = len(arrivals) >= 2 and last - first >= gaps * gap_ms * 0.9
    print(("PASS" if ok else "FAIL") + f"\tstreaming {parts.path}: first chunk before the last write\t{report}")
    return 0 if ok else 1


def main():
    command, *args = sys.argv[1:]
    if command == "record":
        record(*args)
    elif command == "compare":
        sys.exit(1 if compare(*args) else 0)
    elif command == "stream-timing":
        sys.exit(stream_timing(args[0], int(args[1]), int(args[2])))
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main()
