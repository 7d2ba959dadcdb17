// One pending 2 s timer: the process should sleep, not spin.
setTimeout(() => console.log("done"), 2000);
