// WritableStream, its writer and controller (Streams Standard §5), in
// JavaScript, as readable.js: public objects map to records of internal
// slots in WeakMaps, the abstract operations work on records.
//
// Evaluated once per realm by mod.rs; the completion value is a function
// taking (natives, common, readable) and returning the classes and
// `internal` for pipe.js and transform.js.
((natives, common) => {
  "use strict";
  const {
    newPromise, resolvedWith, rejectedWith, resolvedRecord, rejectedRecord, react, setHandled,
    promiseCall, rejectsOnThrow,
    isObject, callbackMember, requireArgs, finishInterface, brand,
    resetQueue, queueLength, enqueueValueWithSize, dequeueValue, peekQueueValue,
    toStrategy, extractHighWaterMark, extractSizeAlgorithm,
  } = common;
  const { AbortController: AbortControllerClass } = natives.abort;
  const abortControllerAbort = AbortControllerClass.prototype.abort;
  const abortControllerSignal = Object.getOwnPropertyDescriptor(AbortControllerClass.prototype, "signal").get;
  const { apply } = Reflect;
  const create = Object.create;

  const streams = new WeakMap();
  const writers = new WeakMap();
  const controllers = new WeakMap();
  const ws = (self, member) => brand(streams, self, "WritableStream", member);
  const wr = (self, member) => brand(writers, self, "WritableStreamDefaultWriter", member);
  const wc = (self, member) => brand(controllers, self, "WritableStreamDefaultController", member);

  let constructing = false;
  const checkConstructing = () => {
    if (!constructing) throw new TypeError("Illegal constructor");
    constructing = false;
  };

  // The close sentinel of the controller's queue (§5.5.4).
  const CLOSE_SENTINEL = {};

  // ---- WritableStream (§5.2) --------------------------------------------------

  class WritableStream {
    constructor(underlyingSink = undefined, strategy = undefined) {
      const strat = toStrategy(strategy, "WritableStream");
      // WebIDL `object`: null is not an object (a TypeError), undefined
      // means "not given".
      const sinkObject = underlyingSink === undefined ? null : underlyingSink;
      if (underlyingSink !== undefined && !isObject(underlyingSink)) {
        throw new TypeError("WritableStream: the underlying sink must be an object");
      }
      const dict = toUnderlyingSink(sinkObject);
      if (dict.type !== undefined) throw new RangeError("WritableStream: invalid type is specified");
      const stream = initializeWritableStream(this);
      const size = extractSizeAlgorithm(strat);
      const hwm = extractHighWaterMark(strat, 1);
      setUpControllerFromSink(stream, sinkObject, dict, hwm, size);
    }
    get locked() { return isLocked(ws(this, "locked")); }
    abort(reason = undefined) {
      return rejectsOnThrow(() => {
        const stream = ws(this, "abort");
        if (isLocked(stream)) return rejectedWith(new TypeError("Cannot abort a locked WritableStream"));
        return writableStreamAbort(stream, reason);
      });
    }
    close() {
      return rejectsOnThrow(() => {
        const stream = ws(this, "close");
        if (isLocked(stream)) return rejectedWith(new TypeError("Cannot close a locked WritableStream"));
        if (closeQueuedOrInFlight(stream)) {
          return rejectedWith(new TypeError("The WritableStream is already closing"));
        }
        return writableStreamClose(stream);
      });
    }
    getWriter() { return acquireWriter(ws(this, "getWriter")).pub; }
  }

  // The UnderlyingSink dictionary, members in lexicographic order.
  const toUnderlyingSink = (sink) => {
    if (sink === null) return {};
    const what = "WritableStream: underlying sink";
    const abort = callbackMember(sink, "abort", what);
    const close = callbackMember(sink, "close", what);
    const start = callbackMember(sink, "start", what);
    const type = sink.type;
    const write = callbackMember(sink, "write", what);
    return { abort, close, start, type, write };
  };

  const initializeWritableStream = (pub) => {
    const stream = {
      pub, state: "writable", storedError: undefined, writer: undefined, controller: undefined,
      inFlightWriteRequest: undefined, closeRequest: undefined, inFlightCloseRequest: undefined,
      pendingAbortRequest: undefined, writeRequests: [], backpressure: false,
    };
    streams.set(pub, stream);
    return stream;
  };
  // §5.5.1 CreateWritableStream.
  const createWritableStream = (start, write, close, abort, hwm = 1, size = () => 1) => {
    const stream = initializeWritableStream(create(WritableStream.prototype));
    const c = newController();
    setUpController(stream, c, start, write, close, abort, hwm, size);
    return stream;
  };
  const isLocked = (stream) => stream.writer !== undefined;

  // §5.5.2 WritableStreamAbort.
  const writableStreamAbort = (stream, reason) => {
    if (stream.state === "closed" || stream.state === "errored") return resolvedWith(undefined);
    apply(abortControllerAbort, stream.controller.abortController, [reason]);
    const state = stream.state;
    if (state === "closed" || state === "errored") return resolvedWith(undefined);
    if (stream.pendingAbortRequest !== undefined) return stream.pendingAbortRequest.promise.promise;
    let wasAlreadyErroring = false;
    if (state === "erroring") {
      wasAlreadyErroring = true;
      reason = undefined;
    }
    const promise = newPromise();
    stream.pendingAbortRequest = { promise, reason, wasAlreadyErroring };
    if (!wasAlreadyErroring) startErroring(stream, reason);
    return promise.promise;
  };
  // §5.5.2 WritableStreamClose.
  const writableStreamClose = (stream) => {
    const state = stream.state;
    if (state === "closed" || state === "errored") {
      return rejectedWith(new TypeError("The WritableStream is closed or errored"));
    }
    const promise = newPromise();
    stream.closeRequest = promise;
    const writer = stream.writer;
    if (writer !== undefined && stream.backpressure && state === "writable") writer.ready.resolve(undefined);
    controllerClose(stream.controller);
    return promise.promise;
  };
  const dealWithRejection = (stream, error) => {
    if (stream.state === "writable") {
      startErroring(stream, error);
      return;
    }
    finishErroring(stream);
  };
  const startErroring = (stream, reason) => {
    const controller = stream.controller;
    stream.state = "erroring";
    stream.storedError = reason;
    const writer = stream.writer;
    if (writer !== undefined) ensureReadyPromiseRejected(writer, reason);
    if (!hasOperationMarkedInFlight(stream) && controller.started) finishErroring(stream);
  };
  const finishErroring = (stream) => {
    stream.state = "errored";
    resetQueue(stream.controller); // [[ErrorSteps]]
    const storedError = stream.storedError;
    for (const request of stream.writeRequests) request.reject(storedError);
    stream.writeRequests = [];
    const abortRequest = stream.pendingAbortRequest;
    if (abortRequest === undefined) {
      rejectCloseAndClosedPromiseIfNeeded(stream);
      return;
    }
    stream.pendingAbortRequest = undefined;
    if (abortRequest.wasAlreadyErroring) {
      abortRequest.promise.reject(storedError);
      rejectCloseAndClosedPromiseIfNeeded(stream);
      return;
    }
    const promise = stream.controller.abortSteps(abortRequest.reason);
    react(promise, () => {
      abortRequest.promise.resolve(undefined);
      rejectCloseAndClosedPromiseIfNeeded(stream);
    }, (reason) => {
      abortRequest.promise.reject(reason);
      rejectCloseAndClosedPromiseIfNeeded(stream);
    });
  };
  const finishInFlightWrite = (stream) => {
    stream.inFlightWriteRequest.resolve(undefined);
    stream.inFlightWriteRequest = undefined;
  };
  const finishInFlightWriteWithError = (stream, error) => {
    stream.inFlightWriteRequest.reject(error);
    stream.inFlightWriteRequest = undefined;
    dealWithRejection(stream, error);
  };
  const finishInFlightClose = (stream) => {
    stream.inFlightCloseRequest.resolve(undefined);
    stream.inFlightCloseRequest = undefined;
    if (stream.state === "erroring") {
      stream.storedError = undefined;
      if (stream.pendingAbortRequest !== undefined) {
        stream.pendingAbortRequest.promise.resolve(undefined);
        stream.pendingAbortRequest = undefined;
      }
    }
    stream.state = "closed";
    const writer = stream.writer;
    if (writer !== undefined) writer.closed.resolve(undefined);
  };
  const finishInFlightCloseWithError = (stream, error) => {
    stream.inFlightCloseRequest.reject(error);
    stream.inFlightCloseRequest = undefined;
    if (stream.pendingAbortRequest !== undefined) {
      stream.pendingAbortRequest.promise.reject(error);
      stream.pendingAbortRequest = undefined;
    }
    dealWithRejection(stream, error);
  };
  const closeQueuedOrInFlight = (stream) =>
    stream.closeRequest !== undefined || stream.inFlightCloseRequest !== undefined;
  const hasOperationMarkedInFlight = (stream) =>
    stream.inFlightWriteRequest !== undefined || stream.inFlightCloseRequest !== undefined;
  const rejectCloseAndClosedPromiseIfNeeded = (stream) => {
    if (stream.closeRequest !== undefined) {
      stream.closeRequest.reject(stream.storedError);
      stream.closeRequest = undefined;
    }
    const writer = stream.writer;
    if (writer !== undefined) {
      writer.closed.reject(stream.storedError);
      setHandled(writer.closed.promise);
    }
  };
  const updateBackpressure = (stream, backpressure) => {
    const writer = stream.writer;
    if (writer !== undefined && backpressure !== stream.backpressure) {
      if (backpressure) writer.ready = newPromise();
      else writer.ready.resolve(undefined);
    }
    stream.backpressure = backpressure;
  };

  // ---- WritableStreamDefaultWriter (§5.3, §5.5.3) -----------------------------

  class WritableStreamDefaultWriter {
    constructor(stream) {
      requireArgs(arguments.length, 1, "WritableStreamDefaultWriter");
      const s = streams.get(stream);
      if (s === undefined) throw new TypeError("WritableStreamDefaultWriter: the argument is not a WritableStream");
      setUpWriter(newWriterRecord(this), s);
    }
    get closed() { return rejectsOnThrow(() => wr(this, "closed").closed.promise); }
    get desiredSize() {
      const writer = wr(this, "desiredSize");
      if (writer.stream === undefined) throw new TypeError("The writer's lock was released");
      return writerGetDesiredSize(writer);
    }
    get ready() { return rejectsOnThrow(() => wr(this, "ready").ready.promise); }
    abort(reason = undefined) {
      return rejectsOnThrow(() => {
        const writer = wr(this, "abort");
        if (writer.stream === undefined) return rejectedWith(new TypeError("The writer's lock was released"));
        return writableStreamAbort(writer.stream, reason);
      });
    }
    close() {
      return rejectsOnThrow(() => {
        const writer = wr(this, "close");
        const stream = writer.stream;
        if (stream === undefined) return rejectedWith(new TypeError("The writer's lock was released"));
        if (closeQueuedOrInFlight(stream)) {
          return rejectedWith(new TypeError("The WritableStream is already closing"));
        }
        return writableStreamClose(stream);
      });
    }
    releaseLock() {
      const writer = wr(this, "releaseLock");
      if (writer.stream === undefined) return;
      writerRelease(writer);
    }
    write(chunk = undefined) {
      return rejectsOnThrow(() => {
        const writer = wr(this, "write");
        if (writer.stream === undefined) return rejectedWith(new TypeError("The writer's lock was released"));
        return writerWrite(writer, chunk);
      });
    }
  }

  const newWriterRecord = (pub) => {
    const writer = { pub, stream: undefined, ready: undefined, closed: undefined };
    writers.set(pub, writer);
    return writer;
  };
  const acquireWriter = (stream) => {
    const writer = newWriterRecord(create(WritableStreamDefaultWriter.prototype));
    setUpWriter(writer, stream);
    return writer;
  };
  // §5.5.3 SetUpWritableStreamDefaultWriter.
  const setUpWriter = (writer, stream) => {
    if (isLocked(stream)) throw new TypeError("WritableStream is locked to a writer");
    writer.stream = stream;
    stream.writer = writer;
    const state = stream.state;
    if (state === "writable") {
      writer.ready = !closeQueuedOrInFlight(stream) && stream.backpressure
        ? newPromise() : resolvedRecord(undefined);
      writer.closed = newPromise();
    } else if (state === "erroring") {
      writer.ready = rejectedRecord(stream.storedError);
      writer.closed = newPromise();
    } else if (state === "closed") {
      writer.ready = resolvedRecord(undefined);
      writer.closed = resolvedRecord(undefined);
    } else {
      writer.ready = rejectedRecord(stream.storedError);
      writer.closed = rejectedRecord(stream.storedError);
    }
  };
  const ensureClosedPromiseRejected = (writer, error) => {
    if (!writer.closed.settled) writer.closed.reject(error);
    else writer.closed = rejectedRecord(error);
    setHandled(writer.closed.promise);
  };
  const ensureReadyPromiseRejected = (writer, error) => {
    if (!writer.ready.settled) writer.ready.reject(error);
    else writer.ready = rejectedRecord(error);
    setHandled(writer.ready.promise);
  };
  const writerGetDesiredSize = (writer) => {
    const stream = writer.stream;
    const state = stream.state;
    if (state === "errored" || state === "erroring") return null;
    if (state === "closed") return 0;
    return controllerGetDesiredSize(stream.controller);
  };
  const writerRelease = (writer) => {
    const stream = writer.stream;
    const releasedError = new TypeError("The writer's lock was released");
    ensureReadyPromiseRejected(writer, releasedError);
    ensureClosedPromiseRejected(writer, releasedError);
    stream.writer = undefined;
    writer.stream = undefined;
  };
  // §5.5.3 WritableStreamDefaultWriterWrite.
  const writerWrite = (writer, chunk) => {
    const stream = writer.stream;
    const controller = stream.controller;
    const chunkSize = controllerGetChunkSize(controller, chunk);
    if (stream !== writer.stream) return rejectedWith(new TypeError("The writer's lock was released"));
    const state = stream.state;
    if (state === "errored") return rejectedWith(stream.storedError);
    if (closeQueuedOrInFlight(stream) || state === "closed") {
      return rejectedWith(new TypeError("The WritableStream is closing or closed"));
    }
    if (state === "erroring") return rejectedWith(stream.storedError);
    const promise = newPromise();
    stream.writeRequests.push(promise);
    controllerWrite(controller, chunk, chunkSize);
    return promise.promise;
  };
  const writerCloseWithErrorPropagation = (writer) => {
    const stream = writer.stream;
    const state = stream.state;
    if (closeQueuedOrInFlight(stream) || state === "closed") return resolvedWith(undefined);
    if (state === "errored") return rejectedWith(stream.storedError);
    return writableStreamClose(stream);
  };

  // ---- WritableStreamDefaultController (§5.4, §5.5.4) -------------------------

  class WritableStreamDefaultController {
    constructor() { checkConstructing(); }
    get signal() { return apply(abortControllerSignal, wc(this, "signal").abortController, []); }
    error(e = undefined) {
      const c = wc(this, "error");
      if (c.stream.state !== "writable") return;
      controllerError(c, e);
    }
  }

  const newController = () => {
    constructing = true;
    let pub;
    try {
      pub = new WritableStreamDefaultController();
    } finally {
      constructing = false;
    }
    const c = {
      pub, stream: undefined, abortController: new AbortControllerClass(), started: false,
      strategyHWM: 1, strategySizeAlgorithm: undefined,
      writeAlgorithm: undefined, closeAlgorithm: undefined, abortAlgorithm: undefined,
      abortSteps: (reason) => {
        const result = c.abortAlgorithm(reason);
        controllerClearAlgorithms(c);
        return result;
      },
    };
    resetQueue(c);
    controllers.set(pub, c);
    return c;
  };
  // §5.5.4 SetUpWritableStreamDefaultController.
  const setUpController = (stream, c, start, write, close, abort, hwm, size) => {
    c.stream = stream;
    stream.controller = c;
    resetQueue(c);
    c.started = false;
    c.strategySizeAlgorithm = size;
    c.strategyHWM = hwm;
    c.writeAlgorithm = write;
    c.closeAlgorithm = close;
    c.abortAlgorithm = abort;
    updateBackpressure(stream, controllerGetBackpressure(c));
    const startResult = start();
    react(resolvedWith(startResult), () => {
      c.started = true;
      advanceQueueIfNeeded(c);
    }, (r) => {
      c.started = true;
      dealWithRejection(stream, r);
    });
  };
  const setUpControllerFromSink = (stream, sink, dict, hwm, size) => {
    const c = newController();
    const start = dict.start === undefined ? () => undefined : () => apply(dict.start, sink, [c.pub]);
    const write = dict.write === undefined
      ? () => resolvedWith(undefined) : (chunk) => promiseCall(dict.write, sink, [chunk, c.pub]);
    const close = dict.close === undefined ? () => resolvedWith(undefined) : () => promiseCall(dict.close, sink, []);
    const abort = dict.abort === undefined
      ? () => resolvedWith(undefined) : (reason) => promiseCall(dict.abort, sink, [reason]);
    setUpController(stream, c, start, write, close, abort, hwm, size);
  };
  const advanceQueueIfNeeded = (c) => {
    const stream = c.stream;
    if (!c.started) return;
    if (stream.inFlightWriteRequest !== undefined) return;
    const state = stream.state;
    if (state === "erroring") {
      finishErroring(stream);
      return;
    }
    if (state !== "writable" && state !== "erroring") return;
    if (queueLength(c) === 0) return;
    const value = peekQueueValue(c);
    if (value === CLOSE_SENTINEL) processClose(c);
    else processWrite(c, value);
  };
  const controllerClearAlgorithms = (c) => {
    c.writeAlgorithm = undefined;
    c.closeAlgorithm = undefined;
    c.abortAlgorithm = undefined;
    c.strategySizeAlgorithm = undefined;
  };
  const controllerClose = (c) => {
    enqueueValueWithSize(c, CLOSE_SENTINEL, 0);
    advanceQueueIfNeeded(c);
  };
  const controllerErrorIfNeeded = (c, error) => {
    if (c.stream.state === "writable") controllerError(c, error);
  };
  const controllerError = (c, error) => {
    controllerClearAlgorithms(c);
    startErroring(c.stream, error);
  };
  const controllerGetChunkSize = (c, chunk) => {
    if (c.strategySizeAlgorithm === undefined) return 1;
    try {
      return c.strategySizeAlgorithm(chunk);
    } catch (e) {
      controllerErrorIfNeeded(c, e);
      return 1;
    }
  };
  const controllerGetDesiredSize = (c) => c.strategyHWM - c.queueTotalSize;
  const controllerGetBackpressure = (c) => controllerGetDesiredSize(c) <= 0;
  const processClose = (c) => {
    const stream = c.stream;
    stream.inFlightCloseRequest = stream.closeRequest;
    stream.closeRequest = undefined;
    dequeueValue(c);
    const sinkClosePromise = c.closeAlgorithm();
    controllerClearAlgorithms(c);
    react(sinkClosePromise, () => finishInFlightClose(stream), (r) => finishInFlightCloseWithError(stream, r));
  };
  const processWrite = (c, chunk) => {
    const stream = c.stream;
    stream.inFlightWriteRequest = stream.writeRequests.shift();
    react(c.writeAlgorithm(chunk), () => {
      finishInFlightWrite(stream);
      const state = stream.state;
      dequeueValue(c);
      if (!closeQueuedOrInFlight(stream) && state === "writable") {
        updateBackpressure(stream, controllerGetBackpressure(c));
      }
      advanceQueueIfNeeded(c);
    }, (reason) => {
      if (stream.state === "writable") controllerClearAlgorithms(c);
      finishInFlightWriteWithError(stream, reason);
    });
  };
  const controllerWrite = (c, chunk, chunkSize) => {
    try {
      enqueueValueWithSize(c, chunk, chunkSize);
    } catch (e) {
      controllerErrorIfNeeded(c, e);
      return;
    }
    const stream = c.stream;
    if (!closeQueuedOrInFlight(stream) && stream.state === "writable") {
      updateBackpressure(stream, controllerGetBackpressure(c));
    }
    advanceQueueIfNeeded(c);
  };

  finishInterface(WritableStream, "WritableStream");
  finishInterface(WritableStreamDefaultWriter, "WritableStreamDefaultWriter");
  finishInterface(WritableStreamDefaultController, "WritableStreamDefaultController");

  return {
    WritableStream, WritableStreamDefaultWriter, WritableStreamDefaultController,
    internal: {
      streamRecord: (v) => streams.get(v),
      isLocked, createWritableStream, acquireWriter, writerWrite, writerRelease,
      writerCloseWithErrorPropagation, writableStreamAbort, closeQueuedOrInFlight,
      controllerErrorIfNeeded,
    },
  };
})
