//! CommonJS (issue 15) against the real binary: `fixtures/commonjs`, a
//! project with a hand-written `node_modules` tree, run as `nano-boa run
//! main.cjs` and `nano-boa run esm.mjs`. The expected output is node
//! v20's for the same files (`expected-*.txt`, recorded with `node main.cjs
//! 2>/dev/null` and `node esm.mjs`; see the fixture's README).

mod support;

use support::server::{run_file as run, temp_dir, write};

fn fixture() -> std::path::PathBuf {
    support::server::fixture("commonjs")
}

fn expected(name: &str) -> String {
    std::fs::read_to_string(fixture().join(name)).expect("expected output")
}

#[test]
fn commonjs_semantics_match_node() {
    let (stdout, stderr, code) = run(&fixture().join("main.cjs"));
    assert_eq!(code, Some(0), "stderr: {stderr}");
    assert_eq!(stdout, expected("expected-main.txt"));
}

#[test]
fn es_modules_import_commonjs_as_node_does() {
    let (stdout, stderr, code) = run(&fixture().join("esm.mjs"));
    assert_eq!(code, Some(0), "stderr: {stderr}");
    assert_eq!(stdout, expected("expected-esm.txt"));
}

#[test]
fn a_plain_script_is_commonjs_and_errors_name_the_file() {
    let dir = temp_dir("cjs-plain");
    let main = write(
        &dir,
        "main.js",
        "const helper = require('./helper');\nconsole.log(helper.twice(21), typeof module);\n",
    );
    write(&dir, "helper.js", "exports.twice = (n) => n * 2;\n");
    let (stdout, stderr, code) = run(&main);
    assert_eq!(
        (stdout.as_str(), code),
        ("42 object\n", Some(0)),
        "{stderr}"
    );

    // An uncaught error names the file and line (the wrapper keeps lines).
    let failing = write(&dir, "fail.js", "\n\nnull.x;\n");
    let (_, stderr, code) = run(&failing);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("fail.js:3"), "{stderr}");

    // A syntax error is reported as one, naming the file.
    let broken = write(&dir, "broken.js", "let = ;\n");
    let (_, stderr, code) = run(&broken);
    assert_ne!(code, Some(0));
    assert!(
        stderr.contains("SyntaxError") && stderr.contains("broken.js"),
        "{stderr}"
    );
}

#[test]
fn require_of_a_module_with_top_level_await_is_refused() {
    let dir = temp_dir("cjs-tla");
    write(&dir, "tla.mjs", "await 1;\nexport const x = 1;\n");
    let main = write(
        &dir,
        "main.cjs",
        "try { require('./tla.mjs'); } catch (e) { console.log(e.code); }\n",
    );
    let (stdout, stderr, code) = run(&main);
    assert_eq!(
        (stdout.as_str(), code),
        ("ERR_REQUIRE_ASYNC_MODULE\n", Some(0)),
        "{stderr}"
    );
}
