//! npm packages imported unbundled (issue 15), against the real binary: a
//! project with a `node_modules` tree, resolved as node and the bundlers
//! resolve (`exports` with conditions, `imports`, self-references, scoped
//! packages, `main`/`module`, directory index, parent node_modules), and
//! the errors of what does not resolve. Expected values follow Node.js's
//! resolution algorithm, except where nano-boa's documented choices differ
//! (the `workerd` condition first, the `module` field before `main`).

use std::path::Path;
use std::process::{Command, Output};

mod support;

use support::server::{BIN, fixture};

fn run(main: &Path) -> Output {
    Command::new(BIN)
        .args(["run", main.to_str().expect("utf-8 path")])
        .output()
        .expect("run nano-boa")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The project with packages of every kind under `node_modules`
/// (fixtures/packages).
fn project() -> std::path::PathBuf {
    fixture("packages")
}

#[test]
fn packages_resolve_from_node_modules() {
    let out = run(&project().join("main.mjs"));
    assert_eq!(
        text(&out.stdout),
        "plain main|module field|workerd|feature|internal+self|directory index|plain main|cond\n",
        "stderr: {}",
        text(&out.stderr)
    );
    assert!(out.status.success());
}

/// Runs `import(specifier)` from a module of the project; its error.
fn import_error(dir: &Path, specifier: &str) -> String {
    let out = Command::new(BIN)
        .arg("run")
        .arg(dir.join("try.mjs"))
        .env("SPECIFIER", specifier)
        .output()
        .expect("run nano-boa");
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn what_does_not_resolve_is_named() {
    let dir = project();
    let main = dir.join("try.mjs");
    let from = main.display().to_string();

    let missing = import_error(&dir, "left-pad");
    assert!(
        missing.starts_with(&format!(
            "cannot resolve module 'left-pad' imported from {from}: no package 'left-pad' in a node_modules directory of"
        )),
        "{missing}"
    );

    let hidden = import_error(&dir, "cond/secret.js");
    assert!(
        hidden.contains("cannot resolve module 'cond/secret.js'"),
        "{hidden}"
    );
    assert!(hidden.contains("not exported"), "{hidden}");

    let builtin = import_error(&dir, "node:worker_threads");
    assert!(
        builtin.contains("'node:worker_threads' is a Node.js built-in module"),
        "{builtin}"
    );
    let bare_builtin = import_error(&dir, "child_process");
    assert!(
        bare_builtin.contains("'node:child_process' is a Node.js built-in module"),
        "{bare_builtin}"
    );

    let url = import_error(&dir, "https://example.test/x.js");
    assert!(url.contains("https: URLs cannot be imported"), "{url}");

    let import = import_error(&dir, "#nothing");
    assert!(
        import.contains("cannot resolve module '#nothing'"),
        "{import}"
    );

    let file = import_error(&dir, "./nothing-here");
    assert!(file.contains("no file"), "{file}");
    assert!(file.contains("nothing-here"), "{file}");
}
