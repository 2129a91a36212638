//! The API's own description: one table of routes, from which `/openapi.json` and the HTML
//! reference page are both generated, so neither can drift from the other.

use serde_json::{json, Map, Value};

/// One documented route.
pub struct RouteDoc {
    /// HTTP method.
    pub method: &'static str,
    /// Path, with `{parameters}`.
    pub path: &'static str,
    /// What it does.
    pub summary: &'static str,
    /// Query parameters: (name, type, description).
    pub query: &'static [(&'static str, &'static str, &'static str)],
    /// Request body, if any: a short description of its JSON.
    pub body: Option<&'static str>,
    /// The JSON Schema of the body, where it has one.
    pub schema: Option<fn() -> Value>,
    /// What it answers.
    pub answers: &'static str,
}

const MATCH_PARAMS: &[(&str, &str, &str)] = &[
    (
        "threshold",
        "number",
        "score from which a result is a match (default 0.80)",
    ),
    (
        "cutoff",
        "number",
        "results scoring below this are left out (default 0.50)",
    ),
    (
        "limit",
        "integer",
        "most results per query (default 5, at most 500)",
    ),
    (
        "algorithm",
        "string",
        "any of yente's names (best, logic-v2, logic-v1, name-based, name-qualified, regression-v1, ofac) or interdict, in any case; interdict's matcher runs, and the answer's `algorithm` says so",
    ),
    (
        "include_dataset",
        "string",
        "only these datasets (repeatable; narrows the scope as in yente; a name that is no dataset here matches nothing)",
    ),
    (
        "exclude_dataset",
        "string",
        "not these datasets (repeatable)",
    ),
    (
        "exclude_entity_ids",
        "string",
        "leave these entities out (repeatable)",
    ),
    (
        "changed_since",
        "string",
        "only entries changed on or after this date (their latest listing or amendment date, else their list version's)",
    ),
    (
        "topics",
        "string",
        "only entities with these topics: sanction, crime.terror, debarment (repeatable)",
    ),
    (
        "exclude_schema",
        "string",
        "not entities of this schema (repeatable)",
    ),
];

