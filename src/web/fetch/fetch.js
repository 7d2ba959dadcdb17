// Headers, Request and Response (WHATWG Fetch §5, §6, §7), in JavaScript:
// they are state holders whose rules are WebIDL conversions and
// validations, clearer here than as Rust natives. Bytes are moved by Rust
// natives (UTF-8 encode and decode, see mod.rs).
//
// Evaluated once per realm by mod.rs; the completion value is a function
// taking the natives { utf8Encode, utf8Decode, isToken, isReasonPhrase,
// normalizeValue } and returning
// { Headers, Request, Response, createHeaders, createResponse, requestParts,
// tryNewRequest, createRequest, responseParts }: after the three classes, the
// internal seam for the fetch() glue and the server (mod.rs).
((natives) => {
  "use strict";
  const { utf8Encode, utf8Decode, isToken, isReasonPhrase, normalizeValue } = natives;
  const { apply, ownKeys, getOwnPropertyDescriptor } = Reflect;
  const defineProperty = Object.defineProperty;
  const jsonParse = JSON.parse;
  const jsonStringify = JSON.stringify;
  const URLClass = globalThis.URL;
  // URLSearchParams is a body type only where the global exists.
  const URLSearchParamsClass = globalThis.URLSearchParams;
  const u8Slice = Uint8Array.prototype.slice;
  const isView = ArrayBuffer.isView;
  const abByteLength = getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;

  // ---- WebIDL conversions (WebIDL §3.2) ----------------------------------

  // ToString, which throws a TypeError for a Symbol (String() would not).
  const toDOMString = (v) => `${v}`;
  // USVString: lone surrogates become U+FFFD.
  const toUSVString = (v) => toDOMString(v).toWellFormed();
  // ByteString: a TypeError for any code unit above 0xFF.
  // (Regular expressions live in constants: Boa compiles a regex literal
  // each time it is evaluated, and headers are validated on hot paths.)
  const NOT_BYTE = /[^\x00-\xff]/;
  const toByteString = (v, what) => {
    const s = toDOMString(v);
    if (NOT_BYTE.test(s)) {
      throw new TypeError(`${what}: ${JSON.stringify(s)} is not a valid ByteString`);
    }
    return s;
  };
  // unsigned short: ToNumber, NaN and infinities to 0, truncation, modulo 2^16.
  const toUnsignedShort = (v) => {
    const n = Number(v);
    if (!Number.isFinite(n)) return 0;
    const t = Math.trunc(n) % 65536;
    return t < 0 ? t + 65536 : t + 0;
  };
  // A dictionary argument: undefined or null is an empty dictionary, any
  // other non-object a TypeError.
  const toDictionary = (v, what) => {
    if (v === undefined || v === null) return {};
    if (typeof v !== "object" && typeof v !== "function") {
      throw new TypeError(`${what}: the init argument must be an object`);
    }
    return v;
  };
  const toEnum = (v, allowed, what) => {
    const s = toDOMString(v);
    if (!allowed.includes(s)) {
      throw new TypeError(`${what}: ${JSON.stringify(s)} is not one of ${allowed.join(", ")}`);
    }
    return s;
  };

  // WebIDL interface members: operations and attributes are enumerable.
  const finishInterface = (C, name, statics = []) => {
    const proto = C.prototype;
    for (const key of ownKeys(proto)) {
      if (key === "constructor" || typeof key === "symbol") continue;
      const desc = getOwnPropertyDescriptor(proto, key);
      defineProperty(proto, key, { ...desc, enumerable: true });
    }
    for (const key of statics) {
      defineProperty(C, key, { ...getOwnPropertyDescriptor(C, key), enumerable: true });
    }
    defineProperty(proto, Symbol.toStringTag, {
      value: name, writable: false, enumerable: false, configurable: true,
    });
  };
  const brand = (map, self, iface, member) => {
    const s = map.get(self);
    if (s === undefined) {
      throw new TypeError(`${iface}.prototype.${member} called on an object that is not a ${iface}`);
    }
    return s;
  };

  // ---- HTTP grammar (Fetch §2.2) -----------------------------------------

  // token (RFC 9110 §5.6.2): a header name, a method.
  // isToken is a native (mod.rs): a regex test costs ~8 µs in Boa.
  // normalizeValue (Fetch §2.2 "normalize": strip leading and trailing
  // HTTP whitespace) is a native too.
  // A header value has no NUL, CR or LF (Fetch §2.2 "header value").
  const NOT_VALUE = /[\0\r\n]/;
  const isValue = (s) => !NOT_VALUE.test(s);
  // isReasonPhrase (RFC 9112 §4: HTAB, SP, VCHAR, obs-text) is a native.

  // ---- Headers (Fetch §5.2) ----------------------------------------------

  // Headers → { list: [[lowercase name, value]], guard }.
  const headersState = new WeakMap();
  const GUARDS = ["immutable", "request", "request-no-cors", "response", "none"];

  const checkName = (name, what) => {
    if (!isToken(name)) throw new TypeError(`${what}: ${JSON.stringify(name)} is an invalid header name`);
  };
  const checkValue = (value, what) => {
    if (!isValue(value)) throw new TypeError(`${what}: ${JSON.stringify(value)} is an invalid header value`);
  };
  const checkMutable = (s, what) => {
    if (s.guard === "immutable") throw new TypeError(`${what}: the headers are immutable`);
  };
  // Fetch §5.2 "append".
  const appendHeader = (s, rawName, rawValue, what) => {
    const name = toByteString(rawName, what);
    const value = normalizeValue(toByteString(rawValue, what));
    checkName(name, what);
    checkValue(value, what);
    checkMutable(s, what);
    s.list.push([name.toLowerCase(), value]);
  };
  // Fetch §5.2 "fill": a sequence of pairs, or a record.
  const fillHeaders = (s, init) => {
    if (typeof init !== "object" && typeof init !== "function" || init === null) {
      throw new TypeError("Headers: init must be a sequence of pairs or a record");
    }
    // WebIDL §3.2.22 union: an object with @@iterator is a sequence.
    const method = init[Symbol.iterator];
    if (method !== undefined && method !== null) {
      if (typeof method !== "function") throw new TypeError("Headers: @@iterator is not callable");
      const pairs = [];
      for (const item of { [Symbol.iterator]: () => apply(method, init, []) }) {
        if (typeof item !== "object" && typeof item !== "function" || item === null) {
          throw new TypeError("Headers: each header must be a sequence [name, value]");
        }
        const pair = [...item];
        if (pair.length !== 2) {
          throw new TypeError(`Headers: a header must have exactly 2 items, not ${pair.length}`);
        }
        pairs.push([toByteString(pair[0], "Headers"), toByteString(pair[1], "Headers")]);
      }
      appendAll(s, pairs, "Headers");
      return;
    }
    // WebIDL §3.2.26 record<ByteString, ByteString>: enumerable own keys, in
    // order; a Symbol key throws (ToString).
    const pairs = [];
    const keys = ownKeys(init);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const desc = getOwnPropertyDescriptor(init, key);
      if (desc === undefined || !desc.enumerable) continue;
      pairs.push([toByteString(key, "Headers"), toByteString(init[key], "Headers")]);
    }
    appendAll(s, pairs, "Headers");
  };
  // Internal lists are walked with index loops, not for-of/destructuring:
  // Boa runs the iterator protocol for those (~2 µs per step), and these
  // loops run for every header of every request and response.
  const appendAll = (s, pairs, what) => {
    for (let i = 0; i < pairs.length; i++) appendHeader(s, pairs[i][0], pairs[i][1], what);
  };
  const getHeader = (s, lower) => {
    let out = null;
    const list = s.list;
    for (let i = 0; i < list.length; i++) {
      if (list[i][0] === lower) out = out === null ? list[i][1] : `${out}, ${list[i][1]}`;
    }
    return out;
  };
  // Fetch §2.2 "sort and combine": by lowercase name; values of a name
  // joined with ", ", except set-cookie whose values stay separate.
  const sortAndCombine = (s) => {
    const names = [...new Set(s.list.map(([n]) => n))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const out = [];
    for (const name of names) {
      if (name === "set-cookie") {
        for (const [n, v] of s.list) if (n === name) out.push([n, v]);
      } else {
        out.push([name, getHeader(s, name)]);
      }
    }
    return out;
  };

  class Headers {
    constructor(init = undefined) {
      const s = { list: [], guard: "none" };
      headersState.set(this, s);
      if (init !== undefined) fillHeaders(s, init);
    }
    append(name, value) {
      const s = brand(headersState, this, "Headers", "append");
      if (arguments.length < 2) throw new TypeError("Headers.append: 2 arguments required");
      appendHeader(s, name, value, "Headers.append");
    }
    delete(name) {
      const s = brand(headersState, this, "Headers", "delete");
      if (arguments.length < 1) throw new TypeError("Headers.delete: 1 argument required");
      const n = toByteString(name, "Headers.delete");
      checkName(n, "Headers.delete");
      checkMutable(s, "Headers.delete");
      const lower = n.toLowerCase();
      s.list = s.list.filter(([k]) => k !== lower);
    }
    get(name) {
      const s = brand(headersState, this, "Headers", "get");
      if (arguments.length < 1) throw new TypeError("Headers.get: 1 argument required");
      const n = toByteString(name, "Headers.get");
      checkName(n, "Headers.get");
      return getHeader(s, n.toLowerCase());
    }
    getSetCookie() {
      const s = brand(headersState, this, "Headers", "getSetCookie");
      return s.list.filter(([n]) => n === "set-cookie").map(([, v]) => v);
    }
    has(name) {
      const s = brand(headersState, this, "Headers", "has");
      if (arguments.length < 1) throw new TypeError("Headers.has: 1 argument required");
      const n = toByteString(name, "Headers.has");
      checkName(n, "Headers.has");
      const lower = n.toLowerCase();
      return s.list.some(([k]) => k === lower);
    }
    set(name, value) {
      const s = brand(headersState, this, "Headers", "set");
      if (arguments.length < 2) throw new TypeError("Headers.set: 2 arguments required");
      const n = toByteString(name, "Headers.set");
      const v = normalizeValue(toByteString(value, "Headers.set"));
      checkName(n, "Headers.set");
      checkValue(v, "Headers.set");
      checkMutable(s, "Headers.set");
      // Fetch §2.2 "set": replace the first, remove the others.
      const lower = n.toLowerCase();
      const i = s.list.findIndex(([k]) => k === lower);
      if (i === -1) {
        s.list.push([lower, v]);
      } else {
        s.list[i] = [lower, v];
        s.list = s.list.filter(([k], j) => j <= i || k !== lower);
      }
    }
    forEach(callback, thisArg = undefined) {
      brand(headersState, this, "Headers", "forEach");
      if (typeof callback !== "function") throw new TypeError("Headers.forEach: callback is not a function");
      // WebIDL §3.7.9 forEach: the pairs are recomputed at each step.
      for (let i = 0; ; i++) {
        const pairs = sortAndCombine(headersState.get(this));
        if (i >= pairs.length) break;
        apply(callback, thisArg, [pairs[i][1], pairs[i][0], this]);
      }
    }
    keys() {
      brand(headersState, this, "Headers", "keys");
      return makeIterator(this, "key");
    }
    values() {
      brand(headersState, this, "Headers", "values");
      return makeIterator(this, "value");
    }
    entries() {
      brand(headersState, this, "Headers", "entries");
      return makeIterator(this, "key+value");
    }
  }
  finishInterface(Headers, "Headers");
  defineProperty(Headers.prototype, Symbol.iterator, {
    value: Headers.prototype.entries, writable: true, enumerable: false, configurable: true,
  });

  // WebIDL §3.7.10 default iterator objects: the sorted list is computed
  // again at each next(), so changes during iteration are seen.
  const iteratorState = new WeakMap();
  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  const HeadersIteratorPrototype = Object.create(IteratorPrototype, {
    next: {
      value: function next() {
        const it = iteratorState.get(this);
        if (it === undefined) throw new TypeError("next called on an object that is not a Headers Iterator");
        const pairs = sortAndCombine(headersState.get(it.target));
        if (it.index >= pairs.length) return { value: undefined, done: true };
        const [name, value] = pairs[it.index++];
        const out = it.kind === "key" ? name : it.kind === "value" ? value : [name, value];
        return { value: out, done: false };
      },
      writable: true, enumerable: true, configurable: true,
    },
    [Symbol.toStringTag]: { value: "Headers Iterator", configurable: true },
  });
  const makeIterator = (target, kind) => {
    const it = Object.create(HeadersIteratorPrototype);
    iteratorState.set(it, { target, kind, index: 0 });
    return it;
  };

  // Internal: a Headers with `guard`, filled from [name, value] pairs
  // before the guard applies.
  const createHeaders = (pairs, guard) => {
    if (!GUARDS.includes(guard)) throw new TypeError(`internal: unknown headers guard ${guard}`);
    const h = new Headers();
    const s = headersState.get(h);
    appendAll(s, pairs, "Headers");
    s.guard = guard;
    return h;
  };
  // Internal: a Headers over pairs the HTTP layer (hyper) has already
  // parsed and validated: lowercase token names, values without CR, LF or
  // NUL and without surrounding whitespace. Skips the per-header checks
  // that dominate the cost of a fetch() otherwise.
  const trustedHeaders = (pairs, guard) => {
    const h = new Headers();
    const s = headersState.get(h);
    const list = new Array(pairs.length);
    for (let i = 0; i < pairs.length; i++) list[i] = [pairs[i][0].toLowerCase(), pairs[i][1]];
    s.list = list;
    s.guard = guard;
    return h;
  };
  const copyHeaders = (from, guard) => {
    const h = new Headers();
    const s = headersState.get(h);
    s.list = headersState.get(from).list.map(([n, v]) => [n, v]);
    s.guard = guard;
    return h;
  };

  // ---- Bodies (Fetch §6.4) -----------------------------------------------

  // The bytes of a body: known now (`bytes`, a Uint8Array) or later
  // (`pending`, a promise of a Uint8Array, for a response whose bytes come
  // from the network). Consumers use only `disturbed`, `consume()` and
  // `tee()`. Issue 7 (streams) replaces this with a ReadableStream-backed
  // source behind the same three members, and makes `body` return it.
  class BodySource {
    constructor(bytes, pending) {
      this.bytes = bytes;
      this.pending = pending;
      this.disturbed = false;
    }
    // All the bytes, as a fresh Uint8Array; marks the source disturbed.
    async consume() {
      this.disturbed = true;
      const bytes = this.pending !== null ? await this.pending : this.bytes;
      return apply(u8Slice, bytes, []);
    }
    // Fetch §2.2 "clone" a body: two sources over the same bytes (never
    // mutated: consume() hands out copies).
    tee() {
      return [new BodySource(this.bytes, this.pending), new BodySource(this.bytes, this.pending)];
    }
  }

  // Fetch §6.4 "extract" a body: [source, Content-Type or null]. The
  // BodyInit union (WebIDL §3.2.22) takes buffer sources and
  // URLSearchParams as they are, anything else as a USVString.
  const extractBody = (init) => {
    if (typeof init === "object" && init !== null) {
      if (isView(init)) {
        const view = new Uint8Array(init.buffer, init.byteOffset, init.byteLength);
        return [new BodySource(apply(u8Slice, view, []), null), null];
      }
      let isBuffer = true;
      try {
        apply(abByteLength, init, []);
      } catch {
        isBuffer = false;
      }
      if (isBuffer) return [new BodySource(apply(u8Slice, new Uint8Array(init), []), null), null];
      if (URLSearchParamsClass !== undefined && init instanceof URLSearchParamsClass) {
        return [
          new BodySource(utf8Encode(toDOMString(init)), null),
          "application/x-www-form-urlencoded;charset=UTF-8",
        ];
      }
    }
    return [new BodySource(utf8Encode(toUSVString(init)), null), "text/plain;charset=UTF-8"];
  };

  // The Body mixin (Fetch §6.3) over a state with `body` (BodySource or null).
  const unusable = (s) => s.body !== null && s.body.disturbed;
  // Fetch §6.3 "consume body".
  const consumeBody = async (s, what) => {
    if (unusable(s)) throw new TypeError(`${what}: body has already been used`);
    if (s.body === null) return new Uint8Array(0);
    return s.body.consume();
  };
  const STREAMS_NOT_YET =
    "Response.body streams are not supported yet; use text()/json()/arrayBuffer()/bytes()";
  const addBodyMixin = (C, map, iface) => {
    const state = (self, member) => brand(map, self, iface, member);
    const members = {
      get body() {
        const s = state(this, "body");
        if (s.body === null) return null;
        throw new TypeError(STREAMS_NOT_YET.replace("Response", iface));
      },
      get bodyUsed() {
        return state(this, "bodyUsed").body?.disturbed === true;
      },
      arrayBuffer() {
        let s;
        try {
          s = state(this, "arrayBuffer");
        } catch (e) {
          return Promise.reject(e);
        }
        return consumeBody(s, `${iface}.arrayBuffer`).then((b) => b.buffer);
      },
      bytes() {
        let s;
        try {
          s = state(this, "bytes");
        } catch (e) {
          return Promise.reject(e);
        }
        return consumeBody(s, `${iface}.bytes`);
      },
      json() {
        let s;
        try {
          s = state(this, "json");
        } catch (e) {
          return Promise.reject(e);
        }
        // Fetch §2.2 "parse JSON from bytes": UTF-8 decode, then JSON.parse
        // (a SyntaxError rejects).
        return consumeBody(s, `${iface}.json`).then((b) => jsonParse(utf8Decode(b)));
      },
      text() {
        let s;
        try {
          s = state(this, "text");
        } catch (e) {
          return Promise.reject(e);
        }
        return consumeBody(s, `${iface}.text`).then((b) => utf8Decode(b));
      },
    };
    for (const key of ownKeys(members)) {
      defineProperty(C.prototype, key, getOwnPropertyDescriptor(members, key));
    }
  };

  // ---- Response (Fetch §7.4) ---------------------------------------------

  // Response → { type, status, statusText, headers, url, redirected, body }.
  const responseState = new WeakMap();
  const NULL_BODY_STATUS = [101, 103, 204, 205, 304];
  const REDIRECT_STATUS = [301, 302, 303, 307, 308];
  // Set while a static creates its Response through the constructor.
  let creating = null;

  // Fetch §7.4 "initialize a response".
  const initializeResponse = (s, init, body) => {
    // Dictionary members in lexicographic order (WebIDL §3.2.19).
    const headersInit = init.headers;
    const status = init.status === undefined ? 200 : toUnsignedShort(init.status);
    const statusText = init.statusText === undefined ? "" : toByteString(init.statusText, "Response");
    if (status < 200 || status > 599) {
      throw new RangeError(`Response: status ${status} is outside the range [200, 599]`);
    }
    if (!isReasonPhrase(statusText)) {
      throw new TypeError(`Response: ${JSON.stringify(statusText)} is not a valid status text`);
    }
    s.status = status;
    s.statusText = statusText;
    if (headersInit !== undefined) fillHeaders(headersState.get(s.headers), headersInit);
    if (body !== null) {
      const [source, type] = body;
      if (NULL_BODY_STATUS.includes(status)) {
        throw new TypeError(`Response: a response with status ${status} cannot have a body`);
      }
      s.body = source;
      const hs = headersState.get(s.headers);
      if (type !== null && getHeader(hs, "content-type") === null) hs.list.push(["content-type", type]);
    }
  };

  class Response {
    constructor(body = null, init = undefined) {
      if (creating !== null) {
        responseState.set(this, creating);
        creating = null;
        return;
      }
      const dict = toDictionary(init, "Response");
      const s = {
        type: "default", status: 200, statusText: "", headers: createHeaders([], "response"),
        url: "", redirected: false, body: null,
      };
      // Fetch §7.4 step 3: the body is extracted before the init is read.
      const extracted = body === null || body === undefined ? null : extractBody(body);
      initializeResponse(s, dict, extracted);
      responseState.set(this, s);
    }
    static error() {
      return fromState({
        type: "error", status: 0, statusText: "", headers: createHeaders([], "immutable"),
        url: "", redirected: false, body: null,
      });
    }
    static redirect(url, status = 302) {
      if (arguments.length < 1) throw new TypeError("Response.redirect: 1 argument required");
      const parsed = parseURL(toUSVString(url), "Response.redirect");
      const code = toUnsignedShort(status);
      if (!REDIRECT_STATUS.includes(code)) {
        throw new RangeError(`Response.redirect: ${code} is not a redirect status`);
      }
      return fromState({
        type: "default", status: code, statusText: "",
        headers: createHeaders([["location", parsed.href]], "immutable"),
        url: "", redirected: false, body: null,
      });
    }
    static json(data, init = undefined) {
      if (arguments.length < 1) throw new TypeError("Response.json: 1 argument required");
      const text = jsonStringify(data);
      if (text === undefined) throw new TypeError("Response.json: data is not JSON serializable");
      const dict = toDictionary(init, "Response.json");
      const s = {
        type: "default", status: 200, statusText: "", headers: createHeaders([], "response"),
        url: "", redirected: false, body: null,
      };
      initializeResponse(s, dict, [new BodySource(utf8Encode(text), null), "application/json"]);
      return fromState(s);
    }
    get type() { return brand(responseState, this, "Response", "type").type; }
    get url() { return brand(responseState, this, "Response", "url").url; }
    get redirected() { return brand(responseState, this, "Response", "redirected").redirected; }
    get status() { return brand(responseState, this, "Response", "status").status; }
    get ok() {
      const { status } = brand(responseState, this, "Response", "ok");
      return status >= 200 && status <= 299;
    }
    get statusText() { return brand(responseState, this, "Response", "statusText").statusText; }
    get headers() { return brand(responseState, this, "Response", "headers").headers; }
    clone() {
      const s = brand(responseState, this, "Response", "clone");
      if (unusable(s)) throw new TypeError("Response.clone: body has already been used");
      let body = null;
      if (s.body !== null) [s.body, body] = s.body.tee();
      return fromState({
        ...s, headers: copyHeaders(s.headers, headersState.get(s.headers).guard), body,
      });
    }
  }
  addBodyMixin(Response, responseState, "Response");
  finishInterface(Response, "Response", ["error", "redirect", "json"]);
  const fromState = (s) => {
    creating = s;
    return new Response();
  };

  // Internal, for the fetch() glue: a Response from the network. `body` is
  // null, a Uint8Array, or a promise of one (a network error rejects it,
  // and the rejection reaches whoever reads the body).
  const createResponse = (init) => {
    const { status, statusText = "", headers = [], url = "", redirected = false } = init;
    const type = init.type ?? "basic";
    let body = null;
    if (init.body !== null && init.body !== undefined) {
      body = init.body instanceof Uint8Array ? new BodySource(init.body, null)
        : new BodySource(null, Promise.resolve(init.body));
    }
    return fromState({
      type, status, statusText, headers: trustedHeaders(headers, "immutable"),
      url, redirected, body,
    });
  };

  // ---- Request (Fetch §7.3) ----------------------------------------------

  // Request → { method, url, ..., followed, signal }.
  const requestState = new WeakMap();

  // AbortSignal belongs to the events family (src/web/events/): read from
  // the global on first need, so that Headers, or a Request whose signal
  // is never read, does not build it; kept from then on, so that a script
  // replacing the global later does not matter.
  let abortSignalParts = null;
  const abortSignals = () => {
    if (abortSignalParts === null) {
      const C = globalThis.AbortSignal;
      const aborted = getOwnPropertyDescriptor(C.prototype, "aborted").get;
      const any = C.any;
      abortSignalParts = {
        // The `aborted` getter throws for anything but an AbortSignal.
        isSignal: (v) => {
          if (typeof v !== "object" || v === null) return false;
          try {
            apply(aborted, v, []);
            return true;
          } catch {
            return false;
          }
        },
        any: (signals) => apply(any, C, [signals]),
      };
    }
    return abortSignalParts;
  };
  // Fetch §7.3 steps 30-31: a Request's signal is a dependent signal of the
  // signal it follows (AbortSignal.any). Made on first read: until then
  // nothing can observe it, and it can only abort through what it follows.
  const requestSignal = (s) => {
    if (s.signal === null) s.signal = abortSignals().any(s.followed === null ? [] : [s.followed]);
    return s.signal;
  };
  // State members of a Request following `s`'s signal.
  const follow = (s) => ({ followed: s.signal ?? s.followed, signal: null });
  const parseURL = (s, what) => {
    try {
      return new URLClass(s);
    } catch {
      throw new TypeError(`${what}: ${JSON.stringify(s)} is not an absolute URL`);
    }
  };
  const NORMALIZED_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"];
  const FORBIDDEN_METHODS = ["CONNECT", "TRACE", "TRACK"];
  const CORS_SAFE_METHODS = ["GET", "HEAD", "POST"];
  const REQUEST_INIT_KEYS = [
    "body", "cache", "credentials", "duplex", "headers", "integrity", "keepalive", "method",
    "mode", "priority", "redirect", "referrer", "referrerPolicy", "signal", "window",
  ];

  class Request {
    constructor(input, init = undefined) {
      if (arguments.length < 1) throw new TypeError("Request: 1 argument required");
      const dict = toDictionary(init, "Request");
      // Read every RequestInit member once, in lexicographic order
      // (WebIDL §3.2.19).
      const d = {};
      for (const key of REQUEST_INIT_KEYS) d[key] = dict[key];
      // AbortSignal? signal: converted with the dictionary.
      if (d.signal !== undefined && d.signal !== null && !abortSignals().isSignal(d.signal)) {
        throw new TypeError("Request: signal is not an AbortSignal");
      }

      let s;
      const inputState = requestState.get(input);
      if (inputState === undefined) {
        // Fetch §7.3 step 5: parse input (no base URL in a script runtime).
        const url = parseURL(toUSVString(input), "Request");
        if (url.username !== "" || url.password !== "") {
          throw new TypeError(`Request: ${JSON.stringify(url.href)} includes credentials`);
        }
        s = {
          method: "GET", url: url.href, headers: null, referrer: "about:client",
          referrerPolicy: "", mode: "cors", credentials: "same-origin", cache: "default",
          redirect: "follow", integrity: "", keepalive: false, body: null,
          followed: null, signal: null,
        };
      } else {
        // Step 11: the input's signal is followed (see requestSignal).
        s = { ...inputState, headers: null, body: null, ...follow(inputState) };
      }
      // Step 29: init's signal replaces it; null follows nothing.
      if (d.signal !== undefined) {
        s.followed = d.signal;
        s.signal = null;
      }
      // Fetch §7.3 step 13: a non-empty init resets navigate mode and the referrer.
      if (REQUEST_INIT_KEYS.some((k) => d[k] !== undefined)) {
        if (s.mode === "navigate") s.mode = "same-origin";
        s.referrer = "about:client";
        s.referrerPolicy = "";
      }
      if (d.referrer !== undefined) {
        const r = toUSVString(d.referrer);
        s.referrer = r === "" ? "" : parseURL(r, "Request referrer").href;
      }
      if (d.referrerPolicy !== undefined) {
        s.referrerPolicy = toEnum(d.referrerPolicy, [
          "", "no-referrer", "no-referrer-when-downgrade", "same-origin", "origin",
          "strict-origin", "origin-when-cross-origin", "strict-origin-when-cross-origin",
          "unsafe-url",
        ], "Request referrerPolicy");
      }
      if (d.mode !== undefined) {
        const mode = toEnum(d.mode, ["navigate", "same-origin", "no-cors", "cors"], "Request mode");
        if (mode === "navigate") throw new TypeError("Request: mode cannot be \"navigate\"");
        s.mode = mode;
      }
      if (d.credentials !== undefined) {
        s.credentials = toEnum(d.credentials, ["omit", "same-origin", "include"], "Request credentials");
      }
      if (d.cache !== undefined) {
        s.cache = toEnum(d.cache, [
          "default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached",
        ], "Request cache");
      }
      if (s.cache === "only-if-cached" && s.mode !== "same-origin") {
        throw new TypeError("Request: cache \"only-if-cached\" needs mode \"same-origin\"");
      }
      if (d.redirect !== undefined) {
        s.redirect = toEnum(d.redirect, ["follow", "error", "manual"], "Request redirect");
      }
      if (d.integrity !== undefined) s.integrity = toDOMString(d.integrity);
      if (d.keepalive !== undefined) s.keepalive = Boolean(d.keepalive);
      if (d.method !== undefined) {
        const m = toByteString(d.method, "Request method");
        if (!isToken(m)) throw new TypeError(`Request: ${JSON.stringify(m)} is not a valid method`);
        const upper = m.toUpperCase();
        if (FORBIDDEN_METHODS.includes(upper)) {
          throw new TypeError(`Request: method ${JSON.stringify(m)} is forbidden`);
        }
        // Fetch §2.2.1 "normalize" a method: only these six are uppercased.
        s.method = NORMALIZED_METHODS.includes(upper) ? upper : m;
      }
      if (d.priority !== undefined) toEnum(d.priority, ["high", "low", "auto"], "Request priority");
      if (d.window !== undefined && d.window !== null) {
        throw new TypeError("Request: window can only be null");
      }
      if (d.duplex !== undefined) toEnum(d.duplex, ["half"], "Request duplex");

      // Headers (Fetch §7.3 steps 32-33).
      s.headers = createHeaders([], "request");
      if (s.mode === "no-cors" && !CORS_SAFE_METHODS.includes(s.method)) {
        throw new TypeError(`Request: method ${s.method} is not allowed in no-cors mode`);
      }
      if (d.headers !== undefined) {
        fillHeaders(headersState.get(s.headers), d.headers);
      } else if (inputState !== undefined) {
        headersState.get(s.headers).list = headersState.get(inputState.headers).list.map(([n, v]) => [n, v]);
      }

      // Body (Fetch §7.3 steps 34-41).
      const inputBody = inputState === undefined ? null : inputState.body;
      const hasInitBody = d.body !== undefined && d.body !== null;
      if ((hasInitBody || inputBody !== null) && (s.method === "GET" || s.method === "HEAD")) {
        throw new TypeError(`Request: a ${s.method} request cannot have a body`);
      }
      if (hasInitBody) {
        const [source, type] = extractBody(d.body);
        s.body = source;
        const hs = headersState.get(s.headers);
        if (type !== null && getHeader(hs, "content-type") === null) hs.list.push(["content-type", type]);
      } else if (inputBody !== null) {
        // Step 41: the body moves to the new request; the input is used
        // (a stream would be piped through a proxy, disturbing it).
        if (inputBody.disturbed) {
          throw new TypeError("Request: the input Request's body has already been used");
        }
        s.body = new BodySource(inputBody.bytes, inputBody.pending);
        inputBody.disturbed = true;
      }
      requestState.set(this, s);
    }
    get method() { return brand(requestState, this, "Request", "method").method; }
    get url() { return brand(requestState, this, "Request", "url").url; }
    get headers() { return brand(requestState, this, "Request", "headers").headers; }
    get destination() { brand(requestState, this, "Request", "destination"); return ""; }
    get referrer() {
      const { referrer } = brand(requestState, this, "Request", "referrer");
      // Fetch §7.3 referrer getter: "about:client" reads as "about:client",
      // "no-referrer" ("") as "".
      return referrer;
    }
    get referrerPolicy() { return brand(requestState, this, "Request", "referrerPolicy").referrerPolicy; }
    get mode() { return brand(requestState, this, "Request", "mode").mode; }
    get credentials() { return brand(requestState, this, "Request", "credentials").credentials; }
    get cache() { return brand(requestState, this, "Request", "cache").cache; }
    get redirect() { return brand(requestState, this, "Request", "redirect").redirect; }
    get integrity() { return brand(requestState, this, "Request", "integrity").integrity; }
    get keepalive() { return brand(requestState, this, "Request", "keepalive").keepalive; }
    get isReloadNavigation() { brand(requestState, this, "Request", "isReloadNavigation"); return false; }
    get isHistoryNavigation() { brand(requestState, this, "Request", "isHistoryNavigation"); return false; }
    get signal() { return requestSignal(brand(requestState, this, "Request", "signal")); }
    get duplex() { brand(requestState, this, "Request", "duplex"); return "half"; }
    clone() {
      const s = brand(requestState, this, "Request", "clone");
      if (unusable(s)) throw new TypeError("Request.clone: body has already been used");
      let body = null;
      if (s.body !== null) [s.body, body] = s.body.tee();
      const copy = Object.create(Request.prototype);
      // Fetch §7.3 clone(): the copy's signal follows this one's.
      requestState.set(copy, { ...s, headers: copyHeaders(s.headers, "request"), body, ...follow(s) });
      return copy;
    }
  }
  addBodyMixin(Request, requestState, "Request");
  finishInterface(Request, "Request");

  // Internal, for the fetch() glue: what a request asks for. Reading the
  // body marks the Request used; `body` is null or a promise of a
  // Uint8Array. Header values are ByteStrings (one char per byte).
  const requestParts = (request) => {
    const s = requestState.get(request);
    if (s === undefined) throw new TypeError("fetch: not a Request");
    if (unusable(s)) throw new TypeError("fetch: the Request's body has already been used");
    return {
      method: s.method,
      url: s.url,
      headers: sortAndCombine(headersState.get(s.headers)),
      body: s.body === null ? null : s.body.consume(),
      redirect: s.redirect,
      signal: requestSignal(s),
    };
  };

  // Internal, for the server: a Request as an app receives it. Skips the
  // constructor's WebIDL conversions (the server has validated the parts);
  // `body` is null or a Uint8Array; `headers` are [name, value] pairs.
  const createRequest = (init) => {
    const request = Object.create(Request.prototype);
    const s = {
      method: init.method, url: init.url, headers: trustedHeaders(init.headers, "request"),
      referrer: "about:client", referrerPolicy: "", mode: "cors", credentials: "same-origin",
      cache: "default", redirect: "follow", integrity: "", keepalive: false,
      signal: init.signal ?? null,
      body: init.body === null ? null : new BodySource(init.body, null),
    };
    requestState.set(request, s);
    return request;
  };

  // Internal, for the server: what a Response returned by an app says.
  // undefined for anything that is not a Response of this realm. `body` is
  // null, a Uint8Array (known now: no promise, no extra job) or a promise
  // of one; the Response's body is used from now on.
  const responseParts = (response) => {
    const s = responseState.get(response);
    if (s === undefined) return undefined;
    if (unusable(s)) throw new TypeError("the Response's body has already been used");
    let body = null;
    if (s.body !== null) {
      if (s.body.pending === null) {
        s.body.disturbed = true;
        body = s.body.bytes;
      } else {
        body = s.body.consume();
      }
    }
    return {
      status: s.status,
      statusText: s.statusText,
      headers: headersState.get(s.headers).list,
      body,
    };
  };

  // Internal, for fetch(): `new Request(input, init)` with its exception
  // caught here, in JavaScript, and returned as `{ error }`. Letting it
  // reach the Rust caller breaks the script that called fetch():
  // boa_engine 0.22 (vm/mod.rs, `handle_throw`) stops unwinding at the
  // frame a native call entered without truncating the value stack to the
  // deeper frames it popped, so an error thrown below the constructor (an
  // invalid header value, from toByteString) left stale values behind and
  // an enclosing call such as `f(fetch(url, init))` failed with "not a
  // callable function". A catch inside JavaScript unwinds cleanly.
  const tryNewRequest = (input, init) => {
    try {
      return { request: new Request(input, init) };
    } catch (error) {
      return { error };
    }
  };

  return {
    Headers, Request, Response, createHeaders, createResponse, requestParts, createRequest,
    responseParts, tryNewRequest,
  };
})
