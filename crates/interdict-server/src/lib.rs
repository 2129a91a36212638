//! The HTTP API of interdict: yente's endpoints in yente's shapes (so that its clients only
//! change a URL), interdict's own `/v1` endpoints with full explanations, the W3C
//! reconciliation API, metrics and a self-description generated from one route table.
//!
//! The server answers from an immutable [`Snapshot`] of the lists; a reload builds a new one
//! beside it and swaps it in, so requests in flight finish on the snapshot they started with.

pub mod adjacent;
pub mod api_doc;
pub mod deadline;
pub mod error;
pub mod ftm_model;
pub mod metrics;
pub mod monitor_api;
pub mod native;
pub mod params;
pub mod query_syntax;
pub mod reconcile;
pub mod search;
pub mod state;
pub mod trace;
pub mod web;
pub mod yente;

use crate::deadline::Deadline;
use crate::error::ApiError;
use crate::params::Params;
use crate::state::AppState;
use arc_swap::ArcSwap;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, MatchedPath, Path, RawQuery, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use state::{describe, Loader, Snapshot};

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on.
    pub bind: SocketAddr,
    /// Accepted API keys; empty: no key needed.
    pub api_keys: Vec<String>,
    /// Largest request body, in bytes.
    pub max_body_bytes: usize,
    /// Most queries in one batch.
    pub max_batch: usize,
    /// Longest time a request may take.
    pub timeout: Duration,
    /// Longest time a client may take to send a request's headers; a slower one is
    /// disconnected, so that connections held open by slow clients cannot use up the server's
    /// sockets.
    pub header_timeout: Duration,
    /// Most requests answered at once (others wait their turn).
    pub max_concurrent: usize,
    /// Load the lists again this often (besides SIGHUP and `POST /v1/reload`).
    pub reload_every: Option<Duration>,
    /// Origins whose pages may call the API from a browser (CORS); empty: any origin, as
    /// yente allows by default.
    pub cors_origins: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 8000)),
            api_keys: Vec::new(),
            max_body_bytes: 2 << 20,
            max_batch: 100,
            timeout: Duration::from_secs(10),
            header_timeout: Duration::from_secs(10),
            max_concurrent: 256,
            reload_every: None,
            cors_origins: Vec::new(),
        }
    }
}

/// The state of a server over a first snapshot.
pub fn state(config: Config, first: Snapshot, loader: Loader) -> Arc<AppState> {
    state_with_monitor(config, first, loader, None)
}

/// The state of a server over a first snapshot that also serves a customer book.
pub fn state_with_monitor(
    config: Config,
    first: Snapshot,
    loader: Loader,
    monitor: Option<monitor_api::MonitorService>,
) -> Arc<AppState> {
    Arc::new(AppState {
        snapshot: ArcSwap::from_pointee(first),
        loader,
        config,
        metrics: Default::default(),
        reloading: tokio::sync::Mutex::new(()),
        monitor,
        sessions: Default::default(),
    })
}

/// The routes, with their limits, key checks, metrics and access logs.
pub fn router(state: Arc<AppState>) -> Router {
    let api = Router::new()
        .merge(web::routes())
        .merge(yente_routes())
        .merge(native_routes())
        .merge(monitor_routes())
        .merge(reconcile_routes())
        .fallback(|| async { ApiError::not_found("no such endpoint; see /docs") })
        .method_not_allowed_fallback(|request: Request| async move {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                format!(
                    "{} is not allowed on {}; see /docs for the methods each endpoint takes",
                    request.method(),
                    request.uri().path()
                ),
            )
        });
    let max_body = state.config.max_body_bytes;
    let max_concurrent = state.config.max_concurrent;
    let cors = cors(&state.config.cors_origins);
    api.layer(middleware::from_fn_with_state(state.clone(), check_key))
        .layer(middleware::from_fn(bound_url))
        .layer(middleware::from_fn_with_state(state.clone(), observe))
        .layer(middleware::from_fn_with_state(state.clone(), batch_size))
        .layer(middleware::from_fn(trace::trace_context))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(tower_http::compression::CompressionLayer::new().gzip(true))
        .layer(cors)
        .layer(tower::limit::ConcurrencyLimitLayer::new(max_concurrent))
        .with_state(state)
}

