// nano-boa test harness: the global object, found the way non-strict
// function code finds it (this of a plain call), whatever the test's mode.

function fnGlobalObject() {
  return Function("return this")();
}
