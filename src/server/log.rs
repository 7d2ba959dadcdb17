//! Server logs through `tracing`: one access-log line per request, app
//! console output tagged with the app's name, errors with the app's name
//! and stack. Written to stdout as JSON lines (default), text, or Apache's
//! combined log format for access lines.

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tracing::field::{Field, Visit};
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::registry::LookupSpan;

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
        LogFormat::Json => builder.event_format(JsonLines).try_init(),
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

/// The JSON lines format: one object per event, `timestamp` (RFC 3339,
/// UTC, microseconds), `level`, the event's fields (`message` first) and
/// `target`, the same lines as tracing-subscriber's flattened JSON format.
///
/// Written here because that format (and json-subscriber, tried as a
/// replacement) cost about 20,000 instructions per access line, 15% of a
/// served hello-world request (callgrind, `nano-boa serve` with one
/// thread); this one writes each field straight into the line.
struct JsonLines;

impl<S, N> FormatEvent<S, N> for JsonLines
where
    S: tracing::Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        _: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &tracing::Event<'_>,
    ) -> std::fmt::Result {
        let mut line = String::with_capacity(256);
        line.push_str("{\"timestamp\":\"");
        rfc3339_micros(&mut line, SystemTime::now());
        line.push_str("\",\"level\":\"");
        line.push_str(event.metadata().level().as_str());
        line.push('"');
        event.record(&mut JsonFields(&mut line));
        line.push_str(",\"target\":");
        json_string(&mut line, event.metadata().target());
        line.push_str("}\n");
        writer.write_str(&line)
    }
}

/// Writes each field of an event as `,"name":value`.
struct JsonFields<'a>(&'a mut String);

impl JsonFields<'_> {
    fn key(&mut self, field: &Field) {
        self.0.push(',');
        json_string(self.0, field.name());
        self.0.push(':');
    }
}

impl Visit for JsonFields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.key(field);
        json_string(self.0, value);
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.key(field);
        let _ = write!(self.0, "{value}");
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.key(field);
        let _ = write!(self.0, "{value}");
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        self.key(field);
        self.0.push_str(if value { "true" } else { "false" });
    }

    fn record_f64(&mut self, field: &Field, value: f64) {
        self.key(field);
        if value.is_finite() {
            let _ = write!(self.0, "{value}");
        } else {
            // JSON has no NaN or infinities (serde_json writes null too).
            self.0.push_str("null");
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.key(field);
        let text = format!("{value:?}");
        json_string(self.0, &text);
    }
}

/// `text` as a JSON string. Text without quotes, backslashes or control
/// characters (nearly every log field) is copied as it is; anything else
/// goes through serde_json's escaping.
fn json_string(out: &mut String, text: &str) {
    if text.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push('"');
        out.push_str(text);
        out.push('"');
    } else {
        out.push_str(&serde_json::Value::from(text).to_string());
    }
}

/// `2000-10-10T13:55:36.123456Z`.
fn rfc3339_micros(out: &mut String, now: SystemTime) {
    let since = now.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = since.as_secs();
    let (year, month, day) = civil_from_days((secs / 86_400) as i64);
    let rest = secs % 86_400;
    let _ = write!(
        out,
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:06}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60,
        since.subsec_micros()
    );
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
    fn rfc3339_micros_matches_known_dates() {
        let t = UNIX_EPOCH + Duration::from_micros(971_186_136_000_042);
        let mut out = String::new();
        rfc3339_micros(&mut out, t);
        assert_eq!(out, "2000-10-10T13:55:36.000042Z");
    }

    #[test]
    fn json_strings_are_escaped() {
        let mut out = String::new();
        json_string(&mut out, "plain /path?q=1");
        json_string(&mut out, "say \"hi\"\n\\ \u{1}");
        assert_eq!(out, r#""plain /path?q=1""say \"hi\"\n\\ \u0001""#);
    }

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