/// The endpoints yente serves, in its shapes: matching, search, entities, catalog, health.
fn yente_routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/match/{dataset}", post(match_handler))
        .route("/search/{dataset}", get(search_handler))
        .route("/entities/{id}", get(entity_handler))
        .route("/entities/{id}/adjacent", get(adjacent_handler))
        .route("/entities/{id}/adjacent/{prop}", get(adjacent_prop_handler))
        .route("/catalog", get(catalog_handler))
        .route(
            "/algorithms",
            get(|| async { Json(yente::answer_algorithms()) }),
        )
        .route("/healthz", get(|| async { Json(json!({"status": "ok"})) }))
        .route(
            "/readyz",
            get(|State(s): State<Arc<AppState>>| async move {
                let (ready, body) = native::answer_ready(&s.snapshot.load());
                let status = if ready {
                    StatusCode::OK
                } else {
                    StatusCode::SERVICE_UNAVAILABLE
                };
                (status, Json(body))
            }),
        )
        .route("/updatez", post(updatez_handler))
        .route(
            "/manifest",
            get(|State(s): State<Arc<AppState>>| async move {
                Json(yente::answer_manifest(&s.snapshot.load()))
            }),
        )
}

/// interdict's own endpoints: screening, scanning, payments, networks, lists, metrics and the API's documentation.
fn native_routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/v1/screen", post(screen_handler))
        .route("/v1/scan", post(scan_handler))
        .route("/v1/screen/payment", post(payment_handler))
        .route("/v1/entities/{id}/network", get(network_handler))
        .route(
            "/v1/lists",
            get(
                |State(s): State<Arc<AppState>>, RawQuery(q): RawQuery| async move {
                    Params::parse(q.as_deref()).only(&[], &[])?;
                    Ok::<_, ApiError>(Json(native::answer_lists(&s.snapshot.load())))
                },
            ),
        )
        .route("/v1/reload", post(reload_handler))
        .route("/metrics", get(metrics_handler))
        .route("/openapi.json", get(|| async { Json(api_doc::openapi()) }))
        .route("/docs", get(|| async { Html(api_doc::html()) }))
}

/// Monitoring: customers, alerts and their decisions, status and the audit chain.
fn monitor_routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/v1/monitor/customers", post(post_customers_handler))
        .route(
            "/v1/monitor/customers/{id}",
            axum::routing::put(put_customer_handler).delete(delete_customer_handler),
        )
        .route("/v1/monitor/alerts", get(alerts_handler))
        .route("/v1/monitor/alerts/{id}/decision", post(decision_handler))
        .route("/v1/monitor/status", get(monitor_status_handler))
        .route("/v1/audit/verify", get(audit_verify_handler))
}

/// `POST /v1/monitor/customers`: adds or replaces customers in bulk.
async fn post_customers_handler(
    State(s): State<Arc<AppState>>,
    RawQuery(q): RawQuery,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    Params::parse(q.as_deref()).only(&[], &["customers"])?;
    Ok(Json(monitor_api::post_customers(&s, &body(raw)?).await?))
}

/// `PUT /v1/monitor/customers/{id}`: adds or replaces one customer.
async fn put_customer_handler(
    State(s): State<Arc<AppState>>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    Params::parse(q.as_deref()).only(&[], &["name", "dob", "country", "id_number"])?;
    Ok(Json(monitor_api::put_customer(&s, id, &body(raw)?).await?))
}

/// `DELETE /v1/monitor/customers/{id}`: stops monitoring one customer.
async fn delete_customer_handler(
    State(s): State<Arc<AppState>>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    Params::parse(q.as_deref()).only(&[], &[])?;
    Ok(Json(monitor_api::delete_customer(&s, id).await?))
}

