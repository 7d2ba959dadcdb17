//! Running one test file, each of its scenarios in a fresh realm
//! (INTERPRETING.md, "Test Execution"), and judging the outcome.

use std::path::{Path, PathBuf};

use boa_engine::builtins::promise::PromiseState;
use boa_engine::object::builtins::JsPromise;
use boa_engine::{Context, JsError, JsValue, Script, Source, js_string};
use serde::{Deserialize, Serialize};

use super::frontmatter::{self, Metadata, Phase};
use super::harness::{self, Harness};
use super::host::{self, PrintLog};
use crate::runtime::errors::{describe_value, render_syntax_error};
use crate::runtime::{ExitPolicy, LoopError, Runtime, RuntimeOptions};

/// What happened to a test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Pass,
    Fail,
    Skip,
    /// No result within `--timeout`; the worker was killed.
    Timeout,
    /// The worker died while running the test.
    Crashed,
}

impl Status {
    /// Whether the test counts as failed.
    pub fn is_failure(self) -> bool {
        matches!(self, Status::Fail | Status::Timeout | Status::Crashed)
    }
}

/// One way of running a test (INTERPRETING.md, "Strict Mode" and `flags`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    NonStrict,
    Strict,
    Module,
    Raw,
}

impl Scenario {
    pub fn name(self) -> &'static str {
        match self {
            Scenario::NonStrict => "non-strict",
            Scenario::Strict => "strict",
            Scenario::Module => "module",
            Scenario::Raw => "raw",
        }
    }

    /// The scenarios a test runs in.
    pub fn for_test(meta: &Metadata) -> Vec<Scenario> {
        let flags = meta.flags;
        if flags.module {
            // Module code is always strict: no directive, one run.
            vec![Scenario::Module]
        } else if flags.raw {
            // Run exactly as written: no directive, no harness.
            vec![Scenario::Raw]
        } else if flags.only_strict {
            vec![Scenario::Strict]
        } else if flags.no_strict {
            vec![Scenario::NonStrict]
        } else {
            vec![Scenario::NonStrict, Scenario::Strict]
        }
    }
}

/// The result of one scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioResult {
    pub name: String,
    pub passed: bool,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub message: Option<String>,
}

/// The result of one test: passed only if every scenario passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestOutcome {
    pub status: Status,
    pub scenarios: Vec<ScenarioResult>,
    /// Why the test failed or was skipped, when no scenario says it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub message: Option<String>,
}

impl TestOutcome {
    fn whole(status: Status, message: String) -> Self {
        Self {
            status,
            scenarios: Vec::new(),
            message: Some(message),
        }
    }
}

/// Runs tests, one after the other, in one process.
#[derive(Debug)]
pub struct Runner {
    harness: Harness,
    features_skip: Vec<String>,
    /// Extra trusted roots for `fetch()` (the fixture server's CA).
    extra_ca_pem: Vec<PathBuf>,
}

/// An error and the phase it happened in.
struct Thrown {
    phase: Phase,
    /// The constructor name of the thrown value, if it is an object.
    constructor: Option<String>,
    /// A readable description, for failure messages.
    text: String,
}

impl Runner {
    pub fn new(
        harness_dir: PathBuf,
        features_skip: Vec<String>,
        extra_ca_pem: Vec<PathBuf>,
    ) -> Self {
        Self {
            harness: Harness::new(harness_dir),
            features_skip,
            extra_ca_pem,
        }
    }

    /// Runs every scenario of the test at `path`.
    pub fn run(&mut self, path: &Path) -> TestOutcome {
        let source = match std::fs::read_to_string(path) {
            Ok(source) => source,
            Err(err) => return TestOutcome::whole(Status::Fail, format!("cannot read: {err}")),
        };
        let mut meta = match frontmatter::parse(&source) {
            Ok(meta) => meta,
            Err(err) => {
                return TestOutcome::whole(Status::Fail, format!("invalid front matter: {err}"));
            }
        };
        if path.extension().is_some_and(|e| e == "mjs") {
            meta.flags.module = true;
        }
        if meta.flags.can_block_is_true {
            // The runner's main thread may not block (CanBlockIsFalse holds).
            return TestOutcome::whole(
                Status::Skip,
                "CanBlockIsTrue: tests run on a thread that cannot block".to_owned(),
            );
        }
        if let Some(feature) = meta
            .features
            .iter()
            .find(|f| self.features_skip.contains(f))
        {
            return TestOutcome::whole(Status::Skip, format!("feature '{feature}' is skipped"));
        }
        let scenarios: Vec<ScenarioResult> = Scenario::for_test(&meta)
            .into_iter()
            .map(|scenario| {
                let result = self.run_scenario(path, &source, &meta, scenario);
                ScenarioResult {
                    name: scenario.name().to_owned(),
                    passed: result.is_ok(),
                    message: result.err(),
                }
            })
            .collect();
        let status = if scenarios.iter().all(|s| s.passed) {
            Status::Pass
        } else {
            Status::Fail
        };
        TestOutcome {
            status,
            scenarios,
            message: None,
        }
    }

