//! Line breaking: whether an object's entries fit on one line, and the
//! column grouping of long arrays. Follows node's `reduceToSingleString`,
//! `isBelowBreakLength` and `groupArrayElements` (compact mode 3).

use super::text::{js_len, width};

/// Node's default `compact`: the innermost 3 levels may be put on one line.
pub const COMPACT: usize = 3;

/// What a layout decision needs to know about the surrounding output.
pub struct Frame {
    pub indentation: usize,
    pub break_length: usize,
    /// Depth of the innermost object formatted so far (node's
    /// `ctx.currentDepth`).
    pub current_depth: usize,
    /// Depth of the object being laid out (node's `recurseTimes`, already
    /// incremented for it).
    pub depth: usize,
    /// node's `compact: false`: every entry on a line of its own.
    pub expanded: bool,
}

/// Whether `output` fits in `break_length` after `start` columns.
fn is_below_break_length(frame: &Frame, output: &[String], start: usize, base: &str) -> bool {
    let mut total = output.len() + start;
    if total + output.len() > frame.break_length {
        return false;
    }
    for entry in output {
        total += js_len(entry);
        if total > frame.break_length {
            return false;
        }
    }
    base.is_empty() || !base.contains('\n')
}

/// Joins formatted entries within `braces`, on one line when they fit and
/// the object is shallow enough, else one entry per line.
pub fn reduce_to_single_string(
    frame: &Frame,
    mut output: Vec<String>,
    base: &str,
    braces: (&str, &str),
    is_array_like: bool,
    numeric: bool,
) -> String {
    let entries = output.len();
    if frame.expanded {
        let prefix = if base.is_empty() {
            String::new()
        } else {
            format!("{base} ")
        };
        let indentation = format!("\n{}", " ".repeat(frame.indentation));
        let separator = format!(",{indentation}  ");
        return format!(
            "{prefix}{}{indentation}  {}{indentation}{}",
            braces.0,
            output.join(&separator),
            braces.1
        );
    }
    if is_array_like && entries > 6 {
        output = group_array_elements(frame, output, numeric);
    }
    let prefix = if base.is_empty() {
        String::new()
    } else {
        format!("{base} ")
    };
    // Grouped output (fewer lines than entries) is never joined back onto
    // one line.
    if frame.current_depth.saturating_sub(frame.depth) < COMPACT && entries == output.len() {
        let start = output.len() + frame.indentation + js_len(braces.0) + js_len(base) + 10;
        if is_below_break_length(frame, &output, start, base) {
            let joined = output.join(", ");
            if !joined.contains('\n') {
                return format!("{prefix}{} {joined} {}", braces.0, braces.1);
            }
        }
    }
    let indentation = format!("\n{}", " ".repeat(frame.indentation));
    let separator = format!(",{indentation}  ");
    format!(
        "{prefix}{}{indentation}  {}{indentation}{}",
        braces.0,
        output.join(&separator),
        braces.1
    )
}

/// Puts the entries of an array with more than 6 items into aligned
/// columns (numbers right-aligned, anything else left-aligned). The last
/// entry may be a "... n more items" note, which stays on its own line.
/// `numeric` says every element is a number or bigint.
fn group_array_elements(frame: &Frame, output: Vec<String>, numeric: bool) -> Vec<String> {
    const SEPARATOR_SPACE: usize = 2; // ", "
    let mut output_len = output.len();
    if output.last().is_some_and(|last| last.starts_with("... ")) {
        output_len -= 1;
    }
    let data_len: Vec<usize> = output[..output_len].iter().map(|e| width(e)).collect();
    let total_length: usize = data_len.iter().map(|l| l + SEPARATOR_SPACE).sum();
    let max_length = data_len.iter().copied().max().unwrap_or(0);
    let actual_max = max_length + SEPARATOR_SPACE;
    // Only group when three columns fit and the entries are of similar
    // length (otherwise short entries get lost in padding).
    if actual_max * 3 + frame.indentation >= frame.break_length
        || !(total_length as f64 / actual_max as f64 > 5.0 || max_length <= 6)
    {
        return output;
    }
    let average_bias = (actual_max as f64 - total_length as f64 / output.len() as f64).sqrt();
    let biased_max = (actual_max as f64 - 3.0 - average_bias).max(1.0);
    // Aim for a roughly square block, a character being ~2.5 times as high
    // as wide; bounded by the line width, `compact * 4` and 15.
    let columns = ((2.5 * biased_max * output_len as f64).sqrt() / biased_max).round() as usize;
    let columns = columns
        .min(frame.break_length.saturating_sub(frame.indentation) / actual_max)
        .min(COMPACT * 4)
        .min(15);
    if columns <= 1 {
        return output;
    }
    let max_line_length: Vec<usize> = (0..columns)
        .map(|col| {
            data_len
                .iter()
                .skip(col)
                .step_by(columns)
                .copied()
                .max()
                .unwrap_or(0)
                + SEPARATOR_SPACE
        })
        .collect();
    let mut grouped = Vec::with_capacity(output_len / columns + 2);
    let mut row_start = 0;
    while row_start < output_len {
        let row_end = (row_start + columns).min(output_len);
        let mut line = String::new();
        for (col, entry) in output[row_start..row_end].iter().enumerate() {
            let is_last = row_start + col == row_end - 1;
            let cell = if is_last {
                entry.clone()
            } else {
                format!("{entry}, ")
            };
            let target = if is_last {
                max_line_length[col].saturating_sub(SEPARATOR_SPACE)
            } else {
                max_line_length[col]
            };
            let pad = " ".repeat(target.saturating_sub(width(&cell)));
            if numeric {
                line.push_str(&pad);
                line.push_str(&cell);
            } else if is_last {
                // node pads neither side of a row's last text entry.
                line.push_str(&cell);
            } else {
                line.push_str(&cell);
                line.push_str(&pad);
            }
        }
        grouped.push(line);
        row_start = row_end;
    }
    if output_len < output.len()
        && let Some(last) = output.last()
    {
        grouped.push(last.clone());
    }
    grouped
}
