//! CommonJS modules, as node runs them
//! (<https://nodejs.org/docs/latest-v20.x/api/modules.html>): `require`,
//! `module.exports`/`exports`, `__filename`/`__dirname`,
//! `require.resolve`, `require.cache`, `require.main`, JSON through
//! `require`, cycles (a module required again while it runs gives its
//! exports so far), and ES modules importing CommonJS ones (the default
//! export is `module.exports`, the named exports those [`cjs_exports`]
//! finds in the source).
//!
//! Which files are CommonJS follows node: `.cjs` always, `.mjs` never, a
//! `.js` file by the nearest `package.json` `"type"` (`"commonjs"` or
//! `"module"`), and without one by its syntax (import/export statements
//! or top-level await make it an ES module, as node 22 detects).
//!
//! `require()` of an ES module gives its namespace, loaded and evaluated
//! at once (node 20.19 and 22); one with top-level await cannot be
//! required.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use boa_engine::builtins::promise::PromiseState;
use boa_engine::module::SyntheticModuleInitializer;
use boa_engine::object::FunctionObjectBuilder;
use boa_engine::object::builtins::JsArray;
use boa_engine::property::PropertyKey;
use boa_engine::{
    Context, Finalize, JsArgs, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue,
    Module, NativeFunction, Script, Source, Trace, js_string,
};

use super::cjs_exports::{self, CjsExports};
use super::resolve::{Resolved, SpecifierResolver};
use super::{FsModuleLoader, LoaderHandle, describe_referrer_path};

/// How a JavaScript file is to be run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    CommonJs,
    Module,
}

/// A file's format, with the parse that told it when one was needed.
pub enum Detected {
    /// The module wrapper, compiled.
    CommonJs(Option<Script>),
    Module(Option<Module>),
}

/// Compiles `code` in node's module wrapper (named `path` in traces).
pub fn compile(path: &Path, code: &str, cx: &mut Context) -> JsResult<Script> {
    let source = wrap(code);
    Script::parse(
        Source::from_bytes(source.as_bytes()).with_path(path),
        None,
        cx,
    )
}

/// The CommonJS side of a loader: its resolver, the `require.cache`
/// object, and the `"type"` of the package.json files seen.
#[derive(Debug)]
pub(super) struct CjsState {
    resolver: SpecifierResolver,
    cache: RefCell<Option<JsObject>>,
    main: RefCell<Option<JsObject>>,
    package_types: RefCell<HashMap<PathBuf, Option<Format>>>,
    /// Wrappers compiled while finding a file's format, not run yet.
    compiled: RefCell<HashMap<PathBuf, Script>>,
}

impl Default for CjsState {
    fn default() -> Self {
        Self {
            resolver: SpecifierResolver::for_require(),
            cache: RefCell::default(),
            main: RefCell::default(),
            package_types: RefCell::default(),
            compiled: RefCell::default(),
        }
    }
}

fn type_error(message: String) -> JsError {
    JsNativeError::typ().with_message(message).into()
}

/// An error with node's `code` property (`MODULE_NOT_FOUND`,
/// `ERR_REQUIRE_ESM`), as code that catches require errors checks it.
fn coded_error(message: String, code: &str, cx: &mut Context) -> JsError {
    crate::web::node::errors::coded(crate::web::node::errors::Kind::Error, code, message, cx)
}

/// The code as the body of node's module wrapper, on the same first line
/// so that line numbers stay the file's. A `#!` line is blanked.
fn wrap(code: &str) -> String {
    let code = if code.starts_with("#!") {
        let end = code.find('\n').unwrap_or(code.len());
        format!("//{}", &code[2.min(end)..])
    } else {
        code.to_owned()
    };
    format!("(function (exports, require, module, __filename, __dirname) {{{code}\n}})")
}

impl FsModuleLoader {
    /// The `require.cache` object: module objects by file name.
    fn cjs_cache(&self) -> JsObject {
        self.cjs
            .cache
            .borrow_mut()
            .get_or_insert_with(JsObject::with_null_proto)
            .clone()
    }