/// Every route of the API.
pub const ROUTES: &[RouteDoc] = &[
    RouteDoc { method: "POST", path: "/match/{dataset}", summary: "Match up to the batch limit of entities by example (yente-compatible).", query: MATCH_PARAMS, body: Some("{\"queries\": {\"key\": {\"schema\": \"Person\", \"properties\": {\"name\": [\"...\"], \"birthDate\": [\"...\"], \"nationality\": [\"...\"], \"idNumber\": [\"...\"]}}}}"), schema: Some(match_body), answers: "{\"responses\": {\"key\": {\"status\": 200, \"results\": [scored entity], \"total\": {\"value\", \"relation\"}, \"query\"}}, \"limit\"}" },
    RouteDoc { method: "GET", path: "/search/{dataset}", summary: "Search entities by name (yente-compatible).", query: &[("q", "string", "the name; empty browses every entity of the scope"), ("schema", "string", "only this schema"), ("exclude_schema", "string", "not this schema (repeatable)"), ("countries", "string", "only entities linked to these countries (repeatable)"), ("topics", "string", "only entities with these topics: sanction, crime.terror, debarment (repeatable)"), ("datasets", "string", "only these datasets (repeatable)"), ("include_dataset", "string", "only these datasets (repeatable)"), ("exclude_dataset", "string", "not these datasets (repeatable)"), ("target", "boolean", "true: sanctions targets (every entity here); false: none"), ("changed_since", "string", "only entries changed on or after this date (their latest listing or amendment date, else their list version's)"), ("facets", "string", "facets to count: countries, topics, datasets (the default), schema (repeatable)"), ("filter", "string", "property:value, e.g. properties.birthDate:1950-06-05 (repeatable)"), ("filter_op", "string", "OR (default): one of each kind of filter holds; AND: every one"), ("sort", "string", "field:asc or field:desc (caption, id, schema, first_seen, last_seen, last_change)"), ("limit", "integer", "most results (default 10)"), ("offset", "integer", "skip this many")], body: None, schema: None, answers: "{\"results\": [entity], \"facets\": {\"countries\": {\"label\", \"values\": [{\"name\", \"label\", \"count\"}]}, ...}, \"total\": {\"value\", \"relation\"}, \"limit\", \"offset\"}" },
    RouteDoc { method: "GET", path: "/entities/{id}", summary: "One entity, with its Sanction entities nested (yente-compatible).", query: &[("nested", "boolean", "nest adjacent entities (default true)")], body: None, schema: None, answers: "entity" },
    RouteDoc { method: "GET", path: "/entities/{id}/adjacent", summary: "An entity and its adjacent entities by property, paged (yente-compatible).", query: &[("limit", "integer", "most per property (default 10)"), ("offset", "integer", "skip this many per property")], body: None, schema: None, answers: "{\"entity\", \"adjacent\": {\"sanctions\": {\"results\", \"total\", \"limit\", \"offset\"}}}" },
    RouteDoc { method: "GET", path: "/entities/{id}/adjacent/{prop}", summary: "One property's adjacent entities, paged (yente-compatible).", query: &[("limit", "integer", "most results (default 10)"), ("offset", "integer", "skip this many")], body: None, schema: None, answers: "{\"results\", \"total\", \"limit\", \"offset\"}" },
    RouteDoc { method: "GET", path: "/catalog", summary: "Datasets loaded, with versions (yente-compatible).", query: &[], body: None, schema: None, answers: "{\"datasets\": [...], \"current\": [...]}" },
    RouteDoc { method: "GET", path: "/algorithms", summary: "Matching algorithms (yente-compatible).", query: &[], body: None, schema: None, answers: "{\"algorithms\": [...], \"default\", \"best\"}" },
    RouteDoc { method: "GET", path: "/healthz", summary: "Liveness; needs no API key.", query: &[], body: None, schema: None, answers: "{\"status\": \"ok\"}" },
    RouteDoc { method: "GET", path: "/readyz", summary: "Readiness: lists are loaded.", query: &[], body: None, schema: None, answers: "{\"status\": \"ok\"}" },
    RouteDoc { method: "POST", path: "/v1/screen", summary: "Screen parties with the command line's result shape and full explanations.", query: &[], body: Some("{\"queries\": [{\"name\", \"schema\"?, \"dob\"?, \"country\"?, \"id\"?}], \"threshold\"?, \"limit\"?}"), schema: Some(screen_body), answers: "{\"responses\": [{\"query\", \"results\": [result]}]}" },
    RouteDoc { method: "POST", path: "/v1/scan", summary: "Find listed names in a text.", query: &[], body: Some("{\"text\": \"...\", \"min_score\"?}"), schema: Some(scan_body), answers: "{\"mentions\": [{\"start\", \"end\", \"text\", \"ref\", \"entity_id\", \"list\", \"caption\", \"matched_name\", \"score\", \"kind\", \"why\", \"also_listed\"}]}" },
    RouteDoc { method: "GET", path: "/v1/entities/{id}/network", summary: "An entry's links to other entries (leader, member, associate, front, successor, owner, family, unknown) walked to a depth, with the sentence each was read from; companies that designated parties own 50% or more of carry `ownership` (blocked by rule, with the chains). The id is the entity id or its list reference.", query: &[("depth", "integer", "links to follow from the entry (0..6, default 1)"), ("format", "string", "json (default) or dot (Graphviz)")], body: None, schema: None, answers: "{\"root\", \"depth\", \"nodes\": [{\"entity_id\", \"ref\", \"caption\", \"list\", \"schema\", \"designated\", \"depth\", \"ownership\"}], \"links\": [{\"from\", \"relation\", \"direction\", \"role\", \"entity_id\", \"ref\", \"caption\", \"list\", \"designated\", \"wording\", \"source_text\", \"share\", \"text\"}]}" },
    RouteDoc { method: "POST", path: "/v1/screen/payment", summary: "Screen one payment message field by field (ISO 20022 pacs.008, pacs.009, pacs.004, pain.001 with head.001; SWIFT MT103, MT202, MT202 COV): parties, agents' BICs, countries and remittance text. The message is the body as written (XML or MT) or `{\"message\": \"...\"}`.", query: &[("threshold", "number", "score from which a hit holds the message (0..1)"), ("min_score", "number", "hits below this are not reported (0..1; default: the threshold)")], body: Some("{\"message\": \"<Document>...</Document>\"}"), schema: Some(payment_body), answers: "{\"file\", \"message_id\", \"transaction_ids\", \"format\", \"decision\": \"hold|pass\", \"reasons\", \"hits\": [{\"field\", \"path\", \"text\", \"list\", \"ref\", \"entity_id\", \"caption\", \"score\", \"match\", \"explanation\"}]}" },
    RouteDoc { method: "GET", path: "/v1/lists", summary: "Lists loaded: name, version, format, entries, when loaded.", query: &[], body: None, schema: None, answers: "{\"lists\": [...], \"loaded_at\"}" },
    RouteDoc { method: "POST", path: "/updatez", summary: "Load the lists again (yente-compatible; the API key stands for yente's update token).", query: &[("sync", "boolean", "accepted; the reload always completes before the answer"), ("token", "string", "accepted; the API key, when set, authorises")], body: None, schema: None, answers: "{\"status\": \"ok\", \"lists\"}" },
    RouteDoc { method: "GET", path: "/manifest", summary: "The lists loaded, as yente's manifest describes its datasets.", query: &[], body: None, schema: None, answers: "{\"catalogs\": [], \"datasets\": [{\"name\", \"title\", \"version\", \"load\", \"entity_count\"}]}" },
    RouteDoc { method: "POST", path: "/v1/reload", summary: "Load the lists again and swap them in without dropping requests.", query: &[], body: None, schema: None, answers: "{\"status\": \"ok\", \"lists\"}" },
    RouteDoc { method: "PUT", path: "/v1/monitor/customers/{id}", summary: "Register one customer of the book under its id (added, or changed when its record differs), then screen it; answers with the alerts raised. Monitoring needs the lists imported into the data directory.", query: &[], body: Some("{\"name\", \"schema\"?, \"dob\"?, \"country\"?, \"id_number\"?, ...other fields kept}"), schema: Some(customer_body), answers: "{\"customer_id\", \"status\": \"added|changed|unchanged\", \"warnings\", \"alerts\": [alert], \"rescreen\"}" },
    RouteDoc { method: "DELETE", path: "/v1/monitor/customers/{id}", summary: "Remove a customer from the book; its live alerts close as closed-customer-removed.", query: &[], body: None, schema: None, answers: "{\"customer_id\", \"removed\": true, \"alerts_closed\"}" },
    RouteDoc { method: "POST", path: "/v1/monitor/customers", summary: "Register up to 10,000 customers at once, all or none, then screen what changed.", query: &[], body: Some("{\"customers\": [{\"id\", \"name\", ...}]}"), schema: Some(customers_body), answers: "{\"added\", \"changed\", \"unchanged\", \"warnings\", \"alerts\": [alert], \"rescreen\"}" },
    RouteDoc { method: "GET", path: "/v1/monitor/alerts", summary: "Alerts of the book, newest first; each with its listed entry's `links` as the lists loaded now give them.", query: &[("state", "string", "only in this state: open, escalated, true-match, false-positive, closed-delisted, closed-customer-removed"), ("customer", "string", "only of this customer"), ("list", "string", "only on this list"), ("limit", "integer", "most alerts (default 100, at most 1000)"), ("offset", "integer", "skip this many")], body: None, schema: None, answers: "{\"alerts\": [{\"alert_id\", \"customer_id\", \"state\", \"list\", \"list_version\", \"entity_id\", \"ref\", \"caption\", \"matched_name\", \"score\", \"explanation\", \"created_at\", \"updated_at\", \"decisions\", \"earlier\"?}], \"total\", \"limit\", \"offset\"}" },
    RouteDoc { method: "POST", path: "/v1/monitor/alerts/{id}/decision", summary: "Decide an alert (a closed one answers 409).", query: &[], body: Some("{\"as\": \"true-match|false-positive|escalated\", \"reason\", \"by\"}"), schema: Some(decision_body), answers: "alert" },
    RouteDoc { method: "GET", path: "/v1/monitor/status", summary: "The book at a glance: customers, alerts by state, the last rescreen, the list versions screened against.", query: &[], body: None, schema: None, answers: "{\"customers\", \"unscreened\", \"alerts\", \"last_rescreen\", \"lists\", \"threshold\", \"audit_entries\"}" },
    RouteDoc { method: "GET", path: "/v1/audit/verify", summary: "Check the audit chain of the book.", query: &[], body: None, schema: None, answers: "{\"ok\", \"entries\", \"problem\"?}" },
    RouteDoc { method: "GET", path: "/reconcile/{dataset}", summary: "W3C reconciliation: the service manifest, or answers to `queries`.", query: &[("queries", "string", "JSON object of reconciliation queries")], body: None, schema: None, answers: "manifest, or {\"q0\": {\"result\": [...]}}" },
    RouteDoc { method: "POST", path: "/reconcile/{dataset}", summary: "W3C reconciliation queries (form field or JSON body `queries`), or data extension (`extend`).", query: &[], body: Some("queries={...}"), schema: Some(reconcile_body), answers: "{\"q0\": {\"result\": [{\"id\", \"name\", \"score\", \"match\", \"type\"}]}}" },
    RouteDoc { method: "GET", path: "/reconcile/{dataset}/suggest/entity", summary: "W3C reconciliation: entities whose name has a word starting with what was typed.", query: &[("prefix", "string", "what was typed"), ("limit", "integer", "most suggestions (10)")], body: None, schema: None, answers: "{\"prefix\", \"result\": [{\"id\", \"name\", \"description\", \"type\"}]}" },
    RouteDoc { method: "GET", path: "/reconcile/{dataset}/suggest/type", summary: "W3C reconciliation: FollowTheMoney schemata of the dataset starting with what was typed.", query: &[("prefix", "string", "what was typed")], body: None, schema: None, answers: "{\"prefix\", \"result\": [{\"id\", \"name\", \"description\"}]}" },
    RouteDoc { method: "GET", path: "/reconcile/{dataset}/suggest/property", summary: "W3C reconciliation: properties (`Schema:property`) starting with what was typed.", query: &[("prefix", "string", "what was typed")], body: None, schema: None, answers: "{\"prefix\", \"result\": [{\"id\", \"name\", \"description\"}]}" },
    RouteDoc { method: "GET", path: "/reconcile/{dataset}/extend/property", summary: "W3C reconciliation: properties proposed for data extension of a type.", query: &[("type", "string", "a FollowTheMoney schema (Thing)"), ("limit", "integer", "most properties (0: all)")], body: None, schema: None, answers: "{\"type\", \"limit\", \"properties\": [{\"id\", \"name\"}]}" },
    RouteDoc { method: "GET", path: "/reconcile/{dataset}/preview", summary: "W3C reconciliation: an HTML preview of an entity.", query: &[("id", "string", "entity id")], body: None, schema: None, answers: "HTML" },
    RouteDoc { method: "GET", path: "/metrics", summary: "Prometheus metrics: requests, latencies, list versions.", query: &[], body: None, schema: None, answers: "text" },
    RouteDoc { method: "GET", path: "/openapi.json", summary: "This description as OpenAPI 3.", query: &[], body: None, schema: None, answers: "OpenAPI document" },
    RouteDoc { method: "GET", path: "/docs", summary: "This description as a web page.", query: &[], body: None, schema: None, answers: "HTML" },
];

