//! The one error type at the API edge, with stable codes in `extensions.code`.
//!
//! It deliberately does not implement `Display`: async-graphql would otherwise
//! turn it into a bare message through its blanket conversion and lose the code.

use async_graphql::ErrorExtensions;
use axum::http::StatusCode;

use crate::domain::Invalid;
use crate::store::StoreError;

#[derive(Debug, Clone)]
pub enum ApiError {
    BadUserInput(String),
    NotFound(String),
    Conflict(String),
    Forbidden,
    /// Forbidden, with the reason the user may act on.
    ForbiddenBecause(String),
    Unauthenticated,
    /// The server is too busy to do this now; trying again later may work.
    TooBusy(String),
    /// The database cannot serve this now (unreachable, or its disk is
    /// full): HTTP 503, whatever was asked.
    Unavailable(String),
    /// Logged where it happens; the client sees only "internal error".
    Internal,
}

impl ApiError {
    pub fn bad_input(msg: impl Into<String>) -> Self {
        ApiError::BadUserInput(msg.into())
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::BadUserInput(_) => "BAD_USER_INPUT",
            ApiError::NotFound(_) => "NOT_FOUND",
            ApiError::Conflict(_) => "CONFLICT",
            ApiError::Forbidden | ApiError::ForbiddenBecause(_) => "FORBIDDEN",
            ApiError::Unauthenticated => "UNAUTHENTICATED",
            ApiError::TooBusy(_) => "TOO_BUSY",
            ApiError::Unavailable(_) => UNAVAILABLE,
            ApiError::Internal => "INTERNAL",
        }
    }

    pub fn message(&self) -> String {
        match self {
            ApiError::BadUserInput(m)
            | ApiError::Conflict(m)
            | ApiError::TooBusy(m)
            | ApiError::Unavailable(m)
            | ApiError::ForbiddenBecause(m) => m.clone(),
            ApiError::NotFound(m) => format!("{m} not found"),
            ApiError::Forbidden => "you are not allowed to do that".into(),
            ApiError::Unauthenticated => "sign in first".into(),
            ApiError::Internal => "internal error; it has been logged".into(),
        }
    }

    /// The HTTP status of a response that is only this error.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadUserInput(_) => StatusCode::BAD_REQUEST,
            ApiError::Forbidden | ApiError::ForbiddenBecause(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::TooBusy(_) | ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Unauthenticated => StatusCode::UNAUTHORIZED,
            ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// The code of [`ApiError::Unavailable`], also used where a credential
/// cannot be checked for the same reason.
pub const UNAVAILABLE: &str = "UNAVAILABLE";

impl From<ApiError> for async_graphql::Error {
    fn from(err: ApiError) -> Self {
        let code = err.code();
        async_graphql::Error::new(err.message()).extend_with(|_, ext| ext.set("code", code))
    }
}

impl From<crate::refusal::Refusal> for ApiError {
    fn from(r: crate::refusal::Refusal) -> Self {
        use crate::refusal::Refusal;
        match r {
            Refusal::NotFound(what) => ApiError::NotFound(what),
            Refusal::Conflict(why) => ApiError::Conflict(why),
            Refusal::Invalid(e) => e.into(),
            Refusal::Forbidden => ApiError::Forbidden,
            Refusal::Denied(why) => ApiError::ForbiddenBecause(why),
            Refusal::Busy(why) => ApiError::TooBusy(why),
            Refusal::Store(e) => e.into(),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        if let (Some(why), StoreError::Database(source)) = (err.unavailable(), &err) {
            tracing::warn!(error = %source, ?why, "database unavailable");
            return ApiError::Unavailable(why.message().into());
        }
        match err {
            StoreError::NotFound(what) => ApiError::NotFound(what),
            StoreError::Conflict(msg) => ApiError::Conflict(msg),
            StoreError::Invalid(msg) => ApiError::BadUserInput(msg),
            StoreError::MissingReference(what) => ApiError::NotFound(what),
            StoreError::Database(source) => {
                tracing::error!(error = %source, detail = ?source, "database error");
                ApiError::Internal
            }
        }
    }
}

impl From<crate::rank::Refused> for ApiError {
    fn from(err: crate::rank::Refused) -> Self {
        match err {
            crate::rank::Refused::Failed => {
                tracing::error!("a ranking stopped unexpectedly");
                ApiError::Internal
            }
            busy => ApiError::TooBusy(busy.to_string()),
        }
    }
}

impl From<Invalid> for ApiError {
    fn from(err: Invalid) -> Self {
        ApiError::BadUserInput(err.0)
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
