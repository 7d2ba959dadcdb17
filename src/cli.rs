//! What each subcommand does, as functions returning the exit code, so the
//! binary stays a thin argument parser.

use std::io::Write;
use std::path::Path;

use crate::runtime::{self, Runtime, RuntimeOptions};
use crate::web::console::inspect;
use crate::web::process::requested_exit_code;

/// The path of this binary, for `process.argv[0]`.
fn binary_path() -> String {
    std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| "nano-boa".to_owned())
}

fn new_runtime(argv: Vec<String>) -> Result<Runtime, i32> {
    Runtime::new(RuntimeOptions {
        argv,
        ..RuntimeOptions::default()
    })
    .map_err(|err| {
        eprintln!("error: cannot start the runtime: {err}");
        1
    })
}

fn flush() {
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
}

/// `nano-boa run FILE ARGS...`
pub fn run(file: &Path, args: &[String]) -> i32 {
    let script = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let mut argv = vec![binary_path(), script.display().to_string()];
    argv.extend(args.iter().cloned());
    let mut rt = match new_runtime(argv) {
        Ok(rt) => rt,
        Err(code) => return code,
    };
    let code = match rt.run_file(file) {
        Ok(()) => requested_exit_code(None, rt.context()).unwrap_or(0),
        Err(err) => {
            flush();
            eprintln!("{}", err.render(rt.context()));
            err.exit_code()
        }
    };
    flush();
    code
}

/// `nano-boa eval CODE`
pub fn eval(code: &str) -> i32 {
    let mut rt = match new_runtime(vec![binary_path()]) {
        Ok(rt) => rt,
        Err(code) => return code,
    };
    let status = match runtime::eval_to_value(&mut rt, code) {
        Ok(value) => {
            // Printed as console.log prints it (a string without quotes),
            // as `node -p` and `deno eval -p` do.
            let text = match value.as_string() {
                Some(s) => s.to_std_string_escaped(),
                None => inspect::inspect(&value, rt.context()),
            };
            println!("{text}");
            requested_exit_code(None, rt.context()).unwrap_or(0)
        }
        Err(err) => {
            flush();
            eprintln!("{}", err.render(rt.context()));
            err.exit_code()
        }
    };
    flush();
    status
}

/// `nano-boa repl`
pub fn repl() -> i32 {
    crate::repl::run()
}

/// `nano-boa test PATHS...`; without paths, the project's `js-tests`.
pub fn test(mut options: crate::test262::TestOptions) -> i32 {
    if options.paths.is_empty() {
        options.paths.push(std::path::PathBuf::from("js-tests"));
    }
    let code = crate::test262::run(&options);
    flush();
    code
}

/// `nano-boa __test-worker`: runs the jobs a `nano-boa test` parent sends.
pub fn test_worker(harness: std::path::PathBuf, features_skip: Vec<String>) -> i32 {
    crate::test262::worker(harness, features_skip)
}
