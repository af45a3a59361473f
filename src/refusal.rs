//! Why a workflow did not do what was asked: the one error type of the
//! workflow layer (`communities`, `harvest`, `people`, `imports`), mapped to
//! the API's codes in `error.rs`.

use crate::domain::Invalid;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// The input does not hold: shown to the user as-is.
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// No such record, or none the actor may see (the two look the same).
    #[error("{0} not found")]
    NotFound(String),
    /// The request is fine but the state of things forbids it now.
    #[error("{0}")]
    Conflict(String),
    /// The actor may not do this to this record.
    #[error("forbidden")]
    Forbidden,
    /// The actor may not do this, for a reason they can act on (e.g. a
    /// second person must approve what they asked for).
    #[error("{0}")]
    Denied(String),
    /// Too busy to do it now (the ranking's queue is full); trying again
    /// shortly may work.
    #[error("{0}")]
    Busy(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Refusal {
    pub fn invalid(msg: impl Into<String>) -> Self {
        Refusal::Invalid(Invalid::new(msg))
    }

    pub fn conflict(msg: impl Into<String>) -> Self {
        Refusal::Conflict(msg.into())
    }

    pub fn not_found(what: impl Into<String>) -> Self {
        Refusal::NotFound(what.into())
    }
}

impl From<crate::auth::Denied> for Refusal {
    fn from(_: crate::auth::Denied) -> Self {
        Refusal::Forbidden
    }
}

impl From<crate::rank::Refused> for Refusal {
    fn from(e: crate::rank::Refused) -> Self {
        if matches!(e, crate::rank::Refused::Failed) {
            tracing::error!("a ranking stopped unexpectedly");
        }
        Refusal::Busy(e.to_string())
    }
}
