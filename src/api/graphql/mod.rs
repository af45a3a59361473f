//! The GraphQL schema: queries, mutations, limits.

pub mod authz;
mod cleanup;
mod community_care;
pub mod cost;
mod enums;
mod experts;
mod harvest;
pub mod ids;
mod interviews;
mod loaders;
mod mutation;
mod names;
mod network;
mod observe;
mod query;
mod questions;
mod records;
mod security;
mod sync;
mod types;

use std::sync::Arc;

use async_graphql::{Context, EmptySubscription, Schema};

use crate::error::{ApiError, ApiResult};
use crate::rank::Engine;
use crate::store::Store;

pub use loaders::Loaders;
pub use mutation::MutationRoot;
pub use query::QueryRoot;

pub type TacitSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

/// What resolvers reach through the context.
#[derive(Clone)]
pub struct State {
    pub store: Arc<dyn Store>,
    pub engine: Arc<Engine>,
    /// Told after every write, so changed credentials and roles apply at once.
    pub auth: Option<Arc<crate::auth::Authenticator>>,
    /// Retention rules and the clock they run on.
    pub harvest: crate::harvest::Settings,
    /// Whether communities proposed by employees wait for an admin.
    pub proposals_need_approval: bool,
    /// Contact action templates (`[contact]`).
    pub contact: Arc<[crate::domain::contact::ContactTemplate]>,
    /// Routing rules and notification channels for questions.
    pub network: crate::network::Settings,
}

/// When the request must be answered by; work that could only start later
/// (a ranking waiting for its turn) does not start.
#[derive(Debug, Clone, Copy)]
pub struct Deadline(pub std::time::Instant);

/// The request's deadline, if the HTTP layer set one.
pub fn deadline(ctx: &Context<'_>) -> Option<std::time::Instant> {
    ctx.data_opt::<Deadline>().map(|d| d.0)
}

impl State {
    pub fn of<'a>(ctx: &Context<'a>) -> ApiResult<&'a State> {
        ctx.data::<State>().map_err(|_| ApiError::Internal)
    }

    /// The server's one clock: every "now" a resolver acts on (tests move it).
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.harvest.clock.now()
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.harvest.clock.today()
    }
}

/// The server's clock through the context; real time without a [`State`].
pub fn now(ctx: &Context<'_>) -> chrono::DateTime<chrono::Utc> {
    ctx.data_opt::<State>()
        .map_or_else(chrono::Utc::now, State::now)
}

/// Query depth cap: generous for the web app, fatal for abuse. What an
/// operation may cost is [`cost::BUDGET`].
pub const MAX_DEPTH: usize = 12;

/// The schema; `open` (development sign-in) turns introspection and field
/// suggestions on, which are otherwise off so the API cannot be mapped by probing.
pub fn build_schema(state: Option<State>, open: bool) -> TacitSchema {
    let mut builder = Schema::build(
        QueryRoot::default(),
        MutationRoot::default(),
        EmptySubscription,
    )
    .limit_depth(MAX_DEPTH)
    .limit_recursive_depth(32)
    .limit_directives(20)
    .extension(observe::Observe)
    .extension(cost::Budget)
    .extension(authz::FieldAuthorization)
    .extension(sync::SyncAfterWrites);
    if !open {
        builder = builder.disable_introspection().disable_suggestions();
    }
    if let Some(state) = state {
        builder = builder.data(state);
    }
    builder.finish()
}

/// The SDL, as checked in at `schema/schema.graphql`.
pub fn sdl() -> String {
    build_schema(None, true).sdl()
}
