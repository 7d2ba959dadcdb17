/*---
description: >
  The URL setters follow the URL Standard's setter algorithms: a value the
  state override rejects leaves the URL unchanged (values are node v20's
  output).
---*/

var url = new URL("https://user:pass@example.com:8080/p?q=1#h");

url.protocol = "http";
assert.sameValue(url.href, "http://user:pass@example.com:8080/p?q=1#h", "protocol without colon");
url.protocol = "ftp:junk";
assert.sameValue(url.protocol, "ftp:", "protocol stops at the colon");
url.protocol = "foo";
assert.sameValue(url.protocol, "ftp:", "special to non-special is ignored");
url.protocol = "1http";
assert.sameValue(url.protocol, "ftp:", "invalid scheme is ignored");
url.protocol = "https";

url.username = "us er";
assert.sameValue(url.username, "us%20er", "username is percent-encoded");
url.password = "p@ss";
assert.sameValue(url.password, "p%40ss", "password is percent-encoded");
url.password = "";
assert.sameValue(url.href, "https://us%20er@example.com:8080/p?q=1#h", "empty password drops the colon");
url.username = "";
assert.sameValue(url.href, "https://example.com:8080/p?q=1#h", "empty username drops the @");

url.host = "other.org:9090";
assert.sameValue(url.host, "other.org:9090", "host with port");
url.host = "";
assert.sameValue(url.host, "other.org:9090", "empty host ignored for special URLs");
url.hostname = "third.net";
assert.sameValue(url.host, "third.net:9090", "hostname keeps the port");
url.hostname = "fourth.net:1";
assert.sameValue(url.host, "third.net:9090", "hostname with a colon is ignored");
url.hostname = "bad host";
assert.sameValue(url.hostname, "third.net", "invalid hostname ignored");

url.port = "443";
assert.sameValue(url.port, "", "default port becomes empty");
url.port = "8000abc";
assert.sameValue(url.port, "8000", "port stops at the first non-digit");
url.port = "99999";
assert.sameValue(url.port, "8000", "out-of-range port ignored");
url.port = "x";
assert.sameValue(url.port, "8000", "non-numeric port ignored");
url.port = "";
assert.sameValue(url.port, "", "empty port removes it");

url.pathname = "a b/../c";
assert.sameValue(url.pathname, "/c", "pathname gets a slash, dot segments, encoding");
url.pathname = "";
assert.sameValue(url.pathname, "/", "empty pathname of a special URL");

url.search = "x=1 2";
assert.sameValue(url.search, "?x=1%202", "search without ?");
url.search = "??y";
assert.sameValue(url.search, "??y", "only one ? stripped");
url.search = "";
assert.sameValue(url.href, "https://third.net/#h", "empty search removes the ?");

url.hash = "frag ment";
assert.sameValue(url.hash, "#frag%20ment", "hash without #");
url.hash = "";
assert.sameValue(url.href, "https://third.net/", "empty hash removes the #");

var mail = new URL("mailto:someone@example.com");
mail.pathname = "other@example.com";
assert.sameValue(mail.pathname, "someone@example.com", "opaque path cannot be set");
mail.host = "example.org";
assert.sameValue(mail.host, "", "no host on an opaque-path URL");

var file = new URL("file:///tmp/x");
file.port = "80";
assert.sameValue(file.port, "", "file URLs have no port");
file.username = "u";
assert.sameValue(file.username, "", "file URLs have no credentials");

assert.sameValue(Reflect.set(url, "origin", "http://ignored.com"), false, "origin has no setter");
assert.sameValue(url.origin, "https://third.net", "origin is read-only");

// Between special schemes and file: (scheme state with a state override).
var toFile = new URL("http://ex.com/p?q#h");
toFile.protocol = "file";
assert.sameValue(toFile.href, "file://ex.com/p?q#h", "http to file keeps the host");
var withUser = new URL("http://u@ex.com/");
withUser.protocol = "file";
assert.sameValue(withUser.href, "http://u@ex.com/", "not with credentials");
var withPort = new URL("http://ex.com:81/");
withPort.protocol = "file";
assert.sameValue(withPort.href, "http://ex.com:81/", "not with a port");
var fromFile = new URL("file://server/x");
fromFile.protocol = "http";
assert.sameValue(fromFile.href, "http://server/x", "file with a host to http");
var emptyHost = new URL("file:///x");
emptyHost.protocol = "http";
assert.sameValue(emptyHost.href, "file:///x", "file with an empty host stays");
