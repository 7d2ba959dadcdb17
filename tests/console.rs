//! End-to-end tests of `console` and the value inspector: each case runs a
//! small script with the real binary and compares stdout and stderr.
//!
//! Every expected output below was obtained by running the SAME script
//! with node v20.20.2 (`node script.js`); cases whose output depends on
//! the engine (stack frames, timings, process ids) check only the stable
//! parts.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Writes `source` to a fresh file in the temp dir and runs it.
fn run(source: &str) -> (String, String, i32) {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let dir: PathBuf =
        std::env::temp_dir().join(format!("nano-boa-console-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create temp dir");
    let path = dir.join("script.js");
    std::fs::write(&path, source).expect("write script");
    let output = Command::new(env!("CARGO_BIN_EXE_nano-boa"))
        .arg("run")
        .arg(&path)
        .output()
        .expect("run nano-boa");
    let _ = std::fs::remove_dir_all(&dir);
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}

/// Runs `source` and asserts node's stdout and stderr.
fn check(source: &str, stdout: &str, stderr: &str) {
    let (out, err, code) = run(source);
    assert_eq!(out, stdout, "stdout of:\n{source}\nstderr:\n{err}");
    assert_eq!(err, stderr, "stderr of:\n{source}");
    assert_eq!(code, 0, "exit code of:\n{source}");
}

#[test]
fn primitives_top_level() {
    check(
        r#"console.log('str', 1, -0, 10n, Symbol('x'), undefined, null, true, NaN);"#,
        r#"str 1 -0 10n Symbol(x) undefined null true NaN
"#,
        r#""#,
    );
}

#[test]
fn strings_nested_quotes() {
    check(
        r#"console.log(['a', "it's", 'say "hi" it\'s', 'a\nb\x01']);"#,
        r#"[ 'a', "it's", `say "hi" it's`, 'a\nb\x01' ]
"#,
        r#""#,
    );
}

#[test]
fn arrays_and_holes() {
    check(
        r#"console.log([1, 2, 3], [], [1, , 3], [ , , ], new Array(5));"#,
        r#"[ 1, 2, 3 ] [] [ 1, <1 empty item>, 3 ] [ <2 empty items> ] [ <5 empty items> ]
"#,
        r#""#,
    );
}

#[test]
fn array_extra_props() {
    check(
        r#"const a = [1, 2]; a.extra = 'x'; console.log(a);"#,
        r#"[ 1, 2, extra: 'x' ]
"#,
        r#""#,
    );
}

#[test]
fn objects_and_keys() {
    check(
        r#"console.log({ a: 1, b: [1, 2] }, {}, { 'a-b': 1, 1: 2, [Symbol('s')]: 3, __proto__x: 1 });"#,
        r#"{ a: 1, b: [ 1, 2 ] } {} { '1': 2, 'a-b': 1, __proto__x: 1, [Symbol(s)]: 3 }
"#,
        r#""#,
    );
}

#[test]
fn class_and_null_proto() {
    check(
        r#"class Foo { constructor() { this.x = 1; } } const n = Object.create(null); n.a = 1; console.log(new Foo(), Object.create(null), n);"#,
        r#"Foo { x: 1 } [Object: null prototype] {} [Object: null prototype] { a: 1 }
"#,
        r#""#,
    );
}

#[test]
fn depth_limit() {
    check(
        r#"console.log({ a: { b: { c: { d: 1 } } } }, [[[[1]]]]);"#,
        r#"{ a: { b: { c: [Object] } } } [ [ [ [Array] ] ] ]
"#,
        r#""#,
    );
}

#[test]
fn circular() {
    check(
        r#"const c = { name: 'c' }; c.self = c; console.log(c); const d = { a: [] }; d.a.push(d); d.b = { back: d.a }; console.log(d);"#,
        r#"<ref *1> { name: 'c', self: [Circular *1] }
<ref *1> { a: [ [Circular *1] ], b: { back: [ [Circular *1] ] } }
"#,
        r#""#,
    );
}

#[test]
fn functions() {
    check(
        r#"function f() {} class A {} class B extends A {} console.log(f, () => {}, A, B, async () => {}, function* h() {}, async function* ag() {}, Math.max, class {});"#,
        r#"[Function: f] [Function (anonymous)] [class A] [class B extends A] [AsyncFunction (anonymous)] [GeneratorFunction: h] [AsyncGeneratorFunction: ag] [Function: max] [class (anonymous)]
"#,
        r#""#,
    );
}

#[test]
fn function_with_props() {
    check(
        r#"function f() {} f.prop = 1; console.log(f);"#,
        r#"[Function: f] { prop: 1 }
"#,
        r#""#,
    );
}

#[test]
fn accessors() {
    check(
        r#"console.log({ get a() { return 1; }, set b(v) {}, get c() { return 1; }, set c(v) {} });"#,
        r#"{ a: [Getter], b: [Setter], c: [Getter/Setter] }
"#,
        r#""#,
    );
}

#[test]
fn map_set_weak() {
    check(
        r#"console.log(new Map([['a', 1], ['b', 2]]), new Set([1]), new Map(), new Set(), new WeakMap(), new WeakSet());"#,
        r#"Map(2) { 'a' => 1, 'b' => 2 } Set(1) { 1 } Map(0) {} Set(0) {} WeakMap { <items unknown> } WeakSet { <items unknown> }
"#,
        r#""#,
    );
}

#[test]
fn map_nested() {
    check(
        r#"console.log(new Map([[{ a: 1 }, [1, 2]], ['k', new Set(['v'])]]), { m: new Map([['a', { b: { c: 1 } }]]) });"#,
        r#"Map(2) { { a: 1 } => [ 1, 2 ], 'k' => Set(1) { 'v' } } { m: Map(1) { 'a' => { b: [Object] } } }
"#,
        r#""#,
    );
}

#[test]
fn date_and_regexp() {
    check(
        r#"console.log(new Date(0), new Date(NaN), /a/g, new RegExp('x/y', 'gi'), [new Date(86400000)]);"#,
        r#"1970-01-01T00:00:00.000Z Invalid Date /a/g /x\/y/gi [ 1970-01-02T00:00:00.000Z ]
"#,
        r#""#,
    );
}

#[test]
fn boxed_primitives() {
    check(
        r#"console.log(new Number(3), new String('x'), new Boolean(false), Object(1n), Object(Symbol('q')));"#,
        r#"[Number: 3] [String: 'x'] [Boolean: false] [BigInt: 1n] [Symbol: Symbol(q)]
"#,
        r#""#,
    );
}

#[test]
fn typed_arrays() {
    check(
        r#"console.log(new Uint8Array([1, 2, 3]), new Float64Array(2), new BigInt64Array(2), new Uint8Array(0));"#,
        r#"Uint8Array(3) [ 1, 2, 3 ] Float64Array(2) [ 0, 0 ] BigInt64Array(2) [ 0n, 0n ] Uint8Array(0) []
"#,
        r#""#,
    );
}

#[test]
fn array_buffer_and_dataview() {
    check(
        r#"console.log(new ArrayBuffer(2), new Uint8Array([1, 2]).buffer, new DataView(new ArrayBuffer(2)));"#,
        r#"ArrayBuffer { [Uint8Contents]: <00 00>, byteLength: 2 } ArrayBuffer { [Uint8Contents]: <01 02>, byteLength: 2 } DataView {
  byteLength: 2,
  byteOffset: 0,
  buffer: ArrayBuffer { [Uint8Contents]: <00 00>, byteLength: 2 }
}
"#,
        r#""#,
    );
}

