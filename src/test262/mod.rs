//! `nano-boa test`: a runner for test262-style fixtures, following tc39's
//! INTERPRETING.md. One module per concept:
//! - [`frontmatter`]: a test's metadata;
//! - [`harness`]: harness files and includes;
//! - [`host`]: `$262` and `print`;
//! - [`runner`]: one test, each scenario in a fresh realm;
//! - [`pool`]: worker processes, timeouts and crashes;
//! - [`report`]: progress, summary, JSON and the baseline;
//! - [`fixture_server`]: the local HTTP(S) server network fixtures use.

pub mod fixture_server;
pub mod frontmatter;
pub mod harness;
pub mod host;
pub mod pool;
pub mod report;
pub mod runner;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

use report::{Baseline, Reporter};

/// The options of `nano-boa test`.
#[derive(Debug, Clone)]
pub struct TestOptions {
    pub paths: Vec<PathBuf>,
    pub jobs: Option<usize>,
    pub timeout: Duration,
    pub json: Option<PathBuf>,
    pub features_skip: Vec<String>,
    pub expect: Option<PathBuf>,
    pub test262: Option<PathBuf>,
}

/// The name of a baseline found automatically at the root of a directory
/// given on the command line (when `--expect` is not given).
pub const BASELINE_NAME: &str = "expected-failures.txt";

/// Runs the tests; returns the exit status (0 ok, 1 failures, 2 usage).
pub fn run(options: &TestOptions) -> i32 {
    match prepare(options) {
        Ok((tests, harness_dir, baseline)) => {
            if tests.is_empty() {
                eprintln!("warning: no test files (.js, .mjs) found in the given paths");
            }
            let workers = options.jobs.unwrap_or_else(|| {
                std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
            });
            // Started before the workers, stopped when this scope ends.
            let (server, worker_env) = fixture_env(&tests);
            let pool_options = pool::PoolOptions {
                workers,
                timeout: options.timeout,
                worker_args: pool::worker_args(&harness_dir, &options.features_skip),
                worker_env,
            };
            let mut reporter = Reporter::new(tests.len(), baseline);
            let result = pool::run_all(&tests, &pool_options, |finished| {
                reporter.record(&tests[finished.index], finished.outcome, finished.duration);
            });
            let status = reporter.finish(options.json.as_deref());
            drop(server);
            match result {
                Ok(()) => status,
                Err(err) => {
                    eprintln!("error: {err}");
                    1
                }
            }
        }
        Err(message) => {
            eprintln!("error: {message}");
            2
        }
    }
}

/// Starts the fixture server when a selected test includes its harness
/// file, and returns the environment workers need. When it cannot start,
/// workers get the reason instead, and the harness file fails each such
/// test with it: network fixtures are never silently skipped.
fn fixture_env(
    tests: &[PathBuf],
) -> (
    Option<fixture_server::FixtureServer>,
    Vec<(OsString, OsString)>,
) {
    if !tests.iter().any(|test| wants_fixture_server(test)) {
        return (None, Vec::new());
    }
    match fixture_server::FixtureServer::start(1) {
        Ok(server) => {
            let env = server
                .env()
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect();
            (Some(server), env)
        }
        Err(err) => {
            eprintln!("error: the fixture server did not start: {err}");
            let env = vec![(fixture_server::ENV_ERROR.into(), err.into())];
            (None, env)
        }
    }
}

/// Whether the test's front matter includes the fixture server's harness
/// file. Unreadable files and bad front matter say no here; the worker
/// reports them as failures.
fn wants_fixture_server(test: &Path) -> bool {
    std::fs::read_to_string(test)
        .ok()
        // A substring check first: a test262 checkout has 50,000 files.
        .filter(|source| source.contains(fixture_server::HARNESS_FILE))
        .and_then(|source| frontmatter::parse(&source).ok())
        .is_some_and(|meta| {
            meta.includes
                .iter()
                .any(|name| name == fixture_server::HARNESS_FILE)
        })
}

/// Checks the arguments: the tests to run, the harness, the baseline.
fn prepare(options: &TestOptions) -> Result<(Vec<PathBuf>, PathBuf, Baseline), String> {
    let mut tests = Vec::new();
    for path in &options.paths {
        if path.is_dir() {
            collect(path, &mut tests)
                .map_err(|err| format!("cannot read '{}': {err}", path.display()))?;
        } else if path.is_file() {
            tests.push(path.clone());
        } else {
            return Err(format!("'{}' does not exist", path.display()));
        }
    }
    tests.sort();
    tests.dedup();
    let harness_dir = harness::locate(options.test262.as_deref())?;
    let mut baseline = Baseline::default();
    match &options.expect {
        Some(file) => baseline.load(file)?,
        None => {
            for dir in options.paths.iter().filter(|p| p.is_dir()) {
                let file = dir.join(BASELINE_NAME);
                if file.is_file() {
                    baseline.load(&file)?;
                }
            }
        }
    }
    Ok((tests, harness_dir, baseline))
}

/// Adds the test files under `dir`: `.js` and `.mjs` files, except
/// `*_FIXTURE.*` (modules that tests import) and `harness/` directories.
fn collect(dir: &Path, tests: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if path.is_dir() {
            if name != "harness" && !name.starts_with('.') {
                collect(&path, tests)?;
            }
        } else if is_test_file(&name) {
            tests.push(path);
        }
    }
    Ok(())
}

fn is_test_file(name: &str) -> bool {
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    matches!(ext, "js" | "mjs") && !stem.ends_with("_FIXTURE")
}

/// `nano-boa __test-worker`: the worker side of [`pool`].
pub fn worker(harness_dir: PathBuf, features_skip: Vec<String>, extra_ca_pem: Vec<PathBuf>) -> i32 {
    pool::worker_main(harness_dir, features_skip, extra_ca_pem)
}

#[cfg(test)]
mod tests {
    use super::is_test_file;

    #[test]
    fn picks_test_files() {
        assert!(is_test_file("a.js"));
        assert!(is_test_file("a.mjs"));
        assert!(!is_test_file("a_FIXTURE.js"));
        assert!(!is_test_file("a.json"));
        assert!(!is_test_file("js"));
    }
}
