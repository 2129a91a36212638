//! The analysts' web pages, served at `/` and under `/ui/`: search with drawn explanations,
//! entities, the alert queue with decisions, the lists loaded and the audit trail. Rendered on
//! the server from the same functions the API uses; no script, one small stylesheet embedded
//! in the binary. Decisions are form POSTs carrying the session's token; with API keys, the
//! login page asks for one once and the session cookie remembers it.

pub mod history;
pub mod html;
pub mod session;

use crate::monitor_api;
use crate::native::{query_of, ScreenQuery};
use crate::params::Params;
use crate::state::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use html::{esc, esc_value, explanation, page, score_badge, url};
use interdict_match::report::ResultJson;
use interdict_match::{Index, Network};
use interdict_match::{SearchOptions, DEFAULT_THRESHOLD};
use interdict_model::{Entity, NameKind};
use serde_json::Value;
use std::fmt::Write;
use std::sync::Arc;

/// The stylesheet.
const CSS: &str = include_str!("app.css");

/// The routes of the pages.
pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/", get(search_page))
        .route("/ui/search", get(search_page))
        .route("/ui/entity/{id}", get(entity_page))
        .route("/ui/entity/{id}/history", get(entity_history_page))
        .route("/ui/alerts", get(alerts_page))
        .route("/ui/alerts/{id}", get(alert_page).post(decide))
        .route("/ui/lists", get(lists_page))
        .route("/ui/audit", get(audit_page))
        .route("/ui/login", get(login_page).post(login))
        .route(
            "/ui/app.css",
            get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], CSS) }),
        )
}

/// Whether a path is one of the pages (they check their own sessions, not API keys).
pub fn is_page(path: &str) -> bool {
    path == "/" || path.starts_with("/ui/")
}

/// One visit: the session (new or returning) and its form token.
struct Visit {
    session: String,
    new: bool,
    token: String,
}

impl Visit {
    /// The visit of a request; a redirect to the login page when the server has API keys and
    /// the session has not given one.
    fn of(s: &AppState, headers: &HeaderMap) -> Result<Visit, Box<Response>> {
        let (session, new) = match session::session_of(headers) {
            Some(id) => (id, false),
            None => (s.sessions.new_id(), true),
        };
        if !s.config.api_keys.is_empty() && !s.sessions.is_signed_in(&session) {
            let mut r = redirect("/ui/login");
            if new {
                r.headers_mut()
                    .insert(header::SET_COOKIE, session::cookie(&session));
            }
            return Err(Box::new(r));
        }
        let token = s.sessions.token(&session);
        Ok(Visit {
            session,
            new,
            token,
        })
    }

    /// A page answered to this visit (its cookie set when it is new).
    fn answer(&self, status: StatusCode, html: String) -> Response {
        let mut r = (
            status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html,
        )
            .into_response();
        let h = r.headers_mut();
        if self.new {
            h.insert(header::SET_COOKIE, session::cookie(&self.session));
        }
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'"),
        );
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        r
    }

    /// The hidden field carrying the form token.
    fn token_field(&self) -> String {
        format!(
            "<input type=\"hidden\" name=\"token\" value=\"{}\">",
            self.token
        )
    }
}

/// A page handler's visit, or the redirect to the login page.
impl axum::extract::FromRequestParts<Arc<AppState>> for Visit {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        s: &Arc<AppState>,
    ) -> Result<Self, Response> {
        Visit::of(s, &parts.headers).map_err(|r| *r)
    }
}

