//! Node's deep equality (`assert.deepStrictEqual`, `assert.deepEqual`,
//! `util.isDeepStrictEqual`; <https://nodejs.org/api/assert.html#comparison-details>).
//!
//! Strict: primitives by SameValue (`Object.is`), the same `[[Prototype]]`
//! and `Object.prototype.toString` tag, own enumerable string and symbol
//! keys with deep-equal values. Loose: primitives by `==` (NaN equal to
//! NaN), prototypes ignored. Both: arrays by length and items, Dates by
//! time, RegExps by source, flags and lastIndex, boxed primitives by
//! value, errors also by `name` and `message`, ArrayBuffers and views by
//! bytes, Maps and Sets by entries in any order; a cycle compares equal
//! where it closes.

use boa_engine::builtins::object::OrdinaryObject;
use boa_engine::object::builtins::{JsDate, JsMap, JsRegExp, JsSet};
use boa_engine::property::PropertyKey;
use boa_engine::{Context, JsObject, JsResult, JsValue, js_string};

/// Whether `a` and `b` are deep-equal (`strict` as deepStrictEqual).
pub(crate) fn deep_equal(
    a: &JsValue,
    b: &JsValue,
    strict: bool,
    cx: &mut Context,
) -> JsResult<bool> {
    Comparer {
        strict,
        pairs: Vec::new(),
    }
    .equal(a, b, cx)
}

struct Comparer {
    strict: bool,
    /// The object pairs being compared now, for cycles.
    pairs: Vec<(JsObject, JsObject)>,
}

fn is_object(value: &JsValue) -> bool {
    value.as_object().is_some_and(|o| !o.is_callable())
}

fn tag(object: &JsObject, cx: &mut Context) -> JsResult<JsValue> {
    let to_string = cx
        .intrinsics()
        .constructors()
        .object()
        .prototype()
        .get(js_string!("toString"), cx)?;
    match to_string.as_callable() {
        Some(f) => f.call(&object.clone().into(), &[], cx),
        None => Ok(JsValue::undefined()),
    }
}

impl Comparer {
    fn equal(&mut self, a: &JsValue, b: &JsValue, cx: &mut Context) -> JsResult<bool> {
        if !is_object(a) || !is_object(b) {
            if is_object(a) || is_object(b) {
                return Ok(false);
            }
            if self.strict {
                return Ok(JsValue::same_value(a, b));
            }
            let both_nan =
                a.as_number().is_some_and(f64::is_nan) && b.as_number().is_some_and(f64::is_nan);
            return Ok(both_nan || a.equals(b, cx)?);
        }
        let (Some(x), Some(y)) = (a.as_object(), b.as_object()) else {
            return Ok(false);
        };
        if JsObject::equals(&x, &y) {
            return Ok(true);
        }
        if self
            .pairs
            .iter()
            .any(|(p, q)| JsObject::equals(p, &x) && JsObject::equals(q, &y))
        {
            return Ok(true);
        }
        if self.strict {
            let same_prototype = match (x.prototype(), y.prototype()) {
                (Some(p), Some(q)) => JsObject::equals(&p, &q),
                (None, None) => true,
                _ => false,
            };
            if !same_prototype {
                return Ok(false);
            }
        }
        if tag(&x, cx)? != tag(&y, cx)? {
            return Ok(false);
        }
        self.pairs.push((x.clone(), y.clone()));
        let result = self.objects(&x, &y, cx);
        self.pairs.pop();
        result
    }

    fn objects(&mut self, x: &JsObject, y: &JsObject, cx: &mut Context) -> JsResult<bool> {
        if x.is_array() != y.is_array() {
            return Ok(false);
        }
        if x.is_array() {
            let (lx, ly) = (
                x.get(js_string!("length"), cx)?,
                y.get(js_string!("length"), cx)?,
            );
            if lx != ly {
                return Ok(false);
            }
        }
        if let (Ok(dx), Ok(dy)) = (
            JsDate::from_object(x.clone()),
            JsDate::from_object(y.clone()),
        ) {
            let (tx, ty) = (dx.get_time(cx)?, dy.get_time(cx)?);
            if !JsValue::same_value(&tx, &ty) {
                return Ok(false);
            }
        } else if JsDate::from_object(x.clone()).is_ok() || JsDate::from_object(y.clone()).is_ok() {
            return Ok(false);
        }
        if let (Ok(rx), Ok(ry)) = (
            JsRegExp::from_object(x.clone()),
            JsRegExp::from_object(y.clone()),
        ) {
            if rx.source(cx)? != ry.source(cx)? || rx.flags(cx)? != ry.flags(cx)? {
                return Ok(false);
            }
            let (ix, iy) = (
                x.get(js_string!("lastIndex"), cx)?,
                y.get(js_string!("lastIndex"), cx)?,
            );
            if !JsValue::same_value(&ix, &iy) {
                return Ok(false);
            }
        }
        if x.is::<boa_engine::builtins::error::Error>() {
            for key in [js_string!("message"), js_string!("name")] {
                let (vx, vy) = (x.get(key.clone(), cx)?, y.get(key, cx)?);
                if !self.equal(&vx, &vy, cx)? {
                    return Ok(false);
                }
            }
        }
        if self.boxed(x, y, cx)? == Some(false) {
            return Ok(false);
        }
        let (vx, vy) = (JsValue::from(x.clone()), JsValue::from(y.clone()));
        let byte_like = |v: &JsValue| {
            crate::web::streams::buffers::is_view(v)
                || crate::web::streams::buffers::array_buffer(v).is_some()
        };
        if byte_like(&vx) && byte_like(&vy) {
            let bx = crate::web::encoding::buffer_source_bytes(&vx, cx)?;
            let by = crate::web::encoding::buffer_source_bytes(&vy, cx)?;
            if bx != by {
                return Ok(false);
            }
            // Only the non-index keys are left to compare.
            return self.keys(x, y, true, cx);
        }
        if let (Ok(sx), Ok(sy)) = (JsSet::from_object(x.clone()), JsSet::from_object(y.clone())) {
            if !self.sets(&sx, &sy, cx)? {
                return Ok(false);
            }
        } else if let (Ok(mx), Ok(my)) =
            (JsMap::from_object(x.clone()), JsMap::from_object(y.clone()))
            && !self.maps(&mx, &my, cx)?
        {
            return Ok(false);
        }
        self.keys(x, y, false, cx)
    }

