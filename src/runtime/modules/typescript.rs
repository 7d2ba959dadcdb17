//! TypeScript and JSX, turned into JavaScript as `deno run` and bun do:
//! types stripped, no type checking, with oxc's parser, transformer and
//! printer (pure Rust). Enums, namespaces, parameter properties,
//! `satisfies`, `import type`, JSX with the automatic runtime
//! (`jsxImportSource` from the nearest `tsconfig.json`, or a
//! `@jsxImportSource` pragma; `react` by default, as deno), and legacy
//! decorators when `tsconfig.json` sets `experimentalDecorators` (their
//! helpers are native, [`HELPERS_MODULE`]). TypeScript 5's standard
//! decorators are a clear error: oxc does not lower them and Boa does not
//! parse them.
//!
//! Each file gets a source map; [`SourceMaps`] keeps them per context so
//! that error reports point into the `.ts` source, not the printed
//! JavaScript (see `runtime::errors`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use oxc_allocator::Allocator;
use oxc_codegen::{Codegen, CodegenOptions, CodegenReturn};
use oxc_parser::Parser;
use oxc_semantic::SemanticBuilder;
use oxc_span::SourceType;
use oxc_transformer::{JsxRuntime, TransformOptions, Transformer};

/// Whether `path` is TypeScript or JSX, by its extension.
pub fn is_transpiled(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("ts" | "mts" | "cts" | "tsx" | "jsx")
    )
}

/// What `tsconfig.json` says that the transform needs.
#[derive(Debug, Clone, Default)]
pub struct TsConfig {
    pub jsx_import_source: Option<String>,
    /// `"jsx": "react"`: the classic runtime (`React.createElement`).
    pub jsx_classic: bool,
    pub jsx_factory: Option<String>,
    pub jsx_fragment_factory: Option<String>,
    pub experimental_decorators: bool,
    /// `emitDecoratorMetadata` (with legacy decorators): `design:type`
    /// and friends, through `Reflect.metadata` when a polyfill gives it.
    pub emit_decorator_metadata: bool,
}

/// The module the transform imports its helpers from
/// (`nano-boa:typescript/helpers/decorate`, ...): built into the runtime
/// (`web::ts_helpers`), so no `@oxc-project/runtime` package is needed.
pub const HELPERS_MODULE: &str = "nano-boa:typescript";

impl TsConfig {
    /// The options of the nearest `tsconfig.json` above `path` (its
    /// `compilerOptions`; `extends` is not followed).
    pub fn for_file(path: &Path) -> Self {
        let mut dir = path.parent();
        while let Some(d) = dir {
            if let Ok(text) = std::fs::read_to_string(d.join("tsconfig.json")) {
                return Self::parse(&text);
            }
            dir = d.parent();
        }
        Self::default()
    }

    fn parse(text: &str) -> Self {
        // tsconfig.json is JSON with comments and trailing commas.
        let Ok(value) = jsonc_parser::parse_to_serde_value::<serde_json::Value>(
            text,
            &jsonc_parser::ParseOptions::default(),
        ) else {
            return Self::default();
        };
        let options = &value["compilerOptions"];
        let string = |key: &str| options[key].as_str().map(str::to_owned);
        Self {
            jsx_import_source: string("jsxImportSource"),
            jsx_classic: options["jsx"].as_str() == Some("react"),
            jsx_factory: string("jsxFactory"),
            jsx_fragment_factory: string("jsxFragmentFactory"),
            experimental_decorators: options["experimentalDecorators"].as_bool() == Some(true),
            emit_decorator_metadata: options["emitDecoratorMetadata"].as_bool() == Some(true),
        }
    }
}

/// A transpiled file: JavaScript, and where each of its positions came from.
pub struct Transpiled {
    pub code: String,
    pub map: PositionMap,
}

/// A TypeScript syntax error, with its position in the source (1-based).
#[derive(Debug)]
pub struct TsSyntaxError {
    pub message: String,
    pub line: u32,
    pub column: u32,
}

/// 1-based line and column of the byte `offset` of `source`.
fn line_col(source: &str, offset: usize) -> (u32, u32) {
    let before = &source[..offset.min(source.len())];
    let line = before.matches('\n').count() as u32 + 1;
    let column = before.rfind('\n').map_or(before.chars().count(), |nl| {
        before[nl + 1..].chars().count()
    }) as u32
        + 1;
    (line, column)
}