/// `GET /v1/monitor/alerts`: the alerts, filtered and paged as the query asks.
async fn alerts_handler(
    State(s): State<Arc<AppState>>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let params = Params::parse(q.as_deref());
    Ok(Json(monitor_api::get_alerts(&s, params).await?))
}

/// `POST /v1/monitor/alerts/{id}/decision`: records an analyst's decision on an alert.
async fn decision_handler(
    State(s): State<Arc<AppState>>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    Params::parse(q.as_deref()).only(&[], &["as", "reason", "by"])?;
    Ok(Json(monitor_api::decide(&s, id, &body(raw)?).await?))
}

/// `GET /v1/monitor/status`: the customer book's counts and the lists it was screened against.
async fn monitor_status_handler(
    State(s): State<Arc<AppState>>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    Params::parse(q.as_deref()).only(&[], &[])?;
    Ok(Json(monitor_api::status(&s).await?))
}

/// `GET /v1/audit/verify`: checks the audit chain end to end.
async fn audit_verify_handler(
    State(s): State<Arc<AppState>>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    Params::parse(q.as_deref()).only(&[], &[])?;
    Ok(Json(monitor_api::verify(&s).await?))
}

/// W3C reconciliation, for OpenRefine, as yente serves it.
fn reconcile_routes() -> Router<Arc<AppState>> {
    Router::new()
        .route(
            "/reconcile/{dataset}",
            get(reconcile_get).post(reconcile_post),
        )
        .route(
            "/reconcile/{dataset}/suggest/entity",
            get(suggest_entity_handler),
        )
        .route(
            "/reconcile/{dataset}/suggest/type",
            get(suggest_type_handler),
        )
        .route(
            "/reconcile/{dataset}/suggest/property",
            get(suggest_property_handler),
        )
        .route(
            "/reconcile/{dataset}/extend/property",
            get(extend_property_handler),
        )
        .route("/reconcile/{dataset}/preview", get(preview_handler))
}

/// Cross-origin requests from browsers: any origin when none is configured (as yente), else
/// the origins given; the API key header may be sent either way.
fn cors(origins: &[String]) -> tower_http::cors::CorsLayer {
    use tower_http::cors::{AllowOrigin, Any, CorsLayer};
    let layer = CorsLayer::new()
        .allow_methods(Any)
        .allow_headers(Any)
        .expose_headers([axum::http::HeaderName::from_static("x-batch-size")]);
    if origins.is_empty() {
        return layer.allow_origin(Any);
    }
    let allowed: Vec<axum::http::HeaderValue> = origins
        .iter()
        .filter_map(|o| axum::http::HeaderValue::from_str(o).ok())
        .collect();
    layer.allow_origin(AllowOrigin::list(allowed))
}

/// Tells the caller the largest batch accepted (`x-batch-size`), as yente does.
async fn batch_size(State(s): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if let Ok(v) = axum::http::HeaderValue::from_str(&s.config.max_batch.to_string()) {
        response.headers_mut().insert("x-batch-size", v);
    }
    response
}

/// Serves until interrupted: reloads on SIGHUP, on `POST /v1/reload` and every
/// `reload_every`. Each connection is served by hyper with a time limit on its request
/// headers.
pub async fn run(state: Arc<AppState>) -> std::io::Result<()> {
    // The name tables built on first use would otherwise make the first request wait.
    interdict_names::prepare_tables();
    let listener = tokio::net::TcpListener::bind(state.config.bind).await?;
    tracing::info!(address = %listener.local_addr()?, lists = %describe(&state.snapshot.load()), "serving");
    spawn_reloaders(state.clone());
    let state_timeout = state.config.header_timeout;
    let app = router(state);
    let shutdown = tokio::signal::ctrl_c();
    tokio::pin!(shutdown);
    loop {
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // Out of sockets or a connection reset before it was accepted: keep serving.
                Err(e) => {
                    tracing::warn!(error = %e, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => return Ok(()),
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let header_timeout = state_timeout;
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .with_upgrades();
            let _ = connection.await;
        });
    }
}

