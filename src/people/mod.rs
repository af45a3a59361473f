//! People workflows: a person's profile and office, the skills they hold and
//! the endorsements they get, the evidence they write. Resolvers parse input
//! and call these; they take the store, the clock, the acting principal and
//! a [`Gate`] for permissions that depend on stored records, and return
//! domain values or a [`Refusal`].

pub mod evidence;
pub mod privacy;
pub mod profile;
pub mod skills;

use async_trait::async_trait;

use crate::auth::{Action, Principal, Resource, authorize};
pub use crate::refusal::Refusal;

/// Checks whether the actor may do `action` to `resource`, for the rules
/// that need a stored record to decide (a role-holder's e-mail, the current
/// authors of a document). The API's gate audits refusals; a [`Principal`]
/// is a gate that checks the policy alone (for tests and tools).
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

/// Active people of the demo organisation, for the tests.
#[cfg(test)]
pub(crate) async fn staff(store: &dyn crate::store::Store, n: usize) -> Vec<crate::domain::Person> {
    store
        .list_people(
            &crate::store::PeopleFilter {
                status: Some(crate::domain::PersonStatus::Active),
                ..Default::default()
            },
            &crate::store::PageRequest {
                first: n,
                after: None,
            },
        )
        .await
        .expect("people")
        .items
        .into_iter()
        .map(|(_, p)| p)
        .collect()
}
