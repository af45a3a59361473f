//! Four eyes on destruction. Shortening a record's retention below the
//! configured period, or disposing of its transcript before it is due, is
//! a request with a reason; a second HR or admin person (never the one who
//! asked) approves or rejects it, and an approval takes effect at once.
//! Both are people: an integration token without a person can do neither.
//! Every step is audited; a refused decision is audited through the gate
//! (through the API, one entry per operation, so refusals cannot flood it).

use crate::auth::{Action, Gate, Principal, Resource};
use crate::domain::limits::RUN_REASON;
use crate::domain::{
    Clock, Decision, DisposalCertificate, DisposalKind, DisposalRequest, DisposalRequestId,
    DisposalRequestStatus, Due, InterviewId, RecordPart, Retention, optional_text, required_text,
};
use crate::refusal::Refusal;
use crate::store::{Decided, Effect, Store};

use super::{event, load};

const NOT_A_PERSON: &str = "early destruction is asked for and decided by HR or admin people, not by an integration without a person";

/// What HR asks for.
#[derive(Debug, Clone)]
pub struct Ask {
    pub kind: DisposalKind,
    /// For [`DisposalKind::Shorten`]: the new period, below the configured one.
    pub retention_days: Option<i32>,
    pub reason: String,
}

/// Files a request for early destruction of `id`'s transcript. Refused for
/// a record on hold, one not yet completed or already disposed of, a period
/// not below the configured one, or while another request waits.
pub async fn request(
    store: &dyn Store,
    clock: &Clock,
    retention: &Retention,
    actor: &Principal,
    gate: &dyn Gate,
    id: &InterviewId,
    ask: Ask,
) -> Result<DisposalRequest, Refusal> {
    gate.check(Action::DisposalAsk, Resource::Any)
        .await
        .map_err(|_| Refusal::Denied(NOT_A_PERSON.into()))?;
    let reason = required_text("reason", &ask.reason, RUN_REASON)?;
    let i = load(store, id).await?;
    if i.hold {
        return Err(Refusal::conflict(
            "this record is on hold: lift the hold before asking for its destruction",
        ));
    }
    if i.completed_at.is_none() {
        return Err(Refusal::conflict(
            "only a completed interview can be disposed of",
        ));
    }
    if i.disposed_at.is_some() {
        return Err(Refusal::conflict(
            "this record's transcript is already disposed of",
        ));
    }
    let retention_days = match (ask.kind, ask.retention_days) {
        (DisposalKind::Shorten, Some(d)) => {
            let d = u32::try_from(d)
                .map_err(|_| Refusal::invalid("retentionDays must be 0 or more"))?;
            if d >= retention.transcript_days {
                return Err(Refusal::invalid(format!(
                    "{d} days is not below the configured {} days: set it directly, no approval is needed",
                    retention.transcript_days
                )));
            }
            Some(d)
        }
        (DisposalKind::Shorten, None) => {
            return Err(Refusal::invalid(
                "say the shorter period: retentionDays is required to shorten retention",
            ));
        }
        (DisposalKind::Dispose, Some(_)) => {
            return Err(Refusal::invalid(
                "retentionDays is only for a request to shorten retention",
            ));
        }
        (DisposalKind::Dispose, None) => None,
    };
    let r = DisposalRequest {
        id: crate::domain::generate("dr"),
        interview_id: i.id.clone(),
        kind: ask.kind,
        retention_days,
        reason,
        status: DisposalRequestStatus::Pending,
        requested_by: actor.actor(),
        requested_at: clock.now(),
        decided_by: None,
        decided_at: None,
        note: None,
    };
    let audit = event(actor, "interview.disposal_request", &i.id).detail(serde_json::json!({
        "request": r.id, "kind": r.kind.as_str(), "retentionDays": r.retention_days,
        "reason": r.reason,
    }));
    Ok(store.create_disposal_request(&r, &audit).await?)
}

/// Approves, rejects or withdraws a pending request. An approval by anyone
/// but the requester takes effect in the same transaction: the shorter
/// period is set, or the transcript is destroyed with a certificate that
/// names both people.
pub async fn decide(
    store: &dyn Store,
    clock: &Clock,
    actor: &Principal,
    gate: &dyn Gate,
    id: &DisposalRequestId,
    decision: Decision,
    note: Option<&str>,
) -> Result<(DisposalRequest, Vec<DisposalCertificate>), Refusal> {
    let note = optional_text("note", note, RUN_REASON)?;
    let r = store.disposal_request(id).await?;
    let who = actor.actor();
    let action = match decision {
        Decision::Approve => "interview.disposal_approve",
        Decision::Reject => "interview.disposal_reject",
        Decision::Withdraw => "interview.disposal_withdraw",
    };
    let detail = serde_json::json!({
        "request": r.id, "kind": r.kind.as_str(), "requestedBy": r.requested_by,
        "retentionDays": r.retention_days, "note": note, "via": actor.via.as_str(),
    });
    // The second pair of eyes: an HR or admin person who did not ask
    // (refusals audited by the gate).
    let requester = r
        .requested_by
        .strip_prefix("person:")
        .unwrap_or(&r.requested_by);
    let permitted = match decision {
        Decision::Approve | Decision::Reject => {
            gate.check(Action::DisposalDecide, Resource::Person(requester))
                .await
        }
        Decision::Withdraw => gate.check(Action::DisposalAsk, Resource::Any).await,
    };
    if let Err(why) = r.may_decide(&who, decision) {
        return Err(if r.status == DisposalRequestStatus::Pending {
            Refusal::Denied(why.into())
        } else {
            Refusal::conflict(why)
        });
    }
    permitted.map_err(|_| Refusal::Denied(NOT_A_PERSON.into()))?;
    let effect = match decision {
        Decision::Approve => {
            let i = load(store, &InterviewId::parse(&r.interview_id)?).await?;
            if i.hold {
                return Err(Refusal::conflict(
                    "the record was put on hold after this request: it cannot be approved until the hold is lifted",
                ));
            }
            match r.kind {
                DisposalKind::Shorten => Effect::Shorten(r.retention_days.ok_or_else(|| {
                    Refusal::conflict("this request names no period; ask again with one")
                })?),
                DisposalKind::Dispose => Effect::Dispose(Due {
                    part: RecordPart::Transcript,
                    due_on: clock.today(),
                    rule: format!("transcript: disposed of early on approved request {}", r.id),
                }),
            }
        }
        Decision::Reject | Decision::Withdraw => Effect::Nothing,
    };
    let decided = Decided {
        status: decision.status(),
        by: who,
        at: clock.now(),
        note,
    };
    let audit = event(actor, action, &r.interview_id).detail(detail);
    Ok(store
        .decide_disposal_request(&r.id, &decided, &effect, &audit)
        .await?)
}
