//! Every request's real time limit: work is checked against its deadline between its steps
//! (each query of a batch, each piece of a text) and stops there, so that a request answered
//! 503 for taking too long does not go on using a worker.

use crate::error::ApiError;
use axum::http::StatusCode;
use std::time::{Duration, Instant};

/// When a request must be answered by.
#[derive(Debug, Clone, Copy)]
pub struct Deadline {
    at: Instant,
    limit: Duration,
}

impl Deadline {
    /// The deadline `limit` from now.
    pub fn after(limit: Duration) -> Self {
        Deadline {
            at: Instant::now() + limit,
            limit,
        }
    }

    /// No deadline (for tests and callers that bound the work themselves).
    pub fn none() -> Self {
        Self::after(Duration::from_secs(60 * 60 * 24 * 365))
    }

    /// The error to answer when the time is up.
    pub fn exceeded(&self) -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the request took longer than {} ms (--timeout-ms); send fewer queries or less \
                 text at a time",
                self.limit.as_millis()
            ),
        )
    }

    /// Fails once the time is up.
    pub fn check(&self) -> Result<(), ApiError> {
        if Instant::now() >= self.at {
            Err(self.exceeded())
        } else {
            Ok(())
        }
    }
}
