//! The named exports an ES module sees in a CommonJS module, found by
//! reading its source, as node does with cjs-module-lexer (an `import`
//! must know the names before the module runs): assignments to
//! `exports.x`, `module.exports.x` and `exports["x"]`,
//! `Object.defineProperty(exports, "x", ...)`, the keys of an object
//! literal assigned to `module.exports` (also esbuild's
//! `0 && (module.exports = { a, b })` annotation), and re-exports
//! (`module.exports = require("./x")`, TypeScript's
//! `__exportStar(require("./x"), exports)`).
//!
//! Written by hand: cjs-module-lexer is JavaScript/WebAssembly and no Rust
//! crate does this. Like it, this is a lexer, not a parser: it may miss a
//! name that only running the module would show (then the value is still
//! on the default export), never invent one outside an assignment.

/// What the source of one CommonJS module shows.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct CjsExports {
    /// Named exports, in first-seen order, without duplicates.
    pub names: Vec<String>,
    /// Specifiers whose exports this module re-exports.
    pub reexports: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Str(String),
    Punct(char),
}

/// The tokens of `source` that matter here; comments, template literals,
/// regular expressions and numbers are skipped.
fn tokenize(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == '\'' || c == '"' {
            let (value, end) = string(&chars, i);
            tokens.push(Token::Str(value));
            i = end;
        } else if c == '`' {
            i = template_end(&chars, i);
        } else if c == '/' && regex_allowed(tokens.last()) {
            i = regex_end(&chars, i);
        } else if c.is_alphabetic() || c == '_' || c == '$' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$')
            {
                i += 1;
            }
            tokens.push(Token::Ident(chars[start..i].iter().collect()));
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '.') {
                i += 1;
            }
        } else {
            tokens.push(Token::Punct(c));
            i += 1;
        }
    }
    tokens
}

/// A string literal starting at `start`: its value (simple escapes
/// undone) and the index after it.
fn string(chars: &[char], start: usize) -> (String, usize) {
    let quote = chars[start];
    let mut value = String::new();
    let mut i = start + 1;
    while i < chars.len() && chars[i] != quote && chars[i] != '\n' {
        if chars[i] == '\\' && i + 1 < chars.len() {
            value.push(chars[i + 1]);
            i += 2;
        } else {
            value.push(chars[i]);
            i += 1;
        }
    }
    (value, i + 1)
}