#[test]
fn promises() {
    check(
        r#"const r = Promise.reject(3); r.catch(() => {}); console.log(Promise.resolve(1), new Promise(() => {}), r);"#,
        r#"Promise { 1 } Promise { <pending> } Promise { <rejected> 3 }
"#,
        r#""#,
    );
}

#[test]
fn grouped_numbers() {
    check(
        r#"console.log(Array.from({ length: 30 }, (_, i) => i));"#,
        r#"[
   0,  1,  2,  3,  4,  5,  6,  7,  8,
   9, 10, 11, 12, 13, 14, 15, 16, 17,
  18, 19, 20, 21, 22, 23, 24, 25, 26,
  27, 28, 29
]
"#,
        r#""#,
    );
}

#[test]
fn more_than_100_items() {
    check(
        r#"console.log(Array.from({ length: 120 }, (_, i) => i * 3));"#,
        r#"[
    0,   3,   6,   9,  12,  15,  18,  21,  24,  27,  30,  33,
   36,  39,  42,  45,  48,  51,  54,  57,  60,  63,  66,  69,
   72,  75,  78,  81,  84,  87,  90,  93,  96,  99, 102, 105,
  108, 111, 114, 117, 120, 123, 126, 129, 132, 135, 138, 141,
  144, 147, 150, 153, 156, 159, 162, 165, 168, 171, 174, 177,
  180, 183, 186, 189, 192, 195, 198, 201, 204, 207, 210, 213,
  216, 219, 222, 225, 228, 231, 234, 237, 240, 243, 246, 249,
  252, 255, 258, 261, 264, 267, 270, 273, 276, 279, 282, 285,
  288, 291, 294, 297,
  ... 20 more items
]
"#,
        r#""#,
    );
}

