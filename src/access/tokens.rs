//! API tokens: created with a checked name, scopes and expiry, revoked at
//! once; both audited.

use std::sync::Arc;

pub use crate::auth::NewToken;
use crate::auth::{Action, Principal, Resource, authorize, create_api_token};
use crate::domain::limits::TOKEN_NAME;
use crate::domain::{AuditEvent, Clock, Scope, Token, required_text};
use crate::refusal::Refusal;
use crate::store::Store;

/// The longest a token may live: ten years.
pub const MAX_DAYS: i64 = 3650;

/// Creates a token; returns the secret (shown once) and the stored record.
/// Audited as `token.create`.
pub async fn create(
    store: &Arc<dyn Store>,
    clock: &Clock,
    actor: &Principal,
    new: NewToken,
) -> Result<(String, Token), Refusal> {
    authorize(actor, Action::AccessManage, Resource::Any)?;
    let name = required_text("name", &new.name, TOKEN_NAME)?;
    if new.scopes.is_empty() {
        return Err(Refusal::invalid("give at least one scope"));
    }
    if new.scopes.contains(&Scope::Scim) && new.person_id.is_some() {
        return Err(Refusal::invalid(
            "a token with the scim scope is the identity provider's, not a person's: give it no person",
        ));
    }
    if new.scopes.contains(&Scope::Scim) && new.scopes.len() > 1 {
        return Err(Refusal::invalid(
            "the scim scope stands alone: make one token for provisioning and another for the API",
        ));
    }
    if new
        .expires_in_days
        .is_some_and(|d| !(1..=MAX_DAYS).contains(&d))
    {
        return Err(Refusal::invalid(format!(
            "a token expires after 1 to {MAX_DAYS} days (or never)"
        )));
    }
    let new = NewToken { name, ..new };
    Ok(create_api_token(store, actor, new, clock.now()).await?)
}

/// Stops a token working at once. Audited as `token.revoke`.
pub async fn revoke(
    store: &dyn Store,
    clock: &Clock,
    actor: &Principal,
    id: &str,
) -> Result<Token, Refusal> {
    authorize(actor, Action::AccessManage, Resource::Any)?;
    let event = AuditEvent::new(actor.actor(), "token.revoke", Some(format!("token:{id}")));
    Ok(store.revoke_token(id, clock.now(), Some(&event)).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;
    use crate::store::testing::demo;

    fn token(scopes: Vec<Scope>, days: Option<i64>) -> NewToken {
        NewToken {
            name: "sync".into(),
            role: Role::Employee,
            person_id: None,
            scopes,
            expires_in_days: days,
        }
    }

    #[tokio::test]
    async fn a_token_needs_a_scope_and_a_sane_expiry_and_both_ends_are_audited() {
        let (_dir, store) = demo(5).await;
        let clock = Clock::default();
        let admin = Principal::system();
        for (bad, why) in [
            (token(vec![], None), "give at least one scope"),
            (token(vec![Scope::Read], Some(0)), "1 to 3650 days"),
            (token(vec![Scope::Read], Some(3651)), "1 to 3650 days"),
            (
                NewToken {
                    person_id: Some("e1".into()),
                    ..token(vec![Scope::Scim], None)
                },
                "give it no person",
            ),
            (token(vec![Scope::Scim, Scope::Write], None), "stands alone"),
        ] {
            let err = create(&store, &clock, &admin, bad).await.unwrap_err();
            assert!(err.to_string().contains(why), "{err}");
        }
        let colleague = crate::store::testing::principal("e1", Role::Hr);
        let err = create(&store, &clock, &colleague, token(vec![Scope::Read], None))
            .await
            .unwrap_err();
        assert!(matches!(err, Refusal::Forbidden), "only admins: {err:?}");
        assert!(store.api_tokens().await.unwrap().is_empty(), "nothing kept");
        let (secret, made) = create(&store, &clock, &admin, token(vec![Scope::Read], Some(30)))
            .await
            .unwrap();
        assert!(!secret.is_empty());
        let days = made.expires_at.map(|at| (at - made.created_at).num_days());
        assert_eq!(days, Some(30));
        clock.advance(chrono::Duration::days(400));
        assert!(!made.live(clock.now()), "expired by the server's clock");
        let gone = revoke(store.as_ref(), &clock, &admin, &made.id)
            .await
            .unwrap();
        assert!(
            gone.revoked_at > made.expires_at,
            "stamped by the moved clock"
        );
        let log = store
            .audit_page(&Default::default(), None, 10)
            .await
            .unwrap();
        let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
        assert!(
            actions.contains(&"token.create") && actions.contains(&"token.revoke"),
            "{actions:?}"
        );
    }
}
