//! Worker processes. Boa cannot interrupt running JavaScript, so each test
//! runs in a child process (`nano-boa __test-worker`) that the parent can
//! kill when it exceeds the timeout or replace when it crashes.
//!
//! Protocol: the parent writes one JSON [`Job`] per line on the worker's
//! stdin; the worker answers one JSON [`Reply`] per job on stdout, on a line
//! of its own that starts with [`MARKER`]. Other stdout lines are what the
//! tests themselves printed (console.log); the parent keeps the last few to
//! show with a failure.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::runner::{Runner, Status, TestOutcome};

/// Starts a reply line; unlikely to be printed by a test.
pub const MARKER: &str = "\u{1e}nano-boa-test262-result:";

/// How much of a worker's stderr and test output to keep for messages.
const STDERR_TAIL: usize = 4096;
const OUTPUT_LINES: usize = 20;

/// A test to run.
#[derive(Debug, Serialize, Deserialize)]
pub struct Job {
    pub id: usize,
    pub path: PathBuf,
}

/// The result of a job.
#[derive(Debug, Serialize, Deserialize)]
pub struct Reply {
    pub id: usize,
    pub outcome: TestOutcome,
}

/// A finished test, as the parent reports it.
#[derive(Debug)]
pub struct Finished {
    /// Index in the list of tests given to [`run_all`].
    pub index: usize,
    pub outcome: TestOutcome,
    pub duration: Duration,
}

/// How to run the pool.
#[derive(Debug, Clone)]
pub struct PoolOptions {
    pub workers: usize,
    pub timeout: Duration,
    /// Arguments after the binary that start a worker.
    pub worker_args: Vec<OsString>,
    /// Extra environment of each worker (the fixture server's URLs).
    pub worker_env: Vec<(OsString, OsString)>,
}

/// The worker side: reads jobs from stdin until it closes.
pub fn worker_main(
    harness_dir: PathBuf,
    features_skip: Vec<String>,
    extra_ca_pem: Vec<PathBuf>,
) -> i32 {
    // Deeply nested test code recurses deep in the parser and the VM; a big
    // stack keeps such tests from crashing the worker.
    let thread = std::thread::Builder::new()
        .name("test262-worker".to_owned())
        .stack_size(64 * 1024 * 1024)
        .spawn(move || serve(harness_dir, features_skip, extra_ca_pem));
    match thread.map(std::thread::JoinHandle::join) {
        Ok(Ok(code)) => code,
        // A panic was already printed on stderr, where the parent reads it.
        Ok(Err(_)) => 101,
        Err(err) => {
            eprintln!("error: cannot start the worker thread: {err}");
            1
        }
    }
}

fn serve(harness_dir: PathBuf, features_skip: Vec<String>, extra_ca_pem: Vec<PathBuf>) -> i32 {
    let mut runner = Runner::new(harness_dir, features_skip, extra_ca_pem);
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { return 1 };
        if line.trim().is_empty() {
            continue;
        }
        let job: Job = match serde_json::from_str(&line) {
            Ok(job) => job,
            Err(err) => {
                eprintln!("error: invalid job from the parent: {err}");
                return 1;
            }
        };
        let outcome = runner.run(&job.path);
        let reply = Reply {
            id: job.id,
            outcome,
        };
        let Ok(json) = serde_json::to_string(&reply) else {
            return 1;
        };
        let mut stdout = std::io::stdout().lock();
        // The leading newline ends any partial line a test wrote.
        if writeln!(stdout, "\n{MARKER}{json}")
            .and_then(|()| stdout.flush())
            .is_err()
        {
            return 1;
        }
    }
    0
}

enum Event {
    Line(u64, String),
    Closed(u64),
}

struct Worker {
    serial: u64,
    child: Child,
    stdin: ChildStdin,
    stderr: Arc<Mutex<String>>,
    job: Option<(usize, Instant)>,
    output: VecDeque<String>,
}

