//! [`Gate`]: how a workflow asks whether the actor may do something, for
//! rules that need a stored record to decide (the community a request
//! belongs to, the leaver of an interview, a role-holder's e-mail). The
//! API's gate audits refusals; a [`Principal`] is a gate that checks the
//! policy alone (for tests and tools).

use async_trait::async_trait;

use super::{Action, Principal, Resource, authorize};
use crate::refusal::Refusal;

#[async_trait]
pub trait Gate: Send + Sync {
    async fn check(&self, action: Action, resource: Resource<'_>) -> Result<(), Refusal>;
}

#[async_trait]
impl Gate for Principal {
    async fn check(&self, action: Action, resource: Resource<'_>) -> Result<(), Refusal> {
        Ok(authorize(self, action, resource)?)
    }
}
