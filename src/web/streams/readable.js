// ReadableStream and its readers and controllers (Streams Standard §4), in
// JavaScript: the standard is written as state machines over internal
// slots, and following it step by step is clearest in the language it is
// written for.
//
// Each public object (stream, reader, controller) maps, in a WeakMap, to a
// plain record holding its internal slots; the abstract operations work on
// records. `pub` links a record back to its public object.
//
// Evaluated once per realm by mod.rs; the completion value is a function
// taking (natives, common) and returning the classes and `internal`, the
// abstract operations writable.js, pipe.js, transform.js and the Rust seam
// (mod.rs) use.
((natives, common) => {
  "use strict";
  const {
    noop, newPromise, resolvedWith, rejectedWith, resolvedRecord, rejectedRecord, react, setHandled,
    promiseCall, rejectsOnThrow, queueMicrotask,
    isObject, toDictionary, callbackMember, enforceRange, requireArgs, finishInterface, brand,
    isView, viewKind, bufferByteLength, sliceBuffer, copyBytes, cloneAsUint8Array, transferArrayBuffer, isDetached,
    resetQueue, queueLength, enqueueValueWithSize, dequeueValue,
    toStrategy, extractHighWaterMark, extractSizeAlgorithm,
  } = common;
  const { apply } = Reflect;
  const create = Object.create;

  const streams = new WeakMap();
  const readers = new WeakMap();
  const controllers = new WeakMap();
  const byobRequests = new WeakMap();
  const iterators = new WeakMap();

  const rs = (self, member) => brand(streams, self, "ReadableStream", member);

  // Interfaces without a constructor throw "Illegal constructor" when a
  // script calls them; the runtime makes instances through `construct`.
  let constructing = false;
  const construct = (C) => {
    constructing = true;
    try {
      return new C();
    } finally {
      constructing = false;
    }
  };
  const checkConstructing = () => {
    if (!constructing) throw new TypeError("Illegal constructor");
    constructing = false;
  };

  // ---- ReadableStream (§4.2) ------------------------------------------------

  class ReadableStream {
    constructor(underlyingSource = undefined, strategy = undefined) {
      // WebIDL converts the strategy dictionary first: it is an argument;
      // the underlying source is an `object` converted in step 2.
      const strat = toStrategy(strategy, "ReadableStream");
      // WebIDL `object`: null is not an object (a TypeError), undefined
      // means "not given".
      const sourceObject = underlyingSource === undefined ? null : underlyingSource;
      if (underlyingSource !== undefined && !isObject(underlyingSource)) {
        throw new TypeError("ReadableStream: the underlying source must be an object");
      }
      const dict = toUnderlyingSource(sourceObject);
      const stream = initializeReadableStream(this);
      if (dict.type === "bytes") {
        if (strat.size !== undefined) {
          throw new RangeError("ReadableStream: a byte stream's strategy cannot have a size");
        }
        const hwm = extractHighWaterMark(strat, 0);
        setUpByteControllerFromSource(stream, sourceObject, dict, hwm);
      } else {
        const size = extractSizeAlgorithm(strat);
        const hwm = extractHighWaterMark(strat, 1);
        setUpDefaultControllerFromSource(stream, sourceObject, dict, hwm, size);
      }
    }
    get locked() { return isLocked(rs(this, "locked")); }
    cancel(reason = undefined) {
      return rejectsOnThrow(() => {
        const stream = rs(this, "cancel");
        if (isLocked(stream)) return rejectedWith(new TypeError("Cannot cancel a locked ReadableStream"));
        return readableStreamCancel(stream, reason);
      });
    }
    getReader(options = undefined) {
      const stream = rs(this, "getReader");
      const dict = toDictionary(options, "ReadableStream.getReader");
      const mode = dict.mode;
      if (mode === undefined) return acquireDefaultReader(stream).pub;
      if (`${mode}` !== "byob") {
        throw new TypeError(`ReadableStream.getReader: '${mode}' is not a valid ReadableStreamReaderMode`);
      }
      return acquireBYOBReader(stream).pub;
    }
    tee() {
      const stream = rs(this, "tee");
      return readableStreamTee(stream, false).map((b) => b.pub);
    }
    values(options = undefined) {
      const stream = rs(this, "values");
      const dict = toDictionary(options, "ReadableStream.values");
      const preventCancel = !!dict.preventCancel;
      const reader = acquireDefaultReader(stream);
      const it = create(asyncIteratorPrototype);
      iterators.set(it, { reader, preventCancel, ongoing: undefined, finished: false });
      return it;
    }
    static from(asyncIterable) {
      requireArgs(arguments.length, 1, "ReadableStream.from");
      return readableStreamFromIterable(asyncIterable).pub;
    }
  }

  // The UnderlyingSource dictionary, members in lexicographic order.
  const toUnderlyingSource = (source) => {
    if (source === null) return {};
    const what = "ReadableStream: underlying source";
    const autoAllocate = source.autoAllocateChunkSize;
    const autoAllocateChunkSize = autoAllocate === undefined
      ? undefined : enforceRange(autoAllocate, `${what} autoAllocateChunkSize`);
    const cancel = callbackMember(source, "cancel", what);
    const pull = callbackMember(source, "pull", what);
    const start = callbackMember(source, "start", what);
    let type = source.type;
    if (type !== undefined) {
      type = `${type}`;
      if (type !== "bytes") throw new TypeError(`${what}: '${type}' is not a valid ReadableStreamType`);
    }
    return { autoAllocateChunkSize, cancel, pull, start, type };
  };

  // §4.9.1 InitializeReadableStream, with a new record for `pub`.
  const initializeReadableStream = (pub) => {
    const stream = {
      pub, state: "readable", reader: undefined, storedError: undefined, disturbed: false,
      controller: undefined,
    };
    streams.set(pub, stream);
    return stream;
  };
  const newStreamRecord = () => initializeReadableStream(create(ReadableStream.prototype));

  // §4.9.1 CreateReadableStream.
  const createReadableStream = (start, pull, cancel, hwm = 1, size = () => 1) => {
    const stream = newStreamRecord();
    const controller = newDefaultController();
    setUpDefaultController(stream, controller, start, pull, cancel, hwm, size);
    return stream;
  };
  // §4.9.1 CreateReadableByteStream.
  const createReadableByteStream = (start, pull, cancel) => {
    const stream = newStreamRecord();
    const controller = newByteController();
    setUpByteController(stream, controller, start, pull, cancel, 0, undefined);
    return stream;
  };

  const isLocked = (stream) => stream.reader !== undefined;

  // ---- Readers (§4.3, §4.4, §4.9.2) -----------------------------------------

  const newReaderRecord = (pub, byob) => {
    const reader = { pub, byob, stream: undefined, closed: undefined, requests: [] };
    readers.set(pub, reader);
    return reader;
  };
  // §4.9.2 ReadableStreamReaderGenericInitialize.
  const genericInitialize = (reader, stream) => {
    reader.stream = stream;
    stream.reader = reader;
    if (stream.state === "readable") reader.closed = newPromise();
    else if (stream.state === "closed") reader.closed = resolvedRecord(undefined);
    else reader.closed = rejectedRecord(stream.storedError);
  };
  // §4.9.2 ReadableStreamReaderGenericRelease.
  const genericRelease = (reader) => {
    const stream = reader.stream;
    const error = new TypeError("The reader's lock was released");
    if (stream.state === "readable") reader.closed.reject(error);
    else reader.closed = rejectedRecord(error);
    setHandled(reader.closed.promise);
    stream.controller.releaseSteps();
    stream.reader = undefined;
    reader.stream = undefined;
  };
  const setUpDefaultReader = (reader, stream) => {
    if (isLocked(stream)) throw new TypeError("ReadableStream is locked to a reader");
    genericInitialize(reader, stream);
    reader.requests = [];
  };
  const setUpBYOBReader = (reader, stream) => {
    if (isLocked(stream)) throw new TypeError("ReadableStream is locked to a reader");
    if (!stream.controller.isByte) {
      throw new TypeError("A BYOB reader needs a readable byte stream");
    }
    genericInitialize(reader, stream);
    reader.requests = [];
  };
  const acquireDefaultReader = (stream) => {
    const reader = newReaderRecord(create(ReadableStreamDefaultReader.prototype), false);
    setUpDefaultReader(reader, stream);
    return reader;
  };
  const acquireBYOBReader = (stream) => {
    const reader = newReaderRecord(create(ReadableStreamBYOBReader.prototype), true);
    setUpBYOBReader(reader, stream);
    return reader;
  };
  const errorRequests = (reader, e) => {
    const requests = reader.requests;
    reader.requests = [];
    for (const request of requests) request.error(e);
  };
  // §4.9.2 ReadableStreamDefaultReaderRelease / ReadableStreamBYOBReaderRelease.
  const readerRelease = (reader) => {
    genericRelease(reader);
    errorRequests(reader, new TypeError("The reader's lock was released"));
  };
  // §4.9.2 ReadableStreamDefaultReaderRead; `request` is { chunk, close, error }.
  const defaultReaderRead = (reader, request) => {
    const stream = reader.stream;
    stream.disturbed = true;
    if (stream.state === "closed") request.close();
    else if (stream.state === "errored") request.error(stream.storedError);
    else stream.controller.pullSteps(request);
  };
  // §4.9.2 ReadableStreamBYOBReaderRead.
  const byobReaderRead = (reader, view, min, request) => {
    const stream = reader.stream;
    stream.disturbed = true;
    if (stream.state === "errored") request.error(stream.storedError);
    else byteControllerPullInto(stream.controller, view, min, request);
  };
  // A read request settling a promise of { value, done }.
  const readRequestFor = (promise) => ({
    chunk: (value) => promise.resolve({ value, done: false }),
    close: (value) => promise.resolve({ value, done: true }),
    error: (e) => promise.reject(e),
  });
  const defaultRead = (reader) => {
    const promise = newPromise();
    defaultReaderRead(reader, readRequestFor(promise));
    return promise.promise;
  };

  const dr = (self, member) => {
    const r = readers.get(self);
    if (r === undefined || r.byob) {
      throw new TypeError(`ReadableStreamDefaultReader.prototype.${member} called on an object that is not a ReadableStreamDefaultReader`);
    }
    return r;
  };
  const br = (self, member) => {
    const r = readers.get(self);
    if (r === undefined || !r.byob) {
      throw new TypeError(`ReadableStreamBYOBReader.prototype.${member} called on an object that is not a ReadableStreamBYOBReader`);
    }
    return r;
  };

  const readerCancel = (r, reason) => {
    if (r.stream === undefined) return rejectedWith(new TypeError("The reader's lock was released"));
    return readableStreamCancel(r.stream, reason);
  };

  class ReadableStreamDefaultReader {
    constructor(stream) {
      requireArgs(arguments.length, 1, "ReadableStreamDefaultReader");
      const s = streams.get(stream);
      if (s === undefined) throw new TypeError("ReadableStreamDefaultReader: the argument is not a ReadableStream");
      setUpDefaultReader(newReaderRecord(this, false), s);
    }
    get closed() {
      return rejectsOnThrow(() => dr(this, "closed").closed.promise);
    }
    cancel(reason = undefined) {
      return rejectsOnThrow(() => readerCancel(dr(this, "cancel"), reason));
    }
    read() {
      return rejectsOnThrow(() => {
        const r = dr(this, "read");
        if (r.stream === undefined) return rejectedWith(new TypeError("The reader's lock was released"));
        return defaultRead(r);
      });
    }
    releaseLock() {
      const r = dr(this, "releaseLock");
      if (r.stream === undefined) return;
      readerRelease(r);
    }
  }

  class ReadableStreamBYOBReader {
    constructor(stream) {
      requireArgs(arguments.length, 1, "ReadableStreamBYOBReader");
      const s = streams.get(stream);
      if (s === undefined) throw new TypeError("ReadableStreamBYOBReader: the argument is not a ReadableStream");
      setUpBYOBReader(newReaderRecord(this, true), s);
    }
    get closed() {
      return rejectsOnThrow(() => br(this, "closed").closed.promise);
    }
    cancel(reason = undefined) {
      return rejectsOnThrow(() => readerCancel(br(this, "cancel"), reason));
    }
    read(view, options = undefined) {
      return rejectsOnThrow(() => {
        const r = br(this, "read");
        requireArgs(arguments.length, 1, "ReadableStreamBYOBReader.read");
        if (!isView(view)) throw new TypeError("ReadableStreamBYOBReader.read: the argument is not an ArrayBufferView");
        const dict = toDictionary(options, "ReadableStreamBYOBReader.read");
        const min = dict.min === undefined ? 1 : enforceRange(dict.min, "ReadableStreamBYOBReader.read: min");
        // §4.6.4 read(view, options) steps 1-6.
        if (view.byteLength === 0) throw new TypeError("read() needs a view with a non-zero byteLength");
        if (isDetached(view.buffer)) throw new TypeError("read() was given a view of a detached ArrayBuffer");
        if (bufferByteLength(view.buffer) === 0) throw new TypeError("read() needs a view of a non-empty ArrayBuffer");
        if (min === 0) throw new TypeError("read(): options.min must be greater than 0");
        if (viewKind(view).ctor === DataView) {
          if (min > view.byteLength) throw new RangeError("read(): options.min is larger than the view's byteLength");
        } else if (min > view.length) {
          throw new RangeError("read(): options.min is larger than the view's length");
        }
        if (r.stream === undefined) throw new TypeError("The reader's lock was released");
        const promise = newPromise();
        byobReaderRead(r, view, min, readRequestFor(promise));
        return promise.promise;
      });
    }
    releaseLock() {
      const r = br(this, "releaseLock");
      if (r.stream === undefined) return;
      readerRelease(r);
    }
  }

  // ---- Stream operations (§4.9.3, §4.9.4) -----------------------------------

  // §4.9.3 ReadableStreamCancel.
  const readableStreamCancel = (stream, reason) => {
    stream.disturbed = true;
    if (stream.state === "closed") return resolvedWith(undefined);
    if (stream.state === "errored") return rejectedWith(stream.storedError);
    readableStreamClose(stream);
    const reader = stream.reader;
    if (reader !== undefined && reader.byob) {
      const requests = reader.requests;
      reader.requests = [];
      for (const request of requests) request.close(undefined);
    }
    const sourceCancelPromise = stream.controller.cancelSteps(reason);
    return react(sourceCancelPromise, noop);
  };
  // §4.9.3 ReadableStreamClose.
  const readableStreamClose = (stream) => {
    stream.state = "closed";
    const reader = stream.reader;
    if (reader === undefined) return;
    reader.closed.resolve(undefined);
    if (!reader.byob) {
      const requests = reader.requests;
      reader.requests = [];
      for (const request of requests) request.close();
    }
  };
  // §4.9.3 ReadableStreamError.
  const readableStreamError = (stream, e) => {
    stream.state = "errored";
    stream.storedError = e;
    const reader = stream.reader;
    if (reader === undefined) return;
    reader.closed.reject(e);
    setHandled(reader.closed.promise);
    errorRequests(reader, e);
  };
  const fulfillReadRequest = (stream, chunk, done) => {
    const request = stream.reader.requests.shift();
    if (done) request.close();
    else request.chunk(chunk);
  };
  const fulfillReadIntoRequest = (stream, chunk, done) => {
    const request = stream.reader.requests.shift();
    if (done) request.close(chunk);
    else request.chunk(chunk);
  };
  const numReadRequests = (stream) => stream.reader.requests.length;
  const hasDefaultReader = (stream) => stream.reader !== undefined && !stream.reader.byob;
  const hasBYOBReader = (stream) => stream.reader !== undefined && stream.reader.byob;

  // ---- ReadableStreamDefaultController (§4.7, §4.9.4) ----------------------

  const dc = (self, member) => {
    const c = controllers.get(self);
    if (c === undefined || c.isByte) {
      throw new TypeError(`ReadableStreamDefaultController.prototype.${member} called on an object that is not a ReadableStreamDefaultController`);
    }
    return c;
  };

  class ReadableStreamDefaultController {
    constructor() { checkConstructing(); }
    get desiredSize() { return defaultControllerGetDesiredSize(dc(this, "desiredSize")); }
    close() {
      const c = dc(this, "close");
      if (!canCloseOrEnqueue(c)) throw new TypeError("The stream is not in a state that permits close");
      defaultControllerClose(c);
    }
    enqueue(chunk = undefined) {
      const c = dc(this, "enqueue");
      if (!canCloseOrEnqueue(c)) throw new TypeError("The stream is not in a state that permits enqueue");
      defaultControllerEnqueue(c, chunk);
    }
    error(e = undefined) { defaultControllerError(dc(this, "error"), e); }
  }

  const newDefaultController = () => {
    const pub = construct(ReadableStreamDefaultController);
    const c = {
      pub, isByte: false, stream: undefined, started: false, closeRequested: false, pullAgain: false,
      pulling: false, strategyHWM: 0, strategySizeAlgorithm: undefined,
      pullAlgorithm: undefined, cancelAlgorithm: undefined,
      pullSteps: (request) => defaultControllerPullSteps(c, request),
      releaseSteps: noop,
      cancelSteps: (reason) => {
        resetQueue(c);
        const result = c.cancelAlgorithm(reason);
        defaultControllerClearAlgorithms(c);
        return result;
      },
    };
    resetQueue(c);
    controllers.set(pub, c);
    return c;
  };

  const defaultControllerPullSteps = (c, request) => {
    const stream = c.stream;
    if (queueLength(c) > 0) {
      const chunk = dequeueValue(c);
      if (c.closeRequested && queueLength(c) === 0) {
        defaultControllerClearAlgorithms(c);
        readableStreamClose(stream);
      } else {
        defaultControllerCallPullIfNeeded(c);
      }
      request.chunk(chunk);
    } else {
      stream.reader.requests.push(request);
      defaultControllerCallPullIfNeeded(c);
    }
  };
  const defaultControllerCallPullIfNeeded = (c) => {
    if (!defaultControllerShouldCallPull(c)) return;
    if (c.pulling) {
      c.pullAgain = true;
      return;
    }
    c.pulling = true;
    react(c.pullAlgorithm(), () => {
      c.pulling = false;
      if (c.pullAgain) {
        c.pullAgain = false;
        defaultControllerCallPullIfNeeded(c);
      }
    }, (e) => defaultControllerError(c, e));
  };
  const defaultControllerShouldCallPull = (c) => {
    const stream = c.stream;
    if (!canCloseOrEnqueue(c)) return false;
    if (!c.started) return false;
    if (isLocked(stream) && numReadRequests(stream) > 0) return true;
    return defaultControllerGetDesiredSize(c) > 0;
  };
  const defaultControllerClearAlgorithms = (c) => {
    c.pullAlgorithm = undefined;
    c.cancelAlgorithm = undefined;
    c.strategySizeAlgorithm = undefined;
  };
  const defaultControllerClose = (c) => {
    if (!canCloseOrEnqueue(c)) return;
    c.closeRequested = true;
    if (queueLength(c) === 0) {
      defaultControllerClearAlgorithms(c);
      readableStreamClose(c.stream);
    }
  };
  const defaultControllerEnqueue = (c, chunk) => {
    if (!canCloseOrEnqueue(c)) return;
    const stream = c.stream;
    if (isLocked(stream) && numReadRequests(stream) > 0) {
      fulfillReadRequest(stream, chunk, false);
    } else {
      let size;
      try {
        size = c.strategySizeAlgorithm(chunk);
      } catch (e) {
        defaultControllerError(c, e);
        throw e;
      }
      try {
        enqueueValueWithSize(c, chunk, size);
      } catch (e) {
        defaultControllerError(c, e);
        throw e;
      }
    }
    defaultControllerCallPullIfNeeded(c);
  };
  const defaultControllerError = (c, e) => {
    const stream = c.stream;
    if (stream.state !== "readable") return;
    resetQueue(c);
    defaultControllerClearAlgorithms(c);
    readableStreamError(stream, e);
  };
  const defaultControllerGetDesiredSize = (c) => {
    const state = c.stream.state;
    if (state === "errored") return null;
    if (state === "closed") return 0;
    return c.strategyHWM - c.queueTotalSize;
  };
  // §4.9.4 ReadableStreamDefaultControllerHasBackpressure.
  const defaultControllerHasBackpressure = (c) => !defaultControllerShouldCallPull(c);
  const canCloseOrEnqueue = (c) => !c.closeRequested && c.stream.state === "readable";

  // §4.9.4 SetUpReadableStreamDefaultController.
  const setUpDefaultController = (stream, c, start, pull, cancel, hwm, size) => {
    c.stream = stream;
    resetQueue(c);
    c.strategySizeAlgorithm = size;
    c.strategyHWM = hwm;
    c.pullAlgorithm = pull;
    c.cancelAlgorithm = cancel;
    stream.controller = c;
    const startResult = start();
    react(resolvedWith(startResult), () => {
      c.started = true;
      defaultControllerCallPullIfNeeded(c);
    }, (r) => defaultControllerError(c, r));
  };
  // The algorithms of an underlying source dictionary.
  const sourceAlgorithms = (source, dict, controllerPub) => ({
    start: dict.start === undefined ? () => undefined : () => apply(dict.start, source, [controllerPub]),
    pull: dict.pull === undefined ? () => resolvedWith(undefined) : () => promiseCall(dict.pull, source, [controllerPub]),
    cancel: dict.cancel === undefined
      ? () => resolvedWith(undefined) : (reason) => promiseCall(dict.cancel, source, [reason]),
  });
  const setUpDefaultControllerFromSource = (stream, source, dict, hwm, size) => {
    const c = newDefaultController();
    const { start, pull, cancel } = sourceAlgorithms(source, dict, c.pub);
    setUpDefaultController(stream, c, start, pull, cancel, hwm, size);
  };

  // ---- ReadableByteStreamController (§4.8, §4.9.5) -------------------------

  const bc = (self, member) => {
    const c = controllers.get(self);
    if (c === undefined || !c.isByte) {
      throw new TypeError(`ReadableByteStreamController.prototype.${member} called on an object that is not a ReadableByteStreamController`);
    }
    return c;
  };

  class ReadableByteStreamController {
    constructor() { checkConstructing(); }
    get byobRequest() {
      const request = byteControllerGetBYOBRequest(bc(this, "byobRequest"));
      return request === null ? null : request.pub;
    }
    get desiredSize() { return byteControllerGetDesiredSize(bc(this, "desiredSize")); }
    close() {
      const c = bc(this, "close");
      if (c.closeRequested) throw new TypeError("The stream is already closing");
      if (c.stream.state !== "readable") throw new TypeError("The stream is not readable");
      byteControllerClose(c);
    }
    enqueue(chunk) {
      const c = bc(this, "enqueue");
      requireArgs(arguments.length, 1, "ReadableByteStreamController.enqueue");
      if (!isView(chunk)) throw new TypeError("enqueue: the chunk is not an ArrayBufferView");
      if (chunk.byteLength === 0) throw new TypeError("enqueue: the chunk is empty");
      if (bufferByteLength(chunk.buffer) === 0) throw new TypeError("enqueue: the chunk's buffer is empty or detached");
      if (c.closeRequested) throw new TypeError("enqueue: the stream is closing");
      if (c.stream.state !== "readable") throw new TypeError("enqueue: the stream is not readable");
      byteControllerEnqueue(c, chunk);
    }
    error(e = undefined) { byteControllerError(bc(this, "error"), e); }
  }

  const newByteController = () => {
    const pub = construct(ReadableByteStreamController);
    const c = {
      pub, isByte: true, stream: undefined, started: false, closeRequested: false, pullAgain: false,
      pulling: false, strategyHWM: 0, byobRequest: null, pendingPullIntos: [],
      autoAllocateChunkSize: undefined, pullAlgorithm: undefined, cancelAlgorithm: undefined,
      pullSteps: (request) => byteControllerPullSteps(c, request),
      // §4.8.4 [[ReleaseSteps]].
      releaseSteps: () => {
        if (c.pendingPullIntos.length > 0) {
          const first = c.pendingPullIntos[0];
          first.readerType = "none";
          c.pendingPullIntos = [first];
        }
      },
      cancelSteps: (reason) => {
        byteControllerClearPendingPullIntos(c);
        resetQueue(c);
        const result = c.cancelAlgorithm(reason);
        byteControllerClearAlgorithms(c);
        return result;
      },
    };
    resetQueue(c);
    controllers.set(pub, c);
    return c;
  };

  // The byte queue holds { value: { buffer, byteOffset, byteLength }, size }
  // entries through the queue-with-sizes helpers, size = byteLength.
  const byteQueueHead = (c) => c.queue[c.queueHead].value;
  const enqueueChunkToQueue = (c, buffer, byteOffset, byteLength) => {
    c.queue.push({ value: { buffer, byteOffset, byteLength }, size: byteLength });
    c.queueTotalSize += byteLength;
  };
  const enqueueClonedChunkToQueue = (c, buffer, byteOffset, byteLength) => {
    let clone;
    try {
      clone = sliceBuffer(buffer, byteOffset, byteOffset + byteLength);
    } catch (e) {
      byteControllerError(c, e);
      throw e;
    }
    enqueueChunkToQueue(c, clone, 0, byteLength);
  };
  const enqueueDetachedPullIntoToQueue = (c, pd) => {
    if (pd.bytesFilled > 0) enqueueClonedChunkToQueue(c, pd.buffer, pd.byteOffset, pd.bytesFilled);
    shiftPendingPullInto(c);
  };

  const byteControllerPullSteps = (c, request) => {
    const stream = c.stream;
    if (c.queueTotalSize > 0) {
      fillReadRequestFromQueue(c, request);
      return;
    }
    const size = c.autoAllocateChunkSize;
    if (size !== undefined) {
      let buffer;
      try {
        buffer = new ArrayBuffer(size);
      } catch (e) {
        request.error(e);
        return;
      }
      c.pendingPullIntos.push({
        buffer, bufferByteLength: size, byteOffset: 0, byteLength: size, bytesFilled: 0,
        minimumFill: 1, elementSize: 1, viewConstructor: Uint8Array, readerType: "default",
      });
    }
    stream.reader.requests.push(request);
    byteControllerCallPullIfNeeded(c);
  };
  const fillReadRequestFromQueue = (c, request) => {
    const entry = dequeueValue(c);
    byteControllerHandleQueueDrain(c);
    request.chunk(new Uint8Array(entry.buffer, entry.byteOffset, entry.byteLength));
  };
  const byteControllerHandleQueueDrain = (c) => {
    if (c.queueTotalSize === 0 && c.closeRequested) {
      byteControllerClearAlgorithms(c);
      readableStreamClose(c.stream);
    } else {
      byteControllerCallPullIfNeeded(c);
    }
  };
  const byteControllerCallPullIfNeeded = (c) => {
    if (!byteControllerShouldCallPull(c)) return;
    if (c.pulling) {
      c.pullAgain = true;
      return;
    }
    c.pulling = true;
    react(c.pullAlgorithm(), () => {
      c.pulling = false;
      if (c.pullAgain) {
        c.pullAgain = false;
        byteControllerCallPullIfNeeded(c);
      }
    }, (e) => byteControllerError(c, e));
  };
  const byteControllerShouldCallPull = (c) => {
    const stream = c.stream;
    if (stream.state !== "readable" || c.closeRequested || !c.started) return false;
    if (hasDefaultReader(stream) && numReadRequests(stream) > 0) return true;
    if (hasBYOBReader(stream) && numReadRequests(stream) > 0) return true;
    return byteControllerGetDesiredSize(c) > 0;
  };
  const byteControllerClearAlgorithms = (c) => {
    c.pullAlgorithm = undefined;
    c.cancelAlgorithm = undefined;
  };
  const byteControllerClearPendingPullIntos = (c) => {
    invalidateBYOBRequest(c);
    c.pendingPullIntos = [];
  };
  const byteControllerGetDesiredSize = (c) => {
    const state = c.stream.state;
    if (state === "errored") return null;
    if (state === "closed") return 0;
    return c.strategyHWM - c.queueTotalSize;
  };
  // §4.9.5 ReadableByteStreamControllerClose.
  const byteControllerClose = (c) => {
    const stream = c.stream;
    if (c.closeRequested || stream.state !== "readable") return;
    if (c.queueTotalSize > 0) {
      c.closeRequested = true;
      return;
    }
    if (c.pendingPullIntos.length > 0) {
      const first = c.pendingPullIntos[0];
      if (first.bytesFilled % first.elementSize !== 0) {
        const e = new TypeError("Insufficient bytes to fill the elements of the given view");
        byteControllerError(c, e);
        throw e;
      }
    }
    byteControllerClearAlgorithms(c);
    readableStreamClose(stream);
  };
  // §4.9.5 ReadableByteStreamControllerEnqueue.
  const byteControllerEnqueue = (c, chunk) => {
    const stream = c.stream;
    if (c.closeRequested || stream.state !== "readable") return;
    const buffer = chunk.buffer;
    const byteOffset = chunk.byteOffset;
    const byteLength = chunk.byteLength;
    if (isDetached(buffer)) throw new TypeError("enqueue: the chunk's buffer is detached");
    const transferred = transferArrayBuffer(buffer);
    if (c.pendingPullIntos.length > 0) {
      const first = c.pendingPullIntos[0];
      if (isDetached(first.buffer)) {
        throw new TypeError("enqueue: the BYOB request's buffer is detached");
      }
      invalidateBYOBRequest(c);
      first.buffer = transferArrayBuffer(first.buffer);
      if (first.readerType === "none") enqueueDetachedPullIntoToQueue(c, first);
    }
    if (hasDefaultReader(stream)) {
      processReadRequestsUsingQueue(c);
      if (numReadRequests(stream) === 0) {
        enqueueChunkToQueue(c, transferred, byteOffset, byteLength);
      } else {
        if (c.pendingPullIntos.length > 0) shiftPendingPullInto(c);
        fulfillReadRequest(stream, new Uint8Array(transferred, byteOffset, byteLength), false);
      }
    } else if (hasBYOBReader(stream)) {
      enqueueChunkToQueue(c, transferred, byteOffset, byteLength);
      const filled = processPullIntoDescriptorsUsingQueue(c);
      for (const pd of filled) commitPullIntoDescriptor(stream, pd);
    } else {
      enqueueChunkToQueue(c, transferred, byteOffset, byteLength);
    }
    byteControllerCallPullIfNeeded(c);
  };
  const processReadRequestsUsingQueue = (c) => {
    const reader = c.stream.reader;
    while (reader.requests.length > 0) {
      if (c.queueTotalSize === 0) return;
      fillReadRequestFromQueue(c, reader.requests.shift());
    }
  };
  const processPullIntoDescriptorsUsingQueue = (c) => {
    const filled = [];
    while (c.pendingPullIntos.length > 0) {
      if (c.queueTotalSize === 0) break;
      const pd = c.pendingPullIntos[0];
      if (fillPullIntoDescriptorFromQueue(c, pd)) {
        shiftPendingPullInto(c);
        filled.push(pd);
      }
    }
    return filled;
  };
  // §4.9.5 ReadableByteStreamControllerFillPullIntoDescriptorFromQueue.
  const fillPullIntoDescriptorFromQueue = (c, pd) => {
    const maxBytesToCopy = Math.min(c.queueTotalSize, pd.byteLength - pd.bytesFilled);
    const maxBytesFilled = pd.bytesFilled + maxBytesToCopy;
    let remaining = maxBytesToCopy;
    let ready = false;
    const maxAlignedBytes = maxBytesFilled - (maxBytesFilled % pd.elementSize);
    if (maxAlignedBytes >= pd.minimumFill) {
      remaining = maxAlignedBytes - pd.bytesFilled;
      ready = true;
    }
    while (remaining > 0) {
      const head = byteQueueHead(c);
      const bytesToCopy = Math.min(remaining, head.byteLength);
      const destStart = pd.byteOffset + pd.bytesFilled;
      copyBytes(pd.buffer, destStart, head.buffer, head.byteOffset, bytesToCopy);
      if (head.byteLength === bytesToCopy) {
        dequeueValue(c);
      } else {
        head.byteOffset += bytesToCopy;
        head.byteLength -= bytesToCopy;
        c.queue[c.queueHead].size -= bytesToCopy;
        c.queueTotalSize -= bytesToCopy;
      }
      pd.bytesFilled += bytesToCopy;
      remaining -= bytesToCopy;
    }
    return ready;
  };
  const shiftPendingPullInto = (c) => c.pendingPullIntos.shift();
  // §4.9.5 ReadableByteStreamControllerConvertPullIntoDescriptor.
  const convertPullIntoDescriptor = (pd) => {
    const buffer = transferArrayBuffer(pd.buffer);
    return new pd.viewConstructor(buffer, pd.byteOffset, pd.bytesFilled / pd.elementSize);
  };
  const commitPullIntoDescriptor = (stream, pd) => {
    let done = false;
    if (stream.state === "closed") done = true;
    const view = convertPullIntoDescriptor(pd);
    if (pd.readerType === "default") fulfillReadRequest(stream, view, done);
    else fulfillReadIntoRequest(stream, view, done);
  };
  // §4.9.5 ReadableByteStreamControllerPullInto.
  const byteControllerPullInto = (c, view, min, request) => {
    const stream = c.stream;
    const { ctor, elementSize } = viewKind(view);
    const minimumFill = min * elementSize;
    const byteOffset = view.byteOffset;
    const byteLength = view.byteLength;
    let buffer;
    try {
      buffer = transferArrayBuffer(view.buffer);
    } catch (e) {
      request.error(e);
      return;
    }
    const pd = {
      buffer, bufferByteLength: bufferByteLength(buffer), byteOffset, byteLength, bytesFilled: 0,
      minimumFill, elementSize, viewConstructor: ctor, readerType: "byob",
    };
    if (c.pendingPullIntos.length > 0) {
      c.pendingPullIntos.push(pd);
      stream.reader.requests.push(request);
      return;
    }
    if (stream.state === "closed") {
      request.close(new ctor(pd.buffer, pd.byteOffset, 0));
      return;
    }
    if (c.queueTotalSize > 0) {
      if (fillPullIntoDescriptorFromQueue(c, pd)) {
        const filled = convertPullIntoDescriptor(pd);
        byteControllerHandleQueueDrain(c);
        request.chunk(filled);
        return;
      }
      if (c.closeRequested) {
        const e = new TypeError("Insufficient bytes to fill the elements of the given view");
        byteControllerError(c, e);
        request.error(e);
        return;
      }
    }
    c.pendingPullIntos.push(pd);
    stream.reader.requests.push(request);
    byteControllerCallPullIfNeeded(c);
  };
  const byteControllerError = (c, e) => {
    const stream = c.stream;
    if (stream.state !== "readable") return;
    byteControllerClearPendingPullIntos(c);
    resetQueue(c);
    byteControllerClearAlgorithms(c);
    readableStreamError(stream, e);
  };
  const invalidateBYOBRequest = (c) => {
    if (c.byobRequest === null) return;
    c.byobRequest.controller = undefined;
    c.byobRequest.view = null;
    c.byobRequest = null;
  };
  const byteControllerGetBYOBRequest = (c) => {
    if (c.byobRequest === null && c.pendingPullIntos.length > 0) {
      const first = c.pendingPullIntos[0];
      const view = new Uint8Array(first.buffer, first.byteOffset + first.bytesFilled, first.byteLength - first.bytesFilled);
      const pub = construct(ReadableStreamBYOBRequest);
      const request = { pub, controller: c, view };
      byobRequests.set(pub, request);
      c.byobRequest = request;
    }
    return c.byobRequest;
  };
  // §4.9.5 ReadableByteStreamControllerRespond.
  const byteControllerRespond = (c, bytesWritten) => {
    const first = c.pendingPullIntos[0];
    if (c.stream.state === "closed") {
      if (bytesWritten !== 0) throw new TypeError("respond: bytesWritten must be 0 for a closed stream");
    } else {
      if (bytesWritten === 0) throw new TypeError("respond: bytesWritten must be greater than 0");
      if (first.bytesFilled + bytesWritten > first.byteLength) {
        throw new RangeError("respond: bytesWritten is larger than the view");
      }
    }
    first.buffer = transferArrayBuffer(first.buffer);
    byteControllerRespondInternal(c, bytesWritten);
  };
  const byteControllerRespondInternal = (c, bytesWritten) => {
    const first = c.pendingPullIntos[0];
    invalidateBYOBRequest(c);
    if (c.stream.state === "closed") respondInClosedState(c, first);
    else respondInReadableState(c, bytesWritten, first);
    byteControllerCallPullIfNeeded(c);
  };
  const respondInClosedState = (c, first) => {
    if (first.readerType === "none") shiftPendingPullInto(c);
    const stream = c.stream;
    if (hasBYOBReader(stream)) {
      while (numReadRequests(stream) > 0) commitPullIntoDescriptor(stream, shiftPendingPullInto(c));
    }
  };
  const respondInReadableState = (c, bytesWritten, pd) => {
    pd.bytesFilled += bytesWritten;
    if (pd.readerType === "none") {
      enqueueDetachedPullIntoToQueue(c, pd);
      for (const filled of processPullIntoDescriptorsUsingQueue(c)) commitPullIntoDescriptor(c.stream, filled);
      return;
    }
    if (pd.bytesFilled < pd.minimumFill) return;
    shiftPendingPullInto(c);
    const remainder = pd.bytesFilled % pd.elementSize;
    if (remainder > 0) {
      const end = pd.byteOffset + pd.bytesFilled;
      enqueueClonedChunkToQueue(c, pd.buffer, end - remainder, remainder);
    }
    pd.bytesFilled -= remainder;
    const filledPullIntos = processPullIntoDescriptorsUsingQueue(c);
    commitPullIntoDescriptor(c.stream, pd);
    for (const filled of filledPullIntos) commitPullIntoDescriptor(c.stream, filled);
  };
  // §4.9.5 ReadableByteStreamControllerRespondWithNewView.
  const byteControllerRespondWithNewView = (c, view) => {
    const first = c.pendingPullIntos[0];
    const viewByteLength = view.byteLength;
    if (c.stream.state === "closed") {
      if (viewByteLength !== 0) throw new TypeError("respondWithNewView: the view must be empty for a closed stream");
    } else if (viewByteLength === 0) {
      throw new TypeError("respondWithNewView: the view must not be empty");
    }
    if (first.byteOffset + first.bytesFilled !== view.byteOffset) {
      throw new RangeError("respondWithNewView: the view's offset does not match the request");
    }
    if (first.bufferByteLength !== bufferByteLength(view.buffer)) {
      throw new RangeError("respondWithNewView: the view's buffer has the wrong length");
    }
    if (first.bytesFilled + viewByteLength > first.byteLength) {
      throw new RangeError("respondWithNewView: the view is larger than the request");
    }
    first.buffer = transferArrayBuffer(view.buffer);
    byteControllerRespondInternal(c, viewByteLength);
  };

  // §4.9.5 SetUpReadableByteStreamController.
  const setUpByteController = (stream, c, start, pull, cancel, hwm, autoAllocateChunkSize) => {
    c.stream = stream;
    resetQueue(c);
    c.strategyHWM = hwm;
    c.pullAlgorithm = pull;
    c.cancelAlgorithm = cancel;
    c.autoAllocateChunkSize = autoAllocateChunkSize;
    c.pendingPullIntos = [];
    stream.controller = c;
    const startResult = start();
    react(resolvedWith(startResult), () => {
      c.started = true;
      byteControllerCallPullIfNeeded(c);
    }, (r) => byteControllerError(c, r));
  };
  const setUpByteControllerFromSource = (stream, source, dict, hwm) => {
    const c = newByteController();
    const { start, pull, cancel } = sourceAlgorithms(source, dict, c.pub);
    if (dict.autoAllocateChunkSize === 0) {
      throw new TypeError("ReadableStream: autoAllocateChunkSize must be greater than 0");
    }
    setUpByteController(stream, c, start, pull, cancel, hwm, dict.autoAllocateChunkSize);
  };

  // ---- ReadableStreamBYOBRequest (§4.8.? / §4.7) ---------------------------

  const breq = (self, member) => brand(byobRequests, self, "ReadableStreamBYOBRequest", member);

  class ReadableStreamBYOBRequest {
    constructor() { checkConstructing(); }
    get view() { return breq(this, "view").view; }
    respond(bytesWritten) {
      const r = breq(this, "respond");
      requireArgs(arguments.length, 1, "ReadableStreamBYOBRequest.respond");
      const n = enforceRange(bytesWritten, "ReadableStreamBYOBRequest.respond");
      if (r.controller === undefined) throw new TypeError("This BYOB request has been invalidated");
      if (isDetached(r.view.buffer)) throw new TypeError("respond: the view's buffer is detached");
      byteControllerRespond(r.controller, n);
    }
    respondWithNewView(view) {
      const r = breq(this, "respondWithNewView");
      requireArgs(arguments.length, 1, "ReadableStreamBYOBRequest.respondWithNewView");
      if (!isView(view)) throw new TypeError("respondWithNewView: the argument is not an ArrayBufferView");
      if (r.controller === undefined) throw new TypeError("This BYOB request has been invalidated");
      if (isDetached(view.buffer)) throw new TypeError("respondWithNewView: the view's buffer is detached");
      byteControllerRespondWithNewView(r.controller, view);
    }
  }

  // ---- Tee (§4.9.1 ReadableStreamTee) ----------------------------------------

  const readableStreamTee = (stream, cloneForBranch2) =>
    stream.controller.isByte ? byteStreamTee(stream) : defaultTee(stream, cloneForBranch2);

  // §4.9.1 ReadableStreamDefaultTee (cloneForBranch2 is always false here:
  // structured cloning of chunks is for a later user).
  const defaultTee = (stream) => {
    const reader = acquireDefaultReader(stream);
    let reading = false;
    let readAgain = false;
    let canceled1 = false;
    let canceled2 = false;
    let reason1;
    let reason2;
    let branch1;
    let branch2;
    const cancelPromise = newPromise();
    const pullAlgorithm = () => {
      if (reading) {
        readAgain = true;
        return resolvedWith(undefined);
      }
      reading = true;
      defaultReaderRead(reader, {
        // In a microtask: the branches' controllers may be reading too.
        chunk: (chunk) => queueMicrotask(() => {
          readAgain = false;
          if (!canceled1) defaultControllerEnqueue(branch1.controller, chunk);
          if (!canceled2) defaultControllerEnqueue(branch2.controller, chunk);
          reading = false;
          if (readAgain) pullAlgorithm();
        }),
        close: () => {
          reading = false;
          if (!canceled1) defaultControllerClose(branch1.controller);
          if (!canceled2) defaultControllerClose(branch2.controller);
          if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
        },
        error: () => { reading = false; },
      });
      return resolvedWith(undefined);
    };
    const cancelBoth = () => cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
    const cancel1 = (reason) => {
      canceled1 = true;
      reason1 = reason;
      if (canceled2) cancelBoth();
      return cancelPromise.promise;
    };
    const cancel2 = (reason) => {
      canceled2 = true;
      reason2 = reason;
      if (canceled1) cancelBoth();
      return cancelPromise.promise;
    };
    const start = () => undefined;
    branch1 = createReadableStream(start, pullAlgorithm, cancel1);
    branch2 = createReadableStream(start, pullAlgorithm, cancel2);
    react(reader.closed.promise, undefined, (r) => {
      defaultControllerError(branch1.controller, r);
      defaultControllerError(branch2.controller, r);
      if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
    });
    return [branch1, branch2];
  };

  // §4.9.1 ReadableByteStreamTee: switches between a default and a BYOB
  // reader of the source depending on what each branch's reader asks for.
  const byteStreamTee = (stream) => {
    let reader = acquireDefaultReader(stream);
    let reading = false;
    let readAgainForBranch1 = false;
    let readAgainForBranch2 = false;
    let canceled1 = false;
    let canceled2 = false;
    let reason1;
    let reason2;
    let branch1;
    let branch2;
    const cancelPromise = newPromise();
    const forwardReaderError = (thisReader) => {
      react(thisReader.closed.promise, undefined, (r) => {
        if (thisReader !== reader) return;
        byteControllerError(branch1.controller, r);
        byteControllerError(branch2.controller, r);
        if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
      });
    };
    const pullAgainIfAsked = () => {
      if (readAgainForBranch1) pull1Algorithm();
      else if (readAgainForBranch2) pull2Algorithm();
    };
    const pullWithDefaultReader = () => {
      if (reader.byob) {
        readerRelease(reader);
        reader = acquireDefaultReader(stream);
        forwardReaderError(reader);
      }
      defaultReaderRead(reader, {
        chunk: (chunk) => queueMicrotask(() => {
          readAgainForBranch1 = false;
          readAgainForBranch2 = false;
          let chunk2 = chunk;
          if (!canceled1 && !canceled2) {
            try {
              chunk2 = cloneAsUint8Array(chunk);
            } catch (e) {
              byteControllerError(branch1.controller, e);
              byteControllerError(branch2.controller, e);
              cancelPromise.resolve(readableStreamCancel(stream, e));
              return;
            }
          }
          if (!canceled1) byteControllerEnqueue(branch1.controller, chunk);
          if (!canceled2) byteControllerEnqueue(branch2.controller, chunk2);
          reading = false;
          pullAgainIfAsked();
        }),
        close: () => {
          reading = false;
          if (!canceled1) byteControllerClose(branch1.controller);
          if (!canceled2) byteControllerClose(branch2.controller);
          if (branch1.controller.pendingPullIntos.length > 0) byteControllerRespond(branch1.controller, 0);
          if (branch2.controller.pendingPullIntos.length > 0) byteControllerRespond(branch2.controller, 0);
          if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
        },
        error: () => { reading = false; },
      });
    };
    const pullWithBYOBReader = (view, forBranch2) => {
      if (!reader.byob) {
        readerRelease(reader);
        reader = acquireBYOBReader(stream);
        forwardReaderError(reader);
      }
      const byobBranch = forBranch2 ? branch2 : branch1;
      const otherBranch = forBranch2 ? branch1 : branch2;
      byobReaderRead(reader, view, 1, {
        chunk: (chunk) => queueMicrotask(() => {
          readAgainForBranch1 = false;
          readAgainForBranch2 = false;
          const byobCanceled = forBranch2 ? canceled2 : canceled1;
          const otherCanceled = forBranch2 ? canceled1 : canceled2;
          if (!otherCanceled) {
            let cloned;
            try {
              cloned = cloneAsUint8Array(chunk);
            } catch (e) {
              byteControllerError(byobBranch.controller, e);
              byteControllerError(otherBranch.controller, e);
              cancelPromise.resolve(readableStreamCancel(stream, e));
              return;
            }
            if (!byobCanceled) byteControllerRespondWithNewView(byobBranch.controller, chunk);
            byteControllerEnqueue(otherBranch.controller, cloned);
          } else if (!byobCanceled) {
            byteControllerRespondWithNewView(byobBranch.controller, chunk);
          }
          reading = false;
          pullAgainIfAsked();
        }),
        close: (chunk) => {
          reading = false;
          const byobCanceled = forBranch2 ? canceled2 : canceled1;
          const otherCanceled = forBranch2 ? canceled1 : canceled2;
          if (!byobCanceled) byteControllerClose(byobBranch.controller);
          if (!otherCanceled) byteControllerClose(otherBranch.controller);
          if (chunk !== undefined) {
            if (!byobCanceled) byteControllerRespondWithNewView(byobBranch.controller, chunk);
            if (!otherCanceled && otherBranch.controller.pendingPullIntos.length > 0) {
              byteControllerRespond(otherBranch.controller, 0);
            }
          }
          if (!byobCanceled || !otherCanceled) cancelPromise.resolve(undefined);
        },
        error: () => { reading = false; },
      });
    };
    const pullFor = (forBranch2) => () => {
      if (reading) {
        if (forBranch2) readAgainForBranch2 = true;
        else readAgainForBranch1 = true;
        return resolvedWith(undefined);
      }
      reading = true;
      const branch = forBranch2 ? branch2 : branch1;
      const request = byteControllerGetBYOBRequest(branch.controller);
      if (request === null) pullWithDefaultReader();
      else pullWithBYOBReader(request.view, forBranch2);
      return resolvedWith(undefined);
    };
    const pull1Algorithm = pullFor(false);
    const pull2Algorithm = pullFor(true);
    const cancelBoth = () => cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
    const cancel1 = (reason) => {
      canceled1 = true;
      reason1 = reason;
      if (canceled2) cancelBoth();
      return cancelPromise.promise;
    };
    const cancel2 = (reason) => {
      canceled2 = true;
      reason2 = reason;
      if (canceled1) cancelBoth();
      return cancelPromise.promise;
    };
    const start = () => undefined;
    branch1 = createReadableByteStream(start, pull1Algorithm, cancel1);
    branch2 = createReadableByteStream(start, pull2Algorithm, cancel2);
    forwardReaderError(reader);
    return [branch1, branch2];
  };

  // ---- Async iteration (§4.2.5, WebIDL §3.7.10) -----------------------------

  const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
  const END = {};
  const iterRecord = (self, member) => {
    const it = iterators.get(self);
    if (it === undefined) {
      throw new TypeError(`ReadableStream AsyncIterator.${member} called on an object that is not a ReadableStream async iterator`);
    }
    return it;
  };
  // §4.2.5 "get the next iteration result".
  const nextIterationResult = (it) => {
    const reader = it.reader;
    const promise = newPromise();
    defaultReaderRead(reader, {
      chunk: (chunk) => promise.resolve(chunk),
      close: () => {
        readerRelease(reader);
        promise.resolve(END);
      },
      error: (e) => {
        readerRelease(reader);
        promise.reject(e);
      },
    });
    return promise.promise;
  };
  // §4.2.5 "asynchronous iterator return".
  const iteratorReturn = (it, arg) => {
    const reader = it.reader;
    if (!it.preventCancel) {
      const result = readableStreamCancel(reader.stream, arg);
      readerRelease(reader);
      return result;
    }
    readerRelease(reader);
    return resolvedWith(undefined);
  };
  const iterResult = (value, done) => ({ value, done });
  const asyncIteratorPrototype = create(AsyncIteratorPrototype);
  const iteratorMethods = {
    next() {
      return rejectsOnThrow(() => {
        const it = iterRecord(this, "next");
        const nextSteps = () => {
          if (it.finished) return resolvedWith(iterResult(undefined, true));
          return react(nextIterationResult(it), (value) => {
            it.ongoing = undefined;
            if (value === END) {
              it.finished = true;
              return iterResult(undefined, true);
            }
            return iterResult(value, false);
          }, (reason) => {
            it.ongoing = undefined;
            it.finished = true;
            throw reason;
          });
        };
        it.ongoing = it.ongoing === undefined ? nextSteps() : react(it.ongoing, nextSteps, nextSteps);
        return it.ongoing;
      });
    },
    return(value) {
      return rejectsOnThrow(() => {
        const it = iterRecord(this, "return");
        const returnSteps = () => {
          if (it.finished) return resolvedWith(undefined);
          it.finished = true;
          return iteratorReturn(it, value);
        };
        const returnPromise = it.ongoing === undefined
          ? returnSteps() : react(it.ongoing, returnSteps, returnSteps);
        it.ongoing = returnPromise;
        return react(returnPromise, () => iterResult(value, true));
      });
    },
  };
  for (const key of ["next", "return"]) {
    Object.defineProperty(asyncIteratorPrototype, key, {
      value: iteratorMethods[key], writable: true, enumerable: true, configurable: true,
    });
  }
  Object.defineProperty(asyncIteratorPrototype, Symbol.toStringTag, {
    value: "ReadableStream AsyncIterator", writable: false, enumerable: false, configurable: true,
  });

  // ---- ReadableStream.from (§4.9.1 ReadableStreamFromIterable) --------------

  // GetIterator(obj, async), with CreateAsyncFromSyncIterator for a sync
  // iterable (its values are awaited, as `for await` does).
  const getAsyncIterator = (obj) => {
    let method = obj == null ? undefined : obj[Symbol.asyncIterator];
    if (method === undefined || method === null) {
      const syncMethod = obj == null ? undefined : obj[Symbol.iterator];
      if (typeof syncMethod !== "function") throw new TypeError("ReadableStream.from: the argument is not iterable");
      const syncIterator = apply(syncMethod, obj, []);
      if (!isObject(syncIterator)) throw new TypeError("ReadableStream.from: the iterator is not an object");
      const syncNext = syncIterator.next;
      const fromSync = {
        next() {
          const result = apply(syncNext, syncIterator, []);
          if (!isObject(result)) throw new TypeError("ReadableStream.from: the iterator result is not an object");
          const done = !!result.done;
          return react(resolvedWith(result.value), (value) => ({ value, done }));
        },
        return(reason) {
          const ret = syncIterator.return;
          if (ret === undefined || ret === null) return resolvedWith({ value: reason, done: true });
          const result = apply(ret, syncIterator, [reason]);
          if (!isObject(result)) throw new TypeError("ReadableStream.from: the iterator result is not an object");
          return react(resolvedWith(result.value), (value) => ({ value, done: !!result.done }));
        },
      };
      return { iterator: fromSync, next: fromSync.next };
    }
    if (typeof method !== "function") throw new TypeError("ReadableStream.from: Symbol.asyncIterator is not a function");
    const iterator = apply(method, obj, []);
    if (!isObject(iterator)) throw new TypeError("ReadableStream.from: the iterator is not an object");
    return { iterator, next: iterator.next };
  };
  const readableStreamFromIterable = (asyncIterable) => {
    const record = getAsyncIterator(asyncIterable);
    let stream;
    const pull = () => {
      let nextResult;
      try {
        nextResult = apply(record.next, record.iterator, []);
      } catch (e) {
        return rejectedWith(e);
      }
      return react(resolvedWith(nextResult), (iterResult) => {
        if (!isObject(iterResult)) throw new TypeError("ReadableStream.from: the iterator result is not an object");
        if (iterResult.done) {
          defaultControllerClose(stream.controller);
        } else {
          defaultControllerEnqueue(stream.controller, iterResult.value);
        }
      });
    };
    const cancel = (reason) => {
      const iterator = record.iterator;
      let returnMethod;
      let returnResult;
      try {
        returnMethod = iterator.return;
        if (returnMethod === undefined || returnMethod === null) return resolvedWith(undefined);
        if (typeof returnMethod !== "function") throw new TypeError("ReadableStream.from: return is not a function");
        returnResult = apply(returnMethod, iterator, [reason]);
      } catch (e) {
        return rejectedWith(e);
      }
      return react(resolvedWith(returnResult), (r) => {
        if (!isObject(r)) throw new TypeError("ReadableStream.from: return() did not give an object");
      });
    };
    stream = createReadableStream(() => undefined, pull, cancel, 0);
    return stream;
  };

  // ---- Interface objects ------------------------------------------------------

  Object.defineProperty(ReadableStream.prototype, Symbol.asyncIterator, {
    value: ReadableStream.prototype.values, writable: true, enumerable: false, configurable: true,
  });
  finishInterface(ReadableStream, "ReadableStream", ["from"]);
  finishInterface(ReadableStreamDefaultReader, "ReadableStreamDefaultReader");
  finishInterface(ReadableStreamBYOBReader, "ReadableStreamBYOBReader");
  finishInterface(ReadableStreamDefaultController, "ReadableStreamDefaultController");
  finishInterface(ReadableByteStreamController, "ReadableByteStreamController");
  finishInterface(ReadableStreamBYOBRequest, "ReadableStreamBYOBRequest");

  // ---- The Rust seam (mod.rs): public objects in, public objects out -------

  const streamArg = (v, what) => {
    const stream = streams.get(v);
    if (stream === undefined) throw new TypeError(`${what}: not a ReadableStream`);
    return stream;
  };
  const readerArg = (v, what) => {
    const r = readers.get(v);
    if (r === undefined || r.byob) throw new TypeError(`${what}: not a ReadableStreamDefaultReader`);
    return r;
  };
  const seam = {
    newReadableStream: (pull, cancel, bytes, hwm) => {
      const pullAlgorithm = (controller) => () => promiseCall(pull, undefined, [controller.pub]);
      const cancelAlgorithm = cancel === undefined
        ? () => resolvedWith(undefined) : (reason) => promiseCall(cancel, undefined, [reason]);
      const stream = newStreamRecord();
      if (bytes) {
        const c = newByteController();
        setUpByteController(stream, c, () => undefined, pullAlgorithm(c), cancelAlgorithm, hwm, undefined);
      } else {
        const c = newDefaultController();
        setUpDefaultController(stream, c, () => undefined, pullAlgorithm(c), cancelAlgorithm, hwm, () => 1);
      }
      return stream.pub;
    },
    getReader: (v) => acquireDefaultReader(streamArg(v, "getReader")).pub,
    read: (v) => {
      const r = readerArg(v, "read");
      if (r.stream === undefined) return rejectedWith(new TypeError("The reader's lock was released"));
      return defaultRead(r);
    },
    releaseReader: (v) => {
      const r = readerArg(v, "releaseReader");
      if (r.stream !== undefined) readerRelease(r);
    },
    isLockedStream: (v) => isLocked(streamArg(v, "isLocked")),
    isDisturbed: (v) => streamArg(v, "isDisturbed").disturbed,
    cancelStream: (v, reason) => readableStreamCancel(streamArg(v, "cancel"), reason),
    teeStream: (v) => readableStreamTee(streamArg(v, "tee"), false).map((b) => b.pub),
  };

  return {
    ReadableStream, ReadableStreamDefaultReader, ReadableStreamBYOBReader,
    ReadableStreamDefaultController, ReadableByteStreamController, ReadableStreamBYOBRequest,
    internal: {
      streamRecord: (v) => streams.get(v),
      readerRecord: (v) => readers.get(v),
      isLocked, createReadableStream, createReadableByteStream, readableStreamCancel, readableStreamTee,
      acquireDefaultReader, defaultReaderRead, defaultRead, readerRelease,
      defaultControllerEnqueue, defaultControllerClose, defaultControllerError,
      defaultControllerGetDesiredSize, defaultControllerHasBackpressure, canCloseOrEnqueue,
      byteControllerError,
      ...seam,
    },
  };
})
