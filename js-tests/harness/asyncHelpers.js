// nano-boa test harness: helpers for async tests (flags: [async]).

// Runs an async function and reports its outcome through $DONE.
function asyncTest(testFn) {
  if (typeof $DONE !== "function") {
    throw new Test262Error("asyncTest needs $DONE: give the test flags: [async]");
  }
  var result;
  try {
    result = testFn();
  } catch (error) {
    $DONE(error);
    return;
  }
  if (!result || typeof result.then !== "function") {
    $DONE(new Test262Error("asyncTest expects a function returning a promise"));
    return;
  }
  result.then(
    function () {
      $DONE();
    },
    function (error) {
      $DONE(error);
    }
  );
}

// Returns a promise that fulfills if fn() returns a promise that rejects
// with an object whose constructor is expectedCtor, and rejects otherwise.
assert.throwsAsync = function (expectedCtor, fn, message) {
  var prefix = assert._prefix(message);
  var expected = assert._constructorName(expectedCtor);
  return new Promise(function (resolve, reject) {
    if (typeof fn !== "function") {
      reject(new Test262Error(prefix + "assert.throwsAsync needs a function to call"));
      return;
    }
    var result;
    try {
      result = fn();
    } catch (error) {
      reject(new Test262Error(
        prefix + "Expected fn to return a rejected promise, but it threw synchronously: " +
          assert._format(error)
      ));
      return;
    }
    if (!result || typeof result.then !== "function") {
      reject(new Test262Error(prefix + "Expected fn to return a promise"));
      return;
    }
    result.then(
      function () {
        reject(new Test262Error(
          prefix + "Expected a " + expected + " to be thrown asynchronously but the promise fulfilled"
        ));
      },
      function (thrown) {
        if (typeof thrown !== "object" || thrown === null) {
          reject(new Test262Error(prefix + "Expected a " + expected +
            " but a primitive was thrown: " + assert._format(thrown)));
        } else if (thrown.constructor !== expectedCtor) {
          reject(new Test262Error(prefix + "Expected a " + expected + " but got a " +
            assert._constructorName(thrown.constructor)));
        } else {
          resolve();
        }
      }
    );
  });
};
