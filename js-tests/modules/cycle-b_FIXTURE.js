// The other half of the cycle. Its body runs first (a is still being
// evaluated), so it may only read a's bindings lazily.
import { fromA } from "./cycle-a_FIXTURE.js";
export var fromB = "b";
export function readA() {
  return fromA;
}