/// The body of `POST /match`: entities by example, under the caller's keys.
fn match_body() -> Value {
    let values = json!({"oneOf": [
        {"type": "string"},
        {"type": "array", "items": {"type": "string"}},
    ]});
    json!({
        "type": "object",
        "required": ["queries"],
        "additionalProperties": false,
        "properties": {
            "queries": {
                "type": "object",
                "minProperties": 1,
                "additionalProperties": {
                    "type": "object",
                    "required": ["schema"],
                    "additionalProperties": false,
                    "properties": {
                        "id": {"type": "string"},
                        "schema": {"type": "string", "enum": ["Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane", "Thing"]},
                        "properties": {"type": "object", "additionalProperties": values},
                    },
                },
            },
            "weights": {"type": "object"},
            "config": {"type": "object"},
        },
    })
}

/// The body of `POST /v1/screen`.
fn screen_body() -> Value {
    json!({
        "type": "object",
        "required": ["queries"],
        "additionalProperties": false,
        "properties": {
            "queries": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["name"],
                    "additionalProperties": false,
                    "properties": {
                        "name": {"type": "string", "minLength": 1, "description": "full name, any script"},
                        "schema": {"type": "string", "enum": ["Person", "Organization", "Company", "LegalEntity", "Vessel", "Aircraft"]},
                        "dob": {"type": "string", "description": "date of birth or incorporation: 1950-06-05, 5 Jun 1950, 1950, c. 1950, 1948-1952"},
                        "country": {"type": "string", "description": "ISO 3166 code or country name"},
                        "id": {"type": "string", "description": "passport, national ID or registration number"},
                    },
                },
            },
            "threshold": {"type": "number", "minimum": 0, "maximum": 1},
            "limit": {"type": "integer", "minimum": 1, "maximum": 500},
        },
    })
}

