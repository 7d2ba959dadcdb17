//! The runtime: a Boa context with nano-boa's event loop, module loader,
//! host hooks and web globals, and the entry points that run code on it.

pub mod alloc;
pub mod api_hooks;
pub mod async_context;
pub mod clock;
pub mod errors;
pub mod event_loop;
pub mod hooks;
pub mod limits;
pub mod modules;
pub mod timers;

use std::path::{Path, PathBuf};
use std::rc::Rc;

use boa_engine::builtins::promise::PromiseState;
use boa_engine::object::FunctionObjectBuilder;
use boa_engine::object::builtins::JsPromise;
use boa_engine::{Context, JsError, JsResult, JsValue, Module, NativeFunction, Script, Source};

pub use errors::RunError;
pub use event_loop::{EventLoop, LoopError};
use hooks::RuntimeHooks;
use modules::FsModuleLoader;

/// What `process.exit()` does in this runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExitPolicy {
    /// Flush stdout and stderr and end the process (the CLI, like node).
    #[default]
    Process,
    /// Throw a TypeError: an embedder (a server hosting many apps) must not
    /// let one script end the process.
    Disabled,
}

/// How to build a [`Runtime`].
#[derive(Debug, Clone, Default)]
pub struct RuntimeOptions {
    /// `process.argv`: the binary, the script, then the script's arguments.
    pub argv: Vec<String>,
    /// What `process.exit()` does.
    pub exit: ExitPolicy,
    /// How `fetch()` reaches the network: policy, trust roots, limits.
    pub net: crate::net::NetConfig,
    /// Where modules may come from: `None` for anywhere (the CLI), `Some`
    /// to confine them (`serve`: each app to its own files, checked after
    /// symlinks are resolved).
    pub module_scope: Option<modules::ModuleScope>,
    /// `process.env`: `None` for the process's environment (the CLI, as
    /// node); `Some` for exactly these variables (`serve`: the app's `env`,
    /// never the host's).
    pub env: Option<Vec<(String, String)>>,
}

/// How a source file is evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Script,
    Module,
}

/// A JavaScript context with everything nano-boa provides.
pub struct Runtime {
    context: Context,
    event_loop: Rc<EventLoop>,
    loader: Rc<FsModuleLoader>,
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime")
            .field("event_loop", &self.event_loop)
            .finish_non_exhaustive()
    }
}

/// Installs the APIs every context of a runtime gets: the web layer's
/// `crate::web::register_all` (see `crate::web::new_runtime`).
pub type InstallApis = fn(&mut Context, &RuntimeOptions) -> JsResult<()>;

impl Runtime {
    /// Builds a context (event loop, module loader, host hooks, the
    /// engine's built-ins with nano-boa's native replacements) and has
    /// `install` define the APIs on it.
    pub fn with_apis(options: RuntimeOptions, install: InstallApis) -> JsResult<Self> {
        let event_loop = Rc::new(EventLoop::new());
        let loader = Rc::new(FsModuleLoader::new(options.module_scope.clone()));
        let hooks = Rc::new(RuntimeHooks::new(event_loop.clone()));
        let mut context = Context::builder()
            .job_executor(event_loop.clone())
            .module_loader(loader.clone())
            .host_hooks(hooks)
            .build()?;
        context.insert_data(modules::LoaderHandle(loader.clone()));
        context.insert_data(modules::typescript::SourceMaps::default());
        crate::engine::register(&mut context)?;
        install(&mut context, &options)?;
        Ok(Self {
            context,
            event_loop,
            loader,
        })
    }

    /// The core alone, with no web API: for embedders and for testing the
    /// core by itself.
    pub fn bare(options: RuntimeOptions) -> JsResult<Self> {
        Self::with_apis(options, |_, _| Ok(()))
    }

    pub fn context(&mut self) -> &mut Context {
        &mut self.context
    }

    pub fn event_loop(&self) -> &Rc<EventLoop> {
        &self.event_loop
    }

    /// Evaluates `code` as a classic script named `name` (for stack traces)
    /// and returns its completion value. Jobs it queues are not run.
    pub fn eval_script(&mut self, code: &str, name: &Path) -> JsResult<JsValue> {
        let source = Source::from_bytes(code.as_bytes()).with_path(name);
        let script = Script::parse(source, None, &mut self.context)?;
        script.evaluate(&mut self.context)
    }

