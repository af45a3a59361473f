//! Typed ids: a person's id cannot be passed where a skill's is expected.
//! Every id from outside (an import line, a GraphQL argument) goes through
//! `parse`, the one place its length and format are checked; ids Tacit
//! stored or generated itself are wrapped with `known`.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Invalid, external_id};

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident = $what:literal, $prefix:literal;)+) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// An id from outside: trimmed, 1 to 200 printable characters.
            pub fn parse(value: &str) -> Result<Self, Invalid> {
                external_id(concat!($what, " id"), value).map(Self)
            }

            /// An id from outside in a field the client named otherwise
            /// (`externalId`), checked the same way.
            pub fn parse_field(field: &str, value: &str) -> Result<Self, Invalid> {
                external_id(field, value).map(Self)
            }

            /// An id Tacit stored or made itself, so already valid.
            pub fn known(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// A new id for a record created without one: the kind's prefix,
            /// `-` and 12 hex digits.
            pub fn generate() -> Self {
                Self(generate($prefix))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }
    )+};
}

ids! {
    /// A member of staff.
    PersonId = "person", "p";
    /// A skill of the taxonomy.
    SkillId = "skill", "s";
    /// A community of practice.
    CommunityId = "community", "c";
    /// A harvest interview with a leaver.
    InterviewId = "interview", "iv";
    /// An office.
    OfficeId = "office", "o";
    /// A document, answer or other evidence.
    EvidenceId = "evidence", "d";
    /// A request to join a community, or an invitation into one.
    RequestId = "request", "jr";
    /// One of HR's reusable lists of interview questions.
    QuestionSetId = "question set", "qs";
    /// A request to destroy an interview record early (four eyes).
    DisposalRequestId = "disposal request", "dr";
    /// A question asked of the network.
    QuestionId = "question", "q";
    /// An answer to a question asked of the network.
    AnswerId = "answer", "a";
}

impl OfficeId {
    /// The id an office created by name gets, in imports and in the API
    /// alike: `o-` and the name's slug, so the same name finds the same office.
    pub fn for_name(name: &str) -> Self {
        Self(format!("o-{}", super::slug(name)))
    }
}

/// `prefix-` and 12 hex digits.
pub fn generate(prefix: &str) -> String {
    format!("{prefix}-{:012x}", rand::random::<u64>() & 0xffff_ffff_ffff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_outside_are_checked_once_here() {
        assert_eq!(PersonId::parse("  e001 ").unwrap().as_str(), "e001");
        let long = "x".repeat(201);
        let err = SkillId::parse(&long).unwrap_err();
        assert_eq!(err.0, "skill id must be 1 to 200 characters");
        assert!(CommunityId::parse("a\u{7}b").is_err());
        assert!(InterviewId::parse("").is_err());
        let made = InterviewId::generate();
        assert!(made.starts_with("iv-") && made.len() == 15, "{made}");
        assert_eq!(
            OfficeId::for_name("Hong Kong (Central)").as_str(),
            "o-hong-kong-central"
        );
    }
}
