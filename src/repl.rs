//! The interactive REPL.

pub fn run() -> i32 {
    eprintln!("the REPL is not built yet");
    2
}
