// nano-boa test harness: the local fixture server for network tests.
//
// FIXTURE holds base URLs (no trailing slash) of the server `nano-boa test`
// starts when a selected test includes this file:
//   http            plain HTTP
//   https           certificate for localhost and 127.0.0.1, signed by the
//                   fixture CA that workers trust through SSL_CERT_FILE
//   httpsUntrusted  the same routes, certificate signed by a CA nobody trusts
//   bad             a raw server that breaks HTTP on purpose
// Routes: js-tests/README.md and src/test262/fixture_server/.

var FIXTURE = (function () {
  var env = typeof process === "object" && process !== null ? process.env : undefined;
  if (!env) {
    throw new Test262Error("fixture-server.js: process.env is not available");
  }
  if (env.NANO_FIXTURE_ERROR) {
    throw new Test262Error("the fixture server did not start: " + env.NANO_FIXTURE_ERROR);
  }
  function url(name) {
    var value = env[name];
    if (typeof value !== "string" || value === "") {
      throw new Test262Error(
        name + " is not set: tests that include fixture-server.js run under `nano-boa test`, " +
        "which starts the fixture server"
      );
    }
    return value;
  }
  return Object.freeze({
    http: url("NANO_FIXTURE_HTTP"),
    https: url("NANO_FIXTURE_HTTPS"),
    httpsUntrusted: url("NANO_FIXTURE_HTTPS_UNTRUSTED"),
    bad: url("NANO_FIXTURE_BAD")
  });
})();

// The value of header `name` (lowercase) in a `/echo` reply, repeated
// fields joined with ", " as the Fetch API combines them; null when absent.
function echoHeader(echo, name) {
  var values = [];
  for (var i = 0; i < echo.headers.length; i++) {
    if (echo.headers[i][0] === name) values.push(echo.headers[i][1]);
  }
  return values.length === 0 ? null : values.join(", ");
}
