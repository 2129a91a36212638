//! Errors as HTTP answers, shaped as yente (FastAPI) answers them: `{"detail": "..."}` naming
//! the problem, and for a request that does not validate (422) `{"detail": [{"type", "loc",
//! "msg", "input"}]}`, the list FastAPI gives, with where the problem is (`["query", "limit"]`,
//! `["body"]`).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// An error answer.
#[derive(Debug)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// What went wrong, for the caller.
    pub detail: String,
    /// Where, for a 422: `["query", name]`, `["body", ...]`, `["path", name]`.
    pub loc: Vec<String>,
}

impl ApiError {
    /// An answer with this status and message.
    pub fn new(status: StatusCode, detail: impl Into<String>) -> Self {
        ApiError {
            status,
            detail: detail.into(),
            loc: vec!["body".into()],
        }
    }

    /// 400: the request cannot be answered as asked (a bad algorithm, schema or batch).
    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, detail)
    }

    /// 422: the request body does not validate.
    pub fn invalid(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, detail)
    }

    /// 422: the query parameter `name` does not validate.
    pub fn invalid_param(name: &str, detail: impl Into<String>) -> Self {
        ApiError {
            loc: vec!["query".into(), name.into()],
            ..Self::invalid(format!("query parameter '{name}': {}", detail.into()))
        }
    }

    /// 404: no such thing.
    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, detail)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let detail = if self.status == StatusCode::UNPROCESSABLE_ENTITY {
            serde_json::json!([{
                "type": "value_error",
                "loc": self.loc,
                "msg": self.detail,
                "input": null,
            }])
        } else {
            serde_json::json!(self.detail)
        };
        (self.status, Json(serde_json::json!({ "detail": detail }))).into_response()
    }
}

/// Reads a JSON body into `T`; an empty body, malformed JSON or a body that does not fit `T`
/// (wrong types) is a 422, as FastAPI answers them, with serde's message (line and column).
pub fn parse_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::invalid(
            "the request body is empty; a JSON object is expected",
        ));
    }
    serde_json::from_slice(body).map_err(|e| {
        use serde_json::error::Category;
        match e.classify() {
            Category::Data => ApiError::invalid(format!("request body: {e}")),
            _ => ApiError::invalid(format!("request body is not valid JSON: {e}")),
        }
    })
}
