// nano-boa test harness: the error type tests throw, and the guard that
// negative parse/resolution tests call first.

function Test262Error(message) {
  this.message = message === undefined ? "" : String(message);
}
Test262Error.prototype.name = "Test262Error";
Test262Error.prototype.toString = function () {
  return this.message === "" ? this.name : this.name + ": " + this.message;
};
// A function that throws, for tests that need one (e.g. a poisoned getter).
Test262Error.thrower = function (message) {
  throw new Test262Error(message);
};

// Negative parse and resolution tests call this at the top: if it runs,
// the code was wrongly accepted and evaluation got that far.
function $DONOTEVALUATE() {
  throw "Test262: this code must not be evaluated: it should have failed to parse or link";
}
