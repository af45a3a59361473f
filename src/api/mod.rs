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

/// After a committed write, before answering: sign-in forgets checked
/// credentials (a write may revoke a token, change a role or make someone
/// LEFT) and the graph and text index catch up, so the writer's next search
/// sees the write. A graph that fails to catch up now is logged: the
/// follower catches up shortly.
pub(crate) async fn after_write(
    auth: Option<&crate::auth::Authenticator>,
    engine: &crate::rank::Engine,
) {
    if let Some(auth) = auth {
        auth.forget();
    }
    if let Err(e) = engine.sync().await {
        tracing::warn!(error = %e, "graph update after a write failed; it catches up shortly");
    }
}
