// One half of an import cycle: a imports b, b imports a.
import { fromB, readA } from "./cycle-b_FIXTURE.js";
export var fromA = "a";
export var seenByB = readA();
export { fromB };
