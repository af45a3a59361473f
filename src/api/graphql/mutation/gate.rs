//! The workflows' [`Gate`] over a resolver's context: the same audited check
//! as [`check`], for rules a workflow decides on stored records.

use async_graphql::Context;

use crate::api::graphql::authz::check;
use crate::auth::{Action, Gate, Resource};
use crate::refusal::Refusal;

pub struct Checked<'a, 'b>(pub &'a Context<'b>);

#[async_trait::async_trait]
impl Gate for Checked<'_, '_> {
    async fn check(&self, action: Action, resource: Resource<'_>) -> Result<(), Refusal> {
        check(self.0, action, resource)
            .await
            .map_err(|_| Refusal::Forbidden)
    }
}
