//! ES module loading from the file system.
//!
//! Specifiers resolve as node and the bundlers resolve them ([`resolve`]):
//! paths and `file:` URLs, and packages from `node_modules` with their
//! `exports`. JSON modules need `with { type: "json" }` (ECMA-262 import
//! attributes). Every module is loaded once per context, keyed by its
//! canonical path and module type; under `serve` only files inside the
//! app's directory load ([`ModuleScope`]), wherever resolution led.

mod cjs;
mod cjs_exports;
mod resolve;
pub mod typescript;

pub use cjs::{Detected, Format, compile as compile_cjs};
pub use resolve::CONDITIONS;
use resolve::{Resolved, SpecifierResolver};

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use boa_engine::module::{ModuleLoader, ModuleRequest, Referrer};
use boa_engine::{
    Context, JsNativeError, JsObject, JsResult, JsString, JsValue, Module, Source, js_string,
};

/// The kind of module an import asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum ModuleKind {
    JavaScript,
    Json,
}

/// Where modules may come from, when that is confined (`serve`: each app
/// to its own files).
#[derive(Debug, Clone, Default)]
pub struct ModuleScope {
    /// Only files under this directory load.
    pub root: PathBuf,
    /// Except these files and directories under it (the server's config
    /// file, other apps' directories nested in this one).
    pub deny: Vec<PathBuf>,
}

impl ModuleScope {
    /// Why `canonical` (a canonical path) may not be loaded, if it may not.
    fn refuses(&self, canonical: &Path) -> Option<String> {
        if !canonical.starts_with(&self.root) {
            return Some(format!(
                "it is outside the app's directory {}",
                self.root.display()
            ));
        }
        self.deny
            .iter()
            .any(|denied| canonical.starts_with(denied))
            .then(|| "it belongs to the server's config or to another app".to_string())
    }
}

/// Loads modules from disk; one per context.
#[derive(Debug, Default)]
pub struct FsModuleLoader {
    cache: RefCell<HashMap<(PathBuf, ModuleKind), Module>>,
    /// When set, only modules it allows load (paths canonical).
    scope: Option<ModuleScope>,
    resolver: SpecifierResolver,
    cjs: cjs::CjsState,
}

/// The loader of a context, in its context data, for the natives of
/// CommonJS (`require`) to find.
pub struct LoaderHandle(pub Rc<FsModuleLoader>);

impl LoaderHandle {
    fn of(cx: &Context) -> JsResult<Rc<FsModuleLoader>> {
        cx.get_data::<LoaderHandle>()
            .map(|handle| handle.0.clone())
            .ok_or_else(|| {
                JsNativeError::typ()
                    .with_message("internal: this context has no module loader")
                    .into()
            })
    }
}

impl FsModuleLoader {
    /// A loader confined to `scope` (its paths canonicalized here), or free
    /// to load any file when `None`.
    pub fn new(scope: Option<ModuleScope>) -> Self {
        let canonical = |path: PathBuf| std::fs::canonicalize(&path).unwrap_or(path);
        let scope = scope.map(|scope| ModuleScope {
            root: canonical(scope.root),
            deny: scope.deny.into_iter().map(canonical).collect(),
        });
        Self {
            cache: RefCell::default(),
            scope,
            resolver: SpecifierResolver::new(),
            cjs: cjs::CjsState::default(),
        }
    }

    /// Registers a module already parsed (the entry point), so that an
    /// import cycle back to it finds the same instance.
    pub fn insert(&self, path: &Path, module: Module) {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.cache
            .borrow_mut()
            .insert((key, ModuleKind::JavaScript), module);
    }

    /// The ES module of `canonical` in this context's cache.
    fn cached_module(&self, canonical: &Path) -> Option<Module> {
        self.cache
            .borrow()
            .get(&(canonical.to_path_buf(), ModuleKind::JavaScript))
            .cloned()
    }

    fn load(
        &self,
        referrer: &Referrer,
        request: &ModuleRequest,
        context: &mut Context,
    ) -> JsResult<Module> {
        let specifier = request.specifier().to_std_string_escaped();
        let kind = match request.get_attribute("type") {
            None => ModuleKind::JavaScript,
            Some(t) if t == &js_string!("json") => ModuleKind::Json,
            Some(t) => {
                return Err(JsNativeError::typ()
                    .with_message(format!(
                        "cannot import '{specifier}': unsupported module type \"{}\"",
                        t.to_std_string_escaped()
                    ))
                    .into());
            }
        };
        let path = match self.resolver.resolve(&specifier, referrer.path())? {
            Resolved::File(path) => path,
            Resolved::Builtin(name) => return self.builtin(&specifier, &name, referrer, context),
        };
        if kind == ModuleKind::JavaScript && path.extension().is_some_and(|e| e == "json") {
            return Err(JsNativeError::typ()
                .with_message(format!(
                    "cannot import '{specifier}': a JSON module needs the import attribute \
                     with {{ type: \"json\" }}"
                ))
                .into());
        }
        let canonical = std::fs::canonicalize(&path).map_err(|err| {
            JsNativeError::typ().with_message(format!(
                "cannot find module '{}' imported from {}: {err}",
                path.display(),
                describe_referrer(referrer)
            ))
        })?;
        self.check_scope(&specifier, &canonical, referrer.path())?;
        if let Some(module) = self.cache.borrow().get(&(canonical.clone(), kind)) {
            return Ok(module.clone());
        }
        let module = match kind {
            ModuleKind::JavaScript => {
                let code = std::fs::read_to_string(&canonical).map_err(|err| {
                    JsNativeError::typ()
                        .with_message(format!("cannot read module '{}': {err}", path.display()))
                })?;
                let code = javascript_of(&canonical, code, context)?;
                match self.detect(&canonical, &code, context) {
                    Detected::Module(Some(module)) => module,
                    Detected::Module(None) => {
                        let source = Source::from_bytes(code.as_bytes()).with_path(&canonical);
                        Module::parse(source, None, context)?
                    }
                    Detected::CommonJs(compiled) => {
                        self.cjs_as_module(&canonical, &code, compiled, context)?
                    }
                }
            }
            ModuleKind::Json => {
                let text = std::fs::read_to_string(&canonical).map_err(|err| {
                    JsNativeError::typ()
                        .with_message(format!("cannot read module '{}': {err}", path.display()))
                })?;
                Module::parse_json(JsString::from(text.as_str()), context).map_err(|err| {
                    JsNativeError::syntax()
                        .with_message(format!("invalid JSON module '{}'", path.display()))
                        .with_cause(err)
                })?
            }
        };
        self.cache
            .borrow_mut()
            .insert((canonical, kind), module.clone());
        Ok(module)
    }
}

