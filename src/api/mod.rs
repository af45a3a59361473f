//! The HTTP and GraphQL edge: calls the store and (later) the graph, never SQL.

mod audit_export;
pub mod auth;
pub mod client;
pub mod graphql;
pub mod http;
pub mod imports;
mod metrics;
mod oidc;
mod scim;
