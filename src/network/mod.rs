//! Ask the network: a question goes to the few people Tacit's ranking
//! thinks most likely to know ([`routing`]), who answer, say "not me" (it
//! goes on to the next person) or pass it to a colleague; the asker accepts
//! an answer (a public question's becomes evidence, so the graph learns who
//! knows) or says none helped. Accepted answers and "not me" are the
//! organisation's own relevance judgments (`tacit eval --feedback`).

mod candidates;
pub mod messages;
pub mod questions;
pub mod routing;
pub mod stats;

pub use routing::RoutingRules;

/// How the network reaches people, from the configuration.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub rules: RoutingRules,
    /// Whether e-mail (`[notify.smtp]`) is configured.
    pub email: bool,
    /// Whether a webhook (`[notify.webhook]`) is configured.
    pub webhook: bool,
    /// Where people open Tacit (`[notify] public_url`), for links in messages.
    pub public_url: Option<String>,
}
