// Arguments after the file name reach the script as in node, deno and bun.
const [, script, ...args] = process.argv;
console.log(`script: ${script}`);
console.log(`arguments: ${JSON.stringify(args)}`);
console.log(`HOME is ${process.env.HOME ?? "(unset)"}`);
if (args.includes("--fail")) process.exit(3);
