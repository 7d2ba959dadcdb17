//! The interactive REPL (`nano-boa repl`, or `nano-boa` alone).
//!
//! Line editing runs on its own thread (rustyline blocks while the user
//! types); the JavaScript thread keeps running its event loop, so timers and
//! promises settle while the prompt waits, as in node. Each finished input is
//! sent to the event loop as a native task completion; once it has been
//! evaluated (and a top-level `await` in it has settled) the editor thread
//! is told to show the next prompt.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use boa_engine::object::FunctionObjectBuilder;
use boa_engine::object::builtins::JsPromise;
use boa_engine::{Context, JsError, JsValue, NativeFunction, Script, Source, js_string};
use boa_gc::{Finalize, Trace};
use rustyline::error::ReadlineError;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Completer, Editor, Helper, Highlighter, Hinter};
use smol::channel::{Receiver, Sender};

use crate::runtime::errors::{describe_error, describe_value, render_syntax_error};
use crate::runtime::{EventLoop, ExitPolicy, RuntimeOptions};
use crate::web::console::inspect;

const HELP: &str = "\
.exit     Leave the REPL (also Ctrl+D, or Ctrl+C twice)
.help     Show this list
Top-level await works: `await fetchSomething()`. `_` holds the last value.";

/// Starts the REPL and returns the exit code.
pub fn run(net: crate::net::NetConfig, typescript: bool) -> i32 {
    let argv = vec![
        std::env::current_exe()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| "nano-boa".to_owned()),
    ];
    let mut runtime = match crate::web::new_runtime(RuntimeOptions {
        argv,
        exit: ExitPolicy::Process,
        net,
        ..RuntimeOptions::default()
    }) {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("error: cannot start the runtime: {err}");
            return 1;
        }
    };
    // Rejections are reported after each input instead of ending the REPL.
    runtime.event_loop().set_fail_on_unhandled_rejection(false);

    let (line_tx, line_rx) = smol::channel::unbounded::<String>();
    let (ready_tx, ready_rx) = mpsc::channel::<()>();
    let editor = std::thread::Builder::new()
        .name("repl-editor".to_owned())
        .spawn(move || edit_lines(&line_tx, &ready_rx));
    if let Err(err) = editor {
        eprintln!("error: cannot start the line editor: {err}");
        return 1;
    }

    let link = Link {
        lines: line_rx,
        ready: ready_tx,
        typescript,
    };
    next_input(&link, runtime.event_loop());
    loop {
        match runtime.run_event_loop() {
            Ok(()) => return 0,
            // A timer or callback threw: report it and keep the session.
            Err(err) => {
                let err = crate::runtime::RunError::from(err);
                eprintln!("{}", err.render(runtime.context()));
            }
        }
    }
}

/// What the JavaScript thread holds to talk to the editor thread.
#[derive(Clone, Trace, Finalize)]
struct Link {
    #[unsafe_ignore_trace]
    lines: Receiver<String>,
    #[unsafe_ignore_trace]
    ready: mpsc::Sender<()>,
    /// `repl --ts`: each input is TypeScript, its types stripped first.
    #[unsafe_ignore_trace]
    typescript: bool,
}

/// Asks the editor for the next input and evaluates it when it arrives.
/// The pending read keeps the event loop alive.
fn next_input(link: &Link, event_loop: &EventLoop) {
    let _ = link.ready.send(());
    let lines = link.lines.clone();
    let link = link.clone();
    event_loop.spawn_native(async move { lines.recv().await.ok() }, move |line, cx| {
        // `None`: the editor hung up (end of input), so stop reading.
        if let Some(line) = line {
            evaluate_input(&line, &link, cx);
        }
        Ok(())
    });
}

fn exit(code: i32) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    std::process::exit(code);
}

