//! Role grants: HR and admin are granted and revoked by admins, audited;
//! everyone signed in is an employee already.

use crate::auth::{Action, Principal, Resource, authorize};
use crate::domain::{AuditEvent, PersonId, Role};
use crate::refusal::Refusal;
use crate::store::Store;

/// Grants (`grant`) or revokes `role` for `person`; whether anything changed.
/// Audited as `role.grant` or `role.revoke`.
pub async fn set(
    store: &dyn Store,
    actor: &Principal,
    person: &PersonId,
    role: Role,
    grant: bool,
) -> Result<bool, Refusal> {
    authorize(actor, Action::AccessManage, Resource::Any)?;
    if role == Role::Employee {
        return Err(Refusal::invalid(
            "everyone signed in is an employee; grant HR or ADMIN",
        ));
    }
    let action = if grant { "role.grant" } else { "role.revoke" };
    let event = AuditEvent::new(actor.actor(), action, Some(format!("person:{person}")))
        .detail(serde_json::json!({ "role": role.as_str() }));
    Ok(store.set_role_grant(person, role, grant, &event).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::staff;
    use crate::store::testing::demo;

    #[tokio::test]
    async fn hr_is_granted_once_and_employee_is_never_granted() {
        let (_dir, store) = demo(10).await;
        let store = store.as_ref();
        let someone = PersonId::known(staff(store, 1).await[0].id.clone());
        let admin = Principal::system();
        let colleague = crate::store::testing::principal(&someone, Role::Employee);
        let err = set(store, &colleague, &someone, Role::Hr, true)
            .await
            .unwrap_err();
        assert!(matches!(err, Refusal::Forbidden), "only admins: {err:?}");
        let err = set(store, &admin, &someone, Role::Employee, true)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("everyone signed in"), "{err}");
        assert!(set(store, &admin, &someone, Role::Hr, true).await.unwrap());
        assert!(
            !set(store, &admin, &someone, Role::Hr, true).await.unwrap(),
            "already held"
        );
        assert!(set(store, &admin, &someone, Role::Hr, false).await.unwrap());
    }
}