#[test]
fn grouped_strings() {
    check(
        r#"console.log(['a', 'bb', 'ccc', 'dddd', 'eeeee', 'f', 'g', 'h']);"#,
        r#"[
  'a',     'bb',
  'ccc',   'dddd',
  'eeeee', 'f',
  'g',     'h'
]
"#,
        r#""#,
    );
}

#[test]
fn line_breaking() {
    check(
        r#"console.log({ aaaaaaaaaaaa: 'bbbbbbbbbbbbbbbbbbbbb', cccccccccccc: 'ddddddddddddddddddddd', e: 'fffffffffffffff' }); console.log({ a: 'x'.repeat(100) });"#,
        r#"{
  aaaaaaaaaaaa: 'bbbbbbbbbbbbbbbbbbbbb',
  cccccccccccc: 'ddddddddddddddddddddd',
  e: 'fffffffffffffff'
}
{
  a: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'
}
"#,
        r#""#,
    );
}

#[test]
fn multiline_string_in_object() {
    check(
        r#"console.log({ s: 'line one of a long string\nline two of the long string that goes on and on and on\n' });"#,
        r#"{
  s: 'line one of a long string\n' +
    'line two of the long string that goes on and on and on\n'
}
"#,
        r#""#,
    );
}

#[test]
fn nested_mixed() {
    check(
        r#"console.log([{ a: 1, b: { c: [1, 2, { d: 3 }] } }], [undefined, null, NaN, Infinity, -Infinity]);"#,
        r#"[ { a: 1, b: { c: [Array] } } ] [ undefined, null, NaN, Infinity, -Infinity ]
"#,
        r#""#,
    );
}

#[test]
fn arguments_object() {
    check(
        r#"(function () { console.log(arguments); })(1, 'two');"#,
        r#"[Arguments] { '0': 1, '1': 'two' }
"#,
        r#""#,
    );
}

#[test]
fn to_string_tag() {
    check(
        r#"class T3 {} T3.prototype[Symbol.toStringTag] = 'Custom'; console.log(new T3(), { [Symbol.toStringTag]: 'T', a: 1 });"#,
        r#"T3 [Custom] {} { a: 1, [Symbol(Symbol.toStringTag)]: 'T' }
"#,
        r#""#,
    );
}

#[test]
fn subclassed_builtins() {
    check(
        r#"console.log(new (class M extends Map {})([[1, 2]]), new (class MyArr extends Array {})(1, 2, 3));"#,
        r#"M(1) [Map] { 1 => 2 } MyArr(3) [ 1, 2, 3 ]
"#,
        r#""#,
    );
}

