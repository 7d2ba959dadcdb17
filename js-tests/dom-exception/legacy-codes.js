/*---
description: >
  The legacy code constants on DOMException and its prototype, and the
  code of each named error (WebIDL "DOMException names" table). Checked on node v20.
includes: [propertyHelper.js]
---*/

var table = [
  ["IndexSizeError", "INDEX_SIZE_ERR", 1],
  ["HierarchyRequestError", "HIERARCHY_REQUEST_ERR", 3],
  ["InvalidCharacterError", "INVALID_CHARACTER_ERR", 5],
  ["NotFoundError", "NOT_FOUND_ERR", 8],
  ["NotSupportedError", "NOT_SUPPORTED_ERR", 9],
  ["InvalidStateError", "INVALID_STATE_ERR", 11],
  ["SyntaxError", "SYNTAX_ERR", 12],
  ["InvalidAccessError", "INVALID_ACCESS_ERR", 15],
  ["SecurityError", "SECURITY_ERR", 18],
  ["NetworkError", "NETWORK_ERR", 19],
  ["AbortError", "ABORT_ERR", 20],
  ["QuotaExceededError", "QUOTA_EXCEEDED_ERR", 22],
  ["TimeoutError", "TIMEOUT_ERR", 23],
  ["DataCloneError", "DATA_CLONE_ERR", 25]
];
table.forEach(function (row) {
  assert.sameValue(new DOMException("", row[0]).code, row[2], row[0] + " code");
  assert.sameValue(DOMException[row[1]], row[2], "DOMException." + row[1]);
  assert.sameValue(DOMException.prototype[row[1]], row[2], "prototype." + row[1]);
});

verifyProperty(DOMException, "ABORT_ERR", {
  value: 20, writable: false, enumerable: true, configurable: false
});

// The three constants whose names are no longer used (node v20 has them
// too): the constants exist, but no name maps to their code.
[["DOMSTRING_SIZE_ERR", 2], ["NO_DATA_ALLOWED_ERR", 6], ["VALIDATION_ERR", 16]].forEach(function (row) {
  assert.sameValue(DOMException[row[0]], row[1], "DOMException." + row[0]);
  assert.sameValue(DOMException.prototype[row[0]], row[1], "prototype." + row[0]);
});
assert.sameValue(new DOMException("", "ValidationError").code, 0, "ValidationError has no code");
assert.sameValue(Object.keys(DOMException).length, 25, "25 constants");
