//! Four eyes on destruction: a request to shorten a record's retention below
//! the configured period, or to dispose of its transcript early, and the
//! rule for who may decide it.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::Invalid;
use super::types::text_enum;

text_enum!(
    /// What a disposal request asks for: a period (days from completion)
    /// below the configured one, or the transcript destroyed now.
    DisposalKind { Shorten = "shorten", Dispose = "dispose" }
);

text_enum!(
    /// Where a disposal request is.
    DisposalRequestStatus {
        Pending = "pending",
        Approved = "approved",
        Rejected = "rejected",
        Withdrawn = "withdrawn",
    }
);

/// A request for early destruction, waiting for (or given) a second
/// person's decision. Actors are named as in the audit log (`person:ID`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DisposalRequest {
    pub id: String,
    pub interview_id: String,
    pub kind: DisposalKind,
    /// For [`DisposalKind::Shorten`]: the new period in days from completion.
    pub retention_days: Option<u32>,
    pub reason: String,
    pub status: DisposalRequestStatus,
    pub requested_by: String,
    pub requested_at: DateTime<Utc>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub note: Option<String>,
}

/// What the decider does with a pending request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject,
    /// The requester takes it back.
    Withdraw,
}

impl Decision {
    /// The status a decision leaves the request in.
    pub fn status(self) -> DisposalRequestStatus {
        match self {
            Decision::Approve => DisposalRequestStatus::Approved,
            Decision::Reject => DisposalRequestStatus::Rejected,
            Decision::Withdraw => DisposalRequestStatus::Withdrawn,
        }
    }
}

impl DisposalRequest {
    /// Whether `actor` may make `decision`: approval and rejection need a
    /// second person (never the requester); only the requester withdraws.
    /// `Err` says why not.
    pub fn may_decide(&self, actor: &str, decision: Decision) -> Result<(), &'static str> {
        if self.status != DisposalRequestStatus::Pending {
            return Err("this request has already been decided");
        }
        let own = self.requested_by == actor;
        match decision {
            Decision::Withdraw if !own => Err("only the person who asked can withdraw a request"),
            Decision::Approve | Decision::Reject if own => Err(
                "you asked for this destruction: another HR or admin person must approve or reject it",
            ),
            _ => Ok(()),
        }
    }

    /// What happens next and who can do it, in words.
    pub fn next_step(&self) -> &'static str {
        match self.status {
            DisposalRequestStatus::Pending => {
                "Waiting for a second HR or admin person to approve or reject it; the requester may withdraw it."
            }
            DisposalRequestStatus::Approved => match self.kind {
                DisposalKind::Shorten => {
                    "Approved: the record's shorter period applies, and it can be disposed of once due."
                }
                DisposalKind::Dispose => "Approved: the transcript was disposed of.",
            },
            DisposalRequestStatus::Rejected => {
                "Rejected: nothing was destroyed. Anyone in HR may ask again."
            }
            DisposalRequestStatus::Withdrawn => "Withdrawn: this request destroyed nothing.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending() -> DisposalRequest {
        DisposalRequest {
            id: "dr-1".into(),
            interview_id: "iv-1".into(),
            kind: DisposalKind::Dispose,
            retention_days: None,
            reason: "asked by the leaver".into(),
            status: DisposalRequestStatus::Pending,
            requested_by: "person:e1".into(),
            requested_at: Utc::now(),
            decided_by: None,
            decided_at: None,
            note: None,
        }
    }

    #[test]
    fn the_requester_never_approves_and_only_the_requester_withdraws() {
        let r = pending();
        assert!(r.may_decide("person:e1", Decision::Approve).is_err());
        assert!(r.may_decide("person:e1", Decision::Reject).is_err());
        assert!(r.may_decide("person:e1", Decision::Withdraw).is_ok());
        assert!(r.may_decide("person:e2", Decision::Approve).is_ok());
        assert!(r.may_decide("person:e2", Decision::Withdraw).is_err());
        let decided = DisposalRequest {
            status: DisposalRequestStatus::Rejected,
            ..r
        };
        assert!(decided.may_decide("person:e2", Decision::Approve).is_err());
    }
}
