// nano-boa test harness: $DONE for async tests. The runner reads the
// outcome from what `print` wrote: one of the two marker lines below.

function $DONE(error) {
  if (!error) {
    print("Test262:AsyncTestComplete");
    return;
  }
  var text;
  if (typeof error === "object" && error !== null && "name" in error) {
    text = error.name + ": " + error.message;
    if (typeof error.stack === "string" && error.stack !== "") {
      text += "\n" + error.stack;
    }
  } else {
    text = "Test262Error: " + assert._format(error);
  }
  print("Test262:AsyncTestFailure:" + text);
}
