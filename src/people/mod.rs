//! People workflows: a person's profile and office, the skills they hold and
//! the endorsements they get, the evidence they write. Resolvers parse input
//! and call these; they take the store, the clock, the acting principal and
//! a [`Gate`] for permissions that depend on stored records, and return
//! domain values or a [`Refusal`].

pub mod about;
pub mod evidence;
pub mod privacy;
pub mod profile;
pub mod provisioning;
pub mod skills;

pub use crate::auth::Gate;
pub use crate::refusal::Refusal;

/// Active people of the demo organisation, for the tests.
#[cfg(test)]
pub(crate) async fn staff(store: &dyn crate::store::Store, n: usize) -> Vec<crate::domain::Person> {
    crate::store::testing::people_with(store, crate::domain::PersonStatus::Active, n).await
}
