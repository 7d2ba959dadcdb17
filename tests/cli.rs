//! Integration tests that run the real `nano-boa` binary.
//!
//! Expected outputs come from running the same programs on node v20 (and,
//! for ordering, the agreement of node, deno and bun stated in the issue),
//! not from what nano-boa printed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

const BIN: &str = env!("CARGO_BIN_EXE_nano-boa");

/// A fresh directory under the system temp dir for one test.
fn temp_dir(name: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "nano-boa-cli-{}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        name
    ));
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

fn write(dir: &Path, name: &str, code: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, code).expect("write fixture");
    path
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run nano-boa")
}

fn run_file(name: &str, code: &str) -> (Output, PathBuf) {
    let dir = temp_dir(name.trim_end_matches(".js").trim_end_matches(".mjs"));
    let path = write(&dir, name, code);
    let out = run(&["run", path.to_str().expect("utf-8 path")]);
    (out, path)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn assert_no_panic(out: &Output) {
    let err = stderr(out);
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "a Rust panic reached the user:\n{err}"
    );
}

const ORDERING: &str = r#"
const log = [];
setTimeout(() => log.push("t10"), 10);
setTimeout(() => log.push("t0a"), 0);
setTimeout(() => log.push("t0b"), 0);
queueMicrotask(() => log.push("micro1"));
Promise.resolve().then(() => log.push("p1")).then(() => log.push("p2"));
(async () => { log.push("async-start"); await null; log.push("async-after-await"); })();
log.push("sync-end");
setTimeout(() => console.log(JSON.stringify(log)), 50);
"#;

#[test]
fn event_loop_order_matches_node_deno_bun() {
    let (out, _) = run_file("ordering.js", ORDERING);
    assert_eq!(
        stdout(&out),
        "[\"async-start\",\"sync-end\",\"micro1\",\"p1\",\"async-after-await\",\"p2\",\"t0a\",\"t0b\",\"t10\"]\n"
    );
    assert!(out.status.success());
}

#[test]
fn timers_follow_html_semantics() {
    let code = r#"
const out = [];
const id = setTimeout((a, b) => out.push(`args ${a} ${b}`), 1, "x", 2);
out.push(`id ${typeof id} ${Number.isInteger(id) && id > 0}`);
const cancelled = setTimeout(() => out.push("cancelled ran"), 5);
setTimeout(() => clearTimeout(cancelled), 1);
let n = 0;
const iv = setInterval(() => { n++; out.push(`tick ${n}`); if (n === 3) clearInterval(iv); }, 2);
clearTimeout(123456); clearTimeout("nope"); clearTimeout();
try { setTimeout("1+1", 1); } catch (e) { out.push(e.constructor.name); }
setTimeout(() => console.log(out.join("|")), 40);
"#;
    let (out, _) = run_file("timers.js", code);
    assert_eq!(
        stdout(&out),
        "id number true|TypeError|args x 2|tick 1|tick 2|tick 3\n"
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn nested_timers_and_microtasks_interleave_like_node() {
    // node v20 prints: a, a-micro, b, b-micro, c
    let code = r#"
setTimeout(() => { console.log("a"); Promise.resolve().then(() => console.log("a-micro")); }, 0);
setTimeout(() => { console.log("b"); queueMicrotask(() => console.log("b-micro"));
  setTimeout(() => console.log("c"), 0); }, 0);
"#;
    let (out, _) = run_file("nested.js", code);
    assert_eq!(stdout(&out), "a\na-micro\nb\nb-micro\nc\n");
}

#[test]
fn syntax_error_names_file_line_and_column() {
    let (out, path) = run_file(
        "syntax.js",
        "const x = 1;\nfunction f() {\n  return x +;\n}\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let expected = format!("{}:3:13: SyntaxError:", path.display());
    assert!(err.starts_with(&expected), "stderr was: {err}");
    assert_eq!(err.lines().count(), 1, "one clear line: {err}");
    assert_no_panic(&out);
}

#[test]
fn uncaught_exception_prints_name_message_and_stack() {
    let code = "function f() {\n  throw new TypeError(\"boom\");\n}\nsetTimeout(() => console.log('never'), 5);\nf();\n";
    let (out, path) = run_file("throw.js", code);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("Uncaught TypeError: boom\n"), "{err}");
    assert!(
        err.contains(&format!("{}:2:", path.display())),
        "stack names the throwing line: {err}"
    );
    assert!(
        err.contains(&format!("{}:5:", path.display())),
        "stack names the call site: {err}"
    );
    assert_eq!(stdout(&out), "", "the pending timer must not run");
    assert_no_panic(&out);
}

#[test]
fn throwing_a_non_error_value() {
    let (out, _) = run_file("throw-value.js", "throw 42;\n");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out).trim_end(), "Uncaught 42");
}

