// ReadableStream.prototype.pipeTo and pipeThrough (Streams Standard §4.2.4,
// §4.9.1 ReadableStreamPipeTo), added to readable.js's ReadableStream once
// writable.js exists.
//
// Evaluated once per realm by mod.rs; the completion value is a function
// taking (natives, common, readable, writable) and returning {}.
((natives, common, readable, writable) => {
  "use strict";
  const {
    noop, newPromise, resolvedWith, rejectedWith, react, setHandled, rejectsOnThrow, waitForAll,
    isObject, toDictionary, requireArgs,
  } = common;
  const { abortState, addAlgorithm, removeAlgorithm } = natives.abort;
  const R = readable.internal;
  const W = writable.internal;
  const { ReadableStream } = readable;

  const rs = (self, member) => {
    const s = R.streamRecord(self);
    if (s === undefined) {
      throw new TypeError(`ReadableStream.prototype.${member} called on an object that is not a ReadableStream`);
    }
    return s;
  };

  // The StreamPipeOptions dictionary, members in lexicographic order.
  const toPipeOptions = (options, what) => {
    const dict = toDictionary(options, what);
    const preventAbort = !!dict.preventAbort;
    const preventCancel = !!dict.preventCancel;
    const preventClose = !!dict.preventClose;
    const signal = dict.signal;
    if (signal !== undefined && abortState(signal) === undefined) {
      throw new TypeError(`${what}: options.signal is not an AbortSignal`);
    }
    return { preventAbort, preventCancel, preventClose, signal };
  };

  // §4.9.1 ReadableStreamPipeTo.
  const pipeTo = (source, dest, preventClose, preventAbort, preventCancel, signal) => {
    const reader = R.acquireDefaultReader(source);
    const writer = W.acquireWriter(dest);
    source.disturbed = true;
    let shuttingDown = false;
    // The last write started; shutdown waits for it (§4.9.1 "shutdown" steps).
    let currentWrite = resolvedWith(undefined);
    const promise = newPromise();
    let abortAlgorithm;

    const finalize = (isError, error) => {
      W.writerRelease(writer);
      R.readerRelease(reader);
      if (signal !== undefined) removeAlgorithm(signal, abortAlgorithm);
      if (isError) promise.reject(error);
      else promise.resolve(undefined);
    };
    // Waits until no write is pending (writes started while waiting
    // included).
    const waitForWrites = (then) => {
      const write = currentWrite;
      react(write, () => (write === currentWrite ? then() : waitForWrites(then)),
        () => (write === currentWrite ? then() : waitForWrites(then)));
    };
    const destWritableAndOpen = () => dest.state === "writable" && !W.closeQueuedOrInFlight(dest);
    // "Shutdown with an action".
    const shutdownWithAction = (action, isError, error) => {
      if (shuttingDown) return;
      shuttingDown = true;
      const doTheRest = () => {
        let p;
        try {
          p = action();
        } catch (e) {
          p = rejectedWith(e);
        }
        react(p, () => finalize(isError, error), (newError) => finalize(true, newError));
      };
      if (destWritableAndOpen()) waitForWrites(doTheRest);
      else doTheRest();
    };
    // "Shutdown".
    const shutdown = (isError, error) => {
      if (shuttingDown) return;
      shuttingDown = true;
      if (destWritableAndOpen()) waitForWrites(() => finalize(isError, error));
      else finalize(isError, error);
    };

    if (signal !== undefined) {
      abortAlgorithm = () => {
        const error = abortState(signal)[1];
        const actions = [];
        if (!preventAbort) {
          actions.push(() => (dest.state === "writable" ? W.writableStreamAbort(dest, error) : resolvedWith(undefined)));
        }
        if (!preventCancel) {
          actions.push(() => (source.state === "readable" ? R.readableStreamCancel(source, error) : resolvedWith(undefined)));
        }
        shutdownWithAction(() => waitForAll(actions.map((action) => action())), true, error);
      };
      if (abortState(signal)[0]) {
        abortAlgorithm();
        return promise.promise;
      }
      addAlgorithm(signal, abortAlgorithm);
    }

    // The state checks, in the order the standard lists them.
    const onSourceErrored = () => {
      const e = source.storedError;
      if (!preventAbort) shutdownWithAction(() => W.writableStreamAbort(dest, e), true, e);
      else shutdown(true, e);
    };
    const onDestErrored = () => {
      const e = dest.storedError;
      if (!preventCancel) shutdownWithAction(() => R.readableStreamCancel(source, e), true, e);
      else shutdown(true, e);
    };
    const onSourceClosed = () => {
      if (!preventClose) shutdownWithAction(() => W.writerCloseWithErrorPropagation(writer));
      else shutdown();
    };
    const onDestClosed = () => {
      const e = new TypeError("The destination WritableStream is closed");
      if (!preventCancel) shutdownWithAction(() => R.readableStreamCancel(source, e), true, e);
      else shutdown(true, e);
    };
    const checkStates = () => {
      if (source.state === "errored") onSourceErrored();
      else if (dest.state === "errored") onDestErrored();
      else if (source.state === "closed") onSourceClosed();
      else if (W.closeQueuedOrInFlight(dest) || dest.state === "closed") onDestClosed();
    };
    checkStates();
    if (shuttingDown) return promise.promise;

    react(reader.closed.promise, () => {
      if (!shuttingDown) onSourceClosed();
    }, () => {
      if (!shuttingDown) onSourceErrored();
    });
    react(writer.closed.promise, () => {}, () => {
      if (!shuttingDown) onDestErrored();
    });

    // Reads only while the destination wants chunks (writer.ready), one at
    // a time; each chunk is written without waiting for the write.
    const pipeLoop = () => {
      if (shuttingDown) return;
      react(writer.ready.promise, () => {
        if (shuttingDown) return;
        R.defaultReaderRead(reader, {
          chunk: (chunk) => {
            currentWrite = react(W.writerWrite(writer, chunk), noop, noop);
            pipeLoop();
          },
          close: noop,
          error: noop,
        });
      }, noop);
    };
    pipeLoop();
    return promise.promise;
  };

  const methods = {
    pipeThrough(transform, options = undefined) {
      const source = rs(this, "pipeThrough");
      requireArgs(arguments.length, 1, "ReadableStream.pipeThrough");
      // ReadableWritablePair: readable, then writable.
      if (!isObject(transform)) throw new TypeError("pipeThrough: the first argument must be an object");
      const readablePub = transform.readable;
      const readableStream = R.streamRecord(readablePub);
      if (readableStream === undefined) throw new TypeError("pipeThrough: transform.readable is not a ReadableStream");
      const writableStream = W.streamRecord(transform.writable);
      if (writableStream === undefined) throw new TypeError("pipeThrough: transform.writable is not a WritableStream");
      const o = toPipeOptions(options, "ReadableStream.pipeThrough");
      if (R.isLocked(source)) throw new TypeError("pipeThrough: the ReadableStream is locked");
      if (W.isLocked(writableStream)) throw new TypeError("pipeThrough: transform.writable is locked");
      const promise = pipeTo(source, writableStream, o.preventClose, o.preventAbort, o.preventCancel, o.signal);
      setHandled(promise);
      return readablePub;
    },
    pipeTo(destination, options = undefined) {
      return rejectsOnThrow(() => {
        const source = rs(this, "pipeTo");
        requireArgs(arguments.length, 1, "ReadableStream.pipeTo");
        const dest = W.streamRecord(destination);
        if (dest === undefined) throw new TypeError("pipeTo: the destination is not a WritableStream");
        const o = toPipeOptions(options, "ReadableStream.pipeTo");
        if (R.isLocked(source)) throw new TypeError("pipeTo: the ReadableStream is locked");
        if (W.isLocked(dest)) throw new TypeError("pipeTo: the WritableStream is locked");
        return pipeTo(source, dest, o.preventClose, o.preventAbort, o.preventCancel, o.signal);
      });
    },
  };
  for (const key of ["pipeThrough", "pipeTo"]) {
    Object.defineProperty(ReadableStream.prototype, key, {
      value: methods[key], writable: true, enumerable: true, configurable: true,
    });
  }
  return {};
})
