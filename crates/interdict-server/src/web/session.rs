//! Who is looking at the analysts' pages: a session cookie (HttpOnly, SameSite=Strict) set on
//! the first visit, a form token derived from it that every POST must carry (CSRF), and, when
//! the server has API keys, the sessions that gave one on the login page.

use axum::http::{header, HeaderMap, HeaderValue};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::sync::Mutex;

/// The session cookie's name.
pub const COOKIE: &str = "interdict_session";

/// The sessions of the analysts' pages.
pub struct Sessions {
    /// Secret mixed into form tokens, new with every server start.
    secret: [u8; 32],
    /// Sessions that gave a valid API key.
    signed_in: Mutex<HashSet<String>>,
}

impl Default for Sessions {
    fn default() -> Self {
        Sessions {
            secret: random_bytes(),
            signed_in: Mutex::new(HashSet::new()),
        }
    }
}

/// 32 random bytes from the operating system.
fn random_bytes() -> [u8; 32] {
    let mut bytes = [0u8; 32];
    // Without a random source there is no safe session: refuse to run rather than guess.
    getrandom::getrandom(&mut bytes).expect("the operating system's random source");
    bytes
}

/// Lower-case hex.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Sessions {
    /// A new session id.
    pub fn new_id(&self) -> String {
        hex(&random_bytes())
    }

    /// The form token of a session: only pages served to that session carry it.
    pub fn token(&self, session: &str) -> String {
        let mut h = Sha256::new();
        h.update(self.secret);
        h.update(b"form");
        h.update(session.as_bytes());
        hex(&h.finalize())[..40].to_string()
    }

    /// Whether `token` is the session's form token (compared in constant time).
    pub fn token_holds(&self, session: &str, token: &str) -> bool {
        let want = self.token(session);
        want.len() == token.len()
            && want
                .bytes()
                .zip(token.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    }

    /// Marks a session as signed in.
    pub fn sign_in(&self, session: &str) {
        self.signed_in
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(session.to_string());
    }

    /// Whether a session signed in.
    pub fn is_signed_in(&self, session: &str) -> bool {
        self.signed_in
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains(session)
    }
}

/// The session id a request's cookie carries, if it looks like one.
pub fn session_of(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_string())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The `Set-Cookie` header that starts a session.
pub fn cookie(session: &str) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{COOKIE}={session}; Path=/; HttpOnly; SameSite=Strict"
    ))
    .expect("hex is a valid header value")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_belong_to_their_session() {
        let s = Sessions::default();
        let (a, b) = (s.new_id(), s.new_id());
        assert_ne!(a, b);
        assert!(s.token_holds(&a, &s.token(&a)));
        assert!(!s.token_holds(&b, &s.token(&a)));
        assert!(!s.token_holds(&a, ""));
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("x=1; {COOKIE}={a}")).unwrap(),
        );
        assert_eq!(session_of(&h).as_deref(), Some(a.as_str()));
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("interdict_session=<script>"),
        );
        assert_eq!(session_of(&h), None);
        assert!(!s.is_signed_in(&a));
        s.sign_in(&a);
        assert!(s.is_signed_in(&a));
    }
}