    /// What the JavaScript file at `path` (canonical) whose text is `code`
    /// is, parsed when finding out needed a parse.
    pub fn detect(&self, path: &Path, code: &str, cx: &mut Context) -> Detected {
        match path.extension().and_then(|e| e.to_str()) {
            Some("cjs" | "cts") => return Detected::CommonJs(None),
            Some("mjs" | "mts") => return Detected::Module(None),
            _ => {}
        }
        match self.package_type(path) {
            Some(Format::CommonJs) => return Detected::CommonJs(None),
            Some(Format::Module) => return Detected::Module(None),
            None => {}
        }
        let module = |cx: &mut Context| {
            Module::parse(
                Source::from_bytes(code.as_bytes()).with_path(path),
                None,
                cx,
            )
            .ok()
        };
        if super::super::looks_like_module(code)
            && let Some(parsed) = module(cx)
        {
            return Detected::Module(Some(parsed));
        }
        if let Ok(script) = compile(path, code, cx) {
            return Detected::CommonJs(Some(script));
        }
        match module(cx) {
            Some(parsed) => Detected::Module(Some(parsed)),
            // Neither parses: report the CommonJS error, as node does.
            None => Detected::CommonJs(None),
        }
    }

    /// The `"type"` of the nearest package.json above `path`.
    fn package_type(&self, path: &Path) -> Option<Format> {
        let mut dir = path.parent();
        let mut visited = Vec::new();
        let mut found = None;
        while let Some(d) = dir {
            if let Some(known) = self.cjs.package_types.borrow().get(d) {
                found = *known;
                break;
            }
            visited.push(d.to_path_buf());
            let manifest = d.join("package.json");
            if let Ok(text) = std::fs::read_to_string(&manifest) {
                found = serde_json::from_str::<serde_json::Value>(&text)
                    .ok()
                    .and_then(|json| match json.get("type").and_then(|t| t.as_str()) {
                        Some("module") => Some(Format::Module),
                        Some("commonjs") => Some(Format::CommonJs),
                        _ => None,
                    });
                // The nearest package.json decides, with a type or not.
                if found.is_none() {
                    visited.clear();
                    self.cjs
                        .package_types
                        .borrow_mut()
                        .insert(d.to_path_buf(), None);
                }
                break;
            }
            dir = d.parent();
        }
        let mut types = self.cjs.package_types.borrow_mut();
        for d in visited {
            types.insert(d, found);
        }
        found
    }

    /// Runs `script` (from [`compile`]) as the main CommonJS module at
    /// `path` (`nano-boa run`).
    pub fn run_main_cjs(&self, script: &Script, path: &Path, cx: &mut Context) -> JsResult<()> {
        self.run_cjs(path, script, true, cx)?;
        Ok(())
    }

    /// Creates, caches and runs the CommonJS module at `path` (compiled
    /// as `script`); its module object.
    fn run_cjs(
        &self,
        path: &Path,
        script: &Script,
        main: bool,
        cx: &mut Context,
    ) -> JsResult<JsObject> {
        let filename = JsString::from(path.display().to_string().as_str());
        let dirname = JsString::from(
            path.parent()
                .map(|d| d.display().to_string())
                .unwrap_or_default()
                .as_str(),
        );
        let exports = JsObject::with_object_proto(cx.intrinsics());
        let module = JsObject::with_object_proto(cx.intrinsics());
        let require = self.require_function(path, cx);
        let id: JsValue = if main {
            js_string!(".").into()
        } else {
            filename.clone().into()
        };
        let children = JsArray::new(cx)?;
        for (key, value) in [
            ("id", id),
            ("path", dirname.clone().into()),
            ("exports", exports.clone().into()),
            ("filename", filename.clone().into()),
            ("loaded", false.into()),
            ("children", children.into()),
            ("require", require.clone().into()),
        ] {
            module.set(js_string!(key), value, false, cx)?;
        }
        if main {
            *self.cjs.main.borrow_mut() = Some(module.clone());
            require.set(js_string!("main"), module.clone(), false, cx)?;
        }
        let cache = self.cjs_cache();
        cache.set(filename.clone(), module.clone(), false, cx)?;
        let outcome = (|| {
            let wrapper = script.evaluate(cx)?;
            let wrapper = wrapper.as_callable().ok_or_else(|| {
                type_error("internal: the CommonJS wrapper is not a function".into())
            })?;
            wrapper.call(
                &exports.clone().into(),
                &[
                    exports.into(),
                    require.into(),
                    module.clone().into(),
                    filename.clone().into(),
                    dirname.into(),
                ],
                cx,
            )
        })();
        match outcome {
            Ok(_) => {
                module.set(js_string!("loaded"), true, false, cx)?;
                Ok(module)
            }
            Err(error) => {
                // A module that threw is not cached: requiring it again runs
                // it again, as in node.
                cache.delete_property_or_throw(filename, cx)?;
                Err(error)
            }
        }
    }

