// TransformStream and its controller (Streams Standard §6), and the two
// queuing strategies (§7), in JavaScript over readable.js and writable.js.
//
// Evaluated once per realm by mod.rs; the completion value is a function
// taking (natives, common, readable, writable, pipe) and returning the
// classes and `internal` for the encoding and compression streams.
((natives, common, readable, writable) => {
  "use strict";
  const {
    newPromise, resolvedWith, rejectedWith, react, promiseCall,
    isObject, callbackMember, requireArgs, finishInterface, brand, toDictionary,
    toStrategy, extractHighWaterMark, extractSizeAlgorithm,
  } = common;
  const R = readable.internal;
  const W = writable.internal;
  const { apply } = Reflect;

  const streams = new WeakMap();
  const controllers = new WeakMap();
  const ts = (self, member) => brand(streams, self, "TransformStream", member);
  const tc = (self, member) => brand(controllers, self, "TransformStreamDefaultController", member);

  let constructing = false;

  // ---- TransformStream (§6.2) -------------------------------------------------

  class TransformStream {
    constructor(transformer = undefined, writableStrategy = undefined, readableStrategy = undefined) {
      const wStrategy = toStrategy(writableStrategy, "TransformStream");
      const rStrategy = toStrategy(readableStrategy, "TransformStream");
      // WebIDL `object`: null is not an object (a TypeError), undefined
      // means "not given".
      const transformerObject = transformer === undefined ? null : transformer;
      if (transformer !== undefined && !isObject(transformer)) {
        throw new TypeError("TransformStream: the transformer must be an object");
      }
      const dict = toTransformer(transformerObject);
      if (dict.readableType !== undefined) throw new RangeError("TransformStream: invalid readableType");
      if (dict.writableType !== undefined) throw new RangeError("TransformStream: invalid writableType");
      const readableHWM = extractHighWaterMark(rStrategy, 0);
      const readableSize = extractSizeAlgorithm(rStrategy);
      const writableHWM = extractHighWaterMark(wStrategy, 1);
      const writableSize = extractSizeAlgorithm(wStrategy);
      const startPromise = newPromise();
      const stream = newStreamRecord(this);
      initializeTransformStream(stream, startPromise.promise, writableHWM, writableSize, readableHWM, readableSize);
      const c = setUpControllerFromTransformer(stream, transformerObject, dict);
      if (dict.start !== undefined) {
        startPromise.resolve(apply(dict.start, transformerObject, [c.pub]));
      } else {
        startPromise.resolve(undefined);
      }
    }
    get readable() { return ts(this, "readable").readable.pub; }
    get writable() { return ts(this, "writable").writable.pub; }
  }

  // The Transformer dictionary, members in lexicographic order.
  const toTransformer = (transformer) => {
    if (transformer === null) return {};
    const what = "TransformStream: transformer";
    const cancel = callbackMember(transformer, "cancel", what);
    const flush = callbackMember(transformer, "flush", what);
    const readableType = transformer.readableType;
    const start = callbackMember(transformer, "start", what);
    const transform = callbackMember(transformer, "transform", what);
    const writableType = transformer.writableType;
    return { cancel, flush, readableType, start, transform, writableType };
  };

  const newStreamRecord = (pub) => {
    const stream = {
      pub, readable: undefined, writable: undefined, backpressure: undefined,
      backpressureChangePromise: undefined, controller: undefined,
    };
    streams.set(pub, stream);
    return stream;
  };

  // §6.4.1 InitializeTransformStream.
  const initializeTransformStream = (stream, startPromise, writableHWM, writableSize, readableHWM, readableSize) => {
    const start = () => startPromise;
    stream.writable = W.createWritableStream(start,
      (chunk) => sinkWriteAlgorithm(stream, chunk),
      () => sinkCloseAlgorithm(stream),
      (reason) => sinkAbortAlgorithm(stream, reason),
      writableHWM, writableSize);
    stream.readable = R.createReadableStream(start,
      () => sourcePullAlgorithm(stream),
      (reason) => sourceCancelAlgorithm(stream, reason),
      readableHWM, readableSize);
    stream.backpressure = undefined;
    stream.backpressureChangePromise = undefined;
    setBackpressure(stream, true);
    stream.controller = undefined;
  };
  const transformStreamError = (stream, e) => {
    R.defaultControllerError(stream.readable.controller, e);
    errorWritableAndUnblockWrite(stream, e);
  };
  const errorWritableAndUnblockWrite = (stream, e) => {
    controllerClearAlgorithms(stream.controller);
    W.controllerErrorIfNeeded(stream.writable.controller, e);
    unblockWrite(stream);
  };
  const unblockWrite = (stream) => {
    if (stream.backpressure) setBackpressure(stream, false);
  };
  const setBackpressure = (stream, backpressure) => {
    if (stream.backpressureChangePromise !== undefined) stream.backpressureChangePromise.resolve(undefined);
    stream.backpressureChangePromise = newPromise();
    stream.backpressure = backpressure;
  };

  // ---- TransformStreamDefaultController (§6.3, §6.4.2) ------------------------

  class TransformStreamDefaultController {
    constructor() {
      if (!constructing) throw new TypeError("Illegal constructor");
      constructing = false;
    }
    get desiredSize() {
      const c = tc(this, "desiredSize");
      return R.defaultControllerGetDesiredSize(c.stream.readable.controller);
    }
    enqueue(chunk = undefined) { controllerEnqueue(tc(this, "enqueue"), chunk); }
    error(reason = undefined) { transformStreamError(tc(this, "error").stream, reason); }
    terminate() { controllerTerminate(tc(this, "terminate")); }
  }

  const setUpController = (stream, transform, flush, cancel) => {
    constructing = true;
    let pub;
    try {
      pub = new TransformStreamDefaultController();
    } finally {
      constructing = false;
    }
    const c = {
      pub, stream, transformAlgorithm: transform, flushAlgorithm: flush, cancelAlgorithm: cancel,
      finishPromise: undefined,
    };
    controllers.set(pub, c);
    stream.controller = c;
    return c;
  };
  const setUpControllerFromTransformer = (stream, transformer, dict) => {
    let c;
    const transform = dict.transform === undefined
      ? (chunk) => {
        try {
          controllerEnqueue(c, chunk);
          return resolvedWith(undefined);
        } catch (e) {
          return rejectedWith(e);
        }
      }
      : (chunk) => promiseCall(dict.transform, transformer, [chunk, c.pub]);
    const flush = dict.flush === undefined
      ? () => resolvedWith(undefined) : () => promiseCall(dict.flush, transformer, [c.pub]);
    const cancel = dict.cancel === undefined
      ? () => resolvedWith(undefined) : (reason) => promiseCall(dict.cancel, transformer, [reason]);
    c = setUpController(stream, transform, flush, cancel);
    return c;
  };
  const controllerClearAlgorithms = (c) => {
    c.transformAlgorithm = undefined;
    c.flushAlgorithm = undefined;
    c.cancelAlgorithm = undefined;
  };
  // §6.4.2 TransformStreamDefaultControllerEnqueue.
  const controllerEnqueue = (c, chunk) => {
    const stream = c.stream;
    const rc = stream.readable.controller;
    if (!R.canCloseOrEnqueue(rc)) {
      throw new TypeError("The readable side of the TransformStream is not in a state that permits enqueue");
    }
    try {
      R.defaultControllerEnqueue(rc, chunk);
    } catch (e) {
      errorWritableAndUnblockWrite(stream, e);
      throw stream.readable.storedError;
    }
    const backpressure = R.defaultControllerHasBackpressure(rc);
    if (backpressure !== stream.backpressure) setBackpressure(stream, true);
  };
  const performTransform = (c, chunk) =>
    react(c.transformAlgorithm(chunk), undefined, (r) => {
      transformStreamError(c.stream, r);
      throw r;
    });
  const controllerTerminate = (c) => {
    const stream = c.stream;
    R.defaultControllerClose(stream.readable.controller);
    errorWritableAndUnblockWrite(stream, new TypeError("The TransformStream was terminated"));
  };

  // ---- Default sinks and sources (§6.4.3, §6.4.4) -----------------------------

  const sinkWriteAlgorithm = (stream, chunk) => {
    const c = stream.controller;
    if (stream.backpressure) {
      return react(stream.backpressureChangePromise.promise, () => {
        const w = stream.writable;
        if (w.state === "erroring") throw w.storedError;
        return performTransform(c, chunk);
      });
    }
    return performTransform(c, chunk);
  };
  const sinkAbortAlgorithm = (stream, reason) => {
    const c = stream.controller;
    if (c.finishPromise !== undefined) return c.finishPromise.promise;
    const r = stream.readable;
    c.finishPromise = newPromise();
    const cancelPromise = c.cancelAlgorithm(reason);
    controllerClearAlgorithms(c);
    react(cancelPromise, () => {
      if (r.state === "errored") c.finishPromise.reject(r.storedError);
      else {
        R.defaultControllerError(r.controller, reason);
        c.finishPromise.resolve(undefined);
      }
    }, (e) => {
      R.defaultControllerError(r.controller, e);
      c.finishPromise.reject(e);
    });
    return c.finishPromise.promise;
  };
  const sinkCloseAlgorithm = (stream) => {
    const c = stream.controller;
    if (c.finishPromise !== undefined) return c.finishPromise.promise;
    const r = stream.readable;
    c.finishPromise = newPromise();
    const flushPromise = c.flushAlgorithm();
    controllerClearAlgorithms(c);
    react(flushPromise, () => {
      if (r.state === "errored") c.finishPromise.reject(r.storedError);
      else {
        R.defaultControllerClose(r.controller);
        c.finishPromise.resolve(undefined);
      }
    }, (e) => {
      R.defaultControllerError(r.controller, e);
      c.finishPromise.reject(e);
    });
    return c.finishPromise.promise;
  };
  const sourcePullAlgorithm = (stream) => {
    setBackpressure(stream, false);
    return stream.backpressureChangePromise.promise;
  };
  const sourceCancelAlgorithm = (stream, reason) => {
    const c = stream.controller;
    if (c.finishPromise !== undefined) return c.finishPromise.promise;
    const w = stream.writable;
    c.finishPromise = newPromise();
    const cancelPromise = c.cancelAlgorithm(reason);
    controllerClearAlgorithms(c);
    react(cancelPromise, () => {
      if (w.state === "errored") c.finishPromise.reject(w.storedError);
      else {
        W.controllerErrorIfNeeded(w.controller, reason);
        unblockWrite(stream);
        c.finishPromise.resolve(undefined);
      }
    }, (e) => {
      W.controllerErrorIfNeeded(w.controller, e);
      unblockWrite(stream);
      c.finishPromise.reject(e);
    });
    return c.finishPromise.promise;
  };

  // A TransformStream for the runtime's own transforms (the encoding and
  // compression streams): `transform(chunk, enqueue)` and `flush(enqueue)`
  // may throw; hwm 1 on the writable side, 0 on the readable side, as
  // "set up" a TransformStream (§6.4.5).
  const createTransform = (pub, transform, flush) => {
    const stream = newStreamRecord(pub);
    initializeTransformStream(stream, resolvedWith(undefined), 1, () => 1, 0, () => 1);
    let c;
    const enqueue = (chunk) => controllerEnqueue(c, chunk);
    const wrap = (f) => (...args) => {
      try {
        f(...args, enqueue);
        return resolvedWith(undefined);
      } catch (e) {
        return rejectedWith(e);
      }
    };
    c = setUpController(stream, wrap(transform), wrap(flush), () => resolvedWith(undefined));
    return stream;
  };

  // ---- Queuing strategies (§7.2, §7.3) ----------------------------------------

  // The QueuingStrategyInit dictionary: highWaterMark is required.
  const toStrategyInit = (init, what) => {
    const dict = toDictionary(init, what);
    const hwm = dict.highWaterMark;
    if (hwm === undefined) throw new TypeError(`${what}: highWaterMark is required`);
    return +hwm;
  };
  // The size functions, one of each per realm (§7.2.2, §7.3.2): methods,
  // so not constructors, named "size".
  const byteLengthSize = ({ size(chunk) { return chunk.byteLength; } }).size;
  const countSize = ({ size() { return 1; } }).size;
  const byteStrategies = new WeakMap();
  const countStrategies = new WeakMap();

  class ByteLengthQueuingStrategy {
    constructor(init) {
      requireArgs(arguments.length, 1, "ByteLengthQueuingStrategy");
      byteStrategies.set(this, toStrategyInit(init, "ByteLengthQueuingStrategy"));
    }
    get highWaterMark() {
      if (!byteStrategies.has(this)) brand(byteStrategies, this, "ByteLengthQueuingStrategy", "highWaterMark");
      return byteStrategies.get(this);
    }
    get size() {
      if (!byteStrategies.has(this)) brand(byteStrategies, this, "ByteLengthQueuingStrategy", "size");
      return byteLengthSize;
    }
  }
  class CountQueuingStrategy {
    constructor(init) {
      requireArgs(arguments.length, 1, "CountQueuingStrategy");
      countStrategies.set(this, toStrategyInit(init, "CountQueuingStrategy"));
    }
    get highWaterMark() {
      if (!countStrategies.has(this)) brand(countStrategies, this, "CountQueuingStrategy", "highWaterMark");
      return countStrategies.get(this);
    }
    get size() {
      if (!countStrategies.has(this)) brand(countStrategies, this, "CountQueuingStrategy", "size");
      return countSize;
    }
  }

  finishInterface(TransformStream, "TransformStream");
  finishInterface(TransformStreamDefaultController, "TransformStreamDefaultController");
  finishInterface(ByteLengthQueuingStrategy, "ByteLengthQueuingStrategy");
  finishInterface(CountQueuingStrategy, "CountQueuingStrategy");

  return {
    TransformStream, TransformStreamDefaultController, ByteLengthQueuingStrategy, CountQueuingStrategy,
    internal: { createTransform, streamRecord: (v) => streams.get(v) },
  };
})