fn spawn_reloaders(state: Arc<AppState>) {
    #[cfg(unix)]
    {
        let s = state.clone();
        tokio::spawn(async move {
            use tokio::signal::unix::{signal, SignalKind};
            let Ok(mut hup) = signal(SignalKind::hangup()) else {
                return;
            };
            while hup.recv().await.is_some() {
                if let Err(e) = s.reload().await {
                    tracing::error!(error = %e, "reload failed; the current lists stay");
                }
            }
        });
    }
    if let Some(every) = state.config.reload_every {
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.tick().await;
            loop {
                tick.tick().await;
                if let Err(e) = state.reload().await {
                    tracing::error!(error = %e, "reload failed; the current lists stay");
                }
            }
        });
    }
}

/// Checks the API key on every endpoint but `/healthz`. The key is taken only from the
/// documented header, `Authorization: ApiKey KEY` (or `Bearer KEY`): never from the address,
/// which ends up in logs and browser histories, nor from a bare `Authorization: KEY`.
async fn check_key(State(s): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    // The analysts' pages check their own sessions (the login page asks for a key once).
    if s.config.api_keys.is_empty() || path == "/healthz" || web::is_page(path) {
        return next.run(request).await;
    }
    let given = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("ApiKey ")
                .or_else(|| v.strip_prefix("Bearer "))
        })
        .map(|k| k.trim().to_string());
    match given {
        Some(k) if s.config.api_keys.iter().any(|a| a == &k) => next.run(request).await,
        Some(_) => (
            StatusCode::UNAUTHORIZED,
            Json(json!({"detail": "the API key is not valid"})),
        )
            .into_response(),
        None => (
            StatusCode::UNAUTHORIZED,
            Json(json!({"detail": "an API key is needed: send 'Authorization: ApiKey KEY'"})),
        )
            .into_response(),
    }
}

/// Counts and times every request, and writes one access-log line for it.
/// The longest request target (path and query string) answered; a longer one is 414, as
/// yente answers it.
const MAX_URL_BYTES: usize = 8 * 1024;

/// Answers 414 to a request whose target is longer than [`MAX_URL_BYTES`].
async fn bound_url(request: Request, next: Next) -> Response {
    let len = request
        .uri()
        .path_and_query()
        .map_or(0, |p| p.as_str().len());
    if len > MAX_URL_BYTES {
        return ApiError::new(axum::http::StatusCode::URI_TOO_LONG, format!(
                "the request target is {len} bytes; at most {MAX_URL_BYTES} are answered (send long queries in a POST body)"
            ))
        .into_response();
    }
    next.run(request).await
}

async fn observe(State(s): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    let method = request.method().clone();
    let response = next.run(request).await;
    let took = started.elapsed();
    let status = response.status().as_u16();
    s.metrics.record(&route, status, took);
    tracing::info!(target: "access", %method, route, status, micros = took.as_micros() as u64);
    response
}

/// Runs work that is quick (one name) on the request thread; it stops at the deadline all
/// the same.
fn quick<F>(s: &Arc<AppState>, work: F) -> Result<Value, ApiError>
where
    F: FnOnce(&Snapshot, &Deadline) -> Result<Value, ApiError>,
{
    work(&s.snapshot.load(), &Deadline::after(s.config.timeout))
}

/// Runs CPU-bound work off the request threads. The work checks its deadline between steps
/// and stops there, so that an answer of 503 also ends the work.
async fn compute<F>(s: &Arc<AppState>, work: F) -> Result<Value, ApiError>
where
    F: FnOnce(&Snapshot, &Deadline) -> Result<Value, ApiError> + Send + 'static,
{
    let snapshot = s.snapshot.load_full();
    let deadline = Deadline::after(s.config.timeout);
    let task = tokio::task::spawn_blocking(move || work(&snapshot, &deadline));
    // A little grace after the deadline for the work to notice it and say so itself.
    match tokio::time::timeout(s.config.timeout + Duration::from_millis(250), task).await {
        Ok(Ok(answer)) => answer,
        Ok(Err(_)) => Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the request failed inside the server",
        )),
        Err(_) => Err(deadline.exceeded()),
    }
}