    /// Runs one scenario in a fresh runtime; `Err` says why it failed.
    fn run_scenario(
        &mut self,
        path: &Path,
        source: &str,
        meta: &Metadata,
        scenario: Scenario,
    ) -> Result<(), String> {
        let mut rt = crate::web::new_runtime(RuntimeOptions {
            argv: vec!["nano-boa".to_owned(), path.display().to_string()],
            // process.exit() must not end the worker.
            exit: ExitPolicy::Disabled,
            net: crate::net::NetConfig {
                extra_ca_pem: self.extra_ca_pem.clone(),
                ..crate::net::NetConfig::default()
            },
            ..RuntimeOptions::default()
        })
        .map_err(|err| format!("cannot create a runtime: {err}"))?;
        // Test262 has no notion of unhandled rejections: a test fails only by
        // throwing or through $DONE.
        rt.event_loop().set_fail_on_unhandled_rejection(false);
        let log = PrintLog::default();
        host::register(&log, rt.context()).map_err(|err| format!("cannot define $262: {err}"))?;

        for name in harness::files_for(meta) {
            let code = self.harness.get(&name)?;
            let harness_path = self.harness.path(&name);
            if let Err(err) = rt.eval_script(&code, &harness_path) {
                let text = describe(&err, rt.context());
                return Err(format!("harness file {name} threw: {text}"));
            }
        }

        let result = match scenario {
            Scenario::Module => run_module(&mut rt, source, path),
            Scenario::Strict => {
                // INTERPRETING.md, "Strict Mode": strict runs get the
                // directive prepended to the test source.
                run_script(&mut rt, &format!("\"use strict\";\n{source}"), path)
            }
            Scenario::NonStrict | Scenario::Raw => run_script(&mut rt, source, path),
        };
        judge(meta, result, &log)
    }
}

/// Whether the outcome is what the metadata asks for.
fn judge(meta: &Metadata, result: Result<(), Thrown>, log: &PrintLog) -> Result<(), String> {
    match (&meta.negative, result) {
        (Some(negative), Err(thrown)) => {
            let right_type = thrown.constructor.as_deref() == Some(negative.error_type.as_str());
            if thrown.phase == negative.phase && right_type {
                Ok(())
            } else {
                Err(format!(
                    "expected {} in the {} phase, got in the {} phase: {}",
                    negative.error_type,
                    negative.phase.as_str(),
                    thrown.phase.as_str(),
                    thrown.text
                ))
            }
        }
        (Some(negative), Ok(())) => Err(format!(
            "expected {} in the {} phase, but the test completed without error",
            negative.error_type,
            negative.phase.as_str()
        )),
        (None, Err(thrown)) => Err(format!("{} error: {}", thrown.phase.as_str(), thrown.text)),
        (None, Ok(())) if meta.flags.is_async => async_result(log),
        (None, Ok(())) => Ok(()),
    }
}

/// An async test's verdict from what the harness printed (INTERPRETING.md,
/// "flags: async": `$DONE` prints one of two marker lines).
fn async_result(log: &PrintLog) -> Result<(), String> {
    for line in log.lines() {
        if line.starts_with("Test262:AsyncTestComplete") {
            return Ok(());
        }
        if let Some(failure) = line.strip_prefix("Test262:AsyncTestFailure:") {
            return Err(format!("async failure: {failure}"));
        }
    }
    Err("async test did not call $DONE before the event loop ran out of work".to_owned())
}

fn run_script(rt: &mut Runtime, code: &str, path: &Path) -> Result<(), Thrown> {
    let source = Source::from_bytes(code.as_bytes()).with_path(path);
    let script = Script::parse(source, None, rt.context()).map_err(|err| Thrown {
        phase: Phase::Parse,
        constructor: constructor_name(&err, rt.context()),
        text: render_syntax_error(&err, Some(path)),
    })?;
    script
        .evaluate(rt.context())
        .map_err(|err| thrown(Phase::Runtime, &err, rt.context()))?;
    run_loop(rt)
}

