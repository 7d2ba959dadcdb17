// Signs and verifies JWTs with jose (bundled into dist/jose.mjs by
// `npm run build`) using the fixed test keys in keys/. Runs unchanged on
// nano-boa and node:
//
//   nano-boa run jwt.mjs            one JSON line per algorithm, then the error cases
//   node jwt.mjs
//   nano-boa run jwt.mjs verify TOKEN...   verifies tokens made elsewhere
//
// HS256, RS256 and EdDSA signatures are deterministic, so their tokens are
// the same bytes on every runtime; ES256 signatures are randomized (node) or
// RFC 6979 deterministic (nano-boa), so those are compared by verifying each
// runtime's token on the other (`verify` mode).
//
// keys/*.jwk.json are test keys, generated once with node (jose's
// generateSecret/generateKeyPair, then exportJWK, with an added kid): never
// use them for anything real.
import * as jose from "./dist/jose.mjs";
import hs256 from "./keys/hs256.jwk.json" with { type: "json" };
import es256 from "./keys/es256.jwk.json" with { type: "json" };
import rs256 from "./keys/rs256.jwk.json" with { type: "json" };
import eddsa from "./keys/eddsa.jwk.json" with { type: "json" };

const ISSUED_AT = 1700000000; // 2023-11-14T22:13:20Z
const EXPIRES = 4102444800; // 2100-01-01T00:00:00Z
const EXPIRED = 1700000600; // ten minutes after ISSUED_AT, long past
const CLAIMS = { sub: "user-42", name: "Ada", admin: true, scope: ["read", "write"] };
const ISSUER = "urn:nano-boa:example";
const AUDIENCE = "urn:nano-boa:audience";

const JWKS = { HS256: hs256, ES256: es256, RS256: rs256, EdDSA: eddsa };

// The public half of a private JWK: drop the private members (RFC 7518
// §6.2.2, §6.3.2; RFC 8037 §2). A symmetric key stays as it is.
function publicJwk(jwk) {
  if (jwk.kty === "oct") return jwk;
  const { d, p, q, dp, dq, qi, ...pub } = jwk;
  return pub;
}

async function keysFor(alg) {
  const jwk = JWKS[alg];
  return {
    signing: await jose.importJWK(jwk, alg),
    verifying: await jose.importJWK(publicJwk(jwk), alg),
  };
}

function sign(alg, key, exp) {
  return new jose.SignJWT(CLAIMS)
    .setProtectedHeader({ alg, kid: JWKS[alg].kid, typ: "JWT" })
    .setIssuedAt(ISSUED_AT)
    .setExpirationTime(exp)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .sign(key);
}

function verify(token, key) {
  return jose.jwtVerify(token, key, { issuer: ISSUER, audience: AUDIENCE });
}

// The error code jose gives a failed verification (its errors carry `code`).
async function failureCode(token, key) {
  try {
    await verify(token, key);
    return "verified";
  } catch (error) {
    return error.code ?? `${error.name}: ${error.message}`;
  }
}

// Flips one character of the payload segment, keeping it valid base64url.
function tamper(token) {
  const [header, payload, signature] = token.split(".");
  const i = payload.length >> 1;
  const flipped = payload[i] === "A" ? "B" : "A";
  return [header, payload.slice(0, i) + flipped + payload.slice(i + 1), signature].join(".");
}

async function signAll() {
  for (const alg of Object.keys(JWKS)) {
    const { signing, verifying } = await keysFor(alg);
    const token = await sign(alg, signing, EXPIRES);
    const { payload, protectedHeader } = await verify(token, verifying);
    console.log(JSON.stringify({ alg, token, payload, protectedHeader }));
  }
  for (const alg of Object.keys(JWKS)) {
    const { signing, verifying } = await keysFor(alg);
    const token = await sign(alg, signing, EXPIRES);
    const code = await failureCode(tamper(token), verifying);
    console.log(JSON.stringify({ case: "tampered", alg, code }));
  }
  for (const alg of Object.keys(JWKS)) {
    const { signing, verifying } = await keysFor(alg);
    const token = await sign(alg, signing, EXPIRED);
    const code = await failureCode(token, verifying);
    console.log(JSON.stringify({ case: "expired", alg, code }));
  }
}

// `verify TOKEN...`: one JSON line per token, with the algorithm taken from
// the token's own header.
async function verifyGiven(tokens) {
  for (const token of tokens) {
    const { alg } = jose.decodeProtectedHeader(token);
    const { verifying } = await keysFor(alg);
    try {
      const { payload, protectedHeader } = await verify(token, verifying);
      console.log(JSON.stringify({ alg, verified: true, payload, protectedHeader }));
    } catch (error) {
      console.log(JSON.stringify({ alg, verified: false, code: error.code ?? String(error) }));
    }
  }
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === "verify") await verifyGiven(rest);
else await signAll();
