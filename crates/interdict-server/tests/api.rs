//! The API end to end, in process: yente's shapes, interdict's own endpoints, errors as 4xx
//! with a message, API keys, limits, metrics, the generated description, and reloads that lose
//! no request.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use interdict_server::{router, state, Config, Loader, Snapshot};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tower::ServiceExt;

const SAMPLE: &[u8] = include_bytes!("../../../examples/un_sample.xml");

fn snapshot() -> Snapshot {
    let parsed = interdict_lists::parse_bytes("un_sample.xml", SAMPLE).expect("sample parses");
    let meta = parsed.meta.clone();
    Snapshot::new(interdict_match::Index::build(parsed.entities), vec![meta])
}

fn app_with(config: Config, loads: Arc<AtomicUsize>) -> axum::Router {
    let loader: Loader = Arc::new(move || {
        loads.fetch_add(1, Ordering::SeqCst);
        Ok(snapshot())
    });
    router(state(config, snapshot(), loader))
}

fn app() -> axum::Router {
    app_with(Config::default(), Arc::new(AtomicUsize::new(0)))
}

async fn call(
    app: &axum::Router,
    method: &str,
    uri: &str,
    body: &str,
    key: Option<&str>,
) -> (StatusCode, Value) {
    let mut r = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json");
    if let Some(k) = key {
        r = r.header("authorization", format!("ApiKey {k}"));
    }
    let response = app
        .clone()
        .oneshot(r.body(Body::from(body.to_string())).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let value = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()));
    (status, value)
}

/// The message of an error answer: `detail` as a string, or the messages of FastAPI's list of
/// validation errors (422), which must each say where (`loc`).
fn detail(v: &Value) -> String {
    match &v["detail"] {
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|i| {
                assert!(i["loc"].is_array() && i["type"].is_string(), "{v}");
                i["msg"].as_str().unwrap_or("").to_string()
            })
            .collect::<Vec<_>>()
            .join("; "),
        _ => panic!("no detail: {v}"),
    }
}

fn match_body(name: &str, schema: &str) -> String {
    json!({"queries": {"q1": {"schema": schema, "properties": {"name": [name]}}}}).to_string()
}

