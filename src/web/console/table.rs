//! `console.table`: rows and columns drawn with box characters, as node's
//! `internal/cli_table` does (cells left-aligned, one space of padding).

use boa_engine::builtins::object::OrdinaryObject;
use boa_engine::object::builtins::{JsArray, JsMap, JsSet};
use boa_engine::{Context, JsObject, JsResult, JsValue};

use super::inspect::{InspectOptions, inspect_with};

/// A column of cells; `None` is a missing cell (printed empty).
type Column = Vec<Option<String>>;

/// The table for `console.table(data, properties)`, or `None` when `data`
/// is not an object (then node logs it like `console.log`).
pub fn render(data: &JsValue, properties: &JsValue, cx: &mut Context) -> JsResult<Option<String>> {
    let Some(object) = data.as_object() else {
        return Ok(None);
    };
    let properties = match properties.as_object() {
        Some(list) if list.is_array() => Some(string_list(&list, cx)?),
        _ => None,
    };

    if let Ok(map) = JsMap::from_object(object.clone()) {
        let mut entries = Vec::new();
        map.for_each_native(|k, v| {
            entries.push((k, v));
            Ok(())
        })?;
        let (mut keys, mut values) = (Vec::new(), Vec::new());
        for (k, v) in &entries {
            keys.push(Some(cell(k, cx)));
            values.push(Some(cell(v, cx)));
        }
        let index = index_column(entries.len(), cx);
        let head = ["(iteration index)", "Key", "Values"].map(str::to_owned);
        return Ok(Some(draw(&head, &[index, keys, values])));
    }
    if let Ok(set) = JsSet::from_object(object.clone()) {
        let mut items = Vec::new();
        set.for_each_native(|v| {
            items.push(v);
            Ok(())
        })?;
        let values: Column = items.iter().map(|v| Some(cell(v, cx))).collect();
        let index = index_column(items.len(), cx);
        let head = ["(iteration index)", "Values"].map(str::to_owned);
        return Ok(Some(draw(&head, &[index, values])));
    }

    // Column name -> cells, in order of first appearance.
    let mut columns: Vec<(String, Column)> = Vec::new();
    let mut primitive_values: Column = Vec::new();
    let mut has_primitives = false;
    let row_keys = keys_of(&object, cx)?;
    for (row, row_key) in row_keys.iter().enumerate() {
        let item = object.get(boa_engine::JsString::from(row_key.as_str()), cx)?;
        let item_object = item.as_object();
        let primitive = item_object.is_none();
        if properties.is_none() && primitive {
            has_primitives = true;
            set_cell(&mut primitive_values, row, cell(&item, cx));
            continue;
        }
        let keys = match (&properties, &item_object) {
            (Some(list), _) => list.clone(),
            (None, Some(o)) => keys_of(o, cx)?,
            (None, None) => Vec::new(),
        };
        for key in keys {
            let position = match columns.iter().position(|(name, _)| *name == key) {
                Some(p) => p,
                None => {
                    columns.push((key.clone(), Vec::new()));
                    columns.len() - 1
                }
            };
            let text = match &item_object {
                Some(o) if has_own(o, &key, cx) => {
                    let value = o.get(boa_engine::JsString::from(key.as_str()), cx)?;
                    cell(&value, cx)
                }
                _ => String::new(),
            };
            set_cell(&mut columns[position].1, row, text);
        }
    }
    let mut head = vec!["(index)".to_owned()];
    let mut body = vec![row_keys.iter().cloned().map(Some).collect::<Column>()];
    for (name, column) in columns {
        head.push(name);
        body.push(column);
    }
    if has_primitives {
        head.push("Values".to_owned());
        body.push(primitive_values);
    }
    Ok(Some(draw(&head, &body)))
}

fn set_cell(column: &mut Column, row: usize, text: String) {
    if column.len() <= row {
        column.resize(row + 1, None);
    }
    column[row] = Some(text);
}

/// A cell: the value inspected compactly (node: depth 0, or -1 for objects
/// with more than two keys; at most 3 array items; no line breaks).
fn cell(value: &JsValue, cx: &mut Context) -> String {
    let depth = match value.as_object() {
        Some(o) if !o.is_callable() && !o.is_array() && !is_typed_array(&o) => {
            let many = keys_of(&o, cx).map(|k| k.len() > 2).unwrap_or(false);
            if many { -1 } else { 0 }
        }
        _ => 0,
    };
    let options = InspectOptions {
        depth: Some(depth),
        max_array_length: 3,
        break_length: usize::MAX / 4,
        ..InspectOptions::default()
    };
    inspect_with(value, &options, cx)
}

fn is_typed_array(object: &JsObject) -> bool {
    boa_engine::object::builtins::JsTypedArray::from_object(object.clone()).is_ok()
}

fn index_column(length: usize, cx: &mut Context) -> Column {
    (0..length)
        .map(|i| Some(cell(&JsValue::from(i as f64), cx)))
        .collect()
}

/// `Object.keys(object)`.
fn keys_of(object: &JsObject, cx: &mut Context) -> JsResult<Vec<String>> {
    let keys = OrdinaryObject::keys(&JsValue::undefined(), &[object.clone().into()], cx)?;
    match keys.as_object() {
        Some(array) => string_list(&array, cx),
        None => Ok(Vec::new()),
    }
}

/// The items of a JS array, as strings.
fn string_list(array: &JsObject, cx: &mut Context) -> JsResult<Vec<String>> {
    let array = JsArray::from_object(array.clone())?;
    let length = array.length(cx)?;
    let mut out = Vec::with_capacity(length as usize);
    for i in 0..length {
        let item = array.get(i, cx)?;
        out.push(item.to_string(cx)?.to_std_string_lossy());
    }
    Ok(out)
}

fn has_own(object: &JsObject, key: &str, cx: &mut Context) -> bool {
    object
        .has_own_property(boa_engine::JsString::from(key), cx)
        .unwrap_or(false)
}

fn width(s: &str) -> usize {
    s.chars().count()
}

/// Draws the box: header row, divider, one line per row.
fn draw(head: &[String], columns: &[Column]) -> String {
    let rows = columns.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths: Vec<usize> = head.iter().map(|h| width(h)).collect();
    let grid: Vec<Vec<String>> = (0..rows)
        .map(|r| {
            columns
                .iter()
                .map(|c| c.get(r).cloned().flatten().unwrap_or_default())
                .collect()
        })
        .collect();
    for row in &grid {
        for (i, text) in row.iter().enumerate() {
            widths[i] = widths[i].max(width(text));
        }
    }
    let divider: Vec<String> = widths.iter().map(|w| "─".repeat(w + 2)).collect();
    let render_row = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(width(c)))))
            .collect();
        format!("│ {} │", padded.join(" │ "))
    };
    let mut out = format!("┌{}┐\n", divider.join("┬"));
    out.push_str(&render_row(head));
    out.push('\n');
    out.push_str(&format!("├{}┤\n", divider.join("┼")));
    for row in &grid {
        out.push_str(&render_row(row));
        out.push('\n');
    }
    out.push_str(&format!("└{}┘", divider.join("┴")));
    out
}
