console.log("Hello from nano-boa");
