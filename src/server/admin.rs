//! The admin API, on its own listener (`--admin-port`, loopback by
//! default), enabled only with a token in `NANO_ADMIN_TOKEN`. Every call
//! needs `Authorization: Bearer <token>` (compared in constant time);
//! answers are JSON, errors `{"error": ...}`.
//!
//! | call | answer |
//! | --- | --- |
//! | `GET /admin/apps` | 200, the apps |
//! | `POST /admin/apps` | 201 added; 400 invalid (`field` names the key); 409 name/hostname taken; 422 does not load |
//! | `DELETE /admin/apps/{name}` | 200 once its in-flight requests are done; 404 unknown |
//! | `POST /admin/apps/{name}/scheduled?cron=EXPR` | 200 once its `scheduled` handler and `waitUntil` work settled; 500 with the error; 400 bad cron; 404 unknown |
//! | `POST /admin/reload` | 200 what changed; 400 invalid config (the old one keeps serving) or no `--config` |
//! | `GET /metrics` | 200, Prometheus text format |
//!
//! Other paths 404, other methods 405, no or a wrong token 401.

use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use bytes::Bytes;
use futures_lite::FutureExt;
use http::header::{self, HeaderValue};
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use serde_json::{Value, json};
use subtle::ConstantTimeEq;

use super::Shared;
use super::metrics;
use super::registry::{AddError, AppEntry, Control};
use crate::net::hyper_io::HyperIo;

/// Largest admin request body.
const MAX_BODY: usize = 1 << 20;

type Body = Full<Bytes>;

/// What the admin thread needs.
pub struct Admin {
    pub token: String,
    pub control: Arc<Control>,
    pub shared: Arc<Shared>,
}

