//! Field-level authorization: every field the server resolves is checked
//! against the policy table before its resolver runs. A field without a rule
//! is refused. Mutations also need a credential with the `write` scope.
//! Refusals are written to the audit log: one entry per operation, however
//! many fields it was refused (so 2,500 aliased refused fields are one write).

use std::sync::Arc;

use std::collections::BTreeSet;

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextResolve, ResolveInfo,
};
use async_graphql::{Response, ServerError, ServerResult, Value};

use crate::api::graphql::State;
use crate::auth::policy::audited;
use crate::auth::{Action, Principal, Resource, authorize, authorize_field};
use crate::domain::AuditEvent;
use crate::error::ApiError;

pub struct FieldAuthorization;

impl ExtensionFactory for FieldAuthorization {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(FieldAuthorization)
    }
}

/// The refusal, with the path of the refused field (as resolver errors have).
fn refuse(err: ApiError, info: &ResolveInfo<'_>) -> ServerError {
    let mut e = async_graphql::Error::from(err).into_server_error(info.field.name.pos);
    let node = info.path_node;
    let mut path: Vec<async_graphql::PathSegment> = std::iter::once(node)
        .chain(node.parents())
        .map(|n| match n.segment {
            async_graphql::context::QueryPathSegment::Index(i) => {
                async_graphql::PathSegment::Index(i)
            }
            async_graphql::context::QueryPathSegment::Name(name) => {
                async_graphql::PathSegment::Field(name.to_string())
            }
        })
        .collect();
    path.reverse();
    e.path = path;
    e
}

#[async_trait::async_trait]
impl Extension for FieldAuthorization {
    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        // List items pass through here too, under the list's type; the field
        // holding the list was already checked.
        if info.is_for_introspection
            || info.name.starts_with("__")
            || info.parent_type.starts_with('[')
        {
            return next.run(ctx, info).await;
        }
        let Ok(principal) = ctx.data::<Principal>() else {
            return Err(refuse(ApiError::Unauthenticated, &info));
        };
        let coordinate = format!("{}.{}", info.parent_type, info.name);
        let mutation = info.parent_type == "MutationRoot";
        let allowed = authorize_field(principal, &coordinate, Resource::Any).is_ok()
            && (!mutation || principal.can_write());
        if allowed {
            return next.run(ctx, info).await;
        }
        if let Ok(state) = ctx.data::<State>() {
            denied(ctx.data_opt::<Refusals>(), state, principal, &coordinate).await;
        }
        Err(refuse(ApiError::Forbidden, &info))
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let response = next.run(ctx, operation_name).await;
        if let (Some(refusals), Ok(state), Ok(principal)) = (
            ctx.data_opt::<Refusals>(),
            ctx.data::<State>(),
            ctx.data::<Principal>(),
        ) && let Some(event) = refusals.event(principal)
        {
            audited::write(&*state.store, &event).await;
        }
        response
    }
}

/// The actions refused within one operation, audited together when it ends.
#[derive(Default)]
pub struct Refusals(std::sync::Mutex<(u64, BTreeSet<String>)>);

/// Distinct refused actions named in one entry at most.
const MAX_NAMED: usize = 20;

impl Refusals {
    fn note(&self, action: &str) {
        if let Ok(mut r) = self.0.lock() {
            r.0 += 1;
            if r.1.len() < MAX_NAMED {
                r.1.insert(action.to_string());
            }
        }
    }

    fn event(&self, principal: &Principal) -> Option<AuditEvent> {
        let (count, actions) = self.0.lock().ok()?.clone();
        (count > 0).then(|| audited::refusal_event(principal, actions, count))
    }
}

/// Records a refusal: into the operation's [`Refusals`] when it has one,
/// else straight to the audit log.
async fn denied(refusals: Option<&Refusals>, state: &State, principal: &Principal, action: &str) {
    match refusals {
        Some(r) => r.note(action),
        None => audited::refused(&*state.store, principal, action).await,
    }
}

/// Checks a named action on a record inside a resolver; refusals are audited.
pub async fn check(
    ctx: &async_graphql::Context<'_>,
    action: Action,
    resource: Resource<'_>,
) -> Result<(), ApiError> {
    let principal = principal(ctx)?;
    let decision = authorize(principal, action, resource);
    audit(ctx, principal, decision, action.as_str()).await
}

/// Checks a field's rule again, exactly, once the resolver knows the record
/// (`MutationRoot.updatePerson` on this person); refusals are audited.
pub async fn check_field(
    ctx: &async_graphql::Context<'_>,
    coordinate: &str,
    resource: Resource<'_>,
) -> Result<(), ApiError> {
    let principal = principal(ctx)?;
    let decision = authorize_field(principal, coordinate, resource);
    audit(ctx, principal, decision, coordinate).await
}

async fn audit(
    ctx: &async_graphql::Context<'_>,
    principal: &Principal,
    decision: Result<(), crate::auth::Denied>,
    refused: &str,
) -> Result<(), ApiError> {
    if decision.is_ok() {
        return Ok(());
    }
    if let Ok(state) = ctx.data::<State>() {
        denied(ctx.data_opt::<Refusals>(), state, principal, refused).await;
    }
    Err(ApiError::Forbidden)
}

/// Whether the caller may do `action` on `resource`, without auditing (for
/// deciding what to show, e.g. hiding a field).
pub fn may(ctx: &async_graphql::Context<'_>, action: Action, resource: Resource<'_>) -> bool {
    ctx.data::<Principal>()
        .is_ok_and(|p| authorize(p, action, resource).is_ok())
}

/// Whether the caller may read the field at `coordinate` (`Person.email`)
/// of `resource`, by the same rule the field itself is guarded by, without
/// auditing: for a value another field passes on, such as a contact link
/// built from the e-mail address.
pub fn may_read(
    ctx: &async_graphql::Context<'_>,
    coordinate: &str,
    resource: Resource<'_>,
) -> bool {
    ctx.data::<Principal>()
        .is_ok_and(|p| authorize_field(p, coordinate, resource).is_ok())
}

/// Whether the caller may see `person` ([`crate::auth::may_see`]).
pub fn listed(ctx: &async_graphql::Context<'_>, person: &crate::domain::Person) -> bool {
    crate::auth::may_see(ctx.data::<Principal>().ok(), person)
}

pub fn principal<'a>(ctx: &async_graphql::Context<'a>) -> Result<&'a Principal, ApiError> {
    ctx.data::<Principal>()
        .map_err(|_| ApiError::Unauthenticated)
}
