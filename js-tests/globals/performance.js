/*---
description: >
  performance.now() is a non-decreasing number of milliseconds and
  performance.timeOrigin a number of milliseconds since the Unix epoch
  (High Resolution Time).
---*/

assert.sameValue(typeof performance.now(), "number", "now() is a number");
assert(performance.now() >= 0, "now() is not negative");
var previous = performance.now();
for (var i = 0; i < 1000; i++) {
  var current = performance.now();
  assert(current >= previous, "now() never goes back: " + previous + " then " + current);
  previous = current;
}
assert.sameValue(typeof performance.timeOrigin, "number", "timeOrigin is a number");
// 2020-01-01T00:00:00Z: any real clock is past it.
assert(performance.timeOrigin > 1577836800000, "timeOrigin is a Unix time in ms");
var drift = Math.abs(performance.timeOrigin + performance.now() - Date.now());
assert(drift < 1000, "timeOrigin + now() is close to Date.now(): drift " + drift + " ms");
