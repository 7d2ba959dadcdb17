//! What each subcommand does, as functions returning the exit code, so the
//! binary stays a thin argument parser.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::net::{HostPattern, NetConfig, NetPolicy, tls};

use crate::runtime::{self, Runtime, RuntimeOptions};
use crate::web::console::inspect;
use crate::web::process::requested_exit_code;

/// The stack of the thread that runs JavaScript. Boa's built-ins recurse
/// on the native stack (JSON.stringify of deeply nested data, for one), and
/// the 8 MiB of a main thread overflow long before JavaScript's own
/// recursion limit is reached. This is address space: pages are only
/// committed when touched.
const JS_STACK_SIZE: usize = 1 << 30;

/// Exit code for an internal error (a panic): EX_SOFTWARE from sysexits.
pub const INTERNAL_ERROR: i32 = 70;

/// Runs `job` on a thread with [`JS_STACK_SIZE`] of stack and returns its
/// exit code; a panic (a bug in nano-boa or Boa, already reported by the
/// hook installed by [`install_panic_hook`]) becomes [`INTERNAL_ERROR`].
pub fn on_js_thread(job: impl FnOnce() -> i32 + Send + 'static) -> i32 {
    let thread = std::thread::Builder::new()
        .name("javascript".to_owned())
        .stack_size(JS_STACK_SIZE)
        .spawn(job);
    match thread {
        Ok(handle) => handle.join().unwrap_or(INTERNAL_ERROR),
        Err(err) => {
            eprintln!("error: cannot start the JavaScript thread: {err}");
            1
        }
    }
}

/// Replaces Rust's panic message (which points at RUST_BACKTRACE) with one
/// that says what happened and what to do.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let _ = std::io::stdout().flush();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_owned());
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "nano-boa: internal error: {message}{location}\n\
             This is a bug in nano-boa or the Boa engine, not in your program; \
             please report it with the script that triggered it."
        );
    }));
}

/// The path of this binary, for `process.argv[0]`.
fn binary_path() -> String {
    std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| "nano-boa".to_owned())
}

/// The network flags of `run`, `eval` and `repl`.
#[derive(Debug, Clone)]
pub struct NetOptions {
    /// `--ca-cert` files.
    pub ca_cert: Vec<PathBuf>,
    pub deny_private_net: bool,
    /// `--allow-net` entries.
    pub allow_net: Vec<HostPattern>,
    pub max_body_bytes: u64,
    /// `None`: no overall limit.
    pub timeout: Option<Duration>,
    pub connect_timeout: Duration,
}

impl Default for NetOptions {
    fn default() -> Self {
        let defaults = NetConfig::default();
        NetOptions {
            ca_cert: Vec::new(),
            deny_private_net: false,
            allow_net: Vec::new(),
            max_body_bytes: defaults.max_body_size,
            timeout: defaults.timeout,
            connect_timeout: defaults.connect_timeout,
        }
    }
}

/// The client settings for `options`, plus `SSL_CERT_FILE` from the
/// environment. Every CA file is read now, so that a bad one is reported
/// at start (naming the flag or variable) rather than at the first fetch.
pub fn net_config(options: NetOptions) -> Result<NetConfig, String> {
    for path in &options.ca_cert {
        tls::client_config(std::slice::from_ref(path)).map_err(|e| format!("--ca-cert: {e}"))?;
    }
    let mut extra_ca_pem = options.ca_cert;
    if let Some(path) = ssl_cert_file() {
        tls::client_config(std::slice::from_ref(&path))
            .map_err(|e| format!("SSL_CERT_FILE: {e}"))?;
        extra_ca_pem.push(path);
    }
    let mut policy = if options.deny_private_net {
        NetPolicy::deny_private()
    } else {
        NetPolicy::allow_all()
    };
    policy.allow = options.allow_net;
    Ok(NetConfig {
        policy,
        extra_ca_pem,
        max_body_size: options.max_body_bytes,
        timeout: options.timeout,
        connect_timeout: options.connect_timeout,
        ..NetConfig::default()
    })
}

