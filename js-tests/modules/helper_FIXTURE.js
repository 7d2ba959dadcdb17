// Imported by the modules fixtures; not a test itself.
export var value = 42;
export function double(x) {
  return x * 2;
}
export default "default-export";