/// The index after the template literal at `start` (substitutions may
/// nest braces, strings and templates).
fn template_end(chars: &[char], start: usize) -> usize {
    let mut i = start + 1;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '`' => return i + 1,
            '$' if chars.get(i + 1) == Some(&'{') => {
                i += 2;
                let mut depth = 1;
                while i < chars.len() && depth > 0 {
                    match chars[i] {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        '\'' | '"' => {
                            i = string(chars, i).1;
                            continue;
                        }
                        '`' => {
                            i = template_end(chars, i);
                            continue;
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    i
}

/// Whether a `/` after `previous` starts a regular expression.
fn regex_allowed(previous: Option<&Token>) -> bool {
    match previous {
        None => true,
        Some(Token::Punct(c)) => !matches!(c, ')' | ']' | '}'),
        Some(Token::Ident(word)) => matches!(
            word.as_str(),
            "return" | "typeof" | "case" | "do" | "else" | "in" | "of" | "void" | "throw" | "new"
        ),
        Some(Token::Str(_)) => false,
    }
}

fn regex_end(chars: &[char], start: usize) -> usize {
    let mut i = start + 1;
    let mut class = false;
    while i < chars.len() && chars[i] != '\n' {
        match chars[i] {
            '\\' => i += 1,
            '[' => class = true,
            ']' => class = false,
            '/' if !class => return i + 1,
            _ => {}
        }
        i += 1;
    }
    i
}

fn is(tokens: &[Token], i: usize, c: char) -> bool {
    tokens.get(i) == Some(&Token::Punct(c))
}

fn ident(tokens: &[Token], i: usize) -> Option<&str> {
    match tokens.get(i) {
        Some(Token::Ident(s)) => Some(s),
        _ => None,
    }
}

fn str_at(tokens: &[Token], i: usize) -> Option<&str> {
    match tokens.get(i) {
        Some(Token::Str(s)) => Some(s),
        _ => None,
    }
}

/// An `=` that is an assignment (not `==`, `=>`).
fn assignment(tokens: &[Token], i: usize) -> bool {
    is(tokens, i, '=') && !is(tokens, i + 1, '=') && !is(tokens, i + 1, '>')
}

/// `exports` or `module.exports` at `i`: the index after it and whether it
/// was `module.exports`.
fn exports_at(tokens: &[Token], i: usize) -> Option<(usize, bool)> {
    if ident(tokens, i) == Some("module") && is(tokens, i + 1, '.') {
        return (ident(tokens, i + 2) == Some("exports")).then_some((i + 3, true));
    }
    let after_dot = i > 0 && is(tokens, i - 1, '.');
    (ident(tokens, i) == Some("exports") && !after_dot).then_some((i + 1, false))
}

/// `require("x")` at `i`: the specifier and the index after it.
fn require_at(tokens: &[Token], i: usize) -> Option<(String, usize)> {
    if ident(tokens, i) == Some("require") && is(tokens, i + 1, '(') && is(tokens, i + 3, ')') {
        return str_at(tokens, i + 2).map(|s| (s.to_owned(), i + 4));
    }
    None
}

/// The keys of the object literal whose `{` is at `start`, as
/// cjs-module-lexer reads them: shorthand properties, `key: identifier`
/// (identifier or string keys), `key: require("x")` (the last one read)
/// and `...identifier` spreads (skipped); anything else ends the object.
fn object_keys(tokens: &[Token], start: usize, out: &mut CjsExports) {
    let mut i = start + 1;
    loop {
        if is(tokens, i, '.') && is(tokens, i + 1, '.') && is(tokens, i + 2, '.') {
            if ident(tokens, i + 3).is_none() {
                return;
            }
            i += 4;
        } else {
            let key = match tokens.get(i) {
                Some(Token::Ident(name)) => name.as_str(),
                Some(Token::Str(name)) => name.as_str(),
                _ => return,
            };
            let shorthand = matches!(tokens.get(i), Some(Token::Ident(_)))
                && (is(tokens, i + 1, ',') || is(tokens, i + 1, '}'));
            if shorthand {
                add(out, key);
                i += 1;
            } else if is(tokens, i + 1, ':') {
                let simple = ident(tokens, i + 2).is_some()
                    && (is(tokens, i + 3, ',') || is(tokens, i + 3, '}'));
                if !simple {
                    // `key: require("x")` still counts, then the object
                    // is left; any other value leaves it at once.
                    if require_at(tokens, i + 2).is_some() {
                        add(out, key);
                    }
                    return;
                }
                add(out, key);
                i += 3;
            } else {
                return;
            }
        }
        if is(tokens, i, ',') {
            i += 1;
        } else {
            return;
        }
    }
}

/// Whether the descriptor whose first key is at `i` is one cjs-module-lexer
/// takes as an export: `{ value: ... }`, or `{ enumerable: true, get ... }`
/// with a `function () { return ... }` or `get () { return ... }` getter.
fn exported_descriptor(tokens: &[Token], i: usize) -> bool {
    if ident(tokens, i) == Some("value") && is(tokens, i + 1, ':') {
        return true;
    }
    let enumerable = ident(tokens, i) == Some("enumerable")
        && is(tokens, i + 1, ':')
        && ident(tokens, i + 2) == Some("true")
        && is(tokens, i + 3, ',')
        && ident(tokens, i + 4) == Some("get");
    if !enumerable {
        return false;
    }
    let j = i + 5;
    let body = if is(tokens, j, ':') && ident(tokens, j + 1) == Some("function") {
        j + 2
    } else {
        j
    };
    is(tokens, body, '(')
        && is(tokens, body + 1, ')')
        && is(tokens, body + 2, '{')
        && ident(tokens, body + 3) == Some("return")
}

fn add(out: &mut CjsExports, name: &str) {
    if name != "default" && !out.names.iter().any(|n| n == name) {
        out.names.push(name.to_owned());
    }
}

/// The names and re-exports `source` shows.
pub fn detect(source: &str) -> CjsExports {
    let tokens = tokenize(source);
    let mut out = CjsExports::default();
    for i in 0..tokens.len() {
        if let Some((after, is_module)) = exports_at(&tokens, i) {
            if is(&tokens, after, '.')
                && let Some(name) = ident(&tokens, after + 1)
                && assignment(&tokens, after + 2)
            {
                add(&mut out, name);
            } else if is(&tokens, after, '[')
                && let Some(name) = str_at(&tokens, after + 1)
                && is(&tokens, after + 2, ']')
                && assignment(&tokens, after + 3)
            {
                add(&mut out, name);
            } else if is_module && assignment(&tokens, after) {
                if is(&tokens, after + 1, '{') {
                    object_keys(&tokens, after + 1, &mut out);
                } else if let Some((specifier, _)) = require_at(&tokens, after + 1) {
                    out.reexports.push(specifier);
                }
            }
            continue;
        }
        if ident(&tokens, i) == Some("Object")
            && is(&tokens, i + 1, '.')
            && ident(&tokens, i + 2) == Some("defineProperty")
            && is(&tokens, i + 3, '(')
            && let Some((after, _)) = exports_at(&tokens, i + 4)
            && is(&tokens, after, ',')
            && let Some(name) = str_at(&tokens, after + 1)
            && is(&tokens, after + 2, ',')
            && is(&tokens, after + 3, '{')
            && exported_descriptor(&tokens, after + 4)
        {
            add(&mut out, name);
            continue;
        }
        if matches!(ident(&tokens, i), Some("__exportStar" | "__export"))
            && is(&tokens, i + 1, '(')
            && let Some((specifier, _)) = require_at(&tokens, i + 2)
        {
            out.reexports.push(specifier);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::detect;

    #[test]
    fn finds_the_names_node_finds() {
        let found = detect(
            r#"
            "use strict";
            // exports.commented = 1;
            const s = "exports.inString = 1";
            const t = `exports.inTemplate = ${1}`;
            exports.a = 1;
            module.exports.b = function () {};
            exports['c-d'] = 2;
            exports.e == 3;
            Object.defineProperty(exports, "f", { enumerable: true, get: function () { return f; } });
            Object.defineProperty(exports, "arrow", { enumerable: true, get: () => 1 });
            Object.defineProperty(exports, "__esModule", { value: true });
            exports.default = 4;
            if (/exports.g = 1/.test(s)) {}
            "#,
        );
        assert_eq!(found.names, ["a", "b", "c-d", "f", "__esModule"]);
        assert!(found.reexports.is_empty());
    }

    #[test]
    fn object_literals_and_reexports() {
        let found = detect(
            "module.exports = { x, ...rest, 'y': y, z: z, w: f(a), after };\n\
             module.exports = { r: require('./r'), afterRequire };\n\
             0 && (module.exports = { esb1, esb2 });",
        );
        // As cjs-module-lexer: `w: f(a)` ends the object (no `w`, no
        // `after`); `r: require(...)` counts, then ends it.
        assert_eq!(found.names, ["x", "y", "z", "r", "esb1", "esb2"]);
        let found = detect(
            "module.exports = require('./other');\n__exportStar(require(\"./more\"), exports);",
        );
        assert_eq!(found.reexports, ["./other", "./more"]);
    }
}