fn body(body: Result<Bytes, BytesRejection>) -> Result<Bytes, ApiError> {
    body.map_err(|e| ApiError::new(e.status(), e.body_text()))
}

async fn match_handler(
    State(s): State<Arc<AppState>>,
    Path(dataset): Path<String>,
    RawQuery(q): RawQuery,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    let raw = body(raw)?;
    let params = Params::parse(q.as_deref());
    let max_batch = s.config.max_batch;
    let request = yente::parse_match(&raw, max_batch)?;
    // One query is answered at once; a batch goes to the blocking pool, within the time limit.
    let answer = if request.queries.len() == 1 {
        quick(&s, |snap, deadline| {
            let options = yente::MatchOptions::read(snap, &dataset, &params)?;
            yente::answer_match(snap, &request, &options, deadline)
        })?
    } else {
        compute(&s, move |snap, deadline| {
            let options = yente::MatchOptions::read(snap, &dataset, &params)?;
            yente::answer_match(snap, &request, &options, deadline)
        })
        .await?
    };
    Ok(Json(answer))
}

/// `/catalog` with an entity tag made of the list versions: a client that has the current
/// catalog gets 304, and caches may keep it a minute.
async fn catalog_handler(
    State(s): State<Arc<AppState>>,
    headers: axum::http::HeaderMap,
) -> Response {
    let snap = s.snapshot.load();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for l in &snap.lists {
        std::hash::Hash::hash(&(&l.list, &l.version), &mut hasher);
    }
    let etag = format!("\"{:016x}\"", std::hash::Hasher::finish(&hasher));
    let cache = [
        (axum::http::header::ETAG, etag.clone()),
        (
            axum::http::header::CACHE_CONTROL,
            "public, max-age=60".to_string(),
        ),
    ];
    let current = headers
        .get(axum::http::header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if current {
        return (axum::http::StatusCode::NOT_MODIFIED, cache).into_response();
    }
    (cache, Json(yente::answer_catalog(&snap))).into_response()
}

async fn search_handler(
    State(s): State<Arc<AppState>>,
    Path(dataset): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let params = Params::parse(q.as_deref());
    Ok(Json(
        compute(&s, move |snap, _| {
            search::answer_search(snap, &dataset, &params)
        })
        .await?,
    ))
}

async fn entity_handler(
    State(s): State<Arc<AppState>>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let params = Params::parse(q.as_deref());
    let snap = s.snapshot.load();
    let e = snap
        .entity(&id)
        .ok_or_else(|| ApiError::not_found(format!("no entity '{id}'")))?;
    let others = snap.folded_into(&id);
    let links = snap.links_of(&id);
    Ok(Json(adjacent::nested_entity(e, &others, &links, &params)?))
}

async fn adjacent_handler(
    State(s): State<Arc<AppState>>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    adjacent_of(&s, &id, None, q.as_deref())
}

async fn adjacent_prop_handler(
    State(s): State<Arc<AppState>>,
    Path((id, prop)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    adjacent_of(&s, &id, Some(&prop), q.as_deref())
}

/// The adjacent entities of `id` (all, or one property's).
fn adjacent_of(
    s: &AppState,
    id: &str,
    prop: Option<&str>,
    q: Option<&str>,
) -> Result<Json<Value>, ApiError> {
    let params = Params::parse(q);
    let snap = s.snapshot.load();
    let e = snap
        .entity(id)
        .ok_or_else(|| ApiError::not_found(format!("no entity '{id}'")))?;
    let others = snap.folded_into(id);
    let links = snap.links_of(id);
    Ok(Json(adjacent::answer_adjacent(
        e, &others, &links, prop, &params,
    )?))
}

async fn screen_handler(
    State(s): State<Arc<AppState>>,
    RawQuery(q): RawQuery,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    Params::parse(q.as_deref()).only(&[], &["queries", "threshold", "limit"])?;
    let raw = body(raw)?;
    let max_batch = s.config.max_batch;
    Ok(Json(
        compute(&s, move |snap, deadline| {
            native::answer_screen(snap, &raw, max_batch, deadline)
        })
        .await?,
    ))
}

async fn scan_handler(
    State(s): State<Arc<AppState>>,
    RawQuery(q): RawQuery,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    Params::parse(q.as_deref()).only(&[], &["text", "min_score"])?;
    let raw = body(raw)?;
    Ok(Json(
        compute(&s, move |snap, deadline| {
            native::answer_scan(snap, &raw, deadline)
        })
        .await?,
    ))
}

async fn payment_handler(
    State(s): State<Arc<AppState>>,
    RawQuery(q): RawQuery,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    let params = Params::parse(q.as_deref());
    params.only(&["threshold", "min_score"], &[])?;
    let threshold = params.number("threshold", interdict_match::DEFAULT_THRESHOLD, 0.0..=1.0)?;
    let min_score = params.number("min_score", threshold, 0.0..=1.0)?;
    let raw = body(raw)?;
    Ok(Json(
        compute(&s, move |snap, _deadline| {
            native::answer_payment(snap, &raw, threshold, min_score)
        })
        .await?,
    ))
}

/// An entry's links to a depth: JSON, or Graphviz DOT with `format=dot`.
async fn network_handler(
    State(s): State<Arc<AppState>>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::parse(q.as_deref());
    params.only(&["depth", "format"], &[])?;
    let depth: usize = params.number("depth", 1, 0..=6)?;
    let dot = match params.get("format").unwrap_or("json") {
        "json" => false,
        "dot" => true,
        other => {
            return Err(ApiError::invalid_param(
                "format",
                format!("'{other}' is not json or dot"),
            ))
        }
    };
    let answer = compute(&s, move |snap, _deadline| {
        native::answer_network(snap, &id, depth, dot)
    })
    .await?;
    Ok(match answer {
        Value::String(text) => (
            [(
                axum::http::header::CONTENT_TYPE,
                "text/vnd.graphviz; charset=utf-8",
            )],
            text,
        )
            .into_response(),
        other => Json(other).into_response(),
    })
}

/// yente's `POST /updatez`: loads the lists again, like `/v1/reload` (the API key, when one is
/// set, stands for yente's update token; `sync` and `token` are accepted).
async fn updatez_handler(
    State(s): State<Arc<AppState>>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    Params::parse(q.as_deref()).only(&["sync", "token"], &[])?;
    reloaded(&s).await
}

/// Loads the lists again and says which are loaded, or why the current ones stay.
async fn reloaded(s: &Arc<AppState>) -> Result<Json<Value>, ApiError> {
    match s.reload().await {
        Ok(lists) => Ok(Json(json!({"status": "ok", "lists": lists}))),
        Err(e) => Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("{e}; the current lists stay"),
        )),
    }
}