impl Worker {
    fn spawn(serial: u64, options: &PoolOptions, events: &Sender<Event>) -> Result<Self, String> {
        let exe = std::env::current_exe()
            .map_err(|err| format!("cannot find the nano-boa binary: {err}"))?;
        let mut child = Command::new(&exe)
            .args(&options.worker_args)
            .envs(options.worker_env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|err| format!("cannot start a worker ({}): {err}", exe.display()))?;
        let (Some(stdin), Some(stdout), Some(mut stderr_pipe)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            return Err("cannot open the worker's pipes".to_owned());
        };
        let tx = events.clone();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut buf = Vec::new();
            loop {
                buf.clear();
                match reader.read_until(b'\n', &mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        let line = String::from_utf8_lossy(&buf).trim_end().to_owned();
                        if tx.send(Event::Line(serial, line)).is_err() {
                            return;
                        }
                    }
                }
            }
            let _ = tx.send(Event::Closed(serial));
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut chunk = [0u8; 1024];
            while let Ok(n @ 1..) = stderr_pipe.read(&mut chunk) {
                if let Ok(mut text) = sink.lock() {
                    text.push_str(&String::from_utf8_lossy(&chunk[..n]));
                    if text.len() > 2 * STDERR_TAIL {
                        let mut cut = text.len() - STDERR_TAIL;
                        while !text.is_char_boundary(cut) {
                            cut += 1;
                        }
                        text.drain(..cut);
                    }
                }
            }
        });
        Ok(Self {
            serial,
            child,
            stdin,
            stderr,
            job: None,
            output: VecDeque::new(),
        })
    }

    fn send(&mut self, job: &Job) -> bool {
        let Ok(json) = serde_json::to_string(job) else {
            return false;
        };
        writeln!(self.stdin, "{json}")
            .and_then(|()| self.stdin.flush())
            .is_ok()
    }

    fn stderr_tail(&self) -> String {
        let text = self.stderr.lock().map(|t| t.clone()).unwrap_or_default();
        let text = text.trim();
        let start = text.len().saturating_sub(STDERR_TAIL);
        let start = (start..text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        text[start..].to_owned()
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// The output a test printed, to show with its failure.
    fn take_output(&mut self) -> Option<String> {
        if self.output.is_empty() {
            return None;
        }
        let lines: Vec<String> = self.output.drain(..).collect();
        Some(lines.join("\n"))
    }
}

/// Runs `tests` on a pool of workers, calling `on_result` as each finishes.
pub fn run_all(
    tests: &[PathBuf],
    options: &PoolOptions,
    mut on_result: impl FnMut(Finished),
) -> Result<(), String> {
    let (tx, rx): (Sender<Event>, Receiver<Event>) = mpsc::channel();
    let mut queue: VecDeque<usize> = (0..tests.len()).collect();
    let count = options.workers.clamp(1, tests.len().max(1));
    let mut serial = 0u64;
    let mut workers = Vec::with_capacity(count);
    for _ in 0..count {
        serial += 1;
        workers.push(Worker::spawn(serial, options, &tx)?);
    }
    // Workers that keep dying without finishing a job (a broken binary or
    // harness path) would otherwise be replaced forever.
    let mut spawn_failures = 0;

    loop {
        for worker in &mut workers {
            if worker.job.is_some() {
                continue;
            }
            let Some(index) = queue.pop_front() else {
                break;
            };
            let job = Job {
                id: index,
                path: tests[index].clone(),
            };
            // A failed write means the worker is dead; its Closed event
            // replaces it and re-queues nothing, so re-queue here.
            if worker.send(&job) {
                worker.job = Some((index, Instant::now()));
            } else {
                queue.push_front(index);
            }
        }
        if queue.is_empty() && workers.iter().all(|w| w.job.is_none()) {
            break;
        }

        let now = Instant::now();
        let next_deadline = workers
            .iter()
            .filter_map(|w| w.job.map(|(_, started)| started + options.timeout))
            .min();
        let wait =
            next_deadline.map_or(Duration::from_secs(1), |d| d.saturating_duration_since(now));
        match rx.recv_timeout(wait) {
            Ok(Event::Line(from, line)) => {
                let Some(worker) = workers.iter_mut().find(|w| w.serial == from) else {
                    continue; // from a worker already replaced
                };
                let Some(json) = line.find(MARKER).map(|i| &line[i + MARKER.len()..]) else {
                    if worker.job.is_some() && !line.is_empty() {
                        if worker.output.len() == OUTPUT_LINES {
                            worker.output.pop_front();
                        }
                        worker.output.push_back(line);
                    }
                    continue;
                };
                let reply: Reply = serde_json::from_str(json)
                    .map_err(|err| format!("invalid reply from a worker: {err}: {json}"))?;
                let Some((index, started)) = worker.job.take() else {
                    continue;
                };
                // Workers do run tests: deaths so far were not a broken setup.
                spawn_failures = 0;
                if index != reply.id {
                    return Err(format!(
                        "a worker answered job {} while running job {index}",
                        reply.id
                    ));
                }
                let mut outcome = reply.outcome;
                let output = worker.take_output();
                if let (true, Some(output)) = (outcome.status.is_failure(), output) {
                    let message = outcome.message.take().unwrap_or_default();
                    outcome.message = Some(
                        format!("{message}\noutput:\n{output}")
                            .trim_start()
                            .to_owned(),
                    );
                }
                on_result(Finished {
                    index,
                    outcome,
                    duration: started.elapsed(),
                });
            }
            Ok(Event::Closed(from)) => {
                let Some(slot) = workers.iter().position(|w| w.serial == from) else {
                    continue;
                };
                let mut dead = workers.swap_remove(slot);
                let status = dead.child.wait();
                // Give the stderr reader a moment to collect the panic text.
                std::thread::sleep(Duration::from_millis(50));
                if let Some((index, started)) = dead.job.take() {
                    let status = status.map_or_else(|e| e.to_string(), |s| s.to_string());
                    let stderr = dead.stderr_tail();
                    let mut message = format!("the worker died ({status})");
                    if !stderr.is_empty() {
                        message.push_str(":\n");
                        message.push_str(&stderr);
                    }
                    on_result(Finished {
                        index,
                        outcome: TestOutcome {
                            status: Status::Crashed,
                            scenarios: Vec::new(),
                            message: Some(message),
                        },
                        duration: started.elapsed(),
                    });
                } else {
                    spawn_failures += 1;
                    if spawn_failures > count + 3 {
                        return Err(format!(
                            "workers keep exiting before running a test: {}",
                            dead.stderr_tail()
                        ));
                    }
                }
                serial += 1;
                workers.push(Worker::spawn(serial, options, &tx)?);
            }
            Err(RecvTimeoutError::Timeout) => {
                let now = Instant::now();
                for worker in &mut workers {
                    let Some((index, started)) = worker.job else {
                        continue;
                    };
                    if now.duration_since(started) < options.timeout {
                        continue;
                    }
                    worker.kill();
                    worker.job = None;
                    let output = worker.take_output();
                    let mut message = format!(
                        "no result after {}; the worker was killed",
                        format_duration(options.timeout)
                    );
                    if let Some(output) = output {
                        message.push_str("\noutput:\n");
                        message.push_str(&output);
                    }
                    on_result(Finished {
                        index,
                        outcome: TestOutcome {
                            status: Status::Timeout,
                            scenarios: Vec::new(),
                            message: Some(message),
                        },
                        duration: started.elapsed(),
                    });
                    serial += 1;
                    *worker = Worker::spawn(serial, options, &tx)?;
                }
            }
            Err(RecvTimeoutError::Disconnected) => {
                return Err("lost contact with every worker".to_owned());
            }
        }
    }
    for mut worker in workers {
        // Closing stdin ends the worker's loop.
        drop(worker.stdin);
        let _ = worker.child.wait();
    }
    Ok(())
}

fn format_duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs.fract() == 0.0 {
        format!("{secs} s")
    } else {
        format!("{secs:.1} s")
    }
}

/// The arguments that start a worker for `harness_dir`.
pub fn worker_args(harness_dir: &Path, features_skip: &[String]) -> Vec<OsString> {
    let mut args: Vec<OsString> = vec!["__test-worker".into(), "--harness".into()];
    args.push(harness_dir.as_os_str().to_owned());
    if !features_skip.is_empty() {
        args.push("--features-skip".into());
        args.push(features_skip.join(",").into());
    }
    args
}