fn evaluate_input(input: &str, link: &Link, cx: &mut Context) {
    let Some(event_loop) = EventLoop::of(cx) else {
        return;
    };
    match input.trim() {
        "" => return next_input(link, &event_loop),
        ".exit" => exit(0),
        ".help" => {
            println!("{HELP}");
            return next_input(link, &event_loop);
        }
        _ => {}
    }
    let transpiled;
    let input = if link.typescript {
        let config = crate::runtime::modules::typescript::TsConfig::default();
        match crate::runtime::modules::typescript::transpile(Path::new("<repl>.ts"), input, &config)
        {
            Ok(out) => {
                transpiled = out.code;
                transpiled.as_str()
            }
            Err(error) => {
                eprintln!(
                    "Uncaught SyntaxError: {} (<repl>:{}:{})",
                    error.message, error.line, error.column
                );
                return finish_input(link, cx);
            }
        }
    } else {
        input
    };
    let path = Path::new("<repl>");
    match Script::parse(
        Source::from_bytes(input.as_bytes()).with_path(path),
        None,
        cx,
    ) {
        Ok(script) => {
            let result = script.evaluate(cx);
            report(result, cx);
            finish_input(link, cx);
        }
        Err(syntax) => match wrap_top_level_await(input) {
            Some(wrapped) => evaluate_async(&wrapped, syntax, link, cx),
            None => {
                eprintln!("Uncaught {}", render_syntax_error(&syntax, None));
                finish_input(link, cx);
            }
        },
    }
}

/// Prints a completion value (and keeps it as `_`) or an uncaught error.
fn report(result: Result<JsValue, JsError>, cx: &mut Context) {
    match result {
        Ok(value) => {
            println!("{}", inspect::inspect(&value, cx));
            let global = cx.global_object();
            let _ = global.set(js_string!("_"), value, false, cx);
        }
        Err(err) => eprintln!("Uncaught {}", describe_error(&err, cx)),
    }
}

/// Queues the prompt for after the microtasks the input started, reporting
/// rejections nobody handled by then.
fn finish_input(link: &Link, cx: &mut Context) {
    let link = link.clone();
    cx.enqueue_job(
        boa_engine::job::PromiseJob::new(move |cx| {
            if let Some(event_loop) = EventLoop::of(cx) {
                for promise in event_loop.take_unhandled_rejections(cx) {
                    let reason = JsPromise::from_object(promise)
                        .ok()
                        .and_then(|p| match p.state() {
                            boa_engine::builtins::promise::PromiseState::Rejected(v) => Some(v),
                            _ => None,
                        })
                        .unwrap_or_default();
                    eprintln!("Uncaught (in promise) {}", describe_value(&reason, cx));
                }
                next_input(&link, &event_loop);
            }
            Ok(JsValue::undefined())
        })
        .into(),
    );
}