#[test]
fn error_with_stack() {
    check(
        r#"const e = new Error('boom'); e.stack = 'Error: boom\n    at foo (file.js:1:2)\n    at bar (file.js:3:4)'; console.log(e); console.log({ e });"#,
        r#"Error: boom
    at foo (file.js:1:2)
    at bar (file.js:3:4)
{
  e: Error: boom
      at foo (file.js:1:2)
      at bar (file.js:3:4)
}
"#,
        r#""#,
    );
}

#[test]
fn error_without_stack() {
    check(
        r#"const e = new TypeError('bad'); e.stack = undefined; const z = new Error(''); z.stack = undefined; console.log(e, [e], z);"#,
        r#"[TypeError: bad] [ [TypeError: bad] ] [Error]
"#,
        r#""#,
    );
}

#[test]
fn error_props_and_cause() {
    check(
        r#"const inner = new Error('inner'); inner.stack = 'Error: inner\n    at a (b.js:1:1)'; const e = new Error('outer', { cause: inner }); e.stack = 'Error: outer\n    at c (d.js:2:2)'; e.code = 'E_X'; console.log(e);"#,
        r#"Error: outer
    at c (d.js:2:2) {
  code: 'E_X',
  [cause]: Error: inner
      at a (b.js:1:1)
}
"#,
        r#""#,
    );
}

#[test]
fn error_subclass_and_rename() {
    check(
        r#"class MyError extends Error {} const e = new MyError('mine'); e.stack = 'Error: mine\n    at z (q.js:1:1)'; const r = new RangeError('r'); r.name = 'Custom'; r.stack = undefined; console.log(e, r);"#,
        r#"MyError: mine
    at z (q.js:1:1) [Custom: r]
"#,
        r#""#,
    );
}

#[test]
fn aggregate_error() {
    check(
        r#"const agg = new AggregateError([new Error('a')], 'many'); agg.stack = undefined; agg.errors[0].stack = undefined; console.log(agg);"#,
        r#"[AggregateError: many] { [errors]: [ [Error: a] ] }
"#,
        r#""#,
    );
}

#[test]
fn format_specifiers() {
    check(
        r#"console.log('%s is %d years and %i, %f', 'Bob', 42.5, 42.9, '3.25abc'); console.log('%j %j', { a: [1] }, 'str'); const c = {}; c.c = c; console.log('%j', c);"#,
        r#"Bob is 42.5 years and 42, 3.25
{"a":[1]} "str"
[Circular]
"#,
        r#""#,
    );
}

#[test]
fn format_o_and_c() {
    check(
        r#"console.log('%o', { a: [1, 2] }); console.log('%O', { a: { b: { c: { d: 1 } } } }); console.log('%c styled %s', 'color: red', 'text', 'extra', 5);"#,
        r#"{ a: [ 1, 2, [length]: 2 ] }
{ a: { b: { c: [Object] } } }
 styled text extra 5
"#,
        r#""#,
    );
}

#[test]
fn format_percent_and_leftovers() {
    check(
        r#"console.log('100%% sure %s', 'yes', '%s'); console.log('missing %s %d'); console.log('%x unknown', 1); console.log('trailing %', 1);"#,
        r#"100% sure yes %s
missing %s %d
%x unknown 1
trailing % 1
"#,
        r#""#,
    );
}

#[test]
fn format_s_objects() {
    check(
        r#"console.log('%s', { toString() { return 'custom'; } }); console.log('%s %s', { a: { b: 1 } }, [1, [2, [3]]]); console.log('%s', -0, 5n, Symbol('sym'), null);"#,
        r#"custom
{ a: [Object] } [ 1, [Array] ]
-0 5n Symbol(sym) null
"#,
        r#""#,
    );
}

#[test]
fn format_numbers() {
    check(
        r#"console.log('%d %i %f', '0x10', '0x10', 'abc'); console.log('%d', 5n, '%i', 7n);"#,
        r#"16 16 NaN
5n %i 7n
"#,
        r#""#,
    );
}

