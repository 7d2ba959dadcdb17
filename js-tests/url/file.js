/*---
description: >
  file: URLs (WHATWG URL "file state"; values are node v20's output).
---*/

var url = new URL("file:///home/user/a%20b.txt");
assert.sameValue(url.protocol, "file:", "protocol");
assert.sameValue(url.host, "", "empty host");
assert.sameValue(url.pathname, "/home/user/a%20b.txt", "pathname");
assert.sameValue(url.origin, "null", "opaque origin");
assert.sameValue(new URL("file:/tmp/x").href, "file:///tmp/x", "one slash");
assert.sameValue(new URL("file://localhost/tmp/x").href, "file:///tmp/x", "localhost becomes empty");
assert.sameValue(new URL("file://server/share/x").host, "server", "UNC-like host");
assert.sameValue(new URL("file:///C:/Users/../x").pathname, "/C:/x", "Windows drive letter");
assert.sameValue(new URL("../../x", "file:///C:/a/b").href, "file:///C:/x", "drive letter not popped");
assert.sameValue(new URL("y.js", "file:///tmp/x.js").href, "file:///tmp/y.js", "relative to a file URL");