/// Rewrites an input that uses top-level `await` into an async function
/// call whose promise gives the input's value, as node's REPL does: the
/// input is parsed (as a module, where `await` is allowed at top level);
/// its declarations become global `var`s declared before the call and
/// assigned inside it (`const {x} = await p` becomes `var x;` and
/// `({x} = await p)`), so later inputs see them; a function or class is
/// declared inside and copied to the global; a final expression statement
/// is returned. Boa's AST printer writes the pieces back as source text.
/// `None` when the input does not parse that way either (or imports and
/// exports, which a REPL input cannot).
fn wrap_top_level_await(input: &str) -> Option<String> {
    use boa_ast::declaration::{Binding, Declaration, LexicalDeclaration, VariableList};
    use boa_ast::statement::Statement;
    use boa_ast::{ModuleItem, StatementListItem};
    use boa_interner::{ToIndentedString, ToInternedString};

    if !input.contains("await") {
        return None;
    }
    let mut interner = boa_interner::Interner::default();
    let scope = boa_ast::scope::Scope::new_global();
    let module = boa_parser::Parser::new(boa_parser::Source::from_bytes(input.as_bytes()))
        .parse_module(&scope, &mut interner)
        .ok()?;
    let items = module.items().items();
    let mut globals: Vec<String> = Vec::new();
    let mut body: Vec<String> = Vec::new();
    let names = |node: &Binding, interner: &boa_interner::Interner| -> Vec<String> {
        boa_ast::operations::bound_names(node)
            .into_iter()
            .map(|sym| interner.resolve_expect(sym).to_string())
            .collect()
    };
    let assign = |list: &VariableList, body: &mut Vec<String>, globals: &mut Vec<String>| {
        for variable in list.as_ref() {
            globals.extend(names(variable.binding(), &interner));
            let target = variable.binding().to_interned_string(&interner);
            let value = variable.init().map_or_else(
                || "undefined".to_owned(),
                |e| e.to_interned_string(&interner),
            );
            body.push(format!("({target} = {value});"));
        }
    };
    for (index, item) in items.iter().enumerate() {
        let last = index + 1 == items.len();
        let ModuleItem::StatementListItem(item) = item else {
            return None;
        };
        match item {
            StatementListItem::Statement(statement) => match statement.as_ref() {
                Statement::Var(declaration) => assign(&declaration.0, &mut body, &mut globals),
                Statement::Expression(expression) if last => {
                    body.push(format!(
                        "return ({});",
                        expression.to_interned_string(&interner)
                    ));
                }
                other => body.push(other.to_indented_string(&interner, 0)),
            },
            StatementListItem::Declaration(declaration) => match declaration.as_ref() {
                Declaration::Lexical(
                    LexicalDeclaration::Const(list) | LexicalDeclaration::Let(list),
                ) => assign(list, &mut body, &mut globals),
                Declaration::Lexical(_) => return None,
                other => {
                    body.push(other.to_indented_string(&interner, 0));
                    for name in boa_ast::operations::bound_names(other) {
                        let name = interner.resolve_expect(name).to_string();
                        body.push(format!("globalThis.{name} = {name};"));
                    }
                }
            },
        }
    }
    let declared = if globals.is_empty() {
        String::new()
    } else {
        format!("var {};\n", globals.join(", "))
    };
    Some(format!(
        "{declared}(async () => {{\n{}\n}})()",
        body.join("\n")
    ))
}

fn evaluate_async(wrapped: &str, original_error: JsError, link: &Link, cx: &mut Context) {
    let path = Path::new("<repl>");
    let script = match Script::parse(
        Source::from_bytes(wrapped.as_bytes()).with_path(path),
        None,
        cx,
    ) {
        Ok(script) => script,
        Err(_) => {
            // Statements (loops, blocks) with await: run them as a body.
            let body = format!("(async () => {{ {}\n }})()", wrapped_body(wrapped));
            match Script::parse(
                Source::from_bytes(body.as_bytes()).with_path(path),
                None,
                cx,
            ) {
                Ok(script) => script,
                Err(_) => {
                    eprintln!("Uncaught {}", render_syntax_error(&original_error, None));
                    return finish_input(link, cx);
                }
            }
        }
    };
    let promise = match script.evaluate(cx) {
        Ok(value) => value
            .as_object()
            .and_then(|o| JsPromise::from_object(o.clone()).ok()),
        Err(err) => {
            report(Err(err), cx);
            return finish_input(link, cx);
        }
    };
    let Some(promise) = promise else {
        return finish_input(link, cx);
    };
    let settle = |outcome: fn(&JsValue, &mut Context)| {
        FunctionObjectBuilder::new(
            cx.realm(),
            NativeFunction::from_copy_closure_with_captures(
                move |_, args, link: &Link, cx| {
                    outcome(args.first().unwrap_or(&JsValue::undefined()), cx);
                    finish_input(link, cx);
                    Ok(JsValue::undefined())
                },
                link.clone(),
            ),
        )
        .build()
    };
    let on_fulfilled = settle(|value, cx| report(Ok(value.clone()), cx));
    let on_rejected = settle(|reason, cx| {
        eprintln!("Uncaught {}", describe_value(reason, cx));
    });
    if promise
        .then(Some(on_fulfilled), Some(on_rejected), cx)
        .is_err()
    {
        finish_input(link, cx);
    }
}

/// The original input inside a wrapped expression (for the statement form).
fn wrapped_body(wrapped: &str) -> &str {
    wrapped
        .strip_prefix("(async () => (")
        .and_then(|s| s.strip_suffix("\n))()"))
        .unwrap_or(wrapped)
}