#[test]
fn table_objects() {
    check(
        r#"console.table([{ a: 1, b: 'x' }, { a: 2, c: true }]); console.table([1, 'two', { three: 3 }]);"#,
        r#"┌─────────┬───┬─────┬──────┐
│ (index) │ a │ b   │ c    │
├─────────┼───┼─────┼──────┤
│ 0       │ 1 │ 'x' │      │
│ 1       │ 2 │     │ true │
└─────────┴───┴─────┴──────┘
┌─────────┬───────┬────────┐
│ (index) │ three │ Values │
├─────────┼───────┼────────┤
│ 0       │       │ 1      │
│ 1       │       │ 'two'  │
│ 2       │ 3     │        │
└─────────┴───────┴────────┘
"#,
        r#""#,
    );
}

#[test]
fn table_columns_and_collections() {
    check(
        r#"console.table({ r1: { c: 1 }, r2: { c: 2, d: [1, 2, 3, 4] } }); console.table([{ a: 1, b: 2 }], ['a']); console.table(new Map([['k', 1]])); console.table(new Set(['s'])); console.table(5);"#,
        r#"┌─────────┬───┬──────────────────────────────┐
│ (index) │ c │ d                            │
├─────────┼───┼──────────────────────────────┤
│ r1      │ 1 │                              │
│ r2      │ 2 │ [ 1, 2, 3, ... 1 more item ] │
└─────────┴───┴──────────────────────────────┘
┌─────────┬───┐
│ (index) │ a │
├─────────┼───┤
│ 0       │ 1 │
└─────────┴───┘
┌───────────────────┬─────┬────────┐
│ (iteration index) │ Key │ Values │
├───────────────────┼─────┼────────┤
│ 0                 │ 'k' │ 1      │
└───────────────────┴─────┴────────┘
┌───────────────────┬────────┐
│ (iteration index) │ Values │
├───────────────────┼────────┤
│ 0                 │ 's'    │
└───────────────────┴────────┘
5
"#,
        r#""#,
    );
}

#[test]
fn count_and_group() {
    check(
        r#"console.count(); console.count(); console.count('x'); console.countReset(); console.count(); console.group('G1'); console.log('in 1'); console.group(); console.log({ a: 1, b: 'multi\nline' }); console.groupEnd(); console.log('back'); console.groupEnd(); console.groupEnd(); console.log('out');"#,
        r#"default: 1
default: 2
x: 1
default: 1
G1
  in 1
    { a: 1, b: 'multi\nline' }
  back
out
"#,
        r#""#,
    );
}

#[test]
fn dir_and_aliases() {
    check(
        r#"console.dir({ a: { b: { c: { d: 1 } } } }); console.dir({ a: { b: 1 } }, { depth: 0 }); console.dir('str'); console.debug('debug', 1); console.info('info'); console.assert(true, 'nope');"#,
        r#"{ a: { b: { c: [Object] } } }
{ a: [Object] }
'str'
debug 1
info
"#,
        r#""#,
    );
}

#[test]
fn stderr_methods() {
    check(
        r#"console.warn('warn', { a: 1 }); console.error('error %d', 5); console.assert(false); console.assert(false, 'msg %s', 'sub', 2); console.assert(0, { a: 1 }); console.group('g'); console.error('indented err'); console.groupEnd();"#,
        r#"g
"#,
        r#"warn { a: 1 }
error 5
Assertion failed
Assertion failed: msg sub 2
Assertion failed: [object Object]
  indented err
"#,
    );
}

#[test]
fn string_escapes_and_keys() {
    check(
        r#"console.log({ 'key with space': 1, __proto__: null, ['\n']: 2, und: undefined, f() {} }, ['\u00e9', '\x7f']);"#,
        r#"[Object: null prototype] {
  'key with space': 1,
  '\n': 2,
  und: undefined,
  f: [Function: f]
} [ 'é', '\x7F' ]
"#,
        r#""#,
    );
}

#[test]
fn sparse_large() {
    check(
        r#"const a = []; a[2] = 1; a[10] = 2; a.length = 15; console.log(a); const b = new Array(200); b[150] = 'x'; console.log(b);"#,
        r#"[ <2 empty items>, 1, <7 empty items>, 2, <4 empty items> ]
[ <150 empty items>, 'x', <49 empty items> ]
"#,
        r#""#,
    );
}

