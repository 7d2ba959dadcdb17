//! Integration tests of EventTarget and AbortSignal that need the real
//! process: exit codes, stderr and how long the process lives. Expected
//! behaviour from node v20 on the same programs.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_nano-boa");

fn run_file(name: &str, code: &str) -> Output {
    let dir = std::env::temp_dir().join(format!("nano-boa-events-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create temp dir");
    let path: PathBuf = dir.join(name);
    std::fs::write(&path, code).expect("write fixture");
    Command::new(BIN)
        .args(["run", path.to_str().expect("utf-8 path")])
        .output()
        .expect("run nano-boa")
}

#[test]
fn abort_signal_timeout_does_not_keep_the_process_alive() {
    // node -e 'AbortSignal.timeout(5000)' exits at once.
    let start = Instant::now();
    let out = run_file(
        "timeout.js",
        "const s = AbortSignal.timeout(5000); s.onabort = () => console.log('fired'); console.log('end');",
    );
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "took {:?}",
        start.elapsed()
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "end\n");
}

#[test]
fn a_listener_exception_is_uncaught_after_the_dispatch() {
    // node v20: "second", "true", then the error on stderr and exit code 1;
    // the later timer never runs.
    let out = run_file(
        "listener-throws.js",
        r#"
const t = new EventTarget();
t.addEventListener("x", () => { throw new TypeError("boom"); });
t.addEventListener("x", () => console.log("second"));
console.log(t.dispatchEvent(new Event("x")));
setTimeout(() => console.log("later"), 10);
"#,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "second\ntrue\n");
    assert!(
        stderr.starts_with("Uncaught TypeError: boom"),
        "stderr: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
}
