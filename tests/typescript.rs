//! TypeScript and JSX (issue 15) against the real binary:
//! `fixtures/typescript` (expected output from deno 2 for the same files),
//! error positions in the `.ts` source, and TypeScript's resolution rules
//! (`./x.js` naming `./x.ts`, `tsconfig.json` `paths`, `.cts`/`.mts`).

mod support;

use support::server::{run_file as run, temp_dir, write};

fn fixture() -> std::path::PathBuf {
    support::server::fixture("typescript")
}

#[test]
fn typescript_and_jsx_run_as_deno_runs_them() {
    let (stdout, stderr, code) = run(&fixture().join("main.ts"));
    assert_eq!(code, Some(0), "stderr: {stderr}");
    let expected = std::fs::read_to_string(fixture().join("expected.txt")).expect("expected");
    assert_eq!(stdout, expected);
}

#[test]
fn errors_point_into_the_typescript_source() {
    let (_, stderr, code) = run(&fixture().join("throws.ts"));
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("TypeError: exploded: on purpose"),
        "{stderr}"
    );
    // deno reports the same position for the throw.
    assert!(stderr.contains("src/fail.ts:6:9)"), "{stderr}");
    assert!(stderr.contains("throws.ts:6:"), "{stderr}");

    let dir = temp_dir("ts-syntax");
    let bad = write(&dir, "bad.ts", "// first line\nlet x: number = ;\n");
    let (_, stderr, code) = run(&bad);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("bad.ts:2:17: SyntaxError"), "{stderr}");
}

#[test]
fn typescript_resolution_rules() {
    let dir = temp_dir("ts-resolve");
    write(
        &dir,
        "tsconfig.json",
        r#"{
          // JSON with comments, as tsc reads it
          "compilerOptions": { "baseUrl": ".", "paths": { "@lib/*": ["lib/*"] }, },
        }"#,
    );
    write(
        &dir,
        "lib/math.ts",
        "export const twice = (n: number): number => n * 2;\n",
    );
    write(
        &dir,
        "lib/names.mts",
        "export const name: string = 'mts';\n",
    );
    write(
        &dir,
        "lib/legacy.cts",
        "const greet = (who: string): string => 'hi ' + who;\nmodule.exports = { greet };\n",
    );
    let main = write(
        &dir,
        "main.ts",
        "import { twice } from './lib/math.js';\n\
         import { twice as viaPaths } from '@lib/math';\n\
         import { name } from './lib/names.mjs';\n\
         import legacy from './lib/legacy.cjs';\n\
         console.log(twice(2), viaPaths(3), name, legacy.greet('cts'));\n",
    );
    let (stdout, stderr, code) = run(&main);
    assert_eq!(
        (stdout.as_str(), code),
        ("4 6 mts hi cts\n", Some(0)),
        "{stderr}"
    );
}

#[test]
fn legacy_decorators_run_as_tsc_emits_them() {
    let dir = support::server::fixture("typescript-decorators");
    let (stdout, stderr, code) = run(&dir.join("main.ts"));
    assert_eq!(code, Some(0), "stderr: {stderr}");
    let expected = std::fs::read_to_string(dir.join("expected.txt")).expect("expected");
    assert_eq!(stdout, expected);
}

#[test]
fn standard_decorators_fail_with_a_clear_error_at_the_decorator() {
    // Without `experimentalDecorators` a decorator is a TypeScript 5
    // standard decorator, which neither oxc lowers nor the engine parses.
    let dir = temp_dir("ts-standard-decorators");
    let main = write(
        &dir,
        "main.ts",
        "const x: number = 1;\nfunction bound(value: unknown, context: unknown) {}\n\
         class A {\n  @bound method() {}\n}\nconsole.log(x);\n",
    );
    let (stdout, stderr, code) = run(&main);
    assert_eq!((stdout.as_str(), code), ("", Some(1)), "{stderr}");
    assert!(stderr.contains("main.ts:4:3"), "{stderr}");
    assert!(
        stderr.contains("standard decorators are not supported"),
        "{stderr}"
    );
    assert!(
        stderr.contains("\"experimentalDecorators\": true"),
        "{stderr}"
    );
}
