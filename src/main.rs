//! The `nano-boa` command line: argument parsing and exit codes only; the
//! work is done by the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use nano_boa::cli;

/// Counts bytes per thread: the server's per-app memory limit reads it
/// (`runtime::alloc`).
#[global_allocator]
static ALLOC: nano_boa::runtime::alloc::CountingAlloc = nano_boa::runtime::alloc::CountingAlloc;

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
        #[command(flatten)]
        net: NetArgs,
        /// The script or module to run
        file: PathBuf,
        /// Arguments for the script (process.argv.slice(2))
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Evaluate JavaScript code, run the event loop, print the completion value
    Eval {
        #[command(flatten)]
        net: NetArgs,
        /// The code is TypeScript (types are stripped; no type checking)
        #[arg(long)]
        ts: bool,
        /// The code to evaluate (a classic script)
        code: String,
    },
    /// Start the interactive read-eval-print loop (the default)
    Repl {
        #[command(flatten)]
        net: NetArgs,
        /// Inputs are TypeScript (types are stripped; no type checking)
        #[arg(long)]
        ts: bool,
    },
    /// Serve Workers-style apps (`export default { fetch }`) over HTTP
    #[command(
        after_help = "One app for every host:  nano-boa serve --app examples/apps/hello\n\
                      Many apps by hostname:   nano-boa serve --config examples/nano.json\n\n\
                      Admin API and /metrics: --admin-port N with NANO_ADMIN_TOKEN set \
                      (requests carry `Authorization: Bearer <token>`).\n\
                      Hot reload: the config file and app sources are watched (--no-watch: off).\n\n\
                      Logs go to stdout (JSON lines by default). Outbound fetch() from apps \
                      refuses private addresses unless --allow-private-net or an allow-list \
                      opens them.\n\n\
                      Exit status: 1 the listener cannot be bound, 2 usage or config error."
    )]
    Serve {
        /// The app: an ES module file, or a directory with index.js
        #[arg(
            long,
            value_name = "PATH",
            conflicts_with_all = ["config", "wrangler"],
            required_unless_present_any = ["config", "wrangler"]
        )]
        app: Option<PathBuf>,
        /// A Worker's wrangler.toml (or wrangler.json/.jsonc), served for every host
        #[arg(long, value_name = "FILE", conflicts_with = "config")]
        wrangler: Option<PathBuf>,
        /// A nano.json config with many apps
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Port to listen on (default 3000, or the config's "port"; 0 picks a free one)
        #[arg(long)]
        port: Option<u16>,
        /// Address to listen on (default 127.0.0.1, or the config's "host")
        #[arg(long, value_name = "IP")]
        host: Option<String>,
        /// Worker threads (default: one per core)
        #[arg(long, value_name = "N",
              value_parser = clap::value_parser!(u16).range(1..=1024))]
        threads: Option<u16>,
        /// Log format (or NANO_LOG_FORMAT)
        #[arg(long = "log-format", value_enum)]
        log_format: Option<nano_boa::server::LogFormat>,
        /// Let apps fetch loopback and private addresses
        #[arg(long = "allow-private-net")]
        allow_private_net: bool,
        /// Still allow this destination for apps' fetch (HOST:PORT); repeatable
        #[arg(long = "allow-net", value_name = "HOST:PORT",
              value_parser = nano_boa::net::HostPattern::parse)]
        allow_net: Vec<nano_boa::net::HostPattern>,
        /// Evict idle apps (least recently used) while resident memory is over this many MiB
        #[arg(long = "memory-budget-mb", value_name = "MIB",
              value_parser = clap::value_parser!(u64).range(1..))]
        memory_budget_mb: Option<u64>,
        /// With --app: an env variable for the app (KEY=VALUE); repeatable
        #[arg(long = "env", value_name = "KEY=VALUE", requires = "app",
              value_parser = parse_env_pair)]
        env: Vec<(String, String)>,
        /// With --app: largest request body in MB (default 10)
        #[arg(long = "max-body-mb", value_name = "MB", requires = "app",
              value_parser = clap::value_parser!(u64).range(1..))]
        max_body_mb: Option<u64>,
        /// With --app: JavaScript time per request, in ms, before it is answered 503 (default 5000)
        #[arg(long = "timeout-ms", value_name = "MS", requires = "app",
              value_parser = clap::value_parser!(u64).range(1..))]
        timeout_ms: Option<u64>,
        /// With --app: memory a request may grow, in MiB, before it is answered 503 and the app reloaded (default 128)
        #[arg(long = "memory-mb", value_name = "MIB", requires = "app",
              value_parser = clap::value_parser!(u64).range(1..))]
        memory_mb: Option<u64>,
        /// With --app: fetch() calls per request (default 50)
        #[arg(long = "max-subrequests", value_name = "N", requires = "app")]
        max_subrequests: Option<u32>,
        /// Serve the admin API and /metrics on this port (needs NANO_ADMIN_TOKEN; 0 picks a free one)
        #[arg(long = "admin-port", value_name = "PORT")]
        admin_port: Option<u16>,
        /// Address of the admin listener (default 127.0.0.1, or the config's "admin_host")
        #[arg(long = "admin-host", value_name = "IP")]
        admin_host: Option<String>,
        /// Do not watch the config file and app sources for changes (hot reload)
        #[arg(long = "no-watch")]
        no_watch: bool,
    },
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

