//! `nano-boa test` end to end: the real binary on fixtures in temp dirs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!(
            "nano-boa-test-runner-{}-{name}-{n}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        Self(dir)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create fixture dir");
        }
        std::fs::write(&path, text).expect("write fixture");
        path
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `nano-boa test ARGS` from the crate directory (so the project's
/// harness is found).
fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nano-boa"))
        .arg("test")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run nano-boa")
}

fn run_dir(dir: &TempDir, extra: &[&str]) -> (i32, String) {
    let mut args = vec![dir.path().to_str().expect("utf-8 temp path")];
    args.extend_from_slice(extra);
    let out = run(&args);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), format!("{stdout}{stderr}"))
}

fn last_line(text: &str) -> &str {
    text.lines()
        .rev()
        .find(|l| l.contains(" passed, "))
        .unwrap_or("")
}

const PASSING: &str = "/*---\ndescription: passes\n---*/\nassert.sameValue(1 + 1, 2);\n";
const FAILING: &str = "/*---\ndescription: fails\n---*/\nassert.sameValue(1 + 1, 3);\n";

#[test]
fn passing_test() {
    let dir = TempDir::new("pass");
    dir.write("ok.js", PASSING);
    let (code, out) = run_dir(&dir, &[]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(last_line(&out), "1 passed, 0 failed, 0 skipped", "{out}");
}

#[test]
fn failing_test_reports_file_scenario_and_error() {
    let dir = TempDir::new("fail");
    dir.write("bad.js", FAILING);
    let (code, out) = run_dir(&dir, &[]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(last_line(&out), "0 passed, 1 failed, 0 skipped", "{out}");
    assert!(out.contains("bad.js [non-strict]"), "{out}");
    assert!(out.contains("bad.js [strict]"), "{out}");
    assert!(out.contains("Expected SameValue(«2», «3»)"), "{out}");
}

#[test]
fn negative_parse_test() {
    let dir = TempDir::new("negparse");
    let negative = "/*---\nnegative:\n  phase: parse\n  type: SyntaxError\n---*/\n\
                    $DONOTEVALUATE();\nvar x = ;\n";
    let test = dir.write("neg.js", negative);
    let (code, out) = run_dir(&dir, &[]);
    assert_eq!(code, 0, "{out}");
    // Without the syntax error the test must fail.
    std::fs::write(&test, negative.replace("var x = ;", "var x = 1;")).expect("rewrite");
    let (code, out) = run_dir(&dir, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("expected SyntaxError in the parse phase"),
        "{out}"
    );
    assert_eq!(last_line(&out), "0 passed, 1 failed, 0 skipped", "{out}");
}

#[test]
fn negative_runtime_test() {
    let dir = TempDir::new("negruntime");
    let negative = "/*---\nnegative:\n  phase: runtime\n  type: TypeError\n---*/\nnull.x;\n";
    let test = dir.write("neg.js", negative);
    let (code, out) = run_dir(&dir, &[]);
    assert_eq!(code, 0, "{out}");
    // A different error type fails.
    std::fs::write(
        &test,
        negative.replace("null.x;", "throw new RangeError('r');"),
    )
    .expect("rewrite");
    let (code, out) = run_dir(&dir, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("expected TypeError"), "{out}");
}

#[test]
fn test_changed_to_throw_fails() {
    let dir = TempDir::new("throw");
    let test = dir.write("t.js", PASSING);
    assert_eq!(run_dir(&dir, &[]).0, 0);
    std::fs::write(&test, format!("{PASSING}throw new Error('changed');\n")).expect("rewrite");
    let (code, out) = run_dir(&dir, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("Error: changed"), "{out}");
}

#[test]
fn infinite_loop_times_out_and_run_continues() {
    let dir = TempDir::new("timeout");
    dir.write("a-loop.js", "while (true) {}\n");
    dir.write("b-ok.js", PASSING);
    dir.write("c-ok.js", PASSING);
    let (code, out) = run_dir(&dir, &["--timeout", "1", "-j", "1"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("TIMEOUT") && out.contains("a-loop.js"),
        "{out}"
    );
    assert_eq!(last_line(&out), "2 passed, 1 failed, 0 skipped", "{out}");
}

#[test]
fn async_test_without_done_fails() {
    let dir = TempDir::new("nodone");
    dir.write(
        "never.js",
        "/*---\nflags: [async]\n---*/\nsetTimeout(function () {}, 1);\n",
    );
    let (code, out) = run_dir(&dir, &["--timeout", "5"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("did not call $DONE"), "{out}");
}

#[test]
fn async_test_reports_done_failure() {
    let dir = TempDir::new("asyncfail");
    dir.write(
        "a.js",
        "/*---\nflags: [async]\n---*/\nPromise.resolve().then(function () {\n  \
         assert.sameValue(1, 2, 'in a promise');\n}).then($DONE, $DONE);\n",
    );
    dir.write(
        "b.js",
        "/*---\nflags: [async]\n---*/\nsetTimeout(function () { $DONE(); }, 1);\n",
    );
    let (code, out) = run_dir(&dir, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("async failure: Test262Error: in a promise"),
        "{out}"
    );
    assert_eq!(last_line(&out), "1 passed, 1 failed, 0 skipped", "{out}");
}

#[test]
fn json_report() {
    let dir = TempDir::new("json");
    dir.write("ok.js", PASSING);
    dir.write("bad.js", FAILING);
    dir.write("strict.js", "/*---\nflags: [onlyStrict]\n---*/\n");
    let json = dir.path().join("out").join("report.json");
    std::fs::create_dir_all(json.parent().expect("parent")).expect("mkdir");
    let (code, out) = run_dir(&dir, &["--json", json.to_str().expect("utf-8")]);
    assert_eq!(code, 1, "{out}");
    let text = std::fs::read_to_string(&json).expect("json written");
    let report: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let tests = report["tests"].as_array().expect("tests array");
    assert_eq!(tests.len(), 3);
    let find = |name: &str| {
        tests
            .iter()
            .find(|t| t["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .unwrap_or_else(|| panic!("{name} in {text}"))
    };
    assert_eq!(find("ok.js")["status"], "pass");
    assert_eq!(find("bad.js")["status"], "fail");
    assert_eq!(
        find("bad.js")["scenarios"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(find("bad.js")["scenarios"][1]["name"], "strict");
    assert!(
        find("bad.js")["scenarios"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("Test262Error"))
    );
    assert_eq!(find("strict.js")["scenarios"][0]["name"], "strict");
    assert!(find("ok.js")["duration_ms"].is_u64());
    assert_eq!(report["summary"]["failed"], 1);
}

#[test]
fn baseline_of_expected_failures() {
    let dir = TempDir::new("expect");
    dir.write("known.js", FAILING);
    dir.write("fixed.js", PASSING);
    dir.write("ok.js", PASSING);
    let baseline = dir.write(
        "baseline/known.txt",
        "# known failures\n../known.js\n../fixed.js # fixed since\n",
    );
    let (code, out) = run_dir(&dir, &["--expect", baseline.to_str().expect("utf-8")]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 expected failures"), "{out}");
    assert!(out.contains("newly passing"), "{out}");
    assert!(out.contains("fixed.js"), "{out}");
    assert_eq!(last_line(&out), "2 passed, 0 failed, 1 skipped", "{out}");

    // A new failure still fails the run.
    dir.write("new.js", FAILING);
    let (code, out) = run_dir(&dir, &["--expect", baseline.to_str().expect("utf-8")]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(last_line(&out), "2 passed, 1 failed, 1 skipped", "{out}");
}

#[test]
fn only_strict_and_no_strict() {
    let dir = TempDir::new("strict");
    dir.write(
        "strict.js",
        "/*---\nflags: [onlyStrict]\n---*/\n\
         assert.sameValue((function () { return this; })(), undefined);\n",
    );
    dir.write(
        "sloppy.js",
        "/*---\nflags: [noStrict]\n---*/\nwith ({}) {}\n\
         assert.sameValue((function () { return this; })(), globalThis);\n",
    );
    let (code, out) = run_dir(&dir, &[]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(last_line(&out), "2 passed, 0 failed, 0 skipped", "{out}");
}

#[test]
fn default_tests_run_in_both_modes() {
    let dir = TempDir::new("both");
    // Passes only in non-strict mode, so the strict scenario fails.
    dir.write("t.js", "/*---\n---*/\nundeclared = 1;\n");
    let (code, out) = run_dir(&dir, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("t.js [strict]"), "{out}");
    assert!(!out.contains("t.js [non-strict]"), "{out}");
}

#[test]
fn raw_tests_get_no_harness() {
    let dir = TempDir::new("raw");
    dir.write(
        "raw.js",
        "/*---\nflags: [raw]\n---*/\n\
         if (typeof assert !== 'undefined') throw new Error('harness loaded');\n",
    );
    let (code, out) = run_dir(&dir, &[]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(last_line(&out), "1 passed, 0 failed, 0 skipped", "{out}");
}

#[test]
fn module_tests_and_fixtures() {
    let dir = TempDir::new("module");
    dir.write("dep_FIXTURE.js", "export const answer = 42;\n");
    dir.write(
        "mod.js",
        "/*---\nflags: [module]\n---*/\nimport { answer } from './dep_FIXTURE.js';\n\
         assert.sameValue(answer, 42);\nassert.sameValue(this, undefined);\n",
    );
    dir.write(
        "missing.js",
        "/*---\nflags: [module]\nnegative:\n  phase: resolution\n  type: SyntaxError\n---*/\n\
         $DONOTEVALUATE();\nimport { nope } from './dep_FIXTURE.js';\n",
    );
    dir.write("harness/ignored.js", "throw new Error('not a test');\n");
    let (code, out) = run_dir(&dir, &[]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(last_line(&out), "2 passed, 0 failed, 0 skipped", "{out}");
}

#[test]
fn skips_features_and_can_block() {
    let dir = TempDir::new("skip");
    dir.write("a.js", "/*---\nfeatures: [Atomics]\n---*/\nthrow 1;\n");
    dir.write("b.js", "/*---\nflags: [CanBlockIsTrue]\n---*/\nthrow 1;\n");
    dir.write("c.js", "/*---\nflags: [CanBlockIsFalse]\n---*/\n");
    let (code, out) = run_dir(&dir, &["--features-skip", "Atomics,SharedArrayBuffer"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(last_line(&out), "1 passed, 0 failed, 2 skipped", "{out}");
}

#[test]
fn invalid_front_matter_names_the_file() {
    let dir = TempDir::new("yaml");
    dir.write("broken.js", "/*---\nflags: [onlyStrict\n---*/\n");
    let (code, out) = run_dir(&dir, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("broken.js"), "{out}");
    assert!(out.contains("invalid front matter"), "{out}");
}

#[test]
fn host_defined_262() {
    let dir = TempDir::new("host");
    dir.write(
        "realm.js",
        "/*---\n---*/\n\
         var other = $262.createRealm();\n\
         assert.notSameValue(other.global, globalThis, 'a new global');\n\
         assert.notSameValue(other.global.Array, Array, 'new intrinsics');\n\
         assert.sameValue(other.evalScript('var inOther = 7; inOther'), 7);\n\
         assert.sameValue(other.global.inOther, 7, 'evalScript ran in the new realm');\n\
         assert.sameValue(typeof globalThis.inOther, 'undefined');\n\
         $262.evalScript('var here = 1;');\n\
         assert.sameValue(here, 1);\n\
         assert.throws(SyntaxError, function () { $262.evalScript('var = ;'); });\n\
         var buffer = new ArrayBuffer(8);\n\
         $262.detachArrayBuffer(buffer);\n\
         assert.sameValue(buffer.byteLength, 0);\n\
         $262.gc();\n\
         assert.sameValue($262.global, globalThis);\n\
         assert.throws(TypeError, function () { $262.agent.start(''); });\n\
         assert.sameValue($262.IsHTMLDDA, undefined);\n",
    );
    let (code, out) = run_dir(&dir, &[]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn crashing_worker_is_reported_and_replaced() {
    let dir = TempDir::new("crash");
    // Runs out of the worker's native stack through the parser.
    let deep = format!("var x = {}1{};\n", "[".repeat(200_000), "]".repeat(200_000));
    dir.write("a-deep.js", &deep);
    dir.write("b-ok.js", PASSING);
    let (code, out) = run_dir(&dir, &["-j", "1"]);
    // Either Boa reports the nesting as an error or the worker dies; both
    // must leave the run going.
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("a-deep.js"), "{out}");
    assert!(out.contains("1 passed, 1 failed"), "{out}");
}

#[test]
fn missing_path_is_a_usage_error() {
    let out = run(&["/definitely/not/here"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("/definitely/not/here"), "{stderr}");
}

#[test]
fn project_suite_passes() {
    let out = run(&["js-tests"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(last_line(&stdout).contains(" 0 failed"), "{stdout}");
}

#[test]
fn fixture_server_only_for_tests_that_include_it() {
    let dir = TempDir::new("fixture-server");
    dir.write(
        "net.js",
        "/*---\nincludes: [fixture-server.js]\n---*/\n\
         assert(FIXTURE.http.startsWith('http://127.0.0.1:'), FIXTURE.http);\n\
         assert(FIXTURE.https.startsWith('https://localhost:'), FIXTURE.https);\n\
         assert.sameValue(typeof process.env.SSL_CERT_FILE, 'string');\n",
    );
    let (code, out) = run_dir(&dir, &[]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(last_line(&out), "1 passed, 0 failed, 0 skipped", "{out}");

    // Without a test that includes it, the server is not started at all.
    let other = TempDir::new("no-fixture-server");
    other.write(
        "plain.js",
        "/*---\ndescription: no server\n---*/\n\
         assert.sameValue(process.env.NANO_FIXTURE_HTTP, undefined);\n\
         assert.sameValue(process.env.NANO_FIXTURE_ERROR, undefined);\n",
    );
    let (code, out) = run_dir(&other, &[]);
    assert_eq!(code, 0, "{out}");
}