    /// Parses `code` as an ES module located at `path`.
    /// TypeScript and JSX (by the path's extension) are transpiled first.
    pub fn parse_module(&mut self, code: &str, path: &Path) -> JsResult<Module> {
        let code = modules::javascript_of(path, code.to_owned(), &mut self.context)?;
        let source = Source::from_bytes(code.as_bytes()).with_path(path);
        let module = Module::parse(source, None, &mut self.context)?;
        self.loader.insert(path, module.clone());
        Ok(module)
    }

    /// Loads, links and evaluates `module`. If evaluation fails, at once or
    /// after a top-level await, the event loop stops with that error.
    pub fn evaluate_module(&mut self, module: &Module) -> JsResult<JsPromise> {
        let promise = module.load_link_evaluate(&mut self.context);
        let on_rejected = FunctionObjectBuilder::new(
            self.context.realm(),
            NativeFunction::from_copy_closure(|_, args, cx| {
                if let Some(event_loop) = EventLoop::of(cx) {
                    let reason = args.first().cloned().unwrap_or_default();
                    event_loop.fail(LoopError::Uncaught(JsError::from_opaque(reason)));
                }
                Ok(JsValue::undefined())
            }),
        )
        .build();
        promise.then(None, Some(on_rejected), &mut self.context)?;
        Ok(promise)
    }

    /// Runs the event loop until no work is left.
    pub fn run_event_loop(&mut self) -> Result<(), LoopError> {
        self.event_loop.clone().run_to_end(&mut self.context)
    }

    /// Runs a file as `nano-boa run` does: classic script or module (see
    /// [`detect_kind`]), then the event loop to the end.
    pub fn run_file(&mut self, path: &Path) -> Result<(), RunError> {
        let code = std::fs::read_to_string(path).map_err(|error| RunError::Io {
            path: path.to_path_buf(),
            error,
        })?;
        let absolute = std::path::absolute(path).unwrap_or_else(|_| PathBuf::from(path));
        let code = modules::javascript_of(&absolute, code, &mut self.context).map_err(|error| {
            RunError::Syntax {
                error,
                path: Some(absolute.clone()),
            }
        })?;
        self.run_source(&code, &absolute)
    }

    /// Runs `code` as if it were the file at `path`: an ES module or a
    /// CommonJS module, as node decides (see `modules::cjs`).
    pub fn run_source(&mut self, code: &str, path: &Path) -> Result<(), RunError> {
        let syntax = |error| RunError::Syntax {
            error,
            path: Some(path.to_path_buf()),
        };
        let parsed = match self.loader.detect(path, code, &mut self.context) {
            modules::Detected::CommonJs(script) => {
                let script = match script {
                    Some(script) => script,
                    None => modules::compile_cjs(path, code, &mut self.context).map_err(syntax)?,
                };
                self.loader
                    .run_main_cjs(&script, path, &mut self.context)
                    .map_err(RunError::Uncaught)?;
                self.run_event_loop()?;
                return Ok(());
            }
            modules::Detected::Module(Some(module)) => Parsed::Module(module),
            modules::Detected::Module(None) => {
                let source = Source::from_bytes(code.as_bytes()).with_path(path);
                Parsed::Module(Module::parse(source, None, &mut self.context).map_err(syntax)?)
            }
        };
        match parsed {
            Parsed::Script(script) => {
                script
                    .evaluate(&mut self.context)
                    .map_err(RunError::Uncaught)?;
                self.run_event_loop()?;
            }
            Parsed::Module(module) => {
                self.loader.insert(path, module.clone());
                let promise = self.evaluate_module(&module).map_err(RunError::Uncaught)?;
                self.run_event_loop()?;
                if let PromiseState::Pending = promise.state() {
                    // Top-level await on a promise nothing will settle.
                    return Err(RunError::UnsettledTopLevelAwait);
                }
            }
        }
        Ok(())
    }
}

/// Source code parsed as the kind it turned out to be.
pub enum Parsed {
    Script(Script),
    Module(Module),
}