/// How `fetch()` reaches the network (run, eval, repl).
#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "Network (fetch)")]
struct NetArgs {
    /// Also trust the CA certificates in this PEM file for HTTPS (repeatable;
    /// SSL_CERT_FILE adds one more); the built-in Mozilla roots stay trusted
    #[arg(long = "ca-cert", value_name = "FILE")]
    ca_cert: Vec<PathBuf>,
    /// Refuse fetches to loopback, private (RFC 1918, unique-local),
    /// link-local (cloud metadata), CGNAT, multicast and unspecified addresses
    #[arg(long = "deny-private-net")]
    deny_private_net: bool,
    /// With --deny-private-net, still allow HOST:PORT (`127.0.0.1:8080`,
    /// `*.internal.example:443`, `db.local:*`); repeatable
    #[arg(long = "allow-net", value_name = "HOST:PORT",
          value_parser = nano_boa::net::HostPattern::parse)]
    allow_net: Vec<nano_boa::net::HostPattern>,
    /// Largest response body a fetch accepts, in MiB
    #[arg(long = "fetch-max-body-mb", value_name = "MIB", default_value_t = 256,
          value_parser = clap::value_parser!(u64).range(1..=1_048_576))]
    fetch_max_body_mb: u64,
    /// Seconds a whole fetch may take, first byte to last (0: no limit)
    #[arg(long = "fetch-timeout", value_name = "SECS", default_value_t = 300.0,
          value_parser = parse_seconds_or_zero)]
    fetch_timeout: f64,
    /// Seconds to resolve, connect and finish the TLS handshake
    #[arg(long = "connect-timeout", value_name = "SECS", default_value_t = 30.0,
          value_parser = parse_timeout)]
    connect_timeout: f64,
}

impl NetArgs {
    fn into_options(self) -> cli::NetOptions {
        cli::NetOptions {
            ca_cert: self.ca_cert,
            deny_private_net: self.deny_private_net,
            allow_net: self.allow_net,
            max_body_bytes: self.fetch_max_body_mb * 1024 * 1024,
            timeout: (self.fetch_timeout > 0.0)
                .then(|| std::time::Duration::from_secs_f64(self.fetch_timeout)),
            connect_timeout: std::time::Duration::from_secs_f64(self.connect_timeout),
        }
    }
}

fn parse_env_pair(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_string(), value.to_string())),
        _ => Err(format!("'{text}' is not KEY=VALUE")),
    }
}

fn parse_seconds_or_zero(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(0.0) => Ok(0.0),
        _ => parse_timeout(text),
    }
}

fn parse_timeout(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(secs) if secs.is_finite() && secs > 0.0 && secs < 1e9 => Ok(secs),
        _ => Err(format!("'{text}' is not a positive number of seconds")),
    }
}

/// Checks the network flags (CA files readable, ...) before any JavaScript
/// runs; a bad one is a usage error (exit 2).
fn with_net(args: NetArgs, then: impl FnOnce(nano_boa::net::NetConfig) -> i32) -> i32 {
    match cli::net_config(args.into_options()) {
        Ok(config) => then(config),
        Err(message) => {
            eprintln!("error: {message}");
            2
        }
    }
}

fn main() -> ExitCode {
    let args = Cli::parse();
    cli::install_panic_hook();
    let code = match args.command {
        Some(Command::Run { net, file, args }) => with_net(net, move |net| {
            cli::on_js_thread(move || cli::run(&file, &args, net))
        }),
        Some(Command::Eval { net, ts, code }) => with_net(net, move |net| {
            cli::on_js_thread(move || cli::eval(&code, ts, net))
        }),
        Some(Command::Repl { net, ts }) => with_net(net, move |net| {
            cli::on_js_thread(move || cli::repl(net, ts))
        }),
        None => match cli::net_config(cli::NetOptions::default()) {
            Ok(net) => cli::on_js_thread(move || cli::repl(net, false)),
            Err(message) => {
                eprintln!("error: {message}");
                2
            }
        },
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
        Some(Command::Serve {
            app,
            wrangler,
            config,
            port,
            host,
            threads,
            log_format,
            allow_private_net,
            allow_net,
            env,
            max_body_mb,
            memory_budget_mb,
            timeout_ms,
            memory_mb,
            max_subrequests,
            admin_port,
            admin_host,
            no_watch,
        }) => cli::serve(cli::ServeArgs {
            app,
            wrangler,
            config,
            port,
            host,
            threads: threads.map(usize::from),
            log_format,
            allow_private_net,
            allow_net,
            env,
            max_body_mb,
            memory_budget_mb,
            timeout_ms,
            memory_mb,
            max_subrequests,
            admin_port,
            admin_host,
            no_watch,
        }),
        Some(Command::TestWorker {
            harness,
            features_skip,
        }) => cli::test_worker(harness, features_skip),
        Some(Command::FixtureServer) => cli::fixture_server(),
    };
    ExitCode::from(u8::try_from(code & 0xff).unwrap_or(1))
}
