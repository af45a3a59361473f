//! Deny by default: every GraphQL field and every named action has exactly
//! one rule, and every decision goes through [`authorize`] (a named
//! [`Action`]) or [`authorize_field`] (a GraphQL field coordinate).
//!
//! * [`actions`]: the named actions, each with its rule;
//! * [`fields`]: the rule of every field of the schema, by coordinate;
//! * [`audited`]: the check that writes a refusal to the audit log, shared
//!   by GraphQL and the REST handlers.
//!
//! Field rules are checked for every field the server resolves (see
//! `api/graphql/authz.rs`); a field missing from the table is refused, and the
//! authorization matrix test fails until it is added. Rules that depend on the
//! record (`SelfOrHr`, `LeadOrAdmin`) are checked twice: loosely per field
//! ("could this principal ever be allowed?") and exactly by the resolver,
//! which knows the record.

pub mod actions;
pub mod audited;
pub mod fields;

use crate::domain::Role;

use super::Principal;

pub use actions::Action;
pub use fields::declared_fields;

/// Who may do something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Anyone signed in, people and integrations alike.
    SignedIn,
    /// A signed-in person (not an integration without one).
    Person,
    /// HR or admin.
    Hr,
    Admin,
    /// The person the record is about, or HR or admin.
    SelfOrHr,
    /// A lead of the community concerned, or an admin.
    LeadOrAdmin,
    /// An HR or admin person (not an integration without one).
    HrPerson,
    /// An HR or admin person other than the person the record names: the
    /// second pair of eyes.
    OtherHrPerson,
}

/// What a rule is checked against.
#[derive(Debug, Clone, Copy)]
pub enum Resource<'a> {
    /// No particular record: record-scoped rules ask only whether the
    /// principal could be allowed for some record.
    Any,
    Person(&'a str),
    Community(&'a str),
}

/// Refused: the caller says "forbidden" or, for lookups, "not found".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denied;

/// Whether `actor` may see `person` in a list, a path or a lookup: anyone
/// for a contact (still here, not opted out), otherwise only the person
/// themselves, HR and admins. The one rule behind every list and lookup.
pub fn may_see(actor: Option<&Principal>, person: &crate::domain::Person) -> bool {
    person.is_contact()
        || actor.is_some_and(|a| {
            authorize(a, Action::PersonPrivate, Resource::Person(&person.id)).is_ok()
        })
}

/// The one decision point for a named action.
pub fn authorize(p: &Principal, action: Action, resource: Resource<'_>) -> Result<(), Denied> {
    decide(p, action.rule(), resource)
}

/// The decision for a GraphQL field (`Type.field`); a coordinate without a
/// declared rule is refused.
pub fn authorize_field(
    p: &Principal,
    coordinate: &str,
    resource: Resource<'_>,
) -> Result<(), Denied> {
    let Some(rule) = fields::rule(coordinate) else {
        tracing::error!(coordinate, "no authorization rule declared; refusing");
        return Err(Denied);
    };
    decide(p, rule, resource)
}

fn decide(p: &Principal, rule: Rule, resource: Resource<'_>) -> Result<(), Denied> {
    if allows(p, rule, resource) {
        Ok(())
    } else {
        Err(Denied)
    }
}

/// Whether `rule` lets `p` act on `resource`.
pub fn allows(p: &Principal, rule: Rule, resource: Resource<'_>) -> bool {
    let hr = p.has(Role::Hr) || p.has(Role::Admin);
    match rule {
        Rule::SignedIn => true,
        Rule::Person => p.person_id.is_some(),
        Rule::Hr => hr,
        Rule::Admin => p.has(Role::Admin),
        Rule::SelfOrHr => match resource {
            Resource::Person(id) => hr || p.is(id),
            Resource::Any => hr || p.person_id.is_some(),
            Resource::Community(_) => hr,
        },
        Rule::LeadOrAdmin => match resource {
            Resource::Community(id) => p.has(Role::Admin) || p.leads.iter().any(|c| c == id),
            Resource::Any => p.has(Role::Admin) || !p.leads.is_empty() || p.person_id.is_some(),
            Resource::Person(_) => p.has(Role::Admin),
        },
        Rule::HrPerson => hr && p.person_id.is_some(),
        Rule::OtherHrPerson => {
            hr && p.person_id.is_some()
                && match resource {
                    Resource::Person(id) => !p.is(id),
                    Resource::Any => true,
                    Resource::Community(_) => false,
                }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Via;

    fn who(person: Option<&str>, roles: &[Role], leads: &[&str]) -> Principal {
        Principal {
            person_id: person.map(str::to_string),
            roles: roles.to_vec(),
            scopes: vec![crate::domain::Scope::Read, crate::domain::Scope::Write],
            via: Via::Token,
            credential: None,
            leads: leads.iter().map(|s| s.to_string()).collect(),
            dev: false,
        }
    }

    #[test]
    fn unknown_fields_are_refused() {
        let admin = who(None, &[Role::Admin], &[]);
        assert_eq!(
            authorize_field(&admin, "Person.shoeSize", Resource::Any),
            Err(Denied)
        );
        // An action's name is not a field coordinate.
        assert_eq!(
            authorize_field(&admin, "interview.manage", Resource::Any),
            Err(Denied)
        );
    }

    #[test]
    fn record_rules_check_the_record() {
        let me = who(Some("e1"), &[Role::Employee], &["c1"]);
        let hr = who(Some("e9"), &[Role::Employee, Role::Hr], &[]);
        let private = Action::PersonPrivate;
        let curate = Action::CommunityCurate;
        assert!(authorize(&me, private, Resource::Person("e1")).is_ok());
        assert!(authorize(&me, private, Resource::Person("e2")).is_err());
        assert!(authorize(&hr, private, Resource::Person("e2")).is_ok());
        assert!(authorize(&me, curate, Resource::Community("c1")).is_ok());
        assert!(authorize(&me, curate, Resource::Community("c2")).is_err());
        assert!(authorize(&hr, curate, Resource::Community("c2")).is_err());
        assert!(authorize_field(&me, "MutationRoot.grantRole", Resource::Any).is_err());
        assert!(authorize_field(&me, "MutationRoot.updatePerson", Resource::Person("e1")).is_ok());
        assert!(authorize_field(&me, "MutationRoot.updatePerson", Resource::Person("e2")).is_err());
    }
}
