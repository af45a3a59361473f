//! Mutations: one input object each, a payload back, validated before any write.

mod communities;
mod evidence;
mod interviews;
mod people;
mod skills;

use async_graphql::{MaybeUndefined, MergedObject};

use crate::domain::{Invalid, optional_text};

#[derive(MergedObject, Default)]
pub struct MutationRoot(
    people::PeopleMutations,
    skills::SkillMutations,
    communities::CommunityMutations,
    evidence::EvidenceMutations,
    interviews::InterviewMutations,
    super::security::SecurityMutations,
);

/// A new external id for a record created without one: `prefix-` and 12 hex digits.
pub fn new_id(prefix: &str) -> String {
    crate::domain::generate(prefix)
}

/// Applies a patch to an optional text field: absent keeps, null clears, a value replaces.
pub fn patch_text(
    field: &str,
    current: Option<String>,
    patch: MaybeUndefined<String>,
    max: usize,
) -> Result<Option<String>, Invalid> {
    match patch {
        MaybeUndefined::Undefined => Ok(current),
        MaybeUndefined::Null => Ok(None),
        MaybeUndefined::Value(v) => optional_text(field, Some(&v), max),
    }
}

/// Applies a patch whose value needs parsing.
pub fn patch_with<T, U>(
    current: Option<T>,
    patch: MaybeUndefined<U>,
    parse: impl FnOnce(U) -> Result<T, Invalid>,
) -> Result<Option<T>, Invalid> {
    match patch {
        MaybeUndefined::Undefined => Ok(current),
        MaybeUndefined::Null => Ok(None),
        MaybeUndefined::Value(v) => parse(v).map(Some),
    }
}
