#!/usr/bin/env python3
"""Runs examples/jwt/jwt.mjs on nano-boa and on node and compares them.

  jwt_check.py NANO_BOA_BINARY

Prints "PASS<TAB>what" or "FAIL<TAB>what<TAB>why" lines for check.sh:
- HS256, RS256 and EdDSA: byte-identical tokens, same payload and header;
- ES256 (randomized signatures on node): same header and payload segments,
  and each runtime's token verifies on the other;
- every token of one runtime verifies on the other;
- tampered and expired tokens fail with the same jose error codes.
"""

import json
import os
import subprocess
import sys

JWT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "jwt")
DETERMINISTIC = {"HS256", "RS256", "EdDSA"}
EXPECTED_CODES = {"tampered": "ERR_JWS_SIGNATURE_VERIFICATION_FAILED", "expired": "ERR_JWT_EXPIRED"}


def run(command):
    done = subprocess.run(command, cwd=JWT_DIR, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {done.stderr.strip()}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def result(ok, what, why=""):
    print(("PASS" if ok else "FAIL") + f"\tjwt: {what}" + (f"\t{why}" if why and not ok else ""))


def main():
    # A relative path is relative to where the check started, not JWT_DIR.
    nano_boa = os.path.abspath(sys.argv[1]) if os.sep in sys.argv[1] else sys.argv[1]
    runtimes = {"node": ["node", "jwt.mjs"], "nano-boa": [nano_boa, "run", "jwt.mjs"]}
    outputs = {}
    for name, command in runtimes.items():
        try:
            outputs[name] = run(command)
        except Exception as error:  # the whole comparison fails, with the reason
            result(False, f"jwt.mjs runs on {name}", str(error))
            return
    node, nano = outputs["node"], outputs["nano-boa"]
    signed = {name: {r["alg"]: r for r in out if "token" in r} for name, out in outputs.items()}

    for alg, want in signed["node"].items():
        got = signed["nano-boa"].get(alg)
        if got is None:
            result(False, f"{alg} signed", "no line from nano-boa")
            continue
        same_claims = got["payload"] == want["payload"] and got["protectedHeader"] == want["protectedHeader"]
        if alg in DETERMINISTIC:
            ok = got["token"] == want["token"] and same_claims
            result(ok, f"{alg} token identical to node's", f"node {want['token']}\n nano-boa {got['token']}")
        else:
            ok = got["token"].split(".")[:2] == want["token"].split(".")[:2] and same_claims
            result(ok, f"{alg} header and payload identical to node's (signature randomized)")

    # Cross-verification: each runtime verifies the other's tokens.
    for signer, verifier in (("node", "nano-boa"), ("nano-boa", "node")):
        tokens = [r["token"] for r in signed[signer].values()]
        try:
            verdicts = run(runtimes[verifier] + ["verify", *tokens])
        except Exception as error:
            result(False, f"{verifier} verifies {signer}'s tokens", str(error))
            continue
        for verdict in verdicts:
            result(verdict.get("verified") is True, f"{verifier} verifies {signer}'s {verdict['alg']} token",
                   json.dumps(verdict))

    # Error cases: the same jose error code on both, and the one expected.
    cases = {name: {(r["case"], r["alg"]): r["code"] for r in out if "case" in r} for name, out in outputs.items()}
    for key, want in cases["node"].items():
        got = cases["nano-boa"].get(key)
        ok = got == want == EXPECTED_CODES[key[0]]
        result(ok, f"{key[0]} {key[1]} token fails with {EXPECTED_CODES[key[0]]}", f"node {want}, nano-boa {got}")
    if len(node) != len(nano):
        result(False, "same number of lines", f"node {len(node)}, nano-boa {len(nano)}")


if __name__ == "__main__":
    main()