    /// The `require` function of the module at `path`.
    fn require_function(&self, path: &Path, cx: &mut Context) -> JsObject {
        #[derive(Trace, Finalize, Clone)]
        struct From {
            #[unsafe_ignore_trace]
            path: PathBuf,
        }
        let from = From {
            path: path.to_path_buf(),
        };
        let require = FunctionObjectBuilder::new(
            cx.realm(),
            NativeFunction::from_copy_closure_with_captures(
                |_, args, from: &From, cx| {
                    let specifier = specifier_arg(args, "require")?;
                    let loader = LoaderHandle::of(cx)?;
                    loader.require(&specifier, &from.path, cx)
                },
                from.clone(),
            ),
        )
        .name(js_string!("require"))
        .length(1)
        .build();
        let resolve = FunctionObjectBuilder::new(
            cx.realm(),
            NativeFunction::from_copy_closure_with_captures(
                |_, args, from: &From, cx| {
                    let specifier = specifier_arg(args, "require.resolve")?;
                    let loader = LoaderHandle::of(cx)?;
                    match loader.cjs.resolver.resolve(&specifier, Some(&from.path)) {
                        Ok(Resolved::File(path)) => {
                            let path = std::fs::canonicalize(&path).unwrap_or(path);
                            Ok(JsString::from(path.display().to_string().as_str()).into())
                        }
                        Ok(Resolved::Builtin(_)) => Ok(JsString::from(specifier.as_str()).into()),
                        Err(error) => Err(not_found(error, cx)),
                    }
                },
                from,
            ),
        )
        .name(js_string!("resolve"))
        .length(1)
        .build();
        let cache = self.cjs_cache();
        let main = self.cjs.main.borrow().clone();
        let _ = require.set(js_string!("resolve"), resolve, false, cx);
        let _ = require.set(js_string!("cache"), cache, false, cx);
        if let Some(main) = main {
            let _ = require.set(js_string!("main"), main, false, cx);
        }
        require.into()
    }

    /// `require(specifier)` from the module at `from`.
    fn require(&self, specifier: &str, from: &Path, cx: &mut Context) -> JsResult<JsValue> {
        let path = match self.cjs.resolver.resolve(specifier, Some(from)) {
            Ok(Resolved::File(path)) => path,
            Ok(Resolved::Builtin(name)) => {
                return match super::super::api_hooks::builtin_exports(cx, &name) {
                    Some(exports) => exports,
                    None => {
                        let error = super::resolve::missing_builtin(specifier, &name, Some(from));
                        let message = error
                            .as_native()
                            .map(|n| n.message().to_string())
                            .unwrap_or_default();
                        Err(coded_error(message, "ERR_UNKNOWN_BUILTIN_MODULE", cx))
                    }
                };
            }
            Err(error) => return Err(not_found(error, cx)),
        };
        let canonical = std::fs::canonicalize(&path).map_err(|err| {
            type_error(format!(
                "cannot find module '{}' required from {}: {err}",
                path.display(),
                from.display()
            ))
        })?;
        self.check_scope(specifier, &canonical, Some(from))?;
        self.exports_of(&canonical, Some(from), cx)
    }