/// `SSL_CERT_FILE`, as OpenSSL-based tools read it; here it adds roots to
/// the built-in ones instead of replacing them.
pub fn ssl_cert_file() -> Option<PathBuf> {
    std::env::var_os("SSL_CERT_FILE")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

fn new_runtime(argv: Vec<String>, net: NetConfig) -> Result<Runtime, i32> {
    crate::web::new_runtime(RuntimeOptions {
        argv,
        net,
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
pub fn run(file: &Path, args: &[String], net: NetConfig) -> i32 {
    let script = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let mut argv = vec![binary_path(), script.display().to_string()];
    argv.extend(args.iter().cloned());
    let mut rt = match new_runtime(argv, net) {
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

/// `nano-boa eval [--ts] CODE`
pub fn eval(code: &str, typescript: bool, net: NetConfig) -> i32 {
    let transpiled;
    let code = if typescript {
        let path = std::path::Path::new("<eval>.ts");
        let config = crate::runtime::modules::typescript::TsConfig::default();
        match crate::runtime::modules::typescript::transpile(path, code, &config) {
            Ok(out) => {
                transpiled = out.code;
                transpiled.as_str()
            }
            Err(error) => {
                eprintln!(
                    "<eval>:{}:{}: SyntaxError: {}",
                    error.line, error.column, error.message
                );
                return 1;
            }
        }
    } else {
        code
    };
    let mut rt = match new_runtime(vec![binary_path()], net) {
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
pub fn repl(net: NetConfig, typescript: bool) -> i32 {
    crate::repl::run(net, typescript)
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
    // Network fixtures trust the fixture server's CA through SSL_CERT_FILE,
    // which the parent sets for its workers.
    let extra_ca_pem = ssl_cert_file().into_iter().collect();
    crate::test262::worker(harness, features_skip, extra_ca_pem)
}

/// The flags of `nano-boa serve`.
#[derive(Debug, Clone, Default)]
pub struct ServeArgs {
    pub app: Option<PathBuf>,
    /// `--wrangler`: a Worker's wrangler file, as the one app.
    pub wrangler: Option<PathBuf>,
    pub config: Option<PathBuf>,
    pub port: Option<u16>,
    pub host: Option<String>,
    pub threads: Option<usize>,
    pub log_format: Option<crate::server::LogFormat>,
    pub allow_private_net: bool,
    pub allow_net: Vec<HostPattern>,
    pub env: Vec<(String, String)>,
    pub max_body_mb: Option<u64>,
    pub memory_budget_mb: Option<u64>,
    pub timeout_ms: Option<u64>,
    pub memory_mb: Option<u64>,
    pub max_subrequests: Option<u32>,
    pub admin_port: Option<u16>,
    pub admin_host: Option<String>,
    pub no_watch: bool,
}

/// The environment variable that holds the admin API's token.
pub const ADMIN_TOKEN_VAR: &str = "NANO_ADMIN_TOKEN";

/// `nano-boa serve`: exit 2 for a bad config, 1 when the listener cannot
/// be bound; otherwise it serves until stopped.
pub fn serve(args: ServeArgs) -> i32 {
    use crate::server::{self, LogFormat, config};
    let log_format = match args.log_format {
        Some(format) => format,
        None => match std::env::var("NANO_LOG_FORMAT") {
            Ok(value) if !value.is_empty() => match LogFormat::from_env_value(&value) {
                Ok(format) => format,
                Err(message) => {
                    eprintln!("error: {message}");
                    return 2;
                }
            },
            _ => LogFormat::default(),
        },
    };
    // Read and checked once, here: a bad file is an error at start.
    let extra_ca_pem: Vec<PathBuf> = ssl_cert_file().into_iter().collect();
    if let Err(e) = tls::client_config(&extra_ca_pem) {
        eprintln!("error: SSL_CERT_FILE: {e}");
        return 2;
    }
    let overrides = config::Overrides {
        port: args.port,
        host: args.host,
        threads: args.threads,
        allow_private_net: args.allow_private_net,
        allow_net: args.allow_net,
        memory_budget_mb: args.memory_budget_mb,
        admin_port: args.admin_port,
        admin_host: args.admin_host,
        no_watch: args.no_watch,
        extra_ca_pem,
    };
    let single = args.app.clone().or_else(|| args.wrangler.clone());
    let loaded = match (&single, &args.config) {
        (Some(app), _) => {
            let env = args
                .env
                .into_iter()
                .map(|(k, v)| (k, serde_json::Value::String(v)))
                .collect();
            let base = config::Limits::default();
            let limits = config::Limits {
                max_body_mb: args.max_body_mb.unwrap_or(base.max_body_mb),
                timeout_ms: args.timeout_ms.unwrap_or(base.timeout_ms),
                memory_mb: args.memory_mb.unwrap_or(base.memory_mb),
                max_subrequests: args.max_subrequests.unwrap_or(base.max_subrequests),
                ..base
            };
            match &args.wrangler {
                Some(wrangler) => config::single_wrangler(wrangler, env, limits, &overrides),
                None => config::single_app(app, env, limits, &overrides),
            }
        }
        (None, Some(file)) => config::load_file(file, &overrides),
        (None, None) => {
            eprintln!("error: give --app PATH, --wrangler FILE or --config FILE");
            return 2;
        }
    };
    let config = match loaded {
        Ok(config) => config,
        Err(err) => {
            eprintln!("error: {err}");
            return 2;
        }
    };
    let admin_token = std::env::var(ADMIN_TOKEN_VAR)
        .ok()
        .filter(|token| !token.is_empty());
    if config.admin.is_some() && admin_token.is_none() {
        eprintln!(
            "error: the admin API (--admin-port or \"admin_port\") needs a token: \
             set {ADMIN_TOKEN_VAR} (callers send `Authorization: Bearer <token>`)"
        );
        return 2;
    }
    let options = server::ServeOptions {
        log_format,
        admin_token,
        config_path: args.config.clone(),
        overrides,
    };
    match server::serve(config, options) {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("error: {message}");
            1
        }
    }
}

/// `nano-boa __fixture-server`: the test runner's fixture server in the
/// foreground, for benchmarks and manual testing.
pub fn fixture_server() -> i32 {
    crate::test262::fixture_server::run_foreground()
}