async fn reload_handler(
    State(s): State<Arc<AppState>>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    Params::parse(q.as_deref()).only(&[], &[])?;
    reloaded(&s).await
}

fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    format!("http://{host}")
}

async fn reconcile_get(
    State(s): State<Arc<AppState>>,
    Path(dataset): Path<String>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let params = Params::parse(q.as_deref());
    match params.get("queries") {
        Some(queries) => {
            let queries = queries.to_string();
            let max_batch = s.config.max_batch;
            Ok(Json(
                compute(&s, move |snap, deadline| {
                    reconcile::answer(snap, &dataset, &queries, &params, max_batch, deadline)
                })
                .await?,
            ))
        }
        None => {
            let query = q.unwrap_or_default();
            let base = base_url(&headers);
            Ok(Json(reconcile::manifest(
                &s.snapshot.load(),
                &dataset,
                &base,
                &query,
            )?))
        }
    }
}

/// What a reconciliation POST asks: queries, or a data extension.
enum ReconcileRequest {
    Queries(String),
    Extend(String),
}

/// Reads a reconciliation POST: a form with `queries` or `extend` (as OpenRefine sends it), or
/// a JSON body with either.
fn reconcile_request(raw: &[u8]) -> Result<ReconcileRequest, ApiError> {
    let text = String::from_utf8_lossy(raw).into_owned();
    let field = |name: &str| -> Result<Option<String>, ApiError> {
        if text.trim_start().starts_with('{') {
            let v: Value = error::parse_json(text.as_bytes())?;
            Ok(v.get(name).map(|q| match q {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            }))
        } else {
            Ok(Params::parse(Some(&text)).get(name).map(String::from))
        }
    };
    if let Some(extend) = field("extend")?.filter(|e| !e.trim().is_empty()) {
        return Ok(ReconcileRequest::Extend(extend));
    }
    field("queries")?
        .map(ReconcileRequest::Queries)
        .ok_or_else(|| {
            ApiError::bad_request(
                "No queries or extend request provided (a form field 'queries' or 'extend').",
            )
        })
}

