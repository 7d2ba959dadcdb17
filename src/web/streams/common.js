// Helpers shared by the streams classes (WHATWG Streams Standard): promise
// plumbing that user code cannot intercept, WebIDL conversions, queues with
// sizes (§8.1) and queuing strategies (§7.4).
//
// Evaluated once per realm by mod.rs; the completion value is a function
// taking the natives and returning the helpers the other streams files use.
((natives) => {
  "use strict";
  const { transferArrayBuffer, isDetached } = natives;
  const { apply, ownKeys, getOwnPropertyDescriptor } = Reflect;
  const defineProperty = Object.defineProperty;
  const PromiseClass = Promise;
  const promiseThen = Promise.prototype.then;
  const promiseResolve = Promise.resolve;
  const promiseReject = Promise.reject;
  const promiseAll = Promise.all;
  const noop = () => {};

  // ---- Promises (WebIDL §3.2.24 "a promise resolved with" and friends) ----

  // A promise with its resolving functions; `settled` lets
  // "ensure ... promise rejected" know whether to replace it.
  const newPromise = () => {
    const record = { promise: undefined, resolve: undefined, reject: undefined, settled: false };
    record.promise = new PromiseClass((resolve, reject) => {
      record.resolve = (v) => { record.settled = true; resolve(v); };
      record.reject = (r) => { record.settled = true; reject(r); };
    });
    return record;
  };
  const resolvedWith = (v) => apply(promiseResolve, PromiseClass, [v]);
  const rejectedWith = (r) => apply(promiseReject, PromiseClass, [r]);
  // A settled record, for slots the spec sets to "a promise resolved with".
  const resolvedRecord = (v) => {
    const r = newPromise();
    r.resolve(v);
    return r;
  };
  const rejectedRecord = (e) => {
    const r = newPromise();
    r.reject(e);
    setHandled(r.promise);
    return r;
  };
  // "React to" / "upon fulfillment/rejection": the derived promise.
  const react = (p, onFulfilled, onRejected) => apply(promiseThen, p, [onFulfilled, onRejected]);
  // [[PromiseIsHandled]] = true: no unhandled-rejection report for it.
  const setHandled = (p) => { apply(promiseThen, p, [undefined, noop]); };
  // "Invoke a callback function ... and return a promise": a throw becomes
  // a rejected promise.
  const promiseCall = (f, thisArg, args) => {
    try {
      return resolvedWith(apply(f, thisArg, args));
    } catch (e) {
      return rejectedWith(e);
    }
  };
  // HTML "queue a microtask", immune to a script replacing the global.
  const queueMicrotaskFn = (f) => { react(resolvedWith(undefined), () => f()); };
  // "Waiting for all" (WebIDL §3.2.24).
  const waitForAll = (promises) => apply(promiseAll, PromiseClass, [promises]);
  // WebIDL: a promise-returning operation turns its exceptions (brand
  // checks, argument conversions) into rejected promises.
  const rejectsOnThrow = (f) => {
    try {
      return f();
    } catch (e) {
      return rejectedWith(e);
    }
  };

  // ---- WebIDL (§3.2, §3.7) ------------------------------------------------

  const isObject = (v) => (typeof v === "object" && v !== null) || typeof v === "function";
  // A dictionary argument: undefined or null is an empty dictionary.
  const toDictionary = (v, what) => {
    if (v === undefined || v === null) return {};
    if (!isObject(v)) throw new TypeError(`${what}: the argument must be an object`);
    return v;
  };
  const toCallback = (v, what) => {
    if (typeof v !== "function") throw new TypeError(`${what} must be a function`);
    return v;
  };
  // A callback dictionary member: undefined stays undefined.
  const callbackMember = (dict, key, what) => {
    const v = dict[key];
    return v === undefined ? undefined : toCallback(v, `${what}: ${key}`);
  };
  // [EnforceRange] unsigned long long (WebIDL §3.2.4.9 ConvertToInt).
  const enforceRange = (v, what) => {
    let x = +v;
    if (x !== x || x === Infinity || x === -Infinity) {
      throw new TypeError(`${what}: ${v} is not a finite number`);
    }
    x = x < 0 ? -Math.floor(-x) : Math.floor(x);
    if (x === 0) x = 0; // -0 → +0
    if (x < 0 || x > Number.MAX_SAFE_INTEGER) {
      throw new TypeError(`${what}: ${v} is outside the accepted range`);
    }
    return x;
  };
  const requireArgs = (count, required, what) => {
    if (count < required) {
      throw new TypeError(`${what}: ${required} argument${required > 1 ? "s" : ""} required, but only ${count} present`);
    }
  };
  // Operations and attributes are enumerable, the prototype has a
  // Symbol.toStringTag (WebIDL §3.7.3).
  //
  // The properties are deleted and defined again rather than redefined in
  // place: in Boa 0.22, after a property's attributes are changed in place,
  // deleting another property of the object (as a script or a test may)
  // reverts the attributes of the properties after it.
  const makeEnumerable = (object, keys) => {
    const descriptors = keys.map((key) => getOwnPropertyDescriptor(object, key));
    for (const key of keys) delete object[key];
    keys.forEach((key, i) => {
      const d = descriptors[i];
      defineProperty(object, key, typeof key === "symbol" ? d : { ...d, enumerable: true });
    });
  };
  const finishInterface = (C, name, statics = []) => {
    const proto = C.prototype;
    makeEnumerable(proto, ownKeys(proto).filter((key) => key !== "constructor"));
    if (statics.length > 0) makeEnumerable(C, statics);
    defineProperty(proto, Symbol.toStringTag, {
      value: name, writable: false, enumerable: false, configurable: true,
    });
  };
  // The internal record of `self`, or a TypeError (the WebIDL brand check).
  const brand = (map, self, iface, member) => {
    const s = map.get(self);
    if (s === undefined) {
      throw new TypeError(`${iface}.prototype.${member} called on an object that is not a ${iface}`);
    }
    return s;
  };

  // ---- ArrayBuffers (§8.3) -------------------------------------------------

  const isView = ArrayBuffer.isView;
  const typedArrayTag = getOwnPropertyDescriptor(
    Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag,
  ).get;
  const typedArrays = {
    Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
    Float32Array, Float64Array, BigInt64Array, BigUint64Array,
  };
  if (typeof Float16Array === "function") typedArrays.Float16Array = Float16Array;
  // The constructor and element size of a view (DataView: 1).
  const viewKind = (view) => {
    const name = apply(typedArrayTag, view, []);
    if (name === undefined) return { ctor: DataView, elementSize: 1 };
    const ctor = typedArrays[name];
    return { ctor, elementSize: ctor.BYTES_PER_ELEMENT };
  };
  const arrayBufferByteLength = getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;
  const bufferByteLength = (b) => apply(arrayBufferByteLength, b, []);
  const arrayBufferSlice = ArrayBuffer.prototype.slice;
  const sliceBuffer = (b, begin, end) => apply(arrayBufferSlice, b, [begin, end]);
  // CopyDataBlockBytes.
  const copyBytes = (dest, destOffset, src, srcOffset, n) => {
    new Uint8Array(dest, destOffset, n).set(new Uint8Array(src, srcOffset, n));
  };
  // §8.3 CloneAsUint8Array.
  const cloneAsUint8Array = (view) => {
    const buffer = sliceBuffer(view.buffer, view.byteOffset, view.byteOffset + view.byteLength);
    return new Uint8Array(buffer);
  };

  // ---- Queue-with-sizes (§8.1) ---------------------------------------------

  // `container` has `queue` (an array of { value, size }) and
  // `queueTotalSize`. The array is used as a deque through `head` to keep
  // dequeuing O(1).
  const resetQueue = (c) => {
    c.queue = [];
    c.queueHead = 0;
    c.queueTotalSize = 0;
  };
  const queueLength = (c) => c.queue.length - c.queueHead;
  const isNonNegativeNumber = (v) => typeof v === "number" && v === v && v >= 0;
  const enqueueValueWithSize = (c, value, size) => {
    if (!isNonNegativeNumber(size) || size === Infinity) {
      throw new RangeError("The chunk size must be a finite, non-negative number");
    }
    c.queue.push({ value, size });
    c.queueTotalSize += size;
  };
  const dequeueValue = (c) => {
    const pair = c.queue[c.queueHead];
    c.queue[c.queueHead] = undefined;
    c.queueHead++;
    if (c.queueHead > 1024 && c.queueHead * 2 > c.queue.length) {
      c.queue = c.queue.slice(c.queueHead);
      c.queueHead = 0;
    }
    c.queueTotalSize -= pair.size;
    // Rounding errors can leave a tiny negative total (§8.1 DequeueValue).
    if (c.queueTotalSize < 0) c.queueTotalSize = 0;
    return pair.value;
  };
  const peekQueueValue = (c) => c.queue[c.queueHead].value;

  // ---- Queuing strategies (§7.4) -------------------------------------------

  // The QueuingStrategy dictionary: members in lexicographic order.
  const toStrategy = (v, what) => {
    const dict = toDictionary(v, what);
    const hwm = dict.highWaterMark;
    const highWaterMark = hwm === undefined ? undefined : +hwm;
    const size = callbackMember(dict, "size", what);
    return { highWaterMark, size };
  };
  // §7.4 ExtractHighWaterMark.
  const extractHighWaterMark = (strategy, defaultHWM) => {
    if (strategy.highWaterMark === undefined) return defaultHWM;
    const hwm = strategy.highWaterMark;
    if (hwm !== hwm || hwm < 0) throw new RangeError("highWaterMark must be a non-negative number");
    return hwm;
  };
  // §7.4 ExtractSizeAlgorithm.
  const extractSizeAlgorithm = (strategy) => {
    const size = strategy.size;
    if (size === undefined) return () => 1;
    return (chunk) => apply(size, undefined, [chunk]);
  };

  return {
    noop, newPromise, resolvedWith, rejectedWith, resolvedRecord, rejectedRecord, react, setHandled,
    promiseCall, rejectsOnThrow, queueMicrotask: queueMicrotaskFn, waitForAll,
    isObject, toDictionary, toCallback, callbackMember, enforceRange, requireArgs, finishInterface, brand,
    isView, viewKind, bufferByteLength, sliceBuffer, copyBytes, cloneAsUint8Array, transferArrayBuffer, isDetached,
    resetQueue, queueLength, enqueueValueWithSize, dequeueValue, peekQueueValue,
    toStrategy, extractHighWaterMark, extractSizeAlgorithm,
  };
})