/// Parse, load and link (the resolution phase), evaluate.
fn run_module(rt: &mut Runtime, code: &str, path: &Path) -> Result<(), Thrown> {
    let module = rt.parse_module(code, path).map_err(|err| Thrown {
        phase: Phase::Parse,
        constructor: constructor_name(&err, rt.context()),
        text: render_syntax_error(&err, Some(path)),
    })?;
    // Loading the graph settles a promise; linking is synchronous. Both
    // failures are resolution errors (INTERPRETING.md, `negative.phase`).
    let loaded = module.load(rt.context());
    run_loop(rt)?;
    settled(&loaded, Phase::Resolution, "loading the module graph", rt)?;
    module
        .link(rt.context())
        .map_err(|err| thrown(Phase::Resolution, &err, rt.context()))?;
    let evaluated = module
        .evaluate(rt.context())
        .map_err(|err| thrown(Phase::Runtime, &err, rt.context()))?;
    run_loop(rt)?;
    settled(&evaluated, Phase::Runtime, "top-level await", rt)
}

/// Runs the event loop to the end; an error thrown by a callback is a
/// runtime error.
fn run_loop(rt: &mut Runtime) -> Result<(), Thrown> {
    match rt.run_event_loop() {
        Ok(()) => Ok(()),
        Err(LoopError::Uncaught(err)) => Err(thrown(Phase::Runtime, &err, rt.context())),
        Err(LoopError::UnhandledRejection(value)) => Err(Thrown {
            phase: Phase::Runtime,
            constructor: value_constructor_name(&value, rt.context()),
            text: format!(
                "unhandled rejection: {}",
                describe_thrown(&value, rt.context())
            ),
        }),
    }
}

/// The outcome of a promise once the loop has run out of work.
fn settled(promise: &JsPromise, phase: Phase, what: &str, rt: &mut Runtime) -> Result<(), Thrown> {
    match promise.state() {
        PromiseState::Fulfilled(_) => Ok(()),
        PromiseState::Rejected(value) => Err(Thrown {
            phase,
            constructor: value_constructor_name(&value, rt.context()),
            text: describe_thrown(&value, rt.context()),
        }),
        PromiseState::Pending => Err(Thrown {
            phase,
            constructor: None,
            text: format!("{what} never finished: it waits on a promise nothing settles"),
        }),
    }
}

fn thrown(phase: Phase, err: &JsError, cx: &mut Context) -> Thrown {
    Thrown {
        phase,
        constructor: constructor_name(err, cx),
        text: describe(err, cx),
    }
}

/// The name of the thrown value's constructor (`e.constructor.name`), which
/// is what a negative test's `type` names.
fn constructor_name(err: &JsError, cx: &mut Context) -> Option<String> {
    let value = err.clone().into_opaque(cx).ok()?;
    value_constructor_name(&value, cx)
}

fn value_constructor_name(value: &JsValue, cx: &mut Context) -> Option<String> {
    let object = value.as_object()?;
    let constructor = object.get(js_string!("constructor"), cx).ok()?;
    let name = constructor.as_object()?.get(js_string!("name"), cx).ok()?;
    name.as_string().map(|s| s.to_std_string_escaped())
}

fn describe(err: &JsError, cx: &mut Context) -> String {
    match err.clone().into_opaque(cx) {
        Ok(value) => describe_thrown(&value, cx),
        Err(_) => err.to_string(),
    }
}

/// "Name: message" for anything error-like, Test262Error included (it is
/// not an Error instance, so the runtime's describer would dump it).
fn describe_thrown(value: &JsValue, cx: &mut Context) -> String {
    let error_like = value.as_object().and_then(|object| {
        if object.is::<boa_engine::builtins::error::Error>() {
            return None;
        }
        let mut read = |key| {
            object
                .get(key, cx)
                .ok()
                .and_then(|v| v.as_string().map(|s| s.to_std_string_escaped()))
        };
        let message = read(js_string!("message"))?;
        let name = read(js_string!("name"));
        // test262's Test262Error has no `name`: its constructor names it.
        let name = name
            .or_else(|| value_constructor_name(value, cx))
            .unwrap_or_else(|| "Error".to_owned());
        Some(if message.is_empty() {
            name
        } else {
            format!("{name}: {message}")
        })
    });
    first_lines(&error_like.unwrap_or_else(|| describe_value(value, cx)))
}

/// The message and the top of the stack: enough to find the failure.
fn first_lines(text: &str) -> String {
    const MAX_LINES: usize = 6;
    let mut lines: Vec<&str> = text.lines().take(MAX_LINES + 1).collect();
    if lines.len() > MAX_LINES {
        lines.truncate(MAX_LINES);
        lines.push("    ...");
    }
    lines.join("\n")
}
