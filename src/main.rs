//! The `nano-boa` command line: argument parsing and exit codes only; the
//! work is done by the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use nano_boa::cli;

#[derive(Parser, Debug)]
#[command(
    name = "nano-boa",
    version,
    about = "A JavaScript runtime in pure Rust on the Boa engine",
    long_about = "A JavaScript runtime in pure Rust on the Boa engine.\n\n\
        Runs scripts and ES modules with an event loop (timers, promises), \
        evaluates snippets, offers a REPL, and runs test262-style fixtures.\n\
        Without a subcommand it starts the REPL.",
    after_help = "Examples:\n  nano-boa run examples/timers.js\n  nano-boa eval '1 + 2'\n  nano-boa test js-tests"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run a script or an ES module, then its event loop to the end
    #[command(
        after_help = "A file is an ES module when it ends in .mjs or uses import/export or \
                      top-level await; otherwise a classic script.\n\
                      Arguments after FILE reach the script as process.argv.slice(2).\n\n\
                      Exit status: 0 ok (or process.exitCode), 1 uncaught error or \
                      unhandled rejection, 2 usage error, 13 unsettled top-level await."
    )]
    Run {
        /// The script or module to run
        file: PathBuf,
        /// Arguments for the script (process.argv.slice(2))
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Evaluate JavaScript code, run the event loop, print the completion value
    Eval {
        /// The code to evaluate (a classic script)
        code: String,
    },
    /// Start the interactive read-eval-print loop (the default)
    Repl,
    /// Run test262-style fixtures, each in a fresh realm, in worker processes
    #[command(
        after_help = "PATHS are files or directories (searched recursively for .js and .mjs \
                      files; *_FIXTURE.* files and harness/ directories are skipped). \
                      Without PATHS, js-tests is used.\n\
                      Without --expect, an expected-failures.txt at the root of a directory \
                      in PATHS is the baseline.\n\n\
                      Exit status: 0 no new failure, 1 a test failed that the baseline does \
                      not list, 2 usage error."
    )]
    Test {
        /// Test files or directories
        paths: Vec<PathBuf>,
        /// Number of worker processes (default: number of cores)
        #[arg(short = 'j', long = "jobs", value_name = "N",
              value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
        /// Seconds a test may run before it is killed and reported as a timeout
        #[arg(long, value_name = "SECS", default_value_t = 10.0,
              value_parser = parse_timeout)]
        timeout: f64,
        /// Write per-test results to FILE as JSON
        #[arg(long, value_name = "FILE")]
        json: Option<PathBuf>,
        /// Skip tests that use any of these features (comma separated)
        #[arg(long = "features-skip", value_name = "A,B", value_delimiter = ',')]
        features_skip: Vec<String>,
        /// Baseline of known failures: one test path per line, relative to FILE's directory
        #[arg(long, value_name = "FILE")]
        expect: Option<PathBuf>,
        /// A test262 checkout: use DIR/harness for includes
        #[arg(long, value_name = "DIR")]
        test262: Option<PathBuf>,
    },
    /// Internal: a worker process of `nano-boa test`
    #[command(name = "__test-worker", hide = true)]
    TestWorker {
        #[arg(long)]
        harness: PathBuf,
        #[arg(long = "features-skip", value_delimiter = ',')]
        features_skip: Vec<String>,
    },
    /// Internal: the network fixtures' server, until killed; prints its URLs as JSON
    #[command(name = "__fixture-server", hide = true)]
    FixtureServer,
}

fn parse_timeout(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(secs) if secs.is_finite() && secs > 0.0 && secs < 1e9 => Ok(secs),
        _ => Err(format!("'{text}' is not a positive number of seconds")),
    }
}

fn main() -> ExitCode {
    let args = Cli::parse();
    cli::install_panic_hook();
    let code = match args.command {
        Some(Command::Run { file, args }) => cli::on_js_thread(move || cli::run(&file, &args)),
        Some(Command::Eval { code }) => cli::on_js_thread(move || cli::eval(&code)),
        Some(Command::Repl) | None => cli::on_js_thread(cli::repl),
        Some(Command::Test {
            paths,
            jobs,
            timeout,
            json,
            features_skip,
            expect,
            test262,
        }) => cli::test(nano_boa::test262::TestOptions {
            paths,
            jobs: jobs.map(usize::from),
            timeout: std::time::Duration::from_secs_f64(timeout),
            json,
            features_skip,
            expect,
            test262,
        }),
        Some(Command::TestWorker {
            harness,
            features_skip,
        }) => cli::test_worker(harness, features_skip),
        Some(Command::FixtureServer) => cli::fixture_server(),
    };
    ExitCode::from(u8::try_from(code & 0xff).unwrap_or(1))
}