/// The body of `POST /v1/scan`.
fn scan_body() -> Value {
    json!({
        "type": "object",
        "required": ["text"],
        "additionalProperties": false,
        "properties": {
            "text": {"type": "string"},
            "min_score": {"type": "number", "minimum": 0, "maximum": 1},
        },
    })
}

/// The body of `POST /v1/screen/payment` in its JSON form.
fn payment_body() -> Value {
    json!({
        "type": "object",
        "required": ["message"],
        "properties": {
            "message": {"type": "string", "description": "ISO 20022 XML or SWIFT MT text"},
        },
    })
}

/// A customer, as a line of a JSON Lines customer file.
fn customer_body() -> Value {
    json!({
        "type": "object",
        "minProperties": 1,
        "properties": {
            "id": {"type": "string", "description": "must be the id of the address, if given"},
            "name": {"type": "string", "minLength": 1, "description": "full name, any script"},
            "schema": {"type": "string", "enum": ["Person", "Organization", "Company", "LegalEntity", "Vessel", "Aircraft"]},
            "dob": {"type": "string", "description": "date of birth or incorporation"},
            "country": {"type": "string", "description": "ISO 3166 codes or country names, separated by ';'"},
            "id_number": {"type": "string", "description": "passport, national ID or registration number"},
        },
        "additionalProperties": {"type": ["string", "number", "boolean", "null"]},
    })
}

