// nano-boa test harness: assertions. Each failure throws a Test262Error
// whose message says what was expected and what was found.

function assert(value, message) {
  if (value === true) {
    return;
  }
  throw new Test262Error(
    message === undefined
      ? "Expected true but got " + assert._format(value)
      : message
  );
}

// SameValue (ECMA-262 7.2.10): like ===, except NaN equals NaN and
// +0 differs from -0.
assert._isSameValue = function (a, b) {
  if (a === b) {
    return a !== 0 || 1 / a === 1 / b;
  }
  return a !== a && b !== b;
};

// A readable form of any value, including symbols, -0 and objects whose
// conversion to string throws.
assert._format = function (value) {
  if (value === 0 && 1 / value < 0) {
    return "-0";
  }
  if (typeof value === "string") {
    return JSON.stringify(value);
  }
  if (typeof value === "symbol") {
    return value.toString();
  }
  try {
    return String(value);
  } catch (e) {
    return Object.prototype.toString.call(value);
  }
};

assert._prefix = function (message) {
  return message === undefined || message === "" ? "" : message + " ";
};

assert.sameValue = function (actual, expected, message) {
  if (assert._isSameValue(actual, expected)) {
    return;
  }
  throw new Test262Error(
    assert._prefix(message) +
      "Expected SameValue(«" + assert._format(actual) + "», «" +
      assert._format(expected) + "») to be true"
  );
};

assert.notSameValue = function (actual, unexpected, message) {
  if (!assert._isSameValue(actual, unexpected)) {
    return;
  }
  throw new Test262Error(
    assert._prefix(message) +
      "Expected SameValue(«" + assert._format(actual) + "», «" +
      assert._format(unexpected) + "») to be false"
  );
};

assert._constructorName = function (ctor) {
  return ctor && typeof ctor.name === "string" && ctor.name !== ""
    ? ctor.name
    : assert._format(ctor);
};

// Calls fn and passes only if it throws an object whose constructor is
// expectedCtor.
assert.throws = function (expectedCtor, fn, message) {
  var prefix = assert._prefix(message);
  if (typeof fn !== "function") {
    throw new Test262Error(
      prefix + "assert.throws needs an error constructor and a function to call"
    );
  }
  var expected = assert._constructorName(expectedCtor);
  try {
    fn();
  } catch (thrown) {
    if (typeof thrown !== "object" || thrown === null) {
      throw new Test262Error(
        prefix + "Expected a " + expected + " to be thrown, but a primitive was thrown: " +
          assert._format(thrown)
      );
    }
    if (thrown.constructor !== expectedCtor) {
      throw new Test262Error(
        prefix + "Expected a " + expected + " but got a " +
          assert._constructorName(thrown.constructor) +
          (thrown.message ? " (" + thrown.message + ")" : "")
      );
    }
    return;
  }
  throw new Test262Error(
    prefix + "Expected a " + expected + " to be thrown but no exception was thrown at all"
  );
};
