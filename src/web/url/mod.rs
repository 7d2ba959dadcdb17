//! `URL` and `URLSearchParams` (WHATWG URL Standard §6 "API"), and
//! `URLPattern` (URL Pattern Standard): native classes, the first two on
//! the `url` crate ([`url_class`], [`search_params`]), the last on the
//! `urlpattern` crate ([`url_pattern`]).
//!
//! They replace boa_runtime's `URL`, which has no `searchParams` and comes
//! without `URLSearchParams`. Strings cross into Rust with WebIDL's
//! USVString conversion (`JsString::to_std_string_lossy`: a lone surrogate
//! becomes U+FFFD).

use boa_engine::{Context, JsResult, js_string};

use crate::web::webidl::{register_class, type_error};

mod search_params;
mod url_class;
mod url_pattern;

pub(crate) use search_params::body_text as search_params_body;

use search_params::ParamsData;
use url_class::UrlData;

/// Registers `URL`, `URLSearchParams` and `URLPattern` as globals built on
/// first use (each class is a few dozen functions; most scripts touch none
/// of them).
pub fn register(context: &mut Context) -> JsResult<()> {
    crate::web::lazy::define(context, js_string!("URL"), |cx| {
        classes(cx)?;
        constructor::<UrlData>(cx)
    })?;
    crate::web::lazy::define(context, js_string!("URLSearchParams"), |cx| {
        classes(cx)?;
        constructor::<ParamsData>(cx)
    })?;
    url_pattern::register(context)
}

/// Both classes, registered together: a URL makes URLSearchParams objects.
fn classes(cx: &mut Context) -> JsResult<()> {
    if cx.get_global_class::<UrlData>().is_none() {
        register_class::<UrlData>(cx)?;
        register_class::<ParamsData>(cx)?;
    }
    Ok(())
}

fn constructor<C: boa_engine::class::Class>(cx: &mut Context) -> JsResult<boa_engine::JsValue> {
    cx.get_global_class::<C>()
        .map(|class| class.constructor().into())
        .ok_or_else(|| type_error(format!("internal: {} is not registered", C::NAME)))
}
