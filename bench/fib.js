// CPU-bound JavaScript: where an interpreter pays against a JIT.
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
console.log(fib(27));
