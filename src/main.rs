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
}

fn main() -> ExitCode {
    let args = Cli::parse();
    let code = match args.command {
        Some(Command::Run { file, args }) => cli::run(&file, &args),
        Some(Command::Eval { code }) => cli::eval(&code),
        Some(Command::Repl) | None => cli::repl(),
    };
    ExitCode::from(u8::try_from(code & 0xff).unwrap_or(1))
}
