//! Server logs through `tracing`: one access-log line per request, app
//! console output tagged with the app's name, errors with the app's name
//! and stack. Written to stdout as JSON lines (default), text, or Apache's
//! combined log format for access lines.

use std::net::SocketAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// `--log-format` / `NANO_LOG_FORMAT`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LogFormat {
    /// One JSON object per line.
    #[default]
    Json,
    /// Human-readable lines.
    Text,
    /// Access lines in Apache's combined log format; other lines as text.
    Apache,
}

impl LogFormat {
    /// `NANO_LOG_FORMAT`'s value; `Err` names what is accepted.
    pub fn from_env_value(value: &str) -> Result<LogFormat, String> {
        match value.to_ascii_lowercase().as_str() {
            "json" => Ok(LogFormat::Json),
            "text" => Ok(LogFormat::Text),
            "apache" => Ok(LogFormat::Apache),
            other => Err(format!(
                "NANO_LOG_FORMAT={other:?} is not one of json, text, apache"
            )),
        }
    }
}

/// Installs the global subscriber (once per process; later calls are
/// ignored, which keeps tests that start several servers simple).
pub fn init(format: LogFormat) {
    let builder = tracing_subscriber::fmt()
        .with_writer(std::io::stdout)
        .with_ansi(false);
    let _ = match format {
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .with_span_list(false)
            .try_init(),
        LogFormat::Text => builder.try_init(),
        LogFormat::Apache => builder
            .without_time()
            .with_level(false)
            .with_target(false)
            .try_init(),
    };
}

/// One finished request, as the access log records it.
pub struct Access<'a> {
    pub format: LogFormat,
    pub app: Option<&'a str>,
    pub peer: SocketAddr,
    pub method: &'a str,
    pub path: &'a str,
    pub version: &'a str,
    pub status: u16,
    pub bytes: usize,
    pub duration: Duration,
    pub referer: Option<&'a str>,
    pub user_agent: Option<&'a str>,
}

pub fn access(entry: &Access<'_>) {
    let app = entry.app.unwrap_or("-");
    let duration_ms = entry.duration.as_secs_f64() * 1000.0;
    match entry.format {
        LogFormat::Apache => {
            // %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"
            let line = format!(
                "{} - - [{}] \"{} {} {}\" {} {} \"{}\" \"{}\"",
                entry.peer.ip(),
                apache_time(SystemTime::now()),
                entry.method,
                entry.path,
                entry.version,
                entry.status,
                if entry.bytes == 0 {
                    "-".to_string()
                } else {
                    entry.bytes.to_string()
                },
                entry.referer.unwrap_or("-"),
                entry.user_agent.unwrap_or("-"),
            );
            tracing::info!(target: "access", "{line}");
        }
        LogFormat::Json | LogFormat::Text => tracing::info!(
            target: "access",
            app,
            method = entry.method,
            path = entry.path,
            status = entry.status,
            bytes = entry.bytes,
            duration_ms = (duration_ms * 1000.0).round() / 1000.0,
            peer = %entry.peer,
            "request"
        ),
    }
}

/// `10/Oct/2000:13:55:36 +0000` (UTC).
fn apache_time(now: SystemTime) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let secs = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (year, month, day) = civil_from_days((secs / 86_400) as i64);
    let rest = secs % 86_400;
    format!(
        "{day:02}/{}/{year}:{:02}:{:02}:{:02} +0000",
        MONTHS[(month - 1) as usize],
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian
/// calendar: Howard Hinnant's `civil_from_days` algorithm, written out here
/// because this one date is all the server formats (no date crate needed).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apache_time_matches_known_dates() {
        // 2000-10-10T13:55:36Z, the example of Apache's documentation.
        let t = UNIX_EPOCH + Duration::from_secs(971_186_136);
        assert_eq!(apache_time(t), "10/Oct/2000:13:55:36 +0000");
        assert_eq!(apache_time(UNIX_EPOCH), "01/Jan/1970:00:00:00 +0000");
        // 2024-02-29T23:59:59Z (a leap day).
        let t = UNIX_EPOCH + Duration::from_secs(1_709_251_199);
        assert_eq!(apache_time(t), "29/Feb/2024:23:59:59 +0000");
    }
}