    /// Boxed primitives (`new Number(1)`): `Some(equal)` when either is
    /// one, told by the intrinsic `valueOf` of each wrapper (thisNumberValue
    /// and its siblings throw for anything else).
    fn boxed(&mut self, x: &JsObject, y: &JsObject, cx: &mut Context) -> JsResult<Option<bool>> {
        let constructors = cx.intrinsics().constructors();
        let prototypes = [
            constructors.number().prototype(),
            constructors.string().prototype(),
            constructors.boolean().prototype(),
            constructors.symbol().prototype(),
            constructors.bigint().prototype(),
        ];
        for prototype in prototypes {
            let value_of = prototype.get(js_string!("valueOf"), cx)?;
            let Some(value_of) = value_of.as_callable() else {
                continue;
            };
            let px = value_of.call(&x.clone().into(), &[], cx).ok();
            let py = value_of.call(&y.clone().into(), &[], cx).ok();
            match (px, py) {
                (Some(px), Some(py)) => return Ok(Some(JsValue::same_value(&px, &py))),
                (None, None) => {}
                _ => return Ok(Some(false)),
            }
        }
        Ok(None)
    }

    /// Own enumerable keys (strings, and symbols when strict): the same
    /// set, with deep-equal values.
    fn keys(
        &mut self,
        x: &JsObject,
        y: &JsObject,
        skip_indices: bool,
        cx: &mut Context,
    ) -> JsResult<bool> {
        let kx = self.enumerable_keys(x, skip_indices, cx)?;
        let ky = self.enumerable_keys(y, skip_indices, cx)?;
        if kx.len() != ky.len() {
            return Ok(false);
        }
        for key in &kx {
            if !ky.contains(key) {
                return Ok(false);
            }
        }
        for key in kx {
            let (vx, vy) = (x.get(key.clone(), cx)?, y.get(key, cx)?);
            if !self.equal(&vx, &vy, cx)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn enumerable_keys(
        &mut self,
        object: &JsObject,
        skip_indices: bool,
        cx: &mut Context,
    ) -> JsResult<Vec<PropertyKey>> {
        let mut keys = Vec::new();
        for key in object.own_property_keys(cx)? {
            if skip_indices && matches!(key, PropertyKey::Index(_)) {
                continue;
            }
            if !self.strict && matches!(key, PropertyKey::Symbol(_)) {
                continue;
            }
            let args = [JsValue::from(object.clone()), JsValue::from(key.clone())];
            let descriptor =
                OrdinaryObject::get_own_property_descriptor(&JsValue::undefined(), &args, cx)?;
            let enumerable = match descriptor.as_object() {
                Some(d) => d.get(js_string!("enumerable"), cx)?.to_boolean(),
                None => false,
            };
            if enumerable {
                keys.push(key);
            }
        }
        Ok(keys)
    }

    /// Items in any order: each of `x` matched to a distinct deep-equal one of `y`.
    fn sets(&mut self, x: &JsSet, y: &JsSet, cx: &mut Context) -> JsResult<bool> {
        let mut vx = Vec::new();
        x.for_each_native(|v| {
            vx.push(v);
            Ok(())
        })?;
        let mut vy = Vec::new();
        y.for_each_native(|v| {
            vy.push(v);
            Ok(())
        })?;
        if vx.len() != vy.len() {
            return Ok(false);
        }
        let pairs: Vec<(JsValue, JsValue)> =
            vx.into_iter().map(|v| (v, JsValue::undefined())).collect();
        let others: Vec<(JsValue, JsValue)> =
            vy.into_iter().map(|v| (v, JsValue::undefined())).collect();
        self.match_entries(pairs, others, cx)
    }

    fn maps(&mut self, x: &JsMap, y: &JsMap, cx: &mut Context) -> JsResult<bool> {
        let mut ex = Vec::new();
        x.for_each_native(|k, v| {
            ex.push((k, v));
            Ok(())
        })?;
        let mut ey = Vec::new();
        y.for_each_native(|k, v| {
            ey.push((k, v));
            Ok(())
        })?;
        if ex.len() != ey.len() {
            return Ok(false);
        }
        self.match_entries(ex, ey, cx)
    }

    fn match_entries(
        &mut self,
        x: Vec<(JsValue, JsValue)>,
        y: Vec<(JsValue, JsValue)>,
        cx: &mut Context,
    ) -> JsResult<bool> {
        let mut used = vec![false; y.len()];
        'next: for (kx, vx) in &x {
            for (i, (ky, vy)) in y.iter().enumerate() {
                if used[i] {
                    continue;
                }
                if self.equal(kx, ky, cx)? && self.equal(vx, vy, cx)? {
                    used[i] = true;
                    continue 'next;
                }
            }
            return Ok(false);
        }
        Ok(true)
    }
}
