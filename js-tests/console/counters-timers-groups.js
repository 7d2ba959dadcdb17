/*---
description: count, time and group keep working with missing, repeated and unknown labels
---*/
console.count();
console.count("a");
console.countReset("a");
console.countReset("never-counted");
console.time();
console.time();
console.timeLog();
console.timeEnd();
console.timeEnd();
console.timeLog("unknown");
console.group();
console.groupCollapsed("label", 1);
console.groupEnd();
console.groupEnd();
console.groupEnd();
assert(true, "no call above threw");
