//! What the user sees: progress, failures, the summary, the JSON file, and
//! the baseline of known failures.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use super::runner::{ScenarioResult, Status, TestOutcome};

/// Known failures: test paths, one per line, relative to the baseline
/// file's directory; `#` starts a comment.
#[derive(Debug, Default)]
pub struct Baseline {
    entries: HashSet<PathBuf>,
    files: Vec<PathBuf>,
}

impl Baseline {
    /// Adds the entries of `file`.
    pub fn load(&mut self, file: &Path) -> Result<(), String> {
        let text = std::fs::read_to_string(file)
            .map_err(|err| format!("cannot read baseline '{}': {err}", file.display()))?;
        let base = file.parent().unwrap_or(Path::new("."));
        for line in text.lines() {
            let entry = line.split('#').next().unwrap_or("").trim();
            if entry.is_empty() {
                continue;
            }
            self.entries.insert(canonical(&base.join(entry)));
        }
        self.files.push(file.to_path_buf());
        Ok(())
    }

    pub fn contains(&self, test: &Path) -> bool {
        !self.entries.is_empty() && self.entries.contains(&canonical(test))
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    fn describe(&self) -> String {
        self.files
            .iter()
            .map(|f| f.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// One test in the JSON report.
#[derive(Debug, Serialize)]
pub struct Record {
    pub path: String,
    pub status: Status,
    pub scenarios: Vec<ScenarioResult>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    pub duration_ms: u64,
    /// Listed in the baseline (a failure there is not counted as one).
    pub expected_failure: bool,
}

#[derive(Debug, Default, Serialize)]
pub struct Counts {
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
    pub expected_failures: usize,
    pub newly_passing: usize,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    summary: &'a Counts,
    tests: &'a [Record],
}

/// Collects results as they come and prints what matters.
pub struct Reporter {
    bar: Option<ProgressBar>,
    baseline: Baseline,
    records: Vec<Record>,
    counts: Counts,
    newly_passing: Vec<String>,
}

impl Reporter {
    pub fn new(total: usize, baseline: Baseline) -> Self {
        let bar = std::io::stdout().is_terminal().then(|| {
            let bar = ProgressBar::new(total as u64);
            if let Ok(style) = ProgressStyle::with_template(
                "{bar:40.cyan/blue} {pos}/{len} [{elapsed_precise}] {wide_msg}",
            ) {
                bar.set_style(style);
            }
            bar
        });
        Self {
            bar,
            baseline,
            records: Vec::with_capacity(total),
            counts: Counts::default(),
            newly_passing: Vec::new(),
        }
    }

    fn println(&self, text: &str) {
        match &self.bar {
            Some(bar) => bar.println(text),
            None => println!("{text}"),
        }
    }

    /// Records the outcome of the test at `path`.
    pub fn record(&mut self, path: &Path, outcome: TestOutcome, duration: Duration) {
        let shown = path.display().to_string();
        let expected = self.baseline.contains(path);
        match outcome.status {
            Status::Pass if expected => {
                self.counts.passed += 1;
                self.counts.newly_passing += 1;
                self.newly_passing.push(shown.clone());
            }
            Status::Pass => self.counts.passed += 1,
            Status::Skip => self.counts.skipped += 1,
            _ if expected => self.counts.expected_failures += 1,
            _ => {
                self.counts.failed += 1;
                self.println(&failure_text(&shown, &outcome));
            }
        }
        if let Some(bar) = &self.bar {
            bar.set_message(shown.clone());
            bar.inc(1);
        }
        self.records.push(Record {
            path: shown,
            status: outcome.status,
            scenarios: outcome.scenarios,
            message: outcome.message,
            duration_ms: u64::try_from(duration.as_millis()).unwrap_or(u64::MAX),
            expected_failure: expected,
        });
    }

    /// Prints the summary, writes the JSON report, and returns the exit
    /// status: 1 if a test failed that the baseline does not list.
    pub fn finish(mut self, json: Option<&Path>) -> i32 {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        let mut status = i32::from(self.counts.failed > 0);
        if let Some(file) = json {
            self.records.sort_by(|a, b| a.path.cmp(&b.path));
            let report = JsonReport {
                summary: &self.counts,
                tests: &self.records,
            };
            let written = serde_json::to_string_pretty(&report)
                .map_err(|err| err.to_string())
                .and_then(|text| std::fs::write(file, text + "\n").map_err(|e| e.to_string()));
            if let Err(err) = written {
                eprintln!("error: cannot write '{}': {err}", file.display());
                status = 1;
            }
        }
        if !self.newly_passing.is_empty() {
            self.newly_passing.sort();
            println!(
                "newly passing (remove from the baseline {}):",
                self.baseline.describe()
            );
            for path in &self.newly_passing {
                println!("  {path}");
            }
        }
        if !self.baseline.is_empty() {
            println!(
                "{} expected failures (baseline {}) counted as skipped, {} newly passing",
                self.counts.expected_failures,
                self.baseline.describe(),
                self.counts.newly_passing
            );
        }
        // The closing line, in the plain format CI tools read.
        println!(
            "{} passed, {} failed, {} skipped",
            self.counts.passed,
            self.counts.failed,
            self.counts.skipped + self.counts.expected_failures
        );
        status
    }
}

/// `FAIL path [scenario]` and the reason, indented, for each failing
/// scenario (or the whole test when it never reached one).
fn failure_text(path: &str, outcome: &TestOutcome) -> String {
    let label = match outcome.status {
        Status::Timeout => "TIMEOUT",
        Status::Crashed => "CRASHED",
        _ => "FAIL",
    };
    let mut out = Vec::new();
    for scenario in outcome.scenarios.iter().filter(|s| !s.passed) {
        out.push(format!("{label} {path} [{}]", scenario.name));
        if let Some(message) = &scenario.message {
            out.push(indent(message));
        }
    }
    if out.is_empty() {
        out.push(format!("{label} {path}"));
    }
    if let Some(message) = &outcome.message {
        out.push(indent(message));
    }
    out.join("\n")
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|line| format!("    {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}