/// The body of `POST /v1/monitor/customers`.
fn customers_body() -> Value {
    let mut customer = customer_body();
    customer["required"] = json!(["id"]);
    json!({
        "type": "object",
        "required": ["customers"],
        "additionalProperties": false,
        "properties": {"customers": {"type": "array", "minItems": 1, "maxItems": 10000, "items": customer}},
    })
}

/// The body of `POST /v1/monitor/alerts/{id}/decision`.
fn decision_body() -> Value {
    json!({
        "type": "object",
        "required": ["as", "reason", "by"],
        "additionalProperties": false,
        "properties": {
            "as": {"type": "string", "enum": ["true-match", "false-positive", "escalated"]},
            "reason": {"type": "string", "minLength": 1},
            "by": {"type": "string", "minLength": 1},
        },
    })
}

/// The body of `POST /reconcile`, as JSON (OpenRefine sends the same as a form field).
fn reconcile_body() -> Value {
    json!({
        "type": "object",
        "required": ["queries"],
        "properties": {
            "queries": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "required": ["query"],
                    "properties": {
                        "query": {"type": "string"},
                        "type": {"type": "string"},
                        "limit": {"type": "integer", "minimum": 0},
                    },
                },
            },
        },
    })
}

/// The OpenAPI 3.1 document of [`ROUTES`].
pub fn openapi() -> Value {
    let mut paths = Map::new();
    for r in ROUTES {
        let mut params: Vec<Value> = r
            .path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|p| {
                let example = match p {
                    "dataset" => "default",
                    "id" if r.path.contains("/alerts/") => "1",
                    "id" if r.path.contains("/customers/") => "c-1001",
                    _ => "un-sc:6908048",
                };
                json!({"name": p, "in": "path", "required": true, "schema": {"type": "string"}, "example": example})
            })
            .collect();
        params.extend(r.query.iter().map(|(name, ty, doc)| {
            json!({"name": name, "in": "query", "required": false, "description": doc, "schema": {"type": ty}})
        }));
        let mut op = json!({
            "summary": r.summary,
            "parameters": params,
            "responses": {
                "200": {"description": r.answers},
                "4XX": {"description": "{\"detail\": \"what is wrong with the request\"}"},
                "422": {"description": "the request does not validate: {\"detail\": [{\"type\", \"loc\", \"msg\", \"input\"}]}, FastAPI's shape (loc: [\"query\", name] or [\"body\"])"},
            },
        });
        if r.path.starts_with("/v1/monitor") {
            op["responses"]["503"] = json!({"description": "{\"detail\": ...}: another process is changing the customer book, or the lists could not be loaded again"});
        }
        if let Some(body) = r.body {
            let schema = r.schema.map_or_else(|| json!({"type": "object"}), |f| f());
            op["requestBody"] = json!({"description": body, "required": true, "content": {"application/json": {"schema": schema}}});
            if op["responses"].get("503").is_none() {
                op["responses"]["503"] = json!({"description": "{\"detail\": ...}: the request took longer than the server's time limit"});
            }
        }
        let entry = paths.entry(r.path.to_string()).or_insert_with(|| json!({}));
        entry[r.method.to_ascii_lowercase()] = op;
    }
    json!({
        "openapi": "3.1.0",
        "info": {"title": "interdict", "version": env!("CARGO_PKG_VERSION"),
                 "description": "Sanctions screening: yente-compatible matching and search, native screening and scanning."},
        "components": {"securitySchemes": {"ApiKey": {"type": "apiKey", "in": "header", "name": "Authorization",
            "description": "`ApiKey KEY` or `Bearer KEY`, when the server was started with --api-key-file"}}},
        "paths": paths,
    })
}

