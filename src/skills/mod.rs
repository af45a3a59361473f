//! Skill workflows: the taxonomy (skills, their aliases, broader and related
//! skills, merging two that mean the same). A person's skills are in
//! `people::skills`. These take the store and return domain values or a
//! [`Refusal`]; who may change the taxonomy is the policy's field rule.

pub mod taxonomy;

pub use crate::refusal::Refusal;
