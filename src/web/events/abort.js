// AbortController and AbortSignal (DOM Standard §3), in JavaScript, on top
// of events.js's EventTarget.
//
// Evaluated once per realm by mod.rs, after events.js; the completion value
// is a function taking the natives { domException, reportException,
// setUnrefTimeout } and events.js's `internal`, returning the classes and
// the seam abort.rs's Rust API calls: { abortState, addAlgorithm,
// removeAlgorithm }.
((natives, events) => {
  "use strict";
  const { domException, reportException, setUnrefTimeout } = natives;
  const { EventTarget } = events;
  const { brand, finishInterface, requireArgs, isObject, defineEventHandler, fire, hasListeners, signals } =
    events.internal;
  const { apply } = Reflect;
  const WeakRefClass = WeakRef;

  // AbortSignal → { reason, algorithms, dependent, sources, dependents,
  // pinned }. A signal is aborted when its reason is not undefined (DOM §3.2).
  //
  // Dependent signals (AbortSignal.any, a Request's signal) are held weakly
  // by their sources, so a long-lived signal does not accumulate every
  // signal ever made from it; `pinned` holds strongly those that could still
  // be observed when they abort: DOM §3.2.1 "Garbage collection" (not
  // aborted, with abort listeners or abort algorithms).
  const signalState = new WeakMap();
  const sig = (self, member) => brand(signalState, self, "AbortSignal", member);
  const isSignal = (v) => signalState.has(v);

  // node's message for the default reason.
  const defaultReason = () => domException("This operation was aborted", "AbortError");

  let constructing = false;
  const createSignal = () => {
    constructing = true;
    return new AbortSignal();
  };

  // DOM §3.2.1: keep `signal` reachable from its sources while it can
  // still be observed aborting.
  const updatePin = (signal, s) => {
    if (!s.dependent) return;
    const keep = s.reason === undefined && (s.algorithms.size > 0 || hasListeners(signal, "abort"));
    for (const source of s.sources) {
      const pinned = signalState.get(source).pinned;
      if (keep) pinned.add(signal);
      else pinned.delete(signal);
    }
  };

  // DOM §3.2 "run the abort steps": abort algorithms, then the event.
  const runAbortSteps = (signal, s) => {
    const algorithms = [...s.algorithms];
    s.algorithms.clear();
    for (const algorithm of algorithms) {
      try {
        algorithm(s.reason);
      } catch (error) {
        reportException(error);
      }
    }
    // An aborted signal never aborts again: it needs no links any more.
    updatePin(signal, s);
    s.sources.clear();
    s.dependents.clear();
    s.pinned.clear();
    fire(signal, "abort");
  };

  // DOM §3.2 "signal abort".
  const signalAbort = (signal, reason) => {
    const s = signalState.get(signal);
    if (s.reason !== undefined) return;
    s.reason = reason !== undefined ? reason : defaultReason();
    const dependentsToAbort = [];
    for (const ref of s.dependents) {
      const dependent = ref.deref();
      if (dependent === undefined) continue;
      const ds = signalState.get(dependent);
      if (ds.reason === undefined) {
        ds.reason = s.reason;
        dependentsToAbort.push(dependent);
      }
    }
    runAbortSteps(signal, s);
    for (const dependent of dependentsToAbort) runAbortSteps(dependent, signalState.get(dependent));
  };

  // DOM §3.2 "create a dependent abort signal".
  const createDependent = (list) => {
    const result = createSignal();
    const rs = signalState.get(result);
    for (const signal of list) {
      const s = signalState.get(signal);
      if (s.reason !== undefined) {
        rs.reason = s.reason;
        return result;
      }
    }
    rs.dependent = true;
    const link = (source) => {
      if (rs.sources.has(source)) return;
      rs.sources.add(source);
      const ss = signalState.get(source);
      // Drop the references of dependents already collected.
      for (const ref of ss.dependents) if (ref.deref() === undefined) ss.dependents.delete(ref);
      ss.dependents.add(new WeakRefClass(result));
    };
    for (const signal of list) {
      const s = signalState.get(signal);
      if (!s.dependent) {
        link(signal);
      } else {
        // A dependent's sources are never dependent, and not aborted.
        for (const source of s.sources) link(source);
      }
    }
    return result;
  };

  // WebIDL [EnforceRange] unsigned long long (WebIDL §3.2.4.9).
  const toEnforcedULongLong = (v, what) => {
    const x = +v;
    if (!Number.isFinite(x)) throw new TypeError(`${what}: ${String(x)} is not a finite number`);
    const t = Math.trunc(x);
    if (t < 0 || t > Number.MAX_SAFE_INTEGER) {
      throw new TypeError(`${what}: ${t} is outside the range 0 to ${Number.MAX_SAFE_INTEGER}`);
    }
    return t + 0;
  };
  // WebIDL sequence<AbortSignal> (WebIDL §3.2.24).
  const toSignalSequence = (v, what) => {
    if (!isObject(v)) throw new TypeError(`${what}: the argument is not iterable`);
    const method = v[Symbol.iterator];
    if (typeof method !== "function") throw new TypeError(`${what}: the argument is not iterable`);
    const list = [];
    for (const item of { [Symbol.iterator]: () => apply(method, v, []) }) {
      if (!isSignal(item)) throw new TypeError(`${what}: every item must be an AbortSignal`);
      list.push(item);
    }
    return list;
  };

  class AbortSignal extends EventTarget {
    constructor() {
      if (!constructing) throw new TypeError("Illegal constructor");
      constructing = false;
      super();
      signalState.set(this, {
        reason: undefined, algorithms: new Set(), dependent: false, sources: new Set(),
        dependents: new Set(), pinned: new Set(),
      });
    }
    static abort(reason = undefined) {
      const signal = createSignal();
      signalState.get(signal).reason = reason !== undefined ? reason : defaultReason();
      return signal;
    }
    static timeout(milliseconds) {
      requireArgs(arguments.length, 1, "AbortSignal.timeout");
      const ms = toEnforcedULongLong(milliseconds, "AbortSignal.timeout");
      const signal = createSignal();
      // The timer does not keep the event loop alive, as in node and Deno.
      setUnrefTimeout(ms, () => {
        signalAbort(signal, domException("The operation was aborted due to timeout", "TimeoutError"));
      });
      return signal;
    }
    static any(signals) {
      requireArgs(arguments.length, 1, "AbortSignal.any");
      return createDependent(toSignalSequence(signals, "AbortSignal.any"));
    }
    get aborted() { return sig(this, "aborted").reason !== undefined; }
    get reason() { return sig(this, "reason").reason; }
    throwIfAborted() {
      const s = sig(this, "throwIfAborted");
      if (s.reason !== undefined) throw s.reason;
    }
  }
  defineEventHandler(AbortSignal.prototype, "abort", (self, name) => sig(self, name));
  finishInterface(AbortSignal, "AbortSignal", ["abort", "timeout", "any"]);

  // events.js's `signal` option and listener bookkeeping.
  const addAlgorithm = (signal, algorithm) => {
    const s = signalState.get(signal);
    if (s.reason !== undefined) return;
    s.algorithms.add(algorithm);
    updatePin(signal, s);
  };
  const removeAlgorithm = (signal, algorithm) => {
    const s = signalState.get(signal);
    s.algorithms.delete(algorithm);
    updatePin(signal, s);
  };
  signals.isSignal = isSignal;
  signals.aborted = (signal) => signalState.get(signal).reason !== undefined;
  signals.addAlgorithm = addAlgorithm;
  signals.removeAlgorithm = removeAlgorithm;
  signals.listenersChanged = (target, type) => {
    const s = signalState.get(target);
    if (s !== undefined && type === "abort") updatePin(target, s);
  };

  // ---- AbortController (DOM §3.1) ----------------------------------------

  const controllerState = new WeakMap();

  class AbortController {
    constructor() {
      controllerState.set(this, { signal: createSignal() });
    }
    get signal() { return brand(controllerState, this, "AbortController", "signal").signal; }
    abort(reason = undefined) {
      const { signal } = brand(controllerState, this, "AbortController", "abort");
      signalAbort(signal, reason);
    }
  }
  finishInterface(AbortController, "AbortController");

  const checkedSignal = (signal, what) => {
    if (!isSignal(signal)) throw new TypeError(`${what}: not an AbortSignal`);
    return signal;
  };
  return {
    AbortController,
    AbortSignal,
    // undefined for anything but a signal, else [aborted, reason].
    abortState: (value) => {
      const s = signalState.get(value);
      return s === undefined ? undefined : [s.reason !== undefined, s.reason];
    },
    addAlgorithm: (signal, algorithm) => addAlgorithm(checkedSignal(signal, "addAbortAlgorithm"), algorithm),
    signalAbort: (signal, reason) => signalAbort(checkedSignal(signal, "signalAbort"), reason),
    removeAlgorithm: (signal, algorithm) =>
      removeAlgorithm(checkedSignal(signal, "removeAbortAlgorithm"), algorithm),
    // Fetch §7.3: a Request's signal follows its input's (or init's).
    dependentSignal: (list) => createDependent(list.map((s) => checkedSignal(s, "dependentSignal"))),
  };
})