#[tokio::test]
async fn match_answers_in_yente_shape() {
    let app = app();
    let (status, v) = call(
        &app,
        "POST",
        "/match/default?threshold=0.8&limit=3",
        &match_body("Jaamat-u-Dawa", "Organization"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["limit"], 3);
    let r = &v["responses"]["q1"];
    assert_eq!(r["status"], 200);
    assert_eq!(r["total"]["relation"], "eq");
    assert_eq!(r["query"]["properties"]["name"][0], "Jaamat-u-Dawa");
    let top = &r["results"][0];
    assert_eq!(top["caption"], "LASHKAR-E-TAYYIBA");
    assert_eq!(top["schema"], "Organization");
    assert_eq!(top["match"], true);
    assert!(top["score"].as_f64().unwrap() > 0.9);
    assert!(top["properties"]["name"].is_array());
    assert_eq!(top["datasets"][0], "un_sc_sanctions");
    assert!(
        top["explanations"]["name_match"]["detail"]
            .as_str()
            .unwrap()
            .len()
            > 10
    );
}

#[tokio::test]
async fn person_by_parts_with_birth_date_and_dataset_by_list_name() {
    let app = app();
    let body = json!({"queries": {"a": {"schema": "Person", "properties": {
        "firstName": ["Hafiz Muhammad"], "lastName": ["Saeed"], "birthDate": ["1950-06-05"], "nationality": ["pk"]}}}});
    let (status, v) = call(&app, "POST", "/match/un-sc", &body.to_string(), None).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["responses"]["a"]["results"][0]["match"], true, "{v}");
    let (status, v) = call(&app, "POST", "/match/no-such-list", &body.to_string(), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(detail(&v).contains("no-such-list"));
}

#[tokio::test]
async fn bad_requests_get_4xx_with_a_message() {
    let app = app();
    let cases: &[(&str, &str, StatusCode, &str)] = &[
        (
            "/match/default",
            "{not json",
            StatusCode::UNPROCESSABLE_ENTITY,
            "not valid JSON",
        ),
        (
            "/match/default",
            "",
            StatusCode::UNPROCESSABLE_ENTITY,
            "empty",
        ),
        (
            "/match/default",
            r#"{"queries": {}, "extra": 1}"#,
            StatusCode::UNPROCESSABLE_ENTITY,
            "unknown field `extra`",
        ),
        (
            "/match/default",
            r#"{"queries": {"q": {"schema": "Person", "propertiez": {}}}}"#,
            StatusCode::UNPROCESSABLE_ENTITY,
            "no name",
        ),
        (
            "/match/default",
            r#"{"queries": {"q": {"schema": "Document", "properties": {"name": "x"}}}}"#,
            StatusCode::BAD_REQUEST,
            "Document",
        ),
        (
            "/match/default",
            r#"{"queries": {"q": {"schema": "Person", "properties": {"birthDate": ["1950"]}}}}"#,
            StatusCode::UNPROCESSABLE_ENTITY,
            "no name",
        ),
        (
            "/match/default?threshold=2",
            &match_body("X Y", "Person"),
            StatusCode::UNPROCESSABLE_ENTITY,
            "threshold",
        ),
        (
            "/match/default?algorithm=magic",
            &match_body("X Y", "Person"),
            StatusCode::BAD_REQUEST,
            "algorithm",
        ),
        (
            "/v1/screen",
            r#"{"queries": [{"name": ""}]}"#,
            StatusCode::UNPROCESSABLE_ENTITY,
            "queries[0].name",
        ),
        (
            "/v1/scan",
            r#"{"txt": "x"}"#,
            StatusCode::UNPROCESSABLE_ENTITY,
            "txt",
        ),
    ];
    for (uri, body, want, needle) in cases {
        let (status, v) = call(&app, "POST", uri, body, None).await;
        assert_eq!(status, *want, "{uri} {body}: {v}");
        assert!(detail(&v).contains(needle), "{uri} {body}: {v}");
    }
    let (status, v) = call(&app, "GET", "/entities/nobody", "", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{v}");
    let (status, _) = call(&app, "GET", "/no/such/path", "", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn batches_and_bodies_are_bounded() {
    let config = Config {
        max_batch: 3,
        max_body_bytes: 2_000,
        ..Config::default()
    };
    let app = app_with(config, Arc::new(AtomicUsize::new(0)));
    let queries: serde_json::Map<String, Value> = (0..4)
        .map(|i| {
            (
                format!("q{i}"),
                json!({"schema": "Person", "properties": {"name": ["A B"]}}),
            )
        })
        .collect();
    let (status, v) = call(
        &app,
        "POST",
        "/match/default",
        &json!({"queries": queries}).to_string(),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(detail(&v).contains("at most 3"), "{v}");
    let big = json!({"text": "x".repeat(5_000)}).to_string();
    let (status, _) = call(&app, "POST", "/v1/scan", &big, None).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn api_keys_are_checked_everywhere_but_healthz() {
    let config = Config {
        api_keys: vec!["s3cret".into()],
        ..Config::default()
    };
    let app = app_with(config, Arc::new(AtomicUsize::new(0)));
    assert_eq!(
        call(&app, "GET", "/healthz", "", None).await.0,
        StatusCode::OK
    );
    for uri in ["/catalog", "/metrics", "/openapi.json", "/v1/lists"] {
        assert_eq!(
            call(&app, "GET", uri, "", None).await.0,
            StatusCode::UNAUTHORIZED,
            "{uri}"
        );
        assert_eq!(
            call(&app, "GET", uri, "", Some("wrong")).await.0,
            StatusCode::UNAUTHORIZED,
            "{uri}"
        );
        assert_eq!(
            call(&app, "GET", uri, "", Some("s3cret")).await.0,
            StatusCode::OK,
            "{uri}"
        );
    }
    let (status, _) = call(
        &app,
        "POST",
        "/match/default",
        &match_body("LeT", "Organization"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // Only the documented header carries a key: not the address, not a bare header.
    assert_eq!(
        call(&app, "GET", "/catalog?api_key=s3cret", "", None)
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
    let bare = Request::builder()
        .uri("/catalog")
        .header("authorization", "s3cret")
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        app.clone().oneshot(bare).await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    let bearer = Request::builder()
        .uri("/catalog")
        .header("authorization", "Bearer s3cret")
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        app.clone().oneshot(bearer).await.unwrap().status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn misspelt_options_are_refused_by_name_and_every_error_has_a_body() {
    let app = app();
    let screen = r#"{"queries": [{"name": "Hafiz Saeed", "dateOfBirth": "1950"}]}"#;
    let (status, v) = call(&app, "POST", "/v1/screen", screen, None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(detail(&v).contains("dateOfBirth"), "{v}");
    let screen = r#"{"queries": [{"name": "Hafiz Saeed"}], "treshold": 0.5}"#;
    let (status, v) = call(&app, "POST", "/v1/screen", screen, None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(detail(&v).contains("treshold"), "{v}");
    let screen = r#"{"queries": [{"name": "Hafiz Saeed"}]}"#;
    for uri in ["/v1/screen?treshold=0.5", "/v1/scan?min_scor=1"] {
        let (status, v) = call(&app, "POST", uri, screen, None).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{uri}: {v}");
        let detail = detail(&v);
        assert!(
            detail.contains("unknown query parameter") && detail.contains("in the body"),
            "{detail}"
        );
    }
    let (status, v) = call(&app, "GET", "/v1/lists?verbose=1", "", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    // A wrong method is said so, with a body like every other error.
    let (status, v) = call(&app, "GET", "/v1/screen", "", None).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{v}");
    assert!(detail(&v).contains("GET is not allowed"), "{v}");
    // Numbers come without the noise of single precision.
    let (_, v) = call(
        &app,
        "POST",
        "/v1/screen",
        r#"{"queries": [{"name": "Hafiz Mohamad Sayeed", "dob": "1950"}], "threshold": 0.8}"#,
        None,
    )
    .await;
    let text = v.to_string();
    assert!(
        !text.contains("0000000") && !text.contains("9999999"),
        "{text}"
    );
    assert_eq!(v["threshold"], 0.8);
}

#[tokio::test]
async fn native_screen_scan_and_lists() {
    let app = app();
    let (status, v) = call(
        &app,
        "POST",
        "/v1/screen",
        r#"{"queries": [{"name": "Hafiz Mohammed Saeed", "dob": "1950", "country": "pk"}]}"#,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let top = &v["responses"][0]["results"][0];
    assert_eq!(top["ref"], "QDi.263");
    assert!(top["explanation"]["name"]["pairs"].is_array(), "{top}");
    let (status, v) = call(
        &app,
        "POST",
        "/v1/scan",
        r#"{"text": "Donate to Falah-e-Insaniat Foundation today."}"#,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["mentions"][0]["text"], "Falah-e-Insaniat Foundation");
    assert_eq!(v["mentions"][0]["start"], 10);
    let (_, v) = call(&app, "GET", "/v1/lists", "", None).await;
    assert_eq!(v["lists"][0]["list"], "un-sc");
    assert_eq!(v["lists"][0]["entries"], 7);
}

#[tokio::test]
async fn lists_are_described_as_the_command_line_describes_them() {
    let (_, v) = call(&app(), "GET", "/v1/lists", "", None).await;
    let l = &v["lists"][0];
    assert_eq!(
        l["format"], "un-xml",
        "the format family, as `lists status` shows it"
    );
    assert_eq!(l["version"], "2025-04-19");
    assert!(l["age_days"].as_i64().unwrap() > 7);
    let loaded = v["loaded_at"].as_str().unwrap();
    assert!(
        loaded.len() == 20 && loaded.ends_with('Z') && &loaded[4..5] == "-",
        "an ISO timestamp: {loaded}"
    );
}

#[tokio::test]
async fn ready_on_real_lists_with_their_staleness_and_not_ready_on_the_sample() {
    let (status, v) = call(&app(), "GET", "/readyz", "", None).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "ok");
    let warning = v["warnings"][0].as_str().unwrap();
    assert!(
        warning.contains("un-sc 2025-04-19 is") && warning.contains("days old"),
        "{v}"
    );

    let mut sample = snapshot();
    sample.sample = true;
    let loader: Loader = Arc::new(|| Err("no lists".into()));
    let app = router(state(Config::default(), sample, loader));
    let (status, v) = call(&app, "GET", "/readyz", "", None).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{v}");
    assert!(detail(&v).contains("sample"), "{v}");
    assert_eq!(
        call(&app, "GET", "/healthz", "", None).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn search_entities_catalog_and_reconciliation() {
    let app = app();
    let (_, v) = call(
        &app,
        "GET",
        "/search/default?q=lashkar%20taiba&limit=2",
        "",
        None,
    )
    .await;
    assert_eq!(v["results"][0]["caption"], "LASHKAR-E-TAYYIBA", "{v}");
    let id = v["results"][0]["id"].as_str().unwrap().to_string();
    let (status, e) = call(&app, "GET", &format!("/entities/{id}"), "", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(e["id"], id.as_str());
    let (_, c) = call(&app, "GET", "/catalog", "", None).await;
    assert!(c["datasets"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["name"] == "default"));
    let (_, a) = call(&app, "GET", "/algorithms", "", None).await;
    assert_eq!(a["best"], "interdict");
    let (_, m) = call(&app, "GET", "/reconcile/default", "", None).await;
    assert!(m["versions"].is_array() && m["suggest"].is_object(), "{m}");
    let q = r#"{"q0": {"query": "Lashkar e Taiba", "type": "Organization"}}"#;
    let uri = format!(
        "/reconcile/default?queries={}",
        q.replace(' ', "%20")
            .replace('"', "%22")
            .replace('{', "%7B")
            .replace('}', "%7D")
    );
    let (status, r) = call(&app, "GET", &uri, "", None).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["q0"]["result"][0]["name"], "LASHKAR-E-TAYYIBA");
    let (_, s) = call(
        &app,
        "GET",
        "/reconcile/default/suggest/entity?prefix=lashkar",
        "",
        None,
    )
    .await;
    assert!(!s["result"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn openapi_describes_every_route_and_metrics_count_requests() {
    let app = app();
    let (_, doc) = call(&app, "GET", "/openapi.json", "", None).await;
    for path in [
        "/match/{dataset}",
        "/search/{dataset}",
        "/v1/screen",
        "/v1/scan",
        "/reconcile/{dataset}",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
    // Request bodies are described field by field, not as a bare object.
    for (path, field) in [
        ("/match/{dataset}", "queries"),
        ("/v1/screen", "threshold"),
        ("/v1/scan", "text"),
    ] {
        let schema =
            &doc["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"];
        assert!(schema["properties"][field].is_object(), "{path}: {schema}");
    }
    let screen =
        &doc["paths"]["/v1/screen"]["post"]["requestBody"]["content"]["application/json"]["schema"];
    assert_eq!(
        screen["properties"]["queries"]["items"]["required"][0],
        "name"
    );
    call(
        &app,
        "POST",
        "/match/default",
        &match_body("LeT", "Organization"),
        None,
    )
    .await;
    call(&app, "POST", "/match/default", "{", None).await;
    let (_, text) = call(&app, "GET", "/metrics", "", None).await;
    let text = text.as_str().unwrap().to_string();
    assert!(
        text.contains("interdict_requests_total{route=\"/match/{dataset}\",status=\"200\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("interdict_requests_total{route=\"/match/{dataset}\",status=\"422\"} 1"),
        "{text}"
    );
    assert!(text.contains("interdict_request_seconds_bucket"), "{text}");
    assert!(
        text.contains("interdict_list_entities{list=\"un-sc\",version=\"2025-04-19\"} 7"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn reloading_under_load_loses_no_request() {
    let loads = Arc::new(AtomicUsize::new(0));
    let app = app_with(Config::default(), loads.clone());
    let mut tasks = Vec::new();
    for i in 0..200 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            if i % 50 == 25 {
                call(&app, "POST", "/v1/reload", "", None).await.0
            } else {
                let (s, v) = call(
                    &app,
                    "POST",
                    "/match/default",
                    &match_body("Lashkar e Taiba", "Organization"),
                    None,
                )
                .await;
                assert_eq!(
                    v["responses"]["q1"]["results"][0]["caption"],
                    "LASHKAR-E-TAYYIBA"
                );
                s
            }
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), StatusCode::OK);
    }
    assert_eq!(loads.load(Ordering::SeqCst), 4);
}

/// The UN sample and a UK ConList fixture whose LASHKAR-E-TAYYIBA quotes the UN reference, so
/// that the two entries are one target.
fn folded_app() -> axum::Router {
    let uk_bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../interdict-lists/tests/fixtures/uk_conlist.csv"
    ))
    .expect("UK fixture");
    let un = interdict_lists::parse_bytes("un_sample.xml", SAMPLE).expect("sample parses");
    let uk = interdict_lists::parse_bytes("uk_conlist.csv", &uk_bytes).expect("UK fixture parses");
    let metas = vec![un.meta.clone(), uk.meta.clone()];
    let mut entities = un.entities;
    entities.extend(uk.entities);
    let snap = move || {
        Snapshot::new(
            interdict_match::Index::build(entities.clone()),
            metas.clone(),
        )
    };
    let first = snap();
    let loader: Loader = Arc::new(move || Ok(snap()));
    router(state(Config::default(), first, loader))
}

/// (id, datasets, referents) of the first result of a match for Lashkar-e-Tayyiba.
async fn first_lashkar(
    app: &axum::Router,
    uri: &str,
) -> Option<(String, Vec<String>, Vec<String>)> {
    let (status, v) = call(
        app,
        "POST",
        uri,
        &match_body("Lashkar-e-Tayyiba", "Organization"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{uri}: {v}");
    let r = v["responses"]["q1"]["results"].as_array()?.first()?.clone();
    let strings = |k: &str| -> Vec<String> {
        r[k].as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect()
    };
    Some((
        r["id"].as_str().unwrap().to_string(),
        strings("datasets"),
        strings("referents"),
    ))
}

#[tokio::test]
async fn entries_folded_across_lists_stay_found_in_their_own_list() {
    let app = folded_app();
    // The whole collection: the UN entry, with the UK entry as its referent.
    let (id, datasets, referents) = first_lashkar(&app, "/match/default").await.unwrap();
    assert!(id.starts_with("un-sc-"), "{id}");
    assert_eq!(datasets, ["un_sc_sanctions", "gb_hmt_sanctions"]);
    assert_eq!(referents, ["gb-hmt-7241"]);
    // The UK list alone, or everything but the UN's: the UK entry itself.
    for uri in [
        "/match/gb-hmt",
        "/match/default?exclude_dataset=un-sc",
        "/match/default?include_dataset=gb-hmt",
    ] {
        let (id, datasets, referents) = first_lashkar(&app, uri).await.unwrap();
        assert_eq!(id, "gb-hmt-7241", "{uri}");
        assert_eq!(datasets, ["gb_hmt_sanctions"], "{uri}");
        assert!(referents.is_empty(), "{uri}");
    }
    // OpenSanctions' dataset names stand for the same lists.
    let (id, _, _) = first_lashkar(&app, "/match/gb_hmt_sanctions")
        .await
        .unwrap();
    assert_eq!(id, "gb-hmt-7241");
    let (id, _, _) = first_lashkar(&app, "/match/default?include_dataset=un_sc_sanctions")
        .await
        .unwrap();
    assert!(id.starts_with("un-sc-"), "{id}");
    // A dataset name that is not loaded narrows to nothing rather than failing.
    assert!(first_lashkar(&app, "/match/default?include_dataset=eu_fsf")
        .await
        .is_none());
    // Search and fetch by id within its own list.
    let (status, v) = call(&app, "GET", "/search/gb-hmt?q=Lashkar-e-Tayyiba", "", None).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["results"][0]["id"], "gb-hmt-7241", "{v}");
    // By its FollowTheMoney id as served, and by interdict's own id.
    for id in ["gb-hmt-7241", "gb-hmt:7241"] {
        let (status, v) = call(&app, "GET", &format!("/entities/{id}"), "", None).await;
        assert_eq!(status, StatusCode::OK, "{v}");
        assert_eq!(v["datasets"], json!(["gb_hmt_sanctions"]), "{v}");
    }
}

#[tokio::test]
async fn total_counts_matches_and_weak_results_below_the_cutoff_are_dropped() {
    let app = app();
    let body = match_body("Hafiz Muhammad Saeed", "Person");
    let (_, v) = call(
        &app,
        "POST",
        "/match/default?cutoff=0.3&threshold=0.8",
        &body,
        None,
    )
    .await;
    let r = &v["responses"]["q1"];
    let results = r["results"].as_array().unwrap();
    let matches = results.iter().filter(|x| x["match"] == true).count();
    assert!(matches >= 1 && results.len() > matches, "{r}");
    assert_eq!(r["total"]["value"], matches, "{r}");
    // Nothing at or below min(cutoff, threshold) comes back.
    let (_, v) = call(
        &app,
        "POST",
        "/match/default?cutoff=0.95&threshold=0.7",
        &body,
        None,
    )
    .await;
    for x in v["responses"]["q1"]["results"].as_array().unwrap() {
        assert!(x["score"].as_f64().unwrap() > 0.7, "{x}");
    }
}

#[tokio::test]
async fn requests_yente_accepts_are_answered() {
    let app = app();
    let ok = |v: &Value| v["responses"]["q"]["status"] == 200;
    let first_id = |v: &Value| v["responses"]["q"]["results"][0]["id"].clone();
    // An entity the API returned, sent back as it came (caption, datasets, score, ...), with a
    // value that is no date: the other keys are ignored and the value is dropped.
    let (status, v) = call(
        &app,
        "POST",
        "/match/default",
        &match_body("Hafiz Muhammad Saeed", "Person"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let mut returned = v["responses"]["q1"]["results"][0].clone();
    returned["properties"]["birthDate"] = json!(["soon", "1950"]);
    let body = json!({"queries": {"q": returned}}).to_string();
    let (status, v) = call(
        &app,
        "POST",
        "/match/default?algorithm=Logic-V2",
        &body,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert!(ok(&v) && first_id(&v) == returned["id"], "{v}");
    // The algorithm asked for, in any case, is said to run as interdict's.
    assert_eq!(v["algorithm"]["requested"], "logic-v2", "{v}");
    assert_eq!(v["algorithm"]["used"], "interdict", "{v}");
    let (status, _) = call(&app, "POST", "/match/default?algorithm=OFAC", &body, None).await;
    assert_eq!(status, StatusCode::OK);
    // No name, but an identifier the list gives.
    let by_id = r#"{"queries": {"q": {"schema": "Person", "properties": {"idNumber": ["3520025509842-7"]}}}}"#;
    let (status, v) = call(&app, "POST", "/match/default", by_id, None).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert!(ok(&v) && first_id(&v).is_string(), "{v}");
    // Schemata the lists carry no entities of are valid queries that find nothing; a public
    // body is an organisation.
    for (schema, found) in [
        ("CryptoWallet", false),
        ("Address", false),
        ("PublicBody", true),
    ] {
        let body = json!({"queries": {"q": {"schema": schema, "properties": {"name": ["Lashkar-e-Tayyiba"]}}}}).to_string();
        let (status, v) = call(&app, "POST", "/match/default", &body, None).await;
        assert_eq!(status, StatusCode::OK, "{schema}: {v}");
        assert_eq!(first_id(&v).is_string(), found, "{schema}: {v}");
    }
}

#[tokio::test]
async fn search_browses_filters_and_counts_facets() {
    let app = folded_app();
    // An empty q browses every target of the scope once: the UK entry that quotes the UN
    // reference is folded into the UN's.
    let (status, all) = call(&app, "GET", "/search/default?limit=500", "", None).await;
    assert_eq!(status, StatusCode::OK, "{all}");
    let total = all["total"]["value"].as_u64().unwrap();
    let ids: Vec<&str> = all["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len() as u64, total);
    assert!(!ids.contains(&"gb-hmt:7241"), "{ids:?}");
    // Facets by default: countries, topics, datasets, with counts.
    for facet in ["countries", "topics", "datasets"] {
        assert!(
            !all["facets"][facet]["values"]
                .as_array()
                .unwrap()
                .is_empty(),
            "{facet}: {all}"
        );
    }
    let terror = all["facets"]["topics"]["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "crime.terror")
        .expect("crime.terror counted");
    // The topic filter keeps exactly what the facet counted; every entity is a sanction.
    let (_, t) = call(
        &app,
        "GET",
        "/search/default?topics=crime.terror&limit=500",
        "",
        None,
    )
    .await;
    assert_eq!(t["total"]["value"], terror["count"], "{t}");
    for r in t["results"].as_array().unwrap() {
        let topics = r["properties"]["topics"].as_array().unwrap();
        assert!(
            topics.contains(&json!("crime.terror")) && topics.contains(&json!("sanction")),
            "{r}"
        );
    }
    // Countries filter by code or name; the total does not move between pages.
    let (_, pk) = call(
        &app,
        "GET",
        "/search/default?countries=pk&limit=1",
        "",
        None,
    )
    .await;
    let (_, pk2) = call(
        &app,
        "GET",
        "/search/default?countries=Pakistan&limit=1&offset=1",
        "",
        None,
    )
    .await;
    assert!(pk["total"]["value"].as_u64().unwrap() >= 2, "{pk}");
    assert_eq!(pk["total"], pk2["total"]);
    assert_ne!(pk["results"][0]["id"], pk2["results"][0]["id"]);
    let (_, named) = call(&app, "GET", "/search/default?q=Saeed&limit=1", "", None).await;
    let (_, named2) = call(
        &app,
        "GET",
        "/search/default?q=Saeed&limit=1&offset=1",
        "",
        None,
    )
    .await;
    assert_eq!(named["total"], named2["total"], "{named} {named2}");
    // A country that is none is said so.
    let (status, v) = call(&app, "GET", "/search/default?countries=Atlantis", "", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    // Excluding a schema, and schemata the lists have no entities of.
    let (_, orgs) = call(
        &app,
        "GET",
        "/search/default?exclude_schema=Person&limit=500",
        "",
        None,
    )
    .await;
    for r in orgs["results"].as_array().unwrap() {
        assert_ne!(r["schema"], "Person", "{r}");
    }
    let (_, wallets) = call(&app, "GET", "/search/default?schema=CryptoWallet", "", None).await;
    assert_eq!(wallets["total"]["value"], 0, "{wallets}");
}

#[tokio::test]
async fn match_filters_by_topic_and_schema_and_checks_changed_since() {
    let app = app();
    let body = match_body("Hafiz Muhammad Saeed", "LegalEntity");
    let ids = |v: &Value| -> Vec<String> {
        v["responses"]["q1"]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, all) = call(&app, "POST", "/match/default", &body, None).await;
    assert!(!ids(&all).is_empty(), "{all}");
    let (_, terror) = call(
        &app,
        "POST",
        "/match/default?topics=crime.terror",
        &body,
        None,
    )
    .await;
    assert_eq!(
        ids(&terror),
        ids(&all),
        "the sample's matches are all under terrorism regimes"
    );
    let (_, none) = call(&app, "POST", "/match/default?topics=debarment", &body, None).await;
    assert!(ids(&none).is_empty(), "{none}");
    let (_, orgs) = call(
        &app,
        "POST",
        "/match/default?exclude_schema=Person",
        &body,
        None,
    )
    .await;
    for r in orgs["responses"]["q1"]["results"].as_array().unwrap() {
        assert_ne!(r["schema"], "Person", "{r}");
    }
    // Only entries changed since the date: the sample's entries were listed long ago.
    let (status, old) = call(
        &app,
        "POST",
        "/match/default?changed_since=2001-01-01",
        &body,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ids(&old), ids(&all), "{old}");
    let (_, future) = call(
        &app,
        "POST",
        "/match/default?changed_since=2099-01-01T00:00",
        &body,
        None,
    )
    .await;
    assert!(ids(&future).is_empty(), "{future}");
    let (_, v) = call(
        &app,
        "GET",
        "/search/default?changed_since=2099-01-01T00:00",
        "",
        None,
    )
    .await;
    assert_eq!(v["total"]["value"], 0, "{v}");
    let (_, v) = call(
        &app,
        "GET",
        "/search/default?q=Saeed&changed_since=2099-01-01",
        "",
        None,
    )
    .await;
    assert_eq!(v["total"]["value"], 0, "{v}");
    let (status, v) = call(
        &app,
        "POST",
        "/match/default?changed_since=yesterday",
        &body,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
}

#[tokio::test]
async fn the_query_echo_is_cleaned_and_long_urls_are_414() {
    let app = app();
    let body = json!({"queries": {"q": {"id": "mine", "schema": "Person", "properties": {
        "name": ["Hafiz Saeed"], "country": ["Pakistan", "Atlantis"],
        "birthDate": ["1950", "soon"], "banana": ["x"]}}}})
    .to_string();
    let (status, v) = call(&app, "POST", "/match/default", &body, None).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let echo = &v["responses"]["q"]["query"];
    assert_eq!(echo["id"], "mine", "{echo}");
    assert_eq!(echo["properties"]["country"], json!(["pk"]), "{echo}");
    assert_eq!(echo["properties"]["birthDate"], json!(["1950"]), "{echo}");
    assert!(echo["properties"].get("banana").is_none(), "{echo}");
    let long = format!("/search/default?q={}", "a".repeat(9000));
    let (status, v) = call(&app, "GET", &long, "", None).await;
    assert_eq!(status, StatusCode::URI_TOO_LONG, "{v}");
    assert!(detail(&v).contains("8192"), "{v}");
}

#[tokio::test]
async fn search_filters_by_property_combines_filters_and_sorts() {
    let app = folded_app();
    let total = |v: &Value| v["total"]["value"].as_u64().unwrap();
    let (_, any) = call(
        &app,
        "GET",
        "/search/default?countries=pk&countries=af",
        "",
        None,
    )
    .await;
    let (_, both) = call(
        &app,
        "GET",
        "/search/default?countries=pk&countries=af&filter_op=AND",
        "",
        None,
    )
    .await;
    assert!(total(&any) >= 4 && total(&both) == 0, "{any} {both}");
    let (_, kp) = call(
        &app,
        "GET",
        "/search/default?filter=properties.nationality:kp",
        "",
        None,
    )
    .await;
    assert_eq!(total(&kp), 1, "{kp}");
    assert_eq!(kp["results"][0]["properties"]["nationality"], json!(["kp"]));
    let (_, sorted) = call(
        &app,
        "GET",
        "/search/default?sort=caption:asc&limit=100",
        "",
        None,
    )
    .await;
    let captions: Vec<&str> = sorted["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["caption"].as_str().unwrap())
        .collect();
    let mut expected = captions.clone();
    expected.sort();
    assert_eq!(captions, expected);
    for bad in [
        "sort=banana:asc",
        "sort=caption:up",
        "filter_op=XOR",
        "filter=nocolon",
    ] {
        let (status, v) = call(&app, "GET", &format!("/search/default?{bad}"), "", None).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {v}");
    }
}

#[tokio::test]
async fn entities_nest_their_sanctions_and_page_them_as_adjacent() {
    let app = folded_app();
    let (status, lashkar) = call(&app, "GET", "/entities/un-sc:114076", "", None).await;
    assert_eq!(status, StatusCode::OK, "{lashkar}");
    let sanction = &lashkar["properties"]["sanctions"][0];
    assert_eq!(sanction["schema"], "Sanction", "{lashkar}");
    assert_eq!(sanction["properties"]["entity"], json!(["un-sc-114076"]));
    assert_eq!(sanction["properties"]["unscId"], json!(["QDe.118"]));
    assert_eq!(sanction["properties"]["program"], json!(["Al-Qaida"]));
    assert!(
        !sanction["id"].as_str().unwrap().contains(':'),
        "{sanction}"
    );
    let (_, flat) = call(&app, "GET", "/entities/un-sc:114076?nested=false", "", None).await;
    assert!(flat["properties"].get("sanctions").is_none(), "{flat}");
    let (_, adj) = call(
        &app,
        "GET",
        "/entities/un-sc:114076/adjacent?limit=0",
        "",
        None,
    )
    .await;
    assert_eq!(adj["entity"]["id"], "un-sc-114076");
    // The UN's listing and the UK's, which is folded into it.
    assert_eq!(adj["adjacent"]["sanctions"]["total"]["value"], 2, "{adj}");
    assert_eq!(adj["adjacent"]["sanctions"]["results"], json!([]), "{adj}");
    let (status, _) = call(
        &app,
        "GET",
        "/entities/un-sc:114076/adjacent/banana",
        "",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn browsers_may_call_and_answers_are_gzipped_with_the_batch_size() {
    let app = app();
    let request = |method: &str, accept_gzip: bool| {
        let mut r = Request::builder()
            .method(method)
            .uri("/search/default?q=Lashkar")
            .header("origin", "https://analysts.example.org");
        if method == "OPTIONS" {
            r = r
                .header("access-control-request-method", "GET")
                .header("access-control-request-headers", "authorization");
        }
        if accept_gzip {
            r = r.header("accept-encoding", "gzip");
        }
        r.body(Body::empty()).unwrap()
    };
    // Any origin by default, as yente; the preflight is answered.
    let response = app
        .clone()
        .oneshot(request("OPTIONS", false))
        .await
        .unwrap();
    assert!(response.status().is_success(), "{:?}", response.status());
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
    let response = app.clone().oneshot(request("GET", true)).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
    assert_eq!(response.headers()["content-encoding"], "gzip");
    assert_eq!(response.headers()["x-batch-size"], "100");
    // Configured origins only.
    let config = Config {
        cors_origins: vec!["https://analysts.example.org".into()],
        ..Config::default()
    };
    let only = app_with(config, Arc::new(AtomicUsize::new(0)));
    let response = only.clone().oneshot(request("GET", false)).await.unwrap();
    assert_eq!(
        response.headers()["access-control-allow-origin"],
        "https://analysts.example.org"
    );
    let other = Request::builder()
        .uri("/healthz")
        .header("origin", "https://elsewhere.example.com")
        .body(Body::empty())
        .unwrap();
    let response = only.oneshot(other).await.unwrap();
    assert!(response
        .headers()
        .get("access-control-allow-origin")
        .is_none());
}

#[tokio::test]
async fn the_catalog_names_its_lists_and_answers_304_when_unchanged() {
    let app = app();
    let get = |etag: Option<&str>| {
        let mut r = Request::builder().uri("/catalog");
        if let Some(t) = etag {
            r = r.header("if-none-match", t);
        }
        r.body(Body::empty()).unwrap()
    };
    let response = app.clone().oneshot(get(None)).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let etag = response.headers()["etag"].to_str().unwrap().to_string();
    assert!(etag.starts_with('"'), "{etag}");
    assert!(response.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("max-age"));
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let v: Value = serde_json::from_slice(&bytes).unwrap();
    let un = v["datasets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "un_sc_sanctions")
        .unwrap();
    assert_eq!(un["title"], "UN Security Council Consolidated List", "{un}");
    let response = app.clone().oneshot(get(Some(&etag))).await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_MODIFIED);
    let response = app.oneshot(get(Some("\"other\""))).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn features_list_every_contribution_and_algorithms_document_them() {
    let app = app();
    let body = json!({"queries": {"q": {"schema": "Person", "properties": {
        "name": ["Hafiz Mohamad Sayed"], "birthDate": ["1950-06-05"], "nationality": ["pk"]}}}})
    .to_string();
    let (_, v) = call(&app, "POST", "/match/default", &body, None).await;
    let top = &v["responses"]["q"]["results"][0];
    for feature in ["name_match", "dob", "country"] {
        assert!(top["features"][feature].is_number(), "{feature}: {top}");
        assert!(
            top["explanations"][feature]["detail"].is_string(),
            "{feature}: {top}"
        );
        // yente-client reads every explanation field as a string.
        for field in ["query", "candidate"] {
            let value = &top["explanations"][feature][field];
            assert!(
                value.is_null() || value.is_string(),
                "{feature}.{field}: {top}"
            );
        }
    }
    assert!(top["features"]["dob"].as_f64().unwrap() > 0.0, "{top}");
    let (_, algorithms) = call(&app, "GET", "/algorithms", "", None).await;
    let interdict = algorithms["algorithms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "interdict")
        .unwrap();
    for feature in ["name_match", "dob", "country", "identifier", "gender"] {
        assert!(
            interdict["docs"][feature]["description"].is_string(),
            "{feature}"
        );
    }
    assert_eq!(interdict["config"]["threshold"]["default"], 0.8);
}

#[tokio::test]
async fn updatez_reloads_and_the_manifest_lists_what_is_loaded() {
    let loads = Arc::new(AtomicUsize::new(0));
    let app = app_with(Config::default(), loads.clone());
    let (status, v) = call(&app, "POST", "/updatez?sync=true", "", None).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "ok");
    assert_eq!(loads.load(Ordering::SeqCst), 1);
    let (status, v) = call(&app, "GET", "/manifest", "", None).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert!(
        v["datasets"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["name"] == "un_sc_sanctions" && d["load"] == true),
        "{v}"
    );
}

#[tokio::test]
async fn the_search_page_draws_results_and_escapes_what_it_echoes() {
    let app = app();
    let (status, html) = call(&app, "GET", "/?name=Lashkar+e+Tayyiba", "", None).await;
    assert_eq!(status, StatusCode::OK);
    let html = html.as_str().unwrap();
    assert!(
        html.contains("QDe.118") && html.contains("same word"),
        "{html}"
    );
    let (_, html) = call(
        &app,
        "GET",
        "/?name=%3Cscript%3Ealert(1)%3C%2Fscript%3E+Saeed",
        "",
        None,
    )
    .await;
    let html = html.as_str().unwrap();
    assert!(!html.contains("<script"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    // Without monitoring, the queue says why it is empty; decisions need the page's token.
    let (status, html) = call(&app, "GET", "/ui/alerts", "", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.as_str().unwrap().contains("Monitoring is not enabled"));
    let (status, _) = call(&app, "POST", "/ui/alerts/1", "as=true-match", None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn with_api_keys_pages_ask_for_a_key_and_the_api_still_wants_one() {
    let config = Config {
        api_keys: vec!["k1".into()],
        ..Config::default()
    };
    let app = app_with(config, Arc::new(AtomicUsize::new(0)));
    let response = app
        .clone()
        .oneshot(Request::get("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/ui/login");
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let (status, _) = call(&app, "GET", "/search/default?q=x", "", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
