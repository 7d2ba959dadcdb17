// DOMException (WebIDL §3.14.1), in JavaScript: it is a plain class whose
// state machine is trivial, and subclassing Error gives instances a `stack`
// as in other runtimes. Evaluated once per realm by dom_exception.rs; the
// completion value is [constructor, fieldsOf]: fieldsOf(value) is
// { name, message } for a DOMException, undefined for anything else (a
// brand check that does not throw, for structuredClone).
(() => {
  // Legacy codes, WebIDL "DOMException names" table.
  const LEGACY = [
    ["IndexSizeError", "INDEX_SIZE_ERR", 1],
    ["HierarchyRequestError", "HIERARCHY_REQUEST_ERR", 3],
    ["WrongDocumentError", "WRONG_DOCUMENT_ERR", 4],
    ["InvalidCharacterError", "INVALID_CHARACTER_ERR", 5],
    ["NoModificationAllowedError", "NO_MODIFICATION_ALLOWED_ERR", 7],
    ["NotFoundError", "NOT_FOUND_ERR", 8],
    ["NotSupportedError", "NOT_SUPPORTED_ERR", 9],
    ["InUseAttributeError", "INUSE_ATTRIBUTE_ERR", 10],
    ["InvalidStateError", "INVALID_STATE_ERR", 11],
    ["SyntaxError", "SYNTAX_ERR", 12],
    ["InvalidModificationError", "INVALID_MODIFICATION_ERR", 13],
    ["NamespaceError", "NAMESPACE_ERR", 14],
    ["InvalidAccessError", "INVALID_ACCESS_ERR", 15],
    ["TypeMismatchError", "TYPE_MISMATCH_ERR", 17],
    ["SecurityError", "SECURITY_ERR", 18],
    ["NetworkError", "NETWORK_ERR", 19],
    ["AbortError", "ABORT_ERR", 20],
    ["URLMismatchError", "URL_MISMATCH_ERR", 21],
    ["QuotaExceededError", "QUOTA_EXCEEDED_ERR", 22],
    ["TimeoutError", "TIMEOUT_ERR", 23],
    ["InvalidNodeTypeError", "INVALID_NODE_TYPE_ERR", 24],
    ["DataCloneError", "DATA_CLONE_ERR", 25],
  ];
  const codeOf = new Map(LEGACY.map(([name, , code]) => [name, code]));
  const state = new WeakMap();
  const internal = (self, what) => {
    const s = state.get(self);
    if (s === undefined) {
      throw new TypeError(`DOMException.prototype.${what} called on an incompatible receiver`);
    }
    return s;
  };

  class DOMException extends Error {
    constructor(message = undefined, options = undefined) {
      super();
      // The Error constructor added no own `message` (no argument); the
      // WebIDL attributes are accessors on the prototype.
      const msg = message === undefined ? "" : String(message);
      let name = "Error";
      if (options !== undefined && options !== null && typeof options === "object") {
        // The newer constructor form: new DOMException(message, { name, cause }).
        if (options.name !== undefined) name = String(options.name);
        if ("cause" in options) {
          Object.defineProperty(this, "cause", {
            value: options.cause, writable: true, enumerable: false, configurable: true,
          });
        }
      } else if (options !== undefined) {
        name = String(options);
      }
      state.set(this, { name, message: msg });
    }
    get name() { return internal(this, "name").name; }
    get message() { return internal(this, "message").message; }
    get code() { return codeOf.get(internal(this, "code").name) ?? 0; }
  }

  for (const key of ["name", "message", "code"]) {
    const desc = Object.getOwnPropertyDescriptor(DOMException.prototype, key);
    Object.defineProperty(DOMException.prototype, key, { ...desc, enumerable: true });
  }
  for (const [, constant, code] of LEGACY) {
    const desc = { value: code, writable: false, enumerable: true, configurable: false };
    Object.defineProperty(DOMException, constant, desc);
    Object.defineProperty(DOMException.prototype, constant, desc);
  }
  Object.defineProperty(DOMException.prototype, Symbol.toStringTag, {
    value: "DOMException", writable: false, enumerable: false, configurable: true,
  });
  const fieldsOf = (value) => {
    const s = state.get(value);
    return s === undefined ? undefined : { name: s.name, message: s.message };
  };
  return [DOMException, fieldsOf];
})()