/// Whether `code` is unfinished (an open bracket, string template or
/// statement), so the editor should read another line instead of running it.
pub fn is_incomplete(code: &str) -> bool {
    let mut interner = boa_interner::Interner::default();
    let scope = boa_ast::scope::Scope::new_global();
    let mut parser = boa_parser::Parser::new(boa_parser::Source::from_bytes(code.as_bytes()));
    match parser.parse_script(&scope, &mut interner) {
        Ok(_) => false,
        Err(boa_parser::Error::AbruptEnd) => true,
        Err(boa_parser::Error::Lex { err }) => {
            let text = err.to_string();
            text.contains("unterminated") || text.contains("abrupt end")
        }
        Err(_) => false,
    }
}

/// The rustyline helper: multi-line input while a statement is incomplete.
#[derive(Completer, Helper, Highlighter, Hinter)]
struct JsHelper;

impl Validator for JsHelper {
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        let input = ctx.input();
        if input.trim_start().starts_with('.') || !is_incomplete(input) {
            Ok(ValidationResult::Valid(None))
        } else {
            Ok(ValidationResult::Incomplete)
        }
    }
}

/// One line of non-terminal input. rustyline would apply the validator to
/// piped input too and drop an unfinished statement at end of input.
fn read_piped_line() -> rustyline::Result<String> {
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => Err(ReadlineError::Eof),
        Ok(_) => Ok(line.trim_end_matches(['\n', '\r']).to_owned()),
        Err(err) => Err(ReadlineError::Io(err)),
    }
}

fn history_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("NANO_BOA_REPL_HISTORY") {
        return (!path.is_empty()).then(|| PathBuf::from(path));
    }
    std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".nano_boa_repl_history"))
}

/// The editor thread: reads inputs and sends them, waiting for `ready`
/// before each prompt so results print before the next prompt.
fn edit_lines(lines: &Sender<String>, ready: &mpsc::Receiver<()>) {
    let mut editor = match Editor::<JsHelper, rustyline::history::FileHistory>::new() {
        Ok(editor) => editor,
        Err(err) => {
            eprintln!("error: cannot start the line editor: {err}");
            let _ = lines.send_blocking(".exit".to_owned());
            return;
        }
    };
    editor.set_helper(Some(JsHelper));
    let history = history_path();
    if let Some(path) = &history {
        let _ = editor.load_history(path);
    }
    let interactive = std::io::IsTerminal::is_terminal(&std::io::stdin());
    if interactive {
        println!(
            "Welcome to nano-boa v{}. Type .help for more information.",
            env!("CARGO_PKG_VERSION")
        );
    }
    let mut pending = String::new();
    let mut interrupted = false;
    // The JavaScript side says `ready` once at start and once per input.
    let mut awaiting_ready = true;
    loop {
        if awaiting_ready {
            if ready.recv().is_err() {
                return;
            }
            awaiting_ready = false;
        }
        let prompt = if pending.is_empty() { "> " } else { "... " };
        let read = if interactive {
            editor.readline(prompt)
        } else {
            read_piped_line()
        };
        match read {
            Ok(line) => {
                interrupted = false;
                if !pending.is_empty() {
                    pending.push('\n');
                }
                pending.push_str(&line);
                // Piped input is not validated by rustyline: join lines here.
                if !pending.trim_start().starts_with('.') && is_incomplete(&pending) {
                    continue;
                }
                let input = std::mem::take(&mut pending);
                if !input.trim().is_empty() {
                    let _ = editor.add_history_entry(input.as_str());
                    if let Some(path) = &history {
                        let _ = editor.save_history(path);
                    }
                }
                if lines.send_blocking(input).is_err() {
                    return;
                }
                awaiting_ready = true;
            }
            Err(ReadlineError::Interrupted) => {
                pending.clear();
                if interrupted {
                    let _ = lines.send_blocking(".exit".to_owned());
                    return;
                }
                interrupted = true;
                println!("(To exit, press Ctrl+C again or Ctrl+D or type .exit)");
            }
            Err(_) => {
                // Ctrl+D, or the end of piped input: run what was typed, then
                // hang up; the process ends once pending timers have run, as
                // node's REPL does.
                if !pending.trim().is_empty() {
                    let _ = lines.send_blocking(std::mem::take(&mut pending));
                }
                return;
            }
        }
    }
}
