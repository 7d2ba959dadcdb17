/*---
description: >
  A JSON module is imported with the type attribute (ECMA-262 import
  attributes and JSON modules); its default export is the parsed value.
flags: [module]
includes: [compareArray.js]
features: [import-attributes, json-modules]
---*/

import data from "./data_FIXTURE.json" with { type: "json" };

assert.sameValue(data.name, "nano-boa");
assert.compareArray(data.list, [1, 2, 3]);
assert.sameValue(data.nested.ok, true);
