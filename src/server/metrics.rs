//! Prometheus metrics of the server (`GET /metrics` on the admin
//! listener), kept with `prometheus-client` in one process-wide registry.
//!
//! Every update is an atomic add on a handle; the label lookup of a
//! per-app series is cached per thread, so the request path takes no lock
//! after an app's first request on a thread.
//!
//! The `pub fn` hooks ([`cpu_limit_kill`], [`memory_limit_kill`],
//! [`subrequest`], ...) are for the code that sees the event.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;
use std::sync::atomic::AtomicU64;
use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct AppLabel {
    app: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StatusLabels {
    app: String,
    status: u16,
}

type Latency = Family<AppLabel, Histogram, fn() -> Histogram>;

fn latency_histogram() -> Histogram {
    // 1 ms .. ~16 s.
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

struct Metrics {
    registry: Registry,
    requests: Family<StatusLabels, Counter>,
    latency: Latency,
    in_flight: Family<AppLabel, Gauge>,
    cold_starts: Family<AppLabel, Counter>,
    evictions: Family<AppLabel, Counter>,
    cpu_kills: Family<AppLabel, Counter>,
    memory_kills: Family<AppLabel, Counter>,
    subrequests: Family<AppLabel, Counter>,
    connections: Gauge,
    abandoned: Family<AppLabel, Counter>,
    cpu: Family<AppLabel, Counter<f64, AtomicU64>>,
    instances: Family<AppLabel, Gauge>,
    heap: Family<AppLabel, Gauge>,
    stuck: Family<AppLabel, Gauge>,
    kv_operations: Family<OperationLabels, Counter>,
    kv_bytes: Family<OperationLabels, Counter>,
    scheduled: Family<OutcomeLabels, Counter>,
    cache_bytes: Family<AppLabel, Gauge>,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabels {
    app: String,
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OperationLabels {
    app: String,
    op: &'static str,
}

static METRICS: LazyLock<Metrics> = LazyLock::new(|| {
    let mut registry = Registry::with_prefix("nano");
    let requests = Family::<StatusLabels, Counter>::default();
    registry.register(
        "requests",
        "Requests answered, by app and status",
        requests.clone(),
    );
    let latency: Latency = Family::new_with_constructor(latency_histogram);
    registry.register(
        "request_duration_seconds",
        "Time from the request head to the response, by app",
        latency.clone(),
    );
    let in_flight = Family::<AppLabel, Gauge>::default();
    registry.register(
        "requests_in_flight",
        "Requests being handled, by app",
        in_flight.clone(),
    );
    let cold_starts = Family::<AppLabel, Counter>::default();
    registry.register(
        "app_cold_starts",
        "App instances loaded (one per app per worker thread and version)",
        cold_starts.clone(),
    );
    let evictions = Family::<AppLabel, Counter>::default();
    registry.register(
        "app_evictions",
        "Idle app instances dropped under the memory budget",
        evictions.clone(),
    );
    let cpu_kills = Family::<AppLabel, Counter>::default();
    registry.register(
        "cpu_limit_kills",
        "Requests stopped for exceeding the CPU time limit",
        cpu_kills.clone(),
    );
    let memory_kills = Family::<AppLabel, Counter>::default();
    registry.register(
        "memory_limit_kills",
        "App instances recycled for exceeding the memory limit",
        memory_kills.clone(),
    );
    let subrequests = Family::<AppLabel, Counter>::default();
    registry.register(
        "subrequests",
        "Outbound fetch() calls made by apps",
        subrequests.clone(),
    );
    let connections = Gauge::default();
    registry.register(
        "open_connections",
        "Client connections open on the app listener",
        connections.clone(),
    );
    let abandoned = Family::<AppLabel, Counter>::default();
    registry.register(
        "app_instances_abandoned",
        "Instances abandoned by the watchdog (stuck in a native call, or at the memory cap)",
        abandoned.clone(),
    );
    let cpu = Family::<AppLabel, Counter<f64, AtomicU64>>::default();
    registry.register(
        "app_cpu_seconds",
        "CPU time of the app's instance threads (CLOCK_THREAD_CPUTIME_ID)",
        cpu.clone(),
    );
    let instances = Family::<AppLabel, Gauge>::default();
    registry.register(
        "app_instances",
        "Loaded instances (one thread each) of the app",
        instances.clone(),
    );
    let heap = Family::<AppLabel, Gauge>::default();
    registry.register(
        "app_heap_bytes",
        "Live bytes of the app's instance threads (allocations minus frees)",
        heap.clone(),
    );
    let stuck = Family::<AppLabel, Gauge>::default();
    registry.register(
        "app_stuck_threads",
        "Abandoned instance threads of the app that still run",
        stuck.clone(),
    );
    let kv_operations = Family::<OperationLabels, Counter>::default();
    registry.register(
        "kv_operations",
        "KV calls finished, by app and operation (get, put, delete, list)",
        kv_operations.clone(),
    );
    let kv_bytes = Family::<OperationLabels, Counter>::default();
    registry.register(
        "kv_bytes",
        "Value bytes read (get) and written (put) through KV, by app",
        kv_bytes.clone(),
    );
    let scheduled = Family::<OutcomeLabels, Counter>::default();
    registry.register(
        "scheduled_runs",
        "Runs of scheduled handlers (cron or admin trigger), by app and outcome (ok, error)",
        scheduled.clone(),
    );
    let cache_bytes = Family::<AppLabel, Gauge>::default();
    registry.register(
        "cache_bytes",
        "Bytes of responses the app holds in its Cache API store (at most 32 MiB)",
        cache_bytes.clone(),
    );
    Metrics {
        registry,
        cache_bytes,
        scheduled,
        kv_operations,
        kv_bytes,
        abandoned,
        cpu,
        instances,
        heap,
        stuck,
        requests,
        latency,
        in_flight,
        cold_starts,
        evictions,
        cpu_kills,
        memory_kills,
        subrequests,
        connections,
    }
});

/// One app's request-path handles, cached per thread.
#[derive(Clone)]
struct AppHandles {
    latency: Histogram,
    in_flight: Gauge,
    statuses: Vec<(u16, Counter)>,
}

thread_local! {
    static HANDLES: RefCell<HashMap<String, AppHandles>> = RefCell::new(HashMap::new());
}

fn label(app: &str) -> AppLabel {
    AppLabel {
        app: app.to_string(),
    }
}

fn with_handles<R>(app: &str, f: impl FnOnce(&mut AppHandles) -> R) -> R {
    HANDLES.with(|cache| {
        let mut cache = cache.borrow_mut();
        if !cache.contains_key(app) {
            let metrics = &*METRICS;
            let handles = AppHandles {
                latency: metrics.latency.get_or_create(&label(app)).clone(),
                in_flight: metrics.in_flight.get_or_create(&label(app)).clone(),
                statuses: Vec::new(),
            };
            cache.insert(app.to_string(), handles);
        }
        f(cache.get_mut(app).expect("just inserted"))
    })
}

/// A request for `app` starts (in-flight gauge).
pub fn request_started(app: &str) {
    with_handles(app, |h| h.in_flight.inc());
}

/// A request for `app` ended with `status` after `elapsed`.
pub fn request_finished(app: &str, status: u16, elapsed: Duration) {
    with_handles(app, |h| {
        h.in_flight.dec();
        h.latency.observe(elapsed.as_secs_f64());
        let counter = match h.statuses.iter().find(|(s, _)| *s == status) {
            Some((_, counter)) => counter.clone(),
            None => {
                let counter = METRICS
                    .requests
                    .get_or_create(&StatusLabels {
                        app: app.to_string(),
                        status,
                    })
                    .clone();
                h.statuses.push((status, counter.clone()));
                counter
            }
        };
        counter.inc();
    });
}

/// An instance of `app` was loaded (a cold start).
pub fn cold_start(app: &str) {
    METRICS.cold_starts.get_or_create(&label(app)).inc();
}

/// An idle instance of `app` was evicted.
pub fn eviction(app: &str) {
    METRICS.evictions.get_or_create(&label(app)).inc();
}

/// A request of `app` was stopped by the CPU time limit.
pub fn cpu_limit_kill(app: &str) {
    METRICS.cpu_kills.get_or_create(&label(app)).inc();
}

/// An instance of `app` was recycled by the memory limit.
pub fn memory_limit_kill(app: &str) {
    METRICS.memory_kills.get_or_create(&label(app)).inc();
}

/// `app` made an outbound `fetch()`.
pub fn subrequest(app: &str) {
    METRICS.subrequests.get_or_create(&label(app)).inc();
}

/// A KV call of `app` finished (`op`: get, put, delete, list), moving
/// `bytes` of values.
pub fn kv_operation(app: &str, op: &'static str, bytes: u64) {
    let labels = OperationLabels {
        app: app.to_string(),
        op,
    };
    METRICS.kv_operations.get_or_create(&labels).inc();
    if bytes > 0 {
        METRICS.kv_bytes.get_or_create(&labels).inc_by(bytes);
    }
}

/// A scheduled handler of `app` settled.
pub fn scheduled_run(app: &str, ok: bool) {
    let labels = OutcomeLabels {
        app: app.to_string(),
        outcome: if ok { "ok" } else { "error" },
    };
    METRICS.scheduled.get_or_create(&labels).inc();
}

/// The watchdog abandoned an instance of `app`.
pub fn abandoned(app: &str) {
    METRICS.abandoned.get_or_create(&label(app)).inc();
}

/// An instance thread of `app` used `seconds` more of CPU.
pub fn cpu(app: &str, seconds: f64) {
    METRICS.cpu.get_or_create(&label(app)).inc_by(seconds);
}

/// A client connection opened.
pub fn connection_opened() {
    METRICS.connections.inc();
}

/// A client connection closed.
pub fn connection_closed() {
    METRICS.connections.dec();
}

/// The Prometheus text exposition (OpenMetrics text, which Prometheus
/// reads), ending in `# EOF`.
pub fn render() -> String {
    // Per-app figures of the live instances, summed now.
    let mut apps: HashMap<String, (i64, i64, i64)> = HashMap::new();
    for instance in super::instance::all() {
        let app = apps.entry(instance.app.clone()).or_default();
        match instance.phase() {
            super::instance::Phase::Ready | super::instance::Phase::Retiring => {
                app.0 += 1;
                app.1 += instance
                    .heap_bytes
                    .load(std::sync::atomic::Ordering::Relaxed);
            }
            super::instance::Phase::Abandoned => app.2 += 1,
            _ => {}
        }
    }
    for family in [&METRICS.instances, &METRICS.heap, &METRICS.stuck] {
        family.clear();
    }
    for (app, (instances, heap, stuck)) in apps {
        METRICS.instances.get_or_create(&label(&app)).set(instances);
        METRICS.heap.get_or_create(&label(&app)).set(heap);
        METRICS.stuck.get_or_create(&label(&app)).set(stuck);
    }
    METRICS.cache_bytes.clear();
    for (app, bytes) in crate::web::cache::bytes_by_app() {
        METRICS
            .cache_bytes
            .get_or_create(&label(&app))
            .set(i64::try_from(bytes).unwrap_or(i64::MAX));
    }
    let mut text = String::new();
    if prometheus_client::encoding::text::encode(&mut text, &METRICS.registry).is_err() {
        text.clear();
    }
    text
}

/// The content type of [`render`]'s output.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_requests_by_app_and_status() {
        request_started("metrics-unit");
        request_finished("metrics-unit", 200, Duration::from_millis(3));
        request_started("metrics-unit");
        request_finished("metrics-unit", 200, Duration::from_millis(3));
        cpu_limit_kill("metrics-unit");
        let text = render();
        assert!(
            text.contains(r#"nano_requests_total{app="metrics-unit",status="200"} 2"#),
            "{text}"
        );
        assert!(text.contains(r#"nano_cpu_limit_kills_total{app="metrics-unit"} 1"#));
        assert!(text.contains("nano_request_duration_seconds_bucket"));
        assert!(text.ends_with("# EOF\n"));
    }
}