async fn reconcile_post(
    State(s): State<Arc<AppState>>,
    Path(dataset): Path<String>,
    RawQuery(q): RawQuery,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    let raw = body(raw)?;
    let params = Params::parse(q.as_deref());
    let max_batch = s.config.max_batch;
    let request = reconcile_request(&raw)?;
    Ok(Json(
        compute(&s, move |snap, deadline| match request {
            ReconcileRequest::Queries(queries) => {
                reconcile::answer(snap, &dataset, &queries, &params, max_batch, deadline)
            }
            ReconcileRequest::Extend(extend) => {
                snap.dataset(&dataset)?;
                reconcile::extend(snap, &extend, max_batch)
            }
        })
        .await?,
    ))
}

/// Reconciliation suggestions and proposals, answered from the lists in memory.
async fn reconcile_lookup(
    s: Arc<AppState>,
    dataset: String,
    q: Option<String>,
    answer: fn(&Snapshot, &str, &Params) -> Result<Value, ApiError>,
) -> Result<Json<Value>, ApiError> {
    let params = Params::parse(q.as_deref());
    Ok(Json(
        compute(&s, move |snap, _| answer(snap, &dataset, &params)).await?,
    ))
}

async fn suggest_entity_handler(
    State(s): State<Arc<AppState>>,
    Path(dataset): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    reconcile_lookup(s, dataset, q, reconcile::suggest_entity).await
}

async fn suggest_type_handler(
    State(s): State<Arc<AppState>>,
    Path(dataset): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    reconcile_lookup(s, dataset, q, reconcile::suggest_type).await
}

async fn suggest_property_handler(
    State(s): State<Arc<AppState>>,
    Path(dataset): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    reconcile_lookup(s, dataset, q, reconcile::suggest_property).await
}

async fn extend_property_handler(
    State(s): State<Arc<AppState>>,
    Path(dataset): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    reconcile_lookup(s, dataset, q, |snap, dataset, params| {
        snap.dataset(dataset)?;
        reconcile::extend_properties(params)
    })
    .await
}

async fn preview_handler(
    State(s): State<Arc<AppState>>,
    RawQuery(q): RawQuery,
) -> Result<Html<String>, ApiError> {
    let params = Params::parse(q.as_deref());
    let id = params
        .get("id")
        .ok_or_else(|| ApiError::invalid("query parameter 'id' is needed"))?;
    reconcile::preview(&s.snapshot.load(), id).map(Html)
}

async fn metrics_handler(State(s): State<Arc<AppState>>) -> impl IntoResponse {
    let snap = s.snapshot.load();
    let lists: Vec<(String, String, usize)> = snap
        .lists
        .iter()
        .map(|l| (l.list.clone(), l.version.clone(), snap.count(&l.list)))
        .collect();
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        s.metrics.render(&lists),
    )
}
