//! `process`: the part of node's process object that scripts written for
//! node, deno and bun rely on to read arguments and environment and to exit.

use std::io::Write;

use boa_engine::object::ObjectInitializer;
use boa_engine::object::builtins::JsArray;
use boa_engine::property::Attribute;
use boa_engine::{
    Context, JsArgs, JsNativeError, JsObject, JsResult, JsValue, NativeFunction, js_string,
};

use crate::runtime::{ExitPolicy, RuntimeOptions};

pub fn register(context: &mut Context, options: &RuntimeOptions) -> JsResult<()> {
    let argv = JsArray::from_iter(
        options
            .argv
            .iter()
            .map(|a| JsValue::from(js_string!(a.as_str()))),
        context,
    );

    let env = JsObject::with_object_proto(context.intrinsics());
    match &options.env {
        Some(vars) => {
            for (key, value) in vars {
                env.set(
                    js_string!(key.as_str()),
                    js_string!(value.as_str()),
                    false,
                    context,
                )?;
            }
        }
        None => {
            for (key, value) in std::env::vars_os() {
                // Variables that are not valid Unicode are left out, as deno does.
                if let (Some(key), Some(value)) = (key.to_str(), value.to_str()) {
                    env.set(js_string!(key), js_string!(value), false, context)?;
                }
            }
        }
    }

    let versions = ObjectInitializer::new(context)
        .property(
            js_string!("nano_boa"),
            js_string!(env!("CARGO_PKG_VERSION")),
            Attribute::all(),
        )
        .build();

    let stdout = stream_object(context, write_stdout);
    let stderr = stream_object(context, write_stderr);

    let exit: fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue> = match options.exit {
        ExitPolicy::Process => exit_process,
        ExitPolicy::Disabled => exit_disabled,
    };

    let process = ObjectInitializer::new(context)
        .property(js_string!("argv"), argv, Attribute::all())
        .property(js_string!("env"), env, Attribute::all())
        .property(
            js_string!("platform"),
            js_string!(std::env::consts::OS),
            Attribute::all(),
        )
        .property(
            js_string!("arch"),
            js_string!(node_arch()),
            Attribute::all(),
        )
        .property(js_string!("pid"), std::process::id(), Attribute::all())
        .property(
            js_string!("version"),
            js_string!(concat!("v", env!("CARGO_PKG_VERSION"))),
            Attribute::all(),
        )
        .property(js_string!("versions"), versions, Attribute::all())
        .property(
            js_string!("exitCode"),
            JsValue::undefined(),
            Attribute::all(),
        )
        .property(js_string!("stdout"), stdout, Attribute::all())
        .property(js_string!("stderr"), stderr, Attribute::all())
        .function(NativeFunction::from_fn_ptr(exit), js_string!("exit"), 1)
        .function(NativeFunction::from_fn_ptr(cwd), js_string!("cwd"), 0)
        .function(
            NativeFunction::from_fn_ptr(next_tick),
            js_string!("nextTick"),
            1,
        )
        .build();
    context.register_global_property(js_string!("process"), process, Attribute::all())?;
    Ok(())
}

/// node's names for the CPU architecture.
fn node_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        "x86" => "ia32",
        other => other,
    }
}

fn stream_object(
    context: &mut Context,
    write: fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>,
) -> JsObject {
    ObjectInitializer::new(context)
        .function(NativeFunction::from_fn_ptr(write), js_string!("write"), 1)
        .build()
}

/// The bytes of a `write()` argument: a string as UTF-8, or the bytes of a
/// typed array.
fn chunk_bytes(value: &JsValue, cx: &mut Context) -> JsResult<Vec<u8>> {
    if let Some(object) = value.as_object()
        && let Ok(array) = boa_engine::object::builtins::JsUint8Array::from_object(object.clone())
    {
        let len = array.length(cx)?;
        let mut bytes = Vec::with_capacity(len);
        for i in 0..len {
            let byte = array.get(i, cx)?;
            bytes.push(byte.to_uint8(cx)?);
        }
        return Ok(bytes);
    }
    Ok(value.to_string(cx)?.to_std_string_escaped().into_bytes())
}

fn write_stdout(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let bytes = chunk_bytes(args.get_or_undefined(0), cx)?;
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not the script's error.
    let _ = out.write_all(&bytes).and_then(|()| out.flush());
    Ok(JsValue::from(true))
}

fn write_stderr(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let bytes = chunk_bytes(args.get_or_undefined(0), cx)?;
    let _ = std::io::stderr().write_all(&bytes);
    Ok(JsValue::from(true))
}

fn cwd(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    let dir = std::env::current_dir().map_err(|err| {
        JsNativeError::error().with_message(format!("cannot read the working directory: {err}"))
    })?;
    Ok(js_string!(dir.display().to_string().as_str()).into())
}

/// `process.nextTick(fn, ...args)`: runs `fn` as a microtask (node runs it
/// before promise jobs; a microtask keeps the relative order of ticks).
fn next_tick(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let callback = args
        .get_or_undefined(0)
        .as_callable()
        .ok_or_else(|| {
            JsNativeError::typ().with_message("process.nextTick: callback must be a function")
        })?
        .clone();
    let rest: Vec<JsValue> = args.iter().skip(1).cloned().collect();
    cx.enqueue_job(
        boa_engine::job::PromiseJob::new(move |cx| callback.call(&JsValue::undefined(), &rest, cx))
            .into(),
    );
    Ok(JsValue::undefined())
}

/// The code `process.exit()` or the end of the program uses: the argument,
/// else `process.exitCode`, else 0.
pub fn requested_exit_code(arg: Option<&JsValue>, cx: &mut Context) -> JsResult<i32> {
    let value = match arg {
        Some(v) if !v.is_undefined() => v.clone(),
        _ => {
            let process = cx.global_object().get(js_string!("process"), cx)?;
            match process.as_object() {
                Some(p) => p.get(js_string!("exitCode"), cx)?,
                None => JsValue::undefined(),
            }
        }
    };
    if value.is_undefined() || value.is_null() {
        return Ok(0);
    }
    value.to_i32(cx)
}

fn exit_process(_: &JsValue, args: &[JsValue], cx: &mut Context) -> JsResult<JsValue> {
    let code = requested_exit_code(args.first(), cx)?;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    std::process::exit(code);
}

fn exit_disabled(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Err(JsNativeError::typ()
        .with_message("process.exit() is not available in this runtime")
        .into())
}
