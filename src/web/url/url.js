// URL and URLSearchParams (WHATWG URL Standard §6 "API"), the WebIDL class
// shells. Evaluated once per realm by mod.rs; the completion value is a
// function that receives the native helpers (the `url` crate) and returns
// { URL, URLSearchParams }. The helpers stay in this closure:
//
//   parse(input, base)   -> URL record handle, or null on failure
//   get(handle)          -> [href, origin, protocol, username, password,
//                            host, hostname, port, pathname, search, hash,
//                            query (null when none)]
//   set(handle, attribute, value) -> false when the value is rejected
//   setQuery(handle, serialized)  -> URLSearchParams "update"
//   formParse(string)    -> [name, value, name, value, ...]
//   formSerialize(flat)  -> application/x-www-form-urlencoded string
//
// Built-ins are captured up front so that a script patching them later
// cannot change how URL objects behave.
(function (natives) {
  "use strict";
  const { parse, get, set, setQuery, formParse, formSerialize } = natives;
  const TypeErrorCtor = TypeError;
  const apply = Reflect.apply;
  const ownKeys = Reflect.ownKeys;
  const getOwnPropertyDescriptor = Reflect.getOwnPropertyDescriptor;
  const defineProperty = Object.defineProperty;
  const setPrototypeOf = Object.setPrototypeOf;
  const getPrototypeOf = Object.getPrototypeOf;
  const toWellFormed = String.prototype.toWellFormed;
  const stringSlice = String.prototype.slice;
  const arraySort = Array.prototype.sort;
  const SymbolIterator = Symbol.iterator;
  const SymbolToStringTag = Symbol.toStringTag;
  const IteratorPrototype = getPrototypeOf(getPrototypeOf([][SymbolIterator]()));

  // Passed as the first constructor argument by this file only: user code
  // cannot reach it, so it marks an internal construction.
  const INTERNAL = {};

  // WebIDL USVString: ToString, then lone surrogates become U+FFFD.
  const usv = (value) => apply(toWellFormed, `${value}`, []);

  const required = (count, wanted, what) => {
    if (count < wanted) {
      const s = wanted === 1 ? "" : "s";
      throw new TypeErrorCtor(
        `${what}: ${wanted} argument${s} required, but only ${count} present`,
      );
    }
  };

  const isObject = (value) =>
    value !== null && (typeof value === "object" || typeof value === "function");

  // [name, value, ...] from the native form parser -> [[name, value], ...]
  const pairsOf = (flat) => {
    const list = [];
    for (let i = 0; i + 1 < flat.length; i += 2) list[list.length] = [flat[i], flat[i + 1]];
    return list;
  };

  const invalidUrl = (input, base) => {
    const message = base === undefined
      ? `Invalid URL: ${input}`
      : `Invalid URL: ${input} (base ${base})`;
    const error = new TypeErrorCtor(message);
    defineProperty(error, "input", { value: input, writable: true, configurable: true });
    if (base !== undefined) {
      defineProperty(error, "base", { value: base, writable: true, configurable: true });
    }
    return error;
  };

  // Cross-class access to private state, set in the static blocks.
  let urlUpdateQuery; // (url, serialized) => void
  let paramsForUrl; // (url, query) => URLSearchParams linked to url
  let paramsSetList; // (params, list) => void
  let newIterator; // (params, kind) => URLSearchParams Iterator

  const P = { href: 0, origin: 1, protocol: 2, username: 3, password: 4, host: 5,
    hostname: 6, port: 7, pathname: 8, search: 9, hash: 10, query: 11 };

  class URL {
    #record;
    #parts;
    #query;

    constructor(url, base = undefined) {
      if (url === INTERNAL) {
        this.#record = base;
      } else {
        required(arguments.length, 1, "URL constructor");
        url = usv(url);
        if (base !== undefined) base = usv(base);
        const record = parse(url, base);
        if (record === null) throw invalidUrl(url, base);
        this.#record = record;
      }
      this.#parts = get(this.#record);
      this.#query = paramsForUrl(this, this.#parts[P.query]);
    }

    static #check(self, what) {
      if (!isObject(self) || !(#record in self)) {
        throw new TypeErrorCtor(`URL.prototype.${what} called on an incompatible receiver`);
      }
    }

    static #setter(self, args, attribute) {
      URL.#check(self, attribute);
      required(args.length, 1, `URL.prototype.${attribute} setter`);
      const value = usv(args[0]);
      set(self.#record, attribute, value);
      self.#parts = get(self.#record);
      return value;
    }

    static {
      urlUpdateQuery = (url, serialized) => {
        setQuery(url.#record, serialized);
        url.#parts = get(url.#record);
      };
    }

    static canParse(url, base = undefined) {
      required(arguments.length, 1, "URL.canParse");
      url = usv(url);
      if (base !== undefined) base = usv(base);
      return parse(url, base) !== null;
    }

    static parse(url, base = undefined) {
      required(arguments.length, 1, "URL.parse");
      url = usv(url);
      if (base !== undefined) base = usv(base);
      const record = parse(url, base);
      return record === null ? null : new URL(INTERNAL, record);
    }

    toString() {
      URL.#check(this, "toString");
      return this.#parts[P.href];
    }

    get href() {
      URL.#check(this, "href");
      return this.#parts[P.href];
    }

    set href(value) {
      URL.#check(this, "href");
      required(arguments.length, 1, "URL.prototype.href setter");
      value = usv(value);
      if (!set(this.#record, "href", value)) throw invalidUrl(value);
      this.#parts = get(this.#record);
      const query = this.#parts[P.query];
      paramsSetList(this.#query, query === null ? [] : pairsOf(formParse(query)));
    }

    get origin() {
      URL.#check(this, "origin");
      return this.#parts[P.origin];
    }

    get protocol() {
      URL.#check(this, "protocol");
      return this.#parts[P.protocol];
    }

    set protocol(value) {
      URL.#setter(this, arguments, "protocol");
    }

    get username() {
      URL.#check(this, "username");
      return this.#parts[P.username];
    }

    set username(value) {
      URL.#setter(this, arguments, "username");
    }

    get password() {
      URL.#check(this, "password");
      return this.#parts[P.password];
    }

    set password(value) {
      URL.#setter(this, arguments, "password");
    }

    get host() {
      URL.#check(this, "host");
      return this.#parts[P.host];
    }

    set host(value) {
      URL.#setter(this, arguments, "host");
    }

    get hostname() {
      URL.#check(this, "hostname");
      return this.#parts[P.hostname];
    }

    set hostname(value) {
      URL.#setter(this, arguments, "hostname");
    }

    get port() {
      URL.#check(this, "port");
      return this.#parts[P.port];
    }

    set port(value) {
      URL.#setter(this, arguments, "port");
    }

    get pathname() {
      URL.#check(this, "pathname");
      return this.#parts[P.pathname];
    }

    set pathname(value) {
      URL.#setter(this, arguments, "pathname");
    }

    get search() {
      URL.#check(this, "search");
      return this.#parts[P.search];
    }

    set search(value) {
      value = URL.#setter(this, arguments, "search");
      // The query object's list is parsed from the input itself.
      const input = value[0] === "?" ? apply(stringSlice, value, [1]) : value;
      paramsSetList(this.#query, pairsOf(formParse(input)));
    }

    get searchParams() {
      URL.#check(this, "searchParams");
      return this.#query;
    }

    get hash() {
      URL.#check(this, "hash");
      return this.#parts[P.hash];
    }

    set hash(value) {
      URL.#setter(this, arguments, "hash");
    }

    toJSON() {
      URL.#check(this, "toJSON");
      return this.#parts[P.href];
    }
  }

  // WebIDL sequence conversion of an iterable: its values, in order.
  const collect = (iterable, method, what) => {
    if (typeof method !== "function") throw new TypeErrorCtor(`${what} is not iterable`);
    const iterator = apply(method, iterable, []);
    if (!isObject(iterator)) throw new TypeErrorCtor("the iterator is not an object");
    const next = iterator.next;
    const values = [];
    for (;;) {
      const result = apply(next, iterator, []);
      if (!isObject(result)) throw new TypeErrorCtor("the iterator result is not an object");
      if (result.done) return values;
      values[values.length] = result.value;
    }
  };

  // Iterator kinds.
  const KEY = 0;
  const VALUE = 1;
  const KEY_VALUE = 2;

  class URLSearchParams {
    #list = [];
    #url = null;

    constructor(init = "") {
      if (init === INTERNAL) return;
      if (isObject(init)) {
        const method = init[SymbolIterator];
        if (method !== undefined && method !== null) {
          // sequence<sequence<USVString>>
          const list = [];
          const pairs = collect(init, method, "init");
          for (let i = 0; i < pairs.length; i++) {
            const pair = pairs[i];
            if (!isObject(pair)) {
              throw new TypeErrorCtor("Each query pair must be an iterable [name, value] tuple");
            }
            const items = collect(pair, pair[SymbolIterator], "a query pair");
            if (items.length !== 2) {
              throw new TypeErrorCtor("Each query pair must be an iterable [name, value] tuple");
            }
            list[list.length] = [usv(items[0]), usv(items[1])];
          }
          this.#list = list;
        } else {
          // record<USVString, USVString>: own enumerable keys, in order.
          const list = [];
          const keys = ownKeys(init);
          for (let k = 0; k < keys.length; k++) {
            const key = keys[k];
            const desc = getOwnPropertyDescriptor(init, key);
            if (desc === undefined || !desc.enumerable) continue;
            const name = usv(key);
            const value = usv(init[key]);
            let found = false;
            for (let i = 0; i < list.length; i++) {
              if (list[i][0] === name) {
                list[i][1] = value;
                found = true;
                break;
              }
            }
            if (!found) list[list.length] = [name, value];
          }
          this.#list = list;
        }
      } else {
        let query = usv(init);
        if (query[0] === "?") query = apply(stringSlice, query, [1]);
        this.#list = pairsOf(formParse(query));
      }
    }

    static #check(self, what) {
      if (!isObject(self) || !(#list in self)) {
        throw new TypeErrorCtor(
          `URLSearchParams.prototype.${what} called on an incompatible receiver`,
        );
      }
    }

    // The URL Standard's "update" steps.
    #update() {
      if (this.#url === null) return;
      const flat = [];
      const list = this.#list;
      for (let i = 0; i < list.length; i++) {
        flat[flat.length] = list[i][0];
        flat[flat.length] = list[i][1];
      }
      urlUpdateQuery(this.#url, formSerialize(flat));
    }

    static {
      paramsForUrl = (url, query) => {
        const params = new URLSearchParams(INTERNAL);
        params.#url = url;
        if (query !== null) params.#list = pairsOf(formParse(query));
        return params;
      };
      paramsSetList = (params, list) => {
        params.#list = list;
      };
    }

    get size() {
      URLSearchParams.#check(this, "size");
      return this.#list.length;
    }

    append(name, value) {
      URLSearchParams.#check(this, "append");
      required(arguments.length, 2, "URLSearchParams.prototype.append");
      const list = this.#list;
      list[list.length] = [usv(name), usv(value)];
      this.#update();
    }

    delete(name, value = undefined) {
      URLSearchParams.#check(this, "delete");
      required(arguments.length, 1, "URLSearchParams.prototype.delete");
      name = usv(name);
      if (value !== undefined) value = usv(value);
      const kept = [];
      const list = this.#list;
      for (let i = 0; i < list.length; i++) {
        const pair = list[i];
        if (pair[0] === name && (value === undefined || pair[1] === value)) continue;
        kept[kept.length] = pair;
      }
      this.#list = kept;
      this.#update();
    }

    get(name) {
      URLSearchParams.#check(this, "get");
      required(arguments.length, 1, "URLSearchParams.prototype.get");
      name = usv(name);
      const list = this.#list;
      for (let i = 0; i < list.length; i++) {
        const pair = list[i];
        if (pair[0] === name) return pair[1];
      }
      return null;
    }

    getAll(name) {
      URLSearchParams.#check(this, "getAll");
      required(arguments.length, 1, "URLSearchParams.prototype.getAll");
      name = usv(name);
      const values = [];
      const list = this.#list;
      for (let i = 0; i < list.length; i++) {
        const pair = list[i];
        if (pair[0] === name) values[values.length] = pair[1];
      }
      return values;
    }

    has(name, value = undefined) {
      URLSearchParams.#check(this, "has");
      required(arguments.length, 1, "URLSearchParams.prototype.has");
      name = usv(name);
      if (value !== undefined) value = usv(value);
      const list = this.#list;
      for (let i = 0; i < list.length; i++) {
        const pair = list[i];
        if (pair[0] === name && (value === undefined || pair[1] === value)) return true;
      }
      return false;
    }

    set(name, value) {
      URLSearchParams.#check(this, "set");
      required(arguments.length, 2, "URLSearchParams.prototype.set");
      name = usv(name);
      value = usv(value);
      const kept = [];
      let found = false;
      const list = this.#list;
      for (let i = 0; i < list.length; i++) {
        const pair = list[i];
        if (pair[0] !== name) {
          kept[kept.length] = pair;
        } else if (!found) {
          found = true;
          kept[kept.length] = [name, value];
        }
      }
      if (!found) kept[kept.length] = [name, value];
      this.#list = kept;
      this.#update();
    }

    sort() {
      URLSearchParams.#check(this, "sort");
      // Stable (Array.prototype.sort is), by code units (`<` on strings).
      apply(arraySort, this.#list, [(a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)]);
      this.#update();
    }

    entries() {
      URLSearchParams.#check(this, "entries");
      return newIterator(this, KEY_VALUE);
    }

    forEach(callback, thisArg = undefined) {
      URLSearchParams.#check(this, "forEach");
      required(arguments.length, 1, "URLSearchParams.prototype.forEach");
      if (typeof callback !== "function") {
        throw new TypeErrorCtor("URLSearchParams.prototype.forEach: the callback is not a function");
      }
      // WebIDL: the list is re-read at every step.
      for (let i = 0; i < this.#list.length; i++) {
        const pair = this.#list[i];
        apply(callback, thisArg, [pair[1], pair[0], this]);
      }
    }

    keys() {
      URLSearchParams.#check(this, "keys");
      return newIterator(this, KEY);
    }

    values() {
      URLSearchParams.#check(this, "values");
      return newIterator(this, VALUE);
    }

    toString() {
      URLSearchParams.#check(this, "toString");
      const flat = [];
      const list = this.#list;
      for (let i = 0; i < list.length; i++) {
        flat[flat.length] = list[i][0];
        flat[flat.length] = list[i][1];
      }
      return formSerialize(flat);
    }

    static {
      // The WebIDL default iterator objects: they hold the target and an
      // index, and read the live list at each step.
      class Iterator {
        #target;
        #kind;
        #index = 0;

        constructor(token, target, kind) {
          if (token !== INTERNAL) throw new TypeErrorCtor("Illegal constructor");
          this.#target = target;
          this.#kind = kind;
        }

        next() {
          if (!isObject(this) || !(#target in this)) {
            throw new TypeErrorCtor(
              "URLSearchParams Iterator.prototype.next called on an incompatible receiver",
            );
          }
          const list = this.#target.#list;
          const index = this.#index;
          if (index >= list.length) return { value: undefined, done: true };
          this.#index = index + 1;
          const name = list[index][0];
          const value = list[index][1];
          if (this.#kind === KEY) return { value: name, done: false };
          if (this.#kind === VALUE) return { value, done: false };
          return { value: [name, value], done: false };
        }
      }
      const proto = Iterator.prototype;
      delete proto.constructor;
      setPrototypeOf(proto, IteratorPrototype);
      defineProperty(proto, "next", { enumerable: true });
      defineProperty(proto, SymbolToStringTag, {
        value: "URLSearchParams Iterator", writable: false, enumerable: false, configurable: true,
      });
      newIterator = (target, kind) => new Iterator(INTERNAL, target, kind);
    }
  }

  // WebIDL: operations and attributes are enumerable; @@iterator is entries.
  for (const [ctor, tag] of [[URL, "URL"], [URLSearchParams, "URLSearchParams"]]) {
    const proto = ctor.prototype;
    for (const key of ownKeys(proto)) {
      if (key !== "constructor") defineProperty(proto, key, { enumerable: true });
    }
    defineProperty(proto, SymbolToStringTag, {
      value: tag, writable: false, enumerable: false, configurable: true,
    });
  }
  for (const key of ["canParse", "parse"]) defineProperty(URL, key, { enumerable: true });
  defineProperty(URLSearchParams.prototype, SymbolIterator, {
    value: URLSearchParams.prototype.entries, writable: true, enumerable: false, configurable: true,
  });

  return { URL, URLSearchParams };
})