    /// The `module.exports` of the file at `canonical`, running it first
    /// if it has not run (or is not running) in this context.
    fn exports_of(
        &self,
        canonical: &Path,
        from: Option<&Path>,
        cx: &mut Context,
    ) -> JsResult<JsValue> {
        let filename = JsString::from(canonical.display().to_string().as_str());
        let cache = self.cjs_cache();
        if let Some(module) = cache.get(filename.clone(), cx)?.as_object() {
            return module.get(js_string!("exports"), cx);
        }
        let code = std::fs::read_to_string(canonical).map_err(|err| {
            type_error(format!(
                "cannot read module '{}': {err}",
                canonical.display()
            ))
        })?;
        let code = super::javascript_of(canonical, code, cx)?;
        if canonical.extension().is_some_and(|e| e == "json") {
            let json = cx.intrinsics().objects().json();
            let parse = json.get(js_string!("parse"), cx)?;
            let parse = parse
                .as_callable()
                .ok_or_else(|| type_error("internal: JSON.parse is not callable".into()))?;
            let value = parse
                .call(&json.into(), &[JsString::from(code.as_str()).into()], cx)
                .map_err(|err| {
                    JsNativeError::syntax()
                        .with_message(format!("invalid JSON in {}", canonical.display()))
                        .with_cause(err)
                })?;
            let module = JsObject::with_object_proto(cx.intrinsics());
            module.set(js_string!("exports"), value.clone(), false, cx)?;
            module.set(js_string!("filename"), filename.clone(), false, cx)?;
            module.set(js_string!("loaded"), true, false, cx)?;
            cache.set(filename, module, false, cx)?;
            return Ok(value);
        }
        let compiled = self.cjs.compiled.borrow_mut().remove(canonical);
        let detected = match compiled {
            Some(script) => Detected::CommonJs(Some(script)),
            None => self.detect(canonical, &code, cx),
        };
        let script = match detected {
            Detected::CommonJs(Some(script)) => script,
            Detected::CommonJs(None) => compile(canonical, &code, cx)?,
            Detected::Module(parsed) => {
                return self.require_module(canonical, &code, parsed, from, cx);
            }
        };
        let module = self.run_cjs(canonical, &script, false, cx)?;
        module.get(js_string!("exports"), cx)
    }

    /// `require()` of the ES module at `canonical`: its namespace object,
    /// the module loaded, linked and evaluated now (node 20.19 and later).
    /// The instance is the one `import` gets. A module with top-level
    /// await cannot be required (`ERR_REQUIRE_ASYNC_MODULE`, as node).
    fn require_module(
        &self,
        canonical: &Path,
        code: &str,
        parsed: Option<Module>,
        from: Option<&Path>,
        cx: &mut Context,
    ) -> JsResult<JsValue> {
        let module = match self.cached_module(canonical) {
            Some(module) => module,
            None => {
                let module = match parsed {
                    Some(module) => module,
                    None => Module::parse(
                        Source::from_bytes(code.as_bytes()).with_path(canonical),
                        None,
                        cx,
                    )?,
                };
                self.insert(canonical, module.clone());
                module
            }
        };
        let loaded = module.load(cx);
        if let Some(event_loop) = super::super::EventLoop::of(cx) {
            event_loop.run_module_jobs_now(cx)?;
        }
        match loaded.state() {
            PromiseState::Fulfilled(_) => {}
            PromiseState::Rejected(reason) => return Err(JsError::from_opaque(reason)),
            PromiseState::Pending => {
                return Err(type_error(format!(
                    "require() of ES module {} from {}: its imports did not load",
                    canonical.display(),
                    describe_referrer_path(from)
                )));
            }
        }
        module.link(cx)?;
        let evaluated = module.evaluate(cx)?;
        match evaluated.state() {
            PromiseState::Fulfilled(_) => Ok(module.namespace(cx).into()),
            PromiseState::Rejected(reason) => Err(JsError::from_opaque(reason)),
            PromiseState::Pending => Err(coded_error(
                format!(
                    "require() of ES module {} from {}: it uses top-level await; use import()",
                    canonical.display(),
                    describe_referrer_path(from)
                ),
                "ERR_REQUIRE_ASYNC_MODULE",
                cx,
            )),
        }
    }

