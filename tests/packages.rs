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

use support::server::{BIN, temp_dir, write};

fn run(main: &Path) -> Output {
    Command::new(BIN)
        .args(["run", main.to_str().expect("utf-8 path")])
        .output()
        .expect("run nano-boa")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A project with packages of every kind under `node_modules`.
fn project() -> std::path::PathBuf {
    let dir = temp_dir("packages");
    let files: &[(&str, &str)] = &[
        (
            "node_modules/plain/package.json",
            r#"{ "name": "plain", "main": "lib/main.js" }"#,
        ),
        (
            "node_modules/plain/lib/main.js",
            "export const who = 'plain main';\n",
        ),
        (
            "node_modules/both/package.json",
            r#"{ "name": "both", "main": "cjs.js", "module": "esm.js" }"#,
        ),
        (
            "node_modules/both/esm.js",
            "export const who = 'module field';\n",
        ),
        ("node_modules/both/cjs.js", "module.exports = 'never';\n"),
        (
            "node_modules/cond/package.json",
            r#"{ "name": "cond", "type": "module", "exports": {
                 ".": { "node": "./node.js", "workerd": "./workerd.js", "import": "./import.js", "default": "./default.js" },
                 "./feature": { "import": "./feature.js" },
                 "./package.json": "./package.json"
               } }"#,
        ),
        (
            "node_modules/cond/workerd.js",
            "export const who = 'workerd';\n",
        ),
        ("node_modules/cond/node.js", "export const who = 'node';\n"),
        (
            "node_modules/cond/import.js",
            "export const who = 'import';\n",
        ),
        (
            "node_modules/cond/default.js",
            "export const who = 'default';\n",
        ),
        (
            "node_modules/cond/feature.js",
            "export const who = 'feature';\n",
        ),
        (
            "node_modules/cond/secret.js",
            "export const who = 'secret';\n",
        ),
        (
            "node_modules/@scope/pkg/package.json",
            r##"{ "name": "@scope/pkg", "type": "module",
                 "exports": { ".": "./index.js", "./self": "./self.js" },
                 "imports": { "#internal": "./internal.js" } }"##,
        ),
        (
            "node_modules/@scope/pkg/index.js",
            "import { inner } from '#internal';\nimport { self } from '@scope/pkg/self';\nexport const who = `${inner}+${self}`;\n",
        ),
        (
            "node_modules/@scope/pkg/internal.js",
            "export const inner = 'internal';\n",
        ),
        (
            "node_modules/@scope/pkg/self.js",
            "export const self = 'self';\n",
        ),
        ("lib/index.js", "export const who = 'directory index';\n"),
        ("sub/deep/nested.js", "export { who } from 'plain';\n"),
    ];
    for (name, contents) in files {
        write(&dir, name, contents);
    }
    dir
}

#[test]
fn packages_resolve_from_node_modules() {
    let dir = project();
    let main = write(
        &dir,
        "main.mjs",
        r#"import { who as plain } from "plain";
import { who as both } from "both";
import { who as cond } from "cond";
import { who as feature } from "cond/feature";
import { who as scoped } from "@scope/pkg";
import { who as index } from "./lib";
import { who as nested } from "./sub/deep/nested.js";
import pkg from "cond/package.json" with { type: "json" };
console.log([plain, both, cond, feature, scoped, index, nested, pkg.name].join("|"));
"#,
    );
    let out = run(&main);
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
    let main = write(
        dir,
        "try.mjs",
        &format!(
            "try {{ await import({specifier:?}); console.log('loaded'); }} catch (e) {{ console.log(e.message); }}\n"
        ),
    );
    let out = run(&main);
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
