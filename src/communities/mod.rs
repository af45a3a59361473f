//! Community workflows: the rules of who joins a community and how, apart
//! from GraphQL and SQL. Resolvers parse input, check the caller's
//! permission and call these; they take the store, the clock and the
//! acting principal, and return domain values or a [`Refusal`].

pub mod health;
pub mod lifecycle;
pub mod membership;
pub mod suggestions;

pub use crate::refusal::Refusal;
