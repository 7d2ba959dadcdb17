//! `DOMException` (WebIDL §3.14.1,
//! <https://webidl.spec.whatwg.org/#idl-DOMException>), a native class, and
//! a constructor for Rust code that must throw one (`InvalidCharacterError`
//! from `atob`, `AbortError`, ...).
//!
//! An instance is made by `%Error%` with the instance's prototype, so it
//! is a real Error object: `instanceof Error`, a `stack`, and inspected as
//! an error, as in node and deno. Boa's objects cannot gain native data
//! after they are made, so a DOMException's name and message live in a
//! realm-wide WeakMap from the instance to its state: the brand check is
//! a lookup there.
//!
//! Built on first use (see `lazy.rs`): most programs never construct one.

use boa_engine::context::intrinsics::StandardConstructor;
use boa_engine::object::builtins::JsWeakMap;
use boa_engine::{
    Context, Finalize, JsArgs, JsData, JsError, JsObject, JsResult, JsString, JsValue, Trace,
    js_string,
};

use super::webidl::{Interface, builtin_property, illegal_invocation, instance_prototype};

/// The error names with a legacy code, WebIDL §3.14.1 "DOMException
/// names" table (<https://webidl.spec.whatwg.org/#dfn-error-names-table>).
const LEGACY_CODES: [(&str, u16); 22] = [
    ("IndexSizeError", 1),
    ("HierarchyRequestError", 3),
    ("WrongDocumentError", 4),
    ("InvalidCharacterError", 5),
    ("NoModificationAllowedError", 7),
    ("NotFoundError", 8),
    ("NotSupportedError", 9),
    ("InUseAttributeError", 10),
    ("InvalidStateError", 11),
    ("SyntaxError", 12),
    ("InvalidModificationError", 13),
    ("NamespaceError", 14),
    ("InvalidAccessError", 15),
    ("TypeMismatchError", 17),
    ("SecurityError", 18),
    ("NetworkError", 19),
    ("AbortError", 20),
    ("URLMismatchError", 21),
    ("QuotaExceededError", 22),
    ("TimeoutError", 23),
    ("InvalidNodeTypeError", 24),
    ("DataCloneError", 25),
];

/// The interface's constants (WebIDL §3.14.1 IDL): every code 1-25,
/// including the three whose names are no longer used (2, 6, 16).
const CONSTANTS: [(&str, u16); 25] = [
    ("INDEX_SIZE_ERR", 1),
    ("DOMSTRING_SIZE_ERR", 2),
    ("HIERARCHY_REQUEST_ERR", 3),
    ("WRONG_DOCUMENT_ERR", 4),
    ("INVALID_CHARACTER_ERR", 5),
    ("NO_DATA_ALLOWED_ERR", 6),
    ("NO_MODIFICATION_ALLOWED_ERR", 7),
    ("NOT_FOUND_ERR", 8),
    ("NOT_SUPPORTED_ERR", 9),
    ("INUSE_ATTRIBUTE_ERR", 10),
    ("INVALID_STATE_ERR", 11),
    ("SYNTAX_ERR", 12),
    ("INVALID_MODIFICATION_ERR", 13),
    ("NAMESPACE_ERR", 14),
    ("INVALID_ACCESS_ERR", 15),
    ("VALIDATION_ERR", 16),
    ("TYPE_MISMATCH_ERR", 17),
    ("SECURITY_ERR", 18),
    ("NETWORK_ERR", 19),
    ("ABORT_ERR", 20),
    ("URL_MISMATCH_ERR", 21),
    ("QUOTA_EXCEEDED_ERR", 22),
    ("TIMEOUT_ERR", 23),
    ("INVALID_NODE_TYPE_ERR", 24),
    ("DATA_CLONE_ERR", 25),
];

/// The realm's class and the instances' state, kept so that natives still
/// find them after a script overwrites the global.
#[derive(Clone)]
struct DomException {
    class: StandardConstructor,
    /// Instance → an object whose data is [`State`].
    states: JsWeakMap,
}

/// A DOMException's name and message.
#[derive(Trace, Finalize, JsData)]
struct State {
    name: JsString,
    message: JsString,
}

pub fn register(context: &mut Context) -> JsResult<()> {
    super::lazy::define(context, js_string!("DOMException"), |cx| {
        Ok(built(cx).class.constructor().into())
    })
}

