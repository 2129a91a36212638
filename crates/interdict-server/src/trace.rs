//! W3C trace context, as yente answers it: every answer carries a `traceparent` whose trace is
//! the caller's (when it sent a valid one) or a new one, with a span id of this server, and a
//! `tracestate` with the server's entry first (`interdict=<span>`) and the caller's after it.

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// The vendor key of this server's entry in `tracestate`.
const VENDOR: &str = "interdict";

/// Sets `traceparent` and `tracestate` on the answer to a request.
pub async fn trace_context(request: Request, next: Next) -> Response {
    let caller = caller_trace(request.headers());
    let mut response = next.run(request).await;
    let span = random_hex(16);
    let (trace, flags, state) = match caller {
        Some(c) => (c.trace, c.flags, c.state),
        None => (random_hex(32), "01".to_string(), None),
    };
    let mut tracestate = format!("{VENDOR}={span}");
    if let Some(state) = state {
        let others: Vec<&str> = state
            .split(',')
            .map(str::trim)
            .filter(|e| !e.is_empty() && !e.starts_with(&format!("{VENDOR}=")))
            .collect();
        if !others.is_empty() {
            tracestate = format!("{tracestate},{}", others.join(","));
        }
    }
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&format!("00-{trace}-{span}-{flags}")) {
        headers.insert("traceparent", v);
    }
    if let Ok(v) = HeaderValue::from_str(&tracestate) {
        headers.insert("tracestate", v);
    }
    response
}

/// The trace a caller sent.
struct CallerTrace {
    trace: String,
    flags: String,
    state: Option<String>,
}

/// The caller's `traceparent` (and `tracestate`), if the former is valid: version `00`, a
/// trace id and a parent id of hex digits that are not all zeros, flags.
fn caller_trace(headers: &HeaderMap) -> Option<CallerTrace> {
    let parent = headers.get("traceparent")?.to_str().ok()?.trim();
    let parts: Vec<&str> = parent.split('-').collect();
    let hex = |s: &str, len: usize| {
        s.len() == len
            && s.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    let [version, trace, parent_id, flags] = parts[..] else {
        return None;
    };
    let zero = |s: &str| s.bytes().all(|b| b == b'0');
    if version != "00"
        || !hex(trace, 32)
        || !hex(parent_id, 16)
        || !hex(flags, 2)
        || zero(trace)
        || zero(parent_id)
    {
        return None;
    }
    Some(CallerTrace {
        trace: trace.to_string(),
        flags: flags.to_string(),
        state: headers
            .get("tracestate")
            .and_then(|v| v.to_str().ok())
            .map(String::from),
    })
}

/// `len` random lower-case hex digits (not all zeros).
fn random_hex(len: usize) -> String {
    static KEYS: OnceLock<std::collections::hash_map::RandomState> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(1);
    let keys = KEYS.get_or_init(std::collections::hash_map::RandomState::new);
    let mut out = String::with_capacity(len);
    while out.len() < len {
        let mut h = keys.build_hasher();
        h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        out.push_str(&format!("{:016x}", h.finish() | 1));
    }
    out.truncate(len);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_valid_trace_parents_are_continued() {
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert("traceparent", HeaderValue::from_str(v).unwrap());
            caller_trace(&h).map(|c| c.trace)
        };
        let ok = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        assert_eq!(
            with(ok).as_deref(),
            Some("0af7651916cd43dd8448eb211c80319c")
        );
        for bad in [
            "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            "00-00000000000000000000000000000000-b7ad6b7169203331-01",
            "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01",
            "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01",
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331",
        ] {
            assert_eq!(with(bad), None, "{bad}");
        }
        let a = random_hex(16);
        assert_eq!(a.len(), 16);
        assert_ne!(a, random_hex(16));
    }
}
