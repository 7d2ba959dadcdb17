// nano-boa test harness: verifyProperty checks a property's attributes,
// both as its descriptor reports them and by how the property behaves.

// desc lists the attributes to check (value, writable, enumerable,
// configurable); those it leaves out are not checked. desc === undefined
// checks that the property does not exist. Unless options.restore is true,
// a configurable property is deleted afterwards (the checks may have
// changed it).
function verifyProperty(obj, name, desc, options) {
  var shown = typeof name === "symbol" ? name.toString() : String(name);
  var actual = Object.getOwnPropertyDescriptor(obj, name);
  if (desc === undefined) {
    if (actual !== undefined) {
      throw new Test262Error("Expected no own property " + shown);
    }
    return true;
  }
  if (actual === undefined) {
    throw new Test262Error("Expected an own property " + shown);
  }
  var problems = [];
  var has = function (key) {
    return Object.prototype.hasOwnProperty.call(desc, key);
  };

  if (has("value") && !assert._isSameValue(actual.value, desc.value)) {
    problems.push("value is " + assert._format(actual.value) + ", expected " +
      assert._format(desc.value));
  }
  if (has("enumerable")) {
    var enumerable = Object.prototype.propertyIsEnumerable.call(obj, name);
    if (actual.enumerable !== desc.enumerable || enumerable !== desc.enumerable) {
      problems.push("expected " + (desc.enumerable ? "" : "not ") + "enumerable");
    }
  }
  if (has("writable")) {
    var writable = actual.writable === true;
    if (writable !== desc.writable) {
      problems.push("expected " + (desc.writable ? "" : "not ") + "writable");
    } else if ("value" in actual) {
      // Check behaviour too: a write takes effect exactly when writable.
      var probe = typeof actual.value === "number" ? "probe" : 1234;
      var before = actual.value;
      try {
        obj[name] = probe;
      } catch (e) {
        // A strict-mode write to a read-only property throws: fine.
      }
      var changed = assert._isSameValue(obj[name], probe);
      if (changed !== desc.writable) {
        problems.push(desc.writable ? "a write did not change the value" :
          "a write changed a non-writable value");
      }
      if (changed) {
        Object.defineProperty(obj, name, { value: before });
      }
    }
  }
  if (has("configurable")) {
    if (actual.configurable !== desc.configurable) {
      problems.push("expected " + (desc.configurable ? "" : "not ") + "configurable");
    }
  }
  if (problems.length > 0) {
    throw new Test262Error("property " + shown + ": " + problems.join("; "));
  }
  if (!(options && options.restore) && actual.configurable) {
    delete obj[name];
  }
  return true;
}