    /// The CommonJS file at `canonical` as an ES module for an importer:
    /// `default` is `module.exports`, the named exports are what its
    /// source shows (see [`cjs_exports`]); the file runs when the module
    /// is evaluated.
    pub(super) fn cjs_as_module(
        &self,
        canonical: &Path,
        code: &str,
        compiled: Option<Script>,
        cx: &mut Context,
    ) -> JsResult<Module> {
        if let Some(script) = compiled {
            self.cjs
                .compiled
                .borrow_mut()
                .insert(canonical.to_path_buf(), script);
        }
        let mut names = Vec::new();
        let mut seen = vec![canonical.to_path_buf()];
        self.collect_names(canonical, code, &mut names, &mut seen);
        #[derive(Trace, Finalize, Clone)]
        struct Captures {
            #[unsafe_ignore_trace]
            path: PathBuf,
            names: Vec<JsString>,
        }
        let names: Vec<JsString> = names.iter().map(|n| JsString::from(n.as_str())).collect();
        let mut export_names = names.clone();
        export_names.push(js_string!("default"));
        Ok(Module::synthetic(
            &export_names,
            SyntheticModuleInitializer::from_copy_closure_with_captures(
                |module, captures: &Captures, cx| {
                    let loader = LoaderHandle::of(cx)?;
                    let exports = loader.exports_of(&captures.path, None, cx)?;
                    for name in &captures.names {
                        let value = match exports.as_object() {
                            Some(object) => object.get(PropertyKey::from(name.clone()), cx)?,
                            None => JsValue::undefined(),
                        };
                        module.set_export(name, value)?;
                    }
                    module.set_export(&js_string!("default"), exports)
                },
                Captures {
                    path: canonical.to_path_buf(),
                    names,
                },
            ),
            Some(canonical.to_path_buf()),
            None,
            cx,
        ))
    }

    /// The named exports of a CommonJS source, following its re-exports.
    fn collect_names(
        &self,
        path: &Path,
        code: &str,
        names: &mut Vec<String>,
        seen: &mut Vec<PathBuf>,
    ) {
        let CjsExports {
            names: own,
            reexports,
        } = cjs_exports::detect(code);
        for name in own {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        for specifier in reexports {
            let Ok(Resolved::File(target)) = self.cjs.resolver.resolve(&specifier, Some(path))
            else {
                continue;
            };
            let target = std::fs::canonicalize(&target).unwrap_or(target);
            if seen.contains(&target) || target.extension().is_some_and(|e| e == "json") {
                continue;
            }
            seen.push(target.clone());
            if let Ok(code) = std::fs::read_to_string(&target) {
                self.collect_names(&target, &code, names, seen);
            }
        }
    }
}

fn specifier_arg(args: &[JsValue], what: &str) -> JsResult<String> {
    match args.get_or_undefined(0).as_string() {
        Some(s) if !s.is_empty() => Ok(s.to_std_string_escaped()),
        Some(_) => Err(type_error(format!(
            "{what}: the argument 'id' must be a non-empty string"
        ))),
        None => Err(type_error(format!(
            "{what}: the \"id\" argument must be of type string"
        ))),
    }
}

/// A resolution failure as node reports it (`code` MODULE_NOT_FOUND).
fn not_found(error: JsError, cx: &mut Context) -> JsError {
    let message = error
        .as_native()
        .map(|native| native.message().to_string())
        .unwrap_or_else(|| error.to_string());
    let message = message.replace("cannot resolve module", "Cannot find module");
    coded_error(message, "MODULE_NOT_FOUND", cx)
}