fn syntax_error(source: &str, diagnostic: &oxc_diagnostics::OxcDiagnostic) -> TsSyntaxError {
    let offset = diagnostic.labels.first().map_or(0, |label| label.offset());
    let (line, column) = line_col(source, offset as usize);
    TsSyntaxError {
        message: diagnostic.message.to_string(),
        line,
        column,
    }
}

/// TypeScript/JSX `source` of `path` as JavaScript.
pub fn transpile(
    path: &Path,
    source: &str,
    config: &TsConfig,
) -> Result<Transpiled, TsSyntaxError> {
    let allocator = Allocator::default();
    let source_type = SourceType::from_path(path).unwrap_or_else(|_| SourceType::ts());
    let parsed = Parser::new(&allocator, source, source_type).parse();
    if let Some(first) = parsed.diagnostics.first() {
        return Err(syntax_error(source, first));
    }
    let mut program = parsed.program;
    if !config.experimental_decorators
        && source.contains('@')
        && let Some(offset) = first_decorator(&program)
    {
        let (line, column) = line_col(source, offset as usize);
        return Err(TsSyntaxError {
            message: STANDARD_DECORATORS.to_owned(),
            line,
            column,
        });
    }
    let semantic = SemanticBuilder::new()
        .with_excess_capacity(2.0)
        .with_enum_eval(true)
        .build(&program);
    let scoping = semantic.semantic.into_scoping();
    let mut options = TransformOptions::default();
    if config.jsx_classic {
        options.jsx.runtime = JsxRuntime::Classic;
        options.jsx.pragma = config.jsx_factory.clone();
        options.jsx.pragma_frag = config.jsx_fragment_factory.clone();
    } else {
        options.jsx.runtime = JsxRuntime::Automatic;
        options.jsx.import_source = config.jsx_import_source.clone();
    }
    options.decorator.legacy = config.experimental_decorators;
    options.decorator.emit_decorator_metadata = config.emit_decorator_metadata;
    options.helper_loader.module_name = HELPERS_MODULE.into();
    let transformed =
        Transformer::new(&allocator, path, &options).build_with_scoping(scoping, &mut program);
    if let Some(first) = transformed.diagnostics.first() {
        return Err(syntax_error(source, first));
    }
    let CodegenReturn { code, map, .. } = Codegen::new()
        .with_options(CodegenOptions {
            source_map_path: Some(path.to_path_buf()),
            ..CodegenOptions::default()
        })
        .build(&program);
    let map = map
        .map(|map| PositionMap::from_tokens(map.get_tokens()))
        .unwrap_or_default();
    Ok(Transpiled { code, map })
}

const STANDARD_DECORATORS: &str = "TypeScript 5 standard decorators are not supported yet \
     (oxc does not lower them and the engine does not parse them); for TypeScript's legacy \
     decorators set \"experimentalDecorators\": true in tsconfig.json";

/// The byte offset of the first decorator in `program`, if any.
fn first_decorator(program: &oxc_ast::ast::Program<'_>) -> Option<u32> {
    use oxc_ast_visit::Visit;
    #[derive(Default)]
    struct Find(Option<u32>);
    impl<'a> Visit<'a> for Find {
        fn visit_decorator(&mut self, decorator: &oxc_ast::ast::Decorator<'a>) {
            if self.0.is_none() {
                self.0 = Some(decorator.span.start);
            }
        }
    }
    let mut find = Find::default();
    find.visit_program(program);
    find.0
}

/// Generated position to source position, per generated line: (generated
/// column, source line, source column), 0-based, sorted by column.
#[derive(Debug, Default, Clone)]
pub struct PositionMap {
    lines: Vec<Vec<(u32, u32, u32)>>,
}

impl PositionMap {
    fn from_tokens(tokens: impl Iterator<Item = oxc_sourcemap::Token>) -> Self {
        let mut lines: Vec<Vec<(u32, u32, u32)>> = Vec::new();
        for token in tokens {
            let line = token.get_dst_line() as usize;
            if lines.len() <= line {
                lines.resize_with(line + 1, Vec::new);
            }
            lines[line].push((
                token.get_dst_col(),
                token.get_src_line(),
                token.get_src_col(),
            ));
        }
        for line in &mut lines {
            line.sort_unstable();
        }
        Self { lines }
    }

