// Event, CustomEvent and EventTarget (DOM Standard §2), in JavaScript: the
// dispatch algorithm is a state machine over plain objects, clearer here
// than as Rust natives.
//
// There is no node tree in a script runtime: a target's parent is null, so
// the event path is the target alone and both dispatch passes run at it
// (AT_TARGET): capture listeners first, then the others (DOM §2.9 steps
// 5.13-5.14), each in registration order.
//
// The global object is an EventTarget too (as in deno and browsers): it
// receives the `error`, `unhandledrejection` and `rejectionhandled` events
// the runtime fires (HTML "runtime script errors" and "unhandled promise
// rejections"), and `reportError` reports through it.
//
// Evaluated once per realm by mod.rs; the completion value is a function
// taking the natives { reportException, now, global, fail, describe } and
// returning the classes and `internal`, the seam abort.js builds
// AbortSignal on and the runtime reports errors through.
((natives) => {
  "use strict";
  const { reportException, now, global } = natives;
  const { apply, ownKeys, getOwnPropertyDescriptor } = Reflect;
  const defineProperty = Object.defineProperty;

  // ---- WebIDL helpers (WebIDL §3.2, §3.7) --------------------------------

  // ToString, which throws a TypeError for a Symbol (String() would not).
  const toDOMString = (v) => `${v}`;
  const isObject = (v) => (typeof v === "object" && v !== null) || typeof v === "function";
  // A dictionary argument: undefined or null is an empty dictionary, any
  // other non-object a TypeError.
  const toDictionary = (v, what) => {
    if (v === undefined || v === null) return {};
    if (!isObject(v)) throw new TypeError(`${what}: the options argument must be an object`);
    return v;
  };
  const requireArgs = (count, required, what) => {
    if (count < required) {
      throw new TypeError(`${what}: ${required} argument${required > 1 ? "s" : ""} required, but only ${count} present`);
    }
  };
  // Operations and attributes are enumerable; the prototype has a
  // Symbol.toStringTag (WebIDL §3.7.3).
  const finishInterface = (C, name, statics = []) => {
    const proto = C.prototype;
    for (const key of ownKeys(proto)) {
      if (key === "constructor" || typeof key === "symbol") continue;
      defineProperty(proto, key, { ...getOwnPropertyDescriptor(proto, key), enumerable: true });
    }
    for (const key of statics) {
      defineProperty(C, key, { ...getOwnPropertyDescriptor(C, key), enumerable: true });
    }
    defineProperty(proto, Symbol.toStringTag, {
      value: name, writable: false, enumerable: false, configurable: true,
    });
  };
  // The internal state of `self`, or a TypeError (the WebIDL brand check).
  const brand = (map, self, iface, member) => {
    const s = map.get(self);
    if (s === undefined) {
      throw new TypeError(`${iface}.prototype.${member} called on an object that is not a ${iface}`);
    }
    return s;
  };

  // ---- Event (DOM §2.2) --------------------------------------------------

  const NONE = 0, CAPTURING_PHASE = 1, AT_TARGET = 2, BUBBLING_PHASE = 3;
  const eventState = new WeakMap();
  const ev = (self, member) => brand(eventState, self, "Event", member);

  // DOM §2.2 "set the canceled flag": only for a cancelable event, and not
  // from a passive listener.
  const setCanceled = (s) => {
    if (s.cancelable && !s.inPassiveListener) s.canceled = true;
  };
  // DOM §2.2 "initialize" an event.
  const initialize = (s, type, bubbles, cancelable) => {
    s.initialized = true;
    s.stopPropagation = false;
    s.stopImmediatePropagation = false;
    s.canceled = false;
    s.isTrusted = false;
    s.target = null;
    s.type = type;
    s.bubbles = bubbles;
    s.cancelable = cancelable;
  };

  // isTrusted is [LegacyUnforgeable]: an own, non-configurable accessor of
  // each instance (WebIDL §3.7.6), one getter shared by all of them.
  const isTrustedGetter = getOwnPropertyDescriptor({
    get isTrusted() { return ev(this, "isTrusted").isTrusted; },
  }, "isTrusted").get;

  class Event {
    constructor(type, eventInitDict = undefined) {
      requireArgs(arguments.length, 1, "Event");
      const t = toDOMString(type);
      const init = toDictionary(eventInitDict, "Event");
      // EventInit members in lexicographic order (WebIDL §3.2.19).
      const bubbles = !!init.bubbles;
      const cancelable = !!init.cancelable;
      const composed = !!init.composed;
      // DOM §2.5 "inner event creation steps".
      eventState.set(this, {
        type: t, bubbles, cancelable, composed, target: null, currentTarget: null,
        eventPhase: NONE, stopPropagation: false, stopImmediatePropagation: false,
        canceled: false, inPassiveListener: false, initialized: true, dispatching: false,
        isTrusted: false, timeStamp: now(),
      });
      defineProperty(this, "isTrusted", {
        get: isTrustedGetter, set: undefined, enumerable: true, configurable: false,
      });
    }
    get type() { return ev(this, "type").type; }
    get target() { return ev(this, "target").target; }
    // Legacy alias of target (DOM §2.2).
    get srcElement() { return ev(this, "srcElement").target; }
    get currentTarget() { return ev(this, "currentTarget").currentTarget; }
    composedPath() {
      const s = ev(this, "composedPath");
      // The path is the target alone while dispatching, empty otherwise.
      return s.dispatching ? [s.currentTarget ?? s.target] : [];
    }
    get eventPhase() { return ev(this, "eventPhase").eventPhase; }
    stopPropagation() { ev(this, "stopPropagation").stopPropagation = true; }
    get cancelBubble() { return ev(this, "cancelBubble").stopPropagation; }
    set cancelBubble(value) {
      const s = ev(this, "cancelBubble");
      // Setting false does nothing (DOM §2.2 cancelBubble setter).
      if (value) s.stopPropagation = true;
    }
    stopImmediatePropagation() {
      const s = ev(this, "stopImmediatePropagation");
      s.stopPropagation = true;
      s.stopImmediatePropagation = true;
    }
    get bubbles() { return ev(this, "bubbles").bubbles; }
    get cancelable() { return ev(this, "cancelable").cancelable; }
    get returnValue() { return !ev(this, "returnValue").canceled; }
    set returnValue(value) {
      const s = ev(this, "returnValue");
      if (!value) setCanceled(s);
    }
    preventDefault() { setCanceled(ev(this, "preventDefault")); }
    get defaultPrevented() { return ev(this, "defaultPrevented").canceled; }
    get composed() { return ev(this, "composed").composed; }
    get timeStamp() { return ev(this, "timeStamp").timeStamp; }
    initEvent(type, bubbles = false, cancelable = false) {
      const s = ev(this, "initEvent");
      requireArgs(arguments.length, 1, "Event.initEvent");
      const t = toDOMString(type);
      const b = !!bubbles;
      const c = !!cancelable;
      if (s.dispatching) return;
      initialize(s, t, b, c);
    }
  }
  finishInterface(Event, "Event");
  for (const [name, value] of [
    ["NONE", NONE], ["CAPTURING_PHASE", CAPTURING_PHASE], ["AT_TARGET", AT_TARGET],
    ["BUBBLING_PHASE", BUBBLING_PHASE],
  ]) {
    const desc = { value, writable: false, enumerable: true, configurable: false };
    defineProperty(Event, name, desc);
    defineProperty(Event.prototype, name, desc);
  }

  // ---- CustomEvent (DOM §2.4) --------------------------------------------

  const detailState = new WeakMap();

  class CustomEvent extends Event {
    constructor(type, eventInitDict = undefined) {
      requireArgs(arguments.length, 1, "CustomEvent");
      const t = toDOMString(type);
      const init = toDictionary(eventInitDict, "CustomEvent");
      // Inherited members first, then detail (WebIDL §3.2.19); each read
      // once: Event gets the converted values.
      const bubbles = !!init.bubbles;
      const cancelable = !!init.cancelable;
      const composed = !!init.composed;
      const given = init.detail;
      const detail = given === undefined ? null : given;
      super(t, { bubbles, cancelable, composed });
      detailState.set(this, { detail });
    }
    get detail() { return brand(detailState, this, "CustomEvent", "detail").detail; }
    initCustomEvent(type, bubbles = false, cancelable = false, detail = null) {
      const d = brand(detailState, this, "CustomEvent", "initCustomEvent");
      requireArgs(arguments.length, 1, "CustomEvent.initCustomEvent");
      const t = toDOMString(type);
      const b = !!bubbles;
      const c = !!cancelable;
      const s = eventState.get(this);
      if (s.dispatching) return;
      initialize(s, t, b, c);
      d.detail = detail;
    }
  }
  finishInterface(CustomEvent, "CustomEvent");

  // ---- EventTarget (DOM §2.7) --------------------------------------------

  // EventTarget → { listeners: [listener] }; a listener is { type,
  // callback, capture, once, passive, signal, removed, onAbort }.
  const targetState = new WeakMap();
  const tgt = (self, member) => brand(targetState, self, "EventTarget", member);
  // Filled by abort.js: the AbortSignal side of the `signal` option.
  const signals = {
    isSignal: () => false,
    aborted: () => false,
    addAlgorithm: () => {},
    removeAlgorithm: () => {},
    listenersChanged: () => {},
  };

  // WebIDL callback interface EventListener?: null/undefined is null, a
  // function or any object is kept (handleEvent is read at dispatch).
  const toListener = (v, what) => {
    if (v === undefined || v === null) return null;
    if (!isObject(v)) throw new TypeError(`${what}: the listener must be a function or an object`);
    return v;
  };
  // DOM §2.7 "flatten": the union (EventListenerOptions or boolean) is a
  // dictionary for objects, undefined and null, a boolean otherwise.
  const flatten = (options) => (isObject(options) ? !!options.capture : !!options);
  // DOM §2.7 "flatten more".
  const flattenMore = (options, what) => {
    if (!isObject(options)) {
      return { capture: !!options, once: false, passive: false, signal: null };
    }
    // Inherited member first, then lexicographic order (WebIDL §3.2.19).
    const capture = !!options.capture;
    const once = !!options.once;
    const passive = !!options.passive;
    let signal = options.signal;
    if (signal === undefined) {
      signal = null;
    } else if (!signals.isSignal(signal)) {
      throw new TypeError(`${what}: options.signal is not an AbortSignal`);
    }
    return { capture, once, passive, signal };
  };
  // DOM §2.7 "remove an event listener".
  const removeListener = (target, s, listener) => {
    listener.removed = true;
    const i = s.listeners.indexOf(listener);
    if (i !== -1) s.listeners.splice(i, 1);
    // Not in the spec, unobservable: a long-lived signal does not keep the
    // closure of a listener that is gone.
    if (listener.signal !== null) signals.removeAlgorithm(listener.signal, listener.onAbort);
    signals.listenersChanged(target, listener.type);
  };
  // DOM §2.7 "add an event listener".
  const addListener = (target, s, listener) => {
    if (listener.signal !== null && signals.aborted(listener.signal)) return;
    if (listener.callback === null) return;
    for (const l of s.listeners) {
      if (l.type === listener.type && l.callback === listener.callback && l.capture === listener.capture) return;
    }
    s.listeners.push(listener);
    if (listener.signal !== null) {
      listener.onAbort = () => removeListener(target, s, listener);
      signals.addAlgorithm(listener.signal, listener.onAbort);
    }
    signals.listenersChanged(target, listener.type);
  };
  const hasListeners = (target, type) => {
    const s = targetState.get(target);
    return s !== undefined && s.listeners.some((l) => l.type === type);
  };

  // WebIDL §3.11 "call a user object's operation": a function is called
  // with the current target as `this`; an object's handleEvent is looked up
  // now and called on the object.
  const callListener = (callback, event, currentTarget) => {
    if (typeof callback === "function") {
      apply(callback, currentTarget, [event]);
      return;
    }
    const handleEvent = callback.handleEvent;
    if (typeof handleEvent !== "function") {
      throw new TypeError("EventTarget: the listener's handleEvent is not a function");
    }
    apply(handleEvent, callback, [event]);
  };

  // DOM §2.10 "invoke" and "inner invoke" for one pass at `target`.
  const invoke = (target, event, s, capturePass) => {
    if (s.stopPropagation) return;
    s.currentTarget = target;
    // The list as it is now; listeners removed meanwhile do not run
    // (their `removed` flag is set).
    const listeners = targetState.get(target).listeners.slice();
    for (const listener of listeners) {
      if (listener.removed || listener.type !== s.type || listener.capture !== capturePass) continue;
      if (listener.once) removeListener(target, targetState.get(target), listener);
      if (listener.passive) s.inPassiveListener = true;
      try {
        callListener(listener.callback, event, target);
      } catch (error) {
        // "report the exception": it does not reach dispatchEvent's caller.
        reportException(error);
      }
      s.inPassiveListener = false;
      if (s.stopImmediatePropagation) break;
    }
  };
  // DOM §2.9 "dispatch", the path being [target] (no tree).
  const dispatch = (target, event, s) => {
    s.dispatching = true;
    s.target = target;
    s.eventPhase = AT_TARGET;
    invoke(target, event, s, true);
    invoke(target, event, s, false);
    s.eventPhase = NONE;
    s.currentTarget = null;
    s.dispatching = false;
    s.stopPropagation = false;
    s.stopImmediatePropagation = false;
    return !s.canceled;
  };
  // DOM §2.10 "fire an event": a trusted Event of `type` at `target`.
  const fire = (target, type) => {
    const event = new Event(type);
    const s = eventState.get(event);
    s.isTrusted = true;
    return dispatch(target, event, s);
  };

  // WebIDL §3.7.6 (operations): a null or undefined `this` is the global
  // object, an EventTarget here, so a bare `addEventListener(...)` works.
  const thisOrGlobal = (self) => (self === undefined || self === null ? global : self);

  class EventTarget {
    constructor() {
      targetState.set(this, { listeners: [] });
    }
    addEventListener(type, callback, options = undefined) {
      const self = thisOrGlobal(this);
      const s = tgt(self, "addEventListener");
      requireArgs(arguments.length, 2, "EventTarget.addEventListener");
      const t = toDOMString(type);
      const cb = toListener(callback, "EventTarget.addEventListener");
      const { capture, once, passive, signal } = flattenMore(options, "EventTarget.addEventListener");
      addListener(self, s, {
        type: t, callback: cb, capture, once, passive, signal, removed: false, onAbort: null,
      });
    }
    removeEventListener(type, callback, options = undefined) {
      const self = thisOrGlobal(this);
      const s = tgt(self, "removeEventListener");
      requireArgs(arguments.length, 2, "EventTarget.removeEventListener");
      const t = toDOMString(type);
      const cb = toListener(callback, "EventTarget.removeEventListener");
      const capture = flatten(options);
      const listener = s.listeners.find((l) => l.type === t && l.callback === cb && l.capture === capture);
      if (listener !== undefined) removeListener(self, s, listener);
    }
    dispatchEvent(event) {
      const self = thisOrGlobal(this);
      tgt(self, "dispatchEvent");
      requireArgs(arguments.length, 1, "EventTarget.dispatchEvent");
      const s = eventState.get(event);
      if (s === undefined) throw new TypeError("EventTarget.dispatchEvent: argument 1 is not an Event");
      if (s.dispatching) {
        throw natives.domException(`The event "${s.type}" is already being dispatched`, "InvalidStateError");
      }
      if (!s.initialized) {
        throw natives.domException(`The event "${s.type}" is not initialized`, "InvalidStateError");
      }
      s.isTrusted = false;
      return dispatch(self, event, s);
    }
  }
  finishInterface(EventTarget, "EventTarget");

  // HTML §8.1.8.1 event handler IDL attributes (`onabort`): the handler is
  // one listener, added where the attribute was first set to an object and
  // removed when it is set to null. `check` brand-checks the receiver.
  const handlerState = new WeakMap();
  // `onError`: the global's `onerror` is an OnErrorEventHandler (HTML
  // §8.1.8.1): for an ErrorEvent it is called with (message, filename,
  // lineno, colno, error), and a return value of true cancels the event.
  const defineEventHandler = (proto, type, check, onError = false) => {
    const name = `on${type}`;
    const handlerOf = (target) => {
      let handlers = handlerState.get(target);
      if (handlers === undefined) handlerState.set(target, (handlers = new Map()));
      let h = handlers.get(type);
      if (h === undefined) handlers.set(type, (h = { value: null, listener: null }));
      return h;
    };
    const accessors = {
      get [name]() {
        check(this, name);
        return handlerOf(this).value;
      },
      set [name](value) {
        check(this, name);
        const h = handlerOf(this);
        const s = targetState.get(this);
        // [LegacyTreatNonObjectAsNull]: any object is kept, anything else
        // is null (HTML §8.1.8.1 EventHandler).
        if (!isObject(value)) {
          // "deactivate an event handler".
          if (h.listener !== null) removeListener(this, s, h.listener);
          h.listener = null;
          h.value = null;
          return;
        }
        h.value = value;
        if (h.listener !== null) return;
        // "activate an event handler": the callback is the event handler
        // processing algorithm; a false return value cancels the event.
        const listener = {
          type, capture: false, once: false, passive: false, signal: null, removed: false,
          onAbort: null,
          callback(event) {
            const callback = h.value;
            if (typeof callback !== "function") return;
            const details = onError ? errorState.get(event) : undefined;
            if (details !== undefined) {
              const { message, filename, lineno, colno, error } = details;
              const result = apply(callback, this, [message, filename, lineno, colno, error]);
              if (result === true) setCanceled(eventState.get(event));
              return;
            }
            const result = apply(callback, this, [event]);
            if (result === false) setCanceled(eventState.get(event));
          },
        };
        h.listener = listener;
        addListener(this, s, listener);
      },
    };
    const { get, set } = getOwnPropertyDescriptor(accessors, name);
    defineProperty(proto, name, { get, set, enumerable: true, configurable: true });
  };

  // ---- ErrorEvent, PromiseRejectionEvent (HTML runtime script errors) --

  const errorState = new WeakMap();
  const errorOf = (self, member) => brand(errorState, self, "ErrorEvent", member);

  class ErrorEvent extends Event {
    constructor(type, eventInitDict = undefined) {
      requireArgs(arguments.length, 1, "ErrorEvent");
      const t = toDOMString(type);
      const init = toDictionary(eventInitDict, "ErrorEvent");
      // EventInit's members, then ErrorEventInit's in lexicographic order.
      const bubbles = !!init.bubbles;
      const cancelable = !!init.cancelable;
      const composed = !!init.composed;
      const colno = init.colno === undefined ? 0 : toUnsignedLong(init.colno);
      const error = init.error;
      const filename = init.filename === undefined ? "" : toDOMString(init.filename);
      const lineno = init.lineno === undefined ? 0 : toUnsignedLong(init.lineno);
      const message = init.message === undefined ? "" : toDOMString(init.message);
      super(t, { bubbles, cancelable, composed });
      errorState.set(this, { message, filename, lineno, colno, error });
    }
    get message() { return errorOf(this, "message").message; }
    get filename() { return errorOf(this, "filename").filename; }
    get lineno() { return errorOf(this, "lineno").lineno; }
    get colno() { return errorOf(this, "colno").colno; }
    get error() { return errorOf(this, "error").error; }
  }
  finishInterface(ErrorEvent, "ErrorEvent");

  const rejectionState = new WeakMap();
  const rejectionOf = (self, member) => brand(rejectionState, self, "PromiseRejectionEvent", member);

  class PromiseRejectionEvent extends Event {
    constructor(type, eventInitDict) {
      requireArgs(arguments.length, 2, "PromiseRejectionEvent");
      const t = toDOMString(type);
      const init = toDictionary(eventInitDict, "PromiseRejectionEvent");
      const bubbles = !!init.bubbles;
      const cancelable = !!init.cancelable;
      const composed = !!init.composed;
      // `required object promise; any reason;`
      const promise = init.promise;
      if (promise === undefined) {
        throw new TypeError("PromiseRejectionEvent: the promise member is required");
      }
      if (!isObject(promise)) throw new TypeError("PromiseRejectionEvent: promise is not an object");
      const reason = init.reason;
      super(t, { bubbles, cancelable, composed });
      rejectionState.set(this, { promise, reason });
    }
    get promise() { return rejectionOf(this, "promise").promise; }
    get reason() { return rejectionOf(this, "reason").reason; }
  }
  finishInterface(PromiseRejectionEvent, "PromiseRejectionEvent");

  // WebIDL `unsigned long` (§3.2.4.7: ToNumber, truncate, modulo 2^32).
  function toUnsignedLong(v) {
    const n = Number(v);
    if (!Number.isFinite(n)) return 0;
    const r = Math.trunc(n) % 4294967296;
    return r < 0 ? r + 4294967296 : r;
  }

  // The global object becomes an EventTarget: its listener list, and
  // EventTarget.prototype in its prototype chain (globalThis instanceof
  // EventTarget, as in deno).
  targetState.set(global, { listeners: [] });
  Object.setPrototypeOf(global, EventTarget.prototype);

  // "file:line:col" of the first stack frame outside nano-boa's own
  // scripts, from Boa's `stack` text ("    at f (/path/a.js:3:9)").
  const FRAME = /^\s*at (?:.*? \()?(.+):(\d+):(\d+)\)?$/;
  const locationIn = (stack) => {
    if (typeof stack !== "string") return null;
    for (const line of stack.split("\n")) {
      const m = FRAME.exec(line);
      if (m !== null && !m[1].startsWith("<nano-boa:")) {
        return { filename: m[1], lineno: Number(m[2]), colno: Number(m[3]) };
      }
    }
    return null;
  };
  const stackOf = (value) => {
    try {
      return isObject(value) ? value.stack : undefined;
    } catch {
      return undefined;
    }
  };

  // HTML §8.1.4.7 "report an exception" at the global object: fires a
  // trusted, cancelable ErrorEvent and returns whether a listener canceled
  // it (then the error counts as handled). An exception thrown by an
  // `error` listener is not reported to the listeners again (HTML's "error
  // reporting mode"): it takes the default action, as in deno.
  let errorReportingMode = false;
  const reportAtGlobal = (error, fallback = null) => {
    if (errorReportingMode || !hasListeners(global, "error")) return false;
    const where = locationIn(stackOf(error)) ?? fallback ?? { filename: "", lineno: 0, colno: 0 };
    const event = new ErrorEvent("error", {
      cancelable: true,
      colno: where.colno,
      error,
      filename: where.filename,
      lineno: where.lineno,
      message: `Uncaught ${natives.describe(error)}`,
    });
    const s = eventState.get(event);
    s.isTrusted = true;
    errorReportingMode = true;
    try {
      return !dispatch(global, event, s);
    } finally {
      errorReportingMode = false;
    }
  };

  // HTML §8.1.4.8: `unhandledrejection` (cancelable: canceling marks the
  // rejection handled) and `rejectionhandled` at the global object.
  // Returns whether a listener canceled the event.
  const rejectionAtGlobal = (type, promise, reason) => {
    if (!hasListeners(global, type)) return false;
    const event = new PromiseRejectionEvent(type, {
      cancelable: type === "unhandledrejection", promise, reason,
    });
    const s = eventState.get(event);
    s.isTrusted = true;
    return !dispatch(global, event, s);
  };

  // HTML reportError(e) (WindowOrWorkerGlobalScope): report e as an
  // uncaught exception; the location of a value without a stack is where
  // reportError was called.
  const reportError = {
    reportError(e) {
      requireArgs(arguments.length, 1, "reportError");
      if (!reportAtGlobal(e, locationIn(new Error().stack))) natives.fail(e);
    },
  }.reportError;

  const { addEventListener, removeEventListener, dispatchEvent } = EventTarget.prototype;

  // The global's event handler attributes (HTML §8.1.8.2
  // WindowEventHandlers/GlobalEventHandlers, as WinterTC lists them). The
  // global's own accessors are natives (events/mod.rs, built with the
  // other lazy globals) that call these with the global as `this`.
  const handlerHolder = {};
  const onlyGlobal = (self, name) => {
    if (self !== global) throw new TypeError(`${name} is an attribute of the global object`);
  };
  defineEventHandler(handlerHolder, "error", onlyGlobal, true);
  defineEventHandler(handlerHolder, "unhandledrejection", onlyGlobal);
  defineEventHandler(handlerHolder, "rejectionhandled", onlyGlobal);
  const globalHandlers = {
    get: (name) => Reflect.get(handlerHolder, name, global),
    set: (name, value) => {
      Reflect.set(handlerHolder, name, value, global);
    },
  };

  return {
    Event,
    CustomEvent,
    EventTarget,
    ErrorEvent,
    PromiseRejectionEvent,
    reportError,
    addEventListener,
    removeEventListener,
    dispatchEvent,
    globalHandlers,
    internal: {
      brand, finishInterface, requireArgs, isObject, defineEventHandler, fire, hasListeners,
      signals, reportAtGlobal, rejectionAtGlobal,
    },
  };
})
