//! Community workflows: the rules of who joins a community and how, apart
//! from GraphQL and SQL. Resolvers parse input, check the caller's
//! permission and call these; they take the store, the clock and the
//! acting principal, and return domain values or a [`Refusal`].

pub mod membership;

use crate::store::StoreError;

/// Why a workflow did not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error("{0} not found")]
    NotFound(String),
    /// The request is fine but the state of things forbids it now.
    #[error("{0}")]
    Conflict(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}
