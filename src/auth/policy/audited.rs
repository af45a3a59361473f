//! Refusals written to the audit log the same way wherever they happen: a
//! GraphQL field or record check (`api/graphql/authz.rs`, which gathers one
//! operation's refusals into one entry) or a REST handler (`/metrics`,
//! `/api/imports`). Each is one `denied` entry naming what was refused.

use serde::Serialize;

use crate::auth::Principal;
use crate::domain::AuditEvent;
use crate::store::Store;

use super::{Action, Denied, Resource, authorize};

/// The audit entry for `refusals` refused actions or fields (`actions`, at
/// most a few named).
pub fn refusal_event(principal: &Principal, actions: impl Serialize, refusals: u64) -> AuditEvent {
    AuditEvent::new(principal.actor(), "denied", None)
        .outcome("denied")
        .detail(serde_json::json!({
            "actions": actions,
            "refusals": refusals,
            "via": principal.via.as_str(),
        }))
}

/// Writes `event`; a failure is logged, never shown to the caller.
pub async fn write(store: &dyn Store, event: &AuditEvent) {
    if let Err(e) = store.audit(event).await {
        tracing::error!(error = %e, "cannot write a refusal to the audit log");
    }
}

/// Audits one refusal of `action` (an action's name or a field coordinate).
pub async fn refused(store: &dyn Store, principal: &Principal, action: &str) {
    write(store, &refusal_event(principal, [action], 1)).await;
}

/// [`authorize`], with a refusal written to the audit log: the check for
/// REST handlers, which have no GraphQL operation to gather refusals in.
pub async fn check(
    store: &dyn Store,
    principal: &Principal,
    action: Action,
    resource: Resource<'_>,
) -> Result<(), Denied> {
    let decision = authorize(principal, action, resource);
    if decision.is_err() {
        refused(store, principal, action.as_str()).await;
    }
    decision
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;
    use crate::store::testing::{demo, principal};

    #[tokio::test]
    async fn a_refused_check_is_audited_and_an_allowed_one_is_not() {
        let (_dir, store) = demo(20).await;
        let before = store.audit_head().await.expect("head").seq;
        let employee = principal("e3003", Role::Employee);
        let admin = principal("e0042", Role::Admin);
        let any = Resource::Any;
        assert!(
            check(&*store, &admin, Action::MetricsRead, any)
                .await
                .is_ok()
        );
        assert_eq!(
            check(&*store, &employee, Action::MetricsRead, any).await,
            Err(Denied)
        );
        let log = store
            .audit_page(&Default::default(), None, 10)
            .await
            .expect("audit");
        assert_eq!(log[0].seq, before + 1, "only the refusal is written");
        assert_eq!(log[0].action, "denied");
        assert_eq!(log[0].outcome, "denied");
        assert_eq!(log[0].actor, "person:e3003");
        let detail: serde_json::Value = serde_json::from_str(&log[0].detail).expect("json");
        assert_eq!(detail["actions"], serde_json::json!(["metrics.read"]));
        assert_eq!(detail["refusals"], 1);
    }
}