#[test]
fn exception_in_timer_callback_exits_1() {
    let code = "setTimeout(() => { throw new RangeError('late'); }, 1);\nsetTimeout(() => console.log('after'), 20);\n";
    let (out, _) = run_file("timer-throw.js", code);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("Uncaught RangeError: late"));
    assert_eq!(stdout(&out), "");
}

#[test]
fn unhandled_rejection_is_reported_and_exits_1() {
    let code =
        "Promise.reject(new Error('nope'));\nsetTimeout(() => console.log('not reached'), 20);\n";
    let (out, _) = run_file("reject.js", code);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("Uncaught (in promise) Error: nope"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out), "");
}

#[test]
fn rejection_handled_in_the_same_tick_is_fine() {
    let code = "const p = Promise.reject(new Error('x'));\np.catch(e => console.log('caught', e.message));\n";
    let (out, _) = run_file("handled.js", code);
    assert_eq!(stdout(&out), "caught x\n");
    assert!(out.status.success());
}

#[test]
fn missing_file_is_a_usage_error() {
    let out = run(&["run", "/definitely/not/here.js"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(
        err.trim_end(),
        "error: cannot read '/definitely/not/here.js': no such file"
    );
    assert_no_panic(&out);
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let out = run(&["run", "--no-such-flag", "x.js"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--no-such-flag"));
    assert_no_panic(&out);
    let out = run(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn version_and_help() {
    let out = run(&["--version"]);
    assert_eq!(
        stdout(&out).trim_end(),
        format!("nano-boa {}", env!("CARGO_PKG_VERSION"))
    );
    let out = run(&["--help"]);
    assert!(stdout(&out).contains("run"));
    assert!(stdout(&out).contains("eval"));
    let out = run(&["run", "--help"]);
    assert!(stdout(&out).contains("process.argv"));
}

#[test]
fn process_argv_env_and_exit() {
    let dir = temp_dir("argv");
    let path = write(
        &dir,
        "argv.js",
        "console.log(JSON.stringify(process.argv.slice(2)));\nconsole.log(process.argv[1].endsWith('argv.js'));\nconsole.log(process.env.NANO_BOA_TEST_VAR);\nprocess.exit(3);\nconsole.log('unreachable');\n",
    );
    let out = Command::new(BIN)
        .args([
            "run",
            path.to_str().unwrap_or_default(),
            "a",
            "--flag",
            "b c",
        ])
        .env("NANO_BOA_TEST_VAR", "hello")
        .output()
        .expect("run");
    assert_eq!(stdout(&out), "[\"a\",\"--flag\",\"b c\"]\ntrue\nhello\n");
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn process_exit_code_is_used_at_the_end() {
    let (out, _) = run_file(
        "exitcode.js",
        "process.exitCode = 4;\nsetTimeout(() => console.log('done'), 5);\n",
    );
    assert_eq!(stdout(&out), "done\n");
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn es_modules_with_imports_json_meta_and_top_level_await() {
    let dir = temp_dir("modules");
    write(
        &dir,
        "lib.mjs",
        "export const twice = (x) => x * 2;\nexport default 'lib-default';\n",
    );
    std::fs::create_dir_all(dir.join("sub")).expect("mkdir");
    write(
        &dir,
        "sub/data.json",
        "{ \"name\": \"nano\", \"list\": [1, 2] }",
    );
    write(
        &dir,
        "sub/dep.js",
        "import { twice } from '../lib.mjs';\nexport const four = twice(2);\n",
    );
    let main = write(
        &dir,
        "main.js",
        r#"import libDefault, { twice } from "./lib.mjs";
import { four } from "./sub/dep.js";
import data from "./sub/data.json" with { type: "json" };
const waited = await new Promise((resolve) => setTimeout(() => resolve("waited"), 5));
console.log(libDefault, twice(21), four, data.name, data.list.length, waited);
console.log(import.meta.url.startsWith("file:///"), import.meta.url.endsWith("/main.js"));
"#,
    );
    let out = run(&["run", main.to_str().unwrap_or_default()]);
    assert_eq!(
        stdout(&out),
        "lib-default 42 4 nano 2 waited\ntrue true\n",
        "stderr: {}",
        stderr(&out)
    );
    assert!(out.status.success());
}

#[test]
fn missing_import_is_reported() {
    let (out, _) = run_file(
        "bad-import.mjs",
        "import { x } from './nope.js';\nconsole.log(x);\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with("Uncaught TypeError: cannot resolve module './nope.js'"),
        "{err}"
    );
    assert!(err.contains("nope.js"), "{err}");
}

#[test]
fn json_import_without_attribute_is_refused() {
    let dir = temp_dir("json-attr");
    write(&dir, "d.json", "{}");
    let main = write(&dir, "main.mjs", "import d from './d.json';\n");
    let out = run(&["run", main.to_str().unwrap_or_default()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("type: \"json\""), "{}", stderr(&out));
}

#[test]
fn module_error_after_await_exits_1() {
    let (out, _) = run_file(
        "tla-throw.mjs",
        "await null;\nsetTimeout(() => console.log('never'), 10);\nthrow new Error('after await');\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("Uncaught Error: after await"));
    assert_eq!(stdout(&out), "");
}

#[test]
fn unsettled_top_level_await_exits_13() {
    let (out, _) = run_file("tla-forever.mjs", "await new Promise(() => {});\n");
    assert_eq!(out.status.code(), Some(13));
    assert!(stderr(&out).contains("top-level await"));
}

#[test]
fn eval_prints_the_completion_value() {
    let out = run(&["eval", "1 + 2"]);
    assert_eq!(stdout(&out), "3\n");
    let out = run(&["eval", "let s = 'x'; s + 'y'"]);
    assert_eq!(stdout(&out), "xy\n");
    let out = run(&["eval", "1 +"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("SyntaxError"));
    let out = run(&["eval", "null.x"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("Uncaught TypeError"));
}

/// The REPL's output for `input` piped to it (no history file).
fn repl(input: &[u8]) -> Output {
    repl_with(&["repl"], input)
}

fn repl_with(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env("NANO_BOA_REPL_HISTORY", "")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn repl");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write");
    child.wait_with_output().expect("wait")
}

#[test]
fn repl_reads_piped_input() {
    let out = repl(
        b"1 + 2\nfunction f(a) {\n  return a * 2;\n}\nf(21)\nconst v = await new Promise(r => setTimeout(() => r(7), 5))\nv * 6\n_ + 1\nthrow new Error('oops')\n'still here'\n",
    );
    assert_eq!(
        stdout(&out),
        "3\nundefined\n42\nundefined\n42\n43\n'still here'\n"
    );
    assert!(stderr(&out).contains("Uncaught Error: oops"));
    assert!(out.status.success());
}

#[test]
fn repl_top_level_await_keeps_declarations() {
    // Each input's value is what the same code gives as a module (node's
    // REPL rewrites inputs the same way; its piped mode reorders output).
    let out = repl(
        concat!(
            "const a = await 1; const b = await 2; a + b\n",
            "let {x} = await Promise.resolve({x: 5}); x\n",
            "x * 2\n",
            "const [p, q = 3] = await Promise.resolve([1]); p + q\n",
            "async function f() { return 7 } await f()\n",
            "class K { m() { return 'k' } }; await 0; new K().m()\n",
            "for (const i of [1, 2]) { await null; console.log('i', i) }\n",
            "const s = `t${await 1}`; s\n",
        )
        .as_bytes(),
    );
    assert_eq!(
        stdout(&out),
        "3\n5\n10\n4\n7\n'k'\ni 1\ni 2\nundefined\n't1'\n",
        "stderr: {}",
        stderr(&out)
    );
    assert!(out.status.success());
}

#[test]
fn repl_ts_strips_types_per_input() {
    // Values as deno's REPL gives them for the same TypeScript inputs.
    let out = repl_with(
        &["repl", "--ts"],
        concat!(
            "const n: number = 40; n + 2\n",
            "enum Color { Red, Green = 5 } Color.Green\n",
            "interface P { x: number }\n",
            "const p = { x: 1 } satisfies P; p.x\n",
            "const v = await Promise.resolve<number>(7); v * 6\n",
            "let bad: = 1\n",
            "n as unknown as string\n",
        )
        .as_bytes(),
    );
    assert_eq!(
        stdout(&out),
        "42\n5\nundefined\n1\n42\n40\n",
        "stderr: {}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("SyntaxError"), "{}", stderr(&out));
    assert!(out.status.success());
}

#[test]
fn globals_exist() {
    let code = r#"
console.log(globalThis.self === globalThis, typeof performance.now(), performance.now() >= 0,
  typeof performance.timeOrigin, navigator.userAgent.startsWith("nano-boa/"),
  typeof structuredClone, typeof atob, typeof TextEncoder, typeof URL, typeof queueMicrotask);
"#;
    let (out, _) = run_file("globals.js", code);
    assert_eq!(
        stdout(&out),
        "true number true number true function function function function function\n"
    );
}

#[test]
fn runaway_recursion_is_an_error_with_a_short_stack() {
    let (out, _) = run_file("recurse.js", "function f() { return f(); }\nf();\n");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("Uncaught "), "{err}");
    assert!(err.lines().count() <= 12, "the stack is cut: {err}");
    assert!(err.contains("more frames"), "{err}");
    assert_no_panic(&out);
}

#[test]
fn deeply_nested_data_does_not_overflow_the_native_stack() {
    // JSON.stringify recurses natively; the JavaScript thread's large stack
    // must hold 20,000 levels (node v20 gives up earlier, with a RangeError
    // near 5,000; the point here is that nano-boa never crashes). The
    // expected length is arithmetic: "[" and "]" per level, plus "[]".
    let (out, _) = run_file(
        "nested-json.js",
        "let a = [];\nfor (let i = 0; i < 20000; i++) a = [a];\nconsole.log(JSON.stringify(a).length);\n",
    );
    assert_eq!(stdout(&out), "40002\n", "stderr: {}", stderr(&out));
    assert_no_panic(&out);
}

// Global error events: expected behaviour from deno 2 on the same programs
// (node v20 has neither reportError nor a global EventTarget).

#[test]
fn a_prevented_error_event_handles_an_uncaught_exception() {
    // deno: "handled: boom", then "after" from the next timer, exit 0,
    // nothing on stderr.
    let (out, _) = run_file(
        "error-prevented.js",
        r#"
addEventListener("error", (e) => { console.log("handled:", e.error.message); e.preventDefault(); });
setTimeout(() => { throw new Error("boom"); }, 0);
setTimeout(() => console.log("after"), 5);
"#,
    );
    assert_no_panic(&out);
    assert_eq!(stdout(&out), "handled: boom\nafter\n");
    assert_eq!(stderr(&out), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn an_error_event_not_prevented_keeps_the_default_report() {
    // deno: the listener runs, then "Uncaught Error: boom" and exit 1; the
    // later timer never runs.
    let (out, _) = run_file(
        "error-not-prevented.js",
        r#"
addEventListener("error", (e) => console.log("saw:", e.message));
setTimeout(() => { throw new Error("boom"); }, 0);
setTimeout(() => console.log("after"), 5);
"#,
    );
    assert_no_panic(&out);
    assert_eq!(stdout(&out), "saw: Uncaught Error: boom\n");
    assert!(
        stderr(&out).starts_with("Uncaught Error: boom\n"),
        "stderr: {}",
        stderr(&out)
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn report_error_reports_like_an_uncaught_exception() {
    // Unhandled, the error is printed and the process exits with 1, as in
    // deno; but deno stops at once (no "end"), while nano-boa, like node
    // with a listener's exception, finishes the running task first (Boa
    // has no way to terminate a running script). Prevented: "end", exit 0,
    // as in deno.
    let (out, _) = run_file(
        "report-error.js",
        "reportError(new TypeError('reported')); console.log('end');",
    );
    assert_no_panic(&out);
    assert_eq!(stdout(&out), "end\n");
    assert!(
        stderr(&out).starts_with("Uncaught TypeError: reported\n"),
        "stderr: {}",
        stderr(&out)
    );
    assert_eq!(out.status.code(), Some(1));

    let (out, _) = run_file(
        "report-error-prevented.js",
        "addEventListener('error', (e) => e.preventDefault()); reportError(new TypeError('reported')); console.log('end');",
    );
    assert_eq!(stdout(&out), "end\n");
    assert_eq!(stderr(&out), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn an_error_listener_that_throws_is_uncaught() {
    // deno: "Uncaught Error: from listener", exit 1.
    let (out, _) = run_file(
        "error-listener-throws.js",
        r#"
addEventListener("error", () => { throw new Error("from listener"); });
setTimeout(() => { throw new Error("boom"); }, 0);
"#,
    );
    assert_no_panic(&out);
    assert!(
        stderr(&out).starts_with("Uncaught Error: from listener\n"),
        "stderr: {}",
        stderr(&out)
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn unhandledrejection_prevented_and_not() {
    // deno: prevented, the rejection is handled: exit 0 and a later
    // `catch` fires rejectionhandled.
    let (out, _) = run_file(
        "unhandled-prevented.js",
        r#"
addEventListener("unhandledrejection", (e) => { console.log("unhandled:", e.reason); e.preventDefault(); });
addEventListener("rejectionhandled", (e) => console.log("handled later:", e.reason));
const p = Promise.reject(42);
setTimeout(() => p.catch(() => {}), 5);
"#,
    );
    assert_no_panic(&out);
    assert_eq!(stdout(&out), "unhandled: 42\nhandled later: 42\n");
    assert_eq!(stderr(&out), "");
    assert_eq!(out.status.code(), Some(0));

    // deno: not prevented, "Uncaught (in promise) 42" and exit 1.
    let (out, _) = run_file(
        "unhandled-not-prevented.js",
        r#"
addEventListener("unhandledrejection", (e) => console.log("saw:", e.reason));
Promise.reject(42);
setTimeout(() => console.log("never"), 5);
"#,
    );
    assert_no_panic(&out);
    assert_eq!(stdout(&out), "saw: 42\n");
    assert!(
        stderr(&out).starts_with("Uncaught (in promise) 42"),
        "stderr: {}",
        stderr(&out)
    );
    assert_eq!(out.status.code(), Some(1));
}
