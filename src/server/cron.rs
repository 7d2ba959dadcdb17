//! Cron triggers: each app's `crons` fire its `scheduled(controller, env,
//! ctx)` handler, evaluated in UTC as Workers evaluates them.
//!
//! Expressions are Workers' (<https://developers.cloudflare.com/workers/configuration/cron-triggers/>):
//! five fields, minute to weekday, with the Quartz extensions (`L` and
//! `W` in the day of month, `L` and `#` in the weekday) and weekdays
//! numbered 1 to 7 from Sunday, parsed by `croner` in its Quartz weekday
//! mode. One thread wakes at the start of every minute, finds the
//! expressions due, and runs each as a scheduled event through the app's
//! pool, like a request (same instances, limits and logs).

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, TimeZone, Utc};
use croner::Cron;
use croner::parser::{CronParser, Seconds};

use super::Shared;
use crate::web::fetch::{IncomingRequest, ScheduledEvent};

/// Parses a Workers cron expression.
pub fn parse(expression: &str) -> Result<Cron, String> {
    CronParser::builder()
        .seconds(Seconds::Disallowed)
        .alternative_weekdays(true)
        .build()
        .parse(expression)
        .map_err(|e| format!("{expression:?} is not a cron expression: {e}"))
}

/// Whether `cron` is due in the minute starting at `minute`.
fn due(cron: &Cron, minute: &DateTime<Utc>) -> bool {
    cron.is_time_matching(minute).unwrap_or(false)
}

/// The outcome of one scheduled run.
pub type Outcome = Result<(), String>;

/// Runs `app`'s scheduled handler once with `cron` and the time it was
/// due; settles when the handler and its `waitUntil` work have.
pub async fn run_once(shared: &Arc<Shared>, app: &str, cron: &str, due_ms: f64) -> Option<Outcome> {
    let snapshot = shared.registry.snapshot();
    let entry = snapshot.apps.iter().find(|entry| entry.spec.name == app)?;
    let started = Instant::now();
    let event = ScheduledEvent {
        cron: cron.to_owned(),
        scheduled_time_ms: due_ms,
    };
    let reply = entry
        .pool(shared)
        .dispatch(IncomingRequest::scheduled(event))
        .await;
    let outcome = match reply {
        Ok(_) => Ok(()),
        Err(super::app::AppError::Threw(detail)) => {
            Err(format!("the scheduled handler threw: {detail}"))
        }
        Err(error) => Err(error.to_string()),
    };
    let elapsed = started.elapsed();
    super::metrics::scheduled_run(app, outcome.is_ok());
    match &outcome {
        Ok(()) => tracing::info!(
            target: "access",
            app,
            cron,
            outcome = "ok",
            duration_ms = elapsed.as_secs_f64() * 1000.0,
            "scheduled"
        ),
        Err(error) => tracing::error!(
            target: "access",
            app,
            cron,
            outcome = "error",
            duration_ms = elapsed.as_secs_f64() * 1000.0,
            "scheduled: {error}"
        ),
    }
    Some(outcome)
}

/// Now in milliseconds since the UNIX epoch.
pub fn now_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |elapsed| elapsed.as_secs_f64() * 1000.0)
}

/// The cron thread: at each minute, every app's due expressions run (each
/// on its own task, so a slow handler delays no other trigger).
pub fn start(shared: Arc<Shared>) {
    let spawned = std::thread::Builder::new()
        .name("cron".to_owned())
        .spawn(move || {
            let executor = smol::LocalExecutor::new();
            smol::block_on(executor.run(async {
                loop {
                    let now = Utc::now();
                    let next_minute = (now.timestamp() / 60 + 1) * 60;
                    let wait = Duration::from_millis(
                        u64::try_from(next_minute * 1000 - now.timestamp_millis()).unwrap_or(0),
                    );
                    let stop = async {
                        shared.shutting_down().await;
                        true
                    };
                    let tick = async {
                        smol::Timer::after(wait).await;
                        false
                    };
                    if futures_lite::FutureExt::or(stop, tick).await {
                        return;
                    }
                    let Some(minute) = Utc.timestamp_opt(next_minute, 0).single() else {
                        continue;
                    };
                    #[allow(clippy::cast_precision_loss)]
                    let due_ms = (next_minute * 1000) as f64;
                    for entry in &shared.registry.snapshot().apps {
                        for expression in &entry.spec.crons {
                            let Ok(cron) = parse(expression) else {
                                continue;
                            };
                            if !due(&cron, &minute) {
                                continue;
                            }
                            let (shared, app, expression) =
                                (shared.clone(), entry.spec.name.clone(), expression.clone());
                            executor
                                .spawn(async move {
                                    run_once(&shared, &app, &expression, due_ms).await;
                                })
                                .detach();
                        }
                    }
                }
            }));
        });
    if let Err(e) = spawned {
        tracing::error!("cannot start the cron thread: {e}; cron triggers will not fire");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    /// The examples of Workers' cron trigger documentation.
    #[test]
    fn workers_examples_match_as_documented() {
        // 2026-12-06 is a Sunday; 2026-12-25 the last Friday of December.
        let sunday_5pm = at("2026-12-06T17:00:00Z");
        assert!(due(&parse("0 17 * * sun").unwrap(), &sunday_5pm));
        assert!(due(&parse("0 17 * * 1").unwrap(), &sunday_5pm));
        assert!(!due(&parse("0 17 * * 2").unwrap(), &sunday_5pm));
        let monday = at("2026-12-07T07:10:00Z");
        assert!(due(&parse("10 7 * * mon-fri").unwrap(), &monday));
        assert!(due(&parse("10 7 * * 2-6").unwrap(), &monday));
        assert!(!due(
            &parse("10 7 * * 2-6").unwrap(),
            &at("2026-12-06T07:10:00Z")
        ));
        assert!(due(
            &parse("*/30 * * * *").unwrap(),
            &at("2026-12-03T10:30:00Z")
        ));
        assert!(!due(
            &parse("*/30 * * * *").unwrap(),
            &at("2026-12-03T10:31:00Z")
        ));
        assert!(due(
            &parse("0 15 1 * *").unwrap(),
            &at("2026-12-01T15:00:00Z")
        ));
        assert!(due(
            &parse("0 18 * * 6L").unwrap(),
            &at("2026-12-25T18:00:00Z")
        ));
        assert!(!due(
            &parse("0 18 * * 6L").unwrap(),
            &at("2026-12-18T18:00:00Z")
        ));
        // 2026-12-31 is a Thursday, the last weekday of the month.
        assert!(due(
            &parse("59 23 LW * *").unwrap(),
            &at("2026-12-31T23:59:00Z")
        ));
    }

    #[test]
    fn bad_expressions_are_refused() {
        assert!(parse("* * *").is_err());
        assert!(parse("61 * * * *").is_err());
        assert!(parse("0 0 * * * *").is_err(), "no seconds field");
    }
}