/// A 303 to `to`.
fn redirect(to: &str) -> Response {
    let mut r = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

/// A form's fields.
fn form(body: &[u8]) -> Params {
    Params::parse(Some(&String::from_utf8_lossy(body)))
}

/// `/`: the search form and, when a name is given, the results as the command line ranks them.
async fn search_page(
    State(s): State<Arc<AppState>>,
    visit: Visit,
    RawQuery(q): RawQuery,
) -> Response {
    let p = Params::parse(q.as_deref());
    let field = |k: &str| {
        p.get(k)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(String::from)
    };
    let asked = ScreenQuery {
        name: field("name").unwrap_or_default(),
        schema: field("schema"),
        dob: field("dob"),
        country: field("country"),
        id: field("id"),
    };
    let mut body = search_form(&asked);
    if !asked.name.is_empty() {
        body.push_str(&match query_of(0, &asked) {
            Err(e) => format!(
                "<p class=\"error\" role=\"alert\">{}</p>",
                esc(&e.detail.replace("queries[0].", ""))
            ),
            Ok(query) => {
                let snap = s.snapshot.load();
                let options = SearchOptions {
                    threshold: DEFAULT_THRESHOLD,
                    limit: 10,
                    ..SearchOptions::default()
                };
                let hits = snap.index.search(&query, &options);
                let results: Vec<Value> = hits
                    .iter()
                    .map(|h| serde_json::to_value(ResultJson::new(h)).unwrap_or(Value::Null))
                    .collect();
                search_results(&results)
            }
        });
    }
    visit.answer(StatusCode::OK, page("Search the lists", "/", &body))
}

/// The search form, filled with what was asked.
fn search_form(q: &ScreenQuery) -> String {
    let v = |x: &Option<String>| esc(x.as_deref().unwrap_or(""));
    let mut schemas = String::from("<option value=\"\">any</option>");
    for s in ["Person", "Organization", "Company", "Vessel", "Aircraft"] {
        let sel = if q.schema.as_deref() == Some(s) {
            " selected"
        } else {
            ""
        };
        let _ = write!(schemas, "<option{sel}>{s}</option>");
    }
    format!(
        "<form class=\"search\" method=\"get\" action=\"/\" role=\"search\">\
         <label>Name <input name=\"name\" value=\"{}\" autofocus required></label>\
         <label>Type <select name=\"schema\">{schemas}</select></label>\
         <label>Date of birth <input name=\"dob\" value=\"{}\" placeholder=\"1950-06-05\"></label>\
         <label>Country <input name=\"country\" value=\"{}\" placeholder=\"PK or Pakistan\"></label>\
         <label>ID number <input name=\"id\" value=\"{}\"></label>\
         <button type=\"submit\">Search</button></form>",
        esc(&q.name),
        v(&q.dob),
        v(&q.country),
        v(&q.id)
    )
}

/// Search results: each with its score, list and reference (other lists under it) and its
/// explanation drawn.
fn search_results(results: &[Value]) -> String {
    if results.is_empty() {
        return "<p class=\"empty\">No listed entity scores high enough for this name.</p>".into();
    }
    let mut out = String::from("<ol class=\"results\">");
    for r in results {
        let _ = write!(
            out,
            "<li class=\"result\"><h2>{} <a href=\"/ui/entity/{}\">{}</a></h2>\
             <p class=\"listed\">{} <strong>{}</strong> · {} · matched name <q>{}</q></p>",
            score_badge(
                r["score"].as_f64().unwrap_or(0.0),
                r["match"] == Value::Bool(true)
            ),
            url(r["entity_id"].as_str().unwrap_or("")),
            esc_value(&r["caption"]),
            esc_value(&r["list"]),
            esc_value(&r["ref"]),
            esc_value(&r["schema"]),
            esc_value(&r["matched_name"]),
        );
        if let Some(also) = r["also_listed"].as_array() {
            out.push_str("<ul class=\"also\">");
            for a in also {
                let _ = write!(
                    out,
                    "<li>also listed: {} <a href=\"/ui/entity/{}\">{}</a></li>",
                    esc_value(&a["list"]),
                    url(a["entity_id"].as_str().unwrap_or("")),
                    esc_value(&a["ref"])
                );
            }
            out.push_str("</ul>");
        }
        out.push_str(&explanation(&r["explanation"]));
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    out
}

/// `/ui/entity/{id}`: everything the list says about an entity.
async fn entity_page(
    State(s): State<Arc<AppState>>,
    visit: Visit,
    Path(id): Path<String>,
) -> Response {
    let snap = s.snapshot.load();
    let Some(e) = snap.entity(&id) else {
        let body = format!(
            "<p class=\"error\">No entity '{}' in the lists loaded.</p>",
            esc(&id)
        );
        return visit.answer(StatusCode::NOT_FOUND, page("Not found", "", &body));
    };
    let others = snap.folded_into(&id);
    // Its links, and theirs one step further, as an indented tree.
    let network = snap
        .position(&id)
        .map(|i| snap.index.network(i, LINK_TREE_DEPTH));
    let mut body = snap
        .position(&id)
        .map(|i| standing(&snap.index, i))
        .unwrap_or_default();
    body.push_str(&entity_body(e, &others, network.as_ref()));
    if s.monitor.is_some() {
        let _ = write!(
            body,
            "<p><a href=\"/ui/entity/{}/history\">History across the stored versions of {}</a></p>",
            url(&e.id),
            esc(&e.provenance.list)
        );
    }
    visit.answer(StatusCode::OK, page(&e.caption, "", &body))
}

/// `/ui/entity/{id}/history`: the stored versions of the entity's list that carry it, and
/// what changed in each.
async fn entity_history_page(
    State(s): State<Arc<AppState>>,
    visit: Visit,
    Path(id): Path<String>,
) -> Response {
    let snap = s.snapshot.load();
    let Some(e) = snap.entity(&id) else {
        let body = format!(
            "<p class=\"error\">No entity '{}' in the lists loaded.</p>",
            esc(&id)
        );
        return visit.answer(StatusCode::NOT_FOUND, page("Not found", "", &body));
    };
    let (title, list, native_id) = (e.caption.clone(), e.provenance.list.clone(), e.id.clone());
    let Some(dir) = s.monitor.as_ref().map(|m| m.place.data_dir.clone()) else {
        let body = "<p class=\"empty\">The server reads list files, not the data directory: there are no stored versions.</p>";
        return visit.answer(StatusCode::OK, page(&title, "", body));
    };
    let body =
        tokio::task::spawn_blocking(move || history::entity_history(&dir, &list, &native_id))
            .await
            .map_err(|e| e.to_string())
            .and_then(|r| r)
            .unwrap_or_else(|e| format!("<p class=\"error\">{}</p>", esc(&e)));
    visit.answer(
        StatusCode::OK,
        page(&format!("{title}: history"), "", &body),
    )
}

/// The body of an entity's page.
fn entity_body(e: &Entity, others: &[&Entity], network: Option<&Network<'_>>) -> String {
    let p = &e.provenance;
    let mut out = format!(
        "<p class=\"listed\">{} · <strong>{}</strong> {} · list version {}{}</p>",
        esc(e.schema.as_str()),
        esc(&p.list),
        esc(&p.reference),
        esc(&p.list_version),
        e.listed_on
            .map(|d| format!(" · listed on {d}"))
            .unwrap_or_default()
    );
    out.push_str("<h2>Names</h2><table class=\"facts\">");
    for (kind, label) in [
        (NameKind::Primary, "Name"),
        (NameKind::Alias, "Alias"),
        (NameKind::OriginalScript, "Original script"),
        (NameKind::WeakAlias, "Weak alias"),
        (NameKind::Former, "Former name"),
    ] {
        for n in e.names.iter().filter(|n| n.kind == kind) {
            let _ = write!(out, "<tr><th>{label}</th><td>{}</td></tr>", esc(&n.full));
        }
    }
    out.push_str("</table><h2>Details</h2><table class=\"facts\">");
    let rows: Vec<(&str, Vec<String>)> = vec![
        (
            "Date of birth",
            e.birth_dates.iter().map(|b| b.to_string()).collect(),
        ),
        (
            "Place of birth",
            e.birth_places.iter().map(|a| a.one_line()).collect(),
        ),
        (
            "Nationality",
            e.nationalities.iter().map(|c| c.text.clone()).collect(),
        ),
        (
            "Country",
            e.countries.iter().map(|c| c.text.clone()).collect(),
        ),
        (
            "Document",
            e.identifiers
                .iter()
                .map(|i| format!("{}: {}", i.label, i.number))
                .collect(),
        ),
        (
            "Address",
            e.addresses.iter().map(|a| a.one_line()).collect(),
        ),
        ("Title", e.titles.clone()),
        ("Position", e.positions.clone()),
        ("Programme", e.programmes.clone()),
        (
            "Last updated",
            e.last_updated.iter().map(|d| d.to_string()).collect(),
        ),
        ("Remarks", e.remarks.clone()),
    ];
    for (label, values) in rows {
        for v in values.iter().filter(|v| !v.trim().is_empty()) {
            let _ = write!(out, "<tr><th>{label}</th><td>{}</td></tr>", esc(v));
        }
    }
    for d in &e.details {
        let _ = write!(
            out,
            "<tr><th>{}</th><td>{}</td></tr>",
            esc(&d.label),
            esc(&d.value)
        );
    }
    out.push_str("</table>");
    if !others.is_empty() || !e.external_refs.is_empty() {
        out.push_str("<h2>Other lists</h2><ul>");
        for o in others {
            let _ = write!(
                out,
                "<li>{} <a href=\"/ui/entity/{}\">{}</a> (quotes this entry's reference)</li>",
                esc(&o.provenance.list),
                url(&o.id),
                esc(&o.provenance.reference)
            );
        }
        for r in &e.external_refs {
            let _ = write!(
                out,
                "<li>quotes {} {}</li>",
                esc(&r.list),
                esc(&r.reference)
            );
        }
        out.push_str("</ul>");
    }
    if let Some(n) = network.filter(|n| !n.links.is_empty()) {
        out.push_str("<h2>Linked entries</h2>");
        link_tree(n, 0, &mut out);
    }
    out
}

/// For an entry that is not designated itself: a warning saying so, and, for a company that
/// designated parties own half or more of, the block by ownership with its chains. Empty for a
/// designated entry.
fn standing(index: &Index, i: usize) -> String {
    if !index.entity(i).related_only {
        return String::new();
    }
    let Some(block) = index.ownership_block(i) else {
        return "<p class=\"warn\">Not designated itself: the list carries it for its links to \
                designated entries (below).</p>"
            .into();
    };
    let mut out = format!(
        "<p class=\"warn\">Blocked by ownership: designated parties hold {}% of it together{}.</p><ul class=\"chains\">",
        block.share,
        if block.over_half { " (more than half: the UK and EU rules apply too)" } else { "" }
    );
    for chain in &block.chains {
        let steps: Vec<String> = chain
            .iter()
            .map(|(e, share)| {
                format!(
                    "{share}% by <a href=\"/ui/entity/{}\">{}</a>",
                    url(&e.id),
                    esc(&e.caption)
                )
            })
            .collect();
        let _ = write!(out, "<li>{}</li>", steps.join(", which is owned "));
    }
    out.push_str("</ul>");
    out
}

/// How far the entity page follows links (its own, and theirs).
const LINK_TREE_DEPTH: usize = 2;

/// The links from node `from` of a network to entries one step further, as a nested list: the
/// role, the other entry (a link to its page when loaded), whether it is designated, and the
/// sentence the link was read from.
fn link_tree(n: &Network<'_>, from: usize, out: &mut String) {
    let depth = n.nodes[from].depth;
    out.push_str("<ul class=\"links\">");
    for (_, l) in n.links.iter().filter(|(f, _)| *f == from) {
        let child = l
            .entity
            .and_then(|e| n.nodes.iter().position(|x| std::ptr::eq(x.entity, e)));
        if child.is_some_and(|c| n.nodes[c].depth != depth + 1) {
            continue;
        }
        let reference = if l.reference.is_empty() {
            String::new()
        } else {
            format!(" {}", esc(l.reference))
        };
        let name = match l.entity {
            Some(x) => format!(
                "<a href=\"/ui/entity/{}\">{}</a>",
                url(&x.id),
                esc(&x.caption)
            ),
            None => format!(
                "{} <span class=\"muted\">(not in the lists loaded)</span>",
                esc(l.name)
            ),
        };
        let share = l.share.map(|s| format!(", {s}%")).unwrap_or_default();
        let standing = match l.entity {
            Some(x) if x.related_only => " <span class=\"muted\">not designated</span>",
            _ => "",
        };
        let _ = write!(
            out,
            "<li><span class=\"role\">{}</span> {name}{reference}{share}{standing}",
            esc(l.role())
        );
        if let Some(text) = l.source_text {
            let _ = write!(out, "<div class=\"source\">“{}”</div>", esc(text));
        }
        if let Some(c) = child {
            link_tree(n, c, out);
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
}

/// The message shown where monitoring is not enabled.
const NO_MONITOR: &str = "<p class=\"empty\">Monitoring is not enabled on this server: serve the lists imported \
    into the data directory (without --list and --sample) to keep a customer book and its alerts.</p>";

/// `/ui/alerts`: the queue, open alerts by default, highest score first, then oldest.
async fn alerts_page(
    State(s): State<Arc<AppState>>,
    visit: Visit,
    RawQuery(q): RawQuery,
) -> Response {
    let p = Params::parse(q.as_deref());
    let state = p.get("state").unwrap_or("open").to_string();
    let mut body = String::new();
    if let Some(decided) = p.get("decided") {
        let _ = write!(
            body,
            "<p class=\"notice\" role=\"status\">Alert {} decided; it has left the open queue.</p>",
            esc(decided)
        );
    }
    body.push_str(&queue_filter(&state, &p));
    if s.monitor.is_none() {
        body.push_str(NO_MONITOR);
        return visit.answer(StatusCode::OK, page("Alerts", "/ui/alerts", &body));
    }
    let mut ask = vec![("limit".to_string(), "1000".to_string())];
    if state != "all" {
        ask.push(("state".into(), state.clone()));
    }
    for key in ["list", "customer"] {
        if let Some(v) = p.get(key).filter(|v| !v.is_empty()) {
            ask.push((key.into(), v.into()));
        }
    }
    match monitor_api::get_alerts(&s, Params::default().with(&ask)).await {
        Err(e) => {
            let _ = write!(body, "<p class=\"error\">{}</p>", esc(&e.detail));
        }
        Ok(v) => body.push_str(&alert_table(
            v["alerts"].as_array().cloned().unwrap_or_default(),
        )),
    }
    visit.answer(StatusCode::OK, page("Alerts", "/ui/alerts", &body))
}

/// The queue's filter form.
fn queue_filter(state: &str, p: &Params) -> String {
    let mut options = String::new();
    for s in [
        "open",
        "escalated",
        "true-match",
        "false-positive",
        "closed-delisted",
        "closed-customer-removed",
        "all",
    ] {
        let sel = if s == state { " selected" } else { "" };
        let _ = write!(options, "<option{sel}>{s}</option>");
    }
    format!(
        "<form class=\"filters\" method=\"get\" action=\"/ui/alerts\"><label>State <select name=\"state\">{options}</select></label>\
         <label>List <input name=\"list\" value=\"{}\"></label><label>Customer <input name=\"customer\" value=\"{}\"></label>\
         <button type=\"submit\">Filter</button></form>",
        esc(p.get("list").unwrap_or("")),
        esc(p.get("customer").unwrap_or(""))
    )
}

/// Alerts as a table, highest score first, then oldest.
fn alert_table(mut alerts: Vec<Value>) -> String {
    if alerts.is_empty() {
        return "<p class=\"empty\">No alerts here.</p>".into();
    }
    alerts.sort_by(|a, b| {
        let score = |x: &Value| x["score"].as_f64().unwrap_or(0.0);
        score(b)
            .total_cmp(&score(a))
            .then_with(|| a["created_at"].as_str().cmp(&b["created_at"].as_str()))
    });
    let mut out = String::from(
        "<table class=\"queue\"><thead><tr><th>Alert</th><th>Score</th><th>Customer</th><th>Listed entity</th><th>List</th><th>State</th><th>Raised</th></tr></thead><tbody>",
    );
    for a in &alerts {
        let id = a["alert_id"].as_i64().unwrap_or(0);
        let _ = write!(
            out,
            "<tr><td><a href=\"/ui/alerts/{id}\">#{id}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td></tr>",
            score_badge(a["score"].as_f64().unwrap_or(0.0), true),
            esc_value(&a["customer_id"]),
            esc_value(&a["caption"]),
            esc_value(&a["list"]),
            esc_value(&a["ref"]),
            esc_value(&a["state"]),
            esc_value(&a["created_at"]),
        );
    }
    out.push_str("</tbody></table>");
    out
}

/// `/ui/alerts/{id}`: the customer beside the listed entity, the explanation, the decisions
/// and the form to decide.
async fn alert_page(
    State(s): State<Arc<AppState>>,
    visit: Visit,
    Path(id): Path<String>,
) -> Response {
    alert_answer(&s, &visit, &id, None).await
}

/// An alert's page, with an error above the form when a decision was refused.
async fn alert_answer(s: &Arc<AppState>, visit: &Visit, id: &str, error: Option<&str>) -> Response {
    if s.monitor.is_none() {
        return visit.answer(
            StatusCode::NOT_FOUND,
            page("Alert", "/ui/alerts", NO_MONITOR),
        );
    }
    let Ok(n) = id.parse::<i64>() else {
        return visit.answer(
            StatusCode::NOT_FOUND,
            page(
                "Alert",
                "/ui/alerts",
                "<p class=\"error\">Alert ids are numbers.</p>",
            ),
        );
    };
    let v = match monitor_api::get_alert(s, n).await {
        Ok(v) if !v["alert"].is_null() => v,
        Ok(_) => {
            return visit.answer(
                StatusCode::NOT_FOUND,
                page(
                    "Alert",
                    "/ui/alerts",
                    "<p class=\"error\">No such alert.</p>",
                ),
            )
        }
        Err(e) => {
            return visit.answer(
                e.status,
                page(
                    "Alert",
                    "/ui/alerts",
                    &format!("<p class=\"error\">{}</p>", esc(&e.detail)),
                ),
            )
        }
    };
    let (a, c) = (&v["alert"], &v["customer"]);
    let mut body = format!(
        "<p class=\"listed\">State <strong>{}</strong> · raised {} · {}</p><div class=\"side-by-side\">\
         <section><h2>Customer {}</h2>{}</section><section><h2>Listed: <a href=\"/ui/entity/{}\">{}</a></h2>\
         <p>{} <strong>{}</strong> · list version {} · matched name <q>{}</q></p><p>{}</p></section></div>",
        esc_value(&a["state"]),
        esc_value(&a["created_at"]),
        score_badge(a["score"].as_f64().unwrap_or(0.0), true),
        esc_value(&a["customer_id"]),
        customer_facts(c),
        url(a["entity_id"].as_str().unwrap_or("")),
        esc_value(&a["caption"]),
        esc_value(&a["list"]),
        esc_value(&a["ref"]),
        esc_value(&a["list_version"]),
        esc_value(&a["matched_name"]),
        format_args!("<a href=\"/ui/audit?alert={n}\">Audit trail of this alert</a>"),
    );
    body.push_str(&explanation(&a["explanation"]));
    // What the listed entry is linked to, and whether it is designated itself.
    let snap = s.snapshot.load();
    if let Some(i) = a["entity_id"].as_str().and_then(|id| snap.position(id)) {
        body.push_str(&standing(&snap.index, i));
        let network = snap.index.network(i, 1);
        if !network.links.is_empty() {
            body.push_str("<h2>Linked entries</h2>");
            link_tree(&network, 0, &mut body);
        }
    }
    body.push_str("<h2>Decisions</h2>");
    body.push_str(&decisions(a));
    if let Some(e) = error {
        let _ = write!(body, "<p class=\"error\" role=\"alert\">{}</p>", esc(e));
    }
    let _ = write!(
        body,
        "<form class=\"decide\" method=\"post\" action=\"/ui/alerts/{n}\">{}<fieldset><legend>Decide</legend>\
         <label><input type=\"radio\" name=\"as\" value=\"true-match\" required> True match</label>\
         <label><input type=\"radio\" name=\"as\" value=\"false-positive\"> False positive</label>\
         <label><input type=\"radio\" name=\"as\" value=\"escalated\"> Escalate</label></fieldset>\
         <label>Reason <textarea name=\"reason\" required minlength=\"3\" rows=\"3\"></textarea></label>\
         <label>Decided by <input name=\"by\" required></label><button type=\"submit\">Record decision</button></form>",
        visit.token_field()
    );
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    visit.answer(status, page(&format!("Alert #{n}"), "/ui/alerts", &body))
}

/// A customer record as a table.
fn customer_facts(c: &Value) -> String {
    if c.is_null() {
        return "<p class=\"empty\">The customer is no longer in the book.</p>".into();
    }
    let q = &c["query"];
    let mut out = String::from("<table class=\"facts\">");
    for (label, v) in [
        ("Name", &q["name"]),
        ("Type", &q["schema"]),
        ("Date of birth", &q["birth_dates"]),
        ("Country", &q["countries"]),
        ("Identifiers", &q["identifiers"]),
        ("Gender", &q["gender"]),
    ] {
        let text = match v {
            Value::Array(items) => items
                .iter()
                .map(|i| match i {
                    Value::String(s) => s.clone(),
                    Value::Object(o) => o
                        .get("value")
                        .map(|x| x.to_string())
                        .unwrap_or_else(|| i.to_string()),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join("; "),
            Value::String(s) => s.clone(),
            Value::Null => continue,
            other => other.to_string(),
        };
        if !text.is_empty() {
            let _ = write!(out, "<tr><th>{label}</th><td>{}</td></tr>", esc(&text));
        }
    }
    for (k, v) in c["fields"].as_object().into_iter().flatten() {
        let _ = write!(out, "<tr><th>{}</th><td>{}</td></tr>", esc(k), esc_value(v));
    }
    out.push_str("</table>");
    out
}

/// The decisions of an alert (and of the one it re-raises), oldest first.
fn decisions(a: &Value) -> String {
    let mut out = String::from("<ol class=\"decisions\">");
    let mut any = false;
    for (d, earlier) in a["decisions"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| (d, false))
        .chain(
            a["earlier"]["decisions"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|d| (d, true)),
        )
    {
        any = true;
        let _ = write!(
            out,
            "<li><strong>{}</strong> by {} at {}{}: {}</li>",
            esc_value(&d["as"]),
            esc_value(&d["by"]),
            esc_value(&d["at"]),
            if earlier {
                " (on the earlier alert of this pair)"
            } else {
                ""
            },
            esc_value(&d["reason"])
        );
    }
    out.push_str("</ol>");
    if any {
        out
    } else {
        "<p class=\"empty\">No decision yet.</p>".into()
    }
}

/// `POST /ui/alerts/{id}`: records a decision (the form's token must be the session's), then
/// returns to the queue.
async fn decide(
    State(s): State<Arc<AppState>>,
    visit: Visit,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    let f = form(&body);
    if visit.new
        || !s
            .sessions
            .token_holds(&visit.session, f.get("token").unwrap_or(""))
    {
        return visit.answer(StatusCode::FORBIDDEN, page("Refused", "/ui/alerts", "<p class=\"error\">This form did not come from this session's page: open the alert again and decide there.</p>"));
    }
    let (decided_as, reason, by) = (
        f.get("as").unwrap_or(""),
        f.get("reason").unwrap_or("").trim(),
        f.get("by").unwrap_or("").trim(),
    );
    if reason.is_empty() || by.is_empty() || decided_as.is_empty() {
        return alert_answer(
            &s,
            &visit,
            &id,
            Some("A decision needs what the alert is, a reason and who decides."),
        )
        .await;
    }
    let json = serde_json::json!({"as": decided_as, "reason": reason, "by": by}).to_string();
    match monitor_api::decide(&s, id.clone(), json.as_bytes()).await {
        Ok(_) => redirect(&format!("/ui/alerts?decided={}", url(&id))),
        Err(e) => alert_answer(&s, &visit, &id, Some(&e.detail)).await,
    }
}

/// `/ui/lists`: the lists loaded, their versions, ages and entry counts, with a warning when
/// one is older than its publication cycle.
async fn lists_page(State(s): State<Arc<AppState>>, visit: Visit) -> Response {
    let snap = s.snapshot.load();
    let today = interdict_lists::registry::today();
    let mut body = String::from("<table class=\"queue\"><thead><tr><th>List</th><th>Source</th><th>Version</th><th>Published</th><th>Age</th><th>Entries</th><th>Status</th></tr></thead><tbody>");
    for l in &snap.lists {
        let age = interdict_lists::registry::age_days(&l.version, l.published.as_deref(), today);
        let stale = interdict_lists::registry::staleness(
            &l.list,
            &l.version,
            l.published.as_deref(),
            today,
        );
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&l.list),
            esc(&crate::yente::list_title(&l.list)),
            esc(&l.version),
            esc(l.published.as_deref().unwrap_or("")),
            age.map(|d| format!("{d} days")).unwrap_or_default(),
            snap.count(&l.list),
            match stale { Some(w) => format!("<span class=\"warn\">{}</span>", esc(&w)), None => "current".into() },
        );
    }
    body.push_str("</tbody></table>");
    if snap.sample {
        body.push_str("<p class=\"warn\">This is the built-in sample, for a first look only: load real lists to screen.</p>");
    }
    if let Some(dir) = s.monitor.as_ref().map(|m| m.place.data_dir.clone()) {
        body.push_str("<h2>Last change of each list</h2>");
        body.push_str(
            &tokio::task::spawn_blocking(move || history::last_changes(&dir))
                .await
                .map_err(|e| e.to_string())
                .and_then(|r| r)
                .unwrap_or_else(|e| format!("<p class=\"error\">{}</p>", esc(&e))),
        );
    }
    visit.answer(StatusCode::OK, page("Lists", "/ui/lists", &body))
}

/// `/ui/audit`: the chain's status and its entries, for one alert or customer when asked.
async fn audit_page(
    State(s): State<Arc<AppState>>,
    visit: Visit,
    RawQuery(q): RawQuery,
) -> Response {
    let p = Params::parse(q.as_deref());
    let alert = p.get("alert").and_then(|a| a.trim().parse::<i64>().ok());
    let customer = p
        .get("customer")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(String::from);
    let mut body = format!(
        "<form class=\"filters\" method=\"get\" action=\"/ui/audit\"><label>Alert <input name=\"alert\" value=\"{}\" inputmode=\"numeric\"></label>\
         <label>Customer <input name=\"customer\" value=\"{}\"></label><button type=\"submit\">Show</button></form>",
        alert.map(|a| a.to_string()).unwrap_or_default(),
        esc(customer.as_deref().unwrap_or(""))
    );
    if s.monitor.is_none() {
        body.push_str(NO_MONITOR);
        return visit.answer(StatusCode::OK, page("Audit", "/ui/audit", &body));
    }
    match monitor_api::audit_entries(&s, alert, customer, 500).await {
        Err(e) => {
            let _ = write!(body, "<p class=\"error\">{}</p>", esc(&e.detail));
        }
        Ok(v) => {
            let chain = &v["chain"];
            let _ = if chain["ok"] == Value::Bool(true) {
                write!(
                    body,
                    "<p class=\"notice\">The audit chain is whole: {} entries checked.</p>",
                    chain["entries"]
                )
            } else {
                write!(
                    body,
                    "<p class=\"error\" role=\"alert\">The audit chain is broken: {}</p>",
                    esc_value(&chain["problem"])
                )
            };
            body.push_str("<table class=\"queue\"><thead><tr><th>#</th><th>When</th><th>What</th><th>Details</th></tr></thead><tbody>");
            for e in v["entries"].as_array().into_iter().flatten() {
                let _ = write!(
                    body,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
                    e["seq"],
                    esc_value(&e["at"]),
                    esc_value(&e["kind"]),
                    esc(&e["payload"].to_string())
                );
            }
            body.push_str("</tbody></table>");
        }
    }
    visit.answer(StatusCode::OK, page("Audit", "/ui/audit", &body))
}

/// `/ui/login`: asks for an API key (only where the server has keys).
async fn login_page(State(s): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    login_answer(&s, &headers, None)
}

/// The login page, with an error when a key was refused.
fn login_answer(s: &AppState, headers: &HeaderMap, error: Option<&str>) -> Response {
    let (session, new) = match session::session_of(headers) {
        Some(id) => (id, false),
        None => (s.sessions.new_id(), true),
    };
    let visit = Visit {
        token: s.sessions.token(&session),
        session,
        new,
    };
    let mut body = String::new();
    if let Some(e) = error {
        let _ = write!(body, "<p class=\"error\" role=\"alert\">{}</p>", esc(e));
    }
    let _ = write!(
        body,
        "<form class=\"decide\" method=\"post\" action=\"/ui/login\">{}<label>API key <input type=\"password\" name=\"key\" required autofocus autocomplete=\"current-password\"></label>\
         <button type=\"submit\">Sign in</button></form>",
        visit.token_field()
    );
    let status = if error.is_some() {
        StatusCode::UNAUTHORIZED
    } else {
        StatusCode::OK
    };
    visit.answer(status, page("Sign in", "", &body))
}

/// `POST /ui/login`: a valid key signs the session in.
async fn login(
    State(s): State<Arc<AppState>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let f = form(&body);
    let Some(session) = session::session_of(&headers) else {
        return login_answer(
            &s,
            &headers,
            Some("Your browser did not keep the session cookie; allow cookies for this site."),
        );
    };
    if !s
        .sessions
        .token_holds(&session, f.get("token").unwrap_or(""))
    {
        return login_answer(
            &s,
            &headers,
            Some("This form did not come from this session's page."),
        );
    }
    let key = f.get("key").unwrap_or("").trim();
    if s.config.api_keys.is_empty() || s.config.api_keys.iter().any(|k| k == key) {
        s.sessions.sign_in(&session);
        return redirect("/");
    }
    login_answer(&s, &headers, Some("That API key is not valid."))
}
