//! HTML building for the analysts' pages: every text from a list, a customer record or a
//! request goes through [`esc`], so a listed name such as `<script>` is shown, never run.

use serde_json::Value;
use std::fmt::Write;

/// Text escaped for HTML content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A JSON value as escaped text: strings as they are, lists joined by "; ", others as JSON.
pub fn esc_value(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => esc(s),
        Value::Array(items) => items.iter().map(esc_value).collect::<Vec<_>>().join("; "),
        other => esc(&other.to_string()),
    }
}

/// A query-string value, percent-encoded.
pub fn url(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The pages of the navigation bar: (path, label).
const NAV: &[(&str, &str)] = &[
    ("/", "Search"),
    ("/ui/alerts", "Alerts"),
    ("/ui/lists", "Lists"),
    ("/ui/audit", "Audit"),
];

/// A whole page: the navigation (with `current` marked), a title and the body.
pub fn page(title: &str, current: &str, body: &str) -> String {
    let mut nav = String::new();
    for (path, label) in NAV {
        let here = if *path == current {
            " aria-current=\"page\""
        } else {
            ""
        };
        let _ = write!(nav, "<a href=\"{path}\"{here}>{label}</a>");
    }
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · interdict</title><link rel=\"stylesheet\" href=\"/ui/app.css\"></head>\
         <body><header><strong class=\"brand\">interdict</strong><nav>{nav}</nav></header>\
         <main><h1>{title}</h1>{body}</main></body></html>",
        title = esc(title)
    )
}

/// A score as a percentage with its class (match or not), for a badge.
pub fn score_badge(score: f64, is_match: bool) -> String {
    let class = if is_match { "score match" } else { "score" };
    format!("<span class=\"{class}\">{:.0}%</span>", score * 100.0)
}

/// A screening explanation drawn: the query's words and the listed words side by side with
/// the rule that paired them, the unmatched words greyed, and what each attribute did to the
/// score.
pub fn explanation(e: &Value) -> String {
    let mut out = String::new();
    let name = &e["name"];
    let _ = write!(
        out,
        "<div class=\"explanation\"><p class=\"summary\">{}</p>\
         <p>Query <q>{}</q> against the {} <q>{}</q>: name score {:.2}</p>\
         <table class=\"pairs\"><thead><tr><th>Query word</th><th>Listed word</th><th>Rule</th><th>Similarity</th></tr></thead><tbody>",
        esc_value(&e["summary"]),
        esc_value(&name["query"]),
        esc_value(&name["kind"]),
        esc_value(&name["matched"]),
        name["score"].as_f64().unwrap_or(0.0),
    );
    for p in name["pairs"].as_array().into_iter().flatten() {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{:.2}</td></tr>",
            esc_value(&p["query"]),
            esc_value(&p["listed"]),
            esc_value(&p["rule"]),
            p["score"].as_f64().unwrap_or(0.0)
        );
    }
    for (side, key) in [("query", "unmatched_query"), ("listed", "unmatched_listed")] {
        for w in name[key].as_array().into_iter().flatten() {
            let (q, l) = if side == "query" {
                (esc_value(w), String::new())
            } else {
                (String::new(), esc_value(w))
            };
            let _ = write!(out, "<tr class=\"unmatched\"><td>{q}</td><td>{l}</td><td>no counterpart</td><td></td></tr>");
        }
    }
    out.push_str("</tbody></table>");
    if let Some(notes) = name["notes"].as_array().filter(|n| !n.is_empty()) {
        let _ = write!(
            out,
            "<p class=\"notes\">{}</p>",
            esc_value(&Value::Array(notes.clone()))
        );
    }
    let mut attributes = String::new();
    for (key, label) in [
        ("dob", "Date of birth"),
        ("country", "Country"),
        ("id", "Identifier"),
        ("gender", "Gender"),
    ] {
        let a = &e[key];
        if a.is_null() {
            continue;
        }
        let effect = a["effect"].as_f64().unwrap_or(0.0);
        let (sign, class) = match effect {
            x if x > 0.0 => ("+", "plus"),
            x if x < 0.0 => ("−", "minus"),
            _ => ("±", "even"),
        };
        let _ = write!(
            attributes,
            "<li class=\"{class}\"><strong>{label} {sign}</strong> {}: query {} · listed {} ({:+.2})</li>",
            esc_value(&a["outcome"]),
            esc_value(&a["query"]),
            esc_value(&a["listed"]),
            effect
        );
    }
    if !attributes.is_empty() {
        let _ = write!(out, "<ul class=\"attributes\">{attributes}</ul>");
    }
    out.push_str("</div>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn list_text_is_escaped_everywhere() {
        let evil = "<script>alert(1)</script>\"'&";
        assert_eq!(
            esc(evil),
            "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"
        );
        let e = json!({"summary": evil, "name": {"query": evil, "matched": evil, "kind": evil,
            "score": 0.9, "pairs": [{"query": evil, "listed": evil, "rule": evil, "score": 1.0}],
            "unmatched_query": [evil], "unmatched_listed": [evil]},
            "dob": {"query": [evil], "listed": [evil], "outcome": evil, "effect": 0.05}});
        let html = explanation(&e);
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!page(evil, "/", "").contains("<script"));
    }
}
