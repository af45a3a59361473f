//! Mutations: one input object each, a payload back, validated before any write.

mod communities;
mod evidence;
mod gate;
mod interviews;
mod people;
mod questions;
mod security;
mod skills;

use async_graphql::{ID, MaybeUndefined, MergedObject};

use crate::api::graphql::ids::{Typed, arg};
use crate::domain::{Invalid, optional_text};

#[derive(MergedObject, Default)]
pub struct MutationRoot(
    people::PeopleMutations,
    skills::SkillMutations,
    communities::CommunityMutations,
    evidence::EvidenceMutations,
    interviews::InterviewMutations,
    security::SecurityMutations,
    questions::QuestionMutations,
);

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

/// A patch as a workflow takes it: `None` keeps, `Some(None)` clears, a value replaces.
pub fn edit<U, T>(
    patch: MaybeUndefined<U>,
    parse: impl FnOnce(U) -> Result<T, Invalid>,
) -> Result<Option<Option<T>>, Invalid> {
    match patch {
        MaybeUndefined::Undefined => Ok(None),
        MaybeUndefined::Null => Ok(Some(None)),
        MaybeUndefined::Value(v) => parse(v).map(|v| Some(Some(v))),
    }
}

/// A text patch, at most `max` characters (empty clears).
pub fn edit_text(
    field: &str,
    patch: MaybeUndefined<String>,
    max: usize,
) -> Result<Option<Option<String>>, Invalid> {
    match patch {
        MaybeUndefined::Undefined => Ok(None),
        patch => patch_text(field, None, patch, max).map(Some),
    }
}

/// A global id argument inside a patch.
pub fn id_arg<T: Typed>(id: ID) -> Result<T, Invalid> {
    arg(&id).map_err(|e| Invalid(e.message()))
}