/// The class, built on first use.
fn built(cx: &mut Context) -> DomException {
    if let Some(existing) = cx.get_data::<DomException>() {
        return existing.clone();
    }
    let mut interface = Interface::new(cx, "DOMException", 0, construct, None);
    interface
        .attribute(
            "name",
            |this, _, cx| Ok(with_state(this, "name", cx, |s| s.name.clone())?.into()),
            None,
        )
        .attribute(
            "message",
            |this, _, cx| Ok(with_state(this, "message", cx, |s| s.message.clone())?.into()),
            None,
        )
        .attribute(
            "code",
            |this, _, cx| Ok(with_state(this, "code", cx, |s| legacy_code(&s.name))?.into()),
            None,
        );
    for (constant, code) in CONSTANTS {
        interface.constant(constant, code);
    }
    let class = interface.build();
    // WebIDL §3.14.1: the prototype's [[Prototype]] is %Error.prototype%.
    let error_prototype = cx.intrinsics().constructors().error().prototype();
    class.prototype().set_prototype(Some(error_prototype));
    let states = JsWeakMap::new(cx);
    let built = DomException { class, states };
    cx.insert_data(built.clone());
    built
}

fn legacy_code(name: &JsString) -> u16 {
    LEGACY_CODES
        .iter()
        .find(|(legacy, _)| name == &JsString::from(*legacy))
        .map_or(0, |(_, code)| *code)
}

/// The state of the DOMException `this` (the brand check).
fn with_state<R>(
    this: &JsValue,
    member: &str,
    cx: &mut Context,
    read: impl FnOnce(&State) -> R,
) -> JsResult<R> {
    let state = this
        .as_object()
        .map(|object| state_of(&object, cx))
        .transpose()?
        .flatten()
        .ok_or_else(|| illegal_invocation("DOMException", member))?;
    let data = state
        .downcast_ref::<State>()
        .ok_or_else(|| illegal_invocation("DOMException", member))?;
    Ok(read(&data))
}

fn state_of(object: &JsObject, cx: &mut Context) -> JsResult<Option<JsObject>> {
    let Some(states) = cx.get_data::<DomException>().map(|d| d.states.clone()) else {
        return Ok(None);
    };
    Ok(states
        .get(object, cx)?
        .as_object()
        .filter(|o| o.is::<State>()))
}

/// `new DOMException(message = "", name = "Error")`, and the newer form
/// `new DOMException(message, { name, cause })` that node and deno accept.
fn construct(new_target: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let class = built(cx);
    let prototype = instance_prototype(new_target, "DOMException", &class.class.prototype(), cx)?;
    let message = match args.get_or_undefined(0) {
        message if message.is_undefined() => js_string!(),
        message => message.to_string(cx)?,
    };
    let options = args.get_or_undefined(1).clone();
    let mut name = js_string!("Error");
    let mut cause = None;
    match options.as_object() {
        Some(dict) if !dict.is_callable() => {
            let given = dict.get(js_string!("name"), cx)?;
            if !given.is_undefined() {
                name = given.to_string(cx)?;
            }
            if dict.has_property(js_string!("cause"), cx)? {
                cause = Some(dict.get(js_string!("cause"), cx)?);
            }
        }
        _ if options.is_undefined() => {}
        _ => name = options.to_string(cx)?,
    }
    let object = new_instance(cx, &class, prototype, name, message)?;
    if let Some(cause) = cause {
        object.insert_property(js_string!("cause"), builtin_property(cause));
    }
    Ok(object.into())
}

/// An Error object of `prototype` with a DOMException's state.
fn new_instance(
    cx: &mut Context,
    class: &DomException,
    prototype: JsObject,
    name: JsString,
    message: JsString,
) -> JsResult<JsObject> {
    // No arguments: the Error constructor adds no own `message`; the
    // WebIDL attributes are accessors on the prototype.
    let error_class = cx.intrinsics().constructors().error().constructor();
    let object = error_class.construct(&[], None, cx)?;
    object.set_prototype(Some(prototype));
    let state = JsObject::from_proto_and_data(None, State { name, message });
    class.states.set(&object, state.into(), cx)?;
    Ok(object)
}

/// A `DOMException` with `message` and `name`, as an error to throw.
pub fn error(cx: &mut Context, message: &str, name: &str) -> JsError {
    let class = built(cx);
    let prototype = class.class.prototype();
    match new_instance(
        cx,
        &class,
        prototype,
        JsString::from(name),
        JsString::from(message),
    ) {
        Ok(object) => JsError::from_opaque(object.into()),
        Err(err) => err,
    }
}

/// The `name` and `message` of a DOMException of this realm, `None` for any
/// other value. Used by `structuredClone`, DOMException being serializable.
pub fn fields(cx: &mut Context, value: &JsValue) -> JsResult<Option<(JsValue, JsValue)>> {
    let Some(object) = value.as_object() else {
        return Ok(None);
    };
    let Some(state) = state_of(&object, cx)? else {
        return Ok(None);
    };
    let data = state.downcast_ref::<State>();
    Ok(data.map(|s| (s.name.clone().into(), s.message.clone().into())))
}