/// Parses `code` as a classic script or an ES module: `.mjs` is a module
/// and `.cjs` a script; otherwise code that parses as a script is one, and
/// code that only parses as a module (import/export statements, top-level
/// await) is a module, as node's module detection does.
pub fn parse_source(code: &str, path: &Path, cx: &mut Context) -> Result<Parsed, RunError> {
    let source = || Source::from_bytes(code.as_bytes()).with_path(path);
    let syntax = |err| RunError::Syntax {
        error: err,
        path: Some(path.to_path_buf()),
    };
    match path.extension().and_then(|e| e.to_str()) {
        Some("mjs") => {
            return Module::parse(source(), None, cx)
                .map(Parsed::Module)
                .map_err(syntax);
        }
        Some("cjs") => {
            return Script::parse(source(), None, cx)
                .map(Parsed::Script)
                .map_err(syntax);
        }
        _ => {}
    }
    // Try the module grammar first when the code says it is a module:
    // parsing a script declares its global bindings, so the successful parse
    // must be the one we keep.
    if looks_like_module(code)
        && let Ok(module) = Module::parse(source(), None, cx)
    {
        return Ok(Parsed::Module(module));
    }
    match Script::parse(source(), None, cx) {
        Ok(script) => Ok(Parsed::Script(script)),
        Err(script_error) => match Module::parse(source(), None, cx) {
            Ok(module) => Ok(Parsed::Module(module)),
            Err(module_error) if looks_like_module(code) => Err(syntax(module_error)),
            Err(_) => Err(syntax(script_error)),
        },
    }
}

/// Whether a line starts with an `import`/`export` statement.
pub(crate) fn looks_like_module(code: &str) -> bool {
    code.lines().map(str::trim_start).any(|line| {
        line.starts_with("import ")
            || line.starts_with("import{")
            || line.starts_with("export ")
            || line.starts_with("export{")
    })
}

/// Evaluates `code` as a classic script named `<eval>`, runs the event
/// loop to the end and returns the completion value (`nano-boa eval`).
pub fn eval_to_value(runtime: &mut Runtime, code: &str) -> Result<JsValue, RunError> {
    let source = Source::from_bytes(code.as_bytes()).with_path(Path::new("<eval>"));
    let script = Script::parse(source, None, runtime.context())
        .map_err(|error| RunError::Syntax { error, path: None })?;
    let value = script
        .evaluate(runtime.context())
        .map_err(RunError::Uncaught)?;
    runtime.run_event_loop()?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use boa_engine::js_string;

    use super::*;

    /// The core runs by itself: promises and the event loop, modules'
    /// kinds, error reports, with no web API defined.
    #[test]
    fn the_core_runs_without_the_web_layer() {
        let mut rt = Runtime::bare(RuntimeOptions::default()).expect("runtime");
        let value = eval_to_value(
            &mut rt,
            "Promise.resolve(1).then((v) => { globalThis.seen = v + 1; });\n\
             [typeof fetch, typeof URL, typeof console, typeof JSON.rawJSON].join()",
        )
        .expect("runs");
        assert_eq!(
            value.as_string().map(|s| s.to_std_string_escaped()),
            Some("undefined,undefined,undefined,function".to_owned()),
            "no web API, the engine's native replacements present"
        );
        let global = rt.context().global_object();
        let seen = global.get(js_string!("seen"), rt.context()).expect("get");
        assert_eq!(seen.as_number(), Some(2.0), "the promise job ran");
    }

    #[test]
    fn a_bare_core_reports_a_thrown_value_without_the_web_layer() {
        let mut rt = Runtime::bare(RuntimeOptions::default()).expect("runtime");
        let error = eval_to_value(&mut rt, "throw { code: 7 }").expect_err("throws");
        let text = error.render(rt.context());
        assert!(text.contains("code"), "{text}");
        // A rejection nobody handles fails the loop; no event fires first.
        let error =
            eval_to_value(&mut rt, "Promise.reject(new TypeError('late'))").expect_err("unhandled");
        assert!(
            error.render(rt.context()).contains("TypeError: late"),
            "{}",
            error.render(rt.context())
        );
    }
}
