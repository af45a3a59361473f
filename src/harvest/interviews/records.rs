//! How long a record is kept: its own retention period, holds, and
//! disposal of what is due (one record, or every record due today).

use crate::auth::Principal;
use crate::domain::limits::{HOLD_REASON, RUN_REASON};
use crate::domain::{
    AuditEvent, Clock, DisposalCertificate, Interview, InterviewId, Retention, optional_text,
};
use crate::refusal::Refusal;
use crate::store::Store;

use super::{event, load, patch_text};
use crate::harvest::retention::{DisposalRun, dispose_due as dispose_parts_due};

/// The longest retention period a record may have, in days (100 years).
const MAX_RETENTION_DAYS: u32 = 36_500;

/// A change to a record's retention. For the patches, `None` keeps the
/// value, `Some(None)` clears it and `Some(Some(v))` sets it.
#[derive(Debug, Clone, Default)]
pub struct Retain {
    /// This record's own period in days from completion; cleared, the
    /// configured default applies.
    pub days: Option<Option<i32>>,
    /// A hold blocks disposal until lifted.
    pub hold: Option<bool>,
    /// Kept only while the record is on hold.
    pub hold_reason: Option<Option<String>>,
}

/// Sets this record's retention period or a hold on disposal. A period
/// below the configured one is refused: it needs a second person's approval
/// (`four_eyes::request`). Placing a hold records who placed it and when.
/// Audited as `interview.retention`, with the new settings.
pub async fn set_retention(
    store: &dyn Store,
    clock: &Clock,
    retention: &Retention,
    actor: &Principal,
    id: &InterviewId,
    change: Retain,
) -> Result<Interview, Refusal> {
    let mut i = load(store, id).await?;
    let was = (i.retention_days, i.hold);
    if let Some(days) = change.days {
        let days = days
            .map(|d| {
                u32::try_from(d)
                    .ok()
                    .filter(|d| *d <= MAX_RETENTION_DAYS)
                    .ok_or_else(|| Refusal::invalid("retentionDays must be between 0 and 36500"))
            })
            .transpose()?;
        if let Some(d) = days
            && d < retention.transcript_days
            && days != i.retention_days
        {
            return Err(Refusal::conflict(format!(
                "{d} days is below the configured {} days: shortening retention needs a second HR or admin person's approval (ask for it with requestDisposal)",
                retention.transcript_days
            )));
        }
        i.retention_days = days;
    }
    let was_held = i.hold;
    if let Some(hold) = change.hold {
        i.hold = hold;
    }
    i.hold_reason = patch_text("holdReason", i.hold_reason, change.hold_reason, HOLD_REASON)?;
    if i.hold && i.hold_reason.is_none() {
        return Err(Refusal::invalid(
            "say why the record is held (holdReason), e.g. the inquiry or request it is kept for",
        ));
    }
    if !i.hold {
        i.hold_reason = None;
        i.hold_by = None;
        i.hold_at = None;
    } else if !was_held {
        i.hold_by = Some(actor.actor());
        i.hold_at = Some(clock.now());
    }
    i.updated_at = clock.now();
    let audit = event(actor, "interview.retention", &i.id).detail(serde_json::json!({
        "retentionDays": i.retention_days, "hold": i.hold, "holdReason": i.hold_reason,
    }));
    Ok(store.save_retention(&i, was, &audit).await?)
}

/// Disposes of whatever of this record is due today: answers, notes and
/// outside contacts when the transcript is due, the summary when its own
/// period ends. Refused for a record on hold or with nothing due. Audited
/// as `interview.dispose`.
pub async fn dispose(
    store: &dyn Store,
    clock: &Clock,
    retention: &Retention,
    actor: &Principal,
    id: &InterviewId,
) -> Result<Vec<DisposalCertificate>, Refusal> {
    let i = load(store, id).await?;
    if i.hold {
        return Err(Refusal::conflict(
            "this record is on hold and cannot be disposed of until the hold is lifted",
        ));
    }
    let due = retention.due(&i, clock.today());
    if due.is_empty() {
        let next = retention.schedule(&i).iter().map(|d| d.due_on).min();
        return Err(Refusal::conflict(match next {
            Some(d) => format!("nothing in this record is due for disposal until {d}"),
            None => "nothing in this record is due for disposal".into(),
        }));
    }
    let audit = event(actor, "interview.dispose", &i.id);
    Ok(store.dispose(&i.id, &due, clock.now(), &audit).await?)
}

/// Disposes of every record part due today, each record in its own
/// transaction; held records are kept. `actor` is the audit actor (a
/// person, or `cli:<user>` for `tacit dispose --due`); a `reason` is
/// audited as `interview.dispose_due` before the run. `progress` is told
/// `(done, total)` records as the run goes.
pub async fn dispose_due(
    store: &dyn Store,
    clock: &Clock,
    retention: &Retention,
    actor: &str,
    reason: Option<&str>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<DisposalRun, Refusal> {
    let reason = optional_text("reason", reason, RUN_REASON)?;
    if let Some(reason) = &reason {
        let e = AuditEvent::new(actor, "interview.dispose_due", None)
            .detail(serde_json::json!({ "reason": reason }));
        store.audit(&e).await?;
    }
    Ok(dispose_parts_due(
        store,
        retention,
        clock.today(),
        clock.now(),
        actor,
        progress,
    )
    .await?)
}
