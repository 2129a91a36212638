//! Downloading a list from its official address: conditional requests (ETag,
//! Last-Modified), time limits, retries with backoff, and progress reports.

use std::io::Read;
use std::time::Duration;

/// Largest download accepted.
const MAX_DOWNLOAD: u64 = 1 << 30;

/// How a download may proceed.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Time to connect.
    pub connect_timeout: Duration,
    /// Time for the whole download.
    pub total_timeout: Duration,
    /// Attempts for errors that may pass (network errors, 5xx, 429).
    pub attempts: u32,
    /// Wait before the second attempt; doubled each time.
    pub backoff: Duration,
    /// `ETag` of the copy we have.
    pub etag: Option<String>,
    /// `Last-Modified` of the copy we have.
    pub last_modified: Option<String>,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            connect_timeout: Duration::from_secs(15),
            total_timeout: Duration::from_secs(300),
            attempts: 3,
            backoff: Duration::from_secs(2),
            etag: None,
            last_modified: None,
        }
    }
}

/// What a fetch brought.
#[derive(Debug, Clone, PartialEq)]
pub enum Fetched {
    /// The server says our copy is current (HTTP 304).
    NotModified,
    /// A new copy.
    Body {
        /// The bytes.
        bytes: Vec<u8>,
        /// Its `ETag`, if sent.
        etag: Option<String>,
        /// Its `Last-Modified`, if sent.
        last_modified: Option<String>,
    },
}

/// Why a fetch failed, with the address.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The network failed (no route, DNS, TLS, timeout) on every attempt.
    #[error("cannot reach {url}: {message} (after {attempts} attempt(s))")]
    Unreachable {
        /// The address.
        url: String,
        /// The last error.
        message: String,
        /// Attempts made.
        attempts: u32,
    },
    /// The server answered with an error status.
    #[error("{url}: the server answered HTTP {status}")]
    Status {
        /// The address.
        url: String,
        /// The status code.
        status: u16,
    },
    /// The answer was cut off or too large.
    #[error("{url}: download failed: {message}")]
    Body {
        /// The address.
        url: String,
        /// What went wrong.
        message: String,
    },
}

/// Downloads `url`. `progress` is called with (bytes so far, total if known).
pub fn fetch(
    url: &str,
    options: &FetchOptions,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<Fetched, FetchError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(options.connect_timeout))
        .timeout_global(Some(options.total_timeout))
        .http_status_as_error(false)
        .user_agent(concat!("interdict/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let attempts = options.attempts.max(1);
    let mut wait = options.backoff;
    let mut last_error = String::new();
    for attempt in 1..=attempts {
        let mut request = agent.get(url);
        if let Some(e) = &options.etag {
            request = request.header("If-None-Match", e);
        }
        if let Some(m) = &options.last_modified {
            request = request.header("If-Modified-Since", m);
        }
        match request.call() {
            Ok(mut response) => {
                let status = response.status().as_u16();
                if status == 304 {
                    return Ok(Fetched::NotModified);
                }
                if status == 429 || status >= 500 {
                    last_error = format!("HTTP {status}");
                } else if !(200..300).contains(&status) {
                    return Err(FetchError::Status {
                        url: url.to_string(),
                        status,
                    });
                } else {
                    let header = |name: &str| {
                        response
                            .headers()
                            .get(name)
                            .and_then(|v| v.to_str().ok())
                            .map(str::to_string)
                    };
                    let etag = header("etag");
                    let last_modified = header("last-modified");
                    let total = header("content-length").and_then(|l| l.parse::<u64>().ok());
                    let mut reader = response
                        .body_mut()
                        .with_config()
                        .limit(MAX_DOWNLOAD)
                        .reader();
                    let mut bytes = Vec::with_capacity(total.unwrap_or(1 << 20) as usize);
                    let mut buf = vec![0u8; 64 * 1024];
                    loop {
                        match reader.read(&mut buf) {
                            Ok(0) => break,
                            Ok(n) => {
                                bytes.extend_from_slice(&buf[..n]);
                                progress(bytes.len() as u64, total);
                            }
                            Err(e) => {
                                return Err(FetchError::Body {
                                    url: url.to_string(),
                                    message: e.to_string(),
                                });
                            }
                        }
                    }
                    if let Some(t) = total {
                        if bytes.len() as u64 != t {
                            return Err(FetchError::Body {
                                url: url.to_string(),
                                message: format!("received {} of {t} bytes", bytes.len()),
                            });
                        }
                    }
                    return Ok(Fetched::Body {
                        bytes,
                        etag,
                        last_modified,
                    });
                }
            }
            Err(e) => last_error = e.to_string(),
        }
        if attempt < attempts {
            std::thread::sleep(wait);
            wait *= 2;
        }
    }
    Err(FetchError::Unreachable {
        url: url.to_string(),
        message: last_error,
        attempts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::net::TcpListener;

    /// Serves the given raw HTTP responses, one per connection, on a local port.
    fn serve(responses: Vec<Vec<u8>>) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        std::thread::spawn(move || {
            for response in responses {
                let (mut stream, _) = listener.accept().unwrap();
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf);
                stream.write_all(&response).unwrap();
            }
        });
        format!("http://{addr}/list.xml")
    }

    fn quick() -> FetchOptions {
        FetchOptions {
            backoff: Duration::from_millis(10),
            connect_timeout: Duration::from_secs(2),
            total_timeout: Duration::from_secs(5),
            ..FetchOptions::default()
        }
    }

    #[test]
    fn downloads_with_progress_and_headers() {
        let url = serve(vec![b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nETag: \"v1\"\r\nConnection: close\r\n\r\nhello".to_vec()]);
        let mut seen = Vec::new();
        let got = fetch(&url, &quick(), &mut |n, t| seen.push((n, t))).unwrap();
        assert_eq!(
            got,
            Fetched::Body {
                bytes: b"hello".to_vec(),
                etag: Some("\"v1\"".into()),
                last_modified: None
            }
        );
        assert_eq!(seen.last(), Some(&(5, Some(5))));
    }

    #[test]
    fn not_modified_and_retry_after_server_error() {
        let url = serve(vec![
            b"HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n".to_vec(),
        ]);
        assert_eq!(
            fetch(&url, &quick(), &mut |_, _| {}).unwrap(),
            Fetched::NotModified
        );
        let url = serve(vec![
            b"HTTP/1.1 503 Busy\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
            b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".to_vec(),
        ]);
        assert!(matches!(
            fetch(&url, &quick(), &mut |_, _| {}).unwrap(),
            Fetched::Body { .. }
        ));
    }

    #[test]
    fn errors_name_the_address() {
        let url = serve(vec![
            b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
        ]);
        let e = fetch(&url, &quick(), &mut |_, _| {})
            .unwrap_err()
            .to_string();
        assert!(e.contains("list.xml") && e.contains("404"), "{e}");
        let url = serve(vec![
            b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\nConnection: close\r\n\r\nshort".to_vec(),
        ]);
        let e = fetch(&url, &quick(), &mut |_, _| {})
            .unwrap_err()
            .to_string();
        assert!(e.contains("download failed"), "{e}");
        // Nothing listens on this port.
        let closed = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap();
        let e = fetch(
            &format!("http://{closed}/x"),
            &FetchOptions {
                attempts: 2,
                ..quick()
            },
            &mut |_, _| {},
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("cannot reach") && e.contains("2 attempt"),
            "{e}"
        );
    }
}