/// The admin thread's main function: serves until shutdown begins.
pub fn run(listener: std::net::TcpListener, admin: Arc<Admin>) {
    let executor = smol::LocalExecutor::new();
    let serve = async {
        let listener = match async_net::TcpListener::try_from(listener) {
            Ok(listener) => listener,
            Err(e) => {
                tracing::error!("cannot use the admin listener: {e}");
                return;
            }
        };
        loop {
            let accepted = async { Some(listener.accept().await) }
                .or(async {
                    admin.shared.shutting_down().await;
                    None
                })
                .await;
            let Some(accepted) = accepted else {
                return;
            };
            let Ok((stream, _peer)) = accepted else {
                smol::Timer::after(Duration::from_millis(50)).await;
                continue;
            };
            let admin = admin.clone();
            executor
                .spawn(async move {
                    let service = hyper::service::service_fn(move |request| {
                        let admin = admin.clone();
                        async move { Ok::<_, Infallible>(admin.respond(request).await) }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .timer(super::worker::SmolTimer)
                        .header_read_timeout(Duration::from_secs(10))
                        .serve_connection(HyperIo(stream), service)
                        .await;
                })
                .detach();
        }
    };
    smol::block_on(executor.run(serve));
}

fn json_response(status: StatusCode, value: &Value) -> Response<Body> {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    let mut response = Response::new(Full::new(Bytes::from(text)));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

fn error(status: StatusCode, message: &str) -> Response<Body> {
    json_response(status, &json!({ "error": message }))
}

fn not_allowed(allow: &'static str) -> Response<Body> {
    let mut response = error(StatusCode::METHOD_NOT_ALLOWED, "method not allowed");
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allow));
    response
}

/// Does `Authorization` carry the token? Constant time in the token's
/// content (a length mismatch fails early: it tells only the length).
fn authorized(request: &Request<Incoming>, token: &str) -> bool {
    let Some(value) = request.headers().get(header::AUTHORIZATION) else {
        return false;
    };
    let Some(given) = value.as_bytes().strip_prefix(b"Bearer ") else {
        return false;
    };
    bool::from(given.ct_eq(token.as_bytes()))
}

/// One app as `GET /admin/apps` shows it.
pub fn app_json(entry: &AppEntry, is_default: bool) -> Value {
    let stats = &entry.stats;
    let error = stats
        .error
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    let rejected = stats
        .rejected
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    let instances = stats.instances.load(Ordering::Acquire);
    let instances_json: Vec<Value> = crate::server::instance::all()
        .iter()
        .filter(|i| i.app == entry.spec.name)
        .map(|i| instance_json(i))
        .collect();
    let state = if rejected.is_some() {
        "failed"
    } else if instances > 0 {
        "loaded"
    } else if error.is_some() {
        "failed"
    } else {
        "not loaded"
    };
    json!({
        "name": entry.spec.name,
        "hostnames": entry.spec.hostnames.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "default": is_default,
        "entry": std::path::absolute(&entry.spec.entry)
            .unwrap_or_else(|_| entry.spec.entry.clone())
            .display()
            .to_string(),
        "version": entry.version,
        "state": state,
        "error": rejected.as_ref().map(|(_, e)| e.clone()).or(error.clone()),
        "load_error": error,
        "rejected": rejected.map(|(version, error)| json!({ "version": version, "error": error })),
        "instances": instances,
        "requests": stats.requests.load(Ordering::Relaxed),
        "errors": stats.errors.load(Ordering::Relaxed),
        "in_flight": stats.in_flight.load(Ordering::Acquire),
        "memory_bytes": instances_json.iter().map(|i| i["heap_bytes"].as_i64().unwrap_or(0)).sum::<i64>(),
        "stuck_threads": stats.stuck_threads.load(Ordering::Acquire),
        "abandoned": stats.abandoned.load(Ordering::Relaxed),
        "instance_list": instances_json,
    })
}

/// One instance as the admin API shows it.
fn instance_json(instance: &crate::server::instance::Instance) -> Value {
    json!({
        "id": instance.id,
        "version": instance.version,
        "state": instance.phase().name(),
        "in_flight": instance.in_flight.load(Ordering::Acquire),
        "requests": instance.requests.load(Ordering::Relaxed),
        "waiting_until": instance.waiting(),
        "heap_bytes": instance.heap_bytes.load(Ordering::Relaxed),
        "cpu_ms": instance.cpu_ns.load(Ordering::Relaxed) / 1_000_000,
        "load_ms": instance.load_us.load(Ordering::Relaxed) as f64 / 1000.0,
        "age_s": instance.started.elapsed().as_secs(),
        "idle_s": instance.idle_for().as_secs(),
        "reason": instance.reason.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone(),
    })
}

impl Admin {
    async fn respond(&self, request: Request<Incoming>) -> Response<Body> {
        if !authorized(&request, &self.token) {
            let mut response = error(
                StatusCode::UNAUTHORIZED,
                "missing or wrong token (Authorization: Bearer <NANO_ADMIN_TOKEN>)",
            );
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            return response;
        }
        let method = request.method().clone();
        let path = request.uri().path().to_string();
        match (path.as_str(), path.strip_prefix("/admin/apps/")) {
            ("/admin/apps", _) => match method {
                Method::GET => self.list(),
                Method::POST => match read_body(request).await {
                    Ok(body) => self.add(body).await,
                    Err(response) => response,
                },
                _ => not_allowed("GET, POST"),
            },
            (_, Some(rest)) if rest.ends_with("/scheduled") => match method {
                Method::POST => {
                    let name = rest.trim_end_matches("/scheduled").to_string();
                    let query = request.uri().query().unwrap_or_default().to_string();
                    self.scheduled(name, &query).await
                }
                _ => not_allowed("POST"),
            },
            (_, Some(name)) if !name.is_empty() && !name.contains('/') => match method {
                Method::DELETE => self.remove(name.to_string()).await,
                _ => not_allowed("DELETE"),
            },
            ("/admin/reload", _) => match method {
                Method::POST => self.reload().await,
                _ => not_allowed("POST"),
            },
            ("/metrics", _) => match method {
                Method::GET => {
                    let mut response = Response::new(Full::new(Bytes::from(metrics::render())));
                    response.headers_mut().insert(
                        header::CONTENT_TYPE,
                        HeaderValue::from_static(metrics::CONTENT_TYPE),
                    );
                    response
                }
                _ => not_allowed("GET"),
            },
            _ => error(StatusCode::NOT_FOUND, "no such admin endpoint"),
        }
    }

    fn list(&self) -> Response<Body> {
        let snapshot = self.control.registry.snapshot();
        let apps: Vec<Value> = snapshot
            .apps
            .iter()
            .enumerate()
            .map(|(i, entry)| app_json(entry, snapshot.default_app == Some(i)))
            .collect();
        json_response(StatusCode::OK, &Value::Array(apps))
    }

    async fn add(&self, body: Bytes) -> Response<Body> {
        let control = self.control.clone();
        let added = smol::unblock(move || control.add(&body)).await;
        match added {
            Ok(entry) => {
                let snapshot = self.control.registry.snapshot();
                let is_default = snapshot
                    .default_app
                    .is_some_and(|i| snapshot.apps[i].uid == entry.uid);
                json_response(StatusCode::CREATED, &app_json(&entry, is_default))
            }
            Err(AddError::Invalid(e)) => json_response(
                StatusCode::BAD_REQUEST,
                &json!({ "error": e.message, "field": e.field }),
            ),
            Err(AddError::Conflict(e)) => json_response(
                StatusCode::CONFLICT,
                &json!({ "error": e.message, "field": e.field }),
            ),
            Err(AddError::LoadFailed(message)) => json_response(
                StatusCode::UNPROCESSABLE_ENTITY,
                &json!({ "error": format!("the app does not load: {message}") }),
            ),
        }
    }

    /// Runs app `name`'s scheduled handler once with `cron` from the query
    /// (default: the app's first `crons` entry, else `""`), as wrangler's
    /// `/__scheduled` does in development.
    async fn scheduled(&self, name: String, query: &str) -> Response<Body> {
        let cron = url::form_urlencoded::parse(query.as_bytes())
            .find(|(key, _)| key == "cron")
            .map(|(_, value)| value.into_owned());
        let snapshot = self.control.registry.snapshot();
        let Some(entry) = snapshot.apps.iter().find(|entry| entry.spec.name == name) else {
            return error(StatusCode::NOT_FOUND, "no app of that name");
        };
        let cron = match cron {
            Some(cron) => {
                if let Err(message) = super::cron::parse(&cron) {
                    return error(StatusCode::BAD_REQUEST, &message);
                }
                cron
            }
            None => entry.spec.crons.first().cloned().unwrap_or_default(),
        };
        let scheduled_time = super::cron::now_ms().floor();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        match super::cron::run_once(&self.shared, &name, &cron, scheduled_time).await {
            None => error(StatusCode::NOT_FOUND, "no app of that name"),
            Some(Ok(())) => json_response(
                StatusCode::OK,
                &json!({ "app": name, "cron": cron, "scheduledTime": scheduled_time as u64, "outcome": "ok" }),
            ),
            Some(Err(message)) => json_response(
                StatusCode::INTERNAL_SERVER_ERROR,
                &json!({ "app": name, "cron": cron, "outcome": "error", "error": message }),
            ),
        }
    }

    async fn remove(&self, name: String) -> Response<Body> {
        let control = self.control.clone();
        let timeout = Duration::from_millis(self.shared.config.connections.drain_timeout_ms);
        let removed = smol::unblock(move || {
            let entry = control.remove(&name)?;
            let drained = Control::wait_drained(&entry, timeout);
            Some((name, drained))
        })
        .await;
        match removed {
            Some((name, drained)) => json_response(
                StatusCode::OK,
                &json!({ "removed": name, "drained": drained }),
            ),
            None => error(StatusCode::NOT_FOUND, "no app of that name"),
        }
    }

    async fn reload(&self) -> Response<Body> {
        let control = self.control.clone();
        match smol::unblock(move || control.reload_config()).await {
            Ok(report) => json_response(
                StatusCode::OK,
                &serde_json::to_value(report).unwrap_or_default(),
            ),
            Err(message) => error(StatusCode::BAD_REQUEST, &message),
        }
    }
}

async fn read_body(request: Request<Incoming>) -> Result<Bytes, Response<Body>> {
    match Limited::new(request.into_body(), MAX_BODY).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(_) => Err(error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "the body is too large (1 MiB at most) or could not be read",
        )),
    }
}