// ---- engine-dependent output: only the stable parts are compared ----

#[test]
fn time_prints_label_and_milliseconds() {
    let (out, err, _) = run("console.time(); console.timeEnd(); console.time('t'); \
         console.timeLog('t', 'extra', { a: 1 }); console.timeEnd('t');\n");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    let is_ms = |s: &str| {
        s.strip_suffix("ms")
            .is_some_and(|n| n.parse::<f64>().is_ok_and(|n| n >= 0.0))
    };
    let rest = lines[0].strip_prefix("default: ").expect("default label");
    assert!(is_ms(rest), "{out}");
    let rest = lines[1].strip_prefix("t: ").expect("t label");
    let rest = rest.strip_suffix(" extra { a: 1 }").expect("extra data");
    assert!(is_ms(rest), "{out}");
    assert!(
        is_ms(lines[2].strip_prefix("t: ").unwrap_or_default()),
        "{out}"
    );
    assert_eq!(err, "");
}

#[test]
fn time_and_count_warnings_go_to_stderr() {
    let (out, err, code) = run("console.timeEnd('nope'); console.timeLog('nope2'); \
         console.time('dup'); console.time('dup'); console.countReset('never');\n");
    assert_eq!(out, "");
    assert_eq!(code, 0);
    // node: "(node:PID) Warning: ..." lines.
    for message in [
        "Warning: No such label 'nope' for console.timeEnd()",
        "Warning: No such label 'nope2' for console.timeLog()",
        "Warning: Label 'dup' already exists for console.time()",
        "Warning: Count for 'never' does not exist",
    ] {
        assert!(err.contains(message), "missing {message:?} in {err}");
    }
}

#[test]
fn trace_prints_message_and_stack_to_stderr() {
    let (out, err, _) =
        run("function inner() { console.trace('here %d', 1); }\ninner();\nconsole.trace();\n");
    assert_eq!(out, "");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines[0], "Trace: here 1", "{err}");
    assert!(lines[1].starts_with("    at inner ("), "{err}");
    assert!(lines.contains(&"Trace"), "{err}");
    assert!(lines.iter().all(|l| !l.contains("native")), "{err}");
}

#[test]
fn errors_print_header_and_engine_stack() {
    // node: "Error: x\n    at ..." (frames differ between engines).
    let (out, _, _) = run("function f() { return new Error('x'); }\nconsole.log(f());\n");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Error: x", "{out}");
    assert!(lines[1].starts_with("    at f ("), "{out}");
}

#[test]
fn proxies_never_run_traps() {
    let (out, err, code) = run("const p = new Proxy({ a: 1 }, { get() { throw 1; }, \
         ownKeys() { throw 2; }, getOwnPropertyDescriptor() { throw 3; }, \
         getPrototypeOf() { throw 4; } });\nconsole.log([p]); console.log('%s %o', p, p);\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "");
    assert_eq!(out.lines().count(), 2, "{out}");
}

#[test]
fn getters_are_not_called() {
    check(
        "console.log({ get boom() { throw new Error('called'); } });\n",
        "{ boom: [Getter] }\n",
        "",
    );
}

#[test]
fn broken_pipe_does_not_panic() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = std::env::temp_dir().join(format!("nano-boa-pipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("spam.js");
    std::fs::write(
        &path,
        "for (let i = 0; i < 20000; i++) console.log('line', i);\n",
    )
    .expect("write");
    let mut child = Command::new(env!("CARGO_BIN_EXE_nano-boa"))
        .arg("run")
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // Read a little, then close our end of the pipe.
    let mut buf = [0u8; 16];
    let _ = child.stdout.as_mut().map(|s| s.read(&mut buf));
    drop(child.stdout.take());
    let mut err = String::new();
    let _ = child.stderr.as_mut().map(|s| s.read_to_string(&mut err));
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(!err.contains("panicked"), "{err}");
}
