// nano-boa test harness: checking the order in which callbacks ran.

// Passes if sequence is [1, 2, ..., n]: each callback pushes its expected
// position, so a gap or swap shows which one ran out of order.
function checkSequence(sequence, message) {
  for (var i = 0; i < sequence.length; i++) {
    if (sequence[i] !== i + 1) {
      throw new Test262Error(
        assert._prefix(message) + "Expected the sequence to be 1.." + sequence.length +
          " in order, but position " + i + " holds " + assert._format(sequence[i]) +
          " (sequence: [" + sequence.join(", ") + "])"
      );
    }
  }
  return true;
}
