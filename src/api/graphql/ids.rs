//! Opaque, stable global ids: base64url of `Type:external-id`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::domain::{self, Invalid};
use crate::error::{ApiError, ApiResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Person,
    Office,
    Skill,
    Community,
    Evidence,
    Interview,
    QuestionSet,
    Question,
    Answer,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Person => "Person",
            Kind::Office => "Office",
            Kind::Skill => "Skill",
            Kind::Community => "Community",
            Kind::Evidence => "Evidence",
            Kind::Interview => "Interview",
            Kind::QuestionSet => "QuestionSet",
            Kind::Question => "NetworkQuestion",
            Kind::Answer => "Answer",
        }
    }

    fn parse(name: &str) -> Option<Kind> {
        [
            Kind::Person,
            Kind::Office,
            Kind::Skill,
            Kind::Community,
            Kind::Evidence,
            Kind::Interview,
            Kind::QuestionSet,
            Kind::Question,
            Kind::Answer,
        ]
        .into_iter()
        .find(|k| k.name() == name)
    }
}

pub fn encode(kind: Kind, id: &str) -> async_graphql::ID {
    async_graphql::ID(URL_SAFE_NO_PAD.encode(format!("{}:{id}", kind.name())))
}

/// Splits a global id into its kind and external id.
pub fn decode_any(id: &str) -> Option<(Kind, String)> {
    let bytes = URL_SAFE_NO_PAD.decode(id.trim()).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (kind, rest) = text.split_once(':')?;
    Some((Kind::parse(kind)?, rest.to_string()))
}

/// The external id inside a global id of the expected kind.
pub fn decode(kind: Kind, id: &async_graphql::ID) -> Result<String, ApiError> {
    match decode_any(id) {
        Some((k, external)) if k == kind => Ok(external),
        _ => Err(ApiError::bad_input(format!(
            "'{}' is not a {} id",
            id.as_str(),
            kind.name()
        ))),
    }
}

/// A domain id type and the kind of global id that carries it.
pub trait Typed: Sized {
    const KIND: Kind;
    fn parse(external: &str) -> Result<Self, Invalid>;
}

macro_rules! typed {
    ($($t:ident => $k:ident),+) => {$(
        impl Typed for domain::$t {
            const KIND: Kind = Kind::$k;
            fn parse(external: &str) -> Result<Self, Invalid> {
                domain::$t::parse(external)
            }
        }
    )+};
}

typed!(PersonId => Person, SkillId => Skill, CommunityId => Community,
    InterviewId => Interview, OfficeId => Office, EvidenceId => Evidence,
    QuestionSetId => QuestionSet, QuestionId => Question, AnswerId => Answer);

/// The external id inside an argument: a global id of `kind`, or a bare
/// external id; a global id of another kind is refused.
fn unwrap(kind: Kind, id: &async_graphql::ID) -> ApiResult<String> {
    match decode_any(id) {
        Some((k, ext)) if k == kind => Ok(ext),
        Some(_) => decode(kind, id),
        None => Ok(id.to_string()),
    }
}

/// The typed id in a GraphQL argument: a global id of the right kind, or a
/// bare external id, checked by the id type's one constructor.
pub fn arg<T: Typed>(id: &async_graphql::ID) -> ApiResult<T> {
    Ok(T::parse(&unwrap(T::KIND, id)?)?)
}

/// The external id in an argument of `kind`, checked as every external id is
/// (for filters and lookups that keep ids as text).
pub fn external(kind: Kind, id: &async_graphql::ID) -> ApiResult<String> {
    Ok(domain::external_id("id", &unwrap(kind, id)?)?)
}

/// Encodes a list cursor (the sort key of a row).
pub fn encode_cursor(key: &[String]) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(key).unwrap_or_default())
}

pub fn decode_cursor(cursor: &str) -> Result<Vec<String>, ApiError> {
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or_else(|| ApiError::bad_input("the 'after' cursor is not one this API gave out"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_keep_their_kind() {
        let id = encode(Kind::Person, "e1001");
        assert_eq!(decode(Kind::Person, &id).ok().as_deref(), Some("e1001"));
        assert!(decode(Kind::Skill, &id).is_err());
        assert!(decode(Kind::Person, &async_graphql::ID("garbage!".into())).is_err());
        let c = encode_cursor(&["ann".into(), "e1".into()]);
        assert_eq!(
            decode_cursor(&c).ok(),
            Some(vec!["ann".to_string(), "e1".to_string()])
        );
    }
}
