/*---
description: >
  import.meta.url is the module's file: URL (HTML and node set it to the
  module's absolute URL).
flags: [module]
---*/

assert.sameValue(typeof import.meta, "object", "import.meta is an object");
assert.sameValue(typeof import.meta.url, "string", "url is a string");
assert(import.meta.url.startsWith("file:///"), "starts with file:///: " + import.meta.url);
assert(import.meta.url.endsWith("/modules/import-meta-url.js"),
  "ends with the file name: " + import.meta.url);
assert.sameValue(new URL(import.meta.url).protocol, "file:", "parses as a file: URL");