    /// The source position of the generated 1-based `line` and `column`.
    pub fn original(&self, line: u32, column: u32) -> Option<(u32, u32)> {
        let tokens = self.lines.get(line.checked_sub(1)? as usize)?;
        let col = column.saturating_sub(1);
        let index = match tokens.binary_search_by_key(&col, |t| t.0) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        };
        let (_, src_line, src_col) = tokens.get(index)?;
        Some((src_line + 1, src_col + 1))
    }
}

/// The position maps of the transpiled files of one context, by path.
#[derive(Debug, Default)]
pub struct SourceMaps {
    maps: RefCell<HashMap<PathBuf, PositionMap>>,
}

impl SourceMaps {
    pub fn insert(&self, path: &Path, map: PositionMap) {
        self.maps.borrow_mut().insert(path.to_path_buf(), map);
    }

    /// The source position of a generated one in `path`, if `path` was
    /// transpiled.
    pub fn original(&self, path: &Path, line: u32, column: u32) -> Option<(u32, u32)> {
        self.maps.borrow().get(path)?.original(line, column)
    }

    /// `text` with every `path:line:column` of a transpiled file replaced
    /// by its source position (stack frames, error positions).
    pub fn remap_text(&self, text: &str) -> String {
        let maps = self.maps.borrow();
        if maps.is_empty() {
            return text.to_owned();
        }
        let mut out = String::with_capacity(text.len());
        for (n, line) in text.split('\n').enumerate() {
            if n > 0 {
                out.push('\n');
            }
            out.push_str(&remap_line(line, &maps));
        }
        out
    }
}

/// One line with its `PATH:L:C` positions of known files remapped.
fn remap_line(line: &str, maps: &HashMap<PathBuf, PositionMap>) -> String {
    for (path, map) in maps {
        let key = path.display().to_string();
        let Some(at) = line.find(&key) else { continue };
        let rest = &line[at + key.len()..];
        let Some(rest) = rest.strip_prefix(':') else {
            continue;
        };
        let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).count();
        let line_len = digits(rest);
        let Ok(l) = rest[..line_len].parse::<u32>() else {
            continue;
        };
        let after_line = &rest[line_len..];
        let (c, consumed) = match after_line.strip_prefix(':') {
            Some(cols) => {
                let col_len = digits(cols);
                match cols[..col_len].parse::<u32>() {
                    Ok(c) => (c, line_len + 1 + col_len),
                    Err(_) => (1, line_len),
                }
            }
            None => (1, line_len),
        };
        let Some((sl, sc)) = map.original(l, c) else {
            continue;
        };
        let tail = &rest[consumed..];
        return format!("{}{key}:{sl}:{sc}{tail}", &line[..at]);
    }
    line.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_go_and_positions_map_back() {
        let source = "enum Color { Red, Green }\n\
                      interface P { x: number }\n\
                      const p: P = { x: 1 } satisfies P;\n\
                      class A { constructor(private readonly n: number) {} get() { return this.n; } }\n\
                      throw new Error(String(Color.Green + new A(2).get()));\n";
        let out =
            transpile(Path::new("/t/x.ts"), source, &TsConfig::default()).expect("transpiles");
        assert!(!out.code.contains("interface"), "{}", out.code);
        assert!(out.code.contains("Color"), "{}", out.code);
        // The `throw` is on line 5 of the source.
        let generated_line = out
            .code
            .lines()
            .position(|l| l.contains("throw"))
            .expect("a throw line") as u32
            + 1;
        assert_eq!(out.map.original(generated_line, 1).map(|p| p.0), Some(5));
    }

    #[test]
    fn syntax_errors_have_source_positions() {
        let error = transpile(
            Path::new("/t/x.ts"),
            "let a: number = ;\n",
            &TsConfig::default(),
        )
        .err()
        .expect("an error");
        assert_eq!((error.line, error.column), (1, 17));
    }

    #[test]
    fn tsconfig_is_jsonc() {
        let config = TsConfig::parse(
            "{ // comment\n \"compilerOptions\": { \"jsxImportSource\": \"hono/jsx\", /* x */ \
             \"experimentalDecorators\": true, }, }",
        );
        assert_eq!(config.jsx_import_source.as_deref(), Some("hono/jsx"));
        assert!(config.experimental_decorators);
    }
}
