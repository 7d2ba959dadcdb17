// nano-boa test harness: element-wise array comparison with SameValue.

function compareArray(a, b) {
  if (a.length !== b.length) {
    return false;
  }
  for (var i = 0; i < a.length; i++) {
    if (!assert._isSameValue(a[i], b[i])) {
      return false;
    }
  }
  return true;
}

compareArray.format = function (list) {
  var parts = [];
  for (var i = 0; i < list.length; i++) {
    parts.push(assert._format(list[i]));
  }
  return "[" + parts.join(", ") + "]";
};

assert.compareArray = function (actual, expected, message) {
  if (actual == null || expected == null) {
    throw new Test262Error(
      assert._prefix(message) + "assert.compareArray needs two array-likes, got " +
        assert._format(actual) + " and " + assert._format(expected)
    );
  }
  if (compareArray(actual, expected)) {
    return;
  }
  throw new Test262Error(
    assert._prefix(message) + "Expected " + compareArray.format(actual) +
      " and " + compareArray.format(expected) + " to have the same contents"
  );
};