/// The HTML reference page of [`ROUTES`].
pub fn html() -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut out = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>interdict API</title>\
         <style>body{font-family:sans-serif;max-width:60em;margin:2em auto}code{background:#eee}\
         td{vertical-align:top;padding:.2em .6em}</style></head><body><h1>interdict API</h1>\
         <p>Machine-readable: <a href=\"/openapi.json\">/openapi.json</a>. Errors answer \
         <code>{\"detail\": \"...\"}</code> with a 4xx status; a request that does not \
         validate answers 422 with FastAPI's list, <code>{\"detail\": [{\"type\", \"loc\", \"msg\", \
         \"input\"}]}</code>.</p>",
    );
    for r in ROUTES {
        out.push_str(&format!(
            "<h2><code>{} {}</code></h2><p>{}</p>",
            r.method,
            esc(r.path),
            esc(r.summary)
        ));
        if !r.query.is_empty() {
            out.push_str("<table>");
            for (n, t, d) in r.query {
                out.push_str(&format!(
                    "<tr><td><code>{n}</code></td><td>{t}</td><td>{}</td></tr>",
                    esc(d)
                ));
            }
            out.push_str("</table>");
        }
        if let Some(b) = r.body {
            out.push_str(&format!("<p>Body: <code>{}</code></p>", esc(b)));
        }
        out.push_str(&format!("<p>Answers: <code>{}</code></p>", esc(r.answers)));
    }
    out.push_str("</body></html>");
    out
}
