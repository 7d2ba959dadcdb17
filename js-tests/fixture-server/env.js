/*---
description: >
  fixture-server.js defines FIXTURE with the base URLs of the fixture server
  that `nano-boa test` starts for this test: http and bad on 127.0.0.1,
  https and httpsUntrusted on localhost (the name the certificates carry),
  each with a port and no trailing slash; workers trust the fixture CA
  through SSL_CERT_FILE.
includes: [fixture-server.js]
---*/

function checkBase(name, scheme, host) {
  var base = FIXTURE[name];
  assert.sameValue(typeof base, "string", name + " is a string");
  var url = new URL(base);
  assert.sameValue(url.protocol, scheme, name + " scheme");
  assert.sameValue(url.hostname, host, name + " host");
  assert(/^[1-9][0-9]*$/.test(url.port), name + " has an explicit port: " + base);
  assert.sameValue(url.pathname, "/", name + " has no path");
  assert.sameValue(url.search + url.hash, "", name + " has no query or fragment");
  assert.sameValue(base.charAt(base.length - 1) === "/", false, name + " has no trailing slash");
  assert.sameValue(base, url.origin, name + " is an origin");
  return url.port;
}

var ports = [
  checkBase("http", "http:", "127.0.0.1"),
  checkBase("https", "https:", "localhost"),
  checkBase("httpsUntrusted", "https:", "localhost"),
  checkBase("bad", "http:", "127.0.0.1")
];
for (var i = 0; i < ports.length; i++) {
  for (var j = i + 1; j < ports.length; j++) {
    assert.notSameValue(ports[i], ports[j], "listeners " + i + " and " + j + " have their own ports");
  }
}

assert(Object.isFrozen(FIXTURE), "FIXTURE is frozen");
var caFile = process.env.SSL_CERT_FILE;
assert.sameValue(typeof caFile, "string", "SSL_CERT_FILE is set for workers");
assert(/\.pem$/.test(caFile), "SSL_CERT_FILE names a PEM file: " + caFile);