impl FsModuleLoader {
    /// The module `node:<name>` from the APIs, one per context.
    fn builtin(
        &self,
        specifier: &str,
        name: &str,
        referrer: &Referrer,
        context: &mut Context,
    ) -> JsResult<Module> {
        let key = (
            PathBuf::from(format!("node:{name}")),
            ModuleKind::JavaScript,
        );
        if let Some(module) = self.cache.borrow().get(&key) {
            return Ok(module.clone());
        }
        let module = super::api_hooks::builtin_module(context, name)
            .unwrap_or_else(|| Err(resolve::missing_builtin(specifier, name, referrer.path())))?;
        self.cache.borrow_mut().insert(key, module.clone());
        Ok(module)
    }
}

/// The JavaScript of a file: TypeScript and JSX transpiled (its position
/// map kept in the context's [`typescript::SourceMaps`]), anything else as
/// it is.
pub fn javascript_of(path: &Path, code: String, cx: &mut Context) -> JsResult<String> {
    if !typescript::is_transpiled(path) {
        return Ok(code);
    }
    let config = typescript::TsConfig::for_file(path);
    match typescript::transpile(path, &code, &config) {
        Ok(out) => {
            if let Some(maps) = cx.get_data::<typescript::SourceMaps>() {
                maps.insert(path, out.map);
            }
            Ok(out.code)
        }
        Err(error) => Err(JsNativeError::syntax()
            .with_message(format!(
                "{} in {} at line {}, col {}",
                error.message,
                path.display(),
                error.line,
                error.column
            ))
            .into()),
    }
}

fn describe_referrer(referrer: &Referrer) -> String {
    describe_referrer_path(referrer.path())
}

fn describe_referrer_path(path: Option<&Path>) -> String {
    path.map_or_else(|| "<eval>".to_owned(), |p| p.display().to_string())
}

impl FsModuleLoader {
    /// Under a [`ModuleScope`], refuses a file outside it; checked on the
    /// canonical path, so that neither `..` nor a symlink inside the root
    /// leads out of it.
    fn check_scope(&self, specifier: &str, canonical: &Path, from: Option<&Path>) -> JsResult<()> {
        if let Some(why) = self.scope.as_ref().and_then(|s| s.refuses(canonical)) {
            return Err(JsNativeError::typ()
                .with_message(format!(
                    "cannot import '{specifier}' from {}: {} may not be imported: {why} \
                     (an app may only import its own files)",
                    describe_referrer_path(from),
                    canonical.display(),
                ))
                .into());
        }
        Ok(())
    }
}

/// The `file:` URL of a path, for `import.meta.url`.
pub fn file_url(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    url::Url::from_file_path(&absolute)
        .map(String::from)
        .unwrap_or_else(|()| format!("file://{}", absolute.display()))
}

impl ModuleLoader for FsModuleLoader {
    async fn load_imported_module(
        self: Rc<Self>,
        referrer: Referrer,
        request: ModuleRequest,
        context: &RefCell<&mut Context>,
    ) -> JsResult<Module> {
        self.load(&referrer, &request, &mut context.borrow_mut())
    }

    /// `import.meta.url`, `filename` and `dirname` (as deno and node have
    /// them), and `main` (whether this module is the entry point).
    fn init_import_meta(self: Rc<Self>, import_meta: &JsObject, module: &Module, cx: &mut Context) {
        let Some(path) = module.path() else { return };
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let url = file_url(&absolute);
        let dirname = absolute
            .parent()
            .map(|d| d.display().to_string())
            .unwrap_or_default();
        let entries = [
            ("url", JsValue::from(JsString::from(url.as_str()))),
            (
                "filename",
                JsValue::from(JsString::from(absolute.display().to_string().as_str())),
            ),
            ("dirname", JsValue::from(JsString::from(dirname.as_str()))),
        ];
        for (key, value) in entries {
            // import.meta is a fresh ordinary object; defining can't fail.
            let _ = import_meta.set(js_string!(key), value, false, cx);
        }
    }
}
